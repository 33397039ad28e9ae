"""Opening a screenshot safely, and the day it was taken.

The size is checked from the header before any pixel is decoded: a 30000×30000 PNG of a
few kilobytes (a decompression bomb) is refused with one sentence, as are files that are
not PNG, JPEG, WebP or HEIC (HEIC only when ``pillow-heif`` is installed) and truncated
files. Pillow's own limit (``Image.MAX_IMAGE_PIXELS``) stays as it is: our smaller
:data:`MAX_PIXELS` is checked first, and Pillow's bomb error is caught as a second guard.

The day a screenshot was taken turns "昨天 14:47" into a date. In order of trust: a date the
user gives; the picture's own metadata (EXIF ``DateTimeOriginal``/``DateTime``, XMP
``CreateDate``/``DateCreated``, PNG ``Creation Time``); a date in the file name as phones
write it (``Screenshot_20240305-142233.png``, ``微信图片_20240305142233.jpg``,
``mmexport1709620953000.jpg``); the file's modification time.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np

from dunguard.errors import InputError
from dunguard.model import SHANGHAI

MAX_PIXELS = 80_000_000  # a 1440×55000 long screenshot still fits; a 30000² bomb does not
MIN_SIDE = 64
HEIC_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heis", b"avif")


def image_kind(head: bytes) -> str | None:
    """``png`` / ``jpeg`` / ``webp`` / ``heic`` from the first bytes, else ``None``."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "heic"
    return None


def _whole(kind: str, data: bytes) -> bool:
    """Whether the file reaches its format's end marker. Checked on the bytes, because Pillow's
    own check is a process-wide switch that other libraries turn off (WeasyPrint sets
    ``ImageFile.LOAD_TRUNCATED_IMAGES = True`` on import)."""
    if kind == "png":
        return b"IEND" in data[-64:]
    if kind == "jpeg":
        return b"\xff\xd9" in data[-4096:]  # EOI; some phones append a few bytes after it
    if kind == "webp":
        return len(data) >= 12 and int.from_bytes(data[4:8], "little") + 8 <= len(data)
    return True  # HEIC: left to the decoder


@dataclass
class Picture:
    """A decoded screenshot: RGB pixels, the file's hash, and the day it was taken."""

    rgb: np.ndarray  # H×W×3 uint8
    sha256: str
    kind: str
    taken: datetime | None  # Beijing wall clock
    taken_source: str  # "exif" | "xmp" | "png" | "file-name" | "file-time" | ""

    @property
    def width(self) -> int:
        return int(self.rgb.shape[1])

    @property
    def height(self) -> int:
        return int(self.rgb.shape[0])


