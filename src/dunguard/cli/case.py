"""Commands for cases and evidence: ``case new|list``, ``import``, ``verify``, ``export``.

Only parsing, calling :mod:`dunguard.case` and rendering happen here.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from dunguard.case import (
    ImportReport,
    VerifyReport,
    create_case,
    list_cases,
    open_case,
    verify_bundle,
)
from dunguard.cli import app, err_console
from dunguard.errors import IntegrityError, UsageError

console = Console(highlight=False)

case_app = typer.Typer(
    help="新建和列出案件（一个案件就是一个人的一套证据）。", no_args_is_help=True
)
app.add_typer(case_app, name="case")

MAP_FIELDS = ("text", "time", "sender", "direction", "id", "counterparty")
_STATUS = {"imported": "已导入", "already_imported": "早已导入", "skipped": "无法读取"}


class OutFormat(StrEnum):
    table = "table"
    json = "json"


FormatOpt = Annotated[OutFormat, typer.Option("--format", help="输出格式：table（给人看）或 json")]
CaseOpt = Annotated[str, typer.Option("--case", help="案件名称（用 dunguard case list 查看）")]


def _json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


# ---------------------------------------------------------------------- case new / list


@case_app.command("new")
def case_new(
    name: Annotated[str, typer.Argument(help="案件名称，例如“张三-某某贷”")],
    fmt: FormatOpt = OutFormat.table,
) -> None:
    """新建一个案件。"""
    with create_case(name) as c:
        if fmt is OutFormat.json:
            _json({"name": c.name, "path": str(c.path), "tree_head": c.tree_head()})
            return
        console.print(f"已新建案件「{escape(c.name)}」，保存在 {escape(str(c.path))}")
        console.print(f"下一步：dunguard import 备份文件 --case {escape(c.name)}")


@case_app.command("list")
def case_list(fmt: FormatOpt = OutFormat.table) -> None:
    """列出已有的案件。"""
    cases = list_cases()
    if fmt is OutFormat.json:
        _json([c.to_json() for c in cases])
        return
    if not cases:
        console.print("还没有案件。用 dunguard case new 名称 新建一个。")
        return
    t = Table("案件", "消息", "通话", "原件", "新建时间（UTC）", "位置")
    for c in cases:
        t.add_row(
            escape(c.name),
            str(c.counts["messages"]),
            str(c.counts["calls"]),
            str(c.counts["sources"]),
            (c.created_at or "")[:19].replace("T", " "),
            escape(c.path),
        )
    console.print(t)


# ---------------------------------------------------------------------- import


def parse_map(spec: str | None) -> dict[str, str] | None:
    """``text=内容,time=时间`` → {"text": "内容", "time": "时间"}."""
    if not spec:
        return None
    out: dict[str, str] = {}
    for part in spec.replace("，", ",").split(","):
        if not part.strip():
            continue
        key, sep, col = part.partition("=")
        key, col = key.strip(), col.strip()
        if not sep or not col:
            raise UsageError(
                f"--map 的“{part}”写法不对，应写成 字段=列名，例如 text=内容,time=时间。"
            )
        if key not in MAP_FIELDS:
            raise UsageError(
                f"--map 里的字段“{key}”不认识，可用的字段有：{'、'.join(MAP_FIELDS)}。"
            )
        out[key] = col
    return out or None


@app.command("import")
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help="手机导出的备份文件，可以一次给多个")],
    case: CaseOpt,
    salvage: Annotated[
        bool,
        typer.Option("--salvage", help="文件有损坏时，导入能读出的部分，并列出跳过的地方"),
    ] = False,
    mapping: Annotated[
        str | None,
        typer.Option("--map", help="表格/JSONL 的列对应关系，例如 text=内容,time=时间,sender=号码"),
    ] = None,
    shot_date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="截图是哪天截的（如 2024-03-08），用来把“昨天 14:47”换算成日期；不给就用图片自带的日期",
        ),
    ] = None,
    fmt: FormatOpt = OutFormat.table,
) -> None:
    """把手机导出的短信、彩信、通话记录或聊天截图导入案件（原件原样保存，重复的只存一次）。

    截图可以是图片、装满截图的文件夹或 ZIP 压缩包。"""
    from dunguard.ingest.screenshot import screenshot_inputs

    cols = parse_map(mapping)
    files, forced = screenshot_inputs(files, shot_date)
    with open_case(case) as c:
        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=err_console,
            transient=True,
        )
        task = progress.add_task("准备导入", total=None)

        def on_progress(done: int, total: int, what: str) -> None:
            progress.update(task, completed=done, total=total, description=escape(what))

        with progress:
            report = c.import_files(
                files, salvage=salvage, mapping=cols, progress=on_progress, reader=forced
            )
        counts = c.counts()
    if fmt is OutFormat.json:
        _json({"case": c.name, **report.to_json(), "case_counts": counts})
        return
    _print_import(c.name, report, counts)


def _print_import(name: str, report: ImportReport, counts: dict[str, int]) -> None:
    t = Table("文件", "格式", "新消息", "新通话", "附件", "重复", "问题", "结果")
    t.columns[0].overflow = "fold"
    for f in report.files:
        t.add_row(
            escape(f.name),
            f.format,
            str(f.messages),
            str(f.calls),
            str(f.attachments),
            str(f.duplicates),
            str(len(f.problems)),
            _STATUS.get(f.status, f.status) + ("" if f.complete else "（不完整）"),
        )
    console.print(t)
    console.print(
        f"导入到案件「{escape(name)}」：新增消息 {report.total('messages')} 条、"
        f"通话 {report.total('calls')} 条，跳过重复 {report.total('duplicates')} 条，"
        f"问题 {report.total('problems')} 个。"
        f"案件现有消息 {counts['messages']} 条、通话 {counts['calls']} 条。"
    )
    problems = [p for f in report.files for p in f.problems]
    if problems:
        console.print("[bold yellow]跳过或需要注意的地方：[/]")
        for p in problems[:50]:
            where = f"{Path(p.file).name} {p.place}".strip()
            console.print(f"  - {escape(where)}：{escape(p.message)}")
        if len(problems) > 50:
            console.print(f"  ……还有 {len(problems) - 50} 个（用 --format json 查看全部）")


# ---------------------------------------------------------------------- verify / export


@app.command("verify")
def verify_cmd(
    bundle: Annotated[
        Path | None,
        typer.Argument(help="要检查的证据包（.zip）；不给就检查 --case 的案件"),
    ] = None,
    case: Annotated[
        str | None,
        typer.Option("--case", help="要检查的案件；和证据包一起给时，还会核对两者的日志是否一致"),
    ] = None,
    fmt: FormatOpt = OutFormat.table,
) -> None:
    """检查案件或证据包是否完好：逐项列出被改动过的文件、记录或日志。完好时退出码 0，有改动时 1。"""
    if bundle is None and case is None:
        raise UsageError("请给出要检查的证据包文件，或用 --case 指定要检查的案件。")
    if bundle is not None:
        if case is not None:
            with open_case(case) as c:
                report = verify_bundle(bundle, case=c)
        else:
            report = verify_bundle(bundle)
    else:
        assert case is not None
        with open_case(case) as c:
            report = c.verify()
    if fmt is OutFormat.json:
        _json(report.to_json())
    else:
        _print_verify(report)
    if not report.ok:  # exit 1: checked, and found a change (taxonomy.md §6)
        raise IntegrityError(f"发现 {len(report.issues)} 处与存证不符的地方，详见上面的列表。")


def _print_verify(r: VerifyReport) -> None:
    what = f"案件「{escape(r.target)}」" if r.kind == "case" else f"证据包 {escape(r.target)}"
    checked = "、".join(
        f"{n} {label}"
        for key, label in (
            ("files", "个文件"),
            ("blobs", "个原件和附件"),
            ("records", "条记录"),
            ("analyses", "条分析结果"),
            ("events", "条日志"),
        )
        if (n := r.checked.get(key))
    )
    if r.ok:
        console.print(f"[bold green]✓ 完好[/]：{what}没有被改动过（检查了 {checked}）。")
    else:
        console.print(f"[bold red]✗ 发现 {len(r.issues)} 处改动[/]：{what}（检查了 {checked}）")
        for i in r.issues:
            console.print(f"  - {escape(i.item)}：{escape(i.message)}")
    for note in r.notes:
        console.print(f"  注：{escape(note)}")
    console.print(f"日志共 {r.tree_size} 条，根哈希 {r.root}")


@app.command("export")
def export_cmd(
    case: CaseOpt,
    bundle: Annotated[Path, typer.Option("--bundle", help="要生成的证据包文件，例如 证据.zip")],
    fmt: FormatOpt = OutFormat.table,
) -> None:
    """把案件导出为证据包（zip），别人只用 sha256sum 就能检查它有没有被改动。"""
    with open_case(case) as c:
        out = c.export_bundle(bundle)
        head = c.tree_head()
    if fmt is OutFormat.json:
        _json({"case": c.name, "bundle": str(out), "size": out.stat().st_size, "tree_head": head})
        return
    console.print(f"已导出证据包：{escape(str(out))}")
    console.print(
        "检查方法：解压后运行 sha256sum -c SHA256SUMS，或运行 dunguard verify " + escape(str(out))
    )
    console.print(f"日志共 {head['size']} 条，根哈希 {head['root']}（建议另外保存这一行）")
