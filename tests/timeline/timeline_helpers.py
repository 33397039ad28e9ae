"""Builders of messages and calls for the timeline tests (a module of its own: a test's
``from conftest import`` would meet another folder's conftest in a full run)."""

from __future__ import annotations

from datetime import datetime

from dunguard.model import SHANGHAI, Call, Direction, Message, Timestamp
from dunguard.text.engine import Engine


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
