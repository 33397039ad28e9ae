"""Category, stage and tactics of a message from the rules that fired (taxonomy.md).

A strong scam signal makes a message ``scam``; any stage or collection signal makes it
``collection`` unless a strong ``other`` signal (a genuine court e-delivery, a pre-due
reminder, an anti-fraud warning) vetoes the weak ones; otherwise a weak scam signal gives
``scam`` and the rest is ``other``. The stage is the first of visit > legal > warning >
reminder that the findings reach.

Everything here depends only on WHICH rules fired (a finding's label and strength are its
rule's) and on whether the message names a lender, never on where: so ``Resolver.decide``
works on the rule ids of a message's hits and remembers its answer per combination (a few
hundred occur in practice; the memo is bounded). The engine then builds findings only for
the hits that survive.
"""

from __future__ import annotations

from typing import NamedTuple

from dunguard.model import Category, Stage, Tactic
from dunguard.text.rules import Rule, RulePack

_STAGE_ORDER = tuple(s.value for s in Stage)  # visit, legal, warning, reminder
_TACTIC_ORDER = tuple(t.value for t in Tactic)
_STAGES = frozenset(_STAGE_ORDER)
_COLLECTION_TACTICS = frozenset({
    "third_party", "public_exposure", "insult", "threat", "false_criminal", "excessive_fees",
    "pay_to_personal",
})
_TACTICS = frozenset(_TACTIC_ORDER)
# every label that makes a message collection (a stage, "collection", a collection tactic)
COLLECTION_LABELS = _STAGES | {"collection"} | _COLLECTION_TACTICS
_MEMO_MAX = 4096


class Decision(NamedTuple):
    category: Category
    stage: Stage | None
    tactics: tuple[Tactic, ...]
    keep: frozenset[str]  # ids of the rules whose findings the analysis shows
    # what the rules leave open to the wording models (wording.py): a message no rule has
    # anything for but its links, or a collection message at reminder or with no tactic
    open: bool = False
    # a collection message with a strong collection rule (an explicit overdue statement, a
    # stage said in so many words): the wording models never overrule it (wording.py)
    firm: bool = False


