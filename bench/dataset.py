"""The large data set of `make bench`, built fast.

Sizes (issue 7): 10,000 procedures, 20,000 articles, 500 zones and 500 projects, each in Vietnamese and
in English. The database is migrated and the demo loaded (the demo gives the sections, catalogues,
departments and one template page of each kind); then the pages are cloned from the demo pages with
bulk inserts, not one ``save()`` per page:

- ``wagtailcore_page`` rows with ``bulk_create`` and materialised paths computed here exactly as
  treebeard computes them (parent path + a 4-character base-36 step; the parent's ``numchild`` is
  updated once per batch), ``url_path`` from the parent, live and published;
- the page type's own table with one multi-row INSERT per batch (Django refuses ``bulk_create`` on
  multi-table inheritance, so the page type's local fields are inserted with the same query
  ``save()`` uses, many rows at once);
- tags of articles and the zone/sector links with ``bulk_create``.

English pages are translations in Wagtail's sense: pages in the ``en`` locale tree under the English
translation of the section (made with ``copy_for_translation`` where the demo has none), with the
same ``translation_key`` as their Vietnamese source, so ``/en/…`` URLs render them and the language
switcher links the pair. (wagtail-localize's own TranslationSource records, used only by its
editing screens, are not created.)

No search signals fire during the bulk inserts; ``--reindex`` runs ``update_index`` and records its
documents per second. The built sizes are recorded in ``var/bench/dataset-<vendor>.json`` and a
database whose recorded sizes match is reused.

    python -m bench.dataset --vendor sqlite [--reindex] [--fresh]
    python -m bench.dataset --vendor postgresql
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
import uuid

from .common import BENCH_DIR, bench_env, manage

SIZES = {"procedures": 10000, "articles": 20000, "zones": 500, "projects": 500}
PG_DATABASE = "portal_bench_pages"
DEMO_PASSWORD = "bench-pass-123"
BATCH = 500


def database_url(vendor):
    if vendor == "sqlite":
        return f"sqlite:///{BENCH_DIR / 'pages-sqlite.sqlite3'}"
    if vendor == "postgresql":
        return f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"
    raise ValueError(f"unknown vendor {vendor!r} (sqlite or postgresql)")


def size_file(vendor):
    return BENCH_DIR / f"dataset-{vendor}.json"


def recorded(vendor):
    path = size_file(vendor)
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text())
    except ValueError:
        return None


def record(vendor, data):
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    size_file(vendor).write_text(json.dumps(data, indent=2))


def fresh_database(vendor):
    """An empty database: the SQLite file removed, or the PostgreSQL database dropped and created."""
    size_file(vendor).unlink(missing_ok=True)
    if vendor == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            (BENCH_DIR / f"pages-sqlite.sqlite3{suffix}").unlink(missing_ok=True)
        return
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q"]
    subprocess.run(
        [*psql, "-c", f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)", "-c", f"CREATE DATABASE {PG_DATABASE}"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


# ---------------------------------------------------------------------------------------------------
# Bulk cloning (runs inside Django, see build())


def _step(n):
    from wagtail.models import Page

    return Page._int2str(n).rjust(Page.steplen, "0")


def bulk_children(parent, model, rows, locale, now):
    """Insert live pages of ``model`` as the last children of ``parent``.

    ``rows`` is a list of (template page, {field: value} overrides, translation_key). Page fields not
    overridden are copied from the template; the page type's own fields too. Returns the new page ids.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import F
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(model)
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    own_fields = [f for f in model._meta.local_concrete_fields]  # includes page_ptr
    ids = []
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        with transaction.atomic():
            parent = Page.objects.get(pk=parent.pk)
            last = parent.get_last_child()
            next_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
            pages = []
            for offset, (template, overrides, key) in enumerate(batch):
                values = {f.attname: getattr(template, f.attname) for f in page_fields}
                slug = overrides["slug"]
                published = overrides.pop("_published", now)
                values.update(
                    content_type_id=content_type.pk,
                    title=overrides["title"],
                    draft_title=overrides["title"],
                    slug=slug,
                    url_path=f"{parent.url_path}{slug}/",
                    path=parent.path + _step(next_step + offset),
                    depth=parent.depth + 1,
                    numchild=0,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    latest_revision_created_at=None,
                    live_revision_id=None,
                    latest_revision_id=None,
                    locked=False,
                    locked_at=None,
                    locked_by_id=None,
                    go_live_at=None,
                    expire_at=None,
                    expired=False,
                    alias_of_id=None,
                    locale_id=locale.pk,
                    translation_key=key,
                    show_in_menus=False,
                )
                values = {k: v for k, v in values.items() if k in {f.attname for f in page_fields}}
                pages.append(Page(**values))
            created = Page.objects.bulk_create(pages)
            specifics = []
            for page, (template, overrides, _key) in zip(created, batch, strict=True):
                obj = model(page_ptr_id=page.pk)
                for field in own_fields:
                    if field.attname == "page_ptr_id":
                        continue
                    value = overrides.get(field.attname, overrides.get(field.name, getattr(template, field.attname)))
                    setattr(obj, field.attname, value)
                specifics.append(obj)
            model._base_manager._insert(specifics, fields=own_fields, using=connection.alias)
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(batch))
            ids += [page.pk for page in created]
    return ids


