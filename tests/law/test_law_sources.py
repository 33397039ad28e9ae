"""The packaged data against the project's source sheets (skipped when ../shared is absent)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dunguard.law import load

ROOT = Path(__file__).resolve().parents[2]

# statutes.md section number → id prefix in the law base.
SECTION_SHORT = {
    1: "宪法",
    2: "刑法",
    3: "民法典",
    4: "个人信息保护法",
    5: "治安管理处罚法(2012)",
    6: "治安管理处罚法",
    7: "民事诉讼法",
    8: "律师法",
    9: "征信业管理条例",
    10: "民间借贷规定",
    11: "民间借贷批复",
    12: "妨害信用卡解释",
}
VERBATIM_IDS = [p.id for p in load() if p.verbatim]


def statute_articles(statutes_md: str) -> dict[str, str]:
    """{id: text} for every article statutes.md gives, parsed independently of the build."""
    out: dict[str, str] = {}
    sections = re.split(r"^## (?=\d+\. |Appendix)", statutes_md, flags=re.MULTILINE)[1:]
    for section in sections:
        number = re.match(r"(\d+)\. ", section)
        if number is None:
            continue
        for block in re.split(r"^### ", section, flags=re.MULTILINE)[1:]:
            heading, _, body = block.partition("\n")
            text = "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
            if text.startswith("Not found:"):
                continue
            m = re.fullmatch(r"第(\d+)条(之\w+)?", heading.strip())
            key = m.group(1) + (m.group(2) or "") if m else heading.strip()
            out[f"{SECTION_SHORT[int(number.group(1))]}:{key}"] = text
    return out


@pytest.fixture(scope="module")
def articles(shared_law) -> dict[str, str]:
    return statute_articles((shared_law / "statutes.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("provision_id", VERBATIM_IDS)
def test_verbatim_text_equals_statutes_md(base, articles, provision_id):
    assert base.get(provision_id).text == articles[provision_id]


def test_every_article_of_statutes_md_is_in_the_base(base, articles):
    assert len(articles) >= 70
    assert sorted(set(articles) - set(base.ids())) == []
    assert sorted(set(VERBATIM_IDS) - set(articles)) == []


def test_packaged_lpr_table_equals_the_source(shared_law):
    packaged = ROOT / "src" / "dunguard" / "law" / "data" / "lpr.csv"
    assert packaged.read_bytes() == (shared_law / "lpr.csv").read_bytes()


def test_build_script_output_is_current(shared_law):
    script = ROOT / "scripts" / "build_law_base.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check", "--source", str(shared_law)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
