"""`newswire figures`, `events`, `tail` and `config show`, on real databases and the real broker."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

import pytest
from typer.testing import CliRunner

from newswire.app.cli import app
from newswire.ids import article_id, content_hash, span_id
from newswire.kafka import create_topics, make_producer
from newswire.records import ArticleRecord, EventRecord, FigureRecord
from newswire.storage.db import make_engine, upgrade
from newswire.storage.writer import RecordWriter

TEXT = ("Gunmen killed at least 14 people in Port Ellis on Monday, police said. "
        "The central bank cut its main rate to 3.5 percent, the governor said.")


def records():
    url = "https://news.example/world/port-ellis"
    article = ArticleRecord(article_id=article_id(url), url=url, canonical_url=url, title="Attack in Port Ellis",
                            text=TEXT, content_hash=content_hash(TEXT),
                            published_at=datetime(2025, 3, 4, 9, tzinfo=timezone.utc))

    def figure(text, value, category, unit, source, qualifier=None):
        start = TEXT.index(text)
        return FigureRecord(figure_id=span_id(article.article_id, 1, "figure", start, start + len(text)),
                            article_id=article.article_id, article_version=1, value=value, text=text, start=start,
                            end=start + len(text), unit=unit, category=category, qualifier=qualifier, source=source,
                            sentence=TEXT.split(". ")[0], sentence_start=0, published_at=article.published_at,
                            extractor_version="1.1.0")

    start = TEXT.index("killed")
    event = EventRecord(event_id=span_id(article.article_id, 1, "event", start, start + 6), article_id=article.article_id,
                        article_version=1, type="attack", trigger="killed", start=start, end=start + 6,
                        actors=["Gunmen"], location="Port Ellis", date="2025-03-03", sentence=TEXT.split(". ")[0],
                        sentence_start=0, published_at=article.published_at, extractor_version="1.1.0")
    return [article, figure("at least 14", 14, "killed", "people", "police", "at_least"),
            figure("3.5 percent", 3.5, "percent", "percent", "the governor"), event]


def invoke(args, env):
    # A wide terminal, so rich tables keep each value on one line.
    result = CliRunner().invoke(app, args, env={"COLUMNS": "300", **env}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_figures_and_events_queries_export_csv_and_jsonl(database_url, tmp_path):
    upgrade(database_url)
    engine = make_engine(database_url)
    RecordWriter(engine).write(records())
    engine.dispose()
    env = {"NEWSWIRE_DATABASE_URL": database_url, "NEWSWIRE_DATA_DIR": str(tmp_path), "NEWSWIRE_LOG_LEVEL": "WARNING"}

    rows = [json.loads(line) for line in invoke(["figures", "--category", "killed", "--format", "jsonl"], env).splitlines()]
    assert len(rows) == 1
    killed = rows[0]
    assert (killed["text"], killed["value"], killed["source"], killed["article_title"]) == (
        "at least 14", 14.0, "police", "Attack in Port Ellis")
    assert TEXT[killed["start"]:killed["end"]] == "at least 14"  # traceable to its words

    table = list(csv.DictReader(io.StringIO(invoke(["figures", "--source", "governor", "--format", "csv"], env))))
    assert [(r["text"], r["category"]) for r in table] == [("3.5 percent", "percent")]
    assert invoke(["figures", "--since", "2025-03-05", "--format", "jsonl"], env).strip() == ""
    assert "at least 14" in invoke(["figures", "--search", "Gunmen"], env)

    events = [json.loads(line) for line in invoke(["events", "--type", "attack", "--format", "jsonl"], env).splitlines()]
    assert [(e["trigger"], e["location"], e["date"]) for e in events] == [("killed", "Port Ellis", "2025-03-03")]


def test_tail_prints_filtered_records_from_the_topic(broker, unique, tmp_path):
    prefix = f"t{unique}."
    create_topics(broker.bootstrap, prefix)
    producer = make_producer(broker.bootstrap)
    for record in records()[1:3]:
        producer.send(f"{prefix}newswire.figures.v1", key=record.article_id, value=record)
    producer.send(f"{prefix}newswire.figures.v1", key="x", value=b"not json")
    producer.flush()
    producer.close()
    env = {"NEWSWIRE_KAFKA_BOOTSTRAP": broker.bootstrap, "NEWSWIRE_TOPIC_PREFIX": prefix,
           "NEWSWIRE_DATA_DIR": str(tmp_path), "NEWSWIRE_LOG_LEVEL": "WARNING"}
    out = invoke(["tail", "figures", "--from-beginning", "--category", "killed"], env)
    assert "[killed] 'at least 14' people (at_least) — police" in out
    assert "3.5 percent" not in out
    assert "not JSON" in out  # a bad message is shown as such, not skipped silently
    as_json = [json.loads(line) for line in invoke(["tail", "figures", "--from-beginning", "--json"], env).splitlines()
               if line.startswith("{")]
    assert {r["category"] for r in as_json} == {"killed", "percent"}


def test_tail_without_a_broker_says_how_to_get_one(tmp_path):
    result = CliRunner().invoke(app, ["tail", "figures"], env={"NEWSWIRE_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 2
    assert "NEWSWIRE_KAFKA_BOOTSTRAP" in result.output


def test_config_show_masks_the_database_password(tmp_path):
    env = {"NEWSWIRE_DATABASE_URL": "postgresql+psycopg://newswire:s3cret@db:5432/newswire",
           "NEWSWIRE_DATA_DIR": str(tmp_path)}
    out = invoke(["config", "show"], env)
    assert "s3cret" not in out
    assert "postgresql+psycopg://newswire:***@db:5432/newswire" in out


def test_config_show_masks_passwords_in_the_query_string(tmp_path):
    env = {"NEWSWIRE_DATABASE_URL": "postgresql+psycopg://alice:pw@host/news?password=QueryPW&sslpassword=X",
           "NEWSWIRE_DATA_DIR": str(tmp_path)}
    out = invoke(["config", "show"], env)
    assert "QueryPW" not in out and "sslpassword=X" not in out and ":pw@" not in out
    assert "postgresql+psycopg://alice:***@host/news?password=***&sslpassword=***" in out


@pytest.mark.parametrize("args", [
    ["figures", "--since", "9999-12-31T23:00:00-05:00"],
    ["events", "--until", "0001-01-01T00:30:00+05:00"],
    ["figures", "--until", "not a date"],
    ["reprocess", "--since", "9999-12-31T23:00:00-05:00"],
    ["replay", "--since", "9999-12-31T23:00:00-05:00", "SOURCE"],
])
def test_since_until_out_of_range_are_usage_errors(args, tmp_path):
    source = tmp_path / "empty.jsonl"
    source.write_text("")
    args = [str(source) if arg == "SOURCE" else arg for arg in args]
    env = {"NEWSWIRE_DATA_DIR": str(tmp_path), "NEWSWIRE_LOG_LEVEL": "WARNING", "COLUMNS": "300"}
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(args[1]), result.output
    assert "Traceback" not in result.output
    assert ("outside years 1-9999 in UTC" in lines[0]) != (args[2] == "not a date")
