"""Fixtures for the vault tests: a data home and a fresh case per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # vault_helpers
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # fixtures.make_exports

from dunguard.case import Case, create_case  # noqa: E402


@pytest.fixture
def case(home: Path) -> Iterator[Case]:
    c = create_case("测试案件")
    yield c
    c.close()
