"""What a turn asks, read against the conversation: its focus, whether it is a yes/no question, and whether
it is a follow-up that leans on the previous turn ("size?", "aur islamabad wala?", "وہاں کتنی خواتین").

People on WhatsApp type the second question of a conversation as a fragment: only an attribute ("kb tk",
"how many jobs"), only another place ("n quetta"), or a word that points back ("wahan", "us ka", "it",
"وہاں"). Such a fragment has almost nothing of its own to search for; read with the previous turn's entity
it is an ordinary question. The vocabularies here are word classes in three languages (pointers, function
words, male/female words, comparison words), compared after :func:`bot.language.tokenize`, never copies of
particular questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.conversation.intents import DOMAIN, POINTERS
from bot.language import ngrams, tokenize
from bot.language.people import MALE_WORDS
from bot.retrieval.answers import (
    COUNT_WORDS,
    FOCI,
    FUNCTION_WORDS,
    MORE_WORDS,
    NETWORK_WORDS,
    focus_of,
    park_tokens,
    sentences,
)

#: Words that open a follow-up that names something else ("and in Quetta?", "aur islamabad wala?", "اور ...").
AND_WORDS = ("and", "n", "what about", "how about", "aur", "or", "اور", "تو", "wala", "wali", "wale", "walon", "والا",
             "والی", "والے", "والوں")
#: What a park is called, and the words that ask whether one exists ("is there any", "koi ... hai").
PARK_WORDS = ("stp", "stps", "park", "parks", "tech park", "it park", "software park", "technology park", "one",
              "software technology park", "ایس ٹی پی", "ایس ٹی پیز", "پارک", "پارکس", "سافٹ ویئر پارک",
              "سافٹ ویئر ٹیکنالوجی پارک", "ٹیکنالوجی پارک", "آئی ٹی پارک")
EXIST_WORDS = ("there", "any", "exist", "exists", "koi", "kohi", "کوئی", "موجود")
#: The question compares or lists, so a second record is part of the answer.
COMPARE_WORDS = ("vs", "versus", "compare", "compared", "comparison", "difference", "bigger than", "smaller than",
                 "more than", "both", "muqabla", "farq", "dono", "مقابلہ", "موازنہ", "فرق", "دونوں")
#: Words that ask whether a park has opened ("khul gaya kya", "is it operational yet", "کیا یہ فعال ہو گیا"): a
#: park's status answers them, not its opening hours.
OPEN_WORDS = ("open", "opened", "operational", "functional", "ready", "completed", "complete", "finished", "built",
              "constructed",
              "khul", "khula", "khuli", "khul gaya", "khulega", "khul chuka", "chalu", "mukammal", "tayyar", "tayar",
              "ban gaya", "ban chuka", "bn gya", "khulay", "khulegi", "کھل", "کھلا", "کھلے", "کھل گیا", "کھل چکا",
              "فعال", "چالو", "مکمل", "تیار",
              "بن گیا", "بن چکا")
#: A yes/no question opens with one of these (English) or carries a question particle (Urdu, Roman Urdu).
_YESNO_START = ("is", "are", "r", "can", "could", "does", "do", "did", "was", "were", "will", "has", "have",
                "should", "may")
_YESNO_PARTICLES = ("kya", "kia", "کیا")
#: Last words that close a yes/no question: "is" and "can" ("mera bhai bhi ja sakta?").
_YESNO_ENDS = ("hai", "hain", "h", "ہے", "ہیں", "sakta", "sakti", "sakte", "skta", "skti", "سکتا", "سکتی", "سکتے")
#: "... sakta hun?" ("can I"): the verb of being closes it after the "can".
_FIRST_PERSON_ENDS = ("hun", "hoon", "hu", "hon", "ہوں")
#: A yes/no question after a statement, in one run-on sentence ("im a guy can i work at the bagh stp", "میں مرد ہوں
#: کیا باغ کے پارک میں ..."): a "can I" in English, a "kya" right after a verb that ends a clause in Urdu.
_ASKS_AFTER_TELLING = re.compile(r"\b(?:can|could|may|should)\s+(?:i|we|he|she|my|men|boys|guys|a\s+man)\b"
                                 r"|(?:ہوں|ہے|ہیں|ہو)\s+کیا\s"
                                 # ("meri behan designer hai, kya wo ...", "میری بہن ڈیزائنر ہے، کیا وہ ...")
                                 r"|(?<=[,،])\s*(?:kya|kia)\b|(?<=[,،])\s*کیا\s"
                                 r"|\b(?:hun|hoon|hu)\s+(?:kya|kia)\s", re.I)  # ("main larka hun kya ...")
#: "kya" in the middle that asks yes or no about the subject put first ("باغ والا پارک کیا مردوں کے لیے بھی ہے",
#: "bagh park kya larkon ke liye bhi hai"), not "what" ("nic kya hai", "ke liye kya chahiye")
_FRONTED_YES_NO = re.compile(r"\b(?:kya|kia)\s+(?:\S+\s+){0,3}?(?:ke\s+liye|ke\s+liay|ke\s+lie|bhi)\b"
                             r"|کیا\s+(?:\S+\s+){0,3}?(?:کے\s+لیے|کے\s+لئے|بھی)", re.I)
_YESNO_TAILS = ("right", "na", "hai kya", "h kya", "he kya", "kya", "کیا", "ہے کیا", "nahi", "نا")
#: A question word makes it an open question, not a yes/no one.
#: Words that ask how something is done: an item of its own, not the previous turn's ("کلیم کیسے کرتے ہیں").
HOW_WORDS = ("how", "kaise", "kese", "kaisay", "kis tarah", "کیسے", "کس طرح")
#: Words that name applying for space ("apply kaise karun", "درخواست کیسے دوں", "admission process?").
APPLY_WORDS = ("apply", "applying", "application", "admission", "admissions", "form", "dakhla", "daakhla", "darkhwast",
               "darkhast", "درخواست", "اپلائی", "داخلہ", "فارم")
#: Words that ask the steps of something ("apply karne ka tareeqa", "application process", "درخواست کا طریقہ").
STEPS_WORDS = ("process", "procedure", "steps", "tareeqa", "tareeka", "tarika", "tariqa", "tareqa", "طریقہ",
               "طریقۂ", "طریقہ کار")
_WH = ("what", "which", "who", "where", "when", "how", "why", "kaun", "kon", "kis", "kahan", "kab", "kitne", "kitni",
       "kitna", "kaise", "kyun", "konsa", "konsi", "kin", "kaunsa", "kaunsi", "کون", "کہاں", "کب", "کتنے", "کتنی",
       "کتنا", "کیسے", "کیوں", "کس", "کن", "کونسا", "کونسی")


@cache
def _keys(words: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The index-token keys of a constant word table (cached: the tables are read on every message)."""
    return frozenset(k for k in (tuple(tokenize(w)) for w in words) if k)


