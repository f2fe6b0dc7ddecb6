"""The places users name, in English, Urdu script and common Roman Urdu spellings: one table for the
directory (which city or province a question names) and for language detection (a name is no evidence of
either English or Roman Urdu).
"""

from __future__ import annotations

import re
from functools import cache

PROVINCES: dict[str, list[str]] = {
    "Sindh": ["sindh", "سندھ", "sind"],
    "Punjab": ["punjab", "پنجاب"],
    # "کے پی" is also the start of "کے پی ایس ای بی" ("of PSEB"): the directory blanks organisations' names first
    "Khyber Pakhtunkhwa": ["khyber pakhtunkhwa", "kp", "kpk", "خیبر پختونخوا", "pakhtunkhwa", "پختونخوا", "کے پی"],
    "Balochistan": ["balochistan", "baluchistan", "بلوچستان"],
    "Islamabad Capital Territory": ["islamabad capital territory", "ict"],
    "Gilgit-Baltistan": ["gilgit-baltistan", "gilgit baltistan", "gb", "گلگت بلتستان"],
    "Azad Jammu and Kashmir": ["azad jammu and kashmir", "azad kashmir", "ajk", "آزاد کشمیر", "آزاد جموں و کشمیر",
                               "kashmir", "کشمیر"],
}

