"""The parts of parkbot, built from settings and passed into each other here, and only here.

``serve``, the CLI commands, the evals and the tests all assemble the product through these
functions, so there is one way to build it; no part fetches its dependencies through another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.conversation.assistant import Assistant
from bot.conversation.questions import Answerer
from bot.flows.engine import FlowEngine
from bot.flows.spec import FlowSpec, bundled_flows, load_flows
from bot.language.spelling import Speller
from bot.queue.accounts import Accounts
from bot.queue.hours import parse_hours
from bot.queue.queue import Queue
from bot.retrieval.compose import ChatModel, Composer, GroundedComposer, LLMComposer
from bot.retrieval.directory import Directory
from bot.retrieval.embeddings import CachedQueryEmbeddings, build_embedder
from bot.retrieval.index import KnowledgeIndex
from bot.retrieval.knowledge import Knowledge
from bot.retrieval.search import Retriever
from bot.settings import Settings
from bot.storage.engine import ensure_schema, make_engine
from bot.storage.engine import migrate as upgrade_schema
from bot.storage.turns import Store
from handlers.hub import ChannelHub
from handlers.inbox import Inbox
from handlers.outbox import Outbox
from handlers.pipeline import Pipeline
from handlers.telegram import TelegramChannel
from handlers.twilio import TwilioChannel
from handlers.webhooks import DeliveryStore, DeliveryWorker, StatusCallbacks
from ingest.indexer import Indexer, Progress


def open_knowledge(settings: Settings, *, embedder: CachedQueryEmbeddings | None = None,
                   sync_bundled: bool = True, progress: Progress | None = None) -> Knowledge:
    """Open (and on first use build) the index the settings point at.

    A fresh data directory is a fresh install: the bundled ``knowledge/`` folder is synced into the
    index (a no-op when nothing changed, so it is also how an upgraded knowledge base reaches an
    existing install). Its passages take the vectors the folder ships (``knowledge/.vectors/``), so this
    costs a second, not a minute of embedding.
    """
    private_data_dir(settings)
    index = KnowledgeIndex(settings, embedder or build_embedder(settings))
    report = None
    if sync_bundled and settings.knowledge_dir.is_dir():
        # with the FAQ entries staff wrote (StaffFaq), so a rebuilt index keeps them
        staff = settings.resolved_data_dir / "faq"
        report = Indexer(index).sync([settings.knowledge_dir, *([staff] if staff.is_dir() else [])],
                                     progress=progress)
    return Knowledge(settings, index, Retriever(index), report)


def open_store(settings: Settings, *, migrate: bool = True) -> Store:
    """The conversation store. With ``migrate`` (serve, ingest, eval, ``parkbot migrate``) its schema is
    brought up to date; without it (one-off commands) a fresh database gets the schema and one that is
    behind raises :class:`bot.storage.engine.SchemaMismatchError`."""
    private_data_dir(settings)
    engine = make_engine(settings.sqlalchemy_url)
    if migrate:
        upgrade_schema(engine)
    else:
        ensure_schema(engine)
    return Store(engine)


def private_data_dir(settings: Settings) -> None:
    """Create the data directory readable by its owner only, if parkbot is the one creating it: it holds
    the conversations, the session key and the indexes. An existing directory keeps its mode."""
    path = settings.data_dir.expanduser().resolve()
    if not path.exists():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)


def chat_model(settings: Settings) -> ChatModel | None:
    """The configured LangChain chat model (``provider:model``), or None for grounded answers only."""
    if not settings.llm_model:
        return None
    from langchain.chat_models import init_chat_model

    if settings.llm_base_url:
        return init_chat_model(settings.llm_model, timeout=settings.llm_timeout, base_url=settings.llm_base_url)
    return init_chat_model(settings.llm_model, timeout=settings.llm_timeout)


def build_queue(settings: Settings, store: Store) -> Queue:
    """The escalation queue: business hours and teams from the settings."""
    hours = parse_hours(settings.business_hours_open, settings.business_hours_close, settings.business_days,
                        settings.business_timezone)
    return Queue(store, hours, [t.strip() for t in settings.queue_teams.split(",") if t.strip()])


def build_assistant(settings: Settings, knowledge: Knowledge | None = None, *, model: ChatModel | None = None,
                    store: Store | None = None, queue: Queue | None = None) -> Assistant:
    knowledge = knowledge or open_knowledge(settings)
    store = store or open_store(settings)
    directory = Directory.load(settings.knowledge_dir)
    specs = flows(settings)
    grounded = GroundedComposer(directory, knowledge.index, threshold=settings.answer_threshold)
    model = model if model is not None else chat_model(settings)
    composer: Composer = LLMComposer(model, grounded, timeout=settings.llm_timeout) if model is not None else grounded
    answerer = Answerer(knowledge.retriever, knowledge.index.embedder, directory, composer, grounded)
    return Assistant(answerer, store, directory, escalations=queue or build_queue(settings, store),
                     reminder_after=dt.timedelta(hours=settings.reminder_hours),
                     topic_teams=frozenset(t.strip() for t in settings.escalate_topics.split(",") if t.strip()),
                     flows=FlowEngine(specs, directory), keep_delivered=settings.keep_delivered_requests,
                     speller=build_speller(directory, specs))


def build_speller(directory: Directory, specs: dict[str, FlowSpec]) -> Speller:
    """The misspelling mender: into the words the records name things with and the flows' own words."""
    return Speller(directory.vocabulary() + Counter(w for spec in specs.values() for w in spec.words()))


