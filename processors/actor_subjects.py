"""Subjects that are no name: a body described by its kind ("the ruling party won", "the main opposition party
boycotted the vote", "a court in Cairo sentenced") and people described by whom they belong to ("supporters of
the former president stormed"). Election, court and disaster copy names its actors this way as often as by
name.
"""

from __future__ import annotations

import re

from newswire.processors.actor_names import ActorMention
from newswire.processors.lexicon import is_person_noun

__all__ = ["members_of", "unnamed_body"]

# the kinds of body a story names by kind alone; "the coast guard", "the electoral commission"
_BODY_HEADS = ("party|parties|guard|court|courts|commission|committee|council|government|ministry|army|military|navy"
               "|police|agency|authorities|authority|department|coalition|junta|opposition|candidate|campaign"
               "|administration|tribunal|parliament|legislature|senate|assembly|cabinet|regulator|board|union"
               "|prosecutor|prosecution|command|brigade|battalion|regiment|division|unit|alliance|bloc|front")
# determiner, up to three lower-case modifiers and the head, an optional "in Cairo" / "of the province" or an
# aside set off by commas, then the verb (after at most two auxiliaries or adverbs)
_UNNAMED_BODY_RE = re.compile(
    r"(?:[Tt]he|[Aa]n?)\s+(?P<np>(?:[A-Za-z][\w-]*\s+){0,3}?(?:%s|[a-z]+['’]s\s+office))"
    r"(?:\s+(?:in|of|for|at)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})?"
    r"(?:\s*,[^,.;\"“”]{2,80},)?\s+(?:(?:has|have|had|was|were|is|are|also|then|later|first|\w+ly)\s+){0,2}$"
    % _BODY_HEADS)
_DETERMINER_RE = re.compile(r"(?:^|(?<=[\s\"“(]))(?:[Tt]he|[Aa]n?)\s")
_NOT_MODIFIERS = frozenset({"of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from", "that", "which"})
# "supporters of the former president", "relatives of the victims": the people the phrase heads
_MEMBERS_OF_RE = re.compile(r"(?:^|(?<=\s))(?P<m>[A-Za-z]+)\s+of\s+(?:the\s+|a\s+|an\s+|their\s+|his\s+|her\s+)?"
                            r"(?:[a-z][\w-]*\s+){0,2}[A-Za-z][\w-]*\s+(?:(?:has|have|had|were|also|then|\w+ly)\s+)?$")
_NOT_MEMBERS = frozenset({"people", "thousands", "hundreds", "dozens", "millions", "scores", "tens", "some",
                          "many", "most", "all", "none", "both", "each", "one", "two", "three", "group", "groups"})


def unnamed_body(text: str, lo: int, start: int) -> ActorMention | None:
    """The body a description of its kind names as the subject of the verb at ``start`` ("The ruling party
    won", "A court in Cairo sentenced", "The opposition candidate, a former banker, conceded"), searched from
    ``lo``; None where the words before the verb are no such description."""
    m = None
    for det in _DETERMINER_RE.finditer(text, max(lo, start - 160), start):   # few: cheaper than a search
        m = _UNNAMED_BODY_RE.match(text, det.start(), start)
        if m is not None:
            break
    if m is None or _NOT_MODIFIERS.intersection(m.group("np").split()):
        return None
    name = m.group("np")
    return ActorMention(m.start("np"), m.end("np"), name, name, "organisation", None, None)


def members_of(text: str, lo: int, start: int) -> ActorMention | None:
    """The people a "<people> of <someone>" subject names ("Supporters of the former president stormed": the
    supporters, not the president), else None."""
    if text.find(" of ", max(lo, start - 60), start) < 0:
        return None
    m = _MEMBERS_OF_RE.search(text, max(lo, start - 60), start)
    if m is None:
        return None
    low = m.group("m").lower()
    if low in _NOT_MEMBERS or not is_person_noun(low):
        return None
    return ActorMention(m.start("m"), m.end("m"), low, low, "group", None, None)
