"""``parkbot eval``: every evaluation, one Markdown report, one chart, one verdict.

Thresholds are the product's promises; the run exits 1 when any is missed, so CI can hold them.
Public benchmarks are read from ``--benchmarks`` (default: ``../shared/benchmarks`` next to the
repository) and skipped with a message when that folder is absent.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from bot.conversation.assistant import Assistant
from bot.retrieval.knowledge import Knowledge
from bot.settings import Settings
from evals import answers, flows, mixed, precision, public
from evals.retrieval import LANGS, LangScores, evaluate, load_questions

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BENCHMARKS = REPO.parent / "shared" / "benchmarks"

THRESHOLDS: dict[str, float] = {
    "hit5": 0.95,
    "langid_full": 0.97,
    "langid_4words": 0.90,
    "dakshina_roman_to_ur": 0.85,
    "flores_en_to_ur": 0.98,
    "flores_ur_to_en": 0.98,
    # the public sentences ingested as files next to the bundled knowledge (evals/mixed.py, issue 11)
    "mixed_ur_to_en": 0.95,
    "mixed_en_to_ur": 0.95,
    "mixed_roman_to_ur": 0.85,
    "mixed_gap": 0.03,  # P@1 the mixed index may lose against the same files alone, per task
    # The older sets score a fact found anywhere in the reply. Since answers carry one record and its lead
    # sentences (issue 11), their compound and list questions ("how big is it and who set it up?", "what
    # support is there?") lose facts that a second, padded record used to bring: 0.85-0.87 measured. The
    # precision sets (evals/precision.py) hold facts in the *lead* record, and are the stricter gate.
    "fact_accuracy": 0.83,
    "script_match": 1.0,
    "escalation": 1.0,
    "unknown_offers_person": 1.0,
}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def _chart(retrieval: Mapping[str, LangScores], public_scores: dict[str, float], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    langs = list(retrieval)
    width = 0.27
    for offset, metric in enumerate(("hit1", "hit5", "mrr")):
        axes[0].bar([i + (offset - 1) * width for i in range(len(langs))],
                    [getattr(retrieval[lang], metric) for lang in langs], width, label=metric)
    axes[0].set_xticks(range(len(langs)), langs)
    axes[0].set_ylim(0, 1.05)
    axes[0].axhline(THRESHOLDS["hit5"], color="grey", linestyle="--", linewidth=0.8)
    axes[0].set_title("parkbot question sets")
    axes[0].legend(loc="lower right")
    names = list(public_scores)
    axes[1].barh(names, [public_scores[n] for n in names], color="#0b6e4f")
    axes[1].set_xlim(0, 1.05)
    axes[1].set_title("public benchmarks (P@1 / accuracy)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def mixed_report(scores: Mapping[str, mixed.TaskScore], public_scores: dict[str, float], failures: list[str],
                 limit: int) -> list[str]:
    """The mixed-index table: P@1 alone and next to the bundled knowledge, per task; misses go to
    ``failures`` (a mixed P@1 under its target, or more than ``mixed_gap`` under the same files alone)."""
    lines = ["### Cross-lingual retrieval next to the bundled knowledge (P@1)", "",
             f"First {limit} sentences of each dev set, one `.txt` file each, ingested alone and next to the "
             "bundled knowledge and searched as `parkbot search` does (evals/mixed.py).", "",
             "| task | alone | with the bundled knowledge | alone - mixed | target |", "|---|---|---|---|---|"]
    for name, s in scores.items():
        target = THRESHOLDS[f"mixed_{name}"]
        public_scores[f"mixed_{name}"] = s.mixed
        lines.append(f"| {name} | {s.alone:.3f} | {s.mixed:.3f} | {s.gap:+.3f} | >= {target}, gap <= "
                     f"{THRESHOLDS['mixed_gap']} |")
        failures += s.failures(target, THRESHOLDS["mixed_gap"])
    misses = [(name, q, top) for name, s in scores.items() for q, top in s.misses]
    if misses:
        lines += ["", "First misses next to the bundled knowledge (query -> the record that led):", ""]
        lines += [f"- {name}: {q[:80]} -> `{top or 'nothing'}`" for name, q, top in misses]
    return lines


def run_all(settings: Settings, knowledge: Knowledge, build_assistant: Callable[[Settings, Knowledge], Assistant],
            *, benchmarks: Path | None, out: Path, public_limit: int = 500) -> int:
    """Every evaluation against the opened ``knowledge``; ``build_assistant`` makes the assistant whose
    answers are scored (the app's composition root passes its own, so the evals score the product)."""
    out.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    lines = [f"# parkbot evaluation — {dt.date.today().isoformat()}", "", f"Machine: {machine()}", ""]

    questions = load_questions()
    retrieval = evaluate(knowledge.retriever, questions)
    lines += ["## Retrieval on parkbot's question sets", "",
              "| language | questions | hit@1 | hit@5 | MRR@10 |", "|---|---|---|---|---|"]
    for lang, s in retrieval.items():
        lines.append(f"| {lang} | {s.n} | {s.hit1:.3f} | {s.hit5:.3f} | {s.mrr:.3f} |")
        if s.hit5 < THRESHOLDS["hit5"]:
            failures.append(f"hit@5 {lang} {s.hit5:.3f} < {THRESHOLDS['hit5']}")
    for lang in LANGS:
        if lang not in retrieval:
            failures.append(f"no {lang} questions found")
    misses = [m for s in retrieval.values() for m in s.misses]
    if misses:
        lines += ["", "Misses (not in the top 5):", ""]
        lines += [f"- `{m['id']}` {m['q']} — gold {m['gold']}, rank {m['rank']}, got {m['got']}" for m in misses]

    lines += ["", "## Answers (the whole assistant, a fresh conversation per question)", "",
              "| language | fact accuracy | script match | citation | invented facts | escalation "
              "| unknown -> offers a person |", "|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory(prefix="parkbot-answers-") as tmp:
        db_settings = settings.model_copy(update={"database_url": f"sqlite:///{tmp}/answers.db"})
        assistant = build_assistant(db_settings, knowledge)
        answer_scores = answers.evaluate(assistant, questions)
        # one short answer to the question asked (issue 11), and the bookings' exact payloads (issue 12)
        precision_lines, precision_failures = precision.report_section(assistant)
        flow_lines, flow_failures = flows.section(assistant)
        assistant.store.engine.dispose()
    for lang, a in answer_scores.items():
        m = a.summary()
        lines.append(f"| {lang} | {m['fact_accuracy']:.3f} ({a.facts_ok}/{a.facts_total}) | "
                     f"{m['script_match']:.3f} | {m['citation']:.3f} | {m['invented']} | {m['escalation']:.3f} | "
                     f"{m['unknown_offers_person']:.3f} |")
        for key in ("fact_accuracy", "script_match", "escalation", "unknown_offers_person"):
            if m[key] < THRESHOLDS[key]:
                failures.append(f"{key} {lang} {m[key]:.3f} < {THRESHOLDS[key]}")
        if m["invented"]:
            failures.append(f"invented facts in {lang}: {a.invented}")
    answer_failures = [f for a in answer_scores.values() for f in a.failures]
    if answer_failures:
        lines += ["", "Answer problems:", ""]
        lines += [f"- `{f['id']}` {f['q']} — {'; '.join(f['problems'])}" for f in answer_failures]

    lines += ["", *precision_lines, "", *flow_lines]
    failures += precision_failures + flow_failures

    public_scores: dict[str, float] = {}
    bench = benchmarks or DEFAULT_BENCHMARKS
    lines += ["", "## Public benchmarks", ""]
    if not bench.is_dir():
        message = f"skipped: benchmark folder {bench} not found"
        print(message, file=sys.stderr)
        lines.append(message)
    else:
        from evals import langid

        lid = langid.run(bench)
        report = langid.to_markdown(lid).replace("# Language layer evaluation", "### Language layer")
        lines += [report.replace("\n## ", "\n#### "), ""]
        for by_class, key in ((lid["langid_full"], "langid_full"), (lid["langid_first4"], "langid_4words")):
            for lang, row in by_class.items():
                name = f"{key}_{lang}"
                public_scores[name] = row["accuracy"]
                if row["accuracy"] < THRESHOLDS[key]:
                    failures.append(f"{name} {row['accuracy']:.3f} < {THRESHOLDS[key]}")
        scores = public.run(knowledge.index.embedder, bench, limit=public_limit)
        lines += ["### Cross-lingual retrieval through parkbot's retriever (P@1)", "",
                  f"First {public_limit} sentence pairs of each dev set.", "", "| task | P@1 | target |",
                  "|---|---|---|"]
        for key, value in scores.items():
            public_scores[key] = value
            lines.append(f"| {key} | {value:.3f} | {THRESHOLDS[key]} |")
            if value < THRESHOLDS[key]:
                failures.append(f"{key} {value:.3f} < {THRESHOLDS[key]}")
        lines += ["", *mixed_report(mixed.run(knowledge.index.embedder, bench, settings.knowledge_dir,
                                               limit=public_limit), public_scores, failures, public_limit)]

    _chart(retrieval, public_scores, out / "evals.png")
    lines += ["", "![chart](evals.png)", "", "## Verdict", ""]
    lines += [f"- FAIL: {f}" for f in failures] or ["All thresholds met."]
    (out / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1 if failures else 0
