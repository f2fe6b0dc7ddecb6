"""The public edge, attacked the way issue 10 found it open: each attack is replayed against a real app
(uvicorn on loopback, with WhatsApp and Telegram through the local fakes of their clouds) and fails.

- ``/api/chat`` reaches web conversations only: it cannot escalate, read or silence a WhatsApp or
  Telegram user, reuse another user's message id, or write into the pipeline's own turn ids.
- The web page's visitor is a signed, HttpOnly session cookie nobody else can name or forge.
- One client (or one conversation) sending too much gets 429 with ``Retry-After``, and nothing is stored.
- Oversized bodies get 413 before anything parses them, on the API and on both webhooks.
- Every response carries the security headers; the API docs are off.
"""

from __future__ import annotations

import json
import re
import stat
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path

import httpx
import pytest
from apphost import AppThread
from channelkit import FROM, PUBLIC, SECRET, answers, number, sent_to, whatsapp
from fakes.telegram_api import FakeTelegram
from fakes.twilio_api import FakeTwilio
from itsdangerous import TimestampSigner
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from bot.retrieval.knowledge import Knowledge
from bot.settings import Settings
from bot.storage.models import Conversation, Inbound, Message, User
from bot.storage.turns import Store
from handlers.security import CONTENT_SECURITY_POLICY, RateLimiter
from handlers.web import SESSION_COOKIE, session_secret

HUMAN = "I want to talk to a human"


def edge_settings(bundled: Knowledge, data: Path, **extra: object) -> Settings:
    """An app on its own data dir (database, session key) over the session's already-built index."""
    return Settings(data_dir=data, knowledge_dir=bundled.settings.knowledge_dir, **extra)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def app(bundled: Knowledge, twilio: FakeTwilio, telegram: FakeTelegram,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppThread]:
    """The whole product with both channels, rate limits off (so every attack reaches the app)."""
    settings = edge_settings(
        bundled, tmp_path_factory.mktemp("edge"), public_url=PUBLIC, twilio_account_sid=twilio.account_sid,
        twilio_auth_token=twilio.auth_token, twilio_whatsapp_from=FROM, twilio_api_base_url=twilio.base_url,
        telegram_bot_token=telegram.token, telegram_api_base_url=telegram.base_url, telegram_webhook_secret=SECRET,
        burst_seconds=0.3, rate_limit=100, api_rate_per_client=0, api_rate_per_user=0)
    with AppThread(settings, bundled) as running:
        yield running


@pytest.fixture(scope="module")
def limited(bundled: Knowledge, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppThread]:
    """Plain http, no channels, small rate limits: 20 requests at once per client then one every 2 s;
    5 at once per conversation then one every 10 s."""
    settings = edge_settings(bundled, tmp_path_factory.mktemp("limited"), api_rate_per_client=30,
                             api_burst_per_client=20, api_rate_per_user=6, api_burst_per_user=5)
    with AppThread(settings, bundled) as running:
        yield running


def store_of(app: AppThread) -> Store:
    return app.app.state.parts.store


def messages_of(app: AppThread, channel: str, external_id: str) -> list[tuple[str, str]]:
    """(direction, text) of every stored message in this user's conversations, oldest first."""
    with store_of(app).session() as session:
        rows = session.execute(
            select(Message.direction, Message.text).join(Conversation, Message.conversation_id == Conversation.id)
            .join(User, Conversation.user_id == User.id)
            .where(User.channel == channel, User.external_id == external_id).order_by(Message.id)).all()
    return [(direction, text) for direction, text in rows]


def chat(base: str, payload: dict[str, object], *, cookie: str | None = None, client: httpx.Client | None = None
         ) -> httpx.Response:
    headers = {"Cookie": f"{SESSION_COOKIE}={cookie}"} if cookie else {}
    if client is not None:
        return client.post(f"{base}/api/chat", json=payload, headers=headers)
    return httpx.post(f"{base}/api/chat", json=payload, headers=headers, timeout=60)


def session_cookie(response: httpx.Response) -> tuple[str, str]:
    """(cookie value, the raw Set-Cookie header) of the page's session."""
    header = next(h for h in response.headers.get_list("set-cookie") if h.startswith(f"{SESSION_COOKIE}="))
    parsed: SimpleCookie = SimpleCookie()
    parsed.load(header)
    return parsed[SESSION_COOKIE].value, header


