"""An office's own file, ingested next to the bundled knowledge, answers questions about what only it knows: a
park in a city the curated directory has none in, its seats, rent, contact number, manager and hours, cited by
its own title with the file's date marked as the file's, in every language the question comes in."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from bot.app.parts import build_assistant, open_knowledge
from bot.conversation.assistant import Assistant
from bot.conversation.messages import InboundMessage, Reply
from bot.retrieval.embeddings import E5Q4Embeddings
from bot.settings import BUNDLED_KNOWLEDGE, Settings
from bot.texts import say
from ingest.indexer import Indexer

MARDAN = """# Software Technology Park, Mardan

PSEB opened a Software Technology Park in Mardan, Khyber Pakhtunkhwa, in March 2026. The park is on the
second floor of the Mardan Chamber of Commerce building on Bank Road. It has 120 seats for IT companies and
freelancers, and a meeting room for 12 people.

Rent is Rs 6,000 per seat per month. Tenants get the usual STP subsidies. The park manager is Ms. Ayesha Khan
and the office is open Monday to Friday, 9 am to 5 pm. Contact: 0937-123456.
"""


#: A longer file in sections: each section is a chunk of its own.
BAHAWALPUR = """# Software Technology Park, Bahawalpur

The Bahawalpur Software Technology Park is a new PSEB park in Bahawalpur, Punjab. It opened in March 2026
on the second floor of the Model Town A commercial block, near the Islamia University.

## Seats and space

The park has 180 seats in total: 150 seats in shared halls and 30 seats in six private offices.

## Rent

A seat in a shared hall costs Rs. 6,500 per month. A private office for 5 people costs Rs. 40,000 per month.

## Office hours and contact

The park is open Monday to Saturday, 9:00 am to 9:00 pm. It is closed on Sundays.
The park manager is Ms. Sadia Noreen. Phone: 062-9250417.

## Who can apply

Registered IT and ITeS companies and freelancers registered with PSEB can apply.
"""


#: A news item that names two cities in passing, with an hours line and a phone number of its own.
SPORTS = """# Floodlights for Mardan's stadium

Mardan's Arbab Niaz stadium will host night matches from next month. Fans in Mardan can call 0937-111222 for
bookings, and the ground is open from 4 pm to 11 pm. The lights came from a supplier in Lahore.
"""


#: A park directory an office keeps as a spreadsheet: one row per park, a field per column.
LISTING = """name,city,province,status,seats,rent_per_seat_pkr,opening_hours,contact,manager
STP Sahiwal,Sahiwal,Punjab,functional,80,5500,Mon-Fri 9am-6pm,040-4221100,Mr. Imran Ali
STP Turbat,Turbat,Balochistan,under construction,60,,,,
STP Mirpurkhas,Mirpurkhas,Sindh,functional,45,4000,Mon-Sat 10am-7pm,0233-876543,Ms. Farzana Memon
"""


#: A newsletter that names cities in passing: no park of theirs.
NEWSLETTER = """# Freelancer newsletter

