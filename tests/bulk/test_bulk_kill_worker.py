"""A worker process killed in the middle of a run does not change the result.

A real multi-process cluster: a scheduler and two worker processes (each under its nanny)
on loopback. The first run loses one worker (SIGKILL) as soon as its first partition is
done; the nanny starts a new one and Dask runs the lost tasks again. A second run on the
healed cluster, untouched, must write exactly the same tables.
"""

from __future__ import annotations

import os
import signal

import pyarrow.parquet as pq
import pytest
from bulk_helpers import calls, messages, write_jsonl

from dunguard.bulk.job import Options, run


def _table(folder) -> list[dict]:
    rows = pq.read_table(folder).to_pylist()
    return sorted(rows, key=lambda r: repr(sorted(r.items())))


@pytest.mark.filterwarnings("ignore::UserWarning")  # "port 8787 in use" by another cluster
def test_killing_a_worker_mid_run_changes_nothing(tmp_path):
    from distributed import Client, LocalCluster

    from dunguard.bulk.cluster import quiet

    quiet()
    src = write_jsonl(tmp_path / "in.jsonl", messages(1200, cases=30))
    cpath = write_jsonl(tmp_path / "calls.jsonl", calls(300, cases=30))
    # a client of the test's own only while the job runs none: two clients of one process
    # on one cluster is not what the command does (and upsets distributed's event loops)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, host="127.0.0.1") as cluster:
        with Client(cluster) as client:
            before = client.run(os.getpid)
        killed: list[int] = []

        def tick(step: str, done: int, total: int) -> None:
            if step == "messages" and done == 1 and not killed:
                assert done < total  # tasks are still waiting or running
                pid = next(iter(before.values()))
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        opts = {"inputs": [str(src)], "calls": [str(cpath)], "rows": 30, "salt": b"k" * 20,
                "scheduler": cluster.scheduler_address}
        first = run(Options(out=str(tmp_path / "a"), **opts), tick)
        assert killed
        with Client(cluster) as client:
            client.wait_for_workers(2, timeout=60)
            assert set(client.run(os.getpid).values()) != set(before.values())
        second = run(Options(out=str(tmp_path / "b"), **opts))
    def counts(r) -> dict:
        return {k: v for k, v in r.to_json().items() if k not in ("out", "seconds")}

    assert counts(first) == counts(second)
    for name in ("messages", "findings", "aggregates"):
        assert _table(tmp_path / "a" / name) == _table(tmp_path / "b" / name), name
    assert sorted(p.name for p in (tmp_path / "a" / "messages").iterdir()) == \
        sorted(p.name for p in (tmp_path / "b" / "messages").iterdir())
