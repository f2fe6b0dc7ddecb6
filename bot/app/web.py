"""The FastAPI application, assembled: routes from the handlers, the lifespan that runs the parts,
and the public edge's defences around them.

:func:`create_app` builds every part from explicit settings (no globals), so tests and benchmarks
can run several apps with their own data directories.
"""

from __future__ import annotations

import datetime as dt
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
from bot.storage.states import Priority
from handlers.security import (
    DOCS_CONTENT_SECURITY_POLICY,
    SECURITY_HEADER_VALUES,
    ApiLimits,
    BodyLimit,
    SecurityHeaders,
)
from handlers.staff import staff_router
from handlers.web import WebSessions, session_secret, static_files, web_router
from handlers.webhooks import StaffDeliveries, backend_router


def create_app(settings: Settings | None = None, *, knowledge: Knowledge | None = None) -> FastAPI:
    settings = settings or Settings()
    parts: Parts = build_parts(settings, knowledge)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(parts.assistant.warm_up)
        # the first escalation would build the holiday calendar for its due time (~0.1 s): not a user's wait
        await run_in_threadpool(parts.queue.expect, dt.datetime.now(dt.UTC), Priority.NORMAL)
        # the indexes and language tables are long-lived: keep the cyclic GC from re-scanning them
        gc.collect()
        gc.freeze()
        await parts.channels.start()
        if settings.delivery_worker:
            await parts.deliveries.start()
        try:
            yield
        finally:
            await parts.deliveries.stop()
            await parts.channels.stop()

    # the API docs are an operator's opt-in: they describe every route and load Swagger from a CDN
    docs = settings.api_docs
    app = FastAPI(title="parkbot", version="0.1.0", lifespan=lifespan, docs_url="/docs" if docs else None,
                  redoc_url="/redoc" if docs else None, openapi_url="/openapi.json" if docs else None)
    app.state.parts = parts
    app.state.channels = parts.channels
    secret = session_secret(settings)  # one secret (read or made once) signs visitors' and staff sessions
    secure = (settings.public_url or "").startswith("https")
    sessions = WebSessions(secret, always_secure=secure)
    limits = ApiLimits.of(settings.api_rate_per_client, settings.api_burst_per_client,
                          settings.api_rate_per_user, settings.api_burst_per_user)
    app.include_router(web_router(parts.assistant, parts.knowledge.retriever, parts.knowledge.index.count,
                                  sessions=sessions, limits=limits, outbox=parts.channels.outbox))
    # the staff console, with the bookings' and applications' handoff deliveries (replay for admins)
    app.include_router(staff_router(parts.queue, parts.accounts, parts.channels.outbox, parts.channels.pipeline,
                                    secret=secret, session_hours=settings.staff_session_hours, always_secure=secure,
                                    faq=parts.faq, deliveries=StaffDeliveries(parts.deliveries.deliveries)))
    app.mount("/static", static_files(), name="static")
    for router in parts.channels.routers():
        app.include_router(router)
    app.include_router(backend_router(parts.status))
    # outermost last: every response gets the headers, including the body limit's 413
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, policies=dict.fromkeys(("/docs", "/redoc"), DOCS_CONTENT_SECURITY_POLICY)
                       if docs else None)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        """A clear 422 that says which field is wrong (and never echoes a 100 KB body back)."""
        problems = [{"field": ".".join(str(p) for p in e["loc"][1:]), "problem": e["msg"]} for e in exc.errors()]
        return JSONResponse({"error": "invalid request", "details": problems}, status_code=422)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        """A bug's 500 is answered outside every middleware (Starlette's outermost layer), so it carries
        the security headers itself; the exception is still logged with its traceback."""
        return JSONResponse({"error": "internal error"}, status_code=500, headers=dict(SECURITY_HEADER_VALUES))

    return app
