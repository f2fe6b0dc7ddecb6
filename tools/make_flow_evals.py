"""Write evals/flows/{en,ur,roman_ur}.yaml: scripted booking and application conversations with the
payload each must deliver (``python tools/make_flow_evals.py``).

The conversations are composed from phrasings people use on WhatsApp in each language (several
fields at once, one at a time, corrections, a question in the middle, bad phones, past dates, a bad
CNIC, the women-only park, cancels). The expected payload is written down from the values chosen
here, never from what parkbot answers, so the eval checks the bot against the script. The day the
scripts assume is evals.flows.TODAY (a Friday).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

OUT = Path(__file__).resolve().parent.parent / "evals" / "flows"
BOOKING = ["park", "item", "date", "time", "people", "name", "phone"]
APPLICATION = ["park", "applicant", "name", "phone", "email", "cnic", "team_size", "field", "space", "subsidy"]

PARKS = [("stp-lahore", "Lahore STP", "Lahore", "لاہور"), ("stp-islamabad", "Islamabad", "Islamabad", "اسلام آباد"),
         ("stp-faisalabad", "Faisalabad", "Faisalabad", "فیصل آباد"), ("stp-karachi", "Karachi STP", "Karachi",
                                                                       "کراچی"),
         ("stp-quetta", "Quetta", "Quetta", "کوئٹہ"), ("stp-sialkot", "Sialkot", "Sialkot", "سیالکوٹ"),
         ("stp-rawalpindi", "Rawalpindi", "pindi", "راولپنڈی"), ("gilgit-sco-technology-park", "Gilgit", "Gilgit",
                                                                 "گلگت"),
         ("stp-swat", "Swat", "Swat", "سوات")]
BAGH = ("bagh-women-stp", "the Bagh women park", "Bagh", "باغ")
L = {"en": 1, "roman_ur": 2, "ur": 3}

ITEMS = {"en": [("desk", "a desk"), ("meeting_room", "a meeting room"), ("visit", "a visit")],
         "roman_ur": [("desk", "desk"), ("meeting_room", "meeting room"), ("visit", "visit")],
         "ur": [("desk", "ڈیسک"), ("meeting_room", "میٹنگ روم"), ("visit", "دورہ")]}
DATES = {"en": [("tomorrow", "2026-11-28"), ("next Monday", "2026-11-30"), ("15 Dec", "2026-12-15"),
                ("on Thursday", "2026-12-03"), ("2 December", "2026-12-02"), ("day after tomorrow", "2026-11-29")],
         "roman_ur": [("kal", "2026-11-28"), ("parson", "2026-11-29"), ("agle peer", "2026-11-30"),
                      ("mangal ko", "2026-12-01"), ("15 Dec", "2026-12-15"), ("jumeraat ko", "2026-12-03"),
                      ("10 december", "2026-12-10")],
         "ur": [("کل", "2026-11-28"), ("پرسوں", "2026-11-29"), ("اگلے پیر", "2026-11-30"), ("15 دسمبر", "2026-12-15"),
                ("منگل کو", "2026-12-01"), ("جمعرات کو", "2026-12-03")]}
TIMES = {"en": [("3pm", "15:00"), ("11am", "11:00"), ("10:30 am", "10:30"), ("2 pm", "14:00"), ("4:30 pm", "16:30")],
         "roman_ur": [("3 bajay", "15:00"), ("11 bajay", "11:00"), ("subah 10 bajay", "10:00"),
                      ("shaam 4 bajay", "16:00"), ("2 baje", "14:00")],
         "ur": [("3 بجے", "15:00"), ("صبح 11 بجے", "11:00"), ("شام 4 بجے", "16:00"), ("دوپہر 2 بجے", "14:00"),
                ("10 بجے", "10:00")]}
PEOPLE = {"en": [("4 people", 4), ("2 persons", 2), ("6 people", 6), ("3 people", 3)],
          "roman_ur": [("4 log", 4), ("do log", 2), ("5 banday", 5), ("3 afraad", 3)],
          "ur": [("4 افراد", 4), ("2 لوگ", 2), ("تین افراد", 3), ("5 افراد", 5)]}
NAMES = {"en": [("Bilal Ahmed", "Bilal Ahmed"), ("Sara Khan", "Sara Khan"), ("my name is Omar Farooq", "Omar Farooq"),
                ("Hira Malik", "Hira Malik"), ("Zain Abbas", "Zain Abbas")],
         "roman_ur": [("mera naam Usman Ali hai", "Usman Ali"), ("Ayesha", "Ayesha"), ("Fatima Noor", "Fatima Noor"),
                      ("naam Hamza hai", "Hamza"), ("kashif iqbal", "Kashif Iqbal")],
         "ur": [("میرا نام احمد رضا ہے", "احمد رضا"), ("عائشہ خان", "عائشہ خان"), ("فاطمہ", "فاطمہ"),
                ("علی حسن", "علی حسن")]}
PHONES = [("0300-1234567", "+923001234567"), ("+92 321 7654321", "+923217654321"), ("923331112223", "+923331112223"),
          ("03451234567", "+923451234567"), ("0312 9876543", "+923129876543")]
BAD_PHONES = ["0300-12345", "042-1234567", "12345"]
EMAILS = ["ali.raza@gmail.com", "hina@startup.pk", "team@codecraft.io", "sana.k@outlook.com"]
CNICS = [("35202-1234567-1", "35202-1234567-1"), ("3520212345671", "35202-1234567-1"), ("skip", None)]
SKIP = {"en": ["skip", "no"], "roman_ur": ["skip", "nahi"], "ur": ["چھوڑ دیں", "نہیں"]}
APPLICANT = {"en": [("company", "we are a company"), ("freelancer", "I am a freelancer")],
             "roman_ur": [("company", "company hai"), ("freelancer", "main freelancer hoon")],
             "ur": [("company", "کمپنی"), ("freelancer", "فری لانسر")]}
TEAM = {"en": [("5", 5), ("12 people", 12), ("just 1", 1)], "roman_ur": [("5", 5), ("12 log", 12), ("3 log", 3)],
        "ur": [("5", 5), ("12 افراد", 12), ("3 افراد", 3)]}
FIELD = {"en": [("software", "software"), ("AI", "ai_data"), ("graphic design", "design"), ("ecommerce", "ecommerce"),
                ("2", "ai_data")],
         "roman_ur": [("software development", "software"), ("data science", "ai_data"), ("design", "design"),
                      ("call center", "it_services"), ("1", "software")],
         "ur": [("سافٹ ویئر", "software"), ("ای کامرس", "ecommerce"), ("ڈیزائن", "design"), ("3", "design")]}
SPACE = {"en": [("a private office", "office"), ("a desk", "desk"), ("co-working", "desk")],
         "roman_ur": [("alag office", "office"), ("desk", "desk"), ("2", "office")],
         "ur": [("دفتر", "office"), ("ڈیسک", "desk"), ("1", "desk")]}
SUBSIDY = {"en": [("rent", "rent"), ("internet", "internet"), ("both", "both"), ("none", "none")],
           "roman_ur": [("dono", "both"), ("rent subsidy", "rent"), ("koi nahi", "none"), ("internet", "internet")],
           "ur": [("دونوں", "both"), ("کرایہ", "rent"), ("انٹرنیٹ", "internet"), ("کوئی نہیں", "none")]}
YES = {"en": ["yes", "yes please", "ok", "yes, send it"], "roman_ur": ["haan", "ji", "han bhej do", "theek hai"],
       "ur": ["جی ہاں", "ٹھیک ہے", "جی", "ہاں"]}
CANCEL = {"en": ["cancel", "forget it", "stop"], "roman_ur": ["rehne do", "cancel karo", "chhodo"],
          "ur": ["منسوخ", "رہنے دو", "منسوخ کریں"]}
QUESTIONS = {"en": ["what is the internet subsidy?", "is there parking?", "how much is the rent there?"],
             "roman_ur": ["internet subsidy kitni hai?", "wahan parking hai?", "rent kitna hai?"],
             "ur": ["انٹرنیٹ سبسڈی کتنی ہے؟", "کیا وہاں پارکنگ ہے؟", "کرایہ کتنا ہے؟"]}
BAD_DATE = {"en": "20 Nov 2026", "roman_ur": "20 Nov 2026", "ur": "20 نومبر 2026"}
CORRECT_PEOPLE = {"en": ("no, {n} people", "{n} people"), "roman_ur": ("nahi, {n} log", "{n} log"),
                  "ur": ("نہیں، {n} افراد", "{n} افراد")}
OPEN_BOOK = {"en": ["I want to book {item} at {park} {date} at {time} for {people}", "book {item} please",
                    "Can I book {item} at {park}?", "need to book {item} {date} {time}, {people}"],
             "roman_ur": ["{date} {time} {people} {park} {item} book karna hai", "{item} book karna hai",
                          "mujhe {park} mein {item} book karwana hai",
                          "{date} {time} {people} ke liye {item} book karwana hai"],
             "ur": ["مجھے {date} {park} میں {item} بک کرنا ہے", "{item} بک کرنا ہے",
                    "{park} میں {item} کی بکنگ کرنی ہے", "{date} {time} {people} کے لیے {item} بک کرنا ہے"]}
OPEN_APPLY = {"en": ["I want to apply for {park}", "i want to apply",
                     "{applicant}, i want to apply for space at {park}"],
              "roman_ur": ["mujhe {park} mein apply karna hai", "apply karna hai",
                           "{applicant}, {park} STP mein apply karna hai"],
              "ur": ["مجھے {park} میں درخواست دینی ہے", "درخواست دینی ہے",
                     "{applicant}، {park} کے لیے درخواست دینی ہے"]}
#: which fields each opener template carries (index-aligned with OPEN_BOOK / OPEN_APPLY)
OPEN_BOOK_FIELDS = [{"item", "park", "date", "time", "people"}, {"item"}, {"item", "park"},
                    {"item", "date", "time", "people"}]
OPEN_BOOK_FIELDS_UR = [{"date", "park", "item"}, {"item"}, {"park", "item"}, {"date", "time", "people", "item"}]
OPEN_APPLY_FIELDS = [{"park"}, set(), {"applicant", "park"}]


def park_text(park: tuple[str, str, str, str], lang: str) -> str:
    return park[L[lang]]


def booking(rng: random.Random, lang: str, n: int, kind: str) -> dict[str, Any]:
    park = BAGH if kind == "women_only" else rng.choice(PARKS)
    item, item_text = rng.choice(ITEMS[lang])
    date_text, date = rng.choice(DATES[lang])
    time_text, time = rng.choice(TIMES[lang])
    people_text, people = rng.choice(PEOPLE[lang])
    name_text, name = rng.choice(NAMES[lang])
    phone_text, phone = rng.choice(PHONES)
    opener = {"several_at_once": 0 if n % 2 else 3, "step_by_step": 1}.get(kind, n % len(OPEN_BOOK[lang]))
    covers = (OPEN_BOOK_FIELDS_UR if lang == "ur" else OPEN_BOOK_FIELDS)[opener]
    words = {"item": item_text, "park": park_text(park, lang), "date": date_text, "time": time_text,
             "people": people_text}
    turns = [OPEN_BOOK[lang][opener].format(**words)]
    answers = {"park": park_text(park, lang), "item": item_text, "date": date_text, "time": time_text,
               "people": people_text, "name": name_text, "phone": phone_text}
    if kind == "women_only":
        turns = [{"en": "book a meeting room in the Bagh women park for 3 men",
                  "roman_ur": "Bagh women park mein 3 mard ke liye meeting room book karna hai",
                  "ur": "باغ میں 3 مردوں کے لیے میٹنگ روم بک کرنا ہے"}[lang]]
        covers, item = {"item", "people"}, "meeting_room"
        people = 3
        park = rng.choice(PARKS)
        answers["park"] = park_text(park, lang)
    values = {"park": park[0], "item": item, "date": date, "time": time, "people": people, "name": name,
              "phone": phone}
    for field in BOOKING:
        if field in covers:
            continue
        if kind == "bad_phone" and field == "phone":
            turns.append(rng.choice(BAD_PHONES))
        if kind == "bad_date" and field == "date":
            turns.append(BAD_DATE[lang])
        if kind == "question" and field in ("date", "people", "name"):
            turns.append(rng.choice(QUESTIONS[lang]))
            kind = "question_done"
        if kind == "cancel" and field == "name":
            turns.append(rng.choice(CANCEL[lang]))
            return {"id": f"{lang}-booking-{n:02d}", "tags": ["booking", "cancel"], "turns": turns, "payload": None}
        turns.append(answers[field])
    if kind == "correction":
        wrong, _ = CORRECT_PEOPLE[lang]
        values["people"] = people + 1
        turns.append(wrong.format(n=people + 1))
    turns.append(rng.choice(YES[lang]))
    tag = "question" if kind == "question_done" else kind
    return {"id": f"{lang}-booking-{n:02d}", "tags": ["booking", tag], "turns": turns,
            "payload": {"flow": "booking", "fields": values}}


def application(rng: random.Random, lang: str, n: int, kind: str) -> dict[str, Any]:
    park = rng.choice(PARKS)
    applicant, applicant_text = rng.choice(APPLICANT[lang])
    name_text, name = rng.choice(NAMES[lang])
    phone_text, phone = rng.choice(PHONES)
    email = rng.choice(EMAILS)
    cnic_text, cnic = rng.choice(CNICS)
    if cnic is None:
        cnic_text = rng.choice(SKIP[lang])
    team_text, team = rng.choice(TEAM[lang])
    field_text, field_value = rng.choice(FIELD[lang])
    space_text, space = rng.choice(SPACE[lang])
    subsidy_text, subsidy = rng.choice(SUBSIDY[lang])
    opener = {"step_by_step": 1}.get(kind, n % len(OPEN_APPLY[lang]))
    covers = OPEN_APPLY_FIELDS[opener]
    turns = [OPEN_APPLY[lang][opener].format(park=park_text(park, lang), applicant=applicant_text)]
    answers = {"park": park_text(park, lang), "applicant": applicant_text, "name": name_text, "phone": phone_text,
               "email": email, "cnic": cnic_text, "team_size": team_text, "field": field_text, "space": space_text,
               "subsidy": subsidy_text}
    values: dict[str, Any] = {"park": park[0], "applicant": applicant, "name": name, "phone": phone, "email": email,
                              "cnic": cnic, "team_size": team, "field": field_value, "space": space,
                              "subsidy": subsidy}
    for field in APPLICATION:
        if field in covers:
            continue
        if kind == "bad_phone" and field == "phone":
            turns.append(rng.choice(BAD_PHONES))
        if kind == "bad_cnic" and field == "cnic":
            turns.append("12345")
        if kind == "question" and field in ("email", "team_size"):
            turns.append(rng.choice(QUESTIONS[lang]))
            kind = "question_done"
        if kind == "cancel" and field == "team_size":
            turns.append(rng.choice(CANCEL[lang]))
            return {"id": f"{lang}-application-{n:02d}", "tags": ["application", "cancel"], "turns": turns,
                    "payload": None}
        turns.append(answers[field])
    if kind == "correction":
        turns.append({"en": "no, 20 people", "roman_ur": "nahi, 20 log", "ur": "نہیں، 20 افراد"}[lang])
        values["team_size"] = 20
    turns.append(rng.choice(YES[lang]))
    if values["cnic"] is None:
        del values["cnic"]
    tag = "question" if kind == "question_done" else kind
    return {"id": f"{lang}-application-{n:02d}", "tags": ["application", tag], "turns": turns,
            "payload": {"flow": "application", "fields": values}}


BOOKING_KINDS = ["several_at_once", "step_by_step", "correction", "question", "cancel", "bad_phone", "bad_date",
                 "several_at_once", "correction", "question", "women_only", "step_by_step", "bad_phone",
                 "several_at_once", "cancel", "question", "correction", "bad_date", "several_at_once", "step_by_step"]
APPLICATION_KINDS = ["step_by_step", "correction", "question", "cancel", "bad_phone", "bad_cnic", "step_by_step",
                     "question", "correction", "bad_phone", "step_by_step", "cancel", "question", "step_by_step"]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "roman_ur", "ur"):
        rng = random.Random(f"parkbot-flows-{lang}")
        conversations = [booking(rng, lang, n, kind) for n, kind in enumerate(BOOKING_KINDS, 1)]
        conversations += [application(rng, lang, n, kind) for n, kind in enumerate(APPLICATION_KINDS, 1)]
        header = (f"# Scripted booking and application conversations in {lang} (tools/make_flow_evals.py writes this\n"
                  "# file): the user's messages in order, and the webhook payload fields the conversation must\n"
                  "# deliver (null: nothing may be delivered). The scripts assume today is evals.flows.TODAY.\n")
        text = yaml.safe_dump({"conversations": conversations}, allow_unicode=True, sort_keys=False, width=120)
        (OUT / f"{lang}.yaml").write_text(header + text, encoding="utf-8")


if __name__ == "__main__":
    main()
