"""Fixtures every test folder shares: a private data home, and ``dunguard`` run in-process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh ``DUNGUARD_HOME`` for this test: no case of one test is seen by another."""
    h = tmp_path / "home"
    monkeypatch.setenv("DUNGUARD_HOME", str(h))
    return h


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


@pytest.fixture
def fresh_screenshot_memory():
    """The screenshot reader remembers threads across pictures (a folder import joins shots
    through it): tests that read screenshots start and end with nothing remembered."""
    from dunguard.ingest.screenshot import thread

    thread.MEMORY.forget()
    yield
    thread.MEMORY.forget()
