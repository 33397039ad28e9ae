"""The app factory: settings, routes, error pages and the security wrapper.

    from dunguard.web import Settings, create_app
    app = create_app(Settings())          # an ASGI app for uvicorn or a test client

Domain errors become plain Chinese sentences with an HTTP status here and nowhere else;
nothing the user sees is ever a traceback.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from dunguard.errors import CaseError, DunguardError, IntegrityError
from dunguard.web.jobs import Jobs
from dunguard.web.render import STATIC, make_env, page
from dunguard.web.security import TOO_BIG, Csrf, CsrfError, Guard, is_loopback, too_big_text
from dunguard.web.state import CaseCache, CaseLocks, NotFound

log = logging.getLogger("dunguard.web")

MB = 1024 * 1024


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None  # required (and made by ``serve``) for any non-loopback bind
    default_case: str | None = None
    max_upload_mb: int = 512  # per request, all files together
    max_files: int = 20  # per upload
    home: Path | None = None  # where uploads wait and documents are written (default: data home)
    debug: bool = False
    csrf_secret: bytes | None = field(default=None, repr=False)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def work_dir(self, *parts: str) -> Path:
        from dunguard.vault.location import data_home, make_private_dir

        d = (self.home or data_home() / "web").joinpath(*parts)
        make_private_dir(d)
        return d


_STATUS = {NotFound: 404, CsrfError: 403, IntegrityError: 409, CaseError: 409}
_HTTP_TEXT = {
    404: "找不到这个页面。请从首页重新进入。",
    405: "这个地址不接受这种请求。请从页面上的按钮或链接进入。",
    400: "提交的内容有误，或超出了数量限制。请检查后再试一次。",
}


def _status(e: DunguardError) -> int:
    for cls, code in _STATUS.items():
        if isinstance(e, cls):
            return code
    return 400


def error_page(request: Request, status: int, message: str, code: str = "error") -> Response:
    return page(request, "error.html.j2", {"error": code, "message": message, "status": status},
                status=status)  # fmt: skip


def create_app(settings: Settings | None = None) -> Guard:
    """The whole app, wrapped in its security guard."""
    settings = settings or Settings()
    if not settings.loopback and not settings.token:
        raise ValueError("a non-loopback bind needs an access token")
    api = FastAPI(title="dunguard", docs_url=None, redoc_url=None, openapi_url=None)
    api.state.settings = settings
    api.state.env = make_env()
    api.state.csrf = Csrf(settings.csrf_secret)
    api.state.cache = CaseCache()
    api.state.locks = CaseLocks()
    api.state.jobs = Jobs(api.state.locks)

    @api.exception_handler(DunguardError)
    async def _domain(request: Request, e: DunguardError) -> Response:
        return error_page(request, _status(e), str(e), e.code)

    @api.exception_handler(HTTPException)
    async def _http(request: Request, e: HTTPException) -> Response:
        if limit := request.scope.get(TOO_BIG):
            return error_page(request, 413, too_big_text(limit), "too_big")
        text = _HTTP_TEXT.get(e.status_code, "请求没有完成。请回到上一页再试一次。")
        return error_page(request, e.status_code, text, "http")

    @api.exception_handler(RequestValidationError)
    async def _invalid(request: Request, e: RequestValidationError) -> Response:
        return error_page(
            request, 400, "请求里的参数不对。请从页面上的按钮或链接进入。", "bad_request"
        )

    @api.exception_handler(ClientDisconnect)
    async def _gone(request: Request, e: ClientDisconnect) -> Response:
        if limit := request.scope.get(TOO_BIG):
            return error_page(request, 413, too_big_text(limit), "too_big")
        return Response(status_code=400)

    @api.middleware("http")
    async def _unexpected(request: Request, call_next: Any) -> Response:
        try:
            return await call_next(request)
        except Exception as e:  # noqa: BLE001 - the user gets a sentence, the log one line
            if limit := request.scope.get(TOO_BIG):
                return error_page(request, 413, too_big_text(limit), "too_big")
            if settings.debug:
                log.exception("unexpected error")
            else:
                print(
                    f"dunguard: 内部错误 {type(e).__name__}: {e}（加 --debug 查看详情）",
                    file=sys.stderr,
                )
            return error_page(request, 500, "出了意外的错误，这一步没有完成。你的案件没有被改动；"
                              "请回到上一页再试一次。", "internal")  # fmt: skip

    from dunguard.web.routes import (
        documents,
        imports,
        law,
        money,
        overview,
        patterns,
        rights,
        start,
        timeline,
    )

    for mod in (start, imports, overview, timeline, patterns, money, rights, law, documents):
        api.include_router(mod.router)
    api.mount("/static", StaticFiles(directory=STATIC), name="static")
    guard = Guard(api, token=settings.token, loopback=settings.loopback,
                  max_body=settings.max_upload_mb * MB)  # fmt: skip
    guard.api = api  # type: ignore[attr-defined]
    return guard


def app_state(request: Request) -> Any:
    return request.app.state
