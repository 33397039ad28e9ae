"""Pixels of a screenshot: the page's colour, a line's surroundings, bars, bubble edges.

Colours are compared channel by channel (the largest difference counts), so that JPEG noise
of a few levels never separates a bubble from itself, while a light grey bubble on a white
page (a difference of about 20) is still told apart.
"""

from __future__ import annotations

import numpy as np

from dunguard.ingest.screenshot.engine import Line


def dist(a: np.ndarray | tuple[int, ...], b: np.ndarray | tuple[int, ...]) -> int:
    return int(np.max(np.abs(np.asarray(a, dtype=np.int16) - np.asarray(b, dtype=np.int16))))


def page_colour(rgb: np.ndarray) -> tuple[int, int, int]:
    """The commonest colour (on a 4-level grid, then averaged), sampled every few pixels."""
    step = max(1, rgb.shape[1] // 270)
    sample = rgb[::step, ::step].reshape(-1, 3)
    q = (sample // 4).astype(np.int32)
    keys = q[:, 0] * 65536 + q[:, 1] * 256 + q[:, 2]
    vals, counts = np.unique(keys, return_counts=True)
    top = vals[np.argmax(counts)]
    chosen = sample[keys == top].mean(axis=0)
    return tuple(int(round(v)) for v in chosen)  # type: ignore[return-value]


def ring_colour(rgb: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int]:
    """The commonest colour just outside a text box (its bubble's or the page's)."""
    h, w = rgb.shape[:2]
    x0, y0, x1, y1 = box
    m = max(2, (y1 - y0) // 6)
    strips = [
        rgb[max(0, y0 - m) : y0, x0:x1],
        rgb[y1 : min(h, y1 + m), x0:x1],
        rgb[y0:y1, max(0, x0 - m) : x0],
        rgb[y0:y1, x1 : min(w, x1 + m)],
    ]
    pix = np.concatenate([s.reshape(-1, 3) for s in strips if s.size], axis=0)
    if len(pix) == 0:
        return (0, 0, 0)
    q = (pix // 6).astype(np.int32)
    keys = q[:, 0] * 65536 + q[:, 1] * 256 + q[:, 2]
    vals, counts = np.unique(keys, return_counts=True)
    chosen = pix[keys == vals[np.argmax(counts)]].mean(axis=0)
    return tuple(int(round(v)) for v in chosen)  # type: ignore[return-value]


def row_info(rgb: np.ndarray, y: int) -> tuple[bool, np.ndarray]:
    """Is row ``y`` one flat colour across the width (JPEG noise allowed), and which."""
    w = rgb.shape[1]
    row = rgb[y, :: max(1, w // 200)].astype(np.int16)
    med = np.median(row, axis=0)
    # JPEG smears what lies beneath into a hairline, so the middle may stray a little; the
    # far edges, clear of every bubble, must hold the colour (a bubble's edge row does not)
    edge = max(1, round(w * 0.015))
    sides = np.concatenate([rgb[y, :edge], rgb[y, w - edge :]]).astype(np.int16)
    flat = (
        np.mean(np.max(np.abs(row - med), axis=1) <= 16) >= 0.95
        and np.max(np.abs(sides - med)) <= 6
    )
    return bool(flat), med


def header_bottom(rgb: np.ndarray, bg: tuple[int, int, int], start: int, limit: int) -> int | None:
    """The first page row below the header: after the first run of flat non-page rows
    (the bar and its hairline) found below ``start`` (the title's bottom)."""
    y, end = max(0, start), min(limit, rgb.shape[0] - 1)
    while y < end and not flat_bar(rgb, y, bg):
        y += 1
    if y >= end:
        return None
    while y < rgb.shape[0] - 1 and flat_bar(rgb, y, bg):
        y += 1
    return y


def footer_top(rgb: np.ndarray, bg: tuple[int, int, int], limit: int) -> int | None:
    """The first flat non-page row (the input bar or its hairline) below ``limit``."""
    for y in range(max(0, limit), rgb.shape[0]):
        if flat_bar(rgb, y, bg):
            return y
    return None


def flat_bar(rgb: np.ndarray, y: int, bg: tuple[int, int, int]) -> bool:
    flat, colour = row_info(rgb, y)
    return flat and dist(colour, bg) > 10


def run_end(
    rgb: np.ndarray, y: int, x: int, step: int, colour: tuple[int, int, int], stop: int, tol: int
) -> int:
    """Walk along row ``y`` from ``x`` by ``step`` while the pixels keep ``colour``."""
    w = rgb.shape[1]
    miss = 0
    last = x
    while 0 <= x < w and x != stop:
        if dist(rgb[y, x], colour) <= tol:
            last, miss = x, 0
        else:
            miss += 1
            if miss > 3:
                break
        x += step
    return last


def col_end(
    rgb: np.ndarray, x: int, y: int, step: int, colour: tuple[int, int, int], tol: int
) -> int:
    """Walk down (``step`` 1) or up (−1) column ``x`` from ``y`` while it keeps ``colour``."""
    h = rgb.shape[0]
    miss, last = 0, y
    while 0 <= y < h:
        if dist(rgb[y, x], colour) <= tol:
            last, miss = y, 0
        else:
            miss += 1
            if miss > 2:
                break
        y += step
    return last


def tolerance(colour: tuple[int, int, int], bg: tuple[int, int, int]) -> int:
    """How far a pixel may stray from a bubble's colour and still count as the bubble."""
    return max(5, min(24, dist(colour, bg) // 2))


def bubble_extent(
    rgb: np.ndarray,
    line: Line,
    colour: tuple[int, int, int],
    tol: int,
    bg: tuple[int, int, int] | None = None,
) -> tuple[int, int]:
    """Left and right edges of the bubble a line sits in, along the line's middle row.

    With the page colour ``bg`` given, something the reader left out of the line's box (an
    emoji at its end) is walked over: the bubble goes on where its colour comes back
    within a line's height, before the page shows."""
    x0, y0, x1, y1 = line.box
    y = (y0 + y1) // 2
    w = rgb.shape[1]
    left = run_end(rgb, y, max(0, x0 - 1), -1, colour, -1, tol)
    right = run_end(rgb, y, min(w - 1, x1), 1, colour, w, tol)
    if bg is None:
        return left, right
    span = round(1.5 * (y1 - y0))
    for _ in range(4):  # a few emoji in a row at most
        again = _resumes(rgb, y, left, -1, colour, tol, bg, span)
        if again is None:
            break
        left = run_end(rgb, y, again, -1, colour, -1, tol)
    for _ in range(4):
        again = _resumes(rgb, y, right, 1, colour, tol, bg, span)
        if again is None:
            break
        right = run_end(rgb, y, again, 1, colour, w, tol)
    return left, right


def _resumes(
    rgb: np.ndarray,
    y: int,
    x: int,
    step: int,
    colour: tuple[int, int, int],
    tol: int,
    bg: tuple[int, int, int],
    span: int,
) -> int | None:
    """Where, within ``span`` pixels beyond ``x``, a run of the bubble's colour starts
    again with no page colour on the way (``None``: the bubble ended at ``x``)."""
    w = rgb.shape[1]
    a, b = (x + 1, min(w, x + 1 + span)) if step > 0 else (max(0, x - span), x)
    if b - a < 4:
        return None
    row = rgb[y, a:b].astype(np.int16)
    if step < 0:
        row = row[::-1]
    page_tol = max(3, dist(colour, bg) // 2)
    on_page = np.max(np.abs(row - np.asarray(bg, dtype=np.int16)), axis=1) <= page_tol
    in_bubble = np.max(np.abs(row - np.asarray(colour, dtype=np.int16)), axis=1) <= tol
    for i in range(len(row) - 3):
        if on_page[i] and not in_bubble[i]:
            return None
        if in_bubble[i : i + 4].all():
            return a + i if step > 0 else b - 1 - i
    return None
