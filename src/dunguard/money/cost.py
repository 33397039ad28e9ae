"""What a debt really costs: nominal APR and effective annual rate from dated cash flows, next
to the simple rate lenders like to quote.

* Monthly schedules (and any flows that fall on whole-month anniversaries of the first flow):
  IRR per month ``i``; nominal APR = ``12 i`` (PBoC 公告〔2021〕第3号 and US Reg Z unit-period
  method); effective annual rate = ``(1+i)^12 − 1``.
* Other dated flows: XIRR by actual/365 days from the first flow gives the effective annual
  rate ``r``; the nominal APR given with it is its monthly-compounded equivalent
  ``12((1+r)^(1/12) − 1)``.
* Revolving card debt: nominal = daily rate × 365, effective = ``(1 + daily)^365 − 1``.
* The simple rate is the total cost (everything paid minus what was received) divided by what
  was received and by the term in years; the "quoted" rate is the headline in the contract
  (annual rate, 月费率 × 12, 日利率 × 365), which ignores that the principal is paid back.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dunguard.errors import InputError
from dunguard.money.amounts import HUNDRED, ONE, ZERO, fen, to_decimal
from dunguard.money.debt import Debt, Method
from dunguard.money.schedules import DAYS_PER_YEAR, TWELVE, add_months, cash_flows
from dunguard.money.xirr import irr, xirr

MONTHLY = "monthly_irr"
DATED = "xirr_actual_365"
DAILY = "daily_compound"

METHOD_TEXT = {
    MONTHLY: "按月内部收益率（IRR）：名义年化 = 月利率 × 12，实际年化 = (1+月利率)^12 − 1",
    DATED: "按实际天数的内部收益率（XIRR，实际天数/365）：实际年化为解出的利率，名义年化为其按月复利的等值",
    DAILY: "循环信用按日计息：名义年化 = 日利率 × 365，实际年化 = (1+日利率)^365 − 1",
}


def _dec(x: float) -> Decimal:
    """A solver result as ``Decimal``, kept to 12 significant digits (the solver's accuracy)."""
    if not math.isfinite(x):
        raise InputError("算出的利率大到无法表示，请检查金额和日期")
    return Decimal(f"{x:.12g}")


@dataclass(frozen=True)
class TrueCost:
    nominal_apr: Decimal
    effective_apr: Decimal
    method: str  # MONTHLY | DATED | DAILY
    received: Decimal  # what the borrower actually got (net of fees paid at the start)
    total_paid: Decimal  # everything the contract makes the borrower pay
    simple_rate: Decimal | None  # total cost / received / years
    quoted_rate: Decimal | None = None
    quoted_label: str | None = None
    periodic_rate: Decimal | None = None  # per month, for MONTHLY

    @property
    def total_cost(self) -> Decimal:
        return self.total_paid - self.received

    def to_json(self) -> dict[str, object]:
        return {
            "nominal_apr": float(self.nominal_apr),
            "effective_apr": float(self.effective_apr),
            "simple_rate": None if self.simple_rate is None else float(self.simple_rate),
            "quoted_rate": None if self.quoted_rate is None else float(self.quoted_rate),
            "quoted_label": self.quoted_label,
            "periodic_rate": None if self.periodic_rate is None else float(self.periodic_rate),
            "method": self.method,
            "method_text": METHOD_TEXT[self.method],
            "received": str(fen(self.received)),
            "total_paid": str(fen(self.total_paid)),
            "total_cost": str(fen(self.total_cost)),
        }

    @property
    def over_1000(self) -> bool:
        return self.nominal_apr > 10


def month_offsets(dates: Sequence[date]) -> list[int] | None:
    """Whole-month offsets of each date from the first (a month-end counts for a shorter
    month), or ``None`` when some date is not on a monthly anniversary."""
    first = dates[0]
    out: list[int] = []
    for d in dates:
        k = (d.year - first.year) * 12 + d.month - first.month
        if k < 0 or add_months(first, k) != d:
            return None
        out.append(k)
    return out


def rates_from_flows(dates: Sequence[date], amounts: Sequence[Decimal]) -> TrueCost:
    """True cost of dated flows (received positive, paid negative); see the module notes."""
    if len(dates) != len(amounts):
        raise InputError("日期和金额的个数不一致")
    if len(dates) < 2:
        raise InputError("现金流至少要有两笔：收到的钱和还出去的钱")
    for i in range(1, len(dates)):
        if dates[i] < dates[i - 1]:
            raise InputError(
                f"第{i + 1}笔现金流的日期 {dates[i]} 早于前一笔 {dates[i - 1]}，日期顺序不对"
            )
    # Same-day flows are netted (e.g. the loan paid out and a fee taken the same day).
    merged: dict[date, Decimal] = {}
    for d, a in zip(dates, amounts, strict=True):
        merged[d] = merged.get(d, ZERO) + a
    ds, am = list(merged), list(merged.values())
    received = sum((a for a in amounts if a > 0), ZERO)
    paid = -sum((a for a in amounts if a < 0), ZERO)
    years = Decimal((ds[-1] - ds[0]).days) / DAYS_PER_YEAR
    simple = (paid - received) / received / years if received > 0 and years > 0 else None
    offsets = month_offsets(ds) if len(ds) > 1 else None
    if offsets is not None:
        flows = [0.0] * (offsets[-1] + 1)
        for k, a in zip(offsets, am, strict=True):
            flows[k] += float(a)
        i = _dec(irr(flows))
        return TrueCost(i * TWELVE, (ONE + i) ** 12 - ONE, MONTHLY, received, paid, simple,
                        periodic_rate=i)  # fmt: skip
    r = xirr(ds, [float(a) for a in am])
    eff = _dec(r)
    nominal = _dec(12 * math.expm1(math.log1p(r) / 12))
    return TrueCost(nominal, eff, DATED, received, paid, simple)


def quoted(debt: Debt) -> tuple[Decimal | None, str | None]:
    """The rate the contract shows, and what it is."""
    if debt.method in (Method.FLAT, Method.CARD_INSTALMENT):
        if debt.fee_rate is not None:
            return (
                debt.fee_rate * TWELVE,
                f"每期费率 {debt.fee_rate * HUNDRED:.4g}% × 12（单利口径）",
            )
        return debt.rate, "按原始本金计息的年利率（单利口径）"
    if debt.method is Method.REVOLVING:
        if debt.daily_rate is not None:
            return debt.daily_rate * DAYS_PER_YEAR, f"日利率 {debt.daily_rate * HUNDRED:.4g}% × 365"
        return debt.rate, "合同年利率"
    return debt.rate, "合同年利率"


def debt_cost(debt: Debt) -> TrueCost:
    """True cost of a debt's contract (the schedule it signed up for, not the payments made)."""
    q_rate, q_label = quoted(debt)
    if debt.method is Method.REVOLVING:
        daily = debt.daily_rate if debt.daily_rate is not None else debt.rate / DAYS_PER_YEAR  # type: ignore[operator]
        return TrueCost(
            daily * DAYS_PER_YEAR, (ONE + daily) ** 365 - ONE, DAILY, debt.received_amount,
            debt.contract_amount, None, q_rate, q_label,
        )  # fmt: skip
    dates, amounts = cash_flows(debt)
    if amounts[0] <= 0:
        raise InputError(f"{debt.lender}：扣除一次性费用后到手金额不是正数，无法计算成本")
    if sum(amounts, ZERO) > 0:
        raise InputError(f"{debt.lender}：合同要还的钱比到手的钱还少，请检查金额和利率")
    if sum(amounts, ZERO) == 0:  # nothing paid beyond what was received: no cost
        return TrueCost(ZERO, ZERO, MONTHLY, amounts[0], -sum(amounts[1:], ZERO), ZERO,
                        q_rate, q_label, ZERO)  # fmt: skip
    cost = rates_from_flows(dates, amounts)
    return TrueCost(
        cost.nominal_apr, cost.effective_apr, cost.method, cost.received, cost.total_paid,
        cost.simple_rate, q_rate, q_label, cost.periodic_rate,
    )  # fmt: skip


# ---------------------------------------------------------------------- CSV input


def parse_flows_csv(text: str, *, file: str = "") -> tuple[list[date], list[Decimal]]:
    """``date,amount`` rows (header optional; money received positive, paid negative)."""
    dates: list[date] = []
    amounts: list[Decimal] = []
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    for line, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if len(cells) < 2:
            raise InputError("每行应有两列：日期,金额", file=file, place=f"第{line}行")
        if line == 1 and cells[0].lower() in ("date", "日期"):
            continue
        try:
            d = date.fromisoformat(cells[0].replace("/", "-"))
        except ValueError:
            raise InputError(
                f"日期“{cells[0]}”无法识别，请写成 2024-03-15", file=file, place=f"第{line}行"
            ) from None
        try:
            a = to_decimal(cells[1], what="金额")
        except InputError as exc:
            raise InputError(exc.message, file=file, place=f"第{line}行") from None
        dates.append(d)
        amounts.append(a)
    if not dates:
        raise InputError("文件里没有现金流（应为 date,amount 两列）", file=file)
    return dates, amounts
