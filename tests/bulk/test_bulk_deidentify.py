"""Phone numbers and names become salted hashes, consistently, and quotes still fit."""

from __future__ import annotations

import pytest

from dunguard.bulk.blocks import NAME_SEP
from dunguard.bulk.deidentify import Deidentifier, SpanMap, apply, is_service_number
from dunguard.bulk.events import Events
from dunguard.bulk.work import analyze_batch

SALT = b"test-salt-0123456789abcdef"


@pytest.mark.parametrize("spelling", ["13927405518", "+86 139-2740-5518", "139 2740 5518",
                                      "0086 13927405518"])
def test_a_number_has_one_token_however_written(spelling):
    d = Deidentifier(SALT)
    token = d.phone("13927405518")
    assert token.startswith("P#") and not any(c.isdigit() for c in token)
    assert d.phone(spelling) == token
    assert d.text(f"请回电{spelling}。") == f"请回电{token}。"


def test_salt_changes_tokens_and_no_salt_changes_nothing():
    assert Deidentifier(SALT).phone("13927405518") != Deidentifier(SALT + b"x").phone("13927405518")
    plain = Deidentifier(None)
    assert plain.phone("13927405518") == "13927405518"
    assert plain.text("尊敬的王芳，回电13927405518") == "尊敬的王芳，回电13927405518"


@pytest.mark.parametrize("number", ["10690001", "95588", "4008205555", "10086", "12345"])
def test_lenders_service_numbers_stay(number):
    assert is_service_number(number)
    assert Deidentifier(SALT).phone(number) == number


@pytest.mark.parametrize(("text", "name"), [
    ("尊敬的王芳，您已逾期", "王芳"), ("张伟你好，请还款", "张伟"), ("您是李娜的紧急联系人", "李娜"),
    ("客户欧阳小明先生", "欧阳小明"), ("借款人赵磊逾期30天", "赵磊"),
])
def test_names_where_messages_put_them(text, name):
    d = Deidentifier(SALT)
    out = d.text(text)
    assert name not in out and d.name(name) in out


def test_names_from_the_table_anywhere_and_ordinary_words_kept():
    d = Deidentifier(SALT)
    assert d.text("小芬，马上还钱", names=["小芬"]) == f"{d.name('小芬')}，马上还钱"
    assert d.text("马上消费金融提醒您马上还款") == "马上消费金融提醒您马上还款"


def test_ids_and_cards_hashed():
    d = Deidentifier(SALT)
    out = d.text("身份证110101199003071234，卡号6222021234567890123")
    assert "110101199003071234" not in out and "6222021234567890123" not in out
    assert out.count("ID#") == 2


def test_span_map_moves_positions_past_and_into_replacements():
    text = "请王芳回电13927405518后再说"
    reps = Deidentifier(SALT).replacements(text, names=["王芳"])
    new = apply(text, reps)
    m = SpanMap(reps)
    s, e = text.index("后再说"), len(text)
    assert new[m.start(s):m.end(e)] == "后再说"
    s, e = text.index("回电"), text.index("后")
    assert new[m.start(s):m.end(e)].startswith("回电P#")


def test_a_token_is_the_salted_hmac_in_letters():
    import hashlib
    import hmac

    for salt in (SALT, b"s" * 100):
        n = int.from_bytes(hmac.new(salt, b"P13927405518", hashlib.sha256).digest()[:8], "big")
        letters = []
        for _ in range(10):
            n, r = divmod(n, 23)
            letters.append("abcdefghjkmnpqrstuvwxyz"[r])
        assert Deidentifier(salt).phone("13927405518") == "P#" + "".join(letters)


def test_batch_quotes_are_the_rewritten_text_at_their_spans():
    texts = ["尊敬的王芳，您在马上消费金融的借款已逾期30天，请联系13927405518，不还就通知你的家人。",
             "小芬你这种老赖，转我支付宝13811112222，不然爆你通讯录。"]
    cols = {
        "source": "t", "row": [1, 2], "case": ["c", "c"], "id": ["1", "2"],
        "text": texts, "sender": ["13900001111", "10690001"], "recipient": [None, None],
        "direction": [None, None], "agency": [None, None], "collector": ["刘洋", None],
        "lender": [None, None], "names": ["", NAME_SEP.join(["小芬"])],
        "time_ms": [None, None], "time_off": [None, None], "error": [None, None],
    }
    events = Events(1)
    batch = analyze_batch(cols, Deidentifier(SALT), events)
    rows = batch.messages.to_pylist()
    for r in rows:
        for f in r["findings"]:
            s, e = f["span"]
            assert r["text"][s:e] == f["quote"]
        dump = repr(r)
        for raw in ("13927405518", "13811112222", "13900001111", "王芳", "小芬", "刘洋"):
            assert raw not in dump
    assert rows[1]["sender"] == "10690001"
    # the events keep raw numbers, for the timeline only (never written to an output)
    assert [e[4] for e in events.rows] == ["13900001111", "10690001"]
