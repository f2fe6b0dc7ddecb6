"""The bundled knowledge is text for users, and its dates are the ones its sources print.

Every text field of ``knowledge/`` (parks, subsidies, FAQ, document bodies, source titles) can reach a
user word for word: the grounded composer replays it. So three things are checked here, over every
field and document in every language, without building an index:

* no note to the bot or to the authors ("When a user asks ..., give 50 as the latest figure",
  "The freelancers document has more on this group", "پارک بوٹ کو ... بتانا چاہیے"): the patterns are
  listed below, each with a sentence it must catch, and phrasings for the user that must pass;
* no stored yes/no opener ("Yes.", "Ji haan.", "جی ہاں۔"): a stored "yes" is replayed for questions it
  does not decide, so an answer opens with the fact instead;
* no day that a source does not print: ``sources.yaml`` gives a ``date`` only for a printed one, and
  records, figures, passages and citations built from undated sources say "undated, c. 2023"
  (``تاریخ درج نہیں، تقریباً 2023``), never "2023-06-01".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.retrieval.compose import GroundedComposer
from bot.retrieval.passages import SourceRegistry, as_list
from bot.settings import BUNDLED_KNOWLEDGE
from ingest.loaders import load_file

KNOWLEDGE = BUNDLED_KNOWLEDGE
STRUCTURED = {"parks.yaml": "parks", "subsidies.yaml": "subsidies", "faq.yaml": "faq"}
DOCS = sorted(KNOWLEDGE.glob("docs/*/*.md"))
REGISTRY = SourceRegistry.near(KNOWLEDGE / "parks.yaml")

#: Notes to the bot or to the authors, in English, Roman Urdu and Urdu: (pattern, what it catches,
#: a sentence it must catch). Text for users speaks to them ("parkbot can connect you with a person"),
#: never about "the user", never tells the bot what to say, and never points to another file.
AUTHOR_NOTES: tuple[tuple[str, str, str], ...] = (
    # English
    (r"\bwhen (?:a|the) user\b", "an instruction about users",
     "When a user asks how many STPs exist, give 50 as the latest figure."),
    (r"\b(?:a|the) user(?:'s)?\b", "speaks about the user, not to them",
     "If a user's city is not on this list, say that we do not know."),
    (r"\bgive\b[^.]{0,60}\bas the (?:latest|current)\b", "tells the bot which figure to give",
     "parkbot can give US$60 million as the current figure."),
    (r"\bmention that\b", "tells the bot what to add", "Mention that older reports said 43."),
    (r"\bif asked\b", "tells the bot when to add something", "Give the older figure too if asked."),
    (r"\bhas more on\b", "points to another file", "The freelancers document has more on this group."),
    (r"\bsee the\b[^.]{0,60}\bdocument\b", "points to another file",
     "See the document on the KP digital policy for the full list."),
    (r"\b(?:this|that|another|the \w+) (?:document|file|entry)\b", "speaks about the knowledge base's files",
     "Treat this entry as a pointer only."),
    (r"\bnote:", "an editor's note", "Note: check this figure against the brochure."),
    (r"\b(?:TODO|FIXME|TBD|XXX)\b", "unfinished work", "TODO: add the Sukkur address."),
    (r"\b(?:parkbot|the bot|the assistant) (?:should|must)\b", "an instruction to the bot",
     "parkbot should never make these up."),
    (r"\bshould (?:not )?(?:be )?(?:presented|handed|given|told|offered|treated|read as|say)\b",
     "says how the text is to be used", "The figure should be presented as a projection."),
    # Roman Urdu
    (r"\bjab (?:koi )?user\b", "an instruction about users", "Jab user pooche to 50 batayein."),
    (r"\bkoi pooche?y? to\b", "tells the bot what to say when asked", "Koi pooche to 50 ko latest batayein."),
    (r"\buser ko\b", "speaks about the user", "User ko batayein ke 43 purana figure hai."),
    (r"\bparkbot ko\b[^.]{0,80}\bchahiye\b", "an instruction to the bot", "Parkbot ko andaza nahi lagana chahiye."),
    (r"\b(?:is|ye|yeh|wo) entry\b", "speaks about the knowledge base's entries", "Is entry ko sirf ishara samjhein."),
    (r"\b(?:document|dastavez)\b[^.]{0,20}\b(?:dekhein|dekhen|mein hai)\b|\bwali (?:document|dastavez)\b",
     "points to another file", "Freelancers wali document dekhein."),
    # Urdu
    (r"کوئی پوچھے تو", "tells the bot what to say when asked", "کوئی پوچھے تو 50 کو تازہ ترین تعداد بتائیں۔"),
    (r"پوچھنے پر", "tells the bot when to add something", "پوچھنے پر پرانا عدد بھی بتائیں۔"),
    (r"صارف", "speaks about the user, not to them", "اگر صارف کا شہر اس فہرست میں نہیں تو یہ بتائیں۔"),
    (r"پارک بوٹ کو[^۔]{0,160}چاہی", "an instruction to the bot", "پارک بوٹ کو یہ چیزیں اپنی طرف سے نہیں گھڑنی چاہییں۔"),
    (r"(?:بتانا|کہنا|کرنی|کروانی|کرنا|دینا) چاہیے", "says what must be said or done",
     "اسے موجودہ عدد کے طور پر پیش نہیں کرنا چاہیے۔"),
    (r"سمجھا جائے", "says how the text is to be read", "اس لیے انہیں ایک نہ سمجھا جائے۔"),
    (r"والی دستاویز|دستاویز (?:دیکھیں|میں ہیں|میں ہے)", "points to another file",
     "مزید تفصیل کے لیے آئی ٹی پارکس والی دستاویز دیکھیں۔"),
    (r"(?:اس|یہ) اندراج", "speaks about the knowledge base's entries", "اس اندراج کو صرف ایک اشارہ سمجھیں۔"),
    (r"نوٹ:", "an editor's note", "نوٹ: یہ عدد بروشر سے ملائیں۔"),
)
_NOTES = [(re.compile(pattern, re.IGNORECASE), what) for pattern, what, _ in AUTHOR_NOTES]

#: What a yes/no answer opens with, in the three languages. A single word counts when punctuation or
#: the end follows it ("No." but not "No cost is given"); the two-word forms count however they go on.
_OPENER = re.compile(
    r"^\s*(?:(?:ji|jee) (?:haan|han|nahi|nahin)|haan ji|جی ہاں|جی نہیں"
    r"|(?:yes|no|haan|han|jee|ji|nahi|nahin|nai|ہاں|نہیں|جی)(?=\s*(?:[.,!:;۔،؛]|$)))",
    re.IGNORECASE,
)


def author_notes(text: str) -> list[str]:
    """What in ``text`` reads as a note to the bot or the authors (empty for text meant for users)."""
    return [f"{what}: {match.group(0)!r}" for pattern, what in _NOTES if (match := pattern.search(text))]


def opens_with_yes_or_no(text: str) -> bool:
    return _OPENER.match(text) is not None


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _strings(item, f"{path}[{n}]")
    elif isinstance(value, str):
        yield path, value


def _yaml(name: str) -> Any:
    return yaml.safe_load((KNOWLEDGE / name).read_text(encoding="utf-8"))


def _front_and_body(path: Path) -> tuple[dict[str, Any], str]:
    _, front, body = path.read_text(encoding="utf-8").split("---", 2)
    return yaml.safe_load(front), body


def user_texts() -> Iterator[tuple[str, str]]:
    """Every text in ``knowledge/`` that can reach a user, as (where, text).

    Source ``note`` fields are left out on purpose: they record provenance for editors and no code
    renders them (citations show ``title``/``title_ur`` or ``short``/``short_ur`` and the date).
    """
    for name, key in STRUCTURED.items():
        for record in _yaml(name)[key]:
            yield from _strings({k: v for k, v in record.items() if k != "id"}, f"{name}:{record['id']}")
    for source in _yaml("sources.yaml")["sources"]:
        for key in ("title", "title_ur", "short", "short_ur"):
            yield f"sources.yaml:{source['id']}.{key}", str(source.get(key) or "")
    for path in DOCS:
        front, body = _front_and_body(path)
        where = str(path.relative_to(KNOWLEDGE))
        for key in ("title", "title_ur"):
            yield f"{where}:{key}", str(front.get(key) or "")
        for n, paragraph in enumerate(p.strip() for p in body.split("\n\n")):
            if paragraph:
                yield f"{where}:¶{n}", paragraph


def answer_texts() -> Iterator[tuple[str, str]]:
    """What the bot replays as the start of an answer: FAQ answers, record summaries and the other
    prose fields of parks and rules, and every paragraph of a document (a section is shown as is)."""
    prose = {"a", "summary", "what", "serves", "conditions", "applies_to"}
    for name, key in STRUCTURED.items():
        for record in _yaml(name)[key]:
            for field_name in prose & record.keys():
                yield from _strings(record[field_name], f"{name}:{record['id']}.{field_name}")
    for path in DOCS:
        _, body = _front_and_body(path)
        for n, paragraph in enumerate(p.strip() for p in body.split("\n\n")):
            if paragraph and not paragraph.startswith("#"):
                yield f"{path.relative_to(KNOWLEDGE)}:¶{n}", paragraph


# -- notes to authors ----------------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "what", "example"), AUTHOR_NOTES, ids=[a[2][:40] for a in AUTHOR_NOTES])
def test_every_note_pattern_catches_its_example(pattern: str, what: str, example: str) -> None:
    assert re.search(pattern, example, re.IGNORECASE), (what, example)


@pytest.mark.parametrize("note", [
    "When a user asks how many STPs exist, give 50 as the latest figure and mention that older reports said 43.",
    "The freelancers document has more on this group.",
    "کوئی پوچھے تو 50 کو تازہ ترین تعداد بتائیں اور ساتھ یہ بھی کہ پرانی رپورٹس میں 43 لکھا تھا۔",
    "اس طبقے کے بارے میں مزید معلومات فری لانسرز والی دستاویز میں ہیں۔",
    "Is entry ko sirf ishara samjhein, aur detail chahiye to kisi banday se baat karein.",
])
def test_the_notes_the_issue_found_are_caught(note: str) -> None:
    assert author_notes(note)


@pytest.mark.parametrize("text", [
    "parkbot can connect you with a person.",
    "If your city is not on this list, that does not mean it has no park.",
    "Tell parkbot your city.",
    "There is no form, document list or deadline in them.",
    "The brochure does not say how to claim it, and it is an undated document, so the terms may have changed.",
    "پارک بوٹ آپ کی کسی نمائندے سے بات کروا سکتا ہے۔",
    "Confirm karne ke liye parkbot aap ki kisi banday se baat karwa sakta hai.",
    "Koi khaas maloomat chahiye to parkbot se kahein ke kisi banday se baat karwa de.",
])
def test_text_addressed_to_the_user_passes(text: str) -> None:
    assert author_notes(text) == []


def test_no_note_to_the_bot_or_the_authors_anywhere_in_the_knowledge() -> None:
    texts = list(user_texts())
    assert len(texts) > 400  # every field of every file, not a sample
    leaks = [f"{where}: {found}" for where, text in texts for found in author_notes(text)]
    assert leaks == [], "\n".join(leaks)


# -- yes/no openers ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "opens"), [
    ("Yes. Lahore is one of the cities ...", True),
    ("No, the park is for women only.", True),
    ("Ji haan. November 2025 ki MoITT update ke mutabiq ...", True),
    ("Jee haan, Bagh mein hai.", True),
    ("Nahi, ye sirf khawateen ke liye hai.", True),
    ("جی ہاں۔ نومبر 2025 کی اپ ڈیٹ کے مطابق ...", True),
    ("نہیں، یہ پارک صرف خواتین کے لیے ہے۔", True),
    ("جی نہیں، ہمارے ذرائع میں ...", True),
    ("No cost, size or completion date is given.", False),
    ("Pakistan's first women-only STP is at the Women's University in Bagh.", False),
    ("Nahin sirf Lahore balke Karachi bhi", False),
    ("ہمارے ذرائع میں سکھر کا ذکر نہیں۔", False),
])
def test_opener_check(text: str, opens: bool) -> None:
    assert opens_with_yes_or_no(text) is opens


def test_no_stored_answer_opens_with_yes_or_no() -> None:
    texts = list(answer_texts())
    assert len(texts) > 300
    openers = [f"{where}: {text[:60]!r}" for where, text in texts if opens_with_yes_or_no(text)]
    assert openers == [], "\n".join(openers)


def test_the_women_only_park_answer_starts_with_the_fact() -> None:
    faq = {r["id"]: r for r in _yaml("faq.yaml")["faq"]}
    answer = faq["faq-women-only-stp"]["a"]
    assert answer["en"].startswith("Pakistan's first women-only STP is at the Women's University in Bagh")
    assert answer["ur"].startswith("پاکستان کا پہلا خواتین کے لیے مخصوص ایس ٹی پی")
    assert answer["roman_ur"].startswith("Pakistan ka pehla women-only STP")


# -- dates -----------------------------------------------------------------------------------------

def test_a_source_has_a_date_only_when_it_prints_one() -> None:
    """Either a printed ``date`` or ``dated: false`` (optionally with an estimated ``approx_year``)."""
    header = (KNOWLEDGE / "sources.yaml").read_text(encoding="utf-8").split("\nsources:", 1)[0]
    for field_name in ("date", "dated: false", "approx_year"):
        assert field_name in header, f"sources.yaml's header should document {field_name}"
    undated = 0
    for source in _yaml("sources.yaml")["sources"]:
        if source.get("dated") is False:
            undated += 1
            assert "date" not in source, source["id"]
            year = source.get("approx_year")
            assert year is None or (isinstance(year, int) and 1990 < year <= dt.date.today().year), source["id"]
        else:
            assert isinstance(source.get("date"), dt.date) and "approx_year" not in source, source["id"]
    assert undated >= 3  # the PSEB brochure, the D. I. Khan New City posts and the KP article print none


def test_records_and_figures_are_dated_only_by_their_sources_printed_dates() -> None:
    """A record's ``as_of`` is what its sources honestly support; a figure's is its source's printed date."""
    for name, key in STRUCTURED.items():
        for record in _yaml(name)[key]:
            ids = as_list(record.get("sources") or record.get("source"))
            if "as_of" in record:
                assert isinstance(record["as_of"], dt.date), record["id"]
                assert record["as_of"].isoformat() == REGISTRY.as_of(ids), (record["id"], REGISTRY.as_of(ids))
            for figure in record.get("figures") or []:
                if "as_of" in figure:
                    assert figure["as_of"] == REGISTRY.printed_date(str(figure["source"])), (record["id"], figure)
    for path in DOCS:
        front, _ = _front_and_body(path)
        if front.get("as_of"):
            assert front["as_of"].isoformat() == REGISTRY.as_of(front["source"]), path.name


