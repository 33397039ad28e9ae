"""Who contacted the borrower: messages and calls attributed to lenders.

A lender is known from what its messages say (the 【signature】, platform and product names,
the collection agency named) and then from the numbers that carry those messages, the
numbers those messages give for calling back, and numbers the user tagged. Calls carry no
text, so a call belongs to a lender only through its number; calls from numbers never linked
to a lender (friends, family, unknown callers) are not counted as collection.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from dunguard.model import Analysis, Call, Category, Direction, Message, Timestamp

NIGHT_START_HOUR = 22  # 22:00 inclusive …
NIGHT_END_HOUR = 8  # … to 08:00 exclusive, Asia/Shanghai

UNATTRIBUTED = "未署名的催收方"

_NON_DIGIT = re.compile(r"[^0-9]")

# Collection agencies name themselves by their company form: "湖南某某资产管理有限公司",
# "某某律师事务所", "某某调解中心". The name is cut at the last word that cannot be part of it
# ("我是…", "已移交…", "受…委托").
_AGENCY = re.compile(
    r"[\u4e00-\u9fffA-Za-z0-9（）()]{2,16}?"
    r"(?:(?:资产管理|信息咨询|信息科技|商务咨询|企业管理|法律咨询|商务服务|网络科技)(?:服务)?(?:有限责任|有限)?公司"
    r"|律师事务所|调解中心|调解委员会)"
)
_AGENCY_CUT = re.compile(r".*(?:我是|我们是|这里是|已移交|移交给|移交|交由|转交|委托|受|由|给|至|到|是|的|在|你|您|已|被|和|与|及|为)")
_GENERIC_AGENCY = frozenset(["律师事务所", "调解中心", "调解委员会", "资产管理公司", "资产管理有限公司"])


def agencies_in(text: str) -> list[str]:
    """Collection agencies a message names (law firms and mediation bodies included)."""
    out: list[str] = []
    for m in _AGENCY.finditer(text):
        name = _AGENCY_CUT.sub("", m.group()).strip("（）() ")
        if len(name) >= 6 and name not in _GENERIC_AGENCY and name not in out:
            out.append(name)
    return out


def normalize_number(raw: str | None) -> str:
    """Digits of a phone number without the China country code: ``+86 139-2740-5518`` →
    ``13927405518``. Short codes and 106… SMS ports are kept as they are."""
    if not raw:
        return ""
    digits = _NON_DIGIT.sub("", raw)
    if not digits:
        return raw.strip()
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13 and digits[2] == "1":
        digits = digits[2:]
    return digits


def is_port(number: str) -> bool:
    """SMS ports (106…) and 95… service numbers: a lender's own channels, shared by many
    customers, so they never count as "a different number used to get round blocking"."""
    return number.startswith("106") or (number.startswith("95") and len(number) <= 8)


def is_night(t: datetime) -> bool:
    """``t`` must be in Asia/Shanghai time."""
    return t.hour >= NIGHT_START_HOUR or t.hour < NIGHT_END_HOUR


@dataclass(frozen=True, slots=True)
class Contact:
    """One contact from a lender's side: an incoming collection message or a call attempt."""

    record_id: str
    kind: str  # "message" | "call"
    number: str  # normalised counterparty number, "" when unknown
    time: Timestamp
    lender: str
    connected: bool  # calls: picked up and talked; messages: False
    call_kind: str | None = None  # the call log's kind (incoming, missed, rejected …)
    local: datetime = field(default=None, compare=False)  # type: ignore[assignment]
    day: date = field(default=None, compare=False)  # type: ignore[assignment]
    night: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        # Computed once: time-zone conversion is the costly part of counting contacts.
        local = self.time.as_shanghai()
        object.__setattr__(self, "local", local)
        object.__setattr__(self, "day", local.date())
        object.__setattr__(self, "night", is_night(local))

    @property
    def unanswered(self) -> bool:
        return self.kind == "call" and not self.connected


@dataclass(frozen=True, slots=True)
class LenderMessage:
    """A collection message with its analysis, as the escalation path needs it."""

    message: Message
    analysis: Analysis
    lender: str
    number: str


