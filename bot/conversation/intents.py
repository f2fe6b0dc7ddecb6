"""What does the user want? A small, explainable intent classifier for three scripts.

Phrases are listed as people type them (English, Urdu script, Roman Urdu with its spelling variants)
and compared after :func:`bot.language.tokenize`, so "hai/he/h" or "ي/ی" differences do not matter.
Order matters: asking for a person beats everything, a booking beats a question about bookings.
Anything that is none of these is a question for the knowledge base, and the retrieval confidence
decides later whether it is answerable or out of scope.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TypedDict

from bot.language import ngrams, tokenize
from bot.language.days import days_named
from bot.language.normalize import function_words
from bot.language.places import names_place
from bot.retrieval.answers import focus_of

PHRASES: dict[str, list[str]] = {
    "person": [
        "talk to a person", "talk to a human", "speak to a person", "speak to someone", "real person", "human agent",
        "agent please", "customer care", "representative", "call me", "contact me", "talk to someone",
        "connect me", "human", "operator", "support staff",
        "insaan se baat", "insan se baat", "banday se baat", "bande se baat", "kisi se baat", "agent se baat",
        "numainde se baat", "representative se baat", "mujhe call karo", "call karein", "call kar", "rabta karwa",
        "baat karwa", "baat karni hai", "insaan chahiye", "agent chahiye", "agent", "asli banda", "admi se baat",
        "نمائندے سے بات", "انسان سے بات", "کسی سے بات", "بات کروا", "رابطہ کروا", "مجھے کال", "کال کریں",
        "ایجنٹ", "نمائندہ", "رابطہ کروائیں", "اصل آدمی", "آدمی سے بات", "کسی انسان",
    ],
    "booking": [
        "book a desk", "book desk", "book a meeting room", "meeting room", "book a visit", "schedule a visit",
        "reserve", "booking", "hot desk booking", "visit the park",
        "desk book", "room book", "visit book", "booking karni", "book karna", "book karne", "book karwa",
        "visit karna", "office book", "book visit", "book a seat", "need a desk", "want a desk", "desk chahiye",
        "desk chahye", "desk chaiye",
        # a visit asked for without "book" ("can i visit the lahore park", "park dekhne aana h", "پارک دیکھنے آنا ہے")
        # (with a question in it, "kya foreigners visit kar sakte hain?", the question is answered: FlowRoute.accepts)
        "can i visit", "can we visit", "want to visit", "wanna visit", "like to visit", "dekhne aana", "dekhne ana",
        "dekhne aa", "dekhne aaen", "visit karna hai", "visit karni hai", "دیکھنے آنا", "دیکھنے آ", "وزٹ کرنا",
        "بکنگ", "بک کر", "میٹنگ روم", "ڈیسک", "دورہ",
        # ("... دفتر کی جگہ بک کرنا چاہتا ہوں", "مجھے جگہ بک کرنی ہے")
        "بک کرنا", "بک کرنی", "بک کرنے", "بک کروانا", "بک کروانی", "بک کرانا", "بک کرانی",
    ],
    "application": [
        "apply for tenancy", "tenancy application", "apply for subsidy", "subsidy application", "application form",
        "i want to apply", "apply", "register my company",
        "apply karna", "apply karni", "darkhwast", "application deni", "application dena", "application dene",
        # office space wanted for one's company: a tenancy application ("mujhe stp me office chahiye apni company k
        # liye", "i want office space for my company in karachi"); with a question in it, the question is answered
        "office chahiye", "office chahye", "office chaiye", "office space chahiye", "office lena",
        "want office space", "need office space", "looking for office space",
        "want space for my company", "need space for my company",
        "دفتر چاہیے", "آفس چاہیے", "دفتر لینا", "آفس لینا",
        "درخواست دینی", "درخواست دینا", "اپلائی", "درخواست",
    ],
    "list": [
        "list of parks", "which parks", "all parks", "parks in", "list all", "how many parks in",
        # how many parks a city has: its parks, listed (a count for the country is its figure: see wants_list)
        "kitne park", "kitne parks", "کتنے پارک", "کتنے پارکس",
        "women only parks", "women-only parks", "what parks", "which tech parks",
        "parks ki list", "list de", "list do", "list bata", "parks batao", "park batao", "parks bataen",
        "کون کون سے", "کہاں کہاں", "فہرست", "پارکس بتائیں", "پارکس بتاؤ",
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
                "website", "helpline", "contact", "call", "number kya", "number de", "number do",
                "number dein", "number chahiye", "number bhej", "ka number", "number bata", "rabta number",
                "فون", "فون نمبر", "رابطہ نمبر", "ای میل", "ویب سائٹ", "نمبر"],
    "address": ["address", "location", "where exactly", "pata kya", "address kya", "ایڈریس", "پتہ", "پتا",
                # where an office is, not where to get one ("office kahan milega") or where space is cheapest
                "office kahan hai", "office kahan h", "office kidhar hai", "daftar kahan hai", "where is their office",
                "دفتر کہاں ہے", "آفس کہاں ہے"],
    "fees": ["fee", "fees", "charges", "price", "cost per desk", "rent amount", "how much rent do i pay", "kitne paise",
             "kitna kiraya", "fees kitni", "monthly rent", "rent per", "per square foot", "kitne ki", "kitne ka",
             # what a place to sit costs ("دفتر کتنے کا ہے"); not any "کتنے کی" ("سبسڈی کتنے کی ہے", "برآمدات کتنے کی")
             "دفتر کتنے کا", "آفس کتنے کا", "کمرہ کتنے کا", "سیٹ کتنے کی", "ڈیسک کتنے کی", "جگہ کتنے کی",
             "ماہانہ کرایہ", "فیس", "کتنے پیسے", "کرایہ کتنا", "کتنے روپے", "charge", "per hour", "hourly",
             "ghante ka", "گھنٹے کا", "چارجز", "rent of", "per month", "monthly", "mahana", "mahina kitna",
             "kiraya kitna", "per mahine", "rent kitna", "rent kitni", "how much is the rent", "rupees", "rupay",
             "rupaye", "in rupees", "روپوں", "deposit", "security deposit", "advance rent", "ڈپازٹ", "سیکیورٹی ڈپازٹ",
             "have to pay", "has to pay", "pay anything", "need to pay", "pay karna", "pay karni", "paise dene",
             "paisay dene", "پیسے دینے", "ادائیگی",
             # the rent asked as an amount ("and what is the rent there?"), not the rent subsidy (_RENT_RULE)
             "what is the rent", "whats the rent", "what's the rent", "rent there", "the rent in", "rent at the",
             "how much rent", "how much is rent", "how much for a desk",
             "how much for an office", "how much does a desk cost", "how much does an office cost", "cost of a desk",
             "cost of an office"],
    "salary": ["salary", "salaries", "pay scale", "tankhwah", "tankhwa", "تنخواہ", "stipend", "stipends", "wazifa",
               "wazeefa", "وظیفہ", "وظیفے"],
    # job openings; not "vacancy" alone, which is everyday Pakistani English for free office space
    "vacancies": ["job vacancies", "job vacancy", "jobs vacancies", "naukri ki vacancy", "vacancies kahan",
                  "job openings", "job opening", "naukri ka ishtehar", "اسامیاں", "آسامیاں",
                  # a job wanted is openings asked ("i need a job in stp", "مجھے ایس ٹی پی میں نوکری چاہیے"), not a
                  # count of jobs the projects create
                  "need a job", "want a job", "looking for a job", "looking for job", "job chahiye", "job chahye",
                  "job chaiye", "job chahiay", "naukri chahiye", "nokri chahiye", "naukri chahye",
                  "نوکری چاہیے", "نوکری چاہئے", "ملازمت چاہیے", "جاب چاہیے", "job kahan", "naukri kahan",
                  "nokri kahan", "jobs kahan", "نوکری کہاں", "ملازمت کہاں", "where can i find a job",
                  "where to find a job"],
    # the papers an application needs; not any document ("which documents say there are 50 stps", "research papers")
    "documents": ["documents required", "documents needed", "required documents", "documents do i need",
                  "documents lagenge", "documents lagte", "documents lagain", "documents chahiye apply",
                  "apply ke liye documents", "apply karne ke liye documents", "paperwork", "kaghzat", "kagzat",
                  "kaghazat", "kaghzaat", "کاغذات", "دستاویزات درکار", "documents chahiye", "documents chahiyen",
                  "what documents do i", "which documents do i", "ڈاکومنٹس چاہیے", "documents r needed",
                  "documents are needed", "documents kya kya", "kya kya documents", "docs needed", "docs required"],
    # whether space is free now ("koi seat khali hai?", "کیا ابھی جگہ خالی ہے", "any vacancies today in lhr stp");
    # no source says what is taken
    "availability": ["space available", "seats available", "seat available", "desks available", "desk available",
                     "space left", "seats left", "any vacancies", "any vacancy", "vacancy hai", "vacancies hain",
                     "jagah khali", "seat khali", "desk khali", "khali hai", "khaali hai", "khali jagah", "jagah bachi",
                     "jagah available", "seat available hai", "جگہ خالی", "سیٹ خالی", "خالی جگہ", "خالی ہے",
                     "جگہ دستیاب", "سیٹ دستیاب"],
    # how far a park is from somewhere ("how far is it from muzaffarabad", "lahore se kitna door hai", "کتنا دور")
    "distance": ["how far", "kitna door", "kitni door", "kitna dur", "kitni dur", "fasla", "faasla", "distance",
                 "کتنا دور", "کتنی دور", "فاصلہ"],
    "contractor": ["contractor", "contractors", "construction company", "thekedar", "thekedaar", "ٹھیکیدار",
                   "ٹھیکے دار"],
    # loans; not "funded by" or "financed": "is the bagh park funded by sco?" is answered by who it was built with
    "financing": ["loan", "loans", "qarza", "qarze", "qarzay", "karza", "karze", "قرض", "قرضہ", "قرضے"],
    # the parks' internet provider; not a "service provider" or an "internet company" asking about itself
    "provider": ["isp", "internet provider", "internet providers", "ptcl", "nayatel", "which isp",
                 "کونسی کمپنی کا نیٹ"],
    # who qualifies by age or grades ("age limit for the co-working spaces? im 17", "کم از کم سی جی پی اے")
    # (not "how old", "kitni umar": "how old is the lahore stp", "kitni umar ke log kaam karte hain")
    "eligibility": ["age limit", "minimum age", "age requirement", "umar ki had", "umar ki hadd", "umer ki had",
                    "عمر کی حد", "کم از کم عمر", "cgpa", "gpa", "minimum marks", "سی جی پی اے"],
    "link": ["link", "form link", "online form", "لنک"],
    "person_name": ["managing director", "name of the person", "person who manages", "md",
                    "director", "chairman", "ceo", "manager", "incharge", "in charge",
                    "ڈائریکٹر", "چیئرمین", "مینیجر", "منیجر", "انچارج", "سی ای او", "ایم ڈی"],
    "deadline": ["deadline", "last date", "closing date", "due date", "akhri date", "last dat",
                 "لاسٹ ڈیٹ", "آخری دن", "timings", "office hours", "opening hours", "akhri tareekh", "timing",
                 "kitne baje", "kab khulta", "khulta hai", "band hota", "آخری تاریخ", "اوقات", "کتنے بجے", "کھلتا",
                 # open at night ("24/7 khuly hoty hn? raat ko us clients k sath kaam hota"); not "24/7" alone
                 # ("is the internet 24/7 free", "24 ghante security")
                 "raat ko khul", "khuly hoty", "khule hote", "khula hota", "khula rehta", "khule rehte",
                 # the days it is open (a day named with "open"/"khula"/"band" is read in classify())
                 "what days", "which days", "working days", "working hours", "kin dino", "kin dinon", "کن دنوں",
                 "کون سے دن",
                 # the hour it opens or closes ("what time does faisalabad stp open", "kis waqt khulta")
                 "when does it close"],
}

#: "which/kaun kaun/کون سے ... parks": a list request even when the words are not adjacent.
LIST_MARKERS = ["which", "kaun kaun", "kon kon", "konse", "kaunse", "kon se", "kaun se", "kis kis", "kahan kahan",
                "list", "all", "کون کون", "کون سے", "کن", "کہاں کہاں", "فہرست", "تمام"]
PARK_WORDS = ["park", "parks", "stp", "stps", "tech parks", "پارک", "پارکس", "ایس ٹی پی", "ایس ٹی پیز"]
UNFINISHED = ["under construction", "being built", "not open", "not yet open", "upcoming", "planned", "ban rahe",
              "ban raha", "bun rahe", "banne wala", "banne wale", "banne wali", "bnne wala",
              "zer e tameer", "zere tameer", "khule nahi", "زیرِ تعمیر", "زیر تعمیر",
              "منصوبے", "زیرِ تکمیل", "ابھی کھلے نہیں"]
#: Words that point back at the previous turn's entity.
POINTERS = ("it", "its", "it's", "there", "that", "that one", "this", "this one", "the same", "them", "they",
            "wahan", "waha", "wahaan", "udhar", "us", "uska", "us ka", "us ki", "us ke", "usay", "use", "usey",
            "is", "iska", "is ka", "is ki", "is ke", "isay", "wo", "woh", "ye", "yeh", "unka", "un ka",
            "uski", "uske", "uskay", "iski", "iske", "iskay", "unki", "unke", "inka", "inki", "inke", "un ki", "un ke",
            "وہاں", "ادھر", "اس", "اسکا", "اس کا", "اس کی", "اس کے", "اسے", "وہ", "یہ", "ان کا", "ان کی",
            "اسکی", "اسکے", "انکا", "انکی", "انکے", "ان کے")

#: Words of this product's domain. A message with none of them and only a middling match is out of scope
#: ("weather in Karachi tomorrow" resembles our Karachi passages, but it is not our business).
DOMAIN = [
    "park", "parks", "stp", "stps", "software", "technology", "tech", "it", "ites", "ict", "pseb", "moitt", "ministry",
    "subsidy", "subsidies", "rent", "kiraya", "kiraye", "internet", "freelancer", "freelancers", "freelancing",
    "startup", "startups", "company", "companies", "incubation", "incubator", "nic", "ktp", "rozgar", "rozgaar",
    "erozgar", "coworking", "co-working", "office", "tenant", "tenants", "export", "exports", "jobs", "job",
    "naukri", "naukriyan", "employment", "women", "khawateen", "youth", "young", "abadi", "gig", "economy", "digital",
    "policy", "innovation", "sco", "nust", "nutech", "training", "internship", "internships", "graduates", "survey",
    "apply", "application", "building", "buildings", "sq", "square", "feet", "minister", "hub", "hubs", "desk",
    "پارک", "پارکس", "ایس", "ٹی", "پی", "سافٹ", "ویئر", "ٹیکنالوجی", "آئی", "سبسڈی", "سبسڈیز", "کرایہ", "کرائے",
    "انٹرنیٹ", "فری", "لانسر", "لانسرز", "اسٹارٹ", "کمپنی", "کمپنیاں", "کمپنیوں", "دفتر", "برآمدات", "نوکریاں",
    "روزگار", "خواتین", "وزارت", "پالیسی", "ڈیجیٹل", "تربیت", "انکیوبیشن", "نوجوان", "آبادی", "عمارت", "عمارتیں",
    "وزیر", "ورکنگ", "انوویشن", "ٹیک", "kp", "kpk", "program", "programme", "programs", "پروگرام",
    "graduates", "گریجویٹس", "تربیتی", "صنعت", "percent", "فیصد", "incentive", "incentives", "facilities",
    "سہولیات", "registered", "رجسٹرڈ", "سرمایہ", "investment", "ecosystem", "skills", "boot", "camps",
    # not "کو" of "کو ورکنگ": it is also the commonest Urdu postposition ("ایرے کو کیسے ترتیب دیں")
    "population", "pakistanis", "workspace", "space", "jagah", "جگہ", "دفتری", "عورتوں", "لڑکیوں", "larkiyon",
    "auraton", "aurton",
    # inflected and everyday forms people type: "پارکوں میں کل کتنے لوگ", "انٹرن شپ والوں میں سے کتنوں کو پکی نوکری"
    "پارکوں", "نوکری", "نوکریوں", "ملازمت", "ملازمتیں", "انٹرن", "انٹرنشپ", "اسکلز", "کورس", "کورسز", "طلبہ",
    "سرٹیفکیشن", "ایکسپورٹ", "ایکسپورٹس", "certification", "certified", "course", "courses", "students",
    "talaba", "interns", "forex", "revenue", "naukriyon", "tech-parks", "tax", "taxes", "relief", "chhoot", "chhot",
    "ٹیکس", "رعایت", "چھوٹ", "kpitb", "pitb", "females",
    # fees, whether it is free, and centres by their everyday names ("fees?", "muft h kya", "ktne center"); not
    # everyday facilities or prices alone ("best laptop under 1 lakh", "gold price today"): with a park word, or
    # within a conversation about one, they are in the domain anyway
    "fee", "fees", "فیس", "free", "muft", "مفت", "center", "centre", "centers", "centres", "سینٹر",
    # the gig economy and the brochure, as Urdu writes them ("عالمی گِگ اکانومی کا حجم", "بروشر میں"); the internet
    # provider ("which isp")
    "گگ", "اکانومی", "بروشر", "brochure", "isp",
    # the internet as people name it ("wifi speed kitni hai", "وائی فائی کی سپیڈ کتنی ہے")
    "wifi", "wi-fi", "وائی", "فائی",
    # the papers an application needs ("kon se documents chahiye", "کون کون سے کاغذات چاہیے")
    "documents", "kaghzat", "kagzat", "kaghazat", "kaghzaat", "کاغذات", "دستاویزات", "ڈاکومنٹس",
]
#: Freelancing platforms: a message naming one is ours when it asks a detail the sources lack ("fiverr upwork walon k
#: liye koi sarkari loan scheme h?"), not otherwise ("upwork account suspend ho gaya", "best fiverr gigs").
PLATFORMS = ["fiverr", "upwork", "freelancer.com", "peopleperhour"]
#: What a platform's seller asks of us besides a detail: a seat, to join ("i am fiverr seller can i get seat").
PLATFORM_ASKS = ["seat", "seats", "سیٹ", "سیٹیں"]
#: A "which ... parks" that is not a request for our directory.
NOT_A_LIST = ["subsidy", "subsidies", "subsidiz", "countries", "country", "compared", "سبسڈی", "سبسڈیز", "ممالک",
              # which *cities* have parks is answered by the record on cities, not by the park directory
              "cities", "city", "citys", "citties", "citis", "shehar", "shehr", "shehron", "shehro", "shehroon",
              "شہروں", "شہر"]

#: Intents that only count when the message is little more than the phrase ("hi", not "hi, what is an STP?").
SHORT_ONLY = {"greeting", "help", "thanks", "affirm", "deny"}
#: Words a thanks may carry beside it ("shukriya bohat madad hui") and still be one, unless it asks on ("thanks, and
#: what about quetta?").
THANKS_EXTRA = 5
_ASKS_ON = re.compile(r"[?؟]|\b(?:and|aur|what|how|kya|kia|kitn\w*|where|kahan)\b|کیا|اور|کتن", re.I)
ORDER = ("person", "booking", "application", "list", "greeting", "help", "thanks", "affirm", "deny")
WOMEN = ["women", "woman", "female", "ladies", "girls", "khawateen", "khawatin", "auraton", "larkiyon", "خواتین",
         "عورتوں", "لڑکیوں"]


@cache
def _compiled() -> dict[str, list[tuple[str, ...]]]:
    return {intent: [k for k in (tuple(tokenize(p)) for p in phrases) if k] for intent, phrases in PHRASES.items()}


@cache
def greeting_tokens() -> frozenset[str]:
    """The tokens of greetings and thanks ("hello, what is an STP?"): they ask for nothing."""
    return frozenset(t for kind in ("greeting", "thanks") for key in _compiled()[kind] for t in key) | frozenset(
        t for w in ("alaikum", "alaykum", "walaikum", "aoa", "salam", "salaam", "assalam") for t in tokenize(w))


@cache
def _words(kind: str) -> set[str]:
    table = {"women": WOMEN, "domain": DOMAIN, "not_a_list": NOT_A_LIST, "platforms": PLATFORMS,
             "platform_asks": PLATFORM_ASKS}
    return {t for w in table[kind] for t in tokenize(w)}


@cache
def _phrases(kind: str) -> list[tuple[str, ...]]:
    source = {"list": LIST_MARKERS, "park": PARK_WORDS, "unfinished": UNFINISHED}[kind]
    return [k for k in (tuple(tokenize(p)) for p in source) if k]


def _any(tokens: _Tokens, kind: str) -> bool:
    return bool(_present(tokens, _phrases(kind)))


def _positions(tokens: _Tokens, kind: str) -> list[int]:
    return [i for key in _present(tokens, _phrases(kind)) for i in range(len(tokens) - len(key) + 1)
            if tuple(tokens[i : i + len(key)]) == key]


@cache
def _where_all() -> frozenset[tuple[str, ...]]:
    """"Where all" asks for places whatever it names ("پنجاب میں کہاں کہاں ہیں"): a list even without a park word."""
    return frozenset(tuple(tokenize(w)) for w in ("کہاں کہاں", "kahan kahan", "kahaan kahaan"))


def _asks_for_list(tokens: _Tokens) -> bool:
    """A list marker shortly before a park word: "which parks", "kaun kaun se tech parks", "کون سے پارکس"."""
    if _words("not_a_list") & set(tokens):
        return False
    parks = _positions(tokens, "park")
    return len(tokens) <= 14 and any(0 < p - m <= 4 for m in _positions(tokens, "list") for p in parks)


@cache
def _longest_phrase() -> int:
    every = [*_compiled().values(), *_slots().values(), *(_phrases(kind) for kind in ("list", "park", "unfinished"))]
    return max(len(key) for keys in every for key in keys)


class _Tokens(list[str]):
    """A message's tokens with its n-grams up to the longest phrase precomputed, so checking whether
    a phrase occurs is one dict lookup (classification checks a few hundred phrases per message)."""

    def __init__(self, tokens: list[str]) -> None:
        super().__init__(tokens)
        self.grams = ngrams(tokens, _longest_phrase())


def _present(tokens: _Tokens, keys: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The ``keys`` that occur in the message, in their order."""
    grams = tokens.grams
    return [key for key in keys if key in grams]


