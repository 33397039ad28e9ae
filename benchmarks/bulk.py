"""Bulk analysis speed on 1 and 2 Dask workers against single-process analysis, same run.

    .venv/bin/python benchmarks/bulk.py [--messages 2000000] [--workers 1,2]
        [--baseline-messages 200000] [--partition-rows 50000] [--keep]

Generates a Parquet input of ``--messages`` messages (case, id, sender, time, agency,
collector, text; the messages of ``benchmarks/analyze.py``), then:

- single process: ``dunguard analyze --format jsonl`` (the command, one process) on the first
  ``--baseline-messages`` messages written as JSON Lines, and the bare ``Engine.analyze``
  loop over the same messages read from the Parquet file (no output at all); with 2 in
  ``--workers``, also two copies of the command at once, each on the same messages: how far
  this machine lets two independent single processes scale, the ceiling for 2 workers;
- ``dunguard bulk analyze`` (de-identified, all outputs) on a local cluster of 1, 2 …
  worker processes: messages per second over the whole job (cluster start to last file)
  and per step (messages, findings, aggregates), the scaling ratio, and each worker's
  speed as a share of the single process (goal: at least 80%);
- peak memory: the largest sum of RSS over this process and all its children (scheduler,
  nannies, workers), sampled every 0.2 s, overall and per step;
- CPU per message over every process of the job, and the part of this process (client,
  scheduler and nannies of the local cluster).

Run it alone: ``flock /tmp/dunguard-bench.lock .venv/bin/python benchmarks/bulk.py …``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from analyze import COLLECTION, LENDERS, NAMES, ORDINARY  # noqa: E402

CN = timezone(timedelta(hours=8))
AGENCIES = ["甲信息咨询公司", "乙资产管理公司", "丙律师事务所", "丁调解中心"]


def generate(path: Path, n: int, seed: int = 11, share: float = 0.4) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rnd = random.Random(seed)
    start = datetime(2026, 2, 1, tzinfo=CN)
    writer = None
    step = 100_000
    for lo in range(0, n, step):
        cols: dict[str, list] = {k: [] for k in ("case", "id", "sender", "time", "agency",
                                                   "collector", "text")}
        for i in range(lo, min(n, lo + step)):
            tpl = rnd.choice(COLLECTION if rnd.random() < share else ORDINARY)
            text = tpl.format(
                l=rnd.choice(LENDERS), d=rnd.randint(1, 400),
                a=f"{rnd.randint(100, 99999)}.{rnd.randint(0, 99):02d}", n=rnd.choice(NAMES),
                p=f"1{rnd.randint(3, 9)}{rnd.randint(0, 999999999):09d}",
                s="".join(rnd.choices("abcdefghjkmnpqrstuvwxyzABCDEFGH23456789", k=6)),
                c=f"{rnd.randint(0, 999999):06d}", c4=f"{rnd.randint(0, 9999):04d}",
                mo=rnd.randint(1, 12), dd=rnd.randint(1, 28),
                b=f"{rnd.randint(0, 99999)}.{rnd.randint(0, 99):02d}",
            )
            case = rnd.randrange(max(1, n // 40))
            cols["case"].append(f"D{case:07d}")
            cols["id"].append(f"m{i}")
            cols["sender"].append(f"1{rnd.randint(3, 9)}{rnd.randrange(200):09d}")
            cols["time"].append(start + timedelta(seconds=rnd.randrange(60 * 86400)))
            cols["agency"].append(rnd.choice(AGENCIES))
            cols["collector"].append(f"坐席{rnd.randrange(40):02d}")
            cols["text"].append(text)
        table = pa.table(cols)
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema, compression="zstd")
        writer.write_table(table, row_group_size=step)
    if writer is not None:
        writer.close()


class PeakRSS:
    """The peak of the summed RSS of this process and all its descendants, overall and per
    step (``step`` is set by the caller as the job moves on)."""

    def __init__(self) -> None:
        import psutil

        self._me = psutil.Process()
        self.peak = 0
        self.step = "start"
        self.by_step: dict[str, int] = {}
        self.cpu: dict[int, float] = {}  # pid → user + system seconds, last seen
        t = self._me.cpu_times()
        self._me_before = t.user + t.system  # this process's CPU before the run
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for p in [self._me, *self._me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
                    t = p.cpu_times()
                    self.cpu[p.pid] = t.user + t.system
            self.peak = max(self.peak, total)
            self.by_step[self.step] = max(self.by_step.get(self.step, 0), total)
            self._stop.wait(0.2)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        t = self._me.cpu_times()
        self.cpu[self._me.pid] = t.user + t.system

    def cpu_seconds(self) -> float:
        """CPU time of every process seen (one that ended counts as last sampled)."""
        return sum(self.cpu.values()) - self._me_before

    def main_cpu_seconds(self) -> float:
        """CPU time of this process: the client and, for a local cluster, the scheduler and
        the nannies (the workers are its child processes)."""
        return self.cpu.get(self._me.pid, self._me_before) - self._me_before


def machine_busy() -> float:
    """Busy CPU seconds of the whole machine so far, all processes (``/proc/stat``)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def single_process(path: Path, n: int) -> float:
    import pyarrow.parquet as pq

    from dunguard.bulk.columns import time_of
    from dunguard.text.engine import Engine

    engine = Engine.default()
    pf = pq.ParquetFile(path)
    done = 0
    t0 = time.perf_counter()
    for batch in pf.iter_batches(batch_size=50_000, columns=["id", "text", "time"]):
        for mid, text, when in zip(*(batch.column(c).to_pylist() for c in ("id", "text", "time")),
                                   strict=True):
            engine.analyze(text, id=mid, sent_at=time_of(when))
            done += 1
            if done >= n:
                return done / (time.perf_counter() - t0)
    return done / (time.perf_counter() - t0)


