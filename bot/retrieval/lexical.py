"""The lexical half of hybrid retrieval: BM25 (``bm25s``) over script-aware tokens.

Dense multilingual embeddings miss exact names, numbers and Roman Urdu spellings; BM25 over
:func:`bot.language.tokenize` tokens catches them. The index is derived data: it is rebuilt from the
vector store's documents whenever the store's ``index_version`` changes, and a snapshot is saved
under the data dir so a restart does not re-tokenise everything.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

import bot.language
from bot.language import tokenize

#: Identifies the tokeniser (its code and data): a snapshot built by another tokeniser is rebuilt.
TOKENIZER_ID = hashlib.sha1(b"".join(
    p.read_bytes() for p in sorted(Path(bot.language.__file__).parent.rglob("*")) if p.suffix in (".py", ".gz")
)).hexdigest()[:12]

#: Metadata fields that searches can filter on, held as arrays so a filter is one vector operation.
FILTER_FIELDS = ("record_id", "kind", "lang", "city", "province", "park", "women_only")
#: Further fields ranking needs for every candidate; kept here so ranking never waits on the store.
RANK_FIELDS = ("valid_from", "valid_to", "chunk_index")


@dataclass
class LexicalIndex:
    """BM25 over a fixed list of chunk ids, with the filterable metadata of each chunk."""

    ids: list[str]
    fields: dict[str, np.ndarray]
    bm25: bm25s.BM25 | None
    version: str
    originals: dict[str, set[str]]

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str], metadatas: Sequence[dict[str, Any]],
              version: str) -> LexicalIndex:
        fields = {
            name: np.array([str(m.get(name, "")).lower() for m in metadatas], dtype=object)
            for name in (*FILTER_FIELDS, *RANK_FIELDS)
        }
        originals = {name: {str(m[name]) for m in metadatas if m.get(name) not in (None, "")}
                     for name in FILTER_FIELDS}
        bm25 = None
        if ids:
            bm25 = bm25s.BM25()
            bm25.index([tokenize(t) or [""] for t in texts], show_progress=False)
        return cls(list(ids), fields, bm25, version, originals)

    def __post_init__(self) -> None:
        self.row = {chunk_id: n for n, chunk_id in enumerate(self.ids)}
        # ranking reads these for every candidate of every search: built once, not per lookup
        names = list(self.fields)
        self._infos = [dict(zip(names, values, strict=True)) for values in zip(*self.fields.values(), strict=True)]

    def __len__(self) -> int:
        return len(self.ids)

    def info(self, chunk_id: str) -> dict[str, str] | None:
        """The filter and ranking fields of one chunk (lower-cased), or None if it is not indexed.

        The dict is shared between searches: read it, do not change it.
        """
        n = self.row.get(chunk_id)
        return None if n is None else self._infos[n]

    def mask(self, filters: dict[str, Any] | None) -> np.ndarray | None:
        """1.0 for chunks that pass every filter (values compared case-insensitively), else 0.0."""
        if not filters or not self.ids:
            return None
        keep = np.ones(len(self.ids), dtype=bool)
        for name, wanted in filters.items():
            column = self.fields.get(name)
            if column is None:
                raise ValueError(f"cannot filter on '{name}' (filters: {', '.join(FILTER_FIELDS)})")
            values = wanted if isinstance(wanted, (list, tuple, set)) else [wanted]
            keep &= np.isin(column, [str(v).lower() for v in values])
        return keep.astype(np.float32)

    def chroma_where(self, filters: dict[str, Any] | None) -> dict[str, Any] | None:
        """The same filters as a Chroma ``where``: values mapped to the exact stored spellings."""
        if not filters:
            return None
        self.mask(filters)  # validates field names
        clauses: list[dict[str, Any]] = []
        for name, wanted in filters.items():
            values = wanted if isinstance(wanted, (list, tuple, set)) else [wanted]
            if name == "women_only":
                clauses.append({name: {"$in": [str(v).lower() in ("1", "true", "yes") for v in values]}})
                continue
            lowered = {str(v).lower() for v in values}
            exact = sorted({o for o in self.originals.get(name, {}) if o.lower() in lowered}) or sorted(lowered)
            clauses.append({name: {"$in": exact}})
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def search(self, tokens: Sequence[str], k: int, filters: dict[str, Any] | None = None,
               query_length: int | None = None) -> list[tuple[str, float, float]]:
        """The top ``k`` (chunk id, BM25 score, coverage) triples with a positive score.

        Coverage is the share of the query's distinct tokens (``query_length``, default all of them)
        that the chunk contains: one shared year in a long sentence is no evidence of a match.
        """
        if self.bm25 is None or not tokens:
            return []
        vocab = self.bm25.vocab_dict
        distinct = list(dict.fromkeys(tokens))
        token_ids = [vocab[t] for t in distinct if t in vocab]
        if not token_ids:
            return []
        scores = self.bm25.get_scores_from_ids(token_ids)
        mask = self.mask(filters)
        if mask is not None:
            scores = scores * mask
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        top = top[scores[top] > 0]
        matched = self._matched_counts(self.bm25, token_ids, top)
        length = max(1, query_length or len(distinct))
        return [(self.ids[i], float(scores[i]), min(1.0, matched[n] / length)) for n, i in enumerate(top)]

    def _matched_counts(self, bm25: bm25s.BM25, token_ids: list[int], docs: np.ndarray) -> np.ndarray:
        """How many of the query tokens each of ``docs`` contains (from the CSC score matrix)."""
        indptr, indices = bm25.scores["indptr"], bm25.scores["indices"]
        hits = np.concatenate([indices[indptr[t] : indptr[t + 1]] for t in token_ids])
        counts = np.bincount(hits, minlength=len(self.ids)) if hits.size else np.zeros(len(self.ids), int)
        matched: np.ndarray = counts[docs]
        return matched

    # -- snapshot on disk ------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.bm25 is not None:
            self.bm25.save(str(tmp / "bm25"), show_progress=False)
        # numpy's stub lets **kwds fill allow_pickle (a bool) too, so mypy refuses any ** of arrays here
        np.savez_compressed(tmp / "fields.npz", **{k: v.astype(str) for k, v in self.fields.items()})  # type: ignore[arg-type]
        originals = {k: sorted(v) for k, v in self.originals.items()}
        meta = {"version": self.version, "tokenizer": TOKENIZER_ID, "ids": self.ids, "originals": originals}
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)

    @classmethod
    def load(cls, folder: Path, version: str) -> LexicalIndex | None:
        """The saved snapshot if it was built for ``version``; otherwise None (caller rebuilds)."""
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if meta.get("version") != version or meta.get("tokenizer") != TOKENIZER_ID:
                return None
            with np.load(folder / "fields.npz", allow_pickle=False) as data:
                fields = {k: data[k].astype(object) for k in data.files}
            bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False) if meta["ids"] else None
        except (OSError, ValueError, KeyError):
            return None
        originals = {k: set(v) for k, v in meta.get("originals", {}).items()}
        return cls(meta["ids"], fields, bm25, version, originals)
