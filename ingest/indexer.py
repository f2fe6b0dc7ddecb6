"""Keep the index in step with files on disk: incremental, per-file, never stopped by one bad file.

``sync(paths)`` hashes every supported file under the given paths (content + pipeline version +
embedding model). Unchanged files cost nothing but the hash; changed and new files are loaded,
chunked, embedded in batches and upserted; files that were indexed from under a given folder (or named
directly) and no longer exist leave the index. Each failure is reported with its reason while the
other files go on.
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

from bot.retrieval.index import PIPELINE_VERSION, KnowledgeIndex
from bot.retrieval.passages import contextual_text
from ingest.chunking import chunk_documents
from ingest.loaders import SUPPORTED, LoadError, load_file

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
    chunks_embedded: int = 0

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


class Indexer:
    """Writes files into a :class:`KnowledgeIndex`."""

    def __init__(self, index: KnowledgeIndex) -> None:
        self.index = index

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
                docs = load_file(path)
            except LoadError as exc:
                report.errors[key] = str(exc)
                continue
            for doc in docs:
                doc.metadata["file_hash"] = digest
            pending.append((key, digest, chunk_documents(docs)))

        chunks = [c for _, _, cs in pending for c in cs]
        ids = [c.id for c in chunks]
        duplicates = {i for i, n in Counter(ids).items() if n > 1}
        if duplicates:
            bad = sorted({key for key, _, cs in pending for c in cs if c.id in duplicates})
            for key in bad:
                report.errors[key] = f"duplicate document ids {sorted(duplicates)[:3]}: give each document its own id"
            pending = [p for p in pending if p[0] not in bad]
            chunks = [c for _, _, cs in pending for c in cs]

        vectors = self._embed(chunks, progress)
        report.chunks_embedded = len(chunks)
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

    def _embed(self, chunks: list[Document], progress: Progress | None) -> np.ndarray:
        embedder = self.index.embedder
        texts = [contextual_text(c.page_content, c.metadata) for c in chunks]
        step = max(1, embedder.batch_size)
        parts = []
        for start in range(0, len(texts), step):
            parts.append(embedder.embed_passages_array(texts[start : start + step]))
            if progress:
                progress(min(start + step, len(texts)), len(texts), "embedding")
        return np.vstack(parts) if parts else np.zeros((0, embedder.dimension), dtype=np.float32)
