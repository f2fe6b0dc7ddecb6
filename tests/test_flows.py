"""Bookings and applications: the flow engine on its own, then whole conversations through the real app on
every channel (web /api/chat, a Twilio-signed WhatsApp user, a Telegram chat) to a real local receiver that
checks each webhook's signature with its own code and sees one delivery per confirmed request."""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from apphost import AppThread
from channelkit import FROM, PUBLIC, SECRET, answers, number, sent_to, whatsapp
from fakes.telegram_api import FakeTelegram
from fakes.twilio_api import FakeTwilio
from receiver import Receiver, receiver, signed_headers
from sqlalchemy import select, update

from bot.app.parts import build_assistant
from bot.conversation.flowroute import FLOW_TTL, FlowRoute
from bot.conversation.messages import InboundMessage
from bot.flows.engine import INFO_QUESTION, FlowEngine, Outcome
from bot.flows.fields import KARACHI, mask_phone, mask_text
from bot.flows.spec import bundled_flows
from bot.language import detect
from bot.retrieval.directory import Directory
from bot.retrieval.knowledge import Knowledge
from bot.settings import BUNDLED_KNOWLEDGE, Settings
from bot.storage.models import FlowRequest, Inbound, Outbound
from bot.texts import say

NOW = dt.datetime(2026, 11, 27, 17, 0, tzinfo=KARACHI)  # a Friday


@pytest.fixture(scope="module")
def engine() -> FlowEngine:
    return FlowEngine(bundled_flows(), Directory.load(BUNDLED_KNOWLEDGE), clock=lambda: NOW)


def talk(engine: FlowEngine, flow: str, messages: list[str], lang: Any = "roman_ur", channel: str = "whatsapp"
         ) -> list[Outcome]:
    outcomes = [engine.start(flow, messages[0], lang, channel)]
    for message in messages[1:]:
        state = outcomes[-1].state
        assert state is not None, outcomes[-1].text
        outcomes.append(engine.step(state, message, lang, channel))
    return outcomes


# -- the engine ---------------------------------------------------------------------------------------------
def test_several_fields_in_one_message_a_correction_and_a_confirmed_summary(engine: FlowEngine) -> None:
    said = talk(engine, "booking", ["kal 3 bajay 4 log Bagh park meeting room book karna hai", "nahi, 5 log",
                                    "mera naam Ayesha Khan hai", "0300-1234567", "haan"])
    assert said[0].state is not None and said[0].state["asking"] == "name"
    assert said[1].text.startswith("Badal diya: Log: 5.")
    summary = said[3].text
    assert "0300-***4567" in summary and "1234567" not in summary.replace("***4567", "")
    submitted = said[-1].submit
    assert submitted is not None and submitted.values == {
        "park": "bagh-women-stp", "item": "meeting_room", "date": "2026-11-28", "time": "15:00", "people": 5,
        "name": "Ayesha Khan", "phone": "+923001234567"}


@pytest.mark.parametrize(("said", "expected"), [
    ("kal", "2026-11-28"), ("parson", "2026-11-29"), ("agle peer", "2026-11-30"), ("next Monday", "2026-11-30"),
    ("15 Dec", "2026-12-15"), ("15 دسمبر", "2026-12-15"), ("اگلے منگل", "2026-12-01"), ("jumeraat ko", "2026-12-03"),
    ("15/12/2026", "2026-12-15"), ("پرسوں", "2026-11-29")])
def test_dates_in_three_languages_are_read_in_karachi_and_in_the_future(engine: FlowEngine, said: str,
                                                                      expected: str) -> None:
    found, problems = engine.read(engine.flows["booking"], said, "roman_ur", asking="date")
    assert found == {"date": expected} and not problems


@pytest.mark.parametrize("said", ["+44 7911 123456", "+971 50 123 4567"])
def test_a_number_abroad_is_asked_again_as_a_pakistani_mobile(engine: FlowEngine, said: str) -> None:
    """"+44 7911 123456" went to the summary as "0791-***3456" and to the backend as +447911123456, outside the
    schema the backend is promised (^\\+92\\d{10}$)."""
    found, problems = engine.read(engine.flows["booking"], said, "en", asking="phone")
    assert not found and [p.problem for _, p in problems] == ["flow_bad_phone"]


@pytest.mark.parametrize(("summary_answer", "lang"), [("ji bilkul bhej do", "roman_ur"),
                                                      ("haan booking bhej do", "roman_ur"),
                                                      ("ہاں جی بھیج دو", "ur"), ("yes book it", "en"),
                                                      ("yes submit", "en"), ("yes thanks", "en"),
                                                      ("haan g theek hai", "roman_ur"), ("ji kr do", "roman_ur"),
                                                      ("theek hai bhej den", "roman_ur")])
def test_a_yes_in_everyday_words_confirms(engine: FlowEngine, summary_answer: str, lang: Any) -> None:
    """"ji bilkul bhej do", "haan booking bhej do", "ہاں جی بھیج دو", "yes book it" at the summary got "I didn't get
    that" and the summary again."""
    said = talk(engine, "booking", ["kal 3 bajay 4 log lahore stp meeting room book karna hai 2 ghante",
                                    "Ayesha Khan", "0300-1234567", summary_answer], lang)
    assert said[-2].state is not None and said[-2].state["asking"] == "confirm", said[-2].text
    assert said[-1].submit is not None, said[-1].text


def test_a_yes_with_a_change_is_no_plain_yes(engine: FlowEngine) -> None:
    said = talk(engine, "booking", ["kal 3 bajay 4 log lahore stp meeting room book karna hai 2 ghante",
                                    "Ayesha Khan", "0300-1234567", "yes but change the time"], "en")
    assert said[-1].submit is None


@pytest.mark.parametrize(("said", "lang", "told"), [
    ("book a desk at lahore stp on 25 dec", "en", "Quaid-e-Azam Day"),
    ("25 دسمبر کو لاہور ایس ٹی پی میں میٹنگ روم بک کرنا ہے", "ur", "یوم قائداعظم")])
def test_a_public_holiday_is_told_and_the_day_can_be_changed(engine: FlowEngine, said: str, lang: Any,
                                                             told: str) -> None:
    """"25 دسمبر کو دوپہر 2 بجے" (Quaid-e-Azam Day) was booked without a word; the parks' hours are in no source, so
    the holiday is told (not refused) and another date changes it."""
    first, changed = talk(engine, "booking", [said, "26 dec"], lang)
    assert told in first.text and first.state is not None and first.state["values"]["date"] == "2026-12-25"
    assert changed.state is not None and changed.state["values"]["date"] == "2026-12-26"
    assert told not in changed.text


@pytest.mark.parametrize("said", ["0300-1234567", "+92 300 1234567", "923001234567", "03001234567",
                                  "0092 300 1234567", "۰۳۰۰۱۲۳۴۵۶۷"])
def test_pakistani_mobiles_in_every_usual_form(engine: FlowEngine, said: str) -> None:
    found, _ = engine.read(engine.flows["booking"], said, "en", asking="phone")
    assert found == {"phone": "+923001234567"}
    assert mask_phone(found["phone"]) == "0300-***4567"


def test_a_wrong_value_is_explained_and_asked_again_keeping_the_rest(engine: FlowEngine) -> None:
    said = talk(engine, "booking", ["book a desk at Lahore STP tomorrow 11am for 2 people", "Sara", "12345"], "en")
    assert "Pakistani mobile" in said[-1].text and said[-1].state is not None
    assert said[-1].state["values"]["park"] == "stp-lahore" and said[-1].state["asking"] == "phone"
    past = talk(engine, "booking", ["desk book karna hai Lahore", "1 Jan 2020"])
    assert "guzar chuki" in past[-1].text and past[-1].state is not None
    assert past[-1].state["values"]["park"] == "stp-lahore"
    closed = talk(engine, "booking", ["Karachi IT Park mein meeting room book karna hai"])
    assert "khula nahi" in closed[0].text


def test_the_women_only_park_is_explained_when_the_details_conflict(engine: FlowEngine) -> None:
    said = talk(engine, "booking", ["book a meeting room in the Bagh women park for 3 men"], "en")
    assert "women-only" in said[0].text and said[0].state is not None
    assert "park" not in said[0].state["values"]


@pytest.mark.parametrize(("said", "lang"), [
    ("mujhe bagh women park me desk chahiye, main larka hun", "roman_ur"),
    ("i'm a guy, book me a desk at the bagh womens stp", "en"),
    ("میں لڑکا ہوں، باغ کے خواتین پارک میں ڈیسک بک کر دیں", "ur"),
])
def test_a_man_who_says_so_is_not_booked_at_the_women_only_park(engine: FlowEngine, said: str, lang: Any) -> None:
    """A new user's "main larka hun" went straight to the booking's summary at the Bagh park for women: only "3 men"
    or "larke" in the request was read as men, not a writer who says he is one."""
    reply = talk(engine, "booking", [said], lang)
    assert reply[0].state is not None and "park" not in reply[0].state["values"]
    assert any(w in reply[0].text for w in ("women-only", "صرف خواتین", "sirf khawateen"))


@pytest.mark.parametrize(("turns", "lang"), [
    (["hi i want to book a desk at bagh park", "tomorrow 11am", "3 guys, me and 2 male colleagues"], "en"),
    (["مجھے باغ پارک میں ڈیسک بک کرنی ہے", "کل صبح 10 بجے", "میں اور میرا بھائی، دو آدمی"], "ur"),
    # (his list leaves the women's park out, so "1" is another park: he names it instead)
    (["main larka hun, visit karni hai kal", "bagh park"], "roman_ur"),
    (["میں باغ والے خواتین پارک میں ڈیسک بک کرنا چاہتا ہوں"], "ur"),
])
def test_men_said_at_any_step_take_the_women_only_park_back(engine: FlowEngine, turns: list[str], lang: Any) -> None:
    """A new user booked a desk at the Bagh park for "3 guys, me and 2 male colleagues" (said at the head count, after
    the park), chose it by its number after "main larka hun", or wrote "چاہتا ہوں" (a man's verb): all were sent on."""
    reply = talk(engine, "booking", turns, lang)[-1]
    assert reply.state is not None and "park" not in reply.state["values"], reply.text
    assert any(w in reply.text for w in ("women-only", "صرف خواتین", "sirf khawateen")), reply.text


@pytest.mark.parametrize("said", ["mujhe bagh women park me desk chahiye, main larki hun",
                                  "book a desk at the bagh womens stp for me, my husband will drop me off"])
def test_a_woman_books_at_the_women_only_park(engine: FlowEngine, said: str) -> None:
    reply = talk(engine, "booking", [said], "en" if said.startswith("book") else "roman_ur")
    assert reply[0].state is not None and reply[0].state["values"].get("park") == "bagh-women-stp"


@pytest.mark.parametrize(("said", "people"), [("meeting room book karna hai, hum 3 aur client ke 2 log", 5),
                                              ("book a meeting room for 3 of us and 2 guests", 5),
                                              ("meeting room chahiye 2 ghante aur 3 log", 3)])
def test_two_groups_of_people_are_added_up(engine: FlowEngine, said: str, people: int) -> None:
    """"hum 3 aur client ke 2 log" was booked for 3."""
    reply = talk(engine, "booking", [said])
    assert reply[0].state is not None and reply[0].state["values"].get("people") == people, reply[0].state


