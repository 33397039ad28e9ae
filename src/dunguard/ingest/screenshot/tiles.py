"""Reading a whole screenshot, however long: overlapping tiles, text bands, joined lines.

A long (scrolling) screenshot can be 1080×20000 pixels. It is cut into tiles a phone screen
high (:data:`TILE_RATIO` × width) that overlap by :data:`OVERLAP_RATIO` × width, more than
any text line is high, so every line lies whole in at least one tile. Lines read twice in an
overlap are joined: the copy farther from its tile's cut is kept.

Within a tile, the detector sees only the rows that hold text ("bands": rows with many sharp
left-right changes of brightness), stacked with a thin spacer. The empty background between
chat bubbles is a good part of every screenshot, and detection costs in proportion to the
pixels it is given.
"""

from __future__ import annotations

import numpy as np

from dunguard.ingest.screenshot.engine import Engine, Line

TILE_RATIO = 2.4
OVERLAP_RATIO = 0.3
EDGE_STEP = 40  # a brightness change between neighbouring pixels that counts as an edge
SPACER = 12  # pixels between stacked bands


def tile_spans(height: int, width: int) -> list[tuple[int, int]]:
    """Row ranges ``(y0, y1)`` of the tiles; one tile when the image is about a screen high."""
    th = round(width * TILE_RATIO)
    if height <= th * 1.15:
        return [(0, height)]
    ov = round(width * OVERLAP_RATIO)
    spans, y = [], 0
    while True:
        y1 = min(height, y + th)
        spans.append((y, y1))
        if y1 >= height:
            return spans
        y = y1 - ov


def text_bands(rgb: np.ndarray) -> list[tuple[int, int]]:
    """Row ranges that hold text (or pictures), padded; empty rows in between are left out."""
    import cv2

    h, w = rgb.shape[:2]
    r, g, b = cv2.split(rgb)  # the mean of the channels, as whole numbers (OpenCV: ~10x numpy)
    gray = (cv2.add(cv2.add(r, g, dtype=cv2.CV_16U), b, dtype=cv2.CV_16U) // 3).astype(np.int16)
    edges = np.count_nonzero(cv2.absdiff(gray[:, 1:], gray[:, :-1]) > EDGE_STEP, axis=1)
    busy = edges >= max(3, round(w * 0.004))
    pad = max(4, round(w * 0.012))
    bands: list[tuple[int, int]] = []
    ys = np.flatnonzero(busy)
    if len(ys) == 0:
        return []
    start = prev = int(ys[0])
    for y in ys[1:]:
        y = int(y)
        if y - prev > 2 * pad:
            bands.append((max(0, start - pad), min(h, prev + 1 + pad)))
            start = y
        prev = y
    bands.append((max(0, start - pad), min(h, prev + 1 + pad)))
    return bands


def read_tile(rgb: np.ndarray, engine: Engine) -> list[Line]:
    """The lines of one tile: detection on its stacked text bands, reading at full size."""
    bands = text_bands(rgb)
    if not bands:
        return []
    total = sum(b - a for a, b in bands)
    if total > 0.85 * rgb.shape[0]:  # nothing to gain from stacking
        return engine.read_lines(rgb)
    parts, offsets, y = [], [], 0
    for a, b in bands:
        spacer = np.empty((SPACER, rgb.shape[1], 3), dtype=np.uint8)
        spacer[:] = np.median(rgb[a], axis=0).astype(np.uint8) if b > a else 0
        parts += [rgb[a:b], spacer]
        offsets.append((y, y + (b - a), a))
        y += (b - a) + SPACER
    stacked = np.concatenate(parts, axis=0)
    boxes = []
    for x0, y0, x1, y1 in engine.detect(stacked):
        cy = (y0 + y1) / 2
        for s0, s1, a in offsets:
            if s0 <= cy < s1 + SPACER:
                boxes.append((x0, max(s0, y0) - s0 + a, x1, min(s1, y1) - s0 + a))
                break
    return engine.recognise(rgb, boxes)


def read_image(rgb: np.ndarray, engine: Engine) -> list[Line]:
    """All text lines of the image, in image coordinates, top to bottom."""
    h, w = rgb.shape[:2]
    spans = tile_spans(h, w)
    found: list[tuple[Line, float]] = []  # line, distance from its tile's inner cut
    for y0, y1 in spans:
        for ln in read_tile(rgb[y0:y1], engine):
            x0, ly0, x1, ly1 = ln.box
            moved = Line((x0, ly0 + y0, x1, ly1 + y0), ln.text, ln.score, ln.char_scores)
            top_cut = y0 > 0
            bottom_cut = y1 < h
            dist = min(
                (ly0 if top_cut else 1e9),
                ((y1 - y0) - ly1 if bottom_cut else 1e9),
            )
            found.append((moved, dist))
    if len(spans) > 1:
        found = _join_overlaps(found)
    return sorted((ln for ln, _ in found), key=lambda ln: (ln.box[1], ln.box[0]))


def _join_overlaps(found: list[tuple[Line, float]]) -> list[tuple[Line, float]]:
    """Of lines read in two tiles (boxes overlapping), keep the copy farther from a cut."""
    found = sorted(found, key=lambda f: -f[1])
    kept: list[tuple[Line, float]] = []
    for ln, dist in found:
        if any(_overlap(ln.box, k.box) > 0.3 for k, _ in kept):
            continue
        kept.append((ln, dist))
    return kept


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """Intersection over the smaller box's area."""
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return ix * iy / small if small > 0 else 0.0
