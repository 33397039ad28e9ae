"""Money in a message: numerals (Arabic, Chinese, mixed), amounts in yuan and overdue days.

Numbers are parsed by hand (``cn2an`` only for the rare ``三点五万``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from dunguard.text.entities.limits import MAX_PER_KIND

# ================================================================ numbers

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
             "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8,
             "捌": 8, "九": 9, "玖": 9}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_ARABIC_RUN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_PLAIN = frozenset("0123456789.,")
_UNITS = frozenset(_CN_SMALL) | frozenset(_CN_BIG)
_AR_WAN = re.compile(r"([0-9]+(?:\.[0-9]+)?)[万萬]")
_CN_DECIMAL = re.compile(r"([^点]+)点([零〇一二两三四五六七八九]+)([万萬亿億]?)")


def parse_number(tok: str) -> Decimal | None:
    """Arabic, Chinese (小写/大写) or mixed numerals: 3,560.5 / 三千五百 / 一万二 / 1万2千 / 3.5万."""
    if not tok:
        return None
    if _PLAIN.issuperset(tok):
        try:
            return Decimal(tok.replace(",", ""))
        except InvalidOperation:
            return None
    if "点" in tok:
        m = _CN_DECIMAL.fullmatch(tok)
        if m is None:
            return _cn2an(tok)
        whole = parse_number(m.group(1))
        if whole is None:
            return None
        frac = Decimal("0." + "".join(str(_CN_DIGIT[ch]) for ch in m.group(2)))
        return (whole + frac) * (_CN_BIG[m.group(3)] if m.group(3) else 1)
    tok = tok.replace(",", "")
    if _UNITS.isdisjoint(tok):  # 二〇二六: digit by digit
        digits = [_CN_DIGIT.get(ch) for ch in tok]
        return None if None in digits else Decimal("".join(map(str, digits)))
    m = _AR_WAN.fullmatch(tok)
    if m is not None:
        # 3.5万 / 20万, the most common mixed numeral: what _parse_units computes for it,
        # by the same operations (the same exponent and rounding): a number, then 万
        num = Decimal(m.group(1))
        if num and len(m.group(1)) <= 20:
            # then every step is exact (at most 24 digits, within the context's 28) and
            # keeps num's exponent (0 or less): the product alone is the result
            return num * 10_000
        return (Decimal(0) + (Decimal(0) + (num or 0)) * 10_000) + Decimal(0)
    return _parse_units(tok)


def _parse_units(tok: str) -> Decimal | None:
    """A numeral with units (十 百 千 万 亿), Chinese or mixed with Arabic digits."""
    total = section = Decimal(0)
    num: Decimal | None = None
    last_unit = 0  # the unit right before a trailing digit, for 一万二 / 三千五
    zero = False
    i, n = 0, len(tok)
    while i < n:
        ch = tok[i]
        if "0" <= ch <= "9":
            if num is not None:
                return None
            m = _ARABIC_RUN.match(tok, i)
            num, i = Decimal(m.group()), m.end()
            continue
        i += 1
        if ch in _CN_DIGIT:
            d = _CN_DIGIT[ch]
            if d == 0:
                zero, last_unit = True, 0
            elif num is not None:
                return None
            else:
                num = Decimal(d)
        elif ch in _CN_SMALL:
            section += (1 if num is None else num) * _CN_SMALL[ch]
            num, last_unit, zero = None, _CN_SMALL[ch], False
        elif ch in _CN_BIG:
            unit = _CN_BIG[ch]
            section += num or 0
            if unit > 10_000:
                total, section = (total + section) * unit, Decimal(0)
            else:
                total, section = total + section * unit, Decimal(0)
            num, last_unit, zero = None, unit, False
        else:
            return None
    if num is not None:
        if not zero and last_unit >= 100:
            num *= last_unit // 10
        section += num
    return total + section


def _cn2an(tok: str) -> Decimal | None:
    try:
        import cn2an  # slow to import and call; only for the rare 三点五万

        return Decimal(str(cn2an.cn2an(tok, "smart")))
    except Exception:  # noqa: BLE001 - cn2an raises many kinds on odd input
        return None


# ================================================================ amounts
# Every hot regex starts with a character class or literals, so that ``re`` can skip
# quickly to candidate positions (its "charset prefix"); the details are checked in code.

_CN_NUM = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万萬亿億"
_START = "0-9一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾"
_NUMCH = "0-9,.零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万萬亿億点"
_AR = r"(?:[0-9]{1,3}(?:,[0-9]{3}){1,4}|[0-9]{1,12})(?:\.[0-9]{1,4})?"
_MIX = _AR + r"(?:[万萬亿億千仟百佰](?:[0-9]{1,4}[千仟百佰十拾]){0,2}[0-9]{0,4})?"
_CNT = r"[一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾][零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万萬亿億点]{0,20}"
_UNIT = r"\s?(?:多|余)?(?P<u>万元|元整|元|块钱|块|圆)"
# a number and the unit right after it, if any, in one match: the unit is optional and
# last, so the number is what the number alone would match (re takes the first way through)
_NUM_AT = re.compile(f"(?P<num>{_MIX}|{_CNT})(?:{_UNIT})?")
_CTX = ("欠款金额|欠款|欠费|拖欠|所欠|欠|应还金额|应还款|应还|待还金额|待还|未还金额|未还|需还|"
        "还款金额|还款额|还款|逾期金额|逾期本金|逾期款项|逾期款|逾期费用|本金|罚息|利息|违约金|滞纳金|"
        "服务费|手续费|管理费|催收费|费用|合计|共计|总计|总额|余额|借款金额|借款|贷款|本息|金额|额度|账单")
_AMT_UNIT = re.compile(rf"(?P<n>[{_START}][{_NUMCH}]{{0,24}})\s?(?:多|余)?(?P<u>万元|元整|元|块钱|块|圆)")
_PLAIN_NUM = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,4})?")  # see _unit_amount
_AMT_CUR = re.compile(r"[¥￥]\s?")
_CTX_FILL_CHARS = ":：为是约共计达了¥￥"  # with \s: what may follow a context word, and these words
_CTX_FILL_WORDS = "金额|总额|合计|共计|总计|本息|人民币"
_AMT_CTX = re.compile(rf"(?:{_CTX}|RMB|人民币)(?:[{_CTX_FILL_CHARS[:2]}\s{_CTX_FILL_CHARS[2:]}]|{_CTX_FILL_WORDS}){{0,4}}")
# _AMT_CTX where a number follows its match: where it can give an amount. Every match of
# _AMT_CTX that a number follows ends where one of its matches ends: it tries the same
# ways in the same order at each place, and a match of it that starts earlier and runs
# into that match can only end at the same number (it reads context words and what may
# follow them, none of which is a digit or numeral). So when each of its matches ends at
# an amount found already (应还金额3456.78元, by the unit), _AMT_CTX (whose matches are
# mostly context words without a number, each a match object) need not run
_AMT_CTX_NUM = re.compile(_AMT_CTX.pattern + f"(?=[{_START}])")
# The last character of every match of _AMT_CTX: the last of a context word or of what may
# follow one. A match of _AMT_CTX_NUM ends where one of these stands before a number: when
# each such place is an amount found already, none ends elsewhere (and _AMT_CTX_NUM, an
# alternation of many words tried at each of their first characters, need not run)
_CTX_LAST = "".join(sorted({w[-1] for w in f"{_CTX}|RMB|人民币|{_CTX_FILL_WORDS}".split("|")} | set(_CTX_FILL_CHARS)))
_CTX_END = re.compile(rf"[{_CTX_LAST}\s](?=[{_START}])")
_AMT_WAN = re.compile(rf"[{_START}][{_NUMCH}]{{0,12}}[万萬]")
_NOT_MONEY = frozenset("0123456789.天日月年号期笔个次倍周岁分秒时点%％小人条名户家件份台辆张位-/") | frozenset(_CN_NUM)
_MEASURE = frozenset("人次条名户个字步里家件份台辆张年位")
_BIG = frozenset("万萬亿億")
_SMALL_UNITS = frozenset("十拾百佰千仟万萬亿億")
_NUM_FIRST = frozenset("0123456789一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾")  # where _NUM_AT can start


def _amount_at(t: str, s: int, need: str) -> tuple[int, Decimal | None]:
    """Parse the number at ``s``; ``need`` names the evidence that it is money
    (unit | cur | ctx | wan). Returns the token end and the value (None: not money)."""
    if s and t[s - 1] in "0123456789.":
        return s, None
    m = _NUM_AT.match(t, s)
    if m is None:
        return s, None
    num, e = m.group("num"), m.end("num")
    unit = m.group("u") or ""
    if not unit:
        is_cn = num[0] not in "0123456789"
        nxt = t[e: e + 1]
        if need == "unit":
            return e, None
        if need == "ctx" and (
                (nxt and nxt in _NOT_MONEY) or (is_cn and (len(num) < 2 or _SMALL_UNITS.isdisjoint(num)))):
            return e, None
        if need == "wan" and (
                _BIG.isdisjoint(num) or (nxt and nxt in _MEASURE) or (is_cn and num[-1] in _BIG)):
            return e, None
    value = parse_number(num)
    if value is None or value <= 0:
        return e, None
    if unit.startswith("万"):
        value *= 10_000
    return e, value


def _unit_amount(t: str, m: re.Match[str]) -> Decimal | None:
    """``_amount_at(t, m.start(), "unit")[1]`` for a match ``m`` of _AMT_UNIT, without
    reading the number again when it is plain digits (most amounts: 3456.78元). Then
    _NUM_AT at the same start takes the same digits (``[0-9]{1,12}`` takes them all, the
    fraction too; the character after them, a space, 多, 余 or the unit, is neither a digit,
    a comma nor one of _MIX's 万/千/百) and then the same unit (the same regex at the same
    place), and parse_number gives ``Decimal(num)``. 万元 (×10,000) and everything else
    go the long way."""
    num, unit = m.group("n", "u")
    s = m.start()
    if unit[0] == "万" or _PLAIN_NUM.fullmatch(num) is None:
        return _amount_at(t, s, "unit")[1]
    if s and t[s - 1] in "0123456789.":
        return None
    value = Decimal(num)
    return value if value > 0 else None


def _amounts(t: str) -> tuple[Decimal, ...]:
    found: dict[int, Decimal] = {}  # token start -> value
    # four searches in this order, each adding what the ones before did not find: a number
    # before a unit (its start), after ¥ or a context word (the end of the match), and a
    # number with 万 in it (its start). Each is a loop of ``search`` from the end of the
    # last match: what ``finditer`` gives (no match of these regexes is empty), without
    # its setup (~0.25 µs, more than a search that finds nothing: most find one or none)
    if "元" in t or "块" in t or "圆" in t:
        m = _AMT_UNIT.search(t)
        while m is not None:
            value = _unit_amount(t, m)  # the first search: nothing found before
            if value is not None:
                found[m.start()] = value
                if len(found) >= MAX_PER_KIND:
                    break
            m = _AMT_UNIT.search(t, m.end())
    if "¥" in t or "￥" in t:
        _amounts_after(t, _AMT_CUR, "cur", found)
    c = _CTX_END.search(t)  # see _CTX_END: most numbers follow no context word, or were found
    while c is not None:
        if c.end() not in found:
            m = _AMT_CTX_NUM.search(t)
            while m is not None:
                if m.end() not in found:
                    _amounts_after(t, _AMT_CTX, "ctx", found)
                    break
                m = _AMT_CTX_NUM.search(t, m.end())
            break
        c = _CTX_END.search(t, c.end())
    if "万" in t or "萬" in t:
        m = _AMT_WAN.search(t)
        while m is not None:
            s = m.start()
            if s not in found:
                _e, value = _amount_at(t, s, "wan")
                if value is not None:
                    found[s] = value
                    if len(found) >= MAX_PER_KIND:
                        break
            m = _AMT_WAN.search(t, m.end())
    if len(found) < 2:
        return tuple(found.values())
    out: list[Decimal] = []
    for s in sorted(found):
        if found[s] not in out:
            out.append(found[s])
    return tuple(out)


def _amounts_after(t: str, rx: re.Pattern[str], need: str, found: dict[int, Decimal]) -> None:
    """Add to ``found`` the amounts that start where a match of ``rx`` ends."""
    n = len(t)
    for m in rx.finditer(t):
        s = m.end()
        # most context words are not followed by a number: skip the parse
        if s < n and t[s] in _NUM_FIRST and s not in found:
            _e, value = _amount_at(t, s, need)
            if value is not None:
                found[s] = value
                if len(found) >= MAX_PER_KIND:
                    break


# ================================================================ overdue days

_OVERDUE = re.compile(
    r"(?:逾期|超期|拖欠)(?P<tag>天数)?(?:已经|已|长达|达到|达|超过|了|共|累计|至今|第|[:：为\s]){0,4}"
    r"(?P<n>[0-9]{1,5}|[零〇一二两三四五六七八九十百千]{1,8})\s?个?(?P<u>天|日)?")
_OVERDUE_NOT = ("内", "后", "起", "之后", "以后", "之内", "以内")


def _overdue(t: str) -> tuple[int, ...]:
    out: list[int] = []
    m = _OVERDUE.search(t)  # a search loop: what finditer gives (see _amounts)
    while m is not None:
        e = m.end()
        unit, tag, n = m.group("u", "tag", "n")
        if (unit or tag) and not t.startswith(_OVERDUE_NOT, e):
            if n[0] in "0123456789":
                # [0-9]{1,5}: parse_number gives Decimal(n), whole and below 100,000
                value = int(n)
                if value and value not in out:
                    out.append(value)
                    if len(out) >= MAX_PER_KIND:
                        break
            else:
                d = parse_number(n)
                if d is not None and d == d.to_integral_value() and 0 < d < 100_000 and int(d) not in out:
                    out.append(int(d))
                    if len(out) >= MAX_PER_KIND:
                        break
        m = _OVERDUE.search(t, e)
    return tuple(out)
