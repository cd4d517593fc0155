"""The cluster of ``make run-cluster`` (``assistant/cluster/topology.py``) on free ports, with a
real SMTP server (aiosmtpd) keeping the mail, its PostgreSQL under a temporary directory."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant import launcher
from assistant.mail.collector import MailCollector


@dataclass
class RunningCluster:
    cluster: object  # assistant.cluster.topology.Cluster
    mailbox: MailCollector


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


@pytest.fixture(scope="module")
def running_cluster() -> Iterator[RunningCluster]:
    from aiosmtpd.controller import Controller

    from assistant.cluster.stores import server_binary
    from assistant.cluster.topology import Cluster, ClusterPorts

    for binary in ("nginx", "redis-server"):
        if shutil.which(binary) is None and not Path(f"/usr/sbin/{binary}").exists():
            pytest.fail(f"{binary} is required (scripts/setup.sh --browser or --cluster)")
    server_binary("initdb")  # LaunchError names what is missing
    root = Path(tempfile.mkdtemp(prefix="assistant-cluster-"))
    root.chmod(0o755)  # PostgreSQL runs as ``postgres`` when the tests run as root
    mailbox = MailCollector()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=launcher.free_port())
    smtp.start()
    cluster = Cluster(
        root,
        ClusterPorts.free(),
        smtp.port,
        extra_env={
            "ASSISTANT_ENVIRONMENT": "test",
            "ASSISTANT_SECRET_KEY": secrets.token_urlsafe(32),  # both apps: the same key
            "ASSISTANT_RATE_LIMITS": "false",  # one address, twenty visitors
            "ASSISTANT_OUTBOX_POLL_SECONDS": "0.5",
            "ASSISTANT_MAIL_SINK_DIR": str(root / "mail"),
            "ASSISTANT_LOG_DIR": str(root / "log"),
        },
        name="test-cluster",
    )
    # SIGTERM (a CI runner cancelling the job) stops the cluster too: as Ctrl-C, it unwinds
    # through the ``finally`` below (pytest tears fixtures down after an interrupt); PostgreSQL
    # would otherwise outlive the test, being a daemon of its own.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        cluster.start(timeout=600)
        yield RunningCluster(cluster, mailbox)
    finally:
        cluster.stop()
        smtp.stop()
        signal.signal(signal.SIGTERM, previous)
        if os.environ.get("KEEP_CLUSTER_DIR") is None:
            shutil.rmtree(root, ignore_errors=True)
