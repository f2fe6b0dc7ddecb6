"""One place that reads the environment.

Every other module receives a :class:`Settings` object instead of reading ``os.environ`` itself, so a
test (or a second app in the same process) can run with its own data directory and engines.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The curated knowledge base that ships with the code (indexed automatically on first use).
BUNDLED_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


class Settings(BaseSettings):
    """Configuration from ``PARKBOT_*`` variables (channel credentials use their vendors' prefixes)."""

    model_config = SettingsConfigDict(env_prefix="PARKBOT_", extra="ignore", populate_by_name=True)

    data_dir: Path = Field(default=Path("./var"), description="Everything the app writes lives here.")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; SQLite in data_dir if unset.")
    chroma_url: str | None = Field(default=None, description="http://host:port of a Chroma server.")
    collection: str = Field(default="parkbot", description="Chroma collection name.")
    knowledge_dir: Path = Field(default=BUNDLED_KNOWLEDGE, description="Indexed on first use.")
    embedder: Literal["e5", "sentence-transformers"] = "e5"
    st_model: str | None = Field(default=None, description="Model dir or hub name for sentence-transformers.")
    st_query_prompt: str = ""
    st_passage_prompt: str = ""
    search_k: int = 5
    llm_model: str | None = Field(default=None, description='Optional LLM, e.g. "openai:gpt-4o-mini" or '
                                  '"ollama:llama3.1"; unset = grounded answers only.')
    llm_base_url: str | None = Field(default=None, description="For OpenAI-compatible or Ollama servers.")
    llm_timeout: float = 20.0
    access_log: bool = Field(default=False, description="Log every HTTP request (uvicorn's access log).")
    answer_threshold: float = Field(default=0.35, description="Below this confidence: don't know + a person.")
    # -- the public HTTP edge (handlers/security.py) ------------------------------------------------
    api_docs: bool = Field(default=False, description="Serve /docs, /redoc and /openapi.json (off in production).")
    session_secret: SecretStr | None = Field(default=None, description="Signs the web page's session cookie; "
                                             "unset = a random key kept in <data dir>/session.key.")
    max_body_bytes: int = Field(default=64 * 1024, ge=1, description="Larger request bodies get 413 unread.")
    api_rate_per_client: int = Field(default=600, ge=0, description="/api/chat + /api/search requests per "
                                     "minute per client IP (0 = no limit).")
    api_burst_per_client: int = Field(default=300, ge=1, description="Requests a client IP may send at once.")
    api_rate_per_user: int = Field(default=30, ge=0, description="/api/chat requests per minute per "
                                   "conversation (0 = no limit).")
    api_burst_per_user: int = Field(default=30, ge=1, description="Requests one conversation may send at once.")


    # -- channels (credentials keep their vendors' variable names) --------------------------------
    public_url: str | None = Field(default=None, description="https://host the world reaches us at; Twilio "
                                   "signs against it and Telegram's webhook is registered under it.")
    twilio_account_sid: str | None = Field(default=None, validation_alias=AliasChoices("TWILIO_ACCOUNT_SID"))
    twilio_auth_token: str | None = Field(default=None, validation_alias=AliasChoices("TWILIO_AUTH_TOKEN"))
    twilio_whatsapp_from: str | None = Field(default=None, validation_alias=AliasChoices("TWILIO_WHATSAPP_FROM"))
    twilio_api_base_url: str | None = Field(default=None, validation_alias=AliasChoices("TWILIO_API_BASE_URL"))
    whatsapp_template_sid: str | None = Field(default=None, description="Approved template (HX...) for messages "
                                              "we start outside WhatsApp's 24-hour window; {{1}} is the text.")
    telegram_bot_token: str | None = Field(default=None, validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN"))
    telegram_webhook_secret: str | None = Field(default=None,
                                                validation_alias=AliasChoices("TELEGRAM_WEBHOOK_SECRET"))
    telegram_api_base_url: str | None = Field(default=None, validation_alias=AliasChoices("TELEGRAM_API_BASE_URL"))
    telegram_poll_timeout: int = Field(default=25, description="Long-poll seconds in polling mode.")
    # -- the inbound pipeline ---------------------------------------------------------------------
    burst_seconds: float = Field(default=1.5, description="Short messages this close together are one turn.")
    rate_limit: int = Field(default=20, description="Messages per sender per minute before a polite refusal.")
    lease_seconds: float = Field(default=60.0, description="How long a crashed worker's claim blocks others.")
    channel_workers: int = Field(default=8, description="Conversations answered at once per process.")
    # -- bookings and applications: the backend's webhooks (handlers/webhooks.py, docs/webhooks.md) ------
    webhook_booking_url: str | None = Field(default=None, description="Where confirmed bookings are POSTed.")
    webhook_application_url: str | None = Field(default=None, description="Where applications are POSTed.")
    webhook_url: str | None = Field(default=None, description="For flows without a URL of their own (e.g. a "
                                    "flow added in PARKBOT_FLOWS_FILE).")
    webhook_secret: SecretStr | None = Field(default=None, description="Standard Webhooks secret (whsec_...): "
                                             "signs our POSTs and checks the backend's status callbacks.")
    webhook_retry_schedule: str = Field(default="5,30,120,600,1800,7200,21600",
                                        description="Seconds before each retry (then the delivery is a dead "
                                        "letter); each gets +-20% jitter; a Retry-After answer is honoured.")
    webhook_timeout: float = Field(default=10.0, description="Seconds to wait for the backend's answer.")
    webhook_lease_seconds: float = Field(default=60.0, description="How long a claimed delivery is held by one "
                                         "process before another may retry it (a crashed sender's claim ends).")
    webhook_poll_seconds: float = Field(default=1.0, description="How often the worker looks for due deliveries.")
    delivery_worker: bool = Field(default=True, description="Run the webhook delivery worker inside serve.")
    keep_delivered_requests: bool = Field(default=True, description="On 'delete my data', keep the details of "
                                          "requests the backend already received (its records refer to them).")
    flows_file: Path | None = Field(default=None, description="YAML with more flows (same format as "
                                    "bot/flows/definitions.yaml), added to the bundled booking and application.")

    # -- the escalation queue and the staff console (issue 13) -------------------------------------------
    business_hours_open: str = Field(default="09:00", description="Staff office hours start (local time).")
    business_hours_close: str = Field(default="17:00", description="Staff office hours end (local time).")
    business_days: str = Field(default="0,1,2,3,4", description="Working weekdays, Monday = 0.")
    business_timezone: str = Field(default="Asia/Karachi", description="Where the office hours are kept.")
    queue_teams: str = Field(default="general,bagh-women,applications", description="Queue teams, comma-separated.")
    escalate_topics: str = Field(default="", description="Teams whose topics go straight to a person, e.g. "
                                 "'bagh-women' (every question about the women-only park).")
    reminder_hours: float = Field(default=4.0, description="A queued user who writes again this much later gets "
                                  "one reminder of when a person will answer.")
    staff_session_hours: float = Field(default=8.0, description="A staff login lasts this long.")

    @property
    def twilio_configured(self) -> bool:
        """WhatsApp runs when all three Twilio settings are given."""
        return bool(self.twilio_account_sid and self.twilio_auth_token and self.twilio_whatsapp_from)

    @cached_property
    def resolved_data_dir(self) -> Path:
        """The data directory as an absolute path, created on first use."""
        path = self.data_dir.expanduser().resolve()
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def retry_schedule(self) -> list[float]:
        """``webhook_retry_schedule`` as seconds."""
        return [float(part) for part in self.webhook_retry_schedule.split(",") if part.strip()]

    @property
    def chroma_path(self) -> Path:
        return self.resolved_data_dir / "chroma"

    @property
    def lexical_path(self) -> Path:
        return self.resolved_data_dir / "lexical"

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL, with plain ``postgresql://`` mapped to the installed psycopg 3 driver."""
        url = self.database_url or f"sqlite:///{self.resolved_data_dir / 'parkbot.db'}"
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url
