"""Short answers to the question asked: what the question is about, and the sentences of a record that say it.

A record (a park's summary, an FAQ answer, a document section) answers many questions; replaying all of
it makes a wall of text on a phone, and a user who asked for the size should read the size first. This
module holds the *focus* vocabulary (what a question asks for: a size, jobs, a date, who runs it, ...)
in English, Urdu script and Roman Urdu, compared after :func:`bot.language.tokenize` so spellings such as
"kb tk" / "kab tak" or "hai / he" meet, and picks from a record the sentence that answers the focus
(plus at most one supporting sentence). It also tells when a record does *not* hold the focused item, so
the assistant can say so instead of repeating the record.

Everything here is tables built once and per-turn work on a handful of short sentences: no model, no
embedding (the /api/chat budget is the query's one embedding).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.language import ngrams, tokenize
from bot.language.normalize import singular


@dataclass(frozen=True)
class Focus:
    """One thing a question can ask for.

    ``ask`` are the words that put it in a question; ``evidence`` the words a sentence that answers it
    carries (often the same, plus the units and labels the knowledge writes); ``number`` says the answer
    is a figure, so a sentence without a digit does not answer it; ``figures`` are the structured field
    keys (``parks.yaml`` ``figures[].key``) that hold it.
    """

    name: str
    ask: tuple[str, ...]
    evidence: tuple[str, ...]
    number: bool = False
    figures: tuple[str, ...] = ()


#: Checked in this order: the first focus whose ``ask`` words occur wins, so specific items ("internet
#: speed", "manager") come before the general ones ("internet", "who").
FOCI: tuple[Focus, ...] = (
    Focus("speed", ("speed", "mbps", "bandwidth", "internet speed", "net speed", "سپیڈ", "رفتار", "اسپیڈ"),
          ("mbps", "speed", "bandwidth", "سپیڈ", "رفتار", "اسپیڈ")),
    Focus("manager", ("manager", "incharge", "in charge", "head of", "manager name", "manager ka naam",
                      "مینیجر", "منیجر", "انچارج", "سربراہ"),
          ("manager", "incharge", "مینیجر", "منیجر", "انچارج", "سربراہ")),
    Focus("seats", ("desk", "desks", "seat", "seats", "workstation", "workstations", "ڈیسک", "سیٹ", "سیٹیں",
                    "سیٹس"),
          ("desk", "desks", "seat", "seats", "workstation", "workstations", "ڈیسک", "سیٹ", "سیٹیں"), number=True),
    Focus("for_whom", ("meant for", "for whom", "who is it for", "who are they for", "who can", "kis ke liye",
                       "kin ke liye", "kin logon", "kis liye", "کن کے لیے", "کس کے لیے", "کن لوگوں",
                       "کن لوگوں کے لیے", "کن کیلئے", "کس کیلئے", "کن کن کیلئے", "کن کن کے لیے",
                       # who gets it, who qualifies ("who gets the subsidy", "subsidy kis ko milti hai")
                       "who gets", "who get", "who can get", "who qualifies", "who is eligible", "eligible",
                       "eligibility", "kis ko", "kisko", "kin ko", "kinko", "haqdar", "کس کو", "کن کو", "کسے",
                       "حق دار", "حقدار", "اہل", "who can apply", "kon apply", "kaun apply", "kon le sakta",
                       "kaun le sakta", "کون اپلائی", "کون درخواست", "کون لے سکتا"),
          ("for", "ke liye", "کے لیے", "liye", "tenant", "kirayedar", "کرایہ دار", "eligib", "haqdar", "حق دار",
           "companies", "کمپنیوں", "کمپنیاں")),
    # how much off ("kiraye me kitna discount milta h"): the rule's share, not the rent in rupees
    Focus("share", ("percent", "percentage", "%", "share", "fisad", "feesad", "فیصد", "discount", "chhoot", "chhut",
                    "rayat", "riayat", "concession", "رعایت", "چھوٹ", "ڈسکاؤنٹ"),
          ("%", "percent", "فیصد", "share"), number=True),
    Focus("area", ("size", "sizes", "big", "bigger", "area", "sq ft", "sqft", "square feet", "square foot",
                   "workspace", "office space", "floor space",
                   "total space", "raqba", "raqbe", "raqbay", "sq", "square", "سکوائر", "اسکوائر", "فٹ", "kitna bara",
                   "kitna bada",
                   "bara hai", "bada hai", "رقبہ", "رقبے", "سائز", "مربع", "بڑا", "jagah", "جگہ",
                   # "which is bigger" ("dono me bara kon sa hai" read "kon" as who runs them)
                   "bara kon", "bara kaun", "bada kon", "bada kaun", "bara konsa", "bara kaunsa", "zyada bara",
                   "zyada bada", "sab se bara", "sabse bara", "sab se bada", "sabse bada", "sab se bari", "sabse bari",
                   "larger", "largest", "biggest",
                   # the smaller of two ("which is smaller", "kon chhota hai"; not "smaller cities")
                   "is smaller", "which is smaller", "smaller one", "smaller than", "chhota kon", "chota kon",
                   "kon chhota",
                   "kon chota", "konsa chhota", "konsa chota", "کون چھوٹا", "کون سا چھوٹا"),
          ("sq ft", "square feet", "square foot", "sqft", "raqba", "raqbe", "size", "مربع فٹ", "رقبہ", "رقبے", "سائز"),
          number=True, figures=("area_sqft",)),
    Focus("cost", ("cost", "costs", "costing", "budget", "laagat", "lagat", "kharcha", "kharch", "خرچہ", "خرچا",
                   "investment", "لاگت", "بجٹ", "خرچ", "money spent", "being spent", "spent on",

                   # money spent on building it ("kitna paisa lag raha", "kitne ka ban raha", "کتنا پیسہ لگ رہا"),
                   # not what a tenant pays ("kitna paisa lagta hai office ka" is a fee)
                   "paisa lag", "paise lag", "paisa laga", "paise lage", "kitne ka ban", "kitne ka bana",
                   "kitne mein ban", "پیسہ لگ", "پیسے لگ", "پیسے لگے", "کتنے کا بن", "کتنے میں بن",
                   # what an IT park is worth ("isb it park kitne ka hai"), not a room's price (_WORTH_OF_A_PARK)
                   "kitne ka hai", "kitne ka h", "kitne ka he", "کتنے کا ہے",
                   # a project's worth put to the test ("86 ملین ڈالر کا منصوبہ ہے"; exports are "... کی برآمدات")
                   "ملین ڈالر کا", "million dollar ka", "million dollar project", "million dollar ka project"),
          ("cost", "laagat", "لاگت", "budget", "بجٹ"), number=True, figures=("cost_usd",)),
    Focus("exports", ("export", "exports", "foreign exchange", "zarmubadla", "zar e mubadla", "remittance",
                      "برآمد", "برآمدات", "ایکسپورٹ", "ایکسپورٹس", "زرمبادلہ", "زرِ مبادلہ"),
          ("export", "exports", "foreign exchange", "برآمد", "برآمدات", "ایکسپورٹ", "زرِ مبادلہ", "زرمبادلہ"),
          number=True, figures=("exports_usd_per_year",)),
    Focus("jobs", ("job", "jobs", "employment", "naukri", "naukriyan", "naukriyon", "rozgar ke mauqe",
                   "نوکری", "نوکریاں", "نوکریوں", "ملازمت", "ملازمتیں", "ملازمتوں"),
          ("job", "jobs", "employment", "naukri", "naukriyan", "نوکری", "نوکریاں", "نوکریوں", "ملازمت",
           "ملازمتیں", "ملازمتوں", "employ"),
          number=True, figures=("jobs",)),
    Focus("companies", ("companies", "company", "firms", "firm", "registered companies", "registered it companies",
                        "registered firms", "کمپنی", "کمپنیاں", "کمپنیوں", "فرمز", "رجسٹرڈ کمپنیاں"),
          ("companies", "company", "firms", "کمپنیاں", "کمپنیوں", "کمپنی"),
          number=True, figures=("companies", "registered_companies")),
    Focus("duration", ("how long", "months", "month", "kitne time", "kitne arse", "kitni dair", "mahine",
                       "کتنے عرصے", "کتنی دیر", "مہینے", "ماہ", "how many years", "saal tak", "sal tak",
                       "kitne saal", "سال تک", "کتنے سال", "kab khatam", "khatam hoti", "khatam hogi", "expire",
                       "expires", "run out", "کب ختم"),
          ("month", "months", "mahine", "mahinon", "مہینے", "مہینوں", "ماہ", "year", "years"), number=True),
    Focus("when", ("when", "kab", "by when", "kab tak", "which year", "kis saal", "year", "date", "کب", "کس سال",
                   "کب تک", "کس سن"),
          ("20",), number=True, figures=("completion_year",)),
    Focus("women", ("women", "woman", "female", "females", "ladies", "girls", "khawateen", "khawatin", "aurat",
                    "aurton",
                    "auraton", "auratein", "aurtein", "aurtain", "auraten", "larkiyon", "larkiyan", "خواتین",
                    "عورتوں", "لڑکیوں", "عورتیں", "لڑکیاں"),
          ("women", "woman", "female", "khawateen", "خواتین", "عورتوں", "womenomics")),
    Focus("people", ("people", "ppl", "professionals", "staff", "workers", "employees", "log", "afraad",
                     "لوگ", "پروفیشنلز", "افراد", "ملازمین"),
          ("professionals", "professional", "people", "employ", "jobs", "job", "naukriyan", "پروفیشنلز", "افراد",
           "log", "لوگ", "ملازمتیں", "نوکریاں"),
          number=True, figures=("jobs",)),
    Focus("parks", (), (), number=True, figures=("count_planned", "count_functional")),
    Focus("who", ("who", "whom", "by whom", "with whom", "kis ke sath", "kis ke saath", "کس کے ساتھ", "partner",
                  "partners", "partnered", "kaun", "kon", "kis ne", "kisne", "kisnay", "کسنے", "operator", "operates",
                  "runs", "run by",
                  "managed by", "کون", "کس نے", "چلاتا", "چلاتے", "which organisation", "which organization",
                  "which ministry", "kis ministry", "kis wizarat", "کس وزارت",
                  "kis idare", "kis idaray", "ishtirak", "کس ادارے", "اشتراک"),
          ("run", "runs", "running", "set up", "sets up", "overseen", "oversees", "operat", "operator", "built",
           "develop", "developed", "under", "with", "together with", "chala", "chalata", "chalane", "banata",
           "banaya", "saath", "nigrani",
           "nigraani", "قائم", "چلا", "چلاتا", "چلانے", "بنا", "بنایا", "تحت", "نگرانی", "ساتھ", "اشتراک")),
    Focus("address", ("address", "adress", "street address", "exact location", "map", "pata kya", "head office",
                      "headquarters", "hq", "ایڈریس", "پتہ", "پتا", "پتے", "ہیڈ آفس"),
          ("road", "street", "plot", "floor", "sector", "block", "روڈ", "گلی", "سیکٹر")),
    Focus("contact", ("phone", "phone number", "contact", "contact number", "email", "e-mail", "whatsapp number",
                      "website", "helpline", "فون", "رابطہ", "ای میل", "ویب سائٹ"),
          ("+92", "www", "http", "@")),
    Focus("where", ("where", "kahan", "kahaan", "kidhar", "located", "location", "kis jagah", "which place", "کہاں",
                    "کدھر", "واقع", "کس جگہ"),
          ("in", "mein", "میں", "located", "واقع", "floor", "building", "road", "street", "plaza", "campus",
           "university", "یونیورسٹی", "central", "markazi", "ilaqe", "ilaqa", "مرکزی", "علاقے", "علاقہ")),
)
FOCUS_BY_NAME = {f.name: f for f in FOCI}

#: The question wants a number ("how many", "kitne", "کتنی") even when the item has no focus of its own.
COUNT_WORDS = ("how many", "how much", "kitne", "kitni", "kitna", "tadaad", "tadad", "ginti", "number of", "no of",
               "no. of", "total",
               "کتنے", "کتنی", "کتنا", "تعداد")
#: Words a question needs to be grammatical but that name nothing: they do not count as the
#: question's own words when a sentence is matched to it, nor as a subject of a follow-up fragment.
FUNCTION_WORDS = (
    "a", "an", "the", "is", "are", "r", "was", "were", "be", "will", "would", "do", "does", "did", "of", "in", "on",
    "or", "and", "aur", "اور", "either", "ya", "یا",
    "at", "to", "for", "by", "with", "from", "what", "whats", "what's", "wat", "how", "much", "many", "so", "far",
    "yet", "already", "now", "then", "also", "too", "still", "right", "ok", "pls", "please", "plz", "u", "you",
    "can", "could", "tell", "me", "about", "any", "one", "have", "has", "had", "get", "got", "been", "going",
    "kya", "kia", "hai", "hain", "h", "he", "ha", "tha", "thi", "thay", "the", "ho", "hoga", "hogi", "honge",
    "hongi", "ka", "ki", "ke", "ko", "me", "mein", "main", "mai", "se", "tak", "tk", "par", "pe", "bhi", "to",
    "abhi", "na", "ne", "kar", "kr", "raha", "rahi", "rahe", "batao", "bataen", "bataein", "btao", "bata", "de",
    "do", "hy", "ab", "k", "mujhe", "hamein", "my", "mera", "meri", "mere", "sakta", "sakti", "sakte", "may", "might",
    "میرا", "میری", "میرے", "سکتا", "سکتی", "سکتے",
    "کیا", "ہے", "ہیں", "تھا", "تھی", "تھے", "ہو", "ہوگا", "ہوگی", "کا", "کی", "کے", "کو", "میں", "سے", "تک",
    "پر", "بھی", "ابھی", "نے", "بتائیں", "بتاؤ", "اب", "ہوں", "گے", "گی", "پلیز", "پلز",
    # pronouns point back at the subject; they name nothing a sentence could share ("is it 50 percent?" is not
    # answered by "does not say how to claim it")
    "this", "that", "they", "them", "their", "ye", "yeh", "wo", "woh", "یہ", "وہ",
    # "the one of" ("gilgit wala park"): names nothing ("chalane wala idara" is no answer to "gilgit wala park kesa hy")
    "wala", "wali", "wale", "walay", "waley", "walon", "والا", "والی", "والے",
)
#: Network-wide totals ("all the STPs", "overall", "سب ... ملا کے") rather than one park's or city's record.
NETWORK_WORDS = ("total", "overall", "altogether", "all the", "in all", "combined", "network", "all stps",
                 "sab", "saare", "sare", "mila ke", "mila kar", "kul", "پورے", "سارے", "تمام", "کل", "ملا کے",
                 "ملا کر", "سب")
#: The question asks for every item of a kind ("kaun kaun si", "which cities"): the whole record answers it.
LIST_WORDS = ("kaun kaun", "kon kon", "kis kis", "kahan kahan", "kin kin", "what all", "which all", "list",
              "which cities", "which places", "kin shehron", "kis kis shehar", "کون کون", "کن کن", "کہاں کہاں",
              "کن شہروں", "فہرست")
#: The user asks for more than the short answer.
MORE_WORDS = ("tell me more", "more detail", "more details", "details", "detail", "in detail", "explain",
              "elaborate", "tafseel", "tafsil", "mazeed", "aur batao", "aur bataen", "aur btao", "or batao",
              "more info", "more information", "more infos", "aur info", "aur maloomat", "zyada maloomat",
              "ziada maloomat", "zyada batao", "ziada batao",
              "مزید", "تفصیل", "تفصیلات")  # not "full"/"poori"/"مکمل": "fully free", "کب مکمل ہوگا" ask no detail


@cache
def _keys(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The index-token keys of a constant word table (cached: the tables are read on every message)."""
    return tuple(k for k in (tuple(tokenize(w)) for w in words) if k) + tuple((w,) for w in words if w == "%")


