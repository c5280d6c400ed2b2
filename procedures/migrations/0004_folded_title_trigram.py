"""Typo tolerance on PostgreSQL: pg_trgm and a trigram index on the folded procedure title.

Only on PostgreSQL; on SQLite (and other vendors) both directions do nothing — the typo fallback
there compares titles in Python (procedures.search).
"""

from django.db import migrations

INDEX = "procedures_folded_title_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON procedures_procedurepage USING gin (folded_title gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other indexes or apps may use it.
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("procedures", "0003_procedureagency_procedurepage")]

    operations = [migrations.RunPython(forwards, backwards)]
