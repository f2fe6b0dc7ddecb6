"""Flows as data: a flow is a list of typed fields with prompts in three languages (pydantic models).

``definitions.yaml`` beside this file declares the booking and application flows; a new flow (say a
training enrolment) is one more :class:`FlowSpec`, from YAML or built in code, and needs no engine
change: the engine reads a field's :class:`FieldType` and looks its parser up in a table.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, field_validator

from bot.language import LANGUAGES

DEFINITIONS = Path(__file__).resolve().parent / "definitions.yaml"


class FieldType(StrEnum):
    """What a field holds; each has one parser in :data:`bot.flows.fields.PARSERS`."""

    PARK = "park"
    CHOICE = "choice"
    DATE = "date"
    TIME = "time"
    HOURS = "hours"
    COUNT = "count"
    NAME = "name"
    PHONE = "phone"
    EMAIL = "email"
    CNIC = "cnic"
    TEXT = "text"


#: Fields whose values are personal data: stored for the handoff, masked in logs and echoes.
PERSONAL = frozenset({FieldType.PHONE, FieldType.EMAIL, FieldType.CNIC})


def _three_languages(value: dict[str, str]) -> dict[str, str]:
    missing = [lang for lang in LANGUAGES if not value.get(lang)]
    if missing:
        raise ValueError(f"text missing for {', '.join(missing)}")
    return value


class Option(BaseModel):
    """One answer of a choice field: its stored value, its label, and the words that mean it."""

    value: str = Field(pattern=r"^[a-z0-9_]{1,40}$")
    label: dict[str, str]
    words: list[str] = Field(default_factory=list)
    #: words that mean it only as the answer to its own question ("rent" asked which subsidy; "دفتر کرایہ پر لینا ہے"
    #: said before is renting an office, not a subsidy chosen)
    answer_words: list[str] = Field(default_factory=list)
    #: the options this one stands for when a message names them all ("rent aur internet dono", "rent and
    #: internet please": both)
    covers: list[str] = Field(default_factory=list)

    _labels = field_validator("label")(_three_languages)


class FieldSpec(BaseModel):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,30}$")
    type: FieldType
    label: dict[str, str]
    prompt: dict[str, str]
    #: an optional field may be skipped ("skip", "nahi") and is then absent from the payload
    required: bool = True
    #: False: never asked, only taken when the user offers it (a booking's duration)
    ask: bool = True
    options: list[Option] = Field(default_factory=list)
    min: int = 1
    max: int = 100

    _texts = field_validator("label", "prompt")(_three_languages)


class FlowSpec(BaseModel):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,30}$")
    #: two capital letters before the reference's six characters: ``BK-7F3K2Q``
    prefix: str = Field(pattern=r"^[A-Z]{2}$")
    #: the webhook's event type (``booking.requested``)
    event: str
    title: dict[str, str]
    fields: list[FieldSpec]
    #: words that start this flow besides the intents the classifier knows (``booking``/``application``)
    start_words: list[str] = Field(default_factory=list)

    _title = field_validator("title")(_three_languages)

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)

    def words(self) -> list[str]:
        """The English words the flow names things with (its title, labels and options): with the knowledge's, what
        a misspelt word may be mended into ("metting room", "coworkng")."""
        texts = [self.title["en"], *(f.label["en"] for f in self.fields)]
        texts += [w for f in self.fields for o in f.options for w in (o.label["en"], *o.words) if w.isascii()]
        return [w for text in texts for w in re.findall(r"[a-z]+", text.lower())]


class FlowFile(BaseModel):
    flows: list[FlowSpec]


def load_flows(path: Path = DEFINITIONS) -> dict[str, FlowSpec]:
    """The flows a YAML file declares, by name (validated: a missing prompt fails at start, not mid-chat)."""
    data = FlowFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    return {flow.name: flow for flow in data.flows}


@cache
def bundled_flows() -> dict[str, FlowSpec]:
    """The shipped booking and application flows."""
    return load_flows()
