"""One-year LPR by date and the 4 × LPR private-lending cap."""

from __future__ import annotations

import bisect
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dunguard.errors import LawBaseError
from dunguard.law import LPR_START, lpr_entry_on, lpr_on, lpr_table, private_lending_cap
from dunguard.law.lpr import parse_lpr_csv

TABLE = lpr_table()
DATES = [e.effective_date for e in TABLE]
CHANGES = [e for prev, e in zip(TABLE, TABLE[1:], strict=False) if e.one_year != prev.one_year]


@pytest.mark.parametrize(
    ("on", "percent"),
    [
        (date(2019, 8, 20), "4.25"),
        (date(2019, 9, 19), "4.25"),
        (date(2019, 9, 20), "4.20"),
        (date(2019, 11, 19), "4.20"),
        (date(2019, 11, 20), "4.15"),
        (date(2020, 2, 19), "4.15"),
        (date(2020, 2, 20), "4.05"),
        (date(2020, 4, 19), "4.05"),
        (date(2020, 4, 20), "3.85"),
        (date(2020, 8, 20), "3.85"),
        (date(2021, 12, 19), "3.85"),
        (date(2021, 12, 20), "3.80"),
        (date(2022, 1, 19), "3.80"),
        (date(2022, 1, 20), "3.70"),
        (date(2022, 5, 20), "3.70"),  # only the 5-year rate changed that day
        (date(2022, 8, 21), "3.70"),
        (date(2022, 8, 22), "3.65"),
        (date(2023, 6, 19), "3.65"),
        (date(2023, 6, 20), "3.55"),
        (date(2023, 8, 20), "3.55"),
        (date(2023, 8, 21), "3.45"),
        (date(2024, 7, 21), "3.45"),
        (date(2024, 7, 22), "3.35"),
        (date(2024, 10, 20), "3.35"),
        (date(2024, 10, 21), "3.10"),
        (date(2025, 5, 19), "3.10"),
        (date(2025, 5, 20), "3.00"),
        (date(2026, 1, 15), "3.00"),  # gap in the table: the 2025-07-21 value continues
    ],
)
def test_lpr_on_boundary_dates(on, percent):
    rate = lpr_on(on)
    assert isinstance(rate, Decimal)
    assert rate == Decimal(percent) / 100


@pytest.mark.parametrize("change", CHANGES, ids=lambda e: e.effective_date.isoformat())
def test_every_change_takes_effect_on_its_day_and_not_before(change):
    assert lpr_on(change.effective_date) == change.one_year
    assert lpr_on(change.effective_date - timedelta(days=1)) != change.one_year


@pytest.mark.parametrize(
    ("on", "cap"),
    [  # the 4× column of facts.md §3
        (date(2020, 8, 20), "15.4"),
        (date(2021, 12, 20), "15.2"),
        (date(2022, 1, 20), "14.8"),
        (date(2022, 8, 22), "14.6"),
        (date(2023, 6, 20), "14.2"),
        (date(2023, 8, 21), "13.8"),
        (date(2024, 7, 22), "13.4"),
        (date(2024, 10, 21), "12.4"),
        (date(2025, 5, 20), "12.0"),
    ],
)
def test_private_lending_cap_is_four_times_lpr(on, cap):
    assert private_lending_cap(on) == Decimal(cap) / 100


@pytest.mark.parametrize("on", [date(2019, 8, 19), date(2015, 9, 1), date(1990, 1, 1)])
def test_before_the_reformed_lpr_there_is_no_rate_and_no_cap(on):
    with pytest.raises(LawBaseError, match="2019年8月20日"):
        lpr_on(on)
    assert private_lending_cap(on) is None


def test_after_the_last_row_the_last_value_holds_and_says_so():
    later = DATES[-1] + timedelta(days=400)
    entry = lpr_entry_on(later)
    assert entry == TABLE[-1]
    assert entry.effective_date < later
    assert entry.confirmed is False


def test_unconfirmed_rows_are_only_the_late_ones():
    unconfirmed = [e.effective_date for e in TABLE if not e.confirmed]
    assert unconfirmed and min(unconfirmed) == date(2025, 6, 20)


@given(st.dates(min_value=LPR_START, max_value=date(2040, 12, 31)))
def test_lpr_is_piecewise_constant_and_from_the_table(on):
    rate = lpr_on(on)
    assert rate in {e.one_year for e in TABLE}
    start = max(d for d in DATES if d <= on)  # independent of the module's bisect
    assert rate == TABLE[DATES.index(start)].one_year
    if on != start:
        assert lpr_on(on - timedelta(days=1)) == rate
    assert private_lending_cap(on) == 4 * rate


@given(st.dates(min_value=LPR_START, max_value=date(2040, 12, 31)), st.integers(0, 400))
def test_lpr_is_constant_between_table_rows(on, days):
    later = on + timedelta(days=days)
    if bisect.bisect_right(DATES, on) == bisect.bisect_right(DATES, later):
        assert lpr_on(on) == lpr_on(later)


HEADER = "effective_date,one_year_lpr_percent,five_year_lpr_percent,source,confirmed\n"


@pytest.mark.parametrize(
    ("rows", "fragment"),
    [
        ("2019-08-20,4.25,4.85,a,yes\n2019-08-20,4.20,4.85,a,yes\n", "第3行日期没有递增"),
        ("2019-08-20,4.25,4.85,a,yes\n2019-09-20,abc,4.85,a,yes\n", "第3行格式有误"),
        ("2019-08-20,4.25,4.85,a,maybe\n", "第2行格式有误"),
        ("2019-08-20,0,4.85,a,yes\n", "第2行利率不是正数"),
        ("2019-09-20,4.20,4.85,a,yes\n", "2019-08-20"),
        ("", "2019-08-20"),
    ],
)
def test_bad_lpr_table_is_rejected_naming_the_row(rows, fragment):
    with pytest.raises(LawBaseError, match=fragment):
        parse_lpr_csv(HEADER + rows)
