"""A tiny reader implementing the ingest contract, and a case per test under its own home.

The fake format is one record per line, ``|``-separated:
``msg|SENDER|UTC_MS|in/out|TEXT``, ``mms|SENDER|UTC_MS|TEXT|MEDIA`` (MEDIA stored as a blob),
``call|NUMBER|UTC_MS|DURATION|KIND``, ``bad|…`` (an unreadable record), ``sleep|SECONDS``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from dunguard.errors import InputError
from dunguard.ingest import BlobSink, Problem
from dunguard.ingest.records import call_id, message_id
from dunguard.model import Call, Channel, Direction, Locator, Message, Timestamp


class LineReader:
    name = "test-lines"
    label = "测试格式"

    def sniff(self, head: bytes, path: Path) -> bool:
        return head.startswith((b"msg|", b"mms|", b"call|"))

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
        done = 0
        with open(path, "rb") as f:
            for lineno, raw in enumerate(f, 1):
                done += len(raw)
                if progress:
                    progress(done)
                parts = raw.decode("utf-8").rstrip("\n").split("|")
                loc = Locator("line", f"line={lineno}")
                kind = parts[0]
                if kind == "sleep":
                    time.sleep(float(parts[1]))
                elif kind == "msg":
                    _, who, ms, d, text = parts
                    direction = Direction(d)
                    yield Message(
                        id=message_id("sms", who, int(ms), direction, text),
                        text=text,
                        sender=who,
                        counterparty=who,
                        time=Timestamp(int(ms)),
                        direction=direction,
                        locator=loc,
                        attrs={"line": lineno},
                    )
                elif kind == "mms":
                    _, who, ms, text, media = parts
                    att = sink.put_stream(
                        [media.encode()], content_type="image/jpeg", name="photo.jpg"
                    )
                    yield Message(
                        id=message_id("mms", who, int(ms), Direction.IN, text, [att.sha256]),
                        text=text,
                        sender=who,
                        counterparty=who,
                        time=Timestamp(int(ms)),
                        direction=Direction.IN,
                        channel=Channel.MMS,
                        attachments=(att,),
                        locator=loc,
                    )
                elif kind == "call":
                    _, who, ms, dur, k = parts
                    yield Call(
                        id=call_id(who, int(ms), int(dur), k),
                        counterparty=who,
                        time=Timestamp(int(ms)),
                        duration_s=int(dur),
                        kind=k,
                        locator=loc,
                    )
                else:
                    msg = "这一行看不懂。"
                    if not salvage:
                        raise InputError(msg, file=str(path), place=f"第 {lineno} 行")
                    if problems is not None:
                        problems.append(Problem(str(path), f"第 {lineno} 行", msg))


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


SAMPLE = [
    "msg|10690000123|1704067200000|in|【某某贷】您的借款已逾期3天，请尽快还款。",
    "msg|13800138000|1704070800000|in|再不还钱就通知你的家人和同事。",
    "msg|13800138000|1704074400000|out|我会尽快处理。",
    "mms|13800138000|1704078000000|看看这张图|JPEGDATA-1",
    "call|13800138000|1704081600000|35|incoming",
    "call|13800138000|1704085200000|0|missed",
]
