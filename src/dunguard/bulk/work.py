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

from dunguard.bulk.deidentify import Deidentifier, SpanMap, apply
from dunguard.bulk.inputs import NAME_SEP, sent_at
from dunguard.model import Analysis

_SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3}
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


def _shanghai(frame: pd.DataFrame) -> tuple[list, list]:
    local = pd.to_datetime(frame["time_ms"].astype("float64"), unit="ms", utc=True)
    local = local.dt.tz_convert("Asia/Shanghai")
    month = local.dt.strftime("%Y-%m").where(local.notna(), None).tolist()
    hour = local.dt.hour.astype("Int64").tolist()
    return month, hour


def _opt(v: object) -> str | None:
    return v if isinstance(v, str) else None


def message_rows(frame: pd.DataFrame, analyses: Sequence[Analysis | None],
                 deid: Deidentifier) -> tuple[pa.Table, pa.Table]:
    """The de-identified message table and the raw keys table for usable rows."""
    keep = [i for i, a in enumerate(analyses) if a is not None]
    f = frame.iloc[keep].reset_index(drop=True)
    month, hour = _shanghai(f)
    cols: dict[str, list] = {name: [] for name in MESSAGE_SCHEMA.names}
    keys: dict[str, list] = {name: [] for name in KEY_SCHEMA.names}
    rows = f.to_dict("records")
    for j, (i, r) in enumerate(zip(keep, rows, strict=True)):
        a = analyses[i]
        assert a is not None
        names = [n for n in (r["names"] or "").split(NAME_SEP) if n]
        collector = _opt(r["collector"])
        if collector:
            names.append(collector)
        text = r["text"]
        js = a.to_json()
        phones = [p.span for p in a.entities.phones if p.kind in _PERSON_PHONE_KINDS]
        reps = deid.replacements(text, names, phones, a.entities.accounts) if deid.enabled else []
        new_text = apply(text, reps)
        spans = SpanMap(reps)
        findings = []
        tp = []
        for fd in js["findings"]:
            s, e = fd["span"]
            if reps:
                if text[s:e] == fd["quote"]:
                    s, e = spans.start(s), spans.end(e)
                    fd["quote"] = new_text[s:e]
                else:  # the engine cut or cleaned the text: rewrite the quote alone
                    fd["quote"] = deid.text(fd["quote"], names)
                fd["span"] = [s, e]
            findings.append(fd)
            if fd["label"] == "third_party":
                tp.append([fd["quote"], fd["law"]])
        ent = js["entities"]
        raw_phones = ent["phones"]
        if deid.enabled:
            ent["phones"] = [deid.phone(p) for p in raw_phones]
            ent["phone_kinds"] = {deid.phone(k): v for k, v in ent["phone_kinds"].items()}
            ent["urls"] = [deid.text(u) for u in ent["urls"]]
            ent["url_kinds"] = {deid.text(k): v for k, v in ent["url_kinds"].items()}
            ent["accounts"] = [deid.text(x, names, account=True) for x in ent["accounts"]]
        ent["phone_kinds"] = list(ent["phone_kinds"].items())
        ent["url_kinds"] = list(ent["url_kinds"].items())
        lender_entity = a.entities.lender[0] if a.entities.lender else None
        lender = _opt(r["lender"]) or lender_entity
        severities = [fd["severity"] for fd in findings]
        tactics = js["tactics"]
        row = {
            "case": deid.text(r["case"]), "id": r["id"], "source": r["source"], "row": r["row"],
            "sender": deid.phone(_opt(r["sender"])), "recipient": deid.phone(_opt(r["recipient"])),
            "time": None if r["time_ms"] is pd.NA else r["time_ms"], "month": month[j],
            "direction": _opt(r["direction"]), "lender": deid.text(lender),
            "agency": _opt(r["agency"]), "collector": deid.name(collector), "text": new_text,
            "category": js["category"], "stage": js["stage"], "tactics": tactics,
            "rules": [fd["rule"] for fd in findings], "quotes": [fd["quote"] for fd in findings],
            "law": list(dict.fromkeys(x for fd in findings for x in fd["law"])),
            "severity": max(severities, key=_SEVERITY_RANK.__getitem__) if severities else None,
            "findings": findings, "entities": ent,
        }
        for k, v in row.items():
            cols[k].append(v)
        key = {
            "uid": r["uid"], "id": r["id"], "case": r["case"], "sender": _opt(r["sender"]),
            "time_ms": row["time"], "time_off": None if r["time_off"] is pd.NA else r["time_off"],
            "month": month[j], "hour": None if hour[j] is pd.NA else hour[j],
            "direction": _opt(r["direction"]), "category": js["category"], "stage": js["stage"],
            "tactics": ",".join(tactics), "lender": lender, "lender_entity": lender_entity,
            "phones": json.dumps(raw_phones, ensure_ascii=False) if raw_phones else "",
            "tp": json.dumps(tp, ensure_ascii=False) if tp else "",
            "agency": _opt(r["agency"]), "collector": collector, "names": r["names"] or "",
        }
        for k, v in key.items():
            keys[k].append(v)
    return (pa.table(cols, schema=MESSAGE_SCHEMA), pa.table(keys, schema=KEY_SCHEMA))


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
