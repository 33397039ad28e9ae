"""The law base: every provision the project may cite, loaded from packaged YAML and validated.

The base is closed-world: a rule pack, finding, letter or report cites provisions only by their
id here. ``statutes.yaml`` is generated from the verbatim statute sheet by
``scripts/build_law_base.py``; ``summaries.yaml`` holds the hand-written summaries of rules with
no verbatim text (``verbatim: false``).
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from dunguard.errors import LawBaseError
from dunguard.law.provision import Bindingness, Confidence, Provision
from dunguard.yamlload import strict

DATA_FILES = ("statutes.yaml", "summaries.yaml")

_REQUIRED = frozenset(
    {
        "id", "instrument", "short", "cite_title", "article", "text", "in_force_from",
        "in_force_to", "bindingness", "source", "confidence", "verbatim",
    }
)  # fmt: skip
_OPTIONAL = frozenset({"version", "topic", "replaces", "note", "kind_name"})
_Loader = strict()


class LawBase:
    """All provisions, by id. Build it with :func:`load`; it never changes afterwards."""

    def __init__(self, provisions: Iterable[Provision]):
        self._by_id: dict[str, Provision] = {}
        for p in provisions:
            if p.id in self._by_id:
                raise LawBaseError(f"法律条文库中条文编号重复：{p.id}", place=p.id)
            self._by_id[p.id] = p
        self._successor: dict[str, str] = {}
        for p in self._by_id.values():
            if p.replaces is not None:
                self._link(p)
        # the days on which some provision's in-force state changes: its first day, and the day
        # after its last (see ``era``)
        edges = {p.in_force_from for p in self._by_id.values() if p.in_force_from is not None}
        edges |= {p.in_force_to + timedelta(days=1) for p in self._by_id.values()
                  if p.in_force_to is not None}
        self._edges = sorted(edges)

    def _link(self, p: Provision) -> None:
        old = self._by_id.get(p.replaces or "")
        if old is None:
            raise LawBaseError(f"条文 {p.id} 所取代的条文 {p.replaces} 不在条文库中", place=p.id)
        if old.id in self._successor:
            raise LawBaseError(f"条文 {old.id} 被多个条文取代（{p.id} 等）", place=p.id)
        if old.in_force_to is None or p.in_force_from is None or old.in_force_to >= p.in_force_from:
            raise LawBaseError(f"条文 {p.id} 取代 {old.id}，但两者的施行期间衔接不上", place=p.id)
        self._successor[old.id] = p.id

    def get(self, provision_id: str) -> Provision:
        """The provision with this id; :class:`LawBaseError` naming the id if there is none."""
        try:
            return self._by_id[provision_id]
        except KeyError:
            raise LawBaseError(
                f"法律条文库中没有条文 {provision_id}", place=str(provision_id)
            ) from None

    def __contains__(self, provision_id: object) -> bool:
        return provision_id in self._by_id

    def __iter__(self) -> Iterator[Provision]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def ids(self) -> tuple[str, ...]:
        """All ids, in data order (statutes first, then summaries)."""
        return tuple(self._by_id)

    def all(self) -> tuple[Provision, ...]:
        return tuple(self._by_id.values())

    def in_force(self, provision_id: str, on: date) -> Provision:
        """The provision to cite for conduct on ``on``, following renumbering across revisions.

        An id of the 2025 治安管理处罚法 asked for a date before 2026-01-01 gives the 2012
        article it replaced (``治安管理处罚法:50`` → ``治安管理处罚法(2012):42``), and an id of the
        2012 text asked for a later date gives its 2025 successor. When no provision of that
        chain was in force on ``on`` (e.g. ``治安管理处罚法:56``, new in 2025, for a 2025 date,
        or a 2026 guideline for a 2025 contact), the nearest one is returned as it is: callers
        must check ``result.is_in_force(on)`` before saying it applied.
        """
        p = self.get(provision_id)
        for _ in range(len(self._by_id)):  # dates move one way, so this ends; bound it anyway
            if p.is_in_force(on):
                return p
            if p.in_force_from is not None and on < p.in_force_from and p.replaces:
                p = self._by_id[p.replaces]
            elif p.in_force_to is not None and on > p.in_force_to and p.id in self._successor:
                p = self._by_id[self._successor[p.id]]
            else:
                return p
        return p

    def era(self, on: date) -> int:
        """Which stretch between the base's in-force dates ``on`` falls in. Every comparison
        ``in_force`` and ``applies_on`` make is of ``on`` with a provision's first day or the
        day after its last, so two days of one era get the same answer for every id: callers
        may keep an answer per era instead of per day."""
        return bisect_right(self._edges, on)

    def applies_on(self, provision_id: str, on: date) -> str | None:
        """The id of the provision of ``provision_id``'s chain in force on ``on`` (see
        ``in_force``), or ``None`` when none of the chain was in force that day."""
        p = self.in_force(provision_id, on)
        return p.id if p.is_in_force(on) else None

    def successor(self, provision_id: str) -> Provision | None:
        """The provision of a later text that took over ``provision_id``, if any."""
        nxt = self._successor.get(self.get(provision_id).id)
        return None if nxt is None else self._by_id[nxt]


@functools.cache
def load() -> LawBase:
    """The packaged law base (loaded and validated once per process)."""
    folder = resources.files("dunguard.law") / "data"
    return load_files(folder / name for name in DATA_FILES)


def load_files(paths: Iterable[Path | Traversable]) -> LawBase:
    """Load and validate provisions from YAML files (each ``{provisions: [...]}``)."""
    provisions: list[Provision] = []
    names: list[str] = []
    for path in paths:
        name = getattr(path, "name", str(path))
        names.append(name)
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except (OSError, yaml.YAMLError) as exc:
            raise LawBaseError(f"无法读取法律条文库数据：{exc}", file=name) from exc
        if not isinstance(data, Mapping) or not isinstance(data.get("provisions"), list):
            raise LawBaseError("法律条文库数据缺少 provisions 列表", file=name)
        for index, record in enumerate(data["provisions"], start=1):
            provisions.append(parse_record(record, file=name, index=index))
    try:
        return LawBase(provisions)
    except LawBaseError as exc:
        raise LawBaseError(exc.message, file=", ".join(names), place=exc.place) from exc


def parse_record(record: Any, *, file: str, index: int) -> Provision:
    """One YAML mapping → :class:`Provision`; :class:`LawBaseError` names the id on any problem."""
    if not isinstance(record, Mapping):
        raise LawBaseError(f"第{index}条记录不是映射", file=file, place=f"第{index}条记录")
    pid = record.get("id")
    where = str(pid) if isinstance(pid, str) and pid else f"第{index}条记录"

    def fail(problem: str) -> LawBaseError:
        return LawBaseError(f"条文 {where}：{problem}", file=file, place=where)

    keys = set(record)
    if missing := _REQUIRED - keys:
        raise fail(f"缺少字段 {', '.join(sorted(missing))}")
    if unknown := keys - _REQUIRED - _OPTIONAL:
        raise fail(f"未知字段 {', '.join(sorted(unknown))}")

    def text_field(key: str, *, optional: bool = False) -> str | None:
        value = record.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise fail(f"字段 {key} 必须是非空文本")
        return value

    def date_field(key: str) -> date | None:
        value = record.get(key)
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise fail(f"字段 {key} 不是有效日期：{value!r}") from None

    pid = text_field("id")
    short = text_field("short")
    if not pid.startswith(f"{short}:") or pid == f"{short}:":
        raise fail(f"编号应为“{short}:条文号”的形式")
    try:
        bindingness = Bindingness(record["bindingness"])
    except ValueError:
        raise fail(f"未知的效力类别 {record['bindingness']!r}") from None
    try:
        confidence = Confidence(record["confidence"])
    except ValueError:
        raise fail(f"未知的可信度标记 {record['confidence']!r}") from None
    if not isinstance(record["verbatim"], bool):
        raise fail("字段 verbatim 必须是 true 或 false")
    start, end = date_field("in_force_from"), date_field("in_force_to")
    if start is not None and end is not None and end < start:
        raise fail("施行终止日期早于起始日期")
    article = text_field("article", optional=True)
    topic = text_field("topic", optional=True)
    if article is None and topic is None:
        raise fail("没有条文号的条目必须有 topic")
    if record["verbatim"] and confidence is not Confidence.CONFIRMED:
        raise fail("原文条目的可信度必须是 C")
    return Provision(
        id=pid,
        instrument=text_field("instrument"),
        short=short,
        cite_title=text_field("cite_title"),
        article=article,
        text=text_field("text"),
        in_force_from=start,
        in_force_to=end,
        bindingness=bindingness,
        source=text_field("source"),
        confidence=confidence,
        verbatim=record["verbatim"],
        version=text_field("version", optional=True),
        topic=topic,
        replaces=text_field("replaces", optional=True),
        note=text_field("note", optional=True),
        kind_name=text_field("kind_name", optional=True),
    )
