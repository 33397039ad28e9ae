"""Entities in one Chinese message: lender, amounts, overdue days, deadlines, phones, links
and payment accounts.

``extract_entities(text, sent_at=…)`` reads the ORIGINAL text (spans point into it) and
returns :class:`dunguard.model.Entities`. It is on the hot path of every message, so each
entity kind first does a cheap substring check, regexes are compiled once, numbers are
parsed by hand (``cn2an`` only for the rare ``三点五万``) and phone validation is cached.
Work is bounded: only the first ``MAX_SCAN`` characters are read and each kind keeps at
most ``MAX_PER_KIND`` results, so hostile input (10 MB lines, junk) costs linear time.

Lenders come from ``lexicon/lenders.yaml`` (canonical name, kind, aliases, signature-only
names, domains); link kinds from ``lexicon/domains.yaml`` plus the lenders' domains.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

import yaml

from dunguard.model import SHANGHAI, Entities, Phone, Url

MAX_SCAN = 100_000
MAX_PER_KIND = 64
KINDS = ("bank_card", "bank_loan", "consumer_finance", "online_lender", "microlender", "platform")
_EMPTY = Entities()

# ================================================================ lexicon


def _trie_regex(words: list[str]) -> re.Pattern[str]:
    """One alternation shaped as a trie: ``re`` then skips to the first characters of the
    words and tries one branch per first character; greedy optionals give the longest word.
    Measured here 1.5-2x faster than a pyahocorasick automaton with ~150 first characters."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(emit(trie))


def _load_lexicon() -> tuple[re.Pattern[str], dict[str, str], dict[str, str],
                             dict[str, str | None], dict[str, str],
                             frozenset[str], frozenset[str], frozenset[str]]:
    root = resources.files("dunguard.text").joinpath("lexicon")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    lend = yaml.load(root.joinpath("lenders.yaml").read_text("utf-8"), Loader=loader)
    doms = yaml.load(root.joinpath("domains.yaml").read_text("utf-8"), Loader=loader)
    kinds: dict[str, str] = {}
    alias_of: dict[str, str] = {}
    sig_only: dict[str, str] = {}
    official = set(doms["official"])
    allowed = {"name", "kind", "aliases", "signatures", "domains"}
    for entry in lend["lenders"]:
        name = entry["name"]
        if set(entry) - allowed or entry["kind"] not in KINDS:
            raise ValueError(f"lenders.yaml: bad keys or kind in entry {name!r}")
        if name in kinds:
            raise ValueError(f"lenders.yaml: duplicate lender {name!r}")
        kinds[name] = entry["kind"]
        for alias in (name, *entry.get("aliases", ())):
            if alias_of.setdefault(str(alias), name) != name:
                raise ValueError(f"lenders.yaml: alias {alias!r} names two lenders")
        for sig in entry.get("signatures", ()):
            sig_only[str(sig)] = name
        official.update(entry.get("domains", ()))
    lookup: dict[str, str | None] = dict(alias_of)
    for blocker in lend.get("blockers", ()):
        lookup.setdefault(str(blocker), None)  # shadows the shorter alias inside it
    return (_trie_regex(list(lookup)), kinds, alias_of, lookup, sig_only, frozenset(official),
            frozenset(doms["shorteners"]), frozenset(doms.get("payment_qr", ())))


_LEXICON_RE, _KIND, _ALIAS, _LOOKUP, _SIG_ONLY, _OFFICIAL, _SHORTENERS, _PAY_QR = _load_lexicon()

_SUFFIX_KIND = (("消费金融", "consumer_finance"), ("小额贷款", "microlender"), ("小贷", "microlender"),
                ("信用卡中心", "bank_card"), ("信用卡", "bank_card"), ("银行", "bank_loan"))


def lender_kind(name: str) -> str | None:
    """Kind of a lender by canonical name or alias; unknown names by a clear suffix, else None."""
    canonical = _ALIAS.get(name.strip())
    if canonical is not None:
        return _KIND[canonical]
    for suffix, kind in _SUFFIX_KIND:
        if name.endswith(suffix):
            return kind
    return None


