"""The public privacy notice, in French (``/confidentialite``) and English (``/privacy``): who
is responsible for the protection of personal information, what is collected and why, who
receives it, how long each thing is kept — the real periods from ``Settings`` — and the
person's rights and how to exercise them. The consent step links to it (``consent_link``).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.config import Settings
from assistant.core.i18n import t

PATHS = {"fr": "/confidentialite", "en": "/privacy"}


def notice_url(base_url: str, language: str) -> str:
    """The notice's absolute URL in ``language`` (French unless English)."""
    return base_url.rstrip("/") + PATHS["en" if language == "en" else "fr"]


def duration(days: int, language: str) -> str:
    """ "2 ans" / "2 years" for whole years from 365 days on, else "90 jours" / "90 days"."""
    if days >= 365 and days % 365 == 0:
        count, unit = days // 365, "year"
    else:
        count, unit = days, "day"
    key = f"privacy.duration.{unit}{'' if count == 1 else 's'}"
    return t(key, language).format(count=count)


def consent_link(base_url: str, language: str) -> str:
    """The line the consent step ends with: where the periods and rights are explained."""
    return t("privacy.consent_link", language).format(url=notice_url(base_url, language))


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str]


@dataclass(frozen=True)
class Notice:
    language: str
    title: str
    lead: str
    sections: list[Section]


def build_notice(settings: Settings, language: str) -> Notice:
    """The notice in ``language`` with this deployment's names, addresses and periods."""

    def tr(key: str, **values: str) -> str:
        return t(key, language).format(**values)

    officer = tr(
        "privacy.page.officer_text",
        name=settings.privacy_officer_name,
        email=settings.privacy_officer_email,
    )
    periods = [
        tr("privacy.period.cases", period=duration(settings.case_retention_days, language)),
        tr(
            "privacy.period.conversations",
            period=duration(settings.conversation_retention_days, language),
        ),
        tr("privacy.period.inbox", period=duration(settings.case_retention_days, language)),
        tr("privacy.period.logs", period=duration(settings.log_retention_days, language)),
        tr("privacy.period.purge"),
    ]
    return Notice(
        language=language,
        title=tr("privacy.page.title"),
        lead=tr("privacy.page.lead"),
        sections=[
            Section(tr("privacy.page.officer"), [officer]),
            Section(tr("privacy.page.collected"), [tr("privacy.page.collected_text")]),
            Section(tr("privacy.page.purposes"), [tr("privacy.page.purposes_text")]),
            Section(
                tr("privacy.page.recipients"),
                [tr("privacy.page.recipients_text", bureau=settings.bureau_email)],
            ),
            Section(tr("privacy.page.periods"), periods),
            Section(
                tr("privacy.page.rights"),
                [tr("privacy.page.rights_text", email=settings.privacy_officer_email)],
            ),
        ],
    )
