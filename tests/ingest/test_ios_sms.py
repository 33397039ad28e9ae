"""iOS sms.db: joins, 2001-epoch dates in s and ns, text from attributedBody, read-only."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from ingest_helpers import MemorySink

from dunguard.errors import InputError
from dunguard.ingest import Problem, detect
from dunguard.ingest.ios_sms import IosSmsDbReader
from dunguard.ingest.typedstream import TypedStreamError, attributed_body_text
from dunguard.model import Direction
from fixtures import make_exports as mx


def _read(path, **kw):
    return list(IosSmsDbReader().parse(path, MemorySink(), **kw))


def test_records(exports) -> None:
    recs = _read(exports["ios_sms"])
    assert len(recs) == 5
    assert recs[0].text == "【招联金融】您的借款已逾期3天，请今日内还款。"
    assert recs[0].attrs["text_source"] == "text"
    assert recs[0].counterparty == f"+86{mx.ZHAOLIAN}" and recs[0].direction is Direction.IN
    assert recs[0].locator.kind == "row" and recs[0].locator.value == "message.ROWID=1"


def test_dates_in_seconds_and_nanoseconds(exports) -> None:
    recs = _read(exports["ios_sms"])
    assert recs[0].time.utc_ms == mx.bj_ms(2024, 3, 1, 9, 0)  # seconds since 2001
    assert recs[1].time.utc_ms == mx.bj_ms(2024, 3, 3, 23, 40)  # nanoseconds since 2001
    assert recs[1].time.offset_min == 480


def test_text_recovered_from_attributed_body(exports) -> None:
    recs = _read(exports["ios_sms"])
    assert recs[1].text == "你再不还钱，明天就去你公司找你😡"
    assert recs[1].attrs["text_source"] == "attributedBody"
    assert recs[3].text == mx.IOS_LONG_TEXT  # over 127 bytes: 0x81 + int16 length


def test_own_messages_take_the_chat_as_counterparty(exports) -> None:
    mine = _read(exports["ios_sms"])[2]
    assert mine.direction is Direction.OUT and mine.sender is None
    assert mine.counterparty == f"+86{mx.COLLECTOR_A}"
    assert mine.text == "我在筹钱，请不要联系我的家人。"


def test_detected_by_content(exports, tmp_path) -> None:
    p = tmp_path / "3d0d7e5fb2ce288813306e4d4636395e047a3d28"
    shutil.copy(exports["ios_sms"], p)
    assert detect(p).name == "ios-sms-db"


def test_opened_read_only_without_side_files(exports, tmp_path) -> None:
    p = tmp_path / "sms.db"
    shutil.copy(exports["ios_sms"], p)
    before = p.read_bytes()
    p.chmod(0o444)
    _read(p)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["sms.db"]
    assert p.read_bytes() == before


def test_locked_database_is_still_read(exports, tmp_path) -> None:
    p = tmp_path / "sms.db"
    shutil.copy(exports["ios_sms"], p)
    holder = sqlite3.connect(p)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert len(_read(p)) == 5
    finally:
        holder.rollback()
        holder.close()


def test_corrupt_database(exports, tmp_path) -> None:
    p = tmp_path / "sms.db"
    data = bytearray(exports["ios_sms"].read_bytes())
    data[100:4096] = b"\xa5" * (4096 - 100)  # wreck page 1 (the schema)
    p.write_bytes(bytes(data))
    with pytest.raises(InputError) as e:
        _read(p)
    assert "损坏" in e.value.message and e.value.file.endswith("sms.db")


def test_not_a_database(tmp_path) -> None:
    p = tmp_path / "sms.db"
    p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    with pytest.raises(InputError) as e:
        _read(p)
    assert e.value.file.endswith("sms.db")


def test_unreadable_attributed_body(exports, tmp_path) -> None:
    p = tmp_path / "sms.db"
    shutil.copy(exports["ios_sms"], p)
    con = sqlite3.connect(p)
    con.execute("UPDATE message SET attributedBody = x'040b73747265616d7479706564' WHERE ROWID=2")
    con.commit()
    con.close()
    with pytest.raises(InputError) as e:
        _read(p)
    assert e.value.place == "message.ROWID=2"
    problems: list[Problem] = []
    assert len(_read(p, salvage=True, problems=problems)) == 4
    assert problems[0].place == "message.ROWID=2"


@pytest.mark.parametrize("text", ["", "短", "催" * 50, "x" * 40000, "😡" * 3])
def test_typedstream_round_trip(text: str) -> None:
    assert attributed_body_text(mx.make_attributed_body(text)) == text


def test_typedstream_rejects_other_blobs() -> None:
    with pytest.raises(TypedStreamError):
        attributed_body_text(b"bplist00\x00\x01")


def test_progress_reports_bytes(exports) -> None:
    seen: list[int] = []
    list(IosSmsDbReader().parse(exports["ios_sms"], MemorySink(), progress=seen.append))
    assert seen[-1] == exports["ios_sms"].stat().st_size
