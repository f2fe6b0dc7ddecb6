"""Telegram through python-telegram-bot: webhook or long polling, and the Bot API sender.

Webhook mode (``PARKBOT_PUBLIC_URL`` set): ``POST /webhooks/telegram`` checks the secret token that
was registered with ``setWebhook``, persists the update and answers 200 at once. Telegram re-sends
an update it got no 2xx for, so a failure to persist returns 500 (it comes again), while anything
after persisting is the pipeline's business (a 200 is never turned into a duplicate answer).

Polling mode (a token but no public URL, e.g. on a laptop): ``getUpdates`` in a loop, and the
offset that confirms an update to Telegram moves only after the update is persisted.

The PTB ``Application`` is built with ``updater(None)`` and lives in FastAPI's lifespan; its bot
sends the answers, as HTML with everything escaped, split at 4096 characters, with inline buttons
for choices (callback data of a few ASCII bytes, far inside the 64-byte limit).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import hmac
import html
import logging
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ExtBot

from bot.conversation.messages import Button
from bot.flows.engine import button_label
from bot.settings import Settings
from bot.texts import say
from handlers.channel import DeliveryError, Notifier, OutgoingMessage, PartSent
from handlers.inbox import Accepted, Inbox
from handlers.split import split_message

log = logging.getLogger("parkbot.telegram")

LIMIT = 4096
#: Edits are not asked for: a corrected typo should not bring a second answer.
ALLOWED_UPDATES = ["message", "callback_query"]
#: An update that cannot be stored this many times in a row is skipped, so polling is not stuck on it.
MAX_STORE_ATTEMPTS = 3
COMMANDS = ("/start", "/help", "/lang")


def webhook_secret(settings: Settings) -> str:
    """The configured secret, or one derived from the token (so a webhook is never left unprotected)."""
    if settings.telegram_webhook_secret:
        return settings.telegram_webhook_secret
    return hashlib.sha256(f"parkbot:{settings.telegram_bot_token}".encode()).hexdigest()[:48]


def describe(update: Update) -> tuple[str, str, str, dict[str, object]] | None:
    """(chat id, kind, text, payload) of an update we answer, or None for updates we ignore."""
    payload: dict[str, object] = {"update": update.to_dict()}
    chat_of = update.effective_chat
    if chat_of is not None and chat_of.type != ChatType.PRIVATE:
        # a group's chat is shared by its members: the chat would be everyone's identity, so one member could read
        # or erase another's bookings and data (the bot answers people one to one only)
        return None
    if update.callback_query is not None:
        query = update.callback_query
        chat = query.message.chat.id if query.message is not None else query.from_user.id
        payload["callback_query_id"] = query.id
        return str(chat), "button", query.data or "", payload
    message = update.message
    if message is None:
        return None
    if message.from_user is not None and message.from_user.language_code:
        payload["language_code"] = message.from_user.language_code
    text = message.text or message.caption or ""
    if message.text and message.text.startswith("/"):
        return str(message.chat.id), "command", message.text, payload
    return str(message.chat.id), ("text" if text.strip() else "media"), text, payload


def _seconds(value: float | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class TelegramChannel:
    """Owns the PTB application: sends answers, answers button presses, and polls when asked to."""

    name = "telegram"

    def __init__(self, settings: Settings, inbox: Inbox) -> None:
        if not settings.telegram_bot_token:
            raise ValueError("Telegram needs TELEGRAM_BOT_TOKEN")
        self.settings = settings
        self.inbox = inbox
        builder = Application.builder().token(settings.telegram_bot_token).updater(None)
        if settings.telegram_api_base_url:
            base = settings.telegram_api_base_url.rstrip("/")
            builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
        self.application = builder.build()
        self.secret = webhook_secret(settings)
        self._poller: asyncio.Task[None] | None = None
        self.pipeline: Notifier | None = None

    @property
    def bot(self) -> ExtBot[None]:
        return self.application.bot

    # -- lifecycle -------------------------------------------------------------------------------
    async def start(self, pipeline: Notifier) -> None:
        """Initialise (getMe), then register the webhook, or start polling without a public URL."""
        self.pipeline = pipeline
        await self.application.initialize()
        await self.application.start()
        if self.settings.public_url:
            url = f"{self.settings.public_url.rstrip('/')}/webhooks/telegram"
            await self.bot.set_webhook(url=url, secret_token=self.secret, allowed_updates=ALLOWED_UPDATES)
            log.info("telegram: webhook registered at %s", url)
        else:
            await self.bot.delete_webhook()
            self._poller = asyncio.create_task(self._poll(), name="telegram-polling")
            log.info("telegram: no PARKBOT_PUBLIC_URL, polling for updates")

    async def stop(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
        with contextlib.suppress(Exception):
            await self.application.stop()
        with contextlib.suppress(Exception):
            await self.application.shutdown()

    # -- inbound ---------------------------------------------------------------------------------
    async def accept(self, update: Update) -> Accepted | None:
        """Persist one update (the caller acknowledges only after this returns)."""
        described = describe(update)
        if described is None:
            return None
        chat, kind, text, payload = described
        accepted = await self.inbox.accept_async(self.name, f"update:{update.update_id}", chat, text, kind=kind,
                                                 payload=payload)
        if kind == "button":  # stop the button's spinner now, whatever happens to the press later
            with contextlib.suppress(TelegramError):
                await self.bot.answer_callback_query(str(payload["callback_query_id"]))
        if self.pipeline is not None:
            if accepted.limited:
                await self.pipeline.rate_limited(self.name, chat, text)
            elif not accepted.duplicate:
                self.pipeline.notify()
        return accepted

    async def _poll(self) -> None:
        offset: int | None = None
        timeout = self.settings.telegram_poll_timeout
        failures: dict[int, int] = {}
        while True:
            try:
                updates = await self.bot.get_updates(offset=offset, timeout=timeout, allowed_updates=ALLOWED_UPDATES)
                for update in updates:
                    try:
                        await self.accept(update)
                    except Exception:
                        failures[update.update_id] = failures.get(update.update_id, 0) + 1
                        if failures[update.update_id] < MAX_STORE_ATTEMPTS:
                            raise
                        log.exception("telegram: update %s could not be stored; skipped", update.update_id)
                    failures.pop(update.update_id, None)  # stored or skipped: never seen again
                    offset = update.update_id + 1  # confirmed by the next getUpdates, after it is stored
            except asyncio.CancelledError:
                raise
            except RetryAfter as exc:
                await asyncio.sleep(_seconds(exc.retry_after))
            except InvalidToken:
                log.error("telegram: the bot token was refused; polling stopped")
                return
            except Exception:  # network trouble, a conflict with a webhook, a database hiccup: try again
                log.warning("telegram: polling failed; retrying", exc_info=True)
                await asyncio.sleep(1.0)

    # -- outbound --------------------------------------------------------------------------------
    async def send(self, message: OutgoingMessage, on_part: PartSent) -> None:
        parts = split_message(message.text, LIMIT)
        for number, part in enumerate(parts):
            if number < message.parts_sent:
                continue
            markup = self._keyboard(message.choices, message.language) if number == len(parts) - 1 else None
            try:
                sent = await self.bot.send_message(chat_id=message.recipient, text=html.escape(part, quote=False),
                                                   parse_mode=ParseMode.HTML, reply_markup=markup)
            except RetryAfter as exc:
                raise DeliveryError(str(exc), transient=True, retry_after=_seconds(exc.retry_after),
                                    code="429") from exc
            except (Forbidden, BadRequest, InvalidToken) as exc:  # blocked by the user, a bad chat id...
                raise DeliveryError(exc.message, transient=False, code=type(exc).__name__) from exc
            except (NetworkError, TelegramError) as exc:
                raise DeliveryError(str(exc), transient=True, code=type(exc).__name__) from exc
            provider_id = f"{sent.chat.id}:{sent.message_id}"
            await on_part(provider_id, "session")

    @staticmethod
    def _keyboard(choices: list[str], language: str) -> InlineKeyboardMarkup | None:
        buttons = []
        for choice in choices:
            button = Button.parse(choice)
            if button.action == "person" and button.value in ("yes", "no"):
                label = say(f"button_person_{button.value}", language)
            elif button.action == "lang":
                label = say("language_name", button.value)
            elif button.action == "flow":  # a booking's or an application's options, and its yes/cancel
                label = button_label(button.value, language)
            else:
                continue
            buttons.append(InlineKeyboardButton(label, callback_data=choice))
        return InlineKeyboardMarkup([[b] for b in buttons]) if buttons else None

    def address(self, recipient: str) -> str:
        return str(recipient).strip()


def telegram_router(channel_of: Callable[[], TelegramChannel | None]) -> APIRouter:
    """``POST /webhooks/telegram``; ``channel_of()`` returns the running :class:`TelegramChannel`."""
    router = APIRouter()

    @router.post("/webhooks/telegram")
    async def webhook(request: Request) -> Response:
        channel = channel_of()
        if channel is None:
            return JSONResponse({"error": "telegram is starting"}, status_code=503)
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode(), channel.secret.encode()):
            log.warning("rejected a Telegram webhook call with a wrong secret token")
            return JSONResponse({"error": "wrong secret token"}, status_code=403)
        try:
            update = Update.de_json(await request.json(), channel.bot)
        except Exception:  # not JSON, or not an object (de_json never returns None in PTB 22)
            return JSONResponse({"error": "not a Telegram update"}, status_code=400)
        await channel.accept(update)
        return Response(status_code=200)

    return router
