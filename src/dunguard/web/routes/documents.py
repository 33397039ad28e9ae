"""Documents: generate and download the report (HTML, PDF), each letter (DOCX, PDF) and the
evidence bundle; check the case or a bundle for changes and show the result.

Files are written to the case's own output folder under fixed names; a download names one
of those fixed names, so no path ever comes from the browser.
"""

from __future__ import annotations

import secrets
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from dunguard.case import verify_bundle
from dunguard.documents.letters import KINDS, Person
from dunguard.errors import InputError, UsageError
from dunguard.web.forms import MAX_FIELDS, case_url, checked_form, field, see_other
from dunguard.web.render import page
from dunguard.web.security import REPORT_CSP
from dunguard.web.state import NotFound, open_or_404

router = APIRouter()

BUNDLE = "evidence-bundle.zip"
MEDIA = {
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain; charset=utf-8",
    ".zip": "application/zip",
}


VIEWABLE = ("brief.html", "report.html")  # self-contained pages shown in the browser


def known_files() -> list[str]:
    """Every file name this page can write, in the order it lists them."""
    out = ["brief.html", "brief.pdf", "report.html", "report.pdf"]
    for k in KINDS:
        out += [f"{k}.docx", f"{k}.pdf", f"{k}.txt"]
    return [*out, BUNDLE]


def out_dir(request: Request, case_name: str) -> Path:
    return request.app.state.settings.work_dir("output", case_name)


def _files(folder: Path) -> list[dict[str, Any]]:
    out = []
    for n in known_files():
        p = folder / n
        if p.is_file():
            st = p.stat()
            out.append({"name": n, "size": st.st_size,
                        "time": datetime.fromtimestamp(st.st_mtime).strftime("%Y-%m-%d %H:%M")})  # fmt: skip
    return out


def _verify_json(r: Any) -> dict[str, Any]:
    return {**r.to_json(), "ok": r.ok}


def _page(
    request: Request, name: str, extra: dict[str, Any] | None = None, status: int = 200
) -> Response:
    with open_or_404(name) as c:
        data = request.app.state.cache.get(c)
        head = c.tree_head()
    lenders = [ls.lender for ls in data.summary.lenders]
    folder = out_dir(request, data.name)
    return page(request, "documents.html.j2", {
        "case": data.name, "nav": "documents", "files": _files(folder), "tree_head": head,
        "kinds": [{"key": k.key, "title": k.title, "to": k.to} for k in KINDS.values()],
        "lenders": lenders, "done": request.query_params.get("done"), **(extra or {}),
    }, status=status)  # fmt: skip


@router.get("/cases/{name}/documents")
def documents(request: Request, name: str) -> Response:
    return _page(request, name)


@router.post("/cases/{name}/documents/report")
async def make_report(request: Request, name: str) -> Response:
    form = await checked_form(request)
    pdf = field(form, "pdf") == "1"

    def run() -> str:
        from dunguard.documents.report import write_report

        with request.app.state.locks(name), open_or_404(name) as c:  # one writer of the folder
            write_report(c, out_dir(request, c.name), pdf=pdf)
            return c.name

    made = await run_in_threadpool(run)
    return see_other(case_url(made, "documents") + "?done=report")


@router.post("/cases/{name}/documents/letters")
async def make_letters(request: Request, name: str) -> Response:
    form = await checked_form(request)
    kind = field(form, "kind")
    kinds = list(KINDS) if kind == "all" else [kind]
    if any(k not in KINDS for k in kinds):
        raise UsageError("请选择要生成的文书类型。")
    person = Person(field(form, "person_name"), field(form, "phone"), field(form, "address"))
    lender = field(form, "lender") or None
    pdf = field(form, "pdf") == "1"

    def run() -> str:
        from dunguard.documents.context import build
        from dunguard.documents.finances import build_finances
        from dunguard.documents.letters import write_letter
        from dunguard.documents.report import add_provisions

        with request.app.state.locks(name), open_or_404(name) as c:
            doc = build(c)
            doc.finances = build_finances(c, as_of=doc.as_of)
            if doc.finances is not None:
                add_provisions(doc, doc.finances.law_ids())
            for k in kinds:
                write_letter(c, k, out_dir(request, c.name), person=person, lender=lender,
                             pdf=pdf, doc=doc)  # fmt: skip
            return c.name

    made = await run_in_threadpool(run)
    return see_other(case_url(made, "documents") + "?done=letters")


@router.post("/cases/{name}/documents/bundle")
async def make_bundle(request: Request, name: str) -> Response:
    await checked_form(request)

    def run() -> str:
        with request.app.state.locks(name), open_or_404(name) as c:
            dest = out_dir(request, c.name) / BUNDLE
            dest.unlink(missing_ok=True)  # our own earlier bundle: the new one replaces it
            c.export_bundle(dest)
            return c.name

    made = await run_in_threadpool(run)
    return see_other(case_url(made, "documents") + "?done=bundle")


@router.post("/cases/{name}/documents/verify")
async def verify_case(request: Request, name: str) -> Response:
    form = await checked_form(request)
    what = field(form, "what")

    def run() -> dict[str, Any]:
        with open_or_404(name) as c:
            if what == "bundle":
                path = out_dir(request, c.name) / BUNDLE
                if not path.is_file():
                    raise InputError("还没有导出证据包。请先点“导出证据包”。")
                return _verify_json(verify_bundle(path, case=c))
            return _verify_json(c.verify())

    result = await run_in_threadpool(run)
    return _page(request, name, {"verify": result}, status=200)


@router.post("/cases/{name}/documents/verify-upload")
async def verify_upload(request: Request, name: str) -> Response:
    try:
        form = await request.form(max_files=1, max_fields=MAX_FIELDS)
    except HTTPException:
        raise InputError("一次只能检查一个证据包。") from None
    request.app.state.csrf.check(request, form)
    up = form.get("bundle")
    if not isinstance(up, UploadFile) or not up.filename:
        raise InputError("请先选择要检查的证据包（.zip 文件）。")
    folder = request.app.state.settings.work_dir("uploads", secrets.token_hex(8))
    dest = folder / "bundle-to-check.zip"

    def run() -> dict[str, Any]:
        with open(dest, "xb") as out:
            shutil.copyfileobj(up.file, out, 1024 * 1024)
        with open_or_404(name) as c:
            r = verify_bundle(dest, case=c)
        out_json = _verify_json(r)
        out_json["target"] = up.filename or "证据包"
        return out_json

    try:
        result = await run_in_threadpool(run)
    finally:
        await form.close()
        shutil.rmtree(folder, ignore_errors=True)
    return _page(request, name, {"verify": result})


@router.get("/cases/{name}/documents/files/{filename}")
def download(request: Request, name: str, filename: str) -> Response:
    if filename not in known_files():
        raise NotFound("没有这个文件。")
    with open_or_404(name) as c:
        path = out_dir(request, c.name) / filename
    if not path.is_file():
        raise NotFound("这个文件还没有生成。请在“文书和证据”页面先生成它。")
    media = MEDIA[Path(filename).suffix]
    if filename in VIEWABLE and request.query_params.get("view") == "1":
        return FileResponse(path, media_type=media, headers={"Content-Security-Policy": REPORT_CSP})
    return FileResponse(path, media_type=media, filename=filename)
