"""Language identification for short, noisy WhatsApp messages: English, Urdu script, Roman Urdu.

Why not a generic detector: they have no Roman Urdu class and call much of it English.  The task
splits naturally in two:

1. Script.  Urdu script vs Latin letters is read off the characters.  Urdu-script words are weighted
   up (``URDU_WORD_WEIGHT``) because a user who types Urdu script at all reads it, even when the
   message also names "Software Technology Park" in Latin letters.
2. English vs Roman Urdu for Latin words: a naive-Bayes word model.  Known words use usage-weighted
   word probabilities (wordfreq English; Roman spellings from the Dakshina TRAIN lexicon weighted by
   wordfreq Urdu frequencies); unknown words fall back to letter-trigram models.  Roman Urdu
   messages are code-mixed, so the Roman Urdu model gives English words a share of its probability
   (``CODE_MIX``): an English noun inside an Urdu sentence costs little, while one Urdu function word
   (``hai``, ``ka``, ``mein``) in an English sentence is strong evidence.
"""

from __future__ import annotations

import array
import gzip
import math
import re
from functools import cache
from typing import Literal

from .normalize import DATA_DIR, word_logprobs
from .places import latin_place_words

Lang = Literal["en", "ur", "roman_ur"]
LANGS: tuple[Lang, ...] = ("en", "ur", "roman_ur")

CODE_MIX = 0.2  # share of English words in Roman Urdu messages
URDU_MIX = 0.01  # share of Roman Urdu words (names, greetings) in English messages
OOV_LOGP = (math.log(0.05), math.log(0.15))  # log mass of unlisted words: English, Roman Urdu
MAX_WORD_EVIDENCE = 6.0  # cap on one word's log-odds, so one odd token cannot decide alone
URDU_WORD_WEIGHT = 3.0
NAME_WEIGHT = 0.3  # capitalised words after the first are mostly names (Karachi, Arfa): weak evidence
SMOOTH = 1e-4  # keeps every class probability strictly positive

#: Places users name in either language ("karachi it park size?", "pindi me park hai?"). The Roman Urdu lexicon
#: holds them and English word lists barely do, so they read as strong Roman Urdu evidence and turned short
#: English questions into Roman Urdu ones; a name says nothing about the language around it.
PLACE_NAMES = latin_place_words()
#: English typed short ("hw mny ppl wrk in stps"): words a Roman Urdu writer does not use, each as much evidence
#: for English as an ordinary English word, not more (a Roman Urdu message may borrow one: "abt fees kuch btao").
ENGLISH_CHAT = frozenset({"hw", "wrk", "abt", "whr", "shud", "wud"})
ENGLISH_CHAT_EVIDENCE = -2.0
#: Roman Urdu future verbs the word lists weigh as English-like ("stp me office free milega" read English: "lega" and
#: "dega" look like English letter runs): as much evidence for Roman Urdu as "hai" or "kya"; English has none of
#: them.
ROMAN_CHAT = frozenset({"milega", "milenge", "dega", "denge", "lega", "lenge", "lagega", "banega", "bnega", "sakega",
                        "parega", "chalega", "karega",
                        # and their feminine forms ("karachi it park me subsidy milegi?" read English)
                        "milegi", "degi", "legi", "lagegi", "karegi"})
ROMAN_CHAT_EVIDENCE = 4.0
#: Acronyms of the domain and chat shorthands that both languages write alike ("faisalabad stp ka contact
#: number do plz"): like place names, no evidence either way.
NEUTRAL_WORDS = frozenset({"stp", "stps", "pseb", "moitt", "nic", "ktp", "ict", "ites", "kp", "kpk", "gb", "ajk",
                           "sco", "nust", "kpitb", "pitb", "plz", "pls",
                           # the programme's name, Urdu in both ("e-rozgar centres?" is English)
                           "e", "rozgar", "rozgaar", "erozgar", "erozgaar",
                           # ("hi" is also Roman Urdu's "hi", but alone it greets: a stranger gets English)
                           "hi", "hey"})
#: Greetings both write: no evidence beside other words ("salam, wat is NIC karachi" is English), their own evidence
#: alone ("salam" is greeted in Roman Urdu).
GREETING_WORDS = frozenset({"salam", "salaam", "slm", "aoa", "assalam", "assalamualaikum", "alaikum", "walaikum"})

_ALPHA = 27
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_URDU_WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f]+")


@cache
def _char_tables() -> tuple[array.array[float], array.array[float]]:
    """Letter-trigram log-probabilities (English, Roman Urdu), 27**3 floats each."""
    with gzip.open(DATA_DIR / "charlm.bin.gz", "rb") as fh:
        data = array.array("f")
        data.frombytes(fh.read())
    n = _ALPHA**3
    return data[:n], data[n:]


def _char_logp(word: str, table: array.array[float]) -> float:
    """log P(letters of word) under a letter-trigram model with boundary symbols."""
    a = b = 26
    total = 0.0
    for ch in word:
        c = ord(ch) - 97
        total += table[(a * _ALPHA + b) * _ALPHA + c]
        a, b = b, c
    return total + table[(a * _ALPHA + b) * _ALPHA + 26]


