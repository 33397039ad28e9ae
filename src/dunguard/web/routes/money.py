"""Debts and plan: the case's debts with their true APR and what the law may not support,
forms to enter or correct a debt (pre-filled from what the messages say), and the repayment
plan with its strategies side by side."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from dunguard.cli.money import claim_text
from dunguard.errors import DunguardError, InputError
from dunguard.money import Budget, Debt, assess, make_plan
from dunguard.money.amounts import money
from dunguard.money.debt import KIND_ZH, METHOD_ZH, LenderKind, Method
from dunguard.money.legality import BASIS_ZH
from dunguard.money.negotiate import card_scenarios, offers
from dunguard.money.plan import STRATEGY_ZH
from dunguard.money.suggest import suggest
from dunguard.web.forms import case_url, checked_form, field, see_other
from dunguard.web.render import page
from dunguard.web.state import NotFound, open_or_404

router = APIRouter()

# (form field = Debt.create key, Chinese label, hint) — in the order the form shows them.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("lender", "出借方", "例如：某某消费金融"),
    ("contract_date", "合同日期（借款日）", "2024-03-15"),
    ("contract_amount", "合同金额（元）", "借条、合同上写的本金"),
    ("received_amount", "实际到手（元）", "不填就等于合同金额"),
    ("periods", "期数（月）", "例如 12"),
    ("rate", "年利率", "例如 18%"),
    ("fee_rate", "每期费率（月费率、分期手续费率）", "例如 0.6%"),
    ("daily_rate", "日利率", "例如 0.05%"),
    ("first_due", "首期还款日", "2024-04-15"),
    ("maturity", "到期日（到期一次还本付息）", "2025-03-15"),
    ("balance", "对方现在要求还的总额（元）", ""),
    ("overdue_days", "已逾期天数", ""),
    ("overdue_rate", "罚息年利率", "例如 27%"),
    ("penalty", "违约金（元）", ""),
    ("overdue_fees", "逾期后另收的费用（元）", "催收费、服务费等"),
    ("late_fee", "滞纳金（元）", ""),
)
LINES_HELP = {
    "payments": "已还款：每行一笔，写成 日期 金额，例如 2024-04-15 1000",
    "fees": "另收的费用：每行一项，写成 名称 金额，每期都收的在最后加“每期”，例如 担保费 120 每期",
}


def debt_view(d: Debt, on: date) -> dict[str, Any]:
    out: dict[str, Any] = {**d.to_json(), "title": d.title, "kind_zh": KIND_ZH[d.kind],
                           "method_zh": METHOD_ZH[d.method]}  # fmt: skip
    try:
        lg = assess(d, on)
    except DunguardError as e:
        out["error"] = e.message
        return out
    out["legality"] = lg.to_json(d.balance)
    out["claim"] = claim_text(d.balance, lg)
    out["conclusions"] = [{**c.to_json(), "basis_zh": BASIS_ZH[c.basis]} for c in lg.conclusions]
    return out


def _form_values(d: dict[str, Any]) -> dict[str, str]:
    vals = {k: "" if d.get(k) is None else str(d.get(k)) for k, _, _ in FIELDS}
    for key in ("rate", "fee_rate", "daily_rate", "overdue_rate"):  # fractions back to "18%"
        if vals[key]:
            vals[key] = f"{(Decimal(vals[key]) * 100).normalize():f}%"
    vals["kind"] = str(d.get("kind") or "")
    vals["method"] = str(d.get("method") or "")
    vals["note"] = str(d.get("note") or "")
    vals["id"] = str(d.get("id") or "")
    vals["sources"] = " ".join(d.get("sources") or ())
    vals["payments"] = "\n".join(f"{p['date']} {p['amount']}" for p in d.get("payments") or ())
    vals["fees"] = "\n".join(f"{f['name']} {f['amount']}" + (" 每期" if f.get("per_period") else "")
                             for f in d.get("fees") or ())  # fmt: skip
    return vals


def _lines(text: str, what: str) -> list[list[str]]:
    out = []
    for n, line in enumerate(text.replace("：", " ").replace(":", " ").splitlines(), 1):
        parts = line.replace(",", " ").replace("，", " ").split()
        if parts:
            if len(parts) < 2:
                raise InputError(f"{what}第{n}行应写成两项，用空格分开：“{line.strip()}”")
            out.append(parts)
    return out


def debt_fields(form: FormData, existing: dict[str, Any]) -> dict[str, Any]:
    """What ``Debt.create`` gets: the stored debt's fields, overridden by the form's."""
    f = dict(existing)
    f.pop("payments", None)
    f.pop("fees", None)
    for key in [k for k, _, _ in FIELDS] + ["kind", "method", "note"]:
        v = field(form, key)
        if v:
            f[key] = v
        else:
            f.pop(key, None)
    if "received_amount" not in f and existing.get("received_amount") == existing.get(
        "contract_amount"
    ):
        f.pop("received_amount", None)
    f["id"] = field(form, "id") or None
    f["sources"] = field(form, "sources").split()
    f["payments"] = [
        {"date": p[0], "amount": p[1]} for p in _lines(field(form, "payments"), "已还款")
    ]
    f["fees"] = [{"name": p[0], "amount": p[1], "per_period": len(p) > 2 and "期" in p[2]}
                 for p in _lines(field(form, "fees"), "费用")]  # fmt: skip
    return {k: v for k, v in f.items() if v not in (None, [], "")}


def _choices() -> dict[str, Any]:
    return {"kinds": {k.value: v for k, v in KIND_ZH.items()},
            "methods": {m.value: v for m, v in METHOD_ZH.items()}, "fields": FIELDS,
            "lines_help": LINES_HELP}  # fmt: skip


@router.get("/cases/{name}/debts")
def debts(request: Request, name: str) -> Response:
    with open_or_404(name) as c:
        data = request.app.state.cache.get(c)
        stored = c.debts()
        saved = c.budget()
    today = date.today()
    cands = suggest(a.to_json() for a in data.analyses.values())
    q = request.query_params
    budget = {k: q.get(k, "") for k in ("income", "essentials", "other", "savings")}
    if not budget["income"] and saved is not None:
        budget = {
            "income": str(saved.income), "essentials": str(saved.essentials),
            "other": str(sum((a for _, a in saved.obligations), Decimal(0))) if saved.obligations else "",
            "savings": str(saved.savings) if saved.savings else "",
        }  # fmt: skip
    return page(request, "debts.html.j2", {
        "case": data.name, "nav": "debts", "as_of": today,
        "debts": [debt_view(d, today) for d in stored],
        "suggestions": [x.to_json() for x in cands], "budget": budget,
        "plan": _plan(stored, budget, today) if budget["income"] else None,
        "done": q.get("done"),
    })  # fmt: skip


def _plan(stored: list[Debt], b: dict[str, str], today: date) -> dict[str, Any]:
    try:
        budget = Budget(
            money(b["income"], what="每月收入"), money(b["essentials"] or 0, what="基本生活费"),
            (("其他固定支出", money(b["other"], what="其他固定支出")),) if b["other"] else (),
            money(b["savings"] or 0, what="能一次拿出的钱"),
        )  # fmt: skip
        usable = []
        for d in stored:
            try:
                assess(d, today)
                usable.append(d)
            except DunguardError:
                pass
        plan = make_plan(usable, budget, as_of=today)
    except DunguardError as e:
        return {"error": e.message}
    results = [{**r.summary(), "name": STRATEGY_ZH[r.strategy]} for r in plan.results]
    return {
        "budget": budget.to_json(), "start": plan.start,
        "debts": plan.to_json(schedules=False)["debts"], "strategies": results,
        "offers": [o.to_json() for o in offers(plan.debts, budget)],
        "cards": [c.to_json() for c in card_scenarios(plan.debts, budget)],
    }  # fmt: skip


@router.get("/cases/{name}/debts/new")
def new_debt(request: Request, name: str) -> Response:
    with open_or_404(name) as c:
        data = request.app.state.cache.get(c)
    pre: dict[str, Any] = {}
    lender = request.query_params.get("lender")
    if lender:  # pre-filled from the messages that name this lender
        for x in suggest(a.to_json() for a in data.analyses.values()):
            if x.lender == lender:
                pre = x.debt_fields()
    return page(request, "debt_form.html.j2", {"case": data.name, "nav": "debts", "editing": False,
                                               "values": _form_values(pre), **_choices()})  # fmt: skip


@router.get("/cases/{name}/debts/{debt_id}/edit")
def edit_debt(request: Request, name: str, debt_id: str) -> Response:
    with open_or_404(name) as c:
        found = [d for d in c.debts() if d.id == debt_id]
        case_name = c.name
    if not found:
        raise NotFound(f"案件里没有编号为“{debt_id}”的债务。")
    return page(request, "debt_form.html.j2", {"case": case_name, "nav": "debts", "editing": True,
                                               "values": _form_values(found[0].to_json()), **_choices()})  # fmt: skip


@router.post("/cases/{name}/debts")
async def save_debt(request: Request, name: str) -> Response:
    form = await checked_form(request)

    def run() -> str:
        with request.app.state.locks(name), open_or_404(name) as c:
            did = field(form, "id")
            existing = next((d.to_json() for d in c.debts() if did and d.id == did), {})
            d = Debt.create(**debt_fields(form, existing))
            assess(d)  # refuse a debt whose cost cannot be worked out, as the CLI does
            return c.save_debt(d)[0]

    try:
        await run_in_threadpool(run)
    except InputError as e:
        vals = {k: field(form, k) for k in [k for k, _, _ in FIELDS] + list(LINES_HELP)
                + ["kind", "method", "note", "id", "sources"]}  # fmt: skip
        return page(request, "debt_form.html.j2", {"case": name, "nav": "debts",
                    "editing": bool(vals["id"]), "values": vals, "form_error": str(e), **_choices()},
                    status=400)  # fmt: skip
    return see_other(case_url(name, "debts") + "?done=saved")


@router.post("/cases/{name}/budget")
async def save_budget(request: Request, name: str) -> Response:
    form = await checked_form(request)
    b = {k: field(form, k) or "" for k in ("income", "essentials", "other", "savings")}

    def run() -> None:
        with request.app.state.locks(name), open_or_404(name) as c:
            c.save_budget({
                "income": b["income"], "essentials": b["essentials"] or 0,
                "obligations": [{"name": "其他固定支出", "amount": b["other"]}] if b["other"] else [],
                "savings": b["savings"] or 0,
            })  # fmt: skip

    try:
        await run_in_threadpool(run)
    except InputError:
        # Shown by the plan section, which reads the same numbers and names the bad one.
        return see_other(case_url(name, "debts") + "?" + urlencode(b) + "#h-plan")
    return see_other(case_url(name, "debts") + "?done=budget#h-plan")


@router.post("/cases/{name}/debts/{debt_id}/remove")
async def remove_debt(request: Request, name: str, debt_id: str) -> Response:
    await checked_form(request)

    def run() -> None:
        with request.app.state.locks(name), open_or_404(name) as c:
            c.remove_debt(debt_id)

    await run_in_threadpool(run)
    return see_other(case_url(name, "debts") + "?done=removed")


__all__ = ["LenderKind", "Method", "router"]