@dataclass
class Intent:
    name: str
    matched: str = ""
    women: bool = False
    missing_slot: str | None = None
    in_domain: bool = True
    unfinished: bool = False


class _Extras(TypedDict):
    """What an :class:`Intent` carries besides its name, read off the whole message."""

    women: bool
    missing_slot: str | None
    in_domain: bool
    unfinished: bool


@cache
def _slots() -> dict[str, list[tuple[str, ...]]]:
    return {slot: [k for k in (tuple(tokenize(p)) for p in phrases) if k] for slot, phrases in MISSING_SLOTS.items()}


#: Spellings that normalise to a fee word without being one ("FY25" and "fee" both read "fi").
_REAL_FEES = re.compile(r"\bfees?\b|charge|price|rent|\bcosts?\b|kiray|paise|per\s+(?:hour|desk|sq|square)|hourly|"
                        r"ghante|"
                        r"kitne\s+k[ai]\b(?!\s+ban)|کتنے\s+ک[ای]\b(?!\s+بن)|rupe|rupay|deposit|\bpay\b|paisay|"
                        r"فیس|کرای|کرائ|روپ|پیسے|چارج|گھنٹے|ڈپازٹ|ادائیگی", re.I)
#: The rule on rent named ("what is the rent subsidy", "kiraye par subsidy"): a rule, not a rent amount.
_RENT_RULE = re.compile(r"\brent\s+subsid\w*|subsid\w*\s+(?:on|for|of)\s+(?:the\s+)?rent"
                        r"|kiray[ae]?\s+(?:ki|par|pe|pr)\s+subsid|کرائے\s+(?:کی|پر)\s+سبسڈی", re.I)
