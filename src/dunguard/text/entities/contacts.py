"""Where a message sends the reader: links, payment accounts and phone numbers."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from dunguard.model import Phone, Url
from dunguard.text.entities.lenders import _OFFICIAL, _PAY_QR, _SHORTENERS
from dunguard.text.entities.limits import MAX_PER_KIND
from dunguard.text.fastinit import constructor

# ================================================================ digits

# The digit map of a text: the text as bytes, one a character, every ASCII digit as "0",
# every other ASCII character as itself, every other character "?". A pattern of digits
# and ASCII characters matches the text where its map matches in the map (with "0" for
# [0-9]): such a pattern starts with a literal there, which ``re`` finds much faster than
# a character class in the text (bytes.translate and the encoder are C loops).
_DIGITS_AS_0 = bytes.maketrans(b"123456789", b"000000000")


def digit_map(t: str) -> bytes:
    return t.encode("ascii", "replace").translate(_DIGITS_AS_0)


# ================================================================ links

# Phone(...) and Url(...) without their frozen __init__ (fastinit.py)
_new_phone = constructor(Phone)
_new_url = constructor(Url)

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
        # a bare link never overlaps an earlier bare one (finditer), only a link with a
        # scheme; those are in text order and apart, so one pointer finds the first that
        # ends after the bare link starts (thousands of links are read once, not pairwise)
        schemes, j = list(found), 0
        for m in _URL_BARE.finditer(t):
            s, e = m.span()
            while j < len(schemes) and schemes[j][1] <= s:
                j += 1
            if (s and t[s - 1] in _URL_BEFORE_BAD) or (j < len(schemes) and schemes[j][0] < e):
                continue
            found.append((s, e))
    if not found:
        return (), []
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
        out.append(_new_url(url=url, kind=_url_kind(t, s, url, host), domain=host, span=(s, e)))
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
# what every card number of _ACC_CARD contains (its first four digits and two groups of
# four after them): most texts with a transfer verb and digits have no such run, and this
# one search is quicker than _ACC_CARD's
_CARD_DIGITS = re.compile(r"[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}")
_CARD_DIGITS_MAP = re.compile(rb"0000[ -]?0000[ -]?0000")  # _CARD_DIGITS in the digit map
_ACC_PHRASE = re.compile(
    r"扫码(?:还款|支付|付款|转账|还钱)|扫描?(?:下方|以下|下面|此|该|这个|图中)?的?二维码(?:还款|支付|付款|转账)?"
    r"|收款码|收钱码|微信(?:转账|付款|汇款)(?:给|到)(?:我|本人|个人|对方|经办人|专员|业务员)"
    r"|支付宝(?:转账|付款|汇款)(?:给|到)(?:我|本人|个人|对方|经办人|专员|业务员)"
    r"|个人账户|私人账户|个人账号|私人账号|个人银行卡|私人银行卡|个人微信|私人微信|个人支付宝|私人支付宝"
    r"|指定账户|安全账户")
_ACC_TRANSFER = re.compile(
    r"[转打汇付还](?:款|钱|账)?[到至入给](?:我|本人|我们|以下|下面|下方|指定|对方|个人|此|这个|该)?"
    r"的?(?:个人)?(?:微信|支付宝|银行卡|账户|帐户|账号|帐号)")


def _span_key(c: tuple[int, int]) -> tuple[int, int]:
    return c[0], -c[1]  # leftmost first, then longest


def _accounts(t: str, dm: bytes) -> tuple[list[str], list[tuple[int, int]]]:
    """Quoted mentions of paying a person: account numbers, QR codes, personal wallets.
    ``dm``: the digit map of ``t``."""
    found: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    # Each regex needs a word of its own: skip the ones that cannot match. Labels need an
    # account word (账号, 银行卡 …) or 卡号/收款卡; transfers an account word or 微信/支付宝
    # (``pay``); phrases one of those or 码; card numbers what every one of them contains
    # (_CARD_DIGITS, looked for in the digit map: few texts have one) and the first
    # character of a transfer verb (转, 汇, 打款, 还款至, 存入, 收款 …).
    wallet = "账" in t or "帐" in t or "卡" in t
    card = _CARD_DIGITS_MAP.search(dm) is not None and (
        "转" in t or "汇" in t or "打" in t or "还" in t or "存" in t or "收" in t)
    if not (wallet or card or "码" in t or "微信" in t or "支付宝" in t):
        return [], spans
    account = wallet and ("账户" in t or "账号" in t or "帐户" in t or "帐号" in t or "银行卡" in t)
    # each regex is searched in a loop from the end of its last match: what finditer gives
    # (none matches empty), without its setup (most of these searches find nothing)
    if (account or (wallet and ("卡号" in t or "收款卡" in t))) and 48 in dm:  # a digit (48: "0")
        m = _ACC_LABEL.search(t)
        while m is not None:
            spans.append(m.span("n"))
            m = _ACC_LABEL.search(t, m.end())
    if card:
        m = _ACC_CARD.search(t)
        while m is not None:
            spans.append(m.span("n"))
            m = _ACC_CARD.search(t, m.end())
    found.extend(spans)
    pay = account or "微信" in t or "支付宝" in t
    if pay or "码" in t:
        m = _ACC_PHRASE.search(t)
        while m is not None:
            found.append(m.span())
            m = _ACC_PHRASE.search(t, m.end())
        if pay:
            m = _ACC_TRANSFER.search(t)
            while m is not None:
                found.append(m.span())
                m = _ACC_TRANSFER.search(t, m.end())
    if not found:
        return [], spans
    found.sort(key=_span_key)
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
# The two words-before-a-number regexes are searched in a short window before every number:
# each branch starts with a literal character (T|t, not [Tt]), which lets ``re`` skip to the
# positions where a word can start instead of trying every branch at every position.
_PHONE_WORDS = r"(?:电话|致电|拨打|联系|热线|客服|来电|号码|手机|回电|回拨|专线|T[Ee][Ll]|t[Ee][Ll]|☎|📞)"
_PHONE_CTX = re.compile(_PHONE_WORDS + r"(?:号码|电话|方式)?(?:为|是)?[:：\s]{0,3}$")
# its words alone: _PHONE_CTX cannot match in a text without one of them
_PHONE_WORD = re.compile(_PHONE_WORDS)
# the last character of every match of _PHONE_CTX (white space aside): the last of a word,
# of 号码/电话/方式, 为, 是, or a colon. A number after none of these follows no phone word
_PHONE_CTX_LAST = frozenset("话电打系线服码机拨Ll☎📞式为是:：")
_PHONE_NOT = re.compile(
    r"(?:尾号|末四位|后四位|验证码|校验码|动态码|密码|卡号|账号|帐号|账户|编号|单号|合同号|订单号|工号|身份证|案号"
    r"|批次|¥|￥|\$)[^0-9]{0,3}$")
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


# a run of three digits or more in the digit map: three, and no digit before them
_RUN3 = re.compile(rb"000(?<!0000)")
_PH_INTL = re.compile(r"(?:\+|00)?86[ -]?$")
# A number whose first digit is a key here and whose second digit is not in its value can
# only be a bare number of _PHONE (branch ``num``): a mobile starts with 1, a landline with
# 0, a hotline with 400/800, +86 with 86 or 00, 95xxx and 106… as written, and no number of
# _KNOWN_SHORT starts so (96110 and the 1xx ones do not). Tests check it against _PHONE.
_BARE_ONLY = {"2": "", "3": "", "5": "", "6": "", "7": "", "4": "0", "8": "06", "9": "56"}


def _spans_index(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Spans by start, with the furthest end reached by each prefix of them: whether any span
    overlaps (s, e) is then one bisection (links and account numbers can be many)."""
    ordered = sorted(spans)
    reach, top = [], -1
    for _a, b in ordered:
        top = max(top, b)
        reach.append(top)
    return [a for a, _b in ordered], reach


