#!/usr/bin/env python3
"""Screenshots of the chat widget on the demo page, for the README.

Run from the project root with the app environment, against a running app (``make run``)::

    .venvs/app/bin/python scripts/screenshots.py http://127.0.0.1:8000 [--out docs/screenshots]

It drives headless Chromium (Debian's ``chromium``, via Playwright), asks the real assistant a
few questions and saves three PNGs: the French demo page on a desktop with the widget open
mid-conversation, the same conversation 320 px wide (a phone, or a desktop at 400% zoom), and
an English conversation. Each file is checked to stay under 200 KB.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
MAX_BYTES = 200_000
WIDGET = "#bri-assistant-widget"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def ask(page: Page, text: str) -> None:
    """Type a question, press Enter and wait for the reply (or an error message)."""
    box = page.locator(f"{WIDGET} textarea")
    box.fill(text)
    box.press("Enter")
    expect(page.locator(f"{WIDGET} form")).not_to_have_attribute("aria-busy", "true", timeout=30000)
    if page.locator(f"{WIDGET} .msg.error").count():
        raise SystemExit(f"the assistant did not answer {text!r}: is Rasa up?")


def choose(page: Page, title: str) -> None:
    """Click a choice button of the latest reply and wait for the next one."""
    page.locator(f"{WIDGET} .msg.bot").last.get_by_role("button", name=title, exact=True).click()
    expect(page.locator(f"{WIDGET} form")).not_to_have_attribute("aria-busy", "true", timeout=30000)


def conversation(page: Page, url: str, steps: list[str]) -> None:
    """Open the widget and go through the steps: a question, or "> title" to click a choice."""
    page.goto(url)
    page.locator(f"{WIDGET} .launcher").click()
    expect(page.locator(f"{WIDGET} .panel")).to_be_visible()
    for step in steps:
        if step.startswith("> "):
            choose(page, step[2:])
        else:
            ask(page, step)
    page.locator(f"{WIDGET} textarea").blur()  # no focus ring in the picture


def save(page: Page, path: Path) -> None:
    page.screenshot(path=str(path), animations="disabled", caret="hide")
    size = path.stat().st_size
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {size // 1024} KB")
    if size > MAX_BYTES:
        raise SystemExit(f"{path.name} is over {MAX_BYTES // 1000} KB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the running app, e.g. http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    base = args.url.rstrip("/")
    executable = shutil.which("chromium")
    if executable is None:
        print("Debian's chromium is required (scripts/setup.sh --browser)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            french = ["Bonjour", "visa", "> Visa de visiteur ou AVE pour un court séjour"]
            desktop = browser.new_context(viewport={"width": 1200, "height": 760}, locale="fr-CA")
            page = desktop.new_page()
            conversation(page, f"{base}/demo", french)
            save(page, args.out / "widget-desktop-fr.png")
            page.set_viewport_size({"width": 320, "height": 640})
            ask(page, "permis")
            page.locator(f"{WIDGET} textarea").blur()
            save(page, args.out / "widget-mobile-320px-fr.png")
            desktop.close()

            english = browser.new_context(viewport={"width": 1200, "height": 760}, locale="en-CA")
            page = english.new_page()
            conversation(
                page,
                f"{base}/demo?lang=en",
                ["Hello", "Where is the Centre des congrès de Québec?"],
            )
            save(page, args.out / "widget-desktop-en.png")
            english.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
