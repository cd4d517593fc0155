"""Periodic jobs that run once per due moment whatever the number of app processes."""

from assistant.jobs.leases import JobLeases, Lease
from assistant.jobs.runner import Job, JobRunner

__all__ = ["Job", "JobLeases", "JobRunner", "Lease"]
