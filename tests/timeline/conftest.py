"""Fixtures for the timeline tests: a data home, and builders of messages and calls."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))

from dunguard.model import SHANGHAI, Call, Direction, Message, Timestamp  # noqa: E402
from dunguard.text.engine import Engine  # noqa: E402


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("DUNGUARD_HOME", str(h))
    return h


def ts(*t: int, offset_min: int = 480) -> Timestamp:
    """A Beijing wall-clock time (y, mo, d, h, mi[, s]) as the source would store it."""
    dt = datetime(*t, tzinfo=SHANGHAI)
    return Timestamp(int(dt.timestamp() * 1000), offset_min)


def msg(mid: str, sender: str, t: tuple[int, ...] | None, text: str, direction: str = "in") -> Message:
    return Message(mid, text, sender, ts(*t) if t else None, Direction(direction))


def call(cid: str, number: str, t: tuple[int, ...], kind: str = "missed", duration: int = 0) -> Call:
    return Call(cid, number, ts(*t), duration, kind)


def analyse(messages: list[Message]) -> dict:
    eng = Engine.default()
    return {
        m.id: eng.analyze(m.text, id=m.id, sent_at=m.time.as_source() if m.time else None)
        for m in messages
    }


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