#: "rent" as what someone may do ("can a foreigner rent an office in an stp?"): who may, not what it costs.
_RENT_VERB = re.compile(r"\b(?:can|could|may|allowed\s+to|eligible\s+to)\s+(?:\S+\s+){0,3}?rent\b", re.I)
#: Whether one pays for what a subsidy covers ("do we have to pay for the internet", "kya rent ke paise dene honge"):
#: the subsidy answers, not "no fee amounts", unless a fee word asks an amount ("rent kitna", "fees").
_PAYS_A_RULE = re.compile(
    r"(?:\bpay\b|paise\s+dene|paisay\s+dene|پیسے\s+دینے|ادائیگی)(?![^?!؟]{0,200}\b(?:fees?|kitn[aei]|how\s+much)\b)"
    r"[^?!؟]{0,200}(?:internet|\bnet\b|wifi|\bbill\b|\brent\b|kiray|انٹرنیٹ|نیٹ|بل|کرای)"
    r"|(?:internet|\bnet\b|wifi|\bbill\b|\brent\b|kiray|انٹرنیٹ|نیٹ|بل|کرای)[^?!؟]{0,200}"
    r"(?:\bpay\b|paise\s+dene|paisay\s+dene|پیسے\s+دینے|ادائیگی)", re.I)
