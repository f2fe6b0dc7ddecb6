"""Precision evaluation: does an answer answer the question asked, and only that?

``evals/answers.py`` checks that expected facts appear *somewhere* in a reply, which rewards padding:
an answer that appends a second, off-topic record still scores as correct. This module scores what a
user on a phone actually gets, on question sets written the way people type on WhatsApp
(``evals/precision/<lang>.yaml``: short, lowercase, typos, code-mixing; single turns and 2-4 turn
conversations). Every case runs through the whole :class:`Assistant`, a fresh user per single-turn
case and per conversation, and is scored per language:

* ``gold_leads``   share of standalone turns (not ``unknown``) whose first source is the gold record
                   or one of its ``acceptable`` alternatives;
* ``facts``        share of expected facts present in the answer body (digits normalised, case-insensitive;
                   the citation line does not count, since source titles carry numbers such as "50 STPs");
* ``body_median``  median length in characters of the answer body of ``fact`` turns (the reply without its
                   trailing citation line(s) and without the offer of a person);
* ``second_record`` share of ``fact`` turns whose reply carries more than one record: more than one source,
                   or a later paragraph recognised as the text of another record;
* ``false_yesno``  replies opening with yes or no where the expected answer is the opposite or undecided,
                   or that open with yes/no at all on a question that is not a yes/no question (count);
* ``leaked_notes`` replies carrying notes meant for authors (:data:`NOTE_PATTERNS`; count);
* ``unknown_handled`` share of ``unknown`` turns (anywhere) whose lead (the first two sentences of the body,
                   after a preamble of the bot's own such as "I can't take bookings in chat") says, in the
                   question's language, that something is not known (:data:`NOT_KNOWN`), and whose reply
                   offers a person. A record repeated with "no address" in its fourth sentence does not count;
                   which item the lead calls unknown is not checked (the case's ``missing`` is reported only);
* ``followups``    share of conversation turns after the first that are resolved: the gold record leads and
                   the facts are present (an ``unknown`` follow-up: handled as above).

"Standalone" turns are the single-turn cases and the first turn of each conversation; later turns are
scored by ``followups``. ``false_yesno`` and ``leaked_notes`` look at every reply.

The thresholds (:data:`THRESHOLDS`) are issue 11's "done means". Where today's answers still miss one,
:data:`FLOORS` holds the score reached so far: ``parkbot eval`` and CI (``tests/test_precision_eval.py``)
hold every metric at its target or, until it gets there, at its floor, so no figure can slip back. Raise a
floor when the score rises; delete it when the target is met.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.conversation.assistant import Assistant
from bot.conversation.messages import InboundMessage, Reply
from bot.language import LANGUAGES
from bot.texts import TEXTS

SETS = Path(__file__).resolve().parent / "precision"
LANGS: tuple[str, ...] = tuple(LANGUAGES)
KINDS = ("fact", "list", "yesno", "unknown")
YESNO_ANSWERS = ("yes", "no", "undecided")

#: metric -> (comparison, target), from issue 11's "done means". Not gating anything yet (see the docstring).
THRESHOLDS: dict[str, tuple[str, float]] = {
    "gold_leads": (">=", 0.95),
    "facts": (">=", 0.95),
    "body_median": ("<=", 300),
    "second_record": ("<=", 0.10),
    "false_yesno": ("==", 0),
    "followups": (">=", 0.95),
    "leaked_notes": ("==", 0),
    "unknown_handled": (">=", 1.0),
}
METRICS = tuple(THRESHOLDS)
#: language -> metric -> the score reached so far where the target is not met yet (see the docstring).
#: Measured on the sets with the grounded composer; a little below the measured figure, because near
#: ties in retrieval move a case or two between runs.
FLOORS: dict[str, dict[str, float]] = {}

# -- text helpers ------------------------------------------------------------------------------------

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩يك", "01234567890123456789یک")
_THOUSANDS = re.compile(r"(?<=\d)[,٬](?=\d)")
#: Urdu letters only (not the Arabic-script punctuation "۔" "،" "؟", which may follow an opener)
_URDU_LETTER = r"\u0621-\u064a\u0671-\u06d3\u06ee-\u06ff"


def norm(text: str) -> str:
    """Text as facts are compared: composed, Urdu/Arabic-Indic digits as ASCII, Arabic letter forms as Urdu
    ones, thousands separators dropped ("18,000" = "18000"), lower case, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_DIGITS)
    return " ".join(_THOUSANDS.sub("", text).lower().split())


