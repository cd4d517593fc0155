"""The periodic jobs that must run once whatever the number of app processes
(``assistant/jobs``): one row per job, holding when it is next due and who holds it now."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db.base import Base


class JobLease(Base):
    __tablename__ = "job_leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)  # "retention-purge"
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # next run from then on
    # the run in progress: its token (host, process id, random) and until when it holds
    owner: Mapped[str | None] = mapped_column(String(128), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    runs: Mapped[int] = mapped_column(Integer, default=0)  # completed runs, for operators
    last_finished_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
