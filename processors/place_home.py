"""A finer place of the acting state's own country, for :meth:`processors.places.ArticlePlaces.place_for`.

An act whose doer is a state or its body ("the army freed the hostages", "Ruritania's court sentenced
the men", "the ministry evacuated the families") takes the state's country only as a last resort: a story
filed from inside that country, or whose paragraph has already put the reader in one of its towns, names
where the act happened at a finer grain. A country's act in a sentence that names no place of its own
happened where the paragraph has just been (a village of that country), else at the scene of the story's
fighting for an act of fighting, else at the dateline the story was filed from (a court, a ministry, a
statistics office seated there). What spreads over the country (an outbreak, a flood, an election) keeps
the country: the state acts across it; so does a measure of the nation's economy that rises or falls
(its output, prices, exports), a downgrade of its rating, and a party's or a nation's win of a vote. So does
an act of the story's background ("since the government sent the army into the war on crime in 2006",
"after the state took the region in 2019"): it belongs to the nation's history, not to this story's scene.
"""

from __future__ import annotations

import re
from typing import Callable

from newswire.processors.gazetteer import Place
from newswire.processors.place_mentions import PlaceMention
from newswire.processors.place_objects import WIDESPREAD
from newswire.processors.place_scene import SceneLayer, lede_scene

__all__ = ["background", "home_place", "national_response"]

_COUNTRY_WIDE = WIDESPREAD | {"change", "rating", "win"}
# an act told as background: "since" just before it, or a year in its own clause after it ("... in 2006")
# ("since the army took the town", not a time's "its worst week since early May amid protests")
_SINCE_RE = re.compile(r"(?:\b[Ss]ince[ \t]+(?:the|a|an|its|their|his|her|it|they|he|she|we)\b[^,;.]{0,40}"
                       r"|\b(?:19|20)\d\d,?[ \t]+when\b[^,;.]{0,60})$")
_YEAR_AFTER_RE = re.compile(r"[^,;.\n]{0,80}?\b(?:(?:in|of)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b"
                            r"|since\s+(?:(?:early|late|mid-?)\s*)?(?:January|February|March|April|May|June|July|August"
                            r"|September|October|November|December|(?:19|20)\d\d|the start of)\b)")


def background(text: str, start: int) -> bool:
    """True if the act at ``start`` is told as the story's background: "since" leads its clause, a year's
    "when" clause holds it ("since 2013, when rebels ousted the president"), or the clause that follows it
    dates it to a year or counts it since a month ("the army was deployed in the war on drugs in 2006", "90 people
    were arrested in raids since January": a tally of the nation's, not this story's happening)."""
    return (("ince" in text[max(0, start - 72):start] or "when" in text[max(0, start - 72):start])
            and _SINCE_RE.search(text, max(0, start - 72), start) is not None) \
        or _YEAR_AFTER_RE.match(text, start) is not None



def _within(place: Place | None, country: Place) -> bool:
    """True if ``place`` is a place inside ``country`` finer than the country itself."""
    return place is not None and place.kind != "country" and place.country_code == country.country_code


def _finer(layer: SceneLayer, para: PlaceMention | None, kind: str | None, country: Place, at: int) -> PlaceMention | None:
    if kind in _COUNTRY_WIDE or background(layer.text, at):
        return None
    if para is not None and _within(layer.resolved(para), country):
        return para
    line = layer.dateline
    # a dateline town the gazetteer lacks resolves to its country, but still names a town there ("BATIBO, Ruritania")
    if line is None or not (_within(line.place, country) or (line.place is not None and line.place == country
                                                             and line.text.casefold() != country.name.casefold())):
        return None
    scene = lede_scene(layer, kind)
    return scene if scene is not None and _within(layer.resolved(scene), country) else line


def home_place(layer: SceneLayer, para: PlaceMention | None, kind: str | None, country: Place, at: int,
               named: bool) -> PlaceMention:
    """The place of an act (of type ``kind``, at ``at``) done by ``country`` or its body: where its sentence
    names places in other clauses only (``named``), the country; else ``para``, the paragraph's last place
    before the sentence, if it lies in that country, else the lede's scene of fighting or the dateline if
    the story is filed from inside it, else the country."""
    finer = None if named else _finer(layer, para, kind, country, at)
    return finer or PlaceMention(at, at, country.name, country, False, True, layer.sentence_of(at))


# a government's or an agency's response to a disaster or an outbreak (teams sent, aid delivered, a ban, a
# vaccination campaign, a risk assessment): with no place of its own it serves the whole country, not the last
# town the story named (in a release with no dateline, where no desk city can stand in)
_NATIONAL_RESPONSES = frozenset("mobilization aid funding restriction vaccination assessment".split())


def national_response(kind: str | None, last: PlaceMention, country_of: Callable[[str], Place | None]) -> PlaceMention:
    """``last`` (the last place named before the act) or, for a response of ``kind``, its country."""
    if kind not in _NATIONAL_RESPONSES or last.place is None or last.place.kind == "country":
        return last
    country = country_of(last.place.country_code)
    return last if country is None else PlaceMention(last.start, last.end, country.name, country, False, True, -1)
