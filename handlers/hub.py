"""The channels of one app process at run time: start the pipeline, start Telegram (retrying while it
is unreachable), stop everything in order.

Every part is built by the composition root (:mod:`bot.app.parts`) and passed in; the hub only
runs them. A channel without credentials is None here, and its webhook is not mounted.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter

from bot.settings import Settings
from handlers.inbox import Inbox
from handlers.outbox import Outbox
from handlers.pipeline import Pipeline
from handlers.telegram import TelegramChannel, telegram_router
from handlers.twilio import TwilioChannel, twilio_router

log = logging.getLogger("parkbot.channels")


class ChannelHub:
    def __init__(self, settings: Settings, inbox: Inbox, outbox: Outbox, pipeline: Pipeline, *,
                 whatsapp: TwilioChannel | None = None, telegram: TelegramChannel | None = None) -> None:
        self.settings = settings
        self.inbox = inbox
        self.outbox = outbox
        self.pipeline = pipeline
        self.whatsapp = whatsapp
        self._telegram = telegram
        #: the Telegram channel once it has started (its webhook answers 503 until then)
        self.telegram: TelegramChannel | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self._retry: asyncio.Task[None] | None = None
        self._running = False

    def routers(self) -> list[APIRouter]:
        routers = []
        if self.whatsapp is not None:
            routers.append(twilio_router(self.settings, self.inbox, self.outbox, self.pipeline))
        if self._telegram is not None:
            routers.append(telegram_router(lambda: self.telegram))
        return routers

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        if self.whatsapp is not None:
            self.pipeline.channels[self.whatsapp.name] = self.whatsapp
        if self.whatsapp is None and self._telegram is None:
            return
        await self.pipeline.start()
        self._running = True
        if self._telegram is not None and not await self._start_telegram():
            self._retry = asyncio.create_task(self._keep_trying_telegram(), name="telegram-start")

    async def _start_telegram(self) -> bool:
        """Start Telegram (getMe, then webhook or polling); False if Telegram cannot be reached now."""
        assert self._telegram is not None
        telegram = self._telegram
        try:
            await telegram.start(self.pipeline)
        except Exception:  # a network blip or a wrong token must not take the web chat down
            log.exception("telegram could not start; its webhook answers 503 until it does")
            await telegram.stop()
            self._telegram = TelegramChannel(self.settings, self.inbox)  # a stopped PTB app cannot restart
            return False
        self.telegram = telegram
        self.pipeline.channels[telegram.name] = telegram
        self.pipeline.notify()  # answers that waited for Telegram can go now
        return True

    async def _keep_trying_telegram(self) -> None:
        """Retry with backoff (1, 2, 4 ... 60 s): Telegram unreachable at boot is no reason to stay off."""
        delay = 1.0
        while True:
            await asyncio.sleep(delay)
            if await self._start_telegram():
                return
            delay = min(delay * 2, 60.0)

    async def stop(self) -> None:
        if self._retry is not None:
            self._retry.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._retry
        if self.telegram is not None:
            await self.telegram.stop()
        if self._running:
            await self.pipeline.stop()
        if self.whatsapp is not None:
            await self.whatsapp.close()
