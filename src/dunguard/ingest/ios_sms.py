"""iOS Messages database ``sms.db`` (also macOS ``chat.db``).

One record per ``message`` row, joined to ``handle`` (the other party) and, through
``chat_message_join``, to ``chat`` (for the user's own messages, whose ``handle_id`` may be
0). Dates are seconds or nanoseconds since 2001-01-01 UTC, told apart by magnitude. When
``text`` is NULL (iOS 16+) the text is recovered from ``attributedBody``
(:mod:`dunguard.ingest.typedstream`); ``attrs["text_source"]`` says which was used.
SMS and RCS rows are channel ``sms``; iMessage rows are channel ``chat``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from dunguard.ingest.reading import FileReader, Reading
from dunguard.ingest.records import apple_to_utc_ms, china_time, make_message
from dunguard.ingest.sqlite_ro import plain, read_table, sniff_tables
from dunguard.ingest.typedstream import TypedStreamError, attributed_body_text
from dunguard.model import Call, Channel, Direction, Locator, Message

_NEEDED = {"message", "handle"}
_QUERY = """
SELECT m.*, h.id AS dg_handle,
       c.chat_identifier AS dg_chat, c.display_name AS dg_chat_name
FROM message AS m
LEFT JOIN handle AS h ON h.ROWID = m.handle_id
LEFT JOIN chat AS c ON c.ROWID = (
    SELECT chat_id FROM chat_message_join WHERE message_id = m.ROWID LIMIT 1)
ORDER BY m.ROWID
"""
_QUERY_NO_CHAT = """
SELECT m.*, h.id AS dg_handle, NULL AS dg_chat, NULL AS dg_chat_name
FROM message AS m LEFT JOIN handle AS h ON h.ROWID = m.handle_id
ORDER BY m.ROWID
"""
_SKIP_ATTRS = {"text", "attributedBody", "message_summary_info", "payload_data"}


class IosSmsDbReader(FileReader):
    name = "ios-sms-db"
    label = "iPhone 短信数据库（sms.db）"

    def sniff(self, head: bytes, path: Path) -> bool:
        return sniff_tables(head, path, _NEEDED)

    def read(self, path: Path, reading: Reading) -> Iterator[Message | Call]:
        yield from read_table(
            path,
            reading,
            table="message",
            key="ROWID",
            needed=_NEEDED,
            not_this="这个数据库里没有 message/handle 表，它不是 iPhone 短信数据库。",
            query=_query,
            record=_record,
        )


def _query(have: set[str]) -> str:
    return _QUERY if {"chat", "chat_message_join"} <= have else _QUERY_NO_CHAT


def _record(row: sqlite3.Row, reading: Reading) -> Message | None:
    keys = row.keys()
    rowid = row["ROWID"]
    place = f"message.ROWID={rowid}"
    attrs = {k: plain(row[k]) for k in keys if k not in _SKIP_ATTRS and not k.startswith("dg_")}
    text = row["text"]
    attrs["text_source"] = "text"
    if not text:
        body = row["attributedBody"] if "attributedBody" in keys else None
        if body:
            try:
                text = attributed_body_text(bytes(body))
                attrs["text_source"] = "attributedBody"
            except TypedStreamError as e:
                reading.bad(place, f"这条消息的文字只存在 attributedBody 里，但无法解读（{e}）。")
                return None
        else:
            text = ""
            attrs["text_source"] = "none"
    try:
        utc_ms = apple_to_utc_ms(row["date"] or 0)
    except (TypeError, ValueError):
        reading.bad(place, f"这条消息的时间（date={row['date']!r}）无法解读。")
        return None
    direction = Direction.OUT if row["is_from_me"] else Direction.IN
    party = row["dg_handle"] or row["dg_chat"] or ""
    service = (row["service"] if "service" in keys else None) or "SMS"
    channel = Channel.CHAT if service == "iMessage" else Channel.SMS
    if row["dg_chat_name"]:
        attrs["chat_name"] = row["dg_chat_name"]
    return make_message(
        channel=channel,
        counterparty=party,
        time=china_time(utc_ms),
        direction=direction,
        text=text,
        sender=party,
        locator=Locator("row", place),
        attrs=attrs,
    )
