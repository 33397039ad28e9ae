"""Screenshots through the web app: the date in the original file name and the date field
reach the reader, and a message with uncertain characters shows its bubble beside its text.

Screenshots are drawn by ``tests/fixtures/make_screenshots.py`` (nothing binary committed).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections import Counter
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pytest
from PIL import Image
from web_helpers import csrf, wait_job

from dunguard.case import create_case, open_case
from dunguard.ingest.screenshot import thread as thread_mod
from dunguard.ingest.screenshot.crop import parse_locator
from dunguard.ingest.screenshot.picture import open_picture
from dunguard.web.security import CSP

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for fixtures
from fixtures import make_screenshots as ms  # noqa: E402

pytestmark = [pytest.mark.ocr, pytest.mark.usefixtures("fresh_screenshot_memory")]

CASE = quote("截图", safe="")
TAKEN = datetime(2024, 3, 8, 21, 40)



def _shot(seed: int = 4, layout: str = "android") -> ms.Shot:
    conv = ms.make_conversation(seed, end=TAKEN, n=8)
    return ms.render(conv, layout=layout, theme="light", width=900, taken=TAKEN)


def _upload(client, files, **data):
    r = client.post(f"/cases/{CASE}/import", data={"csrf": csrf(client), **data},
                    files=[("files", f) for f in files])  # fmt: skip
    return r


def _imported(client, files, **data) -> dict:
    r = _upload(client, files, **data)
    assert r.status_code == 303, r.text
    job = wait_job(client, r.headers["location"], timeout=300)
    assert job["state"] == "done", job
    return job


def _times_right(shot: ms.Shot, msgs) -> int:
    """How many of the separators' times (to the minute) the messages got."""
    want = Counter(e.time for e in shot.expected if e.time is not None)
    got = Counter(
        m.time.as_shanghai().replace(tzinfo=None, second=0, microsecond=0)
        for m in msgs
        if m.time is not None
    )
    return sum((want & got).values())


def test_the_date_in_the_uploaded_file_name_is_the_day_taken(client, home):
    create_case("截图").close()
    shot = _shot()
    name = "Screenshot_20240308-214000.png"  # a PNG: no EXIF, the name has the day
    _imported(client, [(name, shot.png(), "image/png")])
    with open_case("截图") as c:
        msgs = list(c.messages())
        (src,) = c.sources()
    assert msgs and {m.attrs["reference_date"] for m in msgs} == {"2024-03-08"}
    assert {m.attrs["reference_date_source"] for m in msgs} == {"file-name"}
    assert _times_right(shot, msgs) >= 0.95 * sum(e.time is not None for e in shot.expected)
    assert src["name"] == name  # the name the user knows
    # saved under a name the server made: a number, the date read from the name, the type
    assert re.search(r"/upload-1-taken-20240308-214000\.png$", src["path"])


def test_an_upload_is_not_dated_by_the_upload(client, home):
    """A name without a date gives none (the server's own name carries no upload time)."""
    create_case("截图").close()
    _imported(client, [("聊天记录.png", _shot().png(), "image/png")])
    with open_case("截图") as c:
        msgs = list(c.messages())
        (src,) = c.sources()
    assert {m.attrs["reference_date_source"] for m in msgs} == {"file-time"}
    assert src["path"].endswith("/upload-1.png")


def test_the_date_field_is_the_day_taken_for_every_screenshot(client, home):
    create_case("截图").close()
    shot = _shot()
    wrong = "Screenshot_20200101-000000.png"  # the field beats the name, as --date does
    _imported(client, [(wrong, shot.png(), "image/png")], date="2024-03-08")
    with open_case("截图") as c:
        msgs = list(c.messages())
    assert {m.attrs["reference_date_source"] for m in msgs} == {"user"}
    assert {m.attrs["reference_date"] for m in msgs} == {"2024-03-08"}
    assert _times_right(shot, msgs) >= 0.95 * sum(e.time is not None for e in shot.expected)


@pytest.mark.parametrize(
    ("files", "date", "says"),
    [
        ([("a.png", b"\x89PNG\r\n\x1a\n", "image/png")], "明天", "截图日期“明天”看不懂"),
        ([("a.png", b"\x89PNG\r\n\x1a\n", "image/png")], "2024-02-30", "看不懂"),
        (
            [("短信.xml", b"<smses count='0'></smses>", "text/xml")],
            "2024-03-08",
            "“短信.xml”不是截图",
        ),
    ],
)
def test_a_bad_date_field_is_one_sentence_and_nothing_is_kept(client, home, tmp_path, files, date, says):  # fmt: skip
    create_case("截图").close()
    r = _upload(client, files, date=date)
    assert r.status_code == 400 and says in r.text
    with open_case("截图") as c:
        assert c.counts()["messages"] == 0 and not c.sources()
    assert not list((tmp_path / "web" / "uploads").glob("*/*"))


