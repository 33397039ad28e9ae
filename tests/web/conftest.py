"""Fixtures for the web tests: a data home, the app with its test client, the demo case, a
real ``dunguard serve`` process, and one headless Debian Chromium for the whole session."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")  # starlette 1.x prefers httpx2; httpx works

from starlette.testclient import TestClient  # noqa: E402
from web_helpers import CHROMIUM, Server, make_client  # noqa: E402

from dunguard.case import create_case  # noqa: E402
from dunguard.documents.demo import build_export, demo_data  # noqa: E402


@pytest.fixture
def client(home: Path, tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


@pytest.fixture(scope="session")
def demo_export(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_export(demo_data(), tmp_path_factory.mktemp("export"))


@pytest.fixture
def demo_case(home: Path, demo_export: list[Path]) -> str:
    with create_case("演示") as c:
        c.import_files(demo_export)
    return "演示"


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One ``dunguard serve`` process (its own data home) for the tests that need a real one."""
    srv = Server(tmp_path_factory.mktemp("live-home"))
    yield srv
    srv.stop()


# ---------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: run bash scripts/setup.sh (it installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield b
        b.close()

