"""Cross-lingual retrieval on public data, through parkbot's own index and retriever.

The sentences are read from the shared benchmark folder by path (never copied into the project),
embedded into a throw-away collection exactly as ingest does, and searched with the same
:class:`bot.retrieval.Retriever` users hit. P@1 = the aligned sentence ranks first.

* FLORES-200 dev: English -> Urdu-script and Urdu-script -> English.
* Dakshina dev: Roman Urdu -> Urdu-script (the hard one: published dense-only baseline 0.60).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from langchain_core.documents import Document

from bot.retrieval.embeddings import CachedQueryEmbeddings
from bot.retrieval.index import KnowledgeIndex
from bot.retrieval.passages import contextual_text
from bot.retrieval.search import Retriever
from bot.settings import Settings


def _read_lines(path: Path, limit: int) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [line.strip() for _, line in zip(range(limit), fh, strict=False)]


def precision_at_1(embedder: CachedQueryEmbeddings, queries: Sequence[str], passages: Sequence[str],
                   passage_lang: str, name: str) -> float:
    """Index ``passages`` in a temporary collection and count aligned top-1 hits for ``queries``."""
    with tempfile.TemporaryDirectory(prefix="parkbot-eval-") as tmp:
        settings = Settings(data_dir=Path(tmp), collection=f"eval_{name}", knowledge_dir=Path(tmp) / "none")
        index = KnowledgeIndex(settings, embedder)
        docs = [
            Document(page_content=text, id=f"{name}:{i}#0",
                     metadata={"record_id": f"{name}:{i}", "doc_id": f"{name}:{i}", "kind": "sentence",
                               "lang": passage_lang, "title": "", "source": name, "as_of": ""})
            for i, text in enumerate(passages)
        ]
        vectors = embedder.embed_passages_array([contextual_text(d.page_content, d.metadata) for d in docs])
        index.add_chunks(docs, vectors)
        index.commit()
        retriever = Retriever(index)
        hits = 0
        for i, query in enumerate(queries):
            results = retriever.search(query, k=1).results
            hits += bool(results) and results[0].record_id == f"{name}:{i}"
        return hits / len(queries) if queries else 0.0


def run(embedder: CachedQueryEmbeddings, benchmarks: Path, limit: int = 500) -> dict[str, float]:
    """P@1 for each public retrieval task whose files are present."""
    scores: dict[str, float] = {}
    flores = benchmarks / "flores200_eng_urd"
    if (flores / "eng_Latn.dev").is_file() and (flores / "urd_Arab.dev").is_file():
        en = _read_lines(flores / "eng_Latn.dev", limit)
        ur = _read_lines(flores / "urd_Arab.dev", limit)
        scores["flores_en_to_ur"] = precision_at_1(embedder, en, ur, "ur", "flores_ur")
        scores["flores_ur_to_en"] = precision_at_1(embedder, ur, en, "en", "flores_en")
    dakshina = benchmarks / "dakshina_ur"
    native, roman = (dakshina / f"ur.romanized.rejoined.dev.{s}.txt" for s in ("native", "roman"))
    if native.is_file() and roman.is_file():
        scores["dakshina_roman_to_ur"] = precision_at_1(
            embedder, _read_lines(roman, limit), _read_lines(native, limit), "ur", "dakshina")
    return scores
