"""Reading a field's value out of what people type, one parser per :class:`FieldType` (a table).

Each parser answers two questions: ``find`` (does this message, whatever was asked, clearly give the
field: "kal", "4 log", "0300-1234567", a park's name?) and, with ``asked``, the looser reading of an
answer to the field's own question (a bare "5", a bare name). Phone numbers go through
``phonenumbers``, dates through ``dateparser`` in Asia/Karachi with the Roman Urdu and Urdu day words
it lacks added here; a value that is there but wrong comes back as a problem (a ``bot.texts`` key)
so the user hears what is wrong and is asked again.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import dateparser
import holidays
import phonenumbers

from bot.flows.spec import FieldSpec, FieldType
from bot.language import Lang
from bot.language.numbers import NUMBER, NUMBER_WORDS, number_value
from bot.language.people import for_men
from bot.retrieval.directory import Directory
from bot.texts import say

KARACHI = ZoneInfo("Asia/Karachi")
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
#: Park kinds a booking or an application can be made at (operational ones only).
BOOKABLE_KINDS = ("stp", "technology_park", "it_park", "incubator")


def ascii_digits(text: str) -> str:
    """Urdu and Arabic digits as ASCII ones (people type both)."""
    return text.translate(_DIGITS)


#: "o'clock" as typed ("3 bajay", "2 bjay", "5 bje", "شام 4 بجے").
_BAJE = r"(?:bajay|baje|bajey|baji|bajy|bajai|bje|bjy|bjay|bjey|bjai|o'?clock|بجے|بجی)"
_HOUR_WORDS = sorted((re.escape(w) for w, n in NUMBER_WORDS.items() if n <= 12), key=len, reverse=True)
_SPOKEN_HOUR = re.compile(r"(?<![\w])(" + "|".join(_HOUR_WORDS)
                          + rf")(?=\s*{_BAJE})", re.I)


def spoken_hours(text: str) -> str:
    """An hour said in words before "baje" as digits ("صبح دس بجے" -> "صبح 10 بجے", "teen bjy" -> "3 bjy"), so the
    time reads it and no count does."""
    return _SPOKEN_HOUR.sub(lambda m: str(number_value(m.group(1))), text)


@dataclass(frozen=True)
class Parsed:
    """A value found, or a problem (a ``bot.texts`` key and its values); ``consumed`` is the text that
    gave it, taken out before the next parser looks (so a phone's digits are not read as a count)."""

    value: Any = None
    problem: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    consumed: str = ""


@dataclass(frozen=True)
class ParseContext:
    lang: Lang
    now: dt.datetime
    directory: Directory | None
    #: the whole message (a women-only park's conflict may be said anywhere in it)
    message: str
    #: the request is for men, said earlier in the conversation ("main larka hun", "3 guys" at the head count)
    men: bool = False


class FieldParser(Protocol):
    def parse(self, text: str, spec: FieldSpec, ctx: ParseContext, *, asked: bool) -> Parsed | None:
        """The field's value (or a problem) in ``text``; None when the text does not speak of it."""


def _bare_number(text: str) -> int | None:
    found = re.fullmatch(r"\D*?(\d{1,4})\D*", text)
    return int(found.group(1)) if found and len(re.findall(r"\d+", text)) == 1 else None


#: An option chosen by its number: the number alone, or with only the words that point at an option ("2", "no. 8",
#: "option 3", "8 wala", "number 2 plz"), not a number that is something else ("parson 2 bjay": a time, not option 2).
_CHOSEN = re.compile(r"\W*(?:(?:ok|okay|acha|achha|ji|jee|haan|han|yes|جی|ہاں|ٹھیک)\W+)?"
                     r"(?:(?:no|number|nmbr|num|option|opt|نمبر)\.?\s*)?(\d{1,2})(?:st|nd|rd|th)?"
                     r"(?:\s*(?:no|number|nmbr|wala|wali|wale|walay|والا|والی|والے|نمبر|park|پارک|option|pls|plz|please|"
                     r"ok|okay|theek|ٹھیک))*\W*", re.I)


def _chosen_number(text: str) -> int | None:
    found = _CHOSEN.fullmatch(text.strip())
    return int(found.group(1)) if found else None


# -- personal details ------------------------------------------------------------------------------
#: The country calling code of the numbers a request takes (docs/webhooks.md: ``^\\+92\\d{10}$``).
PAKISTAN_CODE = 92


class PhoneParser:
    CANDIDATE = re.compile(r"(?<![\d@])(?:\+|00)?\d[\d\s\-().]{6,16}\d(?!\d)")

    def parse(self, text: str, spec: FieldSpec, ctx: ParseContext, *, asked: bool) -> Parsed | None:
        for found in self.CANDIDATE.finditer(text):
            candidate = found.group(0).strip()
            digits = re.sub(r"\D", "", candidate)
            if len(digits) < (7 if asked else 10):
                continue
            try:
                number = phonenumbers.parse(candidate, "PK")
            except phonenumbers.NumberParseException:
                return Parsed(problem="flow_bad_phone", consumed=candidate)
            kind = phonenumbers.number_type(number)
            # a Pakistani mobile, as the backend's schema takes it ("+44 7911 123456" was sent on as "+447911123456")
            if not phonenumbers.is_valid_number(number) or number.country_code != PAKISTAN_CODE or kind not in (
                    phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
                return Parsed(problem="flow_bad_phone", consumed=candidate)
            return Parsed(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), consumed=candidate)
        if asked and re.search(r"\d{3}", text):
            return Parsed(problem="flow_bad_phone")
        return None


class CnicParser:
    PATTERN = re.compile(r"(?<!\d)(\d{5})[-\s]?(\d{7})[-\s]?(\d)(?!\d)")

    def parse(self, text: str, spec: FieldSpec, ctx: ParseContext, *, asked: bool) -> Parsed | None:
        found = self.PATTERN.search(text)
        if found:
            return Parsed("-".join(found.groups()), consumed=found.group(0))
        if asked and re.search(r"\d{5}", text) and not PhoneParser.CANDIDATE.search(text):
            return Parsed(problem="flow_bad_cnic")
        if asked and re.search(r"\b(?:cnic|id card)\b|شناختی", text, re.I):
            return Parsed(problem="flow_bad_cnic")
        return None


class EmailParser:
    PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
    ALMOST = re.compile(r"\S+@\S*")

    def parse(self, text: str, spec: FieldSpec, ctx: ParseContext, *, asked: bool) -> Parsed | None:
        found = self.PATTERN.search(text)
        if found:
            return Parsed(found.group(0).lower(), consumed=found.group(0))
        almost = self.ALMOST.search(text)
        if almost:
            return Parsed(problem="flow_bad_email", consumed=almost.group(0))
        return Parsed(problem="flow_bad_email") if asked else None


# -- dates and times -------------------------------------------------------------------------------
_RELATIVE: dict[str, int] = {
    "aaj": 0, "aj": 0, "today": 0, "آج": 0,
    "kal": 1, "kl": 1, "tomorrow": 1, "tmrw": 1, "tomorow": 1, "کل": 1,
    "parson": 2, "parso": 2, "parsoon": 2, "parsun": 2, "day after tomorrow": 2, "پرسوں": 2, "پرسو": 2,
}
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "peer": 0, "pir": 0, "somwar": 0, "پیر": 0, "سوموار": 0,
    "tuesday": 1, "tue": 1, "mangal": 1, "منگل": 1,
    "wednesday": 2, "wed": 2, "budh": 2, "budhwar": 2, "بدھ": 2,
    "thursday": 3, "thu": 3, "jumeraat": 3, "jumerat": 3, "jumaraat": 3, "jumeraat ko": 3, "جمعرات": 3,
    "friday": 4, "fri": 4, "jumma": 4, "juma": 4, "jumah": 4, "jummah": 4, "jumay": 4, "jummay": 4, "jume": 4,
    "jumme": 4,
    "جمعہ": 4, "جمعے": 4,
    "saturday": 5, "sat": 5, "hafta": 5, "hafte": 5, "haftay": 5, "ہفتہ": 5, "ہفتے": 5,
    "sunday": 6, "sun": 6, "itwar": 6, "itwaar": 6, "atwar": 6, "اتوار": 6,
}
_SATURDAY_NEEDS = re.compile(r"(?:hafta|hafte|haftay|ہفتہ|ہفتے)\s*(?:ko|کو)|(?:is|iss|agle|agla|اگلے|اس)\s+"
                             r"(?:hafta|hafte|haftay|ہفتہ|ہفتے)\s*(?:ko|کو)", re.I)
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|"
           r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|جنوری|فروری|مارچ|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|"
           r"نومبر|دسمبر")
