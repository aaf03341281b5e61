"""Shared fixtures: real brokers (the embedded Tansu, and Apache Kafka) and real databases (SQLite and PostgreSQL).

Nothing here is mocked. ``broker`` is one Tansu process for the session; the tests that prove
something about the broker take it through :data:`both_brokers` or :data:`broker_matrix` and run on
a real single-node Apache Kafka as well (``kafka_broker``, started on first use, stopped at the end of
the session; tests/kafka_cluster.py). Each test isolates itself with a unique topic prefix and
consumer-group prefix. PostgreSQL is the machine's server at
127.0.0.1:5432, as the role ``newswire_test`` that ``.ci/postgres.sh`` creates (``NEWSWIRE_TEST_PG_URL``
points elsewhere); each session works in a database of its own, dropped at the end.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from newswire.app.broker import EmbeddedBroker
from newswire.settings import Settings
from newswire.storage.db import upgrade
from tests.kafka_cluster import KafkaCluster


def pytest_collection_modifyitems(config, items):
    """Slow tests first (a stable sort: files keep their order within each group). Under ``make test``'s
    two processes, which take a file at a time in this order, the long fault and end-to-end files start
    early and the short ones fill in beside them, instead of one long file running alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


PG_ADMIN_URL = os.environ.get(
    "NEWSWIRE_TEST_PG_URL", "postgresql+psycopg://newswire_test:newswire_test@127.0.0.1:5432/newswire_test")
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def tansu_broker(tmp_path_factory):
    with EmbeddedBroker(log_path=tmp_path_factory.mktemp("broker") / "tansu.log") as running:
        yield running


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory):
    """One Apache Kafka node (broker+controller) on free loopback ports, for the whole session."""
    with KafkaCluster(tmp_path_factory.mktemp("kafka"), nodes=1) as cluster:
        print(f"\nApache Kafka ready on {cluster.bootstrap} in {cluster.startup_s:.1f} s, "
              f"RSS {cluster.rss_mib()} MiB", flush=True)
        yield cluster


@pytest.fixture
def broker(request):
    """The session's Tansu; ``kafka`` under :data:`both_brokers` / :data:`broker_matrix`."""
    return request.getfixturevalue(f"{getattr(request, 'param', 'tansu')}_broker")


# The broker matrix: a test marked so runs on the embedded Tansu and on Apache Kafka.
both_brokers = pytest.mark.parametrize("broker", ["tansu", "kafka"], indirect=True)
# For tests that also take ``database_url``: each broker once and each database once, Tansu with SQLite
# (the embedded default) and Kafka with PostgreSQL (the production pair). A third pair would prove
# nothing the two do not (tests/storage runs the database matrix without a broker) and cost a
# pipeline run, and the suite must stay near 20 minutes on two cores.
broker_matrix = pytest.mark.parametrize(("broker", "database_url"), [("tansu", "sqlite"), ("kafka", "postgresql")],
                                        indirect=True)


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def pg_database_url():
    """A fresh PostgreSQL database for this test session."""
    name = f"newswire_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as conn:
        conn.execute(text(
            # client backends only: an autovacuum worker in it is a superuser's (terminating it is refused),
            # and DROP DATABASE stops those itself
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"
            " AND backend_type = 'client backend' AND pid <> pg_backend_pid()"), {"name": name})
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """Each test that takes this runs twice: on a SQLite file and on PostgreSQL (own schema)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'newswire.db'}"
    return postgresql_schema(request.getfixturevalue("pg_database_url"))


_SQLITE_TEMPLATE: list[Path] = []  # one SQLite file migrated to head, made on first use


def migrate(url: str) -> None:
    """``upgrade(url)``, cheaply on a new SQLite file: it starts as a copy of a file this session migrated
    once (migrating a new file costs 0.4-1.3 s here, the copy and an upgrade that finds it at head
    0.06 s; fixtures of a hundred tests do it). The copy is upgraded like any database, so it is at
    this code's head whatever happened to the template. PostgreSQL schemas are migrated as before."""
    path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") and "?" not in url else None
    if path is not None and not path.exists():
        if not _SQLITE_TEMPLATE:
            folder = Path(tempfile.mkdtemp(prefix="newswire-template-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            upgrade(f"sqlite:///{folder / 'migrated.db'}")  # its engine disposed: the WAL is checkpointed
            _SQLITE_TEMPLATE.append(folder / "migrated.db")
        assert not _SQLITE_TEMPLATE[0].with_name("migrated.db-wal").exists()
        shutil.copyfile(_SQLITE_TEMPLATE[0], path)
    upgrade(url)


def postgresql_schema(base: str) -> str:
    """The URL of a new, empty schema in the session's PostgreSQL database ``base``."""
    schema = f"t_{uuid.uuid4().hex[:10]}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    # psycopg passes libpq options through: every connection of this URL works in the new schema.
    return f"{base}?options=-csearch_path%3D{schema}"


@pytest.fixture
def settings(broker, database_url, unique, tmp_path) -> Settings:
    return Settings(
        kafka_bootstrap=broker.bootstrap,
        topic_prefix=f"t{unique}.",
        consumer_group_prefix=f"g{unique}",
        database_url=database_url,
        data_dir=tmp_path,
        allow_private_networks=True,
        per_host_delay_s=0.0,
        respect_robots=False,
    )


SITE_DIR = REPO / "tests" / "fixtures" / "site"


@pytest.fixture
def static_site():
    """Serve tests/fixtures/site (feed.xml + three articles) on a free loopback port."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE_DIR)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
