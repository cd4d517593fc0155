"""Builds what the review inbox shows (groups of failed questions, the entries closest to each,
the result of an editor's action); shared by the JSON API and the pages."""

from __future__ import annotations

from datetime import UTC, datetime

from assistant.core.i18n import t
from assistant.db.clock import as_utc
from assistant.db.inbox_models import InboxItem
from assistant.db.models import Staff
from assistant.inbox.service import ClosestEntry, OpenGroups, PhrasingAdded, closest_entries
from assistant.kb.retriever import Retriever
from assistant.staff.roles import has_role
from assistant.web.staff.inbox_schemas import (
    DismissPublic,
    DraftPublic,
    InboxEntryPublic,
    InboxGroupPublic,
    InboxItemPublic,
    InboxPublic,
    PhrasingPublic,
)
from assistant.web.staff.labels import age_label
from assistant.web.staff.urls import editor_url


def item_public(item: InboxItem, language: str, now: datetime) -> InboxItemPublic:
    return InboxItemPublic(
        id=item.id,
        text=item.text,
        language=item.language,
        language_label=t(f"staff.language.{item.language}", language),
        reason=item.reason,
        reason_label=t(f"staff.inbox.reason.{item.reason}", language),
        count=item.pending,
        total=item.count,
        first_seen=as_utc(item.first_seen),
        last_seen=as_utc(item.last_seen),
        last_seen_label=age_label(item.last_seen, now, language),
        candidates=list(item.candidates or []),
    )


def entry_public(closest: ClosestEntry, language: str) -> InboxEntryPublic:
    return InboxEntryPublic(
        id=closest.id,
        title=closest.entry.content(language).title if closest.entry else closest.id,
        score=closest.score,
        involved=closest.involved,
        editor_url=editor_url(closest.id),
    )


def group_public(
    group: list[InboxItem], retriever: Retriever | None, language: str, now: datetime
) -> InboxGroupPublic:
    items = [item_public(item, language, now) for item in group]
    languages = sorted({item.language for item in group}, key=("fr", "en").index)
    reasons = list(dict.fromkeys(item.reason for item in group))
    return InboxGroupPublic(
        id=group[0].id,
        representative=items[0],
        size=len(group),
        occurrences=sum(item.pending for item in group),
        languages=languages,
        language_labels=[t(f"staff.language.{code}", language) for code in languages],
        reasons=reasons,
        reason_labels=[t(f"staff.inbox.reason.{reason}", language) for reason in reasons],
        last_seen=max(item.last_seen for item in items),
        item_ids=[item.id for item in group],
        items=items,
        entries=[entry_public(c, language) for c in closest_entries(group, retriever)],
    )


def inbox_public(open_groups: OpenGroups, viewer: Staff, language: str) -> InboxPublic:
    now = datetime.now(UTC)
    return InboxPublic(
        groups=[
            group_public(group, open_groups.retriever, language, now)
            for group in open_groups.groups
        ],
        threshold=open_groups.threshold,
        grouped=open_groups.retriever is not None,
        can_act=has_role(viewer, "editor"),
    )


def phrasing_public(added: PhrasingAdded) -> PhrasingPublic:
    return PhrasingPublic(
        entry_id=added.entry_id,
        language=added.language,
        text=added.text,
        version=added.version,
        already_present=added.version is None,
        resolved=added.resolved,
        editor_url=editor_url(added.entry_id),
    )


def draft_public(entry_id: str, resolved: int) -> DraftPublic:
    return DraftPublic(entry_id=entry_id, editor_url=editor_url(entry_id), resolved=resolved)


def dismiss_public(resolved: int) -> DismissPublic:
    return DismissPublic(resolved=resolved)