class Resolver:
    """The pack's resolution rules, with each rule's label and strength looked up once."""

    def __init__(self, pack: RulePack):
        self._rules = {r.id: r for r in pack.rules}
        # a scam model rule counts as strong: the wording models add it only where the rules
        # have nothing, or only weak collection evidence, to say (wording.py, second opinions)
        self._strong = frozenset(r.id for r in pack.rules if r.strength in ("strong", "veto")
                                 or (r.model and r.label == "scam"))
        # a message about a debt that is no loan (a traffic fine, tax, tolls, a driving
        # school's booking): whatever overdue or penalty words it has, it is not collection
        self._veto = frozenset(r.id for r in pack.rules if r.strength == "veto")
        self._anti_scam = frozenset(r.id for r in pack.rules if r.suppresses_scam)
        self._implies = dict(pack.rule_implies)  # rule id -> the lowest stage it implies
        self._memo: dict[tuple[tuple[str, ...], bool], Decision] = {}

    def decide(self, rule_ids: tuple[str, ...], has_lender: bool) -> Decision:
        """The decision for a message whose hits are of ``rule_ids`` (any order, repeats
        allowed); ``has_lender``: whether its entities name a lender."""
        key = (rule_ids, has_lender)
        got = self._memo.get(key)
        if got is None:
            got = self._decide([self._rules[i] for i in rule_ids], has_lender)
            if len(self._memo) >= _MEMO_MAX:
                self._memo.clear()
            self._memo[key] = got
        return got

    def _decide(self, rules: list[Rule], has_lender: bool) -> Decision:
        silent = all(r.label == "suspicious_link" for r in rules)
        strong = self._strong
        if any(r.id in self._anti_scam for r in rules):
            # an anti-fraud warning or a news item quotes scam phrases to warn against them
            rules = [r for r in rules if r.label != "scam"]
        vetoed_scam = False
        if any(r.id in self._veto for r in rules):
            # ... except that such a notice asking to pay a person's account is a scam
            dropped = _STAGES | {"collection"} | (_COLLECTION_TACTICS - {"pay_to_personal"})
            rules = [r for r in rules if r.label not in dropped]
            vetoed_scam = any(r.label == "pay_to_personal" for r in rules)
        scam_strong = vetoed_scam or any(r.label == "scam" and r.id in strong for r in rules)
        # a personal channel to contact is a scam sign only in a fake authority's voice
        # (_fake_authority_payment, rule key authority_contact); by itself it makes no
        # message a scam
        labels = {r.label for r in rules if not r.authority_contact}
        other_veto = any(r.label == "other" and r.id in strong for r in rules)
        strong_collection = any(
            (r.label in _STAGES or r.label == "collection") and r.id in strong for r in rules
        )
        if other_veto and not strong_collection:
            # a strong "not collection" signal (pre-due, repaid, court e-delivery, anti-fraud,
            # news) outweighs weak collection evidence, but not an explicit overdue statement
            # (tactics that imply collection go too: an anti-fraud notice that quotes 个人账户
            # or a news item that quotes 骗贷 is not a collector's message; a scam keeps them)
            dropped = _STAGES | {"collection"}
            if not scam_strong:
                dropped |= _COLLECTION_TACTICS
            rules = [r for r in rules if not (r.label in dropped and r.id not in strong)]
            labels = {r.label for r in rules if not r.authority_contact}
        # tactics that need a debt in context (third parties, exposure, threats, insults, fees,
        # personal accounts) also show that the message is about collecting a debt
        collection = bool(labels & COLLECTION_LABELS)
        if scam_strong or (collection and _fake_authority_payment(rules, labels, has_lender)):
            category = Category.SCAM
        elif collection:
            category = Category.COLLECTION
        elif "scam" in labels:
            category = Category.SCAM
        else:
            category = Category.OTHER

        stage: Stage | None = None
        if category is Category.COLLECTION:
            # a tactic can imply a floor (a threat is at least a warning, a fake police claim
            # is on the legal track): the rule pack says which, per rule (a collection fee
            # added to the balance does not escalate; a 1 %/day penalty does)
            implies = self._implies
            reached = labels | {implies[r.id] for r in rules if r.id in implies}
            stage = next((Stage(s) for s in _STAGE_ORDER if s in reached), Stage.REMINDER)
            keep = _STAGES | _TACTICS | {"collection"}
        elif category is Category.SCAM:
            # a scam's "fee" (调解费, 解冻费) is the fraud itself, not a collection fee or a
            # penalty rate (excessive_fees is about what a creditor charges); a scam written
            # to a relative ("你儿子在我们手上") does not contact anyone about a debt: in dev, half
            # the scams the rules gave third_party were labelled so, half not
            keep = (_TACTICS - {"excessive_fees", "third_party"}) | {"scam"}
            if "reminder" not in labels and not any(r.states_arrears for r in rules):
                # false_criminal is about presenting *non-payment* as a crime; a fake officer's
                # "money-laundering case" or "loan-fraud case" that names no arrears of the
                # reader's is impersonation, not that ("因网贷逾期涉嫌诈骗" is: states_arrears)
                keep = keep - {"false_criminal"}
        else:
            # a short or unknown link is worth flagging in any message (loan marketing too)
            keep = frozenset({"other", "suspicious_link"})
        kept = [r for r in rules if r.label in keep]
        found = {r.label for r in kept}
        tactics = tuple(Tactic(t) for t in _TACTIC_ORDER if t in found)
        open_ = (silent if category is Category.OTHER else
                 category is Category.COLLECTION and (stage is Stage.REMINDER or not tactics))
        firm = category is Category.COLLECTION and strong_collection
        return Decision(category, stage, tactics, frozenset(r.id for r in kept), open_, firm)


def _fake_authority_payment(rules: list[Rule], labels: set[str], has_lender: bool) -> bool:
    """A "court" or "police" message that names no lender but wants money paid to an
    account, or the reader on a link, a personal WeChat/QQ or an ordinary phone number, is a
    scam, not a collector impersonating (taxonomy §7)."""
    private = any(r.authority_contact for r in rules)
    if has_lender or not (private or labels & {"pay_to_personal", "suspicious_link"}):
        return False
    # a law firm's voice belongs to a lender's collection; a public authority's does not
    return any(r.label == "impersonation" and r.id != "impersonation.law_firm" for r in rules)