#: Words that hold a detail's word without asking for it: "i run a call center" asks for no phone number.
_NO_DETAIL = re.compile(r"\bcall\s*cent(?:er|re)s?\b|کال سینٹر"
                        # a rank ("دنیا میں کس نمبر پر ہے", "which number in the world"), a business that has a
                        # website ("سیلون کی ویب سائٹ والی کمپنی"): no phone number or website of ours is asked
                        r"|(?:کس|کون\s*سے|کونسے)\s+نمبر|\b(?:kis|kon\s*se|konse|kaunse|which)\s+number\b"
                        r"|\bnumber\s+(?:one|1)\b|نمبر\s+(?:ون|ایک)"
                        r"|ویب\s*سائٹ\s+وال[یاے]|\bwebsite\s+wal[aiey]\b|ویب\s*سائٹ\s+(?:ہو|بنوا|بنا)", re.I)
#: "apply" of a rule, not of a person asking to apply: "do the subsidies also apply to co-working?", "does it
#: apply to freelancers", "applicable". Such a message is a question: ``application`` is asking to apply.
RULE_APPLIES = re.compile(r"\b(?:appl(?:y|ies)\s+(?:to|on|for\s+(?:me|us|them|freelancers?|startups?))\b|applicable)\b"
                         # "does it apply in quetta too?", "do these still apply": of a rule just told
                         r"|\b(?:does|do|will|would)\s+(?:it|this|that|they|these|those)\s+(?:also\s+|still\s+)?apply\b"
                         r"|\b(?:apply|lagu|laagu)\s+ho(?:ti|ta|te|gi|ga)\b|لاگو", re.I)
