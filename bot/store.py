"""Conversation state in a real database (SQLAlchemy 2): users, conversations, messages.

SQLite under the data dir by default, PostgreSQL by URL; the schema is created and upgraded by the
Alembic migrations in ``bot/migrations``. An inbound message is a row before it is answered, and the
pair (channel, channel message id) is unique, so a repeated delivery finds the stored reply instead
of producing a second one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    bindparam,
    create_engine,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _without_nul(value: Any) -> Any:
    """PostgreSQL refuses NUL characters in text and JSON; a message that carries one (it means nothing
    to a reader) is stored without it instead of failing, so no message is lost over it."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    return value


class StoredText(TypeDecorator[str]):
    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        return _without_nul(value)


class StoredJSON(TypeDecorator[Any]):
    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        return _without_nul(value)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: StoredJSON}


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_users_channel_external"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    language: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="bot")
    context: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("channel", "channel_msg_id", name="uq_messages_channel_msg"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    direction: Mapped[str] = mapped_column(String(8))  # in | out
    channel: Mapped[str] = mapped_column(String(32))
    channel_msg_id: Mapped[str | None] = mapped_column(String(128))
    reply_to: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    text: Mapped[str] = mapped_column(StoredText)
    language: Mapped[str | None] = mapped_column(String(16))
    intent: Mapped[str | None] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default="received")
    error: Mapped[str | None] = mapped_column(StoredText)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Inbound(Base):
    """A message as a channel delivered it, persisted before the channel gets its acknowledgement.

    ``(channel, provider_id)`` is unique (Twilio's ``MessageSid``, Telegram's ``update_id``), so a
    repeated delivery is recognised even by another app process. ``status`` moves pending ->
    processing -> done (or ``limited`` when the sender is over the rate limit); ``turn`` groups the
    messages of a burst that were answered together.
    """

    __tablename__ = "inbound"
    __table_args__ = (UniqueConstraint("channel", "provider_id", name="uq_inbound_provider"),
                      Index("ix_inbound_sender", "channel", "sender", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    provider_id: Mapped[str] = mapped_column(String(128))
    sender: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16), default="text")  # text | media | command | button
    text: Mapped[str] = mapped_column(StoredText, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    turn: Mapped[int | None] = mapped_column(Integer)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(StoredText)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class Outbound(Base):
    """A message to deliver on a channel: a reply, a staff message, a status update or a notice.

    ``key`` makes enqueueing idempotent (the reply to a turn is enqueued once however often the turn
    is re-run after a crash); ``parts_sent`` lets a half-delivered long answer resume where it
    stopped instead of starting again.
    """

    __tablename__ = "outbound"
    __table_args__ = (UniqueConstraint("key", name="uq_outbound_key"),
                      Index("ix_outbound_recipient", "channel", "recipient", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16), default="reply")  # reply | staff | status | notice
    text: Mapped[str] = mapped_column(StoredText)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|sent|failed|waiting
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    parts_sent: Mapped[int] = mapped_column(Integer, default=0)
    provider_ids: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(StoredText)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class DeliveryEvent(Base):
    """A provider's report on a message we sent (Twilio status callbacks: sent, delivered, read...)."""

    __tablename__ = "delivery_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    provider_id: Mapped[str] = mapped_column(String(128), index=True)
    status: Mapped[str] = mapped_column(String(32))
    error_code: Mapped[str | None] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Lease(Base):
    """Who is working on one sender's messages until when: one turn at a time per conversation,
    across every app process, and a crashed holder's lease simply runs out."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    until: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


#: SQLite reads the database through a memory map of up to this size: a page outside its own small
#: cache (2 MiB per connection, less than the indexes of a database a few weeks old) costs no read() call.
SQLITE_MMAP_BYTES = 256 * 1024 * 1024


def make_engine(url: str) -> Engine:
    """An engine with SQLite tuned for a small always-on app (WAL, foreign keys, busy timeout)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (idempotent; safe at every start)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


# The statements of the assistant's turn, built once: the turn runs on every message, and building
# them (or the ORM's unit of work) each time cost more than running them (benchmarks/bench_chat.py).
_inbound, _outbound = Message.__table__.alias("inbound"), Message.__table__.alias("outbound")
_users, _conversations, _messages = User.__table__, Conversation.__table__, Message.__table__
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
_UPDATE_CONVERSATION = update(_conversations).where(_conversations.c.id == bindparam("conversation"))
_UPDATE_USER = update(_users).where(_users.c.id == bindparam("user"))


def _first_contact(connection: Connection, channel: str, external_id: str, conversation: ConversationState) -> None:
    """Create the user and the conversation a first contact does not have yet (ids set on ``conversation``)."""
    if conversation.user_id is None:
        conversation.user_id = connection.execute(
            _NEW_USER, {"channel": channel, "external_id": external_id}).scalar_one()
    if conversation.id is None:
        conversation.id = connection.execute(
            _NEW_CONVERSATION, {"user_id": conversation.user_id, "channel": channel, "context": {}}).scalar_one()


@dataclass
class ConversationState:
    """What a turn reads of its conversation before it works, and changes for :meth:`Store.save_turn`.

    ``id`` is None on first contact: the user and the conversation are created with the turn's
    messages, in the same transaction.
    """

    id: int | None
    user_id: int | None
    state: str = "bot"
    context: dict[str, Any] = field(default_factory=dict)
    language: str | None = None
    #: Set by a turn that hands the conversation to a person; other turns never write ``state``, so
    #: a member of staff who takes or releases the conversation meanwhile is not overwritten.
    escalate: bool = False


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

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        migrate(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self.sessions()

    # -- the assistant's turn: one read before the work, one write transaction after it ---------------
    def saved_turn(self, channel: str, channel_msg_id: str) -> SavedTurn | None:
        """The stored turn of this channel message (None if it has not been stored yet)."""
        with self.engine.connect() as connection:
            row = connection.execute(_SAVED_TURN, {"channel": channel, "msg_id": channel_msg_id}).first()
        return None if row is None else SavedTurn(row[0], row[1])

    def conversation_state(self, channel: str, external_id: str) -> ConversationState:
        """The user's latest conversation on this channel, read in one statement (nothing is created)."""
        with self.engine.connect() as connection:
            row = connection.execute(_CONVERSATION_STATE, {"channel": channel, "external_id": external_id}).first()
        if row is None:
            return ConversationState(None, None)
        user_id, conversation_id, state, context, language = row
        return ConversationState(conversation_id, user_id, state or "bot", dict(context or {}), language)

    def save_turn(self, channel: str, external_id: str, conversation: ConversationState, *,
                  channel_msg_id: str, text: str, language: str, intent: str,
                  reply: dict[str, Any] | None) -> None:
        """Store a turn in one transaction: the user and conversation on first contact, the inbound
        message, the reply (None when the bot stays quiet) and the conversation's memory.

        Raises :class:`AlreadySaved` when the same channel message was stored first by another worker,
        and ``IntegrityError`` for any other conflict (e.g. the same new user created meanwhile).
        """
        try:
            with self.engine.begin() as connection:
                _first_contact(connection, channel, external_id, conversation)
                inbound_id = connection.execute(_NEW_MESSAGE, {
                    "conversation_id": conversation.id, "direction": "in", "channel": channel,
                    "channel_msg_id": channel_msg_id, "text": text, "language": language, "intent": intent,
                    "payload": {}, "status": "answered"}).scalar_one()
                if reply is not None:
                    connection.execute(_NEW_MESSAGE, {
                        "conversation_id": conversation.id, "direction": "out", "channel": channel,
                        "channel_msg_id": None, "reply_to": inbound_id, "text": reply["reply"],
                        "language": reply["language"], "intent": reply["intent"], "payload": reply, "status": "sent"})
                changes: dict[str, Any] = {"conversation": conversation.id, "context": conversation.context,
                                           "language": conversation.language}
                if conversation.escalate:
                    changes["state"] = "queued"
                connection.execute(_UPDATE_CONVERSATION, changes)
        except IntegrityError:
            saved = self.saved_turn(channel, channel_msg_id)
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

    def set_language(self, channel: str, external_id: str, language: str) -> None:
        """The user's chosen language (Telegram's /lang): used where a message has no script of its own.

        The pipeline runs one turn per conversation at a time, so a first contact cannot race here; if
        it ever did, the ``IntegrityError`` fails the turn and the pipeline retries it.
        """
        conversation = self.conversation_state(channel, external_id)
        with self.engine.begin() as connection:
            _first_contact(connection, channel, external_id, conversation)
            connection.execute(_UPDATE_CONVERSATION, {"conversation": conversation.id, "language": language})
            connection.execute(_UPDATE_USER, {"user": conversation.user_id, "language": language})
