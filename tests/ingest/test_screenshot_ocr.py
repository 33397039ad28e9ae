"""Screenshots read by OCR against the conversations they were drawn from.

The accuracy report per app (run with ``-s`` to see it)::

    .venv/bin/python -m pytest tests/ingest/test_screenshot_ocr.py -k accuracy -s

Images are drawn by ``tests/fixtures/make_screenshots.py`` (nothing binary is committed);
the OCR engine loads once per process and every picture is read once per session.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import subprocess
import sys
import zipfile
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest
from ingest_helpers import MemorySink
from ingest_helpers import read_screenshot as read
from screenshot_scoring import Score, score

from dunguard.case import create_case
from dunguard.ingest import detect
from dunguard.ingest.screenshot import ScreenshotReader, ScreenshotZipReader, expand_folder
from dunguard.ingest.screenshot import engine as engine_mod
from dunguard.ingest.screenshot import thread as thread_mod
from dunguard.ingest.screenshot.tiles import tile_spans
from dunguard.model import Channel, Direction, Message

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/fixtures
from fixtures import make_screenshots as ms  # noqa: E402

pytestmark = [pytest.mark.ocr, pytest.mark.usefixtures("fresh_screenshot_memory")]

TAKEN = datetime(2024, 3, 8, 21, 40)




@pytest.fixture(scope="session")
def accuracy(tmp_path_factory) -> list[tuple[ms.Case, Path, list[Message]]]:
    """The twelve screenshots of the accuracy set, each written to a file and read once."""
    folder = tmp_path_factory.mktemp("shots")
    out = []
    for case in ms.accuracy_set():
        p = folder / case.name
        p.write_bytes(case.data)
        thread_mod.MEMORY.forget()
        out.append((case, p, read(p)))
    thread_mod.MEMORY.forget()
    return out


def test_accuracy_per_layout(accuracy) -> None:
    per: dict[str, Score] = defaultdict(Score)
    for case, _, msgs in accuracy:
        per[case.shot.layout].add(score(case.shot.expected, msgs))
    print("\nscreenshot OCR accuracy per layout (12 screenshots, 720–1440 px, PNG/JPEG 60–95):")
    for layout in ms.LAYOUTS:
        print(f"  {layout:8s} {per[layout].line()}")
    for layout, s in per.items():
        assert s.cer <= 0.02, (layout, s.line(), s.wrong, s.missed, s.extra)
        assert s.side_rate >= 0.98, (layout, s.line())
        assert s.time_rate >= 0.95, (layout, s.line())
        assert s.bubbles >= 20 and s.timed >= 15  # enough bubbles for the rates to mean something


def test_thread_title_app_and_date_source(accuracy) -> None:
    for case, _, msgs in accuracy:
        assert msgs, case.name
        assert {m.counterparty for m in msgs} == {case.shot.title}
        app = {m.attrs["app"] for m in msgs}
        assert app == {case.shot.layout}, case.name
        want = Channel.CHAT if case.shot.layout == "wechat" else Channel.SMS
        assert {m.channel for m in msgs} == {want}
        source = "exif" if case.name.endswith(".jpg") else "file-name"
        assert {m.attrs["reference_date_source"] for m in msgs} == {source}
        assert {m.attrs["theme"] for m in msgs} == {case.shot.theme}


def test_message_keeps_image_hash_boxes_and_confidence(accuracy) -> None:
    case, path, msgs = accuracy[4]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    width, height = case.shot.image.size
    for m in msgs:
        assert m.locator is not None and m.locator.kind == "image"
        x, y, w, h = (int(v) for v in m.locator.value.removeprefix("box=").split(","))
        assert 0 <= x < x + w <= width and 0 <= y < y + h <= height
        assert m.attrs["image_sha256"] == digest and m.attrs["image"] == path.name
        assert m.attrs["boxes"] and len(m.attrs["boxes"]) == len(m.attrs["line_confidence"])
        assert 0.5 <= m.attrs["ocr_confidence"] <= 1.0
        assert m.attrs["side"] == ("right" if m.direction is Direction.OUT else "left")
        assert (m.sender is None) == (m.direction is Direction.OUT)
        assert m.attrs["time_basis"] in ("separator", "overlap", "none")


def test_low_confidence_characters_are_marked_and_reported(accuracy, monkeypatch) -> None:
    _, path, _ = accuracy[1]
    monkeypatch.setattr(thread_mod, "LOW_CONFIDENCE", 0.99999)  # everything short of certain
    problems: list = []
    msgs = list(ScreenshotReader().parse(path, MemorySink(), problems=problems))
    marked = [m for m in msgs if m.attrs["low_confidence"]]
    assert marked and problems
    m = marked[0]
    a, b = m.attrs["low_confidence"][0]
    assert f"［{m.text[a:b]}］" in m.attrs["marked_text"]
    assert any("请对照截图核对" in p.message and "［" in p.message for p in problems)


def test_draft_marks_runs_of_uncertain_characters() -> None:
    d = thread_mod.Draft(
        "in",
        "请于3月8日前还款",
        [1, 1, 1, 0.3, 0.5, 1, 1, 1, 0.2],
        None,
        "",
        "none",
        (0, 0, 1, 1),
        [],
        [],
    )
    assert d.low_spans() == [(3, 5), (8, 9)]
    assert d.marked() == "请于3［月8］日前还［款］"


def test_long_screenshot_is_tiled_and_joined(tmp_path) -> None:
    conv = ms.make_conversation(42, end=TAKEN, n=26)
    shot = ms.render(conv, layout="wechat", theme="dark", width=1080, taken=TAKEN, screen=None)
    assert len(tile_spans(shot.image.height, shot.image.width)) >= 3
    p = tmp_path / "长截图.jpg"
    p.write_bytes(ms.encode(shot, "jpeg", 85))
    msgs = read(p)
    s = score(shot.expected, msgs)
    assert s.cer <= 0.02 and s.side_rate >= 0.98 and s.time_rate >= 0.95, s.line()
    assert len(msgs) == len(shot.expected)  # no line read twice where tiles overlap


def _window_shots():
    conv = ms.make_conversation(7, end=TAKEN, n=16, title="催收员小王")
    shots = ms.windows(conv, layout="ios", theme="light", width=1080, taken=TAKEN, overlap=0.4)
    return conv, shots


def test_overlapping_screenshots_in_a_zip_are_kept_once(tmp_path) -> None:
    conv, shots = _window_shots()
    assert len(shots) >= 3
    p = tmp_path / "截图.zip"
    with zipfile.ZipFile(p, "w") as zf:
        for i, sh in enumerate(shots):
            info = zipfile.ZipInfo(f"IMG_{i:04d}.PNG", date_time=TAKEN.timetuple()[:6])
            zf.writestr(info, sh.png())
        zf.writestr("__MACOSX/._IMG_0000.PNG", b"junk")
    assert detect(p).name == "screenshot-zip"
    msgs = list(ScreenshotZipReader().parse(p, MemorySink()))
    truth = [ms.Expected(m.side, m.text, None) for m in conv.messages]
    s = score(truth, msgs)
    assert len(msgs) == len(conv.messages) and s.cer <= 0.02, (s.line(), s.missed, s.extra)
    assert all(m.time is not None for m in msgs)  # bubbles whose separator scrolled away too
    assert {m.attrs["image"] for m in msgs} <= {f"IMG_{i:04d}.PNG" for i in range(len(shots))}
    assert all(m.locator.value.startswith("entry=IMG_") for m in msgs)


def test_overlapping_screenshots_in_a_folder_are_stored_once(tmp_path, monkeypatch) -> None:
    conv, shots = _window_shots()
    folder = tmp_path / "截图"
    folder.mkdir()
    for i, sh in enumerate(shots):
        (folder / f"Screenshot_20240308-2140{i:02d}.png").write_bytes(sh.png())
    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    with create_case("文件夹") as c:
        report = c.import_files(expand_folder(folder))
        assert c.counts()["messages"] == len(conv.messages)
        assert report.total("duplicates") > 0
        assert len(c.sources()) == len(shots)  # every picture kept as an original


def test_ocr_never_reaches_the_network(tmp_path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("OCR tried to open a network connection")

    from rapidocr.utils.download_file import DownloadFile

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(DownloadFile, "run", classmethod(refuse))  # rapidocr's downloader
    monkeypatch.setattr(engine_mod, "_ENGINE", None)  # load the models again, under the guard
    conv = ms.make_conversation(3, end=TAKEN, n=6)
    shot = ms.render(conv, layout="android", theme="light", width=720, taken=TAKEN)
    p = tmp_path / "shot.png"
    p.write_bytes(shot.png())
    msgs = read(p, day=TAKEN.date())
    assert msgs and engine_mod._ENGINE is not None
    folder = engine_mod.model_dir()  # the models are the files inside the installed wheel
    assert (folder / engine_mod.DET_MODEL).is_file() and (folder / engine_mod.REC_MODEL).is_file()


def test_user_given_date_beats_the_picture_date(tmp_path) -> None:
    conv = ms.make_conversation(5, end=TAKEN, n=8)
    shot = ms.render(conv, layout="wechat", theme="light", width=1080, taken=TAKEN)
    p = tmp_path / "Screenshot_20200101-000000.png"  # a wrong date in the name
    p.write_bytes(shot.png())
    msgs = read(p, day=TAKEN.date())
    assert {m.attrs["reference_date"] for m in msgs} == {"2024-03-08"}
    assert {m.attrs["reference_date_source"] for m in msgs} == {"user"}
    s = score(shot.expected, msgs)
    assert s.time_rate >= 0.95, s.line()


def test_import_and_analyze_from_outside(tmp_path, accuracy) -> None:
    case, path, expected_msgs = accuracy[8]
    shot = tmp_path / "SHOT.png"
    shot.write_bytes(case.shot.png())
    env = os.environ | {"DUNGUARD_HOME": str(tmp_path / "home"), "COLUMNS": "200"}
    cmd = [sys.executable, "-c", "from dunguard.cli import main; main()"]

    def run(*args):
        return subprocess.run([*cmd, *args], env=env, capture_output=True, text=True, timeout=600)

    assert run("case", "new", "截图").returncode == 0
    p = run("import", str(shot), "--case", "截图", "--date", "2024-03-08", "--format", "json")
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout)
    n = report["totals"]["messages"]
    assert n == len(case.shot.expected) and report["files"][0]["format"] == "screenshot"
    p = run("analyze", "--case", "截图", "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    lines = [json.loads(x) for x in p.stdout.splitlines() if x.strip()]
    assert len(lines) == n
    assert any(x["category"] == "collection" for x in lines)


@pytest.mark.parametrize("kind", ["webp-with-alpha", "jpeg-turned-by-exif"])
def test_other_encodings(tmp_path, kind) -> None:
    conv = ms.make_conversation(11, end=TAKEN, n=6)
    shot = ms.render(conv, layout="ios", theme="dark", width=900, taken=TAKEN)
    buf = io.BytesIO()
    if kind == "webp-with-alpha":
        shot.image.convert("RGBA").save(buf, "WEBP", quality=85)
    else:  # stored on its side; EXIF orientation 6 says "turn 90° clockwise to show"
        exif = ms.Image.Exif()
        exif[0x0112] = 6
        shot.image.rotate(90, expand=True).save(buf, "JPEG", quality=85, exif=exif.tobytes())
    p = tmp_path / f"shot.{kind.split('-')[0]}"
    p.write_bytes(buf.getvalue())
    assert detect(p).name == "screenshot"
    s = score(shot.expected, read(p, day=TAKEN.date()))
    assert s.cer <= 0.02 and s.side_rate == 1.0, s.line()


def test_heic_screenshot_from_an_iphone(tmp_path, monkeypatch) -> None:
    """An iPhone's HEIC screenshot: encoded here from a drawn one (pillow-heif, a dependency),
    read with its EXIF date, imported into a case like any other picture."""
    import pillow_heif

    conv = ms.make_conversation(12, end=TAKEN, n=8)
    shot = ms.render(conv, layout="ios", theme="light", width=1170, taken=TAKEN)
    exif = ms.Image.Exif()
    exif[306] = TAKEN.strftime("%Y:%m:%d %H:%M:%S")
    heif = pillow_heif.from_pillow(shot.image)
    buf = io.BytesIO()
    heif.save(buf, format="HEIF", quality=90, exif=exif.tobytes())
    p = tmp_path / "IMG_0001.HEIC"
    p.write_bytes(buf.getvalue())
    assert p.read_bytes()[4:12] in (b"ftypheic", b"ftypmif1")
    assert detect(p).name == "screenshot"
    msgs = read(p)
    s = score(shot.expected, msgs)
    assert s.cer <= 0.02 and s.side_rate >= 0.98 and s.time_rate >= 0.95, s.line()
    assert {m.attrs["reference_date_source"] for m in msgs} == {"exif"}
    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    thread_mod.MEMORY.forget()
    with create_case("HEIC") as c:
        report = c.import_files(expand_folder(tmp_path))
        assert report.files[0].format == "screenshot"
        assert c.counts()["messages"] == len(msgs)


def test_the_same_words_twice_in_one_group_are_two_messages(tmp_path, monkeypatch) -> None:
    t = datetime(2024, 3, 8, 20, 0)
    conv = ms.Conversation(
        "催收员小王",
        [
            ms.Msg("in", "收到请回复，不回复视为拒绝还款", t),
            ms.Msg("in", "收到请回复，不回复视为拒绝还款", t.replace(minute=1)),
            ms.Msg("out", "收到", t.replace(minute=2)),
            ms.Msg("out", "收到", t.replace(minute=3)),
        ],
    )
    shot = ms.render(conv, layout="wechat", theme="light", width=1080, taken=TAKEN)
    p = tmp_path / "Screenshot_20240308-214000.png"
    p.write_bytes(shot.png())
    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    with create_case("重复") as c:
        report = c.import_files([p])
        assert c.counts()["messages"] == 4 and report.total("duplicates") == 0
        thread_mod.MEMORY.forget()
        again = c.import_files([p])  # the same picture again: already imported
        assert again.files[0].status == "already_imported"
