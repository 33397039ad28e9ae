"""One input block column by column (``MESSAGE_COLUMNS``, ``CALL_COLUMNS``): Python lists,
which the partition's work fills its output columns from; ``read_block`` gives a frame.

Records are numbered as ``dunguard analyze`` numbers them: JSONL by line (a missing ``id``
is the line number), CSV by record after the header, Parquet by row (from 1). A record that
cannot be used keeps its row with an ``error`` saying why (the job counts and reports them).
Parquet columns are read whole (Arrow), times of timestamp columns converted as arrays; text
formats are parsed line by line with the same rules as ``dunguard analyze``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from dunguard.bulk.columns import CALL_FIELDS, MESSAGE_FIELDS, call_kind, direction_of, time_of
from dunguard.bulk.inputs import Block, _lines
from dunguard.text.inputs import MAX_LINE

NAME_SEP = "\x1f"  # joins several person names in one cell
MESSAGE_COLUMNS = ("source", "row", "uid", "case", "id", "text", "sender", "recipient",
                   "direction", "agency", "collector", "lender", "names", "time_ms", "time_off",
                   "error")
CALL_COLUMNS = ("source", "row", "uid", "case", "id", "number", "time_ms", "time_off",
                "duration", "kind", "agency", "collector", "error")
_SHANGHAI_TZ = frozenset({"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC", "+08:00",
                          "Etc/GMT-8"})
_1992_MS = 694_224_000_000  # Shanghai has kept UTC+8 all year since 1992


class _Cols:
    """A block's records, column by column."""

    def __init__(self, fields: list[str]):
        self.data: dict[str, list] = {f: [] for f in fields}
        self.rows: list[int] = []
        self.lines: list[int] = []
        self.errors: list[str | None] = []
        self.time: tuple[list, list] | None = None  # (utc ms, offset) when read as arrays
        self.strings: set[str] = set()  # fields read from string columns: str or None only

    def add(self, row: int, line: int, rec: dict | None, error: str | None) -> None:
        self.rows.append(row)
        self.lines.append(line)
        self.errors.append(error)
        for k, v in self.data.items():
            v.append(rec.get(k) if rec else None)


def _looks_binary(line: str) -> bool:
    if "\x00" in line:
        return True
    ctrl = sum(1 for c in line if c < " " and c not in "\t\r\n")
    return ctrl > 4 and ctrl * 10 > len(line)


class _JsonFields:
    """Our field → the key of one JSON object: the user's mapping, else the first known
    name the object has (objects of one file may differ; each key set is resolved once)."""

    def __init__(self, kind: str, mapping: dict[str, str]):
        table = MESSAGE_FIELDS if kind == "messages" else CALL_FIELDS
        self.fields = {f: ((mapping[f],) if f in mapping else names) for f, names in table.items()}
        self._cache: dict[tuple, dict[str, str]] = {}

    def get(self, obj: dict) -> dict:
        keys = tuple(obj)
        cols = self._cache.get(keys)
        if cols is None:
            lower = {k.strip().lower() if isinstance(k, str) else k: k for k in reversed(keys)}
            cols = {}
            for f, names in self.fields.items():
                for n in names:
                    if n in obj:
                        cols[f] = n
                        break
                    if n.lower() in lower:
                        cols[f] = lower[n.lower()]
                        break
            if len(self._cache) < 1000:
                self._cache[keys] = cols
        return {f: obj.get(c) for f, c in cols.items()}


