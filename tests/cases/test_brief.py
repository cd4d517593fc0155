from __future__ import annotations

from assistant.cases.brief import brief_lines
from assistant.cases.intake import AUDIENCE_SLOTS
from assistant.db.models import Case


def talent_case() -> Case:
    return Case(
        reference="QC-2026-0001",
        audience="talent",
        reason="visitor_request",
        language="en",
        name="Ana",
        email="ana@example.org",
        organisation=None,
        country="Brazil",
        fields={"field_of_work": "nursing", "immigration_status": "work permit"},
        summary="Can my diploma be recognised?",
    )


def test_the_brief_labels_every_form_field_in_both_languages():
    lines = dict(brief_lines(talent_case()))
    assert lines["Domaine de travail ou d'études / Field of work or study"] == "nursing"
    assert lines["Situation actuelle / Current situation"] == "work permit"
    assert "field_of_work" not in lines and "immigration_status" not in lines


def test_every_field_the_form_can_ask_has_a_label():
    slots = {slot for fields in AUDIENCE_SLOTS.values() for slot in fields}
    case = talent_case()
    case.fields = {slot: "x" for slot in slots}
    labels = [label for label, _ in brief_lines(case)]
    assert not slots & set(labels)
