"""All settings, read once from the environment (prefix ``ASSISTANT_``) or a ``.env`` file."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_DEV_SECRET = "dev-only-secret-change-me"  # noqa: S105 - refused in production


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"

    # Public app (chat API, pages). Bind 0.0.0.0 only behind a reverse proxy in production.
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str = ""

    # Internal action endpoint for Rasa: always loopback.
    actions_port: int = 5055
    action_endpoint_token: str = Field(default_factory=lambda: secrets.token_urlsafe(24))

    # Rasa server (loopback only) and the app's own short timeouts.
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_timeout_seconds: float = 4.0
    rasa_connect_timeout_seconds: float = 1.0

    database_url: str = f"sqlite+aiosqlite:///{PROJECT_ROOT / 'var' / 'assistant.sqlite3'}"
    secret_key: str = _DEV_SECRET

    # Knowledge base and retrieval.
    kb_dir: Path = PROJECT_ROOT / "kb" / "entries"
    kb_watch_seconds: float = 3.0
    embedding_model: str = str(PROJECT_ROOT / "var" / "models" / "multilingual-e5-small")
    kb_answer_threshold: float = 0.86
    kb_clarify_threshold: float = 0.82
    kb_clarify_margin: float = 0.015

    default_language: Literal["fr", "en"] = "fr"
    bureau_email: str = "international@ville.quebec.qc.ca"

    @model_validator(mode="after")
    def _refuse_default_secrets_in_production(self) -> Settings:
        if self.environment == "production" and self.secret_key == _DEV_SECRET:
            raise ValueError("ASSISTANT_SECRET_KEY must be set to a real secret in production")
        return self

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}/webhook"


@lru_cache
def get_settings() -> Settings:
    return Settings()
