"""Page types under load: throughput and latency with wrk, uncached and cached, and queries per page.

For each backend (``BENCH_BACKENDS``, default ``sqlite,postgresql``) on the large data set of
``bench.dataset``:

1. in-process (django.test.Client, production settings, page cache off): up to 200 URLs of each page
   type are chosen and checked (status 200), and the queries of the first and of a repeat visit of
   one of them are counted with ``CaptureQueriesContext`` (the first visit after ``cache.clear()``);
2. gunicorn with the production settings on 127.0.0.1 (``BENCH_WORKERS`` workers, default 2, of
   ``BENCH_THREADS`` threads, default 2), once with ``PAGE_CACHE_SECONDS=0`` and once with ``300``;
   for each page type wrk runs ``BENCH_SECONDS`` (default 20) over ``BENCH_CONNECTIONS`` (default 4)
   keep-alive connections, after a 2-second warm-up, with a Lua script that rotates over that type's
   URLs and counts the ``X-Cache`` answers (HIT, MISS, BYPASS, none) and non-200 responses.

Results go to ``var/bench/pages-<vendor>.json``; ``bench.report`` turns them into the
docs/performance.md block and docs/performance-pages.png.

    python -m bench.pages [--backends sqlite,postgresql] [--seconds 20] [--fresh]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

from . import dataset
from .common import BENCH_DIR, ROOT, Gunicorn, bench_env

# (name, kind): kind decides the query budget and the latency targets (detail pages are the targets
# of the uncached figures; listings have their own query budget).
PAGE_TYPES = [
    ("home (vi)", "listing"),
    ("home (en)", "listing"),
    ("news index", "listing"),
    ("article", "detail"),
    ("article (en)", "detail"),
    ("procedure listing", "listing"),
    ("procedure listing, filtered", "listing"),
    ("procedure page", "detail"),
    ("procedure page (en)", "detail"),
    ("zone list", "listing"),
    ("project list", "listing"),
    ("zone page", "detail"),
    ("zone page (en)", "detail"),
    ("project page", "detail"),
    ("legal documents", "listing"),
    ("search results", "listing"),
    ("sitemap.xml", "listing"),
]
SEARCH_QUERIES = [
    "dang ky dau tu", "đăng ký đầu tư", "giay phep xay dung", "giấy phép môi trường", "lao dong nuoc ngoai",
    "quy hoach chi tiet", "thue dat", "xuat xu hang hoa", "khu cong nghiep", "chung nhan",
]  # fmt: skip
MAX_URLS = 200
CACHED_URLS = 20
# Too slow to request in-process on the large data set (minutes per request on a loaded 2-core
# machine): measured only under wrk, where no answer within BENCH_SECONDS shows as such.
NOT_IN_PROCESS = [name.strip() for name in os.environ.get("BENCH_NOT_IN_PROCESS", "sitemap.xml").split(",") if name]
PORT = int(os.environ.get("BENCH_PORT", "8095"))

COLLECT = r"""
import json, random, sys
from urllib.parse import urlencode

import django
django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from investment.models import InvestmentIndexPage, InvestmentProjectPage, ZonePage
from procedures.models import ProcedureIndexPage, ProcedurePage
from sections.models import ArticlePage, LegalDocumentIndexPage, LegalDocumentPage, NewsIndexPage, Topic

