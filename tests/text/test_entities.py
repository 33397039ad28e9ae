"""Entities in one message: lender, amounts, overdue days, deadlines, phones, links, accounts."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

import cn2an
import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dunguard.model import SHANGHAI
from dunguard.text.entities import (
    _MOBILE_PREFIX,
    _valid_landline,
    extract_entities,
    lender_kind,
    parse_number,
)
from dunguard.text.entities.contacts import _ACC_LABEL, _ACC_TRANSFER
from dunguard.text.entities.deadlines import _add_workdays
from dunguard.text.prefilter import required_words

SENT = datetime(2026, 1, 8, 14, 47, tzinfo=SHANGHAI)  # a Thursday


def at(y: int, m: int, d: int, h: int = 12, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=SHANGHAI)


# ---------------------------------------------------------------- lenders


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【招商银行】您的信用卡已逾期，请尽快还款。", ("招商银行",)),
        ("【招商银行信用卡中心】尊敬的客户，您的账单已逾期。", ("招商银行",)),
        ("您的掌上生活账单已逾期3天，请及时还款【招行】", ("招商银行",)),
        ("[借呗]您的借款已逾期，请尽快处理。", ("蚂蚁集团(借呗/花呗)",)),
        ("「安逸花」您在马上消费金融的借款已逾期。", ("马上消费金融(安逸花)",)),
        ("您在微粒贷的借款今日到期，请确保微信零钱充足。", ("微众银行(微粒贷)",)),
        ("【京东】您的白条账单已逾期5天，请尽快还款。", ("京东金融(金条/白条)",)),
        ("【京东】您的包裹已到达驿站，请凭取件码领取。", ()),
        ("【美团】您的美团月付账单已逾期，应还420元。", ("美团(月付/借钱)",)),
        ("您在360借条的借款已逾期，奇富借条提醒您尽快还款。", ("奇富科技(360借条)",)),
        ("你在分期乐和招联金融都有欠款未还。", ("乐信(分期乐)", "招联消费金融")),
        ("我司受你在闪电花贷平台的债权委托，请尽快处理欠款。", ("闪电花贷",)),
        ("您在富贵金融APP的借款已逾期。", ("富贵金融",)),
        # an unknown XX贷 named before 的逾期 (a fake 征信中心 naming the debt stays collection)
        ("【征信中心】您在快鹿贷的逾期欠款3,860元将于48小时后记入征信黑名单", ("快鹿贷",)),
        ("您的网贷的逾期记录可以消除", ()),
        ("请不要相信网贷平台的虚假宣传。", ()),
        ("中国银行业协会提示：理性借贷。", ()),
        ("欠钱就还呗，别找借口。", ()),
        ("【中国移动】您本月话费账单已出。", ()),
        ("【顺丰速运】您的快件已签收。", ()),
        ("【某某金融】您的借款已逾期。", ("某某金融",)),
    ],
)
def test_lender_is_found_by_signature_alias_or_platform_name(text, expected):
    assert extract_entities(text).lender == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the bank that keeps a payee's account is not the creditor
        ("【西湖区人民法院】请于今日内将执行款8,600元转入执行法官个人账户：农业银行 6228 4812 3390 1577 613 张维。",
         ()),
        ("请把钱转到工商银行卡号：6212261102003318774，户名刘明。", ()),
        # (the number first, the bank after it)
        ("【德州市德城区人民法院】执行款8,620元须于今日16时前转入法院执行专户（户名：刘振宇，账号6217 0021 3408 5577 120，建设银行）。",
         ()),
        ("请转入 户名：张伟，账号 6228 4812 3390 1577 613，开户行：农业银行", ()),
        # ... unless the text also names it otherwise, or it holds the account itself
        ("你欠农业银行的钱，请转入农业银行 6228 4812 3390 1577 613 张维。", ("中国农业银行",)),
        ("【招商银行】您的信用卡已逾期，请还款至招商银行 6225 8801 2345 6789。", ("招商银行",)),
        ("请还款至 户名：平安银行信用卡中心 账号：6225 8801 2345 6789", ("平安银行",)),
        ("您在拍拍贷的借款已逾期，请转入工商银行6212261102003318774", ("信也科技(拍拍贷)",)),
        # a bank card's masked number is no payee's account
        ("【农业银行】您尾号3356的账户6228**********3356已逾期。", ("中国农业银行",)),
    ],
)
def test_a_payees_bank_is_no_lender(text, expected):
    assert extract_entities(text).lender == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('【海淀法院】你与"秒到账"的借款纠纷已立案，请今日将欠款转至代收人。', ("秒到账",)),
        ("您在“旺财分期”的欠款仲裁案已受理。", ("旺财分期",)),
        ("你在「借呗」上的欠款已逾期。", ("蚂蚁集团(借呗/花呗)",)),
        # quoted words that are no lender's name: an app to download, a slogan
        ("请下载“云视讯”APP进入会议。", ()),
        ("“不还钱”的后果很严重。", ()),
    ],
)
def test_an_app_named_in_quotes_before_its_loan_is_the_lender(text, expected):
    assert extract_entities(text).lender == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【天津市南开区人民法院】被告郭志强：原告易达借平台诉你借款合同纠纷一案已立案受理。", ("易达借",)),
        ("东州仲裁委员会 仲裁通知 被申请人：吴海峰 申请人：鑫享借（平台） 你于2024年8月在申请人处借款7,000元。",
         ("鑫享借",)),
        ("原告广东粤财资产管理有限公司诉你信用卡纠纷一案已立案。", ("广东粤财资产管理",)),
        # a party that is no finance company, and an applicant's own workplace
        ("原告张家港市建华机械有限公司诉你买卖合同纠纷一案已立案。", ()),
        ("申请人所在公司须加盖公章。", ()),
    ],
)
def test_the_plaintiff_of_a_loan_suit_is_the_lender(text, expected):
    assert extract_entities(text).lender == expected


def test_signature_hint_names_the_lender_first():
    e = extract_entities("您的借款已逾期，请尽快还款。", signature_hint="拍拍贷")
    assert e.lender == ("信也科技(拍拍贷)",)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("招商银行", "bank_card"),
        ("招行", "bank_card"),
        ("微粒贷", "bank_loan"),
        ("安逸花", "consumer_finance"),
        ("花呗", "platform"),
        ("分期乐", "online_lender"),
        ("众安", "microlender"),
        ("某某消费金融", "consumer_finance"),
        ("某某小贷", "microlender"),
        ("闪电花贷", None),
    ],
)
def test_lender_kind_resolves_aliases_and_clear_suffixes(name, kind):
    assert lender_kind(name) == kind


def test_lexicon_has_at_least_eighty_lenders():
    from dunguard.text import entities

    assert len(entities._KIND) >= 80


# ---------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("您已欠款3560元", ["3560"]),
        ("应还金额：3,560.00元", ["3560"]),
        ("应还金额：¥3560", ["3560"]),
        ("请还款￥1,234.56", ["1234.56"]),
        ("欠款3560.5元", ["3560.5"]),
        ("共欠3.5万，请尽快处理", ["35000"]),
        ("逾期金额3.5万元", ["35000"]),
        ("欠款三千五百元", ["3500"]),
        ("欠款叁仟伍佰元整", ["3500"]),
        ("你欠款一万二，还不还？", ["12000"]),
        ("合计1万2千元", ["12000"]),
        ("本金3000，罚息200，滞纳金50元", ["3000", "200", "50"]),
        ("待还 8,888.88 元，其中利息 88.88 元", ["8888.88", "88.88"]),
        ("欠款5千多元", ["5000"]),
        ("借款3笔，共计4500元", ["4500"]),
        # not money
        ("请于2026年1月10日前还款", []),
        ("请于3日内处理，逾期45天", []),
        ("年化利率24%，日息0.05%", []),
        ("联系电话13812345678", []),
        ("尾号1234的卡片", []),
        ("欠款一直未还", []),
        ("一次性结清可减免", []),
        ("还款日为每月10号", []),
        ("十万火急", []),
        ("已有3万人领取", []),
        ("欠款45天未还", []),
    ],
)
def test_amounts_are_parsed_as_decimal_yuan_and_non_money_is_skipped(text, expected):
    assert extract_entities(text).amounts == tuple(Decimal(x) for x in expected)


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("3560", 3560), ("3,560.00", 3560), ("三千五百", 3500), ("叁仟伍佰", 3500),
        ("一万二", 12000), ("三千五", 3500), ("两万五", 25000), ("1万2千", 12000),
        ("1万2", 12000), ("3.5万", 35000), ("一千零五", 1005), ("十二万三千四百五十六", 123456),
        ("一亿二千万", 120000000), ("十", 10), ("二〇二六", 2026), ("三点五万", 35000),
    ],
)
def test_parse_number_reads_arabic_chinese_and_mixed_numerals(token, value):
    assert parse_number(token) == value


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2))
def test_amount_with_currency_and_thousands_separator_parses_back(amount):
    text = f"您的应还金额为¥{amount:,.2f}，请尽快还款"
    assert extract_entities(text).amounts == (amount,)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2))
def test_amount_in_yuan_parses_back(amount):
    assert extract_entities(f"逾期欠款{amount}元未还").amounts == (amount,)


@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("9999.9"), places=1))
def test_amount_in_wan_yuan_parses_back(amount):
    assert extract_entities(f"欠款{amount}万元").amounts == (amount * 10000,)


@given(st.integers(min_value=1, max_value=99_999_999), st.sampled_from(["low", "up"]))
def test_chinese_numerals_from_cn2an_parse_back(n, mode):
    numeral = cn2an.an2cn(n, mode)
    assert parse_number(numeral) == n
    assert extract_entities(f"你欠款{numeral}元").amounts == (n,)


# ---------------------------------------------------------------- overdue days


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("您已逾期45天", (45,)),
        ("已逾期 45 日，请尽快还款", (45,)),
        ("今天是逾期第3天", (3,)),
        ("你已经逾期三十天了", (30,)),
        ("账户超期12天", (12,)),
        ("逾期天数：60", (60,)),
        ("逾期已达120天，逾期45天的记录", (120, 45)),
        ("逾期3天后将上报征信", ()),
        ("逾期将影响征信", ()),
    ],
)
def test_overdue_days_are_read_from_the_text(text, expected):
    assert extract_entities(text).overdue_days == expected


# ---------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("text", "sent", "expected"),
    [
        ("请于今日18:00前还款", SENT, [date(2026, 1, 8)]),
        ("今天务必处理", SENT, [date(2026, 1, 8)]),
        ("请明天中午12点前结清", SENT, [date(2026, 1, 9)]),
        ("后天之前必须还清", SENT, [date(2026, 1, 10)]),
        ("3日内不还将起诉", SENT, [date(2026, 1, 11)]),
        ("三天内处理完毕", SENT, [date(2026, 1, 11)]),
        ("3个工作日内", SENT, [date(2026, 1, 13)]),
        ("48小时内", SENT, [date(2026, 1, 10)]),
        ("本月底前结清", SENT, [date(2026, 1, 31)]),
        ("请于1月10日前还款", SENT, [date(2026, 1, 10)]),
        ("请于1月10日24点前还款", SENT, [date(2026, 1, 10)]),
        ("请于2026年1月10日前还款", SENT, [date(2026, 1, 10)]),
        ("截止2026-01-20务必还清", SENT, [date(2026, 1, 20)]),
        ("1-10前还款", SENT, [date(2026, 1, 10)]),
        ("本周内处理", SENT, [date(2026, 1, 11)]),
        ("请于周五前还款", SENT, [date(2026, 1, 9)]),
        ("请于15号前还款", SENT, [date(2026, 1, 15)]),
        ("1月10日到期", SENT, [date(2026, 1, 10)]),
        # dates that are not deadlines
        ("您于1月5日借款3000元", SENT, []),
        ("今天有人联系过你吗", SENT, []),
        ("2026年1月10日我们将前往你家", SENT, []),
        # without sent_at only absolute dates resolve
        ("请于2026年1月10日前还款，3日内处理", None, [date(2026, 1, 10)]),
        ("请于1月10日前还款", None, []),
    ],
)
def test_deadlines_resolve_against_the_sent_time(text, sent, expected):
    assert list(extract_entities(text, sent_at=sent).deadlines) == expected


@pytest.mark.parametrize(
    ("text", "sent", "expected"),
    [
        ("请于1月10日前还款", at(2026, 12, 30), date(2027, 1, 10)),
        ("请于1月10日前还款", at(2026, 1, 10), date(2026, 1, 10)),
        ("本月底前结清", at(2028, 2, 3), date(2028, 2, 29)),
        ("本月底前结清", at(2027, 2, 3), date(2027, 2, 28)),
        ("24小时内还款", at(2026, 3, 1, 23, 30), date(2026, 3, 2)),
        ("24小时内还款", at(2026, 3, 1, 0, 10), date(2026, 3, 2)),
        ("24小时内还款", datetime(2026, 3, 1, 15, 30, tzinfo=SHANGHAI).astimezone(
            __import__("datetime").timezone.utc), date(2026, 3, 2)),
        ("明天前还款", at(2026, 12, 31), date(2027, 1, 1)),
        ("请于2月29日前还款", at(2026, 3, 1), date(2028, 2, 29)),
        ("请于5号前还款", at(2026, 12, 20), date(2027, 1, 5)),
        ("本周内处理", at(2026, 1, 11), date(2026, 1, 11)),
    ],
)
def test_deadline_resolver_handles_month_and_year_edges(text, sent, expected):
    assert extract_entities(text, sent_at=sent).deadlines == (expected,)


@pytest.mark.parametrize("word", ["请", "务必", "必须", "须", "需", "最迟", "最晚", "限"])
def test_a_date_after_any_deadline_word_is_a_deadline(word):
    """Each word that makes a date before it a deadline (_PRE) passes the pre-check, also
    in a text with no word after the date (前, 内, 止 …)."""
    assert extract_entities(f"{word}明天还款", sent_at=SENT).deadlines == (date(2026, 1, 9),)


def test_naive_sent_time_is_taken_as_shanghai():
    naive = datetime(2026, 3, 1, 23, 30)
    assert extract_entities("24小时内还款", sent_at=naive).deadlines == (date(2026, 3, 2),)


# ---------------------------------------------------------------- phones


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请联系13812345678", [("13812345678", "mobile")]),
        ("电话：+86 138-1234-5678", [("13812345678", "mobile")]),
        ("手机 86 13912345678", [("13912345678", "mobile")]),
        ("致电 138 1234 5678", [("13812345678", "mobile")]),
        ("联系021-62345678", [("02162345678", "landline")]),
        ("联系(0755)86001234", [("075586001234", "landline")]),
        ("热线400-888-9999", [("4008889999", "400/800")]),
        ("客服4008889999", [("4008889999", "400/800")]),
        ("请致电95555", [("95555", "service_95")]),
        ("客服95511-3", [("95511", "service_95")]),
        ("【XX】回复TD退订，1069012345678", [("1069012345678", "sms_port_106")]),
        ("如有疑问请拨打12368", [("12368", "short")]),
        ("客服电话：10101234", [("10101234", "unknown")]),
        # not phones
        ("尾号1234的信用卡", []),
        ("验证码123456，5分钟内有效", []),
        ("欠款95000元", []),
        ("请于2026-01-10前还款", []),
        ("收款账号：6222 0212 3456 7890", []),
        ("点击 t.cn/A13812345678 查看", []),
        ("订单号20260108123456789", []),
        ("逾期45天，欠款3560元", []),
        # an international prefix that is no part of the next number (this looped for ever)
        ("0086 0086+86收9收金融手机1月5日138帐，12315tel", []),
    ],
)
def test_phones_are_found_normalised_and_classified(text, expected):
    got = extract_entities(text).phones
    assert [(p.number, p.kind) for p in got] == expected
    for p in got:
        assert p.number in "".join(ch for ch in text[p.span[0]:p.span[1]] if ch.isdigit())


def test_mobile_prefix_table_agrees_with_phonenumbers():
    for prefix in range(130, 200):
        number = f"{prefix}12345678"
        valid = phonenumbers.is_valid_number(phonenumbers.parse(number, "CN"))
        if valid:
            assert str(prefix) in _MOBILE_PREFIX, prefix


def test_landline_check_accepts_every_number_phonenumbers_accepts():
    rnd = random.Random(3)
    codes = ["010", "020", "021", "022", "023", "025", "027", "028", "029", "0755", "0571",
             "0512", "0311", "0431", "0898", "0351", "0991", "0731", "0769"]
    for _ in range(3000):
        number = rnd.choice(codes) + str(rnd.randint(2, 9)) + "".join(
            rnd.choice("0123456789") for _ in range(rnd.choice((6, 7))))
        if phonenumbers.is_valid_number(phonenumbers.parse(number, "CN")):
            assert _valid_landline(number), number


# ---------------------------------------------------------------- links


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("点击 t.cn/AbC12 查看", [("t.cn/AbC12", "short", "t.cn")]),
        ("详见http://dwz.cn/x1Y2，谢谢", [("http://dwz.cn/x1Y2", "short", "dwz.cn")]),
        ("访问 url.cn/5abc 或 suo.im/6xyz", [("url.cn/5abc", "short", "url.cn"), ("suo.im/6xyz", "short", "suo.im")]),
        ("京东短链3.cn/10-abcd", [("3.cn/10-abcd", "short", "3.cn")]),
        ("bit.ly/3abc", [("bit.ly/3abc", "short", "bit.ly")]),
        ("登录 https://www.cmbchina.com/repay 还款", [("https://www.cmbchina.com/repay", "official", "www.cmbchina.com")]),
        ("请查看 http://wenshu.court.gov.cn/x?id=1.", [("http://wenshu.court.gov.cn/x?id=1", "official", "wenshu.court.gov.cn")]),
        ("登录 www.icbc.com.cn", [("www.icbc.com.cn", "official", "www.icbc.com.cn")]),
        # a high court's and the power grids' own sites (not *.gov.cn), and a look-alike
        ("详见 https://www.hshfy.sh.cn", [("https://www.hshfy.sh.cn", "official", "www.hshfy.sh.cn")]),
        ("或 www.95598.cn 缴费", [("www.95598.cn", "official", "www.95598.cn")]),
        ("如需上门取件请登录 sf-express.com 预约。", [("sf-express.com", "official", "sf-express.com")]),
        ("详见 sf-express.com.kuaidi-cx.top", [("sf-express.com.kuaidi-cx.top", "unknown", "sf-express.com.kuaidi-cx.top")]),
        ("缴费 95598.cn.pay-fee.top/x", [("95598.cn.pay-fee.top/x", "unknown", "95598.cn.pay-fee.top")]),
        # only schools and research bodies can hold an edu.cn name; a look-alike holds none
        ("请登录 cjcx.neea.edu.cn 查询", [("cjcx.neea.edu.cn", "official", "cjcx.neea.edu.cn")]),
        ("注销入口 chsi-edu.cn/x", [("chsi-edu.cn/x", "unknown", "chsi-edu.cn")]),
        ("仿冒 icbc.com.cn.evil-pay.top/login", [("icbc.com.cn.evil-pay.top/login", "unknown", "icbc.com.cn.evil-pay.top")]),
        ("下载APP：http://evil.top/app.apk", [("http://evil.top/app.apk", "download", "evil.top")]),
        ("请下载 www.huankuan-app.com/index", [("www.huankuan-app.com/index", "download", "www.huankuan-app.com")]),
        ("访问 https://abc.xyz/download/pay", [("https://abc.xyz/download/pay", "download", "abc.xyz")]),
        ("详情 www.example-loan.top/a?id=1", [("www.example-loan.top/a?id=1", "unknown", "www.example-loan.top")]),
        # not links
        ("欠款3.5万元，利率0.05%", []),
        ("邮箱 service@cmbchina.com", []),
    ],
)
def test_links_are_found_and_classified(text, expected):
    got = extract_entities(text).urls
    assert [(u.url, u.kind, u.domain) for u in got] == expected
    for u in got:
        assert text[u.span[0]:u.span[1]] == u.url


# ---------------------------------------------------------------- accounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请转到我的支付宝，或扫码还款", ("转到我的支付宝", "扫码还款")),
        ("收款账号：6222 0212 3456 7890，户名张三", ("6222 0212 3456 7890",)),
        ("请将欠款汇入以下账户 6222021234567890123", ("汇入以下账户", "6222021234567890123")),
        ("扫描下方二维码还款", ("扫描下方二维码还款",)),
        ("请打到我个人银行卡上", ("打到我个人银行卡",)),
        ("付款链接 https://qr.alipay.com/fkx123", ("https://qr.alipay.com/fkx123",)),
        ("请通过官方APP还款，切勿向个人账户转账", ("个人账户",)),
        ("请确保您的还款账户余额充足", ()),
        ("您尾号1234的银行卡自动扣款失败", ()),
        # the words that let each regex run (_accounts): a bill's 账单 or a card's 卡 alone
        # do not, 码, 帐户, 卡号 and 微信 do
        ("您本期账单已出，请扫码还款", ("扫码还款",)),
        ("请把钱转到我的帐户", ("转到我的帐户",)),
        ("卡号6222021234567890123，转账后请告知", ("6222021234567890123",)),
        ("您尾号1234卡消费200元，微信转账给我即可", ("微信转账给我",)),
        # a card number after a transfer verb, with no account word in the text
        ("请还款至6222 0212 3456 7890", ("6222 0212 3456 7890",)),
    ],
)
def test_payment_account_mentions_are_quoted(text, expected):
    assert extract_entities(text).accounts == expected


@pytest.mark.parametrize("verb", ["转", "汇", "打款", "打钱", "还款至", "还款到", "存入", "收款"])
def test_a_card_number_after_any_transfer_verb_is_an_account(verb):
    """The card regex needs no account word (账, 卡, 码, 微信 …): each of its verbs alone
    lets it run."""
    assert extract_entities(f"请{verb}6222 0212 3456 7890").accounts == ("6222 0212 3456 7890",)


def test_account_regexes_run_whenever_they_can_match():
    """_accounts runs the label regex only on a text with one of these words, the transfer
    regex likewise: each of their matches has one (prefilter.required_words)."""
    label = {"账户", "账号", "帐户", "帐号", "银行卡", "卡号", "收款卡"}
    transfer = {"账户", "账号", "帐户", "帐号", "银行卡", "微信", "支付宝"}
    assert required_words(_ACC_LABEL)[0] <= label
    assert required_words(_ACC_TRANSFER)[0] <= transfer


# ---------------------------------------------------------------- a whole message


def test_a_whole_collection_message_yields_every_entity():
    text = ("【马上消费金融】尊敬的张先生，您在安逸花的借款已逾期45天，欠款3,560.00元，请于1月10日前还清，"
            "否则将上报征信。详询400-123-4567或点击 t.cn/AbC12")
    e = extract_entities(text, sent_at=SENT)
    assert e.lender == ("马上消费金融(安逸花)",)
    assert e.amounts == (Decimal("3560.00"),)
    assert e.overdue_days == (45,)
    assert e.deadlines == (date(2026, 1, 10),)
    assert [(p.number, p.kind) for p in e.phones] == [("4001234567", "400/800")]
    assert [(u.url, u.kind) for u in e.urls] == [("t.cn/AbC12", "short")]
    assert e.to_json()["amounts"] == [3560.0]


# ---------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01\x02\ufffe\uffff",
        "\ud800\udc00\ud83d 欠款3000元 \udfff",
        "\u202e欠款3000元\u202c请于今日前还款 t.cn/abc",
        "1" * 5000,
        "a." * 5000 + "x",
        "【" * 3000 + "】" * 3000,
        "¥" * 2000 + "元" * 2000,
        "3" + ",000" * 3000 + "元",
    ],
)
def test_hostile_input_never_raises(text):
    extract_entities(text, sent_at=SENT)


def test_ten_megabyte_line_is_bounded():
    import time

    text = ("欠款3000元，请于1月10日前联系13812345678，点击 t.cn/abc。" * 200_000)[:10_000_000]
    t0 = time.perf_counter()
    e = extract_entities(text, sent_at=SENT)
    assert time.perf_counter() - t0 < 5
    assert e.amounts == (Decimal(3000),)


_ALPHABET = st.sampled_from(list(
    "0123456789 .,-/:：+()（）元万¥年月日号天内前逾期欠款还今明后本周小时http://t.cnwww.com"
    "招行借呗贷金融一二三四五六七八九十百千两零【】[]「」尾号验证码账号转到我的支付宝扫码\ud800\u202e"))


_PHONE_PIECES = st.sampled_from(
    list("0123456789 -()（）+.，：元天号万【】") + ["电话", "致电", "客服", "tel", "☎", "尾号", "卡号", "86", "+86",
                                          "0086", "110", "12315", "95588", "400", "106", "138", "0755", "6222"])


@settings(max_examples=500)
@given(st.lists(_PHONE_PIECES, max_size=24).map("".join))
def test_phone_pieces_in_any_order_give_phones_inside_the_text(text):
    # prefixes, brackets and digit groups run together ("0086 0086", "(0755)(0755)"): the
    # reader moves forward on every number, and every phone it gives is digits of the text
    for p in extract_entities(text).phones:
        s, end = p.span
        assert 0 <= s < end <= len(text) and p.number.isdigit()
        assert p.number in "".join(ch for ch in text[s:end] if ch.isdigit())


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=200), st.lists(_ALPHABET, max_size=120).map("".join)),
       st.one_of(st.none(), st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2090, 1, 1))))
def test_never_raises_and_spans_point_at_the_match(text, sent):
    e = extract_entities(text, sent_at=sent)
    for p in e.phones:
        s, end = p.span
        assert 0 <= s < end <= len(text)
        assert p.number and p.number.isdigit()
        assert p.number in "".join(ch for ch in text[s:end] if ch.isdigit())
    for u in e.urls:
        s, end = u.span
        assert 0 <= s < end <= len(text)
        assert text[s:end] == u.url
    for a in e.amounts:
        assert isinstance(a, Decimal) and a > 0
    for d in e.overdue_days:
        assert isinstance(d, int) and d > 0
    for a in e.accounts:
        assert a in text


def _workdays_one_by_one(base: date, n: int) -> date:
    d = base
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 400))
def test_working_days_are_counted_as_one_by_one(base, n):
    assert _add_workdays(base, n) == _workdays_one_by_one(base, n)
