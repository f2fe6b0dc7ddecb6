"""The conversation engine: one inbound message in, one reply out, the same for every channel.

``Assistant.handle`` looks the message up first (a repeated channel message id returns the stored
reply instead of answering twice), detects the script it was written in, works out the intent,
resolves follow-ups against the conversation's memory, and routes:

* person                -> escalate (the conversation waits for staff; the bot goes quiet)
* greeting/help/thanks  -> the bot's own short replies
* list                  -> the park directory, filtered by place / women-only
* booking/application   -> what the knowledge says, plus an offer of a person (flows come later)
* question              -> retrieve -> compose -> confidence gate (else "don't know" + offer a person)
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy.exc import IntegrityError

from bot.answer import Answer, GroundedComposer, LLMComposer, confidence
from bot.directory import Directory
from bot.intents import Intent, classify
from bot.language import Lang, detect, preload
from bot.retrieval import Retriever, SearchResponse
from bot.store import AlreadySaved, ConversationState, SavedTurn, Store
from bot.texts import say

#: Longer messages are answered from their beginning (and the user is told); the full text is stored.
MAX_QUESTION_CHARS = 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_FOLLOW_UP = re.compile(
    r"^(and|what about|how about|aur|or|اور|تو)\b|\b(it|its|it's|there|us|uska|us ka|iska|is ka|wahan|waha|"
    r"اس|اسکا|اس کا|وہاں)\b", re.I)
#: Evidence that really holds a contact detail, an address-like line, a price or a date.
_SLOT_EVIDENCE = {
    "contact": re.compile(r"(?:\+?92|\b0)\d{2,3}[\s-]?\d{7,8}\b|\+\d[\d\s-]{8,}\d|@|www\.|https?://"),
    "address": re.compile(r"\b(?:road|street|plot|floor|avenue)\b|\b(?:sector|block)\s+[A-Z]?-?\d|روڈ|گلی", re.I),
    "fees": re.compile(r"\b(?:rs\.?|pkr|rupees)\s*\d|\d\s*(?:rs|pkr|rupees)\b|روپے", re.I),
    "deadline": re.compile(r"\b(?:deadline|last date|opens at|\d{1,2}\s*(?:am|pm))\b", re.I),
    "salary": re.compile(r"\bsalar(?:y|ies)\b[^.]{0,40}\d", re.I),
    "link": re.compile(r"https?://|www\.", re.I),
    "person_name": re.compile(r"\b(?:director|chairman|CEO|MD)\b[^.]{0,30}\b[A-Z][a-z]+ [A-Z][a-z]+"),
}
#: Similarity above which a message counts as ours even without a domain word (e5 cosine).
IN_SCOPE_SIMILARITY = 0.88
PARK_BOOST = 1.5
CITY_BOOST = 1.25
UNFINISHED = {"under_construction", "under_development", "planned"}
_PARKISH = re.compile(r"park|stp|پارک|technology|tech|ٹیکنالوجی|office|دفتر", re.I)


@dataclass
class InboundMessage:
    channel: str
    user_id: str
    text: str
    message_id: str | None = None


@dataclass
class Reply:
    """What the contract's ``/api/chat`` returns, and what channel senders deliver."""

    reply: str
    language: Lang
    sources: list[dict[str, str]] = field(default_factory=list)
    escalated: bool = False
    intent: str = "question"
    flow: str | None = None
    confidence: float = 0.0
    silent: bool = False
    #: Quick answers a channel may offer as buttons (Telegram), e.g. after offering a person.
    choices: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("silent")
        data.pop("choices")
        return data


def _replayed(saved: SavedTurn) -> Reply:
    """The reply a stored turn gave (a quiet one if a person held the conversation then)."""
    if saved.reply is not None:
        return Reply(**saved.reply)
    return Reply("", saved.language or "en", intent="human_handling", escalated=True, silent=True)  # type: ignore[arg-type]


