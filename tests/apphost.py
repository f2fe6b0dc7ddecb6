"""Run a real parkbot app (uvicorn, real HTTP on loopback) in a background thread of the test process.

Channel tests need both a real HTTP server and a handle on the app's own pipeline (to send a staff
message the way the staff console will), which a subprocess cannot give; this gives both.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

import uvicorn
from conftest import free_port

from bot.app.web import create_app
from bot.retrieval.knowledge import Knowledge
from bot.settings import Settings
from handlers.hub import ChannelHub

T = TypeVar("T")


class AppThread:
    def __init__(self, settings: Settings, knowledge: Knowledge) -> None:
        self.port = free_port()
        self.app = create_app(settings, knowledge=knowledge)
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.loop: asyncio.AbstractEventLoop | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def hub(self) -> ChannelHub:
        return self.app.state.channels

    def __enter__(self) -> AppThread:
        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the app did not start")
            time.sleep(0.05)
        self.loop = self.hub.loop
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        """Run a coroutine on the app's own event loop (where its pipeline lives)."""
        assert self.loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)