@cache
def _vocab(kind: str) -> frozenset[tuple[str, ...]]:
    table = {"park": PARK_WORDS, "exist": EXIST_WORDS, "pointer": POINTERS, "and": AND_WORDS,
             "function": FUNCTION_WORDS, "male": MALE_WORDS, "compare": COMPARE_WORDS, "wh": _WH, "tails": _YESNO_TAILS,
             "how": HOW_WORDS, "open": OPEN_WORDS, "apply": APPLY_WORDS, "steps": STEPS_WORDS}
    return _keys(table[kind])


@cache
def _known_single() -> frozenset[str]:
    """Single tokens that name no subject: function words, pointers, 'and' words, how words ("kese"), focus and
    count words."""
    words: set[str] = set()
    for kind in ("pointer", "and", "function", "male", "how"):
        words.update(t for key in _vocab(kind) for t in key)
    domain = {t for w in DOMAIN for t in tokenize(w)}
    for focus in FOCI:
        # a one-word ask names no subject; a domain word inside a phrase ("internet" of "internet speed") does
        words.update(t for key in _keys(focus.ask) for t in key if len(key) == 1 or t not in domain)
    words.update(t for key in _keys(COUNT_WORDS + NETWORK_WORDS + MORE_WORDS) for t in key)
    return frozenset(words)


