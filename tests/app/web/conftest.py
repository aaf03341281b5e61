"""Web fixtures: a migrated database on each backend (SQLite file, PostgreSQL schema) holding a small
newsroom, and the web app on it (Starlette's TestClient; the browser tests serve it on a real port)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import httpx

from newswire.app.web.server import WebServer
from newswire.feeds import FeedState
from newswire.settings import Settings
from newswire.storage.db import make_engine
from newswire.storage.feedstore import SqlFeedStore
from newswire.storage.writer import RecordWriter
from tests.conftest import migrate, postgresql_schema
from tests.storage.conftest import Records

NOW = datetime.now(timezone.utc).replace(microsecond=0)


class Newsroom:
    """What the fixture stored, for the tests to check the pages and the API against."""

    def __init__(self, engine):
        self.engine = engine
        self.records = Records()
        self.writer = RecordWriter(engine)
        self.feeds = SqlFeedStore(engine)

    def article(self, n: int, **fields):
        fields.setdefault("published_at", NOW - timedelta(hours=n))
        fields.setdefault("fetched_at", NOW - timedelta(hours=n) + timedelta(minutes=5))
        return self.records.article(n=n, **fields)

    def write(self, *records) -> None:
        self.writer.write(list(records))

    def feed(self, url: str, **fields) -> None:
        self.feeds.save(FeedState(url=url, **fields))


@pytest.fixture
def newsroom(database_url):
    migrate(database_url)
    engine = make_engine(database_url)
    yield Newsroom(engine)
    engine.dispose()


@pytest.fixture
def server(newsroom, database_url, tmp_path):
    """The web app served by uvicorn on a free loopback port, as ``newswire serve`` serves it."""
    settings = Settings(database_url=database_url, data_dir=tmp_path, web_port=0)
    with WebServer(settings) as running:
        yield running


@pytest.fixture
def client(server):
    with httpx.Client(base_url=server.address, timeout=30) as client:
        yield client


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def empty_client(request, tmp_path_factory):
    """A client of one server a module and database, on an empty migrated database: for the tests of
    parameter checking, which answer before any row is read (a server a case cost seconds each)."""
    tmp = tmp_path_factory.mktemp("empty")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'newswire.db'}"
    else:
        url = postgresql_schema(request.getfixturevalue("pg_database_url"))
    migrate(url)
    with WebServer(Settings(database_url=url, data_dir=tmp, web_port=0)) as running, \
            httpx.Client(base_url=running.address, timeout=30) as client:
        yield client
