from __future__ import annotations

import httpx

from assistant.core.readiness import failed_component, not_ready


def test_the_wait_names_the_components_still_loading():
    health = httpx.Response(
        503,
        json={
            "ready": False,
            "components": {
                "database": {"ready": True},
                "rasa": {"ready": False},
                "knowledge_base": {"ready": False, "detail": "loading"},
            },
        },
    )
    assert not_ready(health) == ["rasa", "knowledge_base (loading)"]
    assert not_ready(httpx.Response(502, text="Bad Gateway")) == []


def test_the_wait_stops_at_a_knowledge_base_that_failed_to_load():
    def health(detail: str) -> httpx.Response:
        components = {"knowledge_base": {"ready": False, "detail": detail}}
        return httpx.Response(503, json={"ready": False, "components": components})

    missing = "FileNotFoundError: Path var/models/multilingual-e5-small not found"
    assert failed_component(health(missing)) == f"the knowledge base failed to load ({missing})"
    assert failed_component(health("loading")) == ""  # still worth waiting for
    assert failed_component(httpx.Response(502, text="Bad Gateway")) == ""


def test_rasa_gets_its_tracker_store_and_in_memory_locks_without_redis(tmp_path, monkeypatch):
    from assistant import launcher

    monkeypatch.setattr(launcher, "PROJECT_ROOT", tmp_path)
    env = launcher.rasa_store_env("sqlite:///var/rasa/trackers.db")
    assert env["RASA_TRACKER_URL"] == f"sqlite:///{tmp_path}/var/rasa/trackers.db"
    assert (tmp_path / "var" / "rasa").is_dir()  # SQLite creates the file, not its directory
    assert env["RASA_LOCK_STORE"] == "in_memory"


def test_rasa_takes_its_locks_in_the_redis_the_settings_name():
    from assistant import launcher

    env = launcher.rasa_store_env(
        "postgresql://rasa:p%40ss@db.internal:5432/rasa", "redis://:s%3Fcret@cache:6380/3"
    )
    assert env["RASA_TRACKER_URL"] == "postgresql://rasa:p%40ss@db.internal:5432/rasa"
    assert (env["RASA_LOCK_STORE"], env["RASA_LOCK_STORE_HOST"]) == ("redis", "cache")
    assert (env["RASA_LOCK_STORE_PORT"], env["RASA_LOCK_STORE_DB"]) == ("6380", "3")
    assert env["RASA_LOCK_STORE_PASSWORD"] == "s?cret"
    # a Rasa killed mid-turn holds a conversation 15 s, not Rasa's default 60 s
    assert env["TICKET_LOCK_LIFETIME"] == "15"
