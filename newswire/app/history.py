"""``newswire replay`` and ``newswire reprocess``: history through the live path, until stored.

Both publish ArticleRecords to ``newswire.articles.v1`` and let the same Faust worker and sink do
the rest. On the embedded default they run that worker and sink themselves (a Supervisor without
ingest) and return only when every published article version has its extraction stored; against a
shared cluster they publish, and with ``wait`` poll the database the same way.

"Stored" is read from the database (the extraction marker of each article version), never from
broker offsets: the embedded broker forgets everything when it stops, and real clusters expire data.

Versions by content (replay): a capture whose text equals *any* stored version of its article is
that version (unchanged); a new text gets the next number. The numbers must not depend on the
order archives are read in, so an article's versions are ordered by capture time (``fetched_at``:
the WARC-Date, else the stated publication time; the content hash breaks ties), a version's capture
time being the earliest capture of its text. When a replay meets a capture earlier than a version
already numbered (another file order, a later run with an older crawl), :class:`VersionLedger` notes
the article, and once everything is stored the versions whose number or capture time changes are
deleted with their results and published again under the right number (re-extracted). Any set of
files, in any order, any number of times, ends with the same versions, figures and events.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from sqlalchemy import Engine

from newswire.app.supervisor import Supervisor
from newswire.app.version_ledger import VersionLedger
from newswire.errors import NotStoredInTime, PipelineStopped
from newswire.kafka import RecordPublisher, create_topics, make_producer
from newswire.records import ArticleRecord, DeadLetterRecord
from newswire.settings import Settings
from newswire.status import write_status
from newswire.storage.mapping import dead_letter_id
from newswire.storage.versions import failed_in_process, known_dead_letters, stored_keys, stored_versions

log = logging.getLogger(__name__)

WAIT_TIMEOUT_S = 3600.0


@dataclass
class FileSummary:
    """What one replayed file gave."""

    read: int = 0  # records, lines or entries read (damaged ones included)
    articles: int = 0  # new article versions published
    stored: int = 0  # of those, stored with their extraction when the replay ended
    unchanged: int = 0  # a text already stored for its article
    outside_window: int = 0
    known_failures: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # by reason: redirect, http_4xx, revisit, not_html...
    dead_letters: dict[str, int] = field(default_factory=dict)  # by reason: bad_record, truncated_record...


@dataclass
class HistorySummary:
    read: int = 0
    outside_window: int = 0
    unchanged: int = 0  # already stored with the same text: nothing to do
    known_failures: int = 0  # dead letters an earlier run of the same archive already stored
    published: int = 0
    dead_letters: int = 0
    stored: int = 0
    failed_in_pipeline: int = 0  # published, then dead-lettered by the worker
    seconds: float = 0.0
    dead_letter_reasons: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # records deliberately not replayed, by reason
    date_sources: dict[str, int] = field(default_factory=dict)  # new versions by date_source
    renumbered: int = 0  # versions published again under their capture-time number
    files: dict[str, FileSummary] = field(default_factory=dict)
    origins: dict[tuple[str, int], str] = field(default_factory=dict, repr=False)  # (article, version) -> file

    @property
    def articles_per_s(self) -> float:
        return self.stored / self.seconds if self.seconds else 0.0

    def file(self, source: str) -> FileSummary:
        return self.files.setdefault(source, FileSummary())

    def as_dict(self) -> dict:
        from dataclasses import asdict

        found = asdict(self)
        found.pop("origins")
        return {**found, "articles_per_s": round(self.articles_per_s, 2)}

    def count_stored(self, engine: Engine) -> None:
        """Per file, how many of its new versions the database holds now."""
        for key in stored_keys(engine, self.origins):
            self.file(self.origins[key]).stored += 1


def _bump(counts: dict[str, int], key: str) -> None:
    counts[key] = counts.get(key, 0) + 1


class Publisher:
    """kafka-python producer for articles and dead letters, counting what it sends.

    With ``spill`` (a file path), every article published is also written there, one JSON line
    each, so that after a loss of the embedded broker :meth:`republish` can send again what the
    database does not hold yet, without keeping a month of archive in memory.
    """

    def __init__(self, settings: Settings, bootstrap: str, summary: HistorySummary, spill: Path | None = None):
        self.compression = settings.compression_codec
        self.prefix = settings.topic_prefix
        self.producer = make_producer(bootstrap, self.compression)
        self.records = RecordPublisher(self.producer, self.prefix)
        self.summary = summary
        self.keys: set[tuple[str, int]] = set()
        self.on_broker = 0  # articles sent to the current broker (the status files count these)
        self.spill_path = spill
        self._spill = open(spill, "w", encoding="utf-8") if spill is not None else None

    def article(self, record: ArticleRecord, count: bool = True) -> None:
        self.records.publish(record)
        self.keys.add((record.article_id, record.version))
        self.summary.published += count
        self.on_broker += 1
        if self._spill is not None:
            self._spill.write(record.model_dump_json() + "\n")

    def dead_letter(self, record: DeadLetterRecord) -> None:
        self.records.publish(record)
        self.summary.dead_letters += 1
        self.summary.dead_letter_reasons[record.reason] = self.summary.dead_letter_reasons.get(record.reason, 0) + 1

    def reconnect(self, bootstrap: str) -> None:
        """A new producer: after a broker restart kafka-python's idempotent one fails on every send."""
        try:
            self.producer.close(timeout=0)
        except Exception:  # noqa: BLE001 - it is broken already; only the new one matters
            log.debug("closing the old producer failed", exc_info=True)
        self.producer = make_producer(bootstrap, self.compression)
        self.records = RecordPublisher(self.producer, self.prefix)
        self.on_broker = 0

    def republish(self, engine: Engine, extractor_version: str | None = None) -> int:
        """Send again the spilled articles whose extraction the database does not hold; returns how many."""
        if self._spill is None or self.spill_path is None:
            return 0
        self._spill.flush()
        pending = self.keys - stored_keys(engine, self.keys, extractor_version)
        sent: set[tuple[str, int]] = set()
        with open(self.spill_path, encoding="utf-8") as lines:
            for line in lines:
                record = ArticleRecord.model_validate_json(line)
                key = (record.article_id, record.version)
                if key in pending and key not in sent:
                    self.records.publish(record)
                    sent.add(key)
        self.producer.flush(60)
        self.on_broker += len(sent)
        log.warning("re-published %d of %d articles not stored before the broker was lost", len(sent), len(pending))
        return len(sent)

    def close(self) -> None:
        try:
            self.producer.flush(60)
            self.producer.close(timeout=10)
        finally:
            if self._spill is not None:
                self._spill.close()
                if self.spill_path is not None:
                    self.spill_path.unlink(missing_ok=True)


