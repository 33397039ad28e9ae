"""A regex is skipped only when it cannot match: its required words are really required."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dunguard.text.normalize import normalize
from dunguard.text.prefilter import required_words
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
