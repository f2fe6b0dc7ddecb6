"""Flow evals: scripted booking and application conversations, each played through the assistant, and the
payload it stored for the backend compared with the expected one, exactly (every field, nothing more).

The scripts (``evals/flows/{en,ur,roman_ur}.yaml``) assume :data:`TODAY`; the caller gives the assistant
a flow engine whose clock says so (:func:`fixed_clock`). The score per language is the share of
conversations whose delivered payload (or, for a cancelled one, the absence of any) matches; CI holds
it at :data:`TARGET`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from bot.conversation.assistant import Assistant
from bot.conversation.messages import InboundMessage
from bot.flows.fields import KARACHI
from bot.language import LANGUAGES as BOT_LANGUAGES
from bot.storage.models import FlowRequest, WebhookDelivery

FOLDER = Path(__file__).resolve().parent / "flows"
LANGUAGES: tuple[str, ...] = tuple(BOT_LANGUAGES)
#: The day the scripts were written for (a Friday, 17:00 in Karachi).
TODAY = dt.datetime(2026, 11, 27, 17, 0, tzinfo=KARACHI)
TARGET = 0.95


def fixed_clock() -> Callable[[], dt.datetime]:
    return lambda: TODAY


@dataclass
class Miss:
    id: str
    expected: dict[str, Any] | None
    got: dict[str, Any] | None
    replies: list[str]


@dataclass
class Score:
    lang: str
    total: int = 0
    exact: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.exact / self.total if self.total else 0.0


def load(lang: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((FOLDER / f"{lang}.yaml").read_text(encoding="utf-8"))
    return list(data["conversations"])


def delivered(assistant: Assistant, channel: str, user: str) -> dict[str, Any] | None:
    """What the backend would receive for this user: the flow and fields of the one queued webhook."""
    import json

    with assistant.store.session() as session:
        rows = session.execute(select(FlowRequest.flow, WebhookDelivery.body).join(
            WebhookDelivery, WebhookDelivery.request_id == FlowRequest.id).where(
            FlowRequest.channel == channel, FlowRequest.user_ref == user)).all()
    if not rows:
        return None
    if len(rows) > 1:
        return {"error": f"{len(rows)} requests"}
    body = json.loads(rows[0][1])
    return {"flow": rows[0][0], "fields": body["data"]["fields"]}


def run(assistant: Assistant, languages: tuple[str, ...] = LANGUAGES, channel: str = "whatsapp"
        ) -> dict[str, Score]:
    """Play every script through ``assistant`` (whose flow engine uses :func:`fixed_clock`)."""
    scores: dict[str, Score] = {}
    for lang in languages:
        score = scores.setdefault(lang, Score(lang))
        for conversation in load(lang):
            user = f"eval:{conversation['id']}:{uuid.uuid4().hex[:6]}"
            replies = [assistant.handle(InboundMessage(channel, user, str(text), message_id=f"m{n}")).reply
                       for n, text in enumerate(conversation["turns"])]
            got = delivered(assistant, channel, user)
            expected = conversation["payload"]
            score.total += 1
            if got == expected:
                score.exact += 1
            else:
                score.misses.append(Miss(conversation["id"], expected, got, replies))
    return scores


def report(scores: dict[str, Score]) -> str:
    """A Markdown section: exact-payload match per language, and what the misses got."""
    lines = ["## Flow evals: exact payload per language", "", "| language | conversations | exact | rate |",
             "|---|---|---|---|"]
    lines += [f"| {s.lang} | {s.total} | {s.exact} | {s.rate:.3f} |" for s in scores.values()]
    for score in scores.values():
        for miss in score.misses:
            lines += ["", f"- {miss.id}: expected {miss.expected}, got {miss.got}"]
    return "\n".join(lines) + "\n"


def section(assistant: Assistant) -> tuple[list[str], list[str]]:
    """For ``parkbot eval``'s report: (Markdown lines, failures below :data:`TARGET`). Gives the assistant's
    flow engine the scripts' day first."""
    from bot.flows.engine import FlowEngine

    assistant.flows.engine = FlowEngine(assistant.flows.engine.flows, assistant.directory, clock=fixed_clock())
    scores = run(assistant)
    failures = [f"flow exact payload {lang} {s.rate:.3f} < {TARGET}" for lang, s in scores.items() if s.rate < TARGET]
    return report(scores).splitlines(), failures