@cache
def _compiled() -> dict[str, tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]]:
    return {f.name: (_keys(f.ask), _keys(f.evidence)) for f in FOCI}


@cache
def _foci_of_key() -> dict[tuple[str, ...], frozenset[str]]:
    """Each question-word key and the foci it asks for: a question's few n-grams are looked up here, instead of
    every focus's keys being searched in them (hundreds of keys, on every new text)."""
    foci: dict[tuple[str, ...], set[str]] = {}
    for name, (ask, _) in _compiled().items():
        for key in ask:
            foci.setdefault(key, set()).add(name)
    return {key: frozenset(names) for key, names in foci.items()}


def _named_foci(grams: frozenset[tuple[str, ...]]) -> list[str]:
    """The foci whose question words occur among ``grams``, in :data:`FOCI` order."""
    of_key = _foci_of_key()
    named: set[str] = set()
    for gram in grams:
        names = of_key.get(gram)
        if names:
            named |= names
    return [name for name in _compiled() if name in named] if named else []


@cache
def _count_and_park_tokens() -> tuple[frozenset[str], frozenset[str]]:
    """The last tokens of count words (not amounts) and the first tokens of park words."""
    return (frozenset(k[-1] for k in _word_keys("count")) - _AMOUNT_WORDS,
            frozenset(k[0] for k in _keys(PARK_WORDS)))


