"""Retrieval evaluation on parkbot's own question sets (``evals/questions/<lang>.yaml``).

Each question names its gold records (``park:…``, ``subsidy:…``, ``doc:<topic>``, ``faq:…``); a search
hits when a result belongs to one of them. We report hit@1, hit@5 and MRR@10 per language, and list
the misses so a person can see why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

import yaml

from bot.language import LANGUAGES
from bot.retrieval.search import Retriever

QUESTIONS = Path(__file__).resolve().parent / "questions"
LANGS = LANGUAGES


@dataclass
class Question:
    id: str
    q: str
    lang: str
    gold: list[str]
    facts: list[str] = field(default_factory=list)
    kind: str = "retrieval"
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


def load_questions(folder: Path = QUESTIONS) -> list[Question]:
    questions: list[Question] = []
    for lang in LANGS:
        path = folder / f"{lang}.yaml"
        if not path.is_file():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("questions", []):
            questions.append(Question(
                id=str(item["id"]), q=str(item["q"]), lang=lang,
                gold=[str(g) for g in item.get("gold") or []],
                facts=[str(f) for f in item.get("facts") or []],
                kind=str(item.get("kind", "retrieval")), raw=item,
            ))
    return questions


class Miss(TypedDict):
    """A question whose gold records were not in the top 5: what it got instead."""

    id: str
    q: str
    gold: list[str]
    rank: int | None
    got: list[str]


@dataclass
class LangScores:
    n: int = 0
    hit1: float = 0.0
    hit5: float = 0.0
    mrr: float = 0.0
    misses: list[Miss] = field(default_factory=list)


def evaluate(retriever: Retriever, questions: list[Question], k: int = 10) -> dict[str, LangScores]:
    """hit@1, hit@5 and MRR@k per language for the questions that have gold records."""
    scores: dict[str, LangScores] = {lang: LangScores() for lang in LANGS}
    for question in questions:
        if not question.gold:
            continue
        results = retriever.search(question.q, k=k).results
        ranks = [n for n, r in enumerate(results, 1) if r.record_id in question.gold]
        rank = ranks[0] if ranks else None
        s = scores[question.lang]
        s.n += 1
        s.hit1 += rank == 1
        s.hit5 += rank is not None and rank <= 5
        s.mrr += 1 / rank if rank else 0.0
        if rank is None or rank > 5:
            s.misses.append({"id": question.id, "q": question.q, "gold": question.gold, "rank": rank,
                             "got": [r.record_id for r in results[:5]]})
    for s in scores.values():
        if s.n:
            s.hit1, s.hit5, s.mrr = s.hit1 / s.n, s.hit5 / s.n, s.mrr / s.n
    return {lang: s for lang, s in scores.items() if s.n}
