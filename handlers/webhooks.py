"""The backend handoff: signed webhook deliveries of confirmed requests, and the backend's status callbacks.

Deliveries are rows (``webhook_deliveries``) committed with their request, so the worker only has
to find due rows and post them. A row is claimed with a lease (and, on PostgreSQL, ``FOR UPDATE SKIP
LOCKED``) before it is posted, so several app processes never post the same row at once; a process
killed mid-post leaves a lease that runs out, and the row is posted again with the same
``webhook-id`` (the receiver's idempotency key: it sees the id again and accepts it once). Every POST
is signed per Standard Webhooks (``standardwebhooks`` signs ``id.timestamp.body`` with HMAC-SHA256).
Only 2xx is success; 410 stops for good; anything else (5xx, 429, a timeout, no connection) waits
the next step of the retry schedule (with jitter, or the ``Retry-After`` asked for) and, after the
last, becomes a dead letter that ``parkbot deliveries replay`` sends again.

``POST /webhooks/backend/status`` is the backend's answer (confirmed, rescheduled, rejected), verified
the same way (a bad or stale signature gets 401 and changes nothing); the user hears it in their own
language through their own channel's outbox (WhatsApp's 24-hour window is the outbox's business).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email.utils
import json
import logging
import os
import random
import socket
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import or_, select, update
from standardwebhooks import Webhook

from bot.flows.fields import mask_text
from bot.settings import Settings
from bot.storage.models import BackendEvent, Conversation, FlowRequest, User, WebhookDelivery, utcnow
from bot.storage.states import DeliveryStatus, OutboundKind, RequestStatus
from bot.storage.turns import Store
from bot.texts import say
from handlers.outbox import Outbox

log = logging.getLogger("parkbot.webhooks")

#: Deliveries one process posts at once (and claims per scan).
CONCURRENCY = 20
#: Longest Retry-After honoured (a backend asking for a week is asked again in a day).
MAX_RETRY_AFTER = 86400.0


class Notifier(Protocol):
    def __call__(self) -> None:
        """Something was queued for a user: the channel pipeline should look now."""


@dataclass(frozen=True)
class Claimed:
    id: int
    webhook_id: str
    event: str
    body: str
    attempts: int


@dataclass(frozen=True)
class Attempt:
    """What one POST came to: the HTTP status (None: no answer), and Retry-After in seconds if given."""

    code: int | None
    error: str = ""
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.code is not None and 200 <= self.code < 300


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    with contextlib.suppress(TypeError, ValueError):
        when = email.utils.parsedate_to_datetime(value)
        return min(max(0.0, (when - (now or utcnow())).total_seconds()), MAX_RETRY_AFTER)
    return None


def next_delay(schedule: Sequence[float], attempts: int, retry_after: float | None,
               rng: Callable[[], float] = random.random) -> float | None:
    """Seconds until the next try after ``attempts`` failed ones, or None when the schedule is spent.

    The schedule's step gets +-20% jitter, so many deliveries failing together do not retry together;
    a Retry-After the backend sent is honoured when it asks for longer.
    """
    if attempts > len(schedule):
        return None
    step = schedule[attempts - 1] * (0.8 + 0.4 * rng())
    return max(step, retry_after) if retry_after is not None else step


class DeliveryStore:
    """The deliveries' rows: claim under a lease, record outcomes, list and replay dead letters."""

    def __init__(self, store: Store, outbox: Outbox, schedule: Sequence[float], lease_seconds: float) -> None:
        self.store = store
        self.outbox = outbox
        self.schedule = list(schedule)
        self.lease = dt.timedelta(seconds=lease_seconds)

    def claim(self, holder: str, limit: int = 20) -> list[Claimed]:
        """Due rows, each taken for ``holder`` until its lease ends; rows others hold are skipped."""
        now = utcnow()
        due = (WebhookDelivery.status == DeliveryStatus.PENDING, WebhookDelivery.next_attempt_at <= now,
               or_(WebhookDelivery.lease_until.is_(None), WebhookDelivery.lease_until < now))
        claimed: list[Claimed] = []
        with self.store.session() as session:
            rows = session.scalars(select(WebhookDelivery).where(*due).order_by(WebhookDelivery.id).limit(limit)
                                   .with_for_update(skip_locked=True)).all()
            for row in rows:
                # the conditional update is the claim on SQLite (no row locks): whoever changes the row wins
                taken = session.execute(update(WebhookDelivery).where(WebhookDelivery.id == row.id, *due)
                                        .values(lease_until=now + self.lease, claimed_by=holder)
                                        .execution_options(synchronize_session=False))
                if getattr(taken, "rowcount", 0) == 1:
                    claimed.append(Claimed(row.id, row.webhook_id, row.event, row.body, row.attempts))
            session.commit()
        return claimed

    def record(self, claimed: Claimed, attempt: Attempt, holder: str) -> DeliveryStatus:
        """Store what the POST came to; on success the request is accepted and its user told, in the same
        transaction (the message is queued once, by its key)."""
        with self.store.session() as session:
            row = session.get(WebhookDelivery, claimed.id)
            if row is None or row.status != DeliveryStatus.PENDING:
                return DeliveryStatus(row.status) if row is not None else DeliveryStatus.DEAD
            row.attempts += 1
            row.last_code = attempt.code
            row.lease_until, row.claimed_by = None, None
            if attempt.ok:
                row.status, row.error, row.delivered_at = DeliveryStatus.DELIVERED, None, utcnow()
                request = session.get(FlowRequest, row.request_id) if row.request_id else None
                if request is not None and request.status == RequestStatus.SUBMITTED:
                    request.status = RequestStatus.ACCEPTED
                    self.outbox.enqueue(f"flow:{request.reference}:accepted", request.channel, request.user_ref,
                                        say("flow_accepted", request.language, reference=request.reference),
                                        kind=OutboundKind.STATUS, options={"language": request.language},
                                        session=session)
            elif attempt.code == 410:
                row.status, row.error = DeliveryStatus.GONE, "410 Gone: the backend takes no more of these"
            else:
                row.error = attempt.error or f"HTTP {attempt.code}"
                delay = next_delay(self.schedule, row.attempts, attempt.retry_after)
                if delay is None:
                    row.status = DeliveryStatus.DEAD
                else:
                    row.next_attempt_at = utcnow() + dt.timedelta(seconds=delay)
            session.commit()
            return DeliveryStatus(row.status)

    def rows(self, status: str | None = None, limit: int = 200, *, conversation_id: int | None = None
             ) -> list[dict[str, Any]]:
        """Deliveries newest first, each with its request's reference (one query): all, those of one status,
        or those of one conversation's user (the staff console's view of a conversation)."""
        query = (select(WebhookDelivery, FlowRequest.reference)
                 .outerjoin(FlowRequest, WebhookDelivery.request_id == FlowRequest.id)
                 .order_by(WebhookDelivery.id.desc()).limit(limit))
        if status:
            query = query.where(WebhookDelivery.status == status)
        if conversation_id is not None:
            owner = (User.channel == FlowRequest.channel) & (User.external_id == FlowRequest.user_ref)
            query = (query.join(User, owner).join(Conversation, Conversation.user_id == User.id)
                     .where(Conversation.id == conversation_id))
        with self.store.session() as session:
            return [{"id": row.id, "webhook_id": row.webhook_id, "kind": row.event, "reference": reference,
                     "status": row.status, "attempts": row.attempts, "last_code": row.last_code,
                     "error": mask_text(row.error) if row.error else None, "at": row.created_at,
                     "next_attempt_at": row.next_attempt_at} for row, reference in session.execute(query).all()]

    def replay(self, ids: Sequence[int] = (), *, every_dead: bool = False) -> int:
        """Send dead (or gone) deliveries again, from a fresh schedule; same webhook-id, same body."""
        with self.store.session() as session:
            query = update(WebhookDelivery).where(WebhookDelivery.status.in_((DeliveryStatus.DEAD,
                                                                               DeliveryStatus.GONE)))
            if not every_dead:
                query = query.where(WebhookDelivery.id.in_(list(ids)))
            done = session.execute(query.values(status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=utcnow(),
                                                lease_until=None, claimed_by=None, error=None)
                                   .execution_options(synchronize_session=False))
            session.commit()
            return int(getattr(done, "rowcount", 0) or 0)


