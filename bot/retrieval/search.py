"""Hybrid multilingual retrieval: dense e5 + BM25, fused by reciprocal rank, aware of validity.

One query, three scripts. A question typed in Roman Urdu is embedded as typed (e5 reads it fairly
well) and, for the lexical side, also transliterated to Urdu script, so "kiraye" finds "کرائے" in an
Urdu passage. English and Urdu queries use their own tokens. Reciprocal-rank fusion needs no score
calibration between the two retrievers; a retriever that found nothing simply adds nothing.

After fusion, rules that have expired (``valid_to`` in the past) or have not started yet are pushed
down, passages in the user's own script get a small lift, and one record appears at most once (its
English and Urdu renderings are the same facts).
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.language import Lang, detect, to_urdu_script, tokenize
from bot.retrieval.index import KnowledgeIndex

RRF_K = 60
EXPIRED_FACTOR = 0.5
NOT_YET_VALID_FACTOR = 0.7
SAME_SCRIPT_BONUS = 1.15


@dataclass
class SearchResult:
    """One passage as the contract shows it (``id, title, text, score, source, as_of``) plus context."""

    id: str
    title: str
    text: str
    score: float
    source: str
    as_of: str
    record_id: str
    lang: str
    kind: str
    heading: str = ""
    similarity: float | None = None
    metadata: dict[str, Any] = field(default_factory=dict, repr=False)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("metadata")
        for key in ("city", "province", "valid_from", "valid_to"):
            if self.metadata.get(key):
                data[key] = self.metadata[key]
        return data


@dataclass
class SearchResponse:
    query: str
    language: Lang
    results: list[SearchResult]

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "language": self.language, "results": [r.to_json() for r in self.results]}


def _lexical_tokens(query: str, language: Lang) -> tuple[list[str], int]:
    """Tokens for BM25 and the query's length in tokens (a Roman Urdu query is also searched as its
    Urdu-script transliteration; a passage matches one reading or the other, not both)."""
    tokens = tokenize(query)
    length = len(set(tokens))
    if language == "roman_ur":
        urdu = tokenize(to_urdu_script(query))
        tokens += urdu
        length = max(length, len(set(urdu)))
    return tokens, length


def _validity_factor(meta: dict[str, Any], today: str) -> float:
    if (valid_to := meta.get("valid_to")) and str(valid_to) < today:
        return EXPIRED_FACTOR
    if (valid_from := meta.get("valid_from")) and str(valid_from) > today:
        return NOT_YET_VALID_FACTOR
    return 1.0


def _dedupe_key(info: dict[str, Any], chunk_id: str) -> tuple[str, int]:
    """(key, how many hits it may have): one per structured record, two sections per document."""
    record = str(info.get("record_id") or chunk_id)
    return (record, 1) if info.get("kind") in ("park", "subsidy", "faq") else (record, 2)


def _script_matches(query_lang: Lang, passage_lang: str) -> bool:
    if query_lang == "ur":
        return passage_lang == "ur"
    return passage_lang in (query_lang, "en") if query_lang == "roman_ur" else passage_lang in ("en", "")


class Retriever:
    """``search(query)`` over a :class:`KnowledgeIndex`; the component answers and evals build on."""

    def __init__(self, index: KnowledgeIndex, *, candidates: int = 30, dense_weight: float = 1.0,
                 lexical_weight: float = 1.0, min_coverage: float = 0.2) -> None:
        self.index = index
        self.candidates = candidates
        self.dense_weight = dense_weight
        self.lexical_weight = lexical_weight
        self.min_coverage = min_coverage

    def search(self, query: str, k: int = 5, filters: dict[str, Any] | None = None,
               language: Lang | None = None, today: dt.date | None = None,
               vector: list[float] | concurrent.futures.Future[list[float]] | None = None,
               boost: dict[str, float] | None = None) -> SearchResponse:
        """The ``k`` best passages.

        ``vector`` is the query's embedding if the caller already has it (or a future of it, which is
        awaited only after the lexical search); ``boost`` multiplies the
        scores of named records (the assistant lifts the records of a park the user named).
        """
        query = query.strip()
        lang: Lang = language or detect(query)
        if not query or k <= 0:
            return SearchResponse(query, lang, [])
        lexical = self.index.lexical()
        n = max(self.candidates, k * 3)
        # the lexical side first: it needs no vector, so it runs while the query is still being embedded
        tokens, length = _lexical_tokens(query, lang)
        sparse = lexical.search(tokens, n, filters, query_length=length)
        if isinstance(vector, concurrent.futures.Future):
            vector = vector.result()
        dense = self.index.dense(vector or self.index.embedder.embed_query(query), n, filters)

        # reciprocal-rank fusion; a lexical hit that shares only a sliver of the query (a year, a name in
        # an otherwise foreign-language sentence) is noise, not evidence, and does not count
        sparse = [(chunk_id, score) for chunk_id, score, coverage in sparse if coverage >= self.min_coverage]
        fused: dict[str, float] = {}
        for rank, hit in enumerate(dense):
            fused[hit.id] = self.dense_weight / (RRF_K + rank + 1)
        for rank, (chunk_id, _) in enumerate(sparse):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + self.lexical_weight / (RRF_K + rank + 1)
        similarity = {hit.id: hit.score for hit in dense}

        today_iso = (today or dt.date.today()).isoformat()
        scored: list[tuple[float, str]] = []
        for chunk_id, score in fused.items():
            info = lexical.info(chunk_id)
            if info is None:  # written after our lexical snapshot; picked up on the next refresh
                continue
            score *= _validity_factor(info, today_iso)
            if boost:
                score *= boost.get(info["record_id"], 1.0)
            if _script_matches(lang, info["lang"]):
                score *= SAME_SCRIPT_BONUS
            scored.append((score, chunk_id))
        scored.sort(reverse=True)

        chosen: list[tuple[float, str]] = []
        per_key: dict[str, int] = {}
        for score, chunk_id in scored:
            key, limit = _dedupe_key(lexical.info(chunk_id) or {}, chunk_id)
            if per_key.get(key, 0) >= limit:
                continue
            per_key[key] = per_key.get(key, 0) + 1
            chosen.append((score, chunk_id))
            if len(chosen) == k:
                break

        docs = {hit.id: hit.doc for hit in dense if hit.doc is not None}
        docs.update(self.index.get([cid for _, cid in chosen if cid not in docs]))
        results = []
        for score, chunk_id in chosen:
            doc = docs.get(chunk_id)
            if doc is None:  # deleted between the two reads
                continue
            meta = doc.metadata
            results.append(SearchResult(
                id=chunk_id,
                title=str(meta.get("title", "")),
                text=doc.page_content,
                score=round(score, 6),
                source=str(meta.get("source", "")),
                as_of=str(meta.get("as_of", "")),
                record_id=str(meta.get("record_id", "")),
                lang=str(meta.get("lang", "")),
                kind=str(meta.get("kind", "")),
                heading=str(meta.get("heading", "")),
                similarity=round(similarity[chunk_id], 4) if chunk_id in similarity else None,
                metadata=meta,
            ))
        return SearchResponse(query, lang, results)
