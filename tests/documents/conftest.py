"""Fixtures for the documents tests: a data home, realistic cases, and the in-process CLI."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from doc_cases import make_demo_case  # noqa: E402

from dunguard.case import create_case  # noqa: E402


@pytest.fixture
def timeline_case(home: Path, tmp_path: Path) -> str:
    """The timeline's generated case (tests/fixtures/make_case.py): two lenders, no debts."""
    from make_case import write_case

    with create_case("张三") as c:
        c.import_files(write_case(tmp_path / "in"))
    return "张三"


@pytest.fixture
def demo_case(home: Path, tmp_path: Path) -> str:
    return make_demo_case("演示", tmp_path)
