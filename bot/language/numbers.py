"""Small numbers as people write them in English, Roman Urdu and Urdu ("two", "do", "دو", "paanch saal").

Why here: a booking's head count ("do log") and a question's figure ("پانچ سال تک") are read by the same words;
the language layer owns them so the flows and the conversation do not keep a table each.
"""

from __future__ import annotations

import re
from functools import cache

from bot.language.normalize import tokenize

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "ek": 1, "aik": 1, "do": 2, "teen": 3, "tin": 3, "char": 4, "chaar": 4, "paanch": 5, "panch": 5, "chay": 6,
    "chhe": 6, "che": 6, "saat": 7, "sat": 7, "aath": 8, "ath": 8, "nau": 9, "das": 10,
    "ایک": 1, "دو": 2, "تین": 3, "چار": 4, "پانچ": 5, "چھ": 6, "سات": 7, "آٹھ": 8, "نو": 9, "دس": 10,
    # a team or a group of visitors is often more than ten ("ہم پندرہ لوگ ہیں", "bees log")
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "gyarah": 11, "gyara": 11, "barah": 12, "baara": 12, "chaudah": 14, "chodah": 14,
    "pandrah": 15, "pandra": 15, "solah": 16, "sola": 16, "satrah": 17, "satra": 17, "atharah": 18, "athara": 18,
    "unnees": 19, "unees": 19, "bees": 20, "pachees": 25, "pachis": 25, "tees": 30, "chalees": 40, "chalis": 40,
    "pachaas": 50, "pachas": 50,
    "گیارہ": 11, "بارہ": 12, "تیرہ": 13, "چودہ": 14, "پندرہ": 15, "سولہ": 16, "سترہ": 17, "اٹھارہ": 18, "انیس": 19,
    "بیس": 20, "پچیس": 25, "تیس": 30, "چالیس": 40, "پچاس": 50,
}
# ("terah" is 13 and also "tarah" misspelt: "kis terah batayen")
#: "twenty five", "forty-two": the English tens with their units.
NUMBER_WORDS.update({f"{tens}{sep}{unit}": NUMBER_WORDS[tens] + NUMBER_WORDS[unit]
                     for tens in ("twenty", "thirty", "forty") for sep in (" ", "-")
                     for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")})
#: A number: digits (Urdu or ASCII) or one of :data:`NUMBER_WORDS`, as a regex group.
NUMBER = r"([\d۰-۹]{1,4}|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + ")"
_URDU_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


def number_value(word: str) -> int:
    """The value of a word :data:`NUMBER` matched ("5", "۵", "paanch", "پانچ" -> 5)."""
    digits = word.translate(_URDU_DIGITS)
    return int(digits) if digits.isdigit() else NUMBER_WORDS[word.lower()]


@cache
def number_tokens() -> frozenset[str]:
    """The index tokens of :data:`NUMBER_WORDS` ("paanch", "پانچ"): a number said in words is no subject of its own."""
    return frozenset(t for w in NUMBER_WORDS for t in tokenize(w))


#: A written amount: digits (Latin or Urdu, with thousands separators or a decimal part), then a scale word
#: ("1.12 million", "186 ملین", "10,000", "5 lakh").
# (possessive runs, and no start right after a comma: a long "1,1,1,...,1%" was tried from every comma, each try
# reading to the end: cubic in the message's length)
_AMOUNT = re.compile(r"(?<![\w.,])([\d۰-۹][\d۰-۹,]*+(?:\.[\d۰-۹]+)?+)(?![\d۰-۹,.]*+\s*(?:%|percent|per\s*cent|fisad|"
                     r"feesad|فیصد))\s*(million|mn|ملین|lakh|lac|لاکھ|crore|کروڑ|billion|ارب|thousand|hazar|hazaar|ہزار|k\b)?",
                     re.I)
_SCALES = {"million": 1e6, "mn": 1e6, "ملین": 1e6, "lakh": 1e5, "lac": 1e5, "لاکھ": 1e5, "crore": 1e7, "کروڑ": 1e7,
           "billion": 1e9, "ارب": 1e9, "thousand": 1e3, "hazar": 1e3, "hazaar": 1e3, "ہزار": 1e3, "k": 1e3}


def amounts(text: str) -> list[float]:
    """Every amount written in ``text``, scaled ("1.12 million sq ft" -> 1,120,000; "186 ملین ڈالر" -> 186,000,000),
    years and shares ("100 percent") left out: what a figure stated in a question is compared with."""
    found: list[float] = []
    for m in _AMOUNT.finditer(text):
        digits = m.group(1).translate(_URDU_DIGITS).replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        scale = (m.group(2) or "").lower()
        if not scale and "." not in digits and len(digits) == 4 and digits[:2] in ("19", "20"):
            continue  # a year
        found.append(value * _SCALES.get(scale, 1.0))
    return found
