"""Deadlines in a message (今天内, 3日内, 1月15日前, 本周五 …), resolved against the sent time."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from dunguard.model import SHANGHAI
from dunguard.text.entities.limits import MAX_PER_KIND
from dunguard.text.entities.money import parse_number

# ================================================================ deadlines

_DL_REL = re.compile(r"今天|今日|今晚|当天|当日|明天|明日|明晚|后天")
_DL_SPAN = re.compile(r"[0-9一二两三四五六七八九十][0-9一二两三四五六七八九十]{0,2}\s?个?(?P<u>工作日|天|日|小时|钟头)"
                      r"(?=之内|以内|内)")
_DL_EOM = re.compile(r"本月底|本月末|月底|月末|本月")
_DL_WEEK = re.compile(r"(?P<this>本|这)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天末])?")
_DL_MD = re.compile(r"(?P<mo>[0-9][0-9]?)\s?月\s?(?P<d>[0-9][0-9]?)\s?[日号]")
_DL_YMD = re.compile(r"20[0-9][0-9][-/.](?P<m>[0-9][0-9]?)[-/.](?P<d>[0-9][0-9]?)(?![0-9])")
_DL_MD2 = re.compile(r"[0-9][0-9]?[-/](?P<d>[0-9][0-9]?)(?![0-9\-/.:])")
_DL_DAY = re.compile(r"[0-9][0-9]?\s?号")
_YEAR_BEFORE = re.compile(r"(20[0-9]{2})\s?年\s?$")
_LEAD_INT = re.compile(r"[0-9]+")
_TIME = re.compile(
    r"\s?(?:早上|上午|中午|下午|傍晚|晚上|凌晨|晚)?\s?(?:[0-9]{1,2}[:：][0-9]{2}"
    r"|(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s?[点时](?:半|整|[0-9]{1,2}分)?)")
_POST = re.compile(r"\s?(?:之前|以前|前(?![往去来台端面])|之内|以内|内|为止|截止|止|务必|必须|到期"
                   r"|为最后|是最后|最后期限|最后还款|最后一天)")
# a time then a _POST word, read as _TIME.match then _POST.match at its end: the atomic
# group commits to _TIME's own first match (or to nothing when _TIME does not match) and
# never backtracks to a shorter time, so one match call gives exactly what the two gave
_TIME_POST = re.compile(f"(?>{_TIME.pattern}|){_POST.pattern}")
_PRE = re.compile(r"(?:请|务必|必须|须|需|最迟|最晚|限)(?:您|你)?(?:在|于)?\s?$")
_REL_DAYS = {w: timedelta(days=2 if w == "后天" else 1 if w[0] == "明" else 0)
             for w in _DL_REL.pattern.split("|")}
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 6}
# a character of every word of _POST (前, 内, 止, 务必, 期, 最后 …) and of _PRE (请, 须, 需,
# 最迟, 限 …): a text with none has no deadline
_DEADLINE_HINT = re.compile(r"[前内止务必限期最请须需]")


def _in_year(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _next_md(base: date, m: int, d: int) -> date | None:
    """The next M月D日 on or after ``base`` (rolling into later years; 2月29日 waits for a leap year)."""
    for y in range(base.year, base.year + 9):
        got = _in_year(y, m, d)
        if got is not None and got >= base:
            return got
    return None


def _add_workdays(base: date, n: int) -> date:
    """The n-th working day (Monday to Friday) after ``base``. Any seven days in a row hold
    five working days, so whole weeks are added at once and only the last one to five
    working days are counted day by day (a text repeating "366工作日内" asks for each)."""
    if n <= 0:
        return base
    weeks = (n - 1) // 5
    d, n = base + timedelta(days=7 * weeks), n - 5 * weeks
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def _cand_key(c: tuple[int, int, *tuple[object, ...]]) -> tuple[int, int]:
    return c[0], -c[1]


def _candidates(t: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """(start, end, kind, match) of every date-like phrase, before the deadline check."""
    # Each regex runs only on a text holding what every match of it holds (a substring
    # test costs far less than a finditer that finds nothing): a span ends in a unit
    # (天, 日, 小时, 钟头) before 内; an eom is 本月, 月底 or 月末; an md holds 月 and 日 or 号;
    # a ymd starts with 20 and holds a separator; an md2 holds - or / ("." is no md2
    # separator, and amounts are full of it).
    runs: list[tuple[re.Pattern[str], str, bool]] = []  # (regex, kind, digit guard)
    if "今" in t or "明" in t or "当" in t or "后天" in t:
        runs.append((_DL_REL, "rel", False))
    if "内" in t and ("天" in t or "日" in t or "时" in t or "钟头" in t):
        runs.append((_DL_SPAN, "span", True))
    if "月" in t:
        if "本月" in t or "月底" in t or "月末" in t:
            runs.append((_DL_EOM, "eom", False))
        if "日" in t or "号" in t:
            runs.append((_DL_MD, "md", True))
    if "周" in t or "星期" in t or "礼拜" in t:
        runs.append((_DL_WEEK, "week", False))
    dash = "-" in t or "/" in t
    if "20" in t and (dash or "." in t):
        runs.append((_DL_YMD, "ymd", True))
    if dash:
        runs.append((_DL_MD2, "md2", True))
    if "号" in t:
        runs.append((_DL_DAY, "day", True))
    out: list[tuple[int, int, str, re.Match[str]]] = []
    for rx, kind, digit_guard in runs:
        for m in rx.finditer(t):
            s = m.start()
            if digit_guard and s and t[s - 1] in "0123456789-/.:":
                continue
            out.append((s, m.end(), kind, m))
    # the matches of one finditer come in order and do not overlap, so when one regex gave
    # them all the sort below keeps them as they are
    if len(out) < 2 or len(runs) == 1:
        return out
    out.sort(key=_cand_key)
    kept: list[tuple[int, int, str, re.Match[str]]] = []
    for c in out:
        if not kept or c[0] >= kept[-1][1]:
            kept.append(c)
    return kept


def _resolve_deadline(t: str, s: int, kind: str, m: re.Match[str], now: datetime | None) -> date | None:
    text = m.group()
    if kind == "ymd":
        return _in_year(int(text[:4]), int(m.group("m")), int(m.group("d")))
    if kind == "md":
        # _YEAR_BEFORE needs a 年
        y = _YEAR_BEFORE.search(t, max(0, s - 7), s) if "年" in t else None
        mo, d = m.group("mo", "d")
        month, day = int(mo), int(d)
        if y is not None:
            return _in_year(int(y.group(1)), month, day)
        return _next_md(now.date(), month, day) if now is not None else None
    if now is None:
        return None
    base = now.date()
    if kind == "rel":
        return base + _REL_DAYS[text]
    if kind == "span":
        tok = text[: m.start("u") - s].rstrip(" 个")
        # ASCII digits (at most three): parse_number gives Decimal(tok), an integer of
        # the same value, which every test below treats alike
        if tok.isdigit() and tok.isascii():
            n: Decimal | int | None = int(tok)
        else:
            n = parse_number(tok)
            if n is None or n != n.to_integral_value():
                return None
        if not 0 < n <= 366 * 24:
            return None
        unit = m.group("u")
        if unit in ("小时", "钟头"):
            return (now + timedelta(hours=int(n))).date()
        if n > 366:
            return None
        return _add_workdays(base, int(n)) if unit == "工作日" else base + timedelta(days=int(n))
    if kind == "eom":
        return base.replace(day=calendar.monthrange(base.year, base.month)[1])
    if kind == "week":
        if not (m.group("this") or m.group("wd")):
            return None
        wd = _WEEKDAY[m.group("wd") or "日"]
        return base + timedelta(days=(wd - base.weekday()) % 7)
    if kind == "md2":
        return _next_md(base, int(_LEAD_INT.match(text).group()), int(m.group("d")))
    if kind == "day":
        d = int(_LEAD_INT.match(text).group())
        y, mo = base.year, base.month
        for _ in range(12):
            got = _in_year(y, mo, d)
            if got is not None and got >= base:
                return got
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return None


def _shanghai(dt: datetime) -> datetime:
    return (dt.replace(tzinfo=SHANGHAI) if dt.tzinfo is None else dt).astimezone(SHANGHAI)


def _has_full_date(t: str) -> bool:
    """Whether a candidate exists that can resolve without a sent time: a ymd, or an md
    with a year before it (``_resolve_deadline``); when none does, the other kinds need not
    be looked for at all. Both need a year 20XX in the text."""
    if "20" not in t:
        return False
    for rx, present, need_year in ((_DL_YMD, "-" in t or "/" in t or "." in t, False),
                                   (_DL_MD, "月" in t, True)):
        if present:
            for m in rx.finditer(t):
                s = m.start()
                if s and t[s - 1] in "0123456789-/.:":
                    continue
                if not need_year or _YEAR_BEFORE.search(t, max(0, s - 7), s):
                    return True
    return False


def _deadlines(t: str, sent_at: datetime | None) -> tuple[date, ...]:
    if sent_at is None and not _has_full_date(t):
        return ()
    now = None
    out: list[date] = []
    for s, e, kind, m in _candidates(t):
        if sent_at is None and kind not in ("ymd", "md"):
            continue
        if kind != "span" and not (_TIME_POST.match(t, e) or _PRE.search(t, max(0, s - 6), s)):
            continue
        if now is None and sent_at is not None:
            # astimezone returns a datetime already in SHANGHAI as it is: skip the call
            now = sent_at if sent_at.tzinfo is SHANGHAI else _shanghai(sent_at)
        try:
            got = _resolve_deadline(t, s, kind, m, now)
        except (ValueError, OverflowError):
            got = None
        if got is not None and got not in out:
            out.append(got)
            if len(out) >= MAX_PER_KIND:
                break
    return tuple(out)
