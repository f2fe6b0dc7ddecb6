"""A summary of a conversation for the member of staff who picks it up, in English and in Urdu.

Built from the conversation itself, without a language model: who wrote (channel, language), why it
reached a person, what the user asked (their last questions, verbatim and shortened) and the topics
their words touch. Staff read it in the queue before they open the conversation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.language import tokenize

#: How many of the user's latest messages are quoted, and how long each quote may be.
QUOTED = 3
QUOTE_CHARS = 140

CHANNELS = {"web": ("the web chat", "ویب چیٹ"), "whatsapp": ("WhatsApp", "واٹس ایپ"),
            "telegram": ("Telegram", "ٹیلی گرام"), "cli": ("the command line", "کمانڈ لائن")}
LANGUAGE_NAMES = {"en": ("English", "انگریزی"), "ur": ("Urdu", "اردو"), "roman_ur": ("Roman Urdu", "رومن اردو")}
REASONS = {
    "asked": ("asked for a person", "نمائندے سے بات کرنا چاہتے ہیں"),
    "low_confidence": ("the bot could not answer twice", "بوٹ دو بار جواب نہ دے سکا"),
    "flow_failed": ("a form step kept failing", "فارم کا مرحلہ بار بار ناکام ہوا"),
    "complaint": ("complaint or distress words", "شکایت یا پریشانی کے الفاظ"),
    "topic": ("a topic for this team", "اس ٹیم کا موضوع"),
    "staff_takeover": ("taken over by staff", "عملے نے گفتگو سنبھالی"),
}
#: topic -> (English, Urdu, words that signal it)
TOPICS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("women-only park (Bagh)", "خواتین کا پارک (باغ)", ("bagh", "women", "khawateen", "باغ", "خواتین")),
    ("subsidies", "سبسڈی", ("subsidy", "subsidies", "سبسڈی")),
    ("rent and space", "کرایہ اور جگہ", ("rent", "kiraya", "space", "desk", "office", "کرایہ", "دفتر")),
    ("applications and bookings", "درخواست اور بکنگ", ("apply", "application", "booking", "book", "tenancy",
                                                        "darkhwast", "درخواست", "بکنگ")),
    ("internet", "انٹرنیٹ", ("internet", "انٹرنیٹ")),
    ("complaint", "شکایت", ("complaint", "shikayat", "شکایت", "fraud", "scam")),
)


@dataclass(frozen=True)
class Line:
    direction: str  # in | out
    text: str
    language: str | None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def summarize(lines: Sequence[Line], *, channel: str, language: str | None, reason: str) -> tuple[str, str]:
    """(English, Urdu) summaries of the conversation so far."""
    asked = [line.text for line in lines if line.direction == "in" and line.text.strip()]
    words = {t for text in asked for t in tokenize(text)}
    topics = [(en, ur) for en, ur, signals in TOPICS if any(t in words for s in signals for t in tokenize(s))]
    where_en, where_ur = CHANNELS.get(channel, (channel, channel))
    lang_en, lang_ur = LANGUAGE_NAMES.get(language or "", ("an unknown language", "نامعلوم زبان"))
    why_en, why_ur = REASONS.get(reason, (reason, reason))
    quotes = [f"“{_short(text)}”" for text in asked[-QUOTED:]]
    en = [f"Wrote on {where_en} in {lang_en}; {len(asked)} message(s); reached a person because: {why_en}."]
    ur = [f"صارف نے {where_ur} پر {lang_ur} میں لکھا؛ {len(asked)} پیغامات؛ نمائندے تک آنے کی وجہ: {why_ur}۔"]
    if topics:
        en.append("Topics: " + ", ".join(t[0] for t in topics) + ".")
        ur.append("موضوعات: " + "، ".join(t[1] for t in topics) + "۔")
    if quotes:
        en.append("Latest: " + " / ".join(quotes))
        ur.append("آخری پیغامات: " + " / ".join(quotes))
    return " ".join(en), " ".join(ur)
