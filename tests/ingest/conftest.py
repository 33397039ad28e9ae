"""Shared fixtures for the reader tests: the sample exports and an in-memory blob sink."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # make tests/fixtures importable

from dunguard.model import Attachment  # noqa: E402
from fixtures import make_exports  # noqa: E402


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


@pytest.fixture
def sink() -> MemorySink:
    return MemorySink()


@pytest.fixture(scope="session")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every sample export, written once per test session (tests must not modify them)."""
    return make_exports.write_all(tmp_path_factory.mktemp("exports"))


@pytest.fixture
def mx():
    return make_exports
