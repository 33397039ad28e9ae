"""Readers: one module per outside format, each turning a phone export into records.

The contract the vault codes against:

* :class:`Reader` — ``name``, ``label``, ``sniff(head, path)`` (decides from the content,
  never from the file name) and ``parse(path, sink, …)``, a generator of
  :class:`~dunguard.model.Message` / :class:`~dunguard.model.Call` that streams: memory does
  not grow with the file.
* :class:`BlobSink` — where media (MMS images, sms-ie ``data/`` parts) go, as chunks; the
  sink hashes and stores them and returns an :class:`~dunguard.model.Attachment`.
* :class:`Problem` — one skipped record (``salvage=True``) or one warning (a 0-byte MMS
  part); appended to the caller's ``problems`` list whenever one is given.
* :func:`detect` picks the reader for a file; :func:`readers` lists them in detection order.

The readers here implement the contract through :class:`dunguard.ingest.reading.FileReader`
(``parse`` once, bad-record handling in :class:`~dunguard.ingest.reading.Reading`) and build
records with :mod:`dunguard.ingest.records`.

Every record carries a :class:`~dunguard.model.Locator` (``source_sha256`` left empty: the
vault fills it) and a content-derived ``id`` (see :func:`dunguard.ingest.records.message_id`)
so that re-importing an overlapping backup dedups on content. Original attributes are kept in
``attrs``. Bad input raises :class:`~dunguard.errors.InputError` naming the file and the
place; with ``salvage=True`` bad records are skipped and reported as problems instead.

Decision on 0-byte MMS parts: they are stored as an empty blob (an attachment of size 0 —
the part existed, and that is evidence too) and reported as a :class:`Problem` when a
``problems`` list is given; they never raise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from dunguard.errors import InputError
from dunguard.model import Attachment, Call, Message

__all__ = [
    "BlobSink",
    "HEAD_SIZE",
    "Problem",
    "Reader",
    "detect",
    "readers",
    "reader_by_name",
]

HEAD_SIZE = 64 * 1024  # bytes of the file given to ``sniff``


class BlobSink(Protocol):
    def put_stream(self, chunks: Iterable[bytes], *, content_type: str, name: str) -> Attachment:
        """Store the bytes as a content-addressed blob (SHA-256) and describe it.

        ``chunks`` may be empty (a 0-byte part): the sink must then store the empty blob.
        """
        ...


@dataclass(frozen=True)
class Problem:
    """One bad record that was skipped (``salvage=True``), or a warning worth showing."""

    file: str
    place: str  # e.g. "第 17 行第 3 列" / "第 52 行" / "message.ROWID=52"
    message: str  # one plain Chinese sentence


@runtime_checkable
class Reader(Protocol):
    name: str  # "sbr-xml", "sbr-calls-xml", "ios-sms-db", "ios-callhistory", "sms-ie-zip",
    #            "screenshot-zip", "screenshot", "wechatmsg-csv", "csv", "jsonl"
    label: str  # Chinese display name

    def sniff(self, head: bytes, path: Path) -> bool:
        """True when ``head`` (the first :data:`HEAD_SIZE` bytes) looks like this format."""
        ...

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
        """Yield the file's records in file order.

        ``progress(bytes_read)`` is called now and then with the bytes consumed so far.
        ``mapping`` (generic CSV / JSONL only) maps our fields ``text``, ``time``,
        ``sender``, ``direction``, ``id``, ``counterparty`` to the file's column names.
        """
        ...


def readers() -> list[Reader]:
    """All readers, most specific first (the order :func:`detect` tries them)."""
    from dunguard.ingest.ios_calls import IosCallHistoryReader
    from dunguard.ingest.ios_sms import IosSmsDbReader
    from dunguard.ingest.sbr import SbrCallsReader, SbrMessagesReader
    from dunguard.ingest.screenshot import ScreenshotReader, ScreenshotZipReader
    from dunguard.ingest.sms_ie import SmsIeZipReader
    from dunguard.ingest.tabular import CsvReader, JsonlReader
    from dunguard.ingest.wechatmsg import WeChatMsgCsvReader

    return [
        SbrMessagesReader(),
        SbrCallsReader(),
        IosSmsDbReader(),
        IosCallHistoryReader(),
        SmsIeZipReader(),
        ScreenshotZipReader(),
        ScreenshotReader(),
        WeChatMsgCsvReader(),
        JsonlReader(),
        CsvReader(),
    ]


def reader_by_name(name: str) -> Reader:
    """The reader called ``name`` (for a user's explicit ``--format``)."""
    for r in readers():
        if r.name == name:
            return r
    known = "、".join(r.name for r in readers())
    raise InputError(f"没有名为 {name} 的格式，可用的格式有：{known}。")


def detect(path: Path) -> Reader:
    """Pick the reader for ``path`` from its content; the file name is only a tie-breaker."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(HEAD_SIZE)
    except FileNotFoundError:
        raise InputError("找不到这个文件。", file=str(path)) from None
    except IsADirectoryError:
        raise InputError("这是一个文件夹，不是文件。", file=str(path)) from None
    except OSError as e:
        raise InputError(f"无法打开这个文件：{e.strerror or e}。", file=str(path)) from None
    if not head:
        raise InputError("文件是空的（0 字节），没有可导入的内容。", file=str(path))
    for r in readers():
        if r.sniff(head, path):
            return r
    raise InputError(
        "无法识别的文件格式：它不像短信备份、通话记录、iOS 数据库、微信导出、截图或带表头的表格。",
        file=str(path),
    )
