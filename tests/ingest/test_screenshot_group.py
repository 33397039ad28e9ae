"""WeChat group chats, per-bubble time stamps and repeated words, read from screenshots.

* a group chat's received bubbles have the member's name above them: that is the message's
  sender (the group's title stays the counterparty); system notes ("XX撤回了一条消息",
  "以上是打招呼的内容", "你已添加了XX") are no messages, they are kept with the next one;
* Android SMS apps that print each message's time under its bubble give it that time;
* the same words twice are two messages, with or without a time; only overlapping shots of
  one thread are joined.

Images are drawn by ``tests/fixtures/make_screenshots.py``.
"""

from __future__ import annotations

import sys
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from ingest_helpers import MemorySink
from ingest_helpers import read_screenshot as read
from screenshot_scoring import norm_hyp, norm_ref, score

from dunguard.case import create_case
from dunguard.ingest.screenshot import ScreenshotZipReader
from dunguard.ingest.screenshot.thread import Draft, merge
from dunguard.model import Direction, Message

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/fixtures
from fixtures import make_screenshots as ms  # noqa: E402

pytestmark = [pytest.mark.ocr, pytest.mark.usefixtures("fresh_screenshot_memory")]

TAKEN = datetime(2024, 3, 8, 21, 40)
NOTES = ("撤回了一条消息", "以上是打招呼的内容", "你已添加了")




def senders_right(expected: list[ms.Expected], msgs: list[Message]) -> tuple[int, int]:
    """(right, asked): received bubbles whose name shows, matched by text in thread order."""
    right = asked = 0
    at = 0  # the same words may come twice, from two members: match in order
    for e in expected:
        for k in range(at, len(msgs)):
            if norm_hyp(msgs[k].text) == norm_ref(e.text):
                if e.side == "in" and e.sender is not None:
                    asked += 1
                    right += msgs[k].sender == e.sender
                at = k + 1
                break
    return right, asked


@pytest.mark.parametrize(("theme", "width", "fmt"), [("light", 1080, "png"), ("dark", 900, "jpeg")])
def test_group_chat_names_are_senders_and_notes_are_not_messages(tmp_path, theme, width, fmt):
    conv = ms.group_chat(1, end=TAKEN)
    shot = ms.render(conv, layout="wechat", theme=theme, width=width, taken=TAKEN, start=1.0)
    p = tmp_path / ms.file_name(shot, fmt, 0)
    p.write_bytes(ms.encode(shot, fmt, 80))
    msgs = read(p)
    s = score(shot.expected, msgs)
    assert s.cer <= 0.02 and s.side_rate >= 0.98 and s.time_rate >= 0.95, (s.line(), s.extra)
    assert not any(n in m.text for m in msgs for n in NOTES)  # notes are not messages
    right, asked = senders_right(shot.expected, msgs)
    assert asked >= 4 and right == asked
    group = conv.title.split("(")[0]
    assert {m.counterparty for m in msgs} == {group}
    assert all(m.attrs["group"] for m in msgs)
    for m in msgs:
        if m.direction is Direction.OUT:
            assert m.sender is None
        else:
            assert m.sender in ms.GROUP_MEMBERS + [None]
            assert m.sender == m.attrs["sender_name"]
    notes = [n for m in msgs for n in m.attrs.get("notes_above", [])]
    assert any("撤回了一条消息" in n for n in notes), notes
    twice = [m for m in msgs if norm_hyp(m.text) == "收到请回复"]
    assert len(twice) == 2 and twice[0].id != twice[1].id
    assert twice[0].sender == twice[1].sender


