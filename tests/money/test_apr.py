"""True cost: the reference APR cases, the solver against independent baselines, properties."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dunguard.errors import InputError
from dunguard.money.cost import DATED, MONTHLY, debt_cost, parse_flows_csv, rates_from_flows
from dunguard.money.debt import Debt
from dunguard.money.schedules import add_months
from dunguard.money.xirr import irr, xirr

# US Reg Z Appendix J: an APR is accurate within 1/8 of a percentage point for regular loans.
TOLERANCE = Decimal("0.00125")
START = date(2024, 1, 15)


def monthly_flows(first: Decimal, payment: Decimal, n: int) -> tuple[list[date], list[Decimal]]:
    dates = [START] + [add_months(START, k) for k in range(1, n + 1)]
    return dates, [first] + [-payment] * n


def loan(**kw: object) -> Debt:
    base: dict[str, object] = {"lender": "测试", "kind": "private", "contract_date": START}
    return Debt.create(**(base | kw))


def test_pboc_2021_example_by_flows() -> None:
    # 中国人民银行公告〔2021〕第3号: 100,000 lent, 1,000 fee at the start, 12 × 8,833.3.
    cost = rates_from_flows(*monthly_flows(Decimal(99000), Decimal("8833.3"), 12))
    assert cost.method == MONTHLY
    assert abs(cost.nominal_apr - Decimal("0.1280")) <= TOLERANCE
    assert abs(cost.effective_apr - Decimal("0.1358")) <= TOLERANCE
    assert round(cost.nominal_apr, 4) == Decimal("0.1280")
    assert round(cost.effective_apr, 4) == Decimal("0.1358")


def test_pboc_2021_example_fee_as_separate_flow_same_day() -> None:
    dates, amounts = monthly_flows(Decimal(100000), Decimal("8833.3"), 12)
    cost = rates_from_flows([START, *dates], [Decimal(-1000), *amounts])
    assert round(cost.nominal_apr, 4) == Decimal("0.1280")


def test_monthly_fee_rate_06_percent_12_periods() -> None:
    cost = debt_cost(loan(amount="12000", method="flat", fee_rate="0.6%", periods=12))
    assert abs(cost.nominal_apr - Decimal("0.1303")) <= TOLERANCE
    assert cost.quoted_rate == Decimal("0.072")  # what the lender says: 0.6% × 12


def test_ten_percent_deducted_on_18_percent_amortizing_loan() -> None:
    cost = debt_cost(loan(amount="100000", received="90000", method="equal_payment",
                          rate="18%", periods=12))  # fmt: skip
    assert abs(cost.nominal_apr - Decimal("0.3880")) <= TOLERANCE


@pytest.mark.parametrize(("periods", "expected"), [(12, "0.1622"), (24, "0.1643"), (6, "0.1527")])
def test_card_instalments_075_percent_per_period(periods: int, expected: str) -> None:
    # 0.75 % a period on the instalment principal; 12 periods is the often-quoted ≈16.2 %.
    cost = debt_cost(loan(kind="bank_card", amount="12000", method="card_instalment",
                          fee_rate="0.75%", periods=periods))  # fmt: skip
    assert abs(cost.nominal_apr - Decimal(expected)) <= TOLERANCE
    pmt = 1 / periods + 0.0075
    assert abs(float(cost.nominal_apr) - npf.rate(periods, -pmt, 1, 0) * 12) < 1e-3


def test_revolving_daily_rate() -> None:
    cost = debt_cost(loan(kind="bank_card", amount="10000", method="revolving", daily_rate="0.05%"))
    assert cost.nominal_apr == Decimal("0.1825")
    assert round(cost.effective_apr, 4) == Decimal("0.2002")


def test_irregular_dates_use_xirr_actual_365() -> None:
    dates = [date(2024, 1, 1), date(2024, 2, 20), date(2024, 5, 3)]
    cost = rates_from_flows(dates, [Decimal(1000), Decimal(-500), Decimal(-560)])
    assert cost.method == DATED
    r = float(cost.effective_apr)
    npv = sum(a / (1 + r) ** ((d - dates[0]).days / 365) for d, a in zip(dates, (1000, -500, -560),
                                                                           strict=True))
    assert abs(npv) < 1e-6


@pytest.mark.parametrize("seed", range(20))
def test_irr_matches_numpy_financial(seed: int) -> None:
    import random

    rnd = random.Random(seed)
    n = rnd.randint(2, 60)
    flows = [rnd.uniform(1000, 50000)] + [-rnd.uniform(50, 3000) for _ in range(n)]
    if sum(flows) > 0:
        flows[-1] -= sum(flows) + 1
    assert abs(irr(flows) - npf.irr(flows)) < 1e-9


def test_xirr_matches_scipy_brentq() -> None:
    from scipy.optimize import brentq

    dates = [date(2023, 3, 1) + timedelta(days=int(30.4 * k) + k % 3) for k in range(37)]
    amounts = [30000.0] + [-1100.0] * 36
    t = [(d - dates[0]).days / 365 for d in dates]
    ref = brentq(lambda r: sum(a / (1 + r) ** x for a, x in zip(amounts, t, strict=True)), 1e-9, 10)
    assert abs(xirr(dates, amounts) - ref) < 1e-9


def test_huge_short_term_rate_is_computed_not_nan() -> None:
    # A "714" loan: 700 received, 1,000 due in 7 days.
    r = xirr([date(2024, 1, 1), date(2024, 1, 8)], [700, -1000])
    assert r > 1e6


@pytest.mark.parametrize(
    ("amounts", "message"),
    [
        ([Decimal(100), Decimal(50)], "没有正负变化"),
        ([Decimal(-100), Decimal(-50)], "没有正负变化"),
        ([Decimal(100)], "至少要有两笔"),
    ],
)
def test_flows_without_sign_change_are_refused(amounts: list[Decimal], message: str) -> None:
    dates = [START + timedelta(days=30 * i) for i in range(len(amounts))]
    with pytest.raises(InputError, match=message):
        rates_from_flows(dates, amounts)


def test_dates_out_of_order_are_refused() -> None:
    with pytest.raises(InputError, match="日期顺序不对"):
        rates_from_flows([date(2024, 2, 1), date(2024, 1, 1)], [Decimal(100), Decimal(-110)])


def test_flows_csv_parsing_and_errors() -> None:
    dates, amounts = parse_flows_csv("date,amount\n2024-01-01,\"10,000\"\n2024-02-01,-10100\n")
    assert dates == [date(2024, 1, 1), date(2024, 2, 1)] and amounts == [Decimal(10000), Decimal(-10100)]
    with pytest.raises(InputError, match="第3行"):
        parse_flows_csv("date,amount\n2024-01-01,100\n2024-13-01,-5\n", file="x.csv")
    with pytest.raises(InputError, match="不是数字"):
        parse_flows_csv("2024-01-01,abc\n")
    with pytest.raises(InputError, match="没有现金流"):
        parse_flows_csv("date,amount\n")


# ---------------------------------------------------------------------- properties

amounts = st.integers(min_value=1000, max_value=2_000_000).map(Decimal)
rates = st.integers(min_value=1, max_value=600).map(lambda bp: Decimal(bp) / 1000)  # 0.1 %–60 %
terms = st.integers(min_value=1, max_value=60)
methods = st.sampled_from(["equal_payment", "equal_principal", "interest_only"])


@settings(max_examples=150, deadline=None)
@given(amount=amounts, rate=rates, n=terms, method=methods)
def test_zero_fees_give_the_contract_rate(amount: Decimal, rate: Decimal, n: int, method: str) -> None:
    cost = debt_cost(loan(amount=amount, rate=rate, periods=n, method=method))
    # Instalments are rounded to the fen; that moves the rate by far less than 0.01 pp.
    assert abs(cost.nominal_apr - rate) < Decimal("0.0001")


@settings(max_examples=150, deadline=None)
@given(amount=amounts, rate=rates, n=terms, method=methods,
       deducted=st.integers(min_value=0, max_value=300), fee=st.integers(min_value=0, max_value=200),
       more=st.integers(min_value=1, max_value=500))  # fmt: skip
def test_more_fees_never_lower_the_apr(amount: Decimal, rate: Decimal, n: int, method: str,
                                       deducted: int, fee: int, more: int) -> None:  # fmt: skip
    received = amount * (1000 - deducted) / 1000
    base = loan(amount=amount, received=received, rate=rate, periods=n, method=method,
                fees=[{"name": "服务费", "amount": Decimal(fee), "per_period": True}])  # fmt: skip
    dearer_fee = loan(amount=amount, received=received, rate=rate, periods=n, method=method,
                      fees=[{"name": "服务费", "amount": Decimal(fee + more), "per_period": True}])  # fmt: skip
    less_received = loan(amount=amount, received=max(Decimal(1), received - more), rate=rate,
                         periods=n, method=method,
                         fees=[{"name": "服务费", "amount": Decimal(fee), "per_period": True}])  # fmt: skip
    apr = debt_cost(base).nominal_apr
    assert debt_cost(dearer_fee).nominal_apr >= apr
    assert debt_cost(less_received).nominal_apr >= apr


@settings(max_examples=100, deadline=None)
@given(flows=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=40),
       principal_share=st.integers(min_value=50, max_value=99))  # fmt: skip
def test_irr_is_a_root(flows: list[int], principal_share: int) -> None:
    total = sum(flows)
    c = [total * principal_share / 100] + [-f for f in flows]
    i = irr(c)
    npv = sum(x / (1 + i) ** k for k, x in enumerate(c))
    assert abs(npv) <= 1e-7 * sum(abs(x) for x in c)
