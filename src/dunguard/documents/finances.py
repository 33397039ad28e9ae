"""The money side of a case as documents show it: each debt's true cost and what the law may
not support, the repayment plan, and what can be offered to each lender.

All numbers come from :mod:`dunguard.money`; this module only picks what the report and the
letters need. Debts are the case's own (``dunguard debt``); a plan file (the YAML of
``dunguard plan``) adds the monthly budget and may add debts the case does not hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from dunguard.errors import DunguardError
from dunguard.money import Budget, Debt, Legality, Plan, assess, make_plan
from dunguard.money.amounts import ZERO, pct, yuan
from dunguard.money.debt import KIND_ZH
from dunguard.money.negotiate import CardScenario, Offer, card_scenarios, offers
from dunguard.money.plan import STRATEGY_ZH, StrategyResult

if TYPE_CHECKING:
    from dunguard.case import Case

__all__ = ["DebtView", "Finances", "build_finances", "pct", "yuan"]


@dataclass
class DebtView:
    debt: Debt
    legality: Legality | None
    error: str | None = None  # why the cost could not be worked out

    @property
    def title(self) -> str:
        return self.debt.title

    @property
    def kind_zh(self) -> str:
        return KIND_ZH[self.debt.kind]

    @property
    def apr(self) -> Decimal | None:
        return None if self.legality is None else self.legality.cost.nominal_apr

    @property
    def cap(self) -> Decimal | None:
        return None if self.legality is None else self.legality.cap

    @property
    def lawful_balance(self) -> Decimal | None:
        if self.legality is None:
            return None
        return self.legality.lawful_balance(self.debt.balance)


@dataclass
class Finances:
    as_of: date
    debts: list[DebtView]
    budget: Budget | None = None
    plan: Plan | None = None
    offers: list[Offer] = field(default_factory=list)
    cards: list[CardScenario] = field(default_factory=list)
    plan_error: str | None = None

    @property
    def chosen(self) -> StrategyResult | None:
        """The plan shown: the first strategy that clears every debt, else the first one."""
        if self.plan is None or not self.plan.results:
            return None
        return next((r for r in self.plan.results if r.finished), self.plan.results[0])

    @property
    def chosen_name(self) -> str:
        c = self.chosen
        return "" if c is None else STRATEGY_ZH[c.strategy]

    def law_ids(self) -> list[str]:
        out: list[str] = []
        for d in self.debts:
            if d.legality is not None:
                for c in d.legality.conclusions:
                    out.extend(p.id for p in c.provisions)
        for s in self.cards:
            out.extend(p.id for p in s.provisions)
        return out

    def debt_for(self, lender: str | None) -> DebtView | None:
        """The debt owed to ``lender`` (names match when one contains the other)."""
        if not lender:
            return None
        key = lender.split("(")[0].split("（")[0]
        for d in self.debts:
            name = d.debt.lender
            if name == lender or key in name or name.split("（")[0] in lender:
                return d
        return None

    def offer_for(self, debt: DebtView | None) -> Offer | None:
        if debt is None:
            return None
        return next((o for o in self.offers if o.debt == (debt.debt.id or debt.debt.lender)), None)

    def card_for(self, debt: DebtView | None) -> CardScenario | None:
        if debt is None:
            return None
        return next((c for c in self.cards if c.debt == (debt.debt.id or debt.debt.lender)), None)

    def balance_series(self) -> list[tuple[date, Decimal]]:
        """Total balance left after each month of the chosen plan, starting from today's."""
        c = self.chosen
        if c is None or self.plan is None:
            return []
        start = sum((d.balance for d in self.plan.debts), ZERO)
        by_month: dict[date, Decimal] = {}
        for r in c.rows:
            by_month[r.on] = by_month.get(r.on, ZERO) + r.closing
        return [(self.plan.as_of, start), *sorted(by_month.items())]


def _views(debts: Iterable[Debt], as_of: date) -> list[DebtView]:
    out = []
    for d in debts:
        try:
            out.append(DebtView(d, assess(d, as_of)))
        except DunguardError as e:
            out.append(DebtView(d, None, e.message))
    return out


def build_finances(
    case: Case, *, as_of: date, plan_file: Path | str | None = None
) -> Finances | None:
    """The case's debts (plus a plan file's), their legality and the plan (from the case's
    saved budget, or the plan file's); ``None`` when there are no debts at all."""
    from dunguard.money.planfile import load_plan_file

    debts: list[Debt] = list(case.debts())
    budget = case.budget()  # a plan file's budget, when given, wins
    strategies: list = []
    order: list[str] = []
    if plan_file is not None:
        pf = load_plan_file(plan_file)
        budget = pf.budget
        strategies, order = list(pf.strategies), list(pf.order)
        have = {d.id for d in debts}
        debts += [d for d in pf.debts if d.id not in have]
    if not debts:
        return None
    fin = Finances(as_of, _views(debts, as_of), budget)
    if budget is not None:
        usable = [v.debt for v in fin.debts if v.legality is not None]
        try:
            kwargs = {"strategies": strategies} if strategies else {}
            fin.plan = make_plan(usable, budget, custom=order, as_of=as_of, **kwargs)
            fin.offers = offers(fin.plan.debts, budget)
            fin.cards = card_scenarios(fin.plan.debts, budget)
        except DunguardError as e:
            fin.plan_error = e.message
    return fin
