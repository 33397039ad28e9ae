"""Every rule proves itself: its ``match`` examples fire it, its ``no_match`` examples don't."""

from __future__ import annotations

import pytest

from dunguard.text.engine import Engine
from dunguard.text.normalize import normalize
from dunguard.text.rules import default_pack

try:
    import dunguard.text.entities  # noqa: F401

    _HAVE_ENTITIES = True
except ImportError:
    _HAVE_ENTITIES = False

PACK = default_pack()
ENGINE = Engine(PACK)


def _fired(text: str) -> set[str]:
    if _HAVE_ENTITIES:
        return {f.rule for f in ENGINE.analyze_raw(text)}
    return {h.rule.id for h in ENGINE.match(normalize(text))}


CASES = [
    pytest.param(rule.id, ex, True, id=f"{rule.id}+{i}")
    for rule in PACK.rules
    for i, ex in enumerate(rule.examples_match)
] + [
    pytest.param(rule.id, ex, False, id=f"{rule.id}-{i}")
    for rule in PACK.rules
    for i, ex in enumerate(rule.examples_no_match)
]


@pytest.mark.parametrize(("rule_id", "text", "should_fire"), CASES)
def test_rule_example(rule_id: str, text: str, should_fire: bool) -> None:
    fired = _fired(text)
    assert (rule_id in fired) is should_fire, f"{rule_id} on {text!r}: fired {sorted(fired)}"


def test_every_rule_has_an_example() -> None:
    assert all(r.examples_match for r in PACK.rules)


def test_the_government_signature_rules_read_every_office_of_their_anchor_set():
    # the two rules' regexes list the offices of @gov_office (their anchors) by hand: an office
    # added to one place and not the others would be a word that never fires
    by_id = {r.id: r for r in PACK.rules}
    sign, phish = by_id["impersonation.government_signature"], by_id["scam.government_phishing"]
    assert sign.anchors == phish.anchors and len(sign.anchors) >= 10
    for office in sign.anchors:
        assert any(rx.search(f"【某县{office}】您的补贴待领取") for rx in sign.regex), office
        assert any(rx.search(f"【某县{office}】您的补贴待领取，请点击 t.cn/abc 领取") for rx in phish.regex), office


def test_the_authority_link_rules_read_the_same_text():
    # impersonation.authority_link mirrors scam.authority_link (the scam says "phishing", the
    # impersonation says "in a court's or regulator's name"): one regex changed without the other
    # would make a scam without its impersonation, or the reverse
    by_id = {r.id: r for r in PACK.rules}
    scam, imp = by_id["scam.authority_link"], by_id["impersonation.authority_link"]
    assert [rx.pattern for rx in scam.regex] == [rx.pattern for rx in imp.regex]
    assert scam.anchors == imp.anchors and scam.unless == imp.unless
