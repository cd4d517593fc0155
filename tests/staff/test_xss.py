"""Visitor text is shown as text, never run, in the staff console: a corpus of XSS payloads in
every visitor-controlled field, the transcript, notes and a staff name, in headless Chromium
against the real app on a real uvicorn server."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from assistant.services import Services
from tests.staff.conftest import PASSWORD, LiveServer, add_staff, open_case

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<script>alert('xss')</script>",
    '<img src=x onerror="window.__xss=2">',
    "<img src=x onerror=alert(1)>",
    '<svg onload="window.__xss=3">',
    "<svg><script>window.__xss=4</script></svg>",
    '<a href="javascript:window.__xss=5">cliquez ici</a>',
    "javascript:alert(document.cookie)",
    '"><script>window.__xss=6</script>',
    "'><img src=x onerror=window.__xss=7>",
    '" onmouseover="window.__xss=8" x="',
    "' autofocus onfocus='window.__xss=9",
    "{{7*7}}",
    "{{ config.items() }}{% for x in range(3) %}{{x}}{% endfor %}",
    "${7*7} #{7*7} <%= 7*7 %>",
    "</textarea><script>window.__xss=10</script>",
    "</title><script>alert(2)</script>",
    "<style>@import 'javascript:alert(3)';body{background:red}</style>",
    '<div style="width: expression(alert(4))">x</div>',
    '<iframe srcdoc="<script>parent.__xss=11</script>"></iframe>',
    '<iframe src="javascript:alert(5)"></iframe>',
    "<body onload=alert(6)>",
    '<details open ontoggle="window.__xss=12">',
    '<input autofocus onfocus="window.__xss=13">',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=14>",
    "&lt;script&gt;window.__xss=15&lt;/script&gt;",
    "%3Cscript%3Ewindow.__xss%3D16%3C%2Fscript%3E",
    r"\u003cscript\u003ewindow.__xss=17\u003c/script\u003e",
    "＜script＞window.__xss=18＜/script＞",
    "<scr<script>ipt>window.__xss=19</scr</script>ipt>",
    "<IMG SRC=JaVaScRiPt:alert(7)>",
    '<object data="javascript:window.__xss=20"></object>',
    '<embed src="javascript:alert(8)">',
    '<video><source onerror="window.__xss=21"></video>',
    '<marquee onstart="window.__xss=22">défile</marquee>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(9)">',
    '<form action="javascript:alert(10)"><button>go</button></form>',
    "<!--<img src=x onerror=window.__xss=23>-->",
    "<![CDATA[<script>window.__xss=24</script>]]>",
    '<a href="&#106;avascript:alert(11)">entité</a>',
    '<img src="x" onerror="&#119;indow.__xss=25">',
    "</script><script>window.__xss=26</script>",
    '<svg><animate onbegin="window.__xss=27" attributeName=x dur=1s>',
    "<x onclick=alert(12)>cliquez</x>",
    "Ça marche? <b>gras</b> & « guillemets » — 日本語 \u202eevil\u202c",
]
STAFF_PAYLOAD = '<img src=x onerror="window.__xss=99">Zoé'
FORBIDDEN_IN_MAIN = (
    "img, svg, iframe, script, style, object, embed, video, audio, source, math, marquee, "
    "details, base, meta, x, b, input:not([type=hidden])"
)
ALLOWED_PATHS = ("/staff", "/static/", "/api/staff/cases", "/favicon.ico")

FIND_INJECTED = """() => {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      // (Playwright's screenshots leave an empty style="" on inputs: not an injection)
      const styled = name === 'style' && attribute.value.trim() !== '';
      if (name.startsWith('on') || name === 'srcdoc' || styled) {
        found.push(element.tagName + '[' + name + ']');
      }
      if (['href', 'src', 'action', 'data', 'formaction'].includes(name)
          && /^\\s*(javascript|data|vbscript):/i.test(attribute.value)) {
        found.push(element.tagName + '[' + name + '=' + attribute.value + ']');
      }
    }
  }
  for (const script of document.scripts) {
    if (!script.src || new URL(script.src).pathname !== '/static/staff-queue.js') {
      found.push('script ' + (script.src || script.textContent.slice(0, 40)));
    }
  }
  return found;
}"""
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  (event) => window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));
"""


@dataclass
class Seeded:
    email: str
    realistic_case: int
    payload_case: int


