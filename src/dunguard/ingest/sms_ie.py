""" "SMS Import / Export" (sms-ie, F-Droid) ZIP: ``messages.ndjson`` plus ``data/`` MMS parts.

Each NDJSON line is one SMS or MMS with the Android provider's columns as strings, and the
app's own keys prefixed ``__``. SMS: ``address``, ``date`` (ms), ``type`` (as in SBR),
``body``. MMS: ``date`` in **seconds**, ``msg_box``, ``__sender_address``,
``__recipient_addresses`` and ``__parts`` (``ct``, ``text``, ``_data`` = the part's path on
the phone; its bytes are in the ZIP at ``data/<file name>``). Entries are read from the ZIP
directly, never extracted; a ZIP holding an absolute or ``..`` entry name is refused whole.
sms-ie writes the call log to a separate JSON file (not this ZIP); a ``calls.ndjson`` entry,
if present, is read as ``number, date (ms), duration, type`` lines.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dunguard.errors import InputError
from dunguard.ingest.android import MMS_BOX, SMS_BOX, box_direction, call_kind
from dunguard.ingest.reading import FileReader, Reading, line_col
from dunguard.ingest.records import china_time, make_call, make_message
from dunguard.ingest.textfile import clean
from dunguard.model import Attachment, Call, Channel, Direction, Locator, Message

MESSAGES = "messages.ndjson"
CALLS = "calls.ndjson"
_CHUNK = 256 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_name(name: str) -> bool:
    """True for entry names that would escape a folder if extracted: refuse those files."""
    n = name.replace("\\", "/")
    return n.startswith("/") or bool(_DRIVE.match(n)) or ".." in n.split("/") or "\x00" in n


class SmsIeZipReader(FileReader):
    name = "sms-ie-zip"
    label = "安卓 SMS Import / Export 导出的 ZIP"

    def sniff(self, head: bytes, path: Path) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        if MESSAGES.encode() in head[:4096]:
            return True
        try:
            with zipfile.ZipFile(path) as zf:
                return MESSAGES in zf.namelist()
        except (zipfile.BadZipFile, OSError):
            return False

    def read(self, path: Path, reading: Reading) -> Iterator[Message | Call]:
        file = reading.file
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise InputError("这个 ZIP 压缩包已损坏或不完整，无法打开。", file=file) from None
        except OSError as e:
            raise InputError(f"无法打开这个文件：{e.strerror or e}。", file=file) from None
        with zf:
            names = zf.namelist()
            for n in names:
                if unsafe_name(n):
                    raise InputError(
                        f"压缩包里有不安全的文件名“{n}”（指向压缩包以外的位置），已拒绝读取整个文件。",
                        file=file,
                        place=f"压缩包条目 {n}",
                    )
            if MESSAGES not in names:
                raise InputError(
                    f"压缩包里没有 {MESSAGES}，它不是 SMS Import / Export 的导出。", file=file
                )
            ctx = _Ctx(reading, zf, set(names))
            done = 0
            for entry, handler in ((MESSAGES, ctx.message), (CALLS, ctx.call)):
                if entry not in names:
                    continue
                for lineno, obj in _ndjson(zf, entry, ctx):
                    rec = handler(obj, lineno, entry)
                    if rec is not None:
                        yield rec
                done += zf.getinfo(entry).compress_size
                reading.report(done)


def _ndjson(zf: zipfile.ZipFile, entry: str, ctx: _Ctx) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with zf.open(entry) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape")
            for lineno, line in enumerate(text, 1):
                s = line.strip()
                if not s:
                    continue
                place = f"{entry} {line_col(lineno)}"
                try:
                    obj = json.loads(s)
                    if not isinstance(obj, dict):
                        raise ValueError("不是 JSON 对象")
                except ValueError as e:
                    ctx.reading.bad(place, f"这一行不是合法的 JSON 对象（{e}）。")
                    continue
                yield lineno, obj
    except (zipfile.BadZipFile, EOFError, OSError) as e:
        raise InputError(
            f"压缩包里的 {entry} 已损坏，无法读完（{e}）。", file=ctx.reading.file
        ) from None


class _Ctx:
    def __init__(self, reading: Reading, zf: zipfile.ZipFile, names: set[str]) -> None:
        self.reading, self.zf, self.names = reading, zf, names

    def message(self, obj: dict[str, Any], lineno: int, entry: str) -> Message | None:
        place = f"{entry} {line_col(lineno)}"
        loc = Locator("zip-entry", f"{entry}:line={lineno}")
        is_mms = "__parts" in obj or "msg_box" in obj or "m_type" in obj
        try:
            if is_mms:
                return self._mms(obj, loc, place)
            return self._sms(obj, loc)
        except ValueError as e:
            self.reading.bad(place, f"这条消息无法导入：{e}。")
            return None

    def _sms(self, obj: dict[str, Any], loc: Locator) -> Message:
        ms = _int(obj.get("date"), "date")
        typ = str(obj.get("type", "")).strip()
        attrs = {k: v for k, v in obj.items() if k != "body"}
        direction = box_direction(SMS_BOX, typ, attrs)
        if direction is None:
            raise ValueError(f"类型 type=“{typ}”无法识别")
        address = str(obj.get("address") or "").strip()
        return make_message(
            channel=Channel.SMS,
            counterparty=address,
            time=china_time(ms),
            direction=direction,
            text=clean(str(obj.get("body") or "")),
            sender=address,
            locator=loc,
            attrs=attrs,
        )

    def _mms(self, obj: dict[str, Any], loc: Locator, place: str) -> Message | None:
        ms = _int(obj.get("date"), "date") * 1000  # the MMS provider stores seconds
        box = str(obj.get("msg_box", "")).strip()
        attrs = {k: v for k, v in obj.items() if k != "__parts"}
        direction = box_direction(MMS_BOX, box, attrs)
        if direction is None:
            raise ValueError(f"信箱 msg_box=“{box}”无法识别")
        sender = str((obj.get("__sender_address") or {}).get("address") or "").strip()
        recipients = [
            str(a.get("address") or "").strip() for a in obj.get("__recipient_addresses") or []
        ]
        party = sender if direction is Direction.IN else "~".join(filter(None, recipients))
        texts: list[str] = []
        attachments: list[Attachment] = []
        parts_meta: list[dict[str, Any]] = []
        for part in obj.get("__parts") or []:
            parts_meta.append({k: v for k, v in part.items() if k != "text"})
            ct = str(part.get("ct") or "").lower()
            if ct == "application/smil" or str(part.get("seq")) == "-1":
                continue
            if ct.startswith("text/") and part.get("text") is not None:
                texts.append(clean(str(part["text"])))
                continue
            data = part.get("_data")
            if not data:
                continue
            entry = "data/" + posixpath.basename(str(data).replace("\\", "/"))
            if entry not in self.names:
                self.reading.bad(place, f"彩信附件 {entry} 不在压缩包里。")
                if not self.reading.salvage:
                    return None
                parts_meta[-1]["missing_data"] = "1"
                continue
            name = str(part.get("name") or part.get("cl") or posixpath.basename(entry))
            try:
                with self.zf.open(entry) as f:
                    att = self.reading.sink.put_stream(
                        _chunks(f), content_type=ct or "application/octet-stream", name=name
                    )
            except (zipfile.BadZipFile, EOFError, OSError) as e:
                self.reading.bad(f"压缩包条目 {entry}", f"彩信附件在压缩包里已损坏（{e}）。")
                if not self.reading.salvage:
                    return None
                parts_meta[-1]["bad_data"] = "1"
                continue
            if att.size == 0:
                self.reading.warn(
                    f"压缩包条目 {entry}", f"彩信附件“{name}”是空的（0 字节），已按空文件保存。"
                )
            parts_meta[-1]["sha256"] = att.sha256
            attachments.append(att)
        attrs["parts"] = parts_meta
        return make_message(
            channel=Channel.MMS,
            counterparty=party,
            time=china_time(ms),
            direction=direction,
            text="\n".join(t for t in texts if t),
            sender=sender or None,
            locator=loc,
            attrs=attrs,
            attachments=attachments,
        )

    def call(self, obj: dict[str, Any], lineno: int, entry: str) -> Call | None:
        place = f"{entry} {line_col(lineno)}"
        try:
            ms = _int(obj.get("date"), "date")
            duration = _int(obj.get("duration") or "0", "duration")
        except ValueError as e:
            self.reading.bad(place, f"这条通话无法导入：{e}。")
            return None
        return make_call(
            counterparty=str(obj.get("number") or "").strip(),
            time=china_time(ms),
            duration_s=duration,
            kind=call_kind(str(obj.get("type", ""))),
            locator=Locator("zip-entry", f"{entry}:line={lineno}"),
            attrs=dict(obj),
        )


def _int(v: Any, name: str) -> int:
    try:
        return int(str(v).strip())
    except ValueError:
        raise ValueError(f"{name}=“{v}”不是数字") from None


def _chunks(f: IO[bytes]) -> Iterator[bytes]:
    while chunk := f.read(_CHUNK):
        yield chunk
