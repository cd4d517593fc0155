"""nginx in front of the cluster (``make run-cluster``): the one public port, and two loopback
upstreams the processes use to reach each other — the apps reach "a Rasa" through one, each
Rasa reaches "an action server" through the other. The configuration is rendered here from the
ports, so a test starts it on free ports and an operator can read what runs.

Retry policy (``proxy_next_upstream``):

- public ``POST /api/chat``: ``error timeout non_idempotent`` — a request whose app died, or
  did not answer in time, is sent to the other app. Safe because the chat API is idempotent per
  ``client_message_id`` (``assistant/chat/service.py``: the message is stored once, a retry
  gets the stored reply or the turn Rasa already completed, ``assistant/chat/recovery.py``).
- apps → Rasa: ``error`` only — a message is sent to the other Rasa when it could not be sent
  to the first (not running, refused), never once sent. A Rasa killed after it saved a turn but
  before its reply left would have that turn run again by the other Rasa, without the ``retry``
  mark that makes Rasa answer from its tracker (fault test, run 13); instead the app answers 503
  and the widget's retry, marked, gets the saved turn (``assistant/nlu/rasa_main.py``).
- Rasa → actions: ``error http_503 non_idempotent`` (an app whose KB is still loading refuses
  the routing action before running anything) — a dead app's action call goes to the other
  one: the one action that writes is idempotent on the turn (``case_turns``).
- Never on ``timeout`` behind the public port: a slow turn is not sent twice.
- SSE (``/events``): ``proxy_buffering off``, long read timeout, no retry once streaming.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from assistant.launcher import LaunchError

NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")


@dataclass(frozen=True)
class NginxPorts:
    public: int  # the only port meant to be exposed (bound to ``public_host``)
    apps: tuple[int, ...]  # each app's public port (127.0.0.1)
    actions: tuple[int, ...]  # each app's action endpoint (127.0.0.1)
    rasas: tuple[int, ...]  # each Rasa's REST port (127.0.0.1)
    rasa_balancer: int  # loopback: the apps' ASSISTANT_RASA_URL
    actions_balancer: int  # loopback: each Rasa's action endpoint


def _servers(ports: tuple[int, ...]) -> str:
    # max_fails=1 fail_timeout=5s: a dead process is skipped for 5 s, then tried again
    return "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in ports)


def render_config(
    ports: NginxPorts, prefix: Path, error_log: Path, *, public_host: str = "127.0.0.1"
) -> str:
    """nginx.conf for the cluster; its files are under ``prefix``, its error log (which names
    client addresses) in the log directory the retention purge empties."""
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""  # workers never run as root
    return f"""# Rendered by assistant/cluster/nginx.py: edit there, not here.
{user}worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {error_log} warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;  # visitors' addresses and conversation ids are personal data (Law 25)
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    client_max_body_size 1m;
    server_tokens off;
    proxy_http_version 1.1;
    proxy_set_header Connection "";

    upstream apps {{
{_servers(ports.apps)}
        keepalive 16;
    }}
    upstream rasa {{
{_servers(ports.rasas)}
        keepalive 16;
    }}
    upstream actions {{
{_servers(ports.actions)}
        keepalive 16;
    }}

    # The public site: the only port to expose (or put TLS in front of it).
    server {{
        listen {public_host}:{ports.public};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_connect_timeout 2s;
        proxy_read_timeout 60s;
        proxy_next_upstream error timeout http_502;
        proxy_next_upstream_tries 2;

        location = /api/chat {{
            proxy_pass http://apps;
            proxy_read_timeout 30s;
            # idempotent per client_message_id: a POST may be sent to the other app
            proxy_next_upstream error timeout http_502 non_idempotent;
        }}
        location ~ ^/api/conversations/[^/]+/events$ {{
            proxy_pass http://apps;
            proxy_buffering off;  # server-sent events reach the browser as they are written
            proxy_cache off;
            proxy_read_timeout 600s;
        }}
        location / {{
            proxy_pass http://apps;
        }}
    }}

    # Loopback only: the apps' way to a Rasa.
    server {{
        listen 127.0.0.1:{ports.rasa_balancer};
        location / {{
            proxy_pass http://rasa;
            proxy_connect_timeout 1s;
            proxy_read_timeout 120s;
            proxy_next_upstream error;  # not once sent: see the module's docstring
            proxy_next_upstream_tries 2;
        }}
    }}

    # Loopback only: each Rasa's way to an action server (inside the apps). A 503 is an app
    # whose KB is still loading (ASSISTANT_ACTIONS_WAIT_FOR_KB): it ran nothing.
    server {{
        listen 127.0.0.1:{ports.actions_balancer};
        location / {{
            proxy_pass http://actions;
            proxy_connect_timeout 1s;
            proxy_read_timeout 120s;
            proxy_next_upstream error http_503 non_idempotent;
            proxy_next_upstream_tries 2;
        }}
    }}
}}
"""


def nginx_binary() -> str:
    for candidate in NGINX_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    raise LaunchError("nginx is not installed: run scripts/setup.sh --cluster (Debian's nginx)")


def start_nginx(ports: NginxPorts, prefix: Path, log: Path) -> subprocess.Popen[bytes]:
    """nginx in the foreground (``daemon off``) with its configuration and files in ``prefix``;
    checked with ``nginx -t`` first."""
    prefix.mkdir(parents=True, exist_ok=True)
    config = prefix / "nginx.conf"
    config.write_text(render_config(ports, prefix, log.with_name(f"{log.stem}-error.log")))
    command = [nginx_binary(), "-p", str(prefix), "-c", str(config)]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise LaunchError(f"nginx refuses its configuration: {check.stderr.strip()}")
    with open(log, "wb") as output:
        return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
