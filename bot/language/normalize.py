"""Text normalisation and tokenisation for English, Urdu script and Roman Urdu.

Why this module exists: the same Urdu word reaches us in many byte forms (Arabic-keyboard
``ي``/``ك``/``ه`` instead of the Urdu letters, optional diacritics, zero-width joiners, three kinds of
digits), and the same Roman Urdu word in many spellings (``hai``/``hy``/``he``, ``nahi``/``nai``/
``nahin``).  A BM25 index only matches identical tokens, so both sides (queries and chunks) go through
:func:`tokenize`, which folds these variants onto one key.

Everything here is called on every query and every chunk, so translation tables and regexes are
compiled at import time and the per-token Roman key is memoised.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")

# --------------------------------------------------------------------------------------------------
# Urdu script
# --------------------------------------------------------------------------------------------------

#: One-to-one (or one-to-many) character rewrites.  ``None`` deletes the character.
_URDU_CHAR_MAP: dict[int, str | None] = {
    # Arabic-keyboard letters -> the Urdu letters an Urdu keyboard produces.
    0x064A: "\u06cc",  # ARABIC YEH -> FARSI YEH (Urdu choti ye)
    0x0649: "\u06cc",  # ALEF MAKSURA -> choti ye
    0x06D0: "\u06cc",  # ARABIC LETTER E -> choti ye
    0x0643: "\u06a9",  # ARABIC KAF -> KEHEH (Urdu kaf)
    0x06AA: "\u06a9",  # SWASH KAF -> kaf
    0x0647: "\u06c1",  # ARABIC HEH -> HEH GOAL: Arabic-keyboard Urdu uses it for chhoti he
    0x06D5: "\u06c1",  # AE -> heh goal
    0x0629: "\u06c1",  # TEH MARBUTA -> heh goal (Arabic loanwords end in either spelling)
    0x06C3: "\u06c1",  # TEH MARBUTA GOAL -> heh goal
    0x06C2: "\u06c1",  # HEH GOAL WITH HAMZA (izafat) -> heh goal: izafat hamza is optional
    0x06C0: "\u06c1",  # HEH WITH YEH ABOVE -> heh goal
    0x06D3: "\u0626\u06d2",  # YEH BARREE WITH HAMZA -> hamza-ye + barree ye (both spellings occur)
    0x0623: "\u0627",  # ALEF WITH HAMZA ABOVE -> alef
    0x0625: "\u0627",  # ALEF WITH HAMZA BELOW -> alef
    0x0671: "\u0627",  # ALEF WASLA -> alef
    0x0672: "\u0627",
    0x0673: "\u0627",
    # Punctuation that should behave like its ASCII twin.
    0x066A: "%",
    0x066B: ".",
    0x066C: ",",
    # Tatweel (kashida) is pure typography.
    0x0640: None,
}
# Harakat, Quranic annotation marks and superscript alef: optional in Urdu, so dropped.
_URDU_CHAR_MAP.update({cp: None for cp in range(0x064B, 0x0660)})
_URDU_CHAR_MAP.update({cp: None for cp in range(0x06D6, 0x06EE)})
_URDU_CHAR_MAP.update({cp: None for cp in range(0x0610, 0x061B)})
_URDU_CHAR_MAP[0x0670] = None
# Zero-width and bidi control characters (ZWNJ is common inside Urdu compounds).
_URDU_CHAR_MAP.update({cp: None for cp in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD, 0x061C)})
_URDU_CHAR_MAP.update({cp: None for cp in range(0x202A, 0x202F)})
_URDU_CHAR_MAP.update({cp: None for cp in range(0x2066, 0x206A)})
# Extended (Urdu/Persian) and Arabic-Indic digits -> ASCII.
_URDU_CHAR_MAP.update({0x06F0 + i: str(i) for i in range(10)})
_URDU_CHAR_MAP.update({0x0660 + i: str(i) for i in range(10)})

_URDU_TABLE = str.maketrans(_URDU_CHAR_MAP)

# Letters that carry a separate hamza combining mark in decomposed text; NFC composes most of them,
# but Farsi yeh + hamza is not a canonical composition, so we do it by hand.
_HAMZA_FIXES = (
    ("\u06cc\u0654", "\u0626"),  # choti ye + hamza above -> hamza-ye
    ("\u064a\u0654", "\u0626"),
    ("\u06d2\u0654", "\u0626\u06d2"),  # barree ye + hamza above -> hamza-ye + barree ye
    ("\u0648\u0654", "\u0624"),  # waw + hamza above -> hamza-waw
    ("\u0627\u0653", "\u0622"),  # alef + madda -> alef madda (kept: آ is a distinct letter)
)
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_NEEDS_HAMZA_FIX = re.compile("[\u0653\u0654]")


def normalize_urdu(text: str) -> str:
    """Fold the byte-level variants of Urdu-script text onto one spelling.

    Why: identical words typed on an Arabic keyboard, copied from a PDF (presentation forms), or
    written with optional diacritics must produce identical index tokens.  Latin text passes through
    unchanged except for zero-width characters, so the function is safe on mixed messages.
    """
    if not text:
        return text
    if _PRESENTATION_FORMS.search(text):
        # PDF extraction often yields contextual glyph forms; NFKC maps them back to letters.
        text = unicodedata.normalize("NFKC", text)
    if _NEEDS_HAMZA_FIX.search(text):
        for src, dst in _HAMZA_FIXES:
            text = text.replace(src, dst)
    return text.translate(_URDU_TABLE)


_ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f"


# --------------------------------------------------------------------------------------------------
# Roman Urdu spelling key
# --------------------------------------------------------------------------------------------------

#: Roman Urdu chat spellings written out the way the knowledge's Roman Urdu writes them, for the embedding model,
#: which reads "kitny stp hn pk ma" far from "kitne STP hain Pakistan mein" (the lexical search keys both alike).
CHAT_WRITTEN: dict[str, str] = {
    # only vowel-dropped forms that no English word, unit or number shares: not "h", "he", "me", "ma", "k", "kb", "mn",
    # "pk" ("24 h", "he is", "tell me", "50k", "512 kb", "186 mn", "pseb.org.pk"); nor "bna"/"bany", which pulled "kab
    # bana" questions to a park still being built
    "hn": "hain", "kitny": "kitne", "ktne": "kitne", "ktny": "kitne", "ktni": "kitni", "ktna": "kitna",
    "skti": "sakti", "skta": "sakta", "skte": "sakte", "sakty": "sakte", "skty": "sakte", "krna": "karna",
    "krni": "karni", "krne": "karne", "krte": "karte", "krta": "karta", "krti": "karti", "rha": "raha", "rhi": "rahi",
    "rhe": "rahe", "btao": "batao", "btaen": "bataen", "btayen": "bataen", "bht": "bahut", "mjhe": "mujhe",
    "mje": "mujhe", "chahye": "chahiye", "chaiye": "chahiye", "hoty": "hote", "nhi": "nahi",
    "sheher": "shehar", "shaher": "shehar", "shahar": "shehar", "shehr": "shehar", "shehro": "shehron",
    "sheharon": "shehron", "shahron": "shehron",
}
_LATIN_RUN = re.compile(r"(?<![\w.])[A-Za-z]+(?![\w.])")


def written_out(text: str) -> str:
    """A Roman Urdu message with its chat spellings written out (:data:`CHAT_WRITTEN`), for the query embedding."""
    return _LATIN_RUN.sub(lambda m: CHAT_WRITTEN.get(m.group(0).lower(), m.group(0)), text)


#: Chat abbreviations and spellings whose vowels were dropped; no rule can restore them, so they are
#: listed by hand (common WhatsApp forms) and rewritten to a full spelling before keying.
CHAT_SPELLINGS: dict[str, str] = {
    "h": "hai",
    "hy": "hai",
    "hn": "hain",
    "hen": "hain",
    "nhi": "nahi",
    "nhe": "nahi",
    "nai": "nahi",
    "ni": "nahi",
    "nae": "nahi",
    "nahe": "nahi",
    # "new": its spellings would key as the ergative "ne" ("naye" -> "ni"), a function word
    "naye": "naya",
    "nayi": "naya",
    "nayee": "naya",
    "kr": "kar",
    "krna": "karna",
    "krne": "karne",
    "krni": "karni",
    "krta": "karta",
    "krti": "karti",
    "krte": "karte",
    "kro": "karo",
    "kren": "karen",
    "krein": "karen",
    "kya": "kya",
    "kia": "kya",
    "ky": "kya",
    "k": "ke",
    "ki": "ki",
    "ka": "ka",
    "ko": "ko",
    "sy": "se",
    "sey": "se",
    "mn": "main",
    "ma": "main",  # "stp ma", "isb ma": a common typing of "mein" (a mother is "maa", a degree "MA")
    "me": "main",
    "mai": "main",
    "mei": "main",
    "mein": "main",
    "men": "main",
    "mjhe": "mujhe",
    "mje": "mujhe",
    "mujhy": "mujhe",
    "mujhay": "mujhe",
    "muje": "mujhe",
    "mjy": "mujhe",
    "ap": "aap",
    "apko": "aapko",
    "bht": "bahut",
    "bohat": "bahut",
    "bohot": "bahut",
    "bhot": "bahut",
    "bhut": "bahut",
    "bt": "baat",
    "bat": "baat",
    "pr": "par",
    "per": "par",
    "tm": "tum",
    "hm": "hum",
    "ham": "hum",
    "yh": "ye",
    "yeh": "ye",
    "wo": "wo",
    "woh": "wo",
    "vo": "wo",
    "voh": "wo",
    "thx": "thanks",
    "plz": "please",
    "pls": "please",
    "acha": "acha",
    "achha": "acha",
    "acchha": "acha",
    "kahan": "kahan",
    "kahaan": "kahan",
    "kidhr": "kidhar",
    "kb": "kab",
    "jb": "jab",
    "tb": "tab",
    "sb": "sab",
    "bi": "bhi",
    "b": "bhi",
    "bhe": "bhi",
    "mny": "maine",
    "mene": "maine",
    "mainy": "maine",
    "kuch": "kuch",
    "kch": "kuch",
    "kuchh": "kuch",
    "abi": "abhi",
    "ab": "ab",
    "lye": "liye",
    "liay": "liye",
    "liey": "liye",
    "lie": "liye",
    "lia": "liya",
    "gya": "gaya",
    "gyi": "gayi",
    "gye": "gaye",
    "rha": "raha",
    "rhi": "rahi",
    "rhe": "rahe",
    "skta": "sakta",
    "skti": "sakti",
    "skte": "sakte",
    "tk": "tak",
    # question words and verbs as typed with their vowels dropped ("ktne center chal rhe", "kese book krun")
    "ktne": "kitne",
    "ktni": "kitni",
    "ktna": "kitna",
    "kitny": "kitne",
    "ktny": "kitne",
    "ksy": "kaise",
    "kesy": "kaise",
    "kaisy": "kaise",
    "khn": "kahan",
    "kahn": "kahan",
    "kdhr": "kidhar",
    "bta": "bata",
    "btao": "batao",
    "btaen": "batayen",
    "btayen": "batayen",
    "btain": "batayen",
    "bna": "bana",
    "bni": "bani",
    "bne": "bane",
    "mlta": "milta",
    "mlti": "milti",
    "mlte": "milte",
    "mlega": "milega",
    "mlegi": "milegi",
    "krun": "karun",
    "krwani": "karwani",
    "krwana": "karwana",
    "chahye": "chahiye",
    "chahiy": "chahiye",
    "wahn": "wahan",
    "yhn": "yahan",
    "yahn": "yahan",
    "jga": "jagah",
    "jgah": "jagah",
    "khtm": "khatam",
    "khtam": "khatam",
    "shru": "shuru",
    "srf": "sirf",
    "ghr": "ghar",
    "zada": "zyada",
    "ziada": "zyada",
    "zyda": "zyada",
    # a city, as typed ("stp kis kis sheher ma h"); the knowledge writes shehar, shehron
    "sheher": "shehar",
    "shaher": "shehar",
    "shahar": "shehar",
    "shehr": "shehar",
    "shahr": "shehar",
    "shehro": "shehron",
    "shehroon": "shehron",
    "sheharon": "shehron",
    "shaharon": "shehron",
    "shahron": "shehron",
    "sheheron": "shehron",
}

_ROMAN_NON_LETTERS = re.compile(r"[^a-z]+")

#: Ordered spelling rewrites that form the Roman key.  Chosen by greedy forward selection and
#: checked by ``tools/build_language_data.py BENCH --measure-keys``: one spelling of every Urdu word
#: in the Dakshina TRAIN lexicon is held out, key -> Urdu word is built from the other spellings, and
#: a rule is kept if it raises "held-out spelling finds the right Urdu word" more than it raises the
#: share of known spellings whose key now leads to a different word.  Result: no rules 2.0% (23.5%
#: frequency-weighted), these eight rules 52.2% (66.7%); collisions 3.0% -> 8.4%.  Each rule removed
#: alone costs 0.4-26 points; ``kh``>``k``, dropping final ``h`` or nasal ``n``, dropping aspiration,
#: and vowel-less skeleton keys were measured and rejected (skeleton: 36.5%, collisions 27%).
ROMAN_KEY_RULES: tuple[tuple[str, str], ...] = (
    (r"ph", "f"),  # phir/fir
    (r"q", "k"),  # qabil/kabil
    (r"y", "i"),  # kya/kia, liye/liie
    (r"u", "o"),  # mujhe/mojhe, hum/hom
    (r"e", "i"),  # mein/mian, ke/ki merge (function words; exact forms are looked up first)
    (r"(.)\1+", r"\1"),  # doubled letters: aa/a, ee/e, oo/o, ss/s
    (r"a(?=i)", ""),  # hai/hi, mein/main/min
    (r"v", "w"),  # wo/vo, hawa/hava
)
_ROMAN_RULES = tuple((re.compile(p), r) for p, r in ROMAN_KEY_RULES)


@lru_cache(maxsize=200_000)
def roman_key(token: str) -> str:
    """Spelling key of a lowercase Latin token, by rules only (no English protection).

    Used to build and query the Roman->Urdu lexicon, where merging an English word with a Roman
    spelling is harmless because exact forms are looked up first.
    """
    if not token.isascii() or not token.isalpha():
        token = _ROMAN_NON_LETTERS.sub("", token.lower())
        if not token:
            return token
    token = CHAT_SPELLINGS.get(token, token)
    for pattern, repl in _ROMAN_RULES:
        token = pattern.sub(repl, token)
    return token


# --------------------------------------------------------------------------------------------------
# Shared data loading
# --------------------------------------------------------------------------------------------------


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a gzipped TSV data file shipped in ``bot/language/data``.

    Why gzip + TSV: the files stay small in git, diff-able after ``zcat``, and need no dependency.
    """
    with gzip.open(DATA_DIR / name, "rt", encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip()]