def _grams(tokens: list[str]) -> frozenset[tuple[str, ...]]:
    return ngrams(tokens, 3)


def has(text: str, kind: str) -> bool:
    """Whether ``text`` has words of ``kind``: pointer, and, male, compare, how, open, apply, steps."""
    return bool(_grams(tokenize(text)) & _vocab(kind))


#: "There" for the place just talked about ("can i get a seat there", "wahan", "وہاں"), not the "there" of "is
#: there any", "isn't there", "there are".
_THERE_WORDS = frozenset({"there", "wahan", "wahaan", "waha", "udhar", "wahin", "وہاں", "ادھر"})
_EXISTENTIAL = frozenset({"is", "are", "was", "were", "isn't", "aren't", "wasn't", "weren't", "r", "will", "won't",
                          "any", "'s", "s"})


def points_there(question: str) -> bool:
    """Whether the message says "there" of the place just talked about ("can i get a seat there", "wahan", "وہاں")."""
    words = re.findall(r"[\w']+", question.lower())
    return any(w in _THERE_WORDS and not (w == "there" and ((i and words[i - 1] in _EXISTENTIAL)
                                                            or (i + 1 < len(words) and words[i + 1] in _EXISTENTIAL)))
               for i, w in enumerate(words))


def asks_how_to_apply(text: str) -> bool:
    """Whether the message asks how to apply for space ("how can i apply there", "bagh park me apply kaise karen",
    "درخواست کا طریقہ کیا ہے"), wherever: the answer is how applying works, not the park's description."""
    grams = _grams(tokenize(text))
    return bool(grams & _vocab("apply")) and bool(grams & (_vocab("how") | _vocab("steps")))


@dataclass(frozen=True)
class Reading:
    """What a short message leans on: nothing, the previous entity (``attribute``), or another place."""

    kind: str  # "none" | "attribute" | "place" | "park" | "subject" | "more"
    #: tokens left that name something of the message's own (not a function word, focus or pointer)
    content: tuple[str, ...] = ()


#: A follow-up fragment is at most this many words ("us ka size kya hai?", "and in Quetta?"), or, when it
#: points at the last turn and names nothing else, up to the longer length ("can i work there with her, i do
#: web dev").
LONGEST_FRAGMENT = 8
LONGEST_POINTING = 12


