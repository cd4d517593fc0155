from __future__ import annotations

import pytest

from assistant.chat.payloads import check_payload
from assistant.core.errors import InvalidPayload


@pytest.mark.parametrize(
    "payload",
    [
        '/talent{"kb_entry":"talent-work-permit"}',
        "/affirm",
        "/contact_bureau",
        '/switch_language{"requested_language":"en"}',
    ],
)
def test_payloads_our_buttons_send_are_accepted(payload):
    check_payload(payload)


@pytest.mark.parametrize(
    "payload",
    [
        "/restart",
        "/session_start",
        '/talent{"language":"en"}',
        '/talent{"kb_entry":"<script>"}',
        '/talent{"kb_entry": 3}',
        "/talent{not json}",
        "/",
    ],
)
def test_other_payloads_are_refused(payload):
    with pytest.raises(InvalidPayload):
        check_payload(payload)
