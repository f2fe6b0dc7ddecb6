"""What a passage is beyond its text: the text that is embedded and lexically indexed, the labels
its metadata is rendered with, and the source registry its citations come from.

Ingest writes passages with these and retrieval reads them back, so they live here, below both
(ingest imports retrieval, never the reverse).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.texts import say

STATUS_LABELS = {
    "operational": {"en": "operational", "ur": "فعال", "roman_ur": "chal raha hai"},
    "under_construction": {"en": "under construction", "ur": "زیرِ تعمیر", "roman_ur": "zer-e-tameer"},
    "under_development": {"en": "under development", "ur": "زیرِ تکمیل", "roman_ur": "ban raha hai"},
    "planned": {"en": "planned", "ur": "منصوبہ بندی کے مرحلے میں", "roman_ur": "mansooba bandi mein"},
}


def as_list(value: object) -> list[str]:
    """A source field may be one id, a list of ids or a comma-separated string."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def iso(value: object) -> str | None:
    if value in (None, ""):
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@dataclass(frozen=True)
class SourceRegistry:
    """``sources.yaml``: source ids -> titles and dates, so passages cite a title, not an id.

    A source has a ``date`` only when it prints one; an undated one (``dated: false``) may carry the
    editors' ``approx_year``. Citations and ``as_of`` values are built here so that no caller can turn an
    estimate into a day that the source never printed.
    """

    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    @staticmethod
    def near(path: Path) -> SourceRegistry:
        """The registry in the file's folder or the nearest parent folder that has one."""
        for folder in [path.parent, *path.parent.parents][:4]:
            candidate = folder / "sources.yaml"
            if candidate.is_file():
                return _load_registry(candidate.resolve(), candidate.stat().st_mtime_ns)
        return SourceRegistry()

    def printed_date(self, source_id: str) -> dt.date | None:
        """The date the source prints, or None: an undated source never has one, whatever else it says."""
        info = self.sources.get(source_id) or {}
        if info.get("dated") is False:
            return None
        return _as_date(info.get("date"))

    def approx_year(self, source_id: str) -> int | None:
        """The editors' estimated year of an undated source (None for a dated or unestimated one)."""
        info = self.sources.get(source_id) or {}
        if self.printed_date(source_id) is not None:
            return None
        year = info.get("approx_year")
        return year if isinstance(year, int) and not isinstance(year, bool) else None

    def when(self, source_id: str, lang: str = "en") -> str:
        """How a source is dated in text: ``2025-11-14``, ``c. 2023`` (``تقریباً 2023``) or ``""``."""
        if (date := self.printed_date(source_id)) is not None:
            return date.isoformat()
        year = self.approx_year(source_id)
        return say("circa_year", lang, year=str(year)) if year is not None else ""

    def as_of(self, ids: object) -> str:
        """What the evidence of these sources is as of, honestly: the newest printed date, unless an
        undated source is estimated to be from a later year, then ``c. <year>``; ``""`` when nothing is
        known. Machine-facing (search JSON, API ``sources[].as_of``), so always in the English form.
        """
        known = [s for s in as_list(ids) if s in self.sources]
        dates = [d for d in (self.printed_date(s) for s in known) if d is not None]
        years = [y for y in (self.approx_year(s) for s in known) if y is not None]
        newest = max(dates, default=None)
        if years and (newest is None or max(years) > newest.year):
            return say("circa_year", "en", year=str(max(years)))
        return newest.isoformat() if newest is not None else ""

    def describe(self, ids: object, lang: str = "en", *, short: bool = False) -> str:
        """``"Title (2025-11-14); Other title (undated, c. 2023)"`` for the given source ids; ``short``: the short
        titles an answer's source line shows on a phone ("PSEB brochure on STPs (undated, c. 2023)"), where given."""
        parts = []
        for source_id in as_list(ids):
            info = self.sources.get(source_id)
            if not info:
                parts.append(source_id)
                continue
            keys = ("short", "title") if short else ("title",)
            title = next((info[f"{k}_ur"] for k in keys if lang == "ur" and info.get(f"{k}_ur")), None) or next(
                (info[k] for k in keys if info.get(k)), source_id)
            parts.append(f"{title} ({self._dating(source_id, lang)})")
        return "; ".join(parts)

    def _dating(self, source_id: str, lang: str) -> str:
        if (date := self.printed_date(source_id)) is not None:
            return date.isoformat()
        year = self.approx_year(source_id)
        return say("source_undated_circa", lang, year=str(year)) if year is not None else say("source_undated", lang)


def _as_date(value: object) -> dt.date | None:
    """A YAML date (or an ISO string) as a date; anything else, such as an estimate, is not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


@cache
def _load_registry(path: Path, mtime_ns: int) -> SourceRegistry:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return SourceRegistry({str(s["id"]): s for s in data.get("sources", []) if isinstance(s, dict) and "id" in s})


def contextual_text(text: str, metadata: Mapping[str, object]) -> str:
    """What the embedder and the lexical index see: title and heading give the section its context."""
    head = " — ".join(p for p in (str(metadata.get("title") or ""), str(metadata.get("heading") or "")) if p)
    return f"{head}\n{text}" if head and not text.startswith(head) else text
