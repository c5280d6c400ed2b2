"""Soak test: a realistic visitor mix against gunicorn for a bounded time, driven by wrk.

Serves the demo site with gunicorn (production settings, a fixed number of workers, 127.0.0.1,
its own database: PostgreSQL from SOAK_DATABASE_URL or a SQLite file under var/bench/), then runs
wrk with a Lua script that picks each request from a weighted mix:

- home pages (vi, en), the news index and articles, procedure pages,
- the procedure listing with facet filters (field, agency, online level, status, sorting, page 2),
- site search with and without diacritics ("dang ky dau tu", "đăng ký đầu tư", "quy hoach", ...),
- the search autocomplete, English investment pages (index, zones, projects, incentives),
- the visit counter POST /visits/ every browser sends after a page load.

It reports requests, errors (non-2xx/3xx responses and socket errors), throughput and latency
p50/p95/p99 and writes them as JSON under var/bench/ (``soak-<timestamp>.json``).

    DURATION=600 CONNECTIONS=8 SOAK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_soak \\
        python -m bench.soak            # or: make soak

Environment: DURATION (seconds, default 600), CONNECTIONS (wrk connections, default 8), THREADS
(wrk threads, default 2), WORKERS / GUNICORN_THREADS (gunicorn, default 3 / 1), SOAK_PORT (8093),
SOAK_DATABASE_URL (default: SQLite file var/bench/soak.sqlite3), SOAK_VAR_DIR (media and static
files, default var/bench). The database is migrated and the
demo loaded only when it has no departments yet, so a second run reuses it.

wrk is Debian's package ``wrk``: when it is missing and this runs as root, it is installed with
apt-get; otherwise install it yourself (``sudo apt-get install wrk``).
"""

import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from .common import BENCH_DIR, ROOT, Gunicorn, bench_env, manage, request

BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36"}
SEARCHES = [
    "dang ky dau tu", "đăng ký đầu tư", "quy hoach", "quy hoạch xây dựng", "giay phep moi truong", "khu kinh tế",
]  # fmt: skip
SUGGESTS = ["dang k", "đăng k", "quy ho", "giay p", "thu tuc", "khu c"]


def ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk not found: installing Debian's package with apt-get", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
        if shutil.which("wrk"):
            return shutil.which("wrk")
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        return shutil.which("wrk")
    sys.exit("wrk is required: install Debian's package with `sudo apt-get install wrk`.")


def prepare(database_url):
    var_dir = Path(os.environ.get("SOAK_VAR_DIR") or BENCH_DIR)
    env = bench_env(
        database_url, PORTAL_VISITS_FLUSH_SECONDS="10", PORTAL_VAR_DIR=str(var_dir), STATIC_ROOT=str(var_dir / "static")
    )
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    var_dir.mkdir(parents=True, exist_ok=True)
    manage(env, "migrate", "--noinput")
    has_content = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "import sys; from sections.models import Department; sys.exit(0 if Department.objects.exists() else 1)"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    ).returncode == 0  # fmt: skip
    if not has_content:
        manage(env, "load_demo", "--password", "soak-pass-123")
    manage(env, "collectstatic", "--noinput")
    return env


def links(html, prefix):
    """Distinct same-site links under ``prefix`` in ``html``, in page order (query strings dropped)."""
    found = []
    for href in re.findall(rb'href="(' + re.escape(prefix.encode()) + rb'[^"#?]*)"', html):
        path = href.decode()
        if path != prefix and path not in found:
            found.append(path)
    return found


def get(port, path):
    status, body = request(port, "GET", path, headers=BROWSER)
    if status != 200:
        raise RuntimeError(f"{path} answered {status} before the soak started")
    return body


def discover(port):
    """The weighted request mix, found by following the demo site's own links."""
    mix = []  # (weight, method, path, body)
    home_vi, home_en = get(port, "/vi/"), get(port, "/en/")
    mix += [(6, "GET", "/vi/", None), (3, "GET", "/en/", None)]

    news_index = "/vi/tin-tuc-su-kien/"
    news = get(port, news_index)
    articles = links(news, news_index)[:6]
    mix += [(3, "GET", news_index, None)] + [(2, "GET", path, None) for path in articles]

    procedure_index = next(path for path in links(home_vi, "/vi/") if "thu-tuc" in path and path.count("/") == 3)
    listing = get(port, procedure_index)
    procedures = [path for path in links(listing, procedure_index) if path.count("/") == 4][:8]
    mix += [(3, "GET", procedure_index, None)] + [(2, "GET", path, None) for path in procedures]
    filters = []
    for parameter in ("linh_vuc", "co_quan", "muc_do", "tinh_trang"):
        values = sorted(set(re.findall(rb"[?&;]" + parameter.encode() + rb"=([^&\"]+)", listing)))[:2]
        filters += [{parameter: value.decode()} for value in values]
    filters += [{"sap_xep": "ma"}, {"sap_xep": "moi"}, {"q": "dang ky dau tu"}, {"q": "giấy phép", "sap_xep": "ten"}]
    mix += [(2, "GET", f"{procedure_index}?{urlencode(params)}", None) for params in filters]

    for query in SEARCHES:
        mix.append((3, "GET", f"/vi/search/?q={quote(query)}", None))
    mix.append((1, "GET", "/en/search/?q=investment", None))
    for prefix in SUGGESTS:
        mix.append((3, "GET", f"/vi/search/suggest/?q={quote(prefix)}", None))

    investment_index = next(path for path in links(home_en, "/en/") if "invest" in path and path.count("/") == 3)
    investment = get(port, investment_index)
    investment_pages = [path for path in links(investment, investment_index)][:8]
    mix += [(3, "GET", investment_index, None)] + [(2, "GET", path, None) for path in investment_pages]

    page_id = re.search(rb'data-page-id="(\d+)"', get(port, articles[0])).group(1).decode()
    mix.append((12, "POST", "/visits/", f"page={page_id}"))

    for _weight, method, path, _body in mix:  # every URL of the mix answers before the clock starts
        if method == "GET":
            get(port, path)
    return mix