@cache
def _word_keys(kind: str) -> tuple[tuple[str, ...], ...]:
    return _keys({"count": COUNT_WORDS, "network": NETWORK_WORDS, "more": MORE_WORDS, "list": LIST_WORDS}[kind])


@cache
def _function_keys() -> frozenset[tuple[str, ...]]:
    return frozenset(k for k in _keys(FUNCTION_WORDS) if len(k) == 1)


def _grams(text: str) -> frozenset[tuple[str, ...]]:
    return _sentence_grams(text)


def _grams_of(text: str) -> frozenset[tuple[str, ...]]:
    grams = ngrams(tokenize(text), 4)
    return grams | {("%",)} if "%" in text else grams


#: What a park is called: "how many" with one of these and no other item asks for a number of parks.
PARK_WORDS = ("stp", "stps", "park", "parks", "software technology parks", "ایس ٹی پی", "ایس ٹی پیز", "پارک",
              "پارکس")
#: A number of parks in a sentence: a count (not a year, not "FY2022-24") right before the park word.
_PARKS_COUNT = re.compile(
    r"(?<![\d\-–])(?!(?:19|20)\d\d\b)\d{1,3}\s+(?:\S+\s+){0,1}(?:stps?\b|software technology parks|parks\b|"
    r"ایس ٹی پی|سافٹ ویئر ٹیکنالوجی پارک|پارکس)", re.I)
#: Who runs or built something: an organisation must be named next to the verb.
_ACTORS = ("pseb", "moitt", "ministry", "minister", "government", "hukumat", "sco", "university", "پی ایس ای بی",
           "وزارت", "وزیر", "حکومت", "ایس سی او", "یونیورسٹی")


#: An organisation written as an acronym ("NUST", "SCO", "PSEB") names who runs or built something.
_ACRONYM = re.compile(r"\b[A-Z]{3,}\b")


@lru_cache(maxsize=8192)
def focus_of(text: str) -> str | None:
    """The first focus (in :data:`FOCI` order) whose question words occur in ``text``; ``parks`` for a
    count of parks ("how many stps", "کتنے ایس ٹی پی")."""
    for name in _named_foci(_grams(text)):
        if _asked(name, text):
            return name
    tokens = tokenize(text)
    counts, parks = _count_and_park_tokens()
    if any(t in counts and _places_counted(tokens, i) for i, t in enumerate(tokens)):
        return None  # "wo 25 naye stps kitne shehron me bane": how many cities
    if any(t in counts and parks & set(tokens[max(0, i - 3) : i + 3]) for i, t in enumerate(tokens)):
        return "parks"  # "how many stps", "kitne naye stp", "کتنے ایس ٹی پی", "ایس ٹی پیز کتنے ہیں"
    if any(t.isdigit() and 10 <= int(t) < 1900 and parks & set(tokens[i + 1 : i + 3]) for i, t in enumerate(tokens)):
        return "parks"  # a count put to the test: "r there like 100 stps", "kya 50 naye stp bane"
    return None


def item_named(text: str) -> str | None:
    """The first focus whose question words occur in ``text``, asked or not: what two places are compared on
    ("which has more it companies, faisalabad or quetta" names companies without a count word)."""
    return next(iter(_named_foci(_grams(text))), None)


#: Places counted ("kitne shehron me", "how many cities", "کتنے شہروں میں"): a count of cities, not of parks.
_PLACE_NOUNS = frozenset(t for w in ("cities", "city", "towns", "shehron", "shehro", "shehar", "ilaqon", "areas",
                                     "provinces", "شہروں", "شہر", "علاقوں", "صوبوں") for t in tokenize(w))


def _places_counted(tokens: list[str], i: int) -> bool:
    return any(t in _PLACE_NOUNS for t in tokens[i + 1 : i + 3])


#: "how much", "kitna", "کتنا" ask an amount, not a number of parks ("how much do stps add to local economies").
_AMOUNT_WORDS = frozenset(t for w in ("much", "kitna", "کتنا") for t in tokenize(w))


#: Plain nouns that questions also use for something else ("the rent for a company", "people who work there",
#: "rent per month"): they ask for the item only next to a count word ("how many companies", "companies
#: kitni", "کتنی کمپنیاں", "kitne mahine"). None: every ask word of the focus is such a noun.
_COUNTED: dict[str, frozenset[str] | None] = {
    # the focus's own one-word ask words ("registered companies" asks by itself)
    "companies": frozenset(w for w in FOCUS_BY_NAME["companies"].ask if " " not in w),
    "people": None,
    # "how many desks", "kitni seats": a count of seats; "seat kaise milegi" asks how to get one
    "seats": frozenset(w for w in FOCUS_BY_NAME["seats"].ask if " " not in w),
    "duration": frozenset({"month", "months", "mahine", "مہینے", "ماہ"}),
    # "kitni jagah", "کتنی جگہ": how much space; "kis jagah" is where
    "area": frozenset({"jagah", "جگہ"}),
    # "kitna discount", "how much discount": the share taken off; "any discount for women?", "tax discount" do not
    # ask a share
    "share": frozenset({"discount", "chhoot", "chhut", "rayat", "riayat", "concession", "رعایت", "چھوٹ", "ڈسکاؤنٹ"}),
}


_RATE_WORDS = frozenset(t for w in ("per", "a", "every", "each", "har", "fi", "فی", "ہر") for t in tokenize(w))


@cache
def _weak_tokens(name: str) -> frozenset[str] | None:
    words = _COUNTED[name]
    return None if words is None else frozenset(t for w in words for t in tokenize(w))


