"""A bulk run from input tables to the output datasets, on a Dask cluster.

1. ``messages``: one task per input block runs :func:`dunguard.bulk.work.process_block` —
   the engine over the block — which writes ``DIR/messages/part-N.parquet`` and the
   collection messages as timeline events, bucketed by case (``DIR/_work/events/``), and
   returns its partial aggregates; call logs are bucketed the same way (``_work/calls/``).
2. ``findings``: one task per bucket reads its batch of every events file and runs the
   timeline per case (:func:`dunguard.bulk.findings.findings_bucket`).
3. ``aggregates``: the partial counts, added up as the message tasks finished, written once.
4. (``audit``) wording and breaches per agency and collector, and an HTML summary.

Every task reads and writes files of bounded size, so memory stays flat however large the
input; each task is deterministic and writes its files atomically, so a worker lost mid-run
changes nothing (Dask runs its tasks again elsewhere). ``DIR/_work`` is removed at the end.
"""

from __future__ import annotations

import contextlib
import math
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dunguard.bulk import aggregates as agg
from dunguard.bulk.cluster import connect
from dunguard.bulk.deidentify import Deidentifier
from dunguard.bulk.findings import SUMMARY_COLUMNS, findings_bucket
from dunguard.bulk.inputs import plan
from dunguard.bulk.work import Job, part_name, process_block, process_calls, write_atomic
from dunguard.errors import InputError, UsageError

OUTPUTS = ("messages", "findings", "aggregates", "audit", "_work")
BUCKET_RECORDS = 80_000  # at most this many records (messages and calls) per findings task
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
    rules_only: bool = False  # the rules without the wording models (analyze --rules-only)


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


def _existing(out: Path, overwrite: bool) -> list[str]:
    existing = [d for d in OUTPUTS if (out / d).exists()]
    if existing and not overwrite:
        raise UsageError(f"输出文件夹里已有结果（{'、'.join(existing)}），换一个文件夹或加 --overwrite",
                         file=str(out))
    return existing


def _plan(opts: Options, out: Path) -> tuple[list, list]:
    """The input blocks; a UTF-16 file is read from a UTF-8 copy in ``_work/utf8``."""
    had_out = out.exists()
    shutil.rmtree(out / "_work", ignore_errors=True)
    convert = out / "_work" / "utf8"
    try:
        # in a lender's outbound log "out" is the lender's side: the borrower received them
        blocks = plan(opts.inputs, "messages", opts.mapping, rows=opts.rows,
                      outbound=opts.audit_lender is not None, convert_dir=convert)
        if not blocks:
            raise InputError("输入里没有任何记录", file=", ".join(opts.inputs))
        call_blocks = plan(opts.calls, "calls", opts.mapping, rows=opts.rows,
                           outbound=opts.audit_lender is not None,
                           convert_dir=convert) if opts.calls else []
    except BaseException:
        shutil.rmtree(out / "_work", ignore_errors=True)
        if not had_out:
            with contextlib.suppress(OSError):
                out.rmdir()
        raise
    return blocks, call_blocks


