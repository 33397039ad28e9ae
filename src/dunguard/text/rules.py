"""Rule packs: data files under ``text/rules/``, loaded and validated once.

One YAML file per label. A file holds ``label`` and ``rules``; every rule has an ``id``
(``<label>.<name>``), its matching data, a severity, law ids from the law base, a one-line
Chinese explanation and ``examples: {match: [...], no_match: [...]}`` that the test suite
runs. ``_sets.yaml`` holds named word sets that rules reference by ``@name``. A rule with
``model`` (and ``threshold``) fires by a wording model of ``models/`` (likeness.py) instead of
by words; the models are part of the pack and of its hash. A tactic file may say
``context_from_collection: true``: its rules' context (a debt word anywhere in the message)
may then also come from the message being collection on other evidence (engine.py). A rule with
``states_arrears: true`` ties a criminal claim to the reader's own arrears: on a scam, the
``false_criminal`` findings stand only with such a hit or a reminder (resolve.py).

Validation is strict and loud: an unknown key, a bad regex, an unknown provision id, an id
that does not start with its label or a duplicate id raise ``RulePackError`` naming the
file and the rule.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from dunguard.errors import RulePackError
from dunguard.model import Severity, Stage, Tactic
from dunguard.text.likeness import Likeness, loads
from dunguard.yamlload import strict

CATEGORY_SIGNALS = ("collection", "scam", "other")
LABELS = tuple(s.value for s in Stage) + tuple(t.value for t in Tactic) + CATEGORY_SIGNALS

_RULE_KEYS = {
    "id", "version", "keywords", "regex", "anchors", "exclude", "context", "context_window",
    "negations", "neg_after", "neg_window", "severity", "law", "explain", "examples",
    "strength", "entity", "name", "unless", "suppresses_scam", "authority_contact", "implies_stage",
    "model", "threshold", "states_arrears",
}
# a rule with ``model`` fires by the wording model (likeness.py) instead of words: it has no
# matching keys of its own, and fires only on a message that no other rule has anything for
_MODEL_LABELS = {"collection", "scam", "visit", "legal", "warning", "third_party", "public_exposure",
                 "insult", "threat", "false_criminal", "impersonation", "excessive_fees",
                 "pay_to_personal"}
_MODEL_FORBIDDEN = {"keywords", "regex", "anchors", "exclude", "context", "context_window",
                    "negations", "neg_after", "neg_window", "entity", "strength",
                    "suppresses_scam", "authority_contact", "implies_stage", "states_arrears"}
_FILE_KEYS = {"label", "title", "description", "rules", "implies_stage", "context_from_collection"}
_ENTITY_SOURCES = {"url.short", "url.download", "url.unknown"}
# a rule with ``entity`` fires on each link of its kind (engine.py): only ``neg_after`` and
# ``neg_window`` are checked there, so the matching keys would be silently ignored
_ENTITY_FORBIDDEN = {"keywords", "regex", "anchors", "exclude", "context", "context_window",
                     "negations", "unless", "model"}
_STRENGTHS = {"weak", "strong", "veto"}  # veto: an "other" rule that outweighs all collection evidence


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    label: str
    name: str
    version: int
    keywords: tuple[str, ...]
    regex: tuple[re.Pattern[str], ...]
    anchors: tuple[str, ...]
    exclude: tuple[str, ...]
    context: frozenset[str]
    context_window: int
    negations: tuple[str, ...]
    neg_after: tuple[str, ...]
    neg_window: int
    unless: frozenset[str]
    severity: Severity
    law: tuple[str, ...]
    explain: str
    strength: str
    suppresses_scam: bool
    # a scam sign only in a fake authority's voice naming no lender (resolve.py): never a
    # label of the message by itself
    authority_contact: bool
    entity: str | None
    examples_match: tuple[str, ...]
    examples_no_match: tuple[str, ...]
    file: str
    implies_stage: str | None = None  # the lowest stage a finding of this rule implies
    model: str | None = None  # the wording model this rule fires by (likeness.py)
    threshold: float = 1.0  # ... when its probability reaches this
    # its context (a debt word) may also come from the message's category: a hit whose
    # context words are missing still stands when the message is collection on other
    # evidence (matching.py, engine.py; the file's ``context_from_collection``)
    context_from_collection: bool = False
    # its hit ties a criminal claim to the reader's own arrears ("因网贷逾期涉嫌诈骗"): on a
    # scam, the false_criminal findings stand (resolve.py)
    states_arrears: bool = False


@dataclass(frozen=True, slots=True)
class RulePack:
    rules: tuple[Rule, ...]
    titles: dict[str, str] = field(default_factory=dict)  # label -> Chinese title
    descriptions: dict[str, str] = field(default_factory=dict)
    sha256: str = ""
    implies_stage: dict[str, str] = field(default_factory=dict)  # tactic -> lowest stage
    rule_implies: dict[str, str] = field(default_factory=dict)  # rule id -> lowest stage
    models: dict[str, Likeness] = field(default_factory=dict)  # name -> wording model

    def by_id(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


def _dead_chars(pattern: str) -> list[tuple[str, str]]:
    """The Chinese characters of ``pattern`` that normalization writes otherwise."""
    from dunguard.text.normalize import normalize

    out = []
    for ch in dict.fromkeys(pattern):
        if "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0002ffff":
            n = normalize(ch).text
            if n != ch:
                out.append((ch, n))
    return out


def _strs(value: Any, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise RulePackError(f"规则字段 {key} 必须是字符串列表", place=where)
    for v in value:
        if not isinstance(v, str) or not v:
            raise RulePackError(f"规则字段 {key} 含有非字符串的项 {v!r}（数字请加引号）", place=where)
    return value


def _expand(words: list[str], sets: dict[str, list[str]], where: str) -> list[str]:
    out: list[str] = []
    for w in words:
        if w.startswith("@"):
            if w[1:] not in sets:
                raise RulePackError(f"引用了不存在的词集 {w}", place=where)
            out.extend(sets[w[1:]])
        else:
            out.append(w)
    return out


def _norm_words(words: list[str]) -> tuple[str, ...]:
    """Keywords are matched against normalized text, so normalize them the same way."""
    from dunguard.text.normalize import normalize

    seen: dict[str, None] = {}
    for w in words:
        n = normalize(w).text
        if n:
            seen[n] = None
    return tuple(seen)


def _model_of(raw: dict[str, Any], label: str, where: str,
              models: dict[str, Likeness]) -> tuple[str | None, float]:
    """A model rule's model name and threshold, checked (None, 1.0 for other rules)."""
    name = raw.get("model")
    if name is None:
        if "threshold" in raw:
            raise RulePackError("threshold 只能与 model 一起使用", place=where)
        return None, 1.0
    if label not in _MODEL_LABELS:
        raise RulePackError(f"model 只能用于 {sorted(_MODEL_LABELS)} 规则", place=where)
    if not isinstance(name, str) or name not in models:
        raise RulePackError(f"引用了不存在的用词模型 {name!r}（应为 models/{name}.tsv）", place=where)
    clash = sorted(_MODEL_FORBIDDEN & set(raw))
    if clash:
        raise RulePackError(f"model 规则不能再有 {', '.join(clash)}", place=where)
    try:
        threshold = float(str(raw.get("threshold")))
    except ValueError:
        threshold = math.nan
    if not 0.5 <= threshold < 1.0:
        raise RulePackError("model 规则须给出 threshold，取值在 0.5 到 1 之间（写成字符串，如 \"0.9\"）",
                            place=where)
    return name, threshold


