"""Search as users and operators see it: the bundled knowledge, three scripts, filters, validity."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pytest
from conftest import run_cli

from bot.retrieval.embeddings import E5Q4Embeddings
from bot.retrieval.index import KnowledgeIndex
from bot.retrieval.knowledge import Knowledge
from bot.retrieval.search import Retriever
from bot.settings import Settings
from ingest.indexer import Indexer


def _env(knowledge: Knowledge) -> dict[str, str]:
    return {"PARKBOT_DATA_DIR": str(knowledge.settings.data_dir)}


@pytest.mark.parametrize(
    ("query", "language"),
    [("rent subsidy", "en"), ("کرائے پر سبسڈی کتنی ملتی ہے؟", "ur"), ("rent pe subsidy kitni milti hai", "roman_ur")],
)
def test_cli_search_finds_the_rent_subsidy_in_every_script(bundled: Knowledge, query: str, language: str) -> None:
    result = run_cli("search", "--json", query, env=_env(bundled))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == query and data["language"] == language
    top = data["results"][:3]
    rent = {"subsidy:stp-rent-subsidy", "faq:faq-rent-subsidy"}  # the rule itself or its FAQ entry
    assert any(r["record_id"] in rent for r in top), top
    hit = next(r for r in top if r["record_id"] in rent)
    assert {"id", "title", "text", "score", "source", "as_of"} <= hit.keys()
    assert "25" in hit["text"]
    # the rule rests only on PSEB's undated brochure: its as_of is the estimated year, not an invented day
    assert hit["title"] and hit["as_of"] == "c. 2023"
    assert re.search(r"\((?:undated, c\.|تاریخ درج نہیں، تقریباً) 2023\)", hit["source"]), hit["source"]


def test_urdu_query_gets_urdu_passages_first(bundled: Knowledge) -> None:
    results = bundled.retriever.search("خواتین کے لیے سافٹ ویئر ٹیکنالوجی پارک کہاں ہے؟").results
    assert results[0].lang == "ur"
    assert any(r.record_id == "park:bagh-women-stp" for r in results)


def test_cli_search_reads_one_query_per_line(bundled: Knowledge) -> None:
    queries = "internet subsidy\n\nکراچی آئی ٹی پارک کی لاگت\ngilgit mein technology park hai?\n"
    result = run_cli("search", "--json", "--k", "2", "-", env=_env(bundled), stdin=queries)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["query"] for d in lines] == queries.splitlines()
    assert [len(d["results"]) for d in lines] == [2, 0, 2, 2]
    assert lines[2]["language"] == "ur" and lines[3]["language"] == "roman_ur"
    assert lines[2]["results"][0]["record_id"] in ("park:karachi-it-park", "faq:faq-karachi-it-park")
    assert any("gilgit" in r["record_id"] for r in lines[3]["results"])


def test_cli_search_rejects_an_empty_query(bundled: Knowledge) -> None:
    result = run_cli("search", "--json", "   ", env=_env(bundled))
    assert result.returncode == 2
    assert "empty" in result.stderr


def test_filters_restrict_both_retrievers(bundled: Knowledge) -> None:
    karachi = bundled.retriever.search("technology park", k=5, filters={"city": "karachi"}).results
    assert karachi and all(r.metadata.get("city") == "Karachi" for r in karachi)
    women = bundled.retriever.search("park", k=5, filters={"women_only": True}).results
    assert women and all(r.metadata.get("women_only") is True for r in women)
    sindh = bundled.retriever.search("پارک", k=10, filters={"province": "Sindh"}).results
    assert sindh and {r.metadata.get("province") for r in sindh} == {"Sindh"}
    with pytest.raises(ValueError, match="cannot filter on 'colour'"):
        bundled.retriever.search("park", filters={"colour": "green"})


RULES = """subsidies:
  - id: old-hardware-grant
    title: {en: "Hardware grant for Multan freelancers"}
    what: {en: "A grant for laptops for Multan freelancers"}
    amount_pct: 50
    valid_from: 2020-01-01
    valid_to: 2021-12-31
    source: s1
    as_of: 2020-01-01
  - id: new-hardware-grant
    title: {en: "Hardware grant for Multan freelancers"}
    what: {en: "A grant for laptops for Multan freelancers"}
    amount_pct: 30
    valid_from: 2024-01-01
    valid_to: null
    source: s1
    as_of: 2024-01-01
