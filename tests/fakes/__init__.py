"""Local HTTP fakes of the Twilio Messages API and the Telegram Bot API, so tests drive the real client libraries."""
