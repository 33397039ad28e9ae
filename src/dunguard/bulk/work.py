"""The work on one partition: the single-case engine over a batch, and what it writes.

``analyze_batch`` is the batch function: ``Engine.analyze`` (what ``dunguard analyze``
calls) on each usable record of a block, in order, nothing else; each result goes straight
into the output columns and is dropped. One pass over the block gives everything the job
needs from it:

- ``messages/part-N.parquet``: the taxonomy §4 fields per message, de-identified;
- ``_work/events/part-N.arrow``: the collection messages as timeline events, in the
  buckets the findings step reads (:mod:`.events`);
- the partial counts of the aggregates (:mod:`.aggregates`), returned with the task's
  summary.

Files are written under a temporary name and renamed, so a task that is run again (after
a worker died) leaves exactly the same files as one that ran once.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dunguard.bulk import aggregates as agg
from dunguard.bulk.blocks import NAME_SEP, read_columns, sent_at
from dunguard.bulk.deidentify import Deidentifier
from dunguard.bulk.events import PHONE_SEP, Events, agency_text
from dunguard.bulk.inputs import Block
from dunguard.bulk.rows import MessageTable
from dunguard.model import Category

_TZ = pa.timestamp("ms", tz="Asia/Shanghai")


@dataclass(frozen=True, slots=True)
class Job:
    """What every task needs to know (small: it travels with each task)."""

    out: str  # the output folder
    salt: bytes | None  # None: keep identities
    buckets: int = 1  # case buckets of the findings step
    rules_only: bool = False  # the rules without the wording models (analyze --rules-only)


@dataclass
class Batch:
    """One analysed block: its message table, partial counts and what went wrong."""

    messages: pa.Table
    counts: pa.Table
    bad: list[tuple[str, int, str]]
    collection: int
    scam: int


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write a Parquet file under a temporary name, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def part_name(n: int, ext: str = "parquet") -> str:
    return f"part-{n:06d}.{ext}"


class _Cached:
    """A de-identified column: each distinct value rewritten once per partition."""

    def __init__(self, fn):
        self.fn = fn
        self.seen: dict = {}

    def __call__(self, values: list) -> list:
        seen, fn = self.seen, self.fn
        out = []
        for v in values:
            got = seen.get(v, seen)
            if got is seen:
                got = seen[v] = fn(v)
            out.append(got)
        return out


def analyze_batch(cols: dict, deid: Deidentifier, events: Events | None = None,
                  file_index: int = 0, *, rules_only: bool = False) -> Batch:
    """``Engine.analyze`` on every usable record of ``cols`` (a block as
    :func:`dunguard.bulk.blocks.read_columns` gives it), in order; ``rules_only``: without
    the wording models, as ``dunguard analyze --rules-only``."""
    from dunguard.text.engine import Engine

    analyze = Engine.default(rules_only=rules_only).analyze
    table = MessageTable(deid)
    texts, ids, errors = cols["text"], cols["id"], cols["error"]
    time_ms, time_off = cols["time_ms"], cols["time_off"]
    names_col, collectors, cases = cols["names"], cols["collector"], cols["case"]
    keep: list[int] = []
    masks: list[int] = []
    tactic_rows: list[int] = []
    tactic_values: list[str] = []
    bad: list[tuple[str, int, str]] = []
    collection = scam = 0
    bits = agg.TACTIC_BITS
    rows, senders_in, directions = cols["row"], cols["sender"], cols["direction"]
    # what dunguard analyze is told: the borrower's side (an outbound log's rows were received)
    borrower_dir = [None] * len(directions) if cols.get("outbound") else directions
    agencies_in = cols["agency"]
    for i, err in enumerate(errors):
        if err is not None:
            bad.append((cols["source"], rows[i], err))
            continue
        text = texts[i]
        a = analyze(text, id=ids[i], sent_at=sent_at(time_ms[i], time_off[i]),
                    direction=borrower_dir[i])
        raw_names = names_col[i]
        if not raw_names:
            names = []
        elif NAME_SEP in raw_names:
            names = [x for x in raw_names.split(NAME_SEP) if x]
        else:
            names = [raw_names]
        if collectors[i]:
            names.append(collectors[i])
        tactics, tp = table.add(a, text, names)
        j = len(keep)
        keep.append(i)
        mask = 0
        if tactics:
            for t in tactics:
                mask |= bits[t]
                tactic_rows.append(j)
                tactic_values.append(t)
        masks.append(mask)
        category = a.category
        if category is Category.COLLECTION:
            collection += 1
            if events is not None:
                phones = a.entities.phones
                events.add((
                    "m", f"{file_index}:{rows[i]}", ids[i], cases[i], senders_in[i], time_ms[i],
                    time_off[i], directions[i], table.stages[-1], ",".join(tactics),
                    table.lender_entity[-1],
                    PHONE_SEP.join([p.number for p in phones]) if phones else "",
                    json.dumps(tp, ensure_ascii=False) if tp else "", 0, None, agencies_in[i],
                    collectors[i], raw_names or "", agency_text(text),
                ))
        elif category is Category.SCAM:
            scam += 1

    def kept(name: str) -> list:
        col = cols[name]
        return col if len(keep) == len(col) else [col[i] for i in keep]

    on = deid.enabled
    lenders = [x or le for x, le in zip(kept("lender"), table.lender_entity, strict=True)]
    senders, agencies, collector_col = kept("sender"), kept("agency"), kept("collector")
    when = pa.array(kept("time_ms"), pa.int64()).cast(_TZ)
    local = pc.local_timestamp(when)  # Beijing wall-clock time (the tz database's rules)
    month = pc.utf8_slice_codeunits(pc.cast(pc.cast(local, pa.date32()), pa.string()), 0, 7)
    inputs = {
        "case": _Cached(deid.text)(kept("case")) if on else kept("case"),
        "id": kept("id"), "source": [cols["source"]] * len(keep), "row": kept("row"),
        "sender": _Cached(deid.phone)(senders), "recipient": _Cached(deid.phone)(kept("recipient")),
        "time": when, "month": month, "direction": kept("direction"),
        "lender": _Cached(deid.text)(lenders) if on else lenders,
        "agency": agencies, "collector": _Cached(deid.name)(collector_col),
    }
    messages = table.table(inputs)
    counts = agg.partial(
        lender=lenders, sender=senders, agency=agencies, collector=collector_col, month=month,
        hour=pc.hour(local), category=table.categories, stage=table.stages, masks=masks,
        tactic_rows=tactic_rows, tactic_values=tactic_values,
    )
    return Batch(messages, counts, bad, collection, scam)


def process_block(n: int, block: Block, job: Job) -> dict:
    """Message task ``n``: analyse one block, write its message rows and events, return
    its counts (``rows``, ``bad``, ``collection``, ``scam``, ``events``, ``bad_examples``)
    and partial aggregates (``counts``)."""
    deid = Deidentifier(job.salt)
    events = Events(job.buckets)
    batch = analyze_batch(read_columns(block), deid, events, block.file_index,
                          rules_only=job.rules_only)
    out = Path(job.out)
    write_atomic(batch.messages, out / "messages" / part_name(n))
    n_events = events.write(out / "_work" / "events" / part_name(n, "arrow"))
    return {"part": n, "rows": batch.messages.num_rows, "bad": len(batch.bad),
            "collection": batch.collection, "scam": batch.scam, "events": n_events,
            "bad_examples": batch.bad[:5], "counts": batch.counts}


def process_calls(n: int, block: Block, job: Job) -> dict:
    """Call task ``n``: one block of a call log as timeline events in their buckets."""
    cols = read_columns(block)
    events = Events(job.buckets)
    prefix = f"c{block.file_index}:"
    for i, err in enumerate(cols["error"]):
        if err is None:
            events.add((
                "c", f"{prefix}{cols['row'][i]}", cols["id"][i], cols["case"][i],
                cols["number"][i], cols["time_ms"][i], cols["time_off"][i], None, None, None,
                None, None, None, cols["duration"][i], cols["kind"][i], cols["agency"][i],
                cols["collector"][i], None, None,
            ))
    calls = events.write(Path(job.out) / "_work" / "calls" / part_name(n, "arrow"))
    return {"part": n, "calls": calls}