def test_cancel_in_three_languages_and_a_question_hands_back(engine: FlowEngine) -> None:
    for word, lang in (("cancel", "en"), ("rehne do", "roman_ur"), ("منسوخ", "ur")):
        said = talk(engine, "booking", ["desk book karna hai", word], lang)
        assert said[-1].state is None and said[-1].cancelled and said[-1].submit is None
    asked = talk(engine, "booking", ["desk book karna hai", "Lahore", "park ka rent kitna hai?"])
    assert asked[-1].question and asked[-1].state is not None and asked[-1].state["asking"] == "date"


@pytest.mark.parametrize(("stop", "lang"), [("no cancel it pls", "en"), ("rehne do cancle kr do", "roman_ur"),
                                            ("nahi chahiye ab, khatam karo", "roman_ur"), ("چھوڑیں، منسوخ کریں", "ur"),
                                            ("cancel kr do yaar plan change ho gaya", "roman_ur")])
def test_cancel_said_among_other_words_stops(engine: FlowEngine, stop: str, lang: Any) -> None:
    """A new user's "no cancel it pls" got "I couldn't read that time"; "چھوڑیں، منسوخ کریں" got "a number from 1
    to 50" (only "cancel" alone stopped the flow)."""
    said = talk(engine, "booking", ["desk book karna hai Lahore kal", stop], lang)
    assert said[-1].cancelled and said[-1].state is None and said[-1].submit is None, said[-1].text
    asked = talk(engine, "booking", ["desk book karna hai Lahore kal", "can I cancel it later?"], "en")
    assert asked[-1].question and asked[-1].state is not None


def test_numbers_and_hours_in_words_a_question_mid_way_and_names_that_are_not_names(engine: FlowEngine) -> None:
    """A new user's application took "ایک منٹ، کیا فری لانسر کو بھی یہ سبسڈی ملتی ہے؟" as a team of one ("ایک",
    "one") after "ہم پندرہ لوگ ہیں" (fifteen) was refused; "صبح دس بجے" was no time; "تین" was saved as the name;
    "ok naam likho: Kashif Mehmood" was refused."""
    booking = engine.flows["booking"]
    assert engine.read(booking, "ہم پندرہ لوگ ہیں", "ur", asking="people")[0] == {"people": 15}
    assert engine.read(booking, "صبح دس بجے", "ur", asking="time")[0] == {"time": "10:00"}
    assert engine.read(booking, "shaam paanch baje", "roman_ur", asking="time")[0] == {"time": "17:00"}
    mid_way = talk(engine, "booking", ["desk book karna hai Lahore kal 3 bajay",
                                       "ایک منٹ، کیا فری لانسر کو بھی یہ سبسڈی ملتی ہے؟"], "ur")
    assert mid_way[-1].question and mid_way[-1].state is not None and "people" not in mid_way[-1].state["values"]
    named = talk(engine, "booking", ["desk book karna hai Lahore kal 3 bajay 2 log", "تین"], "ur")
    assert named[-1].failed and named[-1].state is not None and "name" not in named[-1].state["values"]
    assert engine.read(booking, "ok naam likho: Kashif Mehmood", "roman_ur", asking="name")[0] == {
        "name": "Kashif Mehmood"}


def test_a_day_just_gone_is_past_not_next_year(engine: FlowEngine) -> None:
    """"20 nov" on 27 November was booked for 20 November next year without a word."""
    past = talk(engine, "booking", ["desk book karna hai Lahore", "20 nov"])
    assert "guzar chuki" in past[-1].text and past[-1].state is not None and "date" not in past[-1].state["values"]
    assert engine.read(engine.flows["booking"], "5 jan", "en", asking="date")[0] == {"date": "2027-01-05"}


def test_choices_are_numbered_on_whatsapp_and_buttons_on_telegram(engine: FlowEngine) -> None:
    whatsapp_ask = engine.start("booking", "book something at Lahore", "en", "whatsapp")
    assert "1. Desk" in whatsapp_ask.text and "2. Meeting room" in whatsapp_ask.text
    telegram_ask = engine.start("booking", "book something at Lahore", "en", "telegram")
    assert "1. Desk" not in telegram_ask.text and telegram_ask.choices[:2] == ["flow:desk:en", "flow:meeting_room:en"]
    assert telegram_ask.state is not None
    assert engine.step(telegram_ask.state, "", "en", "telegram", button="meeting_room").state["values"][  # type: ignore[index]
        "item"] == "meeting_room"
    by_number = engine.step(dict(whatsapp_ask.state or {}), "2", "en", "whatsapp")
    assert by_number.state is not None and by_number.state["values"]["item"] == "meeting_room"


def test_asking_about_booking_is_a_question_and_asking_to_book_starts_a_flow(engine: FlowEngine) -> None:
    assert INFO_QUESTION.search("How do I apply for office space in an STP?")
    assert INFO_QUESTION.search("booking kaise hoti hai")
    for text in ("I want to apply for the rent subsidy", "Can I book a meeting room tomorrow?",
                 "kal meeting room book karna hai"):
        assert not INFO_QUESTION.search(text), text
    assert engine.wanted("booking", "x") == "booking" and engine.wanted("question", "x") is None


def test_masking_in_free_text() -> None:
    assert mask_text("call 0300-1234567 or a@b.com, cnic 12345-1234567-1") == \
        "call 0300-***4567 or a***@b.com, cnic 12345-*******-1"


# -- the real app, every channel -------------------------------------------------------------------------------
TRAINING = """
flows:
  - name: training
    prefix: TR
    event: training.enrolment
    start_words: [training, enrol, enroll, تربیت]
    title: {en: "training enrolment", ur: "تربیت میں داخلہ", roman_ur: "training enrolment"}
    fields:
      - name: course
        type: choice
        label: {en: Course, ur: کورس, roman_ur: Course}
        prompt: {en: "Which course?", ur: "کون سا کورس؟", roman_ur: "Kaun sa course?"}
        options:
          - value: python
            label: {en: Python, ur: پائتھن, roman_ur: Python}
            words: [python, پائتھن]
          - value: design
            label: {en: UI design, ur: ڈیزائن, roman_ur: UI design}
            words: [design, ui, ڈیزائن]
      - name: name
        type: name
        label: {en: Name, ur: نام, roman_ur: Naam}
        prompt: {en: "Your name?", ur: "آپ کا نام؟", roman_ur: "Aap ka naam?"}
      - name: phone
        type: phone
        label: {en: Phone, ur: فون, roman_ur: Phone}
        prompt: {en: "Your mobile?", ur: "آپ کا موبائل؟", roman_ur: "Aap ka mobile?"}
"""


@pytest.fixture(scope="module")
def backend() -> Iterator[Receiver]:
    with receiver() as running:
        yield running


@pytest.fixture(scope="module")
def app(bundled: Knowledge, twilio: FakeTwilio, telegram: FakeTelegram, backend: Receiver,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppThread]:
    folder = tmp_path_factory.mktemp("flows")
    (folder / "training.yaml").write_text(TRAINING, encoding="utf-8")
    settings = Settings(
        data_dir=bundled.settings.data_dir, knowledge_dir=bundled.settings.knowledge_dir,
        database_url=f"sqlite:///{folder / 'parkbot.db'}", public_url=PUBLIC, twilio_account_sid=twilio.account_sid,
        twilio_auth_token=twilio.auth_token, twilio_whatsapp_from=FROM, twilio_api_base_url=twilio.base_url,
        telegram_bot_token=telegram.token, telegram_api_base_url=telegram.base_url, telegram_webhook_secret=SECRET,
        burst_seconds=0.3, webhook_booking_url=f"{backend.url}/bookings",
        webhook_application_url=f"{backend.url}/applications", webhook_url=f"{backend.url}/other",
        webhook_secret=backend.secret, webhook_retry_schedule="0.2,0.2,0.2", webhook_poll_seconds=0.1,
        webhook_timeout=1.0, flows_file=folder / "training.yaml")  # type: ignore[arg-type]
    with AppThread(settings, bundled) as running:
        yield running


def chat(app: AppThread, user: str, text: str) -> dict[str, Any]:
    response = httpx.post(f"{app.base}/api/chat", json={"user_id": user, "text": text, "channel": "web"}, timeout=30)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def request_row(app: AppThread, reference: str) -> FlowRequest:
    with app.app.state.parts.store.session() as session:
        row = session.scalar(select(FlowRequest).where(FlowRequest.reference == reference))
        assert row is not None
        return row


def outbox_for(app: AppThread, channel: str, user: str) -> list[Outbound]:
    with app.app.state.parts.store.session() as session:
        return list(session.scalars(select(Outbound).where(Outbound.channel == channel, Outbound.recipient == user)
                                    .order_by(Outbound.id)).all())


def reference_in(text: str) -> str:
    return next(word.strip(".!،۔") for word in text.split() if word[:3] in ("BK-", "AP-", "TR-"))


def test_a_web_booking_reaches_the_receiver_once_signed_and_the_backend_answers(app: AppThread,
                                                                                 backend: Receiver) -> None:
    user = f"web-{uuid.uuid4().hex[:8]}"
    first = chat(app, user, "I want to book a meeting room at the Lahore STP tomorrow at 3pm for 4 people")
    assert first["flow"] == "booking" and first["intent"] == "booking"
    middle = chat(app, user, "where is the Lahore software technology park?")  # a question mid-flow
    assert middle["flow"] == "booking" and middle["reply"].rstrip().endswith("What is your name?")
    chat(app, user, "Bilal Ahmed")
    summary = chat(app, user, "+92 300 1234567")["reply"]
    assert "0300-***4567" in summary and "Meeting room" in summary
    done = chat(app, user, "yes")
    reference = reference_in(done["reply"])
    assert reference.startswith("BK-") and len(reference) == 9
    delivered = next(p for p in backend.wait_posts(1) if p.body.get("data", {}).get("reference") == reference)
    assert delivered.verified and delivered.path == "/bookings"
    assert delivered.body["type"] == "booking.requested" and delivered.body["data"]["fields"] == {
        "park": "stp-lahore", "item": "meeting_room", "date": (dt.datetime.now(KARACHI).date()
                                                              + dt.timedelta(days=1)).isoformat(),
        "time": "15:00", "people": 4, "name": "Bilal Ahmed", "phone": "+923001234567"}
    deadline = time.monotonic() + 10
    while request_row(app, reference).status != "accepted" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert request_row(app, reference).status == "accepted"
    notices = [row.text for row in outbox_for(app, "web", user)]
    assert any(reference in text and "reached" in text for text in notices)

    # the backend's answer: a bad signature changes nothing, a good one tells the user once
    body = json.dumps({"type": "booking.status", "data": {"reference": reference, "status": "confirmed",
                                                          "note": "See you at reception."}})
    forged = signed_headers("whsec_" + "QUJD" * 8, body)
    assert httpx.post(f"{app.base}/webhooks/backend/status", content=body, headers=forged).status_code == 401
    stale = signed_headers(backend.secret, body, timestamp=int(time.time()) - 3600)
    assert httpx.post(f"{app.base}/webhooks/backend/status", content=body, headers=stale).status_code == 401
    assert request_row(app, reference).status == "accepted"
    unknown = json.dumps({"reference": "BK-ZZZZZZ", "status": "confirmed"})
    assert httpx.post(f"{app.base}/webhooks/backend/status", content=unknown,
                      headers=signed_headers(backend.secret, unknown)).status_code == 404
    wrong = json.dumps({"reference": reference, "status": "accepted"})
    assert httpx.post(f"{app.base}/webhooks/backend/status", content=wrong,
                      headers=signed_headers(backend.secret, wrong)).status_code == 422
    good = signed_headers(backend.secret, body)
    for _ in range(2):
        answer = httpx.post(f"{app.base}/webhooks/backend/status", content=body, headers=good)
        assert answer.status_code == 200
    assert request_row(app, reference).status == "confirmed"
    told = [row.text for row in outbox_for(app, "web", user) if "confirmed" in row.text]
    assert told == [f"Good news: {reference} is confirmed. See you at reception."]
    assert len(backend.of(reference)) == 1


