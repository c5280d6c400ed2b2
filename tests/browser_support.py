"""Shared machinery of the real-browser tests (test_browser, test_journeys, test_a11y).

- Debian's /usr/bin/chromium driven by Playwright's sync API (never a downloaded browser); the tests
  skip, saying why, where it is not installed.
- One demo site for the whole browser run: `load_demo` is by far the slowest step (about a minute and
  a half on a busy 2-core machine), so it runs once, behind a live server of our own, instead of once
  per test. Browser tests therefore carry no `django_db` mark (pytest-django would flush the database
  after each one); they reach the database through `demo_site`, which unblocks it, and each journey
  works on its own rows so they do not depend on each other's order. Before loading and after the
  run, the database is put back to its migrated state, exactly as Django's serialized rollback does.
- Screenshots of every journey step go to $BROWSER_ARTIFACTS_DIR/<journey>/NN-step.png
  (default var/screenshots/), a folder CI keeps.
- axe-core comes from node_modules (package-lock.json), injected from the file: no CDN.
"""

import os
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.helpers import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian chromium is not installed (apt-get install -y chromium)"
)
needs_axe = pytest.mark.skipif(
    not AXE_SCRIPT.exists(),
    reason="axe-core is not installed: run `npm ci` (or `make test`, which does it when node is available)",
)


def artifacts_dir():
    return Path(os.environ.get("BROWSER_ARTIFACTS_DIR") or Path(settings.BASE_DIR) / "var" / "screenshots")


def reset_database():
    """Back to the migrated state: what TransactionTestCase does with serialized_rollback=True (the
    serialized copy is made when the test database is created; see django_db_setup in conftest)."""
    from django.core.cache import cache
    from django.db import connection

    call_command(
        "flush", verbosity=0, interactive=False, reset_sequences=False, allow_cascade=False, inhibit_post_migrate=True
    )
    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    cache.clear()


def _close_other_connections():
    """PostgreSQL: end the server's request threads' sessions (a browser's keep-alive connections can
    outlive the server), or dropping the test database fails with "being accessed by other users"."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(scope="session")
def _demo_server(django_db_setup, django_db_blocker):
    """The demo portal behind a live server, built once for every browser test of the run."""
    from pytest_django.live_server_helper import LiveServer

    # Unblocked for the whole run: the server thread answers late requests too (a beacon sent as a
    # page closes), and pytest-django's blocker is process-wide.
    with django_db_blocker.unblock():
        reset_database()
        call_command("load_demo", password=PASSWORD, stdout=StringIO())
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            reset_database()
            _close_other_connections()


@pytest.fixture
def demo_site(_demo_server, django_db_blocker):
    """The demo site's base URL; the test may read and write the database between browser steps."""
    with django_db_blocker.unblock():
        yield _demo_server


@pytest.fixture(scope="session")
def _browser():
    # Playwright's sync API runs an event loop in this thread; the Django calls the tests make are
    # ordinary synchronous ones made between browser steps.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def new_page(browser, locale="vi-VN", **options):
    """A page in a fresh context (no cookies) that records every request to another host."""
    options = {"viewport": {"width": 1280, "height": 900}, "accept_downloads": True, **options}
    context = browser.new_context(locale=locale, **options)
    # Generous: the admin's scripts are large and CI machines are shared.
    context.set_default_timeout(45_000)
    page = context.new_page()
    page.blocked_requests = []
    # A closed provincial network: any request that leaves this server is a defect.
    page.on(
        "request",
        lambda r: page.blocked_requests.append(r.url) if not r.url.startswith(("http://localhost", "data:")) else None,
    )
    return page


def _close(pages, request):
    """Close the pages; after a failed test keep a screenshot of each in <artifacts>/failures/."""
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        folder = artifacts_dir() / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        for number, page in enumerate(pages, start=1):
            try:
                page.screenshot(path=str(folder / f"{request.node.name}-{number}.png"), full_page=True)
            except Exception:  # noqa: BLE001 - a screenshot must never hide the test's own failure
                pass
    blocked = [url for page in pages for url in page.blocked_requests]
    for page in pages:
        page.context.close()
    assert blocked == [], f"requests to other hosts: {blocked}"


@pytest.fixture
def page(_browser, request):
    page = new_page(_browser)
    yield page
    _close([page], request)


@pytest.fixture
def open_page(_browser, request):
    """Factory for more pages (a second user in the same test), each in its own context."""
    pages = []

    def factory(locale="vi-VN", **options):
        pages.append(new_page(_browser, locale, **options))
        return pages[-1]

    yield factory
    _close(pages, request)


class Journey:
    """Numbered screenshots of one journey's steps: <artifacts>/<name>/NN-step.png."""

    def __init__(self, name):
        self.folder = artifacts_dir() / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.number = 0

    def step(self, page, label):
        self.number += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        path = self.folder / f"{self.number:02d}-{slug}.png"
        page.screenshot(path=str(path), full_page=False)
        return path


@pytest.fixture
def journey(request):
    """A Journey named after the test (test_citizen_… → citizen_…)."""
    return Journey(request.node.name.removeprefix("test_"))


def log_in(page, base_url, username, password=PASSWORD):
    page.goto(base_url + "/admin/login/")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    page.locator('button[type="submit"]').click()
    page.wait_for_url("**/admin/")


def run_axe(page):
    """axe-core's WCAG 2.0/2.1 A and AA rules on the current page; returns its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
                resultTypes: ["violations"],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }"""
    )


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']} – {violation['help']}")
        lines += [f"    {node['target']}: {node['summary']}" for node in violation["nodes"][:5]]
    return "\n".join(lines)
