"""How fast ``POST /webhooks/twilio`` acknowledges under load, and whether every answer arrives.

Run: ``python benchmarks/bench_twilio.py [--senders 50] [--messages 10] [--out benchmarks/twilio_results.md]``.

A real ``parkbot serve`` process (its own data dir, SQLite, the shipped knowledge base) receives
signed WhatsApp webhooks from ``--senders`` people chatting at the same time, each sending
``--messages`` questions with ``--think`` seconds (on average, uniformly 0.5x-1.5x) between a reply
from the webhook and their next message; a person types for longer than that, so this is a busy
hour, not a quiet one. ``--think 0`` turns it into a closed-loop stress test that measures the most
acknowledgements per second the app can take (latency is then just queueing). A local
Twilio-compatible server (the test suite's fake) receives the answers, which are composed meanwhile
on the same two cores; the run waits for every answer.
Target (issue 4): p95 acknowledgement under 100 ms with 50 concurrent senders.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import httpx
import numpy as np

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from fakes.twilio_api import FakeTwilio  # noqa: E402
from twilio.request_validator import RequestValidator  # noqa: E402

from benchmarks.serve import parkbot_serve  # noqa: E402
from evals.retrieval import load_questions  # noqa: E402
from evals.runner import machine  # noqa: E402

PUBLIC = "https://parkbot.example"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--senders", type=int, default=50)
    parser.add_argument("--messages", type=int, default=10, help="per sender")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a sender's messages")
    parser.add_argument("--data-dir", type=Path, help="an already indexed data dir to copy (default: build one)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "twilio_results.md")
    args = parser.parse_args()

    questions = [q.q for q in load_questions() if q.kind == "question"]
    tmp = Path(tempfile.mkdtemp(prefix="parkbot-bench-twilio-"))
    data = tmp / "var"
    if args.data_dir:
        shutil.copytree(args.data_dir, data, ignore=shutil.ignore_patterns("*.db*"))
    with FakeTwilio() as twilio:
        env = {"PARKBOT_DATA_DIR": str(data), "PARKBOT_PUBLIC_URL": PUBLIC,
               "TWILIO_ACCOUNT_SID": twilio.account_sid, "TWILIO_AUTH_TOKEN": twilio.auth_token,
               "TWILIO_WHATSAPP_FROM": "whatsapp:+14155238886", "TWILIO_API_BASE_URL": twilio.base_url,
               "PARKBOT_RATE_LIMIT": "0"}
        try:
            with parkbot_serve(8766, env) as base:
                latencies, elapsed, answered, waited = _run(twilio, base, data / "parkbot.db", questions,
                                                            args.senders, args.messages, args.think)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    total = args.senders * args.messages
    p95 = float(np.percentile(latencies, 95) * 1000)
    lines = [
        "# WhatsApp webhook acknowledgement under load",
        "",
        f"Machine: {machine()}. Run {time.strftime('%Y-%m-%d')} with `python benchmarks/bench_twilio.py`;",
        f"{args.senders} concurrent senders x {args.messages} signed messages each ({total} requests, "
        f"{args.think:g} s mean pause between a sender's messages) against a `parkbot serve` process (SQLite, "
        "shipped knowledge base); answers go to a local Twilio-compatible server.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| acknowledgement median | {statistics.median(latencies) * 1000:.1f} ms | |",
        f"| acknowledgement p95 | {p95:.1f} ms | < 100 ms |",
        f"| acknowledgement max | {max(latencies) * 1000:.1f} ms | |",
        f"| requests per second (acknowledged) | {total / elapsed:.0f} | |",
        f"| answers delivered | {answered} of {total} | all |",
        f"| time until the last answer arrived | {waited:.1f} s | |",
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def _run(twilio: FakeTwilio, base: str, database: Path, questions: list[str], senders: int, messages: int,
         think: float) -> tuple[list[float], float, int, float]:
    validator = RequestValidator(twilio.auth_token)
    latencies: list[float] = []
    lock = threading.Lock()
    failures: list[str] = []

    def sender(n: int) -> None:
        phone = f"whatsapp:+9230{n:08d}"
        pause = random.Random(n)
        with httpx.Client(timeout=30) as client:
            for m in range(messages):
                time.sleep(think * pause.uniform(0.5, 1.5) if think else 0.0)
                params = {"MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": twilio.account_sid, "From": phone,
                          "To": "whatsapp:+14155238886", "Body": questions[(n * messages + m) % len(questions)],
                          "NumMedia": "0"}
                signature = validator.compute_signature(f"{PUBLIC}/webhooks/twilio", params)
                start = time.perf_counter()
                response = client.post(f"{base}/webhooks/twilio", content=urllib.parse.urlencode(params),
                                       headers={"Content-Type": "application/x-www-form-urlencoded",
                                                "X-Twilio-Signature": signature})
                took = time.perf_counter() - start
                with lock:
                    latencies.append(took)
                    if response.status_code != 200:
                        failures.append(f"{response.status_code} {response.text[:100]}")

    threads = [threading.Thread(target=sender, args=(n,)) for n in range(senders)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[0]}")
    total = senders * messages
    answered, deadline = 0, time.monotonic() + float(os.environ.get("BENCH_ANSWER_TIMEOUT", "600"))
    while answered < total and time.monotonic() < deadline:
        time.sleep(0.5)
        with sqlite3.connect(database) as db:
            answered = db.execute("SELECT count(*) FROM outbound WHERE status = 'sent'").fetchone()[0]
    waited = time.perf_counter() - started
    return latencies, elapsed, answered, waited


if __name__ == "__main__":
    main()
