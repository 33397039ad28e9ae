"""Guidance as data: rights, outlook statements and next steps, each resting on provision ids.

``data/guidance.yaml`` holds every sentence the guidance shows a borrower, each with the ids of
the provisions it rests on. Loading validates it against the law base: an unknown id, key,
topic or lender kind fails with the file and the entry's id, and so does wording the cited
provisions cannot carry (see :func:`wording_problems`). The logic that picks and fills the
sentences lives in ``rights.py``, ``outlook.py`` and ``steps.py``.

Dates matter: a sentence cites the provisions in force on the day it speaks about, so
``治安管理处罚法:50`` becomes the 2012 art. 42 for a day before 2026-01-01 (see
:meth:`LawBase.in_force`), and a provision not yet in force on that day is left out.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from importlib import resources
from typing import Any

import yaml

from dunguard.errors import LawBaseError, UsageError
from dunguard.law.base import LawBase, load
from dunguard.law.provision import Bindingness, Confidence, Provision
from dunguard.yamlload import strict

GUIDANCE_FILE = "guidance.yaml"
_Loader = strict()


class LenderKind(StrEnum):
    """Who lent the money; decides which rules apply to the debt."""

    BANK_CARD = "bank_card"  # a bank credit card
    BANK_LOAN = "bank_loan"  # a bank's personal or consumer loan
    CONSUMER_FINANCE = "consumer_finance"  # a licensed 消费金融公司
    ONLINE_LENDER = "online_lender"  # a licensed online lender or 小额贷款公司
    PRIVATE = "private"  # a person or an unlicensed lender (民间借贷)

    @classmethod
    def parse(cls, value: LenderKind | str) -> LenderKind:
        """A kind from its value, its Chinese name, or a lender-lexicon kind.

        The lexicon (``text/lexicon/lenders.yaml``) also knows ``microlender`` and ``platform``;
        both lend under a licence and are treated as ``online_lender``.
        """
        if isinstance(value, LenderKind):
            return value
        key = str(value).strip()
        if key in _KIND_ALIASES:
            return _KIND_ALIASES[key]
        for kind in cls:
            if key in (kind.value, LENDER_KIND_ZH[kind]):
                return kind
        names = "、".join(k.value for k in cls)
        raise UsageError(f"不认识的出借方类型“{key}”，可选：{names}")


LENDER_KIND_ZH: dict[LenderKind, str] = {
    LenderKind.BANK_CARD: "银行信用卡",
    LenderKind.BANK_LOAN: "银行贷款",
    LenderKind.CONSUMER_FINANCE: "消费金融公司借款",
    LenderKind.ONLINE_LENDER: "持牌网贷",
    LenderKind.PRIVATE: "私人借款",
}
_KIND_ALIASES = {"microlender": LenderKind.ONLINE_LENDER, "platform": LenderKind.ONLINE_LENDER}

CONFIDENCE_ZH: dict[Confidence, str] = {
    Confidence.CONFIRMED: "已核对原文",
    Confidence.SECONDARY: "二手资料，原文未核对",
    Confidence.CONFLICTING: "资料互相矛盾",
    Confidence.SELF_REGULATORY: "行业自律规范",
}
# Lower is surer. A statement is no surer than the least sure provision it rests on.
_CONFIDENCE_RANK = {
    Confidence.CONFIRMED: 0,
    Confidence.SECONDARY: 1,
    Confidence.SELF_REGULATORY: 1,
    Confidence.CONFLICTING: 2,
}
_STRENGTH_RANK = {
    Bindingness.LAW: 0,
    Bindingness.JUDICIAL_INTERPRETATION: 0,
    Bindingness.REGULATION: 1,
    Bindingness.INDUSTRY_NORM: 2,
    Bindingness.STANDARD: 2,
}
ANALYSIS_NOTE = "本工具根据条文作出的理解和建议，不是条文原话"

# Words that claim more than a tool reading messages can know (cf. tests/text overclaim scan).
OVERCLAIM_WORDS = (
    "证明", "一定违法", "必然", "肯定", "构成犯罪", "已经违法", "已违法", "绝对", "保证",
    "一定会", "百分之百", "铁定", "必定", "必须坐牢", "一定坐牢",
)  # fmt: skip
# Words that call conduct unlawful or criminal: only binding law (laws, 行政法规, 司法解释) may.
LEGAL_WORDS = ("违法", "犯罪", "罪", "非法")
# Negations that use a legal word to say what something is not.
_NEGATED = ("不等于违法", "不是违法", "不违法", "不是犯罪", "不等于犯罪")


def wording_problems(text: str, provisions: Iterable[Provision]) -> list[str]:
    """What in ``text`` the cited provisions cannot carry (empty list: the wording is fine).

    - no overclaiming words at all;
    - "违法", "犯罪", "罪", "非法" only when at least one cited provision is binding law;
    - a sentence resting only on industry norms or GB/T standards must name them
      ("行业规范"), so that the reader never takes a norm for the law.
    """
    provs = list(provisions)
    problems = [f"用词过度：“{w}”" for w in OVERCLAIM_WORDS if w in text]
    if not provs:
        return [*problems, "没有引用任何条文"]
    scrubbed = text
    for phrase in _NEGATED:
        scrubbed = scrubbed.replace(phrase, "")
    if not any(p.binding_law for p in provs):
        problems += [f"依据中没有法律或司法解释，却用了“{w}”" for w in LEGAL_WORDS if w in scrubbed]
    soft = (Bindingness.INDUSTRY_NORM, Bindingness.STANDARD)
    if all(p.bindingness in soft for p in provs) and "行业规范" not in text:
        problems.append("只以行业规范为依据，文字必须写明“行业规范”")
    return problems


@dataclass(frozen=True)
class Statement:
    """One sentence shown to the borrower, with the provisions it rests on.

    ``law`` holds the ids resolved for the day the statement speaks about; ``confidence`` is
    the weakest confidence among them (or lower, where the data says so); ``analysis`` marks
    the tool's own reading or advice rather than what a provision says.
    """

    id: str
    text: str
    law: tuple[str, ...]
    confidence: Confidence
    analysis: bool = False
    section: str | None = None

    def provisions(self, base: LawBase | None = None) -> list[Provision]:
        base = base or load()
        return [base.get(i) for i in self.law]

    @property
    def kind_text(self) -> str:
        """How a breach of what this statement describes may be called: the strongest provision's
        wording ("违法", "违反监管规定" or "违反行业规范")."""
        provs = self.provisions()
        return min(provs, key=lambda p: _STRENGTH_RANK[p.bindingness]).kind_text

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "law": list(self.law),
            "confidence": self.confidence.value,
            "confidence_text": CONFIDENCE_ZH[self.confidence],
            "analysis": self.analysis,
        }
        if self.section is not None:
            out["section"] = self.section
        return out


@dataclass(frozen=True)
class Entry:
    """One sentence of guidance.yaml before it is resolved for a date."""

    id: str
    text: str
    law: tuple[str, ...]
    analysis: bool = False
    confidence: Confidence | None = None  # a cap: never surer than this
    follow_renumbering: bool = True  # False: cite exactly these texts, drop them out of force
    extra: Mapping[str, Any] = field(default_factory=dict)  # topic, section, kinds, when …

    def resolve(self, on: date, base: LawBase | None = None, **values: Any) -> Statement | None:
        """The statement for conduct on ``on`` (placeholders filled from ``values``).

        ``None`` when none of the provisions was in force on ``on``.
        """
        base = base or load()
        law = resolve_ids(self.law, on, base, follow_renumbering=self.follow_renumbering)
        if not law:
            return None
        provs = [base.get(i) for i in law]
        cap = [] if self.confidence is None else [self.confidence]
        conf = weakest([p.confidence for p in provs] + cap)
        text = self.text.format(**values) if values else self.text
        section = self.extra.get("section")
        return Statement(self.id, text, law, conf, self.analysis, section)


def resolve_ids(
    ids: Iterable[str], on: date, base: LawBase, *, follow_renumbering: bool = True
) -> tuple[str, ...]:
    """The ids to cite for conduct on ``on``: renumbered across revisions, in force, unique."""
    out: list[str] = []
    for pid in ids:
        p = base.in_force(pid, on) if follow_renumbering else base.get(pid)
        if p.is_in_force(on) and p.id not in out:
            out.append(p.id)
    return tuple(out)


def provision_json(p: Provision, base: LawBase | None = None) -> dict[str, Any]:
    """A provision as the guidance JSON shows it (label, kind, confidence and text)."""
    base = base or load()
    out = {
        "id": p.id,
        "label": p.label(),
        "bindingness": p.bindingness.value,
        "bindingness_name": p.bindingness_name,
        "kind_text": p.kind_text,
        "confidence": p.confidence.value,
        "confidence_text": CONFIDENCE_ZH[p.confidence],
        "verbatim": p.verbatim,
        "text_heading": p.text_heading,
        "text": p.text,
    }
    if p.replaces:
        out["replaces"] = {"id": p.replaces, "label": base.get(p.replaces).label()}
    return out


def provisions_json(statements: Iterable[Statement]) -> dict[str, dict[str, Any]]:
    """Every provision the statements cite, by id, in first-cited order."""
    base = load()
    out: dict[str, dict[str, Any]] = {}
    for s in statements:
        for pid in s.law:
            if pid not in out:
                out[pid] = provision_json(base.get(pid), base)
    return out


# ── loading and validation ───────────────────────────────────────────────────────────────────

TOPICS = ("visit", "calls", "third_party", "credit", "legal")
SECTIONS = ("can", "cannot", "you", "prepare", "police", "record")
STAGES = ("visit", "legal", "warning", "reminder", "none")
TACTICS = (
    "third_party", "public_exposure", "insult", "threat", "false_criminal", "impersonation",
    "excessive_fees", "pay_to_personal", "suspicious_link",
)  # fmt: skip
_ENTRY_KEYS = {"id", "text", "law", "analysis", "confidence", "follow_renumbering"}
_RIGHT_KEYS = _ENTRY_KEYS | {"topic", "section", "kinds"}
_STEP_KEYS = _ENTRY_KEYS | {"when", "urgent"}
_WHEN_KEYS = {"stages", "tactics", "kinds", "findings"}
# The case findings of the timeline (taxonomy.md §5) a step may be triggered by.
FINDINGS = ("night_contact", "call_attempts", "connected_calls", "many_numbers", "third_party_contact")


@dataclass(frozen=True)
class Guidance:
    """The loaded guidance data."""

    topics: Mapping[str, Mapping[str, str]]  # topic → {title, intro}
    sections: Mapping[str, str]  # section → heading
    rights: tuple[Entry, ...]
    outlook: Mapping[str, Entry]
    steps: tuple[Entry, ...]

    def all_entries(self) -> tuple[Entry, ...]:
        return (*self.rights, *self.outlook.values(), *self.steps)


@functools.cache
def load_guidance() -> Guidance:
    """The packaged guidance, validated against the packaged law base (once per process)."""
    text = (resources.files("dunguard.law") / "data" / GUIDANCE_FILE).read_text(encoding="utf-8")
    return parse_guidance(text, load())


def parse_guidance(text: str, base: LawBase, *, file: str = GUIDANCE_FILE) -> Guidance:
    """Parse and validate guidance YAML; :class:`LawBaseError` names the file and entry id."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise LawBaseError(f"无法读取指引数据：{exc}", file=file) from exc
    if not isinstance(data, Mapping):
        raise LawBaseError("指引数据应为映射", file=file)
    unknown = set(data) - {"version", "topics", "sections", "rights", "outlook", "steps"}
    if unknown:
        raise LawBaseError(f"未知字段 {', '.join(sorted(unknown))}", file=file)
    topics = data.get("topics") or {}
    sections = data.get("sections") or {}
    if set(topics) != set(TOPICS) or set(sections) != set(SECTIONS):
        raise LawBaseError("topics 或 sections 与代码中的列表不一致", file=file)
    seen: set[str] = set()

    def entry(record: Any, keys: set[str], where: str) -> Entry:
        if not isinstance(record, Mapping):
            raise LawBaseError("条目不是映射", file=file, place=where)
        eid = record.get("id", where)
        if eid in seen:
            raise LawBaseError(f"条目编号重复：{eid}", file=file, place=eid)
        seen.add(eid)

        def fail(problem: str) -> LawBaseError:
            return LawBaseError(f"指引条目 {eid}：{problem}", file=file, place=eid)

        if extra := set(record) - keys:
            raise fail(f"未知字段 {', '.join(sorted(extra))}")
        body, law = record.get("text"), record.get("law")
        if not isinstance(body, str) or not body.strip():
            raise fail("缺少 text")
        if not isinstance(law, list) or not law:
            raise fail("缺少 law（至少引用一条条文）")
        for pid in law:
            if pid not in base:
                raise fail(f"引用的条文 {pid} 不在法律条文库中")
        provs = [base.get(pid) for pid in law]
        if problems := wording_problems(body, provs):
            raise fail("；".join(problems))
        conf = record.get("confidence")
        try:
            conf = None if conf is None else Confidence(conf)
        except ValueError:
            raise fail(f"未知的可信度标记 {conf!r}") from None
        rest = {k: v for k, v in record.items() if k not in _ENTRY_KEYS}
        check_extra(rest, fail)
        return Entry(
            id=eid, text=body, law=tuple(law), analysis=bool(record.get("analysis", False)),
            confidence=conf, follow_renumbering=bool(record.get("follow_renumbering", True)),
            extra=rest,
        )  # fmt: skip

    rights = tuple(
        entry(r, _RIGHT_KEYS, f"rights 第{i}条") for i, r in enumerate(data.get("rights") or [], 1)
    )
    outlook = {}
    for key, r in (data.get("outlook") or {}).items():
        outlook[key] = entry({"id": key, **r} if isinstance(r, Mapping) else r, _ENTRY_KEYS, key)
    steps = tuple(
        entry(r, _STEP_KEYS, f"steps 第{i}条") for i, r in enumerate(data.get("steps") or [], 1)
    )
    for r in rights:
        if r.extra.get("topic") not in TOPICS or r.extra.get("section") not in SECTIONS:
            raise LawBaseError(f"指引条目 {r.id}：topic 或 section 无效", file=file, place=r.id)
    return Guidance(topics, sections, rights, outlook, steps)


