"""The case report: summary first, charts as SVG text, highlighted quotes, provisions, rights,
debts and plan, and an evidence appendix tied to the ledger; the PDF checked with poppler."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from doc_cases import AS_OF, PLAN

from dunguard.case import create_case, open_case
from dunguard.documents.report import write_report


def _run(*cmd: str) -> str:
    return subprocess.run(list(cmd), capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory):
    import os

    from doc_cases import make_demo_case

    tmp = tmp_path_factory.mktemp("report")
    old = os.environ.get("DUNGUARD_HOME")
    os.environ["DUNGUARD_HOME"] = str(tmp / "home")
    try:
        name = make_demo_case("演示", tmp)
        with open_case(name) as c:
            w = write_report(c, tmp / "out", as_of=AS_OF, plan_file=PLAN)
            head = c.tree_head()
            records = {r["id"]: r for r in c.records()}
        return w, head, records
    finally:
        if old is None:
            os.environ.pop("DUNGUARD_HOME", None)
        else:
            os.environ["DUNGUARD_HOME"] = old


def test_report_files_are_written_without_fetching_anything(demo_report):
    w, _, _ = demo_report
    assert w.html.name == "report.html" and w.pdf.name == "report.pdf"
    assert w.fetched == []
    html = w.html.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)  # self-contained


def test_summary_comes_first_and_names_each_lender_and_stage(demo_report):
    html = demo_report[0].html.read_text(encoding="utf-8")
    order = [html.index(h) for h in ("一、概要", "二、图表", "四、发现的问题", "五、涉及的条文",
                                     "六、你的权利", "七、可能的后果", "八、债务和还款计划", "附录：证据清单")]  # fmt: skip
    assert order == sorted(order)
    summary = html[html.index("一、概要"):html.index("二、图表")]
    for name in ("马上消费金融(安逸花)", "乐信(分期乐)", "招商银行"):
        assert name in summary
    assert "<strong>上门</strong>" in summary and "最需要注意的几件事" in summary
    assert "下一步可以做什么" in summary and "110" in summary


def test_charts_are_inline_svg_with_chinese_text(demo_report):
    html = demo_report[0].html.read_text(encoding="utf-8")
    assert html.count("<svg") == 5
    for title in ("每天被联系的次数", "夜间 22:00–08:00", "催收升级路径", "真实年化成本", "按计划还款"):
        assert title in html


def test_findings_highlight_the_quoted_words_and_link_the_provision(demo_report):
    html = demo_report[0].html.read_text(encoding="utf-8")
    assert '<mark class="lab-threat ">出门小心</mark>' in html
    anchor = re.search(r'<a href="#(p-[^"]+)">《刑法》第293条</a>', html)
    assert anchor and f'id="{anchor.group(1)}"' in html
    block = html[html.index(f'id="{anchor.group(1)}"'):]
    assert "效力：法律法规" in block[:400] and "可信度：" in block[:400]


def test_norm_only_rules_are_called_industry_norms(demo_report):
    html = demo_report[0].html.read_text(encoding="utf-8")
    block = html[html.index('id="p-GB-T-45251-2025-'):][:500]
    assert "违反行业规范" in block and "推荐性国家标准" in block


def test_debts_and_plan_are_shown(demo_report):
    html = demo_report[0].html.read_text(encoding="utf-8")
    money = html[html.index("八、债务和还款计划"):html.index("附录：证据清单")]
    assert "28,600.00" in money and "33.43%" in money and "24.00%" in money
    assert "还款计划" in money and "每月能用来还债" in money


def test_evidence_appendix_lists_every_cited_record_with_hashes_and_the_root(demo_report):
    w, head, records = demo_report
    html = w.html.read_text(encoding="utf-8")
    appendix = html[html.index("附录：证据清单"):]
    cited = set(re.findall(r"证据 ((?:E\d+、?)+)", html[: html.index("附录：证据清单")]))
    refs = {r for group in cited for r in group.split("、") if r}
    for ref in refs:
        assert f"<td>{ref}</td>" in appendix
    assert head["root"] in appendix
    for rid in re.findall(r"记录编号：([0-9a-f]+)", appendix):
        row = records[rid]
        assert row["source_sha256"] in appendix
        assert row["locator"]["value"] in appendix


def test_pdf_is_a4_with_page_numbers_and_embedded_cjk_fonts(demo_report):
    pdf = demo_report[0].pdf
    info = _run("pdfinfo", str(pdf))
    assert "595.276 x 841.89 pts (A4)" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    text = _run("pdftotext", "-layout", str(pdf), "-")
    flat = re.sub(r"\s+", "", text)
    assert "催收情况报告" in flat and "第1页，共" in flat and f"第{pages}页，共{pages}页" in flat
    assert "马上消费金融(安逸花)" in flat and "12348" in flat
    assert "每天被联系的次数" in flat  # chart titles are text in the PDF, not pictures
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert any("Noto-Sans-CJK-SC" in f for f in fonts)
    assert all(f.split()[-5] == "yes" for f in fonts)


def test_pdf_pages_render_to_png(demo_report, tmp_path):
    pdf = demo_report[0].pdf
    _run("pdftoppm", "-r", "40", "-f", "1", "-l", "3", "-png", str(pdf), str(tmp_path / "p"))
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 3
    for p in pngs:
        data = p.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 3000  # not a blank page


def test_hostile_message_text_renders_inert(home, tmp_path):
    evil = ('张先生，你在招联的借款已逾期10天，<script>alert("x")</script>再不还就通知你的家人和单位'
            '\u202egnp.exe')  # fmt: skip
    src = tmp_path / "msgs.jsonl"
    src.write_text(json.dumps({"id": "m1", "text": evil, "sender": "1380013\u202e8000",
                               "time": "2026-01-14T11:00:00+08:00", "direction": "in"},
                              ensure_ascii=False) + "\n", encoding="utf-8")  # fmt: skip
    with create_case("恶意") as c:
        c.import_files([src])
        w = write_report(c, tmp_path / "out", as_of=AS_OF)
    html = w.html.read_text(encoding="utf-8")
    assert "<script" not in html and "\u202e" not in html
    assert "&lt;script&gt;alert(" in html and "[U+202E]gnp.exe" in html
    text = _run("pdftotext", str(w.pdf), "-")
    assert "[U+202E]" in text


def test_a_case_without_debts_or_messages_still_reports(home, tmp_path):
    with create_case("空案") as c:
        w = write_report(c, tmp_path / "out", as_of=AS_OF, pdf=False)
    html = w.html.read_text(encoding="utf-8")
    assert "案件里还没有能认出是催收的短信或来电" in html and "还没有登记债务" in html


def test_timeline_case_report_matches_the_case_summary(timeline_case, tmp_path):
    with open_case(timeline_case) as c:
        w = write_report(c, tmp_path / "out", as_of=AS_OF, pdf=False)
        s = c.summary()
    html = w.html.read_text(encoding="utf-8")
    for f in s.findings:
        assert f.text in html
    for ls in s.lenders:
        assert ls.lender in html


def test_the_pdf_writer_refuses_to_fetch_anything(tmp_path):
    from dunguard.documents.render import write_pdf

    fetched: list[str] = []
    html = ('<html lang="zh-CN"><body><p>离线</p><img src="http://example.invalid/x.png">'
            '<link rel="stylesheet" href="https://example.invalid/a.css"></body></html>')  # fmt: skip
    write_pdf(html, tmp_path / "x.pdf", fetched=fetched)
    assert "http://example.invalid/x.png" in fetched and "https://example.invalid/a.css" in fetched
    assert "离线" in _run("pdftotext", str(tmp_path / "x.pdf"), "-")


def test_the_plan_comes_from_the_budget_saved_in_the_case(tmp_path, monkeypatch):
    from doc_cases import make_demo_case

    from dunguard.money.planfile import load_plan_file

    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    name = make_demo_case("演示", tmp_path)
    with open_case(name) as c:
        w = write_report(c, tmp_path / "before", as_of=AS_OF, pdf=False)
        before = w.html.read_text(encoding="utf-8")
        c.save_budget(load_plan_file(PLAN).budget)
        w = write_report(c, tmp_path / "after", as_of=AS_OF, pdf=False)
        after = w.html.read_text(encoding="utf-8")
    assert "每月能用来还债" not in before
    money = after[after.index("八、债务和还款计划"):after.index("附录：证据清单")]
    assert "还款计划" in money and "每月能用来还债" in money


# ── the brief ────────────────────────────────────────────────────────────────────────────


def test_brief_is_three_pages_at_most_and_says_who_what_and_what_to_do(demo_report):
    w = demo_report[0]
    assert w.brief_html.name == "brief.html" and w.brief_pdf.name == "brief.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(w.brief_pdf))).group(1))
    report_pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(w.pdf))).group(1))
    assert pages <= 3 < report_pages
    flat = re.sub(r"\s+", "", _run("pdftotext", str(w.brief_pdf), "-"))
    order = [flat.index(h) for h in ("一、谁在催你", "二、最需要注意的几件事", "三、现在先做这几件事",
                                     "四、实际会发生什么")]  # fmt: skip
    assert order == sorted(order)
    for name in ("马上消费金融(安逸花)", "乐信(分期乐)", "招商银行"):
        assert name in flat
    assert "“出门小心”" in flat and "110" in flat and "12348" in flat
    assert "恶意透支的条件没有全部满足" in flat  # the card's criminal-law conclusion
    assert "不是犯罪" in flat  # the loans' civil-matter statement


def test_brief_evidence_refs_match_the_full_report(demo_report):
    w = demo_report[0]
    brief = w.brief_html.read_text(encoding="utf-8")
    report = w.html.read_text(encoding="utf-8")
    refs = set(re.findall(r"证据 (E\d+)", brief))
    assert refs
    appendix = report[report.index("附录：证据清单"):]
    for ref in refs:
        assert f"<td>{ref}</td>" in appendix
    # the brief's quotes are the report's quotes for the same evidence
    for quote in re.findall(r"写着“([^”]+)”", brief):
        assert quote in report


def test_brief_keeps_every_urgent_step_and_counts_the_rest():
    from dunguard.documents.advice import Advice
    from dunguard.documents.report import BRIEF_STEPS, brief_steps
    from dunguard.law.steps import next_steps

    steps = next_steps("visit", ["threat", "insult", "third_party", "impersonation", "false_criminal",
                                 "pay_to_personal"], "consumer_finance")  # fmt: skip
    advice = Advice([], [], sorted(steps, key=lambda s: not s.urgent))
    chosen, more = brief_steps(advice)
    urgent = [s for s in advice.steps if s.urgent]
    assert urgent and chosen[: len(urgent)] == urgent
    assert len(chosen) == max(BRIEF_STEPS, len(urgent)) and more == len(steps) - len(chosen)
