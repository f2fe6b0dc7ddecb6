"""The flow evals gate CI: every scripted conversation (at least 30 per language) must deliver exactly the
expected payload in at least 95% of cases per language (evals/flows.py)."""

from __future__ import annotations

from pathlib import Path

from bot.app.parts import build_assistant
from bot.flows.engine import FlowEngine
from bot.retrieval.knowledge import Knowledge
from bot.settings import Settings
from evals import flows as flow_evals


def test_scripted_conversations_deliver_the_exact_payload_in_every_language(bundled: Knowledge,
                                                                           tmp_path: Path) -> None:
    settings = Settings(data_dir=bundled.settings.data_dir, knowledge_dir=bundled.settings.knowledge_dir,
                        database_url=f"sqlite:///{tmp_path / 'evals.db'}")
    assistant = build_assistant(settings, bundled)
    assistant.flows.engine = FlowEngine(assistant.flows.engine.flows, assistant.directory,
                                        clock=flow_evals.fixed_clock())
    scores = flow_evals.run(assistant)
    lines, failures = flow_evals.section(build_assistant(settings, bundled))  # what parkbot eval would report
    assert failures == [] and lines[0].startswith("## Flow evals")
    (tmp_path / "flows.md").write_text(flow_evals.report(scores), encoding="utf-8")
    for lang in flow_evals.LANGUAGES:
        assert scores[lang].total >= 30
    assert {lang: s.rate for lang, s in scores.items() if s.rate < flow_evals.TARGET} == {}, \
        flow_evals.report(scores) + "\n".join(f"{m.id}: {m.replies}" for s in scores.values() for m in s.misses)
