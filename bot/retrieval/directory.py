"""The park directory and subsidy rules as structured data, for lists, filters and exact figures.

Search finds passages; but "which parks are in Sindh?" or "women-only parks" is a filter over a
table, and the answer must list every match, not the five nearest passages. This module reads the
same ``knowledge/*.yaml`` files the index renders, and knows the places users name (with their Urdu
and common Roman Urdu spellings) so the assistant can recognise a city or province in any script.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from bot.language import ngrams, tokenize
from bot.language.normalize import function_words
from bot.language.places import CITY_ALIASES, OTHER_PLACES, PROVINCES

__all__ = ["CITY_ALIASES", "OTHER_PLACES", "PROVINCES", "Directory", "Park"]


_LATIN_WORD = re.compile(r"[a-z]+")
#: The fields that name a record or what it is about (see :meth:`Directory.vocabulary`).
_NAMING_FIELDS = frozenset({"name", "title", "q", "aliases", "defines"})


def _key(text: str) -> tuple[str, ...]:
    return tuple(tokenize(text))


def _longest(keys: Sequence[tuple[tuple[str, ...], str] | tuple[tuple[str, ...], str, str]]) -> int:
    """The token length of the longest of ``keys`` (sorted longest first; each starts with its token key),
    so a message's n-grams reach every name however long."""
    return len(keys[0][0]) if keys else 0


#: How many lookups :class:`Directory` remembers (then it forgets them all and starts again).
_REMEMBERED = 512
#: Where a message's clauses part ("registered in Lahore. can we take space in the Quetta STP?"); a dot after a single
#: letter is an initial ("D. I. Khan"), except after "h", Roman Urdu's "hai" ("net ka masla h. ajk me ...").
_CLAUSE = re.compile(r"(?:(?<!\b[A-GI-Za-gi-z])\.(?=\s|$)|[,;!?\n،؛۔؟])+")
#: A word for a park: the clause that holds one is the one asking about a place's park.
_PARK_WORD = re.compile(r"\bstps?\b|\bparks?\b|پارک|ایس ٹی پی", re.I)


def clauses(text: str) -> list[str]:
    """The message split at sentence and clause marks (not at the dots of "D. I. Khan")."""
    return _CLAUSE.split(text)


def park_clauses(text: str) -> list[str]:
    """The clauses that hold a word for a park: the part of a message that asks about one."""
    return [part for part in clauses(text) if _PARK_WORD.search(part)]


def localized(value: object, lang: str) -> str:
    """A record's field in the user's language: Urdu's or English's, Roman Urdu's else English's (the names and
    figures the records give in English read as they are in Roman Urdu); a list's first item."""
    if not isinstance(value, dict):
        return str(value or "")
    text = value.get(lang)
    if not text and lang == "roman_ur":
        text = value.get("en")
    if isinstance(text, list):
        text = text[0] if text else ""
    return str(text or "").strip()


#: Forms of address that ask nothing ("e rozgar kia hai bhai").
#: ("yaar", "sir", "please" are defining words already; "bhai" is normalised to "bhi", "also", which defines nothing)
_FILLERS = re.compile(r"\b(?:bhai|bhaijan)\b|بھائی", re.I)
#: The words people use for the big IT parks without their city in the name ("karachi me it park kahan hai").
_IT_PARK_WORDS = (("it", "park"), ("it", "parks"), ("itpark",), ("آئی", "ٹی", "پارک"), ("آئی", "ٹی", "پارکس"),
                  ("ائی", "ٹی", "پارک"))


_IT_PARK_SAID = re.compile(r"\bit[\s-]*parks?\b|\bitpark|آئی\s*ٹی\s*پارک|ائی\s*ٹی\s*پارک", re.I)
#: An STP named beside "IT park" ("Karachi me STPs kab banaye, ya sirf IT park ban rha h?") asks about the STPs too.
_STP_WORD = re.compile(r"\bstps?\b|software\s+(?:technology\s+)?parks?|ایس ٹی پی|سافٹ ?ویئر", re.I)


def says_it_park(text: str) -> bool:
    """Whether the text says "IT park" ("IT park wala kab tk?") and not an STP beside it (nor "where is it? park ka
    address do", whose "it" and "park" the tokens put side by side)."""
    tokens = tokenize(text)
    return (not _STP_WORD.search(text) and bool(_IT_PARK_SAID.search(text))
            and any(tuple(tokens[i : i + len(key)]) == key for key in _IT_PARK_WORDS
                    for i in range(len(tokens) - len(key) + 1)))


