"""The plan on a realistic household (demo/plan.yaml), strategies, negotiation, case storage."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from dunguard.errors import InputError, UsageError
from dunguard.money.debt import Debt
from dunguard.money.negotiate import (
    CounterOffer,
    annuity,
    card_scenarios,
    check_counter_offer,
    months_to_clear,
    offers,
)
from dunguard.money.plan import Budget, Strategy, make_plan, simulate
from dunguard.money.planfile import load_plan_file, parse_plan
from dunguard.money.suggest import suggest

DEMO = Path(__file__).resolve().parents[2] / "demo" / "plan.yaml"
ALL = (Strategy.AVALANCHE, Strategy.SNOWBALL, Strategy.DISPUTE_FIRST, Strategy.CUSTOM)


@pytest.fixture(scope="module")
def demo():  # type: ignore[no-untyped-def]
    pf = load_plan_file(DEMO)
    plan = make_plan(pf.debts, pf.budget, strategies=ALL, custom=pf.order, as_of=pf.as_of)
    return pf, plan


def test_demo_file_reads_exactly(demo) -> None:  # type: ignore[no-untyped-def]
    pf, _ = demo
    assert pf.budget.available == Decimal(2400)
    assert [d.id for d in pf.debts] == ["card", "cfc", "app", "friend"]
    assert pf.debts[1].payments[0].amount == Decimal("10066.32")  # not a float
    assert pf.counter_offers[0].monthly == Decimal(1200)


def test_the_floor_is_never_touched(demo) -> None:  # type: ignore[no-untyped-def]
    pf, plan = demo
    for r in plan.results:
        by_month: dict[int, Decimal] = {}
        for row in r.rows:
            by_month[row.month] = by_month.get(row.month, Decimal(0)) + row.payment
            assert row.payment >= 0 and row.closing >= 0
        assert max(by_month.values()) <= pf.budget.available


def test_strategies_order_and_compare(demo) -> None:  # type: ignore[no-untyped-def]
    _, plan = demo
    res = {r.strategy: r for r in plan.results}
    assert res[Strategy.AVALANCHE].order[0] == "app"  # highest true rate
    assert res[Strategy.SNOWBALL].order[0] == "app"  # smallest balance
    assert res[Strategy.CUSTOM].order == ["friend", "card", "cfc", "app"]
    av, sb, dp = res[Strategy.AVALANCHE], res[Strategy.SNOWBALL], res[Strategy.DISPUTE_FIRST]
    assert av.finished and sb.finished and dp.finished
    assert av.total_interest <= sb.total_interest
    assert dp.total_paid < av.total_paid and dp.set_aside > 0
    # the money paid equals what was owed plus the interest charged
    owed = sum(d.balance for d in plan.debts)
    assert av.total_paid == owed + av.total_interest
    assert all(v is not None for v in av.payoff.values())
    # with the user's order, the 65 % loan starves and the balances run away
    assert res[Strategy.CUSTOM].growing and not res[Strategy.CUSTOM].finished


def test_dispute_first_pays_only_lawful_balances(demo) -> None:  # type: ignore[no-untyped-def]
    _, plan = demo
    app = next(d for d in plan.debts if d.id == "app")
    assert app.lawful_balance < app.balance and app.lawful_rate == Decimal("0.24")
    dp = next(r for r in plan.results if r.strategy is Strategy.DISPUTE_FIRST)
    first = [row for row in dp.rows if row.debt == "app" and row.month == 1][0]
    assert first.opening == app.lawful_balance


def test_small_household_avalanche_vs_snowball() -> None:
    debts = [
        Debt.create(id="a", lender="A", kind="bank_loan", contract_date="2025-01-01",
                    amount="3000", method="equal_payment", rate="10%", periods=12, balance="3000",
                    minimum_payment="100"),
        Debt.create(id="b", lender="B", kind="consumer_finance", contract_date="2025-01-01",
                    amount="8000", method="equal_payment", rate="23%", periods=12, balance="8000",
                    minimum_payment="200"),
    ]  # fmt: skip
    budget = Budget(Decimal(6000), Decimal(4000))
    plan = make_plan(debts, budget, strategies=(Strategy.AVALANCHE, Strategy.SNOWBALL),
                     as_of=date(2025, 6, 1))  # fmt: skip
    av, sb = plan.results
    assert av.order == ["b", "a"] and sb.order == ["a", "b"]
    assert av.total_interest < sb.total_interest
    assert sb.payoff["a"] < av.payoff["a"]  # type: ignore[operator]
    assert plan.start == date(2025, 7, 1)


def test_no_money_left_is_a_clear_error() -> None:
    d = Debt.create(lender="A", contract_date="2025-01-01", amount="1000", rate="10%", periods=2)
    with pytest.raises(InputError, match="没有余钱"):
        make_plan([d], Budget(Decimal(3000), Decimal(3000)), as_of=date(2025, 6, 1))


def test_custom_order_needs_known_ids(demo) -> None:  # type: ignore[no-untyped-def]
    pf, plan = demo
    with pytest.raises(UsageError, match="不存在的债务"):
        simulate(plan.debts, pf.budget, Strategy.CUSTOM, date(2025, 7, 1), custom=["nope"])
    with pytest.raises(UsageError, match="还款顺序"):
        simulate(plan.debts, pf.budget, Strategy.CUSTOM, date(2025, 7, 1))


def test_offers_share_the_budget(demo) -> None:  # type: ignore[no-untyped-def]
    pf, plan = demo
    offs = offers(plan.debts, pf.budget)
    assert sum(o.monthly for o in offs) <= pf.budget.available
    assert all(o.monthly == o.monthly.to_integral_value() for o in offs)
    for o in offs:
        assert o.months_interest_stopped is not None
        assert o.months_with_interest is None or o.months_with_interest >= o.months_interest_stopped


def test_card_personalised_instalments_up_to_60_months(demo) -> None:  # type: ignore[no-untyped-def]
    pf, plan = demo
    [card] = card_scenarios(plan.debts, pf.budget)
    assert [t.months for t in card.terms] == [12, 24, 36, 48, 60]
    t60 = card.terms[-1]
    assert t60.monthly_interest_stopped == (card.balance / 60).quantize(Decimal("0.01"))
    assert t60.monthly_with_interest > t60.monthly_interest_stopped
    assert "信用卡办法:70" in [p.id for p in card.provisions]
    assert [t.fits_interest_stopped for t in card.terms] == sorted(
        t.fits_interest_stopped for t in card.terms)  # longer terms fit once shorter ones do


def test_counter_offer_checked_against_budget(demo) -> None:  # type: ignore[no-untyped-def]
    pf, plan = demo
    v = check_counter_offer(pf.counter_offers[0], plan.debts, pf.budget)
    assert not v.fits_monthly and v.fits_upfront and "超出预算" in v.text
    small = CounterOffer.create("app", "100", "40")
    ok = check_counter_offer(small, plan.debts, pf.budget)
    assert ok.fits and ok.total == Decimal(4000)
    with pytest.raises(InputError, match="不存在的债务"):
        check_counter_offer(CounterOffer.create("zzz", "1", "1"), plan.debts, pf.budget)


def test_annuity_and_months() -> None:
    assert annuity(Decimal(12000), Decimal(0), 12) == Decimal(1000)
    assert months_to_clear(Decimal(12000), Decimal(0), Decimal(1000)) == 12
    assert months_to_clear(Decimal(12000), Decimal("0.24"), Decimal(100)) is None
    m = annuity(Decimal(10000), Decimal("0.18"), 24)
    assert months_to_clear(Decimal(10000), Decimal("0.18"), m) == 24


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("budget: {income: 5000}", "essentials"),
        ("debts: []", "budget"),
        ("budget: {income: 5000, essentials: 2000}\nfoo: 1", "不认识的项"),
        ("budget: {income: -5000, essentials: 2000}", "负数"),
        ("budget: {income: 5000, essentials: 2000}\nstrategies: [yolo]", "不认识的策略"),
        ("budget: [1", "YAML"),
        ("budget: {income: 5000, essentials: 2000}\ndebts:\n  - {lender: x, contract_date: 2024-01-01, amount: 100, received: 200, rate: 10%}",
         "大于合同金额"),
    ],
)
def test_plan_file_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_plan(text)


def test_case_stores_debts_and_logs_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dunguard.case import create_case

    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path))
    pf = load_plan_file(DEMO)
    with create_case("债务") as c:
        ids = [c.save_debt(d)[0] for d in pf.debts]
        assert ids == ["card", "cfc", "app", "friend"]
        assert [d.id for d in c.debts()] == ids and c.debts()[1] == pf.debts[1]
        c.save_debt(pf.debts[0].to_json() | {"balance": "27000"})
        assert c.debts()[0].balance == Decimal(27000)
        c.remove_debt("app")
        assert [d.id for d in c.debts()] == ["card", "cfc", "friend"]
        with pytest.raises(InputError):
            c.remove_debt("app")
        types = [e["type"] for e in c.events()]
        assert types.count("debt_saved") == 5 and types.count("debt_removed") == 1
        assert c.verify().ok


def test_suggest_groups_analyses_by_lender() -> None:
    analyses = [
        {"id": "m1", "category": "collection",
         "entities": {"lender": ["招商银行"], "amounts": [3200.5], "overdue_days": [35]}},
        {"id": "m2", "category": "collection",
         "entities": {"lender": ["招商银行"], "amounts": [3200.5, 100], "overdue_days": [40]}},
        {"id": "m3", "category": "other", "entities": {"lender": ["某贷"], "amounts": [9]}},
        {"id": "m4", "category": "collection", "entities": {"amounts": [800]}},
    ]  # fmt: skip
    cands = suggest(analyses)
    assert [c.lender for c in cands] == ["招商银行", "（未识别的出借方）"]
    c = cands[0]
    assert c.kind is not None and c.kind.value == "bank_card"
    assert c.balance_guess == Decimal("3200.50") and c.overdue_guess == 40
    assert c.messages == ["m1", "m2"]
    assert c.debt_fields()["sources"] == ["m1", "m2"]


def test_readme_plan_example_parses_and_plans() -> None:
    readme = (DEMO.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**计划文件**"):]
    block = section[section.index("```yaml") + 7: section.index("```", section.index("```yaml") + 7)]
    pf = parse_plan(block)
    assert [d.id for d in pf.debts] == ["app"] and pf.budget.available == Decimal(2700)
    plan = make_plan(pf.debts, pf.budget, strategies=ALL, custom=pf.order, as_of=pf.as_of)
    assert all(r.finished for r in plan.results)
