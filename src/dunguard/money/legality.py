"""Which part of a debt the law may not support, by lender kind and contract date.

Every conclusion names its provisions (ids in the law base) and how firm its footing is:

* ``law`` – a statute or judicial interpretation sets the rule and the number (民法典 670,
  民间借贷规定 25–29 and 31, the 2015 rules' 24 % / 36 % zones);
* ``practice`` – the 24 % line for licensed lenders: court practice and regulatory guidance,
  not a statutory cap;
* ``regulation`` – a regulator's rule that binds the lender (card 滞纳金 abolished 2017);
* ``discretion`` – a court *may* reduce an excessive amount (民法典 585, 银行卡规定 2); the
  amount is shown but not added to the disputable total.

Method for interest above a cap: the lawful principal is what the borrower actually received
(principal repaid as the contract says, scaled by received / contract); for each instalment the
lawful cost is that principal × the cap × the period's length (1/12 for monthly instalments,
days/365 otherwise). What the contract charges above it (interest and fees) may be disputed.
Under the 2020 transition (第31条) instalments are split by due date: due up to 2020-08-19
under the 2015 rules, from 2020-08-20 under 4 × the LPR at the time of suit (the assessment
date stands in for it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from dunguard.law import load, lpr_on, private_lending_cap
from dunguard.law.provision import Provision
from dunguard.money.amounts import ZERO, fen, pct, yuan
from dunguard.money.cost import TrueCost, debt_cost
from dunguard.money.debt import KIND_ZH, LICENSED_NONBANK, Debt, LenderKind, Method
from dunguard.money.schedules import DAYS_PER_YEAR, TWELVE, paid_instalments, schedule

NEW_RULES = date(2020, 8, 20)  # 4 × LPR replaces 24 % / 36 % (民间借贷规定 第31条)
CARD_FEE_REFORM = date(
    2017, 1, 1
)  # 银发〔2016〕111号: 滞纳金 abolished, rate band 0.035–0.05 %/day
CARD_BAND_END = date(2020, 12, 31)
APR_NOTICE = date(2021, 3, 12)  # 人民银行公告〔2021〕第3号
OLD_PROTECTED = Decimal("0.24")
OLD_VOID = Decimal("0.36")
LICENSED_LINE = Decimal("0.24")
CARD_DAILY_CEILING = Decimal("0.0005")


class Basis(StrEnum):
    LAW = "law"
    PRACTICE = "practice"
    REGULATION = "regulation"
    DISCRETION = "discretion"
    INFO = "info"


BASIS_ZH = {
    Basis.LAW: "法律和司法解释明文规定",
    Basis.PRACTICE: "法院审判实践和监管要求（不是法律明文规定的上限）",
    Basis.REGULATION: "监管规定（约束金融机构，可以投诉）",
    Basis.DISCRETION: "法院可以酌情调减（金额不确定，未计入可争议合计）",
    Basis.INFO: "提示",
}


@dataclass(frozen=True)
class Cited:
    id: str
    label: str
    bindingness: str
    confidence: str
    verbatim: bool

    @classmethod
    def of(cls, p: Provision) -> Cited:
        return cls(p.id, p.label(), p.bindingness_name, p.confidence.value, p.verbatim)

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "bindingness": self.bindingness,
                "confidence": self.confidence, "verbatim": self.verbatim}  # fmt: skip


@dataclass(frozen=True)
class Conclusion:
    topic: str
    title: str
    text: str
    basis: Basis
    provisions: tuple[Cited, ...]
    amount: Decimal = ZERO  # what may be disputed (or, for DISCRETION, what may be reduced)
    reasoning: tuple[str, ...] = ()

    @property
    def counted(self) -> bool:
        return self.basis in (Basis.LAW, Basis.PRACTICE, Basis.REGULATION) and self.amount > 0

    def to_json(self) -> dict[str, object]:
        return {
            "topic": self.topic,
            "title": self.title,
            "text": self.text,
            "basis": self.basis.value,
            "basis_text": BASIS_ZH[self.basis],
            "amount": str(fen(self.amount)),
            "counted": self.counted,
            "reasoning": list(self.reasoning),
            "provisions": [c.to_json() for c in self.provisions],
        }


@dataclass(frozen=True)
class Legality:
    debt_id: str
    as_of: date
    cost: TrueCost
    cap: Decimal | None  # the in-term line applied (None: no numeric line for this lender)
    cap_text: str
    conclusions: tuple[Conclusion, ...] = field(default_factory=tuple)
    # The most the law may support up to ``as_of``: principal actually received, cost within the
    # line for instalments due so far, overdue charges within the line. ``None`` for revolving
    # card debt, where only the counted conclusions are taken off the balance.
    claim_to_date: Decimal | None = None
    paid: Decimal = ZERO

    @property
    def disputable(self) -> Decimal:
        return fen(sum((c.amount for c in self.conclusions if c.counted), ZERO))

    def disputable_by_basis(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for c in self.conclusions:
            if c.counted:
                out[c.basis.value] = fen(out.get(c.basis.value, ZERO) + c.amount)
        return out

    @property
    def reducible(self) -> Decimal:
        return fen(sum((c.amount for c in self.conclusions if c.basis is Basis.DISCRETION), ZERO))

    def lawful_balance(self, balance: Decimal | None) -> Decimal | None:
        """What of ``balance`` (the amount claimed now) the law may support."""
        if balance is None:
            return None
        if self.claim_to_date is None:
            return max(ZERO, fen(balance - self.disputable))
        return fen(min(balance, max(ZERO, self.claim_to_date - self.paid)))

    def to_json(self, balance: Decimal | None = None) -> dict[str, object]:
        lb = self.lawful_balance(balance)
        return {
            "debt": self.debt_id,
            "as_of": self.as_of.isoformat(),
            "cost": self.cost.to_json(),
            "cap": None if self.cap is None else float(self.cap),
            "cap_text": self.cap_text,
            "disputable": str(self.disputable),
            "disputable_by_basis": {k: str(v) for k, v in self.disputable_by_basis().items()},
            "reducible": str(self.reducible),
            "lawful_balance": None if lb is None else str(lb),
            "claim_to_date": None if self.claim_to_date is None else str(fen(self.claim_to_date)),
            "paid": str(self.paid),
            "conclusions": [c.to_json() for c in self.conclusions],
        }


def cite(*ids: str) -> tuple[Cited, ...]:
    base = load()
    return tuple(Cited.of(base.get(i)) for i in ids)


# ---------------------------------------------------------------------- in-term cost vs a line


@dataclass(frozen=True)
class _Excess:
    amount: Decimal  # charged above the line
    charged: Decimal
    lawful: Decimal  # the line's amount
    supported: Decimal  # charged, but no more than the line, group by group


Line = Callable[[date, bool], Decimal]


def _excess(debt: Debt, line_at: Line | None, until: date | None = None) -> _Excess:
    """Cost charged above ``line_at(due, paid)`` × the lawful principal, summed by line;
    only instalments due by ``until`` when it is given. No line: everything is supported."""
    insts = schedule(debt)
    ratio = (debt.received_amount - debt.upfront_fees) / debt.contract_amount
    n_paid = paid_instalments(debt, insts)
    groups: dict[Decimal | None, list[Decimal]] = {}
    start = debt.contract_date
    line0 = None if line_at is None else line_at(start, True)
    groups.setdefault(line0, [ZERO, ZERO])[0] += debt.upfront_fees
    prev = start
    for k, inst in enumerate(insts):
        if until is not None and inst.due > until:
            break
        line = None if line_at is None else line_at(inst.due, k < n_paid)
        if debt.method is Method.BULLET:
            dt = Decimal((inst.due - prev).days) / DAYS_PER_YEAR
        else:
            dt = 1 / TWELVE
        g = groups.setdefault(line, [ZERO, ZERO])
        g[0] += inst.cost
        g[1] += ZERO if line is None else inst.opening * ratio * line * dt
        prev = inst.due
    over = sum((max(ZERO, c - lw) for ln, (c, lw) in groups.items() if ln is not None), ZERO)
    charged = sum((c for c, _ in groups.values()), ZERO)
    lawful = sum((lw for _, lw in groups.values()), ZERO)
    return _Excess(fen(over), fen(charged), fen(lawful), fen(charged - over))


def _in_term_line(debt: Debt, as_of: date) -> Line | None:
    """The line for in-term cost by due date and paid status; ``None``: no numeric line."""
    if debt.kind is LenderKind.BANK_CARD:
        return None
    if debt.kind is not LenderKind.PRIVATE:
        return lambda _d, _p: LICENSED_LINE
    if debt.contract_date >= NEW_RULES:
        cap = private_lending_cap(debt.contract_date)
        assert cap is not None
        return lambda _d, _p: cap
    later = private_lending_cap(as_of) or OLD_PROTECTED

    def line(due: date, paid: bool) -> Decimal:
        if due >= NEW_RULES:
            return later
        return OLD_VOID if paid else OLD_PROTECTED

    return line


@dataclass(frozen=True)
class _Overdue:
    days: int
    principal: Decimal  # overdue principal under the contract
    lawful_principal: Decimal  # the same, on what was actually received
    charged: Decimal
    named: tuple[tuple[str, Decimal], ...]
    allowed: Decimal | None  # the line's amount; None for cards (no numeric line)
    line_text: str
    ids: tuple[str, ...]
    basis: Basis


def _overdue_facts(debt: Debt, as_of: date) -> _Overdue:
    insts = schedule(debt)
    n_paid = paid_instalments(debt, insts)
    days = debt.overdue_days
    if days is None:  # derive it from the first unpaid instalment already due
        first = insts[n_paid].due if n_paid < len(insts) else None
        days = max(0, (as_of - first).days) if first is not None else 0
    principal = debt.overdue_principal
    if principal is None:
        if debt.method is Method.REVOLVING:
            principal = debt.balance if debt.balance is not None else debt.contract_amount
        else:
            principal = insts[n_paid].opening if n_paid < len(insts) else ZERO
    interest = debt.overdue_interest
    if interest is None:
        interest = fen(principal * (debt.overdue_rate or ZERO) * days / DAYS_PER_YEAR)
    named = tuple(
        (n, a)
        for n, a in (("罚息", interest), ("违约金", debt.penalty),
                     ("其他逾期费用", debt.overdue_fees), ("滞纳金", debt.late_fee))
        if a
    )  # fmt: skip
    charged = sum((a for _, a in named), ZERO)
    lawful_principal = principal * (debt.received_amount / debt.contract_amount)
    if debt.kind is LenderKind.BANK_CARD:
        return _Overdue(days, principal, lawful_principal, charged, named, None, "",
                        ("银行卡规定:2", "民法典:585"), Basis.DISCRETION)  # fmt: skip
    start = date.fromordinal(as_of.toordinal() - days)
    if debt.kind is LenderKind.PRIVATE:
        if debt.contract_date >= NEW_RULES:
            cap = private_lending_cap(debt.contract_date)
            assert cap is not None
            allowed = lawful_principal * cap * days / DAYS_PER_YEAR
            ids: tuple[str, ...] = ("民间借贷规定:28", "民间借贷规定:29")
            line_text = f"合同成立时LPR的四倍 {pct(cap)}"
        else:
            later = private_lending_cap(as_of) or OLD_PROTECTED
            before = max(0, min(days, (NEW_RULES - start).days))
            allowed = (lawful_principal * (OLD_PROTECTED * before + later * (days - before))
                       / DAYS_PER_YEAR)  # fmt: skip
            ids = ("民间借贷规定(2015):30", "民间借贷规定:31", "民间借贷规定:29")
            line_text = f"2020年8月19日前24%、此后起诉时LPR的四倍 {pct(later)}"
        basis = Basis.LAW
    else:
        allowed = lawful_principal * LICENSED_LINE * days / DAYS_PER_YEAR
        ids = ("金融审判意见:利率费用", "民法典:585")
        line_text = "年利率24%（审判实践）"
        basis = Basis.PRACTICE
    return _Overdue(days, principal, lawful_principal, charged, named, fen(allowed), line_text,
                    ids, basis)  # fmt: skip


def _claim_to_date(debt: Debt, as_of: date, od: _Overdue) -> Decimal | None:
    if debt.method is Method.REVOLVING:
        return None
    in_term = _excess(debt, _in_term_line(debt, as_of), until=as_of)
    overdue = od.allowed if od.allowed is not None else od.charged - debt.late_fee
    return debt.received_amount + in_term.supported + overdue


# ---------------------------------------------------------------------- the rules


def assess(debt: Debt, as_of: date | None = None) -> Legality:
    """All conclusions for one debt on ``as_of`` (default: today)."""
    as_of = as_of or date.today()
    cost = debt_cost(debt)
    out: list[Conclusion] = []
    cap, cap_text = _line(debt, as_of)
    if debt.deducted > 0:
        out.append(_deduction(debt))
    if debt.method is not Method.REVOLVING:
        if debt.kind is LenderKind.PRIVATE:
            out.append(_private_in_term(debt, cost, as_of))
        elif debt.kind is not LenderKind.BANK_CARD:
            out.append(_licensed_in_term(debt, cost))
    od = _overdue_facts(debt, as_of)
    overdue = _overdue(od)
    if overdue is not None:
        out.append(overdue)
    if debt.kind is LenderKind.BANK_CARD:
        out.extend(_card_rules(debt))
    disclosure = _disclosure(debt, cost)
    if disclosure is not None:
        out.append(disclosure)
    claim = _claim_to_date(debt, as_of, od)
    return Legality(debt.id, as_of, cost, cap, cap_text, tuple(out), claim,
                    debt.paid + debt.upfront_fees)  # fmt: skip


def _line(debt: Debt, as_of: date) -> tuple[Decimal | None, str]:
    if debt.kind is LenderKind.PRIVATE:
        if debt.contract_date >= NEW_RULES:
            cap = private_lending_cap(debt.contract_date)
            assert cap is not None
            return cap, (f"合同成立时一年期LPR {pct(lpr_on(debt.contract_date))} 的四倍，即 {pct(cap)}"
                         "（民间借贷规定第25条）")  # fmt: skip
        later = private_lending_cap(as_of)
        return OLD_PROTECTED, (
            "2020年8月19日前：24%以内受保护，24%–36%已付的不能要回，超过36%无效；"
            f"2020年8月20日起：起诉时一年期LPR的四倍（按 {as_of} 计为 {pct(later)}）"
        )
    if debt.kind is LenderKind.BANK_CARD:
        return None, "信用卡利率没有法定的数字上限；过高的利息、费用、违约金法院可以调减"
    return LICENSED_LINE, "年利率24%：法院审判实践和监管要求，不是法律明文规定的上限"


def _deduction(debt: Debt) -> Conclusion:
    ids = ["民法典:670"] + (["民间借贷规定:26"] if debt.kind is LenderKind.PRIVATE else [])
    text = (
        f"合同写的金额是 {yuan(debt.contract_amount)} 元，实际到手只有 {yuan(debt.received_amount)} 元，"
        f"预先扣掉了 {yuan(debt.deducted)} 元（砍头息或预扣费用）。法律规定借款利息不得预先在本金中扣除，"
        f"本金应按实际到手的 {yuan(debt.received_amount)} 元计算。多算的 {yuan(debt.deducted)} 元本金"
        "可能不受法律保护，可以要求核减。"
    )
    return Conclusion(
        "upfront_deduction", "预先扣除（砍头息）", text, Basis.LAW, cite(*ids), debt.deducted,
        (f"合同金额 {yuan(debt.contract_amount)} − 到手 {yuan(debt.received_amount)} = "
         f"{yuan(debt.deducted)} 元",),
    )  # fmt: skip


def _private_in_term(debt: Debt, cost: TrueCost, as_of: date) -> Conclusion:
    apr = cost.nominal_apr
    if debt.contract_date >= NEW_RULES:
        cap = private_lending_cap(debt.contract_date)
        assert cap is not None
        ex = _excess(debt, _in_term_line(debt, as_of))
        ids = ("民间借贷规定:25", "民间借贷规定:29", "民法典:680")
        steps = (
            f"合同成立日 {debt.contract_date} 的一年期LPR为 {pct(lpr_on(debt.contract_date))}，四倍为 {pct(cap)}",
            f"按实际到手金额计算的真实年化利率（含各项费用）为 {pct(apr)}",
            f"合同收取的利息和费用 {yuan(ex.charged)} 元；按上限最多 {yuan(ex.lawful)} 元",
        )
        if ex.amount <= 0:
            return Conclusion("rate_cap", "利率上限（LPR四倍）",
                              _within(debt, apr, f"合同成立时LPR四倍 {pct(cap)} 的上限"),
                              Basis.INFO, cite(*ids), ZERO, steps)  # fmt: skip
        text = (
            f"这是民间借贷，合同成立时的利率上限是一年期LPR的四倍 {pct(cap)}。按实际到手金额计算，"
            f"真实年化利率为 {pct(apr)}，超过了上限。超过部分的利息和费用约 {yuan(ex.amount)} 元，"
            "法院不予支持，可能不受法律保护，可以要求核减；已经付了的，可以要求抵扣本金。"
        )
        return Conclusion("rate_cap", "利率上限（LPR四倍）", text, Basis.LAW, cite(*ids),
                          ex.amount, steps)  # fmt: skip
    later = private_lending_cap(as_of) or OLD_PROTECTED
    ex = _excess(debt, _in_term_line(debt, as_of))
    ids = ("民间借贷规定(2015):利率", "民间借贷规定:31", "民间借贷规定:25", "民法典:680")
    steps = (
        f"合同成立于 {debt.contract_date}，在2020年8月20日之前",
        "2020年8月19日前到期的部分按旧规定：未付的超过24%不支持，已付的超过36%可以要求返还",
        f"2020年8月20日起到期的部分按起诉时LPR的四倍（按 {as_of} 计为 {pct(later)}）",
        f"按实际到手金额计算的真实年化利率为 {pct(apr)}",
    )
    if ex.amount <= 0:
        return Conclusion("rate_cap", "利率上限（新旧规定衔接）",
                          _within(debt, apr, "新旧规定衔接下受保护的范围"),
                          Basis.INFO, cite(*ids), ZERO, steps)  # fmt: skip
    text = (
        f"这是2020年8月20日前成立的民间借贷。按新旧规定衔接计算（真实年化 {pct(apr)}），"
        f"超出受保护范围的利息和费用约 {yuan(ex.amount)} 元，可能不受法律保护，可以要求核减。"
    )
    return Conclusion("rate_cap", "利率上限（新旧规定衔接）", text, Basis.LAW, cite(*ids),
                      ex.amount, steps)  # fmt: skip


def _within(debt: Debt, apr: Decimal, line: str) -> str:
    if debt.deducted > 0:
        return (f"真实年化 {pct(apr)} 偏高，主要是因为预先扣除了 {yuan(debt.deducted)} 元（见“预先扣除”一条）；"
                f"本金按实际到手金额计算后，合同收取的利息和费用没有超过{line}。")  # fmt: skip
    return f"真实年化 {pct(apr)}，没有超过{line}。"


def _licensed_ids(debt: Debt) -> list[str]:
    ids = ["金融审判意见:利率费用", "民间借贷规定:1"]
    if debt.kind in (LenderKind.MICROLENDER, LenderKind.ONLINE_LENDER):
        ids.append("民间借贷批复:全文")
    if debt.kind in LICENSED_NONBANK:
        ids.append("小贷成本指引:综合融资成本")
    if debt.kind is LenderKind.ONLINE_LENDER and debt.contract_date >= date(2017, 12, 1):
        ids.append("现金贷通知:综合资金成本")
    return ids


def _licensed_in_term(debt: Debt, cost: TrueCost) -> Conclusion:
    apr = cost.nominal_apr
    ex = _excess(debt, _in_term_line(debt, debt.contract_date))
    kind = KIND_ZH[debt.kind]
    steps = (
        f"{kind}是持牌金融机构，民间借贷的LPR四倍上限不适用（民间借贷规定第1条第2款）",
        "法院审判实践中，金融借款的利息和各项费用合计超过年利率24%的部分，借款人可以请求调减",
        f"按实际到手金额计算的真实年化利率（含各项费用）为 {pct(apr)}",
        f"合同收取的利息和费用 {yuan(ex.charged)} 元；按24%最多 {yuan(ex.lawful)} 元",
    )
    if ex.amount <= 0:
        return Conclusion("rate_line_24", "24%线（审判实践）",
                          _within(debt, apr, "法院审判实践中的24%线"),
                          Basis.INFO, cite(*_licensed_ids(debt)), ZERO, steps)  # fmt: skip
    text = (
        f"这是{kind}的贷款，不适用民间借贷的LPR四倍上限；但按实际到手金额计算，真实年化利率为 {pct(apr)}，"
        f"超过了24%。法院审判实践中，超过24%的部分（约 {yuan(ex.amount)} 元）借款人可以请求调减，"
        "监管也要求这类机构的综合融资成本不超过24%。这不是法律明文规定的上限，但可以据此要求核减或投诉。"
    )
    return Conclusion("rate_line_24", "24%线（审判实践）", text, Basis.PRACTICE,
                      cite(*_licensed_ids(debt)), ex.amount, steps)  # fmt: skip


def _overdue(od: _Overdue) -> Conclusion | None:
    if od.charged <= 0:
        return None
    parts = "、".join(f"{n} {yuan(a)} 元" for n, a in od.named) + f"，合计 {yuan(od.charged)} 元"
    if od.allowed is None:  # bank card: no numeric line, a court may reduce what is excessive
        amount = sum((a for n, a in od.named if n in ("违约金", "其他逾期费用")), ZERO)
        text = (f"逾期后{parts}。如果合计过高，可以请求法院结合监管规定、欠款数额和期限、"
                "双方过错和银行的实际损失予以调减；发卡行未提示说明的利息、费用、违约金条款对持卡人不发生效力。")  # fmt: skip
        return Conclusion("overdue_charges", "逾期罚息、违约金和费用", text, Basis.DISCRETION,
                          cite(*od.ids), amount, (parts,))  # fmt: skip
    over = max(ZERO, od.charged - od.allowed)
    steps = (parts, f"逾期 {od.days} 天、逾期本金（按到手金额）{yuan(fen(od.lawful_principal))} 元，"
             f"按 {od.line_text} 计最多 {yuan(od.allowed)} 元")  # fmt: skip
    if over <= 0:
        return Conclusion("overdue_charges", "逾期罚息、违约金和费用",
                          f"逾期后{parts}，没有超过 {od.line_text} 的合计上限。",
                          Basis.INFO, cite(*od.ids), ZERO, steps)  # fmt: skip
    text = (f"逾期后{parts}。逾期利息、违约金和其他费用应合并计算，合计不超过{od.line_text}"
            f"（约 {yuan(od.allowed)} 元）；超出的约 {yuan(over)} 元可能不受支持，可以要求核减。")  # fmt: skip
    return Conclusion("overdue_charges", "逾期罚息、违约金和费用", text, od.basis, cite(*od.ids),
                      over, steps)  # fmt: skip


def _card_rules(debt: Debt) -> list[Conclusion]:
    out: list[Conclusion] = []
    if debt.late_fee > 0 and debt.contract_date >= date(2016, 1, 1):
        out.append(Conclusion(
            "card_late_fee", "信用卡滞纳金",
            f"账单上有滞纳金 {yuan(debt.late_fee)} 元。人民银行自2017年1月1日起取消了信用卡滞纳金，"
            "改为由双方约定违约金；可以要求银行说明这笔钱的依据，没有约定依据的可以要求核减，也可以投诉。",
            Basis.REGULATION, cite("信用卡通知2016:滞纳金"), debt.late_fee,
        ))  # fmt: skip
    daily = debt.daily_rate
    if debt.method is Method.REVOLVING and daily is not None and daily > CARD_DAILY_CEILING \
            and debt.contract_date <= CARD_BAND_END:  # fmt: skip
        out.append(Conclusion(
            "card_rate_band", "信用卡透支利率上限（2017–2020年）",
            f"日利率 {pct(daily, 4)} 高于2017年至2020年间监管规定的日利率上限0.05%；"
            "这段时间多收的利息可以要求银行核查、退还，也可以投诉。2021年起利率由双方协商，不再有上限。",
            Basis.REGULATION, cite("信用卡通知2016:滞纳金", "信用卡通知2020:利率"),
        ))  # fmt: skip
    return out


def _disclosure(debt: Debt, cost: TrueCost) -> Conclusion | None:
    q = cost.quoted_rate
    if debt.kind is LenderKind.PRIVATE or q is None or debt.contract_date < APR_NOTICE:
        return None
    if cost.nominal_apr - q < Decimal("0.005"):
        return None
    return Conclusion(
        "apr_disclosure", "年化利率展示",
        f"合同展示的是 {cost.quoted_label} {pct(q)}，按实际到手金额和还款时间计算的真实年化利率是 "
        f"{pct(cost.nominal_apr)}（按复利是 {pct(cost.effective_apr)}）。贷款机构应以年化利率（内部收益率法）"
        "显著展示全部借款成本；只展示月费率、日利率或单利而不说明的，可以投诉。",
        Basis.INFO, cite("人民银行公告2021-3:年化利率"),
    )  # fmt: skip
