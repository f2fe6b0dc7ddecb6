"""Wiring: settings -> knowledge, store, directory, composer -> :class:`Assistant`.

The CLI, the web app and the tests all build the assistant here, so there is one way to assemble it.
"""

from __future__ import annotations

from bot.answer import GroundedComposer, LLMComposer
from bot.assistant import Assistant
from bot.config import Settings
from bot.directory import Directory
from bot.knowledge import Knowledge, open_knowledge
from bot.store import Store


def chat_model(settings: Settings):
    """The configured LangChain chat model (``provider:model``), or None for grounded answers only."""
    if not settings.llm_model:
        return None
    from langchain.chat_models import init_chat_model

    kwargs = {"base_url": settings.llm_base_url} if settings.llm_base_url else {}
    return init_chat_model(settings.llm_model, timeout=settings.llm_timeout, **kwargs)


def build_assistant(settings: Settings, knowledge: Knowledge | None = None, *, model=None) -> Assistant:
    knowledge = knowledge or open_knowledge(settings)
    directory = Directory.load(settings.knowledge_dir)
    grounded = GroundedComposer(directory, knowledge.index, threshold=settings.answer_threshold)
    model = model if model is not None else chat_model(settings)
    composer = LLMComposer(model, grounded, timeout=settings.llm_timeout) if model is not None else grounded
    return Assistant(knowledge.retriever, Store(settings.sqlalchemy_url), directory, composer)