#: How to get something ("how do i get office space", "jagah kaise milegi", "جگہ کیسے ملے گی"), not its size.
_HOW_TO_GET = re.compile(r"\bhow\s+(?:do|can|could|would|to|should)\s+(?:(?:i|we|you|one)\s+)?"
                         r"(?:get|rent|obtain|find|take)\b"
                         r"|\b(?:kaise|kese|kaisay|kesay|kesy)\s+(?:mil|le\b|lein|lain|hasil)|کیسے\s+(?:مل|لی|لے|حاصل)",
                         re.I)
@cache
def _place_to_work_keys() -> frozenset[tuple[str, ...]]:
    """The area words that also name a place to work ("office space", "jagah"): what one asks how to get."""
    return frozenset(_keys(("office space", "workspace", "floor space", "space", "jagah", "جگہ")))


#: Words that ask a size only of a place: "how big is the bagh park" asks its area, "how big was the trade
#: surplus" does not.
_SIZE_WORDS = frozenset(t for w in ("big", "bigger", "bara", "bada", "بڑا") for t in tokenize(w))


#: "Who pays / gives" asks who bears a cost, not who runs a place ("ایس ٹی پی میں نیٹ کا بل کون دیتا ہے").
_PAYING = frozenset(t for w in ("pay", "pays", "paid", "give", "gives", "deta", "deti", "dete", "dega", "degi",
                                "bharta", "bharti", "دیتا", "دیتی", "دیتے", "دے", "بھرتا", "بھرتی", "covers")
                    for t in tokenize(w))


#: Words that point at a place asked about before ("how big is that one", "اس کا رقبہ"): a size asked of it. Not
#: "it", which is also IT ("how big was the it trade surplus").
_PLACE_POINTERS = ("that one", "this one", "one", "there", "uska", "us ka", "iska", "is ka", "wahan",
                   "اس کا", "وہاں")


#: The writer says what they run ("میں ایک این جی او چلاتا ہوں", "i run a small agency", "hum software house chalate
#: hain"): no question of who runs a park.
_RUNS_OWN = re.compile(r"\b(?:i|we)\s+(?:run|operate|manage)\b|"
                       r"\b(?:main|mein|mai|hum|ham)\b.{0,40}\bchala(?:ta|ti|te)\s+(?:hun|hoon|hu|hain|hen)\b|"
                       r"میں\b.{0,40}چلات[اےی]\s+ہوں|ہم\b.{0,40}چلاتے\s+ہیں", re.I)


def _asked(name: str, text: str) -> bool:
    if name == "who":
        return not _PAYING & set(_tokens(text)) and not _RUNS_OWN.search(text)
    if name == "cost":
        # what a tenant pays ("costs of renting an office", "running costs covered by the subsidy") is a fee; "kitne ka
        # hai" asks what an IT or technology park is worth ("isb it park kitne ka h"), of anything else its price
        if _TENANT_COSTS.search(text):
            return False
        asked = [k for k in _compiled()["cost"][0] if k in _grams(text)]
        return not (asked and all(k in _worth_keys() for k in asked)) or bool(_WORTH_OF_A_PARK.search(text))
    if name == "area":
        tokens = _tokens(text)
        space = _weak_tokens("area") or frozenset()  # "jagah": space only after a count word ("kitni jagah")
        asked = [k for k in _compiled()["area"][0] if k in _grams(text)]
        if _HOW_TO_GET.search(text) and all(k in _place_to_work_keys() for k in asked):
            return False  # "how do i get office space in an stp": how to get one, not its size ("how big ... and how
            # do i get there" still asks the size)
        if asked and all(k in _size_of() for k in asked) and _economy_tokens() & set(tokens):
            return False  # "gig economy ka size", "market size": money, not floor space
        if asked and all(set(k) <= space for k in asked):
            counts = {k[-1] for k in _word_keys("count")}
            return any(t in space and counts & set(tokens[max(0, i - 2) : i]) for i, t in enumerate(tokens))
        strong = any(k in _grams(text) and not set(k) <= _SIZE_WORDS | space for k in asked)
        return strong or len(tokens) <= 4 or any(k in _grams(text) for k in _keys(PARK_WORDS + _PLACE_POINTERS))
    if name not in _COUNTED or (name == "share" and "%" in text):
        return True  # ("%" is no token: "rent ka kitna % govt cover krti h" asks a share by it)
    tokens = _tokens(text)
    if len(tokens) <= 3:
        return True  # a fragment that names only the item ("companies?", "aur log?") asks for it
    weak = _weak_tokens(name)
    counts = {k[-1] for k in _word_keys("count")}
    for key in _compiled()[name][0]:
        for i in range(len(tokens) - len(key) + 1):
            if tuple(tokens[i : i + len(key)]) != key:
                continue
            if weak is not None and not (len(key) == 1 and key[0] in weak):
                return True  # a phrase that asks by itself ("how long", "kitne arse", "registered companies")
            if i and tokens[i - 1] in _RATE_WORDS:
                continue  # "per month", "har mahine", "فی مہینہ": a rate, not a length of time
            if counts & set(tokens[max(0, i - 3) : i + len(key) + 3]):
                return True
    return False


#: The words that ask a size of anything: of an economy or a market they ask an amount of money.
@cache
def _size_of() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(tokenize(w)) for w in ("size", "sizes", "سائز"))


#: A cost that a tenant bears, not what a park costs to build.
_TENANT_COSTS = re.compile(r"\b(?:rent|renting|running|monthly|per\s+month|office|desk|seat|room|kamra|cubicle|"
                           r"membership|kiraya|kiraye|daftar|mahana|کرایہ|کرائے|دفتر|آفس|کمرہ|ڈیسک|سیٹ|ماہانہ|"
                           # the bills a subsidy covers ("انٹرنیٹ کا خرچہ حکومت دیتی ہے کیا": yes, for 12 months)
                           r"internet|net|bill|bills|bijli|electricity|انٹرنیٹ|نیٹ|بل|بجلی)\b", re.I)
#: "kitne ka hai" right after an IT or technology park's name: what it is worth, its cost.
_WORTH = ("kitne ka hai", "kitne ka h", "kitne ka he", "کتنے کا ہے")
_WORTH_OF_A_PARK = re.compile(r"(?:\bit|\btech(?:nology)?|آئی\s*ٹی|ٹیکنالوجی)\s+(?:park|پارک)\s+(?:ki\s+|کی\s+)?"
                              r"(?:kitne|ktne|kitny|کتنے)\s+(?:ka|کا)\b", re.I)


@cache
def _worth_keys() -> frozenset[tuple[str, ...]]:
    return frozenset(_keys(_WORTH))


@cache
def function_tokens() -> frozenset[str]:
    """The tokens of :data:`FUNCTION_WORDS` and the question words: they name nothing a record could share."""
    return frozenset(k[0] for k in _function_keys()) | frozenset(
        t for w in ("who", "how", "what", "when", "where", "which", "why", "kia", "kya", "kaun", "kon", "kab", "kahan",
                    "kaise", "kese", "کون", "کب", "کہاں", "کیسے", "کیوں", "دیں", "دو") for t in tokenize(w))


@cache
def _economy_tokens() -> frozenset[str]:
    return frozenset(t for w in ("economy", "market", "industry", "sector", "maeeshat", "muashi", "معیشت", "مارکیٹ",
                                 "انڈسٹری") for t in tokenize(w))


@lru_cache(maxsize=8192)
def has_words(text: str, kind: str) -> bool:
    """Whether ``text`` carries words of ``kind``: ``count``, ``network``, ``list`` or ``more``."""
    grams = _grams(text)
    return any(k in grams for k in _word_keys(kind))


