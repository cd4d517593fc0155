"""A person's rights through the service and the command line: find by email or reference,
export (JSON, a readable document in the person's language), rectify, delete (review-inbox
items shared with other people stay), and an audit that holds no personal data."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.db.inbox_models import InboxItem, InboxOccurrence
from assistant.db.models import Case, Message, OutboxEmail
from assistant.db.rights_models import RightsAudit
from assistant.privacy.rights import Person, PersonNotIdentified
from assistant.privacy.rights_audit import CLI, UnknownReason
from assistant.privacy.rights_changes import Rectification, RectificationInvalid, RightsService
from assistant.privacy.rights_cli import add_privacy_parser
from assistant.services import Services
from tests.staff.conftest import open_case

EMAIL = "Mireille.Dubuc@example.be"


@pytest.fixture
def rights(services: Services, tmp_path: Path) -> RightsService:
    return RightsService(services.sessions, services.engine, tmp_path / "mail")


async def _two_cases_and_a_stranger(services: Services) -> tuple[Case, Case, Case]:
    first = await open_case(services, conversation_id="c-1", name="Mireille Dubuc", email=EMAIL)
    second = await open_case(
        services,
        conversation_id="c-2",
        name="Mireille Dubuc",
        email=EMAIL.lower(),
        language="en",
        summary="<script>alert(1)</script> We plan a delegation visit.",
    )
    stranger = await open_case(services, conversation_id="c-3", name="Paul Roy", email="p@x.ca")
    return first, second, stranger


async def test_a_person_is_found_by_email_in_any_case_or_by_one_case_reference(
    services: Services, rights: RightsService
):
    first, second, _ = await _two_cases_and_a_stranger(services)
    by_email = await rights.find(Person(email=EMAIL.upper()))
    assert [c.id for c in by_email.cases] == [first.id, second.id]
    assert len(by_email.conversations) == 2 and len(by_email.messages) == 4
    assert {e.kind for e in by_email.emails} == {"case", "acknowledgement"}
    assert by_email.rasa_events == [] and by_email.counts()["rasa_trackers"] == 0
    by_reference = await rights.find(Person(reference=second.reference.lower()))
    assert [c.id for c in by_reference.cases] == [second.id]
    assert [c.id for c in by_reference.conversations] == ["c-2"]
    with pytest.raises(PersonNotIdentified):
        Person(email=EMAIL, reference=first.reference)
    with pytest.raises(PersonNotIdentified):
        Person()


async def test_the_export_is_complete_json_and_a_document_in_the_persons_language(
    services: Services, rights: RightsService
):
    _, second, _ = await _two_cases_and_a_stranger(services)
    data, document = await rights.export(Person(reference=second.reference), CLI, "access_request")
    assert data["cases"][0]["email"] == EMAIL.lower() and data["language"] == "en"
    assert [m["sender"] for m in data["conversations"][0]["messages"]] == ["visitor", "bot"]
    assert '<html lang="en">' in document and "Your personal information held" in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document and "<script>" not in document
    assert "Mireille Dubuc" in document


async def test_rectifying_changes_the_cases_and_the_unsent_emails_and_audits_field_names(
    services: Services, rights: RightsService
):
    first, second, stranger = await _two_cases_and_a_stranger(services)
    changes = Rectification(
        name="Mireille Dubuc-Lévesque", email="m.dubuc@example.be", organisation="Ville de Liège"
    )
    assert await rights.rectify(Person(email=EMAIL), changes, CLI, "rectification_request") == 2
    async with services.sessions() as session:
        cases = {c.id: c for c in (await session.execute(select(Case))).scalars()}
        copies = (
            await session.execute(select(OutboxEmail).where(OutboxEmail.kind == "acknowledgement"))
        ).scalars()
        addresses = sorted(e.to_address for e in copies)
        audit = (await session.execute(select(RightsAudit))).scalar_one()
    assert cases[first.id].name == cases[second.id].name == "Mireille Dubuc-Lévesque"
    assert cases[second.id].organisation == "Ville de Liège"
    assert cases[stranger.id].name == "Paul Roy"
    assert addresses == ["m.dubuc@example.be", "m.dubuc@example.be", "p@x.ca"]
    assert audit.what == {"fields": ["email", "name", "organisation"], "cases": 2, "emails": 2}
    assert "dubuc" not in json.dumps(audit.what).lower()
    assert (await rights.find(Person(email="m.dubuc@example.be"))).counts()["cases"] == 2
    for bad in (
        Rectification(email="nope"),
        Rectification(),
    ):
        with pytest.raises(RectificationInvalid):
            await rights.rectify(Person(email="m.dubuc@example.be"), bad, CLI, "inaccurate_data")
    with pytest.raises(UnknownReason):
        await rights.export(Person(email=EMAIL), CLI, "because")


async def test_deleting_keeps_review_inbox_items_other_people_also_asked(
    services: Services, rights: RightsService
):
    await _two_cases_and_a_stranger(services)
    async with services.sessions() as session, session.begin():
        ids = {
            m.conversation_id: m.id
            for m in (
                await session.execute(select(Message).where(Message.sender == "visitor"))
            ).scalars()
        }
        own = InboxItem(key="k1", text="question [courriel]", language="fr", reason="fallback")
        shared = InboxItem(key="k2", text="Je veux parler", language="fr", reason="fallback")
        session.add_all([own, shared])
        await session.flush()
        session.add_all(
            [
                InboxOccurrence(source="message", source_id=ids["c-1"], item_id=own.id),
                InboxOccurrence(source="message", source_id=ids["c-2"], item_id=shared.id),
                InboxOccurrence(source="message", source_id=ids["c-3"], item_id=shared.id),
            ]
        )
    counts = await rights.delete(Person(email=EMAIL), CLI, "deletion_request")
    assert counts["cases"] == 2 and counts["inbox_items"] == 1
    async with services.sessions() as session:
        items = [i.key for i in (await session.execute(select(InboxItem))).scalars()]
        left = list((await session.execute(select(InboxOccurrence))).scalars())
        names = [c.name for c in (await session.execute(select(Case))).scalars()]
    assert items == ["k2"] and [o.source_id for o in left] == [ids["c-3"]]
    assert names == ["Paul Roy"]


def _cli(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_privacy_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["privacy", *argv])


async def test_the_command_line_finds_exports_and_deletes_only_when_confirmed(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    import asyncio

    first, _, _ = await _two_cases_and_a_stranger(services)
    settings = services.settings

    def run(*argv: str) -> int:
        args = _cli(*argv)
        return int(args.func(args, settings))

    async def in_thread(*argv: str) -> int:  # the CLI runs its own event loop
        return await asyncio.to_thread(run, *argv)

    assert await in_thread("find", "--email", EMAIL) == 0
    assert "cases: 2" in capsys.readouterr().out
    out = tmp_path / "export"
    assert await in_thread("export", "--reference", first.reference, "--out", str(out)) == 0
    exported = json.loads((out / "personal-information.json").read_text(encoding="utf-8"))
    assert [c["reference"] for c in exported["cases"]] == [first.reference]
    assert '<html lang="fr">' in (out / "personal-information.html").read_text(encoding="utf-8")
    assert await in_thread("delete", "--email", EMAIL) == 1  # not confirmed: nothing deleted
    assert "--yes" in capsys.readouterr().out
    assert len(await services.cases.list_cases()) == 3
    assert await in_thread("delete", "--email", EMAIL, "--yes") == 0
    assert len(await services.cases.list_cases()) == 1
    assert await in_thread("delete", "--email", EMAIL, "--yes") == 2  # nothing held any more
    async with services.sessions() as session:
        audit = [
            (a.actor, a.action) for a in (await session.execute(select(RightsAudit))).scalars()
        ]
    assert audit == [("cli", "export"), ("cli", "delete")]