#: Open or closed, of a day named ("is it open on sundays", "jumma ko band hota?", "اتوار کو کھلا ہے؟").
#: Not when it will open ("monday ko khulega?", "sunday ko open hoga?", "کب کھلے گا"): that is the park's status.
_OPEN_OR_CLOSED = re.compile(
    r"(?<!will )\b(?:open|opens|closed|close|shut|working|timings?|band)\b(?!\s+(?:ho\s?ga|ho\s?gi|honge|hoga|kare))"
    r"|\bkhul(?:a|i|e|ta|ti|te|y)\b(?!\s*(?:ga|gi|ge|jaye|jayega|jaega)\b)"
    r"|(?:کھلا|کھلی|کھلے|کھلتا|کھلتی|کھلتے|بند)(?!\s*(?:گا|گی|گے|جائے))|اوقات", re.I)
#: An item that is no list of parks even next to "all the STPs" ("total companies in all the stps").
_NOT_LIST_FOCUS = {"speed", "manager", "for_whom", "area", "cost", "exports", "jobs", "companies", "share", "duration",
                   "when", "people"}


@cache
def _pointer_tokens() -> frozenset[str]:
    return frozenset(t for w in POINTERS for t in tokenize(w))


@cache
def _fee_nouns() -> frozenset[str]:
    return frozenset(t for w in ("rent", "kiraya", "kiraye", "fee", "fees", "price", "کرایہ", "کرائے", "فیس")
                     for t in tokenize(w))


