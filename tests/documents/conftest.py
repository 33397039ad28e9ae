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
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("DUNGUARD_HOME", str(h))
    return h


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


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run ``dunguard ARGS…`` in this process; returns (exit code, stdout, stderr)."""
    from dunguard.cli import main

    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["dunguard", *map(str, args)])
        try:
            main()
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
