"""The staff console over HTTP (in-process): who may see and do what, CSRF, escaping, login slowing,
the queue's moves with the user's turns around them, ratings, and the knowledge-gap loop."""

from __future__ import annotations

import base64
import json
import os
import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from staffkit import login, page_csrf

from bot.app.parts import Parts, open_knowledge
from bot.app.web import create_app
from bot.retrieval.embeddings import E5Q4Embeddings
from bot.settings import BUNDLED_KNOWLEDGE, Settings
from bot.storage.models import AuditEntry, Outbound, Transition
from bot.storage.states import StaffRole

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("staff")


@pytest.fixture(scope="module")
def app(data_dir: Path, e5: E5Q4Embeddings) -> Iterator[FastAPI]:
    # no backend URL: a confirmed booking's webhook fails at once and, after one short retry, is a dead letter
    settings = Settings(data_dir=data_dir, knowledge_dir=BUNDLED_KNOWLEDGE, api_rate_per_user=0,
                        webhook_retry_schedule="0.1", webhook_poll_seconds=0.1,
                        webhook_secret="whsec_" + base64.b64encode(os.urandom(24)).decode())
    application = create_app(settings, knowledge=open_knowledge(settings, embedder=e5))
    parts: Parts = application.state.parts
    parts.accounts.add("agent1", PASSWORD, StaffRole.AGENT, ("general",))
    parts.accounts.add("admin1", PASSWORD, StaffRole.ADMIN)
    with TestClient(application):
        yield application


def client(app: FastAPI, who: str | None = None) -> TestClient:
    c = TestClient(app)
    if who:
        assert login(c, who, PASSWORD).status_code == 303
    return c


def chat(c: TestClient, user: str, text: str) -> dict[str, object]:
    response = c.post("/api/chat", json={"user_id": user, "text": text, "channel": "web"})
    assert response.status_code == 200
    return dict(response.json())


def conversation_of(app: FastAPI, user: str) -> int:
    parts: Parts = app.state.parts
    state = parts.store.conversation_state("web", user)
    assert state.id is not None
    return state.id


