"""The staff console in real headless Chromium (Debian's, driven by Playwright), end to end.

A web visitor and a WhatsApp user (a Twilio-signed request) ask for a person; a member of staff,
logged in with the queue open, is notified, claims each, replies (the visitor's page shows the reply
without reloading; the local Twilio server receives the other), resolves, and the bot answers both
users again. Screenshots of the queue and of the Urdu conversation are saved under tests/artifacts/.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from apphost import AppThread
from channelkit import FROM, PUBLIC, answers, number, whatsapp
from fakes.twilio_api import FakeTwilio
from sqlalchemy import update
from staffkit import behind_https, login, page_csrf

from bot.retrieval.knowledge import Knowledge
from bot.settings import Settings
from bot.storage.models import Inbound
from bot.storage.states import StaffRole

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "a browser password"
URDU = "میں باغ کے خواتین پارک کے بارے میں نمائندے سے بات کرنا چاہتی ہوں"


@pytest.fixture(scope="module")
def app(bundled: Knowledge, twilio: FakeTwilio, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppThread]:
    database = tmp_path_factory.mktemp("staff-browser") / "parkbot.db"
    settings = Settings(data_dir=bundled.settings.data_dir, knowledge_dir=bundled.settings.knowledge_dir,
                        database_url=f"sqlite:///{database}", public_url=PUBLIC,
                        twilio_account_sid=twilio.account_sid, twilio_auth_token=twilio.auth_token,
                        twilio_whatsapp_from=FROM, twilio_api_base_url=twilio.base_url, burst_seconds=0.3)
    with AppThread(settings, bundled) as running:
        running.app.state.parts.accounts.add("amina", PASSWORD, StaffRole.AGENT, ("general", "bagh-women"))
        yield running


def test_escalate_claim_reply_resolve_in_chromium(app: AppThread, twilio: FakeTwilio) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    sender = number()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        errors: list[str] = []
        # the member of staff logs in; the queue is open when the conversations arrive
        staff_context = browser.new_context(viewport={"width": 1280, "height": 900})
        staff_context.grant_permissions(["notifications"], origin=app.base)
        staff = staff_context.new_page()
        staff.on("pageerror", lambda error: errors.append(f"staff page error: {error}"))
        staff.goto(f"{app.base}/staff")
        assert staff.url.endswith("/staff/login")
        staff.fill("input[name=username]", "amina")
        staff.fill("input[name=password]", PASSWORD)
        staff.click("button[type=submit]")
        staff.wait_for_url(f"{app.base}/staff")

        # a web visitor asks for a person ...
        visitor_context = browser.new_context(viewport={"width": 390, "height": 844})
        visitor = visitor_context.new_page()
        visitor.on("pageerror", lambda error: errors.append(f"visitor page error: {error}"))
        visitor.goto(app.base)
        visitor.fill("#text", "I want to talk to a person about the rent subsidy")
        visitor.keyboard.press("Enter")
        expect(visitor.locator(".msg.bot").last).to_contain_text("person", timeout=30_000)
        # ... and so does a WhatsApp user, in Urdu, about the women-only park
        assert whatsapp(app, twilio, sender, URDU)[0] == 200
        assert "نمائندے" in answers(twilio, sender)[0].params["Body"]

        # the queue updates by itself and tells the staff member (her teams: general, bagh-women)
        expect(staff.locator("#rows tr")).to_have_count(2, timeout=15_000)
        expect(staff.locator("#fresh")).to_contain_text("new conversation", timeout=15_000)
        expect(staff.locator("#rows")).to_contain_text("bagh-women")
        expect(staff.locator("#counts")).to_contain_text("bagh-women: 1")
        staff.screenshot(path=str(ARTIFACTS / "staff-queue.png"), full_page=True)

        # the web conversation: claim, reply; the visitor's page shows it without reloading
        staff.locator("#rows tr", has_text="web").locator("a").click()
        staff.click("#claim")
        staff.fill("#reply-text", "Hello from the PSEB team: the rent subsidy is explained on our page.")
        staff.click("#send")
        expect(staff.locator("#outcome")).to_contain_text("web visitor")
        expect(visitor.locator(".msg.staff")).to_contain_text("Hello from the PSEB team", timeout=15_000)
        staff.click("#resolve")
        expect(visitor.locator(".msg.staff").last).to_contain_text("1 (poor) to 5", timeout=15_000)
        before = visitor.locator(".msg.bot:not(.staff)").count()
        visitor.fill("#text", "What is an STP?")
        visitor.keyboard.press("Enter")
        expect(visitor.locator(".msg.bot:not(.staff)")).to_have_count(before + 1, timeout=30_000)
        assert "STP" in visitor.locator(".msg.bot:not(.staff)").last.inner_text()  # the bot answers again

        # the WhatsApp conversation in Urdu: right to left; a canned Urdu reply goes out through Twilio
        staff.goto(f"{app.base}/staff")
        staff.locator("#rows tr", has_text="whatsapp").locator("a").click()
        assert staff.locator("#history li.in").first.get_attribute("dir") == "rtl"
        staff.click("#claim")
        whatsapp(app, twilio, sender, "کیا آپ میری بات سن رہی ہیں؟")  # the user writes meanwhile: quiet bot ...
        expect(staff.locator("#history li.in").last).to_contain_text("سن رہی ہیں", timeout=15_000)  # ... live here
        staff.locator(".canned-btn", has_text="greeting · اردو").click()
        assert "پی ایس ای بی" in staff.input_value("#reply-text")
        staff.click("#send")
        expect(staff.locator("#outcome")).to_contain_text("Sent to the user")
        staff_reply = answers(twilio, sender, 2)[-1].params["Body"]
        assert "amina" in staff_reply and "پی ایس ای بی" in staff_reply
        staff.screenshot(path=str(ARTIFACTS / "staff-urdu-conversation.png"), full_page=True)
        staff.click("#resolve")
        assert "1 (خراب) سے 5" in answers(twilio, sender, 3)[-1].params["Body"]
        whatsapp(app, twilio, sender, "ایس ٹی پی کیا ہوتا ہے؟")
        assert "ایس ٹی پی" in answers(twilio, sender, 4, timeout=30)[-1].params["Body"]  # the bot again
        browser.close()
    assert errors == []


def test_a_reply_outside_the_whatsapp_window_says_whether_it_waits_or_went_as_a_template(
        app: AppThread, twilio: FakeTwilio) -> None:
    sender = number()
    whatsapp(app, twilio, sender, "I want to talk to a person")
    answers(twilio, sender)
    store = app.app.state.parts.store
    conversation = store.conversation_state("whatsapp", sender).id
    with store.session() as session:  # the user last wrote 25 hours ago
        session.execute(update(Inbound).where(Inbound.sender == sender)
                        .values(received_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)))
        session.commit()
    with behind_https(app.base) as client:
        assert login(client, "amina", PASSWORD).status_code == 303
        token = page_csrf(client, f"/staff/c/{conversation}")
        client.post(f"/staff/c/{conversation}/claim", data={"csrf": token})
        json_please = {"Accept": "application/json"}
        waits = client.post(f"/staff/c/{conversation}/reply", data={"csrf": token, "text": "Are you still there?"},
                            headers=json_please).json()
        assert waits["outcome"] == "waiting" and "24-hour window" in waits["message"]
        app.hub.settings.whatsapp_template_sid = "HX" + uuid.uuid4().hex
        try:
            template = client.post(f"/staff/c/{conversation}/reply", data={"csrf": token, "text": "Your answer."},
                                   headers=json_please).json()
        finally:
            app.hub.settings.whatsapp_template_sid = None
        assert template["outcome"] == "sent_template" and "template" in template["message"]
        assert "Your answer." in client.get(f"/staff/c/{conversation}").text  # in the history too
