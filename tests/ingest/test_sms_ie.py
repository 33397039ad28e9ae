"""SMS Import / Export ZIP: messages.ndjson plus data/ parts, read without extracting."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile

import pytest
from ingest_helpers import MemorySink

from dunguard.errors import InputError
from dunguard.ingest import Problem, detect
from dunguard.ingest.sbr import SbrMessagesReader
from dunguard.ingest.sms_ie import SmsIeZipReader
from dunguard.model import Call, Channel, Direction
from fixtures import make_exports as mx


def _read(path, sink=None, **kw):
    return list(SmsIeZipReader().parse(path, sink or MemorySink(), **kw))


def test_records(exports, sink) -> None:
    recs = _read(exports["sms_ie"], sink)
    assert len(recs) == 5
    assert recs[2].text == mx.SMS[2][3] and recs[2].direction is Direction.IN
    assert recs[3].direction is Direction.OUT
    assert recs[0].locator.kind == "zip-entry"
    assert recs[0].locator.value == "messages.ndjson:line=1"
    mms = recs[4]
    assert mms.channel is Channel.MMS and mms.text == mx.SBR_MMS_TEXT
    assert mms.time.utc_ms == mx.bj_ms(2024, 3, 6, 8, 12)  # MMS date is in seconds
    assert mms.sender == mx.COLLECTOR_C and mms.counterparty == mx.COLLECTOR_C
    (att,) = mms.attachments
    assert att.sha256 == hashlib.sha256(mx.PNG).hexdigest() and sink.blobs[att.sha256] == mx.PNG


def test_same_messages_as_the_sbr_backup_get_the_same_ids(exports) -> None:
    sbr = {r.id for r in SbrMessagesReader().parse(exports["sbr"], MemorySink())}
    ids = [r.id for r in _read(exports["sms_ie"])]
    assert set(ids) <= sbr


def test_detected_by_content(exports, tmp_path) -> None:
    p = tmp_path / "backup.xml"
    shutil.copy(exports["sms_ie"], p)
    assert detect(p).name == "sms-ie-zip"


@pytest.mark.parametrize("evil", ["../../etc/cron.d/x", "/etc/passwd", "data/../../x", "C:/x"])
def test_unsafe_entry_names_are_refused(tmp_path, evil) -> None:
    p = mx.write_sms_ie_zip(tmp_path, extra={evil: b"boom"})
    with pytest.raises(InputError) as e:
        _read(p)
    assert "不安全" in e.value.message and evil in e.value.place
    assert sorted(x.name for x in tmp_path.iterdir()) == [p.name]


def test_missing_part_file(tmp_path) -> None:
    p = tmp_path / "m.zip"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("messages.ndjson", "".join(json.dumps(o) + "\n" for o in mx.sms_ie_lines()))
    with pytest.raises(InputError) as e:
        _read(p)
    assert e.value.place == "messages.ndjson 第 5 行"
    problems: list[Problem] = []
    recs = _read(p, salvage=True, problems=problems)
    assert len(recs) == 5 and recs[4].attachments == () and len(problems) == 1


def test_bad_json_line(tmp_path) -> None:
    p = tmp_path / "m.zip"
    lines = [json.dumps(o) for o in mx.sms_ie_lines()]
    lines.insert(1, '{"address": "1065", "date": ')
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("messages.ndjson", "\n".join(lines) + "\n")
        zf.writestr("data/PART_1709683920_cuishouhan.png", mx.PNG)
    with pytest.raises(InputError) as e:
        _read(p)
    assert e.value.place == "messages.ndjson 第 2 行"
    problems: list[Problem] = []
    assert len(_read(p, salvage=True, problems=problems)) == 5 and len(problems) == 1


def test_zero_byte_part(tmp_path) -> None:
    p = tmp_path / "m.zip"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("messages.ndjson", "".join(json.dumps(o) + "\n" for o in mx.sms_ie_lines()))
        zf.writestr("data/PART_1709683920_cuishouhan.png", b"")
    problems: list[Problem] = []
    (att,) = _read(p, problems=problems)[4].attachments
    assert att.size == 0 and "0 字节" in problems[0].message


def test_call_log_entry(tmp_path) -> None:
    calls = [{"number": mx.COLLECTOR_A, "date": str(mx.bj_ms(2024, 3, 3, 23, 10)),
              "duration": "0", "type": "3"}]  # fmt: skip
    p = mx.write_sms_ie_zip(
        tmp_path, extra={"calls.ndjson": "".join(json.dumps(c) + "\n" for c in calls).encode()}
    )
    recs = _read(p)
    (call,) = [r for r in recs if isinstance(r, Call)]
    assert call.kind == "missed" and call.locator.value == "calls.ndjson:line=1"


def test_corrupt_zip(exports, tmp_path) -> None:
    p = tmp_path / "m.zip"
    p.write_bytes(exports["sms_ie"].read_bytes()[:200])
    with pytest.raises(InputError, match="损坏"):
        _read(p)
