"""`make bench`: run every benchmark of the project and write docs/performance.md.

Each benchmark module in this package exposes ``run(database_url) -> dict`` and a ``TITLE``; this runner
calls them against SQLite (the zero-setup default) and, when PostgreSQL answers on 127.0.0.1:5432, against
a fresh PostgreSQL database too, then writes the numbers with the command that reproduces them.
"""

import datetime
import importlib
import json
import platform
import subprocess
import sys

from .common import BENCH_DIR, ROOT

BENCHMARKS = ["bench.visit_counter", "bench.investment_queries"]
START, END = "<!-- make bench: start -->", "<!-- make bench: end -->"


def postgres_url():
    try:
        subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], check=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q"]
    drop = "DROP DATABASE IF EXISTS portal_bench WITH (FORCE)"
    subprocess.run([*psql, "-c", drop, "-c", "CREATE DATABASE portal_bench"], check=True, stdout=subprocess.DEVNULL)
    return "postgres://postgres@127.0.0.1:5432/portal_bench"


def main():
    modules = [importlib.import_module(name) for name in BENCHMARKS]
    results = {}
    for module in modules:
        backends = {"SQLite": f"sqlite:///{BENCH_DIR / (module.__name__.split('.')[-1] + '.sqlite3')}"}
        pg = postgres_url()
        if pg:
            backends["PostgreSQL"] = pg
        for backend, url in backends.items():
            if url.startswith("sqlite"):
                (BENCH_DIR / url.rsplit("/", 1)[-1]).unlink(missing_ok=True)
            elif backend == "PostgreSQL":
                postgres_url()  # fresh database for each benchmark
            print(f"== {module.TITLE} on {backend}", flush=True)
            results[(module.TITLE, backend)] = module.run(url)
            print(json.dumps(results[(module.TITLE, backend)], indent=2), flush=True)
    write_report(results)


def write_report(results):
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    lines = [
        "## `make bench` results",
        "",
        f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} on this machine ({platform.machine()}, "
        f"{cores} cores, Python {platform.python_version()}), "
        "gunicorn with the production settings on 127.0.0.1. Reproduce with `make bench` "
        "(or `python -m bench.run`).",
        "",
    ]
    for (title, backend), data in results.items():
        lines += [f"### {title} — {backend}", "", "```json", json.dumps(data, indent=2), "```", ""]
    # Only the generated block is replaced; hand-written findings around it are kept.
    path = ROOT / "docs" / "performance.md"
    path.parent.mkdir(exist_ok=True)
    existing = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    block = "\n".join([START, *lines, END])
    if START in existing and END in existing:
        before, rest = existing.split(START, 1)
        updated = before + block + rest.split(END, 1)[1]
    else:
        updated = existing.rstrip() + "\n\n" + block + "\n"
    path.write_text(updated, encoding="utf-8")
    print("Wrote docs/performance.md", file=sys.stderr)


if __name__ == "__main__":
    main()
