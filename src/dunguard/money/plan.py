"""A repayment plan across all debts that never touches the essential-living floor.

Each month: income − essential living costs − other obligations is what may go to debts. Every
debt's balance first accrues one month of interest (its rate / 12, rounded to the fen); then
each debt gets its minimum payment, in the strategy's order, while money lasts; whatever is left
goes to the first debt in that order that still has a balance, then the next.

Strategies: ``avalanche`` (highest true rate first), ``snowball`` (smallest balance first),
``dispute_first`` (only the lawful balance, at the lawful rate; the disputable part is set aside
and raised in writing, highest lawful rate first) and ``custom`` (the user's order).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from typing import Any

from dunguard.errors import InputError, UsageError
from dunguard.money.amounts import ZERO, fen, yuan
from dunguard.money.debt import Debt, LenderKind, Method
from dunguard.money.legality import Legality, assess
from dunguard.money.schedules import TWELVE, add_months, paid_instalments, schedule

MAX_MONTHS = 360
CARD_MINIMUM_SHARE = Decimal("0.10")  # card minimum payment: 10 % of the balance
CARD_MINIMUM_FLOOR = Decimal(100)


class Strategy(StrEnum):
    AVALANCHE = "avalanche"
    SNOWBALL = "snowball"
    DISPUTE_FIRST = "dispute_first"
    CUSTOM = "custom"


STRATEGY_ZH = {
    Strategy.AVALANCHE: "雪崩法（先还真实利率最高的）",
    Strategy.SNOWBALL: "雪球法（先还余额最小的）",
    Strategy.DISPUTE_FIRST: "先争议（只还依法应还的部分）",
    Strategy.CUSTOM: "自定顺序",
}


@dataclass(frozen=True)
class Budget:
    income: Decimal
    essentials: Decimal  # the floor the plan never touches
    obligations: tuple[tuple[str, Decimal], ...] = ()
    savings: Decimal = ZERO  # a lump sum the user could pay once (for counter-offers)

    @property
    def available(self) -> Decimal:
        return self.income - self.essentials - sum((a for _, a in self.obligations), ZERO)

    def to_json(self) -> dict[str, object]:
        return {
            "income": str(self.income),
            "essentials": str(self.essentials),
            "obligations": [{"name": n, "amount": str(a)} for n, a in self.obligations],
            "savings": str(self.savings),
            "available": str(self.available),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Budget:
        """The inverse of :meth:`to_json` (``available`` is derived, so ignored); every amount
        is checked like user input."""
        from dunguard.money.amounts import money

        return cls(
            money(data.get("income"), what="每月收入"),
            money(data.get("essentials", 0), what="基本生活费"),
            tuple(
                (str(o.get("name") or "其他支出"), money(o.get("amount"), what="其他支出"))
                for o in data.get("obligations") or ()
            ),
            money(data.get("savings", 0), what="能一次拿出的钱"),
        )


@dataclass(frozen=True)
class PlanDebt:
    """A debt as the planner sees it, with its lawful counterpart."""

    id: str
    name: str
    kind: LenderKind
    balance: Decimal
    rate: Decimal  # a year, charged monthly on the balance
    minimum: Decimal  # contract minimum per month (cards: recomputed as 10 % of balance)
    revolving: bool
    lawful_balance: Decimal
    lawful_rate: Decimal
    legality: Legality

    @property
    def disputable(self) -> Decimal:
        return self.balance - self.lawful_balance

    def minimum_for(self, balance: Decimal, lawful: bool) -> Decimal:
        if self.revolving:
            return min(balance, max(fen(balance * CARD_MINIMUM_SHARE), CARD_MINIMUM_FLOOR))
        m = self.minimum
        if lawful and self.balance > 0:
            m = fen(m * self.lawful_balance / self.balance)
        return min(balance, m)


def plan_debt(debt: Debt, as_of: date) -> PlanDebt:
    """Balance, rate and minimum of a debt for planning, and what the law may not support."""
    legal = assess(debt, as_of)
    insts = schedule(debt)
    n_paid = paid_instalments(debt, insts)
    if debt.balance is not None:
        balance = debt.balance
    elif debt.method is Method.REVOLVING:
        balance = debt.contract_amount
    else:  # principal still outstanding under the contract
        balance = insts[n_paid].opening if n_paid < len(insts) else ZERO
    rate = legal.cost.nominal_apr
    if debt.overdue_days and debt.overdue_rate is not None:
        rate = max(rate, debt.overdue_rate)
    if debt.minimum_payment is not None:
        minimum = debt.minimum_payment
    elif debt.method is Method.BULLET:
        minimum = fen(balance * rate / TWELVE)
    elif debt.method is Method.REVOLVING:
        minimum = min(balance, max(fen(balance * CARD_MINIMUM_SHARE), CARD_MINIMUM_FLOOR))
    else:
        minimum = insts[min(n_paid, len(insts) - 1)].total
    cap = legal.cap
    lawful_rate = rate if cap is None else min(rate, cap)
    lawful_balance = legal.lawful_balance(balance) or ZERO
    name = debt.lender if not debt.id or debt.id == debt.lender else f"{debt.lender}（{debt.id}）"
    return PlanDebt(
        debt.id or debt.lender, name, debt.kind, fen(balance), rate, fen(minimum),
        debt.method is Method.REVOLVING, lawful_balance, lawful_rate, legal,
    )  # fmt: skip


# ---------------------------------------------------------------------- simulation


@dataclass(frozen=True)
class MonthRow:
    month: int
    on: date
    debt: str
    opening: Decimal
    interest: Decimal
    payment: Decimal
    closing: Decimal
    shortfall: Decimal = ZERO  # minimum not covered this month

    def to_json(self) -> dict[str, object]:
        return {
            "month": self.month,
            "date": self.on.isoformat(),
            "debt": self.debt,
            "opening": str(self.opening),
            "interest": str(self.interest),
            "payment": str(self.payment),
            "closing": str(self.closing),
            "shortfall": str(self.shortfall),
        }


@dataclass
class StrategyResult:
    strategy: Strategy
    order: list[str]
    rows: list[MonthRow] = field(default_factory=list)
    payoff: dict[str, date | None] = field(default_factory=dict)
    total_paid: Decimal = ZERO
    total_interest: Decimal = ZERO
    set_aside: Decimal = ZERO  # disputable amounts not paid under dispute_first
    shortfall_months: int = 0
    finished: bool = False
    growing: bool = False  # stopped: with this order the balances only grow

    @property
    def months(self) -> int | None:
        if not self.finished:
            return None
        return max((r.month for r in self.rows if r.payment > 0), default=0)

    @property
    def debt_free(self) -> date | None:
        dates = list(self.payoff.values())
        return None if not self.finished or None in dates else max(dates, default=None)  # type: ignore[type-var]

    def summary(self) -> dict[str, object]:
        return {
            "strategy": self.strategy.value,
            "name": STRATEGY_ZH[self.strategy],
            "order": self.order,
            "finished": self.finished,
            "growing": self.growing,
            "months": self.months,
            "debt_free": None if self.debt_free is None else self.debt_free.isoformat(),
            "total_paid": str(self.total_paid),
            "total_interest": str(self.total_interest),
            "set_aside": str(self.set_aside),
            "shortfall_months": self.shortfall_months,
            "payoff": {k: None if v is None else v.isoformat() for k, v in self.payoff.items()},
        }

    def to_json(self) -> dict[str, object]:
        return {**self.summary(), "schedule": [r.to_json() for r in self.rows]}


def order_for(
    strategy: Strategy, debts: Sequence[PlanDebt], custom: Sequence[str] = ()
) -> list[str]:
    ids = [d.id for d in debts]
    if strategy is Strategy.AVALANCHE:
        return [d.id for d in sorted(debts, key=lambda d: (-d.rate, d.balance, ids.index(d.id)))]
    if strategy is Strategy.SNOWBALL:
        return [d.id for d in sorted(debts, key=lambda d: (d.balance, -d.rate, ids.index(d.id)))]
    if strategy is Strategy.DISPUTE_FIRST:
        return [d.id for d in sorted(debts, key=lambda d: (-d.lawful_rate, d.lawful_balance))]
    if not custom:
        raise UsageError("自定顺序（custom）需要给出还款顺序：计划文件里的 order，或 --order")
    unknown = [c for c in custom if c not in ids]
    if unknown:
        raise UsageError(
            f"还款顺序里有不存在的债务：{'、'.join(unknown)}（已有：{'、'.join(ids)}）"
        )
    return list(dict.fromkeys([*custom, *ids]))  # the ones not named keep their place at the end


def simulate(
    debts: Sequence[PlanDebt],
    budget: Budget,
    strategy: Strategy,
    start: date,
    *,
    custom: Sequence[str] = (),
    max_months: int = MAX_MONTHS,
) -> StrategyResult:
    if budget.available <= 0:
        raise InputError(
            f"每月收入 {yuan(budget.income)} 元减去基本生活费和其他固定支出后没有余钱"
            f"（{yuan(budget.available)} 元），无法安排还款；请先和出借方协商暂停或减免。"
        )
    lawful = strategy is Strategy.DISPUTE_FIRST
    order = order_for(strategy, debts, custom)
    by_id = {d.id: d for d in debts}
    bal = {d.id: (d.lawful_balance if lawful else d.balance) for d in debts}
    rate = {d.id: (d.lawful_rate if lawful else d.rate) for d in debts}
    res = StrategyResult(strategy, order)
    if lawful:
        res.set_aside = fen(sum((d.disputable for d in debts), ZERO))
    for d in debts:
        res.payoff[d.id] = start if bal[d.id] <= 0 else None
    ceiling = 3 * sum(bal.values(), ZERO)  # past this, the debts are snowballing: stop
    for month in range(1, max_months + 1):
        on = add_months(start, month - 1)
        active = [i for i in order if bal[i] > 0]
        if not active:
            break
        if sum(bal.values(), ZERO) > ceiling:
            res.growing = True
            break
        opening = dict(bal)
        interest = {i: fen(bal[i] * rate[i] / TWELVE) for i in active}
        for i in active:
            bal[i] += interest[i]
        pool = budget.available
        paid = dict.fromkeys(active, ZERO)
        short = dict.fromkeys(active, ZERO)
        for i in active:
            need = by_id[i].minimum_for(bal[i], lawful)
            pay = min(need, pool)
            paid[i] += pay
            short[i] = need - pay
            pool -= pay
        for i in active:
            if pool <= 0:
                break
            extra = min(bal[i] - paid[i], pool)
            paid[i] += extra
            pool -= extra
        if any(short.values()):
            res.shortfall_months += 1
        for i in active:
            bal[i] -= paid[i]
            res.total_paid += paid[i]
            res.total_interest += interest[i]
            res.rows.append(
                MonthRow(month, on, i, opening[i], interest[i], paid[i], bal[i], short[i])
            )
            if bal[i] <= 0 and res.payoff[i] is None:
                res.payoff[i] = on
    res.finished = all(b <= 0 for b in bal.values())
    return res


# ---------------------------------------------------------------------- the whole plan


@dataclass
class Plan:
    as_of: date
    start: date
    budget: Budget
    debts: list[PlanDebt]
    results: list[StrategyResult]

    def to_json(self, *, schedules: bool = True) -> dict[str, object]:
        return {
            "as_of": self.as_of.isoformat(),
            "start": self.start.isoformat(),
            "budget": self.budget.to_json(),
            "rounding": "金额按分四舍五入（ROUND_HALF_UP），每月利息 = 余额 × 年利率 ÷ 12，先计息再还款",
            "debts": [
                {
                    "id": d.id,
                    "name": d.name,
                    "kind": d.kind.value,
                    "balance": str(d.balance),
                    "rate": float(d.rate),
                    "minimum": str(d.minimum),
                    "lawful_balance": str(d.lawful_balance),
                    "lawful_rate": float(d.lawful_rate),
                    "legality": d.legality.to_json(d.balance),
                }
                for d in self.debts
            ],
            "minimums": str(sum((d.minimum for d in self.debts), ZERO)),
            "strategies": [r.to_json() if schedules else r.summary() for r in self.results],
        }


def make_plan(
    debts: Iterable[Debt],
    budget: Budget,
    *,
    strategies: Sequence[Strategy] = (
        Strategy.AVALANCHE,
        Strategy.SNOWBALL,
        Strategy.DISPUTE_FIRST,
    ),
    custom: Sequence[str] = (),
    as_of: date | None = None,
    start: date | None = None,
) -> Plan:
    as_of = as_of or date.today()
    start = start or add_months(as_of.replace(day=1), 1)
    pds = [plan_debt(d, as_of) for d in debts]
    if not pds:
        raise InputError(
            "没有债务：请在计划文件的 debts 里写上债务，或用 --case 读取案件里登记的债务"
        )
    ids = [d.id for d in pds]
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise InputError(f"债务编号重复：{'、'.join(dup)}（请给每笔债务不同的 id）")
    results = [simulate(pds, budget, s, start, custom=custom) for s in strategies]
    return Plan(as_of, start, budget, pds, results)


def floor_yuan(amount: Decimal) -> Decimal:
    """Down to the whole yuan (offers are made in round numbers)."""
    return amount.quantize(Decimal(1), rounding=ROUND_DOWN)
