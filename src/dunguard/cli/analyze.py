"""``dunguard analyze``, ``explain``, ``rules`` and ``eval``: the message analysis on the command line."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from dunguard.cli import app, err_console
from dunguard.errors import InputError, UsageError
from dunguard.model import Analysis
from dunguard.text.inputs import BadRecord, InputRecord, read_inputs
from dunguard.text.labels import CATEGORY_ZH, SEVERITY_ZH, STAGE_ZH, TACTIC_ZH, label_zh

console = Console(highlight=False)
_SEVERITY_STYLE = {"info": "cyan", "low": "yellow", "medium": "bold yellow", "high": "bold red"}
_CATEGORY_STYLE = {"collection": "bold yellow", "scam": "bold magenta", "other": "green"}


class Fmt(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"


def _records(paths: list[str], bad: list[BadRecord]) -> Iterator[InputRecord]:
    with ExitStack() as stack:
        for p in paths:
            if p == "-":
                name, stream = "<stdin>", sys.stdin.buffer
            else:
                path = Path(p)
                if not path.exists():
                    raise InputError("找不到这个文件", file=p)
                if path.is_dir():
                    raise InputError("这是一个文件夹，请给出文件", file=p)
                try:
                    stream = stack.enter_context(open(path, "rb", buffering=1 << 17))
                except OSError as e:
                    raise InputError(f"无法打开文件：{e.strerror}", file=p) from e
                name = p
            for item in read_inputs(name, stream):
                if isinstance(item, BadRecord):
                    bad.append(item)
                    err_console.print(
                        f"[yellow]跳过[/] {escape(item.file)} 第 {item.line} 行：{escape(item.reason)}",
                        highlight=False,
                    )
                else:
                    yield item


@app.command()
def analyze(
    files: list[str] = typer.Argument(None, help="要分析的文件（JSONL、带表头的 CSV 或每行一条的纯文本），- 表示标准输入"),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="输出格式：table（给人看）、jsonl、json"),
    case: str = typer.Option(None, "--case", help="分析某个案件里导入的全部短信，并把结果存入案件"),
    rules_only: bool = typer.Option(False, "--rules-only",
                                    help="只用规则，不用统计用词模型（结果只来自规则，更快）"),
) -> None:
    """分析短信：是否催收、到了哪一步、用了哪些手段，以及依据。

    规则没认出来的说法，由统计用词模型补充判断（发现里会写明“统计模型的判断”）；
    加 --rules-only 只用规则。

    退出码：0 全部分析完成；1 分析完成，但有记录无法读取已跳过；2 输入无法使用。
    """
    from dunguard.text.engine import Engine

    engine = Engine.default(rules_only=rules_only)
    if case:
        if files:
            raise UsageError("--case 与文件不能同时使用：要么分析案件，要么分析文件")
        _analyze_case(case, engine, fmt)
        return
    if not files:
        raise UsageError("请给出要分析的文件，或用 - 从标准输入读取")
    bad: list[BadRecord] = []
    results = (
        engine.analyze(r.text, id=r.id, sent_at=r.time, direction=r.direction)
        for r in _records(files, bad)
    )
    n = _emit(results, fmt)
    if n == 0:
        raise InputError("没有可以分析的短信" + ("（所有记录都无法读取）" if bad else "（输入是空的）"),
                         file=", ".join(files))
    if bad:
        err_console.print(f"[yellow]已分析 {n} 条，跳过 {len(bad)} 条无法读取的记录。[/]")
        raise typer.Exit(1)


def _analyze_case(name: str, engine, fmt: Fmt) -> None:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from dunguard.case import open_case

    c = open_case(name)
    results: list[Analysis] = []
    total = c.counts()["messages"]
    # A bar on stderr for long runs in a terminal; stdout keeps the results only.
    bar = Progress(
        TextColumn("分析短信"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        disable=total < 2000 or not err_console.is_terminal,
    )

    def run() -> Iterator[Analysis]:
        task = bar.add_task("analyze", total=total)
        for i, m in enumerate(c.messages(), 1):
            a = engine.analyze(m.text, id=m.id, sent_at=m.time.as_source() if m.time else None,
                               direction=m.direction)
            results.append(a)
            if i % 500 == 0:
                bar.update(task, completed=i)
            yield a

    with bar:
        _emit(run(), fmt)
    c.store_analysis([a.to_json() for a in results], engine.pack.sha256)
    if fmt is Fmt.table:
        console.print(f"已把 {len(results)} 条分析结果存入案件“{escape(name)}”，并记入证据日志。")


def _emit(results: Iterator[Analysis], fmt: Fmt) -> int:
    n = 0
    if fmt is Fmt.jsonl:
        out = sys.stdout
        for a in results:
            out.write(json.dumps(a.to_json(), ensure_ascii=False))
            out.write("\n")
            n += 1
        out.flush()
        return n
    if fmt is Fmt.json:
        items = [a.to_json() for a in results]
        summary = _summary(items)
        json.dump({"results": items, "summary": summary}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return len(items)
    items_for_summary: list[dict] = []
    for a in results:
        n += 1
        _print_one(a)
        items_for_summary.append({"category": a.category.value,
                                  "stage": a.stage.value if a.stage else None,
                                  "tactics": [t.value for t in a.tactics]})
    if n:
        _print_summary(_summary(items_for_summary))
    return n


def _summary(items: list[dict]) -> dict:
    cat = Counter(i["category"] for i in items)
    stage = Counter(i["stage"] for i in items if i["stage"])
    tac = Counter(t for i in items for t in i["tactics"])
    return {"messages": len(items), "category": dict(cat), "stage": dict(stage), "tactics": dict(tac)}


def _highlighted(text: str, a: Analysis) -> Text:
    t = Text(text)
    for f in a.findings:
        s, e = f.span
        if e > s:
            t.stylize(f"reverse {_SEVERITY_STYLE[f.severity.value]}", s, e)
    return t


def _print_one(a: Analysis) -> None:
    head = Text()
    head.append(f"#{a.id} ", style="dim")
    head.append(CATEGORY_ZH[a.category.value], style=_CATEGORY_STYLE[a.category.value])
    if a.stage:
        head.append(f" · 阶段：{STAGE_ZH[a.stage.value]}", style="bold")
    if a.tactics:
        head.append(" · 手段：" + "、".join(TACTIC_ZH[t.value] for t in a.tactics), style="bold red")
    console.print(head)
    for f in a.findings:
        line = Text("  • ")
        line.append(f"「{f.quote}」", style=_SEVERITY_STYLE[f.severity.value])
        line.append(f" {label_zh(f.label)}（{f.rule}，严重程度：{SEVERITY_ZH[f.severity.value]}）", style="dim")
        console.print(line)
    ent = a.entities
    bits = []
    if ent.lender:
        bits.append("机构：" + "、".join(ent.lender))
    if ent.amounts:
        bits.append("金额：" + "、".join(f"{x:,.2f}元" for x in ent.amounts))
    if ent.overdue_days:
        bits.append("逾期：" + "、".join(f"{d}天" for d in ent.overdue_days))
    if ent.deadlines:
        bits.append("期限：" + "、".join(d.isoformat() for d in ent.deadlines))
    if ent.phones:
        bits.append("电话：" + "、".join(p.number for p in ent.phones))
    if bits:
        console.print("  " + "；".join(bits), style="dim")


def _print_summary(s: dict) -> None:
    table = Table(title=f"共 {s['messages']} 条短信", show_header=True, header_style="bold")
    table.add_column("分类")
    table.add_column("条数", justify="right")
    for k, v in s["category"].items():
        table.add_row(CATEGORY_ZH.get(k, k), str(v))
    for k in STAGE_ZH:
        if k in s["stage"]:
            table.add_row(f"  阶段：{STAGE_ZH[k]}", str(s["stage"][k]))
    for k in TACTIC_ZH:
        if k in s["tactics"]:
            table.add_row(f"  手段：{TACTIC_ZH[k]}", str(s["tactics"][k]))
    console.print(table)


@app.command()
def explain(
    text: str = typer.Argument(..., help="短信原文（用引号括起来）"),
    time: str = typer.Option(None, "--time", help="收到短信的时间，例如 2026-01-08T14:47:13+08:00，用于计算期限和适用的法条"),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table 或 json"),
) -> None:
    """逐条解释一条短信触发的规则，并列出所引条文的全文。"""
    from dunguard.law import load
    from dunguard.text.engine import Engine
    from dunguard.text.inputs import parse_time

    try:
        sent_at = parse_time(time) if time else None
    except ValueError as e:
        raise UsageError(f"--time 无法识别：{time}") from e
    engine = Engine.default()
    a = engine.analyze(text, id="1", sent_at=sent_at)
    base = load()
    if fmt is not Fmt.table:
        obj = a.to_json()
        for f, fj in zip(a.findings, obj["findings"], strict=True):
            fj["explanation"] = _explanation(f, base)
            fj["provisions"] = [_provision_json(base.get(i)) for i in f.law]
        json.dump(obj, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    _print_one(a)
    console.print(_highlighted(text, a))
    if not a.findings:
        console.print("没有触发任何规则。", style="green")
    for i, f in enumerate(a.findings, 1):
        console.rule(f"{i}. {label_zh(f.label)}：「{escape(f.quote)}」")
        console.print(f"规则：{f.rule}（第 {f.rule_version} 版）  严重程度：{SEVERITY_ZH[f.severity.value]}")
        console.print(_explanation(f, base))
        for lid in f.law:
            p = base.get(lid)
            console.print(Text(f"\n{p.label()}  [{p.bindingness_name}，可信度 {p.confidence.value}]", style="bold"))
            console.print(Text(p.text_heading + "：", style="dim"))
            console.print(Text(p.text))
    console.print("\n说明：以上是根据短信文字做出的提示，只说明短信包含什么内容、可能涉及哪些规定，"
                  "不是法律意见。免费法律援助可拨打 12348。", style="dim")


def _explanation(f, base) -> str:
    """The rule's sentence, plus what kind of rule backs it when none of it is law."""
    provs = [base.get(i) for i in f.law]
    if provs and not any(p.binding_law for p in provs):
        kinds = {p.kind_text for p in provs}
        note = "违反行业规范" if kinds == {"违反行业规范"} else "违反监管规定或行业规范"
        return f"{f.explanation}（依据是监管规定或行业规范，不是法律：如属实，属于{note}。）"
    return f.explanation


