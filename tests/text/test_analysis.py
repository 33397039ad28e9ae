"""Category, stage and tactics on the boundary cases of taxonomy.md §7, and the engine's guarantees."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dunguard.law import load
from dunguard.model import SHANGHAI
from dunguard.text.engine import analyze
from dunguard.text.rules import default_pack


@pytest.mark.parametrize(("text", "category", "stage", "tactics"), [
    ("您的借款将于3天后到期，请按时还款，以免影响征信。", "other", None, []),
    ("【某银行】您本期账单今日到期，应还1200元，还款后可提升额度。", "collection", "reminder", []),
    ("您的借款已逾期5天，请尽快还款，以免影响您的征信。如已还款请忽略。", "collection", "reminder", []),
    ("您的借款已逾期，我们不会上门，请在App内还款。", "collection", "reminder", []),
    ("【国家反诈中心】请勿相信冒充公检法的诈骗，公检法不会要求转账。", "other", None, []),
    ("你的欠款已逾期，再不还我们就安排人员上门，并通知你的父母。", "collection", "visit", ["third_party"]),
    ("您的欠款逾期30天，如再不处理将移交法务部门追究法律责任。", "collection", "legal", []),
    ("您已逾期10天，今日不还将上报征信，后果自负。", "collection", "warning", []),
    ("专业征信修复，三天消除逾期记录，先办理后付款。", "scam", None, []),
    ("【某某法院】您有一份诉讼文书，请登录 zxfw.court.gov.cn 查看。", "other", None, []),
    ("你欠的钱再不还，出门小心点，别怪我们不客气。", "collection", "warning", ["threat"]),
])
def test_boundary_cases(text: str, category: str, stage: str | None, tactics: list[str]) -> None:
    a = analyze(text)
    assert (a.category.value, a.stage.value if a.stage else None, [t.value for t in a.tactics]) == (
        category, stage, tactics)


def test_law_cited_is_the_one_in_force_on_the_contact_date() -> None:
    text = "你的欠款已逾期，再不还我们就上门，出门小心点。"
    before = analyze(text, sent_at=datetime(2025, 12, 31, 12, tzinfo=SHANGHAI))
    after = analyze(text, sent_at=datetime(2026, 1, 1, 12, tzinfo=SHANGHAI))
    law_before = {i for f in before.findings for i in f.law}
    law_after = {i for f in after.findings for i in f.law}
    assert "治安管理处罚法(2012):42" in law_before and "治安管理处罚法:50" not in law_before
    assert "治安管理处罚法:50" in law_after


def test_every_cited_provision_is_in_the_law_base() -> None:
    base = load()
    for rule in default_pack().rules:
        for lid in rule.law:
            assert lid in base, f"{rule.id} cites {lid}"


_OVERCLAIM = ("证明", "一定违法", "必然", "肯定违法", "构成犯罪", "已经违法")


def test_rule_texts_do_not_overclaim() -> None:
    base = load()
    for rule in default_pack().rules:
        for word in _OVERCLAIM:
            assert word not in rule.explain, f"{rule.id}: {word}"
        only_norms = rule.law and not any(base.get(i).binding_law for i in rule.law)
        if only_norms:
            assert "违法" not in rule.explain, f"{rule.id} rests on norms only but says 违法"


# 刑法 279 punishes impersonating a state functionary (facts §2). A scam rule cites it only when
# its messages speak in an authority's name; a loan, task or "debt agent" scam impersonates no
# official, and citing 279 there would tell the user a wrong crime.
_AUTHORITY = ("公检法", "法院", "公安", "警", "政府", "国家机关", "监管", "检察", "征信中心", "人民银行",
              "民政", "社保", "司法")


def test_only_authority_scams_cite_impersonating_an_official() -> None:
    citing = [r for r in default_pack().rules if "刑法:279" in r.law]
    assert len(citing) >= 10  # the authority scams and the impersonation tactic keep it
    for rule in citing:
        assert rule.label == "impersonation" or any(w in rule.explain for w in _AUTHORITY), rule.id
    advance_fee = default_pack().by_id("scam.advance_fee")
    assert "刑法:279" not in advance_fee.law


def test_every_label_has_a_title_and_description() -> None:
    pack = default_pack()
    for label in {r.label for r in pack.rules}:
        assert pack.titles[label] != label and pack.descriptions[label]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_and_spans_point_into_the_text(text: str) -> None:
    a = analyze(text)
    for f in a.findings:
        s, e = f.span
        assert 0 <= s <= e <= len(text) and text[s:e] == f.quote


def test_hostile_text_is_bounded() -> None:
    huge = "上门" * 2_000_000 + "\u202e\ud800"
    a = analyze(huge)
    assert a.category.value in ("collection", "other")


def test_repeated_characters_are_read_by_the_rules_alone() -> None:
    # the wording models sum a weight per bigram: "上门" * 100 once read as a visit with a
    # public exposure, a personal account and excessive fees, "上门" * 10,000 as a scam
    for text in ("上门" * 100, "上门" * 10_000, "哈" * 150, "催收" * 80 + "欠款"):
        a = analyze(text)
        assert not any(f.statistical for f in a.findings), (text[:10], a.findings)
        assert a.category.value != "scam"
    # a long natural message keeps the models' reading
    letter = ("【某某消费金融】尊敬的客户：您于2024年在我司申请的个人消费贷款已逾期97天，尚欠本金11,420.00元、"
              "利息及罚息1,036.58元。我司客服及贷后人员已先后通过电话、短信与您联系十余次，您均未按约履行还款义务。"
              "请于收到本函后7日内通过官方APP还款，逾期我司将依法向人民法院提起诉讼。")
    assert len(letter) > 100 and analyze(letter).category.value == "collection"


def test_a_rule_can_override_its_files_implied_stage() -> None:
    from dunguard.text.engine import Engine
    from dunguard.text.rules import load_pack_from_texts

    fees = """
