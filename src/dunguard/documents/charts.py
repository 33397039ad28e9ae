"""Charts as hand-made SVG, with Chinese text kept as text (searchable, selectable in the PDF).

Each function takes plain data and returns the ``<svg>`` element as :class:`Markup`; every
label passes through :func:`markupsafe.escape` and :func:`inert`, so names from messages
cannot inject markup. No chart library: a few rectangles, lines and texts are all the report
needs, and WeasyPrint renders them directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from markupsafe import Markup, escape

from dunguard.documents.safety import inert
from dunguard.timeline import Contact

FONT = "Noto Sans CJK SC, Noto Sans CJK, sans-serif"
PALETTE = ("#1f6fb2", "#d9822b", "#2e8b57", "#8e44ad", "#c0392b", "#7f8c8d", "#b8860b")
INK, GRID, NIGHT = "#222", "#d8d8d8", "#2c3e7a"
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
RUNGS = ("reminder", "warning", "legal", "visit")
RUNG_ZH = {"reminder": "提醒", "warning": "警告", "legal": "法律", "visit": "上门"}
W = 680


def _t(x: float, y: float, text: object, *, size: int = 11, anchor: str = "start",
       fill: str = INK, weight: str = "normal") -> str:  # fmt: skip
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}">{escape(inert(text, one_line=True))}</text>'
    )


def _svg(height: float, title: str, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{W}" height="{height:.0f}" '
        f'viewBox="0 0 {W} {height:.0f}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT}"><title>{escape(title)}</title>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _empty(title: str, note: str) -> Markup:
    return _svg(60, title, [_t(W / 2, 34, note, size=12, anchor="middle", fill="#666")])


def _legend(names: Sequence[str], y: float) -> list[str]:
    out, x = [], 60.0
    for i, name in enumerate(names):
        out.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>')
        out.append(_t(x + 14, y, name, size=10))
        x += 24 + 11 * len(name)
    return out


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def contacts_per_day(per_lender: Mapping[str, Mapping[str, int]]) -> Markup:
    """Stacked bars: contacts (calls and messages) per day, one colour per lender."""
    title = "每天被联系的次数（按催收方）"
    data = {k: v for k, v in per_lender.items() if v}
    if not data:
        return _empty(title, "没有可以归到某个催收方的来电或短信")
    all_days = sorted({date.fromisoformat(d) for v in data.values() for d in v})
    days = _days(all_days[0], all_days[-1])
    totals = {d: sum(v.get(d.isoformat(), 0) for v in data.values()) for d in days}
    top = max(max(totals.values()), 1)
    left, right, top_y, bottom = 40, W - 10, 20, 200
    step = (right - left) / len(days)
    bw = max(step * 0.8, 1.0)
    body = [_t(left, 12, title, size=12, weight="bold")]
    for k in range(0, top + 1, max(1, top // 4)):  # grid lines
        y = bottom - (bottom - top_y) * k / top
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_t(left - 4, y + 4, k, size=9, anchor="end"))
    names = list(data)
    for i, d in enumerate(days):
        x, y = left + i * step, float(bottom)
        for j, name in enumerate(names):
            n = data[name].get(d.isoformat(), 0)
            if n:
                h = (bottom - top_y) * n / top
                y -= h
                body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw:.1f}" height="{h:.1f}" '
                            f'fill="{PALETTE[j % len(PALETTE)]}"><title>{d.isoformat()} '
                            f'{escape(inert(name, one_line=True))}：{n} 次</title></rect>')  # fmt: skip
    every = max(1, len(days) // 8)
    for i in range(0, len(days), every):
        body.append(_t(left + i * step, bottom + 14, days[i].strftime("%m-%d"), size=9))
    body.append(f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{INK}"/>')
    body += _legend(names, bottom + 34)
    return _svg(bottom + 44, title, body)


def heatmap(contacts: Sequence[Contact]) -> Markup:
    """Hour of day × weekday (Beijing time), darker = more contacts; 22:00–08:00 marked."""
    title = "一周里每个钟点被联系的次数（颜色越深越多）"
    if not contacts:
        return _empty(title, "没有可以归到某个催收方的来电或短信")
    grid = [[0] * 24 for _ in range(7)]
    for c in contacts:
        t = c.time.as_shanghai()
        grid[t.weekday()][t.hour] += 1
    top = max(max(r) for r in grid) or 1
    left, top_y, cw, ch = 50, 46, 24.0, 20.0
    body = [_t(left, 12, title, size=12, weight="bold")]
    # The night band: 22:00–24:00 and 00:00–08:00.
    for x0, hours in ((left, 8), (left + 22 * cw, 2)):
        body.append(f'<rect x="{x0:.1f}" y="{top_y - 16:.1f}" width="{hours * cw:.1f}" '
                    f'height="{7 * ch + 18:.1f}" fill="{NIGHT}" fill-opacity="0.10" '
                    f'stroke="{NIGHT}" stroke-dasharray="4 3"/>')  # fmt: skip
    body.append(_t(left + 4 * cw, top_y - 4, "夜间 22:00–08:00", size=10, anchor="middle", fill=NIGHT))
    body.append(_t(left + 23 * cw, top_y - 4, "夜间", size=10, anchor="middle", fill=NIGHT))
    for r, name in enumerate(WEEKDAYS):
        y = top_y + r * ch
        body.append(_t(left - 6, y + ch * 0.7, name, size=10, anchor="end"))
        for h in range(24):
            n = grid[r][h]
            x = left + h * cw
            if n:
                shade = 0.15 + 0.85 * n / top
                body.append(f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{cw - 2:.1f}" '
                            f'height="{ch - 2:.1f}" fill="#c0392b" fill-opacity="{shade:.2f}">'
                            f'<title>{name} {h:02d}时：{n} 次</title></rect>')  # fmt: skip
                body.append(_t(x + cw / 2, y + ch * 0.7, n, size=9, anchor="middle",
                               fill="#fff" if shade > 0.6 else INK))  # fmt: skip
            else:
                body.append(f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{cw - 2:.1f}" '
                            f'height="{ch - 2:.1f}" fill="#f4f4f4"/>')  # fmt: skip
    for h in range(0, 25, 2):
        body.append(_t(left + h * cw, top_y + 7 * ch + 14, f"{h}时", size=9, anchor="middle"))
    return _svg(top_y + 7 * ch + 24, title, body)


def escalation(paths: Mapping[str, Sequence[tuple[str, str]]], end: datetime | None = None) -> Markup:
    """Each lender's climb up the ladder (提醒 → 警告 → 法律 → 上门) over time.

    ``paths``: lender → [(stage, Beijing ISO time), …] in the order reached.
    """
    title = "催收升级路径（每个催收方第一次到达每一级的时间）"
    pts = {
        k: [(s, datetime.fromisoformat(t)) for s, t in v if t and s in RUNG_ZH]
        for k, v in paths.items()
    }
    pts = {k: v for k, v in pts.items() if v}
    if not pts:
        return _empty(title, "还没有催收短信")
    times = [t for v in pts.values() for _, t in v]
    t0 = min(times)
    t1 = max([*times, end] if end else times)
    if t1 <= t0:
        t1 = t0 + timedelta(days=1)
    left, right, top_y, rung_h = 60, W - 20, 34, 34
    span = (t1 - t0).total_seconds()

    def x(t: datetime) -> float:
        return left + (right - left) * (t - t0).total_seconds() / span

    def y(stage: str) -> float:
        return top_y + (len(RUNGS) - 1 - RUNGS.index(stage)) * rung_h

    body = [_t(left, 14, title, size=12, weight="bold")]
    for s in RUNGS:
        body.append(f'<line x1="{left}" y1="{y(s):.1f}" x2="{right}" y2="{y(s):.1f}" stroke="{GRID}"/>')
        body.append(_t(left - 8, y(s) + 4, RUNG_ZH[s], size=11, anchor="end"))
    for i, (name, steps) in enumerate(pts.items()):
        color = PALETTE[i % len(PALETTE)]
        off = (i - (len(pts) - 1) / 2) * 3  # keep overlapping lines apart
        line: list[str] = []
        for j, (s, t) in enumerate(steps):
            if j:
                line.append(f"{x(t):.1f},{y(steps[j - 1][0]) + off:.1f}")
            line.append(f"{x(t):.1f},{y(s) + off:.1f}")
        if end and end > steps[-1][1]:
            line.append(f"{x(end):.1f},{y(steps[-1][0]) + off:.1f}")
        body.append(f'<polyline points="{" ".join(line)}" fill="none" stroke="{color}" stroke-width="2"/>')
        for s, t in steps:
            body.append(f'<circle cx="{x(t):.1f}" cy="{y(s) + off:.1f}" r="4" fill="{color}">'
                        f'<title>{escape(inert(name, one_line=True))}：{t:%Y-%m-%d %H:%M} '
                        f'{RUNG_ZH[s]}</title></circle>')  # fmt: skip
    bottom = y(RUNGS[0]) + 16
    body.append(_t(left, bottom + 4, t0.strftime("%Y-%m-%d"), size=9))
    body.append(_t(right, bottom + 4, t1.strftime("%Y-%m-%d"), size=9, anchor="end"))
    body += _legend(list(pts), bottom + 24)
    return _svg(bottom + 34, title, body)


def cost_vs_line(rows: Sequence[tuple[str, Decimal | None, Decimal | None]]) -> Markup:
    """Each debt's true annual cost (bar) against the line the law or practice draws (mark).

    ``rows``: (debt name, true APR, line) as fractions; a missing line is left unmarked.
    """
    title = "每笔债务的真实年化成本与法律（或司法实践）的界线"
    rows = [r for r in rows if r[1] is not None]
    if not rows:
        return _empty(title, "没有登记债务，或无法算出成本")
    top = max(max(float(r[1] or 0) for r in rows), max(float(r[2] or 0) for r in rows), 0.05) * 1.15
    left, right, top_y, bh = 170, W - 60, 30, 26
    body = [_t(10, 14, title, size=12, weight="bold")]

    def x(v: float) -> float:
        return left + (right - left) * v / top

    for i, (name, apr, line) in enumerate(rows):
        y = top_y + i * (bh + 12)
        a = float(apr or 0)
        over = line is not None and a > float(line)
        body.append(_t(left - 6, y + bh * 0.65, name, size=10, anchor="end"))
        body.append(f'<rect x="{left}" y="{y:.1f}" width="{max(x(a) - left, 1):.1f}" height="{bh}" '
                    f'fill="{"#c0392b" if over else "#1f6fb2"}"/>')  # fmt: skip
        body.append(_t(x(a) + 4, y + bh * 0.65, f"{a * 100:.1f}%", size=10))
        if line is not None:
            lx = x(float(line))
            body.append(f'<line x1="{lx:.1f}" y1="{y - 4:.1f}" x2="{lx:.1f}" y2="{y + bh + 4:.1f}" '
                        f'stroke="{INK}" stroke-width="2" stroke-dasharray="4 2"/>')  # fmt: skip
            body.append(_t(lx, y - 6, f"界线 {float(line) * 100:.1f}%", size=9, anchor="middle"))
    h = top_y + len(rows) * (bh + 12) + 24
    body.append(_t(left, h - 6, "柱子：真实年化利率（含各种费用，按内部收益率计算）；虚线：界线。红色＝超过界线。", size=9, fill="#555"))
    return _svg(h, title, body)


def plan_balance(series: Sequence[tuple[date, Decimal]], name: str = "") -> Markup:
    """The total still owed month by month under the plan."""
    title = "按计划还款，每月还欠多少" + (f"（{name}）" if name else "")
    if len(series) < 2:
        return _empty(title, "没有还款计划（需要填写每月收入和基本生活费）")
    left, right, top_y, bottom = 70, W - 20, 24, 180
    top = float(max(v for _, v in series)) or 1.0
    n = len(series) - 1

    def xy(i: int, v: Decimal) -> str:
        return f"{left + (right - left) * i / n:.1f},{bottom - (bottom - top_y) * float(v) / top:.1f}"

    body = [_t(left, 14, title, size=12, weight="bold")]
    for k in range(5):
        v = top * k / 4
        y = bottom - (bottom - top_y) * k / 4
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_t(left - 4, y + 4, f"{v:,.0f}", size=9, anchor="end"))
    pts = " ".join(xy(i, v) for i, (_, v) in enumerate(series))
    body.append(f'<polyline points="{pts}" fill="none" stroke="#2e8b57" stroke-width="2"/>')
    every = max(1, n // 8)
    for i in range(0, n + 1, every):
        x = left + (right - left) * i / n
        body.append(_t(x, bottom + 14, series[i][0].strftime("%Y-%m"), size=9, anchor="middle"))
    body.append(_t(left, bottom + 30, "单位：元。每月先计利息再还款，以计划中选定的还款顺序计算。", size=9, fill="#555"))
    return _svg(bottom + 36, title, body)
