"""Quality floors on the project's own corpus (regression guard; the real numbers go in issue notes).

``dev.jsonl`` is what the rules were tuned on; ``heldout.jsonl`` was never used for tuning;
``heldout_fresh.jsonl`` is the independent set written by someone who had not seen the rules.
The floors sit a little under the measured values so that a change which loses accuracy fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dunguard.text.engine import analyze
from dunguard.text.evaluate import score

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FLOORS = {
    # dev.jsonl: the dev-only rows of src/dev_extra*.txt, the dev half of the fresh set (280
    # rows), then the second, third and fourth fresh batches (src/fresh2_*, fresh3_*, fresh4_*:
    # 620, 780 and 400 rows), each scored untouched before tuning (tests/corpus/README.md).
    # Measured with all of them in: 0.974 / 0.965 / 0.990 / 0.924
    "dev.jsonl": {"category": 0.95, "stage_f1": 0.94, "tactic_p": 0.98, "tactic_r": 0.89},
    # measured with --errors 0: 0.952 / 0.958 / 0.994 / 0.885 (stage 0.963 before a regulator's
    # signature stopped implying `legal`: its older rows label such messages legal, see README)
    "heldout.jsonl": {"category": 0.95, "stage_f1": 0.955, "tactic_p": 0.99, "tactic_r": 0.88},
    # independent set written without seeing the rules (tests/corpus/README.md); measured with
    # `dunguard eval --errors 0 tests/corpus/heldout_fresh.jsonl`: 0.943 / 0.864 / 0.943 / 0.831
    # (0.911 / 0.803 / 0.888 / 0.744 when it was added)
    "heldout_fresh.jsonl": {"category": 0.935, "stage_f1": 0.855, "tactic_p": 0.935, "tactic_r": 0.82},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_corpus_scores_stay_above_floor(name: str) -> None:
    rows = [json.loads(x) for x in (CORPUS / name).read_text("utf-8").splitlines() if x.strip()]
    assert len(rows) > 250
    rep = score((r, analyze(r["text"], id=r["id"])) for r in rows)
    floor = FLOORS[name]
    got = {"category": rep.category_accuracy, "stage_f1": rep.stage_macro_f1,
           "tactic_p": rep.tactic_micro.precision, "tactic_r": rep.tactic_micro.recall}
    for k, v in floor.items():
        assert got[k] >= v, f"{name}: {k} = {got[k]:.3f} < {v}"