label: excessive_fees
implies_stage: warning
rules:
  - id: excessive_fees.rate
    keywords: [每天1%]
    explain: 罚息过高。
    examples: {match: [逾期每天1%罚息]}
  - id: excessive_fees.fee
    implies_stage: none
    keywords: [催收费]
    explain: 催收费。
    examples: {match: [另收催收费]}
"""
    engine = Engine(load_pack_from_texts({"excessive_fees.yaml": fees}, check_law=False))
    assert engine.pack.rule_implies == {"excessive_fees.rate": "warning"}
    assert engine.analyze("逾期每天1%罚息").stage.value == "warning"
    assert engine.analyze("另收催收费").stage.value == "reminder"


@pytest.mark.parametrize(("name", "text", "line"), [
    # a second no_match list under one rule's examples: plain YAML kept only the second list,
    # and the first list's texts were never tested (it happened in scam.yaml and warning.yaml)
    ("threat.yaml", """label: threat
rules:
  - id: threat.x
    keywords: [给我等着]
    explain: 威胁。
    examples:
      match: [你给我等着]
      no_match: [你等着，我下午就转给你]
      no_match: [我在楼下等着你]
""", 9),
    ("_sets.yaml", "kin: [爸爸, 妈妈]\nkin: [哥哥]\n", 2),
])
def test_a_key_given_twice_in_a_rule_file_is_refused(name: str, text: str, line: int) -> None:
    from dunguard.errors import RulePackError
    from dunguard.text.rules import load_pack_from_texts

    with pytest.raises(RulePackError) as e:
        load_pack_from_texts({name: text}, check_law=False)
    msg = str(e.value)
    assert name in msg and "duplicate key" in msg and f"line {line}," in msg


def _refused_then_loaded(name: str, text: str, bad: str, good: str, *said: str) -> None:
    """The rule file ``text`` is refused with a message that holds every one of ``said``, and
    loads once ``bad`` is replaced by ``good``."""
    from dunguard.errors import RulePackError
    from dunguard.text.rules import load_pack_from_texts

    with pytest.raises(RulePackError) as e:
        load_pack_from_texts({name: text}, check_law=False)
    assert all(w in str(e.value) for w in said), str(e.value)
    assert load_pack_from_texts({name: text.replace(bad, good)}, check_law=False)


@pytest.mark.parametrize("field", ["exclude", "unless"])
def test_an_exclude_or_unless_word_equal_to_the_rules_own_keyword_is_refused(field: str) -> None:
    """"我的账户>" normalizes to "我的账户": as an exclude word it would refuse every hit of the
    keyword 我的账户 (it did, in one commit, unnoticed by the rule's examples)."""
    text = f"""label: pay_to_personal
rules:
  - id: pay_to_personal.x
    keywords: [我的账户]
    {field}: [我的账户-, 我的账户>]
    explain: 转到个人账户。
    examples:
      match: [钱转进我的账户]
"""
    _refused_then_loaded("pay_to_personal.yaml", text, ", 我的账户>", "", "我的账户", "keywords")


def test_a_regex_character_that_normalization_rewrites_is_refused() -> None:
    """Regexes run on normalized text, where 嗰 is written 𠮶 and 咗 了: a regex holding the
    original character never matched (a Cantonese lender's "借你嗰8000蚊" slipped past one)."""
    text = """label: collection
rules:
  - id: collection.x
    anchors: [借]
    regex: ["借你嗰[0-9]+蚊"]
    explain: 要求还钱。
    examples:
      match: [借你嗰8000蚊]
"""
    _refused_then_loaded("collection.yaml", text, '"借你嗰[0-9]+蚊"', '"借你𠮶[0-9]+蚊"', "嗰→𠮶", "collection.x")


def test_a_link_rule_with_keys_the_engine_would_ignore_is_refused() -> None:
    """A link rule (``entity``) is checked for its ``neg_after`` words only; an ``unless`` on it
    would be ignored without a word, so the loader refuses it."""
    text = """label: suspicious_link
rules:
  - id: suspicious_link.x
    entity: url.unknown
    unless: [不是我司]
    explain: 网址不属于官方域名。
    examples:
      match: [请登录 www.huankuan-center.com 处理]
"""
    _refused_then_loaded("suspicious_link.yaml", text, "unless:", "neg_after:", "unless", "suspicious_link.x")


def test_every_packaged_rule_file_has_each_key_once() -> None:
    """The packaged pack loads with the strict loader (a repeated key would raise)."""
    from dunguard.text.rules import default_pack

    ids = [r.id for r in default_pack().rules]
    assert len(ids) == len(set(ids)) > 150


@pytest.mark.parametrize("direction", ["out", "sent", "2", "发送", "OUT "])
def test_a_message_the_borrower_sent_is_other_with_its_entities(direction: str) -> None:
    """The borrower's own words ("我下月15号前一定还3000元，别再打我家人电话了") quote the
    collector's tactics but are no collection: other, no findings, amounts still read."""
    text = "我下月15号前一定还3000元，求你们别再打我家人电话了，也别上门。"
    sent = datetime(2026, 1, 8, 14, 47, tzinfo=SHANGHAI)
    a = analyze(text, sent_at=sent, direction=direction)
    assert (a.category.value, a.stage, a.tactics, a.findings) == ("other", None, (), ())
    assert a.entities.amounts == (Decimal("3000"),)
    received = analyze("你再不还3000元，我们就上门，还要打你家人电话。", sent_at=sent, direction="in")
    assert received.category.value == "collection" and received.stage.value == "visit"
    unknown = analyze("你再不还3000元，我们就上门，还要打你家人电话。", direction="不明")
    assert unknown.category.value == "collection"


def test_an_a_not_a_question_is_no_negation() -> None:
    # "是不是", "有没有", "会不会" ask; only a "不是" that stands alone negates (checks.py)
    from dunguard.text.engine import Engine

    fired = lambda text: {f.rule for f in Engine.default().analyze_raw(text)}  # noqa: E731
    assert "insult.demeaning" in fired("欠钱不还，你是不是脑子有病")
    assert "insult.demeaning" not in fired("欠钱不还，我不是说你脑子有病")