def _text_records(block: Block, out: _Cols) -> None:
    cols = dict(block.columns)
    with open(block.path, "rb") as f:
        if block.fmt == "jsonl":
            fields = _JsonFields(block.kind, dict(block.mapping))
            n = block.first - 1
            for raw in _lines(f, block.start, block.stop):
                n += 1
                if raw is None:
                    out.add(n, n, None, f"这一行超过 {MAX_LINE // (1 << 20)} MB，已跳过")
                    continue
                try:
                    line = raw.decode(block.encoding)
                except UnicodeDecodeError as e:
                    out.add(n, n, None, f"第 {e.start + 1} 个字节起不是有效的 {block.encoding} 编码")
                    continue
                line = line.rstrip("\r\n")
                if n == 1:
                    line = line.lstrip("\ufeff")
                if not line.strip():
                    continue
                if _looks_binary(line):
                    out.add(n, n, None, "这一行看起来是二进制数据，不是文字")
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    out.add(n, n, None, f"不是有效的 JSON（第 {e.colno} 列：{e.msg}）")
                    continue
                if not isinstance(obj, dict):
                    out.add(n, n, None, "每行应是一个 JSON 对象")
                    continue
                out.add(n, n, fields.get(obj), None)
            return
        names = [c.strip() for c in next(csv.reader([block.header]), [])]
        index = {k: names.index(c) for k, c in cols.items() if c in names}

        def text_lines() -> Iterator[str]:
            for raw in _lines(f, block.start, block.stop):
                yield "" if raw is None else raw.decode(block.encoding, "replace")

        reader = csv.reader(text_lines())
        rowno = block.first - 1
        for row in reader:
            rowno += 1
            line = block.first_line - 1 + reader.line_num
            if not row or not any(c.strip() for c in row):
                continue
            # like ``dunguard analyze``: an empty cell is no value, except an empty text
            rec = {k: (row[i] if i < len(row) and (row[i] != "" or k == "text") else None)
                   for k, i in index.items()}
            out.add(rowno, line, rec, None)


def _parquet_records(block: Block, out: _Cols) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = dict(block.columns)
    pf = pq.ParquetFile(block.path)
    wanted = list(dict.fromkeys(cols.values()))
    tables = []
    for rg, s, e, row0 in block.pieces:
        tables.append(pf.read_row_group(rg, columns=wanted).slice(s, e - s))
        out.rows.extend(range(row0 + 1, row0 + e - s + 1))  # row0: rows before this piece
    table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
    out.lines = out.rows
    out.errors = [None] * table.num_rows
    for k in out.data:
        out.data[k] = [None] * table.num_rows
    for k, c in cols.items():
        if k not in out.data:
            continue
        column = table.column(c)
        if k == "time" and pa.types.is_timestamp(column.type):
            got = _arrow_times(column)
            if got is not None:
                out.time = got
                continue
        out.data[k] = column.to_pylist()
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            out.strings.add(k)


def _arrow_times(column) -> tuple[list, list] | None:
    """UTC ms and offsets of a timestamp column; naive times are Beijing time (as in
    ``dunguard analyze``). ``None`` when a value needs the slow path."""
    import pyarrow as pa
    import pyarrow.compute as pc

    tz = column.type.tz
    if tz is not None and tz not in _SHANGHAI_TZ and tz not in ("UTC", "Etc/UTC", "+00:00"):
        return None
    ms = pc.cast(pc.cast(column, pa.timestamp("ms", tz=tz)), pa.int64())
    if tz is None:
        ms = pc.subtract(ms, 8 * 3600 * 1000)
    lo = pc.min(ms).as_py()
    if lo is not None and lo < _1992_MS:
        return None
    values = ms.to_pylist()
    off = 0 if tz in ("UTC", "Etc/UTC", "+00:00") else 480
    return values, [None if v is None else off for v in values]


def _str(v: object) -> str | None:
    if v is None or (isinstance(v, float) and v != v):
        return None
    return v if isinstance(v, str) else str(v)


