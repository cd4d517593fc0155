"""A person's data given back to them (Law 25, s. 27): as JSON (every store, every field) and as
a readable HTML document in the person's language (their case's, else their conversation's).
Everything in the document is escaped: it is visitor text."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from assistant.core.i18n import colon, t
from assistant.privacy.rasa_trackers import TrackerEvent
from assistant.privacy.rights import Holdings


def _when(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat(timespec="seconds")


def _stamp(timestamp: float | None) -> str | None:
    return None if timestamp is None else _when(datetime.fromtimestamp(timestamp, UTC))


def _trackers(events: list[TrackerEvent]) -> list[dict[str, Any]]:
    """Rasa's events, per conversation, as Rasa stored them."""
    conversations: dict[str, list[TrackerEvent]] = {}
    for event in events:
        conversations.setdefault(event.conversation_id, []).append(event)
    return [
        {
            "started_at": _stamp(group[0].timestamp),
            "events": [{**e.data, "type": e.type_name, "at": _stamp(e.timestamp)} for e in group],
        }
        for group in conversations.values()
    ]


def _tracker_lines(conversation: dict[str, Any], lang: str) -> list[str]:
    """What the visitor typed, what the bot said and the answers Rasa kept (its slots)."""
    lines = []
    for event in conversation["events"]:
        kind, text = event["type"], event.get("text")
        if kind in ("user", "bot") and text:
            who = t("privacy.doc.sender." + ("visitor" if kind == "user" else "bot"), lang)
            lines.append(
                f"<li><b>{escape(who)}</b> ({event['at']}){colon(lang)}{escape(text)}</li>"
            )
        elif kind == "slot" and event.get("value") not in (None, "", [], {}):
            value = f"{event.get('name')} = {event.get('value')}"
            label = t("privacy.doc.rasa_slot", lang)
            lines.append(f"<li>{escape(label)} ({event['at']}){colon(lang)}{escape(value)}</li>")
    return lines


def export_json(found: Holdings) -> dict[str, Any]:
    notes: dict[int, list[dict[str, Any]]] = {}
    for note in found.notes:
        notes.setdefault(note.case_id, []).append(
            {"created_at": _when(note.created_at), "text": note.text}
        )
    consents: dict[int | None, list[dict[str, Any]]] = {}
    for consent in found.consents:
        consents.setdefault(consent.case_id, []).append(
            {
                "answer": consent.answer,
                "language": consent.language,
                "answered_at": _when(consent.answered_at),
                "notice_sha256": consent.notice_hash,
            }
        )
    return {
        "generated_at": _when(datetime.now(UTC)),
        "searched_by": found.person.kind,
        "language": found.language,
        "cases": [
            {
                "reference": c.reference,
                "created_at": _when(c.created_at),
                "status": c.status,
                "language": c.language,
                "audience": c.audience,
                "name": c.name,
                "email": c.email,
                "organisation": c.organisation,
                "country": c.country,
                "summary": c.summary,
                "fields": c.fields,
                "resolution": c.resolution,
                "closed_at": _when(c.closed_at),
                "notes": notes.get(c.id, []),
                "consent": consents.get(c.id, []),
            }
            for c in found.cases
        ],
        "conversations": [
            {
                "created_at": _when(conversation.created_at),
                "language": conversation.language,
                "messages": [
                    {"sender": m.sender, "created_at": _when(m.created_at), "text": m.text}
                    for m in found.messages
                    if m.conversation_id == conversation.id
                ],
                "feedback": [
                    {"answer": f.kb_entry, "value": f.value, "question": f.question}
                    for f in found.feedback
                    if f.conversation_id == conversation.id
                ],
            }
            for conversation in found.conversations
        ],
        "emails": [
            {
                "kind": e.kind,
                "to": e.to_address,
                "subject": e.subject,
                "body": e.body,
                "status": e.status,
                "created_at": _when(e.created_at),
            }
            for e in found.emails
        ],
        "review_inbox": [
            {"text_masked": i.text, "language": i.language, "last_seen": _when(i.last_seen)}
            for i in found.inbox_items
        ],
        "mail_files": [path.name for path in found.mail_files],
        "rasa_trackers": _trackers(found.rasa_events),
    }


