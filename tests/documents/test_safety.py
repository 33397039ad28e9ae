"""Message text is hostile input: controls become visible marks, spans stay on the original."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dunguard.documents.safety import BIDI_CONTROLS, inert, segments


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("abc\u202etxt.exe", "abc[U+202E]txt.exe"),
        ("\u2066隔离\u2069", "[U+2066]隔离[U+2069]"),
        ("响\x07铃", "响[U+0007]铃"),
        ("第一行\r\n第二行", "第一行\n第二行"),
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),  # joiners in emoji are kept
        (None, ""),
    ],
)
def test_inert_shows_controls_as_marks(raw, want):
    assert inert(raw) == want


def test_inert_one_line_turns_breaks_into_spaces():
    assert inert("甲\n乙\u2028丙\t丁", one_line=True) == "甲 乙 丙 丁"


def test_segments_mark_the_quoted_words_of_the_original_text():
    text = "你再不还就通知你的家人，出门小心点"
    segs = segments(text, [(5, 11, "third_party"), (12, 16, "threat")])
    assert [(s.text, s.labels) for s in segs] == [
        ("你再不还就", ()),
        ("通知你的家人", ("third_party",)),
        ("，", ()),
        ("出门小心", ("threat",)),
        ("点", ()),
    ]


def test_overlapping_spans_keep_every_label():
    segs = segments("abcdef", [(0, 4, "a"), (2, 6, "b")])
    assert [(s.text, s.labels) for s in segs] == [("ab", ("a",)), ("cd", ("a", "b")), ("ef", ("b",))]


@given(st.text(), st.lists(st.tuples(st.integers(-3, 40), st.integers(-3, 40), st.sampled_from("xy"))))
def test_segments_cover_the_whole_text_once_and_hold_no_bidi_control(text, spans):
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == inert(text)
    assert not any(c in BIDI_CONTROLS for s in segs for c in s.text)
