"""`make bench`: run the benchmarks of the project and write docs/performance.md.

    python -m bench.run [all|pages|search|visits|investment ...]     (default: all)

- ``pages``: the large data set (bench.dataset) and every public page type under load with wrk,
  uncached and cached, plus queries per page type (bench.pages), on ``BENCH_BACKENDS``; writes the
  table and docs/performance-pages.png (bench.report).
- ``search``: bench/search_bench.py run as it is on the same large data sets.
- ``visits``, ``investment``: the visit counter's cost and the English investment pages' queries
  (their own small databases, fresh each time).

Environment: ``BENCH_SECONDS`` (wrk seconds per page type, 20), ``BENCH_BACKENDS`` (``sqlite,postgresql``;
PostgreSQL is skipped when nothing answers on 127.0.0.1:5432), ``BENCH_FRESH=1`` (rebuild the data sets),
``BENCH_WORKERS`` (2), ``BENCH_THREADS`` (2), ``BENCH_CONNECTIONS`` (4), ``BENCH_PORT`` (8095).

Each sub-command rewrites only its own block between ``<!-- make bench: NAME start/end -->`` markers;
hand-written findings around the blocks are kept.
"""

import datetime
import importlib
import json
import os
import platform
import subprocess
import sys

from .common import BENCH_DIR, PYTHON, ROOT, bench_env

LEGACY = ["bench.visit_counter", "bench.investment_queries"]
SUBCOMMANDS = ["pages", "search", "visits", "investment"]


def markers(name):
    return f"<!-- make bench: {name} start -->", f"<!-- make bench: {name} end -->"


def postgres_available():
    try:
        subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], check=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return False
    return True


def postgres_url():
    """A fresh database ``portal_bench`` for the small benchmarks, or None without PostgreSQL."""
    if not postgres_available():
        return None
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q"]
    drop = "DROP DATABASE IF EXISTS portal_bench WITH (FORCE)"
    subprocess.run([*psql, "-c", drop, "-c", "CREATE DATABASE portal_bench"], check=True, stdout=subprocess.DEVNULL)
    return "postgres://postgres@127.0.0.1:5432/portal_bench"


def backends():
    wanted = [b.strip() for b in os.environ.get("BENCH_BACKENDS", "sqlite,postgresql").split(",") if b.strip()]
    if "postgresql" in wanted and not postgres_available():
        print("PostgreSQL does not answer on 127.0.0.1:5432: skipped", file=sys.stderr)
        wanted.remove("postgresql")
    return wanted


def write_block(name, lines):
    """Replace the block ``name`` of docs/performance.md (appended when missing)."""
    start, end = markers(name)
    path = ROOT / "docs" / "performance.md"
    path.parent.mkdir(exist_ok=True)
    existing = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    block = "\n".join([start, *lines, end])
    if start in existing and end in existing:
        before, rest = existing.split(start, 1)
        updated = before + block + rest.split(end, 1)[1]
    else:
        updated = existing.rstrip() + "\n\n" + block + "\n"
    path.write_text(updated, encoding="utf-8")
    print(f"Wrote the {name} block of docs/performance.md", file=sys.stderr)


def command_line(name):
    knobs = " ".join(
        f"{k}={os.environ[k]}" for k in ("BENCH_SECONDS", "BENCH_BACKENDS", "BENCH_FRESH") if k in os.environ
    )
    return f"{knobs + ' ' if knobs else ''}make bench  (this block: python -m bench.run {name})"


def run_pages():
    from . import pages, report

    results = pages.run(backends=backends())
    report.chart(results)
    write_block("pages", report.markdown(results, command_line("pages")))


def search_database(vendor):
    """A fresh database for bench/search_bench.py (it migrates, loads the demo and fills it itself)."""
    if vendor == "postgresql":
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q"]
        drop = "DROP DATABASE IF EXISTS portal_search_bench WITH (FORCE)"
        subprocess.run([*psql, "-c", drop, "-c", "CREATE DATABASE portal_search_bench"], check=True)
        return "postgres://postgres@127.0.0.1:5432/portal_search_bench"
    path = BENCH_DIR / "search-sqlite.sqlite3"
    path.unlink(missing_ok=True)
    return f"sqlite:///{path}"


