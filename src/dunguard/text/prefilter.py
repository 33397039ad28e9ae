"""Words a regex match cannot do without, so that the engine can skip a regex cheaply.

``required_words(pattern)`` reads the parsed pattern and returns sets of literal strings
such that every match of the pattern contains at least one word of EACH set
(``(通知|联系)[^。]{0,8}(父母|家人)`` → ``{"通知", "联系"}`` and ``{"父母", "家人"}``), or
``()`` when it finds no useful set. The engine adds these words to its Aho-Corasick
automaton, which scans the message anyway: a rule regex then runs only when every set had a
word in the message, instead of on every message that has one of the rule's anchor words.
Skipping a regex that cannot match changes no result.

The analysis is conservative: anything it does not understand (flags, back-references,
classes other than a few listed characters) contributes no requirement, never a wrong one.

``lead(pattern)`` gives what the engine searches first for a regex that ``re`` cannot
skip through quickly (one that starts with a lookbehind, a class or an optional group):
the regex from its first literal character on, and how far before that part's first
match the regex's first match may start.
"""

from __future__ import annotations

import re
from re import _compiler
from re import _constants as C  # noqa: N812 - the parser's own names
from re import _parser as P  # noqa: N812

MAX_WORDS = 64  # larger sets are not worth a prefilter
MIN_LEN = 2  # single characters would fire on almost every message
MAX_SETS = 3
MAX_BACK = 12  # the widest prefix that ``lead`` drops (characters)

_ZERO_WIDTH = (C.ASSERT, C.ASSERT_NOT, C.AT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))
_Items = list[tuple[object, object]]


def required_words(pattern: re.Pattern[str],
                   known: frozenset[str] = frozenset()) -> tuple[frozenset[str], ...]:
    """Sets of strings such that every match of ``pattern`` contains a word of each set
    (the most selective first, at most ``MAX_SETS``); ``()`` when none is known. Sets with
    words shorter than ``MIN_LEN`` are kept only when all their words are ``known`` (the
    automaton looks for them anyway)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE | re.LOCALE):
        return ()
    try:
        parsed = P.parse(pattern.pattern, pattern.flags)
    except re.error:
        return ()
    sets: list[frozenset[str]] = []
    for cand in sorted(_valid(_requirements(list(parsed.data))), key=_selectivity, reverse=True):
        if min(map(len, cand)) < MIN_LEN and not known.issuperset(cand):
            continue
        # a word that contains another one adds nothing (上门拜访 is found when 拜访 is)
        got = frozenset(w for w in cand if not any(v != w and v in w for v in cand))
        if got not in sets:
            sets.append(got)
    return tuple(sets[:MAX_SETS])


def _valid(cands: list[set[str]]) -> list[set[str]]:
    return [c for c in cands if c and "" not in c and len(c) <= MAX_WORDS]


def _selectivity(c: set[str]) -> tuple[int, int]:
    return min(map(len, c)), -len(c)  # longest shortest word, then fewest words


def _best(cands: list[set[str]]) -> set[str] | None:
    """The most selective requirement."""
    cands = _valid(cands)
    return max(cands, key=_selectivity) if cands else None


def _exact(op: object, av: object) -> set[str] | None:
    """Every string one item can match, if it is made of literals only (and few)."""
    if op is C.LITERAL:
        return {chr(av)}  # type: ignore[arg-type]
    if op is C.IN:
        chars = set()
        for iop, iav in av:  # type: ignore[attr-defined]
            if iop is not C.LITERAL:
                return None  # ranges, categories, negation
            chars.add(chr(iav))
        return chars
    if op is C.SUBPATTERN:
        _group, add, delete, sub = av  # type: ignore[misc]
        return None if add or delete else _exact_seq(list(sub.data))
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:  # type: ignore[index]
            got = _exact_seq(list(alt.data))
            if got is None:
                return None
            out |= got
        return out if len(out) <= MAX_WORDS else None
    if op in _ZERO_WIDTH:
        return {""}  # consumes nothing; what it asserts only narrows the matches
    return None


def _exact_seq(items: _Items) -> set[str] | None:
    out = {""}
    for op, av in items:
        got = _exact(op, av)
        if got is None:
            return None
        out = {a + b for a in out for b in got}
        if len(out) > MAX_WORDS:
            return None
    return out


def _requirements(items: _Items) -> list[set[str]]:
    """Candidate requirements of a sequence: each a set of strings one of which every match
    of the sequence contains. Consecutive literal items combine into longer strings."""
    cands: list[set[str]] = []
    run: set[str] = {""}
    for op, av in items:
        got = _exact(op, av)
        if got is not None:
            joined = {a + b for a in run for b in got}
            if len(joined) <= MAX_WORDS:
                run = joined
                continue
            cands.append(run)
            run = got
            continue
        cands.append(run)
        run = {""}
        cands.extend(_inner(op, av))
    cands.append(run)
    return cands


def _inner(op: object, av: object) -> list[set[str]]:
    """Requirements of one item that is not plain literals."""
    if op is C.SUBPATTERN:
        _group, add, delete, sub = av  # type: ignore[misc]
        return [] if add or delete else _requirements(list(sub.data))
    if op is C.ATOMIC_GROUP:
        return _requirements(list(av.data))  # type: ignore[attr-defined]
    if op in _REPEATS:
        lo, _hi, sub = av  # type: ignore[misc]
        return _requirements(list(sub.data)) if lo >= 1 else []
    if op is C.BRANCH:
        union: set[str] = set()
        for alt in av[1]:  # type: ignore[index]
            best = _best(_requirements(list(alt.data)))
            if best is None:
                return []  # one way through without a required word
            union |= best
        return [union] if len(union) <= MAX_WORDS else []
    return []


def without_lookbehind(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` without its leading lookbehind, when it starts with one and what follows
    starts with literals; else None. ``re`` finds no prefix for a pattern that starts with
    a lookbehind and tries it at every position, while the rest starts with literals it can
    skip to. Every match of ``pattern`` is one of the rest at the same start (the lookbehind
    consumes nothing), so the rest finding nothing means ``pattern`` finds nothing, and its
    first match starts no later than ``pattern``'s."""
    source = pattern.pattern
    if not source.startswith(("(?<!", "(?<=")) or pattern.flags & re.VERBOSE:
        return None
    end = _group_end(source)
    if end is None:
        return None
    try:
        whole = P.parse(source, pattern.flags)
        rest = re.compile(source[end:], pattern.flags)
        parsed = P.parse(rest.pattern, rest.flags)
    except re.error:
        return None
    items = list(whole.data)
    if not items or items[0][0] not in (C.ASSERT, C.ASSERT_NOT) or items[0][1][0] != -1:
        return None
    # the same items after the lookbehind, with the same group numbers
    if repr(items[1:]) != repr(list(parsed.data)) or rest.groups != pattern.groups:
        return None
    lead = list(parsed.data)[:1]
    first = _exact(*lead[0]) if lead else None
    if not first or "" in first:
        return None  # the rest starts with no literal either: nothing to gain
    return rest


