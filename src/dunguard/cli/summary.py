"""``case summary``, ``case tag`` and ``case report-contact``: where the borrower stands.

Only parsing, calling :mod:`dunguard.case` and rendering happen here.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from dunguard.case import open_case
from dunguard.cli.case import CaseOpt, FormatOpt, OutFormat, _json, case_app
from dunguard.errors import UsageError
from dunguard.law import load as load_law
from dunguard.text.labels import STAGE_ZH, TACTIC_ZH
from dunguard.timeline import CaseSummary, LenderSummary

console = Console(highlight=False)

KIND_ZH = {
    "bank_card": "银行信用卡",
    "bank_loan": "银行贷款",
    "consumer_finance": "消费金融公司",
    "online_lender": "网络借贷平台",
    "microlender": "小额贷款公司",
    "platform": "互联网平台",
}
FINDING_ZH = {
    "night_contact": "夜间催收",
    "call_attempts": "一天内反复呼叫",
    "connected_calls": "一天内通话次数过多",
    "many_numbers": "换多个号码联系",
    "third_party_contact": "联系或告知第三人",
}
BASIS_ZH = {
    "law": "法律",
    "judicial_interpretation": "司法解释",
    "regulation": "监管规定",
    "standard": "推荐性国家标准（不是法律）",
    "industry_norm": "行业自律规范（不是法律）",
}


def _when(iso: str | None) -> str:
    return iso[:16].replace("T", " ") if iso else "时间不详"


def _provisions(ids: list[str] | tuple[str, ...]) -> str:
    """Grouped by kind of rule, so a reader sees at once what is law and what is not."""
    base = load_law()
    groups: dict[str, list[str]] = {}
    for i in ids:
        p = base.get(i)
        groups.setdefault(BASIS_ZH.get(str(p.bindingness), ""), []).append(p.label())
    return "。".join(f"{kind}：{'；'.join(labels)}" for kind, labels in groups.items())


def _lender_panel(ls: LenderSummary) -> Panel:
    lines: list[str] = []
    kind = KIND_ZH.get(ls.kind or "", "类型不详")
    if ls.stage:
        lines.append(
            f"[bold]已经到了：{STAGE_ZH[ls.stage.value]}[/]（{_when(ls.stage_time)}，消息 {escape(ls.stage_message or '')}）"
        )
        lines.append(
            "经过：" + " → ".join(f"{STAGE_ZH[s.stage.value]} {_when(s.time)[5:10]}" for s in ls.path)
        )
    else:
        lines.append("只有通话或你记录的情况，没有可判断阶段的短信。")
    if ls.agencies:
        lines.append(f"短信里提到的催收机构：{escape('、'.join(ls.agencies))}")
    c = ls.stats
    if c:
        lines.append(
            f"最后一次联系：{_when(ls.last_contact)}；共 {c.contacts} 次（短信 {c.messages}，来电 {c.calls}，"
            f"接通 {c.connected}），夜间 {c.night} 次，用过 {len(c.numbers)} 个号码，最多一天 {c.max_per_day} 次"
        )
    money = []
    if ls.largest_amount is not None:
        money.append(f"短信里最大的金额 {ls.largest_amount} 元")
    if ls.overdue_days is not None:
        money.append(f"说逾期 {ls.overdue_days} 天")
    if money:
        lines.append("，".join(money))
    if ls.tactics:
        lines.append("")
        lines.append("[bold]短信里的问题[/]")
        for t in ls.tactics.values():
            quotes = "、".join(f"“{escape(q)}”" for q in t.quotes[:3])
            lines.append(f"· {TACTIC_ZH.get(t.tactic, t.tactic)}：{len(t.messages)} 条（{quotes}）")
    if ls.findings:
        lines.append("")
        lines.append("[bold]联系方式上的问题[/]")
        for f in ls.findings:
            lines.append(f"· {FINDING_ZH[f.kind]}：{escape(f.text)}")
            lines.append(f"  [dim]依据 — {escape(_provisions(f.law))}[/]")
    if ls.next_steps:
        lines.append("")
        lines.append("[bold]接下来可以做什么[/]")
        for i, s in enumerate(ls.next_steps, 1):
            mark = "[bold red]（紧急）[/]" if s.urgent else ""
            lines.append(f"{i}、{mark}{escape(s.text)}")
    title = f"{escape(ls.lender)}（{kind}）"
    return Panel("\n".join(lines), title=title, title_align="left")


def _print(summary: CaseSummary, name: str) -> None:
    n = summary.counts
    console.print(
        f"案件「{escape(name)}」：{n['messages']} 条短信，{n['calls']} 次通话；其中催收短信 "
        f"{n['collection_messages']} 条，来自 {len(summary.lenders)} 个催收方。"
    )
    if not summary.lenders:
        console.print("没有发现催收短信。如果你确实在被催收，请确认导入的是收件箱的完整备份。")
    for ls in summary.lenders:
        console.print(_lender_panel(ls))
    if summary.scam:
        console.print(
            f"[bold]另有 {len(summary.scam)} 条疑似诈骗短信[/]（冒充公检法、征信修复等）："
            "不要转账、不要点链接，可以拨打 96110 反诈专线咨询。"
        )
    if n["unlinked_calls"]:
        console.print(
            f"有 {n['unlinked_calls']} 次来电的号码没有出现在任何催收短信里，没有算作催收。"
            "如果其中有催收电话，可以用 dunguard case tag 号码 --lender 名称 标记。"
        )
    console.print(
        "[dim]说明：这里只说明记录里有什么、可能涉及哪些规定，不是法律意见；"
        "“行业规范”不是法律，但可以据此向监管投诉。[/]"
    )


@case_app.command("summary")
def case_summary(case: CaseOpt, fmt: FormatOpt = OutFormat.table) -> None:
    """每个催收方一屏：催到了哪一步、最后一次联系、发现的问题、接下来可以做什么。"""
    with open_case(case) as c:
        summary = c.summary()
        if fmt is OutFormat.json:
            _json({"case": c.name, **summary.to_json()})
            return
        _print(summary, c.name)


@case_app.command("tag")
def case_tag(
    number: Annotated[str, typer.Argument(help="来电或短信号码")],
    lender: Annotated[str, typer.Option("--lender", help="这个号码属于哪个催收方（平台或公司名称）")],
    case: CaseOpt,
) -> None:
    """标记一个号码属于哪个催收方（例如只打电话、从不发短信的号码）。"""
    with open_case(case) as c:
        seq = c.tag_number(number, lender)
    console.print(f"已记录：号码 {escape(number)} 属于「{escape(lender)}」（日志第 {seq} 条）。")


@case_app.command("report-contact")
def case_report_contact(
    case: CaseOpt,
    lender: Annotated[str, typer.Option("--lender", help="哪个催收方")],
    who: Annotated[str, typer.Option("--who", help="联系了谁，例如 母亲、同事、房东")],
    day: Annotated[str, typer.Option("--date", help="哪一天，例如 2026-01-15")],
    how: Annotated[str, typer.Option("--how", help="怎么联系的：电话、短信、微信、上门……")] = "",
    note: Annotated[str, typer.Option("--note", help="补充说明，例如对方说了什么")] = "",
) -> None:
    """记录催收方联系了你以外的人（家人、同事、通讯录好友……）。会写入案件日志，不能事后修改。"""
    try:
        when = date.fromisoformat(day.strip())
    except ValueError:
        raise UsageError(f"--date 的“{day}”不是日期，请写成 2026-01-15 这样的格式。") from None
    if when > date.today():
        raise UsageError(f"--date 的 {when} 还没到，请写发生的日期。")
    with open_case(case) as c:
        seq = c.report_third_party(when, lender, who, how, note)
    console.print(
        f"已记录：{when} 「{escape(lender)}」联系了{escape(who)}（日志第 {seq} 条）。"
        "如有通话录音、截图，请一并导入案件。"
    )