# ================================================================ lenders

_SIG_HEAD = re.compile(r"\s*[【\[「]\s*([^【】\[\]「」\r\n]{1,24}?)\s*[】\]」]")
_SIG_TAIL = re.compile(r"[【\[「]\s*([^【】\[\]「」\r\n]{1,24}?)\s*[】\]」]\s*$")
_FINANCE_CUE = re.compile(r"逾期|欠款|欠费|还款|借款|账单|应还|待还|额度|分期|催收|结清|罚息|贷")
_FINANCE_SIG = re.compile(r"贷|金融|银行|信用卡|消费|借|分期|钱包|花|财|信贷|融资|资本")
_GEN_SUFFIX = re.compile(r"消费金融|小额贷款|小贷|金融|借条|贷")
_GEN_AFTER = re.compile(r"平台|APP|App|app|软件|公司|客服|账户|账单|借款|欠款|上的|的借款|的欠款|的贷款|的账单|还款"
                        r"|[\s，。,、！!）)】」]|$")
_GEN_BACK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,8}$")
_STOP_CHARS = frozenset("在于向从对与为是的受经由据被给请您你我他她该本此其和及或到把将已了至往等各们叫过、")
_GENERIC_PREFIX = frozenset(
    ["网络", "互联网", "正规", "持牌", "非法", "违规", "普惠", "消费", "小额", "信用", "个人", "其他", "多家", "各大", "相关", "合作", "现金", "平台", "银行", "某某", "手机", "房屋", "汽车", "抵押", "担保", "助学", "校园", "高利", "套路", "民间", "网上", "线上", "线下", "砍头", "供应链", "科技", "数字", "金融", "借款", "贷款", "信贷", "小贷", "所有", "任何", "全部", "多个", "这些", "那些", "此类", "各类", "大额", "小微", "商业", "传统", "正常"])


_GENERIC_LAST = frozenset("网借信放高低房车微性")  # 网贷, 借贷, 信贷, 高利贷 … are words, not names


def _signature_lender(sig: str, cue: bool) -> str | None:
    sig = sig.strip(" 【】[]「」")
    if not sig:
        return None
    if sig in _ALIAS:
        return _ALIAS[sig]
    for m in _LEXICON_RE.finditer(sig):
        if _LOOKUP[m.group()] is not None:
            return _LOOKUP[m.group()]
    if cue and sig in _SIG_ONLY:
        return _SIG_ONLY[sig]
    if _FINANCE_SIG.search(sig):
        return sig
    return None


def _lenders(t: str, hint: str | None) -> tuple[str, ...]:
    out: list[str] = []
    cue = None
    sigs = []
    if hint:
        sigs.append(hint)
    if t[:2].lstrip()[:1] in "【[「":
        m = _SIG_HEAD.match(t)
        if m:
            sigs.append(m.group(1))
    if t.rstrip()[-1:] in "】]」":
        m = _SIG_TAIL.search(t, max(0, len(t) - 40))
        if m:
            sigs.append(m.group(1))
    for sig in sigs:
        if cue is None:
            cue = _FINANCE_CUE.search(t) is not None
        name = _signature_lender(sig, cue)
        if name and name not in out:
            out.append(name)
    taken: list[tuple[int, int]] = []
    for m in _LEXICON_RE.finditer(t):
        taken.append(m.span())
        name = _LOOKUP[m.group()]
        if name is not None and name not in out:
            out.append(name)
    if "贷" in t or "金融" in t or "借条" in t:
        for m in _GEN_SUFFIX.finditer(t):
            s, e = m.span()
            if not _GEN_AFTER.match(t, e) or any(a < e and s < b for a, b in taken):
                continue
            back = _GEN_BACK.search(t, max(0, s - 8), s)
            if back is None:
                continue
            prefix = back.group()
            cut = max((i for i, ch in enumerate(prefix) if ch in _STOP_CHARS), default=-1)
            prefix = prefix[cut + 1:].lstrip("0123456789")[-4:]
            if len(prefix) < 2 or prefix in _GENERIC_PREFIX or prefix[-1] in _GENERIC_LAST:
                continue
            name = prefix + m.group()
            if name not in out:
                out.append(name)
                if len(out) >= MAX_PER_KIND:
                    break
    return tuple(out[:MAX_PER_KIND])


