"""The Twilio and Telegram fakes speak the wire formats the real `twilio` and `python-telegram-bot` libraries expect.

Everything here goes through the libraries' real HTTP stacks (requests, aiohttp, httpx); nothing is patched.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.parse
import warnings
from datetime import timedelta
from typing import Any

import httpx
import pytest
import telegram
from fakes.telegram_api import FakeTelegram
from fakes.twilio_api import Call, FakeHTTPService, FakeTwilio, Incoming, Reply
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Conflict, EndPointNotFound, InvalidToken, RetryAfter
from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.request_validator import RequestValidator
from twilio.rest import Client

SID = "AC" + "0123456789abcdef" * 2
TOKEN = "twilio-auth-token"
TG_TOKEN = "123456789:AAF-parkbot_test"
WA_FROM = "whatsapp:+14155238886"
WA_TO = "whatsapp:+923001234567"
TWILIO_API = "https://api.twilio.com"


def _redirect(url: str, base_url: str) -> str:
    return base_url + url[len(TWILIO_API) :] if url.startswith(TWILIO_API) else url


class RedirectingHttpClient(TwilioHttpClient):
    """twilio-python's documented extension point (a custom http_client), pointed at the fake instead of Twilio."""

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        return super().request(method, _redirect(url, self.base_url), *args, **kwargs)


class RedirectingAsyncHttpClient(AsyncTwilioHttpClient):
    """The aiohttp variant; must be built inside a running loop because it opens a ClientSession."""

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")

    async def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        return await super().request(method, _redirect(url, self.base_url), *args, **kwargs)


class Sink(FakeHTTPService):
    """Stands in for the app's webhook endpoints: records what the fakes deliver and answers `status`."""

    def __init__(self, status: int = 200) -> None:
        super().__init__()
        self.status = status

    def _route(self, req: Incoming) -> tuple[str, dict[str, Any], Reply | None]:
        params = {k: v[0] for k, v in urllib.parse.parse_qs(req.body.decode()).items()}
        return req.path, params if "form" in req.headers.get("content-type", "") else {}, None

    def _handle(self, method: str, params: dict[str, Any], req: Incoming) -> Reply:
        return Reply(self.status, "")


# --------------------------------------------------------------------------------------------------------------------
# Twilio


def test_twilio_sync_create_parses_into_a_message_instance_and_records_the_form() -> None:
    with FakeTwilio(SID, TOKEN) as tw:
        client = Client(SID, TOKEN, http_client=RedirectingHttpClient(tw.base_url))
        media = ["https://parkbot.example/a.png", "https://parkbot.example/b.png"]
        msg = client.messages.create(
            from_=WA_FROM, to=WA_TO, body="Salam 👋", media_url=media, status_callback="https://parkbot.example/st"
        )
        assert msg.sid.startswith("MM") and len(msg.sid) == 34
        assert (msg.status, msg.body, msg.to, msg.from_, msg.error_code) == ("queued", "Salam 👋", WA_TO, WA_FROM, None)
        assert msg.date_created is not None and msg.date_created.year >= 2025  # RFC 2822 date parsed by twilio
        assert msg.num_media == "2" and msg.account_sid == SID

        (call,) = tw.wait_for("messages.create")
        assert call.status == 201 and call.http_method == "POST"
        assert call.path == f"/2010-04-01/Accounts/{SID}/Messages.json"
        assert call.params["MediaUrl"] == media  # repeated form keys, kept as a list
        assert call.params["StatusCallback"] == "https://parkbot.example/st"
        assert call.headers["content-type"].startswith("application/x-www-form-urlencoded")

        assert client.messages(msg.sid).fetch().body == "Salam 👋"


