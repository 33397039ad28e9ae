"""Imports run in the background so the browser can show their progress without JavaScript.

An upload is saved under names the server makes (the browser's file name is only shown,
never used as a path), then one thread imports it through :meth:`Case.import_files` (with
the screenshot reader for every file when the user gave the screenshots' date), stores a
fresh analysis run (as ``dunguard analyze --case`` does) and removes the saved upload.
The job page refreshes itself until the job is done.
"""

from __future__ import annotations

import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dunguard.case import ImportReport
from dunguard.errors import DunguardError
from dunguard.ingest import Reader
from dunguard.web.state import CaseLocks, open_or_404


@dataclass
class Upload:
    shown: str  # the browser's file name, for display only
    path: Path  # where the server saved it, under a name it made
    size: int


@dataclass
class Job:
    id: str
    case: str
    uploads: list[Upload]
    salvage: bool = False
    reader: Reader | None = None  # one reader for every file (screenshots with their date)
    state: str = "waiting"  # waiting | running | analysing | done | failed
    done: int = 0
    total: int = 0
    label: str = ""
    report: ImportReport | None = None
    analysed: int | None = None
    error: str | None = None
    started: float = field(default_factory=time.time)
    finished: float | None = None

    @property
    def percent(self) -> int:
        if self.state in ("done", "analysing"):
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished_ok(self) -> bool:
        return self.state == "done"

    def shown_name(self, path: str) -> str:
        for u in self.uploads:
            if str(u.path) == path or u.path.name == Path(path).name:
                return u.shown
        return Path(path).name

    def to_json(self) -> dict[str, Any]:
        rep = self.report.to_json() if self.report else None
        if rep:
            for f in rep["files"]:
                f["uploaded_as"] = self.shown_name(f["path"])
                f.pop("path", None)
        return {
            "id": self.id,
            "case": self.case,
            "state": self.state,
            "percent": self.percent,
            "label": self.label,
            "files": [{"name": u.shown, "size": u.size} for u in self.uploads],
            "report": rep,
            "analysed_messages": self.analysed,
            "error": self.error,
        }


class Jobs:
    def __init__(self, locks: CaseLocks, keep: int = 50) -> None:
        self.locks = locks
        self.keep = keep
        self._jobs: dict[str, Job] = {}
        self._guard = threading.Lock()

    def start(
        self,
        case: str,
        uploads: list[Upload],
        workdir: Path,
        *,
        salvage: bool,
        reader: Reader | None = None,
    ) -> Job:
        job = Job(secrets.token_hex(8), case, uploads, salvage, reader)
        with self._guard:
            self._jobs[job.id] = job
            if len(self._jobs) > self.keep:  # forget the oldest finished jobs
                for jid in [j.id for j in self._jobs.values() if j.finished][
                    : len(self._jobs) - self.keep
                ]:
                    del self._jobs[jid]
        t = threading.Thread(target=self._run, args=(job, workdir), daemon=True,
                             name=f"dunguard-import-{job.id}")  # fmt: skip
        t.start()
        return job

    def get(self, case: str, job_id: str) -> Job | None:
        with self._guard:
            job = self._jobs.get(job_id)
        return job if job is not None and job.case == case else None

    def _run(self, job: Job, workdir: Path) -> None:
        def progress(done: int, total: int, what: str) -> None:
            job.done, job.total, job.label = done, total, what

        try:
            with self.locks(job.case):
                job.state = "running"
                with open_or_404(job.case) as c:
                    job.report = c.import_files([u.path for u in job.uploads], salvage=job.salvage,
                                                progress=progress, reader=job.reader,
                                                names={str(u.path): u.shown for u in job.uploads})  # fmt: skip
                    job.state = "analysing"
                    job.analysed = _store_analysis(c)
            job.state = "done"
        except DunguardError as e:
            msg = str(e)
            for u in job.uploads:  # name the file as the user knows it, not where it was saved
                msg = msg.replace(str(u.path), f"“{u.shown}”")
            job.error = msg
            job.state = "failed"
        except Exception as e:  # noqa: BLE001 - shown as one plain sentence, never a traceback
            job.error = f"导入时出了意外的错误（{type(e).__name__}），案件没有被改动。"
            job.state = "failed"
        finally:
            job.finished = time.time()
            shutil.rmtree(workdir, ignore_errors=True)


def _store_analysis(case: Any) -> int:
    """Analyse every message and store the run in the case, as ``analyze --case`` does."""
    from dunguard.text.engine import Engine

    _, analyses = case.analyze_messages()
    if analyses:
        case.store_analysis(analyses.values(), Engine.default().pack.sha256)
    return len(analyses)
