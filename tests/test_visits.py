"""The visit counter: counts through its endpoint, ignores bots, never loses concurrent increments."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from home import visits as visit_module
from home.models import AgencySettings, DailyVisits, PageViews
from home.visits import flush, is_bot, record_visit, reset_for_tests, visit_totals

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


@pytest.fixture(autouse=True)
def fresh_counter():
    reset_for_tests()
    yield
    reset_for_tests()


@pytest.fixture
def browser_client():
    return Client(HTTP_USER_AGENT=BROWSER)


@pytest.mark.django_db
class TestVisitEndpoint:
    url = reverse("visits")

    def test_a_view_is_counted_for_the_site_and_the_page(self, browser_client, demo_structure):
        settings_obj = AgencySettings.load()
        settings_obj.visits_before_launch = 426000
        settings_obj.save()
        page = demo_structure.sections["van-ban"]
        data = browser_client.post(self.url, {"page": page.pk}).json()
        assert data == {"total": 426001, "today": 1, "month": 1, "online": 1}
        browser_client.post(self.url, {"page": page.pk})
        assert PageViews.objects.get(page=page).views == 2
        assert DailyVisits.objects.get(date=timezone.localdate()).visits == 2

    def test_get_reads_without_counting(self, browser_client, demo_structure):
        assert browser_client.get(self.url).json()["today"] == 0
        assert not DailyVisits.objects.exists()

    def test_bots_are_not_counted(self, demo_structure):
        for agent in ("Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.0", "python-requests/2.31", ""):
            Client(HTTP_USER_AGENT=agent).post(self.url)
        assert not DailyVisits.objects.exists()
        assert is_bot("Mozilla/5.0 (compatible; bingbot/2.0)") and not is_bot(BROWSER)

    def test_bad_input_counts_the_visit_but_not_a_page(self, browser_client, demo_structure):
        for value in ("abc", "-1", "999999999", "1" * 40, "\x00"):
            assert browser_client.post(self.url, {"page": value}).status_code == 200
        assert DailyVisits.objects.get().visits == 5
        assert not PageViews.objects.exists()
        assert browser_client.put(self.url).status_code == 405

    def test_footer_shows_the_counter_and_home_lists_most_read(self, browser_client, demo_structure):
        from io import StringIO

        from django.core.management import call_command

        call_command("load_demo", password="x-pass-123", stdout=StringIO())
        from sections.models import ArticlePage

        article = ArticlePage.objects.live().filter(locale__language_code="vi").order_by("-date").last()
        for _ in range(3):
            browser_client.post(self.url, {"page": article.pk})
        html = browser_client.get("/vi/").content.decode()
        assert 'data-visits-url="/visits/"' in html and "data-visits-total" in html
        assert "Đọc nhiều nhất" in html and article.title in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # stable content type ids
def test_parallel_increments_lose_nothing():
    """Eight threads, each counting 25 views at once: exactly 200 are stored."""
    from django.test import RequestFactory

    factory = RequestFactory(HTTP_USER_AGENT=BROWSER)
    errors = []

    def worker():
        try:
            for _ in range(25):
                record_visit(factory.post("/visits/"))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert visit_totals()["today"] == 200


@pytest.mark.django_db
class TestBuffering:
    """Counts wait in memory until the flush interval: cheap for every view, at most one interval at risk."""

    def test_counts_are_buffered_until_flushed(self, settings):
        from django.test import RequestFactory

        settings.PORTAL_VISITS_FLUSH_SECONDS = 3600
        factory = RequestFactory(HTTP_USER_AGENT=BROWSER)
        for _ in range(5):
            record_visit(factory.post("/visits/"))
        assert not DailyVisits.objects.exists()
        assert visit_totals()["today"] == 5  # the buffer is shown, not hidden
        flush()
        assert DailyVisits.objects.get().visits == 5
        assert visit_totals()["today"] == 5

    def test_a_failed_write_keeps_the_counts(self, settings, monkeypatch):
        from django.db import OperationalError
        from django.test import RequestFactory

        settings.PORTAL_VISITS_FLUSH_SECONDS = 3600
        record_visit(RequestFactory(HTTP_USER_AGENT=BROWSER).post("/visits/"))
        original = visit_module._increment

        def broken(*args, **kwargs):
            raise OperationalError("database is down")

        monkeypatch.setattr(visit_module, "_increment", broken)
        flush()
        assert not DailyVisits.objects.exists()
        monkeypatch.setattr(visit_module, "_increment", original)
        flush()
        assert DailyVisits.objects.get().visits == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # stable content type ids
def test_parallel_buffered_increments_lose_nothing(settings):
    """Eight threads share one process buffer with occasional flushes: exactly 200 are stored."""
    from django.test import RequestFactory

    settings.PORTAL_VISITS_FLUSH_SECONDS = 0.01
    factory = RequestFactory(HTTP_USER_AGENT=BROWSER)
    errors = []

    def worker():
        try:
            for _ in range(25):
                record_visit(factory.post("/visits/"))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    flush()
    assert errors == []
    assert DailyVisits.objects.get(date=timezone.localdate()).visits == 200
