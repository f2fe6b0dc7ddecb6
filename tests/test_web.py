"""`parkbot serve` as a user meets it: a real server process, the HTTP API, and the page in Chromium."""

from __future__ import annotations

import os
import shutil
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
def server(bundled: Knowledge, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`parkbot serve` in its own process, on a copy of the already-built index."""
    data = tmp_path_factory.mktemp("serve") / "var"
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
     ({"text": "hi"}, 422),
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


def test_web_chat_page_in_chromium(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
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
        page.click("text=How much rent subsidy do tenants get?")
        english = page.locator(".msg.bot").nth(1)
        english.wait_for(timeout=60_000)
        assert english.get_attribute("dir") == "ltr" and "25" in english.inner_text()
        page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
        browser.close()
