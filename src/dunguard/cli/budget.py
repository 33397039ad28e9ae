"""``dunguard budget set|show``: the household budget kept in a case (for the plan, the report
and the negotiation letters)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from dunguard.case import open_case
from dunguard.cli import app
from dunguard.cli.debt import CaseOpt, Fmt, FmtOpt, _json
from dunguard.errors import UsageError
from dunguard.money.amounts import yuan
from dunguard.money.plan import Budget

console = Console(highlight=False)
budget_app = typer.Typer(
    help="记下每月收入、基本生活费和其他固定支出，还款计划、报告和协商信都会用到。",
    no_args_is_help=True,
)
app.add_typer(budget_app, name="budget")


def _obligation(spec: str) -> dict[str, str]:
    name, sep, amount = spec.replace("：", ":").replace("=", ":").rpartition(":")
    if not sep or not amount.strip():
        raise UsageError(f"--other “{spec}” 应写成 名称:金额，例如 房租:1500")
    return {"name": name.strip() or "其他支出", "amount": amount.strip()}


def _print(b: Budget) -> None:
    console.print(f"每月收入 {yuan(b.income)} 元")
    console.print(f"基本生活费 {yuan(b.essentials)} 元（还款计划绝不动用这部分）")
    for name, amount in b.obligations:
        console.print(f"其他固定支出：{escape(name)} {yuan(amount)} 元")
    if b.savings:
        console.print(f"能一次拿出的钱 {yuan(b.savings)} 元")
    if b.available > 0:
        console.print(f"[bold]每月最多可以拿来还债：{yuan(b.available)} 元[/]")
    else:
        console.print(
            f"[bold]收入减去生活费和固定支出后不够还债（差 {yuan(-b.available)} 元）。[/]"
            "这种情况可以如实告诉出借方，申请停息挂账或延期，dunguard letter negotiate 可以帮你写申请。"
        )


@budget_app.command("set")
def budget_set(
    case: CaseOpt,
    income: Annotated[str, typer.Option("--income", help="每月到手收入（元）")],
    essentials: Annotated[str, typer.Option("--essentials", help="每月基本生活费：吃饭、交通、水电、药费（元）")],
    other: Annotated[
        list[str] | None, typer.Option("--other", help="其他每月必须付的钱，写成 名称:金额，可以写多次")
    ] = None,
    savings: Annotated[str, typer.Option("--savings", help="能一次拿出来的钱（元）")] = "0",
    fmt: FmtOpt = Fmt.table,
) -> None:
    """记下（或更新）案件的每月收支。会写入案件日志，旧的记录保留。"""
    b = Budget.from_json(
        {"income": income, "essentials": essentials, "savings": savings,
         "obligations": [_obligation(o) for o in other or []]}
    )  # fmt: skip
    with open_case(case) as c:
        seq = c.save_budget(b)
    if fmt is Fmt.json:
        _json({"event": seq, "budget": b.to_json()})
        return
    _print(b)
    console.print(f"已记入案件「{escape(case)}」（日志第 {seq} 条）。")


@budget_app.command("show")
def budget_show(case: CaseOpt, fmt: FmtOpt = Fmt.table) -> None:
    """显示案件里记下的每月收支。"""
    with open_case(case) as c:
        b = c.budget()
    if fmt is Fmt.json:
        _json(None if b is None else b.to_json())
        return
    if b is None:
        console.print(
            f"案件「{escape(case)}」还没有记下收支。用 dunguard budget set --case {escape(case)} "
            "--income 收入 --essentials 基本生活费 记下。"
        )
        return
    _print(b)
