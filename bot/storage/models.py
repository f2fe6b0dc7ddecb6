"""The database's tables (SQLAlchemy 2 models): users, conversations, messages, and the channels'
inbound and outbound queues, leases and delivery events.

Statuses and kinds are :mod:`bot.storage.states` enums, stored as their string values.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, TypeDecorator, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


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




# -- the escalation queue and the staff console (issue 13) ---------------------------------------------
class StaffUser(Base):
    """A member of staff: ``role`` is a :class:`bot.storage.states.StaffRole`; ``teams`` the queue teams
    whose new conversations notify them (an empty list: every team)."""

    __tablename__ = "staff_users"
    __table_args__ = (UniqueConstraint("username", name="uq_staff_username"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="agent")
    teams: Mapped[dict[str, Any]] = mapped_column(default=dict)  # {"teams": [...]}
    active: Mapped[int] = mapped_column(Integer, default=1)
    #: signed into every session cookie: a logout or a new password moves it on, ending older sessions
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class QueueItem(Base):
    """One escalation of one conversation: who should answer (team, assignee), by when (``due_at``, in
    business hours), how urgent, and what it is about (summaries in English and Urdu). ``status`` is a
    :class:`bot.storage.states.QueueStatus`; the conversation's own ``state`` says who owns it."""

    __tablename__ = "queue_items"
    __table_args__ = (Index("ix_queue_open", "status", "team", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    team: Mapped[str] = mapped_column(String(32), default="general")
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    tags: Mapped[dict[str, Any]] = mapped_column(default=dict)  # {"tags": [...]}
    reason: Mapped[str] = mapped_column(String(32))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    summary_en: Mapped[str] = mapped_column(StoredText, default="")
    summary_ur: Mapped[str] = mapped_column(StoredText, default="")
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    due_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    rating: Mapped[int | None] = mapped_column(Integer)


class Transition(Base):
    """Every change of a conversation's owner: from, to, who (``bot``, ``user``, ``staff:<name>``) and why."""

    __tablename__ = "transitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    from_state: Mapped[str] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(String(32))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StaffNote(Base):
    """An internal note on a conversation: staff read it, the user never does."""

    __tablename__ = "staff_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    text: Mapped[str] = mapped_column(StoredText)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(Base):
    """A staff action (:class:`bot.storage.states.StaffAction`), kept for admins to read."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    conversation_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    client: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class FlowRequest(Base):
    """A booking or application the user confirmed: what is handed to the park's backend.

    ``reference`` (``BK-7F3K2Q``) is what the user and the backend both quote. ``key`` is the
    conversation-scoped id of the confirming turn, unique, so a turn re-run after a crash finds the
    request it already made instead of making a second one. ``data`` holds the personal details the
    handoff needs (phone, CNIC, email) and nothing else about the user.
    """

    __tablename__ = "flow_requests"
    __table_args__ = (UniqueConstraint("reference", name="uq_flow_requests_reference"),
                      UniqueConstraint("key", name="uq_flow_requests_key"),
                      Index("ix_flow_requests_user", "channel", "user_ref"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    flow: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(32))
    #: the user as their channel names them (also the outbox recipient for messages about it)
    user_ref: Mapped[str] = mapped_column(String(128))
    language: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default="submitted")
    note: Mapped[str | None] = mapped_column(StoredText)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class WebhookDelivery(Base):
    """One signed POST to the backend, written in the same transaction as its request.

    ``webhook_id`` is the Standard Webhooks ``webhook-id``: the same on every retry, so it is the
    receiver's idempotency key. ``body`` is the exact JSON sent (signed as is). A worker claims a due
    row by setting ``lease_until`` (and, on PostgreSQL, with ``FOR UPDATE SKIP LOCKED``), so several
    processes never post the same row at once; a killed worker's lease runs out and another retries.
    """

    __tablename__ = "webhook_deliveries"
    __table_args__ = (UniqueConstraint("webhook_id", name="uq_webhook_deliveries_id"),
                      Index("ix_webhook_deliveries_due", "status", "next_attempt_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    webhook_id: Mapped[str] = mapped_column(String(64))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("flow_requests.id", ondelete="SET NULL"), index=True)
    event: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(StoredText)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    last_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(StoredText)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class BackendEvent(Base):
    """A status callback from the backend, kept by its ``webhook-id``: a repeated callback changes
    nothing and tells the user nothing twice."""

    __tablename__ = "backend_events"
    __table_args__ = (UniqueConstraint("webhook_id", name="uq_backend_events_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    webhook_id: Mapped[str] = mapped_column(String(128))
    reference: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
