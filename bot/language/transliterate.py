"""Roman Urdu <-> Urdu script transliteration, word by word.

Why: Urdu documents are in Urdu script, WhatsApp users type Roman Urdu.  Retrieval matches the two
by transliterating the query (``to_urdu_script``) and optionally indexing Urdu chunks in Roman form
(``to_roman``).  What matters is that a transliterated word equals the normalised native word, so:

1. Lexicon first (Dakshina TRAIN lexicon, most likely Urdu word for the exact spelling, then for its
   spelling key, see :func:`bot.language.normalize.roman_key`).
2. Plain English words, acronyms and numbers are left alone (retrieval keeps them as English tokens).
3. Unknown words: a joint-sequence (graphone) trigram model proposes Urdu spellings, reranked by
   Urdu word frequency so that real words win over plausible non-words.

The graphone model is symmetric, so the same tables decode Urdu -> Roman for :func:`to_roman`.
"""

from __future__ import annotations

import heapq
import math
import re
from functools import cache, lru_cache

from .normalize import (
    _ARABIC_LETTER,
    is_plain_english,
    normalize_urdu,
    read_tsv,
    roman_key,
    word_logprobs,
)

BEAM = 10
NBEST = 10
FREQ_WEIGHT = 0.6  # weight of log word frequency when reranking decoded candidates
UNKNOWN_WORD_LOGP = -25.0  # log frequency assumed for a candidate that is not a known word
MIN_GRAPHONE_COUNT = 3  # rarer graphones are not proposed while decoding (speed, noise)
MAX_PER_CHUNK = 8  # most frequent graphones kept per source chunk (speed)
MAX_INSERTIONS = 6  # most frequent source-empty graphones tried per position (speed)
CACHE_LIMIT = 300_000  # probability cache entries before it is cleared (bounded memory)

_ROMAN_WORD = re.compile(r"[A-Za-z]+")
_URDU_WORD = re.compile(f"[{_ARABIC_LETTER}]+")
_TO_URDU_PUNCT = (
    (re.compile(r"\?"), "\u061f"),
    (re.compile(r",(?!\d)"), "\u060c"),
    (re.compile(r"(?<=[^\d\s.])\.(?=\s|$)"), "\u06d4"),
    (re.compile(r";"), "\u061b"),
)
_TO_LATIN_PUNCT = str.maketrans({"\u06d4": ".", "\u060c": ",", "\u061f": "?", "\u061b": ";"})


# --------------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------------


@cache
def _roman_lexicon() -> tuple[dict[str, str], dict[str, str]]:
    """(exact spelling -> Urdu word overrides, spelling key -> Urdu word)."""
    exact: dict[str, str] = {}
    keyed: dict[str, str] = {}
    for kind, roman, native in read_tsv("roman2urdu.tsv.gz"):
        (exact if kind == "x" else keyed)[roman] = native
    return exact, keyed


@cache
def _urdu_lexicon() -> tuple[dict[str, str], dict[str, float]]:
    """(Urdu word -> most common Roman spelling, Urdu word -> log frequency)."""
    roman: dict[str, str] = {}
    logf: dict[str, float] = {}
    for native, spelling, freq in read_tsv("urdu_words.tsv.gz"):
        if spelling:
            roman[native] = spelling
        logf[native] = float(freq)
    return roman, logf


