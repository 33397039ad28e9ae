"""Import: upload one or several phone exports; the import runs in the background and its
page shows progress, then how many messages and calls came in, duplicates and problems.

An upload is saved under a name the server makes. Of the browser's file name only two
things are kept in it: a known extension, and the date and time a phone wrote into the name
(``Screenshot_20240305-142233.png`` is saved as ``upload-1-taken-20240305-142233.png``), so
that the screenshot reader, which reads "昨天 14:47" relative to the day a picture was taken,
finds that day as it would in the original name. The optional date field says that day for
every screenshot of the upload, as ``dunguard import --date`` does.
"""

from __future__ import annotations

import re
import secrets
import shutil
from datetime import date
from pathlib import Path

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from dunguard.errors import InputError
from dunguard.ingest import detect, readers
from dunguard.web.forms import MAX_FIELDS, case_url, see_other
from dunguard.web.jobs import Upload
from dunguard.web.state import NotFound, open_or_404

router = APIRouter()

# Only an extension from this list is kept from the browser's file name; the rest of the
# name is never used. Readers decide by content; the extension is only a tie-breaker.
KNOWN_EXT = frozenset({".xml", ".db", ".sqlite", ".zip", ".csv", ".jsonl", ".json", ".txt", ".tsv",
                       ".png", ".jpg", ".jpeg", ".webp", ".heic", ".heif"})  # fmt: skip
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


def upload_name(i: int, filename: str | None) -> str:
    """The name the ``i``-th upload is saved under: made here from a number, the date a phone
    wrote into the browser's name (read, then written anew) and a known extension."""
    from dunguard.ingest.screenshot.picture import time_from_name

    taken = time_from_name(shown_name(filename))
    when = f"-taken-{taken:%Y%m%d-%H%M%S}" if taken is not None else ""
    return f"upload-{i}{when}{safe_ext(filename or '')}"


def shot_day(value: str) -> date | None:
    """The date field (``2024-03-08``; empty: none), as ``import --date`` reads it."""
    from dunguard.ingest.screenshot.picture import parse_user_date

    if not value:
        return None
    try:
        return parse_user_date(value)
    except ValueError:
        raise InputError(
            f"截图日期“{value[:40]}”看不懂，请写成 2024-03-08 这样的日期，或者不填。"
        ) from None


def _not_screenshots(uploads: list[Upload]) -> list[str]:
    from dunguard.ingest.screenshot import ScreenshotReader, ScreenshotZipReader

    out = []
    for u in uploads:
        try:
            kind = detect(u.path).name
        except InputError:
            kind = ""
        if kind not in (ScreenshotReader.name, ScreenshotZipReader.name):
            out.append(u.shown)
    return out


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
    raw_day = form.get("date")
    day = shot_day(raw_day.strip() if isinstance(raw_day, str) else "")
    job_dir = settings.work_dir("uploads", secrets.token_hex(8))
    uploads: list[Upload] = []
    try:
        for i, up in enumerate(files, 1):
            dest = job_dir / upload_name(i, up.filename)
            size = await run_in_threadpool(_save, up, dest)
            uploads.append(Upload(shown_name(up.filename), dest, size))
        if day is not None and (others := await run_in_threadpool(_not_screenshots, uploads)):
            raise InputError(
                f"截图日期只用于截图，而“{others[0]}”不是截图：请把截图和其他备份文件分开上传，"
                "或者不填截图日期。"
            )
    except BaseException:
        shutil.rmtree(job_dir, ignore_errors=True)
        raise
    finally:
        await form.close()
    reader = None
    if day is not None:
        from dunguard.ingest.screenshot import ScreenshotReader

        reader = ScreenshotReader(day=day)  # every file, as import --date does
    job = state.jobs.start(
        case_name, uploads, job_dir, salvage=form.get("salvage") == "1", reader=reader
    )
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
            "找不到这次导入：服务重新启动后，之前的导入进度不再保留。已经完成的导入都在案件里；"
            "如果导入到一半时服务停了，那次导入不会写进案件（案件保持原样），请重新上传。"
        )
    data = {"case": case_name, "nav": "import", "job": job.to_json(), "counts": counts}
    return page(request, "import_job.html.j2", data, view={"running": not job.finished})
