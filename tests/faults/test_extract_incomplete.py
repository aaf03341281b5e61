"""A step of the extractor that raises loses only its own findings, and the gap is counted and visible.

``extract`` keeps one odd text from stopping the stream by catching what a step raises; before, the
article was then stored with no events and no trace of why. Now the worker stores what the other steps
found and dead-letters the article as ``extract_incomplete``, naming the step and the error.

No real text is known to make a step raise (the property tests hunt for one), so the fault is put into
the stage processes from outside: a ``sitecustomize`` module on their ``PYTHONPATH`` wraps the event
step so that it raises on texts carrying a marker. The spawned extraction child imports it too.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import Session

from newswire.kafka import create_topics, make_producer
from newswire.storage.db import make_engine, upgrade
from newswire.storage.models import DeadLetter, Event, Extraction, Figure
from newswire.topics import ARTICLES
from tests.faults.conftest import REPO, Stage, make_article, stage_env, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]

MARKER = "EVENT-STEP-FAULT"
FAULT = f'''
import newswire.processors.extract as extract

_find_events = extract.find_events


def find_events(doc):
    if "{MARKER}" in doc.text:
        raise RuntimeError("injected into the event step")
    return _find_events(doc)


extract.find_events = find_events
'''


def test_an_article_whose_event_step_raises_keeps_its_figures_and_is_dead_lettered(settings, tmp_path):
    upgrade(settings.db_url)
    create_topics(settings.kafka_bootstrap, settings.topic_prefix, settings.topic_partitions)
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(FAULT)
    sound = make_article(1)
    faulty = make_article(2, f"At least 7 people were killed in the storm, police said on Monday. {MARKER}")
    producer = make_producer(settings.kafka_bootstrap, enable_idempotence=False, linger_ms=0)
    topic = f"{settings.topic_prefix}{ARTICLES.name}"
    for article in (faulty, sound):
        producer.send(topic, key=article.article_id, value=article, partition=0).get(timeout=30)
    producer.close()

    env = stage_env(settings)
    env["PYTHONPATH"] = f"{inject}:{REPO}"
    worker = Stage("process", ["process"], env, tmp_path / "process.log").start()
    sink = Stage("sink", ["sink"], env, tmp_path / "sink.log").start()
    engine = make_engine(settings.db_url)

    def rows(model, article):
        with Session(engine) as session:
            return list(session.execute(select(model).where(model.article_id == article.article_id)).scalars())

    def done() -> bool:
        return (all(rows(Extraction, a) for a in (sound, faulty))
                and any(r.reason == "extract_incomplete" for r in rows(DeadLetter, faulty)))

    try:
        wait_for(done, 120, "both articles extracted and the faulty one dead-lettered", worker, sink)
        status = wait_for(lambda: (s := worker.status(settings.data_dir)).get("articles") == 2 and s,
                          30, "the worker's status file to count them", worker)
    finally:
        assert worker.stop() == 0, worker.log()
        assert sink.stop() == 0, sink.log()

    letters = rows(DeadLetter, faulty)
    assert [(r.stage, r.reason) for r in letters] == [("process", "extract_incomplete")]
    assert letters[0].error == "events: RuntimeError: injected into the event step"
    assert [f.value for f in rows(Figure, faulty)] == [7]  # the figure step's findings are stored
    assert rows(Event, faulty) == []
    assert rows(Event, sound) != [] and rows(DeadLetter, sound) == []  # the fault touched only the marked text
    assert status["by_reason"] == {"extract_incomplete": 1}
    engine.dispose()
