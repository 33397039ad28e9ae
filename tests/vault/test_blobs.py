"""Content-addressed, write-once blob files."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from dunguard.vault.blobs import BlobStore


def _store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs", tmp_path / "tmp", tmp_path / "tmp" / "j")


def test_put_stream_names_the_blob_by_its_sha256_and_makes_it_read_only(tmp_path: Path) -> None:
    bs = _store(tmp_path)
    att = bs.put_stream([b"abc", b"def"], content_type="image/png", name="a.png")
    sha = hashlib.sha256(b"abcdef").hexdigest()
    assert (att.sha256, att.size, att.name) == (sha, 6, "a.png")
    p = bs.path(sha)
    assert p == tmp_path / "blobs" / sha[:2] / sha[2:]
    assert p.read_bytes() == b"abcdef"
    assert stat.S_IMODE(p.stat().st_mode) == 0o400
    assert not list((tmp_path / "tmp").iterdir())


def test_an_empty_part_is_stored_as_the_empty_blob(tmp_path: Path) -> None:
    att = _store(tmp_path).put_stream([], content_type="image/jpeg", name="x.jpg")
    assert att.sha256 == hashlib.sha256(b"").hexdigest() and att.size == 0


def test_existing_blob_is_reused_not_rewritten(tmp_path: Path) -> None:
    bs = _store(tmp_path)
    bs.begin()
    bs.put_stream([b"x"], content_type="", name="")
    assert len(bs.created) == 1
    mtime = bs.path(bs.created[0]).stat().st_mtime_ns
    bs.put_stream([b"x"], content_type="", name="")
    assert len(bs.created) == 1
    assert bs.path(bs.created[0]).stat().st_mtime_ns == mtime


def test_discard_removes_only_unreferenced_blobs_of_the_session(tmp_path: Path) -> None:
    bs = _store(tmp_path)
    old = bs.put_stream([b"old"], content_type="", name="").sha256
    bs.begin()
    kept = bs.put_stream([b"kept"], content_type="", name="").sha256
    gone = bs.put_stream([b"gone"], content_type="", name="").sha256
    bs.put_stream([b"old"], content_type="", name="")
    removed = bs.discard(lambda sha: sha == kept)
    assert removed == [gone]
    assert bs.exists(old) and bs.exists(kept) and not bs.exists(gone)
    assert not bs.journal_path.exists()


def test_recover_undoes_a_session_that_never_ended(tmp_path: Path) -> None:
    bs = _store(tmp_path)
    bs.begin()
    sha = bs.put_stream([b"half"], content_type="", name="").sha256
    (tmp_path / "tmp" / "blob-partial").write_bytes(b"partial")
    # The process "dies" here: nothing is closed. A fresh store finds the journal.
    fresh = _store(tmp_path)
    assert fresh.recover(lambda s: False) == [sha]
    assert not fresh.exists(sha)
    assert not (tmp_path / "tmp" / "blob-partial").exists()
    assert not fresh.journal_path.exists()
