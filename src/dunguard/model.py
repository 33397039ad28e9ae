"""Records shared by every room of dunguard.

Plain frozen dataclasses: readers (ingest) produce them, the vault stores them, the text
engine annotates them, the faces render them. Money is ``Decimal``; time is UTC epoch
milliseconds plus the offset (minutes east of UTC) that the source used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Category(StrEnum):
    COLLECTION = "collection"
    SCAM = "scam"
    OTHER = "other"


class Stage(StrEnum):
    """The collection ladder, in taxonomy precedence order (first reached wins)."""

    VISIT = "visit"
    LEGAL = "legal"
    WARNING = "warning"
    REMINDER = "reminder"


class Tactic(StrEnum):
    THIRD_PARTY = "third_party"
    PUBLIC_EXPOSURE = "public_exposure"
    INSULT = "insult"
    THREAT = "threat"
    FALSE_CRIMINAL = "false_criminal"
    IMPERSONATION = "impersonation"
    EXCESSIVE_FEES = "excessive_fees"
    PAY_TO_PERSONAL = "pay_to_personal"
    SUSPICIOUS_LINK = "suspicious_link"


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Direction(StrEnum):
    IN = "in"
    OUT = "out"

    @classmethod
    def parse(cls, value: object) -> Direction | None:
        """A direction as exports and tables write it ("out", "sent", "2", "发送" …), seen from
        the phone's owner; ``None`` when unknown."""
        if value is None or isinstance(value, Direction):
            return value
        return _DIRECTION_WORDS.get(str(value).strip().lower())


_DIRECTION_WORDS = {
    **dict.fromkeys(("in", "incoming", "received", "inbox", "recv", "1", "收", "收到", "接收",
                     "来信", "呼入"), Direction.IN),
    **dict.fromkeys(("out", "outgoing", "sent", "sent box", "outbox", "2", "发", "发出", "发送",
                     "已发送", "呼出"), Direction.OUT),
}


class Channel(StrEnum):
    SMS = "sms"
    MMS = "mms"
    CALL = "call"
    CHAT = "chat"


# ---------------------------------------------------------------- time


