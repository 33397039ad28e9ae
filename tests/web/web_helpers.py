"""Helpers of the web tests (a module of its own: ``from conftest import`` would meet another
test folder's conftest when several folders run together)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", message=".*httpx2.*")  # starlette 1.x prefers httpx2; httpx works

from starlette.testclient import TestClient  # noqa: E402

from dunguard.web import Settings, create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "web"  # screenshots; gitignored
CHROMIUM = "/usr/bin/chromium"
BASE = "http://127.0.0.1:8765"
TOKEN_RE = re.compile(r'name="csrf" value="([0-9a-f]+)"')


def make_client(tmp_path: Path, **kw: object) -> TestClient:
    settings = Settings(home=tmp_path / "web", **kw)  # type: ignore[arg-type]
    return TestClient(create_app(settings), base_url=BASE, follow_redirects=False)


def csrf(client: TestClient) -> str:
    """The form token of this client's browser (a page visit sets the cookie it is bound to)."""
    m = TOKEN_RE.search(client.get("/").text)
    assert m, "no CSRF field on the start page"
    return m.group(1)


def wait_job(client: TestClient, location: str, timeout: float = 60) -> dict:
    end = time.monotonic() + timeout
    while True:
        job = client.get(location + "?format=json").json()["job"]
        if job["state"] in ("done", "failed") or time.monotonic() > end:
            return job
        time.sleep(0.05)


# ---------------------------------------------------------------------- a real server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, home: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DUNGUARD_HOME": str(home), "PYTHONUNBUFFERED": "1"}
        exe = Path(sys.executable).with_name("dunguard")  # the installed entry point
        cmd = [str(exe), "serve", "--port", str(self.port), *args]
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)  # fmt: skip
        self.ready_after = self._wait_ready()
        self.cpu_at_ready = self.cpu_seconds()

    def cpu_seconds(self) -> float:
        """CPU time the server process has used (user + system): unlike wall time, it does not
        grow when other programs keep the machine busy."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _wait_ready(self, timeout: float = 15) -> float:
        import httpx

        while time.monotonic() - self.started < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError("dunguard serve exited: " + self.proc.stderr.read())
            try:
                httpx.get(self.url + "/", timeout=0.5)
                return time.monotonic() - self.started
            except httpx.TransportError:
                time.sleep(0.02)
        raise RuntimeError("dunguard serve did not start")

    def stop(self) -> tuple[int, str]:
        """Ctrl-C, as a user would press it; returns the exit code and what it printed."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            _, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return self.proc.returncode, err


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
