"""Money and rates as ``Decimal``: one constructor that refuses floats, parsing, rounding rules.

Rounding rules (stated once, used everywhere):

* Amounts are kept at full ``Decimal`` precision while computing and rounded to the fen
  (0.01 yuan, ``ROUND_HALF_UP``) only where a real payment is fixed: each scheduled
  instalment, each month of a plan, each amount shown to the user. Where a schedule's
  rounded instalments would not add up to the principal, the last instalment takes the
  difference, so that principal repaid always equals principal lent to the fen.
* Rates are fractions per year unless named otherwise (0.18 is 18 %); they are shown rounded
  to 0.01 percentage point (``ROUND_HALF_UP``).
* Rates are solved in binary floating point (an IRR has no closed form): the solver gets
  float copies of the amounts and returns a rate accurate to about 1e-12, which is converted to
  ``Decimal``. Amounts themselves, schedules, balances and plans never go through a float.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from dunguard.errors import InputError

FEN = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
MAX_RATE = Decimal(10)  # 1000 % a year: above this an input rate is taken for a typing mistake
MAX_AMOUNT = Decimal("1e12")  # one trillion yuan: far beyond any household debt

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def to_decimal(value: object, *, what: str = "金额") -> Decimal:
    """``value`` as an exact ``Decimal``. Accepts ``Decimal``, ``int`` and numeric text
    (``"1,234.50"``, ``"1 234.5元"``); refuses ``float`` (inexact) and ``bool``."""
    if isinstance(value, bool):
        raise InputError(f"{what}应当是数字，而不是 {value!r}")
    if isinstance(value, float):
        raise TypeError(f"{what}不能用浮点数表示（{value!r}），请传入 Decimal、int 或文本")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "").replace(" ", "")
        text = text.removesuffix("元").removeprefix("¥").removeprefix("￥")
        if not _NUMBER.match(text):
            raise InputError(f"{what}“{value}”不是数字")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise InputError(f"{what}“{value}”不是数字") from None
    else:
        raise InputError(f"{what}应当是数字，而不是 {value!r}")
    if not result.is_finite():
        raise InputError(f"{what}“{value}”不是有限的数字")
    return result


def money(value: object, *, what: str = "金额", allow_zero: bool = True) -> Decimal:
    """A non-negative amount in yuan (not rounded). Negative, or absurdly large: :class:`InputError`."""
    amount = to_decimal(value, what=what)
    if amount < 0:
        raise InputError(f"{what}不能是负数（{value}）")
    if not allow_zero and amount == 0:
        raise InputError(f"{what}必须大于零")
    if amount > MAX_AMOUNT:
        raise InputError(f"{what}（{value}）大得不合常理，请检查单位（应以元为单位）")
    return amount


def fen(amount: Decimal) -> Decimal:
    """Round to the fen, half up."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def parse_rate(value: object, *, what: str = "利率", per: str = "年") -> Decimal:
    """A rate as a fraction: ``"18%"`` → 0.18, ``"0.05%"`` → 0.0005, ``Decimal("0.18")`` → 0.18.

    Text without ``%`` and plain numbers are read as fractions. ``per`` names the period for
    the messages ("年", "月", "日"). A negative rate, or one whose yearly equivalent is above
    1000 %, is refused with a message that shows how it was read.
    """
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        rate = to_decimal(value.strip()[:-1], what=what) / HUNDRED
    else:
        rate = to_decimal(value, what=what)
    if rate < 0:
        raise InputError(f"{what}不能是负数（{value}）")
    yearly = rate * {"年": 1, "月": 12, "日": 365, "期": 12}[per]
    if yearly > MAX_RATE:
        shown = pct(rate)
        hint = f"；如果是 {value}%，请写成“{value}%”" if "%" not in str(value) else ""
        raise InputError(
            f"{what} {value} 被理解为每{per} {shown}，折合每年超过 1000%，不像真实利率，请检查{hint}"
        )
    return rate


def pct(rate: Decimal | float | None, places: int = 2) -> str:
    """``Decimal("0.128038")`` → ``"12.80%"``; ``None`` → ``"—"``."""
    if rate is None:
        return "—"
    d = rate if isinstance(rate, Decimal) else Decimal(repr(rate))
    q = Decimal(1).scaleb(-places)
    return f"{(d * HUNDRED).quantize(q, rounding=ROUND_HALF_UP)}%"


def yuan(amount: Decimal | None) -> str:
    """``Decimal("1234.5")`` → ``"1,234.50"`` (to the fen, half up)."""
    if amount is None:
        return "—"
    return f"{fen(amount):,.2f}"
