from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.escalation import (
    ActionAskConsent,
    ActionAskEscalationConfirmed,
    ActionAskSlot,
    ActionCancelEscalation,
    ActionSubmitEscalation,
    ValidateEscalationForm,
)
from assistant.db.models import Case, Conversation, OutboxEmail
from tests.actions.conftest import make_tracker

FORM_SLOTS = [
    "consent",
    "audience",
    "contact_name",
    "contact_email",
    "organisation",
    "country",
    "sector",
    "project_stage",
    "event_dates",
    "attendance",
    "field_of_work",
    "immigration_status",
    "cooperation_kind",
    "summary",
    "escalation_confirmed",
]
DOMAIN = {
    "forms": {"escalation_form": {"required_slots": FORM_SLOTS}},
    "slots": {s: {} for s in FORM_SLOTS},
}


def _form_tracker(
    text: str, requested: str, *, intent: str = "inform", language: str = "fr", **slots
):
    """The tracker as Rasa sends it to the validation action: the answer was just extracted."""
    tracker = make_tracker(text, language=language, intent=intent)
    tracker.slots.update({"requested_slot": requested, requested: text, **slots})
    tracker.active_loop = {"name": "escalation_form"}
    tracker.events = [
        {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}},
        {"event": "slot", "name": requested, "value": text},
    ]
    return tracker


def _slots(events):
    """Slot values the action set (the form's own next-question bookkeeping left out)."""
    return {
        e["name"]: e["value"]
        for e in events
        if e["event"] == "slot" and e["name"] != "requested_slot"
    }


async def test_the_notice_names_recipient_purpose_and_retention_before_any_question(dispatcher):
    await ActionAskConsent(730).run(dispatcher, make_tracker("", language="en"), {})
    [message] = dispatcher.messages
    assert "only the Bureau's staff" in message["text"] and "2 years" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["/affirm", "/deny"]
    assert message["custom"] == {"outcome": "escalate", "language": "en"}


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [("/affirm", "affirm", True), ("non", "deny", False), ("oui", "inform", True)],
)
async def test_consent_is_read_from_the_buttons_or_words(dispatcher, text, intent, expected):
    tracker = _form_tracker(text, "consent", intent=intent)
    events = await ValidateEscalationForm().run(dispatcher, tracker, DOMAIN)
    assert _slots(events)["consent"] is expected


async def test_without_consent_the_form_asks_nothing_more(dispatcher):
    tracker = make_tracker("non", intent="deny")
    tracker.slots["consent"] = False
    assert await ValidateEscalationForm().required_slots([], dispatcher, tracker, {}) == []


async def test_required_fields_depend_on_the_audience(dispatcher):
    tracker = make_tracker("x")
    tracker.slots.update({"consent": True, "audience": "event_organizer"})
    slots = await ValidateEscalationForm().required_slots([], dispatcher, tracker, {})
    assert slots == [
        "consent",
        "audience",
        "contact_name",
        "contact_email",
        "organisation",
        "country",
        "event_dates",
        "attendance",
        "summary",
        "escalation_confirmed",
    ]


async def test_an_invalid_email_is_refused_and_the_second_time_the_form_explains_and_offers_to_stop(
    dispatcher,
):
    first = await ValidateEscalationForm().run(
        dispatcher, _form_tracker("pas un courriel", "contact_email"), DOMAIN
    )
    assert _slots(first) == {"contact_email": None, "form_errors": 1}
    assert dispatcher.messages == []
    second = await ValidateEscalationForm().run(
        dispatcher, _form_tracker("toujours pas", "contact_email", form_errors=1), DOMAIN
    )
    assert _slots(second) == {"contact_email": None, "form_errors": 0}
    [help_message] = dispatcher.messages
    assert "adresse courriel valide" in help_message["text"]
    assert help_message["buttons"] == [{"title": "Arrêter", "payload": "/cancel"}]


async def test_a_valid_email_is_kept_and_resets_the_error_count(dispatcher):
    events = await ValidateEscalationForm().run(
        dispatcher, _form_tracker("ana.garcia@example.es", "contact_email", form_errors=1), DOMAIN
    )
    assert _slots(events) == {"contact_email": "ana.garcia@example.es", "form_errors": 0}


async def test_optional_fields_can_be_skipped(dispatcher):
    events = await ValidateEscalationForm().run(
        dispatcher, _form_tracker("passer", "organisation"), DOMAIN
    )
    assert _slots(events)["organisation"] == "—"


async def test_the_audience_comes_from_the_buttons_in_either_language(dispatcher):
    events = await ValidateEscalationForm().run(
        dispatcher, _form_tracker("Event organiser", "audience", language="en"), DOMAIN
    )
    assert _slots(events)["audience"] == "event_organizer"


async def test_a_correction_button_clears_that_field_so_the_form_asks_again(dispatcher):
    tracker = _form_tracker(
        "Corriger : Courriel", "escalation_confirmed", contact_email="old@example.com"
    )
    events = await ValidateEscalationForm().run(dispatcher, tracker, DOMAIN)
    assert _slots(events) == {"contact_email": None, "escalation_confirmed": None, "form_errors": 0}