_EXPLICIT = re.compile(
    rf"(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTHS})\b(?:,?\s*\d{{4}})?"
    rf"|\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*\d{{4}})?"
    # ("3-4 ppl", "10/12 log hon ge": a head count's range, not 3 April or 10 December)
    r"|(?<![\d:])\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?(?![\d:])(?!\s*(?:ppl|people|persons?|log|logon|bande|banday|afraad|"
    r"members|guests|لوگ|افراد)\b)", re.I)
#: What may stand with a bare day of the month ("16 hi rakhein", "acha 16 theek hai, budh", "ٹھیک ہے 16 ہی رکھیں").
_DAY_FILLERS = frozenset({"ko", "hi", "he", "hai", "h", "rakhein", "rakhen", "rakho", "rakh", "do", "dein", "den",
                          "theek", "thik", "acha", "achha", "ok", "okay", "haan", "han", "ji", "the", "on", "date",
                          "tareekh", "tarikh", "wala", "wali", "sirf", "only",
                          "کو", "ہی", "ہے", "رکھیں", "رکھ", "دیں", "ٹھیک", "اچھا", "جی", "تاریخ", "والا", "والی"})
#: A day said with its weekday is a day above twelve: "peer ko 7", "jumma 11" are hours.
HOUR_OR_DAY = 12


def _bare_day(text: str) -> re.Match[str] | None:
    """A number that is the whole answer to the date question, give or take fillers and a weekday ("16", "16 hi
    rakhein, budh"): a day of the month. Not "shaam 5", "for 3", "room 2", "16 nahi 17" (other words), nor "peer ko 7"
    (an hour with its day)."""
    bare = _BARE_DAY.search(text)
    if bare is None or not 1 <= int(bare.group(1)) <= 31 or len(_BARE_DAY.findall(text)) > 1:
        return None
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    with_day = any(w in _WEEKDAYS for w in words)
    if any(w not in _DAY_FILLERS and w not in _WEEKDAYS for w in words) or (
            with_day and int(bare.group(1)) <= HOUR_OR_DAY):
        return None
    return bare


#: A number alone as the answer to the date question ("16", "16 hi rakhein, budh"): a day of the month, not a time
#: ("3 bje") or a head count ("4 log"), whose unit is a word no filler is (see :func:`_bare_day`).
_BARE_DAY = re.compile(r"(?<![\d/:.,-])(\d{1,2})(?![\d/:.-]|[^\W\d_])")

#: A day of the month without its month ("on the 5th", "sorry the 6th", "5 tareekh ko", "5 تاریخ"): the next such day.
#: A bare "6th" only as the date asked ("6th floor" said along the way is no date).
_DAY_OF_MONTH = re.compile(r"(?<!not )\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b"
                           r"(?!\s+(?:time|times|week|weeks|floor|year|month|day|days|person|people|one|batch|row|gate|"
                           r"sector|street|block|phase|hour|hours)\b)"
                           # "date 17 kar do", "tareekh 17 rakhein" (not "date 17 dec", which is written out above)
                           r"|\b(?:date|tareekh|tarikh)\s+(\d{1,2})\b(?![\d/:.])(?!\s*(?:jan|feb|mar|apr|may|jun|jul|aug|"
                           r"sep|oct|nov|dec|am|pm|baje|bje|bajay|log|people|din|days?|nahi|nahin|not|no|to|se)\w*)"
                           r"|(?<![\d/:-])(\d{1,2})\s*(?:tareekh|tarikh|tarik|تاریخ)(?!\s*(?:ko\s+|کو\s+)?(?:nahi|nahin|"
                           r"not|no|نہیں)\b)|^\W*(?P<alone>\d{1,2})(?:st|nd|rd|th)\W*$", re.I)


