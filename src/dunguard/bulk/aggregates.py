"""Counts per lender, sender number, collection agency, collector, tactic and month.

Each message task counts its own block while it has the columns in hand (``partial``,
Arrow group-bys, no second reading of anything); the job adds the partial counts up as the
tasks finish (``Totals``), so memory holds one table of the size of the result. The result
is one table of grouping sets: the column ``by`` names the grouping (``lender``,
``lender+month`` …) and only those key columns are filled.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dunguard.bulk.deidentify import Deidentifier, normalize_number
from dunguard.model import Tactic

CATEGORIES = ("collection", "scam", "other")
STAGES = ("reminder", "warning", "legal", "visit")
TACTICS = tuple(t.value for t in Tactic)
TACTIC_BITS = {t: 1 << i for i, t in enumerate(TACTICS)}
DIMS = ("lender", "sender", "agency", "collector", "tactic", "month")
COUNTERS = ("messages", *CATEGORIES, *STAGES, *TACTICS, "night")
GROUPINGS: tuple[tuple[str, ...], ...] = (
    ("lender",), ("sender",), ("agency",), ("collector",), ("tactic",), ("month",),
    ("lender", "month"), ("lender", "tactic"), ("agency", "month"), ("agency", "tactic"),
    ("agency", "collector"), ("agency", "collector", "tactic"),
)
SCHEMA = pa.schema([("by", pa.string()), *((d, pa.string()) for d in DIMS),
                    *((c, pa.int64()) for c in COUNTERS)])
_KEYS = ["by", *DIMS]


def _text(values: Sequence) -> pa.Array:
    return pa.array([v if isinstance(v, str) else "" for v in values], pa.string())


def partial(*, lender: Sequence, sender: Sequence, agency: Sequence, collector: Sequence,
            month: pa.Array, hour: pa.Array, category: Sequence[str],
            stage: Sequence[str | None], masks: Sequence[int], tactic_rows: Sequence[int],
            tactic_values: Sequence[str]) -> pa.Table:
    """The counts of one partition for every grouping set (see ``GROUPINGS``): one value
    per message in each argument; ``masks`` has a bit per tactic (``TACTIC_BITS``), and
    ``tactic_rows``/``tactic_values`` list each message's tactics (the tactic groupings)."""
    n = len(category)
    if n == 0:
        return SCHEMA.empty_table()
    numbers: dict = {}
    senders = []
    for s in sender:
        got = numbers.get(s)
        if got is None:
            got = numbers[s] = normalize_number(s) if isinstance(s, str) and s else ""
        senders.append(got)
    cat = pa.array(category, pa.string())
    stg = pa.array(stage, pa.string())
    mask = pa.array(masks, pa.int64())
    ones = pa.array([1] * n, pa.int64())

    def indicator(flags: pa.Array) -> pa.Array:
        return pc.cast(pc.fill_null(flags, False), pa.int64())

    columns = {
        "lender": _text(lender), "sender": pa.array(senders, pa.string()),
        "agency": _text(agency), "collector": _text(collector),
        "month": pc.fill_null(month, ""), "messages": ones,
    }
    for c in CATEGORIES:
        columns[c] = indicator(pc.equal(cat, c))
    for s in STAGES:
        columns[s] = indicator(pc.equal(stg, s))
    for t, bit in TACTIC_BITS.items():
        columns[t] = indicator(pc.not_equal(pc.bit_wise_and(mask, bit), 0))
    night = pc.or_(pc.greater_equal(hour, 22), pc.less(hour, 8))
    columns["night"] = indicator(pc.and_(night, pc.equal(cat, "collection")))
    table = pa.table(columns)
    exploded = table.take(pa.array(tactic_rows, pa.int64())).append_column(
        "tactic", pa.array(tactic_values, pa.string()))
    parts = []
    for grouping in GROUPINGS:
        src = exploded if "tactic" in grouping else table
        if src.num_rows == 0:
            continue
        g = src.group_by(list(grouping), use_threads=False).aggregate(
            [(c, "sum") for c in COUNTERS])
        parts.append(_shape(g, "+".join(grouping), len(g)))
    return pa.concat_tables(parts) if parts else SCHEMA.empty_table()


def _shape(g: pa.Table, by: str | None, rows: int) -> pa.Table:
    """A group-by's output (``c_sum`` columns) in ``SCHEMA``; ``by`` set unless a key."""
    names = set(g.column_names)
    out = []
    for f in SCHEMA:
        if f.name in names:
            out.append(g.column(f.name))
        elif f"{f.name}_sum" in names:
            out.append(g.column(f"{f.name}_sum"))
        elif f.name == "by":
            out.append(pa.array([by] * rows, pa.string()))
        else:
            out.append(pa.array([""] * rows, pa.string()))
    return pa.Table.from_arrays(out, schema=SCHEMA)


class Totals:
    """Partial counts added up as they arrive (pandas: a table that came over the wire
    may have buffers Arrow's group-by warns about)."""

    def __init__(self, every: int = 16):
        self.every = every
        self.pending: list[pd.DataFrame] = []
        self.total: pd.DataFrame | None = None

    def add(self, counts: pa.Table) -> None:
        self.pending.append(counts.to_pandas())
        if len(self.pending) >= self.every:
            self._fold()

    def _fold(self) -> None:
        parts = ([] if self.total is None else [self.total]) + self.pending
        self.pending = []
        if not parts:
            return
        both = pd.concat(parts, ignore_index=True)
        self.total = both.groupby(_KEYS, sort=False, as_index=False)[list(COUNTERS)].sum()

    def frame(self) -> pd.DataFrame:
        self._fold()
        if self.total is None:
            return SCHEMA.empty_table().to_pandas()
        return self.total


def finish(total: pd.DataFrame, deid: Deidentifier) -> pa.Table:
    """Summed counts, de-identified, empty keys as nulls, in a stable order."""
    out = total[_KEYS + list(COUNTERS)].copy()
    out["sender"] = [deid.phone(s) if s else s for s in out["sender"]]
    out["collector"] = [deid.name(s) if s else s for s in out["collector"]]
    out["lender"] = [deid.text(s) if s else s for s in out["lender"]]
    out = out.sort_values(_KEYS, kind="stable").reset_index(drop=True)
    for d in DIMS:
        out[d] = out[d].astype(object).where(out[d] != "", None)
    return pa.Table.from_pandas(out, schema=SCHEMA, preserve_index=False)
