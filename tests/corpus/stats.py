"""Print label counts per split for the corpus (and check that it is well-formed).

Usage:  python tests/corpus/stats.py [--markdown]

Splits: dev.jsonl, heldout.jsonl and heldout_fresh*.jsonl (the independent
sets, see README).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("dev", "heldout", "heldout_fresh", "heldout_fresh2", "heldout_fresh3", "heldout_fresh4",
          "heldout_fresh5", "heldout_fresh6", "heldout_fresh7", "heldout_fresh8", "heldout_fresh9",
          "heldout_fresh10", "heldout_fresh11", "heldout_fresh12",
          "heldout_fresh13", "heldout_fresh14", "heldout_fresh15", "heldout_fresh16",
          "heldout_fresh17", "heldout_fresh18", "heldout_fresh19", "heldout_fresh20", "heldout_fresh21", "heldout_fresh22", "heldout_fresh23", "heldout_fresh24",
          "heldout_fresh25", "heldout_fresh26", "heldout_fresh27", "heldout_fresh28",
          "heldout_fresh29", "heldout_fresh30", "heldout_fresh31",
          "heldout_fresh32", "heldout_fresh33", "heldout_fresh34",
          "heldout_fresh35", "heldout_fresh36", "heldout_fresh37",
          "heldout_fresh38", "heldout_fresh39",
          "heldout_fresh40", "heldout_fresh41", "heldout_fresh42",
          "heldout_fresh43", "heldout_fresh44",
          "heldout_fresh45", "heldout_fresh46", "heldout_fresh47",
          "heldout_fresh48", "heldout_fresh49", "heldout_fresh50",
          "heldout_fresh51", "heldout_fresh52", "heldout_fresh53",
          "heldout_fresh54", "heldout_fresh55", "heldout_fresh56",
          "heldout_fresh57", "heldout_fresh58", "heldout_fresh59",
          "heldout_fresh60", "heldout_fresh61", "heldout_fresh62",
          "heldout_fresh63", "heldout_fresh64", "heldout_fresh65",
          "heldout_fresh66", "heldout_fresh67", "heldout_fresh68",
          "heldout_fresh69", "heldout_fresh70", "heldout_fresh71",
          "heldout_fresh72", "heldout_fresh73",
          "heldout_fresh74", "heldout_fresh75", "heldout_fresh76",
          "heldout_fresh77", "heldout_fresh78", "heldout_fresh79",
          "heldout_fresh80", "heldout_fresh81", "heldout_fresh82",
          "heldout_fresh83", "heldout_fresh84", "heldout_fresh85",
          "heldout_fresh86", "heldout_fresh87", "heldout_fresh88",
          "heldout_fresh89", "heldout_fresh90", "heldout_fresh91",
          "heldout_fresh92", "heldout_fresh93", "heldout_fresh94",
          "heldout_fresh95", "heldout_fresh96", "heldout_fresh97",
          "heldout_fresh98", "heldout_fresh99", "heldout_fresh100",
          "heldout_fresh101", "heldout_fresh102", "heldout_fresh103",
          "heldout_fresh104", "heldout_fresh105", "heldout_fresh106",
          "heldout_fresh107", "heldout_fresh108", "heldout_fresh109",
          "heldout_fresh110", "heldout_fresh111", "heldout_fresh112",
          "heldout_fresh113", "heldout_fresh114", "heldout_fresh115",
          "heldout_fresh116", "heldout_fresh117", "heldout_fresh118",
          "heldout_fresh119", "heldout_fresh120", "heldout_fresh121",
          "heldout_fresh122", "heldout_fresh123",
          "heldout_fresh124", "heldout_fresh125",
          "heldout_fresh126", "heldout_fresh127",
          "heldout_fresh128", "heldout_fresh129")
CATEGORIES = ("collection", "scam", "other")
STAGES = ("visit", "legal", "warning", "reminder")
TACTICS = ("third_party", "public_exposure", "insult", "threat", "false_criminal", "impersonation",
           "excessive_fees", "pay_to_personal", "suspicious_link")
LENDER_KINDS = ("bank_card", "bank_loan", "consumer_finance", "online_lender", "collection_agency",
                "law_firm_brand", "private", "scam", "none")
FIELDS = ("id", "text", "sender", "time", "direction", "category", "stage", "tactics", "lender_kind", "style")


def load(split: str) -> list[dict]:
    rows = []
    with open(HERE / f"{split}.jsonl", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            rec = json.loads(line)
            assert tuple(rec) == FIELDS, (split, n, tuple(rec))
            assert rec["category"] in CATEGORIES, (split, n)
            assert (rec["stage"] is None) == (rec["category"] != "collection"), (split, n)
            assert rec["stage"] is None or rec["stage"] in STAGES, (split, n)
            assert all(t in TACTICS for t in rec["tactics"]), (split, n)
            assert len(set(rec["tactics"])) == len(rec["tactics"]), (split, n)
            assert rec["lender_kind"] in LENDER_KINDS, (split, n)
            assert rec["direction"] in ("in", "out"), (split, n)
            assert rec["text"].strip(), (split, n)
            rows.append(rec)
    return rows


def main() -> None:
    data = {s: load(s) for s in SPLITS}
    ids = [r["id"] for rows in data.values() for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    texts = [r["text"] for rows in data.values() for r in rows]
    assert len(texts) == len(set(texts)), "duplicate texts"

    table = []
    def row(label, key):
        counts = [sum(1 for r in data[s] if key(r)) for s in SPLITS]
        table.append((label, *counts, sum(counts)))

    row("messages", lambda r: True)
    for c in CATEGORIES:
        row(f"category={c}", lambda r, c=c: r["category"] == c)
    for st in STAGES:
        row(f"stage={st}", lambda r, st=st: r["stage"] == st)
    for t in TACTICS:
        row(f"tactic={t}", lambda r, t=t: t in r["tactics"])
    row("no tactics", lambda r: not r["tactics"])
    row("collection, no tactics", lambda r: r["category"] == "collection" and not r["tactics"])
    for k in LENDER_KINDS:
        row(f"lender_kind={k}", lambda r, k=k: r["lender_kind"] == k)

    if "--markdown" in sys.argv:
        print("| label | " + " | ".join(SPLITS) + " | total |")
        print("|---|" + "---:|" * (len(SPLITS) + 1))
        for label, *counts in table:
            print(f"| {label} | " + " | ".join(str(c) for c in counts) + " |")
    else:
        print(f"{'label':32} " + " ".join(f"{s:>13}" for s in SPLITS) + f" {'total':>6}")
        for label, *counts in table:
            print(f"{label:32} " + " ".join(f"{c:>13}" for c in counts[:-1]) + f" {counts[-1]:>6}")
        styles = Counter(r["style"] for rows in data.values() for r in rows)
        print("\nstyles:", ", ".join(f"{k}={v}" for k, v in styles.most_common()))


if __name__ == "__main__":
    main()
