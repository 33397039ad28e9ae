"""One message in, one ``Analysis`` out: normalize, match every rule in one pass, resolve.

All literal words of all rules (keywords, anchors, exclusions, context words, and the words
a rule regex cannot match without, see prefilter.py) live in one Aho-Corasick automaton. A
message is scanned once; each keyword hit is then checked (checks.py) against its rule's
exclusions (a longer term covering the hit, 快递上门 for 上门), negations in the same
clause (我们不会上门) and required context (a debt word anywhere in the message). A regex
runs only when one of its rule's anchor words and its required words were seen.

Category, stage and tactics then follow from which rules fired (resolve.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from operator import itemgetter
from typing import Any, NamedTuple

import ahocorasick

from dunguard.model import SHANGHAI, Analysis, Category, Direction, Entities, Finding
from dunguard.text.checks import Checks, accept, compile_checks
from dunguard.text.fastinit import constructor
from dunguard.text.normalize import Normalized, normalize
from dunguard.text.prefilter import required_words
from dunguard.text.resolve import Resolver
from dunguard.text.rules import Rule, RulePack, default_pack

_SURROGATE = re.compile("[\ud800-\udfff]")
_STUB, _ROOT_STUBS = "\uffff", 400  # see Engine.__init__
MAX_CHARS = 20_000  # a message longer than this is analysed on its first MAX_CHARS characters


class _Hit(NamedTuple):
    rule: Rule
    start: int  # normalized span
    end: int


class Engine:
    """Compiled rule pack. Build once (``Engine.default()``), call ``analyze`` many times."""

    def __init__(self, pack: RulePack):
        self.pack = pack
        self._kw_rules: dict[str, list[Rule]] = {}
        self._anchor_rules: dict[str, list[Rule]] = {}
        self._entity_rules: dict[str, Rule] = {}
        # each regex with the word sets that any match has a word of (see prefilter.py)
        self._regexes: dict[str, tuple[tuple[re.Pattern[str], tuple[frozenset[str], ...]], ...]] = {}
        words: set[str] = set()
        for rule in pack.rules:
            for w in rule.keywords:
                self._kw_rules.setdefault(w, []).append(rule)
            for w in rule.anchors:
                self._anchor_rules.setdefault(w, []).append(rule)
            if rule.entity:
                self._entity_rules[rule.entity] = rule
            words.update(rule.keywords, rule.anchors, rule.exclude, rule.context, rule.unless)
        known = frozenset(words)
        for rule in pack.rules:
            self._regexes[rule.id] = tuple((p, required_words(p, known)) for p in rule.regex)
            for _p, required in self._regexes[rule.id]:
                for ws in required:
                    words.update(ws)
        self._automaton = ahocorasick.Automaton()
        # pyahocorasick finds a node's child by a linear scan in insertion order, and most
        # characters of a message are looked up at the root (hundreds of children), where a
        # character that starts no word costs a scan of them all. So the characters common
        # in messages (counted in the rule examples) go first: as first characters of words,
        # or as stubs that can never match (a word ending in a noncharacter; were one ever
        # found it would only be an occurrence no rule asks about). ~35% faster scans.
        freq = Counter(ch for r in pack.rules for ex in r.examples_match + r.examples_no_match
                       for ch in normalize(ex).text)
        for ch, _n in freq.most_common(_ROOT_STUBS):
            self._automaton.add_word(ch + _STUB, (ch + _STUB, 1))
        for w in sorted(words, key=lambda w: (-freq[w[0]], w)):
            self._automaton.add_word(w, (w, len(w) - 1))
        if words:
            self._automaton.make_automaton()
        self._has_words = bool(words)
        self._law_cache: dict[tuple[tuple[str, ...], date], tuple[str, ...]] = {}
        self._checks = {r.id: compile_checks(r) for r in pack.rules}
        # per word: the rules it is a keyword of and the regex rules it anchors (pack order),
        # with what match() needs of them precomputed
        self._plan: dict[str, tuple[tuple[Any, ...] | None, tuple[Any, ...] | None]] = {}
        for w in self._kw_rules.keys() | self._anchor_rules.keys():
            kw = tuple((r.id, r, self._checks[r.id]) for r in self._kw_rules.get(w, ()))
            anchored = tuple(_anchored(r, self._checks[r.id], self._regexes[r.id])
                             for r in self._anchor_rules.get(w, ()))
            self._plan[w] = (kw or None, anchored or None)
        self._extract: Callable[..., Entities] | None = None  # entities, imported on first use
        self._resolver = Resolver(pack)

    _default: Engine | None = None

    @classmethod
    def default(cls) -> Engine:
        if cls._default is None:
            cls._default = cls(default_pack())
        return cls._default

    # ------------------------------------------------------------------ matching

    def match(self, norm: Normalized) -> list[_Hit]:
        text = norm.text
        if not self._has_words or not text:
            return []
        occ: dict[str, list[int]] = {}  # word -> start positions
        add = occ.setdefault
        for end, (word, back) in self._automaton.iter(text):
            add(word, []).append(end - back)
        hits: list[_Hit] = []
        done: set[str] = set()
        anchored = []
        plans = self._plan
        for word, starts in occ.items():
            plan = plans.get(word)
            if plan is None:
                continue
            kw, anchors = plan
            if anchors is not None:
                anchored.append(anchors)
            if kw is None:
                continue
            n = len(word)
            for rid, rule, checks in kw:
                if rid in done:
                    continue
                for s in starts:
                    if accept(checks, text, s, s + n, occ):
                        hits.append(_Hit(rule, s, s + n))
                        done.add(rid)
                        break
        if not anchored:
            return hits
        # regex rules after all keywords, each once, in the order their first anchor occurred
        seen = set(done)
        for anchors in anchored:
            for rid, rule, checks, any_required, unless, context, regexes in anchors:
                if rid in seen:
                    continue
                seen.add(rid)
                if any_required is not None and any_required.isdisjoint(occ):
                    continue  # none of its regexes has its first required words
                if (unless and not unless.isdisjoint(occ)) or (context and context.isdisjoint(occ)):
                    continue  # accept() would refuse every match: do not look for one
                for pat, required in regexes:
                    for words in required:
                        if words.isdisjoint(occ):
                            break  # cannot match: no word of a required set occurred
                    else:
                        m = next((m for m in pat.finditer(text) if m.end() > m.start()
                                  and accept(checks, text, m.start(), m.end(), occ)), None)
                        if m is not None:
                            hits.append(_Hit(rule, m.start(), m.end()))
                            done.add(rid)
                            break
        return hits

    # ------------------------------------------------------------------ analysis

    def analyze(self, text: str, *, id: str = "", sent_at: datetime | None = None,
                direction: Direction | str | None = None) -> Analysis:
        """``direction`` as the phone's owner sees it: a message the borrower sent
        (``out``) is never collection or scam — it is ``other``, with its entities (amounts,
        dates) but no findings."""
        text = _clean(text)
        if direction is not None and Direction.parse(direction) is Direction.OUT:
            return _new_analysis(id=id, category=Category.OTHER, stage=None, tactics=(),
                                 findings=(), entities=self._entities(text, sent_at))
        hits, entities = self._hits(text, sent_at)
        d = self._resolver.decide(tuple([h[0].id for h in hits]), bool(entities.lender))
        findings: tuple[Finding, ...] = ()
        if d.keep:
            keep = d.keep
            kept = [h for h in hits if h[0].id in keep]
            if len(kept) > 1:
                kept.sort(key=_span)  # stable: hits at the same span keep their order
            findings = tuple(self._make_findings(text, kept, sent_at))
        return _new_analysis(id=id, category=d.category, stage=d.stage, tactics=d.tactics,
                             findings=findings, entities=entities)

    def analyze_raw(self, text: str, sent_at: datetime | None = None) -> list[Finding]:
        """Every finding of every rule, before category resolution (for tests and docs)."""
        text = _clean(text)
        return self._make_findings(text, self._hits(text, sent_at)[0], sent_at)

    def _entities(self, text: str, sent_at: datetime | None) -> Entities:
        extract = self._extract
        if extract is None:
            from dunguard.text.entities import extract_entities

            extract = self._extract = extract_entities
        return extract(text, sent_at=sent_at)

    def _hits(self, text: str, sent_at: datetime | None
              ) -> tuple[list[tuple[Rule, int, int]], Entities]:
        """Every rule hit (rule, start, end; spans in ``text``): keyword and regex hits in
        match order, then links; and the message's entities."""
        extract = self._extract
        if extract is None:
            from dunguard.text.entities import extract_entities

            extract = self._extract = extract_entities
        norm = normalize(text)
        hits: list[Any] = self.match(norm)
        entities = extract(text, sent_at=sent_at)
        if hits and len(norm.text) != len(text):  # else spans are the same in both texts
            to_original = norm.to_original
            hits = [(rule, *to_original(s, e)) for rule, s, e in hits]
        for url in entities.urls:
            rule = self._entity_rules.get(f"url.{url.kind}")
            if rule is not None:
                hits.append((rule, *url.span))
        return hits, entities

    def _make_findings(self, text: str, hits: list[Any], sent_at: datetime | None) -> list[Finding]:
        if sent_at is None or not hits:
            return [_make_finding(rule, text, s, e, rule.law) for rule, s, e in hits]
        day = sent_at.astimezone(SHANGHAI).date()
        return [_make_finding(rule, text, s, e, self._law_on(rule.law, day)) for rule, s, e in hits]

    def _law_on(self, ids: tuple[str, ...], day: date) -> tuple[str, ...]:
        """Cite the article in force on the day of the contact (治安管理处罚法 renumbering)."""
        key = (ids, day)
        got = self._law_cache.get(key)
        if got is None:
            from dunguard.law import load

            base = load()
            got = tuple(dict.fromkeys(base.in_force(i, day).id for i in ids))
            if len(self._law_cache) > 4096:
                self._law_cache.clear()
            self._law_cache[key] = got
        return got

    def analyze_many(self, items: Iterable[tuple[str, str, datetime | None]]) -> Iterator[Analysis]:
        """``items`` yields ``(id, text, sent_at)``; results stream in input order."""
        for mid, text, sent_at in items:
            yield self.analyze(text, id=mid, sent_at=sent_at)


