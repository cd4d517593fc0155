"""Every aggregate of a report as a table with translated headers: the page shows them under
their charts (for screen readers and keyboard users) and exports them as CSV, so what is
exported is exactly what is shown — k-anonymity included."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from assistant.cases.brief import AUDIENCE_LABELS, REASON_LABELS
from assistant.core.i18n import t
from assistant.insights.outcomes import OUTCOMES, answer_rate
from assistant.insights.privacy import label
from assistant.insights.queries import percentile
from assistant.insights.report import LANGUAGES, OTHER, Report, Totals

Cell = str | int
NAMES = (
    "summary",
    "activity",
    "outcomes",
    "entries",
    "unanswered",
    "audiences",
    "reasons",
    "countries",
    "delays",
    "regions",
)


@dataclass(frozen=True)
class Table:
    name: str  # in the CSV's file name
    header: list[str]
    rows: list[list[Cell]]


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)} %"


def hours(seconds: float | None, language: str) -> str:
    if seconds is None:
        return "—"
    if seconds < 3600:
        return t("insights.unit.minutes", language).format(n=round(seconds / 60))
    return t("insights.unit.hours", language).format(n=f"{seconds / 3600:.1f}")


def _pick(table: Mapping[str, tuple[str, str]], key: str, language: str) -> str:
    fr, en = table.get(key, (key, key))
    return en if language == "en" else fr


def _change(now: float | None, before: float | None, *, rate: bool = False) -> str:
    if now is None or before is None:
        return "—"
    if rate:
        return f"{round((now - before) * 100):+d} pts"
    if before == 0:
        return "—"
    return f"{round((now - before) / before * 100):+d} %"


def _summary(report: Report, language: str) -> Table:
    tr = lambda key: t(key, language)  # noqa: E731
    now, before = report.totals, report.previous

    def row(key: str, get: Callable[[Totals], int]) -> list[Cell]:
        return [tr(key), get(now), get(before), _change(get(now), get(before))]

    return Table(
        "summary",
        [
            tr("insights.col.measure"),
            tr("insights.col.period"),
            tr("insights.col.previous"),
            tr("insights.col.change"),
        ],
        [
            row("insights.measure.conversations", lambda x: x.conversations),
            row("insights.measure.messages", lambda x: x.messages),
            [
                tr("insights.measure.answer_rate"),
                percent(now.answer_rate),
                percent(before.answer_rate),
                _change(now.answer_rate, before.answer_rate, rate=True),
            ],
            row("insights.measure.cases", lambda x: x.cases),
        ],
    )


def _activity(report: Report, language: str) -> Table:
    header = [t("insights.col.day", language)]
    for what in ("conversations", "messages"):
        header += [t(f"insights.col.{what}_{lang}", language) for lang in LANGUAGES]
    rows: list[list[Cell]] = []
    for day in report.days:
        row: list[Cell] = [day.isoformat()]
        for counts in (report.conversations, report.messages):
            row += [counts.get(lang, {}).get(day, 0) for lang in LANGUAGES]
        rows.append(row)
    return Table("activity", header, rows)


def _outcomes(report: Report, language: str) -> Table:
    header = [t("insights.col.day", language)]
    header += [t(f"insights.outcome.{name}", language) for name in OUTCOMES]
    header.append(t("insights.measure.answer_rate", language))
    rows: list[list[Cell]] = []
    for day in report.days:
        counts = {name: report.outcomes.get(name, {}).get(day, 0) for name in OUTCOMES}
        rows.append([day.isoformat(), *counts.values(), percent(answer_rate(counts))])
    return Table("outcomes", header, rows)


def _entries(report: Report, language: str, titles: Mapping[str, str]) -> Table:
    header = [t(f"insights.col.{c}", language) for c in ("entry", "asked", "up", "down")]
    rows: list[list[Cell]] = [
        [titles.get(e.entry_id, e.entry_id), e.asked, e.up, e.down] for e in report.entries
    ]
    return Table("entries", header, rows)


def _unanswered(report: Report, language: str) -> Table:
    cols = ("question", "language", "reasons", "occurrences", "wordings")
    header = [t(f"insights.col.{c}", language) for c in cols]
    rows: list[list[Cell]] = [
        [
            g.text,
            g.language.upper(),
            ", ".join(t(f"staff.inbox.reason.{r}", language) for r in g.reasons),
            g.occurrences,
            g.wordings,
        ]
        for g in report.unanswered
    ]
    return Table("unanswered", header, rows)


def _counts(
    name: str,
    column: str,
    counts: Mapping[str, int | None],
    key_label: Callable[[str], str],
    language: str,
) -> Table:
    header = [t(f"insights.col.{column}", language), t("insights.col.cases", language)]
    if name == "regions":
        header[1] = t("insights.col.conversations", language)
    rows: list[list[Cell]] = []
    for key, count in counts.items():
        rows.append([key_label(key), count if count is not None else label(None)])
    return Table(name, header, rows)


def _delays(report: Report, language: str) -> Table:
    cols = ("measure", "cases", "median", "p90")
    header = [t(f"insights.col.{c}", language) for c in cols]
    rows: list[list[Cell]] = []
    for key, values in (
        ("insights.measure.claim_delay", report.durations.claim_seconds),
        ("insights.measure.time_to_close", report.durations.close_seconds),
    ):
        rows.append(
            [
                t(key, language),
                len(values),
                hours(percentile(values, 0.5), language),
                hours(percentile(values, 0.9), language),
            ]
        )
    return Table("delays", header, rows)


def build_tables(
    report: Report, language: str, titles: Mapping[str, str] | None = None
) -> dict[str, Table]:
    """Every table of the report, by name (``titles``: KB entry titles by id, if known)."""
    not_given = t("insights.country.not_given", language)
    other = t("insights.country.other", language)
    return {
        "summary": _summary(report, language),
        "activity": _activity(report, language),
        "outcomes": _outcomes(report, language),
        "entries": _entries(report, language, titles or {}),
        "unanswered": _unanswered(report, language),
        "audiences": _counts(
            "audiences",
            "audience",
            report.audiences,
            lambda k: _pick(AUDIENCE_LABELS, k, language),
            language,
        ),
        "reasons": _counts(
            "reasons",
            "reason",
            report.reasons,
            lambda k: _pick(REASON_LABELS, k, language),
            language,
        ),
        "countries": _counts(
            "countries",
            "country",
            report.countries,
            lambda k: other if k == OTHER else k.title() if k else not_given,
            language,
        ),
        "delays": _delays(report, language),
        "regions": _counts(
            "regions",
            "region",
            report.regions,
            lambda k: t(f"insights.region.{k}", language),
            language,
        ),
    }


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_SIGNED_CHANGE = re.compile(r"^[+-]\d+ (%|pts)$")  # our own "+12 %", never a formula


def _cell(value: Cell) -> Cell:
    """A text cell a spreadsheet would run as a formula starts with an apostrophe."""
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_START)
        and not _SIGNED_CHANGE.match(value)
    ):
        return "'" + value
    return value


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_cell(h) for h in table.header])
    writer.writerows([[_cell(v) for v in row] for row in table.rows])
    return out.getvalue()
