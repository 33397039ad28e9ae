"""WeChatMsg (留痕) CSV export."""

from __future__ import annotations

import shutil

import pytest
from ingest_helpers import MemorySink

from dunguard.errors import InputError
from dunguard.ingest import Problem, detect
from dunguard.ingest.wechatmsg import WeChatMsgCsvReader
from dunguard.model import Channel, Direction


def _read(path, **kw):
    return list(WeChatMsgCsvReader().parse(path, MemorySink(), **kw))


def test_records(exports) -> None:
    recs = _read(exports["wechatmsg"])
    assert len(recs) == 5
    assert all(r.channel is Channel.CHAT for r in recs)
    assert recs[1].text == "今天必须还清8000元，\n否则我们会把你的情况发到你的通讯录群里。"
    assert recs[1].locator.value == "line=3"
    assert recs[2].locator.value == "line=5"  # the body above spans two lines
    assert recs[2].direction is Direction.OUT and recs[2].sender is None
    assert recs[0].counterparty == "催收员小王" and recs[0].sender == "XX资产-王经理"
    assert recs[3].text == "[图片]" and recs[3].attrs["StrContent"].startswith("<msg>")
    assert recs[4].text.endswith("你爸妈的电话我们都有") and "🙂" in recs[4].text
    assert recs[4].time.as_shanghai().strftime("%H:%M") == "23:58"


def test_detected_by_content(exports, tmp_path) -> None:
    p = tmp_path / "chat.txt"
    shutil.copy(exports["wechatmsg"], p)
    assert detect(p).name == "wechatmsg-csv"


def test_bad_time_row(exports, tmp_path) -> None:
    p = tmp_path / "w.csv"
    text = exports["wechatmsg"].read_text("utf-8-sig").replace(",1709816760,", ",明天,")
    p.write_text(text, "utf-8-sig")
    with pytest.raises(InputError) as e:
        _read(p)
    assert e.value.place == "第 3 行" and "CreateTime" in e.value.message
    problems: list[Problem] = []
    assert len(_read(p, salvage=True, problems=problems)) == 4
    assert problems[0].place == "第 3 行"
