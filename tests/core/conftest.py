"""Fixtures of the engine tests: seed extractions that tests of several modules read.

An ``Extraction`` is frozen, so one per session is shared safely."""

import pytest

from tests.conftest import seed_text
from tracker.core.extraction import extract_text


@pytest.fixture(scope="session")
def xihu():
    return extract_text(seed_text("001_"))


@pytest.fixture(scope="session")
def jiaxing():
    return extract_text(seed_text("004_"))
