"""The fast record constructors build the same objects as the dataclasses themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from dunguard.model import Entities, Finding, Phone, Severity, Url
from dunguard.text.fastinit import constructor


def test_finding_and_entities_are_built_equal_to_their_dataclass():
    f = dict(rule="visit.dispatch", label="visit", span=(3, 7), quote="上门找你",
             severity=Severity.MEDIUM, law=("刑法:245",), explanation="…", rule_version=2,
             statistical=True)
    e = dict(lender=("招联金融",), amounts=(Decimal("3560.00"),), overdue_days=(3,),
             deadlines=(date(2026, 1, 9),), phones=(Phone("13812345678", "mobile", (0, 11)),),
             urls=(Url("t.cn/x", "short", "t.cn", (12, 18)),), accounts=("个人账户",))
    for cls, kw in ((Finding, f), (Entities, e)):
        make = constructor(cls)
        assert make is not cls
        fast, slow = make(**kw), cls(**kw)
        assert type(fast) is cls
        assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
        for obj in (fast, slow):  # still frozen (3.11 raises TypeError for slotted ones)
            with pytest.raises((AttributeError, TypeError)):
                setattr(obj, next(iter(kw)), "x")
        with pytest.raises(TypeError):
            make(**{k: v for k, v in list(kw.items())[1:]})  # every field is required


@dataclass(frozen=True)
class _NoSlots:
    a: int


@dataclass(frozen=True, slots=True)
class _Checked:
    a: int

    def __post_init__(self) -> None:
        if self.a < 0:
            raise ValueError


@dataclass(slots=True)
class _Mutable:
    a: int


@dataclass(frozen=True, slots=True)
class _Hidden:
    a: int
    b: list[int] = field(default_factory=list, init=False)


@pytest.mark.parametrize("cls", [_NoSlots, _Checked, _Mutable, _Hidden, int])
def test_records_that_are_not_plain_keep_their_own_constructor(cls):
    assert constructor(cls) is cls


@dataclass(frozen=True, slots=True)
class _Base:
    a: int


@dataclass(frozen=True, slots=True)
class _Derived(_Base):
    b: str


def test_a_record_whose_layout_no_plain_twin_has_is_built_through_its_slots():
    make = constructor(_Derived)  # slots on two levels: __class__ cannot be reassigned
    fast, slow = make(a=1, b="x"), _Derived(1, "x")
    assert type(fast) is _Derived and fast == slow and repr(fast) == repr(slow)
    with pytest.raises((AttributeError, TypeError)):
        fast.a = 2  # type: ignore[misc]
