"""The realistic consequences of one debt, computed from its facts: the outlook.

from dunguard.law.outlook import Debt, outlook
o = outlook(Debt(LenderKind.BANK_CARD, Decimal("60000"), due_date=date(2026, 1, 10),
                 collections=(date(2026, 2, 1),)), today=date(2026, 6, 1))
o.card.missing            # ("两次有效催收且至少间隔30天", "第二次有效催收后超过3个月仍不归还")
[s.text for s in o.statements()]

Every sentence comes from ``outlook`` in ``data/guidance.yaml`` and cites its provisions; the
numbers in it (thresholds, gaps, windows, dates) are computed here. Only what the law base
supports is said: e.g. no grace period before credit reporting is claimed, since none is known.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from dunguard.errors import UsageError
from dunguard.law.guidance import (
    ANALYSIS_NOTE,
    LENDER_KIND_ZH,
    LenderKind,
    Statement,
    load_guidance,
    provisions_json,
    zh_date,
)
from dunguard.law.lpr import LPR_START, lpr_entry_on, private_lending_cap
from dunguard.law.steps import Step, next_steps

# 妨害信用卡解释 第8条: 数额较大 / 巨大 / 特别巨大 (以上 includes the figure itself).
CARD_TIERS = (
    (Decimal(5_000_000), "数额特别巨大", "500万元"),
    (Decimal(500_000), "数额巨大", "50万元"),
    (Decimal(50_000), "数额较大", "5万元"),
)
CARD_THRESHOLD = CARD_TIERS[-1][0]
CARD_GAP_DAYS = 30  # 第7条第1款第三项: 两次催收至少间隔三十日
CARD_WINDOW_MONTHS = 3  # 第6条第1款: 两次有效催收后超过三个月仍不归还
RETENTION_YEARS = 5  # 征信业管理条例 第16条
# 一次性信用修复:展示规则 [S]
REPAIR_FROM, REPAIR_TO = date(2020, 1, 1), date(2025, 12, 31)
REPAIR_MAX = Decimal(10_000)
REPAIR_REPAY_BY = date(2026, 3, 31)

# How a sentence names the debt ("这笔信用卡欠款").
DEBT_ZH = {
    LenderKind.BANK_CARD: "信用卡欠款",
    LenderKind.BANK_LOAN: "银行贷款",
    LenderKind.CONSUMER_FINANCE: "消费金融公司借款",
    LenderKind.ONLINE_LENDER: "网贷",
    LenderKind.PRIVATE: "私人借款",
}

MISSING_AMOUNT = "未还本金5万元以上"
MISSING_COLLECTIONS = "两次有效催收且至少间隔30天"
MISSING_WINDOW = "第二次有效催收后超过3个月仍不归还"

SECTION_TITLES = {
    "overview": "概况",
    "criminal": "会不会“坐牢”：刑事责任",
    "credit": "征信（信用报告）",
    "interest": "利息和费用",
    "court": "起诉、支付令和强制执行",
}


def parse_amount(text: str) -> Decimal:
    """"8000", "8,000.50", "8000元", "6万" → Decimal; :class:`UsageError` otherwise."""
    s = str(text).strip().replace(",", "").replace("，", "").removesuffix("元")
    scale = Decimal(10_000) if s.endswith("万") else Decimal(1)
    try:
        value = Decimal(s.removesuffix("万")) * scale
    except InvalidOperation:
        raise UsageError(f"金额无法识别：{text}（例如 8000、8000.50 或 6万）") from None
    if not value.is_finite() or value <= 0:
        raise UsageError(f"金额应为正数：{text}")
    return value


_DATE = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*")


def parse_date(text: str) -> date:
    """"2026-01-10", "2026/1/10", "2026.1.10", "2026年1月10日" → date; :class:`UsageError` otherwise."""
    m = _DATE.fullmatch(str(text))
    try:
        if m is None:
            raise ValueError
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise UsageError(f"日期无法识别：{text}（例如 2026-01-10）") from None


def fmt_amount(amount: Decimal) -> str:
    """60000 → "60,000"; 49999.5 → "49,999.50"."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,}"
    return f"{amount.quantize(Decimal('0.01')):,}"


