"""Visitors and editors in a real browser: Debian's chromium driven by Playwright (never a downloaded one).

Skipped, with the reason printed, only where /usr/bin/chromium is not installed; `.ci/run` installs it.
The three issue journeys (citizen, investor, department editor) are in test_journeys.py.
"""

import pytest

from tests.browser_support import needs_chromium
from tests.helpers import PASSWORD

# The browser, the shared demo site and the page fixture live in tests/browser_support.py.
pytestmark = [pytest.mark.browser, needs_chromium]


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
