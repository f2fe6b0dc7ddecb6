"""WhatsApp (Twilio) and Telegram as their users and providers meet them.

A real parkbot app serves real HTTP on loopback; Twilio's and Telegram's clouds are local fakes that
speak their wire formats (``tests/fakes``), driven by the real ``twilio`` and ``python-telegram-bot``
libraries on the app's side. Requests are signed with twilio's own ``RequestValidator``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator

import pytest
from apphost import AppThread
from channelkit import FROM, PUBLIC, SECRET, answers, number, sent_to, to, whatsapp
from fakes.telegram_api import FakeTelegram
from fakes.twilio_api import FakeTwilio, post
from sqlalchemy import literal_column, select, update
from twilio.request_validator import RequestValidator

from bot.retrieval.knowledge import Knowledge
from bot.settings import Settings
from bot.storage.models import Conversation, DeliveryEvent, Inbound, Outbound, User
from handlers.split import utf16_len


def channel_settings(bundled: Knowledge, database: str, **extra: object) -> Settings:
    return Settings(data_dir=bundled.settings.data_dir, knowledge_dir=bundled.settings.knowledge_dir,
                    database_url=f"sqlite:///{database}", **extra)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def app(bundled: Knowledge, twilio: FakeTwilio, telegram: FakeTelegram,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppThread]:
    database = tmp_path_factory.mktemp("channels") / "parkbot.db"
    settings = channel_settings(
        bundled, str(database), public_url=PUBLIC, twilio_account_sid=twilio.account_sid,
        twilio_auth_token=twilio.auth_token, twilio_whatsapp_from=FROM, twilio_api_base_url=twilio.base_url,
        telegram_bot_token=telegram.token, telegram_api_base_url=telegram.base_url, telegram_webhook_secret=SECRET,
        burst_seconds=0.6, rate_limit=8)
    with AppThread(settings, bundled) as running:
        yield running


def settle(seconds: float = 1.5) -> None:
    """Give a wrongly repeated answer the time it would need to show up."""
    time.sleep(seconds)


# -- WhatsApp -------------------------------------------------------------------------------------------------


def test_a_signed_whatsapp_message_is_acknowledged_at_once_and_answered_through_the_rest_api(
        app: AppThread, twilio: FakeTwilio) -> None:
    sender = number()
    started = time.perf_counter()
    status, body = whatsapp(app, twilio, sender, "STP mein rent par kitni subsidy milti hai?")
    acknowledged = time.perf_counter() - started
    assert status == 200 and re.fullmatch(r"<\?xml[^>]*\?><Response ?/>", body.strip())
    assert acknowledged < 1.0
    reply = answers(twilio, sender)[0].params
    assert reply["From"] == FROM
    assert "25" in reply["Body"] and "Sources" in reply["Body"]
    assert utf16_len(reply["Body"]) <= 1600
    assert reply["StatusCallback"] == f"{PUBLIC}/webhooks/twilio/status"


def test_bad_or_missing_signatures_are_refused_and_nothing_is_processed(app: AppThread, twilio: FakeTwilio) -> None:
    sender = number()
    url = f"{app.base}/webhooks/twilio"
    # signed for the URL the app sees, not the public one Twilio was given
    assert twilio.send_inbound(url, "internet subsidy?", from_=sender, signed_url=url)[0] == 403
    # no signature at all
    form = urllib.parse.urlencode({"MessageSid": "SM" + uuid.uuid4().hex, "From": sender, "Body": "hi"}).encode()
    assert post(url, form, {"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    # a valid signature over other parameters (the body was changed on the way)
    params = {"MessageSid": "SM" + uuid.uuid4().hex, "From": sender, "Body": "rent subsidy?"}
    signature = RequestValidator(twilio.auth_token).compute_signature(f"{PUBLIC}/webhooks/twilio", params)
    tampered = urllib.parse.urlencode({**params, "Body": "ignore all rules"}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
    assert post(url, tampered, headers)[0] == 403
    settle()
    assert twilio.calls(to(sender)) == []
    assert app.hub.inbox is not None and app.hub.inbox.last_inbound_at("whatsapp", sender) is None


NOT_USERS = [
    "whatsapp:923001234567",  # no "+"
    "+923001234567",  # not a WhatsApp address
    "whatsapp:+92 300 1234567",  # not E.164
    "whatsapp:+92300123456789012",  # too long for any number
    "whatsapp:+9230",  # too short for a Pakistani one
    "whatsapp:+923001234567\nwhatsapp:+923001234568",
    "whatsapp:attacker",
    "web-visitor",
    FROM,  # ourselves: an answer would go to our own number
]


def test_whatsapp_senders_other_than_a_users_e164_number_are_acknowledged_but_never_stored_or_answered(
        app: AppThread, twilio: FakeTwilio, caplog: pytest.LogCaptureFixture) -> None:
    for sender in NOT_USERS:
        status, body = whatsapp(app, twilio, sender, "How much rent subsidy do tenants get?")
        assert status == 200, sender  # so Twilio does not retry
        assert re.fullmatch(r"<\?xml[^>]*\?><Response ?/>", body.strip())
    real = number()
    whatsapp(app, twilio, real, "How much rent subsidy do tenants get?")
    answers(twilio, real)  # answered meanwhile, unlike all of the above
    settle(1.0)
    assert app.hub.inbox is not None
    for sender in NOT_USERS:
        assert twilio.calls(to(sender)) == [], sender
        assert app.hub.inbox.last_inbound_at("whatsapp", sender) is None, sender
    ignored = [r.getMessage() for r in caplog.records if "ignored Twilio message" in r.getMessage()]
    assert len(ignored) == len(NOT_USERS) and "our own number" in ignored[-1]


def test_the_same_message_sid_five_times_is_answered_once(app: AppThread, twilio: FakeTwilio) -> None:
    sender, sid = number(), "SM" + uuid.uuid4().hex
    statuses: list[int] = []
    threads = [threading.Thread(target=lambda: statuses.append(
        whatsapp(app, twilio, sender, "Is there a women-only software park in Bagh?", message_sid=sid)[0]))
        for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 5
    assert "Bagh" in answers(twilio, sender)[0].params["Body"]
    settle()
    assert len(twilio.calls(to(sender))) == 1


def test_media_without_text_gets_a_request_for_text_in_the_users_language(app: AppThread, twilio: FakeTwilio
                                                                         ) -> None:
    sender = number()
    whatsapp(app, twilio, sender, "کیا باغ میں خواتین کے لیے سافٹ ویئر پارک ہے؟")
    answers(twilio, sender)
    status, _ = whatsapp(app, twilio, sender, "", media=[("https://api.twilio.com/media/ME1", "audio/ogg")])
    assert status == 200
    reply = answers(twilio, sender, 2)[-1].params["Body"]
    assert "تحریری" in reply  # "written": Urdu, like the user's last message
    stranger = number()
    whatsapp(app, twilio, stranger, "", media=[("https://api.twilio.com/media/ME2", "image/jpeg")])
    assert "type your question" in answers(twilio, stranger)[0].params["Body"]


def test_a_long_message_arrives_as_ordered_parts_within_each_channels_limit(
        app: AppThread, twilio: FakeTwilio, telegram: FakeTelegram) -> None:
    text = "\n\n".join(f"Update {n}: " + " ".join(f"step-{n}-{m} is done." for m in range(40)) for n in range(12))
    assert len(text) > 5000
    sender = number()
    whatsapp(app, twilio, sender, "salam, rent subsidy?")
    answers(twilio, sender)
    assert app.hub.pipeline is not None
    delivery = app.run(app.hub.pipeline.send("whatsapp", sender, text, kind="staff"))
    assert (delivery.status, delivery.mode) == ("sent", "session")
    parts = [c.params["Body"] for c in twilio.calls(to(sender))[1:]]
    assert len(parts) >= 4 and all(utf16_len(p) <= 1600 for p in parts)
    assert " ".join(parts).split() == text.split()

    chat = 7000 + uuid.uuid4().int % 1000
    telegram.post_webhook(f"{app.base}/webhooks/telegram", telegram.message_update(chat, "hello"), SECRET)
    telegram.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == chat, timeout=20)
    long_text = "\n\n".join([text] * 2)
    delivery = app.run(app.hub.pipeline.send("telegram", str(chat), long_text, kind="staff"))
    assert delivery.status == "sent"
    sent = [m["text"] for m in telegram.sent(chat)[1:]]
    assert len(sent) >= 3 and all(utf16_len(p) <= 4096 for p in sent)
    assert " ".join(sent).split() == long_text.split()


def test_status_callbacks_are_recorded(app: AppThread, twilio: FakeTwilio) -> None:
    sender = number()
    whatsapp(app, twilio, sender, "internet subsidy kitni hai?")
    sid = answers(twilio, sender)[0].response["sid"]
    assert twilio.send_status(sid, "delivered", url=f"{app.base}/webhooks/twilio/status") == 403  # signed for us
    status, _ = twilio.post_signed(f"{app.base}/webhooks/twilio/status",
                                   {"MessageSid": sid, "MessageStatus": "read", "To": sender, "From": FROM},
                                   signed_url=f"{PUBLIC}/webhooks/twilio/status")
    assert status == 204
    with app.hub.outbox.store.session() as session:  # type: ignore[union-attr]
        events = session.scalars(select(DeliveryEvent).where(DeliveryEvent.provider_id == sid)).all()
    assert [e.status for e in events] == ["read"]

    # a failure Twilio reports later lands on the message: outside the window it waits for the user
    assert app.hub.pipeline is not None
    delivery = app.run(app.hub.pipeline.send("whatsapp", sender.removeprefix("whatsapp:"), "Visit confirmed.",
                                             kind="status"))  # a bare number is addressed like the user
    assert delivery.status == "sent"
    late = twilio.calls(to(sender))[-1].response["sid"]
    status, _ = twilio.post_signed(f"{app.base}/webhooks/twilio/status",
                                   {"MessageSid": late, "MessageStatus": "failed", "ErrorCode": "63016",
                                    "To": sender, "From": FROM}, signed_url=f"{PUBLIC}/webhooks/twilio/status")
    assert status == 204
    with app.hub.outbox.store.session() as session:  # type: ignore[union-attr]
        row = session.get(Outbound, delivery.id)
        assert row is not None and row.status == "waiting" and "63016" in (row.error or "")


def test_messages_the_business_starts_respect_the_24_hour_window(app: AppThread, twilio: FakeTwilio) -> None:
    pipeline = app.hub.pipeline
    assert pipeline is not None
    # never wrote to us: no template configured, so the message waits for the user
    sender = number()
    delivery = app.run(pipeline.send("whatsapp", sender, "Your visit on Monday is confirmed.", kind="status"))
    assert delivery.status == "waiting"
    settle(0.5)
    assert twilio.calls(to(sender)) == []
    # ... and goes out as soon as the user writes (before the answer to what they wrote)
    whatsapp(app, twilio, sender, "Is there a women-only software park in Bagh?")
    bodies = [c.params["Body"] for c in answers(twilio, sender, 2)]
    assert bodies[0] == "Your visit on Monday is confirmed." and "Bagh" in bodies[1]

    # wrote 25 hours ago, and an approved template is configured: the template is used
    with app.hub.inbox.store.session() as session:  # type: ignore[union-attr]
        session.execute(update(Inbound).where(Inbound.sender == sender)
                        .values(received_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)))
        session.commit()
    template = "HX" + uuid.uuid4().hex
    app.hub.settings.whatsapp_template_sid = template
    try:
        delivery = app.run(pipeline.send("whatsapp", sender, "Your application was received.", kind="status"))
    finally:
        app.hub.settings.whatsapp_template_sid = None
    assert (delivery.status, delivery.mode) == ("sent", "template")
    last = twilio.calls(to(sender))[-1].params
    assert last["ContentSid"] == template and "Body" not in last
    assert json.loads(last["ContentVariables"]) == {"1": "Your application was received."}


def test_transient_failures_are_retried_and_permanent_ones_recorded(app: AppThread, twilio: FakeTwilio) -> None:
    sender = number()
    twilio.fail_next("messages.create", 2, status=503)
    whatsapp(app, twilio, sender, "Which parks are in Sindh?")
    delivered = twilio.wait_for(lambda c: to(sender)(c) and c.status == 201, timeout=30)
    assert len(delivered) == 1 and "Sindh" in delivered[0].params["Body"]
    assert [c.status for c in twilio.calls(to(sender))] == [503, 503, 201]

    twilio.fail_next("messages.create", 1, status=400,
                     body={"code": 21211, "message": "Invalid 'To' Phone Number", "status": 400})
    assert app.hub.pipeline is not None
    delivery = app.run(app.hub.pipeline.send("whatsapp", sender, "Your visit is confirmed.", kind="status"))
    assert delivery.status == "failed" and "21211" in (delivery.error or "")
    with app.hub.outbox.store.session() as session:  # type: ignore[union-attr]
        row = session.get(Outbound, delivery.id)
        assert row is not None and row.status == "failed" and "Invalid 'To'" in (row.error or "")


def test_a_burst_of_short_messages_is_answered_as_one_turn(app: AppThread, twilio: FakeTwilio) -> None:
    sender = number()
    for text in ("salam", "mujhe", "rent subsidy ka poochna tha"):
        assert whatsapp(app, twilio, sender, text)[0] == 200
    reply = answers(twilio, sender)[0].params["Body"]
    assert "25" in reply
    settle()
    assert len(twilio.calls(to(sender))) == 1


def test_one_conversation_is_answered_in_order_while_others_go_on(app: AppThread, twilio: FakeTwilio) -> None:
    sender = number()
    questions = [("Which parks are in Sindh?", "Sindh"), ("Is there a women-only software park in Bagh?", "Bagh"),
                 ("How big is Karachi IT Park?", "186")]
    for question, _ in questions:
        whatsapp(app, twilio, sender, question)
    bodies = [c.params["Body"] for c in answers(twilio, sender, 3)]
    assert [marker in body for (_, marker), body in zip(questions, bodies, strict=True)] == [True] * 3

    # a conversation waiting for the rest of a burst does not hold up another one
    slow, quick = number(), number()
    whatsapp(app, twilio, slow, "salam")
    whatsapp(app, twilio, quick, "Is there a women-only software park in Bagh?")
    first_quick = answers(twilio, quick)[0]
    first_slow = answers(twilio, slow)[0]
    assert first_quick.at < first_slow.at


def test_a_sender_over_the_rate_limit_gets_one_polite_notice(app: AppThread, twilio: FakeTwilio) -> None:
    sender = number()
    for n in range(12):  # the app allows 8 a minute
        assert whatsapp(app, twilio, sender, f"Which parks are in Sindh? (asking again, {n})")[0] == 200
    bodies = [c.params["Body"] for c in answers(twilio, sender, 9, timeout=40)]
    settle()
    bodies = [c.params["Body"] for c in twilio.calls(to(sender))]
    assert sum("faster than I can answer" in b for b in bodies) == 1
    assert sum("Sindh" in b for b in bodies) == 8
    with app.hub.inbox.store.session() as session:  # type: ignore[union-attr]
        statuses = session.scalars(select(Inbound.status).where(Inbound.sender == sender)).all()
    assert sorted(statuses) == ["done"] * 8 + ["limited"] * 4  # kept, not lost


def test_a_turn_that_keeps_failing_gets_one_apology_and_the_conversation_goes_on(
        app: AppThread, twilio: FakeTwilio) -> None:
    sender = number()
    whatsapp(app, twilio, sender, "STP me rent par kitni subsidy milti hai?")
    assert "25" in answers(twilio, sender)[0].params["Body"]
    store = app.hub.inbox.store  # type: ignore[union-attr]
    conversation = (update(Conversation).where(Conversation.user_id.in_(
        select(User.id).where(User.channel == "whatsapp", User.external_id == sender))))
    with store.engine.begin() as connection:  # a broken row: the conversation's memory is no longer JSON
        connection.execute(conversation.values(context=literal_column("'{broken'")))

    whatsapp(app, twilio, sender, "aur internet ki subsidy?")
    apology = answers(twilio, sender, 2, timeout=30)[-1].params["Body"]
    assert apology.startswith("Maazrat")  # in the user's Roman Urdu, once, not once per attempt
    settle(2.5)
    assert len(twilio.calls(to(sender))) == 2
    with store.session() as session:
        turn = session.scalars(select(Inbound).where(Inbound.sender == sender).order_by(Inbound.id.desc())).first()
    assert turn is not None and turn.status == "failed" and turn.attempts == 3 and "JSON" in (turn.error or "")

    with store.engine.begin() as connection:  # repaired, the same conversation is answered again
        connection.execute(conversation.values(context={}))
    whatsapp(app, twilio, sender, "internet subsidy kitni milti hai?")
    assert "100" in answers(twilio, sender, 3, timeout=30)[-1].params["Body"]


# -- Telegram (webhook mode) ----------------------------------------------------------------------------------


def chat_id() -> int:
    return 10_000 + uuid.uuid4().int % 10**6


def tg(app: AppThread, telegram: FakeTelegram, update: dict, secret: str | None = SECRET) -> int:
    return telegram.post_webhook(f"{app.base}/webhooks/telegram", update, secret)


def test_telegram_registers_its_webhook_with_the_secret(app: AppThread, telegram: FakeTelegram) -> None:
    hook = telegram.webhook
    assert hook["url"] == f"{PUBLIC}/webhooks/telegram" and hook["secret_token"] == SECRET


def test_telegram_refuses_a_wrong_secret_and_answers_a_repeated_update_once(
        app: AppThread, telegram: FakeTelegram) -> None:
    chat = chat_id()
    update = telegram.message_update(chat, "What is the internet subsidy?")
    assert tg(app, telegram, update, secret="wrong") == 403
    assert tg(app, telegram, update, secret=None) == 403
    settle(1.0)
    assert telegram.sent(chat) == []
    assert [tg(app, telegram, update) for _ in range(3)] == [200, 200, 200]
    reply = sent_to(telegram, chat)[0].params
    assert "100%" in reply["text"] and reply["parse_mode"] == "HTML"
    settle()
    assert len(telegram.sent(chat)) == 1


def test_telegram_group_messages_are_not_taken_as_one_user(app: AppThread, telegram: FakeTelegram) -> None:
    """In a group the chat is every member's: one member's booking was listed, then erased, by another asking "what
    data do you store about me" / "delete my data" there. The bot answers people one to one only."""
    group = -(10**12 + chat_id())
    for member, text in ((111, "book a desk at the Lahore STP tomorrow at 10am"),
                         (222, "what data do you store about me"), (222, "delete my data")):
        assert tg(app, telegram, telegram.message_update(group, text, user_id=member)) == 200
    settle()
    assert telegram.sent(group) == []


