"""Benchmark ``dunguard import`` on a generated SBR backup against ``ElementTree.parse``.

The file is written by the test fixtures' big-file generator (SMS with realistic Chinese
collection texts, every 250th message an MMS with a ~318 KB picture), so that 1 GB holds
about 500k messages. Each contender runs in its own process; time is wall-clock and peak
memory is that process's maximum RSS (``wait4``), both measured in the same run.

    .venv/bin/python benchmarks/import.py                 # the full 1 GB (several minutes)
    .venv/bin/python benchmarks/import.py --size 50MB     # a quick run

Targets (issue 3, for 1 GB on a 2-core machine): import under 5 minutes, peak RSS under 300 MB.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from dunguard.ingest.surrogates import repair_stream  # noqa: E402
from fixtures.make_exports import write_big_sbr  # noqa: E402

GB = 1_000_000_000
MESSAGES_PER_GB = 500_000
MMS_EVERY = 250
IMAGE_SIZE = 318_000
TARGET_S = 300.0
TARGET_RSS = 300 * 1024 * 1024

_BIN = Path(sys.executable).parent / "dunguard"
DUNGUARD = (
    [str(_BIN)]
    if _BIN.exists()
    else [sys.executable, "-c", "from dunguard.cli import main; main()"]
)
ETREE = [
    sys.executable,
    "-c",
    "import sys, xml.etree.ElementTree as ET; print(len(ET.parse(sys.argv[1]).getroot()))",
]


def parse_size(text: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmg]?)b?", text.strip().lower())
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 1GB, 200MB)")
    return int(float(m[1]) * {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[m[2]])


def measured(cmd: list[str], env: dict[str, str], quiet: bool = False) -> tuple[float, int, int]:
    """(seconds, peak RSS in bytes, exit code) of one child process."""
    start = time.perf_counter()
    err = subprocess.DEVNULL if quiet else None
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return seconds, rss, os.waitstatus_to_exitcode(status)


def repaired_copy(src: Path, dst: Path) -> None:
    """The same file with emoji surrogate-pair references merged, which ElementTree refuses."""

    def chunks():
        with open(src, "rb") as f:
            while chunk := f.read(1 << 20):
                yield chunk

    with open(dst, "wb") as out:
        for piece in repair_stream(chunks()):
            out.write(piece)


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=parse_size, default=GB, help="file size, e.g. 1GB, 200MB")
    ap.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the file and the case")
    args = ap.parse_args()

    work = args.dir or Path(tempfile.mkdtemp(prefix="dunguard-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"DUNGUARD_HOME": str(work / "home")}
    try:
        n = max(MMS_EVERY, round(MESSAGES_PER_GB * args.size / GB))
        sbr = work / "sms-benchmark.xml"
        print(
            f"Writing {n:,} messages (every {MMS_EVERY}th an MMS with a {IMAGE_SIZE:,}-byte picture) …"
        )
        t = time.perf_counter()
        write_big_sbr(sbr, n, mms_every=MMS_EVERY, image_size=IMAGE_SIZE)
        size = sbr.stat().st_size
        print(f"  {size / GB:.2f} GB in {time.perf_counter() - t:.0f} s: {sbr}")

        subprocess.run(
            [*DUNGUARD, "case", "new", "benchmark"], env=env, check=True, stdout=subprocess.DEVNULL
        )
        print("dunguard import …")
        imp_s, imp_rss, rc = measured([*DUNGUARD, "import", str(sbr), "--case", "benchmark"], env)
        if rc != 0:
            print(f"dunguard import failed (exit {rc})")
            return 1
        print("dunguard verify …")
        ver_s, ver_rss, rc = measured([*DUNGUARD, "verify", "--case", "benchmark"], env)
        print("xml.etree.ElementTree.parse …")
        et_s, et_rss, et_rc = measured([*ETREE, str(sbr)], env, quiet=True)
        if et_rc != 0:  # real SBR files with emoji: ElementTree gives up on the first one
            print("  ElementTree refused the file; timing it on a copy with the emoji repaired")
            fixed = work / "sms-benchmark-repaired.xml"
            repaired_copy(sbr, fixed)
            et_s, et_rss, et_rc2 = measured([*ETREE, str(fixed)], env)
            fixed.unlink()

        print()
        print(f"file: {size / GB:.2f} GB, {n:,} messages, {n // MMS_EVERY:,} MMS")
        print(f"{'':32}{'time':>10}{'peak RSS':>12}")
        print(f"{'dunguard import':32}{imp_s:>9.1f}s{mb(imp_rss):>12}")
        print(f"{'dunguard verify':32}{ver_s:>9.1f}s{mb(ver_rss):>12}   (exit {rc})")
        label = "ElementTree.parse" if et_rc == 0 else "ElementTree.parse (emoji repaired)"
        print(f"{label:32}{et_s:>9.1f}s{mb(et_rss):>12}")
        print(
            f"ratio import / ElementTree: time {imp_s / et_s:.2f}×, peak RSS {imp_rss / et_rss:.2f}×"
        )
        per_gb = imp_s * GB / size
        print(f"import speed: {size / imp_s / 1e6:.1f} MB/s ({per_gb:.0f} s per GB)")
        if size >= 0.9 * GB:
            ok = imp_s < TARGET_S and imp_rss < TARGET_RSS
            print(f"targets (< {TARGET_S:.0f} s, < {mb(TARGET_RSS)}): {'met' if ok else 'NOT met'}")
            return 0 if ok else 1
        return 0
    finally:
        if args.keep:
            print(f"kept: {work}")
        elif args.dir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
