"""Charts are SVG with Chinese text as text; names from messages cannot inject markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

from dunguard.documents import charts
from dunguard.model import SHANGHAI, Timestamp
from dunguard.timeline import Contact

NS = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(str(svg))
    return ["".join(t.itertext()) for t in root.iter(f"{NS}text")]


def _contact(y, mo, d, h, lender="甲贷"):
    from datetime import datetime

    ms = int(datetime(y, mo, d, h, tzinfo=SHANGHAI).timestamp() * 1000)
    return Contact(f"r{y}{mo}{d}{h}", "call", "13800000000", Timestamp(ms), lender, False)


def test_contacts_per_day_has_one_bar_per_lender_day_and_chinese_labels():
    svg = charts.contacts_per_day({"甲贷": {"2026-01-01": 2, "2026-01-03": 1}, "乙贷": {"2026-01-03": 4}})
    root = ET.fromstring(str(svg))
    bars = [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    assert len(bars) == 3
    assert "每天被联系的次数（按催收方）" in _texts(svg)
    assert {"甲贷", "乙贷"} <= set(_texts(svg))


def test_heatmap_marks_the_night_band_and_counts_by_weekday_and_hour():
    # 2026-01-05 is a Monday
    svg = charts.heatmap([_contact(2026, 1, 5, 23), _contact(2026, 1, 5, 23), _contact(2026, 1, 6, 10)])
    texts = _texts(svg)
    assert "夜间 22:00–08:00" in texts
    titles = ["".join(t.itertext()) for t in ET.fromstring(str(svg)).iter(f"{NS}title")]
    assert "周一 23时：2 次" in titles and "周二 10时：1 次" in titles


def test_escalation_draws_each_lender_up_the_ladder():
    svg = charts.escalation({"甲贷": [("reminder", "2026-01-01T09:00:00+08:00"),
                                     ("visit", "2026-01-10T22:00:00+08:00")]})  # fmt: skip
    assert {"提醒", "警告", "法律", "上门"} <= set(_texts(svg))
    assert len(list(ET.fromstring(str(svg)).iter(f"{NS}circle"))) == 2


def test_cost_chart_marks_debts_above_the_line_in_red():
    svg = str(charts.cost_vs_line([("甲", Decimal("0.36"), Decimal("0.24")), ("乙", Decimal("0.1"), None)]))
    assert 'fill="#c0392b"' in svg and "界线 24.0%" in svg and "36.0%" in svg


def test_plan_chart_and_empty_charts_say_why():
    assert "没有还款计划" in "".join(_texts(charts.plan_balance([])))
    svg = charts.plan_balance([(date(2026, 3, 1), Decimal(1000)), (date(2026, 4, 1), Decimal(0))])
    assert "2026-03" in _texts(svg)
    assert "还没有催收短信" in "".join(_texts(charts.escalation({})))


def test_hostile_names_cannot_inject_markup():
    evil = '<script>alert(1)</script>\u202e贷'
    svg = str(charts.contacts_per_day({evil: {"2026-01-01": 1}}))
    ET.fromstring(svg)  # still well-formed
    assert "<script>" not in svg and "\u202e" not in svg
    assert "&lt;script&gt;" in svg and "[U+202E]" in svg
