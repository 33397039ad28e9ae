"""Build the labelled message corpus (dev.jsonl + heldout.jsonl).

Usage:  python tests/corpus/build_corpus.py

Sources:
  * src/hand_*.txt  -- hand-written messages, one per line:
        cat|stage|tactics|lender_kind|style|sender_kind|text
    ("\\n" in text is a line break, "{ZW}" a zero-width space).
  * src/dev_*.txt   -- hand-written messages in the same format that go to dev.jsonl
    only. They are added after the 60/40 cut and the heldout file is written, with
    their own seed, so adding them changes neither heldout.jsonl nor the existing
    dev rows (rule authors add material for tuning without touching the held-out set).
  * src/fresh_*.txt -- an independent hand-written set in the same format, written by someone who
    had not seen the rules, the engine or the other corpus files. Deduplicated against everything
    above, shuffled with its own seed and cut 50/50: one half is appended to dev.jsonl (after the
    dev-only rows), the other half is written to heldout_fresh.jsonl (ids f0001...). Nothing
    written before it changes.
  * the generator families below (slot fillers and clause pools whose labels
    are attached to the clauses, so every generated label is traceable to the
    words that justify it).

Labels follow /work/shared/taxonomy.md (sections 1-3 and the boundary cases in 7).
The seed is fixed, so the output is reproducible.
"""

from __future__ import annotations

import json
import random
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20260108
HERE = Path(__file__).resolve().parent
ZW = "\u200b"

CAT = {"c": "collection", "s": "scam", "o": "other"}
STAGE = {"v": "visit", "l": "legal", "w": "warning", "r": "reminder", "-": None}
TAC = {
    "tp": "third_party", "pe": "public_exposure", "in": "insult", "th": "threat",
    "fc": "false_criminal", "im": "impersonation", "ef": "excessive_fees",
    "pp": "pay_to_personal", "sl": "suspicious_link",
}
TACTIC_ORDER = list(TAC.values())
STAGE_RANK = {"visit": 4, "legal": 3, "warning": 2, "reminder": 1, None: 0}
LENDER_KINDS = {"bank_card", "bank_loan", "consumer_finance", "online_lender",
                "collection_agency", "law_firm_brand", "private", "scam", "none"}

R = random.Random(SEED)

# ---------------------------------------------------------------- slot fillers
SURNAMES = list("张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN_M = ["伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "平", "刚", "建华", "志强", "晓东", "子豪", "浩然", "俊杰",
           "思远", "宇航", "鹏", "辉", "凯", "斌", "波", "亮", "飞", "建国", "国强", "小龙", "振华", "立新", "永刚", "德明"]
GIVEN_F = ["芳", "娜", "敏", "静", "丽", "艳", "娟", "秀英", "霞", "桂英", "金凤", "玉兰", "海燕", "雨欣", "梓涵", "佳怡", "欣怡",
           "婷婷", "倩", "楠", "琳", "雪", "慧", "春梅", "晓燕", "红梅"]
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
         "刚", "桂英", "建华", "文", "华", "金凤", "玉兰", "志强", "海燕", "晓东", "子豪", "雨欣", "浩然", "梓涵", "俊杰", "佳怡",
         "思远", "欣怡", "宇航", "婷婷", "鹏", "辉", "晨", "凯", "倩", "楠", "琳", "斌", "波", "宁", "亮", "飞", "雪", "慧",
         "建国", "国强", "春梅", "小龙", "晓燕", "振华", "立新", "红梅", "永刚", "德明"]

BANK_CARD = ["招商银行信用卡", "广发银行信用卡", "浦发银行信用卡", "中信银行信用卡", "交通银行信用卡", "平安银行信用卡",
             "光大银行信用卡", "民生银行信用卡", "建设银行信用卡", "工商银行信用卡", "兴业银行信用卡", "华夏银行信用卡",
             "农业银行信用卡", "中国银行信用卡"]
BANK_LOAN = ["建行快贷", "工行融e借", "招行闪电贷", "平安新一贷", "邮储邮享贷", "农行网捷贷", "宁波银行白领通", "中行中银E贷"]
CONSUMER = ["招联消费金融", "马上消费金融", "中银消费金融", "兴业消费金融", "捷信消费金融", "中邮消费金融", "海尔消费金融",
            "苏宁消费金融", "哈银消费金融", "北银消费金融", "湖北消费金融", "杭银消费金融", "宁银消费金融", "平安消费金融",
            "长银五八消费金融", "尚诚消费金融"]
ONLINE = ["借呗", "花呗", "京东金条", "京东白条", "微粒贷", "美团月付", "美团借钱", "度小满", "有钱花", "分期乐", "360借条",
          "奇富借条", "安逸花", "拍拍贷", "信用飞", "你我贷", "众安小贷", "洋钱罐", "小赢卡贷", "还呗", "省呗", "桔子分期",
          "羊小咩", "榕树贷款", "抖音月付", "放心借", "滴滴金融", "携程借款", "苏宁任性贷", "好分期"]
# signature used in 【】 for 106 templates, with lender_kind
SIGNATURES = [(s, "online_lender") for s in ["借呗", "花呗", "京东金融", "微众银行", "美团", "度小满", "分期乐", "360借条",
                                             "奇富借条", "安逸花", "拍拍贷", "信用飞", "你我贷", "众安小贷", "洋钱罐", "小赢卡贷",
                                             "还呗", "省呗", "桔子分期", "羊小咩", "榕树贷款", "抖音月付", "有钱花", "放心借"]] + \
             [(s, "consumer_finance") for s in ["招联金融", "马上消费", "中银消费金融", "兴业消费金融", "捷信", "中邮消费金融",
                                                "海尔消费金融", "哈银消费金融", "北银消费金融", "湖北消费金融", "杭银消费金融",
                                                "平安消费金融", "长银五八消费金融"]]
BANK_SIGS = [("招商银行", "95555"), ("广发银行", "95508"), ("浦发银行", "95528"), ("中信银行", "95558"),
             ("交通银行", "95559"), ("平安银行", "95511"), ("光大银行", "95595"), ("民生银行", "95568"),
             ("建设银行", "95533"), ("工商银行", "95588"), ("兴业银行", "95561"), ("华夏银行", "95577"),
             ("农业银行", "95599"), ("中国银行", "95566"), ("邮储银行", "95580")]
BANK_DOMAINS = {"招商银行": "https://cc.cmbchina.com", "广发银行": "https://card.cgbchina.com.cn",
                "浦发银行": "https://www.spdb.com.cn", "中信银行": "https://creditcard.ecitic.com",
                "交通银行": "https://creditcard.bankcomm.com", "平安银行": "https://bank.pingan.com",
                "建设银行": "https://www.ccb.com", "工商银行": "https://www.icbc.com.cn"}
AGENCIES = ["华信达资产管理", "鼎诚资产", "汇众信息咨询", "恒泰商务咨询", "融达风控", "信和资产管理", "安诚法务",
            "中诚信催收外包", "德正资产", "润泽风控中心", "金盾资产管理", "联合法务调解中心"]
COLLECTORS = ["小王", "小李", "张专员", "刘主管", "陈经理", "赵组长", "周专员", "杨组长", "黄专员", "徐经理", "孙主任"]
RELATIVES = ["父亲", "母亲", "爸爸", "妈妈", "哥哥", "姐姐", "弟弟", "妹妹", "妻子", "爱人", "丈夫", "舅舅", "姑姑", "表哥"]
AREAS = ["021", "010", "0755", "020", "0571", "023", "028", "027", "0731", "0371", "0551", "0592", "0769", "0512"]
DEADLINES = ["明天", "今天下午5点前", "3日内", "24小时内", "本月底前", "1月10日前", "48小时内", "本周五前", "今晚12点前",
             "2月5日18:00前", "1月20日前", "明天中午12点前", "两天内", "今天之内", "2月1日前", "5个工作日内"]


def pick(seq):
    return R.choice(seq)


def name(gender=None):
    given = {"m": GIVEN_M, "f": GIVEN_F}.get(gender, GIVEN)
    return pick(SURNAMES) + pick(given)


def mobile():
    return pick(["13", "15", "17", "18", "19", "16"]) + str(R.randint(0, 9)) + "".join(str(R.randint(0, 9)) for _ in range(8))


def masked_mobile():
    m = mobile()
    return m[:3] + "****" + m[7:]


def landline():
    a = pick(AREAS)
    n = 8 if len(a) == 3 else pick([7, 8])
    return a + "-" + str(R.randint(2, 8)) + "".join(str(R.randint(0, 9)) for _ in range(n - 1))


def hotline():
    return "400-" + str(R.randint(100, 999)) + "-" + str(R.randint(1000, 9999))


def card_no():
    d = "62" + "".join(str(R.randint(0, 9)) for _ in range(17))
    return " ".join([d[0:4], d[4:8], d[8:12], d[12:16], d[16:]])


def short_link():
    alnum = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    code = "".join(R.choice(alnum) for _ in range(R.randint(5, 8)))
    host = pick(["t.cn/", "dwz.cn/", "url.cn/", "suo.im/", "c7.gg/", "tb.cn/", "u.nu/"])
    return host + code


def odd_domain_link():
    w = pick(["hk", "jr", "dk", "fq", "hx", "zx", "pay", "kf", "fw", "tj"])
    tld = pick([".top", ".cc", ".vip", ".xyz", ".icu", ".cn", ".com"])
    path = pick(["/pay", "/h5", "/r", "/s", "/hk", "/m/index", "/case"])
    return pick(["http://", "https://", ""]) + w + str(R.randint(10, 999)) + pick(["", "-pay", "-fw", "-hk"]) + tld + path


def any_bad_link():
    return short_link() if R.random() < 0.6 else odd_domain_link()


CN_DIGITS = "零一二三四五六七八九"


def cn_int(n: int) -> str:
    """Chinese numeral for 0 < n < 10**8 (e.g. 3560 -> 三千五百六十)."""
    def under_10k(x: int) -> str:
        out, zero = "", False
        for unit, div in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d, x = divmod(x, div)
            if d:
                if zero:
                    out += "零"
                    zero = False
                out += CN_DIGITS[d] + unit
            elif out:
                zero = True
        return out
    wan, rest = divmod(n, 10000)
    if wan:
        s = under_10k(wan) + "万"
        s = "两" + s[1:] if s.startswith("二万") else s
        if rest:
            s += ("零" if rest < 1000 else "") + under_10k(rest)
        return s
    s = under_10k(rest)
    s = s[1:] if s.startswith("一十") else s
    return "两" + s[1:] if s[:2] in ("二万", "二千") else s


def amount(lo=500, hi=60000):
    v = R.randint(lo, hi)
    cents = R.randint(0, 99)
    style = R.randint(0, 9)
    if style == 0:
        return f"{v}元"
    if style == 1:
        return f"{v:,}.{cents:02d}元"
    if style == 2:
        return f"{v}.{cents:02d}元"
    if style == 3 and v >= 10000:
        return f"{round(v / 10000, 1)}万"
    if style == 3:
        k, h = divmod(v, 1000)
        return f"{k}千{h // 100}" if h >= 100 else f"{k}千"
    if style == 4:
        return cn_int(round(v, -1)) + "元"
    if style == 5:
        return f"￥{v:,}.{cents:02d}"
    if style == 6:
        return f"人民币{v}元"
    if style == 7:
        return f"{v}块"
    if style == 8:
        return f"{v:,}元"
    return f"{v}.{cents:02d}"


def days():
    return pick([R.randint(1, 9), R.randint(10, 45), R.randint(46, 120), R.randint(121, 400)])


def wx_id():
    return pick(["wx", "kf", "hk", "cs", "fw"]) + "".join(R.choice("abcdefghjkmnpqrstuvwxyz0123456789") for _ in range(R.randint(5, 9)))


# ---------------------------------------------------------------- hand-written
def load_hand(pattern="hand_*.txt"):
    out = []
    for p in sorted((HERE / "src").glob(pattern)):
        for ln, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("|", 6)
            assert len(parts) == 7, (p.name, ln, line)
            cat, st, tac, lk, style, sk, text = parts
            tactics = [] if tac == "-" else [TAC[t] for t in tac.split(",")]
            text = text.replace("\\n", "\n").replace("{ZW}", ZW)
            out.append(dict(text=text, category=CAT[cat], stage=STAGE[st], tactics=tactics,
                            lender_kind=lk, style=style, sk=sk, src=f"{p.name}:{ln}"))
    return out


# ---------------------------------------------------------------- G1: collectors' own phones
FACTS = [
    "你在{L}的借款已经逾期{d}天了，欠款{A}。",
    "你{L}的账单逾期{d}天，一共{A}。",
    "你名下{L}的欠款{A}，到今天逾期{d}天。",
    "{L}这笔{A}你打算什么时候还？已经逾期{d}天了。",
    "你在{L}借的钱到现在没还，逾期第{d}天，金额{A}。",
    "查到你{L}逾期{d}天，待还{A}，一直没有处理。",
    "你的{L}已经逾期{d}天，本息合计{A}。",
    "{L}欠款{A}，逾期{d}天，电话一直不接。",
    "你{L}的案子现在在我手上，欠款{A}，逾期{d}天。",
    "{L}那边的{A}拖了{d}天了，你到底还不还？",
    "你的{L}账户逾期{d}天，应还{A}，今天必须给个说法。",
    "我是{L}贷后部门的，你的借款逾期{d}天，欠款{A}。",
]
GREETS = ["{N}，", "{N}你好，", "{NM}先生，", "{NF}女士，", "", "", "喂，", "{N}：", "看到回复。", "在吗？"]

# (text, stage, tactics)
ESC = {
    "warn": [
        ("逾期记录我们会按流程上报征信。", "warning", []),
        ("今天是给你的最后通知。", "warning", []),
        ("再不处理案件就移交催收部门了。", "warning", []),
        ("明天案件转委外，到时候就不是我这么好说话了。", "warning", []),
        ("已经把你列入平台黑名单，以后正规平台都借不了。", "warning", []),
        ("不处理后果自负。", "warning", []),
        ("公司将对你采取进一步措施。", "warning", []),
        ("过了今天就没有协商的机会了。", "warning", []),
        ("你的账户明天升级为重点催收。", "warning", []),
    ],
    "tp": [
        ("再不还就联系你的紧急联系人。", "warning", ["third_party"]),
        ("今晚开始给你通讯录里的人打电话。", "warning", ["third_party"]),
        ("我们会通知你父母和你单位领导。", "warning", ["third_party"]),
        ("你爱人和父母的电话我们都有，要不要让他们知道？", "warning", ["third_party"]),
        ("明天开始联系你的同事，让大家帮你想想办法。", "warning", ["third_party"]),
        ("不还的话你通讯录里每个人都会收到我们的短信。", "warning", ["third_party"]),
        ("你房东的电话我们也查到了。", "warning", ["third_party"]),
    ],
    "pe": [
        ("再拖就把你的欠款信息发到网上曝光。", "warning", ["public_exposure"]),
        ("不还就在你小区门口张贴催收公告。", "warning", ["public_exposure"]),
        ("你的事我们会发到抖音和朋友圈，让大家看看。", "warning", ["public_exposure"]),
        ("通讯录群发你的欠款信息，说到做到。", "warning", ["third_party", "public_exposure"]),
        ("你的身份证照片会出现在本地论坛的曝光贴里。", "warning", ["public_exposure"]),
    ],
    "th": [
        ("你的日子不会好过。", "warning", ["threat"]),
        ("出门小心点。", "warning", ["threat"]),
        ("别怪我们不客气。", "warning", ["threat"]),
        ("你家人最近还好吧？让他们出门注意安全。", "warning", ["threat"]),
        ("我们有的是办法让你在单位干不下去。", "warning", ["threat"]),
        ("你的生活将受到严重影响。", "warning", ["threat"]),
        ("信不信明天就有人去找你麻烦。", "warning", ["threat"]),
        ("你那辆车我们知道停在哪，月底不还就拖走。", "warning", ["threat"]),
    ],
    "ef": [
        ("从今天起每天按欠款的1%加收罚息。", "warning", ["excessive_fees"]),
        ("逾期罚金按日2%计算，拖越久越多。", "warning", ["excessive_fees"]),
        ("另外要加收催收服务费{fee}元。", "warning", ["excessive_fees"]),
        ("已经产生高额罚金，今天不处理明天翻倍。", "warning", ["excessive_fees"]),
        ("超过90天要收欠款30%的催收费。", "warning", ["excessive_fees"]),
    ],
    "visit": [
        ("明天安排外访人员到你户籍地。", "visit", []),
        ("这周会有同事上门核实。", "visit", []),
        ("我们的人下周到你家里面谈。", "visit", []),
        ("准备好接待我们的上门人员。", "visit", []),
        ("到时候直接去你单位找你。", "visit", []),
        ("外访组已经在路上了。", "visit", []),
        ("会派人到你老家村委会了解情况。", "visit", ["third_party"]),
        ("我们会上门找你父母当面沟通。", "visit", ["third_party"]),
        ("上门的差旅费{fee}元全部由你承担。", "visit", ["excessive_fees"]),
    ],
    "legal": [
        ("公司已经在准备起诉材料。", "legal", []),
        ("案件即将移交法务部起诉。", "legal", []),
        ("下周就向法院提交立案申请。", "legal", []),
        ("我们将依法追究你的法律责任。", "legal", []),
        ("等着收法院传票吧。", "legal", []),
        ("律师函这两天就寄到你户籍地。", "legal", []),
        ("判决下来你就是失信被执行人，高铁飞机都坐不了。", "legal", []),
        ("平台会申请仲裁，裁决后直接申请强制执行。", "legal", []),
    ],
    "fc": [
        ("你这已经涉嫌诈骗了，公司准备报案。", "legal", ["false_criminal"]),
        ("恶意拖欠是要坐牢的。", "legal", ["false_criminal"]),
        ("我们已经把你的资料交给公安了，等着被拘留吧。", "legal", ["false_criminal"]),
        ("你的信息已经进入公安系统，出行会受限。", "legal", ["false_criminal"]),
        ("再不还就是刑事责任，不是民事纠纷了。", "legal", ["false_criminal"]),
        ("经侦那边已经立案，过两天就来抓人。", "legal", ["false_criminal"]),
    ],
}
INSULTS = ["老赖一个，", "你这种人真不要脸，", "借钱不还的废物，", "欠钱不还还有脸拉黑？", "骗子！", "没脸没皮的东西，",
           "你爹妈就教你欠钱不还？", "垃圾一个，"]
