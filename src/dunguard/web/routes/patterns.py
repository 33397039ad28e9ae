"""Patterns: the report's charts (contacts per day, the hour-of-week heat map with the night
band, the escalation path, true cost against the line, the plan) and the numbers behind them."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from dunguard.documents.report import chart_set
from dunguard.web.render import page
from dunguard.web.state import open_or_404

router = APIRouter()

TITLES = {
    "per_day": "每天联系次数",
    "heatmap": "一周里的联系时间（深色为 22:00–08:00 夜间）",
    "escalation": "升级路径：提醒 → 警告 → 法律 / 上门",
    "cost": "真实年化和法律界线",
    "plan": "还款计划：欠款余额的变化",
}


@router.get("/cases/{name}/patterns")
def patterns(request: Request, name: str) -> Response:
    with open_or_404(name) as c:
        data = request.app.state.cache.get(c)
    doc = data.doc
    charts = chart_set(doc, doc.finances)
    stats = [ls.stats.to_json() for ls in doc.lenders if ls.stats is not None]
    numbers = [n.to_json() for n in data.summary.numbers]
    return page(request, "patterns.html.j2", {
        "case": data.name, "nav": "patterns", "lenders": stats, "numbers": numbers,
        "charts": [{"key": k, "title": TITLES.get(k, k)} for k in charts],
    }, view={"svg": charts})  # fmt: skip