@cache
def word_logprobs() -> dict[str, tuple[float, float]]:
    """Latin word -> (log P(word | English), log P(word | Roman Urdu)), natural log.

    A class that does not list the word gets ``-inf``; see ``tools/build_language_data.py`` for how
    both distributions were estimated (wordfreq English; Dakshina TRAIN spellings weighted
    by wordfreq Urdu frequencies).
    """
    table: dict[str, tuple[float, float]] = {}
    for word, en, ru in read_tsv("words.tsv.gz"):
        table[word] = (float(en) if en else float("-inf"), float(ru) if ru else float("-inf"))
    return table


#: A Latin word is "plain English" (kept verbatim by normalize_roman and to_urdu_script) when its
#: English probability is this many nats above its Roman Urdu probability.
ENGLISH_MARGIN = 3.0


def is_plain_english(word: str) -> bool:
    """True when a lowercase Latin word is a common English word and not a common Roman Urdu one.

    Why: ``the``/``need``/``rent`` should keep their spelling in the index and in transliteration,
    while ``main``/``to``/``hi`` (also frequent Roman Urdu) must not be protected.
    """
    probs = word_logprobs().get(word)
    return probs is not None and probs[0] - probs[1] > ENGLISH_MARGIN


@lru_cache(maxsize=200_000)
def normalize_roman(token: str) -> str:
    """Map one lowercase Roman Urdu token to its canonical spelling key (see ``ROMAN_KEY_RULES``).

    Why: WhatsApp users spell one Urdu word many ways (``hai``/``hy``/``he``; ``nahi``/``nai``/
    ``nahin`` -> ``nahi``/``nahin``; ``kya``/``kia``), and BM25 matches only identical tokens.  Common
    English words that are not also Roman Urdu spellings keep their spelling, so English text is
    not blurred (``need`` stays ``need`` instead of becoming ``nid``).  ``main``/``mein``/``me``/``men``
    all become one key: in Urdu the word for "in" and the word for "I" are the same word (میں).
    The key is an index key, not a display form.
    """
    token = token.lower()
    if is_plain_english(token):
        return token
    return roman_key(token)


