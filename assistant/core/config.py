"""All settings, read once from the environment (prefix ``ASSISTANT_``) or a ``.env`` file."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from limits import parse
from pydantic import AfterValidator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.core.keys import load_or_create, refuse_published

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _rate_limit(value: str) -> str:
    """A ``limits`` rate such as "20/minute"; refused at start if it does not parse."""
    parse(value)  # raises ValueError with the library's explanation
    return value


RateLimit = Annotated[str, AfterValidator(_rate_limit)]


def _networks(value: str) -> str:
    """Comma-separated addresses or networks ("10.0.0.5, 192.168.0.0/24"); refused at start
    if one does not parse."""
    for item in filter(None, (part.strip() for part in value.split(","))):
        ipaddress.ip_network(item, strict=False)  # raises ValueError naming the bad value
    return value


Networks = Annotated[str, AfterValidator(_networks)]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"

    # Public app (chat API, pages). Bind 0.0.0.0 only behind a reverse proxy in production.
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str = ""

    # Internal action endpoint for Rasa: always loopback. The token Rasa presents: unset, it is
    # generated once into action_endpoint_token_file and `make run` gives it to both sides.
    actions_port: int = 5055
    action_endpoint_token: str = ""
    action_endpoint_token_file: Path = PROJECT_ROOT / "var" / "action_endpoint_token"

    # Rasa server (loopback only) and the app's own short timeouts.
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_timeout_seconds: float = 4.0
    rasa_connect_timeout_seconds: float = 1.0
    # Rasa's tracker store (endpoints.yml, SQLTrackerStore): each conversation's state survives
    # a Rasa restart and is shared by several Rasa processes. A synchronous SQLAlchemy URL, as
    # Rasa uses it: SQLite by default, or "postgresql://user:password@host:5432/rasa". The app
    # reads it too (assistant/privacy/rasa_trackers.py: a person's rights, the daily purge).
    # Rasa's conversation locks are in Redis when redis_url is set (below), else in memory.
    rasa_tracker_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'rasa' / 'trackers.db'}"
    # Several app processes behind a balancer (make run-cluster): while this process's KB
    # loads, its action endpoint answers 503 to the routing action, and the balancer sends
    # the call to another app instead of this one telling the visitor the KB is unavailable.
    actions_wait_for_kb: bool = False

    database_url: str = f"sqlite+aiosqlite:///{PROJECT_ROOT / 'var' / 'assistant.sqlite3'}"
    # Live updates (assistant/events, README "Live updates across processes"): a write wakes
    # the streams that show it (LISTEN/NOTIFY on PostgreSQL, in-process on SQLite). Streams
    # still re-read the database every events_fallback_seconds, in case a notification is lost;
    # a dropped LISTEN connection is retried after 0.1 s, doubling up to the maximum.
    events_fallback_seconds: float = 20.0
    events_reconnect_max_seconds: float = 10.0
    # Signs staff sessions. Unset, it is generated once into secret_key_file (mode 0600);
    # a value published anywhere (assistant/core/keys.py) is refused in every environment.
    secret_key: str = ""
    secret_key_file: Path = PROJECT_ROOT / "var" / "secret_key"

    # Knowledge base and retrieval.
    kb_dir: Path = PROJECT_ROOT / "kb" / "entries"
    # Fallback only: a publish reaches every process at once by notification (assistant/events);
    # this slow poll catches what a lost notification or another program (the import) changed.
    kb_watch_seconds: float = 30.0
    embedding_model: str = str(PROJECT_ROOT / "var" / "models" / "multilingual-e5-small")
    # "onnx": the model's ONNX export on onnxruntime when setup made one (assistant/embeddings/
    # onnx_export.py: same vectors, a third of the time, no torch in the app), else
    # sentence-transformers; "torch": always sentence-transformers.
    embedding_backend: Literal["onnx", "torch"] = "onnx"
    # Encoder threads per app process. One: a visitor's question is a dozen tokens, and with Rasa
    # and other turns busy on the same cores a two-thread matrix product waits for its slower
    # half (measured on the 2-core machine under load: one query p50 23 ms with 1 thread, 113 ms
    # with 2; a KB rebuild 3.7 s vs 9.8 s per 256 texts). Concurrent turns run in parallel threads.
    embedding_threads: int = 1
    kb_answer_threshold: float = 0.86
    kb_clarify_threshold: float = 0.82
    kb_clarify_margin: float = 0.01
    # Routing (assistant/routing/decision.py): probabilities of the KB's entry classifier,
    # tuned on the tune half of `make eval-e2e`; see README "How a message is routed".
    route_answer_probability: float = 0.4
    route_answer_low_probability: float = 0.2
    route_answer_ratio: float = 2.0
    route_cosine_agree: float = 0.88
    route_foreign_answer_probability: float = 0.4  # messages in other languages
    route_answer_over_escalation: float = 0.85
    # nearer to a CLINC150 query than to any KB text by this cosine: out of scope below
    # route_elsewhere_sure (assistant/kb/neighbours.py)
    route_elsewhere_margin: float = 0.0
    route_elsewhere_sure: float = 0.9
    route_clarify_probability: float = 0.1
    route_clarify_total: float = 0.4
    route_clarify_out_of_scope: float = 0.3
    route_topic_clarify_total: float = 0.25
    route_out_of_scope_probability: float = 0.5
    route_intent_confidence: float = 0.7
    route_escalation_intent_confidence: float = 0.5
    route_escalation_sure: float = 0.7
    # KB entries whose subject is reaching a person: a confident match opens the form.
    route_handoff_entries: str = "bureau-speak-to-staff"
    classifier_out_of_scope_weight: float = 3.0
    classifier_regularisation: float = 1000.0
    cache_dir: Path = PROJECT_ROOT / "var" / "cache"  # embeddings of the out-of-scope examples
    # Review inbox (assistant/inbox): questions whose embeddings are at least this similar
    # (cosine, multilingual-e5-small) form one group; an out-of-scope question enters the inbox
    # only when its closest KB entry is at least inbox_in_scope_threshold similar.
    inbox_group_threshold: float = 0.88  # measured: benchmarks/inbox_grouping.py
    inbox_in_scope_threshold: float = 0.82

    default_language: Literal["fr", "en"] = "fr"
    # Websites that may embed the chat widget (CORS on the public chat API only): "*" or
    # comma-separated origins, e.g. "https://www.ville.quebec.qc.ca". No cookies are involved.
    widget_origins: str = "*"
    bureau_email: str = "international@ville.quebec.qc.ca"
    # The weekly Insights digest (assistant/insights/digest.py): last week's figures and top
    # unanswered questions, on Mondays from 08:00 (bureau_timezone), to insights_digest_to
    # (empty: bureau_email). Off by default.
    insights_digest: bool = False
    insights_digest_to: str = ""

    # Abuse limits on the public chat (assistant/chat/limits.py): "<count>/<second|minute|
    # hour|day>" (or "<count> per <n> minutes"), counted in a moving window per client address
    # (the direct peer, never X-Forwarded-For), conversation or recipient. Over a limit: 429
    # with Retry-After. Counters are in memory unless redis_url names a Redis server
    # ("redis://host:6379/0", needs the redis package). rate_limits=false turns every limit
    # off (the e2e evaluation and benchmarks on one address); never in production. The same
    # Redis holds Rasa's conversation locks (endpoints.yml lock_store) when set.
    rate_limits: bool = True
    redis_url: str = ""
    limit_messages_per_conversation: RateLimit = "20/minute"
    limit_messages_per_address: RateLimit = "60/minute"
    limit_conversations_per_address: RateLimit = "20/hour"
    limit_escalations_per_conversation: RateLimit = "3/hour"
    limit_escalations_per_address: RateLimit = "10/day"
    limit_acknowledgements_per_recipient: RateLimit = "3/day"  # the visitor's copy
    limit_event_streams_per_conversation: RateLimit = "10/minute"  # reconnects every 5 min
    limit_event_streams_per_address: RateLimit = "60/minute"

    # Escalation: cases, the handoff queue and email.
    # Offer a person after this many questions in a row without a confident KB answer (a
    # clarification that did not help counts). Topics that always need staff: the intents
    # routed to the form in data/rules.yml, and KB entries marked `escalate: true`.
    escalate_after_kb_misses: int = 2
    claim_timeout_seconds: float = 180.0  # then the visitor is told the answer comes by email
    office_hours: str = "Mon-Fri 08:30-16:30"  # the Bureau's, in bureau_timezone
    bureau_timezone: str = "America/Toronto"  # Québec City's time zone (Eastern)
    case_retention_days: int = 730  # stated in the consent notice; purge deletes older cases
    send_acknowledgement: bool = True  # a copy to the visitor's own address, if consented
    # A person's rights (assistant/privacy/rights*.py): the staff roles that may find, export,
    # rectify and delete a person's data in the console (comma-separated).
    privacy_roles: str = "admin"

    # SMTP relay (development: the embedded aiosmtpd sink that `make run` starts).
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "assistant-international@ville.quebec.qc.ca"
    mail_sink_dir: Path = PROJECT_ROOT / "var" / "mail"
    run_mail_sink: bool = True  # `make run` starts the local sink (set false with a real relay)
    outbox_poll_seconds: float = 1.0
    outbox_max_attempts: int = 8
    outbox_backoff_seconds: float = 5.0  # doubles per attempt, capped at one hour
    outbox_lease_seconds: float = 60.0
    outbox_worker: bool = True  # the app sends the outbox (tests turn it off)

    # Privacy (assistant/privacy, Québec Law 25). The daily purge deletes, past
    # case_retention_days: cases, their emails, review-inbox items and mail files under
    # mail_sink_dir; past conversation_retention_days: conversations that have no case;
    # past log_retention_days: log files under log_dir. The privacy page states these periods
    # and names the person in charge of the protection of personal information.
    conversation_retention_days: int = 90
    log_retention_days: int = 90
    log_dir: Path = PROJECT_ROOT / "var" / "log"
    purge_every_seconds: float = 24 * 3600.0  # the retention purge: once a day
    purge_first_delay_seconds: float = 600.0  # not in the middle of the first start

    # Jobs that run once across app processes (assistant/jobs): the retention purge and the
    # digest take a lease in job_leases. Each process asks every job_poll_seconds; a run holds
    # the lease job_lease_seconds (renewed while it runs), so a crashed process's job is run by
    # another one after that long; a failed run is due again after job_retry_seconds.
    job_poll_seconds: float = 30.0
    job_lease_seconds: float = 300.0
    job_retry_seconds: float = 300.0
    privacy_officer_name: str = "Responsable de la protection des renseignements personnels"
    privacy_officer_email: str = "international@ville.quebec.qc.ca"

    # Request bodies over this size are refused (413) before anything parses them.
    max_body_bytes: int = 64 * 1024

    # Reverse proxies whose X-Forwarded-For names the client (comma-separated addresses or
    # networks). Empty: the direct peer is the client, the header is ignored. Used by the
    # sign-in throttling and the abuse limits (assistant/web/client_address.py).
    trusted_proxies: Networks = ""

    # Staff sessions (server-side, assistant/staff/session.py) and sign-in.
    session_max_age_seconds: int = 8 * 3600
    login_max_failures: int = 5  # per email and address, within login_window_seconds
    login_max_failures_per_account: int = 20  # per email, from every address
    login_max_failures_per_address: int = 30  # per client address, every email
    login_window_seconds: int = 900
    # Staff accounts (assistant/staff/accounts.py): how long an invitation link stays valid.
    invitation_max_age_seconds: int = 72 * 3600

    @model_validator(mode="after")
    def _secrets_nobody_else_knows(self) -> Settings:
        """Generate missing secrets into var/ and refuse any value others could know."""
        self.secret_key = self.secret_key or load_or_create(self.secret_key_file)
        refuse_published("ASSISTANT_SECRET_KEY", self.secret_key)
        self.action_endpoint_token = self.action_endpoint_token or load_or_create(
            self.action_endpoint_token_file
        )
        refuse_published("ASSISTANT_ACTION_ENDPOINT_TOKEN", self.action_endpoint_token)
        return self

    @property
    def secure_cookies(self) -> bool:
        return self.environment == "production"

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}/webhook"


@lru_cache
def get_settings() -> Settings:
    return Settings()
