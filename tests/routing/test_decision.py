from __future__ import annotations

from assistant.kb.classifier import Ranking
from assistant.kb.retriever import Candidate, Evidence
from assistant.routing.decision import Message, Route, RoutingThresholds, confident_entry, route
from tests.fakes import make_entry

THRESHOLDS = RoutingThresholds()


def evidence(*entries: tuple[str, float], out_of_scope: float = 0.0) -> Evidence:
    return Evidence("text", [], Ranking(list(entries), out_of_scope))


def message(intent: str | None = "talent", confidence: float = 0.9, **flags) -> Message:
    flags.setdefault("only_courtesy", False)
    flags.setdefault("courtesy", None)
    return Message(intent=intent, confidence=confidence, **flags)


def decide(msg: Message, question: Evidence | None, parts=(), follow_up=None) -> Route:
    return route(msg, question, list(parts), follow_up, THRESHOLDS)


def test_a_confident_kb_answer_wins_over_an_out_of_scope_intent():
    sure = evidence(("talent-ramq", 0.8), out_of_scope=0.1)
    assert decide(message("out_of_scope", 0.95), sure) == Route("answer", ["talent-ramq"])


def test_a_greeting_with_a_question_gets_the_answer():
    sure = evidence(("talent-job-search", 0.7))
    assert decide(message("greet", 0.99, courtesy="greet"), sure).kind == "answer"


def test_a_greeting_alone_gets_the_greeting():
    route_ = decide(message("greet", 0.99, only_courtesy=True, courtesy="greet"), None)
    assert route_ == Route("smalltalk", act="greet")


def test_a_dialogue_act_wins_when_the_kb_is_unsure():
    unsure = evidence(("talent-job-search", 0.2), out_of_scope=0.5)
    assert decide(message("bot_challenge", 0.95), unsure) == Route("smalltalk", act="bot_challenge")


def test_a_request_for_a_person_opens_the_form():
    related = evidence(("bureau-speak-to-staff", 0.9))
    msg = message("contact_bureau", 0.95, escalation_entries=frozenset({"bureau-speak-to-staff"}))
    assert decide(msg, related).kind == "escalate"


def test_a_request_for_the_bureaus_email_gets_the_address_not_the_form():
    sure = evidence(("bureau-contact", 0.95))
    assert decide(message("contact_bureau", 0.9), sure) == Route("answer", ["bureau-contact"])


def test_two_questions_get_two_answers():
    parts = [evidence(("talent-caq-studies", 0.8)), evidence(("talent-tuition", 0.7))]
    whole = evidence(("talent-caq-studies", 0.45), ("talent-tuition", 0.4))
    assert decide(message(), whole, parts).entries == ["talent-caq-studies", "talent-tuition"]


def test_a_part_is_answered_only_when_the_whole_message_reads_that_way_too():
    # "Which hotel is best near the Château? Can you book it for me?"
    whole = evidence(("events-hotel-capacity", 0.01), out_of_scope=0.98)
    parts = [evidence(("events-hotel-capacity", 0.01)), evidence(("bureau-about-assistant", 0.4))]
    assert decide(message("out_of_scope", 0.9), whole, parts).kind == "out_of_scope"
    within = evidence(("bureau-about-assistant", 0.05), out_of_scope=0.9)
    assert decide(message("out_of_scope", 0.9), within, parts) == Route(
        "answer", ["bureau-about-assistant"]
    )


def test_a_short_follow_up_is_read_with_the_previous_question():
    alone = evidence(("talent-family", 0.3), ("talent-work-permit", 0.25))
    together = evidence(("talent-family-accompanying", 0.8))
    route_ = decide(message("nlu_fallback", 0.4), alone, follow_up=together)
    assert route_ == Route("answer", ["talent-family-accompanying"])


def test_a_choice_is_offered_only_between_entries_that_share_the_answer():
    split = evidence(("talent-caq-work", 0.3), ("talent-caq-studies", 0.28), ("x", 0.02))
    assert decide(message("nlu_fallback", 0.3), split) == Route(
        "clarify", ["talent-caq-work", "talent-caq-studies"]
    )
    scattered = evidence(("a", 0.12), ("b", 0.1), ("c", 0.1), out_of_scope=0.3)
    assert decide(message("nlu_fallback", 0.3), scattered).kind == "not_understood"


def test_out_of_scope_when_the_classifier_says_so():
    assert decide(message("nlu_fallback", 0.3), evidence(("a", 0.1), out_of_scope=0.85)).kind == (
        "out_of_scope"
    )


