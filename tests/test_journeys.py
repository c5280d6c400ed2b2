"""The three journeys that matter, in a real browser (issue 7): a citizen finding a procedure and its
form, a foreign investor comparing zones and asking a question in English, and a department editor's
article going through the editorial board's approval into the news and the monthly statistics.

Each step's screenshot goes to $BROWSER_ARTIFACTS_DIR/<journey>/NN-step.png (default var/screenshots/).
The browser, the shared demo site and the helpers are in tests/browser_support.py.
"""

import re
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser_support import log_in, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

PROCEDURE = "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư"


def test_citizen_finds_a_procedure_downloads_its_form_and_prints_it(demo_site, page, journey):
    page.goto(demo_site + "/vi/")
    journey.step(page, "home")

    # Typed the way people type: no diacritics. The box asks /vi/search/suggest/ as the visitor types.
    box = page.locator("#site-search-q")
    with page.expect_response(lambda r: "/vi/search/suggest/" in r.url and r.status == 200):
        box.press_sequentially("dang ky dau tu", delay=20)
    suggestions = page.locator(".header-search [role=listbox]")
    expect(suggestions).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = suggestions.locator("[role=option]")
    assert options.count() >= 2
    assert all("đầu tư" in text.lower() for text in options.all_inner_texts())
    # Readable: the list sits in the red header, whose text is white.
    assert options.first.locator("a").evaluate("a => getComputedStyle(a).color") != "rgb(255, 255, 255)"
    journey.step(page, "suggestions")

    suggestions.get_by_role("link", name=re.compile("^" + re.escape(PROCEDURE))).click()
    page.wait_for_url("**/vi/thu-tuc-hanh-chinh/**")
    expect(page.locator("h1")).to_have_text(PROCEDURE)
    expect(page.locator(".procedure-part", has_text="Cách thức thực hiện")).to_contain_text("Trực tuyến")
    journey.step(page, "procedure")

    # The dossier's application form, a real Word document from the owner's collection.
    form_link = page.locator(".procedure-part").get_by_role("link", name="Tải mẫu: Mẫu A.I.1")
    with page.expect_download() as download_info:
        form_link.click()
    download = download_info.value
    assert re.fullmatch(r"mau-a-i-1(_\w+)?\.docx", download.suggested_filename), download.suggested_filename
    saved = journey.folder / download.suggested_filename
    download.save_as(saved)
    assert 1_000 < saved.stat().st_size < 100_000
    with zipfile.ZipFile(saved) as docx:
        assert "Mẫu A.I.1" in docx.read("word/document.xml").decode()
    journey.step(page, "form-downloaded")

    # Print: the print stylesheets keep the record and drop the site's navigation and forms.
    page.emulate_media(media="print")
    for chrome in ("#main-nav", ".site-header", ".topbar", ".breadcrumbs", ".site-footer .footer-links"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.get_by_role("heading", name="Thành phần hồ sơ")).to_be_visible()
    journey.step(page, "print-preview")
    pdf = page.pdf(path=str(journey.folder / "procedure.pdf"), format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000


def test_investor_compares_zones_and_sends_an_inquiry_in_english(demo_site, page, journey):
    from investment.models import InvestorInquiry

    page.goto(demo_site + "/vi/")
    page.locator('.lang-switch a[hreflang="en"]').click()
    page.wait_for_url("**/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    journey.step(page, "english-home")

    page.locator("#main-nav").get_by_role("link", name="Investment promotion", exact=True).click()
    page.wait_for_url("**/en/investment-promotion/")
    zone_links = page.locator(".zone-table tbody th a")
    assert zone_links.count() >= 2
    first_zone = zone_links.nth(0).inner_text()
    second_zone = zone_links.nth(1).inner_text()
    journey.step(page, "zones")

    zone_links.nth(0).click()
    expect(page.locator("h1")).to_have_text(first_zone)
    assert "/en/investment-promotion/" in page.url
    journey.step(page, "zone")

    page.go_back()
    page.get_by_role("checkbox", name=f"Compare {first_zone}").check()
    page.get_by_role("checkbox", name=f"Compare {second_zone}").check()
    page.get_by_role("button", name="Compare the selected zones").click()
    page.wait_for_url(re.compile(r".*/so-sanh/\?zones=\d+&zones=\d+"))
    expect(page.locator("h1")).to_have_text("Compare zones")
    headers = page.locator(".compare-table thead th a")
    expect(headers).to_have_text([first_zone, second_zone])
    expect(page.locator(".compare-table")).to_contain_text("Occupancy rate")
    journey.step(page, "comparison")

    page.get_by_role("link", name="Choose other zones").click()
    page.locator(".investment-links").get_by_role("link", name="Ask for investment advice").click()
    expect(page.locator("h1")).to_have_text("Ask for investment advice")
    # Required fields' labels end with " *".
    page.get_by_label(re.compile(r"^Full name")).fill("Kim Min-jun")
    page.get_by_label(re.compile(r"^Organisation / company")).fill("Hanbit Components Co., Ltd.")
    page.get_by_label(re.compile(r"^Email")).fill("minjun.kim@hanbit.example")
    page.get_by_label(re.compile(r"^Interested in")).select_option(index=1)
    page.get_by_label(re.compile(r"^Content")).fill(
        f"We plan a 5 ha electronics plant. Is land available in {second_zone}?"
    )
    page.get_by_label(re.compile("I agree")).check()
    journey.step(page, "inquiry-form")
    page.get_by_role("button", name="Send the request").click()

    expect(page.get_by_role("status")).to_contain_text("Thank you for contacting us")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    journey.step(page, "inquiry-confirmation")
    inquiry = InvestorInquiry.objects.get(email="minjun.kim@hanbit.example")
    assert inquiry.organisation == "Hanbit Components Co., Ltd."


def _submit_article(page, base_url, news_pk, department_pk, title):
    page.goto(f"{base_url}/admin/pages/add/sections/articlepage/{news_pk}/")
    page.fill('input[name="title"]', title)
    page.fill('textarea[name="summary"]', "Ban Quản lý công bố đồ án điều chỉnh quy hoạch phân khu KCN Sao Mai.")
    # Wagtail autosaves as the editor types and may redraw the form: let each save finish first.
    page.wait_for_load_state("networkidle")
    # The body is a StreamField (the form's only one): insert a paragraph and type into its editor.
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name=re.compile("^(Đoạn văn|Paragraph)$")).first.click()
    editor = page.locator('[contenteditable="true"]').first
    editor.click()
    editor.press_sequentially("Đồ án điều chỉnh quy hoạch được công bố công khai tại trụ sở Ban.")
    # Draftail writes its content into the form's hidden input a moment after the last key (as a person
    # pauses before clicking); wait for that, or the form would be sent with an empty paragraph.
    expect(page.locator('input[name="body-0-value"]')).to_have_value(re.compile("trụ sở Ban"))
    # The unit is preselected: the editor's own (never the news section's owner, the board).
    expect(page.locator('input[name="department"]')).to_have_value(str(department_pk))
    # "Submit to the editorial board" sits in the save button's menu; Wagtail then shows the section.
    page.locator('.w-dropdown:has(button[name="action-submit"]) button.w-dropdown__toggle').click()
    with page.expect_navigation():
        page.locator('button[name="action-submit"]').click()
    assert page.url.endswith(f"/admin/pages/{news_pk}/")


def test_department_editor_article_is_approved_and_counted(demo_site, page, open_page, journey):
    from sections.models import ArticlePage, Department, NewsIndexPage, SectionPage

    news = NewsIndexPage.objects.get(locale__language_code="vi")
    title = "Công bố điều chỉnh quy hoạch phân khu KCN Sao Mai"
    log_in(page, demo_site, "qhxd-editor")
    journey.step(page, "editor-dashboard")
    _submit_article(page, demo_site, news.pk, Department.objects.get(code="QHXD").pk, title)
    article = ArticlePage.objects.get(title=title)
    assert article.department == Department.objects.get(code="QHXD")
    assert not article.live and article.workflow_in_progress
    journey.step(page, "submitted")

    # The editorial board approves it from its dashboard's review list.
    board = open_page()
    log_in(board, demo_site, "bbt-editor")
    journey.step(board, "board-dashboard")
    board.goto(f"{demo_site}/admin/pages/{article.pk}/edit/")
    # The editor's scripts (autosave, the workflow action menu) must be ready before the action is sent.
    board.wait_for_load_state("networkidle")
    board.locator('.w-dropdown:has([data-workflow-action-name="approve"]) button.w-dropdown__toggle').click()
    with board.expect_navigation():
        board.locator('button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])').click()
    journey.step(board, "approved")
    article.refresh_from_db()
    assert article.live

    # Public news page, the editor's own unit's news.
    visitor = open_page()
    visitor.goto(f"{demo_site}{news.url}?don-vi=QHXD")
    expect(visitor.get_by_role("link", name=title)).to_be_visible()
    journey.step(visitor, "public-news")

    # This month's statistics count it for QHXD.
    month = timezone.localdate().strftime("%Y-%m")
    board.goto(f"{demo_site}/admin/reports/editorial/quota/?month={month}")
    expect(board.get_by_role("link", name=title)).to_be_visible()
    journey.step(board, "monthly-statistics")

    # The same editor cannot open another unit's section for editing.
    other = SectionPage.objects.get(slug="dat-dai-moi-truong", locale__language_code="vi")
    page.goto(f"{demo_site}/admin/pages/{other.pk}/edit/")
    expect(page.get_by_text(re.compile("do not have permission|không có quyền", re.I)).first).to_be_visible()
    assert f"/admin/pages/{other.pk}/edit/" not in page.url
    journey.step(page, "other-section-denied")
