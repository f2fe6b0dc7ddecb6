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


class StaffRole(StrEnum):
    """What a member of staff may do: agents work the queue; admins also read the audit log, replay
    dead letters and manage the knowledge-gap FAQ entries of others."""

    AGENT = "agent"
    ADMIN = "admin"


class QueueStatus(StrEnum):
    """One escalation's life in the queue (a conversation may be escalated again later: a new item)."""

    OPEN = "open"  # waiting for or handled by a person (the conversation is queued or human)
    CLOSED = "closed"  # resolved, handed back, or the user went back to the bot


class Priority(StrEnum):
    URGENT = "urgent"  # distress or complaint words
    HIGH = "high"
    NORMAL = "normal"


class EscalationReason(StrEnum):
    """Why a conversation changed owner; kept on every transition."""

    ASKED = "asked"  # the user asked for a person
    LOW_CONFIDENCE = "low_confidence"  # the bot could not answer, twice in a row
    FLOW_FAILED = "flow_failed"  # a flow step failed repeatedly
    COMPLAINT = "complaint"  # complaint or distress words
    TOPIC = "topic"  # a configured topic routed straight to a team
    STAFF_TAKEOVER = "staff_takeover"  # a member of staff took the conversation over
    CLAIMED = "claimed"
    RELEASED = "released"
    RESOLVED = "resolved"
    HANDED_BACK = "handed_back"  # staff gave the conversation back to the bot
    USER_BACK_TO_BOT = "user_back_to_bot"  # "back to bot" / "bot se baat karni hai"
    NEXT_MESSAGE = "next_message"  # a resolved conversation's next message: the bot answers again


class StaffAction(StrEnum):
    """What the audit log records."""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    CLAIM = "claim"
    ASSIGN = "assign"
    RELEASE = "release"
    TAKE_OVER = "take_over"
    REPLY = "reply"
    NOTE = "note"
    RESOLVE = "resolve"
    HAND_BACK = "hand_back"
    FAQ = "faq"
    REPLAY = "replay"


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
