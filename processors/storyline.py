"""Copies, stories and series in order, for one article at a time: the pure core of the stories stage.

``StoryLine.process(article, figures, events)`` says which earlier article this one copies, which
story it belongs to and what observations its figures make. The state it keeps (the copy index and
the active stories) is bounded in time by the articles' own times, and everything it answers derives
from the articles' content and their order, never from a counter or the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime
from typing import Iterable, Protocol

from newswire.processors.copies import CopyIndex
from newswire.processors.gazetteer import gazetteer
from newswire.processors.series import FigureLike, Observation, observe
from newswire.processors.stories import StoryIndex, StoryState, features


class ArticleLike(Protocol):
    article_id: str
    title: str | None
    site: str | None
    text: str
    published_at: datetime | None
    fetched_at: datetime


class EventLike(Protocol):
    type: str
    actors: list[str]
    location: str | None


def article_time(article: ArticleLike) -> datetime:
    return article.published_at or article.fetched_at


def outlet(article: ArticleLike) -> str | None:
    """The outlet: the site name as the page states it, else the URL's host."""
    if article.site:
        return article.site
    url = getattr(article, "canonical_url", None) or getattr(article, "url", None) or ""
    host = url.split("/")[2] if url.count("/") >= 2 else ""
    return host.removeprefix("www.") or None


@lru_cache(maxsize=4096)   # the same few hundred place names come back article after article
def names_a_country(name: str) -> bool:
    """True if ``name`` names a whole country ("United States"): two stories of one country are rarely one
    story, so a shared country is no evidence (it merged unrelated stories once places fell back to it)."""
    found = gazetteer().resolve(name)
    return found is not None and found.kind == "country"


def place_of(figure: FigureLike) -> str | None:
    """The figure's place name, lower-cased, when the extractor gives one (a ``place`` dict or string)."""
    place = getattr(figure, "place", None)
    if isinstance(place, dict):
        place = place.get("name")
    if not isinstance(place, str):
        return None
    return place.strip().lower() or None


@dataclass(frozen=True)
class Placed:
    article_id: str
    story_id: str
    duplicate_of: str | None
    similarity: float | None  # of the copy, exact Jaccard of 2-gram shingles
    observations: tuple[Observation, ...]


class StoryLine:
    def __init__(self, copies: CopyIndex | None = None, stories: StoryIndex | None = None):
        self.copies = copies or CopyIndex()
        self.stories = stories or StoryIndex()

    def process(self, article: ArticleLike, figures: Iterable[FigureLike] = (),
                events: Iterable[EventLike] = ()) -> Placed:
        at = article_time(article)
        match = self.copies.add(article.article_id, article.text, at)
        events = list(events)
        site = outlet(article)
        found = features(article.article_id, at, article.title, site, article.text,
                         places=[e.location for e in events if e.location and not names_a_country(e.location)],
                         actors=[a for e in events for a in e.actors], types=[e.type for e in events])
        # the story of the article it matched (in the copy index: its story is still remembered, the story
        # of the chain's first copy may not be; a copy joins its original's story, so they are the same)
        story_id = self.stories.assign(found, copy_of=match.matched if match else None)
        observations = tuple(observe(f, story_id, site, place_of(f)) for f in figures)
        return Placed(article.article_id, story_id, match.duplicate_of if match else None,
                      match.similarity if match else None, observations)

    def restore_copy(self, article: ArticleLike, duplicate_of: str | None) -> None:
        """Index a stored article again after a restart, with the answer it was given then."""
        self.copies.add(article.article_id, article.text, article_time(article), root=duplicate_of)

    def restore_story(self, story: StoryState, members: list[str]) -> None:
        self.stories.restore(story, members)
