"""The conversation turn in the database: one read before the work, one write transaction after it.

An inbound message is a row before it is answered, and the pair (channel, channel message id) is
unique, so a repeated delivery finds the stored reply instead of producing a second one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.models import Base, Conversation, Message, User
from bot.storage.states import ConversationStatus


def _table(model: type[Base]) -> Table:
    """The model's table (declarative types ``__table__`` as any ``FromClause``; ours are all tables)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


# The statements of the assistant's turn, built once: the turn runs on every message, and building
# them (or the ORM's unit of work) each time cost more than running them (benchmarks/bench_chat.py).
_users, _conversations, _messages = _table(User), _table(Conversation), _table(Message)
_inbound, _outbound = _messages.alias("inbound"), _messages.alias("outbound")
_SAVED_TURN = (select(_inbound.c.language, _outbound.c.payload)
               .select_from(_inbound.outerjoin(_outbound, _outbound.c.reply_to == _inbound.c.id))
               .where(_inbound.c.channel == bindparam("channel"), _inbound.c.channel_msg_id == bindparam("msg_id"))
               .limit(1))
_CONVERSATION_STATE = (
    select(_users.c.id, _conversations.c.id, _conversations.c.state, _conversations.c.context,
           _conversations.c.language)
    .select_from(_users.outerjoin(_conversations, _conversations.c.user_id == _users.c.id))
    .where(_users.c.channel == bindparam("channel"), _users.c.external_id == bindparam("external_id"))
    .order_by(_conversations.c.id.desc()).limit(1))
_NEW_USER = insert(_users).returning(_users.c.id)
_NEW_CONVERSATION = insert(_conversations).returning(_conversations.c.id)
_NEW_MESSAGE = insert(_messages).returning(_messages.c.id)
#: The reply's row: nothing refers to its id, so nothing is returned (RETURNING cost 13 us a turn on SQLite).
_NEW_REPLY = insert(_messages)
_UPDATE_CONVERSATION = update(_conversations).where(_conversations.c.id == bindparam("conversation"))
_UPDATE_USER = update(_users).where(_users.c.id == bindparam("user"))


def _first_contact(connection: Connection, channel: str, external_id: str, conversation: ConversationState) -> bool:
    """Create the user and the conversation a first contact does not have yet (ids set on ``conversation``),
    each with the turn's outcome (context, language, status, chosen language) in its insert: True when the
    conversation was made here, so nothing is left to update. Saves an UPDATE per first message."""
    if conversation.user_id is None:
        user: dict[str, Any] = {"channel": channel, "external_id": external_id}
        if conversation.chosen_language:
            user["language"] = conversation.chosen_language
        conversation.user_id = connection.execute(_NEW_USER, user).scalar_one()
    if conversation.id is not None:
        return False
    row: dict[str, Any] = {"user_id": conversation.user_id, "channel": channel, "context": conversation.context,
                           "language": conversation.language}
    if conversation.status != conversation.status_read:
        row["state"] = conversation.status.value
    conversation.id = connection.execute(_NEW_CONVERSATION, row).scalar_one()
    return True


def message_key(external_id: str, message_id: str) -> str:
    """A channel message id scoped to its sender: what makes a repeated delivery recognisable without
    letting anyone reach another user's turn by guessing (or reusing) its id. Fixed length, so any
    sender and id fit the column."""
    digest = hashlib.blake2b(f"{external_id}\x00{message_id}".encode("utf-8", "replace"), digest_size=20)
    return digest.hexdigest()


def _status(value: str | None) -> ConversationStatus:
    try:
        return ConversationStatus(value or "bot")
    except ValueError:  # a hand-edited row: the bot answers rather than staying silent forever
        return ConversationStatus.BOT


@dataclass
class ConversationState:
    """What a turn reads of its conversation before it works, and changes for :meth:`Store.save_turn`.

    ``id`` is None on first contact: the user and the conversation are created with the turn's
    messages, in the same transaction.
    """

    id: int | None
    user_id: int | None
    status: ConversationStatus = ConversationStatus.BOT
    context: dict[str, Any] = field(default_factory=dict)
    language: str | None = None
    #: A language the user chose (``/lang``), also remembered on the user.
    chosen_language: str | None = None
    #: The status read, so that only a turn that changes it writes it: a member of staff who takes or
    #: releases the conversation meanwhile is not overwritten by a turn that did not mean to.
    status_read: ConversationStatus = ConversationStatus.BOT