@lru_cache(maxsize=8192)
def _sentence_grams(sentence: str) -> frozenset[tuple[str, ...]]:
    return _grams_of(sentence)


#: A percentage: the figure of a share, never of a count, a size or a sum.
_PERCENT = re.compile(r"[0-9۰-۹][0-9۰-۹.,]*\s*(?:%|percent\b|per cent\b|fisad\b|فیصد)", re.I)
#: A sentence ends at . ! ? ۔ ؟ followed by space, but not after an initial ("D. I. Khan", "M. Ali"), a title
#: ("Ms. Ayesha Khan") or "Rs." before an amount ("Rs. 6,500 per month").
_SENTENCE = re.compile(r"(?<=[.!?۔؟])(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bEngr\.)"
                       r"(?<!\bProf\.)(?<![Rr]s\.)(?<![aApP]\.[mM]\.)(?!(?<=\bNo\.)\s+\d)\s+(?=\S)")
_DIGIT = re.compile(r"[0-9۰-۹]")
#: A year ("2025", "2024-25", "FY2025"): a date, not the figure a count or an amount asks for.
_YEAR = re.compile(r"(?<![\d.,])(?:FY)?(?:19|20|۱۹|۲۰)[\d۰-۹]{2}(?:[-–][\d۰-۹]{2,4})?(?!\d|[.,]\d)")


def _has_figure(sentence: str) -> bool:
    """A number other than a year, in digits or in words."""
    return bool(_DIGIT.search(_YEAR.sub(" ", sentence)) or _NUMBER_WORD.search(sentence))


#: A figure written in words ("more than one million people", "das lakh se zyada", "دس لاکھ").
_NUMBER_WORD = re.compile(r"\b(?:million|billion|lakh|lac|crore|thousand|hazar|hazaar)\b|ملین|بلین|لاکھ|کروڑ|ہزار",
                          re.I)
#: A stored yes/no opener ("Yes.", "Ji haan,", "جی ہاں۔") that the knowledge may still carry: the assistant
#: decides yes or no from evidence, so the record's own opener is never replayed.
_STORED_OPENER = re.compile(
    r"^\s*(?:yes|no|ji\s*haa?n|jee\s*haa?n|haa?n(?:\s*ji)?|ji\s*nahi[n]?|nahi[n]?|جی\s*ہاں|جی\s*نہیں|ہاں|نہیں)"
    r"\s*[.,!،۔]\s*", re.I)
#: A sentence that says an item is *not* in the sources ("does not give its size", "nahi bataya", "درج نہیں").
_NOT_KNOWN = re.compile(
    r"\b(?:do(?:es)?\s+not|don't|doesn't|cannot|no)\s+(?:\w+\s+){0,3}?(?:have|give|say|name|list|mention|describe|"
    r"details|address|clear)\b|\bnot\s+(?:clear|known|given|listed|named)\b|\bno\s+(?:\w+\s+)?(?:address|"
    r"details|figure|rent|contact)\b|\b(?:give|gives|has|have|list|lists|name|names)\s+no\b"
    r"|\bnahi(?:n)?\s+(?:diya|di|diye|bataya|batayi|hai|hain|keh|likha|likhi|likhe)\b|\bnahi\b[^.]{0,20}[.!?]?$|\bclear\s+nahi\b"
    r"|\bnahi(?:n)?\s*;|نہیں\s*[؛;]"  # "Hamare paas Quetta STP ka address, size ya kiraya nahi; parkbot ..."
    r"|\b(?:maloomat|maloom|malum|pata|darj|zikr|mojood|maujood)\s+(?:hi\s+)?nahi(?:n)?\b"
    r"|(?:موجود|درج|معلوم|ذکر|واضح)\s+نہیں|نہیں\s+(?:دی|دیا|دیے|بتا|کہہ|لکھا|لکھی)|نام نہیں", re.I)


#: A year that dates the source, not the thing asked ("a 2024 blog article", "2024 کے ایک بلاگ مضمون", "2025 ke
#: ek article"): it does not answer "when".
_SOURCE_YEAR = re.compile(
    r"(?:19|20)\d\d(?:\s+\S+){0,6}?\s+(?:blog\s+)?(?:article|update|report|post|brochure|survey|mazmoon|"
    r"مضمون|اپ ڈیٹ|رپورٹ|بروشر|سروے)", re.I)


def strip_opener(text: str) -> str:
    """``text`` without a stored yes/no opener at its start."""
    return _STORED_OPENER.sub("", text, count=1) if _STORED_OPENER.match(text) else text


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


@lru_cache(maxsize=8192)
def says_not_known(sentence: str) -> bool:
    """Whether the sentence says an item is not in the sources (remembered: record sentences recur, and the
    pattern has no fixed start, so every search tries it at every position)."""
    return bool(_NOT_KNOWN.search(sentence))


def _evidence(sentence: str, focus: Focus, strict: bool = True) -> bool:
    """Whether the sentence answers ``focus``. ``strict``: a wanted figure stands next to the item's word;
    otherwise any figure in the sentence will do (used before saying an item is *not* known, which must
    only be said when no sentence comes close)."""
    grams = _sentence_grams(sentence)
    _, evidence = _compiled()[focus.name]
    if focus.name == "when":
        # a year, also a fiscal one ("FY2022-24")
        return bool(re.search(r"(?:\b|FY)(?:19|20)\d\d\b|[۱۲][۰۹][۰-۹][۰-۹]", _SOURCE_YEAR.sub("", sentence)))
    if focus.name == "parks":
        # a count of parks, or that the count is not known ("do not say how many STPs are in Lahore"); not any
        # not-known sentence ("no fee amount" holds no count of parks)
        return bool(_PARKS_COUNT.search(sentence)) or (says_not_known(sentence) and has_words(sentence, "count"))
    if focus.name == "who" and not (any(k in grams for k in _keys(_ACTORS)) or _ACRONYM.search(sentence)
                                    or says_not_known(sentence)):
        return False
    if not any(k in grams for k in evidence):
        return False
    if not focus.number or says_not_known(sentence):
        return True
    if focus.name != "share":
        sentence = _PERCENT.sub(" ", sentence)  # "tenant companies get a 100% subsidy" counts no companies
    return _near_number(sentence, evidence) if strict else bool(_DIGIT.search(sentence))


#: How many words from the item's word its figure may stand ("more than 350 IT and ITeS companies").
NEAR = 6


@lru_cache(maxsize=4096)
def _tokens(sentence: str) -> tuple[str, ...]:
    return tuple(tokenize(sentence))


def _near_number(sentence: str, evidence: tuple[tuple[str, ...], ...]) -> bool:
    """A figure stands next to the item's word: "18,000 professionals", "cost at US$186 million", "رقبہ
    5,000 مربع فٹ" (a digit elsewhere in the sentence, "tenant companies ... 25%", is another item's)."""
    tokens = _tokens(sentence)
    digits = [i for i, t in enumerate(tokens) if any(c.isdigit() for c in t)]
    for key in evidence:
        n = len(key)
        for i in range(len(tokens) - n + 1):
            if tokens[i : i + n] == key and any(i - NEAR <= d <= i + n - 1 + NEAR for d in digits):
                return True
    return False


@dataclass
class Selection:
    """The sentences chosen from a record, and whether the record holds the focused item at all."""

    lead: list[str]
    #: the question had a focus and no sentence of the record answers it
    missing: bool = False
    #: the chosen lead itself says the item is not in the sources
    says_missing: bool = False