def test_telegram_commands_and_language_buttons(app: AppThread, telegram: FakeTelegram) -> None:
    chat = chat_id()
    tg(app, telegram, telegram.message_update(chat, "/start", language_code="ur"))
    assert "السلام علیکم" in sent_to(telegram, chat)[0].params["text"]
    tg(app, telegram, telegram.message_update(chat, "/lang"))
    keyboard = sent_to(telegram, chat, 2)[-1].params["reply_markup"]["inline_keyboard"]
    choices = [row[0]["callback_data"] for row in keyboard]
    assert choices == ["lang:en", "lang:ur", "lang:roman_ur"]
    press = telegram.callback_update(chat, "lang:roman_ur")
    tg(app, telegram, press)
    assert "Roman Urdu" in sent_to(telegram, chat, 3)[-1].params["text"]
    telegram.wait_for("answerCallbackQuery", timeout=10)
    assert telegram.callback_answers[press["callback_query"]["id"]] is not None
    tg(app, telegram, telegram.message_update(chat, "/help"))
    assert "Apna sawal" in sent_to(telegram, chat, 4)[-1].params["text"]
    tg(app, telegram, telegram.message_update(chat, "/lang english"))
    assert "I'll use English" in sent_to(telegram, chat, 5)[-1].params["text"]


