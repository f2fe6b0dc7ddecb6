"""Cross-language retrieval in a mixed index: public sentences ingested as files next to the bundled knowledge.

Why this exists: :mod:`evals.public` searches the public sentences in a collection of their own, where
the only candidates are the sentences. A real install always holds the bundled ``knowledge/`` too, and
issue 11 found that there the bundled records in the query's own script won the top place for almost
any question (Urdu -> English P@1 fell from 0.99 alone to 0.02). A park office that ingests its English
PDFs and is asked in Urdu would get answers from the wrong records, and no isolated benchmark shows it.

So every task runs through the product's own path, twice:

* each sentence of the target side is written as one ``.txt`` file into a temporary folder, and the
  folder is synced with :class:`ingest.indexer.Indexer` (what ``parkbot ingest`` runs);
* **alone**: into an empty data dir; **mixed**: into a data dir that already holds the bundled knowledge
  (``settings.knowledge_dir``, synced as a first ``serve`` does);
* each aligned sentence on the other side is a query to :class:`bot.retrieval.search.Retriever` with no
  language given (detected, as ``parkbot search`` does); P@1 = the top hit is the aligned sentence's file.

The passages are embedded once per task (``ingest.indexer.write_vectors``, what ``parkbot vectors`` runs,
into the temporary folder's ``.vectors/``); both syncs take those vectors, as an install takes the
bundled folder's, so the two runs compare rankings, not two embeddings. Query vectors are cached by the
embedder, so the second run costs only the searches.

Tasks (read by path from the shared benchmark folder, never copied into the project):

* ``ur_to_en``: FLORES-200 dev, Urdu-script query -> English file;
* ``en_to_ur``: FLORES-200 dev, English query -> Urdu-script file;
* ``roman_to_ur``: Dakshina dev, Roman Urdu query -> Urdu-script file.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.retrieval.embeddings import CachedQueryEmbeddings
from bot.retrieval.index import KnowledgeIndex
from bot.retrieval.search import Retriever
from bot.settings import Settings
from ingest.indexer import Indexer, write_vectors


@dataclass(frozen=True)
class Task:
    """Aligned sentences: ``queries[i]`` asks for the file holding ``passages[i]``."""

    name: str
    queries: list[str]
    passages: list[str]


@dataclass
class TaskScore:
    """P@1 of one task alone and mixed, with a few mixed-index misses to show what won instead."""

    name: str
    n: int
    alone: float
    mixed: float
    #: (query, the top hit's record id) for the first misses in the mixed index
    misses: list[tuple[str, str]] = field(default_factory=list)

    @property
    def gap(self) -> float:
        return self.alone - self.mixed

    def failures(self, target: float, max_gap: float) -> list[str]:
        """The promises this task misses, as report lines: mixed P@1 at least ``target`` and at most
        ``max_gap`` below the same files alone (empty: it holds)."""
        problems = []
        if self.mixed < target:
            problems.append(f"mixed {self.name} P@1 {self.mixed:.3f} < {target}")
        if self.gap > max_gap + 1e-9:
            problems.append(f"mixed {self.name} P@1 {self.mixed:.3f} is {self.gap:.3f} below alone "
                            f"{self.alone:.3f} (> {max_gap})")
        return problems


def _read_lines(path: Path, limit: int) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [line.strip() for _, line in zip(range(limit), fh, strict=False)]


def load_tasks(benchmarks: Path, limit: int = 500) -> list[Task]:
    """The tasks whose files are present in ``benchmarks`` (none when the folder is absent)."""
    tasks: list[Task] = []
    flores = benchmarks / "flores200_eng_urd"
    en_file, ur_file = flores / "eng_Latn.dev", flores / "urd_Arab.dev"
    if en_file.is_file() and ur_file.is_file():
        en, ur = _read_lines(en_file, limit), _read_lines(ur_file, limit)
        tasks += [Task("ur_to_en", ur, en), Task("en_to_ur", en, ur)]
    dakshina = benchmarks / "dakshina_ur"
    native, roman = (dakshina / f"ur.romanized.rejoined.dev.{s}.txt" for s in ("native", "roman"))
    if native.is_file() and roman.is_file():
        tasks.append(Task("roman_to_ur", _read_lines(roman, limit), _read_lines(native, limit)))
    return tasks


def file_stem(i: int) -> str:
    """The name of sentence ``i``'s file: a title that carries no word of any of our languages."""
    return f"s{i:04d}"


