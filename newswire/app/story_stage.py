"""The stories stage: place stored articles in copies, stories and series, one batch a transaction.

It reads what the sink stored (articles whose extraction is complete, with their figures and events),
in the order the articles were published, runs :class:`newswire.processors.storyline.StoryLine` and
writes its decisions in one transaction a batch (``newswire.storage.stories``), then sends them from
two outboxes: the updated stories to ``newswire.stories.v1`` (a story's ``version`` above its
``published_version``) and each placed article's story, copy and figure series to
``newswire.placements.v1`` (a ``story_articles`` row not yet ``published``). Each is sent at least once
and resent unchanged, so a subscriber keeps the highest story version and one placement an article.

Restart-safe: a SIGKILL loses at most the batch in hand, which had written nothing; at start the
stage restores the active stories (from their saved counts) and the copy index (from the texts of
the last days), the same state an uninterrupted stage holds. Deterministic: ids derive from content.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from datetime import timedelta
from operator import itemgetter
from typing import Callable
from types import SimpleNamespace

from sqlalchemy import Engine

from newswire import metrics
from newswire.processors.copies import KEEP_DAYS, CopyIndex
from newswire.processors.stories import StoryIndex, StoryState, story_id_for
from newswire.processors.storyline import Placed, StoryLine
from newswire.records import FigureSeries, PlacementRecord, StoryRecord
from newswire.storage import stories as store
from newswire.storage.mapping import utc

log = logging.getLogger(__name__)

BATCH = 200
ADDED = 50  # a story update names its latest members, at most this many (placements.v1 has every one)
LATE = timedelta(days=7)  # after the first pass, each batch looks for articles published at most this long
# before the newest placed one (the pending query stays small); older ones that arrive later (a new feed's
# backlog, an old archive replayed) are found by a sweep of the unplaced ones when idle: an anti-join of two
# narrow keys, linear in the tables (0.2-0.3 s at 100,000 articles on PostgreSQL), so it runs at most
# SWEEP_SHARE of the time, and not more often than every SWEEP_S
SWEEP_S = 10.0
SWEEP_SHARE = 0.01
IDLE_S = 5.0  # after a batch that was not full, wait this long: the next then holds a few seconds of articles,
# which share its fixed cost (queries, transaction, sends); README's stories section has the costs measured


class StoryStage:
    def __init__(self, engine: Engine, batch: int = BATCH, producer=None, prefix: str = ""):
        from newswire.topics import PLACEMENTS, STORIES

        self.engine = engine
        self.batch = batch
        self.producer = producer
        self.topic, self.placements_topic = STORIES.full_name(prefix), PLACEMENTS.full_name(prefix)
        self.placed = 0
        self.failed = 0  # articles whose placing raised: each placed alone, in a story of its own
        self.caught_up = False  # the last batch was not full: nothing else was waiting
        self.horizon = None  # the first pass looks at every article; later ones at recent ones only
        self.next_sweep = 0.0  # time.monotonic() of the next look for late articles older than the horizon
        self.sent_all = False  # True once the outboxes were found empty and nothing was written since: an idle
        # step then reads neither (False at start: a restart, or rows marked unsent by hand, are found)
        self.unsent = None  # (placements, stories) of the last batch when the outboxes held nothing else: sent
        # from memory, not read back
        self.line = self.restore()

    def restore(self) -> StoryLine:
        line = StoryLine(CopyIndex(), StoryIndex())
        newest = store.newest_seen(self.engine)
        if newest is None:
            return line
        for row, members in store.active_stories(self.engine, newest - line.stories.window):
            line.restore_story(StoryState.from_json(
                row["story_id"], row["title"], utc(row["first_seen_at"]), utc(row["last_seen_at"]), row["articles"],
                row["outlets"], row["state"]), members)
        for row in store.placed_since(self.engine, newest - timedelta(days=KEEP_DAYS + 1)):
            line.restore_copy(SimpleNamespace(article_id=row["article_id"], text=row["text"],
                                              published_at=utc(row["seen_at"]), fetched_at=utc(row["seen_at"])),
                              row["duplicate_of"])
        return line

    def step(self) -> int:
        """Place one batch; returns how many articles were placed (0: nothing pending)."""
        articles = store.pending_articles(self.engine, self.batch, self.horizon)
        if not articles and self.horizon is not None and time.monotonic() >= self.next_sweep:
            started = time.monotonic()
            late = store.unplaced_ids(self.engine, self.batch)
            articles = store.pending_articles(self.engine, self.batch, only=late) if late else []
            if not articles:
                took = time.monotonic() - started
                self.next_sweep = time.monotonic() + max(SWEEP_S, took / SWEEP_SHARE)
        if not articles:
            self.publish()
            return 0
        started = time.monotonic()
        placements, touched, observations = [], {}, []
        try:
            for row in articles:
                article = SimpleNamespace(**{**row, "published_at": utc(row["published_at"]),
                                             "fetched_at": utc(row["fetched_at"])})
                figures = [SimpleNamespace(**{**f, "published_at": utc(f["published_at"])}) for f in row["figures"]]
                events = [SimpleNamespace(**e) for e in row["events"]]
                try:
                    placed = self.line.process(article, figures, events)
                except Exception as exc:  # noqa: BLE001 - one article must not stop the stage: it stands alone
                    log.warning("article %s could not be placed (%s: %s): a story of its own",
                                article.article_id, type(exc).__name__, exc)
                    self.failed += 1
                    metrics.PLACE_FAILED.inc()
                    placed = Placed(article.article_id, story_id_for(article.article_id), None, None, ())
                    self.line.stories.stories.setdefault(placed.story_id, StoryState(
                        placed.story_id, article.title, utc(row["seen_at"]), utc(row["seen_at"]), 1))
                placements.append({"article_id": placed.article_id, "story_id": placed.story_id,
                                   "duplicate_of": placed.duplicate_of, "similarity": placed.similarity,
                                   "seen_at": utc(row["seen_at"]), "outlet": article.site or None,
                                   "figures": [[figure_id, o.series_id, o.observation_id]
                                               for o in placed.observations for figure_id in o.figure_ids]})
                # the state now: a later article of this batch may move the story out of the window
                touched[placed.story_id] = self.line.stories.stories[placed.story_id]
                observations += [{**o.__dict__, "article_ids": list(o.article_ids), "outlets": list(o.outlets),
                                  "figure_ids": list(o.figure_ids)} for o in placed.observations]
            for obs in observations:
                obs.pop("revision", None)
            stories = [self._story_row(state) for state in touched.values()]
            fresh, self.sent_all, self.unsent = self.sent_all, False, None
            versions = store.write_batch(self.engine, placements, stories, _merged(observations))
        except BaseException:
            try:
                self.line = self.restore()  # the batch was not written: forget it
            finally:
                raise
        if fresh:  # the outboxes now hold exactly this batch's rows, as the stage has them
            self.unsent = (placements, [{**story, "version": versions[story["story_id"]]} for story in stories])
        self.placed += len(placements)
        metrics.ARTICLES_PLACED.inc(len(placements))
        metrics.STAGE_SECONDS.labels("place").observe(time.monotonic() - started)
        newest = self.line.stories.newest
        if newest is not None and utc(articles[0]["seen_at"]) >= newest - LATE:
            self.horizon = newest - LATE  # the backlog of old articles is done
        self.publish()
        return len(placements)

    @staticmethod
    def _story_row(story: StoryState) -> dict:
        return {"story_id": story.story_id, "title": story.title, "first_seen_at": story.first_seen,
                "last_seen_at": story.last_seen, "articles": story.articles, "outlets": sorted(story.outlets),
                "places": story.top_places(), "state": story.to_json()}

    def publish(self) -> int:
        """Send what was placed and the stories updated since they were last sent; mark them sent once
        the broker has them (placements first: a story update's articles are then on their topic)."""
        if self.producer is None or self.sent_all:
            return 0
        unsent, self.unsent = self.unsent, None  # a failed send leaves the rows to the outboxes' queries
        if unsent is not None:
            placements, stories = unsent
            sent = (self.send_placements(sorted(placements, key=itemgetter("seen_at", "article_id")))
                    + self.send_stories(sorted(stories, key=itemgetter("story_id"))))
        else:
            sent = self.publish_placements() + self.publish_stories()
        self.sent_all = True
        return sent

    def publish_placements(self, limit: int = 1000) -> int:
        sent = 0
        while rows := store.unpublished_placements(self.engine, limit):
            sent += self.send_placements(rows)
        return sent

    def send_placements(self, rows: list[dict]) -> int:
        for row in rows:
            figures = None if row["figures"] is None else [
                FigureSeries(figure_id=f, series_id=s, observation_id=o) for f, s, o in row["figures"]]
            record = PlacementRecord(article_id=row["article_id"], story_id=row["story_id"],
                                     duplicate_of=row["duplicate_of"], similarity=row["similarity"],
                                     seen_at=row["seen_at"], outlet=row["outlet"], figures=figures)
            self.producer.send(self.placements_topic, key=row["article_id"], value=record)
        self.producer.flush()
        metrics.STORY_MESSAGES.labels("placements").inc(len(rows))
        store.mark_placements_published(self.engine, [r["article_id"] for r in rows])
        return len(rows)

    def publish_stories(self) -> int:
        return self.send_stories(store.unpublished_stories(self.engine))

    def send_stories(self, rows: list[dict]) -> int:
        if not rows:
            return 0
        members = store.story_members(self.engine, [r["story_id"] for r in rows], last=ADDED)
        for row in rows:
            record = StoryRecord(story_id=row["story_id"], version=row["version"], title=row["title"],
                                 first_seen_at=row["first_seen_at"], last_seen_at=row["last_seen_at"],
                                 articles=row["articles"], outlets=row["outlets"], places=row["places"],
                                 added_article_ids=members.get(row["story_id"], []))
            self.producer.send(self.topic, key=row["story_id"], value=record)
        self.producer.flush()
        metrics.STORY_MESSAGES.labels("stories").inc(len(rows))
        store.mark_published(self.engine, {r["story_id"]: r["version"] for r in rows})
        return len(rows)

    def status(self) -> dict:
        """The status file's counters (``newswire.status``; the web overview's pipeline health): articles
        placed and failed by this process, and whether its last batch left nothing waiting."""
        return {"placed": self.placed, "failed": self.failed, "caught_up": self.caught_up}

    def run(self, stop: threading.Event, idle_s: float = IDLE_S, retry_s: float = 5.0,
            report: Callable[[], None] | None = None) -> None:
        """Place batches until ``stop``; a database error is logged and retried (the batch was not written).
        ``report`` is called after each batch (and each failed one): e.g. to write the status file."""
        while not stop.is_set():
            try:
                self.caught_up = self.step() < self.batch
                if report is not None:
                    report()
                if self.caught_up:  # let the next batch gather (its fixed cost is shared)
                    stop.wait(idle_s)
            except Exception as exc:  # noqa: BLE001 - e.g. the database is away: wait and try again
                log.exception("stories batch failed (%s: %s); retrying in %.0f s", type(exc).__name__, exc, retry_s)
                if report is not None:
                    report()
                stop.wait(retry_s)
                self.sent_all, self.unsent = False, None
                try:
                    self.line = self.restore()
                except Exception:  # noqa: BLE001 - still away: the next step tries again
                    pass


def _merged(observations: list[dict]) -> list[dict]:
    """A batch's observations with the same id as one row (copies in one batch)."""
    found: dict[str, dict] = {}
    for obs in observations:
        found[obs["observation_id"]] = store.merge_observation(found.get(obs["observation_id"]), obs)
    return list(found.values())


def run_stories(settings, stop: threading.Event | None = None, own_process: bool = False) -> None:
    """``newswire storify``: run until SIGTERM / Ctrl-C. ``own_process``: the stage is all this process runs
    (the command, not a thread of another program), so it may freeze what it holds at start for the
    garbage collector (below)."""
    from newswire.kafka import create_topics, make_producer
    from newswire.status import write_status
    from newswire.storage.db import open_database
    from newswire.topics import PLACEMENTS, STORIES

    engine = open_database(settings.db_url, upgrade=False)  # as the sink: refuses an out-of-date schema
    producer = None
    if settings.kafka_bootstrap:
        create_topics(settings.kafka_bootstrap, settings.topic_prefix, settings.topic_partitions,
                      settings.topic_replication, topics=[STORIES, PLACEMENTS])
        producer = make_producer(settings.kafka_bootstrap, settings.compression_codec)
    if own_process:
        # What is alive now (modules, the engine, the producer) lives as long as the process: moved out of the
        # collector's generations, a full collection no longer walks it on every pass (in a replay of a bench
        # run's 1,000 articles, the steps' full collections cost 0.19 ms CPU an article, 0.03 after). Frozen
        # before the stage restores its state: a day's LSH holds reference cycles, freed by the collector
        # when the day expires.
        gc.collect()
        gc.freeze()
    stage = StoryStage(engine, producer=producer, prefix=settings.topic_prefix)
    stop = stop or threading.Event()
    server = metrics.serve_metrics(settings, "storify")
    served = {"metrics_port": server.port if server else None}
    try:  # the status file, as every stage's: ``newswire status`` and the web overview show the stage from it
        stage.run(stop, report=lambda: write_status(settings.data_dir, "storify", stage.status() | served))
    finally:
        write_status(settings.data_dir, "storify", stage.status() | served | {"stopped": True})
        if server is not None:
            server.stop()
        if producer is not None:
            producer.close(timeout=5)
        engine.dispose()
