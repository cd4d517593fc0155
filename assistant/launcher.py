"""Brings the whole product up: trains the Rasa model if its inputs changed, starts the Rasa
server (loopback) and the app, waits until everything is ready, prints the URL, and stops
everything on Ctrl-C. Also used by the tests and benchmarks to start real servers."""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx
from sqlalchemy.engine import make_url

from assistant.core.config import PROJECT_ROOT
from assistant.core.readiness import failed_component, not_ready
from assistant.mail.collector import MailCollector

RASA_VENV = PROJECT_ROOT / ".venvs" / "rasa"
APP_PYTHON = sys.executable
MODELS_DIR = PROJECT_ROOT / "var" / "models" / "rasa"
LOG_DIR = PROJECT_ROOT / "var" / "log"
_MODEL_INPUTS = ("config.yml", "domain.yml", "data", "assistant/nlu", "requirements/rasa.txt")


class LaunchError(RuntimeError):
    """A service could not be started; the message says which and where its log is."""


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def _input_files(root: Path, inputs: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    for name in inputs:
        path = root / name
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix in (".yml", ".py", ".txt")
            )
        elif path.exists():
            files.append(path)
    return files


def model_fingerprint(root: Path = PROJECT_ROOT, config: str = "config.yml") -> str:
    """Hash of everything the Rasa model is trained from: retrain exactly when it changes."""
    digest = hashlib.sha256()
    inputs = [config, *(_MODEL_INPUTS[1:])]
    for path in _input_files(root, inputs):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def rasa_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(PROJECT_ROOT),
        TF_CPP_MIN_LOG_LEVEL="2",
        RASA_TELEMETRY_ENABLED="false",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        ACTION_ENDPOINT_URL=env.get("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook"),
        ACTION_ENDPOINT_TOKEN=env.get("ACTION_ENDPOINT_TOKEN", ""),
    )
    env.update(extra)
    return env


# How long a Rasa process's hold on a conversation lasts in the lock store (Rasa's
# TICKET_LOCK_LIFETIME; its default is 60 s). A Rasa killed mid-turn leaves its hold in Redis, and
# the conversation's next message waits it out on the other Rasa: the fault test's slowest reply
# was 62 s. A turn lasts well under this (the app gives up on Rasa after 4 s and resends).
TICKET_LOCK_LIFETIME_SECONDS = 15


def rasa_store_env(tracker_url: str, redis_url: str = "") -> dict[str, str]:
    """The variables endpoints.yml expands: Rasa's tracker store (an SQLite file's directory is
    created; a relative path is made absolute) and its lock store (Redis when ``redis_url``),
    and the lifetime of a conversation's lock."""
    url = make_url(tracker_url)
    if url.get_backend_name() == "sqlite" and url.database:
        path = Path(url.database)
        path = path if path.is_absolute() else PROJECT_ROOT / path
        path.parent.mkdir(parents=True, exist_ok=True)
        url = url.set(database=str(path))
    redis = urlsplit(redis_url)
    return {
        "RASA_TRACKER_URL": url.render_as_string(hide_password=False),
        "RASA_LOCK_STORE": "redis" if redis_url else "in_memory",
        "RASA_LOCK_STORE_HOST": redis.hostname or "127.0.0.1",
        "RASA_LOCK_STORE_PORT": str(redis.port or 6379),
        "RASA_LOCK_STORE_DB": redis.path.strip("/") or "0",
        "RASA_LOCK_STORE_PASSWORD": unquote(redis.password or ""),
        "TICKET_LOCK_LIFETIME": str(TICKET_LOCK_LIFETIME_SECONDS),
    }


def rasa_command(*args: str) -> list[str]:
    """``rasa ARGS`` in the Rasa environment, through ``assistant.nlu.rasa_main``."""
    python = RASA_VENV / "bin" / "python"
    if not python.exists():
        raise LaunchError(f"the Rasa environment is missing ({python}); run scripts/setup.sh")
    return [str(python), "-m", "assistant.nlu.rasa_main", *args]


