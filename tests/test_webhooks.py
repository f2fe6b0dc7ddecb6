"""The backend handoff under trouble: a receiver that answers 500, hangs, is down, says 410 or asks to retry
later; dead letters and their replay from the command line; two workers on one PostgreSQL database; and
`parkbot serve` killed with SIGKILL in the middle of a delivery. The receiver verifies every signature
with its own code and counts each webhook id once."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import ServeProcess, run_cli
from receiver import Receiver, receiver
from sqlalchemy import select, update

from bot.app.parts import build_handoff, open_store
from bot.flows.engine import Submission
from bot.flows.requests import RequestStore
from bot.flows.spec import bundled_flows
from bot.retrieval.knowledge import Knowledge
from bot.settings import Settings
from bot.storage.models import FlowRequest, Outbound, WebhookDelivery
from bot.storage.turns import Store
from handlers.webhooks import DeliveryWorker, next_delay, retry_after_seconds

VALUES = {"park": "stp-lahore", "item": "desk", "date": "2030-01-02", "time": "11:00", "people": 2,
          "name": "Test User", "phone": "+923001234567"}


def settings_for(tmp: Path, backend: Receiver, database: str | None = None, **extra: Any) -> Settings:
    return Settings(data_dir=tmp / "var", knowledge_dir=tmp, database_url=database or f"sqlite:///{tmp / 'db.sqlite'}",
                    webhook_booking_url=f"{backend.url}/bookings", webhook_secret=backend.secret,
                    webhook_poll_seconds=0.05, **{"webhook_retry_schedule": "0.2,0.2,0.2", "webhook_timeout": 2.0,
                                                  **extra})


def submit(store: Store, user: str = "web-1") -> str:
    return RequestStore(store).submit(Submission(bundled_flows()["booking"], dict(VALUES), "en"), channel="web",
                                      user=user, turn_id=uuid.uuid4().hex)


def rows(store: Store) -> list[WebhookDelivery]:
    with store.session() as session:
        return list(session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)).all())


def recorded(store: Store, backend: Receiver) -> bool:
    """The receiver took the delivery and the worker has recorded it (the worker writes "delivered" after the
    receiver's 200; stopping it in between, as a loaded machine showed, leaves the row pending for the next start)."""
    return bool(backend.accepted) and rows(store)[0].status == "delivered"


def run_worker(settings: Settings, store: Store, until: Callable[[], bool], timeout: float = 15.0) -> None:
    """The delivery worker as serve runs it, until ``until()`` holds."""
    async def main() -> None:
        worker, _ = build_handoff(settings, store)
        await worker.start()
        try:
            deadline = time.monotonic() + timeout
            while not until():
                assert time.monotonic() < deadline, [(r.status, r.attempts, r.error) for r in rows(store)]
                await asyncio.sleep(0.05)
        finally:
            await worker.stop()
    asyncio.run(main())


def test_retries_after_500s_keep_the_webhook_id_and_the_user_is_told_once(tmp_path: Path) -> None:
    with receiver() as backend:
        settings = settings_for(tmp_path, backend)
        store = open_store(settings)
        reference = submit(store)
        backend.plan = [500, 503]
        run_worker(settings, store, lambda: recorded(store, backend))
        posts = backend.posts
        assert [p.answered for p in posts] == [500, 503, 200] and all(p.verified for p in posts)
        assert len({p.webhook_id for p in posts}) == 1 and posts[0].webhook_id.startswith("msg_")
        assert posts[0].body["data"]["reference"] == reference and posts[0].body["data"]["fields"] == VALUES
        gaps = [b.at - a.at for a, b in itertools.pairwise(posts)]
        assert all(g >= 0.15 for g in gaps)  # the schedule's 0.2 s, less its jitter
        (row,) = rows(store)
        assert row.status == "delivered" and row.attempts == 3 and row.last_code == 200
        with store.session() as session:
            notices = session.scalars(select(Outbound.text).where(Outbound.recipient == "web-1")).all()
        assert notices == [f"Your request {reference} has reached the park's team."]


def test_a_receiver_down_for_a_while_gets_the_delivery_once_it_is_back(tmp_path: Path) -> None:
    with receiver() as backend:
        settings = settings_for(tmp_path, backend, webhook_retry_schedule="0.3,0.3,0.3,0.3,0.3")
        store = open_store(settings)
        submit(store)
        backend.down()
        threading.Timer(0.7, backend.up).start()
        run_worker(settings, store, lambda: recorded(store, backend))
        (row,) = rows(store)
        assert row.status == "delivered" and row.attempts >= 2 and len(backend.posts) == 1


def test_a_receiver_that_hangs_past_the_timeout_gets_the_same_delivery_again(tmp_path: Path) -> None:
    with receiver() as backend:
        settings = settings_for(tmp_path, backend, webhook_timeout=0.5)
        store = open_store(settings)
        submit(store)
        backend.plan = [("hang", 1.2)]
        run_worker(settings, store, lambda: rows(store)[0].status == "delivered")
        time.sleep(1.0)  # the hung request finishes too: the receiver still counts the id once
        assert len(backend.accepted) == 1 and len(backend.posts) == 2
        assert rows(store)[0].attempts == 2


def test_down_receiver_dead_letters_then_a_replay_from_the_command_line_delivers(tmp_path: Path) -> None:
    with receiver() as backend:
        settings = settings_for(tmp_path, backend, webhook_retry_schedule="0.1,0.1")
        store = open_store(settings)
        reference = submit(store)
        backend.down()
        run_worker(settings, store, lambda: rows(store)[0].status == "dead")
        (row,) = rows(store)
        assert row.attempts == 3 and "ConnectError" in (row.error or "")
        env = {"PARKBOT_DATA_DIR": str(tmp_path / "var"), "PARKBOT_DATABASE_URL": settings.database_url or ""}
        listed = run_cli("deliveries", "list", "--status", "dead", "--json", env=env, timeout=120)
        assert listed.returncode == 0, listed.stderr
        (dead,) = [json.loads(line) for line in listed.stdout.splitlines()]
        assert dead["reference"] == reference and dead["webhook_id"] == row.webhook_id
        backend.up()
        replay = run_cli("deliveries", "replay", str(dead["id"]), env=env, timeout=120)
        assert replay.returncode == 0 and "1 deliveries" in replay.stderr
        run_worker(settings, store, lambda: recorded(store, backend))
        assert list(backend.accepted) == [row.webhook_id] and rows(store)[0].status == "delivered"


def test_410_stops_and_retry_after_is_honoured(tmp_path: Path) -> None:
    with receiver() as backend:
        settings = settings_for(tmp_path, backend, webhook_retry_schedule="0.05,0.05")
        store = open_store(settings)
        submit(store)
        backend.plan = [410]
        run_worker(settings, store, lambda: rows(store)[0].status == "gone")
        time.sleep(0.3)
        assert len(backend.posts) == 1
        backend.reset()
        submit(store, "web-2")
        backend.plan = [(503, {"Retry-After": "1"})]
        run_worker(settings, store, lambda: bool(backend.accepted))
        first, second = backend.posts
        assert second.at - first.at >= 0.95


def test_backoff_schedule_jitter_and_retry_after_forms() -> None:
    schedule = [10.0, 60.0]
    assert 8.0 <= next_delay(schedule, 1, None, rng=lambda: 0.0) <= 8.0  # type: ignore[operator]
    assert next_delay(schedule, 2, None, rng=lambda: 1.0) == pytest.approx(72.0)
    assert next_delay(schedule, 3, None) is None
    assert next_delay(schedule, 1, 120.0, rng=lambda: 0.5) == 120.0
    now = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("30") == 30.0
    assert retry_after_seconds("Fri, 27 Nov 2026 12:01:00 GMT", now) == 60.0
    assert retry_after_seconds("soon") is None


def test_two_workers_on_one_postgresql_database_post_each_delivery_once(tmp_path: Path, postgres_url: str) -> None:
    with receiver() as backend:
        settings = settings_for(tmp_path, backend, database=postgres_url)
        store = open_store(settings)
        for n in range(40):
            submit(store, f"web-{n}")
        workers: list[DeliveryWorker] = []

        def one() -> None:
            async def main() -> None:
                worker, _ = build_handoff(settings, open_store(settings, migrate=False))
                workers.append(worker)
                await worker.start()
                deadline = time.monotonic() + 20
                while {r.status for r in rows(store)} != {"delivered"} and time.monotonic() < deadline:
                    await asyncio.sleep(0.05)
                await worker.stop()
            asyncio.run(main())

        threads = [threading.Thread(target=one) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(backend.accepted) == 40
        assert len(backend.posts) == 40  # nobody posted a row another worker held
        assert {r.status for r in rows(store)} == {"delivered"}
        assert len({r.claimed_by for r in rows(store)}) == 1  # leases are cleared once done
        assert len({w.holder for w in workers}) == 2


def test_serve_killed_mid_delivery_delivers_after_restart_and_the_receiver_accepts_the_id_once(
        bundled: Knowledge, tmp_path: Path) -> None:
    import shutil

    with receiver() as backend:
        data = tmp_path / "var"
        shutil.copytree(bundled.settings.data_dir, data, ignore=shutil.ignore_patterns("*.db*"))
        env = {"PARKBOT_DATA_DIR": str(data), "PARKBOT_WEBHOOK_BOOKING_URL": f"{backend.url}/bookings",
               "PARKBOT_WEBHOOK_SECRET": backend.secret, "PARKBOT_WEBHOOK_LEASE_SECONDS": "2",
               "PARKBOT_WEBHOOK_TIMEOUT": "30", "PARKBOT_WEBHOOK_RETRY_SCHEDULE": "0.5,0.5"}
        backend.plan = [("hang", 4.0)]  # the first POST is in flight when the process dies
        server = ServeProcess(env, tmp_path / "serve.log").start()
        try:
            user = f"web-{uuid.uuid4().hex[:6]}"
            for text in ("desk book karna hai Lahore mein kal 11 bajay 2 log", "Kamran", "03004445556", "haan"):
                reply = httpx.post(f"{server.base}/api/chat", json={"user_id": user, "text": text, "channel": "web"},
                                   timeout=30).json()["reply"]
            assert "BK-" in reply
            (in_flight,) = backend.wait_arrivals(1)
            server.kill()
        finally:
            server.stop()
        restarted = ServeProcess(env, tmp_path / "serve.log").start()
        try:
            backend.wait_posts(2, timeout=30)
            time.sleep(1.0)
        finally:
            restarted.stop()
        ids = [p.webhook_id for p in backend.posts]
        assert set(ids) == {in_flight} and len(ids) == 2  # posted again after the restart, same id
        assert list(backend.accepted) == [in_flight]  # and accepted once


def test_erasing_a_user_drops_undelivered_requests_and_masks_delivered_ones_unless_kept(tmp_path: Path) -> None:
    with receiver() as backend:
        store = open_store(settings_for(tmp_path, backend))
        requests = RequestStore(store)
        waiting = submit(store, "web-erase")
        delivered = submit(store, "web-erase")
        with store.session() as session:
            session.execute(update(FlowRequest).where(FlowRequest.reference == delivered).values(status="accepted"))
            session.commit()
        assert requests.erase_user("web", "web-erase", keep_delivered=False) == [delivered]
        (left,) = requests.of_user("web", "web-erase")
        assert left.reference == delivered and left.status == "erased" and left.data["phone"] == "0300-***4567"
        assert waiting not in {r.reference for r in requests.of_user("web", "web-erase")} and len(rows(store)) == 1
        assert rows(store)[0].body == "{}"
        kept = submit(store, "web-keep")
        with store.session() as session:
            session.execute(update(FlowRequest).where(FlowRequest.reference == kept).values(status="accepted"))
            session.commit()
        assert requests.erase_user("web", "web-keep", keep_delivered=True) == [kept]
        assert requests.of_user("web", "web-keep")[0].data["phone"] == "+923001234567"
