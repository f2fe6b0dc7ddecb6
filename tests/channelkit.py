"""What the channel tests and the attack tests share: the public URL and secrets the app is configured
with, and a WhatsApp user and a Telegram chat as the fake clouds see them."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from apphost import AppThread
from fakes.telegram_api import FakeTelegram
from fakes.twilio_api import Call, FakeTwilio

PUBLIC = "https://parkbot.example"
SECRET = "test_secret-42"
FROM = "whatsapp:+14155238886"


def number() -> str:
    """A new Pakistani WhatsApp user."""
    return f"whatsapp:+92300{uuid.uuid4().int % 10**7:07d}"


def whatsapp(app: AppThread, twilio: FakeTwilio, sender: str, body: str, **extra: object) -> tuple[int, str]:
    """What Twilio does for an inbound WhatsApp message: a form POST signed for the public URL."""
    return twilio.send_inbound(f"{app.base}/webhooks/twilio", body, from_=sender,
                               signed_url=f"{PUBLIC}/webhooks/twilio", **extra)  # type: ignore[arg-type]


def to(recipient: str) -> Callable[[Call], bool]:
    """Matches the messages parkbot sent to a WhatsApp user through Twilio's REST API."""
    return lambda call: call.method == "messages.create" and call.params.get("To") == recipient


def answers(twilio: FakeTwilio, recipient: str, count: int = 1, timeout: float = 30) -> list[Call]:
    return twilio.wait_for(to(recipient), count, timeout=timeout)


def sent_to(telegram: FakeTelegram, chat: int, count: int = 1, timeout: float = 30) -> list[Call]:
    """The messages parkbot sent to a Telegram chat."""
    return telegram.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == chat, count,
                             timeout=timeout)
