"""The debt model and its schedules: Decimal only, clear messages for bad input, exact sums."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dunguard.errors import InputError
from dunguard.money.amounts import money, parse_rate, to_decimal
from dunguard.money.debt import Debt
from dunguard.money.schedules import add_months, cash_flows, schedule

BASE = {"lender": "某消费金融", "kind": "consumer_finance", "contract_date": "2024-01-31",
        "amount": "10000", "method": "equal_payment", "rate": "18%", "periods": 12}  # fmt: skip


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        to_decimal(0.1)
    with pytest.raises(TypeError):
        Debt.create(**(BASE | {"amount": 10000.5}))


def test_text_and_percent_parsing() -> None:
    assert to_decimal("1,234.50元") == Decimal("1234.50")
    assert parse_rate("18%") == Decimal("0.18")
    assert parse_rate("0.05%", per="日") == Decimal("0.0005")
    assert parse_rate(Decimal("0.18")) == Decimal("0.18")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"amount": "-100"}, "不能是负数"),
        ({"received": "12000"}, "大于合同金额"),
        ({"received": "0"}, "到手金额是 0"),
        ({"rate": "18"}, "1000%"),
        ({"rate": "1200%"}, "1000%"),
        ({"first_due": "2024-01-01"}, "日期顺序不对"),
        ({"contract_date": "2024-02-30"}, "不是有效日期"),
        ({"kind": "loan_shark"}, "不认识"),
        ({"method": "equal_payment", "rate": None}, "需要年利率"),
        ({"periods": 0}, "期数"),
        ({"payments": [{"date": "2023-12-01", "amount": "100"}]}, "早于合同日期"),
        ({"colour": "red"}, "不认识的字段"),
        ({"amount": "abc"}, "不是数字"),
    ],
)
def test_bad_debts_get_a_clear_message(change: dict[str, object], message: str) -> None:
    fields = {k: v for k, v in (BASE | change).items() if v is not None}
    with pytest.raises(InputError, match=message) as exc:
        Debt.create(**fields)
    assert exc.value.place  # names the debt


def test_negative_money_refused() -> None:
    with pytest.raises(InputError, match="负数"):
        money("-1")


def test_json_round_trip() -> None:
    d = Debt.create(**(BASE | {"received": "9000", "fees": [{"name": "担保费", "amount": "50",
                                                             "per_period": True}],
                               "payments": [{"date": "2024-03-01", "amount": "916.80"}],
                               "balance": "8000", "overdue_days": 10, "sources": ["m1"]}))  # fmt: skip
    assert Debt.from_json(d.to_json()) == d


def test_month_end_due_dates() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 1, 31), 2) == date(2024, 3, 31)
    d = Debt.create(**BASE)
    dues = [i.due for i in schedule(d)]
    assert dues[:3] == [date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30)]


@pytest.mark.parametrize("method", ["equal_payment", "equal_principal", "interest_only", "flat",
                                    "card_instalment"])  # fmt: skip
@pytest.mark.parametrize("amount", ["10000", "9999.99", "1234.57"])
def test_principal_repaid_equals_contract_amount(method: str, amount: str) -> None:
    d = Debt.create(**(BASE | {"method": method, "amount": amount, "fee_rate": "0.6%", "periods": 7}))
    insts = schedule(d)
    assert sum(i.principal for i in insts) == Decimal(amount)
    for i in insts:
        assert i.total == i.total.quantize(Decimal("0.01"))


def test_equal_payment_instalments_are_equal_but_the_last() -> None:
    insts = schedule(Debt.create(**BASE))
    totals = {i.total for i in insts[:-1]}
    assert totals == {Decimal("916.80")}
    assert abs(insts[-1].total - Decimal("916.80")) < Decimal("0.10")


def test_cash_flows_start_with_what_was_received() -> None:
    d = Debt.create(**(BASE | {"received": "9500", "fees": [{"name": "服务费", "amount": "200"}]}))
    dates, amounts = cash_flows(d)
    assert dates[0] == date(2024, 1, 31) and amounts[0] == Decimal("9300")
    assert all(a < 0 for a in amounts[1:])


def test_bullet_simple_interest() -> None:
    d = Debt.create(lender="王某", kind="private", method="bullet", contract_date="2024-01-01",
                    amount="10000", rate="12%", maturity="2024-07-01")  # fmt: skip
    [inst] = schedule(d)
    assert inst.interest == Decimal("598.36")  # 10000 × 12 % × 182 / 365
