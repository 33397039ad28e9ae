"""Case findings per case or debtor: the timeline's own pattern functions, per group.

After the shuffle every case's records sit in one partition. ``findings_partition`` rebuilds
each case's messages, calls and (the parts of) analyses that the timeline reads, and runs
what ``dunguard case summary`` runs: :func:`dunguard.timeline.attribute` and the five
pattern functions of :mod:`dunguard.timeline.patterns`, lender by lender. In a lender's own
outbound logs (``audit``) every record is that lender's contact, so contacts are made
directly and the same pattern functions judge them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa

from dunguard.bulk.blocks import NAME_SEP
from dunguard.bulk.deidentify import Deidentifier
from dunguard.bulk.work import Job, part_name, write_atomic
from dunguard.model import (
    Analysis,
    Call,
    CaseFinding,
    Category,
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
SUMMARY_META = pd.DataFrame({
    "agency": pd.Series([], dtype="object"), "collector": pd.Series([], dtype="object"),
    "kind": pd.Series([], dtype="object"), "findings": pd.Series([], dtype="int64"),
    "records": pd.Series([], dtype="int64"), "cases": pd.Series([], dtype="int64"),
    "examples": pd.Series([], dtype="object"),
})
EVENT_COLUMNS = ("kind", "uid", "id", "case", "number", "time_ms", "time_off", "direction",
                 "category", "stage", "tactics", "lender_entity", "phones", "tp", "duration",
                 "call_kind", "agency", "collector", "names")


def _ts(ms: object, off: object) -> Timestamp | None:
    if ms is None or ms is pd.NA or (isinstance(ms, float) and ms != ms):
        return None
    return Timestamp(int(ms), int(off) if off is not None and off is not pd.NA else 480)


def _s(v: object) -> str | None:
    return v if isinstance(v, str) and v else None


def _analysis(r: dict) -> Analysis:
    """The parts of a message's analysis that the timeline reads."""
    tactics = tuple(Tactic(t) for t in (r["tactics"] or "").split(",") if t)
    tp = json.loads(r["tp"]) if _s(r["tp"]) else []
    findings = tuple(
        Finding(rule="third_party", label="third_party", span=(0, 0), quote=q,
                severity=Severity.HIGH, law=tuple(law))
        for q, law in tp
    )
    phones = json.loads(r["phones"]) if _s(r["phones"]) else []
    lender = _s(r["lender_entity"])
    ent = Entities(lender=(lender,) if lender else (),
                   phones=tuple(Phone(p, "") for p in phones))
    stage = Stage(r["stage"]) if _s(r["stage"]) else None
    return Analysis(r["uid"], Category(r["category"]), stage, tactics, findings, ent)


def case_findings(rows: list[dict], *, audit_lender: str | None = None) -> list[CaseFinding]:
    """The findings of one case from its event rows (messages ``kind="m"``, calls ``"c"``)."""
    from dunguard.law import load

    base = load()
    # a fixed order, whatever order the shuffle delivered: ties go to the earlier record
    rows = sorted(rows, key=lambda r: (r["time_ms"] is None, r["time_ms"] or 0, r["uid"]))
    msgs: list[Message] = []
    calls: list[Call] = []
    analyses: dict[str, Analysis] = {}
    for r in rows:
        t = _ts(r["time_ms"], r["time_off"])
        if r["kind"] == "m":
            d = _s(r["direction"])
            msgs.append(Message(id=r["uid"], text="", sender=_s(r["number"]), time=t,
                                direction=Direction(d) if d else None))
            analyses[r["uid"]] = _analysis(r)
        elif t is not None:
            calls.append(Call(id=r["uid"], counterparty=r["number"] or "", time=t,
                              duration_s=int(r["duration"] or 0), kind=r["call_kind"] or "other"))
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


def _deid_finding(f: CaseFinding, deid: Deidentifier, names: Iterable[str]) -> dict:
    text = f.text
    if deid.enabled:
        for n in sorted(f.numbers, key=len, reverse=True):
            token = deid.phone(n)
            if token and token != n:
                text = text.replace(n, token)
        text = deid.text(text, names) or ""
    return {
        "kind": f.kind, "lender": deid.text(f.lender, names),
        "numbers": [deid.phone(n) for n in f.numbers], "dates": list(f.dates),
        "first_date": f.dates[0] if f.dates else None,
        "last_date": f.dates[-1] if f.dates else None, "count": f.count, "line": f.line,
        "line_basis": f.line_basis, "law": list(f.law), "text": text,
        "severity": f.severity.value,
    }


def findings_partition(frame: pd.DataFrame, job: Job, audit_lender: str | None = None,
                       partition_info: dict | None = None) -> pd.DataFrame:
    """All cases of one shuffled partition: write ``findings/part-N.parquet`` and return
    counts per (agency, collector, kind) for the summary."""
    n = (partition_info or {}).get("number", 0)
    deid = Deidentifier(job.salt)
    rows: dict[str, list] = {name: [] for name in FINDING_SCHEMA.names}
    summary: dict[tuple[str, str, str], list] = defaultdict(lambda: [0, 0, set(), []])
    cols = {c: [None if v is pd.NA or (isinstance(v, float) and v != v) else v
                for v in frame[c].tolist()] for c in frame.columns}
    del frame
    names_ = list(cols)
    by_case: dict[str, list[int]] = defaultdict(list)
    for i, case in enumerate(cols["case"]):
        by_case[case].append(i)
    for case in sorted(by_case, key=str):
        # one case's records at a time: the partition stays in flat lists until then
        records = [{c: cols[c][i] for c in names_} for i in by_case[case]]
        ids = {r["uid"]: r["id"] for r in records}
        who = {r["uid"]: (r["agency"] or "", r["collector"] or "") for r in records}
        names = {x for r in records for x in (r["names"] or "").split(NAME_SEP) if x}
        names |= {r["collector"] for r in records if r["collector"]}
        for f in case_findings(records, audit_lender=audit_lender):
            row = _deid_finding(f, deid, names)
            involved: dict[tuple[str, str], int] = defaultdict(int)
            for rec in f.records:
                involved[who.get(rec, ("", ""))] += 1
            row.update({
                "case": deid.text(case, names), "records": [ids.get(x, x) for x in f.records],
                "agencies": sorted({a for a, _ in involved if a}),
                "collectors": sorted({deid.name(c) or "" for _, c in involved if c}),
            })
            for k, v in row.items():
                rows[k].append(v)
            for (agency, collector), count in involved.items():
                s = summary[(agency, deid.name(collector) or "", f.kind)]
                s[0] += 1
                s[1] += count
                s[2].add(case)
                if len(s[3]) < 3 and row["text"] not in s[3]:
                    s[3].append(row["text"])
    write_atomic(pa.table(rows, schema=FINDING_SCHEMA), Path(job.out) / "findings" / part_name(n))
    return pd.DataFrame(
        [{"agency": a, "collector": c, "kind": k, "findings": v[0], "records": v[1],
          "cases": len(v[2]), "examples": json.dumps(v[3], ensure_ascii=False)}
         for (a, c, k), v in summary.items()],
        columns=list(SUMMARY_META.columns),
    ).astype(SUMMARY_META.dtypes.to_dict())
