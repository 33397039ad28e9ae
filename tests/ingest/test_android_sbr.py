"""Android SMS Backup & Restore: messages (SMS + MMS) and calls."""

from __future__ import annotations

import hashlib
import shutil
import tracemalloc
from pathlib import Path

import pytest
from ingest_helpers import MemorySink

from dunguard.errors import InputError
from dunguard.ingest import Problem, detect
from dunguard.ingest.sbr import SbrCallsReader, SbrMessagesReader
from dunguard.model import Call, Channel, Direction, Message
from fixtures import make_exports as mx


def _read(path: Path, sink: MemorySink | None = None, **kw) -> list:
    return list(SbrMessagesReader().parse(path, sink or MemorySink(), **kw))


def test_sms_records(exports, sink) -> None:
    recs = _read(exports["sbr"], sink)
    assert len(recs) == 8
    sms = [r for r in recs if r.channel is Channel.SMS]
    assert len(sms) == 7
    first = sms[0]
    assert first.text.startswith("【招联金融】尊敬的张先生")
    assert first.counterparty == mx.ZHAOLIAN and first.sender == mx.ZHAOLIAN
    assert first.direction is Direction.IN
    assert first.time.utc_ms == 1709254800000  # 2024-03-01 09:00 Beijing
    assert first.time.offset_min == 480
    assert first.locator.kind == "line" and first.locator.value == "line=5"
    assert first.locator.source_sha256 == ""
    assert first.attrs["service_center"] == "null" and "body" not in first.attrs


def test_multiline_body_and_repaired_emoji(exports) -> None:
    recs = _read(exports["sbr"])
    assert (
        recs[2].text
        == "张XX，你欠招联的钱再不还，我们明天就联系你单位和你家里人。\n别以为换号就找不到你😡"
    )
    assert recs[5].text.endswith("后果自负👊🏻")
    assert "&#55357;" in exports["sbr"].read_text("utf-8")  # the file really holds surrogates


def test_sent_and_draft_directions(exports) -> None:
    recs = _read(exports["sbr"])
    assert recs[3].direction is Direction.OUT and recs[3].sender is None
    assert recs[3].counterparty == mx.COLLECTOR_A
    draft = recs[6]
    assert draft.direction is Direction.OUT and draft.attrs["box"] == "draft"


def test_mms_text_and_picture(exports, sink) -> None:
    mms = _read(exports["sbr"], sink)[7]
    assert mms.channel is Channel.MMS
    assert mms.text == mx.SBR_MMS_TEXT  # SMIL part ignored, emoji repaired
    assert mms.direction is Direction.IN
    assert mms.sender == mx.COLLECTOR_C and mms.counterparty == mx.COLLECTOR_C
    assert mms.time.utc_ms == mx.bj_ms(2024, 3, 6, 8, 12)
    (att,) = mms.attachments
    assert att.sha256 == hashlib.sha256(mx.PNG).hexdigest()
    assert att.size == len(mx.PNG) and att.content_type == "image/png"
    assert att.name == "cuishouhan.png"
    assert sink.blobs[att.sha256] == mx.PNG
    assert [a["type"] for a in mms.attrs["addrs"]] == ["137", "151"]
    assert all("data" not in p for p in mms.attrs["parts"])


def test_ids_are_stable_and_content_derived(exports, tmp_path) -> None:
    a = [r.id for r in _read(exports["sbr"])]
    copy = tmp_path / "other-name.xml"
    shutil.copy(exports["sbr"], copy)
    assert [r.id for r in _read(copy)] == a
    assert len(set(a)) == len(a) and all(len(i) == 16 for i in a)


def test_calls(exports) -> None:
    calls = list(SbrCallsReader().parse(exports["sbr_calls"], MemorySink()))
    assert all(isinstance(c, Call) for c in calls)
    assert [c.kind for c in calls] == [
        "missed", "missed", "missed", "incoming", "rejected", "outgoing", "blocked", "other",
    ]  # fmt: skip
    assert calls[3].duration_s == 47 and calls[3].connected
    assert calls[0].counterparty == mx.COLLECTOR_A
    assert calls[0].time.as_shanghai().hour == 23
    assert calls[7].attrs["answered_externally"] == "1"
    assert calls[0].locator.value == "line=4"


@pytest.mark.parametrize(("key", "reader"), [("sbr", "sbr-xml"), ("sbr_calls", "sbr-calls-xml")])
def test_detected_by_content_not_name(exports, tmp_path, key, reader) -> None:
    wrong = tmp_path / "backup.csv"
    shutil.copy(exports[key], wrong)
    assert detect(wrong).name == reader


# ---------------------------------------------------------------- bad input


def _truncated(exports, tmp_path) -> Path:
    data = exports["sbr"].read_bytes()
    cut = data.index(b"<sms", data.index(b"\xe6\x88\x91\xe6\xad\xa3"))  # inside line 9
    p = tmp_path / "sms-truncated.xml"
    p.write_bytes(data[: cut + 40])
    return p


