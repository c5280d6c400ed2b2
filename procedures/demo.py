"""Demo data for procedures: the catalogue in demo_data/procedures.json, loaded through the importer
(so the demo exercises exactly what `manage.py import_procedures` does). Idempotent by code."""

from pathlib import Path

from .importer import default_index, import_records, read_file

DEMO_FILE = Path(__file__).resolve().parent / "demo_data" / "procedures.json"


def load(context):
    index = default_index()
    if index is None:
        context.log("No procedures section: skipping the procedure catalogue.")
        return
    report = import_records(read_file(DEMO_FILE), index=index)
    for error in report.errors:
        context.log(f"procedures demo: {error}")
    if report.created:
        context.count("procedures", len(report.created))