def flows(settings: Settings) -> dict[str, FlowSpec]:
    """The bundled booking and application flows, plus any the operator declares in PARKBOT_FLOWS_FILE."""
    found = dict(bundled_flows())
    if settings.flows_file is not None:
        found.update(load_flows(settings.flows_file))
    return found


@dataclass
class Parts:
    """Everything one app process runs, built and wired."""

    settings: Settings
    knowledge: Knowledge
    store: Store
    assistant: Assistant
    channels: ChannelHub
    queue: Queue
    accounts: Accounts
    faq: StaffFaq
    #: posts confirmed bookings and applications to the backend (started inside serve)
    deliveries: DeliveryWorker
    #: the backend's answers (POST /webhooks/backend/status)
    status: StatusCallbacks


def delivery_store(settings: Settings, store: Store, outbox: Outbox | None = None) -> DeliveryStore:
    """The stored webhook deliveries (the worker's, `parkbot deliveries`' and the console's)."""
    return DeliveryStore(store, outbox or Outbox(store), settings.retry_schedule, settings.webhook_lease_seconds)


def build_handoff(settings: Settings, store: Store, notify: Callable[[], None] | None = None
                  ) -> tuple[DeliveryWorker, StatusCallbacks]:
    """The webhook delivery worker and the status callback handler, over the same outbox as the channels."""
    outbox = Outbox(store)
    deliveries = delivery_store(settings, store, outbox)
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    return (DeliveryWorker(settings, deliveries, notify=notify),
            StatusCallbacks(store, outbox, secret, notify=notify))


def build_channels(settings: Settings, assistant: Assistant, store: Store) -> ChannelHub:
    """Inbox, outbox, pipeline and the channels whose credentials are set (a channel without them is
    simply absent: its webhook answers 404)."""
    inbox = Inbox(store, rate_limit=settings.rate_limit, burst_seconds=settings.burst_seconds,
                  lease_seconds=settings.lease_seconds)
    outbox = Outbox(store)
    pipeline = Pipeline(assistant, store, inbox, outbox, {}, workers=settings.channel_workers)
    whatsapp = TwilioChannel(settings, inbox) if settings.twilio_configured else None
    telegram = TelegramChannel(settings, inbox) if settings.telegram_bot_token else None
    return ChannelHub(settings, inbox, outbox, pipeline, whatsapp=whatsapp, telegram=telegram)


class StaffFaq:
    """The knowledge-gap loop: an answer staff wrote becomes an FAQ entry in ``<data dir>/faq/staff-faq.yaml``
    (the format of ``knowledge/faq.yaml``) and is indexed at once through the ingest path, so ``parkbot
    search`` and the bot find it; the file survives a re-index and is kept out of the bundled folder."""

    def __init__(self, settings: Settings, knowledge: Knowledge, directory: Directory) -> None:
        self.folder = settings.resolved_data_dir / "faq"
        self.path = self.folder / "staff-faq.yaml"
        self.knowledge = knowledge
        #: the assistant's directory: an entry there is answered from its own fields in the user's language,
        #: as the bundled FAQ is (not from the indexed "Question: ... Answer: ..." text)
        self.directory = directory
        self._lock = threading.Lock()
        for record in self._records():
            self._remember(record)

    def _records(self) -> list[dict[str, Any]]:
        data = yaml.safe_load(self.path.read_text(encoding="utf-8")) if self.path.exists() else None
        return list((data or {}).get("faq") or [])

    def _remember(self, record: dict[str, Any]) -> None:
        self.directory.faq[:] = [r for r in self.directory.faq if r.get("id") != record["id"]] + [record]

    def __call__(self, entry: dict[str, Any]) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", entry["q_en"].lower()).strip("-")[:48] or "entry"
        record_id = f"staff-{slug}-{hashlib.blake2b(entry['q_en'].encode(), digest_size=3).hexdigest()}"
        roman = [entry["q_roman_ur"]] if entry.get("q_roman_ur") else []
        record: dict[str, Any] = {
            "id": record_id,
            "q": {"en": entry["q_en"], "ur": entry["q_ur"], **({"roman_ur": roman} if roman else {})},
            "a": {"en": entry["a_en"], "ur": entry["a_ur"],
                  **({"roman_ur": entry["a_roman_ur"]} if entry.get("a_roman_ur") else {})},
            "as_of": dt.date.today().isoformat(),
            "author": entry.get("author", "staff"),
        }
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            records = [r for r in self._records() if r.get("id") != record_id]
            records.append(record)
            staging = self.path.with_suffix(f".{os.getpid()}.tmp")
            staging.write_text("# FAQ entries written by staff in the console (parkbot's knowledge-gap loop).\n"
                               + yaml.safe_dump({"faq": records}, allow_unicode=True, sort_keys=False),
                               encoding="utf-8")
            staging.replace(self.path)
            report = Indexer(self.knowledge.index).sync([Path(self.folder)])
            self._remember(record)
        if report.errors:
            raise ValueError(f"the FAQ entry could not be indexed: {next(iter(report.errors.values()))}")
        return f"faq:{record_id}"


def build_parts(settings: Settings, knowledge: Knowledge | None = None) -> Parts:
    knowledge = knowledge or open_knowledge(settings)
    store = open_store(settings)
    queue = build_queue(settings, store)
    assistant = build_assistant(settings, knowledge, store=store, queue=queue)
    channels = build_channels(settings, assistant, store)
    deliveries, status = build_handoff(settings, store, channels.pipeline.notify)
    assistant.flows.on_submit = deliveries.wake
    return Parts(settings, knowledge, store, assistant, channels, queue, Accounts(store),
                 StaffFaq(settings, knowledge, assistant.directory), deliveries, status)