def read(text: str, *, names_place: bool, names_park: bool, focus: str | None, english: bool = False,
         names_subject: bool = False) -> Reading:
    """Classify a message as a follow-up fragment, without the conversation (the assistant checks that there
    is a previous entity to lean on). In an ``english`` message the Roman Urdu pointers that are also English
    words ("is", "us", "use", "ye", "wo") point at nothing: "what is the capital of france" is no "is ka ...?".
    ``names_subject``: the message names a subsidy rule or an organisation by one of its aliases."""
    tokens = tokenize(text)
    if not tokens or len(tokens) > LONGEST_POINTING:
        return Reading("none")
    grams = _grams(tokens)
    known = _known_single()
    content = tuple(t for t in tokens if t not in known and not t.isdigit())
    if grams & {k for k in _keys(MORE_WORDS)} and len(tokens) <= 5 and not content:
        return Reading("more")
    pointer = bool(grams & (_vocab("pointer") - {(t,) for t in _roman_pointers()} if english else _vocab("pointer")))
    if len(tokens) > LONGEST_FRAGMENT and not (pointer and len(content) <= 1 and not names_park and not names_place):
        return Reading("none", content)  # (a longer message leans on the last turn only by pointing at it)
    if names_park:
        # "and the islamabad it park?": another park, asked what the previous turn asked
        short = len(tokens) <= 6 and bool(grams & _vocab("and")) and focus is None
        return Reading("park" if short else "none", content)
    if names_place:
        # "aur islamabad wala?", "n quetta", "and in rawalpindi?": the place is the whole of its subject
        return Reading("place", content) if len(tokens) <= 5 or pointer or grams & _vocab("and") else Reading(
            "none", content)
    if names_subject and len(tokens) <= 5 and grams & _vocab("and"):
        # "aur net pe?", "اور کرائے پر؟": a rule or an organisation the knowledge names, asked what the last was
        return Reading("subject", content)
    asks = focus is not None or bool(grams & _keys(COUNT_WORDS)) or pointer
    named = [t for t in content if (t,) not in _vocab("wh")]  # the question word itself names nothing
    if grams & _vocab("wh") and len(tokens) <= 4 and len(named) <= 2 and not grams & _vocab("and"):
        # "kis ministry ke neeche", "which year?": a question word and a word or two, asked of the last answer
        return Reading("attribute", content)
    # a word of the domain ("subsidy", "internet", "coworking") names a subject of the message's own; verbs
    # and the like ("chal rahe", "banaya", "complete") do not
    # a park word pointed at names no subject of its own: "how big is the stp there" asks the last place's park
    parks = park_tokens() if pointer else frozenset()
    subject = [t for t in content if t in _domain() and t not in parks]
    if asks and not subject and len([t for t in content if t not in parks]) <= 3:
        return Reading("attribute", content)
    if subject and len(tokens) <= 5 and grams & _vocab("and") and len(content) <= 2:
        # "and internet?", "aur coworking?", "اور انٹرنیٹ پر؟": the previous question, about another subject
        return Reading("subject", content)
    return Reading("none", content)


def points_back(text: str, *, english: bool = False) -> bool:
    """Whether the text holds a pointing word; in English not the Roman Urdu ones spelled like English words
    ("is", "us", "use": "how is the weather")."""
    # a part of a pointing word points too ("ان میں سے" of "ان کا", "have one" of "that one"), but not the "the" of "the
    # same" ("who won the cricket yesterday")
    pointers = pointer_tokens() - (_roman_pointers() | _ARTICLE if english else frozenset())
    return bool(set(tokenize(text)) & pointers) or (not english and has(text, "pointer"))


#: English articles, which only a longer pointing word ("the same") holds.
_ARTICLE = frozenset({"the", "a", "an"})


@cache
def pointer_tokens() -> frozenset[str]:
    """The tokens of the pointing words ("ye", "یہ", "it"): they name nothing a record could share."""
    return frozenset(t for key in _vocab("pointer") for t in key)


@cache
def _roman_pointers() -> frozenset[str]:
    """Roman Urdu pointers spelled like English words."""
    return frozenset(t for w in ("is", "us", "use", "ye", "wo") for t in tokenize(w))


@cache
def _domain() -> frozenset[str]:
    # a one-token domain word names a subject; a part of a longer one does not ("working" of "co-working":
    # "how many r working already" asks the previous subject's figure)
    return frozenset(toks[0] for w in DOMAIN if len(toks := tokenize(w)) == 1) - _known_single()


def _marked(sentence: str) -> bool:
    return sentence.rstrip().endswith(("?", "؟"))


def _asks(sentence: str) -> bool:
    """A sentence that asks: a question mark, a question word, or a yes/no question."""
    return _marked(sentence) or has(sentence, "wh") or is_yes_no(sentence)


def marked_or_wh(sentence: str) -> bool:
    """A sentence that surely asks: a question mark or a question word ("kiraya kitna hai"), not one that may only
    tell ("کمپنی شفٹ کر رہے ہیں", which ends like a yes/no question)."""
    return _marked(sentence) or has(sentence, "wh")


