"""Who owns a conversation, as a state machine: ``bot -> queued -> human -> resolved -> bot``.

While a conversation is ``queued`` or ``human`` the bot says nothing of its own, except one
acknowledgement that says when a person will answer and one reminder if the user writes again much
later. The allowed moves are data; a move that is not in the table is refused instead of leaving a
conversation in a state nothing can take it out of. Every move is a :class:`Change` that names who made
it and why; the turn (or the staff console) stores it with the move, in the same transaction.

What sends a conversation to a person is data too (the triggers below): the user asks for one (the
``person`` intent, three languages), the bot could not answer the same question twice in a row (a retry,
not two different questions it lacks), a flow step failed
repeatedly, complaint or distress words, or a configured topic (the women-only park goes to
``bagh-women``). The queue itself (teams, SLA, summaries) is :mod:`bot.queue`, passed in as
:class:`Escalations`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Protocol

from sqlalchemy.engine import Connection

from bot.language import ngrams, tokenize
from bot.retrieval import answers
from bot.storage.states import ConversationStatus, EscalationReason, Priority
from bot.texts import say

BOT, QUEUED, HUMAN, RESOLVED = (ConversationStatus.BOT, ConversationStatus.QUEUED, ConversationStatus.HUMAN,
                                ConversationStatus.RESOLVED)

#: status -> the statuses it may move to
TRANSITIONS: dict[ConversationStatus, frozenset[ConversationStatus]] = {
    BOT: frozenset({QUEUED, HUMAN}),  # the user asks for a person; staff take a conversation over
    QUEUED: frozenset({HUMAN, BOT}),  # claimed by staff; the user goes back to the bot
    HUMAN: frozenset({RESOLVED, QUEUED, BOT}),  # resolved; released to the queue; handed back / the user leaves
    RESOLVED: frozenset({BOT, QUEUED}),  # the bot answers again; the user asks for a person again
}
#: the bot stays quiet in these
PERSON_OWNED = frozenset({QUEUED, HUMAN})
#: After a person resolved a conversation, this many turns may not send it back to the queue by
#: themselves (low confidence, topic, complaint words): only the user's own request does. No bounce.
COOL_DOWN_TURNS = 3
#: The bot's "I don't know" this many times in a row sends the conversation to a person.
MISSES_BEFORE_ESCALATION = 2
#: A flow (issue 12) counts failed steps in the conversation's context under this key.
FLOW_FAILURES_KEY = "flow_failures"
#: A booking or application draft held aside while a person has the conversation (after steps not understood).
HELD_FLOW = "held_flow"
FLOW_FAILURES_BEFORE_ESCALATION = 3


class InvalidTransition(ValueError):
    def __init__(self, current: ConversationStatus, target: ConversationStatus) -> None:
        super().__init__(f"a conversation cannot move from {current.value} to {target.value}")
        self.current, self.target = current, target


def move(current: ConversationStatus, target: ConversationStatus) -> ConversationStatus:
    """The new status, or :class:`InvalidTransition` if the table does not allow the move."""
    if target not in TRANSITIONS[current]:
        raise InvalidTransition(current, target)
    return target


@dataclass(frozen=True)
class Change:
    """One move of a conversation's owner, as stored: who (``user``, ``bot``, ``staff:<name>``) and why.

    ``team``/``priority``/``tags`` describe the queue item a move into ``queued`` or ``human`` opens;
    ``rating`` is the user's 1-5 answer after a person resolved the conversation.
    """

    before: ConversationStatus
    after: ConversationStatus
    reason: EscalationReason
    actor: str = "user"
    team: str = "general"
    priority: Priority = Priority.NORMAL
    tags: tuple[str, ...] = ()
    rating: int | None = None


class Escalations(Protocol):
    """The queue, as the conversation needs it (implemented by :class:`bot.queue.queue.Queue`)."""

    def expect(self, now: dt.datetime, priority: Priority) -> dt.datetime:
        """When a person will answer a conversation queued now (business hours), in local time."""
        ...

    def record(self, connection: Connection, conversation_id: int, channel: str, changes: Sequence[Change]) -> None:
        """Store the moves (and open or close queue items) inside the turn's own transaction."""
        ...


# -- triggers -----------------------------------------------------------------------------------------
#: "I want the bot again": checked before the person intent ("bot se baat karni hai" is not a request
#: for a person even though "baat karni hai" is one).
BACK_TO_BOT = ["back to bot", "back to the bot", "talk to the bot", "talk to bot", "bot please", "bot se baat",
               "bot se hi baat", "bot wapas", "wapas bot", "bot ko wapas", "بوٹ سے بات", "واپس بوٹ", "بوٹ پر واپس"]
#: Words that put a conversation in front of a person at once, with their priority.
DISTRESS = ["harass", "harassed", "harassment", "threat", "threatened", "unsafe", "emergency", "danger", "abuse",
            "abused", "blackmail", "khatra", "dhamki", "harassment ho", "ہراساں", "ہراسانی", "دھمکی", "خطرہ",
            "بلیک میل", "ایمرجنسی"]