def _phones(t: str, taken: list[tuple[int, int]], dm: bytes | None = None) -> tuple[Phone, ...]:
    """Phone numbers; ``dm``: the digit map of ``t`` (made when not given)."""
    if dm is None:
        dm = digit_map(t)
    f = _RUN3.search(dm)
    if f is None:
        return ()
    # Each number starts where a run of three digits or more starts (_RUN3 in the digit
    # map: the searches below find them in turn). A bare number is a phone only after a
    # phone word (_PHONE_CTX in the twelve characters before it, see _phone), and only
    # after a character of _PHONE_CTX_LAST; then one number looks there, and from the
    # second on whether the text has a phone word at all is looked for once (without one,
    # no number has one before it).
    out: list[Phone] = []
    seen: set[str] = set()
    words: bool | None = None  # whether the text has a phone word (_PHONE_WORD), once needed
    looked = False  # whether a phone word was looked for before a number
    starts: list[int] | None = None  # ``taken`` indexed (_spans_index), once needed
    reach: list[int] = []
    while f is not None and len(out) < MAX_PER_KIND:
        p = f.start()
        start = p
        if p:
            c = t[p - 1]
            if c == "(" or c == "（":
                start = p - 1
            elif (c == " " or c == "-") and p > 2 and t.startswith("86", p - 3):
                # a +86 / 0086 prefix may end right before p: _PH_INTL's match ends with
                # "86" and a space or hyphen, as t[p - 1] is no digit (p starts a run)
                b = _PH_INTL.search(t, max(0, p - 5), p)
                if b is not None:
                    start = b.start()
        if start == p and t[p + 1] not in _BARE_ONLY.get(t[p], "0123456789"):
            # only _PHONE's bare-number branch can start with these two digits (see
            # _BARE_ONLY) and that branch ends where the run does (or does not match,
            # which also leaves the run): it is a phone only after a phone word (below)
            c = t[p - 1] if p else ""
            if c in _PHONE_CTX_LAST or c.isspace():
                if words is None and looked:
                    words = _PHONE_WORD.search(t) is not None
                looked = True
                after_word = words is not False and _PHONE_CTX.search(t, max(0, p - 12), p) is not None
            else:
                after_word = False
            if not after_word:
                f = _RUN3.search(dm, p + 1)  # the next run
                continue
        m = _PHONE.match(t, start)
        if start != p and (m is None or m.end() <= p):
            # the prefix (or the bracket) is no part of a number that reaches p: "0086 0086"
            # would match its first "0086" again and again
            m = _PHONE.match(t, p)
        if m is None:
            f = _RUN3.search(dm, p + 1)  # the next run
            continue
        s, e = m.span()
        # the next run from e (> p: a match from p has three digits, one from start
        # reaches past p); t[e] is no digit (_PHONE's lookahead)
        f = _RUN3.search(dm, e)
        # each test below only skips the match, so the cheap ones go first
        nxt = t[e: e + 1]
        if (nxt and nxt in _PHONE_UNIT) or t.startswith("小时", e):
            continue
        num = m.group("num")
        if num is not None and num not in _KNOWN_SHORT:
            c = t[s - 1] if s else ""
            if not (c in _PHONE_CTX_LAST or c.isspace()):
                continue  # a bare number after no phone word
            if words is None and looked:
                words = _PHONE_WORD.search(t) is not None
            looked = True
            if words is False or _PHONE_CTX.search(t, max(0, s - 12), s) is None:
                continue  # a bare number after no phone word
        if taken:
            if starts is None:
                starts, reach = _spans_index(taken)
            # the spans that start before e; one of them overlaps when the furthest reaches past s
            k = bisect_left(starts, e)
            if k and reach[k - 1] > s:
                continue
        if _PHONE_NOT.search(t, max(0, s - 8), s):
            continue
        got = _phone(m, t)
        if got is None or got[0] in seen:
            continue
        seen.add(got[0])
        out.append(_new_phone(number=got[0], kind=got[1], span=(got[2], got[3])))
    return tuple(out)
