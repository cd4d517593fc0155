"""Every table, registered on ``Base.metadata``: import this module (not one table module) to
create the schema or to write a migration."""

from __future__ import annotations

from assistant.db import consent_models, inbox_models, kb_models, models, rights_models
from assistant.db.base import Base

metadata = Base.metadata

__all__ = [
    "Base",
    "consent_models",
    "inbox_models",
    "kb_models",
    "metadata",
    "models",
    "rights_models",
]
