"""Open a phone's SQLite evidence strictly read-only, and explain its failures in Chinese.

The original is opened through a ``file:…?mode=ro&immutable=1`` URI: SQLite then takes no
locks and never creates ``-wal``/``-shm``/``-journal`` files next to it, and a database that
another program holds locked can still be read. One exception: when a non-empty ``-wal``
file sits next to the database (a copy taken from a live filesystem), the newest rows live
only in that file; the pair is then copied to a private temporary folder and opened there,
so the original folder is still never written.

:func:`read_table` is the readers' loop: one record per row, progress estimated from rows
done, and a SQLite failure named at the last row read.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from dunguard.errors import InputError
from dunguard.ingest.reading import Reading

SQLITE_MAGIC = b"SQLite format 3\x00"

R = TypeVar("R")


def is_sqlite(head: bytes) -> bool:
    return head.startswith(SQLITE_MAGIC)


def explain(e: sqlite3.Error) -> str:
    """One Chinese sentence for a SQLite failure."""
    m = str(e).lower()
    if "not a database" in m or "malformed" in m or "corrupt" in m:
        return "数据库文件已损坏，无法读取。"
    if "locked" in m or "busy" in m:
        return "数据库正被其他程序锁定，请先关闭它再导入。"
    if "no such table" in m or "no such column" in m:
        return f"数据库里缺少需要的表或列（{e}），它可能不是这种数据库。"
    if "unable to open" in m:
        return "无法打开这个数据库文件。"
    return f"读取数据库时出错（{e}）。"


@contextmanager
def open_readonly(path: Path) -> Iterator[sqlite3.Connection]:
    """Yield a read-only connection to ``path`` (see the module docstring)."""
    path = Path(path).resolve()
    wal = path.with_name(path.name + "-wal")
    tmp: tempfile.TemporaryDirectory[str] | None = None
    try:
        if wal.is_file() and wal.stat().st_size > 0:
            tmp = tempfile.TemporaryDirectory(prefix="dunguard-sqlite-")
            copy = Path(tmp.name) / path.name
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            uri = copy.as_uri() + "?mode=ro"
        else:
            uri = path.as_uri() + "?mode=ro&immutable=1"
        try:
            con = sqlite3.connect(uri, uri=True)
            con.row_factory = sqlite3.Row
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as e:
            raise InputError(explain(e), file=str(path)) from None
        try:
            yield con
        finally:
            con.close()
    finally:
        if tmp is not None:
            tmp.cleanup()


def tables(con: sqlite3.Connection) -> set[str]:
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def sniff_tables(head: bytes, path: Path, needed: set[str]) -> bool:
    """True when ``path`` is a SQLite file holding all ``needed`` tables."""
    if not is_sqlite(head):
        return False
    if all(f"CREATE TABLE {t}".encode() in head for t in needed):
        return True
    try:
        with open_readonly(path) as con:
            return needed <= tables(con)
    except (InputError, sqlite3.Error, OSError):
        return False


def read_table(
    path: Path,
    reading: Reading,
    *,
    table: str,
    key: str,
    needed: set[str],
    not_this: str,
    query: Callable[[set[str]], str],
    record: Callable[[sqlite3.Row, Reading], R | None],
) -> Iterator[R]:
    """Yield ``record(row)`` for each row of ``query(tables present)``, ``table`` counted.

    ``not_this`` is the sentence for a database without the ``needed`` tables; ``key`` is
    the column that names a row in the place of an error.
    """
    file = reading.file
    with open_readonly(path) as con:
        last = 0
        try:
            have = tables(con)
            if not have >= needed:
                raise InputError(not_this, file=file)
            size = path.stat().st_size
            total = max(1, con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for n, row in enumerate(con.execute(query(have)), 1):
                last = row[key]
                rec = record(row, reading)
                if rec is not None:
                    yield rec
                if n % 1000 == 0:
                    reading.report(size * n // total)  # bytes, estimated from rows done
            reading.report(size)
        except sqlite3.Error as e:
            place = f"{table}.{key}={last} 之后" if last else f"{table} 表"
            raise InputError(explain(e), file=file, place=place) from None


def plain(value: object) -> object:
    """A column value fit for ``attrs`` (JSON-friendly): blobs become text or hex."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return "hex:" + value.hex()
    return value