def test_twilio_validation_errors_surface_as_twilio_rest_exception_codes() -> None:
    with FakeTwilio(SID, TOKEN) as tw:
        client = Client(SID, TOKEN, http_client=RedirectingHttpClient(tw.base_url))
        assert client.messages.create(from_=WA_FROM, to=WA_TO, body="a" * 1600).status == "queued"
        with pytest.raises(TwilioRestException) as too_long:
            client.messages.create(from_=WA_FROM, to=WA_TO, body="a" * 1601)
        assert (too_long.value.status, too_long.value.code) == (400, 21617)
        with pytest.raises(TwilioRestException) as emoji:  # 801 emoji = 1602 UTF-16 units
            client.messages.create(from_=WA_FROM, to=WA_TO, body="😀" * 801)
        assert emoji.value.code == 21617
        with pytest.raises(TwilioRestException) as channel:
            client.messages.create(from_="+14155238886", to=WA_TO, body="hi")
        assert channel.value.code == 21910
        with pytest.raises(TwilioRestException) as variables:
            client.messages.create(from_=WA_FROM, to=WA_TO, content_sid="HX" + "a" * 32, content_variables="{'1': 'x'}")
        assert variables.value.code == 21656

        # What the library cannot send (To is a required argument) is still validated on the wire.
        url = f"{tw.base_url}/2010-04-01/Accounts/{SID}/Messages.json"
        missing_to = httpx.post(url, data={"From": WA_FROM, "Body": "x"}, auth=(SID, TOKEN)).json()
        no_body = httpx.post(url, data={"From": WA_FROM, "To": WA_TO}, auth=(SID, TOKEN)).json()
        assert (missing_to["code"], no_body["code"]) == (21604, 21602)

        bad = Client(SID, "wrong-token", http_client=RedirectingHttpClient(tw.base_url))
        with pytest.raises(TwilioRestException) as denied:
            bad.messages.create(from_=WA_FROM, to=WA_TO, body="hi")
        assert (denied.value.status, denied.value.code) == (401, 20003)
        assert len(tw.messages) == 1  # only the 1600-character one was created


def test_twilio_async_create_with_injected_429_then_success() -> None:
    async def scenario(tw: FakeTwilio) -> tuple[TwilioRestException, str]:
        http_client = RedirectingAsyncHttpClient(tw.base_url)
        try:
            client = Client(SID, TOKEN, http_client=http_client)
            with pytest.raises(TwilioRestException) as limited:
                await client.messages.create_async(from_=WA_FROM, to=WA_TO, body="retry me")
            msg = await client.messages.create_async(from_=WA_FROM, to=WA_TO, body="retry me")
            return limited.value, msg.sid
        finally:
            await http_client.close()

    with FakeTwilio(SID, TOKEN) as tw:
        tw.fail_next("messages.create", 1, 429, retry_after=2)
        limited, sid = asyncio.run(scenario(tw))
        assert (limited.status, limited.code) == (429, 20429)
        calls = tw.wait_for("messages.create", 2)
        assert [c.status for c in calls] == [429, 201]
        assert calls[0].at <= calls[1].at
        assert [m["sid"] for m in tw.messages] == [sid]  # the failed attempt created nothing


def test_twilio_status_callback_and_inbound_webhook_are_signed_like_twilio() -> None:
    validator = RequestValidator(TOKEN)
    with FakeTwilio(SID, TOKEN) as tw, Sink(204) as app:
        client = Client(SID, TOKEN, http_client=RedirectingHttpClient(tw.base_url))
        callback = f"{app.base_url}/twilio/status?tenant=stp"
        msg = client.messages.create(from_=WA_FROM, to=WA_TO, body="hi", status_callback=callback)

        assert tw.send_status(msg.sid, "undelivered", error_code=63016) == 204
        (delivered,) = app.wait_for("/twilio/status")
        signature = delivered.headers["x-twilio-signature"]
        assert delivered.params["MessageStatus"] == "undelivered" and delivered.params["ErrorCode"] == "63016"
        assert validator.validate(callback, delivered.params, signature)
        assert not validator.validate(callback, {**delivered.params, "MessageStatus": "delivered"}, signature)
        assert tw.message(msg.sid)["status"] == "undelivered"

        # Behind a proxy Twilio signs the public URL, not the one the app is reached on.
        public = "https://parkbot.example/twilio/inbound"
        status, _ = tw.send_inbound(f"{app.base_url}/twilio/inbound", "Salam", signed_url=public)
        (inbound,) = app.wait_for("/twilio/inbound")
        assert status == 204 and inbound.params["WaId"] == "923001234567"
        signature = inbound.headers["x-twilio-signature"]
        assert validator.validate(public, inbound.params, signature)
        assert not validator.validate(f"{app.base_url}/twilio/inbound", inbound.params, signature)


def test_wait_for_times_out_with_what_did_arrive() -> None:
    with FakeTwilio(SID, TOKEN) as tw:
        Client(SID, TOKEN, http_client=RedirectingHttpClient(tw.base_url)).messages.create(
            from_=WA_FROM, to=WA_TO, body="only one"
        )
        started = time.monotonic()
        with pytest.raises(AssertionError, match=r"got 1\. Calls received:\n  messages.create -> 201"):
            tw.wait_for("messages.create", 2, timeout=0.2)
        assert time.monotonic() - started < 2


# --------------------------------------------------------------------------------------------------------------------
# Telegram


def _keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d.upper(), callback_data=d) for d in data]])


