"""The Insights page's render time with 100,000 synthetic conversations (target ≤ 1 s).

Seeds a fresh SQLite database (``assistant/insights/seed.py``: 100,000 conversations over 180
days, about 300,000 turns), signs a staff member in, and times ``GET /staff/insights`` through
the real app (SQL aggregates, SVG geometry, Jinja) for 7, 30 and 90 days, and one CSV export.

    .venvs/app/bin/python benchmarks/insights_page.py [--conversations 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.core.config import Settings  # noqa: E402
from assistant.db.engine import create_engine  # noqa: E402
from assistant.insights.seed import seed  # noqa: E402
from assistant.services import Services  # noqa: E402
from assistant.staff.passwords import hash_password  # noqa: E402
from assistant.staff.service import create_staff  # noqa: E402
from assistant.web.app import create_app  # noqa: E402
from tests.fakes import HashingEncoder  # noqa: E402  (no model needed: the page uses none)

PASSWORD = secrets.token_urlsafe(16)  # a throwaway account in a throwaway database


async def main(conversations: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        url = f"sqlite+aiosqlite:///{root / 'insights.sqlite3'}"
        engine = create_engine(url)
        started = time.perf_counter()
        await seed(engine, conversations)
        await engine.dispose()
        print(f"seeded {conversations} conversations in {time.perf_counter() - started:.1f} s")
        settings = Settings(
            environment="test",
            database_url=url,
            kb_watch_seconds=0,
            outbox_worker=False,
            rate_limits=False,
            secret_key=secrets.token_urlsafe(32),
            action_endpoint_token=secrets.token_urlsafe(32),
            secret_key_file=root / "secret_key",
            action_endpoint_token_file=root / "action_token",
            kb_dir=root / "kb",
        )
        services = await Services.start(settings, encoder=HashingEncoder())
        try:
            await services.kb_ready()
            await create_staff(
                services.sessions,
                email="bench@ville.quebec.qc.ca",
                name="Bench",
                password_hash=hash_password(PASSWORD),
            )
            transport = httpx.ASGITransport(app=create_app(services))
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
                login = {"email": "bench@ville.quebec.qc.ca", "password": PASSWORD}
                assert (await http.post("/staff/login", data=login)).status_code == 303
                for path in (
                    "/staff/insights?days=7",
                    "/staff/insights?days=30",
                    "/staff/insights?days=90",
                    "/staff/insights/activity.csv?days=90",
                ):
                    times = []
                    for _ in range(runs):
                        began = time.perf_counter()
                        response = await http.get(path)
                        times.append(time.perf_counter() - began)
                        assert response.status_code == 200, response.status_code
                    print(
                        f"{path:40} median {statistics.median(times) * 1000:6.0f} ms   "
                        f"max {max(times) * 1000:6.0f} ms   ({len(response.content)} bytes)"
                    )
        finally:
            await services.aclose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(main(args.conversations, args.runs))