def has_fact(fact: str, text: str) -> bool:
    """Whether ``fact`` appears in ``text``. A number must stand as a number ("50" is not found in
    "150" or "5,000"); a word must start a word, so "Faisalabad" matches "Faisalabad's" but "AI" is not
    found in "hai" (nor, being that short, in "AIR")."""
    wanted, haystack = norm(fact), norm(text)
    if re.fullmatch(r"[\d.]+", wanted):
        return re.search(rf"(?<![\d.]){re.escape(wanted)}(?![\d]|\.\d)", haystack) is not None
    start = r"(?<!\w)" if wanted[:1].isalnum() else ""
    end = r"(?!\w)" if len(wanted) <= 3 and wanted[-1:].isalnum() else ""
    return re.search(start + re.escape(wanted) + end, haystack) is not None


#: Labels that start a citation line, in the bot's voice and in forms a rewritten composer may use.
SOURCE_LABELS = sorted({*TEXTS["sources"].values(), "Source", "Sources", "ماخذ", "ذرائع", "ذریعہ"}, key=len,
                       reverse=True)
_CITATION = re.compile(r"^\s*(?:[\W_]{0,3}\s*)?(?:" + "|".join(map(re.escape, SOURCE_LABELS)) + r")\s*[:：]", re.I)
_DATE_ONLY = re.compile(r"^\s*[\[(]?\d{4}-\d{2}-\d{2}[\])]?\s*$")
_OFFERS = tuple(norm(t) for t in TEXTS["offer_person"].values())
_OFFER_LINE = re.compile(
    r"^\s*(?:would you like (?:me )?to connect you|shall i connect you|kya main aap ki baat|kya main aap ko|"
    r"کیا میں آپ کی بات|کیا میں آپ کو)", re.I)


def _is_trailer(line: str) -> bool:
    """A citation line, a bare date left over from one, or the offer of a person."""
    stripped = line.strip()
    if _CITATION.match(stripped) or _DATE_ONLY.match(stripped):
        return True
    return norm(stripped) in _OFFERS or bool(_OFFER_LINE.match(stripped))


def answer_body(reply: str) -> str:
    """The answer a user reads: the reply without its trailing citation line(s) and offer of a person.

    The grounded composer ends a reply with ``"\\n\\n<Sources label>: title (date); ..."`` and the
    assistant appends the offer (``texts.TEXTS["offer_person"]``) after it when the answer is not known;
    both are stripped from the end, in either order, however many there are.
    """
    lines = reply.strip().split("\n")
    while lines and (not lines[-1].strip() or _is_trailer(lines[-1])):
        lines.pop()
    return "\n".join(lines).strip()


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


_SENTENCE_END = re.compile(r"(?<=[.!?۔؟])\s+")


#: The bot's own preambles that may come before the answer proper ("I can't take bookings in chat yet").
_PREAMBLES = {norm(t) for key in ("not_yet", "not_yet_apply", "too_long") for t in TEXTS[key].values()}


def lead(body: str, sentences: int = 2) -> str:
    """The first sentences of the body, after any preamble of the bot's own: where an answer must say what it
    answers (or that it cannot)."""
    first = [p for p in paragraphs(body) if norm(p) not in _PREAMBLES][:1]
    return " ".join(_SENTENCE_END.split(first[0])[:sentences]) if first else ""


# -- yes / no openers --------------------------------------------------------------------------------

_END = rf"(?![A-Za-z{_URDU_LETTER}])"
#: "no" answers first, so that "ji nahi" / "bilkul nahi" are not read as "ji" / "bilkul".
_NO_OPENER = re.compile(
    rf"^(?:ji\s*nahi[n]?|jee\s*nahi[n]?|nahi[n]?\s*ji|bilkul\s+nahi[n]?|nahi[n]?|nai|nope|no(?=\s*[.,!;:—–-]|\s*$)"
    rf"|جی\s*نہیں|بالکل\s*نہیں|ہرگز\s*نہیں|نہیں){_END}", re.I)
