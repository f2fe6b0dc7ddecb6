"""Days of the week as people name them in English, Urdu script and Roman Urdu.

Why: "sunday ko khula hota hai?", "اتوار کو کھلا ہے؟" and "open on sundays?" ask about the day an office's file
names in English ("It is closed on Sundays."); the sentence that names the day asked decides the answer, and
neither the index's spelling keys nor the embedding relate "itwar" to "Sundays".
"""

from __future__ import annotations

import re
from functools import cache

#: Day number (Monday 0 .. Sunday 6) -> how it is written. Roman Urdu and Urdu words that also mean something
#: else count only next to "ko" / "کو" / "ke din" / "کے دن" ("hafta" is a week, "peer" a saint, "juma" a mosque's
#: Friday prayer): those are in ``_NEXT_TO_ON``.
DAYS: dict[int, tuple[str, ...]] = {
    0: ("monday", "mondays", "somwar", "somvar", "سوموار"),
    1: ("tuesday", "tuesdays", "mangal", "منگل"),
    2: ("wednesday", "wednesdays", "budhwar", "بدھوار"),
    3: ("thursday", "thursdays", "jumerat", "jumeraat", "jumairat", "جمعرات"),
    4: ("friday", "fridays", "جمعے"),
    5: ("saturday", "saturdays"),
    6: ("sunday", "sundays", "itwar", "itwaar", "itvar", "aitwar", "aitwaar", "اتوار"),
}
_NEXT_TO_ON: dict[int, tuple[str, ...]] = {
    0: ("peer", "pir", "پیر"),
    2: ("budh", "بدھ"),
    4: ("juma", "jumma", "jummah", "jumah", "jumay", "jummay", "jumme", "jume", "جمعہ"),
    5: ("hafta", "hafte", "haftay", "ہفتہ", "ہفتے"),
}
_ON = r"(?:\s+(?:ko|k|ke\s+din|kay\s+din|wale\s+din)\b|\s+(?:کو|کے\s+دن|والے\s+دن)(?!\w))"
#: Both days of a weekend.
_WEEKEND = re.compile(r"\bweek\s?ends?\b|ویک\s?اینڈ", re.I)


@cache
def _patterns() -> dict[int, re.Pattern[str]]:
    found: dict[int, re.Pattern[str]] = {}
    for day, words in DAYS.items():
        plain = "|".join(re.escape(w) for w in words)
        on = "|".join(re.escape(w) for w in _NEXT_TO_ON.get(day, ()))
        alternatives = [rf"(?<!\w)(?:{plain})(?!\w)"] + ([rf"(?<!\w)(?:{on}){_ON}"] if on else [])
        found[day] = re.compile("|".join(alternatives), re.I)
    return found


def days_named(text: str) -> frozenset[int]:
    """The days of the week ``text`` names (0 = Monday); a weekend names Saturday and Sunday."""
    named = {day for day, pattern in _patterns().items() if pattern.search(text)}
    if _WEEKEND.search(text):
        named |= {5, 6}
    return frozenset(named)