@dataclass
class SavedTurn:
    """A channel message that was already stored: its language and the reply (None: the bot was quiet)."""

    language: str | None
    reply: dict[str, Any] | None


class AlreadySaved(Exception):
    """This channel message was saved (and answered) by another worker while this one worked on it."""

    def __init__(self, saved: SavedTurn) -> None:
        super().__init__("the same channel message was stored by another worker")
        self.saved = saved


class Store:
    """The conversation store: the few operations the assistant needs, each one transaction."""

    def __init__(self, engine: Engine) -> None:
        """Cheap: the engine is made (and its schema migrated) by the app, once per process."""
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    def session(self) -> Session:
        return self.sessions()

    # -- the assistant's turn: one read before the work, one write transaction after it ---------------
    def saved_turn(self, channel: str, external_id: str, channel_msg_id: str) -> SavedTurn | None:
        """The stored turn of this user's message with this id (None if it has not been stored yet)."""
        key = message_key(external_id, channel_msg_id)
        with self.engine.connect() as connection:
            row = connection.execute(_SAVED_TURN, {"channel": channel, "msg_id": key}).first()
        return None if row is None else SavedTurn(row[0], row[1])

    def conversation_state(self, channel: str, external_id: str) -> ConversationState:
        """The user's latest conversation on this channel, read in one statement (nothing is created)."""
        with self.engine.connect() as connection:
            row = connection.execute(_CONVERSATION_STATE, {"channel": channel, "external_id": external_id}).first()
        if row is None:
            return ConversationState(None, None)
        user_id, conversation_id, state, context, language = row
        status = _status(state)
        return ConversationState(conversation_id, user_id, status, dict(context or {}), language, status_read=status)

    def save_turn(self, channel: str, external_id: str, conversation: ConversationState, *,
                  channel_msg_id: str, text: str, language: str, intent: str,
                  reply: dict[str, Any] | None, after: Callable[[Connection, int], None] | None = None) -> None:
        """Store a turn in one transaction: the user and conversation on first contact, the inbound
        message, the reply (None when the bot stays quiet) and the conversation's memory.

        ``after(connection, conversation id)`` runs last in the same transaction: a change of owner is
        recorded (and its queue item opened) with the turn that made it, or not at all.

        Raises :class:`AlreadySaved` when the same channel message was stored first by another worker,
        and ``IntegrityError`` for any other conflict (e.g. the same new user created meanwhile).
        """
        try:
            with self.engine.begin() as connection:
                new_user = conversation.user_id is None
                created = _first_contact(connection, channel, external_id, conversation)
                inbound_id = connection.execute(_NEW_MESSAGE, {
                    "conversation_id": conversation.id, "direction": "in", "channel": channel,
                    "channel_msg_id": message_key(external_id, channel_msg_id), "text": text, "language": language,
                    "intent": intent,
                    "payload": {}, "status": "answered"}).scalar_one()
                if reply is not None:
                    connection.execute(_NEW_REPLY, {
                        "conversation_id": conversation.id, "direction": "out", "channel": channel,
                        "channel_msg_id": None, "reply_to": inbound_id, "text": reply["reply"],
                        "language": reply["language"], "intent": reply["intent"], "payload": reply, "status": "sent"})
                if not created:
                    changes: dict[str, Any] = {"conversation": conversation.id, "context": conversation.context,
                                               "language": conversation.language}
                    if conversation.status != conversation.status_read:
                        changes["state"] = conversation.status.value
                    connection.execute(_UPDATE_CONVERSATION, changes)
                if conversation.chosen_language and not new_user:
                    connection.execute(_UPDATE_USER, {"user": conversation.user_id,
                                                      "language": conversation.chosen_language})
                if after is not None:
                    assert conversation.id is not None
                    after(connection, conversation.id)
        except IntegrityError:
            saved = self.saved_turn(channel, external_id, channel_msg_id)
            if saved is not None:
                raise AlreadySaved(saved) from None
            raise

    def language_of(self, channel: str, external_id: str) -> str | None:
        """The language last used or chosen by this user on this channel (None for a stranger)."""
        with self.session() as session:
            row = session.execute(
                select(User.language, Conversation.language).outerjoin(Conversation, Conversation.user_id == User.id)
                .where(User.channel == channel, User.external_id == external_id)
                .order_by(Conversation.id.desc()).limit(1)).first()
        return None if row is None else (row[1] or row[0])
