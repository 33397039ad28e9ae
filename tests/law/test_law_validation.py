"""load_files refuses inconsistent data and names the provision id."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dunguard.errors import LawBaseError
from dunguard.law import load_files


def record(**changes):
    good = {
        "id": "测试法:1",
        "instrument": "测试法",
        "short": "测试法",
        "cite_title": "《测试法》",
        "article": "第1条",
        "text": "第一款。\n\n第二款。",
        "in_force_from": "2021-01-01",
        "in_force_to": None,
        "bindingness": "law",
        "source": "owner/repo · path.md · " + "0" * 40,
        "confidence": "C",
        "verbatim": True,
    }
    good.update(changes)
    return {k: v for k, v in good.items() if v != "DROP"}


def write(tmp_path: Path, *records) -> Path:
    path = tmp_path / "provisions.yaml"
    path.write_text(yaml.safe_dump({"provisions": list(records)}, allow_unicode=True), "utf-8")
    return path


def test_good_record_loads(tmp_path):
    base = load_files([write(tmp_path, record())])
    p = base.get("测试法:1")
    assert p.paragraphs == ("第一款。", "第二款。")
    assert p.in_force_from.isoformat() == "2021-01-01"


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"bindingness": "custom"}, "未知的效力类别"),
        ({"confidence": "Z"}, "未知的可信度标记"),
        ({"in_force_from": "2021-02-30"}, "不是有效日期"),
        ({"in_force_to": "2020-01-01"}, "终止日期早于起始日期"),
        ({"text": "  "}, "text 必须是非空文本"),
        ({"source": "DROP"}, "缺少字段 source"),
        ({"extra": 1}, "未知字段 extra"),
        ({"verbatim": "yes"}, "verbatim 必须是 true 或 false"),
        ({"confidence": "S"}, "原文条目的可信度必须是 C"),
        ({"article": None}, "必须有 topic"),
        ({"replaces": "测试法:0"}, "测试法:0 不在条文库中"),
        ({"short": "别的法"}, "编号应为"),
    ],
)
def test_bad_record_raises_naming_the_id(tmp_path, changes, fragment):
    with pytest.raises(LawBaseError) as excinfo:
        load_files([write(tmp_path, record(**changes))])
    message = str(excinfo.value)
    assert "测试法:1" in message
    assert fragment in message
    assert "provisions.yaml" in message


def test_duplicate_id_raises(tmp_path):
    with pytest.raises(LawBaseError, match="重复：测试法:1"):
        load_files([write(tmp_path, record(), record())])


def test_replacement_must_follow_in_time(tmp_path):
    old = record(
        id="测试法(旧):1", short="测试法(旧)", in_force_from="2013-01-01", in_force_to="2025-12-31"
    )
    overlapping = record(replaces="测试法(旧):1", in_force_from="2025-06-01")
    with pytest.raises(LawBaseError, match="衔接不上"):
        load_files([write(tmp_path, old, overlapping)])
    fine = record(replaces="测试法(旧):1", in_force_from="2026-01-01")
    assert load_files([write(tmp_path, old, fine)]).successor("测试法(旧):1").id == "测试法:1"


def test_missing_provisions_list_raises(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("other: []\n", "utf-8")
    with pytest.raises(LawBaseError, match="provisions"):
        load_files([path])
