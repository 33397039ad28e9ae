"""Every loader of the project's YAML refuses a key given twice (dunguard/yamlload.py): plain
YAML would keep the last one and drop the first without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from dunguard.errors import InputError, LawBaseError
from dunguard.law.base import load, load_files
from dunguard.law.guidance import parse_guidance
from dunguard.money.planfile import parse_plan


def test_a_plan_file_with_two_incomes_is_refused_with_its_line() -> None:
    with pytest.raises(InputError) as e:
        parse_plan("budget:\n  income: 5000\n  essentials: 2000\n  income: 6000\n")
    assert "duplicate key 'income'" in e.value.message and e.value.place == "第4行"
    # the same file with one income parses
    assert parse_plan("budget:\n  income: 6000\n  essentials: 2000\n").budget.income == 6000


def test_a_law_base_file_with_a_repeated_field_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "statutes.yaml"
    f.write_text("provisions:\n  - id: 民法典:1\n    article: 1\n    article: 2\n", encoding="utf-8")
    with pytest.raises(LawBaseError) as e:
        load_files([f])
    assert "duplicate key 'article'" in str(e.value) and "statutes.yaml" in str(e.value)


def test_guidance_with_a_repeated_topic_is_refused() -> None:
    with pytest.raises(LawBaseError) as e:
        parse_guidance("version: 1\ntopics: {}\ntopics: {}\n", load())
    assert "duplicate key 'topics'" in str(e.value)


def test_the_packaged_yaml_has_each_key_once() -> None:
    # the packaged files load through the strict loaders (a repeated key would raise)
    from dunguard.law.guidance import load_guidance
    from dunguard.text.entities.lenders import _load_lexicon

    assert len(list(load().ids())) > 100
    assert load_guidance() is not None
    assert _load_lexicon()[1]
