"""Opening the knowledge: embedder + index + retriever, with the bundled knowledge indexed on first use.

``open_knowledge(settings)`` is what ``serve``, ``ask``, ``search`` and the evals call. A fresh data
directory is a fresh install: the bundled ``knowledge/`` folder is synced into the index (a no-op when
nothing changed, so it is also how an upgraded knowledge base reaches an existing install).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.embeddings import CachedQueryEmbeddings, build_embedder
from bot.index import KnowledgeIndex
from bot.retrieval import Retriever
from ingest.indexer import Indexer, IngestReport, Progress


@dataclass
class Knowledge:
    settings: Settings
    index: KnowledgeIndex
    retriever: Retriever
    bootstrap: IngestReport | None = None


def open_knowledge(settings: Settings, *, embedder: CachedQueryEmbeddings | None = None,
                   sync_bundled: bool = True, progress: Progress | None = None) -> Knowledge:
    """Open (and on first use build) the index the settings point at."""
    index = KnowledgeIndex(settings, embedder or build_embedder(settings))
    report = None
    if sync_bundled and settings.knowledge_dir.is_dir():
        report = Indexer(index).sync([settings.knowledge_dir], progress=progress)
    return Knowledge(settings, index, Retriever(index), report)
