"""Staff roles, ordered: agent (the queue) < editor (+ knowledge base) < admin (everything).

The web layer turns them into route dependencies (``assistant.web.deps.require_role``)."""

from __future__ import annotations

from typing import Literal, get_args

from assistant.core.errors import AssistantError
from assistant.db.models import Staff

Role = Literal["agent", "editor", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
RANK: dict[str, int] = {role: rank for rank, role in enumerate(ROLES, start=1)}


class RoleForbidden(AssistantError):
    """The staff member's role does not allow this."""

    code = "role_forbidden"


def has_role(staff: Staff, role: Role) -> bool:
    """True when ``staff`` has ``role`` or a higher one; unknown roles have none."""
    return RANK.get(staff.role, 0) >= RANK[role]