MAX, QUERIES, SKIP = int(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
rng = random.Random(7)
vi, en = Locale.objects.get(language_code="vi"), Locale.objects.get(language_code="en")


def sample(queryset):
    ids = list(queryset.values_list("pk", flat=True))
    chosen = rng.sample(ids, min(MAX, len(ids)))
    return [p.url for p in queryset.model.objects.filter(pk__in=chosen).order_by("path")]


def pages(base, count):
    return [base] + [f"{base}?page={n}" for n in range(2, count + 1)]


news = NewsIndexPage.objects.get(locale=vi)
procedures = ProcedureIndexPage.objects.get(locale=vi)
invest = InvestmentIndexPage.objects.get(locale=vi)
legal = LegalDocumentIndexPage.objects.get(locale=vi)
used_fields = ProcedurePage.objects.filter(locale=vi).values("field")
topics = Topic.objects.filter(pk__in=used_fields).values_list("slug", flat=True)
filtered = []
for topic in topics:
    for level in ("toan_trinh", "mot_phan", "khong"):
        for page in (1, 2):
            params = {"linh_vuc": topic, "muc_do": level}
            if page > 1:
                params["page"] = page
            filtered.append(procedures.url + "?" + urlencode(params))
years = sorted({d.year for d in LegalDocumentPage.objects.filter(locale=vi).values_list("issue_date", flat=True) if d})
legal_urls = [legal.url] + [f"{legal.url}?nam={y}" for y in years] + [f"{legal.url}?hieu-luc=in_force"]
search = [f"/vi/search/?{urlencode({'q': q})}" for q in QUERIES] + [
    f"/vi/search/?{urlencode({'q': q, 'page': 2})}" for q in QUERIES
]
urls = {
    "home (vi)": ["/vi/"],
    "home (en)": ["/en/"],
    "news index": pages(news.url, MAX),
    "article": sample(ArticlePage.objects.live().filter(locale=vi, slug__startswith="bench-")),
    "article (en)": sample(ArticlePage.objects.live().filter(locale=en, slug__startswith="bench-")),
    "procedure listing": pages(procedures.url, MAX),
    "procedure listing, filtered": filtered[:MAX],
    "procedure page": sample(ProcedurePage.objects.live().filter(locale=vi, slug__startswith="bench-")),
    "procedure page (en)": sample(ProcedurePage.objects.live().filter(locale=en, slug__startswith="bench-")),
    "zone list": [invest.url],
    "project list": pages(invest.url + "du-an/", 26),
    "zone page": sample(ZonePage.objects.live().filter(locale=vi, slug__startswith="bench-")),
    "zone page (en)": sample(ZonePage.objects.live().filter(locale=en, slug__startswith="bench-")),
    "project page": sample(InvestmentProjectPage.objects.live().filter(locale=vi, slug__startswith="bench-")),
    "legal documents": legal_urls[:MAX],
    "search results": search[:MAX],
    "sitemap.xml": ["/sitemap.xml"],
}

client = Client(HTTP_HOST="127.0.0.1")
result = {}
for name, type_urls in urls.items():
    if name in SKIP:
        result[name] = {"urls": type_urls, "queries_url": type_urls[0], "queries_first": None, "queries_repeat": None}
        continue
    # Every URL answers 200 (checked on a few, spread over the list: the rest are the same kind).
    step = max(1, len(type_urls) // 5)
    for url in type_urls[::step]:
        status = client.get(url).status_code
        assert status == 200, (name, url, status)
    url = type_urls[len(type_urls) // 2]
    cache.clear()
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as repeat:
        client.get(url)
    result[name] = {"urls": type_urls, "queries_url": url, "queries_first": len(first),
                    "queries_repeat": len(repeat)}
print(json.dumps(result))
"""

LUA = r"""
local paths = %(paths)s
local counter = 0
hits, misses, bypass, other, bad = 0, 0, 0, 0, 0  -- globals: done() reads them with thread:get
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 37)
  table.insert(threads, thread)
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
  local x = headers["X-Cache"] or headers["x-cache"]
  if x == "HIT" then hits = hits + 1
  elseif x == "MISS" then misses = misses + 1
  elseif x == "BYPASS" then bypass = bypass + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local h, m, b, o, e = 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hits"); m = m + t:get("misses"); b = b + t:get("bypass")
    o = o + t:get("other"); e = e + t:get("bad")
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, ' ..
    '"max_us": %%d, "hits": %%d, "misses": %%d, "bypass": %%d, "no_header": %%d, "non_200": %%d, ' ..
    '"socket_errors": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, h, m, b, o, e,
    errors.connect + errors.read + errors.write + errors.timeout))
