"""``dunguard serve``: the local web app, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import contextlib
import socket
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from dunguard.cli import app
from dunguard.errors import UsageError

console = Console(highlight=False, stderr=True)


@app.command("serve")
def serve(
    host: Annotated[
        str, typer.Option("--host", help="监听的地址；默认 127.0.0.1（只有这台电脑能打开）")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8765,
    case: Annotated[str | None, typer.Option("--case", help="启动后直接打开这个案件")] = None,
    max_upload_mb: Annotated[
        int, typer.Option("--max-upload-mb", help="一次上传的总大小上限（MB）")
    ] = 512,
) -> None:
    """在浏览器里使用催收盾：新建案件、导入备份、查看时间线、生成报告和文书。按 Ctrl-C 停止。"""
    import uvicorn

    from dunguard.web import Settings, create_app
    from dunguard.web.forms import case_url
    from dunguard.web.security import new_token

    if not 0 < port < 65536:
        raise UsageError(f"端口 {port} 不对，应在 1 到 65535 之间。")
    if max_upload_mb < 1:
        raise UsageError("--max-upload-mb 至少是 1。")
    settings = Settings(host=host, port=port, default_case=case, max_upload_mb=max_upload_mb)
    if case:
        from dunguard.case import open_case

        with open_case(case) as c:  # a missing case is a plain error before anything starts
            settings.default_case = c.name
    if not settings.loopback:
        settings.token = new_token()
    web = create_app(settings)
    _check_port(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}"
    path = case_url(settings.default_case) if settings.default_case else "/"
    if settings.token:
        console.print(
            "[bold red]警告：[/]你让催收盾监听 "
            f"{escape(host)}，同一网络里的其他设备也可能连到它。案件里是你的私人资料；"
            "只有带下面这个访问口令的地址才能打开。不要把它发给别人；用完请按 Ctrl-C 停止。"
        )
        console.print(f"访问地址：{escape(url)}{escape(path)}?token={settings.token}")
    else:
        console.print(f"催收盾已启动：请在浏览器里打开 [bold]{escape(url)}{escape(path)}[/]")
    console.print("资料只在这台电脑上处理，不联网、不上传。按 Ctrl-C 停止。")
    config = uvicorn.Config(web, host=host, port=port, log_level="warning", access_log=False,
                            server_header=False, lifespan="off")  # fmt: skip
    server = uvicorn.Server(config)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    console.print("催收盾已停止。")


def _check_port(host: str, port: int) -> None:
    """Fail with a plain sentence (not uvicorn's log line) when the address is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            raise UsageError(
                f"无法在 {host}:{port} 上启动（{e.strerror or e}）。端口可能已被占用，"
                f"可以换一个，例如 --port {port + 1}。"
            ) from None