def _next_day_of_month(day: int, today: dt.date) -> dt.date | None:
    """The next date with this day of the month (today counts): "the 6th" on 28 November is 6 December."""
    for ahead in range(3):
        month, year = (today.month - 1 + ahead) % 12 + 1, today.year + (today.month - 1 + ahead) // 12
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # the 31st of a shorter month
            continue
        if candidate >= today:
            return candidate
    return None


def _word_pattern(words: dict[str, int]) -> re.Pattern[str]:
    keys = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w])", re.I)


_RELATIVE_RE = _word_pattern(_RELATIVE)
_WEEKDAY_RE = _word_pattern(_WEEKDAYS)


def _dateparser(text: str, today: dt.date) -> dt.date | None:
    """dateparser in Karachi, preferring the future, day before month; None for what it cannot read."""
    try:
        parsed = dateparser.parse(text, languages=["en", "ur"], settings={
            "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "future", "TIMEZONE": "Asia/Karachi",
            "RELATIVE_BASE": dt.datetime.combine(today, dt.time(12))})
    except (ValueError, OverflowError, TypeError):  # odd input must not cost the user the turn
        return None
    return parsed.date() if parsed is not None else None


#: A day and month without a year within this many days before today is that day gone by ("20 nov" on 28 Nov,
#: said has passed), not the same day next year; further back ("5 jan" in November) it is next year's.
RECENTLY_PAST_DAYS = 90


def _same_day(day: dt.date, year: int) -> dt.date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


_MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "roman_ur": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "ur": ("جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر")}


@lru_cache(maxsize=4)
def _calendar(language: str) -> holidays.HolidayBase:
    return holidays.country_holidays("PK", language=language)


def holiday_note(day: dt.date, lang: Lang) -> str | None:
    """What to tell of a day that is a public holiday in Pakistan ("25 Dec is a public holiday in Pakistan
    (Quaid-e-Azam Day): the park may be closed"), else None. Told, not refused: the parks' own hours are in no
    source, and the user may know better."""
    name = _calendar("ur_PK" if lang == "ur" else "en_PK").get(day)
    if not name and day.weekday() == calendar.SUNDAY:
        # (Sunday is the weekly day off in Pakistan: said the same way, for a "20 dec" that falls on one)
        return say("flow_date_sunday", lang, day=f"{day.day} {_MONTH_NAMES[lang][day.month - 1]}")
    if not name:
        return None
    return say("flow_date_holiday", lang, day=f"{day.day} {_MONTH_NAMES[lang][day.month - 1]}",
               name=str(name).split(";")[0].strip())


#: What stands between a date and its weekday said with it ("15 dec, tuesday", "7 december wala monday",
#: "15 دسمبر منگل").
_NAMES_THE_DATE = re.compile(r"[\s,.()-]*(?:(?:wala|wali|wale|yani|i\.?e\.?|which\s+is|that\s+is|on|the|ko|کو|والا|"
                             r"والی|یعنی)[\s,.()-]+)?", re.I)


class DateParser:
    """Today, "kal", "parson", weekdays in three languages ("agle peer", "next Monday", "جمعہ"), and
    explicit dates ("15 Dec", "15 دسمبر", "15/12") through dateparser; in Karachi, never in the past."""

    def parse(self, text: str, spec: FieldSpec, ctx: ParseContext, *, asked: bool) -> Parsed | None:
        today = ctx.now.astimezone(KARACHI).date()
        found: list[tuple[int, dt.date | None, str]] = []
        for match in _EXPLICIT.finditer(text):
            parsed = _dateparser(match.group(0), today)
            if parsed is not None and not re.search(r"\d{4}|/\d{2}$", match.group(0)):
                # "20 nov" on 28 November, "28 dec" on 3 January: a day just gone (or today), not that day a year away
                year_before = _same_day(parsed, parsed.year - 1)
                if year_before is not None and 0 <= (today - year_before).days <= RECENTLY_PAST_DAYS:
                    parsed = year_before
            found.append((match.start(), parsed, match.group(0)))
        for match in _DAY_OF_MONTH.finditer(text):
            if any(start <= match.start() < start + len(said) for start, _, said in found):
                continue  # ("the 5th of december": the explicit date above)
            number = int(next(g for g in match.groups() if g))
            if number <= 31 and (match.group("alone") is None or asked):
                found.append((match.start(), _next_day_of_month(number, today), match.group(0)))
        for match in _RELATIVE_RE.finditer(text):
            found.append((match.start(), today + dt.timedelta(days=_RELATIVE[match.group(1).lower()]), match.group(0)))
        if asked and not found and (bare := _bare_day(text)) is not None:
            # "16" at the date question is the 16th (was read as 16 November, gone); "16 hi rakhein, budh" too
            found.append((bare.start(), _next_day_of_month(int(bare.group(1)), today), bare.group(0)))
        # a written date's, not one set aside ("kal tuesday" on a Saturday is two days, the last said winning as ever;
        # "not 15 dec. On tuesday" is the Tuesday)
        dated = [(start, start + len(said), day, said) for start, day, said in found
                 if day is not None and not _RELATIVE_RE.fullmatch(said) and not (
                     _NEGATED_BEFORE.search(text[:start]) or _NEGATED_AFTER.match(text[start + len(said):]))]
        for match in _WEEKDAY_RE.finditer(text):
            word = match.group(1).lower()
            # a date said in the same message whose day it is: that date ("15 dec tuesday", "16 hi rakhein, budh");
            # said right with it and not its day ("15 dec on monday"): neither is taken, the user is asked (apart, the
            # last said wins as ever: "sunday ko to band hoga na? 21 dec kar do")
            if any(on.weekday() == _WEEKDAYS[word] for _, _, on, _ in dated):
                continue
            with_date = next(((on, written) for start, end, on, written in dated if _NAMES_THE_DATE.fullmatch(
                text[end:match.start()] if end <= match.start() else text[match.end():max(start, match.end())])), None)
            if with_date is not None:
                _, written = with_date
                return Parsed(problem="flow_date_weekday", values={"date": written, "weekday": match.group(1)},
                              consumed=written)
            if _WEEKDAYS[word] == 5 and word not in ("saturday", "sat") and not _SATURDAY_NEEDS.search(text):
                continue  # "agle hafte" is "next week", not Saturday
            if word in ("sun", "sat", "mon", "wed") and not asked:
                continue  # short English forms only as an answer
            ahead = (_WEEKDAYS[word] - today.weekday()) % 7 or 7
            found.append((match.start(), today + dt.timedelta(days=ahead), match.group(0)))
        if not found and asked:
            parsed = _dateparser(text, today) if len(text) <= 40 else None
            if parsed is None:
                return Parsed(problem="flow_bad_date")
            found.append((0, parsed, text))
        if not found:
            return None
        _, day, consumed = max(found, key=lambda f: f[0])  # the last date said wins ("kal nahi, parson")
        if day is None:
            return Parsed(problem="flow_bad_date", consumed=consumed)
        if day < today:
            return Parsed(problem="flow_date_past", consumed=consumed)
        if day > today + dt.timedelta(days=365):
            return Parsed(problem="flow_date_far", consumed=consumed)
        return Parsed(day.isoformat(), consumed=consumed)


