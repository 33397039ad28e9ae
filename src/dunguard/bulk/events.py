"""Timeline events (collection messages and calls) handed from the first pass to the
findings step, grouped by case without a general shuffle.

Every message or call task writes one Arrow IPC file, ``_work/events/part-N.arrow`` or
``_work/calls/part-N.arrow``, holding exactly ``buckets`` record batches: batch ``b`` has the
events of the cases whose bucket (``crc32(case) % buckets``) is ``b``. The findings task of
bucket ``b`` reads batch ``b`` of every file, so each case's records meet in one task. The
number of buckets is fixed before the first pass; a file read again after a task ran twice
is the same file (written under a temporary name and renamed).
"""

from __future__ import annotations

import os
import uuid
import zlib
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa

_STR = pa.string()
_INT = pa.int64()
EVENT_SCHEMA = pa.schema([
    ("kind", _STR),  # "m" message, "c" call
    ("uid", _STR), ("id", _STR), ("case", _STR), ("number", _STR), ("time_ms", _INT),
    ("time_off", _INT), ("direction", _STR), ("stage", _STR),
    ("tactics", _STR),  # comma-separated
    ("lender_entity", _STR),
    ("phones", _STR),  # the numbers the engine found, joined by PHONE_SEP
    ("tp", _STR),  # third-party findings as JSON [[quote, [law ids]], …]
    ("duration", _INT), ("call_kind", _STR), ("agency", _STR), ("collector", _STR),
    ("names", _STR),
    ("text", _STR),  # the message text when it may name a collection agency, else null
])
PHONE_SEP = "\x1f"
_OPTIONS = pa.ipc.IpcWriteOptions(compression="lz4")
# The timeline reads agency names from the text (contacts.agencies_in); its pattern needs
# one of these words, so other texts need not travel.
_AGENCY_WORDS = ("公司", "律师事务所", "调解")


def agency_text(text: str) -> str | None:
    """The text if it may name a collection agency (the timeline finds none otherwise)."""
    for w in _AGENCY_WORDS:
        if w in text:
            return text
    return None


class Events:
    """Events of one task as row tuples (``EVENT_SCHEMA`` order), with each one's bucket."""

    def __init__(self, buckets: int):
        self.buckets = buckets
        self.rows: list[tuple] = []
        self.bucket: list[int] = []
        self._of: dict[str, int] = {}

    def add(self, row: tuple) -> None:
        """One event; ``row[3]`` is its case."""
        case = row[3]
        b = self._of.get(case)
        if b is None:
            b = self._of[case] = bucket_of(case, self.buckets)
        self.bucket.append(b)
        self.rows.append(row)

    def write(self, path: Path) -> int:
        """Write the file (``buckets`` batches); return the number of events."""
        import numpy as np

        columns = list(zip(*self.rows, strict=True)) if self.rows else \
            [[] for _ in EVENT_SCHEMA.names]
        table = pa.table({name: pa.array(col, field.type) for (name, field), col
                          in zip(((f.name, f) for f in EVENT_SCHEMA), columns, strict=True)},
                         schema=EVENT_SCHEMA)
        buckets = np.asarray(self.bucket, dtype=np.int64)
        order = np.argsort(buckets, kind="stable")
        if len(order):
            table = table.take(pa.array(order))
        bounds = np.searchsorted(buckets[order], np.arange(self.buckets + 1))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        with pa.OSFile(str(tmp), "wb") as sink, \
                pa.ipc.new_file(sink, EVENT_SCHEMA, options=_OPTIONS) as writer:
            for b in range(self.buckets):
                writer.write_batch(_one_batch(table.slice(bounds[b], bounds[b + 1] - bounds[b])))
        os.replace(tmp, path)
        return table.num_rows


def _one_batch(table: pa.Table) -> pa.RecordBatch:
    batches = table.combine_chunks().to_batches()
    if not batches:
        return pa.RecordBatch.from_pylist([], schema=EVENT_SCHEMA)
    return batches[0]


def bucket_of(case: str, buckets: int) -> int:
    """The bucket of a case: the same in every process (Python's ``hash`` is not)."""
    return zlib.crc32(case.encode("utf-8", "surrogatepass")) % buckets


def read_bucket(paths: Iterable[Path], b: int) -> pa.Table:
    """Batch ``b`` of every events file."""
    batches = []
    for p in paths:
        with pa.OSFile(str(p)) as source:
            batches.append(pa.ipc.open_file(source).get_batch(b))
    if not batches:
        return EVENT_SCHEMA.empty_table()
    return pa.Table.from_batches(batches, schema=EVENT_SCHEMA)
