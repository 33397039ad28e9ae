"""The case report: one HTML file and its PDF, summary first, evidence last, and a brief of
two or three pages (who, what matters most, what will really happen, what to do now).

    from dunguard.documents.report import write_report
    paths = write_report(case, Path("out"), as_of=date(2026, 2, 5))

The HTML is self-contained (style inline, charts inline SVG), so it opens anywhere offline;
the PDF is the same document printed on A4 with page numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dunguard.documents import charts
from dunguard.documents.advice import Advice, build_advice
from dunguard.documents.context import (
    FINDING_KIND_ZH,
    KIND_ZH,
    SEVERITY_RANK,
    TACTIC_RANK,
    CaseDocument,
    ProvisionView,
    build,
    norm_only,
)
from dunguard.documents.finances import Finances, build_finances
from dunguard.documents.render import css, html_env, write_pdf
from dunguard.law import load as load_law
from dunguard.law.guidance import CONFIDENCE_ZH, Statement
from dunguard.law.outlook import Outlook
from dunguard.law.steps import Step
from dunguard.text.labels import SEVERITY_ZH, STAGE_ZH, TACTIC_ZH

if TYPE_CHECKING:
    from dunguard.case import Case

NOTICE = (
    "dunguard（催收盾）不是律师，本材料不是法律意见。它只说明你的短信和通话记录里有什么、"
    "可能涉及哪些规定。需要法律帮助，可以拨打 12348 公共法律服务热线（免费法律咨询），"
    "或到当地法律援助中心申请法律援助。"
)


@dataclass
class Written:
    html: Path
    pdf: Path | None
    seconds: float
    fetched: list[str]
    brief_html: Path | None = None
    brief_pdf: Path | None = None


BRIEF_TOP = 5  # findings in the brief
BRIEF_STEPS = 6  # steps in the brief: every urgent one, then the first others up to this
# From each lender's outlook, the brief keeps where the debt stands, whether it can be a crime
# and when it can reach the credit report (the full report keeps every statement).
BRIEF_OUTLOOK = (
    "overview.overdue", "overview.not_due", "overview.due_today",
    "card.not_due", "card.conclusion_not_met", "card.conclusion_objective_met", "criminal.civil",
    "report.since", "report.not_due", "report.private", "report.repair_applies",
)


def add_provisions(doc: CaseDocument, ids: list[str]) -> None:
    """Make sure every cited provision's full text is in the document."""
    base = load_law()
    for pid in ids:
        if pid not in doc.provisions and pid in base:
            doc.provisions[pid] = ProvisionView.of(base.get(pid))


def chart_set(doc: CaseDocument, fin: Finances | None) -> dict[str, Any]:
    per_day = {
        ls.lender: ls.stats.per_day for ls in doc.lenders if ls.stats is not None
    }
    paths = {ls.lender: [(s.stage.value, s.time) for s in ls.path] for ls in doc.lenders}
    end = max((c.time.as_shanghai() for c in doc.contacts), default=None)
    debts = []
    if fin is not None:
        debts = [(d.debt.lender, d.apr, d.cap) for d in fin.debts]
    return {
        "per_day": charts.contacts_per_day(per_day),
        "heatmap": charts.heatmap(doc.contacts),
        "escalation": charts.escalation(paths, end),
        "cost": charts.cost_vs_line(debts),
        "plan": charts.plan_balance(fin.balance_series() if fin else [], fin.chosen_name if fin else ""),
    }


@dataclass
class TopItem:
    severity: str
    text: str
    refs: str
    law: str