def fmt_rate(rate: Decimal) -> str:
    """0.0385 → "3.85%"."""
    return f"{(rate * 100).normalize():f}%"


def add_months(d: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's end (11-30 + 3 → 02-28/29)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Debt:
    """What the borrower tells us about one debt. ``amount`` is the unpaid principal where
    known (for cards only principal counts); give ``due_date`` or ``overdue_days``, not both."""

    kind: LenderKind
    amount: Decimal
    due_date: date | None = None
    overdue_days: int | None = None
    collections: tuple[date, ...] = ()
    contract_date: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", LenderKind.parse(self.kind))
        if not isinstance(self.amount, Decimal):  # never a float: money is Decimal end to end
            raise TypeError(f"amount must be Decimal, not {type(self.amount).__name__}")
        if not self.amount.is_finite() or self.amount <= 0:
            raise UsageError("金额应为正数")
        if self.due_date is not None and self.overdue_days is not None:
            raise UsageError("到期日和逾期天数只能给一个")
        if self.overdue_days is not None and self.overdue_days < 1:
            raise UsageError("逾期天数至少为1天")
        object.__setattr__(self, "collections", tuple(sorted(set(self.collections))))


@dataclass(frozen=True)
class CardCheck:
    """The objective conditions of 恶意透支 (刑法196, 妨害信用卡解释 6–9) against the inputs.
    ``None`` means not decidable from the inputs. Intent (非法占有目的) is never decided."""

    amount_met: bool
    tier: str | None
    counted: tuple[date, ...]  # collections after the due date (第7条第一项)
    ignored: tuple[date, ...]  # on or before the due date
    pair: tuple[date, date] | None  # earliest two counted collections ≥ 30 days apart
    window_end: date | None  # pair[1] + 3 months; the condition holds after this day
    window_met: bool
    missing: tuple[str, ...] = field(default=())

    @property
    def objective_met(self) -> bool:
        return not self.missing

    def to_json(self) -> dict[str, Any]:
        return {
            "amount_met": self.amount_met,
            "tier": self.tier,
            "collections_counted": [d.isoformat() for d in self.counted],
            "collections_ignored": [d.isoformat() for d in self.ignored],
            "collections_met": self.pair is not None,
            "pair": None if self.pair is None else [d.isoformat() for d in self.pair],
            "window_end": None if self.window_end is None else self.window_end.isoformat(),
            "window_met": self.window_met,
            "intent": "undetermined",
            "objective_met": self.objective_met,
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class OutlookSection:
    key: str
    title: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Outlook:
    debt: Debt
    today: date
    due_date: date | None
    overdue_days: int | None
    sections: tuple[OutlookSection, ...]
    card: CardCheck | None
    steps: tuple[Step, ...]

    def statements(self) -> tuple[Statement, ...]:
        own = tuple(s for sec in self.sections for s in sec.statements)
        return own + tuple(st.statement for st in self.steps)

    def section(self, key: str) -> OutlookSection:
        return next(s for s in self.sections if s.key == key)

    def to_json(self) -> dict[str, Any]:
        d = self.debt
        return {
            "today": self.today.isoformat(),
            "debt": {
                "kind": d.kind.value,
                "kind_zh": LENDER_KIND_ZH[d.kind],
                "amount": str(d.amount),
                "due_date": None if self.due_date is None else self.due_date.isoformat(),
                "overdue_days": self.overdue_days,
                "days_until_due": (None if self.due_date is None or self.due_date < self.today
                                   else (self.due_date - self.today).days),
                "collections": [c.isoformat() for c in d.collections],
                "contract_date": None if d.contract_date is None else d.contract_date.isoformat(),
            },
            "card_check": None if self.card is None else self.card.to_json(),
            "sections": [
                {"section": s.key, "title": s.title,
                 "statements": [x.to_json() for x in s.statements]}
                for s in self.sections
            ],
            "steps": [st.to_json() for st in self.steps],
            "provisions": provisions_json(self.statements()),
            "analysis_note": ANALYSIS_NOTE,
        }


def card_check(debt: Debt, due: date | None, today: date) -> CardCheck:
    """Check the amount, the two collections 30+ days apart and the 3-month window."""
    tier = next((name for floor, name, _ in CARD_TIERS if debt.amount >= floor), None)
    counted = tuple(c for c in debt.collections if due is None or c > due)
    ignored = tuple(c for c in debt.collections if c not in counted)
    pair = None
    if counted:
        first = counted[0]  # the earliest first collection gives the earliest possible second
        second = next((c for c in counted if (c - first).days >= CARD_GAP_DAYS), None)
        pair = None if second is None else (first, second)
    window_end = None if pair is None else add_months(pair[1], CARD_WINDOW_MONTHS)
    window_met = window_end is not None and today > window_end
    missing = []
    if tier is None:
        missing.append(MISSING_AMOUNT)
    if pair is None:
        missing.append(MISSING_COLLECTIONS)
    if not window_met:
        missing.append(MISSING_WINDOW)
    return CardCheck(tier is not None, tier, counted, ignored, pair, window_end, window_met,
                     tuple(missing))


def outlook(debt: Debt, *, today: date | None = None) -> Outlook:
    """What can realistically happen with ``debt``, as of ``today`` (default: today)."""
    today = today or date.today()
    not_due = False
    if debt.due_date is not None:
        due: date | None = debt.due_date
        days: int | None = (today - debt.due_date).days
        not_due = days < 1  # due today or later: nothing is overdue yet
    elif debt.overdue_days is not None:
        days = debt.overdue_days
        due = today - timedelta(days=days)
    else:
        due = days = None
    if debt.collections and debt.collections[-1] > today:
        raise UsageError(f"催收日期 {debt.collections[-1].isoformat()} 晚于今天")
    if debt.contract_date is not None and debt.contract_date > today:
        raise UsageError("合同成立日期晚于今天")
    g = load_guidance().outlook
    kind = debt.kind
    sections: dict[str, list[Statement]] = {k: [] for k in SECTION_TITLES}

    def say(section: str, key: str, **values: Any) -> None:
        s = g[key].resolve(today, **values)
        if s is not None:
            sections[section].append(s)

    start = None if due is None else due + timedelta(days=1)
    values = {"debt_zh": DEBT_ZH[kind], "today": zh_date(today),
              "amount": fmt_amount(debt.amount)}
    if start is not None:
        values["overdue_start"] = zh_date(start)
    if not_due:
        assert due is not None and days is not None
        key = "overview.due_today" if days == 0 else "overview.not_due"
        say("overview", key, due=zh_date(due), days_left=-days, **values)
    elif start is not None:
        say("overview", "overview.overdue", days=days, **values)
    else:
        say("overview", "overview.no_dates")
    if not_due:
        pass  # the limitation period starts at the due date: nothing to interrupt yet
    elif debt.collections:
        say("overview", "overview.collections", n=len(debt.collections),
            dates=_dates(debt.collections))
    else:
        say("overview", "overview.no_collections")

    card = None
    if kind is LenderKind.BANK_CARD and not_due:
        say("criminal", "card.not_due")
    elif kind is LenderKind.BANK_CARD:
        card = card_check(debt, due, today)
        _card_statements(card, due, today, values, lambda k, **v: say("criminal", k, **v))
    else:
        say("criminal", "criminal.civil", **values)
        if kind is not LenderKind.PRIVATE:
            say("criminal", "criminal.loan_fraud")
        say("criminal", "criminal.not_card")
        if kind is LenderKind.BANK_LOAN:  # the 中银协 guideline binds member banks only
            say("criminal", "criminal.exaggeration")

    _credit_statements(debt, start, today, values, lambda k, **v: say("credit", k, **v),
                       not_due=not_due)
    _interest_statements(debt, lambda k, **v: say("interest", k, **v))
    for key in ("court.may_sue", "court.small_claims", "court.payment_order",
                "court.enforcement", "court.after_judgment"):
        say("court", key)

    steps = tuple(next_steps(None, (), kind, on=today))
    out = tuple(OutlookSection(k, SECTION_TITLES[k], tuple(v)) for k, v in sections.items() if v)
    return Outlook(debt, today, due, 0 if not_due else days, out, card, steps)


def _dates(ds: tuple[date, ...]) -> str:
    return "、".join(zh_date(d) for d in ds)


def _card_statements(card: CardCheck, due: date | None, today: date, values: dict, say) -> None:
    say("card.intro")
    if card.amount_met:
        floor = next(f for lim, name, f in CARD_TIERS if name == card.tier)
        say("card.amount_reached", tier=card.tier, floor=floor, **values)
    else:
        say("card.amount_below", **values)
    if card.ignored and due is not None:
        say("card.collections_ignored", dates=_dates(card.ignored), due=zh_date(due))
    if card.pair is not None:
        first, second = card.pair
        say("card.collections_met", first=zh_date(first), second=zh_date(second),
            gap=(second - first).days)
    elif not card.counted:
        say("card.collections_none")
    elif len(card.counted) == 1:
        say("card.collections_one", dates=_dates(card.counted))
    else:
        say("card.collections_close", n=len(card.counted), dates=_dates(card.counted),
            span=(card.counted[-1] - card.counted[0]).days)
    if card.window_end is None:
        say("card.window_unknown")
    elif card.window_met:
        say("card.window_passed", second=zh_date(card.pair[1]), window_end=zh_date(card.window_end))
    else:
        say("card.window_open", window_end=zh_date(card.window_end), today=zh_date(today))
    say("card.intent")
    say("card.intent_advice")
    if card.amount_met:
        say("card.repay_relief")
    if card.objective_met:
        say("card.conclusion_objective_met")
    else:
        say("card.conclusion_not_met", missing="；".join(card.missing))


def _credit_statements(debt: Debt, start: date | None, today: date, values: dict, say, *,
                       not_due: bool = False) -> None:
    if debt.kind is LenderKind.PRIVATE:
        say("report.private")
        return
    if not_due:  # no bad record exists yet: say how to keep it that way, nothing on repair
        say("report.not_due", **values)
        say("report.objection")
        return
    if start is not None:
        say("report.since", **values)
    else:
        say("report.since_unknown")
    say("report.retention", retention_end=zh_date(add_months(today, 12 * RETENTION_YEARS)),
        **values)
    if start is not None and REPAIR_FROM <= start <= REPAIR_TO:
        if debt.amount > REPAIR_MAX:
            say("report.repair_too_large", **values)
        elif today <= REPAIR_REPAY_BY:
            say("report.repair_applies", **values)
        else:
            say("report.repair_expired", **values)
    elif start is not None and start > REPAIR_TO and debt.amount <= REPAIR_MAX:
        say("report.repair_too_late", **values)
    say("report.objection")


def _interest_statements(debt: Debt, say) -> None:
    say("interest.penalty_reduce")
    if debt.kind is LenderKind.BANK_CARD:
        say("interest.card_fees")
        say("interest.card_court")
    if debt.kind is not LenderKind.PRIVATE:
        say("interest.licensed")
        return
    signed = debt.contract_date
    if signed is None:
        say("interest.private_cap_unknown")
    elif signed < LPR_START:
        say("interest.private_old", contract_date=zh_date(signed))
    else:
        cap = private_lending_cap(signed)
        say("interest.private_cap", contract_date=zh_date(signed),
            lpr=fmt_rate(lpr_entry_on(signed).one_year), cap=fmt_rate(cap))
