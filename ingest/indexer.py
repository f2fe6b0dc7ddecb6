"""Keep the index in step with files on disk: incremental, per-file, never stopped by one bad file.

``sync(paths)`` hashes every supported file under the given paths (content + pipeline version +
embedding model). Unchanged files cost nothing but the hash; changed and new files are loaded,
chunked, embedded in batches and upserted; files that were indexed from under a given folder (or named
directly) and no longer exist leave the index. Each failure is reported with its reason while the
other files go on.

A passage whose exact text was embedded before by the same model and shipped with its knowledge
folder (``.vectors/``, see :mod:`ingest.vectors`) takes that vector instead of being embedded again:
that is what lets a fresh install index the bundled knowledge in a second instead of a minute.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.documents import Document

from bot.retrieval.embeddings import CachedQueryEmbeddings
from bot.retrieval.index import PIPELINE_VERSION, KnowledgeIndex
from bot.retrieval.passages import contextual_text
from ingest.chunking import chunk_documents
from ingest.loaders import SUPPORTED, LoadError, load_file
from ingest.vectors import PassageVectors, nearest_vectors, vectors_file

#: progress(done, total, description): the CLI draws a bar with it, tests ignore it.
Progress = Callable[[int, int, str], None]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    #: chunks the embedding model ran on
    chunks_embedded: int = 0
    #: chunks written with a vector their knowledge folder shipped (``.vectors/``) instead
    chunks_precomputed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def to_json(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": len(self.unchanged),
            "removed": self.removed,
            "skipped": self.skipped,
            "errors": self.errors,
            "chunks_embedded": self.chunks_embedded,
            "chunks_precomputed": self.chunks_precomputed,
        }


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "_")) for part in path.relative_to(root).parts)


def expand(paths: Iterable[Path], report: IngestReport) -> tuple[list[Path], list[Path], list[Path]]:
    """(files to index, folders they came from, named files that are gone)."""
    files: list[Path] = []
    roots: list[Path] = []
    missing: list[Path] = []
    for raw in paths:
        path = raw.expanduser().resolve()
        if path.is_dir():
            roots.append(path)
            for candidate in sorted(p for p in path.rglob("*") if p.is_file() and not _is_hidden(p, path)):
                if candidate.suffix.lower() in SUPPORTED:
                    files.append(candidate)
                else:
                    report.skipped.append(str(candidate))
        elif path.exists():
            files.append(path)
        else:
            missing.append(path)
    return list(dict.fromkeys(files)), roots, missing


def file_hash(path: Path, embedder_id: str) -> str:
    digest = hashlib.sha256(f"{PIPELINE_VERSION}\0{embedder_id}\0".encode())
    digest.update(path.read_bytes())
    # structured files cite titles from sources.yaml: a changed registry must re-render them
    registry = next((p / "sources.yaml" for p in [path.parent, *path.parent.parents][:4]
                     if (p / "sources.yaml").is_file()), None)
    if registry is not None and registry != path:
        digest.update(_file_digest(registry, registry.stat().st_mtime_ns))
    return digest.hexdigest()


@lru_cache(maxsize=64)
def _file_digest(path: Path, mtime_ns: int) -> bytes:
    """A shared file's digest, read once per version however many files in its folder cite it."""
    return hashlib.sha256(path.read_bytes()).digest()


def passage_text(chunk: Document) -> str:
    """The exact text the model embeds for a chunk (and that precomputed vectors are keyed by)."""
    return contextual_text(chunk.page_content, chunk.metadata)


def load_chunks(path: Path) -> list[Document]:
    """A file's chunks, as ingest indexes them (raises :class:`LoadError`)."""
    return chunk_documents(load_file(path))


