"""The staff console at ``/staff``: log in, work the queue, answer users in their own channel.

Server-rendered Jinja2 pages (autoescaped: every user message is hostile input and shows as text),
a small script from our own origin (no CDN; the CSP allows nothing else) that polls the queue and
raises a browser notification when a conversation lands in the staff member's team.

Security: a staff session is a signed cookie (itsdangerous, with expiry; HttpOnly, SameSite=Strict,
Secure behind https) naming the staff id; every form carries a CSRF token derived from the session
(the login form one from a pre-login cookie), checked on every POST. Pages without a session redirect
to the login page; actions answer 401 (no session), 403 (bad CSRF token, or an agent attempting an
admin action). Repeated bad logins for a username or from a client are slowed down, then refused
for a while (429). Every action is written to the audit log, which admins can read.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from itsdangerous import BadSignature, TimestampSigner
from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.conversation.escalation import InvalidTransition
from bot.language import LANGUAGES, detect
from bot.queue.accounts import Accounts, Staff
from bot.queue.queue import PAGE, Filters, NotFound, Queue
from bot.storage.states import OutboundKind, Priority, StaffAction
from bot.texts import say
from handlers.outbox import Outbox
from handlers.pipeline import Pipeline
from handlers.web import client_of

TEMPLATES = Path(__file__).resolve().parent / "templates" / "staff"
COOKIE = "parkbot_staff"
LOGIN_COOKIE = "parkbot_staff_login"
MAX_TEXT = 4000

#: Canned replies staff insert into the reply box (they may edit before sending).
CANNED: dict[str, dict[str, str]] = {
    "greeting": {"en": "Hello, this is {name} from the PSEB support team. How can I help you?",
                 "ur": "السلام علیکم، میں پی ایس ای بی سپورٹ ٹیم سے {name} ہوں۔ میں آپ کی کیا مدد کر سکتا/سکتی ہوں؟",
                 "roman_ur": "Assalam o alaikum, main PSEB support team se {name} hoon. Main aap ki kya madad kar "
                             "sakta/sakti hoon?"},
    "checking": {"en": "Thank you for waiting. I'm checking this with the park office and will reply here.",
                 "ur": "انتظار کا شکریہ۔ میں پارک کے دفتر سے معلوم کر کے یہیں جواب دوں گا/گی۔",
                 "roman_ur": "Intezar ka shukriya. Main park ke office se maloom kar ke yahin jawab dunga/dungi."},
    "apply": {"en": "You can apply for space at an STP through PSEB. I can note your company name and city for the "
                    "park team.",
              "ur": "آپ پی ایس ای بی کے ذریعے ایس ٹی پی میں جگہ کے لیے درخواست دے سکتے ہیں۔ میں پارک ٹیم کے لیے آپ کی "
                    "کمپنی کا نام اور شہر نوٹ کر سکتا/سکتی ہوں۔",
              "roman_ur": "Aap PSEB ke zariye STP mein jagah ke liye apply kar sakte hain. Main park team ke liye aap "
                          "ki company ka naam aur shehar note kar sakta/sakti hoon."},
    "closing": {"en": "Is there anything else I can help you with?",
                "ur": "کیا میں آپ کی کسی اور بات میں مدد کر سکتا/سکتی ہوں؟",
                "roman_ur": "Kya main aap ki kisi aur baat mein madad kar sakta/sakti hoon?"},
}
#: What the console says after a reply, by outcome (never the provider's raw text in a URL).
OUTCOMES = {
    "sent": "Sent to the user.",
    "sent_template": "Sent as the approved WhatsApp template (outside the 24-hour window).",
    "waiting": "Not sent yet: outside WhatsApp's 24-hour window and no template is configured; it goes out "
               "when the user writes again.",
    "pending": "Queued: the channel had a temporary problem and the message is being retried.",
    "failed": "The channel refused the message (see the delivery log).",
    "web_live": "Queued for the web visitor: it appears on their page now if it is open, else when they return.",
    "stored": "Stored in the history; this channel cannot deliver messages from staff.",
    "done": "Done.",
}


class FaqWriter(Protocol):
    """Stores an FAQ entry written by staff under the data dir and indexes it at once (bot/app passes it)."""

    def __call__(self, entry: dict[str, Any]) -> str:
        """The entry's record id (``faq:<id>``)."""
        ...