def test_a_whatsapp_application_in_roman_urdu_is_delivered_and_the_user_told(
        app: AppThread, twilio: FakeTwilio, backend: Receiver) -> None:
    sender = number()
    script = ["mujhe Lahore STP mein apply karna hai, main freelancer hoon", "mera naam Hina Tariq hai",
              "0321 7654321", "hina.t@gmail.com", "skip", "3 log", "2", "desk", "internet", "haan"]
    for n, text in enumerate(script, 1):
        whatsapp(app, twilio, sender, text)
        answers(twilio, sender, n)
    reference = reference_in(answers(twilio, sender, len(script))[-1].params["Body"])
    assert reference.startswith("AP-")
    posted = [p for p in backend.wait_posts(1) if p.body.get("data", {}).get("reference") == reference]
    deadline = time.monotonic() + 10
    while not posted and time.monotonic() < deadline:
        time.sleep(0.1)
        posted = backend.of(reference)
    assert len(posted) == 1 and posted[0].verified and posted[0].path == "/applications"
    assert posted[0].body["data"]["fields"] == {
        "park": "stp-lahore", "applicant": "freelancer", "name": "Hina Tariq", "phone": "+923217654321",
        "email": "hina.t@gmail.com", "team_size": 3, "field": "ai_data", "space": "desk", "subsidy": "internet"}
    assert posted[0].body["data"]["language"] == "roman_ur" and posted[0].body["data"]["channel"] == "whatsapp"
    told = answers(twilio, sender, len(script) + 1)[-1].params["Body"]
    assert reference in told and "pahunch" in told
    with app.app.state.parts.store.session() as session:
        assert session.scalar(select(FlowRequest.user_ref).where(FlowRequest.reference == reference)) == sender
        # the user last wrote 25 hours ago: the backend's answer waits for them (no template configured)
        session.execute(update(Inbound).where(Inbound.sender == sender)
                        .values(received_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)))
        session.commit()
    body = json.dumps({"reference": reference, "status": "rescheduled", "date": "2026-12-10", "time": "11:00"})
    answer = httpx.post(f"{app.base}/webhooks/backend/status", content=body,
                        headers=signed_headers(backend.secret, body))
    assert answer.status_code == 200
    deadline = time.monotonic() + 10
    while not [r for r in outbox_for(app, "whatsapp", sender) if r.status == "waiting"]:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert len(twilio.calls(lambda c: c.params.get("To") == sender)) == len(script) + 1
    whatsapp(app, twilio, sender, "shukriya")  # the window opens again: the news goes first
    bodies = [c.params["Body"] for c in answers(twilio, sender, len(script) + 3)]
    assert reference in bodies[-2] and "2026-12-10 11:00" in bodies[-2] and "badal" in bodies[-2]
    assert request_row(app, reference).data["date"] == "2026-12-10"


def test_a_telegram_booking_in_urdu_with_buttons(app: AppThread, telegram: FakeTelegram, backend: Receiver) -> None:
    chat_id = 20_000 + uuid.uuid4().int % 10**6

    def tg(update: dict[str, Any]) -> None:
        assert telegram.post_webhook(f"{app.base}/webhooks/telegram", update, SECRET) == 200

    tg(telegram.message_update(chat_id, "مجھے کل لاہور میں میٹنگ روم بک کرنا ہے"))
    first = sent_to(telegram, chat_id)[0].params
    assert "کس وقت" in first["text"]
    for n, text in enumerate(("شام 4 بجے", "3 افراد", "عائشہ", "03001234567"), 2):
        tg(telegram.message_update(chat_id, text))
        sent_to(telegram, chat_id, n)  # each answered before the next (quick ones would be read as one turn)
    summary = sent_to(telegram, chat_id, 5)[-1].params
    buttons = [row[0] for row in summary["reply_markup"]["inline_keyboard"]]
    assert [b["callback_data"] for b in buttons] == ["flow:yes:ur", "flow:cancel:ur"]
    assert buttons[0]["text"] == "جی ہاں، بھیج دیں"
    tg(telegram.callback_update(chat_id, "flow:yes:ur"))
    reference = reference_in(sent_to(telegram, chat_id, 6)[-1].params["text"])
    deadline = time.monotonic() + 10
    while not backend.of(reference) and time.monotonic() < deadline:
        time.sleep(0.1)
    (posted,) = backend.of(reference)
    assert posted.verified and posted.body["data"]["language"] == "ur"
    assert posted.body["data"]["fields"]["time"] == "16:00" and posted.body["data"]["fields"]["people"] == 3


def test_a_flow_defined_as_data_only_is_completed_and_delivered(app: AppThread, backend: Receiver) -> None:
    """"training enrolment" exists only as the YAML above (PARKBOT_FLOWS_FILE): no code of its own."""
    user = f"web-{uuid.uuid4().hex[:8]}"
    assert chat(app, user, "I want to enrol in a training")["flow"] == "training"
    chat(app, user, "python")
    chat(app, user, "Zara Sheikh")
    assert "0333-***6543" in chat(app, user, "03339876543")["reply"]
    reference = reference_in(chat(app, user, "yes")["reply"])
    assert reference.startswith("TR-")
    deadline = time.monotonic() + 10
    while not backend.of(reference) and time.monotonic() < deadline:
        time.sleep(0.1)
    (posted,) = backend.of(reference)
    assert posted.path == "/other" and posted.body["type"] == "training.enrolment"
    assert posted.body["data"]["fields"] == {"course": "python", "name": "Zara Sheikh", "phone": "+923339876543"}


def test_what_is_stored_and_delete_my_data_through_the_users_own_channel(app: AppThread) -> None:
    # the chat page's visitor: a signed session cookie, the web's proof of identity (marked Secure, as the app's
    # public URL is https; sent here by hand over the loopback's plain http)
    cookie = httpx.get(f"{app.base}/", timeout=30).cookies["parkbot_session"]

    def say(text: str) -> dict[str, Any]:
        response = httpx.post(f"{app.base}/api/chat", json={"text": text, "channel": "web"}, timeout=30,
                              headers={"Cookie": f"parkbot_session={cookie}"})
        assert response.status_code == 200, response.text
        return dict(response.json())

    say("desk book karna hai Lahore mein parson 11 bajay 2 log")
    say("Imran")
    say("03001112223")
    reference = reference_in(say("haan")["reply"])
    stored = say("mera data kya store hai?")
    assert stored["intent"] == "privacy" and reference in stored["reply"] and "0300-***2223" in stored["reply"]
    assert "03001112223" not in stored["reply"]
    other = chat(app, f"web-{uuid.uuid4().hex[:8]}", "what do you store about me?")
    assert reference not in other["reply"]  # nobody reaches another user's data
    deadline = time.monotonic() + 10
    while request_row(app, reference).status != "accepted" and time.monotonic() < deadline:
        time.sleep(0.1)
    deleted = say("mera data delete karo")
    assert "Delete kar diya" in deleted["reply"] and reference in deleted["reply"]  # kept: the backend has it
    # (as new users typed it: "what data do u have on me" and "wat do you store about me" were out of scope)
    for text in ("delete my data", "میرا ڈیٹا حذف کریں", "what data do u have on me", "wat do you store about me"):
        assert chat(app, f"web-{uuid.uuid4().hex[:8]}", text)["intent"] == "privacy", text


def test_an_api_user_id_can_neither_read_nor_erase_stored_data(app: AppThread) -> None:
    """Anybody can type a user id into POST /api/chat: it books, but it is no proof of who is asking."""
    user = f"web-{uuid.uuid4().hex[:8]}"
    for text in ("desk book karna hai Lahore mein parson 11 bajay 2 log", "Imran", "03001112223"):
        chat(app, user, text)
    reference = reference_in(chat(app, user, "haan")["reply"])
    for text in ("mera data kya store hai?", "what do you store about me?", "mera data delete karo"):
        reply = chat(app, user, text)
        assert reply["intent"] == "privacy" and reference not in reply["reply"] and "***" not in reply["reply"]
    assert request_row(app, reference).data.get("phone")  # nothing was erased


def test_a_question_about_applying_is_still_answered_from_the_knowledge(app: AppThread) -> None:
    answer = chat(app, f"web-{uuid.uuid4().hex[:8]}", "How do I apply for office space in an STP?")
    assert answer["flow"] is None and answer["sources"]


def test_an_unfinished_flow_is_forgotten_after_a_day() -> None:
    fresh = SimpleNamespace(context={"flow": {"name": "booking", "at": time.time() - 60}})
    stale = SimpleNamespace(context={"flow": {"name": "booking", "at": time.time() - FLOW_TTL - 60}})
    assert FlowRoute._running(fresh)  # type: ignore[arg-type]
    assert not FlowRoute._running(stale) and "flow" not in stale.context  # type: ignore[arg-type]


def delivered_fields(backend: Receiver, reference: str) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while not backend.of(reference) and time.monotonic() < deadline:
        time.sleep(0.05)
    (posted,) = backend.of(reference)
    assert posted.verified
    fields: dict[str, Any] = posted.body["data"]["fields"]
    return fields


def test_web_application_in_urdu_and_booking_in_roman_urdu(app: AppThread, backend: Receiver) -> None:
    user = f"web-{uuid.uuid4().hex[:8]}"
    for text in ("مجھے اسلام آباد میں درخواست دینی ہے", "کمپنی", "میرا نام احمد رضا ہے", "0321 7654321",
                 "ahmad@codecraft.pk", "35202-1234567-1", "12 افراد", "سافٹ ویئر", "دفتر", "دونوں"):
        reply = chat(app, user, text)
        assert reply["language"] == "ur" and reply["flow"] == "application", reply
    assert "35202-*******-1" in reply["reply"] and "a***@codecraft.pk" in reply["reply"]
    reference = reference_in(chat(app, user, "جی ہاں")["reply"])
    assert delivered_fields(backend, reference) == {
        "park": "stp-islamabad", "applicant": "company", "name": "احمد رضا", "phone": "+923217654321",
        "email": "ahmad@codecraft.pk", "cnic": "35202-1234567-1", "team_size": 12, "field": "software",
        "space": "office", "subsidy": "both"}
    user = f"web-{uuid.uuid4().hex[:8]}"
    for text in ("parson subah 10 bajay Faisalabad mein visit book karna hai", "rent kitna hai?", "do log",
                 "mera naam Usman Ali hai", "0345 1234567"):
        assert chat(app, user, text)["language"] == "roman_ur"
    reference = reference_in(chat(app, user, "theek hai")["reply"])
    today = dt.datetime.now(KARACHI).date()
    assert delivered_fields(backend, reference) == {
        "park": "stp-faisalabad", "item": "visit", "date": (today + dt.timedelta(days=2)).isoformat(),
        "time": "10:00", "people": 2, "name": "Usman Ali", "phone": "+923451234567"}