def run_search():
    """bench/search_bench.py at the sizes of issue 3 (10,000 procedures + 20,000 articles, Vietnamese),
    on a fresh database per backend: fill, update_index, then the timings."""
    lines = [
        "## Search at 10,000 procedures + 20,000 articles (bench/search_bench.py)",
        "",
        f"Command: `{command_line('search')}`, which runs `python bench/search_bench.py --procedures 10000 "
        "--articles 20000 --runs 5 --json var/bench/search-<backend>.json` on a fresh database per backend "
        "(migrate, demo, bulk fill, `update_index` timed, then each query timed 5 times after a warm-up). "
        f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} on {os.cpu_count()} cores; 1-minute load average "
        f"before the run: {os.getloadavg()[0]:.1f}. Targets (PostgreSQL): search p95 ≤ 150 ms, "
        "autocomplete p95 ≤ 50 ms.",
        "",
    ]
    for vendor in backends():
        url = search_database(vendor)
        output = BENCH_DIR / f"search-{vendor}.json"
        env = bench_env(url, PAGE_CACHE_SECONDS="0", DJANGO_SETTINGS_MODULE="portal.settings.dev", DEBUG="false")
        command = [PYTHON, "bench/search_bench.py", "--procedures", "10000", "--articles", "20000", "--runs", "5",
                   "--json", str(output)]  # fmt: skip
        print(f"== search on {vendor}", flush=True)
        out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if out.returncode != 0:
            lines += [f"### {vendor}", "", "```", f"failed (exit {out.returncode}):", out.stderr[-2000:], "```", ""]
            continue
        data = json.loads(output.read_text())
        print(json.dumps(data, indent=2), flush=True)
        lines += [f"### {vendor} ({data['pages']:,} pages)", "", *search_table(data), ""]
    write_block("search", lines)


def search_table(data):
    def row(name, key, target=None):
        figures = data[key]
        verdict = ""
        if target is not None:
            verdict = " ✓" if figures["p95_ms"] <= target else " ✗"
        limit = f"≤ {target} ms" if target is not None else "—"
        return f"| {name} | {figures['p50_ms']} | {figures['p95_ms']}{verdict} | {figures['max_ms']} | {limit} |"

    index = data["update_index"]
    listing = ", ".join(f"{count} at {int(size):,}" for size, count in data["listing_queries"].items())
    return [
        "| | p50 ms | p95 ms | max ms | target (p95) |",
        "|---|---|---|---|---|",
        row("search (`ranked_hits`)", "search", 150),
        row("autocomplete", "autocomplete", 50),
        row("search page `/vi/search/` (whole response)", "search_view"),
        "",
        f"`update_index`: {index['documents']:,} documents in {index['seconds']} s = {index['docs_per_s']} "
        f"documents/s. Queries per procedure listing page: {listing} procedures. Queries per search: "
        f"{data['queries']['search']}, per suggestion: {data['queries']['autocomplete']}.",
    ]


def run_legacy(name):
    module = importlib.import_module({"visits": LEGACY[0], "investment": LEGACY[1]}[name])
    urls = {"SQLite": f"sqlite:///{BENCH_DIR / (module.__name__.split('.')[-1] + '.sqlite3')}"}
    if "postgresql" in backends():
        urls["PostgreSQL"] = "postgresql"
    cores = os.cpu_count()
    lines = [
        f"## {module.TITLE}",
        "",
        f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} on this machine ({platform.machine()}, {cores} cores, "
        f"Python {platform.python_version()}), gunicorn with the production settings on 127.0.0.1. Reproduce "
        f"with `make bench` (this block: `python -m bench.run {name}`).",
        "",
    ]
    for backend, url in urls.items():
        if url.startswith("sqlite"):
            (BENCH_DIR / url.rsplit("/", 1)[-1]).unlink(missing_ok=True)
        else:
            url = postgres_url()  # a fresh database for each benchmark
        print(f"== {module.TITLE} on {backend}", flush=True)
        data = module.run(url)
        print(json.dumps(data, indent=2), flush=True)
        lines += [f"### {backend}", "", "```json", json.dumps(data, indent=2), "```", ""]
    write_block(name, lines)


def main(argv=None):
    argv = argv if argv is not None else sys.argv[1:]
    names = SUBCOMMANDS if not argv or argv == ["all"] else argv
    unknown = [n for n in names if n not in SUBCOMMANDS]
    if unknown:
        raise SystemExit(f"unknown sub-command {unknown}; choose from all, {', '.join(SUBCOMMANDS)}")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for name in names:
        if name == "pages":
            run_pages()
        elif name == "search":
            run_search()
        else:
            run_legacy(name)


if __name__ == "__main__":
    main()
