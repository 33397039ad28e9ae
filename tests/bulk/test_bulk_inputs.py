"""Input tables cut into blocks read back exactly as ``dunguard analyze`` reads them."""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from bulk_helpers import messages, write_jsonl

from dunguard.bulk.blocks import read_block
from dunguard.bulk.columns import call_kind, parse_mapping
from dunguard.bulk.inputs import plan
from dunguard.errors import InputError, UsageError
from dunguard.model import SHANGHAI
from dunguard.text.inputs import InputRecord, read_inputs


def _analyze_records(path) -> list[InputRecord]:
    with open(path, "rb") as f:
        return [r for r in read_inputs(str(path), io.BufferedReader(f)) if isinstance(r, InputRecord)]


def _read_all(blocks) -> pd.DataFrame:
    return pd.concat([read_block(b) for b in blocks], ignore_index=True)


def test_jsonl_blocks_number_lines_like_analyze(tmp_path):
    path = tmp_path / "m.jsonl"
    lines = [__import__("json").dumps(r, ensure_ascii=False) for r in messages(60)]
    lines[10] = ""
    lines[20] = "这不是 JSON"
    lines[30] = '{"text": 5}'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    blocks = plan([str(path)], "messages", rows=7)
    assert len(blocks) > 5
    got = _read_all(blocks)
    good = got[got["error"].isna()]
    want = _analyze_records(path)
    assert [(r.id, r.text, r.line) for r in want] == list(zip(good["id"], good["text"], good["row"], strict=True))
    assert len(got) - len(good) == 2  # the bad JSON and the non-string text
    ms = [int(r.time.timestamp() * 1000) for r in want]
    assert ms == good["time_ms"].tolist()


def test_csv_blocks_keep_quoted_newlines_and_record_numbers(tmp_path):
    path = tmp_path / "m.csv"
    rows = ["", "编号,案件,内容,时间"]
    for i in range(1, 41):
        text = f'"第一行\n第二行{i}，""引号"""' if i % 4 == 0 else f"短信{i}"
        rows.append(f"{'x' + str(i) if i % 3 else ''},k{i % 5},{text},2026-01-0{i % 9 + 1} 10:00")
        if i == 17:
            rows.append("")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    got = _read_all(plan([str(path)], "messages", rows=6))
    want = _analyze_records(path)
    assert [(r.id, r.text, r.line) for r in want] == list(zip(got["id"], got["text"], got["row"], strict=True))
    assert set(got["case"]) == {f"k{i}" for i in range(5)}


def test_parquet_row_groups_mapping_and_naive_times(tmp_path):
    path = tmp_path / "t.parquet"
    n = 23
    table = pa.table({
        "借款人编号": [f"D{i % 4}" for i in range(n)],
        "短信正文": [f"短信{i}" for i in range(n)],
        "发送时间": [datetime(2026, 3, 1, 23, i) for i in range(n)],
    })
    pq.write_table(table, path, row_group_size=7)
    mapping = parse_mapping("text=短信正文，case=借款人编号, time=发送时间")
    blocks = plan([str(path)], "messages", mapping, rows=5)
    got = _read_all(blocks)
    assert got["id"].tolist() == [str(i) for i in range(1, n + 1)]
    assert got["text"].tolist() == [f"短信{i}" for i in range(n)]
    first = datetime.fromtimestamp(got["time_ms"][0] / 1000, SHANGHAI)
    assert (first.hour, first.minute, got["time_off"][0]) == (23, 0, 480)


def test_folder_of_parquet_files_in_natural_order(tmp_path):
    folder = tmp_path / "ds"
    folder.mkdir()
    for i in (10, 2, 1):
        pq.write_table(pa.table({"text": [f"f{i}"]}), folder / f"part.{i}.parquet")
    got = _read_all(plan([str(folder)], "messages"))
    assert got["text"].tolist() == ["f1", "f2", "f10"]


def test_unknown_mapped_column_and_missing_text_are_usage_errors(tmp_path):
    path = write_jsonl(tmp_path / "m.jsonl", messages(3))
    with pytest.raises(UsageError):
        plan([str(path)], "messages", {"text": "正文"})
    csv = tmp_path / "x.csv"
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(UsageError):
        plan([str(csv)], "messages")
    with pytest.raises(InputError):
        plan([str(tmp_path / "missing.jsonl")], "messages")


@pytest.mark.parametrize(("value", "duration", "outbound", "want"), [
    ("未接通", 0, True, "missed"), ("接通", 30, True, "incoming"), ("呼出", 12, True, "incoming"),
    ("呼出", 12, False, "outgoing"), (None, 0, False, "missed"), (None, 9, False, "incoming"),
    ("rejected", 0, False, "rejected"),
])
def test_call_kinds_seen_from_the_borrower(value, duration, outbound, want):
    assert call_kind(value, duration, outbound_log=outbound) == want


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_read_like_analyze(tmp_path, fmt, encoding):
    import codecs
    import json

    recs = messages(40)
    recs[7]["text"] = "含有表情😀和生僻字𠮷的催收短信，逾期30天"  # astral: surrogate pairs in UTF-16
    if fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    else:
        text = "id,case,text,time\n" + "".join(
            f'{r.get("id", "")},{r["case"]},"{r["text"]}",{r["time"]}\n' for r in recs)
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / f"m.{fmt}"
    path.write_bytes(bom + text.encode(encoding))
    blocks = plan([str(path)], "messages", rows=9, convert_dir=tmp_path / "utf8")
    got = _read_all(blocks)
    want = _analyze_records(path)
    assert len(want) == 40
    assert [(r.id, r.text, r.line) for r in want] == \
        list(zip(got["id"], got["text"], got["row"], strict=True))
    assert set(got["source"]) == {path.name}  # the user's file, not the UTF-8 copy
    assert got["error"].isna().all()
