"""The escalation form's rules, without Rasa: fields asked, answers accepted and refused."""

from __future__ import annotations

import pytest

from assistant.cases import intake

# --- which fields, in which order -------------------------------------------------------------


def test_without_consent_nothing_more_is_asked():
    assert intake.required_slots(False, "investor") == []


@pytest.mark.parametrize("consent", [None, True])
def test_the_fields_depend_on_the_audience(consent):
    assert intake.required_slots(consent, "talent") == [
        "consent",
        "audience",
        "contact_name",
        "contact_email",
        "organisation",
        "country",
        "field_of_work",
        "immigration_status",
        "summary",
        "escalation_confirmed",
    ]


@pytest.mark.parametrize("audience", [None, "other", "media", "unknown"])
def test_an_audience_without_its_own_fields_gets_only_the_common_ones(audience):
    assert intake.required_slots(True, audience) == intake.BASE_SLOTS + intake.FINAL_SLOTS


def test_the_confirmation_shows_contact_details_audience_fields_then_summary():
    assert intake.shown_slots("investor") == [
        "contact_name",
        "contact_email",
        "organisation",
        "country",
        "sector",
        "project_stage",
        "summary",
    ]
    assert intake.shown_slots(None)[-2:] == ["country", "summary"]


def test_every_form_slot_is_asked_once_and_consent_and_confirmation_by_their_own_actions():
    assert len(intake.FORM_SLOTS) == len(set(intake.FORM_SLOTS)) == 15
    assert intake.FORM_SLOTS[0] == "consent" and intake.FORM_SLOTS[-1] == "escalation_confirmed"
    assert set(intake.ASKED_SLOTS) == set(intake.FORM_SLOTS) - {"consent", "escalation_confirmed"}


@pytest.mark.parametrize(
    ("slot", "need"),
    [
        ("consent", "consent"),
        ("audience", "audience"),
        ("contact_name", "contact_name"),
        ("contact_email", "contact_email"),
        ("summary", "summary"),
        ("escalation_confirmed", "escalation_confirmed"),
        ("organisation", "text"),
        ("country", "text"),
        ("sector", "text"),
        ("cooperation_kind", "text"),
    ],
)
def test_a_refused_answer_is_explained_by_its_own_need_or_the_short_text_one(slot, need):
    assert intake.need(slot) == need


# --- yes, no, skip ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["oui", "Oui !", "OUI.", "d'accord", "J'accepte", "ouais", "ok"])
def test_french_yes_words_give_consent(text):
    assert intake.read_consent(text, "inform") is True


@pytest.mark.parametrize("text", ["yes", "Yes!", "I agree", "sure", "yep", "agree"])
def test_english_yes_words_give_consent(text):
    assert intake.read_consent(text, "inform") is True


@pytest.mark.parametrize("text", ["non", "Non.", "je refuse", "refuse", "no", "I decline", "nope"])
def test_no_words_in_either_language_refuse_consent(text):
    assert intake.read_consent(text, "inform") is False


def test_the_buttons_intents_decide_consent_whatever_the_text():
    assert intake.read_consent("/affirm", "affirm") is True
    assert intake.read_consent("/deny", "deny") is False


@pytest.mark.parametrize("value", ["peut-être", "maybe", "", None])
def test_anything_else_is_no_answer_to_consent(value):
    assert intake.read_consent(value, "inform") is None


@pytest.mark.parametrize("text", ["passer", "Skip", "aucune", "Aucun", "none", "N/A", "-", "non"])
def test_optional_fields_can_be_skipped_in_either_language(text):
    assert intake.read_short_text("organisation", text) == intake.SKIPPED
    assert intake.read_short_text("country", text) == intake.SKIPPED


def test_a_required_short_field_cannot_be_skipped():
    assert intake.read_short_text("sector", "passer") == "passer"


# --- audience ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("Investisseur", "investor"),
        ("an investor", "investor"),
        ("Talent (travail, études, immigration)", "talent"),
        ("Student", "talent"),
        ("Organisateur d'événement", "event_organizer"),
        ("Event organiser", "event_organizer"),
        ("Ville partenaire", "partner_city"),
        ("Partner city", "partner_city"),
        ("Médias", "media"),
        ("journalist", "media"),
        ("Autre", "other"),
        ("Other", "other"),
    ],
)
def test_the_audience_is_read_from_buttons_and_words_in_either_language(text, audience):
    assert intake.read_audience(text) == audience


def test_an_audience_the_words_do_not_name_is_no_answer():
    assert intake.read_audience("je ne sais pas") is None


# --- contact details --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    ["ana.garcia@example.es", "a+tag@sub.example.co.uk", "o'neil@example.ie", "  x@ex-ample.org "],
)
def test_valid_emails_are_kept_without_outer_spaces(email):
    assert intake.read_email(email) == email.strip()


