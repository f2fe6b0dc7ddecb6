"""The opened knowledge: the index and the retriever over it, as one value the app passes around."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.retrieval.index import KnowledgeIndex
from bot.retrieval.search import Retriever
from bot.settings import Settings


@dataclass
class Knowledge:
    settings: Settings
    index: KnowledgeIndex
    retriever: Retriever
    #: What opening it synced from the bundled knowledge (an ``ingest`` report), if anything.
    bootstrap: Any = None
