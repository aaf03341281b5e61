"""Events: what happened, named by a trigger word, with actors, place and date.

Triggers come from one lexicon regex (``processors.event_triggers``: attacks, strikes, explosions,
clashes, raids, kidnappings, talks, ceasefires, statements, rejections, arrests, releases, protests,
elections, disasters, accidents, outbreaks, evacuations, resignations, sanctions, economic changes,
courts, health, business, ...). A trigger is an event only where it names a happening
(``event_happenings.names_a_happening``: not a modifier, a topic, an unrealised or denied act, a
participle used as an adjective or a word inside a name), and one happening gives one event
(``event_happenings.happenings``: "launched an offensive" is the offensive).

Dates come from ``processors.event_dates`` (the nearest time expression of the trigger's clause, then
the sentence's, the paragraph's and the article's; None where the text gives no time).

Actors and place come from the article's actor and place layers (``processors.scenes.situate``).
"""

from __future__ import annotations

from dataclasses import dataclass

from newswire.processors.actors import Actor
from newswire.processors.document import Document
from newswire.processors.event_dates import date_triggers
from newswire.processors.gazetteer import Place


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    trigger: str
    start: int
    end: int
    actors: tuple[str, ...]    # names of ``actor_details`` (processors.scenes)
    location: str | None       # the place as written (processors.scenes)
    date: str | None           # ISO date, "YYYY-MM", or None
    sentence_start: int
    sentence_end: int
    place: Place | None = None             # ``location`` resolved in the gazetteer (processors.places)
    actor_details: tuple[Actor, ...] = ()  # ``actors`` with kind, role, country and agent/patient


def find_events(doc: Document) -> list[Event]:
    """Every event of the article, in text order, dated, from its trigger and time layers; actors and
    place are left to ``scenes.situate``."""
    return [Event(m.lastgroup or "other", m.group(0), m.start(), m.end(), (), None, date, sent.start, sent.end)
            for m, sent, date in date_triggers(doc)]
