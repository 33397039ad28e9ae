"""Benchmark reading 1080×2400 chat screenshots: dunguard's reader against stock rapidocr.

Screenshots are drawn by the test fixtures (``tests/fixtures/make_screenshots.py``): WeChat,
iOS and Android threads, light and dark. Each contender runs in its own process, loads the
models once, reads every screenshot ``--rounds`` times (after one warm-up read) and reports:

* seconds per screenshot, wall clock and CPU (the CPU figure is what a quiet machine would
  show as wall time; on a shared machine wall time also counts waiting for a core);
* peak memory: the process's maximum RSS, models included.

The baseline is rapidocr's own ``RapidOCR()`` pipeline with its default settings (detection
on the whole picture, direction classifier, the same packaged models), measured in the same
run. dunguard's reader additionally takes the picture apart into a thread (bubbles, sides,
times), so its time is the whole import's OCR cost, not just the text.

    .venv/bin/python benchmarks/ocr.py             # 6 screenshots, 2 rounds
    .venv/bin/python benchmarks/ocr.py --rounds 1

Targets (issue 8, on this 2-core machine): ≤ 2 s per 1080×2400 screenshot, ≤ 800 MB peak.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 2.0
TARGET_RSS = 800 * 1024 * 1024

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, files, rounds = sys.argv[1], sys.argv[2:-1], int(sys.argv[-1])
if mode == "dunguard":
    from dunguard.ingest.screenshot import ScreenshotReader
    from dunguard.ingest.screenshot.thread import MEMORY
    class Sink:
        def put_stream(self, *a, **k): raise AssertionError
    def once(p):
        MEMORY.forget()
        return len(list(ScreenshotReader().parse(Path(p), Sink())))
else:
    import logging
    from importlib import resources
    from rapidocr import RapidOCR
    models = Path(str(resources.files("rapidocr") / "models"))
    engine = RapidOCR(params={
        "Global.log_level": "error",
        "Det.model_path": str(models / "PP-OCRv6_det_small.onnx"),
        "Cls.model_path": str(models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx"),
        "Rec.model_path": str(models / "PP-OCRv6_rec_small.onnx"),
    })
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    def once(p):
        return len(engine(p).txts or ())
t0, c0 = time.perf_counter(), time.process_time()
once(files[0])  # loads the models
load_s = time.perf_counter() - t0
counts = []
t0, c0 = time.perf_counter(), time.process_time()
for _ in range(rounds):
    for f in files:
        counts.append(once(f))
n = rounds * len(files)
print(json.dumps({
    "load_s": load_s,
    "wall_s": (time.perf_counter() - t0) / n,
    "cpu_s": (time.process_time() - c0) / n,
    "items": sum(counts) / n,
}))
"""


def draw(folder: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "tests"))
    from fixtures import make_screenshots as ms

    taken = datetime(2024, 3, 8, 21, 40)
    out = []
    for i, (layout, theme) in enumerate([(lay, th) for lay in ms.LAYOUTS for th in ms.THEMES]):
        conv = ms.make_conversation(200 + i, end=taken, n=14)
        shot = ms.render(conv, layout=layout, theme=theme, width=1080, taken=taken)
        p = folder / f"Screenshot_20240308-2140{i:02d}_{layout}_{theme}.png"
        p.write_bytes(shot.png())
        out.append(p)
    return out


def measured(mode: str, files: list[Path], rounds: int) -> tuple[dict, int]:
    """One child process: its JSON report and its peak RSS in bytes (``wait4``)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, mode, *map(str, files), str(rounds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT / "src")},
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{mode} failed (status {status})")
    return json.loads(out), usage.ru_maxrss * 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = draw(Path(tmp))
        load = os.getloadavg()
        print(
            f"{len(files)} screenshots 1080×2400 × {args.rounds} rounds; "
            f"{os.cpu_count()} cores; load average {load[0]:.1f} at start"
        )
        results = {}
        for mode in ("rapidocr", "dunguard"):
            rep, rss = measured(mode, files, args.rounds)
            results[mode] = (rep, rss)
            print(
                f"  {mode:9s} {rep['wall_s']:.2f} s/screenshot wall, {rep['cpu_s']:.2f} s CPU, "
                f"peak RSS {rss / 2**20:.0f} MB, model load {rep['load_s']:.1f} s, "
                f"{rep['items']:.1f} {'messages' if mode == 'dunguard' else 'lines'}/screenshot"
            )
        (base, _), (ours, rss) = results["rapidocr"], results["dunguard"]
        print(
            f"  ratio dunguard/rapidocr: wall {ours['wall_s'] / base['wall_s']:.2f}, "
            f"CPU {ours['cpu_s'] / base['cpu_s']:.2f}"
        )
        print(f"  load average at end {os.getloadavg()[0]:.1f}")
        ok_cpu, ok_wall = ours["cpu_s"] <= TARGET_S, ours["wall_s"] <= TARGET_S
        ok_m = rss <= TARGET_RSS
        print(
            f"target ≤ {TARGET_S:.0f} s per screenshot: CPU {ours['cpu_s']:.2f} s "
            f"({'met' if ok_cpu else 'NOT met'}), wall {ours['wall_s']:.2f} s "
            f"({'met' if ok_wall else 'NOT met'} at load average {load[0]:.1f}); "
            f"≤ {TARGET_RSS // 2**20} MB: {'met' if ok_m else 'NOT met'} ({rss / 2**20:.0f} MB)"
        )


if __name__ == "__main__":
    main()
