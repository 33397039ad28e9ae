"""Letters filled from the case: to the lender, the bank, the regulator, the police, the family,
and a checklist for the door. Each is written as ``KIND.txt``, ``KIND.docx`` and ``KIND.pdf``.

    from dunguard.documents.letters import write_letter
    write_letter(case, "stop-harassment", Path("out"), person=Person(name="张三"))

The words are in ``templates/letters/KIND.txt.j2`` (Jinja2, line marks in
:mod:`dunguard.documents.blocks`); this module only gathers the values they use. What the case
cannot know (an ID number, an address, the reason for hardship) stays a visible blank ＿＿＿＿.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dunguard.documents import blocks
from dunguard.documents.advice import Advice, LenderAdvice, build_advice
from dunguard.documents.context import (
    FINDING_KIND_ZH,
    KIND_ZH,
    CaseDocument,
    EvidenceRow,
    MessageView,
    Quote,
    build,
    norm_only,
)
from dunguard.documents.finances import build_finances
from dunguard.documents.render import css, html_env, text_env, write_pdf
from dunguard.documents.report import NOTICE, add_provisions
from dunguard.errors import UsageError
from dunguard.law import load as load_law
from dunguard.law.guidance import resolve_ids
from dunguard.law.steps import next_steps
from dunguard.text.labels import STAGE_ZH
from dunguard.timeline import LenderSummary
from dunguard.timeline.contacts import UNATTRIBUTED

if TYPE_CHECKING:
    from dunguard.case import Case
    from dunguard.model import CaseFinding

BLANK = "＿＿＿＿"


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    to: str  # who it is for, in the CLI's list


KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("negotiate", "协商还款申请书", "出借方：你的还款方案和困难说明"),
    Kind("card-installment", "个性化分期还款申请书", "信用卡发卡银行（《商业银行信用卡业务监督管理办法》第70条）"),
    Kind("stop-harassment", "停止骚扰告知函", "出借方和催收机构：只联系本人、不在夜间联系、书面沟通"),
    Kind("complaint", "投诉材料", "12378、地方金融管理局或互金协会举报平台，按出借方类型选择"),
    Kind("police", "情况说明（报警材料）", "派出所：威胁、辱骂、爆通讯录、冒充公检法、上门滋扰"),
    Kind("family", "致家人的一封信", "家人：发生了什么、我的计划、催收的人联系你们怎么办"),
    Kind("visit-checklist", "上门应对清单", "贴在门边的一页清单"),
)}  # fmt: skip
POLICE_LABELS = ("threat", "insult", "third_party", "impersonation", "public_exposure", "false_criminal")


@dataclass
class Person:
    """What only the borrower knows; anything not given stays a blank."""

    name: str = ""
    phone: str = ""
    address: str = ""

    def get(self, key: str) -> str:
        return getattr(self, key) or BLANK


@dataclass
class Written:
    kind: str
    title: str
    txt: Path
    docx: Path
    pdf: Path | None
    seconds: float
    fetched: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Incident:
    """One thing a letter lists: when, what, the words quoted, the evidence and the law."""

    when: str
    what: str
    quote: str
    refs: str
    law: tuple[str, ...]
    label: str


def _distinct(quotes: Iterable[str]) -> list[str]:
    """The quotes once each, in order, without one that another quote of the list contains
    (two rules quoting "到你户籍地村委" and "到你户籍地村委会核实" cite the longer once)."""
    qs = list(dict.fromkeys(quotes))
    return [q for q in qs if not any(q != o and q in o for o in qs)]


def _quote_incidents(doc: CaseDocument, lender: str | None, labels: tuple[str, ...] | None = None) -> list[Incident]:
    out = []
    for m in doc.messages_of(lender):
        seen: dict[str, list[Quote]] = {}
        for q in m.quotes:
            # a letter cites only what a rule found by its words: a wording model's guess
            # (statistical) is shown in the report, with its caveat, but accuses no one here
            if (labels is None or q.label in labels) and not q.statistical:
                seen.setdefault(q.label, []).append(q)
        for label, qs in seen.items():
            law = tuple(dict.fromkeys(p for q in qs for p in q.law))
            out.append(Incident(
                m.time_text, f"{m.lender or '催收方'}（号码 {m.sender}）的短信：{qs[0].label_zh}",
                "、".join(f"“{t}”" for t in _distinct(q.quote for q in qs)), doc.refs([m.id]), law, label,
            ))  # fmt: skip
    return out


# How a letter, written by the borrower, says what a case finding found ("本人", not "你").
FIRST_PERSON = {
    "night_contact": "在晚上 22:00 到早上 08:00 之间联系本人，共 {count} 次，分布在 {days} 天",
    "call_attempts": "的号码 {numbers} 一天内打来超过 6 次未接通的电话，这样的情况有 {days} 天，共 {count} 次",
    "connected_calls": "一天内与本人通话超过 3 次，这样的情况有 {days} 天，共 {count} 次",
    "many_numbers": "先后用 {count} 个不同的号码联系本人（{numbers}）",
    "third_party_contact": "联系或告知了本人以外的人（家人、紧急联系人、同事等）",
}


def _finding_incident(doc: CaseDocument, f: CaseFinding) -> Incident:
    days = f.dates
    when = days[0].isoformat() if len(days) == 1 else f"{days[0].isoformat()} 至 {days[-1].isoformat()}"
    said = FIRST_PERSON.get(f.kind, "{kind}").format(
        count=f.count, days=len(days), numbers="、".join(f.numbers), kind=f.kind
    )
    what = f"{FINDING_KIND_ZH.get(f.kind, f.kind)}：{f.lender}{said}"
    return Incident(when, what, "", doc.refs(f.records), f.law, f.kind)


def _law_lines(doc: CaseDocument, ids: list[str]) -> list[dict[str, Any]]:
    out = []
    for pid in dict.fromkeys(ids):
        p = doc.provisions.get(pid)
        if p is not None:
            out.append({"label": p.label, "kind": p.bindingness_name, "norm": norm_only([p]),
                        "binding": p.binding_law})  # fmt: skip
    return out


def pick_lender(doc: CaseDocument, name: str | None, kind: str) -> LenderSummary | None:
    """The lender a letter is addressed to: the one named, else (for cards) the first card
    issuer, else the one furthest escalated."""
    if name:
        ls = doc.lender(name)
        if ls is None:
            known = "、".join(x.lender for x in doc.lenders) or "（案件里还没有认出催收方）"
            raise UsageError(f"案件里没有名为“{name}”的催收方。已认出的有：{known}")
        return ls
    if kind == "card-installment":
        return next((x for x in doc.lenders if x.kind == "bank_card"), None)
    return doc.lenders[0] if doc.lenders else None


def letter_context(doc: CaseDocument, advice: Advice, kind: str, person: Person,
                   lender: LenderSummary | None) -> dict[str, Any]:  # fmt: skip
    fin = doc.finances
    name = lender.lender if lender else None
    la: LenderAdvice | None = advice.for_lender(name) if name else None
    debt = fin.debt_for(name) if fin and name else None
    if debt is None and fin and kind == "card-installment":
        debt = next((d for d in fin.debts if d.debt.kind.value == "bank_card"), None)
    incidents = [_finding_incident(doc, f) for f in doc.findings_of(name)]
    incidents += _quote_incidents(doc, name)
    police = [i for ls in doc.lenders for i in _quote_incidents(doc, ls.lender, POLICE_LABELS)]
    police += [_finding_incident(doc, f) for f in doc.findings if f.kind == "third_party_contact"]
    visits = [m for m in doc.message_index.values() if m.stage == "visit"]
    law_ids = [p for i in incidents for p in i.law]
    on = doc.as_of
    base = load_law()
    visit_law = next((s.law for s in next_steps("visit", on=on) if s.id == "step.visit_rights"), ())
    card_law = resolve_ids(("信用卡办法:70",), on, base)
    police_law = resolve_ids(("治安管理处罚法:50",), on, base)
    add_provisions(doc, [*law_ids, *visit_law, *card_law, *police_law])
    evidence = _evidence_for(doc, [i.refs for i in incidents])
    night = [f for f in doc.findings if f.kind in ("night_contact", "call_attempts")]
    police += [_finding_incident(doc, f) for f in night]
    police_evidence = _evidence_for(doc, [i.refs for i in police] + [doc.refs([m.id]) for m in visits])
    return {
        "doc": doc, "advice": advice, "fin": fin, "me": person, "B": BLANK, "today": on,
        "lender": lender, "lender_name": name if name and name != UNATTRIBUTED else BLANK,
        "kind_zh": KIND_ZH.get(lender.kind or "", "") if lender else "",
        "stage_zh": STAGE_ZH, "la": la, "debt": debt,
        "offer": fin.offer_for(debt) if fin else None, "card": fin.card_for(debt) if fin else None,
        "incidents": incidents, "police": police, "visits": visits,
        "laws": _law_lines(doc, law_ids), "police_laws": [x for x in _law_lines(doc, [*law_ids_of([i for i in police if i.label != "false_criminal"]),
                                                     *police_law]) if x["binding"]],
        "visit_law": doc.law_labels(visit_law), "card_law": doc.law_labels(card_law),
        "police_law": doc.law_labels(police_law), "evidence": evidence,
        "police_evidence": police_evidence, "numbers": _numbers(lender), "notice": NOTICE,
        "has_night": any(f.kind == "night_contact" for f in doc.findings_of(name)),
        "total_claimed": _total_claimed(doc),
    }  # fmt: skip


def law_ids_of(incidents: list[Incident]) -> list[str]:
    return [p for i in incidents for p in i.law]


def _numbers(lender: LenderSummary | None) -> str:
    if lender is None or lender.stats is None:
        return BLANK
    return "、".join(lender.stats.numbers) or BLANK


def _total_claimed(doc: CaseDocument) -> Decimal | None:
    if doc.finances is not None:
        vals = [d.debt.balance for d in doc.finances.debts if d.debt.balance is not None]
        if vals:
            return sum(vals, Decimal(0))
    vals = [ls.largest_amount for ls in doc.lenders if ls.largest_amount]
    return sum(vals, Decimal(0)) if vals else None


def _evidence_for(doc: CaseDocument, refs: list[str]) -> list[EvidenceRow]:
    wanted = {r for s in refs for r in s.split("、") if r}
    return [e for e in doc.evidence if e.ref in wanted]


def render_source(kind: str, ctx: dict[str, Any], templates: Path | None = None) -> str:
    """The letter as its template writes it (line marks included)."""
    return text_env(templates).get_template(f"letters/{kind}.txt.j2").render(**ctx)


def write_letter(
    case: Case,
    kind: str,
    out: Path,
    *,
    person: Person | None = None,
    lender: str | None = None,
    as_of: date | None = None,
    now: datetime | None = None,
    plan_file: Path | None = None,
    pdf: bool = True,
    templates: Path | None = None,
    doc: CaseDocument | None = None,
    per_lender: bool = False,
) -> Written:
    """Write ``out/KIND.txt``, ``out/KIND.docx`` and ``out/KIND.pdf``; with ``per_lender``
    and a ``lender`` chosen, ``out/KIND-LENDER.*``, so letters to several lenders can share
    a folder."""
    if kind not in KINDS:
        raise UsageError(f"不认识的文书类型“{kind}”，可选：{'、'.join(KINDS)}")
    t0 = time.perf_counter()
    if doc is None:
        doc = build(case, as_of=as_of, now=now)
        doc.finances = build_finances(case, as_of=doc.as_of, plan_file=plan_file)
        if doc.finances is not None:
            add_provisions(doc, doc.finances.law_ids())
    advice = doc.extra.get("advice") or build_advice(doc)
    doc.extra["advice"] = advice
    target = pick_lender(doc, lender, kind)
    ctx = letter_context(doc, advice, kind, person or Person(), target)
    parsed = blocks.parse(render_source(kind, ctx, templates))
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{kind}-{_file_part(lender)}" if per_lender and lender else kind
    txt = out / f"{stem}.txt"
    txt.write_text(blocks.to_text(parsed), encoding="utf-8")
    docx = blocks.to_docx(parsed, out / f"{stem}.docx")
    fetched: list[str] = []
    pdf_path = None
    if pdf:
        html = html_env(templates).get_template("letter.html.j2").render(
            title=KINDS[kind].title, body=_markup(blocks.to_html_body(parsed)),
            css=css("style.css", templates), one_page=kind == "visit-checklist",
        )  # fmt: skip
        pdf_path = write_pdf(html, out / f"{stem}.pdf", fetched=fetched)
    return Written(kind, KINDS[kind].title, txt, docx, pdf_path, time.perf_counter() - t0, fetched)


_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+')


def _file_part(name: str) -> str:
    """A lender's name as part of a file name: no separators, controls or bidi characters."""
    return _NOT_IN_NAMES.sub("_", name).strip("._")[:40] or "lender"


def _markup(html: str) -> Any:
    from markupsafe import Markup

    return Markup(html)  # built by blocks.to_html_body, which escapes every text


__all__ = ["BLANK", "KINDS", "MessageView", "Person", "Written", "write_letter"]
