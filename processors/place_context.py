"""Where a name stands in its sentence, for :class:`processors.places.ArticlePlaces`.

- :func:`names_a_topic` - a place before a person's field ("a Ukraine specialist", "Russia experts", "a
  China hawk") names what the person knows about, not where anything happens: it is no place mention;
- :func:`carried_place` - the place a sentence hands on to the sentences after it in its paragraph is the
  place of its main clause, not of a clause about something earlier or else ("officials in the north
  confirmed a case, after two people caught it in the capital": the story goes on in the north), and a
  town before the country that holds it ("near Jilib, in Somalia"): the finer place of the two.
"""

from __future__ import annotations

import re
from typing import Sequence

from newswire.processors.place_clauses import SUBORDINATE_RE
from newswire.processors.place_mentions import PlaceMention

__all__ = ["carried_place", "names_a_topic"]

# nouns of a person's field of knowledge or stance: the place before them is a subject, not a setting
_TOPIC_AFTER_RE = re.compile(r"[ \t]+(?:(?:policy|affairs|desk)[ \t]+)?(?:specialists?|experts?|analysts?"
                             r"|scholars?|watchers?|hawks?|doves?|sceptics?|skeptics?|historians?|researchers?"
                             r"|correspondents?|adviser|advisers|advisor|advisors|expertise|portfolio)\b")


def names_a_topic(text: str, end: int) -> bool:
    """True if the name ending at ``end`` only says what a person's field is ("a Ukraine specialist")."""
    return _TOPIC_AFTER_RE.match(text, end) is not None


def _in_subordinate_clause(text: str, sentence_start: int, at: int) -> bool:
    """True if the name at ``at`` is inside a clause opened by "after", "because", "who", ... that has not
    closed (no comma) before it: "..., after two people caught it in Lagos"; not "After talks in Doha,
    envoys met in Cairo" for Cairo."""
    last = None
    for m in SUBORDINATE_RE.finditer(text, sentence_start, at):
        last = m
    return last is not None and "," not in text[last.end():at]


def carried_place(text: str, sentence_start: int, strong: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place a sentence hands on to the rest of its paragraph, from its places used as places
    (``strong``, in text order): the last of its main clause (any clause where the main one names none),
    a finer place of the same country before a country."""
    if not strong:
        return None
    main = [pm for pm in strong if not _in_subordinate_clause(text, sentence_start, pm.start)] or list(strong)
    chosen = main[-1]
    if chosen.place is not None and chosen.place.kind == "country":
        finer = [pm for pm in main if pm is not chosen and (pm.place is None or (
            pm.place.kind != "country" and pm.place.country_code == chosen.place.country_code))]
        if finer:
            chosen = finer[-1]
    return chosen
