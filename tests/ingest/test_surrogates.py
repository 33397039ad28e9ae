"""The byte-level repair of UTF-16 surrogate pairs written as XML character references."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from dunguard.ingest.surrogates import repair_block, repair_stream


def _refs(text: str, hexa: bool = False) -> bytes:
    out = []
    for ch in text:
        cp = ord(ch)
        if cp > 0xFFFF:
            v = cp - 0x10000
            hi, lo = 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)
            out.append(f"&#x{hi:X};&#x{lo:X};" if hexa else f"&#{hi};&#{lo};")
        elif ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == '"':
            out.append("&quot;")
        else:
            out.append(ch)
    return "".join(out).encode("utf-8")


def _parse_body(xml_body: bytes) -> str:
    root = etree.fromstring(b'<sms body="' + xml_body + b'"/>')
    return root.get("body")


def _split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    bounds = [0, *points, len(data)]
    return [data[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def test_pair_becomes_one_reference() -> None:
    assert repair_block(b"&#55357;&#56838;") == b"&#128518;"
    assert repair_block(b"&#xD83D;&#xDE06;") == b"&#128518;"


def test_lone_halves_and_forbidden_characters_become_replacement() -> None:
    assert repair_block(b"a&#55357;b") == b"a&#65533;b"
    assert repair_block(b"a&#56838;b") == b"a&#65533;b"
    assert repair_block(b"&#55357;&#55357;&#56838;") == b"&#65533;&#128518;"
    assert repair_block(b"x&#1;y") == b"x&#65533;y"


def test_ordinary_references_and_escaped_text_are_untouched() -> None:
    data = b"&#10;&#20320;&amp;#55357;&lt;&#x4F60;"
    assert repair_block(data) == data


def test_newlines_never_change() -> None:
    data = b"a\n&#55357;&#56838;\nb&#55357;\n"
    assert b"".join(repair_stream([data])).count(b"\n") == 3


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
        )
        | st.sampled_from("😆👊🏻🙏\n"),
        max_size=60,
    ),
    cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=12),
    hexa=st.booleans(),
)
def test_astral_text_survives_any_chunking(text: str, cuts: list[int], hexa: bool) -> None:
    encoded = _refs(text, hexa)
    repaired = b"".join(repair_stream(_split(encoded, cuts)))
    assert repaired == b"".join(repair_stream([encoded]))
    assert _parse_body(repaired) == text.replace("\n", " ")  # XML normalises raw newlines