def analyze_command(path: Path, jsonl: Path, n: int, copies: int = 1) -> tuple[float, float]:
    """``dunguard analyze --format jsonl`` on the first ``n`` messages, output discarded:
    messages per second (of each process) and CPU seconds per message. ``copies`` > 1 runs
    that many at once, each on the same input: how far the machine itself lets independent
    single processes scale (shared caches and memory, the host's scheduling)."""
    import json
    import subprocess

    import pyarrow.parquet as pq

    if not jsonl.exists():
        done = 0
        with open(jsonl, "w", encoding="utf-8") as out:
            for batch in pq.ParquetFile(path).iter_batches(batch_size=50_000):
                for r in batch.to_pylist():
                    r["time"] = r["time"].isoformat()
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
                    done += 1
                    if done >= n:
                        break
                if done >= n:
                    break
    import resource

    exe = Path(sys.executable).with_name("dunguard")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0, busy0 = time.perf_counter(), machine_busy()
    procs = [subprocess.Popen([str(exe), "analyze", "--format", "jsonl", str(jsonl)],
                              stdout=subprocess.DEVNULL) for _ in range(copies)]
    for p in procs:
        if p.wait() != 0:
            raise SystemExit(f"dunguard analyze failed ({p.returncode})")
    wall, busy = time.perf_counter() - t0, machine_busy() - busy0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"  (machine during it: {busy / wall:.2f} cores busy, {cpu / wall:.2f} by dunguard analyze)")
    return n / wall, cpu / (n * copies)


