"""A backend's webhook receiver on loopback, as a park's team would write it, for the handoff tests.

It checks every POST's signature with its own code (HMAC-SHA256 over ``id.timestamp.body`` and
base64, by hand: not the library parkbot signs with), keeps each ``webhook-id`` it accepted once
(its idempotency key), and can be told to fail: answer 500 or 410, ask to retry later, hang past the
sender's timeout, or be down altogether.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def sign(secret: str, webhook_id: str, timestamp: int, body: str) -> str:
    """Standard Webhooks' v1 signature, computed by hand (the receiver's side, and a backend's callback)."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{webhook_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(secret: str, body: str, webhook_id: str | None = None, timestamp: int | None = None
                   ) -> dict[str, str]:
    webhook_id = webhook_id or f"msg_{secrets.token_hex(8)}"
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {"webhook-id": webhook_id, "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(secret, webhook_id, timestamp, body), "content-type": "application/json"}


@dataclass
class Post:
    webhook_id: str
    path: str
    verified: bool
    answered: int
    at: float
    body: dict[str, Any]


class Receiver:
    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.posts: list[Post] = []
        #: webhook ids as requests arrive (before any hang), to catch one in flight
        self.arrivals: list[str] = []
        self.accepted: dict[str, dict[str, Any]] = {}
        #: what to do with the next POSTs, in order: an HTTP status, ("status", headers) or ("hang", seconds)
        self.plan: list[Any] = []
        self.lock = threading.Condition()
        self.server: ThreadingHTTPServer | None = None
        self.port = 0
        self.up()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def up(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0"))).decode()
                receiver.handle(self, body)

        class Server(ThreadingHTTPServer):
            request_queue_size = 128  # the default 5 drops connections beyond it: the sender would wait 1 s

        self.server = Server(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down(self) -> None:
        """Stop listening: connections are refused until :meth:`up`."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def verify(self, headers: Any, body: str) -> bool:
        webhook_id, timestamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "")
        if not webhook_id or not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
            return False
        expected = sign(self.secret, webhook_id, int(timestamp), body).split(",", 1)[1]
        given = [s.split(",", 1)[1] for s in headers.get("webhook-signature", "").split() if s.startswith("v1,")]
        return any(hmac.compare_digest(expected, g) for g in given)

    def handle(self, request: BaseHTTPRequestHandler, body: str) -> None:
        verified = self.verify(request.headers, body)
        webhook_id = request.headers.get("webhook-id", "")
        with self.lock:
            self.arrivals.append(webhook_id)
            self.lock.notify_all()
            step = self.plan.pop(0) if self.plan else 200
        headers: dict[str, str] = {}
        if isinstance(step, tuple) and step[0] == "hang":
            time.sleep(step[1])
            step = 200
        elif isinstance(step, tuple):
            step, headers = step
        code = 401 if not verified else int(step)
        payload = json.loads(body) if verified else {}
        if 200 <= code < 300:
            with self.lock:
                self.accepted.setdefault(webhook_id, payload)  # a repeated id is accepted once
        with self.lock:
            self.posts.append(Post(webhook_id, request.path, verified, code, time.monotonic(), payload))
            self.lock.notify_all()
        try:
            request.send_response(code)
            for name, value in headers.items():
                request.send_header(name, value)
            request.send_header("content-length", "2")
            request.end_headers()
            request.wfile.write(b"{}")
        except OSError:  # the sender gave up (a timeout) or died
            pass

    def wait_accepted(self, count: int, timeout: float = 20.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        with self.lock:
            while len(self.accepted) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(self.accepted)} of {count} webhooks accepted; posts: {self.posts}")
                self.lock.wait(left)
            return list(self.accepted.values())

    def wait_arrivals(self, count: int, timeout: float = 30.0) -> list[str]:
        deadline = time.monotonic() + timeout
        with self.lock:
            while len(self.arrivals) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(self.arrivals)} of {count} arrivals")
                self.lock.wait(left)
            return list(self.arrivals)

    def wait_posts(self, count: int, timeout: float = 20.0) -> list[Post]:
        deadline = time.monotonic() + timeout
        with self.lock:
            while len(self.posts) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(self.posts)} of {count} posts")
                self.lock.wait(left)
            return list(self.posts)

    def of(self, reference: str) -> list[Post]:
        return [p for p in self.posts if p.body.get("data", {}).get("reference") == reference]

    def reset(self) -> None:
        with self.lock:
            self.posts.clear()
            self.arrivals.clear()
            self.accepted.clear()
            self.plan.clear()


@contextmanager
def receiver(secret: str | None = None) -> Iterator[Receiver]:
    running = Receiver(secret or new_secret())
    try:
        yield running
    finally:
        running.down()
