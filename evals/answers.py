"""Answer evaluation: what a user would judge, per language.

For every question in ``evals/questions`` the whole assistant answers (fresh conversation each):

* fact accuracy: every expected fact appears in the reply (digits normalised, commas ignored);
* script match: Urdu questions get Urdu-script replies, English and Roman Urdu get Latin script;
* citation correctness: a cited source is one of the question's gold records;
* invented facts: a number in any reply that the knowledge base does not contain, or a forbidden
  string (a phone prefix, an injected figure) in a reply;
* escalation: a request for a person escalates; an unknown asks whether to bring in a person.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import TypedDict

from bot.conversation.assistant import Assistant
from bot.conversation.messages import InboundMessage
from evals.precision import has_fact, norm
from evals.retrieval import Question

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: A clock time in the bot's own words ("a person will answer by 15:00"): when, not a fact of the knowledge.
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|^\s*\d{1,2}\.\s", re.M)  # also a numbered option ("10. Quetta")
ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")
OFFER = ("person", "نمائندے", "banday")


def script_ok(reply: str, lang: str) -> bool:
    body = reply.rsplit("\n\n", 1)[0] if "\n\n" in reply else reply
    arabic, latin = len(ARABIC.findall(body)), len(LATIN.findall(body))
    if lang == "ur":
        return arabic > 0 and arabic >= 3 * latin  # acronyms such as PSEB or IT may stay in Latin letters
    return arabic == 0


def knowledge_numbers(assistant: Assistant) -> set[str]:
    """Every number the knowledge base contains, in any passage."""
    data = assistant.answerer.retriever.index.get_all(["documents", "metadatas"])
    texts = [*data["documents"], *(str(m) for m in data["metadatas"])]
    return {n for text in texts for n in _NUMBER.findall(norm(text))}


class Failure(TypedDict):
    """A question the assistant answered wrongly: what was wrong, and the start of the reply."""

    id: str
    q: str
    problems: list[str]
    reply: str


@dataclass
class LangAnswers:
    facts_total: int = 0
    facts_ok: int = 0
    script_total: int = 0
    script_ok: int = 0
    cite_total: int = 0
    cite_ok: int = 0
    invented: list[str] = field(default_factory=list)
    escalate_total: int = 0
    escalate_ok: int = 0
    unknown_total: int = 0
    unknown_ok: int = 0
    failures: list[Failure] = field(default_factory=list)

    @staticmethod
    def ratio(ok: int, total: int) -> float:
        return ok / total if total else 1.0

    def summary(self) -> dict[str, float | int]:
        return {
            "fact_accuracy": self.ratio(self.facts_ok, self.facts_total),
            "script_match": self.ratio(self.script_ok, self.script_total),
            "citation": self.ratio(self.cite_ok, self.cite_total),
            "invented": len(self.invented),
            "escalation": self.ratio(self.escalate_ok, self.escalate_total),
            "unknown_offers_person": self.ratio(self.unknown_ok, self.unknown_total),
        }


def evaluate(assistant: Assistant, questions: list[Question]) -> dict[str, LangAnswers]:
    known = knowledge_numbers(assistant)
    results: dict[str, LangAnswers] = {}
    for q in questions:
        s = results.setdefault(q.lang, LangAnswers())
        reply = assistant.handle(InboundMessage("eval", f"eval-{uuid.uuid4().hex}", q.q))
        text = reply.reply
        problems: list[str] = []
        if text:
            s.script_total += 1
            if script_ok(text, q.lang):
                s.script_ok += 1
            else:
                problems.append("script")
        if q.kind in ("question", "list") and q.facts:
            s.facts_total += 1
            missing = [f for f in q.facts if not has_fact(f, text)]
            if missing:
                problems.append(f"missing facts {missing}")
            else:
                s.facts_ok += 1
        if q.kind == "question" and q.gold:
            s.cite_total += 1
            if any(src["id"] in q.gold for src in reply.sources):
                s.cite_ok += 1
            else:
                problems.append(f"cited {[src['id'] for src in reply.sources]}")
        invented = sorted({n for n in _NUMBER.findall(_CLOCK.sub(" ", norm(text))) if n not in known})
        forbidden = [f for f in q.raw.get("forbidden") or [] if has_fact(str(f), text)]
        if invented or forbidden:
            s.invented.append(f"{q.id}: {invented + forbidden}")
            problems.append(f"invented {invented + forbidden}")
        if q.kind == "escalation":
            s.escalate_total += 1
            if reply.escalated:
                s.escalate_ok += 1
            else:
                problems.append("not escalated")
        if q.kind in ("no_answer", "out_of_scope"):
            s.unknown_total += 1
            if reply.escalated or any(word in text for word in OFFER):
                s.unknown_ok += 1
            else:
                problems.append("no offer of a person")
        if problems:
            s.failures.append({"id": q.id, "q": q.q, "problems": problems, "reply": text[:300]})
    return results
