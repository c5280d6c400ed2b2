"""End-to-end journeys in a real browser: Debian's chromium driven by Playwright (never a downloaded one).

Skipped, with the reason printed, only where /usr/bin/chromium is not installed; `.ci/run` installs it.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.helpers import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data; serialized rollback restores what migrations created.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (apt-get install -y chromium)"),
]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", password=PASSWORD, stdout=StringIO())
    return live_server.url


@pytest.fixture
def page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the Django calls the tests make
    # are ordinary synchronous ones made between browser steps. Restored after each test.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        blocked = []
        # A closed provincial network: any request that leaves this server is a defect.
        page.on(
            "request", lambda r: blocked.append(r.url) if not r.url.startswith(("http://localhost", "data:")) else None
        )
        yield page
        context.close()
        browser.close()
        assert blocked == [], f"requests to other hosts: {blocked}"


def test_visitor_browses_sections_and_switches_to_english(demo_site, page):
    page.goto(demo_site + "/")
    assert page.url.endswith("/vi/")
    nav = page.locator("#main-nav")
    for title in ("Giới thiệu", "Văn bản", "Thủ tục hành chính", "Hỏi đáp", "Liên hệ"):
        assert nav.get_by_role("link", name=title, exact=True).count() >= 1, title
    page.goto(demo_site + "/vi/gioi-thieu/lanh-dao-ban/")
    assert page.locator("h1").inner_text().strip()
    page.locator('a[hreflang="en"]').first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/gioi-thieu/lanh-dao-ban/")
    assert "Head of the Board" in page.content()
    assert page.locator("html").get_attribute("lang") == "en"


def test_visitor_filters_legal_documents(demo_site, page):
    page.goto(demo_site + "/vi/van-ban/")
    page.locator('select[name="nam"]').select_option("2016")
    page.locator('form button[type="submit"], form input[type="submit"]').filter(has_text="Tra cứu").first.click()
    page.wait_for_load_state()
    assert "nam=2016" in page.url
    assert "2150/UBND-KGVX" in page.content()
    assert "889/UBND-KGVX" not in page.content()


def test_citizen_asks_a_question_and_errors_keep_the_text(demo_site, page):
    page.goto(demo_site + "/vi/hoi-dap/")
    page.fill('input[name="asker_name"]', "Phạm Văn Long")
    page.fill('input[name="email"]', "sai-dia-chi")
    page.fill('input[name="title"]', "Hồ sơ cấp giấy phép lao động")
    page.fill('textarea[name="question"]', "Hồ sơ cấp giấy phép lao động cho chuyên gia nước ngoài gồm những gì?")
    # The browser's own validation would stop a wrong e-mail; test the server's answer too.
    page.locator("form").filter(has=page.locator('textarea[name="question"]')).evaluate("f => f.noValidate = true")
    page.locator("form").filter(has=page.locator('textarea[name="question"]')).locator('[type="submit"]').click()
    page.wait_for_load_state()
    assert page.input_value('textarea[name="question"]').startswith("Hồ sơ cấp giấy phép")
    page.fill('input[name="email"]', "long@example.vn")
    page.locator("form").filter(has=page.locator('textarea[name="question"]')).locator('[type="submit"]').click()
    page.wait_for_load_state()
    from sections.models import Question

    assert Question.objects.filter(email="long@example.vn", status="new").exists()


def test_department_editor_can_edit_own_section_but_not_publish_or_touch_others(demo_site, page):
    from wagtail.models import Page

    page.goto(demo_site + "/admin/login/")
    page.fill('input[name="username"]', "qhxd-editor")
    page.fill('input[name="password"]', PASSWORD)
    page.locator('button[type="submit"]').click()
    page.wait_for_url("**/admin/")
    own = Page.objects.get(slug="quy-hoach-xay-dung", locale__language_code="vi")
    page.goto(f"{demo_site}/admin/pages/{own.pk}/edit/")
    assert page.locator('input[name="title"]').input_value() == "Quy hoạch - Xây dựng"
    html = page.content()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    other = Page.objects.get(slug="dat-dai-moi-truong", locale__language_code="vi")
    page.goto(f"{demo_site}/admin/pages/{other.pk}/edit/")
    assert page.url.rstrip("/").endswith("/admin")