def versioned(records: Iterable[tuple[str, ArticleRecord | DeadLetterRecord]], engine: Engine,
              summary: HistorySummary, ledger: VersionLedger | None = None,
              batch: int = 200) -> Iterator[ArticleRecord | DeadLetterRecord]:
    """Give each article its version against what the database holds (and this run published); drop
    texts already stored, and dead letters already stored (an archive fails the same way every time)."""
    ledger = ledger or VersionLedger(engine)
    pending: list[tuple[str, ArticleRecord | DeadLetterRecord]] = []

    def flush() -> Iterator[ArticleRecord | DeadLetterRecord]:
        ids = [r.article_id for _, r in pending if isinstance(r, ArticleRecord)]
        stored = stored_versions(engine, ids) if ids else {}
        failure_ids = {id(r): dead_letter_id(r) for _, r in pending if isinstance(r, DeadLetterRecord)}
        known = known_dead_letters(engine, failure_ids.values()) if failure_ids else set()
        for source, record in pending:
            counts = summary.file(source)
            if isinstance(record, DeadLetterRecord):
                if failure_ids[id(record)] in known:
                    summary.known_failures += 1
                    counts.known_failures += 1
                else:
                    _bump(counts.dead_letters, record.reason)
                    yield record
                continue
            version = ledger.assign(record, stored.get(record.article_id, []))
            if version is None:
                summary.unchanged += 1
                counts.unchanged += 1
                continue
            counts.articles += 1
            _bump(summary.date_sources, record.date_source or "none")
            summary.origins[(record.article_id, version)] = source
            yield record.model_copy(update={"version": version})
        pending.clear()

    for item in records:
        pending.append(item)
        if len(pending) >= batch:
            yield from flush()
    yield from flush()


def wait_until_stored(engine: Engine, keys: set[tuple[str, int]], summary: HistorySummary,
                      extractor_version: str | None = None, on_progress: Callable[[int], None] = lambda n: None,
                      alive: Callable[[], bool] = lambda: True, timeout_s: float = WAIT_TIMEOUT_S) -> None:
    """Block until every (article_id, version) has its extraction (by ``extractor_version``) stored,
    or was dead-lettered by the worker."""
    remaining = set(keys)
    deadline = time.monotonic() + timeout_s
    while remaining and time.monotonic() < deadline:
        if not alive():
            raise PipelineStopped("the pipeline stopped before everything was stored")
        chunk = list(remaining)[:5000]
        done = stored_keys(engine, chunk, extractor_version)
        failed = failed_in_process(engine, {aid for aid, _ in chunk})
        failed_keys = {key for key in chunk if key[0] in failed and key not in done}
        summary.failed_in_pipeline += len(failed_keys)
        remaining -= done | failed_keys
        summary.stored += len(done)
        on_progress(len(keys) - len(remaining))
        if remaining:
            time.sleep(0.5)
    if remaining:
        raise NotStoredInTime(f"{len(remaining)} published articles were not stored within {timeout_s:.0f} s")


