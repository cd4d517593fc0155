"""Every table, registered on ``Base.metadata``: import this module (not one table module) to
create the schema or to write a migration."""

from __future__ import annotations

from assistant.db import (
    access_models,
    consent_models,
    inbox_models,
    incident_models,
    insights_models,
    job_models,
    kb_models,
    mail_models,
    models,
    rights_models,
    staff_models,
)
from assistant.db.base import Base

metadata = Base.metadata

__all__ = [
    "Base",
    "access_models",
    "consent_models",
    "inbox_models",
    "incident_models",
    "insights_models",
    "job_models",
    "kb_models",
    "mail_models",
    "metadata",
    "models",
    "rights_models",
    "staff_models",
]
