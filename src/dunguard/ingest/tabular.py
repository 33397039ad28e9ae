"""Generic exports: CSV with a header row, and JSON Lines (one object per line).

Columns are found by name — ours (``text``, ``time``, ``sender``, ``direction``, ``id``,
``counterparty``, ``duration``), common English and Chinese ones (``body``, ``内容``, ``时间``,
``号码``, ``类型`` …) — or given by ``mapping={"text": "内容", "time": "时间", …}``. This
also reads the ``{"id","text","sender","time","direction"}`` lines that ``dunguard analyze``
takes. A file with a duration column and no text column is a call log (``number,date,
duration,type``) and yields calls.

Times: ISO 8601 with an offset, naive local time (Beijing), or epoch ms / s. Text encodings:
see :mod:`dunguard.ingest.textfile`. A row's ``id`` column, when present, is kept in
``attrs["source_id"]``; the record id is always derived from content.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from dunguard.errors import InputError
from dunguard.ingest.reading import FileReader, Reading, line_col
from dunguard.ingest.records import line_locator, make_call, make_message, parse_time
from dunguard.ingest.textfile import (
    clean,
    first_line,
    has_bad_bytes,
    looks_like_text,
    open_text,
)
from dunguard.model import Call, Channel, Direction, Locator, Message

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "message", "msg", "内容", "短信内容", "消息内容", "正文"),
    "time": ("time", "date", "datetime", "timestamp", "时间", "日期", "发送时间", "接收时间"),
    "sender": (
        "sender",
        "address",
        "number",
        "phone",
        "from",
        "号码",
        "发送人",
        "发件人",
        "对方号码",
        "电话",
    ),
    "counterparty": ("counterparty", "对方", "联系人"),
    "direction": ("direction", "type", "方向", "类型", "收发"),
    "duration": ("duration", "时长", "通话时长"),
    "id": ("id", "编号"),
}
_IN = {
    "in",
    "incoming",
    "received",
    "inbox",
    "recv",
    "1",
    "收",
    "收到",
    "接收",
    "来信",
    "呼入",
    "来电",
}
_OUT = {
    "out",
    "outgoing",
    "sent",
    "sent box",
    "outbox",
    "2",
    "发",
    "发出",
    "发送",
    "已发送",
    "呼出",
    "去电",
}
_CALL_KIND = {
    "incoming": "incoming", "1": "incoming", "呼入": "incoming", "来电": "incoming", "已接": "incoming",
    "outgoing": "outgoing", "2": "outgoing", "呼出": "outgoing", "去电": "outgoing",
    "missed": "missed", "3": "missed", "未接": "missed", "未接来电": "missed",
    "voicemail": "voicemail", "4": "voicemail",
    "rejected": "rejected", "5": "rejected", "拒接": "rejected",
    "blocked": "blocked", "6": "blocked", "拦截": "blocked",
}  # fmt: skip


def resolve_columns(header: list[str], mapping: Mapping[str, str] | None) -> dict[str, str]:
    """Our field name → the file's column name, from ``mapping`` first, then by known names."""
    cols: dict[str, str] = {}
    lower = {h.strip().lower(): h for h in header}
    for field, names in FIELDS.items():
        if mapping and field in mapping:
            continue
        for n in names:
            if n in lower:
                cols[field] = lower[n]
                break
    if mapping:
        for field, col in mapping.items():
            if field not in FIELDS:
                raise InputError(
                    f"列映射里的“{field}”不是可用的字段（可用：{'、'.join(FIELDS)}）。"
                )
            if col not in header:
                raise InputError(f"列映射指定的列“{col}”在文件表头里不存在。")
            cols[field] = col
    if "sender" in cols and cols.get("direction") == cols["sender"]:
        del cols["direction"]
    if "text" not in cols and "duration" not in cols:
        raise InputError(
            f"找不到正文列（表头：{'、'.join(header)}），请用列映射指定，例如 text=内容。"
        )
    if "duration" in cols and "time" not in cols and "text" not in cols:
        raise InputError("通话记录里找不到时间列，请用列映射指定，例如 time=时间。")
    return cols


def direction_of(value: str) -> Direction | None:
    v = value.strip().lower()
    if v in _IN:
        return Direction.IN
    if v in _OUT:
        return Direction.OUT
    return None


def _str(v: Any) -> str:
    if v is None:
        return ""
    return (
        v
        if isinstance(v, str)
        else json.dumps(v, ensure_ascii=False)
        if isinstance(v, (dict, list))
        else str(v)
    )


def build_record(row: Mapping[str, Any], cols: dict[str, str], locator: Locator) -> Message | Call:
    """Turn one row into a record; raises ``ValueError`` with a Chinese reason if it cannot."""
    get = {f: _str(row.get(c)) for f, c in cols.items()}
    ts = parse_time(get["time"]) if get.get("time", "").strip() else None
    attrs = {k: _str(v) for k, v in row.items() if k is not None}
    party = (get.get("counterparty") or get.get("sender") or "").strip()
    if "text" not in cols and "duration" in cols:
        try:
            duration = int(float(get["duration"] or 0))
        except ValueError:
            raise ValueError(f"通话时长“{get['duration']}”不是数字") from None
        kind = _CALL_KIND.get(get.get("direction", "").strip().lower(), "other")
        if ts is None:
            raise ValueError("缺少通话时间")
        return make_call(
            counterparty=party,
            time=ts,
            duration_s=duration,
            kind=kind,
            locator=locator,
            attrs=attrs,
        )
    direction = direction_of(get["direction"]) if "direction" in cols else None
    if get.get("id"):
        attrs["source_id"] = get["id"]
    return make_message(
        channel=Channel.SMS,
        counterparty=party,
        time=ts,
        direction=direction,
        text=clean(get["text"]),
        sender=get.get("sender") or party or None,
        locator=locator,
        attrs=attrs,
    )


