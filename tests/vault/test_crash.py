"""A real ``kill -9`` in the middle of a large import leaves the case exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dunguard.case import Case, open_case
from fixtures import make_exports

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")

CHILD = """
import sys
from dunguard.case import open_case

def progress(done, total, what):
    print(done, total, flush=True)

with open_case(sys.argv[1]) as c:
    c.import_files([sys.argv[2]], progress=progress)
print("finished", flush=True)
"""


def _state(case: Case) -> tuple:
    blobs = sorted(name for name, _ in case.blobs.iter_files())
    rows = case.store.conn.execute("SELECT id, record_hash FROM records ORDER BY id").fetchall()
    return case.counts(), case.tree_head(), blobs, [tuple(r) for r in rows], case.sources()


def test_kill_9_mid_import_changes_nothing_and_the_next_import_completes(
    case: Case, tmp_path: Path
) -> None:
    case.import_files([make_exports.write_sbr(tmp_path)])
    big = make_exports.write_big_sbr(tmp_path / "sms-big.xml", 60_000, mms_every=300)
    before = _state(case)
    name, path = case.name, case.path
    case.close()

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, name, str(big)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert child.stdout is not None
    killed_at = None
    for line in child.stdout:
        done, total = map(int, line.split())
        if done > total * 0.6:  # the copy (first half) is done and records are going in
            killed_at = done / total
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    assert killed_at is not None and killed_at < 1
    # The dead import left its journal and the copied original behind ...
    assert (path / "tmp" / "import.journal").exists()

    with open_case(name) as c:  # ... which opening the case takes back.
        assert not (path / "tmp" / "import.journal").exists()
        assert _state(c) == before
        report = c.verify()
        assert report.ok and not report.notes, (report.issues, report.notes)

        done = c.import_files([big])
        assert done.files[0].status == "imported"
        assert done.files[0].messages == 60_000
        assert done.files[0].attachments == 200
        assert c.verify().ok
