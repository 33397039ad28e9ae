"""Templates and PDF: the Jinja2 environments and an offline WeasyPrint.

Templates live in ``templates/`` (see its README.md); a folder given with ``--templates``
is searched first, so a user can keep edited copies outside the program. HTML templates
autoescape; every value printed by any template first passes :func:`inert`, so message text
cannot carry markup or bidi controls into a document.

WeasyPrint gets a URL fetcher that refuses everything: documents are self-contained (styles
inline, charts inline SVG, fonts from the system's fontconfig), and nothing may be fetched
from the network while a case is turned into a document.
"""

from __future__ import annotations

import functools
import logging
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from dunguard.documents.safety import inert
from dunguard.errors import DunguardError
from dunguard.money.amounts import pct, yuan

TEMPLATES = Path(__file__).parent / "templates"
CJK_FONT = "Noto Sans CJK SC"


class DocumentError(DunguardError):
    """A document could not be made (missing font, a template error)."""

    code = "document"


def zh_date(d: date | datetime | str | None) -> str:
    if d is None or d == "":
        return "＿＿＿＿年＿＿月＿＿日"
    if isinstance(d, str):
        d = date.fromisoformat(d[:10])
    return f"{d.year}年{d.month}月{d.day}日"


def _money(v: Decimal | None) -> str:
    return "＿＿＿＿" if v is None else yuan(v)


def _rate(v: Decimal | float | None) -> str:
    return "—" if v is None else pct(v if isinstance(v, Decimal) else Decimal(repr(v)))


def _html_finalize(v: Any) -> Any:
    if v is None:
        return ""
    return v if isinstance(v, Markup) else inert(v)


def _text_finalize(v: Any) -> Any:
    return "" if v is None else inert(v, one_line=True)


def _loader(extra: Path | None) -> ChoiceLoader:
    paths = [FileSystemLoader(str(extra))] if extra else []
    return ChoiceLoader([*paths, FileSystemLoader(str(TEMPLATES))])


def _filters(env: Environment) -> Environment:
    env.filters.update(
        yuan=_money, rate=_rate, zh_date=zh_date,
        hhmm=lambda t: t.strftime("%Y-%m-%d %H:%M") if t else "时间不明",
        day=lambda t: t.strftime("%Y-%m-%d") if t else "",
    )  # fmt: skip
    return env


@functools.cache
def html_env(extra: Path | None = None) -> Environment:
    env = Environment(
        loader=_loader(extra), autoescape=True, finalize=_html_finalize,
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )  # fmt: skip
    return _filters(env)


@functools.cache
def text_env(extra: Path | None = None) -> Environment:
    env = Environment(
        loader=_loader(extra), autoescape=False, finalize=_text_finalize,
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )  # fmt: skip
    return _filters(env)


def css(name: str = "style.css", extra: Path | None = None) -> Markup:
    """A stylesheet from the templates folder, to put inline in a ``<style>`` element."""
    for folder in (extra, TEMPLATES):
        if folder and (folder / name).is_file():
            text = (folder / name).read_text(encoding="utf-8")
            return Markup(text.replace("</", "<\\/"))
    raise DocumentError(f"找不到样式文件 {name}。", file=str(TEMPLATES / name))


# ---------------------------------------------------------------------- PDF


def _refusing_fetcher(log: list[str]) -> Any:
    from weasyprint.urls import URLFetcher

    class Refuse(URLFetcher):
        """Fetch nothing: every resource a document needs is inside it."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            log.append(url)
            raise ValueError(f"dunguard documents fetch nothing ({url})")

    return Refuse()


def check_fonts() -> None:
    """Fail with a plain sentence when the CJK font is missing (PDFs would show boxes)."""
    import subprocess

    try:
        out = subprocess.run(
            ["fc-list", f"{CJK_FONT}:lang=zh", "family"], capture_output=True, text=True,
            timeout=30, check=False,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return  # no fontconfig tool to ask: let Pango find what it can
    if CJK_FONT not in out:
        raise DocumentError(
            f"没有找到中文字体 {CJK_FONT}，PDF 无法正确显示中文。请运行 bash scripts/setup.sh"
            "（它会安装 Debian 的 fonts-noto-cjk），或 sudo apt-get install fonts-noto-cjk。"
        )


def write_pdf(html: str, out: Path, *, fetched: list[str] | None = None) -> Path:
    """Render ``html`` to ``out`` (A4 and page numbers come from the stylesheet)."""
    from weasyprint import HTML

    check_fonts()
    log = fetched if fetched is not None else []
    # WeasyPrint and fontTools log every refused fetch and font detail; keep the console calm.
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    HTML(string=html, base_url=str(TEMPLATES), url_fetcher=_refusing_fetcher(log)).write_pdf(str(out))
    return out

