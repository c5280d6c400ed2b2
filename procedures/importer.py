"""Import procedure records in the national procedure database's shape (JSON, CSV or XLSX).

A file holds a list of records with exactly the keys of ``FIELDS``. CSV and XLSX use the same names
as column headers, nested lists as JSON text. Records are matched by ``code``: a new code creates a
page under the procedures section, a changed record becomes a new published revision of its page,
an unchanged one is left alone. Each invalid record is reported (position, field, reason) and not
written; the others are imported.
"""

import csv
import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from home.text import fold_for_search
from sections.models import Topic

from .blocks import ChannelChoice
from .models import OnlineLevel, ProcedureAgency, ProcedureIndexPage, ProcedureLevel, ProcedurePage, ProcedureStatus

LIST_FIELDS = ["applicants", "steps", "channels", "dossier", "legal_basis"]
FIELDS = [
    "code",
    "name",
    "field",
    "level",
    "procedure_type",
    "implementing_agency",
    "competent_agency",
    "applicants",
    "steps",
    "channels",
    "dossier",
    "processing_time",
    "fees",
    "result",
    "requirements",
    "legal_basis",
    "online_level",
    "announcing_decision",
    "effective_date",
    "status",
]
TEXT_LIMITS = {"name": 255, "procedure_type": 255, "processing_time": 255, "announcing_decision": 255}
CODE_PATTERN = re.compile(r"^\d\.\d{6}(\.[0-9A-Za-z]{1,5})*$")
CHANNEL_KEYS = {"channel", "processing_time", "fee"}
DOSSIER_KEYS = {"name", "originals", "copies", "form"}
LEGAL_KEYS = {"number", "title", "date", "issuer"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, not a list)."""


@dataclass
class RecordError:
    position: str
    field: str
    reason: str

    def __str__(self):
        return f"{self.position}: {self.field}: {self.reason}"


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def failed(self):
        return bool(self.errors)


# Reading ---------------------------------------------------------------------------------------


def read_file(path):
    """[(position, raw record dict)] from a .json, .csv or .xlsx file."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8-sig"))
            if not isinstance(data, list):
                raise ImportFileError("the JSON file must hold a list of records")
            return [(f"record {i}", item) for i, item in enumerate(data, start=1)]
        if suffix == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                return [(f"row {i}", dict(row)) for i, row in enumerate(csv.DictReader(handle), start=2)]
        if suffix == ".xlsx":
            return _read_xlsx(path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error) as error:
        raise ImportFileError(str(error)) from error
    raise ImportFileError(f"unsupported file type {suffix or '(none)'}: use .json, .csv or .xlsx")


def _read_xlsx(path):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise ImportFileError(f"cannot read the workbook: {error}") from error
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, [])]
    records = []
    for number, row in enumerate(rows, start=2):
        if all(cell in (None, "") for cell in row):
            continue
        values = ["" if cell is None else cell for cell in row]
        records.append((f"row {number}", dict(zip(header, values, strict=False))))
    workbook.close()
    return records


# Validation and normalisation --------------------------------------------------------------------


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    lines = (" ".join(line.split()) for line in str(value).strip().splitlines())
    return "\n".join(line for line in lines if line)


def _list(value):
    """A list, from a list or (CSV/XLSX) JSON text; raises ValueError."""
    if isinstance(value, list):
        return value
    if value in (None, ""):
        return []
    if isinstance(value, str):
        parsed = json.loads(value)
        if isinstance(parsed, list):
            return parsed
    raise ValueError("must be a list (JSON text in CSV/XLSX)")


def _date(value):
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise ValueError("not a date (YYYY-MM-DD or DD/MM/YYYY)")


def _count(value):
    if value in (None, ""):
        return 0
    if isinstance(value, bool):
        raise ValueError("not a number")
    number = int(value) if isinstance(value, int | float) and float(value).is_integer() else int(str(value))
    if number < 0:
        raise ValueError("negative")
    return number


def _choice(value, choices, aliases=None):
    text = _text(value)
    keys = {key for key, _label in choices}
    if text in keys:
        return text
    folded = fold_for_search(text)
    for key, label in choices:
        if folded and folded == fold_for_search(str(label)):
            return key
    if aliases and folded in aliases:
        return aliases[folded]
    raise ValueError(f"“{text}” is not one of {', '.join(repr(k) for k in sorted(keys))}")


CHANNEL_ALIASES = {"truc tiep": "in_person", "truc tuyen": "online", "buu chinh": "post", "qua buu chinh": "post"}
LEVEL_ALIASES = {"tinh": "tinh", "huyen": "huyen", "xa": "xa", "trung uong": "trung_uong"}


