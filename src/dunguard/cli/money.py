"""``dunguard apr``, ``plan`` and ``negotiate``: true cost, the repayment plan, counter-offers.

Only parsing, calling :mod:`dunguard.money` and rendering happen here.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dunguard.cli import app, err_console
from dunguard.errors import InputError, UsageError
from dunguard.money.amounts import ZERO, pct, yuan
from dunguard.money.cost import METHOD_TEXT, TrueCost, parse_flows_csv, rates_from_flows
from dunguard.money.debt import KIND_ZH
from dunguard.money.legality import BASIS_ZH, Basis, Legality
from dunguard.money.negotiate import (
    CounterOffer,
    card_scenarios,
    check_counter_offer,
    offers,
)
from dunguard.money.plan import STRATEGY_ZH, Plan, Strategy, make_plan
from dunguard.money.planfile import PlanFile, load_plan_file

console = Console(highlight=False)

ROUNDING = "金额按分四舍五入；利率显示到0.01个百分点；每月先按“余额×年利率÷12”计息，再还款。"


class Fmt(StrEnum):
    table = "table"
    json = "json"


class PlanFmt(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _date_opt(value: str | None, what: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{what}“{value}”不是有效日期，请写成 2025-06-01") from None


# ---------------------------------------------------------------------- apr


@app.command("apr")
def apr_cmd(
    flows: Annotated[
        Path, typer.Argument(help="现金流 CSV：date,amount 两列；收到的钱为正，还出去的钱为负")
    ],
    fmt: Annotated[Fmt, typer.Option("--format", help="输出格式：table 或 json")] = Fmt.table,
) -> None:
    """算一笔借款的真实年化利率（内部收益率法），并列出商家常说的单利口径作对比。"""
    if not flows.is_file():
        raise InputError("找不到这个文件", file=str(flows))
    try:
        text = flows.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取文件：{exc}", file=str(flows)) from None
    dates, amounts = parse_flows_csv(text, file=str(flows))
    try:
        cost = rates_from_flows(dates, amounts)
    except InputError as exc:
        raise InputError(exc.message, file=str(flows), place=exc.place) from None
    if fmt is Fmt.json:
        _json({"file": str(flows), "flows": len(dates), **cost.to_json()})
        return
    _print_cost(cost)
    if cost.over_1000:
        err_console.print("[yellow]注意：年化超过1000%，请核对金额的正负和日期是否写对。[/]")


def _print_cost(cost: TrueCost) -> None:
    t = Table("口径", "年化", "说明")
    t.add_row("名义年化（APR）", pct(cost.nominal_apr), METHOD_TEXT[cost.method])
    t.add_row("实际年化（复利）", pct(cost.effective_apr), "把每期利息再计息后的一年总成本")
    if cost.simple_rate is not None:
        t.add_row(
            "单利（商家常用口径）",
            pct(cost.simple_rate),
            "总成本 ÷ 到手金额 ÷ 年数，忽略了本金在逐月减少",
        )
    if cost.quoted_rate is not None:
        t.add_row(f"合同标示（{cost.quoted_label}）", pct(cost.quoted_rate), "")
    console.print(t)
    console.print(
        f"到手 {yuan(cost.received)} 元，共要还 {yuan(cost.total_paid)} 元，"
        f"借款成本 {yuan(cost.total_cost)} 元。"
    )


# ---------------------------------------------------------------------- plan


def _load(planfile: Path | None, case: str | None) -> PlanFile:
    """The plan file, plus the case's debts; without a file, the case's budget and debts."""
    if planfile is None and not case:
        raise UsageError("请给出计划文件，或用 --case 使用案件里记下的收支和债务。")
    stored: list = []
    budget = None
    if case:
        from dunguard.case import open_case

        with open_case(case) as c:
            stored = c.debts()
            budget = c.budget()
    if planfile is None:
        if budget is None:
            raise UsageError(
                f"案件「{case}」还没有记下每月收支：先运行 dunguard budget set --case {case} "
                "--income 收入 --essentials 基本生活费，或给出计划文件。"
            )
        if not stored:
            raise UsageError(f"案件「{case}」里还没有登记债务：先用 dunguard debt add 登记。")
        return PlanFile(budget, list(stored))
    pf = load_plan_file(planfile)
    have = {d.id for d in pf.debts}
    pf.debts.extend(d for d in stored if d.id not in have)
    return pf


@app.command("plan")
def plan_cmd(
    planfile: Annotated[
        Path | None,
        typer.Argument(
            help="计划文件（YAML，格式见 README“还款计划”一节，示例 demo/plan.yaml）；"
            "不给时用 --case 案件里记下的收支（dunguard budget set）和债务"
        ),
    ] = None,
    case: Annotated[str | None, typer.Option("--case", help="同时读取这个案件里登记的债务")] = None,
    strategy: Annotated[
        list[Strategy] | None,
        typer.Option(
            "--strategy", help="只算这些策略（可重复）：avalanche、snowball、dispute_first、custom"
        ),
    ] = None,
    order: Annotated[
        str | None, typer.Option("--order", help="custom 策略的还款顺序，例如 card,app,cfc")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="计算日期（默认今天或计划文件的 as_of）")
    ] = None,
    fmt: Annotated[
        PlanFmt, typer.Option("--format", help="table（给人看）、json，或 csv（逐月明细）")
    ] = PlanFmt.table,
) -> None:
    """按收入和基本生活费排出还款计划：比较几种还款顺序，算出每笔债务依法可能应还多少、可以怎样协商。"""
    pf = _load(planfile, case)
    custom = (
        [x.strip() for x in order.replace("，", ",").split(",") if x.strip()] if order else pf.order
    )
    chosen = list(
        strategy or pf.strategies or [Strategy.AVALANCHE, Strategy.SNOWBALL, Strategy.DISPUTE_FIRST]
    )
    if custom and Strategy.CUSTOM not in chosen and not strategy:
        chosen.append(Strategy.CUSTOM)
    day = _date_opt(as_of, "--as-of") or pf.as_of
    plan = make_plan(
        pf.debts, pf.budget, strategies=chosen, custom=custom, as_of=day, start=pf.start
    )
    offs = offers(plan.debts, pf.budget)
    cards = card_scenarios(plan.debts, pf.budget)
    verdicts = [check_counter_offer(c, plan.debts, pf.budget) for c in pf.counter_offers]
    if fmt is PlanFmt.csv:
        _write_csv(plan)
        return
    if fmt is PlanFmt.json:
        _json({
            **plan.to_json(),
            "negotiation": {
                "offers": [o.to_json() for o in offs],
                "card_instalments": [c.to_json() for c in cards],
                "counter_offers": [v.to_json() for v in verdicts],
            },
        })  # fmt: skip
        return
    _print_plan(plan, offs, cards, verdicts)


def _write_csv(plan: Plan) -> None:
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(
        [
            "strategy",
            "month",
            "date",
            "debt",
            "opening",
            "interest",
            "payment",
            "closing",
            "shortfall",
        ]
    )
    for r in plan.results:
        for row in r.rows:
            w.writerow([r.strategy.value, row.month, row.on.isoformat(), row.debt, row.opening,
                        row.interest, row.payment, row.closing, row.shortfall])  # fmt: skip


def _print_plan(plan: Plan, offs: list[Any], cards: list[Any], verdicts: list[Any]) -> None:
    b = plan.budget
    console.print(f"[bold]还款计划[/]（计算日期 {plan.as_of}，从 {plan.start} 开始）")
    others = "、".join(f"{escape(n)} {yuan(a)}" for n, a in b.obligations) or "无"
    console.print(
        f"每月收入 {yuan(b.income)} 元 − 基本生活费 {yuan(b.essentials)} 元（底线，不动用）"
        f" − 其他支出（{others}）= [bold]每月可用于还债 {yuan(b.available)} 元[/]"
    )
    t = Table("债务", "类型", "对方要求", "真实年化", "依法可能应还", "可以要求核减", "每月最低")
    for d in plan.debts:
        t.add_row(
            escape(d.name), KIND_ZH[d.kind], yuan(d.balance), pct(d.rate),
            yuan(d.lawful_balance), yuan(d.disputable), yuan(d.minimum),
        )  # fmt: skip
    console.print(t)
    minimums = sum((d.minimum for d in plan.debts), ZERO)
    if minimums > b.available:
        console.print(
            f"[bold yellow]每月最低还款合计 {yuan(minimums)} 元，比可用的 {yuan(b.available)} 元多 "
            f"{yuan(minimums - b.available)} 元：按原合同还不上，需要和出借方协商（见下面的协商方案）。[/]"
        )
    console.print("\n[bold]每笔债务的依据[/]")
    for d in plan.debts:
        _print_legality(d.name, d.legality)
        console.print("  [bold]结论[/]：" + escape(claim_text(d.balance, d.legality)))
    console.print("\n[bold]几种还款顺序的比较[/]")
    t = Table(
        "策略",
        "顺序",
        "还清用时",
        "还清日期",
        "总共还款",
        "其中利息",
        "暂不支付（争议部分）",
        "钱不够的月份",
    )
    for r in plan.results:
        t.add_row(
            STRATEGY_ZH[r.strategy], "→".join(r.order),
            f"{r.months} 个月" if r.finished else ("越还越多" if r.growing else "30年内还不清"),
            str(r.debt_free or "—"), yuan(r.total_paid), yuan(r.total_interest),
            yuan(r.set_aside), str(r.shortfall_months),
        )  # fmt: skip
    console.print(t)
    console.print("\n[bold]协商方案[/]：按依法可能应还的金额，把每月可用的钱分给各家（取整到元）")
    t = Table("债务", "依法可能应还", "每月可以提出", "停息时还清", "照常计息（按依法利率）还清")
    for o in offs:
        t.add_row(escape(o.name), yuan(o.lawful_balance), yuan(o.monthly),
                  _months(o.months_interest_stopped), _months(o.months_with_interest))  # fmt: skip
    console.print(t)
    for c in cards:
        console.print(
            f"信用卡「{escape(c.name)}」个性化分期（银行可以同意，最长60期；给其他债务留出后每月最多 {yuan(c.room)} 元）："
        )
        t = Table("期数", "停息每月", "预算内？", f"按年化 {pct(c.rate)} 计息每月", "预算内？")
        for term in c.terms:
            t.add_row(str(term.months), yuan(term.monthly_interest_stopped), _yes(term.fits_interest_stopped),
                      yuan(term.monthly_with_interest), _yes(term.fits_with_interest))  # fmt: skip
        console.print(t)
        console.print("  依据：" + "；".join(p.label for p in c.provisions))
    for v in verdicts:
        mark = "[green]可以考虑[/]" if v.fits else "[red]超出能力[/]"
        console.print(f"对方方案（{escape(v.name)}）：{mark} {escape(v.text)}")
    console.print(
        f"\n{ROUNDING} 逐月明细：--format csv。以上为估算，不构成法律意见；核减需要向对方书面提出或由法院认定。"
    )


def _print_legality(name: str, legal: Legality) -> None:
    console.print(f"[bold]{escape(name)}[/]：{escape(legal.cap_text)}")
    for c in legal.conclusions:
        tag = {Basis.LAW: "[red]", Basis.PRACTICE: "[yellow]", Basis.REGULATION: "[yellow]"}.get(
            c.basis, "[cyan]"
        )
        console.print(f"  {tag}{escape(c.title)}[/]：{escape(c.text)}")
        console.print(f"    依据（{BASIS_ZH[c.basis]}）：" + "；".join(
            f"{p.label}" + ("" if p.verbatim else "（要点，非原文）") for p in c.provisions))  # fmt: skip


def claim_text(balance: Any, legal: Legality) -> str:
    """One sentence: what of the amount claimed now the law may support, and why."""
    lawful = legal.lawful_balance(balance)
    if balance is None or lawful is None:
        return f"合同层面可以要求核减的合计约 {yuan(legal.disputable)} 元。"
    cut = balance - lawful
    if legal.claim_to_date is None:
        return (f"对方现在要求 {yuan(balance)} 元，扣除上面计入合计的 {yuan(legal.disputable)} 元，"
                f"依法可能应还约 {yuan(lawful)} 元。")  # fmt: skip
    most = max(ZERO, legal.claim_to_date - legal.paid)
    head = (f"按实际到手本金和上述界线，到 {legal.as_of} 为止依法最多约 {yuan(legal.claim_to_date)} 元，"
            f"已还 {yuan(legal.paid)} 元，还能主张约 {yuan(most)} 元；")  # fmt: skip
    if cut > 0:
        return head + f"对方现在要求 {yuan(balance)} 元，其中约 {yuan(cut)} 元可以要求核减。"
    return head + f"对方现在要求的 {yuan(balance)} 元没有超过这个数。"


def _months(n: int | None) -> str:
    return "还不清（利息比还款多）" if n is None else f"{n} 个月"


def _yes(ok: bool) -> str:
    return "是" if ok else "否"


# ---------------------------------------------------------------------- negotiate


@app.command("negotiate")
def negotiate_cmd(
    planfile: Annotated[Path, typer.Argument(help="计划文件（YAML），提供预算和债务")],
    debt: Annotated[str, typer.Option("--debt", help="对方方案针对的债务编号（计划文件里的 id）")],
    monthly: Annotated[str, typer.Option("--monthly", help="对方要求每月还多少元")],
    months: Annotated[int, typer.Option("--months", help="一共多少期")],
    upfront: Annotated[str, typer.Option("--upfront", help="对方要求先付多少元（首付）")] = "0",
    case: Annotated[str | None, typer.Option("--case", help="同时读取这个案件里登记的债务")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="计算日期（默认今天）")] = None,
    fmt: Annotated[Fmt, typer.Option("--format", help="输出格式：table 或 json")] = Fmt.table,
) -> None:
    """检查出借方提出的还款方案：在不在预算内、比依法可能应还的多多少、相当于多高的年化。退出码：0 在预算内，1 超出预算。"""
    pf = _load(planfile, case)
    offer = CounterOffer.create(debt, monthly, months, upfront)
    plan = make_plan(pf.debts, pf.budget, strategies=[Strategy.AVALANCHE],
                     as_of=_date_opt(as_of, "--as-of") or pf.as_of, start=pf.start)  # fmt: skip
    v = check_counter_offer(offer, plan.debts, pf.budget)
    if fmt is Fmt.json:
        _json(v.to_json())
    else:
        console.print(("[green]可以考虑[/]：" if v.fits else "[red]超出能力[/]：") + escape(v.text))
    if not v.fits:
        raise typer.Exit(1)