_YES_OPENER = re.compile(
    rf"^(?:ji\s*haa?n|jee\s*haa?n|haa?n\s*ji|haa?n|bilkul|yes|yeah|yep|yup|ji(?=\s*[.,!،۔])|jee(?=\s*[.,!،۔])"
    rf"|جی\s*ہاں|ہاں\s*جی|ہاں|بالکل|جی(?=\s*[.,!،۔])){_END}", re.I)


def yes_no_opener(body: str) -> str | None:
    """``"yes"`` or ``"no"`` when the answer opens with a yes/no word in any of the three languages."""
    start = body.lstrip(" \t\n\"'*_•-—–>")
    if _NO_OPENER.match(start):
        return "no"
    if _YES_OPENER.match(start):
        return "yes"
    return None


def false_opener(opener: str | None, kind: str, answer: str | None) -> bool:
    """A yes/no opener that the evidence does not back: on a non-yes/no question, on an undecided one, or
    the opposite of the expected answer."""
    if opener is None:
        return False
    if kind != "yesno" or answer not in ("yes", "no"):
        return True
    return opener != answer


# -- notes meant for authors -------------------------------------------------------------------------

#: Phrases that address the bot or the knowledge's editors rather than the user. A reply containing any of
#: them shows the user an authoring note (issue 11: "When a user asks how many STPs exist, give 50 as the
#: latest figure and mention that older reports said 43."; "The freelancers document has more on this
#: group"). Each entry: a name for the report and the pattern, matched case-insensitively.
NOTE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("when a user asks", r"\bwhen (?:a|the) user asks\b"),
    ("the user / a user", r"\b(?:the|a) user(?:'s)?\b"),
    ("the ... document has more", r"\bthe [\w' -]{0,40}\bdocument has more\b"),
    ("see the document", r"\bsee the document\b"),
    ("give ... as the latest/current figure", r"\bgive [^.]{0,40}\bas the (?:latest|current) figure\b"),
    ("mention that", r"\bmention that\b"),
    ("note:", r"\bnote\s*:"),
    ("parkbot should", r"\bparkbot should\b"),
    ("should be presented as", r"\bshould be presented as\b"),
    ("treat this entry", r"\btreat this entry\b"),
    ("parkbot ko ... chahiye", r"\bparkbot ko\b[^.]{0,80}\bchahiye\b"),
    ("jab koi user", r"\bjab (?:koi )?user\b"),
    ("کوئی پوچھے تو", r"کوئی پوچھے تو"),
    ("صارف (the user)", r"صارف"),
    ("پارک بوٹ کو ... چاہیے", r"پارک بوٹ کو[^۔]{0,80}چاہی"),
    ("والی دستاویز / دستاویز دیکھیں", r"والی دستاویز|دستاویز دیکھ"),
    ("نوٹ:", r"نوٹ\s*:"),
)
_NOTES = tuple((name, re.compile(pattern, re.I)) for name, pattern in NOTE_PATTERNS)


def leaked_notes(text: str) -> list[str]:
    """Names of the :data:`NOTE_PATTERNS` found in a reply."""
    return [name for name, pattern in _NOTES if pattern.search(text)]


# -- "not known" and the offer of a person -----------------------------------------------------------

NOT_KNOWN: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:do(?:es)?\s*not|don't|doesn't|cannot|can't|can\s*not|won't|could\s*not|couldn't)\s+"
        r"(?:have|know|say|give|list|name|mention|show|include|tell|confirm|contain|state|describe|provide|"
        r"specify)\b"
        r"|\bthere (?:is|are) no\b"
        r"|\b(?:has|have|give|gives|list|lists|name|names|mention|mentions|contain|contains|hold|holds)\s+no\b"
        r"|\bno\s+(?:[\w-]+\s+){0,4}(?:is|are)\s+(?:given|listed|named|mentioned|known|stated)\b"
        r"|\bnot\s+(?:in\s+(?:my|our|the)\s+sources|known|given|listed|mentioned|stated|available)\b"
        r"|\bunknown\b", re.I),
    "roman_ur": re.compile(
        r"\b(?:maloom|maaloom|malum|pata|mojood|maujood|darj|zikr)\s+(?:hi\s+)?na(?:hi|hin|i)\b"
        r"|\bna(?:hi|hin)\s+(?:diya|di|diye|dia|bataya|batayi|batai|bata|likha|likhi|keh)\b"
        r"|\b(?:sources?|maloomat|hamare\s+paas|mere\s+paas|knowledge)\b[^.!?]{0,120}\bna(?:hi|hin|i)?\b"
        r"|\bandaze\s+se\b", re.I),
    "ur": re.compile(
        r"(?:موجود|درج|معلوم|ذکر|دستیاب)\s+نہیں|نہیں\s+(?:دی|دے|بتا|لکھ)"
        r"|(?:ذرائع|ہمارے پاس|میرے پاس|معلومات)[^۔؟!]{0,120}(?:نہیں|\bنہ\b)|(?:پتا|پتہ)\s+نہیں|اندازے سے"),
}
_PERSON = re.compile(
    r"\b(?:person|someone from (?:the|our) team|staff|human|agent|banday|bande|insaan|insan)\b"
    r"|نمائندے|نمائندہ|انسان|عملے", re.I)


