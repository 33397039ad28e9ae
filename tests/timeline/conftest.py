"""The timeline tests import the generated case from tests/fixtures (shared fixtures such as
``home`` and ``cli`` are in tests/conftest.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