def _provision_json(p) -> dict:
    return {"id": p.id, "label": p.label(), "bindingness": p.bindingness.value,
            "kind_text": p.kind_text, "confidence": p.confidence.value,
            "verbatim": p.verbatim, "text": p.text}


@app.command()
def rules(
    fmt: str = typer.Option("table", "--format", "-f", help="table、json 或 markdown"),
) -> None:
    """列出全部规则：每条规则查什么、为什么、依据哪些条文。"""
    from dunguard.text.catalogue import catalogue_json, catalogue_markdown

    if fmt == "json":
        json.dump(catalogue_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif fmt == "markdown":
        sys.stdout.write(catalogue_markdown())
    elif fmt == "table":
        data = catalogue_json()
        for group in data["labels"]:
            table = Table(title=f"{group['title']}（{group['label']}）", show_lines=True,
                          title_justify="left")
            table.add_column("规则", no_wrap=True)
            table.add_column("说明")
            table.add_column("依据")
            for r in group["rules"]:
                table.add_row(r["id"], r["explain"], "\n".join(p["label"] for p in r["law"]))
            console.print(table)
        console.print(f"规则包版本（SHA-256）：{data['pack_sha256'][:16]}…  共 {data['count']} 条规则")
    else:
        raise UsageError("--format 只能是 table、json 或 markdown")


@app.command("eval")
def eval_(
    corpus: list[Path] = typer.Argument(..., help="带标注的 JSONL 语料（字段 text、category、stage、tactics）"),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table 或 json"),
    errors: int = typer.Option(20, "--errors", help="列出多少条判断错误的例子"),
    rules_only: bool = typer.Option(False, "--rules-only",
                                    help="只用规则，不用统计用词模型（结果只来自规则，更快）"),
) -> None:
    """用带标注的语料评估分析准确度：每个标签的精确率、召回率、F1 和类别混淆矩阵。"""
    from dunguard.text.engine import Engine
    from dunguard.text.evaluate import CATEGORIES, STAGE_ROWS, score

    engine = Engine.default(rules_only=rules_only)
    bad: list[BadRecord] = []

    def pairs():
        for r in _records([str(p) for p in corpus], bad):
            gold = dict(r.raw or {})
            if "category" not in gold:
                bad.append(BadRecord(str(corpus), r.line, "缺少 category 标注"))
                continue
            gold.setdefault("id", r.id)
            yield gold, engine.analyze(r.text, id=r.id, sent_at=r.time, direction=r.direction)

    rep = score(pairs())
    if rep.n == 0:
        raise InputError("语料里没有带标注的短信", file=", ".join(map(str, corpus)))
    if fmt is not Fmt.table:
        obj = rep.to_json()
        obj["errors"] = obj["errors"][:errors]
        json.dump(obj, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    console.print(f"共 {rep.n} 条；类别准确率 {rep.category_accuracy:.3f}；阶段宏平均 F1 "
                  f"{rep.stage_macro_f1:.3f}；手段精确率 {rep.tactic_micro.precision:.3f}、召回率 "
                  f"{rep.tactic_micro.recall:.3f}", style="bold")
    t = Table(title="各标签", header_style="bold")
    for col in ("标签", "精确率", "召回率", "F1", "样本数"):
        t.add_column(col, justify="right" if col != "标签" else "left")
    for group in (rep.category_scores(), rep.stage_scores(), rep.tactic_scores()):
        for k, s in group.items():
            t.add_row(k, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.support))
    console.print(t)
    cm = Table(title="类别混淆矩阵（行：标注，列：判断）", header_style="bold")
    cm.add_column("")
    for c in CATEGORIES:
        cm.add_column(c, justify="right")
    for g in CATEGORIES:
        cm.add_row(g, *(str(rep.confusion[(g, p)]) for p in CATEGORIES))
    console.print(cm)
    sm = Table(title="阶段混淆矩阵（行：标注，列：判断；无 = 不是催收，没有阶段）", header_style="bold")
    sm.add_column("")
    for s in STAGE_ROWS:
        sm.add_column(s or "无", justify="right")
    for g in STAGE_ROWS:
        sm.add_row(g or "无", *(str(rep.stage_confusion[(g, p)]) for p in STAGE_ROWS))
    console.print(sm)
    for e in rep.errors[:errors]:
        console.print(f"[dim]{escape(str(e['id']))}[/] {escape(e['text'][:120])}")
        console.print(f"   标注 {e['gold']}  判断 {e['got']}  规则 {e['rules']}", style="dim")
