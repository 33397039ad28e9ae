"""The demo: from the bundled demo data to a full case with its report and every letter.

``demo/phone/sms.tsv`` and ``calls.tsv`` (readable text, small) become an Android "SMS Backup &
Restore" export, the most common phone backup, which is then imported like a user's own. The
demo runs in its own data folder (``OUT/home``) so it never touches the user's cases and can be
run again: a previous demo output folder (marked by ``.dunguard-demo``) is replaced.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from dunguard.errors import InputError
from dunguard.model import SHANGHAI

CASE_NAME = "演示-张伟"
MARKER = ".dunguard-demo"
_SMS_TYPE = {"in": 1, "out": 2}
_CALL_TYPE = {"incoming": 1, "outgoing": 2, "missed": 3, "rejected": 5}


def demo_data() -> Path:
    """``demo/phone`` of the source tree (the package is installed from it), else of the cwd."""
    here = Path(__file__).resolve().parents[3] / "demo" / "phone"
    return here if here.is_dir() else Path.cwd() / "demo" / "phone"


def _rows(path: Path, width: int) -> list[list[str]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != width:
            raise InputError(f"应有 {width} 列，用 Tab 分隔", file=str(path), place=f"第{n}行")
        out.append(cells)
    return out


def _ms(text: str) -> int:
    dt = datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=SHANGHAI)
    return int(dt.timestamp() * 1000)


def build_export(data: Path, out: Path) -> list[Path]:
    """Write the SBR messages and calls files for the demo data; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    sms = _rows(data / "sms.tsv", 4)
    calls = _rows(data / "calls.tsv", 4)
    lines = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>",
             f'<smses count="{len(sms)}" backup_set="dunguard-demo" type="full">']  # fmt: skip
    for when, number, way, body in sms:
        ms = _ms(when)
        typ = _SMS_TYPE[way]
        lines.append(
            f'  <sms protocol="0" address="{number}" date="{ms}" type="{typ}" subject="null" '
            f'body={quoteattr(body)} toa="null" sc_toa="null" service_center="null" read="1" '
            f'status="-1" locked="0" date_sent="{ms - 2000 if typ == 1 else 0}" sub_id="1" '
            f'readable_date="" contact_name="(Unknown)" />'
        )
    lines.append("</smses>")
    sms_path = out / "sms-demo.xml"
    sms_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>",
             f'<calls count="{len(calls)}" backup_set="dunguard-demo" type="full">']  # fmt: skip
    for when, number, seconds, kind in calls:
        lines.append(
            f'  <call number="{number}" duration="{int(seconds)}" date="{_ms(when)}" '
            f'type="{_CALL_TYPE[kind]}" presentation="1" subscription_id="1" '
            f'post_dial_digits="" readable_date="" contact_name="(Unknown)" />'
        )
    lines.append("</calls>")
    calls_path = out / "calls-demo.xml"
    calls_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [sms_path, calls_path]


@dataclass
class DemoResult:
    out: Path
    home: Path
    case: str
    export: list[Path]
    report_html: Path
    report_pdf: Path | None
    brief: Path | None = None  # the brief's PDF, else its HTML
    letters: dict[str, list[Path]] = field(default_factory=dict)
    bundle: Path | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def _fresh(out: Path) -> None:
    if out.exists():
        if not (out / MARKER).exists() and any(out.iterdir()):
            raise InputError(
                "这个文件夹已经有别的文件，演示不会覆盖它；请换一个文件夹，或先清空它。", file=str(out)
            )
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("dunguard demo output; safe to delete\n", encoding="utf-8")


def run_demo(out: Path, *, data: Path | None = None, pdf: bool = True,
             say: Callable[[str], None] = lambda _: None) -> DemoResult:  # fmt: skip
    """Build the demo case in ``out`` and write its report and letters."""
    from dunguard.case import create_case
    from dunguard.documents.letters import KINDS, Person, write_letter
    from dunguard.documents.report import write_report
    from dunguard.money.planfile import load_plan_file
    from dunguard.text.engine import Engine

    data = data or demo_data()
    if not (data / "sms.tsv").is_file():
        raise InputError("找不到演示数据 demo/phone/sms.tsv（请在项目目录里运行）。", file=str(data))
    out = out.expanduser().resolve()
    _fresh(out)
    home = out / "home"
    os.environ["DUNGUARD_HOME"] = str(home)  # the demo's own data folder
    secs: dict[str, float] = {}
    t = time.perf_counter()
    export = build_export(data, out / "phone-export")
    say(f"生成演示手机备份：{', '.join(p.name for p in export)}")
    plan_file = data / "plan.yaml"
    plan = load_plan_file(plan_file)
    as_of = plan.as_of or date.today()
    with create_case(CASE_NAME) as c:
        rep = c.import_files(export)
        say(f"导入：短信 {rep.total('messages')} 条、通话 {rep.total('calls')} 条")
        _, analyses = c.analyze_messages()
        c.store_analysis(analyses.values(), Engine.default().pack.sha256)
        for d in plan.debts:
            c.save_debt(d)
        secs["import_analyse"] = time.perf_counter() - t
        say(f"分析：{len(analyses)} 条短信；登记债务 {len(plan.debts)} 笔")
        docs = out / "documents"
        t = time.perf_counter()
        w = write_report(c, docs, as_of=as_of, plan_file=plan_file, pdf=pdf)
        secs["report"] = time.perf_counter() - t
        say(f"报告：{w.html.name}" + (f"、{w.pdf.name}" if w.pdf else "")
            + f"；简报：{w.brief_html.name}" + (f"、{w.brief_pdf.name}" if w.brief_pdf else ""))
        result = DemoResult(out, home, CASE_NAME, export, w.html, w.pdf,
                            brief=w.brief_pdf or w.brief_html, seconds=secs)
        person = Person(name="张伟")
        t = time.perf_counter()
        for kind in KINDS:
            lw = write_letter(c, kind, docs, person=person, as_of=as_of, plan_file=plan_file, pdf=pdf)
            result.letters[kind] = [p for p in (lw.txt, lw.docx, lw.pdf) if p is not None]
        secs["letters"] = time.perf_counter() - t
        say(f"文书：{len(KINDS)} 份")
        result.bundle = c.export_bundle(out / "evidence-bundle.zip")
    return result
