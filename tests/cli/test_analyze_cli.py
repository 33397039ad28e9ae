"""``dunguard analyze`` / ``explain`` / ``rules`` / ``eval`` from the outside, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dunguard.text.rules import default_pack

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from dunguard.cli import main; main()", *args],
        input=stdin, capture_output=True, cwd=ROOT, timeout=120,
    )


def test_jsonl_output_is_the_contract_in_input_order(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        {"id": "m1", "text": "您的借款已逾期45天，我司将安排专员上门拜访，并通知你的家人。",
         "time": "2026-01-08T14:47:13+08:00"},
        {"text": "【京东快递】您的包裹今天下午由快递员上门取件。"},
        {"id": "m3", "text": "我已经逾期了，求你们别上门，别打我家人电话，下周一定还。",
         "direction": "out"},
    ]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    r = run("analyze", str(src), "--format", "jsonl")
    assert r.returncode == 0, r.stderr.decode()
    out = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["m1", "2", "m3"]
    assert (out[2]["category"], out[2]["stage"], out[2]["findings"]) == ("other", None, [])  # sent by the borrower
    first = out[0]
    assert (first["category"], first["stage"]) == ("collection", "visit")
    assert first["tactics"] == ["third_party"]
    text = lines[0]["text"]
    for f in first["findings"]:
        assert set(f) >= {"rule", "label", "span", "quote", "severity", "law"}
        assert text[f["span"][0]:f["span"][1]] == f["quote"]
    assert first["entities"]["overdue_days"] == [45]
    assert (out[1]["category"], out[1]["stage"], out[1]["tactics"]) == ("other", None, [])


def test_stdin_plain_text() -> None:
    r = run("analyze", "-", "--format", "jsonl", stdin="再不还钱就爆你通讯录\n".encode())
    assert r.returncode == 0
    assert json.loads(r.stdout)["tactics"] == ["third_party"]


def test_bad_records_are_skipped_with_line_numbers_and_exit_1(tmp_path: Path) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_bytes(b'{"text": "\xe6\x82\xa8\xe5\xb7\xb2\xe9\x80\xbe\xe6\x9c\x9f"}\n\xff\xfe\x00junk\n{"no_text": 1}\n')
    r = run("analyze", str(src), "--format", "jsonl")
    assert r.returncode == 1
    assert len(r.stdout.decode().splitlines()) == 1
    err = r.stderr.decode()
    assert "第 2 行" in err and "第 3 行" in err


def test_a_bad_record_is_named_on_one_line_however_long_the_path(tmp_path: Path) -> None:
    # stderr is a pipe here: rich would wrap at 80 columns and split "第 2 行" from its file
    deep = tmp_path / ("一个很长的目录名" * 8) / "导出的短信"
    deep.mkdir(parents=True)
    src = deep / "mixed.jsonl"
    src.write_bytes(b'{"text": "ok"}\n\xff\xfe junk\n')
    r = run("analyze", str(src), "--format", "jsonl")
    assert r.returncode == 1
    line = next(x for x in r.stderr.decode().splitlines() if "无效" in x or "utf-8" in x)
    assert str(src) in line and "第 2 行" in line


def test_nothing_usable_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "x.csv"
    src.write_text("id,sender\n1,1069\n", "utf-8")
    r = run("analyze", str(src))
    assert r.returncode == 2
    assert "x.csv" in r.stderr.decode() and "Traceback" not in r.stderr.decode()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert run("analyze", str(empty)).returncode == 2
    assert run("analyze", str(tmp_path / "missing.jsonl")).returncode == 2


def test_table_output_is_chinese_with_a_summary() -> None:
    r = run("analyze", str(ROOT / "demo" / "messages.jsonl"))
    assert r.returncode == 0, r.stderr.decode()
    out = r.stdout.decode()
    assert "阶段：上门" in out and "手段：" in out and "共 14 条短信" in out


def test_explain_prints_rule_and_full_provision_text() -> None:
    r = run("explain", "你的欠款再不还，我们就安排人上门，到你家找你。", "--format", "json")
    assert r.returncode == 0, r.stderr.decode()
    obj = json.loads(r.stdout)
    visit = next(f for f in obj["findings"] if f["label"] == "visit")
    texts = {p["id"]: p["text"] for p in visit["provisions"]}
    assert "公民的住宅不受侵犯" in texts["宪法:39"]


def test_explain_says_industry_norm_when_no_law_backs_it() -> None:
    r = run("explain", "你的欠款已逾期，这是最后通知，后果自负。", "--format", "json")
    obj = json.loads(r.stdout)
    final = next(f for f in obj["findings"] if f["rule"] == "warning.final_notice")
    assert "违反行业规范" in final["explanation"]


def test_rules_catalogue_lists_every_rule() -> None:
    from dunguard.text.rules import default_pack

    r = run("rules", "--format", "json")
    data = json.loads(r.stdout)
    ids = {x["id"] for g in data["labels"] for x in g["rules"]}
    assert ids == {x.id for x in default_pack().rules}


def test_eval_reports_metrics(tmp_path: Path) -> None:
    src = tmp_path / "gold.jsonl"
    rows = [
        {"text": "您的借款已逾期3天，请尽快还款。", "category": "collection", "stage": "reminder", "tactics": []},
        {"text": "您的借款明天到期，请按时还款。", "category": "other", "stage": None, "tactics": []},
    ]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in rows), "utf-8")
    r = run("eval", str(src), "--format", "json")
    obj = json.loads(r.stdout)
    assert obj["messages"] == 2 and obj["category_accuracy"] == 1.0
    assert obj["confusion"]["collection"]["collection"] == 1


def test_eval_stage_confusion_shows_where_a_stage_went(tmp_path: Path) -> None:
    src = tmp_path / "gold.jsonl"
    rows = [
        # labelled warning, but the engine sees only an overdue notice: counted as warning -> reminder
        {"text": "您的借款已逾期3天，请尽快还款。", "category": "collection", "stage": "warning", "tactics": []},
        {"text": "您的借款已逾期12天，再不处理将安排工作人员上门拜访。", "category": "collection",
         "stage": "visit", "tactics": []},
        {"text": "您的借款明天到期，请按时还款。", "category": "other", "stage": None, "tactics": []},
    ]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in rows), "utf-8")
    obj = json.loads(run("eval", str(src), "--format", "json").stdout)
    sc = obj["stage_confusion"]
    assert sc["warning"]["reminder"] == 1 and sc["warning"]["warning"] == 0
    assert sc["visit"]["visit"] == 1 and sc["none"]["none"] == 1
    assert sum(sum(row.values()) for row in sc.values()) == 3
    table = run("eval", str(src)).stdout.decode("utf-8")
    assert "阶段混淆矩阵" in table


def test_analyze_case_stores_results_as_a_logged_event(tmp_path: Path, monkeypatch) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    import make_exports

    exports = tmp_path / "exports"
    exports.mkdir()
    sms = make_exports.write_sbr(exports)
    env_home = tmp_path / "home"
    monkeypatch.setenv("DUNGUARD_HOME", str(env_home))
    assert run("case", "new", "demo").returncode == 0
    assert run("import", str(sms), "--case", "demo").returncode == 0
    r = run("analyze", "--case", "demo", "--format", "jsonl")
    assert r.returncode == 0, r.stderr.decode()
    out = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert len(out) == 8 and any(o["category"] == "collection" for o in out)
    v = run("verify", "--case", "demo", "--format", "json")
    assert v.returncode == 0
    report = json.loads(v.stdout)
    assert report["ok"] and report["checked"]["analyses"] == 8
    assert report["tree_size"] >= 3  # at least: file added, records imported, analysis run


def test_rules_only_leaves_out_the_wording_models(tmp_path: Path) -> None:
    # no rule reads this demand; the wording model does, and says it is a statistical guess
    text = "你那个账拖到现在还没动静，今天下午五点前我要看到钱"
    out = {}
    for flag in ((), ("--rules-only",)):
        r = run("analyze", "-", "--format", "jsonl", *flag, stdin=text.encode())
        assert r.returncode == 0, r.stderr.decode()
        out[flag] = json.loads(r.stdout.decode())
    full = out[()]
    assert full["category"] == "collection"
    (f,) = full["findings"]
    assert f["rule"] == "collection.wording" and f["quote"] == "你那个账拖到现在还没动静"
    assert f["statistical"] is True
    bare = out[("--rules-only",)]
    assert (bare["category"], bare["findings"]) == ("other", [])


def test_explain_shows_a_wording_model_finding() -> None:
    r = run("explain", "欠款再拖，你晚上回家路上注意点，别怪我没提醒")
    assert r.returncode == 0, r.stderr.decode()
    out = "".join(r.stdout.decode().split())  # the table wraps long lines
    assert "threat.wording" in out and "统计模型的判断" in out


def test_rules_catalogue_says_which_rules_are_wording_models() -> None:
    r = run("rules", "--format", "json")
    rules = {x["id"]: x for g in json.loads(r.stdout)["labels"] for x in g["rules"]}
    assert rules["collection.wording"]["model"] == "collection"
    assert rules["collection.wording"]["threshold"] == default_pack().by_id("collection.wording").threshold
    assert rules["scam.wording"]["model"] == "scam"
    assert "model" not in rules["collection.debt_talk"]
    md = run("rules", "--format", "markdown").stdout.decode()
    assert "统计用词模型 `collection`" in md