@lru_cache(maxsize=1024)
def asking_part(text: str) -> str:
    """The sentences of a message that ask, without the ones that only tell ("I am a male developer. Is the Bagh
    park only for women?" asks the second). With a question mark somewhere, only the sentences it ends ask
    ("میرے شوہر کی کمپنی ہے۔" ends like a question without one, but tells): what a yes or no is decided on."""
    parts = sentences(text)
    if len(parts) < 2:
        return text
    return " ".join([s for s in parts if _marked(s)] or [s for s in parts if _asks(s)]) or text


def after_telling(sentence: str) -> str:
    """A run-on sentence that tells, then asks ("im a boy from bagh, can i get the internet subsidy?"): the asking
    part ("can i get the internet subsidy?"), which alone is what a yes or no decides."""
    found = _ASKS_AFTER_TELLING.search(sentence)
    return sentence[found.start():] if found and found.start() > 0 else sentence


def telling_dropped(text: str) -> str:
    """The message without the sentences that only tell ("3 of us just quit our jobs to build a fintech. what
    support is there": the jobs are the asker's, not the item asked); unlike :func:`asking_part` every sentence
    that asks is kept, with or without a question mark ("stp me net free h? kab tak"), and a sentence that only
    asks whether a claim is true keeps the claim ("someone says it costs 500 million. true??")."""
    parts = sentences(text)
    if len(parts) < 2:
        return text
    asking = [s for s in parts if _asks(s)]
    if asking and all(_CHECKS_CLAIM.search(s) and len(tokenize(s)) <= CLAIM_CHECK_WORDS for s in asking):
        return text
    return " ".join(asking) or text


#: "some X ... or what?" ("koi bagh wala park h ya kya"): it asks what a thing is ("ban gaya ya kya" is yes or no).
_OR_WHAT = re.compile(r"(?:\b(?:koi|kuch|some)\b|کوئی|کچھ)[^?؟]{0,200}?"
                      r"(?:\b(?:ya|or)\s+(?:kya|kia|what)\b|یا\s+کیا)\s*[?؟!.]*\s*$", re.I)
#: A sentence that only asks whether the one before is true ("true??", "is that correct", "sahi h?", "کیا یہ سچ ہے").
_CHECKS_CLAIM = re.compile(r"\b(?:true|correct|right|really|so|accurate|confirm|fake|fact|sahi|sahee|sach|theek|"
                           r"durust|waqai|waqae|pakki|pakka)\b|سچ|صحیح|درست|ٹھیک|واقعی|پکی", re.I)
#: How long such a sentence may be and still ask nothing of its own ("is it correct or fake news").
CLAIM_CHECK_WORDS = 7


@lru_cache(maxsize=2048)
def is_yes_no(text: str) -> bool:
    """A question that can be answered yes or no ("is there an stp in quetta", "wo ban gaya kya", "کیا ...").

    "kya" / "کیا" opens a yes/no question or closes one ("... hai kya"); in the middle, before the verb
    ("nic kya hai", "یہ کیا ہے"), it means "what". In a message of several sentences, one of them asks it.
    """
    tokens = tokenize(text)
    if not tokens:
        return False
    grams = _grams(tokens)
    particles = _first_tokens(_YESNO_PARTICLES)
    if grams & (_vocab("wh") - {(p,) for p in particles}):
        return False
    parts = sentences(text)
    if len(parts) > 1:  # "my wife wants to start a business. is the bagh park only for women?"
        return any(is_yes_no(s) for s in parts)
    if _OR_WHAT.search(text):
        return False  # "koi bagh wala park h ya kya": is it that, or what is it; no yes or no answers it
    if tokens[0] in _first_tokens(_YESNO_START) or tokens[0] in particles or _ASKS_AFTER_TELLING.search(text):
        return True
    if any(t in particles for t in tokens[:-1]) and not _FRONTED_YES_NO.search(text):
        return False  # "X kya hai": what is X
    # ... or ends on "can" ("mera bhai bhi ja sakta?", "کیا میں جا سکتی")
    ends_can = len(tokens) > 1 and tokens[-1] in _first_tokens(_FIRST_PERSON_ENDS) and tokens[-2] in _first_tokens(
        _YESNO_ENDS)
    return (tokens[-1] in particles or tokens[-1] in _first_tokens(_YESNO_ENDS) or ends_can
            or bool(grams & _vocab("tails")))


