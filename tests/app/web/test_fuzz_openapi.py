"""Schemathesis fuzzes every operation of the OpenAPI document (``/api/v1/openapi.json``) against the
real server on a real SQLite file and a PostgreSQL schema holding hostile rows: whatever it sends
(random strings, huge numbers, unicode, NULs, forged cursors), no response is a 5xx and every response
matches the document's declared status codes and content types."""

from __future__ import annotations

import uuid

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from sqlalchemy import create_engine, text

from newswire.app.web import OPENAPI_PATH
from newswire.app.web.server import WebServer
from newswire.settings import Settings
from newswire.storage.db import make_engine, upgrade
from tests.app.web.conftest import Newsroom
from tests.app.web.stories import store_stories
from tests.app.web.test_hostile import _hostile_newsroom

FUZZ_EXAMPLES = 40  # an operation; ~10 operations x 2 databases


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzzed_server(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'newswire.db'}"
    else:
        base = request.getfixturevalue("pg_database_url")
        schema = f"f_{uuid.uuid4().hex[:10]}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        url = f"{base}?options=-csearch_path%3D{schema}"
    upgrade(url)
    engine = make_engine(url)
    _hostile_newsroom(Newsroom(engine))
    store_stories(engine)  # real stories (hostile title, sources, places) behind /stories
    engine.dispose()
    with WebServer(Settings(database_url=url, data_dir=tmp, web_port=0)) as server:
        yield server


def test_no_request_is_a_server_error(fuzzed_server):
    """Each operation's strategy (schemathesis) drives Hypothesis; every response is checked."""
    base = fuzzed_server.address.rstrip("/")
    # the document is built on its first request: seconds when other pipelines share the cores
    schema = schemathesis.openapi.from_url(base + OPENAPI_PATH, timeout=120)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    tried: dict[str, int] = {}

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def fuzz(case):
            response = case.call(base_url=base, timeout=30)
            tried[operation.label] = tried.get(operation.label, 0) + 1
            assert response.status_code < 500, (case.as_curl_command(), response.text[:300])
            case.validate_response(response, checks=[not_a_server_error])

        fuzz()
    print({label: n for label, n in tried.items()})
    assert all(n >= 5 for n in tried.values()) and len(tried) == len(operations)