# ================================================================ numbers

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
             "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8,
             "捌": 8, "九": 9, "玖": 9}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_ARABIC_RUN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_PLAIN = frozenset("0123456789.,")
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
    if not any(ch in _CN_SMALL or ch in _CN_BIG for ch in tok):  # 二〇二六: digit by digit
        digits = [_CN_DIGIT.get(ch) for ch in tok]
        return None if None in digits else Decimal("".join(map(str, digits)))
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
_NUM_AT = re.compile(f"{_MIX}|{_CNT}")
_CTX = ("欠款金额|欠款|欠费|拖欠|所欠|欠|应还金额|应还款|应还|待还金额|待还|未还金额|未还|需还|"
        "还款金额|还款额|还款|逾期金额|逾期本金|逾期款项|逾期款|逾期费用|本金|罚息|利息|违约金|滞纳金|"
        "服务费|手续费|管理费|催收费|费用|合计|共计|总计|总额|余额|借款金额|借款|贷款|本息|金额|额度|账单")
_AMT_UNIT = re.compile(rf"[{_START}][{_NUMCH}]{{0,24}}\s?(?:多|余)?(?P<u>万元|元整|元|块钱|块|圆)")
_AMT_CUR = re.compile(r"[¥￥]\s?")
_AMT_CTX = re.compile(rf"(?:{_CTX}|RMB|人民币)(?:[:：\s为是约共计达了¥￥]|金额|总额|合计|共计|总计|本息|人民币){{0,4}}")
_AMT_WAN = re.compile(rf"[{_START}][{_NUMCH}]{{0,12}}[万萬]")
_NOT_MONEY = frozenset("0123456789.天日月年号期笔个次倍周岁分秒时点%％小人条名户家件份台辆张位-/") | frozenset(_CN_NUM)
_MEASURE = frozenset("人次条名户个字步里家件份台辆张年位")
_BIG = frozenset("万萬亿億")
_SMALL_UNITS = frozenset("十拾百佰千仟万萬亿億")


def _amount_at(t: str, s: int, need: str) -> tuple[int, Decimal | None]:
    """Parse the number at ``s``; ``need`` names the evidence that it is money
    (unit | cur | ctx | wan). Returns the token end and the value (None: not money)."""
    if s and t[s - 1] in "0123456789.":
        return s, None
    m = _NUM_AT.match(t, s)
    if m is None:
        return s, None
    num, e = m.group(), m.end()
    um = _UNIT_AFTER.match(t, e)
    unit = um.group("u") if um else ""
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


def _amounts(t: str) -> tuple[Decimal, ...]:
    found: dict[int, Decimal] = {}  # token start -> value
    runs: list[tuple[re.Pattern[str], str, bool]] = []
    if "元" in t or "块" in t or "圆" in t:
        runs.append((_AMT_UNIT, "unit", False))
    if "¥" in t or "￥" in t:
        runs.append((_AMT_CUR, "cur", True))
    runs.append((_AMT_CTX, "ctx", True))
    if "万" in t or "萬" in t:
        runs.append((_AMT_WAN, "wan", False))
    for rx, need, at_end in runs:
        for m in rx.finditer(t):
            s = m.end() if at_end else m.start()
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


_UNIT_AFTER = re.compile(r"\s?(?:多|余)?(?P<u>万元|元整|元|块钱|块|圆)")


# ================================================================ overdue days

_OVERDUE = re.compile(
    r"(?:逾期|超期|拖欠)(?P<tag>天数)?(?:已经|已|长达|达到|达|超过|了|共|累计|至今|第|[:：为\s]){0,4}"
    r"(?P<n>[0-9]{1,5}|[零〇一二两三四五六七八九十百千]{1,8})\s?个?(?P<u>天|日)?")
_OVERDUE_NOT = ("内", "后", "起", "之后", "以后", "之内", "以内")