def test_ptb_bot_webhook_send_and_callback_round_trip() -> None:
    async def scenario(tg: FakeTelegram) -> None:
        async with Bot(TG_TOKEN, base_url=f"{tg.base_url}/bot") as bot:  # initialize() calls getMe
            assert (bot.id, bot.username) == (123456789, "parkbot_test_bot")

            hook, kinds = "https://parkbot.example/telegram", ["message", "callback_query"]
            assert await bot.set_webhook(hook, secret_token="s3cret_-X", allowed_updates=kinds)
            info = await bot.get_webhook_info()
            assert info.url == hook and sorted(info.allowed_updates) == sorted(kinds)
            assert tg.webhook["secret_token"] == "s3cret_-X"
            with pytest.raises(BadRequest, match=r"(?i)unallowed characters"):
                await bot.set_webhook("https://parkbot.example/telegram", secret_token="has spaces!")
            with pytest.raises(BadRequest, match=r"(?i)HTTPS URL"):
                await bot.set_webhook("http://parkbot.example/telegram")
            with pytest.raises(Conflict, match=r"(?i)webhook is active"):
                await bot.get_updates()

            first = await bot.send_message(
                42, "<b>Salam</b> &amp; <i>welcome</i>", parse_mode="HTML", reply_markup=_keyboard("fb:yes", "fb:no")
            )
            assert (first.message_id, first.text, first.chat.id) == (1, "Salam & welcome", 42)
            assert [(e.type, e.offset, e.length) for e in first.entities] == [("bold", 0, 5), ("italic", 8, 7)]
            assert first.reply_markup.inline_keyboard[0][1].callback_data == "fb:no"
            second = await bot.send_message(42, "123")  # a string that is also valid JSON stays a string
            assert (second.message_id, second.text) == (2, "123")
            assert (await bot.send_message(7, "other chat")).message_id == 1

            (call, *_) = tg.calls("sendMessage")
            assert call.params["chat_id"] == 42 and call.params["parse_mode"] == "HTML"
            assert call.params["reply_markup"]["inline_keyboard"][0][0] == {"text": "FB:YES", "callback_data": "fb:yes"}

            with pytest.raises(BadRequest, match=r'(?i)can\'t parse entities: Unsupported start tag "br/"'):
                await bot.send_message(42, "line<br/>line", parse_mode="HTML")
            with pytest.raises(BadRequest, match=r"(?i)can't find end tag corresponding to start tag \"b\""):
                await bot.send_message(42, "<b>bold", parse_mode="HTML")
            with pytest.raises(BadRequest, match=r"(?i)Character '\.' is reserved"):
                await bot.send_message(42, "*Salam*.", parse_mode="MarkdownV2")
            with pytest.raises(BadRequest, match=r"(?i)message is too long"):  # 2049 characters, 4098 UTF-16 units
                await bot.send_message(42, "😀" * 2049)
            assert (await bot.send_message(42, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")).message_id == 3
            with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):  # 33 characters, 66 bytes
                await bot.send_message(42, "pick", reply_markup=_keyboard("ü" * 33))

            update = Update.de_json(tg.callback_update(42, "fb:yes", message_id=1), bot)
            assert update.callback_query.message.message_id == 1 and update.callback_query.data == "fb:yes"
            with pytest.raises(BadRequest, match=r"(?i)MESSAGE_TOO_LONG"):
                await update.callback_query.answer("x" * 201)
            assert await update.callback_query.answer("Thanks!")
            with pytest.raises(BadRequest, match=r"(?i)query is too old"):
                await update.callback_query.answer("twice")
            assert tg.callback_answers[update.callback_query.id]["text"] == "Thanks!"

            edited = await update.callback_query.edit_message_reply_markup(None)
            assert isinstance(edited, telegram.Message) and edited.reply_markup is None
            with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
                await update.callback_query.edit_message_reply_markup(None)

    with FakeTelegram(TG_TOKEN) as tg:
        asyncio.run(scenario(tg))
        assert [m["message_id"] for m in tg.sent(42)] == [1, 2, 3]


def test_ptb_get_updates_offset_long_poll_and_retry_after() -> None:
    async def scenario(tg: FakeTelegram) -> None:
        async with Bot(TG_TOKEN, base_url=f"{tg.base_url}/bot") as bot:
            hello = tg.message_update(42, "/start now", first_name="Ayesha", language_code="ur")
            tg.queue_update(hello, tg.voice_update(42), tg.photo_update(43, caption="form"))
            updates = await bot.get_updates()
            ids = [u.update_id for u in updates]
            assert len(ids) == 3 and ids == sorted(ids) and ids[0] == hello["update_id"]
            assert updates[0].message.text == "/start now" and updates[0].message.from_user.language_code == "ur"
            assert updates[0].message.entities[0].type == "bot_command" and updates[0].message.entities[0].length == 6
            assert updates[1].message.voice.file_id.startswith("AwAC") and updates[1].message.text is None
            assert updates[2].message.photo[-1].width == 800 and updates[2].message.caption == "form"

            again = await bot.get_updates(offset=ids[1])  # confirms ids[0] only
            assert [u.update_id for u in again] == ids[1:]
            assert await bot.get_updates(offset=ids[2] + 1) == ()
            assert await bot.get_updates() == ()  # confirmed updates never come back

            poll = asyncio.create_task(bot.get_updates(offset=ids[2] + 1, timeout=5))
            await asyncio.to_thread(tg.wait_until_polling)
            late = tg.message_update(42, "are you there?")
            started = time.monotonic()
            tg.queue_update(late)
            assert [u.update_id for u in await poll] == [late["update_id"]]
            assert time.monotonic() - started < 2  # answered when the update arrived, not at the 5 s timeout

            tg.fail_next("sendMessage", 1, 429, retry_after=3)
            with pytest.raises(RetryAfter) as limited:
                await bot.send_message(42, "flood")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # PTB 22 deprecates the int form of retry_after
                assert limited.value.retry_after in (3, timedelta(seconds=3))
            assert (await bot.send_message(42, "flood")).message_id == late["message"]["message_id"] + 1
            assert [c.status for c in tg.calls("sendMessage")] == [429, 200]

            with pytest.raises(EndPointNotFound):
                await bot.do_api_request("noSuchMethod")

        with pytest.raises(InvalidToken):
            async with Bot("123456789:WRONG", base_url=f"{tg.base_url}/bot"):
                pass

    with FakeTelegram(TG_TOKEN) as tg:
        asyncio.run(scenario(tg))


def test_telegram_accepts_json_bodies_case_insensitive_methods_and_posts_webhooks() -> None:
    with FakeTelegram(TG_TOKEN) as tg, Sink(403) as app:
        answer = httpx.post(
            f"{tg.base_url}/bot{TG_TOKEN}/SENDMESSAGE",
            json={"chat_id": "-1001234", "text": "json body", "reply_markup": {"inline_keyboard": []}},
        ).json()
        assert answer["ok"] and answer["result"]["chat"]["type"] == "supergroup"
        assert answer["result"]["chat"]["id"] == -1001234  # the string chat_id was typed like the real server does
        assert tg.calls("sendMessage")[0].method == "sendMessage"
        unknown = httpx.get(f"{tg.base_url}/bot{TG_TOKEN}/fooBar").json()
        assert unknown == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
        bad_token = httpx.get(f"{tg.base_url}/botnot-a-token/getMe")
        assert (bad_token.status_code, bad_token.json()["description"]) == (404, "Not Found")

        update = tg.message_update(42, "Salam")
        assert tg.post_webhook(f"{app.base_url}/telegram", update, secret="s3cret") == 403
        (delivered,) = app.wait_for("/telegram")
        assert delivered.headers["x-telegram-bot-api-secret-token"] == "s3cret"
        assert delivered.headers["content-type"] == "application/json"
        assert Update.de_json(json.loads(delivered.body), None).message.text == "Salam"


def test_close_releases_a_waiting_long_poll() -> None:
    tg = FakeTelegram(TG_TOKEN).start()
    url = f"{tg.base_url}/bot{TG_TOKEN}/getUpdates"

    async def poll() -> httpx.Response:
        async with httpx.AsyncClient(timeout=30) as client:
            return await client.post(url, data={"timeout": "30"})

    async def scenario() -> httpx.Response:
        task = asyncio.create_task(poll())
        await asyncio.to_thread(tg.wait_until_polling)
        await asyncio.to_thread(tg.close)
        return await task

    started = time.monotonic()
    response = asyncio.run(scenario())
    assert response.json() == {"ok": True, "result": []}
    assert time.monotonic() - started < 3
    with pytest.raises(httpx.ConnectError):
        httpx.get(url)


def test_recorded_calls_are_immutable_snapshots() -> None:
    with FakeTelegram(TG_TOKEN) as tg:
        httpx.post(f"{tg.base_url}/bot{TG_TOKEN}/getMe")
        snapshot = tg.requests
        httpx.post(f"{tg.base_url}/bot{TG_TOKEN}/getMe")
        assert len(snapshot) == 1 and len(tg.requests) == 2
        assert isinstance(snapshot[0], Call) and snapshot[0].method == "getMe" and snapshot[0].status == 200
