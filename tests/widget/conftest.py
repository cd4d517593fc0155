"""Fixtures for the chat widget's browser tests: pages on the real stack, and a fake host site
(any origin, served by Playwright's request routing) for what needs no Rasa."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

ROOT = Path(__file__).resolve().parents[2]
WIDGET_DIR = ROOT / "assistant" / "web" / "static" / "widget"
SCREENSHOTS = ROOT / "var" / "screenshots"
AXE = ROOT / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
SITE = "http://city.test"
STORE_KEY = "bri-assistant"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture
def page(context) -> Page:
    return context.new_page()


@pytest.fixture(scope="session")
def warm_stack(stack):
    """The widget gives up after 5 s: make sure Rasa has answered once before a browser waits."""
    stack.chat("Bonjour")
    stack.chat("Hello")
    return stack


class Widget:
    """The embedded widget, seen from the page (Playwright's CSS locators pierce open shadow
    roots)."""

    def __init__(self, page: Page) -> None:
        self.page = page

    @property
    def launcher(self):
        return self.page.locator("#bri-assistant-widget .launcher")

    @property
    def panel(self):
        return self.page.locator("#bri-assistant-widget .panel")

    @property
    def textarea(self):
        return self.page.locator("#bri-assistant-widget textarea")

    @property
    def log(self):
        return self.page.locator("#bri-assistant-widget .log")

    @property
    def banner(self):
        return self.page.locator("#bri-assistant-widget .banner")

    def messages(self, kind: str = ""):
        return self.page.locator(f"#bri-assistant-widget .msg{'.' + kind if kind else ''}")

    def open(self) -> None:
        expect(self.launcher).to_be_visible(timeout=10000)
        if self.launcher.get_attribute("aria-expanded") != "true":
            self.launcher.click()
        expect(self.panel).to_be_visible()

    def ask(self, text: str, timeout: float = 20000) -> None:
        """Type a message, press Enter and wait for the turn to end."""
        self.textarea.fill(text)
        self.textarea.press("Enter")
        self.wait_idle(timeout)

    def wait_idle(self, timeout: float = 20000) -> None:
        expect(self.page.locator("#bri-assistant-widget form")).not_to_have_attribute(
            "aria-busy", "true", timeout=timeout
        )

    def texts(self) -> list[str]:
        return [
            t.strip()
            for t in self.page.locator("#bri-assistant-widget .msg .text").all_inner_texts()
        ]

    def stored(self) -> dict[str, Any] | None:
        return self.page.evaluate(f"JSON.parse(localStorage.getItem({STORE_KEY!r}))")

    def active(self) -> dict[str, Any]:
        """What has the keyboard focus, looking into the widget's shadow root."""
        return self.page.evaluate(
            """() => {
              const a = document.activeElement;
              if (!a) return {};
              if (a.id !== 'bri-assistant-widget') return {page: a.tagName};
              const inner = a.shadowRoot.activeElement;
              return inner ? {widget: true, tag: inner.tagName, cls: inner.className,
                              text: inner.textContent, inPanel: !!inner.closest('.panel')}
                           : {widget: true};
            }"""
        )


@pytest.fixture
def widget(page) -> Widget:
    return Widget(page)


# --- the live stack's helpers ------------------------------------------------------------

# Words that can mean several KB entries ("permis": work, study or event permits). Which of them
# the assistant answers with a choice depends on the KB and the router's tuning, so the
# clarification tests ask the running assistant first and use the first that gets a choice.
AMBIGUOUS_QUESTIONS = ["permis", "CAQ", "c'est quoi le CAQ", "UNESCO", "visa", "assurance"]


@dataclass(frozen=True)
class Clarification:
    question: str
    choices: list[str]  # the titles of the buttons offered, in order
    first_answer: str  # the opening of the answer the first choice leads to


@pytest.fixture(scope="session")
def clarification(warm_stack) -> Clarification:
    for question in AMBIGUOUS_QUESTIONS:
        reply = warm_stack.chat(question, language="fr")
        if reply["outcome"] == "clarify":
            buttons = [b for m in reply["messages"] for b in m.get("buttons") or []]
            chosen = warm_stack.chat(buttons[0]["payload"], reply["conversation_id"], "fr")
            assert chosen["outcome"] == "answer", chosen
            opening = chosen["messages"][0]["text"][:60]
            return Clarification(question, [b["title"] for b in buttons], opening)
    pytest.fail(f"none of {AMBIGUOUS_QUESTIONS} gets a choice: the assistant never clarifies")