def _overdue(t: str) -> tuple[int, ...]:
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


# ================================================================ deadlines

_DL_REL = re.compile(r"今天|今日|今晚|当天|当日|明天|明日|明晚|后天")
_DL_SPAN = re.compile(r"[0-9一二两三四五六七八九十][0-9一二两三四五六七八九十]{0,2}\s?个?(?P<u>工作日|天|日|小时|钟头)"
                      r"(?=之内|以内|内)")
_DL_EOM = re.compile(r"本月底|本月末|月底|月末|本月")
_DL_WEEK = re.compile(r"(?P<this>本|这)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天末])?")
_DL_MD = re.compile(r"[0-9][0-9]?\s?月\s?(?P<d>[0-9][0-9]?)\s?[日号]")
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
_PRE = re.compile(r"(?:请|务必|必须|须|需|最迟|最晚|限)(?:您|你)?(?:在|于)?\s?$")
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 6}
_DEADLINE_HINT = re.compile(r"[前内止务必限期最]")


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
    d = base
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def _cand_key(c: tuple[int, int, *tuple[object, ...]]) -> tuple[int, int]:
    return c[0], -c[1]


def _candidates(t: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """(start, end, kind, match) of every date-like phrase, before the deadline check."""
    out: list[tuple[int, int, str, re.Match[str]]] = []

    def add(rx: re.Pattern[str], kind: str, digit_guard: bool = False) -> None:
        for m in rx.finditer(t):
            s = m.start()
            if digit_guard and s and t[s - 1] in "0123456789-/.:":
                continue
            out.append((s, m.end(), kind, m))

    if "今" in t or "明" in t or "当" in t or "后天" in t:
        add(_DL_REL, "rel")
    if "内" in t:
        add(_DL_SPAN, "span", True)
    if "月" in t:
        add(_DL_EOM, "eom")
        add(_DL_MD, "md", True)
    if "周" in t or "星期" in t or "礼拜" in t:
        add(_DL_WEEK, "week")
    if "-" in t or "/" in t or "." in t:
        add(_DL_YMD, "ymd", True)
        add(_DL_MD2, "md2", True)
    if "号" in t:
        add(_DL_DAY, "day", True)
    if len(out) < 2:
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
        y = _YEAR_BEFORE.search(t, max(0, s - 7), s)
        month, day = int(_LEAD_INT.match(text).group()), int(m.group("d"))
        if y is not None:
            return _in_year(int(y.group(1)), month, day)
        return _next_md(now.date(), month, day) if now is not None else None
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


def _deadlines(t: str, sent_at: datetime | None) -> tuple[date, ...]:
    now = None
    out: list[date] = []
    for s, e, kind, m in _candidates(t):
        if sent_at is None and kind not in ("ymd", "md"):
            continue
        if kind != "span":
            tm = _TIME.match(t, e)
            if tm:
                e = tm.end()
            if not (_POST.match(t, e) or _PRE.search(t, max(0, s - 6), s)):
                continue
        if now is None and sent_at is not None:
            now = _shanghai(sent_at)
        try:
            got = _resolve_deadline(t, s, kind, m, now)
        except (ValueError, OverflowError):
            got = None
        if got is not None and got not in out:
            out.append(got)
            if len(out) >= MAX_PER_KIND:
                break
    return tuple(out)


# ================================================================ links

_TLDS = ("com|cn|net|org|gov|edu|top|xyz|vip|info|biz|app|link|site|online|club|shop|ink|fun|ltd"
         "|pro|wang|icu|asia|live|store|tech|work|cloud|mobi|name|ren|hk|im|ly|cc|me|io|co|tv|so"
         "|gl|gd|la|ws|in|lt|at|id|nu|gg|tk|ml|ga|cf|to|us|uk")
_URL_SCHEME = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[!-~]{1,2048}")
_URL_BARE = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){0,7}"
    rf"(?:{_TLDS})(?![A-Za-z0-9-])(?::[0-9]{{1,5}})?(?:[/?#][!-~]{{0,2048}})?")
