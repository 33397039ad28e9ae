"""The reading of one file: bad records raise or are kept as problems; parse() stays lazy."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import MemorySink

from dunguard.errors import InputError
from dunguard.ingest import Problem, Reader
from dunguard.ingest.reading import FileReader, Reading


def test_bad_raises_naming_file_and_place() -> None:
    cause = ValueError("x")
    with pytest.raises(InputError) as err:
        Reading("a.csv", MemorySink()).bad("第 3 行", "这一行无法导入。", cause=cause)
    assert (err.value.file, err.value.place, err.value.message) == (
        "a.csv",
        "第 3 行",
        "这一行无法导入。",
    )
    assert err.value.__cause__ is cause


def test_bad_under_salvage_is_a_problem() -> None:
    problems: list[Problem] = []
    reading = Reading("a.csv", MemorySink(), salvage=True, problems=problems)
    reading.bad("第 3 行", "这一行无法导入。")
    reading.warn("第 4 行", "附件是空的。")
    assert problems == [
        Problem("a.csv", "第 3 行", "这一行无法导入。"),
        Problem("a.csv", "第 4 行", "附件是空的。"),
    ]
    Reading("a.csv", MemorySink(), salvage=True).bad("第 3 行", "没有列表也不抛出。")


class _Echo(FileReader):
    name = "echo"
    label = "测试"

    def read(self, path, reading):
        reading.report(7)
        yield (path, reading)


def test_parse_hands_one_reading_to_read() -> None:
    seen: list[int] = []
    problems: list[Problem] = []
    sink = MemorySink()
    gen = _Echo().parse(
        "x/a.csv", sink, salvage=True, problems=problems, mapping={"text": "内容"},
        progress=seen.append,
    )  # fmt: skip
    assert seen == []  # nothing happens before the first record is asked for
    [(path, reading)] = list(gen)
    assert path == Path("x/a.csv")
    assert reading == Reading("x/a.csv", sink, True, problems, {"text": "内容"}, seen.append)
    assert seen == [7]
    assert isinstance(_Echo(), Reader)
