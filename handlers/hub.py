"""The channels of one app process, wired together: inbox, outbox, pipeline, Twilio and Telegram.

:func:`bot.web.create_app` mounts :meth:`ChannelHub.routers` when it builds the app and calls
:meth:`ChannelHub.start` / :meth:`ChannelHub.stop` in its lifespan, once the assistant exists.
A channel without credentials is simply absent: its webhook answers 404.
"""

from __future__ import annotations

import asyncio
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
        if self.telegram_configured:
            self.telegram = TelegramChannel(s, self.inbox)
            channels[self.telegram.name] = self.telegram
        if not channels:
            return
        pipeline = Pipeline(assistant, assistant.store, self.inbox, self.outbox, channels,
                            workers=s.channel_workers)
        await pipeline.start()
        self.pipeline = pipeline
        if self.telegram is not None:
            try:
                await self.telegram.start(pipeline)
            except Exception:  # a wrong token or no route to Telegram must not take the web chat down
                log.exception("telegram could not start; its webhook answers 503")
                telegram, self.telegram = self.telegram, None
                pipeline.channels.pop(telegram.name, None)
                await telegram.stop()

    async def stop(self) -> None:
        if self.telegram is not None:
            await self.telegram.stop()
        if self.pipeline is not None:
            await self.pipeline.stop()
        if self.whatsapp is not None:
            await self.whatsapp.close()
