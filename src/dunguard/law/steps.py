"""Next steps for a borrower, from how far collection has gone, the tactics seen and the lender.

from dunguard.law.steps import next_steps
for step in next_steps("visit", ["third_party"], "online_lender", on=date(2026, 3, 1)):
    step.text, step.law, step.urgent

The steps are data (``steps`` in ``data/guidance.yaml``), in the order shown: urgent safety
steps first, then evidence, verification, complaints and negotiation. A step applies when each
of its ``when`` lists (stages, tactics, kinds) holds the case's value; a step without ``when``
always applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from dunguard.errors import UsageError
from dunguard.law.guidance import FINDINGS, STAGES, TACTICS, LenderKind, Statement, load_guidance


@dataclass(frozen=True)
class Step:
    """One thing the borrower can do: Chinese text, the provision ids it rests on (resolved for
    the date asked), whether it is urgent (safety), its confidence and whether it is the tool's
    own advice (``analysis``) rather than a provision's words."""

    id: str
    text: str
    law: tuple[str, ...]
    urgent: bool
    statement: Statement

    def to_json(self) -> dict[str, Any]:
        return {**self.statement.to_json(), "urgent": self.urgent}


def next_steps(
    stage: str | None,
    tactics: Iterable[str] = (),
    lender_kind: LenderKind | str | None = None,
    *,
    on: date | None = None,
    findings: Iterable[str] = (),
) -> list[Step]:
    """Steps for a case at ``stage`` (``visit``/``legal``/``warning``/``reminder`` or ``None``)
    with ``tactics`` (taxonomy values) from a lender of ``lender_kind`` (a :class:`LenderKind`,
    its value, or a lender-lexicon kind such as ``microlender``; ``None`` if unknown), citing the
    provisions in force on ``on`` (default today). ``Stage``/``Tactic`` enums work as values.
    ``findings`` are the kinds of the case findings on this lender (taxonomy.md §5): a step
    whose ``when`` names findings applies when one of them is present.
    """
    stage_key = "none" if stage is None else str(getattr(stage, "value", stage))
    if stage_key not in STAGES:
        raise UsageError(f"不认识的催收阶段“{stage_key}”，可选：{'、'.join(STAGES)}")
    seen = {str(getattr(t, "value", t)) for t in tactics}
    if bad := seen - set(TACTICS):
        raise UsageError(f"不认识的催收手段：{'、'.join(sorted(bad))}")
    found = set(findings)
    if bad := found - set(FINDINGS):
        raise UsageError(f"不认识的案件发现：{'、'.join(sorted(bad))}")
    kind_key = "unknown" if lender_kind is None else LenderKind.parse(lender_kind).value
    on = on or date.today()
    out: list[Step] = []
    for entry in load_guidance().steps:
        when = entry.extra.get("when") or {}
        if "stages" in when and stage_key not in when["stages"]:
            continue
        if "tactics" in when and not seen & set(when["tactics"]):
            continue
        if "findings" in when and not found & set(when["findings"]):
            continue
        if "kinds" in when and kind_key not in when["kinds"]:
            continue
        s = entry.resolve(on)
        if s is not None:
            out.append(Step(s.id, s.text, s.law, bool(entry.extra.get("urgent")), s))
    # urgent first; otherwise data order (stable sort)
    out.sort(key=lambda st: not st.urgent)
    return out
