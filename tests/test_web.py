"""`parkbot serve` as a user meets it: a real server process, the HTTP API, and the page in Chromium."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import free_port, wait_http

from bot.retrieval.knowledge import Knowledge

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("serve") / "var"


@pytest.fixture(scope="module")
def server(bundled: Knowledge, data_dir: Path) -> Iterator[str]:
    """`parkbot serve` in its own process, on a copy of the already-built index."""
    data = data_dir
    shutil.copytree(bundled.settings.data_dir, data)
    port = free_port()
    env = {**os.environ, "PARKBOT_DATA_DIR": str(data)}
    exe = shutil.which("parkbot", path=str(Path(sys.executable).parent)) or "parkbot"
    log = (data / "serve.log").open("w")
    proc = subprocess.Popen([exe, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/healthz", timeout=240, proc=proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def chat(base: str, text: str, user: str = "web-test", **extra: object) -> httpx.Response:
    return httpx.post(f"{base}/api/chat", json={"user_id": user, "text": text, "channel": "web", **extra}, timeout=60)


def test_health_and_contract_fields(server: str) -> None:
    health = httpx.get(f"{server}/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    response = chat(server, "How much internet subsidy do tenants get?")
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"reply", "language", "sources", "escalated", "intent", "flow", "confidence"}
    assert data["language"] == "en" and data["flow"] is None and "100" in data["reply"]
    assert data["sources"] and {"id", "title", "as_of"} <= data["sources"][0].keys()


@pytest.mark.parametrize(
    ("payload", "status"),
    [({"user_id": "u", "text": ""}, 200),
     ({"user_id": "u", "text": "   "}, 200),
     ({"user_id": "u", "text": "x" * 100_000}, 413),
     ({"user_id": "u", "text": "a\x00b\x07c"}, 200),
     ({"user_id": "u", "text": "🙂🙂"}, 200),
     ({"user_id": "u", "text": "<b>rent</b> subsidy' OR 1=1; --"}, 200),
     ({"user_id": "", "text": "hi"}, 422),
     ({"text": "hi"}, 422),  # no session cookie and no user id
     ({"user_id": "whatsapp:+923001234567", "text": "hi", "channel": "whatsapp"}, 422),  # web conversations only
     ({"user_id": "session:abc", "text": "hi"}, 422),  # a page visitor's id
     ({"user_id": "u", "text": 5}, 422)],
)
def test_bad_input_gets_a_reply_or_a_clear_4xx(server: str, payload: dict, status: int) -> None:
    response = httpx.post(f"{server}/api/chat", json=payload, timeout=60)
    assert response.status_code == status, response.text
    if status == 200:
        assert response.json()["reply"]
    else:
        assert "error" in response.json()


def test_lone_surrogates_and_broken_json(server: str) -> None:
    raw = b'{"user_id": "u", "text": "\\ud800 rent subsidy"}'
    response = httpx.post(f"{server}/api/chat", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 200 and "25" in response.json()["reply"]
    broken = httpx.post(f"{server}/api/chat", content=b"{not json", headers={"Content-Type": "application/json"})
    assert broken.status_code == 422


def test_web_chat_page_in_chromium(server: str, data_dir: Path, tmp_path: Path) -> None:
    """The page works under its Content-Security-Policy, and its visitor is the server's session: two
    browsers are two conversations (one escalated and quiet, the other still answered)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        page.on("pageerror", lambda error: console.append(f"page error: {error}"))
        page.goto(server)
        assert "utf-8" in (page.evaluate("document.characterSet") or "").lower()
        page.fill("#text", "خواتین کے لیے سافٹ ویئر ٹیکنالوجی پارک کہاں ہے؟")
        page.keyboard.press("Enter")
        answer = page.locator(".msg.bot").last
        answer.wait_for(timeout=60_000)
        assert answer.get_attribute("dir") == "rtl"
        assert answer.get_attribute("data-language") == "ur"
        assert "باغ" in answer.inner_text()
        assert answer.locator(".sources li").count() >= 1
        box = answer.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390  # fits the phone screen
        assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == \
            "rgb(11, 110, 79)"  # the stylesheet applied
        page.click("text=How much rent subsidy do tenants get?")
        english = page.locator(".msg.bot").nth(1)
        english.wait_for(timeout=60_000)
        assert english.get_attribute("dir") == "ltr" and "25" in english.inner_text()
        page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)

        # the visitor is a signed HttpOnly session cookie, not an id the page makes up
        [cookie] = [c for c in context.cookies() if c["name"] == "parkbot_session"]
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]  # plain http here
        assert page.evaluate("document.cookie") == "" and page.evaluate("localStorage.length") == 0

        # a second browser is a second conversation: this one asks for a person, and the bot goes quiet ...
        other = browser.new_context(viewport={"width": 390, "height": 844})
        second = other.new_page()
        second.on("console", lambda message: console.append(message.text))
        second.goto(server)
        second.fill("#text", "I want to talk to a human")
        second.keyboard.press("Enter")
        second.locator(".msg.bot").first.wait_for(timeout=60_000)
        with second.expect_response("**/api/chat") as quiet:
            second.fill("#text", "How much rent subsidy do tenants get?")
            second.keyboard.press("Enter")
        # no second answer from the bot, and not silence either: a notice says a person will reply here
        assert quiet.value.json()["intent"] == "human_handling" and second.locator(".msg.bot").count() == 1
        notice = second.locator(".msg.notice")
        notice.wait_for(timeout=10_000)
        assert "person from our team" in notice.inner_text()
        with second.expect_response("**/api/chat"):
            second.fill("#text", "hello?")
            second.keyboard.press("Enter")
        second.locator(".msg.user").nth(2).wait_for(timeout=10_000)
        assert notice.count() == 1 and second.locator(".msg.bot").count() == 1  # one notice, not a pile
        # ... while the first is still answered
        page.click("text=karachi it park kab tak banega?")
        page.locator(".msg.bot").nth(2).wait_for(timeout=60_000)
        [other_cookie] = [c for c in other.cookies() if c["name"] == "parkbot_session"]
        tokens = {c["value"].split(".")[0] for c in (cookie, other_cookie)}
        assert len(tokens) == 2
        with sqlite3.connect(data_dir / "parkbot.db") as db:
            stored = dict(db.execute(
                "SELECT u.external_id, count(*) FROM users u JOIN conversations c ON c.user_id = u.id "
                "JOIN messages m ON m.conversation_id = c.id WHERE m.direction = 'in' GROUP BY u.external_id"))
        assert stored.get(f"session:{cookie['value'].split('.')[0]}") == 3
        assert stored.get(f"session:{other_cookie['value'].split('.')[0]}") == 3

        # nothing the page does breaks its policy; and a violation would have been seen here
        assert not [m for m in console if "Content Security Policy" in m or m.startswith("page error")], console
        with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
            page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                          " document.body.append(s); }")
        assert page.evaluate("window.injected") is None
        browser.close()

