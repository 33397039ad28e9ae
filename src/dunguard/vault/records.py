"""The canonical form of a stored record, its content id and its hash.

A record is kept, hashed and exported as one flat JSON object (:func:`to_row`); its hash is
SHA-256 over the canonical JSON of that object, so that the same hash can be recomputed from
the SQLite row, from ``records/messages.jsonl`` in a bundle, or by anyone with a JSON library
(keys sorted, no spaces, UTF-8, no floats outside ``attrs``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from dunguard.ingest.records import call_id, message_id
from dunguard.model import Attachment, Call, Channel, Direction, Locator, Message, Timestamp

# The fields of a record, in export column order; all of them enter the record hash.
FIELDS = (
    "id",
    "kind",
    "channel",
    "direction",
    "counterparty",
    "sender",
    "utc_ms",
    "offset_min",
    "body",
    "duration_s",
    "call_type",
    "attachments",
    "attrs",
    "locator",
    "source_sha256",
    "source_id",
)
_OUTGOING_CALLS = {"outgoing"}
_UNKNOWN_DIRECTION_CALLS = {"other"}


def canonical_json(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical_bytes(obj: Any) -> bytes:
    return canonical_json(obj).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text(s: str | None) -> str | None:
    """Text SQLite and UTF-8 can hold: a lone surrogate (a broken emoji) becomes U+FFFD."""
    if s is None:
        return None
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)


def _plain(obj: Any) -> Any:
    """``attrs`` as JSON would give them back (string keys, no tuples, no odd types)."""
    return json.loads(_text(canonical_json(obj)) or "{}") if obj else {}


def to_row(rec: Message | Call, source_sha256: str) -> dict[str, Any]:
    """The canonical record dict of a reader's record, with the vault's content id."""
    t = rec.time
    loc = rec.locator
    locator = {"kind": loc.kind, "value": _text(loc.value)} if loc else None
    if isinstance(rec, Message):
        atts = [
            {
                "sha256": a.sha256,
                "size": a.size,
                "content_type": a.content_type,
                "name": _text(a.name),
            }
            for a in rec.attachments
        ]
        channel = rec.channel.value if isinstance(rec.channel, Channel) else str(rec.channel)
        direction = rec.direction.value if rec.direction else None
        counterparty = rec.counterparty if rec.counterparty is not None else rec.sender
        id_text = rec.text or ""
        repeat = rec.attrs.get("repeat") if rec.attrs else None
        if t is None and isinstance(repeat, int) and repeat > 0:
            # the k-th untimed bubble with the same words in one picture is its own record (a
            # screenshot shows "收到" twice): the reader's id counts it in, and so does ours
            id_text = f"{id_text}\x00{repeat}"
        cid = message_id(
            channel,
            counterparty,
            t.utc_ms if t else None,
            rec.direction,
            id_text,
            [a.sha256 for a in rec.attachments],
        )
        return {
            "id": cid,
            "kind": "message",
            "channel": channel,
            "direction": direction,
            "counterparty": _text(counterparty),
            "sender": _text(rec.sender),
            "utc_ms": t.utc_ms if t else None,
            "offset_min": t.offset_min if t else None,
            "body": _text(rec.text or ""),
            "duration_s": None,
            "call_type": None,
            "attachments": atts,
            "attrs": _plain(rec.attrs),
            "locator": locator,
            "source_sha256": source_sha256,
            "source_id": _text(rec.id),
        }
    if rec.kind in _OUTGOING_CALLS:
        direction = Direction.OUT.value
    elif rec.kind in _UNKNOWN_DIRECTION_CALLS:
        direction = None
    else:
        direction = Direction.IN.value
    return {
        "id": call_id(rec.counterparty, t.utc_ms, rec.duration_s, rec.kind),
        "kind": "call",
        "channel": Channel.CALL.value,
        "direction": direction,
        "counterparty": _text(rec.counterparty),
        "sender": None,
        "utc_ms": t.utc_ms,
        "offset_min": t.offset_min,
        "body": None,
        "duration_s": int(rec.duration_s),
        "call_type": rec.kind,
        "attachments": [],
        "attrs": _plain(rec.attrs),
        "locator": locator,
        "source_sha256": source_sha256,
        "source_id": _text(rec.id),
    }


def record_hash(row: dict[str, Any]) -> str:
    return sha256_hex(canonical_bytes({k: row.get(k) for k in FIELDS}))


class ListHash:
    """SHA-256 over a sequence of hex hashes, one per line: the digest an event carries."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()
        self.count = 0

    def add(self, hex_hash: str) -> None:
        self._h.update(hex_hash.encode("ascii") + b"\n")
        self.count += 1

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def list_hash(hashes: Iterable[str]) -> str:
    lh = ListHash()
    for h in hashes:
        lh.add(h)
    return lh.hexdigest()


def from_row(row: dict[str, Any]) -> Message | Call:
    """A model record back from its canonical dict (for the faces and the text engine)."""
    loc = row.get("locator")
    locator = Locator(loc["kind"], loc["value"], row.get("source_sha256") or "") if loc else None
    ts = (
        Timestamp(row["utc_ms"], row["offset_min"] if row["offset_min"] is not None else 480)
        if row.get("utc_ms") is not None
        else None
    )
    attrs = dict(row.get("attrs") or {})
    if row["kind"] == "call":
        return Call(
            id=row["id"],
            counterparty=row.get("counterparty") or "",
            time=ts or Timestamp(0),
            duration_s=row.get("duration_s") or 0,
            kind=row.get("call_type") or "other",
            locator=locator,
            attrs=attrs,
        )
    return Message(
        id=row["id"],
        text=row.get("body") or "",
        sender=row.get("sender"),
        time=ts,
        direction=Direction(row["direction"]) if row.get("direction") else None,
        channel=Channel(row["channel"])
        if row.get("channel") in Channel._value2member_map_
        else Channel.SMS,
        counterparty=row.get("counterparty"),
        attachments=tuple(
            Attachment(a["content_type"], a["name"], a["sha256"], a["size"])
            for a in row.get("attachments") or ()
        ),
        locator=locator,
        attrs=attrs,
    )
