"""From taken-apart screenshots to the thread's messages: times, joins of overlapping shots.

Each bubble becomes a :class:`Draft` with the time of the separator above it in the same
picture (the app shows one separator per group of messages, so the time of a message is that
of its group; the actual sending time may be a few minutes later, within the app's grouping
gap). A bubble with its own time stamp under it (some Android SMS apps) has that time, on the
day of the date separator above it. A bubble with no separator above it in its picture has no
time of its own. In a group chat a received bubble's sender is the name above it. System
notes ("XX撤回了一条消息") are no messages: they are kept with the bubble that follows them
(those below the last bubble of a picture, with that bubble).

Screenshots of one thread often overlap (a person scrolls, then screenshots again). Shots of
the same thread (same app family and title) are aligned: the longest run of bubbles that
match (same side, nearly the same text, no conflicting time) is the overlap; its bubbles are
kept once, and bubbles without a time that follow the overlap take the time of the group they
continue. Across files of one import (a folder) the same happens through :class:`Memory`,
which remembers recent threads in this process: a bubble seen before comes back with the
text and time it had then, so it gets the same content id and the vault keeps it once.
"""

from __future__ import annotations

import difflib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from dunguard.ingest.screenshot.engine import Line
from dunguard.ingest.screenshot.layout import Bubble, Page, Separator, join_lines
from dunguard.ingest.screenshot.times import parse_clock, parse_separator

LOW_CONFIDENCE = 0.8  # characters read with less confidence are marked for checking
SIMILAR = 0.85  # text similarity (difflib ratio) for "the same bubble" in two shots


@dataclass
class Draft:
    """One bubble read from one picture, before it becomes a Message."""

    side: str  # "in" | "out"
    text: str
    scores: list[float]
    time: datetime | None
    time_text: str  # the separator as read ("" when none)
    time_basis: str  # "separator" | "day" | "overlap" | "none"
    bubble: tuple[int, int, int, int]
    line_boxes: list[tuple[int, int, int, int]]
    line_scores: list[float]
    source: int = 0  # index of the picture it was read from
    repeat: int = 0  # earlier bubbles of its group with the same side and text
    sender: str = ""  # the name above it (group chats)
    clock: tuple[int, int] | None = None  # the time stamp under it, when it has one
    notes: list[str] = field(default_factory=list)  # system notes just above it
    notes_below: list[str] = field(default_factory=list)  # below it, the picture's last

    @property
    def key(self) -> tuple[datetime | None, str, str]:
        # no sender: the vault's content id has none, so two members' "收到" are repeats too
        return (self.time, self.side, self.text)

    def low_spans(self) -> list[tuple[int, int]]:
        """Runs of characters read with less than :data:`LOW_CONFIDENCE`."""
        spans: list[tuple[int, int]] = []
        for i, s in enumerate(self.scores[: len(self.text)]):
            if s < LOW_CONFIDENCE and not self.text[i].isspace():
                if spans and spans[-1][1] == i:
                    spans[-1] = (spans[-1][0], i + 1)
                else:
                    spans.append((i, i + 1))
        return spans

    def marked(self) -> str:
        """The text with uncertain characters in ［］, as the CLI shows it."""
        out, last = [], 0
        for a, b in self.low_spans():
            out += [self.text[last:a], "［", self.text[a:b], "］"]
            last = b
        return "".join(out) + self.text[last:]


def drafts(page: Page, day: date | None, source: int = 0) -> list[Draft]:
    """The bubbles of one page with the times its separators (and stamps) give them."""
    out: list[Draft] = []
    current: tuple[datetime, str, bool] | None = None
    group: list[Draft] = []  # the bubbles under the current separator so far
    notes: list[Line] = []  # system notes since the last bubble
    for item in page.items:
        if isinstance(item, Separator):
            st = parse_separator(item.line.text, day or _ANY_DAY)
            if st is None:
                notes.append(item.line)
            elif day is not None:
                current = (st.at(), item.line.text, st.precise)
                group = []
            continue
        assert isinstance(item, Bubble)
        text, scores = join_lines(item.lines)
        text, scores = _simplify_unsure(text, scores)
        t, t_text, basis = None, "", "none"
        if current is not None:
            t, t_text = current[0], current[1]
            basis = "separator" if current[2] else "day"
        clock = parse_clock(item.stamp.text) if item.stamp is not None else None
        if clock is not None:
            assert item.stamp is not None
            t_text = item.stamp.text
            t, basis = (_on_day(current[0], clock), "stamp") if current else (None, "none")
        d = Draft(
            side=item.side,
            text=text,
            scores=scores,
            time=t,
            time_text=t_text,
            time_basis=basis,
            bubble=item.box,
            line_boxes=[ln.box for ln in item.lines],
            line_scores=[ln.score for ln in item.lines],
            source=source,
            sender=_name(item.name.text) if item.name is not None else "",
            clock=clock,
            notes=_joined_notes(notes),
        )
        notes = []
        d.repeat = sum(g.key == d.key for g in group)
        group.append(d)
        out.append(d)
    if notes and out:  # notes below the last bubble
        out[-1].notes_below = _joined_notes(notes)
    return out


_ANY_DAY = date(2000, 12, 31)  # (a leap year) to tell a time from a note without a day


def _on_day(day: datetime, clock: tuple[int, int]) -> datetime:
    return datetime.combine(day.date(), time(*clock))


def _name(text: str) -> str:
    return text.strip().rstrip(":：").strip()


