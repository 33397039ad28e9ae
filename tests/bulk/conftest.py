"""One local Dask cluster for the bulk tests: a real one — a scheduler and two worker
processes on loopback — started once per module that asks for it; jobs connect to it with
``scheduler=``."""

from __future__ import annotations

import warnings

import pytest


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two worker processes on loopback; yields its address."""
    from distributed import LocalCluster

    from dunguard.bulk.cluster import quiet

    quiet()
    warnings.simplefilter("ignore", UserWarning)  # "port 8787 in use" by another test cluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as c:
        yield c.scheduler_address
