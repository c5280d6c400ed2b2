"""Builders shared by the test modules."""

import io
from types import SimpleNamespace

from home.management.commands.load_demo import DemoContext
from home.models import HomePage

PASSWORD = "test-pass-123"


def demo_context():
    return DemoContext(password=PASSWORD, stdout=io.StringIO(), style=None)


def build_demo_structure():
    """Units, their editors and every mandated section, as the demo loader creates them."""
    from sections import demo
    from sections.permissions import sync_deferred

    context = demo_context()
    pages_data = demo.read("pages.json") if (demo.DATA / "pages.json").exists() else {}
    with sync_deferred():
        departments = demo.load_departments(context)
    editors = demo.load_editors(context, departments)
    home = HomePage.objects.get(locale__language_code="vi")
    with sync_deferred():
        sections = demo.load_sections(context, home, departments, pages_data)
    for department in departments.values():
        department.refresh_from_db()
    return SimpleNamespace(departments=departments, editors=editors, sections=sections, home=home)
