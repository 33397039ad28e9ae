"""The whole path on a realistic generated case: SBR exports → import → summary → findings."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from make_case import A1, CALLS, EXPECTED, SMS, write_case
from make_exports import bj_ms

from dunguard.case import create_case, open_case


@pytest.fixture
def case_name(home: Path, tmp_path: Path) -> str:
    files = write_case(tmp_path / "in")
    with create_case("张三") as c:
        c.import_files(files)
    return "张三"


def _ids_by_time(c) -> dict[tuple[str, int], str]:
    """(number, utc ms) → record id, so expectations can name records by what they are."""
    out = {}
    for m in c.messages():
        out[(m.sender, m.time.utc_ms)] = m.id
    for k in c.calls():
        out[(k.counterparty, k.time.utc_ms)] = k.id
    return out


def test_summary_json_has_the_expected_lenders_stages_and_findings(case_name, cli):
    code, out, err = cli("case", "summary", "--case", case_name, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    lenders = {x["lender"]: x for x in data["lenders"]}
    assert set(lenders) == set(EXPECTED)
    found = {(f["lender"], f["kind"]): f for f in data["findings"]}
    want = {(name, k) for name, exp in EXPECTED.items() for k in exp if k != "stage"}
    assert set(found) == want  # nothing more, nothing less

    for name, exp in EXPECTED.items():
        assert lenders[name]["stage"] == exp["stage"]
        for kind, fields in exp.items():
            if kind == "stage":
                continue
            f = found[(name, kind)]
            for key, value in fields.items():
                assert f[key] == value, (name, kind, key)
            assert f["law"] and f["records"] and f["line"] and f["text"]
            assert f["line_basis"] in ("industry_norm", "standard", "regulation")
            assert "违法" not in f["text"]


def test_findings_point_at_the_exact_records(case_name):
    with open_case(case_name) as c:
        ids = _ids_by_time(c)
        s = c.summary()
    by = {(f.lender, f.kind): f for f in s.findings}
    burst = [ids[(A1, bj_ms(*t))] for n, t, _, _ in CALLS if n == A1 and t[:3] == (2026, 2, 3)]
    assert by[("招联消费金融", "call_attempts")].records == tuple(burst)
    night = by[("招联消费金融", "night_contact")]
    want = [
        ids[(A1, bj_ms(2025, 12, 30, 23, 30, 0))],
        ids[(A1, bj_ms(2026, 1, 15, 22, 0, 0))],  # 22:00:00 is night
        ids[(A1, bj_ms(2026, 1, 31, 7, 59, 59))],  # 07:59:59 is night; 08:00:00 is not
    ]
    assert night.records == tuple(want)
    visit_msg = next(ids[(a, bj_ms(*t))] for a, t, _, body in SMS if "上门" in body)
    zl = next(x for x in s.lenders if x.lender == "招联消费金融")
    assert (zl.stage.value, zl.stage_message) == ("visit", visit_msg)
    assert zl.stage_time == "2026-01-15T22:00:00+08:00"
    assert [p.stage.value for p in zl.path] == ["reminder", "warning", "visit"]


def test_the_friend_the_bank_and_the_scam_are_not_lenders(case_name):
    with open_case(case_name) as c:
        s = c.summary()
    assert s.counts["unlinked_calls"] == 8  # the friend's late calls
    assert s.counts["scam_messages"] == 1
    assert all("工商银行" not in x.lender and "京东" not in x.lender for x in s.lenders)


def test_a_reported_contact_with_the_mother_is_logged_and_found(case_name, cli):
    code, out, err = cli(
        "case", "report-contact", "--case", case_name, "--lender", "招联消费金融", "--who", "母亲",
        "--date", "2026-01-16", "--how", "电话", "--note", "说要去家里找我",
    )  # fmt: skip
    assert code == 0, err
    assert "已记录" in out
    with open_case(case_name) as c:
        s = c.summary()
        assert c.verify().ok
    (f,) = [f for f in s.findings if f.kind == "third_party_contact" and f.lender == "招联消费金融"]
    assert f.dates == (date(2026, 1, 16),)
    assert f.records[0].startswith("report:")
    assert f.law[0] == "消费金融公司管理办法:催收"


def test_tagging_a_number_makes_its_calls_count(case_name, cli):
    code, _, err = cli("case", "tag", "139-0000-1111", "--lender", "招联消费金融", "--case", case_name)
    assert code == 0, err
    with open_case(case_name) as c:
        s = c.summary()
    assert s.counts["unlinked_calls"] == 0
    attempts = [f for f in s.findings if f.kind == "call_attempts"]
    assert {f.numbers for f in attempts} == {(A1,)}  # the 8 calls on 2026-01-19 predate the line
    night = next(f for f in s.findings if f.kind == "night_contact" and f.lender == "招联消费金融")
    assert date(2026, 1, 19) in night.dates


def test_summary_table_speaks_plain_chinese(case_name, cli):
    code, out, err = cli("case", "summary", "--case", case_name)
    assert code == 0, err
    for words in ("已经到了：上门", "夜间催收", "违反行业规范", "换多个号码联系", "疑似诈骗", "不是法律意见"):
        assert words in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-13-01"], "不是日期"),
        (["--date", "2999-01-01"], "还没到"),
    ],
)
def test_report_contact_rejects_bad_dates(case_name, cli, args, message):
    code, _, err = cli("case", "report-contact", "--case", case_name, "--lender", "x", "--who", "母亲", *args)
    assert code == 2 and message in err


def test_summary_of_a_missing_case_is_a_plain_error(home, cli):
    code, _, err = cli("case", "summary", "--case", "没有这个案件")
    assert code == 2 and "找不到案件" in err and "Traceback" not in err
