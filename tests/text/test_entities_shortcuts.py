"""The shortcuts of entity extraction give what the long way gives (Hypothesis).

Each shortcut skips a regex or a parse where the result is known without it; these tests
check the claim each shortcut rests on against the plain code on many generated texts."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from dunguard.model import SHANGHAI, Phone
from dunguard.text.engine import Engine
from dunguard.text.entities.contacts import (
    _ACC_CARD,
    _ACC_LABEL,
    _ACC_PHRASE,
    _ACC_TRANSFER,
    _BARE_ONLY,
    _CARD_DIGITS,
    _CARD_DIGITS_MAP,
    _KNOWN_SHORT,
    _PH_INTL,
    _PHONE,
    _PHONE_CTX,
    _PHONE_CTX_LAST,
    _PHONE_NOT,
    _PHONE_UNIT,
    _PHONE_WORD,
    _RUN3,
    _phone,
    _phones,
    digit_map,
)
from dunguard.text.entities.deadlines import (
    _DL_DAY,
    _DL_EOM,
    _DL_MD,
    _DL_MD2,
    _DL_REL,
    _DL_SPAN,
    _DL_WEEK,
    _DL_YMD,
    _LEAD_INT,
    _POST,
    _PRE,
    _TIME,
    _WEEKDAY,
    _YEAR_BEFORE,
    _add_workdays,
    _deadlines,
    _in_year,
    _shanghai,
)
from dunguard.text.entities.lenders import (
    _GEN_SUFFIX,
    _LOOKUP,
    _NO_SIGNATURE,
    _SIG_HEAD,
    _head_names,
    _lenders,
    _names,
)
from dunguard.text.entities.limits import MAX_PER_KIND
from dunguard.text.entities.money import (
    _AMT_CTX,
    _AMT_CTX_NUM,
    _AMT_CUR,
    _AMT_UNIT,
    _AMT_WAN,
    _AR_WAN,
    _CTX_END,
    _NUM_FIRST,
    _OVERDUE,
    _OVERDUE_NOT,
    _START,
    _amount_at,
    _amounts,
    _overdue,
    _parse_units,
    _unit_amount,
    parse_number,
)
from dunguard.text.normalize import normalized_text

_PH_FIND = re.compile(r"[0-9][0-9][0-9]")
_DIGIT_RUN = re.compile(r"[0-9]*")

_MONEY_PIECES = st.one_of(
    st.sampled_from(list("0123456789.,. 元块圆万萬亿千百十点多余个天一二两三五九零〇") + ["元整", "块钱", "万元"]),
    st.text("0123456789", min_size=1, max_size=16),  # runs of digits around the 12 that _NUM_AT takes
    st.sampled_from(["元", "块", "万元", "."]))


@settings(max_examples=1000, deadline=None)  # 三点五 imports cn2an once (slow)
@given(st.lists(_MONEY_PIECES, max_size=30).map("".join))
def test_plain_amount_before_a_unit_is_what_the_long_way_gives(text):
    for m in _AMT_UNIT.finditer(text):
        fast = _unit_amount(text, m)
        plain = _amount_at(text, m.start(), "unit")[1]
        assert repr(fast) == repr(plain), (text, m.group())


_PHONE_PIECES = st.sampled_from(
    list("0123456789" * 2 + " -()（）+.aZ元天") + ["86", "+86", "0086", "00", "400", "800", "95", "96110",
                                                "106", "110", "12315", "10086", "138", "0755"])


@settings(max_examples=1000)
@given(st.lists(_PHONE_PIECES, max_size=20).map("".join))
def test_a_number_starting_with_bare_only_digits_is_a_bare_number_to_its_end(text):
    # _phones skips _PHONE at such a digit (no bracket or +86 before it) when the text has
    # no phone word: only the bare-number branch can match there, ending with the digits
    for p in range(len(text) - 1):
        if text[p + 1] in _BARE_ONLY.get(text[p], "0123456789"):
            continue
        m = _PHONE.match(text, p)
        if m is not None:
            assert m.group("num") is not None and m.group("num") not in _KNOWN_SHORT, (text, p)
            assert m.end() == _DIGIT_RUN.match(text, p).end(), (text, p)


def _amounts_plain(t: str) -> tuple[Decimal, ...]:
    """_amounts as it was before its shortcuts: every search the same way, every number
    parsed by _amount_at."""
    found: dict[int, Decimal] = {}
    runs = []
    if "元" in t or "块" in t or "圆" in t:
        runs.append((_AMT_UNIT, "unit", False))
    if "¥" in t or "￥" in t:
        runs.append((_AMT_CUR, "cur", True))
    runs.append((_AMT_CTX, "ctx", True))
    if "万" in t or "萬" in t:
        runs.append((_AMT_WAN, "wan", False))
    for rx, need, at_end in runs:
        for m in rx.finditer(t):
            if at_end:
                s = m.end()
                if s >= len(t) or t[s] not in _NUM_FIRST:
                    continue
            else:
                s = m.start()
            if s not in found:
                _e, value = _amount_at(t, s, need)
                if value is not None:
                    found[s] = value
                    if len(found) >= MAX_PER_KIND:
                        break
    out: list[Decimal] = []
    for s in sorted(found):
        if found[s] not in out:
            out.append(found[s])
    return tuple(out)


_AMOUNT_TEXT_PIECES = st.one_of(
    _MONEY_PIECES,
    st.sampled_from(["欠款", "应还金额", "还款", "为", "：", "¥", "￥", "人民币", "合计", "共计", "逾期", "天", "本金",
                     "万", "罚息", "，", "RMB"]))


@settings(max_examples=1000, deadline=None)  # 三点五 imports cn2an once (slow)
@given(st.lists(_AMOUNT_TEXT_PIECES, max_size=40).map("".join))
def test_amounts_are_what_the_plain_reading_gives(text):
    assert repr(_amounts(text)) == repr(_amounts_plain(text))


def test_amounts_stop_at_the_bound_as_the_plain_reading_does():
    text = "".join(f"欠款{i}元，" for i in range(1, 200)) + "¥5 合计6 7万"
    assert repr(_amounts(text)) == repr(_amounts_plain(text))


_LENDER_WORDS = sorted(w for w in _LOOKUP if w)


@settings(max_examples=500, deadline=None)  # the first example builds the engine
@given(st.lists(st.one_of(st.sampled_from(_LENDER_WORDS), st.sampled_from(list("【】贷金融借条的平台，。 招聯")),
                          st.sampled_from(["小贷", "借款", "公司", "消费金融"])), max_size=12).map("".join))
def test_lenders_from_the_automaton_are_those_the_lexicon_regex_finds(text):
    # what the engine passes as ``found`` (only when normalization deleted nothing)
    norm = normalized_text(text)
    if len(norm) != len(text):
        return
    found = Engine.default()._scan(norm)[1]
    assert _lenders(text, None, found) == _lenders(text, None, None)


def test_the_context_prefilter_looks_for_the_characters_an_amount_starts_with():
    # _AMT_CTX_NUM's lookahead is _START; _amounts parses after a context match only where
    # the next character is in _NUM_FIRST: the same set, or the prefilter could skip one
    assert {ch for ch in map(chr, range(0x30000)) if re.fullmatch(f"[{_START}]", ch)} == set(_NUM_FIRST)
    assert _AMT_CTX_NUM.pattern.startswith(_AMT_CTX.pattern)


@settings(max_examples=1000)
@given(st.lists(_AMOUNT_TEXT_PIECES, max_size=40).map("".join))
def test_every_context_match_before_a_number_ends_where_the_prefilter_matches_end(text):
    # _amounts skips _AMT_CTX when every match of _AMT_CTX_NUM ends at an amount found
    # already: every place _AMT_CTX could give an amount must be such an end
    ends = {m.end() for m in _AMT_CTX_NUM.finditer(text)}
    for m in _AMT_CTX.finditer(text):
        if m.end() < len(text) and text[m.end()] in _NUM_FIRST:
            assert m.end() in ends, (text, m.span())


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(list("【】[]「」  \n\r\t\u3000招联金融贷abc") + ["招联金融", "x" * 20]), max_size=16).map("".join))
def test_the_remembered_head_signature_is_what_the_regex_reads(text):
    m = _SIG_HEAD.match(text)
    plain = _names(m.group(1)) if m else _NO_SIGNATURE
    assert _head_names(text) == plain
    assert _head_names(text) == plain  # remembered


_LOOPED = (_AMT_UNIT, _AMT_CTX_NUM, _AMT_WAN, _OVERDUE, _ACC_LABEL, _ACC_CARD, _ACC_PHRASE, _ACC_TRANSFER,
           _GEN_SUFFIX)
_LOOP_PIECES = st.one_of(
    _AMOUNT_TEXT_PIECES,
    st.sampled_from(["逾期", "超期", "拖欠", "天数", "已", "个", "日", "内", "账号", "卡号", "银行卡", "：", " ", "-",
                     "6222", "1234", "转", "汇", "到", "我", "的", "微信", "支付宝", "扫码", "二维码", "还款", "个人账户",
                     "小贷", "金融", "借条", "贷", "消费金融", "\n", ""]))


@settings(max_examples=1000)
@given(st.lists(_LOOP_PIECES, max_size=40).map("".join))
def test_a_search_loop_gives_what_finditer_gives(text):
    # the extractors search these in a loop from the end of the last match instead of
    # finditer (which costs more to set up): the same matches, as none of them is empty
    for rx in _LOOPED:
        got = []
        m = rx.search(text)
        while m is not None:
            got.append(m.span())
            m = rx.search(text, m.end())
        assert got == [m.span() for m in rx.finditer(text)], (rx.pattern[:40], text)


def _overdue_plain(t: str) -> tuple[int, ...]:
    """_overdue as it was before its shortcuts: every number through parse_number."""
    out: list[int] = []
    for m in _OVERDUE.finditer(t):
        if not (m.group("u") or m.group("tag")):
            continue
        if t.startswith(_OVERDUE_NOT, m.end()):
            continue
        value = parse_number(m.group("n"))
        if value is None or value != value.to_integral_value() or not 0 < value < 100_000:
            continue
        if int(value) not in out:
            out.append(int(value))
            if len(out) >= MAX_PER_KIND:
                break
    return tuple(out)


_OVERDUE_PIECES = st.one_of(
    st.text("0123456789", min_size=1, max_size=7),
    st.sampled_from(["逾期", "超期", "拖欠", "天数", "已经", "达", "了", "：", " ", "个", "天", "日", "内", "后", "之后",
                     "零", "〇", "一", "两", "十", "百", "千", "九", "0", "00", "."]))


@settings(max_examples=1000)
@given(st.lists(_OVERDUE_PIECES, max_size=30).map("".join))
def test_overdue_days_are_what_the_plain_reading_gives(text):
    assert _overdue(text) == _overdue_plain(text)


def test_overdue_days_stop_at_the_bound_as_the_plain_reading_does():
    text = "".join(f"逾期{i}天，" for i in range(1, 200))
    assert _overdue(text) == _overdue_plain(text)


@settings(max_examples=2000)
@given(st.lists(_PHONE_PIECES, max_size=20).map("".join))
def test_an_international_prefix_before_a_number_ends_with_a_space_or_hyphen(text):
    # _phones looks for a +86 / 0086 prefix before a number at p (t[p - 1] no digit) only
    # where t[p - 1] is a space or hyphen after "86": wherever _PH_INTL ends at p
    for p in range(1, len(text)):
        if text[p - 1] in "0123456789":
            continue
        if _PH_INTL.search(text, max(0, p - 5), p) is not None:
            assert text[p - 1] in " -" and p > 2 and text.startswith("86", p - 3), (text, p)


@settings(max_examples=2000)
@given(st.lists(st.sampled_from(list("0123456789.,万萬") + ["0.0", "00", "9" * 30]), min_size=1, max_size=12).map("".join))
def test_a_number_before_wan_is_what_the_unit_reading_gives(tok):
    # parse_number reads 3.5万 / 20万 without _parse_units' loop: the same value, exponent
    # and rounding (30 digits round at the context's 28)
    if _AR_WAN.fullmatch(tok.replace(",", "")) is not None and "点" not in tok:
        assert repr(parse_number(tok)) == repr(_parse_units(tok.replace(",", ""))), tok


def _phones_plain(t: str, taken: list[tuple[int, int]]) -> tuple[Phone, ...]:
    """_phones as it was before _PH_TRY: every run of three digits read in turn, the phone
    word looked for when a number needs it."""
    out: list[Phone] = []
    seen: set[str] = set()
    words: bool | None = None
    pos, n = 0, len(t)
    while pos < n and len(out) < MAX_PER_KIND:
        f = _PH_FIND.search(t, pos)
        if f is None:
            break
        p = f.start()
        start = p
        if p and t[p - 1] in "(（":
            start = p - 1
        elif "86" in t[max(0, p - 3):p]:
            b = _PH_INTL.search(t, max(0, p - 5), p)
            if b is not None:
                start = b.start()
        if start == p and t[p + 1] not in _BARE_ONLY.get(t[p], "0123456789"):
            if words is None:
                words = _PHONE_WORD.search(t) is not None
            if not words:
                pos = _DIGIT_RUN.match(t, p).end()
                continue
        m = _PHONE.match(t, start)
        if start != p and (m is None or m.end() <= p):
            m = _PHONE.match(t, p)
        if m is None:
            pos = _DIGIT_RUN.match(t, p).end()
            continue
        s, e = m.span()
        pos = e
        nxt = t[e: e + 1]
        if (nxt and nxt in _PHONE_UNIT) or t.startswith("小时", e):
            continue
        num = m.group("num")
        if num is not None and num not in _KNOWN_SHORT:
            if words is None:
                words = _PHONE_WORD.search(t) is not None
            if not words or _PHONE_CTX.search(t, max(0, s - 12), s) is None:
                continue
        if any(a < e and s < b for a, b in taken):
            continue
        if _PHONE_NOT.search(t, max(0, s - 8), s):
            continue
        got = _phone(m, t)
        if got is None or got[0] in seen:
            continue
        seen.add(got[0])
        out.append(Phone(number=got[0], kind=got[1], span=(got[2], got[3])))
    return tuple(out)


_PHONE_TEXT_PIECES = st.one_of(
    _PHONE_PIECES,
    st.text("0123456789", min_size=3, max_size=15),
    st.sampled_from(["电话", "联系", "客服", "Tel", "尾号", "验证码", "元", "小时", "号", "（", "）", "13812345678",
                     "010-12345678", "400-123-4567", "95588", "10690000", "+86 138 1234 5678", "(0755)12345678"]))


@settings(max_examples=3000)
@given(st.lists(_PHONE_TEXT_PIECES, max_size=24).map("".join), st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)),
                                                                         max_size=3))
def test_phones_are_what_the_plain_reading_gives(text, spans):
    taken = [(a, a + k) for a, k in spans]
    assert _phones(text, taken) == _phones_plain(text, taken)


def test_phones_stop_at_the_bound_as_the_plain_reading_does():
    for text in ("，".join(f"13{i:09d}" for i in range(200)), "电话" + "，".join(f"{i:05d}" for i in range(200))):
        assert _phones(text, []) == _phones_plain(text, [])


@settings(max_examples=2000)
@given(st.text(st.sampled_from(list("0123456789 -.?:aZ(（）元一〇\x00\x7f\x80ÿ") + ["\U0001f4de", "\ud800"]), max_size=30))
def test_the_digit_map_has_a_byte_for_each_character_and_0_for_each_digit(text):
    dm = digit_map(text)
    assert len(dm) == len(text)
    for ch, b in zip(text, dm, strict=True):
        assert b == (ord("0") if "0" <= ch <= "9" else ord(ch) if ord(ch) < 128 else ord("?"))


@settings(max_examples=2000)
@given(st.lists(_PHONE_TEXT_PIECES, max_size=24).map("".join))
def test_the_digit_map_finds_what_the_digit_regexes_find(text):
    dm = digit_map(text)
    # _RUN3: the starts of the runs of three digits or more
    runs = [m.start() for m in re.finditer(r"(?<![0-9])[0-9]{3}", text)]
    got = []
    m = _RUN3.search(dm)
    while m is not None:
        got.append(m.start())
        m = _RUN3.search(dm, m.start() + 1)
    assert got == runs
    assert (_CARD_DIGITS_MAP.search(dm) is None) == (_CARD_DIGITS.search(text) is None)


@settings(max_examples=1000)
@given(st.lists(_AMOUNT_TEXT_PIECES, max_size=40).map("".join))
def test_every_context_match_before_a_number_ends_after_a_last_character_of_context(text):
    # _amounts runs _AMT_CTX_NUM only when some place _CTX_END finds is no amount found:
    # each of its matches must end at such a place
    for m in _AMT_CTX_NUM.finditer(text):
        assert _CTX_END.match(text, m.end() - 1) is not None, (text, m.span())


_PHONE_WORD_PIECES = st.sampled_from(["电话", "致电", "拨打", "联系", "热线", "客服", "来电", "号码", "手机", "回电", "回拨", "专线",
                                      "TEL", "Tel", "tel", "tEl", "☎", "📞", "方式", "为", "是", ":", "：", " ", "\n", "\t",
                                      "\u3000", "1", "23", "号", "码", "电", "的"])


@settings(max_examples=2000)
@given(st.lists(_PHONE_WORD_PIECES, max_size=12).map("".join))
def test_a_phone_word_before_a_number_ends_with_a_last_character_of_context(text):
    # _phones looks for _PHONE_CTX before a bare number only after a character of
    # _PHONE_CTX_LAST or white space: wherever _PHONE_CTX matches up to s
    for s in range(len(text) + 1):
        if _PHONE_CTX.search(text, max(0, s - 12), s) is not None:
            assert s and (text[s - 1] in _PHONE_CTX_LAST or text[s - 1].isspace()), (text, s)


# ---------------------------------------------------------------- deadlines

def _next_md_plain(base: date, m: int, d: int) -> date | None:
    for y in range(base.year, base.year + 9):
        got = _in_year(y, m, d)
        if got is not None and got >= base:
            return got
    return None


def _resolve_plain(t: str, s: int, kind: str, m: re.Match[str], now: datetime | None) -> date | None:
    text = m.group()
    if kind == "ymd":
        return _in_year(int(text[:4]), int(m.group("m")), int(m.group("d")))
    if kind == "md":
        y = _YEAR_BEFORE.search(t, max(0, s - 7), s)
        month, day = int(_LEAD_INT.match(text).group()), int(m.group("d"))
        if y is not None:
            return _in_year(int(y.group(1)), month, day)
        return _next_md_plain(now.date(), month, day) if now is not None else None
    if now is None:
        return None
    base = now.date()
    if kind == "rel":
        return base + timedelta(days=2 if text == "后天" else 1 if text[0] == "明" else 0)
    if kind == "span":
        n = parse_number(text[: m.start("u") - s].rstrip(" 个"))
        if n is None or n != n.to_integral_value() or not 0 < n <= 366 * 24:
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
        return base + timedelta(days=(_WEEKDAY[m.group("wd") or "日"] - base.weekday()) % 7)
    if kind == "md2":
        return _next_md_plain(base, int(_LEAD_INT.match(text).group()), int(m.group("d")))
    if kind == "day":
        d = int(_LEAD_INT.match(text).group())
        y, mo = base.year, base.month
        for _ in range(12):
            got = _in_year(y, mo, d)
            if got is not None and got >= base:
                return got
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return None


def _deadlines_plain(t: str, sent_at: datetime | None) -> tuple[date, ...]:
    """_deadlines without its shortcuts: every regex on every text, a time then a _POST
    word as two matches, every numeral through parse_number, every sent time converted."""
    cands = []
    for rx, kind, guard in ((_DL_REL, "rel", False), (_DL_SPAN, "span", True), (_DL_EOM, "eom", False),
                            (_DL_MD, "md", True), (_DL_WEEK, "week", False), (_DL_YMD, "ymd", True),
                            (_DL_MD2, "md2", True), (_DL_DAY, "day", True)):
        for m in rx.finditer(t):
            s = m.start()
            if not (guard and s and t[s - 1] in "0123456789-/.:"):
                cands.append((s, m.end(), kind, m))
    cands.sort(key=lambda c: (c[0], -c[1]))
    kept: list[tuple[int, int, str, re.Match[str]]] = []
    for c in cands:
        if not kept or c[0] >= kept[-1][1]:
            kept.append(c)
    now = _shanghai(sent_at) if sent_at is not None else None
    out: list[date] = []
    for s, e, kind, m in kept:
        if sent_at is None and kind not in ("ymd", "md"):
            continue
        if kind != "span":
            tm = _TIME.match(t, e)
            if tm:
                e = tm.end()
            if not (_POST.match(t, e) or _PRE.search(t, max(0, s - 6), s)):
                continue
        try:
            got = _resolve_plain(t, s, kind, m, now)
        except (ValueError, OverflowError):
            got = None
        if got is not None and got not in out:
            out.append(got)
            if len(out) >= MAX_PER_KIND:
                break
    return tuple(out)


_DEADLINE_PIECES = st.one_of(
    st.sampled_from(["今天", "今日", "今晚", "当日", "明天", "明晚", "后天", "今", "明", "当", "后", "天", "日",
                     "小时", "钟头", "时", "头", "工作日", "分钟", "个", "内", "之内", "以内", "本月", "月底",
                     "月末", "月", "本", "这", "周", "星期", "礼拜", "五", "末", "年", "号", "-", "/", ".", ":",
                     "：", " ", "\u3000", "\t", "前", "之前", "前往", "止", "为止", "务必", "请", "请您在", "需",
                     "限", "最迟", "到期", "最后一天", "下午", "晚上", "点", "半", "整", "分", "元", "，", "三",
                     "两", "十", "二十四", "一二三四", "２", "١"]),
    st.sampled_from(["2026", "2025", "20", "12", "31", "30", "29", "2", "02", "0", "48", "366", "367", "999",
                     "8784", "9999"]),
    st.text("0123456789", min_size=1, max_size=4))
# a whole deadline phrase: what may stand before, a date-like phrase, a time, what may follow
_DEADLINE_PHRASE = st.tuples(
    st.sampled_from(["", "请", "务必", "最迟", "请您于", "限 ", "需在", "，"]),
    st.one_of(st.sampled_from(["今天", "今晚", "明日", "后天", "当天", "本月", "月底", "本周五", "这周", "星期天",
                               "礼拜末", "周三", "15号", "31号", "2026年2月29日", "2025年 12 月 31 号", "2/29",
                               "12-31", "2026-02-30", "2026/1/5", "2026.12.31", "3日", "三个工作日", "两天",
                               "48小时", "一二三天", "10 个钟头", "4 日", "366天", "367天", "8784小时", "９天"]),
              st.builds("{}月{}日".format, st.integers(0, 13), st.integers(0, 32)),
              st.builds("{}{}{}".format, st.integers(0, 999), st.sampled_from(["", " ", "个", " 个"]),
                        st.sampled_from(["天", "日", "小时", "钟头", "工作日"]))),
    st.sampled_from(["", "下午3点", " 晚上 10:30", "十点半", "9时", "早上", "点"]),
    st.sampled_from(["", "前", "之前", "前往", "内", "以内", "为止", "到期", "是最后一天", "务必", "，"]),
).map("".join)
_SENT = st.one_of(
    st.none(),
    st.datetimes(datetime(2000, 1, 1), datetime(2100, 12, 31)),
    st.datetimes(datetime(2000, 1, 1), datetime(2100, 12, 31), timezones=st.sampled_from(
        [SHANGHAI, UTC, timezone(timedelta(hours=-11)), timezone(timedelta(hours=8))])),
    st.sampled_from([datetime(9999, 12, 31, 23, tzinfo=SHANGHAI), datetime(1, 1, 1, tzinfo=SHANGHAI),
                     datetime(2028, 2, 28, 23, tzinfo=SHANGHAI), datetime(2026, 12, 31, 20, tzinfo=SHANGHAI)]))


@settings(max_examples=4000, deadline=None)  # 三点五 imports cn2an once (slow)
@given(st.lists(st.one_of(_DEADLINE_PIECES, _DEADLINE_PHRASE), max_size=16).map("".join), _SENT)
def test_deadlines_are_what_the_plain_reading_gives(text, sent):
    """The gates before each regex, the one-regex time-then-_POST check, the integer
    reading of ASCII spans, the 年 check and the sent time taken
    as it is when already in Asia/Shanghai give what the plain reading gives."""
    assert _deadlines(text, sent) == _deadlines_plain(text, sent), (text, sent)


@settings(max_examples=3000, deadline=None)
@given(_DEADLINE_PHRASE, st.one_of(st.just(""), _DEADLINE_PIECES), _SENT)
def test_a_deadline_phrase_alone_is_what_the_plain_reading_gives(phrase, piece, sent):
    """One phrase with at most one piece after it: the gates see only its own words."""
    text = phrase + piece
    assert _deadlines(text, sent) == _deadlines_plain(text, sent), (text, sent)
