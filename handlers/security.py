"""The public edge's defences: a body-size limit, security headers and per-client rate limits.

The two middlewares are plain ASGI (no ``BaseHTTPMiddleware``): the body limit must see the request
before any route parses it (a 10 MB JSON body, or a form on the Twilio webhook, is refused unread),
and neither adds a task or a copy of the response per request.

The rate limiter is a table of token buckets kept in this process's memory. Several processes each
keep their own table, so the effective limit is per process; that is enough to stop one client from
flooding a process and the database behind it.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Same-origin scripts, styles and requests only; the page cannot be framed or have its base moved.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
#: What /docs (Swagger UI) and /redoc need when an operator turns them on: FastAPI's pages load their
#: scripts and styles from a CDN and configure them in an inline script.
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "worker-src blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
)
#: All of them, for a response sent outside :class:`SecurityHeaders` (Starlette's own 500 handler).
SECURITY_HEADER_VALUES: tuple[tuple[str, str], ...] = (("content-security-policy", CONTENT_SECURITY_POLICY),
                                                       *SECURITY_HEADERS)


class SecurityHeaders:
    """Adds a Content-Security-Policy and the other security headers to every HTTP response.

    ``policies`` maps a path to another policy (the opt-in API docs); every other path gets
    :data:`CONTENT_SECURITY_POLICY`. A header the route set itself is left as it is.
    """

    def __init__(self, app: ASGIApp, policies: Mapping[str, str] | None = None) -> None:
        self.app = app
        self.policies = dict(policies or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self.policies.get(scope["path"], CONTENT_SECURITY_POLICY)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[tuple[bytes, bytes]] = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in (("content-security-policy", policy), *SECURITY_HEADERS):
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    """Raised into the route that reads a body past the limit; :class:`BodyLimit` answers 413."""


class BodyLimit:
    """Refuses request bodies over ``max_bytes`` with 413, on every route, before anything parses them.

    A declared ``Content-Length`` over the limit is refused without reading a byte. A body without one
    (chunked) is counted as it streams: the read that crosses the limit raises :class:`BodyTooLarge`
    into whatever is parsing it, whatever that layer makes of the exception is discarded, and the
    client gets the 413 instead. At most ``max_bytes`` (plus one chunk) is ever held.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send)
            return
        received = 0
        exceeded = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise BodyTooLarge(f"request body over {self.max_bytes} bytes")
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:  # the app's own answer to the exception (a 400 or 500) is not what happened
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not exceeded:
                raise
        if exceeded and not started:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = b'{"error":"request body too large","limit_bytes":' + str(self.max_bytes).encode() + b"}"
        # no "Connection: close": uvicorn then reads the rest of the body past the app and throws it away,
        # so a client still sending it gets to read this answer instead of a reset connection
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server refuses a malformed length itself
    return None


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets by key (a client address, a conversation): ``capacity`` requests at once, refilled
    at ``per_minute`` requests a minute. ``per_minute=0`` turns the limiter off.

    The table stays bounded: a bucket that has refilled completely is the same as no bucket, so the
    least recently used ones are dropped when the table holds more than ``max_keys`` (a full one
    first; if a flood of new keys leaves none full, the oldest still goes, which at worst forgives
    that key its debt).
    """

    def __init__(self, per_minute: float, capacity: int, *, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(capacity)
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, key: str) -> float:
        """Spend one token for ``key``: 0.0 if the request may go on, else the seconds until it may."""
        if not self.enabled:
            return 0.0
        now = self.clock()
        with self._lock:
            bucket = self._buckets.pop(key, None)
            if bucket is None:
                bucket = _Bucket(self.capacity, now)
            else:
                bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
                bucket.updated = now
            self._buckets[key] = bucket  # most recently used last
            self._evict(now)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate

    def _evict(self, now: float) -> None:
        full_after = self.capacity / self.rate  # seconds an untouched bucket needs to refill
        while self._buckets:
            oldest = next(iter(self._buckets.values()))
            if now - oldest.updated >= full_after or len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            else:
                break


@dataclass(frozen=True)
class ApiLimits:
    """The public API's limiters: one bucket per client address (chat and search share it) and one per
    conversation (chat only)."""

    per_client: RateLimiter
    per_user: RateLimiter

    @classmethod
    def of(cls, per_client_per_minute: int, client_burst: int, per_user_per_minute: int,
           user_burst: int) -> ApiLimits:
        return cls(RateLimiter(per_client_per_minute, client_burst), RateLimiter(per_user_per_minute, user_burst))


def retry_after(seconds: float) -> str:
    """The ``Retry-After`` header value: whole seconds, at least one."""
    return str(max(1, math.ceil(seconds)))
