"""Whether a rule's hit stands: the checks the engine runs on every candidate hit.

A keyword or regex hit is refused when one of the rule's ``unless`` words occurs in the
message, when a longer excluded term covers it (快递上门 for 上门), when its context words
are missing, or when a negation sits in the same clause (我们不会上门). ``compile_checks``
prepares a rule once: its negations become one regex per side, bounded by the clause —
before the hit, a negation followed by nothing but non-break characters up to the hit;
after it, one reached without crossing a break (sentence and comma-like punctuation).
``occ`` maps every automaton word found in the message to its start positions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from dunguard.text.rules import Rule

# negation scope: the clause around a hit, cut at sentence and comma-like punctuation
BREAKS = "。!?;\\n！？；…,，、:："  # as a regex character class body
_BREAK_CHARS = frozenset("。!?;\n！？；…,，、:：")  # the same characters
_NOT_BREAK = f"[^{BREAKS}]"


class Checks(NamedTuple):
    """A rule's acceptance data, precompiled once per engine."""

    unless: frozenset[str]
    exclude: frozenset[str]
    context: frozenset[str]
    context_window: int
    neg_before: re.Pattern[str] | None  # search(text, s - neg_window, s)
    neg_after: re.Pattern[str] | None  # match(text, e, e + neg_window)
    neg_window: int


def compile_checks(rule: Rule) -> Checks:
    before, after = _alternation(rule.negations), _alternation(rule.neg_after)
    return Checks(
        rule.unless, frozenset(rule.exclude), rule.context, rule.context_window,
        None if before is None else re.compile(f"(?:{before})(?={_NOT_BREAK}*\\Z)"),
        None if after is None else re.compile(f"{_NOT_BREAK}*?(?:{after})"),
        rule.neg_window,
    )


def accept(checks: Checks, text: str, s: int, e: int, occ: dict[str, list[int]]) -> bool:
    """Whether a hit at ``text[s:e]`` stands: no ``unless`` word, no exclusion covering it,
    its context present, no negation in its clause."""
    unless, exclude, context, window, neg_before, neg_after, neg_window = checks
    if unless and not unless.isdisjoint(occ):
        return False
    if exclude and not exclude.isdisjoint(occ):
        for x in exclude.intersection(occ):  # a longer term covering this hit cancels it
            # a word's starts are in text order (the scan meets them in order of their end):
            # the one that may cover the hit is the first that starts at e - len(x) or later
            starts = occ[x]
            i = bisect_left(starts, e - len(x))
            if i < len(starts) and starts[i] <= s:
                return False
    if context:
        if window <= 0:
            if context.isdisjoint(occ):
                return False
        else:
            lo, hi = s - window, e + window
            if not any(lo <= p <= hi for w, ps in occ.items() if w in context for p in ps):
                return False
    if neg_before is not None and neg_before.search(text, max(0, s - neg_window), s):
        return False
    return neg_after is None or neg_after.match(text, e, e + neg_window) is None


def negation_words(rule: Rule) -> frozenset[str]:
    """Every word that the negation regexes of ``rule`` can match: a text with none of them
    (anywhere) has no negation for any hit of the rule."""
    return frozenset(w for w in (*rule.negations, *rule.neg_after) if w and _BREAK_CHARS.isdisjoint(w))


def _alternation(words: tuple[str, ...]) -> str | None:
    # a negation word with a clause break in it can never be found inside one clause
    words = tuple(w for w in words if _BREAK_CHARS.isdisjoint(w))
    if not words:
        return None
    return "|".join(_negation(w) for w in sorted(words, key=len, reverse=True))


def _negation(word: str) -> str:
    """The regex of one negation word. "不是", "没有", "不会", "不要" … inside an A-not-A
    question ("你是不是脑子有病", "有没有钱还", "会不会上门", "还不还钱") negate nothing: the
    verb right before them is their own second character."""
    if len(word) >= 2 and word[0] in "不没":
        return f"(?<!{re.escape(word[1])}){re.escape(word)}"
    return re.escape(word)
