"""Shared fixtures for the law-base tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dunguard.law import LawBase, load

# The project's legal source sheets live beside the repository (../shared/law); a build
# without them skips the comparisons against the sources.
SHARED_LAW = Path(
    os.environ.get("DUNGUARD_LAW_SOURCE", Path(__file__).parents[3] / "shared" / "law")
)


@pytest.fixture(scope="session")
def base() -> LawBase:
    return load()


@pytest.fixture(scope="session")
def shared_law() -> Path:
    if not (SHARED_LAW / "statutes.md").is_file():
        pytest.skip(f"legal source sheets not available at {SHARED_LAW}")
    return SHARED_LAW