def run(opts: Options, progress: Progress | None = None) -> Report:
    """Run the whole job; ``progress(step, done, total)`` is called as partitions finish."""
    from distributed import as_completed

    # absolute: the workers of a cluster run elsewhere, in their own working directory
    out = Path(opts.out).resolve()
    if opts.rows < 1:
        raise UsageError("--partition-rows 至少为 1")
    existing = _existing(out, opts.overwrite)
    blocks, call_blocks = _plan(opts, out)
    for d in existing:
        if d != "_work":
            shutil.rmtree(out / d)
    out.mkdir(parents=True, exist_ok=True)
    report = Report(out, partitions=len(blocks))
    started: dict[str, float] = {}

    def tick(step: str, done: int, total: int) -> None:
        now = time.perf_counter()
        started.setdefault(step, now)
        if done >= total:
            report.seconds[step] = now - started[step]
        if progress is not None:
            progress(step, done, total)

    run_id = uuid.uuid4().hex[:12]
    with connect(opts.scheduler, opts.workers) as client:
        # enough buckets to keep every worker busy, each small enough to hold in memory
        # with its Python records
        estimate = (len(blocks) + len(call_blocks)) * opts.rows
        buckets = max(2 * len(client.nthreads()), math.ceil(estimate / BUCKET_RECORDS))
        job = Job(str(out.resolve()), opts.salt, buckets, opts.rules_only)

        # 1. analyse every message: message table, events, partial counts; bucket the calls
        futures = client.map(process_block, range(len(blocks)), blocks, job=job,
                             key=[f"dunguard-messages-{run_id}-{n}" for n in range(len(blocks))])
        futures += client.map(process_calls, range(len(call_blocks)), call_blocks, job=job,
                              key=[f"dunguard-calls-{run_id}-{n}" for n in range(len(call_blocks))])
        total = len(futures)
        tick("messages", 0, total)
        totals = agg.Totals()
        bad: list[tuple[int, list]] = []
        for done, fut in enumerate(as_completed(futures), 1):
            r = fut.result()
            fut.release()
            if "calls" in r:
                report.calls += r["calls"]
            else:
                report.messages += r["rows"]
                report.bad += r["bad"]
                report.collection += r["collection"]
                report.scam += r["scam"]
                bad.append((r["part"], r["bad_examples"]))
                totals.add(r["counts"])
            tick("messages", done, total)
        del futures, fut
        report.bad_examples = [list(x) for _, ex in sorted(bad) for x in ex][:20]
        if report.messages == 0:
            raise InputError("没有可以分析的短信（所有记录都无法读取）", file=", ".join(opts.inputs))

        # 2. findings per case, bucket by bucket
        work = out.resolve() / "_work"
        paths = [str(work / "events" / part_name(n, "arrow")) for n in range(len(blocks))]
        paths += [str(work / "calls" / part_name(n, "arrow")) for n in range(len(call_blocks))]
        tick("findings", 0, buckets)
        summary: dict[int, list] = {}
        futures = client.map(findings_bucket, range(buckets), job=job, paths=paths,
                             audit_lender=opts.audit_lender,
                             key=[f"dunguard-findings-{run_id}-{b}" for b in range(buckets)])
        bucket_of = {f.key: b for b, f in enumerate(futures)}
        for done, (fut, result) in enumerate(as_completed(futures, with_results=True), 1):
            summary[bucket_of[fut.key]] = result
            fut.release()
            tick("findings", done, buckets)
        del futures
        report.summary = _combine_summary([x for b in sorted(summary) for x in summary[b]])
        report.findings = _rows(out / "findings")

        # 3. aggregates
        tick("aggregates", 0, 1)
        write_atomic(agg.finish(totals.frame(), Deidentifier(opts.salt)),
                     out / "aggregates" / part_name(0))
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


def _combine_summary(parts: list[tuple]) -> pd.DataFrame:
    """Per (agency, collector, kind): findings, records, cases and up to 3 examples (the
    smallest texts, so the same whatever the number of buckets)."""
    import json

    merged: dict[tuple, list] = {}
    for a, c, k, findings, records, cases, examples in parts:
        m = merged.setdefault((a, c, k), [0, 0, 0, []])
        m[0] += findings
        m[1] += records
        m[2] += cases
        m[3].extend(examples)
    rows = [{"agency": a, "collector": c, "kind": k, "findings": v[0], "records": v[1],
             "cases": v[2], "examples": json.dumps(sorted(set(v[3]))[:3], ensure_ascii=False)}
            for (a, c, k), v in sorted(merged.items())]
    frame = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    return frame.astype({"agency": object, "collector": object, "kind": object,
                         "findings": "int64", "records": "int64", "cases": "int64",
                         "examples": object})


def _rows(folder: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in folder.glob("part-*.parquet"))