LUA = r"""
-- Generated by bench/soak.py: weighted random picks from the request mix; counts statuses per thread.
local mix = {%(entries)s}
local total = 0
for _, item in ipairs(mix) do total = total + item[1] end
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000) + #threads)
  statuses = {}
end

function request()
  local pick = math.random() * total
  for _, item in ipairs(mix) do
    pick = pick - item[1]
    if pick <= 0 then
      local headers = {["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 soak"}
      if item[2] == "POST" then headers["Content-Type"] = "application/x-www-form-urlencoded" end
      return wrk.format(item[2], item[3], headers, item[4])
    end
  end
  return wrk.format("GET", mix[1][3])
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local theirs = thread:get("statuses")
    if theirs then
      for key, value in pairs(theirs) do counts[key] = (counts[key] or 0) + value end
    end
  end
  local parts = {}
  for key, value in pairs(counts) do table.insert(parts, string.format('"%%s": %%d', key, value)) end
  local e = summary.errors
  io.write("SOAK-JSON ", string.format(
    '{"duration_us": %%d, "requests": %%d, "bytes": %%d, "socket_errors": {"connect": %%d, "read": %%d, ' ..
    '"write": %%d, "timeout": %%d}, "non_2xx_3xx": %%d, "statuses": {%%s}, "latency_us": {"p50": %%d, ' ..
    '"p90": %%d, "p95": %%d, "p99": %%d, "max": %%d, "mean": %%.1f}}',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    table.concat(parts, ", "), latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean), "\n")
end
"""


def lua_script(mix):
    def lua_string(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    entries = ",\n  ".join(
        f"{{{weight}, {lua_string(method)}, {lua_string(path)}, {lua_string(body) if body else 'nil'}}}"
        for weight, method, path, body in mix
    )
    return LUA % {"entries": "\n  " + entries + "\n"}


def run(database_url, duration, connections, threads, workers, gunicorn_threads, port):
    wrk = ensure_wrk()
    env = prepare(database_url)
    with Gunicorn(env, port, workers=workers, threads=gunicorn_threads, startup_seconds=120):
        mix = discover(port)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(lua_script(mix))
        command = [wrk, "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s",
                   "--latency", "-s", script.name, f"http://127.0.0.1:{port}"]  # fmt: skip
        print(f"soak: {len(mix)} URLs, {duration}s, {connections} connections, {workers} workers", flush=True)
        started = datetime.datetime.now(datetime.UTC)
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        os.unlink(script.name)
        health = request(port, "GET", "/healthz")[0]
    line = next(line for line in output.splitlines() if line.startswith("SOAK-JSON "))
    raw = json.loads(line.removeprefix("SOAK-JSON "))
    seconds = raw["duration_us"] / 1e6
    socket_errors = sum(raw["socket_errors"].values())
    errors = raw["non_2xx_3xx"] + socket_errors
    report = {
        "started_utc": started.strftime("%Y-%m-%d %H:%M:%S"),
        "database": database_url.split("://", 1)[0],
        "duration_s": round(seconds, 1),
        "connections": connections,
        "wrk_threads": threads,
        "gunicorn_workers": workers,
        "gunicorn_threads": gunicorn_threads,
        "urls_in_mix": len(mix),
        "requests": raw["requests"],
        "errors": errors,
        "error_rate": round(errors / raw["requests"], 6) if raw["requests"] else None,
        "non_2xx_3xx": raw["non_2xx_3xx"],
        "socket_errors": raw["socket_errors"],
        "statuses": raw["statuses"],
        "requests_per_second": round(raw["requests"] / seconds, 1),
        "latency_ms": {key: round(value / 1000, 1) for key, value in raw["latency_us"].items()},
        "healthz_after": health,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "mix": [{"weight": w, "method": m, "path": p} for w, m, p, _b in mix],
    }
    return report, output


def main():
    database_url = os.environ.get("SOAK_DATABASE_URL") or f"sqlite:///{BENCH_DIR / 'soak.sqlite3'}"
    report, output = run(
        database_url,
        duration=int(os.environ.get("DURATION", "600")),
        connections=int(os.environ.get("CONNECTIONS", "8")),
        threads=int(os.environ.get("THREADS", "2")),
        workers=int(os.environ.get("WORKERS", "3")),
        gunicorn_threads=int(os.environ.get("GUNICORN_THREADS", "1")),
        port=int(os.environ.get("SOAK_PORT", "8093")),
    )
    print(output.split("SOAK-JSON", 1)[0].rstrip())
    target = BENCH_DIR / f"soak-{time.strftime('%Y%m%dT%H%M%S')}.json"
    target.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    summary = {key: value for key, value in report.items() if key != "mix"}
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    print(f"written to {target}")
    if report["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
