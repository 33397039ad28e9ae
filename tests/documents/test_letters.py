"""Letters on the demo case: golden text for each kind, the Word and PDF forms, blanks, notice."""

from __future__ import annotations

import difflib
import subprocess
from pathlib import Path

import pytest
from doc_cases import AS_OF, PLAN
from golden_letters import GOLDEN, PERSON, normalize

from dunguard.case import open_case
from dunguard.documents.letters import BLANK, KINDS, Person, write_letter

HOW_TO_UPDATE = ".venv/bin/python tests/documents/golden_letters.py（改模板后有意重新生成，再看 git diff）"


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """All seven letters of the demo case, with PDFs, written once for this module."""
    import os

    from doc_cases import make_demo_case

    tmp = tmp_path_factory.mktemp("letters")
    old = os.environ.get("DUNGUARD_HOME")
    os.environ["DUNGUARD_HOME"] = str(tmp / "home")
    try:
        name = make_demo_case("演示", tmp)
        with open_case(name) as c:
            return {
                k: write_letter(c, k, tmp / "out", person=Person(**PERSON), as_of=AS_OF,
                                plan_file=PLAN)  # fmt: skip
                for k in KINDS
            }
    finally:
        if old is None:
            os.environ.pop("DUNGUARD_HOME", None)
        else:
            os.environ["DUNGUARD_HOME"] = old


def _pdftext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


@pytest.mark.parametrize("kind", list(KINDS))
def test_letter_text_matches_its_golden_file(letters, kind):
    got = normalize(letters[kind].txt.read_text(encoding="utf-8"))
    golden = GOLDEN / f"{kind}.txt"
    assert golden.exists(), f"缺少 {golden}；生成：{HOW_TO_UPDATE}"
    want = golden.read_text(encoding="utf-8")
    if got != want:
        diff = "\n".join(difflib.unified_diff(want.splitlines(), got.splitlines(), "golden", "now", lineterm=""))
        pytest.fail(f"{kind} 与金标准不同：\n{diff}\n若改动是有意的：{HOW_TO_UPDATE}")


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_letter_ends_with_the_not_a_lawyer_notice(letters, kind):
    text = letters[kind].txt.read_text(encoding="utf-8")
    tail = text.strip().splitlines()[-1]
    assert "不是律师" in tail and "12348" in tail


@pytest.mark.parametrize("kind", list(KINDS))
def test_docx_holds_the_same_letter(letters, kind):
    from docx import Document

    d = Document(str(letters[kind].docx))
    paras = [p.text for p in d.paragraphs]
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    body = "\n".join(paras + cells)
    assert paras[0] == KINDS[kind].title or paras[0].startswith(KINDS[kind].title)
    assert "12348" in body
    for line in letters[kind].txt.read_text(encoding="utf-8").splitlines():
        words = line.strip().lstrip("·□ ").strip()
        if words and "｜" not in words and not set(words) <= {"—"}:
            assert words in body, words


@pytest.mark.parametrize("kind", list(KINDS))
def test_pdf_has_the_letter_text_in_embedded_cjk_fonts(letters, kind):
    pdf = letters[kind].pdf
    text = _pdftext(pdf)
    assert KINDS[kind].title.replace(" ", "") in text.replace(" ", "")
    assert "12348" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert any("Noto-Sans-CJK-SC" in r for r in rows)
    assert all(r.split()[-5] == "yes" for r in rows), fonts  # every font embedded
    assert not letters[kind].fetched


def test_visit_checklist_fits_on_one_page(letters):
    info = subprocess.run(["pdfinfo", str(letters["visit-checklist"].pdf)], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "Pages:           1" in info


def test_letters_are_filled_from_the_case(letters):
    text = {k: w.txt.read_text(encoding="utf-8") for k, w in letters.items()}
    # names, lenders, amounts, dates and evidence numbers come from the case
    assert "马上消费金融(安逸花)" in text["negotiate"] and "张伟" in text["negotiate"]
    assert "2026年2月10日" in text["negotiate"]
    assert "招商银行信用卡中心" in text["card-installment"]
    assert "28,600.00" in text["card-installment"] and "第70条" in text["card-installment"]
    assert "12378" in text["complaint"]  # consumer finance company → the NFRA hotline
    assert "E6" in text["stop-harassment"] and "22:00" in text["stop-harassment"]
    assert "出门小心" in text["police"] and "【某某律师事务所】律师函" in text["police"]
    # what the case cannot know stays a visible blank
    assert BLANK in text["negotiate"] and "身份证号码：＿" in text["complaint"]


def test_complaint_body_follows_the_lender_kind(demo_case, tmp_path):
    with open_case(demo_case) as c:
        w = write_letter(c, "complaint", tmp_path, lender="乐信(分期乐)", as_of=AS_OF, pdf=False)
    text = w.txt.read_text(encoding="utf-8")
    head = text.split("一、")[0]
    assert "地方金融管理局" in head and "互联网金融协会举报平台" in head and "12378" not in head
    # the evidence list carries the original file's SHA-256
    assert any(len(tok) == 64 for line in text.splitlines() for tok in line.split(" ｜ "))


def test_an_unknown_lender_is_refused_with_the_known_ones(demo_case, tmp_path):
    from dunguard.errors import UsageError

    with open_case(demo_case) as c, pytest.raises(UsageError, match="乐信"):
        write_letter(c, "negotiate", tmp_path, lender="不存在的贷", as_of=AS_OF, pdf=False)


def test_a_case_without_lenders_still_gets_letters_with_blanks(home, tmp_path):
    from dunguard.case import create_case

    with create_case("空") as c:
        for kind in KINDS:
            w = write_letter(c, kind, tmp_path, as_of=AS_OF, pdf=False)
            text = w.txt.read_text(encoding="utf-8")
            assert BLANK in text and "12348" in text


def test_a_quote_inside_a_longer_quote_of_the_same_kind_is_cited_once() -> None:
    from dunguard.documents.letters import _distinct

    assert _distinct(["到你户籍地村委", "到你户籍地村委会核实", "联系你的家人", "到你户籍地村委"]) == [
        "到你户籍地村委会核实", "联系你的家人"]


def test_a_letter_cites_no_wording_model_guess() -> None:
    # a threat found only by a wording model is listed in the report with its caveat; a
    # letter, which accuses, cites only what rules found
    from types import SimpleNamespace

    from dunguard.documents.context import Quote
    from dunguard.documents.letters import _quote_incidents

    def quote(text: str, statistical: bool) -> Quote:
        return Quote("threat.x", "threat", "威胁恐吓", text, "low", "低", (), "…", statistical)

    view = SimpleNamespace(time_text="2026-01-08 21:00", lender="某某贷", sender="13800000000",
                           id="m1", quotes=[quote("出门小心点", False), quote("晚上回家路上注意点", True)])
    doc = SimpleNamespace(messages_of=lambda lender: [view], refs=lambda ids: "证据 1")
    (incident,) = _quote_incidents(doc, None)
    assert incident.quote == "“出门小心点”"
    view.quotes = [quote("晚上回家路上注意点", True)]
    assert _quote_incidents(doc, None) == []
