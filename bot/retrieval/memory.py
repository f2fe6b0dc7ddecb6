"""An in-memory copy of a small index: chunk texts, metadata and unit vectors as one matrix.

The shipped knowledge base is a few hundred chunks. Asking Chroma for their nearest neighbours,
then again for the texts of lexical-only hits and for the other-language section of a document,
cost three round trips per answer (about 5 ms of a 20 ms turn on two cores). Held here, an exact
cosine search is one matrix-vector product (well under a millisecond at 10k chunks) and every read
is a dictionary lookup.

It is derived data, like the BM25 index: rebuilt from Chroma whenever the collection's
``index_version`` moves, so Chroma stays the one source of truth and several processes still share a
Chroma server. Above :data:`MAX_CHUNKS` the copy is not made and Chroma's HNSW index answers instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from langchain_core.documents import Document

#: Larger indexes stay in Chroma only (a 50k x 384 float32 matrix is 77 MB).
MAX_CHUNKS = 50_000


@dataclass
class MemoryIndex:
    """Every chunk of one index version: ``vectors[n]`` belongs to ``ids[n]``."""

    ids: list[str]
    docs: list[Document]
    vectors: np.ndarray
    version: str
    row: dict[str, int] = field(init=False, repr=False)
    sections: dict[tuple[str, str, int], int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.row = {chunk_id: n for n, chunk_id in enumerate(self.ids)}
        self.sections = {}
        for n, doc in enumerate(self.docs):
            meta = doc.metadata
            key = (str(meta.get("record_id", "")), str(meta.get("lang", "")), int(meta.get("chunk_index", 0) or 0))
            self.sections.setdefault(key, n)

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str | None], metadatas: Sequence[dict[str, Any] | None],
              vectors: npt.ArrayLike, version: str) -> MemoryIndex:
        docs = [Document(page_content=t or "", metadata=m or {}, id=i)
                for i, t, m in zip(ids, texts, metadatas, strict=True)]
        matrix = np.asarray(vectors, dtype=np.float32).reshape(len(docs), -1) if len(docs) else np.zeros((0, 0))
        norms = np.linalg.norm(matrix, axis=1, keepdims=True) if len(docs) else np.ones((0, 1))
        return cls(list(ids), docs, matrix / np.maximum(norms, 1e-12), version)

    def nearest(self, vector: Sequence[float], k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The ``k`` rows most similar to ``vector`` (cosine), best first, among rows where ``mask`` is 1."""
        if not self.ids or k <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32)
        scores = self.vectors @ (query / max(float(np.linalg.norm(query)), 1e-12))
        if mask is not None:
            scores = np.where(mask > 0, scores, -np.inf)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        best = scores[top]
        finite = np.isfinite(best)  # one array operation, not one numpy scalar call per hit
        if not finite.all():
            top, best = top[finite], best[finite]
        return list(zip(top.tolist(), best.tolist(), strict=True))

    def get(self, ids: Sequence[str]) -> dict[str, Document]:
        return {chunk_id: self.docs[self.row[chunk_id]] for chunk_id in ids if chunk_id in self.row}

    def section(self, record_id: str, lang: str, chunk_index: int) -> Document | None:
        """The chunk of a document in another language at the same position (parallel translations)."""
        n = self.sections.get((record_id, lang, chunk_index))
        return None if n is None else self.docs[n]
