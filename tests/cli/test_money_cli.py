"""``dunguard apr``, ``plan``, ``negotiate`` and ``debt`` from outside: real processes, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

_BIN = Path(sys.executable).parent / "dunguard"
CMD = [str(_BIN)] if _BIN.exists() else [sys.executable, "-c", "from dunguard.cli import main; main()"]
DEMO = Path(__file__).resolve().parents[2] / "demo" / "plan.yaml"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return os.environ | {"DUNGUARD_HOME": str(tmp_path / "home"), "COLUMNS": "200"}


def run(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CMD, *map(str, args)], env=env, capture_output=True, text=True,
                          timeout=120)  # fmt: skip


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


PBOC = "date,amount\n2021-01-01,99000\n" + "".join(
    f"2021-{m:02d}-01,-8833.3\n" for m in range(2, 13)
) + "2022-01-01,-8833.3\n"


def test_apr_json_gives_nominal_and_effective(env: dict[str, str], tmp_path: Path) -> None:
    p = run(env, "apr", write(tmp_path, "flows.csv", PBOC), "--format", "json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert abs(out["nominal_apr"] - 0.1280) < 0.00125
    assert abs(out["effective_apr"] - 0.1358) < 0.00125
    assert out["method"] == "monthly_irr" and out["flows"] == 13


def test_apr_table(env: dict[str, str], tmp_path: Path) -> None:
    p = run(env, "apr", write(tmp_path, "flows.csv", PBOC))
    assert p.returncode == 0 and "12.80%" in p.stdout and "13.58%" in p.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,amount\n2024-01-01,100\n2024-02-01,50\n", "没有正负变化"),
        ("date,amount\n2024-02-01,100\n2024-01-01,-150\n", "日期顺序不对"),
        ("date,amount\n2024-01-01,100\n2024-02-01,abc\n", "第3行"),
        ("date,amount\n2024-01-01,100\n", "至少要有两笔"),
        ("", "没有现金流"),
    ],
)
def test_apr_bad_input_exits_2_with_a_message(env: dict[str, str], tmp_path: Path, text: str,
                                              message: str) -> None:  # fmt: skip
    p = run(env, "apr", write(tmp_path, "bad.csv", text))
    assert p.returncode == 2, p.stdout
    assert message in p.stderr and "Traceback" not in p.stderr
    assert "nan" not in p.stdout.lower()


def test_apr_missing_file(env: dict[str, str], tmp_path: Path) -> None:
    p = run(env, "apr", tmp_path / "none.csv")
    assert p.returncode == 2 and "找不到" in p.stderr


def test_plan_json(env: dict[str, str]) -> None:
    p = run(env, "plan", DEMO, "--format", "json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["budget"]["available"] == "2400"
    assert [s["strategy"] for s in out["strategies"]] == ["avalanche", "snowball", "dispute_first", "custom"]
    debts = {d["id"]: d for d in out["debts"]}
    assert float(debts["app"]["legality"]["disputable"]) > 0
    ids = {p["id"] for d in out["debts"] for c in d["legality"]["conclusions"] for p in c["provisions"]}
    assert {"民法典:670", "民间借贷规定:25", "金融审判意见:利率费用", "信用卡通知2016:滞纳金"} <= ids
    neg = out["negotiation"]
    assert len(neg["card_instalments"][0]["terms"]) == 5 and neg["counter_offers"][0]["fits"] is False


def test_plan_table_and_strategy_filter(env: dict[str, str]) -> None:
    p = run(env, "plan", DEMO, "--strategy", "avalanche", "--strategy", "dispute_first")
    assert p.returncode == 0, p.stderr
    for text in ("每月可用于还债 2,400.00 元", "雪崩法", "先争议", "协商方案", "个性化分期", "可能不受法律保护"):
        assert text in p.stdout
    assert "雪球法" not in p.stdout


def test_plan_csv(env: dict[str, str]) -> None:
    p = run(env, "plan", DEMO, "--format", "csv", "--strategy", "snowball")
    assert p.returncode == 0, p.stderr
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    assert rows and {r["strategy"] for r in rows} == {"snowball"}
    assert set(rows[0]) >= {"month", "date", "debt", "opening", "interest", "payment", "closing"}
    assert all("." in r["payment"] or r["payment"] == "0" for r in rows)


def test_plan_custom_order_option(env: dict[str, str]) -> None:
    p = run(env, "plan", DEMO, "--strategy", "custom", "--order", "app,cfc", "--format", "json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["strategies"][0]["order"][:2] == ["app", "cfc"]
    p = run(env, "plan", DEMO, "--strategy", "custom", "--order", "nope")
    assert p.returncode == 2 and "不存在的债务" in p.stderr


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        (("amount: 10000\n    received: 8500", "amount: 10000\n    received: 18500"), "大于合同金额"),
        (("rate: 24%", "rate: 24"), "1000%"),
        (("income: 7800", "income: -7800"), "负数"),
        (("maturity: 2023-05-01", "maturity: 2021-05-01"), "日期顺序不对"),
        (("essentials: 3600", "essentials: 9600"), "没有余钱"),
    ],
)
def test_plan_bad_input_exits_2(env: dict[str, str], tmp_path: Path, replace: tuple[str, str],
                                message: str) -> None:  # fmt: skip
    text = DEMO.read_text(encoding="utf-8")
    assert replace[0] in text
    p = run(env, "plan", write(tmp_path, "plan.yaml", text.replace(replace[0], replace[1], 1)))
    assert p.returncode == 2, p.stdout
    assert message in p.stderr and "Traceback" not in p.stderr


def test_negotiate_exit_codes(env: dict[str, str]) -> None:
    p = run(env, "negotiate", DEMO, "--debt", "app", "--monthly", "100", "--months", "40", "--format", "json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["fits"] is True
    p = run(env, "negotiate", DEMO, "--debt", "cfc", "--monthly", "1500", "--months", "12")
    assert p.returncode == 1 and "超出" in p.stdout
    p = run(env, "negotiate", DEMO, "--debt", "cfc", "--monthly", "-5", "--months", "12")
    assert p.returncode == 2 and "负数" in p.stderr


def test_debt_commands_with_a_case(env: dict[str, str], tmp_path: Path) -> None:
    assert run(env, "case", "new", "李四").returncode == 0
    p = run(env, "debt", "add", "--case", "李四", "--lender", "某某借款App", "--kind", "online_lender",
            "--method", "flat", "--date", "2024-02-01", "--amount", "10000", "--received", "8500",
            "--periods", "12", "--fee-rate", "1.5%", "--payment", "2024-07-01:5899.98",
            "--balance", "6800", "--overdue-days", "304", "--overdue-fees", "500", "--format", "json")  # fmt: skip
    assert p.returncode == 0, p.stderr
    [saved] = json.loads(p.stdout)
    assert saved["id"] == "d1"
    p = run(env, "debt", "add", "--case", "李四", "--from-file", DEMO)
    assert p.returncode == 0, p.stderr
    p = run(env, "debt", "list", "--case", "李四", "--format", "json", "--as-of", "2025-06-01")
    debts = json.loads(p.stdout)
    assert [d["id"] for d in debts] == ["d1", "card", "cfc", "app", "friend"]
    assert float(debts[0]["legality"]["disputable"]) > 1500
    p = run(env, "debt", "show", "d1", "--case", "李四", "--as-of", "2025-06-01")
    assert p.returncode == 0 and "《民法典》第670条" in p.stdout and "预先扣除" in p.stdout
    p = run(env, "debt", "remove", "card", "--case", "李四")
    assert p.returncode == 0
    p = run(env, "debt", "show", "card", "--case", "李四")
    assert p.returncode == 2 and "没有编号" in p.stderr
    p = run(env, "debt", "add", "--case", "李四", "--lender", "x", "--date", "2024-01-01", "--amount", "100",
            "--received", "200", "--rate", "10%")  # fmt: skip
    assert p.returncode == 2 and "大于合同金额" in p.stderr
    # plan with the case's debts only (an empty debts list in the file)
    plan = write(tmp_path, "budget.yaml", "as_of: 2025-06-01\nbudget: {income: 9000, essentials: 3000}\n")
    p = run(env, "plan", plan, "--case", "李四", "--format", "json", "--strategy", "avalanche")
    assert p.returncode == 0, p.stderr
    assert [d["id"] for d in json.loads(p.stdout)["debts"]] == ["d1", "cfc", "app", "friend"]
    p = run(env, "verify", "--case", "李四")
    assert p.returncode == 0, p.stdout


def test_debt_suggest_on_an_analysed_case(env: dict[str, str], tmp_path: Path) -> None:
    assert run(env, "case", "new", "王五").returncode == 0
    msgs = tmp_path / "msgs.csv"
    msgs.write_text(
        "time,sender,text\n"
        "2025-05-01 10:00,95555,【招商银行】您的信用卡已逾期35天，欠款3200.50元，请尽快还款。\n"
        "2025-05-08 10:00,95555,【招商银行】您的信用卡已逾期42天，欠款3200.50元，请今日内处理。\n",
        encoding="utf-8",
    )
    p = run(env, "import", msgs, "--case", "王五")
    assert p.returncode == 0, p.stderr
    assert run(env, "analyze", "--case", "王五", "--format", "json").returncode in (0, 1)
    p = run(env, "debt", "suggest", "--case", "王五", "--format", "json")
    assert p.returncode == 0, p.stderr
    cands = json.loads(p.stdout)
    assert cands and cands[0]["lender"] == "招商银行"
    assert cands[0]["balance_guess"] == "3200.50" and cands[0]["overdue_days"] == 42
    assert "dunguard debt add" in run(env, "debt", "suggest", "--case", "王五").stdout


def test_budget_kept_in_the_case_feeds_plan_without_a_file(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(env, "case", "new", "预算").returncode == 0
    p = run(env, "plan", "--case", "预算")
    assert p.returncode == 2 and "budget set" in p.stderr  # no budget yet: says what to do
    p = run(env, "budget", "set", "--case", "预算", "--income", "7800", "--essentials", "3600",
            "--other", "房租:1500", "--other", "孩子学费=300", "--savings", "3000")  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "2,400.00" in p.stdout  # 7800 − 3600 − 1500 − 300
    shown = json.loads(run(env, "budget", "show", "--case", "预算", "--format", "json").stdout)
    assert shown["available"] == "2400" and shown["obligations"][1] == {"name": "孩子学费", "amount": "300"}
    p = run(env, "plan", "--case", "预算")
    assert p.returncode == 2 and "debt add" in p.stderr  # a budget but no debts yet
    from dunguard.case import open_case
    from dunguard.money.planfile import load_plan_file

    monkeypatch.setenv("DUNGUARD_HOME", env["DUNGUARD_HOME"])
    with open_case("预算") as c:
        for d in load_plan_file(DEMO).debts:
            c.save_debt(d)
    p = run(env, "plan", "--case", "预算", "--as-of", "2025-06-01", "--format", "json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["budget"]["available"] == "2400"
    assert {d["id"] for d in out["debts"]} == {"card", "cfc", "app", "friend"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--income", "-1", "--essentials", "3000"], "不能是负数"),
        (["--income", "8000", "--essentials", "3000", "--other", "房租"], "名称:金额"),
    ],
)
def test_budget_set_rejects_bad_input(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    from dunguard.case import open_case

    assert run(env, "case", "new", "预算").returncode == 0
    p = run(env, "budget", "set", "--case", "预算", *args)
    assert p.returncode == 2 and message in p.stderr
    monkeypatch.setenv("DUNGUARD_HOME", env["DUNGUARD_HOME"])
    with open_case("预算") as c:
        assert c.budget() is None and [e["type"] for e in c.events()] == ["case_created"]
