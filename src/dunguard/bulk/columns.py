"""Which column of an input table holds what: known names, the user's mapping, and the
normalisation of direction, call kinds and times.

A table's columns are found by name (English and Chinese, the same names ``dunguard analyze``
knows for text, id, sender, time and direction, plus bulk-only ones: case or debtor id,
agency, collector, lender, recipient, person names) or given by a mapping such as
``text=内容,case=借款人编号``. Message tables need a text column; call logs need a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from dunguard.errors import UsageError
from dunguard.text.inputs import (
    DIRECTION_COLUMNS,
    ID_COLUMNS,
    SENDER_COLUMNS,
    TEXT_COLUMNS,
    TIME_COLUMNS,
    parse_time,
)

# field → known column names (lower case), in order of preference
MESSAGE_FIELDS: dict[str, tuple[str, ...]] = {
    "text": TEXT_COLUMNS,
    "id": (*ID_COLUMNS, "message_id", "msg_id", "短信编号", "短信id"),
    "case": ("case", "case_id", "debtor", "debtor_id", "borrower_id", "customer_id", "user_id",
             "案件", "案件编号", "案件号", "借款人编号", "客户编号", "债务人编号", "用户编号"),
    "sender": SENDER_COLUMNS,
    "recipient": ("recipient", "to", "receiver", "debtor_phone", "接收方", "收件人", "接收号码",
                  "被叫号码", "客户号码"),
    "time": TIME_COLUMNS,
    "direction": DIRECTION_COLUMNS,
    "agency": ("agency", "collection_agency", "vendor", "催收机构", "委外机构", "催收公司"),
    "collector": ("collector", "agent", "operator", "催收员", "坐席", "催收人员"),
    "lender": ("lender", "creditor", "platform", "放款机构", "债权人", "贷款机构"),
    "name": ("name", "debtor_name", "customer_name", "borrower_name", "姓名", "客户姓名",
             "借款人姓名", "债务人姓名"),
}
CALL_FIELDS: dict[str, tuple[str, ...]] = {
    "number": ("number", "counterparty", "caller", "phone", "address", "from", "号码", "对方号码",
               "主叫号码", "外呼号码", "电话"),
    "id": (*ID_COLUMNS, "call_id", "通话编号"),
    "case": MESSAGE_FIELDS["case"],
    "time": (*TIME_COLUMNS, "start", "start_time", "call_time", "开始时间", "通话时间", "呼叫时间"),
    "duration": ("duration", "duration_s", "seconds", "时长", "通话时长", "通话秒数"),
    "kind": ("kind", "type", "status", "result", "类型", "状态", "通话状态", "呼叫结果"),
    "agency": MESSAGE_FIELDS["agency"],
    "collector": MESSAGE_FIELDS["collector"],
}
REQUIRED = {"messages": "text", "calls": "number"}

_IN = {"in", "incoming", "received", "inbox", "recv", "1", "收", "收到", "接收", "来信", "呼入"}
_OUT = {"out", "outgoing", "sent", "sent box", "outbox", "2", "发", "发出", "发送", "已发送",
        "呼出"}
_CALL_KIND = {
    "incoming": "incoming", "呼入": "incoming", "来电": "incoming", "已接": "incoming",
    "answered": "incoming", "connected": "incoming", "接通": "incoming", "已接通": "incoming",
    "outgoing": "outgoing", "呼出": "outgoing", "去电": "outgoing", "外呼": "outgoing",
    "missed": "missed", "未接": "missed", "未接来电": "missed", "未接通": "missed",
    "no answer": "missed", "no_answer": "missed", "busy": "missed", "占线": "missed",
    "无人接听": "missed", "failed": "missed", "失败": "missed",
    "voicemail": "voicemail", "rejected": "rejected", "拒接": "rejected",
    "blocked": "blocked", "拦截": "blocked",
}  # fmt: skip


def parse_mapping(spec: str | None) -> dict[str, str]:
    """``text=内容,case=借款人编号`` → ``{"text": "内容", "case": "借款人编号"}``."""
    out: dict[str, str] = {}
    if not spec:
        return out
    for part in spec.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        field, sep, col = part.partition("=")
        if not sep or not field.strip() or not col.strip():
            raise UsageError(f"列映射“{part}”应写成 字段=列名，例如 text=内容")
        out[field.strip()] = col.strip()
    return out


def resolve(header: Iterable[str], kind: str, mapping: Mapping[str, str] | None = None,
            *, file: str | None = None) -> dict[str, str]:
    """Our field → the table's column, for ``kind`` "messages" or "calls"."""
    fields = MESSAGE_FIELDS if kind == "messages" else CALL_FIELDS
    header = [str(h) for h in header]
    lower = {h.strip().lower(): h for h in reversed(header)}
    cols: dict[str, str] = {}
    for field, names in fields.items():
        for n in names:
            if n in lower:
                cols[field] = lower[n]
                break
    for field, col in (mapping or {}).items():
        if field not in fields:
            continue  # a mapping can name fields of the other kind of table
        if col not in header and col.lower() not in lower:
            raise UsageError(f"列映射指定的列“{col}”在表头里不存在（现有列：{'、'.join(header)}）",
                             file=file)
        cols[field] = col if col in header else lower[col.lower()]
    if "direction" in cols and cols["direction"] in (cols.get("sender"), cols.get("text")):
        del cols["direction"]
    need = REQUIRED[kind]
    if need not in cols:
        what = "短信内容" if kind == "messages" else "通话号码"
        raise UsageError(
            f"{file or '输入'} 里找不到{what}列（现有列：{'、'.join(header) or '无'}），"
            f"请用 --columns 指定，例如 {need}=列名"
        )
    return cols


def direction_of(value: object) -> str | None:
    if value is None:
        return None
    v = str(value).strip().lower()
    if v in _IN:
        return "in"
    if v in _OUT:
        return "out"
    return None


def call_kind(value: object, duration: int, *, outbound_log: bool) -> str:
    """A call log's kind as the timeline knows it (incoming, missed …), seen from the
    borrower's side. In a lender's outbound log every call is one the lender made: a
    connected one is an incoming call for the borrower, the rest unanswered attempts."""
    v = "" if value is None else str(value).strip().lower()
    kind = _CALL_KIND.get(v)
    if kind is None:
        kind = "incoming" if duration > 0 else "missed"
    if outbound_log and kind == "outgoing":
        kind = "incoming" if duration > 0 else "missed"
    return kind


def time_of(value: object) -> datetime | None:
    """Times as ``dunguard analyze`` reads them (ISO 8601, naive = Asia/Shanghai, epoch s/ms);
    Parquet timestamps too. Raises ``ValueError`` for what cannot be read."""
    if value is None:
        return None
    to_py = getattr(value, "to_pydatetime", None)  # pandas Timestamp
    if to_py is not None:
        value = to_py()
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return parse_time(value.isoformat())
        return value
    try:
        return parse_time(value)
    except OverflowError as e:
        raise ValueError(str(e)) from e