Build = Callable[[Mapping[str, Any], dict[str, str], Locator], Message | Call]
Columns = Callable[[list[str], Mapping[str, str] | None], dict[str, str]]


def build_row(
    build: Build, row: Mapping[str, Any], cols: dict[str, str], line: int, reading: Reading
) -> Message | Call | None:
    """One row through ``build``; a row it refuses is a bad record at its line (None)."""
    try:
        return build(row, cols, line_locator(line))
    except ValueError as e:
        reading.bad(line_col(line), f"这一行无法导入：{e}。")
        return None


class CsvReader(FileReader):
    name = "csv"
    label = "表格（CSV，带表头）"

    def sniff(self, head: bytes, path: Path) -> bool:
        first = first_line(head)
        if first is None:
            return False
        if first.lstrip().startswith(("{", "[", "<")):
            return False
        fields = next(csv.reader([first]), [])
        if len(fields) < 2:
            fields = first.split("\t")
        return len(fields) >= 2 and all(f.strip() for f in fields)

    def read(self, path: Path, reading: Reading) -> Iterator[Message | Call]:
        yield from read_csv(path, reading, build_record)


def read_csv(
    path: Path, reading: Reading, build: Build, columns: Columns = resolve_columns
) -> Iterator[Message | Call]:
    """Stream a CSV file's rows through ``build``; shared by the CSV-shaped readers."""
    file = reading.file
    text, raw, enc = open_text(path)
    with text:
        first = text.readline()
        text.seek(0)
        delimiter = max(
            ",\t;", key=first.count
        )  # the header decides; Sniffer guesses quoting wrong
        dialect: Any = type("Dialect", (csv.excel,), {"delimiter": delimiter})
        reader = csv.reader(text, dialect)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("文件里没有任何内容。", file=file) from None
        except csv.Error as e:
            raise InputError(f"表头无法读取（{e}）。", file=file, place=line_col(1)) from None
        header = [h.lstrip("\ufeff").strip() for h in header]
        if any(has_bad_bytes(h) for h in header):
            raise InputError(
                "表头里有无法识别的字节，文件编码可能不对。", file=file, place=line_col(1)
            )
        try:
            cols = columns(header, reading.mapping)
        except (ValueError, InputError) as e:
            msg = e.message if isinstance(e, InputError) else f"表头不对：{e}。"
            raise InputError(msg, file=file, place=line_col(1)) from None
        line = reader.line_num + 1
        n = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                reading.bad(line_col(line), f"这一行不是合法的 CSV（{e}）。")
                line = reader.line_num + 1
                continue
            start, line = line, reader.line_num + 1
            if not row or all(not c.strip() for c in row):
                continue
            n += 1
            if n % 1000 == 0:
                reading.report(raw.tell())
            if any(has_bad_bytes(c) for c in row):
                reading.bad(
                    line_col(start),
                    f"这一行有无法按 {enc} 解读的字节，文件可能混用了编码或已损坏。",
                )
                continue
            if len(row) != len(header):
                reading.bad(line_col(start), f"这一行有 {len(row)} 列，表头有 {len(header)} 列。")
                continue
            rec = build_row(build, dict(zip(header, row, strict=True)), cols, start, reading)
            if rec is None:
                continue
            if enc != "utf-8":
                rec.attrs["encoding"] = enc
            yield rec
        reading.report(raw.tell())


class JsonlReader(FileReader):
    name = "jsonl"
    label = "JSON Lines（每行一条 JSON）"

    def sniff(self, head: bytes, path: Path) -> bool:
        text = looks_like_text(head)
        if not text:
            return False
        first = text.lstrip("\ufeff \r\n\t").split("\n", 1)[0].strip()
        if not first.startswith("{"):
            return False
        if "\n" not in text.lstrip("\ufeff \r\n\t"):
            return True  # a single (possibly cut) line that starts like an object
        try:
            return isinstance(json.loads(first), dict)
        except ValueError:
            return False

    def read(self, path: Path, reading: Reading) -> Iterator[Message | Call]:
        text, raw, _enc = open_text(path)
        cols: dict[str, str] | None = None
        with text:
            for lineno, line in enumerate(text, 1):
                if lineno % 1000 == 0:
                    reading.report(raw.tell())
                s = line.strip().lstrip("\ufeff")
                if not s:
                    continue
                if has_bad_bytes(s):
                    reading.bad(line_col(lineno), "这一行有无法识别的字节，文件可能已损坏。")
                    continue
                try:
                    obj = json.loads(s)
                except json.JSONDecodeError as e:
                    reading.bad(
                        line_col(lineno, e.colno),
                        f"这一行不是合法的 JSON（第 {e.colno} 个字符附近）。",
                    )
                    continue
                if not isinstance(obj, dict):
                    reading.bad(line_col(lineno), "这一行不是一个 JSON 对象。")
                    continue
                if cols is None:
                    cols = resolve_columns(list(obj), reading.mapping)
                rec = build_row(build_record, obj, cols, lineno, reading)
                if rec is not None:
                    yield rec
            reading.report(raw.tell())
