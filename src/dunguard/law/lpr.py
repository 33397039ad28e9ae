"""The one-year Loan Prime Rate (LPR) by date, and the private-lending cap of 4 × LPR.

The table is a packaged copy of the project's ``lpr.csv`` (one row per monthly fixing; a rate
applies from its ``effective_date`` until the next row). It is compiled from third-party
tables, not from the official announcements: rows with ``confirmed = no`` rest on a single table
or on news digests, and after the last row the last value is assumed to continue. Use
:func:`lpr_entry_on` when the caller must say how sure the value is.

Rates are ``Decimal`` fractions per year: 3.85 % is ``Decimal("0.0385")``.
"""

from __future__ import annotations

import bisect
import csv
import functools
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources

from dunguard.errors import LawBaseError

LPR_FILE = "lpr.csv"
LPR_START = date(2019, 8, 20)  # first fixing of the reformed LPR (民间借贷规定 第25条第2款)
CAP_MULTIPLE = Decimal(4)  # 民间借贷规定 第25条: 合同成立时一年期贷款市场报价利率四倍
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class LprEntry:
    """One fixing: in force from ``effective_date`` until the next entry."""

    effective_date: date
    one_year: Decimal  # fraction per year
    five_year: Decimal  # fraction per year
    confirmed: bool  # two independent tables agree on it
    source: str


@functools.cache
def lpr_table() -> tuple[LprEntry, ...]:
    """All fixings, oldest first (validated: dates strictly increasing, rates positive)."""
    text = (resources.files("dunguard.law") / "data" / LPR_FILE).read_text(encoding="utf-8")
    return parse_lpr_csv(text)


def parse_lpr_csv(text: str) -> tuple[LprEntry, ...]:
    """Parse the LPR table; :class:`LawBaseError` names the row on any problem."""
    entries: list[LprEntry] = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            entry = LprEntry(
                effective_date=date.fromisoformat(row["effective_date"]),
                one_year=Decimal(row["one_year_lpr_percent"]) / _HUNDRED,
                five_year=Decimal(row["five_year_lpr_percent"]) / _HUNDRED,
                confirmed={"yes": True, "no": False}[row["confirmed"]],
                source=row["source"],
            )
        except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
            raise LawBaseError(f"LPR 表第{line}行格式有误：{exc}", file=LPR_FILE) from exc
        if entry.one_year <= 0 or entry.five_year <= 0:
            raise LawBaseError(f"LPR 表第{line}行利率不是正数", file=LPR_FILE)
        if entries and entry.effective_date <= entries[-1].effective_date:
            raise LawBaseError(f"LPR 表第{line}行日期没有递增", file=LPR_FILE)
        entries.append(entry)
    if not entries or entries[0].effective_date != LPR_START:
        raise LawBaseError(f"LPR 表应从 {LPR_START} 开始", file=LPR_FILE)
    return tuple(entries)


@functools.cache
def _dates() -> tuple[date, ...]:
    return tuple(e.effective_date for e in lpr_table())


def lpr_entry_on(on: date) -> LprEntry:
    """The fixing in force on ``on``. Raises :class:`LawBaseError` before 2019-08-20.

    After the table's last row the last value is returned; compare ``effective_date`` with
    ``on`` to tell how old it is, and ``confirmed`` to tell whether two tables agree on it.
    """
    if on < LPR_START:
        raise LawBaseError(
            f"{on.isoformat()} 早于2019年8月20日，当时尚无现行一年期贷款市场报价利率（LPR）"
        )
    return lpr_table()[bisect.bisect_right(_dates(), on) - 1]


def lpr_on(on: date) -> Decimal:
    """One-year LPR in force on ``on``, as a fraction (0.0385 for 3.85 %)."""
    return lpr_entry_on(on).one_year


def private_lending_cap(on: date) -> Decimal | None:
    """4 × the one-year LPR in force on ``on`` (民间借贷规定 第25条), as a fraction.

    ``on`` is the date the rule points to: for 第25条 the day the contract was made; for the
    transition in 第31条 the day of filing. Returns ``None`` before 2019-08-20, when no LPR
    existed; the 2015 rules (24 % / 36 %, see ``民间借贷规定(2015):利率``) governed that time.
    The cap does not bind licensed lenders (第1条第2款 and ``民间借贷批复:全文``).
    """
    if on < LPR_START:
        return None
    return CAP_MULTIPLE * lpr_on(on)