_new_finding = constructor(Finding)  # Finding(...) without the frozen __init__
_new_analysis = constructor(Analysis)
_span = itemgetter(1, 2)  # a hit's (start, end)


def _make_finding(rule: Rule, original: str, s: int, e: int, law: tuple[str, ...]) -> Finding:
    return _new_finding(
        rule=rule.id, label=rule.label, span=(s, e), quote=original[s:e],
        severity=rule.severity, law=law, explanation=rule.explain,
        rule_version=rule.version,
    )


def _clean(text: str) -> str:
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    # lone surrogates (from broken JSON / UTF-16 input) would break encoding downstream
    if not text.isascii() and _SURROGATE.search(text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _anchored(rule: Rule, checks: Checks,
              regexes: tuple[tuple[re.Pattern[str], tuple[frozenset[str], ...]], ...]
              ) -> tuple[Any, ...]:
    """What match() needs of a regex rule: id, rule, checks, the words one of which must
    occur for any of its regexes to match (None: unknown), the words that refuse every
    match (unless) and those of which one must occur anywhere (context without a window)."""
    any_required = None
    if regexes and all(required for _p, required in regexes):
        any_required = frozenset().union(*(required[0] for _p, required in regexes))
    context = checks.context if checks.context_window <= 0 else frozenset()
    return rule.id, rule, checks, any_required, checks.unless, context, regexes


def analyze(text: str, *, id: str = "", sent_at: datetime | None = None,
            direction: Direction | str | None = None) -> Analysis:
    """Analyse one message with the packaged rules."""
    return Engine.default().analyze(text, id=id, sent_at=sent_at, direction=direction)
