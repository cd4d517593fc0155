"""Issue 12, item 7: a whole escalation — KB answer, the form, the case, both emails delivered
over SMTP, the staff member opening the case — with every logger at DEBUG: the captured logs
hold neither the visitor's name, nor their email, nor the phone number typed in the request."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

import httpx
import pytest

from assistant.core.config import Settings
from assistant.launcher import free_port
from assistant.mail.sink import sink_controller
from assistant.mail.worker import OutboxWorker
from assistant.services import Services
from assistant.web.app import create_app
from tests.privacy.conftest import ScriptedRasa, escalate
from tests.staff.conftest import StaffClient


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return settings.model_copy(
        update={"mail_sink_dir": tmp_path / "var" / "mail", "smtp_port": free_port()}
    )


async def test_an_escalation_logged_at_debug_leaves_no_personal_data_in_the_logs(
    services: Services, settings: Settings, agent: StaffClient, caplog: pytest.LogCaptureFixture
):
    unique = secrets.token_hex(4)
    name, email = f"Ysolde Marchetti{unique}", f"ysolde.{unique}@example.org"
    phone = f"+33 6 12 {unique[:2]} 78 90"
    summary = f"Congrès de 800 personnes en 2027, appelez-moi au {phone}."
    caplog.set_level(logging.DEBUG)  # the root logger and every library under it
    rasa = ScriptedRasa()
    services.chat._rasa = rasa  # type: ignore[assignment]
    sink = sink_controller(settings)
    sink.start()
    try:
        transport = httpx.ASGITransport(app=create_app(services))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as visitor:
            done = await escalate(services, visitor, rasa, name=name, email=email, summary=summary)
        worker = OutboxWorker(services.sessions, settings)
        while await worker.run_once():
            pass
    finally:
        sink.stop()
    assert len(list(Path(settings.mail_sink_dir).glob("*.eml"))) == 2  # both emails sent
    page = await agent.get(f"/staff/cases/{done.case.id}")
    assert page.status_code == 200 and name in page.text  # staff do see it, on the page

    logged = "\n".join(
        f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        for record in caplog.records
    ).lower()
    assert any(r.name.startswith(("assistant", "actions")) for r in caplog.records)  # it logged
    for needle in (name, email, phone, unique + "@"):
        assert needle.lower() not in logged, f"{needle!r} reached the logs"
