"""The precision scorer (``evals/precision.py``) is itself tested: on hand-made replies it must see padding,
false yes/no openers, leaked authoring notes and citation lines for what they are, and its question sets
must only name records that exist and facts that those records hold, or its verdicts would mean nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, cast

import pytest

from bot.app.parts import build_assistant
from bot.conversation.assistant import Assistant
from bot.conversation.messages import InboundMessage, Reply
from bot.retrieval.knowledge import Knowledge
from evals import precision
from evals.precision import Case, RecordTexts, Turn, answer_body, has_fact, score_turn

CITE_EN = ("Sources: November 2025 MoITT update: 50 STPs, women-only STP in Bagh, Islamabad and Karachi IT parks, "
           "co-working spaces (2025-11-14) [2025-01-15]")
CITE_UR = "ماخذ: پاکستان کے ثانوی اور چھوٹے شہروں میں سافٹ ویئر ٹیکنالوجی پارکس پر پی ایس ای بی کا بروشر (2023-06-01)"
OFFER_EN = 'Would you like me to connect you with a person? Reply "yes".'
OFFER_UR = 'کیا میں آپ کی بات کسی نمائندے سے کرواؤں؟ "جی" لکھ کر جواب دیں۔'
COUNT = ("According to the November 2025 MoITT update, PSEB has set up 50 Software Technology Parks across Pakistan; "
         "that is the current figure.")
NOTE = ("The count depends on the date of the source. When a user asks how many STPs exist, give 50 as the latest "
        "figure and mention that older reports said 43.")
WOMEN = "About 20% of the professionals working in the STPs are women, according to both sources."


def reply(text: str, *ids: str, lang: str = "en", escalated: bool = False) -> Reply:
    return Reply(text, lang, [{"id": i, "title": i, "as_of": ""} for i in ids], escalated)  # type: ignore[arg-type]


def fact_turn(gold: str = "faq:faq-how-many-stps", *facts: str) -> Turn:
    return Turn(q="how many stps", kind="fact", gold=gold, facts=facts)


# -- the body a user reads ---------------------------------------------------------------------------

def test_citation_lines_and_the_offer_are_stripped_from_the_body() -> None:
    text = f"{COUNT}\n\n{CITE_EN}\n\n{OFFER_EN}"
    assert answer_body(text) == COUNT
    s = score_turn(fact_turn("faq:faq-how-many-stps", "50"), reply(text, "faq:faq-how-many-stps"), "en")
    assert s.body_len == len(COUNT)
    assert answer_body(f"لاہور میں ایس ٹی پیز ہیں۔\n\n{CITE_UR}\n\n{OFFER_UR}") == "لاہور میں ایس ٹی پیز ہیں۔"
    assert answer_body("Lahore mein STPs hain.\n\nSources: PSEB brochure (2023-06-01)") == "Lahore mein STPs hain."


def test_facts_are_read_from_the_body_not_from_the_citation() -> None:
    turn = fact_turn("faq:faq-how-many-stps", "50")
    only_cited = score_turn(turn, reply(f"PSEB runs the parks.\n\n{CITE_EN}", "faq:faq-how-many-stps"), "en")
    assert only_cited.facts_missing == ["50"]


def test_digits_are_normalised_and_numbers_match_whole() -> None:
    assert has_fact("50", "پی ایس ای بی نے ۵۰ پارکس بنائے")
    assert has_fact("18,000", "18000 professionals") and has_fact("18000", "18,000 professionals")
    assert has_fact("1.9", "about 1.9 million sq ft.")
    assert not has_fact("50", "more than US$150 million") and not has_fact("50", "5,000 sq ft")
    assert has_fact("bagh", "Women's University in Bagh, AJK")


# -- padding -----------------------------------------------------------------------------------------

def test_a_padded_answer_with_a_second_record_counts_as_such() -> None:
    padded = reply(f"{COUNT}\n\n{WOMEN}\n\n{CITE_EN}", "faq:faq-how-many-stps", "faq:faq-women-in-stps")
    s = score_turn(fact_turn("faq:faq-how-many-stps", "50"), padded, "en")
    assert s.gold_ok and s.second_record and s.body_len == len(COUNT) + 2 + len(WOMEN)
    assert "second record" in s.problems(fact_turn())
    clean = score_turn(fact_turn("faq:faq-how-many-stps", "50"), reply(f"{COUNT}\n\n{CITE_EN}",
                                                                       "faq:faq-how-many-stps"), "en")
    assert not clean.second_record


def test_a_second_paragraph_from_another_record_counts_even_without_its_source() -> None:
    records = RecordTexts({"faq:faq-how-many-stps": [f"Question: How many?\nAnswer: {COUNT}"],
                           "faq:faq-women-in-stps": [WOMEN]})
    one_source = reply(f"{COUNT}\n\n{WOMEN}\n\n{CITE_EN}", "faq:faq-how-many-stps")
    assert score_turn(fact_turn(), one_source, "en", records).second_record
    own_text_twice = reply(f"{COUNT}\n\n{COUNT}", "faq:faq-how-many-stps")
    assert not score_turn(fact_turn(), own_text_twice, "en", records).second_record


# -- yes / no ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "answer", "false"), [
    ("Ji haan. Bagh ka women-only STP sirf khawateen ke liye hai.", "yesno", "no", True),
    ("Ji haan. Bagh ka park 5,000 square feet ka hai.", "fact", None, True),
    ("جی ہاں۔ لاہور میں ایس ٹی پیز ہیں۔", "unknown", None, True),
    ("Yes. Our sources do not name an STP in Sukkur.", "yesno", "undecided", True),
    ("Nahi, ye park sirf khawateen ke liye hai.", "yesno", "no", False),
    ("نہیں، یہ پارک صرف خواتین کے لیے ہے۔", "yesno", "no", False),
    ("Yes. Tenants get a 100% internet subsidy.", "yesno", "yes", False),
    ("No fee is given in the sources.", "unknown", None, False),
    ("Our sources do not name an STP in Sukkur.", "yesno", "undecided", False),
])
def test_yes_no_openers(text: str, kind: str, answer: str | None, false: bool) -> None:
    turn = Turn(q="?", kind=kind, gold="park:bagh-women-stp", answer=answer, missing="x" if kind == "unknown" else None)
    assert score_turn(turn, reply(text, "park:bagh-women-stp"), "en").false_yesno is false


# -- notes for authors -------------------------------------------------------------------------------

def test_leaked_notes_are_counted() -> None:
    s = score_turn(fact_turn("doc:stp-network-figures", "50"), reply(f"{NOTE}\n\n{CITE_EN}", "doc:stp-network-figures"),
                   "en")
    assert {"when a user asks", "give ... as the latest/current figure", "mention that"} <= set(s.notes)
    assert precision.leaked_notes("The freelancers document has more on this group.")
    assert precision.leaked_notes("کوئی پوچھے تو 50 کو تازہ ترین تعداد بتائیں۔")
    assert precision.leaked_notes("اس طبقے کے بارے میں مزید معلومات فری لانسرز والی دستاویز میں ہیں۔")
    assert not precision.leaked_notes(COUNT) and not precision.leaked_notes(WOMEN)


# -- not known -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "ok"), [
    (f"My sources give no opening hours for any STP.\n\n{OFFER_EN}", "en", True),
    ("Sorry, our knowledge base does not have any phone number for PSEB; parkbot can connect you with a person.",
     "en", True),
    (f"Mere sources mein koi deadline ya office timings darj nahi.\n\n{OFFER_EN}", "roman_ur", True),
    (f"میرے ذرائع میں کوئی آخری تاریخ یا دفتری اوقات درج نہیں۔\n\n{OFFER_UR}", "ur", True),
    ("My sources give no opening hours for any STP.", "en", False),  # no person offered
    (f"{COUNT} {WOMEN} The sources do not give the address.\n\n{OFFER_EN}", "en", False),  # not in the lead
    (f"My sources give no opening hours.\n\n{OFFER_EN}", "ur", False),  # not said in the user's language
])
def test_unknown_items_must_be_said_unknown_in_the_lead_with_a_person(text: str, lang: str, ok: bool) -> None:
    turn = Turn(q="?", kind="unknown", missing="opening hours")
    assert score_turn(turn, reply(text, lang=lang), lang).unknown_ok is ok


# -- whole runs ----------------------------------------------------------------------------------------

class ScriptedAssistant:
    """Answers from a script (question -> reply) and remembers who asked, to check fresh users per case."""

    def __init__(self, script: dict[str, Reply]) -> None:
        self.script = script
        self.users: list[tuple[str, str]] = []

    def handle(self, inbound: InboundMessage) -> Reply:
        self.users.append((inbound.user_id, inbound.text))
        return self.script[inbound.text]


def test_evaluate_counts_per_language_with_a_fresh_user_per_case() -> None:
    cases = [
        Case("en-1", "en", (Turn("how many stps", "fact", "faq:faq-how-many-stps", facts=("50",)),)),
        Case("en-2", "en", (Turn("men in bagh park?", "yesno", "park:bagh-women-stp", answer="no"),)),
        Case("en-3", "en", (Turn("stp phone no", "unknown", missing="phone number"),)),
        Case("en-c", "en", (Turn("karachi it park cost", "fact", "park:karachi-it-park", facts=("186",)),
                            Turn("and islamabad?", "fact", "park:islamabad-it-park", facts=("88.4",)),
                            Turn("size?", "fact", "park:islamabad-it-park", facts=("720,000",))), conversation=True),
    ]
    bot = ScriptedAssistant({
        "how many stps": reply(f"{COUNT}\n\n{NOTE}\n\n{CITE_EN}", "faq:faq-how-many-stps", "doc:stp-network-figures"),
        "men in bagh park?": reply("Yes. The park is for women only.", "park:bagh-women-stp"),
        "stp phone no": reply(f"My sources have no phone number for that.\n\n{OFFER_EN}"),
        "karachi it park cost": reply(f"It costs US$186 million.\n\n{CITE_EN}", "park:karachi-it-park"),
        "and islamabad?": reply(f"It costs US$88.4 million.\n\n{CITE_EN}", "park:islamabad-it-park"),
        "size?": reply("I can only help with Pakistan's Software Technology Parks."),
    })
    results = precision.evaluate(cast(Assistant, bot), cases, records=RecordTexts({}))
    m = results["en"].summary()
    assert m["gold_leads"] == 1.0 and m["facts"] == 1.0
    padded_body, short_body = len(COUNT) + 2 + len(NOTE), len("It costs US$186 million.")
    assert m["second_record"] == 0.5 and m["body_median"] == (padded_body + short_body) / 2
    assert m["false_yesno"] == 1 and m["leaked_notes"] == 1 and m["unknown_handled"] == 1.0
    assert m["followups"] == 0.5
    users = Counter(user for user, _ in bot.users)
    assert len(users) == 4 and sorted(users.values()) == [1, 1, 1, 3]
    assert precision.misses(m) and "followups 0.500 (target >= 0.95)" in precision.misses(m)
    report = precision.to_markdown(results)
    assert "| en |" in report and "`en-c#3`" in report


def test_thresholds_are_the_issues_done_means() -> None:
    assert precision.THRESHOLDS == {
        "gold_leads": (">=", 0.95), "facts": (">=", 0.95), "body_median": ("<=", 300),
        "second_record": ("<=", 0.10), "false_yesno": ("==", 0), "followups": (">=", 0.95),
        "leaked_notes": ("==", 0), "unknown_handled": (">=", 1.0)}
    perfect = {"gold_leads": 1.0, "facts": 1.0, "body_median": 180.0, "second_record": 0.0, "false_yesno": 0.0,
               "followups": 1.0, "leaked_notes": 0.0, "unknown_handled": 1.0}
    assert precision.misses(perfect) == []


# -- the sets ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return precision.load_sets()


def test_every_language_has_the_required_cases(cases: list[Case]) -> None:
    for lang in precision.LANGS:
        mine = [c for c in cases if c.lang == lang]
        single = [c.turns[0] for c in mine if not c.conversation]
        talks = [c for c in mine if c.conversation]
        assert len(single) >= 60 and len(talks) >= 20, lang
        assert all(2 <= len(c.turns) <= 4 for c in talks)
        yesno = Counter(t.answer for t in single if t.kind == "yesno")
        assert sum(yesno.values()) >= 12 and yesno["no"] >= 6 and yesno["undecided"] >= 3, (lang, yesno)
        assert sum(t.kind == "unknown" for t in single) >= 8, lang
        assert any(t.kind == "list" for t in single), lang


def test_questions_are_in_their_language_script(cases: list[Case]) -> None:
    for case in cases:
        for turn in case.turns:
            urdu = sum("\u0600" <= ch <= "\u06ff" for ch in turn.q)
            latin = sum(ch.isascii() and ch.isalpha() for ch in turn.q)
            assert (urdu > latin) if case.lang == "ur" else urdu == 0, (case.id, turn.q)


def _index_texts(knowledge: Knowledge) -> dict[str, list[str]]:
    data: dict[str, Any] = knowledge.index.get_all(["documents", "metadatas"])
    texts: dict[str, list[str]] = {}
    for text, meta in zip(data["documents"], data["metadatas"], strict=False):
        texts.setdefault(str(meta.get("record_id", "")), []).append(str(text))
    return texts


def test_every_gold_record_exists_and_holds_the_expected_facts(bundled: Knowledge, cases: list[Case]) -> None:
    texts = _index_texts(bundled)
    problems = []
    for case in cases:
        for n, turn in enumerate(case.turns, 1):
            for record in turn.leads:
                if record not in texts:
                    problems.append(f"{case.id}#{n}: no record {record}")
            for fact in turn.facts:
                if not any(has_fact(fact, t) for r in turn.leads for t in texts.get(r, [])):
                    problems.append(f"{case.id}#{n}: fact {fact!r} in none of {turn.leads}")
    assert not problems, problems


# -- the gate: the assistant's answers, per language (issue 11, CI) -------------------------------------------------
#
# The sets run through the assistant built from the shipped knowledge, a fresh user per case, once per module;
# every metric is held to the issue's target, or, until it gets there, to the floor reached so far
# (precision.FLOORS), so answers that grow long, carry a second record again or lose a follow-up fail here.
# The held-out questions (evals/precision_heldout), written after the answer work and not tuned on, are held to
# the targets that every language meets on the sets.

HELD_OUT = Path(precision.__file__).resolve().parent / "precision_heldout"
MET_EVERYWHERE = ("body_median", "second_record", "false_yesno", "leaked_notes")


@pytest.fixture(scope="module")
def answering(bundled: Knowledge) -> Assistant:
    return build_assistant(bundled.settings, bundled)


@pytest.fixture(scope="module")
def scores(answering: Assistant) -> dict[str, dict[str, float]]:
    return precision.run(answering)


@pytest.fixture(scope="module")
def held_out(answering: Assistant) -> dict[str, dict[str, float]]:
    return precision.run(answering, precision.load_sets(HELD_OUT))


def short_and_unpadded(summary: dict[str, float]) -> list[str]:
    """The metrics every language meets on every set that this summary misses."""
    return [m for m in MET_EVERYWHERE if not precision.meets(summary[m], *precision.THRESHOLDS[m])]


@pytest.mark.parametrize("lang", precision.LANGS)
@pytest.mark.parametrize("metric", precision.METRICS)
def test_answers_hold_their_precision_in_every_language(scores: dict[str, dict[str, float]], lang: str,
                                                        metric: str) -> None:
    op, limit = precision.gate(lang, metric)
    value = scores[lang][metric]
    assert precision.meets(value, op, limit), f"{metric} in {lang}: {value:.3f}, must be {op} {limit:g}"


@pytest.mark.parametrize("lang", precision.LANGS)
def test_short_unpadded_answers_hold_on_questions_not_tuned_on(held_out: dict[str, dict[str, float]],
                                                               lang: str) -> None:
    assert short_and_unpadded(held_out[lang]) == [], held_out[lang]
    assert held_out[lang]["unknown_handled"] == 1.0 and held_out[lang]["followups"] >= 0.95, held_out[lang]


# A second held-out set (evals/precision_fresh), written by a separate session from the knowledge alone, without
# seeing any answer, and measured once before being added here: on such questions the answers are still short
# and unpadded (held to the targets below); which record leads, the facts, "not known" and follow-ups are lower
# than on the tuned sets (evals/reports/precision.md gives the figures) and are reported, not gated.
# Two more (precision_fresh2, precision_fresh3) were written the same way in session 8, and two in session 9
# (precision_fresh4; precision_fresh5, for users who are not experts and ask practical questions), and one more
# (precision_fresh6: numbers and comparisons, places, very short messages).
FRESH = Path(precision.__file__).resolve().parent / "precision_fresh"
FRESH_NAMES = ["fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9",
               "fresh10", "fresh11"]
FRESH_SETS = [FRESH.with_name(f"precision_{name}") for name in FRESH_NAMES]


@pytest.fixture(scope="module", params=FRESH_SETS, ids=lambda p: p.name)
def fresh(request: pytest.FixtureRequest, answering: Assistant) -> dict[str, dict[str, float]]:
    return precision.run(answering, precision.load_sets(request.param))


@pytest.mark.parametrize("lang", precision.LANGS)
def test_answers_stay_short_and_unpadded_on_questions_written_by_someone_else(fresh: dict[str, dict[str, float]],
                                                                             lang: str) -> None:
    assert short_and_unpadded(fresh[lang]) == [], fresh[lang]


@pytest.mark.parametrize("folder", [HELD_OUT, *FRESH_SETS], ids=["heldout", *FRESH_NAMES])
def test_held_out_gold_records_exist_and_hold_their_facts(bundled: Knowledge, folder: Path) -> None:
    texts = _index_texts(bundled)
    held = precision.load_sets(folder)
    assert {c.lang for c in held} == set(precision.LANGS) and all(
        sum(len(c.turns) for c in held if c.lang == lang) >= 20 for lang in precision.LANGS)
    for case in held:
        for turn in case.turns:
            assert all(r in texts for r in turn.leads), case.id
            assert all(any(has_fact(f, t) for r in turn.leads for t in texts[r]) for f in turn.facts), case.id


def test_floors_only_stand_in_for_targets_not_met_yet() -> None:
    """A floor is the score reached on a metric whose target is still ahead; one that meets its target is stale."""
    for lang, floors in precision.FLOORS.items():
        for metric, floor in floors.items():
            op, target = precision.THRESHOLDS[metric]
            assert not precision.meets(floor, op, target), f"{lang} {metric}: floor {floor} meets the target"