#: Cities people ask about (some with no park in the directory); knowing them lets the bot say
#: "none listed in Multan" instead of answering about some other city.
OTHER_PLACES: dict[str, list[str]] = {
    "Multan": ["multan", "ملتان"], "Hyderabad": ["hyderabad", "حیدرآباد", "حیدر آباد"],
    "Sukkur": ["sukkur", "سکھر"], "Bahawalpur": ["bahawalpur", "بہاولپور"],
    "Gujranwala": ["gujranwala", "گوجرانوالہ"], "Abbottabad": ["abbottabad", "abbotabad", "ایبٹ آباد"],
    "Mardan": ["mardan", "مردان"], "Larkana": ["larkana", "لاڑکانہ"],
    "Muzaffarabad": ["muzaffarabad", "مظفرآباد", "مظفر آباد"], "Mirpur": ["mirpur", "میرپور"],
    "Sargodha": ["sargodha", "سرگودھا"], "Sahiwal": ["sahiwal", "ساہیوال"], "Gwadar": ["gwadar", "گوادر"],
    "Skardu": ["skardu", "سکردو"], "Hunza": ["hunza", "ہنزہ"], "Chitral": ["chitral", "چترال"],
    "Jhelum": ["jhelum", "جہلم"], "Gujrat": ["gujrat", "گجرات"], "Turbat": ["turbat", "تربت"],
    "Nawabshah": ["nawabshah", "نوابشاہ"], "Mingora": ["mingora", "مینگورہ"], "Kohat": ["kohat", "کوہاٹ"],
    "Bannu": ["bannu", "بنوں"], "Okara": ["okara", "اوکاڑہ"], "Kasur": ["kasur", "قصور"],
    "Sheikhupura": ["sheikhupura", "شیخوپورہ"], "Attock": ["attock", "اٹک"], "Chakwal": ["chakwal", "چکوال"],
    "Mirpur Khas": ["mirpur khas", "mirpurkhas", "میرپور خاص"],
    "Dera Ghazi Khan": ["dera ghazi khan", "ڈیرہ غازی خان"],
    "Rahim Yar Khan": ["rahim yar khan", "rahimyar khan", "رحیم یار خان"],
    "Khuzdar": ["khuzdar", "خضدار"], "Zhob": ["zhob", "ژوب"], "Loralai": ["loralai", "لورالائی"],
    "Sibi": ["sibi", "سبی"], "Jacobabad": ["jacobabad", "جیکب آباد"], "Shikarpur": ["shikarpur", "شکارپور"],
    "Khairpur": ["khairpur", "خیرپور"], "Ghotki": ["ghotki", "گھوٹکی"], "Thatta": ["thatta", "ٹھٹھہ"],
    "Badin": ["badin", "بدین"], "Umerkot": ["umerkot", "عمرکوٹ"], "Jhang": ["jhang", "جھنگ"],
    "Chiniot": ["chiniot", "چنیوٹ"], "Mianwali": ["mianwali", "میانوالی"], "Bhakkar": ["bhakkar", "بھکر"],
    "Khanewal": ["khanewal", "خانیوال"], "Vehari": ["vehari", "وہاڑی"], "Pakpattan": ["pakpattan", "پاکپتن"],
    "Bahawalnagar": ["bahawalnagar", "بہاولنگر"], "Muzaffargarh": ["muzaffargarh", "مظفرگڑھ"],
    "Lodhran": ["lodhran", "لودھراں"], "Hafizabad": ["hafizabad", "حافظ آباد"], "Narowal": ["narowal", "نارووال"],
    "Haripur": ["haripur", "ہری پور"], "Mansehra": ["mansehra", "مانسہرہ"], "Swabi": ["swabi", "صوابی"],
    "Nowshera": ["nowshera", "نوشہرہ"], "Charsadda": ["charsadda", "چارسدہ"], "Kotli": ["kotli", "کوٹلی"],
    "Rawalakot": ["rawalakot", "راولاکوٹ"], "Wah Cantt": ["wah cantt", "wah cantonment", "واہ کینٹ"],
    "Taxila": ["taxila", "ٹیکسلا"],
    # cities with parks: the directory also reads them from knowledge/parks.yaml, with their Urdu names
    "Karachi": ["karachi", "کراچی"], "Lahore": ["lahore", "لاہور"], "Islamabad": ["islamabad", "اسلام آباد"],
    "Rawalpindi": ["rawalpindi", "راولپنڈی"], "Peshawar": ["peshawar", "پشاور"], "Quetta": ["quetta", "کوئٹہ"],
    "Gilgit": ["gilgit", "گلگت"], "Bagh": ["bagh", "باغ"], "Sialkot": ["sialkot", "سیالکوٹ"],
    "Faisalabad": ["faisalabad", "فیصل آباد"], "Swat": ["swat", "سوات"],
    "Dera Ismail Khan": ["dera ismail khan", "ڈیرہ اسماعیل خان"],
}
#: Short names people type for a city (its initials, an airport code, "pindi"): the directory reads them as the city,
#: and :func:`spell_out` writes them out for the search (the embedding model and the records know "Karachi", not "khi").
CITY_ALIASES: dict[str, list[str]] = {
    "Rawalpindi": ["pindi", "پنڈی", "rwp"], "Karachi": ["khi"], "Islamabad": ["isb", "islamabad"],
    "Dera Ismail Khan": ["di khan", "d i khan", "d. i. khan", "ڈی آئی خان", "dik"],
    "Lahore": ["lhr"], "Faisalabad": ["fsd", "fbd"], "Sialkot": ["skt"], "Multan": ["mux"], "Hyderabad": ["hyd"],
    "Dera Ghazi Khan": ["dg khan", "d g khan", "d.g. khan", "ڈی جی خان"],
    "Rahim Yar Khan": ["ryk"],
}



#: The country itself: named in questions in every language.
COUNTRY: list[str] = ["pakistan", "پاکستان"]
#: Words inside multi-word names that are ordinary English ("Azad Jammu and Kashmir", "Islamabad Capital
#: Territory"): they stay evidence of English.
#: ("yar" of Rahim Yar Khan and "wah" of Wah Cantt are also everyday Roman Urdu: "ok yar", "wah wah").
_COMMON = frozenset({"and", "capital", "territory", "city", "yar", "wah"})


def urdu_name(place: str) -> str | None:
    """The place's name in Urdu script (a province or a city of the place tables), if the tables have one: how an
    Urdu reply names a place the user named ("Faisalabad" -> "فیصل آباد")."""
    return next((a for a in PROVINCES.get(place) or OTHER_PLACES.get(place) or [] if not a.isascii()), None)


