"""Search benchmark: fills procedures and articles, then measures search and autocomplete latency
(p50/p95), update_index throughput and the queries per procedure listing page.

Run it against a database of its own (it adds thousands of pages):

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python bench/search_bench.py --procedures 10000 --articles 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/search_bench.py ...

The database is migrated and the demo structure loaded first (idempotent); pages already there from a
previous run are kept, so a second run only measures.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

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


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed(fn, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def fill_procedures(index, target, rng):
    from procedures.models import ProcedurePage

    existing = ProcedurePage.objects.count()
    for n in range(existing, target):
        title = "Thủ tục " + " ".join(rng.sample(WORDS, 6)) + f" số {n}"
        page = ProcedurePage(
            title=title,
            slug=f"bench-thu-tuc-{n}",
            code=f"9.{n:06d}.000.00.00.H99",
            live=True,
            processing_time="15 ngày",
        )
        index.add_child(instance=page)


def fill_articles(section, target, rng):
    from sections.models import ArticlePage, Department

    department = Department.objects.order_by("pk").first()
    existing = ArticlePage.objects.filter(slug__startswith="bench-tin-").count()
    for n in range(existing, target):
        page = ArticlePage(
            title="Tin " + " ".join(rng.sample(WORDS, 8)) + f" {n}",
            slug=f"bench-tin-{n}",
            summary=" ".join(rng.choices(WORDS, k=40)),
            body=[("paragraph", "<p>" + " ".join(rng.choices(WORDS, k=120)) + "</p>")],
            department=department,
            live=True,
        )
        section.add_child(instance=page)


def listing_queries(index):
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    reset_queries()  # the debug query log is capped; start it empty so the count is right
    with CaptureQueriesContext(connection) as queries:
        response = client.get(index.url)
    assert response.status_code == 200, response.status_code
    return len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=10000)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each query")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from home.search import vietnamese_autocomplete, vietnamese_search
    from procedures.models import ProcedureIndexPage
    from procedures.search import similar_procedures
    from sections.models import NewsIndexPage

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("load_demo", password="bench-password-not-for-use", verbosity=0, stdout=open(os.devnull, "w"))
    index = ProcedureIndexPage.objects.get(locale__language_code="vi")
    news = NewsIndexPage.objects.get(locale__language_code="vi")
    rng = random.Random(42)
    backend = get_search_backend()

    report = [f"database: {settings.DATABASES['default']['ENGINE']}", f"search backend: {type(backend).__module__}"]
    # Pages are added without indexing signals being the bottleneck measured: the index is rebuilt below.
    for stage in (10, 1000):
        if args.procedures >= stage:
            fill_procedures(index, stage, rng)
            report.append(f"listing queries with {stage} procedures (page of 20): {listing_queries(index)}")
    fill_procedures(index, args.procedures, rng)
    fill_articles(news, args.articles, rng)

    if connection.vendor == "postgresql":
        # Fresh planner statistics after the bulk fill (autovacuum does this in production; without
        # it PostgreSQL may pick a nested loop for the index join and autocomplete takes seconds).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    start = time.perf_counter()
    call_command("update_index", verbosity=0, stdout=open(os.devnull, "w"))
    seconds = time.perf_counter() - start
    documents = Page.objects.count()
    report.append(f"update_index: {documents} pages in {seconds:.1f} s = {documents / seconds:.0f} documents/s")
    report.append(f"listing queries with {args.procedures} procedures: {listing_queries(index)}")

    pages = Page.objects.live().public().filter(locale=index.locale).specific()
    search_ms = []
    for query in QUERIES:
        search_ms += timed(lambda q=query: vietnamese_search(pages, q, fallback=similar_procedures), args.runs)
    complete_ms = []
    for prefix in PREFIXES:
        complete_ms += timed(lambda p=prefix: vietnamese_autocomplete(pages, p), args.runs)
    report.append(
        f"search ({len(QUERIES)} queries x {args.runs}): p50 {statistics.median(search_ms):.0f} ms, "
        f"p95 {percentile(search_ms, 0.95):.0f} ms"
    )
    report.append(
        f"autocomplete ({len(PREFIXES)} prefixes x {args.runs}): p50 {statistics.median(complete_ms):.0f} ms, "
        f"p95 {percentile(complete_ms, 0.95):.0f} ms"
    )
    print("\n".join(report))


if __name__ == "__main__":
    main()
