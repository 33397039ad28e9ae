"""A case as the pages read it, worked out once per state of the case.

Every page needs the same things: the messages and calls, each message's analysis, the
timeline summary and the document data (:func:`dunguard.documents.context.build`). They
are computed through the case API and the existing modules, and kept until the case's
evidence log moves on (its tree head changes with every import, tag, report or debt) or the
day changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from dunguard.case import Case, open_case
from dunguard.errors import CaseError

if TYPE_CHECKING:
    from dunguard.documents.advice import Advice
    from dunguard.documents.context import CaseDocument
    from dunguard.model import Analysis, Call, Message


class NotFound(CaseError):
    """A case, record, provision or file the URL names does not exist."""

    code = "not_found"


def open_or_404(name: str) -> Case:
    try:
        return open_case(name)
    except CaseError as e:
        raise NotFound(e.message) from None


@dataclass
class CaseData:
    name: str
    as_of: date
    doc: CaseDocument
    messages: list[Message]
    calls: list[Call]
    analyses: dict[str, Analysis]
    lender_of: dict[str, str]  # record id → lender (attributed messages and calls)
    counts: dict[str, int]
    _advice: Advice | None = field(default=None, repr=False)

    @property
    def summary(self) -> Any:
        return self.doc.summary

    @property
    def advice(self) -> Advice:
        from dunguard.documents.advice import build_advice

        if self._advice is None:
            self._advice = build_advice(self.doc)
        return self._advice

    def message(self, rid: str) -> Message | None:
        return next((m for m in self.messages if m.id == rid), None)


def _load(case: Case, today: date) -> CaseData:
    from dunguard.documents.context import build
    from dunguard.documents.finances import build_finances
    from dunguard.documents.report import add_provisions

    doc = build(case, as_of=today)
    doc.finances = build_finances(case, as_of=today)
    if doc.finances is not None:
        add_provisions(doc, doc.finances.law_ids())
    msgs, analyses = doc.all_messages, doc.analyses  # analysed once, by the document build
    lender_of = {c.record_id: c.lender for c in doc.contacts}
    return CaseData(case.name, today, doc, msgs, list(case.calls()), analyses, lender_of,
                    case.counts())  # fmt: skip


class CaseCache:
    """The last few cases' data, keyed by the case's tree head and the day."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self._items: OrderedDict[str, tuple[tuple[Any, ...], CaseData]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[str, threading.Lock] = {}

    def get(self, case: Case) -> CaseData:
        today = date.today()
        head = case.tree_head()
        key = (head.get("size"), head.get("root"), today)
        with self._lock:
            building = self._building.setdefault(case.name, threading.Lock())
        with building:  # one build per case at a time; others wait and reuse it
            with self._lock:
                hit = self._items.get(case.name)
                if hit is not None and hit[0] == key:
                    self._items.move_to_end(case.name)
                    return hit[1]
            data = _load(case, today)
            with self._lock:
                self._items[case.name] = (key, data)
                self._items.move_to_end(case.name)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return data


class CaseLocks:
    """One writer per case inside this server: parallel uploads wait their turn instead of
    failing on the case's file lock (which still guards against other programs)."""

    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def __call__(self, name: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(name, threading.Lock())
