"""Android "SMS Backup & Restore" (SyncTech) XML: messages (``<smses>``) and calls (``<calls>``).

Streaming: the file goes through :class:`~dunguard.ingest.mmsmedia.MediaLifter` (MMS media
decoded straight into the blob sink), then through the surrogate-pair repair
(:mod:`dunguard.ingest.surrogates`), then into an lxml pull parser whose finished elements
are cleared as soon as they are turned into records. Memory does not grow with the file.

Times: ``date`` is UTC ms; the offset is 480 (China) since SBR does not record one. MMS
``date_sent`` is in seconds and only kept in ``attrs``. Drafts, outbox, failed and queued
messages are kept, with ``attrs["box"]`` saying which. ``attrs`` holds the element's original
attributes, except the body text (it is the record's ``text``) and media data (a blob).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from lxml import etree

from dunguard.errors import InputError
from dunguard.ingest.android import MMS_BOX, MMS_M_TYPE, SMS_BOX, box_direction, call_kind
from dunguard.ingest.mmsmedia import BLOB_ATTR, MediaLifter
from dunguard.ingest.reading import CountingReader, FileReader, Reading, line_col
from dunguard.ingest.records import china_time, line_locator, make_call, make_message
from dunguard.ingest.surrogates import repair_stream
from dunguard.model import Attachment, Call, Channel, Direction, Message

_FEED = 64 * 1024
_ROOT_MESSAGES = re.compile(rb"<(smses|allsms)[\s>/]")
_ROOT_CALLS = re.compile(rb"<calls[\s>/]")
_BOM = b"\xef\xbb\xbf"


def _looks_like(head: bytes, root: re.Pattern[bytes]) -> bool:
    h = head.removeprefix(_BOM).lstrip()
    if not h.startswith(b"<"):
        return False
    m = root.search(h)
    # the root must come before any other element: only the prolog may precede it
    return m is not None and b"<" not in re.sub(rb"<[?!][^>]*>", b"", h[: m.start()])


def _null(v: str | None) -> str:
    return "" if v is None or v == "null" else v


def _int(v: str | None) -> int:
    if v is None:
        raise ValueError("缺少")
    return int(v.strip())


class _SbrBase(FileReader):
    _root: re.Pattern[bytes]
    _tags: tuple[str, ...]

    def sniff(self, head: bytes, path: Path) -> bool:
        return _looks_like(head, self._root)

    def read(self, path: Path, reading: Reading) -> Iterator[Message | Call]:
        file = reading.file
        try:
            raw = path.open("rb")
        except OSError as e:
            raise InputError(f"无法打开这个文件：{e.strerror or e}。", file=file) from None
        with raw:
            if not raw.read(1):
                raise InputError("文件是空的（0 字节），没有可导入的内容。", file=file)
            raw.seek(0)
            counting = CountingReader(raw, reading.progress)
            lifter = MediaLifter(counting, reading.sink)
            parser = etree.XMLPullParser(
                events=("start", "end"),
                tag=(*self._roots(), *self._tags),
                huge_tree=True,
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
            )
            ctx = _Ctx(reading, lifter)
            error: etree.XMLSyntaxError | None = None
            at_end = False
            try:
                for chunk in repair_stream(lifter):
                    parser.feed(chunk)
                    yield from self._drain(parser, ctx)
                at_end = True
                parser.close()
            except etree.XMLSyntaxError as e:
                error = e
            yield from self._drain(parser, ctx)
            counting.done()
        if error is not None:
            _xml_error(error, ctx, seen=ctx.records, at_end=at_end)
        elif ctx.records == 0 and not ctx.saw_root:
            raise InputError("文件里没有找到备份的根元素，可能不是这种备份。", file=file)
        elif ctx.declared is not None and ctx.declared != ctx.records:
            reading.warn(
                "文件开头",
                f"备份文件开头写着共 {ctx.declared} 条，实际读到 {ctx.records} 条，"
                "文件可能不完整。",
            )

    def _roots(self) -> tuple[str, ...]:
        raise NotImplementedError

    def _drain(self, parser: Any, ctx: _Ctx) -> Iterator[Message | Call]:
        for event, el in parser.read_events():
            if event == "start":
                if el.tag in self._roots():
                    ctx.saw_root = True
                    count = el.get("count")
                    if count and count.strip().isdigit():
                        ctx.declared = int(count)
                continue
            if el.tag in self._roots():
                continue
            ctx.records += 1
            try:
                rec = self._record(el, ctx)
            finally:
                el.clear()
                parent = el.getparent()
                if parent is not None and parent.tag in self._roots():
                    while el.getprevious() is not None:
                        del parent[0]
            if rec is not None:
                yield rec

    def _record(self, el: Any, ctx: _Ctx) -> Message | Call | None:
        raise NotImplementedError


class _Ctx:
    def __init__(self, reading: Reading, lifter: MediaLifter) -> None:
        self.reading = reading
        self.lifter = lifter
        self.records = 0
        self.declared: int | None = None
        self.saw_root = False

    def bad(self, line: int | None, message: str) -> None:
        self.reading.bad(line_col(line or 0), message)


def _xml_error(e: etree.XMLSyntaxError, ctx: _Ctx, seen: int, at_end: bool) -> None:
    line, col = e.position if e.position else (e.lineno or 0, 0)
    msg = str(e.msg or e)
    low = msg.lower()
    if "encoding" in low or "utf-8" in low or "invalid character" in low or "char 0x" in low:
        text = "文件在这里有无效的字节（不是正常的 UTF-8 文本），文件可能已损坏。"
    elif at_end or "premature end" in low or "end of data" in low:
        text = "文件在这里中断了，备份可能没有完整复制或下载。"
    else:
        text = f"文件在这里不是合法的 XML（解析器提示：{msg}）。"
    if ctx.reading.salvage:
        text += f"此处之前的 {seen} 条记录已读取，之后的内容无法读取。"
    ctx.reading.bad(line_col(line, col + 1 if col else None), text, cause=e)


# ---------------------------------------------------------------- messages


class SbrMessagesReader(_SbrBase):
    name = "sbr-xml"
    label = "安卓短信备份（SMS Backup & Restore XML）"
    _root = _ROOT_MESSAGES
    _tags = ("sms", "mms")

    def _roots(self) -> tuple[str, ...]:
        return ("smses", "allsms")

    def _record(self, el: Any, ctx: _Ctx) -> Message | None:
        return self._sms(el, ctx) if el.tag == "sms" else self._mms(el, ctx)

    def _sms(self, el: Any, ctx: _Ctx) -> Message | None:
        line = el.sourceline
        attrs = {k: v for k, v in el.attrib.items() if k != "body"}
        try:
            ms = _int(el.get("date"))
        except ValueError:
            ctx.bad(line, f"短信的时间（date=“{el.get('date')}”）不是数字，无法确定发送时间。")
            return None
        typ = (el.get("type") or "").strip()
        direction = box_direction(SMS_BOX, typ, attrs)
        if direction is None:
            ctx.bad(line, f"短信的类型（type=“{typ}”）无法识别，分不清是收到还是发出。")
            return None
        address = _null(el.get("address")).strip()
        return make_message(
            channel=Channel.SMS,
            counterparty=address,
            time=china_time(ms),
            direction=direction,
            text=_null(el.get("body")),
            sender=address,
            locator=line_locator(line),
            attrs=attrs,
        )

    def _mms(self, el: Any, ctx: _Ctx) -> Message | None:
        line = el.sourceline
        attrs: dict[str, Any] = dict(el.attrib)
        try:
            ms = _int(el.get("date"))
        except ValueError:
            ctx.bad(line, f"彩信的时间（date=“{el.get('date')}”）不是数字，无法确定发送时间。")
            return None
        box = (el.get("msg_box") or "").strip()
        direction = box_direction(MMS_BOX, box, attrs) or MMS_M_TYPE.get(el.get("m_type"))
        if direction is None:
            ctx.bad(line, f"彩信的信箱（msg_box=“{box}”）无法识别，分不清是收到还是发出。")
            return None
        addrs = [dict(a.attrib) for a in el.iter("addr")]
        sender = next((a.get("address") for a in addrs if a.get("type") == "137"), None)
        address = _null(el.get("address")).strip()
        if not address:
            others = [_null(a.get("address")) for a in addrs if a.get("type") != "137"]
            address = (
                sender if direction is Direction.IN else "~".join(filter(None, others))
            ) or ""
        texts: list[str] = []
        attachments: list[Attachment] = []
        parts_meta: list[dict[str, str]] = []
        for part in el.iter("part"):
            p = {k: v for k, v in part.attrib.items() if k not in ("text", BLOB_ATTR)}
            parts_meta.append(p)
            ct = (part.get("ct") or "").lower()
            if ct == "application/smil" or part.get("seq") == "-1":
                continue
            key = part.get(BLOB_ATTR)
            if key is None:
                if ct.startswith("text/"):
                    texts.append(_null(part.get("text")))
                elif _null(part.get("data")) == "":
                    p["missing_data"] = "1"
                continue
            lifted = ctx.lifter.blobs.pop(key)
            if lifted.attachment is None:
                ctx.bad(lifted.line, f"{lifted.error}，这条彩信的附件无法保存。")
                if not ctx.reading.salvage:
                    return None
                p["bad_data"] = lifted.error
                continue
            name = next(
                (_null(part.get(k)) for k in ("name", "fn", "cl") if _null(part.get(k))),
                f"part-{part.get('seq', len(attachments))}",
            )
            att = replace(
                lifted.attachment, content_type=ct or "application/octet-stream", name=name
            )
            p["sha256"] = att.sha256
            if att.size == 0:
                ctx.reading.warn(
                    line_col(lifted.line), f"彩信附件“{name}”是空的（0 字节），已按空文件保存。"
                )
            attachments.append(att)
        attrs["parts"] = parts_meta
        attrs["addrs"] = addrs
        return make_message(
            channel=Channel.MMS,
            counterparty=address,
            time=china_time(ms),
            direction=direction,
            text="\n".join(t for t in texts if t),
            sender=sender,
            locator=line_locator(line),
            attrs=attrs,
            attachments=attachments,
        )


# ---------------------------------------------------------------- calls


class SbrCallsReader(_SbrBase):
    name = "sbr-calls-xml"
    label = "安卓通话记录备份（SMS Backup & Restore XML）"
    _root = _ROOT_CALLS
    _tags = ("call",)

    def _roots(self) -> tuple[str, ...]:
        return ("calls",)

    def _record(self, el: Any, ctx: _Ctx) -> Call | None:
        line = el.sourceline
        attrs = dict(el.attrib)
        try:
            ms = _int(el.get("date"))
        except ValueError:
            ctx.bad(line, f"通话的时间（date=“{el.get('date')}”）不是数字，无法确定通话时间。")
            return None
        try:
            duration = _int(el.get("duration") or "0")
        except ValueError:
            ctx.bad(line, f"通话时长（duration=“{el.get('duration')}”）不是数字。")
            return None
        kind = call_kind(el.get("type") or "")
        if el.get("type") == "7":
            attrs["answered_externally"] = "1"
        return make_call(
            counterparty=_null(el.get("number")).strip(),
            time=china_time(ms),
            duration_s=duration,
            kind=kind,
            locator=line_locator(line),
            attrs=attrs,
        )
