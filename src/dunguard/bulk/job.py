"""A bulk run from input tables to the output datasets, on a Dask cluster.

1. ``messages``: ``dask.dataframe.from_map`` reads the blocks; ``map_partitions`` runs
   :func:`dunguard.bulk.work.process_partition` (the engine over a batch), which writes
   ``DIR/messages/part-N.parquet`` and the raw keys ``DIR/_work/keys/``.
2. ``findings``: the collection messages' keys and the call logs are shuffled by case
   (Dask's P2P shuffle, spilled to disk) and each partition runs the timeline per case.
3. ``aggregates``: partial counts per keys partition, summed by Dask.
4. (``audit``) wording and breaches per agency and collector, and an HTML summary.

Every step streams partitions, so memory stays flat however large the input; each task is
deterministic and writes its files atomically, so a worker lost mid-run changes nothing
(Dask runs its tasks again elsewhere). ``DIR/_work`` (raw keys) is removed at the end.
"""

from __future__ import annotations

import json
import math
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dunguard.bulk import aggregates as agg
from dunguard.bulk.blocks import CALL_COLUMNS, MESSAGE_COLUMNS, read_block
from dunguard.bulk.cluster import connect
from dunguard.bulk.deidentify import Deidentifier
from dunguard.bulk.findings import EVENT_COLUMNS, FINDING_SCHEMA, SUMMARY_META, findings_partition
from dunguard.bulk.inputs import plan
from dunguard.bulk.work import STATS_META, Job, part_name, process_partition, write_atomic
from dunguard.errors import InputError, UsageError

OUTPUTS = ("messages", "findings", "aggregates", "audit", "_work")
Progress = Callable[[str, int, int], None]  # (step, done, total)


@dataclass
class Options:
    inputs: list[str]
    out: str
    calls: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    salt: bytes | None = None  # None: keep identities
    rows: int = 50_000  # records per partition
    scheduler: str | None = None
    workers: int | None = None
    audit_lender: str | None = None  # set: a lender's outbound logs (bulk audit)
    overwrite: bool = False


@dataclass
class Report:
    out: Path
    messages: int = 0
    bad: int = 0
    bad_examples: list = field(default_factory=list)
    collection: int = 0
    scam: int = 0
    calls: int = 0
    findings: int = 0
    partitions: int = 0
    summary: pd.DataFrame | None = None  # findings per (agency, collector, kind)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each step

    def to_json(self) -> dict:
        return {"out": str(self.out), "messages": self.messages, "bad_records": self.bad,
                "collection": self.collection, "scam": self.scam, "calls": self.calls,
                "findings": self.findings, "partitions": self.partitions,
                "seconds": {k: round(v, 1) for k, v in self.seconds.items()}}


def _prepare(out: Path, overwrite: bool) -> None:
    existing = [d for d in OUTPUTS if (out / d).exists()]
    if existing and not overwrite:
        raise UsageError(f"输出文件夹里已有结果（{'、'.join(existing)}），换一个文件夹或加 --overwrite",
                         file=str(out))
    for d in existing:
        shutil.rmtree(out / d)
    out.mkdir(parents=True, exist_ok=True)


def _raw_meta(kind: str) -> pd.DataFrame:
    cols = MESSAGE_COLUMNS if kind == "messages" else CALL_COLUMNS
    frame = pd.DataFrame({c: pd.Series([], dtype="object") for c in cols})
    ints = {"row": "int64", "time_ms": "Int64", "time_off": "Int64"}
    if kind == "calls":
        ints["duration"] = "int64"
    return frame.astype(ints)


def _events_meta() -> pd.DataFrame:
    ints = {"time_ms": "Int64", "time_off": "Int64", "duration": "Int64"}
    return pd.DataFrame({c: pd.Series([], dtype=ints.get(c, "object")) for c in EVENT_COLUMNS})


