from __future__ import annotations

import pytest

from assistant.core.errors import KnowledgeBaseError
from assistant.kb.loader import fingerprint, load_entries
from tests.fakes import make_entry, write_entry


def test_entries_load_sorted_by_id(kb_dir):
    assert [e.id for e in load_entries(kb_dir)] == [
        "bureau-contact",
        "events-congress-centre",
        "talent-work-permit",
    ]


def test_every_bad_file_is_reported_at_once_with_its_path(tmp_path):
    write_entry(tmp_path, make_entry())
    (tmp_path / "talent" / "broken.yml").write_text("id: [unclosed\n")
    (tmp_path / "talent" / "talent-no-english.yml").write_text(
        "id: talent-no-english\ntopic: talent\naudiences: [talent]\ncompetent_body: bureau\n"
        "last_verified: 2026-11-28\nsources: ['https://www.quebec.ca']\n"
        "fr: {title: Titre, answer: Une réponse assez longue pour passer., questions: [q]}\n"
    )
    with pytest.raises(KnowledgeBaseError) as raised:
        load_entries(tmp_path)
    message = str(raised.value)
    assert "broken.yml" in message
    assert "talent-no-english.yml" in message and "missing the 'en' content" in message


def test_a_file_named_differently_from_its_id_is_refused(tmp_path):
    path = write_entry(tmp_path, make_entry())
    path.rename(path.with_name("other-name.yml"))
    with pytest.raises(KnowledgeBaseError, match="differs from the file name"):
        load_entries(tmp_path)


def test_a_one_language_entry_is_allowed_when_marked(tmp_path):
    entry = make_entry(languages=["fr"], en=None)
    write_entry(tmp_path, entry)
    [loaded] = load_entries(tmp_path)
    assert loaded.content("en").title == "Permis de travail"  # falls back to the language it has


def test_the_fingerprint_changes_when_a_file_changes(kb_dir):
    before = fingerprint(kb_dir)
    write_entry(kb_dir, make_entry("talent-new-entry"))
    assert fingerprint(kb_dir) != before
