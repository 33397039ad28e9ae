"""Entities in one Chinese message: lender, amounts, overdue days, deadlines, phones, links
and payment accounts.

``extract_entities(text, sent_at=…)`` reads the ORIGINAL text (spans point into it) and
returns :class:`dunguard.model.Entities`. It is on the hot path of every message, so each
entity kind first does a cheap substring check, regexes are compiled once and phone
validation is cached. Work is bounded (:mod:`.limits`): only the first ``MAX_SCAN``
characters are read and each kind keeps at most ``MAX_PER_KIND`` results, so hostile input
(10 MB lines, junk) costs linear time.

One module per concept: :mod:`.lenders` (lexicon, signatures, lender kinds),
:mod:`.money` (numerals, amounts, overdue days), :mod:`.deadlines` and :mod:`.contacts`
(links, payment accounts, phones). This module only combines them.
"""

from __future__ import annotations

import re
from datetime import datetime

from dunguard.model import Entities, Url
from dunguard.text.entities.contacts import (
    _MOBILE_PREFIX,
    _accounts,
    _phones,
    _urls,
    _valid_landline,
    digit_map,
)
from dunguard.text.entities.deadlines import _DEADLINE_HINT, _deadlines
from dunguard.text.entities.found import Found
from dunguard.text.entities.lenders import (
    _KIND,
    KINDS,
    LEXICON_WORDS,
    _lenders,
    lender_kind,
    without_payee_banks,
)
from dunguard.text.entities.limits import MAX_PER_KIND, MAX_SCAN
from dunguard.text.entities.money import _amounts, _overdue, parse_number
from dunguard.text.fastinit import constructor

__all__ = ["KINDS", "MAX_PER_KIND", "MAX_SCAN", "extract_entities", "lender_kind", "parse_number",
           "scan_words", "_KIND", "_MOBILE_PREFIX", "_valid_landline"]

_EMPTY = Entities()
_new_entities = constructor(Entities)  # Entities(...) without the frozen __init__

def scan_words() -> frozenset[str]:
    """The words whose occurrences ``extract_entities`` can take as ``found``."""
    return LEXICON_WORDS.keys if LEXICON_WORDS.usable else frozenset()


_CARD_RUN = re.compile(r"\d{4}[\s-]?\d{4}[\s-]?\d{4}")  # a bank card's number, or part of one
_HAS_CN_NUM = re.compile(r"[一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾]")


def extract_entities(text: str, *, sent_at: datetime | None = None,
                     signature_hint: str | None = None, found: Found | None = None) -> Entities:
    """Entities of one message. ``sent_at`` resolves relative deadlines (Asia/Shanghai);
    ``signature_hint`` is a sender name or signature known from elsewhere (read like a
    【signature】). ``found``: what an automaton scan of the character images of ``text``
    found of ``scan_words()`` (see found.py), so that those need not be searched again.
    Never raises on str input; spans point into ``text``."""
    if not text or not isinstance(text, str):
        return _EMPTY
    t = text
    if len(text) > MAX_SCAN:
        t, found = text[:MAX_SCAN], None
    dm = digit_map(t)  # what the digit entities look for first (contacts.py)
    has_digits = 48 in dm  # an int: memchr (a bytes needle costs a TypeError inside first)
    numeric = has_digits or _HAS_CN_NUM.search(t) is not None

    lender = _lenders(t, signature_hint, found)
    if lender and has_digits and _CARD_RUN.search(t) is not None:
        lender = without_payee_banks(t, lender)  # the bank of a payee's account is no creditor
    acc, taken = _accounts(t, dm)  # account numbers and the spans phones must avoid
    urls: tuple[Url, ...] = ()
    if "." in t:
        urls, qr = _urls(t)
        if urls:
            # the QR links first, then the accounts not among them (each list has no repeats)
            acc = qr + [a for a in acc if a not in qr] if qr else acc
            taken = [u.span for u in urls] + taken
    amounts = _amounts(t) if numeric else ()
    overdue = _overdue(t) if numeric and ("逾期" in t or "超期" in t or "拖欠" in t) else ()
    # without a sent time only a full date (a year 20XX) gives a deadline (deadlines.py
    # _has_full_date): most texts have no "20", which is quicker to look for than the hint
    deadlines = _deadlines(t, sent_at) if (
        (sent_at is not None or "20" in t) and _DEADLINE_HINT.search(t)) else ()
    phones = _phones(t, taken, dm) if has_digits else ()
    if not (lender or amounts or overdue or deadlines or phones or urls or acc):
        return _EMPTY
    return _new_entities(lender=lender, amounts=amounts, overdue_days=overdue,
                         deadlines=deadlines, phones=phones, urls=urls,
                         accounts=tuple(acc[:MAX_PER_KIND]))
