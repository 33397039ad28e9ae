"""Typed errors a user can meet, each with one plain Chinese sentence and where it happened.

The faces turn them into exit codes (CLI) or HTTP statuses (web); nothing below the faces
prints or exits.
"""

from __future__ import annotations


class DunguardError(Exception):
    """Base class. ``code`` is a stable machine name; ``exit_code`` follows taxonomy.md §6."""

    code = "error"
    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, place: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.place = place

    def __str__(self) -> str:
        where = ""
        if self.file and self.place:
            where = f"（文件 {self.file}，{self.place}）"
        elif self.file:
            where = f"（文件 {self.file}）"
        elif self.place:
            where = f"（{self.place}）"
        return f"{self.message}{where}"


class InputError(DunguardError):
    """The input cannot be read or holds nothing usable."""

    code = "bad_input"


class UsageError(DunguardError):
    """The command was called with options that do not fit together."""

    code = "usage"


class RulePackError(DunguardError):
    """A rule pack is invalid: unknown key, bad regex, unknown provision id, failing example."""

    code = "rule_pack"


class LawBaseError(DunguardError):
    """The law base is inconsistent or a provision id is unknown."""

    code = "law_base"


class CaseError(DunguardError):
    """A case does not exist, already exists, or cannot be opened."""

    code = "case"


class IntegrityError(DunguardError):
    """Verification found something that no longer matches (exit 1: checked, found a problem)."""

    code = "integrity"
    exit_code = 1
