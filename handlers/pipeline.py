"""The channel pipeline: inbox -> assistant -> outbox -> channel, running inside the app's event loop.

Webhooks only persist and acknowledge; this loop does the work. It looks for senders with messages
to answer and recipients with messages due, and serves each such conversation in its own task under
a database lease: within a conversation everything happens in order (answer, deliver, next turn),
while up to ``workers`` conversations proceed at once. Blocking work (the database, the assistant)
runs in threads, so acknowledgements never wait for an answer.

A message that was acknowledged but not answered (the process was killed) is still ``pending`` or
``processing`` in the inbox; the next process to start finds it on its first scan and answers it,
once: the turn keeps its id, and the assistant and the outbox both recognise a repeated turn.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import ParamSpec, TypeVar

from bot.conversation.assistant import Assistant
from bot.conversation.messages import Button, Command, InboundMessage
from bot.flows.fields import mask_text
from bot.language import LANGUAGES, Lang, detect, from_app_language
from bot.storage.models import Outbound, utcnow
from bot.storage.states import InboundKind, InboundStatus, OutboundKind, OutboundStatus
from bot.storage.turns import Store
from bot.texts import say
from handlers.channel import Channel, DeliveryError, OutgoingMessage, WindowClosed
from handlers.inbox import Inbox, Turn
from handlers.outbox import Outbox

log = logging.getLogger("parkbot.pipeline")


#: A turn that fails this often (a bug, a broken database row) is apologised for and set aside.
MAX_TURN_ATTEMPTS = 3
T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class Delivery:
    """What became of a message sent with :meth:`Pipeline.send`.

    ``status`` is ``sent`` (``mode`` says ``session`` text or an approved ``template``), ``waiting``
    (WhatsApp's 24-hour window is closed and there is no template: it goes when the user writes),
    ``pending`` (a transient error; being retried) or ``failed`` (``error`` has the provider's reason).
    """

    id: int
    status: str
    mode: str | None = None
    error: str | None = None


class Pipeline:
    def __init__(self, assistant: Assistant, store: Store, inbox: Inbox, outbox: Outbox,
                 channels: Mapping[str, Channel], *, workers: int = 8, poll_seconds: float = 1.0) -> None:
        self.assistant = assistant
        self.store = store
        self.inbox = inbox
        self.outbox = outbox
        self.channels = dict(channels)
        self.workers = workers
        self.poll_seconds = poll_seconds
        self.holder = f"{socket.gethostname()[:24]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"  # fits String(64)
        self._wake = asyncio.Event()
        self._active: dict[tuple[str, str], asyncio.Task[None]] = {}
        #: conversations another process holds: not asked for again until then (loop time)
        self._elsewhere: dict[tuple[str, str], float] = {}
        self._task: asyncio.Task[None] | None = None
        # its own threads: answering must not take the threads that acknowledge webhooks
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers + 2, thread_name_prefix="pipeline")

    async def _call(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run blocking work (the database, the assistant) on the pipeline's threads."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, partial(function, *args, **kwargs))

    # -- lifecycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="parkbot-pipeline")

    async def stop(self) -> None:
        tasks = [t for t in (self._task, *self._active.values()) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._pool.shutdown(wait=False, cancel_futures=True)

    def notify(self) -> None:
        """Something arrived: look now instead of at the next poll."""
        self._wake.set()

    # -- entry points for webhooks and staff -----------------------------------------------------
    async def rate_limited(self, channel: str, sender: str, text: str) -> None:
        """Tell a sender over the limit, once a minute, to slow down (their messages stay stored)."""
        known = await self._call(self.store.language_of, channel, sender)
        language = detect(text, default=known if known in LANGUAGES else "en")
        minute = utcnow().strftime("%Y%m%d%H%M")
        await self._call(self.outbox.enqueue, f"limit:{channel}:{sender}:{minute}", channel, sender,
                         say("rate_limited", language), kind=OutboundKind.NOTICE, options={"language": language})
        self.notify()

    async def send(self, channel: str, recipient: str, text: str, *, kind: OutboundKind = OutboundKind.STAFF,
                   language: str = "en", key: str | None = None, timeout: float = 30.0) -> Delivery:
        """Send a message the business starts (a staff reply, a status update) and say what happened."""
        if channel not in self.channels:
            raise ValueError(f"channel {channel!r} is not configured (have: {', '.join(self.channels) or 'none'})")
        recipient = self.channels[channel].address(recipient)
        row_id = await self._call(self.outbox.enqueue, key or f"{kind}:{uuid.uuid4().hex}", channel, recipient, text,
                                  kind=kind, options={"language": language})
        self.notify()
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            row = await self._call(self.outbox.get, row_id)
            assert row is not None
            if row.status != OutboundStatus.PENDING or row.attempts or asyncio.get_running_loop().time() > deadline:
                return Delivery(row.id, row.status, row.provider_ids.get("mode"), row.error)
            await asyncio.sleep(0.05)

    # -- the loop --------------------------------------------------------------------------------
    async def _loop(self) -> None:
        while True:
            self._wake.clear()  # before the scan: a notify() during it must lead to another scan
            try:
                now = asyncio.get_running_loop().time()
                self._elsewhere = {k: until for k, until in self._elsewhere.items() if until > now}
                for key in await self._call(self._due):
                    if self._elsewhere.get(key, 0.0) > now:
                        continue
                    if key not in self._active and len(self._active) < self.workers:
                        self._active[key] = asyncio.create_task(self._serve(key), name=f"conversation {key}")
            except asyncio.CancelledError:
                raise
            except Exception:  # a database hiccup must not stop the pipeline
                log.exception("pipeline scan failed; retrying")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)

    def _due(self) -> list[tuple[str, str]]:
        keys = dict.fromkeys(self.inbox.waiting_senders())
        keys.update(dict.fromkeys(k for k in self.outbox.due_recipients() if k[0] in self.channels))
        return list(keys)

    async def _serve(self, key: tuple[str, str]) -> None:
        channel, sender = key
        lease = f"conversation:{channel}:{sender}"
        held = False
        try:
            while True:
                # (re)take the lease before every step: if it ran out and another process took the
                # conversation, this one stops instead of answering or sending alongside it
                held = await self._call(self.inbox.acquire, lease, self.holder)
                if not held:
                    self._elsewhere[key] = asyncio.get_running_loop().time() + self.poll_seconds
                    return
                await self._deliver(channel, sender)
                claimed = await self._call(self.inbox.claim, channel, sender, self.holder)
                if claimed is None:
                    break
                if not isinstance(claimed, Turn):  # a burst is still arriving: wait for its end
                    await asyncio.sleep(max(0.0, (claimed - utcnow()).total_seconds()))
                    continue
                await self._answer_or_give_up(claimed)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("conversation %s failed; it will be retried", key)
            await asyncio.sleep(self.poll_seconds)
        finally:
            if held:
                with contextlib.suppress(Exception):
                    await self._call(self.inbox.release, lease, self.holder)
            self._active.pop(key, None)  # only now may the next scan start a task for this conversation
            if held:
                self._wake.set()  # something may have arrived while this task was finishing

    async def _answer_or_give_up(self, turn: Turn) -> None:
        """Answer a turn; one that keeps failing is apologised for instead of blocking the conversation."""
        try:
            await self._call(self._answer, turn)
        except Exception as exc:
            attempts = await self._call(self.inbox.attempt_failed, turn, repr(exc))
            if attempts < MAX_TURN_ATTEMPTS:
                raise
            log.exception("giving up on turn %s after %s attempts", turn.id, attempts)
            await self._call(self._give_up, turn, repr(exc))

    def _give_up(self, turn: Turn, error: str) -> None:
        language = self._language(turn)
        with self.store.session() as session:
            self.outbox.enqueue(f"turn:{turn.channel}:{turn.id}", turn.channel, turn.sender, say("failed", language),
                                kind=OutboundKind.NOTICE, options={"language": language}, session=session)
            self.inbox.finish(session, turn, status=InboundStatus.FAILED, error=error)
            session.commit()

    # -- one turn (in a worker thread) -----------------------------------------------------------
    def _answer(self, turn: Turn) -> None:
        text, language, choices = self._respond(turn)
        with self.store.session() as session:
            if text:
                self.outbox.enqueue(f"turn:{turn.channel}:{turn.id}", turn.channel, turn.sender, text,
                                    options={"language": language, "choices": choices}, session=session)
            self.inbox.finish(session, turn)
            session.commit()

    def _respond(self, turn: Turn) -> tuple[str, str, list[str]]:
        """(reply text or "" for silence, its language, button choices) for one turn.

        Commands and button presses go to the conversation as structured input; what they mean is
        the conversation's business, not the channel's.
        """
        hint = _app_language(turn)
        message = InboundMessage(
            turn.channel, turn.sender, turn.text if turn.kind in (InboundKind.TEXT, InboundKind.MEDIA) else "",
            message_id=f"turn-{turn.id}", language_hint=hint, media=turn.kind == InboundKind.MEDIA,
            command=Command.parse(turn.text) if turn.kind == InboundKind.COMMAND else None,
            button=Button.parse(turn.text) if turn.kind == InboundKind.BUTTON else None)
        reply = self.assistant.handle(message)
        return ("" if reply.silent else reply.reply), reply.language, reply.choices

    def _language(self, turn: Turn) -> Lang:
        """For messages that have no text of the user's to follow (an apology, a notice): the
        language the user last used or chose, else their app's language (Telegram tells it)."""
        known = self.store.language_of(turn.channel, turn.sender)
        if known in LANGUAGES:
            return known
        return from_app_language(_app_language(turn))

    # -- delivery --------------------------------------------------------------------------------
    async def _deliver(self, channel_name: str, recipient: str) -> None:
        """Send the recipient's due messages in order; stop at a transient failure (order matters)."""
        channel = self.channels.get(channel_name)
        if channel is None:
            return
        while (row := await self._call(self.outbox.next_for, channel_name, recipient)) is not None:
            if not await self._deliver_one(channel, row):
                return

    async def _deliver_one(self, channel: Channel, row: Outbound) -> bool:
        """True if the queue may move on to the recipient's next message."""
        message = OutgoingMessage(row.recipient, row.text, row.kind, row.options.get("language", "en"),
                                  list(row.options.get("choices", [])), row.parts_sent)

        async def on_part(provider_id: str, mode: str) -> None:
            await self._call(self.outbox.part_sent, row.id, provider_id, mode=mode)

        try:
            await channel.send(message, on_part)
        except WindowClosed as exc:
            await self._call(self.outbox.finished, row.id, OutboundStatus.WAITING, str(exc))
            return True
        except DeliveryError as exc:
            error = f"{exc.code}: {exc}" if exc.code else str(exc)
            if not exc.transient:
                log.warning("message %s to %s failed: %s", row.id, mask_text(row.recipient), error)
                await self._call(self.outbox.finished, row.id, OutboundStatus.FAILED, error)
                return True
            status = await self._call(self.outbox.retry_later, row.id, error, exc.retry_after)
            return status == OutboundStatus.FAILED
        except Exception as exc:  # unknown trouble (network, a bug): retry later rather than lose it
            log.exception("delivering message %s failed", row.id)
            status = await self._call(self.outbox.retry_later, row.id, repr(exc))
            return status == OutboundStatus.FAILED
        await self._call(self.outbox.finished, row.id, OutboundStatus.SENT)
        return True


def _app_language(turn: Turn) -> str | None:
    """The interface language the channel reported with the turn's first message (Telegram does)."""
    return str(turn.rows[0].payload.get("language_code") or "") or None
