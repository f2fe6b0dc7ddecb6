"""The product's promises on its own question sets, held by CI (the full report is `parkbot eval`)."""

from __future__ import annotations

import pytest

from bot.app.parts import build_assistant
from bot.conversation.assistant import Assistant
from bot.retrieval.knowledge import Knowledge
from evals import answers, retrieval
from evals.runner import THRESHOLDS


@pytest.fixture(scope="module")
def questions() -> list[retrieval.Question]:
    loaded = retrieval.load_questions()
    for lang in retrieval.LANGS:
        assert sum(q.lang == lang and q.kind == "question" for q in loaded) >= 60
    return loaded


def test_retrieval_hit_at_5_in_every_language(bundled: Knowledge, questions: list[retrieval.Question]) -> None:
    scores = retrieval.evaluate(bundled.retriever, questions)
    assert set(scores) == set(retrieval.LANGS)
    for lang, s in scores.items():
        assert s.hit5 >= THRESHOLDS["hit5"], (lang, s.hit5, s.misses)


def test_answers_are_accurate_in_script_and_never_invented(bundled: Knowledge,
                                                           questions: list[retrieval.Question]) -> None:
    assistant: Assistant = build_assistant(bundled.settings, bundled)
    for lang, a in answers.evaluate(assistant, questions).items():
        m = a.summary()
        assert m["invented"] == 0, (lang, a.invented)
        assert m["fact_accuracy"] >= THRESHOLDS["fact_accuracy"], (lang, m, a.failures)
        assert m["script_match"] == 1.0, (lang, a.failures)
        assert m["escalation"] == 1.0 and m["unknown_offers_person"] == 1.0, (lang, a.failures)
