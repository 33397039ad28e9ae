"""Citing the article in force on the date of the contact (治安管理处罚法 renumbered 2026-01-01)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

LAST_OLD = date(2025, 12, 31)
FIRST_NEW = date(2026, 1, 1)

# (2025 id, 2012 id) pairs from the correspondence table in statutes.md §6 / facts.md §2.4.
PAIRS = [
    ("治安管理处罚法:47", "治安管理处罚法(2012):40"),
    ("治安管理处罚法:50", "治安管理处罚法(2012):42"),
    ("治安管理处罚法:62", "治安管理处罚法(2012):51"),
    ("治安管理处罚法:63", "治安管理处罚法(2012):52"),
]


@pytest.mark.parametrize(
    ("asked", "on", "expected"),
    [
        *((new, LAST_OLD, old) for new, old in PAIRS),
        *((new, FIRST_NEW, new) for new, old in PAIRS),
        *((old, LAST_OLD, old) for new, old in PAIRS),
        *((old, FIRST_NEW, new) for new, old in PAIRS),
        *((new, date(2013, 1, 1), old) for new, old in PAIRS),
        *((old, date(2030, 6, 1), new) for new, old in PAIRS),
    ],
)
def test_renumbered_article_in_force_on_either_side_of_2026(base, asked, on, expected):
    p = base.in_force(asked, on)
    assert p.id == expected
    assert p.is_in_force(on)


@pytest.mark.parametrize("new_only", ["治安管理处罚法:56", "治安管理处罚法:58"])
@pytest.mark.parametrize("on", [date(2020, 5, 1), LAST_OLD])
def test_article_without_a_2012_predecessor_comes_back_flagged(base, new_only, on):
    # 56 is new in 2025; 58's predecessor (2012 art. 49) is not in the base, so no mapping.
    p = base.in_force(new_only, on)
    assert p.id == new_only
    assert not p.is_in_force(on)
    assert base.in_force(new_only, FIRST_NEW).is_in_force(FIRST_NEW)


@pytest.mark.parametrize(
    ("provision_id", "on", "in_force"),
    [
        ("刑法:293之一", date(2021, 2, 28), False),
        ("刑法:293之一", date(2021, 3, 1), True),
        ("民法典:1033", date(2020, 12, 31), False),
        ("民法典:1033", date(2021, 1, 1), True),
        ("治安管理处罚法(2012):42", date(2012, 12, 31), False),
        ("中银协催收指引:时间", date(2026, 1, 29), False),
        ("中银协催收指引:时间", date(2026, 1, 30), True),
        ("互金催收公约:17", date(2019, 1, 1), True),  # start unknown: treated as in force
    ],
)
def test_unrenumbered_provision_is_returned_with_its_own_dates(base, provision_id, on, in_force):
    p = base.in_force(provision_id, on)
    assert p.id == provision_id
    assert p.is_in_force(on) is in_force


def test_successor_links_both_ways(base):
    for new, old in PAIRS:
        assert base.get(new).replaces == old
        assert base.successor(old).id == new
        assert base.successor(new) is None


def test_old_text_ends_the_day_before_the_new_one_starts(base):
    old = [p for p in base if p.short == "治安管理处罚法(2012)"]
    new = [p for p in base if p.short == "治安管理处罚法"]
    assert old and new
    assert {p.in_force_to for p in old} == {LAST_OLD}
    assert {p.in_force_from for p in new if p.verbatim} == {FIRST_NEW}


@pytest.mark.parametrize(
    ("asked", "on", "expected"),
    [
        ("治安管理处罚法:50", LAST_OLD, "治安管理处罚法(2012):42"),
        ("治安管理处罚法(2012):42", FIRST_NEW, "治安管理处罚法:50"),
        ("治安管理处罚法:56", LAST_OLD, None),  # new in 2025, no predecessor
        ("中银协催收指引:时间", date(2026, 1, 29), None),
        ("中银协催收指引:时间", date(2026, 1, 30), "中银协催收指引:时间"),
    ],
)
def test_applies_on_is_the_cited_id_or_none(base, asked, on, expected):
    assert base.applies_on(asked, on) == expected


def test_bulk_law_memo_answers_like_the_base(base):
    from dunguard.bulk.findings import _LawMemo

    memo = _LawMemo(base)
    days = [date(2012, 12, 31), LAST_OLD, FIRST_NEW, date(2026, 1, 29), date(2026, 1, 30)]
    for p in base.all():
        for d in days:
            for _ in range(2):  # the second answer comes from the memo
                assert memo.applies_on(p.id, d) == base.applies_on(p.id, d)
                assert memo.in_force(p.id, d).id == base.in_force(p.id, d).id


_DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(_DAYS, _DAYS)
@settings(max_examples=300, deadline=None)
def test_two_days_of_one_era_cite_the_same_provisions(base, day, other):
    # the engine keeps law ids and findings per era (LawBase.era), not per day
    if base.era(day) == base.era(other):
        for pid in base.ids():
            assert base.in_force(pid, day).id == base.in_force(pid, other).id
            assert base.applies_on(pid, day) == base.applies_on(pid, other)


def test_the_2026_renumbering_starts_a_new_era(base):
    assert base.era(LAST_OLD) != base.era(FIRST_NEW)
    assert base.era(FIRST_NEW) == base.era(FIRST_NEW + timedelta(days=1))
