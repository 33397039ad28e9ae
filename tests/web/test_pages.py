"""Every page renders for a real case, in Chinese, and gives the same data as JSON."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from web_helpers import csrf

from dunguard.case import list_cases, open_case

CASE = quote("演示", safe="")
PAGES = {
    "": ("概况", "lenders"),
    "timeline": ("时间线", "rows"),
    "patterns": ("催收的规律", "charts"),
    "debts": ("债务和还款计划", "debts"),
    "rights": ("你的权利", "topics"),
    "documents": ("文书和证据", "files"),
    "import": ("导入手机里的短信和通话记录", "sources"),
}


@pytest.mark.parametrize("path", list(PAGES))
def test_case_pages_render_and_have_json(client, demo_case, path):
    heading, key = PAGES[path]
    r = client.get(f"/cases/{CASE}/{path}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert f"<h1>{heading}" in r.text
    j = client.get(f"/cases/{CASE}/{path}", params={"format": "json"})
    assert j.headers["content-type"] == "application/json"
    data = j.json()
    assert data["case"] == "演示" and key in data


def test_start_page_lists_cases_and_says_what_dunguard_does(client, demo_case):
    r = client.get("/")
    assert "演示" in r.text and "不联网" in r.text and "不是律师" in r.text
    data = client.get("/?format=json").json()
    assert [c["name"] for c in data["cases"]] == ["演示"]
    assert "path" not in data["cases"][0]  # where the case lives on disk stays private


def test_create_case_then_import_page(client, home):
    r = client.post("/cases", data={"name": "张三-2026", "csrf": csrf(client)})
    assert r.status_code == 303
    assert r.headers["location"] == f"/cases/{quote('张三-2026', safe='')}/import"
    assert [c.name for c in list_cases()] == ["张三-2026"]


def test_bad_case_name_is_a_plain_sentence_on_the_form(client, home):
    r = client.post("/cases", data={"name": "a/b", "csrf": csrf(client)})
    assert r.status_code == 400
    assert "案件名称里不能有这些字符" in r.text and 'value="a/b"' in r.text


def test_overview_shows_each_lender_with_stage_and_next_steps(client, demo_case):
    data = client.get(f"/cases/{CASE}/?format=json").json()
    first = data["lenders"][0]
    assert first["stage"] == "visit" and first["stage_zh"] == "上门"
    assert first["steps"] and first["tactics_zh"]
    html = client.get(f"/cases/{CASE}/").text
    assert "已经到了：<strong>上门</strong>" in html and "接下来可以做什么" in html


def test_timeline_filters(client, demo_case):
    url = f"/cases/{CASE}/timeline"
    everything = client.get(url, params={"format": "json"}).json()
    assert everything["total"] == 35  # 18 messages and 17 calls
    visits = client.get(url, params={"format": "json", "stage": "visit"}).json()
    assert visits["total"] >= 1 and all(r["stage"] == "visit" for r in visits["rows"])
    calls = client.get(url, params={"format": "json", "kind": "call"}).json()
    assert calls["total"] == 17
    day = client.get(
        url, params={"format": "json", "from": "2026-01-14", "to": "2026-01-14"}
    ).json()
    assert day["total"] and all(r["time"].startswith("2026-01-14") for r in day["rows"])
    number = client.get(url, params={"format": "json", "number": "+86 139 2740 5518"}).json()
    assert number["total"] and all(r["number"].endswith("13927405518") for r in number["rows"])
    lender = everything["choices"]["lender"][0]
    mine = client.get(url, params={"format": "json", "lender": lender}).json()
    assert mine["total"] and all(r["lender"] == lender for r in mine["rows"])
    bad = client.get(url, params={"from": "昨天"})
    assert bad.status_code == 400 and "不是日期" in bad.text


def test_timeline_highlights_the_words_and_links_each_finding(client, demo_case):
    html = client.get(f"/cases/{CASE}/timeline", params={"stage": "visit"}).text
    assert '<mark class="hit l-visit' in html
    data = client.get(f"/cases/{CASE}/timeline", params={"stage": "visit", "format": "json"}).json()
    row = data["rows"][0]
    f = next(f for f in row["findings"] if f["label"] == "visit")
    assert row["text"][f["span"][0] : f["span"][1]] == f["quote"]
    assert f"/messages/{row['id']}#f-{f['n']}" in html


def test_message_page_explains_the_rule_and_shows_provision_text(client, demo_case):
    data = client.get(f"/cases/{CASE}/timeline", params={"stage": "visit", "format": "json"}).json()
    rid = data["rows"][0]["id"]
    page = client.get(f"/cases/{CASE}/messages/{rid}")
    assert page.status_code == 200
    j = client.get(f"/cases/{CASE}/messages/{rid}", params={"format": "json"}).json()
    visit = next(f for f in j["message"]["findings"] if f["label"] == "visit")
    assert visit["explanation"] and visit["explanation"] in page.text
    pid = visit["law"][0]["id"]
    prov = j["provisions"][pid]
    assert prov["paragraphs"][0] in page.text  # full text, on the message's own page
    full = client.get(f"/provisions/{quote(pid, safe='')}")
    assert full.status_code == 200 and prov["label"] in full.text


def test_unknown_message_and_provision_are_plain_404s(client, demo_case):
    r = client.get(f"/cases/{CASE}/messages/nope")
    assert r.status_code == 404 and "案件里没有这条短信" in r.text
    r = client.get("/provisions/%E5%88%91%E6%B3%95%3A99999")
    assert r.status_code == 404 and "没有这一条" in r.text


def test_patterns_page_has_the_report_charts_as_inline_svg(client, demo_case):
    html = client.get(f"/cases/{CASE}/patterns").text
    assert html.count("<svg") >= 4 and "每天联系次数" in html


def test_rights_page_follows_the_case(client, demo_case):
    data = client.get(f"/cases/{CASE}/rights?format=json").json()
    assert data["topics"][0]["key"] == "visit"  # the demo case reached a visit threat
    assert any(s["law"] for t in data["topics"] for sec in t["sections"] for s in sec["statements"])


# ---------------------------------------------------------------------- debts and plan

DEBT = {
    "lender": "马上消费金融", "kind": "consumer_finance", "method": "equal_payment",
    "contract_date": "2025-03-01", "contract_amount": "10000", "received_amount": "9000",
    "periods": "12", "rate": "24%", "balance": "8000", "overdue_days": "40",
    "payments": "2025-04-01 1000\n2025-05-01 1000", "fees": "服务费 200", "note": "",
}  # fmt: skip


def test_debt_form_is_prefilled_from_the_messages(client, demo_case):
    sugg = client.get(f"/cases/{CASE}/debts?format=json").json()["suggestions"]
    assert sugg
    lender = sugg[0]["lender"]
    html = client.get(f"/cases/{CASE}/debts/new", params={"lender": lender}).text
    assert f'value="{lender}"' in html


def test_save_edit_and_remove_a_debt(client, demo_case):
    token = csrf(client)
    r = client.post(f"/cases/{CASE}/debts", data={**DEBT, "csrf": token})
    assert r.status_code == 303, r.text
    with open_case("演示") as c:
        (d,) = c.debts()
    assert d.received_amount == 9000 and len(d.payments) == 2 and d.fees[0].name == "服务费"
    data = client.get(f"/cases/{CASE}/debts?format=json").json()
    view = data["debts"][0]
    assert view["legality"]["cost"]["nominal_apr"] and view["claim"]
    assert "真实年化" in client.get(f"/cases/{CASE}/debts").text
    edit = client.get(f"/cases/{CASE}/debts/{d.id}/edit").text
    assert 'value="24%"' in edit and "2025-04-01 1000" in edit
    r = client.post(
        f"/cases/{CASE}/debts", data={**DEBT, "id": d.id, "balance": "7000", "csrf": token}
    )
    assert r.status_code == 303
    with open_case("演示") as c:
        (d2,) = c.debts()
    assert d2.id == d.id and d2.balance == 7000
    r = client.post(f"/cases/{CASE}/debts/{d.id}/remove", data={"csrf": token})
    assert r.status_code == 303
    with open_case("演示") as c:
        assert c.debts() == []


def test_bad_debt_input_keeps_the_form_and_says_why(client, demo_case):
    r = client.post(f"/cases/{CASE}/debts",
                    data={**DEBT, "received_amount": "20000", "csrf": csrf(client)})  # fmt: skip
    assert r.status_code == 400
    assert "实际到手金额" in r.text and 'value="马上消费金融"' in r.text


def test_plan_compares_strategies_side_by_side(client, demo_case):
    client.post(f"/cases/{CASE}/debts", data={**DEBT, "csrf": csrf(client)})
    data = client.get(f"/cases/{CASE}/debts",
                      params={"income": "8000", "essentials": "3500", "other": "1500", "format": "json"}).json()  # fmt: skip
    plan = data["plan"]
    assert plan["budget"]["available"] == "3000"
    assert {s["strategy"] for s in plan["strategies"]} >= {"avalanche", "snowball", "dispute_first"}
    assert plan["offers"]
    bad = client.get(f"/cases/{CASE}/debts", params={"income": "1000", "essentials": "3000"})
    assert bad.status_code == 200 and "没有余钱" in bad.text


def test_the_budget_is_saved_in_the_case_and_fills_the_form_next_time(client, demo_case):
    client.post(f"/cases/{CASE}/debts", data={**DEBT, "csrf": csrf(client)})
    form = {"income": "8000", "essentials": "3500", "other": "1500", "savings": ""}
    assert client.post(f"/cases/{CASE}/budget", data=form).status_code == 403  # no CSRF token
    r = client.post(f"/cases/{CASE}/budget", data={**form, "csrf": csrf(client)})
    assert r.status_code == 303
    with open_case("演示") as c:
        b = c.budget()
    assert (b.income, b.essentials, b.available) == (8000, 3500, 3000)
    data = client.get(f"/cases/{CASE}/debts", params={"format": "json"}).json()
    assert data["budget"]["income"] == "8000" and data["plan"]["budget"]["available"] == "3000"
    bad = client.post(f"/cases/{CASE}/budget", data={**form, "income": "-5", "csrf": csrf(client)})
    assert bad.status_code == 303 and "income=-5" in bad.headers["location"]
    with open_case("演示") as c:
        assert c.budget().income == 8000  # the bad one was not saved


# ---------------------------------------------------------------------- what the user tells us


def test_tag_a_number_and_report_a_contact(client, demo_case):
    token = csrf(client)
    r = client.post(
        f"/cases/{CASE}/tag", data={"number": "13800000000", "lender": "某贷", "csrf": token}
    )
    assert r.status_code == 303
    r = client.post(f"/cases/{CASE}/report-contact",
                    data={"lender": "某贷", "who": "母亲", "date": "2026-01-16", "how": "电话", "csrf": token})  # fmt: skip
    assert r.status_code == 303
    with open_case("演示") as c:
        assert c.number_tags() == {"13800000000": "某贷"}
        assert [r.who for r in c.third_party_reports()] == ["母亲"]
    future = client.post(f"/cases/{CASE}/report-contact",
                         data={"lender": "某贷", "who": "母亲", "date": "2999-01-01", "csrf": token})  # fmt: skip
    assert future.status_code == 400 and "还没到" in future.text


def test_templates_do_not_overclaim():
    """The pages' own words: never "proves", never calls conduct unlawful on their own."""
    from dunguard.law.guidance import OVERCLAIM_WORDS
    from dunguard.web.render import TEMPLATES

    for p in TEMPLATES.glob("*.j2"):
        text = p.read_text(encoding="utf-8")
        assert not [w for w in OVERCLAIM_WORDS if w in text], p.name
        assert "违法" not in text, p.name
