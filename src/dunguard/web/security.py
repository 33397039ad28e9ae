"""What keeps the local web app to its owner: who may call it, what a page may load, and
which form posts are genuine.

* **Host check** (against DNS rebinding): on a loopback bind only ``127.0.0.1``, ``localhost``
  and ``[::1]`` are accepted as the ``Host`` of a request.
* **Access token**: any other bind needs the token printed at start-up. ``/?token=…`` sets it
  as an HttpOnly cookie; API clients may send ``Authorization: Bearer …``.
* **Body limit**: a request body larger than the upload limit is cut off with 413, counted as
  it streams (a false ``Content-Length`` does not help).
* **Headers**: a strict Content-Security-Policy (no script at all, styles only from this
  server), no framing, no referrer, no caching of private pages.
* **CSRF**: every form carries a token bound to a per-browser cookie by an HMAC with a secret
  made at start-up; a post without the matching pair is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode

from starlette.datastructures import FormData
from starlette.requests import Request

from dunguard.errors import DunguardError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSRF_COOKIE = "dunguard_csrf"
ACCESS_COOKIE = "dunguard_access"
CSRF_FIELD = "csrf"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# A generated report opened in the browser: its own inline style, never a script, no forms.
REPORT_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


class CsrfError(DunguardError):
    code = "csrf"


def is_loopback(host: str) -> bool:
    import ipaddress

    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(24)


TOO_BIG = "dunguard.too_big"  # set in the scope when the body limit cut a request off


def too_big_text(limit: int) -> str:
    return f"上传的内容太大了：一次最多 {limit // (1024 * 1024)} MB。可以分几次上传。"


def hostname(host_header: str) -> str:
    """``[::1]:8765`` → ``[::1]``, ``127.0.0.1:8765`` → ``127.0.0.1``."""
    if host_header.startswith("["):
        return host_header.split("]", 1)[0] + "]"
    return host_header.rsplit(":", 1)[0] if ":" in host_header else host_header


async def _send_plain(
    send: Send, status: int, text: str, extra: tuple[tuple[bytes, bytes], ...] = ()
) -> None:
    body = (
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>dunguard</title>'
        f"<p>{text}</p></html>"
    ).encode()
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"content-security-policy", CSP.encode()),
        *HEADERS,
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str:
    for k, v in scope.get("headers") or ():
        if k == name:
            return v.decode("latin-1")
    return ""


def _cookies(scope: Scope) -> dict[str, str]:
    jar = SimpleCookie()
    try:
        jar.load(_header(scope, b"cookie"))
    except Exception:  # noqa: BLE001 - a malformed cookie header counts as none
        return {}
    return {k: m.value for k, m in jar.items()}


class Guard:
    """ASGI middleware: host check, access token, body limit and security headers."""

    def __init__(self, app: ASGIApp, *, token: str | None, loopback: bool, max_body: int):
        self.app = app
        self.token = token
        self.loopback = loopback
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.loopback and hostname(_header(scope, b"host")) not in LOOPBACK_HOSTS:
            await _send_plain(
                send,
                421,
                "这个地址不能访问 dunguard。请在本机浏览器里打开 http://127.0.0.1 开头的地址。",
            )
            return
        if self.token is not None:
            granted = self._granted(scope)
            if (
                granted == "query"
            ):  # first visit with ?token=…: keep it as a cookie, drop it from the URL
                q = {
                    k: v
                    for k, v in parse_qs(scope.get("query_string", b"").decode()).items()
                    if k != "token"
                }
                where = scope["path"] + ("?" + urlencode(q, doseq=True) if q else "")
                cookie = f"{ACCESS_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
                await _send_plain(
                    send,
                    303,
                    "请稍候……",
                    ((b"location", where.encode()), (b"set-cookie", cookie.encode())),
                )
                return
            if not granted:
                await _send_plain(
                    send,
                    401,
                    "需要访问口令：请使用 dunguard serve 启动时显示的完整地址（含 token=…）。",
                )
                return
        length = _header(scope, b"content-length")
        if length.isdigit() and int(length) > self.max_body:
            await _send_plain(send, 413, too_big_text(self.max_body))
            return

        seen = 0
        too_big = False

        async def limited() -> Message:
            nonlocal seen, too_big
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_body:
                    too_big = True
                    scope[TOO_BIG] = self.max_body
                    return {"type": "http.disconnect"}
            return msg

        started = False

        async def with_headers(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in msg.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", CSP.encode()))
                if b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                msg["headers"] = [*msg.get("headers", []), *extra]
            await send(msg)

        try:
            await self.app(scope, limited, with_headers)
        except Exception:
            if too_big and not started:
                await _send_plain(send, 413, too_big_text(self.max_body))
                return
            raise
        if too_big and not started:
            await _send_plain(send, 413, too_big_text(self.max_body))

    def _granted(self, scope: Scope) -> str | bool:
        assert self.token is not None
        want = self.token.encode()
        auth = _header(scope, b"authorization")
        if auth.startswith("Bearer ") and hmac.compare_digest(auth[7:].strip().encode(), want):
            return True
        cookie = _cookies(scope).get(ACCESS_COOKIE, "")
        if cookie and hmac.compare_digest(cookie.encode(), want):
            return True
        q = parse_qs(scope.get("query_string", b"").decode()).get("token", [""])[0]
        if q and hmac.compare_digest(q.encode(), want):
            return "query"
        return False


# ---------------------------------------------------------------------- CSRF


class Csrf:
    """Form tokens bound to a per-browser cookie by an HMAC keyed with a start-up secret."""

    def __init__(self, secret: bytes | None = None) -> None:
        self.secret = secret or secrets.token_bytes(32)

    def token_for(self, cookie: str) -> str:
        return hmac.new(self.secret, cookie.encode(), hashlib.sha256).hexdigest()

    def cookie_of(self, request: Request) -> tuple[str, bool]:
        """The browser's CSRF cookie value, and whether it has to be set now."""
        have = request.cookies.get(CSRF_COOKIE, "")
        if 20 <= len(have) <= 100 and have.replace("-", "").replace("_", "").isalnum():
            return have, False
        made = getattr(request.state, "csrf_cookie", None)
        if made is None:
            made = new_token()
            request.state.csrf_cookie = made
        return made, True

    def check(self, request: Request, form: FormData) -> None:
        cookie = request.cookies.get(CSRF_COOKIE, "")
        sent = form.get(CSRF_FIELD)
        if (
            not cookie
            or not isinstance(sent, str)
            or not hmac.compare_digest(sent.encode(), self.token_for(cookie).encode())
        ):
            raise CsrfError(
                "这个表单已经过期或不是从 dunguard 的页面提交的。请回到上一页，刷新后再提交一次。"
            )
        origin = request.headers.get("origin")
        if origin and origin != "null":
            from urllib.parse import urlsplit

            if urlsplit(origin).netloc != request.headers.get("host", ""):
                raise CsrfError("这个请求来自别的网站，已拒绝。")


def set_csrf_cookie(response: Any, request: Request) -> None:
    made = getattr(request.state, "csrf_cookie", None)
    if made is not None:
        response.set_cookie(CSRF_COOKIE, made, httponly=True, samesite="strict", path="/")
