"""The widget on another website, against a scripted API (no Rasa): embedding, errors and
retries, safe rendering, feedback. Requests are served by Playwright's routing."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from tests.widget.conftest import SITE, answer, host_page

pytestmark = [pytest.mark.browser]


def test_one_tag_finds_its_origin_loads_its_css_and_calls_its_api_there(page, site, widget):
    # the host page is on city.test, the widget comes from assistant.test
    site.serve(html=host_page(script="http://assistant.test/static/widget/widget.js?v=1"))
    site.serve(origin="http://assistant.test", path="/nothing")
    site.api(origin="http://assistant.test")
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(f"{SITE}/")
    widget.open()
    assert "http://assistant.test/static/widget/widget.css?v=1" in loaded
    assert (
        page.evaluate("document.querySelector('#bri-assistant-widget').shadowRoot.mode") == "open"
    )
    # the host page's styles do not reach inside, the widget's do not leak out
    # (Playwright's locators pierce shadow roots: ask the light DOM itself)
    assert page.evaluate("document.querySelectorAll('link[href*=\"widget.css\"]').length") == 0
    assert (
        page.evaluate(
            "document.querySelector('#bri-assistant-widget').shadowRoot.querySelectorAll('link[href*=\"widget.css\"]').length"
        )
        == 1
    )
    widget.ask("Bonjour")
    assert site.requests[0]["text"] == "Bonjour"
    assert site.requests[0]["language"] == "fr"
    assert site.requests[0]["conversation_id"] is None
    assert site.requests[0]["client_message_id"]


def test_french_by_default_following_the_host_pages_lang(page, site, widget):
    site.serve(html=host_page(lang="en-CA"))
    page.goto(f"{SITE}/")
    expect(widget.launcher).to_contain_text("Any questions?")
    site.page.unroute(f"{SITE}/")
    site.serve(html=host_page(lang=""))
    page.goto(f"{SITE}/")
    expect(widget.launcher).to_contain_text("Une question?")
    widget.open()
    expect(page.get_by_label("Votre question")).to_be_visible()


def test_data_attributes_language_position_colour_title(page, site, widget):
    site.serve(
        html=host_page(
            lang="fr", data={"lang": "en"}, position="left", color="#8a1c1c", title="Ask Québec"
        )
    )
    page.goto(f"{SITE}/")
    widget.open()
    expect(page.get_by_role("dialog", name="Ask Québec")).to_be_visible()
    expect(page.get_by_label("Your question")).to_be_visible()
    box = widget.launcher.bounding_box()
    assert box and box["x"] < 100
    colour = widget.launcher.evaluate("b => getComputedStyle(b).backgroundColor")
    assert colour == "rgb(138, 28, 28)"


def test_a_colour_without_enough_contrast_falls_back_to_the_citys_blue(page, site, widget):
    site.serve(html=host_page(color="#ffee00"))
    page.goto(f"{SITE}/")
    expect(widget.launcher).to_be_visible()
    assert (
        widget.launcher.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(11, 61, 107)"
    )


def test_unreachable_backend_error_within_5_s_with_retry_and_the_text_kept(page, site, widget):
    # nothing listens on port 9: the API is unreachable
    site.serve(html=host_page(api="http://127.0.0.1:9"))
    sent: list[dict] = []
    page.on(
        "request",
        lambda r: (
            sent.append(json.loads(r.post_data))
            if r.url.endswith("/api/chat") and r.method == "POST"
            else None
        ),
    )
    page.goto(f"{SITE}/")
    widget.open()
    started = time.monotonic()
    widget.textarea.fill("Comment obtenir un permis de travail?")
    widget.textarea.press("Enter")
    error = widget.messages("error")
    expect(error).to_be_visible(timeout=5000)
    assert time.monotonic() - started < 5.5
    expect(error).to_contain_text("Le service ne répond pas")
    expect(error.get_by_role("button", name="Réessayer")).to_be_visible()
    expect(widget.textarea).to_have_value("Comment obtenir un permis de travail?")
    expect(widget.messages("visitor")).to_have_class("msg visitor failed")

    # the backend comes back: Retry resends the same text with the same client_message_id
    page.route("http://127.0.0.1:9/api/chat", site._chat)
    page.route(
        "http://127.0.0.1:9/api/conversations/**",
        lambda route: route.fulfill(status=404, body="{}"),
    )
    error.get_by_role("button", name="Réessayer").click()
    widget.wait_idle()
    expect(widget.messages("bot")).to_have_count(1)
    expect(widget.messages("error")).to_have_count(0)
    expect(widget.messages("visitor")).to_have_count(1)
    assert sent[0]["client_message_id"] == sent[-1]["client_message_id"]
    assert sent[0]["text"] == sent[-1]["text"] == "Comment obtenir un permis de travail?"


def test_a_slow_backend_is_given_up_after_5_s_and_enter_retries_the_same_message(
    page, site, widget
):
    site.serve()
    site.api()
    hung: list = []
    site.replies.append(lambda route, body: hung.append(route))  # never answered
    page.goto(f"{SITE}/")
    widget.open()
    started = time.monotonic()
    widget.textarea.fill("Quels sont les délais?")
    widget.textarea.press("Enter")
    error = widget.messages("error")
    expect(error).to_be_visible(timeout=6000)
    assert 4.5 < time.monotonic() - started < 6.0
    expect(error).to_contain_text("trop de temps")
    expect(widget.textarea).to_have_value("Quels sont les délais?")
    # pressing Enter on the kept text is the same message again, not a new one
    widget.textarea.press("Enter")
    widget.wait_idle()
    expect(widget.messages("bot")).to_have_count(1)
    expect(widget.messages("visitor")).to_have_count(1)
    assert site.requests[0]["client_message_id"] == site.requests[1]["client_message_id"]
    expect(widget.textarea).to_have_value("")


def test_503_shows_the_servers_message_and_retries_in_the_same_conversation(page, site, widget):
    site.serve()
    site.api()
    message = "L'assistant démarre ou est momentanément indisponible. Votre message est conservé."
    site.replies.append(
        lambda route, body: route.fulfill(
            status=503,
            headers={"Retry-After": "5"},
            content_type="application/json",
            body=json.dumps(
                {
                    "error": {
                        "code": "assistant_unavailable",
                        "message": message,
                        "conversation_id": "conv-503",
                    }
                }
            ),
        )
    )
    page.goto(f"{SITE}/")
    widget.open()
    widget.ask("Bonjour")
    expect(widget.messages("error")).to_contain_text(message)
    assert widget.stored()["conversation_id"] == "conv-503"
    widget.messages("error").get_by_role("button", name="Réessayer").click()
    widget.wait_idle()
    assert site.requests[1]["conversation_id"] == "conv-503"
    assert site.requests[1]["client_message_id"] == site.requests[0]["client_message_id"]
    expect(widget.messages("bot")).to_have_count(1)


def test_an_unknown_conversation_is_forgotten_and_the_next_message_starts_a_new_one(
    page, site, widget
):
    site.serve()
    site.api()
    page.route(
        f"{SITE}/api/conversations/gone",
        lambda route: route.fulfill(
            status=404,
            content_type="application/json",
            body=json.dumps(
                {
                    "error": {
                        "code": "conversation_not_found",
                        "message": "Cette conversation n'existe plus.",
                        "conversation_id": "gone",
                    }
                }
            ),
        ),
    )
    page.goto(f"{SITE}/")
    page.evaluate(
        "localStorage.setItem('bri-assistant', JSON.stringify({conversation_id: 'gone', expires: Date.now() + 60000}))"
    )
    page.reload()
    widget.open()
    expect(widget.messages()).to_have_count(0)
    page.wait_for_function("localStorage.getItem('bri-assistant') === null")
    # an expired one is not even asked for
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.evaluate(
        "localStorage.setItem('bri-assistant', JSON.stringify({conversation_id: 'old', expires: Date.now() - 1}))"
    )
    page.reload()
    widget.open()
    assert not any("/api/conversations/old" in url for url in asked)
    assert widget.stored() is None
    widget.ask("Bonjour")
    assert site.requests[-1]["conversation_id"] is None


def test_typing_indicator_within_100_ms(page, site, widget):
    site.serve()
    site.api()
    held: list = []
    site.replies.append(lambda route, body: held.append(route))
    page.goto(f"{SITE}/")
    widget.open()
    widget.textarea.fill("Bonjour")
    page.evaluate(
        """() => {
          const root = document.querySelector('#bri-assistant-widget').shadowRoot;
          const typing = root.querySelector('.typing');
          root.querySelector('textarea').addEventListener('keydown', () => { window.__sent = performance.now(); }, {capture: true});
          new MutationObserver(() => {
            if (typing.classList.contains('on') && !window.__typing) window.__typing = performance.now();
          }).observe(typing, {attributes: true});
        }"""
    )
    widget.textarea.press("Enter")
    typing = page.locator("#bri-assistant-widget .typing")
    expect(typing).to_be_visible()
    expect(typing).to_contain_text("L'assistant écrit")
    assert page.evaluate("window.__typing - window.__sent") < 100
    held[0].fulfill(
        status=200,
        content_type="application/json",
        body=json.dumps({"conversation_id": "c1", **answer("Bonjour!", outcome="smalltalk")}),
    )
    widget.wait_idle()
    expect(typing).to_be_hidden()


def test_server_text_is_text_links_are_safe_and_bubbles_carry_their_language(page, site, widget):
    site.serve()
    site.api()
    text = (
        '<img src=x onerror="window.__pwned=true"> Voir https://www.quebec.ca/immigration?x=1&y=2). '
        "Écrivez à international@ville.quebec.qc.ca. javascript:alert(1)"
    )
    site.replies.append(answer(text, language="en"))
    page.goto(f"{SITE}/")
    page.evaluate("window.__pwned = false")
    widget.open()
    widget.ask("<b>gras</b>")
    log = widget.log
    assert log.locator("img, b").count() == 0
    assert page.evaluate("window.__pwned") is False
    expect(widget.messages("visitor")).to_contain_text("<b>gras</b>")
    links = widget.messages("bot").locator("a")
    expect(links).to_have_count(2)
    assert links.nth(0).get_attribute("href") == "https://www.quebec.ca/immigration?x=1&y=2"
    assert "noopener" in (links.nth(0).get_attribute("rel") or "")
    assert links.nth(0).get_attribute("target") == "_blank"
    assert links.nth(1).get_attribute("href") == "mailto:international@ville.quebec.qc.ca"
    expect(widget.messages("bot")).to_contain_text("javascript:alert(1)")  # as text
    assert widget.messages("bot").get_attribute("lang") == "en"
    assert widget.messages("visitor").get_attribute("lang") == "fr"
    assert widget.messages("bot").locator("time").count() == 1


def test_thumbs_on_answers_only_send_the_turns_first_kb_entry(page, site, widget):
    site.serve()
    site.api()
    site.replies.append(answer("Salut!", outcome="smalltalk"))
    site.replies.append(
        answer("Le permis de travail…", kb_entries=["talent-work-permit", "talent-caq"])
    )
    page.goto(f"{SITE}/")
    widget.open()
    widget.ask("Bonjour")
    assert widget.messages("bot").nth(0).locator(".vote").count() == 0
    widget.ask("permis de travail")
    bot = widget.messages("bot").nth(1)
    up = bot.get_by_role("button", name="Réponse utile")
    down = bot.get_by_role("button", name="Réponse pas utile")
    expect(up).to_have_attribute("aria-pressed", "false")
    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    down.click()
    expect(down).to_have_attribute("aria-pressed", "true")
    expect(up).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#bri-assistant-widget .announcer")).to_have_text("Merci de votre avis.")
    assert site.feedback == [
        {"conversation_id": "conv-test", "kb_entry": "talent-work-permit", "value": "up"},
        {"conversation_id": "conv-test", "kb_entry": "talent-work-permit", "value": "down"},
    ]


def test_consent_choices_are_described_by_the_notice(page, site, widget):
    site.serve()
    site.api()
    notice = "Avant de transmettre votre demande au Bureau… Acceptez-vous?"
    site.replies.append(
        answer(
            notice,
            outcome="escalate",
            buttons=[
                {"title": "J'accepte", "payload": "/affirm"},
                {"title": "Je refuse", "payload": "/deny"},
            ],
        )
    )
    page.goto(f"{SITE}/")
    widget.open()
    widget.ask("Je voudrais parler à une personne")
    bubble = widget.messages("bot")
    expect(bubble).to_have_attribute("data-outcome", "escalate")
    group = bubble.locator(".choices")
    described = group.get_attribute("aria-describedby")
    assert (
        described
        and page.evaluate(
            "id => document.querySelector('#bri-assistant-widget').shadowRoot.getElementById(id).textContent",
            described,
        )
        == notice
    )
    yes = page.get_by_role("button", name="J'accepte")
    assert yes.get_attribute("aria-describedby") == described
    yes.click()
    widget.wait_idle()
    assert site.requests[-1]["text"] == "/affirm"
    expect(widget.messages("visitor").last).to_contain_text("J'accepte")
    # the choices of an earlier turn are retired
    expect(yes).to_be_disabled()
