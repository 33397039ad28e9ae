"""``dunguard bulk analyze`` / ``bulk audit`` on the command line: outputs, exit codes, audit."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from operator import itemgetter
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from bulk_helpers import messages, write_jsonl

DUNGUARD = Path(sys.executable).with_name("dunguard")


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DUNGUARD_HOME": str(tmp_path / "home")}
    return subprocess.run([str(DUNGUARD), "bulk", *args], capture_output=True, text=True, env=env,
                          timeout=600)


def test_bad_records_exit_1_and_are_reported(tmp_path, cluster):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, messages(20))
    with open(src, "a", encoding="utf-8") as f:
        f.write("不是 JSON\n")
    done = _run(tmp_path, "analyze", str(src), "--out", str(tmp_path / "o"), "--scheduler", cluster,
                "--keep-identities")
    assert done.returncode == 1
    assert "第 21 行" in done.stderr
    assert len(pd.read_parquet(tmp_path / "o" / "messages")) == 20


def test_usage_errors_exit_2(tmp_path, cluster):
    src = write_jsonl(tmp_path / "in.jsonl", messages(5))
    assert _run(tmp_path, "analyze", str(tmp_path / "missing.jsonl"), "--out", "x").returncode == 2
    assert _run(tmp_path, "analyze", str(src), "--out", str(tmp_path / "o"), "--columns",
                "text=正文").returncode == 2
    assert _run(tmp_path, "analyze", str(src), "--out", str(tmp_path / "o"), "--keep-identities",
                "--salt-file", str(tmp_path / "s")).returncode == 2
    ok = _run(tmp_path, "analyze", str(src), "--out", str(tmp_path / "o"), "--scheduler", cluster)
    assert ok.returncode == 0, ok.stderr
    again = _run(tmp_path, "analyze", str(src), "--out", str(tmp_path / "o"), "--scheduler", cluster)
    assert again.returncode == 2 and "--overwrite" in again.stderr


def _outbound(tmp_path: Path) -> tuple[Path, Path]:
    rnd = random.Random(4)
    texts = ["【某某贷】您的借款已逾期{d}天，请尽快还款。",
             "你再不还钱就爆你通讯录，通知你的家人和同事，老赖。",
             "最后通知：已安排专员上门，3日内不还后果自负。",
             # only the wording models read a tactic here (threat.wording; the third_party
             # rules read "你爸妈的电话我们这边都有" once a collection message may stand in for
             # their debt word)
             "欠款再拖，你晚上回家路上注意点，别怪我没提醒"]
    rows = []
    for i in range(120):
        rows.append({"debtor_id": f"D{i % 5}", "id": f"s{i}", "sender": "10690001",
                     "recipient": f"1391234{i % 5:04d}", "text": rnd.choice(texts).format(d=i % 60 + 1),
                     "time": f"2026-02-{i % 10 + 1:02d}T{rnd.choice([10, 23]):02d}:15:00+08:00",
                     "agency": ["甲公司", "乙公司"][i % 2], "collector": ["刘洋", "陈静"][i % 2],
                     "direction": "out"})  # the lender's log: sent by the lender
    calls = ["debtor_id,caller,start_time,duration,result,agency,collector"]
    for i in range(80):
        calls.append(f"D{i % 2},13800000001,2026-02-03 {9 + i % 8:02d}:{i % 60:02d}:00,0,未接通,"
                     f"甲公司,刘洋")
    src = write_jsonl(tmp_path / "sms.jsonl", rows)
    cpath = tmp_path / "calls.csv"
    cpath.write_text("\n".join(calls) + "\n", encoding="utf-8")
    return src, cpath


def test_audit_counts_breaches_and_wording_per_agency_and_collector(tmp_path, cluster):
    src, cpath = _outbound(tmp_path)
    out = tmp_path / "audit"
    done = _run(tmp_path, "audit", str(src), "--calls", str(cpath), "--out", str(out),
                "--lender", "某某贷", "--scheduler", cluster, "--format", "json")
    assert done.returncode == 0, done.stderr
    summary = pd.read_parquet(out / "audit" / "summary")
    wording = pq.read_table(out / "audit" / "wording").to_pylist()
    messages_rows = pq.read_table(out / "messages").to_pylist()
    tactic_findings = [f for r in messages_rows for f in r["findings"]
                       if f["label"] in ("third_party", "insult", "threat", "public_exposure")]
    assert len(wording) >= len(tactic_findings) > 0
    # "out" in a lender's outbound log is the lender's side: every row is still analysed
    assert all(r["category"] == "collection" for r in messages_rows)
    assert {"甲公司", "乙公司"} == set(summary["agency"].dropna())
    assert not ({"刘洋", "陈静"} & set(summary["collector"].dropna()))  # collectors hashed
    breaches = summary[summary["kind"] == "breach"]
    assert {"night_contact", "call_attempts"} <= set(breaches["item"])
    attempts = breaches[breaches["item"] == "call_attempts"]
    assert set(attempts["agency"]) == {"甲公司"} and attempts["cases"].sum() == 2
    html = (out / "audit" / "report.html").read_text(encoding="utf-8")
    assert "<svg" in html and "甲公司" in html and "刘洋" not in html
    assert json.loads(done.stdout)["calls"] == 80
    # a wording model's finding is listed, marked, and not counted as prohibited wording
    guesses = [w for w in wording if w["statistical"]]
    assert guesses and all(w["rule"].endswith(".wording") for w in guesses)
    assert all(not w["rule"].endswith(".wording") for w in wording if not w["statistical"])
    counted = summary[summary["kind"] == "wording"]
    assert counted["records"].sum() == len(wording) - len(guesses)
    assert f"另有 {len(guesses)} 处措辞是统计模型判断的疑似违规" in html

    # --rules-only: the rules alone, the same rule findings, no model finding anywhere
    plain = tmp_path / "audit-rules"
    done = _run(tmp_path, "audit", str(src), "--calls", str(cpath), "--out", str(plain),
                "--lender", "某某贷", "--scheduler", cluster, "--rules-only")
    assert done.returncode == 0, done.stderr
    rules_wording = pq.read_table(plain / "audit" / "wording").to_pylist()
    assert not any(w["statistical"] for w in rules_wording)
    key = itemgetter("id", "rule", "quote")
    assert sorted(map(key, rules_wording)) == sorted(key(w) for w in wording if not w["statistical"])
    assert not any(f["rule"].endswith(".wording") for r in pq.read_table(plain / "messages").to_pylist()
                   for f in r["findings"])
    assert "统计模型判断" not in (plain / "audit" / "report.html").read_text(encoding="utf-8")


def test_utf16_input_gives_the_tables_of_its_utf8_twin(tmp_path, cluster):
    import codecs

    from dunguard.bulk.job import Options, run

    recs = messages(60)
    utf8 = write_jsonl(tmp_path / "in.jsonl", recs)
    utf16 = tmp_path / "utf16" / "in.jsonl"
    utf16.parent.mkdir()
    utf16.write_bytes(codecs.BOM_UTF16_LE + utf8.read_text(encoding="utf-8").encode("utf-16-le"))
    for src, out in ((utf8, "a"), (utf16, "b")):
        report = run(Options(inputs=[str(src)], out=str(tmp_path / out), rows=25,
                             salt=b"s" * 20, scheduler=cluster))
        assert report.messages == 60 and report.bad == 0
    for name in ("messages", "findings", "aggregates"):
        a = pq.read_table(tmp_path / "a" / name).to_pylist()
        b = pq.read_table(tmp_path / "b" / name).to_pylist()
        assert a == b, name
    assert not (tmp_path / "b" / "_work").exists()