def without_foci(text: str, foci: Iterable[str]) -> str:
    """``text`` without the words that ask for ``foci`` ("what % of stp professionals are women" without
    share and women): the subject of an earlier question, to ask it something else."""
    asked = {k[0] for name in foci if name in _compiled() for k in _compiled()[name][0] if len(k) == 1}
    return " ".join(w for w in text.split() if not asked.intersection(tokenize(w)))


@lru_cache(maxsize=8192)
def foci_of(text: str) -> tuple[str, ...]:
    """Every focus the question asks for, in :data:`FOCI` order ("how big is it and who set it up?": area,
    who), so a compound question gets a sentence for each part, not only for the first."""
    found = tuple(name for name in _named_foci(_grams(text)) if _asked(name, text))
    return found or tuple(f for f in (focus_of(text),) if f)


#: What a general question ("tell me about NIC", "what is an STP?") may read: a phone screen.
GENERAL_LIMIT = 360
#: What a compound question ("how big ... and who ...?") may read: its parts, one sentence each.
COMPOUND_LIMIT = 420


#: A sentence that opens by pointing back at the one before it ("Is ka raqba ...", "It covers ...", "اس کے علاوہ
#: ..."): read first, it names nothing, so the sentence it points at comes before it.
#: Case-sensitive, so "IT exports ...", "US$186 million" and "UN ..." are not pronouns.
_POINTS_BACK = re.compile(
    r"^(?:[Ii]ts?|[Ii]t's|[Tt]hey|[Tt]heir|[Tt]hem|[Tt]his|[Tt]hese|[Tt]hose|[Tt]hat|[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Ii]s|"
    r"[Ii]ska|[Ii]ski|[Ii]ske|[Ii]say|[Ii]se|[Yy]e|[Yy]eh|[Ww]o|[Ww]oh|[Uu]s|[Uu]ska|[Uu]ski|[Uu]ske|[Uu]n|[Uu]nka|"
    r"[Uu]nki|[Uu]nke|[Yy]ahan|[Ww]ahan|اس|اسے|یہ|وہ|ان|انہوں|یہاں|وہاں)\b(?!\$)")


#: A sentence that opens by pointing at several things the one before named ("These include ...", "ان میں ...", "In
#: mein ..."): shown without that sentence, its figures read as another count.
_POINTS_AT_MANY = re.compile(r"^(?:[Tt]hese|[Tt]hose|[Tt]hat includes|[Oo]f (?:these|them)|[Aa]mong them|"
                             r"[Ii]n\s+m[ae]in|[Uu]n\s+m[ae]in|ان\s+میں|انہی)\b")
#: How far a sentence and the one it points back at may run past the answer's length limit together.
REFERENT_ROOM = 100


def _with_referent(lead: list[str], parts: list[str], limit: int, focus: Focus | None) -> list[str]:
    """``lead`` with the sentence its first sentence points back at put before it, when it points back; the
    supporting sentences after those two stay only while the whole fits ``limit``. Not for a figure asked of a
    named thing ("bagh park ka size?": "Its area is 5,000 sq ft" answers it), only for what a general, yes/no
    or who/where question leads with ("sirf khawateen ke liye koi stp hai?" is not answered by "It covers 5,000
    sq ft")."""
    first = parts.index(lead[0])
    many = bool(_POINTS_AT_MANY.match(lead[0]))  # "In mein 13,400 ...": a part of a figure, never shown without it
    if (focus is not None and focus.number and not many) or first == 0 or (not _POINTS_BACK.match(lead[0])
                                                                           and not many):
        return lead
    referent = next((parts[i] for i in range(first - 1, -1, -1) if not _POINTS_BACK.match(parts[i])), parts[0])
    if len(referent) + len(lead[0]) > max(limit, GENERAL_LIMIT) + REFERENT_ROOM:
        return lead  # two long sentences are a wall of text; the question named what "its" is
    kept = [referent, lead[0]]
    for extra in lead[1:]:
        if extra not in kept and sum(map(len, kept)) + len(extra) <= limit:
            kept.append(extra)
    return kept


#: Opening or completion, asked of a date or said of a status ("when will it open", "کب مکمل ہوگا", "operational").
_OPENING = re.compile(r"\bopen\w*|\boperational|\bcomplet\w*|\bkhul\w*|\bchalu\b|\bfa'?al\b|فعال|کھل|مکمل|چالو", re.I)
#: How many already work, asked ("how many r working rn", "ان میں کتنی چل رہی ہیں", "kitne hain abhi chalu") and said
#: ("more than 40 are already working", "40 سے زیادہ پہلے ہی کام کر رہے ہیں").
#: Also what was made ("how many jobs did STPs create", "have created"): the count that exists, not the one planned
#: (not "ab tak": "ab tak kitne stp bana chuke" asks the count of parks, which its lead gives alone).
_RUNNING_ASKED = re.compile(r"(?<![-\w])(?<!co )working\b|\b(?:functional|operational|running|chal\s*rah\w*|chalu|"
                            r"kaam\s+kar\s+rah\w*|created)\b|\bdid\b.{0,40}\bcreate\b|چل رہ|کام کر رہ|فعال", re.I)
_RUNNING_SAID = re.compile(r"(?<![-\w])(?<!co )working\b|\b(?:functional|operational|running|already|"
                           r"chal\s*rah\w*|chalu|kaam\s+kar\s+rah\w*)\b|چل رہ|کام کر رہ|فعال|پہلے ہی", re.I)
#: A status not reached yet, or not confirmed ("so we cannot confirm it has opened", "ابھی تصدیق نہیں").
_NOT_YET = re.compile(r"cannot confirm|can't confirm|not yet|confirm nahi|abhi tak|ابھی|تصدیق نہیں", re.I)
#: "IT" the sector, as typed ("IT companies", "isb it park", "it exports"), not the pronoun "it".
_IT_SECTOR = re.compile(r"\bIT\b|\bit\s+(?:parks?|compan\w*|firms?|sector|exports?|industry|professionals?|"
                        r"hubs?|board|ministry|services|jobs|training|graduates?|startups?)\b")
#: A listing row's field sentence as ingested ("STP Sahiwal: seats 80."): the row's name, then the field.
_FIELD = re.compile(r"^([^:]{2,80}?): (.+?)\.?$")


