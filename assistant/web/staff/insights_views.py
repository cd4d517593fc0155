"""What the Insights page shows: server-rendered SVG charts as geometry for the template
(``staff/_charts.html``), each with a one-sentence text summary and the data table it draws
(``assistant/insights/tables.py``, also the CSV exports).

Charts are drawn here, not by a JavaScript library: the console's CSP allows no inline or
third-party script, the page works without JavaScript, and every label goes through Jinja's
autoescaping like the rest of the console.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from assistant.core.i18n import t
from assistant.insights.outcomes import OUTCOMES
from assistant.insights.queries import percentile
from assistant.insights.report import LANGUAGES, Report
from assistant.insights.tables import Table, build_tables, hours, percent

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28
BAR_ROW = 26  # a horizontal bar chart's row height


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Line:
    key: str  # css class: series-<key>
    label: str
    points: str  # "x,y x,y …"


@dataclass(frozen=True)
class Rect:
    key: str
    x: float
    y: float
    width: float
    height: float
    title: str  # the value, for a pointer hover


@dataclass(frozen=True)
class HBar:
    label: str
    value: str  # "12" or "< 5"
    y: float
    width: float


@dataclass
class Chart:
    id: str
    title: str
    summary: str
    table: Table
    kind: str  # line | stacked | hbar | none
    width: int = WIDTH
    height: int = HEIGHT
    legend: list[tuple[str, str]] = field(default_factory=list)  # (key, label)
    lines: list[Line] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)
    bars: list[HBar] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    step = 10 ** (len(str(value)) - 1)
    return -(-value // step) * step


def _axes(chart: Chart, days: Sequence[date], top: int) -> None:
    plot_h = HEIGHT - TOP - BOTTOM
    chart.y_ticks = [Tick(TOP + plot_h * (1 - f), str(round(top * f))) for f in (0, 0.5, 1)]
    step = max(1, len(days) // 6)
    chart.x_ticks = [
        Tick(_x(i, len(days)), days[i].strftime("%m-%d")) for i in range(0, len(days), step)
    ]


def _x(index: int, count: int) -> float:
    plot_w = WIDTH - LEFT - RIGHT
    return LEFT + (plot_w * (index + 0.5) / count if count else 0)


def _y(value: int, top: int) -> float:
    plot_h = HEIGHT - TOP - BOTTOM
    return TOP + plot_h * (1 - value / top)


def line_chart(
    chart: Chart,
    days: Sequence[date],
    series: Mapping[str, Mapping[date, int]],
    labels: Mapping[str, str],
) -> Chart:
    top = _nice_max(max((v for s in series.values() for v in s.values()), default=0))
    _axes(chart, days, top)
    for key, label in labels.items():
        values = series.get(key, {})
        points = " ".join(
            f"{_x(i, len(days)):.1f},{_y(values.get(day, 0), top):.1f}"
            for i, day in enumerate(days)
        )
        chart.lines.append(Line(key, label, points))
        chart.legend.append((key, label))
    chart.kind = "line"
    return chart


def stacked_chart(
    chart: Chart,
    days: Sequence[date],
    series: Mapping[str, Mapping[date, int]],
    labels: Mapping[str, str],
) -> Chart:
    totals = [sum(series.get(k, {}).get(day, 0) for k in labels) for day in days]
    top = _nice_max(max(totals, default=0))
    _axes(chart, days, top)
    plot_w = WIDTH - LEFT - RIGHT
    width = max(1.0, plot_w / max(1, len(days)) * 0.7)
    for i, day in enumerate(days):
        base = 0
        for key, label in labels.items():
            value = series.get(key, {}).get(day, 0)
            if value:
                y = _y(base + value, top)
                height = _y(base, top) - y
                chart.rects.append(
                    Rect(
                        key,
                        _x(i, len(days)) - width / 2,
                        y,
                        width,
                        height,
                        f"{day.isoformat()} {label}: {value}",
                    )
                )
            base += value
    chart.legend = list(labels.items())
    chart.kind = "stacked"
    return chart


def hbar_chart(chart: Chart, rows: Sequence[tuple[str, int | None]]) -> Chart:
    """Horizontal bars; a hidden count (None, "< 5") gets no bar."""
    top = max((v or 0 for _, v in rows), default=0) or 1
    plot_w = WIDTH - 310 - 60  # labels on the left, the value after the bar
    for i, (label, value) in enumerate(rows):
        chart.bars.append(
            HBar(
                label,
                str(value) if value is not None else "< 5",
                i * BAR_ROW,
                plot_w * (value or 0) / top,
            )
        )
    chart.height = max(BAR_ROW, len(rows) * BAR_ROW)
    chart.kind = "hbar" if rows else "none"
    return chart


def _change(now: int, before: int, language: str) -> str:
    if not before:
        return t("insights.no_change", language)
    return f"{round((now - before) / before * 100):+d} %"


def _language_summary(
    series: Mapping[str, Mapping[date, int]], previous: int, language: str
) -> str:
    by_day: dict[date, int] = {}
    for days in series.values():
        for day, count in days.items():
            by_day[day] = by_day.get(day, 0) + count
    total = sum(by_day.values())
    if not total:
        return t("insights.summary.empty", language)
    peak_day = max(by_day, key=lambda d: (by_day[d], d))
    return t("insights.summary.by_language", language).format(
        total=total,
        fr=sum(series.get("fr", {}).values()),
        en=sum(series.get("en", {}).values()),
        change=_change(total, previous, language),
        previous=previous,
        peak_day=peak_day.isoformat(),
        peak=by_day[peak_day],
    )


def _ranking_summary(table: Table, language: str) -> str:
    if not table.rows:
        return t("insights.summary.empty", language)
    first = table.rows[0]
    return t("insights.summary.ranking", language).format(
        first=first[0], count=first[1], rows=len(table.rows)
    )


def _counts(table: Table) -> list[tuple[str, int | None]]:
    return [(str(r[0]), r[1] if isinstance(r[1], int) else None) for r in table.rows]


def insights_charts(
    report: Report, language: str, titles: Mapping[str, str] | None = None
) -> dict[str, Chart]:
    """Every chart of the page, by id (the ids of ``build_tables``' tables)."""
    tables = build_tables(report, language, titles)
    days = report.days
    languages = {lang: t(f"insights.language.{lang}", language) for lang in LANGUAGES}
    outcomes = {name: t(f"insights.outcome.{name}", language) for name in OUTCOMES}
    now, before = report.totals, report.previous
    charts: dict[str, Chart] = {}

    charts["summary"] = Chart(
        "summary", t("insights.section.summary", language), "", tables["summary"], "none"
    )
    charts["conversations"] = line_chart(
        Chart(
            "conversations",
            t("insights.chart.conversations", language),
            _language_summary(report.conversations, before.conversations, language),
            tables["activity"],
            "line",
        ),
        days,
        report.conversations,
        languages,
    )
    charts["messages"] = line_chart(
        Chart(
            "messages",
            t("insights.chart.messages", language),
            _language_summary(report.messages, before.messages, language),
            tables["activity"],
            "line",
        ),
        days,
        report.messages,
        languages,
    )
    total = sum(now.outcomes.values())
    parts = ", ".join(f"{outcomes[k]} {now.outcomes.get(k, 0)}" for k in OUTCOMES)
    outcome_summary = (
        t("insights.summary.outcomes", language).format(
            total=total,
            parts=parts,
            rate=percent(now.answer_rate),
            previous=percent(before.answer_rate),
        )
        if total
        else t("insights.summary.empty", language)
    )
    charts["outcomes"] = stacked_chart(
        Chart(
            "outcomes",
            t("insights.chart.outcomes", language),
            outcome_summary,
            tables["outcomes"],
            "stacked",
        ),
        days,
        report.outcomes,
        outcomes,
    )
    for name, title in (
        ("entries", "insights.chart.entries"),
        ("audiences", "insights.chart.audiences"),
        ("reasons", "insights.chart.reasons"),
        ("countries", "insights.chart.countries"),
        ("regions", "insights.chart.regions"),
    ):
        table = tables[name]
        charts[name] = hbar_chart(
            Chart(name, t(title, language), _ranking_summary(table, language), table, "hbar"),
            _counts(table),
        )
    durations = report.durations
    charts["delays"] = Chart(
        "delays",
        t("insights.chart.delays", language),
        t("insights.summary.delays", language).format(
            claim_median=hours(percentile(durations.claim_seconds, 0.5), language),
            claim_p90=hours(percentile(durations.claim_seconds, 0.9), language),
            close_median=hours(percentile(durations.close_seconds, 0.5), language),
            close_p90=hours(percentile(durations.close_seconds, 0.9), language),
        ),
        tables["delays"],
        "none",
    )
    charts["unanswered"] = Chart(
        "unanswered", t("insights.section.unanswered", language), "", tables["unanswered"], "none"
    )
    return charts
