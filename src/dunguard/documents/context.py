"""Everything a document says about a case, gathered once: the data behind the report and
every letter.

:func:`build` reads the case through the case API, analyses its messages once, summarises
the timeline, and collects the cited provisions and records. Templates only format what is
here; they hold no logic beyond loops and conditions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dunguard.documents.safety import Segment, inert, segments
from dunguard.law import LawBase
from dunguard.law import load as load_law
from dunguard.law.provision import Bindingness, Provision
from dunguard.model import SHANGHAI, Analysis, CaseFinding, Message
from dunguard.text.labels import SEVERITY_ZH, STAGE_ZH, TACTIC_ZH
from dunguard.timeline import CaseSummary, Contact, LenderSummary, summarize
from dunguard.vault.records import record_hash

if TYPE_CHECKING:
    from dunguard.case import Case
    from dunguard.documents.finances import Finances

FINDING_KIND_ZH = {
    "night_contact": "夜间催收",
    "call_attempts": "一天内反复呼叫",
    "connected_calls": "一天内通话次数过多",
    "many_numbers": "换多个号码联系",
    "third_party_contact": "联系或告知第三人",
}
KIND_ZH = {
    "bank_card": "银行信用卡",
    "bank_loan": "银行贷款",
    "consumer_finance": "消费金融公司",
    "online_lender": "网络贷款平台",
    "microlender": "小额贷款公司",
    "platform": "网络借贷平台",
    "private": "个人借款",
}
CONFIDENCE_ZH = {"C": "已核对原文", "S": "二手资料，原文未核对", "X": "资料互相矛盾", "SR": "行业自律规范"}
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2, "info": 3}
# Tactics the report puts first: what a frightened reader most needs to see named.
TACTIC_RANK = {t: i for i, t in enumerate((
    "threat", "impersonation", "false_criminal", "public_exposure", "third_party", "insult",
    "pay_to_personal", "excessive_fees", "suspicious_link",
))}  # fmt: skip
_NOT_TACTIC = frozenset({"collection", "scam", "other", *STAGE_ZH})


def zh_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def local_time(m: Message) -> datetime | None:
    return m.time.as_shanghai() if m.time else None


@dataclass(frozen=True)
class ProvisionView:
    id: str
    label: str
    heading: str  # 原文 | 要点（非原文）
    paragraphs: tuple[str, ...]
    bindingness: str
    bindingness_name: str
    kind_text: str  # 违法 | 违反监管规定 | 违反行业规范
    confidence: str
    confidence_text: str
    binding_law: bool
    anchor: str

    @classmethod
    def of(cls, p: Provision) -> ProvisionView:
        return cls(
            p.id, p.label(), p.text_heading, p.paragraphs, p.bindingness.value,
            p.bindingness_name, p.kind_text, p.confidence.value,
            CONFIDENCE_ZH.get(p.confidence.value, p.confidence.value), p.binding_law,
            "p-" + "".join(c if c.isalnum() else "-" for c in p.id),
        )  # fmt: skip


@dataclass(frozen=True)
class Quote:
    """One tactic finding in one message."""

    rule: str
    label: str
    label_zh: str
    quote: str
    severity: str
    severity_zh: str
    law: tuple[str, ...]
    explanation: str
    statistical: bool = False  # by a wording model: shown in the report, not cited in letters


@dataclass
class MessageView:
    id: str
    time: datetime | None
    sender: str
    lender: str | None
    text: str  # inert
    segments: list[Segment]
    stage: str | None
    quotes: list[Quote]

    @property
    def time_text(self) -> str:
        return self.time.strftime("%Y-%m-%d %H:%M") if self.time else "时间不明"

    @property
    def labels(self) -> list[str]:
        return list(dict.fromkeys(q.label for q in self.quotes))

    @property
    def rank(self) -> tuple[int, int]:
        return (
            min((SEVERITY_RANK.get(q.severity, 9) for q in self.quotes), default=9),
            min((TACTIC_RANK.get(q.label, 99) for q in self.quotes), default=99),
        )


@dataclass(frozen=True)
class EvidenceRow:
    ref: str  # E1, E2 … as documents cite them
    id: str
    kind: str  # 短信 | 通话 | 你的记录
    time: str
    counterparty: str
    source_name: str
    locator: str
    source_sha256: str
    record_hash: str


@dataclass
class CaseDocument:
    case_name: str
    as_of: date
    generated_at: datetime
    summary: CaseSummary
    messages: list[MessageView]  # collection messages with tactic findings, oldest first
    message_index: dict[str, MessageView]
    contacts: list[Contact]
    provisions: dict[str, ProvisionView]
    evidence: list[EvidenceRow]
    evidence_ref: dict[str, str]
    sources: list[dict[str, Any]]
    tree_head: dict[str, Any]
    finances: Finances | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    all_messages: list[Message] = field(default_factory=list)  # every message, oldest first
    analyses: dict[str, Analysis] = field(default_factory=dict)  # by message id

    # -------------------------------------------------------------- convenience for templates

    @property
    def lenders(self) -> list[LenderSummary]:
        return self.summary.lenders

    @property
    def findings(self) -> list[CaseFinding]:
        return self.summary.findings

    def lender(self, name: str | None) -> LenderSummary | None:
        for x in self.lenders:
            if x.lender == name:
                return x
        return None

    def messages_of(self, lender: str | None) -> list[MessageView]:
        return [m for m in self.messages if lender is None or m.lender == lender]

    def findings_of(self, lender: str | None) -> list[CaseFinding]:
        return [f for f in self.findings if lender is None or f.lender == lender]

    def refs(self, ids: Iterable[str]) -> str:
        """Evidence numbers for record ids: "E3、E4"."""
        out = [self.evidence_ref[i] for i in ids if i in self.evidence_ref]
        return "、".join(dict.fromkeys(out))

    def law_labels(self, ids: Iterable[str], limit: int | None = None) -> str:
        labels = [self.provisions[i].label for i in dict.fromkeys(ids) if i in self.provisions]
        if limit is not None and len(labels) > limit:
            return "、".join(labels[:limit]) + f"等 {len(labels)} 项规定"
        return "、".join(labels)

    def top_messages(self, n: int = 5) -> list[MessageView]:
        return sorted(self.messages, key=lambda m: (*m.rank, m.time or datetime.min.replace(tzinfo=SHANGHAI)))[:n]

    def labels_seen(self, lender: str | None = None) -> set[str]:
        return {q.label for m in self.messages_of(lender) for q in m.quotes}


def norm_only(provisions: Iterable[ProvisionView]) -> bool:
    """True when none of the provisions is law, judicial interpretation or regulation."""
    return all(
        p.bindingness in (Bindingness.INDUSTRY_NORM.value, Bindingness.STANDARD.value)
        for p in provisions
    )


def _view(m: Message, a: Analysis, lender: str | None) -> MessageView:
    quotes = [
        Quote(
            f.rule, f.label, TACTIC_ZH.get(f.label, f.label), inert(f.quote, one_line=True),
            f.severity.value, SEVERITY_ZH.get(f.severity.value, f.severity.value), f.law,
            f.explanation, f.statistical,
        )
        for f in a.findings
        if f.label not in _NOT_TACTIC
    ]
    spans = [(f.span[0], f.span[1], f.label) for f in a.findings if f.label not in _NOT_TACTIC]
    return MessageView(
        m.id, local_time(m), inert(m.sender or "", one_line=True), lender, inert(m.text),
        segments(m.text, spans), a.stage.value if a.stage else None, quotes,
    )  # fmt: skip


def _locator(row: dict[str, Any]) -> str:
    loc = row.get("locator") or {}
    return f"{loc.get('kind', '')}: {loc.get('value', '')}".strip(": ") or "—"


def build(
    case: Case,
    *,
    as_of: date | None = None,
    now: datetime | None = None,
    finances: Finances | None = None,
    base: LawBase | None = None,
) -> CaseDocument:
    """Gather a case's document data. ``as_of``/``now`` fix the dates (for repeatable output)."""
    base = base or load_law()
    now = now or datetime.now(SHANGHAI)
    as_of = as_of or now.date()
    msgs, analyses = case.analyze_messages()
    calls = list(case.calls())
    summary = summarize(msgs, calls, analyses, tags=case.number_tags(),
                        reports=case.third_party_reports(), base=base)  # fmt: skip
    att = summary.attribution
    lender_of = {lm.message.id: lm.lender for lm in att.messages}
    views = [
        _view(lm.message, lm.analysis, lm.lender)
        for lm in att.messages
        if any(f.label not in _NOT_TACTIC for f in lm.analysis.findings)
    ]
    overdue: dict[str, list[tuple[date, int]]] = {}
    for lm in att.messages:
        if lm.message.time and lm.analysis.entities.overdue_days:
            day = lm.message.time.as_shanghai().date()
            overdue.setdefault(lm.lender, []).append((day, max(lm.analysis.entities.overdue_days)))
    index = {v.id: v for v in views}
    for m in msgs:  # stage-path messages without tactics are cited too
        if m.id in lender_of and m.id not in index:
            index[m.id] = _view(m, analyses[m.id], lender_of[m.id])

    cited: list[str] = []
    for v in views:
        cited.append(v.id)
    for ls in summary.lenders:
        cited.extend(s.message_id for s in ls.path)
    for f in summary.findings:
        cited.extend(f.records)
    cited = list(dict.fromkeys(cited))

    law_ids: list[str] = []
    for v in views:
        for q in v.quotes:
            law_ids.extend(q.law)
    for f in summary.findings:
        law_ids.extend(f.law)
    if finances is not None:
        law_ids.extend(finances.law_ids())
    provisions = {
        pid: ProvisionView.of(base.get(pid)) for pid in dict.fromkeys(law_ids) if pid in base
    }

    sources = case.sources()
    names = {s["sha256"]: s["name"] for s in sources}
    reports = {r.id: r for r in summary.reports}
    evidence: list[EvidenceRow] = []
    rows = {}
    for rid in cited:
        row = case.record(rid)
        if row is not None:
            rows[rid] = row
    # Oldest first, so that E-numbers follow the story.
    ordered = sorted(rows.values(), key=lambda r: (r.get("utc_ms") or 0, r["id"]))
    for i, row in enumerate(ordered, 1):
        t = row.get("utc_ms")
        when = datetime.fromtimestamp(t / 1000, SHANGHAI).strftime("%Y-%m-%d %H:%M:%S") if t else "—"
        evidence.append(EvidenceRow(
            f"E{i}", row["id"], "短信" if row["kind"] == "message" else "通话", when,
            inert(row.get("counterparty") or "", one_line=True),
            inert(names.get(row.get("source_sha256") or "", "—"), one_line=True),
            inert(_locator(row), one_line=True), row.get("source_sha256") or "—",
            record_hash(row),
        ))  # fmt: skip
    n = len(evidence)
    for rid in cited:
        if rid in reports and rid not in rows:
            r = reports[rid]
            n += 1
            what = f"{r.who}（{r.how}）" if r.how else r.who
            evidence.append(EvidenceRow(
                f"E{n}", rid, "你的记录", r.day.isoformat(), inert(what, one_line=True),
                "案件日志", f"event: {rid.split(':', 1)[1]}", "—", "—",
            ))  # fmt: skip
    return CaseDocument(
        case_name=case.name,
        as_of=as_of,
        generated_at=now,
        summary=summary,
        messages=views,
        message_index=index,
        contacts=list(att.contacts),
        provisions=provisions,
        evidence=evidence,
        evidence_ref={e.id: e.ref for e in evidence},
        sources=sources,
        tree_head=case.tree_head(),
        finances=finances,
        extra={"overdue": overdue},
        all_messages=msgs,
        analyses=analyses,
    )
