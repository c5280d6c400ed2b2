"""Demo data for sections: units and editors, the mandated sections, introduction and contact pages
(with English translations through wagtail-localize), legal documents, articles and answered questions.

Every step looks up what it would create first (by code, username or slug), so loading twice changes
nothing.
"""

import datetime
import json
from pathlib import Path

from django.apps import apps
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision
from wagtail.rich_text import RichText

from home.demo import ensure_user
from home.models import HomePage
from home.translation import translate_page

from .models import (
    ArticlePage,
    ContactFormField,
    Department,
    DocumentType,
    Issuer,
    LegalDocumentPage,
    Question,
    StandardPage,
    Topic,
)
from .permissions import sync_deferred

DATA = Path(__file__).resolve().parent / "demo_data"


# The contact form's fields: Vietnamese label, English label, field type, required.
CONTACT_FIELDS = [
    ("Họ và tên", "Full name", "singleline", True),
    ("Thư điện tử", "Email", "email", True),
    ("Điện thoại", "Phone", "singleline", False),
    ("Tiêu đề", "Subject", "singleline", True),
    ("Nội dung", "Message", "multiline", True),
]


def read(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def local_datetime(day, hour=9):
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=tz)


def month_day(month_offset, day, today=None):
    """The date ``day`` of the month ``month_offset`` months from today's month; never in the future."""
    today = today or timezone.localdate()
    year, month = today.year, today.month + month_offset
    while month < 1:
        month += 12
        year -= 1
    target = datetime.date(year, month, min(day, 28))
    return min(target, today)


