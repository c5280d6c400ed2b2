"""Demo data for procedures: the catalogue in demo_data/procedures.json, loaded through the importer
(so the demo exercises exactly what `manage.py import_procedures` does), with a small downloadable
form document for each form it cites (see demo_forms). Idempotent by code and by form title."""

from pathlib import Path

from .demo_forms import ensure_form_documents
from .importer import default_index, import_records, read_file

DEMO_FILE = Path(__file__).resolve().parent / "demo_data" / "procedures.json"


def load(context):
    index = default_index()
    if index is None:
        context.log("No procedures section: skipping the procedure catalogue.")
        return
    items = read_file(DEMO_FILE)
    # Forms first: the importer links each dossier component to the document titled with its form name.
    collection = index.department.collection if index.department_id else None
    if collection is not None:
        forms = ensure_form_documents([record for _, record in items], collection)
        if forms:
            context.count("procedure forms", forms)
    report = import_records(items, index=index)
    for error in report.errors:
        context.log(f"procedures demo: {error}")
    if report.created:
        context.count("procedures", len(report.created))
