"""Letters to several lenders can share one folder: each lender's letter has its own name."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))

from make_case import write_case  # noqa: E402

from dunguard.case import create_case  # noqa: E402
from dunguard.documents.letters import _file_part, write_letter  # noqa: E402


def test_two_lenders_two_letters_in_one_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    out = tmp_path / "letters"
    with create_case("两家") as c:
        c.import_files(write_case(tmp_path / "in"))
        a = write_letter(c, "stop-harassment", out, lender="招联消费金融", pdf=False, per_lender=True)
        b = write_letter(c, "stop-harassment", out, lender="美团(月付/借钱)", pdf=False, per_lender=True)
    assert a.txt.name == "stop-harassment-招联消费金融.txt"
    assert b.txt.name == "stop-harassment-美团(月付_借钱).txt"  # no path separator from the name
    assert "致：招联消费金融" in a.txt.read_text(encoding="utf-8")
    assert "致：美团(月付/借钱)" in b.txt.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [a.txt.name, a.docx.name, b.txt.name, b.docx.name]
    )


def test_lender_names_cannot_steer_the_path():
    assert _file_part("../../etc/passwd") == "etc_passwd"
    assert _file_part("某贷\u202e\n") == "某贷"
    assert _file_part("///") == "lender"
