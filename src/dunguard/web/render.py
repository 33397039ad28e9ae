"""Pages out: one Jinja2 environment, and the datasette rule that every page's data can also
be had as JSON (``?format=json``).

Templates autoescape, and every printed value first passes :func:`inert`, so message text
cannot carry markup or bidi controls into a page.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from dunguard.documents.safety import inert
from dunguard.money.amounts import pct, yuan
from dunguard.web.forms import case_url
from dunguard.web.security import CSRF_FIELD, set_csrf_cookie

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
# The pages of a case, in the order of the menu: (path under /cases/NAME/, title, key).
NAV = (
    ("", "概况", "overview"),
    ("timeline", "时间线", "timeline"),
    ("patterns", "规律", "patterns"),
    ("debts", "债务和计划", "debts"),
    ("rights", "你的权利", "rights"),
    ("documents", "文书和证据", "documents"),
    ("import", "导入", "import"),
)


def _finalize(v: Any) -> Any:
    if v is None:
        return ""
    return v if isinstance(v, Markup) else inert(v)


def _when(v: Any) -> str:
    """ISO time or datetime → ``2026-01-14 22:47`` (already Asia/Shanghai)."""
    if v is None or v == "":
        return "时间不明"
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M")
    return str(v)[:16].replace("T", " ")


def _rate(v: Any) -> str:
    if v is None:
        return "—"
    return pct(v if isinstance(v, Decimal) else Decimal(repr(v)))


def _money(v: Any) -> str:
    return "—" if v is None else yuan(v if isinstance(v, Decimal) else Decimal(str(v)))


def make_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(when=_when, rate=_rate, money=_money, inert=inert, size=_size,
                       q=lambda v: quote(str(v), safe=""))  # fmt: skip
    env.globals.update(NAV=NAV, case_url=case_url)
    return env


def _size(n: Any) -> str:
    n = int(n or 0)
    if n < 1024:
        return f"{n} 字节"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def to_jsonable(v: Any) -> Any:
    """Plain JSON values from what the pages hold (Decimal as text, dates as ISO)."""
    if v is None or isinstance(v, bool | int | float | str):
        return v
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, Enum):
        return v.value
    if isinstance(v, Markup):
        return str(v)
    if isinstance(v, dict):
        return {str(k): to_jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple | set | frozenset):
        return [to_jsonable(x) for x in v]
    if hasattr(v, "to_json"):
        return to_jsonable(v.to_json())
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.name: to_jsonable(getattr(v, f.name)) for f in dataclasses.fields(v)}
    return str(v)


def wants_json(request: Request) -> bool:
    return request.query_params.get("format") == "json"


def csrf_token(request: Request) -> str:
    csrf = request.app.state.csrf
    cookie, _ = csrf.cookie_of(request)
    return csrf.token_for(cookie)


def page(
    request: Request,
    template: str,
    data: dict[str, Any],
    *,
    status: int = 200,
    view: dict[str, Any] | None = None,
) -> Response:
    """The page's data as JSON when asked, else the page rendered from the data and ``view``
    (objects only the template needs: chart markup, highlighted segments)."""
    if wants_json(request):
        body = json.dumps(to_jsonable(data), ensure_ascii=False, indent=1)
        return Response(body, status_code=status, media_type="application/json")
    env: Environment = request.app.state.env
    ctx = {
        **data,
        **(view or {}),
        "request": request,
        "csrf_field": CSRF_FIELD,
        "csrf": csrf_token(request),
        "json_url": _json_url(request),
    }
    ctx.setdefault("case", None)
    ctx.setdefault("nav", None)
    html = env.get_template(template).render(**ctx)
    resp = HTMLResponse(html, status_code=status)
    set_csrf_cookie(resp, request)
    return resp


def _json_url(request: Request) -> str:
    q = dict(request.query_params)
    q["format"] = "json"
    from urllib.parse import urlencode

    return request.url.path + "?" + urlencode(q)
