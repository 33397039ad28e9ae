"""The wording models (likeness.py): file format, scoring, quotes, training, and how the
engine uses them through the pack's ``model:`` rules."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dunguard.errors import RulePackError
from dunguard.model import Tactic
from dunguard.text.engine import Engine
from dunguard.text.likeness import (
    _CLAUSE,
    MAX_QUOTE,
    Likelihoods,
    Likeness,
    _code,
    features,
    loads,
    pairs,
    train,
)
from dunguard.text.normalize import normalized_text
from dunguard.text.rules import default_pack, load_pack_from_texts, packaged_texts

ROOT = Path(__file__).resolve().parents[2]
PACK = default_pack()
ENGINE = Engine(PACK)
WORDED = {r.id for r in PACK.rules if r.model}
TEXTS = st.text(alphabet=st.sampled_from("欠款还钱你的今天逾期上门家人0123456789，。！ a"), max_size=60)


def _wording(analysis) -> dict[str, str]:
    return {f.rule: f.quote for f in analysis.findings if f.rule in WORDED}


# ---------------------------------------------------------------- the model files


def test_the_pack_ships_every_model_its_rules_name_and_the_stage_competitors():
    assert {r.model for r in PACK.rules if r.model} <= set(PACK.models)
    assert {"collection", "visit", "legal", "warning", "reminder"} <= set(PACK.models)
    # every model has some thousands of weights at most: the files stay small (the
    # collection model, trained on every row of dev.jsonl, has the most: 10,285 weights,
    # 150 KB, after the seventeenth batch; 17,280 weights, 244 KB, after the thirty-ninth;
    # 19,859 after the fifty-first, then 12,396, 175 KB, with the collection and scam models
    # pruned at 1.0: PRUNE_CATEGORY in scripts/train_model.py; 18,845, 267 KB, after the
    # hundred-and-twenty-ninth). The bound was raised from 20,000 to 25,000 then rather than
    # learning fewer bigrams: out of fold on dev's 64,441 rows (scripts/cross_validate.py
    # --min-count N), bigrams seen in 8 texts instead of 5 cut a fifth of the weights but gave
    # 633 false tactic findings instead of 614, and 12 gave 655. With dev at 127,153 rows (the
    # 323rd batch) the third_party model has 25,000 weights, 357 KB, and the fourteen files 3.3 MB:
    # the bound is 30,000 since, for the same reason
    assert all(500 < len(m.weights) < 30_000 for m in PACK.models.values())


def test_a_model_file_round_trips():
    m = PACK.models["collection"]
    again = loads(m.dumps(), "collection.tsv")
    assert again.bias == m.bias and again.weights == m.weights


@pytest.mark.parametrize("text", [
    "",
    "bias\t1.0\n",
    "# dunguard likeness model\nbias\tx\n欠款\t0.5\n",
    "# dunguard likeness model\nbias\t0.1\n欠款 0.5\n",
    "# dunguard likeness model\nbias\t0.1\n欠款了\t0.5\n",
    "# dunguard likeness model\nbias\t0.1\n欠款\tnan\n",
    "# dunguard likeness model\n欠款\t0.5\n",
])
def test_a_malformed_model_file_is_refused(text):
    with pytest.raises(ValueError):
        loads(text, "bad.tsv")


def test_a_broken_model_in_a_pack_names_the_file():
    texts = dict(packaged_texts())
    texts["models/threat.tsv"] = "# dunguard likeness model\nbias\t0.1\n"
    with pytest.raises(RulePackError) as e:
        load_pack_from_texts(texts)
    assert "threat.tsv" in str(e.value)


def test_the_shipped_models_are_what_the_training_script_makes_of_dev():
    # the files are generated: retraining on tests/corpus/dev.jsonl must give the same weights
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_model.py"), "--check"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_pack_hash_covers_the_models():
    texts = dict(packaged_texts())
    name = "models/insult.tsv"
    texts[name] += "爸的\t0.5000\n"  # one weight more
    assert load_pack_from_texts(texts).sha256 != PACK.sha256


# ---------------------------------------------------------------- scoring


def test_digits_are_read_as_any_digit():
    m = PACK.models["collection"]
    assert m.probability("你欠的3200今天之内还清") == m.probability("你欠的9800今天之内还清")
    assert features("尾号7788") == features("尾号1234")


@given(TEXTS)
@settings(max_examples=200, deadline=None)
def test_all_models_read_in_one_pass_agree_with_each_model(text):
    norm = normalized_text(text)
    models = [PACK.models[n] for n in sorted(PACK.models)]
    for m, z in zip(models, Likelihoods(models).logits(norm), strict=True):
        assert math.isclose(m.logit(norm), z, abs_tol=1e-6)
        assert 0.0 <= m.probability(norm) <= 1.0


@given(TEXTS)
@settings(max_examples=200, deadline=None)
def test_the_quote_is_one_clause_of_the_text_and_short(text):
    norm = normalized_text(text)
    s, e = PACK.models["threat"].best_span(norm)
    assert 0 <= s <= e <= len(norm)
    assert e - s <= max(MAX_QUOTE, 0)
    if _CLAUSE.search(norm):  # the text has a clause: the quote is inside one
        assert s < e and _CLAUSE.fullmatch(norm[s:e])


def test_the_quote_is_the_clause_that_reads_most_like_the_label():
    m = PACK.models["collection"]
    norm = normalized_text("今天天气不错，你那个账拖到现在还没动静，晚上吃什么")
    s, e = m.best_span(norm)
    assert norm[s:e] == "你那个账拖到现在还没动静"


# ---------------------------------------------------------------- training


def test_training_separates_its_classes_and_is_deterministic():
    debt = ["你欠的钱今天还", "欠款今天必须还", "你的欠款逾期了", "欠钱不还今天处理"] * 3
    chat = ["今天一起吃饭吧", "晚上看电影吗", "周末去公园玩", "明天一起吃饭"] * 3
    texts = debt + chat
    labels = [True] * len(debt) + [False] * len(chat)
    a = train(texts, labels, name="t", c=10.0, min_count=2, prune=0.0)
    b = train(texts, labels, name="t", c=10.0, min_count=2, prune=0.0)
    assert a.weights == b.weights and a.bias == b.bias
    assert a.probability("欠款今天还") > 0.8 > 0.2 > a.probability("晚上一起吃饭")
    assert a.weights["欠款"] > 0 > a.weights["吃饭"]


# ---------------------------------------------------------------- the engine


def test_a_message_no_rule_reads_is_collection_by_its_wording_with_the_stretch_quoted():
    text = "你那个账拖到现在还没动静，今天下午五点前我要看到钱"
    a = ENGINE.analyze(text)
    assert a.category.value == "collection"
    assert _wording(a) == {"collection.wording": "你那个账拖到现在还没动静"}


def test_a_message_no_rule_reads_is_a_scam_by_its_wording_when_that_is_likelier():
    text = "你好，我是某花客服，系统出错多给你放了5000元，请你把这5000转回给我们，否则系统会判定你逾期。"
    a = ENGINE.analyze(text)
    assert a.category.value == "scam" and set(_wording(a)) == {"scam.wording"}
    models = PACK.models
    norm = normalized_text(text)
    assert models["scam"].logit(norm) > models["collection"].logit(norm)
    assert Engine.default(rules_only=True).analyze(text).category.value == "other"


def test_the_scam_rules_unless_words_stop_it():
    # warnings against such scams use the scam's own words: 谨防, 切勿, 如非本人操作 …
    text = "你好，我是某花客服，系统出错多给你放了5000元，请你把这5000转回给我们，否则系统会判定你逾期，切勿拖延。"
    rule = PACK.by_id("scam.wording")
    assert PACK.models["scam"].probability(normalized_text(text)) >= rule.threshold
    a = ENGINE.analyze(text)
    assert a.category.value == "other" and not _wording(a)


def test_the_quote_points_into_the_original_text_when_the_text_is_obfuscated():
    text = "你 那 个 账 拖 到 现 在 还 没 动 静，今天下午五点前我要看到钱"
    a = ENGINE.analyze(text)
    (f,) = [f for f in a.findings if f.rule == "collection.wording"]
    assert text[f.span[0]:f.span[1]] == f.quote == "你 那 个 账 拖 到 现 在 还 没 动 静"


@pytest.mark.parametrize("text", [
    "今晚加班，晚饭你们先吃，不用等我。",
    # an "other" rule has something to say: the model is not asked (other.work_deadline)
    "【XX公司】王工，项目交付已经逾期两天了，甲方在催，今天务必发版。",
])
def test_ordinary_messages_stay_other(text):
    a = ENGINE.analyze(text)
    assert a.category.value == "other" and not _wording(a)


def test_what_the_borrower_sent_is_never_read_by_the_models():
    a = ENGINE.analyze("你那个账拖到现在还没动静，今天下午五点前我要看到钱", direction="out")
    assert a.category.value == "other" and not a.findings


def test_a_reminder_gets_the_stage_its_wording_reads_as():
    a = ENGINE.analyze("你欠款逾期这么久，地址我们已经核实过了，当面聊吧")
    assert a.stage.value == "visit"
    assert set(_wording(a)) == {"visit.wording"}


def test_a_stage_the_rules_reached_is_kept():
    a = ENGINE.analyze("您的借款已逾期5天，我司将于本周安排外访人员上门，请尽快还款。")
    assert a.stage.value == "visit" and not _wording(a)


def test_a_tactic_the_rules_missed_is_added_with_its_own_finding():
    a = ENGINE.analyze("欠款再拖，你晚上回家路上注意点，别怪我没提醒")
    assert "threat" in {t.value for t in a.tactics}
    (f,) = [f for f in a.findings if f.rule == "threat.wording"]
    assert f.severity.value == "low" and f.law == () and "仅供参考" in f.explanation
    assert f.statistical and not any(g.statistical for g in a.findings if g is not f)
    assert a.to_json()["findings"][a.findings.index(f)]["statistical"] is True


def test_unless_words_stop_a_model_rule():
    text = "你欠的3000块钱已经拖了半年，我们公司已经把你列为恶意拖欠户了。"
    rule = PACK.by_id("false_criminal.wording")
    assert PACK.models["false_criminal"].probability(normalized_text(text)) >= rule.threshold
    assert "false_criminal" not in {t.value for t in ENGINE.analyze(text).tactics}


def test_without_model_rules_the_engine_is_the_rules_alone():
    bare = Engine(replace(PACK, rules=tuple(r for r in PACK.rules if not r.model)))
    a = bare.analyze("你那个账拖到现在还没动静，今天下午五点前我要看到钱")
    assert a.category.value == "other" and not a.findings


# ---------------------------------------------------------------- validation


def _pack_with(rule: str):
    texts = {k: v for k, v in packaged_texts().items() if k.startswith("models/")}
    texts["collection.yaml"] = "label: collection\nrules:\n" + rule
    return load_pack_from_texts(texts, check_law=False)


_RULE = """  - id: collection.wording
    model: collection
    threshold: "0.8"
    law: []
    explain: 用词像催收。
    examples: {match: [x]}
