"""The one-pass matcher gives what the plain way gives (Hypothesis).

The matcher skips rules and regexes on bits (gates, the regexes' required word sets in a
short integer of their own, blocks of regexes skipped on their first required sets) and
calls ``accept`` only for what the gates leave. The plain way here tries every keyword
occurrence and every regex of every rule met, with every check of ``accept``, in the
order the matcher promises: keyword rules in the order their words first occur, then
regex rules in the order their first anchor occurred."""

from __future__ import annotations

import ahocorasick
from hypothesis import given, settings
from hypothesis import strategies as st

from dunguard.text.checks import accept, compile_checks
from dunguard.text.engine import Engine
from dunguard.text.matching import Hit
from dunguard.text.normalize import normalize, normalized_text

_ENGINE = Engine.default()
_MATCHER = _ENGINE._matcher
_RULES = _ENGINE.pack.rules
_CHECKS = {r.id: compile_checks(r) for r in _RULES}
_WORDS = sorted(w for w, _v in _MATCHER.automaton.items() if not w.endswith("\uffff"))
_ALL = ahocorasick.Automaton()
for _w in _WORDS:
    _ALL.add_word(_w, _w)
_ALL.make_automaton()


def _plain(text: str) -> list[tuple[str, int, int]]:
    occ: dict[str, list[int]] = {}
    for end, w in _ALL.iter(text):
        occ.setdefault(w, []).append(end - len(w) + 1)
    hits: list[tuple[str, int, int]] = []
    done: set[str] = set()
    for w in occ:  # first-occurrence order of the words
        for rule in _RULES:
            if w in rule.keywords and rule.id not in done:
                for s in occ[w]:
                    if accept(_CHECKS[rule.id], text, s, s + len(w), occ):
                        hits.append((rule.id, s, s + len(w)))
                        done.add(rule.id)
                        break
    for w in occ:
        for rule in _RULES:
            if w not in rule.anchors or rule.id in done:
                continue
            done.add(rule.id)
            hit = next(((rule.id, *m.span()) for p in rule.regex for m in p.finditer(text)
                        if m.end() > m.start()
                        and accept(_CHECKS[rule.id], text, *m.span(), occ)), None)
            if hit is not None:
                hits.append(hit)
    return hits


# pieces that meet the gates: the automaton's words (keywords, anchors, required words,
# exclusions, context, unless and negation words), pieces of the rule examples, and
# characters that cut clauses or sit between words
_EXAMPLE_PIECES = sorted({ex[i:i + n] for r in _RULES for ex in r.examples_match
                          for n in (2, 4, 6) for i in range(0, max(1, len(ex) - n), 3)})
_PIECES = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_EXAMPLE_PIECES),
                    st.sampled_from(list("，。！？、：的了你我他3０1万元天号月日 不没")))


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_scan_gives_what_the_plain_way_gives(text):
    norm = normalized_text(text)
    got = [(rule.id, s, e) for rule, s, e in _MATCHER.scan(norm)[0]]
    assert got == _plain(norm)


def test_match_gives_hits():
    hits = _MATCHER.match(normalize("你已逾期3天，我们将上门拜访，通知你的家人"))
    assert hits and all(type(h) is Hit for h in hits)