# --------------------------------------------------------------------------------------------------
# Tokenisation
# --------------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"[a-z]+"  # Latin (English / Roman Urdu)
    rf"|[{_ARABIC_LETTER}]+"  # Urdu script
    r"|[0-9]+"
    r"|[^\W\d_]+"  # letters of any other script, kept as they are
)
_DIGIT_GROUP_SEP = re.compile(r"(?<=\d)[,\u066c\u060c](?=\d{3}\b)")


#: Tokens of the last short texts tokenized: one turn tokenizes its question about a dozen times (intent,
#: places, parks, focus, lexical search, answer selection), and each sentence of the records it reads.
_TOKENIZED: dict[str, tuple[str, ...]] = {}
_TOKENIZED_TEXTS = 2048
_TOKENIZED_CHARS = 1000


def singular(word: str) -> str:
    """A word without its plural ending, to compare words, never to show: "startups" and "startup", "freelancers"
    and "freelancer", "فری لانسرز" / "فری لانسروں" and "فری لانسر" meet ("generator" and "general" do not, as they
    would by a fixed prefix; "business" keeps its "ss")."""
    if word.isascii():
        return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
    for ending in ("وں", "ز"):
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return word[:-len(ending)]
    return word


def tokenize(text: str) -> list[str]:
    """Index tokens for BM25 from text in any of our scripts.

    Why: queries and chunks must meet on identical tokens, so both pass here: Urdu script is
    normalised (:func:`normalize_urdu`), Latin words get their Roman spelling key
    (:func:`normalize_roman`), numbers become ASCII digit runs (``۲۰۲۴`` == ``2024``; ``1,000`` ==
    ``1000``), and punctuation of both scripts (``۔ ، ؟``) separates tokens and is dropped.
    Short texts' tokens are remembered (a new list is returned each time).
    """
    found = _TOKENIZED.get(text)
    if found is not None:
        return list(found)
    tokens = _tokenize(text)
    if len(text) <= _TOKENIZED_CHARS:
        if len(_TOKENIZED) >= _TOKENIZED_TEXTS:
            _TOKENIZED.clear()
        _TOKENIZED[text] = tuple(tokens)
    return tokens


