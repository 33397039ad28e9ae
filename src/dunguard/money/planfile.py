"""The plan file: YAML a borrower can write by hand (format in README.md, example in demo/).

Numbers are read exactly: the YAML loader hands every number over as text and it becomes a
``Decimal`` (``0.1`` stays 0.1). Rates may be written ``18%`` or ``0.18``; amounts in yuan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from dunguard.errors import InputError
from dunguard.money.amounts import ZERO, money
from dunguard.money.debt import Debt
from dunguard.money.negotiate import CounterOffer
from dunguard.money.plan import Budget, Strategy
from dunguard.yamlload import strict


class _ExactLoader(strict(yaml.SafeLoader)):
    """Safe YAML, but floats come back as ``Decimal`` from their exact text, and a key given
    twice (two ``income:`` lines) is an error, not a silently dropped line."""


def _decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = loader.construct_scalar(node)  # type: ignore[arg-type]
    try:
        return Decimal(str(text).replace("_", ""))
    except Exception:  # noqa: BLE001 - .inf / .nan and the like
        raise InputError(f"数字“{text}”无法识别") from None


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _decimal)

_TOP = {"as_of", "start", "budget", "debts", "strategies", "order", "counter_offers"}
_BUDGET = {"income", "essentials", "other_obligations", "savings"}


@dataclass
class PlanFile:
    budget: Budget
    debts: list[Debt]
    as_of: date | None = None
    start: date | None = None
    strategies: list[Strategy] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    counter_offers: list[CounterOffer] = field(default_factory=list)


def _date(value: Any, what: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{what}“{value}”不是有效日期，请写成 2025-06-01") from None


def load_plan_file(path: Path | str) -> PlanFile:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("找不到计划文件", file=str(p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取计划文件：{exc}", file=str(p)) from None
    try:
        return parse_plan(text)
    except InputError as exc:
        raise InputError(exc.message, file=str(p), place=exc.place) from None


def parse_plan(text: str) -> PlanFile:
    try:
        data = yaml.load(text, Loader=_ExactLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark is not None else None
        raise InputError(f"YAML 格式有误：{getattr(exc, 'problem', exc)}", place=where) from None
    if not isinstance(data, Mapping):
        raise InputError("计划文件应是 YAML 映射，至少包含 budget")
    if unknown := set(data) - _TOP:
        raise InputError(f"计划文件里有不认识的项：{'、'.join(sorted(map(str, unknown)))}")
    b = data.get("budget")
    if not isinstance(b, Mapping):
        raise InputError("计划文件缺少 budget（每月收入 income、基本生活费 essentials）")
    if unknown := set(b) - _BUDGET:
        raise InputError(f"budget 里有不认识的项：{'、'.join(sorted(map(str, unknown)))}")
    for key in ("income", "essentials"):
        if key not in b:
            raise InputError(f"budget 缺少 {key}")
    obligations = []
    for i, o in enumerate(b.get("other_obligations") or (), start=1):
        if not isinstance(o, Mapping) or "amount" not in o:
            raise InputError(f"other_obligations 第{i}项应写成 {{name: 房租, amount: 1500}}")
        obligations.append(
            (str(o.get("name") or f"支出{i}"), money(o["amount"], what=f"其他支出第{i}项"))
        )
    budget = Budget(
        money(b["income"], what="每月收入"),
        money(b["essentials"], what="基本生活费"),
        tuple(obligations),
        money(b.get("savings", 0), what="可一次拿出的钱") if b.get("savings") is not None else ZERO,
    )
    debts = []
    raw_debts = data.get("debts") or []
    if not isinstance(raw_debts, list):
        raise InputError("debts 应是列表")
    for i, d in enumerate(raw_debts, start=1):
        if not isinstance(d, Mapping):
            raise InputError(f"debts 第{i}项应是映射")
        fields = dict(d)
        fields.setdefault("id", f"debt{i}")
        try:
            debts.append(Debt.create(**{str(k): v for k, v in fields.items()}))
        except InputError as exc:
            raise InputError(exc.message, place=f"debts 第{i}项（{fields['id']}）") from None
    strategies = []
    for s in data.get("strategies") or ():
        try:
            strategies.append(Strategy(str(s)))
        except ValueError:
            allowed = "、".join(x.value for x in Strategy)
            raise InputError(f"不认识的策略“{s}”，可用的有：{allowed}") from None
    counters = []
    for i, c in enumerate(data.get("counter_offers") or (), start=1):
        if not isinstance(c, Mapping) or "debt" not in c or "months" not in c:
            raise InputError(
                f"counter_offers 第{i}项应写成 {{debt: 编号, monthly: 800, months: 24, upfront: 0}}"
            )
        counters.append(
            CounterOffer.create(c["debt"], c.get("monthly", 0), c["months"], c.get("upfront", 0))
        )
    order = data.get("order") or []
    if not isinstance(order, list):
        raise InputError("order 应是债务编号的列表")
    return PlanFile(
        budget=budget,
        debts=debts,
        as_of=None if data.get("as_of") is None else _date(data["as_of"], "as_of"),
        start=None if data.get("start") is None else _date(data["start"], "start"),
        strategies=strategies,
        order=[str(x) for x in order],
        counter_offers=counters,
    )
