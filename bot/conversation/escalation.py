"""Who owns a conversation, as a state machine: ``bot -> queued -> human -> resolved -> bot``.

While a conversation is ``queued`` or ``human`` the bot says nothing of its own. The allowed moves
are data; a move that is not in the table is refused instead of leaving a conversation in a state
nothing can take it out of.
"""

from __future__ import annotations

from bot.storage.states import ConversationStatus

BOT, QUEUED, HUMAN, RESOLVED = (ConversationStatus.BOT, ConversationStatus.QUEUED, ConversationStatus.HUMAN,
                                ConversationStatus.RESOLVED)

#: status -> the statuses it may move to
TRANSITIONS: dict[ConversationStatus, frozenset[ConversationStatus]] = {
    BOT: frozenset({QUEUED, HUMAN}),  # the user asks for a person; staff take a conversation over
    QUEUED: frozenset({HUMAN, BOT}),  # claimed by staff; the user goes back to the bot
    HUMAN: frozenset({RESOLVED, QUEUED, BOT}),  # resolved; released to the queue; the user leaves
    RESOLVED: frozenset({BOT, QUEUED}),  # the bot answers again; the user asks for a person again
}
#: the bot stays quiet in these
PERSON_OWNED = frozenset({QUEUED, HUMAN})


class InvalidTransition(ValueError):
    def __init__(self, current: ConversationStatus, target: ConversationStatus) -> None:
        super().__init__(f"a conversation cannot move from {current.value} to {target.value}")
        self.current, self.target = current, target


def move(current: ConversationStatus, target: ConversationStatus) -> ConversationStatus:
    """The new status, or :class:`InvalidTransition` if the table does not allow the move."""
    if target not in TRANSITIONS[current]:
        raise InvalidTransition(current, target)
    return target