async def seed(services: Services) -> Seeded:
    agathe = await add_staff(services, "agathe@ville.quebec.qc.ca", name="Agathe Gagnon")
    zoe = await add_staff(services, "zoe@ville.quebec.qc.ca", name=STAFF_PAYLOAD)
    realistic = await open_case(
        services,
        conversation_id="conv-lyon",
        audience="investor",
        name="Camille Martin",
        email="camille.martin@example.fr",
        organisation="Lumina Robotique",
        country="France",
        summary="Nous envisageons d'ouvrir un centre de R-D de 40 personnes à Québec en 2027 et "
        "souhaitons rencontrer le Bureau pour parler des sites possibles.",
        fields={"sector": "Robotique", "project_stage": "Choix du site"},
        messages=[
            ("visitor", "Bonjour, nous voulons implanter un centre de R-D à Québec."),
            ("bot", "Je peux transmettre votre demande au Bureau. Qui êtes-vous?"),
            ("visitor", "Une PME lyonnaise en robotique, Lumina Robotique."),
        ],
    )
    await services.cases.claim(realistic.id, agathe.id)
    await services.cases.reply(realistic.id, agathe.id, "Bonjour, ici Agathe du Bureau.")
    await services.cases.add_note(realistic.id, agathe.id, "Proposer une visite du parc.")

    senders = ["visitor", "bot", "staff", "system"]
    messages = [(senders[i % 4], payload) for i, payload in enumerate(PAYLOADS)]
    messages.append(('"><img src=x onerror=window.__xss=98>', "sender name as a payload"))
    target = await open_case(
        services,
        conversation_id="conv-xss",
        messages=messages,
        audience=PAYLOADS[2],
        reason=PAYLOADS[8],
        name=PAYLOADS[0],
        email=PAYLOADS[10],
        organisation=PAYLOADS[15],
        country=PAYLOADS[24],
        summary=PAYLOADS[12],
        fields={PAYLOADS[i]: PAYLOADS[i + 1] for i in range(0, len(PAYLOADS) - 1, 2)},
    )
    await services.cases.claim(target.id, zoe.id)
    for payload in PAYLOADS[:8]:
        await services.cases.add_note(target.id, zoe.id, payload)
    for payload in PAYLOADS:
        await open_case(
            services,
            conversation_id=None,
            name=payload,
            summary=payload,
            audience=payload,
            reason=payload,
        )
    return Seeded(agathe.email, realistic.id, target.id)


class Watch:
    """Everything a payload could make the page do: dialogs, requests, CSP violations."""

    def __init__(self, page: Page, origin: str) -> None:
        self.page = page
        self.origin = origin
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.add_init_script(RECORD_CSP_VIOLATIONS)
        page.on("dialog", self._dialog)
        page.on("request", lambda request: self.requests.append(request.url))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_inert(self, expected_texts: list[str]) -> None:
        page = self.page
        page.wait_for_timeout(300)  # let any onload/onerror/autofocus handler have its chance
        assert self.dialogs == []
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.evaluate("window.__cspViolations") == []
        assert page.evaluate(FIND_INJECTED) == []
        main = page.locator("main")
        assert main.locator(FORBIDDEN_IN_MAIN).count() == 0
        for href in main.locator("a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        ):
            assert href.startswith("/staff"), href
        for action in main.locator("form").evaluate_all(
            "fs => fs.map(f => f.getAttribute('action'))"
        ):
            assert action.startswith("/staff/"), action
        text = main.text_content() or ""
        missing = [payload for payload in expected_texts if payload not in text]
        assert missing == [], "payloads not shown verbatim as text"
        for url in self.requests:
            parts = urlsplit(url)
            assert f"{parts.scheme}://{parts.netloc}" == self.origin, url
            assert parts.path.startswith(ALLOWED_PATHS), url


def sign_in(page: Page, url: str, email: str) -> None:
    page.goto(f"{url}/staff")
    assert "/staff/login" in page.url
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{url}/staff")


def test_xss_payloads_stay_text_in_the_queue_and_the_case_page(live_server: LiveServer, page: Page):
    assert live_server.services is not None
    seeded = live_server.run(seed(live_server.services))
    watch = Watch(page, live_server.url)
    sign_in(page, live_server.url, seeded.email)

    # the queue, as the server rendered it
    assert page.locator("#queue tbody tr").count() == len(PAYLOADS) + 2
    watch.assert_inert(PAYLOADS + [STAFF_PAYLOAD])
    template_cell = page.locator("#queue td.visitor", has_text="{{7*7}}")
    assert template_cell.first.text_content() == "{{7*7}}"  # not 49: no template evaluation
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "staff-queue.png"), full_page=True)

    # the queue, as the auto-refresh script re-renders it from the JSON API
    with page.expect_response(lambda response: "/api/staff/cases" in response.url):
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_selector("#queue[data-refreshed-at]")
    assert page.locator("#queue tbody tr").count() == len(PAYLOADS) + 2
    watch.assert_inert(PAYLOADS + [STAFF_PAYLOAD])
    assert page.locator("#queue td.visitor", has_text="{{7*7}}").first.text_content() == "{{7*7}}"

    # the case full of payloads: brief, transcript, notes, a staff name
    page.goto(f"{live_server.url}/staff/cases/{seeded.payload_case}")
    watch.assert_inert(PAYLOADS + [STAFF_PAYLOAD])
    brief = page.locator("dl.brief").text_content() or ""
    assert all(payload in brief for payload in PAYLOADS[:-1])  # fields: keys and values
    in_transcript = page.locator("ol.transcript p.text", has_text="{{7*7}}")
    assert in_transcript.first.text_content() == "{{7*7}}"
    assert "49" not in (in_transcript.first.text_content() or "")
    page.screenshot(path=str(SCREENSHOTS / "staff-case-xss.png"), full_page=True)

    # a realistic case, for the record of what staff see
    page.goto(f"{live_server.url}/staff/cases/{seeded.realistic_case}")
    watch.assert_inert(["Camille Martin", "Bonjour, ici Agathe du Bureau."])
    assert page.locator("#reply-text").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "staff-case.png"), full_page=True)