def says_unknown(body: str, lang: str) -> bool:
    """The lead of the answer says, in ``lang``, that something is not known."""
    return bool(NOT_KNOWN[lang].search(lead(body)))


def offers_person(reply: Reply) -> bool:
    return reply.escalated or bool(_PERSON.search(reply.reply))


# -- records behind paragraphs -----------------------------------------------------------------------

class RecordTexts:
    """Every record's texts (all languages), to recognise which record a reply paragraph was taken from.

    A second record is what makes an answer a wall of text on WhatsApp; the grounded composer lists it as
    a second source, but a composer that drops the source while keeping the paragraph must be caught too.
    """

    PROBE = 60

    def __init__(self, texts: Mapping[str, Iterable[str]]) -> None:
        self.texts = {record: [norm(t) for t in items] for record, items in texts.items()}

    @classmethod
    def from_assistant(cls, assistant: Assistant) -> RecordTexts:
        data = assistant.answerer.retriever.index.get_all(["documents", "metadatas"])
        texts: dict[str, list[str]] = {}
        for text, meta in zip(data["documents"], data["metadatas"], strict=False):
            texts.setdefault(str((meta or {}).get("record_id", "")), []).append(str(text or ""))
        return cls(texts)

    def owners(self, paragraph: str) -> set[str]:
        """Records whose text contains the paragraph's opening (empty: not recognised)."""
        probe = norm(paragraph)[: self.PROBE]
        if len(probe) < 25:
            return set()
        return {record for record, items in self.texts.items() if any(probe in t for t in items)}


def source_ids(reply: Reply) -> list[str]:
    return [str(s.get("id", "")) for s in reply.sources if s.get("id")]


def carries_second_record(reply: Reply, body: str, records: RecordTexts | None = None) -> bool:
    """More than one distinct source, or a paragraph after the first taken from a record other than the lead."""
    ids = list(dict.fromkeys(source_ids(reply)))
    if len(ids) > 1:
        return True
    if records is None:
        return False
    first = ids[0] if ids else None
    for paragraph in paragraphs(body)[1:]:
        owners = records.owners(paragraph)
        if owners and first not in owners:
            return True
    return False


# -- the sets ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Turn:
    """One question and what its answer must do."""

    q: str
    kind: str
    gold: str | None = None
    acceptable: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    #: yesno only: what the knowledge decides (``undecided``: no yes/no opener at all)
    answer: str | None = None
    #: unknown only: the item asked for that the records lack
    missing: str | None = None

    @property
    def leads(self) -> tuple[str, ...]:
        """Record ids that may lead the answer."""
        return tuple(r for r in (self.gold, *self.acceptable) if r)


@dataclass(frozen=True)
class Case:
    id: str
    lang: str
    turns: tuple[Turn, ...]
    conversation: bool = False
    topic: str = ""


def _turn(item: Mapping[str, Any], where: str) -> Turn:
    kind = str(item.get("kind", ""))
    if kind not in KINDS:
        raise ValueError(f"{where}: kind must be one of {KINDS}, not {kind!r}")
    gold = item.get("gold")
    if isinstance(gold, list):
        raise ValueError(f"{where}: gold is one record id (put alternatives in acceptable)")
    answer = item.get("answer")
    if kind == "yesno" and answer not in YESNO_ANSWERS:
        raise ValueError(f"{where}: a yesno question needs answer: yes|no|undecided")
    if kind == "unknown" and not item.get("missing"):
        raise ValueError(f"{where}: an unknown question needs missing: <what>")
    if kind != "unknown" and not gold:
        raise ValueError(f"{where}: gold is required")
    return Turn(q=str(item["q"]), kind=kind, gold=str(gold) if gold else None,
                acceptable=tuple(str(a) for a in item.get("acceptable") or []),
                facts=tuple(str(f) for f in item.get("facts") or []),
                answer=str(answer) if answer else None,
                missing=str(item["missing"]) if item.get("missing") else None)