@dataclass
class Park:
    id: str
    data: dict[str, Any]

    def field(self, key: str, lang: str) -> str:
        """One of the park's fields in the user's language (see :func:`localized`): "" when it has none."""
        return localized(self.data.get(key), lang)

    def name(self, lang: str) -> str:
        names = self.data.get("name") or {}
        return str(names.get(lang) or names.get("en") or self.id)

    def city(self, lang: str = "en") -> str:
        city = self.data.get("city") or {}
        return str(city.get("ur" if lang == "ur" else "en") or "") if isinstance(city, dict) else str(city)

    @property
    def province(self) -> str:
        return str(self.data.get("province") or "")

    @property
    def women_only(self) -> bool:
        return bool(self.data.get("women_only"))

    @property
    def status(self) -> str:
        return str(self.data.get("status") or "")


#: Words for a place to work that, next to a women word, describe a women's park.
_WORKPLACE_WORDS = ("jagah", "jaga", "جگہ", "place", "space", "workspace")
#: Words that tie "women" to a park: "women-only stp", "stp for women", "khawateen ke liye stp", "لڑکیوں والا".
_WOMEN_PARK_LINKS = ("only", "sirf", "for", "ke", "liye", "lie", "wala", "wali", "wale", "ka", "ki", "koi", "s",
                     "that", "thats", "which", "is", "just", "exclusively", "meant", "specially", "the",
                     "alag", "separate", "own", "apna", "apni", "الگ", "اپنا",
                     "کا", "کی", "کے", "لیے", "والا", "والی", "والے", "مخصوص", "صرف", "کوئی")


def _by_mention(tokens: list[str], keys: Iterable[tuple[tuple[str, ...], str, str]]
                ) -> list[tuple[int, str, str]]:
    """(first position, kind, name) of each key found in the tokens, in order of mention; ``keys`` come longest
    first, and a key inside a span a longer one took is not a mention of its own."""
    found: dict[tuple[str, str], int] = {}
    taken: set[int] = set()
    for key, kind, name in keys:
        n = len(key)
        for i in range(len(tokens) - n + 1):
            if tuple(tokens[i : i + n]) == key and not taken.intersection(range(i, i + n)):
                found.setdefault((kind, name), i)
                taken.update(range(i, i + n))
    return sorted(((i, kind, name) for (kind, name), i in found.items()), key=lambda item: item[0])


@cache
def _women_park_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    from bot.retrieval.answers import FOCUS_BY_NAME, PARK_WORDS

    def single(words: Sequence[str]) -> frozenset[str]:
        return frozenset(t for w in words if len(toks := tokenize(w)) == 1 for t in toks)

    # a park word of several tokens ("ایس ٹی پی") is marked by its first
    parks = frozenset(toks[0] for w in PARK_WORDS if (toks := tokenize(w)))
    return single(FOCUS_BY_NAME["women"].ask), parks, single(_WOMEN_PARK_LINKS)


@cache
def _workplace_tokens() -> frozenset[str]:
    return frozenset(toks[0] for w in _WORKPLACE_WORDS if (toks := tokenize(w)))


_KE, _PE = tokenize("کے")[0], tokenize("پی")[0]
#: Urdu names of Latin letters, as abbreviations are spelled ("پی ٹی سی ایل", "ایچ ڈی").
_LETTER_NAMES = frozenset(t for w in ("اے", "بی", "سی", "ڈی", "ای", "ایف", "جی", "ایچ", "آئی", "جے", "کے", "ایل", "ایم",
                                      "این", "او", "پی", "کیو", "آر", "ایس", "ٹی", "یو", "وی", "ڈبلیو", "ایکس", "وائی",
                                      "زیڈ") for t in tokenize(w))
#: Words that ask what something is; and (below) words that ask something else of it (whether one exists, or the
#: same of another thing).
_ASKS_WHAT = frozenset(t for w in ("what", "whats", "wat", "kya", "kia", "matlab", "meaning", "mean", "means", "کیا",
                                   "مطلب") for t in tokenize(w))
