"""Search benchmark: fills procedures and articles, then measures search and autocomplete latency
(p50/p95 of the functions the views call, and of the views), update_index throughput and the queries per
procedure listing page at 10 and 1,000 procedures.

Run it against a database of its own (it adds thousands of pages):

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python bench/search_bench.py --procedures 10000 --articles 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/search_bench.py ...

The database is migrated and the demo structure loaded first (idempotent); pages already there from a
previous run are kept, so a second run only re-indexes and measures. The results are printed as JSON
(and written to --json FILE); ``run(database_url)`` does the same in a subprocess for ``make bench``.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DEBUG", "false")  # no debug query log or debug templates in the timings

TITLE = "Search: latency at 10,000 procedures and 20,000 articles"

QUERIES = [
    "dang ky dau tu", "đăng ký đầu tư", "giay phep xay dung", "giấy phép môi trường", "giay phep lao dong",
    "cap lai giay chung nhan", "quy hoach chi tiet", "thue dat khu cong nghiep", "xuat xu hang hoa",
    "xin cấp giấy phép xay dung", "dieu chinh du an dau tu", "giay phep xay dugn", "nguoi nuoc ngoai",
    "khu kinh tế cửa khẩu", "tham dinh bao cao", "chuyen nhuong du an", "moi truong", "dau tu",
]  # fmt: skip
PREFIXES = ["dang ky", "giay p", "quy ho", "đăng k", "cap gi", "tham d", "xuat x", "lao d"]
WORDS = (
    "đầu tư xây dựng môi trường lao động giấy phép đăng ký quy hoạch khu kinh tế khu công nghiệp doanh nghiệp "
    "dự án chứng nhận điều chỉnh thẩm định báo cáo đất đai cho thuê xuất khẩu hàng hóa cửa khẩu hạ tầng"
).split()
BATCH = 500


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def latency(fn, inputs, runs):
    """p50/p95 in ms of ``fn(x)`` over every input, ``runs`` times each, after one warm-up call each."""
    for value in inputs:
        fn(value)
    samples = []
    for _ in range(runs):
        for value in inputs:
            start = time.perf_counter()
            fn(value)
            samples.append((time.perf_counter() - start) * 1000)
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
        "max_ms": round(max(samples), 1),
        "samples": len(samples),
    }


def bulk_add_children(parent, instances):
    """Add live pages under ``parent`` in bulk: tree paths computed here, one INSERT per table and
    batch, no per-page save(), revision or search-index signal (update_index rebuilds the index and
    is what is measured). ``add_child`` costs ~0.2 s a page on this machine: hours for 30,000."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    if not instances:
        return
    model = type(instances[0])
    content_type = ContentType.objects.get_for_model(model)
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    now = timezone.now()
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    with transaction.atomic():
        for start in range(0, len(instances), BATCH):
            batch = instances[start : start + BATCH]
            for offset, page in enumerate(batch, start=1):
                page.path = Page._get_path(parent.path, parent.depth + 1, step + start + offset)
                page.depth, page.numchild = parent.depth + 1, 0
                page.url_path = f"{parent.url_path}{page.slug}/"
                page.locale_id, page.content_type = parent.locale_id, content_type
                page.draft_title, page.live, page.has_unpublished_changes = page.title, True, False
                page.first_published_at = page.last_published_at = now
            rows = Page.objects.bulk_create(
                [Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for p in batch]
            )
            for page, row in zip(batch, rows, strict=True):
                page.pk = page.page_ptr_id = row.pk
            model._base_manager._insert(batch, fields=model._meta.local_concrete_fields)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(instances))


def fill_procedures(index, target, rng):
    from home.text import fold_for_search
    from procedures.models import ProcedurePage

    existing = ProcedurePage.objects.filter(slug__startswith="bench-thu-tuc-").count()
    pages = []
    for n in range(existing, target):
        title = "Thủ tục " + " ".join(rng.sample(WORDS, 6)) + f" số {n}"
        pages.append(
            ProcedurePage(
                title=title,
                folded_title=fold_for_search(title)[:512],
                slug=f"bench-thu-tuc-{n}",
                code=f"9.{n:06d}.000.00.00.H99",
                processing_time="15 ngày",
            )
        )
    bulk_add_children(index, pages)


