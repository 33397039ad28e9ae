"""Contact patterns over time, and the case findings where a pattern crosses a line.

All counting is by Asia/Shanghai calendar day and clock. The lines (taxonomy.md §5) and
where they come from:

- night contact, 22:00–08:00: 中银协 2026 guideline and GB/T 45251-2025 (industry rules);
- more than 6 unanswered call attempts to the borrower from one number in one day: 中银协;
- more than 3 connected calls in one day from one lender: GB/T 45251-2025;
- many numbers: no rule sets a number; 5 or more different numbers (not counting the
  lender's 106/95 ports) is flagged as a sign of getting round the borrower's blocking;
- third-party contact: what the messages say, and what the user reports.

A line taken from an industry rule is reported as "违反行业规范", never as "违法"; the laws
that repeated conduct *may* concern are listed after it, in the wording in force on each day.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from dunguard.law import LawBase
from dunguard.model import CaseFinding, Severity, Tactic
from dunguard.text.entities import lender_kind
from dunguard.timeline.contacts import Contact, LenderMessage, is_port

MAX_UNANSWERED_PER_NUMBER_DAY = 6
MAX_CONNECTED_PER_LENDER_DAY = 3
MANY_NUMBERS = 5

NORM_BASES = ("industry_norm", "standard")


@dataclass(frozen=True, slots=True)
class ThirdPartyReport:
    """The user's own report that a lender contacted someone else (e.g. their mother)."""

    id: str  # "report:<log seq>"
    day: date
    lender: str
    who: str  # 母亲, 同事, 房东 …
    how: str = ""  # 电话, 短信, 微信, 上门 …
    note: str = ""


@dataclass
class NumberStats:
    number: str
    lender: str
    messages: int = 0
    calls: int = 0
    connected: int = 0
    unanswered: int = 0
    night: int = 0
    max_unanswered_day: int = 0
    first: str | None = None
    last: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "lender": self.lender,
            "messages": self.messages,
            "calls": self.calls,
            "connected_calls": self.connected,
            "unanswered_calls": self.unanswered,
            "night_contacts": self.night,
            "max_unanswered_calls_per_day": self.max_unanswered_day,
            "first_contact": self.first,
            "last_contact": self.last,
        }


@dataclass
class LenderStats:
    lender: str
    contacts: int = 0
    messages: int = 0
    calls: int = 0
    connected: int = 0
    unanswered: int = 0
    night: int = 0
    numbers: list[str] = field(default_factory=list)
    per_day: dict[str, int] = field(default_factory=dict)  # "YYYY-MM-DD" → contacts
    max_per_day: int = 0
    max_connected_day: int = 0
    first: str | None = None
    last: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "lender": self.lender,
            "contacts": self.contacts,
            "messages": self.messages,
            "calls": self.calls,
            "connected_calls": self.connected,
            "unanswered_calls": self.unanswered,
            "night_contacts": self.night,
            "numbers": self.numbers,
            "distinct_numbers": len(self.numbers),
            "contacts_per_day": self.per_day,
            "max_contacts_per_day": self.max_per_day,
            "max_connected_calls_per_day": self.max_connected_day,
            "first_contact": self.first,
            "last_contact": self.last,
        }


