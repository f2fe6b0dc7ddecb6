"""Long answers become ordered parts within each channel's limit, cut where a reader expects."""

from __future__ import annotations

import re

import pytest

from handlers.split import split_message, utf16_len


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("limit", [1600, 4096])
def test_a_5000_character_answer_keeps_every_word_in_order(limit: int) -> None:
    paragraph = ("The rent subsidy covers a quarter of the rent in the first year. " * 6).strip()
    text = "\n\n".join(f"{n}. {paragraph}" for n in range(14))
    assert len(text) > 5000
    parts = split_message(text, limit)
    assert len(parts) >= 2
    assert all(utf16_len(p) <= limit for p in parts)
    assert _words(" ".join(parts)) == _words(text)
    # every cut falls on a paragraph break when paragraphs fit: each part starts a numbered paragraph
    assert all(re.match(r"^\d+\. ", p) for p in parts)


def test_urdu_sentences_are_cut_after_the_urdu_full_stop() -> None:
    sentence = "سافٹ ویئر ٹیکنالوجی پارک میں پہلے سال کرائے پر پچیس فیصد سبسڈی ملتی ہے۔ "
    text = sentence * 60  # one paragraph, no line breaks
    parts = split_message(text, 1600)
    assert len(parts) >= 2
    assert all(len(p) <= 1600 and p.endswith("۔") for p in parts)
    assert _words(" ".join(parts)) == _words(text)


def test_an_unbroken_run_is_cut_hard_and_emoji_are_never_split() -> None:
    text = "😀" * 1000  # 2000 UTF-16 units, no spaces
    parts = split_message(text, 1600)
    assert [utf16_len(p) for p in parts] == [1600, 400]
    assert "".join(parts) == text


def test_short_text_is_one_part_and_bad_limits_are_refused() -> None:
    assert split_message("  salam  ", 1600) == ["salam"]
    assert split_message("", 1600) == []
    with pytest.raises(ValueError):
        split_message("x", 0)
