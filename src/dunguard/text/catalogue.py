"""The rule catalogue for users (``dunguard rules``), generated from the rule packs."""

from __future__ import annotations

from dunguard.law import load
from dunguard.text.labels import CATEGORY_ZH, STAGE_ZH, TACTIC_ZH
from dunguard.text.rules import RulePack, default_pack

_ORDER = tuple(STAGE_ZH) + tuple(TACTIC_ZH) + tuple(CATEGORY_ZH)


def catalogue_json(pack: RulePack | None = None) -> dict:
    pack = pack or default_pack()
    base = load()
    groups = []
    for label in _ORDER:
        rules = [r for r in pack.rules if r.label == label]
        if not rules:
            continue
        groups.append({
            "label": label,
            "title": pack.titles.get(label, label),
            "description": pack.descriptions.get(label, ""),
            "rules": [
                {
                    "id": r.id,
                    "version": r.version,
                    "severity": r.severity.value,
                    "explain": r.explain,
                    "keywords": list(r.keywords),
                    "patterns": [p.pattern for p in r.regex],
                    # a wording model rule (likeness.py): its model and threshold
                    **({"model": r.model, "threshold": r.threshold} if r.model else {}),
                    "law": [
                        {"id": i, "label": base.get(i).label(),
                         "bindingness": base.get(i).bindingness_name,
                         "kind_text": base.get(i).kind_text}
                        for i in r.law
                    ],
                    "example": r.examples_match[0],
                }
                for r in rules
            ],
        })
    return {"pack_sha256": pack.sha256, "count": len(pack.rules), "labels": groups}


def catalogue_markdown(pack: RulePack | None = None) -> str:
    data = catalogue_json(pack)
    out = ["# dunguard 规则目录", "",
           f"规则包版本（SHA-256）：`{data['pack_sha256']}`，共 {data['count']} 条规则。", "",
           "每条规则只说明短信里出现了什么、可能涉及哪些规定，不是法律意见。", ""]
    for g in data["labels"]:
        out += [f"## {g['title']}（`{g['label']}`）", "", g["description"], ""]
        for r in g["rules"]:
            out.append(f"### `{r['id']}`（严重程度：{r['severity']}）")
            out.append("")
            out.append(r["explain"])
            out.append("")
            if "model" in r:
                out.append(f"判断方式：统计用词模型 `{r['model']}`，概率达到 {r['threshold']} 才算"
                           "（不是关键词；加 `--rules-only` 可以不用）。")
                out.append("")
            if r["law"]:
                out.append("依据：" + "；".join(f"{p['label']}（{p['bindingness']}）" for p in r["law"]))
                out.append("")
            out.append(f"示例：{r['example']}")
            out.append("")
    return "\n".join(out)
