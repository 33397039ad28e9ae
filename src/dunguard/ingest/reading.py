"""One reading of one file: what ``parse`` is given, and where bad records and warnings go.

Every reader here subclasses :class:`FileReader`: it implements ``read(path, reading)`` and
inherits ``parse`` exactly as the :class:`~dunguard.ingest.Reader` contract has it.
:class:`Reading` carries the call's arguments and decides what a bad record means: an
:class:`~dunguard.errors.InputError` that names the file and the place, or (``salvage``) a
:class:`~dunguard.ingest.Problem` on the caller's list and the record skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from dunguard.errors import InputError
from dunguard.ingest import BlobSink, Problem
from dunguard.model import Call, Message


@dataclass(frozen=True)
class Reading:
    """The arguments of one ``parse`` call; ``file`` is the path as given, for messages."""

    file: str
    sink: BlobSink
    salvage: bool = False
    problems: list[Problem] | None = None
    mapping: dict[str, str] | None = None
    progress: Callable[[int], None] | None = None

    def bad(self, place: str, message: str, cause: BaseException | None = None) -> None:
        """Raise, or (salvage) record the problem and return so the caller skips the record."""
        if not self.salvage:
            raise InputError(message, file=self.file, place=place) from cause
        self.warn(place, message)

    def warn(self, place: str, message: str) -> None:
        """Note something worth showing that does not stop the record (a 0-byte MMS part)."""
        if self.problems is not None:
            self.problems.append(Problem(file=self.file, place=place, message=message))

    def report(self, bytes_read: int) -> None:
        """Tell the caller how many bytes of the file are consumed so far."""
        if self.progress is not None:
            self.progress(bytes_read)


class FileReader:
    """Base of the readers: ``parse`` as the contract has it, handing a :class:`Reading` on."""

    name = ""
    label = ""

    def sniff(self, head: bytes, path: Path) -> bool:
        raise NotImplementedError

    def parse(
        self,
        path: Path,
        sink: BlobSink,
        *,
        salvage: bool = False,
        problems: list[Problem] | None = None,
        mapping: dict[str, str] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[Message | Call]:
        reading = Reading(str(path), sink, salvage, problems, mapping, progress)
        yield from self.read(Path(path), reading)

    def read(self, path: Path, reading: Reading) -> Iterator[Message | Call]:
        """Yield the file's records in file order (see :meth:`dunguard.ingest.Reader.parse`)."""
        raise NotImplementedError


def line_col(line: int, col: int | None = None) -> str:
    """A place in a text file, as the user's editor shows it."""
    return f"第 {line} 行第 {col} 列" if col else f"第 {line} 行"


class CountingReader:
    """A binary file wrapper that counts bytes read and reports them now and then."""

    def __init__(
        self,
        raw: IO[bytes],
        progress: Callable[[int], None] | None,
        every: int = 4 * 1024 * 1024,
    ) -> None:
        self._raw = raw
        self._progress = progress
        self._every = every
        self._next = every
        self.count = 0

    def read(self, n: int = -1) -> bytes:
        data = self._raw.read(n)
        self.count += len(data)
        if self._progress is not None and self.count >= self._next:
            self._progress(self.count)
            self._next = self.count + self._every
        return data

    def done(self) -> None:
        if self._progress is not None:
            self._progress(self.count)
