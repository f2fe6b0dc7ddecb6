"""The knowledge index: a Chroma collection (through ``langchain-chroma``) plus its lexical twin.

Chroma is the one source of truth for what is indexed: chunk texts, metadata (with each source
file's content hash, so ingest can skip unchanged files) and vectors. The collection's metadata
records the embedder it was built with and an ``index_version`` that changes on every write; the
BM25 index is rebuilt from Chroma whenever that version moves, in this process or another one.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb import Where
from chromadb.api import ClientAPI
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings
from langchain_core.documents import Document

from bot.retrieval.embeddings import CachedQueryEmbeddings
from bot.retrieval.lexical import LexicalIndex
from bot.retrieval.memory import MAX_CHUNKS, MemoryIndex
from bot.retrieval.passages import contextual_text
from bot.settings import Settings

if TYPE_CHECKING:
    from langchain_chroma import Chroma

#: The per-chunk fields :meth:`KnowledgeIndex.get_all` can read (besides the ids).
Field = Literal["documents", "metadatas", "embeddings"]

#: Bumped when chunking or rendering changes, so ingest re-processes files whose bytes did not change.
#: 2: a listing's (CSV, YAML list) fields are one sentence each, naming the row ("STP Sahiwal: seats 80.").
PIPELINE_VERSION = "2"


class IndexMismatchError(RuntimeError):
    """The index was built with another embedding model; its vectors cannot be compared to ours."""


def chroma_client(settings: Settings) -> ClientAPI:
    """Embedded ``PersistentClient`` under the data dir, or ``HttpClient`` for ``PARKBOT_CHROMA_URL``."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(f"PARKBOT_CHROMA_URL must look like http://host:port, got {settings.chroma_url!r}")
        return chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


@dataclass(frozen=True)
class Hit:
    """One chunk found by one retriever, with that retriever's score (and the chunk, if it came along)."""

    id: str
    score: float
    doc: Document | None = None


