"""The command-line face. Parses input, calls the core, renders; holds no domain logic.

Each sub-module registers its commands on ``app``; ``main`` maps typed errors to exit codes
(taxonomy.md §6: 0 success, 1 checked and found a problem, 2 bad input or usage).
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from dunguard.errors import DunguardError

app = typer.Typer(
    name="dunguard",
    help="催收盾：在你自己的电脑上分析催收短信、保存证据、了解权利。不联网，不上传。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# messages to stderr are never wrapped: a path and its line number ("…/mixed.jsonl 第 2 行") must
# stay on one line in a log or a pipe, where rich would otherwise wrap at 80 columns
err_console = Console(stderr=True, soft_wrap=True)
_state = {"debug": False}


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="出错时显示完整的技术信息")) -> None:
    _state["debug"] = debug


def _register() -> None:
    # Imported for their side effect of adding commands to ``app``.
    import importlib
    import pkgutil

    for mod in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{mod.name}")


def main() -> None:
    _register()
    try:
        rc = app(standalone_mode=False)  # click returns typer.Exit codes in this mode
        if isinstance(rc, int) and rc:
            sys.exit(rc)
    except DunguardError as e:
        if _state["debug"]:
            raise
        err_console.print(f"[bold red]错误：[/]{e}", highlight=False)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        err_console.print("已中断。")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # usage errors of the bundled click, and the unexpected
        from typer._click import exceptions as cx  # typer 0.29 vendors click here

        exit_cls = getattr(cx, "Exit", typer.Exit)
        if isinstance(e, exit_cls):
            sys.exit(getattr(e, "exit_code", 0))
        if isinstance(e, cx.ClickException):
            e.show()
            sys.exit(2)
        if isinstance(e, getattr(cx, "Abort", typer.Abort)):
            sys.exit(130)
        if _state["debug"]:
            raise
        err_console.print(f"[bold red]内部错误：[/]{type(e).__name__}: {e}（加 --debug 查看详情）")
        sys.exit(3)