DEMANDS = ["请今天内处理。", "赶紧还款。", "今天把钱还了。", "请尽快还款，有困难可以沟通。", "看到回电。", "今天先还一部分也行。",
           "请{DL}还清。", "最晚{DL}处理掉。", "{DL}必须结清。", "马上处理。"]
PAY_OK = ["在APP上还就行。", "还款走APP官方通道。", "", "", ""]
PAY_PP = ["直接转我微信{wx}。", "钱打到这个卡：{card} {pname}。", "支付宝转{phone}（{pname}），备注身份证后四位。",
          "加我微信{wx}发你收款码。", "APP通道关了，转到我们主管个人账户：{card}。"]
PAY_SL = ["还款链接：{link}", "点 {link} 处理。", "打开 {link} 查看欠款并还款。"]
SIGNS = ["", "", "——{agency} {coll}", "回电{phone}", "{coll}，工号{n}", "【{agency}】", "联系电话{land}"]


def fill(t: str, **kw) -> str:
    vals = dict(L=pick(ONLINE + CONSUMER + BANK_CARD[:6]), d=days(), A=amount(), N=name(), NM=name("m"), NF=name("f"),
                DL=pick(DEADLINES),
                fee=pick([300, 500, 800, 1000, 1200, 1500, 2000]), wx=wx_id(), card=card_no(), pname=name(),
                phone=mobile(), link=any_bad_link(), agency=pick(AGENCIES), coll=pick(COLLECTORS), n=R.randint(1001, 9899),
                land=landline())
    vals.update(kw)
    return t.format(**vals)


def combine(parts):
    stage, tactics = "reminder", []
    for _, st, tac in parts:
        if STAGE_RANK[st] > STAGE_RANK[stage]:
            stage = st
        for t in tac:
            if t not in tactics:
                tactics.append(t)
    return stage, tactics


def gen_collector(n):
    out = []
    groups = list(ESC)
    weights = {"warn": 3, "tp": 3, "pe": 2, "th": 2.6, "ef": 2.6, "visit": 3, "legal": 3, "fc": 2.8}
    for _ in range(n):
        k = R.choices([0, 1, 2, 3], [12, 45, 32, 11])[0]
        chosen = []
        pool = groups[:]
        for _ in range(k):
            g = R.choices(pool, [weights[x] for x in pool])[0]
            pool.remove(g)
            chosen.append(g)
        parts = [(fill(pick(GREETS)) + fill(pick(FACTS)), "reminder", [])]
        for g in chosen:
            t, st, tac = pick(ESC[g])
            parts.append((fill(t), st, tac))
        crude = any(g in ("th", "pe", "fc") for g in chosen)
        if R.random() < (0.35 if crude else 0.12):
            parts.insert(0, (pick(INSULTS), "reminder", ["insult"]))
            crude = True
        parts.append((fill(pick(DEMANDS)), "reminder", []))
        r = R.random()
        if r < 0.16:
            parts.append((fill(pick(PAY_PP)), "reminder", ["pay_to_personal"]))
        elif r < 0.30:
            parts.append((fill(pick(PAY_SL)), "reminder", ["suspicious_link"]))
        else:
            parts.append((fill(pick(PAY_OK)), "reminder", []))
        parts.append((fill(pick(SIGNS)), "reminder", []))
        stage, tactics = combine(parts)
        text = "".join(p[0] for p in parts)
        style = "mobile_crude" if crude or chosen else "mobile_polite"
        lk = "collection_agency" if R.random() < 0.8 else "online_lender"
        out.append(dict(text=text, category="collection", stage=stage, tactics=tactics, lender_kind=lk,
                        style=style, sk=pick(["mob", "mob", "mob", "land"]), src="gen:collector"))
    return out


# ---------------------------------------------------------------- obfuscation / traditional
OBF = {
    "上门": ["上 门", "仩门", "上.门", "上" + ZW + "门", "上-门"],
    "通讯录": ["通讯彔", "通-讯-录", "通迅录", "tong讯录", "通讯" + ZW + "录", "通*讯*录"],
    "起诉": ["起 诉", "起訴", "起" + ZW + "诉", "qi诉"],
    "曝光": ["暴光", "曝 光", "曝" + ZW + "光", "bao光"],
    "逾期": ["逾 期", "渝期", "yu期", "逾" + ZW + "期"],
    "还款": ["还 款", "還款", "huan款", "还" + ZW + "款"],
    "法院": ["法 院", "珐院", "法" + ZW + "院"],
    "家人": ["家 人", "jia人", "家" + ZW + "人"],
    "老赖": ["老*赖", "老 赖", "lao赖"],
    "报案": ["报 案", "bao案", "報案"],
    "坐牢": ["坐 牢", "zuo牢"],
    "微信": ["VX", "薇信", "V信", "威信"],
    "支付宝": ["zfb", "支 付 宝"],
    "律师函": ["律 师 函", "律" + ZW + "师函"],
    "催收": ["摧收", "催 收", "cui收"],
    "欠款": ["qian款", "欠 款", "欠" + ZW + "款"],
    "外访": ["外 访", "wai访"],
    "紧急联系人": ["紧急联 系人", "紧急lian系人"],
    "拘留": ["拘 留", "ju留"],
}
FW = {c: chr(ord(c) + 0xFEE0) for c in "0123456789"}


def obfuscate(text: str) -> str:
    keys = [k for k in OBF if k in text]
    R.shuffle(keys)
    for k in keys[: R.randint(1, 3)]:
        text = text.replace(k, pick(OBF[k]))
    if R.random() < 0.35:
        text = "".join(FW.get(c, c) for c in text)
    if R.random() < 0.3:
        chars = list(text)
        for _ in range(R.randint(2, 5)):
            i = R.randint(1, len(chars) - 1)
            if "\u4e00" <= chars[i] <= "\u9fff" and "\u4e00" <= chars[i - 1] <= "\u9fff":
                chars.insert(i, ZW)
        text = "".join(chars)
    return text


S2T = dict(zip(
    "贵况诚专续继涨则职业义审闭维护仅须双扫页获还钱门后这个们会让说时间给发现话电联诉讼务师报网贷处单领导亲属录讯对为从无与将经过进开关东车长问题见头实际费罚额账户银转请尽响记严执强传诈骗责协调托团队员访当边乡里么样难别气点内数万块条号码资产风险级众乐呗宝买卖书证没丢脸赖废圾骂该吗试认识准备压办动达运远连选递邮缴纳税结欢应态带着觉络图贴区县镇广场楼层红张刘陈杨赵黄吴郑孙马罗谢许邓冯韩龙叶苏卢鲁肖钟谭陆汪贾韦邹闫顾龚华军伟丽涛强杰娟艳凤兰欣宁亮飞雪慧国梅刚庆晓标线状态损赔偿计划难儿孙爷奶妈爸哥弟妇婶叙疯狠厉滚灭毁杀杂种尔间单让机构关销户园贷监级划归负",
    "貴況誠專續繼漲則職業義審閉維護僅須雙掃頁獲還錢門後這個們會讓說時間給發現話電聯訴訟務師報網貸處單領導親屬錄訊對為從無與將經過進開關東車長問題見頭實際費罰額賬戶銀轉請盡響記嚴執強傳詐騙責協調託團隊員訪當邊鄉裡麼樣難別氣點內數萬塊條號碼資產風險級眾樂唄寶買賣書證沒丟臉賴廢圾罵該嗎試認識準備壓辦動達運遠連選遞郵繳納稅結歡應態帶著覺絡圖貼區縣鎮廣場樓層紅張劉陳楊趙黃吳鄭孫馬羅謝許鄧馮韓龍葉蘇盧魯肖鍾譚陸汪賈韋鄒閆顧龔華軍偉麗濤強傑娟艷鳳蘭欣寧亮飛雪慧國梅剛慶曉標線狀態損賠償計劃難兒孫爺奶媽爸哥弟婦嬸敘瘋狠厲滾滅毀殺雜種爾間單讓機構關銷戶園貸監級劃歸負",
    strict=True,
))
assert len(S2T) == len(set(S2T)), "S2T keys"
S2T_PHRASE = {"联系": "聯繫", "征信": "徵信", "干什么": "幹什麼", "出门": "出門"}


def to_traditional(text: str) -> str:
    for a, b in S2T_PHRASE.items():
        text = text.replace(a, b)
    return "".join(S2T.get(c, c) for c in text)


# ---------------------------------------------------------------- G2: 106-port templates
T106 = [
    ("【{S}】尊敬的用户，您的借款今日到期，应还{A}，请于今日内还款，以免影响信用。", "reminder", []),
    ("【{S}】您的账单已逾期{d}天，待还{A}，请尽快还款。如已还款请忽略。", "reminder", []),
    ("【{S}】{N}您好，您尾号{k}的银行卡扣款失败，今日应还{A}，请及时登录APP还款。", "reminder", []),
    ("【{S}】您已逾期{d}天，逾期金额{A}，已产生罚息{small}元，请尽快还款。", "reminder", []),
    ("【{S}】提醒：今天是您的最后还款日，剩余应还{A}，还款后可恢复额度并有机会提额。", "reminder", []),
    ("【{S}】您好，您的借款已逾期，为避免影响您的个人征信，请于{DL}完成还款。", "reminder", []),
    ("【{S}】亲爱的用户，您有一笔{A}的账单已逾期{d}天，逾期会产生违约金，请尽快处理。退订回T", "reminder", []),
    ("【{S}】您的借款已逾期{d}天，可申请减免部分罚息，申请通道今日关闭，请登录APP查看。", "reminder", []),
    ("【{S}】您好，您的借款已逾期{d}天，逾期信息将上报人行征信系统，请于{DL}还款。", "warning", []),
    ("【{S}】最后通知：您的账户逾期{d}天，欠款{A}，{DL}仍未还款将移交第三方催收机构。", "warning", []),
    ("【{S}】您的账户已转入专项催收，如继续拖欠，由此产生的一切后果由您本人承担。", "warning", []),
    ("【{S}】您的借款逾期已超{d}天，平台将解除借款合同并要求您一次性结清全部欠款{A}。", "warning", []),
    ("【{S}】您的逾期欠款{A}已纳入平台黑名单管理，如{DL}未处理，平台将采取进一步措施。", "warning", []),
    ("【{S}】您的借款逾期{d}天，案件已移交法务部门，{DL}未处理将启动诉讼程序。", "legal", []),
    ("【{S}】您的欠款{A}已进入诉前审核，平台保留追究您法律责任的权利，请于{DL}处理。", "legal", []),
    ("【{S}】您的借款已严重逾期，平台拟向合同约定的仲裁机构申请仲裁，请尽快联系处理。", "legal", []),
    ("【{S}】您好，您的欠款已逾期{d}天，平台已委托律师事务所准备起诉，请于{DL}联系{hot}协商。", "legal", []),
    ("【{S}】您的借款逾期{d}天未还，平台将委托合作机构近期上门走访，请保持电话畅通。", "visit", []),
    ("【{S}】您的欠款{A}长期未还，已安排属地外访专员实地核实您的还款能力，请知悉。", "visit", []),
    ("【{S}】您的借款逾期{d}天，应还{A}，点击 {link} 立即还款。", "reminder", ["suspicious_link"]),
    ("【{S}】逾期提醒：欠款{A}，{DL}未还将上报征信，还款请戳 {link}", "warning", ["suspicious_link"]),
    ("【{S}】您的案件已进入诉前调解，查看调解方案：{link} ，逾期未确认将移交诉讼。", "legal", ["suspicious_link"]),
    ("【{S}】您好，{N}将您设置为紧急联系人，其借款已逾期{d}天，请提醒其尽快还款，谢谢。", "reminder", ["third_party"]),
    ("【{S}】您的借款逾期{d}天，每日按未还金额的1%收取违约金，请尽快结清。", "warning", ["excessive_fees"]),
    ("【{S}】律师函：{firm}受本平台委托，就您逾期欠款{A}一事正式函告，请于{DL}还款，否则将依法起诉。", "legal", ["impersonation"]),
    ("【{S}】您的借款逾期{d}天，{DL}不还款将联系您的紧急联系人协助处理。", "warning", ["third_party"]),
]
FIRMS = ["北京明鉴律师事务所", "上海正衡律师事务所", "湖南尚法律师事务所", "重庆德融律师事务所", "广东恒信律师事务所",
         "浙江天平律师事务所", "四川中和律师事务所"]


