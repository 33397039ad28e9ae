"""Where the borrower stands: one summary per lender, and the case findings.

Per lender: how far its collection has escalated (the first time each stage of the ladder
was reached, with the message that reached it), when it last made contact, what its messages
did (tactics, with quotes and provisions), the contact patterns, the case findings, and the
next steps that fit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from dunguard.law import LawBase
from dunguard.law import load as load_law
from dunguard.law.steps import Step, next_steps
from dunguard.model import Analysis, Call, CaseFinding, Message, Stage
from dunguard.text.entities import lender_kind
from dunguard.timeline.contacts import UNATTRIBUTED, Attribution, LenderMessage, attribute
from dunguard.timeline.patterns import (
    LenderStats,
    NumberStats,
    ThirdPartyReport,
    call_attempts,
    connected_calls,
    contact_stats,
    many_numbers,
    night_contact,
    third_party_contact,
)

# The ladder, lowest first. visit and legal are both the top rung; visit wins a tie as in
# the taxonomy's precedence.
LADDER: tuple[Stage, ...] = (Stage.REMINDER, Stage.WARNING, Stage.LEGAL, Stage.VISIT)
RANK = {s: i for i, s in enumerate(LADDER)}

FINDING_ORDER = ("third_party_contact", "night_contact", "call_attempts", "connected_calls", "many_numbers")


@dataclass(frozen=True, slots=True)
class StageStep:
    stage: Stage
    time: str | None  # Asia/Shanghai ISO time of the first message at this stage
    message_id: str
    rule: str | None
    quote: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage.value,
            "time": self.time,
            "message": self.message_id,
            "rule": self.rule,
            "quote": self.quote,
        }


@dataclass
class TacticSummary:
    tactic: str
    messages: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    law: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "tactic": self.tactic,
            "count": len(self.messages),
            "messages": self.messages,
            "quotes": self.quotes[:5],
            "law": self.law,
        }


@dataclass
class LenderSummary:
    lender: str
    kind: str | None
    stage: Stage | None = None
    stage_time: str | None = None
    stage_message: str | None = None
    path: list[StageStep] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)  # collection agencies named for it
    messages: int = 0
    last_contact: str | None = None
    tactics: dict[str, TacticSummary] = field(default_factory=dict)
    findings: list[CaseFinding] = field(default_factory=list)
    stats: LenderStats | None = None
    largest_amount: Decimal | None = None
    overdue_days: int | None = None
    next_steps: list[Step] = field(default_factory=list)  # dunguard.law.steps

    def to_json(self) -> dict[str, Any]:
        return {
            "lender": self.lender,
            "kind": self.kind,
            "stage": self.stage.value if self.stage else None,
            "stage_reached_at": self.stage_time,
            "stage_message": self.stage_message,
            "path": [s.to_json() for s in self.path],
            "agencies": self.agencies,
            "messages": self.messages,
            "last_contact": self.last_contact,
            "tactics": [t.to_json() for t in self.tactics.values()],
            "findings": [f.kind for f in self.findings],
            "contacts": self.stats.to_json() if self.stats else None,
            "largest_amount": str(self.largest_amount) if self.largest_amount is not None else None,
            "overdue_days": self.overdue_days,
            "next_steps": [s.to_json() for s in self.next_steps],
        }


@dataclass
class CaseSummary:
    lenders: list[LenderSummary]
    findings: list[CaseFinding]
    numbers: list[NumberStats]
    scam: list[dict[str, Any]]
    counts: dict[str, int]
    reports: list[ThirdPartyReport] = field(default_factory=list)
    attribution: Attribution | None = None  # who sent what, for faces that list messages

    def to_json(self) -> dict[str, Any]:
        return {
            "counts": self.counts,
            "lenders": [lender.to_json() for lender in self.lenders],
            "findings": [f.to_json() for f in self.findings],
            "numbers": [n.to_json() for n in self.numbers],
            "scam": self.scam,
            "reports": [
                {"id": r.id, "date": r.day.isoformat(), "lender": r.lender, "who": r.who,
                 "how": r.how, "note": r.note}
                for r in self.reports
            ],
        }


def _local(m: Message) -> str | None:
    return m.time.as_shanghai().isoformat(timespec="seconds") if m.time else None


def _stage_finding(a: Analysis, stage: Stage) -> tuple[str | None, str | None]:
    """The words that put the message on this rung (a collection signal when the stage came
    from the message's overall sense rather than one rule of that stage)."""
    for label in (stage.value, "collection"):
        for f in a.findings:
            if f.label == label:
                return f.rule, f.quote
    return None, None


def _lender_summary(lender: str, items: Sequence[LenderMessage]) -> LenderSummary:
    ls = LenderSummary(lender, lender_kind(lender.split("（")[0]) if lender != UNATTRIBUTED else None)
    first: dict[Stage, StageStep] = {}
    for lm in items:  # oldest first
        a, m = lm.analysis, lm.message
        ls.messages += 1
        if a.stage is not None and a.stage not in first:
            rule, quote = _stage_finding(a, a.stage)
            first[a.stage] = StageStep(a.stage, _local(m), m.id, rule, quote)
        for f in a.findings:
            if f.label in ("collection", "scam", "other") or f.label in RANK_LABELS:
                continue
            ts = ls.tactics.setdefault(f.label, TacticSummary(f.label))
            if m.id not in ts.messages:
                ts.messages.append(m.id)
            if f.quote not in ts.quotes:
                ts.quotes.append(f.quote)
            for pid in f.law:
                if pid not in ts.law:
                    ts.law.append(pid)
        for amount in a.entities.amounts:
            if ls.largest_amount is None or amount > ls.largest_amount:
                ls.largest_amount = amount
        for d in a.entities.overdue_days:
            if ls.overdue_days is None or d > ls.overdue_days:
                ls.overdue_days = d  # the latest messages usually say the most days
    # The path in the order it happened; the stage reached is the highest rung on it.
    ls.path = sorted(first.values(), key=lambda s: (s.time is None, s.time or "", RANK[s.stage]))
    if ls.path:
        top = max(ls.path, key=lambda s: RANK[s.stage])
        ls.stage, ls.stage_time, ls.stage_message = top.stage, top.time, top.message_id
    return ls


RANK_LABELS = frozenset(s.value for s in Stage)


def _steps(ls: LenderSummary, today: date | None) -> list[Step]:
    """The next steps that fit this lender: its stage, what its messages did, and what the
    user reported (a reported contact with a relative counts as the third-party tactic)."""
    tactics = set(ls.tactics)
    if any(f.kind == "third_party_contact" for f in ls.findings):
        tactics.add("third_party")
    return next_steps(ls.stage, sorted(tactics), ls.kind, on=today, findings={f.kind for f in ls.findings})


def summarize(
    messages: Iterable[Message],
    calls: Iterable[Call],
    analyses: Mapping[str, Analysis],
    *,
    tags: Mapping[str, str] | None = None,
    reports: Sequence[ThirdPartyReport] = (),
    base: LawBase | None = None,
    today: date | None = None,
) -> CaseSummary:
    """Summarise a case. ``messages``/``calls`` oldest first; ``analyses`` by message id;
    next steps cite the provisions in force ``today``."""
    base = base or load_law()
    msgs = list(messages)
    call_list = list(calls)
    att: Attribution = attribute(msgs, call_list, analyses, tags)
    by_lender: dict[str, list[LenderMessage]] = {}
    for lm in att.messages:
        by_lender.setdefault(lm.lender, []).append(lm)
    for r in reports:
        by_lender.setdefault(r.lender, [])
    lstats, nstats = contact_stats(att.contacts)
    contacts_by: dict[str, list] = {}
    for c in att.contacts:
        contacts_by.setdefault(c.lender, []).append(c)

    lenders: list[LenderSummary] = []
    findings: list[CaseFinding] = []
    for name in list(by_lender) + [n for n in contacts_by if n not in by_lender]:
        ls = _lender_summary(name, by_lender.get(name, []))
        ls.stats = lstats.get(name)
        ls.agencies = att.agencies.get(name, [])
        if ls.stats:
            ls.last_contact = ls.stats.last
        cs = contacts_by.get(name, [])
        found = [
            third_party_contact(base, name, by_lender.get(name, []), [r for r in reports if r.lender == name]),
            night_contact(base, name, cs),
            *call_attempts(base, name, cs),
            connected_calls(base, name, cs),
            many_numbers(base, name, cs),
        ]
        ls.findings = [f for f in found if f is not None]
        findings.extend(ls.findings)
        ls.next_steps = _steps(ls, today)
        lenders.append(ls)

    # Most recent contact first, then (stable sort) the furthest escalated and most findings.
    lenders.sort(key=lambda x: x.last_contact or "", reverse=True)
    lenders.sort(key=lambda x: (-(RANK[x.stage] if x.stage else -1), -len(x.findings)))
    order = {name.lender: i for i, name in enumerate(lenders)}
    findings.sort(key=lambda f: (order[f.lender], FINDING_ORDER.index(f.kind), f.dates))
    scam = [
        {"message": m.id, "time": _local(m), "sender": m.sender,
         "rules": [f.rule for f in a.findings if f.label == "scam"]}
        for m, a in att.scam
    ]
    counts = {
        "messages": len(msgs),
        "calls": len(call_list),
        "collection_messages": len(att.messages),
        "scam_messages": len(att.scam),
        "collection_calls": sum(1 for c in att.contacts if c.kind == "call"),
        "unlinked_calls": att.unlinked_calls,
    }
    return CaseSummary(lenders, findings, sorted(nstats.values(), key=lambda n: (n.lender, n.number)),
                       scam, counts, list(reports), att)
