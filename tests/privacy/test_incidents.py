"""The register of confidentiality incidents: an admin records an incident with every field the
Regulation asks for, edits it (each save kept in the history, field by field), and exports the
register as CSV in French or English; bad input is refused with the fields named; others may
not see it; everything typed is shown as text."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from markupsafe import escape

from assistant.core.i18n import t
from assistant.privacy.incidents import (
    IncidentInvalid,
    IncidentRegister,
    incidents_csv,
    parse_fields,
)
from assistant.services import Services
from tests.privacy.conftest import StaffClient

INCIDENTS = "/staff/privacy/incidents"
FORM = {
    "occurred_on": "2026-11-20",
    "discovered_on": "2026-11-21",
    "description": "Un courriel de dossier envoyé à la mauvaise adresse.",
    "information": "Nom, courriel et organisation d'un visiteur.",
    "people_count": "1",
    "risk_assessment": "Destinataire connu, courriel supprimé : risque faible.",
    "commission_notified_on": "",
    "people_notified_on": "2026-11-22",
    "measures": "Destinataire joint, suppression confirmée par écrit.",
}


def test_a_form_becomes_an_incident_and_bad_fields_are_named():
    fields = parse_fields({**FORM, "serious_injury_risk": "on"})
    assert fields.occurred_on == date(2026, 11, 20) and fields.people_count == 1
    assert fields.serious_injury_risk and fields.commission_notified_on is None
    assert parse_fields({**FORM, "people_count": ""}).people_count is None  # unknown
    with pytest.raises(IncidentInvalid) as refused:
        parse_fields(
            {**FORM, "occurred_on": "20/11/2026", "description": " ", "people_count": "-3"}
        )
    assert refused.value.problems == [
        "privacy.incident.invalid.occurred_on",
        "privacy.incident.invalid.description",
        "privacy.incident.invalid.people_count",
    ]


async def test_an_admin_records_edits_and_sees_the_history(admin: StaffClient):
    created = await admin.submit(INCIDENTS, FORM)
    assert created.status_code == 303
    page_url = created.headers["location"].split("?")[0]
    assert created.headers["location"].endswith("?notice=recorded")
    page = (await admin.get(created.headers["location"])).text
    assert escape(t("privacy.incident.notice.recorded", "fr")) in page
    assert escape(FORM["description"]) in page and 'value="2026-11-22"' in page

    edited = await admin.submit(
        page_url, {**FORM, "commission_notified_on": "2026-11-25", "serious_injury_risk": "on"}
    )
    assert edited.headers["location"].endswith("?notice=saved")
    again = await admin.submit(
        page_url, {**FORM, "commission_notified_on": "2026-11-25", "serious_injury_risk": "on"}
    )
    assert again.headers["location"].endswith("?notice=unchanged")

    page = (await admin.get(page_url)).text
    history = page[page.index('id="incident-history"') :]
    assert history.count("Adèle Admin") == 2  # the record and one change, not the no-op
    newest = history[: history.index("<h3>", history.index("<h3>") + 1)]
    assert escape(t("privacy.incident.field.commission_notified_on", "fr")) in newest
    assert "2026-11-25" in newest and ">Oui<" in newest and ">Non<" in newest
    assert escape(t("privacy.incident.field.description", "fr")) not in newest

    listing = (await admin.get(INCIDENTS)).text
    assert "Incident n° 1" in listing and "2026-11-25" in listing


async def test_an_invalid_form_is_refused_with_the_fields_named_and_kept(admin: StaffClient):
    refused = await admin.submit(INCIDENTS, {**FORM, "occurred_on": "", "people_count": "beaucoup"})
    assert refused.status_code == 422
    assert escape(t("privacy.incident.invalid.occurred_on", "fr")) in refused.text
    assert escape(t("privacy.incident.invalid.people_count", "fr")) in refused.text
    assert 'value="beaucoup"' in refused.text and escape(FORM["measures"]) in refused.text
    assert 'id="incidents-empty"' in (await admin.get(INCIDENTS)).text


async def test_the_register_exports_as_csv_in_the_console_language(
    services: Services, admin: StaffClient
):
    await admin.submit(INCIDENTS, {**FORM, "description": '=HYPERLINK("http://x")'})
    await admin.submit(INCIDENTS, {**FORM, "occurred_on": "2026-10-01", "people_count": ""})

    response = await admin.get(f"{INCIDENTS}.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "Date de l'incident", "Date où l'organisme en a eu connaissance"]
    assert len(rows) == 3 and rows[1][1] == "2026-11-20" and rows[2][1] == "2026-10-01"
    assert rows[1][3] == '\'=HYPERLINK("http://x")'  # never a formula in a spreadsheet
    assert rows[2][5] == "" and rows[1][7] == "Non"

    english = incidents_csv(await IncidentRegister(services.sessions).all(), "en")
    assert english.startswith("\ufeffid,Date of the incident,") and ",No," in english


async def test_only_admins_reach_the_register(agent: StaffClient, admin: StaffClient):
    for path in (INCIDENTS, f"{INCIDENTS}/new", f"{INCIDENTS}.csv"):
        assert (await agent.get(path)).status_code == 403, path
    assert (await agent.submit(INCIDENTS, FORM)).status_code == 403
    no_token = await admin.http.post(INCIDENTS, data=FORM)
    assert no_token.status_code == 403
    assert (await admin.get(f"{INCIDENTS}/999")).status_code == 404


async def test_what_admins_type_is_shown_as_text(admin: StaffClient):
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    created = await admin.submit(INCIDENTS, {**FORM, "description": payload, "measures": payload})
    page = (await admin.get(created.headers["location"])).text
    listing = (await admin.get(INCIDENTS)).text
    for html in (page, listing):
        assert payload not in html and str(escape(payload)) in html


async def test_the_pages_are_in_english_too(admin: StaffClient):
    new = (await admin.get(f"{INCIDENTS}/new", params={"lang": "en"})).text
    assert "Record an incident" in new and "Assessment of the risk of serious injury" in new
    assert "Notice to the Commission d&#39;accès à l&#39;information (date)" in new
