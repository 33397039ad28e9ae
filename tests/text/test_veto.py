"""``strength: veto``: an ``other`` rule for debts that are no loan (fines, tax, tolls, school
and driving-school fees) outweighs every collection label, but a request to pay a person's
account in such a notice stays a warning sign (scam)."""

from __future__ import annotations

import pytest

from dunguard.errors import RulePackError
from dunguard.text.engine import Engine, analyze
from dunguard.text.rules import load_pack_from_texts


@pytest.mark.parametrize("text", [
    "【交管12123】您名下车辆有一条交通违法记录未处理，罚款200元，逾期未缴纳将每日加处3%罚款。",
    "【某某驾校】学员您好，您的科目二考试预约已逾期，请重新预约。",
    "【电子税务局】您2025年度个税汇算尚未办理，请于6月30日前完成，逾期将依法处理。",
    "【高速ETC】您的ETC账户已产生通行欠费23.5元，请及时充值，否则将被列入黑名单。",
])
def test_a_debt_that_is_no_loan_is_other_whatever_its_penalty_words(text):
    a = analyze(text)
    assert a.category.value == "other" and a.stage is None and a.tactics == ()


@pytest.mark.parametrize("text", [
    "你的网贷欠款再不还，我们就去你孩子学校，学费都别想交了。",
    "你的网贷逾期三个月了，欠款再不还，我们就去驾校找你，科目三也别想考了。",
])
def test_a_loan_named_in_the_same_message_keeps_it_collection(text):
    assert analyze(text).category.value == "collection"


def test_a_veto_rule_must_be_an_other_rule():
    pack = """label: reminder
rules:
  - id: reminder.x
    strength: veto
    keywords: [欠款]
    severity: info
    law: []
    explain: x
    examples:
      match: [您的欠款已逾期]
"""
    with pytest.raises(RulePackError, match="veto"):
        load_pack_from_texts({"reminder.yaml": pack}, check_law=False)


def test_the_veto_leaves_pay_to_personal_as_a_scam_sign():
    pack = Engine.default().pack
    from dunguard.text.resolve import Resolver

    r = Resolver(pack)
    to_person = next(x.id for x in pack.rules if x.label == "pay_to_personal")
    overdue = next(x.id for x in pack.rules if x.id == "reminder.overdue")
    d = r.decide(("other.public_obligation", overdue, to_person), False)
    assert d.category.value == "scam" and [t.value for t in d.tactics] == ["pay_to_personal"]
    d = r.decide(("other.public_obligation", overdue), False)
    assert d.category.value == "other" and d.stage is None