def gen_106(n):
    out = []
    counts = {}
    for _ in range(n):
        # spread templates evenly, at most 4 uses each
        cands = [t for t in T106 if counts.get(t[0], 0) < 3]
        t = pick(cands)
        counts[t[0]] = counts.get(t[0], 0) + 1
        s, lk = pick(SIGNATURES)
        text = fill(t[0], S=s, k=R.randint(1000, 9999), small=f"{R.uniform(1, 90):.2f}", hot=hotline(),
                    link=any_bad_link(), firm=pick(FIRMS))
        style = {"reminder": "106_polite", "warning": "106_warning", "legal": "106_legal", "visit": "106_visit"}[t[1]]
        out.append(dict(text=text, category="collection", stage=t[1], tactics=list(t[2]), lender_kind=lk, style=style,
                        sk="106", src="gen:106"))
    # banks
    BT = [
        ("【{B}】您尾号{k}的信用卡已逾期{d}天，欠款{A}，请尽快还款，以免影响您的信用记录。", "reminder", [], "bank_card"),
        ("【{B}】您的信用卡本期账单今日到期，最低还款额{A}尚未还清，请今日内还款。", "reminder", [], "bank_card"),
        ("【{B}】尊敬的客户，您的信用卡欠款{A}已逾期，账户已暂停使用，查询及还款请登录 {dom} 。", "warning", [], "bank_card"),
        ("【{B}】您的信用卡已逾期{d}天，我行已将您的账户移交委外催收机构，请仅通过我行官方渠道还款。", "warning", [], "bank_card"),
        ("【{B}】您的信用卡欠款{A}严重逾期，我行将依法向人民法院提起诉讼，请{DL}与我行联系。", "legal", [], "bank_card"),
        ("【{B}】您的个人贷款本期扣款失败，应还本息{A}，请今日内存足款项，以免产生罚息。", "reminder", [], "bank_loan"),
        ("【{B}】您的个人消费贷款已逾期{d}天，我行已宣布贷款提前到期，请立即归还全部本息。", "warning", [], "bank_loan"),
        ("【{B}】您的信用卡已逾期{d}天，欠款{A}，我行外访人员将于近期前往您的登记地址进行走访。", "visit", [], "bank_card"),
    ]
    for i in range(n // 3):
        t = BT[i % len(BT)]
        b, num = pick(BANK_SIGS)
        dom = BANK_DOMAINS.get(b, "手机银行APP")
        text = fill(t[0], B=b, k=R.randint(1000, 9999), dom=dom)
        style = {"reminder": "106_polite", "warning": "106_warning", "legal": "106_legal", "visit": "106_visit"}[t[1]]
        out.append(dict(text=text, category="collection", stage=t[1], tactics=list(t[2]), lender_kind=t[3], style=style,
                        sk="95:" + num, src="gen:bank"))
    return out


# ---------------------------------------------------------------- G3: third parties
TP_OPEN = [
    ("您好，请问是{N}的{rel}吗？", "third_party_relative"),
    ("{N}的{rel}您好，", "third_party_relative"),
    ("你好，你的号码在{N}的通讯录里，", "third_party_contact"),
    ("您好，您是{N}的紧急联系人，", "third_party_contact"),
    ("{co}您好，贵公司员工{N}", "third_party_employer"),
    ("您好，请问是{N}单位的人事部门吗？", "third_party_employer"),
    ("{N}的朋友你好，", "third_party_contact"),
    ("房东您好，您的租户{N}", "third_party_contact"),
]
TP_MID = [
    "{N}在{L}借款{A}，已逾期{d}天，",
    "{N}在我司的借款已经逾期{d}天，欠款{A}，",
    "{N}欠{L}的钱一直没还，",
    "{N}的{L}逾期{d}天了，本人联系不上，",
]
TP_END = [
    ("麻烦您转告他尽快还款。", "reminder", []),
    ("请让他今天回个电话，谢谢。", "reminder", []),
    ("请督促其尽快处理，否则后果自负。", "warning", []),
    ("我们明天会上门找您当面了解情况。", "visit", []),
    ("请转告他，我们将对他提起诉讼。", "legal", []),
    ("他已经涉嫌诈骗，我们已经报案了。", "legal", ["false_criminal"]),
    ("这种老赖你们也敢交往？小心被他坑了。", "reminder", ["insult"]),
    ("你们要是不管，我们就天天打你电话，让你也不得安宁。", "warning", ["threat"]),
    ("请您配合，否则我们会把情况发到他的朋友圈和家族群。", "warning", ["public_exposure"]),
    ("您可以替他还，转到我们专员的微信{wx}就行。", "reminder", ["pay_to_personal"]),
    ("还款请让他打开 {link} 处理。", "reminder", ["suspicious_link"]),
    ("再不还我们就去他老家找他父母。", "visit", []),
]
GROUP = [
    ("【通知】各位好，{N}在{L}借款{A}逾期{d}天未还，拒不接听电话。请认识他的朋友转告他立即还款，否则我们会每天群发。",
     "warning", ["third_party", "public_exposure"]),
    ("各位亲友：{N}借钱不还，已逾期{d}天，此人诚信全无，大家小心。谁能联系到他，让他{DL}还清，否则我们将把他的资料发到网上。",
     "warning", ["third_party", "public_exposure"]),
    ("大家好，我是{L}的催收员，你们的同事{N}欠款{A}不还，现在通知到你们每一个人，希望大家监督他还钱。后续处理他自己负责。",
     "warning", ["third_party", "public_exposure"]),
    ("{N}，欠款{A}，逾期{d}天，身份证号{id}，手机{m}。此人欠钱不还，如有认识者请转告其还款。",
     "warning", ["third_party", "public_exposure"]),
    ("【催收公告】{N}（{m}）欠{L}款项{A}逾期不还，现公告其亲朋好友，请督促其主动还款，我司将上门到其户籍地。",
     "visit", ["third_party", "public_exposure"]),
]


def gen_third_party(n):
    out = []
    for i in range(n):
        if i % 5 == 4:
            t, st, tac = pick(GROUP)
            dn = name()
            idn = str(R.randint(11, 65)) + "0" * 2 + "*" * 10 + str(R.randint(1000, 9999))
            text = fill(t, N=dn, id=idn, m=masked_mobile())
            style, stage, tactics = "group_broadcast", st, list(tac)
        else:
            op, style = pick(TP_OPEN)
            dn = name()
            end = pick(TP_END)
            text = fill(op, N=dn, rel=pick(RELATIVES), co=pick(["人事部", "行政部负责人", "王经理", "李总", "刘主任"]))
            if "贵公司员工" in op or "房东您好" in op:
                text += fill("在{L}借款{A}，已逾期{d}天，")
            else:
                text += fill(pick(TP_MID), N=dn)
            text += fill(end[0])
            stage, tactics = end[1], ["third_party"] + [x for x in end[2] if x != "third_party"]
            if end[1] == "visit" and "老家找他父母" in end[0]:
                pass
        out.append(dict(text=text, category="collection", stage=stage, tactics=tactics,
                        lender_kind=pick(["collection_agency", "collection_agency", "online_lender", "consumer_finance"]),
                        style=style, sk=pick(["mob", "mob", "land", "wx"]) if style != "group_broadcast" else "mob",
                        src="gen:third_party"))
    return out


# ---------------------------------------------------------------- G4: other (hard negatives)
O_TEMPL = [
    ("【{S}】您本期账单{A}将于{future}到期，请按时还款，感谢您的信任。", "pre_due"),
    ("【{S}】温馨提示：您的借款还有3天到期，应还{A}，请提前准备，避免逾期影响征信。", "pre_due"),
    ("【{S}】明天是您的还款日，应还{A}，系统将自动扣款，请保证银行卡余额充足。", "pre_due"),
    ("【{S}】您的账单即将到期，应还{A}，按时还款可提升额度，逾期将产生罚息。", "pre_due"),
    ("【{S}】您好，您的借款将于{future}到期，如已提前还款请忽略本短信。", "pre_due"),
    ("【{S}】您已成功还款{A}，当前账单已结清。", "repaid"),
    ("【{S}】还款成功！本次还款{A}已入账，剩余待还{A2}。", "repaid"),
    ("【{S}】您的借款已全部结清，感谢使用，结清证明可在APP内下载。", "repaid"),
    ("【{S}】您申请的{A}借款已发放至尾号{k}的银行卡，请注意查收。", "disbursed"),
    ("【{S}】恭喜！您的借款申请已审核通过，额度{A}，可随时提现。", "disbursed"),
    ("【{S}】您的额度已提升至{A}，按时还款，信用越好额度越高。回T退订", "marketing"),
    ("【{S}】新用户专享：最高可借20万，首期免息，审核快至3分钟。回T退订", "marketing"),
    ("【{S}】验证码{otp}，您正在申请借款，请勿将验证码告知他人，谨防冒充公检法诈骗。", "otp"),
    ("【{S}】验证码：{otp}，用于登录，5分钟内有效。我司工作人员不会索要验证码。", "otp"),
    ("【{S}】{S}不会以任何理由要求您向个人账户转账，也不会上门收款，请通过APP官方渠道还款，谨防诈骗。", "antifraud"),
    ("【{S}】您已成功设置自动还款，扣款日为每月{dom}日。", "service"),
    ("【{S}】您的延期还款申请已通过，新还款日为{future}，期间不会上报征信。", "service"),
]
BANK_O = [
    ("【{B}】您尾号{k}的信用卡{date}消费{A}，商户：{shop}。", "card_alert"),
    ("【{B}】您尾号{k}的卡{date}支出{A}，余额{A2}。", "card_alert"),
    ("【{B}】您尾号{k}信用卡本期账单{A}，到期还款日{future}，请按时还款。", "pre_due"),
    ("【{B}】您尾号{k}信用卡已收到还款{A}，感谢您的支持。", "repaid"),
    ("【{B}】验证码{otp}，您正在进行信用卡还款，如非本人操作请致电客服。", "otp"),
    ("【{B}】您的信用卡账单分期已成功办理，分{per}期，每期应还{A}。", "service"),
]
SHOPS = ["美团外卖", "京东商城", "拼多多", "滴滴出行", "中国石化", "星巴克", "盒马鲜生", "携程旅行", "淘宝", "瑞幸咖啡"]
FUTURE = ["1月15日", "1月20日", "2月8日", "2026年02月03日", "本月25日", "下周一", "2026-01-28", "后天"]


def gen_other(n):
    out = []
    for i in range(n):
        if i % 3 == 2:
            t, style = BANK_O[(i // 3) % len(BANK_O)]
            b, num = pick(BANK_SIGS)
            text = fill(t, B=b, k=R.randint(1000, 9999), date=f"{R.randint(1, 2)}月{R.randint(1, 28)}日",
                        A2=amount(100, 90000), shop=pick(SHOPS), future=pick(FUTURE), otp=R.randint(100000, 999999),
                        per=pick([3, 6, 12, 24]))
            lk, sk = "bank_card", "95:" + num
        else:
            t, style = O_TEMPL[i % len(O_TEMPL)]
            s, lk = pick(SIGNATURES)
            text = fill(t, S=s, k=R.randint(1000, 9999), A2=amount(100, 20000), future=pick(FUTURE),
                        otp=R.randint(100000, 999999), dom=R.randint(1, 28))
            sk = "106"
        out.append(dict(text=text, category="other", stage=None, tactics=[], lender_kind=lk, style=style, sk=sk,
                        src="gen:other"))
    return out


# ---------------------------------------------------------------- G5: scams
SCAM_T = [
    ("【{S}】您的账户存在异常借款记录，24小时内将上报征信，如需撤销请访问 {link} 办理。", ["suspicious_link"], "scam_account"),
    ("您好，您在{S}开通的校园贷账户需按监管要求注销，否则影响征信，请添加客服微信{wx}办理。", [], "scam_campus_loan"),
    ("您的{A}贷款已审批通过，放款前需缴纳{fee}元保证金，请转至财务{pname}的银行卡{card}。", ["pay_to_personal"], "scam_loan_deposit"),
    ("征信花了、逾期多也能修复，内部渠道删除不良记录，先办事后收费，联系{phone}。", [], "scam_credit_repair"),
    ("【{court}】您涉及一起网络借款纠纷，已被列入执行名单，请于今日内缴纳执行款至指定账户，账户：{card}。",
     ["impersonation", "pay_to_personal"], "scam_court"),
    ("【{police}】您的身份信息被用于网贷洗钱，请立即将名下资金转入安全账户配合审查，详询{land}。",
     ["impersonation", "pay_to_personal"], "scam_police"),
    ("您有一笔{A}的备用金待领取，无视征信，点击 {link} 领取，今日有效。", ["suspicious_link"], "scam_loan_deposit"),
    ("网贷逾期停催服务：专业法务团队帮您协商停息挂账，成功后收费，咨询微信{wx}。", [], "scam_credit_repair"),
]
COURTS = ["人民法院", "市中级人民法院", "区人民法院执行局", "互联网法院"]
POLICE = ["公安局", "市公安局经侦支队", "网警大队", "反诈中心"]


def gen_scam(n):
    out = []
    for i in range(n):
        t, tac, style = SCAM_T[i % len(SCAM_T)]
        s, _ = pick(SIGNATURES)
        text = fill(t, S=s, court=pick(COURTS), police=pick(POLICE))
        out.append(dict(text=text, category="scam", stage=None, tactics=list(tac), lender_kind="scam", style=style,
                        sk=pick(["mob", "106"]), src="gen:scam"))
    return out


# ---------------------------------------------------------------- senders and times
BANK_NUM = dict(BANK_SIGS)


def sender_for(rec):
    sk = rec["sk"]
    if sk.startswith("95:"):
        return sk[3:]
    if sk == "95":
        m = re.search(r"【([^】]+)】", rec["text"])
        sig = m.group(1) if m else ""
        for b, num in BANK_SIGS:
            if sig.startswith(b[:2]):
                return num
        return pick([n for _, n in BANK_SIGS])
    if sk == "106":
        return pick(["1069", "1065", "1068", "1062"]) + "".join(str(R.randint(0, 9)) for _ in range(R.randint(7, 10)))
    if sk == "mob":
        m = mobile()
        return "+86" + m if R.random() < 0.1 else m
    if sk == "land":
        return landline().replace("-", "")
    if sk == "400":
        return hotline().replace("-", "")
    if sk == "wx":
        return pick(["wxid_" + wx_id(), "贷后专员-" + pick(COLLECTORS), pick(AGENCIES) + pick(COLLECTORS), "法务" + pick(COLLECTORS),
                     "wxid_" + wx_id()])
    if sk == "court":
        return pick(["12368", "10690012368", "106575012368"])
    if sk == "gov":
        return pick(["96110", "12381", "10690096110"])
    if sk == "me":
        return "me"
    raise ValueError(sk)


BASE = datetime(2025, 12, 15, tzinfo=timezone(timedelta(hours=8)))


def time_for(rec):
    day = BASE + timedelta(days=R.randint(0, 60))
    if rec["style"].startswith("mobile") or rec["style"] in ("group_broadcast", "wechat_chat") or rec["style"].startswith("third"):
        hour = R.choices([R.randint(8, 21), R.randint(22, 23), R.randint(0, 7)], [85, 9, 6])[0]
    else:
        hour = R.randint(8, 20)
    t = day.replace(hour=hour, minute=R.randint(0, 59), second=R.randint(0, 59))
    return t.isoformat()


# ---------------------------------------------------------------- assemble
def validate(rec):
    assert rec["category"] in ("collection", "scam", "other")
    assert (rec["stage"] is None) == (rec["category"] != "collection"), rec
    assert rec["stage"] in (None, "visit", "legal", "warning", "reminder")
    assert all(t in TACTIC_ORDER for t in rec["tactics"]), rec
    assert rec["lender_kind"] in LENDER_KINDS, rec
    assert rec["text"].strip()


def new_rows(pattern, seen):
    """The hand-written rows of ``src/<pattern>`` whose text is not in ``seen`` (which they
    join), validated, tactics in taxonomy order."""
    out = []
    for rec in load_hand(pattern):
        if rec["text"] in seen:
            continue
        seen.add(rec["text"])
        rec["tactics"] = [t for t in TACTIC_ORDER if t in rec["tactics"]]
        validate(rec)
        out.append(rec)
    return out


def main():
    hand = load_hand()
    gen = []
    gen += gen_collector(125)
    gen += gen_106(72)
    gen += gen_third_party(55)
    gen += gen_other(72)
    gen += gen_scam(16)

    # style variants of some generated collector / third-party messages
    for rec in gen:
        if rec["src"] == "gen:collector" and R.random() < 0.28:
            rec["text"] = obfuscate(rec["text"])
            rec["style"] = "mobile_obfuscated"
        elif rec["src"] in ("gen:collector", "gen:third_party") and R.random() < 0.07:
            rec["text"] = to_traditional(rec["text"])
            rec["style"] = "traditional"

    recs, seen = [], set()
    for rec in hand + gen:
        key = rec["text"]
        if key in seen:
            continue
        seen.add(key)
        rec["tactics"] = [t for t in TACTIC_ORDER if t in rec["tactics"]]
        validate(rec)
        recs.append(rec)

    R.shuffle(recs)  # random order, then a 60/40 cut: the split ignores style and label
    cut = round(len(recs) * 0.6)
    dev, held = recs[:cut], recs[cut:]

    def emit(rows, prefix, path, skip=None):
        # skip=n appends rows[n:] to the file (numbered on from n) instead of rewriting it
        with open(path, "w" if skip is None else "a", encoding="utf-8") as f:
            for i, rec in enumerate(rows, 1):
                if skip is not None and i <= skip:
                    continue
                obj = {"id": f"{prefix}{i:04d}", "text": rec["text"], "sender": sender_for(rec), "time": time_for(rec),
                       "direction": "out" if rec["sk"] == "me" else "in", "category": rec["category"],
                       "stage": rec["stage"], "tactics": rec["tactics"], "lender_kind": rec["lender_kind"],
                       "style": rec["style"]}
                f.write(json.dumps(obj, ensure_ascii=False) + "\n")

    # dev-only additions: after the cut and after heldout is written, with their own seed
    state = R.getstate()
    R.seed(SEED + 1)
    extra = new_rows("dev_*.txt", seen)
    R.shuffle(extra)
    R.setstate(state)  # the main files below get exactly the random draws they always had

    emit(dev, "d", HERE / "dev.jsonl")
    emit(held, "h", HERE / "heldout.jsonl")
    R.seed(SEED + 2)
    emit(dev + extra, "d", HERE / "dev.jsonl", skip=len(dev))

    # the independent fresh set: its own seeds, deduplicated against every text above, cut 50/50;
    # the first half continues dev.jsonl, the second half is heldout_fresh.jsonl
    R.seed(SEED + 3)
    fresh = new_rows("fresh_*.txt", seen)
    R.shuffle(fresh)
    half = len(fresh) // 2
    fresh_dev, fresh_held = fresh[:half], fresh[half:]
    R.seed(SEED + 4)
    emit(dev + extra + fresh_dev, "d", HERE / "dev.jsonl", skip=len(dev) + len(extra))
    R.seed(SEED + 5)
    emit(fresh_held, "f", HERE / "heldout_fresh.jsonl")

    # the second independent batch (src/fresh2_*.txt): scored once untouched, then dev only;
    # appended after everything above, with its own seeds, so no earlier row changes
    R.seed(SEED + 6)
    fresh2 = new_rows("fresh2_*.txt", seen)
    R.shuffle(fresh2)
    R.seed(SEED + 7)
    before = len(dev) + len(extra) + len(fresh_dev)
    emit(dev + extra + fresh_dev + fresh2, "d", HERE / "dev.jsonl", skip=before)

    # the third independent batch (src/fresh3_*.txt): scored once untouched, then dev only;
    # appended after everything above, with its own seeds, so no earlier row changes
    R.seed(SEED + 8)
    fresh3 = new_rows("fresh3_*.txt", seen)
    R.shuffle(fresh3)
    R.seed(SEED + 9)
    before3 = before + len(fresh2)
    emit(dev + extra + fresh_dev + fresh2 + fresh3, "d", HERE / "dev.jsonl", skip=before3)

    # the fourth batch (src/fresh4_*.txt, the reminder/warning boundary and collectors' threats):
    # scored once untouched, then dev only; appended last with its own seeds
    R.seed(SEED + 10)
    fresh4 = new_rows("fresh4_*.txt", seen)
    R.shuffle(fresh4)
    R.seed(SEED + 11)
    before4 = before3 + len(fresh3)
    emit(dev + extra + fresh_dev + fresh2 + fresh3 + fresh4, "d", HERE / "dev.jsonl", skip=before4)

    def batch(pattern, seed):
        """A later batch's new rows, shuffled with its own seed (``SEED + seed``); the next
        seed is left set for the senders and times that ``emit`` draws."""
        R.seed(SEED + seed)
        rows = new_rows(pattern, seen)
        R.shuffle(rows)
        R.seed(SEED + seed + 1)
        return rows

    # the fifth batch (src/fresh5_*.txt: hard negatives and scams; visits and legal steps):
    # scored once untouched, then dev only; appended last with its own seeds
    fresh5 = batch("fresh5_*.txt", 12)
    before5 = before4 + len(fresh4)
    dev_rows = dev + extra + fresh_dev + fresh2 + fresh3 + fresh4 + fresh5
    emit(dev_rows, "d", HERE / "dev.jsonl", skip=before5)
    batches = len(fresh2) + len(fresh3) + len(fresh4) + len(fresh5)

    # the sixth batch (src/fresh6_*.txt, a natural mix): a second clean held-out set, written
    # after the rules above were tuned, scored once with --errors 0 and never tuned on
    fresh6 = batch("fresh6_*.txt", 14)
    emit(fresh6, "g", HERE / "heldout_fresh2.jsonl")
    batches += len(fresh6)

    # rows per later batch, for the summary below (in the order they are written)
    dev_batches: dict[str, int] = {}
    heldout_sets: dict[str, int] = {}

    def to_dev(pattern, seed):
        """A later batch appended to dev.jsonl (after the rows above, with its own seeds), so
        no earlier row changes: scored once untouched, then dev only (the wording models
        train on it)."""
        nonlocal batches
        rows = batch(pattern, seed)
        before = len(dev_rows)
        dev_rows.extend(rows)
        emit(dev_rows, "d", HERE / "dev.jsonl", skip=before)
        batches += len(rows)
        dev_batches[pattern.split("_")[0]] = len(rows)

    def to_heldout(pattern, seed, prefix, name):
        """A natural mix written whole to its own held-out file: nobody tunes on it or reads it."""
        nonlocal batches
        rows = batch(pattern, seed)
        emit(rows, prefix, HERE / name)
        batches += len(rows)
        heldout_sets[name.removesuffix(".jsonl")] = len(rows)

    # the seventh batch (src/fresh7_*.txt, a natural mix by two more writers), scored by the
    # rules alone and with the wording models; the eighth (collectors' own phones and the
    # people around the debtor; institutions, scams and look-alikes)
    to_dev("fresh7_*.txt", 16)
    to_dev("fresh8_*.txt", 18)
    # the ninth (src/fresh9_1.txt, a natural mix): a third clean held-out set, written after
    # the wording models were built
    to_heldout("fresh9_*.txt", 20, "k", "heldout_fresh3.jsonl")
    # the tenth (real SMS templates of every sender kind; people, private loans and the
    # people around the debtor)
    to_dev("fresh10_*.txt", 22)
    # the eleventh (src/fresh11_1.txt, a natural mix): a fourth clean held-out set, written
    # with the tenth
    to_heldout("fresh11_*.txt", 24, "m", "heldout_fresh4.jsonl")
    # the twelfth (a natural mix of the widest range of lenders; harassment as borrowers
    # report it), the thirteenth (the category boundary; the legal track and third parties),
    # the fourteenth (two natural mixes, the stage ladder, the collection/other boundary),
    # the fifteenth (collectors' chats, banks and cards, stacked online loans, the phones of
    # the people around the debtor) and the sixteenth (families around a debt, consumer
    # finance and 助贷, an older person's inbox, a migrant worker's phone)
    to_dev("fresh12_*.txt", 26)
    to_dev("fresh13_*.txt", 28)
    to_dev("fresh14_*.txt", 30)
    to_dev("fresh15_*.txt", 32)
    to_dev("fresh16_*.txt", 34)
    # the seventeenth (scams and the legal track; visits and the stage ladder; collection
    # without its keywords and its look-alikes; three inboxes over two months) and the
    # eighteenth (src/fresh18_1.txt, a broad sample from many phones): a fifth clean held-out
    # set, written with the seventeenth
    to_dev("fresh17_*.txt", 36)
    to_heldout("fresh18_*.txt", 38, "n", "heldout_fresh5.jsonl")
    # the nineteenth (the same lenders genuine and faked; debts between people; what hotline
    # callers forward; banks and consumer finance)
    to_dev("fresh19_*.txt", 40)
    # the twentieth (src/fresh20_1.txt, what borrowers all over China forward to a legal-aid
    # group, from many phones): a sixth clean held-out set
    to_heldout("fresh20_*.txt", 42, "p", "heldout_fresh6.jsonl")
    # the twenty-first (debts in families and between friends; collectors' own chats; what the
    # people around the debtor receive; companies' formal templates)
    to_dev("fresh21_*.txt", 44)
    # the twenty-second (src/fresh22_1.txt, one ordinary month on fifteen borrowers' phones):
    # a seventh clean held-out set; and the twenty-third (tactics in indirect wording; the
    # stage ladder of smaller lenders; money-trouble look-alikes and scams around debt; text
    # as borrowers paste it: transcripts, OCR, dialect)
    to_heldout("fresh22_*.txt", 46, "q", "heldout_fresh7.jsonl")
    to_dev("fresh23_*.txt", 48)
    # the twenty-fourth (src/fresh24_1.txt, three months of twenty volunteers' money messages,
    # all over China): an eighth clean held-out set, written after all the work on the
    # twenty-third batch
    to_heldout("fresh24_*.txt", 50, "r", "heldout_fresh8.jsonl")
    # the twenty-fifth (people other than the borrower; threats and what only sounds like one;
    # money channels and links; long and messy real text) and the twenty-sixth
    # (src/fresh26_1.txt, what 300 callers pasted into a legal-aid hotline's intake form over
    # a year): a ninth clean held-out set, written with the twenty-fifth
    to_dev("fresh25_*.txt", 52)
    to_heldout("fresh26_*.txt", 54, "s", "heldout_fresh9.jsonl")
    # the twenty-seventh (a county town's month; a regulator's sample of collectors' messages;
    # inboxes of people mostly not in trouble; what people paste into help forums), natural
    # mixes, scored untouched after the work on the twenty-fifth
    to_dev("fresh27_*.txt", 56)
    # the twenty-eighth (src/fresh28_1.txt, a season of money messages from twenty-five members
    # of a consumer-rights group): a tenth clean held-out set, written after the work on the
    # twenty-fifth batch
    to_heldout("fresh28_*.txt", 58, "t", "heldout_fresh10.jsonl")
    # the twenty-ninth (a legal-aid hotline's month of forwarded messages; three months of a
    # renovation contractor who owes eleven lenders; collectors' own words in chats and
    # visits; money among relatives, friends and co-workers), natural mixes, and the
    # thirtieth (src/fresh30_1.txt, a complaint desk's attachments over one autumn): an
    # eleventh clean held-out set, written with the twenty-ninth
    to_dev("fresh29_*.txt", 60)
    to_heldout("fresh30_*.txt", 62, "u", "heldout_fresh11.jsonl")
    # the thirty-first (an agency's week as its debtors received it; the phones of the people
    # around an indebted delivery rider; a young office worker's four months; an elderly
    # couple whose son is in debt), natural mixes, scored untouched after the work on the
    # twenty-ninth
    to_dev("fresh31_*.txt", 64)
    # the thirty-third (three extended families' chats; a consumer-finance company's and its
    # agencies' quarter as received; small-business owners in a county town; a debt-help
    # forum's "is this legal?" posts), natural mixes, scored untouched after the work on the
    # thirty-first, and the thirty-fourth (src/fresh34_1.txt, a legal-aid NGO's clients'
    # phones over one winter): a twelfth clean held-out set, written with the thirty-third
    to_dev("fresh33_*.txt", 66)
    to_heldout("fresh34_*.txt", 68, "v", "heldout_fresh12.jsonl")
    # the thirty-fifth (credit cards of a dozen banks; a trucker's, a ride-hailing driver's and a
    # young couple's car and home loans; students and state student loans; the third-party
    # side: HR, bosses, landlords, property offices and village committees), natural mixes,
    # scored untouched after the work on the thirty-third, and the thirty-sixth
    # (src/fresh36_1.txt, a district mediation office's year): a thirteenth clean held-out set
    to_dev("fresh35_*.txt", 70)
    to_heldout("fresh36_*.txt", 72, "w", "heldout_fresh13.jsonl")
    # the thirty-seventh (group chats where debts come up; a rural county's half year; ten
    # lending apps' year of messages; the legal side: courts, lawyers, arbitration and fakes),
    # natural mixes, scored untouched after the work on the thirty-fifth
    to_dev("fresh37_*.txt", 74)
    # the thirty-ninth (an office tower's people; collectors who write as people text, in
    # dialect and voice-to-text; debt settlement and its look-alikes; people who are not in
    # debt but get collection anyway), natural mixes, scored untouched after the work on the
    # thirty-seventh
    to_dev("fresh39_*.txt", 76)
    # the forty-first (twelve people's phones over six weeks; a consumer association's
    # complaint form; one family's year of a debt spiral; the grey zone of firm words),
    # natural mixes, scored untouched after the work on the thirty-ninth, and the forty-second
    # (src/fresh42_1.txt, what forty people forwarded to a community debt-help volunteer over
    # two months): a fourteenth clean held-out set, written with the forty-first
    to_dev("fresh41_*.txt", 78)
    to_heldout("fresh42_*.txt", 80, "x", "heldout_fresh14.jsonl")
    # the forty-third (twenty people's month in Zhuzhou; a debt-counselling hotline's chat window;
    # informal debts between people; one agency's year as its compliance team samples it),
    # natural mixes, scored untouched after the work on the forty-first
    to_dev("fresh43_*.txt", 82)
    # the forty-fifth (a noodle shop's couple and the people around them; people who get
    # messages about someone else's debt; how collectors and creditors really type, in dialect;
    # the legal track as seen from borrowers' phones), natural mixes, scored untouched after the
    # work on the forty-third, and the forty-sixth (src/fresh46_1.txt, a month of fifteen
    # people's money messages, shared with a debt-help hotline): a fifteenth clean held-out set
    to_dev("fresh45_*.txt", 84)
    to_heldout("fresh46_*.txt", 86, "y", "heldout_fresh15.jsonl")
    # the forty-seventh (a university town's term; pensioners' phones; gig workers and their
    # vehicle loans; the months after a settlement), natural mixes, scored untouched after the
    # work on the forty-fifth
    to_dev("fresh47_*.txt", 88)
    # the forty-ninth (eighteen borrowers' ordinary month; a legal-aid hotline's intake form;
    # firm money talk that is not collection, and mild collection; the people around the debtor),
    # natural mixes, scored untouched after the work on the forty-seventh
    to_dev("fresh49_*.txt", 90)
    # the fifty-first (sixteen people in the county towns and villages of the south-west; what
    # people uploaded to a complaints platform as a screenshot's text; the big banks' card centres
    # over a quarter; consumer-finance companies and their agencies), natural mixes, scored
    # untouched after the work on the forty-ninth, and the fifty-second (src/fresh52_1.txt, the
    # month that twelve factory-town families brought to a free legal-aid clinic): a sixteenth
    # clean held-out set, written with the fifty-first
    to_dev("fresh51_*.txt", 92)
    to_heldout("fresh52_*.txt", 94, "z", "heldout_fresh16.jsonl")
    # the fifty-third (fourteen borrowers' month in northern cities; a radio phone-in's "the one
    # message that worried you most"; firm words measured by a compliance officer; small lenders
    # and informal credit in a county), natural mixes, scored untouched after the work on the
    # fifty-first, and the fifty-sixth (src/fresh56_1.txt, a season on the phones of ten
    # households in a mountain county, who then asked a legal-aid lawyer for help): a seventeenth
    # clean held-out set, written with the fifty-fifth (ids j…: the letters after z are spent)
    to_dev("fresh53_*.txt", 96)
    to_heldout("fresh56_*.txt", 98, "j", "heldout_fresh17.jsonl")
    # the fifty-fifth (thirteen people's month in Wuhan and Hubei's towns; a debtors' mutual-help
    # group's pasted messages; the debtor's workplace; the first ninety days overdue of six
    # borrowers), natural mixes, scored untouched after the work on the fifty-third
    to_dev("fresh55_*.txt", 100)
    # the fifty-seventh (twelve young workers' month in Shenzhen and Guangzhou; what callers read
    # aloud to a legal-aid hotline, as its operator typed it; police, courts, lawyers and the
    # credit report in money messages, real and fake; after the debt was sold or handed on),
    # natural mixes, scored untouched after the work on the fifty-fifth
    to_dev("fresh57_*.txt", 102)
    # the fifty-ninth (fifteen borrowers' month in Chengdu, Chongqing and Kunming; a newspaper
    # consumer column's letters; nights, weekends and holidays; long and messy text), natural
    # mixes, scored untouched after the work on the fifty-seventh, and the sixtieth
    # (src/fresh60_1.txt, a month on fourteen people's phones in Shandong and Henan, who then
    # asked a legal-aid station for help): an eighteenth clean held-out set, written with the
    # fifty-ninth (ids i…)
    to_dev("fresh59_*.txt", 104)
    to_heldout("fresh60_*.txt", 106, "i", "heldout_fresh18.jsonl")
    # the sixty-first (sixteen borrowers' month in the north-east; a Shanghai street office's
    # legal-aid clinic; vulnerable borrowers; lenders real and fake), natural mixes, scored
    # untouched after the work on the fifty-ninth
    to_dev("fresh61_*.txt", 108)
    # the sixty-third (twelve people's month in the small-commodity towns of Zhejiang and
    # Jiangsu; readers' messages to a consumer-rights account's back-stage; gig workers; parents
    # and grandparents called about a child's debts), natural mixes, scored untouched at the
    # start of the work on them, and the sixty-fourth (src/fresh64_1.txt, a month on thirteen
    # borrowers' phones in Anhui and Jiangxi): a nineteenth clean held-out set, written with the
    # sixty-third (ids a…)
    to_dev("fresh63_*.txt", 110)
    to_heldout("fresh64_*.txt", 112, "a", "heldout_fresh19.jsonl")
    # the sixty-fifth (ten people's month in Fujian and Guangxi; messages as quoted in judgments
    # and penalty notices; students and recent graduates; small workshops and restaurants),
    # natural mixes, scored untouched at the start of the work on the sixty-third
    to_dev("fresh65_*.txt", 114)
    # the sixty-seventh (twelve people's month in Hebei and Shanxi; messages quoted in forum
    # threads; borrowers negotiating their way out; migrant workers and their villages), natural
    # mixes, scored untouched after the work on the sixty-third and sixty-fifth, and the
    # sixty-sixth (src/fresh66_1.txt, what 250 people sent to a volunteer legal-aid group's
    # intake over a season): a twentieth clean held-out set, written with the sixty-ninth (ids b…)
    to_dev("fresh67_*.txt", 116)
    to_heldout("fresh66_*.txt", 118, "b", "heldout_fresh20.jsonl")
    # the sixty-ninth (twelve people's month in the north-west; screenshots turned into text for
    # complaint platforms; the weeks after a home visit was announced; couples and families
    # sharing debts), natural mixes, scored untouched after the work on the sixty-seventh
    to_dev("fresh69_*.txt", 120)
    # the seventy-first (twelve people's month in Hunan and Guizhou; people already sued; what
    # collectors post in group chats and the replies; elderly borrowers and pensioners), natural
    # mixes, scored untouched after the work on the sixty-ninth, and the sixty-eighth
    # (src/fresh68_1.txt, a month on twelve commuters' phones around Beijing and Tianjin): a
    # twenty-first clean held-out set, written with the seventy-first (ids c…)
    to_dev("fresh71_*.txt", 122)
    to_heldout("fresh68_*.txt", 124, "c", "heldout_fresh21.jsonl")
    # the seventy-third (twelve people's month in Shaanxi and Inner Mongolia; voice messages and
    # calls turned into text; small-loan companies, pawnshops and guarantee companies in county
    # towns; the big banks' card holders over a quarter), natural mixes, scored untouched after
    # the work on the seventy-first, and the seventieth (src/fresh70_1.txt, a month on fourteen
    # borrowers' phones in the Pearl River Delta towns): a twenty-second clean held-out set,
    # written with the seventy-third (ids e…)
    to_dev("fresh73_*.txt", 126)
    to_heldout("fresh70_*.txt", 128, "e", "heldout_fresh22.jsonl")
    # the seventy-fifth (twelve people's month in Hainan and western Guangdong; borrowers behind on
    # a mortgage or a car loan; lenders' own apps and official accounts; young women borrowers),
    # natural mixes, scored untouched after the work on the seventy-third, and the seventy-second
    # (src/fresh72_1.txt, a month on thirteen borrowers' phones in Jiangsu): a twenty-third clean
    # held-out set, written with the seventy-fifth (ids l…)
    to_dev("fresh75_*.txt", 130)
    to_heldout("fresh72_*.txt", 132, "l", "heldout_fresh23.jsonl")
    # the seventy-seventh (twelve people's month on the Shandong coast and inland; a residential
    # community's WeChat groups and grid workers; platform credit on shopping and service apps;
    # debts sold to asset-management companies and debt buyers), natural mixes, scored untouched
    # after the work on the seventy-fifth, and the seventy-fourth (src/fresh74_1.txt, a month on
    # thirteen borrowers' phones in Zhejiang): a twenty-fourth clean held-out set, written with the
    # seventy-seventh (ids o…)
    to_dev("fresh77_*.txt", 134)
    to_heldout("fresh74_*.txt", 136, "o", "heldout_fresh24.jsonl")
    # the seventy-ninth (twelve people's month in Shanghai and the suburbs of Suzhou and Kunshan;
    # writing that slips past filters; teachers, doctors, civil servants and soldiers' families;
    # borrowers around Shenzhen, Zhuhai, Hong Kong and Macau, in both scripts), natural mixes,
    # scored untouched after the work on the seventy-seventh
    to_dev("fresh79_*.txt", 138)
    # the eighty-first (twelve people's month in Sichuan; twelve in the north-east; what borrowers
    # paste when they complain, on complaint platforms, to 12378 and in forums; small and mid-size
    # lenders' whole ladder and the money-trouble look-alikes around them), natural mixes, and the
    # eighty-third (Yunnan and the Guangxi border towns; borrowers who write back; families'
    # groups and chats around a relative's debts, three writers), scored untouched
    to_dev("fresh81_*.txt", 140)
    to_dev("fresh83_*.txt", 142)
    # the seventy-sixth (src/fresh76_1.txt, a month on fourteen borrowers' phones in Hubei and
    # Henan): a twenty-fifth clean held-out set, written with the eighty-first (ids ha…: the
    # single letters are all taken)
    to_heldout("fresh76_*.txt", 144, "ha", "heldout_fresh25.jsonl")
    # the eighty-fifth (twelve people's month in eastern Guangdong, Teochew and Hakka; delivery
    # riders, ride-hailing and truck drivers; students and fresh graduates over a semester; small
    # shops and workshops in Wenzhou and the Pearl River Delta), natural mixes, scored untouched
    # after the work on the eighty-first and eighty-third
    to_dev("fresh85_*.txt", 146)
    # the seventy-eighth (src/fresh78_1.txt, a month on thirteen borrowers' phones in Gansu,
    # Ningxia and Qinghai): a twenty-sixth clean held-out set, written with the eighty-fifth (ids hb…)
    to_heldout("fresh78_*.txt", 148, "hb", "heldout_fresh26.jsonl")
    # the eighty-seventh (twelve people's month in southern Jiangxi and western Fujian; people over
    # sixty; debts that changed hands, their buyers, law firms and mediators; online shoppers and
    # buy-now-pay-later), natural mixes, scored untouched after the work on the eighty-fifth
    to_dev("fresh87_*.txt", 150)
    # the eightieth (src/fresh80_1.txt, a month on thirteen borrowers' phones in Chongqing and its
    # counties): a twenty-seventh clean held-out set, written with the eighty-seventh (ids hc…)
    to_heldout("fresh80_*.txt", 152, "hc", "heldout_fresh27.jsonl")
    # the eighty-ninth (twelve people's month in Henan's and Anhui's farming counties; mortgage, car
    # and house-related debts; loans taken for others or in the reader's name), natural mixes, scored
    # untouched after the work on the eighty-seventh (three files: a fourth, a collector's own
    # phone, was left out, its outgoing messages being labelled collection against the guide)
    to_dev("fresh89_*.txt", 154)
    # the eighty-second (src/fresh82_1.txt, a month on thirteen borrowers' phones in Liaoning and
    # Jilin): a twenty-eighth clean held-out set, written with the eighty-ninth (ids hd…)
    to_heldout("fresh82_*.txt", 156, "hd", "heldout_fresh28.jsonl")
    # the ninety-first (twelve people's month in Guangxi; medical debts and illness; first jobs and
    # young couples; gambling, gaming and live-streaming debts), natural mixes, scored untouched
    # after the work on the eighty-ninth
    to_dev("fresh91_*.txt", 158)
    # the eighty-fourth (src/fresh84_1.txt, a month on thirteen borrowers' phones in Shanxi and
    # Hebei): a twenty-ninth clean held-out set, written with the ninety-first (ids he…)
    to_heldout("fresh84_*.txt", 160, "he", "heldout_fresh29.jsonl")
    # the ninety-third (twelve people's month in Xinjiang; renters, landlords and flat-sharers; the
    # weeks around the Spring Festival; borrowers who borrow from one app to pay another), natural
    # mixes, scored untouched after the work on the ninety-first
    to_dev("fresh93_*.txt", 162)
    # the eighty-sixth (src/fresh86_1.txt, a month on thirteen borrowers' phones in northern
    # Jiangsu and southern Shandong): a thirtieth clean held-out set, written with the ninety-third
    # (ids hf…)
    to_heldout("fresh86_*.txt", 164, "hf", "heldout_fresh30.jsonl")
    # the ninety-fifth (twelve people's month in Yunnan's and Guizhou's mountain counties and
    # Liangshan; small private lenders and rotating credit clubs; banks' own messages over a quarter,
    # genuine and fake), natural mixes, scored untouched after the work on the ninety-third (three
    # files: a fourth, messages forwarded with a line of the owner's own, was left out, its outgoing
    # forwards being labelled as the forwarded message against the guide)
    to_dev("fresh95_*.txt", 166)
    # the eighty-eighth (src/fresh88_1.txt, a month on thirteen borrowers' phones in northern
    # Guangdong and southern Jiangxi): a thirty-first clean held-out set, written with the
    # ninety-fifth (ids hg…)
    to_heldout("fresh88_*.txt", 168, "hg", "heldout_fresh31.jsonl")
    # the ninety-seventh (twelve people's month in Hunan; debts after a death, an illness or a
    # divorce; factory and warehouse workers in Shenzhen and Dongguan; small business owners'
    # loans, suppliers and factoring), natural mixes, scored untouched after the work on the
    # ninety-fifth
    to_dev("fresh97_*.txt", 170)
    # the ninetieth (src/fresh90_1.txt, a month on thirteen borrowers' phones in Zhejiang's
    # Wenzhou, Jinhua, Yiwu and Taizhou): a thirty-second clean held-out set, written with the
    # ninety-seventh (ids hh…)
    to_heldout("fresh90_*.txt", 172, "hh", "heldout_fresh32.jsonl")
    # the ninety-ninth (twelve people's month in Inner Mongolia and Heilongjiang; young people's
    # consumer credit: phone rental, cosmetic-surgery and training loans; polite, pious and
    # 'helpful' collectors and the borrowers who negotiate; the coasts of Hainan and southern
    # Fujian), natural mixes, scored untouched after the work on the ninety-seventh
    to_dev("fresh99_*.txt", 174)
    # the ninety-second (src/fresh92_1.txt, a month on thirteen borrowers' phones in Shaanxi):
    # a thirty-third clean held-out set, written with the ninety-ninth (ids hi…)
    to_heldout("fresh92_*.txt", 176, "hi", "heldout_fresh33.jsonl")
    # the hundred-and-first (twelve people's month in Tianjin, Cangzhou, Tangshan and Dezhou; car
    # loans, finance leases, GPS trackers and repossessions; the week around an announced home
    # visit; online shopping, delivery and platform credit), natural mixes, scored untouched
    # after the work on the ninety-ninth
    to_dev("fresh101_*.txt", 178)
    # the ninety-fourth (src/fresh94_1.txt, a month on thirteen borrowers' phones in the border
    # counties of Guizhou, Hunan and south-eastern Chongqing): a thirty-fourth clean held-out
    # set, written with the hundred-and-first (ids hj…)
    to_heldout("fresh94_*.txt", 180, "hj", "heldout_fresh34.jsonl")
    # the hundred-and-third (twelve people's month in Beijing's outer districts and Hebei's commuter
    # towns; calls and voice messages turned into text; migrant workers owed wages; the genuine
    # notices of licensed consumer-finance companies and banks over a year, and their copies),
    # natural mixes, scored untouched after the work on the hundred-and-first
    to_dev("fresh103_*.txt", 182)
    # the ninety-sixth (src/fresh96_1.txt, a month on thirteen borrowers' phones in Shanghai and
    # Suzhou): a thirty-fifth clean held-out set, written with the hundred-and-third (ids hk…)
    to_heldout("fresh96_*.txt", 184, "hk", "heldout_fresh35.jsonl")
    # the hundred-and-fifth (twelve people's month in the western Pearl River Delta, much of it in
    # Cantonese; people who were scammed and are now in debt; the credit report over a year;
    # weddings, bride price and renovation loans), natural mixes, scored untouched after the work
    # on the hundred-and-third
    to_dev("fresh105_*.txt", 186)
    # the ninety-eighth (src/fresh98_1.txt, a month on thirteen borrowers' phones in northern
    # Jiangxi and southern Anhui): a thirty-sixth clean held-out set, written with the
    # hundred-and-fifth (ids hl…)
    to_heldout("fresh98_*.txt", 188, "hl", "heldout_fresh36.jsonl")
    # the hundred-and-seventh (twelve people's month in Tibet and western Sichuan; pawn shops and
    # secured lending; group chats where collectors post and members answer; cross-border lives),
    # natural mixes, scored untouched after the work on the hundred-and-fifth
    to_dev("fresh107_*.txt", 190)
    # the hundredth (src/fresh100_1.txt, a month on thirteen borrowers' phones in Fuzhou, Ningde
    # and Nanping): a thirty-seventh clean held-out set, written with the hundred-and-seventh
    # (ids hm…)
    to_heldout("fresh100_*.txt", 192, "hm", "heldout_fresh37.jsonl")
    # the hundred-and-ninth (twelve people's month in Jilin's Yanbian, Tonghua and Baishan; the
    # people around a debtor who receive the collectors' messages; new graduates' first year of
    # repayment; one collection ladder at a time, for several borrowers), natural mixes, scored
    # untouched after the work on the hundred-and-seventh
    to_dev("fresh109_*.txt", 194)
    # the hundred-and-second (src/fresh102_1.txt, a month on thirteen borrowers' phones in
    # eastern Shandong): a thirty-eighth clean held-out set, written with the hundred-and-ninth
    # (ids hn…)
    to_heldout("fresh102_*.txt", 196, "hn", "heldout_fresh38.jsonl")
    # the hundred-and-eleventh (twelve people's month in Henan; gig workers: delivery riders,
    # ride-hailing and freight drivers, live-stream sellers; borrowers who complain and negotiate,
    # and the paid 'debt negotiators'; older borrowers, guarantors and their grown-up children),
    # natural mixes, scored untouched after the work on the hundred-and-ninth
    to_dev("fresh111_*.txt", 198)
    # the hundred-and-fourth (src/fresh104_1.txt, a month on thirteen borrowers' phones in Hubei:
    # Wuhan, Xiaogan, Jingzhou, Yichang): a thirty-ninth clean held-out set, written with the
    # hundred-and-eleventh (ids ho…)
    to_heldout("fresh104_*.txt", 200, "ho", "heldout_fresh39.jsonl")
    # the hundred-and-thirteenth (twelve people's month in Gansu, Ningxia and Qinghai; credit-card
    # debt over a year, genuine and fake; the courts for real and for fake; messages pasted from
    # screenshots, call logs and voice-to-text), natural mixes, scored untouched after the work on
    # the hundred-and-eleventh
    to_dev("fresh113_*.txt", 202)
    # the hundred-and-sixth (src/fresh106_1.txt, a month on thirteen borrowers' phones in
    # Liaoning): a fortieth clean held-out set, written with the hundred-and-thirteenth (ids hp…)
    to_heldout("fresh106_*.txt", 204, "hp", "heldout_fresh40.jsonl")
    # the hundred-and-fifteenth (twelve people's month in Chongqing and the Chengdu plain; people
    # with gambling, trading or crypto losses; small-business owners in Guangzhou's and Foshan's
    # wholesale markets; couples, separation and divorce), natural mixes, scored untouched after
    # the work on the hundred-and-thirteenth
    to_dev("fresh115_*.txt", 206)
    # the hundred-and-eighth (src/fresh108_1.txt, a month on thirteen borrowers' phones in northern
    # Anhui): a forty-first clean held-out set, written with the hundred-and-fifteenth (ids hq…)
    to_heldout("fresh108_*.txt", 208, "hq", "heldout_fresh41.jsonl")
    # the hundred-and-seventeenth (twelve people's month in southern Hebei and eastern Shanxi;
    # borrowers who are ill or disabled, and their carers; the first weeks after a borrower stops
    # paying several apps; rural cooperative banks, village banks and farmers' microcredit),
    # natural mixes, scored untouched after the work on the hundred-and-fifteenth
    to_dev("fresh117_*.txt", 210)
    # the hundred-and-tenth (src/fresh110_1.txt, a month on thirteen borrowers' phones in southern
    # and western Guangxi): a forty-second clean held-out set, written with the
    # hundred-and-seventeenth (ids hr…)
    to_heldout("fresh110_*.txt", 212, "hr", "heldout_fresh42.jsonl")
    # the hundred-and-nineteenth (twelve people's month in southern Jiangsu and Nantong; young
    # women who borrow; families left behind in the countryside; a debt sold on to an
    # asset-management company, and its fakes), natural mixes, scored untouched after the work on
    # the hundred-and-seventeenth
    to_dev("fresh119_*.txt", 214)
    # the hundred-and-twelfth (src/fresh112_1.txt, a month on thirteen borrowers' phones in
    # Ningbo, Shaoxing and Zhoushan): a forty-third clean held-out set, written with the
    # hundred-and-nineteenth (ids hs…)
    to_heldout("fresh112_*.txt", 216, "hs", "heldout_fresh43.jsonl")
    # the hundred-and-twenty-first (twelve people's month in Kunming, Dali and Lijiang; teachers,
    # civil servants and state-enterprise staff who borrow; identities used for loans and people
    # talked into borrowing for others; vocational students and young workers), natural mixes,
    # scored untouched after the work on the hundred-and-nineteenth
    to_dev("fresh121_*.txt", 218)
    # the hundred-and-fourteenth (src/fresh114_1.txt, a month on thirteen borrowers' phones in
    # Hangzhou and Huzhou): a forty-fourth clean held-out set, written with the
    # hundred-and-twenty-first (ids ht…)
    to_heldout("fresh114_*.txt", 220, "ht", "heldout_fresh44.jsonl")
    # the hundred-and-twenty-third (twelve people's month in western Shandong; the months after a
    # judgment: enforcement, frozen accounts, 限高, settlement, and their fakes; borrowers abroad
    # and just back; people worn down by debt and those around them), natural mixes, scored
    # untouched after the work on the hundred-and-twenty-first
    to_dev("fresh123_*.txt", 222)
    # the hundred-and-sixteenth (src/fresh116_1.txt, a month on thirteen borrowers' phones in
    # western Fujian and the Hakka north-east of Guangdong): a forty-fifth clean held-out set,
    # written with the hundred-and-twenty-third (ids hu…)
    to_heldout("fresh116_*.txt", 224, "hu", "heldout_fresh45.jsonl")
    # the hundred-and-twenty-fifth (twelve people's month in northern Hebei; household bills and
    # services besides loans; self-employed tradesmen and small shops; a county-town family's
    # shared phone), natural mixes, scored untouched after the work on the hundred-and-twenty-third
    to_dev("fresh125_*.txt", 226)
    # the hundred-and-eighteenth (src/fresh118_1.txt, a month on thirteen borrowers' phones in
    # north-eastern Chongqing and Enshi): a forty-sixth clean held-out set, written with the
    # hundred-and-twenty-fifth (ids hv…)
    to_heldout("fresh118_*.txt", 228, "hv", "heldout_fresh46.jsonl")
    # the hundred-and-twenty-seventh (twelve people's month in Guiyang, Zunyi and Bijie; group chats
    # where collectors post and members answer; messages that dodge filters or mix scripts; money
    # lent among co-workers in a factory dormitory), natural mixes, scored untouched after the work
    # on the hundred-and-twenty-fifth
    to_dev("fresh127_*.txt", 230)
    # the hundred-and-twentieth (src/fresh120_1.txt, a month on thirteen borrowers' phones in
    # eastern Inner Mongolia): a forty-seventh clean held-out set, written with the
    # hundred-and-twenty-seventh (ids hw…)
    to_heldout("fresh120_*.txt", 232, "hw", "heldout_fresh47.jsonl")
    # the hundred-and-twenty-ninth (twelve people's month in Xiamen, Quanzhou and Zhangzhou;
    # insurance and debts: policy loans, lapsed policies and the "refund agents"; homes and
    # mortgages: arrears, stalled projects, court auctions and their fakes; lending apps' own
    # customer-service chats and the fake customer service around them), natural mixes, scored
    # untouched after the work on the hundred-and-twenty-seventh
    to_dev("fresh129_*.txt", 234)
    # the hundred-and-twenty-second (src/fresh122_1.txt, a month on thirteen borrowers' phones in
    # northern Jiangxi: Nanchang, Jiujiang, Shangrao, Jingdezhen): a forty-eighth clean held-out
    # set, written with the hundred-and-twenty-ninth (ids hx…)
    to_heldout("fresh122_*.txt", 236, "hx", "heldout_fresh48.jsonl")
    # the hundred-and-thirty-first (twelve people's month in Qingdao, Yantai and Weihai; parents
    # who borrowed for their children; old debts that come back after years of silence and the
    # limitation period; live-streamers and self-media creators), natural mixes, scored untouched
    # after the work on the hundred-and-twenty-ninth
    to_dev("fresh131_*.txt", 238)
    # the hundred-and-twenty-fourth (src/fresh124_1.txt, a month on thirteen borrowers' phones in
    # central and southern Anhui: Hefei, Lu'an, Anqing): a forty-ninth clean held-out set, written
    # with the hundred-and-thirty-first (ids hy…)
    to_heldout("fresh124_*.txt", 240, "hy", "heldout_fresh49.jsonl")
    # the hundred-and-thirty-third (twelve people's month in Changchun and Jilin City; farm
    # machinery and farm inputs on credit over a season; a migrant couple's small restaurant in a
    # big city; domestic workers: nannies, maternity nurses, cleaners), natural mixes, scored
    # untouched after the work on the hundred-and-thirty-first
    to_dev("fresh133_*.txt", 242)
    # the hundred-and-twenty-sixth (src/fresh126_1.txt, a month on thirteen borrowers' phones in
    # northern Jiangsu: Xuzhou, Lianyungang, Suqian): a fiftieth clean held-out set, written with
    # the hundred-and-thirty-third (ids hz…)
    to_heldout("fresh126_*.txt", 244, "hz", "heldout_fresh50.jsonl")
    # the hundred-and-thirty-fifth (twelve people's month in northern Guangdong; a borrower's
    # first months in a new city after leaving home over debts; small construction subcontractors
    # who both owe and are owed; the weeks around the Spring Festival), natural mixes, scored
    # untouched after the work on the hundred-and-thirty-third
    to_dev("fresh135_*.txt", 246)
    # the hundred-and-twenty-eighth (src/fresh128_1.txt, a month on thirteen borrowers' phones in
    # southern Hunan: Hengyang, Chenzhou, Yongzhou): a fifty-first clean held-out set, written with
    # the hundred-and-thirty-fifth (ids ia…)
    to_heldout("fresh128_*.txt", 248, "ia", "heldout_fresh51.jsonl")
    # the hundred-and-thirty-seventh (twelve people's month in Baotou and Ordos; pets bought on
    # instalment and their bills; phones as collateral: phone-pledge and rental-phone loans and
    # locked "supervised" phones; hospital staff who borrow), natural mixes, scored untouched
    # after the work on the hundred-and-thirty-fifth
    to_dev("fresh137_*.txt", 250)
    # the hundred-and-thirtieth (src/fresh130_1.txt, a month on thirteen borrowers' phones in
    # Sichuan outside Chengdu: Mianyang, Deyang, Leshan): a fifty-second clean held-out set,
    # written with the hundred-and-thirty-seventh (ids ib…)
    to_heldout("fresh130_*.txt", 252, "ib", "heldout_fresh52.jsonl")
    # the hundred-and-thirty-ninth (twelve people's month in Heilongjiang: Daqing, Qiqihar,
    # Mudanjiang and the Sanjiang farms; serious illness and funerals: families who borrow for a
    # parent's treatment and then the funeral, and are asked for a dead person's debts; gym,
    # beauty-salon, driving-school and course fees paid with a shop's loan; rooftop-solar loans
    # and other rural instalments), natural mixes, scored untouched after the work on the
    # hundred-and-thirty-seventh
    to_dev("fresh139_*.txt", 254)
    # the hundred-and-thirty-second (src/fresh132_1.txt, a month on thirteen borrowers' phones in
    # western Henan: Luoyang, Pingdingshan, Sanmenxia): a fifty-third clean held-out set, written
    # with the hundred-and-thirty-ninth (ids ic…)
    to_heldout("fresh132_*.txt", 256, "ic", "heldout_fresh53.jsonl")
    # the hundred-and-forty-first (twelve people's month in central Shandong: Zibo, Jining,
    # Tai'an; weddings and bride price: families who borrow for 彩礼 and the banquet, dating-app
    # "investment" scams, couples who split debts; adult education: degree-upgrade and exam
    # courses on a loan, answer sellers; retired soldiers and their start-up loans), natural
    # mixes, scored untouched after the work on the hundred-and-thirty-ninth
    to_dev("fresh141_*.txt", 258)
    # the hundred-and-thirty-fourth (src/fresh134_1.txt, a month on thirteen borrowers' phones
    # along Gansu's Hexi corridor: Wuwei, Zhangye, Jiuquan): a fifty-fourth clean held-out set,
    # written with the hundred-and-forty-first (ids id…)
    to_heldout("fresh134_*.txt", 260, "id", "heldout_fresh54.jsonl")
    # the hundred-and-forty-third (twelve people's month in eastern Anhui along the Yangtze:
    # Wuhu, Ma'anshan, Xuancheng; mobile games and young people's top-ups, loans and account
    # trades; lottery and card-game habits chased with loans; home renovation on a loan and
    # the companies that stop work), natural mixes, scored untouched after the work on the
    # hundred-and-forty-first
    to_dev("fresh143_*.txt", 262)
    # the hundred-and-thirty-sixth (src/fresh136_1.txt, a month on thirteen borrowers' phones in
    # Shaanxi's east and north: Weinan, Tongchuan, Yan'an): a fifty-fifth clean held-out set,
    # written with the hundred-and-forty-third (ids ie…)
    to_heldout("fresh136_*.txt", 264, "ie", "heldout_fresh55.jsonl")
    # the hundred-and-forty-fifth (twelve people's month in western Jiangxi: Yichun, Xinyu,
    # Pingxiang; young parents with a newborn and their hospital, confinement and baby bills;
    # overseas-labour agencies and the loans taken to pay them; village shops that sell on
    # credit and their wholesalers), natural mixes, scored untouched after the work on the
    # hundred-and-forty-third
    to_dev("fresh145_*.txt", 266)
    # the hundred-and-thirty-eighth (src/fresh138_1.txt, a month on thirteen borrowers' phones in
    # central Jiangsu: Yangzhou, Zhenjiang, Taizhou): a fifty-sixth clean held-out set, written
    # with the hundred-and-forty-fifth (ids if…)
    to_heldout("fresh138_*.txt", 268, "if", "heldout_fresh56.jsonl")
    # the hundred-and-forty-seventh (twelve people's month in southern Henan: Xinyang,
    # Zhumadian; households after a flood, their claims, deferrals and the "relief" scams;
    # divorce and child support; a village mutual-aid fund and co-operatives that collapsed),
    # natural mixes, scored untouched after the work on the hundred-and-forty-fifth
    to_dev("fresh147_*.txt", 270)
    # the hundred-and-fortieth (src/fresh140_1.txt, a month on thirteen borrowers' phones in
    # eastern Hubei: Huanggang, Jingmen, Xiaogan's counties): a fifty-seventh clean held-out set,
    # written with the hundred-and-forty-seventh (ids ig…)
    to_heldout("fresh140_*.txt", 272, "ig", "heldout_fresh57.jsonl")
    # the hundred-and-forty-ninth (twelve people's month in northern Henan: Xinxiang, Jiaozuo,
    # Hebi; deaf and hard-of-hearing people who live by text and the scams that target them;
    # small foreign-trade firms, their buyers, forwarders and trade loans; private kindergartens,
    # their fees, wages and loans), natural mixes, scored untouched after the work on the
    # hundred-and-forty-seventh
    to_dev("fresh149_*.txt", 274)
    # the hundred-and-forty-second (src/fresh142_1.txt, a month on thirteen borrowers' phones in
    # central Inner Mongolia: Hohhot, Ulanqab): a fifty-eighth clean held-out set, written with
    # the hundred-and-forty-ninth (ids ih…)
    to_heldout("fresh142_*.txt", 276, "ih", "heldout_fresh58.jsonl")
    # the hundred-and-fifty-first (twelve people's month in southern Shaanxi's mountains: Ankang,
    # Shangluo; students abroad and their parents, and the "embassy" and fake-kidnap scams aimed
    # at them; traffic accidents, the compensation and the loans to pay it; a large residential
    # compound seen by its residents and its property and security staff), natural mixes, scored
    # untouched after the work on the hundred-and-forty-ninth
    to_dev("fresh151_*.txt", 278)
    # the hundred-and-forty-fourth (src/fresh144_1.txt, a month on thirteen borrowers' phones in
    # southern Shanxi: Linfen, Yuncheng): a fifty-ninth clean held-out set, written with the
    # hundred-and-fifty-first (ids ii…)
    to_heldout("fresh144_*.txt", 280, "ii", "heldout_fresh59.jsonl")
    # the hundred-and-fifty-third (twelve people's month in central-western Guangxi: Hechi,
    # Laibin; people who lent their name, ID or bank card for someone else's loan; seasonal
    # migrant pickers and their labour contractors; pawnshops, gold on instalment and the gold
    # scams), natural mixes, scored untouched after the work on the hundred-and-fifty-first
    to_dev("fresh153_*.txt", 282)
    # the hundred-and-forty-sixth (src/fresh146_1.txt, a month on thirteen borrowers' phones on
    # the plain of southern Hebei: Hengshui, Xingtai): a sixtieth clean held-out set, written
    # with the hundred-and-fifty-third (ids ij…)
    to_heldout("fresh146_*.txt", 284, "ij", "heldout_fresh60.jsonl")
    # the hundred-and-fifty-fifth (twelve people's month in south-western Zhejiang: Lishui,
    # Quzhou; livestock traders and farmers, their pledges, feed and vets; WeChat sellers and
    # their upline agents; laid-off workers after a factory closes), natural mixes, scored
    # untouched after the work on the hundred-and-fifty-third
    to_dev("fresh155_*.txt", 286)
    # the hundred-and-forty-eighth (src/fresh148_1.txt, a month on thirteen borrowers' phones in
    # western Liaoning: Jinzhou, Huludao, Chaoyang): a sixty-first clean held-out set, written
    # with the hundred-and-fifty-fifth (ids ik…)
    to_heldout("fresh148_*.txt", 288, "ik", "heldout_fresh61.jsonl")
    # the hundred-and-fifty-seventh (twelve people's month in north-western Hubei: Shiyan,
    # Xiangyang, Suizhou; outsourced street sweepers, guards and cleaners; borrowers who paid a
    # debt-negotiation agency; nannies, maternity nurses and hospital carers), natural mixes,
    # scored untouched on arrival
    to_dev("fresh157_*.txt", 290)
    # the hundred-and-fiftieth (src/fresh150_1.txt, a month on thirteen borrowers' phones in
    # southern Sichuan and north-eastern Yunnan: Yibin, Luzhou, Zigong, Zhaotong): a sixty-second
    # clean held-out set, written with the hundred-and-fifty-seventh (ids il…)
    to_heldout("fresh150_*.txt", 292, "il", "heldout_fresh62.jsonl")
    # the hundred-and-fifty-ninth (twelve people's month in northern Hunan: Changde, Yiyang,
    # Zhangjiajie; blind and partially sighted people and their massage shops; fridges, air
    # conditioners and furniture on store instalments; restaurant kitchens and their staff),
    # natural mixes, scored untouched on arrival
    to_dev("fresh159_*.txt", 294)
    # the hundred-and-fifty-second (src/fresh152_1.txt, a month on thirteen borrowers' phones in
    # northern and central Anhui: Bengbu, Lu'an, Chuzhou): a sixty-third clean held-out set,
    # written with the hundred-and-fifty-ninth (ids im…)
    to_heldout("fresh152_*.txt", 296, "im", "heldout_fresh63.jsonl")
    # the hundred-and-sixty-first (twelve people's month in northern Zhejiang: Jiaxing, Huzhou;
    # franchised shops opened on loans; film and TV extras and small crews; seafarers and their
    # families), natural mixes, scored untouched on arrival
    to_dev("fresh161_*.txt", 298)
    # the hundred-and-fifty-fourth (src/fresh154_1.txt, a month on thirteen borrowers' phones in
    # northern Shandong's Yellow River delta: Dongying, Binzhou): a sixty-fourth clean held-out
    # set, written with the hundred-and-sixty-first (ids in…)
    to_heldout("fresh154_*.txt", 300, "in", "heldout_fresh64.jsonl")
    # the hundred-and-sixty-third (twelve people's month in eastern Gansu: Pingliang, Qingyang,
    # Dingxi; the family of a borrower who has died; wedding-photo studios and wedding planners;
    # mahjong parlours and card players), natural mixes, scored untouched on arrival
    to_dev("fresh163_*.txt", 302)
    # the hundred-and-fifty-sixth (src/fresh156_1.txt, a month on thirteen borrowers' phones in
    # western Guangdong: Zhaoqing, Yunfu, Yangjiang): a sixty-fifth clean held-out set, written
    # with the hundred-and-sixty-third (ids io…)
    to_heldout("fresh156_*.txt", 304, "io", "heldout_fresh65.jsonl")
    # the hundred-and-sixty-fifth (twelve people's month in western Guizhou: Anshun, Liupanshui,
    # Xingyi; couples paying for fertility treatment; designated drivers and errand runners;
    # programmers and IT workers after lay-offs), natural mixes, scored untouched on arrival
    to_dev("fresh165_*.txt", 306)
    # the hundred-and-fifty-eighth (src/fresh158_1.txt, a month on thirteen borrowers' phones in
    # central and south-eastern Yunnan: Chuxiong, Wenshan, Lincang): a sixty-sixth clean held-out
    # set, written with the hundred-and-sixty-fifth (ids ip…)
    to_heldout("fresh158_*.txt", 308, "ip", "heldout_fresh66.jsonl")
    # the hundred-and-sixty-seventh (twelve people's month in south-eastern Guangxi: Guigang,
    # Wuzhou, Hezhou; young fans of idols and celebrities; KTV and bar staff and their customers'
    # tabs; agricultural drone pilots and farm-service contractors), natural mixes, scored
    # untouched on arrival
    to_dev("fresh167_*.txt", 310)
    # the hundred-and-sixtieth (src/fresh160_1.txt, a month on thirteen borrowers' phones in
    # northern and central Ningxia: Shizuishan, Wuzhong, Zhongwei): a sixty-seventh clean
    # held-out set, written with the hundred-and-sixty-seventh (ids iq…)
    to_heldout("fresh160_*.txt", 312, "iq", "heldout_fresh67.jsonl")
    # the hundred-and-sixty-ninth (twelve people's month in Qinghai: Haidong, Xining's suburbs,
    # Golmud; stock-market borrowers and off-market margin; county-town motorbike-taxi and
    # tricycle drivers; families who crowdfund a patient's treatment), natural mixes, scored
    # untouched on arrival
    to_dev("fresh169_*.txt", 314)
    # the hundred-and-sixty-second (src/fresh162_1.txt, a month on thirteen borrowers' phones in
    # Heyuan and Shanwei, eastern Guangdong): a sixty-eighth clean held-out set, written with the
    # hundred-and-sixty-ninth (ids ir…)
    to_heldout("fresh162_*.txt", 316, "ir", "heldout_fresh68.jsonl")
    # the hundred-and-seventy-first (twelve people's month in south-eastern Hubei: Xianning, Chibi,
    # Huangshi, Daye; migratory beekeepers and honey sellers; pet shops, groomers and pet owners on
    # instalments; hair, nail and beauty shops that sell prepaid member cards), natural mixes,
    # scored untouched on arrival
    to_dev("fresh171_*.txt", 318)
    # the hundred-and-sixty-fourth (src/fresh164_1.txt, a month on thirteen borrowers' phones in
    # southern Jiangxi: Ganzhou, Ji'an, Ruijin, Nankang): a sixty-ninth clean held-out set, written
    # with the hundred-and-seventy-first (ids is…)
    to_heldout("fresh164_*.txt", 320, "is", "heldout_fresh69.jsonl")
    # the hundred-and-seventy-third (three writers: twelve people's month in eastern Henan: Zhoukou,
    # Shangqiu, Luyi, Yongcheng; second-hand car dealers and car-title loans with GPS; contract and
    # substitute teachers and tutoring staff in county towns), natural mixes, scored untouched on
    # arrival
    to_dev("fresh173_*.txt", 322)
    # the hundred-and-seventy-fifth (twelve people's month in western Hunan: Jishou, Fenghuang,
    # Huaihua, Shaoyang; travelling banquet chefs and village caterers; ride-hailing drivers on
    # rent-to-own cars; elderly people and the children who help with their cards), natural
    # mixes, scored untouched on arrival
    to_dev("fresh175_*.txt", 326)
    # the hundred-and-sixty-sixth (src/fresh166_1.txt, a month on thirteen borrowers' phones in
    # northern Shaanxi: Yulin, Yan'an, Shenmu): a seventieth clean held-out set, written with the
    # hundred-and-seventy-fifth (ids it…)
    to_heldout("fresh166_*.txt", 328, "it", "heldout_fresh70.jsonl")
    # the hundred-and-seventy-seventh (three writers: twelve people's month in eastern Inner
    # Mongolia: Chifeng, Tongliao, Horqin; crayfish and fish-pond farmers; scrap collectors and
    # recycling stations), natural mixes, scored untouched on arrival
    to_dev("fresh177_*.txt", 330)
    # the hundred-and-seventy-ninth (twelve people's month in Hainan: Haikou's outskirts, Danzhou,
    # Wanning; families who borrowed for a son's bride price and wedding; small cross-border
    # e-commerce sellers and freight forwarders; rural funeral-service shops and the families
    # who paid for a funeral on credit), natural mixes, scored untouched on arrival
    to_dev("fresh179_*.txt", 334)
    # the hundred-and-sixty-eighth (src/fresh168_1.txt, a month on thirteen borrowers' phones in
    # north-western Guangxi: Baise, Hechi): a seventy-first clean held-out set, written with the
    # hundred-and-seventy-ninth (ids iu…)
    to_heldout("fresh168_*.txt", 336, "iu", "heldout_fresh71.jsonl")
    # the hundred-and-eighty-first (three writers: twelve people's month in north-eastern
    # Heilongjiang: Jiamusi, Shuangyashan, Hegang; village doctors and small clinics and
    # pharmacies; short-video creators and small live-streaming agencies), natural mixes, scored
    # untouched on arrival
    to_dev("fresh181_*.txt", 338)
    # the hundred-and-eighty-third (twelve people's month in northern Jiangxi: Jiujiang,
    # Jingdezhen, Shangrao; urban-village landlords who borrowed to rebuild, and their tenants;
    # families of people addicted to online gambling; phone repair and second-hand phone shops,
    # phones rented or bought on instalment), natural mixes, scored untouched on arrival
    to_dev("fresh183_*.txt", 342)
    # the hundred-and-seventieth (src/fresh170_1.txt, a month on thirteen borrowers' phones in
    # northern Hebei: Zhangjiakou, Chengde, Zhangbei): a seventy-second clean held-out set,
    # written with the hundred-and-eighty-third (ids iv…)
    to_heldout("fresh170_*.txt", 344, "iv", "heldout_fresh72.jsonl")
    # the hundred-and-eighty-fifth (three writers: twelve people's month in south-western
    # Sichuan: Xichang, Huili, Panzhihua; driving-school coaches, schools and learners paying on
    # instalment; night-market and street-food vendors), natural mixes, scored untouched on
    # arrival
    to_dev("fresh185_*.txt", 346)
    # the hundred-and-eighty-seventh (twelve people's month in coastal Fujian: Putian, Ningde,
    # Fuqing; parcel stations and couriers on station franchise loans; households that borrowed
    # to rebuild after a flood; people who lent their name or ID for someone else's loan), natural
    # mixes, scored untouched on arrival
    to_dev("fresh187_*.txt", 350)
    # the hundred-and-seventy-second (src/fresh172_1.txt, a month on thirteen borrowers' phones in
    # north-eastern Yunnan: Zhaotong, Qujing): a seventy-third clean held-out set, written with the
    # hundred-and-eighty-seventh (ids iw…)
    to_heldout("fresh172_*.txt", 352, "iw", "heldout_fresh73.jsonl")
    # the hundred-and-eighty-ninth (two writers: twelve people's month in southern Shanxi: Linfen,
    # Yuncheng, Jincheng; piano, dance and art studios and parents who prepaid courses on
    # instalment) and the hundred-and-ninety-first (one writer: twelve people's month in western
    # Shandong: Heze, Liaocheng, Jining), natural mixes, scored untouched on arrival
    to_dev("fresh189_*.txt", 354)
    to_dev("fresh191_*.txt", 358)
    # the hundred-and-ninety-third (two writers: a month in northern Xinjiang: Shihezi, Kuitun,
    # Changji, Manas, cotton farmers and pickers; long-haul truckers, Horgos fruit traders, Altay
    # homestays) and the hundred-and-ninety-fifth (two writers: delivery riders in Tianjin and
    # Langfang; retired people in Tianjin's outer districts and their children), natural mixes,
    # scored untouched on arrival
    to_dev("fresh193_*.txt", 360)
    # the hundred-and-ninety-fourth (src/fresh194_1.txt, southern Jiangsu: Suzhou, Wuxi, Kunshan,
    # factory workers and salary-advance apps): a seventy-fourth clean held-out set, written with
    # the hundred-and-ninety-third (ids ix…)
    to_heldout("fresh194_*.txt", 362, "ix", "heldout_fresh74.jsonl")
    to_dev("fresh195_*.txt", 364)
    # the hundred-and-ninety-sixth (src/fresh196_1.txt, Lanzhou and the Hexi corridor): a
    # seventy-fifth clean held-out set, written with the hundred-and-ninety-fifth (ids iy…)
    to_heldout("fresh196_*.txt", 366, "iy", "heldout_fresh75.jsonl")
    # the hundred-and-ninety-seventh (two writers: eastern Jilin, Yanbian, ginseng growers and
    # families of workers in Korea; central Jilin, car-factory workers, corn farmers, ski staff),
    # natural mixes, scored untouched on arrival
    to_dev("fresh197_*.txt", 368)
    # the hundred-and-ninety-eighth (src/fresh198_1.txt, Zhengzhou and Kaifeng): a seventy-sixth
    # clean held-out set, written with the hundred-and-ninety-ninth (ids iz…)
    to_heldout("fresh198_*.txt", 370, "iz", "heldout_fresh76.jsonl")
    # the hundred-and-ninety-ninth (two writers: southern Anhui tea growers, guides and homestays;
    # Wenzhou and Taizhou family workshops and 标会) and the two-hundred-and-first (two writers:
    # northern Guangdong chicken farmers, quarry workers, Yingde tea; western Liaoning retired
    # miners, greenhouse growers, Huludao fishing crews and swimsuit workshops), natural mixes,
    # scored untouched on arrival
    to_dev("fresh199_*.txt", 372)
    to_dev("fresh201_*.txt", 374)
    # the two-hundred-and-third (two writers: Guizhou, Zunyi, Bijie, Liupanshui, chili growers,
    # liquor workshops, resettled villagers; Qingdao and Weifang, seafood processors, Shouguang
    # vegetable wholesalers, workshops), natural mixes, scored untouched on arrival
    to_dev("fresh203_*.txt", 376)
    # the two-hundredth (src/fresh200_1.txt, Hefei and Lu'an): a seventy-seventh clean held-out
    # set, written with the two-hundred-and-third (ids ja…)
    to_heldout("fresh200_*.txt", 378, "ja", "heldout_fresh77.jsonl")
    # the two-hundred-and-fifth (two writers: Nanning and Guilin, sugar-cane farmers, rice-noodle
    # shops, Yangshuo tourism; Xi'an and central Shaanxi, fruit growers, students, construction
    # crews owed wages) and the two-hundred-and-seventh (two writers: Shenyang and Anshan, steel
    # workers' families, guarantors; Chongqing's districts, motorbike taxis, hotpot staff, porters,
    # gambling debts), natural mixes, scored untouched on arrival
    to_dev("fresh205_*.txt", 380)
    to_dev("fresh207_*.txt", 382)
    # the two-hundred-and-eighth (src/fresh208_1.txt, Shijiazhuang and Xingtai): a seventy-eighth
    # clean held-out set, written with the two-hundred-and-ninth (ids jb…)
    to_heldout("fresh208_*.txt", 384, "jb", "heldout_fresh78.jsonl")
    # the two-hundred-and-ninth (two writers: Quanzhou, Jinjiang and Xiamen, shoe and garment
    # workshops, Anxi tea; Ningxia, wolfberry growers, Hui restaurants, cattle farmers, resettled
    # families), a natural mix, scored untouched on arrival
    to_dev("fresh209_*.txt", 386)
    # the two-hundred-and-tenth (src/fresh210_1.txt, Kunming and Dali): a seventy-ninth clean
    # held-out set (ids jc…)
    to_heldout("fresh210_*.txt", 388, "jc", "heldout_fresh79.jsonl")
    # the two-hundred-and-eleventh (two writers: Xining, Haidong and Hualong noodle-shop owners,
    # herders, truckers; Changsha and Zhuzhou, milk-tea franchisees, live-streamers, young office
    # workers, railway-factory families), natural mixes, scored untouched on arrival
    to_dev("fresh211_*.txt", 390)
    # the two-hundred-and-twelfth (src/fresh212_1.txt, Wuhan): an eightieth clean held-out set,
    # written with the two-hundred-and-fifteenth (ids jd…)
    to_heldout("fresh212_*.txt", 392, "jd", "heldout_fresh80.jsonl")
    # the two-hundred-and-thirteenth (two writers: Suzhou and Kunshan, dispatched factory workers,
    # ride-hailing drivers, dormitory landlords; Dalian and Zhuanghe, fishermen, sea-cucumber
    # farmers, shipyard workers, guarantors), natural mixes, scored untouched on arrival
    to_dev("fresh213_*.txt", 394)
    # the two-hundred-and-fourteenth (src/fresh214_1.txt, Mianyang and Deyang): an eighty-first
    # clean held-out set (ids je…)
    to_heldout("fresh214_*.txt", 396, "je", "heldout_fresh81.jsonl")
    # the two-hundred-and-fifteenth (two writers: Harbin, Daqing and Suihua, oilfield families,
    # ice-festival staff, farmers; Guangzhou's Baiyun and Panyu, garment villages, wholesale
    # markets), the two-hundred-and-seventeenth (two writers: Yiwu and Jinhua, market stalls,
    # e-commerce, 'money houses'; Baotou and Ordos, coal trucks, collapsed private lending, herders)
    # and the two-hundred-and-nineteenth (two writers: Nantong and Yancheng, construction crews and
    # foremen, shrimp farmers; Zhanjiang and Maoming, fishermen, lychee growers, clan loans),
    # natural mixes, scored untouched on arrival
    to_dev("fresh215_*.txt", 398)
    to_dev("fresh217_*.txt", 400)
    to_dev("fresh219_*.txt", 402)
    # the two-hundred-and-sixteenth, -eighteenth and -twentieth (src/fresh216_1.txt, Jinan and
    # Tai'an; fresh218_1, Fuzhou and Putian; fresh220_1, Nanjing and Zhenjiang): an eighty-second to
    # eighty-fourth clean held-out set, written with the 221st and 227th batches (ids jf…, jg…, jh…)
    to_heldout("fresh216_*.txt", 404, "jf", "heldout_fresh82.jsonl")
    to_heldout("fresh218_*.txt", 406, "jg", "heldout_fresh83.jsonl")
    to_heldout("fresh220_*.txt", 408, "jh", "heldout_fresh84.jsonl")
    # the two-hundred-and-twenty-first (two writers: Shantou, Chaozhou and Jieyang, toy and
    # porcelain workshops, Teochew family firms, 标会; Kashgar, Aksu and Hotan, cotton and jujube
    # growers, bazaar traders, fruit truckers), natural mixes, scored untouched on arrival
    to_dev("fresh221_*.txt", 410)
    # the two-hundred-and-twenty-second (src/fresh222_1.txt, Guiyang and Anshun): an eighty-fifth
    # clean held-out set (ids ji…)
    to_heldout("fresh222_*.txt", 412, "ji", "heldout_fresh85.jsonl")
    # the two-hundred-and-twenty-third (two writers: Beijing's outskirts and Yanjiao, commuters
    # with mortgages, couriers, renovation crews; Shanghai, young office workers, delivery riders,
    # beauty shops, retired lenders), natural mixes, scored untouched on arrival
    to_dev("fresh223_*.txt", 414)
    # the two-hundred-and-twenty-fourth (src/fresh224_1.txt, Changchun and Siping): an
    # eighty-sixth clean held-out set, written with the 233rd batch (ids jj…)
    to_heldout("fresh224_*.txt", 416, "jj", "heldout_fresh86.jsonl")
    # the two-hundred-and-twenty-fifth (two writers: Taiyuan, Jinzhong and Pingyao, mining
    # families, vinegar workshops, coal-boom IOUs; Hengyang, Shaoyang and Xinhua, migrants'
    # families, print-shop owners, left-behind grandparents), natural mixes
    to_dev("fresh225_*.txt", 418)
    # the two-hundred-and-twenty-sixth (src/fresh226_1.txt, Xiamen and Zhangzhou): an
    # eighty-seventh clean held-out set (ids jk…)
    to_heldout("fresh226_*.txt", 420, "jk", "heldout_fresh87.jsonl")
    # the two-hundred-and-twenty-seventh (Tangshan and Qinhuangdao; Yulin and Beiliu), -twenty-
    # ninth (Hangzhou; Anyang, Xinxiang and Hebi), -thirty-first (eastern Heilongjiang; Linyi),
    # -thirty-third (the Shandong coast; Shiyan and Xiangyang), -thirty-fifth (Zhuhai, Zhongshan
    # and Jiangmen; Ganzhou's Hakka counties and Meizhou) and -thirty-seventh (Xi'an's students
    # and tech workers; Datong and Shuozhou), two writers each, natural mixes, scored untouched
    to_dev("fresh227_*.txt", 422)
    to_dev("fresh229_*.txt", 424)
    to_dev("fresh231_*.txt", 426)
    to_dev("fresh233_*.txt", 428)
    to_dev("fresh235_*.txt", 430)
    to_dev("fresh237_*.txt", 432)
    # the two-hundred-and-twenty-eighth and -thirtieth (src/fresh228_1.txt, Changzhou and Wuxi;
    # fresh230_1, Luoyang and Pingdingshan): an eighty-eighth and eighty-ninth clean held-out set,
    # written with the 239th to 243rd batches (ids jl…, jm…)
    to_heldout("fresh228_*.txt", 434, "jl", "heldout_fresh88.jsonl")
    to_heldout("fresh230_*.txt", 436, "jm", "heldout_fresh89.jsonl")
    # the two-hundred-and-thirty-ninth (Liuzhou and Hechi; Zigong, Neijiang and Luzhou), -forty-first
    # (Huai'an and Suqian; Hulunbuir and Manzhouli) and -forty-third (Jiaxing and Huzhou; Cangzhou
    # and Hengshui), two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh239_*.txt", 438)
    to_dev("fresh241_*.txt", 440)
    to_dev("fresh243_*.txt", 442)
    # the two-hundred-and-thirty-second (src/fresh232_1.txt, Bengbu and Huainan) and -thirty-fourth
    # (fresh234_1, Lanzhou and Tianshui): a ninetieth and ninety-first clean held-out set, written
    # with the 245th to 249th batches (ids jn…, jo…)
    to_heldout("fresh232_*.txt", 444, "jn", "heldout_fresh90.jsonl")
    to_heldout("fresh234_*.txt", 446, "jo", "heldout_fresh91.jsonl")
    # the two-hundred-and-forty-fifth (Anqing, Tongling and Chizhou; Yichang and Jingzhou), -forty-
    # seventh (Zunyi and Tongren; Shangrao and Jingdezhen) and -forty-ninth (Yanbian; Haikou and
    # Sanya), two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh245_*.txt", 448)
    to_dev("fresh247_*.txt", 450)
    to_dev("fresh249_*.txt", 452)
    # the two-hundred-and-thirty-sixth (src/fresh236_1.txt, Baoding and Langfang) and -thirty-eighth
    # (fresh238_1, Nanning and Qinzhou): a ninety-second and ninety-third clean held-out set, written
    # with the 251st to 255th batches (ids jp…, jq…)
    to_heldout("fresh236_*.txt", 454, "jp", "heldout_fresh92.jsonl")
    to_heldout("fresh238_*.txt", 456, "jq", "heldout_fresh93.jsonl")
    # the two-hundred-and-fifty-first (Qingyuan and Shaoguan; Zhangjiakou and Chengde), -fifty-third
    # (Nanchong and Suining; Weifang and Rizhao) and -fifty-fifth (Xuzhou and Lianyungang; Qiqihar and
    # Suihua), two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh251_*.txt", 458)
    to_dev("fresh253_*.txt", 460)
    to_dev("fresh255_*.txt", 462)
    # the two-hundred-and-fortieth (src/fresh240_1.txt, Jining and Heze) and -forty-second
    # (fresh242_1, Jiujiang and Yichun): a ninety-fourth and ninety-fifth clean held-out set, written
    # with the 257th to 261st batches (ids jr…, js…)
    to_heldout("fresh240_*.txt", 464, "jr", "heldout_fresh94.jsonl")
    to_heldout("fresh242_*.txt", 466, "js", "heldout_fresh95.jsonl")
    # the two-hundred-and-fifty-seventh (Ankang and Hanzhong; Wuhu and Ma'anshan), -fifty-ninth
    # (Xuchang and Zhoukou; Taizhou and Wenling) and -sixty-first (Guilin and Hezhou; Shenyang and
    # Tieling), two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh257_*.txt", 468)
    to_dev("fresh259_*.txt", 470)
    to_dev("fresh261_*.txt", 472)
    # the two-hundred-and-forty-fourth (src/fresh244_1.txt, Yulin and Yan'an) and -forty-sixth
    # (fresh246_1, Shunde and Nanhai): a ninety-sixth and ninety-seventh clean held-out set, written
    # with the 263rd to 267th batches (ids jt…, ju…)
    to_heldout("fresh244_*.txt", 474, "jt", "heldout_fresh96.jsonl")
    to_heldout("fresh246_*.txt", 476, "ju", "heldout_fresh97.jsonl")
    # the two-hundred-and-sixty-third (Tianjin's Binhai and Wuqing; Dezhou and Liaocheng), -sixty-fifth
    # (Meishan and Leshan; Luohe and Zhumadian) and -sixty-seventh (Changde and Yiyang; Zhoushan and
    # Xiangshan), two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh263_*.txt", 478)
    to_dev("fresh265_*.txt", 480)
    to_dev("fresh267_*.txt", 482)
    # the two-hundred-and-forty-eighth (src/fresh248_1.txt, Anji and Deqing), -fiftieth (fresh250_1,
    # Jinzhou and Huludao), -fifty-second (fresh252_1, Dazhou and Bazhong) and -fifty-fourth
    # (fresh254_1, Puyang and Hebi): a ninety-eighth to hundred-and-first clean held-out set, written
    # with the 269th batch (ids jv…, jw…, jx…, jy…)
    to_heldout("fresh248_*.txt", 484, "jv", "heldout_fresh98.jsonl")
    to_heldout("fresh250_*.txt", 486, "jw", "heldout_fresh99.jsonl")
    to_heldout("fresh252_*.txt", 488, "jx", "heldout_fresh100.jsonl")
    to_heldout("fresh254_*.txt", 490, "jy", "heldout_fresh101.jsonl")
    # the two-hundred-and-sixty-ninth (Zibo and Binzhou; Loudi and Huaihua), two writers, natural
    # mixes, scored untouched on arrival
    to_dev("fresh269_*.txt", 492)
    # the two-hundred-and-seventy-first (Ji'an and Pingxiang; Hohhot and Ulanqab), -seventy-third
    # (Yibin and Luzhou; Fuyang and Bozhou) and -seventy-fifth (Qujing and Honghe; Kaili and Duyun),
    # two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh271_*.txt", 494)
    to_dev("fresh273_*.txt", 496)
    to_dev("fresh275_*.txt", 498)
    # the two-hundred-and-fifty-sixth (src/fresh256_1.txt, Yinchuan and Shizuishan) and -fifty-eighth
    # (fresh258_1, Taicang and Changshu): a hundred-and-second and hundred-and-third clean held-out
    # set, written with the batches above (ids jz…, ka…)
    to_heldout("fresh256_*.txt", 500, "jz", "heldout_fresh102.jsonl")
    to_heldout("fresh258_*.txt", 502, "ka", "heldout_fresh103.jsonl")
    # the two-hundred-and-seventy-seventh (Nantong and Haimen; Jiamusi and Hegang), -seventy-ninth
    # (Shantou and Chaozhou; Tangshan and Qinhuangdao) and -eighty-first (Kashgar and Korla; Zhuhai
    # and Zhongshan), two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh277_*.txt", 504)
    to_dev("fresh279_*.txt", 506)
    to_dev("fresh281_*.txt", 508)
    # the two-hundred-and-sixtieth (src/fresh260_1.txt, Xiangtan and Zhuzhou) and -sixty-second
    # (fresh262_1, Jinhua and Yiwu): a hundred-and-fourth and hundred-and-fifth clean held-out set,
    # written with the batches above (ids kb…, kc…)
    to_heldout("fresh260_*.txt", 510, "kb", "heldout_fresh104.jsonl")
    to_heldout("fresh262_*.txt", 512, "kc", "heldout_fresh105.jsonl")
    # the two-hundred-and-eighty-third (Lu'an and Huangshan; Xinxiang and Jiaozuo), -eighty-fifth
    # (Mianyang and Deyang; Changzhi and Jincheng) and -eighty-seventh (Beihai and Fangchenggang;
    # Yantai and Weihai), two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh283_*.txt", 514)
    to_dev("fresh285_*.txt", 516)
    to_dev("fresh287_*.txt", 518)
    # the two-hundred-and-sixty-fourth (src/fresh264_1.txt, Huai'an and Suqian) and -sixty-sixth
    # (fresh266_1, Anyang and Xinyang): a hundred-and-sixth and hundred-and-seventh clean held-out
    # set, written with the batches above (ids kd…, ke…)
    to_heldout("fresh264_*.txt", 520, "kd", "heldout_fresh106.jsonl")
    to_heldout("fresh266_*.txt", 522, "ke", "heldout_fresh107.jsonl")
    # the two-hundred-and-eighty-ninth (Shaoxing and Zhuji; Baoji and Xianyang), -ninety-first (Yulin
    # and Wuzhou; Siping and Baicheng) and -ninety-third (Lhasa and Shigatse; Jingmen and Xiaogan),
    # two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh289_*.txt", 524)
    to_dev("fresh291_*.txt", 526)
    to_dev("fresh293_*.txt", 528)
    # the two-hundred-and-sixty-eighth (src/fresh268_1.txt, Maoming and Zhanjiang) and -seventieth
    # (fresh270_1, Chenzhou and Yongzhou): a hundred-and-eighth and hundred-and-ninth clean held-out
    # set, written with the batches above (ids kf…, kg…)
    to_heldout("fresh268_*.txt", 530, "kf", "heldout_fresh108.jsonl")
    to_heldout("fresh270_*.txt", 532, "kg", "heldout_fresh109.jsonl")
    # the two-hundred-and-ninety-fifth (Dongying and Binzhou; Shangqiu and Zhoukou), -ninety-seventh
    # (Ningde and Nanping; Anshan and Liaoyang) and -ninety-ninth (Jieyang and Shanwei; Hengshui and
    # Cangzhou), two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh295_*.txt", 534)
    to_dev("fresh297_*.txt", 536)
    to_dev("fresh299_*.txt", 538)
    # the two-hundred-and-seventy-second (src/fresh272_1.txt, Tai'an and Laiwu) and -seventy-fourth
    # (fresh274_1, Ziyang and Suining): a hundred-and-tenth and hundred-and-eleventh clean held-out
    # set, written with the batches above (ids kh…, ki…)
    to_heldout("fresh272_*.txt", 540, "kh", "heldout_fresh110.jsonl")
    to_heldout("fresh274_*.txt", 542, "ki", "heldout_fresh111.jsonl")
    # the three-hundred-and-first (Handan and Xingtai; Yichun and Xinyu), -third (Zhangzhou and
    # Longyan; Tongchuan and Weinan) and -fifth (Shangluo and Shiyan; Zaozhuang and Linyi), two
    # writers each, natural mixes, scored untouched on arrival
    to_dev("fresh301_*.txt", 544)
    to_dev("fresh303_*.txt", 546)
    to_dev("fresh305_*.txt", 548)
    # the two-hundred-and-seventy-sixth (src/fresh276_1.txt, Heyuan and Meizhou) and -seventy-eighth
    # (fresh278_1, Hulunbuir and Xing'an League): a hundred-and-twelfth and hundred-and-thirteenth
    # clean held-out set, written with the batches above (ids kj…, kk…)
    to_heldout("fresh276_*.txt", 550, "kj", "heldout_fresh112.jsonl")
    to_heldout("fresh278_*.txt", 552, "kk", "heldout_fresh113.jsonl")
    # the three-hundred-and-seventh (Panzhihua and Xichang; Jixi and Shuangyashan), -ninth (Zhenjiang
    # and Yangzhou; Chuzhou and Xuancheng) and -eleventh (Ruian and Yueqing; Tongliao and Chifeng),
    # two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh307_*.txt", 554)
    to_dev("fresh309_*.txt", 556)
    to_dev("fresh311_*.txt", 558)
    # the two-hundred-and-eightieth (src/fresh280_1.txt, Jiangmen and Yangjiang) and -eighty-second
    # (fresh282_1, Zhaotong and Liupanshui): a hundred-and-fourteenth and hundred-and-fifteenth clean
    # held-out set, written with the batches above (ids kl…, km…)
    to_heldout("fresh280_*.txt", 560, "kl", "heldout_fresh114.jsonl")
    to_heldout("fresh282_*.txt", 562, "km", "heldout_fresh115.jsonl")
    # the three-hundred-and-thirteenth (Yueyang and Xiangxi; Huainan and Huaibei), -fifteenth
    # (Guangyuan and Bazhong; Karamay and Shihezi) and -seventeenth (Putian and Jinjiang; Yingkou and
    # Dandong), two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh313_*.txt", 564)
    to_dev("fresh315_*.txt", 566)
    to_dev("fresh317_*.txt", 568)
    # the two-hundred-and-eighty-fourth (src/fresh284_1.txt, Huanggang and Xianning) and -eighty-sixth
    # (fresh286_1, Heze): a hundred-and-sixteenth and hundred-and-seventeenth clean held-out set,
    # written with the batches above (ids kn…, ko…)
    to_heldout("fresh284_*.txt", 570, "kn", "heldout_fresh116.jsonl")
    to_heldout("fresh286_*.txt", 572, "ko", "heldout_fresh117.jsonl")
    # the three-hundred-and-nineteenth (Xiamen and Zhangpu; Datong and Shuozhou), -twenty-first
    # (Wuyuan and Yingtan; Yuncheng) and -twenty-third (Sanming and Shaowu; Zhaoqing and Yunfu), two
    # writers each, natural mixes, scored untouched on arrival
    to_dev("fresh319_*.txt", 574)
    to_dev("fresh321_*.txt", 576)
    to_dev("fresh323_*.txt", 578)
    # the two-hundred-and-eighty-eighth (src/fresh288_1.txt, Baishan and Tonghua) and -ninetieth
    # (fresh290_1, Wuzhong and Guyuan): a hundred-and-eighteenth and hundred-and-nineteenth clean
    # held-out set, written with the batches above (ids kp…, kq…)
    to_heldout("fresh288_*.txt", 580, "kp", "heldout_fresh118.jsonl")
    to_heldout("fresh290_*.txt", 582, "kq", "heldout_fresh119.jsonl")
    # the three-hundred-and-twenty-fifth (Xishuangbanna and Pu'er; Fushun and Benxi), -twenty-seventh
    # (Turpan and Hami; Nanyang) and -twenty-ninth (Ya'an; Wuhai and Alxa), two writers each, natural
    # mixes, scored untouched on arrival
    to_dev("fresh325_*.txt", 584)
    to_dev("fresh327_*.txt", 586)
    to_dev("fresh329_*.txt", 588)
    # the two-hundred-and-ninety-second (src/fresh292_1.txt, Baoshan and Dehong) and -ninety-fourth
    # (fresh294_1, Songyuan): a hundred-and-twentieth and hundred-and-twenty-first clean held-out
    # set, written with the batches above (ids kr…, ks…)
    to_heldout("fresh292_*.txt", 590, "kr", "heldout_fresh120.jsonl")
    to_heldout("fresh294_*.txt", 592, "ks", "heldout_fresh121.jsonl")
    # the three-hundred-and-thirty-first (Baiyin and Longnan; Huizhou), -thirty-third (Lishui and
    # Quzhou; Chizhou and Tongling) and -thirty-fifth (Danzhou and Qiongzhong; Tianshui and
    # Pingliang), two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh331_*.txt", 594)
    to_dev("fresh333_*.txt", 596)
    to_dev("fresh335_*.txt", 598)
    # the two-hundred-and-ninety-sixth (src/fresh296_1.txt, Lijiang and Diqing) and -ninety-eighth
    # (fresh298_1, Xuchang and Luohe): a hundred-and-twenty-second and hundred-and-twenty-third
    # clean held-out set, written with the batches above (ids kt…, ku…)
    to_heldout("fresh296_*.txt", 600, "kt", "heldout_fresh122.jsonl")
    to_heldout("fresh298_*.txt", 602, "ku", "heldout_fresh123.jsonl")
    # the three-hundred-and-thirty-seventh (Fuxin and Tieling; Zhangjiajie and Cili), -thirty-ninth
    # (Enshi; Sanmenxia and Lingbao) and -forty-first (Meishan; Suizhou), two writers each, natural
    # mixes, scored untouched on arrival
    to_dev("fresh337_*.txt", 604)
    to_dev("fresh339_*.txt", 606)
    to_dev("fresh341_*.txt", 608)
    # the three-hundredth (src/fresh300_1.txt, Neijiang and Longchang) and three-hundred-and-second
    # (fresh302_1, Puyang and Kaifeng): a hundred-and-twenty-fourth and hundred-and-twenty-fifth
    # clean held-out set, written with the batches above (ids kv…, kw…)
    to_heldout("fresh300_*.txt", 610, "kv", "heldout_fresh124.jsonl")
    to_heldout("fresh302_*.txt", 612, "kw", "heldout_fresh125.jsonl")
    # the three-hundred-and-forty-third (Bayannur; Linxia and Gannan), -forty-fifth (Yangquan and
    # Xinzhou; Xiantao, Tianmen and Qianjiang) and -forty-seventh (Qiannan and Qianxinan; Heihe and
    # Daxing'anling), two writers each, natural mixes, scored untouched on arrival
    to_dev("fresh343_*.txt", 614)
    to_dev("fresh345_*.txt", 616)
    to_dev("fresh347_*.txt", 618)
    # the three-hundred-and-fourth (src/fresh304_1.txt, Yuxi and Chuxiong) and -sixth (fresh306_1,
    # Ezhou and Huangshi): a hundred-and-twenty-sixth and hundred-and-twenty-seventh clean held-out
    # set, written with the batches above (ids kx…, ky…)
    to_heldout("fresh304_*.txt", 620, "kx", "heldout_fresh126.jsonl")
    to_heldout("fresh306_*.txt", 622, "ky", "heldout_fresh127.jsonl")
    # the three-hundred-and-forty-ninth (Xilingol; Garze and Aba), -fifty-first (Lüliang; Liaoyuan and
    # Meihekou) and -fifty-third (Qitaihe and Boli; Jiyuan and Mengzhou), two writers each, natural
    # mixes, scored untouched on arrival
    to_dev("fresh349_*.txt", 624)
    to_dev("fresh351_*.txt", 626)
    to_dev("fresh353_*.txt", 628)
    # the three-hundred-and-eighth (src/fresh308_1.txt, Golmud and Haixi) and -tenth (fresh310_1,
    # Nujiang and Lincang): a hundred-and-twenty-eighth and hundred-and-twenty-ninth clean held-out
    # set, written with the batches above (ids kz…, la…)
    to_heldout("fresh308_*.txt", 630, "kz", "heldout_fresh128.jsonl")
    to_heldout("fresh310_*.txt", 632, "la", "heldout_fresh129.jsonl")
    later = ", ".join(f"{k}={v}" for k, v in dev_batches.items())
    held_later = " ".join(f"{k}={v}" for k, v in heldout_sets.items())
    print(f"dev={len(dev_rows)} (dev-only={len(extra)}, fresh={len(fresh_dev)}, fresh2={len(fresh2)}, "
          f"fresh3={len(fresh3)}, fresh4={len(fresh4)}, fresh5={len(fresh5)}, {later}) "
          f"heldout={len(held)} heldout_fresh={len(fresh_held)} heldout_fresh2={len(fresh6)} "
          f"{held_later} total={len(recs) + len(extra) + len(fresh) + batches} "
          f"(hand={len(hand)}, generated={len(gen)})")


if __name__ == "__main__":
    main()
