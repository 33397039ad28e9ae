"""``dunguard rights`` and ``outlook``: what collectors may do, and what can happen with a debt."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dunguard.cli import app
from dunguard.errors import UsageError
from dunguard.law import Confidence
from dunguard.law.guidance import CONFIDENCE_ZH, LENDER_KIND_ZH, LenderKind, Statement, zh_date

console = Console(highlight=False)
_KINDS_HELP = "、".join(f"{k.value}（{LENDER_KIND_ZH[k]}）" for k in LenderKind)
_DISCLAIMER = ("说明：以上内容依据本工具收录的条文整理，标有“本工具的理解”的是根据条文作出的理解和建议。"
               "这不是法律意见。免费法律援助可拨打 12348。")


class Fmt(StrEnum):
    table = "table"
    json = "json"


def _day(text: str | None, option: str) -> date | None:
    from dunguard.law.outlook import parse_date

    if text is None:
        return None
    try:
        return parse_date(text)
    except UsageError as e:
        raise UsageError(f"{option} {e.message}") from None


def _basis(law: Iterable[str]) -> str:
    """Provisions as one line, articles of one instrument joined: 《刑法》第196条、第245条〔…〕."""
    from dunguard.law import load

    base = load()
    groups: list[tuple[str, str, list[str]]] = []  # (cite_title, tag, labels or articles)
    for pid in law:
        p = base.get(pid)
        tag = f"〔{p.bindingness_name}｜{CONFIDENCE_ZH[p.confidence]}〕"
        part = p.article if p.article and p.article != "全文" else None
        if part and groups and groups[-1][0] == p.cite_title and groups[-1][1] == tag:
            groups[-1][2].append(part)
        elif part:
            groups.append((p.cite_title, tag, [part]))
        else:
            groups.append(("", tag, [p.label()]))
    return "；".join(f"{title}{'、'.join(parts)}{tag}" for title, tag, parts in groups)


def _print_statement(s: Statement) -> None:
    body = Text()
    if s.analysis:
        body.append("［本工具的理解］", style="cyan")
    body.append(s.text)
    body.append("\n依据：" + _basis(s.law), style="dim")
    if s.confidence is not Confidence.CONFIRMED:  # e.g. capped below its provisions' confidence
        body.append(f"\n这句话的可信度：{CONFIDENCE_ZH[s.confidence]}", style="dim")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=2, justify="right")
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row("•", body)
    console.print(grid)


def _print_provisions(statements: Iterable[Statement]) -> None:
    from dunguard.law import load

    base = load()
    seen: list[str] = []
    for s in statements:
        seen += [i for i in s.law if i not in seen]
    console.rule("所引条文")
    for pid in seen:
        p = base.get(pid)
        console.print(Text(f"\n{p.label()}  [{p.bindingness_name}，可信度 {p.confidence.value}]",
                           style="bold"))
        console.print(Text(p.text_heading + "：", style="dim"))
        console.print(Text(p.text))


def _dump(obj: dict) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


@app.command()
def rights(
    topic: str = typer.Option("all", "--topic", "-t",
                              help="主题：visit（上门）、calls（电话短信）、third_party（联系家人朋友单位）、"
                                   "credit（征信）、legal（起诉、支付令、坐牢的说法）或 all（全部）"),
    kind: str = typer.Option(None, "--kind", "-k", help=f"只看某类出借方的规定：{_KINDS_HELP}"),
    on: str = typer.Option(None, "--on", help="按哪一天适用的条文（默认今天），例如 2025-06-01"),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table（给人看）或 json"),
    law: bool = typer.Option(False, "--law", help="最后列出所引条文的全文"),
) -> None:
    """你的权利：上门、电话、联系家人、征信、起诉时，对方能做什么、不能做什么，你可以怎么做。"""
    from dunguard.law.rights import rights as build

    sheet = build(topic, on=_day(on, "--on"), kind=kind)
    if fmt is Fmt.json:
        _dump(sheet.to_json())
        return
    for t in sheet.topics:
        console.rule(Text(t.title, style="bold"))
        console.print(t.intro)
        for sec in t.sections:
            console.print(Text(f"\n{sec.heading}", style="bold"))
            for s in sec.statements:
                _print_statement(s)
        console.print()
    console.print(f"条文按{zh_date(sheet.on)}适用的版本引用。", style="dim")
    if law:
        _print_provisions(sheet.statements())
    console.print(_DISCLAIMER, style="dim")


@app.command()
def outlook(
    kind: str = typer.Option(..., "--kind", "-k", help=f"出借方类型：{_KINDS_HELP}"),
    amount: str = typer.Option(..., "--amount", "-a",
                               help="欠款金额（元），信用卡请填未还本金，例如 8000、8000.50 或 6万"),
    overdue_days: int = typer.Option(None, "--overdue-days", help="已逾期多少天"),
    due_date: str = typer.Option(None, "--due-date", help="到期日（最后还款日），例如 2026-01-10"),
    collections: list[str] = typer.Option(None, "--collections", "-c",
                                          help="收到催收的日期，可重复或用逗号分隔，例如 "
                                               "-c 2026-02-01 -c 2026-03-05"),
    contract_date: str = typer.Option(None, "--contract-date",
                                      help="借款合同成立日期（私人借款用来计算利率上限）"),
    today: str = typer.Option(None, "--today", help="把哪一天当作今天（默认今天）"),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table（给人看）或 json"),
    law: bool = typer.Option(False, "--law", help="最后列出所引条文的全文"),
) -> None:
    """后果评估：按你的欠款情况，说明征信、利息、起诉和刑事责任方面实际可能发生什么。

    到期日和逾期天数只需给一个。退出码：0 成功；2 输入有误。
    """
    from dunguard.law.outlook import Debt, fmt_amount, parse_amount
    from dunguard.law.outlook import outlook as build

    if overdue_days is not None and due_date is not None:
        raise UsageError("--overdue-days 和 --due-date 只能给一个")
    dates = [d for item in collections or [] for d in item.replace("，", ",").split(",") if d.strip()]
    debt = Debt(
        kind=LenderKind.parse(kind),
        amount=parse_amount(amount),
        due_date=_day(due_date, "--due-date"),
        overdue_days=overdue_days,
        collections=tuple(_day(d, "--collections") for d in dates),
        contract_date=_day(contract_date, "--contract-date"),
    )
    o = build(debt, today=_day(today, "--today"))
    if fmt is Fmt.json:
        _dump(o.to_json())
        return
    console.print(Text(f"后果评估：{LENDER_KIND_ZH[debt.kind]}，{fmt_amount(debt.amount)}元"
                       f"（按{zh_date(o.today)}计算）", style="bold"))
    for sec in o.sections:
        console.rule(Text(sec.title, style="bold"))
        for s in sec.statements:
            _print_statement(s)
    console.rule(Text("建议下一步", style="bold"))
    for st in o.steps:
        _print_statement(st.statement)
    if law:
        _print_provisions(o.statements())
    console.print(_DISCLAIMER, style="dim")
