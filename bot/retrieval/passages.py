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
    """``sources.yaml``: source ids -> titles and dates, so passages cite a title, not an id."""

    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    @staticmethod
    def near(path: Path) -> SourceRegistry:
        """The registry in the file's folder or the nearest parent folder that has one."""
        for folder in [path.parent, *path.parent.parents][:4]:
            candidate = folder / "sources.yaml"
            if candidate.is_file():
                return _load_registry(candidate.resolve(), candidate.stat().st_mtime_ns)
        return SourceRegistry()

    def describe(self, ids: object, lang: str = "en") -> str:
        """``"Title (2025-11-14); Other title (2024-02-18)"`` for the given source ids."""
        parts = []
        for source_id in as_list(ids):
            info = self.sources.get(source_id)
            if not info:
                parts.append(source_id)
                continue
            title = info.get("title_ur") if lang == "ur" and info.get("title_ur") else info.get("title")
            date = iso(info.get("date"))
            parts.append(f"{title} ({date})" if date else str(title))
        return "; ".join(parts)


@cache
def _load_registry(path: Path, mtime_ns: int) -> SourceRegistry:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return SourceRegistry({str(s["id"]): s for s in data.get("sources", []) if isinstance(s, dict) and "id" in s})


def contextual_text(text: str, metadata: Mapping[str, object]) -> str:
    """What the embedder and the lexical index see: title and heading give the section its context."""
    head = " — ".join(p for p in (str(metadata.get("title") or ""), str(metadata.get("heading") or "")) if p)
    return f"{head}\n{text}" if head and not text.startswith(head) else text
