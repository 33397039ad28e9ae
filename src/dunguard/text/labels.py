"""Chinese names of the taxonomy labels, for every face (CLI, web, reports)."""

from __future__ import annotations

CATEGORY_ZH = {"collection": "催收", "scam": "疑似诈骗", "other": "非催收"}
STAGE_ZH = {"visit": "上门", "legal": "法律", "warning": "警告", "reminder": "提醒"}
TACTIC_ZH = {
    "third_party": "联系第三人",
    "public_exposure": "公开曝光",
    "insult": "侮辱谩骂",
    "threat": "威胁恐吓",
    "false_criminal": "夸大为犯罪",
    "impersonation": "冒充公检法/律所",
    "excessive_fees": "超额收费",
    "pay_to_personal": "转账到个人",
    "suspicious_link": "可疑链接",
}
SEVERITY_ZH = {"info": "提示", "low": "低", "medium": "中", "high": "高"}
SIGNAL_ZH = {"collection": "催收信号", "scam": "诈骗信号", "other": "非催收信号"}


def label_zh(label: str) -> str:
    return STAGE_ZH.get(label) or TACTIC_ZH.get(label) or SIGNAL_ZH.get(label) or label