def test_telegram_application_in_english_chosen_with_buttons(app: AppThread, telegram: FakeTelegram,
                                                            backend: Receiver) -> None:
    chat_id = 30_000 + uuid.uuid4().int % 10**6
    steps: list[tuple[str, str | None]] = [
        ("I want to apply for the Sialkot software park", None), ("", "flow:freelancer:en"), ("Sana Iqbal", None),
        ("+92 333 1112223", None), ("sana.i@outlook.com", None), ("skip", None), ("just 1", None),
        ("", "flow:design:en"), ("", "flow:desk:en"), ("", "flow:internet:en"), ("", "flow:yes:en")]
    for n, (text, press) in enumerate(steps, 1):
        update = telegram.callback_update(chat_id, press) if press else telegram.message_update(chat_id, text)
        assert telegram.post_webhook(f"{app.base}/webhooks/telegram", update, SECRET) == 200
        sent = sent_to(telegram, chat_id, n)[-1].params
    reference = reference_in(sent["text"])
    assert delivered_fields(backend, reference) == {
        "park": "stp-sialkot", "applicant": "freelancer", "name": "Sana Iqbal", "phone": "+923331112223",
        "email": "sana.i@outlook.com", "team_size": 1, "field": "design", "space": "desk", "subsidy": "internet"}


def test_personal_details_typed_in_a_flow_are_stored_masked_in_the_conversation(app: AppThread) -> None:
    from bot.storage.models import Conversation, Message, User

    user = f"web-{uuid.uuid4().hex[:8]}"
    chat(app, user, "book a desk at Lahore STP tomorrow at 11am for 2 people")
    chat(app, user, "Nida")
    chat(app, user, "my number is 0300-7654321")
    with app.app.state.parts.store.session() as session:
        texts = session.scalars(select(Message.text).join(Conversation, Message.conversation_id == Conversation.id)
                                .join(User, Conversation.user_id == User.id).where(User.external_id == user)).all()
    assert any("0300-***4321" in t for t in texts) and not any("7654321" in t for t in texts)


