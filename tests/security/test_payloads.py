"""ASVS V5.1.3: the payload allow-list decides on what Rasa will read. Rasa strips a message
(every Unicode space) and reads it as "/intent{entities}" when it then starts with "/"; a
disguised payload must reach it as plain text, through the real chat route."""

from __future__ import annotations

import pytest

DISGUISED = [
    " /official_request",
    "  /official_request  ",
    "\u00a0/contact_bureau",
    "\u200b/official_request",
    "\ufeff/official_request",
    "\u2060/official_request",
    "\u3000/official_request",
    "\u2003/contact_bureau",
    "\t/official_request",
    "\n/official_request",
    "\r\n/contact_bureau",
    "\u2028/official_request",
    "\uff0fofficial_request",  # fullwidth solidus
    "\u00a0\uff0fcontact_bureau",
    ' /official_request{"kb_entry":"bureau-contact"}',
    " //official_request",
    " / /contact_bureau",
    "\u200b\u00a0 /affirm",
]
# Refused outright: they start with "/" but are no button's exact payload.
NOT_OURS = [
    "/official_request",
    '/official_request{"kb_entry":"bureau-contact"}',
    "/contact_bureau\n",
    "/contact_bureau ",
    "/contact_bureau\u200b",
    '/contact_bureau{"email":"x@example.com"}',
]


def _rasa_reads_a_payload(text: str) -> bool:
    """What Rasa 3.6 does: UserMessage strips the text, then "/" starts a payload."""
    return text.strip().startswith("/")


@pytest.mark.parametrize("text", DISGUISED)
async def test_v5_1_3_a_disguised_payload_reaches_rasa_as_plain_text(client, fake_rasa, text):
    response = await client.post("/api/chat", json={"text": text})
    assert response.status_code == 200, response.text
    [(_, sent, _)] = fake_rasa.calls
    assert not _rasa_reads_a_payload(sent)
    assert "/" not in sent.split("{")[0]


@pytest.mark.parametrize("text", NOT_OURS)
async def test_v5_1_3_a_payload_no_button_sends_is_refused_before_rasa(client, fake_rasa, text):
    response = await client.post("/api/chat", json={"text": text})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_payload"
    assert fake_rasa.calls == []


@pytest.mark.parametrize(
    "payload", ["/contact_bureau", "/affirm", '/talent{"kb_entry":"talent-work-permit"}']
)
async def test_v5_1_3_the_exact_payload_of_a_button_still_reaches_rasa(client, fake_rasa, payload):
    response = await client.post("/api/chat", json={"text": payload})
    assert response.status_code == 200
    assert fake_rasa.calls[0][1] == payload


async def test_v5_1_3_a_message_that_is_only_slashes_and_spaces_is_refused(client, fake_rasa):
    response = await client.post("/api/chat", json={"text": "\u00a0/ //"})
    assert response.status_code == 400
    assert fake_rasa.calls == []