def _english(page, english):
    """The English translation of a Vietnamese section page, created (and published) when missing."""
    translation = page.get_translation_or_none(english)
    if translation is None:
        translation = page.copy_for_translation(english)
        translation.save_revision().publish()
        translation.refresh_from_db()
    return translation


def fill(sizes):
    from django.db import connection
    from django.utils import timezone
    from taggit.models import Tag  # noqa: F401 (tags exist from the demo)
    from wagtail.models import Locale

    from home.text import fold_for_search
    from investment.models import InvestmentIndexPage, InvestmentProjectPage, ZonePage
    from procedures.models import ProcedureIndexPage, ProcedurePage
    from sections.models import ArticlePage, NewsIndexPage
    from sections.models.pages import ArticlePageTag

    vi, en = Locale.objects.get(language_code="vi"), Locale.objects.get(language_code="en")
    now = timezone.now()
    counts = {}

    def pairs(count, make):
        """(vi row, en row) for n in range(count), sharing a translation key."""
        vi_rows, en_rows = [], []
        for n in range(count):
            key = uuid.uuid4()
            vi_row, en_row = make(n)
            vi_rows.append((*vi_row, key))
            en_rows.append((*en_row, key))
        return vi_rows, en_rows

    # Procedures ------------------------------------------------------------------------------------
    index_vi = ProcedureIndexPage.objects.get(locale=vi)
    index_en = _english(index_vi, en)
    templates = list(ProcedurePage.objects.filter(locale=vi).order_by("pk"))

    def procedure(n):
        t = templates[n % len(templates)]
        title = f"{t.title} (bản {n})"
        vi_values = {"title": title, "slug": f"bench-thu-tuc-{n}", "code": f"9.{n:06d}.000.00.00.H99",
                     "folded_title": fold_for_search(title)[:512]}  # fmt: skip
        en_title = f"Procedure {n}: {t.procedure_type or 'administrative procedure'} ({t.code})"
        en_values = {"title": en_title, "slug": f"bench-thu-tuc-{n}", "code": f"9.{n:06d}.000.00.00.H99",
                     "folded_title": fold_for_search(en_title)[:512]}  # fmt: skip
        return (t, vi_values), (t, en_values)

    vi_rows, en_rows = pairs(sizes["procedures"], procedure)
    bulk_children(index_vi, ProcedurePage, vi_rows, vi, now)
    bulk_children(index_en, ProcedurePage, en_rows, en, now)
    counts["procedures"] = sizes["procedures"]

    # Articles: in the shared news section, dated over the last four years ---------------------------
    news_vi = NewsIndexPage.objects.get(locale=vi)
    news_en = _english(news_vi, en)
    templates = list(ArticlePage.objects.filter(locale=vi).order_by("pk"))
    template_tags = {t.pk: list(ArticlePageTag.objects.filter(content_object=t).values_list("tag_id", flat=True))
                     for t in templates}  # fmt: skip
    today = timezone.localdate()

    def article(n):
        t = templates[n % len(templates)]
        date = today - datetime.timedelta(days=n % 1460)
        published = timezone.make_aware(datetime.datetime.combine(date, datetime.time(8, n % 60)))
        vi_values = {"title": f"{t.title} ({n})", "slug": f"bench-tin-{n}", "date": date, "_published": published}
        en_values = {"title": f"News item {n}: {t.slug.replace('-', ' ')}", "slug": f"bench-tin-{n}", "date": date,
                     "summary": f"English summary of news item {n}.", "_published": published}  # fmt: skip
        return (t, vi_values), (t, en_values)

    vi_rows, en_rows = pairs(sizes["articles"], article)
    templates_in_order = [row[0] for row in vi_rows] + [row[0] for row in en_rows]
    ids = bulk_children(news_vi, ArticlePage, vi_rows, vi, now) + bulk_children(news_en, ArticlePage, en_rows, en, now)
    ArticlePageTag.objects.bulk_create(
        [
            ArticlePageTag(content_object_id=pk, tag_id=tag)
            for pk, t in zip(ids, templates_in_order, strict=True)
            for tag in template_tags[t.pk]
        ],  # fmt: skip
        batch_size=2000,
    )
    counts["articles"] = sizes["articles"]

    # Zones and projects: English templates are the demo's English translations -----------------------
    invest_vi = InvestmentIndexPage.objects.get(locale=vi)
    invest_en = _english(invest_vi, en)
    for model, size_key, slug in ((ZonePage, "zones", "bench-khu"), (InvestmentProjectPage, "projects", "bench-du-an")):
        templates = list(model.objects.filter(locale=vi).order_by("pk"))
        english = {t.pk: t.get_translation_or_none(en) or t for t in templates}

        def investment(n, templates=templates, english=english, slug=slug):
            t = templates[n % len(templates)]
            return (t, {"title": f"{t.title} {n}", "slug": f"{slug}-{n}"}), (
                english[t.pk],
                {"title": f"{english[t.pk].title} {n}", "slug": f"{slug}-{n}"},
            )

        vi_rows, en_rows = pairs(sizes[size_key], investment)
        vi_ids = bulk_children(invest_vi, model, vi_rows, vi, now)
        en_ids = bulk_children(invest_en, model, en_rows, en, now)
        if model is ZonePage:
            links = []
            for through_field in ("priority_sectors", "restricted_sectors"):
                through = getattr(ZonePage, through_field).through
                for new_ids, rows in ((vi_ids, vi_rows), (en_ids, en_rows)):
                    for pk, (t, _values, _key) in zip(new_ids, rows, strict=True):
                        for sector in getattr(t, through_field).all():
                            links.append(through(zonepage_id=pk, sector_id=sector.pk))
                through.objects.bulk_create(links, batch_size=2000)
                links = []
        counts[size_key] = sizes[size_key]

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics after the bulk load
    return counts