def test_a_question_in_the_middle_of_a_booking_keeps_the_place_it_names(bundled: Knowledge) -> None:
    """The flow route answers a mid-flow question through the question route; the place it names (Multan,
    where our sources list no park) must reach it as for any question."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    bot.handle(InboundMessage("web", user, "I want to book a meeting room"))
    reply = bot.handle(InboundMessage("web", user, "is there an stp in multan?"))
    assert reply.flow == "booking" and "Multan" in reply.reply, reply.reply


@pytest.mark.parametrize(("said", "asked", "expected"), [
    ("کل 11 بجے 2 لوگوں کے لیے میٹنگ روم", None, 2), ("3 of us", None, 3), ("just me", "people", 1),
    ("sirf main", "people", 1), ("میں اکیلی ہوں", "people", 1)])
def test_how_many_people_as_people_say_it(engine: FlowEngine, said: str, asked: str | None, expected: int) -> None:
    """"2 لوگوں کے لیے" (the plural's oblique form) was not read, and "just me" got "Please give a number from 1 to
    50"."""
    found, problems = engine.read(engine.flows["booking"], said, "en", asking=asked)
    assert found.get("people") == expected and not problems


@pytest.mark.parametrize("said", ["cancel mat karo, bhej do", "don't cancel it", "منسوخ نہ کریں، بھیج دیں"])
def test_a_cancel_said_not_to_cancel_keeps_the_booking(engine: FlowEngine, said: str) -> None:
    """A review of the cancel words: "cancel mat karo, bhej do" at the summary cancelled the booking."""
    outcome = talk(engine, "booking", ["desk book karna hai Lahore kal 3 bajay 2 log", "Ali", "03001234567", said])[-1]
    assert not outcome.cancelled and outcome.state is not None, outcome.text


@pytest.mark.parametrize(("said", "field", "value"), [
    ("kal chhodo, parson rakh lo", "date", "2026-11-29"), ("cancel that, 4pm", "time", "16:00"),
    ("office khatam karke 5 baje", "time", "17:00")])
def test_a_stop_word_with_a_new_value_is_a_correction(engine: FlowEngine, said: str, field: str, value: str) -> None:
    outcome = talk(engine, "booking", ["desk book karna hai Lahore kal", said])[-1]
    assert not outcome.cancelled and outcome.state is not None and outcome.state["values"][field] == value


@pytest.mark.parametrize(("said", "time"), [("saade teen baje", "15:30"), ("sawa teen baje", "15:15"),
                                            ("paune das baje", "09:45"), ("ساڑھے دس بجے", "10:30"),
                                            ("پونے دس بجے", "09:45"), ("teen baje 4 log", "15:00")])
def test_half_and_quarter_hours_as_said(engine: FlowEngine, said: str, time: str) -> None:
    """"saade teen baje" (half past three) was booked for 3:00."""
    assert engine.read(engine.flows["booking"], said, "roman_ur", asking="time")[0]["time"] == time


def test_counts_and_names_that_look_like_each_other(engine: FlowEngine) -> None:
    """"kis terah batayen" ("how do I say", misspelt) was 13 people; "twenty five" was 20; "انیس" (Anees) and "Das"
    were refused as names; "Imran Khan, company name: Techno" was saved as "Techno"."""
    booking = engine.flows["booking"]
    assert engine.read(booking, "kis terah batayen", "roman_ur", asking="people")[0] == {}
    assert engine.read(booking, "twenty five", "en", asking="people")[0] == {"people": 25}
    assert engine.read(booking, "teen, main aur do colleagues", "roman_ur", asking="people")[0] == {"people": 3}
    for name in ("انیس", "Das", "Anees"):
        assert engine.read(booking, name, "ur", asking="name")[0] == {"name": name}
    assert engine.read(booking, "Imran Khan, company name: Techno", "en", asking="name")[0] != {"name": "Techno"}


def test_a_day_just_gone_across_the_new_year_is_past() -> None:
    january = FlowEngine(bundled_flows(), Directory.load(BUNDLED_KNOWLEDGE),
                         clock=lambda: dt.datetime(2027, 1, 3, 12, 0, tzinfo=KARACHI))
    found, problems = january.read(january.flows["booking"], "28 dec", "en", asking="date")
    assert not found and problems[0][1].problem == "flow_date_past"
    assert january.read(january.flows["booking"], "5 jan", "en", asking="date")[0] == {"date": "2027-01-05"}


@pytest.mark.parametrize(("back", "lang"), [("back", "en"), ("go back", "en"), ("wapis jao", "roman_ur"),
                                            ("پیچھے جائیں", "ur")])
def test_back_asks_the_previous_question_again(engine: FlowEngine, back: str, lang: Any) -> None:
    """"back", "wapis jao" and "پیچھے جائیں" got "couldn't read that time" or "a number from 1 to 50"."""
    said = talk(engine, "booking", ["desk book karna hai lahore stp", "kal", back, "parson"], lang)
    assert said[2].state is not None and said[2].state["asking"] == "date" and "date" not in said[2].state["values"]
    assert said[3].state is not None and said[3].state["values"]["date"] == "2026-11-29"
    at_summary = talk(engine, "booking", ["desk book karna hai lahore stp kal 3 baje 2 log", "Ali", "03001234567",
                                          back], lang)[-1]
    assert at_summary.state is not None and at_summary.state["asking"] == "phone" and not at_summary.cancelled


@pytest.mark.parametrize(("said", "expected"), [("the 6th", "2026-12-06"), ("sorry the 6th", "2026-12-06"),
                                                ("6th", "2026-12-06"), ("on the 30th", "2026-11-30"),
                                                ("5 tareekh ko", "2026-12-05"), ("5 تاریخ کو", "2026-12-05"),
                                                ("the 5th of december", "2026-12-05")])
def test_a_day_of_the_month_said_alone_is_the_next_such_day(engine: FlowEngine, said: str, expected: str) -> None:
    """New users' "sorry the 6th" was "I couldn't read that date" and "the 6th" on 28 November "has already passed"."""
    found, problems = engine.read(engine.flows["booking"], said, "en", asking="date")
    assert found == {"date": expected} and not problems


@pytest.mark.parametrize("said", ["ok haan confirm kro", "haan bhej do", "yes please"])
def test_a_reply_to_the_bot_is_no_name(engine: FlowEngine, said: str) -> None:
    """"ok haan confirm kro" typed at the name question was saved as the name "Ok Haan Confirm Kro"."""
    assert engine.read(engine.flows["booking"], said, "roman_ur", asking="name")[0] == {}


@pytest.mark.parametrize(("said", "lang"), [("shukriya", "roman_ur"), ("شکریہ", "ur"), ("ٹھیک ہے آگے چلیں", "ur"),
                                            ("ok", "en")])
def test_thanks_or_ok_between_questions_asks_again_without_an_error(engine: FlowEngine, said: str, lang: Any) -> None:
    """"شکریہ" at the park question got "I don't know this park" (and the list again, four times in one chat)."""
    asked = talk(engine, "booking", ["meeting room book karna hai", said], lang)
    assert asked[1].state is not None and asked[1].state["asking"] == "park" and not asked[1].failed, asked[1].text
    assert asked[1].text.split("\n")[0] == asked[0].text.split("\n\n")[-1].split("\n")[0], asked[1].text


def test_for_a_number_at_the_end_of_a_booking_is_how_many_people(engine: FlowEngine) -> None:
    """"book a desk at lahore stp tomorrow 10am for 2" asked "How many people?"."""
    booking = engine.flows["booking"]
    assert engine.read(booking, "book a desk at lahore stp tomorrow 10am for 2", "en", asking=None)[0]["people"] == 2
    assert "people" not in engine.read(booking, "for 2 hours", "en", asking=None)[0]
    assert "people" not in engine.read(booking, "meeting room for 2 pm", "en", asking=None)[0]


def test_people_said_at_the_time_question_are_people_and_said_to_be_kept(engine: FlowEngine) -> None:
    """A new user's "three of us" at the time question was kept silently (the question just came again), and
    "actually no 4 people" then became the time, 4:00 pm."""
    said = talk(engine, "booking", ["book a desk at the karachi stp next monday", "three of us",
                                    "actually no 4 people"], "en")
    assert said[0].state is not None and said[0].state["asking"] == "time"
    assert said[1].text.startswith("Noted: People: 3.") and said[1].state is not None
    assert said[1].state["asking"] == "time"
    assert said[2].text.startswith("Updated: People: 4.") and said[2].state is not None
    assert said[2].state["values"].get("people") == 4 and "time" not in said[2].state["values"]


@pytest.mark.parametrize(("said", "expected"), [("tomorrow, its the 1st time i come", "2026-11-28"),
                                                ("kal, we are on the 3rd floor", "2026-11-28"),
                                                ("next friday, not the 1st", "2026-12-04")])
def test_an_ordinal_that_is_no_date_leaves_the_date_said(engine: FlowEngine, said: str, expected: str) -> None:
    """Review of the day-of-month reading: "the 1st time", "the 3rd floor", "not the 1st" were taken as dates."""
    assert engine.read(engine.flows["booking"], said, "en", asking="date")[0] == {"date": expected}


@pytest.mark.parametrize(("said", "name"), [("ji, Ali Khan", "Ali Khan"), ("Ali Khan please", "Ali Khan"),
                                            ("haan Ali Raza", "Ali Raza"), ("جی علی خان", "علی خان")])
def test_a_name_with_a_yes_or_a_please_is_the_name(engine: FlowEngine, said: str, name: str) -> None:
    assert engine.read(engine.flows["booking"], said, "roman_ur", asking="name")[0] == {"name": name}


@pytest.mark.parametrize(("said", "people"), [("me and 2 colleagues", 3), ("main aur 3 dost", 4),
                                              ("میں اور دو ساتھی", 3), ("2 friends and me", 3),
                                              ("mere saath 2 log", 3), ("5 colleagues", 5), ("hum 4 log", 4)])
def test_the_speaker_and_others_are_counted_together(engine: FlowEngine, said: str, people: int) -> None:
    """A new user's "me and 2 colleagues" at "How many people?" was saved as People: 2."""
    assert engine.read(engine.flows["booking"], said, "en", asking="people")[0] == {"people": people}


@pytest.mark.parametrize(("said", "lang"), [("parson 2 bjay", "roman_ur"), ("day after tomorrow at 2 pm", "en"),
                                            ("پرسوں 2 بجے", "ur")])
def test_a_time_said_at_the_park_question_is_no_park_number(engine: FlowEngine, said: str, lang: Any) -> None:
    """"parson 2 bjay" at the park list booked the Gilgit park (option 2) and lost the time ("bjay" was not read)."""
    said_then = talk(engine, "booking", ["meeting room book karna hai", said], lang)
    state = said_then[1].state
    assert state is not None and "park" not in state["values"], said_then[1].text
    assert state["values"].get("time") == "14:00" and state["asking"] == "park", state


@pytest.mark.parametrize(("said", "park"), [
    ("2", "gilgit-sco-technology-park"), ("no. 8", "stp-faisalabad"), ("8 wala", "stp-faisalabad"),
    ("option 2 plz", "gilgit-sco-technology-park")])
def test_a_park_chosen_by_its_number(engine: FlowEngine, said: str, park: str) -> None:
    options = engine.options(engine.flows["booking"].field("park"), "en")
    assert [value for value, _ in options][int("".join(c for c in said if c.isdigit())) - 1] == park
    said_then = talk(engine, "booking", ["book a desk", said], "en")
    assert said_then[1].state is not None and said_then[1].state["values"].get("park") == park, said_then[1].text


@pytest.mark.parametrize(("turns", "lang", "shown"), [
    (["faisalabad stp ke bare me batao", "mje wahan meeting room book karna hy"], "roman_ur", "Faisalabad"),
    (["tell me about the gilgit park", "can i visit it"], "en", "Gilgit"),
    (["لاہور ایس ٹی پی کے بارے میں بتائیں", "مجھے وہاں ڈیسک بک کرنی ہے"], "ur", "لاہور"),
])
def test_a_booking_that_points_at_the_park_just_talked_about_starts_with_it(bundled: Knowledge, turns: list[str],
                                                                            lang: str, shown: str) -> None:
    """"mje wahan meeting room book karna hy" after the Faisalabad STP got the list of eleven parks, and the
    head count said next was answered "I don't know that park"; now the park is taken and said."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    bot.handle(InboundMessage("web", user, turns[0]))
    reply = bot.handle(InboundMessage("web", user, turns[1]))
    assert reply.flow == "booking" and reply.language == lang, reply.reply
    noted, asked = reply.reply.split("\n\n")[1:3]
    assert shown in noted and "1." not in asked, reply.reply


def test_a_man_pointing_at_the_women_only_park_is_told_why_not(bundled: Knowledge) -> None:
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    bot.handle(InboundMessage("web", user, "bagh park ke bare me batao"))
    reply = bot.handle(InboundMessage("web", user, "main larka hun, wahan desk book karni hai"))
    assert reply.flow == "booking" and "khawateen" in reply.reply and "\n1. " in reply.reply, reply.reply


@pytest.mark.parametrize(("said", "lang"), [("aaj subah 10 bajay lahore stp desk", "roman_ur"),
                                            ("desk at the lahore stp today at 11am", "en"),
                                            ("آج صبح 10 بجے لاہور ایس ٹی پی میں ڈیسک", "ur")])
def test_a_time_today_that_has_passed_is_asked_again(engine: FlowEngine, said: str, lang: Any) -> None:
    """"آج صبح 10 بجے" said at 13:46 was delivered for 10:00 that morning; the clock here is Friday 17:00."""
    first = talk(engine, "booking", [said], lang)[0]
    assert first.state is not None and "time" not in first.state["values"] and first.state["asking"] == "time"
    assert say("flow_time_past", lang) in first.text
    later = engine.step(first.state, "6 pm", lang, "web")
    assert later.state is not None and later.state["values"]["time"] == "18:00", later.text


@pytest.mark.parametrize(("turns", "lang"), [
    (["bagh park me visit book karni hai", "kal 11 bje", "2, me and my brother"], "roman_ur"),
    (["book a visit at bagh park tomorrow 11am", "btw im a guy"], "en"),
    (["میں اور میرا بھائی باغ پارک دیکھنے آنا چاہتے ہیں"], "ur")])
def test_a_man_coming_along_is_told_and_not_offered_the_womens_park_again(engine: FlowEngine, turns: list[str],
                                                                          lang: Any) -> None:
    """"2, me and my brother" reached the summary at the Bagh park; "btw im a guy" at the head count got "give a
    number from 1 to 50"; after the refusal the list offered the Bagh park again as option 1."""
    said = talk(engine, "booking", turns, lang)[-1]
    assert said.state is not None and "park" not in said.state["values"] and said.state["asking"] == "park"
    bagh = engine.directory.park("bagh-women-stp") if engine.directory else None
    assert bagh is not None and bagh.name(lang) in said.text.split("\n\n")[-2], said.text
    assert bagh.name(lang) not in said.text.split("\n\n")[-1], said.text
    again = engine.step(said.state, "1", lang, "web")
    assert again.state is not None and again.state["values"].get("park") != "bagh-women-stp", again.text


@pytest.mark.parametrize(("said", "lang"), [("email nahi hai mera", "roman_ur"), ("i don't have one", "en"),
                                            ("نہیں دینا", "ur")])
def test_none_to_give_skips_an_optional_question(engine: FlowEngine, said: str, lang: Any) -> None:
    """"email nahi hai mera" at the optional email got "that is not an email" again and again."""
    spec = engine.flows["application"]
    optional = [f for f in spec.fields if f.ask and not f.required]
    assert optional, "the application has optional questions"
    state: dict[str, Any] = {"name": "application", "values": {}, "skipped": [], "asking": optional[0].name}
    after = engine.step(state, said, lang, "web")
    assert after.state is not None and optional[0].name in after.state["skipped"], after.text


def test_renting_an_office_is_no_rent_subsidy_chosen(engine: FlowEngine) -> None:
    """"اسلام آباد ایس ٹی پی میں دفتر کرایہ پر لینا ہے" put "Rent subsidy" in the application's summary, never asked."""
    said = talk(engine, "application", ["اسلام آباد ایس ٹی پی میں دفتر کرایہ پر لینا ہے، درخواست دینی ہے"], "ur")[0]
    assert said.state is not None and "subsidy" not in said.state["values"], said.state
    asked = {"name": "application", "values": {}, "skipped": [], "asking": "subsidy"}
    for answer, value in (("rent", "rent"), ("کرایہ", "rent"), ("internet wali", "internet")):
        after = engine.step(dict(asked, values={}), answer, "roman_ur", "web")
        assert after.state is not None and after.state["values"].get("subsidy") == value, (answer, after.text)


@pytest.mark.parametrize(("said", "name"), [("naam Ali Raza 0300 1234567", "Ali Raza"),
                                            ("نام شاہد گلگتی نمبر 03551234567", "شاہد گلگتی"),
                                            ("نام عائشہ ملک، نمبر 03001234567", "عائشہ ملک"),
                                            ("Hina Shah 0312-1234567", "Hina Shah")])
def test_a_name_sent_with_the_number_is_kept(engine: FlowEngine, said: str, name: str) -> None:
    """The number was kept and the name asked again ("naam Ali Raza 0300...", "Hina Shah 0312-...")."""
    found, problems = engine.read(engine.flows["booking"], said, "roman_ur", asking="name")
    assert found.get("name") == name and found.get("phone", "").startswith("+92") and not problems, (found, problems)


@pytest.mark.parametrize(("said", "lang"), [("is there parking there?", "en"), ("wahan parking hai?", "roman_ur")])
def test_a_facility_asked_mid_booking_is_answered_not_called_out_of_scope(bundled: Knowledge, said: str,
                                                                         lang: str) -> None:
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    bot.handle(InboundMessage("web", user, "lahore stp me meeting room book karni hai"))
    reply = bot.handle(InboundMessage("web", user, said))
    assert reply.flow == "booking" and reply.sources and reply.sources[0]["id"] == "faq:faq-everyday-facilities", \
        reply.reply
    assert say("out_of_scope", lang) not in reply.reply


@pytest.mark.parametrize("said", ["آپ کے پاس میرا کیا ڈیٹا ہے", "aap ke paas mera kya data hai",
                                  "what data do you have about me"])
def test_what_is_stored_about_me_in_three_scripts(bundled: Knowledge, said: str) -> None:
    """"آپ کے پاس میرا کیا ڈیٹا ہے" got "I only help with the parks"."""
    bot = build_assistant(bundled.settings, bundled)
    reply = bot.handle(InboundMessage("web", f"web-{uuid.uuid4().hex[:8]}", said))
    assert reply.intent == "privacy" and reply.language == detect(said), reply.reply


@pytest.mark.parametrize(("said", "expected"), [
    ("subha 10 hi rakho", {"time": "10:00"}), ("agle jumma shaam 5", {"date": "2026-12-04", "time": "17:00"}),
    ("شام 5", {"time": "17:00"}), ("shaam 5 log aayenge", {"people": 5})])
def test_a_part_of_the_day_with_an_hour_is_a_time(engine: FlowEngine, said: str, expected: dict[str, Any]) -> None:
    """"subha 10 hi rakho" at the summary was not understood and the booking went out at 14:00; "agle jumma shaam 5"
    kept the Friday and lost the time."""
    found, problems = engine.read(engine.flows["booking"], said, "roman_ur", asking="confirm")
    assert found == expected and not problems, (found, problems)


def test_a_second_yes_after_a_saved_request_is_told_the_request_not_handed_over(bundled: Knowledge) -> None:
    """A double-tapped "haan" after "Done! ... BK-..." got "not in my sources, shall I get a person?", and the
    next "haan" handed the chat to the staff queue."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    for text in ["lahore stp me kal 11 bje desk book karni hai 1 banda", "Ali Khan", "03001234567"]:
        bot.handle(InboundMessage("web", user, text))
    done = bot.handle(InboundMessage("web", user, "haan"))
    reference = reference_in(done.reply)
    for _ in range(2):
        again = bot.handle(InboundMessage("web", user, "haan"))
        assert reference in again.reply and not again.escalated and not again.choices, again.reply


def test_a_second_yes_through_the_api_is_acknowledged_not_offered_a_person(bundled: Knowledge) -> None:
    """Through /api/chat (a typed user id, so the reference is not told again) a second "yes" after "Done!" got "I
    don't have that in my sources ... connect you with a person?", and a third put the chat in the staff queue."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"api-{uuid.uuid4().hex[:8]}"
    for text in ["lahore stp me kal 11 bje desk book karni hai 1 banda", "Ali Khan", "03001234567", "haan"]:
        bot.handle(InboundMessage("web", user, text, verified=False))
    for _ in range(2):
        again = bot.handle(InboundMessage("web", user, "yes", verified=False))
        assert not again.escalated and not again.choices and again.intent == "acknowledged", again.reply


def test_after_the_refusal_a_booking_for_his_sister_may_be_at_the_womens_park(engine: FlowEngine) -> None:
    """"میری بہن کے لیے کر دیں، وہ اکیلی جائے گی" after the refusal was refused again, with no way forward."""
    said = talk(engine, "booking", ["bagh park me visit book karni hai", "kal 11 bje", "2, me and my brother",
                                    "acha phir behan ke liye kar dein, wo akeli jayegi, bagh park"])
    last = said[-1]
    assert last.state is not None and last.state["values"].get("park") == "bagh-women-stp", last.text


@pytest.mark.parametrize(("said", "park_index"), [("ok 7", 7), ("ji 2", 2)])
def test_a_number_with_an_ok_chooses(engine: FlowEngine, said: str, park_index: int) -> None:
    """"ok 7" at the park question got "I don't know that park"."""
    options = [value for value, _ in engine.options(engine.flows["booking"].field("park"), "en")]
    said_then = talk(engine, "booking", ["book a desk", said], "en")
    assert said_then[1].state is not None and said_then[1].state["values"].get("park") == options[park_index - 1]


def test_an_urdu_summary_says_the_time_as_urdu_speakers_do(engine: FlowEngine) -> None:
    field = engine.flows["booking"].field("time")
    assert [engine.display(field, t, "ur") for t in ("10:00", "14:30", "17:00", "20:00")] == [
        "صبح 10 بجے", "دوپہر 2:30 بجے", "شام 5 بجے", "رات 8 بجے"]
    assert engine.display(field, "17:00", "en") == "5:00 pm"


def test_a_yes_typed_into_the_api_under_someone_elses_id_shows_no_reference(bundled: Knowledge) -> None:
    """The "haan" after a saved request tells its reference only on a verified channel: a user id typed into the API
    is nobody's proof of identity."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    for text in ["lahore stp me kal 11 bje desk book karni hai 1 banda", "Ali Khan", "03001234567"]:
        bot.handle(InboundMessage("web", user, text))
    reference = reference_in(bot.handle(InboundMessage("web", user, "haan")).reply)
    typed = bot.handle(InboundMessage("web", user, "haan", verified=False))
    assert reference not in typed.reply and "BK-" not in typed.reply and "Ali" not in typed.reply, typed.reply


# -- session 21: what new users did to bookings and applications ---------------------------------------------------
@pytest.mark.parametrize(("said", "lang"), [("کرایہ اور انٹرنیٹ دونوں", "ur"), ("rent aur internet dono", "roman_ur"),
                                            ("rent and internet please", "en")])
def test_both_subsidies_named_choose_both(engine: FlowEngine, said: str, lang: Any) -> None:
    """"rent and internet please" was sent to the backend as the internet subsidy alone (the longest word won)."""
    found, problems = engine.read(engine.flows["application"], said, lang, asking="subsidy")
    assert found == {"subsidy": "both"} and not problems


def test_a_parks_name_chooses_no_field_of_work(engine: FlowEngine) -> None:
    """"apply for space at lahore software technology park, we are a company, design agency" was sent with "Field of
    work: Software development" (from the park's name), and the field was never asked."""
    first = talk(engine, "application", ["apply for space at lahore software technology park, we are a company, "
                                         "design agency"], "en")[0]
    assert first.state is not None and first.state["values"].get("field") == "design", first.state
    urdu = talk(engine, "application", ["لاہور سافٹ ویئر ٹیکنالوجی پارک میں دفتر کے لیے درخواست دینی ہے"], "ur")[0]
    assert urdu.state is not None and "field" not in urdu.state["values"], urdu.state


@pytest.mark.parametrize(("field", "said", "value"), [("space", "no meeting room needed, a desk", "desk"),
                                                     ("subsidy", "internet, rent abhi nahi", "internet"),
                                                     ("subsidy", "rent not needed, internet yes", "internet")])
def test_an_option_said_with_a_not_is_not_chosen(engine: FlowEngine, field: str, said: str, value: str) -> None:
    spec = engine.flows["application"] if field == "subsidy" else engine.flows["booking"]
    found, _ = engine.read(spec, said, "en", asking="item" if field == "space" else field)
    assert found == {"item" if field == "space" else field: value}, found


def test_a_correction_asked_with_a_question_at_the_summary_is_taken_and_a_sunday_is_said(engine: FlowEngine) -> None:
    """At the summary "sunday ko to band hoga na? 21 dec kar do" got "I only help with the parks" and the booking went
    out for Sunday 20 Dec, which nothing had remarked on."""
    said = talk(engine, "booking", ["pindi wale park ka visit karna hai", "15 dec", "subah 11 baje", "hum 4 log hain",
                                    "Imran Khan 0345 6789012", "date change kar do 20 dec",
                                    "sunday ko to band hoga na? 21 dec kar do"])
    assert said[-2].text.startswith(say("flow_date_sunday", "roman_ur", day="20 Dec")), said[-2].text
    assert said[-1].state is not None and said[-1].state["values"]["date"] == "2026-12-21", said[-1].text


@pytest.mark.parametrize(("said", "lang"), [("need a desk at the bagh park on 15 dec 10am, just me", "en"),
                                            ("bagh park me 15 dec 10 bje desk chahiye sirf main", "roman_ur")])
def test_the_women_only_park_is_said_when_it_is_chosen(engine: FlowEngine, said: str, lang: Any) -> None:
    """Bilal booked a desk at the Bagh park and reached the summary without a word that it is for women only."""
    first = talk(engine, "booking", [said], lang)[0]
    park = engine.directory.park("bagh-women-stp") if engine.directory else None
    assert park is not None and say("flow_women_only", lang, park=park.name(lang)) in first.text, first.text
    assert first.state is not None and first.state["values"].get("people") == 1, first.state


@pytest.mark.parametrize(("turns", "name"), [
    (["need a desk at the lahore stp on 15 dec 10am, just me. Im Bilal Ahmed 03451112233"], "Bilal Ahmed"),
    (["lahore stp desk 15 dec 10am 1 person, my name is Bilal 03451112233", "change name to Usman Tariq"],
     "Usman Tariq"),
    (["لاہور ایس ٹی پی میں 15 دسمبر کو 11 بجے ڈیسک بک کرنی ہے", "2", "فاطمہ زہرا، 0301-5554443"], "فاطمہ زہرا"),
])
def test_a_name_as_people_give_it_is_kept(engine: FlowEngine, turns: list[str], name: str) -> None:
    """"Im Bilal Ahmed", "change name to Usman Tariq" (at the summary) and a name before an Urdu comma were lost."""
    last = talk(engine, "booking", turns, "ur" if "لاہور" in turns[0] else "en")[-1]
    assert last.state is not None and last.state["values"].get("name") == name, last.text


@pytest.mark.parametrize("said", ["This is Perfect, send it", "I'm Fine, thanks", "naam theek hai, date change kar do"])
def test_words_at_the_summary_are_no_new_name(engine: FlowEngine, said: str) -> None:
    """A review found "This is Perfect, send it" renamed the booker "Perfect" at the summary."""
    last = talk(engine, "booking", ["lahore stp desk 15 dec 11am 2 people, my name is Bilal Khan 03001234567", said],
                "en")[-1]
    assert last.state is None or last.state["values"].get("name") == "Bilal Khan", last.text


def test_a_longer_cancel_at_the_summary_cancels(engine: FlowEngine) -> None:
    said = talk(engine, "booking", ["lahore stp desk 15 dec 10am 1 person, my name is Bilal 03451112233",
                                    "actually cancel it, we will do it some other time pls"], "en")
    assert said[-1].cancelled and said[-1].state is None, said[-1].text


def test_applying_with_a_desk_in_mind_is_an_application() -> None:
    """"quetta stp me apply karna hai, company hain, 4 log, ecommerce, desk chahiye" started a desk booking."""
    from bot.conversation.intents import classify
    assert classify("quetta stp me apply karna hai, company hain, 4 log, ecommerce, desk chahiye").name == "application"
    assert classify("book a desk at quetta stp, we want to apply later").name == "booking"


@pytest.mark.parametrize(("switch", "lang"), [
    ("actually no, i want to apply for the rent subsidy for my startup instead", "en"),
    ("actually mujhe wahan apply karna hai booking nahi", "roman_ur")])
def test_a_booking_changed_into_an_application_keeps_the_park(bundled: Knowledge, switch: str, lang: Any) -> None:
    """"actually no, i want to apply for the rent subsidy for my startup instead" in a booking got "I couldn't read
    that date"; so did "actually mujhe wahan apply karna hai booking nahi" ("booking" read as the booking wanted)."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    bot.handle(InboundMessage("web", user, "hey can i book a desk in rawalpindi"))
    reply = bot.handle(InboundMessage("web", user, switch))
    assert reply.flow == "application" and reply.reply.startswith(say("flow_switched", lang)), reply.reply
    assert "Rawalpindi" in reply.reply, reply.reply


def test_a_draft_handed_to_a_person_after_misunderstandings_is_kept(bundled: Knowledge) -> None:
    """After three "I didn't get that" a person was called in and the draft was dropped: "back to bot", "yes" got
    "I don't have that in my sources"."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    for text in ["book a desk at quetta stp", "tomorrow", "xyz", "abc"]:
        bot.handle(InboundMessage("web", user, text))
    handed = bot.handle(InboundMessage("web", user, "qqq"))
    assert handed.escalated, handed.reply
    back = bot.handle(InboundMessage("web", user, "back to bot"))
    assert back.flow == "booking" and back.reply.startswith(say("back_to_bot_flow", "en")), back.reply
    on = bot.handle(InboundMessage("web", user, "10am"))
    assert on.flow == "booking" and on.reply == engine_prompt("people"), on.reply


def engine_prompt(field: str) -> str:
    """The booking flow's question for ``field``, in English, as its definition writes it."""
    return str(bundled_flows()["booking"].field(field).prompt["en"])


@pytest.mark.parametrize(("turns", "name"), [
    (["lahore stp desk 15 dec 11 baje 2 log", "Imran Aslam 03001234567"], "Imran Aslam"),
    (["lahore stp desk 15 dec 11 baje 2 log", "naam galat hai, Farhan Ali Shah likhein"], "Farhan Ali Shah"),
    (["lahore stp desk 15 dec 11am 2 people", "my name is actually Ayesha Siddiqa Malik"], "Ayesha Siddiqa Malik"),
])
def test_a_name_is_kept_as_typed(engine: FlowEngine, turns: list[str], name: str) -> None:
    """"Imran Aslam" was sent as "Ran Aslam" ("Im" read as "I'm"); "naam galat hai, Farhan Ali Shah likhein" stored
    "Galat"; "my name is actually Ayesha ..." stored "Actually Ayesha ..."."""
    last = talk(engine, "booking", turns)[-1]
    assert last.state is not None and last.state["values"].get("name") == name, last.text


def test_two_fields_changed_at_the_summary_both_change(engine: FlowEngine) -> None:
    """"tareekh 16 dec kar do aur log 3" changed the date and sent the booking for 2 people."""
    last = talk(engine, "booking", ["lahore stp desk 15 dec 11 baje 2 log", "Ali Khan 03001234567",
                                    "tareekh 16 dec kar do aur log 3"])[-1]
    assert last.state is not None and last.state["values"]["date"] == "2026-12-16", last.text
    assert last.state["values"]["people"] == 3, last.text


def test_we_are_a_startup_is_no_team_of_one(engine: FlowEngine) -> None:
    first = talk(engine, "application", ["lahore stp me apply karna hai, hum ek startup hain"])[0]
    assert first.state is not None and "team_size" not in first.state["values"], first.state


@pytest.mark.parametrize(("said", "values"), [
    ("Sialkot park me desk chahiye agle jumay ko", {"date": "2026-12-04"}),
    ("need a meeting room at NIC Karachi", {"park": "nic-karachi", "item": "meeting_room"})])
def test_a_day_and_a_room_said_as_people_say_them(engine: FlowEngine, said: str, values: dict[str, Any]) -> None:
    """"agle jumay" was no date; "need a meeting room at NIC Karachi" asked what to book (the park's name took the
    whole message)."""
    first = talk(engine, "booking", [said])[0]
    assert first.state is not None and values.items() <= first.state["values"].items(), first.state


@pytest.mark.parametrize(("said", "lang"), [
    ("nahi yaar rehne do abhi plan change ho gaya hai baad me dekhenge", "roman_ur"),
    ("Actually please cancel this, we decided to go another week instead, I'll come back and book later. Thanks "
     "anyway", "en")])
def test_a_cancel_in_a_long_message_cancels(engine: FlowEngine, said: str, lang: Any) -> None:
    last = talk(engine, "booking", ["lahore stp desk 15 dec 11am 2 people", said], lang)[-1]
    assert last.cancelled and last.state is None, last.text


def test_a_park_not_understood_between_other_answers_still_brings_a_person(bundled: Knowledge) -> None:
    """"I don't know that park", "Noted: Phone", "I don't know that park", "Noted: Email" ... went round ten times:
    a value for another question reset the count of misunderstandings."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    replies = [bot.handle(InboundMessage("web", user, text))
               for text in ["i want to apply", "xyz", "0300-1234567", "abc", "a@b.pk", "qq"]]
    assert replies[-1].escalated and not any(r.escalated for r in replies[:-1]), replies[-1].reply


def test_apply_after_asking_how_keeps_what_the_question_told_and_what_is_said_now_wins(bundled: Knowledge) -> None:
    """"Our company has 30 developers ... Islamabad STP. How do we apply?" then "ok lets apply" asked the park again,
    and the company and its size were lost."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    bot.handle(InboundMessage("web", user, "Our company has 30 developers and we need office space in Islamabad STP. "
                                           "How do we apply for tenancy?"))
    reply = bot.handle(InboundMessage("web", user, "ok lets apply"))
    assert reply.flow == "application" and "Islamabad" in reply.reply and "30" in reply.reply, reply.reply
    other = f"web-{uuid.uuid4().hex[:8]}"
    bot.handle(InboundMessage("web", other, "Our company has 30 developers and we need office space in Islamabad STP. "
                                            "How do we apply for tenancy?"))
    now = bot.handle(InboundMessage("web", other, "ok lets apply for lahore stp, hum ab 12 log hain"))
    assert "Lahore" in now.reply and "Islamabad" not in now.reply and "12" in now.reply, now.reply


