"""Imports as transactions: originals in as blobs, records and log events in one commit.

Everything one :func:`run_import` call writes to the database happens inside a single
SQLite transaction; the blobs it creates are journalled and removed again if that
transaction does not commit. A process killed half-way therefore leaves the case exactly as
it was, and the next open clears its leftovers (:meth:`BlobStore.recover`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dunguard.errors import InputError
from dunguard.ingest import Problem, Reader, detect
from dunguard.model import Call
from dunguard.vault.blobs import BlobStore
from dunguard.vault.records import ListHash, record_hash, to_row
from dunguard.vault.store import Store

# progress(bytes_done, bytes_total, what) — bytes count twice: once copying, once reading.
ProgressFn = Callable[[int, int, str], None]


@dataclass
class FileReport:
    path: str
    name: str
    sha256: str = ""
    size: int = 0
    format: str = ""
    status: str = "imported"  # imported | already_imported | skipped
    messages: int = 0
    calls: int = 0
    attachments: int = 0
    duplicates: int = 0
    complete: bool = True  # False when --salvage stopped reading at an unreadable place
    problems: list[Problem] = field(default_factory=list)
    event_seq: int | None = None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["problems"] = [asdict(p) for p in self.problems]
        return d


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)

    def total(self, what: str) -> int:
        if what == "problems":
            return sum(len(f.problems) for f in self.files)
        return sum(getattr(f, what) for f in self.files)

    def to_json(self) -> dict[str, Any]:
        keys = ("messages", "calls", "attachments", "duplicates", "problems")
        return {
            "files": [f.to_json() for f in self.files],
            "totals": {k: self.total(k) for k in keys}
            | {"already_imported": sum(f.status == "already_imported" for f in self.files)},
        }


class _Progress:
    def __init__(self, fn: ProgressFn | None, total: int) -> None:
        self.fn = fn
        self.total = total
        self.done = 0
        self.label = ""

    def add(self, n: int) -> None:
        self.done += n
        if self.fn:
            self.fn(min(self.done, self.total), self.total, self.label)


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def display_name(raw: str) -> str:
    """A file name as a user gave it, made safe to show and store: its last path part only,
    without control or bidi characters, at most 200 characters."""
    name = _CONTROL.sub("", str(raw).replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return name[:200] or "未命名文件"


def run_import(
    store: Store,
    blobs: BlobStore,
    paths: Sequence[Path | str],
    *,
    salvage: bool = False,
    mapping: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
    reader: Reader | None = None,
    names: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import ``paths`` all-or-nothing (the caller holds the case's write lock).

    ``names`` maps a path (as given) to the name the user knows the file by, for a file saved
    under another name (a web upload): that name is what the log, the case and the bundle
    record. It is data only, never used as a path."""
    files = [Path(p) for p in paths]
    shown = {str(Path(k)): display_name(v) for k, v in (names or {}).items()}
    if not files:
        raise InputError("没有给出要导入的文件。")
    for f in files:
        if not f.exists():
            raise InputError("找不到这个文件。", file=str(f))
        if not f.is_file():
            raise InputError("这不是一个普通文件（可能是文件夹）。", file=str(f))
    prog = _Progress(progress, 2 * sum(f.stat().st_size for f in files))
    report = ImportReport()
    blobs.begin()
    blobs.on_new = store.add_blob
    committed = False
    try:
        with store.transaction():
            for f in files:
                report.files.append(
                    _import_one(store, blobs, f, salvage, mapping, prog, reader, shown.get(str(f)))
                )
            blobs.sync()  # the blobs are on disk before the records that name them
        committed = True
    finally:
        blobs.on_new = None
        if committed:
            blobs.end()
        else:
            blobs.discard(store.has_blob)
    return report


def _import_one(
    store: Store,
    blobs: BlobStore,
    path: Path,
    salvage: bool,
    mapping: dict[str, str] | None,
    prog: _Progress,
    reader: Reader | None,
    shown: str | None = None,
) -> FileReport:
    name = shown or path.name
    fr = FileReport(path=str(path), name=name, size=path.stat().st_size)
    try:
        rdr = reader or detect(path)
    except InputError as e:
        if not salvage:
            raise
        fr.status = "skipped"
        fr.complete = False
        fr.problems.append(Problem(file=str(path), place=e.place or "", message=e.message))
        prog.add(2 * fr.size)
        return fr
    fr.format = rdr.name

    prog.label = f"复制原件 {name}"
    start = prog.done
    fr.sha256, fr.size = blobs.put_file(path, progress=prog.add)
    if store.source(fr.sha256) is not None:
        fr.status = "already_imported"
        prog.add(max(0, start + 2 * fr.size - prog.done))
        return fr
    store.add_blob(fr.sha256, fr.size, None)
    abs_path = str(path.resolve())
    file_seq, added = store.append_event(
        "file_added", sha256=fr.sha256, name=name, path=abs_path, size=fr.size, format=rdr.name
    )
    import_seq = file_seq + 1  # the records_imported event that will close this file

    prog.label = f"读取 {name}"
    parse_start = prog.done
    hashes = {"message": ListHash(), "call": ListHash()}

    def on_bytes(read: int) -> None:
        prog.add(max(0, parse_start + read - prog.done))

    try:
        for rec in rdr.parse(
            path, blobs, salvage=salvage, problems=fr.problems, mapping=mapping, progress=on_bytes
        ):
            row = to_row(rec, fr.sha256)
            h = record_hash(row)
            if store.insert_record(row, h, import_seq):
                hashes[row["kind"]].add(h)
                if isinstance(rec, Call):
                    fr.calls += 1
                else:
                    fr.messages += 1
                    fr.attachments += len(row["attachments"])
            else:
                fr.duplicates += 1
    except InputError as e:
        if not salvage:
            raise
        # The reader could not go on: keep what it read before this place, and say so.
        fr.complete = False
        fr.problems.append(Problem(file=str(path), place=e.place or "", message=e.message))
    prog.add(max(0, parse_start + fr.size - prog.done))

    seq, _ = store.append_event(
        "records_imported",
        source=fr.sha256,
        name=name,
        format=rdr.name,
        count=fr.messages + fr.calls,
        messages=fr.messages,
        calls=fr.calls,
        messages_hash=hashes["message"].hexdigest(),
        calls_hash=hashes["call"].hexdigest(),
        duplicates=fr.duplicates,
        problems=len(fr.problems),
        salvage=salvage,
        complete=fr.complete,
    )
    assert seq == import_seq
    store.add_source(fr.sha256, name, abs_path, fr.size, rdr.name, added["time"], file_seq)
    fr.event_seq = file_seq
    return fr
