"""Time of one analysis on hostile input: long repetitions that a reader could go over once
per match (quadratic) instead of once. Each case is timed with ``Engine.analyze`` (20,000
characters are read) and ``extract_entities`` (100,000), both with a sent time, best of
``--repeat``.

    .venv/bin/python benchmarks/hostile.py [--repeat 3] [--big]

The goal: under 50 ms for a message under 2,000 characters, and no case of 20,000
characters over a fraction of a second (a normal 40-character message takes ~40 µs).
``--big`` adds 10 MB single lines (the engine reads their first 20,000 characters, the
entity reader its first 100,000).
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime

from dunguard.model import SHANGHAI
from dunguard.text.engine import Engine
from dunguard.text.entities import extract_entities

AT = datetime(2026, 1, 5, 8, 0, tzinfo=SHANGHAI)
CASES = {
    "'.' * 20000 (separators, no Chinese after)": "." * 20000,
    "'—-' * 10000": "—-" * 10000,
    "'366工作日内' * 285 (1,995 chars)": "366工作日内" * 285,
    "'366工作日内' * 2857": "366工作日内" * 2857,
    "'工行' * 5000 + '贷，' * 5000 (lexicon and loan-word names)": "工行" * 5000 + "贷，" * 5000,
    "'a.cn ' * 4000 (bare links)": "a.cn " * 4000,
    "'欠款' + '快递上门' * 4999 (an excluded term)": "欠款" + "快递上门" * 4999,
    "'逾期' + '不上门' * 6600 (negations)": "逾期" + "不上门" * 6600,
    "'卡号0000000000，' * 550 + '110，' * 3300 (accounts, then numbers)":
        "卡号0000000000，" * 550 + "110，" * 3300,
    "'0086 ' * 4000 (phone prefixes)": "0086 " * 4000,
}
BIG = {
    "10 MB of '工行贷，'": "工行贷，" * 2_500_000,
    "10 MB of 'a.cn '": "a.cn " * 2_000_000,
    "10 MB of '.'": "." * 10_000_000,
}


def best(f, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--big", action="store_true", help="also 10 MB single lines")
    args = ap.parse_args()
    engine = Engine.default()
    engine.analyze("热身：您的借款已逾期3天。", sent_at=AT)  # load rules, models and tables
    cases = {**CASES, **(BIG if args.big else {})}
    for name, text in cases.items():
        a = best(lambda t=text: engine.analyze(t, sent_at=AT), args.repeat)
        e = best(lambda t=text: extract_entities(t, sent_at=AT), args.repeat)
        print(f"{name}: analyze {a * 1000:.1f} ms, extract_entities {e * 1000:.1f} ms")


if __name__ == "__main__":
    main()
