"""Chat apps' time separators ("14:47", "昨天 下午2:47", "1月8日 14:47", "星期三") as dates.

A separator is written relative to the day the screenshot was taken: "14:47" and "今天 14:47"
are that day, "昨天"/"前天" one or two days before, "星期三" the last Wednesday before it,
"1月8日" the last 8 January on or before it, and "2023年12月1日" says everything itself.
Twelve-hour clocks name the part of the day: 凌晨 and 半夜 are 0–5 h, 早上/上午 the morning,
中午 around noon, 下午/傍晚/晚上 the afternoon and evening. :func:`parse_clock` reads the bare
clock time some SMS apps print under every bubble ("14:47"); its day is that of the date
separator above it.

OCR of small grey text confuses a few shapes (天/大, 日/曰, 一/—, 0/O, 1/l, full-width colons);
:func:`normalise` undoes those before parsing, so only the whole line is ever matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
DAYWORD = {"今天": 0, "昨天": 1, "前天": 2}
PM = ("下午", "傍晚", "晚上")
AM = ("凌晨", "早上", "早晨", "上午", "半夜", "午夜", "清晨")

_PATTERN = re.compile(
    r"(?:(?P<y>\d{4})(?:年|[-/.])(?P<yo>\d{1,2})(?:月|[-/.])(?P<yd>\d{1,2})日?"
    r"|(?P<mo>\d{1,2})(?:月|/)(?P<d>\d{1,2})日?"
    r"|(?P<rel>今天|昨天|前天))? ?"
    r"(?:(?:星期|周|礼拜)(?P<wd>[一二三四五六日天七]))? ?"
    r"(?P<part>凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|半夜|午夜)? ?"
    r"(?:(?P<h>\d{1,2}):(?P<m>\d{2}))?"
)

_FIXES = (
    ("今大", "今天"), ("昨大", "昨天"), ("前大", "前天"), ("星朝", "星期"), ("星其", "星期"),
    ("曰", "日"), ("：", ":"), ("∶", ":"), ("．", "."), ("乍天", "昨天"), ("作天", "昨天"),
)  # fmt: skip
_MONDAY = re.compile(r"(星期|礼拜|周)[—–－ー‐-]")
_DIGITISH = str.maketrans(
    {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "Z": "2", "S": "5"}
)


@dataclass(frozen=True)
class SeparatorTime:
    """A separator's meaning: the day, and the clock time if it shows one."""

    day: date
    hour: int | None
    minute: int | None

    @property
    def precise(self) -> bool:
        return self.hour is not None

    def at(self) -> datetime:
        """The instant it names (midnight of the day when it shows no clock time)."""
        return datetime(
            self.day.year, self.day.month, self.day.day, self.hour or 0, self.minute or 0
        )


def normalise(text: str) -> str:
    """The separator's text with runs of spaces as one and OCR's usual confusions undone.

    (Spaces are kept: "2023/12/1 14:47" without its space would read as 12月11日 4:47.)"""
    t = re.sub(r"\s+", " ", text).strip()
    for a, b in _FIXES:
        t = t.replace(a, b)
    t = _MONDAY.sub(r"\1一", t)  # 一 is one stroke: read as a dash after 星期
    # letters that stand for digits, but only next to digits or a colon
    return re.sub(
        r"(?<=[\d:])[ODoIlSZ|]|[ODoIlSZ|](?=[\d:])", lambda m: m[0].translate(_DIGITISH), t
    )


def parse_separator(text: str, taken: date) -> SeparatorTime | None:
    """What a separator line means, seen on ``taken``'s day; ``None`` if it is not one."""
    t = normalise(text)
    if not t or len(t) > 24:
        return None
    m = _PATTERN.fullmatch(t)
    if not m or not any(m.group(k) for k in ("y", "mo", "rel", "wd", "h")):
        return None
    day = _day(m, taken)
    if day is None:
        return None
    if m["h"] is None:
        if m["part"]:
            return None  # "下午" alone is not a separator
        return SeparatorTime(day, None, None)
    hour, minute = int(m["h"]), int(m["m"])
    hour = _hour24(hour, m["part"])
    if hour is None or minute > 59:
        return None
    return SeparatorTime(day, hour, minute)


_CLOCK = re.compile(
    r"(?P<part>凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|半夜|午夜)? ?(?P<h>\d{1,2}):(?P<m>\d{2})"
)


def parse_clock(text: str) -> tuple[int, int] | None:
    """``(hour, minute)`` of a line that is a clock time and nothing else ("14:47",
    "下午2:47"), as SMS apps print under each bubble; ``None`` for anything else."""
    m = _CLOCK.fullmatch(normalise(text))
    if not m:
        return None
    hour = _hour24(int(m["h"]), m["part"])
    if hour is None or int(m["m"]) > 59:
        return None
    return hour, int(m["m"])


def _day(m: re.Match[str], taken: date) -> date | None:
    try:
        if m["y"]:
            return date(int(m["y"]), int(m["yo"]), int(m["yd"]))
        if m["mo"]:
            mo, d = int(m["mo"]), int(m["d"])
            year = taken.year
            if (mo, d) > (taken.month, taken.day):
                year -= 1  # a later day of this year has not come yet: last year's
            return date(year, mo, d)
    except ValueError:
        return None
    if m["rel"]:
        return taken - timedelta(days=DAYWORD[m["rel"]])
    if m["wd"]:
        back = (taken.weekday() - WEEKDAY[m["wd"]]) % 7 or 7
        return taken - timedelta(days=back)
    return taken


def _hour24(hour: int, part: str | None) -> int | None:
    if hour > 23:
        return None
    if part is None:
        return hour
    if hour > 12:
        return hour  # "下午14:47": the clock already says it
    if part in PM:
        return hour + 12 if hour < 12 else 12
    if part == "中午":
        return hour if hour >= 11 else hour + 12
    return hour % 12  # morning, and 凌晨12:30 = 00:30
