"""parkbot's structured knowledge (parks, subsidy rules, FAQ) rendered as passages.

The YAML files under ``knowledge/`` are the single source of truth for numbers and lists; retrieval
needs them as text too. Each record becomes one passage per language it has (English, Urdu, Roman
Urdu) so a question finds the record in the script it was typed in, and every passage carries the
record id, its source titles and ``as_of`` for citation. ``as_of`` is the record's own date when it has
one (a date one of its sources prints); a record resting on undated sources has none, and gets what the
source registry can honestly say ("c. 2025"), never an invented day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from langchain_core.documents import Document

from bot.language import LANGUAGES as LANGS
from bot.retrieval.passages import STATUS_LABELS, SourceRegistry, as_list, iso

KIND_LABELS = {
    "it_park": {"en": "IT park", "ur": "آئی ٹی پارک", "roman_ur": "IT park"},
    "stp": {"en": "Software Technology Park", "ur": "سافٹ ویئر ٹیکنالوجی پارک", "roman_ur": "Software Technology Park"},
    "incubator": {"en": "incubation centre", "ur": "انکیوبیشن سینٹر", "roman_ur": "incubation center"},
    "innovation_park": {"en": "innovation park", "ur": "انوویشن پارک", "roman_ur": "innovation park"},
    "technology_park": {"en": "technology park", "ur": "ٹیکنالوجی پارک", "roman_ur": "technology park"},
    "coworking_programme": {
        "en": "co-working programme",
        "ur": "کو ورکنگ پروگرام",
        "roman_ur": "co-working program",
    },
}
PROVINCE_UR = {
    "Sindh": "سندھ",
    "Punjab": "پنجاب",
    "Khyber Pakhtunkhwa": "خیبر پختونخوا",
    "Balochistan": "بلوچستان",
    "Islamabad Capital Territory": "اسلام آباد",
    "Gilgit-Baltistan": "گلگت بلتستان",
    "Azad Jammu and Kashmir": "آزاد جموں و کشمیر",
    "Nationwide": "ملک بھر",
}
LABELS = {
    "en": {
        "in": "in",
        "status": "Status",
        "women": "Women-only park",
        "operator": "Run by",
        "partners": "Partners",
        "serves": "Who it serves",
        "figures": "Figures",
        "earlier": "earlier figure",
        "source": "source",
        "subsidy": "Subsidy",
        "amount": "Amount",
        "duration": "Duration",
        "months": "months",
        "applies": "Who gets it",
        "conditions": "Conditions",
        "valid": "Valid",
        "q": "Question",
        "a": "Answer",
    },
    "ur": {
        "in": "،",
        "status": "حیثیت",
        "women": "صرف خواتین کے لیے",
        "operator": "انتظام",
        "partners": "شراکت دار",
        "serves": "کن کے لیے",
        "figures": "اعداد و شمار",
        "earlier": "پرانا عدد",
        "source": "ماخذ",
        "subsidy": "سبسڈی",
        "amount": "مقدار",
        "duration": "مدت",
        "months": "ماہ",
        "applies": "کسے ملتی ہے",
        "conditions": "شرائط",
        "valid": "مدتِ اطلاق",
        "q": "سوال",
        "a": "جواب",
    },
    "roman_ur": {
        "in": "",
        "status": "Status",
        "women": "Sirf khawateen ke liye",
        "operator": "Chalane wala",
        "partners": "Partners",
        "serves": "Kis ke liye",
        "figures": "Figures",
        "earlier": "purana figure",
        "source": "source",
        "subsidy": "Subsidy",
        "amount": "Kitni",
        "duration": "Kitne arse ke liye",
        "months": "mahine",
        "applies": "Kis ko milti hai",
        "conditions": "Sharait",
        "valid": "Valid",
        "q": "Sawal",
        "a": "Jawab",
    },
}


def _text(field_value: Any, lang: str) -> str:
    """A multilingual field (``{en, ur, roman_ur}``) in one language; Roman Urdu falls back to English."""
    if field_value is None:
        return ""
    if isinstance(field_value, dict):
        value = field_value.get(lang)
        if value is None and lang == "roman_ur":
            value = field_value.get("en")
        if isinstance(value, list):
            value = " / ".join(str(v) for v in value)
        return str(value or "").strip()
    return str(field_value).strip()


def _has_lang(record: dict[str, Any], lang: str, key: str = "summary") -> bool:
    value = record.get(key)
    return isinstance(value, dict) and bool(value.get(lang))


def _meta(record: dict[str, Any], *, kind: str, record_id: str, lang: str, title: str, sources: SourceRegistry,
          source_ids: list[str]) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "doc_id": f"{record_id}:{lang}",
        "record_id": record_id,
        "kind": kind,
        "lang": lang,
        "title": title,
        "source": sources.describe(source_ids, lang),
        "source_id": ",".join(source_ids),
        "as_of": iso(record.get("as_of")) or sources.as_of(source_ids),
    }
    for key in ("valid_from", "valid_to"):
        if value := iso(record.get(key)):
            meta[key] = value
    return meta


def _figure_lines(figures: Iterable[dict[str, Any]], lang: str, sources: SourceRegistry) -> list[str]:
    """Every figure with its date; superseded values stay, labelled, so a newer source visibly leads.

    A figure's date is its own ``as_of`` (a printed date), else its source's as the registry gives it:
    ``c. 2023`` for an undated brochure, so an estimate never reads like a publication day.
    """
    lines = []
    labels = LABELS[lang]
    figures = list(figures)
    current = {(f.get("key"), str(f.get("value"))) for f in figures if f.get("current", True)}
    for fig in figures:
        if not fig.get("current", True) and (fig.get("key"), str(fig.get("value"))) in current:
            continue  # an older source with the same value: nothing was superseded
        text = _text(fig.get("text"), lang) or str(fig.get("value", ""))
        when = iso(fig.get("as_of")) or sources.when(str(fig.get("source") or ""), lang)
        date = f" ({when})" if when else ""
        prefix = "" if fig.get("current", True) else f"{labels['earlier']}: "
        lines.append(f"- {prefix}{text}{date}")
    return lines


def render_parks(records: list[dict[str, Any]], sources: SourceRegistry) -> list[Document]:
    docs = []
    for record in records:
        record_id = f"park:{record['id']}"
        source_ids = as_list(record.get("sources"))
        for lang in LANGS:
            if lang != "en" and not _has_lang(record, lang):
                continue
            labels = LABELS[lang]
            name = _text(record.get("name"), lang)
            kind = KIND_LABELS.get(record.get("kind", ""), {}).get(lang, "")
            city = _text(record.get("city"), lang)
            province = record.get("province") or ""
            province_text = PROVINCE_UR.get(province, province) if lang == "ur" else province
            place = ", ".join(p for p in (city, province_text) if p)
            lines = [f"{name}: {kind}" + (f" ({place})" if place else "")]
            if status := STATUS_LABELS.get(record.get("status", ""), {}).get(lang):
                lines.append(f"{labels['status']}: {status}")
            if record.get("women_only"):
                lines.append(labels["women"])
            if operator := _text(record.get("operator"), lang):
                lines.append(f"{labels['operator']}: {operator}")
            partners = [_text(p, lang) for p in record.get("partners") or []]
            if partners := [p for p in partners if p]:
                lines.append(f"{labels['partners']}: {', '.join(partners)}")
            if serves := _text(record.get("serves"), lang):
                lines.append(f"{labels['serves']}: {serves}")
            if summary := _text(record.get("summary"), lang):
                lines.append(summary)
            if figures := record.get("figures"):
                lines.append(f"{labels['figures']}:")
                lines.extend(_figure_lines(figures, lang, sources))
            meta = _meta(record, kind="park", record_id=record_id, lang=lang, title=name, sources=sources,
                         source_ids=source_ids)
            meta.update(
                park=record["id"],
                city=_text(record.get("city"), "en"),
                province=province,
                women_only=bool(record.get("women_only")),
                status=str(record.get("status") or ""),
                title_ur=_text(record.get("name"), "ur"),
            )
            docs.append(Document(page_content="\n".join(lines), metadata=meta))
    return docs


def render_subsidies(records: list[dict[str, Any]], sources: SourceRegistry) -> list[Document]:
    docs = []
    for record in records:
        record_id = f"subsidy:{record['id']}"
        source_ids = as_list(record.get("source") or record.get("sources"))
        for lang in LANGS:
            if lang != "en" and not _has_lang(record, lang):
                continue
            labels = LABELS[lang]
            title = _text(record.get("title"), lang)
            lines = [f"{labels['subsidy']}: {title}"]
            if what := _text(record.get("what"), lang):
                lines.append(what)
            if record.get("amount_pct") is not None:
                pct = record["amount_pct"]
                lines.append(f"{labels['amount']}: {pct}%" if lang != "ur" else f"{labels['amount']}: {pct} فیصد")
            if record.get("duration_months") is not None:
                lines.append(f"{labels['duration']}: {record['duration_months']} {labels['months']}")
            if applies := _text(record.get("applies_to"), lang):
                lines.append(f"{labels['applies']}: {applies}")
            if conditions := _text(record.get("conditions"), lang):
                lines.append(f"{labels['conditions']}: {conditions}")
            window = [iso(record.get("valid_from")), iso(record.get("valid_to"))]
            if any(window):
                lines.append(f"{labels['valid']}: {window[0] or '…'} – {window[1] or '…'}")
            if summary := _text(record.get("summary"), lang):
                lines.append(summary)
            meta = _meta(record, kind="subsidy", record_id=record_id, lang=lang, title=title, sources=sources,
                         source_ids=source_ids)
            meta["title_ur"] = _text(record.get("title"), "ur")
            docs.append(Document(page_content="\n".join(lines), metadata=meta))
    return docs


def render_faq(records: list[dict[str, Any]], sources: SourceRegistry) -> list[Document]:
    docs = []
    for record in records:
        record_id = f"faq:{record['id']}"
        source_ids = as_list(record.get("sources") or record.get("source"))
        for lang in LANGS:
            question = _text(record.get("q"), lang) if isinstance(record.get("q"), dict) and record["q"].get(
                lang) else ""
            answer = _text(record.get("a"), lang) if isinstance(record.get("a"), dict) and record["a"].get(
                lang) else ""
            if not answer:
                continue
            labels = LABELS[lang]
            title = question.split(" / ")[0] if question else _text(record.get("q"), "en")
            text = f"{labels['q']}: {question}\n{labels['a']}: {answer}" if question else answer
            meta = _meta(record, kind="faq", record_id=record_id, lang=lang, title=title, sources=sources,
                         source_ids=source_ids)
            related = as_list(record.get("related"))
            if related:
                meta["related"] = ",".join(related)
            docs.append(Document(page_content=text, metadata=meta))
    return docs


RENDERERS: dict[str, Callable[[list[dict[str, Any]], SourceRegistry], list[Document]]] = {
    "parks": render_parks,
    "subsidies": render_subsidies,
    "faq": render_faq,
}
