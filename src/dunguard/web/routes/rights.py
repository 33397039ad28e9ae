"""Rights: what collectors may and may not do in this case (visits, calls, family, credit
record, court), what can realistically happen with each debt, and where to complain — the
same guidance the report gives, chosen for the stages and tactics this case shows."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from dunguard.documents.context import KIND_ZH
from dunguard.law.guidance import ANALYSIS_NOTE
from dunguard.web.render import page
from dunguard.web.routes.overview import law_refs
from dunguard.web.state import open_or_404

router = APIRouter()


def statement(s: Any) -> dict[str, Any]:
    return {**s.to_json(), "law": law_refs(s.law)}


@router.get("/cases/{name}/rights")
def rights(request: Request, name: str) -> Response:
    with open_or_404(name) as c:
        data = request.app.state.cache.get(c)
    advice = data.advice
    topics = [{"key": t.key, "title": t.title, "intro": t.intro,
               "sections": [{"heading": sec.heading, "statements": [statement(s) for s in sec.statements]}
                            for sec in t.sections]} for t in advice.rights]  # fmt: skip
    lenders = []
    for la in advice.lenders:
        ol = la.outlook
        lenders.append({
            "lender": la.lender.lender, "kind_zh": KIND_ZH.get(la.lender.kind or "", "类型不详"),
            "due_date": la.due_date,
            "channels": [{"name": ch.name, "how": ch.how, "law": law_refs(ch.law)} for ch in la.channels],
            "outlook": None if ol is None else {
                "amount": str(ol.debt.amount), "overdue_days": ol.overdue_days,
                "sections": [{"title": s.title, "statements": [statement(x) for x in s.statements]}
                             for s in ol.sections],
            },
        })  # fmt: skip
    return page(request, "rights.html.j2", {
        "case": data.name, "nav": "rights", "as_of": data.as_of, "topics": topics,
        "lenders": lenders, "problems": advice.problems, "analysis_note": ANALYSIS_NOTE,
    })  # fmt: skip
