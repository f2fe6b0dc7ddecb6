"""WhatsApp through Twilio: the signed inbound webhook, status callbacks, and the REST sender.

Twilio waits at most 15 s for a webhook and gives up silently after that, so ``POST
/webhooks/twilio`` only checks the signature, persists the message and returns empty TwiML; the
answer goes out later through the Messages API (the user's message opened the 24-hour window).

The signature is computed by Twilio over the URL *it* requested. Behind a proxy or tunnel the app
sees another scheme and host, so the URL is rebuilt from ``PARKBOT_PUBLIC_URL`` plus the path and
query actually requested.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
from typing import Any

import aiohttp
import phonenumbers
from fastapi import APIRouter, Request
from fastapi.responses import Response
from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.http.response import Response as TwilioResponse
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from bot.settings import Settings
from bot.storage.models import utcnow
from handlers.channel import DeliveryError, Notifier, OutgoingMessage, PartSent, WindowClosed
from handlers.inbox import Inbox
from handlers.outbox import Outbox
from handlers.split import split_message

log = logging.getLogger("parkbot.twilio")

#: Twilio refuses longer bodies (error 21617), although WhatsApp itself allows 4096.
LIMIT = 1600
#: Template text plus variables may not exceed 1024 characters (error 63021).
TEMPLATE_LIMIT = 1000
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
WINDOW = dt.timedelta(hours=24)
TWILIO_API = "https://api.twilio.com"
#: Twilio error codes that mean "try again later" although the HTTP status is 4xx.
_TRANSIENT_CODES = {20429, 63018}  # too many requests; WhatsApp rate limit


class RedirectingHttpClient(AsyncTwilioHttpClient):
    """twilio's own async HTTP client, sending to ``TWILIO_API_BASE_URL`` instead of api.twilio.com
    (a regional edge, a proxy, or a local Twilio-compatible server in tests)."""

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")

    # twilio's own AsyncTwilioHttpClient.request already renames its base classes' "uri" to "url" (and
    # overrides the sync HttpClient.request with a coroutine), so no override of it can match them
    async def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> TwilioResponse:  # type: ignore[override]
        if url.startswith(TWILIO_API):
            url = self.base_url + url[len(TWILIO_API):]
        return await super().request(method, url, *args, **kwargs)


class TwilioChannel:
    """Sends WhatsApp messages through Twilio's Messages API, in parts of at most 1600 characters."""

    name = "whatsapp"

    def __init__(self, settings: Settings, inbox: Inbox) -> None:
        if not (settings.twilio_account_sid and settings.twilio_auth_token and settings.twilio_whatsapp_from):
            raise ValueError("WhatsApp needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_WHATSAPP_FROM")
        self.settings = settings
        self.inbox = inbox
        self.sender = _whatsapp(settings.twilio_whatsapp_from)
        self._client: Client | None = None
        self._http: AsyncTwilioHttpClient | None = None

    def _rest(self) -> Client:
        """The client, built inside the running loop (twilio's async client opens an aiohttp session)."""
        if self._client is None:
            kwargs: dict[str, Any] = {"timeout": 10}
            base = self.settings.twilio_api_base_url
            self._http = RedirectingHttpClient(base, **kwargs) if base else AsyncTwilioHttpClient(**kwargs)
            self._client = Client(self.settings.twilio_account_sid, self.settings.twilio_auth_token,
                                  http_client=self._http)
        return self._client

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()
            self._http = self._client = None

    async def send(self, message: OutgoingMessage, on_part: PartSent) -> None:
        business_started = message.kind in ("staff", "status")
        if business_started and not await self._window_open(message.recipient):
            await self._send_template(message, on_part)
            return
        parts = split_message(message.text, LIMIT)
        for part in parts[message.parts_sent:]:
            created = await self._create(to=message.recipient, body=part)
            await on_part(created, "session")

    async def _send_template(self, message: OutgoingMessage, on_part: PartSent) -> None:
        template = self.settings.whatsapp_template_sid
        if not template:
            raise WindowClosed()
        if message.parts_sent:  # it went out before a crash: once is enough
            return
        text = " ".join(message.text.split())  # template variables may not hold line breaks
        text = text if len(text) <= TEMPLATE_LIMIT else text[: TEMPLATE_LIMIT - 1] + "…"
        created = await self._create(to=message.recipient, content_sid=template,
                                     content_variables=json.dumps({"1": text}, ensure_ascii=False))
        await on_part(created, "template")

    async def _window_open(self, recipient: str) -> bool:
        last = await asyncio.to_thread(self.inbox.last_inbound_at, self.name, recipient)
        return last is not None and utcnow() - last < WINDOW

    async def _create(self, **fields: str) -> str:
        callback = f"{self.settings.public_url.rstrip('/')}/webhooks/twilio/status" if self.settings.public_url \
            else None
        try:
            message = await self._rest().messages.create_async(from_=self.sender, status_callback=callback, **fields)
        except TwilioRestException as exc:
            code = exc.code or 0
            transient = exc.status == 429 or exc.status >= 500 or code in _TRANSIENT_CODES
            if code == 63016:  # the window closed between our check and Twilio's
                raise WindowClosed(f"Twilio 63016: {exc.msg}") from exc
            raise DeliveryError(f"Twilio {exc.status}: {exc.msg}", transient=transient, code=str(code or exc.status)
                                ) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryError(f"Twilio unreachable: {exc!r}", transient=True, code="network") from exc
        return str(message.sid)

    def address(self, recipient: str) -> str:
        return _whatsapp(recipient.strip())


