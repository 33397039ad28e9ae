"""Legality by date and lender kind: every conclusion cites provisions that exist, says how firm
its footing is, and never overclaims."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dunguard.law import load, private_lending_cap
from dunguard.money.debt import Debt
from dunguard.money.legality import Basis, assess

AS_OF = date(2025, 6, 1)


def private(contract: str, rate: str = "24%", **kw: object) -> Debt:
    fields: dict[str, object] = {"lender": "王某", "kind": "private", "contract_date": contract,
                                 "amount": "100000", "method": "interest_only", "rate": rate,
                                 "periods": 12}  # fmt: skip
    return Debt.create(**(fields | kw))


def topics(debt: Debt) -> dict[str, object]:
    return {c.topic: c for c in assess(debt, AS_OF).conclusions}


@pytest.mark.parametrize(
    ("contract", "cap"),
    [
        ("2020-08-20", "0.154"),  # LPR 3.85 % in force on 2020-08-20
        ("2021-12-20", "0.152"),
        ("2022-01-20", "0.148"),
        ("2022-08-22", "0.146"),
        ("2023-06-20", "0.142"),
        ("2023-08-21", "0.138"),
        ("2024-07-22", "0.134"),
        ("2024-10-21", "0.124"),
        ("2025-05-20", "0.12"),
    ],
)
def test_private_cap_is_four_times_lpr_at_contract_date(contract: str, cap: str) -> None:
    lg = assess(private(contract), AS_OF)
    assert lg.cap == Decimal(cap) == private_lending_cap(date.fromisoformat(contract))
    c = topics(private(contract))["rate_cap"]
    assert c.basis is Basis.LAW and c.amount > 0
    assert "民间借贷规定:25" in [p.id for p in c.provisions]
    # interest only, 24 % vs cap on 100,000 for 12 months: excess = 100000 × (0.24 − cap)
    assert c.amount == (Decimal(100000) * (Decimal("0.24") - Decimal(cap))).quantize(Decimal("0.01"))


def test_private_below_cap_is_fine() -> None:
    c = topics(private("2024-01-10", rate="10%"))["rate_cap"]
    assert c.basis is Basis.INFO and c.amount == 0 and "没有超过" in c.text


@pytest.mark.parametrize(
    ("rate", "paid", "expected"),
    [
        ("20%", False, "0"),  # within 24 %: protected
        ("30%", False, "6000.00"),  # unpaid above 24 %: 12 × (3,333.33… − 2,000) → 12 × 500
        # 11 interest instalments paid: 24–36 % is the natural-debt zone (paid, cannot be
        # reclaimed), so only the unpaid 12th instalment's 500 above 24 % remains.
        ("30%", True, "500.00"),
        # above 36 % even the paid part is void: 11 × (3,333.33 − 3,000) + (3,333.33 − 2,000)
        ("40%", True, "4999.96"),
    ],
)
def test_2019_contract_uses_the_24_36_zones(rate: str, paid: bool, expected: str) -> None:
    payments = []
    if paid:
        monthly = (Decimal(100000) * Decimal(rate.rstrip("%")) / 100 / 12).quantize(Decimal("0.01"))
        payments = [{"date": "2020-01-01", "amount": str(monthly * 11)}]
    d = private("2019-01-10", rate=rate, payments=payments)
    c = topics(d)["rate_cap"]
    assert c.amount == Decimal(expected)
    assert "民间借贷规定(2015):利率" in [p.id for p in c.provisions]


def test_contract_straddling_2020_08_20_splits_by_due_date() -> None:
    # 2020-02-10, 12 monthly instalments of interest at 24 %: those due up to 2020-08-10 are
    # within the old 24 % line; those due from 2020-09-10 fall under 4 × LPR at suit.
    d = private("2020-02-10", rate="24%")
    c = topics(d)["rate_cap"]
    later = private_lending_cap(AS_OF)
    assert later == Decimal("0.12")
    expected = Decimal(100000) * (Decimal("0.24") - later) / 12 * 6
    assert c.amount == expected.quantize(Decimal("0.01"))
    assert "民间借贷规定:31" in [p.id for p in c.provisions]


def test_upfront_deduction_is_law_for_every_kind() -> None:
    for kind in ("private", "consumer_finance", "bank_loan", "online_lender"):
        d = Debt.create(lender="x", kind=kind, contract_date="2024-03-01", amount="10000",
                        received="9000", method="equal_payment", rate="10%", periods=12)  # fmt: skip
        c = topics(d)["upfront_deduction"]
        assert c.basis is Basis.LAW and c.amount == Decimal(1000)
        assert "民法典:670" in [p.id for p in c.provisions]


@pytest.mark.parametrize("kind", ["consumer_finance", "online_lender", "microlender", "bank_loan"])
def test_licensed_lenders_24_percent_is_practice_not_statute(kind: str) -> None:
    d = Debt.create(lender="x", kind=kind, contract_date="2024-03-01", amount="10000",
                    method="flat", fee_rate="2%", periods=12)  # fmt: skip
    lg = assess(d, AS_OF)
    assert lg.cap == Decimal("0.24")
    c = topics(d)["rate_line_24"]
    assert c.basis is Basis.PRACTICE and c.amount > 0
    assert "不是法律明文规定的上限" in c.text
    ids = [p.id for p in c.provisions]
    assert "金融审判意见:利率费用" in ids and "民间借贷规定:1" in ids
    assert "民间借贷规定:25" not in ids  # the 4 × LPR cap does not bind licensed lenders


def test_overdue_charges_together_under_the_cap_private() -> None:
    d = private("2023-03-01", rate="10%", overdue_days=100, overdue_rate="24%", penalty="5000",
                overdue_fees="1000")  # fmt: skip
    c = topics(d)["overdue_charges"]
    cap = private_lending_cap(date(2023, 3, 1))
    allowed = (Decimal(100000) * cap * 100 / 365).quantize(Decimal("0.01"))
    charged = (Decimal(100000) * Decimal("0.24") * 100 / 365).quantize(Decimal("0.01")) + 6000
    assert c.amount == charged - allowed
    assert {"民间借贷规定:28", "民间借贷规定:29"} <= {p.id for p in c.provisions}


def test_card_late_fee_abolished_since_2017_and_penalties_reducible() -> None:
    d = Debt.create(lender="某银行信用卡", kind="bank_card", method="revolving",
                    contract_date="2019-05-01", amount="20000", daily_rate="0.06%",
                    late_fee="300", penalty="200", overdue_days=40)  # fmt: skip
    t = topics(d)
    assert t["card_late_fee"].basis is Basis.REGULATION and t["card_late_fee"].amount == 300
    assert t["overdue_charges"].basis is Basis.DISCRETION
    assert t["card_rate_band"].basis is Basis.REGULATION
    lg = assess(d, AS_OF)
    assert lg.disputable == Decimal(300) and lg.reducible == Decimal(200)
    assert lg.cap is None


def test_every_cited_provision_exists_and_wording_is_careful() -> None:
    base = load()
    debts = [
        private("2019-01-10", rate="40%", received="90000", overdue_days=30, penalty="100"),
        private("2023-01-10", rate="30%", received="90000", overdue_days=30, penalty="100"),
        Debt.create(lender="x", kind="online_lender", contract_date="2024-03-01", amount="10000",
                    received="8000", method="flat", fee_rate="2%", periods=12, overdue_days=9,
                    overdue_fees="300"),
        Debt.create(lender="y", kind="bank_card", contract_date="2022-03-01", amount="10000",
                    method="card_instalment", fee_rate="0.75%", periods=12, late_fee="10"),
    ]  # fmt: skip
    for d in debts:
        for c in assess(d, AS_OF).conclusions:
            assert c.provisions
            for p in c.provisions:
                assert p.id in base
            for word in ("违法", "非法", "一定", "必然", "证明"):
                assert word not in c.text, (c.topic, word)
            if c.amount > 0 and c.basis in (Basis.LAW, Basis.PRACTICE):
                assert "可能" in c.text or "可以" in c.text


def test_lawful_balance_caps_the_claim_to_date() -> None:
    d = private("2023-01-10", rate="36%", received="90000", balance="140000")
    lg = assess(d, AS_OF)
    assert lg.claim_to_date is not None
    assert lg.lawful_balance(Decimal(140000)) == min(Decimal(140000), lg.claim_to_date)
    assert lg.lawful_balance(Decimal(140000)) < Decimal(140000)
