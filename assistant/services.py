"""The app's long-lived resources, created at startup and handed to routes and actions."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from rasa_sdk.executor import ActionExecutor
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from actions import build_actions
from assistant.cases.service import CaseService
from assistant.chat.limits import AbuseLimits
from assistant.chat.rasa_client import RasaClient
from assistant.chat.recovery import TurnRecovery
from assistant.chat.service import ChatService
from assistant.chat.sqlite_turns import SqliteTurnStore
from assistant.chat.turn_store import TurnStore
from assistant.core.config import Settings
from assistant.core.errors import KnowledgeBaseError
from assistant.db.engine import create_engine, create_schema, session_factory
from assistant.db.sqlite_thread import is_aiosqlite
from assistant.events import KB, Notifier, create_notifier, track_changes
from assistant.inbox.service import InboxService
from assistant.insights.digest import send_weekly_digest
from assistant.insights.service import InsightsService
from assistant.jobs import Job, JobLeases, JobRunner
from assistant.kb.classifier import ClassifierSettings
from assistant.kb.index import Encoder
from assistant.kb.live import LiveKnowledgeBase
from assistant.kb.retriever import Retriever, Thresholds
from assistant.kb.store import KnowledgeBaseStore
from assistant.mail.worker import OutboxWorker
from assistant.privacy.consent import FormPrivacy
from assistant.privacy.rasa_trackers import RasaTrackers
from assistant.routing.decision import RoutingThresholds

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    rasa: RasaClient
    chat: ChatService
    executor: ActionExecutor
    cases: CaseService
    kb_store: KnowledgeBaseStore
    limits: AbuseLimits  # abuse limits on the public chat, shared by chat and cases
    # Wakes live streams and other processes' KB on commits (assistant/events).
    notifier: Notifier = field(default_factory=Notifier)
    inbox: InboxService = field(init=False)
    insights: InsightsService = field(init=False)
    kb: LiveKnowledgeBase | None = None
    kb_error: str | None = None
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.inbox = InboxService(
            self.sessions, self.kb_store, lambda: self.retriever, self.settings
        )
        self.insights = InsightsService(self.sessions, self.settings)

    @property
    def retriever(self) -> Retriever | None:
        """The live KB's retriever; None while the KB loads (or if it failed to)."""
        return self.kb.retriever if self.kb is not None else None

    @classmethod
    async def start(cls, settings: Settings, encoder: Encoder | None = None) -> Services:
        """Database and Rasa client now; the KB (embedding model, index) in the background."""
        engine = create_engine(settings.database_url)
        await create_schema(engine)
        sessions = session_factory(engine)
        notifier = create_notifier(
            engine, reconnect_max_seconds=settings.events_reconnect_max_seconds
        )
        track_changes(sessions, notifier)
        await notifier.start()
        rasa = RasaClient(
            settings.rasa_url,
            timeout=settings.rasa_timeout_seconds,
            connect_timeout=settings.rasa_connect_timeout_seconds,
        )
        limits = AbuseLimits(settings)
        if not settings.rate_limits:
            log.warning("abuse limits are off (ASSISTANT_RATE_LIMITS=false)")
        services = cls(
            settings=settings,
            engine=engine,
            sessions=sessions,
            rasa=rasa,
            chat=ChatService(
                sessions, rasa, limits, _turn_recovery(settings), _turn_store(engine, sessions)
            ),
            executor=ActionExecutor(),
            cases=CaseService(sessions, settings, limits),
            kb_store=KnowledgeBaseStore(sessions),
            limits=limits,
            notifier=notifier,
        )
        await services._import_kb_files()
        services._register_actions()
        services._tasks.append(asyncio.create_task(services._load_kb(encoder)))
        services._tasks.append(asyncio.create_task(services._expire_unclaimed_cases()))
        for job in services._jobs():  # once across processes (assistant/jobs)
            services._tasks.append(asyncio.create_task(services._job_runner().run_forever(job)))
        if settings.outbox_worker:  # sends the emails staged in the outbox (assistant/mail)
            worker = OutboxWorker(sessions, settings)
            services._tasks.append(asyncio.create_task(worker.run_forever()))
        return services

    async def _expire_unclaimed_cases(self) -> None:
        """Cases nobody claimed in time continue by email; the visitor is told (with hours)."""
        every = max(1.0, min(15.0, self.settings.claim_timeout_seconds / 4))
        while True:
            await asyncio.sleep(every)
            try:
                await self.cases.expire_unclaimed()
            except Exception:
                log.exception("could not expire unclaimed cases")

    def _jobs(self) -> list[Job]:
        """The periodic jobs that must run once whatever the number of app processes."""
        settings = self.settings
        jobs = [
            Job(
                "retention-purge",
                every=settings.purge_every_seconds,
                run=self.purge,
                first_delay=settings.purge_first_delay_seconds,
            )
        ]
        if settings.insights_digest:  # checked every half hour, staged once a week
            jobs.append(Job("insights-digest", every=1800.0, run=self.send_digest_if_due))
        return jobs

    def _job_runner(self) -> JobRunner:
        settings = self.settings
        return JobRunner(
            JobLeases(self.sessions, settings.job_lease_seconds),
            poll_seconds=settings.job_poll_seconds,
            retry_seconds=settings.job_retry_seconds,
            lease_seconds=settings.job_lease_seconds,
        )

    async def purge(self) -> None:
        """Retention of every store (assistant/privacy/retention.py): what the privacy notice
        says is kept N days is deleted after N days."""
        from assistant.privacy.retention import RetentionPolicy, purge_everything

        policy = RetentionPolicy.from_settings(self.settings)
        report = await purge_everything(self.sessions, policy)
        log.info("retention: %s", report)

    async def send_digest_if_due(self) -> bool:
        settings = self.settings
        try:
            try:
                await self.inbox.collector().collect()
            except Exception as error:  # the digest still goes, with what was collected
                log.error("digest: inbox not collected (%s)", type(error).__name__)
            return await send_weekly_digest(
                self.sessions,
                to=settings.insights_digest_to or settings.bureau_email,
                timezone=settings.bureau_timezone,
                group_threshold=settings.inbox_group_threshold,
                dashboard_url=f"{settings.base_url}/staff/insights",
            )
        except Exception:
            log.exception("could not stage the weekly digest")
            return False

    async def _import_kb_files(self) -> None:
        """First start: the kb/ files fill the empty store; from then on the store is the truth."""
        try:
            await self.kb_store.import_if_empty(self.settings.kb_dir)
        except KnowledgeBaseError as error:  # reported by /health; the chat keeps working
            self.kb_error = f"{type(error).__name__}: {error}"
            log.error("knowledge base files not imported:\n%s", error)

    async def _kb_published(self) -> None:
        """A publish in this process: the live index follows before the request returns."""
        if self.kb is None:
            return  # still loading: the load reads the store, publish included
        try:
            await self.kb.refresh()
        except Exception as error:  # the store has it; the watcher retries
            self.kb.last_error = f"{type(error).__name__}: {error}"
            log.exception("live index not refreshed after a publish")

    async def _load_kb(self, encoder: Encoder | None) -> None:
        try:
            if encoder is None:
                from assistant.embeddings.onnx_encoder import load_encoder

                encoder = await asyncio.to_thread(load_encoder, self.settings)
            thresholds = Thresholds(
                answer=self.settings.kb_answer_threshold,
                clarify=self.settings.kb_clarify_threshold,
                margin=self.settings.kb_clarify_margin,
            )
            self.kb = LiveKnowledgeBase(
                self.kb_store,
                encoder,
                thresholds,
                classifier_settings=ClassifierSettings(
                    out_of_scope_weight=self.settings.classifier_out_of_scope_weight,
                    regularisation=self.settings.classifier_regularisation,
                ),
                cache_dir=self.settings.cache_dir,
            )
            self.kb_store.on_publish = self._kb_published  # publishes from now on go live
            kb = self.kb
            # Subscribed before the first read: a publish by another process meanwhile is seen.
            changes = self.notifier.subscribe(KB)
            await kb.refresh()
            self._register_actions()
            watch = kb.watch(self.settings.kb_watch_seconds, changes)
            self._tasks.append(asyncio.create_task(watch))
        except Exception as error:  # reported by /health; the chat keeps working without KB
            self.kb_error = f"{type(error).__name__}: {error}"
            log.exception("knowledge base failed to load")

    async def kb_ready(self) -> None:
        """Wait until the background KB load has finished (tests, benchmarks)."""
        if self._tasks:
            await asyncio.shield(self._tasks[0])

    def _register_actions(self) -> None:
        for action in build_actions(
            self.retriever,
            self.cases,
            self.settings.case_retention_days,
            self.settings.escalate_after_kb_misses,
            routing_thresholds(self.settings),
            frozenset(self.settings.route_handoff_entries.split(",")),
            FormPrivacy(self.sessions, self.settings.case_retention_days, self.settings.base_url),
            self.settings.base_url,
        ):
            self.executor.register_action(action)

    async def aclose(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.notifier.aclose()
        await self.rasa.aclose()
        await self.limits.aclose()
        await self.engine.dispose()


def routing_thresholds(settings: Settings) -> RoutingThresholds:
    return RoutingThresholds(
        answer=settings.route_answer_probability,
        answer_low=settings.route_answer_low_probability,
        answer_ratio=settings.route_answer_ratio,
        cosine_agree=settings.route_cosine_agree,
        foreign_answer=settings.route_foreign_answer_probability,
        answer_over_escalation=settings.route_answer_over_escalation,
        elsewhere_margin=settings.route_elsewhere_margin,
        elsewhere_sure=settings.route_elsewhere_sure,
        clarify=settings.route_clarify_probability,
        clarify_total=settings.route_clarify_total,
        clarify_out_of_scope=settings.route_clarify_out_of_scope,
        topic_clarify_total=settings.route_topic_clarify_total,
        out_of_scope=settings.route_out_of_scope_probability,
        intent=settings.route_intent_confidence,
        escalation_intent=settings.route_escalation_intent_confidence,
        escalation_sure=settings.route_escalation_sure,
    )


def _turn_store(engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]) -> TurnStore:
    """A chat turn's transactions: on SQLite each one call in the connection's thread."""
    return SqliteTurnStore(engine, sessions) if is_aiosqlite(engine) else TurnStore(sessions)


def _turn_recovery(settings: Settings) -> TurnRecovery:
    """A retried message's turn read back from Rasa's tracker store, waiting for a first
    attempt still in Rasa up to the app's own Rasa timeout (and a second)."""
    return TurnRecovery(RasaTrackers.from_settings(settings), settings.rasa_timeout_seconds + 1)
