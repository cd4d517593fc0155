"""The staff console's fixtures (signed-in clients on the real app), for the page tests here."""

from __future__ import annotations

from tests.staff.conftest import agent, app, clients  # noqa: F401
