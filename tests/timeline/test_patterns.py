"""Contact patterns and case findings on small hand-built timelines: the lines and their edges."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from timeline_helpers import analyse, call, msg, ts

from dunguard.model import Timestamp
from dunguard.timeline import ThirdPartyReport, is_night, normalize_number, summarize

COLLECTOR = "13812345678"
LANDLINE = "02188886666"
# One message names the lender and gives the call-back number: both numbers are then 招联's.
INTRO = "张先生，你在招联的借款已逾期11天，已转入催收部门，3日内不处理将上报征信，后果自负。有疑问请回电021-88886666"


def run(messages, calls=(), **kw):
    return summarize(messages, calls, analyse(messages), **kw)


def kinds(summary):
    return [(f.kind, f.lender) for f in summary.findings]


@pytest.mark.parametrize(
    ("hms", "night"),
    [
        ((21, 59, 59), False),
        ((22, 0, 0), True),
        ((23, 59, 59), True),
        ((0, 0, 0), True),
        ((7, 59, 59), True),
        ((8, 0, 0), False),
        ((12, 0, 0), False),
    ],
)
def test_night_edges_in_shanghai_time(hms, night):
    assert is_night(ts(2026, 2, 3, *hms).as_shanghai()) is night


def test_night_is_judged_in_shanghai_whatever_offset_the_source_used():
    # 14:30 UTC written by a phone set to UTC is 22:30 in Shanghai: night.
    utc_ms = ts(2026, 2, 3, 22, 30).utc_ms
    assert is_night(Timestamp(utc_ms, 0).as_shanghai())
    assert is_night(Timestamp(utc_ms, -300).as_shanghai())


@given(st.integers(min_value=0, max_value=4_000_000_000_000), st.integers(-720, 840))
def test_night_never_depends_on_the_source_offset(utc_ms, offset):
    assert is_night(Timestamp(utc_ms, offset).as_shanghai()) == is_night(
        Timestamp(utc_ms, 480).as_shanghai()
    )


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("+86 138-1234-5678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("021-8888 6666", "02188886666"),
        ("1065502710095", "1065502710095"),
        ("95588", "95588"),
        ("", ""),
        (None, ""),
    ],
)
def test_numbers_are_compared_without_country_code_or_separators(raw, want):
    assert normalize_number(raw) == want


def _intro():
    return msg("m0", COLLECTOR, (2026, 2, 2, 10, 0), INTRO)


@pytest.mark.parametrize(("n", "flagged"), [(6, False), (7, True)])
def test_call_attempts_over_six_a_day_from_one_number(n, flagged):
    calls = [call(f"c{i}", COLLECTOR, (2026, 2, 3, 9 + i, 0)) for i in range(n)]
    s = run([_intro()], calls)
    found = [f for f in s.findings if f.kind == "call_attempts"]
    if not flagged:
        assert found == []
        return
    (f,) = found
    assert f.lender == "招联消费金融"
    assert f.numbers == (COLLECTOR,)
    assert f.dates == (date(2026, 2, 3),)
    assert f.records == tuple(f"c{i}" for i in range(7))
    assert f.line_basis == "industry_norm"
    assert f.law[0] == "中银协催收指引:频次"
    assert "违反行业规范" in f.text and "违法" not in f.text


def test_attempts_are_counted_per_number_and_per_shanghai_day():
    # 4 + 4 from two numbers, and 4 + 4 on either side of midnight: nothing over 6.
    calls = [call(f"a{i}", COLLECTOR, (2026, 2, 3, 20, i)) for i in range(4)]
    calls += [call(f"b{i}", LANDLINE, (2026, 2, 3, 21, i)) for i in range(4)]
    calls += [call(f"c{i}", COLLECTOR, (2026, 2, 4, 0, 10 + i)) for i in range(4)]
    s = run([_intro()], calls)
    assert [f for f in s.findings if f.kind == "call_attempts"] == []


def test_the_six_a_day_line_is_not_applied_before_it_existed():
    # 中银协's guideline dates from 2026-01-30: 9 attempts on 2026-01-08 cross no line yet.
    calls = [call(f"c{i}", COLLECTOR, (2026, 1, 8, 9 + i, 0)) for i in range(9)]
    s = run([msg("m0", COLLECTOR, (2026, 1, 5, 10, 0), INTRO)], calls)
    assert [f for f in s.findings if f.kind == "call_attempts"] == []


@pytest.mark.parametrize(("n", "flagged"), [(3, False), (4, True)])
def test_connected_calls_over_three_a_day_across_all_numbers_of_a_lender(n, flagged):
    numbers = [COLLECTOR, LANDLINE]
    calls = [
        call(f"c{i}", numbers[i % 2], (2026, 2, 5, 10 + i, 0), "incoming", 60) for i in range(n)
    ]
    calls.append(call("zero", COLLECTOR, (2026, 2, 5, 18, 0), "incoming", 0))  # rang out
    s = run([_intro()], calls)
    found = [f for f in s.findings if f.kind == "connected_calls"]
    assert bool(found) is flagged
    if flagged:
        assert found[0].records == tuple(f"c{i}" for i in range(4))
        assert set(found[0].numbers) == {COLLECTOR, LANDLINE}
        assert found[0].law[0] == "GB/T 45251-2025:频次"


def test_night_contact_cites_the_public_security_law_in_force_on_each_date():
    m = [
        msg("m0", COLLECTOR, (2025, 12, 20, 10, 0), INTRO),
        msg("n1", COLLECTOR, (2025, 12, 31, 23, 0), "你在招联的欠款已逾期，今天必须还款。"),
    ]
    (f,) = [f for f in run(m).findings if f.kind == "night_contact"]
    assert f.dates == (date(2025, 12, 31),)
    assert "治安管理处罚法(2012):42" in f.law and "治安管理处罚法:50" not in f.law
    assert "中银协催收指引:时间" not in f.law  # the 2026 guideline did not exist yet
    assert f.law[0] == "GB/T 45251-2025:时间"

    m.append(msg("n2", COLLECTOR, (2026, 1, 1, 0, 30), "你在招联的欠款已逾期，今天必须还款。"))
    (f,) = [f for f in run(m).findings if f.kind == "night_contact"]
    assert f.dates == (date(2025, 12, 31), date(2026, 1, 1))
    assert {"治安管理处罚法(2012):42", "治安管理处罚法:50"} <= set(f.law)
    assert f.records == ("n1", "n2")


def test_night_contact_before_any_hours_rule_existed_is_not_a_finding():
    # GB/T 45251-2025 (the first text with clock hours) is in force from 2025-02-28.
    m = [
        msg("m0", COLLECTOR, (2024, 6, 1, 10, 0), INTRO),
        msg("n1", COLLECTOR, (2024, 6, 2, 23, 0), "你在招联的欠款已逾期，今天必须还款。"),
    ]
    assert [f for f in run(m).findings if f.kind == "night_contact"] == []


def test_what_the_borrower_does_is_not_a_contact():
    m = [
        _intro(),
        msg("out", COLLECTOR, (2026, 2, 2, 23, 30), "我在筹钱，请不要半夜打电话。", "out"),
    ]
    calls = [call(f"o{i}", COLLECTOR, (2026, 2, 3, 23, i), "outgoing", 30) for i in range(8)]
    s = run(m, calls)
    assert s.findings == []
    assert s.lenders[0].stats.contacts == 1


def test_calls_from_numbers_no_message_links_are_not_collection_until_tagged():
    friend = "13900001111"
    calls = [call(f"f{i}", friend, (2026, 2, 3, 23, i)) for i in range(8)]
    s = run([_intro()], calls)
    assert s.findings == [] and s.counts["unlinked_calls"] == 8
    s = run([_intro()], calls, tags={"+86 139 0000 1111": "招联消费金融"})
    assert s.counts["unlinked_calls"] == 0
    assert kinds(s) == [("night_contact", "招联消费金融"), ("call_attempts", "招联消费金融")]


def test_many_numbers_counts_distinct_mobiles_not_the_lenders_sms_port():
    texts = [f"美团月付：你的账单已逾期{30 + i}天，请今天内还清1,024.50元。" for i in range(5)]
    port = msg("p", "106902119566", (2026, 1, 10, 10, 0), "【美团】您在美团月付的账单已逾期，应还金额1,024.50元，请尽快登录App还款。")
    four = [msg(f"b{i}", f"1590000000{i}", (2026, 1, 11 + i, 11, 0), texts[i]) for i in range(4)]
    assert [f for f in run([port, *four]).findings if f.kind == "many_numbers"] == []
    five = [*four, msg("b4", "15900000004", (2026, 1, 15, 11, 0), texts[4])]
    (f,) = [f for f in run([port, *five]).findings if f.kind == "many_numbers"]
    assert f.count == 5 and "106902119566" not in f.numbers


def test_third_party_contact_from_messages_and_from_the_users_report():
    m = [
        msg("t1", "15900000001", (2026, 1, 14, 11, 0),
            "张先生，你美团月付欠款1024.5元逾期已久，我们已经联系了你的紧急联系人和你母亲，再不处理就通知你单位同事。"),
    ]  # fmt: skip
    report = ThirdPartyReport("report:7", date(2026, 1, 16), "美团(月付/借钱)", "母亲", "电话")
    (f,) = run(m, reports=[report]).findings[:1]
    assert f.kind == "third_party_contact"
    assert f.dates == (date(2026, 1, 14), date(2026, 1, 16))
    assert f.records == ("t1", "report:7")
    assert "母亲" in f.text
    # a rule binding only card issuers or consumer-finance companies is not cited for 美团
    assert not any(i.startswith(("信用卡办法:", "消费金融公司管理办法:")) for i in f.law)
    assert {"GB/T 45251-2025:联系人", "个人信息保护法:13"} <= set(f.law)


def test_a_consumer_finance_lender_is_held_to_its_own_regulation():
    m = [msg("t1", COLLECTOR, (2026, 2, 2, 11, 0), "你在招联的借款已逾期，再不还款我们就通知你的家人和单位同事。")]
    (f,) = [f for f in run(m).findings if f.kind == "third_party_contact"]
    assert f.law[0] == "消费金融公司管理办法:催收"
    assert f.line_basis == "regulation"
    assert "违反监管规定" in f.text


def test_escalation_path_is_in_time_order_with_the_message_that_reached_each_stage():
    m = [
        msg("r", "1065502710095", (2026, 1, 3, 9, 0), "【招联金融】您的借款已逾期3天，应还2,356.00元，请今日内还款。"),
        msg("v", COLLECTOR, (2026, 1, 10, 10, 0), "你在招联的欠款一直不处理，我司将于本周六安排外访人员上门核实情况。"),
        msg("w", COLLECTOR, (2026, 1, 12, 10, 0), INTRO),
        msg("u", COLLECTOR, None, "你在招联的借款已逾期，请尽快还款。"),
    ]  # fmt: skip
    (ls,) = run(m).lenders
    assert [(s.stage.value, s.message_id) for s in ls.path] == [
        ("reminder", "r"),
        ("visit", "v"),
        ("warning", "w"),
    ]
    assert ls.stage.value == "visit" and ls.stage_message == "v"
    assert ls.path[1].quote and ls.path[1].quote in m[1].text
    assert ls.messages == 4  # the undated one counts, but is on no day


def test_a_case_without_collection_has_no_lenders_and_no_findings():
    m = [
        msg("b", "95588", (2026, 1, 2, 23, 30), "【工商银行】您尾号1234的储蓄卡1月2日消费支出人民币200.00元，余额3,512.44元。"),
        msg("v", "106575000123", (2026, 1, 3, 23, 0), "【京东】您的验证码为839201，5分钟内有效，请勿泄露。"),
        msg("f", "13900001111", (2026, 1, 3, 23, 10), "周末一起吃饭吗？"),
    ]  # fmt: skip
    calls = [call(f"c{i}", "13900001111", (2026, 1, 3, 23, i)) for i in range(10)]
    s = run(m, calls)
    assert s.lenders == [] and s.findings == []
    assert s.counts["collection_messages"] == 0


def test_hostile_names_are_text_not_templates():
    tag = "{norm}{0}<script>"
    calls = [call(f"c{i}", "13900001111", (2026, 2, 3, 23, i)) for i in range(2)]
    s = run([_intro()], calls, tags={"13900001111": tag})
    (f,) = [f for f in s.findings if f.lender == tag]
    assert f.kind == "night_contact" and f.text.startswith(tag)


def test_next_steps_fit_the_stage_tactics_and_kind():
    m = [msg("v", COLLECTOR, (2026, 2, 2, 10, 0), "你在招联的欠款一直不处理，我司将于本周六安排外访人员上门，并通知你的家人。")]
    (ls,) = run(m, today=date(2026, 2, 3)).lenders
    ids = [s.id for s in ls.next_steps]
    assert "step.visit_rights" in ids  # a visit is announced
    assert "step.third_party_cfc" in ids  # a consumer-finance company told the family
    assert "step.negotiate_card" not in ids  # not a card issuer
    assert ls.next_steps[0].urgent  # safety first


def test_a_reported_contact_brings_the_third_party_steps():
    m = [msg("r", COLLECTOR, (2026, 2, 2, 10, 0), "你在招联的借款已逾期3天，应还2,356.00元，请今日内还款。")]
    assert "step.third_party" not in [s.id for s in run(m).lenders[0].next_steps]
    report = ThirdPartyReport("report:3", date(2026, 2, 2), "招联消费金融", "同事")
    assert "step.third_party" in [s.id for s in run(m, reports=[report]).lenders[0].next_steps]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("【湖南某某资产管理有限公司】受招联金融委托，通知你尽快处理逾期欠款。", ["湖南某某资产管理有限公司"]),
        ("我是永雄资产管理公司的，你的欠款已经逾期90天", ["永雄资产管理公司"]),
        ("您的借款逾期已移交深圳市某某信息咨询有限公司处理", ["深圳市某某信息咨询有限公司"]),
        ("北京某某律师事务所受委托向你发出律师函", ["北京某某律师事务所"]),
        ("我们会把案件交给律师事务所处理", []),
        ("你的欠款已逾期，请尽快还款", []),
    ],
)
def test_collection_agencies_are_read_from_their_company_names(text, want):
    from dunguard.timeline.contacts import agencies_in

    assert agencies_in(text) == want


def test_a_message_naming_only_the_agency_goes_to_the_lender_it_works_for():
    agency = "湖南某某资产管理有限公司"
    m = [
        msg("a", "17012345678", (2026, 2, 2, 10, 0), f"【{agency}】受招联金融委托，通知你尽快处理逾期欠款3,560元。"),
        msg("b", "17099998888", (2026, 2, 3, 10, 0), f"{agency}通知：你的欠款已严重逾期，三日内不处理将安排外访。"),
        msg("c", "17055556666", (2026, 2, 4, 10, 0), "深圳某某信息咨询有限公司通知：你的欠款已逾期，请今日还款。"),
    ]  # fmt: skip
    s = run(m)
    by = {ls.lender: ls for ls in s.lenders}
    assert set(by) == {"招联消费金融", "深圳某某信息咨询有限公司"}
    assert by["招联消费金融"].messages == 2 and by["招联消费金融"].agencies == [agency]
    assert by["招联消费金融"].stage.value == "visit"


def test_contact_pattern_findings_bring_the_stop_harassment_step():
    night = [_intro(), msg("n", COLLECTOR, (2026, 2, 2, 23, 30), "你在招联的欠款已逾期，今天必须还款。")]
    ids = [s.id for s in run(night, today=date(2026, 2, 3)).lenders[0].next_steps]
    assert "step.stop_harassment_letter" in ids and "step.many_numbers" not in ids
    day = [_intro()]
    assert "step.stop_harassment_letter" not in [s.id for s in run(day, today=date(2026, 2, 3)).lenders[0].next_steps]


def test_a_third_party_only_a_wording_model_saw_is_no_case_finding():
    # the same message, as if its third-party findings were a wording model's guess: it is
    # shown with its caveat where the message is listed, but makes no case finding (letters
    # cite case findings as facts)
    from dataclasses import replace

    m = [msg("t1", COLLECTOR, (2026, 2, 2, 11, 0), "你在招联的借款已逾期，再不还款我们就通知你的家人和单位同事。")]
    analyses = analyse(m)
    a = analyses["t1"]
    assert any(f.label == "third_party" for f in a.findings)
    guessed = replace(a, findings=tuple(replace(f, statistical=f.label == "third_party")
                                        for f in a.findings))
    s = summarize(m, (), {"t1": guessed})
    assert not [f for f in s.findings if f.kind == "third_party_contact"]
    assert [f for f in run(m).findings if f.kind == "third_party_contact"]
