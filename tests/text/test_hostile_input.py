"""Hostile input: long repetitions that once made a reader go over the text once per match
(quadratic). The readers now go over it once, and must still give the right answer on each;
how fast they are is measured by ``benchmarks/hostile.py``, not here."""

from __future__ import annotations

from datetime import date, datetime

from dunguard.model import SHANGHAI
from dunguard.text.engine import Engine
from dunguard.text.entities import extract_entities
from dunguard.text.entities.deadlines import _add_workdays

AT = datetime(2026, 1, 5, 8, 0, tzinfo=SHANGHAI)  # a Monday


def test_a_phrase_of_working_days_repeated_gives_one_deadline():
    e = extract_entities("请在366工作日内还款。" * 2000, sent_at=AT)
    assert e.deadlines and set(e.deadlines) == {_add_workdays(date(2026, 1, 5), 366)}


def test_many_lender_names_and_loan_words_give_the_lenders_once():
    e = extract_entities("工行" * 5000 + "贷，" * 5000)
    assert e.lender[0] == "中国工商银行" and len(e.lender) == len(set(e.lender))


def test_thousands_of_bare_links_give_each_link_once():
    e = extract_entities("a.cn " * 4000 + "详见 http://b.cn/x")
    assert [u.url for u in e.urls] == ["a.cn", "http://b.cn/x"]


def test_account_numbers_by_the_hundred_do_not_hide_a_phone_number():
    e = extract_entities("卡号0000000000，" * 550 + "客服电话13812345678")
    assert [p.number for p in e.phones] == ["13812345678"]


def test_an_excluded_term_repeated_still_covers_every_hit():
    # 快递上门 covers each 上门: no visit, however many times
    a = Engine.default(rules_only=True).analyze("欠款" + "快递上门" * 4999)
    assert "visit" not in {f.label for f in a.findings}