def normalise(raw):
    """(record, errors): the record in canonical form, or the list of (field, reason)."""
    errors = []
    if not isinstance(raw, dict):
        return None, [("(record)", "must be an object with the procedure's fields")]
    missing = [key for key in FIELDS if key not in raw]
    unknown = [key for key in raw if key not in FIELDS]
    errors += [(key, "missing") for key in missing]
    errors += [(key, "unknown field") for key in unknown]
    record = {}

    def take(key, convert):
        if key in missing:
            return
        try:
            record[key] = convert(raw[key])
        except (ValueError, TypeError) as error:
            errors.append((key, str(error) or "invalid value"))

    for key in FIELDS:
        if key in LIST_FIELDS or key in ("effective_date", "level", "online_level", "status"):
            continue
        take(key, _text)
    if "code" in record and not CODE_PATTERN.match(record["code"]):
        errors.append(("code", "not a procedure code like 1.009763.000.00.00.H34"))
    if "name" in record and not record["name"]:
        errors.append(("name", "empty"))
    for key, limit in TEXT_LIMITS.items():
        if len(record.get(key, "")) > limit:
            errors.append((key, f"longer than {limit} characters"))
    take("level", lambda v: _choice(v, [("", "")] + list(ProcedureLevel.choices), LEVEL_ALIASES))
    take("online_level", lambda v: _choice(v, OnlineLevel.choices))
    take("status", lambda v: _choice(v, ProcedureStatus.choices))
    take("effective_date", _date)
    take("applicants", lambda v: [_text(item) for item in _list(v) if _text(item)])
    take("steps", lambda v: [_text(item) for item in _list(v) if _text(item)])
    take("channels", lambda v: [_channel(item) for item in _list(v)])
    take("dossier", lambda v: [_dossier(item) for item in _list(v)])
    take("legal_basis", lambda v: [_legal(item) for item in _list(v)])
    return (None if errors else record), errors


def _object(item, keys, what):
    if not isinstance(item, dict):
        raise ValueError(f"each {what} must be an object with {', '.join(sorted(keys))}")
    extra = set(item) - keys
    if extra:
        raise ValueError(f"unknown key(s) in a {what}: {', '.join(sorted(extra))}")
    return item


def _channel(item):
    item = _object(item, CHANNEL_KEYS, "channel")
    return {
        "channel": _choice(item.get("channel"), ChannelChoice.CHOICES, CHANNEL_ALIASES),
        "processing_time": _text(item.get("processing_time")),
        "fee": _text(item.get("fee")),
    }


def _dossier(item):
    item = _object(item, DOSSIER_KEYS, "dossier component")
    name = _text(item.get("name"))
    if not name:
        raise ValueError("a dossier component has no name")
    return {
        "name": name,
        "originals": _count(item.get("originals")),
        "copies": _count(item.get("copies")),
        "form": _text(item.get("form")),
    }


def _legal(item):
    item = _object(item, LEGAL_KEYS, "legal basis entry")
    number = _text(item.get("number"))
    if not number:
        raise ValueError("a legal basis entry has no number")
    return {
        "number": number,
        "title": _text(item.get("title")),
        "date": _date(item.get("date")),
        "issuer": _text(item.get("issuer")),
    }


# Page <-> record ---------------------------------------------------------------------------------


def record_from_page(page):
    """The canonical record of a page: what an import of the same data would produce."""
    return {
        "code": page.code,
        "name": page.title,
        "field": page.field.name_vi if page.field_id else "",
        "level": page.level,
        "procedure_type": page.procedure_type,
        "implementing_agency": page.implementing_agency.name_vi if page.implementing_agency_id else "",
        "competent_agency": page.competent_agency.name_vi if page.competent_agency_id else "",
        "applicants": [str(block.value) for block in page.applicants],
        "steps": [str(block.value) for block in page.steps],
        "channels": [
            {
                "channel": block.value["channel"],
                "processing_time": block.value["processing_time"],
                "fee": block.value["fee"],
            }
            for block in page.channels
        ],
        "dossier": [
            {
                "name": block.value["name"],
                "originals": block.value["originals"] or 0,
                "copies": block.value["copies"] or 0,
                "form": block.value["form_name"],
            }
            for block in page.dossier
        ],
        "processing_time": page.processing_time,
        "fees": page.fees,
        "result": page.result,
        "requirements": page.requirements,
        "legal_basis": [
            {
                "number": block.value["number"],
                "title": block.value["title"],
                "date": block.value["date"].isoformat() if block.value["date"] else "",
                "issuer": block.value["issuer"],
            }
            for block in page.legal_basis
        ],
        "online_level": page.online_level,
        "announcing_decision": page.announcing_decision,
        "effective_date": page.effective_date.isoformat() if page.effective_date else "",
        "status": page.status,
    }