def _build_rule(raw: dict[str, Any], label: str, file: str, sets: dict[str, list[str]],
                law_ids: frozenset[str] | None, implied: str | None = None,
                models: dict[str, Likeness] | None = None,
                context_from_collection: bool = False) -> Rule:
    rid = raw.get("id")
    where = f"{file} 规则 {rid}"
    if not isinstance(rid, str) or not rid.startswith(label + "."):
        raise RulePackError(f"规则 id 必须以 “{label}.” 开头", place=where)
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise RulePackError(f"未知字段：{', '.join(sorted(unknown))}", place=where)
    patterns: list[re.Pattern[str]] = []
    for p in _strs(raw.get("regex"), where, "regex"):
        try:
            patterns.append(re.compile(p))
        except re.error as e:
            raise RulePackError(f"正则表达式无效：{p}（{e}）", place=where) from e
        # regexes run on normalized text: a character that normalization rewrites (嗰 → 𠮶,
        # 咗 → 了, 俾 → 给) can never match there, so it is refused with its normalized form
        if dead := _dead_chars(p):
            raise RulePackError(f"正则表达式中的字在规范化后会变成别的字，永远匹配不到："
                                f"{'、'.join(f'{a}→{b}' for a, b in dead)}（请改写为后者）", place=where)
    keywords = _norm_words(_expand(_strs(raw.get("keywords"), where, "keywords"), sets, where))
    anchors = _norm_words(_expand(_strs(raw.get("anchors"), where, "anchors"), sets, where))
    entity = raw.get("entity")
    if entity is not None and entity not in _ENTITY_SOURCES:
        raise RulePackError(f"entity 只能是 {sorted(_ENTITY_SOURCES)}", place=where)
    if entity is not None and (clash := sorted(_ENTITY_FORBIDDEN & set(raw))):
        raise RulePackError(f"entity 规则只检查 neg_after，不能再有 {', '.join(clash)}", place=where)
    model, threshold = _model_of(raw, label, where, models or {})
    if not keywords and not patterns and entity is None and model is None:
        raise RulePackError("规则没有 keywords、regex、entity 或 model", place=where)
    if patterns and not anchors:
        raise RulePackError("含 regex 的规则必须给出 anchors（预筛选用的字面词）", place=where)
    try:
        severity = Severity(raw.get("severity", "info"))
    except ValueError as e:
        raise RulePackError(f"severity 无效：{raw.get('severity')}", place=where) from e
    law = tuple(_strs(raw.get("law"), where, "law"))
    if law_ids is not None:
        missing = [lid for lid in law if lid not in law_ids]
        if missing:
            raise RulePackError(f"引用了法律库中没有的条文：{', '.join(missing)}", place=where)
    explain = raw.get("explain")
    if not isinstance(explain, str) or not explain.strip():
        raise RulePackError("缺少一句话中文解释 explain", place=where)
    ex = raw.get("examples") or {}
    if not isinstance(ex, dict) or set(ex) - {"match", "no_match"}:
        raise RulePackError("examples 只能包含 match 和 no_match", place=where)
    ex_match = tuple(_strs(ex.get("match"), where, "examples.match"))
    if not ex_match:
        raise RulePackError("至少需要一个 match 示例", place=where)
    strength = raw.get("strength", "weak")
    if strength not in _STRENGTHS:
        raise RulePackError(f"strength 只能是 {sorted(_STRENGTHS)}", place=where)
    if strength == "veto" and label != "other":
        raise RulePackError("strength: veto 只能用于 other 规则", place=where)
    # it keeps a scam's false_criminal findings: only a false_criminal rule may say so
    if "states_arrears" in raw and (raw["states_arrears"] not in (True, False)
                                    or label != "false_criminal"):
        raise RulePackError("states_arrears 只能用于 false_criminal 规则，取值为 true 或 false",
                            place=where)
    # a rule may override its file's implies_stage ("none": this rule implies no stage)
    if "implies_stage" in raw:
        own = raw["implies_stage"]
        if label not in {t.value for t in Tactic} or (
                own != "none" and own not in {s.value for s in Stage}):
            raise RulePackError("implies_stage 只能用于手段规则，取值为阶段之一或 none", place=where)
        implied = None if own == "none" else own
    context = frozenset(_norm_words(_expand(_strs(raw.get("context"), where, "context"), sets, where)))
    context_window = int(raw.get("context_window", 0))
    exclude = _norm_words(_expand(_strs(raw.get("exclude"), where, "exclude"), sets, where))
    unless = frozenset(_norm_words(_expand(_strs(raw.get("unless"), where, "unless"), sets, where)))
    # an exclude or unless word that normalization turns into one of the rule's own keywords
    # ("我的账户>" → "我的账户") would refuse every hit of that keyword
    if clash := sorted((set(exclude) | unless) & set(keywords)):
        raise RulePackError(f"exclude 或 unless 中的词（规范化之后）与本规则的 keywords 相同：{'、'.join(clash)}",
                            place=where)
    return Rule(
        id=rid,
        label=label,
        name=str(raw.get("name") or rid),
        version=int(raw.get("version", 1)),
        keywords=keywords,
        regex=tuple(patterns),
        anchors=anchors,
        exclude=exclude,
        context=context,
        context_window=context_window,
        negations=_norm_words(_expand(_strs(raw.get("negations"), where, "negations"), sets, where)),
        neg_after=_norm_words(_expand(_strs(raw.get("neg_after"), where, "neg_after"), sets, where)),
        neg_window=int(raw.get("neg_window", 8)),
        unless=unless,
        severity=severity,
        law=law,
        explain=explain.strip(),
        strength=strength,
        suppresses_scam=bool(raw.get("suppresses_scam", False)),
        authority_contact=bool(raw.get("authority_contact", False)),
        entity=entity,
        examples_match=ex_match,
        examples_no_match=tuple(_strs(ex.get("no_match"), where, "examples.no_match")),
        file=file,
        implies_stage=implied,
        model=model,
        threshold=threshold,
        # only a context looked for anywhere in the message (no window) can be stood in for
        context_from_collection=context_from_collection and bool(context) and context_window <= 0,
        states_arrears=raw.get("states_arrears", False),
    )


