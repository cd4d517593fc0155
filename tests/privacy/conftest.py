"""Privacy fixtures: the staff console's fixtures, and a signed-in administrator."""

from __future__ import annotations

import pytest

from assistant.services import Services
from tests.staff.conftest import (  # noqa: F401 (fixtures)
    Clients,
    StaffClient,
    add_staff,
    agent,
    app,
    clients,
)


@pytest.fixture
async def admin(services: Services, clients: Clients) -> StaffClient:  # noqa: F811
    staff = await add_staff(services, "adele@ville.quebec.qc.ca", name="Adèle Admin", role="admin")
    return await clients.sign_in(staff)