async def test_the_confirmation_lists_the_answers_with_send_and_correct_buttons(dispatcher):
    tracker = make_tracker("", language="en")
    tracker.slots.update(
        {
            "audience": "investor",
            "contact_name": "Ana García",
            "contact_email": "ana@example.es",
            "organisation": "—",
            "country": "Spain",
            "sector": "medtech",
            "project_stage": "Exploring",
            "summary": "We want to open an office.",
        }
    )
    await ActionAskEscalationConfirmed().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert "Name: Ana García" in message["text"] and "Sector: medtech" in message["text"]
    assert message["buttons"][0] == {"title": "Send", "payload": "/affirm"}
    assert {"title": "Correct: Email", "payload": "Correct: Email"} in message["buttons"]


async def test_field_questions_come_in_the_visitors_language_with_quick_replies(dispatcher):
    await ActionAskSlot("organisation").run(dispatcher, make_tracker("", language="en"), {})
    assert dispatcher.messages[0]["text"] == "Which organisation are you writing for? (optional)"
    assert dispatcher.messages[0]["buttons"] == [{"title": "Skip", "payload": "Skip"}]


async def _confirmed_form(services, message_id: str | None = None):
    """Conversation c1 (its visitor in Madrid) at the form's last step: every answer given."""
    async with services.sessions() as session:
        if await session.get(Conversation, "c1") is None:
            session.add(Conversation(id="c1", language="fr", visitor_timezone="Europe/Madrid"))
            await session.commit()
    tracker = make_tracker("/affirm", intent="affirm")
    if message_id:
        tracker.latest_message["metadata"] = {"client_message_id": message_id}
    tracker.events = [{"event": "user", "parse_data": {"intent": {"name": "official_request"}}}]
    tracker.slots.update(
        {
            "consent": True,
            "audience": "partner_city",
            "contact_name": "Ana\\r\\nGarcía",
            "contact_email": "ana@example.es",
            "organisation": "Ayuntamiento de Sevilla",
            "country": "—",
            "cooperation_kind": "entente",
            "summary": "Nous proposons une entente de coopération.",
            "escalation_confirmed": True,
        }
    )
    return tracker


async def test_submitting_creates_the_case_and_its_emails_then_forgets_the_answers(
    services, dispatcher
):
    tracker = await _confirmed_form(services)
    events = await ActionSubmitEscalation(services.cases).run(dispatcher, tracker, {})
    assert _slots(events)["contact_email"] is None and _slots(events)["consent"] is None
    async with services.sessions() as session:
        case = (await session.execute(select(Case))).scalar_one()
        emails = (
            (await session.execute(select(OutboxEmail).order_by(OutboxEmail.id))).scalars().all()
        )
    assert (case.audience, case.reason, case.country, case.visitor_timezone) == (
        "partner_city",
        "staff_topic",
        None,
        "Europe/Madrid",
    )
    assert case.fields == {"cooperation_kind": "entente"}
    assert [(e.kind, e.to_address) for e in emails] == [
        ("case", "international@ville.quebec.qc.ca"),
        ("acknowledgement", "ana@example.es"),
    ]
    assert case.reference in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["custom"] == {"outcome": "escalate", "language": "fr"}


async def test_a_turn_run_again_gives_the_same_case_and_sends_nothing_twice(services):
    """Rasa killed after the case was written but before it saved its tracker: the chat API
    sends the visitor's message again (same client_message_id) and the form submits again."""
    replies = []
    for _ in range(2):
        dispatcher = CollectingDispatcher()
        await ActionSubmitEscalation(services.cases).run(
            dispatcher, await _confirmed_form(services, "m-7"), {}
        )
        replies.append(dispatcher.messages[0]["text"])
    async with services.sessions() as session:
        case = (await session.execute(select(Case))).scalar_one()
        emails = (await session.execute(select(OutboxEmail))).scalars().all()
    assert replies[0] == replies[1] and case.reference in replies[0]
    assert sorted(e.kind for e in emails) == ["acknowledgement", "case"]

    # another message of the same conversation is another request: another case
    await ActionSubmitEscalation(services.cases).run(
        CollectingDispatcher(), await _confirmed_form(services, "m-9"), {}
    )
    async with services.sessions() as session:
        assert len((await session.execute(select(Case))).scalars().all()) == 2


async def test_without_consent_nothing_is_stored_and_the_public_address_is_given(
    services, dispatcher
):
    tracker = make_tracker("/deny", intent="deny")
    tracker.slots["consent"] = False
    await ActionSubmitEscalation(services.cases).run(dispatcher, tracker, {})
    async with services.sessions() as session:
        assert (await session.execute(select(Case))).first() is None
    assert "international@ville.quebec.qc.ca" in dispatcher.messages[0]["text"]


async def test_cancelling_ends_the_form_and_clears_every_answer(dispatcher):
    events = await ActionCancelEscalation().run(
        dispatcher, make_tracker("annuler", intent="cancel"), {}
    )
    assert events[0] == {"event": "active_loop", "timestamp": None, "name": None}
    assert all(e["value"] in (None, 0) for e in events[1:])
    assert "rien n'a été transmis" in dispatcher.messages[0]["text"]
