"""Where cases live and what they may be called."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from dunguard.case import create_case, list_cases, open_case
from dunguard.errors import CaseError
from dunguard.vault.location import check_name, data_home


def test_dunguard_home_overrides_the_data_dir(home: Path) -> None:
    assert data_home() == home


@pytest.mark.skipif(sys.platform != "linux", reason="XDG applies on Linux")
def test_default_data_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DUNGUARD_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_home() == tmp_path / "xdg" / "dunguard"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert data_home() == tmp_path / ".local" / "share" / "dunguard"


@pytest.mark.parametrize("name", ["张三", "张三-某某贷 2024", "case_1", "李四（借呗）"])
def test_chinese_and_ordinary_names_are_allowed(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize(
    "name", ["", "  ", "a/b", "..", "../x", "a\\b", ".hidden", "x" * 65, "a\nb", "CON", "a:b"]
)
def test_names_that_could_escape_or_break_the_folder_are_refused(name: str) -> None:
    with pytest.raises(CaseError):
        check_name(name)


def test_case_folder_and_files_are_private(home: Path) -> None:
    with create_case("张三") as c:
        assert stat.S_IMODE(c.path.stat().st_mode) == 0o700
        assert stat.S_IMODE((c.path / "blobs").stat().st_mode) == 0o700
        assert stat.S_IMODE((c.path / "case.db").stat().st_mode) == 0o600


def test_create_twice_is_refused_and_open_unknown_explains(home: Path) -> None:
    create_case("张三").close()
    with pytest.raises(CaseError, match="已经存在"):
        create_case("张三")
    with pytest.raises(CaseError, match="找不到案件"):
        open_case("李四")


def test_list_cases_shows_every_case_with_counts(home: Path) -> None:
    assert list_cases() == []
    create_case("张三").close()
    create_case("李四").close()
    infos = list_cases()
    assert sorted(i.name for i in infos) == ["张三", "李四"]
    assert all(i.counts["messages"] == 0 and i.created_at for i in infos)
    assert not [p for p in (home / "cases").iterdir() if p.name.startswith(".")]