#: With the function words, the words that only ask what something is ("what", "asal", "matlab").
_DEFINING = _ASKS_WHAT | frozenset(t for w in ("asal", "asl", "hotay", "yaar", "yar", "cheez", "chiz", "exactly",
                                               "actually", "basically", "sir", "please", "plz", "pls", "اصل", "بھلا",
                                               "یار", "چیز") for t in tokenize(w))
_NOT_DEFINING = frozenset(t for w in ("there", "any", "koi", "aur", "and", "about", "کوئی", "اور", "کہاں", "kahan",
                                      "where") for t in tokenize(w))


def _short_name(text: str) -> bool:
    """A name's bracketed part that is a short name of it ("KTP", "کے ٹی پی": letters spelled out), not a
    description ("planned", "منصوبہ", "PM Initiative"): only a short name names the park in a question."""
    letters = r"[\u0600-\u06ff]{1,3}"
    return bool(re.fullmatch(r"[A-Z]{2,6}", text) or re.fullmatch(rf"{letters}(?: {letters})+", text))


def describes_women_park(text: str, *, workplace: bool = False) -> bool:
    """A park described as the women's one: a women word and a park word with only linking words between
    ("ladies only stp", "stp for women", "sirf khawateen ke liye koi stp"), not "women who work in stps".
    ``workplace``: a place to work describes one too ("kya larkiyon ke liye koi alag jagah hai")."""
    women, parks, links = _women_park_words()
    if workplace:
        parks = parks | _workplace_tokens()
    tokens = tokenize(text)
    marks = [(i, t in women) for i, t in enumerate(tokens) if t in women or t in parks]
    # a park word right before a women word needs a link between: "stp for women", not "ppl in stps women?"
    return any(a[1] != b[1] and all(t in links for t in tokens[a[0] + 1 : b[0]]) and (a[1] or b[0] - a[0] > 1)
               for a, b in pairwise(marks))