#: An alif written before an English "st", "sp", "sk" ("اسکول", "اسٹارٹ اپ", "اسپیس"), or not ("سکول", "سپیس"):
#: both spellings are common. (Only words of five letters or more: "اسکا", "اسکی" are the pronoun "its".)
_PROTHETIC = ("اسٹ", "اسپ", "اسک")


def _tokenize(text: str) -> list[str]:
    text = _DIGIT_GROUP_SEP.sub("", normalize_urdu(text).lower())
    tokens = _TOKEN.findall(text)
    for i, tok in enumerate(tokens):
        if "a" <= tok[0] <= "z":
            tokens[i] = normalize_roman(tok)
        elif tok.startswith(_PROTHETIC) and len(tok) >= 5:
            tokens[i] = tok[1:]  # "اسپیسز" / "سپیسز", "اسٹارٹ" / "سٹارٹ": English loans, with or without the alif
    if "\u0621" in tokens:  # a lone hamza is the era mark of "2012ء", not a word
        tokens = [t for t in tokens if t != "\u0621"]
    return tokens


# --------------------------------------------------------------------------------------------------
# Function words
# --------------------------------------------------------------------------------------------------

#: Closed-class words (postpositions and prepositions, articles, pronouns, conjunctions, auxiliaries and
#: light verbs, negation) of each language, as people write them.  Why: a passage that shares only these
#: with a query shares its language, not its meaning, yet BM25 scored the match and the coverage check
#: counted it.  In an index of mostly English files "کے"/"میں"/"ہے" are rare tokens with a high IDF, so
#: every Urdu passage matched every Urdu question (issue 11: Urdu -> English P@1 0.02 with the bundled
#: knowledge present).  Only lexical *queries* drop them (indexes keep every token); the words are keyed
#: with :func:`tokenize`, so their spelling variants (``hai``/``hy``/``he``) go with them.  Words that look
#: small but carry the question stay out: numerals, ``only`` (a women-only park), ``new``, ``other``,
#: ``more``, ``first``, ``last``; question words (``kitne``/``کتنے``/``how``, ``kab``, ``where``...), which
#: say what is asked and match the FAQ's questions; and words whose token is also a content word: ``it``
#: (IT parks), ``do`` (Roman Urdu "two"), ``may`` (the month), ``such`` (keyed as Roman Urdu ``soch``).
FUNCTION_WORDS: dict[str, str] = {
    "en": """
        a an the this that these those
        i me my mine we our ours you your yours he him his she her hers its they them their theirs s
        am is are was were be been being does did done doing have has had having
        will would shall should can could might must
        of in on at by for from to into onto with without about as than over under between through
        during before after within upon via per
        and or but nor so if then else also too very just not no
        there here some any each every either neither all both
        exactly exact actually basically really just please pls plz kindly whats u r ur ok okay
        like tho bro sis sir madam dear hey guys tell abt bout know explain
        whos thats isnt arent dont doesnt cant wont wanna gonna heard hear
        """,
    "ur": """
        کا کی کے کو سے میں پر تک نے والا والی والے لیے لئے لیئے کیلئے کےلیے ساتھ
        ہے ہیں ہو ہوں ہوا ہوئی ہوئے ہوتا ہوتی ہوتے ہونا ہونے ہوگا ہوگی ہوں گے تھا تھی تھے تھیں
        گا گی گے رہا رہی رہے سکتا سکتی سکتے جاتا جاتی جاتے گیا گئی گئے چکا چکی چکے کر کرکے
        اور یا لیکن مگر بلکہ کہ اگر تو بھی ہی نہ نہیں مت
        ہم تم آپ وہ یہ اس ان اسے انہیں انہوں انھوں جس جن جو جسے جنہیں کوئی کسی کچھ سب ہر
        اپنا اپنی اپنے میرا میری میرے مجھے ہمارا ہماری ہمارے ہمیں تمہارا آپکا آپ کا
        پلیز پلز براہ کرم ذرا
        """,
    "roman_ur": """
        ka ki ke kay kee ko se say sy sey mein main me mai men mn par pe pr tak ne nay ney
        wala wali wale liye liay lie lye sath saath
        hai hain hy hn he ho hon hua hui hue hota hoti hote hona hone hoga hogi
        tha thi the thay thin thein ga gi ge raha rahi rahe rha rhi rhe
        sakta sakti sakte skta skti skte jata jati jate gaya gayi gaye gya gyi gye chuka chuki chuke
        kar kr karke
        aur or ya lekin magar balke keh agar to bhi bi hi na nahi nahin nai nhi mat
        hum ham tum aap ap wo woh vo ye yeh is us in un ise use unhen unhon jis jin jo koi kisi kuch sab har
        apna apni apne mera meri mere mujhe hamara hamari hamare hamen tumhara aapka aapki aapke
        zara bhai yaar yar plz please bata batao btao bataen bataein bataye ji jee ab maloom malum suna
        """,
}


@cache
def function_words() -> frozenset[str]:
    """The index tokens of :data:`FUNCTION_WORDS`, all languages together (a token is a token, whichever
    language typed it: a Roman Urdu question transliterated to Urdu script meets the Urdu list)."""
    return frozenset(token for words in FUNCTION_WORDS.values() for token in tokenize(words))


def ngrams(tokens: Sequence[str], longest: int) -> frozenset[tuple[str, ...]]:
    """Every run of 1..longest tokens.

    Remembered per token sequence: one message is cut into runs by the intent table, the question's focus,
    the directory, the answer's sentence choice and the escalation phrases, about twenty times a turn, and
    that was the largest single cost of a turn's Python (benchmarks/chat_notes.md, session 18). A frozenset,
    so no caller can change what the next one reads."""
    return _ngrams(tuple(tokens), longest)


@lru_cache(maxsize=8192)
def _ngrams(tokens: tuple[str, ...], longest: int) -> frozenset[tuple[str, ...]]:
    count = len(tokens)
    return frozenset(tokens[i : i + n] for n in range(1, min(longest, count) + 1) for i in range(count - n + 1))