def message_events(keys: pd.DataFrame) -> pd.DataFrame:
    """Collection messages' keys as timeline events."""
    keys = keys[keys["category"] == "collection"]
    out = pd.DataFrame({c: keys.get(c) for c in EVENT_COLUMNS
                        if c not in ("kind", "number", "duration", "call_kind")},
                       index=keys.index)
    out["kind"] = "m"
    out["number"] = keys["sender"]
    out["duration"] = 0
    out["call_kind"] = None
    return _typed(out)


def call_events(calls: pd.DataFrame) -> pd.DataFrame:
    calls = calls[calls["error"].isna()]
    out = pd.DataFrame({"kind": "c", "uid": calls["uid"], "id": calls["id"], "case": calls["case"],
                        "number": calls["number"], "time_ms": calls["time_ms"],
                        "time_off": calls["time_off"], "duration": calls["duration"],
                        "call_kind": calls["kind"], "agency": calls["agency"],
                        "collector": calls["collector"]}, index=calls.index)
    return _typed(out)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    meta = _events_meta()
    for c in EVENT_COLUMNS:
        if c not in frame:
            frame[c] = None
    frame = frame[list(EVENT_COLUMNS)]
    obj = {c: "object" for c in EVENT_COLUMNS if meta[c].dtype == object}
    frame = frame.astype(obj)
    frame = frame.where(frame.notna(), None)
    return frame.astype({c: str(meta[c].dtype) for c in meta if meta[c].dtype != object})


def run(opts: Options, progress: Progress | None = None) -> Report:
    """Run the whole job; ``progress(step, done, total)`` is called as partitions finish."""
    import dask.dataframe as dd
    from distributed import as_completed

    out = Path(opts.out)
    if opts.rows < 1:
        raise UsageError("--partition-rows 至少为 1")
    blocks = plan(opts.inputs, "messages", opts.mapping, rows=opts.rows)
    if not blocks:
        raise InputError("输入里没有任何记录", file=", ".join(opts.inputs))
    call_blocks = plan(opts.calls, "calls", opts.mapping, rows=opts.rows,
                       outbound=opts.audit_lender is not None) if opts.calls else []
    _prepare(out, opts.overwrite)
    job = Job(str(out.resolve()), opts.salt)
    report = Report(out, partitions=len(blocks))
    started: dict[str, float] = {}

    def tick(step: str, done: int, total: int) -> None:
        now = time.perf_counter()
        started.setdefault(step, now)
        if done >= total:
            report.seconds[step] = now - started[step]
        if progress is not None:
            progress(step, done, total)

    with connect(opts.scheduler, opts.workers) as client:
        # 1. analyse every message, write the message table and the keys
        raw = dd.from_map(read_block, blocks, meta=_raw_meta("messages"), enforce_metadata=False)
        stats = raw.map_partitions(process_partition, job, meta=STATS_META,
                                   enforce_metadata=False)
        futures = client.compute(stats.to_delayed())
        tick("messages", 0, len(futures))
        parts = []
        for done, fut in enumerate(as_completed(futures), 1):
            parts.append(fut.result())
            tick("messages", done, len(futures))
        del futures
        st = pd.concat(parts, ignore_index=True)
        report.messages = int(st["rows"].sum())
        report.bad = int(st["bad"].sum())
        report.collection = int(st["collection"].sum())
        report.scam = int(st["scam"].sum())
        report.bad_examples = [x for s in st.sort_values("part")["bad_examples"]
                               for x in json.loads(s)][:20]
        if report.messages == 0:
            raise InputError("没有可以分析的短信（所有记录都无法读取）", file=", ".join(opts.inputs))

        # 2. findings per case
        tick("findings", 0, 1)
        keys_path = out / "_work" / "keys"
        if call_blocks:
            report.calls = count_calls(call_blocks)
        report.summary = findings_step(client, out, keys_path, job, call_blocks,
                                       report.collection + report.calls, opts.audit_lender)
        report.findings = _rows(out / "findings")
        tick("findings", 1, 1)

        # 3. aggregates
        tick("aggregates", 0, 1)
        aggregates_step(out, keys_path, opts.salt)
        tick("aggregates", 1, 1)

        if opts.audit_lender is not None:
            from dunguard.bulk.audit import audit_outputs

            tick("audit", 0, 1)
            audit_outputs(client, out, report, job)
            tick("audit", 1, 1)
    shutil.rmtree(out / "_work", ignore_errors=True)
    for tmp in out.rglob(".part-*.tmp"):  # left by a task whose worker died mid-write
        tmp.unlink(missing_ok=True)
    return report


