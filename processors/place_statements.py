"""Where a statement was made, for :meth:`processors.places.ArticlePlaces.place_for`.

A statement's place is where it was said, not the places it talks about: a place before the verb in its
own clause ("Officials in Kabul said"), a place the verb is said at ("said in Geneva", "told reporters in
Kabul"), the sentence's opening place ("In neighbouring Burundi, officials reported"), or the speaker's own
place ("Berrien County health officials said", "Peru's health ministry said", "Malawi has reported").
Where none is given, the caller falls back on the dateline: a statement is made where it was filed.

So too the publication of results, figures or a bulletin ("according to provisional results released by the
election commission", "the latest bulletin published on Monday"): it is the publishing body's statement, made
where the story was filed, not the country-wide vote or outbreak it reports on (:func:`published_at`).
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from newswire.processors.gazetteer import Place
from newswire.processors.place_clauses import SUBORDINATE_RE
from newswire.processors.place_mentions import PlaceMention

__all__ = ["SEAT_ACTS", "declares_over", "published_at", "said_at"]

# what an office does at its desk (decides, rules, appoints, meets, briefs the press): with no place in its
# paragraph it happens at the seat the story is filed from, not across the country the story is about (a
# central bank's rate decision in a story filed from its capital), unlike what the economy or the nation does
SEAT_ACTS = frozenset("decision ruling appointment dismissal resignation meeting speech expulsion".split())

# "said in Geneva", "told reporters in Kabul on Monday", "said during a visit to Hanoi"
_SAID_AT_RE = re.compile(r"\s+(?:(?:on|late|early)\s+\w+\s+|today\s+|yesterday\s+)?(?:(?:reporters|journalists|lawmakers"
                         r"|parliament|delegates|supporters|AFP|Reuters|AP|CNN|the\s+BBC|a\s+(?:news|press)\s+conference"
                         r"|a\s+statement|an\s+interview)\s+)?(?:in|at|from|while\s+in|during\s+a\s+visit\s+to|on\s+a\s+visit\s+to)"
                         r"\s+(?:the\s+)?")
_OPENING_PLACE_RE = re.compile(r"(?:In|At|From|Across|Elsewhere in|Speaking\s+(?:to\s+[a-z]+\s+)?(?:in|at|from))"
                               r"\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}")   # and "Speaking in Dorsk, the minister said"
_BREAK_RE = re.compile(r"[,;:\"“”]")
_QUOTE_RE = re.compile(r"[\"“”;]")
_ASIDE_RE = re.compile(r",[ \t]+[^,;:\"“”()]{3,60},[ \t]+")
# the country itself speaking, or its own body: "Malawi has reported", "Peru's health ministry said" (at home,
# not a visitor named by a title: "U.S. Defense Secretary Jane Doe said" in a story filed abroad)
_SPEAKS_AT_HOME_RE = re.compile(r"(?:'s|’s)[ \t]+(?:[a-z]+[ \t]+)?(?:ministry|government|health|authorities|agency"
                                r"|department|office|institute|commission|cabinet|parliament|presidency|army|military)\b"
                                r"|[ \t]+(?:has|have|had|said|says|reported|announced|confirmed|declared|recorded)\b")


# a venue the text names without a name, where the speaker stood: "told reporters outside the court"
_VENUE_RE = re.compile(r"\s+(?:(?:on|late|early)\s+\w+\s+|today\s+|yesterday\s+)?(?:(?:reporters|journalists|supporters"
                       r"|mourners|a\s+crowd|crowds)\s+)?(?P<at>(?:outside|at|in\s+front\s+of)\s+the\s+(?:[a-z]+\s+)?"
                       r"(?:court|courthouse|courtroom|hospital|parliament|palace|embassy|scene|site|morgue|mosque|church"
                       r"|cemetery|funeral|rally|airport|prison|police\s+station|camp|stadium))\b")
# a declaration over an area ("declared a state of emergency in Dorsk province") or a passive tally ("deaths were
# recorded in Dorsk"): what they report happens at the place they name, not where the statement was filed
_DECLARED_OVER_RE = re.compile(r"(?:[\w-]+\s+){0,4}?(?:emergency|epidemic|outbreak|disaster|alert|curfew|martial\s+law"
                               r"|lockdown|famine|pandemic|quarantine)\b")
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|been|being|be)\s+(?:\w+ly\s+)?$")
_TALLY_VERBS = ("recorded", "reported", "registered", "detected", "confirmed", "notified", "documented", "logged",
                # and measures over an area: "evacuation orders were issued for Dorsk"
                "issued", "imposed", "ordered", "lifted", "extended")


def declares_over(text: str, start: int, end: int) -> bool:
    """True if the word ``text[start:end]`` declares a state over an area ("declared a state of emergency")."""
    return text.startswith("declar", start) and _DECLARED_OVER_RE.match(text, end + 1) is not None


def _tallied_at(text: str, start: int, end: int, strong: Sequence[PlaceMention]) -> PlaceMention | None:
    """For a tally in the passive ("two deaths were recorded, both in Dorsk district") or a declaration over an
    area ("declared a state of emergency in Dorsk province"), the first place after the verb in its own clause
    (not "..., after two people caught it in Vell")."""
    if text.startswith("declar", start):
        if not declares_over(text, start, end):
            return None
    elif not text.startswith(_TALLY_VERBS, start) or _PASSIVE_BEFORE_RE.search(text, max(0, start - 16), start) is None:
        return None
    return next((pm for pm in strong if pm.start >= end and not SUBORDINATE_RE.search(text, end, pm.start)
                 and not _QUOTE_RE.search(text, end, pm.start)), None)


def said_at(text: str, first: int, start: int, end: int, here: Sequence[PlaceMention],
            holds_dateline: Callable[[Place], bool] | None) -> PlaceMention | None:
    """Where the statement ``text[start:end]`` was made, from its sentence's mentions ``here`` (the sentence
    starts at ``first``); ``holds_dateline`` tells whether a place holds the dateline's (None: no dateline)."""
    strong = [pm for pm in here if pm.locative and not pm.weak]
    if (tallied := _tallied_at(text, start, end, strong)) is not None:
        return tallied
    own = [pm for pm in strong if (pm.end <= start and not _BREAK_RE.search(text, pm.end, start))
           or (end <= pm.start <= end + 60 and _SAID_AT_RE.fullmatch(text, end, pm.start))]
    if own:
        return min(own, key=lambda pm: abs(pm.start - start))
    # "a hotel in Dorsk, where the officials announced": the place the "where" clause is about
    where = [pm for pm in strong if pm.end <= start and text.startswith((", where", " where"), pm.end)
             and not _QUOTE_RE.search(text, pm.end, start)]
    if where:
        return where[-1]
    # "An official in Kandep, speaking on condition of anonymity, told AFP": the subject's place past an aside
    aside = [pm for pm in strong if pm.end <= start and not _BREAK_RE.search(text, first, pm.start)
             and _ASIDE_RE.fullmatch(text, pm.end, start)]
    if aside:
        return aside[-1]
    # "In neighbouring Burundi, officials reported": the sentence's opening place is where it was said
    opening = [pm for pm in strong if pm.end <= start and pm.start - first <= 30
               and _OPENING_PLACE_RE.fullmatch(text, first, pm.start) and text.startswith(",", pm.end)]
    if opening:
        return opening[0]
    # the speaker's own place: "Berrien County Health Department officials said", "the California
    # Governor's Office said" (a place that qualifies the subject, in the verb's clause)
    speaker = [pm for pm in here if not pm.locative and pm.end <= start
               and (not _BREAK_RE.search(text, pm.end, start)
                    # "Sweden's chief prosecutor, Jane Doe, said": a possessive past an apposition
                    or (text.startswith(("'s ", "’s "), pm.end) and not _QUOTE_RE.search(text, pm.end, start)))]
    if speaker and holds_dateline is not None and speaker[-1].place is not None \
            and speaker[-1].place.kind == "country" and not holds_dateline(speaker[-1].place) \
            and not _SPEAKS_AT_HOME_RE.match(text, speaker[-1].end):
        return None   # "HANOI (AP) - U.S. Defense Secretary Mark Esper said": a visitor speaks where filed
    if speaker:
        return speaker[-1]
    venue = _VENUE_RE.match(text, end) if text.find("the ", end, end + 60) >= 0 else None
    if venue is not None:   # "told reporters outside the court": a place the gazetteer cannot hold
        return PlaceMention(venue.start("at"), venue.end(), venue.group("at"), None, True, False, -1)
    return None