class Indexer:
    """Writes files into a :class:`KnowledgeIndex`.

    With ``precomputed`` (the default) a chunk takes the vector its knowledge folder shipped for its exact
    text and this model, if there is one; ``precomputed=False`` embeds everything (e.g. to time the model).
    """

    def __init__(self, index: KnowledgeIndex, *, precomputed: bool = True) -> None:
        self.index = index
        self.precomputed = precomputed

    def sync(self, paths: Iterable[Path], progress: Progress | None = None) -> IngestReport:
        report = IngestReport()
        files, roots, missing = expand(paths, report)
        indexed = self.index.file_hashes()
        embedder_id = self.index.embedder.embedder_id

        gone = [p for p in indexed if any(Path(p).is_relative_to(r) for r in roots) and not Path(p).exists()]
        gone += [str(p) for p in missing if str(p) in indexed]
        for path in missing:
            if str(path) not in indexed:
                report.errors[str(path)] = "not found"

        pending: list[tuple[str, str, list[Document]]] = []
        for path in files:
            key = str(path)
            try:
                digest = file_hash(path, embedder_id)
            except OSError as exc:
                report.errors[key] = f"cannot be read ({exc.strerror or exc})"
                continue
            if indexed.get(key) == digest:
                report.unchanged.append(key)
                continue
            try:
                chunks = load_chunks(path)
            except LoadError as exc:
                report.errors[key] = str(exc)
                continue
            for chunk in chunks:
                chunk.metadata["file_hash"] = digest
            pending.append((key, digest, chunks))

        chunks = [c for _, _, cs in pending for c in cs]
        ids = [str(c.id) for c in chunks]  # chunking gives every chunk an id
        duplicates = {i for i, n in Counter(ids).items() if n > 1}
        if duplicates:
            bad = sorted({key for key, _, cs in pending for c in cs if c.id in duplicates})
            for key in bad:
                report.errors[key] = f"duplicate document ids {sorted(duplicates)[:3]}: give each document its own id"
            pending = [p for p in pending if p[0] not in bad]
            chunks = [c for _, _, cs in pending for c in cs]

        vectors, report.chunks_embedded = self._vectors(pending, progress)
        report.chunks_precomputed = len(chunks) - report.chunks_embedded
        replace = [key for key, _, _ in pending if key in indexed]
        if replace or gone:
            self.index.delete_sources([*replace, *gone])
        if chunks:
            self.index.add_chunks(chunks, vectors)
        for key, _, _ in pending:
            (report.updated if key in indexed else report.added).append(key)
        report.removed = sorted(gone)
        if report.changed:
            self.index.commit()
        return report

    def _vectors(self, pending: list[tuple[str, str, list[Document]]],
                 progress: Progress | None) -> tuple[np.ndarray, int]:
        """One vector per chunk, in order: shipped ones where the text matches, the model's for the rest;
        and how many the model embedded."""
        embedder = self.index.embedder
        rows: list[np.ndarray | None] = []
        texts: list[str] = []
        for key, _, chunks in pending:
            shipped = (nearest_vectors(Path(key), embedder.embedder_id, embedder.dimension)
                       if self.precomputed else None)
            for chunk in chunks:
                text = passage_text(chunk)
                vector = shipped.get(text) if shipped is not None else None
                rows.append(vector)
                if vector is None:
                    texts.append(text)
        embedded = iter(self._embed(texts, progress))
        filled = [row if row is not None else next(embedded) for row in rows]
        if not filled:
            return np.zeros((0, embedder.dimension), dtype=np.float32), 0
        return np.vstack(filled).astype(np.float32, copy=False), len(texts)

    def _embed(self, texts: list[str], progress: Progress | None) -> np.ndarray:
        embedder = self.index.embedder
        step = max(1, embedder.batch_size)
        parts = []
        for start in range(0, len(texts), step):
            parts.append(embedder.embed_passages_array(texts[start : start + step]))
            if progress:
                progress(min(start + step, len(texts)), len(texts), "embedding")
        return np.vstack(parts) if parts else np.zeros((0, embedder.dimension), dtype=np.float32)


def folder_passages(folder: Path) -> list[str]:
    """Every passage text ingest would embed for the files under ``folder`` (files that fail to load are
    left out, as ingest leaves them out of the index)."""
    report = IngestReport()
    files, _, _ = expand([folder], report)
    texts: list[str] = []
    for path in files:
        try:
            texts += [passage_text(c) for c in load_chunks(path)]
        except LoadError:
            continue
    return texts


def write_vectors(folder: Path, embedder: CachedQueryEmbeddings, progress: Progress | None = None
                  ) -> tuple[Path, int]:
    """Embed every passage of a knowledge folder afresh and rewrite its ``.vectors/`` file for this model;
    returns the file and how many vectors it holds."""
    texts = list(dict.fromkeys(folder_passages(folder)))
    step = max(1, embedder.batch_size)
    parts = [np.zeros((0, embedder.dimension), dtype=np.float32)]
    for start in range(0, len(texts), step):
        parts.append(embedder.embed_passages_array(texts[start : start + step]))
        if progress:
            progress(min(start + step, len(texts)), len(texts), "embedding")
    path = vectors_file(folder.resolve(), embedder.embedder_id)
    return path, PassageVectors.save(path, embedder.embedder_id, texts, np.vstack(parts))


def missing_vectors(folder: Path, embedder_id: str) -> tuple[Path, list[str]]:
    """The folder's vectors file for a model and the passages it has no vector for (all of them if absent)."""
    path = vectors_file(folder.resolve(), embedder_id)
    shipped = PassageVectors.load(path, embedder_id)
    texts = folder_passages(folder)
    return path, [t for t in texts if shipped is None or shipped.get(t) is None]
