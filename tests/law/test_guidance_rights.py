"""The rights sheet and the next-steps API."""

from __future__ import annotations

from datetime import date

import pytest

from dunguard.errors import UsageError
from dunguard.law.guidance import TOPICS, LenderKind
from dunguard.law.rights import rights
from dunguard.law.steps import Step, next_steps
from dunguard.model import Stage, Tactic

ON = date(2026, 3, 1)


def by_id(sheet):
    return {s.id: s for s in sheet.statements()}


# ── rights ────────────────────────────────────────────────────────────────────────────────


def test_visit_sheet_covers_what_a_visit_may_and_may_not_involve():
    s = by_id(rights("visit", on=ON))
    assert s["visit.no_entry"].law == ("宪法:39", "民法典:1033")
    assert s["visit.no_entry"].text == "没有你的明确同意，任何人都不能进入你的住宅，催收人员也一样。"
    assert s["visit.intrusion_punished"].law == ("治安管理处罚法:47", "刑法:245")
    assert s["visit.two_people"].text.startswith("按行业规范，上门催收应当至少两人同行")
    assert "中银协催收指引:外访" in s["visit.two_people"].law
    assert s["visit.no_night"].text == "按行业规范，晚上10点到第二天早上8点之间不应上门催收，你同意的除外。"
    assert s["visit.no_seizure"].law == ("民事诉讼法:253", "民事诉讼法:255")
    assert "只有法院" in s["visit.no_seizure"].text
    assert "出示证件" in s["visit.identify"].text
    assert "借款合同" in s["visit.prepare_docs"].text and "还款记录" in s["visit.prepare_docs"].text
    assert s["visit.call_110"].text.startswith("遇到这些情况，马上打110")
    assert "录音或录像" in s["visit.recording"].text


def test_sections_are_in_fixed_order_and_headed_in_chinese():
    topic = rights("visit", on=ON).topics[0]
    assert [sec.key for sec in topic.sections] == ["can", "cannot", "you", "prepare", "police", "record"]
    assert [sec.heading for sec in topic.sections][:2] == ["可能发生的", "对方不能做的"]
    assert topic.title == "上门催收（到家里或单位）"


def test_all_topics():
    sheet = rights("all", on=ON)
    assert tuple(t.key for t in sheet.topics) == TOPICS
    assert all(t.statements() for t in sheet.topics)


def test_unknown_topic_is_a_usage_error():
    with pytest.raises(UsageError, match="weather"):
        rights("weather")


@pytest.mark.parametrize(
    ("kind", "shown", "hidden"),
    [
        (LenderKind.BANK_CARD, {"third_party.card"}, {"third_party.cfc"}),
        ("consumer_finance", {"third_party.cfc"}, {"third_party.card"}),
        ("online_lender", set(), {"third_party.card", "third_party.cfc"}),
        (None, {"third_party.card", "third_party.cfc"}, set()),
    ],
)
def test_kind_filters_lender_specific_points(kind, shown, hidden):
    ids = set(by_id(rights("third_party", on=ON, kind=kind)))
    assert shown <= ids and not hidden & ids
    assert "third_party.industry" in ids


def test_before_2026_the_2012_police_law_is_cited_and_2026_guideline_left_out():
    old = by_id(rights("all", on=date(2025, 6, 1)))
    assert old["visit.intrusion_punished"].law == ("治安管理处罚法(2012):40", "刑法:245")
    assert old["visit.two_people"].law == ("GB/T 45251-2025:外访",)  # 中银协 2026 not yet published
    assert "visit.no_contact_order" not in old  # 禁止接触 is new in the 2025 revision
    assert "credit.repair" not in old  # announced 2025-12-22
    new = by_id(rights("all", on=date(2026, 6, 1)))
    assert new["visit.intrusion_punished"].law == ("治安管理处罚法:47", "刑法:245")
    assert new["visit.no_contact_order"].law == ("治安管理处罚法:50",)


def test_before_the_standard_a_norm_only_point_disappears():
    s = by_id(rights("calls", on=date(2024, 6, 1)))
    assert "calls.night" not in s and "calls.frequency" not in s
    assert "calls.tranquility" in s


def test_rights_json_lists_every_cited_provision_once():
    j = rights("visit", on=ON).to_json()
    cited = {pid for t in j["topics"] for sec in t["sections"] for s in sec["statements"] for pid in s["law"]}
    assert cited == set(j["provisions"])
    p = j["provisions"]["治安管理处罚法:47"]
    assert p["replaces"]["id"] == "治安管理处罚法(2012):40"
    assert p["kind_text"] == "违法" and p["text_heading"] == "原文"
    assert j["provisions"]["中银协催收指引:外访"]["kind_text"] == "违反行业规范"


# ── next steps ────────────────────────────────────────────────────────────────────────────


def ids(steps):
    return [s.id for s in steps]


def test_next_steps_signature_and_shape():
    steps = next_steps("visit", ["threat"], "online_lender", on=ON)
    assert all(isinstance(s, Step) and s.text and s.law for s in steps)
    assert ids(steps)[:3] == ["step.threat_police", "step.no_contact_order", "step.visit_rights"]
    assert [s.urgent for s in steps] == sorted((s.urgent for s in steps), reverse=True)
    j = steps[0].to_json()
    assert j["urgent"] is True and j["law"] == ["治安管理处罚法:50"]


def test_enums_and_lexicon_kinds_are_accepted():
    a = next_steps(Stage.LEGAL, [Tactic.FALSE_CRIMINAL], "microlender", on=ON)
    b = next_steps("legal", ["false_criminal"], LenderKind.ONLINE_LENDER, on=ON)
    assert ids(a) == ids(b)
    assert "step.false_criminal_loan" in ids(a) and "step.legal_verify" in ids(a)


@pytest.mark.parametrize(
    ("kind", "present", "absent"),
    [
        ("bank_card", {"step.false_criminal_card", "step.negotiate_card", "step.complain_bank"},
         {"step.false_criminal_loan"}),
        ("online_lender", {"step.false_criminal_loan"},
         {"step.false_criminal_card", "step.negotiate_card", "step.complain_bank"}),
        (None, {"step.false_criminal_loan"}, {"step.false_criminal_card"}),
    ],
)
def test_steps_depend_on_the_lender(kind, present, absent):
    got = set(ids(next_steps("warning", ["false_criminal"], kind, on=ON)))
    assert present <= got and not absent & got


def test_third_party_steps_for_a_consumer_finance_company():
    got = ids(next_steps("warning", ["third_party"], "consumer_finance", on=ON))
    assert {"step.third_party", "step.third_party_cfc", "step.pi_complaint"} <= set(got)
    assert "step.third_party_card" not in got


def test_every_case_gets_evidence_and_official_channel_steps():
    for stage in (None, "reminder", "warning", "legal", "visit"):
        got = ids(next_steps(stage, [], None, on=ON))
        assert "step.keep_evidence" in got and "step.official_channel" in got


def test_steps_follow_the_police_law_renumbering():
    old = next_steps("visit", ["threat"], None, on=date(2025, 6, 1))
    assert old[0].law == ("治安管理处罚法(2012):42",)
    assert "step.no_contact_order" not in ids(old)


@pytest.mark.parametrize(("stage", "tactics"), [("arrest", []), ("visit", ["blackmail"])])
def test_unknown_stage_or_tactic_is_a_usage_error(stage, tactics):
    with pytest.raises(UsageError):
        next_steps(stage, tactics, None)