# -- identity: /api/chat reaches web conversations only ---------------------------------------------------------


def test_api_chat_cannot_escalate_or_read_a_whatsapp_or_telegram_user(
        app: AppThread, twilio: FakeTwilio, telegram: FakeTelegram) -> None:
    """Attack (a): the API named a WhatsApp user and escalated them; their next messages went unanswered."""
    sender = number()
    assert whatsapp(app, twilio, sender, "Which parks are in Quetta?")[0] == 200
    answers(twilio, sender)

    for channel in ("whatsapp", "telegram", "WEB", "web "):
        refused = chat(app.base, {"channel": channel, "user_id": sender, "text": HUMAN})
        assert refused.status_code == 422, (channel, refused.text)
        assert refused.json()["details"][0]["field"] == "channel"
    assert chat(app.base, {"channel": "whatsapp", "user_id": sender, "text": "and in Lahore?"}).status_code == 422
    # the same id without a channel is a web user of that name: its own conversation, nobody else's
    web_namesake = chat(app.base, {"user_id": sender, "text": HUMAN})
    assert web_namesake.status_code == 200 and web_namesake.json()["escalated"] is True

    assert whatsapp(app, twilio, sender, "How much rent subsidy do tenants get?")[0] == 200
    second = answers(twilio, sender, 2)[1].params["Body"]
    assert "25" in second
    inbound = [text for direction, text in messages_of(app, "whatsapp", sender) if direction == "in"]
    assert inbound == ["Which parks are in Quetta?", "How much rent subsidy do tenants get?"]

    chat_id = 20_000 + uuid.uuid4().int % 10**6
    refused = chat(app.base, {"channel": "telegram", "user_id": str(chat_id), "text": HUMAN})
    assert refused.status_code == 422
    telegram.post_webhook(f"{app.base}/webhooks/telegram", telegram.message_update(chat_id, "rent subsidy?"), SECRET)
    assert "25" in sent_to(telegram, chat_id)[0].params["text"]


def test_a_reused_message_id_gets_a_fresh_answer_never_another_users_reply(app: AppThread) -> None:
    """Attack (b): another user's message id returned the reply the bot had sent them."""
    alice, mallory, message_id = f"alice-{uuid.uuid4().hex[:8]}", f"mallory-{uuid.uuid4().hex[:8]}", "m-1"
    first = chat(app.base, {"user_id": alice, "text": "Which parks are in Quetta?", "message_id": message_id})
    assert first.status_code == 200 and "Quetta" in first.json()["reply"]

    stolen = chat(app.base, {"user_id": mallory, "text": "Is there a women-only software park in Bagh?",
                             "message_id": message_id})
    assert stolen.status_code == 200
    assert "Bagh" in stolen.json()["reply"] and "Quetta" not in stolen.json()["reply"]
    assert [d for d, _ in messages_of(app, "web", mallory)] == ["in", "out"]

    # the id still works for its owner: a retry gets the stored reply, not a second answer
    again = chat(app.base, {"user_id": alice, "text": "something else", "message_id": message_id})
    assert again.json()["reply"] == first.json()["reply"]
    assert len(messages_of(app, "web", alice)) == 2