_DOT_ALPHA = re.compile(r"\.[A-Za-z]")
_URL_BEFORE_BAD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@._%+-/")
_URL_TRAIL = ".,;:!?'\")]}>"


def _suffix_in(host: str, domains: frozenset[str]) -> bool:
    while True:
        if host in domains:
            return True
        dot = host.find(".")
        if dot < 0:
            return False
        host = host[dot + 1:]


def _host(url: str) -> str:
    rest = url.split("://", 1)[1] if "://" in url else url
    for sep in "/?#":
        rest = rest.split(sep, 1)[0]
    rest = rest.rsplit("@", 1)[-1].split(":", 1)[0]
    return rest.lower().rstrip(".")


def _url_kind(t: str, s: int, url: str, host: str) -> str:
    if _suffix_in(host, _SHORTENERS):
        return "short"
    if _suffix_in(host, _OFFICIAL):
        return "official"
    path = url.lower().split(host, 1)[-1]
    if ".apk" in path or "/download" in path or "/down/" in path or host.startswith(("download.", "dl.")):
        return "download"
    if "下载" in t[max(0, s - 10): s]:
        return "download"
    return "unknown"


def _urls(t: str) -> tuple[tuple[Url, ...], list[str]]:
    found: list[tuple[int, int]] = []
    if "://" in t:
        found.extend(m.span() for m in _URL_SCHEME.finditer(t))
    if _DOT_ALPHA.search(t):
        for m in _URL_BARE.finditer(t):
            s, e = m.span()
            if (s and t[s - 1] in _URL_BEFORE_BAD) or any(a < e and s < b for a, b in found):
                continue
            found.append((s, e))
    found.sort()
    out: list[Url] = []
    qr: list[str] = []
    seen: set[str] = set()
    for s, e in found:
        while e > s and t[e - 1] in _URL_TRAIL:
            if t[e - 1] == ")" and t.count("(", s, e) >= t.count(")", s, e):
                break
            e -= 1
        url = t[s:e]
        host = _host(url)
        if not host or "." not in host or url in seen:
            continue
        seen.add(url)
        out.append(Url(url, _url_kind(t, s, url, host), host, (s, e)))
        if host in _PAY_QR:
            qr.append(url)
        if len(out) >= MAX_PER_KIND:
            break
    return tuple(out), qr


# ================================================================ accounts

_ACC_LABEL = re.compile(
    r"(?:账号|帐号|账户|帐户|卡号|银行卡|收款卡|收款人账号)(?:号码|号)?(?:为|是)?[:：\s]{0,3}"
    r"(?P<n>[0-9](?:[ -]?[0-9]){9,22})(?![0-9])")
_ACC_CARD = re.compile(
    r"(?:转|汇|打款|打钱|还款至|还款到|存入|收款)[^0-9\r\n]{0,12}?"
    r"(?P<n>(?:62|4[0-9]|5[1-5]|3[0-9])[0-9]{2}(?:[ -]?[0-9]{4}){2,3}(?:[ -]?[0-9]{1,3})?)(?![0-9])")
_ACC_PHRASE = re.compile(
    r"扫码(?:还款|支付|付款|转账|还钱)|扫描?(?:下方|以下|下面|此|该|这个|图中)?的?二维码(?:还款|支付|付款|转账)?"
    r"|收款码|收钱码|微信(?:转账|付款|汇款)(?:给|到)(?:我|本人|个人|对方|经办人|专员|业务员)"
    r"|支付宝(?:转账|付款|汇款)(?:给|到)(?:我|本人|个人|对方|经办人|专员|业务员)"
    r"|个人账户|私人账户|个人账号|私人账号|个人银行卡|私人银行卡|个人微信|私人微信|个人支付宝|私人支付宝"
    r"|指定账户|安全账户")
_ACC_TRANSFER = re.compile(
    r"[转打汇付还](?:款|钱|账)?[到至入给](?:我|本人|我们|以下|下面|下方|指定|对方|个人|此|这个|该)?"
    r"的?(?:个人)?(?:微信|支付宝|银行卡|账户|帐户|账号|帐号)")
_ACCOUNT_HINT = ("账", "帐", "卡", "码", "微信", "支付宝", "转", "汇", "打")


