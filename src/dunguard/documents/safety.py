"""Message text is hostile input: make it inert before it reaches a document.

Collectors' messages are copied into reports and letters. A message may carry bidi controls
that reorder what a reader sees (U+202E turns "txt.exe" into "exe.txt"), control characters,
or markup (``<script>``). Markup is handled by the templates' autoescaping; this module turns
every invisible control into a visible mark such as ``[U+202E]`` so that the words shown are
the words received, and nothing in them can reorder the text around them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Bidi embeddings, overrides and isolates, and the invisible direction marks.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_KEEP = frozenset("\n\t")


def _mark(ch: str) -> str:
    return f"[U+{ord(ch):04X}]"


def inert(text: object, *, one_line: bool = False) -> str:
    """``text`` with bidi and other control characters shown as ``[U+XXXX]`` marks.

    Zero-width joiners and variation selectors (emoji) are kept; line breaks are kept unless
    ``one_line``, which turns any line break into a space (for values put inside a sentence).
    """
    s = "" if text is None else str(text)
    out: list[str] = []
    for ch in s:
        if ch in BIDI_CONTROLS:
            out.append(_mark(ch))
        elif ch in "\r\n\u2028\u2029\x85":
            out.append(" " if one_line else ("" if ch == "\r" else "\n"))
        elif ch in _KEEP:
            out.append(" " if one_line else ch)
        elif unicodedata.category(ch) == "Cc":
            out.append(_mark(ch))
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Segment:
    """A piece of a message: plain, or words one or more findings quoted."""

    text: str
    labels: tuple[str, ...] = ()  # the labels of the findings whose span covers it

    @property
    def marked(self) -> bool:
        return bool(self.labels)


def segments(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """Cut ``text`` at every span edge; each piece knows which labels cover it.

    ``spans`` are ``(start, end, label)`` into ``text`` (end exclusive), as the text engine
    gives them; spans outside the text are clipped, empty ones ignored. The pieces are made
    inert (see :func:`inert`) after cutting, so offsets stay those of the original text.
    """
    n = len(text)
    clean = [(max(0, s), min(n, e), lab) for s, e, lab in spans if min(n, e) > max(0, s)]
    cuts = sorted({0, n, *(s for s, _, _ in clean), *(e for _, e, _ in clean)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        labels = tuple(dict.fromkeys(lab for s, e, lab in clean if s <= a and b <= e))
        piece = inert(text[a:b])
        if out and out[-1].labels == labels:
            out[-1] = Segment(out[-1].text + piece, labels)
        else:
            out.append(Segment(piece, labels))
    return out