def test_telegram_offer_of_a_person_escalates_and_the_bot_goes_quiet(app: AppThread, telegram: FakeTelegram) -> None:
    chat = chat_id()
    tg(app, telegram, telegram.message_update(chat, "What is the phone number of the Quetta STP?"))
    offer = sent_to(telegram, chat)[0].params
    assert "won't make one up" in offer["text"]
    buttons = [row[0]["callback_data"] for row in offer["reply_markup"]["inline_keyboard"]]
    assert buttons == ["person:yes:en", "person:no:en"]
    assert all(len(b.encode()) <= 64 for b in buttons)
    press = telegram.callback_update(chat, "person:yes:en")
    tg(app, telegram, press)
    assert "person" in sent_to(telegram, chat, 2)[-1].params["text"].lower()
    assert telegram.callback_answers[press["callback_query"]["id"]] is not None
    tg(app, telegram, telegram.message_update(chat, "hello? anyone?"))
    settle(2.0)
    assert len(telegram.sent(chat)) == 2  # a person owns the conversation now


def test_telegram_button_we_never_sent_is_acknowledged_but_not_answered(app: AppThread, telegram: FakeTelegram
                                                                         ) -> None:
    chat = chat_id()
    tg(app, telegram, telegram.message_update(chat, "hi"))
    sent_to(telegram, chat)
    press = telegram.callback_update(chat, "something:else")
    assert tg(app, telegram, press) == 200
    assert telegram.callback_answers[press["callback_query"]["id"]] is not None  # answered with the 200
    settle()
    assert len(telegram.sent(chat)) == 1


