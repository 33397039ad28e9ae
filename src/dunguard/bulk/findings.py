"""Case findings per case or debtor: the timeline's own pattern functions, per group.

Every case's events sit in one bucket (:mod:`.events`). ``findings_bucket`` reads a bucket,
sorts it by case and time, rebuilds each case's messages, calls and (the parts of) analyses
that the timeline reads, one case at a time, and runs
what ``dunguard case summary`` runs: :func:`dunguard.timeline.attribute` and the five
pattern functions of :mod:`dunguard.timeline.patterns`, lender by lender. In a lender's own
outbound logs (``audit``) every record is that lender's contact, so contacts are made
directly and the same pattern functions judge them.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pyarrow as pa

from dunguard.bulk.blocks import NAME_SEP
from dunguard.bulk.deidentify import Deidentifier
from dunguard.bulk.events import PHONE_SEP, read_bucket
from dunguard.bulk.work import Job, part_name, write_atomic
from dunguard.law import LawBase
from dunguard.law.provision import Provision
from dunguard.model import (
    Analysis,
    Call,
    CaseFinding,
    Category,
    Channel,
    Direction,
    Entities,
    Finding,
    Message,
    Phone,
    Severity,
    Stage,
    Tactic,
    Timestamp,
)
from dunguard.text.fastinit import constructor
from dunguard.timeline.contacts import Contact, LenderMessage, attribute, normalize_number
from dunguard.timeline.patterns import (
    call_attempts,
    connected_calls,
    many_numbers,
    night_contact,
    third_party_contact,
)
from dunguard.timeline.summary import FINDING_ORDER

_L = pa.list_(pa.string())
FINDING_SCHEMA = pa.schema([
    ("case", pa.string()), ("kind", pa.string()), ("lender", pa.string()), ("numbers", _L),
    ("dates", pa.list_(pa.date32())), ("first_date", pa.date32()), ("last_date", pa.date32()),
    ("records", _L), ("count", pa.int64()), ("line", pa.string()), ("line_basis", pa.string()),
    ("law", _L), ("text", pa.string()), ("severity", pa.string()), ("agencies", _L),
    ("collectors", _L),
])
SUMMARY_COLUMNS = ("agency", "collector", "kind", "findings", "records", "cases", "examples")
# records built without their frozen __init__ (about 2x cheaper; see text/fastinit.py)
_new_message = constructor(Message)
_new_timestamp = constructor(Timestamp)
_new_analysis = constructor(Analysis)
_TACTICS: dict[str, tuple[Tactic, ...]] = {}
_STAGES = {s.value: s for s in Stage}
_NO_ENTITIES = Entities()


class _LawMemo(LawBase):
    """The law base with ``in_force`` remembered: thousands of cases ask it the same
    questions (which provision applied on which day). Same answers, asked once."""

    def __init__(self, base: LawBase):
        self.__dict__.update(vars(base))
        self._memo: dict[tuple[str, date], Provision] = {}
        self._applies: dict[tuple[str, date], str | None] = {}

    def in_force(self, provision_id: str, on: date) -> Provision:
        key = (provision_id, on)
        got = self._memo.get(key)
        if got is None:
            got = self._memo[key] = super().in_force(provision_id, on)
        return got

    def applies_on(self, provision_id: str, on: date) -> str | None:
        key = (provision_id, on)
        try:
            return self._applies[key]
        except KeyError:
            got = self._applies[key] = super().applies_on(provision_id, on)
            return got


@functools.cache
def _law() -> LawBase:
    from dunguard.law import load

    return _LawMemo(load())


def _tactics(s: str | None) -> tuple[Tactic, ...]:
    if not s:
        return ()
    got = _TACTICS.get(s)
    if got is None:
        got = _TACTICS[s] = tuple(Tactic(t) for t in s.split(",") if t)
    return got


def _analysis(uid: str, stage: str | None, tactics: str | None, tp: str | None,
              phones: str | None, lender: str | None, cache: dict) -> Analysis:
    """The parts of a message's analysis that the timeline reads."""
    findings = ()
    if tp:
        findings = cache.get(tp)
        if findings is None:  # the same wording recurs: one tuple of (immutable) findings
            findings = cache[tp] = tuple(
                Finding(rule="third_party", label="third_party", span=(0, 0), quote=q,
                        severity=Severity.HIGH, law=tuple(law))
                for q, law in json.loads(tp)
            )
    if phones or lender:
        key = (lender, phones)
        ent = cache.get(key)
        if ent is None:
            ent = cache[key] = Entities(
                lender=(lender,) if lender else (),
                phones=tuple(Phone(p, "") for p in phones.split(PHONE_SEP)) if phones else ())
    else:
        ent = _NO_ENTITIES
    return _new_analysis(id=uid, category=Category.COLLECTION,
                         stage=_STAGES.get(stage) if stage else None, tactics=_tactics(tactics),
                         findings=findings, entities=ent)


