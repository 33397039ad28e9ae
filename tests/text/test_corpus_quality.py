"""Quality floors on the project's own corpus (regression guard; the real numbers go in issue notes).

``dev.jsonl`` is what the rules were tuned on and the wording models trained on;
``heldout.jsonl`` was never used for tuning; ``heldout_fresh*.jsonl`` are independent sets
written by people who had not seen the rules.
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
    # rows), then the second to fifth, seventh and eighth fresh batches (src/fresh2_* …
    # fresh5_*, fresh7_*, fresh8_*: 620, 780, 400, 460, 500 and 500 rows), each scored untouched
    # before tuning (tests/corpus/README.md). The wording models are trained on it, so it
    # flatters them. Measured: 0.983 / 0.980 / 0.990 / 0.895
    "dev.jsonl": {"category": 0.975, "stage_f1": 0.97, "tactic_p": 0.985, "tactic_r": 0.885},
    # measured with --errors 0: 0.975 / 0.978 / 1.000 / 0.910 (its older rows label a
    # regulator's signature `legal`, see the corpus README); rules alone 0.962 / 0.965 / 1.000 / 0.895
    "heldout.jsonl": {"category": 0.965, "stage_f1": 0.97, "tactic_p": 0.99, "tactic_r": 0.895},
    # independent set written without seeing the rules (tests/corpus/README.md); measured with
    # `dunguard eval --errors 0 tests/corpus/heldout_fresh.jsonl`: 0.950 / 0.943 / 0.953 / 0.881
    # after the thirteenth batch (0.950 / 0.951 / 0.952 / 0.869 before the tenth; rules alone
    # then 0.950 / 0.910 / 0.958 / 0.863; 0.911 / 0.803 / 0.888 / 0.744 when it was added).
    # The floors sit one message or so under.
    "heldout_fresh.jsonl": {"category": 0.945, "stage_f1": 0.935, "tactic_p": 0.945, "tactic_r": 0.87},
    # a second independent set (a natural mix, 300), written after all the rule tuning and
    # never tuned on: rules alone 0.880 / 0.819 / 0.981 / 0.786; with the wording models as
    # first trained 0.950 / 0.929 / 0.982 / 0.847, retrained with the eighth batch 0.943 /
    # 0.939 / 0.983 / 0.863.
    "heldout_fresh2.jsonl": {"category": 0.935, "stage_f1": 0.93, "tactic_p": 0.97, "tactic_r": 0.855},
    # a third (a natural mix, 300), written after the wording models were built: rules alone
    # 0.883 / 0.851 / 1.000 / 0.780; models as first trained 0.927 / 0.929 / 1.000 / 0.823;
    # retrained with the eighth batch 0.923 / 0.933 / 1.000 / 0.817.
    "heldout_fresh3.jsonl": {"category": 0.915, "stage_f1": 0.925, "tactic_p": 0.99, "tactic_r": 0.81},
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