def load_sets(folder: Path = SETS, langs: Iterable[str] = LANGS) -> list[Case]:
    """Every case of ``<folder>/<lang>.yaml``; a malformed entry raises with its id, so a typo in a set
    cannot silently drop a case."""
    cases: list[Case] = []
    for lang in langs:
        path = folder / f"{lang}.yaml"
        if not path.is_file():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("single") or []:
            cid = str(item["id"])
            cases.append(Case(cid, lang, (_turn(item, cid),), topic=str(item.get("topic", ""))))
        for item in data.get("conversations") or []:
            cid = str(item["id"])
            turns = tuple(_turn(t, f"{cid} turn {n}") for n, t in enumerate(item.get("turns") or [], 1))
            if not 2 <= len(turns) <= 4:
                raise ValueError(f"{cid}: a conversation has 2-4 turns")
            cases.append(Case(cid, lang, turns, conversation=True, topic=str(item.get("topic", ""))))
    ids = [c.id for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate case ids: {duplicates}")
    return cases


# -- scoring -------------------------------------------------------------------------------------------

@dataclass
class TurnScore:
    """What one reply did, before it is counted."""

    lead_id: str | None
    gold_ok: bool
    facts_missing: list[str]
    body_len: int
    second_record: bool
    opener: str | None
    false_yesno: bool
    notes: list[str]
    unknown_ok: bool
    #: the language the reply was written in, when it is not the question's (reported, not a metric here:
    #: ``evals/answers.py`` scores script match)
    wrong_language: str | None = None

    def problems(self, turn: Turn) -> list[str]:
        found: list[str] = [f"answered in {self.wrong_language}"] if self.wrong_language else []
        if turn.kind != "unknown" and not self.gold_ok:
            found.append(f"led by {self.lead_id or 'nothing'} (gold {turn.gold})")
        if self.facts_missing:
            found.append(f"missing facts {self.facts_missing}")
        if turn.kind == "fact" and self.second_record:
            found.append("second record")
        if self.false_yesno:
            found.append(f"false '{self.opener}' opener")
        if self.notes:
            found.append(f"leaked notes {self.notes}")
        if turn.kind == "unknown" and not self.unknown_ok:
            found.append(f"not said unknown ({turn.missing}) with a person offered")
        return found


def score_turn(turn: Turn, reply: Reply, lang: str, records: RecordTexts | None = None) -> TurnScore:
    """Score one reply against one turn (pure: the tests call it on hand-made replies)."""
    body = answer_body(reply.reply)
    ids = source_ids(reply)
    lead_id = ids[0] if ids else None
    opener = yes_no_opener(body)
    return TurnScore(
        lead_id=lead_id,
        gold_ok=lead_id is not None and lead_id in turn.leads,
        facts_missing=[f for f in turn.facts if not has_fact(f, body)],
        body_len=len(body),
        second_record=carries_second_record(reply, body, records),
        opener=opener,
        false_yesno=false_opener(opener, turn.kind, turn.answer),
        notes=leaked_notes(reply.reply),
        unknown_ok=bool(body) and says_unknown(body, lang) and offers_person(reply),
        wrong_language=reply.language if reply.language != lang else None,
    )


@dataclass
class LangPrecision:
    """Counts for one language; :meth:`summary` turns them into the metrics."""

    cases: int = 0
    conversations: int = 0
    turns: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    gold_total: int = 0
    gold_ok: int = 0
    facts_total: int = 0
    facts_ok: int = 0
    fact_bodies: list[int] = field(default_factory=list)
    second_record: int = 0
    false_yesno: int = 0
    leaked_notes: int = 0
    unknown_total: int = 0
    unknown_ok: int = 0
    followup_total: int = 0
    followup_ok: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)

    @staticmethod
    def ratio(ok: int, total: int) -> float:
        return ok / total if total else 1.0

    def summary(self) -> dict[str, float]:
        return {
            "gold_leads": self.ratio(self.gold_ok, self.gold_total),
            "facts": self.ratio(self.facts_ok, self.facts_total),
            "body_median": float(statistics.median(self.fact_bodies)) if self.fact_bodies else 0.0,
            "second_record": self.ratio(self.second_record, len(self.fact_bodies)) if self.fact_bodies else 0.0,
            "false_yesno": float(self.false_yesno),
            "leaked_notes": float(self.leaked_notes),
            "unknown_handled": self.ratio(self.unknown_ok, self.unknown_total),
            "followups": self.ratio(self.followup_ok, self.followup_total),
        }

    def add(self, case: Case, index: int, turn: Turn, reply: Reply, s: TurnScore) -> None:
        """Count one scored turn (``index`` 0 is the case's standalone turn, later ones are follow-ups)."""
        self.turns += 1
        self.kinds[turn.kind] = self.kinds.get(turn.kind, 0) + 1
        standalone = index == 0
        if standalone:
            if turn.kind != "unknown" and turn.gold:
                self.gold_total += 1
                self.gold_ok += s.gold_ok
            self.facts_total += len(turn.facts)
            self.facts_ok += len(turn.facts) - len(s.facts_missing)
            if turn.kind == "fact":
                self.fact_bodies.append(s.body_len)
                self.second_record += s.second_record
        else:
            self.followup_total += 1
            resolved = s.unknown_ok if turn.kind == "unknown" else s.gold_ok and not s.facts_missing
            self.followup_ok += resolved
        if turn.kind == "unknown":
            self.unknown_total += 1
            self.unknown_ok += s.unknown_ok
        self.false_yesno += s.false_yesno
        self.leaked_notes += bool(s.notes)
        problems = s.problems(turn)
        if not standalone and turn.kind != "unknown":
            problems = [p for p in problems if p != "second record"]  # scored on standalone fact turns only
            if not (s.gold_ok and not s.facts_missing):
                problems.insert(0, "follow-up not resolved")
        if problems:
            self.failures.append({"id": case.id if len(case.turns) == 1 else f"{case.id}#{index + 1}", "q": turn.q,
                                  "kind": turn.kind, "problems": problems, "sources": source_ids(reply),
                                  "reply": reply.reply})


