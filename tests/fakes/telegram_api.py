"""A local fake of the Telegram Bot API (https://core.telegram.org/bots/api) for the real python-telegram-bot.

Point PTB at it with `Bot(token, base_url=f"{fake.base_url}/bot")` (or `ApplicationBuilder().base_url(...)`).
It speaks PTB's wire format (form fields whose non-string values are JSON-encoded) and also accepts JSON bodies,
validates what the real server rejects (text length in UTF-16 units after entity parsing, HTML/MarkdownV2
markup, callback_data bytes, secret_token charset), and builds updates for getUpdates or for the app's webhook.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
import re
import time
import urllib.parse
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from .twilio_api import FakeHTTPService, Incoming, Reply, _Failure, post, utf16_len

DEFAULT_TOKEN = "123456789:TEST-fake-token_for-parkbot"
MAX_TEXT = 4096
MAX_CALLBACK_ANSWER = 200
MAX_CALLBACK_DATA = 64
_TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
_SECRET_CHARS = re.compile(r"^[A-Za-z0-9_-]*$")
_BOT_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
# Parameters that are strings in the Bot API. PTB sends strings unencoded and everything else JSON-encoded, so a
# text of "123" or "true" must not be decoded: the server types each field by the method's schema, so do we.
STRING_PARAMS = frozenset(
    {"text", "caption", "parse_mode", "url", "secret_token", "callback_query_id", "ip_address", "action",
     "business_connection_id", "message_effect_id", "inline_message_id", "description", "short_description",
     "name", "title", "emoji", "address", "question", "language_code"}
)  # fmt: skip
# Default allowed_updates (unset or []): everything except these.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
     "choose_sticker", "find_location", "record_video_note", "upload_video_note"}
)  # fmt: skip
_BUTTON_ACTIONS = frozenset(
    {"url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
     "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay"}
)  # fmt: skip
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as "
    "a current content and reply markup of the message"
)
_TEXT_BUTTONS = "Text buttons are unallowed in the inline keyboard"
_QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"


class FakeTelegram(FakeHTTPService):
    """The Bot API at `{base_url}/bot{token}/{method}`: getMe, setWebhook, deleteWebhook, getWebhookInfo, getUpdates,
    sendMessage, editMessageText, editMessageReplyMarkup, deleteMessage, sendChatAction, answerCallbackQuery,
    setMyCommands, getMyCommands, deleteMyCommands. Methods are case-insensitive, as on the real server."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        first_name: str = "ParkBot Test",
        username: str = "parkbot_test_bot",
        strict_webhook_url: bool = True,
    ) -> None:
        """`strict_webhook_url`: like Telegram, only accept https URLs on ports 443/80/88/8443 in setWebhook."""
        super().__init__()
        if not _TOKEN_SHAPE.match(token):
            raise ValueError(f"token must look like '<bot id>:<secret>', got {token!r}")
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_user: dict[str, Any] = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.strict_webhook_url = strict_webhook_url
        self._webhook: dict[str, Any] = {"url": ""}
        self._allowed: set[str] | None = None
        self._queue: list[dict[str, Any]] = []
        self._update_ids = itertools.count(851_000_001)
        self._query_ids = itertools.count(4_000_000_000_000_000_001)
        self._poll_gen = 0
        self._poll_reason = ""
        self._polling = 0
        self._users: dict[int, dict[str, Any]] = {}
        self._last_message_id: dict[int | str, int] = {}
        self._messages: dict[tuple[Any, Any], dict[str, Any]] = {}  # (chat_id, message_id) -> Message
        self._sent: list[dict[str, Any]] = []
        self._callbacks: dict[str, dict[str, Any] | None] = {}  # query id -> answer (None until answered)
        self._blocked: set[int | str] = set()
        self._commands: list[dict[str, Any]] = []
        self._methods: dict[str, tuple[str, Callable[[dict[str, Any]], Reply]]] = {
            name.lower(): (name, fn)
            for name, fn in {
                "getMe": self._get_me,
                "setWebhook": self._set_webhook,
                "deleteWebhook": self._delete_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "getUpdates": self._get_updates,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "deleteMessage": self._delete_message,
                "sendChatAction": self._send_chat_action,
                "answerCallbackQuery": self._answer_callback_query,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
            }.items()
        }

    # -- inspection -----------------------------------------------------------------------------------------------

    @property
    def webhook(self) -> dict[str, Any]:
        """The registered webhook: url ("" if none), secret_token, allowed_updates, max_connections, ..."""
        with self._cond:
            return dict(self._webhook)

    def sent(self, chat_id: int | str | None = None) -> list[dict[str, Any]]:
        """Messages the bot sent (current state, including later edits), oldest first."""
        with self._cond:
            return [dict(m) for m in self._sent if chat_id is None or m["chat"]["id"] == chat_id]

    @property
    def callback_answers(self) -> dict[str, dict[str, Any] | None]:
        """Callback query id -> the answerCallbackQuery params, or None if not answered yet."""
        with self._cond:
            return dict(self._callbacks)

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        with self._cond:
            return list(self._queue)

    @property
    def polling(self) -> int:
        """How many getUpdates long polls are waiting for an update right now."""
        with self._cond:
            return self._polling

    def wait_until_polling(self, count: int = 1, *, timeout: float = 5.0) -> None:
        """Block until `count` long polls are parked, so a test can queue an update *while* the app waits."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._polling >= count, timeout=timeout):
                raise AssertionError(f"expected {count} waiting getUpdates call(s) in {timeout}s, got {self._polling}")

    def block_chat(self, chat_id: int) -> None:
        """Make sends to this chat fail with 403 "bot was blocked by the user"."""
        with self._cond:
            self._blocked.add(chat_id)

    # -- update builders ------------------------------------------------------------------------------------------

    def message_update(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        update_id: int | None = None,
        first_name: str = "Test",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        message_id: int | None = None,
    ) -> dict[str, Any]:
        """A text message from a user, with bot_command entities like the real server adds (CommandHandler needs
        them). Not queued: pass it to `queue_update` or `post_webhook`."""
        fields: dict[str, Any] = {"text": text}
        commands = [
            {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
            for m in _BOT_COMMAND.finditer(text)
        ]
        if commands:
            fields["entities"] = commands
        return self._user_message_update(
            chat_id, fields, user_id, update_id, first_name, last_name, username, language_code, message_id
        )

    def photo_update(
        self,
        chat_id: int,
        *,
        caption: str | None = None,
        user_id: int | None = None,
        update_id: int | None = None,
        first_name: str = "Test",
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """A photo message (no text; optional caption), two sizes as Telegram sends."""
        unique = uuid.uuid4().hex[:12]
        sizes = [(90, 67, 1_200), (800, 600, 48_000)]
        fields: dict[str, Any] = {
            "photo": [
                {"file_id": f"AgAC{unique}{w}", "file_unique_id": f"AQAD{unique}{w}", "width": w, "height": h,
                 "file_size": size}
                for w, h, size in sizes
            ]
        }  # fmt: skip
        if caption is not None:
            fields["caption"] = caption
        return self._user_message_update(chat_id, fields, user_id, update_id, first_name, None, None, language_code)

    def voice_update(
        self,
        chat_id: int,
        *,
        duration: int = 3,
        user_id: int | None = None,
        update_id: int | None = None,
        first_name: str = "Test",
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """A voice note (no text)."""
        unique = uuid.uuid4().hex[:12]
        fields = {
            "voice": {"file_id": f"AwAC{unique}", "file_unique_id": f"AgAD{unique}", "duration": duration,
                      "mime_type": "audio/ogg", "file_size": 4_000 * duration}
        }  # fmt: skip
        return self._user_message_update(chat_id, fields, user_id, update_id, first_name, None, None, language_code)

    def callback_update(
        self,
        chat_id: int,
        data: str,
        *,
        message_id: int | None = None,
        user_id: int | None = None,
        update_id: int | None = None,
        first_name: str = "Test",
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """A button press on a bot message (default: the latest one the bot sent to `chat_id`).

        The query id is registered, so answerCallbackQuery accepts it exactly once, like the real server.
        """
        user = self._remember_user(user_id or chat_id, first_name, None, None, language_code)
        with self._cond:
            if message_id is None:
                mine = [m for m in self._sent if m["chat"]["id"] == chat_id]
                message = mine[-1] if mine else None
            else:
                message = self._messages.get((chat_id, message_id))
            if message is None:  # a button on a message sent before this fake started
                message = self._store_bot_message(chat_id, {"text": "…"}, message_id)
            query_id = str(next(self._query_ids))
            self._callbacks[query_id] = None
            return {
                "update_id": self._update_id(update_id),
                "callback_query": {
                    "id": query_id,
                    "from": user,
                    "message": dict(message),
                    "chat_instance": str(-(abs(chat_id) * 7_919 + self.bot_id)),
                    "data": data,
                },
            }

    def queue_update(self, *updates: dict[str, Any]) -> None:
        """Make updates available to getUpdates (and wake a waiting long poll)."""
        with self._cond:
            self._queue.extend(updates)
            self._queue.sort(key=lambda u: u["update_id"])
            self._cond.notify_all()

    def post_webhook(self, url: str, update: Mapping[str, Any], secret: str | None = None, *,
                     timeout: float = 10.0) -> int:
        """POST an update to the app's webhook as Telegram does (JSON, secret header if given); return the status."""
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        return post(url, json.dumps(update, ensure_ascii=False).encode(), headers, timeout)[0]

    async def post_webhook_async(self, url: str, update: Mapping[str, Any], secret: str | None = None, *,
                                 timeout: float = 10.0) -> int:
        """`post_webhook` off the event loop, for apps served in the test's own loop."""
        return await asyncio.to_thread(self.post_webhook, url, update, secret, timeout=timeout)

    def _user_message_update(
        self,
        chat_id: int,
        fields: dict[str, Any],
        user_id: int | None,
        update_id: int | None,
        first_name: str,
        last_name: str | None,
        username: str | None,
        language_code: str | None,
        message_id: int | None = None,
    ) -> dict[str, Any]:
        user = self._remember_user(user_id or chat_id, first_name, last_name, username, language_code)
        with self._cond:
            message = {
                "message_id": self._next_message_id(chat_id, message_id),
                "from": user,
                "chat": self._chat(chat_id),
                "date": int(time.time()),
                **fields,
            }
            self._messages[(chat_id, message["message_id"])] = message
            return {"update_id": self._update_id(update_id), "message": message}

    def _remember_user(
        self, user_id: int, first_name: str, last_name: str | None, username: str | None, language_code: str | None
    ) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        for key, value in (("last_name", last_name), ("username", username), ("language_code", language_code)):
            if value is not None:
                user[key] = value
        with self._cond:
            self._users[user_id] = user
        return dict(user)

    def _update_id(self, wanted: int | None) -> int:
        return wanted if wanted is not None else next(self._update_ids)

    # -- routing --------------------------------------------------------------------------------------------------

    def _route(self, req: Incoming) -> tuple[str, dict[str, Any], Reply | None]:
        match = re.match(r"^/bot(?P<token>[^/]*)/(?P<method>[^/]*)$", req.path)
        if match is None:
            return req.path, {}, _err(404, "Not Found")
        token, name = match["token"], match["method"]
        known = self._methods.get(name.lower())
        method = known[0] if known else name
        try:
            params = _params(req)
        except ValueError as exc:
            return method, {}, _err(400, f"Bad Request: {exc}")
        if token != self.token:
            # Telegram: a well-formed but wrong token is 401, anything else 404 (PTB maps both to InvalidToken).
            if _TOKEN_SHAPE.match(token):
                return method, params, _err(401, "Unauthorized")
            return method, params, _err(404, "Not Found")
        if known is None:
            return method, params, _err(404, "Not Found: method not found")
        return method, params, None

    def _handle(self, method: str, params: dict[str, Any], req: Incoming) -> Reply:
        with self._cond:
            return self._methods[method.lower()][1](params)

    def _failure_reply(self, method: str, failure: _Failure) -> Reply:
        if failure.body is not None:
            return Reply(failure.status, failure.body, dict(failure.headers))
        if failure.status == 429:
            after = failure.retry_after if failure.retry_after is not None else 1
            return _err(429, f"Too Many Requests: retry after {after}", {"retry_after": after}, failure.headers)
        phrases = {400: "Bad Request", 403: "Forbidden", 409: "Conflict", 500: "Internal Server Error",
                   502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}  # fmt: skip
        return _err(failure.status, phrases.get(failure.status, "Error"), None, failure.headers)

    # -- methods (called with self._cond held) --------------------------------------------------------------------

    def _get_me(self, p: dict[str, Any]) -> Reply:
        return _ok(dict(self.bot_user))

    def _set_webhook(self, p: dict[str, Any]) -> Reply:
        url = p.get("url") or ""
        if not url:
            return self._delete_webhook(p)
        if self.strict_webhook_url:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme != "https":
                return _err(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
            if parts.port not in (None, 80, 88, 443, 8443):
                return _err(400, "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
        secret = p.get("secret_token") or None
        if secret is not None:
            if not _SECRET_CHARS.match(secret):
                return _err(400, "Bad Request: secret token contains unallowed characters")
            if len(secret) > 256:
                return _err(400, "Bad Request: secret token is too long")  # wording unverified; the limit is real
        if "allowed_updates" in p:
            allowed = p["allowed_updates"]
            if not isinstance(allowed, list):
                return _err(400, "Bad Request: can't parse allowed updates JSON object")
            self._allowed = set(allowed) or None
        if p.get("drop_pending_updates") is True:
            self._queue.clear()
        same = self._webhook.get("url") == url
        self._webhook = {
            "url": url,
            "secret_token": secret,
            "allowed_updates": sorted(self._allowed) if self._allowed else None,
            "max_connections": min(max(int(p.get("max_connections") or 40), 1), 100),
            "ip_address": p.get("ip_address"),
        }
        self._preempt_polls("setWebhook request")
        return _ok(True, "Webhook is already set" if same else "Webhook was set")

    def _delete_webhook(self, p: dict[str, Any]) -> Reply:
        had = bool(self._webhook.get("url"))
        self._webhook = {"url": ""}
        if p.get("drop_pending_updates") is True:
            self._queue.clear()
        return _ok(True, "Webhook was deleted" if had else "Webhook is already deleted")

    def _get_webhook_info(self, p: dict[str, Any]) -> Reply:
        info: dict[str, Any] = {"url": self._webhook["url"], "has_custom_certificate": False,
                                "pending_update_count": len(self._queue)}  # fmt: skip
        if info["url"]:
            info["max_connections"] = self._webhook["max_connections"]
            for key in ("allowed_updates", "ip_address"):
                if self._webhook.get(key):
                    info[key] = self._webhook[key]
        return _ok(info)

    def _get_updates(self, p: dict[str, Any]) -> Reply:
        if self._webhook.get("url"):
            return _err(
                409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the "
                "webhook first"
            )
        offset = int(p.get("offset") or 0)
        limit = min(max(int(p.get("limit") or 100), 1), 100)
        deadline = time.monotonic() + max(float(p.get("timeout") or 0), 0.0)
        if "allowed_updates" in p:
            self._allowed = set(p["allowed_updates"] or []) or None
        self._preempt_polls("other getUpdates request; make sure that only one bot instance is running")
        generation = self._poll_gen
        while True:
            if self._poll_gen != generation:
                return _err(409, f"Conflict: terminated by {self._poll_reason}")
            if offset > 0:  # confirms every update below offset
                self._queue = [u for u in self._queue if u["update_id"] >= offset]
            elif offset < 0:  # "the last -offset updates; all previous updates will be forgotten"
                self._queue = self._queue[offset:]
            allowed = self._allowed or {k for u in self._queue for k in u if k != "update_id"} - _OPT_IN_UPDATES
            self._queue = [u for u in self._queue if any(k in allowed for k in u if k != "update_id")]
            batch = self._queue[:limit]
            remaining = deadline - time.monotonic()
            if batch or self._closing or remaining <= 0:
                return _ok([json.loads(json.dumps(u)) for u in batch])
            self._polling += 1
            self._cond.notify_all()
            try:
                self._cond.wait(remaining)  # woken by queue_update, a newer poll, setWebhook or close
            finally:
                self._polling -= 1

    def _preempt_polls(self, reason: str) -> None:
        self._poll_reason = reason
        self._poll_gen += 1
        self._cond.notify_all()

    def _send_message(self, p: dict[str, Any]) -> Reply:
        chat_id = p.get("chat_id")
        problem = self._check_chat(chat_id)
        if problem:
            return problem
        rendered = _render_text(p)
        if isinstance(rendered, Reply):
            return rendered
        text, entities = rendered
        markup = p.get("reply_markup")
        if markup is not None and (problem := _check_markup(markup)):
            return problem
        fields: dict[str, Any] = {"text": text}
        if entities:
            fields["entities"] = entities
        if new_markup := _inline_markup(markup):
            fields["reply_markup"] = new_markup
        return _ok(dict(self._store_bot_message(chat_id, fields)))

    def _edit_message_text(self, p: dict[str, Any]) -> Reply:
        found = self._message_to_edit(p)
        if isinstance(found, Reply):
            return found
        rendered = _render_text(p)
        if isinstance(rendered, Reply):
            return rendered
        text, entities = rendered
        markup = p.get("reply_markup")
        if markup is not None and (problem := _check_markup(markup)):
            return problem
        if found is True:
            return _ok(True)
        new_markup = _inline_markup(markup)
        unchanged = found.get("text") == text and found.get("entities", []) == entities
        if unchanged and found.get("reply_markup") == new_markup:
            return _err(400, _NOT_MODIFIED)
        found.update(text=text, edit_date=int(time.time()))
        _set_or_drop(found, "entities", entities or None)
        _set_or_drop(found, "reply_markup", new_markup)
        return _ok(dict(found))

    def _edit_message_reply_markup(self, p: dict[str, Any]) -> Reply:
        found = self._message_to_edit(p)
        if isinstance(found, Reply):
            return found
        markup = p.get("reply_markup")
        if markup is not None and (problem := _check_markup(markup)):
            return problem
        if found is True:
            return _ok(True)
        new_markup = _inline_markup(markup)
        if found.get("reply_markup") == new_markup:
            return _err(400, _NOT_MODIFIED)
        found["edit_date"] = int(time.time())
        _set_or_drop(found, "reply_markup", new_markup)
        return _ok(dict(found))

    def _delete_message(self, p: dict[str, Any]) -> Reply:
        key = (p.get("chat_id"), p.get("message_id"))
        message = self._messages.pop(key, None)
        if message is None:
            return _err(400, "Bad Request: message to delete not found")
        self._sent = [m for m in self._sent if m is not message]
        return _ok(True)

    def _send_chat_action(self, p: dict[str, Any]) -> Reply:
        problem = self._check_chat(p.get("chat_id"))
        if problem:
            return problem
        if p.get("action") not in _CHAT_ACTIONS:
            return _err(400, "Bad Request: wrong parameter action in request")
        return _ok(True)

    def _answer_callback_query(self, p: dict[str, Any]) -> Reply:
        query_id = p.get("callback_query_id")
        if not query_id:
            return _err(400, "Bad Request: query_id is empty")  # wording unverified
        if utf16_len(p.get("text") or "") > MAX_CALLBACK_ANSWER:
            return _err(400, "Bad Request: MESSAGE_TOO_LONG")
        if query_id not in self._callbacks or self._callbacks[query_id] is not None:
            return _err(400, _QUERY_INVALID)
        self._callbacks[query_id] = dict(p)
        return _ok(True)

    def _set_my_commands(self, p: dict[str, Any]) -> Reply:
        commands = p.get("commands")
        if not isinstance(commands, list):
            return _err(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict) or not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                return _err(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                return _err(400, "Bad Request: command description must be non-empty")  # wording unverified
        self._commands = commands
        return _ok(True)

    def _get_my_commands(self, p: dict[str, Any]) -> Reply:
        return _ok(list(self._commands))

    def _delete_my_commands(self, p: dict[str, Any]) -> Reply:
        self._commands = []
        return _ok(True)

    # -- helpers (called with self._cond held) --------------------------------------------------------------------

    def _check_chat(self, chat_id: Any) -> Reply | None:
        if chat_id is None or chat_id == "":
            return _err(400, "Bad Request: chat_id is empty")
        if not isinstance(chat_id, int):
            return _err(400, "Bad Request: chat not found")
        if chat_id in self._blocked:
            return _err(403, "Forbidden: bot was blocked by the user")
        return None

    def _message_to_edit(self, p: dict[str, Any]) -> dict[str, Any] | bool | Reply:
        """The stored message an edit targets; True for inline messages (the API then returns True)."""
        if p.get("inline_message_id"):
            return True
        problem = self._check_chat(p.get("chat_id"))
        if problem:
            return problem
        message = self._messages.get((p["chat_id"], p.get("message_id")))
        if message is None or message.get("from", {}).get("id") != self.bot_id:
            return _err(400, "Bad Request: message to edit not found")
        return message

    def _store_bot_message(self, chat_id: int, fields: dict[str, Any], message_id: int | None = None) -> dict[str, Any]:
        message = {
            "message_id": self._next_message_id(chat_id, message_id),
            "from": dict(self.bot_user),
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            **fields,
        }
        self._messages[(chat_id, message["message_id"])] = message
        self._sent.append(message)
        return message

    def _next_message_id(self, chat_id: int, wanted: int | None = None) -> int:
        """Message ids are per chat and shared by the user's and the bot's messages, as in private chats."""
        with self._cond:
            last = self._last_message_id.get(chat_id, 0)
            message_id = wanted if wanted is not None else last + 1
            self._last_message_id[chat_id] = max(last, message_id)
            return message_id

    def _chat(self, chat_id: int) -> dict[str, Any]:
        if chat_id > 0:
            user = self._users.get(chat_id, {"first_name": "Test"})
            chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
            for key in ("last_name", "username"):
                if key in user:
                    chat[key] = user[key]
            return chat
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": "Test group"}


# ---------------------------------------------------------------------------------------------------------------------
# Wire format


def _ok(result: Any, description: str | None = None) -> Reply:
    payload: dict[str, Any] = {"ok": True, "result": result}
    if description:
        payload["description"] = description
    return Reply(200, payload)


def _err(
    code: int, description: str, parameters: dict[str, Any] | None = None, headers: Mapping[str, str] | None = None
) -> Reply:
    payload: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        payload["parameters"] = parameters
    return Reply(code, payload, dict(headers or {}))


def _params(req: Incoming) -> dict[str, Any]:
    """Query string + body (form, multipart or JSON) as typed values."""
    params: dict[str, Any] = {k: _decode(k, v[-1]) for k, v in req.query.items()}
    ctype = req.headers.get("content-type", "").lower()
    if not req.body:
        pass
    elif ctype.startswith("application/json"):
        try:
            body = json.loads(req.body)
        except ValueError:
            raise ValueError("can't parse JSON object") from None
        if not isinstance(body, dict):
            raise ValueError("can't parse JSON object")
        params.update(body)
    elif ctype.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + req.headers["content-type"].encode() + b"\r\n\r\n" + req.body
        )
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                params[name] = {"filename": part.get_filename(), "content_type": part.get_content_type(),
                                "size": len(payload)}  # fmt: skip
            else:
                params[name] = _decode(name, payload.decode(part.get_content_charset() or "utf-8"))
    else:
        for key, values in urllib.parse.parse_qs(req.body.decode(), keep_blank_values=True).items():
            params[key] = _decode(key, values[-1])
    if isinstance(params.get("chat_id"), str) and re.fullmatch(r"-?\d+", params["chat_id"]):
        params["chat_id"] = int(params["chat_id"])
    return params


def _decode(name: str, raw: str) -> Any:
    if name in STRING_PARAMS:
        return raw
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    return value if isinstance(value, dict | list | bool | int | float) else raw


def _inline_markup(markup: Any) -> dict[str, Any] | None:
    """Telegram echoes only inline keyboards in the returned Message (reply keyboards are not part of it)."""
    if isinstance(markup, dict) and markup.get("inline_keyboard"):
        return {"inline_keyboard": markup["inline_keyboard"]}
    return None


def _set_or_drop(target: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        target.pop(key, None)
    else:
        target[key] = value


def _render_text(p: dict[str, Any]) -> tuple[str, list[dict[str, Any]]] | Reply:
    """Apply parse_mode like the server: entities out, whitespace stripped, then 1..4096 UTF-16 units."""
    text = p.get("text")
    if not isinstance(text, str) or not text.strip():
        return _err(400, "Bad Request: message text is empty")
    mode = (p.get("parse_mode") or "").lower()
    try:
        if mode == "html":
            plain, entities = parse_html(text)
        elif mode == "markdownv2":
            plain, entities = parse_markdown_v2(text)
        elif mode == "markdown":
            plain, entities = parse_markdown(text)
        elif mode:
            return _err(400, "Bad Request: unsupported parse_mode")
        else:
            plain, entities = text, list(p.get("entities") or [])
    except EntityError as exc:
        return _err(400, f"Bad Request: can't parse entities: {exc}")
    plain, entities = _strip(plain, entities)
    if not plain:
        return _err(400, "Bad Request: message text is empty")
    if utf16_len(plain) > MAX_TEXT:
        return _err(400, "Bad Request: message is too long")
    return plain, entities


def _check_markup(markup: Any) -> Reply | None:
    if not isinstance(markup, dict):
        return _err(400, "Bad Request: can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        if {"keyboard", "remove_keyboard", "force_reply"} & markup.keys():
            return None
        return _err(400, "Bad Request: can't parse reply keyboard markup JSON object")
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        return _err(400, "Bad Request: can't parse inline keyboard markup JSON object")
    for button in (b for row in rows for b in row):
        if not isinstance(button, dict) or not isinstance(button.get("text"), str):
            return _err(400, "Bad Request: can't parse inline keyboard button: Field \"text\" must be of type String")
        if not _BUTTON_ACTIONS & button.keys():
            return _err(400, f"Bad Request: can't parse inline keyboard button: {_TEXT_BUTTONS}")
        if "callback_data" in button:
            data = button["callback_data"]
            if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                return _err(400, "Bad Request: BUTTON_DATA_INVALID")
    return None


def _strip(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """The server trims surrounding whitespace and clips entities to what is left."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    clipped = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, total)
        if end > start:
            clipped.append({**entity, "offset": start, "length": end - start})
    return stripped, clipped


# ---------------------------------------------------------------------------------------------------------------------
# Markup parsers (follow tdlib's rules and error wording closely enough for tests; not a full reimplementation)


class EntityError(ValueError):
    """Markup the server would reject with "Bad Request: can't parse entities: ..."."""


_HTML_TAGS = frozenset(
    {"a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji", "span", "pre", "code",
     "blockquote"}
)  # fmt: skip
_HTML_TYPES = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
               "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "tg-spoiler": "spoiler",
               "span": "spoiler", "code": "code", "pre": "pre", "blockquote": "blockquote"}  # fmt: skip
_HTML_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _html_entity(text: str, pos: int) -> tuple[str | None, int]:
    """Decode &lt; &gt; &amp; &quot; and numeric references (the only ones the Bot API supports)."""
    m = _HTML_ENTITY.match(text, pos)
    if m is None:
        return None, pos
    if m[1]:
        return _NAMED[m[1]], m.end()
    code = int(m[2]) if m[2] else int(m[3], 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None, pos
    return chr(code), m.end()


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Bot API HTML style -> (plain text, entities with UTF-16 offsets); raises EntityError like the server."""
    out: list[str] = []
    units = 0
    entities: list[dict[str, Any]] = []
    stack: list[tuple[str, dict[str, str], int]] = []
    i, n = 0, len(text)

    def at(pos: int) -> int:
        return len(text[:pos].encode())

    while i < n:
        ch = text[i]
        if ch == "&":
            decoded, end = _html_entity(text, i)
            if decoded is not None:
                out.append(decoded)
                units += utf16_len(decoded)
                i = end
                continue
        if ch != "<":
            out.append(ch)
            units += utf16_len(ch)
            i += 1
            continue
        start = i
        i += 1
        if i < n and text[i] == "/":
            j = i + 1
            while j < n and not text[j].isspace() and text[j] != ">":
                j += 1
            name = text[i + 1 : j].lower()
            while j < n and text[j].isspace():
                j += 1
            if j >= n or text[j] != ">":
                raise EntityError(f"Unclosed end tag at byte offset {at(start)}")
            if not stack:
                raise EntityError(f"Unexpected end tag at byte offset {at(start)}")
            open_name, attrs, begin = stack.pop()
            if name and name != open_name:
                raise EntityError(
                    f'Unmatched end tag at byte offset {at(start)}, expected "</{open_name}>", found "</{name}>"'
                )
            i = j + 1
            if units > begin:
                _html_entity_close(entities, open_name, attrs, begin, units - begin)
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] != ">":
            j += 1
        if j >= n:
            raise EntityError(f"Unclosed start tag at byte offset {at(start)}")
        name = text[i:j].lower()
        if name not in _HTML_TAGS:
            raise EntityError(f'Unsupported start tag "{name}" at byte offset {at(start)}')
        attrs: dict[str, str] = {}
        while True:
            while j < n and text[j].isspace():
                j += 1
            if j >= n:
                raise EntityError(f'Unclosed start tag "{name}" at byte offset {at(start)}')
            if text[j] == ">":
                break
            k = j
            while k < n and not text[k].isspace() and text[k] not in "=>/\"'":
                k += 1
            attr = text[j:k].lower()
            if not attr:
                raise EntityError(f'Empty attribute name in the tag "{name}" at byte offset {at(start)}')
            j = k
            while j < n and text[j].isspace():
                j += 1
            if j >= n:
                raise EntityError(f'Unclosed start tag "{name}" at byte offset {at(start)}')
            if text[j] != "=":
                attrs[attr] = ""
                continue
            j += 1
            while j < n and text[j].isspace():
                j += 1
            if j >= n:
                raise EntityError(f'Unclosed start tag "{name}" at byte offset {at(start)}')
            if text[j] in "\"'":
                quote, value = text[j], []
                j += 1
                while j < n and text[j] != quote:
                    decoded, end = _html_entity(text, j) if text[j] == "&" else (None, j)
                    if decoded is not None:
                        value.append(decoded)
                        j = end
                    else:
                        value.append(text[j])
                        j += 1
                if j >= n:
                    raise EntityError(f"Unclosed start tag at byte offset {at(start)}")
                j += 1
                attrs[attr] = "".join(value)
            else:
                k = j
                while k < n and ((text[k].isascii() and text[k].isalnum()) or text[k] in ".-"):
                    k += 1
                if k >= n or not (text[k].isspace() or text[k] == ">"):
                    raise EntityError(f"Unexpected end of name token at byte offset {at(k)}")
                attrs[attr] = text[j:k].lower()
                j = k
        i = j + 1
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityError(f'Tag "span" must have class "tg-spoiler" at byte offset {at(start)}')
        stack.append((name, attrs, units))
    if stack:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def _html_entity_close(
    entities: list[dict[str, Any]], name: str, attrs: dict[str, str], offset: int, length: int
) -> None:
    if name == "a":
        if attrs.get("href"):
            entities.append({"type": "text_link", "offset": offset, "length": length, "url": attrs["href"]})
        return
    if name == "tg-emoji":
        if not attrs.get("emoji-id", "").isdigit():
            raise EntityError("Invalid custom emoji identifier specified")
        emoji = {"type": "custom_emoji", "offset": offset, "length": length, "custom_emoji_id": attrs["emoji-id"]}
        entities.append(emoji)
        return
    entity: dict[str, Any] = {"type": _HTML_TYPES[name], "offset": offset, "length": length}
    if name == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    if name == "code" and attrs.get("class", "").startswith("language-"):
        entity["language"] = attrs["class"].removeprefix("language-")
    if name == "pre" and entities and entities[-1]["type"] == "code" and entities[-1]["offset"] == offset:
        inner = entities.pop()  # <pre><code class="language-x">…</code></pre> is one pre entity with a language
        if "language" in inner:
            entity["language"] = inner["language"]
    entities.append(entity)


_MDV2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MDV2_NAMES = {"bold": "Bold", "italic": "Italic", "underline": "Underline", "strikethrough": "Strikethrough",
               "spoiler": "Spoiler", "code": "Code", "pre": "Pre", "text_link": "TextUrl",
               "custom_emoji": "CustomEmoji"}  # fmt: skip


def parse_markdown_v2(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Bot API MarkdownV2 -> (plain text, entities); unescaped reserved characters and unclosed entities raise."""
    out: list[str] = []
    units = 0
    entities: list[dict[str, Any]] = []
    stack: list[tuple[str, int, int, str]] = []  # (type, start units, byte offset of marker, pre language)
    i, n = 0, len(text)
    line_start = True

    def at(pos: int) -> int:
        return len(text[:pos].encode())

    def emit(ch: str) -> None:
        nonlocal units
        out.append(ch)
        units += utf16_len(ch)

    def toggle(kind: str, width: int) -> None:
        nonlocal i
        if stack and stack[-1][0] == kind:
            _, begin, _, _ = stack.pop()
            if units > begin:
                entities.append({"type": kind, "offset": begin, "length": units - begin})
        else:
            stack.append((kind, units, at(i), ""))
        i += width

    while i < n:
        ch = text[i]
        top = stack[-1][0] if stack else None
        if ch == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
            emit(text[i + 1])
            line_start = text[i + 1] == "\n"
            i += 2
            continue
        if top in ("code", "pre"):
            if top == "pre" and text.startswith("```", i):
                _, begin, _, language = stack.pop()
                entity = {"type": "pre", "offset": begin, "length": units - begin}
                if language:
                    entity["language"] = language
                if units > begin:
                    entities.append(entity)
                i += 3
            elif top == "code" and ch == "`":
                toggle("code", 1)
            else:
                emit(ch)
                i += 1
            continue
        if ch not in _MDV2_RESERVED:
            emit(ch)
            line_start = ch == "\n" or (line_start and ch == "\r")
            i += 1
            continue
        if ch == ">" and line_start:  # blockquote marker at the start of a line
            i += 1
            line_start = False
            continue
        line_start = False
        nxt = text[i + 1] if i + 1 < n else ""
        if ch == "*":
            toggle("bold", 1)
        elif ch == "_":
            if nxt == "_" and top != "italic":
                toggle("underline", 2)
            else:
                toggle("italic", 1)
        elif ch == "~":
            toggle("strikethrough", 1)
        elif ch == "|" and nxt == "|":
            toggle("spoiler", 2)
        elif ch == "`" and text.startswith("```", i):
            marker = at(i)
            i += 3
            newline = text.find("\n", i)
            language = ""
            if newline != -1 and "`" not in text[i:newline] and not text[i:newline].strip().count(" "):
                language = text[i:newline].strip()
                i = newline + 1
            stack.append(("pre", units, marker, language))
        elif ch == "`":
            toggle("code", 1)
        elif ch == "[":
            stack.append(("text_link", units, at(i), ""))
            i += 1
        elif ch == "!" and nxt == "[":
            stack.append(("custom_emoji", units, at(i), ""))
            i += 2
        elif ch == "]" and top in ("text_link", "custom_emoji"):
            kind, begin, _, _ = stack.pop()
            i += 1
            url = ""
            if i < n and text[i] == "(":
                open_at = at(i)
                i += 1
                chars = []
                while i < n and text[i] != ")":
                    if text[i] == "\\" and i + 1 < n:
                        i += 1
                    chars.append(text[i])
                    i += 1
                if i >= n:
                    raise EntityError(f"Can't find end of a URL at byte offset {open_at}")
                i += 1
                url = "".join(chars)
            if kind == "custom_emoji":
                emoji_id = url.removeprefix("tg://emoji?id=")
                if not emoji_id.isdigit():
                    raise EntityError("Custom emoji entity must contain a tg://emoji URL")
                entities.append({"type": kind, "offset": begin, "length": units - begin, "custom_emoji_id": emoji_id})
            elif url and units > begin:
                entities.append({"type": kind, "offset": begin, "length": units - begin, "url": url})
        else:
            raise EntityError(f"Character '{ch}' is reserved and must be escaped with the preceding '\\'")
    if stack:
        kind, _, marker, language = stack[-1]
        name = "PreCode" if kind == "pre" and language else _MDV2_NAMES[kind]
        raise EntityError(f"Can't find end of {name} entity at byte offset {marker}")
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def parse_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Legacy Markdown: *bold* _italic_ `code` ```pre``` [text](url), no nesting, unclosed entities raise."""
    out: list[str] = []
    units = 0
    entities: list[dict[str, Any]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.append(text[i + 1])
            units += 1
            i += 2
            continue
        if ch not in "_*`[":
            out.append(ch)
            units += utf16_len(ch)
            i += 1
            continue
        marker = len(text[:i].encode())
        entity: dict[str, Any]
        if text.startswith("```", i):
            end = text.find("```", i + 3)
            if end == -1:
                raise EntityError(f"Can't find end of the entity starting at byte offset {marker}")
            content = text[i + 3 : end]
            entity = {"type": "pre"}
            first, sep, rest = content.partition("\n")
            if sep and first and " " not in first.strip():
                entity["language"], content = first.strip(), rest
            i = end + 3
        else:
            close = "]" if ch == "[" else ch
            end = text.find(close, i + 1)
            if end == -1:
                raise EntityError(f"Can't find end of the entity starting at byte offset {marker}")
            content = text[i + 1 : end]
            i = end + 1
            entity = {"type": {"*": "bold", "_": "italic", "`": "code"}.get(ch, "text_link")}
            if ch == "[":
                url = ""
                if i < n and text[i] == "(":
                    close_paren = text.find(")", i)
                    if close_paren == -1:
                        raise EntityError(f"Can't find end of a URL at byte offset {len(text[:i].encode())}")
                    url, i = text[i + 1 : close_paren], close_paren + 1
                if not url:
                    out.append(content)
                    units += utf16_len(content)
                    continue
                entity["url"] = url
        if content:
            entities.append({**entity, "offset": units, "length": utf16_len(content)})
        out.append(content)
        units += utf16_len(content)
    return "".join(out), entities
