"""Negotiation scenarios: what each lender can be offered, card 个性化分期 up to 60 months, and
a lender's counter-offer checked against the budget.

* **Offers.** The monthly money left after the essential-living floor is shared among the
  debts in proportion to their lawful balances, in whole yuan. For each: months to clear it with
  interest stopped (停息) and with interest going on at the lawful rate.
* **Card 个性化分期** (商业银行信用卡业务监督管理办法 第70条, a bank *may* agree, ≤ 5 years):
  12–60 months, with interest stopped and with interest at the card's rate, each checked against
  what is left after the offers to the other lenders.
* **Counter-offer.** Up-front amount plus N monthly payments: does it fit the budget next to the
  other offers, how much more than the lawful balance it asks, and its annual rate on that
  balance.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dunguard.errors import InputError
from dunguard.money.amounts import ONE, ZERO, fen, money, pct, yuan
from dunguard.money.debt import LenderKind
from dunguard.money.legality import Cited, cite
from dunguard.money.plan import Budget, PlanDebt, floor_yuan
from dunguard.money.schedules import TWELVE
from dunguard.money.xirr import irr

CARD_TERMS = (12, 24, 36, 48, 60)


def annuity(balance: Decimal, annual_rate: Decimal, months: int) -> Decimal:
    """Equal monthly payment that clears ``balance`` in ``months`` at ``annual_rate`` / 12."""
    r = annual_rate / TWELVE
    if r == 0:
        return fen(balance / months)
    return fen(balance * r / (ONE - (ONE + r) ** -months))


def months_to_clear(balance: Decimal, annual_rate: Decimal, monthly: Decimal) -> int | None:
    """Months to pay off ``balance`` paying ``monthly``; ``None`` when interest eats it all."""
    if balance <= 0:
        return 0
    if monthly <= 0:
        return None
    r = float(annual_rate / TWELVE)
    b, p = float(balance), float(monthly)
    if r == 0:
        return math.ceil(b / p - 1e-6)
    if p <= b * r:
        return None
    # a payment rounded to the fen may leave a few fen for one more month: ignore that
    return math.ceil(-math.log(1 - r * b / p) / math.log1p(r) - 1e-3)


@dataclass(frozen=True)
class Offer:
    debt: str
    name: str
    lawful_balance: Decimal
    monthly: Decimal
    months_interest_stopped: int | None
    months_with_interest: int | None
    lawful_rate: Decimal

    def to_json(self) -> dict[str, object]:
        return {
            "debt": self.debt,
            "name": self.name,
            "lawful_balance": str(self.lawful_balance),
            "monthly": str(self.monthly),
            "months_interest_stopped": self.months_interest_stopped,
            "months_with_interest": self.months_with_interest,
            "lawful_rate": float(self.lawful_rate),
        }


def offers(debts: Sequence[PlanDebt], budget: Budget) -> list[Offer]:
    """Share the monthly budget by lawful balance (whole yuan, rounded down)."""
    total = sum((d.lawful_balance for d in debts), ZERO)
    out = []
    for d in debts:
        share = floor_yuan(budget.available * d.lawful_balance / total) if total > 0 else ZERO
        share = min(share, d.lawful_balance)
        out.append(Offer(
            d.id, d.name, d.lawful_balance, share,
            months_to_clear(d.lawful_balance, ZERO, share),
            months_to_clear(d.lawful_balance, d.lawful_rate, share), d.lawful_rate,
        ))  # fmt: skip
    return out


@dataclass(frozen=True)
class CardTerm:
    months: int
    monthly_interest_stopped: Decimal
    monthly_with_interest: Decimal
    fits_interest_stopped: bool
    fits_with_interest: bool

    def to_json(self) -> dict[str, object]:
        return {
            "months": self.months,
            "monthly_interest_stopped": str(self.monthly_interest_stopped),
            "monthly_with_interest": str(self.monthly_with_interest),
            "fits_interest_stopped": self.fits_interest_stopped,
            "fits_with_interest": self.fits_with_interest,
        }


@dataclass(frozen=True)
class CardScenario:
    debt: str
    name: str
    balance: Decimal
    rate: Decimal
    room: Decimal  # what is left for this card after the offers to the other lenders
    terms: tuple[CardTerm, ...]
    provisions: tuple[Cited, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "debt": self.debt,
            "name": self.name,
            "balance": str(self.balance),
            "rate": float(self.rate),
            "room": str(self.room),
            "terms": [t.to_json() for t in self.terms],
            "provisions": [c.to_json() for c in self.provisions],
            "note": "个性化分期是银行“可以”同意的协商安排，不是义务；协议签订后银行及其委托机构应停止催收。",
        }


def card_scenarios(debts: Sequence[PlanDebt], budget: Budget) -> list[CardScenario]:
    shares = {o.debt: o.monthly for o in offers(debts, budget)}
    out = []
    for d in debts:
        if d.kind is not LenderKind.BANK_CARD or d.lawful_balance <= 0:
            continue
        room = budget.available - sum((v for k, v in shares.items() if k != d.id), ZERO)
        terms = []
        for n in CARD_TERMS:
            stopped = fen(d.lawful_balance / n)
            with_interest = annuity(d.lawful_balance, d.lawful_rate, n)
            terms.append(
                CardTerm(n, stopped, with_interest, stopped <= room, with_interest <= room)
            )
        out.append(CardScenario(d.id, d.name, d.lawful_balance, d.lawful_rate, room, tuple(terms),
                                cite("信用卡办法:70", "信用卡通知2022:利率费用")))  # fmt: skip
    return out


@dataclass(frozen=True)
class CounterOffer:
    debt: str
    monthly: Decimal
    months: int
    upfront: Decimal = ZERO

    @classmethod
    def create(
        cls, debt: str, monthly: object, months: object, upfront: object = 0
    ) -> CounterOffer:
        m = money(monthly, what="对方提出的每月还款")
        u = money(upfront, what="对方要求的首付")
        try:
            n = int(str(months))
        except ValueError:
            raise InputError(f"期数“{months}”不是整数") from None
        if not 1 <= n <= 600:
            raise InputError(f"期数应在 1 到 600 之间（现在是 {n}）")
        if m == 0 and u == 0:
            raise InputError("对方方案的每月还款和首付不能都是 0")
        return cls(str(debt), m, n, u)


@dataclass(frozen=True)
class Verdict:
    offer: CounterOffer
    name: str
    total: Decimal
    lawful_balance: Decimal
    over_lawful: Decimal
    implied_rate: Decimal | None
    others_monthly: Decimal
    room: Decimal
    fits_monthly: bool
    fits_upfront: bool
    text: str

    @property
    def fits(self) -> bool:
        return self.fits_monthly and self.fits_upfront

    def to_json(self) -> dict[str, object]:
        return {
            "debt": self.offer.debt,
            "name": self.name,
            "monthly": str(self.offer.monthly),
            "months": self.offer.months,
            "upfront": str(self.offer.upfront),
            "total": str(self.total),
            "lawful_balance": str(self.lawful_balance),
            "over_lawful": str(self.over_lawful),
            "implied_rate": None if self.implied_rate is None else float(self.implied_rate),
            "others_monthly": str(self.others_monthly),
            "room": str(self.room),
            "fits_monthly": self.fits_monthly,
            "fits_upfront": self.fits_upfront,
            "fits": self.fits,
            "text": self.text,
        }


def check_counter_offer(offer: CounterOffer, debts: Sequence[PlanDebt], budget: Budget) -> Verdict:
    by_id = {d.id: d for d in debts}
    if offer.debt not in by_id:
        raise InputError(f"对方方案指向不存在的债务“{offer.debt}”（已有：{'、'.join(by_id)}）")
    d = by_id[offer.debt]
    others = sum((o.monthly for o in offers(debts, budget) if o.debt != d.id), ZERO)
    room = budget.available - others
    total = offer.upfront + offer.monthly * offer.months
    over = total - d.lawful_balance
    rate = None
    if d.lawful_balance > 0 and total > 0:
        flows = [d.lawful_balance - offer.upfront] + [-offer.monthly] * offer.months
        if flows[0] > 0 and offer.monthly > 0:
            rate = Decimal(f"{irr(flows) * 12:.10g}") if total != d.lawful_balance else ZERO
    fits_m = offer.monthly <= room
    fits_u = offer.upfront <= budget.savings
    parts = [
        f"对方方案：首付 {yuan(offer.upfront)} 元，之后每月 {yuan(offer.monthly)} 元、共 {offer.months} 期，"
        f"合计 {yuan(total)} 元。"
    ]
    if fits_m:
        parts.append(
            f"每月 {yuan(offer.monthly)} 元在预算内（给其他债务留出 {yuan(others)} 元后，最多能给 {yuan(room)} 元）。"
        )
    else:
        parts.append(f"每月 {yuan(offer.monthly)} 元超出预算 {yuan(offer.monthly - room)} 元"
                     f"（给其他债务留出 {yuan(others)} 元后，最多能给 {yuan(room)} 元），答应后很可能再次逾期。")  # fmt: skip
    if offer.upfront > 0:
        parts.append("首付在可一次拿出的钱以内。" if fits_u else
                     f"首付超出可一次拿出的钱（{yuan(budget.savings)} 元）。")  # fmt: skip
    if over > 0:
        parts.append(f"总额比依法可能应还的 {yuan(d.lawful_balance)} 元多 {yuan(over)} 元"
                     + (f"，相当于年化 {pct(rate)}。" if rate is not None else "。"))  # fmt: skip
    else:
        parts.append(f"总额不超过依法可能应还的 {yuan(d.lawful_balance)} 元。")
    return Verdict(offer, d.name, total, d.lawful_balance, max(ZERO, over), rate, others, room,
                   fits_m, fits_u, "".join(parts))  # fmt: skip
