"""``authority_contact: true``: a personal WeChat or phone number given in an authority's voice
is a scam sign only with a fake authority and no lender named; by itself it labels nothing."""

from __future__ import annotations

from dunguard.text.engine import Engine
from dunguard.text.resolve import Resolver

PACK = Engine.default().pack
RESOLVER = Resolver(PACK)
CONTACT = [r.id for r in PACK.rules if r.authority_contact]


def test_the_scam_pack_marks_its_call_back_and_private_contact_rules():
    assert set(CONTACT) == {"scam.authority_callback", "scam.authority_private_contact"}


def test_with_a_fake_authority_and_no_lender_it_makes_a_scam():
    for rid in CONTACT:
        d = RESOLVER.decide(("impersonation.authority_signature", "legal.police", rid), False)
        assert d.category.value == "scam", rid


def test_with_a_lender_named_it_stays_a_collector_impersonating():
    for rid in CONTACT:
        d = RESOLVER.decide(("impersonation.authority_signature", "legal.police", rid), True)
        assert d.category.value == "collection" and d.stage.value == "legal", rid


def test_alone_it_labels_nothing():
    for rid in CONTACT:
        d = RESOLVER.decide((rid,), False)
        assert d.category.value == "other" and d.tactics == (), rid