@dataclass(frozen=True, slots=True)
class Timestamp:
    """An instant as the source recorded it: UTC epoch ms plus the source's UTC offset."""

    utc_ms: int
    offset_min: int = 480  # China Standard Time unless the source says otherwise

    @classmethod
    def from_datetime(cls, dt: datetime) -> Timestamp:
        if dt.tzinfo is None:  # naive times from Chinese phones are Beijing time
            dt = dt.replace(tzinfo=SHANGHAI)
        off = dt.utcoffset() or timedelta(0)
        return cls(int(dt.timestamp() * 1000), int(off.total_seconds() // 60))

    def as_source(self) -> datetime:
        tz = timezone(timedelta(minutes=self.offset_min))
        return datetime.fromtimestamp(self.utc_ms / 1000, tz)

    def as_shanghai(self) -> datetime:
        return datetime.fromtimestamp(self.utc_ms / 1000, SHANGHAI)

    def isoformat(self) -> str:
        return self.as_source().isoformat(timespec="seconds")


# ---------------------------------------------------------------- evidence records


@dataclass(frozen=True, slots=True)
class Locator:
    """Where a record sits in its original file: enough to find it again by hand."""

    kind: str  # "byte" | "line" | "row" | "zip-entry" | "image"
    value: str  # e.g. "offset=10423" / "line=17" / "message.ROWID=52"
    source_sha256: str = ""


@dataclass(frozen=True, slots=True)
class Attachment:
    content_type: str
    name: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Message:
    """One text a borrower received or sent (SMS, MMS text, chat line)."""

    id: str
    text: str
    sender: str | None = None  # the other party for incoming, the user for outgoing
    time: Timestamp | None = None
    direction: Direction | None = None
    channel: Channel = Channel.SMS
    counterparty: str | None = None
    attachments: tuple[Attachment, ...] = ()
    locator: Locator | None = None
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Call:
    id: str
    counterparty: str
    time: Timestamp
    duration_s: int
    kind: str  # incoming | outgoing | missed | rejected | blocked | voicemail | other
    locator: Locator | None = None
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def connected(self) -> bool:
        return self.kind in ("incoming", "outgoing") and self.duration_s > 0


# ---------------------------------------------------------------- analysis results


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that fired on one message, with everything needed to explain it."""

    rule: str  # e.g. "third_party.family"
    label: str  # a Stage, Tactic or a category signal ("collection", "scam", "other")
    span: tuple[int, int]  # into the ORIGINAL text, end exclusive
    quote: str  # original_text[span[0]:span[1]]
    severity: Severity
    law: tuple[str, ...]  # ids in the law base
    explanation: str = ""
    rule_version: int = 1
    # found by a wording model (text/likeness.py), not by the words of a rule: a guess
    statistical: bool = False


# an extra field (taxonomy §4 allows them) only on the findings of a wording model
_STATISTICAL: dict[bool, dict[str, bool]] = {False: {}, True: {"statistical": True}}


@dataclass(frozen=True, slots=True)
class Phone:
    number: str  # digits as written, normalised (no spaces / dashes)
    kind: str  # mobile | landline | 400/800 | service_95 | sms_port_106 | short | unknown
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class Url:
    url: str
    kind: str  # official | short | download | unknown
    domain: str = ""
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class Entities:
    lender: tuple[str, ...] = ()
    amounts: tuple[Decimal, ...] = ()
    overdue_days: tuple[int, ...] = ()
    deadlines: tuple[date, ...] = ()
    phones: tuple[Phone, ...] = ()
    urls: tuple[Url, ...] = ()
    accounts: tuple[str, ...] = ()  # bank account / QR code / personal wallet mentions

    def to_json(self) -> dict[str, Any]:
        return {
            "lender": list(self.lender),
            "amounts": [float(a) for a in self.amounts],
            "overdue_days": list(self.overdue_days),
            "deadlines": [d.isoformat() for d in self.deadlines],
            "phones": [p.number for p in self.phones],
            "phone_kinds": {p.number: p.kind for p in self.phones},
            "urls": [u.url for u in self.urls],
            "url_kinds": {u.url: u.kind for u in self.urls},
            "accounts": list(self.accounts),
        }


@dataclass(frozen=True, slots=True)
class CaseFinding:
    """A finding on the case as a whole, from the timeline (taxonomy.md §5)."""

    kind: str  # night_contact | call_attempts | connected_calls | many_numbers | third_party_contact
    lender: str
    numbers: tuple[str, ...]
    dates: tuple[date, ...]  # Asia/Shanghai calendar days
    records: tuple[str, ...]  # message / call ids, or "report:N" for what the user reported
    count: int  # how many contacts (or numbers) crossed the line
    line: str  # the line crossed, in plain Chinese
    line_basis: str  # bindingness of the line's own source: law | regulation | standard | industry_norm
    law: tuple[str, ...]  # provisions in force on those dates: the line's source first
    text: str  # one plain sentence for the user
    severity: Severity

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "lender": self.lender,
            "numbers": list(self.numbers),
            "dates": [d.isoformat() for d in self.dates],
            "records": list(self.records),
            "count": self.count,
            "line": self.line,
            "line_basis": self.line_basis,
            "law": list(self.law),
            "text": self.text,
            "severity": self.severity.value,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the text engine says about one message (taxonomy.md §4)."""

    id: str
    category: Category
    stage: Stage | None
    tactics: tuple[Tactic, ...]
    findings: tuple[Finding, ...]
    entities: Entities

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category.value,
            "stage": self.stage.value if self.stage else None,
            "tactics": [t.value for t in self.tactics],
            "findings": [
                {
                    "rule": f.rule,
                    "label": f.label,
                    "span": list(f.span),
                    "quote": f.quote,
                    "severity": f.severity.value,
                    "law": list(f.law),
                    **_STATISTICAL[f.statistical],
                }
                for f in self.findings
            ],
            "entities": self.entities.to_json(),
        }
