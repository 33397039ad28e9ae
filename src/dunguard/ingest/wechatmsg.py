"""WeChatMsg (留痕) CSV export, one file per contact or group.

Header (``exporter_csv.py``, UTF-8 with BOM): ``localId, TalkerId, Type, SubType, IsSender,
CreateTime, Status, StrContent, StrTime, Remark, NickName, Sender``. ``CreateTime`` is Unix
seconds; ``IsSender`` 1 means the user wrote it. Text messages (``Type`` 1) keep their words;
other types get a short placeholder (``[图片]``, ``[语音]`` …) as text and keep the original
content in ``attrs["StrContent"]``. The counterparty is the contact's remark name, else
nickname, else ``TalkerId``; ``sender`` is the ``Sender`` column for incoming lines.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from dunguard.ingest.reading import FileReader, Reading
from dunguard.ingest.records import china_time, make_message
from dunguard.ingest.tabular import read_csv
from dunguard.ingest.textfile import clean, first_line
from dunguard.model import Call, Channel, Direction, Locator, Message

COLUMNS = (
    "localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime",
    "Status", "StrContent", "StrTime", "Remark", "NickName", "Sender",
)  # fmt: skip
_REQUIRED = ("Type", "IsSender", "CreateTime", "StrContent")
PLACEHOLDER = {
    "3": "[图片]",
    "34": "[语音]",
    "42": "[名片]",
    "43": "[视频]",
    "47": "[表情]",
    "48": "[位置]",
    "49": "[文件/链接/转账]",
    "50": "[语音/视频通话]",
    "10000": "[系统消息]",
}


class WeChatMsgCsvReader(FileReader):
    name = "wechatmsg-csv"
    label = "微信聊天记录（留痕 WeChatMsg 导出的 CSV）"

    def sniff(self, head: bytes, path: Path) -> bool:
        first = first_line(head)
        if first is None:
            return False
        return all(c in first for c in _REQUIRED) and "localId" in first

    def read(self, path: Path, reading: Reading) -> Iterator[Message | Call]:
        yield from read_csv(path, reading, _build, _columns)  # fixed columns: no mapping


def _columns(header: list[str], mapping: Mapping[str, str] | None) -> dict[str, str]:
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise ValueError(f"缺少列 {'、'.join(missing)}")
    return {c: c for c in header}


def _build(row: Mapping[str, Any], cols: dict[str, str], locator: Locator) -> Message:
    typ = (row.get("Type") or "").strip()
    try:
        seconds = int(float(row["CreateTime"]))
    except (TypeError, ValueError):
        raise ValueError(f"CreateTime“{row.get('CreateTime')}”不是数字") from None
    direction = Direction.OUT if (row.get("IsSender") or "").strip() == "1" else Direction.IN
    content = clean(row.get("StrContent") or "")
    text = content if typ == "1" else PLACEHOLDER.get(typ, f"[消息类型 {typ}]")
    party = (row.get("Remark") or row.get("NickName") or row.get("TalkerId") or "").strip()
    return make_message(
        channel=Channel.CHAT,
        counterparty=party,
        time=china_time(seconds * 1000),
        direction=direction,
        text=text,
        id_text=content,  # the id keeps the original content, not the placeholder
        sender=(row.get("Sender") or party).strip() or None,
        locator=locator,
        attrs=dict(row),
    )
