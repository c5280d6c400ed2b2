"""Shared fixtures. The demo structure (units, editors, sections) is built by the demo loader itself,
so the tests exercise exactly what `make run` gives a reviewer."""

import pytest

from tests.browser_support import _browser, _demo_server, demo_site, journey, open_page, page  # noqa: F401


@pytest.fixture
def demo_structure(db):
    from tests.helpers import build_demo_structure

    return build_demo_structure()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """pytest-django's database setup, plus a snapshot of the migrated database when browser tests
    run: they share one demo site and put the database back from this snapshot afterwards."""
    if any(item.get_closest_marker("browser") for item in request.session.items):
        from tests.browser_support import take_database_snapshot

        with django_db_blocker.unblock():
            take_database_snapshot()
    yield
