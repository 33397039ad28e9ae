"""Generic CSV and JSONL: encodings, column names and mapping, times, bad rows."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import MemorySink

from dunguard.errors import InputError
from dunguard.ingest import Problem, detect
from dunguard.ingest.records import parse_time
from dunguard.ingest.tabular import CsvReader, JsonlReader
from dunguard.model import Call, Direction, Timestamp
from fixtures import make_exports as mx


def _csv(path, **kw):
    return list(CsvReader().parse(path, MemorySink(), **kw))


def _jsonl(path, **kw):
    return list(JsonlReader().parse(path, MemorySink(), **kw))


def test_gbk_csv_is_detected_and_decoded(exports) -> None:
    assert detect(exports["gbk_csv"]).name == "csv"
    recs = _csv(exports["gbk_csv"])
    assert [r.text for r in recs] == [row[3] for row in mx.GENERIC_ROWS]
    assert [r.direction for r in recs] == [Direction.IN, Direction.IN, Direction.OUT, Direction.IN]
    assert recs[0].attrs["encoding"] == "gb18030"
    assert recs[0].counterparty == mx.ZHAOLIAN


def test_time_forms(exports) -> None:
    recs = _csv(exports["gbk_csv"])
    assert recs[0].time == Timestamp(mx.bj_ms(2024, 3, 1, 9, 0), 480)  # naive = Beijing
    assert recs[1].time.utc_ms == mx.bj_ms(2024, 3, 3, 23, 40)  # 2024/3/3 23:40
    assert recs[2].time.utc_ms == mx.bj_ms(2024, 3, 3, 23, 52)  # ISO with offset
    assert recs[3].time.utc_ms == 1709532300000  # epoch ms


@pytest.mark.parametrize(
    ("value", "utc_ms", "offset"),
    [
        ("2024-03-05T14:30:00Z", 1709649000000, 0),
        ("2024-03-05T22:30:00+08:00", 1709649000000, 480),
        ("2024-03-05 22:30", 1709649000000, 480),
        ("2024年3月5日 22:30:00", 1709649000000, 480),
        ("1709649000", 1709649000000, 480),
        ("1709649000000", 1709649000000, 480),
    ],
)
def test_parse_time(value, utc_ms, offset) -> None:
    assert parse_time(value) == Timestamp(utc_ms, offset)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_encodings(tmp_path, encoding) -> None:
    p = mx.write_generic_csv(tmp_path, encoding=encoding)
    assert [r.text for r in _csv(p)] == [row[3] for row in mx.GENERIC_ROWS]


def test_undecodable_file_is_refused(tmp_path) -> None:
    p = tmp_path / "x.csv"
    p.write_bytes(b"caf\xe9,na\xefve,\xe0 la carte\n" * 20)  # Latin-1, neither UTF-8 nor GBK
    with pytest.raises(InputError, match="编码"):
        _csv(p)


def test_bad_bytes_in_the_middle_name_the_row(tmp_path) -> None:
    p = mx.write_generic_csv(tmp_path, encoding="utf-8")
    lines = p.read_bytes().split(b"\r\n")
    lines[3] = lines[3][:20] + b"\xff" + lines[3][20:]
    p.write_bytes(b"\r\n".join(lines))
    with pytest.raises(InputError) as e:
        _csv(p)
    assert e.value.place == "第 4 行"
    problems: list[Problem] = []
    assert len(_csv(p, salvage=True, problems=problems)) == 3
    assert problems[0].place == "第 4 行"


def test_mapping(tmp_path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("手机,收到时间,短信,方向\n13812345678,2024-03-03 23:40,还钱,收\n", "utf-8")
    with pytest.raises(InputError, match="正文") as e:
        _csv(p)
    assert e.value.place == "第 1 行"
    (rec,) = _csv(
        p, mapping={"text": "短信", "time": "收到时间", "sender": "手机", "direction": "方向"}
    )
    assert rec.text == "还钱" and rec.sender == "13812345678" and rec.direction is Direction.IN
    with pytest.raises(InputError, match="不存在"):
        _csv(p, mapping={"text": "正文"})


def test_call_log_csv(tmp_path) -> None:
    p = tmp_path / "calls.csv"
    p.write_text("number,date,duration,type\n13812345678,1709478600000,0,3\n", "utf-8")
    (call,) = _csv(p)
    assert isinstance(call, Call) and call.kind == "missed" and call.counterparty == "13812345678"


def test_jsonl_analyze_shape(exports) -> None:
    assert detect(exports["jsonl"]).name == "jsonl"
    recs = _jsonl(exports["jsonl"])
    assert [r.text for r in recs][0] == "【美团】您的月付账单已逾期，请尽快还款😊"
    assert recs[0].attrs["source_id"] == "m1"
    assert recs[1].time.utc_ms == 1709649000000
    assert recs[2].direction is Direction.OUT and recs[2].locator.value == "line=3"


def test_jsonl_bad_line(exports, tmp_path) -> None:
    p = tmp_path / "x.jsonl"
    lines = exports["jsonl"].read_text("utf-8").splitlines()
    lines.insert(1, '{"text": "半行')
    p.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(InputError) as e:
        _jsonl(p)
    assert e.value.place.startswith("第 2 行")
    problems: list[Problem] = []
    assert len(_jsonl(p, salvage=True, problems=problems)) == 3 and len(problems) == 1


def test_jsonl_lone_surrogate_is_replaced(tmp_path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_text('{"text": "a\\ud83db", "time": "1709649000000"}\n', "utf-8")
    (rec,) = _jsonl(p)
    assert rec.text == "a\ufffdb"


_fields = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(_fields, min_size=1, max_size=5), senders=_fields)
def test_csv_round_trips_any_text(tmp_path_factory, texts, senders) -> None:
    p = tmp_path_factory.mktemp("csv") / "x.csv"
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow(["sender", "time", "text"])
    for i, t in enumerate(texts):
        w.writerow([senders, str(1709649000000 + i), t])
    p.write_text(buf.getvalue(), "utf-8", newline="")
    recs = _csv(p)
    norm = [t for t in texts]
    assert [r.text for r in recs] == norm
    assert all(r.counterparty == (senders.strip() or None) for r in recs)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(_fields, min_size=1, max_size=5))
def test_jsonl_round_trips_any_text(tmp_path_factory, texts) -> None:
    p = tmp_path_factory.mktemp("jsonl") / "x.jsonl"
    p.write_text(
        "".join(
            json.dumps({"text": t, "time": 1709649000000 + i, "sender": "95188"}) + "\n"
            for i, t in enumerate(texts)
        ),
        "utf-8",
    )
    assert [r.text for r in _jsonl(p)] == texts