COMPLAINT = ["complaint", "complain", "fraud", "scam", "cheated", "refund", "bribe", "shikayat", "shikayet",
             "dhoka", "rishwat", "شکایت", "دھوکہ", "دھوکا", "رشوت", "فراڈ"]
#: Topic -> team: the first team whose words the conversation uses gets it (else ``general``).
TOPIC_TEAMS: tuple[tuple[str, list[str]], ...] = (
    ("bagh-women", ["bagh", "women only", "women-only", "women", "woman", "female", "ladies", "khawateen",
                    "khawatin", "auraton", "باغ", "خواتین", "عورتوں"]),
    ("applications", ["apply", "application", "applications", "tenancy", "booking", "book", "register",
                      "darkhwast", "درخواست", "اپلائی", "بکنگ"]),
)


@cache
def _phrases(kind: str) -> frozenset[tuple[str, ...]]:
    table = {"bot": BACK_TO_BOT, "distress": DISTRESS, "complaint": COMPLAINT}
    words = table[kind] if kind in table else dict(TOPIC_TEAMS)[kind]
    return frozenset(t for t in (tuple(tokenize(p)) for p in words) if t)


@lru_cache(maxsize=4096)
def _grams(text: str) -> frozenset[tuple[str, ...]]:
    """Every run of up to four tokens of ``text``: one set lookup per phrase (every turn asks several
    tables of the same text)."""
    return ngrams(tokenize(text), 4)


def _contains(text: str, kind: str) -> bool:
    return not _phrases(kind).isdisjoint(_grams(text))


def wants_bot(text: str) -> bool:
    """The user asks to talk to the bot again ("back to bot", "bot se baat karni hai", "بوٹ سے بات")."""
    return _contains(text, "bot")


def urgency(text: str) -> Priority | None:
    """URGENT for distress words, HIGH for a complaint, None otherwise."""
    if _contains(text, "distress"):
        return Priority.URGENT
    if _contains(text, "complaint"):
        return Priority.HIGH
    return None


def team_for(*texts: str) -> str:
    """The team whose topic the texts are about (the women-only park: ``bagh-women``), else ``general``."""
    for team, _ in TOPIC_TEAMS:
        if any(_contains(text, team) for text in texts if text):
            return team
    return "general"


def asked_about(question: str, places: Iterable[str] = ()) -> dict[str, Any]:
    """What an unanswered question asked (its item, the places and parks it names, the words naming its subject),
    kept in the conversation's context so the next unanswered one can be told apart as a retry or a new question."""
    return {"focus": answers.focus_of(question) or "", "places": sorted(set(places)),
            "words": sorted(answers.title_words(question))}


def is_retry(before: object, now: dict[str, Any]) -> bool:
    """The user asked again what the bot could not answer: the same item (or one side names none) of the
    same subject ("phone number of the Quetta STP?" then "email of the Quetta STP office?"). Another
    item of a park ("us ka address?" then "size?"), the same item of another park, or another subject ("aaj
    mausam kaisa hai" then "biryani kaise banate hain"), is a new question: the bot offers a person again and does
    not queue. (Not yet: a retry in another script, "quetta stp ka kiraya" then "کوئٹہ ایس ٹی پی کا کرایہ".)"""
    if not isinstance(before, dict):
        return False
    focus_before, focus_now = str(before.get("focus") or ""), str(now["focus"])
    if focus_before and focus_now and focus_before != focus_now:
        return False
    places_before, places_now = set(before.get("places") or ()), set(now.get("places") or ())
    if places_before and places_now and not places_before & places_now:
        return False  # the same item of another park ("rent at the quetta stp?" then "... at the swat stp?")
    words_before, words_now = set(before.get("words") or ()), set(now["words"])
    if not (words_before and words_now):  # a subject named only once: a retry only of the same item, both bare
        return not (words_before or words_now) and bool(focus_before) and focus_before == focus_now
    return 2 * len(words_before & words_now) >= min(len(words_before), len(words_now))


# -- what the user is told ------------------------------------------------------------------------------
def when_text(expected: dt.datetime, now: dt.datetime, lang: str) -> str:
    """"within the hour", "today by 14:30", "on Monday after 09:00" (Pakistan time), in the user's language."""
    local_now = now.astimezone(expected.tzinfo) if expected.tzinfo else now
    clock = expected.strftime("%H:%M")
    if expected - local_now <= dt.timedelta(hours=1):
        return say("when_soon", lang)
    if expected.date() == local_now.date():
        return say("when_today", lang, time=clock)
    if expected.date() == local_now.date() + dt.timedelta(days=1):
        return say("when_tomorrow", lang, time=clock)
    return say("when_day", lang, day=say(f"day_{expected.weekday()}", lang), time=clock)