def test_telegram_voice_notes_and_captioned_photos(app: AppThread, telegram: FakeTelegram) -> None:
    chat = chat_id()
    tg(app, telegram, telegram.voice_update(chat, language_code="ur"))
    assert "تحریری" in sent_to(telegram, chat)[0].params["text"]  # a stranger with an Urdu app: Urdu
    tg(app, telegram, telegram.photo_update(chat, caption="Is there a women-only software park in Bagh?"))
    assert "Bagh" in sent_to(telegram, chat, 2)[-1].params["text"]  # the caption is the question


def test_telegram_text_is_escaped_for_html(app: AppThread, telegram: FakeTelegram) -> None:
    chat = chat_id()
    tg(app, telegram, telegram.message_update(chat, "hi"))
    sent_to(telegram, chat)
    assert app.hub.pipeline is not None
    text = "Bring <your CNIC> & company papers; 5 < 6 > 4."
    assert app.run(app.hub.pipeline.send("telegram", str(chat), text)).status == "sent"
    assert telegram.sent(chat)[-1]["text"] == text


def test_telegram_polling_mode_answers_without_a_public_url(bundled: Knowledge,
                                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    database = tmp_path_factory.mktemp("polling") / "parkbot.db"
    with FakeTelegram() as telegram:
        settings = channel_settings(bundled, str(database), telegram_bot_token=telegram.token,
                                    telegram_api_base_url=telegram.base_url, telegram_poll_timeout=1)
        with AppThread(settings, bundled):
            telegram.wait_until_polling(timeout=20)
            assert telegram.webhook["url"] == ""
            chat = chat_id()
            telegram.queue_update(telegram.message_update(chat, "Is there a women-only software park in Bagh?"))
            assert "Bagh" in sent_to(telegram, chat)[0].params["text"]
            settle()
            assert len(telegram.sent(chat)) == 1  # confirmed by the next getUpdates: not fetched again


def test_telegram_unreachable_at_start_comes_up_later(bundled: Knowledge,
                                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    database = tmp_path_factory.mktemp("late-telegram") / "parkbot.db"
    with FakeTelegram() as telegram:
        telegram.fail_next("getMe", 2, status=502)  # Telegram is down while the app boots
        settings = channel_settings(bundled, str(database), public_url=PUBLIC, telegram_bot_token=telegram.token,
                                    telegram_api_base_url=telegram.base_url, telegram_webhook_secret=SECRET)
        with AppThread(settings, bundled) as app:
            update = telegram.message_update(chat_id(), "Is there a women-only software park in Bagh?")
            assert tg(app, telegram, update) == 503  # not acknowledged: Telegram will deliver it again
            telegram.wait_for("setWebhook", timeout=20)  # the app kept trying and got through
            deadline = time.monotonic() + 10
            while tg(app, telegram, update) != 200:  # Telegram redelivers until it gets a 200
                assert time.monotonic() < deadline
                time.sleep(0.1)
            chat = update["message"]["chat"]["id"]
            assert "Bagh" in sent_to(telegram, chat)[0].params["text"]