def ensure_model(*, config: str = "config.yml", data: str = "data", quiet: bool = False) -> Path:
    """The trained model for the current inputs, training it first if needed."""
    fingerprint = model_fingerprint(config=config)
    model = MODELS_DIR / f"{fingerprint}.tar.gz"
    if model.exists():
        if not quiet:
            say(f"Rasa model up to date ({model.relative_to(PROJECT_ROOT)})")
        return model
    say("Training the Rasa model (NLU French + English, dialogue rules): about 2-4 minutes")
    MODELS_DIR.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    command = rasa_command(
        "train",
        "--config",
        config,
        "--domain",
        "domain.yml",
        "--data",
        data,
        "--out",
        str(MODELS_DIR),
        "--fixed-model-name",
        fingerprint,
    )
    result = subprocess.run(command, cwd=PROJECT_ROOT, env=rasa_env(), check=False)
    if result.returncode != 0 or not model.exists():
        raise LaunchError("Rasa training failed (see the output above)")
    say(f"Trained in {time.monotonic() - started:.0f} s: {model.relative_to(PROJECT_ROOT)}")
    return model


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_rasa(
    model: Path,
    *,
    port: int,
    actions_url: str,
    token: str,
    tracker_url: str,
    redis_url: str = "",
    log_name: str = "rasa",
) -> subprocess.Popen[bytes]:
    """Rasa on loopback only, without its HTTP API (--enable-api is never used); its tracker
    store at ``tracker_url``, its locks in Redis when ``redis_url`` (``rasa_store_env``)."""
    command = rasa_command(
        "run",
        "--model",
        str(model),
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
        "--endpoints",
        "endpoints.yml",
        "--credentials",
        "credentials.yml",
    )
    env = rasa_env(
        ACTION_ENDPOINT_URL=actions_url,
        ACTION_ENDPOINT_TOKEN=token,
        **rasa_store_env(tracker_url, redis_url),
    )
    return _spawn(command, env, log_name)


def start_app(
    *,
    port: int,
    actions_port: int,
    rasa_port: int,
    token: str,
    extra_env: dict[str, str] | None = None,
    log_name: str = "app",
) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        ASSISTANT_PORT=str(port),
        ASSISTANT_ACTIONS_PORT=str(actions_port),
        ASSISTANT_RASA_URL=f"http://127.0.0.1:{rasa_port}",
        ASSISTANT_ACTION_ENDPOINT_TOKEN=token,
        **(extra_env or {}),
    )
    return _spawn([APP_PYTHON, "-m", "assistant", "serve"], env, log_name)


def start_mail_sink(log_name: str = "mail-sink") -> subprocess.Popen[bytes]:
    """The development SMTP sink (aiosmtpd): emails land in var/mail/ as .eml files."""
    return _spawn([APP_PYTHON, "-m", "assistant.mail.sink"], dict(os.environ), log_name)


def _spawn(command: list[str], env: dict[str, str], log_name: str) -> subprocess.Popen[bytes]:
    """Start a service with its output in var/log/<log_name>.log."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with open(LOG_DIR / f"{log_name}.log", "wb") as log:  # the child keeps its own copy
        return subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )


def wait_until(
    url: str,
    process: subprocess.Popen[bytes],
    name: str,
    timeout: float,
    ok: tuple[int, ...] = (200,),
) -> None:
    deadline = time.monotonic() + timeout
    next_report = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LaunchError(f"{name} exited (code {process.returncode}); see {LOG_DIR}/")
        try:
            response = httpx.get(url, timeout=2.0, trust_env=False)
            if response.status_code in ok:
                return
            failed = failed_component(response)
            if failed:  # the process keeps running without it: waiting would not help
                raise LaunchError(f"{name}: {failed}; see {LOG_DIR}/")
            if time.monotonic() >= next_report:  # long work shows progress
                next_report += 30
                say(f"still waiting for: {', '.join(not_ready(response)) or name}")
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise LaunchError(f"{name} was not ready after {timeout:.0f} s; see {LOG_DIR}/")


def check_action_token(actions_port: int, token: str) -> None:
    """Stop the start, with the reason, when the action endpoint would refuse Rasa's token."""
    url = f"http://127.0.0.1:{actions_port}/token"
    try:
        status = httpx.get(url, params={"token": token}, timeout=5.0, trust_env=False).status_code
    except httpx.HTTPError as error:
        raise LaunchError(f"the action endpoint ({url}) does not answer: {error}") from error
    if status != 200:
        raise LaunchError(
            "the action endpoint refuses the token given to Rasa: ASSISTANT_ACTION_ENDPOINT_TOKEN "
            "(app) and ACTION_ENDPOINT_TOKEN (Rasa) differ; unset both to use the one in "
            "var/action_endpoint_token"
        )


