"""Normalization defeats filter tricks and every span maps back into the original text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dunguard.text.normalize import _CJK, _SEPARATOR, normalize, normalized_text


@pytest.mark.parametrize(("original", "normalized"), [
    ("上 门", "上门"),
    ("爆*通讯录", "爆通讯录"),
    ("仩門", "上门"),
    ("上\u200b门", "上门"),
    ("ＡＢＣ１２３", "abc123"),
    ("通訊錄", "通讯录"),
    ("上.门-走-访", "上门走访"),
    ("3.5万元", "3.5万元"),  # a decimal point between digits stays
    ("逾期，请还款", "逾期,请还款"),  # commas keep clauses apart
    ("\u202e上门\u202c", "上门"),
    ("涉嫌诈piàn，坐láo", "涉嫌诈pian,坐lao"),  # pinyin tone marks are dropped
    ("听日我哋过嚟你屋企揾你", "听日我们过来你屋企找你"),  # Cantonese characters read as Mandarin
    ("俺们明天上恁家去", "我们明天上你家去"),  # northern dialect
    ("阿拉明朝上侬屋里来", "阿拉明朝上你屋里来"),  # Shanghainese
    ("渝朞已久，丄门", "渝期已久,上门"),  # variant characters
    ("唔，好的", "唔,好的"),  # the Mandarin "hmm" stays
])
def test_normalize_undoes_obfuscation(original: str, normalized: str) -> None:
    assert normalize(original).text == normalized


@given(st.text(max_size=200))
def test_spans_map_back_to_the_same_characters(text: str) -> None:
    n = normalize(text)
    for start in range(len(n.text)):
        for end in range(start + 1, min(len(n.text), start + 4) + 1):
            s, e = n.to_original(start, end)
            assert 0 <= s < e <= len(text)
            # the original slice, normalized, is the normalized slice
            assert normalize(text[s:e]).text == n.text[start:end]


def test_finding_quotes_original_obfuscated_text() -> None:
    from dunguard.text.engine import analyze

    a = analyze("你的欠款再不还，明天就上 门找你。")
    visit = [f for f in a.findings if f.rule == "visit.announce"]
    assert visit and visit[0].quote == "上 门"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
       | st.text(alphabet="上門仩１Ａ 　．-—𠁞😀\u200b，,", max_size=30))
def test_code_point_list_translates_like_the_dict(text: str) -> None:
    from dunguard.text.normalize import _table, _translate

    assert _translate(text) == text.translate(_table())


_SEPARATOR_MEANT = re.compile(rf"[.\-/\\—–]+(?=[{_CJK}])")  # what _SEPARATOR finds, read simply


@given(st.lists(st.sampled_from([".", "-", "/", "\\", "—", "–", "．", "中", "文", "a", "3", " "]),
                max_size=40).map("".join))
def test_the_separator_search_finds_what_the_plain_pattern_finds(text: str) -> None:
    plain = _SEPARATOR_MEANT.search(text)
    got = _SEPARATOR.search(text)
    assert (got and got.span()) == (plain and plain.span())


@pytest.mark.parametrize("text", ["." * 20000, "—-" * 10000, "/" * 19999 + "a"])
def test_a_long_run_of_separators_with_no_chinese_after_it_is_kept(text: str) -> None:
    # hostile input (its time: benchmarks/hostile.py): step 2 deletes separators only
    # between Chinese characters
    assert normalized_text(text) == text


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
       | st.text(alphabet="，：？ ,:?欠款上門仩Ａa１ 　．-—𠁞😀\u200b！（）*", max_size=30))
def test_step1_shortcut_translates_like_the_table(text: str) -> None:
    # _step1 replaces the four common characters first and skips translate() when no
    # character the table changes is left
    from dunguard.text.normalize import _step1, _table

    assert _step1(text) == text.translate(_table())


def test_step1_replaces_the_four_characters_as_the_table_does() -> None:
    from dunguard.text.normalize import _table

    table = _table()
    pairs = {"，": ",", "：": ":", "？": "?", " ": None}
    for ch, image in pairs.items():
        assert table[ord(ch)] == (None if image is None else ord(image))
        # what they become is kept by the table (translate would not change it again)
        assert image is None or ord(image) not in table
