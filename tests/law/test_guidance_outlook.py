"""The outlook is computed from the debt: realistic scenarios with their exact statements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dunguard.errors import UsageError
from dunguard.law.guidance import LenderKind
from dunguard.law.outlook import (
    MISSING_AMOUNT,
    MISSING_COLLECTIONS,
    MISSING_WINDOW,
    Debt,
    add_months,
    outlook,
    parse_amount,
    parse_date,
)

CARD = LenderKind.BANK_CARD
D = Decimal


def texts(o, section=None):
    secs = o.sections if section is None else [o.section(section)]
    return {s.id: s.text for sec in secs for s in sec.statements}


def card(amount, collections=(), due=date(2026, 1, 10), today=date(2026, 8, 1)):
    return outlook(Debt(CARD, D(amount), due_date=due, collections=tuple(collections)), today=today)


# ── 恶意透支: the amount ───────────────────────────────────────────────────────────────────


def test_small_card_debt_cannot_reach_the_threshold_and_says_so():
    o = card("8000", [date(2026, 2, 1), date(2026, 3, 15)])
    t = texts(o, "criminal")
    assert t["card.amount_below"] == (
        "金额：你填写的欠款是8,000元，低于恶意透支“数额较大”的起点5万元。只算未还的本金，"
        "不算利息和手续费。所以这笔欠款达不到信用卡诈骗罪（恶意透支）的数额标准。"
    )
    assert o.card.missing == (MISSING_AMOUNT,)
    assert t["card.conclusion_not_met"] == (
        "结论：按你填写的信息，恶意透支的条件没有全部满足（还不满足的：未还本金5万元以上）。"
        "目前这是一笔民事欠款：银行可以催收、报送征信、向法院起诉。"
    )
    assert "card.repay_relief" not in t and "card.conclusion_objective_met" not in t


@pytest.mark.parametrize(
    ("amount", "tier"),
    [
        ("49999.99", None),
        ("50000", "数额较大"),
        ("499999.99", "数额较大"),
        ("500000", "数额巨大"),
        ("4999999", "数额巨大"),
        ("5000000", "数额特别巨大"),
    ],
)
def test_amount_tiers_include_the_threshold_itself(amount, tier):
    o = card(amount)
    assert o.card.tier == tier
    assert o.card.amount_met is (tier is not None)
    assert ("card.amount_reached" in texts(o)) is (tier is not None)


def test_threshold_reached_warns_that_only_principal_counts():
    t = texts(card("50000"))
    assert t["card.amount_reached"] == (
        "金额：你填写的欠款是50,000元，达到了恶意透支“数额较大”的标准（5万元以上）。"
        "注意：只算公安机关立案时还没还的本金，不算利息和费用，你还的钱先算作还本金；"
        "如果你填的数字包含利息和费用，本金会更少。金额只是条件之一。"
    )
    assert "即使各项条件都满足" in t["card.repay_relief"]


def test_cents_are_shown():
    assert "49,999.99元" in texts(card("49999.99"))["card.amount_below"]


# ── 恶意透支: two collections at least 30 days apart ─────────────────────────────────────


def test_60000_card_debt_with_one_collection_has_not_met_the_two_collections_condition():
    o = card("60000", [date(2026, 2, 1)], today=date(2026, 6, 1))
    t = texts(o, "criminal")
    assert t["card.collections_one"] == (
        "催收：你记录的逾期后催收只有1次（2026年2月1日）。恶意透支要求两次有效催收，"
        "而且两次至少间隔30天。这一条件还不满足。"
    )
    assert t["card.window_unknown"].startswith("时间：要在第二次有效催收后超过3个月仍不还")
    assert o.card.missing == (MISSING_COLLECTIONS, MISSING_WINDOW)
    assert "还不满足的：两次有效催收且至少间隔30天；第二次有效催收后超过3个月仍不归还" in (
        t["card.conclusion_not_met"]
    )


@pytest.mark.parametrize(("gap", "met"), [(29, False), (30, True), (31, True)])
def test_the_30_day_gap(gap, met):
    first = date(2026, 2, 1)
    second = date.fromordinal(first.toordinal() + gap)
    o = card("60000", [first, second], today=date(2026, 12, 1))
    assert (o.card.pair is not None) is met
    t = texts(o)
    if met:
        assert t["card.collections_met"].startswith(
            f"催收：按你记录的日期，2026年2月1日和{second.year}年{second.month}月{second.day}日"
            f"两次催收相隔{gap}天，满足“两次至少间隔30天”。"
        )
    else:
        assert t["card.collections_close"] == (
            "催收：你记录了2次逾期后催收（2026年2月1日、2026年3月2日），但最早一次和最晚一次"
            "只相隔29天，不到30天。“两次有效催收至少间隔30天”这一条件还不满足。"
        )


def test_the_earliest_valid_pair_is_used():
    # 02-01 and 02-20 are too close; 03-05 is 32 days after the first
    o = card("60000", [date(2026, 2, 20), date(2026, 2, 1), date(2026, 3, 5), date(2026, 4, 30)])
    assert o.card.pair == (date(2026, 2, 1), date(2026, 3, 5))
    assert o.card.window_end == date(2026, 6, 5)


def test_collections_on_or_before_the_due_date_do_not_count():
    o = card("60000", [date(2026, 1, 5), date(2026, 1, 10), date(2026, 2, 1)])
    assert o.card.counted == (date(2026, 2, 1),)
    assert texts(o)["card.collections_ignored"] == (
        "催收：2026年1月5日、2026年1月10日的催收在逾期之前或当天（到期日2026年1月10日），"
        "不算有效催收；有效催收要在逾期后进行。"
    )
    assert "card.collections_one" in texts(o)


def test_no_collections():
    t = texts(card("60000", []))
    assert t["card.collections_none"].endswith("这一条件还不满足。")
    assert t["overview.no_collections"].startswith("你没有填写催收日期。")


# ── 恶意透支: more than 3 months after the second collection ─────────────────────────────


@pytest.mark.parametrize(
    ("today", "passed"), [(date(2026, 6, 14), False), (date(2026, 6, 15), False), (date(2026, 6, 16), True)]
)
def test_the_three_month_window(today, passed):
    o = card("60000", [date(2026, 2, 1), date(2026, 3, 15)], today=today)
    assert o.card.window_end == date(2026, 6, 15)
    assert o.card.window_met is passed
    t = texts(o)
    if passed:
        assert t["card.window_passed"] == (
            "时间：按你的记录，第二次有效催收（2026年3月15日）后的3个月已在2026年6月15日届满，"
            "到今天仍未还清的，满足“超过3个月仍不归还”这一条件。"
        )
        assert o.card.objective_met and "card.conclusion_objective_met" in t
        assert "本工具无法判断" in t["card.conclusion_objective_met"]
    else:
        assert t["card.window_open"] == (
            "时间：第二次有效催收后要超过3个月仍不还，才符合这一条件。按你的记录，3个月到"
            f"2026年6月15日才满；今天是2026年6月{today.day}日，这一条件还不满足。"
        )
        assert o.card.missing == (MISSING_WINDOW,)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 10, 31), 3, date(2027, 1, 31)),
        (date(2028, 2, 29), 60, date(2033, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(start, months, end):
    assert add_months(start, months) == end


def test_intent_is_never_decided_and_the_advice_is_to_stay_reachable():
    o = card("600000", [date(2026, 2, 1), date(2026, 3, 15)])
    t = texts(o)
    assert "不能只因为没还钱就认定" in t["card.intent"]
    assert "不要换号码" in t["card.intent_advice"]
    assert o.card.to_json()["intent"] == "undetermined"
    assert o.card.tier == "数额巨大"


# ── other lenders: a civil matter ─────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (LenderKind.ONLINE_LENDER, "网贷"),
        (LenderKind.CONSUMER_FINANCE, "消费金融公司借款"),
        (LenderKind.BANK_LOAN, "银行贷款"),
        (LenderKind.PRIVATE, "私人借款"),
    ],
)
def test_non_card_debt_is_a_civil_matter(kind, name):
    o = outlook(Debt(kind, D("8000"), overdue_days=40,
                     collections=(date(2026, 11, 1), date(2026, 11, 20))), today=date(2026, 11, 29))
    t = texts(o, "criminal")
    assert t["criminal.civil"] == (
        f"这笔是{name}，不是信用卡欠款。逾期不还通常是民事纠纷，不是犯罪：法律规定的后果是"
        "还本金、付逾期利息和依法约定的违约金。催收次数多少，不会改变这一点。"
    )
    assert o.card is None and not any(k.startswith("card.") for k in texts(o))
    assert "“恶意透支”是信用卡的规定" in t["criminal.not_card"]
    assert ("criminal.loan_fraud" in t) is (kind is not LenderKind.PRIVATE)
    assert ("criminal.exaggeration" in t) is (kind is LenderKind.BANK_LOAN)


# ── dates → credit report ─────────────────────────────────────────────────────────────────


def test_overdue_days_give_the_date_the_report_may_show_it_from():
    o = outlook(Debt(LenderKind.ONLINE_LENDER, D("8000"), overdue_days=40), today=date(2026, 11, 29))
    assert o.due_date == date(2026, 10, 20) and o.overdue_days == 40
    t = texts(o)
    assert t["overview.overdue"].startswith("这笔网贷从2026年10月21日起逾期，到2026年11月29日已逾期40天。")
    assert t["report.since"] == (
        "逾期记录：如果出借方向征信系统报送，逾期记录从2026年10月21日以后就可能出现在你的信用报告上。"
        "本工具的资料里没有统一的宽限期规定，各机构做法不同。报送不良信息前，机构应当先通知你。"
    )
    assert t["report.retention"] == (
        "保存多久：不良信息从不良行为结束之日起保存5年。比如你在2026年11月29日还清，"
        "记录大约保存到2031年11月29日；晚一天还清，就晚一天删除。"
    )
    cited = {pid for s in o.section("credit").statements for pid in s.law}
    assert {"征信业管理条例:15", "征信业管理条例:16"} <= cited


def test_due_date_and_overdue_days_agree():
    by_due = outlook(Debt(CARD, D("1000"), due_date=date(2026, 10, 20)), today=date(2026, 11, 29))
    by_days = outlook(Debt(CARD, D("1000"), overdue_days=40), today=date(2026, 11, 29))
    assert by_due.overdue_days == 40 and by_days.due_date == date(2026, 10, 20)
    assert texts(by_due) == texts(by_days)


def test_a_debt_not_yet_due_gets_an_outlook_for_missing_the_date():
    """A scared user whose loan falls due in a few days gets what happens if it is missed,
    not an error: no repair, retention or collection-count talk, and no 恶意透支 check."""
    o = outlook(Debt(LenderKind.ONLINE_LENDER, D("3000"), due_date=date(2026, 12, 3),
                     collections=(date(2026, 11, 28),)), today=date(2026, 11, 29))
    assert o.overdue_days == 0 and o.to_json()["debt"]["days_until_due"] == 4
    t = texts(o)
    assert t["overview.not_due"].startswith(
        "这笔网贷的到期日是2026年12月3日，今天（2026年11月29日）还没有逾期，离到期还有4天。")
    assert "从2026年12月4日起算逾期" in t["overview.not_due"]
    assert "从2026年12月4日以后就可能出现" in t["report.not_due"]
    for gone in ("overview.overdue", "overview.collections", "report.since", "report.retention",
                 "report.repair_too_late"):
        assert gone not in t
    assert "criminal.civil" in t  # still: non-payment of a loan is a civil matter


def test_a_card_due_today_is_not_overdue_and_skips_the_malicious_overdraft_check():
    o = card("60000", collections=(date(2026, 11, 1),), due=date(2026, 11, 29),
             today=date(2026, 11, 29))
    assert o.card is None and o.to_json()["debt"]["days_until_due"] == 0
    t = texts(o)
    assert "今天（2026年11月29日）到期，还没有逾期" in t["overview.due_today"]
    assert "谈不上“恶意透支”" in t["card.not_due"]
    assert not any(k.startswith("card.") and k != "card.not_due" for k in t)
    # one day later the same card is overdue and gets the full check
    later = card("60000", collections=(date(2026, 11, 1),), due=date(2026, 11, 29),
                 today=date(2026, 11, 30))
    assert later.card is not None and later.overdue_days == 1


def test_without_dates_the_date_statements_are_left_out():
    o = outlook(Debt(LenderKind.BANK_LOAN, D("30000")), today=date(2026, 11, 29))
    t = texts(o)
    assert "overview.no_dates" in t and "report.since_unknown" in t
    assert "report.since" not in t and "overview.overdue" not in t


@pytest.mark.parametrize(
    ("due", "amount", "today", "key"),
    [
        (date(2025, 6, 1), "8000", date(2026, 2, 1), "report.repair_applies"),
        (date(2025, 6, 1), "10000", date(2026, 3, 31), "report.repair_applies"),
        (date(2025, 6, 1), "8000", date(2026, 4, 1), "report.repair_expired"),
        (date(2025, 6, 1), "10000.01", date(2026, 2, 1), "report.repair_too_large"),
        (date(2026, 2, 1), "5000", date(2026, 4, 1), "report.repair_too_late"),
        (date(2025, 12, 30), "5000", date(2026, 3, 1), "report.repair_applies"),  # overdue from 12-31
        (date(2025, 12, 31), "5000", date(2026, 3, 1), "report.repair_too_late"),  # from 2026-01-01
        (date(2025, 10, 1), "5000", date(2025, 12, 21), None),  # policy not yet announced
        (date(2019, 6, 1), "5000", date(2026, 2, 1), None),
    ],
)
def test_one_off_credit_repair(due, amount, today, key):
    t = texts(outlook(Debt(LenderKind.CONSUMER_FINANCE, D(amount), due_date=due), today=today))
    repair = [k for k in t if k.startswith("report.repair")]
    assert repair == ([] if key is None else [key])


def test_one_off_repair_statement_text():
    o = outlook(Debt(LenderKind.BANK_CARD, D("3000"), due_date=date(2025, 6, 1)), today=date(2026, 2, 1))
    s = next(s for s in o.section("credit").statements if s.id == "report.repair_applies")
    assert s.text == (
        "一次性信用修复：这笔逾期从2025年6月2日开始，金额不超过1万元。如果在2026年3月31日前全额还清，"
        "这笔逾期不会在人民银行征信系统中展示。无需申请，不收费。"
    )
    assert s.confidence.value == "S" and s.analysis


def test_private_loans_reach_the_report_only_through_a_court():
    o = outlook(Debt(LenderKind.PRIVATE, D("20000"), overdue_days=10), today=date(2026, 11, 29))
    credit = o.section("credit").statements
    assert [s.id for s in credit] == ["report.private"]
    assert credit[0].law == ("民事诉讼法:266",)


# ── interest ──────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("signed", "key", "fragment"),
    [
        (date(2024, 3, 1), "interest.private_cap", "当时一年期贷款市场报价利率（LPR）是3.45%，4倍是年利率13.8%"),
        (date(2020, 8, 20), "interest.private_cap", "LPR）是3.85%，4倍是年利率15.4%"),
        (date(2019, 1, 1), "interest.private_old", "早于2019年8月20日"),
        (None, "interest.private_cap_unknown", "给出合同成立日期"),
    ],
)
def test_private_lending_cap_from_the_contract_date(signed, key, fragment):
    o = outlook(Debt(LenderKind.PRIVATE, D("20000"), overdue_days=10, contract_date=signed),
                today=date(2026, 11, 29))
    t = texts(o, "interest")
    assert fragment in t[key]
    assert "interest.licensed" not in t


def test_licensed_lenders_are_told_the_4x_lpr_cap_does_not_apply():
    t = texts(outlook(Debt(LenderKind.ONLINE_LENDER, D("20000"), overdue_days=10), today=date(2026, 11, 29)))
    assert "不适用民间借贷“一年期LPR的4倍”利率上限" in t["interest.licensed"]
    assert "interest.card_fees" not in t
    assert "interest.card_fees" in texts(card("2000"))


def test_court_section_explains_payment_order_and_enforcement():
    t = texts(card("2000"), "court")
    assert "15日内" in t["court.payment_order"] and "书面异议" in t["court.payment_order"]
    assert "催收人员自己没有这些权力" in t["court.enforcement"]


# ── inputs ────────────────────────────────────────────────────────────────────────────────


def test_amount_must_be_decimal_not_float():
    with pytest.raises(TypeError):
        Debt(CARD, 8000.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "today", "fragment"),
    [
        ({"due_date": date(2026, 1, 1), "overdue_days": 3}, date(2026, 2, 1), "只能给一个"),
        ({"overdue_days": 0}, date(2026, 2, 1), "至少为1天"),
        ({"overdue_days": 5, "collections": (date(2026, 3, 1),)}, date(2026, 2, 1), "晚于今天"),
        ({"overdue_days": 5, "contract_date": date(2026, 3, 1)}, date(2026, 2, 1), "合同成立日期晚于今天"),
    ],
)
def test_inconsistent_inputs_are_usage_errors(kwargs, today, fragment):
    with pytest.raises(UsageError, match=fragment):
        outlook(Debt(CARD, D("1000"), **kwargs), today=today)


@pytest.mark.parametrize(
    ("text", "value"),
    [("8000", D("8000")), ("8,000.50", D("8000.50")), ("8000元", D("8000")), ("6万", D("60000")),
     ("1.5万", D("15000.0"))],
)
def test_parse_amount(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["", "abc", "-5", "0", "NaN", "Infinity"])
def test_parse_amount_refuses(text):
    with pytest.raises(UsageError):
        parse_amount(text)


@pytest.mark.parametrize("text", ["2026-01-10", "2026/1/10", "2026.1.10", "2026年1月10日"])
def test_parse_date(text):
    assert parse_date(text) == date(2026, 1, 10)


@pytest.mark.parametrize("text", ["2026-02-30", "10/01/2026", "yesterday"])
def test_parse_date_refuses(text):
    with pytest.raises(UsageError):
        parse_date(text)


@pytest.mark.parametrize(
    ("value", "kind"),
    [("bank_card", CARD), ("银行信用卡", CARD), ("microlender", LenderKind.ONLINE_LENDER),
     ("platform", LenderKind.ONLINE_LENDER), (LenderKind.PRIVATE, LenderKind.PRIVATE)],
)
def test_lender_kind_parse(value, kind):
    assert LenderKind.parse(value) is kind


def test_unknown_lender_kind_is_a_usage_error():
    with pytest.raises(UsageError, match="pawnshop"):
        LenderKind.parse("pawnshop")


def test_json_carries_every_cited_provision():
    o = card("60000", [date(2026, 2, 1), date(2026, 3, 15)])
    j = o.to_json()
    cited = {pid for sec in j["sections"] for s in sec["statements"] for pid in s["law"]}
    cited |= {pid for st in j["steps"] for pid in st["law"]}
    assert cited == set(j["provisions"])
    assert j["debt"]["amount"] == "60000" and j["card_check"]["pair"] == ["2026-02-01", "2026-03-15"]
    assert all(s["confidence"] in ("C", "S", "X", "SR") for sec in j["sections"] for s in sec["statements"])
