"""``dunguard report``, ``dunguard letter KIND`` and ``dunguard demo``: the documents a borrower
carries out of dunguard. Only parsing, calling :mod:`dunguard.documents` and printing happen here.
"""

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

from dunguard.case import open_case
from dunguard.cli import app
from dunguard.errors import UsageError

console = Console(highlight=False)


class Fmt(StrEnum):
    table = "table"
    json = "json"


CaseOpt = Annotated[str, typer.Option("--case", help="案件名称（用 dunguard case list 查看）")]
OutOpt = Annotated[Path, typer.Option("--out", help="把文件写到这个文件夹（没有会自动新建）")]
PlanOpt = Annotated[
    Path | None,
    typer.Option("--plan", help="计划文件（dunguard plan 的 YAML）：提供每月收支，用来做还款计划和协商方案"),
]
DateOpt = Annotated[
    str | None, typer.Option("--date", help="文书的日期和计算日期，写成 2026-02-10（默认今天）")
]
NoPdfOpt = Annotated[bool, typer.Option("--no-pdf", help="不生成 PDF（更快）")]
TemplatesOpt = Annotated[
    Path | None,
    typer.Option("--templates", help="放着你改过的模板的文件夹（同名文件优先于自带的模板）"),
]
FmtOpt = Annotated[Fmt, typer.Option("--format", help="输出格式：table（给人看）或 json")]


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date “{value}” 不是有效日期，请写成 2026-02-10") from None


def _json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command("report")
def report(
    case: CaseOpt,
    out: OutOpt,
    plan: PlanOpt = None,
    when: DateOpt = None,
    no_pdf: NoPdfOpt = False,
    templates: TemplatesOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """生成案件报告：简报 brief.html/brief.pdf（两三页，先看这份）和完整报告
    report.html/report.pdf（概要、图表、问题、条文、权利、债务、证据清单）。"""
    from dunguard.documents.report import write_report

    with open_case(case) as c:
        w = write_report(c, out, as_of=_date(when), plan_file=plan, pdf=not no_pdf,
                         templates=templates)  # fmt: skip
    if fmt is Fmt.json:
        _json({"html": str(w.html), "pdf": str(w.pdf) if w.pdf else None,
               "brief_html": str(w.brief_html), "brief_pdf": str(w.brief_pdf) if w.brief_pdf else None,
               "seconds": round(w.seconds, 2)})  # fmt: skip
        return
    console.print(f"已生成简报（先看这份）：{escape(str(w.brief_pdf or w.brief_html))}")
    console.print(f"完整报告：{escape(str(w.html))}")
    if w.pdf:
        console.print(f"　　　PDF：{escape(str(w.pdf))}")


LETTER_HELP = (
    "文书类型：negotiate 协商还款申请书；card-installment 信用卡个性化分期申请；"
    "stop-harassment 停止骚扰告知函；complaint 投诉材料；police 报警材料；"
    "family 致家人的一封信；visit-checklist 上门应对清单；all 全部"
)


@app.command("letter")
def letter(
    kind: Annotated[str, typer.Argument(help=LETTER_HELP)],
    case: CaseOpt,
    out: OutOpt,
    lender: Annotated[
        str | None, typer.Option("--lender", help="写给哪个催收方（默认：催得最紧的那个）")
    ] = None,
    name: Annotated[str, typer.Option("--name", help="你的姓名（不填则留空白，打印后手写）")] = "",
    phone: Annotated[str, typer.Option("--phone", help="你的手机号（不填则留空白）")] = "",
    address: Annotated[str, typer.Option("--address", help="你的通信地址（不填则留空白）")] = "",
    plan: PlanOpt = None,
    when: DateOpt = None,
    no_pdf: NoPdfOpt = False,
    templates: TemplatesOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """生成文书：KIND.docx（可以修改）、KIND.pdf（可以打印）和 KIND.txt。"""
    from dunguard.documents.letters import KINDS, Person, write_letter

    kinds = list(KINDS) if kind == "all" else [kind]
    if any(k not in KINDS for k in kinds):
        raise UsageError(f"不认识的文书类型“{kind}”，可选：{'、'.join([*KINDS, 'all'])}")
    person = Person(name.strip(), phone.strip(), address.strip())
    written = []
    with open_case(case) as c:
        from dunguard.documents.context import build
        from dunguard.documents.finances import build_finances
        from dunguard.documents.report import add_provisions

        doc = build(c, as_of=_date(when))
        doc.finances = build_finances(c, as_of=doc.as_of, plan_file=plan)
        if doc.finances is not None:
            add_provisions(doc, doc.finances.law_ids())
        for k in kinds:
            written.append(write_letter(c, k, out, person=person, lender=lender, pdf=not no_pdf,
                                        per_lender=True,
                                        templates=templates, doc=doc))  # fmt: skip
    if fmt is Fmt.json:
        _json([{"kind": w.kind, "title": w.title, "txt": str(w.txt), "docx": str(w.docx),
                "pdf": str(w.pdf) if w.pdf else None} for w in written])  # fmt: skip
        return
    t = Table("文书", "Word（可修改）", "PDF（可打印）")
    for w in written:
        t.add_row(w.title, escape(str(w.docx)), escape(str(w.pdf)) if w.pdf else "—")
    console.print(t)
    console.print("空白处（＿＿＿＿）请自己填写。寄出前请通读一遍，删改不符合你实际情况的内容。")


@app.command("demo")
def demo(
    out: Annotated[Path, typer.Option("--out", help="演示结果放在这里（默认 demo/output）")] = Path("demo/output"),
    no_pdf: NoPdfOpt = False,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """用自带的演示数据走一遍：生成手机备份、导入、分析、登记债务、报告和全部文书。"""
    from dunguard.documents.demo import run_demo

    say = (lambda _m: None) if fmt is Fmt.json else (lambda m: console.print(escape(m)))
    r = run_demo(out, pdf=not no_pdf, say=say)
    if fmt is Fmt.json:
        _json({"out": str(r.out), "home": str(r.home), "case": r.case,
               "report": {"html": str(r.report_html), "pdf": str(r.report_pdf) if r.report_pdf else None},
               "brief": str(r.brief) if r.brief else None,
               "letters": {k: [str(p) for p in v] for k, v in r.letters.items()},
               "bundle": str(r.bundle) if r.bundle else None,
               "seconds": {k: round(v, 2) for k, v in r.seconds.items()}})  # fmt: skip
        return
    console.print()
    console.print(f"[bold]演示案件「{escape(r.case)}」已生成[/]（数据放在 {escape(str(r.home))}，不影响你自己的案件）")
    console.print(f"报告：{escape(str(r.report_html))}")
    if r.report_pdf:
        console.print(f"　PDF：{escape(str(r.report_pdf))}")
    if r.brief:
        console.print(f"简报（两三页，先看这份）：{escape(str(r.brief))}")
    console.print(f"文书：{escape(str(r.report_html.parent))}/（每种文书都有 .docx、.pdf、.txt）")
    for k, paths in r.letters.items():
        console.print(f"　{k}: {escape(', '.join(p.name for p in paths))}")
    if r.bundle:
        console.print(f"证据包：{escape(str(r.bundle))}")
    console.print(f"要自己查看这个演示案件：DUNGUARD_HOME={escape(str(r.home))} dunguard case summary --case {escape(r.case)}")
