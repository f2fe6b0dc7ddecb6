"""Escalation as the user meets it: triggers in three scripts, one acknowledgement with a time from
Pakistan business hours, one reminder, back to the bot, no bounce after a resolution, every move
recorded; and two app instances on one PostgreSQL database staying quiet while a person owns it."""

from __future__ import annotations

import datetime as dt
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app.parts import build_assistant, build_queue, open_store
from bot.conversation import escalation
from bot.conversation.assistant import Assistant
from bot.conversation.escalation import InvalidTransition, move
from bot.conversation.messages import InboundMessage, Reply
from bot.queue.accounts import Accounts
from bot.queue.hours import BusinessHours
from bot.queue.summary import Line, summarize
from bot.retrieval.knowledge import Knowledge
from bot.settings import Settings
from bot.storage.models import QueueItem, Transition
from bot.storage.states import ConversationStatus, Priority, StaffRole

PKT = dt.timezone(dt.timedelta(hours=5))
#: Friday 27 November 2026, 11:00 in Karachi
FRIDAY_MORNING = dt.datetime(2026, 11, 27, 11, 0, tzinfo=PKT)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def settings(bundled: Knowledge, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, knowledge_dir=bundled.settings.knowledge_dir)


@pytest.fixture
def assistant(settings: Settings, bundled: Knowledge) -> Assistant:
    bot = build_assistant(settings, bundled)
    bot.clock = Clock(FRIDAY_MORNING)
    return bot


def say(bot: Assistant, user: str, text: str) -> Reply:
    return bot.handle(InboundMessage("whatsapp", user, text))


def moves(bot: Assistant, user: str) -> list[tuple[str, str, str, str]]:
    state = bot.store.conversation_state("whatsapp", user)
    with bot.store.session() as session:
        return [(t.from_state, t.to_state, t.actor, t.reason) for t in session.scalars(
            select(Transition).where(Transition.conversation_id == state.id).order_by(Transition.id))]


def item(bot: Assistant, user: str) -> QueueItem:
    state = bot.store.conversation_state("whatsapp", user)
    with bot.store.session() as session:
        found = session.scalar(select(QueueItem).where(QueueItem.conversation_id == state.id)
                               .order_by(QueueItem.id.desc()).limit(1))
    assert found is not None
    return found


# -- business hours ------------------------------------------------------------------------------------------
def test_due_times_count_only_office_hours_and_skip_holidays() -> None:
    hours = BusinessHours()
    friday_late = dt.datetime(2026, 11, 27, 16, 30, tzinfo=PKT)
    assert hours.due(friday_late, Priority.HIGH).astimezone(PKT) == dt.datetime(2026, 11, 30, 10, 30, tzinfo=PKT)
    assert hours.is_open(FRIDAY_MORNING) and not hours.is_open(dt.datetime(2026, 11, 28, 11, 0, tzinfo=PKT))
    # Pakistan Day (Monday 23 March 2026) is a public holiday: Sunday night's message waits for Tuesday
    sunday_night = dt.datetime(2026, 3, 22, 22, 0, tzinfo=PKT)
    assert hours.next_open(sunday_night) == dt.datetime(2026, 3, 24, 9, 0, tzinfo=hours.zone)


def test_when_text_in_three_languages() -> None:
    now = dt.datetime(2026, 11, 27, 22, 0, tzinfo=PKT)  # Friday night
    monday = dt.datetime(2026, 11, 30, 13, 0, tzinfo=PKT)
    assert escalation.when_text(monday, now, "en") == "on Monday by 13:00 (Pakistan time, office hours)"
    assert escalation.when_text(monday, now, "ur").startswith("پیر کو 13:00")
    assert escalation.when_text(monday, now, "roman_ur").startswith("Peer ko 13:00")
    assert escalation.when_text(now + dt.timedelta(minutes=30), now, "en") == "within the hour"


def test_the_state_machine_refuses_moves_not_in_its_table() -> None:
    assert move(ConversationStatus.QUEUED, ConversationStatus.HUMAN) == ConversationStatus.HUMAN
    with pytest.raises(InvalidTransition):
        move(ConversationStatus.BOT, ConversationStatus.RESOLVED)


@pytest.mark.parametrize(("text", "wants"), [
    ("back to bot", True), ("bot se baat karni hai", True), ("مجھے بوٹ سے بات کرنی ہے", True),
    ("mujhe insaan se baat karni hai", False)])
def test_back_to_bot_phrases(text: str, wants: bool) -> None:
    assert escalation.wants_bot(text) is wants


def test_triggers_route_and_rank() -> None:
    assert escalation.urgency("I was harassed at the park") == Priority.URGENT
    assert escalation.urgency("mujhe shikayat karni hai") == Priority.HIGH
    assert escalation.urgency("what is the rent subsidy?") is None
    assert escalation.team_for("Bagh ke women park mein jagah hai?") == "bagh-women"
    assert escalation.team_for("باغ پارک") == "bagh-women"
    assert escalation.team_for("how do I apply for tenancy") == "applications"
    assert escalation.team_for("what is an STP") == "general"


