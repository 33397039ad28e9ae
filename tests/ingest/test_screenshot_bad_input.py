"""Bad screenshots: one plain sentence each, and nothing written to the case."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from dunguard.case import Case, create_case
from dunguard.errors import InputError
from dunguard.ingest import detect
from dunguard.ingest.screenshot import ScreenshotReader, expand_folder, screenshot_inputs
from dunguard.ingest.screenshot.picture import open_picture

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/fixtures
from fixtures.make_screenshots import font  # noqa: E402


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def bomb_png(side: int = 30000) -> bytes:
    """A valid-looking 30000×30000 grey PNG of a few hundred bytes (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit grey
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    idat = zlib.compress(row * 64, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def blank() -> Image.Image:
    return Image.new("RGB", (1080, 2400), (237, 237, 237))


def document() -> Image.Image:
    """Text, but no chat: a page of a contract."""
    img = Image.new("RGB", (1080, 1400), "white")
    d = ImageDraw.Draw(img)
    for i, line in enumerate(
        ["借款合同", "第一条 借款金额为人民币伍万元整。", "第二条 借款期限为十二个月。"]
    ):
        d.text((80, 120 + i * 120), line, font=font(48), fill="black")
    return img


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Case]:
    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    c = create_case("截图测试")
    yield c
    c.close()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _one_sentence(message: str) -> None:
    assert message.endswith("。") and message.count("。") == 1, message
    assert "Traceback" not in message and "Error" not in message


BAD = {
    "not_an_image": ("SHOT.png", lambda: b"these are not pixels\n" * 20, "无法识别的文件格式"),
    "truncated_png": ("SHOT.png", lambda: png(document())[:3000], "不完整"),
    "bomb": ("SHOT.png", bomb_png, "像素"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_file_is_refused_with_one_sentence_and_the_case_unchanged(
    case: Case, tmp_path, kind
) -> None:
    name, make, words = BAD[kind]
    path = _write(tmp_path, name, make())
    before = (case.counts(), len(case.events()), case.sources(), _blobs(case))
    with pytest.raises(InputError) as e:
        case.import_files([path])
    assert words in e.value.message and e.value.file == str(path)
    _one_sentence(e.value.message)
    assert (case.counts(), len(case.events()), case.sources(), _blobs(case)) == before


def _blobs(case: Case) -> list[Path]:
    return sorted(p for p in (case.path / "blobs").rglob("*") if p.is_file())


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("kind", "words"), [("blank", "没有识别出任何文字"), ("document", "没有找到聊天气泡")]
)
def test_picture_without_a_chat_is_refused(case: Case, tmp_path, kind, words) -> None:
    path = _write(tmp_path, f"{kind}.png", png(blank() if kind == "blank" else document()))
    assert detect(path).name == "screenshot"
    with pytest.raises(InputError) as e:
        case.import_files([path])
    assert words in e.value.message
    _one_sentence(e.value.message)
    assert case.counts()["messages"] == 0 and case.sources() == [] and _blobs(case) == []


def test_bomb_is_refused_before_decoding() -> None:
    data = bomb_png()
    assert len(data) < 10_000
    with pytest.raises(InputError) as e:
        open_picture(data, file="bomb.png", name="bomb.png")
    assert "30000×30000" in e.value.message or "解压炸弹" in e.value.message


def test_large_but_sane_long_screenshot_is_allowed_by_the_size_check() -> None:
    from dunguard.ingest.screenshot.picture import MAX_PIXELS

    assert 1440 * 40000 <= MAX_PIXELS < 30000 * 30000


def test_heic_without_pillow_heif_says_what_to_install(tmp_path, monkeypatch) -> None:
    import dunguard.ingest.screenshot.picture as picture

    monkeypatch.setattr(picture, "_heif_available", lambda: False)
    head = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    with pytest.raises(InputError, match="pillow-heif"):
        open_picture(head, file="IMG_1.HEIC", name="IMG_1.HEIC")


def test_forced_screenshot_reader_names_a_non_image(tmp_path) -> None:
    path = _write(tmp_path, "notes.txt", b"hello")
    with pytest.raises(InputError) as e:
        list(ScreenshotReader().parse(path, sink=None))  # type: ignore[arg-type]
    assert "不是图片" in e.value.message
    _one_sentence(e.value.message)


def test_folder_expansion_takes_images_by_content(tmp_path) -> None:
    _write(tmp_path, "b.txt", b"not an image")
    _write(tmp_path, "Screenshot_10.jpg", png(blank()))  # a PNG named .jpg is still an image
    _write(tmp_path, "Screenshot_9.png", png(blank()))
    _write(tmp_path, ".hidden.png", png(blank()))
    assert [p.name for p in expand_folder(tmp_path)] == ["Screenshot_9.png", "Screenshot_10.jpg"]
    files, forced = screenshot_inputs([tmp_path], "2024-03-08")
    assert len(files) == 2 and forced is not None and str(forced.day) == "2024-03-08"
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="没有截图"):
        expand_folder(empty)


def test_cli_prints_one_sentence_and_exits_2(tmp_path) -> None:
    env = os.environ | {"DUNGUARD_HOME": str(tmp_path / "home"), "COLUMNS": "200"}
    cmd = [sys.executable, "-c", "from dunguard.cli import main; main()"]
    subprocess.run([*cmd, "case", "new", "x"], env=env, check=True, capture_output=True)
    bad = _write(tmp_path, "SHOT.png", png(document())[:3000])
    p = subprocess.run(
        [*cmd, "import", str(bad), "--case", "x"], env=env, capture_output=True, text=True
    )
    assert p.returncode == 2
    err = " ".join(p.stderr.split())
    assert "图片文件不完整或已损坏" in err and "Traceback" not in err
    p = subprocess.run(
        [*cmd, "import", str(bad), "--case", "x", "--date", "昨天"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert p.returncode == 2 and "--date" in p.stderr


def test_a_truncated_png_is_refused_even_when_another_library_relaxed_pillow(tmp_path, monkeypatch):
    """WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on import; our check must not
    depend on that switch."""
    import io

    from PIL import Image, ImageFile

    from dunguard.ingest.screenshot.picture import open_picture

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    buf = io.BytesIO()
    Image.new("RGB", (300, 600), (240, 240, 240)).save(buf, "PNG")
    data = buf.getvalue()
    with pytest.raises(InputError, match="不完整"):
        open_picture(data[: len(data) // 2], file="截图.png", name="截图.png")
    buf = io.BytesIO()
    Image.new("RGB", (300, 600), (240, 240, 240)).save(buf, "JPEG")
    data = buf.getvalue()
    with pytest.raises(InputError, match="不完整"):
        open_picture(data[: len(data) - 200], file="截图.jpg", name="截图.jpg")
    assert open_picture(data, file="截图.jpg", name="截图.jpg").rgb.shape[:2] == (600, 300)