def test_a_web_caller_cannot_write_into_the_pipelines_turn_ids(
        app: AppThread, twilio: FakeTwilio, telegram: FakeTelegram) -> None:
    """Attack (c): silent replies stored under ``turn-<n>`` made real WhatsApp turns look answered."""
    attacker = f"attacker-{uuid.uuid4().hex[:8]}"
    assert chat(app.base, {"user_id": attacker, "text": HUMAN}).json()["escalated"] is True  # so its replies are silent
    with store_of(app).session() as session:
        last = session.scalar(select(func.max(Inbound.id))) or 0
    upcoming = range(last + 1, last + 13)
    for n in upcoming:
        assert chat(app.base, {"channel": "whatsapp", "user_id": attacker, "text": "x",
                               "message_id": f"turn-{n}"}).status_code == 422
        planted = chat(app.base, {"user_id": attacker, "text": "x", "message_id": f"turn-{n}"})
        assert planted.status_code == 200 and planted.json()["intent"] == "human_handling"

    senders = [number() for _ in range(4)]
    for sender in senders:
        assert whatsapp(app, twilio, sender, "How much rent subsidy do tenants get?")[0] == 200
    chat_id = 30_000 + uuid.uuid4().int % 10**6
    telegram.post_webhook(f"{app.base}/webhooks/telegram", telegram.message_update(chat_id, "internet subsidy?"),
                          SECRET)
    for sender in senders:
        assert "25" in answers(twilio, sender)[0].params["Body"]
    assert "100" in sent_to(telegram, chat_id)[0].params["text"]
    with store_of(app).session() as session:
        turns = session.scalars(select(Inbound.turn).where(Inbound.sender.in_([*senders, str(chat_id)]))).all()
    assert any(turn in upcoming for turn in turns)  # the planted ids were the ones these turns used


# -- the web page's session ----------------------------------------------------------------------------------------


def test_the_page_gives_each_visitor_a_signed_httponly_session(app: AppThread, limited: AppThread) -> None:
    page = httpx.get(f"{app.base}/")
    value, header = session_cookie(page)
    attributes = {a.strip().split("=")[0].lower() for a in header.split(";")[1:]}
    assert {"httponly", "secure", "path", "max-age"} <= attributes  # PARKBOT_PUBLIC_URL is https
    assert re.search(r"samesite=lax", header, re.I)
    assert page.headers["cache-control"] == "no-store"
    other, _ = session_cookie(httpx.get(f"{app.base}/"))
    assert other.split(".")[0] != value.split(".")[0]  # every visitor their own token
    # a returning visitor keeps their session (the cookie is renewed, the token stays)
    back, _ = session_cookie(httpx.get(f"{app.base}/", headers={"Cookie": f"{SESSION_COOKIE}={value}"}))
    assert back.split(".")[0] == value.split(".")[0]

    plain = httpx.get(f"{limited.base}/")  # plain http, no https public URL: the cookie must still reach us
    assert "secure" not in session_cookie(plain)[1].lower()
    proxied = httpx.get(f"{limited.base}/", headers={"X-Forwarded-Proto": "https"})  # TLS ended by a local proxy
    assert "secure" in session_cookie(proxied)[1].lower()


def test_the_session_is_the_conversation_whatever_user_id_the_body_names(app: AppThread) -> None:
    cookie, _ = session_cookie(httpx.get(f"{app.base}/"))
    token = cookie.split(".")[0]
    victim = f"victim-{uuid.uuid4().hex[:8]}"
    assert chat(app.base, {"user_id": victim, "text": "salam"}).status_code == 200

    escalated = chat(app.base, {"user_id": victim, "text": HUMAN}, cookie=cookie)
    assert escalated.status_code == 200 and escalated.json()["escalated"] is True
    queued = chat(app.base, {"text": "rent subsidy?"}, cookie=cookie).json()  # the session is queued
    assert queued["intent"] == "human_handling"
    answered = chat(app.base, {"user_id": victim, "text": "How much rent subsidy do tenants get?"})
    assert "25" in answered.json()["reply"]  # ... and the named user was never touched
    assert [t for d, t in messages_of(app, "web", f"session:{token}") if d == "in"] == [HUMAN, "rent subsidy?"]
    assert len(messages_of(app, "web", victim)) == 4


def test_nobody_can_name_or_forge_a_page_visitors_session(app: AppThread) -> None:
    cookie, _ = session_cookie(httpx.get(f"{app.base}/"))
    token, rest = cookie.split(".", 1)
    assert chat(app.base, {"text": "hi"}, cookie=cookie).status_code == 200

    named = chat(app.base, {"user_id": f"session:{token}", "text": HUMAN})
    assert named.status_code == 422 and named.json()["details"][0]["field"] == "user_id"
    forged_token = ("A" if token[0] != "A" else "B") + token[1:]
    wrong_key = TimestampSigner("a guessed secret", salt="parkbot.web-session")
    for forged in (f"{forged_token}.{rest}", wrong_key.sign(token).decode(), wrong_key.sign(forged_token).decode(),
                   token, "x" * 60):
        refused = chat(app.base, {"text": HUMAN}, cookie=forged)
        assert refused.status_code == 422, forged  # no valid session and no user id
        assert refused.json()["details"][0]["field"] == "user_id"
    assert messages_of(app, "web", f"session:{forged_token}") == []
    assert [d for d, _ in messages_of(app, "web", f"session:{token}")] == ["in", "out"]
    assert chat(app.base, {"text": "hi"}).status_code == 422  # neither a cookie nor a user id


