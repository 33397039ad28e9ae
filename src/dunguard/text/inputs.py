"""Read the messages that ``dunguard analyze`` is given: JSONL, CSV with a header, plain text.

Streaming and bounded: lines are read one at a time with a length cap, so a 10 MB line or
a binary file costs at most ``MAX_LINE`` bytes of memory. Each unusable record becomes a
``BadRecord`` with its line number; the caller reports and skips it. The format is decided
from the content (and a ``.csv`` / ``.jsonl`` name), the encoding from the first 64 KiB
(UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 when that decodes cleanly).
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from dunguard.errors import InputError
from dunguard.model import SHANGHAI

MAX_LINE = 1 << 20  # 1 MiB: longer lines are reported and skipped
TEXT_COLUMNS = ("text", "body", "message", "content", "内容", "短信内容", "消息内容", "正文", "短信")
ID_COLUMNS = ("id", "编号", "序号")
SENDER_COLUMNS = ("sender", "address", "from", "number", "发送方", "号码", "发件人", "对方号码")
TIME_COLUMNS = ("time", "date", "datetime", "timestamp", "时间", "日期", "发送时间", "接收时间")
DIRECTION_COLUMNS = ("direction", "方向", "类型")


@dataclass(frozen=True, slots=True)
class InputRecord:
    id: str
    text: str
    line: int
    sender: str | None = None
    time: datetime | None = None
    direction: str | None = None
    raw: dict | None = None  # the whole input object (labels, for ``eval``)


@dataclass(frozen=True, slots=True)
class BadRecord:
    file: str
    line: int
    reason: str


def parse_time(value: object) -> datetime | None:
    """ISO 8601 (naive = Asia/Shanghai), or epoch seconds / milliseconds."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError("时间不能是布尔值")
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        n = float(value)
        if n > 1e11:  # milliseconds
            n /= 1000
        return datetime.fromtimestamp(n, SHANGHAI)
    if not isinstance(value, str):
        raise ValueError(f"无法识别的时间：{value!r}")
    s = value.strip().replace("/", "-")
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    dt = datetime.fromisoformat(s)
    return dt if dt.tzinfo else dt.replace(tzinfo=SHANGHAI)


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, bytes) with ``None`` for a line longer than MAX_LINE."""
    n = 0
    while True:
        chunk = stream.readline(MAX_LINE + 1)
        if not chunk:
            return
        n += 1
        if len(chunk) > MAX_LINE and not chunk.endswith(b"\n"):
            while True:  # drain the rest of the over-long line without keeping it
                rest = stream.readline(MAX_LINE)
                if not rest or rest.endswith(b"\n"):
                    break
            yield n, None
            continue
        yield n, chunk


def _sniff_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 4:  # a character cut by the sample's end
            return "utf-8"
        try:
            head.decode("gb18030")
        except UnicodeDecodeError:
            return "utf-8"  # neither: report bad lines one by one
        return "gb18030"


def _looks_binary(line: str) -> bool:
    if "\x00" in line:
        return True
    ctrl = sum(1 for c in line if c < " " and c not in "\t\r\n")
    return ctrl > 4 and ctrl * 10 > len(line)


def read_inputs(name: str, stream: BinaryIO) -> Iterator[InputRecord | BadRecord]:
    """Read one input (a file or stdin, named ``name`` in messages)."""
    peek = getattr(stream, "peek", None)
    head = peek(65536)[:65536] if peek else b""
    encoding = _sniff_encoding(head)
    if encoding == "utf-16":
        stream = _utf16_to_utf8(stream)
        encoding = "utf-8"
    decoded = _decoded(name, stream, encoding)
    first: tuple[int, str] | None = None
    pending: list[BadRecord] = []
    for item in decoded:
        if isinstance(item, BadRecord):
            pending.append(item)
            continue
        if item[1].strip():
            first = item
            break
    yield from pending
    if first is None:
        return
    lowered = name.lower()
    if first[1].lstrip().startswith("{") or lowered.endswith((".jsonl", ".ndjson", ".json")):
        yield from _jsonl(name, first, decoded)
    elif lowered.endswith(".csv") or _csv_header(first[1]):
        yield from _csv(name, first, decoded)
    else:
        yield from _plain(name, first, decoded)


def _utf16_to_utf8(stream: BinaryIO) -> BinaryIO:
    import io

    text = codecs.getreader("utf-16")(stream)
    return io.BufferedReader(_Utf8Adapter(text))  # type: ignore[arg-type]


class _Utf8Adapter:
    """A minimal raw stream that re-encodes a text reader as UTF-8 (for UTF-16 input)."""

    def __init__(self, text):
        self._text = text
        self._buf = b""
        self.closed = False

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while len(self._buf) < len(b):
            chunk = self._text.read(8192)
            if not chunk:
                break
            self._buf += chunk.encode("utf-8", "surrogatepass")
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def _decoded(name: str, stream: BinaryIO, encoding: str) -> Iterator[tuple[int, str] | BadRecord]:
    for n, raw in _lines(stream):
        if raw is None:
            yield BadRecord(name, n, f"这一行超过 {MAX_LINE // (1 << 20)} MB，已跳过")
            continue
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError as e:
            yield BadRecord(name, n, f"第 {e.start + 1} 个字节起不是有效的 {encoding} 编码")
            continue
        if n == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if _looks_binary(line):
            yield BadRecord(name, n, "这一行看起来是二进制数据，不是文字")
            continue
        yield n, line.rstrip("\r\n")


def _jsonl(name: str, first: tuple[int, str], rest: Iterator) -> Iterator[InputRecord | BadRecord]:
    def one(n: int, line: str) -> InputRecord | BadRecord | None:
        if not line.strip():
            return None
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            return BadRecord(name, n, f"不是有效的 JSON（第 {e.colno} 列：{e.msg}）")
        if not isinstance(obj, dict):
            return BadRecord(name, n, "每行应是一个 JSON 对象")
        text = obj.get("text")
        if not isinstance(text, str):
            return BadRecord(name, n, "缺少字符串字段 text")
        try:
            when = parse_time(obj.get("time"))
        except (ValueError, OverflowError, OSError):
            return BadRecord(name, n, f"时间无法识别：{str(obj.get('time'))[:40]}")
        mid = obj.get("id")
        return InputRecord(
            id=str(mid) if mid not in (None, "") else str(n), text=text, line=n,
            sender=_opt_str(obj.get("sender")), time=when,
            direction=_opt_str(obj.get("direction")), raw=obj,
        )

    rec = one(*first)
    if rec is not None:
        yield rec
    for item in rest:
        if isinstance(item, BadRecord):
            yield item
            continue
        rec = one(*item)
        if rec is not None:
            yield rec


def _opt_str(v: object) -> str | None:
    return None if v is None else str(v)


def _csv_header(line: str) -> bool:
    cells = [c.strip().strip('"').lower() for c in next(csv.reader([line]), [])]
    return len(cells) > 1 and any(c in TEXT_COLUMNS for c in cells)


def _csv(name: str, first: tuple[int, str], rest: Iterator) -> Iterator[InputRecord | BadRecord]:
    header = [c.strip().lower() for c in next(csv.reader([first[1]]), [])]

    def col(options: tuple[str, ...]) -> int | None:
        return next((header.index(o) for o in options if o in header), None)

    ti = col(TEXT_COLUMNS)
    if ti is None:
        raise InputError(
            f"CSV 文件没有短信内容列（需要列名之一：{'、'.join(TEXT_COLUMNS)}），"
            f"现有列：{'、'.join(header) or '无'}",
            file=name, place="第 1 行",
        )
    ii, si, wi, di = col(ID_COLUMNS), col(SENDER_COLUMNS), col(TIME_COLUMNS), col(DIRECTION_COLUMNS)
    bad: list[BadRecord] = []

    def lines() -> Iterator[str]:
        for item in rest:
            if isinstance(item, BadRecord):
                bad.append(item)
                continue
            yield item[1] + "\n"

    reader = csv.reader(lines())
    rowno = 0
    for row in reader:
        yield from bad
        bad.clear()
        rowno += 1
        n = reader.line_num + first[0]
        if not row or not any(c.strip() for c in row):
            continue
        if ti >= len(row):
            yield BadRecord(name, n, f"这一行只有 {len(row)} 列，缺少短信内容")
            continue
        try:
            when = parse_time(row[wi]) if wi is not None and wi < len(row) else None
        except (ValueError, OverflowError, OSError):
            yield BadRecord(name, n, f"时间无法识别：{row[wi][:40]}")
            continue

        def cell(i: int | None, row: list[str] = row) -> str | None:
            return row[i] if i is not None and i < len(row) and row[i] != "" else None

        yield InputRecord(
            id=cell(ii) or str(rowno), text=row[ti], line=n, sender=cell(si), time=when,
            direction=cell(di), raw=dict(zip(header, row, strict=False)),
        )
    yield from bad


def _plain(name: str, first: tuple[int, str], rest: Iterator) -> Iterator[InputRecord | BadRecord]:
    if first[1].strip():
        yield InputRecord(id=str(first[0]), text=first[1], line=first[0])
    for item in rest:
        if isinstance(item, BadRecord):
            yield item
        elif item[1].strip():
            yield InputRecord(id=str(item[0]), text=item[1], line=item[0])
