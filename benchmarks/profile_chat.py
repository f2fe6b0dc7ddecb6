"""CPU cost of ``POST /api/chat`` beyond the query embedding, in process, without the embedding's noise.

Run: ``python benchmarks/profile_chat.py [--rounds 1] [--profile out.pstats] [--data-dir DIR]``.

The app is built as ``parkbot serve`` builds it (same parts, lifespan, middleware) and driven through
its ASGI interface on this process's event loop (uvloop), so everything from the middleware to the
response body is measured, and nothing of uvicorn's HTTP parsing or the network. Every text's query
vector is computed (or loaded with ``--vectors``) and cached first, and a few other texts warm the app
up; the measured pass then sends the texts from new users, as ``bench_chat.py`` does, so no request
embeds, nothing else about its text is cached yet, and each is a first contact (user, conversation and
two messages written).

It reports CPU time per request (process CPU time, so the thread pool hop is counted), which a busy
machine disturbs far less than wall-clock latency; with ``--profile`` the measured pass runs under
cProfile instead. For instruction counts, run it under ``valgrind --tool=callgrind
--collect-atstart=no --toggle-collect=...`` or compare ``--profile`` call counts.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pickle
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.app.web import create_app  # noqa: E402
from bot.conversation.assistant import MAX_QUESTION_CHARS, clean_text  # noqa: E402
from bot.conversation.messages import InboundMessage  # noqa: E402
from bot.language.normalize import written_out  # noqa: E402
from bot.settings import Settings  # noqa: E402
from evals.retrieval import load_questions  # noqa: E402


async def _post(app: Any, body: bytes) -> tuple[int, bytes]:
    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/api/chat", "raw_path": b"/api/chat", "query_string": b"",
             "root_path": "", "headers": [(b"host", b"127.0.0.1:8765"), (b"content-type", b"application/json"),
                                          (b"content-length", str(len(body)).encode())],
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8765), "state": {}}
    sent = False
    status = 0
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def _run(app: Any, texts: list[tuple[str, str]], profile: cProfile.Profile | None,
               direct: bool = False) -> list[float]:
    cpu: list[float] = []
    for user, text in texts:
        body = json.dumps({"user_id": user, "text": text}).encode("utf-8")
        start = time.process_time_ns()
        if profile is not None:
            profile.enable()
        if direct:  # Assistant.handle alone, on this thread: the web edge's share is the difference
            status, payload = 200, app.state.parts.assistant.handle(InboundMessage("web", user, text, verified=False))
        else:
            status, payload = await _post(app, body)
        if profile is not None:
            profile.disable()
        cpu.append((time.process_time_ns() - start) / 1e6)
        if status != 200:
            raise RuntimeError(f"/api/chat answered {status}: {payload[:200]!r}")
    return cpu


def _time_stages(app: Any) -> dict[str, list[float]]:
    """Wrap the request path's main stages to record each call's thread CPU time (ms)."""
    parts = app.state.parts
    assistant = parts.assistant
    targets = {"Assistant.handle": (assistant, "handle"), "Assistant._turn": (assistant, "_turn"),
               "Store.conversation_state": (assistant.store, "conversation_state"),
               "Store.save_turn": (assistant.store, "save_turn"),
               "Retriever.search": (assistant.answerer.retriever, "search")}
    stages: dict[str, list[float]] = {}
    for name, (owner, attribute) in targets.items():
        original = getattr(owner, attribute)
        values = stages.setdefault(name, [])

        def timed(*a: Any, _original: Any = original, _values: list[float] = values, **kw: Any) -> Any:
            start = time.thread_time_ns()
            try:
                return _original(*a, **kw)
            finally:
                _values.append((time.thread_time_ns() - start) / 1e6)

        setattr(owner, attribute, timed)
    return stages


async def main_async(args: argparse.Namespace) -> None:
    tmp = tempfile.mkdtemp(prefix="parkbot-prof-")
    data = args.data_dir or Path(tmp) / "var"
    os.environ.update({"PARKBOT_API_RATE_PER_CLIENT": "0", "PARKBOT_API_RATE_PER_USER": "0"})
    try:
        app = create_app(Settings(data_dir=data))
        questions = [q.q for q in load_questions()]
        texts = [f"{text} {'?' * (r + 1)}" for r in range(args.rounds) for text in questions]
        texts = texts[:args.requests] if args.requests else texts
        embedder = app.state.parts.assistant.answerer.embedder
        if args.vectors and args.vectors.exists():  # vectors of an earlier run: nothing is embedded here
            for text, vector in pickle.loads(args.vectors.read_bytes()).items():
                embedder._cache.put(text, vector)
        async with app.router.lifespan_context(app):
            # the measured texts' vectors are cached (their question as handle() embeds it: a first contact's
            # question is its cleaned text), but nothing else has seen these texts: a few other requests warm up
            for text in texts:
                question = clean_text(text)[:MAX_QUESTION_CHARS]
                for embedded in dict.fromkeys((question, written_out(question))):  # (Roman Urdu: written out)
                    await asyncio.to_thread(embedder.embed_query, embedded)
            await _run(app, [(f"warm-{n}", f"{t} (warm-up)") for n, t in enumerate(texts[:20])], None)
            cached = len(embedder._cache._data)
            if args.vectors and not args.vectors.exists():
                args.vectors.write_bytes(pickle.dumps(dict(embedder._cache._data)))
            await asyncio.sleep(0.5)  # the OpenMP team stops spinning
            if args.callgrind:  # count the measured pass only (run under valgrind --instr-atstart=no)
                subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True,
                               stdout=subprocess.DEVNULL)
            profile = cProfile.Profile() if args.profile else None
            worker = cProfile.Profile() if args.profile else None
            if worker is not None:  # cProfile sees one thread: the thread pool's handle() gets its own
                assistant = app.state.parts.assistant
                handle = assistant.handle

                def profiled(inbound: Any) -> Any:
                    worker.enable()
                    try:
                        return handle(inbound)
                    finally:
                        worker.disable()

                assistant.handle = profiled
            stages = _time_stages(app) if args.stages else None
            before = resource.getrusage(resource.RUSAGE_SELF)
            cpu = await _run(app, [(f"b-{n}", t) for n, t in enumerate(texts)], profile, args.direct)
            after = resource.getrusage(resource.RUSAGE_SELF)
            if args.callgrind:
                subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], check=True,
                               stdout=subprocess.DEVNULL)
            if len(embedder._cache._data) != cached:
                print(f"warning: {len(embedder._cache._data) - cached} texts were embedded in the measured pass")
        if stages is not None:
            for name, values in stages.items():
                values.sort()
                print(f"{name:>24}: {len(values)} calls, thread CPU ms: mean {statistics.fmean(values):.3f}, "
                      f"median {statistics.median(values):.3f}, p95 {values[int(len(values) * 0.95)]:.3f}")
        if profile is not None and worker is not None:
            stats = pstats.Stats(profile)
            stats.add(worker)
            stats.dump_stats(str(args.profile))
        if args.slowest:  # the tail's questions: which kinds of text cost the most beyond their embedding
            for ms, text in sorted(zip(cpu, texts, strict=True), reverse=True)[:args.slowest]:
                print(f"{ms:8.3f} ms  {text[:100]}")
        cpu.sort()
        print(f"process CPU per request: user {(after.ru_utime - before.ru_utime) / len(cpu) * 1000:.3f} ms, "
              f"system {(after.ru_stime - before.ru_stime) / len(cpu) * 1000:.3f} ms")
        print(f"{len(cpu)} requests, CPU ms per request: mean {statistics.fmean(cpu):.3f}, "
              f"median {statistics.median(cpu):.3f}, p90 {cpu[int(len(cpu) * 0.9)]:.3f}, "
              f"p95 {cpu[int(len(cpu) * 0.95)]:.3f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=1, help="passes over the question sets")
    parser.add_argument("--profile", type=Path, help="write cProfile stats of the measured pass here")
    parser.add_argument("--stages", action="store_true", help="thread CPU time of the main stages")
    parser.add_argument("--requests", type=int, help="only the first N texts")
    parser.add_argument("--vectors", type=Path, help="query vectors: loaded if the file exists, else saved")
    parser.add_argument("--callgrind", action="store_true", help="toggle callgrind's instrumentation around "
                        "the measured pass")
    parser.add_argument("--direct", action="store_true", help="call Assistant.handle directly, not the ASGI app")
    parser.add_argument("--data-dir", type=Path, help="an existing data dir (default: a fresh one)")
    parser.add_argument("--slowest", type=int, default=0, help="print the N texts that took the most CPU")
    args = parser.parse_args()
    try:
        import uvloop
        uvloop.run(main_async(args))
    except ImportError:
        asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
