"""The lede's place, made exact by the story's next sentence.

Wire copy is written as an inverted pyramid: the lede names the happening with a wide place ("ambushed a
convoy in northeastern Mali", "a raid on a farming town in Haiti's Artibonite department", "a landslide
that buried a hillside village") and the next sentence gives the exact spot ("near the village of X", "The
strike hit X village in Y township", "stormed X, a commune in ..."). The event's place is the most
specific place the text gives, so a lede event placed at a country or a region takes the first village or
town the next sentence places something in, where that lies in the same country. Places a journey starts
from or heads for ("travelling from Gao toward Menaka") are not where it happened.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from newswire.processors.gazetteer import Place
from newswire.processors.place_mentions import PlaceMention

__all__ = ["finer_in_next_sentence", "is_wide", "national_vote", "spreads"]

# a vote held across a whole country: its place is the country, wherever its results are announced
_NATIONAL_VOTE_RE = re.compile(r"\b(?:presidential|parliamentary|legislative|general|national)[ \t]+(?:[\w-]+[ \t]+)?$",
                               re.IGNORECASE)
_SEIZURES_OF_POWER = ("coup", "Coup", "putsch", "uprising", "Uprising", "overthr")

# hazards and outbreaks cover an area: the lede's region is their place ("an earthquake struck eastern
# Turkey"; the town the next sentence names is one of the places hit), as the dev set's quake in "Central Italy";
# so do tallies of cases and tolls
_SPREADS_RE = re.compile(r"quake|tremor|flood|outbreak|epidemic|pandemic|drought|storm|cyclone|typhoon|hurricane"
                         r"|tornado|fire|heat|rain|snow|blizzard|monsoon|tsunami|eruption|election|vote|poll"
                         r"|infection|spread|case|diagnos|toll|inflation|price", re.IGNORECASE)

# a region's head after a name the gazetteer reads as a town: "Myanmar's central Sagaing region"
_REGION_AFTER_RE = re.compile(r"[ \t]+(?:region|province|state|department|governorate|oblast|prefecture)\b")
_REGION_HEADS = ("region", "province", "state", "department", "governorate", "oblast", "prefecture", "regency")
# the ends of a journey: "from Gao", "toward the town of Menaka"
_ENDPOINT_RE = re.compile(r"\b(?:from|toward|towards|to|for)[ \t]+(?:the[ \t]+(?:town|city|village)[ \t]+of[ \t]+)?$")


def spreads(word: str, kind: str | None) -> bool:
    """True if the event named ``word`` (of type ``kind``) covers an area rather than happening at a spot."""
    return kind in ("outbreak", "epidemic", "pandemic", "flood", "drought", "storm", "election", "earthquake") \
        or bool(_SPREADS_RE.search(word))


def is_wide(text: str, pm: PlaceMention) -> bool:
    """True if ``pm`` names a country or a first-level region ("Syria", "the Middle Shabelle region")."""
    if pm.place is not None and pm.place.kind in ("country", "state"):
        return True
    return pm.text.lower().endswith(_REGION_HEADS) or bool(_REGION_AFTER_RE.match(text, pm.end))


def finer_in_next_sentence(text: str, chosen: PlaceMention, following: Sequence[PlaceMention],
                           resolved: Callable[[PlaceMention], Place | None]) -> PlaceMention | None:
    """The first town or village of ``following`` (the next sentence's mentions) within ``chosen``'s country;
    for a lede placed at a whole country, else the first district or province there ("an attack in western
    Ruritania" made exact by "the post near a village in the Dorn district": Dorn is finer than the country)."""
    country = resolved(chosen)
    region = None
    for pm in following:
        if not pm.locative or pm.weak or pm.sentence < 0:
            continue
        if _ENDPOINT_RE.search(text, max(0, pm.start - 28), pm.start):
            continue
        holder = resolved(pm)
        if country is not None and holder is not None and holder.country_code != country.country_code:
            continue
        if not is_wide(text, pm):
            return pm
        if region is None and holder is not None and holder.kind != "country":
            region = pm
    return region if chosen.place is not None and chosen.place.kind == "country" else None


def national_vote(text: str, start: int, kind: str | None) -> bool:
    """True if the election at ``start`` is a country's own ("Saturday's presidential election"), or the
    happening is a coup or an uprising: a nation's government is seized or overthrown, wherever the palace or
    the square it began in stands ("opposition to the 2021 coup", "since the uprising that toppled him")."""
    if kind == "coup":   # (not a mutiny at one barracks or a local revolt: those keep their place)
        return text.startswith(_SEIZURES_OF_POWER, start)
    return kind == "election" and bool(_NATIONAL_VOTE_RE.search(text, max(0, start - 32), start))
