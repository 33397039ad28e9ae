"""Cases the documents tests share (a module of its own: every test folder has a conftest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dunguard.case import create_case
from dunguard.documents.demo import build_export, demo_data

AS_OF = date(2026, 2, 10)  # the demo data's own date: documents are repeatable
PLAN = demo_data() / "plan.yaml"


def make_demo_case(name: str, tmp: Path) -> str:
    """The demo phone export, imported, with the demo debts registered."""
    from dunguard.money.planfile import load_plan_file

    with create_case(name) as c:
        c.import_files(build_export(demo_data(), tmp / "export"))
        for d in load_plan_file(PLAN).debts:
            c.save_debt(d)
    return name