def test_citations_say_undated_with_an_approximate_year_in_each_language() -> None:
    titles = {s["id"]: s for s in _yaml("sources.yaml")["sources"]}
    brochure = titles["s001"]
    assert REGISTRY.describe(["s001"], "en") == f"{brochure['title']} (undated, c. 2023)"
    assert REGISTRY.describe(["s001"], "roman_ur") == f"{brochure['title']} (undated, c. 2023)"
    assert REGISTRY.describe(["s001"], "ur") == f"{brochure['title_ur']} (تاریخ درج نہیں، تقریباً 2023)"
    assert REGISTRY.describe(["s004"], "en").endswith("(2025-11-14)")
    assert REGISTRY.as_of(["s001"]) == "c. 2023" and REGISTRY.as_of(["s001", "s000"]) == "2024-02-18"
    assert REGISTRY.as_of(["s002", "s004"]) == "2025-11-14" and REGISTRY.as_of(["s000", "s002"]) == "c. 2025"
    assert SourceRegistry({"x": {"id": "x", "title": "T", "dated": False}}).describe("x") == "T (undated)"


def test_an_answers_source_line_is_short_enough_for_a_phone() -> None:
    """"Sources:" under a two-line answer ran to 90 words of full titles: an answer cites each source by its short
    title (in Urdu, its Urdu one) and the date, and every source has both."""
    for source in _yaml("sources.yaml")["sources"]:
        assert source.get("short") and source.get("short_ur"), source["id"]
        assert len(source["short"]) <= 40 and len(source["short_ur"]) <= 40, source["id"]
    every = [s["id"] for s in _yaml("sources.yaml")["sources"]]
    for lang in ("en", "ur", "roman_ur"):
        line = REGISTRY.describe(every, lang, short=True)
        assert len(line) < len(REGISTRY.describe(every, lang)) / 2, line
    assert REGISTRY.describe(["s001"], "ur", short=True).startswith("ایس ٹی پیز پر پی ایس ای بی کا بروشر (")


