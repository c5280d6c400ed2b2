"""Shared fixtures. The demo structure (units, editors, sections) is built by the demo loader itself,
so the tests exercise exactly what `make run` gives a reviewer."""

import pytest


@pytest.fixture
def demo_structure(db):
    from tests.helpers import build_demo_structure

    return build_demo_structure()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: what a previous test cached (pages, menus, settings) was
    built from data its transaction rolled back."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
