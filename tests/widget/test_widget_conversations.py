"""The widget on the demo page against the real stack (Rasa + app + SMTP): conversations in
both languages, a language switch, a clarification, an escalation up to the Bureau's email, the
one tag on another website, and persistence, transcript and start over."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.widget.conftest import (
    Widget,
    choose,
    host_page,
    last_bot,
    no_errors,
    open_demo,
)

pytestmark = [pytest.mark.browser, pytest.mark.rasa, pytest.mark.slow]

DAY_MS = 24 * 60 * 60 * 1000


# --- conversations -----------------------------------------------------------------------


def test_a_french_conversation_gets_an_answer_from_the_knowledge_base(warm_stack, page, widget):
    open_demo(page, widget, warm_stack.url)
    expect(widget.launcher).to_have_attribute("aria-expanded", "true")
    expect(widget.log).to_contain_text("Posez votre question")
    widget.ask("Bonjour")
    greeting = last_bot(widget)
    expect(greeting).to_have_attribute("lang", "fr")
    expect(greeting.get_by_role("button", name="Travailler, immigrer, étudier")).to_be_visible()
    expect(greeting.locator(".vote")).to_have_count(0)  # small talk: nothing to rate

    widget.ask("Comment obtenir un permis de travail?")
    no_errors(widget)
    answer = last_bot(widget)
    expect(answer).to_contain_text("permis de travail")
    expect(answer).to_have_attribute("lang", "fr")
    expect(answer.locator("time")).to_have_count(1)
    expect(answer.locator("a[href^='https://']").first).to_have_attribute("target", "_blank")
    expect(widget.messages("visitor").last).to_have_attribute("lang", "fr")
    up = answer.get_by_role("button", name="Réponse utile", exact=True)
    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#bri-assistant-widget .announcer")).to_have_text("Merci de votre avis.")


def test_an_english_conversation_on_the_english_page(warm_stack, page, widget):
    page.goto(f"{warm_stack.url}/demo?lang=en")
    expect(widget.launcher).to_contain_text("Any questions?")
    widget.open()
    expect(page.get_by_label("Your question")).to_be_focused()
    widget.ask("Hi! Where is the Centre des congrès de Québec and can it host our congress?")
    no_errors(widget)
    answer = last_bot(widget)
    expect(answer).to_have_attribute("lang", "en")
    expect(answer).to_contain_text("Centre des congrès")
    expect(answer).to_contain_text("Source")
    expect(answer.get_by_role("button", name="Helpful answer", exact=True)).to_be_visible()
    widget.ask("How do I get a work permit?")
    expect(last_bot(widget)).to_contain_text("work permit")
    expect(last_bot(widget)).to_have_attribute("lang", "en")


def test_switching_language_keeps_the_conversation(warm_stack, page, widget):
    open_demo(page, widget, warm_stack.url)
    widget.ask("Comment obtenir un permis de travail?")
    no_errors(widget)
    conversation = widget.stored()["conversation_id"]
    page.locator("#bri-assistant-widget .header").get_by_role("button", name="English").click()
    # the interface is in English, the French messages stay, in French
    expect(page.get_by_label("Your question")).to_be_visible()
    expect(page.get_by_role("dialog", name="International assistant")).to_be_visible()
    expect(widget.messages("bot").first).to_have_attribute("lang", "fr")
    expect(
        widget.messages("bot").first.get_by_role("button", name="Helpful answer", exact=True)
    ).to_be_visible()
    widget.ask("Thanks! And where is the Centre des congrès de Québec?")
    no_errors(widget)
    assert widget.stored()["conversation_id"] == conversation
    expect(last_bot(widget)).to_have_attribute("lang", "en")
    expect(last_bot(widget)).to_contain_text("Centre des congrès")
    expect(widget.messages("visitor")).to_have_count(2)
    # the choice of language is remembered on the next page
    page.reload()
    widget.open()
    expect(page.get_by_label("Your question")).to_be_visible()
    expect(widget.messages("visitor")).to_have_count(2)
    expect(widget.messages("bot").first).to_have_attribute("lang", "fr")
    expect(widget.messages("bot").last).to_have_attribute("lang", "en")


def test_a_clarification_offers_choices_and_a_choice_answers(
    warm_stack, page, widget, clarification
):
    open_demo(page, widget, warm_stack.url)
    widget.ask(clarification.question)  # "permis": work, study or event? the visitor chooses
    no_errors(widget)
    question = widget.messages("bot").first
    expect(question).to_have_attribute("data-outcome", "clarify")
    choices = question.get_by_role("group", name="Choix de réponse").get_by_role("button")
    expect(choices).to_have_count(len(clarification.choices))
    first_choice = clarification.choices[0]
    expect(choices.first).to_have_text(first_choice)
    choose(widget, first_choice)
    no_errors(widget)
    # the visitor sees the title they chose, not the payload sent
    expect(widget.messages("visitor").last).to_have_text(re.compile(re.escape(first_choice)))
    expect(widget.messages("visitor").last).not_to_contain_text("kb_entry")
    answer = last_bot(widget)
    expect(answer).to_have_attribute("data-outcome", "answer")
    expect(answer).to_contain_text(clarification.first_answer)  # the entry chosen
    expect(choices.first).to_be_disabled()  # an earlier turn's choices are retired


def test_an_escalation_with_consent_reaches_the_bureau_by_email(warm_stack, page, widget):
    open_demo(page, widget, warm_stack.url)
    widget.ask("Bonjour, je voudrais parler à une personne du Bureau des relations internationales")
    no_errors(widget)
    notice = last_bot(widget)
    expect(notice).to_have_attribute("data-outcome", "escalate")
    expect(notice).to_contain_text("Acceptez-vous?")
    accept = notice.get_by_role("button", name="J'accepte")
    refuse = notice.get_by_role("button", name="Je refuse")
    expect(refuse).to_be_visible()
    # screen readers read the notice with the choices
    described = accept.get_attribute("aria-describedby") or ""
    notice_text = page.evaluate(
        "ids => ids.split(' ').map(id => document.querySelector('#bri-assistant-widget')"
        ".shadowRoot.getElementById(id).textContent).join(' ')",
        described,
    )
    assert "Acceptez-vous?" in notice_text
    accept.click()
    widget.wait_idle()
    expect(last_bot(widget)).to_contain_text("Qui êtes-vous?")
    choose(widget, "Investisseur ou entreprise")
    expect(last_bot(widget)).to_contain_text("nom")
    for text, next_question in [
        ("Ana García", "courriel"),
        ("ana.garcia@example.es", "organisation"),
        ("Biomédica Sevilla", "pays"),
        ("Espagne", "secteur"),
        ("technologies médicales", "étape"),
    ]:
        widget.ask(text)
        no_errors(widget)
        expect(last_bot(widget)).to_contain_text(next_question)
    choose(widget, "Choix du site")
    widget.ask("Nous cherchons un site pour un bureau nord-américain de 20 personnes.")
    summary = last_bot(widget)
    expect(summary).to_contain_text("Voici ce que je vais transmettre")
    expect(summary).to_contain_text("ana.garcia@example.es")
    choose(widget, "Envoyer")
    no_errors(widget)
    confirmation = last_bot(widget)
    expect(confirmation).to_contain_text("BRI-")
    reference = re.search(r"BRI-[0-9]{4}-[A-Z0-9]+", confirmation.inner_text())
    assert reference
    emails = warm_stack.wait_for_mail(reference.group(0), timeout=30, count=2)
    assert any(m["To"] == "international@ville.quebec.qc.ca" for m in emails)
    assert any(m["To"] == "ana.garcia@example.es" for m in emails)
    # nothing personal on the device: the conversation id and its expiry only
    assert set(widget.stored()) == {"conversation_id", "expires"}
    stored_everything = page.evaluate(
        "JSON.stringify(Object.assign({}, localStorage, sessionStorage))"
    )
    assert "García" not in stored_everything and "ana.garcia" not in stored_everything


@pytest.fixture
def other_website(warm_stack):
    """Another website (another origin: its own loopback port) with the one tag in its page."""
    html = host_page(lang="en", script=f"{warm_stack.url}/static/widget/widget.js").encode()

    class HostPage(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's hook name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), HostPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_one_tag_on_another_website_talks_to_the_app(other_website, page, widget):
    # the script, its styles and the API come from the app, the page from elsewhere
    page.goto(other_website)
    widget.open()
    widget.ask("Where is the Centre des congrès de Québec?")
    no_errors(widget)
    expect(last_bot(widget)).to_contain_text("Centre des congrès")
    expect(last_bot(widget)).to_have_attribute("lang", "en")


# --- persistence, transcript, start over ----------------------------------------------------


def test_the_conversation_survives_a_reload_and_another_tab_until_start_over(
    warm_stack, context, page, widget
):
    open_demo(page, widget, warm_stack.url)
    widget.ask("Comment obtenir un permis de travail?")
    no_errors(widget)
    before = widget.texts()
    stored = widget.stored()
    assert set(stored) == {"conversation_id", "expires"}
    now = page.evaluate("Date.now()")
    assert now < stored["expires"] <= now + DAY_MS

    page.reload()
    widget.open()
    expect(widget.messages()).to_have_count(len(before))
    assert widget.texts() == before
    expect(widget.messages("bot").last).to_have_attribute("lang", "fr")
    expect(
        widget.messages("bot").last.get_by_role("button", name="Réponse utile", exact=True)
    ).to_be_visible()

    other = context.new_page()
    other_widget = Widget(other)
    open_demo(other, other_widget, warm_stack.url)
    expect(other_widget.messages()).to_have_count(len(before))

    with page.expect_download() as download:
        page.locator("#bri-assistant-widget").get_by_role(
            "button", name="Télécharger la conversation"
        ).click()
    assert download.value.suggested_filename.endswith(".txt")
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Comment obtenir un permis de travail?" in content
    assert "Assistant :" in content and "Vous :" in content

    page.locator("#bri-assistant-widget").get_by_role("button", name="Recommencer").click()
    expect(widget.messages()).to_have_count(0)
    assert widget.stored() is None
    expect(page.locator("#bri-assistant-widget .announcer")).to_have_text(
        "La conversation a été effacée de cet appareil."
    )
    expect(other_widget.messages()).to_have_count(0)  # the other tab forgets it too
    page.reload()
    widget.open()
    expect(widget.messages()).to_have_count(0)
    other.close()
