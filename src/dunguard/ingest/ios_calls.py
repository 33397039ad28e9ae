"""iOS call history ``CallHistory.storedata`` (Core Data SQLite, table ``ZCALLRECORD``).

``ZDATE`` is seconds (float) since 2001-01-01 UTC; ``ZADDRESS`` is often a BLOB holding the
number's bytes; ``ZORIGINATED`` 1 = outgoing; an incoming call with ``ZANSWERED`` 0 is
missed. ``ZCALLTYPE`` (1 phone, 8 FaceTime video, 16 FaceTime audio, 0 third-party app) is
kept in ``attrs`` with ``attrs["call_type"]`` naming it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from dunguard.ingest.reading import FileReader, Reading
from dunguard.ingest.records import apple_to_utc_ms, china_time, make_call
from dunguard.ingest.sqlite_ro import plain, read_table, sniff_tables
from dunguard.model import Call, Locator, Message

_CALL_TYPES = {0: "app", 1: "phone", 8: "facetime-video", 16: "facetime-audio"}


class IosCallHistoryReader(FileReader):
    name = "ios-callhistory"
    label = "iPhone 通话记录（CallHistory.storedata）"

    def sniff(self, head: bytes, path: Path) -> bool:
        return sniff_tables(head, path, {"ZCALLRECORD"})

    def read(self, path: Path, reading: Reading) -> Iterator[Message | Call]:
        yield from read_table(
            path,
            reading,
            table="ZCALLRECORD",
            key="Z_PK",
            needed={"ZCALLRECORD"},
            not_this="这个数据库里没有 ZCALLRECORD 表，它不是 iPhone 通话记录。",
            query=lambda _have: "SELECT * FROM ZCALLRECORD ORDER BY Z_PK",
            record=_record,
        )


def _record(row: sqlite3.Row, reading: Reading) -> Call | None:
    place = f"ZCALLRECORD.Z_PK={row['Z_PK']}"
    keys = row.keys()  # sqlite3.Row iterates over values, not names
    attrs = {k: plain(row[k]) for k in keys}
    try:
        utc_ms = apple_to_utc_ms(row["ZDATE"])
        duration = round(float(row["ZDURATION"] or 0))
    except (TypeError, ValueError):
        reading.bad(place, f"这条通话的时间或时长无法解读（ZDATE={row['ZDATE']!r}）。")
        return None
    address = row["ZADDRESS"]
    if isinstance(address, bytes):
        address = address.decode("utf-8", errors="replace")
    if row["ZORIGINATED"]:
        kind = "outgoing"
    elif row["ZANSWERED"]:
        kind = "incoming"
    else:
        kind = "missed"
    if "ZCALLTYPE" in keys and row["ZCALLTYPE"] in _CALL_TYPES:
        attrs["call_type"] = _CALL_TYPES[row["ZCALLTYPE"]]
    return make_call(
        counterparty=(address or "").strip(),
        time=china_time(utc_ms),
        duration_s=duration,
        kind=kind,
        locator=Locator("row", place),
        attrs=attrs,
    )
