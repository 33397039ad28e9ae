"""De-identification: phone numbers and person names become salted hashes in every output.

A hash is HMAC-SHA256 under the user's salt, written as ``P#`` (phone) or ``N#`` (name) plus
ten letters (never digits, so a token is never read as a number again). The same number or
name gives the same token everywhere — sender column, message text, quotes, findings — so
counts and joins still work; without the salt nobody can test a guess. The salt stays with
the user (``--salt-file``); ``--keep-identities`` turns all of this off.

What counts:
- phone numbers: mobiles (``+86 139-2740-5518`` …) and landlines with an area code, written
  in the text or found by the text engine, and sender/recipient columns; a lender's own
  channels — 106… SMS ports, 95… and 400/800 service numbers, short codes — are not a
  person's and stay as they are;
- long digit runs (15–19 digits: ID card and bank card numbers) become ``ID#…``;
- person names: the values of the table's name column wherever they occur, and names in the
  places Chinese messages put them (尊敬的王芳、张伟你好、您是李娜的紧急联系人 …). This is a
  heuristic; a name written elsewhere in free text can stay.

Positions inside a message (finding spans) are moved to the rewritten text, so a quote is
still exactly ``text[span]``.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import secrets
from collections.abc import Iterable, Sequence
from pathlib import Path

from dunguard.errors import UsageError
from dunguard.timeline.contacts import normalize_number  # the timeline's spelling of a number

_ALPHABET = "abcdefghjkmnpqrstuvwxyz"
_PAIRS = [_ALPHABET[r % 23] + _ALPHABET[r // 23] for r in range(23 * 23)]

_MOBILE = r"(?:(?:\+?86|0086)[-\s]?)?1[3-9]\d(?:[-\s]?\d){8}"
_LANDLINE = r"(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[-\s]?)\d{7,8}"
_PHONE = re.compile(rf"(?<![\d.])(?:{_MOBILE}|{_LANDLINE})(?!\d)")
_LONG = r"(?<![\d.])\d{15,18}[\dXx](?![\dA-Za-z])|(?<![\d.])\d{15,19}(?!\d)"
_NUMBERS = re.compile(rf"(?P<id>{_LONG})|(?<![\d.])(?P<phone>{_MOBILE}|{_LANDLINE})(?!\d)")
# Every match of _NUMBERS is made of these characters only and is at least 10 long (a
# landline); scanning just such stretches finds the same matches several times faster.
_NUMBER_STRETCH = re.compile(r"[\dXx+\-\s()（）]{10,}")
_DIGITS = re.compile(r"\d")
_ACCOUNT_DIGITS = re.compile(r"(?<!\d)\d{8,}(?!\d)")
_NON_DIGIT = re.compile(r"[^0-9]")

_SURNAMES_2 = "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|夏侯|长孙|宇文|司徒|端木"
_SURNAMES_1 = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
               "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯"
               "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章"
               "鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆"
               "蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚"
               "岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛"
               "仲虞敖巩明佘池查麻苑迟邝")
_STOP = "的了在是已于您你我他她欠逾未还借将被把给向和与及或等先女同老经本家父母款号码"
_GIVEN = rf"(?:(?![{_STOP}])[\u4e00-\u9fff]){{1,2}}"
_NAME = rf"(?:{_SURNAMES_2}|[{_SURNAMES_1}]){_GIVEN}"
_BEFORE = ("尊敬的|亲爱的|客户|用户|借款人|债务人|欠款人|担保人|紧急联系人|联系人|我是|你是|您是|"
           "催收员|专员|经办人|姓名[:：]?")
_AFTER = ("你好|您好|先生|女士|小姐|同学|老师|经理|的紧急联系人|的联系人|的家属|的父亲|的母亲|"
          "的配偶|的家人|本人")
_NAMES = re.compile(rf"(?:{_BEFORE})\s?(?P<a>{_NAME})|(?P<b>{_NAME})(?={_AFTER})")
_NAME_HINT = re.compile(rf"{_BEFORE}|{_AFTER}")
_SENDER_NAME = re.compile(rf"^{_NAME}$")

Replacement = tuple[int, int, str]  # start, end (in the original), token


def load_salt(path: Path) -> bytes:
    """The salt in ``path``, created (random, readable by the user only) when missing."""
    try:
        if path.exists():
            salt = path.read_bytes().strip()
            if len(salt) < 16:
                raise UsageError("盐文件太短（至少 16 个字符）", file=str(path))
            return salt
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32) + "\n")
        return path.read_bytes().strip()
    except OSError as e:
        raise UsageError(f"无法读写盐文件：{e.strerror}", file=str(path)) from e


def is_service_number(number: str) -> bool:
    """A lender's or company's channel, not a person's: 106… ports, 95…/96… service numbers,
    400/800 numbers and short codes."""
    return _is_service(normalize_number(number))


def _is_service(n: str) -> bool:
    """``is_service_number`` of a number already normalised."""
    if not n.isdigit():
        return False
    return (n.startswith("106") or (n.startswith(("95", "96")) and len(n) <= 8)
            or (n.startswith(("400", "800")) and len(n) == 10) or len(n) <= 6)


class Deidentifier:
    """Replaces identities by salted hashes; with ``salt=None`` it changes nothing."""

    def __init__(self, salt: bytes | None):
        self.salt = salt
        self.enabled = salt is not None
        self._cache: dict[str, str] = {}
        self._short: dict[str | None, str | None] = {}  # phone columns, case ids, lenders
        # HMAC-SHA256 with its keyed inner and outer states made once (what hmac.copy does)
        key = (salt or b"")
        if len(key) > 64:
            key = hashlib.sha256(key).digest()
        key = key.ljust(64, b"\0")
        self._inner = hashlib.sha256(bytes(c ^ 0x36 for c in key))
        self._outer = hashlib.sha256(bytes(c ^ 0x5C for c in key))

    def token(self, prefix: str, value: str) -> str:
        key = prefix + value
        got = self._cache.get(key)
        if got is None:
            inner = self._inner.copy()
            inner.update(key.encode())
            outer = self._outer.copy()
            outer.update(inner.digest())
            n = int.from_bytes(outer.digest()[:8], "big")
            # ten letters, the lowest base-23 digit first, two at a time
            chars = []
            for _ in range(5):
                n, r = divmod(n, 529)
                chars.append(_PAIRS[r])
            got = f"{prefix}#{''.join(chars)}"
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = got
        return got

    def phone(self, raw: str | None) -> str | None:
        """A number column's value (sender, recipient, a finding's numbers)."""
        if not self.enabled or not raw:
            return raw
        got = self._short.get(raw)
        if got is None:
            got = self._phone(raw)
            self._remember(raw, got)
        return got

    def _remember(self, key: str, value: str | None) -> None:
        if len(self._short) > 100_000:
            self._short.clear()
        self._short[key] = value

    def _phone(self, raw: str) -> str:
        if not _DIGITS.search(raw):
            return self.token("N", raw.strip()) if _SENDER_NAME.match(raw.strip()) else raw
        n = normalize_number(raw)
        if _is_service(n) or len(_NON_DIGIT.sub("", raw)) < 7:
            return raw
        return self.token("P", n)

    def name(self, raw: str | None) -> str | None:
        if not self.enabled or not raw:
            return raw
        return self.token("N", raw.strip())

    def replacements(self, text: str, names: Iterable[str] = (),
                     spans: Iterable[tuple[int, int]] = (),
                     accounts: Iterable[str] = ()) -> list[Replacement]:
        """What to replace in ``text``: numbers, known ``names``, name-like words, the given
        ``spans`` (phones the text engine found) and the digits of payment ``accounts`` it
        quoted (a personal card or wallet number of 8 digits or more)."""
        found: list[Replacement] = []
        for acc in accounts:
            at = text.find(acc) if _ACCOUNT_DIGITS.search(acc) else -1
            while at >= 0:
                for m in _ACCOUNT_DIGITS.finditer(acc):
                    digits = m.group()
                    tok = (self.token("P", normalize_number(digits)) if _PHONE.fullmatch(digits)
                           else self.token("ID", digits))
                    found.append((at + m.start(), at + m.end(), tok))
                at = text.find(acc, at + len(acc))
        if _DIGITS.search(text):
            for stretch in _NUMBER_STRETCH.finditer(text):
                # endpos one past the stretch: the lookaheads see the next character
                for m in _NUMBERS.finditer(text, stretch.start(), stretch.end() + 1):
                    if m.lastgroup == "id":
                        found.append((m.start(), m.end(), self.token("ID", m.group().upper())))
                    else:
                        found.append((m.start(), m.end(),
                                      self.token("P", normalize_number(m.group()))))
            seen = {(r[0], r[1]) for r in found} if spans else ()
            for s, e in spans:
                if (s, e) in seen:
                    continue  # the same stretch as a number found above: the same token
                raw = text[s:e]
                if e > s and not is_service_number(raw) and len(_NON_DIGIT.sub("", raw)) >= 7:
                    found.append((s, e, self.token("P", normalize_number(raw))))
        for n in names:
            n = n.strip()
            if len(n) >= 2:
                start = text.find(n)
                while start >= 0:
                    found.append((start, start + len(n), self.token("N", n)))
                    start = text.find(n, start + len(n))
        if _NAME_HINT.search(text):
            for m in _NAMES.finditer(text):
                g = "a" if m.group("a") else "b"
                found.append((m.start(g), m.end(g), self.token("N", m.group(g))))
        if not found:
            return []
        # keep the earliest, longest replacement where several overlap
        found.sort(key=lambda r: (r[0], -(r[1] - r[0])))
        out: list[Replacement] = []
        for r in found:
            if out and r[0] < out[-1][1]:
                continue
            out.append(r)
        return out

    def text(self, text: str | None, names: Iterable[str] = (), *,
             account: bool = False) -> str | None:
        """``text`` with identities replaced; ``account``: the whole text is a payment
        account the engine quoted (its long digit runs are hashed too)."""
        if not self.enabled or not text:
            return text
        if names or account or len(text) > 40:
            return apply(text, self.replacements(text, names, accounts=(text,) if account else ()))
        key = "\0" + text  # short texts (ids, lender names) repeat: remember them
        got = self._short.get(key)
        if got is None:
            if _NUMBER_STRETCH.search(text) is None and _NAME_HINT.search(text) is None:
                got = text  # no number and no name-like word can be in it
            else:
                got = apply(text, self.replacements(text))
            self._remember(key, got)
        return got


def apply(text: str, reps: Sequence[Replacement]) -> str:
    if not reps:
        return text
    parts, last = [], 0
    for s, e, tok in reps:
        parts.append(text[last:s])
        parts.append(tok)
        last = e
    parts.append(text[last:])
    return "".join(parts)


class SpanMap:
    """Positions in the original text → positions in the rewritten text."""

    def __init__(self, reps: Sequence[Replacement]):
        self._starts = [r[0] for r in reps]
        self._reps = reps
        shift, self._shift = 0, []
        for s, e, tok in reps:
            self._shift.append(shift)  # shift before this replacement
            shift += len(tok) - (e - s)
        self._total = shift

    def start(self, pos: int) -> int:
        return self._map(pos, end=False)

    def end(self, pos: int) -> int:
        return self._map(pos, end=True)

    def _map(self, pos: int, *, end: bool) -> int:
        if end:  # the last replacement that starts before the end
            i = bisect.bisect_left(self._starts, pos) - 1
        else:  # the last replacement that starts at or before the start
            i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        s, e, tok = self._reps[i]
        before = self._shift[i]
        if pos >= e:
            return pos + before + len(tok) - (e - s)
        # inside a replaced stretch: widen to the whole token
        return s + before + (len(tok) if end else 0)
