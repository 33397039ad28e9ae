"""Overview: one card per lender (stage reached, last contact, findings, next steps), and the
two things the user can tell the case: a number belongs to a lender, a lender contacted
someone else."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from dunguard.documents.context import FINDING_KIND_ZH, KIND_ZH
from dunguard.errors import InputError
from dunguard.law import load as load_law
from dunguard.text.labels import STAGE_ZH, TACTIC_ZH
from dunguard.web.forms import case_url, checked_form, field, see_other
from dunguard.web.render import page
from dunguard.web.state import open_or_404

router = APIRouter()


def law_refs(ids: Any) -> list[dict[str, str]]:
    """Provision ids → what a link to each needs: id, label, kind of rule."""
    base = load_law()
    out = []
    for pid in dict.fromkeys(ids):
        if pid in base:
            p = base.get(pid)
            out.append({"id": pid, "label": p.label(), "bindingness": p.bindingness_name,
                        "kind_text": p.kind_text})  # fmt: skip
    return out


def lender_card(ls: Any) -> dict[str, Any]:
    return {
        **ls.to_json(),
        "kind_zh": KIND_ZH.get(ls.kind or "", "类型不详"),
        "stage_zh": STAGE_ZH.get(ls.stage.value) if ls.stage else None,
        "path_zh": [
            {"stage": STAGE_ZH[s.stage.value], "time": s.time, "message": s.message_id}
            for s in ls.path
        ],  # fmt: skip
        "tactics_zh": [
            {
                "tactic": t.tactic,
                "name": TACTIC_ZH.get(t.tactic, t.tactic),
                "count": len(t.messages),
                "quotes": t.quotes[:3],
                "first": t.messages[0],
                "law": law_refs(t.law),
            }
            for t in ls.tactics.values()
        ],  # fmt: skip
        "case_findings": [
            {
                "kind": f.kind,
                "name": FINDING_KIND_ZH.get(f.kind, f.kind),
                "text": f.text,
                "severity": f.severity.value,
                "law": law_refs(f.law),
            }
            for f in ls.findings
        ],  # fmt: skip
        "steps": [
            {
                "text": s.text,
                "urgent": s.urgent,
                "analysis": s.statement.analysis,
                "law": law_refs(s.law),
            }
            for s in ls.next_steps
        ],  # fmt: skip
    }


@router.get("/cases/{name}/")
def overview(request: Request, name: str) -> Response:
    with open_or_404(name) as c:
        data = request.app.state.cache.get(c)
    s = data.summary
    return page(request, "overview.html.j2", {
        "case": data.name, "nav": "overview", "counts": s.counts,
        "lenders": [lender_card(ls) for ls in s.lenders],
        "scam": s.scam, "reports": s.to_json()["reports"],
        "today": date.today().isoformat(),
    })  # fmt: skip


@router.get("/cases/{name}")
def overview_slash(name: str) -> Response:
    return see_other(case_url(name))


@router.post("/cases/{name}/tag")
async def tag(request: Request, name: str) -> Response:
    form = await checked_form(request)
    number, lender = field(form, "number"), field(form, "lender")

    def run() -> str:
        with request.app.state.locks(name), open_or_404(name) as c:
            c.tag_number(number, lender)
            return c.name

    made = await run_in_threadpool(run)
    return see_other(case_url(made) + "?done=tag")


@router.post("/cases/{name}/report-contact")
async def report_contact(request: Request, name: str) -> Response:
    form = await checked_form(request)
    try:
        day = date.fromisoformat(field(form, "date"))
    except ValueError:
        raise InputError("日期不对，请写成 2026-01-15 这样的格式。") from None
    if day > date.today():
        raise InputError(f"{day} 还没到，请写发生的日期。")

    def run() -> str:
        with request.app.state.locks(name), open_or_404(name) as c:
            c.report_third_party(day, field(form, "lender"), field(form, "who"),
                                 field(form, "how"), field(form, "note"))  # fmt: skip
            return c.name

    made = await run_in_threadpool(run)
    return see_other(case_url(made) + "?done=report")
