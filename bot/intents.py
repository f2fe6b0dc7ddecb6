"""What does the user want? A small, explainable intent classifier for three scripts.

Phrases are listed as people type them (English, Urdu script, Roman Urdu with its spelling variants)
and compared after :func:`bot.language.tokenize`, so "hai/he/h" or "ي/ی" differences do not matter.
Order matters: asking for a person beats everything, a booking beats a question about bookings.
Anything that is none of these is a question for the knowledge base, and the retrieval confidence
decides later whether it is answerable or out of scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from bot.language import tokenize

PHRASES: dict[str, list[str]] = {
    "person": [
        "talk to a person", "talk to a human", "speak to a person", "speak to someone", "real person", "human agent",
        "agent please", "customer care", "representative", "call me", "contact me", "talk to someone",
        "connect me", "human", "operator", "support staff",
        "insaan se baat", "insan se baat", "banday se baat", "bande se baat", "kisi se baat", "agent se baat",
        "numainde se baat", "representative se baat", "mujhe call karo", "call karein", "call kar", "rabta karwa",
        "baat karwa", "baat karni hai", "insaan chahiye",
        "نمائندے سے بات", "انسان سے بات", "کسی سے بات", "بات کروا", "رابطہ کروا", "مجھے کال", "کال کریں",
        "ایجنٹ", "نمائندہ",
    ],
    "booking": [
        "book a desk", "book desk", "book a meeting room", "meeting room", "book a visit", "schedule a visit",
        "reserve", "booking", "hot desk booking", "visit the park",
        "desk book", "room book", "visit book", "booking karni", "book karna", "book karwa", "visit karna",
        "بکنگ", "بک کر", "میٹنگ روم", "ڈیسک", "دورہ",
    ],
    "application": [
        "apply for tenancy", "tenancy application", "apply for subsidy", "subsidy application", "application form",
        "i want to apply", "apply", "register my company",
        "apply karna", "apply karni", "darkhwast", "application deni",
        "درخواست دینی", "درخواست دینا", "اپلائی", "درخواست",
    ],
    "list": [
        "list of parks", "which parks", "all parks", "parks in", "list all", "which cities", "how many parks in",
        "women only parks", "women-only parks",
        "kaun kaun se park", "kon kon se park", "kis kis", "kahan kahan", "parks ki list", "list de", "list bata",
        "کون کون سے", "کہاں کہاں", "فہرست", "کن شہروں",
    ],
    "greeting": [
        "hi", "hello", "hey", "salam", "salaam", "assalam o alaikum", "assalamualaikum", "aoa", "good morning",
        "السلام علیکم", "سلام", "ہیلو", "آداب",
    ],
    "help": [
        "help", "what can you do", "menu", "start", "kya kar sakte", "madad", "مدد", "آپ کیا کر سکتے",
    ],
    "thanks": [
        "thanks", "thank you", "thx", "shukriya", "shukria", "meherbani", "jazakallah", "شکریہ", "مہربانی",
        "جزاک اللہ",
    ],
    "affirm": ["yes", "yes please", "ok", "okay", "sure", "haan", "han", "ji", "ji haan", "jee", "bilkul", "theek hai",
               "جی", "ہاں", "جی ہاں", "ٹھیک ہے", "بالکل"],
    "deny": ["no", "no thanks", "nahi", "nahin", "nai", "نہیں", "جی نہیں", "rehne do"],
}

#: Things users ask for that the curated sources never contain; answering them needs evidence that
#: really has one (a phone-like number, an e-mail, a web address), or an honest "not in my sources".
MISSING_SLOTS: dict[str, list[str]] = {
    "contact": ["phone", "phone number", "contact number", "mobile number", "whatsapp number", "email", "e-mail",
                "website", "helpline", "contact", "call", "number kya", "number de", "number bata", "rabta number",
                "فون", "فون نمبر", "رابطہ نمبر", "ای میل", "ویب سائٹ", "نمبر"],
    "address": ["address", "location", "where exactly", "pata kya", "address kya", "ایڈریس", "پتہ", "پتا"],
    "fees": ["fee", "fees", "charges", "price", "cost per desk", "rent amount", "how much rent do i pay", "kitne paise",
             "kitna kiraya", "fees kitni", "فیس", "کتنے پیسے", "کرایہ کتنا"],
    "deadline": ["deadline", "last date", "timings", "office hours", "opening hours", "akhri tareekh", "timing",
                 "آخری تاریخ", "اوقات"],
}

#: Intents that only count when the message is little more than the phrase ("hi", not "hi, what is an STP?").
SHORT_ONLY = {"greeting", "help", "thanks", "affirm", "deny"}
ORDER = ("person", "booking", "application", "list", "greeting", "help", "thanks", "affirm", "deny")
WOMEN = ["women", "woman", "female", "ladies", "girls", "khawateen", "khawatin", "auraton", "larkiyon", "خواتین",
         "عورتوں", "لڑکیوں"]


@cache
def _compiled() -> dict[str, list[tuple[str, ...]]]:
    return {intent: [k for k in (tuple(tokenize(p)) for p in phrases) if k] for intent, phrases in PHRASES.items()}


@cache
def _women() -> set[str]:
    return {t for w in WOMEN for t in tokenize(w)}


def _contains(tokens: list[str], key: tuple[str, ...]) -> bool:
    n = len(key)
    return any(tuple(tokens[i : i + n]) == key for i in range(len(tokens) - n + 1))


@dataclass
class Intent:
    name: str
    matched: str = ""
    women: bool = False
    missing_slot: str | None = None
    entities: dict[str, str] = field(default_factory=dict)


@cache
def _slots() -> dict[str, list[tuple[str, ...]]]:
    return {slot: [k for k in (tuple(tokenize(p)) for p in phrases) if k] for slot, phrases in MISSING_SLOTS.items()}


def classify(text: str) -> Intent:
    """The user's intent; ``question`` when nothing more specific matches."""
    tokens = tokenize(text)
    women = bool(_women() & set(tokens))
    slot = next((s for s, keys in _slots().items() if any(_contains(tokens, k) for k in keys)), None)
    compiled = _compiled()
    for intent in ORDER:
        for key in compiled[intent]:
            if not _contains(tokens, key):
                continue
            if intent in SHORT_ONLY and len(tokens) > len(key) + 2:
                continue
            return Intent(intent, " ".join(key), women, slot)
    return Intent("question", "", women, slot)
