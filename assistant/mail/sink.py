"""The development SMTP sink: an aiosmtpd server on loopback that keeps every email it
receives as an ``.eml`` file in ``mail_sink_dir`` (nothing is relayed anywhere).

Run it alone with ``python -m assistant.mail.sink`` (Ctrl-C stops it). ``read_sink`` lists the
stored emails for a staff page. A re-sent email (at-least-once delivery) is stored again under
the same Message-ID hash; readers deduplicate on ``message_id``.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import tempfile
import threading
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from assistant.core.config import Settings, get_settings
from assistant.core.log_privacy import never_log_values

SINK_HOST = "127.0.0.1"


class SinkHandler:
    """aiosmtpd handler: every message accepted is written to ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        content = envelope.content
        data = content if isinstance(content, bytes) else (content or "").encode()
        save_message(self.directory, data)
        return "250 Message accepted for delivery"


def save_message(directory: Path, content: bytes) -> Path:
    """Write atomically (temporary file, then rename): readers never see half an email."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / _file_name(content)
    with tempfile.NamedTemporaryFile(dir=directory, prefix=".", suffix=".tmp", delete=False) as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())
    os.replace(f.name, path)
    return path


def _file_name(content: bytes) -> str:
    """Reception time (sorts chronologically) and a hash of the Message-ID."""
    headers = BytesParser(policy=policy.default).parsebytes(content, headersonly=True)
    key = str(headers.get("Message-ID", "")).strip().encode() or content
    digest = hashlib.sha256(key).hexdigest()[:16]
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{digest}.eml"


def read_sink(directory: Path, limit: int | None = None) -> list[dict[str, str]]:
    """The stored emails, newest first (at most ``limit``): message_id, from, to, subject,
    date, body and file (the .eml file's name in ``directory``)."""
    if not directory.is_dir():
        return []
    emails = []
    for path in sorted(directory.glob("*.eml"), reverse=True)[:limit]:
        try:
            emails.append(_summary(path))
        except OSError:  # removed while we listed the directory
            continue
    return emails


def _summary(path: Path) -> dict[str, str]:
    message: Any = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    body = message.get_body(preferencelist=("plain",))
    return {
        "message_id": str(message.get("Message-ID", "")),
        "from": str(message.get("From", "")),
        "to": str(message.get("To", "")),
        "subject": str(message.get("Subject", "")).strip(),  # may be folded after the colon
        "date": str(message.get("Date", "")),
        "body": body.get_content() if body is not None else "",
        "file": path.name,
    }


def sink_controller(settings: Settings) -> Controller:
    """The (not yet started) server on loopback, port ``smtp_port``."""
    never_log_values()  # aiosmtpd logs each line of a message at DEBUG
    return Controller(
        SinkHandler(settings.mail_sink_dir), hostname=SINK_HOST, port=settings.smtp_port
    )


def main() -> int:
    settings = get_settings()
    controller = sink_controller(settings)
    try:
        controller.start()
    except OSError as error:
        print(
            f"Mail sink: cannot listen on {SINK_HOST}:{settings.smtp_port}: {error}",
            file=sys.stderr,
        )
        return 1
    print(
        f"Development mail sink on {SINK_HOST}:{settings.smtp_port}: emails are saved in "
        f"{settings.mail_sink_dir}/ (Ctrl-C to stop).",
        flush=True,
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
