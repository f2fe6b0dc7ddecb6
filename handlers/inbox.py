"""The inbound half of the channel pipeline, in the database: accept, claim a turn, finish it.

A channel webhook calls :meth:`Inbox.accept` and acknowledges only after it returns, so a message
the provider considers delivered is a row here, whatever happens to the process next. The
provider's id is unique per channel: a redelivery (Twilio retrying, Telegram re-sending after a
timeout, or the same POST reaching two app processes) is recognised and not answered again.

Work is claimed per sender under a :class:`~bot.storage.turns.Lease`, so one conversation is answered in
order by one worker at a time, in any number of processes, while different conversations proceed
in parallel. A burst of short messages ("salam", "mujhe", "rent ka poochna tha") becomes one turn.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.models import Inbound, Lease, Outbound, utcnow
from bot.storage.states import InboundStatus, OutboundStatus
from bot.storage.turns import Store

#: Messages not answered yet.
_OPEN = (InboundStatus.PENDING, InboundStatus.PROCESSING)
#: At most this many messages are answered as one turn.
MAX_TURN_MESSAGES = 10
#: A message this short (in words) may be the start of a burst; a longer one is answered at once.
SHORT_WORDS = 3
_COMPLETE = re.compile(r"[?؟]\s*$")


@dataclass(frozen=True)
class Accepted:
    """What :meth:`Inbox.accept` did with one delivery."""

    id: int
    duplicate: bool = False
    limited: bool = False


@dataclass
class Turn:
    """Messages from one sender answered together; ``id`` is the first message's row id."""

    id: int
    channel: str
    sender: str
    kind: str
    rows: list[Inbound] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.rows if r.text.strip())