def test_summary_in_english_and_urdu() -> None:
    lines = [Line("in", "Bagh women park mein rent kitna hai?", "roman_ur"), Line("out", "…", "roman_ur"),
             Line("in", "insaan se baat karni hai", "roman_ur")]
    en, ur = summarize(lines, channel="whatsapp", language="roman_ur", reason="asked")
    assert "WhatsApp" in en and "Roman Urdu" in en and "women-only park (Bagh)" in en and "asked for a person" in en
    assert "واٹس ایپ" in ur and "خواتین کا پارک" in ur and "“insaan se baat karni hai”" in ur


# -- the conversation ------------------------------------------------------------------------------------------
def test_one_acknowledgement_with_a_time_then_silence_then_one_reminder(assistant: Assistant) -> None:
    user, clock = f"whatsapp:+92300{uuid.uuid4().int % 10**7:07d}", assistant.clock
    assert isinstance(clock, Clock)
    ack = say(assistant, user, "mujhe insaan se baat karni hai")
    assert ack.escalated and "aaj 15:00 baje tak" in ack.reply  # Friday 11:00 + 4 office hours
    clock.now += dt.timedelta(hours=1)
    assert say(assistant, user, "hello?").silent
    clock.now += dt.timedelta(hours=5)
    reminder = say(assistant, user, "koi hai?")
    assert not reminder.silent and "intezar" in reminder.reply.lower()
    clock.now += dt.timedelta(hours=9)
    assert say(assistant, user, "???").silent  # one reminder only
    assert moves(assistant, user) == [("bot", "queued", "user", "asked")]
    queued = item(assistant, user)
    assert queued.team == "general" and queued.priority == "normal" and "Roman Urdu" in queued.summary_en


def test_an_out_of_hours_question_is_told_the_next_working_day(assistant: Assistant) -> None:
    assert isinstance(assistant.clock, Clock)
    assistant.clock.now = dt.datetime(2026, 11, 27, 22, 0, tzinfo=PKT)  # Friday 10 pm
    ack = say(assistant, f"whatsapp:+92301{uuid.uuid4().int % 10**7:07d}", "میں نمائندے سے بات کرنا چاہتی ہوں")
    assert "پیر کو 13:00" in ack.reply  # Monday 09:00 + 4 office hours


def test_distress_words_go_to_a_person_at_once_with_urgent_priority(assistant: Assistant) -> None:
    user = f"whatsapp:+92302{uuid.uuid4().int % 10**7:07d}"
    reply = say(assistant, user, "I am being harassed by someone at the park, please help")
    assert reply.escalated and "within the hour" in reply.reply
    assert item(assistant, user).priority == "urgent"
    assert moves(assistant, user) == [("bot", "queued", "bot", "complaint")]


def test_two_unanswerable_questions_in_a_row_reach_a_person(assistant: Assistant) -> None:
    user = f"whatsapp:+92303{uuid.uuid4().int % 10**7:07d}"
    first = say(assistant, user, "What is the phone number of the Quetta STP?")
    assert not first.escalated and first.choices
    second = say(assistant, user, "What is the email of the Quetta STP office?")
    assert second.escalated and not second.choices and "person" in second.reply
    assert moves(assistant, user) == [("bot", "queued", "bot", "low_confidence")]


def test_a_configured_topic_goes_to_its_team(settings: Settings, bundled: Knowledge) -> None:
    bot = build_assistant(settings.model_copy(update={"escalate_topics": "bagh-women"}), bundled)
    user = f"whatsapp:+92304{uuid.uuid4().int % 10**7:07d}"
    reply = say(bot, user, "Bagh ke women park mein kitni companies hain?")
    assert reply.escalated
    assert item(bot, user).team == "bagh-women" and moves(bot, user)[0][3] == "topic"


def test_after_a_resolution_the_bot_answers_and_does_not_bounce_back(assistant: Assistant) -> None:
    user = f"whatsapp:+92305{uuid.uuid4().int % 10**7:07d}"
    queue = build_queue(Settings(), assistant.store)
    agent = Accounts(assistant.store).add(f"a{uuid.uuid4().hex[:8]}", "a long password", StaffRole.AGENT)
    say(assistant, user, "talk to a person")
    conversation = assistant.store.conversation_state("whatsapp", user).id
    assert conversation is not None
    queue.claim(conversation, agent)
    assert say(assistant, user, "are you there?").silent
    queue.resolve(conversation, agent)
    for question in ("What is the phone number of the Quetta STP?", "What is the email of the Quetta STP office?"):
        reply = say(assistant, user, question)
        assert not reply.escalated and reply.reply  # answered; not sent back into the queue by the bot
    assert say(assistant, user, "yes").escalated  # the user's own request still works
    assert [m[1] for m in moves(assistant, user)] == ["queued", "human", "resolved", "bot", "queued"]


