"""The one place that decides what a visitor's message gets, from all the evidence.

Rasa's NLU names a dialogue act (greeting, thanks, a request for a person, out of scope…);
the KB's classifier says which entry the question asks for, or that it is not the Bureau's
business; cosine similarity backs it up. Rules:

1. An explicit request for a person (escalation intents, a request to be contacted, or the KB
   entry about talking to a person) opens the form — unless the KB is sure the visitor only
   asks for information it holds (e.g. the Bureau's email address).
2. A confident KB answer to the question in the message wins over every canned reply:
   "Bonjour! …", "Merci, et pour … ?", a question the NLU thought out of scope, and a question
   that merely names a language ("des programmes en anglais?") get it. A language switch is
   made only when asked in so many words ("can we speak English?"), and a question in the same
   message is still answered.
3. Otherwise a dialogue act the NLU is sure of gets its reply.
4. A short follow-up is read with the previous question ("et pour un permis d'études?").
5. A choice is offered only between a few entries that together hold the answer — or, when
   the NLU is sure of the topic, between that topic's likely entries; a question that is only
   an acronym several entries are about ("c'est quoi le CAQ?") gets a choice between them.
6. Out of scope when the classifier or the NLU says so, or when the question is nearer to what
   people ask general assistants than to any KB text (``assistant/kb/neighbours.py``) and no
   entry is very likely; else "not understood". A question about a municipal service or office
   of another city ("taxes municipales à Toronto", ``assistant/routing/places.py``) is out of
   scope first of all, unless its likeliest entry is about other cities (twinning, the region).

Pure: no Rasa, no I/O; thresholds in ``RoutingThresholds`` (Settings ``route_*``), tuned on
the tune half of ``make eval-e2e``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Literal

from assistant.kb.retriever import Evidence

ESCALATION_INTENTS = frozenset({"contact_bureau", "official_request", "media_request"})
DIALOGUE_ACTS = frozenset(
    {"greet", "goodbye", "thank", "bot_challenge", "ask_capabilities", "affirm", "deny", "cancel"}
)

RouteKind = Literal[
    "answer",
    "clarify",
    "escalate",
    "switch_language",
    "smalltalk",
    "out_of_scope",
    "not_understood",
]


@dataclass(frozen=True)
class RoutingThresholds:
    # The top entry is answered when the classifier gives it `answer`; or `answer_low` and
    # `answer_ratio` times the next entry's and more than out of scope; or when cosine
    # similarity agrees on the same entry at `cosine_agree` (with `agree_probability`).
    answer: float = 0.4
    answer_low: float = 0.2
    answer_ratio: float = 2.0
    cosine_agree: float = 0.88
    agree_probability: float = 0.1
    # Below `tie_strength`, a runner-up with `tie_ratio` of the top's probability is a tie:
    # the visitor chooses ("C'est quoi le CAQ?": for work or for studies?).
    tie_strength: float = 0.5
    tie_ratio: float = 0.8
    # A question closer to an out-of-scope query than to any KB text by more than
    # `elsewhere_margin` (cosine) gets an entry only at `elsewhere_sure` probability.
    elsewhere_margin: float = 0.0
    elsewhere_sure: float = 0.9
    # A message in another language (e5 reads it less surely) is answered only from this
    # probability: no low-probability or cosine-agreement path.
    foreign_answer: float = 0.4
    answer_over_escalation: float = 0.85  # ...to answer a request the NLU took for "a person"
    clarify: float = 0.1  # every entry offered in a choice
    clarify_total: float = 0.4  # the entries offered, together
    clarify_out_of_scope: float = 0.3  # ...and the out-of-scope probability stays below this
    topic_clarify_total: float = 0.25  # ...or this, of entries in the topic the NLU is sure of
    out_of_scope: float = 0.5  # classifier's out-of-scope probability
    intent: float = 0.7  # NLU confidence for a dialogue act
    escalation_intent: float = 0.5  # NLU confidence for a request for a person
    escalation_sure: float = 0.7  # ...above which a confident KB entry does not answer instead
    follow_up_words: int = 8  # a message this short may continue the previous question
    max_choices: int = 3


@dataclass(frozen=True)
class Route:
    kind: RouteKind
    entries: list[str] = field(default_factory=list)
    act: str | None = None  # for smalltalk: the dialogue act to reply to


@dataclass(frozen=True)
class Message:
    """What the router knows of the visitor's message."""

    intent: str | None
    confidence: float
    only_courtesy: bool  # nothing but a greeting, thanks or goodbye
    courtesy: str | None  # that courtesy (greet / thank / goodbye), if any
    foreign: bool = False  # written in neither French nor English: the NLU's intent is noise
    follow_up_wording: bool = False  # "and for my wife?": read with the previous question
    asks_how: bool = False  # "comment…?", "how do I…?": asks for information, not for action
    asks_to_be_contacted: bool = False  # "please have someone contact me": wants a person
    escalation_entries: frozenset[str] = frozenset()  # entries marked `escalate: true`
    handoff_entries: frozenset[str] = frozenset()  # entries that *are* "talk to a person"
    topic_entries: frozenset[str] = frozenset()  # entries of the topic the NLU's intent names
    answered_before: frozenset[str] = frozenset()  # entries the previous message was answered with
    another_city: bool = False  # asks for another city's service or office ("à Toronto")
    other_city_entries: frozenset[str] = frozenset()  # entries whose subject is other cities
    # the entries named by the acronym the question is made of ("c'est quoi le CAQ?": studies
    # and work), when several are (assistant/routing/terms.py)
    acronym_entries: frozenset[str] = frozenset()