def evaluate(assistant: Assistant, cases: list[Case], records: RecordTexts | None = None
             ) -> dict[str, LangPrecision]:
    """Run every case through ``assistant`` (a fresh user per case) and count per language."""
    records = records if records is not None else RecordTexts.from_assistant(assistant)
    results: dict[str, LangPrecision] = {}
    for case in cases:
        counts = results.setdefault(case.lang, LangPrecision())
        counts.cases += 1
        counts.conversations += case.conversation
        user = f"precision-{uuid.uuid4().hex}"
        for index, turn in enumerate(case.turns):
            reply = assistant.handle(InboundMessage("eval", user, turn.q))
            counts.add(case, index, turn, reply, score_turn(turn, reply, case.lang, records))
    return results


def run(assistant: Assistant, cases: list[Case] | None = None) -> dict[str, dict[str, float]]:
    """The metrics per language, for the sets in ``evals/precision`` unless ``cases`` are given."""
    return {lang: r.summary() for lang, r in evaluate(assistant, cases if cases is not None else load_sets()).items()}


def meets(value: float, op: str, target: float) -> bool:
    return value >= target if op == ">=" else value <= target if op == "<=" else value == target


def misses(summary: Mapping[str, float]) -> list[str]:
    """The thresholds a language's summary misses, as readable lines."""
    found = []
    for metric, (op, target) in THRESHOLDS.items():
        value = summary[metric]
        if not meets(value, op, target):
            found.append(f"{metric} {_fmt(metric, value)} (target {op} {target:g})")
    return found


def gate(lang: str, metric: str) -> tuple[str, float]:
    """What CI holds ``metric`` to in ``lang``: its target, or the floor reached so far (:data:`FLOORS`)."""
    op, target = THRESHOLDS[metric]
    floor = FLOORS.get(lang, {}).get(metric)
    return (op, floor) if floor is not None else (op, target)