def open_picture(
    data: bytes,
    *,
    file: str,
    name: str,
    place: str | None = None,
    file_time: datetime | None = None,
) -> Picture:
    """Decode ``data`` (the whole image file); ``name`` is used for the date in the name.

    Raises :class:`InputError` with one sentence naming ``file`` (and ``place``, the
    ZIP entry) for anything that is not a readable, reasonably sized screenshot.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    kind = image_kind(data[:32])
    if kind is None:
        raise InputError(
            "这不是图片文件（只能读取 PNG、JPEG、WebP 或 HEIC 截图）。", file=file, place=place
        )
    if not _whole(kind, data):
        raise InputError(
            "图片文件不完整或已损坏（可能只复制了一部分），无法读取。", file=file, place=place
        )
    if kind == "heic" and not _heif_available():
        raise InputError(
            "这是 HEIC 格式的照片，需要安装 pillow-heif 才能读取；也可以在手机上把它存成 JPEG 再导入。",
            file=file,
            place=place,
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            w, h = img.size
            _check_size(w, h, file, place)
            img.load()
    except Image.DecompressionBombError:
        raise InputError(
            "这张图片的像素多得不正常（可能是恶意构造的“解压炸弹”），已拒绝读取。",
            file=file,
            place=place,
        ) from None
    except InputError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as e:
        raise InputError(
            "图片文件不完整或已损坏（可能只复制了一部分），无法读取。", file=file, place=place
        ) from e
    taken, source = _metadata_time(img)
    img = ImageOps.exif_transpose(img) or img
    if getattr(img, "n_frames", 1) > 1:
        img.seek(0)
    rgb = _to_rgb(img)
    if taken is None:
        taken, source = time_from_name(name), "file-name"
    if taken is None and file_time is not None:
        taken, source = file_time, "file-time"
    if taken is None:
        source = ""
    return Picture(rgb, hashlib.sha256(data).hexdigest(), kind, taken, source)


def _check_size(w: int, h: int, file: str, place: str | None) -> None:
    if w * h > MAX_PIXELS:
        raise InputError(
            f"这张图片有 {w}×{h} 像素，远远超过任何手机截图（最多读取 {MAX_PIXELS // 10_000} 万像素），"
            "可能是恶意构造的文件，已拒绝读取。",
            file=file,
            place=place,
        )
    if min(w, h) < MIN_SIDE:
        raise InputError(f"这张图片只有 {w}×{h} 像素，太小了，看不出文字。", file=file, place=place)


def _heif_available() -> bool:
    try:
        import pillow_heif  # type: ignore[import-not-found]
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


def _to_rgb(img) -> np.ndarray:
    from PIL import Image

    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        base = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(base, rgba)
    return np.asarray(img.convert("RGB"), dtype=np.uint8)


# ---------------------------------------------------------------- when it was taken

_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL, _DATETIME = 36867, 306
_XMP_DATE = re.compile(
    rb"(?:CreateDate|DateCreated|DateTimeOriginal)\s*(?:=\s*\"|>)\s*(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)"
    rb"([+-]\d{2}:\d{2}|Z)?"
)


def _metadata_time(img) -> tuple[datetime | None, str]:
    try:
        exif = img.getexif()
        value = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    except Exception:  # broken EXIF must not stop the reading of the picture
        value = None
    if isinstance(value, str):
        t = _parse_exif(value)
        if t is not None:
            return t, "exif"
    xmp = img.info.get("xmp") or img.info.get("XML:com.adobe.xmp")
    if isinstance(xmp, str):
        xmp = xmp.encode("utf-8", "replace")
    if isinstance(xmp, bytes):
        m = _XMP_DATE.search(xmp)
        if m:
            t = _iso(m[1].decode() + (m[2].decode() if m[2] else ""))
            if t is not None:
                return t, "xmp"
    created = img.info.get("Creation Time")
    if isinstance(created, str):
        t = _iso(created.strip()) or _parse_exif(created.strip())
        if t is not None:
            return t, "png"
    return None, ""


def _parse_exif(value: str) -> datetime | None:
    try:
        return datetime.strptime(value.strip().rstrip("\x00")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def _iso(value: str) -> datetime | None:
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if t.tzinfo is not None:  # an instant: as the Beijing wall clock
        t = t.astimezone(SHANGHAI).replace(tzinfo=None)
    return t


_NAME_DATE = re.compile(
    r"(?<!\d)(20\d{2})[-_.年]?([01]\d)[-_.月]?([0-3]\d)日?[-_ T.]*(?:at[-_ ]*)?"
    r"(?:([0-2]\d)[-_.:：]?([0-5]\d)(?:[-_.:：]?([0-5]\d))?)?(?!\d)"
)
_NAME_EPOCH = re.compile(r"(?:mmexport|wx_camera_|IMG_|Screenshot_)?(1[4-9]\d{11})(?!\d)")


def time_from_name(name: str) -> datetime | None:
    """The date (and time) a phone wrote into the file name, if any."""
    stem = Path(name).name
    m = _NAME_DATE.search(stem)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        hh, mm, ss = (int(x) if x else 0 for x in (m[4], m[5], m[6]))
        try:
            return datetime(y, mo, d, hh if hh < 24 else 0, mm, ss)
        except ValueError:
            pass
    m = _NAME_EPOCH.search(stem)
    if m:
        return datetime.fromtimestamp(int(m[1]) / 1000, SHANGHAI).replace(tzinfo=None)
    return None


def file_time(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, SHANGHAI).replace(tzinfo=None)
    except (OSError, ValueError, OverflowError):
        return None


def parse_user_date(value: str) -> date:
    """``2024-03-05`` / ``2024/3/5`` / ``2024年3月5日`` → a date (raises ``ValueError``)."""
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", value)
    if not m:
        raise ValueError(value)
    return date(int(m[1]), int(m[2]), int(m[3]))