"""


def test_current_rules_rank_before_expired_ones(settings: Settings, e5: E5Q4Embeddings) -> None:
    (settings.knowledge_dir / "rules.yaml").write_text(RULES, encoding="utf-8")
    index = KnowledgeIndex(settings, e5)
    Indexer(index).sync([settings.knowledge_dir])
    retriever = Retriever(index)
    today = retriever.search("laptop grant for Multan freelancers", k=2, today=dt.date(2026, 11, 24)).results
    assert [r.record_id for r in today] == ["subsidy:new-hardware-grant", "subsidy:old-hardware-grant"]
    # back in 2021 the old rule was the one in force
    then = retriever.search("laptop grant for Multan freelancers", k=2, today=dt.date(2021, 6, 1)).results
    assert then[0].record_id == "subsidy:old-hardware-grant"


def test_other_processes_writes_become_searchable(tmp_path: Path, e5: E5Q4Embeddings, chroma_server: str) -> None:
    """Two app processes on one Chroma server: what one ingests, the other finds (lexically too)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    settings_a = Settings(data_dir=tmp_path / "a", chroma_url=chroma_server, collection="shared_test")
    settings_b = Settings(data_dir=tmp_path / "b", chroma_url=chroma_server, collection="shared_test")
    writer, reader = KnowledgeIndex(settings_a, e5), KnowledgeIndex(settings_b, e5)
    retriever = Retriever(reader)
    assert retriever.search("Zhob").results == []
    (docs / "zhob.md").write_text("# Zhob\n\nThe Zhob freelancing desk opened with twelve seats.\n", encoding="utf-8")
    Indexer(writer).sync([docs])
    reader.refresh(max_age=0)  # as if the 2-second refresh interval had passed
    assert reader.lexical().search(["zhob"], k=1)
    assert "twelve seats" in retriever.search("Zhob", k=1).results[0].text


def test_a_running_process_reads_what_parkbot_ingest_adds_next_to_it(bundled: Knowledge, e5: E5Q4Embeddings,
                                                                        tmp_path: Path) -> None:
    """`parkbot ingest` into the data dir of a running `serve`: the server's embedded Chroma had the old chunks in
    its caches and every search failed with "Error finding id" until a restart. It reopens the store instead."""
    import shutil
    import time

    from bot.app.parts import open_knowledge

    data = tmp_path / "var"
    shutil.copytree(bundled.settings.data_dir, data)
    running = open_knowledge(Settings(data_dir=data, knowledge_dir=bundled.settings.knowledge_dir), embedder=e5)
    assert running.retriever.search("sukkur software park 2026", k=3).results
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "sukkur.md").write_text("# Software Technology Park, Sukkur\n\nPSEB opened a Software Technology "
                                      "Park in Sukkur in 2026 with 20,000 sq ft of office space.\n", encoding="utf-8")
    assert run_cli("ingest", str(folder), env={"PARKBOT_DATA_DIR": str(data)}).returncode == 0
    time.sleep(2.1)  # the index re-reads its version at most every 2 s
    found = running.retriever.search("sukkur software park 2026 20,000 sq ft", k=3).results
    assert any(r.record_id.startswith("file:sukkur") for r in found), [r.id for r in found]


def test_queries_submitted_from_many_threads_get_their_own_vectors(e5: E5Q4Embeddings) -> None:
    """The web server's threads submit questions at once; each gets its own text's vector, and none
    waits behind a hand-off to a busy engine (the hand-off wait is for an idle one only)."""
    import concurrent.futures

    texts = [f"internet subsidy kitni milti hai {n}" for n in range(12)] + [f"کرایہ کتنا ہے {n}" for n in range(12)]
    one_by_one = {text: np.asarray(e5.embed_query(text)) for text in texts}
    e5._cache = type(e5._cache)()  # forget them: every text is embedded afresh below
    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        together = dict(zip(texts, pool.map(lambda text: e5.submit_query(text).result(), texts), strict=True))
    for text in texts:
        assert float(np.dot(one_by_one[text], np.asarray(together[text]))) > 0.999, text
    assert e5._queued == 0

