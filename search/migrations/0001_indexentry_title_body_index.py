"""The index Wagtail's PostgreSQL database backend needs and does not create.

Its search filters on the combined vector ``title || body`` of wagtailsearch_indexentry; without an
index on that exact expression every query scans the whole table. A GIN index on the same
expression lets PostgreSQL use a bitmap index scan. No-op on other databases; reversible.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
