"""The privacy notice: served in French (/confidentialite) and English (/privacy) with the
person in charge, purposes, recipients, the real periods from Settings and the person's rights;
linked from the consent step (with the same periods) and from the widget."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape
from rasa_sdk.executor import CollectingDispatcher

from actions.escalation import ActionAskConsent
from assistant.privacy.notice import consent_link, duration, notice_url
from tests.actions.conftest import make_tracker

WIDGET = Path(__file__).resolve().parents[2] / "assistant" / "web" / "static" / "widget"


@pytest.fixture
def settings(settings):
    """A deployment with its own periods and person in charge."""
    return settings.model_copy(
        update={
            "case_retention_days": 365,
            "conversation_retention_days": 30,
            "log_retention_days": 14,
            "privacy_officer_name": "Me Julie Gagnon",
            "privacy_officer_email": "prp@ville.quebec.qc.ca",
        }
    )


async def test_the_french_notice_states_the_real_periods_and_who_is_in_charge(client):
    response = await client.get("/confidentialite")
    assert response.status_code == 200 and '<html lang="fr">' in response.text
    page = response.text
    assert "Me Julie Gagnon" in page and 'href="mailto:prp@ville.quebec.qc.ca"' in page
    for period in ("1 an.", "30 jours après le dernier message", "14 jours."):
        assert escape(period) in page, period
    for heading in ("Pourquoi", "Qui les reçoit", "Combien de temps", "Vos droits"):
        assert heading in page
    assert "Commission d" in page and 'href="/privacy"' in page
    assert response.headers["content-security-policy"].startswith("default-src")


async def test_the_english_notice_says_the_same(client):
    page = (await client.get("/privacy")).text
    assert '<html lang="en">' in page and "Privacy notice of the international assistant" in page
    assert "1 year." in page and "30 days after its last message" in page and "14 days." in page
    assert "Your rights" in page and "prp@ville.quebec.qc.ca" in page
    assert 'href="/confidentialite"' in page


def test_periods_read_naturally_in_both_languages():
    assert [duration(d, "fr") for d in (730, 365, 90, 1)] == ["2 ans", "1 an", "90 jours", "1 jour"]
    assert [duration(d, "en") for d in (730, 400, 1)] == ["2 years", "400 days", "1 day"]
    assert notice_url("https://bri.example/", "en") == "https://bri.example/privacy"
    assert notice_url("https://bri.example", "fr") == "https://bri.example/confidentialite"


@pytest.mark.parametrize(
    ("language", "period", "url"),
    [
        ("fr", "90 jours", "https://bri.example/confidentialite"),
        ("en", "90 days", "https://bri.example/privacy"),
    ],
)
async def test_the_consent_step_states_the_period_and_links_the_notice(language, period, url):
    dispatcher = CollectingDispatcher()
    await ActionAskConsent(90, "https://bri.example").run(
        dispatcher, make_tracker("", language=language), {}
    )
    [message] = dispatcher.messages
    assert period in message["text"] and message["text"].endswith(url)
    assert consent_link("https://bri.example", language) in message["text"]


def test_the_widget_links_the_notice_in_the_interface_language():
    script = (WIDGET / "widget.js").read_text(encoding="utf-8")
    assert 'privacyPath: "confidentialite"' in script and 'privacyPath: "privacy"' in script
    assert 'class: "tool privacy", target: "_blank", rel: "noopener"' in script
