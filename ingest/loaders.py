"""Files -> LangChain ``Document`` objects, one loader per format.

A loader either returns documents or raises :class:`LoadError` with a sentence a person can act on
("encrypted PDF", "empty file", "unsupported type .docx"). The indexer catches it per file, so one bad
file never stops the others.

Metadata every document carries (the chunker and the index rely on it): ``doc_id`` (stable, unique),
``record_id`` (what evaluations and answers cite: a park, a rule, a topic, a file), ``title``, ``lang``,
``source`` (a human-readable source title), ``as_of`` (an ISO date, or for a document resting on undated
sources the registry's honest "c. <year>"), ``kind``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml
from langchain_core.documents import Document

from bot.retrieval.passages import SourceRegistry, as_list
from ingest import structured


class LoadError(Exception):
    """A file could not be turned into documents; the message says why in plain words."""


SUPPORTED = (".md", ".markdown", ".txt", ".pdf", ".html", ".htm", ".yaml", ".yml", ".csv")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.S)


def _file_doc_id(path: Path) -> str:
    digest = hashlib.sha1(str(path).encode()).hexdigest()[:8]
    return f"file:{path.stem}:{digest}"


def _mtime_date(path: Path) -> str:
    return dt.date.fromtimestamp(path.stat().st_mtime).isoformat()


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if not raw.strip():
        raise LoadError("empty file")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise LoadError("not a text file in UTF-8 or UTF-16 (binary or another encoding)")


def _base_meta(path: Path, title: str, *, kind: str = "file") -> dict[str, Any]:
    doc_id = _file_doc_id(path)
    return {
        "doc_id": doc_id,
        "record_id": doc_id,
        "title": title,
        "lang": "",
        "source": path.name,
        "as_of": _mtime_date(path),
        "kind": kind,
    }


def _date_str(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def load_markdown(path: Path, sources: SourceRegistry) -> list[Document]:
    """Markdown, with optional YAML front matter (id, topic, title, title_ur, source, as_of, ...)."""
    text = _decode(path)
    front: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            front = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            raise LoadError(f"front matter is not valid YAML: {exc}") from exc
        if not isinstance(front, dict):
            raise LoadError("front matter must be a YAML mapping")
        text = text[match.end() :]
    if not text.strip():
        raise LoadError("the document has no text after its front matter")
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    title = str(front.get("title") or (heading.group(1).strip() if heading else path.stem))
    meta = _base_meta(path, title, kind="doc" if front else "file")
    if front.get("id"):
        meta["doc_id"] = f"doc:{front['id']}"
        meta["record_id"] = f"doc:{front.get('topic') or front['id']}"
    source_ids = front.get("source")
    if source_ids:
        meta["source"] = sources.describe(source_ids)
        meta["source_id"] = ",".join(as_list(source_ids))
        # without its own as_of, a document is as of its sources, not of the day its file was last saved
        if front.get("as_of") in (None, "") and (derived := sources.as_of(source_ids)):
            meta["as_of"] = derived
    for key in ("as_of", "valid_from", "valid_to"):
        if (value := _date_str(front.get(key))) is not None:
            meta[key] = value
    for key in ("lang", "title_ur", "city", "province", "park"):
        if front.get(key):
            meta[key] = str(front[key])
    return [Document(page_content=text, metadata=meta)]


def load_text(path: Path, sources: SourceRegistry) -> list[Document]:
    text = _decode(path)
    return [Document(page_content=text, metadata=_base_meta(path, path.stem.replace("_", " ")))]


def load_pdf(path: Path, sources: SourceRegistry) -> list[Document]:
    """PDF text, one document per file with ``## Page N`` headings so chunks can cite pages."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("the PDF is encrypted (password protected); save an unprotected copy")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except LoadError:
        raise
    except (PdfReadError, ValueError, OSError, KeyError) as exc:
        raise LoadError(f"not a readable PDF ({exc})") from exc
    except Exception as exc:  # pypdf raises assorted errors on damaged files
        if "crypt" in str(exc).lower():
            raise LoadError("the PDF is encrypted and cannot be read") from exc
        raise LoadError(f"not a readable PDF ({exc})") from exc
    if not any(pages):
        raise LoadError("the PDF has no extractable text (a scan needs OCR first)")
    title = (reader.metadata.title if reader.metadata else None) or path.stem.replace("_", " ")
    body = "\n\n".join(f"## Page {n}\n\n{text}" for n, text in enumerate(pages, 1) if text)
    return [Document(page_content=body, metadata=_base_meta(path, str(title)))]


