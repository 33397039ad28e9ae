"""The wording model rules (``model:`` in the rule packs, likeness.py) on what the other rules
leave open.

The engine first resolves a message on the rules that fired (resolve.py). When that decision
is ``open`` — no rule has anything for the message but its links, or a collection message
stays at ``reminder`` or has no tactic — the models read it:

- ``collection.wording`` and ``scam.wording``: a message no rule reads is collection (or a
  scam) when its wording reaches the rule's threshold; when both do, the likelier label;
- ``visit``/``legal``/``warning.wording``: a collection message at reminder gets the stage
  whose model reads it as most likely (the four stages' models compete: ``reminder`` can win),
  when that stage has a rule and reaches its threshold;
- the tactic rules: each tactic no rule found, when its threshold is reached.

Each adds a hit (quoting the clause that reads most like its label) and the message is
resolved again. Thresholds are compared as log-odds; the collection and scam models are read in
one pass, and the stage and tactic models in another (``Likelihoods``, which first tests every
threshold at once).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dunguard.model import Category, Stage, Tactic
from dunguard.text.likeness import Likelihoods, Likeness, logit
from dunguard.text.normalize import Normalized
from dunguard.text.resolve import Decision
from dunguard.text.rules import Rule, RulePack

Decide = Callable[[list[Any]], Decision]  # the resolver's decision on a list of hits


class Wording:
    """A pack's wording model rules, each with its model and its threshold as log-odds."""

    def __init__(self, pack: RulePack):
        models = pack.models
        rules = {r.label: r for r in pack.rules if r.model}
        # what a message no rule reads may be: (rule, model, cut) of collection, then scam
        self._silent = [(r, models[r.model], logit(r.threshold))
                        for r in (rules.get("collection"), rules.get("scam")) if r is not None]
        self._read_silent = Likelihoods([m for _r, m, _c in self._silent],
                                        [c for _r, _m, c in self._silent]) if self._silent else None
        stages = [s.value for s in Stage if s.value in models] if any(
            s.value in rules for s in Stage) else []
        tactics = [t for t in Tactic if t.value in rules]
        # position in the one-pass logits -> (rule, model, cut) of a stage (None: a stage
        # without a rule, that only competes) and (tactic, rule, model, cut) of a tactic
        self._stage_at = {i: (rules[s], models[s], logit(rules[s].threshold)) if s in rules else None
                          for i, s in enumerate(stages)}
        self._tactic_at = {len(stages) + i: (t, rules[t.value], models[rules[t.value].model],
                                             logit(rules[t.value].threshold))
                           for i, t in enumerate(tactics)}
        cuts = [None if v is None else v[2] for v in self._stage_at.values()]
        cuts += [v[3] for v in self._tactic_at.values()]
        read = [models[s] for s in stages] + [v[2] for v in self._tactic_at.values()]
        self._read = Likelihoods(read, cuts) if read else None
        if self._read is not None:
            self._top_tactics = self._read.top(list(self._tactic_at))

    def read(self, text: str, norm: str, hits: list[Any], d: Decision, decide: Decide,
             raw: bool = False) -> Decision:
        """The decision after the wording model rules have read the message (``text``, its
        normalized ``norm``); their hits are added to ``hits``. ``d`` is the decision on
        ``hits`` so far. ``raw`` (for ``analyze_raw``): on every collection message, and
        also the tactics the rules found."""
        if d.category is Category.OTHER and self._read_silent is not None and d.open:
            z = self._read_silent.read(norm)  # None: neither reaches its threshold
            if z is None:
                return d
            reached = [(v, i) for i, v in enumerate(z) if v >= self._silent[i][2]
                       and not _unless(self._silent[i][0], norm)]
            if not reached:
                return d
            rule, model, _cut = self._silent[max(reached)[1]]  # the likelier label
            hits.append((rule, *_quote(text, norm, model)))
            d = decide(hits)
        if d.category is not Category.COLLECTION or self._read is None:
            return d
        if not d.open and not raw:
            # the rules found a tactic and a stage: the message's wording is well covered,
            # and sparing the models here is most of their cost (benchmarks/analyze.py)
            return d
        # every stage's and tactic's model in one pass; None when none reaches its threshold
        # (the stages' only count at reminder: the default tests every threshold)
        z = self._read.read(norm, None if d.stage is Stage.REMINDER else self._top_tactics)
        if z is None:
            return d
        if d.stage is Stage.REMINDER and self._stage_at:
            at = max(self._stage_at, key=z.__getitem__)
            got = self._stage_at[at]
            if got is not None and z[at] >= got[2] and not _unless(got[0], norm):
                hits.append((got[0], *_quote(text, norm, got[1])))
                d = decide(hits)
        found = () if raw else d.tactics
        added = False
        for at, (tactic, rule, model, cut) in self._tactic_at.items():
            if z[at] >= cut and tactic not in found and not _unless(rule, norm):
                hits.append((rule, *_quote(text, norm, model)))
                added = True
        return decide(hits) if added else d


def _quote(text: str, norm: str, model: Likeness) -> tuple[int, int]:
    """The span in ``text`` of the clause that reads most like the model's label."""
    s, e = model.best_span(norm)
    return Normalized(text, norm).to_original(s, e) if len(norm) != len(text) else (s, e)


def _unless(rule: Rule, norm: str) -> bool:
    """A wording model rule's ``unless`` words: any of them in the text stops it."""
    return any(w in norm for w in rule.unless)
