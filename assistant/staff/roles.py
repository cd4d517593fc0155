"""Staff roles, ordered: agent (the queue) < editor (+ knowledge base) < admin (everything)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Annotated, Literal, get_args

from fastapi import Depends

from assistant.core.errors import AssistantError
from assistant.db.models import Staff
from assistant.staff.auth import current_staff

Role = Literal["agent", "editor", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
_RANK: dict[str, int] = {role: rank for rank, role in enumerate(ROLES, start=1)}


class RoleForbidden(AssistantError):
    """The staff member's role does not allow this."""

    code = "role_forbidden"


def has_role(staff: Staff, role: Role) -> bool:
    """True when ``staff`` has ``role`` or a higher one; unknown roles have none."""
    return _RANK.get(staff.role, 0) >= _RANK[role]


@lru_cache
def require_role(role: Role) -> Callable[..., Awaitable[Staff]]:
    """A dependency: the signed-in staff member (401 if none) holding at least ``role`` (403).
    Cached, so FastAPI sees one dependency per role and resolves it once per request."""
    if role not in _RANK:
        raise ValueError(f"unknown role {role!r}")

    async def dependency(staff: Annotated[Staff, Depends(current_staff)]) -> Staff:
        if not has_role(staff, role):
            raise RoleForbidden()
        return staff

    dependency.__name__ = f"require_{role}"
    return dependency
