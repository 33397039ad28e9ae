"""One provision of the law base: an article (or a rule summarised from secondary sources).

A provision is data. ``verbatim`` says whether ``text`` is the official wording, copied from a
mirror of the official text, or a short Chinese summary of a rule the project only knows from
secondary sources (news, law-firm pages, a machine translation); the faces must show the
latter as "要点（非原文）". ``bindingness`` decides how a finding based on it is worded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Bindingness(StrEnum):
    """How strongly a provision binds, from the borrower's point of view."""

    LAW = "law"  # 法律 and 行政法规: courts apply them; breaching them is 违法
    JUDICIAL_INTERPRETATION = "judicial_interpretation"  # 司法解释 and joint judicial opinions
    REGULATION = "regulation"  # 部门规章 and regulatory notices: bind licensed institutions
    INDUSTRY_NORM = "industry_norm"  # 行业自律公约、指引: not binding
    STANDARD = "standard"  # recommended national standards (GB/T): not binding


class Confidence(StrEnum):
    """How well the project's material supports a provision (see facts.md)."""

    CONFIRMED = "C"  # read against a full-text copy of the instrument
    SECONDARY = "S"  # secondary sources only; wording and numbering unverified
    CONFLICTING = "X"  # sources conflict
    SELF_REGULATORY = "SR"  # a self-regulatory convention or recommended standard


BINDINGNESS_NAMES: dict[Bindingness, str] = {
    Bindingness.LAW: "法律法规",
    Bindingness.JUDICIAL_INTERPRETATION: "司法解释",
    Bindingness.REGULATION: "监管规定",
    Bindingness.INDUSTRY_NORM: "行业自律规范",
    Bindingness.STANDARD: "推荐性国家标准",
}

# What a finding resting on the provision may call the conduct.
KIND_TEXTS: dict[Bindingness, str] = {
    Bindingness.LAW: "违法",
    Bindingness.JUDICIAL_INTERPRETATION: "违法",
    Bindingness.REGULATION: "违反监管规定",
    Bindingness.INDUSTRY_NORM: "违反行业规范",
    Bindingness.STANDARD: "违反行业规范",
}

VERBATIM_HEADING = "原文"
SUMMARY_HEADING = "要点（非原文）"


@dataclass(frozen=True)
class Provision:
    """One article of an instrument, or one summarised rule.

    ``id`` is ``<short>:<article number or key>``: ``民法典:1033``, ``刑法:293之一``,
    ``治安管理处罚法(2012):42``, ``中银协催收指引:时间``. ``in_force_from`` is the day from which
    the wording given applies (``None``: not known, treated as in force); ``in_force_to`` the
    last day it applied (``None``: still in force). ``replaces`` names the provision of an
    earlier text of the same law that this one took over (renumbering).
    """

    id: str
    instrument: str  # full official name
    short: str  # the id prefix
    cite_title: str  # how a citation names the instrument, e.g. "《民法典》"
    article: str | None  # "第1033条", "全文", or None for a rule without a known number
    text: str  # paragraphs separated by "\n\n"
    in_force_from: date | None
    in_force_to: date | None
    bindingness: Bindingness
    source: str  # repository · path · commit, or the secondary sources
    confidence: Confidence
    verbatim: bool
    version: str | None = None  # the instrument's version line (adopted, amended, in force)
    topic: str | None = None  # short Chinese subject, used when there is no article number
    replaces: str | None = None
    note: str | None = None
    # What the instrument is when the bindingness class's own name would mislabel it: a joint
    # judicial policy opinion is handled like a judicial interpretation but is not one.
    kind_name: str | None = None

    def label(self) -> str:
        """Short Chinese citation: "《民法典》第1033条", "《治安管理处罚法》（2025年修订）第50条".

        Without an article number: the instrument and the topic, e.g.
        "GB/T 45251-2025《互联网金融 个人网络消费信贷 贷后催收风控指引》（催收时间）".
        """
        if self.article and self.article != "全文":
            return f"{self.cite_title}{self.article}"
        if self.article is None and self.topic:
            return f"{self.cite_title}（{self.topic}）"
        return self.cite_title

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The 款 and 项 of the text, one string each."""
        return tuple(self.text.split("\n\n"))

    @property
    def text_heading(self) -> str:
        """What the faces print above the text: "原文" or "要点（非原文）"."""
        return VERBATIM_HEADING if self.verbatim else SUMMARY_HEADING

    @property
    def binding_law(self) -> bool:
        """True for laws, 行政法规 and judicial interpretations (a breach may be called 违法)."""
        return self.bindingness in (Bindingness.LAW, Bindingness.JUDICIAL_INTERPRETATION)

    @property
    def kind_text(self) -> str:
        """How a finding may word a breach: "违法", "违反监管规定" or "违反行业规范"."""
        return KIND_TEXTS[self.bindingness]

    @property
    def bindingness_name(self) -> str:
        """Chinese name of the kind of rule: "法律法规", "司法解释", "监管规定" …"""
        return self.kind_name or BINDINGNESS_NAMES[self.bindingness]

    def is_in_force(self, on: date) -> bool:
        """Whether this wording applied on ``on`` (an unknown start counts as in force)."""
        if self.in_force_from is not None and on < self.in_force_from:
            return False
        return self.in_force_to is None or on <= self.in_force_to


def is_binding_law(provision: Provision) -> bool:
    """True when a finding resting on ``provision`` may say "违法" (law or judicial interpretation)."""
    return provision.binding_law
