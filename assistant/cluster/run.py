"""``make run-cluster`` (``python -m assistant cluster``): the cluster on this machine, the
development mail sink beside it, the URL printed; Ctrl-C stops everything."""

from __future__ import annotations

import subprocess
import sys
import time

from assistant import launcher
from assistant.cluster.topology import CLUSTER_DIR, Cluster, ClusterPorts
from assistant.core.config import get_settings
from assistant.foreground import foreground


def run_cluster() -> int:
    settings = get_settings()
    if not launcher.port_is_free(settings.port, "127.0.0.1"):
        print(f"Port {settings.port} (nginx, public) is already in use.", file=sys.stderr)
        return 1
    sink: list = []
    if settings.run_mail_sink:
        if not launcher.port_is_free(settings.smtp_port):
            print(f"Port {settings.smtp_port} (mail sink) is already in use.", file=sys.stderr)
            return 1
        sink.append(launcher.start_mail_sink("cluster-mail-sink"))
    cluster = Cluster(CLUSTER_DIR, ClusterPorts.free(public=settings.port), settings.smtp_port)
    started = time.monotonic()

    def ready() -> list[subprocess.Popen[bytes]]:
        cluster.start()
        nginx = cluster.ports.nginx
        launcher.say(f"Cluster ready in {time.monotonic() - started:.0f} s. Chat at {cluster.url}/")
        print(
            f"  nginx {cluster.url} (public) → apps 127.0.0.1:{nginx.apps[0]}, :{nginx.apps[1]}\n"
            f"  apps → Rasa through 127.0.0.1:{nginx.rasa_balancer} → "
            f":{nginx.rasas[0]}, :{nginx.rasas[1]}\n"
            f"  Rasa → actions through 127.0.0.1:{nginx.actions_balancer} → "
            f":{nginx.actions[0]}, :{nginx.actions[1]}\n"
            f"  PostgreSQL 127.0.0.1:{cluster.ports.postgres} (var/cluster/pg), "
            f"Redis 127.0.0.1:{cluster.ports.redis}; logs in {launcher.LOG_DIR}/cluster-*.log",
            flush=True,
        )
        return [*cluster.processes(), *sink]

    try:
        return foreground(ready, "Stopping the cluster")
    finally:
        cluster.stop()
        launcher.stop(sink)
