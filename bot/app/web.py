"""The FastAPI application, assembled: routes from the handlers, the lifespan that runs the parts.

:func:`create_app` builds every part from explicit settings (no globals), so tests and benchmarks
can run several apps with their own data directories.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from bot.app.parts import Parts, build_parts
from bot.retrieval.knowledge import Knowledge
from bot.settings import Settings
from handlers.web import web_router


def create_app(settings: Settings | None = None, *, knowledge: Knowledge | None = None) -> FastAPI:
    settings = settings or Settings()
    parts: Parts = build_parts(settings, knowledge)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(parts.assistant.warm_up)
        # the indexes and language tables are long-lived: keep the cyclic GC from re-scanning them
        gc.collect()
        gc.freeze()
        await parts.channels.start()
        try:
            yield
        finally:
            await parts.channels.stop()

    app = FastAPI(title="parkbot", version="0.1.0", lifespan=lifespan)
    app.state.parts = parts
    app.state.channels = parts.channels
    app.include_router(web_router(parts.assistant, parts.knowledge.retriever, parts.knowledge.index.count))
    for router in parts.channels.routers():
        app.include_router(router)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        """A clear 422 that says which field is wrong (and never echoes a 100 KB body back)."""
        problems = [{"field": ".".join(str(p) for p in e["loc"][1:]), "problem": e["msg"]} for e in exc.errors()]
        return JSONResponse({"error": "invalid request", "details": problems}, status_code=422)

    return app
