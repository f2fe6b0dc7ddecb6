"""Channel guarantees that only separate processes can show: SIGKILL after an acknowledgement loses
nothing, and two app processes on one database answer a repeated delivery once, in order."""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from pathlib import Path

from conftest import ServeProcess
from fakes.twilio_api import Call, FakeTwilio

from bot.retrieval.knowledge import Knowledge

PUBLIC = "https://parkbot.example"
FROM = "whatsapp:+14155238886"


def env_for(twilio: FakeTwilio, data: Path, **extra: str) -> dict[str, str]:
    return {"PARKBOT_DATA_DIR": str(data), "PARKBOT_PUBLIC_URL": PUBLIC, "TWILIO_ACCOUNT_SID": twilio.account_sid,
            "TWILIO_AUTH_TOKEN": twilio.auth_token, "TWILIO_WHATSAPP_FROM": FROM,
            "TWILIO_API_BASE_URL": twilio.base_url, "PARKBOT_LEASE_SECONDS": "2", **extra}


def copy_index(bundled: Knowledge, target: Path) -> Path:
    shutil.copytree(bundled.settings.data_dir, target, ignore=shutil.ignore_patterns("*.db*"))
    return target


def send(twilio: FakeTwilio, server: ServeProcess, sender: str, body: str, sid: str | None = None) -> int:
    return twilio.send_inbound(f"{server.base}/webhooks/twilio", body, from_=sender, message_sid=sid,
                               signed_url=f"{PUBLIC}/webhooks/twilio")[0]


def to(recipient: str, delivered: bool = True) -> object:
    return lambda c: (c.method == "messages.create" and c.params.get("To") == recipient
                      and (c.status == 201 or not delivered))


def answers(twilio: FakeTwilio, recipient: str, count: int = 1, timeout: float = 60) -> list[Call]:
    return twilio.wait_for(to(recipient), count, timeout=timeout)


def test_killing_the_app_right_after_acknowledging_loses_nothing(bundled: Knowledge, tmp_path: Path) -> None:
    with FakeTwilio() as twilio:
        # a long burst window: the first message is acknowledged and then waits for more
        env = env_for(twilio, copy_index(bundled, tmp_path / "var"), PARKBOT_BURST_SECONDS="5")
        server = ServeProcess(env, tmp_path / "serve.log").start()
        waiting, failing = f"whatsapp:+92301{uuid.uuid4().int % 10**7:07d}", "whatsapp:+923020000001"
        try:
            assert send(twilio, server, waiting, "salam") == 200
            # the second answer is composed and stored, but Twilio keeps failing to take it
            twilio.fail_next("messages.create", 1000, status=503)
            assert send(twilio, server, failing, "Is there a women-only software park in Bagh?") == 200
            twilio.wait_for(to(failing, delivered=False), timeout=30)
            server.kill()
        finally:
            server.stop()
        assert twilio.calls(to(waiting, delivered=False)) == []
        assert twilio.calls(to(failing)) == []
        twilio.clear_failures()  # Twilio is back
        restarted = ServeProcess(env, tmp_path / "serve.log").start()
        try:
            greeting = answers(twilio, waiting)[0].params["Body"]
            bagh = answers(twilio, failing)[0].params["Body"]
            time.sleep(2.0)
            assert len(twilio.calls(to(waiting))) == 1 and len(twilio.calls(to(failing))) == 1
        finally:
            restarted.stop()
        assert "parkbot" in greeting and "Bagh" in bagh


def test_two_app_processes_on_one_database_answer_once_and_in_order(
        bundled: Knowledge, tmp_path: Path, postgres_url: str) -> None:
    with FakeTwilio() as twilio:
        servers = [ServeProcess(env_for(twilio, copy_index(bundled, tmp_path / f"var{n}"),
                                        PARKBOT_DATABASE_URL=postgres_url), tmp_path / f"serve{n}.log")
                   for n in range(2)]
        for server in servers:
            server.start()
        try:
            sender, sid = "whatsapp:+923030000001", "SM" + uuid.uuid4().hex
            statuses: list[int] = []
            threads = [threading.Thread(target=lambda s=server: statuses.append(
                send(twilio, s, sender, "How big is Karachi IT Park?", sid))) for server in servers * 3]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert statuses == [200] * 6
            assert "186" in answers(twilio, sender)[0].params["Body"]

            other = "whatsapp:+923030000002"
            questions = [("Which parks are in Sindh?", "Sindh"),
                         ("Is there a women-only software park in Bagh?", "Bagh"),
                         ("How big is Karachi IT Park?", "186")]
            for n, (question, _) in enumerate(questions):  # alternate between the processes
                assert send(twilio, servers[n % 2], other, question) == 200
            bodies = [c.params["Body"] for c in answers(twilio, other, 3)]
            assert [m in b for (_, m), b in zip(questions, bodies, strict=True)] == [True] * 3
            time.sleep(2.0)
            assert len(twilio.calls(to(sender))) == 1 and len(twilio.calls(to(other))) == 3
        finally:
            for server in servers:
                server.stop()
