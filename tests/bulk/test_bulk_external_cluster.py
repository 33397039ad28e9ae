"""``--scheduler`` with a cluster that dunguard did not start: a scheduler and a worker
launched with the ``dask`` command, as an administrator would on other machines. The worker
runs in its own working directory, so every path the job hands it must be absolute; the
results equal those of a local cluster."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from bulk_helpers import messages, write_jsonl

BIN = Path(sys.executable).parent


@contextmanager
def _dask_cluster(tmp_path: Path, workers: int = 1, worker_env: dict | None = None):
    """``dask scheduler`` and ``workers`` ``dask worker`` processes, each in a working
    directory of its own; yields the scheduler's address."""
    info = tmp_path / "scheduler.json"
    elsewhere = tmp_path / "worker-cwd"
    elsewhere.mkdir(exist_ok=True)
    env = dict(os.environ)
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(info)],
                              cwd=elsewhere, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() or not info.read_text().strip():
            assert time.monotonic() < deadline, "dask scheduler did not start"
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        if workers:
            procs.append(subprocess.Popen(
                [str(BIN / "dask"), "worker", address, "--nworkers", str(workers), "--nthreads", "1",
                 "--no-dashboard", "--local-directory", str(elsewhere)],
                cwd=elsewhere, env={**env, **(worker_env or {})}, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL))
            from distributed import Client

            with Client(address, timeout="30s") as c:
                c.wait_for_workers(workers, timeout=60)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.fixture
def external_cluster(tmp_path):
    with _dask_cluster(tmp_path) as address:
        yield address


def _bulk(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DUNGUARD_HOME": str(cwd / "home")}
    return subprocess.run([str(BIN / "dunguard"), "bulk", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=600)


def test_external_cluster_with_relative_paths_gives_the_local_result(tmp_path, external_cluster,
                                                                     cluster):
    client_dir = tmp_path / "client"
    client_dir.mkdir()
    write_jsonl(client_dir / "in.jsonl", messages(150, seed=5))
    salt = client_dir / "salt"
    salt.write_bytes(b"0123456789abcdef0123")
    # relative input, output and salt paths, from a directory the worker never sees
    done = _bulk(client_dir, "analyze", "in.jsonl", "--out", "out", "--salt-file", "salt",
                 "--scheduler", external_cluster)
    assert done.returncode == 0, done.stderr
    local = _bulk(client_dir, "analyze", "in.jsonl", "--out", "out-local", "--salt-file", "salt",
                  "--scheduler", cluster)
    assert local.returncode == 0, local.stderr
    for part in ("messages", "findings", "aggregates"):
        got = pd.read_parquet(client_dir / "out" / part)
        want = pd.read_parquet(client_dir / "out-local" / part)
        assert len(got) == len(want) and len(got) > 0, part
        key = list(got.columns)
        pd.testing.assert_frame_equal(
            got.astype(str).sort_values(key).reset_index(drop=True),
            want.astype(str).sort_values(key).reset_index(drop=True), check_dtype=False)
    assert len(pd.read_parquet(client_dir / "out" / "messages")) == 150
    assert not (tmp_path / "worker-cwd" / "out").exists()  # nothing written relative to the worker


def test_external_cluster_runs_an_audit_with_relative_paths(tmp_path, external_cluster):
    client_dir = tmp_path / "client"
    client_dir.mkdir()
    rows = [{"debtor_id": f"D{i % 3}", "id": f"s{i}", "sender": "10690001",
             "text": ["【某某贷】您的借款已逾期5天，请尽快还款。",
                      "你再不还钱就爆你通讯录，通知你的家人和同事。"][i % 2],
             "time": f"2026-02-0{i % 9 + 1}T{[10, 23][i % 2]}:15:00+08:00",
             "agency": "甲公司", "collector": "刘洋", "direction": "out"} for i in range(40)]
    write_jsonl(client_dir / "sms.jsonl", rows)
    (client_dir / "calls.csv").write_text(
        "debtor_id,caller,start_time,duration,result,agency,collector\n"
        + "".join(f"D0,13800000001,2026-02-03 {9 + i % 8:02d}:{i:02d}:00,0,未接通,甲公司,刘洋\n"
                  for i in range(12)), encoding="utf-8")
    done = _bulk(client_dir, "audit", "sms.jsonl", "--calls", "calls.csv", "--out", "audit",
                 "--lender", "某某贷", "--scheduler", external_cluster, "--keep-identities")
    assert done.returncode == 0, done.stderr
    summary = pd.read_parquet(client_dir / "audit" / "audit" / "summary")
    assert len(pd.read_parquet(client_dir / "audit" / "messages")) == 40
    breaches = summary[summary["kind"] == "breach"]
    assert {"night_contact", "call_attempts"} <= set(breaches["item"])
    assert "甲公司" in (client_dir / "audit" / "audit" / "report.html").read_text(encoding="utf-8")


def test_a_scheduler_without_workers_is_a_clear_error(tmp_path, monkeypatch):
    from dunguard.bulk import cluster as cl
    from dunguard.errors import UsageError

    with _dask_cluster(tmp_path, workers=0) as address:
        real = cl.check_workers
        monkeypatch.setattr(cl, "check_workers", lambda c, s: real(c, s, wait_s=2))
        with pytest.raises(UsageError, match="没有可用的工作节点"), cl.connect(address):
            pass


def test_workers_with_other_rules_are_refused(tmp_path):
    """A worker whose rule packs differ (an older install on one machine) would give results
    that differ from dunguard analyze here: the job stops before it starts."""
    import dunguard

    other = tmp_path / "other-install"
    shutil.copytree(Path(dunguard.__file__).parent, other / "dunguard")
    rules = other / "dunguard" / "text" / "rules" / "threat.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# an older edition\n", encoding="utf-8")
    client_dir = tmp_path / "client"
    client_dir.mkdir()
    write_jsonl(client_dir / "in.jsonl", messages(10))
    with _dask_cluster(tmp_path, worker_env={"PYTHONPATH": str(other)}) as address:
        done = _bulk(client_dir, "analyze", "in.jsonl", "--out", "out", "--keep-identities",
                     "--scheduler", address)
    assert done.returncode == 2, done.stderr
    assert "规则与本机" in done.stderr and "同一版本" in done.stderr
    assert not (client_dir / "out" / "messages").exists()
