"""Golden files for the letters: the text form of each letter on the demo case.

The tests compare against ``golden/KIND.txt``; they never rewrite them. After a deliberate
change to a template or to the data behind a letter, regenerate and review the diff:

    .venv/bin/python tests/documents/golden_letters.py      # writes tests/documents/golden/*.txt
    git diff tests/documents/golden/
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
PERSON = {"name": "张伟", "phone": "13700001111", "address": ""}

# What changes from run to run (the log's root hash and time, which include import times) is
# masked on both sides; everything else must match exactly.
_MASKS = (
    (re.compile(r"证据日志根哈希（[^）]*）：[0-9a-f]{64}"), "证据日志根哈希（…）：<root>"),
)


def normalize(text: str) -> str:
    for rx, sub in _MASKS:
        text = rx.sub(sub, text)
    return text


def render_all(tmp: Path) -> dict[str, str]:
    """Every letter's text for the demo case, as of the demo date (no PDF, fast)."""
    sys.path.insert(0, str(HERE))
    from doc_cases import AS_OF, PLAN, make_demo_case

    from dunguard.case import open_case
    from dunguard.documents.letters import KINDS, Person, write_letter

    os.environ["DUNGUARD_HOME"] = str(tmp / "home")
    name = make_demo_case("演示", tmp)
    out: dict[str, str] = {}
    with open_case(name) as c:
        for kind in KINDS:
            w = write_letter(c, kind, tmp / "letters", person=Person(**PERSON), as_of=AS_OF,
                             plan_file=PLAN, pdf=False)  # fmt: skip
            out[kind] = normalize(w.txt.read_text(encoding="utf-8"))
    return out


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as t:
        for kind, text in render_all(Path(t)).items():
            (GOLDEN / f"{kind}.txt").write_text(text, encoding="utf-8")
            print(GOLDEN / f"{kind}.txt")


if __name__ == "__main__":
    main()
