"""Android's telephony provider codes, as SMS Backup & Restore and sms-ie both export them.

An SMS ``type`` or MMS ``msg_box`` names the box a message sits in: 1 is the inbox (received);
every other box holds the user's own messages, sent or not (``attrs["box"]`` says which when
it is not plainly sent). A call ``type`` names the kind of call.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dunguard.model import Direction

SMS_BOX = {"1": None, "2": None, "3": "draft", "4": "outbox", "5": "failed", "6": "queued"}
MMS_BOX = {"1": None, "2": None, "3": "draft", "4": "outbox"}
# MMS PDU types: 128 m-send-req (the user's), 130 m-notification-ind, 132 m-retrieve-conf
MMS_M_TYPE = {"128": Direction.OUT, "130": Direction.IN, "132": Direction.IN}
CALL_KIND = {
    "1": "incoming",
    "2": "outgoing",
    "3": "missed",
    "4": "voicemail",
    "5": "rejected",
    "6": "blocked",
    "7": "other",  # answered on another device
}


def box_direction(
    boxes: Mapping[str, str | None], code: str, attrs: dict[str, Any]
) -> Direction | None:
    """The direction of a message in box ``code`` of ``boxes`` (:data:`SMS_BOX` or
    :data:`MMS_BOX`), naming a draft/outbox/… box in ``attrs["box"]``; None if unknown."""
    if code not in boxes:
        return None
    if boxes[code]:
        attrs["box"] = boxes[code]
    return Direction.IN if code == "1" else Direction.OUT


def call_kind(code: str) -> str:
    return CALL_KIND.get(code.strip(), "other")
