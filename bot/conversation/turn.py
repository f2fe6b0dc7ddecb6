"""One turn of a conversation as the routes see it, and the route table's row.

Its own module so that the route handlers that live outside :mod:`bot.conversation.assistant`
(:mod:`bot.conversation.flowroute`) read the same turn without importing the assistant that calls them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.conversation.escalation import Change
from bot.conversation.intents import Intent
from bot.conversation.messages import InboundMessage, Reply
from bot.language import LANGUAGES, Lang, from_app_language
from bot.storage.states import ConversationStatus
from bot.storage.turns import ConversationState

#: The context key under which the answer to "how do I apply?" keeps the question ({"text", "at"}): an application
#: started next ("ok lets apply") fills what it leaves empty from it (see FlowEngine.start_after).
ASKED_TO_APPLY = "asked_to_apply"
#: Seconds that question stays fresh: "ok lets apply" the next day is a new start.
ASKED_TO_APPLY_TTL = 30 * 60


def has_words(text: str) -> bool:
    """Letters or digits: something a person wrote (not only emoji or punctuation)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


@dataclass(frozen=True)
class Route:
    """One row of the route table: a name (for docs and tests), a test and the handler that answers."""

    name: str
    accepts: Callable[[TurnContext], bool]
    answer: Callable[[TurnContext], Reply]


@dataclass
class TurnContext:
    """Everything the routes read and write for one turn."""

    message: InboundMessage
    conversation: ConversationState
    context: dict[str, Any]
    question: str
    lang: Lang
    intent: Intent
    #: a person was offered in the previous reply (so "yes" means "yes, a person")
    offered: bool = False
    places: dict[str, str] = field(default_factory=dict)
    last_list: dict[str, Any] | None = None
    #: moves of the conversation's owner this turn made (stored with the turn)
    changes: list[Change] = field(default_factory=list)
    #: the message as typed (``question`` has its misspelt domain words mended): what a booking or an application
    #: reads its values from, so a name ("Shazia", "Changezi") or an address is taken as written
    said: str = ""

    @property
    def as_typed(self) -> str:
        return self.said or self.question

    @property
    def status(self) -> ConversationStatus:
        return self.conversation.status

    def lang_for_words(self) -> Lang:
        """For replies to input with no words of the user's (a command, a photo): the language they
        last used or chose, else their app's, else English."""
        if has_words(self.message.text) and not self.message.command:
            return self.lang
        return self.conversation.language if self.conversation.language in LANGUAGES else from_app_language(
            self.message.language_hint)

    def with_language(self, lang: Lang) -> TurnContext:
        self.lang = lang
        return self
