"""Score the analysis against labelled messages: per-label precision, recall and F1.

Gold records carry ``category``, ``stage`` (null unless collection) and ``tactics``.
Stage is scored per stage value over all messages (a message whose gold or predicted
stage is null counts for neither side of that value); tactics are scored per
(message, tactic) pair, micro-averaged overall and per tactic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from dunguard.model import Analysis, Category, Stage, Tactic

CATEGORIES = tuple(c.value for c in Category)
STAGES = tuple(s.value for s in Stage)
TACTICS = tuple(t.value for t in Tactic)
STAGE_ROWS = (*STAGES, None)  # None: no stage (scam / other, or a missing stage)


@dataclass(frozen=True, slots=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def to_json(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "support": self.support, "tp": self.tp,
                "fp": self.fp, "fn": self.fn}


@dataclass
class Report:
    n: int = 0
    category_correct: int = 0
    confusion: Counter = field(default_factory=Counter)  # (gold, predicted) -> count
    stage_confusion: Counter = field(default_factory=Counter)  # (gold, predicted), None = no stage
    stage: dict[str, Counter] = field(default_factory=lambda: {s: Counter() for s in STAGES})
    tactic: dict[str, Counter] = field(default_factory=lambda: {t: Counter() for t in TACTICS})
    errors: list[dict] = field(default_factory=list)

    @property
    def category_accuracy(self) -> float:
        return self.category_correct / self.n if self.n else 0.0

    def category_scores(self) -> dict[str, Score]:
        out = {}
        for c in CATEGORIES:
            tp = self.confusion[(c, c)]
            fp = sum(v for (g, p), v in self.confusion.items() if p == c and g != c)
            fn = sum(v for (g, p), v in self.confusion.items() if g == c and p != c)
            out[c] = Score(tp, fp, fn)
        return out

    def stage_scores(self) -> dict[str, Score]:
        return {s: Score(c["tp"], c["fp"], c["fn"]) for s, c in self.stage.items()}

    @property
    def stage_macro_f1(self) -> float:
        scores = [s.f1 for s in self.stage_scores().values() if s.support or s.fp]
        return sum(scores) / len(scores) if scores else 0.0

    def tactic_scores(self) -> dict[str, Score]:
        return {t: Score(c["tp"], c["fp"], c["fn"]) for t, c in self.tactic.items()}

    @property
    def tactic_micro(self) -> Score:
        tot = Counter()
        for c in self.tactic.values():
            tot.update(c)
        return Score(tot["tp"], tot["fp"], tot["fn"])

    def to_json(self) -> dict:
        micro = self.tactic_micro
        return {
            "messages": self.n,
            "category_accuracy": round(self.category_accuracy, 4),
            "category": {k: v.to_json() for k, v in self.category_scores().items()},
            "confusion": {g: {p: self.confusion[(g, p)] for p in CATEGORIES} for g in CATEGORIES},
            "stage_macro_f1": round(self.stage_macro_f1, 4),
            "stage": {k: v.to_json() for k, v in self.stage_scores().items()},
            "stage_confusion": {g or "none": {p or "none": self.stage_confusion[(g, p)] for p in STAGE_ROWS}
                                for g in STAGE_ROWS},
            "tactic_precision": round(micro.precision, 4),
            "tactic_recall": round(micro.recall, 4),
            "tactic": {k: v.to_json() for k, v in self.tactic_scores().items()},
            "errors": self.errors,
        }


def score(pairs: Iterable[tuple[dict, Analysis]], *, keep_errors: int = 200) -> Report:
    """``pairs`` yields (gold record, analysis) in any order."""
    rep = Report()
    for gold, got in pairs:
        rep.n += 1
        g_cat = gold.get("category")
        p_cat = got.category.value
        rep.confusion[(g_cat, p_cat)] += 1
        rep.category_correct += g_cat == p_cat
        g_stage = gold.get("stage")
        p_stage = got.stage.value if got.stage else None
        rep.stage_confusion[(g_stage, p_stage)] += 1
        for s in STAGES:
            if g_stage == s and p_stage == s:
                rep.stage[s]["tp"] += 1
            elif p_stage == s:
                rep.stage[s]["fp"] += 1
            elif g_stage == s:
                rep.stage[s]["fn"] += 1
        g_tac = set(gold.get("tactics") or ())
        p_tac = {t.value for t in got.tactics}
        for t in TACTICS:
            if t in g_tac and t in p_tac:
                rep.tactic[t]["tp"] += 1
            elif t in p_tac:
                rep.tactic[t]["fp"] += 1
            elif t in g_tac:
                rep.tactic[t]["fn"] += 1
        if (g_cat != p_cat or g_stage != p_stage or g_tac != p_tac) and len(rep.errors) < keep_errors:
            rep.errors.append({
                "id": gold.get("id", got.id), "text": gold.get("text", ""),
                "gold": {"category": g_cat, "stage": g_stage, "tactics": sorted(g_tac)},
                "got": {"category": p_cat, "stage": p_stage, "tactics": sorted(p_tac)},
                "rules": [f.rule for f in got.findings],
            })
    return rep