class Deliveries(Protocol):
    """The handoff deliveries of bookings and applications (``handlers.webhooks.StaffDeliveries``): ``rows``
    lists deliveries (id, reference, kind, status, attempts, error, at) of one conversation (or all, with
    None); ``replay`` re-queues a dead letter (admins only)."""

    def rows(self, conversation_id: int | None) -> list[dict[str, Any]]: ...

    def replay(self, delivery_id: str) -> bool: ...


#: Staff pages and their JSON hold users' messages: never kept by a browser or proxy cache.
NO_STORE = {"Cache-Control": "no-store"}


@dataclass
class _Failures:
    count: int = 0
    first: float = 0.0
    blocked_until: float = 0.0


@dataclass
class LoginThrottle:
    """Bad logins per username and per client: from the ``slow_after``-th failure each answer is delayed
    (doubling, at most ``max_delay`` s); after ``block_after`` failures in ``window`` s a client is refused
    (429) for ``block_seconds`` s, also with the right password (the login route asks :meth:`blocked` for
    the client's key only, so nobody can lock a member of staff out by guessing at their username)."""

    slow_after: int = 3
    block_after: int = 5
    window: float = 900.0
    block_seconds: float = 60.0
    max_delay: float = 4.0
    _keys: dict[str, _Failures] = field(default_factory=dict)

    def blocked(self, keys: list[str]) -> float:
        now = time.monotonic()
        return max((f.blocked_until - now for k in keys if (f := self._keys.get(k))), default=0.0)

    def failed(self, keys: list[str]) -> float:
        """Record a failure; returns how long to delay the answer."""
        now, delay = time.monotonic(), 0.0
        for key in keys:
            entry = self._keys.setdefault(key, _Failures(first=now))
            if now - entry.first > self.window:
                entry.count, entry.first = 0, now
            entry.count += 1
            if entry.count >= self.block_after:
                entry.blocked_until = now + self.block_seconds
            if entry.count >= self.slow_after:
                delay = max(delay, min(self.max_delay, 0.25 * 2 ** (entry.count - self.slow_after)))
        if len(self._keys) > 10_000:  # a flood of made-up usernames must not grow memory without bound
            self._keys = {k: v for k, v in self._keys.items() if now - v.first <= self.window}
        return delay

    def succeeded(self, keys: list[str]) -> None:
        for key in keys:
            self._keys.pop(key, None)


