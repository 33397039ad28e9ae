"""Money: debts, their schedules and true cost, what the law may not support, and the plan.

    from dunguard.money import Debt, debt_cost, assess, make_plan
    d = Debt.create(lender="某消费金融", kind="consumer_finance", contract_date="2024-03-15",
                    amount="20000", received="18000", method="equal_payment", periods=12,
                    rate="18%")
    debt_cost(d).nominal_apr, assess(d).disputable

Modules: ``amounts`` (Decimal, rounding), ``debt`` (the model), ``schedules`` (instalments),
``xirr`` (the solver), ``cost`` (APR), ``legality`` (caps by date and lender), ``plan``
(strategies), ``negotiate`` (offers, card 个性化分期, counter-offers), ``planfile`` (YAML).
"""

from dunguard.money.cost import TrueCost, debt_cost, parse_flows_csv, rates_from_flows
from dunguard.money.debt import Debt, Fee, LenderKind, Method, Payment
from dunguard.money.legality import Conclusion, Legality, assess
from dunguard.money.plan import Budget, Plan, Strategy, make_plan
from dunguard.money.xirr import irr, xirr

__all__ = [
    "Budget",
    "Conclusion",
    "Debt",
    "Fee",
    "Legality",
    "LenderKind",
    "Method",
    "Payment",
    "Plan",
    "Strategy",
    "TrueCost",
    "assess",
    "debt_cost",
    "irr",
    "make_plan",
    "parse_flows_csv",
    "rates_from_flows",
    "xirr",
]
