"""The markdown block and the PNG chart of the page benchmark (``bench.pages`` results).

Targets (issue 7): uncached detail page p95 ≤ 60 ms and ≥ 100 req/s, cached pages ≥ 2,000 req/s,
p99/p50 ≤ 3; queries: detail pages ≤ 12, listings and home ≤ 20.

    python -m bench.report [--command "…"]   # from var/bench/pages-<vendor>.json of the last runs
"""

import datetime
import json
import os
import platform
import re
import subprocess

from .common import BENCH_DIR, ROOT

DOCS = ROOT / "docs"
CHART = DOCS / "performance-pages.png"
TARGETS = {
    "uncached_p95_ms": 60,
    "uncached_rate": 100,
    "cached_rate": 2000,
    "p99_p50": 3,
    "queries": {"detail": 12, "listing": 20},
}
BACKEND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read(), re.MULTILINE)
            model = match.group(1).strip() if match else ""
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": model or platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def verdict(value, limit, upper=True):
    """'✓' when ``value`` meets the target (≤ limit when ``upper``, else ≥ limit), '✗' otherwise."""
    if value is None:
        return "—"
    return "✓" if (value <= limit if upper else value >= limit) else "✗"


def _n(value, digits=1):
    if value is None:
        return "—"
    if isinstance(value, float) and value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"


def rows(result):
    """Markdown table rows for one backend, and the tally of targets met / checked."""
    met = checked = 0
    lines = [
        "| page type | kind | URLs | queries first / repeat (≤ 12 detail, ≤ 20 listing) "
        "| uncached req/s (detail ≥ 100) | uncached p50 / p95 / p99 ms (detail p95 ≤ 60) | uncached p99/p50 (≤ 3) "
        "| cached req/s (≥ 2,000) | cached p50 / p95 / p99 ms | cached p99/p50 (≤ 3) | X-Cache HIT (cached run) |",
        "|---|---|--:|---|---|---|---|---|---|---|---|",
    ]
    for name, t in result["types"].items():
        kind, unc, cac = t["kind"], t["uncached"], t["cached"]
        checks = [
            verdict(t["queries_first"], TARGETS["queries"][kind]),
            verdict(unc["p99_p50"], TARGETS["p99_p50"]),
            verdict(cac["rate"], TARGETS["cached_rate"], upper=False),
            verdict(cac["p99_p50"], TARGETS["p99_p50"]),
        ]
        unc_rate, unc_p95 = "", ""
        if kind == "detail":
            unc_rate = " " + verdict(unc["rate"], TARGETS["uncached_rate"], upper=False)
            unc_p95 = " " + verdict(unc["p95_ms"], TARGETS["uncached_p95_ms"])
            checks += [unc_rate.strip(), unc_p95.strip()]
        met += checks.count("✓")
        checked += sum(1 for c in checks if c in "✓✗")
        errors = ""
        if unc["non_200"] or cac["non_200"] or unc["socket_errors"] or cac["socket_errors"]:
            errors = f" (non-200 {unc['non_200']}/{cac['non_200']}, socket errors {unc['socket_errors']}/{cac['socket_errors']})"  # noqa: E501
        queries = "not counted" if t["queries_first"] is None else f"{t['queries_first']} / {t['queries_repeat']}"
        lines.append(
            f"| {name}{errors} | {kind} | {t['urls']} | {queries} {checks[0]} "
            f"| {_n(unc['rate'])}{unc_rate} | {_n(unc['p50_ms'])} / {_n(unc['p95_ms'])}{unc_p95} / {_n(unc['p99_ms'])} "
            f"| {_n(unc['p99_p50'], 2)} {checks[1]} | {_n(cac['rate'])} {checks[2]} "
            f"| {_n(cac['p50_ms'])} / {_n(cac['p95_ms'])} / {_n(cac['p99_ms'])} | {_n(cac['p99_p50'], 2)} {checks[3]} "
            f"| {cac['hit_percent']:.0f} % |"
        )
    return lines, met, checked


def dataset_line(data):
    sizes = data["sizes"]
    parts = [f"{key} {v['vi']:,} vi + {v['en']:,} en" for key, v in sizes.items()]
    line = f"{data['pages']:,} pages ({', '.join(parts)}); built in {data['build_seconds']:.0f} s "
    line += f"(migrate + demo {data['demo_seconds']:.0f} s, bulk fill {data['fill_seconds']:.0f} s)"
    index = data.get("update_index")
    if not index:
        line += "; **search index not rebuilt after the bulk load (`BENCH_REINDEX=0`): the search results "
        line += "page searched the demo pages' index entries only**"
    if index:
        line += (
            f"; `update_index` {index['documents']:,} documents in {index['seconds']:.0f} s "
            f"= {index['documents_per_second']:,} documents/s"
        )
    return line


BUSY = (
    " **The machine was busy before the run (1-minute load average above 2 on 2 cores): the figures are "
    "noisy and pessimistic.**"
)
QUIET = " Nothing else ran on the machine before the run (1-minute load average at most 2)."


