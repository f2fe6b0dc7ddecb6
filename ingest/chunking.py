"""Heading-aware chunking.

A chunk is a section (or part of a long section) of one document. It keeps the document's metadata
(title, source, language, ``as_of``) plus its own ``heading``, so every search hit can be cited. The
text that is embedded and lexically indexed is :func:`bot.retrieval.passages.contextual_text`: title
and heading in front of the section, because "## Eligibility" alone says little about which
programme it belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from langchain_core.documents import Document

#: Sections longer than this (in characters) are split on paragraph, then sentence boundaries.
#: ~1200 characters of Urdu stay well inside e5's 512-token window.
MAX_CHARS = 1200
MIN_CHARS = 200

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔])(?<![\s.][A-Z]\.)\s+")  # not after initials: "D. I. Khan"


def _sections(text: str) -> list[tuple[str, str]]:
    """(heading path, body) pairs; the text before the first heading has an empty heading."""
    sections: list[tuple[str, str]] = []
    stack: list[tuple[int, str]] = []
    last = 0
    heading = ""
    for match in _HEADING.finditer(text):
        sections.append((heading, text[last : match.start()]))
        level = len(match.group(1))
        stack = [(lvl, title) for lvl, title in stack if lvl < level]
        stack.append((level, match.group(2).strip()))
        # a document's single H1 is its title, not worth repeating in every chunk heading
        heading = " > ".join(title for lvl, title in stack if lvl > 1 or len(stack) == 1)
        last = match.end()
    sections.append((heading, text[last:]))
    return [(h, body.strip()) for h, body in sections if body.strip()]


def _pieces(body: str, limit: int) -> list[str]:
    """Split a long body into pieces <= limit, preferring paragraph, then sentence, then word breaks."""
    if len(body) <= limit:
        return [body]
    units: list[str] = []
    for paragraph in re.split(r"\n\s*\n", body):
        if len(paragraph) <= limit:
            units.append(paragraph)
            continue
        for sentence in _SENTENCE_END.split(paragraph):
            while len(sentence) > limit:
                cut = sentence.rfind(" ", 0, limit)
                cut = cut if cut > limit // 2 else limit
                units.append(sentence[:cut])
                sentence = sentence[cut:].lstrip()
            units.append(sentence)
    pieces: list[str] = []
    current = ""
    for unit in filter(None, (u.strip() for u in units)):
        joined = f"{current}\n\n{unit}" if current else unit
        if len(joined) <= limit:
            current = joined
        else:
            pieces.append(current)
            current = unit
    if current:
        pieces.append(current)
    return pieces


def chunk_document(doc: Document, limit: int = MAX_CHARS) -> list[Document]:
    """Split one document into cited chunks with ids ``<doc_id>#<n>``."""
    chunks: list[Document] = []
    merged: list[tuple[str, str]] = []
    for heading, body in _sections(doc.page_content):
        # fold very short sections into the previous one under the same parent, so a chunk has substance
        if merged and len(body) < MIN_CHARS and len(merged[-1][1]) + len(body) < limit and not heading:
            merged[-1] = (merged[-1][0], f"{merged[-1][1]}\n\n{body}")
        else:
            merged.append((heading, body))
    for heading, body in merged:
        for piece in _pieces(body, limit):
            meta = dict(doc.metadata)
            meta["heading"] = heading
            meta["chunk_index"] = len(chunks)
            chunk_id = f"{meta['doc_id']}#{len(chunks)}"
            chunks.append(Document(page_content=piece, metadata=meta, id=chunk_id))
    return chunks


def chunk_documents(docs: Iterable[Document], limit: int = MAX_CHARS) -> list[Document]:
    return [chunk for doc in docs for chunk in chunk_document(doc, limit)]