def test_the_session_key_is_made_once_private_and_shared(bundled: Knowledge, tmp_path: Path) -> None:
    """Several processes on one data dir sign alike, a restart keeps the page's sessions, and the key
    file is readable by its owner only."""
    settings = edge_settings(bundled, tmp_path / "var")
    keys: list[str] = []
    racers = [threading.Thread(target=lambda: keys.append(session_secret(settings))) for _ in range(8)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    assert len(set(keys)) == 1 and len(keys[0]) >= 64
    key_file = tmp_path / "var" / "session.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [p.name for p in key_file.parent.iterdir() if p.name.startswith(".session.key")] == []

    with AppThread(settings, bundled) as first:
        cookie, _ = session_cookie(httpx.get(f"{first.base}/"))
        assert chat(first.base, {"text": HUMAN}, cookie=cookie).json()["escalated"] is True
    with AppThread(edge_settings(bundled, tmp_path / "var"), bundled) as restarted:
        same = chat(restarted.base, {"text": "rent subsidy?"}, cookie=cookie).json()  # same session: still queued
        assert same["intent"] == "human_handling"
    other = edge_settings(bundled, tmp_path / "other", session_secret="another-deployment-secret-0123456789")
    assert session_secret(other) == "another-deployment-secret-0123456789"
    assert not (tmp_path / "other" / "session.key").exists()
    with AppThread(other, bundled) as elsewhere:
        assert chat(elsewhere.base, {"text": "rent subsidy?"}, cookie=cookie).status_code == 422  # not its cookie


# -- rate limits ---------------------------------------------------------------------------------------------------


def from_address(address: str) -> httpx.Client:
    """A client connecting from another loopback address: to the server, another client."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60)


def count_users(app: AppThread, prefix: str) -> set[str]:
    with store_of(app).session() as session:
        return set(session.scalars(select(User.external_id).where(User.external_id.startswith(prefix))).all())


def test_one_client_flooding_the_api_gets_429_and_nothing_is_stored(limited: AppThread) -> None:
    prefix = f"flood-{uuid.uuid4().hex[:6]}-"
    statuses: dict[str, int] = {}
    retry_afters: set[str] = set()
    started = time.monotonic()
    with httpx.Client(timeout=60) as client:
        for n in range(600):
            response = chat(limited.base, {"user_id": f"{prefix}{n}", "text": "rent subsidy?"}, client=client)
            statuses[f"{prefix}{n}"] = response.status_code
            if response.status_code == 429:
                retry_afters.add(response.headers["retry-after"])
                assert response.json()["error"] == "too many requests"
    elapsed = time.monotonic() - started
    answered = {user for user, status in statuses.items() if status == 200}
    refused = [user for user, status in statuses.items() if status == 429]
    assert len(answered) + len(refused) == 600
    assert 20 <= len(answered) <= 20 + elapsed / 2 + 2  # the burst, then one every 2 s
    assert len(refused) >= 500
    assert retry_afters and all(int(value) >= 1 for value in retry_afters)
    # the refused left nothing behind: only the answered users exist, each with one question and one answer
    assert count_users(limited, prefix) == answered
    with store_of(limited).session() as session:
        stored = session.scalar(select(func.count(Message.id)).join(Conversation).join(User)
                                .where(User.external_id.startswith(prefix)))
    assert stored == 2 * len(answered)

    # another client is not held up by this one
    with from_address("127.0.0.2") as other:
        assert chat(limited.base, {"user_id": f"{prefix}other", "text": "rent subsidy?"}, client=other
                    ).status_code == 200
    # and Retry-After tells the truth
    with httpx.Client(timeout=60) as client:
        late = chat(limited.base, {"user_id": f"{prefix}late", "text": "hi"}, client=client)
        if late.status_code == 429:
            time.sleep(int(late.headers["retry-after"]))
            late = chat(limited.base, {"user_id": f"{prefix}late", "text": "hi"}, client=client)
        assert late.status_code == 200


def test_one_conversation_is_limited_on_its_own(limited: AppThread) -> None:
    chatty, quiet = f"chatty-{uuid.uuid4().hex[:8]}", f"quiet-{uuid.uuid4().hex[:8]}"
    with from_address("127.0.0.3") as client:
        statuses = [chat(limited.base, {"user_id": chatty, "text": f"question {n}"}, client=client).status_code
                    for n in range(9)]
        assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}
        assert chat(limited.base, {"user_id": quiet, "text": "hi"}, client=client).status_code == 200
    assert [t for d, t in messages_of(limited, "web", chatty) if d == "in"] == [f"question {n}" for n in range(5)]


def test_search_shares_the_clients_limit(limited: AppThread) -> None:
    with from_address("127.0.0.4") as client:
        statuses = [client.get(f"{limited.base}/api/search", params={"q": "rent subsidy"}).status_code
                    for _ in range(40)]
        assert statuses[:20] == [200] * 20 and statuses.count(429) >= 15
        refused = client.get(f"{limited.base}/api/search", params={"q": "rent subsidy"})
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        # chat from the same client draws on the same bucket (two tries: a token may just have come back)
        tries = [chat(limited.base, {"user_id": "searcher", "text": "hi"}, client=client).status_code
                 for _ in range(2)]
        assert 429 in tries
    assert len(messages_of(limited, "web", "searcher")) == 2 * tries.count(200)


def test_the_bucket_table_stays_bounded() -> None:
    """A flood of one-off clients cannot grow the table without end, and idle buckets are dropped."""
    now = [0.0]
    limiter = RateLimiter(60, 5, max_keys=100, clock=lambda: now[0])
    for n in range(10_000):
        limiter.take(f"10.0.{n // 256}.{n % 256}")
    assert len(limiter) <= 100
    for _ in range(5):
        assert limiter.take("busy") == 0.0
    assert limiter.take("busy") == pytest.approx(1.0)
    now[0] += 6  # every bucket has refilled: the same as no bucket
    limiter.take("new")
    assert len(limiter) == 1
    assert RateLimiter(0, 5).take("anyone") == 0.0  # 0 = off


# -- body limits ---------------------------------------------------------------------------------------------------


def chunks(payload: bytes, size: int = 8192) -> Iterator[bytes]:
    """A body without Content-Length (Transfer-Encoding: chunked)."""
    for start in range(0, len(payload), size):
        yield payload[start:start + size]


def test_oversized_bodies_are_refused_unread_on_every_route(app: AppThread, twilio: FakeTwilio,
                                                            telegram: FakeTelegram) -> None:
    user = f"big-{uuid.uuid4().hex[:8]}"
    huge = json.dumps({"user_id": user, "text": "rent subsidy? " * 700_000}).encode()  # ~10 MB
    started = time.monotonic()
    response = httpx.post(f"{app.base}/api/chat", content=huge, headers={"Content-Type": "application/json"},
                          timeout=60)
    assert response.status_code == 413 and response.json()["error"] == "request body too large"
    assert time.monotonic() - started < 5
    padded = json.dumps({"user_id": user, "text": "rent subsidy?", "padding": "x" * 70_000}).encode()
    streamed = httpx.post(f"{app.base}/api/chat", content=chunks(padded), headers={"Content-Type": "application/json"},
                          timeout=60)
    assert streamed.status_code == 413
    assert "content-length" not in streamed.request.headers  # it really was chunked
    assert messages_of(app, "web", user) == []
    # under the limit, the same padding is just ignored; a long text keeps its own 413
    fits = json.dumps({"user_id": user, "text": "rent subsidy?", "padding": "x" * 60_000}).encode()
    assert httpx.post(f"{app.base}/api/chat", content=chunks(fits), headers={"Content-Type": "application/json"},
                      timeout=60).status_code == 200
    assert chat(app.base, {"user_id": user, "text": "x" * 5000}).status_code == 413

    # the Twilio webhook: a correctly signed, oversized form is refused before it is parsed
    sender = number()
    params = {"MessageSid": "SM" + uuid.uuid4().hex, "From": sender, "To": FROM, "Body": "a" * 70_000,
              "NumMedia": "0"}
    signature = RequestValidator(twilio.auth_token).compute_signature(f"{PUBLIC}/webhooks/twilio", params)
    form = urllib.parse.urlencode(params).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
    assert httpx.post(f"{app.base}/webhooks/twilio", content=form, headers=headers).status_code == 413
    assert httpx.post(f"{app.base}/webhooks/twilio", content=chunks(form), headers=headers).status_code == 413
    assert app.hub.inbox is not None and app.hub.inbox.last_inbound_at("whatsapp", sender) is None

    # the Telegram webhook, with the right secret
    chat_id = 40_000 + uuid.uuid4().int % 10**6
    update = json.dumps(telegram.message_update(chat_id, "a" * 70_000)).encode()
    tg_headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
    assert httpx.post(f"{app.base}/webhooks/telegram", content=update, headers=tg_headers).status_code == 413
    assert httpx.post(f"{app.base}/webhooks/telegram", content=chunks(update), headers=tg_headers).status_code == 413
    time.sleep(1)
    assert telegram.sent(chat_id) == []
    assert app.hub.inbox.last_inbound_at("telegram", str(chat_id)) is None


# -- headers, the page, the docs -------------------------------------------------------------------------------


def test_every_response_carries_the_security_headers(app: AppThread, limited: AppThread) -> None:
    responses = {
        "page": httpx.get(f"{app.base}/"),
        "script": httpx.get(f"{app.base}/static/chat.js"),
        "styles": httpx.get(f"{app.base}/static/chat.css"),
        "health": httpx.get(f"{app.base}/healthz"),
        "answer": chat(app.base, {"user_id": "headers", "text": "hi"}),
        "invalid": chat(app.base, {"text": 5}),
        "missing": httpx.get(f"{app.base}/nothing-here"),
        "too large": httpx.post(f"{app.base}/api/chat", content=b"x" * 70_000),
        "bad signature": httpx.post(f"{app.base}/webhooks/twilio", data={"From": "x"}),
    }
    with from_address("127.0.0.5") as client:
        for _ in range(25):
            responses["too many"] = client.get(f"{limited.base}/api/search", params={"q": "rent"})
    assert responses["too many"].status_code == 429
    assert [r.status_code for r in responses.values()] == [200, 200, 200, 200, 200, 422, 404, 413, 403, 429]
    for name, response in responses.items():
        assert response.headers.get("content-security-policy") == CONTENT_SECURITY_POLICY, name
        assert response.headers.get("x-content-type-options") == "nosniff", name
        assert response.headers.get("x-frame-options") == "DENY", name
        assert response.headers.get("referrer-policy") == "no-referrer", name
    policy = CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy and "unsafe" not in policy
    assert responses["script"].headers["content-type"].startswith(("text/javascript", "application/javascript"))

    # the page has nothing inline the policy would block: its script and styles come from /static
    html = responses["page"].text
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/chat.js" defer>']
    assert "<style" not in html and not re.search(r"\sstyle=|\son[a-z]+=", html)
    assert "localStorage" not in responses["script"].text and "user_id" not in responses["script"].text


def test_a_crash_is_a_plain_500_with_the_headers_too(bundled: Knowledge, tmp_path: Path) -> None:
    """Starlette answers an unhandled error outside every middleware; it still gets the headers, and no
    traceback reaches the client."""
    with AppThread(edge_settings(bundled, tmp_path), bundled) as broken:
        with store_of(broken).engine.begin() as connection:  # a database broken by hand
            connection.exec_driver_sql("ALTER TABLE users RENAME TO users_gone")
        crashed = chat(broken.base, {"user_id": "someone", "text": "rent subsidy?"})
    assert crashed.status_code == 500 and crashed.json() == {"error": "internal error"}
    assert crashed.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert crashed.headers["x-content-type-options"] == "nosniff"


def test_the_api_docs_are_off_by_default(app: AppThread) -> None:
    for path in ("/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect"):
        assert httpx.get(f"{app.base}{path}").status_code == 404, path
