"""Precomputed passage vectors: what lets a fresh install answer in seconds instead of embedding first.

Embedding the bundled ``knowledge/`` (about 300 passages) takes over a minute on two cores, and every
fresh data directory used to pay it before its first answer. The knowledge folder therefore ships its
passages' vectors in ``knowledge/.vectors/<embedder>.npz`` (rebuilt by ``parkbot vectors``).

Each vector is stored under ``sha256(embedder id + NUL + the exact text that is embedded)``. A lookup
only ever finds a vector for the very text and model it was computed for: an edited passage, a file
the folder never shipped or another embedding model simply misses, and the indexer embeds those as
before. A stale file can make ingest slower, never wrong.

The vectors are stored as the model computed them (float32; a passage embedded in another batch differs
by at most 1.5e-8 per component), so an index built from them is the index embedding would have built:
every evaluation question gets the same top 10 with the same scores. float16 would halve the file, but
its rounding (up to 3e-4 in a score) reordered near-tied passages in the top 10 of 4 of the 331
questions.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

#: The folder inside a knowledge folder that holds its vectors (hidden, so ingest never indexes it).
VECTORS_DIR = ".vectors"
#: Bumped if the file's layout changes; files of another format are ignored (and re-embedded around).
FORMAT = 1


def passage_key(embedder_id: str, text: str) -> bytes:
    """The key a passage's vector is stored under: the model and the exact embedded text, nothing else."""
    return hashlib.sha256(f"{embedder_id}\0{text}".encode()).digest()


def vectors_file(folder: Path, embedder_id: str) -> Path:
    """Where a knowledge folder keeps the vectors of one embedding model (one file per model)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", embedder_id).strip("-.")[:100] or "embedder"
    return folder / VECTORS_DIR / f"{slug}.npz"


@dataclass(frozen=True)
class PassageVectors:
    """The vectors of one knowledge folder for one embedding model, looked up by passage text."""

    embedder_id: str
    rows: dict[bytes, int]
    vectors: np.ndarray  #: (N, dim) float32, as the model computed them

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, text: str) -> np.ndarray | None:
        """The vector computed for exactly this text with this model, or None."""
        row = self.rows.get(passage_key(self.embedder_id, text))
        return None if row is None else self.vectors[row]

    @classmethod
    def load(cls, path: Path, embedder_id: str, dimension: int | None = None) -> PassageVectors | None:
        """The file's vectors, or None when it is missing, unreadable, or for another model or size.

        A bad file is logged and ignored rather than raised: it only costs the embedding it would have saved.
        """
        try:
            stat = path.stat()
        except OSError:
            return None
        loaded = _load(path, stat.st_mtime_ns, stat.st_size, embedder_id)
        if loaded is None or (dimension and loaded.vectors.shape[1] != dimension):
            return None
        return loaded

    @staticmethod
    def save(path: Path, embedder_id: str, texts: Sequence[str], vectors: np.ndarray) -> int:
        """Write the vectors of ``texts`` (one row each; repeated texts stored once); returns the count."""
        if len(texts) != len(vectors):
            raise ValueError(f"{len(texts)} texts but {len(vectors)} vectors")
        rows: dict[bytes, int] = {}
        for n, text in enumerate(texts):
            rows.setdefault(passage_key(embedder_id, text), n)
        keys = sorted(rows)  # a stable order: rebuilding unchanged knowledge rewrites the same bytes
        matrix = np.asarray(vectors, dtype=np.float32)
        if matrix.ndim != 2:
            raise ValueError(f"vectors must be an (N, dim) array, got shape {matrix.shape}")
        matrix = matrix[[rows[k] for k in keys]]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("wb") as handle:
            np.savez(handle, format=np.int64(FORMAT), embedder=np.str_(embedder_id),
                     keys=np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), 32),
                     vectors=matrix)
        tmp.replace(path)
        return len(keys)


@lru_cache(maxsize=16)
def _load(path: Path, mtime_ns: int, size: int, embedder_id: str) -> PassageVectors | None:
    """Read a file once per version (every folder synced under it shares it)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            if int(data["format"]) != FORMAT or str(data["embedder"]) != embedder_id:
                return None
            keys = data["keys"]
            vectors = data["vectors"].astype(np.float32, copy=False)
    except (OSError, KeyError, ValueError) as exc:
        log.warning("ignoring precomputed vectors %s: %s", path, exc)
        return None
    if keys.ndim != 2 or keys.shape[1] != 32 or vectors.ndim != 2 or len(keys) != len(vectors):
        log.warning("ignoring precomputed vectors %s: malformed arrays", path)
        return None
    return PassageVectors(embedder_id, {bytes(k): n for n, k in enumerate(keys)}, vectors)


def nearest_vectors(path: Path, embedder_id: str, dimension: int | None = None) -> PassageVectors | None:
    """The vectors of the knowledge folder a file belongs to: the nearest ``.vectors/`` among its folder
    and up to three parents, the same rule that finds its ``sources.yaml``."""
    for folder in [path.parent, *path.parent.parents][:4]:
        candidate = vectors_file(folder, embedder_id)
        if candidate.is_file():
            return PassageVectors.load(candidate, embedder_id, dimension)
    return None