#: A message that only acknowledges ("acha", "ok", "theek hai", "اچھا"): after an offer of a person the affirming
#: ones are a yes (the person route comes first); otherwise nothing is asked.
ACKNOWLEDGED = re.compile(r"^\W*(?:ok|okay|ok ji|acha|achha|accha|acha ji|theek|theek hai|thik hai|alright|all right|"
                          r"got it|cool|hmm+|i see|اچھا|اچھا جی|ٹھیک|ٹھیک ہے)\W*$", re.I)
#: The hour a place opens or closes ("what time does faisalabad stp open", "lahore stp kis waqt khulta hai"), not
#: when a park will be finished ("what time is it expected to open", "kis waqt tak mukammal hoga") or a rule ends.
_HOUR_ASKED = re.compile(r"\bwhat\s+time\s+(?:does|do)\b(?:(?!\b(?:expected|end|ends|finish\w*)\b)[^?.!])*?"
                         r"\b(?:open|opens|close|closes)\b|\bkis\s+waqt\s+(?:khul|band)\w*|کس\s+وقت\s+(?:کھل|بند)"
                         # "is stp open 24/7", "24 ghante khula hota hai?"
                         r"|\b(?:open|khula|khuli|access)\s+24\s*/\s*7|\b24\s*/\s*7\s+(?:open|khula|access)"
                         r"|\b24\s+(?:hours|ghante|ghantay)\s+(?:open|khula)|24\s+گھنٹے\s+کھل", re.I)


