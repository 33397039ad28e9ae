"""The wording model rules (``model:`` in the rule packs, likeness.py) on what the other rules
leave open.

The engine first resolves a message on the rules that fired (resolve.py). When that decision
is ``open`` — no rule has anything for the message but its links, or a collection message
stays at ``reminder`` or has no tactic — or the message is collection, the models read it:

- ``collection.wording`` and ``scam.wording``: a message no rule reads is collection (or a
  scam) when its wording reaches the rule's threshold; when both do, the likelier label;
- ``visit``/``legal``/``warning.wording``: a collection message at reminder gets the stage
  whose model reads it as most likely (the four stages' models compete: ``reminder`` can win),
  when that stage has a rule and reaches its threshold;
- the tactic rules: on every collection message, each tactic no rule found, when its
  threshold is reached.

Then second opinions, where the rules' category rests on little: on a message the rules call
``other`` (a rule for it fired) the scam and collection models may overrule them when they read
it as a scam (``SCAM_OVER_OTHER``) or as collection (``COLLECTION_OVER_OTHER``: the ``other``
rules' hits are set aside); on a collection message that no strong collection rule backs
(``Decision.firm``), a collection model that reads it as very unlikely collection
(``NOT_COLLECTION``) sets the collection rules' hits aside (not those of a fake authority that
wants a personal account), and the scam model may call it a
scam (``SCAM_OVER_COLLECTION``: ``scam.wording`` is a strong scam rule). A weak ``other`` rule
fences both models off; a veto rule (a fine, a tax, a fee: no loan) only a scam model that is very
sure reads past (``SCAM_OVER_VETO``: what such notices ask for is what scams ask for). These cuts
were chosen by five-fold cross-validation on dev (tests/corpus/README.md, "Second opinions").

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
from dunguard.text.resolve import COLLECTION_LABELS, Decision
from dunguard.text.rules import Rule, RulePack

Decide = Callable[[list[Any]], Decision]  # the resolver's decision on a list of hits


class Wording:
    """A pack's wording model rules, each with its model and its threshold as log-odds."""

    # second opinions, as probabilities (see the module docstring)
    SCAM_OVER_OTHER = 0.9
    COLLECTION_OVER_OTHER = 0.98
    NOT_COLLECTION = 0.05
    SCAM_OVER_COLLECTION = 0.95
    SCAM_OVER_VETO = 0.95

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
        # the fields ``read`` tests on a collection message, per (at reminder, tactics the rules
        # found): the stages' only at reminder, and only the tactics not yet found (a field
        # that cannot add anything need not be unpacked); a few dozen combinations occur
        self._masks: dict[tuple[bool, tuple[Tactic, ...]], int] = {}
        # the second opinions need both the collection and the scam model: per label its
        # place in the silent pass, its rule, model and cut; over the rules' "other", the same
        # models with the cuts of the second opinions (one packed test: most messages reach
        # neither)
        self._at = {r.label: (i, r, m, c) for i, (r, m, c) in enumerate(self._silent)}
        self.second = set(self._at) == {"collection", "scam"}
        over = {"collection": logit(self.COLLECTION_OVER_OTHER), "scam": logit(self.SCAM_OVER_OTHER)}
        self._over_other = self._read_silent.with_cuts(
            [over[r.label] for r, _m, _c in self._silent]) if self.second else None
        self._scam_over_other, self._collection_over_other = over["scam"], over["collection"]
        self._scam_over_collection = logit(self.SCAM_OVER_COLLECTION)
        self._scam_over_veto = logit(self.SCAM_OVER_VETO)
        self._not_collection = logit(self.NOT_COLLECTION)

    def may_overrule_other(self, norm: str) -> bool:
        """Whether a second opinion may overrule the rules' ``other`` on this text (the
        engine's quick test before ``read``: on most such messages neither model reaches its
        cut)."""
        return self._over_other is not None and self._over_other.read(norm) is not None

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
        elif not raw and self.second and d.category is not Category.SCAM and not d.firm:
            d = self._second_opinion(text, norm, hits, d, decide)
        if d.category is not Category.COLLECTION or self._read is None:
            return d
        # every stage's and tactic's model in one pass, on every collection message (a message
        # with a stage and a tactic may have another tactic the rules missed: on the
        # cross-validation this finds 1.1 points more of the tactics for 0.3 of precision);
        # None when none reaches its threshold (the stages' only count at reminder: the
        # default tests every threshold)
        reminder = d.stage is Stage.REMINDER
        found = () if raw else d.tactics
        mask = self._masks.get((reminder, found))
        if mask is None:
            mask = self._mask(reminder, found)
        z = self._read.read(norm, mask)
        if z is None:
            return d
        if reminder and self._stage_at:
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

    def _mask(self, reminder: bool, found: tuple[Tactic, ...]) -> int:
        """The ``top`` mask that ``read`` tests on a collection message (see ``__init__``):
        when none of these fields reaches its cut, reading every field adds no hit."""
        fields = [at for at, (tactic, *_rest) in self._tactic_at.items() if tactic not in found]
        if reminder:
            fields += [at for at, got in self._stage_at.items() if got is not None]
        mask = self._read.top(fields)  # type: ignore[union-attr]
        if len(self._masks) < 1024:
            self._masks[(reminder, found)] = mask
        return mask

    def _second_opinion(self, text: str, norm: str, hits: list[Any], d: Decision,
                        decide: Decide) -> Decision:
        """The decision after the scam and collection models have reviewed the rules'
        ``other`` or weakly backed ``collection`` (see the module docstring)."""
        ic, coll, coll_model, _cc = self._at["collection"]
        is_, scam, scam_model, scam_cut = self._at["scam"]
        if d.category is Category.COLLECTION:
            z = self._read_silent.logits(norm)  # type: ignore[union-attr]
            zc, zs = z[ic], z[is_]
            if zs >= self._scam_over_collection and zs > zc and not _unless(scam, norm):
                hits.append((scam, *_quote(text, norm, scam_model)))
                return decide(hits)
            labels = {h[0].label for h in hits}
            if zc < self._not_collection and not {"impersonation", "pay_to_personal"} <= labels:
                # the collection rules' words, in wording that reads nothing like collection
                # (a scam's or a news item's): set them aside; not under a court's or police
                # officer's voice, which makes a debt demand no harmless message ("我是…法院
                # 执行局的李法官…你欠度小满的12800…打到执行专员个人账户": set aside, it read as
                # other with no finding at all) asking for the money on a personal account
                # (a scam keeps the personal account it asks for: "你先付30%定金78000到我老婆卡上
                # 6217…王秀英，牛到付尾款")
                accounts = [h for h in hits if h[0].label == "pay_to_personal"]
                hits[:] = [h for h in hits if h[0].label not in COLLECTION_LABELS]
                d = decide(hits)
                if zs >= scam_cut and zs > zc and not _unless(scam, norm):
                    hits.append((scam, *_quote(text, norm, scam_model)))
                    d = decide(hits)
                    if accounts and d.category is Category.SCAM:
                        hits.extend(accounts)
                        d = decide(hits)
            return d
        # the rules say other: None when neither model reaches its cut over them
        z = self._over_other.read(norm)  # type: ignore[union-attr]
        if z is None:
            return d
        fences = {h[0].strength for h in hits if h[0].label == "other"} & _FENCES
        zc, zs = z[ic], z[is_]
        # a weak "other" rule is there to keep the models off a kind of message (work that is
        # late: other.work_deadline), a veto rule says the debt is no loan; only a scam model
        # that is very sure reads past a veto (a fine, a tax, a fee: what scams ask for)
        if fences and ("weak" in fences or zs < self._scam_over_veto):
            return d
        if zs >= self._scam_over_other and zs > zc and not _unless(scam, norm):
            hits.append((scam, *_quote(text, norm, scam_model)))
            got = decide(hits)
            if got.category is Category.SCAM:
                return got
            hits.pop()  # a news item or a warning that quotes a scam stays other
            return d
        if not fences and zc >= self._collection_over_other and zc > zs and not _unless(coll, norm):
            kept = [h for h in hits if h[0].label != "other"]
            kept.append((coll, *_quote(text, norm, coll_model)))
            got = decide(kept)
            if got.category is Category.COLLECTION:
                hits[:] = kept
                return got
        return d


# the strengths of the "other" rules that keep the second opinions off (Wording.read): a weak one
# keeps both models off, a veto one all but a scam model at SCAM_OVER_VETO
_FENCES = frozenset({"weak", "veto"})


def _quote(text: str, norm: str, model: Likeness) -> tuple[int, int]:
    """The span in ``text`` of the clause that reads most like the model's label."""
    s, e = model.best_span(norm)
    return Normalized(text, norm).to_original(s, e) if len(norm) != len(text) else (s, e)


def _unless(rule: Rule, norm: str) -> bool:
    """A wording model rule's ``unless`` words: any of them in the text stops it."""
    return any(w in norm for w in rule.unless)
