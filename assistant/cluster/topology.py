"""The cluster on one machine: nginx in front of two app processes and two Rasa processes,
PostgreSQL and Redis, every process on 127.0.0.1 except nginx's public port. Used by
``make run-cluster`` (``assistant/cluster/run.py``) and by the fault test, which kills and
restarts single processes (``kill_app``, ``start_app``, ``kill_rasa``, ``start_rasa``)."""

from __future__ import annotations

import asyncio
import secrets
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from assistant import launcher
from assistant.cluster.nginx import NginxPorts, start_nginx
from assistant.cluster.stores import Postgres, secret_in, start_redis
from assistant.core.config import PROJECT_ROOT

CLUSTER_DIR = PROJECT_ROOT / "var" / "cluster"
PROCESSES = 2  # apps, and Rasa servers


@dataclass(frozen=True)
class ClusterPorts:
    nginx: NginxPorts
    postgres: int
    redis: int

    @classmethod
    def free(cls, public: int | None = None) -> ClusterPorts:
        """Free loopback ports for everything; ``public``: nginx's public port if given."""

        def some(count: int) -> tuple[int, ...]:
            return tuple(launcher.free_port() for _ in range(count))

        nginx = NginxPorts(
            public=public or launcher.free_port(),
            apps=some(PROCESSES),
            actions=some(PROCESSES),
            rasas=some(PROCESSES),
            rasa_balancer=launcher.free_port(),
            actions_balancer=launcher.free_port(),
        )
        return cls(nginx, launcher.free_port(), launcher.free_port())


