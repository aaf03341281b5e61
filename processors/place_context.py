"""Where a name stands in its sentence, for :class:`processors.places.ArticlePlaces`.

- :func:`names_a_topic` - a place before a person's field ("a Ukraine specialist", "Russia experts", "a
  China hawk") names what the person knows about, not where anything happens: it is no place mention;
- :func:`carried_place` - the place a sentence hands on to the sentences after it in its paragraph is the
  place of its main clause, not of a clause about something earlier or else ("officials in the north
  confirmed a case, after two people caught it in the capital": the story goes on in the north), and a
  town before the country that holds it ("near Jilib, in Somalia"): the finer place of the two;
- :func:`nationwide` - "across the country", "nationwide" name the country the story is about, and
  :func:`the_state` - "the state's health department" the US state it is about.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from newswire.processors.gazetteer import Place
from newswire.processors.place_clauses import SUBORDINATE_RE
from newswire.processors.place_mentions import PlaceMention

__all__ = ["carried_place", "names_a_topic", "nationwide", "the_state"]

# nouns of a person's field of knowledge or stance: the place before them is a subject, not a setting
_TOPIC_AFTER_RE = re.compile(r"[ \t]+(?:(?:policy|affairs|desk)[ \t]+)?(?:specialists?|experts?|analysts?"
                             r"|scholars?|watchers?|hawks?|doves?|sceptics?|skeptics?|historians?|researchers?"
                             r"|correspondents?|adviser|advisers|advisor|advisors|expertise|portfolio"
                             r"|dollars?)\b")   # "1,500 U.S. dollars", "Hong Kong dollars": a currency, no place


def names_a_topic(text: str, end: int) -> bool:
    """True if the name ending at ``end`` only says what a person's field is ("a Ukraine specialist") or names a
    currency ("paid 900 U.S. dollars")."""
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


# "across the country", "nationwide": the whole of the country the story is about
# (the mention is "the country": a trigger may hold the preposition, "arrived in")
_NATIONWIDE_RE = re.compile(r"\b(?:(?:across|throughout|around|all[ \t]+over|in)[ \t]+(?P<the>the[ \t]+(?:country|nation))\b"
                            r"(?!['’]s)|nationwide\b)")


def nationwide(text: str, mentions: Sequence[PlaceMention], dateline: PlaceMention | None,
               country_of: Callable[[str], Place | None], sentence_of: Callable[[int], int]) -> list[PlaceMention]:
    """"across the country", "in the country" name the country named before it in its sentence ("Iran's
    government ... across the country"), else the dateline's where the story names that country too (the
    country it is filed from and about, not a neighbour named in passing), else the country last named before
    it: a place used as a place, written as the country's name."""
    if "the country" not in text and "the nation" not in text and "nationwide" not in text:
        return []
    out = []
    for m in _NATIONWIDE_RE.finditer(text):
        before = [pm for pm in mentions if pm.end <= m.start() and pm.place is not None]
        countries = [pm for pm in reversed(before) if pm.place.kind == "country"]
        here = sentence_of(m.start())
        country = next((country_of(pm.place.country_code) for pm in countries if pm.sentence == here), None)
        home = dateline.place.country_code if dateline is not None and dateline.place is not None else None
        if country is None and home is not None and (not countries or any(
                pm.place is not None and pm.place.kind == "country" and pm.place.country_code == home
                for pm in mentions)):   # the story is about the dateline's country ("GENEVA - ... Sudan" is not)
            country = country_of(home)
        if country is None and countries:
            country = country_of(countries[0].place.country_code)
        if country is not None:
            at = m.start("the") if m.group("the") else m.start()
            out.append(PlaceMention(at, m.end(), country.name, country, True, False, sentence_of(at)))
    return out


# as the subject: opening the sentence or a "that" clause ("The state's health department said"), not an
# object somewhere in a clause about something else ("who split on the state's voucher plan")
_THE_STATES_RE = re.compile(r"(?:\bThe|(?<=\bthat[ \t])the)[ \t]+state(?=['’]s[ \t])"
                            r"|\bacross[ \t]+the[ \t]+state\b(?!['’]s)")   # and "power cuts across the state"


def the_state(text: str, mentions: Sequence[PlaceMention], dateline: PlaceMention | None,
              state_of: Callable[[Place], Place | None], sentence_of: Callable[[int], int]) -> list[PlaceMention]:
    """"the state's health department" owns its subject as "Ohio's" would, and "across the state" is a place
    used as one: the US state last named before it, else the dateline's state (written as the state's name)."""
    if "he state's" not in text and "he state’s" not in text and "across the state" not in text:
        return []
    out = []
    for m in _THE_STATES_RE.finditer(text):
        locative = m.group(0).startswith("across")
        state = next((pm.place for pm in reversed(mentions) if pm.end <= m.start() and pm.place is not None
                      and pm.place.kind == "state"), None)
        if state is None and dateline is not None and dateline.place is not None:
            state = state_of(dateline.place)
        if state is not None:
            out.append(PlaceMention(m.start(), m.end(), state.name, state, locative, False, sentence_of(m.start())))
    return out
