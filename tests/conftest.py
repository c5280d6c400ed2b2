"""Shared fixtures. The demo structure (units, editors, sections) is built by the demo loader itself,
so the tests exercise exactly what `make run` gives a reviewer."""

import pytest


@pytest.fixture
def demo_structure(db):
    from tests.helpers import build_demo_structure

    return build_demo_structure()
