"""The work on one partition: the single-case engine over a batch, and the rows it writes.

``analyze_frame`` is the batch function: ``Engine.analyze`` (what ``dunguard analyze`` calls)
on each row of a frame, in order, nothing else. ``process_partition`` is what a Dask task
runs on one block of input: analyse, de-identify, write ``messages/part-N.parquet`` (the
taxonomy §4 fields per message) and the raw keys the findings and aggregates need
(``_work/keys/part-N.parquet``), and return a one-row summary. Files are written under a
temporary name and renamed, so a task that is run again (after a worker died) leaves exactly
the same files as one that ran once.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dunguard.bulk.blocks import NAME_SEP, sent_at
from dunguard.bulk.deidentify import Deidentifier, SpanMap, apply
from dunguard.model import Analysis, Entities

_SEVERITIES = ("info", "low", "medium", "high")
_SEVERITY_RANK = {s: i for i, s in enumerate(_SEVERITIES)}
_NO_ENTITIES = Entities()
_PERSON_PHONE_KINDS = frozenset({"mobile", "landline", "unknown"})
STAGES = ("reminder", "warning", "legal", "visit")
CATEGORIES = ("collection", "scam", "other")

_STR = pa.string()
_LIST_STR = pa.list_(pa.string())
FINDING_TYPE = pa.struct([
    ("rule", _STR), ("label", _STR), ("span", pa.list_(pa.int32())), ("quote", _STR),
    ("severity", _STR), ("law", _LIST_STR),
])
ENTITIES_TYPE = pa.struct([
    ("lender", _LIST_STR), ("amounts", pa.list_(pa.float64())),
    ("overdue_days", pa.list_(pa.int64())), ("deadlines", _LIST_STR), ("phones", _LIST_STR),
    ("phone_kinds", pa.map_(_STR, _STR)), ("urls", _LIST_STR), ("url_kinds", pa.map_(_STR, _STR)),
    ("accounts", _LIST_STR),
])
MESSAGE_SCHEMA = pa.schema([
    ("case", _STR), ("id", _STR), ("source", _STR), ("row", pa.int64()),
    ("sender", _STR), ("recipient", _STR), ("time", pa.timestamp("ms", tz="Asia/Shanghai")),
    ("month", _STR), ("direction", _STR), ("lender", _STR), ("agency", _STR),
    ("collector", _STR), ("text", _STR), ("category", _STR), ("stage", _STR),
    ("tactics", _LIST_STR), ("rules", _LIST_STR), ("quotes", _LIST_STR), ("law", _LIST_STR),
    ("severity", _STR), ("findings", pa.list_(FINDING_TYPE)), ("entities", ENTITIES_TYPE),
])
KEY_SCHEMA = pa.schema([
    ("uid", _STR), ("id", _STR), ("case", _STR), ("sender", _STR), ("time_ms", pa.int64()),
    ("time_off", pa.int64()), ("month", _STR), ("hour", pa.int64()), ("direction", _STR),
    ("category", _STR), ("stage", _STR), ("tactics", _STR), ("lender", _STR),
    ("lender_entity", _STR), ("phones", _STR), ("tp", _STR), ("agency", _STR),
    ("collector", _STR), ("names", _STR),
])
STATS_META = pd.DataFrame({
    "part": pd.Series([], dtype="int64"), "rows": pd.Series([], dtype="int64"),
    "bad": pd.Series([], dtype="int64"), "collection": pd.Series([], dtype="int64"),
    "scam": pd.Series([], dtype="int64"), "bad_examples": pd.Series([], dtype="object"),
})


@dataclass(frozen=True, slots=True)
class Job:
    """What every partition task needs to know (small: it travels with each task)."""

    out: str  # the output folder
    salt: bytes | None  # None: keep identities


def analyze_frame(frame: pd.DataFrame) -> list[Analysis | None]:
    """``Engine.analyze`` on every usable row of ``frame`` (columns ``id``, ``text``,
    ``time_ms``, ``time_off``, ``error``), in order; ``None`` for unusable rows."""
    from dunguard.text.engine import Engine

    engine = Engine.default()
    out: list[Analysis | None] = []
    for mid, text, ms, off, err in zip(frame["id"].tolist(), frame["text"].tolist(),
                                       frame["time_ms"].tolist(), frame["time_off"].tolist(),
                                       frame["error"].tolist(), strict=True):
        if isinstance(err, str):
            out.append(None)
        else:
            out.append(engine.analyze(text, id=mid, sent_at=sent_at(ms, off)))
    return out


def _shanghai(ms: pd.Series) -> tuple[list, list]:
    local = pd.to_datetime(ms.astype("float64"), unit="ms", utc=True).dt.tz_convert("Asia/Shanghai")
    month = [m if isinstance(m, str) else None for m in local.dt.strftime("%Y-%m").tolist()]
    hour = [None if h is pd.NA else int(h) for h in local.dt.hour.astype("Int64").tolist()]
    return month, hour


def _opt(v: object) -> str | None:
    return v if isinstance(v, str) else None


class _Lists:
    """A list column built flat: values plus offsets (much faster than nested Python)."""

    __slots__ = ("offsets", "values")

    def __init__(self) -> None:
        self.offsets = [0]
        self.values: list = []

    def add(self, items) -> None:
        self.values.extend(items)
        self.offsets.append(len(self.values))

    def empty(self) -> None:
        self.offsets.append(self.offsets[-1])

    def array(self, value_type: pa.DataType, values: pa.Array | None = None) -> pa.Array:
        vals = values if values is not None else pa.array(self.values, value_type)
        return pa.ListArray.from_arrays(pa.array(self.offsets, pa.int32()), vals)

    def map(self, key_type: pa.DataType, item_type: pa.DataType) -> pa.Array:
        keys = pa.array([k for k, _ in self.values], key_type)
        items = pa.array([v for _, v in self.values], item_type)
        return pa.MapArray.from_arrays(pa.array(self.offsets, pa.int32()), keys, items)


class _Findings:
    """The ``findings`` column: one list of finding structs per message."""

    def __init__(self) -> None:
        self.outer = _Lists()
        self.rule: list[str] = []
        self.label: list[str] = []
        self.span = _Lists()
        self.quote: list[str] = []
        self.severity: list[str] = []
        self.law = _Lists()

    def array(self) -> pa.Array:
        struct = pa.StructArray.from_arrays(
            [pa.array(self.rule, _STR), pa.array(self.label, _STR),
             self.span.array(pa.int32()), pa.array(self.quote, _STR),
             pa.array(self.severity, _STR), self.law.array(_STR)],
            fields=list(FINDING_TYPE),
        )
        return self.outer.array(FINDING_TYPE, struct)


def message_rows(frame: pd.DataFrame, analyses: Sequence[Analysis | None],
                 deid: Deidentifier) -> tuple[pa.Table, pa.Table]:
    """The de-identified message table and the raw keys table for usable rows (the fields
    of ``Analysis.to_json``, taxonomy §4, laid out as columns)."""
    keep = [i for i, a in enumerate(analyses) if a is not None]
    f = frame.iloc[keep].reset_index(drop=True)
    col = {c: [None if v is pd.NA or (isinstance(v, float) and v != v) else v
               for v in f[c].tolist()] for c in f.columns}  # pandas may say NaN for "no value"
    month, hour = _shanghai(f["time_ms"])
    n = len(keep)
    on = deid.enabled
    texts, categories, stages, severity, lenders, lender_entity = [], [], [], [], [], []
    tactics, rules, quotes, laws = _Lists(), _Lists(), _Lists(), _Lists()
    findings = _Findings()
    ent = {k: _Lists() for k in ("lender", "amounts", "overdue_days", "deadlines", "phones",
                                 "phone_kinds", "urls", "url_kinds", "accounts")}
    k_tactics, k_phones, k_tp = [], [], []
    empty_when_no_findings = (findings.outer, rules, quotes, laws, tactics)
    ent_lists = tuple(ent.values())
    for j, i in enumerate(keep):
        a = analyses[i]
        text = col["text"][j]
        names = [x for x in (col["names"][j] or "").split(NAME_SEP) if x]
        collector = _opt(col["collector"][j])
        if collector:
            names.append(collector)
        e = a.entities
        if on:
            phones = [p.span for p in e.phones if p.kind in _PERSON_PHONE_KINDS]
            reps = deid.replacements(text, names, phones, e.accounts)
        else:
            reps = []
        new_text = apply(text, reps) if reps else text
        spans = SpanMap(reps) if reps else None
        tp = []
        top = -1
        if a.findings:
            for fd in a.findings:
                s, t = fd.span
                quote = fd.quote
                if spans is not None:
                    if text[s:t] == quote:
                        s, t = spans.start(s), spans.end(t)
                        quote = new_text[s:t]
                    else:  # the engine cut or cleaned the text: rewrite the quote alone
                        quote = deid.text(quote, names)
                sev = fd.severity.value
                top = max(top, _SEVERITY_RANK[sev])
                findings.rule.append(fd.rule)
                findings.label.append(fd.label)
                findings.span.add((s, t))
                findings.quote.append(quote)
                findings.severity.append(sev)
                findings.law.add(fd.law)
                if fd.label == "third_party":
                    tp.append([quote, list(fd.law)])
            nf = len(a.findings)
            findings.outer.add(range(nf))
            rules.add([fd.rule for fd in a.findings])
            quotes.add(findings.quote[-nf:])
            laws.add(list(dict.fromkeys(x for fd in a.findings for x in fd.law)))
            tactic_values = [t.value for t in a.tactics]
            tactics.add(tactic_values)
        else:
            for built in empty_when_no_findings:
                built.empty()
            tactic_values = []
        raw_phones = [p.number for p in e.phones]
        if e == _NO_ENTITIES:
            for built in ent_lists:
                built.empty()
        elif on:
            ent["phones"].add([deid.phone(x) for x in raw_phones])
            ent["phone_kinds"].add([(deid.phone(p.number), p.kind)
                                    for p in {p.number: p for p in e.phones}.values()])
            ent["urls"].add([deid.text(u.url) for u in e.urls])
            ent["url_kinds"].add([(deid.text(u.url), u.kind)
                                  for u in {u.url: u for u in e.urls}.values()])
            ent["accounts"].add([deid.text(x, names, account=True) for x in e.accounts])
        else:
            ent["phones"].add(raw_phones)
            ent["phone_kinds"].add([(p.number, p.kind) for p in {p.number: p for p in e.phones}.values()])
            ent["urls"].add([u.url for u in e.urls])
            ent["url_kinds"].add([(u.url, u.kind) for u in {u.url: u for u in e.urls}.values()])
            ent["accounts"].add(e.accounts)
        if e != _NO_ENTITIES:
            ent["lender"].add(e.lender)
            ent["amounts"].add([float(x) for x in e.amounts])
            ent["overdue_days"].add(e.overdue_days)
            ent["deadlines"].add([d.isoformat() for d in e.deadlines])
        le = e.lender[0] if e.lender else None
        lender_entity.append(le)
        lenders.append(_opt(col["lender"][j]) or le)
        texts.append(new_text)
        categories.append(a.category.value)
        stages.append(a.stage.value if a.stage else None)
        severity.append(_SEVERITIES[top] if top >= 0 else None)
        k_tactics.append(",".join(tactic_values))
        k_phones.append(json.dumps(raw_phones, ensure_ascii=False) if raw_phones else "")
        k_tp.append(json.dumps(tp, ensure_ascii=False) if tp else "")
    entities = pa.StructArray.from_arrays(
        [ent["lender"].array(_STR), ent["amounts"].array(pa.float64()),
         ent["overdue_days"].array(pa.int64()), ent["deadlines"].array(_STR),
         ent["phones"].array(_STR), ent["phone_kinds"].map(_STR, _STR), ent["urls"].array(_STR),
         ent["url_kinds"].map(_STR, _STR), ent["accounts"].array(_STR)],
        fields=list(ENTITIES_TYPE),
    )
    collectors = [_opt(x) for x in col["collector"]]
    time_ms = col["time_ms"]
    messages = pa.table({
        "case": [deid.text(x) for x in col["case"]] if on else col["case"],
        "id": col["id"], "source": col["source"], "row": col["row"],
        "sender": [deid.phone(_opt(x)) for x in col["sender"]],
        "recipient": [deid.phone(_opt(x)) for x in col["recipient"]],
        "time": pa.array(time_ms, pa.int64()).cast(pa.timestamp("ms", tz="Asia/Shanghai")),
        "month": month, "direction": [_opt(x) for x in col["direction"]],
        "lender": [deid.text(x) for x in lenders] if on else lenders,
        "agency": [_opt(x) for x in col["agency"]],
        "collector": [deid.name(x) for x in collectors], "text": texts, "category": categories,
        "stage": stages, "tactics": tactics.array(_STR), "rules": rules.array(_STR),
        "quotes": quotes.array(_STR), "law": laws.array(_STR), "severity": severity,
        "findings": findings.array(), "entities": entities,
    }, schema=MESSAGE_SCHEMA)
    keys = pa.table({
        "uid": col["uid"], "id": col["id"], "case": col["case"],
        "sender": [_opt(x) for x in col["sender"]], "time_ms": time_ms,
        "time_off": col["time_off"], "month": month,
        "hour": hour,
        "direction": [_opt(x) for x in col["direction"]], "category": categories,
        "stage": stages, "tactics": k_tactics, "lender": lenders, "lender_entity": lender_entity,
        "phones": k_phones, "tp": k_tp, "agency": [_opt(x) for x in col["agency"]],
        "collector": collectors, "names": [x or "" for x in col["names"]],
    }, schema=KEY_SCHEMA)
    assert messages.num_rows == n
    return messages, keys


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write a Parquet file under a temporary name, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def part_name(n: int) -> str:
    return f"part-{n:06d}.parquet"


def process_partition(frame: pd.DataFrame, job: Job, partition_info: dict | None = None
                      ) -> pd.DataFrame:
    """One block of input: analyse, write its message rows and keys, say what happened."""
    n = (partition_info or {}).get("number", 0)
    analyses = analyze_frame(frame)
    deid = Deidentifier(job.salt)
    messages, keys = message_rows(frame, analyses, deid)
    write_atomic(messages, Path(job.out) / "messages" / part_name(n))
    write_atomic(keys, Path(job.out) / "_work" / "keys" / part_name(n))
    errors = frame["error"].tolist()
    bad = [(s, row, e) for s, row, e in zip(frame["source"], frame["row"], errors, strict=True)
           if isinstance(e, str)]
    cats = pd.Series(messages.column("category").to_pylist(), dtype="object").value_counts()
    return pd.DataFrame({
        "part": [n], "rows": [messages.num_rows], "bad": [len(bad)],
        "collection": [int(cats.get("collection", 0))], "scam": [int(cats.get("scam", 0))],
        "bad_examples": [json.dumps(bad[:5], ensure_ascii=False, default=str)],
    })


def contract_of(row: dict) -> dict:
    """A ``messages`` row (as ``pyarrow`` ``to_pylist`` gives it) back in the shape of
    ``dunguard analyze --format jsonl`` (taxonomy §4)."""
    ent = row["entities"]
    return {
        "id": row["id"], "category": row["category"], "stage": row["stage"],
        "tactics": list(row["tactics"]),
        "findings": [{"rule": f["rule"], "label": f["label"], "span": list(f["span"]),
                      "quote": f["quote"], "severity": f["severity"], "law": list(f["law"])}
                     for f in row["findings"]],
        "entities": {
            "lender": list(ent["lender"]), "amounts": list(ent["amounts"]),
            "overdue_days": list(ent["overdue_days"]), "deadlines": list(ent["deadlines"]),
            "phones": list(ent["phones"]), "phone_kinds": dict(ent["phone_kinds"]),
            "urls": list(ent["urls"]), "url_kinds": dict(ent["url_kinds"]),
            "accounts": list(ent["accounts"]),
        },
    }
