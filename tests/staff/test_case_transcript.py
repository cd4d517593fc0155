"""The case page and the case API show what the visitor clicked by the button's title, marked as
a button, and every field of every audience with its French and English label."""

from __future__ import annotations

import pytest
from markupsafe import escape

from assistant.cases.intake import AUDIENCE_SLOTS, shown_slots
from assistant.cases.service import NewCase
from assistant.chat.schemas import ChatRequest
from assistant.core.i18n import STRINGS, t
from assistant.db.models import Message
from assistant.services import Services
from tests.staff.conftest import StaffClient

CONSENT_TURN = [
    {
        "recipient_id": "x",
        "text": "Do you agree?",
        "buttons": [
            {"title": "I agree", "payload": "/affirm"},
            {"title": "I decline", "payload": "/deny"},
        ],
    },
    {"recipient_id": "x", "custom": {"outcome": "form", "language": "en"}},
]


async def test_the_transcript_shows_the_title_of_the_button_clicked(
    services: Services, fake_rasa, agent: StaffClient
):
    fake_rasa.reply = CONSENT_TURN
    first = await services.chat.handle(ChatRequest(text="I need a person", language="en"))
    await services.chat.handle(ChatRequest(text="/affirm", conversation_id=first.conversation_id))
    async with services.sessions() as session, session.begin():  # stored before buttons were
        session.add(
            Message(conversation_id=first.conversation_id, sender="visitor", text="/cancel")
        )
    case = await services.cases.create(
        NewCase(conversation_id=first.conversation_id, language="en", name="Ana")
    )

    page = (await agent.get(f"/staff/cases/{case.id}")).text
    assert '<span class="clicked">I agree</span>' in page
    assert f"({t('transcript.button', 'fr')})" in page
    assert "/affirm" not in page and "/cancel" not in page
    assert '<span class="clicked">Cancel</span>' in page  # a payload no button explains

    detail = (await agent.get(f"/api/staff/cases/{case.id}")).json()
    visitor = [line for line in detail["transcript"] if line["sender"] == "visitor"]
    assert [(line["text"], line["button"]) for line in visitor] == [
        ("I need a person", False),
        ("I agree", True),
        ("Cancel", True),
    ]


@pytest.mark.parametrize("audience", sorted(AUDIENCE_SLOTS))
async def test_the_case_page_labels_every_field_in_french_and_english(
    services: Services, agent: StaffClient, audience: str
):
    fields = {slot: f"valeur-{slot}" for slot in AUDIENCE_SLOTS[audience]}
    case = await services.cases.create(
        NewCase(conversation_id=None, language="fr", audience=audience, name="Ana", fields=fields)
    )
    page = (await agent.get(f"/staff/cases/{case.id}")).text
    for slot in shown_slots(audience):
        fr, en = STRINGS[f"field.{slot}"]["fr"], STRINGS[f"field.{slot}"]["en"]
        label = fr if fr == en else f"{fr} / {en}"
        assert f"<dt>{escape(label)}</dt>" in page, slot
    for slot in AUDIENCE_SLOTS[audience]:
        assert f"<dt>{slot}</dt>" not in page
        assert f"<dd>valeur-{slot}</dd>" in page