def test_unauthenticated_pages_redirect_and_actions_are_refused(app: FastAPI) -> None:
    c = client(app)
    for page in ("/staff", "/staff/c/1", "/staff/audit", "/staff/deliveries"):
        response = c.get(page, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/staff/login", page
    assert c.get("/staff/api/queue").status_code == 401
    assert c.get("/staff/api/c/1").status_code == 401
    for action in ("claim", "reply", "resolve", "assign", "faq", "nonsense"):
        assert c.post(f"/staff/c/1/{action}", data={"text": "x"}).status_code == 401, action
    assert c.post("/staff/deliveries/1/replay").status_code == 401
    assert c.post("/staff/logout").status_code == 401
    # a forged session cookie is no session
    c.cookies.set("parkbot_staff", "1.abc.forged", path="/staff")
    assert c.get("/staff", follow_redirects=False).status_code == 303


def test_login_needs_its_csrf_token_and_sets_a_strict_httponly_cookie(app: FastAPI) -> None:
    c = client(app)
    c.get("/staff/login")
    refused = c.post("/staff/login", data={"username": "agent1", "password": PASSWORD}, follow_redirects=False)
    assert refused.status_code == 403
    ok = login(c, "agent1", PASSWORD)
    assert ok.status_code == 303 and ok.headers["location"] == "/staff"
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "max-age=28800" in cookie
    page = c.get("/staff")
    assert page.status_code == 200 and 'charset="utf-8"' in page.text.lower().replace("'", '"')


def test_an_action_without_its_csrf_token_is_refused(app: FastAPI) -> None:
    user = f"csrf-{uuid.uuid4().hex}"
    c = client(app, "agent1")
    chat(c, user, "I want to talk to a person")
    cid = conversation_of(app, user)
    assert c.post(f"/staff/c/{cid}/claim").status_code == 403
    assert c.post(f"/staff/c/{cid}/claim", data={"csrf": "0" * 40}).status_code == 403
    other = client(app, "admin1")  # another session's token is not this one's
    assert c.post(f"/staff/c/{cid}/claim", data={"csrf": page_csrf(other)}).status_code == 403
    assert c.post(f"/staff/c/{cid}/claim", data={"csrf": page_csrf(c)}, follow_redirects=False).status_code == 303


def test_an_agent_cannot_do_admin_actions(app: FastAPI) -> None:
    user = f"roles-{uuid.uuid4().hex}"
    agent, admin = client(app, "agent1"), client(app, "admin1")
    chat(agent, user, "talk to a human please")
    cid = conversation_of(app, user)
    assert agent.get("/staff/audit").status_code == 403
    assert agent.get("/staff/deliveries").status_code == 403
    token = page_csrf(agent)
    assert agent.post(f"/staff/c/{cid}/assign", data={"csrf": token, "assignee": "agent1"}).status_code == 403
    assert agent.post("/staff/deliveries/1/replay", data={"csrf": token}).status_code == 403
    done = admin.post(f"/staff/c/{cid}/assign", data={"csrf": page_csrf(admin), "assignee": "agent1"},
                      follow_redirects=False)
    assert done.status_code == 303 and "outcome=done" in done.headers["location"]
    audit = admin.get("/staff/audit")
    assert audit.status_code == 200 and "assign" in audit.text and "login" in audit.text
    assert "<th>Reference</th>" in admin.get("/staff/deliveries").text


def test_hostile_messages_show_as_text(app: FastAPI) -> None:
    user = f"xss-{uuid.uuid4().hex}"
    c = client(app, "agent1")
    chat(c, user, "talk to a person <script>alert('pwned')</script> <img src=x onerror=alert(1)>")
    cid = conversation_of(app, user)
    for page in ("/staff", f"/staff/c/{cid}"):
        html = c.get(page).text
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert "&lt;script&gt;alert(" in html, page
    assert "script-src 'self'" in c.get("/staff").headers["content-security-policy"]


def test_repeated_bad_logins_are_slowed_then_refused(app: FastAPI) -> None:
    c = TestClient(app, client=("203.0.113.7", 40000))  # its own address: the block is per client
    started = time.monotonic()
    codes = [login(c, "admin1", "wrong password!").status_code for _ in range(5)]
    slowed = time.monotonic() - started
    assert codes == [401] * 5 and slowed >= 1.5  # 0 + 0 + 0.25 + 0.5 + 1 s of delay
    blocked = login(c, "admin1", PASSWORD)  # even the right password, for a while
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    # the same username from another client is only slowed, never locked out
    assert login(TestClient(app, client=("198.51.100.9", 40000)), "admin1", PASSWORD).status_code == 303
    with app.state.parts.store.session() as session:
        assert session.scalar(select(AuditEntry.action).where(AuditEntry.action == "login_failed").limit(1))


def test_claim_reply_resolve_then_the_bot_answers_and_the_user_rates(app: FastAPI) -> None:
    user = f"flow-{uuid.uuid4().hex}"
    c = client(app, "agent1")
    first = chat(c, user, "mujhe insaan se baat karni hai")
    assert first["escalated"] and "jawab denge" in str(first["reply"])
    assert chat(c, user, "hello?")["intent"] == "human_handling"  # quiet while queued
    cid = conversation_of(app, user)
    queue = c.get("/staff/api/queue").json()
    row = next(r for r in queue["rows"] if r["conversation"] == cid)
    assert row["state"] == "queued" and row["team"] == "general" and "Roman Urdu" in row["summary_en"]
    assert "رومن اردو" in row["summary_ur"]
    token = page_csrf(c, f"/staff/c/{cid}")
    assert c.post(f"/staff/c/{cid}/reply", data={"csrf": token, "text": "hi"},
                  follow_redirects=False).headers["location"].endswith("error=claim_first")
    c.post(f"/staff/c/{cid}/claim", data={"csrf": token})
    c.post(f"/staff/c/{cid}/note", data={"csrf": token, "text": "asked about Bagh rent"})
    sent = c.post(f"/staff/c/{cid}/reply", data={"csrf": token, "text": "Ji, main madad karti hoon."},
                  headers={"Accept": "application/json"})
    assert sent.json()["outcome"] == "web_live"  # a web visitor: shown on their page
    quiet = chat(c, user, "shukriya, aur rent?")  # a person owns it: the bot answers nothing, says who will
    assert quiet["intent"] == "human_handling" and "banday ke paas" in quiet["reply"] and not quiet["sources"]
    page = c.get(f"/staff/c/{cid}").text
    assert "Ji, main madad karti hoon." in page and "asked about Bagh rent" in page
    c.post(f"/staff/c/{cid}/resolve", data={"csrf": token})
    with app.state.parts.store.session() as session:
        texts = list(session.scalars(select(Outbound.text).where(Outbound.channel == "web",
                                                                 Outbound.recipient == user)))
        moves = [(t.from_state, t.to_state, t.actor, t.reason) for t in session.scalars(
            select(Transition).where(Transition.conversation_id == cid).order_by(Transition.id))]
    assert texts[0] == "Ji, main madad karti hoon." and "1 (kharab) se 5" in texts[1]
    assert moves == [("bot", "queued", "user", "asked"), ("queued", "human", "staff:agent1", "claimed"),
                     ("human", "resolved", "staff:agent1", "resolved")]
    thanks = chat(c, user, "5")
    assert thanks["intent"] == "rating" and "shukriya" in str(thanks["reply"]).lower()
    again = chat(c, user, "STP kya hota hai?")
    assert again["reply"] and not again["escalated"]  # the bot answers again
    assert "general" in c.get("/staff").text and ">5.0<" in c.get("/staff").text  # ratings per team


def test_the_user_can_go_back_to_the_bot(app: FastAPI) -> None:
    user = f"back-{uuid.uuid4().hex}"
    c = client(app)
    assert chat(c, user, "talk to a person")["escalated"]
    back = chat(c, user, "bot se baat karni hai")
    assert back["intent"] == "back_to_bot" and not back["escalated"]
    assert chat(c, user, "What is an STP?")["reply"]
    assert app.state.parts.queue.item_of(conversation_of(app, user)) is None  # the queue item closed


def test_a_staff_faq_is_found_by_parkbot_search_and_used_by_the_bot(app: FastAPI, data_dir: Path) -> None:
    user = f"faq-{uuid.uuid4().hex}"
    c = client(app, "agent1")
    chat(c, user, "talk to a person")
    cid = conversation_of(app, user)
    form = {"csrf": page_csrf(c, f"/staff/c/{cid}"),
            "q_en": "Does the Bagh women's park have a daycare for children?",
            "q_ur": "کیا باغ کے خواتین پارک میں بچوں کے لیے ڈے کیئر ہے؟",
            "q_roman_ur": "Bagh women park mein bachon ka daycare hai?",
            "a_en": "Yes: the Bagh women's park runs a daycare room for tenants' children during office hours.",
            "a_ur": "جی ہاں: باغ کے خواتین پارک میں کرایہ داروں کے بچوں کے لیے دفتری اوقات میں ڈے کیئر روم ہے۔",
            "a_roman_ur": "Ji haan: Bagh women park mein tenants ke bachon ke liye office hours mein daycare room hai."}
    # it is answered to every user at once: an agent cannot publish it, an admin can
    assert c.post(f"/staff/c/{cid}/faq", data=form, follow_redirects=False).status_code == 403
    c = client(app, "admin1")
    form["csrf"] = page_csrf(c, f"/staff/c/{cid}")
    assert c.post(f"/staff/c/{cid}/faq", data=form, follow_redirects=False).headers["location"].endswith(
        "outcome=done")
    stored = (data_dir / "faq" / "staff-faq.yaml").read_text(encoding="utf-8")
    assert "faq:" in stored and "daycare" in stored and "ڈے کیئر" in stored
    found = run_cli("search", "--json", "daycare for children in the Bagh park", env={
        "PARKBOT_DATA_DIR": str(data_dir), "PARKBOT_KNOWLEDGE_DIR": str(BUNDLED_KNOWLEDGE)})
    assert found.returncode == 0, found.stderr
    results = json.loads(found.stdout)["results"]
    assert "daycare" in results[0]["text"].lower()
    time.sleep(2.1)  # the retriever re-reads the index version at most every 2 s
    answer = chat(c, f"asker-{uuid.uuid4().hex}", "Is there a daycare for children at the Bagh women's park?")
    assert str(answer["reply"]).startswith("Yes: the Bagh women's park runs a daycare room")
    urdu = chat(c, f"asker-{uuid.uuid4().hex}", "کیا باغ کے خواتین پارک میں بچوں کے لیے ڈے کیئر ہے؟")
    assert str(urdu["reply"]).startswith("جی ہاں: باغ کے خواتین پارک میں کرایہ داروں کے بچوں")


def test_the_live_channel_needs_the_visitors_own_signed_session(app: FastAPI) -> None:
    c = client(app)
    assert c.get("/api/live").status_code == 401
    c.cookies.set("parkbot_session", "forged.token.value")
    assert c.get("/api/live").status_code == 401


def test_take_over_release_and_hand_back(app: FastAPI) -> None:
    user = f"takeover-{uuid.uuid4().hex}"
    c = client(app, "agent1")
    chat(c, user, "What is an STP?")
    cid = conversation_of(app, user)
    token = page_csrf(c, f"/staff/c/{cid}")
    assert 'id="takeover"' in c.get(f"/staff/c/{cid}").text
    c.post(f"/staff/c/{cid}/takeover", data={"csrf": token})
    assert chat(c, user, "and the rent subsidy?")["intent"] == "human_handling"  # a person has it now
    c.post(f"/staff/c/{cid}/release", data={"csrf": token})
    assert app.state.parts.queue.item_of(cid).state == "queued"
    c.post(f"/staff/c/{cid}/claim", data={"csrf": token})
    c.post(f"/staff/c/{cid}/handback", data={"csrf": token})
    with app.state.parts.store.session() as session:
        last = session.scalars(select(Outbound.text).where(Outbound.recipient == user)
                               .order_by(Outbound.id.desc())).first()
        reasons = list(session.scalars(select(Transition.reason).where(Transition.conversation_id == cid)
                                       .order_by(Transition.id)))
    assert last is not None and "handed this conversation back" in last
    assert reasons == ["staff_takeover", "released", "claimed", "handed_back"]
    assert chat(c, user, "What is an STP?")["reply"]  # the bot again


def test_an_agent_cannot_take_or_answer_another_agents_conversation(app: FastAPI) -> None:
    app.state.parts.accounts.add("agent2", PASSWORD, StaffRole.AGENT)
    user = f"theirs-{uuid.uuid4().hex}"
    first, second = client(app, "agent1"), client(app, "agent2")
    chat(first, user, "talk to a person")
    cid = conversation_of(app, user)
    first.post(f"/staff/c/{cid}/claim", data={"csrf": page_csrf(first)})
    token = page_csrf(second)
    stolen = second.post(f"/staff/c/{cid}/claim", data={"csrf": token}, follow_redirects=False)
    assert stolen.headers["location"].endswith("error=invalid")
    answered = second.post(f"/staff/c/{cid}/reply", data={"csrf": token, "text": "me too"}, follow_redirects=False)
    assert answered.headers["location"].endswith("error=claim_first")
    assert app.state.parts.queue.item_of(cid).assignee == "agent1"


def test_parkbot_staff_add_reads_the_password_from_stdin(tmp_path: Path) -> None:
    env = {"PARKBOT_DATA_DIR": str(tmp_path / "var")}
    made = run_cli("staff", "add", "Clerk.One", "--role", "admin", "--password-stdin", stdin="a fine password\n",
                   env=env)
    assert made.returncode == 0 and "clerk.one (admin)" in made.stderr
    assert run_cli("staff", "add", "x", "--role", "root", "--password-stdin", stdin="a fine password\n",
                   env=env).returncode == 2
    short = run_cli("staff", "add", "clerk2", "--password-stdin", stdin="short\n", env=env)
    assert short.returncode == 2 and "at least 10" in short.stderr
    from bot.app.parts import open_store
    from bot.queue.accounts import Accounts

    accounts = Accounts(open_store(Settings(data_dir=tmp_path / "var")))
    staff = accounts.authenticate("clerk.one", "a fine password")
    assert staff is not None and staff.is_admin and accounts.authenticate("clerk.one", "wrong") is None


def test_admins_see_a_conversations_handoff_and_replay_its_dead_letter(app: FastAPI) -> None:
    user = f"web-{uuid.uuid4().hex[:8]}"
    c = client(app)
    for text in ("desk book karna hai Lahore mein parson 11 bajay 2 log", "Imran", "03001112223"):
        chat(c, user, text)
    found = re.search(r"BK-[A-Z0-9]{6}", str(chat(c, user, "haan")["reply"]))
    assert found, "no booking reference"
    reference = found.group(0)
    parts: Parts = app.state.parts
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any(d["status"] == "dead" for d in parts.deliveries.deliveries.rows()):
        time.sleep(0.1)
    admin = client(app, "admin1")
    view = admin.get(f"/staff/c/{conversation_of(app, user)}").text
    assert reference in view and "dead" in view
    listing = admin.get("/staff/deliveries").text
    row = re.search(rf"<td>(\d+)</td><td>{reference}</td>", listing)
    assert row, listing
    agent = client(app, "agent1")
    refused = agent.post(f"/staff/deliveries/{row.group(1)}/replay", data={"csrf": page_csrf(agent)},
                         follow_redirects=False)
    assert refused.status_code == 403
    replayed = admin.post(f"/staff/deliveries/{row.group(1)}/replay",
                          data={"csrf": page_csrf(admin, "/staff/deliveries")}, follow_redirects=False)
    assert replayed.status_code == 303
    statuses = {d["id"]: d["status"] for d in parts.deliveries.deliveries.rows()}
    assert statuses[int(row.group(1))] in ("pending", "dead")  # queued again (and, with no URL, failing again)
    # another web user's conversation lists none of it
    other = f"web-{uuid.uuid4().hex[:8]}"
    chat(c, other, "hello")
    assert reference not in admin.get(f"/staff/c/{conversation_of(app, other)}").text


def test_an_agent_cannot_move_a_conversation_another_agent_holds(app: FastAPI) -> None:
    user = f"held-{uuid.uuid4().hex}"
    owner = client(app, "agent1")
    chat(owner, user, "I want to talk to a person")
    cid = conversation_of(app, user)
    assert owner.post(f"/staff/c/{cid}/claim", data={"csrf": page_csrf(owner)}, follow_redirects=False
                      ).status_code == 303
    parts: Parts = app.state.parts
    parts.accounts.add("agent2", PASSWORD, StaffRole.AGENT, ("general",))
    other = client(app, "agent2")
    token = page_csrf(other)
    for action, extra in (("takeover", {}), ("release", {}), ("resolve", {}), ("handback", {}),
                          ("team", {"team": "general", "priority": "normal"}), ("reply", {"text": "hi, agent2 here"})):
        refused = other.post(f"/staff/c/{cid}/{action}", data={"csrf": token, **extra},
                             headers={"accept": "application/json"})
        assert refused.status_code == 409, (action, refused.text)
    row = next(r for r in owner.get("/staff/api/queue").json()["rows"] if r["conversation"] == cid)
    assert row["state"] == "human"


def test_logout_and_a_new_password_end_copied_sessions(app: FastAPI) -> None:
    parts: Parts = app.state.parts
    parts.accounts.add("agent3", PASSWORD, StaffRole.AGENT)
    c = client(app, "agent3")
    copied = dict(c.cookies)
    assert c.post("/staff/logout", data={"csrf": page_csrf(c)}, follow_redirects=False).status_code == 303
    thief = TestClient(app, cookies=copied)
    assert thief.get("/staff/api/queue").status_code == 401
    again = client(app, "agent3")
    kept = dict(again.cookies)
    parts.accounts.add("agent3", "a brand new password", StaffRole.AGENT)
    assert TestClient(app, cookies=kept).get("/staff/api/queue").status_code == 401
    response = client(app, "agent1").get("/staff/api/queue")
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
