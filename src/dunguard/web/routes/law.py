"""A provision of the law base: its full text, what kind of rule it is, how sure the text is."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from dunguard.law import load as load_law
from dunguard.law.guidance import CONFIDENCE_ZH
from dunguard.law.provision import Confidence
from dunguard.web.render import page
from dunguard.web.routes.timeline import provision_json
from dunguard.web.state import NotFound

router = APIRouter()


@router.get("/provisions/{pid:path}")
def provision(request: Request, pid: str) -> Response:
    base = load_law()
    if pid not in base:
        raise NotFound("本工具收录的条文里没有这一条。")
    p = base.get(pid)
    data = provision_json(p)
    data["confidence_zh"] = CONFIDENCE_ZH[Confidence(p.confidence)]
    succ = base.successor(pid)
    data["successor"] = {"id": succ.id, "label": succ.label()} if succ else None
    case = request.query_params.get("case") or None
    return page(request, "provision.html.j2", {"provision": data, "back_case": case})
