"""The Insights page and its CSV exports through the real app: every staff role, French and
English, charts with their summaries and tables, small counts hidden, text escaped."""

from __future__ import annotations

from datetime import UTC, datetime

from assistant.db.models import Case
from tests.insights.conftest import utc

QUERY = "from=2026-11-10&to=2026-11-12"


async def test_an_agent_sees_the_charts_with_summaries_and_tables_in_french(history, agent):
    response = await agent.get(f"/staff/insights?{QUERY}")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Statistiques</h1>" in html
    assert 'id="nav-insights" aria-current="page"' in html
    assert "Du 2026-11-10 au 2026-11-12 (3 jours), comparé au 2026-11-07 – 2026-11-09." in html
    assert html.count('role="img"') == 8  # 2 activity, outcomes, entries, 3 escalations, regions
    # the text summaries say what the charts draw
    assert "8 au total (7 en français, 1 en anglais)" in html
    assert "Taux de réponse 33 % (période précédente : 100 %)" in html
    assert "Prise en charge : médiane 3 min, 90e centile 10 min." in html
    # the tables, small counts hidden
    assert '<th scope="row">Autres pays (moins de 5 demandes chacun)</th><td>&lt; 5</td>' in html
    assert '<th scope="row">Europe</th><td>6</td>' in html
    assert '<th scope="row">Amériques</th><td>&lt; 5</td>' in html
    assert 'href="/staff/insights/regions.csv?from=2026-11-10&amp;to=2026-11-12"' in html
    assert 'href="/staff/inbox"' in html


async def test_the_page_in_english(history, agent):
    response = await agent.get(f"/staff/insights?{QUERY}&lang=en")
    html = response.text
    assert "<h1>Insights</h1>" in html
    assert "8 in all (7 in French, 1 in English)" in html
    assert "Answer rate 33 % (previous period: 100 %)" in html
    assert "Other countries (fewer than 5 requests each)" in html


async def test_the_period_presets_and_an_empty_database(services, agent):
    response = await agent.get("/staff/insights?days=7")
    assert response.status_code == 200
    assert "(7 jours)" in response.text
    assert "Aucune donnée pour cette période." in response.text
    # an unknown length falls back to 30 days, a broken date to the preset
    assert "(30 jours)" in (await agent.get("/staff/insights?days=12&from=nope")).text


async def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = await client.get("/staff/insights")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/staff/login")
    assert (await client.get(f"/staff/insights/regions.csv?{QUERY}")).status_code == 303


async def test_csv_exports_hold_what_the_page_shows(history, agent):
    response = await agent.get(f"/staff/insights/countries.csv?{QUERY}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert (
        'filename="insights-countries-2026-11-10-2026-11-12.csv"'
        in (response.headers["content-disposition"])
    )
    assert response.content.decode("utf-8-sig") == (
        "Pays indiqué,Demandes\r\nFrance,5\r\nAutres pays (moins de 5 demandes chacun),< 5\r\n"
    )
    regions = await agent.get(f"/staff/insights/regions.csv?{QUERY}&lang=en")
    assert regions.content.decode("utf-8-sig") == (
        "Region,Conversations\r\nEurope,6\r\nAmericas,< 5\r\nAsia,< 5\r\n"
    )
    # ?lang= is the console's language from then on (kept with the session): back to French
    activity = (await agent.get(f"/staff/insights/activity.csv?{QUERY}&lang=fr")).content.decode(
        "utf-8-sig"
    )
    assert activity.splitlines() == [
        "Jour,Conversations (français),Conversations (anglais),Messages (français),"
        "Messages (anglais)",
        "2026-11-10,1,1,2,2",
        "2026-11-11,5,0,0,0",
        "2026-11-12,1,0,3,0",
    ]
    outcomes = (await agent.get(f"/staff/insights/outcomes.csv?{QUERY}")).content.decode(
        "utf-8-sig"
    )
    assert outcomes.splitlines()[1] == "2026-11-10,2,1,0,0,1,50 %"
    summary = (await agent.get(f"/staff/insights/summary.csv?{QUERY}&lang=en")).content
    assert "Conversations,8,1,+700 %" in summary.decode("utf-8-sig")
    assert (await agent.get(f"/staff/insights/nothing.csv?{QUERY}")).status_code == 404


async def test_typed_text_is_escaped_on_the_page_and_neutralised_in_csv(services, agent):
    async with services.sessions() as session, session.begin():
        for n in range(5):
            session.add(
                Case(
                    reference=f"BRI-X-{n}",
                    country='=HYPERLINK("http://x")<script>',
                    created_at=datetime(2026, 11, 11, 12, n, tzinfo=UTC),
                )
            )
    html = (await agent.get(f"/staff/insights?{QUERY}")).text
    assert "<script>" not in html
    assert "=Hyperlink(&#34;Http://X&#34;)&lt;Script&gt;" in html
    exported = (await agent.get(f"/staff/insights/countries.csv?{QUERY}")).content
    assert "'=Hyperlink" in exported.decode("utf-8-sig")


async def test_a_turn_is_counted_once_its_reply_had_time_to_arrive(services, agent):
    from tests.insights.conftest import conversation, turn

    async with services.sessions() as session, session.begin():
        session.add(conversation("N", utc(10, 14), "fr", None))
        await session.flush()
        session.add(turn("N", utc(10, 14, 1), "answer", "fr", "bureau-contact"))
    for _ in range(2):
        exported = await agent.get(f"/staff/insights/activity.csv?{QUERY}")
        assert exported.content.decode("utf-8-sig").splitlines()[1] == "2026-11-10,1,0,1,0"


async def test_unanswered_questions_are_masked_text_in_their_own_language(services, agent):
    from assistant.db.inbox_models import InboxItem

    async with services.sessions() as session, session.begin():
        session.add(
            InboxItem(
                key="k-en",
                text="Can [name] bring a pet?",
                language="en",
                reason="no_answer",
                count=2,
                pending=2,
                last_seen=utc(11, 12),
            )
        )
    html = (await agent.get(f"/staff/insights?{QUERY}")).text
    assert '<th scope="row" lang="en">Can [name] bring a pet?</th><td>EN</td>' in html
    exported = await agent.get(f"/staff/insights/unanswered.csv?{QUERY}&lang=en")
    assert exported.content.decode("utf-8-sig").splitlines()[1] == (
        "Can [name] bring a pet?,EN,No answer,2,1"
    )
