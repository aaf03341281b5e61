"""The v1 topics evolve additively: fields are added, optional, never removed, renamed or made required.

A subscriber written against v1 (the fields pinned below, as extractor 1.1.0 sent them) keeps working:
every field it knows is still there, nothing it does not send is required, and records ignore fields
they do not know (``extra="ignore"``), so an older newswire reads newer records.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newswire
from newswire import records

SCHEMAS = Path(newswire.__file__).resolve().parent / "schemas"

V1 = {  # every field of each v1 record, and (second) those a v1 record must carry
    "ArticleRecord": ({"article_id", "author", "canonical_url", "content_hash", "date_source", "feed_url", "fetched_at",
                       "guid", "language", "published_at", "replayed", "reprocess", "schema_version", "site", "text",
                       "title", "url", "version"},
                      {"article_id", "url", "canonical_url", "text", "content_hash"}),
    "FigureRecord": ({"anchor_date", "anchor_kind", "anchor_phrase", "article_id", "article_version", "category", "end",
                      "extracted_at", "extractor_version", "figure_id", "published_at", "qualifier", "schema_version",
                      "sentence", "sentence_start", "source", "start", "text", "unit", "value", "value_max"},
                     {"figure_id", "article_id", "article_version", "value", "text", "start", "end", "category",
                      "sentence", "sentence_start", "extractor_version"}),
    "EventRecord": ({"actors", "article_id", "article_version", "date", "end", "event_id", "extracted_at",
                     "extractor_version", "location", "published_at", "schema_version", "sentence", "sentence_start",
                     "start", "trigger", "type"},
                    {"event_id", "article_id", "article_version", "type", "trigger", "start", "end", "sentence",
                     "sentence_start", "extractor_version"}),
    "ExtractionRecord": ({"article_id", "article_version", "events", "extracted_at", "extractor_version", "figures",
                          "schema_version"},
                         {"article_id", "article_version", "extractor_version", "figures", "events"}),
    "DeadLetterRecord": ({"article_id", "error", "failed_at", "payload", "reason", "schema_version", "source_offset",
                          "source_partition", "source_topic", "stage", "url"}, {"stage", "reason", "error"}),
    "FeedRecord": ({"schema_version", "title", "url"}, {"url"}),
}


@pytest.mark.parametrize("name", sorted(V1))
def test_a_v1_record_keeps_its_fields_and_requires_nothing_new(name):
    fields, required = V1[name]
    model = getattr(records, name)
    assert fields <= set(model.model_fields), "a v1 field was removed or renamed"
    assert {k for k, f in model.model_fields.items() if f.is_required()} == required
    assert model.model_config.get("extra") == "ignore"  # an older reader skips fields it does not know


def test_the_json_schemas_follow():
    for path in SCHEMAS.glob("*.v1.json"):
        schema = json.loads(path.read_text())
        name = schema["title"]
        if name in V1:
            assert set(schema.get("required", [])) == V1[name][1], path.name
            assert V1[name][0] <= set(schema["properties"]), path.name
        assert schema.get("additionalProperties") is not False, path.name


def test_an_extractor_1_1_event_decodes_and_a_new_one_drops_what_v1_does_not_know():
    old = {"schema_version": 1, "event_id": "e" * 64, "article_id": "a" * 64, "article_version": 1, "type": "attack",
           "trigger": "shelled", "start": 0, "end": 7, "actors": ["rebels"], "location": "Goma", "date": None,
           "sentence": "shelled", "sentence_start": 0, "extractor_version": "1.1.0"}
    event = newswire.decode(records.EventRecord, json.dumps(old).encode())
    assert event.place is None and event.actor_details in (None, [])
    newer = dict(old, place={"name": "Goma", "country_code": "CD", "gazetteer_id": "geonames:217831"},
                 some_field_of_v1_9="x")
    assert newswire.decode(records.EventRecord, json.dumps(newer).encode()).location == "Goma"
