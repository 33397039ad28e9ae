"""Counts per lender, sender number, collection agency, collector, tactic and month.

Each partition of the keys is counted on its own (``partial_counts``); Dask adds the
partial counts up (a tree reduction, so memory does not grow with the input). The result is
one table of grouping sets: the column ``by`` names the grouping (``lender``,
``lender+month`` …) and only those key columns are filled.
"""

from __future__ import annotations

import pandas as pd

from dunguard.bulk.deidentify import Deidentifier, normalize_number
from dunguard.bulk.work import CATEGORIES, STAGES
from dunguard.model import Tactic

TACTICS = tuple(t.value for t in Tactic)
DIMS = ("lender", "sender", "agency", "collector", "tactic", "month")
COUNTERS = ("messages", *CATEGORIES, *STAGES, *TACTICS, "night")
GROUPINGS: tuple[tuple[str, ...], ...] = (
    ("lender",), ("sender",), ("agency",), ("collector",), ("tactic",), ("month",),
    ("lender", "month"), ("lender", "tactic"), ("agency", "month"), ("agency", "tactic"),
    ("agency", "collector"), ("agency", "collector", "tactic"),
)
META = pd.DataFrame({"by": pd.Series([], dtype="object"),
                     **{d: pd.Series([], dtype="object") for d in DIMS},
                     **{c: pd.Series([], dtype="int64") for c in COUNTERS}})


def _indicators(keys: pd.DataFrame) -> pd.DataFrame:
    def text(col: str) -> pd.Series:
        return keys[col].astype(object).where(keys[col].notna(), "").astype(str)

    cat, stage = text("category"), text("stage")
    tactics = text("tactics")
    hour = pd.to_numeric(keys["hour"], errors="coerce")
    ind = pd.DataFrame({
        "lender": text("lender"),
        "sender": _numbers(text("sender")),
        "agency": text("agency"), "collector": text("collector"), "month": text("month"),
        "tactics": tactics, "messages": 1,
    })
    for c in CATEGORIES:
        ind[c] = (cat == c).astype("int64")
    for s in STAGES:
        ind[s] = (stage == s).astype("int64")
    listed = tactics.str.split(",").explode()
    listed = listed[listed != ""]
    if listed.empty:
        for t in TACTICS:
            ind[t] = 0
    else:
        dummies = pd.get_dummies(listed.astype(object), dtype="int64").groupby(level=0).max()
        dummies = dummies.reindex(index=ind.index, fill_value=0)
        for t in TACTICS:
            ind[t] = dummies.get(t, 0)
    night = (hour >= 22) | (hour < 8)
    ind["night"] = (night.fillna(False) & (cat == "collection")).astype("int64")
    return ind


def _numbers(senders: pd.Series) -> list[str]:
    seen: dict[str, str] = {}
    out = []
    for s in senders.tolist():
        n = seen.get(s)
        if n is None:
            n = seen[s] = normalize_number(s) if s else ""
        out.append(n)
    return out


def partial_counts(keys: pd.DataFrame) -> pd.DataFrame:
    """Counts of one partition for every grouping set (see ``GROUPINGS``)."""
    if keys.empty:
        return META.copy()
    ind = _indicators(keys)
    exploded = None
    parts = []
    for grouping in GROUPINGS:
        src = ind
        if "tactic" in grouping:
            if exploded is None:
                exploded = ind.assign(tactic=ind["tactics"].str.split(",")).explode("tactic")
                exploded = exploded[exploded["tactic"] != ""]
            src = exploded
        if src.empty:
            continue
        g = src.groupby(list(grouping), sort=False)[list(COUNTERS)].sum().reset_index()
        g.insert(0, "by", "+".join(grouping))
        for d in DIMS:
            if d not in g:
                g[d] = ""
        parts.append(g[list(META.columns)])
    if not parts:
        return META.copy()
    return pd.concat(parts, ignore_index=True).astype(META.dtypes.to_dict())


def finish(total: pd.DataFrame, deid: Deidentifier) -> pd.DataFrame:
    """Summed counts, de-identified, empty keys as nulls, in a stable order."""
    out = total.reset_index() if "by" not in total.columns else total
    out = out[list(META.columns)].copy()
    out["sender"] = [deid.phone(s) if s else s for s in out["sender"]]
    out["collector"] = [deid.name(s) if s else s for s in out["collector"]]
    out["lender"] = [deid.text(s) if s else s for s in out["lender"]]
    out = out.sort_values(["by", *DIMS], kind="stable").reset_index(drop=True)
    for d in DIMS:
        out[d] = out[d].astype(object).where(out[d] != "", None)
    return out
