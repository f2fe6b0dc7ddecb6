"""Confirmed flows in the database: the request and its webhook delivery, written in one transaction.

Because the webhook row (the outbox of the backend handoff) is committed with the request, a request
the user was given a reference for is always delivered, and one that was never committed is never
delivered. The key is the confirming turn's conversation-scoped id, so a turn re-run after a crash
gets back the same reference instead of making a second request. Also here: what is stored about a
user and erasing it, each reachable only through the user's own conversation.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from bot.flows.engine import Submission
from bot.flows.fields import MASKS
from bot.flows.spec import PERSONAL, FlowSpec
from bot.storage.models import (
    Conversation,
    FlowRequest,
    Inbound,
    Message,
    Outbound,
    QueueItem,
    StaffNote,
    User,
    WebhookDelivery,
    utcnow,
)
from bot.storage.states import DeliveryStatus, RequestStatus
from bot.storage.turns import Store, message_key

#: Readable and unambiguous on a phone screen: no 0/O, 1/I/L.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference(prefix: str) -> str:
    """``BK-7F3K2Q``: 31^6 (~900 million) per prefix; a collision is caught by the unique index."""
    return f"{prefix}-{''.join(secrets.choice(ALPHABET) for _ in range(6))}"


def webhook_body(flow: FlowSpec, reference: str, channel: str, lang: str, values: dict[str, Any],
                 created: str) -> str:
    """The JSON the backend receives (docs/webhooks.md has its schema), exactly as signed and stored."""
    return json.dumps({"type": flow.event, "timestamp": created, "data": {
        "reference": reference, "flow": flow.name, "channel": channel, "language": lang, "fields": values}},
        ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class StoredRequest:
    reference: str
    flow: str
    status: str
    data: dict[str, Any]


class Requests(Protocol):
    """What the conversation needs of the request store (a fake in tests, the database in the app)."""

    def submit(self, submission: Submission, *, channel: str, user: str, turn_id: str) -> str: ...
    def of_user(self, channel: str, user: str) -> list[StoredRequest]: ...
    def erase_user(self, channel: str, user: str, *, keep_delivered: bool) -> list[str]: ...
    def message_count(self, channel: str, user: str) -> int: ...


class RequestStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def submit(self, submission: Submission, *, channel: str, user: str, turn_id: str) -> str:
        """Store the request and its webhook in one transaction; the reference to show the user."""
        key = f"{channel[:12]}:{message_key(user, turn_id)}"
        for _ in range(5):
            with self.store.session() as session:
                existing = session.scalar(select(FlowRequest.reference).where(FlowRequest.key == key))
                if existing is not None:
                    return existing
                reference = new_reference(submission.flow.prefix)
                created = utcnow()
                request = FlowRequest(reference=reference, key=key, flow=submission.flow.name, channel=channel,
                                      user_ref=user, language=submission.lang, data=submission.values,
                                      status=RequestStatus.SUBMITTED, created_at=created, updated_at=created)
                session.add(request)
                session.flush()
                session.add(WebhookDelivery(
                    webhook_id=f"msg_{uuid.uuid4().hex}", request_id=request.id, event=submission.flow.event,
                    body=webhook_body(submission.flow, reference, channel, submission.lang, submission.values,
                                      created.isoformat()),
                    status=DeliveryStatus.PENDING, next_attempt_at=created))
                try:
                    session.commit()
                except IntegrityError:  # the same turn raced us, or (rarely) the reference was taken
                    session.rollback()
                    continue
                return reference
        raise RuntimeError("could not store the request")

    def of_user(self, channel: str, user: str) -> list[StoredRequest]:
        with self.store.session() as session:
            rows = session.scalars(select(FlowRequest).where(FlowRequest.channel == channel,
                                                             FlowRequest.user_ref == user)
                                   .order_by(FlowRequest.id)).all()
            return [StoredRequest(r.reference, r.flow, r.status, dict(r.data)) for r in rows]

    def message_count(self, channel: str, user: str) -> int:
        with self.store.session() as session:
            return session.scalar(
                select(func.count(Message.id)).join(Conversation, Message.conversation_id == Conversation.id)
                .join(User, Conversation.user_id == User.id)
                .where(User.channel == channel, User.external_id == user)) or 0

    def erase_user(self, channel: str, user: str, *, keep_delivered: bool) -> list[str]:
        """Erase what this user's conversation stored: messages, channel queues, requests not yet handed
        over (their webhooks are dropped). A request the backend already accepted keeps its details if
        ``keep_delivered`` (the backend's records refer to it), else they are masked. Returns the references
        the backend already has (kept or masked)."""
        kept: list[str] = []
        with self.store.session() as session:
            conversations = select(Conversation.id).join(User, Conversation.user_id == User.id).where(
                User.channel == channel, User.external_id == user)
            session.execute(update(Message).where(Message.conversation_id.in_(conversations)).values(reply_to=None))
            session.execute(delete(Message).where(Message.conversation_id.in_(conversations)))
            session.execute(update(Conversation).where(Conversation.id.in_(conversations)).values(context={}))
            # the queue's summaries quote the user's last messages, and staff notes may repeat what they said: both
            # are this user's data too (the queue's states and the audit of who did what stay)
            session.execute(update(QueueItem).where(QueueItem.conversation_id.in_(conversations))
                            .values(summary_en="", summary_ur=""))
            session.execute(delete(StaffNote).where(StaffNote.conversation_id.in_(conversations)))
            session.execute(delete(Inbound).where(Inbound.channel == channel, Inbound.sender == user,
                                                  Inbound.status.in_(("done", "failed", "limited"))))
            session.execute(delete(Outbound).where(Outbound.channel == channel, Outbound.recipient == user,
                                                   Outbound.status != "pending"))
            for request in session.scalars(select(FlowRequest).where(FlowRequest.channel == channel,
                                                                     FlowRequest.user_ref == user)).all():
                if request.status == RequestStatus.SUBMITTED:
                    session.execute(delete(WebhookDelivery).where(WebhookDelivery.request_id == request.id))
                    session.delete(request)
                elif keep_delivered:
                    kept.append(request.reference)
                else:
                    kept.append(request.reference)
                    request.data = masked(request.data)
                    request.status = RequestStatus.ERASED
                    session.execute(update(WebhookDelivery).where(WebhookDelivery.request_id == request.id)
                                    .values(body="{}"))
            session.commit()
        return kept


def masked(values: dict[str, Any]) -> dict[str, Any]:
    """Values with every personal detail masked (the flows name those fields after their types)."""
    masks = {kind.value: MASKS[kind] for kind in PERSONAL}
    return {name: masks[name](str(value)) if name in masks and value is not None else value
            for name, value in values.items()}
