"""The conversation's ``flow`` route: bookings and applications (bot/flows), and the user's own data.

It takes a turn when a flow is running in this conversation (its state is in the conversation's
context, so it belongs to this channel + user and nobody else), when a flow's button is pressed, when
the user asks to book or apply (not when they ask *about* booking: "how do I apply?" stays a
question), and when they ask what is stored about them or to delete it. A question in the middle
of a flow is answered by the question route, then the flow's question is asked again.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.conversation import focus as reading
from bot.conversation.escalation import FLOW_FAILURES_KEY
from bot.conversation.intents import BOOK_SAID
from bot.conversation.messages import Button, Reply
from bot.conversation.turn import ASKED_TO_APPLY, ASKED_TO_APPLY_TTL
from bot.flows.engine import INFO_QUESTION, MAY_I, WHO_APPLIES, WHO_MAY, FlowEngine, Outcome
from bot.flows.requests import Requests, masked
from bot.language import Lang
from bot.language.people import SPEAKS_AS_MAN, THEY_MAY
from bot.texts import say

if TYPE_CHECKING:
    from bot.conversation.turn import TurnContext

#: "what do you store about me" in three scripts.
MY_DATA = re.compile(r"\b(?:what|wat|wht)\s+(?:(?:data|info\w*|details)\s+)?(?:do|did|have)\s+(?:you|u)\s+"
                     r"(?:store|stored|keep|kept|have|know|save|saved|collect)\s+(?:about|of|on)\s+me\b|"
                     r"my (?:personal )?data\b(?! delete)(?!.*\b(?:delete|erase|remove)\b)|"
                     r"(?:mera|meri|mere) (?:data|maloomat|details?) (?:kya|kia)|"
                     r"(?:mera|meri|mere) (?:kya|kia) (?:data|maloomat) (?:hai|he|h|hy)\b|"
                     r"(?:mere|meray) (?:bare|baare|baray) "
                     r"(?:mein|me|mai|men) (?:\w+ ){0,3}?(?:kya|kia) (?:store|mehfooz|save|jante|jaante|jantay|maloom|"
                     r"pata|rakh\w*)|"
                     # ("aap mere baare mein kya jante ho", "میرے بارے میں آپ کے پاس کیا معلومات ہیں؟")
                     r"میرا (?:کیا |کون سا )?ڈیٹا|میرے بارے میں (?:\S+ ){0,4}?کیا (?:محفوظ|ہے|معلومات|جانتے|رکھ)"
                     r"|میری معلومات", re.I)
#: "delete my data" in three scripts.
DELETE_DATA = re.compile(r"(?:delete|erase|remove|forget) (?:all )?(?:my|mera|meri) (?:data|details|info\w*|"
                         r"messages|conversation)|(?:mera|meri|mere) (?:s[a]{1,2}r[aie] )?(?:data|maloomat|details?|"
                         r"messages) (?:delete|khatam|mita|hata|remove)|"
                         r"میرا (?:سارا )?ڈیٹا (?:حذف|ڈیلیٹ|مٹا|ختم)|میری معلومات (?:حذف|مٹا|ختم)", re.I)
#: Where the user's own booking or application stands: its reference ("BK-7F3K2Q"), or a request word with a status
#: word ("booking ka status kya h", "meri application ka kya bana", "is my booking confirmed", "بکنگ کا کیا بنا").
MY_REQUESTS = re.compile(
    r"(?:booking|bookin|application|request|darkhwast|درخواست|بکنگ)\W+(?:\w+\W+){0,3}?(?:status|kya\s+ban[ai]|"
    r"kia\s+ban[ai]|kya\s+hu[ai]|kia\s+hu[ai]|کیا\s+بنا|کیا\s+ہوا|اسٹیٹس|سٹیٹس|صورت\s?حال)|"
    r"\bstatus\s+(?:of\s+)?(?:my\s+)?(?:booking|application|request)|"
    r"\bis\s+my\s+(?:booking|application|request)\s+(?:confirmed|accepted|approved|done)|"
    # news of it ("any update on my booking?", "booking ki koi update?", "did my application go through",
    # "meri booking confirm hui?", "بکنگ کنفرم ہوئی؟")
    r"\b(?:updates?|news)\s+(?:on|about|of|for|regarding)\s+(?:my|the|mera|meri)\s+(?:booking|application|request)|"
    r"(?:booking|application|request|darkhwast)\s+(?:ki|ka|ke)?\s*(?:koi\s+)?(?:update|khabar)\b|"
    r"\bdid\s+my\s+(?:booking|application|request)\s+(?:go\s+through|get\s+(?:confirmed|accepted|approved))|"
    r"(?:booking|application|request|darkhwast)\W+(?:\w+\W+){0,2}?(?:confirm|approve|accept|manzoor)\w*\s+"
    r"(?:hu[ai]|hoi|ho\s*ga[iy]\w*|hogi)\b|"
    r"(?:بکنگ|درخواست)\s+(?:\S+\s+){0,2}?(?:کنفرم|منظور|قبول)\s+(?:ہوئی|ہوا|ہو\s*گئی|ہو\s*گیا)|"
    r"(?:بکنگ|درخواست)\s+(?:کی|کا)\s+(?:کوئی\s+)?(?:اپ\s?ڈیٹ|خبر)|"
    # what the user booked or applied for ("what did i book?", "maine kya book kiya", "میں نے کیا بک کیا")
    r"\bwhat\s+(?:did|have)\s+i\s+(?:book(?:ed)?|reserved?|appl(?:y|ied)\s+for)\b|\bmy\s+(?:bookings|applications)\b|"
    r"\b(?:main|mein|maine|mene|mainey)\s+(?:ne\s+)?(?:kya|kia)\s+(?:book|apply)\s+(?:kiya|kia|kiye|ki)\b|"
    r"\b(?:kya|kia)\s+book\s+hu[ai]\b|"
    r"میں\s+نے\s+کیا\s+(?:بک|اپلائی)|کیا\s+بک\s+ہو[اائی]", re.I)
#: A reference as issued ("BK-7F3K2Q"), or typed in lower case with a digit in it ("bk-7f3k2q"); not "AI-driven",
#: "in-person", "co-worker".
REFERENCE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{6}\b|\b[a-z]{2}-(?=[a-z0-9]*\d)[a-z0-9]{6}\b")
#: What the user says they do not need ("i dont need a desk, just tell me about the internet subsidy").
NOT_WANTED = re.compile(r"\b(?:don'?t|dont|do\s+not|no)\s+(?:need|want)\b|\bnahi\s+chahiye\b|نہیں\s+چاہیے", re.I)
#: ... unless what is not wanted is information ("نہیں مجھے معلومات نہیں چاہیے، مجھے جگہ بک کرنی ہے": a booking).
INFO_NOT_WANTED = re.compile(
    r"(?:\binfo\w*|\bmaloomat|\bdetails?|معلومات)\W+(?:\w+\W+)?(?:nahi\s+chahiye|نہیں\s+چاہیے)|"
    r"\b(?:don'?t|dont|do\s+not)\s+(?:need|want)\s+(?:any\s+|more\s+)?(?:info\w*|details)", re.I)
#: "desk chahiye" starts a booking on its own; with a question in the message ("seat chahiye bagh stp me, kya ladkon
#: ko milti hai?") the question is answered first.
WANTED_WITH_A_QUESTION = re.compile(r"\b(?:desk|seat|room|office|jagah|space)\s+(?:chahiye|chahye|chaiye)\b"
                                    r"|\bvisit\b|\bdekhne\b|\boffice\s+(?:space|lena)\b|(?:دفتر|آفس|جگہ)\s+چاہیے"
                                    r"|دیکھنے|وزٹ", re.I)
ASKS = re.compile(r"[?؟]|\b(?:kya|kia)\b|کیا", re.I)
#: How something is done ("booking confirm kaise hoti hai"): a question about booking, not about the user's own.
_HOW = re.compile(r"\b(?:how|kaise|kaisay|kese|kesay|kis\s+tarah)\b|کیسے|کس\s+طرح", re.I)


#: Cancelling or changing one's own request that is already saved ("cancel my booking", "meri booking cancel kar
#: do", "بکنگ منسوخ کرنی ہے"): a person does that; it is no new booking.
CANCEL_MINE = re.compile(
    r"(?:cancel|cancell?ation|radd|change|badal\w*)\W+(?:\w+\W+){0,2}?(?:booking|application|request)|"
    r"(?:booking|application|request|بکنگ|درخواست)\W+(?:\w+\W+){0,2}?(?:cancel|radd|منسوخ|کینسل|ختم)", re.I)


#: How long the answer to one's request takes ("how long will it take?", "kitne din lagenge", "کب تک جواب آئے گا"),
#: asked right after making one; not of a subsidy or a park ("how long do the subsidies last").
WAIT_ASKED = re.compile(r"\bhow\s+long\b|\bhow\s+many\s+days\b|\bwhen\s+will\s+(?:i|they|you|it|the\s+park)\b|"
                        r"\bkab\s+tak\b|\bkitne\s+din\b|\bkitna\s+(?:time|waqt)\b|\bkab\s+(?:reply|jawab|confirm|pata)\b|"
                        r"کب\s+تک|کتنے\s+دن|کتنا\s+وقت|کب\s+(?:جواب|پتہ)", re.I)
#: The park just talked about, pointed at by a request ("can i visit it", "us park me desk", "اس پارک میں"); "there"
#: and "wahan" are :func:`focus.points_there`'s.
THAT_PARK = re.compile(r"\b(?:visit|book|see|dekh\w*)\s+it\b|\b(?:that|this|the\s+same)\s+(?:park|one|place|stp)\b|"
                       r"\b(?:us|usi|is|isi)\s+(?:park|stp|jagah|jaga)\b|(?:اس|اسی|اُس)\s+(?:پارک|جگہ)", re.I)
_OTHER_TOPIC = re.compile(r"subsid|سبسڈی|\brent\b|kiray|کرای|internet|انٹرنیٹ|\bparks?\b|پارک|\bstps?\b|ایس ٹی پی",
                          re.I)


def asks_wait(turn: TurnContext) -> bool:
    """Whether the user, having just made a request, asks how long its answer takes."""
    text = turn.question
    return bool(turn.context.get("submitted") and WAIT_ASKED.search(text) and not _OTHER_TOPIC.search(text))


def asks_privacy(text: str) -> bool:
    """Whether the message asks what is stored about the user, or to delete it."""
    return bool(DELETE_DATA.search(text) or MY_DATA.search(text))


#: "status?", "status kya hai", "اسٹیٹس؟" alone: where the user's own request stands (nothing else has a status here).
_BARE_STATUS = re.compile(r"^\W*(?:status|اسٹیٹس|سٹیٹس)"
                          r"(?:\s+(?:kya\s+hai|kya\s+h|kia\s+hai|please|plz|pls|\?|کیا\s+ہے))?\W*$", re.I)


def asks_status(text: str) -> bool:
    """Whether the message asks where the user's own booking or application stands."""
    return bool(REFERENCE.search(text) or _BARE_STATUS.match(text)
                or (MY_REQUESTS.search(text) and not _HOW.search(text)))

