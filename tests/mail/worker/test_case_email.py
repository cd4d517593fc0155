"""The case email as the Bureau's mailbox receives it (real SQLite, real chat turns through the
chat service, a real SMTP server): staff answer it with Reply (Reply-To is the visitor), the
transcript shows the buttons the visitor clicked by their titles, the HTML alternative escapes
what the visitor typed, and no subject starts with a space."""

from __future__ import annotations

from sqlalchemy import func, select

from assistant.cases.retention import purge_expired
from assistant.cases.service import NewCase
from assistant.chat.schemas import ChatRequest
from assistant.core.config import Settings
from assistant.db.models import OutboxEmailExtra
from assistant.services import Services
from tests.mail.worker.conftest import VISITOR, _set_all

SCRIPT = "<script>alert('x')</script>"
CONSENT_TURN = [
    {
        "recipient_id": "x",
        "text": "Acceptez-vous que le Bureau reçoive vos coordonnées?",
        "buttons": [
            {"title": "J'accepte", "payload": "/affirm"},
            {"title": "Je refuse", "payload": "/deny"},
        ],
    },
    {"recipient_id": "x", "custom": {"outcome": "form", "language": "fr"}},
]
NAME_TURN = [
    {"recipient_id": "x", "text": "Quel est votre nom?"},
    {"recipient_id": "x", "custom": {"outcome": "form", "language": "fr"}},
]


async def _conversation_with_a_click(services: Services, fake_rasa) -> str:
    fake_rasa.reply = CONSENT_TURN
    first = await services.chat.handle(
        ChatRequest(text=f"Je veux parler au Bureau {SCRIPT}", language="fr")
    )
    fake_rasa.reply = NAME_TURN
    await services.chat.handle(ChatRequest(text="/affirm", conversation_id=first.conversation_id))
    return first.conversation_id


def _raw_subject(content: bytes) -> bytes:
    head = content.partition(b"\r\n\r\n")[0]
    return next(line for line in head.split(b"\r\n") if line.startswith(b"Subject:"))


async def test_staff_reply_to_the_visitor_and_read_what_they_clicked(
    services: Services, fake_rasa, cases, worker, mailbox, settings: Settings
):
    conversation_id = await _conversation_with_a_click(services, fake_rasa)
    case = await cases.create(
        NewCase(
            conversation_id=conversation_id,
            language="fr",
            audience="talent",
            name=SCRIPT,
            email=VISITOR,
            summary=f"Ma demande {SCRIPT} & <b>gras</b>",
            fields={"field_of_work": "soins infirmiers", "immigration_status": "permis"},
        )
    )
    assert await worker.run_once() == 2
    received = {r.rcpt_tos[0]: r.message for r in mailbox.received}
    bureau, copy = received[settings.bureau_email], received[VISITOR]

    assert bureau["Reply-To"] == VISITOR  # Reply in any mail client writes to the visitor
    assert copy["Reply-To"] == settings.bureau_email  # the visitor's reply reaches the Bureau
    assert bureau.get_content_type() == "multipart/alternative"
    plain, rich = (part.get_content_type() for part in bureau.iter_parts())
    assert (plain, rich) == ("text/plain", "text/html")

    text = bureau.get_body(("plain",)).get_content()
    assert "Visiteur / Visitor: [J'accepte]" in text and "/affirm" not in text
    assert "Domaine de travail ou d'études / Field of work or study" in text
    assert "field_of_work" not in text
    assert SCRIPT in text  # plain text shows what was typed

    page = bureau.get_body(("html",)).get_content()
    assert "<script" not in page and "<b>gras</b>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "&lt;b&gt;gras&lt;/b&gt;" in page
    assert "[J&#39;accepte]" in page and "/affirm" not in page
    assert f"[{case.reference}]" in page

    for delivered in mailbox.received:  # as read on the wire: no space before the reference
        assert _raw_subject(delivered.content).startswith(b"Subject: ")
        assert str(delivered.message["Subject"]).startswith(f"[{case.reference}] ")


async def test_an_address_no_header_may_carry_still_reaches_the_bureau_without_reply_to(
    services: Services, cases, worker, mailbox, settings: Settings
):
    await cases.create(
        NewCase(conversation_id=None, language="en", email="ana..garcia@example.es", name="Ana")
    )
    assert await worker.run_once() >= 1
    bureau = next(r.message for r in mailbox.received if r.rcpt_tos == [settings.bureau_email])
    assert bureau["Reply-To"] is None
    assert "The visitor left no usable email address." in bureau.get_body(("plain",)).get_content()


async def test_the_retention_purge_removes_the_reply_to_and_html_with_their_email(
    services: Services, cases, worker, mailbox
):
    await cases.create(NewCase(conversation_id=None, language="fr", email=VISITOR, name="Ana"))
    await worker.run_once()
    async with services.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(OutboxEmailExtra)) == 2
    await _set_all(services, status="sent")
    report = await purge_expired(services.sessions, retention_days=0)
    assert report.emails == 2
    async with services.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(OutboxEmailExtra)) == 0
