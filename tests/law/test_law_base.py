"""The packaged law base: ids, labels, bindingness wording, lookups."""

from __future__ import annotations

import pytest

from dunguard.errors import LawBaseError
from dunguard.law import Bindingness, Confidence, is_binding_law, load

ALL_IDS = load().ids()

# Ids that rule packs written elsewhere cite; they must keep existing under these exact names.
REQUIRED_IDS = [
    "宪法:38",
    "刑法:293之一",
    "民法典:1033",
    "个人信息保护法:13",
    "治安管理处罚法:50",
    "治安管理处罚法(2012):42",
    "民事诉讼法:227",
    "律师法:55",
    "征信业管理条例:15",
    "民间借贷规定:25",
    "民间借贷批复:全文",
    "中银协催收指引:时间",
    "中银协催收指引:频次",
    "中银协催收指引:第三人",
    "中银协催收指引:外访",
    "中银协催收指引:冒用名义",
    "中银协催收指引:恐吓辱骂",
    "中银协催收指引:误导陈述",
    "中银协催收指引:额外费用",
    "中银协催收指引:公开张贴",
    "中银协催收指引:私人渠道",
    "GB/T 45251-2025:时间",
    "GB/T 45251-2025:频次",
    "GB/T 45251-2025:联系人",
    "GB/T 45251-2025:外访",
    *(f"互金催收公约:{n}" for n in range(13, 22)),
    "信用卡办法:68",
    "信用卡办法:69",
    "信用卡办法:70",
    "消费金融公司管理办法:催收",
    "消保办法:催收",
    "现金贷通知:催收",
    "现金贷通知:综合资金成本",
    "信用卡通知2016:滞纳金",
    "人民银行公告2021-3:年化利率",
]


@pytest.mark.parametrize("provision_id", ALL_IDS)
def test_every_id_loads(base, provision_id):
    p = base.get(provision_id)
    assert p.id == provision_id
    assert provision_id in base
    assert p.id.startswith(f"{p.short}:")
    assert p.text.strip() and p.label() and p.source
    assert all(par.strip() for par in p.paragraphs)


@pytest.mark.parametrize("provision_id", REQUIRED_IDS)
def test_required_id_exists(base, provision_id):
    assert provision_id in base


@pytest.mark.parametrize("provision_id", ["民法典:9999", "治安管理处罚法:42", "不存在:1", ""])
def test_unknown_id_raises_with_the_id_in_the_message(base, provision_id):
    with pytest.raises(LawBaseError) as excinfo:
        base.get(provision_id)
    assert f"没有条文 {provision_id}" in str(excinfo.value)
    assert excinfo.value.code == "law_base"
    assert provision_id not in base


def test_unknown_id_raises_in_in_force_too(base):
    from datetime import date

    with pytest.raises(LawBaseError, match="民法典:9999"):
        base.in_force("民法典:9999", date(2026, 1, 1))


@pytest.mark.parametrize(
    ("provision_id", "kind_text", "binding"),
    [
        ("民法典:1033", "违法", True),
        ("刑法:246", "违法", True),
        ("征信业管理条例:15", "违法", True),  # 行政法规: classed with laws
        ("民间借贷规定:25", "违法", True),
        ("妨害信用卡解释:6", "违法", True),
        ("信用卡办法:68", "违反监管规定", False),
        ("消保办法:催收", "违反监管规定", False),
        ("中银协催收指引:时间", "违反行业规范", False),
        ("互金催收公约:16", "违反行业规范", False),
        ("GB/T 45251-2025:频次", "违反行业规范", False),
    ],
)
def test_bindingness_wording(base, provision_id, kind_text, binding):
    p = base.get(provision_id)
    assert p.kind_text == kind_text
    assert is_binding_law(p) is binding


@pytest.mark.parametrize(
    ("bindingness", "kind_text"),
    [
        (Bindingness.LAW, "违法"),
        (Bindingness.JUDICIAL_INTERPRETATION, "违法"),
        (Bindingness.REGULATION, "违反监管规定"),
        (Bindingness.INDUSTRY_NORM, "违反行业规范"),
        (Bindingness.STANDARD, "违反行业规范"),
    ],
)
def test_every_bindingness_has_its_wording(base, bindingness, kind_text):
    matching = [p for p in base if p.bindingness is bindingness]
    assert matching, f"no provision of kind {bindingness}"
    assert {p.kind_text for p in matching} == {kind_text}


@pytest.mark.parametrize(
    ("provision_id", "label"),
    [
        ("民法典:1033", "《民法典》第1033条"),
        ("刑法:293之一", "《刑法》第293条之一"),
        ("治安管理处罚法:50", "《治安管理处罚法》（2025年修订）第50条"),
        ("治安管理处罚法(2012):42", "《治安管理处罚法》（2012年修正）第42条"),
        ("民间借贷批复:全文", "《最高人民法院关于新民间借贷司法解释适用范围问题的批复》"),
        (
            "中银协催收指引:外访",
            "中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》第22条",
        ),
        (
            "GB/T 45251-2025:时间",
            "GB/T 45251-2025《互联网金融 个人网络消费信贷 贷后催收风控指引》（催收时间）",
        ),
    ],
)
def test_label(base, provision_id, label):
    assert base.get(provision_id).label() == label


def test_non_binding_rules_are_never_confirmed_or_verbatim(base):
    soft = [p for p in base if p.bindingness in (Bindingness.INDUSTRY_NORM, Bindingness.STANDARD)]
    assert soft
    for p in soft:
        assert not p.verbatim, p.id
        assert p.confidence is not Confidence.CONFIRMED, p.id


def test_summaries_are_marked_as_not_verbatim(base):
    summaries = [p for p in base if not p.verbatim]
    assert len(summaries) >= 40
    assert {p.text_heading for p in summaries} == {"要点（非原文）"}
    assert {p.text_heading for p in base if p.verbatim} == {"原文"}


def test_verbatim_provisions_are_confirmed_with_a_commit(base):
    for p in base:
        if p.verbatim:
            assert p.confidence is Confidence.CONFIRMED, p.id
            assert " · " in p.source and len(p.source.split(" · ")[2][:40]) == 40, p.id


def test_load_is_cached():
    assert load() is load()


def test_ids_and_all_agree(base):
    assert [p.id for p in base.all()] == list(base.ids())
    assert len(base) == len(set(base.ids()))


def test_judicial_policy_opinions_are_not_called_judicial_interpretations(base):
    """Opinions such as 法发〔2017〕22号 are handled like judicial interpretations but are not
    ones: every provision whose note says so shows "司法政策文件", and only those."""
    policy = [p for p in base if p.note and "不是正式的司法解释" in p.note]
    assert {p.id for p in policy} >= {"金融审判意见:利率费用"}
    for p in policy:
        assert p.bindingness is Bindingness.JUDICIAL_INTERPRETATION
        assert p.bindingness_name == "司法政策文件"
    others = [p for p in base if p not in policy and p.bindingness is Bindingness.JUDICIAL_INTERPRETATION]
    assert others and all(p.bindingness_name == "司法解释" for p in others)