class KnowledgeIndex:
    """Reads and writes the indexed chunks; knows nothing about queries' languages or fusion."""

    def __init__(self, settings: Settings, embedder: CachedQueryEmbeddings,
                 client: ClientAPI | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.client = client or chroma_client(settings)
        #: an embedded store this index opened itself (reopened when another process writes to it)
        self._own_embedded = client is None and not settings.chroma_url
        self._known_version: str | None = None
        self._lock = threading.RLock()
        self._lexical: LexicalIndex | None = None
        self._memory: MemoryIndex | None = None
        self._memory_version: str | None = None
        self._aligned: tuple[MemoryIndex, LexicalIndex, np.ndarray] | None = None
        self._checked_at = 0.0
        self._open_collection()

    # -- collection lifecycle ------------------------------------------------------------------
    def _open_collection(self) -> None:
        name = self.settings.collection
        try:
            collection = self.client.get_collection(name)
        except Exception:  # chromadb raises NotFoundError / ValueError depending on client type
            collection = self.client.create_collection(
                name,
                configuration={"hnsw": {"space": "cosine", "ef_construction": 128, "ef_search": 96}},
                metadata={"embedder": self.embedder.embedder_id, "index_version": "empty"},
            )
        built_with = (collection.metadata or {}).get("embedder")
        if built_with != self.embedder.embedder_id:
            raise IndexMismatchError(
                f"The index '{name}' was built with the embedding model '{built_with}', but this run uses "
                f"'{self.embedder.embedder_id}'. Re-index with `parkbot ingest --rebuild PATH...`, or set "
                "PARKBOT_EMBEDDER / PARKBOT_ST_MODEL back to the model the index was built with."
            )
        self.collection = collection
        self._store: Chroma | None = None

    @property
    def store(self) -> Chroma:
        """LangChain's Chroma vector store over the collection, for indexes too large to search in memory.
        Made on first use: importing ``langchain_chroma`` (and the langsmith it pulls in) cost every start,
        and every CLI call, half a second or more, while an index under ``MAX_CHUNKS`` never needs it."""
        if self._store is None:
            from langchain_chroma import Chroma

            self._store = Chroma(client=self.client, collection_name=self.settings.collection,
                                 embedding_function=self.embedder, create_collection_if_not_exists=False)
        return self._store

    def rebuild(self) -> None:
        """Drop everything and start an empty index for the current embedder."""
        with self._lock:
            with contextlib.suppress(Exception):  # missing already
                self.client.delete_collection(self.settings.collection)
            self._lexical = None
            self._memory = self._memory_version = None
            self._open_collection()

    def count(self) -> int:
        return self.collection.count()

    @property
    def version(self) -> str:
        return str((self.collection.metadata or {}).get("index_version", "empty"))

    def _bump_version(self) -> None:
        meta = dict(self.collection.metadata or {})
        meta["index_version"] = f"{time.time():.6f}-{uuid.uuid4().hex[:8]}"
        self.collection.modify(metadata=meta)
        self._known_version = meta["index_version"]  # our own write: nothing to reopen
        self._checked_at = 0.0

    # -- writes -------------------------------------------------------------------------------
    def get_all(self, include: list[Field], page: int = 5000) -> dict[str, list[Any]]:
        """Every chunk, read in pages: one unbounded ``get`` overflows SQLite's variable limit at ~30k rows."""
        out: dict[str, list[Any]] = {"ids": [], **{key: [] for key in include}}
        offset = 0
        while True:
            part = self.collection.get(include=[*include], limit=page, offset=offset)
            out["ids"] += part["ids"]
            for key in include:
                values = part[key]
                out[key] += [] if values is None else list(values)
            if len(part["ids"]) < page:
                return out
            offset += page

    def file_hashes(self) -> dict[str, str]:
        """source_path -> content hash of every file that has chunks in the index."""
        result = self.get_all(["metadatas"])
        hashes: dict[str, str] = {}
        for meta in result["metadatas"]:
            if meta and meta.get("source_path"):
                hashes[str(meta["source_path"])] = str(meta.get("file_hash", ""))
        return hashes

    def delete_sources(self, paths: Sequence[str]) -> None:
        with self._lock:
            for path in paths:
                self.collection.delete(where={"source_path": path})

    def add_chunks(self, chunks: Sequence[Document], vectors: np.ndarray) -> None:
        """Upsert chunks with precomputed vectors, in batches the server accepts."""
        batch = max(1, min(self.client.get_max_batch_size(), 2000))
        with self._lock:
            for start in range(0, len(chunks), batch):
                part = chunks[start : start + batch]
                self.collection.upsert(
                    ids=[c.id or "" for c in part],
                    embeddings=vectors[start : start + batch],
                    documents=[c.page_content for c in part],
                    metadatas=[_clean_meta(c.metadata) for c in part],
                )

    def commit(self) -> None:
        """Mark the index as changed so every reader rebuilds its lexical index."""
        with self._lock:
            self._bump_version()

    # -- reads --------------------------------------------------------------------------------
    def refresh(self, max_age: float = 2.0) -> None:
        """Re-read the collection's version (at most every ``max_age`` s) to see other writers' changes."""
        now = time.monotonic()
        if now - self._checked_at < max_age:
            return
        with self._lock:
            self.collection = self.client.get_collection(self.settings.collection)
            version = self.version
            if self._own_embedded and self._known_version not in (None, version):
                # another process (`parkbot ingest` next to `serve`) wrote to the embedded store: this process's
                # cached segments no longer know its chunks ("Error finding id" on every read), so reopen it
                SharedSystemClient.clear_system_cache()
                self.client = chroma_client(self.settings)
                self.collection = self.client.get_collection(self.settings.collection)
            self._known_version = version
            self._checked_at = now

    def lexical(self) -> LexicalIndex:
        """The BM25 index for the current version: from memory, from the snapshot, or rebuilt."""
        self.refresh()
        version = self.version
        current = self._lexical
        if current is not None and current.version == version:
            return current
        with self._lock:
            if self._lexical is not None and self._lexical.version == version:
                return self._lexical
            folder = self.settings.lexical_path / self.settings.collection
            index = LexicalIndex.load(folder, version)
            if index is None:
                data = self.get_all(["documents", "metadatas"])
                metas = [m or {} for m in data["metadatas"]]
                texts = [contextual_text(t or "", m) for t, m in zip(data["documents"], metas, strict=True)]
                index = LexicalIndex.build(data["ids"], texts, metas, version)
                index.save(folder)
            self._lexical = index
            return index

    def memory(self) -> MemoryIndex | None:
        """Texts and vectors of the current version in memory, or None for an index too large to copy."""
        self.refresh()
        version = self.version
        if self._memory_version == version:
            return self._memory
        with self._lock:
            if self._memory_version != version:
                memory = None
                if self.collection.count() <= MAX_CHUNKS:
                    data = self.get_all(["documents", "metadatas", "embeddings"])
                    memory = MemoryIndex.build(data["ids"], data["documents"], data["metadatas"],
                                               data["embeddings"], version)
                self._memory, self._memory_version = memory, version
            return self._memory

    def dense(self, vector: Sequence[float], k: int, filters: dict[str, Any] | None = None) -> list[Hit]:
        """Nearest chunks by cosine similarity (exact, in memory; Chroma's HNSW for large indexes)."""
        lexical = self.lexical()
        memory = self.memory()
        if memory is not None and memory.version == lexical.version:
            mask = lexical.mask(filters)
            if mask is not None:
                mask = np.append(mask, 0.0)[self._alignment(memory, lexical)]
            return [Hit(memory.ids[n], score, memory.docs[n]) for n, score in memory.nearest(vector, k, mask)]
        pairs = self.store.similarity_search_by_vector_with_relevance_scores(
            list(vector), k=k, filter=lexical.chroma_where(filters))
        return [Hit(doc.id or "", 1.0 - float(distance), doc) for doc, distance in pairs]

    def _alignment(self, memory: MemoryIndex, lexical: LexicalIndex) -> np.ndarray:
        """For each memory row, its lexical row (or -1): filters are computed on the lexical side."""
        cached = self._aligned
        if cached is not None and cached[0] is memory and cached[1] is lexical:
            return cached[2]
        order = np.array([lexical.row.get(i, -1) for i in memory.ids], dtype=np.int64)
        self._aligned = (memory, lexical, order)
        return order

    def get(self, ids: Sequence[str]) -> dict[str, Document]:
        """Chunks by id, as documents with their metadata."""
        if not ids:
            return {}
        memory = self.memory()
        if memory is not None:
            return memory.get(ids)
        data = self.collection.get(ids=list(ids), include=["documents", "metadatas"])
        return {
            chunk_id: Document(page_content=text or "", metadata=meta or {}, id=chunk_id)
            for chunk_id, text, meta in zip(data["ids"], data["documents"] or [], data["metadatas"] or [],
                                            strict=True)
        }

    def section(self, record_id: str, lang: str, chunk_index: int) -> Document | None:
        """A document's section in another language at the same position, if it was translated."""
        memory = self.memory()
        if memory is not None:
            return memory.section(record_id, lang, chunk_index)
        clauses: list[Where] = [{"record_id": record_id}, {"lang": lang}, {"chunk_index": chunk_index}]
        found = self.collection.get(where={"$and": clauses}, include=["documents", "metadatas"], limit=1)
        if not found["ids"]:
            return None
        return Document(page_content=(found["documents"] or [""])[0] or "",
                        metadata=(found["metadatas"] or [{}])[0] or {}, id=found["ids"][0])


def _clean_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Chroma takes str/int/float/bool values only, and no None."""
    clean: dict[str, Any] = {}
    for key, value in meta.items():
        if value is None or value == "":
            continue
        clean[key] = value if isinstance(value, (str, int, float, bool)) else str(value)
    return clean
