"""End-to-end latency of ``POST /api/chat`` against a real ``parkbot serve`` process.

Run: ``python benchmarks/bench_chat.py [--rounds 3] [--out benchmarks/chat_results.md]``.

The server runs in its own process on the shipped knowledge base (its data dir is built first if
needed); this process is the client. Every request carries a question the server has not embedded
before (its query cache is cold for it), so the latency includes one real query embedding. The query
embedding time is measured here too, with the same embedder, for the comparison the targets use:
median <= embedding + 15 ms, p95 <= 2 x embedding.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.serve import parkbot_serve  # noqa: E402
from bot.embeddings import E5Q4Embeddings  # noqa: E402
from evals.retrieval import load_questions  # noqa: E402
from evals.runner import machine  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the question sets")
    parser.add_argument("--data-dir", type=Path, help="an existing data dir (default: a fresh one)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "chat_results.md")
    args = parser.parse_args()

    questions = [q.q for q in load_questions()]
    tmp = tempfile.mkdtemp(prefix="parkbot-bench-")
    data = args.data_dir or Path(tmp) / "var"
    latencies = []
    try:
        with parkbot_serve(8765, {"PARKBOT_DATA_DIR": str(data)}) as base, httpx.Client(timeout=60) as client:
            client.post(f"{base}/api/chat", json={"user_id": "warm", "text": "hello"})
            for r in range(args.rounds):
                for n, text in enumerate(questions):
                    unique = f"{text} {'?' * (r + 1)}"  # new text -> the server embeds it afresh
                    start = time.perf_counter()
                    response = client.post(f"{base}/api/chat", json={"user_id": f"b{r}-{n}", "text": unique})
                    latencies.append(time.perf_counter() - start)
                    response.raise_for_status()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    embedder = E5Q4Embeddings()
    embed = []
    for n, text in enumerate(questions):
        start = time.perf_counter()
        embedder._encode([f"{text} {n}"], is_query=True)
        embed.append(time.perf_counter() - start)
    embed_ms = statistics.median(embed) * 1000
    embed_p95 = float(np.percentile(embed, 95) * 1000)
    median = statistics.median(latencies) * 1000
    p95 = float(np.percentile(latencies, 95) * 1000)
    lines = [
        "# /api/chat latency",
        "",
        f"Machine: {machine()}. Run {time.strftime('%Y-%m-%d')} with `python benchmarks/bench_chat.py`;",
        f"server and client in separate processes, {len(latencies)} requests, each a question new to the server.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| query embedding, median | {embed_ms:.1f} ms | |",
        f"| /api/chat median | {median:.1f} ms (embedding + {median - embed_ms:.1f} ms) | <= embedding + 15 ms |",
        f"| /api/chat p95 | {p95:.1f} ms ({p95 / embed_ms:.2f} x embedding) | <= 2 x embedding |",
        f"| query embedding, p95 (the long questions) | {embed_p95:.1f} ms | |",
        f"| /api/chat p95 against the embedding's own p95 | {p95 / embed_p95:.2f} x | |",
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