Answer = Callable[["TurnContext"], Reply]
#: The user's requests listed when they ask where theirs stand (the newest first).
MAX_STATUS_LINES = 5
#: Words an answer in a flow needs before its language (English or Roman Urdu) is taken as the user's new one.
LANGUAGE_SWITCH_WORDS = 7
#: Seconds after which an unfinished flow is forgotten.
FLOW_TTL = 24 * 3600.0


class FlowRoute:
    """One route of the assistant's table (``accepts`` and ``answer``), built with the parts it needs."""

    def __init__(self, engine: FlowEngine, requests: Requests, question: Answer, *, keep_delivered: bool = True
                 ) -> None:
        self.engine = engine
        self.requests = requests
        self.question = question
        self.keep_delivered = keep_delivered
        #: called (from the turn's thread) after a request is stored: the app wakes its delivery worker
        self.on_submit: Callable[[], None] | None = None

    # -- the route's test ------------------------------------------------------------------------
    def accepts(self, turn: TurnContext) -> bool:
        button = turn.message.button
        if button is not None:
            return button.action == "flow"
        text = turn.question
        if not any(ch.isalnum() for ch in text):
            return False
        if DELETE_DATA.search(text) or MY_DATA.search(text):
            return True
        if self._running(turn):
            return turn.intent.name != "person"
        if asks_status(text) or CANCEL_MINE.search(text) or asks_wait(turn):
            return True
        return (self.engine.wanted(turn.intent.name, text) is not None and not INFO_QUESTION.search(text)
                and not (WHO_MAY.search(text) and MAY_I.search(text)) and not WHO_APPLIES.search(text)
                and not THEY_MAY.search(text)
                and not (NOT_WANTED.search(text) and not INFO_NOT_WANTED.search(text))
                and not (WANTED_WITH_A_QUESTION.search(text) and ASKS.search(text) and not BOOK_SAID.search(text)))

    # -- the route's answer ------------------------------------------------------------------------
    def answer(self, turn: TurnContext) -> Reply:
        text, channel = turn.as_typed, turn.message.channel
        button = turn.message.button
        lang = (button.language or turn.lang_for_words()) if button is not None else turn.lang
        cancel = button is None and not self._running(turn) and bool(CANCEL_MINE.search(text))
        status = button is None and (asks_status(text) or cancel)
        if button is None and (DELETE_DATA.search(text) or MY_DATA.search(text) or status) and (
                not turn.message.verified):
            # a user id typed into the API is nobody's proof of identity: someone else's data stays theirs
            refused = "privacy_needs_identity" if (cancel or DELETE_DATA.search(text) or MY_DATA.search(text)) else (
                "status_needs_identity")
            return Reply(say(refused, lang), lang, intent="privacy", confidence=1.0)
        if button is None and DELETE_DATA.search(text):
            return self._delete(turn, lang)
        if button is None and MY_DATA.search(text):
            return self._stored(turn, lang)
        state = turn.context.get("flow") if self._running(turn) else None
        if button is None and state is None and asks_wait(turn):
            # "how long will it take?" right after a request: no time is known; it is told here when they answer
            waiting = say("request_wait", lang)
            if not turn.message.verified:
                return Reply(waiting, lang, intent="request_status", confidence=1.0)
            told = self._status(turn, lang)
            told.reply = f"{waiting}\n\n{told.reply}"
            return told
        if status:
            # (in the middle of a booking: where the earlier ones stand, then this one's question again, its answer
            # not taken as the name asked)
            told = self._status(turn, lang)
            if cancel and told.intent == "request_status" and told.reply != say("requests_none", lang):
                # a saved request is cancelled or changed by the park's team: a person is offered, with buttons
                told.reply = f"{told.reply}\n\n{say('request_cancel_person', lang)}"
                told.choices = [Button("person", "yes", lang).data(), Button("person", "no", lang).data()]
                turn.context["offered_person"] = True
            if isinstance(state, dict):
                pending = self.engine.pending(state, lang, channel)
                told.reply, told.choices, told.flow = f"{told.reply}\n\n{pending.text}", pending.choices, state.get(
                    "name")
            return told
        if isinstance(state, dict):
            lang = self._language(state, lang, text)
            turn.lang = lang
            name = str(state.get("name"))
            other = turn.intent.name if button is None and turn.intent.name in self.engine.flows else name
            if (other != name and state.get("asking") != "confirm" and not self.engine.asks(text)
                    and not self.engine.gives_values(state, text, lang)):
                # "actually no, i want to apply for the rent subsidy instead" in a booking: the draft is dropped
                # (nothing was sent) and the application starts, reading what the message gives
                outcome = self.engine.start(other, text, lang, channel, men=bool(turn.context.get("man")),
                                            park=self.engine.park_of(state))
                outcome.text = f"{say('flow_switched', lang)}\n\n{outcome.text}"
                name = other
            else:
                outcome = self.engine.step(state, text, lang, channel, button.value if button else None)
        elif button is not None:  # a button of a flow that is over: say nothing, the channel acknowledged it
            return Reply("", lang, intent="button", silent=True)
        else:
            name = self.engine.wanted(turn.intent.name, text) or ""
            asked = turn.context.pop(ASKED_TO_APPLY, None)
            earlier = str(asked.get("text") or "") if (
                name == "application" and isinstance(asked, dict)
                and time.time() - float(asked.get("at") or 0.0) <= ASKED_TO_APPLY_TTL) else ""
            pointed = self._pointed_park(turn)
            # the message that named the park pointed at, in a man's voice ("bagh women stp me application dena chahta
            # hun", then "mujhe wahan apply karna hai"), is his request too: the women-only park is not taken for him
            # (his own verbs, not men named: "kya larke bhi ja sakte hain?" is a woman's question too)
            men = bool(turn.context.get("man")) or bool(pointed and SPEAKS_AS_MAN.search(str(turn.context.get(
                "last_query") or "")))
            outcome = self.engine.start_after(name, text, earlier, lang, channel, men=men, park=pointed)
        before = str(state.get("asking")) if isinstance(state, dict) else None
        return self._finish(turn, outcome, name, lang, before)

    def _finish(self, turn: TurnContext, outcome: Outcome, name: str, lang: Lang, before: str | None = None
                ) -> Reply:
        # a step that keeps failing (the escalation route hands the user to a person at the limit); a value noted
        # for another question in between is no way forward on this one ("I don't know that park", "Noted: phone",
        # "I don't know that park" ... went round ten times)
        if outcome.failed:
            turn.context[FLOW_FAILURES_KEY] = int(turn.context.get(FLOW_FAILURES_KEY, 0)) + 1
        elif outcome.state is None or outcome.state.get("asking") != before or before is None:
            turn.context.pop(FLOW_FAILURES_KEY, None)
        if outcome.state is None:
            turn.context.pop("flow", None)
        else:
            outcome.state["lang"] = lang
            outcome.state["at"] = time.time()
            turn.context["flow"] = outcome.state
        if outcome.submit is not None:
            reference = self.requests.submit(outcome.submit, channel=turn.message.channel, user=turn.message.user_id,
                                              turn_id=turn.message.message_id or f"auto-{uuid.uuid4().hex}")
            if self.on_submit is not None:
                self.on_submit()
            turn.context["submitted"] = reference  # ("how long will it take?" next asks of this request)
            return Reply(say("flow_submitted", lang, reference=reference), lang, intent=name, flow=name,
                         confidence=1.0)
        if outcome.question:
            answered = self.question(turn)
            turn.context.pop("offered_person", None)  # a "yes" now answers the flow, not an offer of a person
            turn.context["flow"] = outcome.state
            # (so the answer does not offer one either: "haan" to it was read as the step's answer)
            told = answered.reply.replace(say("offer_person", answered.language), "").rstrip()
            answered.reply = f"{told}\n\n{outcome.text}"
            answered.choices, answered.flow = outcome.choices, name
            return answered
        return Reply(outcome.text, lang, intent=name, flow=None if outcome.cancelled else name, confidence=1.0,
                     choices=outcome.choices)

    @staticmethod
    def _pointed_park(turn: TurnContext) -> str | None:
        """The park (or city) the conversation was about, when the request points at it ("mje wahan meeting room book
        karna hy" after the Faisalabad STP, "can i visit it" after the Gilgit park): the flow starts with it chosen,
        and its summary shows it before anything is sent."""
        text = turn.question
        if not (reading.points_there(text) or THAT_PARK.search(text)):
            return None
        return str(turn.context.get("last_park") or turn.context.get("last_city") or "") or None

    def resumed(self, turn: TurnContext, held: dict[str, object], lang: Lang) -> Reply | None:
        """A draft held aside when a person was called in, running again ("back to bot"): the question it waits on,
        or None when it is older than FLOW_TTL."""
        if time.time() - float(str(held.get("at") or 0.0)) > FLOW_TTL or self.engine.flows.get(str(held.get("name"))) \
                is None:
            return None
        state = {**held, "at": time.time()}
        turn.context["flow"] = state
        pending = self.engine.pending(state, lang, turn.message.channel)
        turn.context["flow"] = pending.state
        return Reply(pending.text, lang, intent="back_to_bot", flow=str(state.get("name")), confidence=1.0,
                     choices=pending.choices)

    @staticmethod
    def _running(turn: TurnContext) -> bool:
        """A flow runs in this conversation, and was last answered within FLOW_TTL (a booking begun last
        week does not swallow today's question)."""
        state = turn.context.get("flow")
        if not isinstance(state, dict):
            return False
        if time.time() - float(state.get("at") or 0.0) > FLOW_TTL:
            turn.context.pop("flow", None)
            return False
        return True

    @staticmethod
    def _language(state: dict[str, object], detected: Lang, text: str) -> Lang:
        """The flow's language for a short answer: "Zara Sheikh", "python", an email or a number is no sign
        that the user changed language; a short answer in Urdu script is."""
        before = state.get("lang")
        # ("kamran at techsoft dot pk", an address spelt out in English words, switched a Roman Urdu user's booking
        # to English for good: between English and Roman Urdu only a sentence of some length says the user switched)
        if before in ("en", "roman_ur", "ur") and detected != "ur" and len(text.split()) < LANGUAGE_SWITCH_WORDS:
            return before
        return detected

    # -- the user's own data -----------------------------------------------------------------------
    def _stored(self, turn: TurnContext, lang: Lang) -> Reply:
        channel, user = turn.message.channel, turn.message.user_id
        requests = self.requests.of_user(channel, user)
        lines = "\n".join(f"• {r.reference} ({r.flow}, {r.status}): " + ", ".join(
            f"{k}={v}" for k, v in masked(r.data).items()) for r in requests)
        listed = say("privacy_requests", lang, lines=lines) if requests else ""
        text = say("privacy_stored", lang, messages=str(self.requests.message_count(channel, user)),
                   language=say("language_name", lang), requests=listed)
        return Reply(text, lang, intent="privacy", confidence=1.0)

    def _status(self, turn: TurnContext, lang: Lang) -> Reply:
        """Where each of the user's own requests stands ("booking ka status kya h" right after a booking started a
        new one); the newest first, a reference the user names first of all."""
        requests = self.requests.of_user(turn.message.channel, turn.message.user_id)
        if not requests:
            return Reply(say("requests_none", lang), lang, intent="request_status", confidence=1.0)
        named = {m.upper() for m in REFERENCE.findall(turn.question)}
        shown = sorted(requests[::-1], key=lambda r: r.reference not in named)[:MAX_STATUS_LINES]
        titles = {name: spec.title.get(lang) or spec.title["en"] for name, spec in self.engine.flows.items()}
        lines = [say("request_line", lang, reference=r.reference,
                     flow=", ".join(filter(None, (titles.get(r.flow, r.flow), self.engine.brief(r.flow, r.data,
                                                                                                  lang)))),
                     status=say(f"request_{r.status}", lang)) for r in shown]
        return Reply("\n".join([say("requests_header", lang), *lines]), lang, intent="request_status",
                     confidence=1.0)

    def _delete(self, turn: TurnContext, lang: Lang) -> Reply:
        kept = self.requests.erase_user(turn.message.channel, turn.message.user_id,
                                        keep_delivered=self.keep_delivered)
        turn.context.clear()
        text = say("privacy_deleted", lang)
        if kept:
            text += say("privacy_kept" if self.keep_delivered else "privacy_masked", lang, references=", ".join(kept))
        return Reply(text, lang, intent="privacy", confidence=1.0)
