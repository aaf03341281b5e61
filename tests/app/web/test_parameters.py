"""Every bad query parameter is a 4xx naming the parameter, never a 500: answered before any row is
read, so one server a database serves them all (``empty_client``)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("path", "mentions"), [
    ("/api/v1/figures?since=yesterday", "since"),
    ("/api/v1/figures?until=2026-13-45", "until"),
    ("/api/v1/figures?since=0001-01-01", "since"),
    ("/api/v1/figures?since=9999-12-31T23:59:59-23:00", "since"),
    ("/api/v1/figures?category=kiled", "unknown category"),
    ("/api/v1/figures?limit=0", "limit"),
    ("/api/v1/figures?limit=1000000000000000000000", "limit"),
    ("/api/v1/figures?limit=ten", "limit"),
    ("/api/v1/figures?cursor=AAAA", "cursor"),
    ("/api/v1/figures?cursor=W1sidCIsIm5vdCBhIGRhdGUiXSxbInMiLCJ4Il1d", "cursor"),
    ("/api/v1/figures?cursor=W1siaSIsMV0sWyJzIiwieCJdXQ", "cursor"),  # a feeds cursor
    ("/api/v1/figures?text=%00", "control"),
    ("/api/v1/figures?text=" + "x" * 201, "200"),
    ("/api/v1/figures?article=not-an-id", "article"),
    ("/api/v1/events?type=DROP%20TABLE", "type"),
    ("/api/v1/feeds?failing=maybe", "failing"),
    ("/api/v1/deadletters?reason=%27", "reason"),
    ("/api/v1/overview?hours=100000", "hours"),
    ("/api/v1/articles/abcdef12?version=-1", "version"),
])
def test_bad_parameters_are_4xx_with_a_message(empty_client, path, mentions):
    response = empty_client.get(path)
    assert 400 <= response.status_code < 500, response.text
    detail = response.json()["detail"]
    assert mentions in detail or mentions.lower() in detail.lower(), detail


@pytest.mark.parametrize("query", [{"since": "yesterday"}, {"until": "2026-13-01"}, {"limit": 0}, {"limit": 501},
                                   {"cursor": "bm90LWEtY3Vyc29y"}, {"text": "a\x00b"}, {"text": "x" * 201}])
def test_bad_story_list_parameters_are_422_naming_the_parameter(empty_client, query):
    response = empty_client.get("/api/v1/stories", params=query)
    assert response.status_code == 422, response.text
    assert next(iter(query)) in response.json()["detail"]
    assert empty_client.get("/stories", params=query).status_code == 422
