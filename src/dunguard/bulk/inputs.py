"""Bulk input tables cut into partitions: JSON Lines, CSV with a header, Parquet.

``plan(paths, kind, …)`` reads each file's head (and, for CSV, scans its records once) and
returns ``Block``s of about ``rows`` records each, in input order; :mod:`.blocks` reads one
block into a frame. Every block can be read alone, so a worker reads only its own part of a
file and a lost partition is simply read again. A block knows the line (JSONL) or record
(CSV) number it starts at, so records are numbered as ``dunguard analyze`` numbers them.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from dunguard.bulk.columns import resolve
from dunguard.errors import InputError
from dunguard.text.inputs import MAX_LINE

FORMATS = ("jsonl", "csv", "parquet")
_HEAD = 65536


@dataclass(frozen=True, slots=True)
class Block:
    """One partition of one input file."""

    kind: str  # "messages" | "calls"
    path: str
    file_index: int
    fmt: str
    columns: tuple[tuple[str, str], ...]  # our field → the file's column
    start: int = 0  # byte offset (text formats)
    stop: int = 0
    first: int = 1  # JSONL: line number of the first line; CSV: record number of the first record
    first_line: int = 1  # CSV: physical line number of the first line of the block
    header: str = ""  # CSV: the header line
    encoding: str = "utf-8"
    pieces: tuple[tuple[int, int, int, int], ...] = ()  # Parquet: (row group, start, stop, row0)
    outbound: bool = False  # a lender's outbound log (bulk audit): its "out" is the borrower's "in"
    case_default: str = ""
    source: str = ""  # the file's name as given (``path`` may be a UTF-8 copy of it)
    mapping: tuple[tuple[str, str], ...] = ()  # JSONL: the user's mapping (keys vary per line)


def _fmt(path: Path, head: bytes) -> str:
    name = path.name.lower()
    if name.endswith((".parquet", ".pq")) or head.startswith(b"PAR1"):
        return "parquet"
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "jsonl"
    return "csv"


def _encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 4:
            return "utf-8"
        try:
            head.decode("gb18030")
        except UnicodeDecodeError:
            return "utf-8"
        return "gb18030"


def expand(paths: list[str]) -> list[Path]:
    """Files named on the command line; a folder stands for the Parquet files in it."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputError("找不到这个文件", file=p)
        if path.is_dir():
            files = sorted(path.rglob("*.parquet"), key=lambda x: _natural(str(x)))
            if not files:
                raise InputError("这个文件夹里没有 .parquet 文件", file=p)
            out.extend(files)
        else:
            out.append(path)
    return out


def _natural(s: str) -> list:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", s)]


def plan(paths: list[str], kind: str, mapping: Mapping[str, str] | None = None, *,
         rows: int = 50_000, outbound: bool = False,
         convert_dir: Path | None = None) -> list[Block]:
    """Cut the input files into blocks of about ``rows`` records, in input order.

    A UTF-16 text file (with its BOM, as ``dunguard analyze`` accepts it) is first copied
    as UTF-8 into ``convert_dir`` (default: a new temporary folder) and read from there:
    lines, records and their numbers are those of the original."""
    blocks: list[Block] = []
    for i, path in enumerate(expand(paths)):
        with open(path, "rb") as f:
            head = f.read(_HEAD)
        read_path = path
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            folder = convert_dir or Path(tempfile.mkdtemp(prefix="dunguard-utf8-"))
            read_path = _to_utf8(path, folder / f"{kind}-{i}-{path.name}")
            with open(read_path, "rb") as f:
                head = f.read(_HEAD)
        fmt = _fmt(path, head)
        # absolute: the workers of a cluster run elsewhere, in their own working directory
        read_path = Path(read_path).resolve()
        common = {"kind": kind, "path": str(read_path), "file_index": i, "fmt": fmt,
                  "outbound": outbound, "case_default": path.stem, "source": path.name,
                  "mapping": tuple((mapping or {}).items())}
        if fmt == "parquet":
            blocks.extend(_plan_parquet(read_path, kind, mapping, rows, common))
        elif fmt == "jsonl":
            blocks.extend(_plan_jsonl(read_path, head, kind, mapping, rows, common, str(path)))
        else:
            blocks.extend(_plan_csv(read_path, head, kind, mapping, rows, common, str(path)))
    return blocks