def _vocabulary(model, name):
    """The entry of a vocabulary with this Vietnamese name, created if missing."""
    if not name:
        return None
    folded = fold_for_search(name)
    for entry in model.objects.all():
        if fold_for_search(entry.name_vi) == folded:
            return entry
    slug = slugify(folded)[:60] or "muc"
    base, n = slug, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return model.objects.create(slug=slug, name_vi=name)


def _form_document(title):
    from wagtail.documents import get_document_model

    if not title:
        return None
    return get_document_model().objects.filter(title=title).order_by("pk").first()


def apply_record(page, record):
    """Set the page's fields from a canonical record (does not save)."""
    page.code = record["code"]
    page.title = record["name"]
    page.field = _vocabulary(Topic, record["field"])
    page.level = record["level"]
    page.procedure_type = record["procedure_type"]
    page.implementing_agency = _vocabulary(ProcedureAgency, record["implementing_agency"])
    page.competent_agency = _vocabulary(ProcedureAgency, record["competent_agency"])
    page.applicants = [("applicant", text) for text in record["applicants"]]
    page.steps = [("step", text) for text in record["steps"]]
    page.channels = [("channel", dict(item)) for item in record["channels"]]
    page.dossier = [
        (
            "component",
            {
                "name": item["name"],
                "originals": item["originals"],
                "copies": item["copies"],
                "form": _form_document(item["form"]),
                "form_name": item["form"],
            },
        )
        for item in record["dossier"]
    ]
    page.processing_time = record["processing_time"]
    page.fees = record["fees"]
    page.result = record["result"]
    page.requirements = record["requirements"]
    page.legal_basis = [
        (
            "document",
            {
                "number": item["number"],
                "title": item["title"],
                "date": datetime.date.fromisoformat(item["date"]) if item["date"] else None,
                "issuer": item["issuer"],
            },
        )
        for item in record["legal_basis"]
    ]
    page.online_level = record["online_level"]
    page.announcing_decision = record["announcing_decision"]
    page.effective_date = datetime.date.fromisoformat(record["effective_date"]) if record["effective_date"] else None
    page.status = record["status"]


def procedure_slug(record):
    return f"{slugify(fold_for_search(record['name']))[:70].strip('-')}-{slugify(record['code'].replace('.', '-'))}"


def default_index():
    return ProcedureIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path").first()


def import_records(items, index=None, dry_run=False, user=None):
    """Import [(position, raw record)]; returns an ImportReport. Nothing is written on a dry run."""
    report = ImportReport()
    index = index or default_index()
    if index is None:
        report.errors.append(RecordError("(file)", "(section)", "no procedures section (ProcedureIndexPage) exists"))
        return report
    seen = {}
    for position, raw in items:
        record, errors = normalise(raw)
        if record and record["code"] in seen:
            errors = [("code", f"duplicate of {seen[record['code']]} in this file")]
        if errors:
            report.errors += [RecordError(position, name, reason) for name, reason in errors]
            continue
        seen[record["code"]] = position
        existing = ProcedurePage.objects.filter(code=record["code"], locale_id=index.locale_id).first()
        if existing is not None and record_from_page(existing) == record:
            report.unchanged.append(record["code"])
            continue
        if dry_run:
            (report.updated if existing else report.created).append(record["code"])
            continue
        try:
            with transaction.atomic():
                if existing is None:
                    page = ProcedurePage(slug=procedure_slug(record))
                    apply_record(page, record)
                    index.add_child(instance=page)
                    report.created.append(record["code"])
                else:
                    page = existing
                    apply_record(page, record)
                    report.updated.append(record["code"])
                page.full_clean()
                page.save_revision(user=user, log_action=True).publish(user=user)
        except Exception as error:  # a record the database refuses must not stop the others
            from django.core.exceptions import ValidationError

            if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
                for name, messages in error.message_dict.items():
                    report.errors.append(RecordError(position, name, "; ".join(messages)))
            else:
                report.errors.append(RecordError(position, "(record)", str(error)))
            for bucket in (report.created, report.updated):
                if bucket and bucket[-1] == record["code"]:
                    bucket.pop()
    return report
