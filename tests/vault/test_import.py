"""Imports: counts, dedup on content, all-or-nothing transactions, salvage, analysis storage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from vault_helpers import SAMPLE, LineReader, write_lines

from dunguard.case import Case
from dunguard.errors import InputError
from dunguard.model import Call, Message
from fixtures import make_exports

R = LineReader()


def _state(case: Case) -> tuple:
    blobs = sorted(name for name, _ in case.blobs.iter_files())
    return case.counts(), case.tree_head(), blobs


def test_import_counts_each_kind_and_stores_the_original(case: Case, tmp_path: Path) -> None:
    f = write_lines(tmp_path / "a.txt", SAMPLE)
    rep = case.import_files([f], reader=R)
    (fr,) = rep.files
    assert (fr.status, fr.messages, fr.calls, fr.attachments, fr.duplicates) == (
        "imported",
        4,
        2,
        1,
        0,
    )
    assert case.blob_path(fr.sha256).read_bytes() == f.read_bytes()
    src = case.sources()[0]
    assert (
        src["name"] == "a.txt" and src["path"] == str(f.resolve()) and src["format"] == "test-lines"
    )
    types = [e["type"] for e in case.events()]
    assert types == ["case_created", "file_added", "records_imported"]
    assert case.counts()["messages"] == 4 and case.counts()["calls"] == 2


def test_same_file_again_is_reported_as_already_imported(case: Case, tmp_path: Path) -> None:
    f = write_lines(tmp_path / "a.txt", SAMPLE)
    case.import_files([f], reader=R)
    before = _state(case)
    renamed = tmp_path / "copy-with-another-name.txt"
    renamed.write_bytes(f.read_bytes())
    rep = case.import_files([renamed], reader=R)
    assert rep.files[0].status == "already_imported"
    assert _state(case) == before


def test_overlapping_backup_adds_only_the_new_records(case: Case, tmp_path: Path) -> None:
    first = write_lines(tmp_path / "backup-1.txt", SAMPLE[:4])
    second = write_lines(
        tmp_path / "backup-2.txt",
        SAMPLE[2:] + ["msg|13800138000|1704088800000|in|最后通知：明天上门。"],
    )
    case.import_files([first], reader=R)
    rep = case.import_files([second], reader=R)
    fr = rep.files[0]
    assert (fr.messages, fr.calls, fr.duplicates) == (1, 2, 2)
    assert case.counts()["messages"] == 5
    assert len({m.id for m in case.messages()}) == 5
    assert case.verify().ok


def test_duplicates_inside_one_file_are_stored_once(case: Case, tmp_path: Path) -> None:
    f = write_lines(tmp_path / "a.txt", SAMPLE + SAMPLE[:2])
    fr = case.import_files([f], reader=R).files[0]
    assert (fr.messages, fr.duplicates) == (4, 2)


def test_a_bad_record_rolls_back_the_whole_import(case: Case, tmp_path: Path) -> None:
    case.import_files([write_lines(tmp_path / "ok.txt", SAMPLE[:1])], reader=R)
    before = _state(case)
    good = write_lines(tmp_path / "good.txt", SAMPLE[1:])
    bad = write_lines(tmp_path / "bad.txt", ["mms|1380|1|图|NEWMEDIA", "bad|line"])
    with pytest.raises(InputError) as e:
        case.import_files([good, bad], reader=R)
    assert e.value.place == "第 2 行" and e.value.file == str(bad)
    assert _state(case) == before  # no records, no events, no new blob files
    assert not case.blobs.journal_path.exists()
    assert case.verify().ok


def test_an_unexpected_error_also_rolls_back(case: Case, tmp_path: Path) -> None:
    class Boom(LineReader):
        def parse(self, path, sink, **kw):
            yield from super().parse(path, sink, **kw)
            raise RuntimeError("reader bug")

    before = _state(case)
    with pytest.raises(RuntimeError):
        case.import_files([write_lines(tmp_path / "a.txt", SAMPLE)], reader=Boom())
    assert _state(case) == before


def test_salvage_keeps_the_readable_records_and_lists_problems(case: Case, tmp_path: Path) -> None:
    f = write_lines(tmp_path / "a.txt", SAMPLE[:2] + ["bad|x"] + SAMPLE[2:3])
    fr = case.import_files([f], reader=R, salvage=True).files[0]
    assert fr.messages == 3
    assert [(p.place, p.message) for p in fr.problems] == [("第 3 行", "这一行看不懂。")]
    ev = case.events()[-1]
    assert ev["problems"] == 1 and ev["salvage"] is True
    assert case.verify().ok


def test_salvage_skips_a_file_that_cannot_be_read_at_all(case: Case, tmp_path: Path) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    f = make_exports.write_sbr(tmp_path)
    rep = case.import_files([empty, f], salvage=True)
    assert rep.files[0].status == "skipped" and "空的" in rep.files[0].problems[0].message
    assert rep.files[1].status == "imported"
    with pytest.raises(InputError, match="空的"):
        case.import_files([empty])


def test_missing_file_is_named(case: Case, tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        case.import_files([tmp_path / "nope.xml"])
    assert e.value.file == str(tmp_path / "nope.xml")


def test_progress_reports_bytes_up_to_the_total(case: Case, tmp_path: Path) -> None:
    f = write_lines(tmp_path / "a.txt", SAMPLE)
    seen: list[tuple[int, int, str]] = []
    case.import_files([f], reader=R, progress=lambda d, t, w: seen.append((d, t, w)))
    assert seen[-1][0] == seen[-1][1] == 2 * f.stat().st_size
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:], strict=False))
    assert any(w.startswith("读取") for _, _, w in seen)


def test_messages_come_back_as_model_records_in_time_order(case: Case, tmp_path: Path) -> None:
    case.import_files([write_lines(tmp_path / "a.txt", list(reversed(SAMPLE)))], reader=R)
    msgs = list(case.messages())
    assert all(isinstance(m, Message) for m in msgs)
    assert [m.time.utc_ms for m in msgs] == sorted(m.time.utc_ms for m in msgs)
    mms = [m for m in msgs if m.attachments]
    assert mms[0].attachments[0].name == "photo.jpg"
    assert mms[0].locator.source_sha256 == case.sources()[0]["sha256"]
    calls = list(case.calls())
    assert all(isinstance(c, Call) for c in calls) and {c.kind for c in calls} == {
        "incoming",
        "missed",
    }


def test_store_analysis_is_a_logged_event_and_verifiable(case: Case, tmp_path: Path) -> None:
    case.import_files([write_lines(tmp_path / "a.txt", SAMPLE)], reader=R)
    m = next(iter(case.messages()))
    result = {
        "id": m.id,
        "category": "collection",
        "stage": "reminder",
        "tactics": [],
        "findings": [
            {
                "rule": "reminder.overdue",
                "label": "reminder",
                "span": [6, 12],
                "quote": "您的借款已逾期",
                "severity": "info",
                "law": [],
            }
        ],
        "entities": {"amounts": [3500.0]},
    }
    seq = case.store_analysis([result], "pack-sha")
    ev = case.events()[seq]
    assert (ev["type"], ev["count"], ev["rule_pack_hash"]) == ("analysis_run", 1, "pack-sha")
    assert list(case.analyses()) == [result]
    newer = result | {"stage": "warning"}
    case.store_analysis([newer], "pack-sha-2")
    assert list(case.analyses()) == [newer]
    assert case.verify().ok
    with pytest.raises(InputError, match="不存在的消息"):
        case.store_analysis([{"id": "nope"}], "x")


def test_attrs_survive_as_json(case: Case, tmp_path: Path) -> None:
    case.import_files([write_lines(tmp_path / "a.txt", SAMPLE[:1])], reader=R)
    row = next(case.records("message"))
    assert row["attrs"] == {"line": 1}
    assert json.loads(json.dumps(row)) == row


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("短信备份.xml", "短信备份.xml"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\张三\\sms.xml", "sms.xml"),
        ("evil\u202egpj.xml", "evilgpj.xml"),
        ("a\x00b\n.xml", "ab.xml"),
        ("", "未命名文件"),
        ("长" * 300, "长" * 200),
    ],
)
def test_display_names_are_data_made_harmless(raw: str, shown: str) -> None:
    from dunguard.vault.importer import display_name

    assert display_name(raw) == shown


def test_a_file_saved_under_another_name_is_logged_by_the_users_name(case, tmp_path) -> None:
    from fixtures.make_exports import write_sbr

    saved = write_sbr(tmp_path, "upload-1.xml")
    case.import_files([saved], names={str(saved): "我的短信.xml"})
    (src,) = case.sources()
    assert src["name"] == "我的短信.xml" and src["path"].endswith("upload-1.xml")
    assert [e["name"] for e in case.events() if e["type"] == "file_added"] == ["我的短信.xml"]
    assert case.verify().ok
