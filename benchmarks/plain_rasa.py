"""The reference for ``make bench``: a plain ``rasa init`` bot (its moodbot data, the default
pipeline and policies) served by the same Rasa, on loopback, with its REST channel.

Trained once into ``var/bench/plain-rasa`` (about 2 minutes, with Rasa's own progress), then
reused. No custom actions: the init bot has none.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant import launcher

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DIRECTORY = PROJECT_ROOT / "var" / "bench" / "plain-rasa"
RASA = PROJECT_ROOT / ".venvs" / "rasa" / "bin" / "rasa"
# What the moodbot understands: greetings, moods, goodbyes, the bot challenge.
QUESTIONS = [
    "hello",
    "I am feeling very good",
    "I am sad",
    "yes",
    "no",
    "are you a bot?",
    "good morning",
    "I am great today",
    "not really",
    "bye",
]


def ensure_trained() -> None:
    if list((DIRECTORY / "models").glob("*.tar.gz")):
        return
    print("Training the reference plain `rasa init` bot (once; about 2 minutes)…", flush=True)
    DIRECTORY.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(RASA), "init", "--no-prompt", "--init-dir", str(DIRECTORY)],
        cwd=DIRECTORY,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@contextmanager
def plain_rasa_bot(timeout: float = 300) -> Iterator[str]:
    """A running plain Rasa bot: yields its base URL, stops it on exit."""
    ensure_trained()
    port = launcher.free_port()
    process = subprocess.Popen(
        [
            str(RASA),
            "run",
            "--interface",
            "127.0.0.1",
            "--port",
            str(port),
            "--model",
            "models",
            "--credentials",
            "credentials.yml",
        ],
        cwd=DIRECTORY,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        launcher.wait_until(f"{url}/", process, "the plain Rasa bot", timeout)
        yield url
    finally:
        launcher.stop([process])
