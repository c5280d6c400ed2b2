"""An index on ``wagtailcore_page.url_path`` for ``home.routing``.

The portal routes a request with one query, ``url_path IN (the path and its ancestors)``, instead of
Wagtail's query per path component. Wagtail's own routing walks ``path``/``slug`` and never filters on
``url_path``, so Wagtail has no index on it: without this one every page view scanned the whole page
table (62,000 rows in the benchmark: 20–30 ms per uncached page on SQLite, more on PostgreSQL).
The index belongs to a Wagtail table, so it is created with SQL both backends accept, under a name
that cannot clash with Wagtail's, and dropped on reverse.
"""

from django.db import migrations

INDEX = "portal_page_url_path"


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_pageviews_pageviews_views_desc"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (url_path)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
