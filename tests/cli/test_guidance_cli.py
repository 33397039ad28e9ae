"""``dunguard rights`` and ``outlook`` from the outside, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from dunguard.cli import main; main()", *args],
        capture_output=True, cwd=ROOT, timeout=120, text=True,
    )


def ok_json(*args: str) -> dict:
    r = run(*args, "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def statements(obj: dict) -> dict[str, str]:
    return {s["id"]: s["text"] for sec in obj["sections"] for s in sec["statements"]}


def test_rights_visit_json():
    j = ok_json("rights", "--topic", "visit", "--on", "2026-03-01")
    assert [t["topic"] for t in j["topics"]] == ["visit"]
    cited = {pid for t in j["topics"] for sec in t["sections"] for s in sec["statements"] for pid in s["law"]}
    assert cited == set(j["provisions"]) and "刑法:245" in cited
    first = j["topics"][0]["sections"][1]["statements"][0]
    assert first["id"] == "visit.no_entry" and first["confidence"] == "C"


def test_rights_table_is_chinese_with_sources_and_disclaimer():
    r = run("rights", "--topic", "credit", "--on", "2026-03-01")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "征信（信用报告）" in out and "对方不能做的" in out
    assert "《征信业管理条例》第15条" in out and "12348" in out


def test_rights_table_marks_statements_surer_or_weaker_than_confirmed():
    r = run("rights", "--topic", "legal", "--on", "2026-03-01")
    assert r.returncode == 0, r.stderr
    assert "［本工具的理解］" in r.stdout
    assert "这句话的可信度：二手资料，原文未核对" in r.stdout  # the 律师函 sentence rests on [S]


def test_rights_law_flag_prints_provision_texts():
    r = run("rights", "--topic", "visit", "--on", "2026-03-01", "--law")
    assert r.returncode == 0, r.stderr
    assert "所引条文" in r.stdout and "中华人民共和国公民的住宅不受侵犯" in r.stdout


def test_rights_kind_in_chinese():
    j = ok_json("rights", "--topic", "third_party", "--kind", "银行信用卡", "--on", "2026-03-01")
    assert j["kind"] == "bank_card"
    ids = {s["id"] for t in j["topics"] for sec in t["sections"] for s in sec["statements"]}
    assert "third_party.card" in ids and "third_party.cfc" not in ids


def test_outlook_small_card_debt():
    j = ok_json("outlook", "--kind", "bank_card", "--amount", "8000", "--due-date", "2026-01-10",
                "-c", "2026-02-01", "-c", "2026-03-15", "--today", "2026-08-01")
    assert j["card_check"]["amount_met"] is False
    assert j["card_check"]["collections_met"] is True and j["card_check"]["window_met"] is True
    assert j["card_check"]["missing"] == ["未还本金5万元以上"]
    assert statements(j)["card.amount_below"].startswith("金额：你填写的欠款是8,000元，低于恶意透支")
    assert j["debt"]["overdue_days"] == 203


def test_outlook_card_with_one_collection_and_comma_list():
    j = ok_json("outlook", "-k", "bank_card", "-a", "6万", "--overdue-days", "150",
                "-c", "2026-02-01", "--today", "2026-06-01")
    assert j["debt"]["amount"] == "60000"
    assert "card.collections_one" in statements(j)
    j2 = ok_json("outlook", "-k", "bank_card", "-a", "60000", "--overdue-days", "150",
                 "-c", "2026-02-01,2026-03-05", "--today", "2026-06-01")
    assert j2["card_check"]["pair"] == ["2026-02-01", "2026-03-05"]
    assert j2["card_check"]["window_end"] == "2026-06-05" and j2["card_check"]["window_met"] is False


def test_outlook_before_the_due_date_says_how_to_avoid_being_overdue():
    r = run("outlook", "--kind", "bank_card", "--amount", "8000", "--due-date", "2026-12-01",
            "--today", "2026-11-29")
    assert r.returncode == 0, r.stderr
    assert "还没有逾期" in r.stdout and "离到期还有2天" in r.stdout
    assert "谈不上“恶意透支”" in r.stdout and "建议下一步" in r.stdout


def test_outlook_online_loan_table_says_civil():
    r = run("outlook", "--kind", "online_lender", "--amount", "8000", "--overdue-days", "40",
            "--today", "2026-11-29")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "不是犯罪" in out and "2026年10月21日" in out and "建议下一步" in out
    assert "《征信业管理条例》第15条" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--kind", "bank_card", "--amount", "8000", "--overdue-days", "5", "--due-date", "2026-01-01"],
         "只能给一个"),
        (["--kind", "pawnshop", "--amount", "8000"], "pawnshop"),
        (["--kind", "bank_card", "--amount", "abc"], "金额无法识别"),
        (["--kind", "bank_card", "--amount", "8000", "--due-date", "2026-13-01"], "--due-date"),
        (["--kind", "bank_card", "--amount", "8000", "--overdue-days", "3", "-c", "2027-01-01",
          "--today", "2026-11-29"], "晚于今天"),
        (["--amount", "8000"], "--kind"),
    ],
)
def test_outlook_bad_input_is_one_sentence_and_exit_2(args, fragment):
    r = run("outlook", *args)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert fragment in r.stderr and "Traceback" not in r.stderr


def test_rights_bad_topic_exit_2():
    r = run("rights", "--topic", "weather")
    assert r.returncode == 2 and "weather" in r.stderr and "Traceback" not in r.stderr