class StaffDeliveries:
    """The deliveries as the staff console lists them (``handlers.staff.Deliveries``): one conversation's (the
    requests its user confirmed) or every one, newest first, and replay of one dead letter."""

    def __init__(self, deliveries: DeliveryStore, limit: int = 200) -> None:
        self.deliveries = deliveries
        self.limit = limit

    def rows(self, conversation_id: int | None) -> list[dict[str, Any]]:
        return self.deliveries.rows(limit=self.limit, conversation_id=conversation_id)

    def replay(self, delivery_id: str) -> bool:
        """Queue one dead letter again (same webhook-id); False for an unknown id or one that is not dead."""
        try:
            number = int(delivery_id)
        except ValueError:
            return False
        return self.deliveries.replay([number]) > 0


class DeliveryWorker:
    """Posts due deliveries from inside ``serve`` (or any process): safe to run in several at once."""

    def __init__(self, settings: Settings, deliveries: DeliveryStore, *, notify: Notifier | None = None) -> None:
        self.settings = settings
        self.deliveries = deliveries
        self.notify = notify
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        self.signer = Webhook(secret) if secret else None
        self.urls = {"booking": settings.webhook_booking_url, "application": settings.webhook_application_url}
        self.holder = f"{socket.gethostname()[:24]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._client: httpx.AsyncClient | None = None
        self._event_loop: asyncio.AbstractEventLoop | None = None

    def url_for(self, event: str) -> str | None:
        return self.urls.get(event.split(".")[0]) or self.settings.webhook_url

    def signed_headers(self, webhook_id: str, body: str, now: dt.datetime | None = None) -> dict[str, str]:
        """The Standard Webhooks headers for one attempt (the timestamp is the attempt's, the id the row's)."""
        assert self.signer is not None
        when = (now or utcnow()).replace(microsecond=0)
        return {"content-type": "application/json", "webhook-id": webhook_id,
                "webhook-timestamp": str(int(when.timestamp())),
                "webhook-signature": self.signer.sign(webhook_id, when, body), "user-agent": "parkbot-webhooks/1"}

    # -- lifecycle -----------------------------------------------------------------------------------
    async def start(self) -> None:
        if self.signer is None:
            log.warning("PARKBOT_WEBHOOK_SECRET is not set: bookings and applications wait, unsent")
            return
        self._client = httpx.AsyncClient(timeout=self.settings.webhook_timeout, follow_redirects=False,
                                         limits=httpx.Limits(max_connections=CONCURRENCY))
        self._event_loop = asyncio.get_running_loop()
        self._task = asyncio.create_task(self._loop(), name="parkbot-webhooks")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._client is not None:
            await self._client.aclose()

    def wake(self) -> None:
        """A request was just stored (from any thread): look now rather than at the next poll, so a
        confirmed request reaches the backend in well under a second."""
        loop = self._event_loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    async def _loop(self) -> None:
        while True:
            self._wake.clear()
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:  # a database hiccup must not stop deliveries for good
                log.exception("webhook delivery scan failed; retrying")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.settings.webhook_poll_seconds)

    async def run_once(self) -> int:
        """Claim and post what is due now; the number of rows handled."""
        claimed = await asyncio.to_thread(self.deliveries.claim, self.holder, CONCURRENCY)
        if not claimed:
            return 0
        outcomes = await asyncio.gather(*(self._post(row) for row in claimed))
        if any(status == DeliveryStatus.DELIVERED for status in outcomes) and self.notify is not None:
            self.notify()
        if len(claimed) >= CONCURRENCY:
            self._wake.set()  # more may be due
        return len(claimed)

    async def _post(self, row: Claimed) -> DeliveryStatus:
        url = self.url_for(row.event)
        if url is None:
            attempt = Attempt(None, f"no URL configured for {row.event}")
        else:
            attempt = await self.post(url, row.webhook_id, row.body)
        status = await asyncio.to_thread(self.deliveries.record, row, attempt, self.holder)
        if status == DeliveryStatus.DEAD:
            log.warning("webhook %s (%s) is a dead letter: %s", row.webhook_id, row.event, mask_text(attempt.error))
        return status

    async def post(self, url: str, webhook_id: str, body: str) -> Attempt:
        assert self._client is not None
        try:
            response = await self._client.post(url, content=body.encode("utf-8"),
                                               headers=self.signed_headers(webhook_id, body))
        except httpx.HTTPError as exc:
            return Attempt(None, f"{type(exc).__name__}: {mask_text(str(exc))[:200]}")
        return Attempt(response.status_code, f"HTTP {response.status_code}",
                       retry_after_seconds(response.headers.get("retry-after")))


