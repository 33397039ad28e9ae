"""The ``messages`` table of one partition, built column by column as messages are analysed.

Each analysed message adds its taxonomy §4 fields (what ``dunguard analyze --format jsonl``
prints) to flat Python lists — list columns as values plus offsets — and ``table`` turns
them into one Arrow table. Nothing is kept per message but those values, so a partition
costs little memory, and no per-row dicts or pandas frames are built. With de-identification
on, the text is rewritten once and every quote is cut from the rewritten text at its moved
span.
"""

from __future__ import annotations

import pyarrow as pa

from dunguard.bulk.deidentify import Deidentifier, SpanMap, apply
from dunguard.model import Analysis, Category, Severity, Stage

SEVERITIES = ("info", "low", "medium", "high")
_RANK = {Severity(s): i for i, s in enumerate(SEVERITIES)}
_SEVERITY = {Severity(s): s for s in SEVERITIES}
_CATEGORY = {c: c.value for c in Category}
_STAGE = {s: s.value for s in Stage}
_PERSON_PHONE_KINDS = frozenset({"mobile", "landline", "unknown"})

_STR = pa.string()
_LIST_STR = pa.list_(pa.string())
FINDING_TYPE = pa.struct([
    ("rule", _STR), ("label", _STR), ("span", pa.list_(pa.int32())), ("quote", _STR),
    ("severity", _STR), ("law", _LIST_STR),
    # a wording model's finding (rule id ``*.wording``), not a rule's: "statistical": true in
    # the jsonl contract
    ("statistical", pa.bool_()),
])
ENTITIES_TYPE = pa.struct([
    ("lender", _LIST_STR), ("amounts", pa.list_(pa.float64())),
    ("overdue_days", pa.list_(pa.int64())), ("deadlines", _LIST_STR), ("phones", _LIST_STR),
    ("phone_kinds", pa.map_(_STR, _STR)), ("urls", _LIST_STR), ("url_kinds", pa.map_(_STR, _STR)),
    ("accounts", _LIST_STR),
])
MESSAGE_SCHEMA = pa.schema([
    ("case", _STR), ("id", _STR), ("source", _STR), ("row", pa.int64()),
    ("sender", _STR), ("recipient", _STR), ("time", pa.timestamp("ms", tz="Asia/Shanghai")),
    ("month", _STR), ("direction", _STR), ("lender", _STR), ("agency", _STR),
    ("collector", _STR), ("text", _STR), ("category", _STR), ("stage", _STR),
    ("tactics", _LIST_STR), ("rules", _LIST_STR), ("quotes", _LIST_STR), ("law", _LIST_STR),
    ("severity", _STR), ("findings", pa.list_(FINDING_TYPE)), ("entities", ENTITIES_TYPE),
])
_ENTITY_FIELDS = ("lender", "amounts", "overdue_days", "deadlines", "phones", "phone_kinds",
                  "urls", "url_kinds", "accounts")


def _offsets(values: list[int]) -> pa.Array:
    return pa.array(values, pa.int32())