def test_truncated_file_names_file_and_line(exports, tmp_path) -> None:
    p = _truncated(exports, tmp_path)
    with pytest.raises(InputError) as e:
        _read(p)
    assert "中断" in e.value.message
    assert e.value.file == str(p) and e.value.place.startswith("第 9 行")
    assert str(p) in str(e.value)


def test_truncated_file_salvage_keeps_what_came_before(exports, tmp_path) -> None:
    p = _truncated(exports, tmp_path)
    problems: list[Problem] = []
    recs = _read(p, salvage=True, problems=problems)
    assert len(recs) == 4
    assert len(problems) == 1 and problems[0].place.startswith("第 9 行")
    assert "4 条" in problems[0].message


def test_invalid_byte_in_the_middle(exports, tmp_path) -> None:
    data = exports["sbr"].read_bytes()
    i = data.index("外访".encode())  # line 10
    p = tmp_path / "sms-bad-byte.xml"
    p.write_bytes(data[:i] + b"\xff\xfe" + data[i:])
    with pytest.raises(InputError) as e:
        _read(p)
    assert "无效的字节" in e.value.message and e.value.place.startswith("第 10 行")
    problems: list[Problem] = []
    assert len(_read(p, salvage=True, problems=problems)) == 5
    assert problems[0].place.startswith("第 10 行")


def test_empty_file(tmp_path) -> None:
    p = tmp_path / "empty.xml"
    p.write_bytes(b"")
    with pytest.raises(InputError, match="空的"):
        detect(p)
    with pytest.raises(InputError, match="空的"):
        _read(p)


def test_bad_record_raises_or_is_skipped(exports, tmp_path) -> None:
    data = exports["sbr"].read_text("utf-8")
    p = tmp_path / "sms-bad-date.xml"
    p.write_text(data.replace(f'date="{mx.bj_ms(2024, 3, 2, 10, 15)}"', 'date="昨天"'), "utf-8")
    with pytest.raises(InputError) as e:
        _read(p)
    assert e.value.place == "第 6 行" and "时间" in e.value.message
    problems: list[Problem] = []
    recs = _read(p, salvage=True, problems=problems)
    assert len(recs) == 7 and [pr.place for pr in problems] == ["第 6 行"]


def test_zero_byte_mms_part_is_an_empty_blob_with_a_warning(exports, tmp_path, sink) -> None:
    data = exports["sbr"].read_text("utf-8")
    b64 = data.split('data="', 1)[1].split('"', 1)[0]
    p = tmp_path / "sms-empty-part.xml"
    p.write_text(data.replace(b64, ""), "utf-8")
    problems: list[Problem] = []
    mms = _read(p, sink, problems=problems)[7]
    (att,) = mms.attachments
    assert att.size == 0 and att.sha256 == hashlib.sha256(b"").hexdigest()
    assert len(problems) == 1 and "0 字节" in problems[0].message
    assert problems[0].place.startswith("第 ")


def test_corrupt_base64_names_the_line(exports, tmp_path) -> None:
    data = exports["sbr"].read_text("utf-8")
    b64 = data.split('data="', 1)[1].split('"', 1)[0]
    p = tmp_path / "sms-bad-b64.xml"
    p.write_text(data.replace(b64, b64[:20] + "!!!" + b64[20:]), "utf-8")
    line = data[: data.index(b64)].count("\n") + 1
    with pytest.raises(InputError) as e:
        _read(p)
    assert "base64" in e.value.message and e.value.place == f"第 {line} 行"
    problems: list[Problem] = []
    mms = _read(p, salvage=True, problems=problems)[7]
    assert mms.attachments == () and mms.text == mx.SBR_MMS_TEXT and len(problems) == 1


def test_declared_count_mismatch_is_reported(exports, tmp_path) -> None:
    p = tmp_path / "sms-count.xml"
    p.write_text(exports["sbr"].read_text("utf-8").replace('count="8"', 'count="9"'), "utf-8")
    problems: list[Problem] = []
    assert len(_read(p, problems=problems)) == 8
    assert "9 条" in problems[0].message


# ---------------------------------------------------------------- size and memory


def test_big_file_streams_with_progress(tmp_path) -> None:
    p = mx.write_big_sbr(tmp_path / "big.xml", 3000, mms_every=500)
    seen: list[int] = []
    sink = MemorySink(keep=False)
    recs = list(SbrMessagesReader().parse(p, sink, progress=seen.append))
    assert len(recs) == 3000
    assert sum(1 for r in recs if isinstance(r, Message) and r.attachments) == 6
    assert seen and seen[-1] == p.stat().st_size


def test_large_mms_image_is_streamed_not_held(tmp_path) -> None:
    size = 20 * 1024 * 1024
    p = mx.write_big_sbr(tmp_path / "huge-mms.xml", 3, mms_every=2, image_size=size)
    sink = MemorySink(keep=False)
    tracemalloc.start()
    try:
        recs = list(SbrMessagesReader().parse(p, sink))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (att,) = recs[1].attachments
    assert att.size == size and att.sha256 == mx.random_image_sha256(size, seed=1)
    assert peak < size // 4, f"peak traced memory {peak} for a {size}-byte image"