@dataclass
class Attribution:
    """The result of attributing a case's records to lenders."""

    messages: list[LenderMessage]  # collection messages, oldest first
    contacts: list[Contact]  # dated contacts (messages and calls), oldest first
    numbers: dict[str, str]  # number → lender
    agencies: dict[str, list[str]]  # lender → the collection agencies its messages name
    scam: list[tuple[Message, Analysis]]
    unlinked_calls: int  # calls from numbers that no message ties to a lender


def _lender_of(analysis: Analysis) -> str | None:
    return analysis.entities.lender[0] if analysis.entities.lender else None


def _majority(counter: Counter[str]) -> str:
    # Most messages win; ties go to the name seen first (Counter keeps insertion order).
    return max(counter, key=lambda k: counter[k])


def attribute(
    messages: Iterable[Message],
    calls: Iterable[Call],
    analyses: Mapping[str, Analysis],
    tags: Mapping[str, str] | None = None,
) -> Attribution:
    """Attribute collection messages and calls to lenders.

    ``analyses`` maps message id → its analysis; messages without one are skipped.
    ``tags`` maps a number (any spelling) → lender name, as the user told dunguard; a tag
    wins over what the messages suggest.
    """
    user_tags = {normalize_number(k): v for k, v in (tags or {}).items()}
    collection: list[tuple[Message, Analysis, str]] = []
    scam: list[tuple[Message, Analysis]] = []
    senders: dict[str, Counter[str]] = defaultdict(Counter)
    callbacks: dict[str, Counter[str]] = defaultdict(Counter)
    agency_lenders: dict[str, Counter[str]] = defaultdict(Counter)
    named: dict[str, list[str]] = {}  # message id → agencies it names

    for m in messages:
        a = analyses.get(m.id)
        if a is None or m.direction is Direction.OUT:
            continue
        if a.category is Category.SCAM:
            scam.append((m, a))
            continue
        if a.category is not Category.COLLECTION:
            continue
        number = normalize_number(m.sender or m.counterparty)
        collection.append((m, a, number))
        name = _lender_of(a)
        found = [x for x in agencies_in(m.text) if x != name]
        if found:
            named[m.id] = found
        if name is None:
            continue
        for agency in found:
            agency_lenders[agency][name] += 1
        if number:
            senders[number][name] += 1
        for p in a.entities.phones:
            callbacks[normalize_number(p.number)][name] += 1

    # A number's lender: the user's tag, else the lenders its own messages name, else the
    # lenders whose messages give it as a number to call back.
    numbers: dict[str, str] = {}
    for n, c in callbacks.items():
        numbers[n] = _majority(c)
    for n, c in senders.items():
        numbers[n] = _majority(c)
    numbers.update(user_tags)

    out_msgs: list[LenderMessage] = []
    contacts: list[Contact] = []
    agencies: dict[str, list[str]] = defaultdict(list)
    for m, a, number in collection:
        lender = user_tags.get(number) or _lender_of(a) or numbers.get(number)
        for agency in named.get(m.id, ()):
            # An agency alone: the lender it is seen working for, else the agency itself.
            lender = lender or (_majority(agency_lenders[agency]) if agency in agency_lenders else agency)
        if lender is None:
            lender = f"{UNATTRIBUTED}（{number}）" if number else UNATTRIBUTED
        for agency in named.get(m.id, ()):
            if agency != lender and agency not in agencies[lender]:
                agencies[lender].append(agency)
        if number and number not in numbers:
            numbers[number] = lender  # e.g. an agency's number: its calls belong to it too
        out_msgs.append(LenderMessage(m, a, lender, number))
        if m.time is not None:
            contacts.append(Contact(m.id, "message", number, m.time, lender, False))

    unlinked = 0
    for c in calls:
        if c.kind == "outgoing":
            continue  # the borrower calling out is not a contact from the lender
        number = normalize_number(c.counterparty)
        lender = numbers.get(number)
        if lender is None:
            unlinked += 1
            continue
        contacts.append(Contact(c.id, "call", number, c.time, lender, c.connected, c.kind))

    contacts.sort(key=lambda x: (x.time.utc_ms, x.record_id))
    # Undated messages last: they can never be the first to reach a stage.
    out_msgs.sort(key=lambda x: (x.message.time is None, x.message.time.utc_ms if x.message.time else 0))
    return Attribution(out_msgs, contacts, numbers, dict(agencies), scam, unlinked)