def check_extra(rest: Mapping[str, Any], fail: Any) -> None:
    """Validate the kind, stage and tactic names an entry filters on."""
    kinds = list(rest.get("kinds") or [])
    when = rest.get("when")
    if when is not None:
        if not isinstance(when, Mapping) or set(when) - _WHEN_KEYS:
            raise fail(f"when 只能含 {', '.join(sorted(_WHEN_KEYS))}")
        kinds += list(when.get("kinds") or [])
        if bad := set(when.get("stages") or []) - set(STAGES):
            raise fail(f"未知的阶段 {', '.join(sorted(bad))}")
        if bad := set(when.get("tactics") or []) - set(TACTICS):
            raise fail(f"未知的手段 {', '.join(sorted(bad))}")
        if bad := set(when.get("findings") or []) - set(FINDINGS):
            raise fail(f"未知的案件发现 {', '.join(sorted(bad))}")
    if bad := set(kinds) - {k.value for k in LenderKind} - {"unknown"}:
        raise fail(f"未知的出借方类型 {', '.join(sorted(bad))}")


# ── shared formatting ────────────────────────────────────────────────────────────────────────


def zh_date(d: date) -> str:
    """2026年3月5日."""
    return f"{d.year}年{d.month}月{d.day}日"


def weakest(confidences: Iterable[Confidence]) -> Confidence:
    return max(confidences, key=_CONFIDENCE_RANK.__getitem__)
