"""The HTML alternative of the case email: the same brief and transcript as the plain-text part,
as a table and a list. Rendered by Jinja with autoescape on, so every visitor-typed value (name,
organisation, summary, messages) is text, never markup; inline styles only (mail clients drop
style sheets), no images, no links, no scripts."""

from __future__ import annotations

from collections.abc import Sequence

from jinja2 import Environment

from assistant.cases.brief import TranscriptLine, bilingual

_TEMPLATE = """<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>{{ subject }}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; line-height: 1.45;">
<p>{{ intro }}</p>
<p><strong>{{ hint }}</strong></p>
<table style="border-collapse: collapse; margin: 0 0 1.5em;">
{%- for label, value in brief %}
<tr><th scope="row" style="text-align: left; vertical-align: top; padding: 4px 16px 4px 0;">{{ label }}</th><td style="vertical-align: top; padding: 4px 0; white-space: pre-wrap;">{{ value }}</td></tr>
{%- endfor %}
</table>
<h2 style="font-size: 1.1em;">{{ heading }}</h2>
{%- if transcript %}
<ol style="list-style: none; padding: 0; margin: 0;">
{%- for line in transcript %}
<li style="margin: 0 0 8px;"><span style="color: #4a4a4a;">[{{ line.created_at.strftime('%Y-%m-%d %H:%M') }} UTC] {{ senders.get(line.sender, line.sender) }} :</span> <span style="white-space: pre-wrap;">{% if line.button %}[{{ line.text }}]{% else %}{{ line.text }}{% endif %}</span></li>
{%- endfor %}
</ol>
{%- else %}
<p>—</p>
{%- endif %}
</body>
</html>
"""

_COMPILED = Environment(autoescape=True, keep_trailing_newline=True).from_string(_TEMPLATE)


def case_html(
    *,
    subject: str,
    hint: str,
    brief: Sequence[tuple[str, str]],
    transcript: Sequence[TranscriptLine],
) -> str:
    """The HTML part: ``brief`` (label, value) pairs and the ``transcript``, escaped."""
    senders = {s: bilingual(f"sender.{s}") for s in ("visitor", "bot", "staff", "system")}
    return _COMPILED.render(
        subject=subject,
        intro=bilingual("case_email.intro"),
        hint=hint,
        brief=brief,
        heading=bilingual("transcript.heading"),
        transcript=transcript,
        senders=senders,
    )
