"""The park directory finds the parks and places a message names, whatever the length of the name."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.retrieval.directory import Directory, Park

LONG_NAME = "Software Technology Park for Women Entrepreneurs at the Women University of Azad Jammu and Kashmir in Bagh"


def _directory() -> Directory:
    parks = [
        Park("stp-bagh-long", {"name": {"en": LONG_NAME}, "city": {"en": "Bagh"}}),
        Park("stp-quetta", {"name": {"en": "Quetta STP", "ur": "کوئٹہ ایس ٹی پی"}, "city": {"en": "Quetta"}}),
    ]
    return Directory(parks, [], [])


def test_a_park_with_a_long_official_name_is_found_by_that_name() -> None:
    directory = _directory()
    assert len(LONG_NAME.split()) > 12  # longer than any fixed n-gram cap the matcher once had
    assert directory.find_parks(f"How do I apply to the {LONG_NAME}?") == ["stp-bagh-long"]


def test_parks_and_places_are_found_in_either_script() -> None:
    directory = _directory()
    assert directory.find_parks("کوئٹہ ایس ٹی پی میں جگہ ہے؟") == ["stp-quetta"]
    assert directory.find_places("Quetta STP mein desk chahiye")["city"] == "Quetta"


@pytest.mark.parametrize(("text", "women_park"), [
    ("where is the ladies only stp", True), ("لڑکیوں والا ایس ٹی پی کہاں ہے", True),
    ("sirf khawateen ke liye koi stp hai kya", True), ("is there an stp for women", True),
    ("how many women work in stps", False), ("ایس ٹی پی میں خواتین کتنے فیصد ہیں", False),
    ("what % of stp professionals are women", False), ("where is the stp thats only for girls", True),
    ("r half the ppl working in stps women?", False),
    ("stps that employ women", False),
])
def test_the_women_only_park_is_found_by_description(text: str, women_park: bool) -> None:
    """Users rarely type the park's name; "ladies only stp" names it, "women who work in stps" does not."""
    directory = Directory([Park("bagh-women-stp", {"name": {"en": "Women-only STP, Bagh"}, "women_only": True}),
                           *_directory().parks], [], [])
    assert (directory.parks_meant(text) == ["bagh-women-stp"]) is women_park, directory.parks_meant(text)
    assert directory.find_parks(text) == []  # a description names no park: "a ladies only stp in lahore?" asks Lahore


def test_a_bracketed_description_is_no_name_but_a_short_name_is() -> None:
    """"Innovation park (planned)" made every question with "planned" name that park ("how many coworking
    spaces r planned" was answered about Peshawar); "(KTP)" is a name users type."""
    directory = Directory([
        Park("kp-innovation", {"name": {"en": "Innovation park in Peshawar (planned)", "ur": "انوویشن پارک (منصوبہ)"}}),
        Park("ktp", {"name": {"en": "Karachi Technology Park (KTP)", "ur": "کراچی ٹیکنالوجی پارک (کے ٹی پی)"}}),
    ], [], [])
    assert directory.find_parks("how many coworking spaces r planned") == []
    assert directory.find_parks("کتنے منصوبہ ہیں") == []
    assert directory.find_parks("ktp me jagah hai?") == ["ktp"] == directory.find_parks("کے ٹی پی کہاں ہے")


@pytest.mark.parametrize(("text", "places"), [
    ("کے پی میں مالی شمولیت کتنی ہے", {"province": "Khyber Pakhtunkhwa"}), ("کے پی ایس ای بی کی سبسڈی", {}),
    ("پی ایس ای بی کے پی میں کیا کر رہا ہے", {"province": "Khyber Pakhtunkhwa"}),
])
def test_kp_in_urdu_is_the_province_but_not_inside_pseb(text: str, places: dict[str, str]) -> None:
    """"کے پی" is how KP is written in Urdu, and also the start of "کے پی ایس ای بی" ("of PSEB")."""
    from bot.settings import BUNDLED_KNOWLEDGE

    assert Directory.load(BUNDLED_KNOWLEDGE).find_places(text) == places


@pytest.mark.parametrize("text", ["کراچی کے پی ٹی سی ایل دفتر", "ان کے پی ایچ ڈی طلبہ"])
def test_ke_pe_before_a_spelled_abbreviation_is_not_kp(text: str) -> None:
    from bot.settings import BUNDLED_KNOWLEDGE

    assert "province" not in Directory.load(BUNDLED_KNOWLEDGE).find_places(text)


@pytest.mark.parametrize(("text", "city"), [
    ("our company is registered in lahore. can we take space in the quetta stp", "Quetta"),
    ("im from karachi, is there an stp in lahore", "Lahore"),
    ("سکھر میں ہماری سافٹ ویئر کمپنی ہے وہاں ایس ٹی پی ہے یا کراچی جانا پڑے گا", "Sukkur"),
    ("karachi ya lahore me stp", "Karachi"),
])
def test_the_place_asked_about_is_the_one_next_to_the_park_word_else_the_first_named(text: str, city: str) -> None:
    """Two cities in one message: the clause that asks about a park names the one asked about; without such a
    clause, the first named. (The choice used to follow the place table's order, which changed with Python's
    hash seed: two processes answered the same message about different cities.)"""
    from bot.settings import BUNDLED_KNOWLEDGE

    assert Directory.load(BUNDLED_KNOWLEDGE).find_places(text)["city"] == city


def test_place_and_park_tables_do_not_depend_on_the_hash_seed() -> None:
    code = ("from bot.retrieval.directory import Directory; from bot.settings import BUNDLED_KNOWLEDGE; "
            "d = Directory.load(BUNDLED_KNOWLEDGE); print(d._place_keys, d._park_keys)")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(runs) == 1
