"""Record building shared by the readers: content ids, the sender rule, Android box codes."""

from __future__ import annotations

import pytest

from dunguard.ingest.android import MMS_BOX, SMS_BOX, box_direction, call_kind
from dunguard.ingest.records import (
    call_id,
    china_time,
    line_locator,
    make_call,
    make_message,
    message_id,
)
from dunguard.model import Attachment, Channel, Direction, Locator, Timestamp


def _message(**kw):
    fields = dict(
        channel=Channel.SMS,
        counterparty="+86 138-1234-5678",
        time=china_time(1709649000000),
        direction=Direction.IN,
        text="请尽快还款",
        sender="13812345678",
        locator=line_locator(3),
        attrs={},
    )
    return make_message(**{**fields, **kw})


def test_make_message_id_is_the_content_id() -> None:
    att = Attachment("image/png", "a.png", "ab" * 32, 10)
    msg = _message(channel=Channel.MMS, attachments=[att])
    assert msg.id == message_id(
        Channel.MMS, "13812345678", 1709649000000, Direction.IN, "请尽快还款", [att.sha256]
    )
    assert msg.attachments == (att,)
    assert msg.time == Timestamp(1709649000000, 480)
    assert msg.locator == Locator("line", "line=3")


@pytest.mark.parametrize(
    ("direction", "sender"),
    [(Direction.IN, "13812345678"), (Direction.OUT, None), (None, "13812345678")],
)
def test_make_message_drops_the_sender_of_outgoing_messages(direction, sender) -> None:
    assert _message(direction=direction).sender == sender


def test_make_message_without_time_or_party() -> None:
    msg = _message(time=None, counterparty="")
    assert msg.counterparty is None
    assert msg.id == message_id(Channel.SMS, None, None, Direction.IN, "请尽快还款")


def test_make_message_id_text_overrides_the_shown_text() -> None:
    msg = _message(text="[图片]", id_text="<msg><img/></msg>")
    assert msg.text == "[图片]"
    assert msg.id == _message(text="<msg><img/></msg>").id


def test_make_call_id_is_the_content_id() -> None:
    call = make_call(
        counterparty="95188",
        time=china_time(1709649000000),
        duration_s=47,
        kind="incoming",
        locator=line_locator(1),
        attrs={"type": "1"},
    )
    assert call.id == call_id("95188", 1709649000000, 47, "incoming")
    assert call.attrs == {"type": "1"}


@pytest.mark.parametrize(
    ("boxes", "code", "direction", "box"),
    [
        (SMS_BOX, "1", Direction.IN, None),
        (SMS_BOX, "2", Direction.OUT, None),
        (SMS_BOX, "3", Direction.OUT, "draft"),
        (SMS_BOX, "6", Direction.OUT, "queued"),
        (SMS_BOX, "7", None, None),
        (MMS_BOX, "4", Direction.OUT, "outbox"),
        (MMS_BOX, "5", None, None),
    ],
)
def test_box_direction(boxes, code, direction, box) -> None:
    attrs: dict[str, str] = {}
    assert box_direction(boxes, code, attrs) == direction
    assert attrs.get("box") == box


@pytest.mark.parametrize(("code", "kind"), [("3", "missed"), (" 7 ", "other"), ("99", "other")])
def test_call_kind(code, kind) -> None:
    assert call_kind(code) == kind