class GraphoneModel:
    """Joint trigram model over (Roman chunk, Urdu chunk) pairs with Witten-Bell smoothing.

    Decoding from either side: ``side=0`` reads Roman letters and writes Urdu, ``side=1`` reads
    Urdu and writes Roman.  Graphones whose source side is empty are "insertions" (silent letters
    on the other side); at most one is allowed in a row.
    """

    def __init__(self, rows: list[list[str]]) -> None:
        self.graphones: list[tuple[str, str]] = []
        self.unigram: list[int] = []
        self.contexts: dict[tuple[int, ...], tuple[int, int]] = {}
        self.ngrams: dict[tuple[tuple[int, ...], int], int] = {}
        for row in rows:
            if row[0] == "g":
                self.graphones.append((row[1] if len(row) > 1 else "", row[2] if len(row) > 2 else ""))
                self.unigram.append(int(row[3]))
            elif row[0] == "c":
                self.contexts[_ids(row[1])] = (int(row[2]), int(row[3]))
            else:
                self.ngrams[(_ids(row[1]), int(row[2]))] = int(row[3])
        self.total = sum(self.unigram)
        self.index: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
        for gid, pair in enumerate(self.graphones):
            if gid == 0 or self.unigram[gid] < MIN_GRAPHONE_COUNT:
                continue
            for side in (0, 1):
                self.index[side].setdefault(pair[side], []).append(gid)
        for side in (0, 1):
            for chunk, gids in self.index[side].items():
                gids.sort(key=lambda g: -self.unigram[g])
                del gids[MAX_INSERTIONS if chunk == "" else MAX_PER_CHUNK :]
        self._cache: dict[tuple[tuple[int, ...], int], float] = {}

    def logp(self, ctx: tuple[int, ...], gid: int) -> float:
        """log P(graphone | up to two previous graphones), Witten-Bell interpolated."""
        key = (ctx, gid)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        p = (self.unigram[gid] + 0.5) / (self.total + 0.5 * len(self.unigram))
        for k in (1, 2):
            sub = ctx[-k:]
            stats = self.contexts.get(sub)
            if stats:
                total, distinct = stats
                p = (self.ngrams.get((sub, gid), 0) + distinct * p) / (total + distinct)
        lp = math.log(p)
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = lp
        return lp

    def decode(self, src: str, side: int, beam: int = BEAM, nbest: int = NBEST) -> list[tuple[str, float]]:
        """The nbest target strings for ``src`` with their joint log-probabilities."""
        index = self.index[side]
        other = 1 - side
        inserts = index.get("", [])
        max_chunk = 3 if side == 0 else 2
        # hypothesis: (score, context ids, output, last step was an insertion)
        agenda: dict[int, list[tuple[float, tuple[int, int], str, bool]]] = {0: [(0.0, (0, 0), "", False)]}
        finals: dict[str, float] = {}
        for pos in range(len(src) + 1):
            hyps = heapq.nlargest(beam, agenda.pop(pos, []), key=lambda h: h[0])
            hyps += [
                (score + self.logp(ctx, g), (ctx[1], g), out + self.graphones[g][other], True)
                for score, ctx, out, inserted in hyps
                if not inserted
                for g in inserts
            ]
            hyps = heapq.nlargest(beam, hyps, key=lambda h: h[0])
            for score, ctx, out, _ in hyps:
                if pos == len(src):
                    final = score + self.logp(ctx, 0)
                    if final > finals.get(out, -math.inf):
                        finals[out] = final
                    continue
                for size in range(1, min(max_chunk, len(src) - pos) + 1):
                    for g in index.get(src[pos : pos + size], ()):
                        agenda.setdefault(pos + size, []).append(
                            (score + self.logp(ctx, g), (ctx[1], g), out + self.graphones[g][other], False)
                        )
        return heapq.nlargest(nbest, finals.items(), key=lambda kv: kv[1])


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(","))


@cache
def _graphone_model() -> GraphoneModel:
    return GraphoneModel(read_tsv("graphones.tsv.gz"))


def preload() -> None:
    """Load the lexicons and the graphone model now (about 0.4 s) instead of on the first rare word."""
    _roman_lexicon()
    _urdu_lexicon()
    _graphone_model()
    word_logprobs()


# --------------------------------------------------------------------------------------------------
# Roman -> Urdu
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=50_000)
def _decode_roman(word: str) -> str:
    """Urdu spelling of an unknown Roman word: graphone candidates reranked by word frequency."""
    _, logf = _urdu_lexicon()
    candidates = _graphone_model().decode(word, side=0)
    if not candidates:
        return ""
    return max(candidates, key=lambda c: c[1] + FREQ_WEIGHT * logf.get(c[0], UNKNOWN_WORD_LOGP))[0]


@lru_cache(maxsize=50_000)
def roman_word_to_urdu(word: str) -> str:
    """One Latin word in Urdu script, or the word itself when it should stay Latin."""
    low = word.lower()
    exact, keyed = _roman_lexicon()
    native = exact.get(low)
    if native:
        return native
    if (word.isupper() and len(word) > 1) or is_plain_english(low):
        return word  # acronyms (STP, PSEB) and English words stay as typed
    native = keyed.get(roman_key(low))
    if native:
        return native
    return _decode_roman(low) or word


def to_urdu_script(text: str) -> str:
    """Roman Urdu text in Urdu script, word by word; English words, acronyms and numbers are kept.

    Punctuation is converted too (``?`` -> ``؟``, ``,`` -> ``،``, sentence-final ``.`` -> ``۔``).
    """
    text = _ROMAN_WORD.sub(lambda m: roman_word_to_urdu(m.group(0)), text)
    for pattern, repl in _TO_URDU_PUNCT:
        text = pattern.sub(repl, text)
    return text


# --------------------------------------------------------------------------------------------------
# Urdu -> Roman
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=50_000)
def urdu_word_to_roman(word: str) -> str:
    """One (normalised) Urdu word in Roman letters: lexicon spelling, else graphone decoding.

    Decoded candidates are reranked by how common the spelling is in Roman Urdu, so the output
    tends to the spelling people actually type.
    """
    roman, _ = _urdu_lexicon()
    hit = roman.get(word)
    if hit:
        return hit
    candidates = _graphone_model().decode(word, side=1)
    if not candidates:
        return word
    probs = word_logprobs()

    def score(cand: tuple[str, float]) -> float:
        ru = probs.get(cand[0], (0.0, -math.inf))[1]
        return cand[1] + FREQ_WEIGHT * (ru if ru > -math.inf else UNKNOWN_WORD_LOGP)

    return max(candidates, key=score)[0]


def to_roman(text: str) -> str:
    """Urdu-script text in Roman Urdu (common spellings from the lexicon, then graphone decoding)."""
    text = normalize_urdu(text)
    text = _URDU_WORD.sub(lambda m: urdu_word_to_roman(m.group(0)), text)
    return text.translate(_TO_LATIN_PUNCT)
