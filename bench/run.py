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

BENCHMARKS = ["bench.visit_counter"]
OPTIONAL = ["bench.search_bench"]  # present once the search benchmark exists


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
    for name in OPTIONAL:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError:
            pass
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
        "# Performance",
        "",
        f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} on this machine ({platform.machine()}, "
        f"{cores} cores, Python {platform.python_version()}), "
        "gunicorn with the production settings on 127.0.0.1. Reproduce with `make bench` "
        "(or `python -m bench.run`).",
        "",
    ]
    for (title, backend), data in results.items():
        lines += [f"## {title} — {backend}", "", "```json", json.dumps(data, indent=2), "```", ""]
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "performance.md").write_text("\n".join(lines), encoding="utf-8")
    print("Wrote docs/performance.md", file=sys.stderr)


if __name__ == "__main__":
    main()
