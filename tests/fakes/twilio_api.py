"""A local fake of Twilio's Messages REST API (2010-04-01), plus the recording HTTP server both fakes share.

Tests point the real `twilio` client at it (see `tests/test_fakes.py` for the URL-rewriting http_client) so
the library's own request building and response/exception parsing are exercised, not a mock of them.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import re
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------------------------------
# Shared machinery (also imported by telegram_api.py)


@dataclass(frozen=True)
class Call:
    """One request a fake received. Recorded *before* the reply is written, so a client that got its answer can
    already see the call in `.requests`."""

    method: str  # API operation, e.g. "messages.create" or "sendMessage"
    http_method: str
    path: str
    params: dict[str, Any]
    headers: dict[str, str]  # names lower-cased
    body: bytes
    at: float  # time.monotonic() when the request was read
    status: int  # HTTP status the fake answered with
    response: Any  # the JSON (or text) it answered with


@dataclass
class Reply:
    """What a fake answers: JSON-able payload (str/bytes go out verbatim)."""

    status: int
    payload: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Incoming:
    """A parsed HTTP request handed to a fake's router."""

    http_method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class _Failure:
    status: int
    body: Any
    headers: dict[str, str]
    retry_after: int | None


Match = str | Callable[[Call], bool] | None


class FakeHTTPService:
    """A real HTTP server on 127.0.0.1 in a background thread that records calls and can inject failures.

    Subclasses implement `_route` (auth, method name, params) and `_handle` (the API itself); all their state is
    guarded by `self._cond`, the same re-entrant condition that wakes `wait_for` and long polls.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._calls: list[Call] = []
        self._failures: dict[str, deque[_Failure]] = {}
        self._errors: list[str] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._closing = False
        self._active = 0

    # -- lifecycle ------------------------------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind a free loopback port and serve in a daemon thread."""
        if self._server is not None:
            raise RuntimeError(f"{type(self).__name__} already started")
        server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        server.daemon_threads = True
        self._server = server
        # A short poll interval only bounds how long shutdown() waits; it is not used to synchronise anything.
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=type(self).__name__, daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        """Wake long polls, stop accepting, and wait for in-flight handlers to finish."""
        with self._cond:
            if self._server is None or self._closing:
                return
            self._closing = True
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._cond:
            self._cond.wait_for(lambda: self._active == 0, timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
        if exc_type is None and self._errors:
            raise AssertionError(f"{type(self).__name__} crashed while handling a request:\n" + "\n".join(self._errors))

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT (no trailing slash)."""
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- recorded calls -------------------------------------------------------------------------------------------

    @property
    def requests(self) -> list[Call]:
        """A snapshot of every call received so far, oldest first."""
        with self._cond:
            return list(self._calls)

    def calls(self, match: Match = None) -> list[Call]:
        """Recorded calls matching a method name (case-insensitive) or predicate."""
        pred = _predicate(match)
        with self._cond:
            return [c for c in self._calls if pred(c)]

    def clear(self) -> None:
        """Forget recorded calls (state such as stored messages is kept)."""
        with self._cond:
            self._calls.clear()

    def wait_for(self, match: Match | int = None, count: int = 1, *, timeout: float = 5.0) -> list[Call]:
        """Block until `count` calls matching `match` have arrived; return all matching calls.

        `match` is a method name, a predicate on `Call`, None (any call), or an int meaning "this many calls of any
        kind". Raises AssertionError listing what did arrive if the deadline passes.
        """
        if isinstance(match, int) and not isinstance(match, bool):
            match, count = None, match
        pred = _predicate(match)
        with self._cond:
            ok = self._cond.wait_for(lambda: sum(1 for c in self._calls if pred(c)) >= count, timeout=timeout)
            matched = [c for c in self._calls if pred(c)]
            if not ok:
                arrived = "\n".join(f"  {c.method} -> {c.status} {_short(c.params)}" for c in self._calls) or "  none"
                raise AssertionError(
                    f"{type(self).__name__}: expected {count} call(s) matching {match!r} within {timeout}s, "
                    f"got {len(matched)}. Calls received:\n{arrived}"
                )
            return matched

    async def wait_for_async(self, match: Match | int = None, count: int = 1, *, timeout: float = 5.0) -> list[Call]:
        """`wait_for` off the event loop, so the app under test keeps running on it while we wait."""
        return await asyncio.to_thread(self.wait_for, match, count, timeout=timeout)

    # -- failure injection ----------------------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        n: int = 1,
        status: int = 500,
        body: Any = None,
        *,
        retry_after: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Make the next `n` calls of `method` ("*" = any) answer `status` instead of being handled.

        Failed calls change no state and are still recorded (with that status), so retries can be counted.
        `body` replaces the API-specific default error body; `retry_after` fills in the API's rate-limit hint.
        """
        failure = _Failure(status, body, dict(headers or {}), retry_after)
        with self._cond:
            self._failures.setdefault(method.lower(), deque()).extend([failure] * n)

    def clear_failures(self) -> None:
        """Forget failures queued by `fail_next` that have not happened yet (the provider "recovers")."""
        with self._cond:
            self._failures.clear()

    def _pop_failure(self, method: str) -> _Failure | None:
        with self._cond:
            for key in (method.lower(), "*"):
                queue = self._failures.get(key)
                if queue:
                    return queue.popleft()
        return None

    # -- subclass hooks -------------------------------------------------------------------------------------------

    def _route(self, req: Incoming) -> tuple[str, dict[str, Any], Reply | None]:
        """Return (method name, params, early reply or None). An early reply (auth error, 404) skips `_handle`."""
        raise NotImplementedError

    def _handle(self, method: str, params: dict[str, Any], req: Incoming) -> Reply:
        raise NotImplementedError

    def _failure_reply(self, method: str, failure: _Failure) -> Reply:
        raise NotImplementedError

    # -- request plumbing -----------------------------------------------------------------------------------------

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        with self._cond:
            self._active += 1
        try:
            at = time.monotonic()
            body = _read_body(handler)
            split = urllib.parse.urlsplit(handler.path)
            req = Incoming(
                http_method=handler.command,
                path=split.path,
                query=urllib.parse.parse_qs(split.query, keep_blank_values=True),
                headers={k.lower(): v for k, v in handler.headers.items()},
                body=body,
            )
            method, params = "?", {}
            try:
                method, params, reply = self._route(req)
                if reply is None:
                    failure = self._pop_failure(method)
                    reply = self._failure_reply(method, failure) if failure else self._handle(method, params, req)
            except Exception:
                text = traceback.format_exc()
                log.error("%s crashed on %s %s\n%s", type(self).__name__, req.http_method, req.path, text)
                with self._cond:
                    self._errors.append(text)
                reply = Reply(500, {"fake_error": text})
            call = Call(method, req.http_method, req.path, params, req.headers, body, at, reply.status, reply.payload)
            with self._cond:
                self._calls.append(call)
                self._cond.notify_all()
            _write_reply(handler, reply)
        finally:
            with self._cond:
                self._active -= 1
                self._cond.notify_all()


def _make_handler(service: FakeHTTPService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: one request per connection, so no idle keep-alive threads outlive close().
        protocol_version = "HTTP/1.0"
        server_version = "FakeAPI/1.0"
        timeout = 30

        def do_GET(self) -> None:
            service._serve(self)

        do_POST = do_PUT = do_DELETE = do_GET

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("%s: " + format, type(service).__name__, *args)

    return Handler


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int(handler.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                handler.rfile.readline()
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


def _write_reply(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
    headers = dict(reply.headers)
    if isinstance(reply.payload, bytes):
        data = reply.payload
    elif isinstance(reply.payload, str):
        data = reply.payload.encode()
        headers.setdefault("Content-Type", "text/plain; charset=utf-8")
    else:
        data = json.dumps(reply.payload).encode()
        headers.setdefault("Content-Type", "application/json")
    try:
        handler.send_response(reply.status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):  # the client gave up (e.g. its own read timeout)
        pass


def _predicate(match: Match) -> Callable[[Call], bool]:
    if match is None:
        return lambda c: True
    if isinstance(match, str):
        name = match.lower()
        return lambda c: c.method.lower() == name
    return match


def _short(params: Mapping[str, Any], limit: int = 160) -> str:
    text = json.dumps(params, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def post(url: str, data: bytes, headers: Mapping[str, str], timeout: float = 10.0) -> tuple[int, str]:
    """POST like an upstream webhook sender would; return (status, body text) without raising on 4xx/5xx."""
    # No proxies: the app under test listens on loopback and a CI proxy variable must not intercept it.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, data=data, headers=dict(headers), method="POST")
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, which is how Telegram (and Twilio's encoded limits) count characters."""
    return len(text.encode("utf-16-le")) // 2


# ---------------------------------------------------------------------------------------------------------------------
# Twilio

API_VERSION = "2010-04-01"
DEFAULT_ACCOUNT_SID = "AC" + "0" * 31 + "1"
_ACCOUNT_SID = re.compile(r"^AC[0-9a-fA-F]{32}$")
_CONTENT_SID = re.compile(r"^HX[0-9a-fA-F]{32}$")
_MESSAGES = re.compile(r"^/2010-04-01/Accounts/(?P<account>[^/]+)/Messages\.json$")
_MESSAGE = re.compile(r"^/2010-04-01/Accounts/(?P<account>[^/]+)/Messages/(?P<sid>[^/]+)\.json$")
# Parameters the twilio library sends as repeated form keys (serialize.map): always exposed as lists.
MULTI_VALUED = frozenset({"MediaUrl", "PersistentAction"})
BODY_LIMIT = 1600
_GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
)
STATUSES = frozenset(
    {"queued", "sending", "sent", "failed", "delivered", "undelivered", "receiving", "received", "accepted",
     "scheduled", "read", "canceled"}
)  # fmt: skip


class FakeTwilio(FakeHTTPService):
    """Twilio's Messages API: POST .../Messages.json (create) and GET .../Messages/{Sid}.json (fetch).

    Checks HTTP Basic auth and validates the way Twilio does (error codes 21602/21603/21604/21617/21654/21655/
    21656/21910), answering with Twilio's JSON error shape so `TwilioRestException.code` is meaningful.
    """

    def __init__(
        self, account_sid: str = DEFAULT_ACCOUNT_SID, auth_token: str = "fake-auth-token", *, utf16_body: bool = True
    ) -> None:
        """`utf16_body`: count Body length in UTF-16 units (an emoji = 2), the conservative reading of 21617."""
        super().__init__()
        if not _ACCOUNT_SID.match(account_sid):
            raise ValueError(f"account_sid must be 'AC' + 32 hex digits, got {account_sid!r}")
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.utf16_body = utf16_body
        self._messages: dict[str, dict[str, Any]] = {}
        self._status_callbacks: dict[str, str] = {}

    # -- inspection -----------------------------------------------------------------------------------------------

    @property
    def messages(self) -> list[dict[str, Any]]:
        """Message resources created so far (as returned to the client, with later status updates)."""
        with self._cond:
            return [dict(m) for m in self._messages.values()]

    def message(self, sid: str) -> dict[str, Any]:
        with self._cond:
            return dict(self._messages[sid])

    # -- routing --------------------------------------------------------------------------------------------------

    def _route(self, req: Incoming) -> tuple[str, dict[str, Any], Reply | None]:
        many, one = _MESSAGES.match(req.path), _MESSAGE.match(req.path)
        operations = {("POST", True): "messages.create", ("GET", True): "messages.list",
                      ("GET", False): "messages.fetch"}  # fmt: skip
        match = many or one
        method = operations.get((req.http_method, bool(many))) if match else None
        params = _form_params(req)
        if not self._authorised(req.headers.get("authorization", "")):  # Twilio authenticates before routing
            reply = self._error(401, 20003, "Authenticate", detail="Your AccountSid or AuthToken was incorrect.",
                                headers={"WWW-Authenticate": 'Basic realm="Twilio API"'})  # fmt: skip
            return method or f"{req.http_method} {req.path}", params, reply
        if method is None or match is None or match["account"] != self.account_sid:
            reply = self._error(404, 20404, f"The requested resource {req.path} was not found")
            return method or f"{req.http_method} {req.path}", params, reply
        if one:
            params = {**params, "Sid": one["sid"]}
        return method, params, None

    def _authorised(self, header: str) -> bool:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, _, password = base64.b64decode(value, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return user == self.account_sid and password == self.auth_token

    def _handle(self, method: str, params: dict[str, Any], req: Incoming) -> Reply:
        if method == "messages.create":
            return self._create(params)
        if method == "messages.fetch":
            with self._cond:
                message = self._messages.get(params["Sid"])
            if message is None:
                return self._error(404, 20404, f"The requested resource {req.path} was not found")
            return Reply(200, message)
        with self._cond:  # messages.list: one page, newest first, like the API
            found = sorted(self._messages.values(), key=lambda m: m["_seq"], reverse=True)
        uri = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages.json"
        page = {"messages": [_public(m) for m in found], "uri": uri, "first_page_uri": uri, "next_page_uri": None,
                "previous_page_uri": None, "page": 0, "page_size": 50, "start": 0, "end": max(len(found) - 1, 0)}
        return Reply(200, page)

    def _create(self, params: dict[str, Any]) -> Reply:
        to, from_ = params.get("To") or "", params.get("From") or ""
        service_sid = params.get("MessagingServiceSid") or None
        body = params.get("Body") or ""
        media: list[str] = params.get("MediaUrl") or []
        content_sid = params.get("ContentSid") or ""
        variables = params.get("ContentVariables")
        if not to:
            return self._error(400, 21604, "A 'To' phone number is required.")
        if not from_ and not service_sid:
            return self._error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required")
        if from_ and to.startswith("whatsapp:") != from_.startswith("whatsapp:"):
            return self._error(400, 21910, "Invalid From and To pair. From and To should be of the same channel")
        if variables is not None and not content_sid:
            return self._error(400, 21654, "ContentSid Required")
        if content_sid and not _CONTENT_SID.match(content_sid):
            return self._error(400, 21655, "The ContentSid is Invalid")
        if variables is not None and not _json_object(variables):
            return self._error(400, 21656, "The ContentVariables Parameter is invalid.")
        if not body and not content_sid and not media:
            return self._error(400, 21602, "Message body is required.")
        if (utf16_len(body) if self.utf16_body else len(body)) > BODY_LIMIT:
            return self._error(400, 21617, "The concatenated message body exceeds the 1600 character limit.")

        sid = ("MM" if media else "SM") + uuid.uuid4().hex
        now = format_datetime(datetime.now(UTC))
        base_uri = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{sid}"
        message = {
            "account_sid": self.account_sid,
            "api_version": API_VERSION,
            "body": body,
            "date_created": now,
            "date_sent": None,
            "date_updated": now,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": from_ or None,
            "messaging_service_sid": service_sid,
            "num_media": str(len(media)),
            "num_segments": str(_segments(body)),
            "price": None,
            "price_unit": "USD",
            "sid": sid,
            "status": "accepted" if service_sid else "queued",
            "subresource_uris": {"media": f"{base_uri}/Media.json", "feedback": f"{base_uri}/Feedback.json"},
            "to": to,
            "uri": f"{base_uri}.json",
        }
        with self._cond:
            message["_seq"] = len(self._messages)
            self._messages[sid] = message
            if params.get("StatusCallback"):
                self._status_callbacks[sid] = params["StatusCallback"]
        return Reply(201, _public(message))

    def _error(
        self, status: int, code: int, message: str, *, detail: str | None = None, headers: dict[str, str] | None = None
    ) -> Reply:
        payload: dict[str, Any] = {"code": code, "message": message,
                                   "more_info": f"https://www.twilio.com/docs/errors/{code}", "status": status}
        if detail:
            payload["detail"] = detail
        return Reply(status, payload, dict(headers or {}))

    def _failure_reply(self, method: str, failure: _Failure) -> Reply:
        headers = dict(failure.headers)
        if failure.retry_after is not None:
            headers.setdefault("Retry-After", str(failure.retry_after))
        if failure.body is not None:
            return Reply(failure.status, failure.body, headers)
        code, message = {429: (20429, "Too Many Requests"), 503: (20503, "Service Unavailable")}.get(
            failure.status, (20500, "Internal Server Error")
        )
        return self._error(failure.status, code, message, headers=headers)

    # -- Twilio -> app webhooks -----------------------------------------------------------------------------------

    def post_signed(self, url: str, params: Mapping[str, str | list[str]], *, signed_url: str | None = None,
                    timeout: float = 10.0) -> tuple[int, str]:
        """POST form params to the app the way Twilio does, with X-Twilio-Signature over `signed_url` (default `url`).

        `signed_url` lets a test simulate a proxy: Twilio signs the public URL while the app is reached locally.
        """
        from twilio.request_validator import RequestValidator

        signature = RequestValidator(self.auth_token).compute_signature(signed_url or url, _MultiParams(params))
        data = urllib.parse.urlencode(list(_pairs(params))).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "User-Agent": "TwilioProxy/1.1",
            "X-Twilio-Signature": signature,
            "I-Twilio-Idempotency-Token": str(uuid.uuid4()),
        }
        return post(url, data, headers, timeout)

    def send_status(
        self, message_sid: str, status: str, url: str | None = None, error_code: int | None = None, **extra: str
    ) -> int:
        """Send a signed status callback for a message this fake created; return the app's HTTP status.

        `url` defaults to the StatusCallback given at create time. Updates the stored message's status too.
        """
        if status not in STATUSES:
            raise ValueError(f"unknown Twilio message status {status!r}")
        with self._cond:
            message = self._messages[message_sid]
            target = url or self._status_callbacks.get(message_sid)
            message["status"] = status
            message["error_code"] = error_code
            message["date_updated"] = format_datetime(datetime.now(UTC))
            to, from_ = message["to"], message["from"] or ""
        if not target:
            raise ValueError(f"no url given and message {message_sid} had no StatusCallback")
        params = {
            "AccountSid": self.account_sid,
            "ApiVersion": API_VERSION,
            "From": from_,
            "MessageSid": message_sid,
            "MessageStatus": status,
            "SmsSid": message_sid,
            "SmsStatus": status,
            "To": to,
        }
        if to.startswith("whatsapp:"):
            params["ChannelPrefix"] = "whatsapp"
        if error_code is not None:
            params["ErrorCode"] = str(error_code)
        params.update(extra)
        return self.post_signed(target, params)[0]

    def send_inbound(
        self,
        url: str,
        body: str,
        *,
        from_: str = "whatsapp:+923001234567",
        to: str = "whatsapp:+14155238886",
        profile_name: str = "Test User",
        media: list[tuple[str, str]] | None = None,
        message_sid: str | None = None,
        signed_url: str | None = None,
        **extra: str,
    ) -> tuple[int, str]:
        """Deliver an inbound WhatsApp/SMS message webhook (signed); return (status, response body, e.g. TwiML).

        `media` is a list of (url, content_type). Pass the same `message_sid` twice to simulate a redelivery.
        """
        media = media or []
        sid = message_sid or ("MM" if media else "SM") + uuid.uuid4().hex
        params: dict[str, str] = {
            "AccountSid": self.account_sid,
            "ApiVersion": API_VERSION,
            "Body": body,
            "From": from_,
            "MessageSid": sid,
            "NumMedia": str(len(media)),
            "NumSegments": "1",
            "SmsMessageSid": sid,
            "SmsSid": sid,
            "SmsStatus": "received",
            "To": to,
        }
        if from_.startswith("whatsapp:"):
            params["ProfileName"] = profile_name
            params["WaId"] = from_.removeprefix("whatsapp:").lstrip("+")
        for i, (media_url, content_type) in enumerate(media):
            params[f"MediaUrl{i}"] = media_url
            params[f"MediaContentType{i}"] = content_type
        params.update(extra)
        return self.post_signed(url, params, signed_url=signed_url)


class _MultiParams(dict[str, Any]):
    """A dict with `getlist`, so RequestValidator signs every value of a repeated parameter."""

    def getlist(self, name: str) -> list[str]:
        value = self[name]
        return list(value) if isinstance(value, list | tuple) else [value]


def _pairs(params: Mapping[str, str | list[str]]) -> list[tuple[str, str]]:
    pairs = []
    for name, value in params.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            pairs.append((name, item))
    return pairs


def _form_params(req: Incoming) -> dict[str, Any]:
    merged: dict[str, list[str]] = {k: list(v) for k, v in req.query.items()}
    if req.body and "json" not in req.headers.get("content-type", ""):
        for name, values in urllib.parse.parse_qs(req.body.decode(), keep_blank_values=True).items():
            merged.setdefault(name, []).extend(values)
    return {k: (v if k in MULTI_VALUED or len(v) > 1 else v[0]) for k, v in merged.items()}


def _json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def _segments(body: str) -> int:
    if not body:
        return 1
    if all(ch in _GSM7 for ch in body):
        size, single, multi = len(body), 160, 153
    else:
        size, single, multi = utf16_len(body), 70, 67
    return 1 if size <= single else -(-size // multi)


def _public(message: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in message.items() if not k.startswith("_")}
