"""Recover the text of an iOS ``message.attributedBody`` (NeXTSTEP typedstream) blob.

Since iOS 16 ``message.text`` is often NULL and the words live only in ``attributedBody``, an
``NSAttributedString`` archived with ``NSArchiver``. The blob looks like::

    04 0B "streamtyped" 81 E8 03          header: version 4, signature, system version 1000
    84 01 40 84 84 84 12 "NSAttributedString" 00 84 84 08 "NSObject" 00 85 92
    84 84 84 08 "NSString" 01 94          class NSString (version 1, superclass by reference)
    84 01 2B  <length>  <UTF-8 bytes>  86 the string: type "+" then a length-prefixed payload
    …                                     attribute runs, NSDictionary, NSNumber …

Integers in typedstream are one signed byte, or ``0x81`` + int16 LE, or ``0x82`` + int32 LE.
We read the first ``NSString``/``NSMutableString`` payload, which is the message text.
"""

from __future__ import annotations

import struct

_HEADER = b"\x04\x0bstreamtyped"
_STRING_CLASSES = (b"NSString", b"NSMutableString")
_TYPE_PLUS = b"\x84\x01+"


class TypedStreamError(ValueError):
    pass


def _read_int(blob: bytes, i: int) -> tuple[int, int]:
    tag = blob[i]
    if tag == 0x81:
        return struct.unpack_from("<h", blob, i + 1)[0] & 0xFFFF, i + 3
    if tag == 0x82:
        return struct.unpack_from("<i", blob, i + 1)[0], i + 5
    if tag >= 0x80:
        raise TypedStreamError(f"unexpected length tag 0x{tag:02x}")
    return tag, i + 1


def attributed_body_text(blob: bytes) -> str:
    """The message text inside ``blob``; raises :class:`TypedStreamError` if there is none."""
    if not blob.startswith(_HEADER):
        raise TypedStreamError("not a typedstream")
    start = -1
    for cls in _STRING_CLASSES:
        k = blob.find(cls)
        if k != -1 and (start == -1 or k < start):
            start = k
    if start == -1:
        raise TypedStreamError("no NSString in the archive")
    i = blob.find(_TYPE_PLUS, start)
    if i == -1 or i - start > 32:
        raise TypedStreamError("NSString without its '+' payload")
    try:
        n, j = _read_int(blob, i + len(_TYPE_PLUS))
    except (IndexError, struct.error):
        raise TypedStreamError("truncated length") from None
    if n < 0 or j + n > len(blob):
        raise TypedStreamError("length runs past the end of the blob")
    try:
        return blob[j : j + n].decode("utf-8")
    except UnicodeDecodeError as e:
        raise TypedStreamError(f"payload is not UTF-8 ({e})") from None