# -- the backend's status callback ---------------------------------------------------------------------
class StatusUpdate(BaseModel):
    reference: str = Field(max_length=16)
    status: RequestStatus
    note: str | None = Field(default=None, max_length=500)
    date: dt.date | None = None
    time: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$")


#: What the backend may say (``submitted``/``accepted``/``erased`` are ours).
BACKEND_STATUSES = {RequestStatus.CONFIRMED, RequestStatus.RESCHEDULED, RequestStatus.REJECTED}


class StatusCallbacks:
    def __init__(self, store: Store, outbox: Outbox, secret: str | None, notify: Notifier | None = None) -> None:
        self.store = store
        self.outbox = outbox
        self.verifier = Webhook(secret) if secret else None
        self.notify = notify

    def apply(self, webhook_id: str, update_: StatusUpdate, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Record the backend's answer once (by webhook-id) and queue the user's message with it."""
        with self.store.session() as session:
            if session.scalar(select(BackendEvent.id).where(BackendEvent.webhook_id == webhook_id)) is not None:
                return 200, {"reference": update_.reference, "duplicate": True}
            request = session.scalar(select(FlowRequest).where(FlowRequest.reference == update_.reference))
            if request is None:
                return 404, {"error": "unknown reference"}
            request.status, request.note = update_.status, update_.note
            if update_.status == RequestStatus.RESCHEDULED and (update_.date or update_.time):
                request.data = {**request.data, **({"date": update_.date.isoformat()} if update_.date else {}),
                                **({"time": update_.time} if update_.time else {})}
            session.add(BackendEvent(webhook_id=webhook_id, reference=update_.reference, status=update_.status,
                                     payload=payload))
            lang = request.language
            note = f" {update_.note}" if update_.note else ""
            when = " ".join(str(v) for v in (update_.date, update_.time) if v)
            text = say(f"flow_status_{update_.status}", lang, reference=request.reference, note=note, when=when)
            self.outbox.enqueue(f"flow:{request.reference}:status:{webhook_id}", request.channel, request.user_ref,
                                text, kind=OutboundKind.STATUS, options={"language": lang}, session=session)
            session.commit()
        return 200, {"reference": update_.reference, "status": str(update_.status)}


def backend_router(callbacks: StatusCallbacks) -> APIRouter:
    """``POST /webhooks/backend/status``: the backend's answer, signed like our webhooks."""
    router = APIRouter()

    @router.post("/webhooks/backend/status", include_in_schema=False)
    async def backend_status(request: Request) -> JSONResponse:
        if callbacks.verifier is None:
            return JSONResponse({"error": "webhooks are not configured"}, status_code=404)
        body = await request.body()
        try:
            callbacks.verifier.verify(body, dict(request.headers), json_parse=False)
        except Exception:  # bad, missing, stale or malformed signatures alike: nothing changes
            return JSONResponse({"error": "invalid signature"}, status_code=401)
        try:
            payload = json.loads(body)
            data = payload.get("data", payload) if isinstance(payload, dict) else None
            update_ = StatusUpdate.model_validate(data)
        except (ValueError, ValidationError):
            return JSONResponse({"error": "expected {reference, status, note?, date?, time?}"}, status_code=422)
        if update_.status not in BACKEND_STATUSES:
            return JSONResponse({"error": "status must be confirmed, rescheduled or rejected"}, status_code=422)
        code, answer = await asyncio.to_thread(callbacks.apply, request.headers["webhook-id"], update_, payload)
        if code == 200 and callbacks.notify is not None:
            callbacks.notify()
        return JSONResponse(answer, status_code=code)

    return router