def test_a_foreign_message_ignores_the_nlu_intent():
    sure = evidence(("talent-work-permit", 0.8))
    assert decide(message("greet", 0.99, foreign=True), sure).kind == "answer"
    unsure = evidence(("talent-work-permit", 0.2), out_of_scope=0.3)
    assert decide(message("greet", 0.99, foreign=True), unsure).kind == "not_understood"


def test_a_tie_between_two_entries_is_a_choice_not_a_guess():
    tie = evidence(("talent-caq-work", 0.42), ("talent-caq-studies", 0.40), ("x", 0.05))
    assert decide(message("talent", 0.9), tie) == Route(
        "clarify", ["talent-caq-work", "talent-caq-studies"]
    )


def test_follow_up_wording_prefers_the_reading_with_the_previous_question():
    alone = evidence(("bureau-about-assistant", 0.6))
    together = evidence(("talent-family-accompanying", 0.7))
    msg = message("nlu_fallback", 0.4, follow_up_wording=True)
    assert decide(msg, alone, follow_up=together) == Route("answer", ["talent-family-accompanying"])


def test_a_follow_up_does_not_get_the_answer_it_just_had():
    # "What about for my wife?" after the work-permit answer: the combined reading still leans
    # on the work permit; the entry likely alone that it also ranks is what is asked.
    alone = evidence(
        ("bureau-about-assistant", 0.32),
        ("talent-family-accompanying", 0.15),
        ("talent-family-sponsorship", 0.15),
    )
    together = evidence(("talent-work-permit", 0.57), ("talent-family-accompanying", 0.06))
    before = frozenset({"talent-work-permit"})
    msg = message("nlu_fallback", 0.4, follow_up_wording=True, answered_before=before)
    assert decide(msg, alone, follow_up=together) == Route("answer", ["talent-family-accompanying"])
    first_time = message("nlu_fallback", 0.4, follow_up_wording=True)
    assert decide(first_time, alone, follow_up=together) == Route("answer", ["talent-work-permit"])


def test_a_part_asking_for_a_person_opens_the_form():
    parts = [evidence(("bureau-speak-to-staff", 0.9)), evidence(("city-tourism", 0.8))]
    msg = message("talent", 0.5, handoff_entries=frozenset({"bureau-speak-to-staff"}))
    assert decide(msg, evidence(("city-tourism", 0.5)), parts).kind == "escalate"


def test_a_confident_cosine_match_agreeing_with_the_classifier_answers():
    agreeing = Evidence(
        "text",
        [Candidate(make_entry("city-airport-yqb"), 0.9)],
        Ranking([("city-airport-yqb", 0.15), ("city-getting-here", 0.1)], 0.7),
    )
    assert confident_entry(agreeing, THRESHOLDS) == "city-airport-yqb"
    assert confident_entry(evidence(("city-airport-yqb", 0.15)), THRESHOLDS) is None


def test_asking_to_be_contacted_opens_the_form_even_when_the_nlu_reads_a_topic():
    # "We are a battery company… please have someone contact me to arrange a meeting."
    related = evidence(("invest-meeting-request", 0.6), out_of_scope=0.1)
    msg = message("invest", 0.6, asks_to_be_contacted=True)
    assert decide(msg, related).kind == "escalate"
    assert decide(message("invest", 0.6), related) == Route("answer", ["invest-meeting-request"])
    # "…a comment from the City… Could you connect me with a spokesperson?": the English noun
    # "comment" does not turn the request into a question the media entry answers
    media = evidence(("bureau-media-requests", 0.9), out_of_scope=0.0)
    asks_both = message("media_request", 0.9, asks_to_be_contacted=True, asks_how=True)
    assert decide(asks_both, media).kind == "escalate"


def test_a_sure_topic_turns_a_weak_reading_into_a_choice_among_its_entries():
    # "je cherche de l'information pour implanter une filiale": investment, no single entry
    weak = evidence(
        ("invest-quebec-international", 0.26), ("invest-meeting-request", 0.14), out_of_scope=0.34
    )
    investment = frozenset({"invest-quebec-international", "invest-meeting-request"})
    choice = decide(message("invest", 0.95, topic_entries=investment), weak)
    assert choice == Route("clarify", ["invest-quebec-international", "invest-meeting-request"])
    assert decide(message("invest", 0.95), weak).kind == "not_understood"
    # an unsure topic, or a likely out-of-scope message, gets no choice
    assert decide(message("invest", 0.5, topic_entries=investment), weak).kind != "clarify"
    off = evidence(("invest-quebec-international", 0.2), out_of_scope=0.6)
    assert decide(message("invest", 0.95, topic_entries=investment), off).kind == "out_of_scope"