# a document or a set of figures just before its publishing verb: "results released by", "the bulletin published"
_PUBLISHED_RE = re.compile(r"\b(?:results|figures|data|bulletin|report|statistics|estimates|tally|count|numbers"
                           r"|update)[ \t]+(?:(?:were|was|had|have|been|being|first|later|also|just)[ \t]+)*$",
                           re.IGNORECASE)
_PUBLISH_VERBS = ("released", "published", "announced", "issued", "posted", "made public")


def published_at(text: str, start: int, end: int, here: Sequence[PlaceMention],
                 dateline: PlaceMention | None, kind: str | None = None) -> PlaceMention | None:
    """Where results or figures published by the words ``text[start:end]`` were made public: the place the verb
    is said at ("released in Geneva"), else the dateline; None if the words publish no results or figures, or
    the story has no dateline. So too a summons (of ``kind`` "summons"): a government summons an envoy to its
    own foreign ministry, where the story is filed, not to the country the envoy speaks for."""
    if dateline is None or (kind != "summons" and (not text.startswith(_PUBLISH_VERBS, start)
                                                   or not _PUBLISHED_RE.search(text, max(0, start - 48), start))):
        return None
    at = [pm for pm in here if pm.locative and not pm.weak and end <= pm.start <= end + 60
          and _SAID_AT_RE.fullmatch(text, end, pm.start)]
    return at[0] if at else dateline