def case_findings(msgs: list[Message], calls: list[Call], analyses: dict[str, Analysis], *,
                  audit_lender: str | None = None) -> list[CaseFinding]:
    """The findings of one case: what ``dunguard case summary`` finds in its messages
    (oldest first), calls and analyses."""
    base = _law()
    if audit_lender is None:
        att = attribute(msgs, calls, analyses)
        lender_msgs, contacts = att.messages, att.contacts
    else:
        lender_msgs, contacts = _outbound(msgs, calls, analyses, audit_lender)
    by_lender: dict[str, list[LenderMessage]] = {}
    for lm in lender_msgs:
        by_lender.setdefault(lm.lender, []).append(lm)
    contacts_by: dict[str, list[Contact]] = {}
    for c in contacts:
        contacts_by.setdefault(c.lender, []).append(c)
    out: list[CaseFinding] = []
    for name in list(by_lender) + [n for n in contacts_by if n not in by_lender]:
        cs = contacts_by.get(name, [])
        found = [
            third_party_contact(base, name, by_lender.get(name, [])),
            night_contact(base, name, cs),
            *call_attempts(base, name, cs),
            connected_calls(base, name, cs),
            many_numbers(base, name, cs),
        ]
        out.extend(f for f in found if f is not None)
    out.sort(key=lambda f: (f.lender, FINDING_ORDER.index(f.kind), f.dates))
    return out


def _outbound(msgs: list[Message], calls: list[Call], analyses: dict[str, Analysis],
              lender: str) -> tuple[list[LenderMessage], list[Contact]]:
    """A lender's own log: each collection message and each call is its contact."""
    lms: list[LenderMessage] = []
    contacts: list[Contact] = []
    for m in msgs:
        a = analyses[m.id]
        if a.category is not Category.COLLECTION:
            continue
        number = normalize_number(m.sender)
        lms.append(LenderMessage(m, a, lender, number))
        if m.time is not None:
            contacts.append(Contact(m.id, "message", number, m.time, lender, False))
    for c in calls:
        contacts.append(Contact(c.id, "call", normalize_number(c.counterparty), c.time, lender,
                                c.connected, c.kind))
    contacts.sort(key=lambda x: (x.time.utc_ms, x.record_id))
    return lms, contacts


_DIRECTIONS = {d.value: d for d in Direction}
_COLUMNS = ("kind", "uid", "id", "case", "number", "time_ms", "time_off", "direction", "stage",
            "tactics", "lender_entity", "phones", "tp", "duration", "call_kind", "agency",
            "collector", "names", "text")


class _Texts:
    """De-identified finding texts: many cases get the same sentence (same lender, same
    counts), rewritten once when no name of the case occurs in it."""

    def __init__(self, deid: Deidentifier):
        self.deid = deid
        self.seen: dict[str, str] = {}

    def __call__(self, text: str, names: Iterable[str]) -> str:
        present = [n for n in names if n in text]
        if present:
            return self.deid.text(text, present) or ""
        got = self.seen.get(text)
        if got is None:
            if len(self.seen) > 100_000:
                self.seen.clear()
            got = self.seen[text] = self.deid.text(text) or ""
        return got


def _deid_finding(f: CaseFinding, deid: Deidentifier, texts: _Texts, names: set[str]) -> dict:
    text = f.text
    if deid.enabled:
        numbers = [deid.phone(n) for n in f.numbers]
        for n in sorted(f.numbers, key=len, reverse=True):
            if n in text:
                token = deid.phone(n)
                if token and token != n:
                    text = text.replace(n, token)
        text = texts(text, names)
        lender = texts(f.lender, names)
    else:
        numbers, lender = list(f.numbers), f.lender
    return {
        "kind": f.kind, "lender": lender, "numbers": numbers, "dates": list(f.dates),
        "first_date": f.dates[0] if f.dates else None,
        "last_date": f.dates[-1] if f.dates else None, "count": f.count, "line": f.line,
        "line_basis": f.line_basis, "law": list(f.law), "text": text,
        "severity": f.severity.value,
    }


def _example(examples: list[str], text: str) -> None:
    """Keep the three smallest distinct texts: the same examples however the cases were
    split into buckets."""
    if text in examples:
        return
    if len(examples) < 3:
        examples.append(text)
        examples.sort()
    elif text < examples[-1]:
        examples[-1] = text
        examples.sort()


