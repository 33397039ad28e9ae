"""The law base: provisions as data, the article in force on a date, LPR and the 4×LPR cap.

from dunguard.law import load
base = load()
p = base.in_force("治安管理处罚法:50", contact_date)   # 2012 art. 42 before 2026-01-01
p.label(), p.text, p.kind_text, p.is_in_force(contact_date)
"""

from dunguard.law.base import LawBase, load, load_files
from dunguard.law.lpr import (
    LPR_START,
    LprEntry,
    lpr_entry_on,
    lpr_on,
    lpr_table,
    private_lending_cap,
)
from dunguard.law.provision import (
    BINDINGNESS_NAMES,
    KIND_TEXTS,
    Bindingness,
    Confidence,
    Provision,
    is_binding_law,
)

__all__ = [
    "BINDINGNESS_NAMES",
    "KIND_TEXTS",
    "LPR_START",
    "Bindingness",
    "Confidence",
    "LawBase",
    "LprEntry",
    "Provision",
    "is_binding_law",
    "load",
    "load_files",
    "lpr_entry_on",
    "lpr_on",
    "lpr_table",
    "private_lending_cap",
]