def contact_stats(contacts: Sequence[Contact]) -> tuple[dict[str, LenderStats], dict[str, NumberStats]]:
    """Per-lender and per-number counts (contacts must be oldest first)."""
    lenders: dict[str, LenderStats] = {}
    numbers: dict[str, NumberStats] = {}
    per_day: Counter[tuple[str, date]] = Counter()
    unans_day: Counter[tuple[str, date]] = Counter()
    conn_day: Counter[tuple[str, date]] = Counter()
    seen: dict[str, dict[str, None]] = defaultdict(dict)
    ends: dict[str, list[Contact]] = {}
    for c in contacts:
        ls = lenders.get(c.lender)
        if ls is None:
            ls = lenders[c.lender] = LenderStats(c.lender)
        ls.contacts += 1
        per_day[(c.lender, c.day)] += 1
        ns = None
        if c.number:
            seen[c.lender][c.number] = None
            ns = numbers.get(c.number)
            if ns is None:
                ns = numbers[c.number] = NumberStats(c.number, c.lender)
            ns_ends = ends.setdefault(c.number, [c, c])
            ns_ends[1] = c
        l_ends = ends.setdefault("\0" + c.lender, [c, c])
        l_ends[1] = c
        if c.night:
            ls.night += 1
            if ns:
                ns.night += 1
        if c.kind == "message":
            ls.messages += 1
            if ns:
                ns.messages += 1
            continue
        ls.calls += 1
        if ns:
            ns.calls += 1
        if c.connected:
            ls.connected += 1
            conn_day[(c.lender, c.day)] += 1
            if ns:
                ns.connected += 1
        else:
            ls.unanswered += 1
            if ns:
                ns.unanswered += 1
                unans_day[(c.number, c.day)] += 1

    def iso(c: Contact) -> str:
        return c.local.isoformat(timespec="seconds")

    for (lender, day), n in sorted(per_day.items()):
        ls = lenders[lender]
        ls.per_day[day.isoformat()] = n
        ls.max_per_day = max(ls.max_per_day, n)
    for ls in lenders.values():
        ls.numbers = list(seen[ls.lender])
        first, last = ends["\0" + ls.lender]
        ls.first, ls.last = iso(first), iso(last)
    for ns in numbers.values():
        first, last = ends[ns.number]
        ns.first, ns.last = iso(first), iso(last)
    for (lender, _), n in conn_day.items():
        lenders[lender].max_connected_day = max(lenders[lender].max_connected_day, n)
    for (number, _), n in unans_day.items():
        numbers[number].max_unanswered_day = max(numbers[number].max_unanswered_day, n)
    return lenders, numbers


# ---------------------------------------------------------------------- citing by date


def cite(base: LawBase, ids: Iterable[str], days: Iterable[date]) -> tuple[str, ...]:
    """The provisions in force on any of ``days``, following renumbering (治安管理处罚法 2012 ↔
    2025); a provision not yet (or no longer) in force on any of the days is left out."""
    days = sorted(set(days))
    applies_on = base.applies_on
    out: dict[str, None] = {}
    for pid in ids:
        for d in days:
            got = applies_on(pid, d)
            if got is not None:
                out[got] = None
    return tuple(out)


def _basis(base: LawBase, ids: Sequence[str]) -> str:
    """The strongest bindingness among the line's own sources."""
    order = ("law", "judicial_interpretation", "regulation", "standard", "industry_norm")
    kinds = {str(base.get(i).bindingness) for i in ids}
    return next((k for k in order if k in kinds), "industry_norm")


def _norm_phrase(basis: str) -> str:
    if basis in NORM_BASES:
        return "违反行业规范（行业规范不是法律，但可以据此投诉）"
    if basis == "regulation":
        return "违反监管规定（对持牌机构有约束力，可以投诉）"
    return "可能涉及法律规定"


# ---------------------------------------------------------------------- the findings


_NIGHT_LINE = ("中银协催收指引:时间", "GB/T 45251-2025:时间")
_ATTEMPT_LINE = ("中银协催收指引:频次",)
_CONNECTED_LINE = ("GB/T 45251-2025:频次",)
_NUMBERS_LINE = ("互金催收公约:17",)
_HARASS_LAW = ("民法典:1033", "治安管理处罚法:50")
_THIRD_LINE_NORMS = ("中银协催收指引:第三人", "GB/T 45251-2025:联系人", "互金催收公约:18")
_THIRD_LINE_BY_KIND = {
    "bank_card": ("信用卡办法:68",),
    "consumer_finance": ("消费金融公司管理办法:催收",),
}


# Rules that bind one kind of lender only: cited for that kind, or when the kind is unknown.
_KIND_ONLY = {"信用卡办法:": "bank_card", "消费金融公司管理办法:": "consumer_finance"}


@functools.lru_cache(maxsize=4096)
def _fits_kind(provision_id: str, kind: str) -> bool:
    for prefix, only in _KIND_ONLY.items():
        if provision_id.startswith(prefix):
            return not kind or kind == only
    return True


def _days(items: Iterable[Contact]) -> tuple[date, ...]:
    return tuple(sorted({c.day for c in items}))