def asks_existence(text: str, places: frozenset[str] = frozenset()) -> bool:
    """Whether a park exists somewhere, with nothing else asked: a park word, and besides the place name
    (``places``: its tokens; else one or two unknown words) only function and existence words ("is there an stp in
    quetta", "swat me stp hai?"; not "bagh park me parking hai?", which asks for parking), in the sentences that ask
    ("I'm a tech graduate from Lahore. Is there an STP in Quetta?")."""
    text = asking_part(text)
    tokens = tokenize(text)
    grams = _grams(tokens)
    if not grams & _vocab("park") or any(c.isdigit() for c in text) or focus_of(text) is not None:
        return False  # "bagh wala park 10,000 sq ft ka hai?" asks a size, not whether the park exists
    known = _known_single() | {t for kind in ("park", "exist") for key in _vocab(kind) for t in key}
    unknown = [t for t in tokens if t not in known]
    named = [t for t in unknown if t in places]
    return len(unknown) <= 2 and not (named and len(unknown) > len(named))


#: "anything", "any" ("peshawar me kuch hai?", "کوئٹہ میں کچھ ہے"): asks what there is, like the place alone.
_ANYTHING = frozenset(t for w in ("kuch", "kuchh", "kch", "koi", "کچھ", "کوئی", "anything") for t in tokenize(w))
_WHAT_ABOUT = re.compile(r"^\W*(?:(?:and|so|ok|okay)\W+)?(?:what|how|wat)\s+(?:about|abt)\s+", re.I)


def only_places(text: str, places: frozenset[str], *, strict: bool = False) -> bool:
    """A message that names places and nothing else but question, count and function words ("gb aur ajk me kya
    hai", "quetta ma bhi h kya", "لاہور میں کتنے ہیں"): to a bot about parks it asks about the parks there.
    ``strict``: no item asked either (a first message, with no park talked about yet). "what about peshawar", "how
    about quetta" are such a message too (their "what" asks nothing of the place)."""
    tokens = tokenize(_WHAT_ABOUT.sub("", text))
    grams = _grams(tokens)
    # a count asks how many there are there ("لاہور میں کتنے ہیں", "how many in lahore")
    count = {g for g in grams if any(g == key[:len(g)] for key in _keys(COUNT_WORDS))} if grams & _keys(
        COUNT_WORDS) else set()
    if grams & (_vocab("wh") - _keys(("kya", "kia", "کیا"))) - count:
        return False  # "where is gilgit?", "kashmir kis ka hai": not a question about parks
    known = _known_single() | {t for key in _vocab("exist") for t in key} | {t for k in _keys(("kya", "kia", "کیا"))
                                                                             for t in k} | _ANYTHING
    if count or strict:
        # no item of the place asked ("lahore kitna bara hai", "karachi ki abadi kitni"): with a count, or as a first
        # message (``strict``), an item named is the city's, not its parks'
        known = known - _focus_tokens() | {t for g in count for t in g}
    return any(t in places for t in tokens) and all(t in places or t in known for t in tokens)


@cache
def _focus_tokens() -> frozenset[str]:
    """The tokens of the items a question may ask for ("abadi", "size", "rent"): each names a subject."""
    return frozenset(key[0] for focus in FOCI for key in _keys(focus.ask) if len(key) == 1)


@cache
def _first_tokens(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(k[0] for k in _keys(words))