class MessageTable:
    """The per-message columns that come from the analysis (the input's own columns —
    case, id, sender … — are added by :meth:`table`)."""

    def __init__(self, deid: Deidentifier):
        self.deid = deid
        self.on = deid.enabled
        self.texts: list[str] = []
        self.categories: list[str] = []
        self.stages: list[str | None] = []
        self.severity: list[str | None] = []
        self.lender_entity: list[str | None] = []
        # findings: one struct per finding, offsets per message
        self.f_off = [0]
        self.f_rule: list[str] = []
        self.f_label: list[str] = []
        self.f_start: list[int] = []
        self.f_end: list[int] = []
        self.f_quote: list[str] = []
        self.f_severity: list[str] = []
        self.f_law: list[str] = []
        self.f_law_off = [0]
        self.f_statistical: list[bool] = []
        self.tactics: list[str] = []
        self.tactics_off = [0]
        self.law: list[str] = []
        self.law_off = [0]
        # entities: (message, values, length) only where a field has values; offsets are
        # made from the lengths
        self.ent: dict[str, tuple[list[int], list, list[int]]] = {
            k: ([], [], []) for k in _ENTITY_FIELDS}

    def add(self, a: Analysis, text: str, names: list[str]) -> tuple[list[str], list | None]:
        """One analysed message; returns its tactic values and, when it has any, its
        third-party rule findings (not a wording model's) as ``[quote, [law ids]]`` (quotes
        as written to the table)."""
        e = a.entities
        reps = None
        if self.on:
            phones = [p.span for p in e.phones if p.kind in _PERSON_PHONE_KINDS] if e.phones else ()
            reps = self.deid.replacements(text, names, phones, e.accounts)
        if reps:
            new_text = apply(text, reps)
            spans = SpanMap(reps)
        else:
            new_text, spans = text, None
        self.texts.append(new_text)
        self.categories.append(_CATEGORY[a.category])
        self.stages.append(_STAGE[a.stage] if a.stage is not None else None)
        self.lender_entity.append(e.lender[0] if e.lender else None)
        tp = None
        fs = a.findings
        if fs:
            top = -1
            quotes = self.f_quote
            law_values, law_off = self.f_law, self.f_law_off
            for fd in fs:
                s, t = fd.span
                quote = fd.quote
                if spans is not None:
                    if text[s:t] == quote:
                        s, t = spans.start(s), spans.end(t)
                        quote = new_text[s:t]
                    else:  # the engine cut or cleaned the text: rewrite the quote alone
                        quote = self.deid.text(quote, names)
                sev = fd.severity
                rank = _RANK[sev]
                if rank > top:
                    top = rank
                self.f_rule.append(fd.rule)
                self.f_label.append(fd.label)
                self.f_start.append(s)
                self.f_end.append(t)
                quotes.append(quote)
                self.f_severity.append(_SEVERITY[sev])
                law_values.extend(fd.law)
                law_off.append(len(law_values))
                self.f_statistical.append(fd.statistical)
                # the timeline's third-party case finding reads only what a rule found by
                # its words (timeline/patterns.py), never a wording model's finding
                if fd.label == "third_party" and not fd.statistical:
                    if tp is None:
                        tp = []
                    tp.append([quote, list(fd.law)])
            self.f_off.append(len(self.f_rule))
            tactic_values = [t.value for t in a.tactics]
            self.tactics.extend(tactic_values)
            self.tactics_off.append(len(self.tactics))
            if len(fs) == 1:
                self.law.extend(dict.fromkeys(fs[0].law))
            else:
                self.law.extend(dict.fromkeys(x for fd in fs for x in fd.law))
            self.law_off.append(len(self.law))
            self.severity.append(SEVERITIES[top])
        else:
            self.f_off.append(self.f_off[-1])
            self.tactics_off.append(self.tactics_off[-1])
            self.law_off.append(self.law_off[-1])
            self.severity.append(None)
            tactic_values = []
        if e.lender or e.amounts or e.overdue_days or e.deadlines or e.phones or e.urls \
                or e.accounts:
            self._entities(e, names)
        return tactic_values, tp

    def _entities(self, e, names: list[str]) -> None:
        j = len(self.texts) - 1
        put = self._put
        deid, on = self.deid, self.on
        if e.lender:
            put("lender", j, e.lender)
        if e.amounts:
            put("amounts", j, [float(x) for x in e.amounts])
        if e.overdue_days:
            put("overdue_days", j, e.overdue_days)
        if e.deadlines:
            put("deadlines", j, [d.isoformat() for d in e.deadlines])
        if e.phones:
            kinds = {p.number: p.kind for p in e.phones}  # the last kind, like to_json
            if on:
                put("phones", j, [deid.phone(p.number) for p in e.phones])
                put("phone_kinds", j, [(deid.phone(n), k) for n, k in kinds.items()])
            else:
                put("phones", j, [p.number for p in e.phones])
                put("phone_kinds", j, list(kinds.items()))
        if e.urls:
            kinds = {u.url: u.kind for u in e.urls}
            if on:
                put("urls", j, [deid.text(u.url) for u in e.urls])
                put("url_kinds", j, [(deid.text(u), k) for u, k in kinds.items()])
            else:
                put("urls", j, [u.url for u in e.urls])
                put("url_kinds", j, list(kinds.items()))
        if e.accounts:
            put("accounts", j, [deid.text(x, names, account=True) for x in e.accounts]
                if on else e.accounts)

    def _put(self, field: str, row: int, values) -> None:
        rows, flat, lengths = self.ent[field]
        rows.append(row)
        flat.extend(values)
        lengths.append(len(values))

    # ------------------------------------------------------------------ the table

    def _findings_array(self) -> tuple[pa.Array, pa.Array, pa.Array]:
        import numpy as np

        outer = _offsets(self.f_off)
        rule = pa.array(self.f_rule, _STR)
        quote = pa.array(self.f_quote, _STR)
        span = pa.ListArray.from_arrays(
            pa.array(np.arange(0, 2 * len(self.f_rule) + 1, 2, dtype=np.int32)),
            pa.array(np.column_stack([np.asarray(self.f_start, dtype=np.int32),
                                      np.asarray(self.f_end, dtype=np.int32)]).ravel()
                     if self.f_rule else np.zeros(0, dtype=np.int32)),
        )
        struct = pa.StructArray.from_arrays(
            [rule, pa.array(self.f_label, _STR), span, quote, pa.array(self.f_severity, _STR),
             pa.ListArray.from_arrays(_offsets(self.f_law_off), pa.array(self.f_law, _STR)),
             pa.array(self.f_statistical, pa.bool_())],
            fields=list(FINDING_TYPE),
        )
        return (pa.ListArray.from_arrays(outer, struct),
                pa.ListArray.from_arrays(outer, rule), pa.ListArray.from_arrays(outer, quote))

    def _entities_array(self, n: int) -> pa.Array:
        import numpy as np

        children = []
        for k, typ in zip(_ENTITY_FIELDS, ENTITIES_TYPE, strict=True):
            rows, values, lens = self.ent[k]
            lengths = np.zeros(n, dtype=np.int32)
            lengths[np.asarray(rows, dtype=np.int64)] = lens
            offsets = pa.array(np.concatenate([np.zeros(1, np.int32),
                                               np.cumsum(lengths, dtype=np.int32)]))
            if isinstance(typ.type, pa.MapType):
                keys = pa.array([x for x, _ in values], _STR)
                items = pa.array([y for _, y in values], _STR)
                children.append(pa.MapArray.from_arrays(offsets, keys, items))
            else:
                children.append(pa.ListArray.from_arrays(
                    offsets, pa.array(values, typ.type.value_type)))
        return pa.StructArray.from_arrays(children, fields=list(ENTITIES_TYPE))

    def table(self, inputs: dict[str, pa.Array | list]) -> pa.Table:
        """The whole table; ``inputs``: the input's columns of the analysed messages, in
        order (case, id, source, row, sender, recipient, time, month, direction, lender,
        agency, collector), already de-identified where they need to be."""
        n = len(self.texts)
        findings, rules, quotes = self._findings_array()
        columns = {
            **inputs, "text": pa.array(self.texts, _STR), "category": self.categories,
            "stage": self.stages,
            "tactics": pa.ListArray.from_arrays(_offsets(self.tactics_off),
                                                pa.array(self.tactics, _STR)),
            "rules": rules, "quotes": quotes,
            "law": pa.ListArray.from_arrays(_offsets(self.law_off), pa.array(self.law, _STR)),
            "severity": self.severity, "findings": findings,
            "entities": self._entities_array(n),
        }
        return pa.table({name: columns[name] for name in MESSAGE_SCHEMA.names},
                        schema=MESSAGE_SCHEMA)


def contract_of(row: dict) -> dict:
    """A ``messages`` row (as ``pyarrow`` ``to_pylist`` gives it) back in the shape of
    ``dunguard analyze --format jsonl`` (taxonomy §4)."""
    ent = row["entities"]
    return {
        "id": row["id"], "category": row["category"], "stage": row["stage"],
        "tactics": list(row["tactics"]),
        "findings": [{"rule": f["rule"], "label": f["label"], "span": list(f["span"]),
                      "quote": f["quote"], "severity": f["severity"], "law": list(f["law"]),
                      **({"statistical": True} if f.get("statistical") else {})}
                     for f in row["findings"]],
        "entities": {
            "lender": list(ent["lender"]), "amounts": list(ent["amounts"]),
            "overdue_days": list(ent["overdue_days"]), "deadlines": list(ent["deadlines"]),
            "phones": list(ent["phones"]), "phone_kinds": dict(ent["phone_kinds"]),
            "urls": list(ent["urls"]), "url_kinds": dict(ent["url_kinds"]),
            "accounts": list(ent["accounts"]),
        },
    }