def test_a_note_below_the_last_bubble_stays_with_it(tmp_path):
    t = datetime(2024, 3, 8, 20, 0)
    conv = ms.Conversation(
        "协商群(3)",
        [
            ms.Msg("in", "你再不还款我们就通知你的家人", t, sender="催收员小王"),
            ms.Msg("out", "请不要在群里发我的信息", t),
            ms.note("催收员小王撤回了一条消息", t),
        ],
        group=True,
    )
    shot = ms.render(conv, layout="wechat", theme="light", width=1080, taken=TAKEN)
    p = tmp_path / "Screenshot_20240308-214000.png"
    p.write_bytes(shot.png())
    msgs = read(p)
    assert [m.text for m in msgs] == [m.text for m in conv.messages[:2]]
    assert msgs[0].sender == "催收员小王" and msgs[1].sender is None
    assert msgs[-1].attrs["notes_below"] == ["催收员小王撤回了一条消息"]
    assert "notes_above" not in msgs[-1].attrs


def test_group_chat_in_a_case_keeps_every_bubble(tmp_path, monkeypatch):
    conv = ms.group_chat(2, end=TAKEN, n=6)
    shot = ms.render(conv, layout="wechat", theme="light", width=1080, taken=TAKEN)
    p = tmp_path / "Screenshot_20240308-214000.png"
    p.write_bytes(shot.png())
    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    with create_case("群聊") as c:
        report = c.import_files([p])
        wanted = [e for e in shot.expected if not e.optional]
        assert c.counts()["messages"] >= len(wanted) and report.total("duplicates") == 0
        stored = c.messages()
        assert {m.sender for m in stored if m.direction is Direction.IN} <= set(ms.GROUP_MEMBERS)


def test_group_names_fill_in_across_overlapping_shots(tmp_path):
    """A bubble whose name is above the first shot's top gets it from the next shot."""
    conv = ms.group_chat(3, end=TAKEN, n=14)
    shots = ms.windows(conv, layout="wechat", theme="dark", width=1080, taken=TAKEN, overlap=0.4)
    assert len(shots) >= 2
    p = tmp_path / "群聊截图.zip"
    with zipfile.ZipFile(p, "w") as zf:
        for i, sh in enumerate(shots):
            info = zipfile.ZipInfo(f"IMG_{i:04d}.PNG", date_time=TAKEN.timetuple()[:6])
            zf.writestr(info, sh.png())
    msgs = list(ScreenshotZipReader().parse(p, MemorySink()))
    bubbles = [m for m in conv.messages if m.side != "note"]
    truth = [ms.Expected(m.side, m.text, None, sender=m.sender or None) for m in bubbles]
    s = score(truth, msgs)
    assert len(msgs) == len(bubbles) and s.cer <= 0.02, (s.line(), s.missed, s.extra)
    named = [m for m in msgs if m.direction is Direction.IN and m.sender]
    right, asked = senders_right(truth, msgs)
    assert right == asked and len(named) >= asked - 1  # the very first may lack its name


@pytest.mark.parametrize(("theme", "clock24"), [("light", True), ("dark", False)])
def test_android_time_under_each_bubble_is_that_message_time(tmp_path, theme, clock24):
    conv = ms.make_conversation(21, end=TAKEN, n=12)
    shot = ms.render(
        conv, layout="android", theme=theme, width=1080, taken=TAKEN, clock24=clock24,
        stamps=True, start=0.5,
    )  # fmt: skip
    p = tmp_path / "Screenshot_20240308-214000.png"
    p.write_bytes(shot.png())
    msgs = read(p)
    s = score(shot.expected, msgs)
    assert s.timed >= 5 and s.cer <= 0.02 and s.time_rate >= 0.95, s.line()
    stamped = [m for m in msgs if m.attrs["time_basis"] == "stamp"]
    assert len(stamped) >= s.timed - 1
    minutes = {m.time.as_shanghai().replace(tzinfo=None) for m in stamped if m.time}
    assert len(minutes) >= len(stamped) - 2  # each its own time, not its group's