def nearer_elsewhere(*entries: tuple[str, float], margin: float = 0.02) -> Evidence:
    return Evidence("text", [], Ranking(list(entries), 0.1), elsewhere=margin)


def test_a_question_nearer_to_one_asked_elsewhere_is_out_of_scope():
    # "what is naval engineering": the classifier leans to an entry, a CLINC query is closer
    leaning = nearer_elsewhere(("talent-other-institutions", 0.47))
    assert decide(message("out_of_scope", 0.4), leaning) == Route("out_of_scope")


def test_a_question_nearer_elsewhere_gets_no_choice_either():
    spread = nearer_elsewhere(("bureau-what-we-do", 0.3), ("bureau-privacy", 0.25))
    assert decide(message(None, 0.0), spread) == Route("out_of_scope")


def test_a_very_likely_entry_is_answered_even_when_a_query_elsewhere_is_close():
    # "which airport do I fly into?" is close to "what time does my flight get in"
    sure = nearer_elsewhere(("city-airport", 0.99), margin=0.004)
    assert decide(message(), sure) == Route("answer", ["city-airport"])


def test_a_question_nearer_to_the_kb_is_answered_as_before():
    near_kb = nearer_elsewhere(("talent-ramq", 0.6), margin=-0.03)
    assert decide(message(), near_kb) == Route("answer", ["talent-ramq"])


def test_of_two_questions_the_one_the_kb_is_sure_of_is_answered():
    # "Do I need a visa to visit from Ghana? And which airport is closest to the city?"
    whole = evidence(("talent-visitor-visa", 0.16), ("yqb", 0.02), out_of_scope=0.81)
    parts = [evidence(("talent-visitor-visa", 0.39), out_of_scope=0.54), evidence(("yqb", 0.99))]
    assert decide(message(), whole, parts) == Route("answer", ["yqb"])


def test_a_message_in_another_language_is_answered_only_on_a_clear_reading():
    # "Как получить разрешение на работу в Квебеке?": a weak reading that a French or English
    # message would get answered on (low probability, twice the runner-up) is not enough
    weak = evidence(("talent-job-search", 0.26), ("talent-work-permit", 0.1), out_of_scope=0.0)
    assert decide(message(None, 0.0), weak) == Route("answer", ["talent-job-search"])
    assert decide(message(None, 0.0, foreign=True), weak).kind == "not_understood"
    clear = evidence(("talent-work-permit", 0.68), out_of_scope=0.0)
    assert decide(message(None, 0.0, foreign=True), clear) == Route("answer", ["talent-work-permit"])


def test_another_citys_service_is_out_of_scope_though_the_kb_has_quebecs():
    # "Comment payer mes taxes municipales à Toronto?" reads as Québec City's 311 entry
    sure = evidence(("city-municipal-services-residents", 0.9), out_of_scope=0.05)
    assert decide(message("city", 0.9, another_city=True), sure) == Route("out_of_scope")
    asked = message("contact_bureau", 0.9, another_city=True)  # "Montréal's office phone?"
    assert decide(asked, evidence(("bureau-contact", 0.95))) == Route("out_of_scope")


def test_another_city_named_in_a_question_about_other_cities_keeps_its_answer():
    twinning = evidence(("c2c-existing-agreements", 0.8), out_of_scope=0.05)
    msg = message(
        "city_to_city",
        0.9,
        another_city=True,
        other_city_entries=frozenset({"c2c-existing-agreements"}),
    )
    assert decide(msg, twinning) == Route("answer", ["c2c-existing-agreements"])


CAQ = frozenset({"talent-caq-work", "talent-caq-studies", "talent-study-permit"})


def test_a_question_that_is_only_a_shared_acronym_gets_a_choice_between_its_entries():
    leaning = evidence(("talent-caq-work", 0.43), ("talent-caq-studies", 0.2), ("talent-csq", 0.1))
    route_ = decide(message(acronym_entries=CAQ), leaning)
    assert route_ == Route("clarify", ["talent-caq-work", "talent-caq-studies"])


def test_an_acronym_the_classifier_reads_one_way_only_gets_the_answer():
    sure = evidence(("talent-caq-work", 0.92), ("talent-caq-studies", 0.05))
    assert decide(message(acronym_entries=CAQ), sure) == Route("answer", ["talent-caq-work"])
