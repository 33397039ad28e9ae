"""Shared fixtures for the reader tests: the sample exports and an in-memory blob sink."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # make tests/fixtures importable

from ingest_helpers import MemorySink  # noqa: E402

from fixtures import make_exports  # noqa: E402


@pytest.fixture
def sink() -> MemorySink:
    return MemorySink()


@pytest.fixture(scope="session")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every sample export, written once per test session (tests must not modify them)."""
    return make_exports.write_all(tmp_path_factory.mktemp("exports"))


@pytest.fixture
def mx():
    return make_exports
