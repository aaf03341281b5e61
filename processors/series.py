"""Figure series: one quantity of one story as one source states it, and its observations over time.

A series is keyed by (story, category, source organisation, basis, place), where the basis says what
the number counts: ``cumulative`` (a running total), ``since`` (since an anchor date) or ``new`` (new
in a period: "in the past 24 hours"). An observation is one value of a series on one date; the same
value reported the same day by several articles (copies of a dispatch, or outlets quoting the same
ministry) is one observation with every article and outlet that reported it. A later different value
of the same series is a revision, up or down (:func:`mark_revisions`); values of different sources are
different series, so competing tolls both stay.

Ids derive from content only (story id, key fields, value, date): the same figures give the same
series and observations in any run, any order, any database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from typing import Iterable, Literal, Protocol

from newswire.ids import sha256_hex

Basis = Literal["cumulative", "since", "new"]
UNATTRIBUTED = "unattributed"

_NEW = re.compile(
    r"\b(?:in the (?:past|last|previous) (?:\d+|twenty-four|24|48) hours|(?:over|in) the (?:past|last) day"
    r"|overnight|daily|new (?:deaths|cases|infections|casualties|arrivals))\b", re.IGNORECASE)
_ORG_NOISE = re.compile(r"^(?:according to|the|a|an)\s+|['’]s$|[.,;:]+$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SYNONYMS = {  # the same organisation as different texts put it
    "ministry of health": "health ministry",
    "the health ministry": "health ministry",
    "united nations": "un",
    "the un": "un",
}


def _when(obs: "Observation") -> float:
    return obs.reported_at.timestamp() if obs.reported_at else float("inf")


class FigureLike(Protocol):
    figure_id: str
    article_id: str
    category: str
    value: float
    value_max: float | None
    qualifier: str | None
    source: str | None
    anchor_kind: str | None
    anchor_date: str | None
    anchor_phrase: str | None
    sentence: str
    start: int
    end: int
    published_at: datetime | None


@lru_cache(maxsize=4096)  # a pure function of a few hundred names a day; each figure asks
def source_org(source: str | None) -> str:
    """The organisation a figure is attributed to, in one spelling: "the Health Ministry's" -> "health ministry"."""
    if not source or not source.strip():
        return UNATTRIBUTED
    name = _SPACES.sub(" ", source.strip().lower())
    previous = None
    while previous != name:
        previous, name = name, _ORG_NOISE.sub("", name).strip()
    name = _SYNONYMS.get(name, name)
    return name or UNATTRIBUTED


def basis_of(figure: FigureLike) -> Basis:
    if figure.anchor_kind == "since":
        return "since"
    if _NEW.search(figure.anchor_phrase or "") or _NEW.search(figure.sentence):
        return "new"
    return "cumulative"


def as_of_date(figure: FigureLike, reported_at: datetime | None) -> str | None:
    """The day the value holds for: its "as of" anchor when it names a day, else the day it was reported."""
    if figure.anchor_kind == "as_of" and figure.anchor_date and _FULL_DATE.match(figure.anchor_date):
        return figure.anchor_date
    return reported_at.date().isoformat() if reported_at else None


@lru_cache(maxsize=4096)  # a story's figures fall in a few series: each id is hashed once while its story is active
def series_id_for(story_id: str, category: str, source: str, basis: str, place: str | None) -> str:
    return sha256_hex("series", story_id, category, source, basis, place or "")


def observation_id_for(series_id: str, value: float, value_max: float | None, as_of: str | None) -> str:
    return sha256_hex("observation", series_id, repr(float(value)), repr(value_max), as_of or "")


@dataclass(frozen=True)
class Observation:
    observation_id: str
    series_id: str
    story_id: str
    category: str
    source: str
    basis: Basis
    place: str | None
    value: float
    value_max: float | None
    as_of: str | None
    anchor_date: str | None
    qualifier: str | None
    reported_at: datetime | None  # earliest report
    article_id: str  # the earliest report's article, sentence and span
    sentence: str
    start: int
    end: int
    article_ids: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    figure_ids: tuple[str, ...] = ()
    revision: Literal["up", "down"] | None = field(default=None, compare=False)

    def merged(self, other: "Observation") -> "Observation":
        """The same observation reported again: articles, outlets and figures united; the earliest report first."""
        first = min(self, other, key=lambda o: (_when(o), o.article_id))
        return replace(first,
                       article_ids=tuple(sorted(set(self.article_ids) | set(other.article_ids))),
                       outlets=tuple(sorted(set(self.outlets) | set(other.outlets))),
                       figure_ids=tuple(sorted(set(self.figure_ids) | set(other.figure_ids))))


def observe(figure: FigureLike, story_id: str, site: str | None, place: str | None = None) -> Observation:
    """The observation a figure of an article of ``story_id`` (published by ``site``) makes."""
    source = source_org(figure.source)
    basis = basis_of(figure)
    series_id = series_id_for(story_id, figure.category, source, basis, place)
    as_of = as_of_date(figure, figure.published_at)
    return Observation(
        observation_id=observation_id_for(series_id, figure.value, figure.value_max, as_of),
        series_id=series_id, story_id=story_id, category=figure.category, source=source, basis=basis,
        place=place, value=float(figure.value), value_max=figure.value_max, as_of=as_of,
        anchor_date=figure.anchor_date, qualifier=figure.qualifier, reported_at=figure.published_at,
        article_id=figure.article_id, sentence=figure.sentence, start=figure.start, end=figure.end,
        article_ids=(figure.article_id,), outlets=(site,) if site else (), figure_ids=(figure.figure_id,),
    )


def collect(observations: Iterable[Observation]) -> dict[str, Observation]:
    """Observations by id, those with the same id merged."""
    found: dict[str, Observation] = {}
    for obs in observations:
        found[obs.observation_id] = found[obs.observation_id].merged(obs) if obs.observation_id in found else obs
    return found


def mark_revisions(observations: Iterable[Observation]) -> list[Observation]:
    """In time order, each marked ``up`` or ``down`` when its value differs from its series' previous one."""
    ordered = sorted(observations, key=lambda o: (o.series_id, o.as_of or "", _when(o),
                                                  o.value, o.observation_id))
    marked, last = [], {}
    for obs in ordered:
        previous = last.get(obs.series_id)
        revision = None
        if previous is not None and obs.value != previous:
            revision = "up" if obs.value > previous else "down"
        last[obs.series_id] = obs.value
        marked.append(replace(obs, revision=revision))
    return sorted(marked, key=lambda o: (o.as_of or "", _when(o), o.series_id, o.value))


def revisions(rows: list[dict]) -> list[str | None]:
    """:func:`mark_revisions` for stored rows (dicts with series_id, as_of, reported_at, value), in their order."""
    order = sorted(range(len(rows)), key=lambda i: (
        rows[i]["series_id"], rows[i]["as_of"] or "",
        rows[i]["reported_at"].timestamp() if rows[i]["reported_at"] else float("inf"), rows[i]["value"],
        rows[i]["observation_id"]))
    marked: list[str | None] = [None] * len(rows)
    last: dict[str, float] = {}
    for i in order:
        previous = last.get(rows[i]["series_id"])
        if previous is not None and rows[i]["value"] != previous:
            marked[i] = "up" if rows[i]["value"] > previous else "down"
        last[rows[i]["series_id"]] = rows[i]["value"]
    return marked