def _top(evidence: Evidence | None) -> tuple[str | None, float, float]:
    """Best entry, its probability, and the out-of-scope probability."""
    if evidence is None or evidence.ranking is None:
        return None, 0.0, 0.0
    entry, probability = evidence.ranking.top
    return entry, probability, evidence.ranking.out_of_scope


def _elsewhere(evidence: Evidence | None, thresholds: RoutingThresholds) -> bool:
    """The question looks more like one asked elsewhere, and no entry is very likely."""
    if evidence is None or evidence.elsewhere <= thresholds.elsewhere_margin:
        return False
    _, probability, _ = _top(evidence)
    return probability < thresholds.elsewhere_sure


def confident_entry(evidence: Evidence | None, thresholds: RoutingThresholds) -> str | None:
    """The entry the KB is sure this text asks for, if any."""
    if evidence is None or evidence.ranking is None or not evidence.ranking.entries:
        return None
    if _elsewhere(evidence, thresholds):
        return None
    entries = evidence.ranking.entries
    entry, probability = entries[0]
    runner_up = entries[1][1] if len(entries) > 1 else 0.0
    if probability >= thresholds.answer:
        return entry
    if (
        probability >= thresholds.answer_low
        and probability >= thresholds.answer_ratio * runner_up
        and probability >= evidence.ranking.out_of_scope
    ):
        return entry
    cosine = evidence.candidates[0] if evidence.candidates else None
    if (
        cosine is not None
        and cosine.entry.id == entry
        and cosine.score >= thresholds.cosine_agree
        and probability >= thresholds.agree_probability
    ):
        return entry
    return None


def _tied(evidence: Evidence | None, thresholds: RoutingThresholds) -> list[str]:
    if evidence is None or evidence.ranking is None:
        return []
    entries = evidence.ranking.entries[: thresholds.max_choices]
    top = entries[0][1] if entries else 0.0
    if top >= thresholds.tie_strength:
        return []
    return [e for e, p in entries if p >= thresholds.tie_ratio * top]


def _among(evidence: Evidence | None, entries: frozenset[str]) -> list[tuple[str, float]]:
    if evidence is None or evidence.ranking is None:
        return []
    return [(e, p) for e, p in evidence.ranking.entries if e in entries]


def _choices(ranked: list[tuple[str, float]], thresholds: RoutingThresholds) -> list[str]:
    return [e for e, p in ranked[: thresholds.max_choices] if p >= thresholds.clarify]


def _other_than_before(
    alone: Evidence | None,
    combined: Evidence | None,
    before: frozenset[str],
    thresholds: RoutingThresholds,
) -> str | None:
    if alone is None or alone.ranking is None or combined is None or combined.ranking is None:
        return None
    ranked_together = {e for e, _ in combined.ranking.entries}
    for entry, probability in alone.ranking.entries:
        if probability >= thresholds.clarify and entry in ranked_together and entry not in before:
            return entry
    return None


def _answered_parts(
    question: Evidence | None,
    parts: list[Evidence],
    handoff: frozenset[str],
    thresholds: RoutingThresholds,
) -> list[str]:
    """The entries that answer the questions of a message asking several. A part counts only
    when the whole message's reading also ranks its entry ("Can you book it for me?" alone
    resembles "what can this assistant do", not within a hotel-booking request), or when it
    asks for a person."""
    ranked = {e for e, _ in question.ranking.entries} if question and question.ranking else set()
    ranked |= handoff
    answered = [confident_entry(part, thresholds) for part in parts]
    return list(dict.fromkeys(e for e in answered if e and e in ranked))


def _strict(thresholds: RoutingThresholds) -> RoutingThresholds:
    """For a message in another language: an answer on a clear reading only, and no choice
    among weak readings (the visitor is asked to rephrase in French or English instead)."""
    sure = thresholds.foreign_answer
    return replace(
        thresholds,
        answer=sure,
        answer_low=sure,
        cosine_agree=math.inf,
        clarify_total=math.inf,
        topic_clarify_total=math.inf,
    )


