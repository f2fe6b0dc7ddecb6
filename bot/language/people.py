"""Who a message speaks of when it speaks of men: the words for men and boys in three languages, and a writer
who says he is one.

Here, not in the conversation, because two rooms decide on it: a question about men at the women-only park is
answered "no" from the park's own field (``bot/conversation``), and a booking or application for a man at that
park is refused before it is made (``bot/flows``). One list, so the two can never disagree. Also whether a
group other than the writer is asked of ("can a foreigner apply?"), which both rooms read: a question, not a
request.
"""

from __future__ import annotations

import re
from functools import cache

from bot.language.normalize import tokenize

#: Men and boys: a question about them at a women-only park is answered "no" from the park's own field.
MALE_WORDS = ("men", "man", "male", "males", "boy", "boys", "guy", "guys", "brother", "brothers", "husband", "son",
              "gents", "larka", "larke", "larkay", "larkon", "ladka", "ladke", "ladkon", "mard", "mardon",
              "admi", "bhai", "shohar", "beta",
              "مرد", "مردوں", "لڑکا", "لڑکے", "لڑکوں", "بھائی", "شوہر", "بیٹا", "آدمی")

#: Men by kinship: a question about them asks about men ("can my brother sit there"), but a request that names one
#: is not for him ("book me a desk, my husband will drop me off").
RELATIVES = frozenset(("brother", "brothers", "husband", "son", "bhai", "shohar", "beta", "بھائی", "شوہر", "بیٹا"))

#: The Latin-script words for men, matched as typed: their spelling keys collide with other words ("men" and
#: "mein", "bhai" and "bhi", "larke" and "larki" share a key), and "is it for women? bagh park me seat milegi"
#: must not read as a question about men.
#: "bhai" is also a chat filler ("bhai kya ye park larkiyon ka hai"), so it names no man; "men" and "man" are
#: men only in English (in Roman Urdu "men" is "mein").
_MEN = re.compile(r"\b(?:" + "|".join(w for w in MALE_WORDS if w.isascii() and w not in ("men", "man", "bhai"))
                  + r")\b", re.I)
_GROUP_MEN = re.compile(r"\b(?:" + "|".join(
    w for w in MALE_WORDS if w.isascii() and w not in RELATIVES | {"men", "man"}) + r")\b", re.I)
_ENGLISH_MEN = re.compile(r"\b(?:men|man)\b", re.I)
#: "bhai" as a brother: after a possessive ("mera bhai", "hamare bhai").
_BROTHER = re.compile(r"\b(?:mera|mere|meri|hamara|hamare|humara|apna|apne|uska|unka)\s+bhai\b", re.I)

#: The writer says he is a man ("im a guy, video editor", "main larka hun", "میں مرد ہوں").
SELF_MALE = re.compile(r"\b(?:i'?m|i\s+am|main|mai|mein)\s+(?:a\s+|ek\s+|aik\s+)?(?:\w+\s+)?(?:guy|man|male|boy|"
                       r"larka|ladka|mard)\b|میں\s+(?:ایک\s+)?(?:\S+\s+)?(?:مرد|لڑکا)", re.I)


#: Whether a group other than the asker may ("can a foreigner apply for space?", "can NGOs apply for the subsidy",
#: "kya foreigners apply kar sakte hain", "کیا غیر ملکی درخواست دے سکتے ہیں؟"): a question about who is eligible.
#: Not the asker ("can i apply", "kya main apply kar sakta hun"), the bot ("can you book ...") or one's own team
#: ("can my team book a room tomorrow"), which ask to.
THEY_MAY = re.compile(
    r"\b(?:can|could|may)\s+(?!(?:i|we|you|u|my|our)\b)(?:an?\s+|the\s+)?[a-z]+(?:\s+[a-z]+)?\s+(?:also\s+|even\s+)?"
    r"(?:apply|book|rent|join)\b"
    r"|\b(?:kya|kia)\s+(?!(?:main|mein|me|mai|hum|ham|mujhe|hamein|meri|mera|hamari|hamara|ap|aap)\b)\S+(?:\s+\S+){0,3}?"
    r"\s+(?:bhi\s+)?(?:apply|book|join)\s+(?:kr|kar)\s*(?:sakt|skt)"
    r"|کیا\s+(?!(?:میں|ہم|میری|میرا|ہماری|ہمارا|آپ)\s)\S+(?:\s+\S+){0,3}?\s+(?:بھی\s+)?(?:درخواست\s+دے|اپلائی\s+کر|بک\s+کر)"
    r"\s*سکت", re.I)
