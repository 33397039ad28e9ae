"""Streaming repair of UTF-16 surrogate pairs written as XML character references.

Some Android exporters write an emoji as two references to its UTF-16 halves
(``&#55357;&#56838;`` for 😆). Strict XML parsers refuse them ("reference to invalid
character number"). This byte-level filter rewrites every such pair into one reference to the
real code point (``&#128518;``) before the parser sees it; a lone half becomes ``&#65533;``
(U+FFFD, the replacement character). References to other characters that XML 1.0 forbids
(``&#0;``, ``&#1;``, ``&#65535;`` …) are also turned into ``&#65533;`` rather than failing the
whole file. Newlines are never touched, so the parser's line numbers stay true.

Works on any ASCII-compatible encoding (SBR files are UTF-8); chunk boundaries may fall
anywhere, including inside a reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
# a possibly unfinished reference at the very end of a chunk
_PARTIAL = re.compile(rb"&(?:#(?:[xX][0-9a-fA-F]*|[0-9]*)?)?")
_REPLACEMENT = b"&#65533;"
_MAX_PARTIAL = 24


def _value(m: re.Match[bytes]) -> int:
    return int(m[1], 16) if m[1] is not None else int(m[2])


def _xml_char_ok(v: int) -> bool:
    return (
        v in (0x9, 0xA, 0xD)
        or 0x20 <= v <= 0xD7FF
        or 0xE000 <= v <= 0xFFFD
        or 0x10000 <= v <= 0x10FFFF
    )


def repair_block(data: bytes) -> bytes:
    """Repair one self-contained block (no reference cut at its end)."""
    if b"&#" not in data:
        return data
    out: list[bytes] = []
    done = 0  # data[:done] is already in ``out``
    pending: re.Match[bytes] | None = None  # a high half waiting for its low half

    def emit(start: int, end: int, replacement: bytes) -> None:
        nonlocal done
        out.append(data[done:start])
        out.append(replacement)
        done = end

    for m in _REF.finditer(data):
        v = _value(m)
        if pending is not None:
            if 0xDC00 <= v <= 0xDFFF and pending.end() == m.start():
                cp = 0x10000 + ((_value(pending) - 0xD800) << 10) + (v - 0xDC00)
                emit(pending.start(), m.end(), b"&#%d;" % cp)
                pending = None
                continue
            emit(pending.start(), pending.end(), _REPLACEMENT)
            pending = None
        if 0xD800 <= v <= 0xDBFF:
            pending = m
        elif not _xml_char_ok(v):
            emit(m.start(), m.end(), _REPLACEMENT)
    if pending is not None:
        emit(pending.start(), pending.end(), _REPLACEMENT)
    out.append(data[done:])
    return b"".join(out)


def _is_high_ref(b: bytes) -> bool:
    m = _REF.fullmatch(b)
    return m is not None and 0xD800 <= _value(m) <= 0xDBFF


def _safe_cut(buf: bytes) -> int:
    """How much of ``buf`` can be repaired now without cutting a reference or a pair."""
    i = buf.rfind(b"&", max(0, len(buf) - _MAX_PARTIAL))
    if i == -1:
        return len(buf)
    tail = buf[i:]
    if _is_high_ref(tail):  # a complete high half: its low half may come next
        return i
    if not _PARTIAL.fullmatch(tail):
        return len(buf)
    # an unfinished reference: wait for it, and for a high half right before it
    j = buf.rfind(b"&", max(0, i - _MAX_PARTIAL), i)
    if j != -1 and _is_high_ref(buf[j:i]):
        return j
    return i


def repair_stream(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Yield the repaired bytes of ``chunks`` (any chunking), holding back at most a few bytes."""
    carry = b""
    for chunk in chunks:
        if not chunk:
            continue
        buf = carry + chunk if carry else chunk
        cut = _safe_cut(buf)
        carry = buf[cut:]
        if cut:
            yield repair_block(buf[:cut])
    if carry:
        yield repair_block(carry)