def stop(processes: Iterable[subprocess.Popen[bytes]]) -> None:
    processes = [p for p in processes if p.poll() is None]
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@dataclass
class LocalStack:
    """The real product on free loopback ports: Rasa with the trained model, the app, and an
    SMTP server that keeps the mail. For tests, benchmarks and ``make eval-e2e``."""

    url: str
    rasa_url: str
    database_url: str
    mailbox: MailCollector
    rasa: subprocess.Popen[bytes]
    app: subprocess.Popen[bytes]
    restart: Callable[[], subprocess.Popen[bytes]]  # a new Rasa on the same port and stores
    tracker_url: str = ""
    actions_url: str = ""  # the app's action server (benchmarks call it like Rasa does)
    action_token: str = ""

    def restart_rasa(self, timeout: float = 300) -> None:
        """Kill Rasa (SIGKILL: nothing saved on the way out) and start it again on the same
        port with the same tracker store; return once the app reports it ready."""
        self.rasa.kill()
        self.rasa.wait(timeout=15)
        self.rasa = self.restart()
        wait_until(f"{self.rasa_url}/", self.rasa, "Rasa (restarted)", timeout)
        wait_until(f"{self.url}/health", self.rasa, "the app's view of Rasa", timeout)

    def chat(
        self, text: str, conversation_id: str | None = None, language: str | None = None
    ) -> dict[str, Any]:
        """One turn through the app's chat API: the reply's JSON (AssertionError unless 200)."""
        response = httpx.post(
            f"{self.url}/api/chat",
            json={"text": text, "conversation_id": conversation_id, "language": language},
            timeout=30,
        )
        if response.status_code != 200:
            raise AssertionError(response.text)
        return response.json()  # type: ignore[no-any-return]

    def wait_for_mail(self, reference: str, timeout: float, count: int = 1) -> list[EmailMessage]:
        """The emails the SMTP server received for a case reference, waiting up to timeout
        for ``count`` of them."""
        found = self.mailbox.wait_for(reference, timeout, count)
        if not found:
            raise AssertionError(f"no email for {reference}")
        return found


@contextmanager
def local_stack(
    database: Path,
    *,
    name: str,
    extra_env: dict[str, str] | None = None,
    timeout: float = 300,
) -> Iterator[LocalStack]:
    from aiosmtpd.controller import Controller

    model = ensure_model(quiet=True)
    token = secrets.token_urlsafe(32)
    ports = {key: free_port() for key in ("app", "actions", "rasa", "smtp")}
    database_url = f"sqlite+aiosqlite:///{database}"
    # Rasa's conversations next to the app's database, unless the caller names a store
    tracker_url = (extra_env or {}).get(
        "ASSISTANT_RASA_TRACKER_URL", f"sqlite:///{database.with_suffix('.trackers.db')}"
    )
    mailbox = MailCollector()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=ports["smtp"])
    smtp.start()

    actions_url = f"http://127.0.0.1:{ports['actions']}/webhook"

    def launch_rasa() -> subprocess.Popen[bytes]:
        return start_rasa(
            model,
            port=ports["rasa"],
            actions_url=actions_url,
            token=token,
            log_name=f"{name}-rasa",
            tracker_url=tracker_url,
            redis_url=(extra_env or {}).get("ASSISTANT_REDIS_URL", ""),
        )

    rasa = launch_rasa()
    app = start_app(
        port=ports["app"],
        actions_port=ports["actions"],
        rasa_port=ports["rasa"],
        token=token,
        extra_env={
            "ASSISTANT_DATABASE_URL": database_url,
            "ASSISTANT_SMTP_PORT": str(ports["smtp"]),
            "ASSISTANT_OUTBOX_POLL_SECONDS": "0.5",
            "ASSISTANT_RATE_LIMITS": "false",  # evaluations and benchmarks: one address, many visitors
            "ASSISTANT_RASA_TRACKER_URL": tracker_url,
            **(extra_env or {}),
        },
        log_name=f"{name}-app",
    )
    running: LocalStack | None = None
    try:
        url = f"http://127.0.0.1:{ports['app']}"
        wait_until(f"{url}/health", app, "app + Rasa + knowledge base", timeout)
        check_action_token(ports["actions"], token)
        rasa_url = f"http://127.0.0.1:{ports['rasa']}"
        rest = (launch_rasa, tracker_url, actions_url, token)
        running = LocalStack(url, rasa_url, database_url, mailbox, rasa, app, *rest)
        yield running
    finally:
        stop([app, running.rasa if running else rasa])
        smtp.stop()
