"""Debt candidates pre-filled from stored message analyses: lender, amounts, overdue days.

Message analysis finds who wrote and what numbers they named; it cannot know the contract
date, the amount received or the rate, so a candidate is a starting point the user completes
(``dunguard debt add`` with the fields filled in), never a debt by itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dunguard.money.amounts import fen
from dunguard.money.debt import LenderKind

# Lexicon kinds (text/lexicon/lenders.yaml) → debt lender kinds.
_KIND_MAP = {
    "bank_card": LenderKind.BANK_CARD,
    "bank_loan": LenderKind.BANK_LOAN,
    "consumer_finance": LenderKind.CONSUMER_FINANCE,
    "online_lender": LenderKind.ONLINE_LENDER,
    "microlender": LenderKind.MICROLENDER,
    "platform": LenderKind.ONLINE_LENDER,
}
UNKNOWN_LENDER = "（未识别的出借方）"


@dataclass
class Candidate:
    lender: str
    kind: LenderKind | None
    messages: list[str] = field(default_factory=list)
    amounts: Counter[Decimal] = field(default_factory=Counter)
    overdue_days: list[int] = field(default_factory=list)

    @property
    def balance_guess(self) -> Decimal | None:
        """The amount named most often (the larger one on a tie): usually the sum demanded."""
        if not self.amounts:
            return None
        return max(self.amounts.items(), key=lambda kv: (kv[1], kv[0]))[0]

    @property
    def overdue_guess(self) -> int | None:
        return max(self.overdue_days) if self.overdue_days else None

    def to_json(self) -> dict[str, Any]:
        return {
            "lender": self.lender,
            "kind": None if self.kind is None else self.kind.value,
            "messages": self.messages,
            "amounts": [
                {"amount": str(a), "mentions": n}
                for a, n in sorted(self.amounts.items(), key=lambda kv: (-kv[1], -kv[0]))
            ],
            "balance_guess": None if self.balance_guess is None else str(self.balance_guess),
            "overdue_days": self.overdue_guess,
            "debt_fields": self.debt_fields(),
        }

    def debt_fields(self) -> dict[str, Any]:
        """What can be pre-filled for ``Debt.create`` (the rest is up to the user)."""
        out: dict[str, Any] = {"lender": self.lender, "sources": self.messages}
        if self.kind is not None:
            out["kind"] = self.kind.value
        if self.balance_guess is not None:
            out["balance"] = str(self.balance_guess)
        if self.overdue_guess is not None:
            out["overdue_days"] = self.overdue_guess
        return out


def _amount(value: object) -> Decimal | None:
    # Stored analyses hold amounts as JSON numbers; read them back through their text.
    try:
        d = Decimal(str(value))
    except Exception:  # noqa: BLE001 - anything unreadable is skipped
        return None
    return fen(d) if d.is_finite() and d > 0 else None


def suggest(analyses: Iterable[Mapping[str, Any]]) -> list[Candidate]:
    """Group collection messages by the lender they name; most-mentioned lender first."""
    from dunguard.text.entities import lender_kind

    by_lender: dict[str, Candidate] = {}
    for a in analyses:
        if a.get("category") not in (None, "collection"):
            continue
        ent = a.get("entities") or {}
        lenders = ent.get("lender") or []
        amounts = [x for x in (_amount(v) for v in ent.get("amounts") or []) if x is not None]
        overdue = [int(x) for x in ent.get("overdue_days") or [] if isinstance(x, int | float)]
        if not (lenders or amounts or overdue):
            continue
        name = lenders[0] if lenders else UNKNOWN_LENDER
        cand = by_lender.get(name)
        if cand is None:
            kind = _KIND_MAP.get(lender_kind(name) or "") if lenders else None
            cand = by_lender[name] = Candidate(name, kind)
        if a.get("id"):
            cand.messages.append(str(a["id"]))
        cand.amounts.update(amounts)
        cand.overdue_days.extend(overdue)
    return sorted(by_lender.values(), key=lambda c: (c.lender == UNKNOWN_LENDER, -len(c.messages)))