def findings_bucket(b: int, job: Job, paths: list[str], audit_lender: str | None = None
                    ) -> list[tuple]:
    """All cases of bucket ``b`` (batch ``b`` of every events file in ``paths``): write
    ``findings/part-b.parquet`` and return ``(agency, collector, kind, findings, records,
    cases, examples)`` per (agency, collector, kind) for the summary."""
    import pyarrow.compute as pc

    table = read_bucket([Path(p) for p in paths], b)
    # cases in a fixed order, each case's records by time (undated last), ties by record
    order = pc.sort_indices(table, sort_keys=[("case", "ascending", "at_end"),
                                              ("time_ms", "ascending", "at_end"),
                                              ("uid", "ascending", "at_end")])
    table = table.take(order)
    col = {c: table.column(c).to_pylist() for c in _COLUMNS}
    del table, order
    bucket = _Bucket(job, audit_lender)
    cases = col["case"]
    start = 0
    while start < len(cases):
        end = start + 1
        while end < len(cases) and cases[end] == cases[start]:
            end += 1
        bucket.case(col, start, end)
        start = end
    write_atomic(pa.table(bucket.rows, schema=FINDING_SCHEMA),
                 Path(job.out) / "findings" / part_name(b))
    return [(a, c, k, v[0], v[1], len(v[2]), v[3]) for (a, c, k), v in bucket.summary.items()]


class _Bucket:
    """The findings of one bucket, case by case, and their summary."""

    def __init__(self, job: Job, audit_lender: str | None):
        self.deid = Deidentifier(job.salt)
        self.texts = _Texts(self.deid)
        self.audit_lender = audit_lender
        self.memo: dict = {}  # analysis parts shared by messages (see _analysis)
        self.collectors: dict[str, str] = {}
        self.rows: dict[str, list] = {name: [] for name in FINDING_SCHEMA.names}
        self.summary: dict[tuple[str, str, str], list] = defaultdict(lambda: [0, 0, set(), []])

    def collector(self, raw: str | None) -> str:
        """A collector's name as the outputs show it ("" for none)."""
        if not raw:
            return ""
        got = self.collectors.get(raw)
        if got is None:
            got = self.collectors[raw] = self.deid.name(raw) or ""
        return got

    def case(self, col: dict, start: int, end: int) -> None:
        """The records ``start:end`` of ``col`` (one case, oldest first)."""
        msgs: list[Message] = []
        calls: list[Call] = []
        analyses: dict[str, Analysis] = {}
        names: set[str] = set()
        kind, uid, number, time_ms, time_off = (col["kind"], col["uid"], col["number"],
                                                col["time_ms"], col["time_off"])
        collectors, all_names = col["collector"], col["names"]
        for i in range(start, end):
            u = uid[i]
            if collectors[i]:
                names.add(collectors[i])
            if all_names[i]:
                names.update(x for x in all_names[i].split(NAME_SEP) if x)
            ms = time_ms[i]
            t = None if ms is None else _new_timestamp(
                utc_ms=ms, offset_min=480 if time_off[i] is None else time_off[i])
            if kind[i] == "m":
                d = col["direction"][i]
                msgs.append(_new_message(
                    id=u, text=col["text"][i] or "", sender=number[i] or None, time=t,
                    direction=_DIRECTIONS[d] if d else None, channel=Channel.SMS,
                    counterparty=None, attachments=(), locator=None, attrs={}))
                analyses[u] = _analysis(u, col["stage"][i], col["tactics"][i], col["tp"][i],
                                        col["phones"][i], col["lender_entity"][i], self.memo)
            elif t is not None:
                calls.append(Call(id=u, counterparty=number[i] or "", time=t,
                                  duration_s=int(col["duration"][i] or 0),
                                  kind=col["call_kind"][i] or "other"))
        found = case_findings(msgs, calls, analyses, audit_lender=self.audit_lender)
        if found:
            self._write(col, start, end, found, names)

    def _write(self, col: dict, start: int, end: int, found: list[CaseFinding],
               names: set[str]) -> None:
        """One case's findings as output rows, and their part of the summary."""
        ids: dict[str, str] = {}
        who: dict[str, tuple[str, str]] = {}  # record → (agency, collector as shown)
        for i in range(start, end):
            u = col["uid"][i]
            ids[u] = col["id"][i]
            who[u] = (col["agency"][i] or "", self.collector(col["collector"][i]))
        # the names that can be replaced in a text (what Deidentifier.replacements uses)
        names = {n.strip() for n in names if len(n.strip()) >= 2}
        deid, rows, summary = self.deid, self.rows, self.summary
        case = col["case"][start]
        case_out = self.texts(case, names) if deid.enabled else case
        nobody = ("", "")
        for f in found:
            row = _deid_finding(f, deid, self.texts, names)
            involved: dict[tuple[str, str], int] = {}
            for rec in f.records:
                key = who.get(rec, nobody)
                involved[key] = involved.get(key, 0) + 1
            row["case"] = case_out
            row["records"] = [ids.get(x, x) for x in f.records]
            row["agencies"] = sorted({a for a, _ in involved if a})
            row["collectors"] = sorted({c for _, c in involved if c})
            for k, v in row.items():
                rows[k].append(v)
            for (agency, collector), count in involved.items():
                s = summary[(agency, collector, f.kind)]
                s[0] += 1
                s[1] += count
                s[2].add(case)
                _example(s[3], row["text"])
