"""Typos in the knowledge's own words, mended before a message is read ("intrnet subsdy kitne mahine ki h",
"softwear tecnology park kia hota h", "rawalpndi stp").

People type fast on WhatsApp. A misspelt domain word was invisible to every reader of the question: the intent
phrases, the place names, the focus words and BM25 all match whole tokens, so "intrnet subsdy" was called out of
scope and "islamabd" named no city. The embedding alone cannot carry such a message.

What is mended, and what is left alone (a wrong mend is worse than none):

* Only a Latin word of five letters or more that neither word list knows (English, or a common Roman Urdu
  spelling): "shart", "chota", "behen" are Roman Urdu and stay as they are.
* Only into a word of the knowledge's English text or an alias (its vocabulary, passed in), or a place name:
  never into Roman Urdu, whose spellings vary too much to tell a typo from a variant. A place is a candidate so
  that a misspelt town stays a town ("pakpatan" is Pakpattan, not Pakistan).
* One edit away (a letter dropped, added, changed or two swapped), two for words of eight letters or more, with
  the same first letter; when the nearest words are not spellings of one word ("shart": start, share), nothing.
* A capitalised word that does not open the message is a name ("mera naam Shazia"), and a word in an address
  ("hira.sid@gmail.com", "lahorre+stp@gmail.com") is part of it: neither is touched. A booking or an application
  reads its values from the message as typed, never from the mended one (see ``TurnContext.as_typed``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from .normalize import word_logprobs
from .places import latin_place_words

#: Shorter words have too many neighbours ("asad": azad, asal) to be mended safely.
MIN_LETTERS = 5
#: From this length two edits are allowed ("softwear": software).
TWO_EDITS_FROM = 8
#: A Roman Urdu spelling this common (log-probability) is a word, not a typo ("kiraaya"); rarer entries of the
#: Roman Urdu list include misspellings of English words ("tecnology").
ROMAN_KNOWN = -12.5

#: A word standing alone: letters only, between spaces or the message's ends and plain punctuation.
_WORD = re.compile(rf"(?<![\w@./:+=%-])([A-Za-z]{{{MIN_LETTERS},}})(?![\w@/:+=%-]|\.\w)")


class Speller:
    """Mends misspelt domain words in a message; built from the knowledge's vocabulary (word -> count)."""

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        self._counts = {w: c for w, c in vocabulary.items() if len(w) >= MIN_LETTERS and w.isascii() and w.isalpha()}
        for place in latin_place_words():
            self._counts.setdefault(place, 1)
        self._words = list(self._counts)
        self._mend = lru_cache(maxsize=4096)(self._nearest)

    def __call__(self, text: str) -> str:
        """The text with each misspelt domain word replaced by its spelling (unchanged when none is)."""
        if not self._words:
            return text
        opening = len(text) - len(text.lstrip())

        def mend(match: re.Match[str]) -> str:
            word = match.group(1)
            if word[0].isupper() and match.start() != opening:
                return word  # a name
            mended = self._mend(word.lower())
            if mended is None:
                return word
            return mended.capitalize() if word[0].isupper() else mended

        return _WORD.sub(mend, text)

    def _nearest(self, word: str) -> str | None:
        if word in self._counts or _known(word):
            return None
        edits = 2 if len(word) >= TWO_EDITS_FROM else 1
        found = [(w, d) for w, d, _ in process.extract(word, self._words, scorer=DamerauLevenshtein.distance,
                                                         score_cutoff=edits, limit=8) if w[0] == word[0]]
        if not found:
            return None
        best = min(d for _, d in found)
        nearest = sorted((w for w, d in found if d == best), key=lambda w: -self._counts[w])
        stem = nearest[0][: max(MIN_LETTERS - 1, len(word) - 2)]
        if any(not w.startswith(stem) for w in nearest[1:]):
            return None  # "shart": start or share, no way to tell
        return nearest[0]


def _known(word: str) -> bool:
    english, roman = word_logprobs().get(word, (float("-inf"), float("-inf")))
    return english > float("-inf") or roman > ROMAN_KNOWN
