"""Undo the tricks collectors use against keyword filters, keeping a way back to the original.

The normalized text is made in two steps, both of which only map or delete single code
points, so every normalized character comes from exactly one original character:

1. ``str.translate`` with one table: full-width ASCII → half-width, Latin → lower case,
   traditional → simplified characters (single-character entries of zhconv's table), known
   look-alike or variant characters (仩 → 上) and dialect characters (侬 → 你, 哋 → 们) → the
   plain character, pinyin tone marks (à → a) dropped, and deletion of
   zero-width, bidirectional-control, whitespace and "filler" symbols (上 门, 爆*通讯录).
2. deletion of ``. - / \\ —`` when they sit *between two Chinese characters*
   (上.门, 爆-通-讯-录), where they can only be filler.

``Normalized.to_original(span)`` maps a span of the normalized text back to the original.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Characters that carry no meaning inside a word and are used to split keywords.
_ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e"
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_FILLERS = (
    "*_~^`|#+=<>"
    "·•‧∙⋅・･￮°"
    "★☆♥♡❤❥✦✧✩✪✫✬✭✮✯✰※●○◎◇◆□■▲△▼▽♦♢♠♣♧♤"
    "丨丶﹡﹍﹎﹏＿￣"
)
# Characters that are plain characters in disguise (homoglyphs and rare variants seen in
# evasive collection texts). Only entries that have no other everyday meaning.
_VARIANTS = {
    "仩": "上",
    "亻": "人",
    "門": "门",
    "閅": "门",
    "謍": "营",
    "ㄖ": "日",
    "囗": "口",
    "〇": "零",
    "⒈": "1",
    "⒉": "2",
    "⒊": "3",
    "丄": "上",
    "朞": "期",
}
# Dialect characters written in collectors' Cantonese, Wu and northern messages, mapped to
# the Mandarin word they stand for (侬/恁 你, 俺 我, 哋 们, 佢 他, 嘅 的, 喺 在, 咗 了, 嚟 来,
# 揾 找, 睇 看, 俾 给, 冇 没) so that one rule reads "听日我哋上嚟你屋企揾你" like "…上来你屋企找你".
# One character each, with no other everyday meaning in Mandarin messages (唔 is left alone:
# it is also the Mandarin "hmm").
_DIALECT = {
    "侬": "你", "恁": "你", "俺": "我", "哋": "们", "佢": "他", "嘅": "的", "喺": "在",
    "咗": "了", "嚟": "来", "揾": "找", "睇": "看", "俾": "给", "冇": "没",
}
# Pinyin written with tone marks (诈piàn, 坐láo) is matched like plain pinyin (诈pian).
_TONES = {ch: base for base, chars in (
    ("a", "āáǎàĀÁǍÀ"), ("e", "ēéěèĒÉĚÈ"), ("i", "īíǐìĪÍǏÌ"), ("o", "ōóǒòŌÓǑÒ"),
    ("u", "ūúǔùŪÚǓÙ"), ("v", "üǖǘǚǜÜǕǗǙǛ")) for ch in chars}
# zhconv maps a few punctuation marks too; keep the originals (they carry no word content).
_KEEP = set("「」『』")

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[.\-/\\．－—–]+(?=[{_CJK}])")


@cache
def _table() -> dict[int, int | None]:
    table: dict[int, int | None] = {}
    with resources.files("zhconv").joinpath("zhcdict.json").open("rb") as f:
        hans = json.load(f)["zh2Hans"]
    for trad, simp in hans.items():
        if len(trad) == 1 and len(simp) == 1 and trad != simp and trad not in _KEEP:
            table[ord(trad)] = ord(simp)
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[cp] = cp - 0xFEE0
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = cp + 32
    for cp in range(0xFF21, 0xFF3B):  # full-width capitals straight to lower case
        table[cp] = cp - 0xFEE0 + 32
    for src, dst in (_VARIANTS | _DIALECT | _TONES).items():
        table[ord(src)] = ord(dst)
    for ch in _ZERO_WIDTH + _BIDI + _FILLERS:
        table[ord(ch)] = None
    for ch in " \t\r\n\x0b\x0c\u3000\u00a0\u2002\u2003\u2009\u200a\u202f\u205f":
        table[ord(ch)] = None
    # full-width forms of the fillers map to the half-width ones first, then are deleted
    for ch in "＊＿～＾｀｜＃＋＝＜＞":
        table[ord(ch)] = None
    # circled / parenthesised digits → digits
    for i, base in enumerate(range(0x2460, 0x2469)):  # ①..⑨
        table[base] = ord(str(i + 1))
    return table


@cache
def _bmp_table() -> list[int | None]:
    """``_table()`` as a list indexed by code point over the BMP (unmapped: identity).
    ``str.translate`` reads a list without hashing and without raising ``KeyError`` for
    every unmapped character, which makes it about twice as fast; ~2 MB, built once."""
    table: list[int | None] = list(range(0x10000))
    for cp, v in _table().items():
        if cp < 0x10000:
            table[cp] = v
    return table


# Characters outside the BMP (emoji, rare traditional characters) are past the end of the
# list, where ``str.translate`` would keep them: such text takes the dict.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# a run of the separators that step 2 may delete (full-width ones are half-width after
# step 1) followed by a Chinese character: every run step 2 deletes is one, and unlike
# _BETWEEN_CJK (a lookbehind first) this regex lets ``re`` skip to the separators. It is
# tried only from the first character of a run (the lookbehind after it), and takes the run
# whole (possessive): a long run followed by no Chinese character ("." * 20000) is read
# once, not once from each of its characters
_SEPARATOR = re.compile(rf"[.\-/\\—–](?<![.\-/\\—–][.\-/\\—–])[.\-/\\—–]*+(?=[{_CJK}])")


def _translate(text: str) -> str:
    if _ASTRAL.search(text) is None:
        return text.translate(_bmp_table())
    return text.translate(_table())


@cache
def _changed() -> re.Pattern[str]:
    """Any character that step 1 maps or deletes, and any character outside the BMP
    (which the BMP table cannot say about; one class, which ``re`` tests with a bitmap)."""
    chars = "".join(re.escape(chr(cp)) for cp in sorted(_table()) if cp < 0x10000)
    return re.compile(f"[{chars}\U00010000-\U0010ffff]")


def _step1(text: str) -> str:
    """``_translate(text)``, faster on most messages. ``str.translate`` costs ~30 ns a
    character, while the characters the table changes are few in a message and nearly
    always among the Chinese comma, colon and question mark and the space (the comma is
    in 97% of tests/corpus/dev.jsonl, and in 56% it is the only one; with the other three,
    in 79%). Those four are replaced first (as the table does: by ",", ":", "?", and
    deleted; the table keeps what they become), and when no character that the table
    changes is left, the text is what the table would make of it."""
    text = text.replace("，", ",").replace("：", ":").replace("？", "?").replace(" ", "")
    if _changed().search(text) is None:
        return text
    return _translate(text)


def char_image(text: str) -> str:
    """Step 1 alone: every character mapped by the table (deleted ones dropped)."""
    return _translate(text)


@cache
def deleted_chars() -> frozenset[str]:
    return frozenset(chr(cp) for cp, v in _table().items() if v is None)


@dataclass(slots=True)
class Normalized:
    original: str
    text: str
    _map: list[int] | None = None  # normalized index -> original index (lazy)

    def _index(self) -> list[int]:
        if self._map is None:
            gone = deleted_chars()
            first = [i for i, ch in enumerate(self.original) if ch not in gone]
            if len(first) == len(self.text):  # step 2 deleted nothing
                self._map = first
                return first
            # second pass: the between-CJK deletions, replayed on the step-1 text
            step1 = _translate(self.original)
            drop = {m for mm in _BETWEEN_CJK.finditer(step1) for m in range(mm.start(), mm.end())}
            self._map = [orig for k, orig in enumerate(first) if k not in drop]
        return self._map

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalized text to the original text."""
        if len(self.text) == len(self.original):  # only 1:1 replacements, no deletions
            return start, end
        idx = self._index()
        if not idx:
            return 0, 0
        start = min(start, len(idx) - 1)
        o_start = idx[start]
        o_end = idx[min(end, len(idx)) - 1] + 1 if end > start else o_start
        return o_start, o_end


def normalize(text: str) -> Normalized:
    norm = normalized_text(text)
    return Normalized(text, text if norm == text else norm)


def normalized_text(text: str) -> str:
    """``normalize(text).text`` without the ``Normalized`` record (the engine's hot path:
    it needs the way back to the original only when characters were deleted)."""
    step1 = _step1(text)
    sep = _SEPARATOR.search(step1)
    # most separators sit between digits (3.5万, 2026-01-08): look for one between Chinese
    # characters from the first run followed by one on before rewriting the text
    if sep is not None and _BETWEEN_CJK.search(step1, sep.start()) is not None:
        return _BETWEEN_CJK.sub("", step1)
    return step1


def nfkc_safe(text: str) -> str:
    """NFKC for display-independent comparison (used by rule validation, not the hot path)."""
    return unicodedata.normalize("NFKC", text)