def open_demo(page: Page, widget: Widget, url: str, lang: str = "fr") -> None:
    page.goto(f"{url}/demo" + ("?lang=en" if lang == "en" else ""))
    widget.open()


def last_bot(widget: Widget):
    return widget.messages("bot").last


def choose(widget: Widget, title: str, timeout: float = 20000) -> None:
    """Click a choice of the latest bot bubble and wait for the turn to end."""
    last_bot(widget).get_by_role("button", name=title, exact=True).click()
    widget.wait_idle(timeout)


def no_errors(widget: Widget) -> None:
    expect(widget.messages("error")).to_have_count(0)


def host_page(
    *,
    lang: str = "fr",
    script: str = f"{SITE}/static/widget/widget.js",
    data: dict[str, str] | None = None,
    **more: str,
) -> str:
    """A host page; `data` and the keyword arguments become the script tag's data-* attributes
    (`data={"lang": …}` for the widget's own language, `lang` being the page's)."""
    attributes = " ".join(
        f'data-{name}="{value}"' for name, value in {**(data or {}), **more}.items()
    )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Host page</title></head><body><main><h1>Host page</h1>"
        "<p>A page of some other website.</p></main>"
        f'<script src="{script}" defer {attributes}></script></body></html>'
    )


class FakeSite:
    """A host page on any origin plus, optionally, a scripted chat API on the same origin."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[dict[str, Any]] = []
        self.feedback: list[dict[str, Any]] = []
        self.replies: list[Callable[[Route, dict[str, Any]], None] | dict[str, Any]] = []

    def serve(self, origin: str = SITE, html: str | None = None, path: str = "/") -> None:
        self.page.route(
            f"{origin}{path}",
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html or host_page()
            ),
        )
        self.page.route(
            re.compile(re.escape(origin) + r"/static/widget/(widget\.(js|css))(\?.*)?$"),
            self._static,
        )

    def api(self, origin: str = SITE) -> None:
        self.page.route(f"{origin}/api/chat", self._chat)
        self.page.route(f"{origin}/api/feedback", self._feedback)
        self.page.route(
            re.compile(re.escape(origin) + r"/api/conversations/.*/events.*"),
            lambda route: route.fulfill(
                status=200,
                content_type="text/event-stream",
                body='event: status\ndata: {"status": "bot"}\n\n',
            ),
        )

    @staticmethod
    def _static(route: Route) -> None:
        name = route.request.url.split("/static/widget/", 1)[1].split("?", 1)[0]
        route.fulfill(path=str(WIDGET_DIR / name))

    def _chat(self, route: Route) -> None:
        if route.request.method == "OPTIONS":
            route.fulfill(status=204, headers=CORS)
            return
        body = json.loads(route.request.post_data or "{}")
        self.requests.append(body)
        reply = self.replies.pop(0) if self.replies else answer("Réponse.")
        if callable(reply):
            reply(route, body)
        else:
            route.fulfill(
                status=200,
                headers=CORS,
                content_type="application/json",
                body=json.dumps(
                    {"conversation_id": body.get("conversation_id") or "conv-test", **reply}
                ),
            )

    def _feedback(self, route: Route) -> None:
        if route.request.method == "OPTIONS":
            route.fulfill(status=204, headers=CORS)
            return
        self.feedback.append(json.loads(route.request.post_data or "{}"))
        route.fulfill(status=204, headers=CORS)


CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
}


def answer(
    text: str,
    *,
    language: str = "fr",
    outcome: str = "answer",
    kb_entries: list[str] | None = None,
    buttons: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    return {
        "language": language,
        "outcome": outcome,
        "kb_entries": kb_entries
        if kb_entries is not None
        else (["talent-work-permit"] if outcome == "answer" else []),
        "messages": [{"text": text, "buttons": buttons or []}],
    }


@pytest.fixture
def site(page) -> FakeSite:
    return FakeSite(page)


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.0/2.1 A and AA rules on the whole page (the widget's shadow DOM
    included); returns the violations."""
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run scripts/setup.sh --browser")
    # Evaluated by the driver, not as a <script>: the demo page's CSP forbids inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
          const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
          }));
        }""",
        WCAG_AA,
    )


def no_horizontal_scroll(page: Page) -> dict[str, Any]:
    return page.evaluate(
        """() => {
          const root = document.querySelector('#bri-assistant-widget').shadowRoot;
          const panel = root.querySelector('.panel').getBoundingClientRect();
          const log = root.querySelector('.log');
          return {
            page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
            log: log.scrollWidth <= log.clientWidth,
            panelInside: panel.left >= 0 && panel.right <= window.innerWidth + 0.5,
            width: window.innerWidth,
          };
        }"""
    )
