"""Rasa's conversations in its tracker store (endpoints.yml): the escalation form survives a
Rasa restart half-way and the case is created; the store holds what Rasa really wrote (the
schema ``assistant/privacy/rasa_trackers.py`` reads); Rasa reads endpoints.yml with the
variables the launcher sets, and starts with a Redis lock store when a redis-server exists."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import time

import httpx
import pytest

from assistant import launcher
from assistant.core.config import PROJECT_ROOT
from assistant.privacy.rasa_trackers import RasaTrackers

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def _reference(text: str) -> str:
    return next(word.strip(".,") for word in text.split() if word.startswith("BRI-"))


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory: pytest.TempPathFactory):
    """A stack of its own: killing its Rasa disturbs no other test's."""
    database = tmp_path_factory.mktemp("restart") / "stack.sqlite3"
    with launcher.local_stack(database, name="test-restart", timeout=900) as running:
        yield running


@pytest.mark.timeout(1800)  # its own stack: a first start embeds the out-of-scope examples
def test_the_escalation_form_resumes_where_it_was_after_rasa_is_killed(own_stack):
    stack = own_stack
    turn = stack.chat("Je voudrais parler à quelqu'un du Bureau des relations internationales")
    conversation = turn["conversation_id"]
    assert (
        turn["outcome"] == "escalate" and "conservés au plus 2 ans" in turn["messages"][-1]["text"]
    )
    for text, expected in [
        ("/affirm", "Qui êtes-vous"),
        ("Investisseur ou entreprise", "nom"),
        ("Ana García", "courriel"),
    ]:
        turn = stack.chat(text, conversation)
        assert turn["outcome"] == "form" and expected in turn["messages"][-1]["text"], turn

    events = asyncio.run(RasaTrackers(stack.tracker_url).events_of([conversation]))
    slots = {e.data.get("name"): e.data.get("value") for e in events if e.type_name == "slot"}
    assert slots["contact_name"] == "Ana García" and slots["requested_slot"] == "contact_email"

    stack.restart_rasa()  # SIGKILL: nothing is saved on the way out

    steps = [
        ("ana.garcia@example.es", "organisation"),  # the form asks for what comes next
        ("Biomédica Sevilla", "pays"),
        ("Espagne", "secteur"),
        ("technologies médicales", "étape"),
        ("Choix du site", "Décrivez"),
        ("Nous cherchons un site pour un bureau de 20 personnes.", "Voici ce que je vais"),
    ]
    for text, expected in steps:
        turn = stack.chat(text, conversation)
        assert turn["outcome"] == "form", (text, turn)
        assert expected in turn["messages"][-1]["text"], (text, turn["messages"])
    assert "Ana García" in turn["messages"][-1]["text"]  # given before the restart
    turn = stack.chat("/affirm", conversation)
    assert turn["outcome"] == "escalate"
    reference = _reference(turn["messages"][-1]["text"])
    [brief] = [
        m
        for m in stack.wait_for_mail(reference, timeout=20)
        if m["To"] == "international@ville.quebec.qc.ca"
    ]
    body = brief.get_body(("plain",)).get_content()
    assert "Ana García" in body and "ana.garcia@example.es" in body


def _rasa_reads(variables: dict[str, str], store: str) -> dict[str, object]:
    """The endpoint config Rasa itself reads from endpoints.yml with these variables."""
    code = (
        "import json,sys\n"
        "from rasa.utils.endpoints import read_endpoint_config\n"
        f"c = read_endpoint_config('endpoints.yml', {store!r})\n"
        "print(json.dumps({'type': c.type, 'url': c.url, **c.kwargs}))\n"
    )
    result = subprocess.run(
        [str(launcher.RASA_VENV / "bin" / "python"), "-c", code],
        cwd=PROJECT_ROOT,
        env=launcher.rasa_env(**variables),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_rasa_reads_the_stores_the_launcher_configures(tmp_path):
    sqlite = launcher.rasa_store_env(f"sqlite:///{tmp_path / 'rasa' / 'trackers.db'}")
    tracker = _rasa_reads(sqlite, "tracker_store")
    assert (tracker["type"], tracker["url"]) == ("SQL", f"sqlite:///{tmp_path}/rasa/trackers.db")
    assert _rasa_reads(sqlite, "lock_store")["type"] == "in_memory"
    redis = launcher.rasa_store_env("postgresql://rasa:pw@db:5432/rasa", "redis://:s3@cache:6380/2")
    lock = _rasa_reads(redis, "lock_store")
    assert (lock["type"], lock["url"], lock["port"], lock["db"]) == ("redis", "cache", "6380", "2")
    assert lock["password"] == "s3"
    assert _rasa_reads(redis, "tracker_store")["url"] == "postgresql://rasa:pw@db:5432/rasa"


def _redis_info(port: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(b"INFO commandstats\r\n")
        time.sleep(0.3)
        return connection.recv(65536)


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="no redis-server binary")
def test_rasa_takes_its_conversation_locks_in_redis(tmp_path):
    port = launcher.free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    rasa_port = launcher.free_port()
    rasa = launcher.start_rasa(
        launcher.ensure_model(quiet=True),
        port=rasa_port,
        actions_url="http://127.0.0.1:9/webhook",  # no action server: the lock comes first
        token="unused",
        tracker_url=f"sqlite:///{tmp_path / 'trackers.db'}",
        redis_url=f"redis://127.0.0.1:{port}/0",
        log_name="test-rasa-redis",
    )
    try:
        launcher.wait_until(f"http://127.0.0.1:{rasa_port}/", rasa, "Rasa", 300)
        httpx.post(
            f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
            json={"sender": "redis-check", "message": "bonjour"},
            timeout=60,
        )
        assert b"cmdstat_get" in _redis_info(port)  # Rasa looked up the conversation's lock
        assert (tmp_path / "trackers.db").exists()
    finally:
        launcher.stop([rasa, redis])