def lead(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], int]:
    """A regex to search before ``pattern``, and how far before its first match the first
    match of ``pattern`` may start: ``(without_lookbehind(pattern), 0)`` when there is
    one; else, when ``pattern`` starts with items of at most ``MAX_BACK`` characters
    before its first literal character (``[\\u4e00-\\u9fff]{2,3}的…``, ``(于|在)?[0-9]{1,2}月…``),
    the rest from that character and the most those items take; else ``(pattern, 0)``.
    ``re`` finds no literal to skip to in such a prefix and tries the pattern at every
    position, while it skips to the rest's first character. Every match of ``pattern`` at
    ``m`` has a match of the rest at ``m + k`` (``k`` at most the prefix's width; the rest
    reads the same text there, and refers to no group of the prefix), so the rest finding
    nothing means ``pattern`` finds nothing, and the first match of ``pattern`` starts no
    earlier than the rest's first match minus that width."""
    rest = without_lookbehind(pattern)
    if rest is not None:
        return rest, 0
    if pattern.flags & re.VERBOSE:
        return pattern, 0
    try:
        parsed = P.parse(pattern.pattern, pattern.flags)
    except re.error:
        return pattern, 0
    items = list(parsed.data)
    first = next((i for i, (op, _av) in enumerate(items) if op is C.LITERAL), 0)
    if first == 0 or "GROUPREF" in repr(items):
        return pattern, 0  # starts with a literal already, has none, or refers to groups
    _lo, back = P.SubPattern(parsed.state, items[:first]).getwidth()
    if back > MAX_BACK:
        return pattern, 0
    return _compiler.compile(P.SubPattern(parsed.state, items[first:]), pattern.flags), back


def _group_end(source: str) -> int | None:
    """The index just past the group that opens ``source``."""
    depth, i, in_class = 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if source.startswith(("[]", "[^]"), i):  # a ] right after [ or [^ is literal
                i += 2 if source[i + 1] == "]" else 3
                continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None