def _line_days(base: LawBase, line_ids: Sequence[str], days: Iterable[date]) -> set[date]:
    """The days on which at least one source of the line was in force."""
    applies_on = base.applies_on
    return {d for d in days if any(applies_on(i, d) is not None for i in line_ids)}


def _on_line_days(base: LawBase, line_ids: Sequence[str], contacts: Sequence[Contact]) -> list[Contact]:
    live = _line_days(base, line_ids, {c.day for c in contacts})
    return [c for c in contacts if c.day in live]


def _finding(
    base: LawBase,
    *,
    kind: str,
    lender: str,
    contacts: Sequence[Contact],
    line: str,
    line_ids: Sequence[str],
    law_ids: Sequence[str],
    text: Callable[[str], str],  # the norm phrase → the sentence (names stay plain text)
    severity: Severity,
    count: int | None = None,
    extra_days: Sequence[date] = (),
    extra_records: Sequence[str] = (),
) -> CaseFinding | None:
    """A finding for the contacts on days when the line existed (a 2026 guideline says
    nothing about a 2025 call); ``None`` when it existed on none of them."""
    live = _line_days(base, line_ids, {c.day for c in contacts} | set(extra_days))
    if not live:
        return None
    contacts = [c for c in contacts if c.day in live]
    days = tuple(sorted(live))
    line_cited = cite(base, line_ids, days)
    laws = cite(base, law_ids, days)
    numbers = tuple(dict.fromkeys(c.number for c in contacts if c.number))
    records = tuple(dict.fromkeys([*(c.record_id for c in contacts), *extra_records]))
    basis = _basis(base, line_cited)
    return CaseFinding(
        kind=kind,
        lender=lender,
        numbers=numbers,
        dates=days,
        records=records,
        count=len(records) if count is None else count,
        line=line,
        line_basis=basis,
        law=tuple(dict.fromkeys([*line_cited, *laws])),
        text=text(_norm_phrase(basis)),
        severity=severity,
    )


def night_contact(base: LawBase, lender: str, contacts: Sequence[Contact]) -> CaseFinding | None:
    night = _on_line_days(base, _NIGHT_LINE, [c for c in contacts if c.night])
    if not night:
        return None
    n_days = len(_days(night))
    return _finding(
        base,
        kind="night_contact",
        lender=lender,
        contacts=night,
        line="晚上 22:00 到早上 08:00 之间不应催收（除非你事先同意过）",
        line_ids=_NIGHT_LINE,
        law_ids=_HARASS_LAW,
        text=lambda norm: f"{lender} 在夜间（22:00–08:00）联系了你 {len(night)} 次，分布在 {n_days} 天，{norm}；"
        "反复在夜里打扰，还可能涉及法律对私人生活安宁的保护。",
        severity=Severity.MEDIUM,
    )