def fill_articles(section, target, rng):
    from sections.models import ArticlePage, Department

    department = Department.objects.order_by("pk").first()
    existing = ArticlePage.objects.filter(slug__startswith="bench-tin-").count()
    pages = []
    for n in range(existing, target):
        pages.append(
            ArticlePage(
                title="Tin " + " ".join(rng.sample(WORDS, 8)) + f" {n}",
                slug=f"bench-tin-{n}",
                summary=" ".join(rng.choices(WORDS, k=40)),
                body=[("paragraph", "<p>" + " ".join(rng.choices(WORDS, k=120)) + "</p>")],
                department=department,
            )
        )
    bulk_add_children(section, pages)


def listing_queries(index):
    from django.db import connection, reset_queries
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    # The listing's own queries: the full-page cache would answer the second request with none.
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(index.url)  # warm-up: per-process caches (sites, locales, menus) are not per-page costs
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(index.url)
    assert response.status_code == 200, response.status_code
    return len(queries)


def measure(args):
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from home.search import ranked_hits, vietnamese_autocomplete
    from procedures.models import ProcedureIndexPage
    from search.views import _similar_procedures
    from sections.models import NewsIndexPage

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("load_demo", password="bench-password-not-for-use", verbosity=0, stdout=open(os.devnull, "w"))
    index = ProcedureIndexPage.objects.get(locale__language_code="vi")
    news = NewsIndexPage.objects.get(locale__language_code="vi")
    rng = random.Random(42)
    backend = get_search_backend()
    result = {
        "database": connection.vendor,
        "search_backend": type(backend).__module__,
        "procedures": args.procedures,
        "articles": args.articles,
        "runs": args.runs,
        "listing_queries": {},
    }
    for stage in (10, 1000):
        if args.procedures >= stage:
            fill_procedures(index, stage, rng)
            result["listing_queries"][str(stage)] = listing_queries(index)
    fill_procedures(index, args.procedures, rng)
    fill_articles(news, args.articles, rng)
    result["listing_queries"][str(args.procedures)] = listing_queries(index)

    if connection.vendor == "postgresql":
        # Fresh planner statistics after the bulk fill (autovacuum does this in production).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    documents = Page.objects.count()
    result["pages"] = documents
    if args.no_reindex:
        result["update_index"] = "skipped (--no-reindex)"
    else:
        start = time.perf_counter()
        call_command("update_index", verbosity=0, stdout=open(os.devnull, "w"))
        seconds = time.perf_counter() - start
        result["update_index"] = {
            "documents": documents,
            "seconds": round(seconds, 1),
            "docs_per_s": round(documents / seconds),
        }
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    pages = Page.objects.live().public().filter(locale=index.locale)
    fallback = _similar_procedures(index.locale)
    client = Client(HTTP_HOST="localhost")

    def view(path):
        def get(q):
            response = client.get(path, {"q": q})
            assert response.status_code == 200, response.status_code

        return get

    result["search"] = latency(lambda q: ranked_hits(pages, q, fallback=fallback), QUERIES, args.runs)
    result["autocomplete"] = latency(lambda q: vietnamese_autocomplete(pages, q, limit=8), PREFIXES, args.runs)
    result["search_view"] = latency(view("/vi/search/"), QUERIES, args.runs)
    result["autocomplete_view"] = latency(view("/vi/search/suggest/"), PREFIXES, args.runs)
    result["queries"] = {"search": len(QUERIES), "autocomplete": len(PREFIXES)}
    if args.compare_wagtail:
        # The same functions with Wagtail's own search/autocomplete for candidates, in the same
        # process and conditions: a fair before/after on a shared machine.
        from unittest import mock

        with mock.patch("home.search._fast_candidates", lambda queryset: False):
            result["wagtail_search"] = latency(lambda q: ranked_hits(pages, q, fallback=fallback), QUERIES, args.runs)
            result["wagtail_autocomplete"] = latency(
                lambda q: vietnamese_autocomplete(pages, q, limit=8), PREFIXES, args.runs
            )
    return result


def run(database_url, procedures=10000, articles=20000, runs=3):
    """For ``make bench``: the benchmark in a subprocess against ``database_url``; returns its JSON."""
    with tempfile.NamedTemporaryFile(suffix=".json") as output:
        env = dict(os.environ, DATABASE_URL=database_url)
        command = [sys.executable, str(Path(__file__).resolve()), "--procedures", str(procedures)]
        command += ["--articles", str(articles), "--runs", str(runs), "--json", output.name]
        subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        return json.loads(Path(output.name).read_text(encoding="utf-8"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=10000)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each query (after one warm-up)")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument(
        "--no-reindex", action="store_true", help="measure only: keep the index of a previous run (no update_index)"
    )
    parser.add_argument(
        "--compare-wagtail", action="store_true", help="also time Wagtail's own search as the candidate source"
    )
    args = parser.parse_args()
    result = measure(args)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