def route(
    message: Message,
    question: Evidence | None,
    parts: list[Evidence],
    follow_up: Evidence | None,
    thresholds: RoutingThresholds,
) -> Route:
    """``question``: the KB's evidence on the message without its courtesies; ``parts``: on
    each of its questions when it asks several; ``follow_up``: on the previous question and
    this message together (None when there is no previous question)."""
    intent = None if message.foreign else message.intent
    if message.foreign:
        thresholds = _strict(thresholds)
    sure_intent = intent if message.confidence >= thresholds.intent else None

    if message.only_courtesy:
        act = sure_intent if sure_intent in DIALOGUE_ACTS else message.courtesy
        return Route("smalltalk", act=act or "greet")

    entry, probability, out_of_scope = _top(question)
    if message.another_city and entry not in message.other_city_entries:
        # "Comment payer mes taxes municipales à Toronto?": Québec's 311 entry is no answer
        return Route("out_of_scope")
    sure = confident_entry(question, thresholds)

    wants_person = (
        intent in ESCALATION_INTENTS and message.confidence >= thresholds.escalation_intent
    )
    if message.asks_to_be_contacted:
        return Route("escalate")  # "connect me with a spokesperson": a person, in so many words
    if wants_person:
        informational = entry is not None and entry not in message.escalation_entries
        if informational and probability >= thresholds.answer_over_escalation:
            return Route("answer", [entry])  # type: ignore[list-item]
        # "Comment inviter le maire?" asks how: the entry answers it, with the offer of the
        # Bureau that entries marked `escalate` carry; "transmettez mon invitation" is a request.
        unsure = message.asks_how or message.confidence < thresholds.escalation_sure
        if sure is not None and sure not in message.handoff_entries and unsure:
            return Route("answer", [sure])
        return Route("escalate")
    answered = _answered_parts(question, parts, message.handoff_entries, thresholds)
    # "talk to a person" matched strongly ("Parlez-moi de l'UNESCO" only resembles it)
    strong = [
        e for e, p, _ in (_top(x) for x in [question, *parts]) if e and p >= thresholds.answer
    ]
    if set(strong) & set([sure, *answered]) & message.handoff_entries:
        return Route("escalate")
    follow_entry = confident_entry(follow_up, thresholds)
    if message.follow_up_wording and follow_entry is not None:
        # "et pour un permis d'études?" stands alone when the combined reading agrees it is
        # among the likely entries; "what about for my wife?" needs the previous question.
        combined = follow_up.ranking.entries[:3] if follow_up and follow_up.ranking else []
        alone_fits = sure is not None and sure in [e for e, _ in combined]
        chosen = sure if alone_fits else follow_entry
        if chosen in message.answered_before:
            # "What about for my wife?" after the work-permit answer asks about something else:
            # an entry likely on its own that the combined reading also ranks.
            other = _other_than_before(question, follow_up, message.answered_before, thresholds)
            chosen = other or chosen
        return Route("answer", [chosen])  # type: ignore[list-item]

    if len(answered) >= 2:
        return Route("answer", answered[:2])
    if sure is not None:
        named = _choices(_among(question, message.acronym_entries), thresholds)
        if sure in message.acronym_entries and len(named) > 1:
            return Route("clarify", named)  # "what is the CAQ": for studies or for work?
        tied = _tied(question, thresholds) if sure == entry else []
        return Route("clarify", tied) if len(tied) > 1 else Route("answer", [sure])
    if answered:  # one of its questions is plainly ours: answer that one rather than none
        return Route("answer", answered)

    if sure_intent in DIALOGUE_ACTS:
        return Route("smalltalk", act=sure_intent)

    if follow_entry is not None:
        return Route("answer", [follow_entry])

    elsewhere = _elsewhere(question, thresholds)
    if question is not None and question.ranking is not None and not elsewhere:
        choices = _choices(question.ranking.entries, thresholds)
        total = sum(p for e, p in question.ranking.entries if e in choices)
        if (
            choices
            and total >= thresholds.clarify_total
            and out_of_scope < thresholds.clarify_out_of_scope
        ):
            return Route("clarify", choices)
        # The NLU is sure of the topic ("implanter une filiale": investment) and the KB's
        # likely entries include that topic's: a choice among them, not "please rephrase".
        if sure_intent is not None and message.topic_entries:
            in_topic = [(e, p) for e, p in question.ranking.entries if e in message.topic_entries]
            choices = _choices(in_topic, thresholds)
            total = sum(p for e, p in in_topic if e in choices)
            if (
                choices
                and total >= thresholds.topic_clarify_total
                and out_of_scope < thresholds.out_of_scope
            ):
                return Route("clarify", choices)

    if elsewhere or out_of_scope >= thresholds.out_of_scope or sure_intent == "out_of_scope":
        return Route("out_of_scope")
    return Route("not_understood")