def reindex():
    from django.core.management import call_command
    from wagtail.models import Page

    start = time.perf_counter()
    call_command("update_index", verbosity=0, stdout=open(os.devnull, "w"))
    seconds = time.perf_counter() - start
    documents = Page.objects.count()
    return {"documents": documents, "seconds": round(seconds, 1), "documents_per_second": round(documents / seconds)}


def actual_sizes():
    from investment.models import InvestmentProjectPage, ZonePage
    from procedures.models import ProcedurePage
    from sections.models import ArticlePage

    def per_locale(model, **filters):
        return {code: model.objects.filter(locale__language_code=code, **filters).count() for code in ("vi", "en")}

    return {
        "procedures": per_locale(ProcedurePage, slug__startswith="bench-"),
        "articles": per_locale(ArticlePage, slug__startswith="bench-"),
        "zones": per_locale(ZonePage, slug__startswith="bench-"),
        "projects": per_locale(InvestmentProjectPage, slug__startswith="bench-"),
    }


def matches(data, sizes):
    return bool(data) and all(data.get("sizes", {}).get(k, {}).get(code) == v for k, v in sizes.items()
                              for code in ("vi", "en"))  # fmt: skip


def build(vendor, sizes=SIZES, fresh=False, reindex_wanted=False):
    """Make sure the data set of ``vendor`` exists with ``sizes``; returns its record."""
    data = None if fresh else recorded(vendor)
    if not matches(data, sizes):
        print(f"dataset[{vendor}]: building {sizes} (a few minutes)", flush=True)
        fresh_database(vendor)
        env = bench_env(database_url(vendor))
        started = time.perf_counter()
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo", "--password", DEMO_PASSWORD)
        manage(env, "collectstatic", "--noinput")
        demo_seconds = time.perf_counter() - started
        result = _in_django(vendor, "fill", sizes)
        data = {
            "vendor": vendor,
            "database_url": database_url(vendor),
            "sizes": result["sizes"],
            "pages": result["pages"],
            "demo_seconds": round(demo_seconds, 1),
            "fill_seconds": result["seconds"],
            "build_seconds": round(time.perf_counter() - started, 1),
            "built_at": datetime.datetime.now().isoformat(timespec="seconds"),
        }
        record(vendor, data)
        print(f"dataset[{vendor}]: built in {data['build_seconds']} s", flush=True)
    else:
        print(f"dataset[{vendor}]: reusing {size_file(vendor)}", flush=True)
        # The code may have moved on since the build: its new migrations (indexes) and static files.
        env = bench_env(database_url(vendor))
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
    if reindex_wanted:
        print(f"dataset[{vendor}]: update_index", flush=True)
        data["update_index"] = _in_django(vendor, "reindex", sizes)
        record(vendor, data)
    return data


def _in_django(vendor, action, sizes):
    """Run ``action`` in a child process configured for ``vendor``'s database (production settings)."""
    env = bench_env(database_url(vendor), PAGE_CACHE_SECONDS="0")
    command = [sys.executable, "-m", "bench.dataset", "--vendor", vendor, "--_action", action,
               "--_sizes", json.dumps(sizes)]  # fmt: skip
    from .common import ROOT

    out = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _child(action, sizes):
    import django

    django.setup()
    from wagtail.models import Page

    if action == "fill":
        started = time.perf_counter()
        fill(sizes)
        print(json.dumps({"sizes": actual_sizes(), "pages": Page.objects.count(),
                          "seconds": round(time.perf_counter() - started, 1)}))  # fmt: skip
    elif action == "reindex":
        print(json.dumps(reindex()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vendor", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--fresh", action="store_true", help="rebuild even when the recorded sizes match")
    parser.add_argument("--reindex", action="store_true", help="run update_index and record documents/s")
    for key, value in SIZES.items():
        parser.add_argument(f"--{key}", type=int, default=value)
    parser.add_argument("--_action", help=argparse.SUPPRESS)
    parser.add_argument("--_sizes", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._action:
        _child(args._action, json.loads(args._sizes))
        return
    sizes = {key: getattr(args, key) for key in SIZES}
    print(json.dumps(build(args.vendor, sizes, fresh=args.fresh, reindex_wanted=args.reindex), indent=2))


if __name__ == "__main__":
    main()
