"""A story as its page and API show it, assembled from ``storage.story_reads.story_rows``: copies folded
under the article they copy, events on a time line, places with coordinates, series with revisions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from newswire.processors.series import revisions
from newswire.storage import story_reads
from newswire.storage.mapping import utc


def get_story(engine: Engine, story_id: str, category: str | None = None, source: str | None = None,
              full: bool = True) -> dict[str, Any] | None:
    """One story: its articles from every outlet (copies folded under the article they copy, as
    ``copies``; ``article_count`` counts them all), its events in time order, its places with
    coordinates (those the extractor placed) and its figure series grouped ``{category: {source: [observation, ...]}}``.
    A big story is cut to its latest members and observations (``storage.story_reads.STORY_*_MAX``): ``truncated``
    names the lists that were. ``full=False`` (the HTML page): only the columns of events and observations it shows."""
    rows = story_reads.story_rows(engine, story_id, category, source, full)
    if rows is None:
        return None
    story, members, found = rows["story"], rows["members"], rows["articles"]
    events, observations = rows["events"], rows["observations"]
    # articles, copies folded under the first of their kind (a copy of a copy under the original)
    by_id = {}
    for m in members:
        article = found.get(m["article_id"], {})
        by_id[m["article_id"]] = {
            "article_id": m["article_id"], "title": article.get("title"), "url": article.get("url"),
            "site": article.get("site"), "outlet": m["outlet"], "seen_at": utc(m["seen_at"]),
            "published_at": utc(article.get("published_at")), "copy_of": m["duplicate_of"],
            "similarity": m["similarity"], "copies": []}
    articles = []
    for item in by_id.values():
        root, hops = item["copy_of"], 0
        while root in by_id and by_id[root]["copy_of"] and hops < len(by_id):
            root, hops = by_id[root]["copy_of"], hops + 1
        (by_id[root]["copies"] if root in by_id and root != item["article_id"] else articles).append(item)
    # events on a time line: by the event's own date when it has one, else its article's publication
    for e in events:
        e["published_at"] = utc(e["published_at"])
    events.sort(key=lambda e: (e.get("date") or (e["published_at"].strftime("%Y-%m-%d") if e["published_at"] else "~"),
                               e["published_at"].isoformat() if e["published_at"] else "~", e["event_id"]))
    places: dict[str, dict[str, Any]] = {}
    for e in events:
        place = e.get("place") if isinstance(e.get("place"), dict) else None
        if not place or not all(isinstance(place.get(k), (int, float)) for k in ("lat", "lon")):
            continue
        name = str(place.get("name") or e.get("location") or "")
        entry = places.setdefault(name, {"name": name, "lat": float(place["lat"]), "lon": float(place["lon"]),
                                         "country_code": place.get("country_code"), "events": 0})
        entry["events"] += 1
    series: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for o in marked(observations):
        series.setdefault(o["category"], {}).setdefault(o["source"], []).append(o)
    story["place_names"] = story.pop("places") or []
    story["article_count"] = story.pop("articles")
    story.update(articles=articles, events=events, places=sorted(places.values(), key=lambda p: p["name"]),
                 series=series, truncated=rows["truncated"])
    return story


def marked(observations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The observations (time order), each with its ``revision`` (up, down or None) and an aware ``reported_at``."""
    for o, revision in zip(observations, revisions(observations)):
        o["reported_at"] = utc(o["reported_at"])
        o["revision"] = revision
    return observations


def get_timeline(engine: Engine, story_id: str, category: str | None = None, source: str | None = None
                 ) -> dict[str, Any] | None:
    """One story's observations in time order, revisions marked (the story's latest
    ``storage.story_reads.STORY_TIMELINE_MAX``; ``truncated`` says when there were more); None for an unknown story."""
    rows = story_reads.story_observations(engine, story_id, category, source)
    if rows is None:
        return None
    items = sorted(marked(rows["observations"]),
                   key=lambda o: (o["as_of"] or "", o["reported_at"].isoformat() if o["reported_at"] else "~",
                                  o["series_id"], o["value"]))
    return {"story_id": story_id, "items": items, "truncated": rows["truncated"]}