def select(text: str, question: str, focus: str | None, *, limit: int = 300, more: bool = False,
           alone: bool = False) -> Selection:
    """The sentence of ``text`` that answers ``question`` first, then at most one supporting sentence.

    Sentences are scored by the question's focus (a sentence carrying the focused item's words, and a
    figure when one is wanted), then by the question's own words they share. The lead is the best one;
    the next best follows only when it also carries the focus or the question's words and the two stay
    within ``limit`` characters. A compound question gets, besides, the best sentence for each other item it
    asks for. ``more`` (the user asked for detail) returns the whole record; ``alone``: no supporting sentence
    (a park's own field already gives the figure asked).
    """
    text = strip_opener(text.strip())
    parts = sentences(text)
    if more or len(parts) <= 1:
        # a one-sentence record that says what the sources lack ("do not describe the everyday facilities"):
        # the answer is that it is not known, so a person is offered
        return Selection(parts or [text], says_missing=not more and len(parts) == 1 and says_not_known(parts[0]))
    f = FOCUS_BY_NAME.get(focus or "")
    q = {g for g in _grams(question) if len(g) == 1} - _function_keys()
    if not _IT_SECTOR.search(question):
        q.discard(("it",))  # "is it 50 percent?": the pronoun, which "does not say how to claim it" does not answer
    wants_number = (f is not None and f.number) or has_words(question, "count")
    opening = f is not None and f.name == "when" and bool(_OPENING.search(question))
    running = has_words(question, "count") and bool(_RUNNING_ASKED.search(question))
    scored: list[tuple[float, int]] = []
    sentence_words = [{g for g in _sentence_grams(s) if len(g) == 1} for s in parts]
    # a question word in every sentence names the record's subject ("digital kp"); one in a single sentence
    # names what is asked of it ("goals"): each shared word weighs 1 / the number of sentences holding it
    spread = {w: sum(w in words for words in sentence_words) for w in q}
    for i, s in enumerate(parts):
        words = sentence_words[i]
        score = sum(1.0 / spread[w] for w in q & words)
        if f is not None and _evidence(s, f):
            score += 4.0
        elif f is not None and _evidence(s, f, strict=False):
            score += 2.5
        if wants_number and _has_figure(s):
            score += 2.0
        if running and _RUNNING_SAID.search(s):
            score += 4.0  # "how many are working now": the count that works, not the count planned
        if opening and _OPENING.search(s):
            # "when will isb it park open": its date, and whether it has opened yet ("we cannot confirm it has opened")
            score += 4.0 if says_not_known(s) or _NOT_YET.search(s) else 1.5

        if says_not_known(s) and not (opening and _OPENING.search(s)):
            # what the record lacks comes after what it has; a doubt about the item ("not clear whether the 12
            # months run from ...") still comes after the sentence that states it (not a doubt that it has opened,
            # which answers "when will it open" as much as its date does)
            score -= 1.0 if f is not None and _evidence(s, f) else 3.0
        score -= i * 0.15  # earlier sentences carry the record's point
        scored.append((score, i))
    scored.sort(key=lambda x: (-x[0], x[1]))
    best = scored[0][1]
    if alone and f is not None:
        # the one sentence shown with the field's figure is one on the item, if any ("برآمدات کا اندازہ مختلف ہے: ...")
        best = next((i for _, i in scored if _evidence(parts[i], f, strict=False)), best)
    named = [i for _, i in scored if any(0 < spread[w] < len(parts) for w in q & sentence_words[i])]
    status = next((i for i, p in enumerate(parts) if field_label(p).lower() == "status"), None)
    if (not named and f is not None and f.name == "when" and status is not None and all(map(_FIELD.match, parts))
            and not any(_evidence(p, f, strict=False) for p in parts)):
        # "turbat stp kab khulega" of a row with no date: that the date is not known, then how far the park is (its
        # status), not its seats' figure
        return Selection([parts[status]], missing=True)
    if named and all(_FIELD.match(p) for p in parts):
        # a listing row's fields ("STP Sahiwal: seats 80."): the fields the question names ("rent", "manager"),
        # not the row's other fields; a question naming none ("is there an stp in sahiwal") reads the first ones
        # (two fields named, "manager name and phone", "rent aur seats": both; the best one first)
        return Selection([parts[i] for i in named[:2]])
    missing = f is not None and not any(_evidence(s, f, strict=False) for s in parts)
    # (not when the record states the focused item: "how many companies in Sukkur" is answered by its figure)
    gap = _asked_gap(parts, q) if f is None or not any(_evidence(p, f) for p in parts) \
        else _place_gap(parts, f, question)
    if gap is not None and gap != best:
        # the question asks what the record itself says it lacks ("rent in rupees", "book karne ki maloomat"):
        # that sentence first, then the record's best fact on the subject
        lead = [parts[gap]] + ([parts[best]] if len(parts[gap]) + len(parts[best]) <= limit else [])
        return Selection(_with_referent(lead, parts, limit, f), missing=missing, says_missing=True)
    chosen = [best]
    says_missing = says_not_known(parts[best]) and (f is None or _evidence(parts[best], f, strict=False))
    # the other items of a compound question, each with its own sentence when the lead lacks it
    others = [FOCUS_BY_NAME[name] for name in foci_of(question) if f is None or name != f.name]
    if f is not None and not says_missing:
        for other in others:
            if any(_evidence(parts[i], other) for i in chosen):
                continue
            extra = next((i for _, i in scored if i not in chosen and _evidence(parts[i], other)), None)
            if extra is not None and sum(len(parts[i]) for i in chosen) + len(parts[extra]) <= COMPOUND_LIMIT:
                chosen.append(extra)
    # an item asked: its sentence and at most one more; a general question ("what is NIC?"): the record's
    # best sentences, as many as fit a phone screen
    # a figure asked without a focus of its own ("gig economy kitne billion ki") is an item too, not a general
    # question
    general = f is None and not wants_number
    room = 0 if alone else (2 if general else 1) - (len(chosen) - 1)
    limit = max(limit, GENERAL_LIMIT) if general else limit
    for score2, other_i in scored[1:]:
        if room <= 0 or says_missing or score2 <= 0.5 - (f is None) * 2:
            break
        if _POINTS_AT_MANY.match(parts[other_i]) and other_i - 1 not in chosen:
            continue  # "ان میں کراچی آئی ٹی پارک سے 13,400" without the 40,000 it is part of reads as another count
        if other_i not in chosen and sum(len(parts[i]) for i in chosen) + len(parts[other_i]) <= limit:
            chosen.append(other_i)
            room -= 1
    lead = [parts[best]] + [parts[i] for i in sorted(chosen[1:])]
    # a supporting sentence that says the record lacks what the question names ("jagah book karne ki maloomat
    # nahi", "کہاں واقع ہیں ... نہیں بتایا گیا"): the answer is partial, so a person is offered
    asked = {g[0] for g in q}
    says_missing = says_missing or any(
        says_not_known(s) and asked & {g[0] for g in _sentence_grams(s) if len(g) == 1} for s in lead[1:])
    return Selection(_with_referent(lead, parts, limit, f), missing=missing, says_missing=says_missing)


def field_label(sentence: str) -> str:
    """The first word of a listing field sentence's label ("STP Sahiwal: rent per seat PKR 5500." -> "rent"); ""
    for any other sentence."""
    field = _FIELD.match(sentence)
    return field.group(2).split(" ", 1)[0] if field else ""


def listing_fields(text: str) -> tuple[str, dict[str, str]] | None:
    """A listing row's name and its fields by their first word, enough for a list's city, province and status
    ("STP Sahiwal: seats 80." -> ("STP Sahiwal", {"seats": "80"})); None for text that is not one row's fields."""
    parts = sentences(" ".join(text.split()))
    found = [_FIELD.match(p) for p in parts]
    if not parts or not all(found) or len({m.group(1) for m in found if m}) != 1:
        return None
    fields = {}
    for match in filter(None, found):
        label, _, value = match.group(2).partition(" ")
        fields[label.lower()] = value
    return found[0].group(1) if found[0] else "", fields


def fields_joined(paragraph: str) -> str:
    """The paragraph with a listing row's field sentences, which each name the row, said once after its name
    ("STP Turbat: city Turbat. STP Turbat: status under construction." -> "STP Turbat: city Turbat; status under
    construction."); any other paragraph unchanged."""
    if paragraph.count(": ") < 2:
        return paragraph
    out: list[str] = []
    last_row = None
    merged = False
    for sentence in sentences(paragraph):
        field = _FIELD.match(sentence)
        if field and field.group(1) == last_row and out:
            out[-1] = f"{out[-1].rstrip('.')}; {field.group(2)}."
            merged = True
            continue
        last_row = field.group(1) if field else None
        out.append(sentence)
    return " ".join(out) if merged else paragraph


@cache
def park_tokens() -> frozenset[str]:
    """The tokens of the words for a park ("stp", "پارک", "ایس ٹی پی"): they name no item of a question."""
    return frozenset(t for k in _keys(PARK_WORDS) for t in k)


_IT_WRITTEN = re.compile(r"\bIT\b")


