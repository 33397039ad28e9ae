"""Scoring OCR'd threads against the conversations the screenshots were rendered from.

* **CER** (character error rate): edit distance between what a bubble says and what was read,
  over the number of characters it says. Spaces are left out on both sides (Chinese text
  has none that matter). Emoji stay in: the recogniser's alphabet has some, and whatever it
  reads in place of one it does not know counts as an error. A bubble not
  found counts all its characters as errors, and a bubble read that was not there counts
  all of its characters too. A bubble whose text shows whole but whose bubble touches the
  header or the input bar is optional: left out, it does not count; read, it is scored.
* **side**: share of the expected bubbles found on the right side (missing ones count wrong).
* **time**: share of the expected bubbles whose separator is in the picture that got exactly
  that time (to the minute).
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dunguard.model import Direction, Message

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for fixtures
from fixtures.make_screenshots import Expected  # noqa: E402


def norm_ref(text: str) -> str:
    """What the picture shows: no spaces, no skin-tone or joiner marks (never drawn)."""
    return "".join(c for c in text if not c.isspace() and not _invisible(c))


def _invisible(c: str) -> bool:
    return c in "\u200d\ufe0f" or 0x1F3FB <= ord(c) <= 0x1F3FF


def norm_hyp(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@dataclass
class Score:
    chars: int = 0
    errors: int = 0
    bubbles: int = 0
    sides_right: int = 0
    timed: int = 0
    times_right: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def cer(self) -> float:
        return self.errors / self.chars if self.chars else 0.0

    @property
    def side_rate(self) -> float:
        return self.sides_right / self.bubbles if self.bubbles else 1.0

    @property
    def time_rate(self) -> float:
        return self.times_right / self.timed if self.timed else 1.0

    def add(self, other: Score) -> None:
        for k in ("chars", "errors", "bubbles", "sides_right", "timed", "times_right"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.missed += other.missed
        self.extra += other.extra
        self.wrong += other.wrong

    def line(self) -> str:
        return (
            f"CER {self.cer:.2%} ({self.errors}/{self.chars} chars), "
            f"side {self.side_rate:.1%} ({self.sides_right}/{self.bubbles}), "
            f"time {self.time_rate:.1%} ({self.times_right}/{self.timed})"
        )


def score(expected: Iterable[Expected], got: Iterable[Message]) -> Score:
    exp, msgs = list(expected), list(got)
    s = Score()
    a = [norm_ref(e.text) for e in exp]
    b = [norm_hyp(m.text) for m in msgs]
    pairs = _align(a, b)
    used = {j for _, j in pairs}
    matched = dict(pairs)
    for i, e in enumerate(exp):
        j = matched.get(i)
        if j is None and e.optional:
            continue  # a bubble touching a bar may rightly be left out
        s.chars += len(a[i])
        s.bubbles += 1
        if e.time is not None:
            s.timed += 1
        if j is None:
            s.errors += len(a[i])
            s.missed.append(e.text)
            continue
        m = msgs[j]
        d = edit_distance(a[i], b[j])
        s.errors += d
        if d:
            s.wrong.append(f"{e.text!r} → {m.text!r}")
        side = "out" if m.direction is Direction.OUT else "in"
        s.sides_right += side == e.side
        if e.time is not None and m.time is not None:
            # to the minute, as the separator shows it (a repeat is stored 1 ms later)
            t = m.time.as_shanghai().replace(tzinfo=None, second=0, microsecond=0)
            s.times_right += t == e.time
    for j, m in enumerate(msgs):
        if j not in used:
            s.errors += len(b[j])
            s.extra.append(m.text)
    return s


def _align(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Order-keeping pairing of expected and read texts that maximises total similarity."""
    n, m = len(a), len(b)
    sim = [[difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() for y in b] for x in a]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + sim[i][j] if sim[i][j] >= 0.5 else -1.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], take)
    out, i, j = [], 0, 0
    while i < n and j < m:
        if sim[i][j] >= 0.5 and best[i][j] == best[i + 1][j + 1] + sim[i][j]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def main() -> None:
    """Read a test set and print the scores per app (``--set accuracy`` for the one the
    tests use, ``--set held-out`` (default) for the eighteen never used in tuning)."""
    import argparse
    import tempfile
    from collections import defaultdict

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from ingest_helpers import MemorySink

    from dunguard.ingest.screenshot import ScreenshotReader
    from dunguard.ingest.screenshot.thread import MEMORY
    from fixtures import make_screenshots as ms

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--set", choices=("held-out", "accuracy"), default="held-out")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    cases = ms.held_out_set() if args.set == "held-out" else ms.accuracy_set()
    per: dict[str, Score] = defaultdict(Score)
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            p = Path(tmp) / case.name
            p.write_bytes(case.data)
            MEMORY.forget()
            s = score(case.shot.expected, ScreenshotReader().parse(p, MemorySink()))
            per[case.shot.layout].add(s)
            if args.verbose:
                print(
                    f"{case.name} {case.shot.layout} {case.shot.theme} {case.shot.image.size}: {s.line()}"
                )
    print(f"{args.set} set, {len(cases)} screenshots:")
    for layout in ms.LAYOUTS:
        print(f"  {layout:8s} {per[layout].line()}")


if __name__ == "__main__":
    main()