def test_a_desk_with_a_day_is_a_booking_without_the_word_book() -> None:
    from bot.conversation.intents import classify
    assert classify("lahore stp desk 15 dec 11 baje 2 log").name == "booking"
    for question in ["how much does a desk cost per month", "can 5 people share a desk",
                     "desk ka rent kitna hai 1 person ka", "kya 3 log ek desk use kar sakte hain kal?"]:
        assert classify(question).name != "booking", question


@pytest.mark.parametrize("said", ["kya date baad mein change ho sakti hai agar kal kuch ho jaye?",
                                  "can I change it later if 3 people come instead of 2?"])
def test_a_question_about_changing_changes_nothing(engine: FlowEngine, said: str) -> None:
    """A review found "kya date baad mein change ho sakti hai agar kal kuch ho jaye?" at the summary moved the date
    to tomorrow without a word."""
    said_then = talk(engine, "booking", ["lahore stp desk 15 dec 11am 2 people, my name is Bilal Khan 03001234567",
                                         said], "en")
    before, after = said_then[0].state, said_then[-1].state
    assert before is not None and after is not None and after["values"] == before["values"], said_then[-1].text


@pytest.mark.parametrize("said", ["meri pichli booking cancel hui thi is liye dobara kar raha hun",
                                  "pehle wali application cancel ho gayi thi, ab dobara apply karna hai"])
