"""Reading analysis input: formats, encodings and every kind of bad record."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dunguard.errors import InputError
from dunguard.text.inputs import MAX_LINE, BadRecord, InputRecord, read_inputs


def _read(name: str, data: bytes) -> list[InputRecord | BadRecord]:
    return list(read_inputs(name, io.BufferedReader(io.BytesIO(data), buffer_size=1 << 17)))


def test_jsonl_keeps_ids_and_defaults_to_line_numbers() -> None:
    data = "\n".join([
        json.dumps({"id": "m1", "text": "您已逾期3天", "time": "2026-01-08T14:47:13+08:00"}, ensure_ascii=False),
        "",
        json.dumps({"text": "明天到期"}, ensure_ascii=False),
    ]).encode()
    recs = _read("in.jsonl", data)
    assert [(r.id, r.text) for r in recs] == [("m1", "您已逾期3天"), ("3", "明天到期")]
    assert recs[0].time.isoformat() == "2026-01-08T14:47:13+08:00"


def test_plain_text_one_message_per_line() -> None:
    recs = _read("in.txt", "第一条\n\n第二条\r\n".encode())
    assert [(r.id, r.text) for r in recs] == [("1", "第一条"), ("3", "第二条")]


def test_csv_with_chinese_header_in_gbk() -> None:
    data = "编号,内容,号码\n1,您的借款已逾期5天,10690000\n2,\"含逗号,的短信\",95555\n".encode("gbk")
    recs = _read("in.csv", data)
    assert [(r.id, r.text, r.sender) for r in recs] == [
        ("1", "您的借款已逾期5天", "10690000"), ("2", "含逗号,的短信", "95555")]


def test_csv_without_text_column_is_one_clear_error() -> None:
    with pytest.raises(InputError) as e:
        _read("in.csv", b"id,sender\n1,1069\n")
    assert "内容" in str(e.value) and "in.csv" in str(e.value) and "第 1 行" in str(e.value)


def test_invalid_utf8_line_is_reported_and_skipped() -> None:
    data = b'{"text": "ok1"}\n{"text": "\xff\xfe bad"}\n{"text": "ok2"}\n'
    recs = _read("in.jsonl", data)
    assert [r.text for r in recs if isinstance(r, InputRecord)] == ["ok1", "ok2"]
    bad = [r for r in recs if isinstance(r, BadRecord)]
    assert [(b.line, "编码" in b.reason) for b in bad] == [(2, True)]


def test_huge_single_line_is_skipped_without_reading_it_whole() -> None:
    data = b"before\n" + b"x" * (10 * 1024 * 1024) + b"\nafter\n"
    recs = _read("big.txt", data)
    assert [r.text for r in recs if isinstance(r, InputRecord)] == ["before", "after"]
    assert [r.line for r in recs if isinstance(r, BadRecord)] == [2]
    assert MAX_LINE < 10 * 1024 * 1024


def test_binary_junk_is_reported() -> None:
    recs = _read("junk.txt", b"hello\n\x00\x01\x02\x03binary\x00\n")
    assert isinstance(recs[1], BadRecord) and "二进制" in recs[1].reason


def test_bad_json_line_names_the_column() -> None:
    recs = _read("in.jsonl", b'{"text": "a"}\n{"text": \n')
    assert isinstance(recs[1], BadRecord) and recs[1].line == 2 and "JSON" in recs[1].reason


def test_utf16_with_bom() -> None:
    recs = _read("in.txt", "逾期提醒\n第二行\n".encode("utf-16"))
    assert [r.text for r in recs] == ["逾期提醒", "第二行"]


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1),
                min_size=1, max_size=20))
def test_any_jsonl_text_round_trips(texts: list[str]) -> None:
    data = "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts).encode()
    recs = _read("p.jsonl", data)
    assert [r.text for r in recs] == texts
