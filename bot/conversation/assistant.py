"""The conversation engine: one inbound message in, one reply out, the same for every channel.

``Assistant.handle`` looks the message up first (a repeated channel message id returns the stored
reply instead of answering twice), detects the script it was written in, works out the intent,
resolves follow-ups against the conversation's memory, and dispatches through the route table
(:attr:`Assistant.routes`, first match answers):

* back_to_bot           -> "back to bot" / "bot se baat karni hai": the bot owns the conversation again
* human_owned           -> a person owns the conversation: stored, the bot stays quiet (one acknowledgement
                           when it was queued, one reminder if the user writes again much later)
* command / button      -> structured input: /lang, /help, /start; "a person: yes/no", language buttons
* flow                  -> a running booking/application, its buttons, starting one, "what do you store
                           about me" / "delete my data" (bot/conversation/flowroute.py over bot/flows)
* media / empty         -> ask for text
* urgent / topic / flow  -> distress or complaint words, a configured topic, a flow that keeps failing: queued
* person                -> escalate (the conversation waits for staff; the bot goes quiet)
* declined              -> "no" to the offer of a person
* acknowledged          -> "acha", "ok" and nothing else: "all right, ask anything else"
* small_talk            -> greeting/help/thanks: the bot's own short replies
* list                  -> the park directory, filtered by place / women-only
* question              -> retrieve -> compose -> confidence gate (else "don't know" + offer a person);
                           booking/application questions get what the knowledge says and a person
                           (the flows of ``bot/flows`` take a route of their own before ``person``)

The last two are answered by :class:`bot.conversation.questions.Answerer`, which the composition root
builds and passes in; this module owns the conversation (its status, escalation, the stored turn).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import IntegrityError

from bot.conversation import escalation
from bot.conversation.escalation import BOT, PERSON_OWNED, QUEUED, RESOLVED, Change, Escalations, move
from bot.conversation.flowroute import FlowRoute, asks_privacy
from bot.conversation.intents import ACKNOWLEDGED, classify
from bot.conversation.messages import Button, InboundMessage, Reply
from bot.conversation.questions import Answerer
from bot.conversation.turn import Route, TurnContext
from bot.conversation.turn import has_words as _has_words
from bot.flows.engine import FlowEngine
from bot.flows.fields import mask_text
from bot.flows.requests import RequestStore
from bot.flows.spec import bundled_flows
from bot.language import LANGUAGES, Lang, detect, from_app_language, in_conversation, preload
from bot.language.people import ONLY_SELF_MALE, is_man
from bot.retrieval.directory import Directory
from bot.storage.states import ConversationStatus, EscalationReason, Priority
from bot.storage.turns import AlreadySaved, ConversationState, SavedTurn, Store
from bot.texts import say

#: Longer messages are answered from their beginning (and the user is told); the full text is stored.
MAX_QUESTION_CHARS = 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
def _replayed(saved: SavedTurn) -> Reply:
    """The reply a stored turn gave (a quiet one if a person held the conversation then)."""
    if saved.reply is not None:
        return Reply(**saved.reply)
    return _held(saved.language if saved.language in LANGUAGES else "en")


def _held(lang: Lang) -> Reply:
    """The reply while a person has the conversation: silent on the channels that push (the person answers
    there), and a notice, not an empty answer, for the web page and the API."""
    return Reply(say("with_a_person", lang), lang, intent="human_handling", escalated=True, silent=True)


_RATING = re.compile(r"^\s*([1-5۱-۵])\s*(?:/\s*5|stars?|\*)?\s*[.!]?\s*$", re.I)


def _rating(text: str) -> int | None:
    """A lone 1-5 (also in Urdu digits, "4/5", "5 stars") after a person resolved the conversation."""
    found = _RATING.match(text)
    if not found:
        return None
    digit = found.group(1)
    return int(digit) if digit.isascii() else "۰۱۲۳۴۵".index(digit)


def clean_text(text: str) -> str:
    """Printable text: lone surrogates and control characters removed, Unicode composed, and Arabic presentation forms
    (the shaped letters some keyboards and copied PDFs produce, "ﺳﺒﺴﮉﯼ") folded to the letters every reader of the
    message knows (they were answered in English)."""
    text = text.encode("utf-8", "replace").decode("utf-8", "replace") if _has_surrogates(text) else text
    text = _CONTROL.sub(" ", text)
    text = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    return unicodedata.normalize("NFC", " ".join(text.split()))


_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class Assistant:
    """Answers one message at a time for every channel; see the module docstring for the routes."""

    def __init__(self, answerer: Answerer, store: Store, directory: Directory, *,
                 escalations: Escalations | None = None,
                 reminder_after: dt.timedelta = dt.timedelta(hours=4), topic_teams: frozenset[str] = frozenset(),
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC), flows: FlowEngine | None = None,
                 keep_delivered: bool = True, speller: Callable[[str], str] | None = None) -> None:
        #: questions and park lists (bot/conversation/questions.py): the ``list`` and ``question`` routes
        self.answerer = answerer
        #: mends misspelt domain words before any route reads the message ("intrnet subsdy"; the stored message is
        #: as it was sent): see bot/language/spelling.py
        self.speller = speller or (lambda text: text)
        #: the queue (business hours, queue items); None: moves are made but not recorded (one-off tools)
        self.escalations = escalations
        #: a user who writes again this long after the acknowledgement gets one reminder
        self.reminder_after = reminder_after
        #: teams whose topics go straight to a person (``PARKBOT_ESCALATE_TOPICS``, e.g. bagh-women)
        self.topic_teams = topic_teams
        self.clock = clock
        self.store = store
        #: places named in a message, read once per turn for every route
        self.directory = directory
        #: Bookings, applications and the user's own data (bot/conversation/flowroute.py).
        self.flows = FlowRoute(flows or FlowEngine(bundled_flows(), directory), RequestStore(store), answerer.answer,
                               keep_delivered=keep_delivered)
        #: The route table: the first route whose test accepts the turn answers it.
        self.routes: tuple[Route, ...] = (
            Route("back_to_bot", lambda t: t.message.command is None and escalation.wants_bot(t.question),
                  self._back_to_bot),
            # what is stored about me, delete it: the user's right even while a person has the conversation
            Route("privacy", lambda t: t.message.command is None and t.message.button is None
                  and asks_privacy(t.question), self.flows.answer),
            Route("human_owned", lambda t: t.status in PERSON_OWNED, self._quiet),
            Route("command", lambda t: t.message.command is not None, self._command),
            Route("button", lambda t: t.message.button is not None and t.message.button.action != "flow",
                  self._button),
            # distress or a complaint goes to a person even in the middle of a booking
            Route("urgent", lambda t: self._may_queue(t) and escalation.urgency(t.question) is not None,
                  self._urgent),
            Route("flow", self.flows.accepts, self.flows.answer),
            Route("media", lambda t: t.message.media and not _has_words(t.question), self._media),
            Route("empty", lambda t: not _has_words(t.question), self._empty),
            Route("person", lambda t: t.intent.name == "person" or (t.intent.name == "affirm" and t.offered),
                  self._escalate),
            Route("topic", lambda t: self._may_queue(t) and t.intent.name == "question"
                  and escalation.team_for(t.question) in self.topic_teams, self._topic),
            Route("declined", lambda t: t.intent.name == "deny" and t.offered, self._declined),
            # "haan" again right after "Done! your reference is BK-...": the request is told, not "I don't have that
            # in my sources ... shall I get a person?", whose next "haan" handed the chat over (a verified channel
            # only: a user id typed into the API is nobody's proof of identity, and the reference is theirs: there it
            # is acknowledged, as "ok" is)
            Route("request_noted", lambda t: t.intent.name == "affirm" and not t.offered
                  and bool(t.context.get("submitted")), self._request_noted),
            # "acha", "ok" alone: acknowledged, not "I can only help with the parks" ("ok and internet?" is a question)
            # ("main larka hun" alone is remembered for a later booking, and needs no "I only help with parks")
            Route("acknowledged", lambda t: bool(ACKNOWLEDGED.match(t.question) or ONLY_SELF_MALE.match(t.question)),
                  self._acknowledged),
            Route("small_talk", lambda t: t.intent.name in ("greeting", "help", "thanks"), self._small_talk),
            Route("list", answerer.wants_list, answerer.list_parks),
            Route("two_questions", answerer.asks_two, answerer.answer_both),
            Route("question", lambda t: True, answerer.answer),
        )

    def warm_up(self) -> None:
        """Load what the first questions would otherwise load (transliteration models, the in-memory
        index, tokenizer tables), so the first user of a fresh process is not the one who waits."""
        samples: list[tuple[str, Lang]] = [("What is the internet subsidy?", "en"), ("انٹرنیٹ سبسڈی کتنی ہے؟", "ur"),
                                           ("internet subsidy kitni milti hai", "roman_ur")]
        preload()
        self.answerer.warm_up(samples)

    # -- entry point ----------------------------------------------------------------------------
    def handle(self, inbound: InboundMessage) -> Reply:
        """Answer one message. A message id this user's conversation answered before gets the stored
        reply (ids are scoped to the user: another user's id is simply a new message).

        The conversation is read once before the work and the turn is written in one transaction
        after it: no database lock is held while the question is embedded, and a turn that dies half
        way leaves nothing behind, so its re-delivery is answered as if it were new.
        """
        message_id = inbound.message_id or f"auto-{uuid.uuid4().hex}"
        if inbound.message_id:  # an id we made up cannot have been seen before; a channel's may have been
            saved = self.store.saved_turn(inbound.channel, inbound.user_id, message_id)
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
        remembered = (conversation.language if conversation.language in LANGUAGES
                      else from_app_language(inbound.language_hint))
        lang: Lang = detect(text, default=remembered) if _has_words(text) else remembered
        lang = in_conversation(text, lang, conversation.language if conversation.language in LANGUAGES else None)
        reply, changes = self._turn(inbound, conversation, text, lang)
        conversation.language = reply.language
        stored = inbound.text or (f"/{inbound.command.name} {inbound.command.argument}".strip() if inbound.command
                                  else f"[{inbound.button.data()}]" if inbound.button else "")
        if reply.flow or reply.intent == "privacy":  # a phone, CNIC or email given for a handoff is kept there only
            stored = mask_text(stored)
        try:
            self.store.save_turn(inbound.channel, inbound.user_id, conversation, channel_msg_id=message_id,
                                 text=stored.encode("utf-8", "replace").decode("utf-8"), language=lang,
                                 intent=reply.intent, reply=None if reply.silent else reply.as_dict(),
                                 after=self._recorder(inbound.channel, changes))
        except AlreadySaved as raced:  # the same delivery raced us in another worker: its answer stands
            return _replayed(raced.saved)
        return reply

    # -- one turn -------------------------------------------------------------------------------
    def _turn(self, inbound: InboundMessage, conversation: ConversationState, text: str, lang: Lang
              ) -> tuple[Reply, list[Change]]:
        context = dict(conversation.context or {})
        truncated = len(text) > MAX_QUESTION_CHARS
        said = text[:MAX_QUESTION_CHARS]
        question = self.speller(said)
        # read once for every route (a question asked in the middle of a booking reaches _question through the
        # flow route, never through the list route's test)
        turn = TurnContext(inbound, conversation, context, question, lang, classify(question),
                           offered=bool(context.pop("offered_person", False)),
                           places=self.directory.find_places(question), last_list=context.get("last_list"), said=said)
        if is_man(question):
            context["man"] = True  # (a booking he makes later at the women-only park is refused)
        if context.get("cool_down"):
            context["cool_down"] = int(context["cool_down"]) - 1
        if turn.status == RESOLVED:
            rating = _rating(question)
            self._change(turn, BOT, EscalationReason.NEXT_MESSAGE, rating=rating)
            context["cool_down"] = escalation.COOL_DOWN_TURNS  # no bounce straight back into the queue
            if rating is not None:
                conversation.context = context
                return Reply(say("rating_thanks", lang), lang, intent="rating", confidence=1.0), turn.changes
        route = next(r for r in self.routes if r.accepts(turn))
        reply = route.answer(turn)
        self._count_misses(turn, reply)
        self._count_flow_failures(turn, reply)
        if truncated and not reply.silent:
            reply.reply = f"{say('too_long', lang)}\n\n{reply.reply}"
        conversation.context = context
        return reply, turn.changes

    # -- escalation -----------------------------------------------------------------------------
    def _recorder(self, channel: str, changes: list[Change]) -> Callable[[Any, int], None] | None:
        """What the turn's transaction runs to record its moves (None: it made none)."""
        escalations = self.escalations
        if not changes or escalations is None:
            return None
        return lambda connection, conversation_id: escalations.record(connection, conversation_id, channel, changes)

    @staticmethod
    def _change(turn: TurnContext, target: ConversationStatus, reason: EscalationReason, *, actor: str = "user",
                team: str = "general", priority: Priority = Priority.NORMAL, rating: int | None = None) -> None:
        before = turn.status
        turn.conversation.status = move(before, target)
        turn.changes.append(Change(before, target, reason, actor, team, priority, rating=rating))

    @staticmethod
    def _may_queue(turn: TurnContext) -> bool:
        """The bot may send this conversation to a person by itself (not within the turns after a person
        resolved it: only the user's own request does then)."""
        return turn.status == BOT and not turn.context.get("cool_down")

    def _count_misses(self, turn: TurnContext, reply: Reply) -> None:
        """The bot's "I don't know" twice in a row to the same question (the user tried again: see
        :func:`escalation.is_retry`): a person takes over.

        Only a reply that lacks what was asked counts (nothing found, or the item asked is not in the record:
        ``Reply.missed``); one whose record merely mentions something it does not say ("not yet reported as
        operational") answered, and queueing after two of those silenced the user's next follow-up."""
        if reply.intent not in ("question", "booking", "application", "out_of_scope") or turn.status != BOT:
            return
        if not turn.context.get("offered_person") or not reply.missed:
            turn.context.pop("misses", None)
            turn.context.pop("missed", None)
            return
        asked = escalation.asked_about(turn.question, [*turn.places.values(),
                                                       *self.directory.find_parks(turn.question)])
        retried = escalation.is_retry(turn.context.get("missed"), asked)
        misses = int(turn.context.get("misses", 0)) + 1 if retried else 1
        turn.context["misses"], turn.context["missed"] = misses, asked
        if misses >= escalation.MISSES_BEFORE_ESCALATION and self._may_queue(turn):
            turn.context.pop("misses", None)
            turn.context.pop("missed", None)
            turn.context.pop("offered_person", None)
            ack = self._escalate(turn, EscalationReason.LOW_CONFIDENCE, actor="bot")
            body, _, _ = reply.reply.rpartition("\n\n")
            reply.reply = f"{body or reply.reply}\n\n{ack.reply}"
            reply.escalated, reply.choices = True, []

    def _back_to_bot(self, turn: TurnContext) -> Reply:
        held = turn.context.pop(escalation.HELD_FLOW, None)
        if turn.status in PERSON_OWNED:
            self._change(turn, BOT, EscalationReason.USER_BACK_TO_BOT)
            turn.context.pop("escalation", None)
            # the booking or application left open when a person was called in after steps not understood: resumed
            # where it stopped (a person who resolved the conversation meanwhile may have done it: then it is gone)
            pending = self.flows.resumed(turn, held, turn.lang) if isinstance(held, dict) else None
            if pending is not None:
                pending.reply = f"{say('back_to_bot_flow', turn.lang)}\n\n{pending.reply}"
                return pending
        return Reply(say("back_to_bot", turn.lang), turn.lang, intent="back_to_bot", confidence=1.0)

    def _urgent(self, turn: TurnContext) -> Reply:
        return self._escalate(turn, EscalationReason.COMPLAINT, priority=escalation.urgency(turn.question)
                              or Priority.HIGH, actor="bot")

    def _count_flow_failures(self, turn: TurnContext, reply: Reply) -> None:
        """A booking or application step failed again and again (counted by the flow route): a person
        takes over, told in the same reply; the flow stops (held aside) so the bot does not ask the step again."""
        failures = int(turn.context.get(escalation.FLOW_FAILURES_KEY, 0))
        if failures < escalation.FLOW_FAILURES_BEFORE_ESCALATION or not self._may_queue(turn):
            return
        turn.context.pop(escalation.FLOW_FAILURES_KEY, None)
        # the draft is held aside, not running: nothing the user writes to the person answers it (a "thanks" after
        # staff booked it by hand is no confirmation), and "back to bot" while the person still has the conversation
        # resumes it where it stopped
        if isinstance(turn.context.get("flow"), dict):
            turn.context[escalation.HELD_FLOW] = turn.context.pop("flow")
        ack = self._escalate(turn, EscalationReason.FLOW_FAILED, actor="bot")
        reply.reply = f"{reply.reply}\n\n{ack.reply}" if reply.reply else ack.reply
        reply.escalated, reply.choices, reply.flow = True, [], None

    def _topic(self, turn: TurnContext) -> Reply:
        return self._escalate(turn, EscalationReason.TOPIC, actor="bot")

    def _expected(self, priority: Priority) -> tuple[dt.datetime, dt.datetime]:
        now = self.clock()
        if self.escalations is None:
            return now, now + dt.timedelta(hours=4)
        return now, self.escalations.expect(now, priority)

    # -- the routes -----------------------------------------------------------------------------
    def _quiet(self, turn: TurnContext) -> Reply:
        """A person owns the conversation: store the message and push nothing of our own (the web page shows
        that a person has it), except one reminder when the user writes again long after the acknowledgement
        and nobody has answered yet."""
        turn.context["offered_person"] = turn.offered  # staff may still be answering an offer
        state = turn.context.get("escalation")
        if turn.status == QUEUED and isinstance(state, dict) and not state.get("reminded"):
            acked = dt.datetime.fromisoformat(str(state.get("acked_at")))
            now = self.clock()
            if now - acked >= self.reminder_after:
                turn.context["escalation"] = {**state, "reminded": True}
                _, expected = self._expected(Priority(str(state.get("priority", "normal"))))
                text = say("escalation_reminder", turn.lang, when=escalation.when_text(expected, now, turn.lang))
                return Reply(text, turn.lang, intent="human_handling", escalated=True, confidence=1.0)
        return _held(turn.lang)

    def _command(self, turn: TurnContext) -> Reply:
        command = turn.message.command
        assert command is not None
        lang = turn.lang_for_words()
        if command.name == "lang":
            wanted = command.argument.lower().replace(" ", "_").replace("-", "_")
            wanted = {"english": "en", "urdu": "ur", "اردو": "ur", "roman": "roman_ur"}.get(wanted, wanted)
            return self._set_language(turn, wanted)
        if command.name == "help":
            return Reply(say("help", lang), lang, intent="help", confidence=1.0)
        return Reply(say("greeting", lang), lang, intent="greeting", confidence=1.0)  # /start, and the unknown

    def _button(self, turn: TurnContext) -> Reply:
        button = turn.message.button
        assert button is not None
        lang = button.language or turn.lang_for_words()
        if button.action == "lang":
            return self._set_language(turn, button.value)
        if button.action == "person" and button.value == "yes":
            return self._escalate(turn.with_language(lang))
        if button.action == "person" and button.value == "no":
            return self._declined(turn.with_language(lang))
        # a button we never sent (or an old one): acknowledged by the channel, not answered
        return Reply("", lang, intent="button", silent=True)

    def _set_language(self, turn: TurnContext, wanted: str) -> Reply:
        if wanted not in LANGUAGES:
            lang = turn.lang_for_words()
            return Reply(say("lang_choose", lang), lang, intent="language", confidence=1.0,
                         choices=[Button("lang", code).data() for code in LANGUAGES])
        lang = wanted
        turn.conversation.chosen_language = lang
        return Reply(say("lang_set", lang), lang, intent="language", confidence=1.0)

    @staticmethod
    def _media(turn: TurnContext) -> Reply:
        lang = turn.lang_for_words()
        return Reply(say("need_text", lang), lang, intent="media")

    @staticmethod
    def _empty(turn: TurnContext) -> Reply:
        return Reply(say("empty", turn.lang), turn.lang, intent="empty")

    def _escalate(self, turn: TurnContext, reason: EscalationReason = EscalationReason.ASKED, *,
                  priority: Priority = Priority.NORMAL, actor: str = "user") -> Reply:
        """Queue the conversation for its topic's team and say, once, when a person will answer."""
        team = escalation.team_for(turn.question, str(turn.context.get("last_query") or ""))
        self._change(turn, QUEUED, reason, actor=actor, team=team, priority=priority)
        now, expected = self._expected(priority)
        turn.context["escalation"] = {"acked_at": now.isoformat(), "reminded": False, "priority": priority.value}
        when = escalation.when_text(expected, now, turn.lang)
        return Reply(say("escalated_when", turn.lang, when=when), turn.lang, escalated=True, intent="person",
                     confidence=1.0)

    @staticmethod
    def _declined(turn: TurnContext) -> Reply:
        turn.context.pop("misses", None)  # "no" to a person: the next "don't know" starts counting again
        return Reply(say("declined", turn.lang), turn.lang, intent="deny", confidence=1.0)

    @staticmethod
    def _request_noted(turn: TurnContext) -> Reply:
        if not turn.message.verified:
            return Assistant._acknowledged(turn)
        return Reply(say("request_noted", turn.lang, reference=str(turn.context.get("submitted"))), turn.lang,
                     intent="request_status", confidence=1.0)

    @staticmethod
    def _acknowledged(turn: TurnContext) -> Reply:
        return Reply(say("declined", turn.lang), turn.lang, intent="acknowledged", confidence=1.0)

    @staticmethod
    def _small_talk(turn: TurnContext) -> Reply:
        key = "thanks" if turn.intent.name == "thanks" else "greeting"
        return Reply(say(key, turn.lang), turn.lang, intent=turn.intent.name, confidence=1.0)
