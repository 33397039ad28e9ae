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
    # rows), then the second to fifth fresh batches (src/fresh2_* … fresh5_*: 620, 780, 400 and
    # 460 rows), each scored untouched before tuning (tests/corpus/README.md).
    # Measured: 0.974 / 0.962 / 0.992 / 0.910
    "dev.jsonl": {"category": 0.965, "stage_f1": 0.955, "tactic_p": 0.985, "tactic_r": 0.9},
    # measured with --errors 0: 0.962 / 0.965 / 1.000 / 0.895 (its older rows label a
    # regulator's signature `legal`, see the corpus README)
    "heldout.jsonl": {"category": 0.955, "stage_f1": 0.96, "tactic_p": 0.99, "tactic_r": 0.885},
    # independent set written without seeing the rules (tests/corpus/README.md); measured with
    # `dunguard eval --errors 0 tests/corpus/heldout_fresh.jsonl`: 0.950 / 0.910 / 0.958 / 0.863
    # (0.911 / 0.803 / 0.888 / 0.744 when it was added). The floors sit one message or so under.
    "heldout_fresh.jsonl": {"category": 0.945, "stage_f1": 0.90, "tactic_p": 0.95, "tactic_r": 0.855},
    # a second independent set (a natural mix, 300), written after all the tuning above and
    # never tuned on: 0.880 / 0.819 / 0.981 / 0.786 the one time it was scored. The gap to
    # heldout_fresh is the honest measure of how far the rules generalise.
    "heldout_fresh2.jsonl": {"category": 0.87, "stage_f1": 0.81, "tactic_p": 0.97, "tactic_r": 0.775},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_corpus_scores_stay_above_floor(name: str) -> None:
    rows = [json.loads(x) for x in (CORPUS / name).read_text("utf-8").splitlines() if x.strip()]
    assert len(rows) > 250
    # the direction as `dunguard eval` passes it: the borrower's own messages are "out"
    rep = score((r, analyze(r["text"], id=r["id"], direction=r.get("direction"))) for r in rows)
    floor = FLOORS[name]
    got = {"category": rep.category_accuracy, "stage_f1": rep.stage_macro_f1,
           "tactic_p": rep.tactic_micro.precision, "tactic_r": rep.tactic_micro.recall}
    for k, v in floor.items():
        assert got[k] >= v, f"{name}: {k} = {got[k]:.3f} < {v}"
