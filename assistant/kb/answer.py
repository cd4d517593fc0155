"""How a KB entry is shown to the visitor: its answer with the source, and as a choice button."""

from __future__ import annotations

import json

from assistant.core.i18n import colon, t
from assistant.kb.models import Entry


def source_url(entry: Entry, language: str) -> str:
    """The entry's source in the visitor's language when it has one (…/fr/… or …/en/…)."""
    urls = [str(url) for url in entry.sources]
    other = "/en/" if language == "fr" else "/fr/"
    return next(
        (url for url in urls if f"/{language}/" in url),
        next((url for url in urls if other not in url), urls[0]),
    )


def answer_text(entry: Entry, language: str) -> str:
    content = entry.content(language)
    label = t("source", language) + colon(language)
    url = source_url(entry, language)
    if entry.competent_body == "autre":  # no useful body name: the source speaks for itself
        return f"{content.answer}\n{label}{url}"
    body = t(f"body.{entry.competent_body}", language)
    return f"{content.answer}\n{label}{body} — {url}"


def choice_button(entry: Entry, language: str) -> dict[str, str]:
    payload = "/" + entry.intent + json.dumps({"kb_entry": entry.id}, separators=(",", ":"))
    return {"title": entry.content(language).title, "payload": payload}
