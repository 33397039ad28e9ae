"""A tactic rule's debt context may come from the message's category (``context_from_collection``).

Collectors often do not name the debt ("我们的人已经到你公司楼下了，你自己下来还是我们上去？"): the
threat rules want a debt word so that "出门小心点" in a weather message is no threat, but a
message that is collection on other evidence has its debt. The matcher runs a twin of each
such rule, without its context, only when none of the context words is there; the engine keeps
the twin's hit only when the message is collection."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dunguard.errors import RulePackError
from dunguard.model import Category
from dunguard.text.engine import Engine
from dunguard.text.rules import default_pack, load_pack_from_texts, packaged_texts, without_models

_PACK = without_models(default_pack())
_ON = Engine(_PACK)
_OFF = Engine(dataclasses.replace(_PACK, rules=tuple(
    dataclasses.replace(r, context_from_collection=False) for r in _PACK.rules)))


def _tactics(engine: Engine, text: str) -> list[str]:
    return [t.value for t in engine.analyze(text).tactics]


@pytest.mark.parametrize(("text", "rule", "quote"), [
    ("我们的人已经到你公司楼下了，你自己下来还是我们上去？", "threat.veiled", "你自己下来还是"),
    ("别怪我们不客气，明天外访组上门找你。", "threat.veiled", "别怪我们不客气"),
    ("外访人员明天到你家，你个废物别躲。", "insult.abuse", "废物"),
])
def test_a_collection_message_without_a_debt_word_keeps_its_tactic(text, rule, quote):
    a = _ON.analyze(text)
    assert a.category is Category.COLLECTION
    found = {f.rule: f for f in a.findings}
    assert rule in found, found
    f = found[rule]
    assert f.quote == quote and text[f.span[0]:f.span[1]] == quote
    assert f.label in [t.value for t in a.tactics]
    # without the category standing in for the debt word, the rule's context is missing
    assert f.label not in _tactics(_OFF, text)


@pytest.mark.parametrize("text", [
    "出门小心点，今天下雨路滑。",
    "你这个废物，连个游戏都打不好",
    "明天安排上门安装空调，师傅说别怪他不客气哈哈",
])
def test_the_same_words_in_a_message_that_is_not_collection_find_nothing(text):
    a = _ON.analyze(text)
    assert a.category is Category.OTHER and not a.tactics and not a.findings


def test_the_scan_says_when_a_context_is_missing():
    # a debt word is in every such rule's context: with one, the rule itself decides
    hits, _occ, loose = _ON._matcher.scan("欠款不还，你自己下来还是我们上去？")
    assert "threat.veiled" in {r.id for r, _s, _e in hits} and not loose
    hits, _occ, loose = _ON._matcher.scan("我们的人已经到你公司楼下了，你自己下来还是我们上去？")
    assert "threat.veiled" not in {r.id for r, _s, _e in hits} and loose
    assert not _OFF._matcher.scan("你自己下来还是我们上去？")[2]


def test_a_collection_message_with_its_debt_word_is_not_read_twice(monkeypatch):
    calls = []
    scan = _ON._loose.scan
    monkeypatch.setattr(_ON._loose, "scan", lambda text: calls.append(text) or scan(text))
    _ON.analyze("你的欠款已逾期，别怪我们不客气，明天外访组上门找你。")
    assert calls == []
    _ON.analyze("别怪我们不客气，明天外访组上门找你。")
    assert len(calls) == 1


_TEXTS = st.lists(st.sampled_from([
    "我们的人已经到你公司楼下了", "你自己下来还是我们上去", "别怪我们不客气", "外访组", "上门",
    "你个废物", "出门小心点", "明天", "，", "。", "欠款", "今天下雨", "老赖", "你爸妈", "单位",
    "曝光", "朋友圈", "派出所", "抓你", "上门费500元", "你的逾期已移交", "我们会去你老家",
]), max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_the_category_stays_and_tactics_only_grow_on_collection(text):
    on, off = _ON.analyze(text), _OFF.analyze(text)
    assert on.category is off.category
    if on.category is Category.COLLECTION:
        assert set(off.tactics) <= set(on.tactics)
    else:
        assert on.tactics == off.tactics and on.findings == off.findings


@pytest.mark.parametrize(("value", "file"), [("sometimes", "threat.yaml"), (True, "visit.yaml")])
def test_the_key_is_checked(value, file):
    texts = packaged_texts()
    texts[file] = f"context_from_collection: {str(value).lower()}\n" + texts[file].replace(
        "context_from_collection: true\n", "")
    with pytest.raises(RulePackError, match="context_from_collection"):
        load_pack_from_texts(texts)
