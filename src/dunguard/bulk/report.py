"""The audit's HTML summary: counts, three bar charts (hand-made SVG) and the table of
breaches and prohibited wording per collection agency and collector. No JavaScript, no
outside resources; every value is escaped (Jinja2 autoescape)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from jinja2 import Environment
from markupsafe import Markup, escape

from dunguard.text.labels import TACTIC_ZH

KIND_ZH = {"night_contact": "夜间催收（22:00–08:00）", "call_attempts": "同一号码一天内未接通超过 6 次",
           "connected_calls": "一天内接通超过 3 次", "many_numbers": "用 5 个以上号码联系",
           "third_party_contact": "联系或告知第三人"}

_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>催收合规审计摘要</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222;max-width:70em}
table{border-collapse:collapse;margin:1em 0;font-size:14px}
td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
th{background:#f3f3f3} td.n{text-align:right} .note{color:#666;font-size:13px}
figure{margin:1.5em 0} figcaption{font-weight:bold;margin-bottom:.3em}
</style></head><body>
<h1>催收合规审计摘要</h1>
<p>短信 {{ r.messages }} 条（其中催收 {{ r.collection }} 条）；通话 {{ r.calls }} 次；
越过联系时间或频次界线的发现 {{ breaches }} 项；违规措辞 {{ wording }} 处。
{% if guesses %}另有 {{ guesses }} 处措辞是统计模型判断的疑似违规，仅供参考，可能出错，没有计入上面和下面的数字
（audit/wording/ 里 statistical 为 true 的行；加 --rules-only 可以不用统计模型）。{% endif %}
{% if deid %}电话号码和姓名已替换为加盐哈希。{% endif %}</p>
<figure><figcaption>各催收公司的越线发现</figcaption>{{ chart_agency }}</figure>
<figure><figcaption>违规措辞（按手段）</figcaption>{{ chart_tactic }}</figure>
<figure><figcaption>催收短信的发送钟点（红色为 22:00–08:00）</figcaption>{{ chart_hour }}</figure>
<h2>按催收公司和催收员</h2>
<table><tr><th>催收公司</th><th>催收员</th><th>类别</th><th>项目</th><th>次数</th><th>涉及记录</th>
<th>涉及案件</th><th>例子</th></tr>
{% for x in rows %}<tr><td>{{ x.agency or "（未注明）" }}</td><td>{{ x.collector or "（未注明）" }}</td>
<td>{{ "越线" if x.kind == "breach" else "措辞" }}</td><td>{{ x.label }}</td>
<td class="n">{{ x.count }}</td><td class="n">{{ x.records }}</td>
<td class="n">{{ x.cases if x.cases is not none else "" }}</td>
<td>{% for e in x.examples %}<div>{{ e }}</div>{% endfor %}</td></tr>
{% endfor %}</table>
<p class="note">时间和频次的界线来自中国银行业协会催收指引、GB/T 45251-2025 等行业规范和推荐性标准，
不是法律；措辞的判断来自 dunguard 的规则，每一条都可以在 audit/wording/ 里找到原文、规则和条文。
本摘要只说明记录里有什么、可能涉及哪些规定，不是法律意见。</p>
</body></html>
"""


def bars(items: Sequence[tuple[str, int]], *, highlight: Sequence[bool] = (),
         width: int = 640) -> Markup:
    """Horizontal bars, one per (label, value)."""
    if not items:
        return Markup('<p class="note">没有数据。</p>')
    top = max(v for _, v in items) or 1
    row, left = 22, 220
    parts = []
    for i, (label, value) in enumerate(items):
        y = i * row
        w = round((width - left - 60) * value / top)
        color = "#c0392b" if (highlight[i] if i < len(highlight) else False) else "#2e6da4"
        parts.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
                     f"{escape(label)}</text>"
                     f'<rect x="{left}" y="{y + 4}" width="{w}" height="14" fill="{color}"/>'
                     f'<text x="{left + w + 4}" y="{y + 15}" font-size="12">{value}</text>')
    h = row * len(items) + 6
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" '
                  f'role="img">{"".join(parts)}</svg>')


def render(summary: pd.DataFrame, hours: Sequence[int], report, *, deidentified: bool,
           guesses: int = 0) -> str:
    """The HTML summary; ``guesses``: the wording models' findings, counted apart."""
    breaches = summary[summary["kind"] == "breach"]
    words = summary[summary["kind"] == "wording"]
    per_agency = breaches.groupby(breaches["agency"].fillna("（未注明）"))["count"].sum()
    per_tactic = words.groupby("item")["count"].sum()
    rows = []
    for x in summary.sort_values(["agency", "collector", "kind", "item"],
                                 na_position="last").to_dict("records"):
        label = KIND_ZH.get(x["item"]) or TACTIC_ZH.get(x["item"], x["item"])
        cases = x["cases"]
        rows.append({**x, "label": label,
                     "cases": None if cases is None or pd.isna(cases) else int(cases),
                     "examples": list(x["examples"])})
    env = Environment(autoescape=True)
    return env.from_string(_PAGE).render(
        r=report, deid=deidentified, guesses=guesses,
        breaches=int(breaches["count"].sum()), wording=int(words["records"].sum()),
        chart_agency=bars(sorted(per_agency.items(), key=lambda kv: -kv[1])[:20]),
        chart_tactic=bars([(TACTIC_ZH.get(k, k), int(v)) for k, v in
                           sorted(per_tactic.items(), key=lambda kv: -kv[1])]),
        chart_hour=bars([(f"{h:02d}:00", int(v)) for h, v in enumerate(hours)],
                        highlight=[h >= 22 or h < 8 for h in range(24)]),
        rows=rows,
    )