def _section(title: str, body: list[str]) -> list[str]:
    return [f"<h2>{escape(title)}</h2>", *body] if body else []


def _pairs(pairs: list[tuple[str, Any]], language: str) -> str:
    rows = "".join(
        f"<dt>{escape(label)}</dt><dd>{escape(str(value))}</dd>"
        for label, value in pairs
        if value not in (None, "", {})
    )
    return f"<dl>{rows}</dl>"


def export_document(found: Holdings, language: str | None = None) -> str:
    """A standalone HTML page, in ``language`` (default: the person's)."""
    lang = language or found.language
    data = export_json(found)
    sep = colon(lang)
    body = [f"<h1>{escape(t('privacy.doc.title', lang))}</h1>"]
    body.append(f"<p>{escape(t('privacy.doc.intro', lang))}{sep}{data['generated_at']}</p>")
    if found.empty:
        body.append(f"<p>{escape(t('privacy.doc.nothing', lang))}</p>")
    cases = []
    for case in data["cases"]:
        cases.append(f"<h3>{escape(t('privacy.doc.case', lang))} {escape(case['reference'])}</h3>")
        pairs = [
            (t("privacy.doc.created", lang), case["created_at"]),
            (t("field.contact_name", lang), case["name"]),
            (t("field.contact_email", lang), case["email"]),
            (t("field.organisation", lang), case["organisation"]),
            (t("field.country", lang), case["country"]),
            (t("field.summary", lang), case["summary"]),
            *((t(f"field.{k}", lang), v) for k, v in (case["fields"] or {}).items()),
            (t("privacy.doc.resolution", lang), case["resolution"]),
        ]
        cases.append(_pairs(pairs, lang))
        for consent in case["consent"]:
            cases.append(
                "<p>"
                + escape(t("privacy.doc.consent", lang).format(when=consent["answered_at"]))
                + f" <code>{escape(consent['notice_sha256'])}</code></p>"
            )
        cases += [
            f"<p>{escape(t('privacy.doc.note', lang))}{sep}{escape(n['text'])}</p>"
            for n in case["notes"]
        ]
    body += _section(t("privacy.doc.cases", lang), cases)
    talks = []
    for conversation in data["conversations"]:
        talks.append(
            f"<h3>{escape(t('privacy.doc.conversation', lang))} {conversation['created_at']}</h3><ol>"
        )
        for m in conversation["messages"]:
            who = t(f"privacy.doc.sender.{m['sender']}", lang)
            talks.append(
                f"<li><b>{escape(who)}</b> ({m['created_at']}){sep}{escape(m['text'])}</li>"
            )
        talks.append("</ol>")
        for f in conversation["feedback"]:
            talks.append(
                f"<p>{escape(t('privacy.doc.feedback', lang))}{sep}{escape(f['value'])}</p>"
            )
    body += _section(t("privacy.doc.conversations", lang), talks)
    mails = [
        f"<h3>{escape(e['subject'])}</h3><p>{escape(e['to'])} ({e['created_at']})</p>"
        f"<pre>{escape(e['body'])}</pre>"
        for e in data["emails"]
    ]
    body += _section(t("privacy.doc.emails", lang), mails)
    inbox = [f"<p>{escape(i['text_masked'])}</p>" for i in data["review_inbox"]]
    body += _section(t("privacy.doc.inbox", lang), inbox)
    engine = []
    for conversation in data["rasa_trackers"]:
        title = escape(t("privacy.doc.conversation", lang))
        engine += [f"<h3>{title} {conversation['started_at']}</h3><ol>"]
        engine += [*_tracker_lines(conversation, lang), "</ol>"]
    body += _section(t("privacy.doc.rasa_title", lang), engine)
    body.append(f"<p>{escape(t('privacy.doc.rasa', lang))}</p>")
    title = escape(t("privacy.doc.title", lang))
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