class PipelineForHistory:
    """The worker and sink a replay needs: started here on the embedded default, else the cluster's."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.supervisor = None

    def __enter__(self) -> str:
        if self.settings.embedded:
            self.supervisor = Supervisor(self.settings, stages=("sink", "process"))
            self.supervisor.start()
            return self.supervisor.broker.bootstrap
        create_topics(self.settings.kafka_bootstrap or "", self.settings.topic_prefix,
                      self.settings.topic_partitions, self.settings.topic_replication)
        return self.settings.kafka_bootstrap or ""

    def alive(self) -> bool:
        if self.supervisor is None:
            return True
        return self.supervisor.broker.alive() and all(c.alive() for c in self.supervisor.children.values())

    def tend(self) -> bool:
        """Restart crashed children and a lost embedded broker; True when the broker was restarted."""
        if self.supervisor is None:
            return False
        return self.supervisor.tend()

    def __exit__(self, *exc_info: object) -> None:
        if self.supervisor is not None:
            self.supervisor.stop()


def publish_history(settings: Settings, engine: Engine, records: Iterable[ArticleRecord | DeadLetterRecord],
                    summary: HistorySummary, *, wait: bool, extractor_version: str | None = None,
                    on_published: Callable[[int], None] = lambda n: None,
                    on_stored: Callable[[int, int], None] = lambda done, total: None,
                    ledger: VersionLedger | None = None) -> HistorySummary:
    """Publish ``records`` and (embedded, or ``wait``) wait until stored; then settle the ledger's
    out-of-order versions (see the module docstring), publishing and waiting once more."""
    started = time.monotonic()
    records = iter(records)
    first = next(records, None)
    if first is None and not (ledger is not None and ledger.needed()):
        # Nothing new (say, an archive replayed again): no broker or worker to start.
        summary.seconds = time.monotonic() - started
        return summary
    records = itertools.chain([first] if first is not None else [], records)
    pipeline = PipelineForHistory(settings)
    with pipeline as bootstrap:
        # On the embedded broker, what was published is kept on disk until stored: a broker lost
        # midway takes it along, and it is sent again (see Publisher.republish).
        spill = Path(settings.data_dir) / f"replay-{os.getpid()}.jsonl" if pipeline.supervisor else None
        if spill is not None:
            spill.parent.mkdir(parents=True, exist_ok=True)
        publisher = Publisher(settings, bootstrap, summary, spill=spill)

        def tend() -> bool:
            if pipeline.tend():
                publisher.reconnect(bootstrap)
                publisher.republish(engine, extractor_version)
                write_status(settings.data_dir, "replay", {"articles_published": publisher.on_broker})
            return True

        try:
            for count, record in enumerate(records):
                if count % 100 == 0:
                    tend()
                if isinstance(record, DeadLetterRecord):
                    publisher.dead_letter(record)
                else:
                    publisher.article(record)
                on_published(summary.published + summary.dead_letters)
            publisher.producer.flush(60)
            if wait or settings.embedded:
                write_status(settings.data_dir, "replay", {"articles_published": publisher.on_broker})
                wait_until_stored(engine, publisher.keys, summary, extractor_version,
                                  alive=tend if pipeline.supervisor else pipeline.alive,
                                  on_progress=lambda done: on_stored(done, len(publisher.keys)))
                if ledger is not None and ledger.needed():
                    again = ledger.settle()
                    for record in again:
                        publisher.article(record, count=False)
                    publisher.producer.flush(60)
                    summary.renumbered += len(again)
                    keys = {(r.article_id, r.version) for r in again}
                    moved = HistorySummary()  # their storing is not counted twice
                    wait_until_stored(engine, keys, moved, extractor_version,
                                      alive=tend if pipeline.supervisor else pipeline.alive)
            elif ledger is not None and ledger.needed():
                log.warning("%d articles had captures out of capture-time order; replay again with --wait "
                            "to settle their version numbers", len(ledger.out_of_order))
        finally:
            publisher.close()
            write_status(settings.data_dir, "replay", {"articles_published": publisher.on_broker})
    summary.seconds = time.monotonic() - started
    return summary