def write_sentences(folder: Path, sentences: Sequence[str]) -> None:
    """One ``.txt`` file per sentence, as an operator's folder of documents would hold them."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(sentences):
        (folder / f"{file_stem(i)}.txt").write_text(text + "\n", encoding="utf-8")


def open_index(data_dir: Path, embedder: CachedQueryEmbeddings) -> KnowledgeIndex:
    """The index of a data dir; its knowledge dir is irrelevant here (nothing is synced implicitly)."""
    return KnowledgeIndex(Settings(data_dir=data_dir, knowledge_dir=data_dir / "no-knowledge"), embedder)


def bundled_base(knowledge_dir: Path, data_dir: Path, embedder: CachedQueryEmbeddings) -> Path:
    """A data dir holding only ``knowledge_dir``, synced as a fresh install's first start does."""
    Indexer(open_index(data_dir, embedder)).sync([knowledge_dir])
    return data_dir


def precision_at_1(retriever: Retriever, queries: Sequence[str], limit_misses: int = 5
                   ) -> tuple[float, list[tuple[str, str]]]:
    """Share of queries whose top hit is the file of the aligned sentence, and the first misses."""
    hits = 0
    misses: list[tuple[str, str]] = []
    for i, query in enumerate(queries):
        results = retriever.search(query, k=1).results
        top = results[0].record_id if results else ""
        if top.startswith(f"file:{file_stem(i)}:"):
            hits += 1
        elif len(misses) < limit_misses:
            misses.append((query, top))
    return (hits / len(queries) if queries else 0.0), misses


def measure_task(task: Task, embedder: CachedQueryEmbeddings, base: Path, workdir: Path) -> TaskScore:
    """P@1 of one task alone and next to the knowledge in the data dir ``base`` (copied, never changed)."""
    folder = workdir / task.name / "files"
    write_sentences(folder, task.passages)
    write_vectors(folder, embedder)  # embedded once, taken by both syncs below
    scores: dict[str, tuple[float, list[tuple[str, str]]]] = {}
    for run in ("alone", "mixed"):
        data_dir = workdir / task.name / run
        if run == "mixed":
            shutil.copytree(base, data_dir)
        index = open_index(data_dir, embedder)
        report = Indexer(index).sync([folder])
        if report.errors or len(report.added) != len(task.passages):
            raise RuntimeError(f"{task.name}: ingest failed: {report.errors or report.to_json()}")
        scores[run] = precision_at_1(Retriever(index), task.queries)
    return TaskScore(task.name, len(task.queries), scores["alone"][0], scores["mixed"][0], scores["mixed"][1])


def run(embedder: CachedQueryEmbeddings, benchmarks: Path, knowledge_dir: Path, *, limit: int = 500,
        base: Path | None = None, log: Callable[[str], None] | None = None) -> dict[str, TaskScore]:
    """Every task present in ``benchmarks``, alone and next to ``knowledge_dir``.

    ``base`` is a data dir that already indexes ``knowledge_dir`` (tests pass their session's, to skip
    the sync); it is copied, never written.
    """
    tasks = load_tasks(benchmarks, limit)
    scores: dict[str, TaskScore] = {}
    if not tasks:
        return scores
    with tempfile.TemporaryDirectory(prefix="parkbot-mixed-") as tmp:
        workdir = Path(tmp)
        base = base or bundled_base(knowledge_dir, workdir / "bundled", embedder)
        for task in tasks:
            scores[task.name] = measure_task(task, embedder, base, workdir)
            if log:
                s = scores[task.name]
                log(f"{task.name}: alone {s.alone:.3f}, mixed {s.mixed:.3f} (n={s.n})")
    return scores


def main() -> None:  # pragma: no cover - a developer's shortcut: python -m evals.mixed [limit [benchmarks]]
    import sys
    import time

    from bot.retrieval.embeddings import E5Q4Embeddings
    from bot.settings import BUNDLED_KNOWLEDGE

    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    benchmarks = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[2] / "shared/benchmarks"
    if not load_tasks(benchmarks, 1):
        sys.exit(f"no benchmark files under {benchmarks}")
    start = time.monotonic()
    scores = run(E5Q4Embeddings(), benchmarks, BUNDLED_KNOWLEDGE, limit=limit,
                 log=lambda line: print(f"{time.monotonic() - start:6.1f}s {line}", flush=True))
    for name, s in scores.items():
        print(name, *(f"  miss: {q[:70]} -> {top}" for q, top in s.misses), sep="\n")


if __name__ == "__main__":
    main()