@pytest.mark.parametrize(
    "email",
    [
        "pas un courriel",
        "ana@",
        "@example.com",
        "ana@example",
        "ana@-example.com",
        "ana garcia@example.com",
        "ana@example.com\r\nBcc: x@example.com",
        "a" * 250 + "@example.com",
        "",
        None,
    ],
)
def test_invalid_emails_are_refused(email):
    assert intake.read_email(email) is None


def test_a_name_is_kept_on_one_line():
    assert intake.read_name("  Ana\r\nGarcía\t ") == "Ana García"


@pytest.mark.parametrize(
    "name", ["A", "x" * 101, "12345", "who are you?", "ana@example.es", "<b>Ana</b>", "a/b", None]
)
def test_names_too_short_too_long_numeric_or_with_symbols_are_refused(name):
    assert intake.read_name(name) is None


def test_names_of_two_and_of_a_hundred_characters_are_accepted():
    assert intake.read_name("Jo") == "Jo"
    assert intake.read_name("x" * 100) == "x" * 100


# --- cleaning and lengths ---------------------------------------------------------------------


def test_cleaning_turns_control_characters_into_single_spaces():
    assert intake.clean("a\r\nb\x00c\u200bd   e") == "a b c d e"
    assert intake.clean(None) == "" and intake.clean(42) == "42"


def test_folding_ignores_case_accents_spaces_and_final_punctuation():
    assert intake.fold("  Événement !. ") == "evenement"


def test_a_summary_has_between_10_and_2000_characters():
    assert intake.read_summary("  Dix lettres  ") == "Dix lettres"
    assert intake.read_summary("trop court") == "trop court"
    assert intake.read_summary("court") is None
    assert intake.read_summary("x" * 2000) == "x" * 2000
    assert intake.read_summary("x" * 2001) is None


def test_a_short_field_is_cleaned_and_holds_at_most_300_characters():
    assert intake.read_short_text("sector", "med\ntech") == "med tech"
    assert intake.read_short_text("sector", "x" * 300) == "x" * 300
    assert intake.read_short_text("sector", "x" * 301) is None
    assert intake.read_short_text("sector", " \n ") is None


# --- confirmation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slot"),
    [
        ("Corriger : Courriel", "contact_email"),
        ("corriger : courriel", "contact_email"),
        ("Correct: Email", "contact_email"),
        ("Correct: Name", "contact_name"),
        ("Corriger : Demande", "summary"),
        ("Correct: Request", "summary"),
    ],
)
def test_a_correction_button_names_the_field_to_ask_again(text, slot):
    assert intake.correction(text) == slot


@pytest.mark.parametrize("text", ["Envoyer", "send", "oui", "Yes"])
def test_send_and_yes_words_confirm(text):
    assert intake.confirms(text, "inform") and intake.correction(text) is None


def test_the_send_button_confirms_and_other_text_does_not():
    assert intake.confirms("/affirm", "affirm")
    assert not intake.confirms("attendez", "inform")
    assert not intake.confirms(None, None)


def test_every_editable_field_has_a_correction_button_in_both_languages():
    assert sorted(set(intake.edit_choices().values())) == sorted(intake.EDITABLE)
    assert len(intake.edit_choices()) == 2 * len(intake.EDITABLE)


# --- the case ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("intents", "reason"),
    [
        (["affirm", "inform", "official_request"], "staff_topic"),
        (["media_request"], "staff_topic"),
        (["affirm", "contact_bureau", "official_request"], "visitor_request"),
        (["inform", None], "visitor_request"),
        ([], "visitor_request"),
    ],
)
def test_the_reason_is_the_latest_request_for_a_person_or_a_staff_topic(intents, reason):
    assert intake.case_reason(intents) == reason


def test_the_case_holds_the_cleaned_answers_and_only_its_audiences_fields():
    slots = {
        "audience": "partner_city",
        "contact_name": "Ana\r\nGarcía",
        "contact_email": "ana@example.es",
        "organisation": "Ayuntamiento de Sevilla",
        "country": "—",
        "cooperation_kind": "entente",
        "sector": "ignored: not a partner city's field",
        "summary": "Nous proposons une entente de coopération.",
    }
    case = intake.new_case("c1", "fr", "staff_topic", slots)
    assert (case.conversation_id, case.language, case.audience, case.reason) == (
        "c1",
        "fr",
        "partner_city",
        "staff_topic",
    )
    assert (case.name, case.email, case.organisation, case.country) == (
        "Ana García",
        "ana@example.es",
        "Ayuntamiento de Sevilla",
        None,
    )
    assert case.fields == {"cooperation_kind": "entente"}
    assert case.summary == "Nous proposons une entente de coopération."


def test_a_case_without_audience_is_other_and_a_missing_field_is_empty():
    case = intake.new_case(None, "en", "visitor_request", {"audience": "investor"})
    assert case.fields == {"sector": "", "project_stage": ""}
    assert case.organisation is None and case.summary == ""
    assert intake.new_case(None, "en", "visitor_request", {}).audience == "other"
