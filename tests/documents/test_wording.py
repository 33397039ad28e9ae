"""Careful wording: no overclaiming in templates or in what they produce, 违法 never said by
the documents themselves, norms called norms, and only provisions the law base has."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
from doc_cases import AS_OF, PLAN

from dunguard.case import open_case
from dunguard.documents.letters import KINDS, write_letter
from dunguard.documents.render import TEMPLATES
from dunguard.documents.report import write_report
from dunguard.law import load
from dunguard.law.guidance import OVERCLAIM_WORDS

TEMPLATE_FILES = sorted(p for p in TEMPLATES.rglob("*") if p.suffix in (".j2", ".md", ".css"))
QUOTED = re.compile(r"“[^”]*”")  # words quoted from collectors' messages are theirs, not ours


def _own_words(text: str) -> str:
    return QUOTED.sub("“…”", text)


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.name)
def test_templates_do_not_overclaim(path: Path):
    text = _own_words(path.read_text(encoding="utf-8"))
    assert not [w for w in OVERCLAIM_WORDS if w in text]
    assert "违法" not in text  # templates never call conduct unlawful on their own


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    import os

    from doc_cases import make_demo_case

    tmp = tmp_path_factory.mktemp("wording")
    old = os.environ.get("DUNGUARD_HOME")
    os.environ["DUNGUARD_HOME"] = str(tmp / "home")
    try:
        name = make_demo_case("演示", tmp)
        out: dict[str, str] = {}
        with open_case(name) as c:
            for kind in KINDS:
                w = write_letter(c, kind, tmp / "out", as_of=AS_OF, plan_file=PLAN, pdf=False)
                out[kind] = w.txt.read_text(encoding="utf-8")
            r = write_report(c, tmp / "out", as_of=AS_OF, plan_file=PLAN, pdf=False)
            out["report"] = r.html.read_text(encoding="utf-8")
        return out
    finally:
        if old is None:
            os.environ.pop("DUNGUARD_HOME", None)
        else:
            os.environ["DUNGUARD_HOME"] = old


@pytest.mark.parametrize("kind", list(KINDS))
def test_letters_do_not_overclaim_or_call_anything_unlawful(outputs, kind):
    text = _own_words(outputs[kind])
    assert not [w for w in OVERCLAIM_WORDS if w in text]
    assert "违法" not in text


def test_report_prose_does_not_overclaim(outputs):
    html = outputs["report"]
    # Leave out the verbatim provision texts and the messages themselves (not our words).
    html = re.sub(r'<div class="text">.*?</div>', "", html, flags=re.S)
    text = _own_words(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)))
    assert not [w for w in OVERCLAIM_WORDS if w in text]


def test_norm_only_lines_are_never_called_unlawful(outputs):
    """Where a finding rests only on industry norms, the words next to it say 行业规范."""
    for kind in ("stop-harassment", "complaint", "negotiate"):
        for line in outputs[kind].splitlines():
            if "推荐性国家标准" in line or "行业自律规范" in line:
                assert "违反行业规范" in line
                assert "违法" not in line


def test_every_cited_provision_is_in_the_law_base(outputs):
    base = load()
    labels = {p.label() for p in base}
    cited = set(re.findall(r"《[^》]+》(?:（[^）]*）)?第\d+条(?:之一)?", outputs["report"]))
    for text in (outputs[k] for k in KINDS):
        cited |= set(re.findall(r"《[^》]+》(?:（[^）]*）)?第\d+条(?:之一)?", text))
    assert cited
    unknown = {c for c in cited if not any(lab.endswith(c) or c in lab for lab in labels)}
    assert not unknown
    ids = set(re.findall(r'id="(p-[^"]+)"', outputs["report"]))
    assert len(ids) >= 10
