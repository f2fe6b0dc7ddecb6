"""The lexical half of hybrid retrieval: BM25 (``bm25s``) over script-aware tokens.

Dense multilingual embeddings miss exact names, numbers and Roman Urdu spellings; BM25 over
:func:`bot.language.tokenize` tokens catches them. The index is derived data: it is rebuilt from the
vector store's documents whenever the store's ``index_version`` changes, and a snapshot is saved
under the data dir so a restart does not re-tokenise everything.
"""

from __future__ import annotations

import hashlib
import json
import re
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

#: The scripts tokens come in (see :func:`script_of`), as small codes for numpy.
_SCRIPT_CODES = {"latin": 0, "arabic": 1, "digits": 2, "other": 3}


def script_of(token: str) -> str:
    """A token's script by its first character: :func:`bot.language.tokenize` never mixes scripts."""
    first = token[:1]
    if "a" <= first <= "z":
        return "latin"
    if "0" <= first <= "9":
        return "digits"
    if "\u0600" <= first <= "\u06ff" or "\u0750" <= first <= "\u077f":
        return "arabic"
    return "other"


_VOWELS = re.compile(r"[aeiou]")


def skeleton(token: str) -> str:
    """A Roman Urdu spelling key's consonants: its first letter, then the rest without vowels or a final n."""
    return (token[0] + _VOWELS.sub("", token[1:])).rstrip("n")