def _joined_notes(lines: list[Line]) -> list[str]:
    """The notes' texts; a note wrapped over lines close below each other is one note."""
    out: list[str] = []
    prev: Line | None = None
    for ln in lines:
        if prev is not None and ln.box[1] - prev.box[3] < 0.6 * ln.height and out:
            out[-1] += ln.text
        else:
            out.append(ln.text)
        prev = ln
    return out


def _continued(d: Draft, last: Draft, before: list[Draft]) -> Draft:
    """``d`` (no separator above it in its picture) in the group of ``last``, counted as
    the next repeat of its text there; with a time stamp of its own, at that time of
    ``last``'s day (a new day would have brought a separator)."""
    if d.clock is not None and last.time is not None:
        d = replace(d, time=_on_day(last.time, d.clock), time_basis="stamp")
    else:
        d = replace(d, time=last.time, time_text=last.time_text, time_basis="overlap")
    d.repeat = sum(b.key == d.key for b in before)
    return d


def _simplify_unsure(text: str, scores: list[float]) -> tuple[str, list[float]]:
    """Uncertain traditional characters (減 for 减) as the simplified ones phones here show."""
    import zhconv

    chars = list(text)
    for i, ch in enumerate(chars):
        if i < len(scores) and scores[i] < 0.9 and "\u4e00" <= ch <= "\u9fff":
            chars[i] = zhconv.convert(ch, "zh-cn")[:1] or ch
    return "".join(chars), scores


# ---------------------------------------------------------------- overlaps


def same_bubble(a: Draft, b: Draft) -> bool:
    if a.side != b.side or (a.sender and b.sender and a.sender != b.sender):
        return False
    if a.time is not None and b.time is not None and a.time != b.time:
        return False
    if a.text == b.text:
        return True
    return difflib.SequenceMatcher(None, a.text, b.text, autojunk=False).ratio() >= SIMILAR


def _best_offset(acc: list[Draft], new: list[Draft]) -> tuple[int, int] | None:
    """Offset ``o`` (new[i] ~ acc[o + i]) of the longest exact run overlap, and its length."""
    best: tuple[int, int] | None = None
    for o in range(-len(new) + 1, len(acc)):
        pairs = [(o + i, i) for i in range(len(new)) if 0 <= o + i < len(acc)]
        if not pairs or not all(same_bubble(acc[j], new[i]) for j, i in pairs):
            continue
        if len(pairs) == 1 and len(new[pairs[0][1]].text) < 6:
            continue  # one short "收到" alike is no evidence of an overlap
        if best is None or len(pairs) > best[1]:
            best = (o, len(pairs))
    return best


def merge(acc: list[Draft], new: list[Draft]) -> tuple[list[Draft], list[tuple[Draft, Draft]]]:
    """Join ``new`` (one picture's bubbles) into ``acc`` (the thread so far).

    Returns the joined thread and the pairs (kept, duplicate) found in the overlap.
    """
    found = _best_offset(acc, new) if acc and new else None
    if found is None:
        return acc + new, []
    o, n = found
    pairs: list[tuple[Draft, Draft]] = []
    acc = list(acc)
    for i in range(len(new)):
        j = o + i
        if 0 <= j < len(acc):
            kept = acc[j]
            if kept.time is None and new[i].time is not None:
                kept = replace(
                    kept, time=new[i].time, time_text=new[i].time_text, time_basis=new[i].time_basis
                )
            if not kept.sender and new[i].sender:  # its name was above the first shot's top
                kept = replace(kept, sender=new[i].sender)
            acc[j] = kept
            pairs.append((kept, new[i]))
    before = new[: max(0, -o)]
    after = new[max(0, len(acc) - o) :] if o + len(new) > len(acc) else []
    if after and acc:
        last = acc[-1]
        filled: list[Draft] = []
        for d in after:
            if d.time is None and last.time is not None:
                d = _continued(d, last, acc + filled)
            elif d.time is not None:
                last = d
            filled.append(d)
        after = filled
    return before + acc + after, pairs


class Memory:
    """Recent threads read in this process (a few thousand bubbles), for folder imports."""

    def __init__(self, threads: int = 64, per_thread: int = 2000) -> None:
        self._threads: OrderedDict[tuple[str, str], list[Draft]] = OrderedDict()
        self._max_threads = threads
        self._per_thread = per_thread
        self._lock = threading.Lock()

    def join(self, key: tuple[str, str], new: list[Draft]) -> tuple[list[Draft], set[int]]:
        """``new`` with bubbles seen before replaced by their earlier reading; also the
        positions in ``new`` that were seen before."""
        with self._lock:
            acc = self._threads.pop(key, [])
            found = _best_offset(acc, new) if acc and new else None
            out, seen = list(new), set()
            if found is not None:
                o, _ = found
                for i in range(len(new)):
                    j = o + i
                    if 0 <= j < len(acc):
                        out[i] = replace(
                            acc[j],
                            source=new[i].source,
                            bubble=new[i].bubble,
                            line_boxes=new[i].line_boxes,
                            sender=acc[j].sender or new[i].sender,
                        )
                        seen.add(i)
                last = None
                for i, d in enumerate(out):
                    if i in seen:
                        last = d
                    elif (
                        d.time is None
                        and last is not None
                        and last.time is not None
                        and i > min(seen)
                    ):
                        out[i] = _continued(d, last, acc + out[:i])
                    elif d.time is not None:
                        last = d
            joined, _ = merge(acc, out)
            self._threads[key] = joined[-self._per_thread :]
            while len(self._threads) > self._max_threads:
                self._threads.popitem(last=False)
            return out, seen

    def forget(self) -> None:
        with self._lock:
            self._threads.clear()


MEMORY = Memory()
