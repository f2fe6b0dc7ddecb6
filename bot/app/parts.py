"""The parts of parkbot, built from settings and passed into each other here, and only here.

``serve``, the CLI commands, the evals and the tests all assemble the product through these
functions, so there is one way to build it; no part fetches its dependencies through another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.conversation.assistant import Assistant
from bot.flows.engine import FlowEngine
from bot.flows.spec import FlowSpec, bundled_flows, load_flows
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
        report = Indexer(index).sync([settings.knowledge_dir], progress=progress)
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


def build_assistant(settings: Settings, knowledge: Knowledge | None = None, *, model: ChatModel | None = None,
                    store: Store | None = None) -> Assistant:
    knowledge = knowledge or open_knowledge(settings)
    directory = Directory.load(settings.knowledge_dir)
    grounded = GroundedComposer(directory, knowledge.index, threshold=settings.answer_threshold)
    model = model if model is not None else chat_model(settings)
    composer: Composer = LLMComposer(model, grounded, timeout=settings.llm_timeout) if model is not None else grounded
    return Assistant(knowledge.retriever, knowledge.index.embedder, store or open_store(settings), directory,
                     composer, grounded, flows=FlowEngine(flows(settings), directory),
                     keep_delivered=settings.keep_delivered_requests)


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
    #: posts confirmed bookings and applications to the backend (started inside serve)
    deliveries: DeliveryWorker
    #: the backend's answers (POST /webhooks/backend/status)
    status: StatusCallbacks


def build_handoff(settings: Settings, store: Store, notify: Callable[[], None] | None = None
                  ) -> tuple[DeliveryWorker, StatusCallbacks]:
    """The webhook delivery worker and the status callback handler, over the same outbox as the channels."""
    outbox = Outbox(store)
    deliveries = DeliveryStore(store, outbox, settings.retry_schedule, settings.webhook_lease_seconds)
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


def build_parts(settings: Settings, knowledge: Knowledge | None = None) -> Parts:
    knowledge = knowledge or open_knowledge(settings)
    store = open_store(settings)
    assistant = build_assistant(settings, knowledge, store=store)
    channels = build_channels(settings, assistant, store)
    deliveries, status = build_handoff(settings, store, channels.pipeline.notify)
    assistant.flows.on_submit = deliveries.wake
    return Parts(settings, knowledge, store, assistant, channels, deliveries, status)
