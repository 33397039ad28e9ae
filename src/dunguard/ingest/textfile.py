"""Text exports (CSV, JSONL): find the encoding, read lines as a stream, flag bad bytes.

Encodings met in Chinese users' files: UTF-8 with or without BOM (Excel, WeChatMsg), UTF-16
with BOM ("Unicode text" from Excel), and GBK/GB18030 (Excel on Chinese Windows). The
encoding is decided from the first 64 KiB: a BOM wins; else strict UTF-8; else GB18030 if the
text then reads as Chinese (mostly CJK among the non-ASCII characters). Anything else is
refused with a sentence that says so. Undecodable bytes later in the file are kept as
surrogate escapes so the reader can name the exact row (and skip it under ``salvage``).
"""

from __future__ import annotations

import codecs
import io
import re
from pathlib import Path
from typing import IO

from dunguard.errors import InputError

_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_BAD = re.compile(r"[\udc80-\udcff]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def detect_encoding(head: bytes) -> str | None:
    """The Python codec name for a text file starting with ``head``, or None if unsure.

    A few undecodable bytes (a damaged spot) do not change the verdict: the reader then
    names the rows that hold them.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    best: tuple[int, str] | None = None
    for enc in ("utf-8", "gb18030"):
        text = codecs.getincrementaldecoder(enc)("replace").decode(head, final=False)
        errors = text.count("\ufffd")
        non_ascii = [c for c in text if ord(c) > 127 and c != "\ufffd"]
        if enc == "gb18030" and errors == 0 and not non_ascii:
            continue  # pure ASCII: utf-8 already won
        if enc == "gb18030" and (
            not non_ascii or sum(1 for c in non_ascii if _CJK.match(c)) / len(non_ascii) < 0.8
        ):
            continue  # decodes, but not as Chinese: probably not GBK
        if errors <= max(2, len(non_ascii) // 100) and (best is None or errors < best[0]):
            best = (errors, enc)
    return best[1] if best else None


def looks_like_text(head: bytes) -> str | None:
    """The decoded first part of ``head`` when it is text in an encoding we read, else None."""
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    enc = detect_encoding(head)
    if enc is None:
        return None
    return codecs.getincrementaldecoder(enc)("replace").decode(head, final=False)


def first_line(head: bytes) -> str | None:
    """The first line of a text file starting with ``head`` (BOM dropped); None if not text."""
    text = looks_like_text(head)
    if not text:
        return None
    return text.lstrip("\ufeff").split("\n", 1)[0]


def open_text(path: Path) -> tuple[IO[str], IO[bytes], str]:
    """Open ``path`` as text in its detected encoding; bad bytes become surrogate escapes."""
    file = str(path)
    try:
        raw = Path(path).open("rb")  # noqa: SIM115 - handed to the caller, who closes it
    except OSError as e:
        raise InputError(f"无法打开这个文件：{e.strerror or e}。", file=file) from None
    head = raw.read(64 * 1024)
    raw.seek(0)
    if not head:
        raw.close()
        raise InputError("文件是空的（0 字节），没有可导入的内容。", file=file)
    enc = detect_encoding(head)
    if enc is None:
        raw.close()
        raise InputError(
            "文件的文字编码无法识别：既不是 UTF-8，也不像 GBK 中文，请用表格软件另存为"
            " UTF-8 后再导入。",
            file=file,
        )
    text = io.TextIOWrapper(
        raw,
        encoding=enc,
        errors="surrogateescape" if not enc.startswith("utf-16") else "replace",
        newline="",
    )
    return text, raw, enc  # raw.tell() gives the bytes read, for progress


def has_bad_bytes(s: str) -> bool:
    return _BAD.search(s) is not None


def clean(s: str) -> str:
    """Replace lone UTF-16 surrogates (which cannot be stored as UTF-8) by U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", s) if _LONE_SURROGATE.search(s) else s
