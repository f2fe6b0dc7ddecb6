"""The channels of one app process, wired together: inbox, outbox, pipeline, Twilio and Telegram.

:func:`bot.web.create_app` mounts :meth:`ChannelHub.routers` when it builds the app and calls
:meth:`ChannelHub.start` / :meth:`ChannelHub.stop` in its lifespan, once the assistant exists.
A channel without credentials is simply absent: its webhook answers 404.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter

from bot.assistant import Assistant
from bot.config import Settings
from bot.inbox import Inbox
from bot.outbox import Outbox
from handlers.channel import Channel
from handlers.pipeline import Pipeline
from handlers.telegram import TelegramChannel, telegram_router
from handlers.twilio import TwilioChannel, twilio_router

log = logging.getLogger("parkbot.channels")


class ChannelHub:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.inbox: Inbox | None = None
        self.outbox: Outbox | None = None
        self.pipeline: Pipeline | None = None
        self.whatsapp: TwilioChannel | None = None
        self.telegram: TelegramChannel | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self._retry: asyncio.Task[None] | None = None

    @property
    def twilio_configured(self) -> bool:
        s = self.settings
        return bool(s.twilio_account_sid and s.twilio_auth_token and s.twilio_whatsapp_from)

    @property
    def telegram_configured(self) -> bool:
        return bool(self.settings.telegram_bot_token)

    def routers(self) -> list[APIRouter]:
        routers = []
        if self.twilio_configured:
            routers.append(twilio_router(self.settings, self))
        if self.telegram_configured:
            routers.append(telegram_router(lambda: self.telegram))
        return routers

    async def start(self, assistant: Assistant) -> None:
        s = self.settings
        self.loop = asyncio.get_running_loop()
        self.inbox = Inbox(assistant.store, rate_limit=s.rate_limit, burst_seconds=s.burst_seconds,
                           lease_seconds=s.lease_seconds)
        self.outbox = Outbox(assistant.store)
        channels: dict[str, Channel] = {}
        if self.twilio_configured:
            self.whatsapp = TwilioChannel(s, self.inbox)
            channels[self.whatsapp.name] = self.whatsapp
        if not channels and not self.telegram_configured:
            return
        pipeline = Pipeline(assistant, self.inbox, self.outbox, channels, workers=s.channel_workers)
        await pipeline.start()
        self.pipeline = pipeline
        if self.telegram_configured and not await self._start_telegram():
            self._retry = asyncio.create_task(self._keep_trying_telegram(), name="telegram-start")

    async def _start_telegram(self) -> bool:
        """Start Telegram (getMe, then webhook or polling); False if Telegram cannot be reached now."""
        assert self.pipeline is not None and self.inbox is not None
        telegram = TelegramChannel(self.settings, self.inbox)
        try:
            await telegram.start(self.pipeline)
        except Exception:  # a network blip or a wrong token must not take the web chat down
            log.exception("telegram could not start; its webhook answers 503 until it does")
            await telegram.stop()
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
        if self.pipeline is not None:
            await self.pipeline.stop()
        if self.whatsapp is not None:
            await self.whatsapp.close()