"""


def test_a_model_rule_loads():
    (rule,) = _pack_with(_RULE).rules
    assert rule.model == "collection" and rule.threshold == 0.8 and not rule.keywords


@pytest.mark.parametrize(("change", "message"), [
    (("model: collection", "model: nothing"), "不存在的用词模型"),
    (('threshold: "0.8"', 'threshold: "1.5"'), "threshold"),
    (('    threshold: "0.8"\n', ""), "threshold"),
    (("    law: []", "    keywords: [欠款]\n    law: []"), "不能再有 keywords"),
])
def test_bad_model_rules_are_refused(change, message):
    rule = _RULE.replace(*change)
    with pytest.raises(RulePackError) as e:
        _pack_with(rule)
    assert message in str(e.value)


def test_a_threshold_without_a_model_is_refused():
    with pytest.raises(RulePackError):
        _pack_with("""  - id: collection.x
    keywords: [欠款]
    threshold: "0.8"
    law: []
    explain: x
    examples: {match: [欠款]}
""")


def test_only_labels_a_model_can_stand_for_take_a_model():
    texts = {k: v for k, v in packaged_texts().items() if k.startswith("models/")}
    texts["suspicious_link.yaml"] = ("label: suspicious_link\nrules:\n"
                                     + _RULE.replace("collection.wording", "suspicious_link.w"))
    with pytest.raises(RulePackError):
        load_pack_from_texts(texts, check_law=False)


def test_every_model_rule_says_it_is_a_statistical_guess():
    for rid in WORDED:
        rule = PACK.by_id(rid)
        assert "统计模型" in rule.explain and "仅供参考" in rule.explain and rule.law == ()


def test_a_models_lookup_is_its_weights_with_every_digit_for_a_0():
    m = PACK.models["collection"]
    assert all(m.lookup[_code(g)] == w for g, w in m.weights.items())
    digits = [g for g in m.weights if "0" in g]
    assert digits and all(m.lookup[_code(g.replace("0", "7"))] == m.weights[g] for g in digits)
    assert isinstance(m, Likeness)


@given(TEXTS)
@settings(max_examples=200, deadline=None)
def test_pairs_reads_every_bigram_of_the_text_once(text):
    even, odd = pairs(text)
    assert sorted([*even, *odd]) == sorted(_code(a + b) for a, b in zip(text, text[1:], strict=False))


DEV_TEXTS = [json.loads(line)["text"] for line in
             (ROOT / "tests/corpus/dev.jsonl").read_text(encoding="utf-8").splitlines()[:3000]]


@given(st.sampled_from(DEV_TEXTS), st.booleans(), st.sets(st.sampled_from(list(Tactic))))
@settings(max_examples=300, deadline=None)
def test_the_stage_and_tactic_pass_skips_only_messages_where_no_field_could_add_a_hit(
        text, reminder, found_set):
    # wording.py tests only the fields that could add a hit (the stages at reminder, the
    # tactics the rules did not find): whenever one of them reaches its cut, read() must unpack
    w = ENGINE._wording
    norm = normalized_text(text)
    found = tuple(t for t in Tactic if t in found_set)
    z = w._read.logits(norm)
    could = [at for at, (t, _r, _m, cut) in w._tactic_at.items() if t not in found and z[at] >= cut]
    if reminder:
        could += [at for at, got in w._stage_at.items() if got is not None and z[at] >= got[2]]
    got = w._read.read(norm, w._mask(reminder, found))
    if could:
        assert got is not None and all(math.isclose(a, b) for a, b in zip(got, z, strict=True))


# ---------------------------------------------------------------- second opinions (wording.py)

RULES_ONLY = Engine(replace(PACK, rules=tuple(r for r in PACK.rules if not r.model)))


def test_the_scam_model_overrules_the_rules_other_when_it_reads_a_scam():
    # other.verification_code reads a bank's code message; this one asks for the code (the
    # card number and the code together, "提供卡号、有效期和验证码", scam.code_request now reads)
    text = "您好，您的信用卡可以免费提额到8万，只需要把有效期和验证码发过来。"
    assert RULES_ONLY.analyze(text).category.value == "other"
    a = ENGINE.analyze(text)
    assert a.category.value == "scam" and set(_wording(a)) == {"scam.wording"}


def test_the_collection_model_overrules_a_strong_other_rule_when_it_reads_collection():
    # other.advice (strong) took it for advice about being sued; it is a creditor asking
    text = "我不跟你扯那些起诉不起诉的吓唬人的话，就问你一句，逾期的1500这周能不能还？"
    assert RULES_ONLY.analyze(text).category.value == "other"
    a = ENGINE.analyze(text)
    assert a.category.value == "collection" and "collection.wording" in _wording(a)
    assert not [f for f in a.findings if f.rule.startswith("other.")]


def test_weak_collection_rules_are_set_aside_when_the_wording_reads_nothing_like_collection():
    # a partner passing on what a collector said: the third-party words are the collector's
    text = "宝，我今天又接到那个催收电话了，他们说要打给你爸妈，我好怕，怎么办啊"
    assert RULES_ONLY.analyze(text).category.value == "collection"
    a = ENGINE.analyze(text)
    assert a.category.value == "other" and not a.tactics and not a.findings


def test_a_fake_judge_who_wants_a_personal_account_is_not_set_aside(monkeypatch):
    # NOT_COLLECTION sets aside the collection hits of a message the collection model reads as
    # nothing like collection; a court's or police officer's voice that wants the money on a
    # person's account is kept ("我是…法院执行局的李法官…打到执行专员个人账户…": set aside, it read
    # as other with no finding at all). The cut is raised here so that the test does not hang on
    # how far under the shipped cut the retrained model reads these messages
    from dunguard.text.wording import Wording

    monkeypatch.setattr(Wording, "NOT_COLLECTION", 0.5)
    engine = Engine(PACK)
    w = engine._wording
    at = w._at["collection"][0]

    def reads(text):
        _hits, _entities, norm, _loose = engine._hits(text, None)
        return w._read_silent.logits(norm)[at]

    judge = ("我是城关法院执行局的王法官，刘强你欠招联的9600已经判了，今天把钱打到执行专员个人账户 "
             "6228 4811 0092 7735 李军，不然明天冻结你所有银行卡。")
    assert reads(judge) < w._not_collection
    a = engine.analyze(judge)
    assert a.category.value == "collection" and a.stage.value == "legal"
    assert {"impersonation", "pay_to_personal"} <= {t.value for t in a.tactics}
    assert {"impersonation.authority_notice", "pay_to_personal.card_to_person"} <= {f.rule for f in a.findings}
    # the same personal-account words without the voice are set aside as before
    gossip = "听说法院那边今天把钱打到执行专员个人账户了，挺快的。"
    assert RULES_ONLY.analyze(gossip).category.value == "collection"
    assert reads(gossip) < w._not_collection
    assert engine.analyze(gossip).category.value == "other"


def test_a_scam_set_aside_from_collection_keeps_the_personal_account_it_asks_for(monkeypatch):
    # NOT_COLLECTION sets the collection hits aside, and the scam model then calls the message a
    # scam: the personal account it wants the money on stays a finding (it was dropped with the
    # collection hits: 25 dev rows better out of fold, 2 worse). The cut is raised as above, and
    # SCAM_OVER_COLLECTION (which calls it a scam before any set-aside) is put out of reach
    from dunguard.text.wording import Wording

    monkeypatch.setattr(Wording, "NOT_COLLECTION", 0.5)
    monkeypatch.setattr(Wording, "SCAM_OVER_COLLECTION", 1 - 1e-12)
    engine = Engine(PACK)
    w = engine._wording
    at = w._at["collection"][0]
    text = ("老板，你要的20头西门塔尔基础母牛给你留着了，一口价每头1万3，车已经联系好了从锡盟发，你先付30%定金"
            "78000到我老婆卡上6217 9960 0012 8834 王秀英，牛到付尾款。")
    _hits, _entities, norm, _loose = engine._hits(text, None)
    assert w._read_silent.logits(norm)[at] < w._not_collection
    ruled = RULES_ONLY.analyze(text)
    assert ruled.category.value == "collection" and "pay_to_personal" in {t.value for t in ruled.tactics}
    a = engine.analyze(text)
    assert a.category.value == "scam" and a.stage is None
    assert "pay_to_personal" in {t.value for t in a.tactics} and "scam.wording" in _wording(a)
    assert "pay_to_personal.kin_payee" in {f.rule for f in a.findings}


def test_the_scam_model_overrules_weak_collection_and_the_scam_keeps_its_tactics():
    text = "【网警】你在多个网贷平台存在违规借款，需将欠款统一转入公安监管账户，由我们代为结清。"
    assert RULES_ONLY.analyze(text).category.value == "collection"
    a = ENGINE.analyze(text)
    assert a.category.value == "scam" and a.stage is None
    assert "pay_to_personal" in {t.value for t in a.tactics} and "scam.wording" in _wording(a)


def test_a_weak_other_rule_fences_the_models_off():
    # other.work_deadline (weak) is there to keep the models off late work: the collection model
    # alone would call this collection (its probability is over the wording rule's threshold; the
    # exact figure moves with every retraining: over 0.98 when this test was written, 0.93 on
    # 40,206 rows, 0.78 on 83,426)
    text = "【XX公司】王工，项目交付已经逾期两天了，甲方一直在催，今天务必处理完。"
    cut = next(r.threshold for r in PACK.rules if r.id == "collection.wording")
    assert PACK.models["collection"].probability(normalized_text(text)) >= cut + 0.1
    assert ENGINE.analyze(text).category.value == "other"


def test_a_very_sure_scam_model_reads_past_a_veto_but_the_collection_model_never_does():
    # other.public_obligation (veto) reads 保费 as an insurance bill; the scam model is very sure
    # (over SCAM_OVER_VETO, 0.95: out of fold on dev 19 rows better, 1 worse)
    text = ("你好，我是太平洋保险的，你们村去年统一投保的肉牛保险多扣了保费，现在给你们退还1260元，"
            "你加一下我微信，我发个二维码扫一下就能退")
    assert {f.rule for f in RULES_ONLY.analyze(text).findings} == {"other.public_obligation"}
    a = ENGINE.analyze(text)
    assert a.category.value == "scam" and "scam.wording" in _wording(a)
    # a genuine fine, toll or tax notice stays what the veto says, whatever its penalty words
    for text in ("【交管12123】您名下车辆有一条交通违法记录未处理，罚款200元，逾期未缴纳将每日加处3%罚款。",
                 "【国家税务总局】您2025年度个税汇算有退税358元，请登录个人所得税APP确认收款银行卡后领取。"):
        a = ENGINE.analyze(text)
        assert a.category.value == "other" and not _wording(a)


def test_an_anti_fraud_notice_that_reads_like_a_scam_stays_other():
    text = "【反诈中心】提醒：凡是自称客服说可以免费提额、要您提供卡号和验证码的都是诈骗。"
    a = ENGINE.analyze(text)
    assert a.category.value == "other" and not _wording(a)


def test_only_collection_backed_by_a_strong_rule_is_firm():
    resolver = ENGINE._resolver
    firm = resolver.decide(("reminder.overdue_days", "pay_to_personal.safe_account"), False)
    weak = resolver.decide(("collection.debt_talk", "pay_to_personal.safe_account"), False)
    assert firm.category.value == weak.category.value == "collection"
    assert firm.firm and not weak.firm
    assert not resolver.decide(("other.verification_code",), False).firm


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("欠款还钱你的今天逾期验证码转账0123456789，。 a"), max_size=60))
def test_the_memo_of_sums_gives_what_reading_afresh_gives(text):
    norm = normalized_text(text)
    read = ENGINE._wording._read_silent
    read.logits(norm.replace("0", "7"))  # the same folded text: what follows is read from the memo
    fresh = Likelihoods([PACK.models["collection"], PACK.models["scam"]])
    assert read.logits(norm) == fresh.logits(norm)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("欠款还钱你的今天逾期验证码0123456789，。"), max_size=30),
                min_size=2, max_size=6))
def test_texts_read_in_turn_by_several_model_sets_get_their_own_sums(texts):
    # Likelihoods._sum keeps the last text it folded: reading texts in turn with the silent
    # and the stage/tactic sets must give each text its own sums
    w = ENGINE._wording
    norms = [normalized_text(t) for t in texts]
    got = []
    for n in norms:
        got.append((w._read_silent.logits(n), w._read.logits(n)))
    silent = Likelihoods([PACK.models["collection"], PACK.models["scam"]])
    by_name = {m.name: m for m in PACK.models.values()}
    read = Likelihoods([by_name[name] for name in w._read.names])
    for n, (a, b) in zip(norms, got, strict=True):
        assert a == silent.logits(n)
        assert b == read.logits(n)


@given(st.text(alphabet=st.sampled_from("0123456789０１２٣欠款a ，"), max_size=40))
def test_folding_digits_is_translating_them(text):
    from dunguard.text.likeness import fold_digits
    assert fold_digits(text) == text.translate(str.maketrans("123456789", "000000000"))
