from __future__ import annotations

import os
import re
import signal
import smtplib
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.core.config import Settings
from assistant.db.models import OutboxEmail
from assistant.launcher import free_port
from assistant.mail.message import build_message
from assistant.mail.sink import read_sink, sink_controller

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return settings.model_copy(
        update={
            "smtp_port": free_port(),
            "mail_sink_dir": tmp_path / "mail",
            "outbox_worker": False,
        }
    )


@pytest.fixture
def sink(settings: Settings):
    controller = sink_controller(settings)
    controller.start()
    yield settings.mail_sink_dir
    controller.stop()


def _send(
    settings: Settings, number: int, subject: str = "Nouvelle demande — Ville jumelée"
) -> OutboxEmail:
    email = OutboxEmail(
        message_id=f"<sink{number}@assistant.ville.quebec.qc.ca>",
        to_address="international@ville.quebec.qc.ca",
        subject=f"[BRI-2026-ABCDE{number}] {subject}",
        body=f"Demande n° {number}\nÀ traiter.\n",
    )
    with smtplib.SMTP("127.0.0.1", settings.smtp_port, timeout=5) as smtp:
        smtp.send_message(build_message(email, settings))
    return email


def test_the_sink_stores_each_message_and_read_sink_lists_them(sink, settings) -> None:
    first = _send(settings, 1)
    # folded right after "Subject:" (it fits on a line of its own): read back without the space
    second = _send(settings, 2, "Votre demande au Bureau des relations internationales")
    stored = read_sink(sink)
    assert [s["message_id"] for s in stored] == [
        second.message_id,
        first.message_id,
    ]  # newest first
    latest = stored[0]
    assert latest["from"] == settings.mail_from
    assert latest["to"] == "international@ville.quebec.qc.ca"
    assert latest["subject"] == second.subject
    assert latest["date"]
    assert latest["body"].replace("\r\n", "\n") == "Demande n° 2\nÀ traiter.\n"
    names = sorted(p.name for p in sink.iterdir())
    assert all(re.fullmatch(r"\d{8}T\d{12}Z-[0-9a-f]{16}\.eml", n) for n in names)  # no temp files
    assert [s["file"] for s in stored] == names[::-1]
    assert [s["message_id"] for s in read_sink(sink, limit=1)] == [second.message_id]


def test_a_resent_message_is_kept_under_the_same_message_id_hash(sink, settings) -> None:
    _send(settings, 1)
    _send(settings, 1)
    stored = read_sink(sink)
    assert len(stored) == 2 and stored[0]["message_id"] == stored[1]["message_id"]
    assert len({s["file"].split("-", 1)[1] for s in stored}) == 1


def test_read_sink_of_a_missing_directory_is_empty(tmp_path: Path) -> None:
    assert read_sink(tmp_path / "nothing") == []


def test_the_command_line_runs_the_sink_until_stopped(settings: Settings) -> None:
    env = {
        **os.environ,
        "ASSISTANT_SMTP_PORT": str(settings.smtp_port),
        "ASSISTANT_MAIL_SINK_DIR": str(settings.mail_sink_dir),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant.mail.sink"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        assert f"127.0.0.1:{settings.smtp_port}" in banner and str(settings.mail_sink_dir) in banner
        sent = _send(settings, 7)
        assert [s["message_id"] for s in read_sink(settings.mail_sink_dir)] == [sent.message_id]
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
