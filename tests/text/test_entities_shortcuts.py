"""The shortcuts of entity extraction give what the long way gives (Hypothesis).

Each shortcut skips a regex or a parse where the result is known without it; these tests
check the claim each shortcut rests on against the plain code on many generated texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dunguard.text.entities.contacts import _BARE_ONLY_FIRST, _DIGIT_RUN, _KNOWN_SHORT, _PHONE
from dunguard.text.entities.money import _AMT_UNIT, _amount_at, _unit_amount

_MONEY_PIECES = st.sampled_from(
    list("0123456789" * 3 + ".,. 元块圆万萬亿千百十点多余个天一二两三五九零〇") + ["元整", "块钱", "万元", "12345678901234"])


@settings(max_examples=1000)
@given(st.lists(_MONEY_PIECES, max_size=30).map("".join))
def test_plain_amount_before_a_unit_is_what_the_long_way_gives(text):
    for m in _AMT_UNIT.finditer(text):
        fast = _unit_amount(text, m)
        plain = _amount_at(text, m.start(), "unit")[1]
        assert repr(fast) == repr(plain), (text, m.group())


_PHONE_PIECES = st.sampled_from(
    list("0123456789" * 2 + " -()（）+.aZ元天") + ["86", "+86", "0086", "00", "400", "800", "95", "96110",
                                                "106", "110", "12315", "10086", "138", "0755"])


@settings(max_examples=1000)
@given(st.lists(_PHONE_PIECES, max_size=20).map("".join))
def test_a_number_starting_with_a_bare_only_digit_is_a_bare_number_to_its_end(text):
    # _phones skips _PHONE at such a digit (no bracket or +86 before it) when the text has
    # no phone word: only the bare-number branch can match there, ending with the digits
    for p in range(len(text)):
        if text[p] not in _BARE_ONLY_FIRST:
            continue
        m = _PHONE.match(text, p)
        if m is not None:
            assert m.group("num") is not None and m.group("num") not in _KNOWN_SHORT, (text, p)
            assert m.end() == _DIGIT_RUN.match(text, p).end(), (text, p)
