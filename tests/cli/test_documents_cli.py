"""`dunguard report`, `dunguard letter` and `dunguard demo` from outside: real processes, the
files they promise, exit codes per taxonomy.md §6."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from make_case import write_case  # noqa: E402

_BIN = Path(sys.executable).parent / "dunguard"
CMD = [str(_BIN)] if _BIN.exists() else [sys.executable, "-c", "from dunguard.cli import main; main()"]
KINDS = ("negotiate", "card-installment", "stop-harassment", "complaint", "police", "family",
         "visit-checklist")  # fmt: skip


def run(env: dict[str, str], *args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CMD, *map(str, args)], env=env, capture_output=True, text=True,
                          timeout=600, cwd=cwd)  # fmt: skip


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    e = os.environ | {"DUNGUARD_HOME": str(tmp_path / "home"), "COLUMNS": "200"}
    assert run(e, "case", "new", "张三").returncode == 0
    assert run(e, "import", *write_case(tmp_path / "in"), "--case", "张三").returncode == 0
    return e


def test_report_writes_html_and_pdf(env, tmp_path):
    out = tmp_path / "报告"
    r = run(env, "report", "--case", "张三", "--out", out, "--date", "2026-02-05")
    assert r.returncode == 0, r.stderr
    assert (out / "report.html").is_file() and (out / "report.pdf").is_file()
    assert str(out / "report.pdf") in r.stdout
    assert str(out / "brief.pdf") in r.stdout and (out / "brief.html").is_file()
    text = subprocess.run(["pdftotext", str(out / "report.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "招联消费金融" in text


@pytest.mark.parametrize("kind", KINDS)
def test_letter_writes_docx_and_pdf(env, tmp_path, kind):
    out = tmp_path / "letters"
    r = run(env, "letter", kind, "--case", "张三", "--out", out, "--name", "张三", "--format", "json")
    assert r.returncode == 0, r.stderr
    (item,) = json.loads(r.stdout)
    for key in ("docx", "pdf", "txt"):
        assert Path(item[key]).is_file() and Path(item[key]).suffix == f".{key}"


def test_letter_all_and_errors(env, tmp_path):
    r = run(env, "letter", "all", "--case", "张三", "--out", tmp_path / "all", "--no-pdf")
    assert r.returncode == 0, r.stderr
    assert len(list((tmp_path / "all").glob("*.docx"))) == len(KINDS)
    assert run(env, "letter", "poem", "--case", "张三", "--out", tmp_path).returncode == 2
    r = run(env, "letter", "negotiate", "--case", "没有", "--out", tmp_path)
    assert r.returncode == 2 and "找不到案件" in r.stderr
    r = run(env, "letter", "negotiate", "--case", "张三", "--out", tmp_path, "--lender", "某贷")
    assert r.returncode == 2 and "招联消费金融" in r.stderr
    assert run(env, "report", "--case", "张三", "--out", tmp_path, "--date", "二月").returncode == 2


def test_demo_builds_a_full_case_and_runs_again(tmp_path):
    env = os.environ | {"COLUMNS": "200"}
    env.pop("DUNGUARD_HOME", None)
    out = tmp_path / "demo"
    for _ in range(2):  # re-running replaces the previous demo
        r = run(env, "demo", "--out", out, "--format", "json")
        assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert Path(data["report"]["html"]).is_file() and Path(data["report"]["pdf"]).is_file()
    assert set(data["letters"]) == set(KINDS)
    for paths in data["letters"].values():
        assert {Path(p).suffix for p in paths} == {".txt", ".docx", ".pdf"}
    assert Path(data["bundle"]).is_file()
    assert data["home"].startswith(str(out))  # its own data folder, not the user's
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep.txt").write_text("x")
    assert run(env, "demo", "--out", tmp_path / "mine", "--no-pdf").returncode == 2
    assert (tmp_path / "mine" / "keep.txt").exists()
