"""Internal rate of return of a loan's cash flows: periodic (IRR) and by day count (XIRR).

Conventions (money the borrower receives is positive, money paid is negative):

* :func:`irr` – flows at equal periods 0, 1, 2 …; returns the rate per period ``i`` with
  ``Σ c_k (1+i)^-k = 0``. Nominal APR = ``i × periods per year`` (US Reg Z Appendix J
  "unit period" rate; the PBoC 2021 announcement's "月内部收益率×12"); effective annual rate
  = ``(1+i)^periods − 1``.
* :func:`xirr` – flows on dates; returns the effective annual rate ``r`` with
  ``Σ c_k (1+r)^-(d_k − d_0)/365 = 0``, i.e. actual/365 days from the first flow, the
  convention of spreadsheet XIRR.

The solver works on ``x = ln(1+rate)``, where a loan's net present value is smooth and
monotone: safeguarded Newton (a step that leaves the bracket known so far is replaced by
bisection), and when Newton has not converged after :data:`MAX_NEWTON` steps, a bracket is
searched and ``scipy.optimize.brentq`` finishes. Amounts are converted to binary floating point
for the solver only; the result is accurate to about 1e-12 relative.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from dunguard.errors import InputError

MAX_NEWTON = 60
X_TOL = 1e-14
EXP_LIMIT = 700.0  # keep every exp() argument finite in double precision

Number = Decimal | int | float


def _floats(amounts: Sequence[Number]) -> list[float]:
    out = [float(a) for a in amounts]
    if len(out) < 2:
        raise InputError("现金流至少要有两笔：收到的钱和还出去的钱")
    if not all(math.isfinite(a) for a in out):
        raise InputError("现金流里有不是有限数字的金额")
    if not any(a > 0 for a in out) or not any(a < 0 for a in out):
        raise InputError(
            "现金流没有正负变化：至少要有一笔收到的钱（正数）和一笔还出去的钱（负数），无法计算利率"
        )
    return out


def _npv_periodic(c: list[float], x: float) -> tuple[float, float]:
    """NPV and its derivative in x for flows at t = 0, 1, 2 … (Horner-free running power)."""
    v = math.exp(-x)
    f = d = 0.0
    p = 1.0
    for k, ck in enumerate(c):
        term = ck * p
        f += term
        d -= k * term
        p *= v
    return f, d


def _npv_dated(c: list[float], t: list[float], x: float) -> tuple[float, float]:
    f = d = 0.0
    for ck, tk in zip(c, t, strict=True):
        term = ck * math.exp(-x * tk)
        f += term
        d -= tk * term
    return f, d


def _solve(c: list[float], t: list[float] | None) -> float:
    """The root x = ln(1 + rate per unit of t) of the NPV."""
    horizon = max(t) if t is not None else float(len(c) - 1)
    if horizon <= 0:
        raise InputError("所有现金流都在同一天，无法计算利率")
    x_max = EXP_LIMIT / horizon

    def npv(x: float) -> tuple[float, float]:
        return _npv_dated(c, t, x) if t is not None else _npv_periodic(c, x)

    scale = sum(abs(a) for a in c)
    neg: float | None = None  # latest x with NPV < 0
    pos: float | None = None  # latest x with NPV > 0; together they bracket the root
    # First guess: one Newton step from x = 0 (exact for a single repayment, good for loans).
    f0, d0 = npv(0.0)
    x = -f0 / d0 if d0 != 0 else 0.0
    x = min(max(x, -x_max / 2), x_max / 2)
    for _ in range(MAX_NEWTON):
        f, d = npv(x)
        if abs(f) <= 1e-13 * scale:
            return x
        if f < 0:
            neg = x
        else:
            pos = x
        nxt = x - f / d if d != 0 else math.nan
        if neg is not None and pos is not None:
            a, b = (neg, pos) if neg < pos else (pos, neg)
            if not a < nxt < b:  # also catches nan
                nxt = 0.5 * (a + b)
        elif not math.isfinite(nxt) or abs(nxt) >= x_max:
            break
        if abs(nxt - x) <= X_TOL * max(1.0, abs(x)):
            return nxt
        x = nxt
    return _brent_fallback(npv, x_max)


def _brent_fallback(npv, x_max: float) -> float:  # type: ignore[no-untyped-def]
    from scipy.optimize import brentq  # imported only on this rare path

    grid = [x_max * s for s in (-1, -0.5, -0.1, -0.02, 0.0, 0.002, 0.02, 0.1, 0.5, 1)]
    values = [npv(g)[0] for g in grid]
    for (a, fa), (b, fb) in zip(
        zip(grid, values, strict=True), zip(grid[1:], values[1:], strict=True), strict=False
    ):
        if fa == 0:
            return a
        if (fa < 0) != (fb < 0):
            return float(brentq(lambda z: npv(z)[0], a, b, xtol=1e-15, rtol=4e-16, maxiter=500))
    raise InputError("找不到使现金流净现值为零的利率，请检查金额和日期")


def irr(amounts: Sequence[Number]) -> float:
    """Rate per period of flows at equal periods (first flow at period 0)."""
    c = _floats(amounts)
    return math.expm1(_solve(c, None))


def year_fractions(dates: Sequence[date]) -> list[float]:
    """Actual/365 years from the first date; dates must not go backwards."""
    if not dates:
        return []
    d0 = dates[0]
    out = []
    prev = d0
    for i, d in enumerate(dates):
        if d < prev:
            raise InputError(f"第{i + 1}笔现金流的日期 {d} 早于前一笔 {prev}，日期顺序不对")
        prev = d
        out.append((d - d0).days / 365.0)
    return out


def xirr(dates: Sequence[date], amounts: Sequence[Number]) -> float:
    """Effective annual rate of dated flows, actual/365 from the first date (spreadsheet XIRR)."""
    if len(dates) != len(amounts):
        raise InputError("日期和金额的个数不一致")
    c = _floats(amounts)
    return math.expm1(_solve(c, year_fractions(dates)))


def xirr_times(times: Sequence[float], amounts: Sequence[Number]) -> float:
    """As :func:`xirr`, with times already in years from the first flow (for bulk use)."""
    return math.expm1(_solve(_floats(amounts), list(times)))
