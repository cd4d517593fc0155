"""The Insights page (``/staff/insights``, every staff role) and its CSV exports: aggregates
only, for a period chosen by length (7/30/90 days) or from–to, compared with the one before.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from assistant.core.i18n import t
from assistant.insights.period import PRESETS
from assistant.insights.tables import NAMES, build_tables, to_csv
from assistant.kb.retriever import Retriever
from assistant.web.deps import InsightsDep, RetrieverDep
from assistant.web.staff.insights_views import insights_charts
from assistant.web.staff.page import PageError, ViewerDep, render
from assistant.web.staff.urls import INBOX, INSIGHTS

router = APIRouter(prefix=INSIGHTS, include_in_schema=False)

DaysQuery = Annotated[int | None, Query(alias="days")]
FromQuery = Annotated[str, Query(alias="from", max_length=10)]
ToQuery = Annotated[str, Query(alias="to", max_length=10)]


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _titles(retriever: Retriever | None, language: str) -> dict[str, str]:
    if retriever is None:
        return {}
    return {e.id: e.content(language).title for e in retriever.index.entries}


@router.get("", response_class=HTMLResponse)
async def read_insights_page(
    request: Request,
    viewer: ViewerDep,
    insights: InsightsDep,
    retriever: RetrieverDep,
    days: DaysQuery = None,
    first: FromQuery = "",
    last: ToQuery = "",
) -> Response:
    period = insights.period(days=days, first=_date(first), last=_date(last))
    report = await insights.report(period)
    previous = period.previous()
    context = {
        "title": t("insights.title", viewer.language),
        "charts": insights_charts(report, viewer.language, _titles(retriever, viewer.language)),
        "period": period,
        "period_text": t("insights.period.shown", viewer.language).format(
            first=period.first.isoformat(),
            last=period.last.isoformat(),
            days=period.days,
            pfirst=previous.first.isoformat(),
            plast=previous.last.isoformat(),
        ),
        "presets": PRESETS,
        "days": days if (days in PRESETS and not (first and last)) else None,
        "first": _date(first),
        "last": _date(last),
        "csv_query": urlencode({"from": period.first.isoformat(), "to": period.last.isoformat()}),
        "inbox_url": INBOX,
    }
    return render(request, "insights.html", viewer.language, context, viewer=viewer)


@router.get("/{name}.csv")
async def export_insights_csv(
    name: str,
    viewer: ViewerDep,
    insights: InsightsDep,
    retriever: RetrieverDep,
    days: DaysQuery = None,
    first: FromQuery = "",
    last: ToQuery = "",
) -> Response:
    """One aggregate as CSV (UTF-8 with a BOM, for spreadsheets), as the page shows it."""
    if name not in NAMES:
        raise PageError(404, "insights.none", viewer.language)
    period = insights.period(days=days, first=_date(first), last=_date(last))
    report = await insights.report(period)
    table = build_tables(report, viewer.language, _titles(retriever, viewer.language))[name]
    filename = f"insights-{name}-{period.first.isoformat()}-{period.last.isoformat()}.csv"
    return Response(
        "\ufeff" + to_csv(table),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