def test_a_cancel_that_happened_before_cancels_nothing(engine: FlowEngine, said: str) -> None:
    last = talk(engine, "booking", ["lahore stp desk 15 dec 11am 2 people", said])[-1]
    assert not last.cancelled and last.state is not None, last.text


@pytest.mark.parametrize(("said", "people"), [("we are 10 software engineers", 10), ("only me and my cofounder", 2),
                                              ("sirf main aur mera dost", 2)])
def test_head_counts_the_review_found(engine: FlowEngine, said: str, people: int) -> None:
    found, _ = engine.read(engine.flows["booking"], said, "en", asking="people")
    assert found.get("people") == people, found


@pytest.mark.parametrize(("turns", "said"), [
    (["book a desk at lahore stp 15 dec 11am 2 people", "how do I apply for office space?"], "question"),
    (["book a desk at lahore stp 15 dec 11am 2 people, my name is Bilal Khan 03001234567",
      "yes submit, and I also want to apply for the rent subsidy"], "submitted")])
def test_a_question_or_a_yes_about_the_other_flow_keeps_this_one(bundled: Knowledge, turns: list[str],
                                                                  said: str) -> None:
    """A review found "yes submit, and I also want to apply ..." at the summary dropped the booking unsent, and "how do
    I apply for office space?" in a booking wiped it for an application."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    replies = [bot.handle(InboundMessage("web", user, text)) for text in turns]
    if said == "submitted":
        assert "BK-" in replies[-1].reply, replies[-1].reply
    else:
        assert replies[-1].flow == "booking" and say("flow_switched", "en") not in replies[-1].reply, replies[-1].reply


def test_a_held_draft_is_not_resumed_after_the_person_resolved_it(bundled: Knowledge) -> None:
    """A draft held when a person was called in must not answer the user's "ok thanks" (staff may have booked by hand),
    nor come back once the person has resolved the conversation."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    for text in ["book a desk at quetta stp", "tomorrow", "xyz", "abc", "qqq"]:
        bot.handle(InboundMessage("web", user, text))
    thanks = bot.handle(InboundMessage("web", user, "ok thanks"))
    assert thanks.flow is None and "BK-" not in thanks.reply, thanks.reply


def test_a_yes_with_a_but_changes_first(engine: FlowEngine) -> None:
    """"haan, lekin date 16 dec kar do" at the summary: the date changes and nothing is sent yet."""
    last = talk(engine, "booking", ["lahore stp desk 15 dec 11am 2 people, my name is Bilal Khan 03001234567",
                                    "haan, lekin date 16 dec kar do"])[-1]
    assert last.submit is None and last.state is not None and last.state["values"]["date"] == "2026-12-16"


@pytest.mark.parametrize(("turns", "lang"), [(["sialkot stp me kal visit book kr do", "what do you mean"], "roman_ur"),
                                             (["lahore stp me kal 4 baje meeting room chahiye",
                                               "ek minute, pooch ke batata hun"], "roman_ur"),
                                             (["لاہور ایس ٹی پی میں کل 4 بجے میٹنگ روم چاہیے", "کیا مطلب"], "ur")])
def test_a_wait_or_what_do_you_mean_is_no_answer(engine: FlowEngine, turns: list[str], lang: Any) -> None:
    """"what do you mean" at the time question was booked for 2 people ("do"), "ek minute, pooch ke batata hun" for
    one ("ek")."""
    said = talk(engine, "booking", turns, lang)
    before, after = said[0].state, said[-1].state
    assert before is not None and after is not None and after["values"] == before["values"], said[-1].text
    assert after["asking"] == before["asking"], said[-1].text


@pytest.mark.parametrize("said", ["no dont send it", "actually leave it, my plans changed and I don't think I'll be "
                                                    "going to Bagh this month, please don't send anything"])
def test_dont_send_it_cancels(engine: FlowEngine, said: str) -> None:
    last = talk(engine, "booking", ["bagh park desk 15 dec 11am 2 people, my name is Sana Khan 03001234567", said],
                "en")[-1]
    assert last.cancelled and last.submit is None, last.text


