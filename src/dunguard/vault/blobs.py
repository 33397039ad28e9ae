"""Content-addressed, write-once files: originals and MMS media under ``blobs/ab/cdef…``.

A blob is written to a temporary file, flushed to disk, made read-only and only then renamed
to its SHA-256 name, so a blob that exists is always complete. Blobs are never modified;
one that is already present is simply reused. Every blob a running import creates is noted
in a journal first, so that an import killed half-way can be undone on the next open (see
:meth:`BlobStore.recover`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from dunguard.model import Attachment
from dunguard.vault.location import BLOB_MODE, make_private_dir

CHUNK = 1024 * 1024


def sha256_file(path: Path, progress: Callable[[int], None] | None = None) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
            if progress:
                progress(len(chunk))
    return h.hexdigest(), size


def _is_sha(name: str) -> bool:
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


class BlobStore:
    """The ``blobs/`` folder of one case; also the :class:`~dunguard.ingest.BlobSink`."""

    def __init__(self, root: Path, tmp: Path, journal: Path) -> None:
        self.root = root
        self.tmp = tmp
        self.journal_path = journal
        self._journal: BinaryIO | None = None
        self.created: list[str] = []  # blobs this session wrote (not ones already present)
        self._dirs: set[Path] = set()
        self.on_new: Callable[[str, int, str], None] | None = None  # (sha, size, content type)

    # ------------------------------------------------------------------ paths

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha[2:]

    def exists(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def iter_files(self) -> Iterator[tuple[str, Path]]:
        """Every blob file present, as (name-as-hash, path), including stray ones."""
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if not sub.is_dir():
                yield sub.name, sub
                continue
            for f in sorted(sub.iterdir()):
                yield sub.name + f.name, f

    def open(self, sha: str) -> BinaryIO:
        return open(self.path(sha), "rb")

    # ------------------------------------------------------------------ writing

    def begin(self) -> None:
        """Start noting created blobs in the journal (one write session at a time)."""
        make_private_dir(self.tmp)
        self._journal = open(self.journal_path, "ab")  # noqa: SIM115 - held for the session
        self.created = []
        self._dirs = set()

    def put_stream(self, chunks: Iterable[bytes], *, content_type: str, name: str) -> Attachment:
        sha, size = self._write(chunks)
        if self.on_new is not None:
            self.on_new(sha, size, content_type)
        return Attachment(content_type=content_type, name=name, sha256=sha, size=size)

    def put_file(
        self, path: Path, progress: Callable[[int], None] | None = None
    ) -> tuple[str, int]:
        def chunks() -> Iterator[bytes]:
            with open(path, "rb") as f:
                while chunk := f.read(CHUNK):
                    if progress:
                        progress(len(chunk))
                    yield chunk

        return self._write(chunks())

    def _write(self, chunks: Iterable[bytes]) -> tuple[str, int]:
        make_private_dir(self.tmp)
        h = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix="blob-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as f:
                for chunk in chunks:
                    if chunk:
                        h.update(chunk)
                        f.write(chunk)
                        size += len(chunk)
                f.flush()
                os.fsync(f.fileno())
            sha = h.hexdigest()
            dest = self.path(sha)
            if dest.exists():
                tmp.unlink()
                return sha, size
            make_private_dir(dest.parent)
            os.chmod(tmp, BLOB_MODE)
            self._note(sha)
            os.replace(tmp, dest)
            self.created.append(sha)
            self._dirs.add(dest.parent)
            return sha, size
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise

    def _note(self, sha: str) -> None:
        # Noted before the rename: a blob on disk is always listed if its import never commits.
        if self._journal is not None:
            self._journal.write(sha.encode() + b"\n")
            self._journal.flush()

    def sync(self) -> None:
        """Make the new blobs' directory entries durable (before the database commits)."""
        if os.name != "posix":
            return
        for d in sorted(self._dirs | {self.root}):
            with contextlib.suppress(OSError):
                fd = os.open(d, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)

    def end(self) -> None:
        """The session committed: forget the journal."""
        self._close_journal()
        with contextlib.suppress(FileNotFoundError):
            self.journal_path.unlink()
        self.created = []

    def discard(self, is_referenced: Callable[[str], bool]) -> list[str]:
        """The session failed: remove the blobs it created that nothing references."""
        self._close_journal()
        removed = self._remove_listed(self.created, is_referenced)
        with contextlib.suppress(FileNotFoundError):
            self.journal_path.unlink()
        self.created = []
        return removed

    def recover(self, is_referenced: Callable[[str], bool]) -> list[str]:
        """Undo what a killed session left behind: its listed blobs and temporary files."""
        removed: list[str] = []
        if self.journal_path.exists():
            listed = [
                ln.strip()
                for ln in self.journal_path.read_text("ascii", errors="replace").splitlines()
            ]
            removed = self._remove_listed([s for s in listed if _is_sha(s)], is_referenced)
            self.journal_path.unlink()
        if self.tmp.is_dir():
            for f in self.tmp.iterdir():
                if f.name.startswith(("blob-", "export-")):
                    with contextlib.suppress(OSError):
                        f.unlink()
        return removed

    def _remove_listed(self, shas: list[str], is_referenced: Callable[[str], bool]) -> list[str]:
        removed = []
        for sha in dict.fromkeys(shas):
            p = self.path(sha)
            if p.exists() and not is_referenced(sha):
                with contextlib.suppress(OSError):
                    p.unlink()
                    removed.append(sha)
        return removed

    def _close_journal(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
