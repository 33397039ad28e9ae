"""One message in, one ``Analysis`` out: normalize, match every rule in one pass, resolve.

Matching (matching.py): every rule in one automaton pass over the normalized text.
Entities (entities/) are read from the original text.
Category, stage and tactics then follow from which rules fired (resolve.py). Then the pack's
wording model rules (wording.py, likeness.py) read what the other rules left open: a message no rule has
anything for, and the stage of a collection message that reaches no stage above reminder.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from dunguard.model import SHANGHAI, Analysis, Category, Direction, Entities, Finding
from dunguard.text.checks import compile_checks
from dunguard.text.entities import extract_entities, scan_words
from dunguard.text.fastinit import constructor
from dunguard.text.matching import Hit, Matcher
from dunguard.text.normalize import Normalized, normalized_text
from dunguard.text.resolve import Decision, Resolver
from dunguard.text.rules import Rule, RulePack, default_pack, without_models
from dunguard.text.wording import Wording

if TYPE_CHECKING:
    from dunguard.law.base import LawBase

_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_CHARS = 20_000  # a message longer than this is analysed on its first MAX_CHARS characters
_FINDING_MEMO_MAX = 8192  # findings kept for reuse (Engine._make_findings)


class Engine:
    """Compiled rule pack. Build once (``Engine.default()``), call ``analyze`` many times."""

    def __init__(self, pack: RulePack):
        self.pack = pack
        # the automaton also looks for entity words (the lender lexicon: entities/found.py)
        self._matcher = Matcher(pack, scan_words())
        self._scan = self._matcher.scan
        # the rules whose context may come from the category, without their context: read
        # only on a collection message that lacks one of those contexts (_with_loose)
        self._loose_rules = {r.id: r for r in pack.rules
                             if r.context_from_collection and (r.keywords or r.regex)}
        self._loose = Matcher(dataclasses.replace(pack, rules=tuple(
            dataclasses.replace(r, context=frozenset(), context_from_collection=False)
            for r in self._loose_rules.values()))) if self._loose_rules else None
        self._entity_rules = {r.entity: r for r in pack.rules if r.entity}
        # a link rule's neg_after words ("hx-zc.vip不是我司网站") take its finding back
        self._entity_neg_after = {r.entity: c.neg_after for r in pack.rules if r.entity
                                  if (c := compile_checks(r)).neg_after is not None}
        self._law_cache: dict[tuple[tuple[str, ...], int], tuple[str, ...]] = {}
        self._law_base: LawBase | None = None  # loaded when a message first comes with a time
        self._finding_memo: dict[tuple[str, int, int, str, int], Finding] = {}
        self._resolver = Resolver(pack)
        self._wording = Wording(pack) if any(r.model for r in pack.rules) else None

    _default: Engine | None = None
    _rules_only: Engine | None = None

    @classmethod
    def default(cls, *, rules_only: bool = False) -> Engine:
        """The packaged rules and wording models; ``rules_only``: without the models."""
        if rules_only:
            if cls._rules_only is None:
                cls._rules_only = cls(without_models(default_pack()))
            return cls._rules_only
        if cls._default is None:
            cls._default = cls(default_pack())
        return cls._default

    # ------------------------------------------------------------------ matching

    def match(self, norm: Normalized) -> list[Hit]:
        """Each rule's first accepted hit in a normalized message (matching.py)."""
        return self._matcher.match(norm)

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
        hits, entities, norm, loose = self._hits(text, sent_at)
        d = self._decide(hits, entities)
        w = None if _repetitive(norm) else self._wording
        # the wording models read what the rules leave open and every collection message (for
        # the tactics the rules missed), and give a second opinion on a category that rests on
        # little: collection that no strong rule backs, or "other" (most such messages read
        # like neither collection nor a scam: a quick test first)
        if w is not None and (d.open or d.category is Category.COLLECTION or (
                w.second and d.category is Category.OTHER and w.may_overrule_other(norm))):
            d = w.read(text, norm, hits, d, partial(self._decide, entities=entities))
        if loose and d.category is Category.COLLECTION and self._loose is not None:
            d = self._with_loose(text, norm, hits, d, entities)
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
        hits, entities, norm, _loose = self._hits(text, sent_at)
        if self._wording is not None and not _repetitive(norm):
            decide = partial(self._decide, entities=entities)
            self._wording.read(text, norm, hits, decide(hits), decide, raw=True)
        return self._make_findings(text, hits, sent_at)

    def _entities(self, text: str, sent_at: datetime | None) -> Entities:
        return extract_entities(text, sent_at=sent_at)

    def _decide(self, hits: list[Any], entities: Entities) -> Decision:
        """The resolver's decision on the rules of ``hits`` (resolve.py)."""
        return self._resolver.decide(tuple([h[0].id for h in hits]), bool(entities.lender))

    def _with_loose(self, text: str, norm: str, hits: list[Any], d: Decision,
                    entities: Entities) -> Decision:
        """The decision on a collection message with the hits of the rules whose context
        words it lacks (``context_from_collection``: a collector's "明天带人去你公司楼下等你"
        need not name the debt; the message is collection on other evidence). Their tactics
        replace those that the wording models alone gave. The decision stays ``d`` unless
        the message is still collection."""
        assert self._loose is not None
        have = {h[0].id for h in hits}
        # a rule that fired has its hit; one that did not with its context there would not
        # fire without it either (the checks are the same): only the others are new
        found = [(self._loose_rules[r.id], s, e) for r, s, e in self._loose.scan(norm)[0]
                 if r.id not in have]
        if not found:
            return d
        if len(norm) != len(text):
            to_original = Normalized(text, norm).to_original
            found = [(rule, *to_original(s, e)) for rule, s, e in found]
        labels = {h[0].label for h in found}
        more = [h for h in hits if h[0].model is None or h[0].label not in labels]
        more.extend(found)
        got = self._decide(more, entities)
        if got.category is not Category.COLLECTION:
            return d
        hits[:] = more
        return got

    def _hits(self, text: str, sent_at: datetime | None
              ) -> tuple[list[tuple[Rule, int, int]], Entities, str, bool]:
        """Every rule hit (rule, start, end; spans in ``text``): keyword and regex hits in
        match order, then links; the message's entities; its normalized text; and whether
        a rule whose context may come from the category may have missed its context
        (``Matcher.scan``)."""
        norm = normalized_text(text)
        hits: list[Any]
        hits, found, loose = self._scan(norm)
        if len(norm) == len(text):
            # nothing deleted: the spans and the words found are those of the original
            entities = extract_entities(text, sent_at=sent_at, found=found)
        else:
            entities = extract_entities(text, sent_at=sent_at)
            if hits:
                to_original = Normalized(text, norm).to_original
                hits = [(rule, *to_original(s, e)) for rule, s, e in hits]
        for url in entities.urls:
            rule = self._entity_rules.get(f"url.{url.kind}")
            if rule is not None:
                neg = self._entity_neg_after.get(rule.entity)
                e = url.span[1]
                if neg is None or neg.match(text, e, e + rule.neg_window) is None:
                    hits.append((rule, *url.span))
        return hits, entities, norm, loose

    def _make_findings(self, text: str, hits: list[Any], sent_at: datetime | None) -> list[Finding]:
        day = None if sent_at is None or not hits else sent_at.astimezone(SHANGHAI).date()
        # the law ids cited depend on the day only through the law base's era (LawBase.era):
        # -1 for no day (the ids as the rule names them)
        era = -1 if day is None else self._law().era(day)
        # A finding is a frozen value made of its rule (one per id in a pack), its span, its
        # quote and the era its law ids are cited for: equal keys make equal findings, so one
        # made before is shared. Most hits are a rule's word at a usual place (~95% repeat in
        # benchmarks/analyze.py); the memo is bounded.
        memo = self._finding_memo
        out = []
        for rule, s, e in hits:
            quote = text[s:e]
            key = (rule.id, s, e, quote, era)
            f = memo.get(key)
            if f is None:
                f = _new_finding(rule=rule.id, label=rule.label, span=(s, e), quote=quote,
                                 severity=rule.severity,
                                 law=rule.law if day is None else self._law_on(rule.law, day, era),
                                 explanation=rule.explain, rule_version=rule.version,
                                 statistical=rule.model is not None)
                if len(memo) >= _FINDING_MEMO_MAX:
                    memo.clear()
                memo[key] = f
            out.append(f)
        return out

    def _law(self) -> LawBase:
        if self._law_base is None:
            from dunguard.law import load

            self._law_base = load()
        return self._law_base

    def _law_on(self, ids: tuple[str, ...], day: date, era: int) -> tuple[str, ...]:
        """Cite the article in force on the day of the contact (治安管理处罚法 renumbering);
        ``era``: the day's era in the law base, on which alone the answer depends."""
        key = (ids, era)
        got = self._law_cache.get(key)
        if got is None:
            base = self._law()
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

# the wording models add a weight per bigram and divide by the square root of their number, so a
# text that repeats a few characters ("上门上门上门…") drives them towards any extreme as it grows:
# they are made for language, and such text is read by the rules alone. A natural message of
# 100 characters or more has dozens of distinct characters in its first thousand
_REPEAT_MIN_LEN = 100
_REPEAT_WINDOW = 1000


def _repetitive(norm: str) -> bool:
    """Whether ``norm`` is a few characters over and over (fewer distinct characters in its
    first thousand than a tenth of their number), not language."""
    if len(norm) < _REPEAT_MIN_LEN:
        return False
    head = norm[:_REPEAT_WINDOW]
    return len(set(head)) * 10 < len(head)


def _clean(text: str) -> str:
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    # lone surrogates (from broken JSON / UTF-16 input) would break encoding downstream;
    # they are not printable, and isprintable() is a quicker test than the regex
    if not text.isprintable() and _SURROGATE.search(text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def analyze(text: str, *, id: str = "", sent_at: datetime | None = None,
            direction: Direction | str | None = None) -> Analysis:
    """Analyse one message with the packaged rules."""
    return Engine.default().analyze(text, id=id, sent_at=sent_at, direction=direction)
