"""Import: upload one or several phone exports; the import runs in the background and its
page shows progress, then how many messages and calls came in, duplicates and problems."""

from __future__ import annotations

import re
import secrets
import shutil
from datetime import datetime
from pathlib import Path

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from dunguard.errors import InputError
from dunguard.ingest import readers
from dunguard.web.forms import MAX_FIELDS, case_url, see_other
from dunguard.web.jobs import Upload
from dunguard.web.state import NotFound, open_or_404

router = APIRouter()

# Only an extension from this list is kept from the browser's file name; the rest of the
# name is never used. Readers decide by content; the extension is only a tie-breaker.
KNOWN_EXT = frozenset({".xml", ".db", ".sqlite", ".zip", ".csv", ".jsonl", ".json", ".txt", ".tsv"})
_EXT = re.compile(r"\.[A-Za-z0-9]{1,8}$")
CHUNK = 1024 * 1024


def safe_ext(filename: str) -> str:
    m = _EXT.search(filename or "")
    ext = m.group(0).lower() if m else ""
    return ext if ext in KNOWN_EXT else ".bin"


def shown_name(filename: str | None) -> str:
    """The browser's name for display: last path part, at most 120 characters."""
    name = re.split(r"[\\/]", filename or "")[-1].strip() or "（未命名文件）"
    return name[:120]


def _formats() -> list[str]:
    return [r.label for r in readers()]


@router.get("/cases/{name}/import")
def import_page(request: Request, name: str) -> Response:
    from dunguard.web.render import page

    with open_or_404(name) as c:
        counts = c.counts()
        sources = [{"name": s["name"], "format": s["format"], "size": s["size"],
                    "imported_at": s["imported_at"]} for s in c.sources()]  # fmt: skip
    settings = request.app.state.settings
    return page(request, "import.html.j2", {
        "case": c.name, "nav": "import", "counts": counts, "sources": sources,
        "formats": _formats(), "max_files": settings.max_files,
        "max_upload_mb": settings.max_upload_mb,
    })  # fmt: skip


def _save(up: UploadFile, dest: Path) -> int:
    size = 0
    with open(dest, "xb") as out:
        while chunk := up.file.read(CHUNK):
            out.write(chunk)
            size += len(chunk)
    return size


@router.post("/cases/{name}/import")
async def upload(request: Request, name: str) -> Response:
    state = request.app.state
    settings = state.settings
    with open_or_404(name) as c:
        case_name = c.name
    try:
        form = await request.form(max_files=settings.max_files, max_fields=MAX_FIELDS)
    except HTTPException:
        raise InputError(f"一次最多上传 {settings.max_files} 个文件，请分几次上传。") from None
    state.csrf.check(request, form)
    files = [v for v in form.getlist("files") if isinstance(v, UploadFile) and v.filename]
    if not files:
        raise InputError("没有收到文件。请先选择手机导出的备份文件，再点“开始导入”。")
    job_dir = settings.work_dir("uploads", secrets.token_hex(8))
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    uploads: list[Upload] = []
    try:
        for i, up in enumerate(files, 1):
            dest = job_dir / f"web-upload-{stamp}-{i}{safe_ext(up.filename or '')}"
            size = await run_in_threadpool(_save, up, dest)
            uploads.append(Upload(shown_name(up.filename), dest, size))
    except BaseException:
        shutil.rmtree(job_dir, ignore_errors=True)
        raise
    finally:
        await form.close()
    job = state.jobs.start(case_name, uploads, job_dir, salvage=form.get("salvage") == "1")
    return see_other(case_url(case_name, "import", job.id))


@router.get("/cases/{name}/import/{job_id}")
def job_page(request: Request, name: str, job_id: str) -> Response:
    from dunguard.web.render import page

    with open_or_404(name) as c:
        case_name = c.name
        counts = c.counts()
    job = request.app.state.jobs.get(case_name, job_id)
    if job is None:
        raise NotFound(
            "找不到这次导入（服务重新启动后，之前的导入进度不再保留；导入的内容仍在案件里）。"
        )
    data = {"case": case_name, "nav": "import", "job": job.to_json(), "counts": counts}
    return page(request, "import_job.html.j2", data, view={"running": not job.finished})
