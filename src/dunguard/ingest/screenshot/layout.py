"""From text lines and pixels to a thread's parts: title, separators, bubbles and their side.

Everything is decided from geometry and colour, in units of the image's width, so that
720- and 1440-pixel screenshots read alike:

* the **page colour** is the commonest colour of the picture; a line whose surroundings
  have another colour sits in a **bubble**, the rest lie on the page (title, time
  separators, system notes, the status bar);
* the **header** ends at the first full-width colour change below the title (its bottom
  edge or hairline), the **input bar** starts at the last one above the bottom; lines and
  bubbles cut by either are dropped, as a person would not quote half a message;
* a bubble's **side** is the side its edge is nearer to (left = received, right = sent);
  lines belong to one bubble when the bubble's colour runs unbroken from one to the next;
* page text lined up with a bubble's outer edge belongs to it: just above a received bubble,
  the **sender's name** (WeChat group chats, whose title ends in the member count "(3)");
  just below a bubble, a bare clock time is that message's own **time stamp** (Android SMS
  apps that print one under every bubble). Other page text in the middle is a separator if
  it reads as a time, else a **system note** ("XX撤回了一条消息", "你已添加了XX"), which is
  not a message;
* the **app** is told by the words only its screens carry (the SMS input box says 短信,
  iMessage or 短信/彩信; WeChat has none) and by WeChat's square avatars beside bubbles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from dunguard.ingest.screenshot.engine import Line
from dunguard.ingest.screenshot.pixels import (
    bubble_extent,
    col_end,
    dist,
    footer_top,
    header_bottom,
    page_colour,
    ring_colour,
    tolerance,
)
from dunguard.ingest.screenshot.times import parse_clock, parse_separator

_STATUS = re.compile(
    r"^(\d{1,2}[:：]\d{2}|\d{1,3}\s*[%％]?|[\d.]+\s*[KkMm]?B?/s|[2-5]G\+?(\s*\d{1,3}[%％])?|HD|VoLTE)$"
)
_SMS_WORDS = ("短信", "彩信", "iMessage", "信息", "SMS")
PLACEHOLDERS = (
    "短信",
    "短信/彩信",
    "iMessage",
    "iMessage信息",
    "信息",
    "发送短信",
    "输入短信",
    "短信/彩信信息",
)
_MEMBERS = re.compile(r"[(（]\d{1,4}[)）]$")  # a group's title: "催收群(3)"
CARRIERS = ("中国移动", "中国联通", "中国电信", "中国广电", "CMCC", "CHN-UNICOM", "CHN-CT")


@dataclass
class Bubble:
    side: str  # "in" | "out"
    lines: list[Line]
    box: tuple[int, int, int, int]  # the bubble's own rectangle (its colour's extent)
    colour: tuple[int, int, int]
    name: Line | None = None  # the sender's name above it (group chats)
    stamp: Line | None = None  # its own time under it

    @property
    def text(self) -> str:
        return join_lines(self.lines)[0]


@dataclass
class Separator:
    line: Line


@dataclass
class Page:
    """One screenshot taken apart: what it shows, top to bottom."""

    width: int
    height: int
    background: tuple[int, int, int]
    theme: str  # "light" | "dark"
    app: str  # "wechat" | "ios" | "android" | "unknown"
    title: str
    items: list[Bubble | Separator] = field(default_factory=list)
    others: list[Line] = field(default_factory=list)  # on the page, neither time nor title
    dropped: int = 0  # lines cut by the header or the input bar
    group: bool = False  # a group chat: member count in the title, or names above bubbles


def join_lines(lines: list[Line]) -> tuple[str, list[float]]:
    """A bubble's text and per-character confidences: wrapped lines joined, with a space
    only where a Latin word was wrapped (never inside a link)."""
    out, scores = "", []
    for ln in lines:
        if (
            out
            and re.search(r"[A-Za-z]$", out)
            and re.match(r"[A-Za-z]", ln.text)
            and not _looks_url(out)
        ):
            out += " "
            scores.append(1.0)
        out += ln.text
        scores.extend(ln.char_scores)
    return out, scores


def _looks_url(s: str) -> bool:
    last = s.split()[-1] if s.split() else s
    return bool(re.search(r"(https?://|www\.|\.[a-z]{2,}/)", last))


def analyse(rgb: np.ndarray, lines: list[Line]) -> Page:
    """Take one screenshot apart (see the module's description)."""
    h, w = rgb.shape[:2]
    bg = page_colour(rgb)
    theme = "dark" if sum(bg) < 3 * 110 else "light"
    lines = _plausible(lines)
    ctx = [ring_colour(rgb, ln.box) for ln in lines]
    in_bubble = [dist(c, bg) > 12 for c in ctx]

    # header: the title is the first line near the top that is not status-bar text or a time
    top_zone = min(0.42 * w, 0.4 * h)
    title_line = None
    for ln in sorted(lines, key=lambda x: x.box[1]):
        if ln.cy > top_zone:
            break
        bare = ln.text.strip("<〈く>‹ ")
        if _STATUS.match(bare) or bare in CARRIERS or len(bare) < 2:
            continue
        if parse_separator(ln.text, date(2000, 12, 31)) is not None:  # (a leap year)
            continue
        if not _spans_width(rgb, ln):
            continue  # in a bubble (a screenshot cropped below its header)
        title_line = ln
        break
    if title_line is not None:
        tb = title_line.box[3]
        top = header_bottom(rgb, bg, tb, round(tb + 0.16 * w)) or round(tb + 0.01 * w)
        title = _clean_title(title_line.text)
    else:
        top, title = 0, ""
    bottom = footer_top(rgb, bg, round(h - 0.3 * w)) or h

    page = Page(w, h, bg, theme, "unknown", title)
    page.group = title_line is not None and bool(_MEMBERS.search(title_line.text.strip()))
    bubble_lines: list[tuple[Line, tuple[int, int, int]]] = []
    page_lines: list[Line] = []
    edge = max(2, round(0.004 * w))
    for ln in lines:
        if ln.cy > h - 0.25 * w and ln.text.strip() in PLACEHOLDERS:
            bottom = min(bottom, ln.box[1])  # the input box's hint: the bar starts here
    for ln, c, bub in zip(lines, ctx, in_bubble, strict=True):
        if ln.cy <= top or ln.cy >= bottom:
            continue  # status bar, header, input bar
        glyph_top = ln.box[1] + 0.09 * ln.height  # the box has a margin added for reading
        glyph_bottom = ln.box[3] - 0.09 * ln.height
        if glyph_top <= top + edge or glyph_bottom >= bottom - edge:
            page.dropped += 1  # half hidden under the header or the input bar
            continue
        if bub:
            bubble_lines.append((ln, c))
        else:
            page_lines.append(ln)
    bubbles = _bubbles(rgb, bubble_lines, bg, top, bottom, w)
    for ln in _attach_labels(page_lines, bubbles, w):
        if abs(ln.cx - w / 2) < 0.15 * w:
            page.items.append(Separator(ln))
        else:
            page.others.append(ln)
    page.group = page.group or any(b.name is not None for b in bubbles)
    page.app = _app(rgb, bg, [ln for ln in lines if ln.cy >= min(bottom, h - 0.25 * w)], bubbles, w)
    page.items.extend(bubbles)
    page.items.sort(key=lambda it: it.line.box[1] if isinstance(it, Separator) else it.box[1])
    return page


def _attach_labels(lines: list[Line], bubbles: list[Bubble], w: int) -> list[Line]:
    """Give bubbles the page text lined up with their outer edge: a clock time just below
    one is its time stamp, other text just above a received one its sender's name. Returns
    the lines left over."""
    left = []
    reach = 0.04 * w  # how far from the bubble's edge the label may start
    for ln in lines:
        clock = parse_clock(ln.text) is not None
        owner, where = None, ""
        for b in bubbles:
            if b.side == "in":
                lined_up = abs(ln.box[0] - b.box[0]) < reach
            else:
                lined_up = abs(ln.box[2] - b.box[2]) < reach
            if not lined_up:
                continue
            below = ln.box[1] - b.box[3]
            above = b.box[1] - ln.box[3]
            if clock and -0.5 * ln.height <= below <= ln.height and b.stamp is None:
                owner, where = b, "stamp"
                break
            if (
                not clock
                and b.side == "in"
                and b.name is None
                and -0.5 * ln.height <= above <= ln.height
            ):
                owner, where = b, "name"
                break
        if owner is None:
            left.append(ln)
        elif where == "stamp":
            owner.stamp = ln
        else:
            owner.name = ln
    return left


def _plausible(lines: list[Line]) -> list[Line]:
    """Drop icons read as letters: very tall boxes with one or two characters, weak lines."""
    if not lines:
        return []
    med = float(np.median([ln.height for ln in lines]))
    return [
        ln for ln in lines if ln.score >= 0.5 and not (len(ln.text) <= 2 and ln.height > 1.8 * med)
    ]


def _spans_width(rgb: np.ndarray, ln: Line) -> bool:
    """Does the colour around a line reach both edges of the picture (a bar or the page),
    rather than end at a bubble's edge?"""
    ring = ring_colour(rgb, ln.box)
    y = int(ln.cy)
    w = rgb.shape[1]
    edges = [rgb[y, min(w - 1, x)] for x in (2, w - 3)]
    return all(dist(e, ring) <= 12 for e in edges)


def _clean_title(text: str) -> str:
    t = text.strip().strip("<〈く>").strip()
    digits = re.sub(r"[\s\-]", "", t)
    if re.fullmatch(r"\+?\d{5,}", digits):
        return digits
    return re.sub(r"\(\d+\)$|（\d+）$", "", t).strip()


def _bubbles(
    rgb: np.ndarray,
    found: list[tuple[Line, tuple[int, int, int]]],
    bg: tuple[int, int, int],
    top: int,
    bottom: int,
    w: int,
) -> list[Bubble]:
    """Group bubble lines into bubbles; drop bubbles that run under the header or the input
    bar (whether a line of one is hidden there cannot be told from its margins)."""
    found.sort(key=lambda f: (f[0].box[1], f[0].box[0]))
    groups: list[tuple[list[Line], tuple[int, int, int], int, int]] = []
    for ln, colour in found:
        tol = tolerance(colour, bg)
        left, right = bubble_extent(rgb, ln, colour, tol, bg)
        if groups:
            g_lines, g_colour, g_left, g_right = groups[-1]
            prev = g_lines[-1]
            same_colour = dist(g_colour, colour) <= 24
            same_row = min(prev.box[3], ln.box[3]) - max(prev.box[1], ln.box[1]) > 0.5 * ln.height
            near = min(abs(ln.box[0] - prev.box[2]), abs(prev.box[0] - ln.box[2])) < 2 * ln.height
            overlaps_x = min(right, g_right) - max(left, g_left) > 0.5 * min(
                right - left, g_right - g_left
            )
            if same_colour and (
                (same_row and near) or (overlaps_x and _joined(rgb, prev, ln, colour, left, tol))
            ):
                g_lines.append(ln)
                groups[-1] = (g_lines, g_colour, min(left, g_left), max(right, g_right))
                continue
        groups.append(([ln], colour, left, right))
    out = []
    for g_lines, colour, left, right in groups:
        g_lines = _reading_order(g_lines)
        tol = tolerance(colour, bg)
        # walk up and down the middle (clear of rounded corners) and the left margin (clear
        # of text cut by a bar); reaching a bar either way means the bubble runs under it
        b_top, b_bottom = bottom, top
        for x in ((left + right) // 2, (left + min(ln.box[0] for ln in g_lines)) // 2):
            b_top = min(b_top, max(top, col_end(rgb, x, g_lines[0].box[1], -1, colour, tol)))
            b_bottom = max(
                b_bottom, min(bottom, col_end(rgb, x, g_lines[-1].box[3], 1, colour, tol))
            )
        slack = max(4, round(0.004 * w))  # JPEG blurs the bubble's edge into the bar
        if b_top <= top + slack or b_bottom >= bottom - slack:
            continue  # runs under the header or the input bar: some of its text may be hidden
        side = "in" if left < w - right else "out"
        out.append(Bubble(side, g_lines, (left, b_top, right, b_bottom), colour))
    return out


def _joined(
    rgb: np.ndarray, a: Line, b: Line, colour: tuple[int, int, int], left: int, tol: int
) -> bool:
    """True when the bubble colour fills the gap between line ``a`` and line ``b`` below it."""
    y0, y1 = a.box[3], b.box[1]
    if y1 <= y0:
        return True
    if y1 - y0 > 1.5 * max(a.height, b.height):
        return False
    xs = [x for x in (left + 3, min(a.box[0], b.box[0]) - 2) if 0 <= x < rgb.shape[1]]
    for x in xs:
        col = rgb[y0:y1, x].astype(np.int16)
        if np.mean(np.max(np.abs(col - np.asarray(colour, dtype=np.int16)), axis=1) <= tol) < 0.9:
            return False
    return bool(xs)


def _reading_order(lines: list[Line]) -> list[Line]:
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda x: x.cy):
        if rows and abs(rows[-1][0].cy - ln.cy) < 0.5 * ln.height:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda x: x.box[0])]


def _app(
    rgb: np.ndarray,
    bg: tuple[int, int, int],
    bottom_text: list[Line],
    bubbles: list[Bubble],
    w: int,
) -> str:
    """Which app drew the screen: SMS words in the input box, or WeChat's avatars."""
    words = " ".join(ln.text for ln in bottom_text)
    if any(k in words for k in _SMS_WORDS):
        return "ios" if ("彩信" in words or "iMessage" in words) else "android"
    if not bubbles:
        return "unknown"
    avatars = 0
    half = round(0.02 * w)
    for b in bubbles[:12]:
        y0 = b.box[1] + round(0.015 * w)
        ys = slice(y0, min(rgb.shape[0], y0 + round(0.05 * w)))
        x = round(0.085 * w) if b.side == "in" else w - round(0.085 * w)
        patch = rgb[ys, max(0, x - half) : x + half]
        if patch.size and dist(np.median(patch.reshape(-1, 3), axis=0), bg) > 30:
            avatars += 1
    return "wechat" if avatars * 2 >= len(bubbles[:12]) else "android"
