"""Lift MMS media out of an SBR XML byte stream before the XML parser sees it.

An SBR ``<part … data="…"/>`` holds the picture as base64, often many megabytes in one
attribute (up to "AttValue length too long" in lxml on big backups). :class:`MediaLifter`
sits between the file and the parser: when it meets the ``data`` attribute of a ``<part>``
start tag it decodes the base64 **as it reads it**, in small pieces, straight into the
:class:`~dunguard.ingest.BlobSink`, and hands the parser ``dunguard-blob="N"`` instead. The
reader then finds the stored :class:`~dunguard.model.Attachment` as ``lifter.blobs[N]``.
Memory stays at a few chunks whatever the size of the image; the parser never holds it.

Newlines inside a lifted value are given back to the parser as whitespace so that its line
numbers stay those of the original file.
"""

from __future__ import annotations

import binascii
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from dunguard.ingest import BlobSink
from dunguard.model import Attachment

CHUNK = 256 * 1024
BLOB_ATTR = "dunguard-blob"
_WS = b" \t\r\n"
_B64_PIECE = 64 * 1024  # base64 characters decoded at a time (multiple of 4)


@dataclass(frozen=True)
class LiftedBlob:
    attachment: Attachment | None  # None when the value could not be decoded
    line: int  # line of the original file where the value starts
    error: str = ""  # why it could not be decoded


class _BadBase64(Exception):
    pass


class MediaLifter:
    """Iterate over the bytes of ``raw`` with every ``<part data="…">`` value lifted out."""

    def __init__(self, raw: IO[bytes], sink: BlobSink, chunk: int = CHUNK) -> None:
        self._raw = raw
        self._sink = sink
        self._chunk = chunk
        self._buf = b""
        self._pos = 0
        self._eof = False
        self.line = 1  # line of the original file at self._pos
        self.blobs: dict[str, LiftedBlob] = {}
        self._next_id = 0

    # ------------------------------------------------------------ buffer

    def _fill(self) -> bool:
        """Read more; False at end of file."""
        if self._eof:
            return False
        data = self._raw.read(self._chunk)
        if not data:
            self._eof = True
            return False
        self._buf = self._buf[self._pos :] + data
        self._pos = 0
        return True

    def _take(self, end: int) -> bytes:
        out = self._buf[self._pos : end]
        self.line += out.count(b"\n")
        self._pos = end
        return out

    def _need(self, n: int) -> bool:
        """Make sure ``n`` bytes are available after the position."""
        while len(self._buf) - self._pos < n:
            if not self._fill():
                return False
        return True

    def _find(self, what: bytes) -> int:
        """Index of ``what`` at or after the position, reading on as needed; -1 at EOF."""
        start = self._pos
        while True:
            i = self._buf.find(what, start)
            if i != -1:
                return i
            start = max(self._pos, len(self._buf) - len(what) + 1)
            offset = start - self._pos
            if not self._fill():
                return -1
            start = self._pos + offset

    # ------------------------------------------------------------ the stream

    def __iter__(self) -> Iterator[bytes]:
        while True:
            i = self._buf.find(b"<part", self._pos)
            if i == -1:
                keep = len(b"<part")
                cut = max(self._pos, len(self._buf) - keep)
                if cut > self._pos:
                    yield self._take(cut)
                if not self._fill():
                    if self._pos < len(self._buf):
                        yield self._take(len(self._buf))
                    return
                continue
            off = i - self._pos
            if not self._need(off + 6):
                yield self._take(len(self._buf))
                return
            yield self._take(self._pos + off + 5)
            if self._buf[self._pos : self._pos + 1] in (b" ", b"\t", b"\r", b"\n"):
                yield from self._part_attributes()

    def _part_attributes(self) -> Iterator[bytes]:
        """Copy a ``<part`` start tag's attributes, lifting ``data``; stop before ``>``.

        Indexes into the buffer are kept relative to the position, because reading more
        moves the buffer.
        """
        while True:
            while True:  # whitespace between attributes
                if not self._need(1):
                    return
                j = self._pos
                while j < len(self._buf) and self._buf[j] in _WS:
                    j += 1
                if j > self._pos:
                    yield self._take(j)
                if j < len(self._buf):
                    break
            if self._buf[self._pos] in b"/>":
                return
            eq = self._find(b"=")
            if eq == -1 or eq - self._pos > 64:
                return  # not something we understand: let the parser judge it
            name = self._buf[self._pos : eq].strip()
            q = eq - self._pos + 1  # offset of the opening quote
            while True:
                if not self._need(q + 2):
                    return
                if self._buf[self._pos + q] not in _WS:
                    break
                q += 1
            quote = self._buf[self._pos + q : self._pos + q + 1]
            if quote not in (b'"', b"'"):
                return
            if name != b"data":
                while True:
                    end = self._buf.find(quote, self._pos + q + 1)
                    if end != -1:
                        break
                    if not self._fill():
                        return
                yield self._take(end + 1)
                continue
            line = self.line
            self._take(self._pos + q + 1)  # name, '=' and quote: replaced below
            key = str(self._next_id)
            self._next_id += 1
            if not self._need(5):
                return
            if self._buf[self._pos : self._pos + 5] == b"null" + quote:
                self._take(self._pos + 5)
                yield b'data="null"'
                continue
            try:
                att = self._sink.put_stream(
                    self._decoded(quote), content_type="application/octet-stream", name=""
                )
                self.blobs[key] = LiftedBlob(att, line)
            except _BadBase64 as e:
                self._skip_value(quote)
                self.blobs[key] = LiftedBlob(None, line, str(e))
            if not self._need(1):
                return
            self._take(self._pos + 1)  # closing quote
            yield f'{BLOB_ATTR}="{key}"'.encode() + b"\n" * (self.line - line)

    def _skip_value(self, quote: bytes) -> None:
        end = self._find(quote)
        self._take(end if end != -1 else len(self._buf))

    def _decoded(self, quote: bytes) -> Iterator[bytes]:
        """Decode the attribute value up to (not including) ``quote``, piece by piece."""
        rest = b""
        while True:
            end = self._buf.find(quote, self._pos)
            stop = end if end != -1 else len(self._buf)
            if stop - self._pos > _B64_PIECE:
                stop = self._pos + _B64_PIECE
                end = -1
            raw = self._take(stop)
            piece = rest + raw.translate(None, _WS)
            usable = len(piece) - len(piece) % 4
            if end != -1:
                usable = len(piece)
            if usable:
                try:
                    out = binascii.a2b_base64(piece[:usable], strict_mode=True)
                except (binascii.Error, ValueError) as e:
                    raise _BadBase64(f"彩信附件的 base64 数据已损坏（{e}）") from None
                if out:
                    yield out
            rest = piece[usable:]
            if end != -1:
                return
            if self._pos >= len(self._buf) and not self._fill():
                raise _BadBase64("文件在彩信附件数据中间结束了")
