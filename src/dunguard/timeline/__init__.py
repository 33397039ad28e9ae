"""Many messages and calls over time: lenders, escalation paths, contact patterns, and the
case findings where a pattern crosses a line (taxonomy.md §5)."""

from dunguard.timeline.contacts import Contact, attribute, is_night, normalize_number
from dunguard.timeline.patterns import ThirdPartyReport
from dunguard.timeline.summary import CaseSummary, LenderSummary, summarize

__all__ = [
    "CaseSummary",
    "Contact",
    "LenderSummary",
    "ThirdPartyReport",
    "attribute",
    "is_night",
    "normalize_number",
    "summarize",
]
