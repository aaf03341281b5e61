"""A test newsroom holding real stories: the Karvania articles (tests/processors/karvania.py) stored as
the sink stores them (tests/stories/fill.py), moved so the last one was published an hour ago, with
coordinates on the places of their events and hostile strings in one article's title, its figures'
sources and its events' place names; then the real stories stage places them all."""

from __future__ import annotations

from datetime import timedelta

from newswire.records import ArticleRecord, EventRecord, FigureRecord, PlaceRef
from newswire.storage.writer import RecordWriter
from newswire.app.story_stage import StoryStage

from tests.app.web.conftest import NOW
from tests.app.web.test_hostile import HANDLER, RLO, SCRIPT
from tests.processors import karvania
from tests.stories.fill import records_of

# Karvania is made up; these coordinates are too (somewhere in the Carpathian basin).
COORDINATES = {"ostrel": (47.41, 21.62), "dorvel": (45.72, 19.08), "karvania": (46.5, 20.4),
               "selva": (47.2, 21.1)}
HOSTILE_PLACE = f"{SCRIPT}{RLO}"
HOSTILE_SOURCE = HANDLER
HOSTILE_TITLE = f"Dam {SCRIPT} breach"


def _place(sentence: str, evil: bool) -> PlaceRef | None:
    """The gazetteer's answer had it known Karvania: the first known place the event's sentence names."""
    if evil:
        return PlaceRef(name=HOSTILE_PLACE, country_code="KV", lat=46.9, lon=20.9, gazetteer_id="geonames:0")
    for name, (lat, lon) in COORDINATES.items():
        if name in sentence.lower():
            return PlaceRef(name=name.title(), country_code="KV", lat=lat, lon=lon, gazetteer_id=f"geonames:{name}")
    return None


def store_stories(engine, hostile: bool = True) -> list:
    """Store the articles, run the stories stage until it has placed them all; the records written.
    ``hostile=False`` leaves the hostile strings out (docs/web/screenshots.py's demo)."""
    pieces = karvania.pieces()
    shift = NOW - timedelta(hours=1) - max(p.published_at for p in pieces)
    evil_key = pieces[0].key
    written = []
    for piece in pieces:
        evil = hostile and piece.key == evil_key
        for record in records_of(piece):
            update = {}
            if getattr(record, "published_at", None) is not None:
                update["published_at"] = record.published_at + shift
            if isinstance(record, ArticleRecord):
                update["fetched_at"] = record.fetched_at + shift
                if evil:
                    update["title"] = HOSTILE_TITLE
            elif isinstance(record, FigureRecord) and evil:
                update["source"] = HOSTILE_SOURCE
            elif isinstance(record, EventRecord):
                update["place"] = _place(record.sentence, evil)
                update["location"] = update["place"].name if update["place"] else None
            written.append(record.model_copy(update=update))
    RecordWriter(engine).write(written)
    stage = StoryStage(engine, batch=50)
    while stage.step():
        pass
    return written
