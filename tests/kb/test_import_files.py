"""`python -m assistant.kb.import_files`: files edited under version control reach the store."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.core.config import Settings
from assistant.db.engine import create_engine, create_schema, session_factory
from assistant.kb import import_files
from assistant.kb.store import KnowledgeBaseStore

PROJECT_KB = Path(__file__).resolve().parents[2] / "kb" / "entries"


async def _store(settings: Settings) -> tuple[KnowledgeBaseStore, object]:
    engine = create_engine(settings.database_url)
    await create_schema(engine)
    return KnowledgeBaseStore(session_factory(engine)), engine


async def test_a_changed_file_is_published_as_a_new_version_and_the_rest_untouched(tmp_path):
    settings = Settings(
        environment="test", database_url=f"sqlite+aiosqlite:///{tmp_path / 'kb.sqlite3'}"
    )
    files = tmp_path / "kb"
    shutil.copytree(PROJECT_KB, files)
    store, engine = await _store(settings)
    await store.import_if_empty(files)

    contact = files / "bureau" / "bureau-contact.yml"
    contact.write_text(
        contact.read_text(encoding="utf-8").replace("418 641-6411", "418 641-6400"),
        encoding="utf-8",
    )
    read, changed = await import_files.import_files(settings, files)

    assert (read, changed) == (len(list(files.rglob("*.yml"))), 1)
    entry = await store.published_entry("bureau-contact")
    assert entry is not None and "418 641-6400" in entry.fr.answer  # type: ignore[union-attr]
    assert sorted(v.number for v in await store.versions("bureau-contact")) == [1, 2]
    assert await import_files.import_files(settings, files) == (read, 0)  # idempotent
    await engine.dispose()  # type: ignore[attr-defined]


def test_an_invalid_file_imports_nothing_and_says_why(tmp_path, monkeypatch, capsys):
    files = tmp_path / "kb"
    (files / "bureau").mkdir(parents=True)
    (files / "bureau" / "broken.yml").write_text("id: broken\ntopic: nowhere\n", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'k.sqlite3'}")
    import_files.get_settings.cache_clear()
    try:
        assert import_files.main([str(files)]) == 1
    finally:
        import_files.get_settings.cache_clear()
    error = capsys.readouterr().err
    assert "Nothing imported" in error and "broken.yml" in error
