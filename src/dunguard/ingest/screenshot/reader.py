"""The readers: one screenshot, or a ZIP of them, into messages; and a folder's screenshots.

The picture itself is the original evidence (the vault stores the file as a blob); each
message points into it with ``Locator("image", "box=x,y,w,h")`` — the bubble's rectangle in
pixels (``entry=NAME;box=…`` inside a ZIP) — and keeps in ``attrs`` the picture's SHA-256,
every line's box and OCR confidence, the separator it got its time from, and the spans of
characters read with low confidence (also reported as a warning, so the CLI shows them).

A message's time is that of the separator above its bubble (or of its own stamp under it).
When a group holds the same words twice ("收到", "收到"), the second is stored 1 ms after the
first (``attrs["repeat"]`` says so): the vault's content id is made from the time and the
text, and both are evidence; without a time, the repeat count goes into the id instead. Only
overlapping shots of one thread are joined into one message (:mod:`.thread`).

In a group chat (title "催收群(3)", or names above the bubbles) the thread's title is the
counterparty and the name above a received bubble its sender (``None`` when the name is
not in the picture), as the WeChat export reader has it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from dunguard.errors import InputError
from dunguard.ingest.reading import FileReader, Reading
from dunguard.ingest.records import make_message
from dunguard.ingest.screenshot.engine import engine
from dunguard.ingest.screenshot.layout import Page, analyse
from dunguard.ingest.screenshot.picture import (
    Picture,
    file_time,
    image_kind,
    open_picture,
)
from dunguard.ingest.screenshot.thread import MEMORY, Draft, drafts, merge
from dunguard.ingest.screenshot.tiles import read_image
from dunguard.ingest.sms_ie import unsafe_name
from dunguard.model import Call, Channel, Direction, Locator, Message, Timestamp

MAX_FILE = 200 * 1024 * 1024  # a screenshot file larger than this is not a screenshot
MAX_ENTRIES = 2000
_JUNK = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$|desktop\.ini$|\._)")
OCR_NAME = "rapidocr 3.10.0 (PP-OCRv6 small)"
CHANNEL = {"wechat": Channel.CHAT, "ios": Channel.SMS, "android": Channel.SMS}


@dataclass
class Shot:
    """One picture read: where it came from, what it shows, its bubbles."""

    index: int
    name: str  # the file's or the ZIP entry's name
    entry: str | None
    picture: Picture
    page: Page
    day: date | None
    day_source: str
    bubbles: list[Draft]


def read_shot(
    pic: Picture, *, index: int, name: str, entry: str | None, day: date | None, reading: Reading
) -> Shot | None:
    """OCR one picture and take it apart; ``None`` (after a salvage warning) if it is empty."""
    place = f"压缩包条目 {entry}" if entry else None
    lines = read_image(pic.rgb, engine())
    if not lines:
        reading.bad(place or "整张图片", "图片里没有识别出任何文字，它不像聊天截图。")
        return None
    page = analyse(pic.rgb, lines)
    taken_day = day or (pic.taken.date() if pic.taken else None)
    source = "user" if day else pic.taken_source
    bubbles = drafts(page, taken_day, index)
    if not bubbles:
        reading.bad(
            place or "整张图片", "图片里有文字，但没有找到聊天气泡，它不像短信或微信聊天的截图。"
        )
        return None
    return Shot(index, name, entry, pic, page, taken_day, source, bubbles)


class _ScreenshotReader(FileReader):
    """Images and ZIPs of images; ``day`` is the date the user says the shots were taken."""

    def __init__(self, day: date | None = None) -> None:
        self.day = day

    def read(self, path: Path, reading: Reading) -> Iterator[Message | Call]:
        try:
            size = path.stat().st_size
            with path.open("rb") as f:
                head = f.read(32)
        except OSError as e:
            raise InputError(f"无法打开这个文件：{e.strerror or e}。", file=reading.file) from None
        if head.startswith(b"PK\x03\x04"):
            shots = list(self._zip_shots(path, reading))
        else:
            if size > MAX_FILE:
                raise InputError("这个文件太大了，不像一张截图。", file=reading.file)
            data = path.read_bytes()
            pic = open_picture(data, file=reading.file, name=path.name, file_time=file_time(path))
            reading.report(size // 2)
            shot = read_shot(
                pic, index=0, name=path.name, entry=None, day=self.day, reading=reading
            )
            shots = [shot] if shot else []
        reading.report(size)
        yield from emit(shots, reading)

    def _zip_shots(self, path: Path, reading: Reading) -> Iterator[Shot]:
        file = reading.file
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError):
            raise InputError("这个 ZIP 压缩包已损坏或不完整，无法打开。", file=file) from None
        with zf:
            infos = [i for i in zf.infolist() if not i.is_dir() and not _JUNK.search(i.filename)]
            for i in infos:
                if unsafe_name(i.filename):
                    raise InputError(
                        f"压缩包里有不安全的文件名“{i.filename}”，已拒绝读取整个文件。",
                        file=file,
                        place=f"压缩包条目 {i.filename}",
                    )
            if len(infos) > MAX_ENTRIES:
                raise InputError(
                    f"压缩包里有 {len(infos)} 个文件，太多了（最多 {MAX_ENTRIES} 个）。", file=file
                )
            infos.sort(key=lambda i: _natural(i.filename))
            done = 0
            index = 0
            for info in infos:
                place = f"压缩包条目 {info.filename}"
                if info.file_size > MAX_FILE:
                    reading.bad(place, "这个条目太大了，不像一张截图。")
                    continue
                try:
                    with zf.open(info) as f:
                        data = f.read(MAX_FILE + 1)
                except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as e:
                    reading.bad(place, "压缩包里的这个条目已损坏，无法解压。", e)
                    continue
                if image_kind(data[:32]) is None:
                    reading.bad(
                        place, "这个条目不是图片（只能读取 PNG、JPEG、WebP 或 HEIC 截图）。"
                    )
                    continue
                try:
                    pic = open_picture(
                        data, file=file, name=info.filename, place=place, file_time=_zip_time(info)
                    )
                except InputError as e:
                    reading.bad(place, e.message, e)
                    continue
                shot = read_shot(
                    pic,
                    index=index,
                    name=info.filename,
                    entry=info.filename,
                    day=self.day,
                    reading=reading,
                )
                done += info.compress_size
                reading.report(done)
                if shot is not None:
                    index += 1
                    yield shot


class ScreenshotReader(_ScreenshotReader):
    name = "screenshot"
    label = "聊天截图（短信、iMessage、微信，文字识别）"

    def sniff(self, head: bytes, path: Path) -> bool:
        return image_kind(head[:32]) is not None


class ScreenshotZipReader(_ScreenshotReader):
    name = "screenshot-zip"
    label = "一组聊天截图（ZIP 压缩包，文字识别）"

    def sniff(self, head: bytes, path: Path) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(path) as zf:
                infos = [
                    i for i in zf.infolist() if not i.is_dir() and not _JUNK.search(i.filename)
                ]
                if not infos or len(infos) > MAX_ENTRIES:
                    return False
                for info in infos[:20]:
                    with zf.open(info) as f:
                        if image_kind(f.read(32)) is None:
                            return False
                return True
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
            return False


# ---------------------------------------------------------------- to messages


def emit(shots: list[Shot], reading: Reading) -> Iterator[Message]:
    """Join the shots of each thread, then yield their messages, thread by thread."""
    threads: dict[tuple[str, str], list[Draft]] = {}
    by_index = {s.index: s for s in shots}
    for shot in shots:
        key = (shot.page.app, shot.page.title)
        new, _ = MEMORY.join(key, shot.bubbles)
        joined, _ = merge(threads.get(key, []), new)
        threads[key] = joined
    for (app, title), bubbles in threads.items():
        group = any(by_index[d.source].page.group for d in bubbles)
        for n, d in enumerate(bubbles, 1):
            shot = by_index[d.source]
            yield _message(d, shot, app, title, group)
            spans = d.low_spans()
            if spans:
                where = f"{shot.entry} " if shot.entry else ""
                reading.warn(
                    f"{where}第 {n} 条消息（box={_box(d.bubble)}）",
                    f"有 {sum(b - a for a, b in spans)} 个字识别得不确定，请对照截图核对：{d.marked()}",
                )


def _box(b: tuple[int, int, int, int]) -> str:
    return f"{b[0]},{b[1]},{b[2] - b[0]},{b[3] - b[1]}"


def _message(d: Draft, shot: Shot, app: str, title: str, group: bool) -> Message:
    direction = Direction.OUT if d.side == "out" else Direction.IN
    value = f"box={_box(d.bubble)}"
    if shot.entry:
        value = f"entry={shot.entry};{value}"
    spans = d.low_spans()
    attrs = {
        "source": "screenshot",
        "image": shot.name,
        "image_sha256": shot.picture.sha256,
        "app": app,
        "theme": shot.page.theme,
        "side": "right" if d.side == "out" else "left",
        "boxes": [_box(b) for b in d.line_boxes],
        "line_confidence": [round(s, 4) for s in d.line_scores],
        "ocr_confidence": round(min(d.line_scores), 4) if d.line_scores else 0.0,
        "ocr": OCR_NAME,
        "low_confidence": [list(s) for s in spans],
        "marked_text": d.marked() if spans else d.text,
        "time_text": d.time_text,
        "time_basis": d.time_basis,
        "repeat": d.repeat,
        "reference_date": shot.day.isoformat() if shot.day else None,
        "reference_date_source": shot.day_source,
    }
    if group:
        attrs["group"] = True
        attrs["sender_name"] = d.sender or None
    if d.notes:
        attrs["notes_above"] = list(d.notes)  # system notes: "XX撤回了一条消息"
    if d.notes_below:
        attrs["notes_below"] = list(d.notes_below)
    time = None
    if d.time is not None:
        # The same words twice in one group are two messages. The vault's content id is made
        # of channel, party, time, direction and text, so the k-th repeat is stored k ms later.
        time = Timestamp.from_datetime(d.time + timedelta(milliseconds=d.repeat))
    # two untimed bubbles with the same words are two messages all the same
    id_text = f"{d.text}\x00{d.repeat}" if time is None and d.repeat else None
    return make_message(
        channel=CHANNEL.get(app, Channel.SMS),
        counterparty=title,
        time=time,
        direction=direction,
        text=d.text,
        sender=(d.sender or None) if group else (title or None),
        locator=Locator("image", value),
        attrs=attrs,
        id_text=id_text,
    )


def _zip_time(info: zipfile.ZipInfo) -> datetime | None:
    try:
        return datetime(*info.date_time)
    except ValueError:
        return None


def _natural(name: str) -> list[object]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]


def expand_folder(folder: Path) -> list[Path]:
    """The screenshots in a folder (by content, not by name), in name order."""
    out = []
    for p in sorted(Path(folder).iterdir(), key=lambda p: _natural(p.name)):
        if p.name.startswith(".") or not p.is_file():
            continue
        try:
            with p.open("rb") as f:
                if image_kind(f.read(32)) is not None:
                    out.append(p)
        except OSError:
            continue
    if not out:
        raise InputError("这个文件夹里没有截图（PNG、JPEG、WebP 或 HEIC 图片）。", file=str(folder))
    return out


def screenshot_inputs(
    paths: list[Path], day: str | None
) -> tuple[list[Path], ScreenshotReader | None]:
    """What ``dunguard import`` gives the case: folders replaced by their screenshots, and
    the screenshot reader to use for every file when the user says the day (``--date``)."""
    from dunguard.errors import UsageError
    from dunguard.ingest.screenshot.picture import parse_user_date

    out: list[Path] = []
    for p in paths:
        out.extend(expand_folder(p) if Path(p).is_dir() else [Path(p)])
    if day is None:
        return out, None
    try:
        return out, ScreenshotReader(day=parse_user_date(day))
    except ValueError:
        raise UsageError(f"--date 的“{day}”看不懂，请写成 2024-03-08 这样的日期。") from None
