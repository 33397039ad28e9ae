"""What collectors may and may not do, and what the borrower can do: the rights sheet.

from dunguard.law.rights import rights
sheet = rights("visit", on=date(2026, 3, 1), kind="bank_card")
for topic in sheet.topics:
    for section in topic.sections:
        section.heading, [s.text for s in section.statements]

The texts come from ``data/guidance.yaml``; each statement cites the provisions in force on
``on`` (the 2012 治安管理处罚法 before 2026-01-01, the 2025 text after; guidelines not yet
published are left out). A case report reuses the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from dunguard.errors import UsageError
from dunguard.law.guidance import (
    ANALYSIS_NOTE,
    LENDER_KIND_ZH,
    SECTIONS,
    TOPICS,
    LenderKind,
    Statement,
    load_guidance,
    provisions_json,
)

ALL = "all"


@dataclass(frozen=True)
class RightsSection:
    key: str  # can, cannot, you, prepare, police, record
    heading: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class RightsTopic:
    key: str  # visit, calls, third_party, credit, legal
    title: str
    intro: str
    sections: tuple[RightsSection, ...]

    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for sec in self.sections for s in sec.statements)


@dataclass(frozen=True)
class RightsSheet:
    on: date
    kind: LenderKind | None
    topics: tuple[RightsTopic, ...]

    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for t in self.topics for s in t.statements())

    def to_json(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "kind": None if self.kind is None else self.kind.value,
            "kind_zh": None if self.kind is None else LENDER_KIND_ZH[self.kind],
            "topics": [
                {
                    "topic": t.key,
                    "title": t.title,
                    "intro": t.intro,
                    "sections": [
                        {"section": sec.key, "heading": sec.heading,
                         "statements": [s.to_json() for s in sec.statements]}
                        for sec in t.sections
                    ],
                }
                for t in self.topics
            ],
            "provisions": provisions_json(self.statements()),
            "analysis_note": ANALYSIS_NOTE,
        }


def parse_topic(topic: str) -> tuple[str, ...]:
    """``"all"`` or one topic name → the topics to show, in their fixed order."""
    if topic == ALL:
        return TOPICS
    if topic not in TOPICS:
        raise UsageError(f"不认识的主题“{topic}”，可选：{'、'.join((*TOPICS, ALL))}")
    return (topic,)


def rights(
    topic: str = ALL, *, on: date | None = None, kind: LenderKind | str | None = None
) -> RightsSheet:
    """The rights sheet for ``topic`` (or all), citing provisions in force on ``on`` (today).

    With ``kind`` only the points for that kind of lender and the general ones are shown;
    without it, kind-specific points are shown too (their text names the kind).
    """
    on = on or date.today()
    lender = None if kind is None else LenderKind.parse(kind)
    g = load_guidance()
    out: list[RightsTopic] = []
    for key in parse_topic(topic):
        sections: list[RightsSection] = []
        for sec in SECTIONS:
            statements: list[Statement] = []
            for entry in g.rights:
                if entry.extra["topic"] != key or entry.extra["section"] != sec:
                    continue
                kinds = entry.extra.get("kinds")
                if lender is not None and kinds and lender.value not in kinds:
                    continue
                s = entry.resolve(on)
                if s is not None:
                    statements.append(s)
            if statements:
                sections.append(RightsSection(sec, g.sections[sec], tuple(statements)))
        info = g.topics[key]
        out.append(RightsTopic(key, info["title"], info["intro"], tuple(sections)))
    return RightsSheet(on, lender, tuple(out))
