"""Shared fixtures. The demo structure (units, editors, sections) is built by the demo loader itself,
so the tests exercise exactly what `make run` gives a reviewer."""

import shutil

import pytest


def pytest_sessionstart(session):
    from django.conf import settings

    # A fresh media folder per run (per xdist worker): uploads keep their own names.
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    # Transactional tests (live server, browser) empty the tables when they finish; mark them so
    # `make test` runs them after the parallel run instead of beside other tests on one worker.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
            item.add_marker(pytest.mark.transactional)
        elif getattr(item, "cls", None) is not None:
            from django.test import TestCase, TransactionTestCase

            if issubclass(item.cls, TransactionTestCase) and not issubclass(item.cls, TestCase):
                item.add_marker(pytest.mark.transactional)


@pytest.fixture
def demo_structure(db):
    from tests.helpers import build_demo_structure

    return build_demo_structure()
