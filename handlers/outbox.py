"""The outbound half of the channel pipeline, in the database: what to send, and what happened.

Every message to a user (the assistant's reply, a staff member's answer, a status update, a notice)
is a row before it is sent, so a crash or a provider outage delays it instead of losing it. Rows go
out in order per recipient; a transient failure holds the recipient's queue and retries with
backoff; a permanent one is recorded with the provider's error. A long text is sent in parts, and
``parts_sent`` is saved after each, so a resumed delivery does not repeat the parts that arrived.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from bot.storage.models import DeliveryEvent, Outbound, utcnow
from bot.storage.states import OutboundKind, OutboundStatus
from bot.storage.turns import Store

#: Attempts before a message that keeps failing transiently is given up (and marked failed).
MAX_ATTEMPTS = 8


class Options(TypedDict, total=False):
    """What a queued message carries besides its text (stored as the row's ``options``)."""

    language: str
    choices: list[str]  # button data, e.g. ["person:yes:en", "person:no:en"]


def backoff(attempts: int, retry_after: float | None = None) -> dt.timedelta:
    """1, 2, 4 ... seconds (at most 5 minutes), or what the provider asked for."""
    seconds = retry_after if retry_after is not None else min(300.0, 2.0 ** max(0, attempts - 1))
    return dt.timedelta(seconds=seconds)


class Outbox:
    def __init__(self, store: Store) -> None:
        self.store = store

    def enqueue(self, key: str, channel: str, recipient: str, text: str, *, kind: OutboundKind = OutboundKind.REPLY,
                options: Options | None = None, session: Session | None = None) -> int:
        """Queue one message; the same ``key`` again returns the first row's id (nothing is sent twice)."""
        if session is not None:
            return self._enqueue(session, key, channel, recipient, text, kind, options)
        with self.store.session() as own:
            row_id = self._enqueue(own, key, channel, recipient, text, kind, options)
            own.commit()
            return row_id

    @staticmethod
    def _enqueue(session: Session, key: str, channel: str, recipient: str, text: str, kind: str,
                 options: Options | None) -> int:
        existing = session.scalar(select(Outbound.id).where(Outbound.key == key))
        if existing is not None:
            return existing
        row = Outbound(key=key, channel=channel, recipient=recipient, text=text, kind=kind, options=dict(options or {}),
                       provider_ids={"parts": []})
        session.add(row)
        # a concurrent enqueue of the same key fails here and the caller's whole transaction with it;
        # a conversation's lease makes that a crash-recovery corner, and the retry finds the row
        session.flush()
        return row.id

    def due_recipients(self, limit: int = 100) -> list[tuple[str, str]]:
        """(channel, recipient) pairs whose oldest unsent message is due now (a later message that is
        due does not count while an earlier one waits for its retry: order comes first)."""
        oldest = (select(func.min(Outbound.id).label("id")).where(Outbound.status == OutboundStatus.PENDING)
                  .group_by(Outbound.channel, Outbound.recipient).subquery())
        with self.store.session() as session:
            rows = session.execute(
                select(Outbound.channel, Outbound.recipient).join(oldest, Outbound.id == oldest.c.id)
                .where(Outbound.next_attempt_at <= utcnow()).order_by(Outbound.id).limit(limit)).all()
        return [(r.channel, r.recipient) for r in rows]

    def next_for(self, channel: str, recipient: str) -> Outbound | None:
        """The recipient's oldest unsent message, if it is due (a later one never overtakes it)."""
        with self.store.session() as session:
            row = session.scalar(select(Outbound).where(
                Outbound.channel == channel, Outbound.recipient == recipient, Outbound.status == OutboundStatus.PENDING)
                .order_by(Outbound.id).limit(1))
            if row is None:
                return None
            due = row.next_attempt_at if row.next_attempt_at.tzinfo else row.next_attempt_at.replace(tzinfo=dt.UTC)
            return row if due <= utcnow() else None

    def get(self, row_id: int) -> Outbound | None:
        with self.store.session() as session:
            return session.get(Outbound, row_id)

    def part_sent(self, row_id: int, provider_id: str, *, mode: str = "session") -> None:
        """One more part arrived at the provider; remember it before sending the next."""
        with self.store.session() as session:
            row = session.get(Outbound, row_id)
            if row is None:
                return
            row.parts_sent += 1
            row.provider_ids = {**row.provider_ids, "parts": [*row.provider_ids.get("parts", []), provider_id],
                                "mode": mode}
            session.commit()

    def finished(self, row_id: int, status: OutboundStatus, error: str | None = None) -> None:
        """``sent``, ``failed`` (with the provider's error) or ``waiting`` (for the user to write)."""
        with self.store.session() as session:
            row = session.get(Outbound, row_id)
            if row is None:
                return
            row.status, row.error = status, error
            if status == OutboundStatus.SENT:
                row.sent_at = utcnow()
            session.commit()

    def retry_later(self, row_id: int, error: str, retry_after: float | None = None) -> OutboundStatus:
        """Record a transient failure; returns the row's new status (``pending`` or, at last, ``failed``)."""
        with self.store.session() as session:
            row = session.get(Outbound, row_id)
            if row is None:
                return OutboundStatus.FAILED
            row.attempts += 1
            row.error = error
            if row.attempts >= MAX_ATTEMPTS:
                row.status = OutboundStatus.FAILED
            else:
                row.next_attempt_at = utcnow() + backoff(row.attempts, retry_after)
            session.commit()
            return OutboundStatus(row.status)

    def record_event(self, channel: str, provider_id: str, status: str, error_code: str | None,
                     payload: dict[str, object]) -> None:
        """A provider's status report (Twilio's status callback) on a message we sent.

        A late failure lands on the message too: WhatsApp's "outside the 24-hour window" (63016) puts it
        back to ``waiting`` for the user's next message; any other failure marks it ``failed`` with the code.
        """
        with self.store.session() as session:
            session.add(DeliveryEvent(channel=channel, provider_id=provider_id, status=status,
                                      error_code=error_code, payload=payload))
            if status in ("failed", "undelivered") and provider_id:
                row = session.scalar(select(Outbound).where(
                    Outbound.channel == channel, cast(Outbound.provider_ids, Text).contains(provider_id)))
                if row is not None:
                    if error_code == "63016":
                        row.status, row.parts_sent, row.next_attempt_at = OutboundStatus.WAITING, 0, utcnow()
                    else:
                        row.status = OutboundStatus.FAILED
                    row.error = f"{channel} reported {status}" + (f" (error {error_code})" if error_code else "")
            session.commit()