def _law_ids() -> frozenset[str] | None:
    try:
        from dunguard.law import load
    except ImportError:  # law base not installed: validated by the test suite instead
        return None
    return frozenset(load().ids())


_STRICT = strict()


def _yaml(text: str):
    # a key given twice is an error (yamlload.py): a second ``no_match:`` once hid a list
    return yaml.load(text, Loader=_STRICT)  # noqa: S506 (a SafeLoader subclass)


def load_pack_from_texts(texts: dict[str, str], *, check_law: bool = True) -> RulePack:
    """Build a pack from ``{file name: YAML text}`` (and ``{"models/<name>.tsv": text}`` for
    the wording models that rules name); used for the packaged rules and tests."""
    law_ids = _law_ids() if check_law else None
    models: dict[str, Likeness] = {}
    for name in sorted(texts):
        if name.startswith("models/") and name.endswith(".tsv"):
            short = name.removeprefix("models/").removesuffix(".tsv")
            try:
                models[short] = loads(texts[name], name)
            except ValueError as e:
                raise RulePackError(str(e), file=name) from e
    try:
        sets_raw = _yaml(texts.get("_sets.yaml", "") or "") or {}
    except yaml.YAMLError as e:
        raise RulePackError(f"YAML 格式错误：{e}", file="_sets.yaml") from e
    if not isinstance(sets_raw, dict):
        raise RulePackError("词集文件格式错误", file="_sets.yaml")
    sets = {k: _strs(v, f"_sets.yaml {k}", k) for k, v in sets_raw.items()}
    rules: list[Rule] = []
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    seen: set[str] = set()
    implies: dict[str, str] = {}
    for name in sorted(texts):
        if name.startswith("_") or not name.endswith(".yaml"):
            continue
        try:
            doc = _yaml(texts[name])
        except yaml.YAMLError as e:
            raise RulePackError(f"YAML 格式错误：{e}", file=name) from e
        if not isinstance(doc, dict) or set(doc) - _FILE_KEYS:
            raise RulePackError("规则文件须含 label 与 rules，且无其他字段", file=name)
        label = doc.get("label")
        if label not in LABELS:
            raise RulePackError(f"未知标签 {label}", file=name)
        titles[label] = str(doc.get("title") or label)
        implied = doc.get("implies_stage")
        if implied is not None:
            if implied not in {s.value for s in Stage} or label not in {t.value for t in Tactic}:
                raise RulePackError("implies_stage 只能用于手段标签，取值为阶段之一", file=name)
            implies[label] = implied
        descriptions[label] = str(doc.get("description") or "")
        from_collection = doc.get("context_from_collection", False)
        if not isinstance(from_collection, bool) or (
                from_collection and label not in {t.value for t in Tactic}):
            raise RulePackError("context_from_collection 只能用于手段标签，取值为 true 或 false", file=name)
        for raw in doc.get("rules") or []:
            if not isinstance(raw, dict):
                raise RulePackError("每条规则必须是一个映射", file=name)
            rule = _build_rule(raw, label, name, sets, law_ids, implied, models, from_collection)
            if rule.id in seen:
                raise RulePackError(f"规则 id 重复：{rule.id}", file=name)
            seen.add(rule.id)
            rules.append(rule)
    digest = hashlib.sha256()
    for name in sorted(texts):
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    rule_implies = {r.id: r.implies_stage for r in rules if r.implies_stage}
    return RulePack(tuple(rules), titles, descriptions, digest.hexdigest(), implies, rule_implies,
                    models)


def without_models(pack: RulePack) -> RulePack:
    """The pack without its wording model rules (``--rules-only``): the rules alone. Its hash
    differs from the full pack's, as its findings may."""
    rules = tuple(r for r in pack.rules if r.model is None)
    ids = {r.id for r in rules}
    digest = hashlib.sha256(f"{pack.sha256}\0rules-only".encode()).hexdigest()
    return RulePack(rules, pack.titles, pack.descriptions, digest, pack.implies_stage,
                    {k: v for k, v in pack.rule_implies.items() if k in ids}, {})


def packaged_texts() -> dict[str, str]:
    """The packaged rule files and wording models (``models/<name>.tsv``)."""
    root = resources.files("dunguard.text")
    texts = {p.name: p.read_text("utf-8") for p in (root / "rules").iterdir()
             if p.name.endswith(".yaml")}
    texts.update({f"models/{p.name}": p.read_text("utf-8") for p in (root / "models").iterdir()
                  if p.name.endswith(".tsv")})
    return texts


@cache
def default_pack() -> RulePack:
    return load_pack_from_texts(packaged_texts())
