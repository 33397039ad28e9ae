"""IRR / XIRR speed and agreement against numpy-financial and scipy, measured in the same run.

    .venv/bin/python benchmarks/apr.py [--n 10000] [--flows 36] [--seed 7]

Loans are generated with a random amount, rate, up-front deduction and per-period fee; each has
one positive flow (what was received) and ``--flows - 1`` monthly repayments. Two comparisons:

* periodic IRR: :func:`dunguard.money.xirr.irr` vs ``numpy_financial.irr`` (companion-matrix
  roots of the NPV polynomial);
* dated XIRR (actual/365, repayment days jittered by up to ±3 days):
  :func:`dunguard.money.xirr.xirr_times` vs ``scipy.optimize.brentq`` on a numpy NPV, the usual
  hand-written spreadsheet-XIRR replacement.

Both must agree to 1e-6 on every loan (exit 1 otherwise); the times and ratios are printed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import numpy as np
import numpy_financial as npf
from scipy.optimize import brentq

from dunguard.money.xirr import irr, xirr_times

TOL = 1e-6


def make_loans(n: int, flows: int, seed: int) -> tuple[list[list[float]], list[list[float]]]:
    rnd = random.Random(seed)
    loans, times = [], []
    periods = flows - 1
    for _ in range(n):
        amount = rnd.uniform(2_000, 200_000)
        r = rnd.uniform(0.03, 0.60) / 12
        payment = amount * r / (1 - (1 + r) ** -periods) + amount * rnd.uniform(0, 0.004)
        received = amount * (1 - rnd.uniform(0, 0.15))
        loans.append([received] + [-payment] * periods)
        times.append([0.0] + [(30.4375 * k + rnd.randint(-3, 3)) / 365 for k in range(1, flows)])
    return loans, times


def scipy_xirr(t: np.ndarray, c: np.ndarray) -> float:
    return brentq(lambda r: float(np.sum(c * (1.0 + r) ** -t)), -0.99, 1e3, xtol=1e-14, rtol=1e-14)


def timed(fn, *args):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--flows", type=int, default=36)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    loans, times = make_loans(a.n, a.flows, a.seed)
    arrays = [(np.asarray(t), np.asarray(c)) for t, c in zip(times, loans, strict=True)]

    ours_irr, t_ours_irr = timed(lambda: [irr(c) for c in loans])
    npf_irr, t_npf = timed(lambda: [float(npf.irr(c)) for c in loans])
    ours_x, t_ours_x = timed(lambda: [xirr_times(t, c) for t, c in zip(times, loans, strict=True)])
    sci_x, t_sci = timed(lambda: [scipy_xirr(t, c) for t, c in arrays])

    d_irr = max(abs(x - y) for x, y in zip(ours_irr, npf_irr, strict=True))
    d_x = max(abs(x - y) for x, y in zip(ours_x, sci_x, strict=True))
    print(f"{a.n} loans × {a.flows} flows (seed {a.seed})")
    print(f"{'':28}{'dunguard':>12}{'baseline':>12}{'ratio':>10}{'max |Δ|':>12}")
    print(f"{'periodic IRR vs npf.irr':28}{t_ours_irr:11.3f}s{t_npf:11.3f}s"
          f"{t_npf / t_ours_irr:9.1f}×{d_irr:12.1e}")
    print(f"{'XIRR vs scipy brentq':28}{t_ours_x:11.3f}s{t_sci:11.3f}s"
          f"{t_sci / t_ours_x:9.1f}×{d_x:12.1e}")
    print(f"per loan: IRR {t_ours_irr / a.n * 1e6:.1f} µs, XIRR {t_ours_x / a.n * 1e6:.1f} µs")
    ok = d_irr < TOL and d_x < TOL
    print("agreement to 1e-6:", "yes" if ok else "NO")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