def _logaddexp(x: float, y: float) -> float:
    if x < y:
        x, y = y, x
    if y == float("-inf"):
        return x
    return x + math.log1p(math.exp(y - x))


_LOG_EN_MIX = (math.log(1 - URDU_MIX), math.log(URDU_MIX))
_LOG_RU_MIX = (math.log(1 - CODE_MIX), math.log(CODE_MIX))


@cache
def _word_evidence(word: str) -> float:
    """log P(word | Roman Urdu message) - log P(word | English message), capped.

    Memoised: chat vocabulary is small and repeats, so after warm-up a word costs one dict lookup.
    """
    if word in ENGLISH_CHAT:
        return ENGLISH_CHAT_EVIDENCE
    if word in ROMAN_CHAT:
        return ROMAN_CHAT_EVIDENCE
    en, ru = word_logprobs().get(word, (float("-inf"), float("-inf")))
    if en == float("-inf") or ru == float("-inf"):
        en_tab, ru_tab = _char_tables()
        if en == float("-inf"):
            en = OOV_LOGP[0] + _char_logp(word, en_tab)
        if ru == float("-inf"):
            ru = OOV_LOGP[1] + _char_logp(word, ru_tab)
    p_en = _logaddexp(_LOG_EN_MIX[0] + en, _LOG_EN_MIX[1] + ru)
    p_ru = _logaddexp(_LOG_RU_MIX[0] + ru, _LOG_RU_MIX[1] + en)
    return max(-MAX_WORD_EVIDENCE, min(MAX_WORD_EVIDENCE, p_ru - p_en))


def _roman_log_odds(words: list[str]) -> float:
    """Summed word evidence; capitalised words after the first count less (likely names)."""
    total = 0.0
    for i, word in enumerate(words):
        evidence = _word_evidence(word.lower())
        total += evidence * NAME_WEIGHT if i and word[0].isupper() else evidence
    return total


def detect_scores(text: str) -> dict[str, float]:
    """Probability of each class ``en``/``ur``/``roman_ur`` (they sum to 1).

    Text with no letters of either script (or only place names, "pindi?") gets the uniform distribution;
    :func:`detect` then returns its ``default`` (the conversation's language).
    """
    latin = [w for w in _LATIN_WORD.findall(text)
             if w.lower() not in PLACE_NAMES and w.lower() not in NEUTRAL_WORDS]  # names: no evidence
    latin = [w for w in latin if w.lower() not in GREETING_WORDS] or latin
    n_urdu = len(_URDU_WORD.findall(text))
    if not latin and not n_urdu:
        return {lang: 1 / 3 for lang in LANGS}
    weight_ur = URDU_WORD_WEIGHT * n_urdu
    p_ur = (weight_ur + SMOOTH) / (weight_ur + len(latin) + 2 * SMOOTH)
    p_roman = 0.5
    if latin:
        log_odds = _roman_log_odds(latin)
        p_roman = 1 / (1 + math.exp(-log_odds)) if log_odds > -700 else 0.0
    p_roman = min(max(p_roman, SMOOTH), 1 - SMOOTH)
    return {"en": (1 - p_ur) * (1 - p_roman), "ur": p_ur, "roman_ur": (1 - p_ur) * p_roman}


def detect(text: str, default: Lang = "en") -> Lang:
    """The most likely language of a message; ``default`` when it has no letters (empty, emoji)."""
    scores = detect_scores(text)
    if scores["en"] == scores["ur"] == scores["roman_ur"]:
        return default
    return max(LANGS, key=scores.__getitem__)


#: A Latin-script message this short ("website?", "and fees") does not tell English from Roman Urdu: both
#: write "website", "fees", "ok". The conversation's own Latin-script language stays.
FRAGMENT_WORDS = 2
#: A longer Latin-script message whose English and Roman Urdu probabilities are closer than this is a close
#: call ("detail ma btao": "detail" reads English, "ma" either, "btao" is a chat spelling the word lists lack):
#: the conversation's own Latin-script language stays.
CLOSE_CALL = 0.2


def in_conversation(text: str, detected: Lang, current: Lang | None) -> Lang:
    """The language to answer ``text`` in, given the conversation's ``current`` one: a Latin-script fragment
    of at most :data:`FRAGMENT_WORDS` words, or a close call between the two, keeps English or Roman Urdu,
    whichever the user wrote before."""
    latin = {"en", "roman_ur"}
    if current in latin and detected in latin and current != detected and not _URDU_WORD.search(text):
        if len(_LATIN_WORD.findall(text)) <= FRAGMENT_WORDS:
            return current
        scores = detect_scores(text)
        if abs(scores["en"] - scores["roman_ur"]) < CLOSE_CALL:
            return current
    return detected


def from_app_language(code: str | None) -> Lang:
    """Our language for a messaging app's interface language code (Telegram sends ``language_code``):
    what a stranger gets before they have written a word. Urdu apps get Urdu, everyone else English."""
    return "ur" if (code or "").lower().startswith("ur") else "en"