_LATER = r"(?:shaam|sham|dopahar|dopehar|raat|evening|afternoon|night|شام|دوپہر|رات)"
_EARLY = r"(?:subah|subha|sobh|morning|صبح)"
_SAID_AT = (rf"(?:(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])|(?P<baje>{_BAJE})"
            rf"|(?<=\d\d)(?=\s|$)(?P<colon>))")
_TIME = re.compile(
    rf"(?:(?P<before>{_LATER}|{_EARLY})\s*(?:ko|کو)?\s*)?"
    r"(?<![\d/-])(?P<hour>\d{1,2})(?::(?P<minute>[0-5]\d))?\s*"
    # ("subha 10", "shaam 5": the part of the day says it is a time, without "bajay")
    rf"(?:{_SAID_AT}|(?(before)(?![\d/:.-])(?!\s*(?:log|logon|logo|people|ppl|persons|bande|afraad|لوگ|افراد)\b)"
    r"|(?!)))"
    rf"(?:\s*(?P<after>{_LATER}|{_EARLY}))?", re.I)


#: A quarter or half past or to the hour, as said ("saade teen baje" 3:30, "sawa 3" 3:15, "پونے دس بجے" 9:45).
_FRACTION = re.compile(rf"(?:(?P<before>{_LATER}|{_EARLY})\s*(?:ko|کو)?\s*)?(?P<frac>saade|sade|saarhe|sarhe|ساڑھے|"
                       r"sawa|sava|سوا|paune|pone|پونے)\s+(?P<hour>\d{1,2})(?![\d:])"
                       rf"(?:\s*{_BAJE})?(?:\s*(?P<after>{_LATER}|{_EARLY}))?", re.I)
_FRACTION_MINUTES = {"saade": 30, "sade": 30, "saarhe": 30, "sarhe": 30, "ساڑھے": 30, "sawa": 15, "sava": 15, "سوا": 15,
                     "paune": -15, "pone": -15, "پونے": -15}


