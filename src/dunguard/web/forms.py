"""Reading what a form posted: every post checked for its CSRF token first, values as text."""

from __future__ import annotations

from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse

MAX_FIELDS = 100


async def checked_form(request: Request) -> FormData:
    """The posted form (no files allowed), after its CSRF token has been checked."""
    form = await request.form(max_files=0, max_fields=MAX_FIELDS)
    request.app.state.csrf.check(request, form)
    return form


def field(form: FormData, key: str) -> str:
    v = form.get(key)
    return v.strip() if isinstance(v, str) else ""


def case_url(name: str, *parts: str) -> str:
    """``/cases/<name>/<parts…>`` with the case name escaped for a URL path."""
    tail = "/".join(quote(p, safe="") for p in parts)
    return f"/cases/{quote(name, safe='')}/" + tail


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