def test_a_switch_that_names_what_the_draft_has_still_switches(bundled: Knowledge) -> None:
    """"actually forget the room, I want to apply for the rent subsidy for my startup instead" was read as the meeting
    room again ("Noted: What: Meeting room")."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    for text in ["book a meeting room in rawalpindi stp", "tomorrow"]:
        bot.handle(InboundMessage("web", user, text))
    reply = bot.handle(InboundMessage("web", user, "actually forget the room, I want to apply for the rent subsidy "
                                                   "for my startup instead"))
    assert reply.flow == "application" and reply.reply.startswith(say("flow_switched", "en")), reply.reply


def test_a_roman_urdu_summary_says_the_day_as_it_is_said(engine: FlowEngine) -> None:
    """Roman Urdu summaries showed English weekday names ("Tareekh: Tue 15 Dec 2026")."""
    field = engine.flows["booking"].field("date")
    assert engine.display(field, "2026-12-15", "roman_ur") == "Mangal 15 Dec 2026"
    assert engine.display(field, "2026-12-15", "en") == "Tue 15 Dec 2026"


@pytest.mark.parametrize(("said", "expected"), [("15 dec tuesday", "2026-12-15"), ("tuesday 15 dec", "2026-12-15"),
                                                ("7 december wala monday", "2026-12-07"),
                                                ("15 دسمبر منگل کو", "2026-12-15"),
                                                ("15 dec nahi, tuesday", "2026-12-01")])
def test_a_weekday_said_with_its_date_is_that_date(engine: FlowEngine, said: str, expected: str) -> None:
    """A new user's "desk at faisalabad stp on 15 dec tuesday" went to the backend as Tuesday 1 Dec: the weekday, said
    last, won as a date of its own. A weekday after a date set aside ("15 dec nahi, tuesday") still corrects it."""
    assert engine.read(engine.flows["booking"], said, "en", asking="date")[0] == {"date": expected}


@pytest.mark.parametrize(("said", "lang"), [("jagah nahi chahiye sirf registration", "roman_ur"),
                                            ("جگہ نہیں چاہیے صرف رجسٹریشن", "ur")])
def test_no_space_said_at_the_space_question_leaves_the_subsidy_to_be_asked(engine: FlowEngine, said: str,
                                                                            lang: Any) -> None:
    """A new user's "jagah nahi chahiye sirf registration" went to the summary, and then to the backend, with
    "Subsidy: none", a question never asked: the refusal's words chose the subsidy's "none" too."""
    found, _ = engine.read(engine.flows["application"], said, lang, asking="space")
    assert found.get("space") == "none" and "subsidy" not in found
    assert engine.read(engine.flows["application"], "nahi chahiye", lang, asking="subsidy")[0] == {"subsidy": "none"}


@pytest.mark.parametrize(("said", "asking", "name"), [
    ("I said Hira Siddiqui", "name", "Hira Siddiqui"), ("maine bataya tha Ali Raza", "name", "Ali Raza"),
    ("wohi jo pehle diya tha", "name", None),
    ("I want to apply at NIC Karachi as a freelancer. Name Hira Siddiqui, 0302 4445566", "park", "Hira Siddiqui"),
    ("lahore stp, naam asad, kal 11 baje", "park", "Asad")])
def test_a_name_said_again_or_in_a_sentence_of_its_own_is_read(engine: FlowEngine, said: str, asking: str,
                                                                 name: str | None) -> None:
    """New users: "I said Hira Siddiqui" was stored as "I Said Hira Siddiqui", "wohi jo pehle diya tha" as a name,
    and "... as a freelancer. Name Hira Siddiqui, 0302 ..." asked the name again."""
    flow = "application" if "apply" in said else "booking"
    found, _ = engine.read(engine.flows[flow], said, "en", asking=asking)
    assert found.get("name") == name


def test_a_name_in_a_booking_is_taken_as_typed_not_mended(bundled: Knowledge) -> None:
    """The review: the misspelling mender changed "Shazia Khan" into "Shaza Khan" (a minister's name in the knowledge)
    in the booking's summary, and would have sent it: a booking reads the message as typed."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    bot.handle(InboundMessage("web", user, "lahore stp me kal 11 bje desk book karni hai 1 banda"))
    bot.handle(InboundMessage("web", user, "Shazia Khan"))
    summary = bot.handle(InboundMessage("web", user, "03001234567")).reply
    assert "Shazia Khan" in summary and "Shaza" not in summary, summary


@pytest.mark.parametrize(("said", "asking", "flow"), [
    ("acha, naam change karna hai", "confirm", "booking"), ("ok, naam mere bhai ka likhna hai", "confirm", "booking"),
    ("I want to apply at NIC Karachi. Name of the company is Arbisoft", "park", "application"),
    ("book desk lahore stp. Name tag needed for visitors", "park", "booking")])
def test_a_name_word_mid_message_that_gives_no_name_is_no_name(engine: FlowEngine, said: str, asking: str,
                                                               flow: str) -> None:
    """The review: "acha, naam change karna hai" at the summary became "Naam: Change Karna"."""
    assert "name" not in engine.read(engine.flows[flow], said, "roman_ur", asking=asking)[0]


@pytest.mark.parametrize(("said", "asking", "expected"), [
    ("subsidy koi nahi", "confirm", "none"), ("change subsidy to none", "confirm", "none"),
    ("we are both freelancers", "applicant", None), ("dono", "subsidy", "both")])
def test_the_subsidy_is_changed_at_the_summary_and_not_chosen_unasked(engine: FlowEngine, said: str, asking: str,
                                                                     expected: str | None) -> None:
    """The review: "subsidy koi nahi" at the summary was no longer understood; "we are both freelancers" chose both
    subsidies."""
    assert engine.read(engine.flows["application"], said, "roman_ur", asking=asking)[0].get("subsidy") == expected


@pytest.mark.parametrize("said", ["15 dec on monday", "15 dec. Wednesday better"])
def test_a_weekday_that_is_not_its_dates_day_is_asked_about(engine: FlowEngine, said: str) -> None:
    """The review: "15 dec on monday" (a Tuesday) was silently taken as 15 Dec; "15 dec. Wednesday better" too."""
    found, problems = engine.read(engine.flows["booking"], said, "en", asking="date")
    assert "date" not in found and [p.problem for _, p in problems] == ["flow_date_weekday"]


def test_diya_is_a_name(engine: FlowEngine) -> None:
    assert engine.read(engine.flows["booking"], "Diya Ali", "en", asking="name")[0] == {"name": "Diya Ali"}


@pytest.mark.parametrize(("said", "expected"), [("ٹھیک ہے 16 ہی رکھیں، بدھ", "2026-12-16"),
                                                ("acha 16 hi theek hai, budh", "2026-12-16"), ("16", "2026-12-16")])
def test_a_day_of_the_month_alone_or_with_its_weekday_is_that_day(engine: FlowEngine, said: str, expected: str) -> None:
    """A new user's "ٹھیک ہے 16 ہی رکھیں، بدھ" ("keep the 16th, Wednesday") went to the backend as Wednesday 2 Dec;
    "16" alone at the date question was read as 16 November, gone."""
    assert engine.read(engine.flows["booking"], said, "ur", asking="date")[0] == {"date": expected}


@pytest.mark.parametrize(("said", "people"), [("we r 3-4 ppl", 4), ("2-3 log", 3), ("10/12 log hon ge", 12)])
def test_a_head_count_range_is_no_date(engine: FlowEngine, said: str, people: int) -> None:
    """"we r 3-4 ppl" at the head count changed the date to 3 April 2027 ("Updated: Date")."""
    found, _ = engine.read(engine.flows["booking"], said, "en", asking="people")
    assert found == {"people": people}


@pytest.mark.parametrize("first", ["bagh women stp me aplicaton dena chahta hun apni company ki",
                                   "bagh women park kahan hai? mai wahan apni company shift karna chahta hun"])
def test_a_man_pointing_at_the_womens_park_is_not_given_it(bundled: Knowledge, first: str) -> None:
    """"bagh women stp me aplicaton dena chahta hun apni company ki", then "mujhe wahan apply karna hai": the park
    pointed at was taken without the check a park named gets, and a man's application reached the women-only park."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    replies = [bot.handle(InboundMessage("web", user, text)).reply for text in (first, "mujhe wahan apply karna hai")]
    told = "\n".join(replies)
    assert "Note kar" not in told and say("flow_women_only", "roman_ur", park="")[:20] in told, told


@pytest.mark.parametrize(("said", "lang", "new", "field"), [
    ("naam change karna hai", "roman_ur", "Changez Ali Khan", "name"),
    ("wait i need to change the name", "en", "Abdul Wali", "name"),
    ("نام تبدیل کرنا ہے", "ur", "حنا بتول زیدی", "name"),
    ("date change karni hai", "roman_ur", "16 dec", "date")])
def test_a_change_asked_at_the_summary_asks_that_value_again(engine: FlowEngine, said: str, lang: Any, new: str,
                                                             field: str) -> None:
    """New users: "naam change karna hai" at the summary became "Naam: Change Karna" (sent on the next "haan"), and
    the new name typed next was not understood."""
    said_then = talk(engine, "booking", ["lahore stp desk 15 dec 11am 2 people, my name is Bilal Khan 03001234567",
                                         said, new], lang)
    assert said_then[1].text.startswith(say("flow_changing", lang)), said_then[1].text
    values = said_then[-1].state["values"] if said_then[-1].state else {}
    assert values.get(field) in (new, "2026-12-16") and values.get("name") != "Change Karna", values


@pytest.mark.parametrize(("said", "expected"), [
    ("shaam 5", {"time": "17:00"}), ("for 3", {"people": 3}), ("hum 3 hain", {"people": 3}),
    ("room 2", {"item": "meeting_room"}), ("jumma 11", {"date": "2026-12-04"})])
def test_a_number_that_is_no_day_of_the_month_keeps_its_meaning(engine: FlowEngine, said: str,
                                                                 expected: dict[str, Any]) -> None:
    """The review: with a bare number read as a day, "shaam 5" at the date question became 5 December (no time), "for
    3" the 3rd (no head count), "jumma 11" the 11th (a week late)."""
    assert engine.read(engine.flows["booking"], said, "roman_ur", asking="date")[0] == expected


@pytest.mark.parametrize("said", ["is the time correct?", "what can I change?", "کیا یہ درست ہے؟", "update me on time"])
def test_a_question_or_a_check_at_the_summary_takes_no_value_back(engine: FlowEngine, said: str) -> None:
    """The review: "is the time correct?", "کیا یہ درست ہے؟" at the summary dropped a value and asked it again."""
    said_then = talk(engine, "booking", ["lahore stp desk 15 dec 11am 2 people, my name is Bilal Khan 03001234567",
                                         said], "en")
    before, after = said_then[0].state, said_then[-1].state
    assert before is not None and after is not None and after["values"] == before["values"], said_then[-1].text


def test_a_womans_question_about_men_does_not_refuse_her_the_womens_park(bundled: Knowledge) -> None:
    """The review: "bagh women stp me kya larke bhi ja sakte hain?" then "acha, mujhe wahan desk book karni hai" was
    refused the park: a question naming boys is no man's voice."""
    bot = build_assistant(bundled.settings, bundled)
    user = f"web-{uuid.uuid4().hex[:8]}"
    bot.handle(InboundMessage("web", user, "bagh women stp me kya larke bhi ja sakte hain?"))
    reply = bot.handle(InboundMessage("web", user, "acha, mujhe wahan desk book karni hai"))
    assert "Note kar liya" in reply.reply, reply.reply


@pytest.mark.parametrize(("said", "asking", "expected"), [
    ("date 17 kar do", "confirm", {"date": "2026-12-17"}), ("My Number 03001234567", "phone", {"name": None})])
def test_third_round_dates_and_names(engine: FlowEngine, said: str, asking: str, expected: dict[str, Any]) -> None:
    """New users: "date 17 kar do" at the summary was not understood; the review: "My Number 0300..." is no name."""
    found, _ = engine.read(engine.flows["booking"], said, "roman_ur", asking=asking)
    assert {k: found.get(k) for k in expected} == expected, found


def test_a_cnic_name_said_at_the_summary_is_the_name(engine: FlowEngine) -> None:
    """"wait naam change karna hai, my CNIC name is Ayesha Siddiqa Khan" at the summary kept the old name silently."""
    said = talk(engine, "application", [
        "I want to apply at NIC Karachi as a freelancer. Name Ayesha Siddiqa, 0302 4445566",
        "wait naam change karna hai, my CNIC name is Ayesha Siddiqa Khan"], "en")
    assert said[-1].state is not None and said[-1].state["values"].get("name") == "Ayesha Siddiqa Khan"


@pytest.mark.parametrize(("said", "kept"), [("ek minute, kal batata hun", "date"),
                                            ("wait, let me ask my 3 colleagues", "people"),
                                            ("date 16 nahi 17 kar do", "date")])
def test_a_wait_or_a_refused_day_changes_no_value(engine: FlowEngine, said: str, kept: str) -> None:
    """The review: "ek minute, kal batata hun" set the date to tomorrow, "wait, let me ask my 3 colleagues" the head
    count to 4, "date 16 nahi 17 kar do" the refused 16th."""
    said_then = talk(engine, "booking", ["lahore stp desk 15 dec 11am 2 people, my name is Bilal Khan 03001234567",
                                         said])
    after = said_then[-1].state
    assert after is not None and after["values"].get(kept) in ("2026-12-15", 2, "2026-12-17"), said_then[-1].text
    assert after["values"].get("date") != "2026-12-16" and after["values"].get("people") == 2


@pytest.mark.parametrize(("said", "asking", "expected"), [
    ("lahore stp desk 5 tareekh ko 2 log", "park", {"date": "2026-12-05", "people": 2}),
    ("6th", "people", {"people": 6})])
def test_a_day_of_the_month_said_along_the_way_is_read_as_before(engine: FlowEngine, said: str, asking: str,
                                                                  expected: dict[str, Any]) -> None:
    """The final review: a new alternative in the day-of-month pattern shifted its groups, so "5 tareekh ko" said
    along the way was dropped and a bare "6th" at the head count read as a date."""
    found, _ = engine.read(engine.flows["booking"], said, "roman_ur", asking=asking)
    assert {k: found.get(k) for k in expected} == expected, found


@pytest.mark.parametrize(("said", "name"), [("change karna", None), ("name correct hai", None),
                                            ("Abdul Wali", "Abdul Wali"), ("Diya Ali", "Diya Ali")])
def test_words_no_name_has_are_refused_wherever_the_name_is_read(said: str, name: str | None) -> None:
    """The words that made "naam change karna hai" no name were checked only for a name said in a longer message: as the
    answer to the name question, "change karna" was still a name (the mechanism, clean_name, now knows them)."""
    from bot.flows.fields import clean_name
    assert clean_name(said) == name


def test_all_my_information_delete_is_a_deletion_request() -> None:
    """A new user's "meri sari maloomat delete kar do" was out of scope ("mera data delete kar do" worked)."""
    from bot.conversation.flowroute import DELETE_DATA
    assert DELETE_DATA.search("meri sari maloomat delete kar do") and DELETE_DATA.search("mera sara data delete kar do")