def regressions(lang: str, summary: Mapping[str, float]) -> list[str]:
    """The metrics of ``summary`` below what CI holds them to (the target, or the floor reached so far)."""
    found = []
    for metric in METRICS:
        op, limit = gate(lang, metric)
        if not meets(summary[metric], op, limit):
            kind = "floor" if limit != THRESHOLDS[metric][1] else "target"
            found.append(f"precision {metric} {lang} {_fmt(metric, summary[metric])} ({kind} {op} {limit:g})")
    return found


def report_section(assistant: Assistant, cases: list[Case] | None = None) -> tuple[list[str], list[str]]:
    """``parkbot eval``'s precision section (Markdown lines) and the gates it misses (readable lines)."""
    results = evaluate(assistant, cases if cases is not None else load_sets())
    lines = ["## Precision: one short answer to the question asked (issue 11)", "",
             "Sets `evals/precision/<lang>.yaml`, scored by `evals/precision.py`; held to the issue's targets, or "
             "until a target is met to the floor reached so far (`FLOORS`).", "",
             "| language | " + " | ".join(METRICS) + " |", "|---|" + "---|" * len(METRICS)]
    failures: list[str] = []
    for lang, r in results.items():
        m = r.summary()
        lines.append(f"| {lang} | " + " | ".join(_fmt(k, m[k]) for k in METRICS) + " |")
        failures += regressions(lang, m)
    lines.append("| target | " + " | ".join(f"{op} {t:g}" for op, t in THRESHOLDS.values()) + " |")
    lines += ["", "Targets not met yet: " + ("; ".join(f"{lang}: {', '.join(misses(r.summary()))}"
                                                       for lang, r in results.items() if misses(r.summary()))
                                             or "none")]
    return lines, failures


# -- report --------------------------------------------------------------------------------------------

def _fmt(metric: str, value: float) -> str:
    return f"{value:.0f}" if metric in ("body_median", "false_yesno", "leaked_notes") else f"{value:.3f}"


def _sources(ids: list[str], shown: int = 3) -> str:
    if not ids:
        return "—"
    more = f" (+{len(ids) - shown} more)" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more


def _excerpt(text: str, limit: int = 240) -> str:
    flat = " ⏎ ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    flat = flat.replace("|", "\\|")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def to_markdown(results: Mapping[str, LangPrecision], *, title: str = "Precision evaluation",
                preamble: Iterable[str] = (), max_failures: int = 400) -> str:
    """The per-language table, the thresholds each language misses, and every failing turn."""
    lines = [f"# {title}", "", *preamble]
    head = "| language | cases (single / conversations) | turns | " + " | ".join(METRICS) + " |"
    lines += ["", head, "|" + "---|" * (3 + len(METRICS))]
    for lang, r in results.items():
        m = r.summary()
        cells = " | ".join(_fmt(k, m[k]) for k in METRICS)
        lines.append(f"| {lang} | {r.cases - r.conversations} / {r.conversations} | {r.turns} | {cells} |")
    targets = " | ".join(f"{op} {target:g}" for op, target in THRESHOLDS.values())
    lines.append(f"| target | | | {targets} |")
    lines += ["", "Counts behind the ratios:", "",
              "| language | gold leads | facts | fact answers (second record) | unknown handled | follow-ups "
              "| turns by kind |", "|---|---|---|---|---|---|---|"]
    for lang, r in results.items():
        kinds = ", ".join(f"{k} {r.kinds.get(k, 0)}" for k in KINDS)
        lines.append(f"| {lang} | {r.gold_ok}/{r.gold_total} | {r.facts_ok}/{r.facts_total} | "
                     f"{len(r.fact_bodies)} ({r.second_record}) | {r.unknown_ok}/{r.unknown_total} | "
                     f"{r.followup_ok}/{r.followup_total} | {kinds} |")
    lines += ["", "## Thresholds missed", ""]
    for lang, r in results.items():
        missed = misses(r.summary())
        lines.append(f"- {lang}: " + ("; ".join(missed) if missed else "none"))
    lines += ["", "## Failing turns", ""]
    for lang, r in results.items():
        lines += [f"### {lang} ({len(r.failures)})", "", "| id | kind | question | problems | sources | reply |",
                  "|---|---|---|---|---|---|"]
        for f in r.failures[:max_failures]:
            lines.append(f"| `{f['id']}` | {f['kind']} | {_excerpt(f['q'], 120)} | {'; '.join(f['problems'])} | "
                         f"{_sources(f['sources'])} | {_excerpt(f['reply'])} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
