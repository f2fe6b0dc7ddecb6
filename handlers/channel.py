"""The boundary between the channels and the pipeline, both ways.

The pipeline never talks to Twilio or Telegram directly. It hands a :class:`OutgoingMessage` to the
channel's :meth:`Channel.send` and learns from the exception (if any) whether to retry, give up, or
hold the message until the user writes again (WhatsApp's 24-hour window). A channel's webhook, once
it has stored a message in the inbox, tells the pipeline through a :class:`Notifier`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class DeliveryError(Exception):
    """The provider refused or failed; ``transient`` errors are retried with backoff."""

    def __init__(self, message: str, *, transient: bool, retry_after: float | None = None,
                 code: str | None = None) -> None:
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after
        self.code = code


class WindowClosed(DeliveryError):
    """WhatsApp allows free text only within 24 h of the user's last message, and no template is set."""

    def __init__(self, message: str = "outside WhatsApp's 24-hour window and no approved template is configured"
                 ) -> None:
        super().__init__(message, transient=False, code="window")


@dataclass
class OutgoingMessage:
    """One message to one recipient; the channel splits ``text`` to its own limit."""

    recipient: str
    text: str
    kind: str = "reply"  # reply | staff | status | notice: who started it
    language: str = "en"
    choices: list[str] = field(default_factory=list)  # button data, e.g. ["person:yes:en", "person:no:en"]
    parts_sent: int = 0  # parts that already arrived before a crash or an error


class PartSent(Protocol):
    """Called after each part arrives, with the provider's id for it and ``session`` (free text) or
    ``template`` (WhatsApp, outside the 24-hour window)."""

    async def __call__(self, provider_id: str, mode: str) -> None: ...


class Notifier(Protocol):
    """What a channel's webhook tells the pipeline after the inbox stored (or rate-limited) a message."""

    def notify(self) -> None:
        """Something arrived: look now instead of at the next poll."""
        ...

    async def rate_limited(self, channel: str, sender: str, text: str) -> None:
        """The sender is over the limit: tell them to slow down (their message stays stored)."""
        ...


class Channel(Protocol):
    """A messaging channel the pipeline can deliver through."""

    name: str

    async def send(self, message: OutgoingMessage, on_part: PartSent) -> None:
        """Send the message's remaining parts in order, calling ``on_part`` after each one arrives."""
        ...

    def address(self, recipient: str) -> str:
        """The recipient as the channel's webhooks name it (so staff messages share the user's queue)."""
        ...