def _whatsapp(address: str) -> str:
    return address if address.startswith("whatsapp:") else f"whatsapp:{address}"


_WHATSAPP_ADDRESS = re.compile(r"whatsapp:\+([1-9][0-9]{1,14})")


def e164_of(address: str) -> str | None:
    """The E.164 number of a ``whatsapp:+<digits>`` address, or None if it is not exactly that, or not a
    number that can exist (checked with libphonenumber's length rules for its country code)."""
    match = _WHATSAPP_ADDRESS.fullmatch(address)
    if match is None:
        return None
    try:
        number = phonenumbers.parse("+" + match[1])
    except phonenumbers.NumberParseException:
        return None
    return "+" + match[1] if phonenumbers.is_possible_number(number) else None


def twilio_router(settings: Settings, inbox: Inbox, outbox: Outbox, pipeline: Notifier) -> APIRouter:
    """``POST /webhooks/twilio`` (messages) and ``POST /webhooks/twilio/status`` (delivery reports)."""
    router = APIRouter()
    validator = RequestValidator(settings.twilio_auth_token or "")
    ours = e164_of(_whatsapp((settings.twilio_whatsapp_from or "").strip()))

    async def verified_form(request: Request) -> dict[str, object] | None:
        form = await request.form()
        url = _public_url(settings, request)
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature or not validator.validate(url, form, signature):
            log.warning("rejected a Twilio request with a bad signature for %s", url)
            return None
        return {key: (values[0] if len(values) == 1 else values) for key in form for values in [form.getlist(key)]}

    @router.post("/webhooks/twilio")
    async def inbound(request: Request) -> Response:
        params = await verified_form(request)
        if params is None:
            return Response("invalid signature", status_code=403, media_type="text/plain")
        sid, sender = str(params.get("MessageSid", "")), str(params.get("From", ""))
        if not sid or not sender:
            return Response("MessageSid and From are required", status_code=400, media_type="text/plain")
        number = e164_of(sender)
        if number is None or number == ours:
            # a WhatsApp user is whatsapp:+<E.164>, and never us (a reply to ourselves would loop); Twilio gets
            # its 200 so it does not retry, and nothing is stored or answered
            log.warning("ignored Twilio message %r from %r: %s", sid[:64], sender[:64],
                        "our own number" if number else "not a whatsapp:+<E.164> sender")
            return Response(EMPTY_TWIML, media_type="text/xml")
        body = str(params.get("Body", ""))
        kind = "media" if not body.strip() and str(params.get("NumMedia", "0")) not in ("", "0") else "text"
        accepted = await inbox.accept_async("whatsapp", sid, sender, body, kind=kind, payload=params)
        if accepted.limited:
            await pipeline.rate_limited("whatsapp", sender, body)
        elif not accepted.duplicate:
            pipeline.notify()
        return Response(EMPTY_TWIML, media_type="text/xml")

    @router.post("/webhooks/twilio/status")
    async def status(request: Request) -> Response:
        params = await verified_form(request)
        if params is None:
            return Response("invalid signature", status_code=403, media_type="text/plain")
        error_code = params.get("ErrorCode")
        await asyncio.to_thread(outbox.record_event, "whatsapp", str(params.get("MessageSid", "")),
                                str(params.get("MessageStatus", "")), str(error_code) if error_code else None, params)
        return Response(status_code=204)

    return router


def _public_url(settings: Settings, request: Request) -> str:
    """The URL Twilio signed: the configured public base + the path and raw query it requested."""
    base = (settings.public_url or str(request.base_url)).rstrip("/")
    query = request.url.query
    return f"{base}{request.url.path}" + (f"?{query}" if query else "")