def is_short(text: str) -> bool:
    """A fragment that probably has more coming: a few words and no question mark."""
    return len(text.split()) <= SHORT_WORDS and not _COMPLETE.search(text)


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands datetimes back naive; they were written in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class Inbox:
    def __init__(self, store: Store, *, rate_limit: int = 20, burst_seconds: float = 1.5,
                 lease_seconds: float = 60.0) -> None:
        self.store = store
        self.rate_limit = rate_limit
        self.burst = dt.timedelta(seconds=burst_seconds)
        self.lease = dt.timedelta(seconds=lease_seconds)
        # webhooks acknowledge only after accept(); reserved threads keep that quick under load
        self._ingress = concurrent.futures.ThreadPoolExecutor(max_workers=16, thread_name_prefix="ingress")

    async def accept_async(self, channel: str, provider_id: str, sender: str, text: str, *, kind: str = "text",
                           payload: dict[str, object] | None = None) -> Accepted:
        """:meth:`accept` from async code, on the inbox's own threads."""
        call = partial(self.accept, channel, provider_id, sender, text, kind=kind, payload=payload)
        return await asyncio.get_running_loop().run_in_executor(self._ingress, call)

    # -- webhook side ----------------------------------------------------------------------------
    def accept(self, channel: str, provider_id: str, sender: str, text: str, *, kind: str = "text",
               payload: dict[str, object] | None = None) -> Accepted:
        """Persist one delivery (before the provider is acknowledged); a repeat is only reported."""
        with self.store.session() as session:
            existing = session.scalar(select(Inbound.id).where(Inbound.channel == channel,
                                                               Inbound.provider_id == provider_id))
            if existing is not None:
                return Accepted(existing, duplicate=True)
            now = utcnow()
            recent = session.scalar(select(func.count()).select_from(Inbound).where(
                Inbound.channel == channel, Inbound.sender == sender,
                Inbound.received_at > now - dt.timedelta(minutes=1)))
            limited = bool(self.rate_limit) and (recent or 0) >= self.rate_limit
            row = Inbound(channel=channel, provider_id=provider_id, sender=sender, kind=kind, text=text,
                          payload=payload or {}, received_at=now,
                          status=InboundStatus.LIMITED if limited else InboundStatus.PENDING)
            session.add(row)
            try:
                session.flush()
            except IntegrityError:  # the same delivery, stored by a concurrent request a moment ago
                session.rollback()
                found = session.scalar(select(Inbound.id).where(Inbound.channel == channel,
                                                                Inbound.provider_id == provider_id))
                return Accepted(found or 0, duplicate=True)
            # the user wrote: messages that waited for WhatsApp's 24-hour window may go now
            session.execute(update(Outbound).where(Outbound.channel == channel, Outbound.recipient == sender,
                                                   Outbound.status == OutboundStatus.WAITING)
                            .values(status=OutboundStatus.PENDING, next_attempt_at=now))
            session.commit()
            return Accepted(row.id, limited=limited)

    def last_inbound_at(self, channel: str, sender: str) -> dt.datetime | None:
        with self.store.session() as session:
            value = session.scalar(select(func.max(Inbound.received_at)).where(
                Inbound.channel == channel, Inbound.sender == sender))
        return _aware(value) if value is not None else None

    # -- worker side -----------------------------------------------------------------------------
    def waiting_senders(self, limit: int = 100) -> list[tuple[str, str]]:
        """(channel, sender) pairs with messages to answer, oldest first (stale claims included)."""
        with self.store.session() as session:
            rows = session.execute(
                select(Inbound.channel, Inbound.sender, func.min(Inbound.id).label("first"))
                .where(Inbound.status.in_(_OPEN))
                .group_by(Inbound.channel, Inbound.sender).order_by("first").limit(limit)).all()
        return [(r.channel, r.sender) for r in rows]

    def acquire(self, name: str, holder: str) -> bool:
        """Take (or renew) the lease ``name`` unless another live holder has it."""
        now = utcnow()
        until = now + self.lease
        insert = postgresql.insert if self.store.engine.dialect.name == "postgresql" else sqlite.insert
        statement = insert(Lease).values(name=name, holder=holder, until=until)
        statement = statement.on_conflict_do_update(
            index_elements=[Lease.name], set_={"holder": holder, "until": until},
            where=(Lease.until < now) | (Lease.holder == holder))
        with self.store.session() as session:
            session.execute(statement)
            session.commit()
            return session.scalar(select(Lease.holder).where(Lease.name == name)) == holder

    def release(self, name: str, holder: str) -> None:
        with self.store.session() as session:
            session.execute(update(Lease).where(Lease.name == name, Lease.holder == holder)
                            .values(until=utcnow() - dt.timedelta(seconds=1)))
            session.commit()

    def claim(self, channel: str, sender: str, holder: str) -> Turn | dt.datetime | None:
        """The sender's next turn, or the time to look again (a burst still arriving), or None.

        Call it only while holding the sender's lease. Messages a crashed worker had claimed come back
        as the same turn (same id), so the assistant recognises it and nothing is answered twice.
        """
        with self.store.session() as session:
            rows = list(session.scalars(
                select(Inbound).where(Inbound.channel == channel, Inbound.sender == sender,
                                      Inbound.status.in_(_OPEN))
                .order_by(Inbound.id).limit(MAX_TURN_MESSAGES)))
            if not rows:
                return None
            first = rows[0]
            if first.turn is not None:  # claimed before a crash: the same turn again
                batch = [r for r in rows if r.turn == first.turn]
            elif first.kind != "text":
                batch = [first]
            else:
                # a run of short fragments and the message that completes them; a full question alone
                batch = []
                for row in rows:
                    if row.kind != "text" or row.turn is not None:
                        break
                    batch.append(row)
                    if not is_short(row.text):
                        break
                newest = batch[-1]
                ready_at = _aware(newest.received_at) + self.burst
                if is_short(newest.text) and len(batch) == len(rows) and utcnow() < ready_at:
                    return ready_at
            now = utcnow()
            for row in batch:
                row.status, row.turn, row.claimed_by, row.claimed_at = InboundStatus.PROCESSING, first.id, holder, now
            session.commit()
            return Turn(first.id, channel, sender, first.kind, batch)

    def attempt_failed(self, turn: Turn, error: str) -> int:
        """Count a failed attempt at answering ``turn``; returns how many attempts have failed."""
        with self.store.session() as session:
            rows = list(session.scalars(select(Inbound).where(Inbound.id.in_([r.id for r in turn.rows]))))
            for row in rows:
                row.attempts = (row.attempts or 0) + 1
                row.error = error[:2000]
            session.commit()
            return max((r.attempts for r in rows), default=0)

    def finish(self, session: Session, turn: Turn, *, status: InboundStatus = InboundStatus.DONE,
               error: str | None = None) -> None:
        """Mark a turn's messages answered, in the caller's transaction (with the reply's enqueueing)."""
        session.execute(update(Inbound).where(Inbound.id.in_([r.id for r in turn.rows]))
                        .values(status=status, error=error))
