"""How fast a confirmed request reaches the backend, and how fast a backlog of deliveries drains.

Run: ``python benchmarks/bench_webhooks.py [--requests 30] [--backlog 1000] [--postgres URL]
[--out benchmarks/webhooks_results.md]``.

1. Latency: a real ``parkbot serve`` process (its own data dir, SQLite, the shipped knowledge base) and
   a loopback receiver that verifies each signature by hand. ``--requests`` web users each complete a
   booking through ``POST /api/chat``; the clock runs from the moment the user sends the confirming
   "yes" to the moment the receiver has the signed webhook (it usually arrives before the reply with
   the reference does). Target (issue 12): p95 under 1 s.
2. Drain: ``--backlog`` requests are stored at once (request + delivery rows, as confirmations write
   them) with the receiver down; then one delivery worker (as serve runs it) drains them to the
   receiver, and the rate is deliveries accepted per second. On SQLite by default, on PostgreSQL too
   with ``--postgres``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from conftest import ServeProcess  # noqa: E402
from receiver import Receiver, new_secret  # noqa: E402

from bot.app.parts import build_handoff, open_store  # noqa: E402
from bot.flows.engine import Submission  # noqa: E402
from bot.flows.requests import RequestStore  # noqa: E402
from bot.flows.spec import bundled_flows  # noqa: E402
from bot.settings import BUNDLED_KNOWLEDGE, Settings  # noqa: E402

SCRIPT = ["I want to book a desk at the Lahore STP tomorrow at 11am for 2 people", "Bilal Ahmed", "0300-1234567",
          "yes"]


def latency(requests: int, work: Path) -> list[float]:
    backend = Receiver(new_secret())
    data = work / "serve"
    env = {"PARKBOT_DATA_DIR": str(data), "PARKBOT_WEBHOOK_BOOKING_URL": f"{backend.url}/bookings",
           "PARKBOT_WEBHOOK_SECRET": backend.secret, "PARKBOT_API_RATE_PER_USER": "0"}
    server = ServeProcess(env, work / "serve.log").start()
    times: list[float] = []
    try:
        with httpx.Client(base_url=server.base, timeout=60) as client:
            for n in range(requests):
                user = f"bench-{n}-{uuid.uuid4().hex[:6]}"
                for text in SCRIPT:
                    confirmed = time.monotonic()  # the user sends "yes" last: the clock starts when they do
                    reply = client.post("/api/chat", json={"user_id": user, "text": text, "channel": "web"}).json()
                assert "BK-" in reply["reply"], reply
                backend.wait_accepted(n + 1, timeout=30)
                times.append(backend.posts[-1].at - confirmed)
    finally:
        server.stop()
        backend.down()
    return times


def drain(backlog: int, database: str, work: Path) -> float:
    backend = Receiver(new_secret())
    backend.down()
    settings = Settings(data_dir=work / "drain", knowledge_dir=BUNDLED_KNOWLEDGE, database_url=database,
                        webhook_booking_url=f"{backend.url}/bookings", webhook_secret=backend.secret)  # type: ignore[arg-type]
    store = open_store(settings)
    requests = RequestStore(store)
    flow = bundled_flows()["booking"]
    values = {"park": "stp-lahore", "item": "desk", "date": "2030-01-02", "time": "11:00", "people": 2,
              "name": "Bench User", "phone": "+923001234567"}
    for n in range(backlog):
        requests.submit(Submission(flow, dict(values), "en"), channel="web", user=f"bench-{n}", turn_id=str(n))
    backend.up()
    settings = Settings(data_dir=work / "drain", knowledge_dir=BUNDLED_KNOWLEDGE, database_url=database,
                        webhook_booking_url=f"{backend.url}/bookings", webhook_secret=backend.secret,
                        webhook_poll_seconds=0.05)  # type: ignore[arg-type]

    async def run() -> float:
        worker, _ = build_handoff(settings, store)
        started = time.monotonic()
        await worker.start()
        while len(backend.accepted) < backlog:
            await asyncio.sleep(0.02)
        elapsed = time.monotonic() - started
        await worker.stop()
        return elapsed

    elapsed = asyncio.run(run())
    backend.down()
    assert len(backend.posts) == backlog, f"{len(backend.posts)} posts for {backlog} deliveries"
    return backlog / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--backlog", type=int, default=1000)
    parser.add_argument("--postgres", default=None)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "webhooks_results.md")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="parkbot-bench-webhooks-"))
    try:
        times = sorted(latency(args.requests, work))
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        rates = {"SQLite": drain(args.backlog, f"sqlite:///{work / 'drain.db'}", work)}
        if args.postgres:
            rates["PostgreSQL"] = drain(args.backlog, args.postgres, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    lines = [
        "# Backend webhooks: confirmation to receiver, and draining a backlog", "",
        f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}. "
        f"Run {time.strftime('%Y-%m-%d')} with `python benchmarks/bench_webhooks.py`.", "",
        f"Latency: {args.requests} web users each complete a booking through `POST /api/chat` on a `parkbot serve` "
        "process (SQLite); measured from sending the confirming \"yes\" to the signed webhook at a loopback "
        "receiver that verifies it (the webhook usually arrives before the reply with the reference).", "",
        "| measure | value | target |", "|---|---|---|",
        f"| confirmation -> receiver median | {statistics.median(times) * 1000:.1f} ms | |",
        f"| confirmation -> receiver p95 | {p95 * 1000:.1f} ms | < 1 s |",
        f"| confirmation -> receiver max | {times[-1] * 1000:.1f} ms | |", "",
        f"Drain: {args.backlog} deliveries queued while the receiver was down, then one worker (20 POSTs in flight, "
        "as in serve) sends them all; every one accepted exactly once.", "",
        "| database | deliveries per second |", "|---|---|",
        *[f"| {name} | {rate:.0f} |" for name, rate in rates.items()], ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
