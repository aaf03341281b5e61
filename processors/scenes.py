"""Where and who: gives each event its place and actors, and each figure its place.

The document's place layer (``processors.places``) and actor layer (``processors.actors``) are built
once an article (``processors.document``); each event then reads its actors from its clause and its place from the sentence, the
paragraph or the dateline; an actor of the event is never its place ("Israel" in "Israel rejected
the plan"), but the one it was done to may be ("an attack on Israel"). Figures take their place the
same way as an event at the figure's position. A place the gazetteer lacks ("the Brantwood facility",
"near 9th Street") keeps its words as the location and resolves to the place that holds it.
"""

from __future__ import annotations

import bisect
import dataclasses
import operator
from typing import Sequence

from newswire.processors.actor_conjuncts import adjunct_actors, shared_agents, verb_form
from newswire.processors.actor_light_verbs import light_verb_actors
from newswire.processors.actor_roles import clause_of, event_actors
from newswire.processors.document import Document
from newswire.processors.events import Event
from newswire.processors.figures import Figure
from newswire.processors.gazetteer import gazetteer
from newswire.processors.place_clauses import armed_forces

__all__ = ["SAYING", "situate"]

# Events that are something said: their place is where it was said, their actor who said it.
SAYING = {"statement", "accusation", "condemnation", "threat", "rejection"}


_FIELDS: dict[type, tuple[operator.attrgetter, dict[str, int]]] = {}


def _replace(obj, **changes):
    """``dataclasses.replace`` without its checks, fields passed by position: for every event and figure
    (the fields read in one C call, not a ``getattr`` each)."""
    spec = _FIELDS.get(type(obj))
    if spec is None:
        names = tuple(f.name for f in dataclasses.fields(obj))
        spec = _FIELDS[type(obj)] = (operator.attrgetter(*names), {name: i for i, name in enumerate(names)})
    values = list(spec[0](obj))
    for name, value in changes.items():
        values[spec[1][name]] = value
    return type(obj)(*values)


def _past_number_commas(text: str, clause: tuple[int, int], e: Event) -> tuple[int, int]:
    """The act's clause for its place, not cut at a number's thousands separator ("launched 5,600 drones at
    Ukraine": the clause goes on to the place)."""
    left, right = clause
    while right < e.sentence_end and text[right] == "," and text[right - 1:right].isdigit() \
            and text[right + 1:right + 2].isdigit():
        right = clause_of(text, e.sentence_start, e.sentence_end, e.start, right + 1)[1]
    return left, right


def situate(doc: Document, events: Sequence[Event],
            figures: Sequence[Figure]) -> tuple[list[Event], list[Figure]]:
    """``events`` with their actors, location and place; ``figures`` with their location and place, from
    the article's place and actor layers."""
    gaz = gazetteer()
    text, sentences = doc.text, doc.sentences
    places = doc.places
    mentions = doc.actors
    starts = doc.actor_starts
    sentence_index = doc.sentence_index
    body_start = doc.dateline.body_start if doc.dateline is not None else 0

    out_events = []
    verbs: dict[str, tuple[int, int, tuple]] = {}   # verb form -> (sentence, end, actors) of the last such verb
    for e in events:
        k = sentence_index(e.start)
        clause = clause_of(text, e.sentence_start, e.sentence_end, e.start, e.end)
        actors = event_actors(text, mentions, starts, e.sentence_start, e.sentence_end, e.start, e.end,
                              statement=e.type in SAYING, prev_start=sentences[k - 1].start if k else None,
                              clause=clause, kind=e.type)
        if e.type not in SAYING and (form := verb_form(text[e.start:e.end])) is not None:
            prev = verbs.get(form)
            if prev is not None and prev[0] == e.sentence_start:   # "killed five and arrested nine": one subject
                actors = shared_agents(text, prev[1], prev[2], e.start, e.end, actors) or actors
            verbs[form] = (e.sentence_start, e.end, actors)
        elif e.type not in SAYING:   # a noun event in a verb's adjunct: "killed three in a raid"
            prev = max((v for f, v in verbs.items() if v[0] == e.sentence_start and v[1] <= e.start and (
                f == "past" or "," not in text[v[1]:e.start])), default=None, key=operator.itemgetter(1))
            adjunct = adjunct_actors(text, prev[1], prev[2], e.start, e.end, e.type, actors) if prev else None
            actors = adjunct or light_verb_actors(   # "separatists enforced a lockdown": the verb's subject
                text, e.sentence_start, e.start, actors, lambda s, t: event_actors(
                    text, mentions, starts, e.sentence_start, e.sentence_end, s, t,
                    prev_start=sentences[k - 1].start if k else None)) or actors
        agents = {x.name for x in actors if x.relation != "patient" and x.kind == "country"}
        agent_spans = []
        abroad = set()   # countries that act here only through the dateline or their armed forces
        if agents:   # where the agent countries stand in the sentence: never the event's place
            i = bisect.bisect_left(starts, e.sentence_start)
            seen: dict[str, list[tuple[bool, bool]]] = {}   # name -> (in the clause, at home) of each mention
            while i < len(mentions) and mentions[i].start < e.sentence_end:
                m = mentions[i]
                if m.name in agents:
                    agent_spans.append((m.start, m.end))
                    if m.start >= body_start:
                        seen.setdefault(m.name, []).append((clause[0] <= m.start < clause[1],
                                                            not armed_forces(text, m.start, m.end)))
                i += 1
            for name in agents:
                uses = seen.get(name, [])
                uses = [u for u in uses if u[0]] or uses   # its mentions in the event's clause speak for it
                if not any(home for _, home in uses):
                    abroad.add(name)
        country = next((gaz.country(a.country_code) for a in actors   # the state acting: "Sweden dropped ..."
                        if a.relation != "patient" and a.kind in ("country", "organisation") and a.country_code
                        and a.name not in abroad and gaz.country(a.country_code)), None)
        pm = places.place_for(e.start, e.end, k, exclude=agent_spans, statement=e.type in SAYING,
                              actor_country=country, clause=_past_number_commas(text, clause, e), kind=e.type)
        out_events.append(_replace(
            e, actors=tuple(a.name for a in actors), actor_details=actors,
            location=pm.text if pm else None, place=places.resolved(pm)))
    out_figures = []
    for f in figures:
        pm = places.place_for(f.start, f.end, sentence_index(f.start))
        if pm is None and f.location is None and f.place is None:
            out_figures.append(f)   # no place to add (most figures): a copy would be the same figure
            continue
        out_figures.append(_replace(f, location=pm.text if pm else None, place=places.resolved(pm)))
    return out_events, out_figures
