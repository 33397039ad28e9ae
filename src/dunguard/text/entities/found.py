"""Entity words found by the engine's automaton pass instead of by a regex of their own.

A long alternation of Chinese words (the lender lexicon) is slow for ``re``: at every
character that starts some word it tries the words one by one. The engine's Aho-Corasick
automaton scans every message anyway, so it also looks for these words, and
``extract_entities`` takes what it found (``found``: word -> start positions) instead of
searching again.

The automaton reads the NORMALIZED text, entities the original, so the engine passes
``found`` only when normalization deleted nothing: then the normalized text is the original
mapped character by character (step 1 of normalize.py) at the same positions, and every
original occurrence of a word appears there as the word's image (its ``key``: 招联 stays
招联, RMB becomes rmb). A key found is a word of the original only where the original has
the word itself (招聯 has the image 招联 too), which ``occurrences`` checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dunguard.text.normalize import char_image

Found = Mapping[str, list[int]]


class WordKeys:
    """The words of one list by the key the automaton looks for. ``usable`` is False when
    a word's image is shorter than the word (a character normalization deletes): then the
    list must be searched with its own regex."""

    def __init__(self, words: Iterable[str]):
        by_key: dict[str, list[str]] = {}
        self.usable = True
        for w in dict.fromkeys(words):
            key = char_image(w)
            if not w or len(key) != len(w):
                self.usable = False
                continue
            by_key.setdefault(key, []).append(w)
        self.words = {k: tuple(ws) for k, ws in by_key.items()}
        self.keys = frozenset(self.words)

    def occurrences(self, t: str, found: Found) -> list[tuple[int, int, str]]:
        """(start, end, word) of every occurrence in ``t`` of a word of the list, unsorted
        (lenders._lexicon_found has this loop inline)."""
        out: list[tuple[int, int, str]] = []
        words = self.words
        for key in self.keys.intersection(found):
            ws = words[key]
            for s in found[key]:
                for w in ws:
                    if t.startswith(w, s):
                        out.append((s, s + len(w), w))
        return out
