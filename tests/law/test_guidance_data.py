"""guidance.yaml against the law base: ids, wording, dates; and the provisions it needs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from importlib import resources
from itertools import product

import pytest
import yaml

from dunguard.errors import LawBaseError
from dunguard.law import Bindingness, Confidence, load
from dunguard.law.guidance import (
    FINDINGS,
    LEGAL_WORDS,
    OVERCLAIM_WORDS,
    STAGES,
    TACTICS,
    LenderKind,
    load_guidance,
    parse_guidance,
    wording_problems,
)
from dunguard.law.outlook import Debt, outlook
from dunguard.law.rights import rights
from dunguard.law.steps import next_steps

GUIDANCE = load_guidance()
ENTRIES = GUIDANCE.all_entries()
DATES = [date(2025, 6, 1), date(2026, 3, 1), date(2026, 11, 29)]
RAW = (resources.files("dunguard.law") / "data" / "guidance.yaml").read_text(encoding="utf-8")


# ── every cited id exists (checked here independently of the loader) ───────────────────────


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_every_cited_provision_is_in_the_base(base, entry):
    assert entry.law
    missing = [pid for pid in entry.law if pid not in base]
    assert missing == [], f"{entry.id} cites ids the law base does not hold: {missing}"


def _with(extra_yaml_edit):
    data = yaml.safe_load(RAW)
    extra_yaml_edit(data)
    return yaml.safe_dump(data, allow_unicode=True)


def _first_right(data):
    return data["rights"][0]


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (lambda d: _first_right(d).update(law=["民法典:9999"]), "民法典:9999 不在法律条文库中"),
        (lambda d: _first_right(d).update(law=[]), "缺少 law"),
        (lambda d: _first_right(d).update(colour="red"), "未知字段 colour"),
        (lambda d: _first_right(d).update(kinds=["pawnshop"]), "未知的出借方类型 pawnshop"),
        (lambda d: _first_right(d).update(topic="weather"), "topic 或 section 无效"),
        (lambda d: d["steps"][0].update(when={"tactics": ["blackmail"]}), "未知的手段 blackmail"),
        (lambda d: d["steps"][0].update(when={"stages": ["arrest"]}), "未知的阶段 arrest"),
        (lambda d: d["rights"].append(dict(_first_right(d))), "条目编号重复：visit.may_talk"),
        (lambda d: d["outlook"]["card.intro"].update(confidence="Q"), "未知的可信度标记"),
    ],
)
def test_loader_refuses_bad_entries_naming_them(base, edit, fragment):
    with pytest.raises(LawBaseError) as excinfo:
        parse_guidance(_with(edit), base)
    assert fragment in str(excinfo.value)
    assert "guidance.yaml" in str(excinfo.value)


@pytest.mark.parametrize(
    ("text", "law", "fragment"),
    [
        ("这证明催收方违法。", ["民法典:1033"], "用词过度：“证明”"),
        ("催收方肯定会被处罚。", ["民法典:1033"], "用词过度：“肯定”"),
        ("晚上10点后催收是违法的。", ["中银协催收指引:时间"], "却用了“违法”"),
        ("晚上10点后不应催收。", ["中银协催收指引:时间", "GB/T 45251-2025:时间"], "必须写明“行业规范”"),
        ("按监管规定，银行不得向第三人催收，这是犯罪。", ["信用卡办法:68"], "却用了“犯罪”"),
    ],
)
def test_wording_rules(base, text, law, fragment):
    problems = wording_problems(text, [base.get(i) for i in law])
    assert any(fragment in p for p in problems), problems


def test_wording_rules_accept_careful_text(base):
    ok = "按行业规范，晚上10点后不应催收。违反的属于违反行业规范，不等于违法。"
    assert wording_problems(ok, [base.get("中银协催收指引:时间")]) == []
    assert wording_problems("非法侵入住宅的，可以处罚。", [base.get("刑法:245")]) == []


def test_loader_refuses_overclaiming_text(base):
    def edit(d):
        d["rights"][0]["text"] = "行业规范允许上门，这证明催收合法。"

    with pytest.raises(LawBaseError, match="visit.may_talk.*证明"):
        parse_guidance(_with(edit), base)


# ── rendered texts, for every date, kind, stage and tactic ───────────────────────────────


def _rendered():
    out = []
    for on in DATES:
        out += [(f"rights@{on}", s) for s in rights("all", on=on).statements()]
        for stage, tactic, kind in product(STAGES, TACTICS, [*LenderKind, None]):
            st = None if stage == "none" else stage
            out += [(f"steps@{on}", s.statement) for s in next_steps(st, [tactic], kind, on=on)]
        for finding in FINDINGS:  # the timeline's case findings bring their own steps
            out += [(f"steps@{on}", s.statement) for s in next_steps("warning", [], None, on=on, findings=[finding])]
    late = date(2026, 11, 29)
    card = LenderKind.BANK_CARD
    debts = [
        (Debt(card, Decimal("60000"), due_date=date(2025, 3, 1),
              collections=(date(2025, 4, 1), date(2025, 5, 10))), late),
        (Debt(card, Decimal("8000"), overdue_days=20), late),
        (Debt(card, Decimal("60000"), due_date=date(2026, 1, 10),
              collections=(date(2026, 1, 5), date(2026, 2, 1))), date(2026, 3, 1)),
        (Debt(card, Decimal("60000"), due_date=date(2026, 1, 10),
              collections=(date(2026, 2, 1), date(2026, 2, 20))), date(2026, 3, 1)),
        (Debt(card, Decimal("60000"), due_date=date(2026, 1, 10),
              collections=(date(2026, 2, 1), date(2026, 3, 15))), date(2026, 5, 1)),
        *((Debt(k, Decimal("5000"), due_date=date(2025, 9, 1), contract_date=date(2024, 3, 1)), late)
          for k in LenderKind),
        (Debt(LenderKind.CONSUMER_FINANCE, Decimal("5000"), due_date=date(2025, 9, 1)), date(2026, 2, 1)),
        (Debt(LenderKind.PRIVATE, Decimal("5000"), contract_date=date(2019, 1, 1)), late),
        (Debt(LenderKind.PRIVATE, Decimal("5000"), overdue_days=3), late),
        (Debt(LenderKind.ONLINE_LENDER, Decimal("20000"), due_date=date(2025, 9, 1)), late),
        (Debt(LenderKind.BANK_LOAN, Decimal("20000")), late),
        (Debt(card, Decimal("8000"), due_date=date(2026, 12, 3)), late),  # not yet due
        (Debt(LenderKind.ONLINE_LENDER, Decimal("3000"), due_date=late), late),  # due today
    ]
    for d, today in debts:
        out += [(f"outlook@{d.kind}", s) for s in outlook(d, today=today).statements()]
    return out


RENDERED = _rendered()


def test_every_entry_is_rendered_by_some_scenario():
    seen = {s.id for _, s in RENDERED}
    assert {e.id for e in ENTRIES} - seen == set()


def test_rendered_texts_keep_the_wording_rules(base):
    bad = []
    for where, s in RENDERED:
        problems = wording_problems(s.text, s.provisions(base))
        if problems:
            bad.append((where, s.id, problems))
    assert bad == []


def test_no_overclaiming_words_anywhere():
    texts = [s.text for _, s in RENDERED] + [e.text for e in ENTRIES]
    texts += [t["intro"] for t in GUIDANCE.topics.values()]
    hits = [(w, t) for t in texts for w in OVERCLAIM_WORDS if w in t]
    assert hits == []


def test_norm_only_statements_say_industry_norm_and_never_unlawful(base):
    soft = (Bindingness.INDUSTRY_NORM, Bindingness.STANDARD)
    checked = 0
    for _, s in RENDERED:
        provs = s.provisions(base)
        if all(p.bindingness in soft for p in provs):
            checked += 1
            assert "行业规范" in s.text, s.id
            scrubbed = s.text.replace("不等于违法", "")
            assert not any(w in scrubbed for w in LEGAL_WORDS), s.id
            assert s.kind_text == "违反行业规范"
    assert checked >= 10


def test_rendered_statements_cite_only_provisions_in_force_on_their_day(base):
    for on in DATES:
        for s in rights("all", on=on).statements():
            for pid in s.law:
                assert base.get(pid).is_in_force(on), (on, s.id, pid)


def test_statement_confidence_is_the_weakest_of_its_provisions(base):
    caps = {e.id: e.confidence for e in ENTRIES}
    for _, s in RENDERED:
        confs = {p.confidence for p in s.provisions(base)}
        if confs == {Confidence.CONFIRMED} and caps[s.id] is None:
            assert s.confidence is Confidence.CONFIRMED, s.id
        else:
            assert s.confidence is not Confidence.CONFIRMED, s.id


def test_capped_confidence_is_applied():
    s = next(s for s in rights("legal").statements() if s.id == "legal.lawyer_letter")
    assert s.law == ("律师法:28",)
    assert s.confidence is Confidence.SECONDARY  # "no enforcement effect" rests on [S] sources


# ── the provisions the guidance needs are in the base, with facts.md's kind and confidence ──

NEEDED = {
    "征信业管理条例:15": (Bindingness.LAW, Confidence.CONFIRMED),
    "征信业管理条例:16": (Bindingness.LAW, Confidence.CONFIRMED),
    "民事诉讼法:225": (Bindingness.LAW, Confidence.CONFIRMED),
    "民事诉讼法:227": (Bindingness.LAW, Confidence.CONFIRMED),
    "民事诉讼法:228": (Bindingness.LAW, Confidence.CONFIRMED),
    "民事诉讼法:253": (Bindingness.LAW, Confidence.CONFIRMED),
    "刑法:196": (Bindingness.LAW, Confidence.CONFIRMED),
    "刑法:245": (Bindingness.LAW, Confidence.CONFIRMED),
    "妨害信用卡解释:6": (Bindingness.JUDICIAL_INTERPRETATION, Confidence.CONFIRMED),
    "妨害信用卡解释:7": (Bindingness.JUDICIAL_INTERPRETATION, Confidence.CONFIRMED),
    "妨害信用卡解释:8": (Bindingness.JUDICIAL_INTERPRETATION, Confidence.CONFIRMED),
    "民法典:1033": (Bindingness.LAW, Confidence.CONFIRMED),
    "治安管理处罚法(2012):40": (Bindingness.LAW, Confidence.CONFIRMED),
    "治安管理处罚法:47": (Bindingness.LAW, Confidence.CONFIRMED),
    "治安管理处罚法(2012):26": (Bindingness.LAW, Confidence.CONFIRMED),
    "治安管理处罚法:30": (Bindingness.LAW, Confidence.CONFIRMED),
    "治安管理处罚法(2012):43": (Bindingness.LAW, Confidence.CONFIRMED),
    "治安管理处罚法:51": (Bindingness.LAW, Confidence.CONFIRMED),
    "治安管理处罚法(2012):49": (Bindingness.LAW, Confidence.CONFIRMED),
    "治安管理处罚法:59": (Bindingness.LAW, Confidence.CONFIRMED),
    "一次性信用修复:展示规则": (Bindingness.REGULATION, Confidence.SECONDARY),
}


@pytest.mark.parametrize(("pid", "kind_conf"), NEEDED.items())
def test_needed_provision_is_in_the_base(base, pid, kind_conf):
    p = base.get(pid)
    assert (p.bindingness, p.confidence) == kind_conf


@pytest.mark.parametrize(
    ("new", "old"),
    [("治安管理处罚法:30", "治安管理处罚法(2012):26"), ("治安管理处罚法:51", "治安管理处罚法(2012):43")],
)
def test_new_police_law_summaries_follow_the_renumbering(base, new, old):
    assert base.in_force(new, date(2025, 12, 31)).id == old
    assert base.in_force(old, date(2026, 1, 1)).id == new
    assert not base.get(new).verbatim and not base.get(old).verbatim


def test_split_article_49_has_no_single_successor(base):
    assert base.successor("治安管理处罚法(2012):49") is None
    assert not base.in_force("治安管理处罚法(2012):49", date(2026, 1, 1)).is_in_force(date(2026, 1, 1))


def test_guidance_cites_police_law_in_both_numberings():
    cited = {pid for s in (rights("all", on=d).statements() for d in DATES) for x in s for pid in x.law}
    assert {"治安管理处罚法(2012):40", "治安管理处罚法:47", "治安管理处罚法(2012):42",
            "治安管理处罚法:50"} <= cited
    assert load().get("刑法:245").id in cited
