"""The opened knowledge: the index and the retriever over it, as one value the app passes around."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from bot.retrieval.index import KnowledgeIndex
from bot.retrieval.search import Retriever
from bot.settings import Settings


class SyncReport(Protocol):
    """What syncing the bundled knowledge into the index did (``ingest``'s ``IngestReport``)."""

    @property
    def errors(self) -> Mapping[str, str]: ...

    @property
    def chunks_embedded(self) -> int: ...

    @property
    def chunks_precomputed(self) -> int: ...

    def to_json(self) -> dict[str, object]: ...


@dataclass
class Knowledge:
    settings: Settings
    index: KnowledgeIndex
    retriever: Retriever
    #: What opening it synced from the bundled knowledge (an ``ingest`` report), if anything.
    bootstrap: SyncReport | None = None
