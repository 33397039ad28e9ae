"""Written probes: sentences written from the labelling guide's KINDS of message (not from
corpus rows) after the second fresh batch, to check that the rules cover a kind and not only
its corpus examples. Each row names what it must get: its category, and a stage or tactic
where it is about one (``probes/written_probes.jsonl``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dunguard.text.engine import analyze

ROWS = [json.loads(line) for line in
        (Path(__file__).parent / "probes" / "written_probes.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:16] for r in ROWS])
def test_written_probe(row):
    a = analyze(row["text"])
    assert a.category.value == row["category"], a
    if "stage" in row:
        assert a.stage is not None and a.stage.value == row["stage"], a
    if "tactic" in row:
        assert row["tactic"] in {t.value for t in a.tactics}, a