def call_attempts(base: LawBase, lender: str, contacts: Sequence[Contact]) -> list[CaseFinding]:
    per: dict[tuple[str, date], list[Contact]] = defaultdict(list)
    for c in _on_line_days(base, _ATTEMPT_LINE, contacts):
        if c.unanswered and c.number:
            per[(c.number, c.day)].append(c)
    out = []
    by_number: dict[str, list[list[Contact]]] = defaultdict(list)
    for (number, _), items in sorted(per.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        if len(items) > MAX_UNANSWERED_PER_NUMBER_DAY:
            by_number[number].append(items)
    for number, days in by_number.items():
        flat = [c for d in days for c in d]
        worst = max(len(d) for d in days)
        f = _finding(
            base,
            kind="call_attempts",
            lender=lender,
            contacts=flat,
            line=f"同一号码一天内未接通的呼叫不宜超过 {MAX_UNANSWERED_PER_NUMBER_DAY} 次",
            line_ids=_ATTEMPT_LINE,
            law_ids=_HARASS_LAW,
            text=lambda norm, number=number, days=days, worst=worst: f"号码 {number}（{lender}）有 {len(days)} 天一天打来超过 "
            f"{MAX_UNANSWERED_PER_NUMBER_DAY} 次未接通的电话，最多一天 {worst} 次，{norm}。",
            severity=Severity.MEDIUM,
        )
        if f:
            out.append(f)
    return out


def connected_calls(base: LawBase, lender: str, contacts: Sequence[Contact]) -> CaseFinding | None:
    per: dict[date, list[Contact]] = defaultdict(list)
    for c in _on_line_days(base, _CONNECTED_LINE, contacts):
        if c.kind == "call" and c.connected:
            per[c.day].append(c)
    days = [items for _, items in sorted(per.items()) if len(items) > MAX_CONNECTED_PER_LENDER_DAY]
    if not days:
        return None
    worst = max(len(d) for d in days)
    return _finding(
        base,
        kind="connected_calls",
        lender=lender,
        contacts=[c for d in days for c in d],
        line=f"同一借款人一天内接通的催收电话不超过 {MAX_CONNECTED_PER_LENDER_DAY} 次（同一机构的所有号码合计）",
        line_ids=_CONNECTED_LINE,
        law_ids=("民法典:1033",),
        text=lambda norm: f"{lender} 有 {len(days)} 天一天和你通话超过 {MAX_CONNECTED_PER_LENDER_DAY} 次，"
        f"最多一天 {worst} 次，{norm}。",
        severity=Severity.MEDIUM,
    )


def many_numbers(base: LawBase, lender: str, contacts: Sequence[Contact]) -> CaseFinding | None:
    first: dict[str, Contact] = {}
    for c in contacts:
        if c.number and not is_port(c.number) and c.number not in first:
            first[c.number] = c
    if len(first) < MANY_NUMBERS:
        return None
    used = [c for c in contacts if c.number in first]
    return _finding(
        base,
        kind="many_numbers",
        lender=lender,
        contacts=used,
        line=f"没有规定写明号码数量上限；同一催收方用 {MANY_NUMBERS} 个以上不同号码联系你，"
        "通常是为了绕过拉黑，属于频繁骚扰的迹象",
        line_ids=_NUMBERS_LINE,
        law_ids=("民法典:1033",),
        text=lambda norm: f"{lender} 先后用了 {len(first)} 个不同的号码联系你。换号打来往往是为了绕过拉黑；"
        "行业规则要求不得频繁致电骚扰他人。建议把这些号码和时间都记下来。",
        severity=Severity.LOW,
        count=len(first),
    )


def third_party_contact(
    base: LawBase,
    lender: str,
    messages: Sequence[LenderMessage],
    reports: Sequence[ThirdPartyReport] = (),
) -> CaseFinding | None:
    # only what a rule found by its words: a wording model's guess (statistical) is no case
    # finding, which letters cite
    hits = [lm for lm in messages if any(
        f.label == Tactic.THIRD_PARTY.value and not f.statistical for f in lm.analysis.findings)]
    if not hits and not reports:
        return None
    kind = lender_kind(lender.split("（")[0]) or ""
    law_ids: list[str] = []
    quotes: list[str] = []
    for lm in hits:
        for f in lm.analysis.findings:
            if f.label == Tactic.THIRD_PARTY.value and not f.statistical:
                law_ids.extend(i for i in f.law if _fits_kind(i, kind))
                if f.quote not in quotes:
                    quotes.append(f.quote)
    line_ids = (*_THIRD_LINE_BY_KIND.get(kind, ()), *_THIRD_LINE_NORMS)
    contacts = [
        Contact(lm.message.id, "message", lm.number, lm.message.time, lender, False)
        for lm in hits
        if lm.message.time is not None
    ]
    undated = [lm.message.id for lm in hits if lm.message.time is None]
    parts = []
    if hits:
        shown = "、".join(f"“{q}”" for q in quotes[:3])
        parts.append(f"{len(hits)} 条短信说到联系或告知你以外的人（{shown}）")
    if reports:
        who = "、".join(dict.fromkeys(r.who for r in reports))
        parts.append(f"你记录了 {len(reports)} 次对方联系了{who}")
    return _finding(
        base,
        kind="third_party_contact",
        lender=lender,
        contacts=contacts,
        line="只能向借款人本人催收，不得向与债务无关的家人、同事、通讯录联系人等催收或透露欠款",
        line_ids=line_ids,
        law_ids=law_ids,
        text=lambda norm: f"{lender}：{'；'.join(parts)}。{norm}；泄露你的欠款信息还可能涉及个人信息保护的法律规定。",
        severity=Severity.HIGH,
        extra_days=[r.day for r in reports],
        extra_records=[*undated, *(r.id for r in reports)],
    )