def load_html(path: Path, sources: SourceRegistry) -> list[Document]:
    """HTML -> Markdown-ish text: headings become ``#`` lines so chunking stays heading-aware."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path), "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "footer", "header", "form"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else ""
    parts: list[str] = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "td", "pre"]):
        text = " ".join(element.get_text(" ", strip=True).split())
        if not text:
            continue
        if element.name in ("h1", "h2", "h3", "h4"):
            parts.append(f"{'#' * int(element.name[1])} {text}")
        elif element.name == "li":
            parts.append(f"- {text}")
        else:
            parts.append(text)
    body = "\n\n".join(parts)
    if not body.strip():
        raise LoadError("the HTML page has no visible text")
    return [Document(page_content=body, metadata=_base_meta(path, title or path.stem))]


def _listing_docs(path: Path, rows: Sequence[object]) -> list[Document]:
    """Generic listings (CSV rows or YAML lists of mappings): one small document per row."""
    docs = []
    base = _base_meta(path, path.stem)
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise LoadError(f"row {n} is not a mapping of field names to values")
        # column names as people write them ("Park Name", "Monthly Rent (PKR)", "CITY") -> park_name, monthly_rent_pkr
        fields = {_key(k): v for k, v in row.items() if k is not None and _key(k) and v not in (None, "")}
        if not fields:
            continue
        name_key = next((k for k in _NAME_KEYS if k in fields), None) or next(
            (k for k in fields if k.endswith("_name")), None)
        name = str(fields[name_key]) if name_key else f"{path.stem} #{n}"
        # one sentence per field, each naming the row ("STP Sahiwal: rent per seat PKR 5500."): an answer quotes
        # the field asked, and a field's sentence alone still says whose it is
        lines = [_field_sentence(name, key, value) for key, value in fields.items() if key != name_key] or [f"{name}."]
        meta = {**base, "doc_id": f"{base['doc_id']}:row{n}", "record_id": f"{base['doc_id']}:row{n}"}
        meta["title"] = name
        for key, same in _PLACE_KEYS.items():
            found = next((str(fields[k]) for k in same if k in fields), None)
            if found:
                meta[key] = found
        docs.append(Document(page_content="\n".join(lines), metadata=meta))
    if not docs:
        raise LoadError("the listing has no rows with values")
    return docs


#: A field name's unit suffix, written with the value as people read it ("rent_per_seat_pkr: 5500" -> "rent per
#: seat PKR 5500", "area_sqft: 4000" -> "area 4000 sq ft").
_UNITS_BEFORE = {"pkr": "PKR", "rs": "Rs", "rupees": "Rs", "usd": "US$"}
_UNITS_AFTER = {"sqft": "sq ft", "sq_ft": "sq ft", "mbps": "Mbps", "percent": "%", "pct": "%", "months": "months",
                "days": "days"}


#: Columns that name a row, a row's city and its province, as listings call them (after :func:`_key`).
_NAME_KEYS = ("name", "title", "park", "park_name", "name_of_park", "stp", "stp_name", "id")
_PLACE_KEYS = {"city": ("city", "town", "district", "shehar"), "province": ("province", "region", "state", "subah")}


def _key(column: object) -> str:
    """A column's name as a key: lower case, words joined by "_" ("Monthly Rent (PKR)" -> "monthly_rent_pkr")."""
    return re.sub(r"[^\w]+", "_", str(column).strip().lower()).strip("_")


def _field_sentence(name: str, key: str, value: object) -> str:
    """One listing field as a sentence of its own, naming the row it belongs to."""
    words = key
    text = " ".join(str(value).split())
    if isinstance(value, bool) or text.lower() in ("true", "false"):
        text = "yes" if text.lower() == "true" else "no"
    number = bool(re.match(r"[\d.,]+\b", text))
    for suffix, unit in _UNITS_BEFORE.items():
        if words.endswith(f"_{suffix}") and number:
            words, text = words[: -len(suffix) - 1], f"{unit} {text}"
            break
    else:
        for suffix, unit in _UNITS_AFTER.items():
            if words.endswith(f"_{suffix}") and words != suffix and number:
                words, text = words[: -len(suffix) - 1], f"{text} {unit}"
                break
    label = " ".join(words.replace("_", " ").split())
    return f"{name}: {label} {text}".rstrip(".") + "."


def load_csv(path: Path, sources: SourceRegistry) -> list[Document]:
    text = _decode(path)
    try:
        rows = list(csv.DictReader(io.StringIO(text)))
    except csv.Error as exc:
        raise LoadError(f"not valid CSV ({exc})") from exc
    return _listing_docs(path, rows)


def load_yaml(path: Path, sources: SourceRegistry) -> list[Document]:
    """parkbot's own structured files (parks, subsidies, faq), else a generic listing."""
    try:
        data = yaml.safe_load(_decode(path))
    except yaml.YAMLError as exc:
        raise LoadError(f"not valid YAML: {exc}") from exc
    if isinstance(data, dict):
        if "sources" in data and len(data) == 1:
            return []  # the source registry: read by the other loaders, nothing to index itself
        for key, render in structured.RENDERERS.items():
            if key in data:
                try:
                    return render(data[key], sources)
                except (KeyError, TypeError, AttributeError, ValueError):
                    # an office's own "parks:" list, not in parkbot's format (no ids, other fields): a listing
                    if isinstance(data[key], list):
                        return _listing_docs(path, data[key])
                    raise LoadError(f"'{key}' is neither parkbot's {key} format nor a list of records") from None
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) == 1:
            return _listing_docs(path, lists[0])
        return _listing_docs(path, [data])
    if isinstance(data, list):
        return _listing_docs(path, data)
    raise LoadError("the YAML file holds no listing (expected a list of records or a mapping)")


LOADERS: dict[str, Callable[[Path, SourceRegistry], list[Document]]] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".pdf": load_pdf,
    ".html": load_html,
    ".htm": load_html,
    ".yaml": load_yaml,
    ".yml": load_yaml,
    ".csv": load_csv,
}


def load_file(path: Path, sources: SourceRegistry | None = None) -> list[Document]:
    """Load one file; raises :class:`LoadError` for anything a person must fix."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise LoadError(f"unsupported file type '{path.suffix or path.name}' (supported: {', '.join(SUPPORTED)})")
    if not path.is_file():
        raise LoadError("not found or not a regular file")
    try:
        docs = loader(path, sources or SourceRegistry.near(path))
    except PermissionError as exc:
        raise LoadError("permission denied: the file cannot be read") from exc
    except OSError as exc:
        raise LoadError(f"cannot be read ({exc.strerror or exc})") from exc
    for doc in docs:
        doc.metadata["source_path"] = str(path)
    return docs
