"""Timeline: messages and calls in order, filtered by lender, stage, tactic, date and number;
each message with the words that triggered a finding highlighted. A message's own page
explains every finding: the rule, why it matters, and the full text of each provision.

A message read from a screenshot with characters the OCR was unsure of (shown in ［ ］) has
its bubble cut out of the stored screenshot beside its text, so the user can check them by
eye: ``/cases/<name>/messages/<id>/bubble.png``, a PNG made on request from the vault's blob
and the bubble's box (an ``<img>`` from this server, as the page's CSP allows).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from dunguard.documents.safety import segments
from dunguard.errors import InputError
from dunguard.law import load as load_law
from dunguard.text.labels import CATEGORY_ZH, SEVERITY_ZH, STAGE_ZH, TACTIC_ZH, label_zh
from dunguard.timeline import normalize_number
from dunguard.web.forms import case_url
from dunguard.web.render import page
from dunguard.web.routes.overview import law_refs
from dunguard.web.state import CaseData, NotFound, open_or_404

router = APIRouter()
PAGE_SIZE = 200
CALL_ZH = {"incoming": "来电（接通）", "outgoing": "去电", "missed": "未接来电", "rejected": "拒接",
           "blocked": "已拦截", "voicemail": "语音信箱", "other": "通话"}  # fmt: skip
SIGNALS = frozenset({"collection", "scam", "other"})


def _finding(f: Any, i: int) -> dict[str, Any]:
    return {"n": i, "rule": f.rule, "label": f.label, "label_zh": label_zh(f.label),
            "quote": f.quote, "span": list(f.span), "severity": f.severity.value,
            "severity_zh": SEVERITY_ZH.get(f.severity.value, f.severity.value),
            "explanation": f.explanation, "law": law_refs(f.law)}  # fmt: skip


def _message_row(data: CaseData, m: Any) -> dict[str, Any]:
    a = data.analyses[m.id]
    return {
        "kind": "message", "id": m.id,
        "time": m.time.as_shanghai().isoformat(timespec="seconds") if m.time else None,
        "number": m.sender or m.counterparty or "", "direction": m.direction.value if m.direction else None,
        "lender": data.lender_of.get(m.id), "category": a.category.value,
        "category_zh": CATEGORY_ZH.get(a.category.value, a.category.value),
        "stage": a.stage.value if a.stage else None,
        "stage_zh": STAGE_ZH.get(a.stage.value) if a.stage else None,
        "tactics": [t.value for t in a.tactics],
        "tactics_zh": [TACTIC_ZH.get(t.value, t.value) for t in a.tactics],
        "text": m.text,
        "findings": [_finding(f, i) for i, f in enumerate(a.findings) if f.label not in SIGNALS],
    }  # fmt: skip


def _call_row(data: CaseData, c: Any) -> dict[str, Any]:
    return {
        "kind": "call", "id": c.id, "time": c.time.as_shanghai().isoformat(timespec="seconds"),
        "number": c.counterparty, "lender": data.lender_of.get(c.id), "call_kind": c.kind,
        "call_zh": CALL_ZH.get(c.kind, c.kind), "duration_s": c.duration_s,
        "stage": None, "tactics": [], "findings": [],
    }  # fmt: skip


def _day(value: str, what: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{what}“{value}”不是日期，请写成 2026-01-15。") from None


def rows(data: CaseData, q: dict[str, str]) -> list[dict[str, Any]]:
    """Every message and call, oldest first, that passes the filters in ``q``."""
    lender, stage, tactic = q.get("lender", ""), q.get("stage", ""), q.get("tactic", "")
    kind = q.get("kind", "")
    number = normalize_number(q.get("number", "")) if q.get("number") else ""
    start, end = _day(q.get("from", ""), "开始日期"), _day(q.get("to", ""), "结束日期")
    out = []
    items = [] if kind == "call" else [_message_row(data, m) for m in data.messages]
    items += (
        [] if kind == "message" or stage or tactic else [_call_row(data, c) for c in data.calls]
    )
    for r in items:
        if lender and r["lender"] != lender:
            continue
        if stage and r["stage"] != stage:
            continue
        if tactic and tactic not in r["tactics"]:
            continue
        if number and number not in normalize_number(r["number"]):
            continue
        day = date.fromisoformat(r["time"][:10]) if r["time"] else None
        if (start or end) and day is None:
            continue
        if start and day < start or end and day > end:  # type: ignore[operator]
            continue
        out.append(r)
    out.sort(key=lambda r: (r["time"] is not None, r["time"] or ""))
    return out


@router.get("/cases/{name}/timeline")
def timeline(request: Request, name: str) -> Response:
    with open_or_404(name) as c:
        data = request.app.state.cache.get(c)
    keys = ("lender", "stage", "tactic", "kind", "number", "from", "to")
    q = {k: request.query_params.get(k, "").strip() for k in keys}
    found = rows(data, q)
    try:
        pno = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        pno = 1
    pages = max(1, -(-len(found) // PAGE_SIZE))
    pno = min(pno, pages)
    shown = found[(pno - 1) * PAGE_SIZE : pno * PAGE_SIZE]
    marks = {
        r["id"]: segments(r["text"], [(f["span"][0], f["span"][1], f["label"]) for f in r["findings"]])
        for r in shown if r["kind"] == "message"
    }  # fmt: skip
    lenders = [ls.lender for ls in data.summary.lenders]
    return page(request, "timeline.html.j2", {
        "case": data.name, "nav": "timeline", "filters": q, "total": len(found),
        "page": pno, "pages": pages, "rows": shown,
        "choices": {"lender": lenders, "stage": STAGE_ZH, "tactic": TACTIC_ZH},
    }, view={"marks": marks})  # fmt: skip


@router.get("/cases/{name}/messages/{rid}")
def message(request: Request, name: str, rid: str) -> Response:
    with open_or_404(name) as c:
        data = request.app.state.cache.get(c)
    m = data.message(rid)
    if m is None:
        raise NotFound("案件里没有这条短信。")
    row = _message_row(data, m)
    base = load_law()
    provisions = {}
    for f in row["findings"]:
        for ref in f["law"]:
            p = base.get(ref["id"])
            provisions[p.id] = provision_json(p)
    marks = segments(m.text, [(f["span"][0], f["span"][1], f["label"]) for f in row["findings"]])
    return page(request, "message.html.j2", {
        "case": data.name, "nav": "timeline", "message": row, "provisions": provisions,
        "shot": _shot(data.name, m),
    }, view={"marks": marks})  # fmt: skip


def _uncertain_shot(m: Any) -> bool:
    """Read from a screenshot, with characters marked for checking, and locatable in it."""
    a = m.attrs or {}
    return bool(
        a.get("source") == "screenshot"
        and a.get("low_confidence")
        and a.get("image_sha256")
        and m.locator is not None
        and m.locator.kind == "image"
        and m.locator.source_sha256
    )


def _shot(case: str, m: Any) -> dict[str, Any] | None:
    if not _uncertain_shot(m):
        return None
    from dunguard.ingest.screenshot.crop import parse_locator

    try:
        parse_locator(m.locator.value)
    except ValueError:
        return None
    return {
        "src": case_url(case, "messages", m.id, "bubble.png"),
        "marked_text": m.attrs.get("marked_text") or m.text,
        "image": m.attrs.get("image") or "",
        "confidence": m.attrs.get("ocr_confidence"),
    }  # fmt: skip


@router.get("/cases/{name}/messages/{rid}/bubble.png")
async def bubble(request: Request, name: str, rid: str) -> Response:
    from dunguard.ingest.screenshot.crop import bubble_png

    with open_or_404(name) as c:
        data = request.app.state.cache.get(c)
        m = data.message(rid)
        if m is None or not _uncertain_shot(m):
            raise NotFound("这条消息没有需要对照的截图。")
        original = c.blob_path(m.locator.source_sha256)
    png = await run_in_threadpool(bubble_png, original, m.locator.value, m.attrs["image_sha256"])
    return Response(png, media_type="image/png")


def provision_json(p: Any) -> dict[str, Any]:
    return {
        "id": p.id, "label": p.label(), "instrument": p.instrument, "article": p.article,
        "heading": p.text_heading, "paragraphs": list(p.paragraphs),
        "bindingness": p.bindingness.value, "bindingness_zh": p.bindingness_name,
        "kind_text": p.kind_text, "binding_law": p.binding_law, "confidence": p.confidence.value,
        "verbatim": p.verbatim, "version": p.version, "source": p.source,
        "in_force_from": p.in_force_from, "in_force_to": p.in_force_to, "note": p.note,
    }  # fmt: skip
