"""Split a long answer into ordered parts that each fit one channel message.

Twilio refuses WhatsApp bodies over 1600 characters (error 21617) and Telegram texts over 4096
(``Message is too long``). A part ends at the last paragraph break that fits, else the last
sentence end (``.``, ``?``, ``!`` and the Urdu ``۔`` and ``؟``), else the last space, and only a
single unbroken "word" longer than the limit is cut mid-way. Joining the parts gives back the text
(up to the whitespace at the cuts), so nothing is lost and nothing is reordered.

Both apps count UTF-16 code units (an emoji is two), so :func:`utf16_len` is the default measure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: Where a part may end, best first: a blank line, a line break, a sentence end, any space.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?۔؟])\s+"), re.compile(r"\s+"))


def utf16_len(text: str) -> int:
    """Length as WhatsApp and Telegram count it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int, *, length: Callable[[str], int] = utf16_len) -> list[str]:
    """``text`` as parts of at most ``limit`` (by ``length``), cut at the best boundary that fits."""
    if limit <= 0:
        raise ValueError("limit must be positive")
    text = text.strip()
    parts: list[str] = []
    while text:
        if length(text) <= limit:
            parts.append(text)
            break
        window = _longest_prefix(text, limit, length)
        cut = _best_cut(text[: len(window) + 1], len(window))
        head, text = (text[:cut[0]].rstrip(), text[cut[1]:].lstrip()) if cut else (window, text[len(window):])
        if head:
            parts.append(head)
    return parts


def _longest_prefix(text: str, limit: int, length: Callable[[str], int]) -> str:
    """The longest start of ``text`` within ``limit`` (binary search: ``length`` need not be ``len``)."""
    low, high = 1, min(len(text), limit)
    while low < high:
        middle = (low + high + 1) // 2
        if length(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    if low < len(text) and "\udc00" <= text[low] <= "\udfff":  # never split a surrogate pair
        low -= 1
    return text[:low]


def _best_cut(probe: str, fits: int) -> tuple[int, int] | None:
    """(end of this part, start of the next) at the best boundary that starts within ``fits``."""
    for pattern in _BREAKS:
        starts = [m for m in pattern.finditer(probe) if 0 < m.start() <= fits]
        if starts:
            return starts[-1].start(), starts[-1].end()
    return None
