"""Where cases live on disk, what a case may be called, and private file permissions."""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

from dunguard.errors import CaseError

DIR_MODE = 0o700
FILE_MODE = 0o600
BLOB_MODE = 0o400
MAX_NAME = 64

_FORBIDDEN = set('/\\:*?"<>|')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)
}


def data_home() -> Path:
    """``$DUNGUARD_HOME``, else the platform's per-user data directory."""
    env = os.environ.get("DUNGUARD_HOME")
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "dunguard"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "dunguard"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "dunguard"


def cases_root() -> Path:
    return data_home() / "cases"


def check_name(name: str) -> str:
    """The case name, normalised (NFC); raises :class:`CaseError` if it cannot be a folder."""
    n = unicodedata.normalize("NFC", name or "").strip()
    if not n:
        raise CaseError("案件名称不能为空。")
    if len(n) > MAX_NAME:
        raise CaseError(f"案件名称太长了（{len(n)} 个字），请不超过 {MAX_NAME} 个字。")
    bad = sorted({c for c in n if c in _FORBIDDEN or unicodedata.category(c) in ("Cc", "Cf")})
    if bad:
        shown = "、".join(repr(c)[1:-1] for c in bad)
        raise CaseError(f"案件名称里不能有这些字符：{shown}。")
    if n.startswith(".") or n.endswith("."):
        raise CaseError("案件名称不能以“.”开头或结尾。")
    if n.split(".")[0].upper() in _WINDOWS_RESERVED:
        raise CaseError(f"“{n}”是系统保留的名称，请换一个。")
    return n


def case_dir(name: str) -> Path:
    return cases_root() / check_name(name)


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) readable by the user only."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, DIR_MODE)


def make_private_file(path: Path) -> None:
    if os.name == "posix" and path.exists():
        os.chmod(path, FILE_MODE)