def test_two_app_instances_on_one_database_stay_quiet_while_a_person_owns_it(
        postgres_url: str, bundled: Knowledge, tmp_path: Path) -> None:
    """Each instance has its own engine and assistant, as two `parkbot serve` processes would; messages
    reach both at once while a person owns the conversation, and neither says anything."""
    settings = Settings(data_dir=tmp_path, knowledge_dir=bundled.settings.knowledge_dir, database_url=postgres_url)
    first = build_assistant(settings, bundled, store=open_store(settings))
    second = build_assistant(settings, bundled, store=open_store(settings))
    staff_store = open_store(settings)
    queue = build_queue(settings, staff_store)
    agent = Accounts(staff_store).add("agent-pg", "a long password", StaffRole.AGENT)
    user = f"whatsapp:+92306{uuid.uuid4().int % 10**7:07d}"
    assert say(first, user, "talk to a person").escalated
    conversation = second.store.conversation_state("whatsapp", user).id
    assert conversation is not None
    queue.claim(conversation, agent)
    texts = [f"message {n}" for n in range(12)]
    with ThreadPoolExecutor(4) as pool:
        replies = list(pool.map(lambda n: say((first, second)[n % 2], user, texts[n]), range(12)))
    assert all(r.silent and r.intent == "human_handling" for r in replies)
    queue.resolve(conversation, agent)
    assert say(second, user, "What is an STP?").reply  # the bot answers again, from either instance
    assert [m[1] for m in moves(first, user)] == ["queued", "human", "resolved", "bot"]


def test_the_migrations_build_exactly_the_models_tables(tmp_path: Path) -> None:
    """Migration 0005 (staff, queue items, transitions, notes, audit log) matches bot/storage/models.py."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bot.storage.engine import make_engine, migrate
    from bot.storage.models import Base

    engine = make_engine(f"sqlite:///{tmp_path / 'schema.db'}")
    migrate(engine)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_a_booking_step_that_keeps_failing_reaches_a_person(assistant: Assistant) -> None:
    user = f"whatsapp:+92306{uuid.uuid4().int % 10**7:07d}"
    say(assistant, user, "I want to book a meeting room at the Lahore STP tomorrow at 3pm for 4 people")
    say(assistant, user, "Bilal Ahmed")
    replies = [say(assistant, user, bad) for bad in ("12", "0300", "12345")]
    assert not replies[0].escalated and not replies[1].escalated
    assert replies[2].escalated and replies[2].flow is None and "person" in replies[2].reply
    assert moves(assistant, user)[-1][3] == "flow_failed"
    assert say(assistant, user, "hello?").silent  # queued: the bot no longer asks for the phone


@pytest.mark.parametrize("turns", [["gilgit me koi stp hai?", "us ka address?", "size?"],
                                   ["آج موسم کیسا ہے", "بریانی کیسے بناتے ہیں"],
                                   ["how do i get office space in an stp", "whats the rent per sq ft"],
                                   ["what is the monthly rent at the quetta stp?",
                                    "what is the monthly rent at the swat stp?"]])
def test_two_different_questions_the_bot_lacks_are_not_a_retry(assistant: Assistant, turns: list[str]) -> None:
    """New users asking another park detail, or two things off topic, were handed to a person the bot chose for
    them, and every later question got "a person has this conversation": a person is offered, not imposed."""
    user = f"whatsapp:+92306{uuid.uuid4().int % 10**7:07d}"
    replies = [say(assistant, user, text) for text in turns]
    assert not any(r.escalated for r in replies), [r.reply for r in replies]
    assert moves(assistant, user) == []
    assert not say(assistant, user, "what is the internet subsidy?").silent


def test_ok_with_a_question_after_an_offer_is_a_question_not_a_yes(assistant: Assistant) -> None:
    """"ok and timings?" right after a person was offered handed the user over; the timings went unanswered."""
    user = f"whatsapp:+92307{uuid.uuid4().int % 10**7:07d}"
    say(assistant, user, "abbottabad me park hai kya")
    rent = say(assistant, user, "اس کا کرایہ؟")
    assert rent.choices  # a person offered
    reply = say(assistant, user, "ok and timings?")
    assert not reply.escalated and "hours" in reply.reply, reply.reply
    assert moves(assistant, user) == []


def test_delete_my_data_while_a_person_has_the_conversation_erases_it_and_the_queues_quotes(
        assistant: Assistant) -> None:
    """"delete my data" while a person owned the conversation got "a person has this conversation" and erased
    nothing; once erased, the queue item's summary still quoted the user's CNIC and e-mail."""
    user = f"whatsapp:+92305{uuid.uuid4().int % 10**7:07d}"
    queue = build_queue(Settings(), assistant.store)
    agent = Accounts(assistant.store).add(f"a{uuid.uuid4().hex[:8]}", "a long password", StaffRole.AGENT)
    for text in ("my cnic is 35202-1234567-1, email zainab@example.com", "talk to a person"):
        assistant.handle(InboundMessage("whatsapp", user, text, verified=True))
    conversation = assistant.store.conversation_state("whatsapp", user).id
    assert conversation is not None and "35202" in item(assistant, user).summary_en
    queue.claim(conversation, agent)
    erased = assistant.handle(InboundMessage("whatsapp", user, "delete my data", verified=True))
    assert erased.intent == "privacy" and not erased.silent, erased.reply
    assert "35202" not in item(assistant, user).summary_en + item(assistant, user).summary_ur
