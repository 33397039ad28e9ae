"""One debt as the borrower knows it: lender, contract, what was really received, the
schedule, fees, penalties and payments made, and the messages it came from.

A :class:`Debt` is built only through :meth:`Debt.create` (or :meth:`Debt.from_json`), which
checks every field and refuses floats, so that no inexact number enters the money code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from dunguard.errors import InputError
from dunguard.money.amounts import money, parse_rate


class LenderKind(StrEnum):
    """Who lent: decides which interest rules apply (facts.md §3)."""

    BANK_CARD = "bank_card"  # 银行信用卡
    BANK_LOAN = "bank_loan"  # 银行贷款（含互联网银行）
    CONSUMER_FINANCE = "consumer_finance"  # 持牌消费金融公司
    ONLINE_LENDER = "online_lender"  # 网络贷款平台（持牌网络小贷、助贷）
    MICROLENDER = "microlender"  # 小额贷款公司
    PRIVATE = "private"  # 民间借贷（个人或非金融机构）


KIND_ZH: dict[LenderKind, str] = {
    LenderKind.BANK_CARD: "银行信用卡",
    LenderKind.BANK_LOAN: "银行贷款",
    LenderKind.CONSUMER_FINANCE: "消费金融公司",
    LenderKind.ONLINE_LENDER: "网络贷款平台",
    LenderKind.MICROLENDER: "小额贷款公司",
    LenderKind.PRIVATE: "民间借贷",
}

LICENSED_NONBANK = frozenset(
    {LenderKind.CONSUMER_FINANCE, LenderKind.ONLINE_LENDER, LenderKind.MICROLENDER}
)


class Method(StrEnum):
    """How the contract says the debt is repaid."""

    EQUAL_PAYMENT = "equal_payment"  # 等额本息
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金
    INTEREST_ONLY = "interest_only"  # 先息后本
    FLAT = "flat"  # 等本等息：每期按原始本金收取固定利息或“月费率”
    CARD_INSTALMENT = "card_instalment"  # 信用卡分期：每期按分期本金收手续费
    REVOLVING = "revolving"  # 信用卡循环信用：按日利率对未还余额计息
    BULLET = "bullet"  # 到期一次还本付息


METHOD_ZH: dict[Method, str] = {
    Method.EQUAL_PAYMENT: "等额本息",
    Method.EQUAL_PRINCIPAL: "等额本金",
    Method.INTEREST_ONLY: "先息后本",
    Method.FLAT: "等本等息（月费率）",
    Method.CARD_INSTALMENT: "信用卡分期（每期手续费）",
    Method.REVOLVING: "信用卡循环信用（日利率）",
    Method.BULLET: "到期一次还本付息",
}

PERIODIC = frozenset(
    {Method.EQUAL_PAYMENT, Method.EQUAL_PRINCIPAL, Method.INTEREST_ONLY, Method.FLAT,
     Method.CARD_INSTALMENT}
)  # fmt: skip


@dataclass(frozen=True)
class Fee:
    """A fee named in the contract: paid once at the start, or with every instalment."""

    name: str
    amount: Decimal
    per_period: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "amount": str(self.amount), "per_period": self.per_period}


@dataclass(frozen=True)
class Payment:
    on: date
    amount: Decimal

    def to_json(self) -> dict[str, Any]:
        return {"date": self.on.isoformat(), "amount": str(self.amount)}


@dataclass(frozen=True)
class Debt:
    """One debt. Rates are fractions: ``rate`` per year, ``fee_rate`` per period (月费率),
    ``daily_rate`` per day; ``overdue_rate`` per year."""

    id: str
    lender: str
    kind: LenderKind
    method: Method
    contract_date: date
    contract_amount: Decimal  # 合同金额（借条、合同上写的本金）
    received_amount: Decimal  # 实际到手金额
    periods: int = 1
    rate: Decimal | None = None
    fee_rate: Decimal | None = None
    daily_rate: Decimal | None = None
    first_due: date | None = None
    maturity: date | None = None  # BULLET: the day everything falls due
    fees: tuple[Fee, ...] = ()
    overdue_rate: Decimal | None = None  # 罚息利率（年）
    overdue_interest: Decimal | None = None  # 已计罚息（如果对方给出了金额）
    penalty: Decimal = Decimal(0)  # 违约金
    overdue_fees: Decimal = Decimal(0)  # 逾期后另收的费用（催收费、服务费等）
    late_fee: Decimal = Decimal(0)  # 滞纳金
    payments: tuple[Payment, ...] = ()
    balance: Decimal | None = None  # 对方现在要求还的总额
    overdue_days: int | None = None
    overdue_principal: Decimal | None = None
    minimum_payment: Decimal | None = None  # 计划里每月至少要还的钱（不给则按合同推算）
    sources: tuple[str, ...] = ()  # message ids
    note: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)  # kept, not interpreted

    # ------------------------------------------------------------------ construction

    @classmethod
    def create(cls, **fields: Any) -> Debt:
        """Build and check a debt from plain values (text, ``int``, ``Decimal``, ``date``)."""
        return _build(fields)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Debt:
        return _build(dict(data))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "lender": self.lender,
            "kind": self.kind.value,
            "method": self.method.value,
            "contract_date": self.contract_date.isoformat(),
            "contract_amount": str(self.contract_amount),
            "received_amount": str(self.received_amount),
            "periods": self.periods,
        }
        for key in ("rate", "fee_rate", "daily_rate", "overdue_rate", "overdue_interest",
                    "balance", "overdue_principal", "minimum_payment"):  # fmt: skip
            value = getattr(self, key)
            if value is not None:
                out[key] = str(value)
        for key in ("first_due", "maturity"):
            if (value := getattr(self, key)) is not None:
                out[key] = value.isoformat()
        for key in ("penalty", "overdue_fees", "late_fee"):
            if value := getattr(self, key):
                out[key] = str(value)
        if self.fees:
            out["fees"] = [f.to_json() for f in self.fees]
        if self.payments:
            out["payments"] = [p.to_json() for p in self.payments]
        if self.overdue_days is not None:
            out["overdue_days"] = self.overdue_days
        if self.sources:
            out["sources"] = list(self.sources)
        if self.note:
            out["note"] = self.note
        if self.extra:
            out["extra"] = dict(self.extra)
        return out

    def with_id(self, new_id: str) -> Debt:
        return replace(self, id=new_id)

    # ------------------------------------------------------------------ derived

    @property
    def deducted(self) -> Decimal:
        """Taken off before the money reached the borrower (砍头息 and up-front fees)."""
        return self.contract_amount - self.received_amount

    @property
    def upfront_fees(self) -> Decimal:
        return sum((f.amount for f in self.fees if not f.per_period), Decimal(0))

    @property
    def period_fees(self) -> Decimal:
        return sum((f.amount for f in self.fees if f.per_period), Decimal(0))

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal(0))

    @property
    def title(self) -> str:
        return f"{self.lender}（{KIND_ZH[self.kind]}）"


# ---------------------------------------------------------------------- checking

_KNOWN = frozenset(Debt.__dataclass_fields__) | {"amount", "received", "date"}


def _date(value: Any, what: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{what}“{value}”不是有效日期，请写成 2024-03-15 这样的格式") from None


def _int(value: Any, what: str, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise InputError(f"{what}应当是整数，而不是 {value!r}")
    try:
        number = int(Decimal(str(value).strip()))
    except Exception:  # noqa: BLE001 - any parse failure is the same user error
        raise InputError(f"{what}“{value}”不是整数") from None
    if Decimal(str(value).strip()) != number:
        raise InputError(f"{what}“{value}”不是整数")
    if not low <= number <= high:
        raise InputError(f"{what}应在 {low} 到 {high} 之间（现在是 {number}）")
    return number


def _enum(enum: type[StrEnum], value: Any, what: str) -> Any:
    try:
        return enum(str(value).strip())
    except ValueError:
        allowed = "、".join(m.value for m in enum)  # type: ignore[attr-defined]
        raise InputError(f"{what}“{value}”不认识，可用的有：{allowed}") from None


def _build(f: dict[str, Any]) -> Debt:
    label = str(f.get("id") or f.get("lender") or "债务")
    try:
        return _check(f)
    except InputError as exc:
        raise InputError(exc.message, file=exc.file, place=exc.place or label) from None


def _check(f: dict[str, Any]) -> Debt:
    if unknown := set(f) - _KNOWN:
        raise InputError(f"不认识的字段：{'、'.join(sorted(unknown))}")
    lender = str(f.get("lender") or "").strip()
    if not lender:
        raise InputError("缺少出借方名称（lender）")
    kind = _enum(LenderKind, f.get("kind", LenderKind.PRIVATE), "出借方类型（kind）")
    method = _enum(Method, f.get("method", Method.EQUAL_PAYMENT), "还款方式（method）")
    if "contract_date" not in f and "date" not in f:
        raise InputError("缺少合同日期（contract_date）")
    contract_date = _date(f.get("contract_date", f.get("date")), "合同日期")
    amount_in = f.get("contract_amount", f.get("amount"))
    if amount_in is None:
        raise InputError("缺少合同金额（amount）")
    contract_amount = money(amount_in, what="合同金额", allow_zero=False)
    received_in = f.get("received_amount", f.get("received"))
    received = contract_amount if received_in is None else money(received_in, what="实际到手金额")
    if received > contract_amount:
        raise InputError(
            f"实际到手金额（{received}）大于合同金额（{contract_amount}），请检查：到手的钱不会比合同上写的多"
        )
    if received == 0:
        raise InputError("实际到手金额是 0，无法计算成本")

    def opt_rate(key: str, what: str, per: str) -> Decimal | None:
        value = f.get(key)
        return None if value in (None, "") else parse_rate(value, what=what, per=per)

    def opt_money(key: str, what: str) -> Decimal | None:
        value = f.get(key)
        return None if value in (None, "") else money(value, what=what)

    rate = opt_rate("rate", "年利率（rate）", "年")
    fee_rate = opt_rate("fee_rate", "每期费率（fee_rate）", "期")
    daily_rate = opt_rate("daily_rate", "日利率（daily_rate）", "日")
    overdue_rate = opt_rate("overdue_rate", "罚息利率（overdue_rate）", "年")

    periods = _int(f.get("periods", 1), "期数（periods）", low=1, high=600)
    first_due = None if f.get("first_due") in (None, "") else _date(f["first_due"], "首期还款日")
    maturity = None if f.get("maturity") in (None, "") else _date(f["maturity"], "到期日")
    if first_due is not None and first_due <= contract_date:
        raise InputError(f"首期还款日 {first_due} 不在合同日期 {contract_date} 之后，日期顺序不对")
    if maturity is not None and maturity <= contract_date:
        raise InputError(f"到期日 {maturity} 不在合同日期 {contract_date} 之后，日期顺序不对")

    if method in (Method.EQUAL_PAYMENT, Method.EQUAL_PRINCIPAL, Method.INTEREST_ONLY):
        if rate is None:
            raise InputError(f"还款方式 {method.value} 需要年利率（rate），例如 rate: 18%")
    elif method in (Method.FLAT, Method.CARD_INSTALMENT):
        if fee_rate is None and rate is None:
            raise InputError(
                "等本等息或信用卡分期需要每期费率（fee_rate，例如 0.6%）或年利率（rate）"
            )
    elif method is Method.REVOLVING:
        if daily_rate is None and rate is None:
            raise InputError("循环信用需要日利率（daily_rate，例如 0.05%）或年利率（rate）")
    elif method is Method.BULLET and rate is None:
        raise InputError("到期一次还本付息需要年利率（rate）")
    if method is Method.BULLET and maturity is None and "periods" not in f:
        raise InputError("到期一次还本付息需要到期日（maturity）或期数（periods，按月计）")

    fees = tuple(_fee(x, i) for i, x in enumerate(f.get("fees") or (), start=1))
    if sum((x.amount for x in fees if not x.per_period), Decimal(0)) > received:
        raise InputError("一次性费用合计超过了实际到手金额，请检查")
    payments = tuple(sorted(
        (_payment(x, i, contract_date) for i, x in enumerate(f.get("payments") or (), start=1)),
        key=lambda p: p.on,
    ))  # fmt: skip
    overdue_days = f.get("overdue_days")
    sources = f.get("sources") or ()
    if isinstance(sources, str) or not isinstance(sources, Iterable):
        raise InputError("sources 应是消息编号的列表")
    extra = f.get("extra") or {}
    if not isinstance(extra, Mapping):
        raise InputError("extra 应是映射")
    return Debt(
        id=str(f.get("id") or "").strip(),
        lender=lender,
        kind=kind,
        method=method,
        contract_date=contract_date,
        contract_amount=contract_amount,
        received_amount=received,
        periods=periods,
        rate=rate,
        fee_rate=fee_rate,
        daily_rate=daily_rate,
        first_due=first_due,
        maturity=maturity,
        fees=fees,
        overdue_rate=overdue_rate,
        overdue_interest=opt_money("overdue_interest", "已计罚息"),
        penalty=opt_money("penalty", "违约金") or Decimal(0),
        overdue_fees=opt_money("overdue_fees", "逾期费用") or Decimal(0),
        late_fee=opt_money("late_fee", "滞纳金") or Decimal(0),
        payments=payments,
        balance=opt_money("balance", "欠款余额"),
        overdue_days=None
        if overdue_days in (None, "")
        else _int(overdue_days, "逾期天数", low=0, high=36500),
        overdue_principal=opt_money("overdue_principal", "逾期本金"),
        minimum_payment=opt_money("minimum_payment", "每月最低还款"),
        sources=tuple(str(s) for s in sources),
        note=str(f.get("note") or ""),
        extra=dict(extra),
    )


def _fee(x: Any, i: int) -> Fee:
    if not isinstance(x, Mapping):
        raise InputError(f"第{i}项费用应写成 {{name: 服务费, amount: 100, per_period: true}}")
    if unknown := set(x) - {"name", "amount", "per_period"}:
        raise InputError(f"第{i}项费用有不认识的字段：{'、'.join(sorted(unknown))}")
    per = x.get("per_period", False)
    if not isinstance(per, bool):
        raise InputError(f"第{i}项费用的 per_period 应是 true 或 false")
    return Fee(str(x.get("name") or f"费用{i}"), money(x.get("amount"), what=f"第{i}项费用"), per)


def _payment(x: Any, i: int, contract_date: date) -> Payment:
    if not isinstance(x, Mapping) or "date" not in x or "amount" not in x:
        raise InputError(f"第{i}笔还款应写成 {{date: 2024-04-15, amount: 1000}}")
    on = _date(x["date"], f"第{i}笔还款的日期")
    if on < contract_date:
        raise InputError(f"第{i}笔还款的日期 {on} 早于合同日期 {contract_date}，日期顺序不对")
    return Payment(on, money(x["amount"], what=f"第{i}笔还款金额", allow_zero=False))