end
"""


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing wrk (Debian package)", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")


def collect(vendor):
    """URLs per page type (checked) and queries per page type, in-process with the page cache off."""
    env = bench_env(dataset.database_url(vendor), PAGE_CACHE_SECONDS="0")
    out = subprocess.run(
        [sys.executable, "-c", COLLECT, str(MAX_URLS), json.dumps(SEARCH_QUERIES, ensure_ascii=False),
         json.dumps(NOT_IN_PROCESS)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-4000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def lua_list(paths):
    return "{" + ", ".join(json.dumps(p) for p in paths) + "}"


def wrk(urls, seconds, connections, threads=2):
    script = BENCH_DIR / f"rotate-{PORT}.lua"  # one per port: two backends may be measured at once
    script.write_text(LUA % {"paths": lua_list(urls)})
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s",
               "-s", str(script), f"http://127.0.0.1:{PORT}"]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCHJSON "))
    raw = json.loads(line.split(" ", 1)[1])
    # No answer within the run (a page slower than BENCH_SECONDS): no latency figures, not zeros.
    p50, p95, p99 = (raw[k] / 1000 if raw["requests"] else None for k in ("p50_us", "p95_us", "p99_us"))
    answered = raw["hits"] + raw["misses"] + raw["bypass"] + raw["no_header"]
    return {
        "requests": raw["requests"],
        "rate": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": p50 and round(p50, 1),
        "p95_ms": p95 and round(p95, 1),
        "p99_ms": p99 and round(p99, 1),
        "p99_p50": round(p99 / p50, 2) if p50 else None,
        "hit_percent": round(100 * raw["hits"] / answered, 1) if answered else 0.0,
        "x_cache": {k: raw[k] for k in ("hits", "misses", "bypass", "no_header")},
        "non_200": raw["non_200"],
        "socket_errors": raw["socket_errors"],
    }


def measure(vendor, types, seconds, connections, workers, threads):
    results = {name: {} for name in types}
    for mode, cache_seconds in (("uncached", "0"), ("cached", "300")):
        env = bench_env(dataset.database_url(vendor), PAGE_CACHE_SECONDS=cache_seconds, GUNICORN_MAX_REQUESTS="0")
        with Gunicorn(env, PORT, workers=workers, threads=threads):
            for name, data in types.items():
                # Cached: the hit path, on the first CACHED_URLS URLs of the type, each already cached
                # in every worker by the warm-up (with 200 URLs and a per-worker cache, the run would
                # mostly time the misses: that is the uncached figure).
                urls = data["urls"][:CACHED_URLS] if mode == "cached" else data["urls"]
                wrk(urls, 3 if mode == "cached" else 2, connections)  # warm-up: connections, caches
                results[name][mode] = figures = wrk(urls, seconds, connections)
                print(f"  {vendor} {mode:8} {name:30} {figures['rate']:8.1f} req/s  p50 {figures['p50_ms']}  "
                      f"p95 {figures['p95_ms']}  p99 {figures['p99_ms']} ms  "
                      f"hits {figures['hit_percent']:5.1f} %  non-200 {figures['non_200']}", flush=True)  # fmt: skip
    return results


def run_backend(vendor, seconds, connections, workers, threads, fresh=False):
    print(f"== pages on {vendor}", flush=True)
    data = dataset.build(vendor, fresh=fresh)
    # The search results page needs the bulk-built pages indexed (BENCH_REINDEX=0 skips it: the search
    # results are then measured on the demo pages' index entries only, and the report says so).
    if "update_index" not in data and os.environ.get("BENCH_REINDEX", "1") != "0":
        data = dataset.build(vendor, reindex_wanted=True)
    load_before = os.getloadavg()
    started = time.perf_counter()
    types = collect(vendor)
    print(f"  collected URLs and queries in {time.perf_counter() - started:.0f} s", flush=True)
    load = measure(vendor, types, seconds, connections, workers, threads)
    kinds = dict(PAGE_TYPES)
    result = {
        "vendor": vendor,
        "dataset": data,
        "load_before": load_before,
        "settings": {"seconds": seconds, "connections": connections, "workers": workers, "threads": threads},
        "types": {
            name: {
                "kind": kinds[name],
                "urls": len(types[name]["urls"]),
                "queries_url": types[name]["queries_url"],
                "queries_first": types[name]["queries_first"],
                "queries_repeat": types[name]["queries_repeat"],
                **load[name],
            }
            for name, _kind in PAGE_TYPES
        },
    }
    (BENCH_DIR / f"pages-{vendor}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    return result


def settings_from_env():
    return {
        "backends": [b.strip() for b in os.environ.get("BENCH_BACKENDS", "sqlite,postgresql").split(",") if b.strip()],
        "seconds": int(os.environ.get("BENCH_SECONDS", "20")),
        "connections": int(os.environ.get("BENCH_CONNECTIONS", "4")),
        "workers": int(os.environ.get("BENCH_WORKERS", "2")),
        "threads": int(os.environ.get("BENCH_THREADS", "2")),
        "fresh": os.environ.get("BENCH_FRESH", "") in ("1", "true", "yes"),
    }


def run(backends=None, seconds=None, fresh=None):
    """Run the page benchmark on each backend; returns {vendor: result}."""
    config = settings_from_env()
    backends = backends or config["backends"]
    seconds = seconds or config["seconds"]
    fresh = config["fresh"] if fresh is None else fresh
    ensure_wrk()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    return {
        vendor: run_backend(vendor, seconds, config["connections"], config["workers"], config["threads"], fresh)
        for vendor in backends
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", help="comma-separated: sqlite,postgresql (default BENCH_BACKENDS)")
    parser.add_argument("--seconds", type=int, help="wrk duration per page type (default BENCH_SECONDS or 20)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the data set")
    args = parser.parse_args()
    backends = args.backends.split(",") if args.backends else None
    run(backends, args.seconds, args.fresh or None)


if __name__ == "__main__":
    main()