def ensure_child(parent, model, slug, context, publish_user=None, **fields):
    """Return (page, created): the live child with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision(user=publish_user).publish(user=publish_user)
    context.count("pages")
    return page, True


def load_departments(context):
    departments = {}
    for order, unit in enumerate(read("units.json")):
        department, created = Department.objects.get_or_create(
            code=unit["code"],
            defaults={
                "name_vi": unit["vi"],
                "name_en": unit["en"],
                "email": unit.get("email", ""),
                "monthly_quota": unit.get("quota"),
                "is_editorial_board": unit.get("editorial_board", False),
                "sort_order": order,
            },
        )
        if created:
            context.count("departments")
        departments[unit["code"]] = department
    return departments


def load_editors(context, departments):
    editors = {}
    for code, department in departments.items():
        username = f"{code.lower()}-editor"
        user = ensure_user(
            username,
            context.password,
            context,
            email=f"{username}@example.vn",
            first_name="Biên tập viên",
            last_name=code,
        )
        department.refresh_from_db()
        if department.group and not user.groups.filter(pk=department.group_id).exists():
            user.groups.add(department.group)
        editors[code] = user
    return editors


def load_catalogues(context):
    data = read("catalogues.json")
    for model, key in ((DocumentType, "document_types"), (Issuer, "issuers"), (Topic, "topics")):
        for order, (slug, name_vi, name_en) in enumerate(data[key]):
            _obj, created = model.objects.get_or_create(
                slug=slug, defaults={"name_vi": name_vi, "name_en": name_en, "sort_order": order}
            )
            if created:
                context.count("catalogue entries")


def intro_html(text):
    return f"<p>{text}</p>" if text else ""


def load_sections(context, home, departments, pages_data):
    intros = pages_data.get("section_intros", {})
    sections = {}
    for spec in read("sections.json"):
        model = apps.get_model(spec["type"])
        fields = {
            "title": spec["vi"],
            "department": departments[spec["owner"]],
            "intro": intro_html(intros.get(spec["slug"], {}).get("vi", "")),
            "show_in_menus": spec.get("in_menu", True),
        }
        if model.__name__ == "ContactPage":
            contact = pages_data.get("contact_page", {})
            fields.update(
                intro=intro_html(contact.get("intro_vi", "")),
                thank_you_text=intro_html(contact.get("thank_you_vi", "")),
                to_address=departments["VP"].email,
                from_address="cong-thong-tin@example.vn",
                subject="Liên hệ mới từ cổng thông tin",
                form_fields=[
                    ContactFormField(label=vi, field_type=kind, required=required, sort_order=order)
                    for order, (vi, _en, kind, required) in enumerate(CONTACT_FIELDS)
                ],
            )
        page, _created = ensure_child(home, model, spec["slug"], context, **fields)
        sections[spec["slug"]] = page
    return sections


def stream(blocks):
    """Our JSON block list (vi text) as StreamField data."""
    data = []
    for block in blocks:
        kind = block["type"]
        if kind == "heading":
            data.append(("heading", block["vi"]))
        elif kind == "paragraph":
            html = block["vi"] if block["vi"].lstrip().startswith("<") else f"<p>{block['vi']}</p>"
            data.append(("paragraph", RichText(html)))
        elif kind == "person":
            data.append(
                (
                    "person",
                    {
                        "name": block["name"],
                        "position": block["position_vi"],
                        "photo": None,
                        "phone": block.get("phone", ""),
                        "email": block.get("email", ""),
                    },
                )
            )
        elif kind == "contact":
            data.append(
                (
                    "contact",
                    {
                        "unit": block["unit_vi"],
                        "room": block.get("room_vi", ""),
                        "phone": block.get("phone", ""),
                        "email": block.get("email", ""),
                    },
                )
            )
    return data


def english_strings(pairs):
    """Map Vietnamese source strings to English ones, segment by segment, as wagtail-localize sees them."""
    from wagtail_localize.strings import extract_strings

    mapping = {}
    for vi, en in pairs:
        if not vi or not en:
            continue
        if "<" in vi:
            _template, vi_strings = extract_strings(vi)
            _template, en_strings = extract_strings(en)
            for (vi_string, _a), (en_string, _b) in zip(vi_strings, en_strings, strict=False):
                mapping[vi_string.data] = en_string.data
        else:
            mapping[vi] = en
    return mapping


def block_pairs(blocks):
    for block in blocks:
        kind = block["type"]
        if kind in ("heading", "paragraph"):
            vi, en = block["vi"], block["en"]
            if kind == "paragraph" and not vi.lstrip().startswith("<"):
                vi, en = f"<p>{vi}</p>", f"<p>{en}</p>"
            yield vi, en
        elif kind == "person":
            yield block["position_vi"], block["position_en"]
        elif kind == "contact":
            yield block["unit_vi"], block["unit_en"]
            yield block.get("room_vi", ""), block.get("room_en", "")


def load_introduction(context, sections, pages_data):
    about = sections["gioi-thieu"]
    pages = []
    for spec in pages_data["intro_pages"]:
        page, _created = ensure_child(
            about,
            StandardPage,
            spec["slug"],
            context,
            title=spec["title_vi"],
            intro=spec.get("intro_vi", ""),
            body=stream(spec["blocks"]),
        )
        pages.append((page, spec))
    return pages


def translate_required_pages(context, sections, intro_pages, pages_data):
    """English for the introduction, its pages, the contact page and the sitemap (legally required)."""
    intros = pages_data["section_intros"]
    section_specs = {spec["slug"]: spec for spec in read("sections.json")}
    contact = pages_data["contact_page"]
    for slug, spec in section_specs.items():
        if not spec.get("translate"):
            continue
        page = sections[slug]
        if page.get_translations().filter(locale__language_code="en").exists():
            continue
        pairs = [(spec["vi"], spec["en"])]
        intro = intros.get(slug, {})
        pairs.append((intro.get("vi", ""), intro.get("en", "")))
        if slug == "lien-he":
            pairs += [(contact["intro_vi"], contact["intro_en"]), (contact["thank_you_vi"], contact["thank_you_en"])]
            pairs += [(vi, en) for vi, en, _kind, _required in CONTACT_FIELDS]
            pairs += [("Liên hệ mới từ cổng thông tin", "New message from the portal")]
        translate_page(page, "en", english_strings(pairs))
        context.count("translations")
    for page, spec in intro_pages:
        if page.get_translations().filter(locale__language_code="en").exists():
            continue
        pairs = [(spec["title_vi"], spec["title_en"]), (spec.get("intro_vi", ""), spec.get("intro_en", ""))]
        pairs += list(block_pairs(spec["blocks"]))
        translate_page(page, "en", english_strings(pairs))
        context.count("translations")


def backdate(page, when):
    """Give a demo page a publication history in the past (first and last publication, revision, log)."""
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=when, last_published_at=when, latest_revision_created_at=when
    )
    Revision.page_revisions.filter(object_id=str(page.pk)).update(created_at=when)
    PageLogEntry.objects.filter(page_id=page.pk).update(timestamp=when)


def load_legal_documents(context, sections):
    index = sections["van-ban"]
    types = {obj.slug: obj for obj in DocumentType.objects.all()}
    issuers = {obj.slug: obj for obj in Issuer.objects.all()}
    topics = {obj.slug: obj for obj in Topic.objects.all()}
    for doc in read("legal_documents.json"):
        issue_date = datetime.date.fromisoformat(doc["issue_date"])
        page, created = ensure_child(
            index,
            LegalDocumentPage,
            doc["slug"],
            context,
            title=doc["title"],
            number=doc["number"],
            document_type=types[doc["document_type"]],
            issuer=issuers[doc["issuer"]],
            topic=topics.get(doc.get("topic")),
            signer=doc.get("signer", ""),
            issue_date=issue_date,
            effective_date=datetime.date.fromisoformat(doc["effective_date"]) if doc.get("effective_date") else None,
            expiry_date=datetime.date.fromisoformat(doc["expiry_date"]) if doc.get("expiry_date") else None,
            summary=doc.get("summary", ""),
        )
        if created:
            backdate(page, local_datetime(min(issue_date + datetime.timedelta(days=1), timezone.localdate())))


def load_articles(context, sections, departments, editors, board_editor):
    for item in read("articles.json"):
        section = sections[item["section"]]
        if section.get_children().filter(slug=item["slug"]).exists():
            continue
        day = month_day(item["month_offset"], item["day"])
        department = departments[item["department"]]
        body = [("paragraph", RichText(f"<p>{paragraph}</p>")) for paragraph in item["body"]]
        page = ArticlePage(
            slug=item["slug"],
            title=item["title"],
            date=day,
            department=department,
            summary=item["summary"],
            body=body,
            owner=editors[item["department"]],
        )
        section.add_child(instance=page)
        page.tags.add(*item.get("tags", []))
        # Written by the unit's editor, approved and published by the editorial board.
        page.save_revision(user=editors[item["department"]]).publish(user=board_editor)
        backdate(page, local_datetime(day, hour=8 + item["day"] % 8))
        context.count("articles")


def load_questions(context):
    now = timezone.now()
    for item in read("questions.json"):
        if Question.objects.filter(title=item["title"], email=item["email"]).exists():
            continue
        answered = bool(item.get("answer"))
        Question.objects.create(
            asker_name=item["asker_name"],
            email=item["email"],
            title=item["title"],
            question=item["question"],
            submitted_at=now - datetime.timedelta(days=item["submitted_days_ago"]),
            answer=item.get("answer", ""),
            answered_by="Văn phòng Ban Quản lý" if answered else "",
            answered_at=now - datetime.timedelta(days=item["answered_days_ago"]) if answered else None,
            status=Question.Status.ANSWERED if answered else Question.Status.NEW,
        )
        context.count("questions")


def load(context):
    pages_data = read("pages.json")
    with sync_deferred():
        departments = load_departments(context)
    # Groups exist now (the sync ran when the block closed); editors can join them.
    editors = load_editors(context, departments)
    load_catalogues(context)
    home = HomePage.objects.get(locale__language_code="vi")
    with sync_deferred():
        sections = load_sections(context, home, departments, pages_data)
        intro_pages = load_introduction(context, sections, pages_data)
        translate_required_pages(context, sections, intro_pages, pages_data)
        load_legal_documents(context, sections)
        load_articles(context, sections, departments, editors, editors["BBT"])
        load_questions(context)
