"""Accessibility in a real browser: axe-core (WCAG 2.0/2.1 A and AA, from node_modules, injected from
the file — no CDN) on the main page types, and keyboard-only use of the header.

Skipped, saying why, where chromium or node_modules/axe-core is missing (`make test` runs `npm ci`).
"""

import pytest
from playwright.sync_api import expect

from tests.browser_support import describe_violations, needs_axe, needs_chromium, run_axe

pytestmark = [pytest.mark.browser, needs_chromium]

BLOCKING = {"serious", "critical"}


def _audited_pages():
    """(name, path) of one page of each kind the issue names, looked up in the demo content."""
    from investment.models import ZonePage
    from procedures.models import ProcedurePage
    from sections.models import ArticlePage, SectionPage

    vi = {"locale__language_code": "vi"}
    article = ArticlePage.objects.live().filter(**vi).order_by("-date").first()
    procedure = ProcedurePage.objects.live().filter(code="1.009763.000.00.00.H34", **vi).first()
    zone = ZonePage.objects.live().filter(**vi).order_by("path").first()
    section = SectionPage.objects.live().filter(slug="gioi-thieu", **vi).first()
    return [
        ("home", "/vi/"),
        ("section", section.url),
        ("article", article.url),
        ("procedure", procedure.url),
        ("search", "/vi/search/?q=dang+ky+dau+tu"),
        ("zone", zone.url),
        ("english-home", "/en/"),
    ]


@needs_axe
def test_main_pages_have_no_serious_or_critical_axe_violations(demo_site, open_page):
    # axe is injected as a script; bypass_csp lets that work under a strict Content-Security-Policy.
    page = open_page(bypass_csp=True)
    failures = {}
    for name, path in _audited_pages():
        response = page.goto(demo_site + path)
        assert response.status == 200, path
        blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING]
        if blocking:
            failures[f"{name} ({path})"] = describe_violations(blocking)
    assert not failures, "\n\n".join(f"{page}:\n{text}" for page, text in failures.items())


FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, text: (el.innerText || "").trim(),
        inNav: !!el.closest("#main-nav"), focusVisible: el.matches(":focus-visible"),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== "none",
        visible: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight
            && style.visibility !== "hidden",
    };
}"""


def test_keyboard_reaches_skip_link_search_and_menu_with_visible_focus(demo_site, page):
    page.goto(demo_site + "/vi/")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STYLE)
    assert "skip-link" in first["cls"], first
    assert first["visible"] and (first["outline"] or first["shadow"]), first

    # The skip link moves focus to the main content.
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate("() => document.activeElement.id") == "main"

    page.goto(demo_site + "/vi/")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        seen.append(focused)
        if focused["id"] == "site-search-q" or focused["inNav"]:
            assert focused["focusVisible"] and focused["visible"], focused
            assert focused["outline"] or focused["shadow"], f"no visible focus indicator: {focused}"
        if any(s["id"] == "site-search-q" for s in seen) and sum(s["inNav"] for s in seen) >= 3:
            break
    assert any(s["id"] == "site-search-q" for s in seen), seen
    menu_links = [s["text"] for s in seen if s["inNav"] and s["tag"] == "a"]
    assert len(menu_links) >= 3 and menu_links[0] == "Trang chủ", seen

    # Typing in the search box from the keyboard, then Enter, searches.
    page.locator("#site-search-q").focus()
    page.keyboard.type("quy hoach")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vi/search/?q=quy+hoach*")
    expect(page.locator("main h1")).to_be_visible()


def test_images_have_alt_text(demo_site, page):
    for _, path in _audited_pages():
        page.goto(demo_site + path)
        missing = page.evaluate("() => [...document.images].filter(i => !i.hasAttribute('alt')).map(i => i.src)")
        assert missing == [], f"{path}: images without alt: {missing}"
        # Informative images (not marked decorative with alt="") say what they show.
        blank_in_content = page.evaluate(
            """() => [...document.querySelectorAll('main img:not([alt=""])')]
                .filter(i => !i.alt.trim()).map(i => i.src)"""
        )
        assert blank_in_content == [], path
