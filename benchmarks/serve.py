"""Start ``parkbot serve`` for a benchmark, in its own process, and wait until it answers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

#: A benchmark is one client sending hundreds of requests: the API's per-client and per-conversation
#: rate limits (which would answer most of them with 429) are off unless the caller's env sets them.
UNLIMITED = {"PARKBOT_API_RATE_PER_CLIENT": "0", "PARKBOT_API_RATE_PER_USER": "0"}


@contextmanager
def parkbot_serve(port: int, env: dict[str, str], startup_timeout: float = 900) -> Iterator[str]:
    """The server's base URL; the process is stopped on exit. A first start on an empty data dir
    indexes the shipped knowledge base, hence the long default timeout. Rate limits are off (:data:`UNLIMITED`)."""
    exe = shutil.which("parkbot", path=str(Path(sys.executable).parent)) or "parkbot"
    server = subprocess.Popen([exe, "serve", "--port", str(port)], env={**os.environ, **UNLIMITED, **env},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"parkbot serve exited with {server.returncode}")
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("parkbot serve did not come up")
            time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
