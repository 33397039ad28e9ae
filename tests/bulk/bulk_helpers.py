"""Small realistic inputs for the bulk tests (a module of its own: test files import it)."""

from __future__ import annotations

import json
import random
from pathlib import Path

TEXTS = [
    "尊敬的王芳，您在马上消费金融的借款已逾期{d}天，欠款{a}元，请联系13927405518，不还就通知你的家人和同事。",
    "你这种老赖，再不还就上门，爆你通讯录，转我支付宝13811112222。",
    "【招联金融】您的借款已逾期{d}天，应还金额{a}元，请尽快还款，以免影响您的个人征信。",
    "张伟你好，您是李娜的紧急联系人，她在分期乐借款逾期{d}天，请转告她尽快还款，回电 0755-86001234。",
    "【招商银行】您尾号1234的卡消费{a}元，余额100.00元。",
    "【某某贷】您的逾期欠款已委托律师事务所处理，如48小时内仍未还款，将依法提起诉讼。",
    "晚上一起吃饭吗？我七点下班。",
    "【京东金融】您本期账单今日到期，应还{a}元，请今日内完成还款。",
    "你的行为已涉嫌诈骗，今天不还款将移交公安机关追究刑事责任，点击 t.cn/AbC123 处理。",
]


def messages(n: int, *, cases: int = 6, seed: int = 5) -> list[dict]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        hour = rnd.choice([9, 11, 15, 20, 23, 6])
        rec = {
            "case": f"D{i % cases:03d}",
            "text": rnd.choice(TEXTS).format(d=rnd.randint(1, 90), a=rnd.randint(100, 9999)),
            "sender": rnd.choice(["13900001111", "13900002222", "10690001", "+86 139-0000-3333",
                                  "13900004444", "13900005555", "13900006666"]),
            "time": f"2026-02-{i % 20 + 1:02d}T{hour:02d}:{i % 60:02d}:00+08:00",
        }
        if i % 5:
            rec["id"] = f"m{i}"
        if i % 7 == 0:
            rec["direction"] = "in"
        out.append(rec)
    return out


def write_jsonl(path: Path, recs: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def calls(n: int, *, cases: int = 6, seed: int = 9) -> list[dict]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        out.append({"case": f"D{i % cases:03d}", "number": rnd.choice(["13900001111", "13927405518"]),
                    "time": f"2026-02-0{i % 3 + 1}T{10 + i % 9:02d}:{i % 60:02d}:00+08:00",
                    "duration": rnd.choice([0, 0, 0, 45]),
                    "kind": rnd.choice(["missed", "incoming", "rejected"])})
    return out