def _unsure_case(client, monkeypatch, data: bytes, name: str):
    """A case whose screenshot messages all have characters marked for checking."""
    monkeypatch.setattr(thread_mod, "LOW_CONFIDENCE", 0.99999)  # everything short of certain
    create_case("截图").close()
    _imported(client, [(name, data, "application/octet-stream")])
    with open_case("截图") as c:
        return list(c.messages()), c.sources()[0]["sha256"]


def test_an_unsure_message_shows_its_bubble_beside_the_text(client, home, monkeypatch):
    shot = _shot(seed=6, layout="wechat")
    data = shot.png()
    msgs, _ = _unsure_case(client, monkeypatch, data, "Screenshot_20240308-214000.png")
    m = next(m for m in msgs if m.attrs["low_confidence"])
    page = client.get(f"/cases/{CASE}/messages/{m.id}")
    assert page.status_code == 200 and page.headers["content-security-policy"] == CSP
    src = f"/cases/{CASE}/messages/{m.id}/bubble.png"
    assert f'<img src="{src}"' in page.text and "<script" not in page.text
    assert "［" in page.text  # the marked text beside it
    r = client.get(src)
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert r.headers["content-security-policy"] == CSP and r.headers["cache-control"] == "no-store"
    crop = np.asarray(Image.open(io.BytesIO(r.content)).convert("RGB"))
    # the bubble's own pixels, with a margin of 2% of the width, from the original picture
    _, (x, y, w, h) = parse_locator(m.locator.value)
    rgb = open_picture(data, file="x", name="x").rgb
    mg = round(0.02 * rgb.shape[1])
    assert np.array_equal(crop, rgb[max(0, y - mg) : y + h + mg, max(0, x - mg) : x + w + mg])


def test_a_bubble_inside_a_zip_and_no_bubble_without_doubt(client, home, monkeypatch):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("shots/IMG_0001.PNG", _shot(seed=8, layout="ios").png())
    msgs, _ = _unsure_case(client, monkeypatch, buf.getvalue(), "截图.zip")
    m = next(m for m in msgs if m.attrs["low_confidence"])
    assert m.locator.value.startswith("entry=shots/IMG_0001.PNG;box=")
    r = client.get(f"/cases/{CASE}/messages/{m.id}/bubble.png")
    assert r.status_code == 200 and Image.open(io.BytesIO(r.content)).size[0] > 50


def test_no_bubble_for_a_sure_message_or_another_source(client, demo_case):
    demo = quote("演示", safe="")
    with open_case("演示") as c:
        rid = next(iter(c.messages())).id
    page = client.get(f"/cases/{demo}/messages/{rid}")
    assert page.status_code == 200 and "bubble.png" not in page.text
    r = client.get(f"/cases/{demo}/messages/{rid}/bubble.png")
    assert r.status_code == 404 and "没有需要对照的截图" in r.text
    assert client.get(f"/cases/{demo}/messages/nope/bubble.png").status_code == 404


@pytest.mark.parametrize(
    "browser_name",
    [
        "Screenshot_20240308-214000.png",
        "../../../tmp/Screenshot_20240308-214000.png",
        "C:\\Users\\x\\微信图片_20240308214000.jpg",
        "\u202egnp.20240308.png",
        "mmexport1709905200000.jpg",
        "a" * 5000 + ".png",
        "",
    ],
)
def test_the_saved_name_is_made_by_the_server(browser_name):
    from dunguard.web.routes.imports import upload_name

    made = upload_name(3, browser_name)
    assert re.fullmatch(r"upload-3(-taken-\d{8}-\d{6})?\.(png|jpg|bin)", made), made


def test_the_bubble_shows_beside_the_text_in_a_browser(browser, tmp_path, monkeypatch):
    """Debian Chromium, JavaScript off, the app's own CSP: the picture loads and sits to the
    right of the text on a wide screen."""
    from web_helpers import Server, shot

    home = tmp_path / "live"
    monkeypatch.setenv("DUNGUARD_HOME", str(home))
    monkeypatch.setattr(thread_mod, "LOW_CONFIDENCE", 0.99999)
    p = tmp_path / "Screenshot_20240308-214000.png"
    p.write_bytes(_shot(seed=6, layout="wechat").png())
    with create_case("截图") as c:
        c.import_files([p])
        m = next(m for m in c.messages() if m.attrs["low_confidence"])
    srv = Server(home)
    ctx = browser.new_context(java_script_enabled=False, locale="zh-CN",
                              viewport={"width": 1100, "height": 900})  # fmt: skip
    try:
        page = ctx.new_page()
        page.goto(f"{srv.url}/cases/{CASE}/messages/{m.id}")
        img = page.locator("figure.bubble img")
        img.wait_for()
        assert img.evaluate("e => e.complete && e.naturalWidth") > 50  # loaded, CSP allowed
        text = page.locator(".beside blockquote.text").bounding_box()
        pic = img.bounding_box()
        assert text and pic and pic["x"] >= text["x"] + text["width"] - 1  # beside, not below
        assert "［" in page.locator("figure.bubble figcaption").inner_text()
        shot(page, "screenshot-message-bubble")
    finally:
        ctx.close()
        srv.stop()
