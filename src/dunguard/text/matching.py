"""Every rule of a pack matched against one normalized message in one automaton pass.

All literal words of all rules (keywords, anchors, exclusions, context and negation words,
and the words a rule regex cannot match without, see prefilter.py) live in one Aho-Corasick
automaton. A
message is scanned once; each keyword hit is then checked (checks.py) against its rule's
exclusions (a longer term covering the hit, 快递上门 for 上门), negations in the same
clause (我们不会上门) and required context (a debt word anywhere in the message). A regex
runs only when one of its rule's anchor words and its required words were seen.

Each automaton word carries its plan: the rules it is a keyword of and the regex rules it
anchors (pack order), with what ``scan`` needs of them precomputed, so the scan itself
lists the words that have work to do, in the order they first occur. The word sets that
gate a rule (a regex's required words; any rule's ``unless`` and windowless context words)
are bits: a word carries the bits of the sets it is in, the scan ORs them, and a gate is an
integer test; ``accept`` then checks only what the gates cannot (exclusions, windows,
negations), and a rule's negations only when one of its negation words was seen (most
messages have none: their hits need no ``accept``). Positions are kept only for the words
that someone reads them of (keywords, what ``accept`` still looks up, the caller's
``extra`` words): a word that only sets gate bits or starts regex rules costs the scan no
bookkeeping.

Python's integer operations cost with the length of the integers, and the seen bits are
~1,400 of them. So the bits of the rules' gates come first (their tests read only the low
part of the seen bits), and the required sets of a rule's regexes have bits of their own,
next to each other, which the scan takes out as one short integer for the rule's regex
tests. A rule's regexes are in small blocks that carry the bits of their regexes' first
(most selective) required sets: a block with none of them seen is skipped whole. Hits are
plain (rule, start, end) tuples (``match`` gives them as ``Hit``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, NamedTuple

import ahocorasick

from dunguard.text.checks import Checks, accept, compile_checks, negation_words
from dunguard.text.normalize import Normalized, normalize
from dunguard.text.prefilter import lead, required_words
from dunguard.text.rules import Rule, RulePack

_STUB, _ROOT_STUBS = "\uffff", 400  # see Matcher.__init__
_BLOCK = 4  # regexes of a rule skipped together (see _regex_plan)

_Regexes = tuple[tuple[re.Pattern[str], tuple[frozenset[str], ...]], ...]


class Hit(NamedTuple):
    rule: Rule
    start: int  # normalized span
    end: int


_Span = tuple[Rule, int, int]  # a hit as scan() gives it: (rule, start, end), a Hit's fields


class Matcher:
    """The automaton and per-word plans of a rule pack."""

    def __init__(self, pack: RulePack, extra: frozenset[str] = frozenset()):
        """``extra``: more words to look for (their occurrences are for the caller)."""
        kw_rules: dict[str, list[Rule]] = {}
        anchor_rules: dict[str, list[Rule]] = {}
        # each regex with the word sets that any match has a word of (see prefilter.py)
        regexes: dict[str, _Regexes] = {}
        words: set[str] = set()
        for rule in pack.rules:
            for w in rule.keywords:
                kw_rules.setdefault(w, []).append(rule)
            for w in rule.anchors:
                anchor_rules.setdefault(w, []).append(rule)
            words.update(rule.keywords, rule.anchors, rule.exclude, rule.context, rule.unless)
        known = frozenset(words)
        for rule in pack.rules:
            regexes[rule.id] = tuple((p, required_words(p, known)) for p in rule.regex)
            for _p, required in regexes[rule.id]:
                for ws in required:
                    words.update(ws)
        for rule in pack.rules:  # they only set gate bits: see _negation_gate
            words.update(negation_words(rule))
        words.update(w for w in extra if w)
        checks = {r.id: compile_checks(r) for r in pack.rules}
        gates = _Gates()
        kw_of = {r.id: _keyword(r, checks[r.id], gates) for r in pack.rules if r.keywords}
        gated = {r.id: _anchored_gates(r, checks[r.id], regexes[r.id], gates)
                 for r in pack.rules if r.anchors}
        # the bits of the context sets that the category may stand in for
        # (context_from_collection): when each has a word in the message, no such rule
        # missed its context (scan's third value)
        self._loose = 0
        for r in pack.rules:
            if r.context_from_collection:
                self._loose |= gates.bits(r.context)
        # the regexes' bits after every rule's gate bits (see _regex_plan)
        anchored_of = {rid: (mask, want, rid, (rule, checks, neg, bare,
                                               *_regex_plan(regexes[rid], gates)))
                       for rid, (_rid, rule, checks, mask, want, neg, bare) in gated.items()}
        # the words whose positions someone reads: keywords (their hits), the words that
        # accept() looks up (what the gates leave of its checks) and the caller's words;
        # the others only set gate bits or start regex rules
        placed = set(kw_rules) | {w for plan in (*kw_of.values(), *gated.values())
                                  for w in _looked_up(plan[2])}
        placed.update(w for w in extra if w)
        # per word: (word if its positions are kept else None, its length - 1, its
        # keyword plan (word, length, keyword rules) or None, its anchored regex rules or
        # None, its gate bits)
        values: dict[str, tuple[Any, ...]] = {}
        for w in words:
            kw = tuple(kw_of[r.id] for r in kw_rules.get(w, ()))
            anchored = tuple(anchored_of[r.id] for r in anchor_rules.get(w, ()))
            values[w] = (w if w in placed else None, len(w) - 1, (w, len(w), kw) if kw else None,
                         anchored or None, gates.mask(w))
        self.automaton = ahocorasick.Automaton()
        # pyahocorasick finds a node's child by a linear scan in insertion order, and most
        # characters of a message are looked up at the root (hundreds of children), where a
        # character that starts no word costs a scan of them all. So the characters common
        # in messages (counted in the rule examples) go first: as first characters of words,
        # or as stubs that can never match (a word ending in a noncharacter; were one ever
        # found it would only be an occurrence no rule asks about). ~35% faster scans.
        freq = Counter(ch for r in pack.rules for ex in r.examples_match + r.examples_no_match
                       for ch in normalize(ex).text)
        for ch, _n in freq.most_common(_ROOT_STUBS):
            self.automaton.add_word(ch + _STUB, (None, 1, None, None, 0))
        for w in sorted(words, key=lambda w: (-freq[w[0]], w)):
            self.automaton.add_word(w, values[w])
        if words:
            self.automaton.make_automaton()
        self._has_words = bool(words)

    def match(self, norm: Normalized) -> list[Hit]:
        """Each rule's first accepted hit: keyword rules in the order their words first
        occur, then regex rules in the order their first anchor occurred."""
        return [Hit._make(h) for h in self.scan(norm.text)[0]]

    def scan(self, text: str) -> tuple[list[_Span], dict[str, list[int]], bool]:
        """``match`` on a normalized text, its hits as plain (rule, start, end) tuples (the
        engine reads them by index); the start positions of the words found that
        keyword rules, ``accept`` or the caller (``extra``) read; and whether a rule whose
        context may come from the category (``context_from_collection``) may have missed
        its context: whether one of their context sets has no word in the text."""
        occ: dict[str, list[int]] = {}
        if not self._has_words or not text:
            return [], occ, self._loose != 0
        get = occ.get
        keyed = []  # keyword plans of the words found, in first-occurrence order
        anchored = []  # regex rules of each anchor word occurrence, in order
        seen_sets = 0  # bits of the gate sets with a word found
        for end, (word, back, kw, anchors, bits) in self.automaton.iter(text):
            seen_sets |= bits
            if anchors is not None:
                anchored.append(anchors)
            if word is not None:
                starts = get(word)
                if starts is None:
                    occ[word] = [end - back]
                    if kw is not None:
                        keyed.append(kw)
                else:
                    starts.append(end - back)
        hits: list[_Span] = []
        done: set[str] = set()
        for word, n, kw in keyed:
            starts = occ[word]
            for rid, rule, checks, mask, want, neg, bare in kw:
                if rid in done or seen_sets & mask != want:
                    continue  # done, or accept() would refuse every hit of it
                if not seen_sets & neg:
                    checks = bare  # none of its negation words: no negation to look for
                if checks is None:  # the gates did every check: the first occurrence stands
                    s = starts[0]
                    hits.append((rule, s, s + n))
                    done.add(rid)
                    continue
                for s in starts:
                    if accept(checks, text, s, s + n, occ):
                        hits.append((rule, s, s + n))
                        done.add(rid)
                        break
        loose = seen_sets & self._loose != self._loose
        if not anchored:
            return hits, occ, loose
        # regex rules after all keywords, each once, in the order their first anchor occurred
        # (a rule met again through a later occurrence is done; one that its gates refuse
        # is refused again, so only the rules that pass them need marking)
        for anchors in anchored:
            for mask, want, rid, plan in anchors:
                if seen_sets & mask != want or rid in done:
                    continue  # no regex of it can match, accept() would refuse every match, or done
                done.add(rid)
                rule, checks, neg, bare, shift, lmask, blocks = plan
                if not seen_sets & neg:
                    checks = bare  # none of its negation words: no negation to look for
                # its regexes' sets seen, and the set that every text has (_Gates.local)
                seen = (seen_sets >> shift) & lmask | 1
                hit = None
                for firsts, regexes in blocks:
                    if not seen & firsts:
                        continue  # no regex of the block has its first required set
                    for pat, first_of, back, required in regexes:
                        if seen & required != required:
                            continue  # a required set has no word in the message
                        # the regex, or what re searches faster of it, whose first match
                        # is at most ``back`` after the regex's (prefilter.lead)
                        first = first_of(text)
                        if first is None:
                            continue  # most regexes that run find nothing: spare finditer
                        # the first non-empty match accept() takes (finditer from where the
                        # first match can start yields what finditer from the start would)
                        for m in pat.finditer(text, max(first.start() - back, 0)):
                            s, e = m.span()
                            if e > s and (checks is None or accept(checks, text, s, e, occ)):
                                hit = (rule, s, e)
                                break
                        if hit is not None:
                            break
                    if hit is not None:
                        hits.append(hit)
                        break
        return hits, occ, loose


class _Gates:
    """A bit for every word set that gates a rule; per word, the bits of its sets."""

    def __init__(self) -> None:
        self._bit: dict[frozenset[str], int] = {}
        self._masks: dict[str, int] = {}
        self._n = 0  # bits given

    def _new_bit(self, words: frozenset[str]) -> int:
        bit = 1 << self._n
        self._n += 1
        for w in words:
            self._masks[w] = self._masks.get(w, 0) | bit
        return bit

    def bits(self, *sets: frozenset[str]) -> int:
        """The bits of ``sets`` (empty sets have none)."""
        out = 0
        for words in sets:
            if words:
                bit = self._bit.get(words)
                if bit is None:
                    bit = self._bit[words] = self._new_bit(words)
                out |= bit
        return out

    def local(self, groups: list[tuple[frozenset[str], ...]]
              ) -> tuple[int, int, list[tuple[int, int]]]:
        """Bits of their own, next to each other, for the sets of ``groups`` (per group,
        its sets, the most selective first): the shift and mask that take them out of the
        seen bits as a short integer, and per group the bits of its sets and the bit of its
        first set in that integer. The lowest of them stands for a set that every text has
        (the scan sets it in the short integer): the set of a group without sets."""
        shift, own = self._n, {}
        self._n += 1
        for sets in groups:
            for words in sets:
                if words not in own:
                    own[words] = self._new_bit(words) >> shift
        return shift, (1 << (self._n - shift)) - 1, [
            (sum(own[w] for w in set(sets)), own[sets[0]]) if sets else (1, 1)
            for sets in groups]

    def mask(self, word: str) -> int:
        return self._masks.get(word, 0)


def _looked_up(checks: Checks | None) -> frozenset[str]:
    """The words whose positions ``accept`` reads with these checks."""
    return frozenset() if checks is None else checks.unless | checks.exclude | checks.context


def _gated(checks: Checks, gates: _Gates) -> tuple[int, int, Checks | None]:
    """A rule's word-set tests as gates: the bits of its context set (when the set has no
    window), those of its ``unless`` words, and its checks without those two tests, which
    the gates already did (None when nothing is left to check: ``accept`` would take every
    hit, and scan() need not call it)."""
    whole = checks.context_window <= 0
    need = gates.bits(checks.context if whole else frozenset())
    light = checks._replace(unless=frozenset(), context=frozenset() if whole else checks.context)
    if not (light.exclude or light.context or light.neg_before is not None
            or light.neg_after is not None):
        return need, gates.bits(checks.unless), None
    return need, gates.bits(checks.unless), light


def _gate_test(need: int, refuse: int) -> tuple[int, int]:
    """The gates of a rule as one test, ``seen & mask == want``: every ``need`` bit seen and
    no ``refuse`` bit (one integer operation less per rule than testing them apart). A bit
    both needed and refused can never pass: ``want`` -1 equals no mask."""
    return need | refuse, -1 if need & refuse else need


def _negation_gate(rule: Rule, light: Checks | None, gates: _Gates) -> tuple[int, Checks | None]:
    """The bit of a rule's negation words and its gated checks without the negations: when
    the scan has seen none of those words, the negation regexes cannot match (they look for
    nothing else), so the checks without them decide the same (None: nothing left, the
    first hit stands). A rule without negations has no bit, and its checks as they are."""
    if light is None or (light.neg_before is None and light.neg_after is None):
        return 0, light
    bare = light._replace(neg_before=None, neg_after=None)
    if not (bare.exclude or bare.context or bare.unless):
        bare = None
    return gates.bits(negation_words(rule)), bare


def _keyword(rule: Rule, checks: Checks, gates: _Gates) -> tuple[Any, ...]:
    """What scan() needs of a keyword rule: id, rule, its gated checks and its gate test
    (``_gated``, ``_gate_test``), and its negation gate (``_negation_gate``)."""
    need, refuse, light = _gated(checks, gates)
    return rule.id, rule, light, *_gate_test(need, refuse), *_negation_gate(rule, light, gates)


def _anchored_gates(rule: Rule, checks: Checks, regexes: _Regexes,
                    gates: _Gates) -> tuple[Any, ...]:
    """What scan() needs of a regex rule before its regexes: id, rule, its gated checks and
    its gate test (``_gated``, ``_gate_test``), whose need bits add, when every regex needs
    some word, the set of the words one of which any of its regexes needs; and its negation
    gate (``_negation_gate``)."""
    need, refuse, light = _gated(checks, gates)
    if regexes and all(required for _p, required in regexes):
        need |= gates.bits(frozenset().union(*(required[0] for _p, required in regexes)))
    return rule.id, rule, light, *_gate_test(need, refuse), *_negation_gate(rule, light, gates)


def _regex_plan(regexes: _Regexes, gates: _Gates) -> tuple[Any, ...]:
    """The rest of a regex rule's plan: the shift and mask that take the bits of its
    regexes' required word sets out of the seen bits as a short integer (``_Gates.local``),
    and its regexes in blocks of ``_BLOCK`` (pack order): per block, the bits of the first
    (most selective) required set of each of its regexes, and per regex, the search of
    its lead and how far before the lead's first match its own may start (prefilter.lead)
    and the bits of its required sets (prefilter.py). A regex runs only when every one of its sets was seen, its
    first among them: a block none of whose first sets was seen has no regex to run."""
    shift, mask, local = gates.local([required for _p, required in regexes])
    plans = [(p, first.search, back, bits)
             for (p, _r), (bits, _f) in zip(regexes, local, strict=True)
             for first, back in [lead(p)]]
    firsts = [f for _bits, f in local]
    blocks = tuple((sum(set(firsts[i:i + _BLOCK])), tuple(plans[i:i + _BLOCK]))
                   for i in range(0, len(plans), _BLOCK))
    return shift, mask, blocks
