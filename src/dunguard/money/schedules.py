"""The repayment schedule a contract implies, instalment by instalment, and its cash flows.

Supported: 等额本息 (equal payment), 等额本金 (equal principal), 先息后本 (interest only),
等本等息 / 月费率 (flat: the same interest or fee every period on the *original* principal),
信用卡分期 (card instalments: a fee per period on the instalment principal), 到期一次还本付息
(bullet, simple interest actual/365). Revolving card debt has no schedule; its cost comes from
the daily rate (see :mod:`dunguard.money.cost`).

Each instalment is rounded to the fen (half up); the last one takes the rounding difference so
that the principal repaid equals the contract amount exactly. Due dates fall on the same day of
each month as the first, or on the month's last day when it is shorter.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dunguard.errors import InputError
from dunguard.money.amounts import ONE, ZERO, fen
from dunguard.money.debt import Debt, Method

TWELVE = Decimal(12)
DAYS_PER_YEAR = Decimal(365)


@dataclass(frozen=True)
class Instalment:
    number: int
    due: date
    opening: Decimal  # principal outstanding before this instalment
    principal: Decimal
    interest: Decimal  # interest, or the per-period fee that works as interest (月费率、分期手续费)
    fee: Decimal = ZERO  # other per-period fees named in the contract

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.fee

    @property
    def cost(self) -> Decimal:
        return self.interest + self.fee

    def to_json(self) -> dict[str, str | int]:
        return {
            "number": self.number,
            "due": self.due.isoformat(),
            "opening": str(self.opening),
            "principal": str(self.principal),
            "interest": str(self.interest),
            "fee": str(self.fee),
            "total": str(self.total),
        }


def add_months(start: date, months: int, day: int | None = None) -> date:
    """``start`` moved by ``months`` calendar months, on ``day`` (default ``start.day``) or on
    the last day of a shorter month."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day or start.day, last))


def due_dates(debt: Debt) -> list[date]:
    if debt.first_due is None:  # monthly anniversaries of the contract date
        return [add_months(debt.contract_date, k) for k in range(1, debt.periods + 1)]
    return [add_months(debt.first_due, k) for k in range(debt.periods)]


def monthly_rate(debt: Debt) -> Decimal:
    """Interest per month of an amortizing contract (nominal annual rate / 12)."""
    if debt.rate is None:
        raise InputError(f"{debt.lender}：缺少年利率")
    return debt.rate / TWELVE


def flat_rate(debt: Debt) -> Decimal:
    """Per-period charge on the original principal: 月费率, or a flat annual rate / 12."""
    if debt.fee_rate is not None:
        return debt.fee_rate
    assert debt.rate is not None
    return debt.rate / TWELVE


def schedule(debt: Debt, principal: Decimal | None = None) -> list[Instalment]:
    """The contract's instalments for ``principal`` (default: the contract amount)."""
    p = debt.contract_amount if principal is None else principal
    m = debt.method
    if m is Method.REVOLVING:
        return []
    fee = debt.period_fees
    if m is Method.BULLET:
        due = debt.maturity or add_months(debt.contract_date, debt.periods)
        days = Decimal((due - debt.contract_date).days)
        assert debt.rate is not None
        return [Instalment(1, due, p, p, fen(p * debt.rate * days / DAYS_PER_YEAR), fee)]
    dates = due_dates(debt)
    n = len(dates)
    out: list[Instalment] = []
    left = p
    if m is Method.EQUAL_PAYMENT:
        r = monthly_rate(debt)
        payment = fen(p / n if r == 0 else p * r / (ONE - (ONE + r) ** -n))
        for k, due in enumerate(dates, start=1):
            interest = fen(left * r)
            princ = left if k == n else min(left, payment - interest)
            out.append(Instalment(k, due, left, princ, interest, fee))
            left -= princ
    elif m is Method.EQUAL_PRINCIPAL:
        r = monthly_rate(debt)
        part = fen(p / n)
        for k, due in enumerate(dates, start=1):
            princ = left if k == n else min(left, part)
            out.append(Instalment(k, due, left, princ, fen(left * r), fee))
            left -= princ
    elif m is Method.INTEREST_ONLY:
        interest = fen(p * monthly_rate(debt))
        for k, due in enumerate(dates, start=1):
            out.append(Instalment(k, due, p, p if k == n else ZERO, interest, fee))
    elif m in (Method.FLAT, Method.CARD_INSTALMENT):
        charge = fen(p * flat_rate(debt))
        part = fen(p / n)
        for k, due in enumerate(dates, start=1):
            princ = left if k == n else min(left, part)
            out.append(Instalment(k, due, left, princ, charge, fee))
            left -= princ
    else:  # pragma: no cover - every Method is handled above
        raise AssertionError(m)
    return out


def cash_flows(debt: Debt) -> tuple[list[date], list[Decimal]]:
    """Dated flows from the borrower's side: what was received (net of fees paid at the start)
    positive on the contract date, each instalment negative on its due date."""
    dates = [debt.contract_date]
    amounts = [debt.received_amount - debt.upfront_fees]
    for inst in schedule(debt):
        dates.append(inst.due)
        amounts.append(-inst.total)
    return dates, amounts


def scheduled_total(debt: Debt) -> Decimal:
    return sum((i.total for i in schedule(debt)), ZERO) + debt.upfront_fees


def paid_instalments(debt: Debt, instalments: list[Instalment]) -> int:
    """How many instalments the payments made cover in full, oldest first."""
    left = debt.paid
    count = 0
    for inst in instalments:
        if left + Decimal("0.005") < inst.total:
            break
        left -= inst.total
        count += 1
    return count