def test_no_passage_or_citation_shows_a_day_that_no_source_prints() -> None:
    """Every passage ingest builds from the bundled knowledge, with its citation and ``as_of``."""
    printed = {d.isoformat() for s in REGISTRY.sources if (d := REGISTRY.printed_date(s)) is not None}
    iso_day = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
    passages = [doc for path in [*(KNOWLEDGE / n for n in STRUCTURED), *DOCS] for doc in load_file(path)]
    assert len(passages) > 200
    undated_seen = 0
    for doc in passages:
        meta = doc.metadata
        for text in (doc.page_content, str(meta["source"]), str(meta["as_of"])):
            assert set(iso_day.findall(text)) <= printed, (meta["doc_id"], text[:200])
        assert meta["as_of"] == REGISTRY.as_of(meta["source_id"]), meta["doc_id"]
        if meta["as_of"].startswith("c. "):
            undated_seen += 1
    assert undated_seen > 20  # the brochure-only and D. I. Khan-only records really are dated "c. <year>"
    gilgit = next(d for d in passages if d.metadata["doc_id"] == "park:gilgit-sco-technology-park:ur")
    assert "(تقریباً 2023)" in gilgit.page_content  # a figure from the undated brochure, in Urdu


@pytest.mark.parametrize(("cited", "as_of", "suffix"), [
    ("PSEB brochure (undated, c. 2023)", "c. 2023", ""),
    ("PSEB brochure (undated, c. 2023); MoITT update (2025-11-14)", "2025-11-14", ""),
    ("notes.md", "2026-01-05", " [2026-01-05]"),  # an ingested file's own date is real and not shown yet
])
def test_a_citation_adds_as_of_only_when_it_is_a_real_date_not_shown(cited: str, as_of: str, suffix: str) -> None:
    line = GroundedComposer._cite(None, "Body", cited, as_of, "en")  # type: ignore[arg-type]  # uses no state
    assert line == f"Body\n\nSources: {cited}{suffix}"
