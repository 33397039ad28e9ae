"""``dunguard serve``: starts in under 3 seconds, stops cleanly on Ctrl-C, refuses a missing
case plainly, and warns with a token on any bind other than loopback."""

from __future__ import annotations

import sys

import httpx
import pytest
from web_helpers import Server

from dunguard.case import create_case


def test_starts_quickly_and_stops_cleanly_on_ctrl_c(tmp_path):
    srv = Server(tmp_path / "home")
    try:
        # Under 3 s of the server's own CPU time to the first page served; the wall-clock
        # bound is looser because CI machines may be busy with other work.
        assert srv.cpu_at_ready < 3.0, f"used {srv.cpu_at_ready:.2f} s of CPU"
        assert srv.ready_after < 10.0, f"took {srv.ready_after:.2f} s"
        r = httpx.get(srv.url + "/")
        assert r.status_code == 200 and "催收盾" in r.text
    finally:
        code, err = srv.stop()
    assert code == 0
    assert "催收盾已启动" in err and "催收盾已停止" in err
    assert "Traceback" not in err


def test_serve_opens_the_named_case(tmp_path, monkeypatch):
    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    create_case("李四").close()
    srv = Server(tmp_path / "home", "--case", "李四")
    try:
        assert "/cases/%E6%9D%8E%E5%9B%9B/" in srv.proc.stderr.readline()
    finally:
        srv.stop()


def _run(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    import uvicorn

    from dunguard.cli import main
    from dunguard.cli import web as web_cli

    started: list[object] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self: started.append(self.config))
    monkeypatch.setattr(web_cli, "_check_port", lambda host, port: None)  # bind nothing here
    monkeypatch.setattr(sys, "argv", ["dunguard", "serve", *args])
    try:
        main()
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    return code, capsys.readouterr().err


def test_missing_case_is_a_plain_error(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    code, err = _run(monkeypatch, capsys, "--case", "没有这个")
    assert code == 2 and "找不到案件「没有这个」" in err


def test_non_loopback_bind_prints_a_warning_and_a_token(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "300")
    code, err = _run(monkeypatch, capsys, "--host", "0.0.0.0", "--port", "8799")
    assert code == 0
    assert "警告" in err and "访问口令" in err
    assert "?token=" in err and len(err.split("?token=")[1].split()[0]) >= 30


def test_loopback_bind_has_no_token(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    code, err = _run(monkeypatch, capsys)
    assert code == 0 and "http://127.0.0.1:8765/" in err and "token" not in err


@pytest.mark.parametrize("args", [["--port", "0"], ["--port", "70000"], ["--max-upload-mb", "0"]])
def test_bad_options(monkeypatch, capsys, tmp_path, args):
    monkeypatch.setenv("DUNGUARD_HOME", str(tmp_path / "home"))
    code, err = _run(monkeypatch, capsys, *args)
    assert code == 2