#: The writer speaks of himself in the masculine ("main desk book karna chahta hun", "میں بک کرنا چاہتا ہوں", "kal
#: aaunga"): Urdu marks the speaker's gender on the verb. For requests only (a booking for a man at the women-only
#: park is refused): a question is answered from what it asks, whoever asks it.
SPEAKS_AS_MAN = re.compile(r"\b(?:chahta|chahata|sakta|skta|karta|krta|raha|rha|gaya|aaya|aya)\s+(?:hun|hoon|hu|hon)\b"
                           r"|\b(?:aaunga|aunga|jaunga|karunga|krunga|ayunga)\b"
                           r"|(?:چاہتا|سکتا|کرتا|رہا|گیا|آیا)\s+ہوں|(?:آؤں|جاؤں|کروں)\s*گا\b", re.I)


#: A message that only says the writer is a man ("main larka hun", "i'm a guy", "میں مرد ہوں"): told, not asked.
ONLY_SELF_MALE = re.compile(r"^\W*(?:main|mai|mein|i'?m|i\s+am|میں)\s+(?:ek\s+|aik\s+|a\s+|ایک\s+)?"
                            r"(?:larka|ladka|mard|admi|boy|guy|man|male|لڑکا|مرد|آدمی)\s*(?:hun|hoon|hu|ہوں)?\W*$",
                            re.I)


@cache
def _urdu_male(relatives: bool = True) -> frozenset[str]:
    return frozenset(t for w in MALE_WORDS if not w.isascii() and (relatives or w not in RELATIVES)
                     for t in tokenize(w))


def about_men(text: str, *, english: bool = False) -> bool:
    """Whether the message asks about men or boys ("kya larkon ko bhi seat milegi", "لڑکوں کو", "can men apply")."""
    return bool(_MEN.search(text) or _BROTHER.search(text) or (english and _ENGLISH_MEN.search(text))
                or not _urdu_male().isdisjoint(tokenize(text)))


#: A man coming along ("me and my brother", "main aur mera bhai", "bhai ke sath", "with my husband", "میں اور میرا
#: بھائی"): one of the people the request is for, unlike a relative who only asks ("my brother said ...").
_MALE_KIN = sorted(RELATIVES | {"bro", "father", "dad", "uncle", "bhaiya", "abbu", "abba", "chacha", "mamu", "mamoo",
                                 "ابو", "والد", "بیٹے", "چچا", "ماموں"}, key=len, reverse=True)
_LATIN_KIN = "|".join(w for w in _MALE_KIN if w.isascii())
_URDU_KIN = "|".join(w for w in _MALE_KIN if not w.isascii())
_COMES_WITH_MAN = re.compile(
    rf"\b(?:me|i|myself|main|mai|mein)\s+(?:and|&|n|aur|or)\s+(?:my\s+|mera\s+|mere\s+)?(?:{_LATIN_KIN})\b"
    rf"|\bwith\s+(?:my\s+)?(?:{_LATIN_KIN})\b|\b(?:{_LATIN_KIN})\s+(?:ke|k)\s+(?:sath|saath|sth)\b"
    rf"|میں\s+اور\s+(?:میرا\s+|میرے\s+)?(?:{_URDU_KIN})|(?:{_URDU_KIN})\s+کے\s+ساتھ", re.I)


def for_men(text: str, *, english: bool = False) -> bool:
    """Whether a request (a booking, an application) is for men: it names men or boys ("for 3 men", "5 larke"),
    its writer says he is one ("main larka hun"), or a man comes along ("me and my brother"); a relative only
    named is not who it is for."""
    return bool(SELF_MALE.search(text) or SPEAKS_AS_MAN.search(text) or _GROUP_MEN.search(text)
                or _COMES_WITH_MAN.search(text) or (english and _ENGLISH_MEN.search(text))
                or not _urdu_male(relatives=False).isdisjoint(tokenize(text)))


#: A request said to be for a woman instead ("book it for my sister, she will go alone", "behan ke liye kar dein",
#: "میری بہن کے لیے کر دیں، وہ اکیلی جائے گی"): after a man was told the women-only park is for women.
FOR_A_WOMAN = re.compile(
    r"\bfor\s+(?:my\s+)?(?:sister|wife|mother|mom|mum|daughter|aunt)\b|\b(?:she|she'll|she\s+will)\s+(?:go|come|visit)"
    r"|\b(?:behan|bahen|behen|biwi|begum|ammi|ammi\s+jan|beti|khala|phuppo|wife)\s+(?:ke|k|kay)\s+(?:liye|liay|lie)\b"
    r"|(?:بہن|بیوی|امی|والدہ|بیٹی|خالہ|پھپھو)\s+کے\s+(?:لیے|لئے)|وہ\s+اکیلی", re.I)


def is_man(text: str) -> bool:
    """Whether the writer says in so many words that he is a man ("main larka hun", "i'm a guy"): remembered for the
    conversation, so a booking he makes later at the women-only park is refused. Not by his verbs alone, which a
    woman quoting someone also writes ("bhai ne kaha main aaunga"): those count only in the request itself
    (:func:`for_men`)."""
    return bool(SELF_MALE.search(text))