def test_a_stamp_with_no_day_above_takes_the_day_of_the_shot_before(tmp_path):
    conv = ms.make_conversation(23, end=TAKEN, n=16)
    shots = ms.windows(
        conv, layout="android", theme="light", width=1080, taken=TAKEN, overlap=0.4, stamps=True
    )
    # some bubble's day separator is only in an earlier shot
    assert any(e.time is None and not e.optional for sh in shots[1:] for e in sh.expected)
    p = tmp_path / "截图.zip"
    with zipfile.ZipFile(p, "w") as zf:
        for i, sh in enumerate(shots):
            info = zipfile.ZipInfo(f"IMG_{i:04d}.PNG", date_time=TAKEN.timetuple()[:6])
            zf.writestr(info, sh.png())
    msgs = list(ScreenshotZipReader().parse(p, MemorySink()))
    assert len(msgs) == len(conv.messages)
    got = [
        m.time.as_shanghai().replace(tzinfo=None, microsecond=0) if m.time else None for m in msgs
    ]
    want = [m.at.replace(second=0) for m in conv.messages]
    assert sum(g == w for g, w in zip(got, want, strict=True)) >= 0.9 * len(want), (got, want)
    assert {m.attrs["time_basis"] for m in msgs} <= {"stamp", "day"}


def _same_words_thread() -> ms.Conversation:
    t = datetime(2024, 3, 8, 20, 0)
    lines = [m for m in ms.COLLECTOR_LINES if len(m) > 25][:6]
    msgs = [ms.Msg("in", text, t + timedelta(minutes=i % 3)) for i, text in enumerate(lines)]
    msgs += [ms.Msg("out", "收到", t + timedelta(minutes=3))] * 2
    return ms.Conversation("催收员小王", msgs)


def test_the_same_words_twice_without_a_time_are_two_messages(tmp_path):
    conv = _same_words_thread()
    shot = ms.render(conv, layout="wechat", theme="light", width=1080, taken=TAKEN, screen=1.3)
    assert all(e.time is None for e in shot.expected)  # the separator has scrolled away
    p = tmp_path / "Screenshot_20240308-214000.png"
    p.write_bytes(shot.png())
    msgs = read(p)
    twice = [m for m in msgs if m.text == "收到"]
    assert len(twice) == 2 and all(m.time is None for m in twice)
    assert twice[0].id != twice[1].id
    assert [m.attrs["repeat"] for m in twice] == [0, 1]


def test_the_same_words_twice_without_a_time_are_two_records_in_the_case(tmp_path, monkeypatch):
    conv = _same_words_thread()
    shot = ms.render(conv, layout="wechat", theme="light", width=1080, taken=TAKEN, screen=1.3)
    p = tmp_path / "Screenshot_20240308-214000.png"
    p.write_bytes(shot.png())
    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    with create_case("重复") as c:
        c.import_files([p])
        assert c.counts()["messages"] == len(shot.expected)
        ids = [m.id for m in c.messages() if m.text == "收到"]
        assert len(set(ids)) == 2
        again = c.import_files([p])  # the same picture again adds nothing
        assert again.total("messages") == 0 and c.counts()["messages"] == len(shot.expected)


def _draft(text: str, side: str = "in") -> Draft:
    return Draft(side, text, [1.0] * len(text), None, "", "none", (0, 0, 1, 1), [], [])


def test_only_the_overlap_of_two_shots_is_joined() -> None:
    a = [_draft("请把你们的工号和公司全称发给我", "out"), _draft("收到", "out")]
    b = [_draft("收到", "out"), _draft("收到", "out"), _draft("明天上午10点我们的同事会去你公司")]
    b[1].repeat = 1
    joined, pairs = merge(a, b)  # one short "收到" alike is no evidence of an overlap
    assert [d.text for d in joined].count("收到") == 3 and not pairs
    b2 = [_draft("请把你们的工号和公司全称发给我", "out"), *b]
    joined, pairs = merge(a, b2)
    assert [d.text for d in joined] == [d.text for d in b2] and len(pairs) == 2
