"""Canonical records from a reader's fields: content ids, times, Message and Call.

The ``id`` of a record is derived from its content only (never from the file or the row),
so that the same message read from two overlapping backups, or from two different export
formats, gets the same id and the vault stores it once. :func:`make_message` and
:func:`make_call` are the one place where a reader's fields become a record with its id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from dunguard.model import Attachment, Call, Channel, Direction, Locator, Message, Timestamp

_NON_DIGITS = re.compile(r"[\s\-()（）]")


def norm_party(address: str | None) -> str:
    """The counterparty as used in ids: spaces and dashes gone, China's +86 / 0086 dropped."""
    if not address:
        return ""
    a = _NON_DIGITS.sub("", address.strip())
    for prefix in ("+86", "0086"):
        if a.startswith(prefix) and len(a) > len(prefix) + 4:
            return a[len(prefix) :]
    if a.startswith("86") and len(a) == 13 and a[2] == "1":  # 86 + an 11-digit mobile
        return a[2:]
    return a


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(str(p if p is not None else "").encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


def message_id(
    channel: str,
    counterparty: str | None,
    utc_ms: int | None,
    direction: Direction | None,
    text: str,
    attachment_sha256: Iterable[str] = (),
) -> str:
    """Stable id: sha256 of channel, counterparty, UTC ms, direction, text and media (16 hex)."""
    return _digest(
        "msg",
        channel,
        norm_party(counterparty),
        utc_ms,
        direction.value if direction else "",
        text,
        ",".join(attachment_sha256),
    )


def call_id(counterparty: str, utc_ms: int, duration_s: int, kind: str) -> str:
    """Stable id of a call from its content (16 hex)."""
    return _digest("call", norm_party(counterparty), utc_ms, duration_s, kind)


def make_message(
    *,
    channel: Channel,
    counterparty: str,
    time: Timestamp | None,
    direction: Direction | None,
    text: str,
    sender: str | None,
    locator: Locator,
    attrs: dict[str, Any],
    attachments: Sequence[Attachment] = (),
    id_text: str | None = None,
) -> Message:
    """A message with its content id.

    ``sender`` is dropped for the user's own (outgoing) messages. ``id_text`` is the text the
    id is derived from when it is not the shown ``text`` (a placeholder for a picture).
    """
    return Message(
        id=message_id(
            channel,
            counterparty,
            time.utc_ms if time is not None else None,
            direction,
            text if id_text is None else id_text,
            (a.sha256 for a in attachments),
        ),
        text=text,
        sender=sender if direction is not Direction.OUT else None,
        time=time,
        direction=direction,
        channel=channel,
        counterparty=counterparty or None,
        attachments=tuple(attachments),
        locator=locator,
        attrs=attrs,
    )


def make_call(
    *,
    counterparty: str,
    time: Timestamp,
    duration_s: int,
    kind: str,
    locator: Locator,
    attrs: dict[str, Any],
) -> Call:
    """A call with its content id."""
    return Call(
        id=call_id(counterparty, time.utc_ms, duration_s, kind),
        counterparty=counterparty,
        time=time,
        duration_s=duration_s,
        kind=kind,
        locator=locator,
        attrs=attrs,
    )


def line_locator(line: int) -> Locator:
    """Where a record sits in a text or XML file: its (first) line."""
    return Locator("line", f"line={line}")


# ---------------------------------------------------------------- time

CHINA_OFFSET_MIN = 480  # UTC+8, Beijing time

APPLE_EPOCH_S = 978_307_200  # 2001-01-01T00:00:00Z in Unix seconds


def china_time(utc_ms: int) -> Timestamp:
    """A time from a source that records no offset (SBR, iOS, sms-ie, WeChat): Beijing time."""
    return Timestamp(utc_ms, CHINA_OFFSET_MIN)


def apple_to_utc_ms(value: float | int) -> int:
    """Apple Core Data / Messages time → Unix ms; seconds or nanoseconds, by magnitude."""
    v = float(value)
    if abs(v) > 1e14:  # nanoseconds since 2001 (iOS 11+): ~6e17 today; seconds are ~7e8
        return (int(value) // 1_000_000) + APPLE_EPOCH_S * 1000
    return round((v + APPLE_EPOCH_S) * 1000)


_DIGITS = re.compile(r"[+-]?\d+(\.\d+)?")


def parse_time(value: str) -> Timestamp:
    """A time as people's files write it.

    Epoch numbers (ms when ≥ 1e11, else s); ISO 8601 with or without offset
    (``2024-03-05T21:30:00+08:00``, ``2024-03-05 21:30:00``, ``2024/3/5 21:30``); naive
    times are Beijing time. Raises ``ValueError`` with a Chinese message if unreadable.
    """
    s = value.strip()
    if not s:
        raise ValueError("时间为空")
    if _DIGITS.fullmatch(s):
        n = float(s)
        ms = int(n) if abs(n) >= 1e11 else round(n * 1000)
        return china_time(ms)
    t = s.replace("/", "-").replace("年", "-").replace("月", "-").replace("日", " ")
    t = re.sub(r"\s+", " ", t.replace("Z", "+00:00")).strip()
    t = re.sub(
        r"^(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", t
    )
    t = re.sub(r"[ T](\d):", r" 0\1:", t)
    try:
        dt = datetime.fromisoformat(t)
    except ValueError:
        raise ValueError(f"看不懂的时间“{value}”") from None
    return Timestamp.from_datetime(dt)
