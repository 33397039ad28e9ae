"""A regex is skipped only when it cannot match: its required words are really required."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dunguard.text.normalize import normalize
from dunguard.text.prefilter import MAX_BACK, lead, required_words
from dunguard.text.rules import default_pack

RULE_REGEXES = [(r.id, p) for r in default_pack().rules for p in r.regex]


@pytest.mark.parametrize(("pattern", "expected"), [
    ("找上门", [{"找上门"}]),
    ("(通知|联系)[^。]{0,8}(父母|家人)", [{"通知", "联系"}, {"父母", "家人"}]),
    ("(通知|联系)[^。]{0,8}(父母|家人|亲戚)", [{"通知", "联系"}, {"父母", "家人", "亲戚"}]),
    ("[^。]{0,8}(父母|家人)", [{"父母", "家人"}]),
    ("爆(你|您)?的?(通讯录|联系人)", [{"通讯录", "联系人"}]),
    ("(你|您)的(家人|父母)", [{"你的家人", "你的父母", "您的家人", "您的父母"}]),
    ("(?<![不没])(将|会)(曝光|公开)", [{"将曝光", "将公开", "会曝光", "会公开"}]),
    ("(?:上门|到家)(拜访|走访)?", [{"上门", "到家"}]),
    ("(上门|)拜访", [{"拜访"}]),  # 上门拜访 contains 拜访
    ("(打给|打电话给)你", [{"打给你", "打电话给你"}]),
    ("(征信){1,3}", [{"征信"}]),
    ("((上门|到家)x|(律师|法院)y)", [{"上门x", "到家x", "律师y", "法院y"}]),
    ("(上门)?拜访[0-9]+次(以上|多)", [{"拜访"}, {"次以上", "次多"}]),
])
def test_required_words_of_hand_written_patterns(pattern, expected):
    assert [set(ws) for ws in required_words(re.compile(pattern))] == expected


@pytest.mark.parametrize("pattern", [
    "[0-9]{6}",  # no literal at all
    "(上门)?拜",  # only a single character is required
    "(?i)shang门",  # flags: not analysed
    "(上门|[a-z]+)",  # one way through has no literal
    "(上门)*",  # may match nothing
])
def test_patterns_without_a_useful_requirement(pattern):
    assert required_words(re.compile(pattern)) == ()


@pytest.mark.parametrize(("rule_id", "pattern"), RULE_REGEXES, ids=lambda x: getattr(x, "pattern", x)[:24])
def test_rule_examples_that_match_contain_a_required_word(rule_id, pattern):
    rule = default_pack().by_id(rule_id)
    for example in rule.examples_match + rule.examples_no_match:
        text = normalize(example).text
        if pattern.search(text):
            for words in required_words(pattern):
                assert any(w in text for w in words), (rule_id, example, words)


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_matches_of_rule_regexes_contain_a_required_word(data):
    _rule_id, pattern = data.draw(st.sampled_from(RULE_REGEXES))
    text = data.draw(st.from_regex(pattern))
    if pattern.search(text):
        for words in required_words(pattern):
            assert any(w in text for w in words)


def test_single_characters_count_only_when_the_automaton_knows_them():
    pattern = re.compile("(欠|拖)(了)?[0-9]+(期|个月)")
    assert required_words(pattern) == ()
    assert required_words(pattern, frozenset({"欠", "拖", "期"})) == (frozenset({"欠", "拖"}),)


def _spans_from_lead(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    # what the matcher does: search the lead, then finditer from where a match can start
    first, back = lead(pattern)
    found = first.search(text)
    return [] if found is None else [m.span() for m in pattern.finditer(text, max(0, found.start() - back))]


_LED = [p for _rule_id, p in RULE_REGEXES if lead(p)[0] is not p]  # the rule regexes with a lead


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_lead_finds_from_where_every_match_starts(data):
    pattern = data.draw(st.sampled_from(_LED))
    noise = st.text(alphabet="的是你我在于月日号到期1２3一，。 上门家人", max_size=8)
    text = data.draw(st.lists(st.one_of(st.from_regex(pattern), noise), max_size=4).map("".join))
    assert _spans_from_lead(pattern, text) == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(("pattern", "rest", "back"), [
    ("[\u4e00-\u9fff]{2,3}的(儿子|女儿)", "的(儿子|女儿)", 3),
    ("(于|在)?[0-9]{1,2}月[0-9]{1,2}(日|号)到期", "月[0-9]{1,2}(日|号)到期", 3),
    ("(?<![上月])(下个?月|周[一二])(就)?到期", "到期", 4),
])
def test_a_lead_drops_a_narrow_prefix_before_the_first_literal(pattern, rest, back):
    got, got_back = lead(re.compile(pattern))
    assert got_back == back
    for text in ("张三的儿子", "于12月3日到期", "在3月12号到期", "下个月就到期", "周二到期", "上周二到期", "月到期", "无关"):
        assert bool(got.search(text)) == bool(re.search(rest, text))
        assert _spans_from_lead(re.compile(pattern), text) == [m.span() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("pattern", [
    "上门(拜访|催收)",  # starts with a literal: itself
    "(上|下)门\\1",  # the rest refers to a group of the prefix
    "[a-z]{1,30}上门",  # a prefix wider than MAX_BACK
    "(上门|家访)+",  # no literal item at all
])
def test_a_lead_is_the_pattern_itself_when_nothing_is_gained_or_safe(pattern):
    assert MAX_BACK < 30
    compiled = re.compile(pattern)
    assert lead(compiled) == (compiled, 0)
