"""``dunguard bulk analyze`` and ``bulk audit``: many cases at once on a Dask cluster.

Only parsing, calling :mod:`dunguard.bulk.job` and rendering happen here.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dunguard.cli import app, err_console
from dunguard.errors import UsageError

console = Console(highlight=False)

bulk_app = typer.Typer(
    help="批量分析：成千上万个案件、上百万条短信，在本机或 Dask 集群上运行，结果与单条分析相同。",
    no_args_is_help=True,
)
app.add_typer(bulk_app, name="bulk")

_STEPS = {"messages": "分析短信", "findings": "时间线发现", "aggregates": "汇总统计", "audit": "合规审计"}
_KINDS = {"night_contact": "夜间催收", "call_attempts": "一天内反复呼叫", "connected_calls": "一天内通话过多",
          "many_numbers": "换多个号码", "third_party_contact": "联系或告知第三人"}


class Fmt(StrEnum):
    table = "table"
    json = "json"


Inputs = Annotated[list[str], typer.Argument(
    help="短信表：Parquet（文件或文件夹）、CSV（带表头）或 JSONL（UTF-8、GB18030 或带 BOM 的 UTF-16）")]
Out = Annotated[Path, typer.Option("--out", "-o", help="输出文件夹（写入 messages/、findings/、aggregates/）")]
Calls = Annotated[list[str], typer.Option("--calls", help="通话记录表（可多次给出）：号码、时间、时长、状态、案件编号")]
Columns = Annotated[str, typer.Option("--columns", help="列映射，例如 text=内容,case=借款人编号,time=发送时间")]
SaltFile = Annotated[Path, typer.Option("--salt-file", help="去标识化用的盐（不存在则新建；默认在 dunguard 数据目录）")]
Keep = Annotated[bool, typer.Option("--keep-identities", help="不做去标识化：输出里保留电话号码和姓名")]
Scheduler = Annotated[str, typer.Option("--scheduler", help="使用已有的 Dask 集群，例如 tcp://HOST:8786")]
Workers = Annotated[int, typer.Option("--workers", help="本机集群的工作进程数（默认每个 CPU 核一个）")]
Rows = Annotated[int, typer.Option("--partition-rows", help="每个分区的记录数")]
Overwrite = Annotated[bool, typer.Option("--overwrite", help="覆盖输出文件夹里已有的结果")]
FmtOpt = Annotated[Fmt, typer.Option("--format", "-f", help="table（给人看）或 json")]
RulesOnly = Annotated[bool, typer.Option(
    "--rules-only", help="只用规则，不用统计模型（结果里没有规则 id 以 .wording 结尾的发现）")]


def _salt(salt_file: Path | None, keep: bool) -> tuple[bytes | None, Path | None]:
    from dunguard.bulk.deidentify import load_salt
    from dunguard.vault.location import data_home

    if keep:
        if salt_file:
            raise UsageError("--keep-identities 与 --salt-file 不能同时使用")
        return None, None
    path = salt_file or data_home() / "bulk-salt"
    return load_salt(path), path


def _run(inputs: list[str], out: Path, calls: list[str] | None, columns: str | None,
         salt_file: Path | None, keep: bool, scheduler: str | None, workers: int | None,
         rows: int, overwrite: bool, fmt: Fmt, audit_lender: str | None, rules_only: bool):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from dunguard.bulk.columns import parse_mapping
    from dunguard.bulk.job import Options, run

    if not inputs:
        raise UsageError("请给出要分析的短信表")
    if "-" in inputs:
        raise UsageError("批量分析需要文件，不能从标准输入读取")
    salt, salt_path = _salt(salt_file, keep)
    opts = Options(inputs=inputs, out=str(out), calls=calls or [], mapping=parse_mapping(columns),
                   salt=salt, rows=rows, scheduler=scheduler, workers=workers,
                   audit_lender=audit_lender, overwrite=overwrite, rules_only=rules_only)
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=err_console, transient=True,
                   disable=not err_console.is_terminal)
    tasks: dict[str, int] = {}

    def tick(step: str, done: int, total: int) -> None:
        if step not in tasks:
            tasks[step] = bar.add_task(_STEPS.get(step, step), total=total)
        bar.update(tasks[step], completed=done, total=total)

    with bar:
        report = run(opts, tick)
    for b in report.bad_examples[:10]:
        err_console.print(f"[yellow]跳过[/] {escape(str(b[0]))} 第 {b[1]} 行：{escape(str(b[2]))}")
    if fmt is Fmt.json:
        data = report.to_json()
        data["salt_file"] = str(salt_path) if salt_path else None
        data["summary"] = [] if report.summary is None else json.loads(
            report.summary.to_json(orient="records", force_ascii=False))
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        _print(report, salt_path)
    if report.bad:
        err_console.print(f"[yellow]已分析 {report.messages} 条，跳过 {report.bad} 条无法读取的记录。[/]")
        raise typer.Exit(1)


def _print(report, salt_path: Path | None) -> None:
    t = Table(title=f"结果在 {escape(str(report.out))}", show_header=False, title_justify="left")
    t.add_row("短信", f"{report.messages:,} 条（催收 {report.collection:,}，诈骗 {report.scam:,}）")
    if report.calls:
        t.add_row("通话", f"{report.calls:,} 次")
    t.add_row("时间线发现", f"{report.findings:,} 项")
    t.add_row("去标识化", f"是（盐：{escape(str(salt_path))}，请妥善保管）" if salt_path else "否（保留了号码和姓名）")
    console.print(t)
    s = report.summary
    if s is not None and not s.empty:
        by_kind = s.groupby("kind")["findings"].sum()
        for kind, n in by_kind.items():
            console.print(f"  {_KINDS.get(kind, kind)}：{int(n):,}")
    console.print("messages/ 每条短信一行；findings/ 每个案件的时间线发现；aggregates/ 按机构、号码、"
                  "催收公司、手段和月份的统计。", style="dim")


@bulk_app.command("analyze")
def bulk_analyze(
    inputs: Inputs = None,
    out: Out = ...,
    calls: Calls = None,
    columns: Columns = None,
    salt_file: SaltFile = None,
    keep_identities: Keep = False,
    scheduler: Scheduler = None,
    workers: Workers = None,
    partition_rows: Rows = 50_000,
    overwrite: Overwrite = False,
    fmt: FmtOpt = Fmt.table,
    rules_only: RulesOnly = False,
) -> None:
    """批量分析短信表，写出 Parquet 数据集：messages/（每条短信的分类、阶段、手段、规则、原文、
    条文、实体）、findings/（每个案件的夜间催收、反复呼叫等发现）和 aggregates/（统计）。

    电话号码和姓名默认替换为加盐哈希。退出码：0 完成；1 完成但跳过了无法读取的记录；2 输入无法使用。
    """
    _run(inputs, out, calls, columns, salt_file, keep_identities, scheduler, workers,
         partition_rows, overwrite, fmt, None, rules_only)


@bulk_app.command("audit")
def bulk_audit(
    inputs: Inputs = None,
    out: Out = ...,
    lender: Annotated[str, typer.Option("--lender", help="被审计的机构名称（写进发现里）")] = "本机构",
    calls: Calls = None,
    columns: Columns = None,
    salt_file: SaltFile = None,
    keep_identities: Keep = False,
    scheduler: Scheduler = None,
    workers: Workers = None,
    partition_rows: Rows = 50_000,
    overwrite: Overwrite = False,
    fmt: FmtOpt = Fmt.table,
    rules_only: RulesOnly = False,
) -> None:
    """合规审计：机构自己的外发短信和外呼记录里，每一次越过联系时间、频次界线和每一处违规措辞，
    按催收公司和催收员统计，附例子，并生成 HTML 摘要（audit/report.html）。

    表里可以有 agency（催收公司）、collector（催收员）列。退出码同 bulk analyze。
    """
    _run(inputs, out, calls, columns, salt_file, keep_identities, scheduler, workers,
         partition_rows, overwrite, fmt, lender, rules_only)
