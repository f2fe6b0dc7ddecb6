"""What crosses the conversation's boundary: the inbound message (text, or structured input from a
command or a button) and the reply.

Channels turn their wire formats into an :class:`InboundMessage` and nothing else: a Telegram
button press arrives as a :class:`Button`, ``/lang ur`` as a :class:`Command`, never as words put
back into the user's mouth for the intent classifier to guess at.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from typing import Any

from bot.language import LANGUAGES, Lang


@dataclass(frozen=True)
class Command:
    """A slash command: ``/lang ur`` is ``Command("lang", "ur")``."""

    name: str
    argument: str = ""

    @classmethod
    def parse(cls, text: str) -> Command:
        head, _, argument = text.strip().partition(" ")
        return cls(head.lstrip("/").split("@")[0].lower(), argument.strip())


@dataclass(frozen=True)
class Button:
    """A press of a button we offered: ``person:yes:ur`` is ``Button("person", "yes", "ur")``."""

    action: str
    value: str = ""
    language: Lang | None = None

    @classmethod
    def parse(cls, data: str) -> Button:
        action, value, language = [*data.split(":"), "", ""][:3]
        return cls(action, value, language if language in LANGUAGES else None)

    def data(self) -> str:
        """The button's wire form (Telegram's ``callback_data``, at most 64 bytes)."""
        return ":".join(p for p in (self.action, self.value, self.language or "") if p)


@dataclass(frozen=True)
class InboundMessage:
    """One turn's input. ``message_id`` is the channel's id for it, scoped to this user's
    conversation by the store (a caller cannot reach another user's turn through it)."""

    channel: str
    user_id: str
    text: str = ""
    message_id: str | None = None
    command: Command | None = None
    button: Button | None = None
    #: a photo, voice note or file with no text to answer
    media: bool = False
    #: the user's app language where the channel tells it (Telegram), for strangers' first replies
    language_hint: str | None = None
    #: the channel vouches for the sender (a signed webhook, the web page's session, the local CLI); False
    #: for an API caller's own ``user_id``, which anybody can type: no reading or erasing of stored data
    verified: bool = True


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
    #: Quick answers a channel may offer as buttons (Telegram), as button data, e.g. ``person:yes:en``.
    choices: list[str] = field(default_factory=list)
    #: the reply lacks what was asked (nothing found, or the item is not in the record): twice in a row, a
    #: person takes over
    missed: bool = False

    def as_dict(self) -> dict[str, Any]:
        """``dataclasses.asdict(self)``, built directly: asdict walks every value through ``copy.deepcopy``,
        which cost more than the rest of the reply's trip to JSON (every turn stores and returns one)."""
        return {name: _copied(getattr(self, name)) for name in _REPLY_FIELDS}

    def to_json(self) -> dict[str, Any]:
        return {name: _copied(getattr(self, name)) for name in _REPLY_JSON}


#: Reply's fields in order (what asdict gives), and those the API returns.
_REPLY_FIELDS = tuple(f.name for f in fields(Reply))
_REPLY_JSON = tuple(name for name in _REPLY_FIELDS if name not in ("silent", "choices", "missed"))


def _copied(value: Any) -> Any:
    """A deep copy of JSON-like data, as :func:`dataclasses.asdict` makes it (immutable leaves are shared)."""
    if isinstance(value, dict):
        return {_copied(k): _copied(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copied(v) for v in value]
    if value is None or isinstance(value, (str, int, float)):  # bool is an int
        return value
    return copy.deepcopy(value)