Our meetup in Multan drew 40 freelancers this month. Next month we meet in Hyderabad, near the university.
"""


#: Another office's sheet, with its columns named as people name them, and a YAML list of its own.
DIRECTORY = """Park Name,City,Province,Monthly Rent (PKR),Timings,Status
STP Gujranwala,Gujranwala,Punjab,5000,9 a.m. to 5 p.m. Mon-Fri,functional
"""
PARKS_YAML = """parks:
  - name: STP Sukkur
    city: Sukkur
    province: Sindh
    status: planned
    women_only: false
  - name: STP D.G. Khan Annex
    city: Dera Ghazi Khan
    province: Punjab
    status: functional
    rent: Rs. 4,500 per seat
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, e5: E5Q4Embeddings) -> Assistant:
    folder = tmp_path_factory.mktemp("office")
    (folder / "mardan.md").write_text(MARDAN, encoding="utf-8")
    (folder / "bahawalpur-stp.md").write_text(BAHAWALPUR, encoding="utf-8")
    (folder / "sports-news.md").write_text(SPORTS, encoding="utf-8")
    (folder / "new-parks.csv").write_text(LISTING, encoding="utf-8")
    (folder / "punjab-directory.csv").write_text(DIRECTORY, encoding="utf-8")
    (folder / "sindh-parks.yaml").write_text(PARKS_YAML, encoding="utf-8")
    (folder / "newsletter.md").write_text(NEWSLETTER, encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"), knowledge_dir=BUNDLED_KNOWLEDGE)
    knowledge = open_knowledge(settings, embedder=e5)
    Indexer(knowledge.index).sync([Path(folder)])
    return build_assistant(settings, knowledge)


def ask(assistant: Assistant, text: str) -> Reply:
    return assistant.handle(InboundMessage("web", uuid.uuid4().hex, text))


def answer_of(reply: Reply) -> str:
    """The answer's first paragraph after the line that says, in an Urdu or Roman Urdu user's language, that the
    file is in English (an English question gets no such line)."""
    first, _, rest = reply.reply.partition("\n\n")
    note = say("only_in_english", reply.language)
    assert (first == note) is (reply.language != "en"), reply.reply
    return rest.split("\n\n")[0] if first == note else first


@pytest.mark.parametrize(("text", "fact"), [
    ("mardan stp me kitni seats hain", "120"), ("mardan stp ka contact number", "0937-123456"),
    ("mardan park ka rent kitna hai", "6,000"), ("who is the manager of the mardan stp", "Ayesha Khan"),
    ("mardan stp timings", "9 am to 5 pm"), ("Is there an STP in Mardan?", "March 2026"),
    ("مردان ایس ٹی پی کب کھلا", "March 2026")])
def test_the_file_answers_what_only_it_knows(assistant: Assistant, text: str, fact: str) -> None:
    reply = ask(assistant, text)
    assert reply.sources[0]["id"].startswith("file:mardan"), reply.reply
    # (an Urdu question gets a line saying the file is in English first)
    assert any(fact in part for part in reply.reply.split("\n\n")[:2]), reply.reply


def test_the_file_is_cited_by_its_title_and_its_date_as_the_files(assistant: Assistant) -> None:
    reply = ask(assistant, "mardan stp ka contact number")
    cited = reply.reply.split("\n\n")[-1]
    assert cited.startswith("Sources: Software Technology Park, Mardan (file mardan.md, aakhri tabdeeli 20"), cited
    assert "[" not in cited


def test_a_wrapped_paragraph_reads_as_one_line(assistant: Assistant) -> None:
    reply = ask(assistant, "mardan stp kahan hai")
    assert "on the second floor" in reply.reply and "on the\n" not in reply.reply, reply.reply


@pytest.mark.parametrize(("text", "fact"), [
    ("bahawalpur stp ki timing kya hai? sunday ko khula hai?", "9:00 am to 9:00 pm"),
    ("bahawalpur park me ek seat ka kiraya kitna hai", "Rs. 6,500"),
    ("whats the rent for private office in bahawalpur stp", "Rs. 40,000"),
    ("who is the manager of the bahawalpur stp", "Sadia Noreen"),
    ("kya bahawalpur stp sirf companies ke liye hai ya freelancer bhi?", "freelancers registered with PSEB")])
def test_the_section_that_holds_the_item_answers(assistant: Assistant, text: str, fact: str) -> None:
    """A new user's file in sections: the hours, the rent and the manager sit in sections of their own, and the
    question's item is read from whichever holds it; "Rs. 6,500" is not cut into a sentence ending "Rs."."""
    reply = ask(assistant, text)
    assert reply.sources[0]["id"].startswith("file:bahawalpur"), reply.reply
    assert fact in answer_of(reply), reply.reply


def test_an_english_file_asked_in_urdu_says_so_in_urdu(assistant: Assistant) -> None:
    reply = ask(assistant, "بہاولپور سافٹ ویئر پارک کا فون نمبر کیا ہے؟")
    note, answer = reply.reply.split("\n\n")[:2]
    assert note == "یہ معلومات میرے ذرائع میں صرف انگریزی میں ہے:" and "062-9250417" in answer, reply.reply


def test_a_news_item_naming_the_city_does_not_answer_for_its_park(assistant: Assistant) -> None:
    """A file about a cricket ground in Mardan led "mardan stp timings" once files about a city led by themselves
    (found by review): of the files naming the city, the one that speaks of a park answers a park question."""
    reply = ask(assistant, "mardan stp timings")
    assert reply.sources[0]["id"].startswith("file:mardan:") and "9 am to 5 pm" in reply.reply, reply.reply


def test_a_curated_citys_questions_are_not_answered_from_a_file_that_names_it_in_passing(
        assistant: Assistant) -> None:
    reply = ask(assistant, "lahore stp ka contact number")
    assert "0937" not in reply.reply and not reply.sources[0]["id"].startswith("file:"), reply.reply


def test_a_sentence_that_qualifies_the_item_still_holds_it(assistant: Assistant) -> None:
    """"Rs. 6,500 per month" must not be discarded because another sentence of the file says "not" (the check
    for a sentence about what the sources lack was any negation)."""
    reply = ask(assistant, "bahawalpur park me ek seat ka kiraya kitna hai")
    assert "6,500" in answer_of(reply), reply.reply


@pytest.mark.parametrize("text", ["bahawalpur park sunday ko khula hota hai?", "is the bahawalpur stp open on sundays",
                                  "بہاولپور پارک اتوار کو کھلا ہوتا ہے؟", "bahawalpur stp weekend pe band hota?"])
def test_a_day_asked_gets_the_sentence_that_names_it(assistant: Assistant, text: str) -> None:
    """"sunday ko khula hai?" is answered by "It is closed on Sundays." with the hours, in every language ("itwar",
    "اتوار" and "Sundays" are one day), and not by the manager's name that shares the section."""
    answer = answer_of(ask(assistant, text))
    assert "closed on Sundays" in answer and "9:00 am to 9:00 pm" in answer and "Sadia" not in answer, answer


@pytest.mark.parametrize("text", ["mardan wale park ka manager kon hai", "who is the manager of the mardan stp",
                                  "مردان پارک کا مینیجر کون ہے"])
def test_a_detail_asked_is_answered_without_the_records_other_news(assistant: Assistant, text: str) -> None:
    answer = answer_of(ask(assistant, text))
    assert "Ayesha Khan" in answer and "March 2026" not in answer and "Bank Road" not in answer, answer


@pytest.mark.parametrize(("text", "field", "not_said"), [
    ("sahiwal stp me kitni seats hain", "seats 80", "PKR"),
    ("ساہیوال پارک کا کرایہ کتنا ہے", "rent per seat PKR 5500", "seats"),
    ("what is the rent at mirpurkhas stp", "rent per seat PKR 4000", "Sindh"),
    ("sahiwal stp ka number do", "contact 040-4221100", "Imran"),
    ("mirpurkhas stp ka manager kaun hai", "manager Ms. Farzana Memon", "4000"),
])
def test_a_listing_row_answers_with_the_field_asked(assistant: Assistant, text: str, field: str,
                                                    not_said: str) -> None:
    """A spreadsheet of parks, ingested: the row's field asked, named with its row ("STP Sahiwal: seats 80."), not
    the whole row as "name: ... city: ... seats: ..." and not "no rent amounts are given" when a column holds it."""
    reply = ask(assistant, text)
    answer = answer_of(reply)  # (a row's fields are English labels: the "only in English" line, even for names)
    assert reply.sources[0]["id"].startswith("file:new-parks:"), reply.reply
    assert field in answer and not_said not in answer and answer.startswith("STP "), reply.reply


@pytest.mark.parametrize("text", ["mirpur khas me stp hai?", "is there an stp in mirpurkhas",
                                  "میرپور خاص میں ایس ٹی پی ہے؟"])
def test_a_city_spelled_otherwise_in_a_file_still_has_its_park(assistant: Assistant, text: str) -> None:
    """The place tables write "Mirpur Khas", the office's sheet "Mirpurkhas": its park is found, not "no park
    listed in Mirpur Khas"; a question naming no field reads the row's place and status."""
    reply = ask(assistant, text)
    assert reply.sources[0]["id"].startswith("file:new-parks:"), reply.reply
    assert "status functional" in reply.reply, reply.reply


@pytest.mark.parametrize(("text", "row"), [
    ("which stps are in sindh", "STP Mirpurkhas (Mirpurkhas, functional)"),
    ("balochistan me konse stp hain", "STP Turbat (Turbat, under construction)"),
    ("mirpur khas me kaun kaun se park hain", "STP Mirpurkhas (Mirpurkhas, functional)"),
    ("پنجاب میں کون کون سے پارک ہیں", "STP Sahiwal (Sahiwal, functional)"),
])
def test_a_list_of_parks_names_the_parks_an_office_listed_there_too(assistant: Assistant, text: str, row: str) -> None:
    """A province's or city's parks: the curated ones and then the rows of the office's sheet in that place (by
    its own city or province column), cited with the file; documents that only name the place are not parks."""
    reply = ask(assistant, text)
    lines = reply.reply.split("\n")
    assert f"- {row}" in lines and any(s["id"].startswith("file:new-parks:") for s in reply.sources), reply.reply
    assert "new-parks.csv" in reply.reply.split("\n\n")[-1], reply.reply
    assert not any(s["id"].startswith(("file:sports-news", "file:mardan")) for s in reply.sources), reply.reply


@pytest.mark.parametrize(("text", "field"), [
    ("gujranwala stp ka rent kitna hai", "STP Gujranwala: monthly rent PKR 5000."),
    ("gujranwala stp timings", "STP Gujranwala: timings 9 a.m. to 5 p.m. Mon-Fri."),
])
def test_columns_named_as_people_name_them_still_make_a_row(assistant: Assistant, text: str, field: str) -> None:
    """"Park Name", "Monthly Rent (PKR)" and "9 a.m." (which ends no sentence) in an office's sheet: the row is named
    by its park, the rent carries its unit, the hours are not said missing."""
    reply = ask(assistant, text)
    assert field in reply.reply and not reply.reply.startswith(say("missing_deadline", reply.language)), reply.reply


def test_an_offices_own_parks_yaml_is_a_listing_and_is_listed() -> None:
    """A "parks:" list that is not parkbot's own format (no ids) is read as a listing, not a crash of the sync."""
    import tempfile

    from bot.retrieval.passages import SourceRegistry
    from ingest.loaders import load_yaml
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sindh-parks.yaml"
        path.write_text(PARKS_YAML, encoding="utf-8")
        docs = load_yaml(path, SourceRegistry({}))
    assert [d.metadata["province"] for d in docs] == ["Sindh", "Punjab"]
    assert "STP Sukkur: status planned." in docs[0].page_content and "women only no." in docs[0].page_content


def test_sindhs_list_holds_both_offices_rows(assistant: Assistant) -> None:
    lines = ask(assistant, "sindh me kaun kaun se stp hain").reply.split("\n")
    assert "- STP Mirpurkhas (Mirpurkhas, functional)" in lines and "- STP Sukkur (Sukkur, planned)" in lines, lines


@pytest.mark.parametrize("text", ["karachi it park monday ko khulega?", "islamabad it park sunday ko open hoga?"])
def test_when_a_park_will_open_is_not_its_office_hours(assistant: Assistant, text: str) -> None:
    reply = ask(assistant, text)
    assert not reply.reply.startswith(say("missing_deadline", reply.language)), reply.reply
    assert any(park in reply.sources[0]["id"] for park in ("karachi-it-park", "islamabad-it-park")), reply.reply


@pytest.mark.parametrize("follow", ["sunday ko khula hota hai?", "اتوار کو کھلا ہے؟", "number do"])
def test_a_short_detail_question_after_a_park_is_about_that_park(assistant: Assistant, follow: str) -> None:
    user = uuid.uuid4().hex
    assistant.handle(InboundMessage("web", user, "stp sahiwal ke bare me batao"))
    reply = assistant.handle(InboundMessage("web", user, follow))
    assert reply.intent != "out_of_scope" and not reply.escalated, reply.reply
    assert any(s["id"].startswith("file:new-parks:") for s in reply.sources), reply.reply


@pytest.mark.parametrize(("text", "city"), [("is there an stp in multan?", "Multan"),
                                            ("hyderabad me koi stp hai?", "Hyderabad")])
def test_a_file_naming_a_city_in_passing_is_no_park_there(assistant: Assistant, text: str, city: str) -> None:
    """A newsletter's "our meetup in Multan": the city still has no park listed, and the reply says so."""
    reply = ask(assistant, text)
    none = say("list_none", reply.language, where=say("where_city", reply.language, place=city))
    assert reply.reply.startswith(none), reply.reply
    assert not any(s["id"].startswith("file:newsletter") for s in reply.sources), reply.reply


def test_a_sheets_row_answers_only_for_its_own_city(assistant: Assistant) -> None:
    reply = ask(assistant, "is stp islamabad open on sundays")
    assert not any(s["id"].startswith("file:") for s in reply.sources), reply.reply
    assert reply.reply.startswith(say("missing_deadline", "en")), reply.reply


def test_a_row_named_with_initials_is_still_one_row(assistant: Assistant) -> None:
    """"STP D.G. Khan Annex": the dots of its initials end no sentence, so the row answers its rent alone and is
    listed with Punjab's parks."""
    reply = ask(assistant, "dg khan annex ka rent kitna hai")
    assert "STP D.G. Khan Annex: rent Rs. 4,500 per seat." in reply.reply and "Punjab" not in reply.reply.split(
        "\n\n")[-2], reply.reply
    lines = ask(assistant, "punjab me kaun kaun se stp hain").reply.split("\n")
    assert "- STP D.G. Khan Annex (Dera Ghazi Khan, functional)" in lines, lines


def test_two_fields_asked_of_a_row_are_both_answered(assistant: Assistant) -> None:
    reply = ask(assistant, "mirpurkhas stp ka manager aur contact number")
    assert "Farzana Memon" in reply.reply and "0233-876543" in reply.reply and "4000" not in reply.reply, reply.reply


def test_which_days_a_park_opens_is_its_hours_not_a_list(assistant: Assistant) -> None:
    reply = ask(assistant, "which days is the sahiwal stp open")
    assert reply.intent != "list" and "Mon-Fri 9am-6pm" in reply.reply, reply.reply


@pytest.mark.parametrize("text", ["turbat stp kab khulega", "when will the turbat stp open"])
def test_when_a_rows_park_opens_is_its_status_when_no_date_is_given(assistant: Assistant, text: str) -> None:
    """A row with no date: "not known" first and a person offered, then how far the park is, not its seats."""
    reply = ask(assistant, text)
    assert "status under construction" in reply.reply and "seats" not in reply.reply, reply.reply
    assert reply.reply.startswith(say("not_known_item", reply.language, item=say("item_when", reply.language)))
