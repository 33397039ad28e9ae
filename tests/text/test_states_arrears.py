"""``states_arrears: true``: a scam's false_criminal findings stand only when the scam ties the
criminal claim to the reader's own arrears (taxonomy: "presents ordinary non-payment as a
crime"); a fake officer's "loan-fraud case" that names no arrears is impersonation only."""

from __future__ import annotations

import pytest

from dunguard.errors import RulePackError
from dunguard.text.engine import Engine
from dunguard.text.resolve import Resolver
from dunguard.text.rules import load_pack_from_texts, packaged_texts

ENGINE = Engine.default()
PACK = ENGINE.pack
RESOLVER = Resolver(PACK)
ARREARS = [r.id for r in PACK.rules if r.states_arrears]


def test_the_false_criminal_pack_marks_its_arrears_rule():
    assert ARREARS == ["false_criminal.arrears_crime"]
    assert all(PACK.by_id(i).label == "false_criminal" for i in ARREARS)


def test_on_a_scam_the_arrears_rule_keeps_the_false_criminal_findings():
    scam = ("impersonation.authority_signature", "scam.authority_payment", "false_criminal.crime_claim")
    assert RESOLVER.decide(scam, False).category.value == "scam"
    assert "false_criminal" not in {t.value for t in RESOLVER.decide(scam, False).tactics}
    kept = RESOLVER.decide((*scam, "false_criminal.arrears_crime"), False)
    assert kept.category.value == "scam"
    assert {"false_criminal", "impersonation"} <= {t.value for t in kept.tactics}
    assert {"false_criminal.crime_claim", "false_criminal.arrears_crime"} <= kept.keep


@pytest.mark.parametrize(("text", "arrears"), [
    ("【东莞市公安局经侦支队】您儿子周航因网贷逾期涉嫌信用卡诈骗，现已被我局控制，家属需在今日内将8000元保证金转入监管账户 6217 0023 1188 4521。", True),
    ("这里是最高人民法院执行局，你因多笔网贷逾期被列为刑事被告，需缴纳5000元保释金到指定账户，否则今晚实施抓捕。", True),
    ("【公安部】你因网贷逾期涉嫌恶意骗贷已被网上追逃，请立即登录 gab-zt.com 核实身份并缴纳保证金，否则将实施抓捕。", True),
    # a "case" with no arrears of the reader's: impersonation, not false_criminal
    ("【公安局】你好，你涉嫌参与一起网络贷款诈骗案件，请立即拨打010-12345678配合调查，否则将对你实施拘留。", False),
    ("【市公安局经侦支队】你涉嫌一起网贷洗钱案件，请立即将名下资金转入安全账户配合调查，否则将对你实施拘留。", False),
    # a civil suit is no crime: a fake court's "被告" keeps impersonation only
    ("【最高人民法院】您因网贷逾期已被列为被告，请于24小时内登录 www.fy-ss.com 查看传票。", False),
])
def test_a_scam_has_false_criminal_only_when_it_calls_the_readers_arrears_a_crime(text, arrears):
    a = ENGINE.analyze(text)
    tactics = {t.value for t in a.tactics}
    assert a.category.value == "scam"
    assert ("false_criminal" in tactics) is arrears
    assert arrears or "impersonation" in tactics
    assert any(f.rule == "false_criminal.arrears_crime" for f in a.findings) is arrears


def test_an_explainer_that_refutes_the_claim_finds_nothing():
    text = "网贷逾期属于民事纠纷，不会因为逾期未还被拘留，谨防冒充公检法的诈骗电话。"
    a = ENGINE.analyze(text)
    assert not any(f.rule == "false_criminal.arrears_crime" for f in a.findings)
    assert "false_criminal" not in {t.value for t in a.tactics}


@pytest.mark.parametrize(("file", "old", "new"), [
    # on a rule of another label, or with a value that is not a boolean, the pack is refused
    ("threat.yaml", "  - id: threat.veiled\n", "  - id: threat.veiled\n    states_arrears: true\n"),
    ("false_criminal.yaml", "    states_arrears: true\n", "    states_arrears: sometimes\n"),
])
def test_the_key_is_checked(file, old, new):
    texts = packaged_texts()
    assert old in texts[file]
    texts[file] = texts[file].replace(old, new, 1)
    with pytest.raises(RulePackError, match="states_arrears"):
        load_pack_from_texts(texts)
