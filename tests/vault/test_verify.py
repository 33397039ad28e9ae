"""``verify``: a change of one byte anywhere in the case is found and named."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from vault_helpers import SAMPLE, LineReader, write_lines

from dunguard.case import Case, open_case


@pytest.fixture
def filled(case: Case, tmp_path: Path) -> Case:
    case.import_files([write_lines(tmp_path / "a.txt", SAMPLE)], reader=LineReader())
    m = next(iter(case.messages()))
    case.store_analysis(
        [
            {
                "id": m.id,
                "category": "collection",
                "stage": "reminder",
                "tactics": [],
                "findings": [],
            }
        ],
        "pack",
    )
    assert case.verify().ok
    return case


def _reopen(case: Case) -> Case:
    case.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    case.close()
    return open_case(case.name)


def _flip_in_file(path: Path, needle: bytes, replacement: bytes) -> None:
    assert len(needle) == len(replacement)
    os.chmod(path, 0o600)
    data = path.read_bytes()
    assert data.count(needle) >= 1, needle
    path.write_bytes(data.replace(needle, replacement, 1))


def _sql(case: Case, sql: str, *args: object) -> None:
    db = case.path / "case.db"
    case.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    case.close()
    con = sqlite3.connect(db)
    con.execute(sql, args)
    con.commit()
    con.close()


def _kinds(case: Case) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for i in case.verify().issues:
        out.setdefault(i.kind, []).append(f"{i.item}：{i.message}")
    return out


def test_untouched_case_verifies(filled: Case) -> None:
    r = filled.verify()
    assert r.ok and r.checked["records"] == 6 and r.checked["blobs"] == 2
    assert r.root == filled.tree_head()["root"]


def test_one_byte_in_an_original_blob_is_named(filled: Case) -> None:
    sha = filled.sources()[0]["sha256"]
    _flip_in_file(filled.blob_path(sha), "逾期3天".encode(), "逾期4天".encode())
    issues = _kinds(filled)
    assert list(issues) == ["blob"]
    assert sha[2:] in issues["blob"][0] and "a.txt" in issues["blob"][0]


def test_one_byte_in_an_mms_attachment_is_named(filled: Case) -> None:
    att = next(m for m in filled.messages() if m.attachments).attachments[0]
    _flip_in_file(filled.blob_path(att.sha256), b"JPEGDATA-1", b"JPEGDATA-2")
    assert att.sha256[2:] in _kinds(filled)["blob"][0]


def test_one_byte_of_a_message_body_in_the_database_file_is_named(filled: Case) -> None:
    rid = next(m.id for m in filled.messages() if "家人" in m.text)
    case = _reopen(filled)
    case.close()
    _flip_in_file(case.path / "case.db", "家人和同事".encode(), "家人和同学".encode())
    with open_case(case.name) as c:
        issues = _kinds(c)
    assert any(rid in s for s in issues["record"])


def test_a_body_changed_with_its_record_hash_recomputed_is_caught_by_the_log(filled: Case) -> None:
    from dunguard.vault.records import record_hash

    rid = next(m.id for m in filled.messages() if "家人" in m.text)
    row = filled.record(rid) | {"body": "我们会依法处理。"}
    _sql(
        filled,
        "UPDATE records SET body = ?, record_hash = ? WHERE id = ?",
        row["body"],
        record_hash(row),
        rid,
    )
    with open_case(filled.name) as c:
        issues = _kinds(c)
    assert list(issues) == ["event"]
    assert "日志第 2 条（a.txt）" in issues["event"][0]


def test_a_deleted_record_is_caught_by_its_import_event(filled: Case) -> None:
    _sql(filled, "DELETE FROM records WHERE kind = 'call' AND duration_s = 0")
    with open_case(filled.name) as c:
        issues = _kinds(c)
    assert "登记导入 2 条通话，现在有 1 条" in issues["event"][0]


def test_an_added_record_is_named(filled: Case) -> None:
    _sql(
        filled,
        "INSERT INTO records (id, kind, channel, attrs, source_sha256, import_seq, record_hash)"
        " SELECT 'forged', 'message', 'sms', '{}', source_sha256, import_seq, 'x' FROM records LIMIT 1",
    )
    with open_case(filled.name) as c:
        issues = _kinds(c)
    assert any("forged" in s for s in issues["record"])


def test_one_byte_in_a_log_event_is_named(filled: Case) -> None:
    case = _reopen(filled)
    case.close()
    _flip_in_file(case.path / "case.db", b'"name":"a.txt"', b'"name":"b.txt"')
    with open_case(case.name) as c:
        issues = _kinds(c)
    assert any(s.startswith("日志第 1 条") or s.startswith("日志第 2 条") for s in issues["event"])
    assert "checkpoint" in issues


def test_an_event_rewritten_with_its_leaf_hash_breaks_the_checkpoints(filled: Case) -> None:
    from dunguard.vault.merkle import leaf_hash

    data = filled.store.events()[1]["data"].replace('"a.txt"', '"b.txt"')
    _sql(
        filled,
        "UPDATE events SET data = ?, leaf_hash = ? WHERE seq = 1",
        data,
        leaf_hash(data.encode()).hex(),
    )
    with open_case(filled.name) as c:
        issues = _kinds(c)
    assert any("检查点（日志长度 2）" in s for s in issues["checkpoint"])
    assert any("原件的名称或大小与日志登记的不符" in s for s in issues["source"])


def test_a_truncated_log_is_named(filled: Case) -> None:
    _sql(filled, "DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)")
    with open_case(filled.name) as c:
        issues = _kinds(c)
    assert any("日志末尾有条目被删除" in s for s in issues["checkpoint"])
    assert any("不属于日志里的任何一次分析" in s for s in issues["analysis"])


def test_a_changed_analysis_result_is_named(filled: Case) -> None:
    _sql(
        filled, "UPDATE analyses SET result = replace(result, 'reminder', 'visit'), stage = 'visit'"
    )
    with open_case(filled.name) as c:
        issues = _kinds(c)
    assert "analysis" in issues


def test_a_missing_blob_is_named(filled: Case) -> None:
    sha = filled.sources()[0]["sha256"]
    filled.blob_path(sha).unlink()
    assert "文件不见了" in _kinds(filled)["blob"][0]


def test_a_stray_blob_file_is_only_a_note(filled: Case) -> None:
    stray = filled.path / "blobs" / "ff" / ("0" * 62)
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"?")
    r = filled.verify()
    assert r.ok and "没有登记的文件" in r.notes[0]