@dataclass
class Cluster:
    """``root``: where PostgreSQL's data, the passwords and nginx's files live."""

    root: Path
    ports: ClusterPorts
    smtp_port: int
    extra_env: dict[str, str] = field(default_factory=dict)
    name: str = "cluster"
    apps: list[subprocess.Popen[bytes] | None] = field(default_factory=list)
    rasas: list[subprocess.Popen[bytes] | None] = field(default_factory=list)
    others: list[subprocess.Popen[bytes]] = field(default_factory=list)  # nginx, redis
    postgres: Postgres | None = None

    def __post_init__(self) -> None:
        self.token = secrets.token_urlsafe(32)  # the one action token of the cluster
        self.apps = [None] * PROCESSES
        self.rasas = [None] * PROCESSES
        self.model: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports.nginx.public}"

    @property
    def redis_url(self) -> str:
        password = secret_in(self.root / "redis.password")
        return f"redis://:{password}@127.0.0.1:{self.ports.redis}/0"

    def database_url(self) -> str:
        assert self.postgres is not None
        return self.postgres.url("assistant")

    def tracker_url(self) -> str:
        assert self.postgres is not None
        return self.postgres.url("rasa", "")  # Rasa's synchronous URL (psycopg2)

    # --- start --------------------------------------------------------------------------------

    def start(self, timeout: float = 900) -> None:
        """Stores, migrations (once), nginx, both Rasa servers and both apps; returns when
        both apps report everything ready and nginx answers. Stops what it started on failure."""
        try:
            self._start(timeout)
        except BaseException:
            self.stop()
            raise

    def _start(self, timeout: float) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        launcher.LOG_DIR.mkdir(parents=True, exist_ok=True)
        self.model = launcher.ensure_model(quiet=True)
        launcher.say(f"PostgreSQL on 127.0.0.1:{self.ports.postgres}, Redis on :{self.ports.redis}")
        self.postgres = Postgres(
            self.root / "pg", self.ports.postgres, secret_in(self.root / "postgres.password")
        )
        self.postgres.start()
        redis_password = secret_in(self.root / "redis.password")
        self.others.append(
            start_redis(
                self.ports.redis, redis_password, launcher.LOG_DIR / f"{self.name}-redis.log"
            )
        )
        launcher.say("Migrating the database to the newest revision (once, before the apps)")
        asyncio.run(prepare_database(self.database_url(), self._kb_dir()))
        self.others.append(
            start_nginx(
                self.ports.nginx, self.root / "nginx", launcher.LOG_DIR / f"{self.name}-nginx.log"
            )
        )
        launcher.say(f"Starting {PROCESSES} Rasa servers and {PROCESSES} app processes")
        for number in range(PROCESSES):
            self.start_rasa(number, wait=False)
        for number in range(PROCESSES):
            self.start_app(number, wait=False)
        for number in range(PROCESSES):
            self.wait_app(number, timeout)
        launcher.wait_until(f"{self.url}/health", self.others[-1], "nginx", 60)

    def _kb_dir(self) -> Path:
        return Path(self.extra_env.get("ASSISTANT_KB_DIR", PROJECT_ROOT / "kb" / "entries"))

    def app_env(self) -> dict[str, str]:
        return {
            "ASSISTANT_DATABASE_URL": self.database_url(),
            "ASSISTANT_RASA_TRACKER_URL": self.tracker_url(),
            "ASSISTANT_REDIS_URL": self.redis_url,
            "ASSISTANT_TRUSTED_PROXIES": "127.0.0.1",  # nginx: the visitor's address is forwarded
            "ASSISTANT_PUBLIC_URL": self.url,
            "ASSISTANT_SMTP_PORT": str(self.smtp_port),
            "ASSISTANT_ACTIONS_WAIT_FOR_KB": "true",  # a restarting app's actions go elsewhere
            **self.extra_env,
        }

    def start_app(self, number: int, *, wait: bool = True, timeout: float = 600) -> None:
        """App ``number`` on its ports; its Rasa is whichever nginx's Rasa upstream picks."""
        ports = self.ports.nginx
        self.apps[number] = launcher.start_app(
            port=ports.apps[number],
            actions_port=ports.actions[number],
            rasa_port=ports.rasa_balancer,
            token=self.token,
            extra_env=self.app_env(),
            log_name=f"{self.name}-app-{number + 1}",
        )
        if wait:
            self.wait_app(number, timeout)

    def wait_app(self, number: int, timeout: float) -> None:
        process = self.apps[number]
        assert process is not None
        url = f"http://127.0.0.1:{self.ports.nginx.apps[number]}/health"
        launcher.wait_until(url, process, f"app {number + 1} (+ Rasa + KB)", timeout)

    def start_rasa(self, number: int, *, wait: bool = True, timeout: float = 600) -> None:
        """Rasa ``number``: its actions through nginx's loopback upstream over both apps."""
        assert self.model is not None
        port = self.ports.nginx.rasas[number]
        self.rasas[number] = process = launcher.start_rasa(
            self.model,
            port=port,
            actions_url=f"http://127.0.0.1:{self.ports.nginx.actions_balancer}/webhook",
            token=self.token,
            tracker_url=self.tracker_url(),
            redis_url=self.redis_url,
            log_name=f"{self.name}-rasa-{number + 1}",
        )
        if wait:
            launcher.wait_until(f"http://127.0.0.1:{port}/", process, f"Rasa {number + 1}", timeout)

    # --- faults and stop ----------------------------------------------------------------------

    @staticmethod
    def _kill(process: subprocess.Popen[bytes] | None) -> None:
        if process is not None and process.poll() is None:
            process.kill()  # SIGKILL: nothing saved, nothing finished on the way out
            process.wait(timeout=15)

    def kill_app(self, number: int) -> None:
        self._kill(self.apps[number])

    def kill_rasa(self, number: int) -> None:
        self._kill(self.rasas[number])

    def processes(self) -> list[subprocess.Popen[bytes]]:
        return [p for p in (*self.apps, *self.rasas, *self.others) if p is not None]

    def stop(self) -> None:
        """Apps first (they finish their requests), then Rasa, nginx, Redis, PostgreSQL."""
        launcher.stop([p for p in self.apps if p is not None])
        launcher.stop([p for p in self.rasas if p is not None])
        launcher.stop(self.others)
        if self.postgres is not None:
            self.postgres.stop()


async def prepare_database(url: str, kb_dir: Path) -> None:
    """The schema at the newest revision and the KB imported, once, before any app starts
    (two apps starting together would otherwise both import it)."""
    from assistant.db.engine import create_engine, create_schema, session_factory
    from assistant.kb.store import KnowledgeBaseStore

    engine = create_engine(url)
    try:
        await create_schema(engine)
        await KnowledgeBaseStore(session_factory(engine)).import_if_empty(kb_dir)
    finally:
        await engine.dispose()
