"""Bulk results equal the single-case tool on the same messages, computed at test time:
``dunguard analyze`` for every message, ``dunguard case summary``'s findings per case."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
from bulk_helpers import calls, messages, write_jsonl

from dunguard.bulk.job import Options, run
from dunguard.bulk.rows import contract_of
from dunguard.model import Call, Direction, Message, Timestamp
from dunguard.text.engine import Engine
from dunguard.text.inputs import parse_time
from dunguard.timeline import summarize

CORPUS = Path(__file__).parents[1] / "corpus" / "dev.jsonl"
DUNGUARD = Path(sys.executable).with_name("dunguard")


def _rows(folder: Path) -> list[dict]:
    return pq.read_table(folder).to_pylist()


def _sample(tmp_path: Path) -> tuple[Path, Path, list[dict], list[dict]]:
    msgs = messages(240)
    corpus = [json.loads(x) for x in CORPUS.read_text(encoding="utf-8").splitlines()[:120]]
    for i, c in enumerate(corpus):  # real wording, spread over the cases
        msgs.append({"case": f"D{i % 6:03d}", "id": f"c{i}", "text": c["text"],
                     "sender": "13900007777", "time": f"2026-02-{i % 27 + 1:02d}T22:30:00+08:00"})
    # collection agencies named in the text, no lender: the timeline attributes by the text
    agency_texts = ["湖南衡信资产管理有限公司提醒您：您的欠款已逾期45天，请立即还款，否则将联系你的家人和同事。",
                    "【衡信调解中心】您的逾期欠款已进入调解程序，请于3日内还款，否则我们将通知您的紧急联系人。",
                    "我是北京正义律师事务所的律师，您的欠款已逾期90天，今晚再不还款明天起诉。"]
    for i in range(18):
        msgs.append({"case": f"D{i % 6:03d}", "id": f"a{i}", "text": agency_texts[i % 3],
                     "sender": f"1390000{8800 + i % 4}", "time": f"2026-02-{i % 9 + 1:02d}T23:{i:02d}:00+08:00"})
    # wording no rule has: only the wording models read it (findings with "statistical":
    # true, among them third_party, which no case finding may cite)
    model_texts = ["你家里人的电话我们都存着呢，你自己掂量，是你处理还是他们替你操心。",
                   "我们的人已经在你老家镇上了，你爸妈开的那个小卖部挺好找的。你说，是你自己打电话回来，"
                   "还是我们进去问？"]
    for i in range(4):
        msgs.append({"case": "D005", "id": f"w{i}", "text": model_texts[i % 2],
                     "sender": "13900006666", "time": f"2026-02-{i + 10:02d}T15:00:00+08:00"})
    replies = ["我已经逾期了，求你们别上门，别打我家人电话，下周一定还。", "好的，我月底前还3000元。"]
    for i in range(6):  # the borrower's own replies: other, as dunguard analyze reads them
        msgs.append({"case": f"D{i % 6:03d}", "id": f"r{i}", "text": replies[i % 2],
                     "sender": "13900007777", "direction": "out",
                     "time": f"2026-02-{i + 1:02d}T12:00:00+08:00"})
    cl = calls(90)
    src = write_jsonl(tmp_path / "in.jsonl", msgs)
    cpath = write_jsonl(tmp_path / "calls.jsonl", cl)
    return src, cpath, msgs, cl


def test_messages_and_findings_equal_the_single_case_tool(tmp_path, cluster):
    src, cpath, msgs, cl = _sample(tmp_path)
    out = tmp_path / "out"
    report = run(Options(inputs=[str(src)], calls=[str(cpath)], out=str(out), rows=37,
                         scheduler=cluster))
    assert report.messages == len(msgs) and report.bad == 0
    replies = [r for r in _rows(out / "messages") if r["id"].startswith("r")]
    assert len(replies) == 6 and {r["category"] for r in replies} == {"other"}
    worded = [r for r in _rows(out / "messages") if r["id"].startswith("w")]
    assert all(f["statistical"] == f["rule"].endswith(".wording") for r in worded
               for f in r["findings"])
    assert {"third_party.wording", "collection.wording"} <= {f["rule"] for r in worded
                                                             for f in r["findings"]}

    engine = Engine.default()
    rows = _rows(out / "messages")
    assert [r["row"] for r in rows] == list(range(1, len(msgs) + 1))  # input order
    by_case: dict[str, list[tuple[Message, object]]] = {}
    for i, (r, m) in enumerate(zip(rows, msgs, strict=True), 1):
        mid = m.get("id", str(i))
        when = parse_time(m["time"])
        want = engine.analyze(m["text"], id=mid, sent_at=when, direction=m.get("direction"))
        assert contract_of(r) == want.to_json()
        message = Message(id=mid, text=m["text"], sender=m["sender"],
                          time=Timestamp.from_datetime(when),
                          direction=Direction(m["direction"]) if m.get("direction") else None)
        by_case.setdefault(m["case"], []).append((message, want))

    got: dict[str, list[dict]] = {}
    for f in _rows(out / "findings"):
        got.setdefault(f["case"], []).append(f)
    for case, items in by_case.items():
        case_calls = [Call(id=f"calls.jsonl:{i}", counterparty=c["number"],
                           time=Timestamp.from_datetime(parse_time(c["time"])),
                           duration_s=c["duration"], kind=c["kind"])
                      for i, c in enumerate(cl, 1) if c["case"] == case]
        items.sort(key=lambda x: x[0].time.utc_ms)
        summary = summarize([m for m, _ in items], sorted(case_calls, key=lambda c: c.time.utc_ms),
                            {m.id: a for m, a in items})
        want = sorted((f.kind, f.lender, list(f.numbers), list(f.dates), sorted(f.records), f.count,
                       list(f.law), f.text) for f in summary.findings)
        have = sorted((f["kind"], f["lender"], f["numbers"], f["dates"], sorted(f["records"]),
                       f["count"], f["law"], f["text"]) for f in got.get(case, []))
        assert have == want, case
    assert sum(len(v) for v in got.values()) == report.findings > 0


def test_outside_check_bulk_analyze_jsonl_matches_analyze_jsonl(tmp_path, cluster):
    src, _, msgs, _ = _sample(tmp_path)
    env = {**os.environ, "DUNGUARD_HOME": str(tmp_path / "home")}
    out = tmp_path / "DIR"
    done = subprocess.run([str(DUNGUARD), "bulk", "analyze", str(src), "--out", str(out),
                           "--scheduler", cluster, "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["messages"] == len(msgs)
    single = subprocess.run([str(DUNGUARD), "analyze", "--format", "jsonl", str(src)],
                            capture_output=True, text=True, env=env, timeout=600)
    want = [json.loads(x) for x in single.stdout.splitlines()]
    import pandas as pd

    df = pd.read_parquet(out / "messages")
    assert len(df) == len(want)
    for (_, r), w in zip(df.iterrows(), want, strict=True):
        stage = r["stage"] if isinstance(r["stage"], str) else None
        assert (r["id"], r["category"], stage, list(r["tactics"])) == \
            (w["id"], w["category"], w["stage"], w["tactics"])
    # de-identified by default, in every output: no raw mobile number anywhere
    dumped = "".join(json.dumps(pq.read_table(p).to_pylist(), default=str, ensure_ascii=False)
                     for p in out.rglob("*.parquet"))
    for raw in ("13927405518", "13811112222", "13900001111", "13900007777", "王芳", "张伟"):
        assert raw not in dumped
    assert (tmp_path / "home" / "bulk-salt").exists()
    assert not (out / "_work").exists()