@dataclass
class Directory:
    parks: list[Park]
    subsidies: list[dict[str, Any]]
    faq: list[dict[str, Any]]
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The places and parks of the last texts looked up: one turn asks about its question several times (the
    #: route tests, the search's boost, the choice of the leading record, the yes/no verdict).
    _found: dict[tuple[str, str], tuple[Any, ...]] = field(default_factory=dict, init=False, repr=False,
                                                           compare=False)

    @classmethod
    def load(cls, folder: Path) -> Directory:
        def read(name: str, key: str) -> list[dict[str, Any]]:
            path = folder / name
            if not path.is_file():
                return []
            return list((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(key) or [])

        sources = {str(s["id"]): s for s in read("sources.yaml", "sources")}
        return cls([Park(str(p["id"]), p) for p in read("parks.yaml", "parks")], read("subsidies.yaml", "subsidies"),
                   read("faq.yaml", "faq"), sources)

    # -- places ---------------------------------------------------------------------------------
    @cached_property
    def _place_keys(self) -> list[tuple[tuple[str, ...], str, str]]:
        """(token key, kind, canonical name), longest keys first so "D. I. Khan" beats "Khan"."""
        keys: set[tuple[tuple[str, ...], str, str]] = set()
        for park in self.parks:
            city = park.data.get("city")
            if isinstance(city, dict):
                for name in (city.get("en"), city.get("ur")):
                    if name:
                        keys.add((_key(str(name)), "city", str(city.get("en"))))
        for canonical, aliases in CITY_ALIASES.items():
            keys.update((_key(a), "city", canonical) for a in aliases)
        for canonical, aliases in OTHER_PLACES.items():
            keys.update((_key(a), "city", canonical) for a in [canonical, *aliases])
        for canonical, aliases in PROVINCES.items():
            keys.update((_key(a), "province", canonical) for a in [canonical, *aliases])
        return sorted((k for k in keys if k[0]), key=lambda item: (-len(item[0]), item))

    @cached_property
    def place_tokens(self) -> frozenset[str]:
        """Every token of every place name: a word that is part of one names a place, not an item asked."""
        return frozenset(t for key, _, _ in self._place_keys for t in key)

    def _remember(self, kind: str, text: str, found: tuple[Any, ...]) -> tuple[Any, ...]:
        if len(self._found) >= _REMEMBERED:
            self._found.clear()
        self._found[kind, text] = found
        return found

    def _places_in(self, text: str) -> tuple[tuple[str, str], ...]:
        """(kind, canonical name) of every place named in the text (any script), in order of first mention (a
        longer name wins over the shorter one inside it: "D. I. Khan", not "Khan")."""
        found = self._found.get(("places", text))
        if found is not None:
            return found
        tokens = self._without_names(tokenize(text))
        grams = ngrams(tokens, longest=_longest(self._place_keys))
        return self._remember("places", text, tuple(
            (kind, canonical) for _, kind, canonical in _by_mention(tokens, (
                (key, kind, canonical) for key, kind, canonical in self._place_keys if key in grams))))

    def _without_names(self, tokens: list[str]) -> list[str]:
        """The tokens with the organisations' names (FAQ ``aliases``) blanked out: "کے پی ایس ای بی" is "of
        PSEB", not "KP" followed by letters, while "کے پی میں" is in KP."""
        names, longest = self._name_keys
        grams = ngrams(tokens, longest)
        for key in names:
            if key not in grams:  # most messages name none: one lookup each, not a scan of the message
                continue
            n = len(key)
            for i in range(len(tokens) - n + 1):
                if tuple(tokens[i : i + n]) == key:
                    tokens[i : i + n] = [""] * n
        # "کے پی ٹی سی ایل", "کے پی ایچ ڈی": "of" and an abbreviation spelled out letter by letter, not KP
        for i in range(len(tokens) - 2):
            if tokens[i] == _KE and tokens[i + 1] == _PE and tokens[i + 2] in _LETTER_NAMES:
                tokens[i : i + 2] = ["", ""]
        return tokens

    def find_places(self, text: str) -> dict[str, str]:
        """The city and province asked about (any script), e.g. {"city": "Quetta"}: the first named in the part
        of the message that asks about a park, else the first named ("registered in Lahore. can we take space in
        the Quetta STP?" asks about Quetta; "im from karachi, is there an stp in lahore" about Lahore)."""
        places = self._places_in(text)
        if len({name for _, name in places}) > 1:
            parts = clauses(text)
            asking = [part for part in parts if _PARK_WORD.search(part)]
            if asking and len(asking) < len(parts):
                lead = [place for part in asking for place in self._places_in(part)]
                places = (*lead, *places)
        found: dict[str, str] = {}
        for kind, canonical in places:
            found.setdefault(kind, canonical)
        return found

    def find_cities(self, text: str) -> list[str]:
        """Every city named in the text (any script): a comparison names two."""
        return list(dict.fromkeys(name for kind, name in self._places_in(text) if kind == "city"))

    @cached_property
    def _park_keys(self) -> list[tuple[tuple[str, ...], str]]:
        """Token keys of every park's names (and "KTP"-style short names in brackets, and its ``aliases``), longest
        first."""
        keys: set[tuple[tuple[str, ...], str]] = set()
        for park in self.parks:
            names = park.data.get("name") or {}
            for name in (str(v) for v in names.values() if v):
                base = re.sub(r"\s*\(([^)]*)\)", "", name).strip()
                variants = {name, base, *(v for v in re.findall(r"\(([^)]*)\)", name) if _short_name(v))}
                city = park.city("en")
                for alias in CITY_ALIASES.get(city, []):
                    if city and city in base:
                        variants.add(base.replace(city, alias))
                keys.update((_key(v), park.id) for v in variants if len(_key(v)) >= 1)
            # names as people say them, where the record's own name is a description ("peshawar innovation park")
            keys.update((_key(str(a)), park.id) for a in park.data.get("aliases") or [])
        return sorted((k for k in keys if k[0] and (len(k[0]) > 1 or len(k[0][0]) >= 3)), key=lambda k: (-len(k[0]), k))

    def find_parks(self, text: str) -> list[str]:
        """Ids of the parks named in the text (any script), in order of first mention."""
        found = self._found.get(("parks", text))
        if found is None:
            found = self._remember("parks", text, tuple(self._parks_in(text)))
        return list(found)

    def parks_meant(self, text: str) -> list[str]:
        """The parks named, or with none named, the women-only parks when the text describes one ("ladies only
        stp", "لڑکیوں والا ایس ٹی پی"): whose records answer. A description names no park for the checks that
        need a name ("is there a ladies only stp in lahore" still asks about Lahore)."""
        named = self.find_parks(text)
        # a place to work for women is the women's park only where no other place is named ("women ke liye jagah
        # kitni hai lahore stp me" asks about Lahore)
        described = describes_women_park(text) or (describes_women_park(text, workplace=True)
                                                    and not self.find_places(text))
        return named or ([p.id for p in self.parks if p.women_only] if described else [])

    def _parks_in(self, text: str) -> list[str]:
        tokens = tokenize(text)
        grams = ngrams(tokens, longest=_longest(self._park_keys))
        found: dict[str, int] = {}
        taken: set[int] = set()
        for key, park_id in self._park_keys:
            if key not in grams:
                continue
            n = len(key)
            for i in range(len(tokens) - n + 1):
                span = set(range(i, i + n))
                if tuple(tokens[i : i + n]) == key and not span & taken:
                    found.setdefault(park_id, i)
                    taken |= span
        return sorted(found, key=found.__getitem__)

    def it_park_of(self, cities: set[str]) -> str | None:
        """The one big IT park of the cities named."""
        parks = [p.id for p in self.parks if p.data.get("kind") == "it_park" and p.city("en") in cities]
        return parks[0] if len(parks) == 1 else None

    def records_about(self, park_id: str, kind: str = "park") -> list[str]:
        """The park's (or subsidy rule's) own record and the FAQ entries whose main subject it is (an entry
        about every subsidy rule, "how long do the subsidies last", is about none of them in particular)."""
        rules = {str(s["id"]) for s in self.subsidies} - {park_id}
        faq = [f"faq:{f['id']}" for f in self.faq if (related := f.get("related") or [None])[0] == park_id
               and not rules & set(related)]
        return [f"{kind}:{park_id}", *faq]

    @cached_property
    def _rule_by_record(self) -> dict[str, dict[str, Any]]:
        return {record: rule for rule in self.subsidies for record in self.records_about(str(rule["id"]), "subsidy")}

    @cached_property
    def rule_records(self) -> frozenset[str]:
        """Every subsidy rule's own records (the rule and the FAQ entries about it alone, a fee entry): the
        records that answer one rule, not every rule ("how long do the subsidies last")."""
        return frozenset(self._rule_by_record)

    def rules_answered(self, record_id: str) -> list[dict[str, Any]]:
        """The subsidy rules a record answers: the one rule of its own records (see :attr:`rule_records`), or the
        rules an FAQ entry about several is related to ("how long do the subsidies last": both)."""
        if (one := self._rule_by_record.get(record_id)) is not None:
            return [one]
        entry = next((f for f in self.faq if f"faq:{f['id']}" == record_id), None)
        related = {str(r) for r in (entry or {}).get("related") or []}
        return [rule for rule in self.subsidies if str(rule["id"]) in related]

    @cached_property
    def _alias_keys(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """Per kind (``subsidy``, ``faq``), the token keys of the ``aliases`` its records list, longest first."""
        keys: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for kind, records in (("subsidy", self.subsidies), ("faq", self.faq)):
            found = {(_key(str(a)), str(r["id"])) for r in records for a in r.get("aliases") or []}
            keys[kind] = sorted((k for k in found if k[0]), key=lambda k: -len(k[0]))
        return keys

    @cached_property
    def _name_keys(self) -> tuple[tuple[tuple[str, ...], ...], int]:
        """The FAQ aliases of two tokens or more (organisations' names), longest first, and the longest's length."""
        names = tuple(dict.fromkeys(key for key, _ in self._alias_keys["faq"] if len(key) >= 2))
        return names, max((len(key) for key in names), default=1)

    def find_named(self, text: str, kind: str) -> list[str]:
        """Ids of the records of ``kind`` a text names by their ``aliases``: subsidy rules by what users call
        them ("internet", "kiraya", "کرایہ"), FAQ entries by the organisation they are about ("pseb")."""
        keys = self._alias_keys[kind]
        grams = ngrams(tokenize(text), longest=_longest(keys))
        return list(dict.fromkeys(rid for key, rid in keys if key in grams))

    def of_every_park(self, text: str) -> str | None:
        """The FAQ entry a text names by alias that answers for every park alike (``of_every_park: true`` in
        faq.yaml: "bagh park me parking hai?" is answered by what the sources say of parking at any park)."""
        return next((f for f in self.find_named(text, "faq") if f in self._of_every_park), None)

    @cached_property
    def leads_when_named(self) -> frozenset[str]:
        """Ids of the FAQ entries that answer any question naming them by alias (``leads_when_named: true`` in
        faq.yaml: "tax" asks about the tax breaks the sources do not describe, whatever else the question names)."""
        return frozenset(str(f["id"]) for f in self.faq if f.get("leads_when_named"))

    @cached_property
    def ends_with_application(self) -> frozenset[str]:
        """Record ids of the FAQ entries whose answer ends with how to apply right here (``ends_with: application``
        in faq.yaml: "stp میں سیٹ کیسے ملے گی" is told the sources give no way, then that the bot takes one)."""
        return frozenset(f"faq:{f['id']}" for f in self.faq if f.get("ends_with") == "application")

    @cached_property
    def _of_every_park(self) -> frozenset[str]:
        return frozenset(str(f["id"]) for f in self.faq if f.get("of_every_park"))

    @cached_property
    def _defined(self) -> dict[tuple[str, ...], str]:
        return {_key(str(term)): str(f["id"]) for f in self.faq for term in f.get("defines") or []}

    def find_defined(self, text: str) -> str | None:
        """The FAQ entry a question asks to define, when it asks nothing else ("stp kya hota hai", "whats an
        stp exactly", "ایس ٹی پی کیا ہے"): its words, less function and defining words, are a ``defines`` term."""
        tokens = tokenize(_FILLERS.sub(" ", text))  # ("bhai" is spelled as "bhi", "also", once normalised)
        if not _ASKS_WHAT & set(tokens) or _NOT_DEFINING & set(tokens):
            return None  # "koi stp hai?", "aur stp?", "are there stps": not what it is
        skip = function_words() | _DEFINING
        return self._defined.get(tuple(t for t in tokens if t not in skip))

    def vocabulary(self) -> Counter[str]:
        """The Latin words the records name things with, counted: their names, titles, questions and aliases in English.
        What a misspelt word may be mended into (see :mod:`bot.language.spelling`); not the prose of summaries and
        answers, whose people ("Shaza Fatima": "Shazia" is no misspelt "Shaza") and everyday words ("changed":
        "Changez" is a name) would mend what is no typo, nor any Roman Urdu spelling."""
        counts: Counter[str] = Counter()

        def walk(value: object, english: bool) -> None:
            if isinstance(value, str):
                if english:
                    counts.update(_LATIN_WORD.findall(value.lower()))
            elif isinstance(value, dict):
                for key, item in value.items():
                    if key in _NAMING_FIELDS:
                        walk(item.get("en") if isinstance(item, dict) else item, True)
            elif isinstance(value, list):
                for item in value:
                    walk(item, english)

        walk([p.data for p in self.parks], False)
        walk([self.subsidies, self.faq], False)
        return counts

    def find_subsidies(self, text: str) -> list[str]:
        return self.find_named(text, "subsidy")

    def cities_with_parks(self) -> set[str]:
        return {park.city("en") for park in self.parks if park.city("en")}

    def parks_where(self, *, city: str | None = None, province: str | None = None,
                    women_only: bool | None = None, statuses: set[str] | None = None) -> list[Park]:
        result = []
        for park in self.parks:
            if city and park.city("en").lower() != city.lower():
                continue
            if province and park.province.lower() != province.lower():
                continue
            if women_only is not None and park.women_only != women_only:
                continue
            if statuses is not None and park.status not in statuses:
                continue
            result.append(park)
        return result

    def park(self, park_id: str) -> Park | None:
        return next((p for p in self.parks if p.id == park_id), None)

    def faq_with(self, key: str) -> dict[str, Any] | None:
        """The FAQ entry that carries ``key`` (``unlisted_place``: what to add when a place has no park listed),
        so the words stay in the knowledge, not in code."""
        return next((f for f in self.faq if f.get(key)), None)

    def record(self, record_id: str) -> dict[str, Any] | None:
        """The structured record behind a ``park:``, ``subsidy:`` or ``faq:`` id."""
        kind, _, rid = record_id.partition(":")
        pool = {"park": [p.data for p in self.parks], "subsidy": self.subsidies, "faq": self.faq}.get(kind, [])
        return next((r for r in pool if str(r.get("id")) == rid), None)