def top_items(doc: CaseDocument, n: int = 6) -> list[TopItem]:
    """The few findings that matter most: the gravest message tactics, then case findings."""
    items: list[tuple[int, int, TopItem]] = []
    for m in doc.top_messages(n):
        q = min(m.quotes, key=lambda q: (SEVERITY_RANK.get(q.severity, 9), TACTIC_RANK.get(q.label, 99)))
        provs = [doc.provisions[i] for i in q.law if i in doc.provisions]
        note = "（所涉规定均为行业规范，不是法律）" if provs and norm_only(provs) else ""
        who = m.lender or "催收方"
        text = (f"{who} {m.time_text} 的短信里写着“{q.quote}”，属于「{q.label_zh}」一类的内容，"
                f"可能涉及{doc.law_labels(q.law, 4) or '相关规定'}{note}。")  # fmt: skip
        items.append((SEVERITY_RANK.get(q.severity, 9), 0,
                      TopItem(q.severity, text, doc.refs([m.id]), "")))  # fmt: skip
    for f in doc.findings:
        items.append((SEVERITY_RANK.get(f.severity.value, 9), 1,
                      TopItem(f.severity.value, f.text, doc.refs(f.records), doc.law_labels(f.law))))  # fmt: skip
    items.sort(key=lambda x: (x[0], x[1]))
    return [x[2] for x in items[:n]]


def report_context(doc: CaseDocument, advice: Advice, *, templates: Path | None = None) -> dict[str, Any]:
    add_provisions(doc, advice.law_ids())
    fin = doc.finances
    return {
        "doc": doc,
        "advice": advice,
        "top": top_items(doc),
        "fin": fin,
        "charts": chart_set(doc, fin),
        "css": css("style.css", templates),
        "notice": NOTICE,
        "stage_zh": STAGE_ZH,
        "tactic_zh": TACTIC_ZH,
        "severity_zh": SEVERITY_ZH,
        "finding_zh": FINDING_KIND_ZH,
        "kind_zh": KIND_ZH,
        "confidence_zh": {c.value: t for c, t in CONFIDENCE_ZH.items()},
        "norm_only": norm_only,
    }


def brief_outlook(ol: Outlook) -> list[Statement]:
    """The few statements of one lender's outlook that the brief shows, in outlook order."""
    return [s for s in ol.statements() if s.id in BRIEF_OUTLOOK]


def brief_steps(advice: Advice) -> tuple[list[Step], int]:
    """Every urgent step, then the others in order, up to :data:`BRIEF_STEPS`; and how many
    were left for the full report."""
    urgent = [s for s in advice.steps if s.urgent]
    rest = [s for s in advice.steps if not s.urgent]
    chosen = urgent + rest[: max(0, BRIEF_STEPS - len(urgent))]
    return chosen, len(advice.steps) - len(chosen)


def render_brief(doc: CaseDocument, advice: Advice, *, templates: Path | None = None) -> str:
    steps, more = brief_steps(advice)
    ctx = report_context(doc, advice, templates=templates)
    ctx.update(top=top_items(doc, BRIEF_TOP), steps=steps, more_steps=more,
               brief_outlook=brief_outlook)
    return html_env(templates).get_template("brief.html.j2").render(**ctx)


def render_report(doc: CaseDocument, advice: Advice | None = None, *,
                  templates: Path | None = None) -> str:  # fmt: skip
    advice = advice or build_advice(doc)
    return html_env(templates).get_template("report.html.j2").render(
        **report_context(doc, advice, templates=templates)
    )


def write_report(
    case: Case,
    out: Path,
    *,
    as_of: date | None = None,
    now: datetime | None = None,
    plan_file: Path | None = None,
    pdf: bool = True,
    templates: Path | None = None,
) -> Written:
    """Write ``out/report.html`` and ``out/report.pdf``, and the brief ``out/brief.html`` and
    ``out/brief.pdf``."""
    import time

    t0 = time.perf_counter()
    doc = build(case, as_of=as_of, now=now)
    doc.finances = build_finances(case, as_of=doc.as_of, plan_file=plan_file)
    if doc.finances is not None:
        add_provisions(doc, doc.finances.law_ids())
    advice = build_advice(doc)
    html = render_report(doc, advice, templates=templates)
    brief = render_brief(doc, advice, templates=templates)
    out.mkdir(parents=True, exist_ok=True)
    html_path = out / "report.html"
    html_path.write_text(html, encoding="utf-8")
    brief_path = out / "brief.html"
    brief_path.write_text(brief, encoding="utf-8")
    fetched: list[str] = []
    pdf_path = write_pdf(html, out / "report.pdf", fetched=fetched) if pdf else None
    brief_pdf = write_pdf(brief, out / "brief.pdf", fetched=fetched) if pdf else None
    return Written(html_path, pdf_path, time.perf_counter() - t0, fetched, brief_path, brief_pdf)
