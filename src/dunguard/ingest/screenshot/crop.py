"""A message's bubble cut out of the screenshot it was read from, for checking by eye.

A message read from a screenshot points into the picture with its locator (``box=x,y,w,h``,
or ``entry=NAME;box=…`` inside a ZIP) and keeps the picture's SHA-256. :func:`bubble_png`
takes the original as the vault stored it (the image file, or the ZIP and the entry's name),
checks that the picture is the one the message was read from, decodes it as the reader did
(same size limits, same EXIF turn, so the box means the same pixels) and returns that
rectangle, with a small margin, as a PNG. Nothing is written anywhere.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

from dunguard.errors import InputError
from dunguard.ingest.screenshot.picture import open_picture

MAX_FILE = 200 * 1024 * 1024  # as the reader: a larger file is not a screenshot
MARGIN = 0.02  # of the picture's width, around the bubble
_BOX = re.compile(r"(?:^|;)box=(\d+),(\d+),(\d+),(\d+)$")


def parse_locator(value: str) -> tuple[str | None, tuple[int, int, int, int]]:
    """``(entry, (x, y, w, h))`` of a screenshot message's locator value (``entry`` is
    ``None`` for a picture that was a file of its own)."""
    m = _BOX.search(value)
    if m is None:
        raise ValueError(value)
    head = value[: m.start()]
    entry = head.removeprefix("entry=") if head.startswith("entry=") else None
    if head and entry is None:
        raise ValueError(value)
    x, y, w, h = (int(g) for g in m.groups())
    return entry, (x, y, w, h)


def bubble_png(original: Path, locator_value: str, image_sha256: str) -> bytes:
    """The bubble ``locator_value`` names, cut from ``original`` (the stored image or ZIP)."""
    try:
        entry, (x, y, w, h) = parse_locator(locator_value)
    except ValueError:
        raise InputError("这条消息没有记下它在截图里的位置。") from None
    data = _picture_bytes(original, entry)
    if hashlib.sha256(data).hexdigest() != image_sha256:
        raise InputError("存证里的截图和这条消息记下的不是同一张，无法截取。")
    pic = open_picture(data, file=entry or original.name, name=entry or original.name)
    m = round(MARGIN * pic.width)
    x0, y0 = max(0, x - m), max(0, y - m)
    x1, y1 = min(pic.width, x + w + m), min(pic.height, y + h + m)
    if x1 - x0 < 2 or y1 - y0 < 2:
        raise InputError("这条消息记下的位置不在截图里。")
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(pic.rgb[y0:y1, x0:x1]).save(buf, "PNG", optimize=False)
    return buf.getvalue()


def _picture_bytes(original: Path, entry: str | None) -> bytes:
    try:
        if entry is None:
            if original.stat().st_size > MAX_FILE:
                raise InputError("这个文件太大了，不像一张截图。")
            return original.read_bytes()
        with zipfile.ZipFile(original) as zf:
            info = zf.getinfo(entry)
            if info.file_size > MAX_FILE:
                raise InputError("这个条目太大了，不像一张截图。")
            with zf.open(info) as f:
                return f.read(MAX_FILE + 1)
    except (OSError, KeyError, zipfile.BadZipFile, EOFError, RuntimeError):
        raise InputError("存证里找不到这张截图，或者它已损坏。") from None
