"""The Dask cluster a bulk job runs on: a local one sized to the machine, or one the user
already runs (``--scheduler tcp://HOST:8786``).

The local cluster has one single-threaded worker process per core: the text engine is pure
Python, so threads would only wait for each other. No dashboard, loopback only. Workers of
an existing cluster must have dunguard installed and see the input and output paths.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from dunguard.errors import UsageError

# Housekeeping a batch job does not need often: event-loop health ticks (every 20 ms by
# default), system and memory monitors, and the worker's statistical profiler (a stack
# sample every 10 ms, for the dashboard we do not run). Together they took ~2% of a core
# per process at rest.
_QUIET = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.memory.monitor-interval": "1s",
    "distributed.worker.profile.enabled": False,
}
_NOISY = ("distributed", "distributed.shuffle", "distributed.worker", "distributed.nanny",
          "distributed.scheduler", "distributed.core", "distributed.batched")


def fingerprint() -> str:
    """What makes two processes give the same analysis: dunguard's version and the digest
    of its rule packs. Runs on the workers too (``check_workers``)."""
    from dunguard import __version__
    from dunguard.text.rules import default_pack

    return f"{__version__}/{default_pack().sha256[:12]}"


def check_workers(client, scheduler: str, wait_s: float = 30.0) -> None:
    """An existing cluster must have workers, and each must run the same dunguard and rule
    packs as this machine: otherwise the job would wait forever, fail on the first task, or
    give results that differ from ``dunguard analyze`` here."""
    deadline = time.monotonic() + wait_s
    while not client.scheduler_info().get("workers"):
        if time.monotonic() > deadline:
            raise UsageError(f"Dask 调度器 {scheduler} 上没有可用的工作节点（等了 {wait_s:.0f} 秒）："
                             "请先在各台机器上启动 dask worker")
        time.sleep(0.2)
    # one small task per worker, with a time limit (a busy shared cluster may not answer)
    tag = uuid.uuid4().hex[:8]
    workers = sorted(client.scheduler_info().get("workers", {}))
    futures = {w: client.submit(fingerprint, key=f"dunguard-fingerprint-{tag}-{i}", workers=[w],
                                allow_other_workers=False, pure=False)
               for i, w in enumerate(workers)}
    try:
        seen = {w: f.result(timeout=wait_s) for w, f in futures.items()}
    except ImportError as e:
        raise UsageError(f"Dask 集群 {scheduler} 的工作节点上没有安装 dunguard：{e}") from e
    except TimeoutError as e:
        raise UsageError(f"Dask 集群 {scheduler} 的工作节点 {wait_s:.0f} 秒内没有回应版本检查"
                         "（可能正忙于别的任务），请稍后再试") from e
    finally:
        for f in futures.values():
            f.release()
    mine = fingerprint()
    other = {w: fp for w, fp in seen.items() if fp != mine}
    if other:
        shown = "；".join(f"{w}：{fp}" for w, fp in sorted(other.items())[:5])
        raise UsageError(
            f"Dask 集群 {scheduler} 中有 {len(other)} 个工作节点的 dunguard 版本或规则与本机"
            f"（{mine}）不同（{shown}）。结果会和单机分析不一致，请在所有节点安装同一版本。")


def machine_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def quiet() -> None:
    """Dask logs every shuffle and restart at WARNING; a user sees our progress instead."""
    for name in _NOISY:
        logging.getLogger(name).setLevel(logging.ERROR)


@contextmanager
def connect(scheduler: str | None = None, workers: int | None = None) -> Iterator:
    """A ``distributed.Client``: to ``scheduler`` when given, else to a new local cluster
    with ``workers`` worker processes (default: one per core)."""
    import dask
    from distributed import Client, LocalCluster

    quiet()
    # Our partitions carry Python objects between fused steps; keep pandas' own dtypes.
    with dask.config.set({"dataframe.convert-string": False,
                          "distributed.scheduler.allowed-failures": 5, **_QUIET}):
        if scheduler:
            try:
                client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as e:
                raise UsageError(f"无法连接 Dask 调度器 {scheduler}：{e}") from e
            try:
                check_workers(client, scheduler)
                yield client
            finally:
                client.close()
            return
        n = workers or machine_workers()
        if n < 1:
            raise UsageError("--workers 至少为 1")
        with warnings.catch_warnings():  # "port 8787 in use": another cluster runs; fine
            warnings.simplefilter("ignore", UserWarning)
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address=None, host="127.0.0.1",
                                   silence_logs=logging.ERROR)
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()
