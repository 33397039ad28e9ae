"""End-to-end analysis speed on one core, against a naive baseline measured in the same run.

    .venv/bin/python benchmarks/analyze.py [--n 200000] [--baseline-n 20000]
        [--collection-share 0.3] [--with-time] [--chunk 5000] [--rules-only]

Messages are generated from realistic pieces: collection notices and threats of many
lenders, and the ordinary traffic of a phone (bank alerts, verification codes, deliveries,
chat). They are made ``--chunk`` at a time outside the clock (making them costs ~7 µs each,
which is not analysis) and dropped after use, so memory stays bounded. ``--with-time``
passes a sent time with every message, as the CLI does (relative deadlines, law ids by
date). ``--rules-only`` measures the rules without the wording models (likeness.py), as
``dunguard analyze --rules-only`` runs them. The naive baseline runs one ``re.search`` per rule (all of a rule's keywords and
patterns as one alternation, on the raw text) per message. Peak RSS is read after 10% of
the messages and at the end: it must not grow with ``--n``. The throughput goal is
>= 30,000 msg/s on one core.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import islice

from dunguard.model import SHANGHAI
from dunguard.text.engine import Engine

LENDERS = ["招联金融", "马上消费金融", "美团", "京东金融", "度小满", "分期乐", "360借条", "安逸花",
           "中信银行信用卡", "招商银行", "拍拍贷", "众安小贷", "平安普惠", "捷信消费金融"]
COLLECTION = [
    "【{l}】您的借款已逾期{d}天，应还金额{a}元，请尽快还款，以免影响您的个人征信。",
    "【{l}】尊敬的客户，您本期账单今日到期，应还{a}元，请今日内完成还款。",
    "{n}你好，你在{l}的欠款{a}元已逾期{d}天，案件已移交我司贷后部门，今天不处理明天联系你的紧急联系人。",
    "最后通知：我司已安排专员上门拜访，到你户籍地核实情况，欠款{a}元，3日内不还后果自负。",
    "你这种老赖真不要脸，借钱不还，再拖就爆你通讯录，出门小心点。回电{p}",
    "【{l}】您的逾期欠款已委托律师事务所处理，如48小时内仍未还款，将依法提起诉讼。",
    "您好，您是{n}的紧急联系人，他在{l}借款逾期{d}天，请转告他尽快还款。",
    "逾期后每天按欠款的1%收取违约金，今天先还{a}，直接转我支付宝{p}。",
    "你的行为已涉嫌诈骗，今天不还款将移交公安机关追究刑事责任，点击 t.cn/{s} 处理。",
]
ORDINARY = [
    "【{l}】验证码：{c}，5分钟内有效，请勿泄露。",
    "【工商银行】您尾号{c4}卡{mo}月{dd}日消费人民币{a}元，余额{b}元。",
    "【{l}】您的借款将于{mo}月{dd}日到期，应还{a}元，请提前存入足额款项。",
    "【京东快递】您的包裹今天下午由快递员上门取件，请保持电话畅通。",
    "晚上一起吃饭吗？我七点下班，老地方见。",
    "【{l}】您已成功还款{a}元，感谢您的按时还款。",
    "【中国移动】您本月话费账单已出，消费{a}元，详情请登录营业厅查询。",
    "妈，我周末回家，帮我看看车票，{mo}月{dd}日那天的。",
    "【{l}】您有一笔专属额度待领取，最高可借20万，点击领取，回T退订。",
    "【国家反诈中心】公检法机关不会通过电话要求转账，凡是要求转账到安全账户的都是诈骗。",
]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄丽"]


def generate(n: int, share: float, seed: int = 7) -> Iterator[str]:
    rnd = random.Random(seed)
    for _ in range(n):
        tpl = rnd.choice(COLLECTION if rnd.random() < share else ORDINARY)
        yield tpl.format(
            l=rnd.choice(LENDERS), d=rnd.randint(1, 400), a=f"{rnd.randint(100, 99999)}.{rnd.randint(0, 99):02d}",
            n=rnd.choice(NAMES), p=f"1{rnd.randint(3, 9)}{rnd.randint(0, 999999999):09d}",
            s="".join(rnd.choices("abcdefghjkmnpqrstuvwxyzABCDEFGH23456789", k=6)),
            c=f"{rnd.randint(0, 999999):06d}", c4=f"{rnd.randint(0, 9999):04d}",
            mo=rnd.randint(1, 12), dd=rnd.randint(1, 28), b=f"{rnd.randint(0, 99999)}.{rnd.randint(0, 99):02d}",
        )


def chunks(n: int, share: float, size: int) -> Iterator[list[str]]:
    it = generate(n, share)
    while chunk := list(islice(it, size)):
        yield chunk


def naive_patterns(engine: Engine) -> list[re.Pattern[str]]:
    pats = []
    for rule in engine.pack.rules:
        parts = [re.escape(k) for k in rule.keywords] + [p.pattern for p in rule.regex]
        if parts:
            pats.append(re.compile("|".join(parts)))
    return pats


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--baseline-n", type=int, default=20_000)
    ap.add_argument("--collection-share", type=float, default=0.3)
    ap.add_argument("--with-time", action="store_true", help="pass a sent time, as the CLI does")
    ap.add_argument("--chunk", type=int, default=5000, help="messages generated per batch")
    ap.add_argument("--rules-only", action="store_true",
                    help="without the wording models (dunguard analyze --rules-only)")
    args = ap.parse_args()

    engine = Engine.default(rules_only=args.rules_only)
    for t in generate(200, args.collection_share, seed=1):  # warm up caches and lazy loads
        engine.analyze(t)
    analyze = engine.analyze
    chars = done = 0
    rss_early = 0.0
    checkpoint = max(1, args.n // 10)
    engine_s = 0.0
    start = datetime(2026, 1, 5, 8, 0, tzinfo=SHANGHAI)
    for chunk in chunks(args.n, args.collection_share, args.chunk):
        chars += sum(map(len, chunk))
        if args.with_time:
            sent = [start + timedelta(minutes=7 * (done + k)) for k in range(len(chunk))]
            t0 = time.perf_counter()
            for text, at in zip(chunk, sent, strict=True):
                analyze(text, sent_at=at)
        else:
            t0 = time.perf_counter()
            for text in chunk:
                analyze(text)
        engine_s += time.perf_counter() - t0
        done += len(chunk)
        if not rss_early and done >= checkpoint:
            rss_early = rss_mb()
    rss_end = rss_mb()

    pats = naive_patterns(engine)
    naive_s = 0.0
    for chunk in chunks(args.baseline_n, args.collection_share, args.chunk):
        t0 = time.perf_counter()
        for text in chunk:
            for p in pats:
                p.search(text)
        naive_s += time.perf_counter() - t0

    eng_rate = args.n / engine_s
    naive_rate = args.baseline_n / naive_s
    print(f"messages: {args.n:,} (avg {chars / args.n:.0f} chars, {args.collection_share:.0%} collection"
          f"{', with sent times' if args.with_time else ''})")
    what = "normalize+match+resolve+entities" + ("" if args.rules_only else "+wording models")
    print(f"dunguard analyze ({what}): {eng_rate:,.0f} msg/s ({engine_s:.1f} s)")
    print(f"naive baseline, {len(pats)} re.search per message (matching only), "
          f"{args.baseline_n:,} msgs: {naive_rate:,.0f} msg/s")
    print(f"ratio dunguard / naive: {eng_rate / naive_rate:.2f}x")
    print(f"peak RSS after {checkpoint:,} msgs: {rss_early:.0f} MB; after {args.n:,}: {rss_end:.0f} MB")
    print(f"goal >= 30,000 msg/s: {'met' if eng_rate >= 30_000 else 'NOT met'}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