#: Applying said in so many words, and booking or visiting: a desk wanted in an application is no booking.
_APPLY_SAID = re.compile(r"\bappl(?:y|ying|ication)\b|\bdarkhwast|درخواست|اپلائی", re.I)
#: Booking said in so many words ("can i book a visit tomorrow?"): a request even with a question mark.
BOOK_SAID = re.compile(r"\bbook\w*|\breserv\w*|بک\s*کر|بکنگ", re.I)
#: A booking said not to be wanted ("apply karna hai booking nahi", "not a booking", "بکنگ نہیں").
_NOT_BOOKING = re.compile(r"\bbook\w*\s+(?:(?:to|toh|bhi)\s+)?(?:nahi|nahin|nai|not)\b|\bnot\s+(?:an?\s+)?book\w*"
                          r"|بکنگ\s+نہیں", re.I)
_VISIT_SAID = re.compile(r"\bvisit|وزٹ|دیکھنے|دورہ", re.I)


#: A thing to book said with a day, an hour or a head count ("desk at lahore stp 15 dec 11am 1 person").
_BOOKABLE = re.compile(r"\bdesks?\b|\bmeeting\s+room|\bconference\s+room|ڈیسک|میٹنگ\s+روم"
                       # typed fast ("metng room")
                       r"|\bme{1,2}ti?n?g\s*room|\bmtng\s*room"
                       # a visit with a head count ("agle peer ko lahore stp ka visit, 2 bje, 2 log"), not news of one
                       # ("PM ne kal karachi it park ka visit kiya")
                       r"|\b(?:visit|وزٹ|دورہ)\b(?=.*\b\d+\s*(?:log|people|ppl|persons?|bande|afraad|لوگ|افراد)\b)",
                       re.I)
_WHEN = re.compile(
    r"\b\d{1,2}\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b|\b(?:tomorrow|tmrw|kal|parson|today|aaj)\b|"
    r"\b\d{1,2}\s*(?:am|pm|baje|bje|bajay)\b|\d{1,2}\s*(?:دسمبر|جنوری|بجے)|کل|پرسوں", re.I)
