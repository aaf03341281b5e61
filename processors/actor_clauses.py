"""Clause structure the actor roles read (``processors.actor_roles``): who is joined to whom by "and" or a
comma, asides set off by commas ("Rep. Ana Ruiz, R-Texas, visited"; "A, an envoy, and B, an aide, testified"),
a speaker named after an inverted saying verb ('..., said Amnesty International'), an owner before the one it
owns ("Jeff Bezos's Blue Origin"), the subject after a short opening phrase, and the person or body a pronoun
stands for (the one named last in the paragraph).
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from newswire.processors.actor_heads import unit_owner
from newswire.processors.actors import ActorMention
from newswire.processors.place_names import NEWS_AGENCIES, is_locative as _is_locative

__all__ = ["NOT_SUBJECT_RE", "SOURCE_BEFORE_RE", "appositive_chain", "inverted_speaker", "joined_before",
           "last_named", "nearest_group", "objects_after_asides", "owned", "subject_after_intro"]

# "Hamas and US representatives", "Israel, Egypt and Qatar", "the Hamas leadership and the United States"
_AND_RE = re.compile(r"(?:\s+(?:leadership|leaders|government|officials|delegation|delegations|representatives"
                     r"|negotiators|authorities))?\s*(?:,|,?\s+and|,?\s+or|\s+and\s+the|,\s+the)\s*")
SOURCE_BEFORE_RE = re.compile(r"\b(?:[Aa]ccording\s+to|[Qq]uoting|[Cc]iting)\s+(?:the\s+)?$")
NOT_SUBJECT_RE = re.compile(r"[,;:]|\b(?i:in|at|on|of|for|from|with|by|after|before|since|to)\b")
_OWNED_GAP = frozenset({"'s ", "’s ", "' ", "’ "})
_OWNED_GAP_RE = re.compile(r"['’]s? (?:(?!(?:and|or|to|in|on|at|for|with|from|by|of|said|says|was|is|has|had)\b)"
                           r"[a-z][\w-]*\s+){1,2}")
_INVERTING_VERBS = frozenset({"said", "says", "added", "adds", "noted", "wrote", "explained", "stated", "insisted",
                              "warned", "continued", "recalled", "argued", "asked", "replied", "announced", "reports",
                              "reported", "tweeted", "posted", "writes"})
# between the verb and the speaker: only words of a description ("said a senior Hamas official"), no preposition
_INVERTED_GAP_RE = re.compile(r"\s+(?:(?!(?:in|to|on|at|by|for|with|from|of|that|it|he|she|they)\b)[\w-]+\s+){0,3}")
# after the speaker: the sentence ends, or a date, a place or a role follows ("said Ana Ruiz, the mayor")
_INVERTED_END_BARE_RE = re.compile(r"\s*(?:[.,;:!?)]|$|\s+(?:on|in|at|late|earlier|during|told|adding|according)\b)")
_INVERTED_END_RE = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s*(?:[.,;:!?)]|$|\s+(?:on|in|at|late|earlier|during|told|adding|according)\b)")
_OWNER_ROLE_RE = re.compile(r"['’]s(?:\s+[a-z][\w-]*){1,4},\s+")   # "'s national accounts coordinator, "
_ASIDE_RE = re.compile(r",\s*(?:[a-z]|[DRI]-[A-Z])")   # ", a spokeswoman", ", R-Texas": an aside, not a name
_APPOSITIVE_CLOSE_RE = re.compile(r",\s*(?:(?:has|have|had|was|were|is|are|will|would|also|then|later)\s+){0,2}$")
_AND_BEFORE_RE = re.compile(r",?\s+and\s+$")
_INTRO_RE = re.compile(r"[\s\"“]*(?:[A-Z][a-z]+|[Oo]n\s+\w+|[Ii]n\s+(?:the\s+)?\w+|[Ee]arlier\s+\w+|[Ll]ate\s+\w+)"
                       r"(?:\s+\w+){0,2},\s*(?:[Tt]he\s+)?")
_AND_AFTER_RE = re.compile(r",\s+and\s+(?:the\s+)?")


def nearest_group(text: str, mentions: list[ActorMention], from_end: bool) -> list[ActorMention]:
    """The mention nearest the trigger and those joined to it by "and" or a comma ("Hamas and US
    representatives", "Israel, Egypt and Qatar")."""
    if not mentions:
        return []
    order = mentions[::-1] if from_end else mentions
    group = [order[0]]
    for a in order[1:]:
        left, right = (a, group[-1]) if from_end else (group[-1], a)
        if not _AND_RE.fullmatch(text, left.end, right.start):
            break
        group.append(a)
    return group[::-1] if from_end else group


def owned(text: str, group: list[ActorMention]) -> list[ActorMention]:
    """``group`` without an owner written right before the one it owns ("Jeff Bezos's Blue Origin")."""
    return [a for k, a in enumerate(group)
            if not (k + 1 < len(group) and owns(text, a, group[k + 1]))]


def owns(text: str, owner: ActorMention, owned: ActorMention) -> bool:
    """Whether ``owner`` is written as the owner of ``owned`` right after it: "Jeff Bezos's Blue Origin",
    "Sudan's paramilitary Rapid Support Forces", "Mexico's ruling Morena party"."""
    gap = text[owner.end:owned.start]
    return gap in _OWNED_GAP or len(gap) < 40 and _OWNED_GAP_RE.fullmatch(gap) is not None


def inverted_speaker(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], sent_start: int,
                     start: int, end: int) -> ActorMention | None:
    """The one named right after a saying verb that follows a comma or a quote: '", said Ana Ruiz'."""
    if text[start:end].lower() not in _INVERTING_VERBS:
        return None
    back = text[max(sent_start, start - 4):start].rstrip()
    if not back.endswith((",", '"', "”")):
        return None
    i = bisect.bisect_left(starts, end)
    if i + 1 < len(mentions) and mentions[i].start - end <= 25 and mentions[i + 1].kind == "person" \
            and text.startswith(("'s ", "’s "), mentions[i].end) and _INVERTED_GAP_RE.fullmatch(
                text, end, mentions[i].start) and _OWNER_ROLE_RE.fullmatch(text, mentions[i].end, mentions[i + 1].start):
        return mentions[i + 1]   # "said Acme's chief economist, Ana Ruiz": the one the role names, not its owner
    if i < len(mentions) and mentions[i].start - end <= 25 and _INVERTED_GAP_RE.fullmatch(
            text, end, mentions[i].start) and (_INVERTED_END_RE if mentions[i].written[:1].isupper()
                                               else _INVERTED_END_BARE_RE).match(text, mentions[i].end):
        return mentions[i]   # a common noun with words of its own after it starts what is said: "said the troops were"
    return None


