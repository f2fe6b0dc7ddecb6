"""Every status and kind the database stores, defined once as string enums.

They are ``StrEnum``s: a row holds the plain value (``"queued"``), and code compares and writes the
member, so a typo is a type error instead of a conversation stuck in a state nothing handles.
"""

from __future__ import annotations

from enum import StrEnum


class ChannelName(StrEnum):
    """Where a conversation happens. A user is who their channel says: the same phone number on
    WhatsApp and a web visitor who types it are two users."""

    WEB = "web"
    WHATSAPP = "whatsapp"
    TELEGRAM = "telegram"
    CLI = "cli"


class ConversationStatus(StrEnum):
    """Who owns a conversation: ``bot -> queued -> human -> resolved -> bot``."""

    BOT = "bot"
    QUEUED = "queued"
    HUMAN = "human"
    RESOLVED = "resolved"


class InboundKind(StrEnum):
    TEXT = "text"
    MEDIA = "media"
    COMMAND = "command"
    BUTTON = "button"


class InboundStatus(StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    DONE = "done"
    LIMITED = "limited"
    FAILED = "failed"


class OutboundKind(StrEnum):
    """Who started an outgoing message."""

    REPLY = "reply"
    STAFF = "staff"
    STATUS = "status"
    NOTICE = "notice"


class OutboundStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    WAITING = "waiting"


class RequestStatus(StrEnum):
    """Where a confirmed booking or application stands: stored and queued for the backend
    (``submitted``), taken by the backend's webhook (``accepted``), then the backend's own answer
    through ``POST /webhooks/backend/status``."""

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    CONFIRMED = "confirmed"
    RESCHEDULED = "rescheduled"
    REJECTED = "rejected"
    #: the user asked for their data to be deleted: the row keeps only what the backend's records need
    ERASED = "erased"


class DeliveryStatus(StrEnum):
    """A webhook to the backend: ``pending`` (due at ``next_attempt_at``), ``delivered`` (a 2xx),
    ``dead`` (every attempt failed: a dead letter, replayable), ``gone`` (the backend answered 410:
    it does not want this kind of request; never retried by itself)."""

    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"
    GONE = "gone"
