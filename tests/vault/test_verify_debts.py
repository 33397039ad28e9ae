"""verify checks the debts table against the debt_saved / debt_removed events of the log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dunguard.case import Case
from dunguard.money.planfile import load_plan_file

DEMO = Path(__file__).resolve().parents[2] / "demo" / "plan.yaml"


@pytest.fixture
def with_debts(case: Case) -> Case:
    for d in load_plan_file(DEMO).debts:
        case.save_debt(d)
    case.remove_debt("app")
    return case


def _problems(case: Case) -> list[tuple[str, str]]:
    return [(i.kind, i.item) for i in case.verify().issues]


def test_debts_saved_and_removed_verify_clean(with_debts: Case) -> None:
    rep = with_debts.verify()
    assert rep.ok, rep.issues
    assert rep.checked["debts"] == 4  # the removed one stays as history


def test_a_debt_changed_in_the_table_is_named(with_debts: Case) -> None:
    conn = with_debts.store.conn
    (data,) = conn.execute("SELECT data FROM debts WHERE id = 'card'").fetchone()
    changed = json.loads(data) | {"balance": "1"}
    conn.execute("UPDATE debts SET data = ? WHERE id = 'card'", (json.dumps(changed),))
    conn.commit()
    assert _problems(with_debts) == [("debt", "债务 card")]


def test_a_debt_rewritten_with_a_fresh_hash_is_still_caught_by_the_log(with_debts: Case) -> None:
    import hashlib

    conn = with_debts.store.conn
    (data,) = conn.execute("SELECT data FROM debts WHERE id = 'cfc'").fetchone()
    forged = data.replace('"17800"', '"1780"')
    assert forged != data
    h = hashlib.sha256(forged.encode("utf-8")).hexdigest()
    conn.execute("UPDATE debts SET data = ?, data_hash = ? WHERE id = 'cfc'", (forged, h))
    conn.commit()
    assert _problems(with_debts) == [("debt", "债务 cfc")]


@pytest.mark.parametrize(
    ("sql", "item"),
    [
        ("DELETE FROM debts WHERE id = 'friend'", "债务 friend"),
        ("UPDATE debts SET removed_seq = NULL WHERE id = 'app'", "债务 app"),
        (
            "INSERT INTO debts SELECT 'ghost', data, data_hash, event_seq, NULL FROM debts WHERE id = 'card'",
            "债务 ghost",
        ),
    ],
)
def test_rows_deleted_undeleted_or_added_behind_the_logs_back(with_debts: Case, sql: str, item: str) -> None:
    conn = with_debts.store.conn
    conn.execute(sql)
    conn.commit()
    assert ("debt", item) in _problems(with_debts)


def test_a_case_without_debts_has_nothing_to_check(case: Case) -> None:
    rep = case.verify()
    assert rep.ok and rep.checked["debts"] == 0