def appositive_chain(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], sent_start: int,
                     start: int) -> list[ActorMention]:
    """The ones named before the asides that end right before the verb: "Rep. Ana Ruiz, R-Texas, visited" ->
    [Ana Ruiz]; "Kurt Volker, a former envoy, and Tim Morrison, an aide, testified" -> both."""
    close = _APPOSITIVE_CLOSE_RE.search(text, max(sent_start, start - 30), start)
    if close is None:
        return []
    close_at = close.start()
    chain: list[ActorMention] = []
    while True:
        open_at = text.rfind(",", sent_start, close_at)
        if open_at < 0 or close_at - open_at > 120:
            break
        i = bisect.bisect_left(starts, open_at) - 1
        if i < 0 or mentions[i].start < sent_start or not 0 <= open_at - mentions[i].end <= 1 \
                or mentions[i].name in NEWS_AGENCIES or mentions[i].kind == "country" \
                or not _ASIDE_RE.match(text, open_at):
            break
        chain.insert(0, mentions[i])
        joined = _AND_BEFORE_RE.search(text, max(sent_start, mentions[i].start - 8), mentions[i].start)
        if joined is None or text[joined.start()] != ",":
            break
        close_at = joined.start()
    if chain:   # "Qatar and Egypt, which have mediated, said": the ones joined to the first before it
        k = bisect.bisect_left(starts, chain[0].start)
        chain[:1] = joined_before(text, mentions, starts, sent_start, k)
    return chain


def subject_after_intro(text: str, mentions: Sequence[ActorMention], starts: Sequence[int],
                        sent_start: int) -> ActorMention | None:
    """The subject after a short opening phrase set off by a comma ("Separately, Iraqi forces ...", "On
    Friday, the army ..."), if an actor stands right there."""
    m = _INTRO_RE.match(text, sent_start)
    if m is None:
        return None
    i = bisect.bisect_left(starts, m.end())
    if i < len(mentions) and mentions[i].start - m.end() <= 12 and not NOT_SUBJECT_RE.search(
            text, m.end(), mentions[i].start) and not _is_locative(text, mentions[i].start):
        return unit_owner(text, mentions, i) or mentions[i]   # "troops of Operation Safe Haven": the operation
    return None


def joined_before(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], sent_start: int,
                  i: int) -> list[ActorMention]:
    """``mentions[i]`` and those "and" or a comma join to it before it in its sentence ("Qatar and Egypt")."""
    lo = bisect.bisect_left(starts, sent_start)
    return nearest_group(text, [a for a in mentions[lo:i + 1] if a is mentions[i] or not SOURCE_BEFORE_RE.search(
        text, max(sent_start, a.start - 20), a.start)], True)


def objects_after_asides(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], last: ActorMention,
                         sent_end: int) -> list[ActorMention]:
    """The ones joined by "and" to ``last`` across an aside: "grilled Ana Ruiz, a Ukraine specialist, and Tom
    Askew, an aide" -> [Tom Askew]."""
    out: list[ActorMention] = []
    while True:
        aside = _ASIDE_RE.match(text, last.end)
        close = text.find(",", last.end + 1, min(sent_end, last.end + 120)) if aside else -1
        joined = _AND_AFTER_RE.match(text, close) if close >= 0 else None
        if joined is None:
            return out
        i = bisect.bisect_left(starts, joined.end())
        if i >= len(mentions) or mentions[i].start != joined.end():
            return out
        last = mentions[i]
        out.append(last)


def last_named(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], at: int,
               person: bool) -> ActorMention | None:
    """The person (or body: an organisation, group or country) named last before ``at`` in its paragraph, or, for
    a person near the head of a paragraph, in the 800 characters before it ("The 56-year-old said after his
    appointment")."""
    paragraph = text.rfind("\n", 0, at)
    top = max(paragraph, at - 1500) if at - paragraph > 300 or not person else min(paragraph, at - 800)
    i = bisect.bisect_left(starts, at) - 1
    while i >= 0 and mentions[i].start > top:
        a = mentions[i]
        if (a.kind == "person") == person and a.name not in NEWS_AGENCIES and not (
                a.kind == "organisation" and a.written[:1].islower()):
            return a
        i -= 1
    return None
