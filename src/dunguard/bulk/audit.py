"""Compliance audit of a lender's outbound logs: every breach and every prohibited wording,
per collection agency and collector, with counts, examples and an HTML summary.

Breaches of the contact-time and frequency lines are the timeline's case findings
(:mod:`.findings`, run on the lender's own contacts); prohibited wording is every finding of
the text engine whose label is a tactic (taxonomy §3), read back from ``DIR/messages``.
Outputs, all de-identified like the rest:

- ``audit/wording/``: one row per prohibited wording (message, agency, collector, tactic,
  rule, quote, provisions, and ``statistical``: true for a wording model's finding);
- ``audit/summary/``: per agency, collector and item (a finding kind or a tactic): how many
  findings or messages, records and cases, and up to three examples;
- ``audit/report.html``: the same as tables and charts (hand-made SVG, no JavaScript).

Only rule findings count as prohibited wording in the summary and the report: a wording
model's finding (rule id ``*.wording``) is a statistical guess, listed in ``audit/wording/``
with ``statistical`` true and counted apart in the report as 仅供参考. ``--rules-only``
leaves the models out altogether.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa

from dunguard.bulk.aggregates import TACTICS
from dunguard.bulk.work import Job, part_name, write_atomic

_L = pa.list_(pa.string())
WORDING_SCHEMA = pa.schema([
    ("case", pa.string()), ("id", pa.string()), ("time", pa.timestamp("ms", tz="Asia/Shanghai")),
    ("sender", pa.string()), ("agency", pa.string()), ("collector", pa.string()),
    ("tactic", pa.string()), ("rule", pa.string()), ("quote", pa.string()),
    ("severity", pa.string()), ("law", _L), ("statistical", pa.bool_()),
])
PARTIAL_META = pd.DataFrame({
    "agency": pd.Series([], dtype="object"), "collector": pd.Series([], dtype="object"),
    "item": pd.Series([], dtype="object"), "messages": pd.Series([], dtype="int64"),
    "findings": pd.Series([], dtype="int64"), "examples": pd.Series([], dtype="object"),
    "hour": pd.Series([], dtype="int64"),
})
SUMMARY_SCHEMA = pa.schema([
    ("agency", pa.string()), ("collector", pa.string()), ("kind", pa.string()),
    ("item", pa.string()), ("count", pa.int64()), ("records", pa.int64()),
    ("cases", pa.int64()), ("examples", _L),
])
_COLUMNS = ["case", "id", "time", "sender", "agency", "collector", "category", "findings"]


def wording_partition(frame: pd.DataFrame, job: Job, partition_info: dict | None = None
                      ) -> pd.DataFrame:
    """Write one partition's prohibited wording; return counts per (agency, collector,
    tactic) of the rule findings, the collection messages per hour (rows with ``item`` =
    "hour") and the wording models' findings (one row, ``item`` = "statistical")."""
    n = (partition_info or {}).get("number", 0)
    rows: dict[str, list] = {k: [] for k in WORDING_SCHEMA.names}
    counts: dict[tuple[str, str, str], list] = {}
    hours = [0] * 24
    guesses = 0  # wording models' findings: listed, not counted as prohibited wording
    times = pd.to_datetime(frame["time"]).dt.tz_convert("Asia/Shanghai").dt.hour.tolist() \
        if len(frame) else []
    for r, hour in zip(frame.to_dict("records"), times, strict=True):
        if r["category"] == "collection" and hour == hour and hour is not None:
            hours[int(hour)] += 1
        agency = r["agency"] if isinstance(r["agency"], str) else ""
        collector = r["collector"] if isinstance(r["collector"], str) else ""
        seen: set[str] = set()
        for f in r["findings"]:
            if f["label"] not in TACTICS:
                continue
            for k, v in (("case", r["case"]), ("id", r["id"]), ("time", r["time"]),
                         ("sender", r["sender"]), ("agency", agency or None),
                         ("collector", collector or None), ("tactic", f["label"]),
                         ("rule", f["rule"]), ("quote", f["quote"]),
                         ("severity", f["severity"]), ("law", list(f["law"])),
                         ("statistical", bool(f["statistical"]))):
                rows[k].append(v)
            if f["statistical"]:
                guesses += 1
                continue
            c = counts.setdefault((agency, collector, f["label"]), [0, 0, []])
            c[1] += 1
            if f["label"] not in seen:
                c[0] += 1
                seen.add(f["label"])
            if len(c[2]) < 3 and f["quote"] not in c[2]:
                c[2].append(f["quote"])
    rows["time"] = [None if pd.isna(t) else t for t in rows["time"]]
    write_atomic(pa.table(rows, schema=WORDING_SCHEMA), Path(job.out) / "audit" / "wording" /
                 part_name(n))
    out = [{"agency": a, "collector": c, "item": t, "messages": v[0], "findings": v[1],
            "examples": json.dumps(v[2], ensure_ascii=False), "hour": -1}
           for (a, c, t), v in counts.items()]
    out += [{"agency": "", "collector": "", "item": "hour", "messages": h, "findings": 0,
             "examples": "[]", "hour": i} for i, h in enumerate(hours)]
    out.append({"agency": "", "collector": "", "item": "statistical", "messages": 0,
                "findings": guesses, "examples": "[]", "hour": -1})
    return pd.DataFrame(out, columns=list(PARTIAL_META.columns)).astype(PARTIAL_META.dtypes.to_dict())


def audit_outputs(client, out: Path, report, job: Job) -> None:
    """Wording table, summary table and HTML report for a finished run."""
    import dask.dataframe as dd

    messages = dd.read_parquet(str(out / "messages"), columns=_COLUMNS)
    partial = messages.map_partitions(wording_partition, job, meta=PARTIAL_META,
                                      enforce_metadata=False).compute()
    hours = partial[partial["item"] == "hour"].groupby("hour")["messages"].sum()
    hours = [int(hours.get(h, 0)) for h in range(24)]
    guesses = int(partial.loc[partial["item"] == "statistical", "findings"].sum())
    words = partial[~partial["item"].isin(("hour", "statistical"))]
    rows = []
    for (a, c, t), g in words.groupby(["agency", "collector", "item"], sort=True):
        ex = [x for s in g["examples"] for x in json.loads(s)]
        rows.append({"agency": a or None, "collector": c or None, "kind": "wording", "item": t,
                     "count": int(g["messages"].sum()), "records": int(g["findings"].sum()),
                     "cases": None, "examples": list(dict.fromkeys(ex))[:3]})
    breaches = report.summary if report.summary is not None else pd.DataFrame()
    for r in breaches.to_dict("records"):
        rows.append({"agency": r["agency"] or None, "collector": r["collector"] or None,
                     "kind": "breach", "item": r["kind"], "count": int(r["findings"]),
                     "records": int(r["records"]), "cases": int(r["cases"]),
                     "examples": json.loads(r["examples"])})
    table = pa.Table.from_pylist(rows, schema=SUMMARY_SCHEMA)
    write_atomic(table, out / "audit" / "summary" / part_name(0))
    from dunguard.bulk.report import render

    (out / "audit" / "report.html").write_text(
        render(table.to_pandas(), hours, report, deidentified=job.salt is not None,
               guesses=guesses), encoding="utf-8")