#: A question, which such a message is not ("can 5 people share a desk", "desk ka rent kitna hai 1 person ka").
_ASKED = re.compile(r"[?؟]|^\W*(?:can|could|is|are|do|does|how|what|kya|kia)\b|\b(?:kitna|kitni|kitne|kaise|kab)\b|"
                    r"^\W*کیا|کتن|کیسے", re.I)


def classify(text: str) -> Intent:
    """The user's intent; ``question`` when nothing more specific matches."""
    tokens = _Tokens(tokenize(text))
    women = bool(_words("women") & set(tokens))
    # a fee word must really be one ("FY25" reads like "fee"); a rejected fee match lets the next kind ask; a
    # business the asker runs names no detail ("i run a call center": no phone number is asked)
    asked = _Tokens(tokenize(_NO_DETAIL.sub(" ", text))) if _NO_DETAIL.search(text) else tokens
    focus = focus_of(text)
    # (what a park is worth, "isb it park kitne ka h", is its cost: no fee is asked)
    slot = next((s for s, keys in _slots().items() if _present(asked, keys)
                 and (s != "fees" or (_REAL_FEES.search(_RENT_VERB.sub(" ", text)) and not _PAYS_A_RULE.search(text)
                                      and focus not in ("cost", "share") and not _RENT_RULE.search(text)))),
                None)
    if slot is None and ((days_named(text) and _OPEN_OR_CLOSED.search(text)) or _HOUR_ASKED.search(text)):
        slot = "deadline"  # "sunday ko khula hota hai?", "open on sundays?": the days and hours it is open
    if slot is None and (named := set(tokens) - function_words() - _pointer_tokens()) and named <= _fee_nouns():
        slot = "fees"  # "rent?", "uska rent?", "کرایہ؟": the amount, asked of the last answer ("rent subsidy?" is not)
    in_domain = bool(_words("domain") & set(tokens)) or (
        (slot is not None or bool(_words("platform_asks") & set(tokens))) and bool(_words("platforms") & set(tokens)))
    extras: _Extras = {"women": women, "missing_slot": slot, "in_domain": in_domain,
              "unfinished": _any(tokens, "unfinished")}
    compiled = _compiled()
    item = focus in _NOT_LIST_FOCUS or slot == "deadline"  # ("which days karachi stp open": its hours, not a list)
    for intent in ORDER:
        if (intent == "list" and item) or (intent == "application" and RULE_APPLIES.search(text)):
            continue
        if intent in ("application", "booking") and slot == "vacancies":
            continue  # "mujhe IT me job chahiye kaha apply karun": a job sought, not a tenancy
        if intent == "booking" and _APPLY_SAID.search(text) and (
                not (BOOK_SAID.search(text) or _VISIT_SAID.search(text)) or _NOT_BOOKING.search(text)):
            # "quetta stp me apply karna hai, ... desk chahiye": an application that wants a desk; "mujhe wahan apply
            # karna hai booking nahi": an application instead
            continue
        if (intent == "booking" and _BOOKABLE.search(text) and (_WHEN.search(text) or days_named(text))
                and (not _ASKED.search(text) or BOOK_SAID.search(text))):
            return Intent("booking", "", **extras)  # "lahore stp desk 15 dec 11 baje 2 log": no "book", still one
        if intent == "list" and _asks_for_list(tokens):
            return Intent("list", "", **extras)
        if intent == "list" and slot is not None:
            continue  # "کون کون سے کاغذات چاہیے": which papers, not which parks
        for key in _present(tokens, compiled[intent]):
            if intent == "list" and not _asks_for_list(tokens) and set(tokens) & _words("not_a_list"):
                continue
            if (intent == "list" and len(tokens) > len(key) + 2 and not _any(tokens, "park") and key not in _where_all()
                    and not names_place(text)):
                continue  # "ای روزگار سینٹر میں کون کون سے کورس": which courses, not which parks
            # (a longer thanks that names the parks asks on: "thanks, tell me about quetta stp")
            extra = THANKS_EXTRA if intent == "thanks" and not _ASKS_ON.search(text) and not in_domain and not (
                names_place(text)) else 2
            if intent in SHORT_ONLY and len(tokens) > len(key) + extra:
                continue  # ("shukriya bohat madad hui", "بہت شکریہ آپ کا": thanks; longer ones may ask more)
            if intent in ("affirm", "deny") and len(tokens) > len(key) and (
                    slot or focus or (in_domain and re.search(r"[?؟]", text))):
                continue  # "ok and timings?", "haan internet?": a question, not a yes (to a person offered)
            if intent == "greeting" and tuple(tokens[: len(key)]) != key:
                continue  # "hi" at the start greets; "nic kya hai" ends with the same token and asks
            return Intent(intent, " ".join(key), **extras)
    return Intent("question", "", **extras)
