"""Choosing the reader from the content, whatever the file is called."""

from __future__ import annotations

import shutil

import pytest

from dunguard.errors import InputError
from dunguard.ingest import Reader, detect, reader_by_name, readers

EXPECTED = {
    "sbr": "sbr-xml",
    "sbr_calls": "sbr-calls-xml",
    "ios_sms": "ios-sms-db",
    "ios_calls": "ios-callhistory",
    "sms_ie": "sms-ie-zip",
    "wechatmsg": "wechatmsg-csv",
    "gbk_csv": "csv",
    "jsonl": "jsonl",
}


def test_every_reader_keeps_the_contract() -> None:
    names = [r.name for r in readers()]
    screenshots = ["screenshot", "screenshot-zip"]  # samples drawn in test_screenshot*.py
    assert sorted(names) == sorted([*EXPECTED.values(), *screenshots])
    for r in readers():
        assert isinstance(r, Reader) and r.label


@pytest.mark.parametrize(("key", "name"), sorted(EXPECTED.items()))
def test_each_sample_is_recognised_under_a_misleading_name(exports, tmp_path, key, name) -> None:
    p = tmp_path / "evidence.bin"
    shutil.copy(exports[key], p)
    assert detect(p).name == name


def test_only_its_own_reader_claims_a_sample(exports) -> None:
    from dunguard.ingest import HEAD_SIZE

    for key, name in EXPECTED.items():
        if name == "csv":
            continue  # the generic CSV reader rightly accepts the WeChatMsg CSV too
        head = exports[key].read_bytes()[:HEAD_SIZE]
        claimed = [r.name for r in readers() if r.sniff(head, exports[key])]
        assert claimed[0] == name, (key, claimed)


@pytest.mark.parametrize(
    "content",
    # (a PNG header is a screenshot now: tests/ingest/test_screenshot_bad_input.py)
    [b"\x00\x01\x02\xff" * 100, b"just one line of words", b"GIF89a" + b"\x00" * 40],
)
def test_unknown_content(tmp_path, content) -> None:
    p = tmp_path / "sms.xml"
    p.write_bytes(content)
    with pytest.raises(InputError) as e:
        detect(p)
    assert "无法识别" in e.value.message and e.value.file == str(p)


def test_missing_file_and_unknown_format_name(tmp_path) -> None:
    with pytest.raises(InputError, match="找不到"):
        detect(tmp_path / "nope.xml")
    with pytest.raises(InputError, match="没有名为"):
        reader_by_name("mbox")
    assert reader_by_name("jsonl").name == "jsonl"