def _accounts(t: str, has_digits: bool) -> tuple[list[str], list[tuple[int, int]]]:
    """Quoted mentions of paying a person: account numbers, QR codes, personal wallets."""
    found: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    if not any(h in t for h in _ACCOUNT_HINT):
        return [], spans
    if has_digits:
        for rx in (_ACC_LABEL, _ACC_CARD):
            for m in rx.finditer(t):
                spans.append(m.span("n"))
        found.extend(spans)
    for rx in (_ACC_PHRASE, _ACC_TRANSFER):
        found.extend(m.span() for m in rx.finditer(t))
    found.sort(key=_cand_key)
    out: list[str] = []
    last = -1
    for s, e in found:
        if s >= last and t[s:e] not in out:
            out.append(t[s:e])
            last = e
    return out[:MAX_PER_KIND], spans


# ================================================================ phones

_PHONE = re.compile(
    r"(?<![0-9A-Za-z])(?<![0-9][ -])(?:"
    r"(?P<intl>(?:\+|00)?86[ -]?)?(?P<mob>1[3-9][0-9](?:[ -]?[0-9]{4}){2})"
    r"|(?P<land>(?:\(0[0-9]{2,3}\)|（0[0-9]{2,3}）|0[0-9]{2,3}[ -])[ ]?[0-9]{7,8})(?P<ext>-[0-9]{1,6})?"
    r"|(?P<hot>[48]00(?:[ -]?[0-9]){7})"
    r"|(?P<s95>95[0-9]{3})(?P<ext95>-[0-9]{1,2})?"
    r"|(?P<p106>106[0-9]{5,17})"
    r"|(?P<num>[0-9]{3,14}))(?![0-9A-Za-z])")
_PHONE_CTX = re.compile(
    r"(?:电话|致电|拨打|联系|热线|客服|来电|号码|手机|回电|回拨|专线|[Tt][Ee][Ll]|☎|📞)"
    r"(?:号码|电话|方式)?(?:为|是)?[:：\s]{0,3}$")
_PHONE_NOT = re.compile(
    r"(?:尾号|末四位|后四位|验证码|校验码|动态码|密码|卡号|账号|帐号|账户|编号|单号|合同号|订单号|工号|身份证|案号"
    r"|批次|[¥￥$])[^0-9]{0,3}$")
_PHONE_UNIT = frozenset("元块万千百%％天日月年号期笔次个分秒岁倍")
_KNOWN_SHORT = frozenset(("110", "119", "120", "122", "12315", "12345", "12368", "12378", "12363",
                          "12321", "12309", "12348", "12377", "12110", "96110", "10086", "10010",
                          "10000", "10001", "10011", "10099"))
# China mobile prefixes in use (three digits), checked in tests against phonenumbers.
_MOBILE_PREFIX = frozenset(
    [f"13{i}" for i in range(10)] + ["145", "146", "147", "148", "149"]
    + [f"15{i}" for i in "012356789"] + ["162", "165", "166", "167"]
    + [f"17{i}" for i in "012345678"] + [f"18{i}" for i in range(10)]
    + [f"19{i}" for i in "0123456789"])


_SEPARATORS = str.maketrans("", "", " -()（）+")


@lru_cache(maxsize=4096)
def _valid_landline(digits: str) -> bool:
    """0 + area code + subscriber number: 010 / 02X + 8 digits, 0XXX + 7–8 digits (checked in
    tests against phonenumbers, which is too slow for the hot path)."""
    n = len(digits)
    if digits[1] == "1" or digits[1] == "2":
        return n == 11 and (digits[1] == "2" or digits[2] == "0") and digits[3] not in "01"
    return digits[1] in "3456789" and n in (11, 12) and digits[4] not in "01"


