"""`python -m assistant.kb.export`: the published KB back to kb/ files, round trip exact."""

from __future__ import annotations

from pathlib import Path

from assistant.core.config import Settings
from assistant.db.engine import create_engine, create_schema, session_factory
from assistant.kb import export
from assistant.kb.loader import load_entries
from assistant.kb.store import KnowledgeBaseStore
from tests.staff.conftest import add_staff

PROJECT_KB = Path(__file__).resolve().parents[2] / "kb" / "entries"


async def test_the_real_kb_round_trips_through_the_database(tmp_path):
    """import (first start) -> export -> load_entries gives the very same entries."""
    settings = Settings(
        environment="test", database_url=f"sqlite+aiosqlite:///{tmp_path / 'kb.sqlite3'}"
    )
    engine = create_engine(settings.database_url)
    await create_schema(engine)
    store = KnowledgeBaseStore(session_factory(engine))
    imported = await store.import_if_empty(PROJECT_KB)
    await engine.dispose()

    out = tmp_path / "exported"
    count, written, removed = await export.export(settings, out)
    assert count == written == imported > 50 and removed == 0
    assert load_entries(out) == load_entries(PROJECT_KB)
    assert await export.export(settings, out) == (count, 0, 0)  # nothing changed, nothing written


async def test_export_writes_published_changes_and_drops_retired_entries(
    services, settings, tmp_path
):
    editor = await add_staff(services, "edith@ville.quebec.qc.ca", role="editor")
    store = services.kb_store
    entry = await store.published_entry("talent-work-permit")
    assert entry is not None
    changed = entry.model_dump(mode="json", exclude_none=True)
    changed["en"]["answer"] = "Work permits come from IRCC; apply online at https://www.canada.ca"
    changed["topic"] = "city"  # the file moves to city/
    await store.save_draft("talent-work-permit", changed, staff_id=editor.id)
    await store.publish("talent-work-permit", staff_id=editor.id)
    await store.retire("bureau-contact", staff_id=editor.id)
    await store.create_draft({"fr": {"title": "Pas encore publiée"}}, staff_id=editor.id)

    out = tmp_path / "out"
    for stale in ("bureau/bureau-contact.yml", "talent/talent-work-permit.yml"):
        (out / stale).parent.mkdir(parents=True, exist_ok=True)
        (out / stale).write_text("stale")
    assert await export.export(settings, out) == (2, 2, 2)
    exported = {e.id: e for e in load_entries(out)}
    assert sorted(exported) == ["events-congress-centre", "talent-work-permit"]
    assert (out / "city" / "talent-work-permit.yml").exists()
    assert exported["talent-work-permit"].en.answer.startswith("Work permits come from IRCC")
    assert exported["talent-work-permit"] == await store.published_entry("talent-work-permit")


def test_the_command_refuses_an_empty_database(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(
        "ASSISTANT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}"
    )
    export.get_settings.cache_clear()
    try:
        assert export.main([str(tmp_path / "out")]) == 1
    finally:
        export.get_settings.cache_clear()
    assert "start the app first" in capsys.readouterr().err