def count_calls(call_blocks: list) -> int:
    import dask.dataframe as dd

    calls = dd.from_map(read_block, call_blocks, meta=_raw_meta("calls"), enforce_metadata=False)
    return int(calls.map_partitions(lambda f: pd.Series([int(f["error"].isna().sum())]),
                                    meta=(None, "int64")).sum().compute())


def findings_step(client, out: Path, keys_path: Path, job: Job, call_blocks: list,
                  n_events: int, audit_lender: str | None) -> pd.DataFrame:
    """Shuffle the collection messages' keys and the calls by case; the timeline per case
    writes ``findings/``. Returns the summary per (agency, collector, kind)."""
    import dask.dataframe as dd
    import pyarrow as pa

    keys = dd.read_parquet(str(keys_path), dtype_backend="numpy_nullable")
    events = keys.map_partitions(message_events, meta=_events_meta())
    if call_blocks:
        calls = dd.from_map(read_block, call_blocks, meta=_raw_meta("calls"),
                            enforce_metadata=False)
        events = dd.concat([events, calls.map_partitions(call_events, meta=_events_meta())])
    # enough partitions to keep every worker busy, each small enough to hold in memory with
    # its Python records (about 50,000 events each)
    k = max(1, 2 * len(client.nthreads()), math.ceil(n_events / 50_000))
    summary = events.shuffle(on="case", npartitions=k).map_partitions(
        findings_partition, job, audit_lender, meta=SUMMARY_META, enforce_metadata=False
    ).compute()
    if not any((out / "findings").glob("part-*.parquet")):
        # nothing to shuffle: an empty table still says "no findings"
        write_atomic(pa.table({n: [] for n in FINDING_SCHEMA.names}, schema=FINDING_SCHEMA),
                     out / "findings" / part_name(0))
    return _combine_summary(summary)


def aggregates_step(out: Path, keys_path: Path, salt: bytes | None) -> None:
    """Partial counts per keys partition, summed by Dask, written to ``aggregates/``."""
    import dask.dataframe as dd

    keys = dd.read_parquet(str(keys_path), dtype_backend="numpy_nullable")
    partial = keys.map_partitions(agg.partial_counts, meta=agg.META)
    total = partial.groupby(["by", *agg.DIMS], sort=False)[list(agg.COUNTERS)].sum()
    table = agg.finish(total.compute(), Deidentifier(salt))
    _write_frame(table, out / "aggregates" / part_name(0))


def _combine_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """Per (agency, collector, kind): findings, records, cases and up to 3 examples."""
    if summary.empty:
        return SUMMARY_META.copy()
    rows = []
    for (a, c, k), g in summary.groupby(["agency", "collector", "kind"], sort=True, dropna=False):
        examples = list(dict.fromkeys(x for s in g["examples"] for x in json.loads(s)))[:3]
        rows.append({"agency": a, "collector": c, "kind": k, "findings": int(g["findings"].sum()),
                     "records": int(g["records"].sum()), "cases": int(g["cases"].sum()),
                     "examples": json.dumps(examples, ensure_ascii=False)})
    return pd.DataFrame(rows, columns=list(SUMMARY_META.columns))


def _rows(folder: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in folder.glob("part-*.parquet"))


def _write_frame(frame: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa

    write_atomic(pa.Table.from_pandas(frame, preserve_index=False), path)