def _asked_gap(parts: list[str], question_words: Set[tuple[str, ...]]) -> int | None:
    """The sentence saying the record lacks something that only it shares with the question (a word of the
    question found in no sentence that states a fact, the park words aside), else None."""
    # ("it" of "karachi it park" is the sector, which the records write "IT"; the "It" of "It gives no cost" is none)
    words = [{g[0] for g in _sentence_grams(p) if len(g) == 1} - (set() if _IT_WRITTEN.search(p) else {"it"})
             for p in parts]
    asked = {g[0] for g in question_words} - park_tokens()
    facts = set().union(*(w for p, w in zip(parts, words, strict=True) if not says_not_known(p)))
    # (a plural is the same word: "i'm freelancer ... can stp help me" is answered by the sentence on freelancers,
    # not only by "the sources do not say whether a single freelancer can rent")
    facts |= {singular(w) for w in facts}
    return next((i for i, p in enumerate(parts) if says_not_known(p)
                 and any(singular(w) not in facts for w in asked & words[i])), None)


#: Foci whose evidence is a place word ("in", "mein") that nearly every sentence has: a sentence that says where a
#: park is not known answers them better than one that names only its city.
PLACE_FOCI = frozenset({"where", "address"})


#: A question that opens like a yes/no one ("was ...", "is ...", "kya ...", "کیا ...").
_ASKS_YES_NO = re.compile(r"\s*(?:is|are|was|were|do|does|did|can|could|will|has|have|kya|kia|کیا)\b", re.I)
#: The where-words that any sentence naming a city has ("in Lahore"): they say no site.
_PLACE_WORDS = ("in", "mein", "میں")


#: "the IT ministry is building" says who builds it, not that it is in a building.
_BUILDS = re.compile(r"\b(?:is|are|was|were|be|been)\s+building\b", re.I)


def _place_gap(parts: list[str], f: Focus, question: str) -> int | None:
    """For "lahore stp kahan hai": the sentence that says where the parks are is not known ("The sources do not
    say ... where they are located", "ya kahan hain"), which then leads the city's facts; None for other foci."""
    if f.name not in PLACE_FOCI or _ASKS_YES_NO.match(question):
        return None  # ("was rawalpindi one of the cities where stps were set up": "where" relates, asks nothing)
    if any(_names_site(p) for p in parts):
        return None  # "at the Women's University in Bagh": where it is, which a missing address does not undo
    return next((i for i, p in enumerate(parts) if _says_place_unknown(p)), None)


def _names_site(sentence: str) -> bool:
    """A sentence that says where something is beyond its city ("at the Women's University", "on the 3rd floor")."""
    _, evidence = _compiled()["where"]
    sites = set(evidence) - set(_keys(_PLACE_WORDS))
    return not says_not_known(sentence) and not sites.isdisjoint(_sentence_grams(_BUILDS.sub(" ", sentence)))


def _says_place_unknown(sentence: str) -> bool:
    """A sentence that says the address or site is not in the sources ("Sources mein is ka address nahi hai")."""
    ask = {k for name in PLACE_FOCI for k in _compiled()[name][0]}
    return says_not_known(sentence) and not ask.isdisjoint(_sentence_grams(sentence))


@lru_cache(maxsize=4096)
def tells_where(text: str) -> bool:
    """Whether ``text`` answers "where is it": it names a site, or says that the address is not known (every
    sentence with "in Karachi" or "mein" holds a place word, so :func:`holds` cannot tell)."""
    return any(_names_site(s) or _says_place_unknown(s) for s in sentences(text))


def said_missing(text: str, focus: str | None) -> str | None:
    """The sentence of ``text`` that says the focused item is not in the sources, if the record has one."""
    f = FOCUS_BY_NAME.get(focus or "")
    return next((s for s in sentences(text) if f is not None and says_not_known(s) and _evidence(s, f, strict=False)),
                None)


def sentence_with(text: str, focus: str) -> str | None:
    """The first sentence of ``text`` that carries the focused item with its figure (a comparison line
    needs the figure itself, not the record's opening words)."""
    f = FOCUS_BY_NAME.get(focus)
    return next((s for s in sentences(strip_opener(text)) if f is not None and _evidence(s, f)), None)


@lru_cache(maxsize=8192)
def holds(text: str, focus: str | None) -> bool:
    """Whether some sentence of ``text`` carries the focused item (True when there is no focus)."""
    f = FOCUS_BY_NAME.get(focus or "")
    return f is None or any(_evidence(s, f) for s in sentences(text))


def states(text: str, focus: str) -> bool:
    """Whether some sentence of ``text`` gives the focused figure, not only says that it is not known ("is ka size
    kya hai, ye nahi bataya gaya" gives no size). For an item that is no figure (an address, who runs it), a
    sentence saying the sources lack it is the answer, and counts."""
    f = FOCUS_BY_NAME.get(focus)
    return f is not None and any(_evidence(s, f) and (not f.number or not says_not_known(s) or _figure_given(s, f))
                                 for s in sentences(text))


def _figure_given(sentence: str, focus: Focus) -> bool:
    """A sentence that gives the item's figure while it says something else is not known ("40 companies are
    registered in Sukkur ... but the update does not list the towns")."""
    if not focus.number:
        return False
    if focus.name == "parks":
        return bool(_PARKS_COUNT.search(sentence))
    _, evidence = _compiled()[focus.name]
    return _near_number(sentence if focus.name == "share" else _PERCENT.sub(" ", sentence), evidence)


@lru_cache(maxsize=4096)
def title_words(text: str) -> frozenset[str]:
    """The words of a title or question that name a subject: not function, focus or count words, with
    hyphens closed up so "co-working" meets "coworking" (a follow-up "and internet?" swaps them)."""
    tokens = tokenize(text.replace("-", ""))
    generic = _generic_words()
    return frozenset(t for t in tokens if t not in generic and len(t) > 1 and not t.isdigit())


@cache
def _generic_words() -> frozenset[str]:
    """Function, focus and count words: they name no subject."""
    return (frozenset(k[0] for k in _function_keys()) | {t for f in FOCI for k in _compiled()[f.name][0] for t in k}
            | {t for k in _word_keys("count") for t in k})


#: The counts and amounts a park record states only in its structured ``figures`` (``parks.yaml``): a
#: sentence of a city's or park's summary with such a number and no figure behind it is about something
#: else ("counts Lahore among the four big tech cities that hold around 90% of Pakistan's IT companies",
#: "planned 25 new STPs" are national figures, not Lahore's).
FIGURE_FOCI = frozenset({"area", "cost", "exports", "jobs", "companies", "parks", "people"})
#: Figures that count a whole city, not the park in it ("113 IT/ITeS companies registered with PSEB in
#: Quetta (whole city)").
CITY_FIGURES = frozenset({"registered_companies"})
#: Words that put the park itself, not its city, in the question ("inside the quetta stp", "park ke andar").
_PARK_SCOPE = (*PARK_WORDS, "inside", "andar", "اندر")


def figure_gap(figure_keys: frozenset[str], focus: str | None, question: str) -> str | None:
    """Whether a park record lacks the figure asked: ``"missing"`` (no structured figure for the focus),
    ``"city"`` (only a whole-city figure, and the question asks about the park itself), else None.

    Only counts and amounts (:data:`FIGURE_FOCI`) are checked; dates, names and places are read from the
    record's sentences.
    """
    f = FOCUS_BY_NAME.get(focus or "")
    if f is None or f.name not in FIGURE_FOCI or not f.figures:
        return None
    held = figure_keys & set(f.figures)
    if not held:
        return "missing"
    if held <= CITY_FIGURES and any(k in _grams(question) for k in _keys(_PARK_SCOPE)):
        return "city"
    return None