class TimeParser:
    """"3 bajay", "3pm", "15:00", "شام 4 بجے", "saade teen baje"; an hour alone from 1 to 7 is afternoon."""

    def parse(self, text: str, spec: FieldSpec, ctx: ParseContext, *, asked: bool) -> Parsed | None:
        fraction = _FRACTION.search(text)
        if fraction is not None:
            minutes = int(fraction.group("hour")) * 60 + _FRACTION_MINUTES[fraction.group("frac").lower()]
            part = fraction.group("before") or fraction.group("after") or ""
            return self._hour(minutes // 60, minutes % 60, None, part, fraction.group(0))
        for match in _TIME.finditer(text):
            if match.group("colon") is not None and not match.group("minute") and not (
                    match.group("before") or match.group("after")):
                continue  # ("10" alone is no time; "subah 10", "10 baje", "10:30" are)
            return self._at(match, match.group(0))
        if asked:
            if _PEOPLE.search(text) or _HOURS.search(text):
                return None  # "actually no 4 people", "2 ghante": another field's number, said at the time question
            hour = _bare_number(text)
            if hour is not None:
                return self._hour(hour, 0, None, text, text)
            return Parsed(problem="flow_bad_time")
        return None

    def _at(self, match: re.Match[str], consumed: str) -> Parsed:
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
        ampm = (match.group("ampm") or "").lower().replace(".", "")
        part = match.group("before") or match.group("after") or ""
        return self._hour(hour, minute, ampm or None, part, consumed)

    @staticmethod
    def _hour(hour: int, minute: int, ampm: str | None, part: str, consumed: str) -> Parsed:
        if ampm == "pm" or (ampm is None and re.search(_LATER, part, re.I)):
            hour = hour + 12 if hour < 12 else hour
        elif ampm == "am" or re.search(_EARLY, part, re.I):
            hour = 0 if hour == 12 else hour
        elif 1 <= hour <= 7:
            hour += 12
        if not (0 <= hour <= 23):
            return Parsed(problem="flow_bad_time", consumed=consumed)
        return Parsed(f"{hour:02d}:{minute:02d}", consumed=consumed)


# -- numbers -----------------------------------------------------------------------------------------
_PEOPLE = re.compile(
    rf"(?<![\w]){NUMBER}\s*(?:log|logon|logo|loag|afraad|afrad|people|ppl|persons?|members?|bande|banday|"
    r"bandey|banda|bandi|insaan|admi|men|women|mard|mardon|khawateen|auratein|larkiyan|guests?|employees|developers|"
    r"colleagues?|friends?|dost|saathi|sathi|ساتھی|دوست|"
    r"of us|افراد|لوگوں|لوگ|بندوں|بندے|آدمیوں|آدمی|ارکان|ممبر|مردوں|مرد|خواتین)(?![\w])"
    # (not "hum ek startup hain": "a startup", no head count; "we are 10 software engineers" is one)
    r"|(?:team of|team size|hum|we are)\s*(?!(?:ek|aik|one|a|an|1)\s+(?:startup|company|firm|business|agency|"
    rf"software\s+house|team)\b){NUMBER}(?![\w])"
    # "aur log 3", "people: 4" (a number after the word; "log 3 baje" is a time, read before)
    rf"|\b(?:log|people|persons|afraad|afrad)\s*[:=]?\s*{NUMBER}(?![\w])|(?:افراد|لوگ)\s*[:=]?\s*{NUMBER}(?![\w])"
    # "tomorrow 10am for 2" at the end of a booking: people (not "for 2 hours", "for 2 pm", "for 2 days")
    rf"|\bfor\s+{NUMBER}(?=\s*(?:[.!,]|$))", re.I)
#: The speaker and N others ("me and 2 colleagues", "main aur 3 dost", "میں اور دو ساتھی", "2 friends and me", "mere
#: saath 2 log"): N + 1 people.
#: Two groups of people added up ("hum 3 aur client ke 2 log", "3 of us and 2 guests", "ہم تین اور دو مہمان افراد"): the
#: first number is no time or thing ("2 ghante aur 3 log", "2 desks and 3 people" are 3 people).
_TWO_GROUPS = re.compile(
    rf"(?<![\w]){NUMBER}(?!\s*(?:ghant|hours?\b|hrs?\b|baj|bje|pm\b|am\b|din\b|days?\b|min|saal|months?|mahin|"
    r"desks?\b|seats?\b|rooms?\b|گھنٹ|بجے|دن|منٹ|سال|ڈیسک|سیٹ|کمر))\s+(?:\S+\s+){0,3}?(?:aur|and|plus|\+|&|اور)\s+(?:\S+\s+){0,3}?"
    rf"{NUMBER}\s*(?:log|logon|people|ppl|persons?|guests?|members?|afraad|afrad|bande|افراد|لوگ|مہمان)(?![\w])",
    re.I)
_WITH_ME = re.compile(
    rf"\b(?:me|myself|i|main|mai|hum)\s+(?:and|aur|or|n|plus|\+|&)\s+{NUMBER}(?![\w])"
    rf"|(?:^|\s)میں\s+اور\s+{NUMBER}(?![\w])"
    rf"|(?<![\w]){NUMBER}\s+(?:[a-z]+\s+)?(?:and|aur|n|plus|\+|&)\s+(?:me|myself|main|mai)\b"
    rf"|(?<![\w]){NUMBER}\s+(?:\S+\s+)?اور\s+میں(?![\w])"
    rf"|\b(?:mere|mery|my|with)\s+(?:saath|sath|sth|me)?\s*{NUMBER}\s+(?:colleagues?|friends?|dost|log|others|more|"
    rf"people|ppl|saathi|sathi|bande)\b"
    rf"|میرے\s+ساتھ\s+{NUMBER}", re.I)
#: One person, said without a number when asked how many ("just me", "sirf main", "اکیلی").
_ALONE = re.compile(r"(?:\b(?:just|only)\s+(?:me|myself|one)\b|\b(?:me\s+alone|myself|alone|solo|sirf\s+mai[n]?|"
                    r"sirf\s+me|sirf\s+mein|srf\s+mai[n]?|main\s+akel[aiy]|akel[aiye]+|"
                    r"(?:ek|aik|1)\s+(?:banda|bandi|person|insaan))\b"
                    r"|صرف\s+میں|اکیل[اےی]|(?:ایک|1)\s+(?:بندہ|بندی|فرد|شخص))(?!\s*(?:and|aur|&|\+|اور)\b)", re.I)
#: The speaker and one other named by who they are ("only me and my cofounder", "main aur mera dost"): two.
_ME_AND_ONE = re.compile(r"\b(?:me|myself|main|mai|i)\s+(?:and|aur|&)\s+(?:my|mera|meri)\s+(?!\d)[a-z-]+\b"
                         r"(?!\s+(?:log|people|and|aur))|(?:^|\s)میں\s+اور\s+(?:میرا|میری)\s+\S+(?!\s+(?:لوگ|اور))",
                         re.I)
#: One person said in so many words, wherever in the message ("just me", "sirf main", "ek banda").
_ALONE_SAID = re.compile(r"(?:\b(?:just|only)\s+(?:me|myself)\b|\bme\s+alone\b|\bsirf\s+(?:main|mai)\b|"
                         r"\b(?:ek|aik)\s+(?:banda|bandi)\b|صرف\s+میں\s+(?:ہوں|آؤں|آ\s)|ایک\s+(?:بندہ|بندی))"
                         r"(?!\s*(?:and|aur|&|\+|اور)\b)", re.I)
_HOURS = re.compile(rf"(?<![\w]){NUMBER}\s*(?:hours?|hrs?|ghant[ae]y?|ghante|ghanton|گھنٹ\w*)(?![\w])", re.I)


#: A number word alone is a head count only in a short answer ("teen", "sirf do", "ہم پندرہ ہیں").
SHORT_COUNT = 6


class CountParser:
    """"4 log", "5 people", "چار افراد", "team of 12", or a bare number as the answer."""

    def parse(self, text: str, spec: FieldSpec, ctx: ParseContext, *, asked: bool) -> Parsed | None:
        found = _PEOPLE.search(text)
        count: int | None = None
        consumed = ""
        with_me = _WITH_ME.search(text)
        groups = _TWO_GROUPS.search(text)
        if groups:
            first, second = (g for g in groups.groups() if g)
            count, consumed = number_value(first) + number_value(second), groups.group(0)
        elif with_me:
            count, consumed = number_value(next(g for g in with_me.groups() if g)) + 1, with_me.group(0)
        elif found:
            count, consumed = number_value(next(g for g in found.groups() if g)), found.group(0)
        elif asked and _ALONE.search(text):
            count, consumed = 1, text
        elif me_and_one := _ME_AND_ONE.search(text):
            count, consumed = 2, me_and_one.group(0)
        elif said_alone := _ALONE_SAID.search(text):
            count, consumed = 1, said_alone.group(0)  # "need a desk ... on 15 dec 10am, just me": said along
        elif asked:
            count, consumed = _bare_number(text), text
            if count is None and len(text.split()) <= SHORT_COUNT and not re.search(r"[?؟]|\bkya\b|کیا", text, re.I):
                # "teen", "ہم پندرہ", not the "one" of "ایک منٹ، کیا فری لانسر کو بھی ...؟" (a question mid-way)
                word = re.search(rf"(?<![\w]){NUMBER}(?![\w])", text)
                count = number_value(word.group(1)) if word else None
            if count is None:
                return Parsed(problem="flow_bad_count", values={"min": str(spec.min), "max": str(spec.max)})
        if count is None:
            return None
        if not spec.min <= count <= spec.max:
            return Parsed(problem="flow_bad_count", values={"min": str(spec.min), "max": str(spec.max)},
                          consumed=consumed)
        return Parsed(count, consumed=consumed)


class HoursParser:
    def parse(self, text: str, spec: FieldSpec, ctx: ParseContext, *, asked: bool) -> Parsed | None:
        found = _HOURS.search(text)
        hours = number_value(found.group(1)) if found else (_bare_number(text) if asked else None)
        if hours is None:
            return Parsed(problem="flow_bad_count", values={"min": "1", "max": "12"}) if asked else None
        if not 1 <= hours <= 12:
            return Parsed(problem="flow_bad_count", values={"min": "1", "max": "12"}, consumed=found.group(0)
                          if found else "")
        return Parsed(hours, consumed=found.group(0) if found else text)


# -- words -------------------------------------------------------------------------------------------
_NAME_LEAD = re.compile(r"^(?:my name is|my name's|name is|name:|i am|i'm|im|this is|it's|mera naam|mera nam|"
                        r"mera name|naam|name|میرا نام|نام|میں)(?=[\s:]|$)\s*:?\s*", re.I)
#: "my name is actually Ayesha": the filler is no part of it.
_NAME_FILLER = re.compile(r"^(?:actually|basically|asal\s+mein|dar\s+asal"
                          # "I said Hira Siddiqui", "maine bataya tha Ali": the name said again
                          r"|i\s+(?:already\s+)?(?:said|told\s+you)|(?:already\s+)?told\s+you|already\s+said"
                          r"|main?ne\s+(?:kaha|bataya)(?:\s+(?:tha|thi))?)[\s,:]+", re.I)
_NAME_TAIL = re.compile(r"\s+(?:hai|he|hay|h|hy|hun|hoon|ہے|ہیں|ہوں)\s*[.!۔]*$", re.I)
_NAME_SAID = re.compile(r"(?:(?:my name is|my name's|mera naam|mera nam|میرا نام|"
                        # "my CNIC name is Ayesha Siddiqa Khan", "my full name is ..."
                        r"my\s+(?:cnic|id\s*card|full|real|complete|official)\s+name\s+is|"
                        r"(?:change|update|correct)\s+(?:the\s+|my\s+)?name\s+(?:to|as)|name\s+should\s+be)"
                        # a message that opens with it, the number given along ("naam Ali Raza 0300...", "نام شاہد
                        # گلگتی نمبر 0355..."): the number is read first, the name is what is left
                        r"|^\W*(?:name|naam|nam|نام)(?:\s*(?:is|hai|he|:))?)"
                        r"\s+(?P<name>[^\d,،.!?؟۔:]{2,40}?)"
                        r"(?=\s+(?:hai|he|hay|and|aur|ہے|اور|number|nmbr|num|no|phone|mobile|contact|نمبر|فون)\b"
                        r"|\s*[,،.!?؟۔]|\s*$)", re.I)


#: A name said in a sentence of its own in a longer message ("... as a freelancer. Name Hira Siddiqui, 0302...",
#: "lahore stp, naam asad, kal 11 baje"; a value read before it leaves two spaces), not "company name ...", "park ka
#: naam ...". Its words are read by :func:`clean_name` like any name ("naam change karna hai" gives none).
_NAME_MID = re.compile(r"(?:(?<=[,،.;۔]\s)|(?<=\s\s))(?:name|naam|نام)(?:\s*(?:is|hai|he|:))?\s+"
                       r"(?P<name>[^\d,،.!?؟۔:]{2,40}?)(?=\s+(?:hai|he|hay|and|aur|ہے|اور|number|nmbr|num|no|phone|"
                       r"mobile|contact|نمبر|فون)\b|\s*[,،.!?؟۔]|\s*$|\s\s)", re.I)
MID_NAME_WORDS = 3
#: Words no name has, which a message around a name does ("naam change karna hai" is no "Change Karna", "name tag
#: needed", "naam mere bhai ka likhna hai", "name correct hai"; with _WRONG_WORDS and _ASKS_TO_DO, in clean_name).
_NOT_IN_A_NAME = frozenset({"change", "changed", "karna", "karni", "kar", "do", "likhna", "likhni", "badalna", "badal",
                            "tag", "needed", "required", "of", "the", "is", "for", "ka", "ki", "ke", "mera", "mere",
                            "meri", "krna", "krni", "tabdeel", "tabdil", "update", "updated", "correct",
                            "sahi", "theek", "تبدیل", "بدلنا", "کرنا", "کرنی", "درست"})

#: "Im Bilal Ahmed 0345...": a capitalised name after "I am" with the number right after it (not "This is Perfect,
#: send it", "I'm Fine, thanks" at the summary).
_I_AM_NAMED = re.compile(r"\b(?i:i'?m|i am|this is)\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
                         r"(?=\s*[,.]?\s*(?:\+|\d|$))")


#: "naam galat hai, Farhan Ali Shah likhein", "name should read Sara Khan": the name to write, after what was wrong.
_NAME_WRITE = re.compile(r"(?:\b(?:naam|name|nam)\b|نام)[^,،.]*[,،.]\s*(?P<name>[^\d,،.!?؟۔]{2,40}?)\s+"
                         r"(?:likhein|likhen|likho|likh\s*d[oe]|likh\s*dein|likhiye|لکھیں|لکھ\s*دیں)(?!\w)", re.I)
#: Words that say a value was wrong, which no name has ("naam galat hai": "Galat" is no name), or point back at one
#: given before ("wohi jo pehle diya tha", "same as before": which the draft holds already, or asks again).
_WRONG_WORDS = frozenset({"galat", "ghalat", "wrong", "incorrect", "غلط", "wohi", "wahi", "vohi", "same", "pehle",
                          "pehlay", "above", "upar", "earlier", "وہی", "پہلے"})


#: "ok naam likho: Kashif Mehmood", "name: Sana": what follows the colon is the name.
_NAME_COLON = re.compile(r"^\W*(?:(?:ok|okay|acha|ji)\W+)?(?:my\s+|mera\s+)?(?:name|naam|nam|نام)\b[^:,]{0,15}:\s*",
                         re.I)
#: Number words up to this are no one's name ("teen", "تین").
NOT_A_NAME_BELOW = 9
#: Words that are no one's name, said where the name was asked ("teen", "ok", "haan", "تین").
_NOT_NAMES = frozenset({"ok", "okay", "yes", "no", "haan", "han", "nahi", "nahin", "ji", "theek", "hello", "hi",
                        "ہاں", "نہیں", "جی", "ٹھیک"})


#: Words that ask the bot to do something; no name has them ("ok haan confirm kro", "haan bhej do").
_ASKS_TO_DO = frozenset({"confirm", "kro", "karo", "krdo", "kardo", "karein", "please", "pls", "plz", "send", "bhej",
                         "bhejo", "submit", "book", "cancel", "کرو", "کریں", "کردو", "بھیج", "بھیجو"})


#: A yes or a please around the name ("ji, Ali Khan", "haan Ali Raza", "Ali Khan please", "جی علی خان").
_NAME_YES = re.compile(r"^(?:(?:ok|okay|yes|ji|jee|haan|han|ha|جی|ہاں)\b[\s,.!]*)+", re.I)
_NAME_PLEASE = re.compile(r"[\s,]+(?:please|pls|plz|ji|شکریہ)\s*[.!]*$", re.I)


#: Question words no name has ("park ka naam kya hai", "what is this", "کیا کرنا ہے").
_QUESTION_WORDS = frozenset({"kya", "kia", "what", "which", "kaun", "kon", "kahan", "kyun", "kaise", "how", "why",
                             "where", "کیا", "کون", "کہاں", "کیوں", "کیسے"})


def clean_name(text: str) -> str | None:
    """A person's name from "mera naam Ali Khan hai" / "Ali Khan"; None if it does not look like one."""
    said = text.strip()
    bare = _NAME_PLEASE.sub("", _NAME_YES.sub("", said)).strip()
    if bare and bare != said and not any(w.lower() in _ASKS_TO_DO for w in bare.split()):
        said = bare  # ("ok haan confirm kro" keeps its yes: a reply to the bot, refused below)
    name = _NAME_FILLER.sub("", _NAME_TAIL.sub("", _NAME_LEAD.sub("", _NAME_COLON.sub("", said))).strip(" .,!،۔"))
    words = name.split()
    if not 1 <= len(words) <= 5 or not 2 <= len(name) <= 60 or not re.fullmatch(r"[^\W\d_][\w.' -]*", name):
        return None
    if any(ch.isdigit() for ch in name) or all(NUMBER_WORDS.get(w.lower(), 99) <= NOT_A_NAME_BELOW or w.lower() in
                                                _NOT_NAMES for w in words):
        return None  # ("تین", "teen": a count said where the name was asked; "Anees", "انیس" and "Das" are names)
    if len(words) > 1 and (words[0].lower() in _NOT_NAMES or any(w.lower() in _ASKS_TO_DO for w in words)):
        return None  # "ok haan confirm kro", "yes please send it": a reply to the bot, not a name
    if any(w.lower() in _QUESTION_WORDS or w.lower() in _WRONG_WORDS or w.lower() in _NOT_IN_A_NAME for w in words):
        return None  # "park ka naam kya hai": a question, not a name; "naam galat hai", "naam change karna hai": none
    return " ".join(w[:1].upper() + w[1:] if w.isascii() else w for w in words)


class NameParser:
    def parse(self, text: str, spec: FieldSpec, ctx: ParseContext, *, asked: bool) -> Parsed | None:
        said = _NAME_WRITE.search(text) or _NAME_SAID.search(text) or _I_AM_NAMED.search(text)
        if said and (name := clean_name(said.group("name"))):
            return Parsed(name, consumed=said.group(0))
        mid = _NAME_MID.search(text)
        if mid and len(mid.group("name").split()) <= MID_NAME_WORDS and (name := clean_name(mid.group("name"))):
            return Parsed(name, consumed=mid.group(0))
        if asked:
            name = clean_name(text)
            return Parsed(name, consumed=text) if name else Parsed(problem="flow_bad_name")
        return None


class TextParser:
    def parse(self, text: str, spec: FieldSpec, ctx: ParseContext, *, asked: bool) -> Parsed | None:
        value = " ".join(text.split())
        if not asked:
            return None
        return Parsed(value[:300], consumed=text) if len(value) >= 2 else Parsed(problem="flow_not_understood")


def _words_regex(words: list[str]) -> re.Pattern[str]:
    keys = sorted({w.lower() for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w])", re.I)


#: The parks' own names, which hold option words ("software") that choose nothing.
_PARK_NAME = re.compile(r"software\s+(?:technology\s+)?parks?|سافٹ\s*ویئر\s+(?:ٹیکنالوجی\s+)?پارکس?", re.I)
#: An option said with a "not" ("not a company", "company nahi", "کمپنی نہیں"): not chosen.
_NEGATED_BEFORE = re.compile(r"\b(?:not|no|nahi|nahin)\s+(?:an?\s+)?$|نہیں\s+$", re.I)
_NEGATED_AFTER = re.compile(r"\s+(?:(?:to|toh|tou|bhi|abhi|ki|ka)\s+){0,2}(?:nahi|nahin|nai|نہیں)\b|"
                            r"\s+(?:not\s+(?:needed|required|now)|abhi\s+nahi)\b", re.I)


class ChoiceParser:
    """An option's words anywhere ("meeting room"), or, as the answer, its number or its value (a button)."""

    def parse(self, text: str, spec: FieldSpec, ctx: ParseContext, *, asked: bool) -> Parsed | None:
        lowered = text.strip().lower()
        # ("apply at the lahore software technology park": the park's name chooses no field of work)
        text = _PARK_NAME.sub(lambda m: " " * len(m.group(0)), text)
        said: dict[str, str] = {}  # option -> its longest words in the message, unless said with a "not"
        negated = False
        for option in spec.options:
            if asked and (lowered == option.value or lowered in (label.lower() for label in option.label.values())):
                return Parsed(option.value, consumed=text)
            # (an option's label, "Koi nahi", "None", "Dono", is its name as the answer to its own question only)
            for match in _words_regex([*option.words, *((*option.label.values(), *option.answer_words) if asked
                                                        else ())]).finditer(text):
                if _NEGATED_BEFORE.search(text[:match.start()]) or _NEGATED_AFTER.match(text[match.end():]):
                    negated = True
                    continue  # "we are a startup not a company"
                if len(match.group(0)) > len(said.get(option.value, "")):
                    said[option.value] = match.group(0)
        # (not when an option was said with a "not": "internet, rent abhi nahi" is the internet alone)
        covering = None if negated else next((o for o in spec.options if o.covers and set(o.covers) <= said.keys()),
                                             None)
        if covering is not None:
            # "کرایہ اور انٹرنیٹ دونوں", "rent and internet please": both, not the longest word's one
            return Parsed(covering.value, consumed=said.get(covering.value) or max(said.values(), key=len))
        if said:
            value = max(said, key=lambda v: len(said[v]))
            return Parsed(value, consumed=said[value])
        if asked:
            number = _chosen_number(text)
            if number is not None and 1 <= number <= len(spec.options):
                return Parsed(spec.options[number - 1].value, consumed=text)
            return Parsed(problem="flow_bad_choice")
        return None


class ParkParser:
    """A park of the directory that is open (named, or the one open park in a named city); a park that is
    not open yet, or a women-only park with men in the request, is explained."""

    def parse(self, text: str, spec: FieldSpec, ctx: ParseContext, *, asked: bool) -> Parsed | None:
        directory = ctx.directory
        if directory is None:
            return None
        options = park_options(directory)
        listed = park_options(directory, men=ctx.men)  # (as numbered in the question: see FlowEngine.options)
        if asked and (number := _chosen_number(text)) is not None and 1 <= number <= len(listed):
            return self._check(listed[number - 1], ctx, text)
        if text.strip() in options:
            return self._check(text.strip(), ctx, text)
        named = directory.find_parks(text)
        if named:
            park = directory.park(named[0])
            if park is not None and park.id not in options:
                return Parsed(problem="flow_park_closed", values={"park": park.name(ctx.lang)}, consumed=text)
            # (the rest of the message is read on: "need a meeting room at NIC Karachi" asks a meeting room)
            return self._check(named[0], ctx, "")
        city = directory.find_places(text).get("city")
        if city:
            here = [p for p in options if (park := directory.park(p)) is not None and park.city("en") == city]
            if not here:
                return Parsed(problem="flow_no_park_in_city", values={"city": city}) if asked else None
            stp = [p for p in here if (park := directory.park(p)) is not None and park.data.get("kind") == "stp"]
            return self._check((stp or here)[0], ctx, city)
        return Parsed(problem="flow_bad_park") if asked else None

    @staticmethod
    def _check(park_id: str, ctx: ParseContext, consumed: str) -> Parsed:
        park = ctx.directory.park(park_id) if ctx.directory else None
        if park is not None and park.women_only and (ctx.men or for_men(ctx.message, english=ctx.lang == "en")):
            return Parsed(problem="flow_women_only", values={"park": park.name(ctx.lang)}, consumed=consumed)
        return Parsed(park_id, consumed=consumed)


def park_options(directory: Directory, *, men: bool = False) -> list[str]:
    """Ids of the parks a request can be made at: open ones of the kinds that take tenants or visitors (``men``: not
    the women-only ones, which a request for men was just told it cannot have)."""
    return [p.id for p in directory.parks if p.status == "operational" and p.data.get("kind") in BOOKABLE_KINDS
            and not (men and p.women_only)]


#: The parser of every field type: the engine dispatches through this table, never an if-chain.
PARSERS: dict[FieldType, FieldParser] = {
    FieldType.PARK: ParkParser(), FieldType.CHOICE: ChoiceParser(), FieldType.DATE: DateParser(),
    FieldType.TIME: TimeParser(), FieldType.HOURS: HoursParser(), FieldType.COUNT: CountParser(),
    FieldType.NAME: NameParser(), FieldType.PHONE: PhoneParser(), FieldType.EMAIL: EmailParser(),
    FieldType.CNIC: CnicParser(), FieldType.TEXT: TextParser(),
}
#: The order fields are read in: exact shapes first, so their digits are gone before counts are read,
#: and the loosest (a name, free text) last.
READ_ORDER: tuple[FieldType, ...] = (
    FieldType.CNIC, FieldType.EMAIL, FieldType.PHONE, FieldType.DATE, FieldType.TIME, FieldType.HOURS,
    FieldType.COUNT, FieldType.PARK, FieldType.CHOICE, FieldType.NAME, FieldType.TEXT)


# -- showing values back -------------------------------------------------------------------------------
def mask_phone(value: str) -> str:
    """``+923001234567`` -> ``0300-***4567``: enough for the user to recognise, too little to reuse."""
    try:
        national = phonenumbers.format_number(phonenumbers.parse(value, "PK"), phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        national = value
    digits = re.sub(r"\D", "", national)
    return f"{digits[:4]}-***{digits[-4:]}" if len(digits) >= 8 else "***"


def mask_email(value: str) -> str:
    user, _, domain = value.partition("@")
    return f"{user[:1]}***@{domain}" if domain else "***"


def mask_cnic(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    return f"{digits[:5]}-*******-{digits[-1:]}" if len(digits) == 13 else "*****"


MASKS = {FieldType.PHONE: mask_phone, FieldType.EMAIL: mask_email, FieldType.CNIC: mask_cnic}
_PII = re.compile(r"(?:\+|00)?\d[\d\s-]{8,16}\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def mask_text(text: str) -> str:
    """Any phone number, CNIC or email in free text masked (for logs)."""
    def one(match: re.Match[str]) -> str:
        value = match.group(0)
        if "@" in value:
            return mask_email(value)
        digits = re.sub(r"\D", "", value)
        return mask_cnic(value) if len(digits) == 13 else mask_phone(value)
    return _PII.sub(one, text)
