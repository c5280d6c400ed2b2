"""Shared fixtures. The demo structure (units, editors, sections) is built by the demo loader itself,
so the tests exercise exactly what `make run` gives a reviewer."""

import shutil

import pytest
from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

from tests.browser_support import _browser, _demo_server, demo_site, journey, open_page, page  # noqa: F401


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item (browser fixtures screenshot failed tests)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def pytest_sessionstart(session):
    from django.conf import settings

    # A fresh media folder per run (per xdist worker): uploads keep their own names.
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    # Transactional tests (live server, browser) empty the tables when they finish; mark them so
    # `make test` runs them after the parallel run instead of beside other tests on one worker.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if item.get_closest_marker("browser"):
            # The shared demo site commits to the database and puts it back afterwards.
            item.add_marker(pytest.mark.transactional)
        elif marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
            item.add_marker(pytest.mark.transactional)
        elif getattr(item, "cls", None) is not None:
            from django.test import TestCase, TransactionTestCase

            if issubclass(item.cls, TransactionTestCase) and not issubclass(item.cls, TestCase):
                item.add_marker(pytest.mark.transactional)


@pytest.fixture
def demo_structure(db):
    from tests.helpers import build_demo_structure

    return build_demo_structure()


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's own setup (same steps), plus: when browser tests are collected, the default
    database is created and serialized even if no other test asks for it. Browser tests share one
    demo site without a `django_db` mark (see tests/browser_support.py) and put the database back
    from this serialized copy, as Django's serialized rollback does."""
    from django.test.utils import setup_databases, teardown_databases

    if not django_db_use_migrations:
        _disable_migrations()
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    if any(item.get_closest_marker("browser") for item in request.session.items):
        aliases = set(aliases) | {"default"}
        serialized_aliases = set(serialized_aliases) | {"default"}
    keepdb = {"keepdb": True} if django_db_keepdb and not django_db_createdb else {}
    with django_db_blocker.unblock():
        db_cfg = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
            **keepdb,
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: what a previous test cached (pages, menus, settings) was
    built from data its transaction rolled back."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