class StaffSessions:
    """Signed staff session cookies and the CSRF tokens derived from them."""

    def __init__(self, secret: str, *, hours: float, always_secure: bool) -> None:
        self.secret = secret.encode()
        self.signer = TimestampSigner(secret, salt="parkbot.staff-session")
        self.login_signer = TimestampSigner(secret, salt="parkbot.staff-login")
        self.max_age = int(hours * 3600)
        self.always_secure = always_secure

    def _secure(self, request: Request) -> bool:
        return self.always_secure or request.url.scheme == "https"

    def staff_id(self, request: Request) -> tuple[int, int, str] | None:
        """(staff id, session epoch, nonce) of a validly signed, unexpired cookie; the caller compares the
        epoch with the account's (a logout or a new password moved it on)."""
        cookie = request.cookies.get(COOKIE)
        if not cookie:
            return None
        try:
            value = self.signer.unsign(cookie, max_age=self.max_age).decode("ascii")
        except (BadSignature, UnicodeDecodeError):
            return None
        staff, epoch, nonce = [*value.split(".", 2), "", ""][:3]
        return (int(staff), int(epoch), nonce) if staff.isdigit() and epoch.isdigit() and nonce else None

    def start(self, request: Request, response: Response, staff_id: int, epoch: int) -> None:
        value = f"{staff_id}.{epoch}.{secrets.token_urlsafe(18)}"
        response.set_cookie(COOKIE, self.signer.sign(value).decode("ascii"), max_age=self.max_age, path="/staff",
                            httponly=True, samesite="strict", secure=self._secure(request))
        response.delete_cookie(LOGIN_COOKIE, path="/staff")

    def end(self, response: Response) -> None:
        response.delete_cookie(COOKIE, path="/staff")

    def csrf(self, nonce: str) -> str:
        return hmac.new(self.secret, f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()[:40]

    def login_cookie(self, request: Request, response: Response, token: str) -> None:
        """The login form's CSRF token, double-submitted: a signed cookie holds the same random value."""
        response.set_cookie(LOGIN_COOKIE, self.login_signer.sign(token).decode("ascii"), max_age=3600,
                            path="/staff", httponly=True, samesite="strict", secure=self._secure(request))

    def login_ok(self, request: Request, token: str) -> bool:
        cookie = request.cookies.get(LOGIN_COOKIE, "")
        try:
            expected = self.login_signer.unsign(cookie, max_age=3600).decode("ascii")
        except (BadSignature, UnicodeDecodeError):
            return False
        return bool(token) and hmac.compare_digest(expected, token)


@dataclass(frozen=True)
class Action:
    """One row of the action table: whether only admins may do it, and what it does."""

    admin: bool
    run: Callable[[Staff, int, Mapping[str, str], str], Awaitable[str]]
    audit: StaffAction


def local_time(moment: dt.datetime, zone: str = "Asia/Karachi") -> str:
    """A stored UTC time as Pakistan time for the pages."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(ZoneInfo(zone)).strftime("%a %d %b %H:%M")


def staff_router(queue: Queue, accounts: Accounts, outbox: Outbox, pipeline: Pipeline, *, secret: str,
                 session_hours: float, always_secure: bool, faq: FaqWriter | None = None,
                 deliveries: Deliveries | None = None, throttle: LoginThrottle | None = None) -> APIRouter:
    router = APIRouter(prefix="/staff", include_in_schema=False)
    sessions = StaffSessions(secret, hours=session_hours, always_secure=always_secure)
    throttle = throttle or LoginThrottle()
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      auto_reload=False)
    env.globals["LANG_NAMES"] = {code: say("language_name", code) for code in LANGUAGES}
    env.filters["pk"] = local_time

    def render(name: str, status: int = 200, **values: Any) -> HTMLResponse:
        html = env.get_template(name).render(**values)
        return HTMLResponse(html, status_code=status, media_type="text/html; charset=utf-8", headers=NO_STORE)

    async def who(request: Request) -> tuple[Staff, str] | None:
        found = sessions.staff_id(request)
        if found is None:
            return None
        staff = await run_in_threadpool(accounts.get, found[0])
        if staff is None or staff.epoch != found[1]:
            return None
        return staff, sessions.csrf(found[2])

    def to_login() -> RedirectResponse:
        return RedirectResponse("/staff/login", status_code=303)

    def refused(status: int, error: str) -> JSONResponse:
        return JSONResponse({"error": error}, status_code=status)

    async def acting(request: Request, *, admin: bool = False) -> tuple[Staff, dict[str, str]] | JSONResponse:
        """Who posts this action, with its form: 401 without a session, 403 without its CSRF token (or for
        an agent where ``admin``). Every state-changing request goes through here."""
        me = await who(request)
        if me is None:
            return refused(401, "not logged in")
        form = {k: str(v) for k, v in (await request.form()).items()}
        if not hmac.compare_digest(form.get("csrf", ""), me[1]):
            return refused(403, "missing or wrong CSRF token")
        if admin and not me[0].is_admin:
            return refused(403, "admins only")
        return me[0], form

    async def admin_page(request: Request) -> tuple[Staff, str] | Response:
        """An admin's page: the login page without a session, 403 for an agent."""
        me = await who(request)
        if me is None:
            return to_login()
        if not me[0].is_admin:
            return render("error.html", status=403, staff=me[0], csrf=me[1], error="Admins only.")
        return me

    # -- sending to the user's own channel ------------------------------------------------------------
    async def send(conversation_id: int, text: str, language: str, kind: OutboundKind,
                   to: tuple[str, str] | None = None) -> str:
        """Send ``text`` through the user's own channel; ``to`` is their (channel, address) if already read."""
        channel, recipient = to or (await run_in_threadpool(queue.recipient, conversation_id))[:2]
        key = f"{kind.value}:{conversation_id}:{uuid.uuid4().hex}"
        if channel == "web":
            await run_in_threadpool(outbox.enqueue, key, "web", recipient, text, kind=kind,
                                    options={"language": language})
            return "web_live"
        if channel not in pipeline.channels:
            return "stored"
        delivery = await pipeline.send(channel, recipient, text, kind=kind, language=language, key=key, timeout=10)
        if delivery.status == "sent":
            return "sent_template" if delivery.mode == "template" else "sent"
        return delivery.status if delivery.status in OUTCOMES else "failed"

    async def tell(conversation_id: int, text_key: str) -> str:
        """One of the bot's own status lines ("resolved, rate us", "back with the bot"), in the user's language."""
        channel, recipient, language = await run_in_threadpool(queue.recipient, conversation_id)
        lang = language if language in LANGUAGES else "en"
        return await send(conversation_id, say(text_key, lang), lang, OutboundKind.STATUS, (channel, recipient))

    # -- the actions -----------------------------------------------------------------------------------
    async def claim(staff: Staff, cid: int, form: Mapping[str, str], client: str) -> str:
        await run_in_threadpool(queue.claim, cid, staff)
        return "done"

    async def assign(staff: Staff, cid: int, form: Mapping[str, str], client: str) -> str:
        target = next((s for s in await run_in_threadpool(accounts.all) if s.username == form.get("assignee")), None)
        if target is None:
            raise ValueError("no such member of staff")
        await run_in_threadpool(queue.claim, cid, staff, target)
        return "done"

    async def release(staff: Staff, cid: int, form: Mapping[str, str], client: str) -> str:
        await run_in_threadpool(queue.release, cid, staff)
        return "done"

    async def take_over(staff: Staff, cid: int, form: Mapping[str, str], client: str) -> str:
        await run_in_threadpool(queue.take_over, cid, staff)
        return "done"

    async def reply(staff: Staff, cid: int, form: Mapping[str, str], client: str) -> str:
        text = form.get("text", "").strip()
        if not text or len(text) > MAX_TEXT:
            raise ValueError(f"a reply is 1-{MAX_TEXT} characters")
        language = detect(text, default="en")
        await run_in_threadpool(queue.staff_message, cid, staff, text, language)
        return await send(cid, text, language, OutboundKind.STAFF)

    async def note(staff: Staff, cid: int, form: Mapping[str, str], client: str) -> str:
        text = form.get("text", "").strip()
        if not text or len(text) > MAX_TEXT:
            raise ValueError(f"a note is 1-{MAX_TEXT} characters")
        await run_in_threadpool(queue.note, cid, staff, text)
        return "done"

    async def resolve(staff: Staff, cid: int, form: Mapping[str, str], client: str) -> str:
        await run_in_threadpool(queue.resolve, cid, staff)
        return await tell(cid, "resolved_rate")

    async def hand_back(staff: Staff, cid: int, form: Mapping[str, str], client: str) -> str:
        await run_in_threadpool(queue.hand_back, cid, staff)
        return await tell(cid, "handed_back")

    async def team(staff: Staff, cid: int, form: Mapping[str, str], client: str) -> str:
        tags = [t.strip()[:32] for t in form.get("tags", "").split(",")]
        await run_in_threadpool(queue.set_team, cid, staff, form.get("team", ""), form.get("priority") or None, tags)
        return "done"

    async def make_faq(staff: Staff, cid: int, form: Mapping[str, str], client: str) -> str:
        if faq is None:
            raise ValueError("the FAQ writer is not configured")
        entry = {key: form.get(key, "").strip()[:MAX_TEXT] for key in
                 ("q_en", "q_ur", "q_roman_ur", "a_en", "a_ur", "a_roman_ur")}
        if not (entry["q_en"] and entry["a_en"] and entry["q_ur"] and entry["a_ur"]):
            raise ValueError("an FAQ entry needs the question and answer in English and in Urdu")
        entry["author"] = staff.username
        await run_in_threadpool(faq, entry)
        return "done"

    actions: dict[str, Action] = {
        "claim": Action(False, claim, StaffAction.CLAIM),
        "assign": Action(True, assign, StaffAction.ASSIGN),
        "release": Action(False, release, StaffAction.RELEASE),
        "takeover": Action(False, take_over, StaffAction.TAKE_OVER),
        "reply": Action(False, reply, StaffAction.REPLY),
        "note": Action(False, note, StaffAction.NOTE),
        "resolve": Action(False, resolve, StaffAction.RESOLVE),
        "handback": Action(False, hand_back, StaffAction.HAND_BACK),
        "team": Action(False, team, StaffAction.ASSIGN),
        # an FAQ entry is answered to every user at once: admins publish it (agents draft it in a note)
        "faq": Action(True, make_faq, StaffAction.FAQ),
    }

    # -- login -----------------------------------------------------------------------------------------
    def login_form(request: Request, status: int = 200, error: str | None = None) -> HTMLResponse:
        token = secrets.token_urlsafe(18)
        response = render("login.html", status=status, csrf=token, error=error)
        sessions.login_cookie(request, response, token)
        return response

    @router.get("/login", response_class=HTMLResponse)
    async def login_page(request: Request) -> HTMLResponse:
        return login_form(request)

    @router.post("/login", response_model=None)
    async def login(request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        if not sessions.login_ok(request, form.get("csrf", "")):
            return refused(403, "the login form expired or came from elsewhere: reload it")
        username = form.get("username", "").strip().lower()[:64]
        keys = [f"user:{username}", f"client:{client_of(request)}"]
        # refused only per client: a stranger's bad guesses slow a username down but never lock its owner out
        wait = throttle.blocked(keys[1:])
        if wait > 0:
            return JSONResponse({"error": "too many failed logins; try again later"}, status_code=429,
                                headers={"Retry-After": str(int(wait) + 1)})
        staff = await run_in_threadpool(accounts.authenticate, username, form.get("password", ""))
        if staff is None:
            delay = throttle.failed(keys)
            await run_in_threadpool(queue.audit, username or "?", StaffAction.LOGIN_FAILED, None, {},
                                    client_of(request))
            await asyncio.sleep(delay)
            return login_form(request, 401, "Wrong username or password.")
        throttle.succeeded(keys)
        await run_in_threadpool(queue.audit, staff.username, StaffAction.LOGIN, None, {}, client_of(request))
        redirect = RedirectResponse("/staff", status_code=303)
        sessions.start(request, redirect, staff.id, staff.epoch)
        return redirect

    @router.post("/logout", response_model=None)
    async def logout(request: Request) -> Response:
        posted = await acting(request)
        if isinstance(posted, JSONResponse):
            return posted
        staff = posted[0]
        await run_in_threadpool(queue.audit, staff.username, StaffAction.LOGOUT, None, {}, client_of(request))
        await run_in_threadpool(accounts.end_sessions, staff.id)  # a copied cookie dies with this one
        response = RedirectResponse("/staff/login", status_code=303)
        sessions.end(response)
        return response

    # -- pages -----------------------------------------------------------------------------------------
    def filters_of(request: Request, staff: Staff) -> Filters:
        q = request.query_params
        team = q.get("team") if q.get("team") in queue.teams else None
        priority = q.get("priority") if q.get("priority") in {p.value for p in Priority} else None
        state = q.get("state") if q.get("state") in ("queued", "human") else None
        page = int(q["page"]) if q.get("page", "").isdigit() and int(q["page"]) < 10_000 else 0
        return Filters(team, priority, state, staff.id if q.get("mine") == "1" else None, page)

    @router.get("", response_model=None)
    async def queue_page(request: Request) -> Response:
        me = await who(request)
        if me is None:
            return to_login()
        staff, csrf = me
        filters = filters_of(request, staff)
        rows, total = await run_in_threadpool(queue.open_items, filters)
        counts = await run_in_threadpool(queue.counts)
        ratings = await run_in_threadpool(queue.ratings)
        return render("queue.html", staff=staff, csrf=csrf, rows=rows, total=total, counts=counts, ratings=ratings,
                      teams=queue.teams, filters=filters, page_size=PAGE, priorities=[p.value for p in Priority])

    @router.get("/api/queue", response_model=None)
    async def queue_json(request: Request) -> Response:
        me = await who(request)
        if me is None:
            return refused(401, "not logged in")
        rows, total = await run_in_threadpool(queue.open_items, filters_of(request, me[0]))
        return JSONResponse({"total": total, "rows": [r.to_json() for r in rows],
                             "teams": list(me[0].teams), "counts": await run_in_threadpool(queue.counts)},
                            headers=NO_STORE)

    @router.get("/c/{conversation_id}", response_model=None)
    async def conversation_page(request: Request, conversation_id: int) -> Response:
        me = await who(request)
        if me is None:
            return to_login()
        staff, csrf = me
        try:
            view = await run_in_threadpool(queue.view, conversation_id)
        except NotFound:
            return render("error.html", status=404, staff=staff, csrf=csrf, error="No such conversation.")
        lang = view.language if view.language in LANGUAGES else "en"
        canned = {key: {code: text.replace("{name}", staff.username) for code, text in texts.items()}
                  for key, texts in CANNED.items()}
        outcome = OUTCOMES.get(request.query_params.get("outcome", ""))
        error = request.query_params.get("error") if request.query_params.get("error") in ERRORS else None
        people = await run_in_threadpool(accounts.all) if staff.is_admin else []
        rows = await run_in_threadpool(deliveries.rows, conversation_id) if deliveries is not None else None
        return render("conversation.html", staff=staff, csrf=csrf, view=view, lang=lang, canned=canned,
                      outcome=outcome, error=ERRORS.get(error or ""), teams=queue.teams, people=people,
                      priorities=[p.value for p in Priority], deliveries=rows)

    @router.get("/api/c/{conversation_id}", response_model=None)
    async def conversation_json(request: Request, conversation_id: int) -> Response:
        """The conversation's state and history, for the open conversation page to follow without reloading."""
        me = await who(request)
        if me is None:
            return refused(401, "not logged in")
        try:
            view = await run_in_threadpool(queue.view, conversation_id)
        except NotFound:
            return refused(404, "no such conversation")
        messages = [{"direction": m["direction"], "text": m["text"], "language": m["language"],
                     "who": "user" if m["direction"] == "in" else (m["staff"] or "bot"), "at": local_time(m["at"]),
                     "staff": m["intent"] == "staff"} for m in view.messages]
        return JSONResponse({"state": view.state, "messages": messages}, headers=NO_STORE)

    @router.post("/c/{conversation_id}/{name}", response_model=None)
    async def act(request: Request, conversation_id: int, name: str) -> Response:
        action = actions.get(name)
        posted = await acting(request, admin=action is not None and action.admin)
        if isinstance(posted, JSONResponse):
            return posted
        staff, form = posted
        if action is None:
            return refused(404, "no such action")
        back = f"/staff/c/{conversation_id}"
        try:
            outcome = await action.run(staff, conversation_id, form, client_of(request))
        except NotFound:
            return refused(404, "no such conversation")
        except (InvalidTransition, ValueError) as exc:
            await run_in_threadpool(queue.audit, staff.username, action.audit, conversation_id,
                                    {"refused": str(exc)[:200]}, client_of(request))
            if request.headers.get("accept", "").startswith("application/json"):
                return refused(409, str(exc))
            return RedirectResponse(f"{back}?error={_error_code(exc)}", status_code=303)
        detail = {"outcome": outcome}
        if name in ("reply", "note"):
            detail["chars"] = str(len(form.get("text", "")))
        if name == "faq":  # what was published to every user, to find and undo it later
            detail["question"] = form.get("q_en", "")[:200]
            detail["answer_sha256"] = hashlib.sha256(form.get("a_en", "").encode()).hexdigest()[:16]
        await run_in_threadpool(queue.audit, staff.username, action.audit, conversation_id, detail, client_of(request))
        if request.headers.get("accept", "").startswith("application/json"):
            return JSONResponse({"ok": True, "outcome": outcome, "message": OUTCOMES.get(outcome, "")})
        return RedirectResponse(f"{back}?outcome={outcome}", status_code=303)

    @router.get("/audit", response_model=None)
    async def audit_page(request: Request) -> Response:
        me = await admin_page(request)
        if isinstance(me, Response):
            return me
        entries = await run_in_threadpool(queue.audit_log)
        return render("audit.html", staff=me[0], csrf=me[1], entries=entries)

    @router.get("/deliveries", response_model=None)
    async def deliveries_page(request: Request) -> Response:
        """Handoff deliveries of bookings and applications, newest first; admins replay dead letters here."""
        me = await admin_page(request)
        if isinstance(me, Response):
            return me
        rows = await run_in_threadpool(deliveries.rows, None) if deliveries is not None else None
        return render("deliveries.html", staff=me[0], csrf=me[1], rows=rows)

    @router.post("/deliveries/{delivery_id}/replay", response_model=None)
    async def replay(request: Request, delivery_id: str) -> Response:
        posted = await acting(request, admin=True)
        if isinstance(posted, JSONResponse):
            return posted
        if deliveries is None:
            return refused(501, "handoff deliveries are not configured in this app")
        done = await run_in_threadpool(deliveries.replay, delivery_id[:100])
        await run_in_threadpool(queue.audit, posted[0].username, StaffAction.REPLAY, None,
                                {"delivery": delivery_id[:100], "replayed": done}, client_of(request))
        return RedirectResponse("/staff/deliveries", status_code=303)

    return router


#: Errors shown after a refused action, by code (the page never echoes text from the URL).
ERRORS = {
    "transition": "That is not possible in the conversation's current state (someone may have acted on it first).",
    "claim_first": "Claim or take over the conversation before replying.",
    "invalid": "The form was not filled in correctly.",
}


def _error_code(exc: Exception) -> str:
    if isinstance(exc, InvalidTransition):
        return "transition"
    if "claim or take over" in str(exc):
        return "claim_first"
    return "invalid"
