"""Start: create or open a case; what dunguard does and does not do; privacy."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from dunguard.case import create_case, list_cases
from dunguard.errors import CaseError
from dunguard.web.forms import case_url, checked_form, field, see_other
from dunguard.web.render import page

router = APIRouter()


@router.get("/")
def start(request: Request) -> Response:
    settings = request.app.state.settings
    cases = [c.to_json() for c in list_cases()]
    for c in cases:
        c.pop("path", None)  # where the data lives on disk is not the browser's business
        c["url"] = case_url(c["name"])
    return page(request, "start.html.j2", {"cases": cases, "default_case": settings.default_case})


@router.post("/cases")
async def new_case(request: Request) -> Response:
    form = await checked_form(request)
    name = field(form, "name")
    from starlette.concurrency import run_in_threadpool

    def make() -> str:
        with create_case(name) as c:
            return c.name

    try:
        made = await run_in_threadpool(make)
    except CaseError as e:
        cases = [c.to_json() for c in list_cases()]
        for c in cases:
            c.pop("path", None)
            c["url"] = case_url(c["name"])
        return page(request, "start.html.j2", {"cases": cases, "default_case": None,
                                               "form_error": e.message, "name": name},
                    status=400)  # fmt: skip
    return see_other(case_url(made, "import"))