def _phone(m: re.Match[str], t: str) -> tuple[str, str, int, int] | None:
    s = m.start()
    if m.group("mob"):
        digits = m.group("mob").translate(_SEPARATORS)
        kind = "mobile" if digits[:3] in _MOBILE_PREFIX else "unknown"
        return digits, kind, s, m.end()
    if m.group("land"):
        digits = m.group("land").translate(_SEPARATORS)
        return digits, "landline" if _valid_landline(digits) else "unknown", s, m.end()
    if m.group("hot"):
        return m.group("hot").translate(_SEPARATORS), "400/800", s, m.end()
    if m.group("s95"):
        return m.group("s95"), "service_95", s, m.end()
    if m.group("p106"):
        return m.group("p106"), "sms_port_106", s, m.end()
    num = m.group("num")
    ctx = _PHONE_CTX.search(t, max(0, s - 12), s) is not None
    if num in _KNOWN_SHORT:
        return num, "short", s, m.end()
    if not ctx:
        return None
    if num[0] == "0" and 10 <= len(num) <= 12 and _valid_landline(num):
        return num, "landline", s, m.end()
    return num, "short" if len(num) <= 6 else "unknown", s, m.end()


_PH_FIND = re.compile(r"[0-9][0-9][0-9]")
_PH_INTL = re.compile(r"(?:\+|00)?86[ -]?$")
_DIGIT_RUN = re.compile(r"[0-9]*")


def _phones(t: str, taken: list[tuple[int, int]]) -> tuple[Phone, ...]:
    out: list[Phone] = []
    seen: set[str] = set()
    pos, n = 0, len(t)
    while pos < n and len(out) < MAX_PER_KIND:
        f = _PH_FIND.search(t, pos)
        if f is None:
            break
        p = f.start()
        start = p
        if p and t[p - 1] in "(（":
            start = p - 1
        else:
            b = _PH_INTL.search(t, max(0, p - 5), p)
            if b is not None:
                start = b.start()
        m = _PHONE.match(t, start)
        if m is None and start != p:
            m = _PHONE.match(t, p)
        if m is None:
            pos = _DIGIT_RUN.match(t, p).end()
            continue
        s, e = m.span()
        pos = e
        nxt = t[e: e + 1]
        if (nxt and nxt in _PHONE_UNIT) or t.startswith("小时", e):
            continue
        if taken and any(a < e and s < b for a, b in taken):
            continue
        if _PHONE_NOT.search(t, max(0, s - 8), s):
            continue
        got = _phone(m, t)
        if got is None or got[0] in seen:
            continue
        seen.add(got[0])
        out.append(Phone(got[0], got[1], (got[2], got[3])))
    return tuple(out)


# ================================================================ entry point

_HAS_DIGIT = re.compile(r"[0-9]")
_HAS_CN_NUM = re.compile(r"[一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾]")


def extract_entities(text: str, *, sent_at: datetime | None = None,
                     signature_hint: str | None = None) -> Entities:
    """Entities of one message. ``sent_at`` resolves relative deadlines (Asia/Shanghai);
    ``signature_hint`` is a sender name or signature known from elsewhere (read like a
    【signature】). Never raises on str input; spans point into ``text``."""
    if not text or not isinstance(text, str):
        return _EMPTY
    t = text if len(text) <= MAX_SCAN else text[:MAX_SCAN]
    has_digits = _HAS_DIGIT.search(t) is not None
    numeric = has_digits or _HAS_CN_NUM.search(t) is not None

    lender = _lenders(t, signature_hint)
    urls: tuple[Url, ...] = ()
    accounts: list[str] = []
    taken: list[tuple[int, int]] = []
    if "." in t:
        urls, qr = _urls(t)
        accounts.extend(qr)
        taken.extend(u.span for u in urls)
    acc, acc_spans = _accounts(t, has_digits)
    for a in acc:
        if a not in accounts:
            accounts.append(a)
    taken.extend(acc_spans)
    amounts = _amounts(t) if numeric else ()
    overdue = _overdue(t) if numeric and ("逾期" in t or "超期" in t or "拖欠" in t) else ()
    deadlines = _deadlines(t, sent_at) if _DEADLINE_HINT.search(t) else ()
    phones = _phones(t, taken) if has_digits else ()
    return Entities(lender, amounts, overdue, deadlines, phones, urls, tuple(accounts[:MAX_PER_KIND]))
