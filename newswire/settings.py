"""All of newswire's configuration: one pydantic-settings class, read from ``NEWSWIRE_*``.

The CLI builds :class:`Settings` once and passes it (or the parts a stage needs) to constructors;
no other module reads the environment. docker-compose.yml sets the same names, and a test checks
that it names nothing this class does not know.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from typing import Annotated, Literal

MIN_RENEW_RSS_MB = 64.0


DEFAULT_DATA_DIR = Path("data")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSWIRE_", extra="ignore")

    # --- Kafka -------------------------------------------------------------------------------
    kafka_bootstrap: str | None = Field(
        default=None,
        description="Comma-separated bootstrap servers of a Kafka cluster. Unset: start the embedded Tansu broker.",
    )
    topic_prefix: str = Field(default="", description="Prepended to every topic name (tests isolate themselves with it).")
    topic_partitions: int = Field(default=3, ge=1, description="Partitions of each topic created at start-up.")
    topic_replication: int = Field(default=1, ge=1, description="Replication factor of topics created at start-up.")
    consumer_group_prefix: str = Field(default="newswire", description="Consumer groups are '<prefix>-<stage>'.")
    kafka_compression: Literal["lz4", "gzip", "none"] = Field(
        default="lz4",
        description="Codec of the batches newswire produces. lz4 costs the least CPU (gzip: 0.7 ms more an "
                    "article through the pipeline); 'none' for consumers that lack lz4.",
    )

    # --- Database ----------------------------------------------------------------------------
    database_url: SecretStr | None = Field(
        default=None,
        description="SQLAlchemy URL (postgresql+psycopg://... or sqlite:///...). Unset: SQLite file in data_dir.",
    )

    # --- Ingest ------------------------------------------------------------------------------
    feeds: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Feed URLs, or a path to an OPML / plain list file; comma-separated. Unset: the bundled list.",
    )
    poll_interval_s: float = Field(default=900.0, gt=0, description="Default interval between polls of one feed.")
    min_poll_interval_s: float = Field(default=60.0, gt=0, description="Lower bound of the adaptive poll interval.")
    max_poll_interval_s: float = Field(default=6 * 3600.0, gt=0, description="Upper bound (and backoff cap).")
    fetch_concurrency: int = Field(default=8, ge=1, description="Concurrent HTTP requests of one ingest process.")
    per_host_concurrency: int = Field(default=2, ge=1, description="Concurrent requests to one host.")
    per_host_delay_s: float = Field(default=1.0, ge=0, description="Minimum delay between requests to one host.")
    max_response_bytes: int = Field(default=10 * 1024 * 1024, gt=0, description="Abort a response beyond this size.")
    connect_timeout_s: float = Field(default=10.0, gt=0)
    read_timeout_s: float = Field(default=20.0, gt=0)
    total_timeout_s: float = Field(default=60.0, gt=0, description="Whole request including body.")
    max_redirects: int = Field(default=5, ge=0)
    user_agent: str = Field(default="newswire/0.1 (+https://github.com/newswire; news monitoring bot)")
    respect_robots: bool = Field(default=True, description="Honour robots.txt for article pages.")
    allow_private_networks: bool = Field(
        default=False,
        description="Allow fetching loopback/private/link-local addresses (tests and local runs only).",
    )

    # --- WebSub (push) -------------------------------------------------------------------------
    public_url: str | None = Field(
        default=None,
        description="Public base URL at which hubs reach this ingest's WebSub callback server (a reverse proxy "
                    "to websub_host:websub_port); unset: WebSub off, every feed is polled.")
    websub_host: str = Field(default="127.0.0.1", description="Address the WebSub callback server listens on.")
    websub_port: int = Field(default=8081, ge=0, le=65535, description="Port of the WebSub callback server.")
    websub_lease_s: int = Field(default=10 * 86400, gt=0, description="Lease asked of hubs; renewed at 80 % of "
                                "the lease the hub grants.")
    websub_max_body_bytes: int = Field(default=2 * 1024 * 1024, gt=0, description="Largest push body accepted.")
    websub_check_interval_s: float = Field(
        default=6 * 3600.0, gt=0,
        description="While pushes arrive, a subscribed feed is still polled at least this often (a check).")
    websub_silence_s: float = Field(
        default=6 * 3600.0, gt=0,
        description="A subscribed feed with no push (or verification) for this long is polled on its own "
                    "schedule again until the next push.")

    # --- Processing / sink -------------------------------------------------------------------
    sink_batch_size: int = Field(default=500, ge=1, description="Records per database transaction.")
    sink_batch_timeout_ms: int = Field(default=500, ge=1, description="Longest wait to fill a batch.")
    fetch_max_wait_ms: int = Field(
        default=100, ge=1, le=60_000,
        description="Longest wait of the worker's and the sink's fetches for messages. Short: low latency below "
                    "full load (the embedded broker answers a waiting fetch late, by up to this wait); long: less "
                    "broker, worker and sink CPU at full load (a replay of archives: 500).")
    worker_web_port: int = Field(default=6066, description="Port of the Faust worker's web server.")
    extract_deadline_s: float = Field(
        default=30.0, gt=0,
        description="Longest extraction of one article (in a child process); past it the article stays stored "
                    "and becomes a dead letter 'extract_timeout'.")

    broker_renew_articles: int = Field(
        default=5000, ge=0,
        description="Embedded broker only: replace it (drained, nothing lost) after this many articles were "
                    "published to it (~17 KB each in its memory); 0: never on this count.")
    broker_renew_rss_mb: float = Field(
        default=256.0, ge=0,
        description="Embedded broker only: replace it (drained) once its resident memory reaches this; 0: never.")

    # --- Runtime -----------------------------------------------------------------------------
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, description="SQLite file, Faust state, status files.")
    log_level: str = Field(default="INFO", description="debug also shows third-party libraries' INFO and DEBUG lines.")
    log_format: Literal["auto", "text", "json"] = Field(
        default="auto", description="auto: short text lines when stderr is a terminal, JSON lines otherwise.")
    metrics_port: int | None = Field(default=None, description="Serve Prometheus /metrics on this port.")

    # --- Web interface -----------------------------------------------------------------------
    web_host: str = Field(default="127.0.0.1", description="Address the web interface and JSON API listen on "
                          "(`newswire serve`); 0.0.0.0 exposes them to the network.")
    web_port: int = Field(default=8080, ge=0, le=65535, description="Port of the web interface and JSON API.")

    @field_validator("broker_renew_rss_mb")
    @classmethod
    def _renewal_above_a_fresh_broker(cls, value: float) -> float:
        # A fresh embedded broker holds ~16 MiB: a threshold below that would renew it every second.
        if 0 < value < MIN_RENEW_RSS_MB:
            raise ValueError(f"must be 0 (never) or at least {MIN_RENEW_RSS_MB:.0f} MiB: a fresh broker is ~16 MiB")
        return value

    @field_validator("feeds", mode="before")
    @classmethod
    def _split_feeds(cls, value: object) -> list[str]:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return list(value or [])

    # --- Derived -----------------------------------------------------------------------------
    @property
    def embedded(self) -> bool:
        return not self.kafka_bootstrap

    @property
    def db_url(self) -> str:
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{(self.data_dir / 'newswire.db').resolve()}"

    def group(self, stage: str) -> str:
        return f"{self.consumer_group_prefix}-{stage}"

    def to_env(self) -> dict[str, str]:
        """These settings as ``NEWSWIRE_*`` variables, to hand to the stage processes of ``run``."""
        env: dict[str, str] = {}
        dumped = self.model_dump(mode="json")
        dumped.update(database_url=self.db_url, data_dir=str(Path(self.data_dir).resolve()))
        for name, value in dumped.items():
            if value is None:
                continue
            if isinstance(value, list):
                value = ",".join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            env[f"NEWSWIRE_{name.upper()}"] = str(value)
        return env

    @property
    def compression_codec(self) -> str | None:
        """``kafka_compression`` as Kafka clients name it (None: uncompressed)."""
        return None if self.kafka_compression == "none" else self.kafka_compression

    def masked(self) -> dict[str, object]:
        """Settings as shown by ``newswire config show``: secrets and URL passwords hidden."""
        shown = self.model_dump(mode="json")
        if self.database_url is not None:
            shown["database_url"] = mask_url(self.database_url.get_secret_value())
        return shown


_SECRET_PARAMETER = re.compile(r"pass(word|wd)?$|pwd$|secret|token", re.IGNORECASE)


def mask_url(url: str) -> str:
    """A database URL fit to show or log: the userinfo password and every secret query parameter
    (``password=``, ``sslpassword=``, ...: libpq reads them there too) are ``***``.

    The one function for this: ``config show`` and ``storage.db.describe_url`` (every log line and
    error message that names the database) call it.
    """
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
        query = {key: (tuple("***" for _ in value) if isinstance(value, tuple) else "***")
                 if _SECRET_PARAMETER.search(key) else value for key, value in parsed.query.items()}
        return parsed.set(query=query).render_as_string(hide_password=True).replace("=%2A%2A%2A", "=***")
    except Exception:  # an unparsable URL is shown masked whole rather than leaked
        return "***"