def bulk(path: Path, out: Path, workers: int, rows: int) -> dict:
    """One ``bulk analyze`` run: rates over the whole job and per step, peak memory."""
    from dunguard.bulk.job import Options, run

    with PeakRSS() as rss:
        def tick(step: str, done: int, total: int) -> None:
            rss.step = step

        t0, busy0 = time.perf_counter(), machine_busy()
        report = run(Options(inputs=[str(path)], out=str(out), salt=b"benchmark-salt-0123456789",
                             rows=rows, workers=workers, overwrite=True), tick)
        total, busy = time.perf_counter() - t0, machine_busy() - busy0
    n = report.messages
    return {"whole": n / total, "seconds": total, "steps": dict(report.seconds), "messages": n,
            "peak": rss.peak, "peaks": dict(rss.by_step), "cpu": rss.cpu_seconds() / n,
            "main_cpu": rss.main_cpu_seconds() / n,
            "cores_busy": busy / total, "cores_ours": rss.cpu_seconds() / total}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=2_000_000)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--baseline-messages", type=int, default=200_000)
    ap.add_argument("--partition-rows", type=int, default=50_000)
    ap.add_argument("--dir", help="work folder (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the generated input and outputs")
    args = ap.parse_args()

    tmp = None if args.dir else tempfile.TemporaryDirectory(prefix="dunguard-bulk-")
    work = Path(args.dir or tmp.name)
    work.mkdir(parents=True, exist_ok=True)
    src = work / f"messages-{args.messages}.parquet"
    if not src.exists():
        t0 = time.perf_counter()
        generate(src, args.messages)
        print(f"generated {args.messages:,} messages in {time.perf_counter() - t0:.0f} s "
              f"({src.stat().st_size / 1e6:.0f} MB Parquet)")
    single = engine = single_cpu = 0.0
    if args.baseline_messages:
        n = min(args.baseline_messages, args.messages)
        single, single_cpu = analyze_command(src, work / f"first-{n}.jsonl", n)
        engine = single_process(src, n)
        print(f"single process, dunguard analyze --format jsonl on {n:,} messages: {single:,.0f} msg/s "
              f"({single_cpu * 1e6:.0f} µs CPU per message)")
        print(f"single process, bare Engine.analyze loop (no input parsing, no output): "
              f"{engine:,.0f} msg/s")
        if "2" in args.workers.split(","):
            pair, pair_cpu = analyze_command(src, work / f"first-{n}.jsonl", n, copies=2)
            print(f"two dunguard analyze processes at once (the machine's own scaling): "
                  f"{pair:,.0f} msg/s each, {pair / single:.0%} of one alone "
                  f"({pair_cpu * 1e6:.0f} µs CPU per message)")
    rates: dict[int, dict] = {}
    for w in (int(x) for x in args.workers.split(",")):
        r = rates[w] = bulk(src, work / f"out-{w}", w, args.partition_rows)
        n = r["messages"]
        steps = ", ".join(f"{k} {v:.0f} s ({n / v:,.0f} msg/s)" for k, v in r["steps"].items())
        peaks = ", ".join(f"{k} {v / 2**20:,.0f}" for k, v in r["peaks"].items())
        print(f"bulk analyze, {w} worker{'s' if w > 1 else ''}: {r['whole']:,.0f} msg/s whole job "
              f"({r['seconds']:.0f} s); steps: {steps}")
        print(f"  peak RSS (all processes) {r['peak'] / 2**20:,.0f} MB; per step MB: {peaks}")
        print(f"  machine: {r['cores_busy']:.2f} of {os.cpu_count()} cores busy on average, "
              f"{r['cores_ours']:.2f} by this job, {r['cores_busy'] - r['cores_ours']:.2f} by other "
              "processes")
        print(f"  CPU (all processes: client, scheduler, nannies, workers) {r['cpu'] * 1e6:.0f} µs "
              f"per message" + (f"; dunguard analyze / bulk CPU per message {single_cpu / r['cpu']:.0%}"
                                if single_cpu else ""))
        print(f"    of which the main process (client, scheduler, nannies) {r['main_cpu'] * 1e6:.0f} µs, "
              f"the worker processes {(r['cpu'] - r['main_cpu']) * 1e6:.0f} µs")
        if single:
            step = n / r["steps"]["messages"]
            print(f"  per worker: whole job {r['whole'] / w / single:.0%} of dunguard analyze "
                  f"({r['whole'] / w / engine:.0%} of the bare engine loop); message step "
                  f"{step / w / single:.0%} ({step / w / engine:.0%})")
        sys.stdout.flush()
    if 1 in rates and 2 in rates:
        one, two = rates[1], rates[2]
        step = {w: rates[w]["messages"] / rates[w]["steps"]["messages"] for w in (1, 2)}
        print(f"scaling 2 workers / 1 worker: {two['whole'] / one['whole']:.2f}x whole job, "
              f"{step[2] / step[1]:.2f}x message step")
    if args.keep:
        print(f"kept in {work}")
    elif tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
