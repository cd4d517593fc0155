"""Issue 12's acceptance test: a whole escalation with a unique name and email — KB answer and
feedback, the form, the case with its consent, a staff note, the emails delivered over SMTP to
the real development sink's files, a second conversation where the email was typed, both
conversations' Rasa tracker events in the tracker store's SQLite file — then an admin finds,
exports and deletes everything from the console: the database file (with its write-ahead log),
the tracker database and the ``var/`` directory hold zero traces of the name or the email."""

from __future__ import annotations

import json
import secrets
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from assistant.core.config import Settings
from assistant.db.consent_models import ConsentRecord
from assistant.db.rights_models import RightsAudit
from assistant.launcher import free_port
from assistant.mail.sink import sink_controller
from assistant.mail.worker import OutboxWorker
from assistant.privacy.rasa_trackers import sqlite_file
from assistant.services import Services
from assistant.web.app import create_app
from tests.db_dump import dump
from tests.privacy.conftest import ScriptedRasa, bot, escalate
from tests.privacy.rasa_store import form_events, write_events
from tests.staff.conftest import Clients, add_staff


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    """The app's var/ inside the test's directory, with the real development mail sink."""
    return settings.model_copy(
        update={"mail_sink_dir": tmp_path / "var" / "mail", "smtp_port": free_port()}
    )


def traces(root: Path, needles: list[str]) -> list[str]:
    """Every file under ``root`` holding one of ``needles`` (as bytes, any case, JSON-escaped
    or not)."""
    forms = {form for n in needles for form in (n, n.lower(), json.dumps(n)[1:-1])}
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            hits += [f"{path.name}: {n}" for n in forms if n.lower().encode() in data]
    return hits


async def test_an_admin_deletes_everything_about_a_person_and_no_trace_is_left(
    services: Services, settings: Settings, tmp_path: Path
):
    unique = secrets.token_hex(4)
    name, email = f"Quillon Varnebeck{unique}", f"quillon.{unique}@example.org"
    rasa = ScriptedRasa()
    services.chat._rasa = rasa  # type: ignore[assignment]
    app = create_app(services)
    sink = sink_controller(settings)
    sink.start()
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as visitor:
            done = await escalate(services, visitor, rasa, name=name, email=email)
            vote = {
                "conversation_id": done.conversation_id,
                "kb_entry": "congress-centre",
                "value": "down",
            }
            assert (await visitor.post("/api/feedback", json=vote)).status_code in (200, 204)
            rasa.reply = bot("Merci.", "fr", "smalltalk")
            other = {"text": f"Mon courriel est {email}, merci", "language": "fr"}
            typed = await visitor.post("/api/chat", json=other)
            assert typed.status_code == 200
        worker = OutboxWorker(services.sessions, settings)
        while await worker.run_once():
            pass
    finally:
        sink.stop()
    mail_files = list((tmp_path / "var" / "mail").glob("*.eml"))
    assert len(mail_files) == 2  # to the Bureau, and the visitor's copy
    admin = await add_staff(services, "admin@ville.quebec.qc.ca", role="admin")
    await services.cases.add_note(done.case.id, admin.id, f"Rappeler {name} demain.")
    async with services.sessions() as session:
        consent = (await session.execute(select(ConsentRecord))).scalar_one()
    assert (consent.case_id, consent.answer, consent.language) == (done.case.id, "given", "fr")
    # what the real Rasa keeps of both conversations in its tracker store
    write_events(settings.rasa_tracker_url, done.conversation_id, form_events(name, email))
    write_events(
        settings.rasa_tracker_url,
        typed.json()["conversation_id"],
        [{"event": "user", "text": other["text"]}],
    )
    trackers = sqlite_file(settings.rasa_tracker_url)
    assert trackers is not None and trackers.is_relative_to(tmp_path)
    database = tmp_path / "test.sqlite3"
    assert traces(tmp_path, [name, email])  # the bench really stored them

    async with AsyncExitStack() as stack:
        console = await Clients(app, stack).sign_in(admin)
        found = await console.submit("/staff/privacy/search", {"email": email.upper()})
        assert found.status_code == 200
        assert done.case.reference in found.text
        exported = await console.submit(
            "/staff/privacy/export", {"email": email, "reason": "access_request", "format": "json"}
        )
        data = exported.json()
        assert [c["name"] for c in data["cases"]] == [name]
        assert len(data["conversations"]) == 2 and len(data["rasa_trackers"]) == 2
        assert sorted(data["mail_files"]) == sorted(p.name for p in mail_files)
        deleted = await console.submit(
            "/staff/privacy/delete",
            {"email": email, "reason": "deletion_request", "confirm": "yes"},
        )
        assert deleted.headers["location"] == "/staff/privacy?notice=deleted"
        again = await console.submit("/staff/privacy/search", {"email": email})
        assert 'id="nothing-held"' in again.text

    assert trackers.exists()
    if settings.database_url.startswith("sqlite"):
        assert database.exists()  # its bytes, free pages and WAL included, are searched below
    else:  # PostgreSQL's files are the server's: every row it still holds is searched
        held = dump(settings.database_url).lower()
        assert [n for n in (name, email, done.case.reference) if n.lower() in held] == []
    assert traces(tmp_path, [name, email, done.case.reference]) == []
    async with services.sessions() as session:
        audits = list((await session.execute(select(RightsAudit))).scalars())
        consents = (await session.execute(select(func.count(ConsentRecord.id)))).scalar_one()
    assert [(a.action, a.searched_by, a.reason) for a in audits] == [
        ("export", "email", "access_request"),
        ("delete", "email", "deletion_request"),
    ]
    assert audits[1].staff_id == admin.id and audits[1].what["cases"] == 1
    assert audits[1].what["conversations"] == 2 and audits[1].what["mail_files"] == 2
    assert audits[1].what["rasa_trackers"] == 2
    assert consents == 0
