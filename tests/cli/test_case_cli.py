"""The case commands from outside, as a user (or a checker) runs them: real processes,
real generated SBR backups, exit codes per taxonomy.md §6."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/fixtures
from fixtures import make_exports  # noqa: E402

_BIN = Path(sys.executable).parent / "dunguard"
CMD = (
    [str(_BIN)]
    if _BIN.exists()
    else [sys.executable, "-c", "from dunguard.cli import main; main()"]
)
CASE = "张三-招联"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return os.environ | {"DUNGUARD_HOME": str(tmp_path / "home"), "COLUMNS": "200"}


def run(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CMD, *map(str, args)], env=env, capture_output=True, text=True, timeout=300
    )


def jrun(env: dict[str, str], *args: str | Path) -> tuple[int, object]:
    p = run(env, *args, "--format", "json")
    assert p.stdout, p.stderr
    return p.returncode, json.loads(p.stdout)


@pytest.fixture
def imported(env: dict[str, str], tmp_path: Path) -> Path:
    """A case holding a generated SBR messages backup and calls backup; returns its folder."""
    assert run(env, "case", "new", CASE).returncode == 0
    src = tmp_path / "phone"
    src.mkdir()
    files = [make_exports.write_sbr(src), make_exports.write_sbr_calls(src)]
    rc, out = jrun(env, "import", *files, "--case", CASE)
    assert rc == 0
    t = out["totals"]
    assert (t["messages"], t["calls"], t["attachments"], t["duplicates"]) == (8, 8, 1, 0)
    return tmp_path / "home" / "cases" / CASE


def _flip(path: Path, old: str | bytes, new: str | bytes) -> None:
    old_b = old.encode() if isinstance(old, str) else old
    new_b = new.encode() if isinstance(new, str) else new
    assert len(old_b) == len(new_b)
    os.chmod(path, 0o600)
    data = path.read_bytes()
    assert old_b in data
    path.write_bytes(data.replace(old_b, new_b, 1))


# ---------------------------------------------------------------------- case new / list


def test_case_new_and_list(env: dict[str, str]) -> None:
    p = run(env, "case", "new", CASE)
    assert p.returncode == 0 and "已新建案件「张三-招联」" in p.stdout
    rc, cases = jrun(env, "case", "list")
    assert rc == 0 and [c["name"] for c in cases] == [CASE] and cases[0]["messages"] == 0
    assert CASE in run(env, "case", "list").stdout


@pytest.mark.parametrize(
    "args",
    [
        ["case", "new", "../逃出去"],
        ["case", "new", CASE, "--oops"],
    ],
)
def test_bad_names_and_usage_exit_2(env: dict[str, str], args: list[str]) -> None:
    p = run(env, *args)
    assert p.returncode == 2


def test_existing_and_missing_cases_exit_2_with_one_sentence(
    env: dict[str, str], tmp_path: Path
) -> None:
    run(env, "case", "new", CASE)
    again = run(env, "case", "new", CASE)
    assert again.returncode == 2 and "已经存在" in again.stderr and "Traceback" not in again.stderr
    f = make_exports.write_sbr(tmp_path)
    missing = run(env, "import", f, "--case", "没有这个案件")
    assert missing.returncode == 2 and "找不到案件" in missing.stderr


# ---------------------------------------------------------------------- import


def test_import_reports_counts_and_the_same_file_again_adds_nothing(
    env, imported, tmp_path
) -> None:
    p = run(env, "import", *sorted((tmp_path / "phone").iterdir()), "--case", CASE)
    assert p.returncode == 0
    assert "早已导入" in p.stdout and "新增消息 0 条" in p.stdout
    rc, cases = jrun(env, "case", "list")
    assert (cases[0]["messages"], cases[0]["calls"]) == (8, 8)


def test_overlapping_sbr_backup_adds_only_new_messages(env, imported, tmp_path) -> None:
    first = (tmp_path / "phone" / "sms-20240310120000.xml").read_text("utf-8").splitlines()
    sms = [i for i, line in enumerate(first) if line.lstrip().startswith("<sms ")]
    later = first[: sms[0]] + first[sms[0] + 1 :]  # the oldest message rotated out ...
    new = first[sms[-1]].replace('date="', 'date="1').replace("请把你们的工号", "再问一次工号")
    later.insert(later.index("</smses>"), new)  # ... and a new one arrived
    path = tmp_path / "sms-20240320120000.xml"
    path.write_text("\n".join(later) + "\n", "utf-8")
    rc, out = jrun(env, "import", path, "--case", CASE)
    assert rc == 0
    f = out["files"][0]
    assert (f["status"], f["messages"], f["duplicates"]) == ("imported", 1, 7)
    assert out["case_counts"]["messages"] == 9


def test_bad_input_exits_2_and_salvage_imports_what_it_can(env, imported, tmp_path) -> None:
    whole = (tmp_path / "phone" / "sms-20240310120000.xml").read_bytes()
    cut = tmp_path / "truncated.xml"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    p = run(env, "import", cut, "--case", CASE)
    assert p.returncode == 2 and "truncated.xml" in p.stderr
    rc, cases = jrun(env, "case", "list")
    assert cases[0]["sources"] == 2  # nothing half-written
    rc, out = jrun(env, "import", cut, "--case", CASE, "--salvage")
    assert rc == 0 and out["totals"]["problems"] >= 1
    assert run(env, "verify", "--case", CASE).returncode == 0


def test_map_option_is_validated(env, imported, tmp_path) -> None:
    p = run(
        env,
        "import",
        tmp_path / "phone" / "sms-20240310120000.xml",
        "--case",
        CASE,
        "--map",
        "txt=内容",
    )
    assert p.returncode == 2 and "txt" in p.stderr
    rc, out = jrun(
        env,
        "import",
        make_exports.write_generic_csv(tmp_path),
        "--case",
        CASE,
        "--map",
        "text=内容,time=时间,sender=号码",
    )
    assert rc == 0


# ---------------------------------------------------------------------- verify a case


def test_verify_intact_case_exits_0(env, imported) -> None:
    p = run(env, "verify", "--case", CASE)
    assert p.returncode == 0 and "完好" in p.stdout
    rc, out = jrun(env, "verify", "--case", CASE)
    assert rc == 0 and out["ok"] and out["checked"]["records"] == 16


def test_one_byte_in_a_blob_exits_1_naming_it(env, imported) -> None:
    rc, cases = jrun(env, "case", "list")
    db = sqlite3.connect(imported / "case.db")
    sha = db.execute("SELECT sha256 FROM sources WHERE name LIKE 'sms-%'").fetchone()[0]
    db.close()
    _flip(imported / "blobs" / sha[:2] / sha[2:], "逾期3天", "逾期4天")
    rc, out = jrun(env, "verify", "--case", CASE)
    assert rc == 1 and not out["ok"]
    assert [i["kind"] for i in out["issues"]] == ["blob"] and sha[2:] in out["issues"][0]["item"]
    p = run(env, "verify", "--case", CASE)
    assert p.returncode == 1 and "sms-20240310120000.xml" in p.stdout


def test_one_byte_of_a_message_in_the_database_exits_1_naming_it(env, imported) -> None:
    _flip(imported / "case.db", "家人和同事", "家人和同学")
    rc, out = jrun(env, "verify", "--case", CASE)
    assert rc == 1
    assert [i["kind"] for i in out["issues"]] == ["record"]
    assert out["issues"][0]["item"].startswith("记录 ")


def test_one_byte_of_a_log_event_exits_1_naming_it(env, imported) -> None:
    _flip(imported / "case.db", '"name":"calls-2024', '"name":"calls-2025')
    rc, out = jrun(env, "verify", "--case", CASE)
    assert rc == 1
    assert any(
        i["kind"] == "event" and i["item"].startswith(("日志第 3 条", "日志第 4 条"))
        for i in out["issues"]
    )


# ---------------------------------------------------------------------- export and bundles


def test_export_then_sha256sum_then_verify_then_tamper(env, imported, tmp_path) -> None:
    out = tmp_path / "证据包.zip"
    p = run(env, "export", "--case", CASE, "--bundle", out)
    assert p.returncode == 0 and out.exists() and "sha256sum -c SHA256SUMS" in p.stdout

    if shutil.which("sha256sum"):
        unz = tmp_path / "unzipped"
        with zipfile.ZipFile(out) as z:
            z.extractall(unz)
        check = subprocess.run(
            ["sha256sum", "-c", "SHA256SUMS"], cwd=unz, capture_output=True, text=True
        )
        assert check.returncode == 0 and "FAILED" not in check.stdout

    ok = run(env, "verify", out)
    assert ok.returncode == 0 and "完好" in ok.stdout
    rc, both = jrun(env, "verify", out, "--case", CASE)
    assert rc == 0 and both["ok"]

    bad = tmp_path / "tampered.zip"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "records/messages.csv":
                data = data.replace("家人".encode(), "朋友".encode(), 1)
            zout.writestr(info.filename, data)
    p = run(env, "verify", bad)
    assert p.returncode == 1 and "records/messages.csv" in p.stdout
    rc, report = jrun(env, "verify", bad)
    assert rc == 1 and any(i["item"] == "records/messages.csv" for i in report["issues"])

    again = run(env, "export", "--case", CASE, "--bundle", out)
    assert again.returncode == 2 and "已经存在" in again.stderr


def test_verify_without_target_is_a_usage_error(env) -> None:
    assert run(env, "verify").returncode == 2


def test_kill_9_of_the_import_command_changes_nothing(env, imported, tmp_path) -> None:
    big = make_exports.write_big_sbr(tmp_path / "sms-big.xml", 120_000, mms_every=500)
    rc, before = jrun(env, "verify", "--case", CASE)
    proc = subprocess.Popen(
        [*CMD, "import", str(big), "--case", CASE],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Wait until the original is copied in (its blob appears), then a little into parsing.
    deadline = time.monotonic() + 60
    blobs = imported / "blobs"
    start = sum(1 for _ in blobs.rglob("*") if _.is_file())
    while sum(1 for _ in blobs.rglob("*") if _.is_file()) <= start:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    rc, after = jrun(env, "verify", "--case", CASE)
    assert rc == 0 and after["root"] == before["root"] and after["checked"] == before["checked"]
    rc, out = jrun(env, "import", big, "--case", CASE)
    assert rc == 0 and out["totals"]["messages"] == 120_000
