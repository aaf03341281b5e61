"""The supervisor's recovery step after a broker loss: publish again what the database holds unextracted.

The article row itself is not written twice (articles are insert-if-absent); the worker extracts it
again and the sink stores the figures, events and marker that were lost with the broker. The query is
``storage.versions.unextracted_articles``.
"""

from __future__ import annotations

import logging

from newswire.kafka import RecordPublisher, make_producer
from newswire.settings import Settings
from newswire.storage.db import make_engine
from newswire.storage.versions import unextracted_articles

log = logging.getLogger(__name__)


def republish_unextracted(settings: Settings, bootstrap: str) -> int:
    """After a broker loss: publish again every stored article version whose extraction is not stored."""
    engine = make_engine(settings.db_url)
    producer = make_producer(bootstrap, settings.compression_codec)
    publisher = RecordPublisher(producer, settings.topic_prefix)
    count = 0
    try:
        for record in unextracted_articles(engine):
            publisher.publish(record)
            count += 1
        producer.flush(60)
    except Exception:  # noqa: BLE001 - the database may be down too: the pipeline must still come back
        log.exception("could not re-publish stored articles without extraction (%d sent)", count)
    finally:
        producer.close(timeout=10)
        engine.dispose()
    return count