def markdown(results, command, host=None):
    host = host or machine()
    before = [r["load_before"] for r in results.values() if r.get("load_before")]
    if before:
        # Only the first backend's figure tells whether something else ran: the later ones include the
        # load of the benchmark that ran just before them.
        host = {**host, "busy": before[0][0] > 2.0}
        host["load"] += "; before the first backend's run: " + f"{before[0][0]:.1f}"
    first = next(iter(results.values()))
    settings = first["settings"]
    lines = [
        "## Page types under load",
        "",
        f"Command: `{command}`. Measured {datetime.datetime.now():%Y-%m-%d %H:%M} on {host['cores']} cores "
        f"({host['cpu']}), {host['system']}, Python {host['python']}; load average when the report was written: "
        f"{host['load']}.{BUSY if host.get('busy') else (QUIET if 'busy' in host else '')}",
        "",
        f"gunicorn with the production settings on 127.0.0.1, {settings['workers']} workers × "
        f"{settings['threads']} threads (`BENCH_WORKERS`, `BENCH_THREADS`; `max_requests` recycling off so a "
        f"worker's local-memory cache is not dropped mid-run); wrk with {settings['connections']} connections "
        f"(`BENCH_CONNECTIONS`) for {settings['seconds']} s per page type (`BENCH_SECONDS`). Uncached "
        "(`PAGE_CACHE_SECONDS=0`): after a 2-second warm-up, rotating over up to 200 URLs of the type (pages "
        "of a listing, different articles, filters, queries). Cached (`PAGE_CACHE_SECONDS=300`): the hit "
        "path, rotating over the first 20 of those URLs after a 3-second warm-up that puts them in each "
        "worker's cache; the X-Cache column is the share of `X-Cache: HIT` answers seen in that run (pages "
        "never cached, such as search results, stay at 0 %). Queries: in-process with `django.test.Client`, "
        "page cache off, first visit after `cache.clear()` and a repeat visit of the same URL. ✓ target met, "
        "✗ not met, — no target for that figure.",
        "",
    ]
    for vendor, result in results.items():
        name = BACKEND_NAMES.get(vendor, vendor)
        table, met, checked = rows(result)
        lines += [f"### {name}", "", f"Data set: {dataset_line(result['dataset'])}.", "", *table, "",
                  f"Targets met on {name}: {met} of {checked}.", ""]  # fmt: skip
    lines += ["![Throughput and latency per page type](performance-pages.png)", ""]
    return lines


def chart(results, path=CHART):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    vendors = list(results)
    names = list(next(iter(results.values()))["types"])
    figure, axes = plt.subplots(2, len(vendors), figsize=(6.5 * len(vendors), 10), squeeze=False, sharey=True)
    positions = range(len(names))
    for column, vendor in enumerate(vendors):
        types = results[vendor]["types"]
        title = BACKEND_NAMES.get(vendor, vendor)
        top, bottom = axes[0][column], axes[1][column]
        uncached = [max(types[n]["uncached"]["rate"], 0.1) for n in names]
        cached = [max(types[n]["cached"]["rate"], 0.1) for n in names]
        top.barh([p + 0.2 for p in positions], uncached, height=0.4, label="uncached", color="#4c72b0")
        top.barh([p - 0.2 for p in positions], cached, height=0.4, label="cached", color="#dd8452")
        top.set_xscale("log")
        top.axvline(TARGETS["uncached_rate"], color="#4c72b0", linestyle="--", linewidth=1)
        top.axvline(TARGETS["cached_rate"], color="#dd8452", linestyle="--", linewidth=1)
        top.set_title(f"{title}: requests/s (targets 100, 2,000)")
        top.legend(loc="best")
        p50, p95, p99 = ([types[n]["uncached"][k] or 0 for n in names] for k in ("p50_ms", "p95_ms", "p99_ms"))
        bottom.barh([p + 0.27 for p in positions], p50, height=0.27, label="p50", color="#55a868")
        bottom.barh(list(positions), p95, height=0.27, label="p95", color="#c44e52")
        bottom.barh([p - 0.27 for p in positions], p99, height=0.27, label="p99", color="#8172b2")
        bottom.set_xscale("log")
        bottom.axvline(TARGETS["uncached_p95_ms"], color="#c44e52", linestyle="--", linewidth=1)
        bottom.set_title(f"{title}: uncached latency ms (detail p95 ≤ 60)")
        bottom.legend(loc="best")
        for axis in (top, bottom):
            axis.set_yticks(list(positions))
            axis.set_yticklabels(names)
            axis.invert_yaxis()
            axis.grid(axis="x", which="both", alpha=0.3)
    figure.tight_layout()
    path.parent.mkdir(exist_ok=True)
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return path


def load_results(vendors=("sqlite", "postgresql")):
    results = {}
    for vendor in vendors:
        path = BENCH_DIR / f"pages-{vendor}.json"
        if path.exists():
            results[vendor] = json.loads(path.read_text())
    return results


def main():
    import argparse

    from .run import write_block

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--command", default="make bench", help="the command that produced the figures")
    args = parser.parse_args()
    results = load_results()
    if not results:
        raise SystemExit("no results: run `python -m bench.run pages` first")
    chart(results)
    write_block("pages", markdown(results, args.command))
    print(subprocess.list2cmdline(["wrote", str(CHART), "docs/performance.md"]))


if __name__ == "__main__":
    main()