def clean_text(text: str) -> str:
    """Printable text: lone surrogates and control characters removed, Unicode composed."""
    text = text.encode("utf-8", "replace").decode("utf-8", "replace") if _has_surrogates(text) else text
    text = _CONTROL.sub(" ", text)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _has_words(text: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


class Assistant:
    def __init__(self, retriever: Retriever, store: Store, directory: Directory,
                 composer: GroundedComposer | LLMComposer) -> None:
        self.retriever = retriever
        self.store = store
        self.directory = directory
        self.composer = composer
        self.grounded = composer if isinstance(composer, GroundedComposer) else composer.grounded

    def warm_up(self) -> None:
        """Load what the first questions would otherwise load (transliteration models, the in-memory
        index, tokenizer tables), so the first user of a fresh process is not the one who waits."""
        samples: list[tuple[str, Lang]] = [("What is the internet subsidy?", "en"), ("انٹرنیٹ سبسڈی کتنی ہے؟", "ur"),
                                           ("internet subsidy kitni milti hai", "roman_ur")]
        preload()
        for text, lang in samples:
            classify(text)
            self.directory.find_places(text)
            response = self.retriever.search(text, k=5, language=detect(text, default=lang))
            self.grounded.compose(text, response)

    # -- entry point ----------------------------------------------------------------------------
    def handle(self, inbound: InboundMessage) -> Reply:
        """Answer one message. A channel message id that was answered before gets the stored reply.

        The conversation is read once before the work and the turn is written in one transaction
        after it: no database lock is held while the question is embedded, and a turn that dies half
        way leaves nothing behind, so its re-delivery is answered as if it were new.
        """
        message_id = inbound.message_id or f"auto-{uuid.uuid4().hex}"
        if inbound.message_id:  # an id we made up cannot have been seen before; a channel's may have been
            saved = self.store.saved_turn(inbound.channel, message_id)
            if saved is not None:
                return _replayed(saved)
        try:
            return self._answer_and_save(inbound, message_id)
        except IntegrityError:  # this new user's first message raced another of theirs: read again, once
            return self._answer_and_save(inbound, message_id)

    def _answer_and_save(self, inbound: InboundMessage, message_id: str) -> Reply:
        """Read the conversation, answer, and store the turn (or return the reply a racing worker stored)."""
        text = clean_text(inbound.text)
        conversation = self.store.conversation_state(inbound.channel, inbound.user_id)
        lang: Lang = detect(text, default=conversation.language or "en") if _has_words(text) else (
            conversation.language or "en")  # type: ignore[assignment]
        reply = self._turn(conversation, text, lang)
        conversation.language = lang
        try:
            self.store.save_turn(inbound.channel, inbound.user_id, conversation, channel_msg_id=message_id,
                                 text=inbound.text.encode("utf-8", "replace").decode("utf-8"), language=lang,
                                 intent=reply.intent, reply=None if reply.silent else asdict(reply))
        except AlreadySaved as raced:  # the same delivery raced us in another worker: its answer stands
            return _replayed(raced.saved)
        return reply

    # -- one turn -------------------------------------------------------------------------------
    def _turn(self, conversation: ConversationState, text: str, lang: Lang) -> Reply:
        context = dict(conversation.context or {})
        if conversation.state in ("queued", "human"):
            return Reply("", lang, intent="human_handling", escalated=True, silent=True)
        if not _has_words(text):
            return Reply(say("empty", lang), lang, intent="empty")
        truncated = len(text) > MAX_QUESTION_CHARS
        question = text[:MAX_QUESTION_CHARS]
        intent = classify(question)
        reply = self._route(conversation, context, question, lang, intent)
        if truncated:
            reply.reply = f"{say('too_long', lang)}\n\n{reply.reply}"
        conversation.context = context
        return reply

    def _route(self, conversation: ConversationState, context: dict[str, Any], question: str, lang: Lang,
               intent: Intent) -> Reply:
        offered = context.pop("offered_person", False)
        if intent.name == "person" or (intent.name == "affirm" and offered):
            conversation.state, conversation.escalate = "queued", True
            return Reply(say("escalated", lang), lang, escalated=True, intent="person", confidence=1.0)
        if intent.name == "deny" and offered:
            return Reply(say("declined", lang), lang, intent="deny", confidence=1.0)
        if intent.name in ("greeting", "help"):
            return Reply(say("greeting", lang), lang, intent=intent.name, confidence=1.0)
        if intent.name == "thanks":
            return Reply(say("thanks", lang), lang, intent="thanks", confidence=1.0)

        places = self.directory.find_places(question)
        last_list = context.pop("last_list", None)
        if intent.name == "list" or (last_list and self._moves_list(question, places, intent)):
            # "and in Gilgit?" after "Which parks are in Quetta?" asks for the same list somewhere else
            women = intent.women or bool(last_list and last_list.get("women"))
            unfinished = intent.unfinished or bool(last_list and last_list.get("unfinished"))
            answer = self.grounded.compose_list(lang, city=places.get("city"), province=places.get("province"),
                                                women_only=True if women else None,
                                                statuses=UNFINISHED if unfinished else None)
            context.update(last_query=question, last_city=places.get("city"),
                           last_list={"women": women, "unfinished": unfinished})
            return self._reply(answer, lang, "list", context)

        query, response = self._search(question, places, context, lang)
        if self._asks_about_unlisted_city(question, places) and not self._mentions_city(response, places["city"]):
            # a park in a city our sources never link to one: say so, instead of describing another city's park
            answer = self.grounded.compose_list(lang, city=places["city"])
            context.update(last_query=question, last_city=places.get("city"))
            return self._reply(answer, lang, "question", context)
        top_similarity = max((r.similarity or 0.0 for r in response.results[:3]), default=0.0)
        if intent.name == "question" and not intent.in_domain and top_similarity < IN_SCOPE_SIMILARITY:
            return self._reply(Answer(say("out_of_scope", lang), [], 0.0, known=False), lang, "out_of_scope", context)
        answer = self.composer.compose(query, response)
        if answer.known and response.results:
            top = response.results[0]
            context.update(last_query=query, last_record=top.record_id,
                           last_city=places.get("city") or context.get("last_city"))
            park = top.metadata.get("park") or next(
                (r for r in str(top.metadata.get("related", "")).split(",") if self.directory.park(r)), None)
            if park:
                context["last_park"] = park
        slot = intent.missing_slot
        if slot and not (answer.known and _SLOT_EVIDENCE[slot].search(answer.text)):
            # asked for a detail our answer does not hold: say so first, then what we do know
            note = say(f"missing_{slot}", lang)
            answer.text = f"{note}\n\n{answer.text}" if answer.known else note
            answer.known = False
        name = intent.name if intent.name in ("booking", "application") else "question"
        if name != "question":
            answer.text = f"{say('not_yet', lang)}\n\n{answer.text}" if answer.known else say("not_yet", lang)
            answer.known = False
        return self._reply(answer, lang, name, context)

    def _reply(self, answer: Answer, lang: Lang, intent: str, context: dict[str, Any]) -> Reply:
        text = answer.text
        choices: list[str] = []
        if not answer.known:
            text = f"{text}\n\n{say('offer_person', lang)}"
            context["offered_person"] = True
            choices = ["person_yes", "person_no"]
        return Reply(text, lang, [s.to_json() for s in answer.sources], False, intent, None,
                     round(answer.confidence, 3), choices=choices)

    @staticmethod
    def _moves_list(question: str, places: dict[str, str], intent: Intent) -> bool:
        """A short follow-up that names only another place ("and in Gilgit?", "اور پنجاب میں؟")."""
        return (intent.name == "question" and bool(places) and len(question.split()) <= 7
                and bool(_FOLLOW_UP.search(question)))

    @staticmethod
    def _mentions_city(response: SearchResponse, city: str) -> bool:
        return any(city.lower() in (r.text + r.title).lower() for r in response.results[:3])

    def _asks_about_unlisted_city(self, question: str, places: dict[str, str]) -> bool:
        city = places.get("city")
        return bool(city and city not in self.directory.cities_with_parks() and _PARKISH.search(question))

    def _search(self, question: str, places: dict[str, str], context: dict[str, Any], lang: Lang
                ) -> tuple[str, SearchResponse]:
        """Search for the question, or for its follow-up reading ("and in Quetta?", "us ka size kya hai?")."""
        # Embedding starts only now, not at the top of handle(): the e5 engine runs on both cores, and
        # overlapping it with the database work stalled its threads (p95 2.25x -> 2.05x the embedding).
        vector = self.retriever.index.embedder.submit_query(question)
        boost = self._boost(question, places)
        response = self.retriever.search(question, k=5, language=lang, vector=vector, boost=boost)
        rewritten = self._follow_up(question, places, context)
        if rewritten is None:
            return question, response
        # a follow-up that stands on its own ("and internet?" -> the internet subsidy) keeps its own hits
        if places.get("city") is None and confidence(response) >= 0.9 and not context.get("last_park"):
            return question, response
        boost = self._boost(rewritten, self.directory.find_places(rewritten))
        return rewritten, self.retriever.search(rewritten, k=5, language=lang, boost=boost)

    def _boost(self, text: str, places: dict[str, str]) -> dict[str, float] | None:
        """Lift the records of the parks the user names (so "Karachi IT Park" beats a passage that only
        mentions it next to another park), and more gently those of parks in a city the user names."""
        boost: dict[str, float] = {}
        city = places.get("city")
        if city:
            for park in self.directory.parks_where(city=city):
                boost.update(dict.fromkeys(self.directory.records_about(park.id), CITY_BOOST))
        for park_id in self.directory.find_parks(text):
            boost.update(dict.fromkeys(self.directory.records_about(park_id), PARK_BOOST))
        return boost or None

    def _follow_up(self, question: str, places: dict[str, str], context: dict[str, Any]) -> str | None:
        last = context.get("last_query")
        if not last or len(question.split()) > 7 or not _FOLLOW_UP.search(question):
            return None
        if self.directory.find_parks(question):  # names its own park ("How big is Karachi IT Park?"): not "it"
            return None
        new_city, old_city = places.get("city"), context.get("last_city")
        if new_city and old_city and old_city.lower() in last.lower():
            return re.sub(re.escape(old_city), new_city, last, flags=re.I)
        if new_city:
            return f"{last} {new_city}"
        park = self.directory.park(context.get("last_park", "")) if context.get("last_park") else None
        if park is not None:
            return f"{park.name('en')}: {question}"
        return f"{question} {last}"