def _to_utf8(path: Path, target: Path) -> Path:
    """``path`` (UTF-16 with a BOM) re-encoded as UTF-8 at ``target``, streamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with open(path, "rb") as raw, open(tmp, "wb") as out:
            text = codecs.getreader("utf-16")(raw)  # reads the BOM, drops it
            while chunk := text.read(1 << 20):
                out.write(chunk.encode("utf-8", "surrogatepass"))
    except UnicodeDecodeError as e:
        tmp.unlink(missing_ok=True)
        raise InputError(f"不是有效的 UTF-16 编码：{e.reason}", file=str(path)) from e
    tmp.replace(target)
    return target


def _plan_parquet(path: Path, kind: str, mapping, rows: int, common: dict) -> list[Block]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # pyarrow raises several kinds for a broken file
        raise InputError(f"无法读取 Parquet 文件：{e}", file=str(path)) from e
    cols = tuple(resolve(pf.schema_arrow.names, kind, mapping, file=str(path)).items())
    out: list[Block] = []
    pieces: list[tuple[int, int, int, int]] = []
    size = 0
    row0 = 0
    for rg in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(rg).num_rows
        s = 0
        while s < n:
            take = min(n - s, rows - size)
            pieces.append((rg, s, s + take, row0 + s))
            size += take
            s += take
            if size >= rows:
                out.append(Block(columns=cols, pieces=tuple(pieces), **common))
                pieces, size = [], 0
        row0 += n
    if pieces:
        out.append(Block(columns=cols, pieces=tuple(pieces), **common))
    return out


def _plan_jsonl(path: Path, head: bytes, kind: str, mapping, rows: int, common: dict,
                shown: str) -> list[Block]:
    enc = _encoding(head)
    keys: list[str] = []
    for raw in head.split(b"\n"):
        try:
            obj = json.loads(raw.decode(enc, "replace").lstrip("\ufeff"))
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            keys = list(obj)
            break
    cols = tuple(resolve(keys, kind, mapping, file=shown).items())
    out: list[Block] = []
    start, first, in_block, pos = 0, 1, 0, 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 24):
            i = 0
            while True:  # cut after the newline that ends the rows-th line of the block
                need, found, j = rows - in_block, 0, i
                while found < need:
                    k = chunk.find(b"\n", j)
                    if k < 0:
                        break
                    j, found = k + 1, found + 1
                if found < need:
                    in_block += found
                    break
                out.append(Block(columns=cols, start=start, stop=pos + j, first=first,
                                 encoding=enc, **common))
                start, first, in_block, i = pos + j, first + rows, 0, j
            pos += len(chunk)
    if pos > start:
        out.append(Block(columns=cols, start=start, stop=pos, first=first, encoding=enc, **common))
    return out


def _lines(f, start: int, stop: int) -> Iterator[bytes | None]:
    """The lines of ``[start, stop)``; ``None`` for a line longer than MAX_LINE."""
    f.seek(start)
    pos = start
    while pos < stop:
        chunk = f.readline(MAX_LINE + 1)
        if not chunk:
            return
        pos += len(chunk)
        if len(chunk) > MAX_LINE and not chunk.endswith(b"\n"):
            while True:
                rest = f.readline(MAX_LINE)
                pos += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield chunk


def _plan_csv(path: Path, head: bytes, kind: str, mapping, rows: int, common: dict,
              shown: str) -> list[Block]:
    enc = _encoding(head)
    out: list[Block] = []
    with open(path, "rb") as f:
        header, header_line, pos = "", 0, 0
        for raw in _lines(f, 0, 1 << 62):
            header_line += 1
            pos += len(raw or b"")
            if raw is None:
                continue
            text = raw.decode(enc, "replace").rstrip("\r\n").lstrip("\ufeff")
            if text.strip():
                header = text
                break
        if not header:
            return []
        names = [c.strip() for c in next(csv.reader([header]), [])]
        cols = tuple(resolve(names, kind, mapping, file=shown).items())
        # Scan the records once with the csv module (quoted fields may hold newlines) and
        # cut after every ``rows`` records.
        state = {"pos": pos, "lines": 0}

        def feed() -> Iterator[str]:
            for raw in _lines(f, pos, 1 << 62):
                state["pos"] += len(raw) if raw is not None else 0
                state["lines"] += 1
                yield "" if raw is None else raw.decode(enc, "replace")

        start, first, first_line = pos, 1, header_line + 1
        for n, _ in enumerate(csv.reader(feed()), 1):
            if n - first + 1 >= rows:
                out.append(Block(columns=cols, start=start, stop=state["pos"], first=first,
                                 first_line=first_line, header=header, encoding=enc, **common))
                start, first, first_line = state["pos"], n + 1, header_line + 1 + state["lines"]
        end = f.seek(0, 2)
        if end > start:
            out.append(Block(columns=cols, start=start, stop=end, first=first,
                             first_line=first_line, header=header, encoding=enc, **common))
    return out