def spellings(place: str) -> list[str]:
    """Every way the place tables write ``place`` (its name, its spellings in both scripts, its short names):
    a file of an office's may spell it any of them ("Mirpurkhas" for Mirpur Khas)."""
    found = [place, *PROVINCES.get(place, ()), *OTHER_PLACES.get(place, ()), *CITY_ALIASES.get(place, ())]
    return list(dict.fromkeys(found))


def spell_out(text: str) -> str:
    """The text with the short names of :data:`CITY_ALIASES` written out ("khi it park khul gya?" -> "Karachi it park
    khul gya?"; "پنڈی" -> "راولپنڈی"), so that a search matches the records that name the city."""
    return _SHORT_NAME.sub(_full_name, text) if _SHORT_NAME.search(text) else text


def _full_name(match: re.Match[str]) -> str:
    short = match.group(0)
    canonical = _SHORT_NAMES[short.lower()]
    return (urdu_name(canonical) or canonical) if not short.isascii() else canonical


#: (not D. I. Khan's: the records themselves call it "D. I. Khan" and "DI Khan New City")
_SHORT_NAMES: dict[str, str] = {alias: canonical for canonical, aliases in CITY_ALIASES.items() for alias in aliases
                                if alias != canonical.lower() and canonical != "Dera Ismail Khan"}
_SHORT_NAME = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in sorted(_SHORT_NAMES, key=len, reverse=True))
                         + r")(?!\w)", re.IGNORECASE)


def latin_place_words() -> frozenset[str]:
    """Every Latin-letter word of three letters or more of every name above, lower case: what
    :mod:`bot.language.detect` does not count as evidence."""
    names = [*COUNTRY, *(n for table in (PROVINCES, OTHER_PLACES, CITY_ALIASES)
                         for canonical, aliases in table.items() for n in (canonical, *aliases))]
    # one- and two-letter pieces of initials ("d i khan", "kp") are also common words ("i", "di")
    return frozenset(w for n in names for w in re.findall(r"[a-z]+", n.lower()) if len(w) > 2 and w not in _COMMON)


def latin_names(text: str) -> list[str]:
    """The Latin-script names of the places an Urdu-script text names ("حیدرآباد" -> "Hyderabad"): what an
    English file calls them, for a lexical search that cannot otherwise cross the script."""
    from bot.language.normalize import ngrams, tokenize

    grams = ngrams(tokenize(text), longest=4)
    return [canonical for canonical, key in _urdu_keys() if key in grams]


@cache
def _urdu_keys() -> list[tuple[str, tuple[str, ...]]]:
    from bot.language.normalize import tokenize

    return [(canonical, key) for table in (PROVINCES, OTHER_PLACES, CITY_ALIASES)
            for canonical, aliases in table.items() for alias in aliases
            if re.search(r"[\u0600-\u06ff]", alias) and 0 < len(key := tuple(tokenize(alias))) <= 4
            and max(map(len, key)) > 2]  # not "کے پی": also the start of "کے پی ایس ای بی"


def names_place(text: str) -> bool:
    """Whether the text names any place of the tables above, in any script."""
    from bot.language.normalize import ngrams, tokenize

    grams = ngrams(tokenize(text), longest=4)
    return any(key in grams for key in _all_keys())


@cache
def _all_keys() -> frozenset[tuple[str, ...]]:
    from bot.language.normalize import tokenize

    # not "کے پی" ("of" + a letter): the directory reads it as KP only outside "کے پی ایس ای بی" and the like
    return frozenset(key for table in (PROVINCES, OTHER_PLACES, CITY_ALIASES) for canonical, aliases in table.items()
                     for name in (canonical, *aliases) if 0 < len(key := tuple(tokenize(name))) <= 4
                     and (len(key) == 1 or max(map(len, key)) > 2))
