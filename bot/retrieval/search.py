"""Hybrid multilingual retrieval: dense e5 + BM25, fused by reciprocal rank, aware of validity.

One query, three scripts. A question typed in Roman Urdu is embedded as typed (e5 reads it fairly
well) and, for the lexical side, also transliterated to Urdu script, so "kiraye" finds "کرائے" in an
Urdu passage. English and Urdu queries use their own tokens. Reciprocal-rank fusion needs no score
calibration between the two retrievers; a retriever that found nothing simply adds nothing.

:meth:`Retriever.search` runs six named stages, each with declared inputs and outputs, so one can be
read, tested or replaced without reading the others:

``LexicalStage``  query, language -> ``list[LexicalHit]``: BM25 over the query's content words (Roman
                  Urdu also as Urdu script); hits that hold only a sliver of the query's meaning (its
                  words weighed among the passages of their own language) dropped. Runs first: it
                  needs no vector, so it overlaps with the query's embedding.
``DenseStage``    query vector -> ``list[Hit]``: nearest chunks by cosine (the only stage that waits
                  for the embedding). Both are a :class:`CandidateSource`.
``Fuse``          both rankings -> ``Fused`` (chunk id -> reciprocal-rank score).
``Rerank``        fused scores -> ``list[Scored]``, best first: expired rules (``valid_to`` past) and
                  rules not yet in force pushed down, named records boosted, and of a section's
                  renderings (English, Urdu, Roman Urdu) the one in the user's script chosen.
``Dedupe``        ranking -> the ``k`` best, one hit per record (its English and Urdu renderings are
                  the same facts), two sections per long document.
``Hydrate``       chosen ids -> ``list[SearchResult]``: texts and metadata, from the dense hits or one
                  read of the index.

Stages are built once, in ``Retriever.__init__``, and hold no per-search state (searches run on
several threads at once). They pass plain lists, dicts and tuples rather than per-hit objects: the
whole search takes about a quarter of a millisecond, and every allocation on that path shows up in the
/api/chat tail (``benchmarks/chat_notes.md``).
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, TypeAlias, TypeVar

from langchain_core.documents import Document

from bot.language import Lang, detect, to_urdu_script, tokenize
from bot.language.normalize import function_words
from bot.language.places import latin_names
from bot.retrieval.index import Hit, KnowledgeIndex
from bot.retrieval.lexical import LexicalIndex

RRF_K = 60
EXPIRED_FACTOR = 0.5
NOT_YET_VALID_FACTOR = 0.7
SAME_SCRIPT_BONUS = 1.15

#: Metadata field -> wanted value(s); see :data:`bot.retrieval.lexical.FILTER_FIELDS`.
Filters: TypeAlias = dict[str, Any] | None
#: The query's embedding, a future of it (awaited by the dense stage only), or None (embed here).
QueryVector: TypeAlias = list[float] | concurrent.futures.Future[list[float]] | None
#: (chunk id, BM25 score), best first.
LexicalHit: TypeAlias = tuple[str, float]
#: chunk id -> fused reciprocal-rank score.
Fused: TypeAlias = dict[str, float]
#: (score, chunk id): score first, so a list of them sorts best first with ``reverse=True``.
Scored: TypeAlias = tuple[float, str]


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

    @classmethod
    def of(cls, chunk_id: str, doc: Document, score: float, similarity: float | None = None) -> SearchResult:
        """A stored passage as a result (its fields are read from the passage's metadata)."""
        meta = doc.metadata
        return cls(id=chunk_id, title=str(meta.get("title", "")), text=doc.page_content, score=round(score, 6),
                   source=str(meta.get("source", "")), as_of=str(meta.get("as_of", "")),
                   record_id=str(meta.get("record_id", "")), lang=str(meta.get("lang", "")),
                   kind=str(meta.get("kind", "")), heading=str(meta.get("heading", "")),
                   similarity=similarity, metadata=meta)

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


# -- candidate sources -------------------------------------------------------------------------------

HitT_co = TypeVar("HitT_co", covariant=True)


class CandidateSource(Protocol[HitT_co]):
    """One retriever of the hybrid search: the query's ``n`` best candidates, best first.

    Every source gets the same inputs and uses what it needs (BM25 reads the text, the dense index the
    vector), so a source can be swapped or added without changing the others. ``snapshot`` is the
    lexical index this search reads chunk fields from (ranking and dedupe use it too), so a source that
    filters by it agrees with them on which chunks exist.
    """

    def run(self, query: str, lang: Lang, vector: QueryVector, n: int, filters: Filters,
            snapshot: LexicalIndex) -> Sequence[HitT_co]: ...


def _lexical_tokens(query: str, language: Lang) -> tuple[list[str], list[list[str]]]:
    """The query's content tokens for BM25, and its readings (a Roman Urdu query is also searched as its
    Urdu-script transliteration; a passage matches one reading or the other, not both).

    Function words (:func:`bot.language.normalize.function_words`) are left out: sharing "کے", "hai" or
    "the" with a passage says it is in the query's language, not that it is about the query, and in an
    index of mostly other-language files such words are rare enough for BM25 to rank, and the coverage
    check to pass, every passage in the query's script (issue 11).
    """
    function = function_words()
    tokens = [t for t in tokenize(query) if t not in function]
    if language == "ur":
        # the places it names as English files name them: the one lexical bridge across the script
        latin = [t for name in latin_names(query) for t in tokenize(name) if t not in function]
        return (tokens + latin, [tokens, latin]) if latin else (tokens, [tokens])
    if language != "roman_ur":
        return tokens, [tokens]
    urdu = [t for t in tokenize(to_urdu_script(query)) if t not in function]
    return tokens + urdu, [tokens, urdu]


class LexicalStage:
    """BM25 over script-aware tokens: catches the names, numbers and spellings that vectors blur."""

    def __init__(self, min_coverage: float) -> None:
        self.min_coverage = min_coverage

    def run(self, query: str, lang: Lang, vector: QueryVector, n: int, filters: Filters,
            snapshot: LexicalIndex) -> list[LexicalHit]:
        tokens, readings = _lexical_tokens(query, lang)
        if lang == "roman_ur":
            tokens = [snapshot.spelled(t) for t in tokens]
            readings = [[snapshot.spelled(t) for t in r] for r in readings]
        # a hit that holds only a sliver of the query's meaning (a year, a name in an otherwise foreign-language
        # sentence, everyday words of the query's language) is noise, not evidence, and does not count
        min_coverage = self.min_coverage
        return [(chunk_id, score) for chunk_id, score, coverage in
                snapshot.search(tokens, n, filters, readings) if coverage >= min_coverage]


class DenseStage:
    """e5 vectors by cosine; the only stage that waits for the query's embedding."""

    def __init__(self, index: KnowledgeIndex) -> None:
        self.index = index

    def run(self, query: str, lang: Lang, vector: QueryVector, n: int, filters: Filters,
            snapshot: LexicalIndex) -> list[Hit]:
        # ``snapshot`` is unused: KnowledgeIndex.dense takes its own (the same one unless a writer moved the
        # index version in between; ranking skips chunks the snapshot does not know)
        if isinstance(vector, concurrent.futures.Future):
            vector = vector.result()
        return self.index.dense(vector or self.index.embedder.embed_query(query), n, filters)


# -- ranking -----------------------------------------------------------------------------------------

class Fuse:
    """Reciprocal-rank fusion: ranks, not scores, so BM25 and cosine need no calibration."""

    def __init__(self, dense_weight: float, lexical_weight: float) -> None:
        self.dense_weight = dense_weight
        self.lexical_weight = lexical_weight

    def run(self, dense: Sequence[Hit], lexical: Sequence[LexicalHit]) -> Fused:
        fused: Fused = {}
        dense_weight, lexical_weight = self.dense_weight, self.lexical_weight
        for rank, hit in enumerate(dense):
            fused[hit.id] = dense_weight / (RRF_K + rank + 1)
        for rank, (chunk_id, _) in enumerate(lexical):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + lexical_weight / (RRF_K + rank + 1)
        return fused


def _validity_factor(meta: Mapping[str, str], today: str) -> float:
    if (valid_to := meta.get("valid_to")) and str(valid_to) < today:
        return EXPIRED_FACTOR
    if (valid_from := meta.get("valid_from")) and str(valid_from) > today:
        return NOT_YET_VALID_FACTOR
    return 1.0


#: Passage languages that count as the user's own script, per query language (others: English).
_SAME_SCRIPT: dict[str, frozenset[str]] = {"ur": frozenset({"ur"}), "roman_ur": frozenset({"roman_ur", "en"})}
_LATIN_SCRIPT = frozenset({"en", ""})


class Rerank:
    """Fused scores adjusted by what the index knows about each passage and what the caller asks.

    A rule that expired or has not started yet is pushed down, not dropped: a question may be about it.
    ``boost`` multiplies the scores of named records (the assistant lifts the records of a park the user
    named).

    The user's script chooses between *renderings*, never between records: the English, Urdu and Roman
    Urdu passages of one record section (same ``record_id`` and ``chunk_index``) carry the same facts, so
    the one the user reads stands for the section when it scores within ``SAME_SCRIPT_BONUS`` of the
    best, and the section ranks by its best rendering's score; the other renderings step aside. Between
    different records the script decides nothing: a lift there let any passage in the query's script
    outrank the right passage in another script (issue 11: Urdu -> English P@1 0.02 next to the bundled
    knowledge), and equally relevant passages are the same facts in another script, which this covers.
    """

    def run(self, fused: Fused, snapshot: LexicalIndex, lang: Lang, today: dt.date | None,
            boost: dict[str, float] | None) -> list[Scored]:
        today_iso = (today or dt.date.today()).isoformat()
        same_script = _SAME_SCRIPT.get(lang, _LATIN_SCRIPT)
        info_of = snapshot.info
        best: dict[str, Scored] = {}  # section -> its best rendering
        own: dict[str, Scored] = {}  # section -> its best rendering in the user's script
        for chunk_id, score in fused.items():
            info = info_of(chunk_id)
            if info is None:  # written after our lexical snapshot; picked up on the next refresh
                continue
            score *= _validity_factor(info, today_iso)
            if boost:
                score *= boost.get(info["record_id"], 1.0)
            section = info["section"]
            top = best.get(section)
            if top is None or score > top[0]:
                best[section] = (score, chunk_id)
            if info["lang"] in same_script and ((mine := own.get(section)) is None or score > mine[0]):
                own[section] = (score, chunk_id)
        scored = list(best.values())
        if own:
            for n, (score, chunk_id) in enumerate(scored):
                mine = own.get(info_of(chunk_id)["section"])  # type: ignore[index]
                if mine is not None and mine[1] != chunk_id and mine[0] * SAME_SCRIPT_BONUS >= score:
                    scored[n] = (score, mine[1])
        scored.sort(reverse=True)
        return scored


def _dedupe_key(info: Mapping[str, str], chunk_id: str) -> tuple[str, int]:
    """(key, how many hits it may have): one per structured record, two sections per document."""
    record = str(info.get("record_id") or chunk_id)
    return (record, 1) if info.get("kind") in ("park", "subsidy", "faq") else (record, 2)


class Dedupe:
    """The ``k`` best of a ranking, without repeating a record: its renderings are the same facts."""

    def run(self, ranked: Sequence[Scored], snapshot: LexicalIndex, k: int) -> list[Scored]:
        chosen: list[Scored] = []
        per_key: dict[str, int] = {}
        for score, chunk_id in ranked:
            key, limit = _dedupe_key(snapshot.info(chunk_id) or {}, chunk_id)
            if per_key.get(key, 0) >= limit:
                continue
            per_key[key] = per_key.get(key, 0) + 1
            chosen.append((score, chunk_id))
            if len(chosen) == k:
                break
        return chosen


class Hydrate:
    """Texts and metadata for the chosen ids: last, so only the ``k`` chosen are looked up.

    Dense hits already carry their chunks; the rest (lexical-only hits) come in one read.
    """

    def __init__(self, index: KnowledgeIndex) -> None:
        self.index = index

    def run(self, chosen: Sequence[Scored], dense: Sequence[Hit]) -> list[SearchResult]:
        similarity = {hit.id: hit.score for hit in dense}
        docs = {hit.id: hit.doc for hit in dense if hit.doc is not None}
        docs.update(self.index.get([cid for _, cid in chosen if cid not in docs]))
        results = []
        for score, chunk_id in chosen:
            doc = docs.get(chunk_id)
            if doc is None:  # deleted between the two reads
                continue
            results.append(SearchResult.of(chunk_id, doc, score, round(similarity[chunk_id], 4)
                                           if chunk_id in similarity else None))
        return results


# -- the pipeline ------------------------------------------------------------------------------------

class Retriever:
    """``search(query)`` over a :class:`KnowledgeIndex`; the component answers and evals build on."""

    def __init__(self, index: KnowledgeIndex, *, candidates: int = 30, dense_weight: float = 1.0,
                 lexical_weight: float = 1.0, min_coverage: float = 0.2) -> None:
        self.index = index
        self.candidates = candidates
        # as built: the stages keep their own copies (change a knob by building another Retriever)
        self.dense_weight, self.lexical_weight, self.min_coverage = dense_weight, lexical_weight, min_coverage
        self.lexical: CandidateSource[LexicalHit] = LexicalStage(min_coverage)
        self.dense: CandidateSource[Hit] = DenseStage(index)
        self.fuse = Fuse(dense_weight, lexical_weight)
        self.rerank = Rerank()
        self.dedupe = Dedupe()
        self.hydrate = Hydrate(index)

    def search(self, query: str, k: int = 5, filters: dict[str, Any] | None = None,
               language: Lang | None = None, today: dt.date | None = None,
               vector: list[float] | concurrent.futures.Future[list[float]] | None = None,
               boost: dict[str, float] | None = None) -> SearchResponse:
        """The ``k`` best passages.

        ``vector`` is the query's embedding if the caller already has it (or a future of it, which is
        awaited only after the lexical search); ``boost`` multiplies the scores of named records (the
        assistant lifts the records of a park the user named); ``today`` decides which rules are in force.
        """
        query = query.strip()
        lang: Lang = language or detect(query)
        if not query or k <= 0:
            return SearchResponse(query, lang, [])
        snapshot = self.index.lexical()  # one version of the chunks' fields for every stage below
        n = max(self.candidates, k * 3)
        lexical = self.lexical.run(query, lang, vector, n, filters, snapshot)  # first: needs no vector
        dense = self.dense.run(query, lang, vector, n, filters, snapshot)
        fused = self.fuse.run(dense, lexical)
        ranked = self.rerank.run(fused, snapshot, lang, today, boost)
        chosen = self.dedupe.run(ranked, snapshot, k)
        return SearchResponse(query, lang, self.hydrate.run(chosen, dense))