def _times(c: _Cols) -> tuple[list, list]:
    """UTC ms and offsets; an unreadable time becomes the record's error."""
    if c.time is not None:
        return c.time
    ms: list = []
    off: list = []
    for i, v in enumerate(c.data.get("time") or [None] * len(c.rows)):
        when = None
        if v is not None and c.errors[i] is None:
            try:
                when = time_of(v)
            except (ValueError, TypeError, OSError, OverflowError):
                c.errors[i] = f"时间无法识别：{str(v)[:40]}"
        if when is None:
            ms.append(None)
            off.append(None)
        else:
            o = when.utcoffset() or timedelta(0)
            ms.append(int(when.timestamp() * 1000))
            off.append(int(o.total_seconds() // 60))
    return ms, off


_TZ: dict[int, timezone] = {}


def sent_at(time_ms: object, time_off: object) -> datetime | None:
    """The message time back as an aware datetime (the offset the source used)."""
    if time_ms is None or time_ms is pd.NA or (isinstance(time_ms, float) and time_ms != time_ms):
        return None
    off = int(time_off)
    tz = _TZ.get(off)
    if tz is None:
        tz = _TZ[off] = timezone(timedelta(minutes=off))
    return datetime.fromtimestamp(int(time_ms) / 1000, tz)


def _strs(c: _Cols, field: str) -> list:
    """A field's values as str or None (a string column's values already are)."""
    values = c.data[field]
    return values if field in c.strings else [_str(x) for x in values]


def _read(block: Block, fields: list[str]) -> _Cols:
    c = _Cols(fields)
    if block.fmt == "parquet":
        _parquet_records(block, c)
    else:
        _text_records(block, c)
    return c


def read_block(block: Block) -> pd.DataFrame:
    """One block as a frame (``MESSAGE_COLUMNS`` or ``CALL_COLUMNS``)."""
    cols = read_columns(block)
    n = len(cols["row"])
    prefix = f"{block.file_index}:" if block.kind == "messages" else f"c{block.file_index}:"
    data = {**cols, "source": [cols["source"]] * n, "uid": [f"{prefix}{x}" for x in cols["row"]]}
    names = MESSAGE_COLUMNS if block.kind == "messages" else CALL_COLUMNS
    frame = pd.DataFrame({c: data[c] for c in names}, columns=list(names))
    ints = {"row": "int64", "time_ms": "Int64", "time_off": "Int64"}
    if block.kind == "calls":
        ints["duration"] = "int64"
    return frame.astype(ints)


def read_columns(block: Block) -> dict:
    """One block column by column: a list per column of ``MESSAGE_COLUMNS`` or
    ``CALL_COLUMNS`` (but ``uid``), and ``source``, the file's name, once."""
    return _read_messages(block) if block.kind == "messages" else _read_calls(block)


def _read_messages(block: Block) -> dict:
    c = _read(block, ["text", "id", "case", "sender", "recipient", "time", "direction", "agency",
                      "collector", "lender", "name"])
    d, errors = c.data, c.errors
    missing = "缺少字符串字段 text" if block.fmt == "jsonl" else "缺少短信内容"
    for i, t in enumerate(d["text"]):
        if errors[i] is None and not isinstance(t, str):
            errors[i] = missing
    ms, off = _times(c)
    default = block.case_default
    return {
        "source": block.source or Path(block.path).name, "row": c.lines,
        "outbound": block.outbound,
        "case": [_str(x) or default for x in d["case"]],
        "id": [str(m) if m not in (None, "") else str(r) for m, r in zip(d["id"], c.rows, strict=True)],
        "text": [t if e is None else None for t, e in zip(d["text"], errors, strict=True)],
        "sender": _strs(c, "sender"), "recipient": _strs(c, "recipient"),
        "direction": [direction_of(x) for x in d["direction"]],
        "agency": _strs(c, "agency"), "collector": _strs(c, "collector"),
        "lender": _strs(c, "lender"),
        "names": [_str(x) or "" for x in d["name"]],
        "time_ms": ms, "time_off": off, "error": errors,
    }


def _read_calls(block: Block) -> dict:
    c = _read(block, ["number", "id", "case", "time", "duration", "kind", "agency", "collector"])
    d, errors = c.data, c.errors
    ms, off = _times(c)
    durations = []
    for i in range(len(c.rows)):
        try:
            durations.append(max(0, int(float(d["duration"][i] or 0))))
        except (TypeError, ValueError):
            durations.append(0)
        if errors[i] is None:
            if ms[i] is None:
                errors[i] = "缺少通话时间"
            elif not _str(d["number"][i]):
                errors[i] = "缺少通话号码"
    source = block.source or Path(block.path).name
    return {
        "source": source, "row": c.lines,
        "case": [_str(x) or block.case_default for x in d["case"]],
        "id": [str(m) if m not in (None, "") else f"{source}:{r}"
               for m, r in zip(d["id"], c.rows, strict=True)],
        "number": [_str(x) for x in d["number"]], "time_ms": ms, "time_off": off,
        "duration": durations,
        "kind": [call_kind(k, du, outbound_log=block.outbound)
                 for k, du in zip(d["kind"], durations, strict=True)],
        "agency": [_str(x) for x in d["agency"]], "collector": [_str(x) for x in d["collector"]],
        "error": errors,
    }