def _within(short: str, long: str) -> bool:
    """Whether ``short``'s letters occur in ``long`` in order (``long`` is ``short`` with letters added)."""
    letters = iter(long)
    return all(c in letters for c in short)


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
        for chunk_id, info in zip(self.ids, self._infos, strict=True):
            # the passage's section: its renderings in other languages share it (same record, same place)
            info["section"] = f"{info['record_id'] or chunk_id}#{info['chunk_index']}"
        self._weigh_words()
        self._learn_spellings()

    def _weigh_words(self) -> None:
        """How much each indexed word says about a passage's meaning: its IDF among the passages that could
        use it, i.e. those in the languages it appears in (``lang`` as indexed; a file without one counts as
        English for its Latin words and Urdu for its Urdu-script ones) that hold any word of its script.

        Why not BM25's IDF: it counts every passage, so in an index of mostly English files "کے" (in nearly
        every Urdu passage) looks as rare as a name, and any Urdu passage seemed to hold much of any Urdu
        question (issue 11); in the bundled knowledge, "sirf" or "pehle" look rare because only the Roman
        Urdu renderings, a fifth of the passages, could use them. Counted where it could occur, a word
        that every passage of its language uses is worth little, whatever else the index holds. These
        weights only measure coverage (how much of the query a passage holds); BM25 still ranks.
        """
        self._weight = np.zeros(0)
        self._weights: list[float] = []  # the same as Python floats: read per query word on every search
        self._unknown = float(np.log1p((len(self.ids) + 0.5) / 0.5))  # a word no passage holds
        if self.bm25 is None:
            return
        indptr, indices = self.bm25.scores["indptr"], self.bm25.scores["indices"]
        df = np.diff(indptr)
        scripts = np.zeros(len(df), dtype=np.int64)
        for token, token_id in self.bm25.vocab_dict.items():
            if token_id < len(df):  # bm25s lists "" without a column when no passage is empty
                scripts[token_id] = _SCRIPT_CODES[script_of(token)]
        langs = self.fields["lang"].astype(str)
        _, codes = np.unique(np.concatenate([langs, ["en", "ur"]]), return_inverse=True)
        lang_of, english, urdu = codes[:-2], codes[-2], codes[-1]
        token_of = np.repeat(np.arange(len(df)), df)
        # a group: the passages of one language that hold a word in one script; a file indexed without a
        # language counts with the language its word's script is written in (a lone ingested file is no group
        # of its own, where its rarest name would look as common as "the")
        script = scripts[token_of]
        occurs_in = lang_of[indices]
        unset = (langs == "")[indices]
        occurs_in = np.where(unset & (script == _SCRIPT_CODES["latin"]), english, occurs_in)
        occurs_in = np.where(unset & (script == _SCRIPT_CODES["arabic"]), urdu, occurs_in)
        group_of = occurs_in * len(_SCRIPT_CODES) + script
        size = np.bincount(np.unique(group_of * len(self.ids) + indices) // len(self.ids))
        uses = np.unique(token_of * len(size) + group_of)  # (word, group) pairs that occur
        could = np.bincount(uses // len(size), weights=size[uses % len(size)], minlength=len(df))
        self._weight = np.log1p((could - df + 0.5) / (df + 0.5))
        # bm25s's extra "" has an id but no column: it reads as a word no passage holds
        self._weights = self._weight.tolist() + [self._unknown] * (len(self.bm25.vocab_dict) - len(df))

    def _learn_spellings(self) -> None:
        """The Roman Urdu passages' words by spelling skeleton (see :func:`skeleton`), for :meth:`spelled`."""
        self._spellings: dict[str, str] = {}
        if self.bm25 is None:
            return
        indptr, indices = self.bm25.scores["indptr"], self.bm25.scores["indices"]
        roman = self.fields["lang"] == "roman_ur"
        df = np.diff(indptr)
        best: dict[str, tuple[int, str]] = {}
        for token, token_id in self.bm25.vocab_dict.items():
            if token_id >= len(df) or not token.isascii() or not token.isalpha() or len(token) < 4:
                continue
            if not roman[indices[indptr[token_id] : indptr[token_id + 1]]].any():
                continue
            key = skeleton(token)
            if len(key) >= 3 and (key not in best or best[key][0] < df[token_id]):
                best[key] = (int(df[token_id]), token)
        self._spellings = {key: token for key, (_, token) in best.items()}

    def spelled(self, token: str) -> str:
        """A Roman Urdu query word no passage holds, as the Roman Urdu passages spell it: "aurtain" is
        "auratein", "shehro" is "shehron" (WhatsApp spellings drop and add short vowels and a final n, which
        the spelling key keeps apart). A word some passage holds, or with no such twin, stays as it is."""
        if self.holds(token) or not token.isascii() or not token.isalpha() or len(token) < 4:
            return token
        found = self._spellings.get(skeleton(token))
        # the same word only if one spelling is the other with letters left out ("aortin" in "aoratin"), not
        # another word with the same consonants ("kimat" is not "kamati")
        return found if found is not None and (_within(token, found) or _within(found, token)) else token

    def weight(self, token: str) -> float:
        """What a query word says (see :meth:`_weigh_words`). A word that no passage holds says the most,
        even when no passage is in its script: an Urdu sentence searched among English files is not made
        of a number and some filler because its Urdu words are nowhere."""
        token_id = self.bm25.vocab_dict.get(token) if self.bm25 is not None else None
        return self._unknown if token_id is None else self._weights[token_id]

    def holds(self, token: str) -> bool:
        """Whether some passage uses the word (a follow-up in the knowledge's own words is about it)."""
        token_id = self.bm25.vocab_dict.get(token) if self.bm25 is not None else None
        return token_id is not None and token_id < len(self._weight)

    def __len__(self) -> int:
        return len(self.ids)

    def info(self, chunk_id: str) -> dict[str, str] | None:
        """The filter and ranking fields of one chunk (lower-cased), and its ``section`` (record and
        position, shared by the chunk's renderings in other languages), or None if it is not indexed.

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
               readings: Sequence[Sequence[str]] | None = None) -> list[tuple[str, float, float]]:
        """The top ``k`` (chunk id, BM25 score, coverage) triples with a positive score.

        Coverage is the share of the query's meaning that the chunk holds: its distinct words weighed as
        in :meth:`weight`, so one shared year or everyday word in a long sentence is no evidence of a match
        while the rare words of a short question are. ``readings`` are alternative token lists of one
        query (a Roman Urdu question and its Urdu-script transliteration): a chunk matches one reading or
        the other, so the whole is the weightier reading, not both (default: ``tokens`` is the one reading).
        """
        if self.bm25 is None or not tokens:
            return []
        vocab = self.bm25.vocab_dict
        distinct = list(dict.fromkeys(tokens))
        token_ids = [vocab[t] for t in distinct if t and t in vocab]
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
        held = self._held(self.bm25, token_ids, top)
        weights, unknown = self._weights, self._unknown
        whole = max(max(sum(weights[vocab[t]] if t in vocab else unknown for t in dict.fromkeys(r))
                        for r in readings or [distinct]), 1e-9)
        return [(self.ids[i], float(scores[i]), min(1.0, float(held[n]) / whole)) for n, i in enumerate(top)]

    def _held(self, bm25: bm25s.BM25, token_ids: list[int], docs: np.ndarray) -> np.ndarray:
        """The summed weight of the query words each of ``docs`` contains (from the CSC score matrix)."""
        indptr, indices = bm25.scores["indptr"], bm25.scores["indices"]
        hits = np.concatenate([indices[indptr[t] : indptr[t + 1]] for t in token_ids])
        weights = np.repeat(self._weight[token_ids], np.diff(indptr)[token_ids])
        held: np.ndarray = np.bincount(hits, weights=weights, minlength=len(self.ids))[docs]
        return held

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
