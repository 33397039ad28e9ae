"""Helpers for the reader tests (a module of its own: every test folder has a ``conftest``)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from dunguard.model import Attachment


class MemorySink:
    """A BlobSink that keeps blobs in a dict (``keep=False``: only hashes, for memory tests)."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self.blobs: dict[str, bytes] = {}
        self.calls = 0
        self.largest_chunk = 0

    def put_stream(self, chunks: Iterable[bytes], *, content_type: str, name: str) -> Attachment:
        self.calls += 1
        h = hashlib.sha256()
        size = 0
        kept = bytearray() if self.keep else None
        for c in chunks:
            h.update(c)
            size += len(c)
            self.largest_chunk = max(self.largest_chunk, len(c))
            if kept is not None:
                kept += c
        if kept is not None:
            self.blobs[h.hexdigest()] = bytes(kept)
        return Attachment(content_type=content_type, name=name, sha256=h.hexdigest(), size=size)


def read_screenshot(path, **kw) -> list:
    """The messages a :class:`ScreenshotReader` reads from one picture (or ZIP/folder)."""
    from dunguard.ingest.screenshot import ScreenshotReader

    return list(ScreenshotReader(**kw).parse(path, MemorySink()))
