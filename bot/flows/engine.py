"""The flow engine: one message in, the flow's next step out, with the state kept as plain JSON.

The state lives in the conversation's context (``context["flow"]``) and is saved with the turn, so it
is per conversation (channel + user) and survives restarts. A step reads every field the message
gives, whatever was asked ("kal 3 bajay 4 log Bagh park meeting room"), so a correction ("nahi, 5
log") simply overwrites; a problem is said and the field asked again with nothing else lost; a message
that gives nothing and reads as a question is handed back to be answered before the flow resumes;
nothing leaves before the user confirms the summary.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.flows.fields import (
    KARACHI,
    MASKS,
    PARSERS,
    READ_ORDER,
    ParseContext,
    Parsed,
    ascii_digits,
    holiday_note,
    park_options,
    spoken_hours,
)
from bot.flows.spec import FieldSpec, FieldType, FlowSpec
from bot.language import Lang
from bot.language.people import FOR_A_WOMAN, for_men
from bot.retrieval.directory import Directory
from bot.texts import say

_CANCEL = re.compile(r"^\W*(?:cancel|cancel it|cancel karo|cancel kar do|stop|exit|quit|abort|rehne do|rehnay do|"
                     r"rehny do|rehnay dein|rehne dein|chhoro|chhodo|chodo|mat karo|nahi karni|nahi karna|band karo|"
                     r"forget it|never ?mind|منسوخ|منسوخ کریں|منسوخ کر دیں|رہنے دو|رہنے دیں|چھوڑو|بند کرو|کینسل)\W*$",
                     re.I)
#: "Cancel" said in a short message among other words ("no cancel it pls", "nahi chahiye ab, khatam karo",
#: "چھوڑیں، منسوخ کریں"): the user stops, unless it asks something ("can I cancel later?").
_CANCEL_SAID = re.compile(r"\b(?:cancel|cancle|cansel|cncl|khatam\s+kar(?:o|do|dein|den|en|ein)?|rehne\s+do|"
                          r"rehnay\s+do|chhoro|chhodo|chodo|forget\s+it|never\s*mind)\b"
                          r"|منسوخ|رہنے\s+د[وی]|کینسل|ختم\s+کر|چھوڑیں|چھوڑو", re.I)
# ("nahi chahiye" alone is an answer: the application's "no subsidy")
#: "Don't cancel", "cancel mat karo", "منسوخ نہ کریں": the opposite.
_NOT_CANCEL = re.compile(r"\b(?:don'?t|dont|do\s+not|not|mat|na|nahi)\s+(?:\w+\s+)?(?:cancel|cancle)|"
                         r"\b(?:cancel|cancle)\s+(?:mat|na|nahi)\b|منسوخ\s+نہ|کینسل\s+نہ|نہ\s+کریں", re.I)
#: A word that skips an optional question ("cnic chhodo", "چھوڑیں"), not the whole flow.
_SKIP_WORD = re.compile(r"\b(?:chhor\w*|chhod\w*|chod\w*|skip)\b|چھوڑ"
                        # none to give ("email nahi hai mera", "i don't have one", "نہیں دینا")
                        r"|\bnahi\s+(?:hai|he|h|hy|dena|deni|dunga|dungi)\b|\bdon'?t\s+have\b|\bno\s+(?:email|cnic)\b"
                        r"|نہیں\s+(?:ہے|دینا|دوں)", re.I)
#: A value asked to be changed ("naam change karna hai", "change the date", "نام تبدیل کرنا ہے", "waqt badalna hai").
_CHANGE_ASKED = re.compile(r"\b(?:change|changing|badal\w*|tabdeel|tabdil)\b|تبدیل|بدل", re.I)
#: Labels that are also question words ("What", "Kya", "کیا" name the thing booked): no field named by them.
_QUESTION_LABELS = frozenset({"what", "kya", "کیا"})
#: A change asked is a short message ("wait i need to change the name"), not a sentence that says more.
CHANGE_WORDS = 8
#: One step back ("back", "go back", "wapis jao", "پیچھے جائیں"): the question before the last one, asked again.
_BACK = re.compile(r"^\W*(?:go\s+)?(?:back|previous|pichla|pichhe|peeche|peechay|wapis|wapas|پیچھے|واپس|پچھلا)"
                   r"(?:\s+(?:jao|jayen|jaen|jaein|chalo|karo|please|pls|step|one step|جائیں|جاؤ|چلیں))*\W*$", re.I)
#: At most this many words for :data:`_CANCEL_SAID` to stop a flow.
CANCEL_WORDS = 8
#: A "but" after a yes: something changes first ("haan, lekin date 16 kar do").
_BUT = re.compile(r"\b(?:but|lekin|magar|par|except)\b|لیکن|مگر|پر\s", re.I)
#: A cancel said now may open a longer message (its first clause up to this many words).
LONG_CANCEL_WORDS = 15
#: Thanks or an "ok" said between two questions of a flow ("shukriya", "ٹھیک ہے آگے چلیں"): the question is asked again,
#: not answered with "I don't know this park" (at the summary, "ok" is a yes: checked before).
_CHAT = re.compile(r"^\W*(?:ok|okay|ok ji|acha|achha|accha|theek hai|thik hai|theek|shukriya|shukria|thanks|thank you|"
                   r"thx|jazakallah|اچھا|ٹھیک ہے|ٹھیک|شکریہ|جزاک اللہ)(?:\W+(?:ji|jee|sir|bhai|آگے چلیں|aage chalein|"
                   r"aage chalo|go on|continue))?\W*$", re.I)
#: "ek minute, pooch ke batata hun", "wait": the user will answer later; no value ("ek" is no head count).
_WAIT = re.compile(r"^\W*(?:ek|aik|1|one)\s+(?:minute|min|mint|sec|second)\b|^\W*(?:wait|ruko|ruk\s+jao|hold\s+on|"
                   r"pooch\s+ke|poochh\s+ke)\b|^\W*ایک\s+منٹ|^\W*رکیں", re.I)
#: "what do you mean", "kya matlab", "کیا مطلب": the question explained, not read ("do" is no head count).
_CLARIFY = re.compile(r"\bwhat\s+do\s+you\s+mean\b|\bwhat\s+does\s+that\s+mean\b|\bi\s+don'?t\s+understand\b|"
                      r"\b(?:kya|kia)\s+matlab\b|\bmatlab\??\s*$|\bsamajh?\s+nahi\b|\bsamjha\s+nahi\b|"
                      r"کیا\s+مطلب|سمجھ\s+نہیں", re.I)
_YES = re.compile(r"^\W*(?:yes|y|yeah|yep|yup|ok|okay|confirm|confirmed|send|send it|sure|correct|right|haan|han|haa|"
                  r"ha|ji|jee|ji haan|jee haan|g|theek|theek hai|thik hai|sahi|sahi hai|bilkul|bhej do|bhejo|done|"
                  r"ہاں|جی|جی ہاں|ٹھیک|ٹھیک ہے|درست|درست ہے|صحیح|بھیج دیں|کنفرم|بالکل)(?:\W+(?:please|plz|pls|ji|jee|"
                  # what follows a yes and still only confirms ("ji bilkul bhej do", "haan booking bhej do", "yes
                  # book it", "ہاں جی بھیج دو"); a word of anything else ("yes but 4 pm") makes it no plain yes
                  r"hai|bhej|bhejo|bhejen|bhejain|bhejdo|do|dein|dain|dijiye|kar|karo|kardo|krdo|karein|confirm|"
                  r"send|it|go|ahead|all|good|correct|theek|thik|ok|okay|sahi|bilkul|booking|book|application|"
                  r"request|sounds|perfect|great|yes|haan|han|"
                  # ("yes submit", "yes thanks", "haan g theek hai", "ji kr do", "theek hai bhej den")
                  r"submit|thanks|thank|you|thx|shukriya|shukria|g|kr|krdo|den|kren|karen|please|"
                  r"جی|ہاں|ٹھیک|بھیج|بھیجو|بھیجیں|دیں|دو|کر|کریں|کردیں|ہے|بالکل|کنفرم|بکنگ|درخواست|شکریہ))*\W*$",
                  re.I)
_NO = re.compile(r"^\W*(?:no|n|nope|nahi|nahin|na|galat|wrong|نہیں|غلط)\W*$", re.I)
_SKIP = re.compile(r"^\W*(?:skip|skip it|skip karo|nahi|nahin|no|na|none|nahi hai|nahi he|pass|chhor dein|chhor do|"
                   r"نہیں|نہیں ہے|چھوڑ دیں|سکپ)\W*$", re.I)
_QUESTION = re.compile(r"[?؟]|^(?:how|what|when|where|which|who|why|is|are|can|does|kya|kaise|kaisay|kab|kahan|"
                       r"kitna|kitne|kitni|kaun|kis|کیا|کیسے|کب|کہاں|کتن|کون|کس)\b|\b(?:kitn[aei]|kaise|kaisay|kahan|"
                       r"kyun|kyon|kya hai|kya hota)\b|کتن|کیسے|کہاں|کیوں", re.I)
#: A value set, whatever else the message asks ("21 dec kar do", "make it 4pm", "نام علی کر دیں").
_SET_IT = re.compile(r"\b(?:kar|kr)\s*(?:do|dein|den|dain|dijiye|dijye)\b|\bkardo\b|\bkrdo\b|"
                     r"\brakh\s*(?:do|lo|dein|len)\b|\bmake\s+it\b|\bchange\s+(?:it\s+)?to\b|\bset\s+it\s+to\b|"
                     r"کر\s*د[یو]|رکھ\s*(?:د|ل)", re.I)
#: A cancel said now ("please cancel this, we decided ...", "nahi yaar rehne do abhi ..."): what a longer message may
#: open with; not one that was ("meri pichli booking cancel hui thi", "kal ka plan cancel ho gaya tha").
_CANCEL_NOW = re.compile(r"\bcancel\s+(?:it|this|that|karo|kar\s*do|kar\s*dein|kardo|krdo|kr\s*do|pls|please)\b|"
                         r"\brehne\s+do\b|\brehnay\s+do\b|\bchhod\s*do\b|\bforget\s+it\b|\bleave\s+it\b|"
                         r"\b(?:don'?t|do\s+not)\s+send\b|\bmat\s+bhej|\bna\s+bhej|منسوخ\s+کر|رہنے\s+د[وی]|"
                         r"(?:مت|نہ)\s+بھیج", re.I)
_CANCELLED_BEFORE = re.compile(r"\bcancel+(?:ed|led)\b|\bcancel\s+(?:hui|hua|ho\s+ga|ho\s+gay|ho\s+gai|ho\s+gy|"
                               r"kiya\s+tha|kar\s+di\s+thi)|منسوخ\s+ہو", re.I)
#: Phrasings that ask about a booking or an application rather than make one ("how do I apply?").
#: Whether someone like me may ("main akela freelancer hun, kya desk le sakta hun?", "can a student book?"):
#: a question about who is eligible, answered from the knowledge, not the start of a booking.
WHO_MAY = re.compile(r"\b(?:freelancers?|akela|akeli|individual|student|students|alone|eligible)\b"
                     r"|فری لانسر|اکیلا|اکیلی|طالب علم", re.I)
#: "can I", "kya main ... sakta hun", "لے سکتا ہوں": asking whether, with WHO_MAY, not asking to.
MAY_I = re.compile(r"\b(?:can|could|may|allowed|sakta|sakti|sakte|skta|skti)\b|سکتا|سکتی|سکتے", re.I)
INFO_QUESTION = re.compile(r"\b(?:how|what|which|when|where|kaise|kaisay|kese|kesay|kab|kahan|kitn\w*|fee|fees|cost|"
                           r"price|charges|last date|documents?|requirements?|criteria|eligib\w*|process|"
                           r"procedure|link|url|website|form|deadline)\b|کیسے|طریقہ|کتن|کب|کہاں|فیس|شرائط|"
                           r"آخری تاریخ|لنک|فارم|ویب سائٹ|کیا ہے", re.I)


#: Who may apply or join ("who can apply", "wahan kon apply kr skta h", "کون درخواست دے سکتا ہے"): a question about
#: applying, not a request to ("book a room for me and my colleague who is visiting" still books).
WHO_APPLIES = re.compile(r"\bwho\s+(?:can|could|may|is\s+allowed\s+to|is\s+eligible\s+to)\s+(?:apply|join|get|rent)\b"
                         r"|\b(?:kon|kaun)\s+(?:\S+\s+){0,2}?(?:apply|join|le\s+sakta|le\s+sakti)\b"
                         r"|کون\s+(?:\S+\s+){0,2}?(?:درخواست|اپلائی|لے\s+سکتا|لے\s+سکتی)", re.I)


_URDU_MONTHS = ("جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر",
                "دسمبر")
_URDU_DAYS = ("پیر", "منگل", "بدھ", "جمعرات", "جمعہ", "ہفتہ", "اتوار")


def karachi_now() -> dt.datetime:
    return dt.datetime.now(KARACHI)


@dataclass
class Submission:
    """A confirmed flow: what the request store turns into a request and its webhook."""

    flow: FlowSpec
    values: dict[str, Any]
    lang: Lang


@dataclass
class Outcome:
    """What one step says and does.

    ``state`` is the flow's new state (None: no flow runs any more); ``question`` asks the caller to
    answer the message as a question first and then say ``text`` (the flow's question again);
    ``submit`` is set once, on confirmation.
    """

    text: str
    state: dict[str, Any] | None
    choices: list[str] = field(default_factory=list)
    question: bool = False
    submit: Submission | None = None
    cancelled: bool = False
    #: the message was meant as this step's answer and could not be used (a bad phone, a past date)
    failed: bool = False


class FlowEngine:
    """Runs any :class:`FlowSpec`: field types dispatch through :data:`bot.flows.fields.PARSERS`."""

    def __init__(self, flows: Mapping[str, FlowSpec], directory: Directory | None = None,
                 clock: Callable[[], dt.datetime] = karachi_now) -> None:
        self.flows = dict(flows)
        self.directory = directory
        self.clock = clock
        self._starts = {name: re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in spec.start_words) +
                                          r")(?![\w])", re.I) for name, spec in self.flows.items() if spec.start_words}
        register_labels(self)

    # -- starting ----------------------------------------------------------------------------------
    def wanted(self, intent: str, text: str) -> str | None:
        """The flow this message asks to start (by the classifier's intent or a flow's own words)."""
        if intent in self.flows:
            return intent
        return next((name for name, words in self._starts.items() if words.search(text)), None)

    def start(self, name: str, text: str, lang: Lang, channel: str, *, men: bool = False, park: str | None = None
              ) -> Outcome:
        """A new flow, reading what ``text`` already gives; ``men``: the writer said earlier that he is a man;
        ``park``: the park (or city) the request points at ("wahan desk book karni hai"), taken unless the text
        names one of its own."""
        spec = self.flows[name]
        state: dict[str, Any] = {"name": name, "values": {}, "skipped": [], "asking": None}
        if men:
            state["men"] = True
        park_field = next((f for f in spec.fields if f.type == FieldType.PARK), None)
        told: list[str] = []
        taken: str | None = None
        if park and park_field is not None and self.directory is not None and not (
                self.directory.find_parks(text) or self.directory.find_places(text).get("city")):
            # (a man who said so earlier, "... dena chahta hun", is not given the women-only park he points at: a man's
            # application reached it that way)
            chosen = PARSERS[FieldType.PARK].parse(park, park_field, ParseContext(
                lang, self.clock(), self.directory, "", men), asked=False)
            if chosen is not None and chosen.problem is None:
                taken = state["values"][park_field.name] = chosen.value
            elif chosen is not None and chosen.problem in ("flow_park_closed", "flow_women_only"):
                told.append(say(chosen.problem, lang, **chosen.values))  # "the Karachi IT Park is not open yet"
        outcome = self._take(spec, state, text, lang, channel, opening=True)
        if park_field is not None and taken and (outcome.state or {}).get("values", {}).get(park_field.name) == taken:
            # the park taken from the conversation is said, so a wrong guess is seen before the summary (a women-only
            # park taken back for men is not: why is said instead)
            told.append(say("flow_noted", lang, changes=f"{park_field.label[lang]}: "
                                                        f"{self.display(park_field, taken, lang)}"))
        outcome.text = "\n\n".join([say("flow_start", lang, title=spec.title[lang]), *told, outcome.text])
        return outcome

    # -- a step ------------------------------------------------------------------------------------
    def step(self, state: dict[str, Any], text: str, lang: Lang, channel: str, button: str | None = None) -> Outcome:
        state = copy.deepcopy(state)  # the caller's state stays as it was (a step is a function of it)
        spec = self.flows.get(str(state.get("name")))
        if spec is None:  # a flow that no longer exists (removed from the definitions): let it go
            return Outcome(say("flow_cancelled", lang), None, cancelled=True)
        said = button if button is not None else text
        if button in ("cancel",) or _CANCEL.match(said):
            return Outcome(say("flow_cancelled", lang), None, cancelled=True)
        if state.get("asking") == "confirm":
            # ("yes submit, and I also want to apply for the rent subsidy": the yes opens it, and counts; not "haan,
            # lekin date 16 kar do", which changes something first)
            opening, _, rest = re.sub(r"[.!;،۔]", ",", said).partition(",")
            if button == "yes" or _YES.match(said) or (
                    _YES.match(opening) and not _BUT.search(rest) and not self.read(spec, rest, lang)[0]):
                values = dict(state["values"])
                return Outcome("", None, submit=Submission(spec, values, lang))
            if button == "no" or _NO.match(said):
                return Outcome(say("flow_change_what", lang), state, self._confirm_choices(lang))
        asking = state.get("asking")
        if button is None and _BACK.match(said):
            return self._back(spec, state, lang, channel)
        changing = self._field_to_change(spec, state, said, lang) if button is None else None
        if changing is not None:
            # "naam change karna hai", "i need to change the name", "نام تبدیل کرنا ہے": that answer taken back and
            # asked again (it was stored as the name "Change Karna")
            state["values"].pop(changing, None)
            following = self._next(spec, state, lang, channel)
            following.text = f"{say('flow_changing', lang)}\n\n{following.text}"
            return following
        if button is None and (_CHAT.match(said) or (_WAIT.search(said) and not _QUESTION.search(said)
                                                      and set(self.read(spec, said, lang)[0]) != {"name"})):
            # "shukriya", "ek minute, kal batata hun": no answer, and no wrong one ("wait, let me ask my 3 colleagues"
            # is no head count); a name said outright is one ("wait naam change karna hai, my CNIC name is ...")
            return self.pending(state, lang, channel)
        if button is None and _CLARIFY.search(said):
            again = self.pending(state, lang, channel)
            again.text = f"{say('flow_explain', lang)}\n\n{again.text}"
            return again
        optional = bool(asking and asking != "confirm" and not spec.field(asking).required)
        if optional and (_SKIP.match(said) or (len(said.split()) <= CANCEL_WORDS and _SKIP_WORD.search(said))):
            state["skipped"] = [*state.get("skipped", []), asking]
            state["values"].pop(asking, None)
            return self._next(spec, state, lang, channel)
        # ("Actually please cancel this, we decided to go another week instead, ...": its first clause says it)
        first = re.split(r"[,.!;،۔]", said, maxsplit=1)[0]
        if (button is None and ((len(said.split()) <= CANCEL_WORDS and _CANCEL_SAID.search(said))
                                or (len(first.split()) <= LONG_CANCEL_WORDS and _CANCEL_NOW.search(first)))
                and not _QUESTION.search(said) and not _NOT_CANCEL.search(said) and not _CANCELLED_BEFORE.search(said)
                and not self._changes(state, self.read(spec, said, lang, asking=None)[0])):
            # (a stop said with a new value is a correction: "kal chhodo, parson rakh lo", "cancel that, 4pm")
            return Outcome(say("flow_cancelled", lang), None, cancelled=True)
        return self._take(spec, state, said, lang, channel)

    def _field_to_change(self, spec: FlowSpec, state: dict[str, Any], said: str, lang: Lang) -> str | None:
        """The one answered field a short message asks to change without giving its new value ("naam change karna
        hai", "wait i need to change the date", "وقت تبدیل کرنا ہے"), by the field's label in any language."""
        if (len(said.split()) > CHANGE_WORDS or not _CHANGE_ASKED.search(said) or _QUESTION.search(said)
                or self.read(spec, said, lang)[0]):
            return None  # ("what can I change?" asks)
        lowered = f" {said.lower()} "
        named = [f.name for f in spec.fields if f.name in state["values"] and any(
            re.search(rf"(?<!\w){re.escape(label.lower())}(?!\w)", lowered) for label in (*f.label.values(), f.name)
            if label.lower() not in _QUESTION_LABELS)]
        return named[0] if len(named) == 1 else None

    def _back(self, spec: FlowSpec, state: dict[str, Any], lang: Lang, channel: str) -> Outcome:
        """The answer before the question now asked is taken back and its question asked again (at the summary:
        the last answer)."""
        asked = [f.name for f in spec.fields if f.ask]
        current = state.get("asking")
        before = asked[:asked.index(current)] if current in asked else asked
        answered = [name for name in before if name in state["values"] or name in state.get("skipped", [])]
        if answered:
            state["values"].pop(answered[-1], None)
            state["skipped"] = [n for n in state.get("skipped", []) if n != answered[-1]]
        following = self._next(spec, state, lang, channel)
        following.text = f"{say('flow_back', lang)}\n\n{following.text}"
        return following

    def _take(self, spec: FlowSpec, state: dict[str, Any], text: str, lang: Lang, channel: str, *,
              opening: bool = False) -> Outcome:
        """The message read into the flow's fields, then the next question (or what was wrong); a date just taken
        that is a public holiday is told first."""
        days = {f.name: state["values"].get(f.name) for f in spec.fields if f.type == FieldType.DATE}
        outcome = self._read_into(spec, state, text, lang, channel, opening=opening)
        values = outcome.state["values"] if outcome.state is not None else {}
        notes = [note for name, before in days.items() if (day := values.get(name)) and day != before
                 and (note := holiday_note(dt.date.fromisoformat(str(day)), lang)) is not None]
        women = None if outcome.failed else self._women_park_taken(spec, state, values, lang)
        if women is not None:
            notes.insert(0, women)
        if notes and not outcome.failed:
            outcome.text = "\n\n".join([*notes, outcome.text])
        return outcome

    def _read_into(self, spec: FlowSpec, state: dict[str, Any], text: str, lang: Lang, channel: str, *,
                   opening: bool = False) -> Outcome:
        if for_men(text, english=lang == "en"):
            state["men"] = True  # (kept: "3 guys" at the head count still counts when the park is chosen later)
        elif FOR_A_WOMAN.search(text):
            state.pop("men", None)  # "then book it for my sister, she will go alone": the women's park is hers to book
        found, problems = self.read(spec, text, lang, asking=state.get("asking"), men=bool(state.get("men")))
        asking = state.get("asking")
        if not opening and _QUESTION.search(text) and asking not in found and all(not p.consumed for _, p in problems):
            # a question, not an answer ("what is the rent subsidy?" names an option but chooses nothing): answered,
            # then the flow goes on where it was; what follows the question is taken if it sets a value ("sunday ko to
            # band hoga na? 21 dec kar do"), not what the question names ("kya date baad mein change ho sakti hai?")
            tail = re.split(r"[?؟]", text)[-1]
            found, problems = self.read(spec, tail, lang, asking=asking, men=bool(state.get("men"))) if (
                tail.strip() and _SET_IT.search(tail) and not _QUESTION.search(tail)) else ({}, [])
        changed = [name for name, value in found.items() if name in state["values"] and state["values"][name] != value]
        state["values"].update(found)
        if not problems and (late := self._time_gone(spec, state, found)) is not None:
            problems = [late]  # "aaj subah 10 bajay" said at 13:46: the time is asked again
        if state.get("men") and (clash := self._women_only_chosen(spec, state, lang)) is not None:
            # men said after the women-only park was chosen ("3 guys, me and 2 colleagues", "btw im a guy" at the
            # head count): said first, whatever else was wrong
            problems = [clash]
        if problems:
            name, problem = problems[0]
            state["asking"] = name
            ask = self._ask(spec, spec.field(name), lang, channel, state)
            return Outcome(f"{say(problem.problem or 'flow_not_understood', lang, **problem.values)}\n\n{ask.text}",
                           state, ask.choices, failed=True)
        # a correction mid-way is acknowledged, then on we go; so is another question's answer given where one was
        # asked ("three of us" at the time question), which else looked lost when the question came again
        aside = ([] if opening or asking in found or asking in (None, "confirm")
                 else [n for n in found if n not in changed])
        for told, names in (("flow_updated", changed if asking != "confirm" else []), ("flow_noted", aside)):
            if names:
                done = ", ".join(f"{spec.field(n).label[lang]}: {self.display(spec.field(n), found[n], lang)}"
                                 for n in names)
                following = self._next(spec, state, lang, channel)
                following.text = f"{say(told, lang, changes=done)}\n\n{following.text}"
                return following
        if not found and not opening:
            pending = self._next(spec, state, lang, channel)
            if _QUESTION.search(text):
                pending.question = True
                return pending
            pending.text = f"{say('flow_not_understood', lang)}\n\n{pending.text}"
            pending.failed = True
            return pending
        return self._next(spec, state, lang, channel)

    def _time_gone(self, spec: FlowSpec, state: dict[str, Any], found: dict[str, Any]) -> tuple[str, Parsed] | None:
        """The time field taken back when the day is today and the time has passed in Karachi (checked when either is
        given: "aaj" after "10 bajay", or "10 bajay" after "aaj")."""
        day = next((f for f in spec.fields if f.type == FieldType.DATE), None)
        hour = next((f for f in spec.fields if f.type == FieldType.TIME), None)
        if day is None or hour is None or not ({day.name, hour.name} & found.keys()):
            return None
        now = self.clock().astimezone(KARACHI)
        date, time = state["values"].get(day.name), state["values"].get(hour.name)
        if date != now.date().isoformat() or not isinstance(time, str) or time > now.strftime("%H:%M"):
            return None
        state["values"].pop(hour.name)
        return hour.name, Parsed(problem="flow_time_past")

    def _women_park_taken(self, spec: FlowSpec, state: dict[str, Any], values: dict[str, Any], lang: Lang
                          ) -> str | None:
        """Once, when the women-only park is taken and nothing said whether the request is for men: that it is for
        women only ("need a desk at the bagh park ... Im Bilal Ahmed" reached the summary without a word of it)."""
        if state.get("men") or state.get("told_women") or self.directory is None:
            return None
        for spec_field in spec.fields:
            park = self.directory.park(str(values.get(spec_field.name))) if spec_field.type == FieldType.PARK else None
            if park is not None and park.women_only:
                state["told_women"] = True
                return say("flow_women_only", lang, park=park.name(lang))
        return None

    def _women_only_chosen(self, spec: FlowSpec, state: dict[str, Any], lang: Lang) -> tuple[str, Parsed] | None:
        """The park field taken back, with why, when the park chosen is women-only and the request is for men."""
        for spec_field in spec.fields:
            chosen = state["values"].get(spec_field.name)
            if spec_field.type != FieldType.PARK or chosen is None or self.directory is None:
                continue
            park = self.directory.park(str(chosen))
            if park is not None and park.women_only:
                state["values"].pop(spec_field.name)
                return spec_field.name, Parsed(problem="flow_women_only", values={"park": park.name(lang)})
        return None

    def read(self, spec: FlowSpec, text: str, lang: Lang, *, asking: str | None = None, men: bool = False
             ) -> tuple[dict[str, Any], list[tuple[str, Parsed]]]:
        """Every field value the text gives, and the problems with the ones given wrongly (``men``: the request
        is for men, said in an earlier message)."""
        ctx = ParseContext(lang, self.clock(), self.directory, text, men)
        rest = spoken_hours(ascii_digits(text))
        found: dict[str, Any] = {}
        problems: list[tuple[str, Parsed]] = []
        # exact shapes first; among fields of one type the one asked reads first ("none" answers the question)
        fields = sorted(spec.fields, key=lambda f: (READ_ORDER.index(f.type), f.name != asking))
        for spec_field in fields:
            asked = spec_field.name == asking
            if asked and spec_field.type in (FieldType.NAME, FieldType.TEXT) and (problems or any(
                    spec.field(name).type not in _CONTACT_TYPES for name in found)):
                # what is left of "hum 12 log hain" or "nahi, parson" is no name: only "mera naam ..." (what is left of
                # "Hina Shah 0312-1234567" is: a name and a number are often sent together)
                asked = False
            parsed = PARSERS[spec_field.type].parse(rest, spec_field, ctx, asked=asked)
            if parsed is None:
                continue
            if parsed.consumed:
                rest = rest.replace(parsed.consumed, " ", 1)
            if parsed.problem:
                problems.append((spec_field.name, parsed))
            else:
                found[spec_field.name] = parsed.value
        # a problem with the asked field when another field was understood is no problem: it was not answered
        if found and asking and all(name == asking for name, _ in problems):
            asked_problem = [p for name, p in problems if name == asking and not p.consumed]
            if asked_problem:
                problems = [(n, p) for n, p in problems if p.consumed]
        return found, problems

    def park_of(self, state: dict[str, Any]) -> str | None:
        """The park a draft has chosen, if any (kept when the user switches from a booking to an application)."""
        spec = self.flows.get(str(state.get("name")))
        field = next((f for f in spec.fields if f.type == FieldType.PARK), None) if spec is not None else None
        value = state.get("values", {}).get(field.name) if field is not None else None
        return str(value) if value else None

    def noted(self, state: dict[str, Any], lang: Lang) -> str:
        """"Noted: Park: ..., Team size: 30": every value a draft holds, as the summary shows them (said when they
        were taken from an earlier message, so a wrong reading is seen before the summary)."""
        spec = self.flows.get(str(state.get("name")))
        if spec is None or not state.get("values"):
            return ""
        return say("flow_noted", lang, changes=", ".join(
            f"{f.label[lang]}: {self.display(f, state['values'][f.name], lang)}" for f in spec.fields
            if f.name in state["values"]))

    @staticmethod
    def asks(text: str) -> bool:
        """Whether the message asks something ("how do I apply?", "can I apply later too?") rather than says."""
        return bool(_QUESTION.search(text) or INFO_QUESTION.search(text))

    def start_after(self, name: str, text: str, earlier: str, lang: Lang, channel: str, *, men: bool = False,
                    park: str | None = None) -> Outcome:
        """A new flow from ``text``, with the fields it leaves empty filled from an ``earlier`` message ("Our company
        has 30 developers ... Islamabad STP. How do we apply?" then "ok lets apply for lahore stp": Lahore, and the
        30), every value taken said so before the next question."""
        outcome = self.start(name, text, lang, channel, men=men, park=park)
        state = outcome.state
        spec = self.flows[name]
        if state is None or not earlier:
            return outcome
        found, _ = self.read(spec, earlier, lang, asking=None, men=bool(state.get("men")))
        for field_name, value in found.items():
            state["values"].setdefault(field_name, value)
        following = self._next(spec, state, lang, channel)
        following.text = "\n\n".join([say("flow_start", lang, title=spec.title[lang]), self.noted(state, lang),
                                       following.text])
        return following

    def gives_values(self, state: dict[str, Any], text: str, lang: Lang) -> bool:
        """Whether the text gives the running flow a value it has not got (read as its step would, the question asked
        first): "actually forget the room, I want to apply instead" names the room it has, and gives nothing."""
        spec = self.flows.get(str(state.get("name")))
        if spec is None:
            return False
        found, _ = self.read(spec, text, lang, asking=state.get("asking"), men=bool(state.get("men")))
        return self._changes(state, found)

    @staticmethod
    def _changes(state: dict[str, Any], found: dict[str, Any]) -> bool:
        """Whether values read differ from the draft's ("cancel that, 4pm" changes the time; "leave it, ... Bagh
        this month" names the park it has)."""
        return any(state["values"].get(name) != value for name, value in found.items())

    def pending(self, state: dict[str, Any], lang: Lang, channel: str) -> Outcome:
        """The question a running flow is waiting on, asked again (after a message that was not its answer)."""
        state = copy.deepcopy(state)
        spec = self.flows.get(str(state.get("name")))
        if spec is None:
            return Outcome(say("flow_cancelled", lang), None, cancelled=True)
        return self._next(spec, state, lang, channel)

    def _next(self, spec: FlowSpec, state: dict[str, Any], lang: Lang, channel: str) -> Outcome:
        skipped = set(state.get("skipped", []))
        for spec_field in spec.fields:
            if spec_field.ask and spec_field.name not in state["values"] and spec_field.name not in skipped:
                state["asking"] = spec_field.name
                return self._ask(spec, spec_field, lang, channel, state)
        state["asking"] = "confirm"
        return Outcome(self.summary(spec, state["values"], lang) + "\n\n" + say("flow_confirm", lang), state,
                       self._confirm_choices(lang))

    def _ask(self, spec: FlowSpec, spec_field: FieldSpec, lang: Lang, channel: str,
             state: dict[str, Any] | None = None) -> Outcome:
        text = spec_field.prompt[lang]
        options = self.options(spec_field, lang, men=bool(state and state.get("men")))
        choices = [f"flow:{value}:{lang}" for value, _ in options]
        if options and channel != "telegram":  # Telegram shows buttons; WhatsApp and the web, numbers
            text += "\n" + "\n".join(f"{n}. {label}" for n, (_, label) in enumerate(options, 1))
            text += "\n" + say("flow_number_hint", lang)
        return Outcome(text, state, choices)

    @staticmethod
    def _confirm_choices(lang: Lang) -> list[str]:
        return [f"flow:yes:{lang}", f"flow:cancel:{lang}"]

    def options(self, spec_field: FieldSpec, lang: Lang, *, men: bool = False) -> list[tuple[str, str]]:
        """(value, label) of a field's choices: a choice field's options, or the parks open for requests (``men``:
        without the women-only park, so a man told why is not offered it again as option 1)."""
        if spec_field.type == FieldType.CHOICE:
            return [(o.value, o.label[lang]) for o in spec_field.options]
        if spec_field.type == FieldType.PARK and self.directory is not None:
            parks = [self.directory.park(p) for p in park_options(self.directory, men=men)]
            return [(p.id, p.name(lang)) for p in parks if p is not None]
        return []

    # -- showing ------------------------------------------------------------------------------------
    def display(self, spec_field: FieldSpec, value: Any, lang: Lang) -> str:
        """A value as the user reads it back: labels for choices and parks, masked personal details."""
        if spec_field.type in MASKS:
            return MASKS[spec_field.type](str(value))
        if spec_field.type in (FieldType.CHOICE, FieldType.PARK):
            return dict(self.options(spec_field, lang)).get(str(value), str(value))
        if spec_field.type == FieldType.DATE:
            day = dt.date.fromisoformat(str(value))
            if lang == "ur":
                return f"{_URDU_DAYS[day.weekday()]}، {day.day} {_URDU_MONTHS[day.month - 1]} {day.year}"
            if lang == "roman_ur":  # "Mangal 15 Dec 2026", the day as it is said, not "Tue"
                return f"{say(f'day_{day.weekday()}', lang)} {day.strftime('%d %b %Y')}"
            return day.strftime("%a %d %b %Y")
        if spec_field.type == FieldType.TIME:
            hour, minute = (int(p) for p in str(value).split(":"))
            clock = f"{(hour - 1) % 12 + 1}" + (f":{minute:02d}" if minute or lang != "ur" else "")
            if lang == "ur":  # "شام 5 بجے", as said, not "5:00 pm" in an Urdu summary
                part = next(name for last, name in _URDU_DAY_PARTS if hour <= last)
                return f"{part} {clock} بجے"
            return f"{clock} {'pm' if hour >= 12 else 'am'}"
        return str(value)

    def brief(self, flow: str, values: Mapping[str, Any], lang: Lang, fields: int = 4) -> str:
        """What a saved request is for, in a few words ("Karachi IT Park, Desk, Mon 01 Dec 2026, 3:00 pm"): its
        first ``fields`` places, choices, dates and times (never a personal detail), as the summary shows them."""
        spec = self.flows.get(flow)
        if spec is None:
            return ""
        shown = [self.display(f, values[f.name], lang) for f in spec.fields
                 if f.type in _BRIEF_TYPES and values.get(f.name) is not None]
        return ", ".join(shown[:fields])

    def summary(self, spec: FlowSpec, values: Mapping[str, Any], lang: Lang) -> str:
        lines = [say("flow_summary", lang, title=spec.title[lang])]
        for spec_field in spec.fields:
            if spec_field.name in values and values[spec_field.name] is not None:
                lines.append(f"• {spec_field.label[lang]}: {self.display(spec_field, values[spec_field.name], lang)}")
        return "\n".join(lines)


#: What :meth:`FlowEngine.brief` shows of a request: what it is for, not who asked.
#: The parts of an Urdu day by the last hour in each ("صبح 10 بجے", "دوپہر 2 بجے", "شام 5 بجے", "رات 8 بجے").
_URDU_DAY_PARTS = ((3, "رات"), (11, "صبح"), (15, "دوپہر"), (19, "شام"), (23, "رات"))
#: Details a name is often sent with ("Hina Shah 0312-1234567").
_CONTACT_TYPES = frozenset({FieldType.PHONE, FieldType.EMAIL, FieldType.CNIC})
_BRIEF_TYPES = frozenset({FieldType.PARK, FieldType.CHOICE, FieldType.DATE, FieldType.TIME})


#: Button labels by value and language, for channels that draw buttons (Telegram): filled by every
#: engine built in this process from its flows' options and parks.
LABELS: dict[str, dict[str, str]] = {}


def register_labels(engine: FlowEngine) -> None:
    for spec in engine.flows.values():
        for spec_field in spec.fields:
            for lang in ("en", "ur", "roman_ur"):
                for value, label in engine.options(spec_field, lang):
                    LABELS.setdefault(value, {})[lang] = label


def button_label(value: str, lang: str) -> str:
    """The label of a flow's button (``flow:<value>``): an option's or a park's name, yes/cancel."""
    if value in ("yes", "cancel"):
        return say(f"flow_button_{value}", lang)
    labels = LABELS.get(value, {})
    return labels.get(lang) or labels.get("en") or value
