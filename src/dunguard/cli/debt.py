"""``dunguard debt add|list|show|remove|suggest``: the debts registered in a case."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dunguard.cli import app
from dunguard.cli.money import _print_cost, _print_legality, claim_text
from dunguard.errors import InputError, UsageError
from dunguard.money.amounts import pct, yuan
from dunguard.money.debt import KIND_ZH, METHOD_ZH, Debt, LenderKind, Method
from dunguard.money.legality import assess
from dunguard.money.schedules import schedule
from dunguard.money.suggest import suggest

console = Console(highlight=False)
debt_app = typer.Typer(
    help="登记和查看案件里的债务：合同金额、实际到手、还款方式、利率、已还款。",
    no_args_is_help=True,
)
app.add_typer(debt_app, name="debt")

CaseOpt = Annotated[str, typer.Option("--case", help="案件名称（用 dunguard case list 查看）")]


class Fmt(StrEnum):
    table = "table"
    json = "json"


FmtOpt = Annotated[Fmt, typer.Option("--format", help="输出格式：table 或 json")]


def _json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _payment(spec: str) -> dict[str, str]:
    when, sep, amount = spec.replace("：", ":").partition(":")
    if not sep:
        raise UsageError(f"--payment “{spec}” 应写成 日期:金额，例如 2024-05-10:1000")
    return {"date": when.strip(), "amount": amount.strip()}


def _fee(spec: str, per_period: bool) -> dict[str, Any]:
    name, sep, amount = spec.replace("：", ":").rpartition(":")
    if not sep:
        name, amount = "费用", spec
    return {"name": name.strip() or "费用", "amount": amount.strip(), "per_period": per_period}


@debt_app.command("add")
def debt_add(
    case: CaseOpt,
    lender: Annotated[
        str | None, typer.Option("--lender", help="出借方，例如“某某消费金融”")
    ] = None,
    kind: Annotated[LenderKind, typer.Option("--kind", help="出借方类型")] = LenderKind.PRIVATE,
    method: Annotated[Method, typer.Option("--method", help="还款方式")] = Method.EQUAL_PAYMENT,
    contract_date: Annotated[
        str | None, typer.Option("--date", help="合同日期（借款日），例如 2024-03-15")
    ] = None,
    amount: Annotated[str | None, typer.Option("--amount", help="合同金额（元）")] = None,
    received: Annotated[
        str | None, typer.Option("--received", help="实际到手金额（元），默认等于合同金额")
    ] = None,
    periods: Annotated[int | None, typer.Option("--periods", help="期数（月）")] = None,
    rate: Annotated[str | None, typer.Option("--rate", help="年利率，例如 18%")] = None,
    fee_rate: Annotated[
        str | None, typer.Option("--fee-rate", help="每期费率（月费率、分期手续费率），例如 0.6%")
    ] = None,
    daily_rate: Annotated[
        str | None, typer.Option("--daily-rate", help="日利率，例如 0.05%")
    ] = None,
    first_due: Annotated[str | None, typer.Option("--first-due", help="首期还款日")] = None,
    maturity: Annotated[
        str | None, typer.Option("--maturity", help="到期日（到期一次还本付息）")
    ] = None,
    fee: Annotated[
        list[str] | None, typer.Option("--fee", help="借款时另付的费用，名称:金额（可重复）")
    ] = None,
    period_fee: Annotated[
        list[str] | None, typer.Option("--period-fee", help="每期另收的费用，名称:金额（可重复）")
    ] = None,
    payment: Annotated[
        list[str] | None, typer.Option("--payment", help="已还款，日期:金额（可重复）")
    ] = None,
    balance: Annotated[str | None, typer.Option("--balance", help="对方现在要求还的总额")] = None,
    overdue_days: Annotated[int | None, typer.Option("--overdue-days", help="已逾期天数")] = None,
    overdue_rate: Annotated[
        str | None, typer.Option("--overdue-rate", help="罚息年利率，例如 27%")
    ] = None,
    penalty: Annotated[str | None, typer.Option("--penalty", help="违约金（元）")] = None,
    overdue_fees: Annotated[
        str | None, typer.Option("--overdue-fees", help="逾期后另收的费用（元）")
    ] = None,
    late_fee: Annotated[str | None, typer.Option("--late-fee", help="滞纳金（元）")] = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="来自哪条消息（消息编号，可重复）")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="备注")] = None,
    debt_id: Annotated[
        str | None, typer.Option("--id", help="债务编号；与已有编号相同时更新那笔债务")
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from-file", help="从 YAML 文件读取一笔或多笔债务（格式同计划文件的 debts）"
        ),
    ] = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """登记一笔债务（或更新编号相同的那笔），记入证据日志。"""
    from dunguard.case import open_case

    if from_file is not None:
        debts = _from_file(from_file)
    else:
        if lender is None or contract_date is None or amount is None:
            raise UsageError("登记债务至少需要 --lender、--date 和 --amount（或用 --from-file）")
        fields: dict[str, Any] = {
            "id": debt_id, "lender": lender, "kind": kind.value, "method": method.value,
            "contract_date": contract_date, "amount": amount, "received": received,
            "periods": periods, "rate": rate, "fee_rate": fee_rate, "daily_rate": daily_rate,
            "first_due": first_due, "maturity": maturity, "balance": balance,
            "overdue_days": overdue_days, "overdue_rate": overdue_rate, "penalty": penalty,
            "overdue_fees": overdue_fees, "late_fee": late_fee, "note": note,
            "fees": [_fee(f, False) for f in fee or []] + [_fee(f, True) for f in period_fee or []],
            "payments": [_payment(p) for p in payment or []],
            "sources": list(source or []),
        }  # fmt: skip
        debts = [Debt.create(**{k: v for k, v in fields.items() if v not in (None, [], "")})]
    saved = []
    with open_case(case) as c:
        for d in debts:
            assess(d)  # refuse a debt whose cost cannot be computed before it is stored
            saved.append(c.save_debt(d))
    if fmt is Fmt.json:
        _json([{"id": i, "event": seq} for i, seq in saved])
        return
    for i, _ in saved:
        console.print(
            f"已登记债务 {escape(i)}。查看：dunguard debt show {escape(i)} --case {escape(case)}"
        )


def _from_file(path: Path) -> list[Debt]:
    import yaml

    from dunguard.money.planfile import _ExactLoader

    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_ExactLoader)  # noqa: S506
    except FileNotFoundError:
        raise InputError("找不到文件", file=str(path)) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"无法读取：{exc}", file=str(path)) from None
    items = data.get("debts") if isinstance(data, dict) and "debts" in data else data
    items = [items] if isinstance(items, dict) else items
    if not isinstance(items, list) or not items:
        raise InputError("文件里没有债务（应是一笔债务的映射，或 debts 列表）", file=str(path))
    out = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InputError(f"第{i}项不是映射", file=str(path))
        try:
            out.append(Debt.create(**{str(k): v for k, v in item.items()}))
        except InputError as exc:
            raise InputError(exc.message, file=str(path), place=f"第{i}项") from None
    return out


@debt_app.command("list")
def debt_list(case: CaseOpt, as_of: Annotated[str | None, typer.Option("--as-of", help="计算日期（默认今天）")] = None,
              fmt: FmtOpt = Fmt.table) -> None:  # fmt: skip
    """列出案件里的债务、真实年化和可以要求核减的金额。"""
    from dunguard.case import open_case

    day = date.fromisoformat(as_of) if as_of else None
    with open_case(case) as c:
        debts = c.debts()
    rows = [(d, assess(d, day)) for d in debts]
    if fmt is Fmt.json:
        _json([{**d.to_json(), "legality": lg.to_json(d.balance)} for d, lg in rows])
        return
    if not rows:
        console.print("案件里还没有登记债务。用 dunguard debt add 或 dunguard debt suggest 开始。")
        return
    t = Table(
        "编号",
        "出借方",
        "类型",
        "还款方式",
        "合同日期",
        "合同金额",
        "到手",
        "真实年化",
        "合同层面可核减",
    )
    for d, lg in rows:
        t.add_row(escape(d.id), escape(d.lender), KIND_ZH[d.kind], METHOD_ZH[d.method], str(d.contract_date),
                  yuan(d.contract_amount), yuan(d.received_amount), pct(lg.cost.nominal_apr), yuan(lg.disputable))  # fmt: skip
    console.print(t)


@debt_app.command("show")
def debt_show(debt_id: Annotated[str, typer.Argument(help="债务编号")], case: CaseOpt,
              as_of: Annotated[str | None, typer.Option("--as-of", help="计算日期（默认今天）")] = None,
              fmt: FmtOpt = Fmt.table) -> None:  # fmt: skip
    """显示一笔债务：真实成本、还款计划表、哪些部分可能不受法律保护及依据。"""
    from dunguard.case import open_case

    with open_case(case) as c:
        found = [d for d in c.debts() if d.id == debt_id]
    if not found:
        raise InputError(f"案件里没有编号为“{debt_id}”的债务（用 dunguard debt list 查看）")
    d = found[0]
    lg = assess(d, date.fromisoformat(as_of) if as_of else None)
    insts = schedule(d)
    if fmt is Fmt.json:
        _json(
            {
                **d.to_json(),
                "schedule": [i.to_json() for i in insts],
                "legality": lg.to_json(d.balance),
            }
        )
        return
    console.print(
        f"[bold]{escape(d.title)}[/] 编号 {escape(d.id)}，{METHOD_ZH[d.method]}，合同日期 {d.contract_date}"
    )
    _print_cost(lg.cost)
    if insts:
        t = Table("期", "还款日", "本金", "利息/手续费", "其他费用", "本期合计")
        for i in insts:
            t.add_row(
                str(i.number),
                str(i.due),
                yuan(i.principal),
                yuan(i.interest),
                yuan(i.fee),
                yuan(i.total),
            )
        console.print(t)
    _print_legality(d.title, lg)
    console.print("[bold]结论[/]：" + escape(claim_text(d.balance, lg)))


@debt_app.command("remove")
def debt_remove(
    debt_id: Annotated[str, typer.Argument(help="债务编号")], case: CaseOpt, fmt: FmtOpt = Fmt.table
) -> None:
    """从当前债务列表中删除一笔（证据日志里的历史记录保留）。"""
    from dunguard.case import open_case

    with open_case(case) as c:
        seq = c.remove_debt(debt_id)
    if fmt is Fmt.json:
        _json({"removed": debt_id, "event": seq})
    else:
        console.print(f"已删除债务 {escape(debt_id)}（日志第 {seq} 条记下了这次删除）。")


@debt_app.command("suggest")
def debt_suggest(case: CaseOpt, fmt: FmtOpt = Fmt.table) -> None:
    """根据案件里已分析的催收短信，列出可能的债务（出借方、提到的金额、逾期天数），供登记时参考。"""
    from dunguard.case import open_case

    with open_case(case) as c:
        cands = suggest(c.analyses())
    if fmt is Fmt.json:
        _json([x.to_json() for x in cands])
        return
    if not cands:
        console.print(f"没有找到线索。先运行 dunguard analyze --case {escape(case)} 分析短信。")
        return
    t = Table("出借方", "类型（推测）", "短信数", "提到的金额", "逾期天数")
    for x in cands:
        amounts = "、".join(yuan(a) for a, _ in x.amounts.most_common(4))
        t.add_row(escape(x.lender), KIND_ZH[x.kind] if x.kind else "—", str(len(x.messages)),
                  amounts or "—", str(x.overdue_guess or "—"))  # fmt: skip
    console.print(t)
    console.print("短信里看不出合同日期、到手金额和利率，请对照合同或借款App补全后登记，例如：")
    x = cands[0]
    console.print(
        f"  dunguard debt add --case {escape(case)} --lender {escape(x.lender)}"
        f" --kind {(x.kind or LenderKind.PRIVATE).value} --date 合同日期 --amount 合同金额 --received 到手金额"
        f" --periods 期数 --rate 年利率"
        + (f" --balance {x.balance_guess}" if x.balance_guess else "")
        + (f" --overdue-days {x.overdue_guess}" if x.overdue_guess else "")
    )
