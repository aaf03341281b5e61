"""Who a subject is where its words name no actor by themselves: the body whose members it names ("troops of
Operation Safe Haven", "officers of the police"), the one a relative clause or an apposition describes ("The
army, which ..., said"; "Mwale, a former minister, won"), a body named by its kind after an opening phrase
("Since then, the government"), a pair described ("the two countries") and a name before a relative pronoun
("while Bruno, which struck").
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from newswire.processors.actor_frames import AUX_RUN, BODY_NOUNS
from newswire.processors.actor_names import ActorMention
from newswire.processors.gazetteer import gazetteer
from newswire.processors.lexicon import is_person_noun

__all__ = ["lead_body", "members_gap", "name_before", "plural_referent", "relative_head", "subject_gap_end",
           "unit_owner"]

# "Troops of the 3rd Division", "personnel of the Nigerian Navy": the unit or force the members belong to acts
_UNIT_MEMBERS = r"troops|soldiers|personnel|officers|operatives|elements|units|men|fighters|forces"
_UNIT_OF_RE = re.compile(r"\s+of\s+(?:the\s+)?")
_LEAD_UNIT_OF_RE = re.compile(r"[\s\"“]*(?:[A-Z][A-Z ,.'-]{1,40}\s[-–—]\s+)?(?:[Tt]he\s+)?(?i:(?:%s)\s+of|(?:observers"
                              r"|monitors|delegates|representatives|envoys|inspectors|experts)\s+(?:from|of))\s+(?:the\s+)?"
                              % _UNIT_MEMBERS)
_UNIT_WORDS = frozenset(_UNIT_MEMBERS.split("|"))


def unit_owner(text: str, mentions: Sequence[ActorMention], i: int, sent_start: int | None = None) -> ActorMention | None:
    """The body whose members ``mentions[i]`` names ("troops of Operation Safe Haven" -> the operation), or, with
    ``sent_start``, ``mentions[i]`` itself where the members' noun before it opens the sentence ("Troops of the
    Nigerian Army killed"); else None."""
    a = mentions[i]
    if sent_start is not None:
        return a if _LEAD_UNIT_OF_RE.fullmatch(text, sent_start, a.start) else None
    if a.written.lower() in _UNIT_WORDS and i + 1 < len(mentions) and mentions[i + 1].kind != "person" \
            and _UNIT_OF_RE.fullmatch(text, a.end, mentions[i + 1].start):
        return mentions[i + 1]
    return None


# a body named by its kind as the sentence's subject, after a short opening phrase: "Since then, the government"
_LEAD_BODY_RE = re.compile(r"[\s\"“]*(?:(?:[A-Z][a-z]+(?:\s+\w+){0,2}),\s+)?[Tt]he\s+(?P<n>(?:[a-z][\w-]*\s+)?(?i:%s))"
                           r"\s+(?:(?:has|have|had|was|is|also|then|later|\w+ly)\s+)?[a-z]+" % "|".join(sorted(BODY_NOUNS)))


def lead_body(text: str, sent_start: int) -> ActorMention | None:
    """The body a sentence opens with, named by its kind ("Since then, the government has opened"), else None."""
    m = _LEAD_BODY_RE.match(text, sent_start)
    if m is None:
        return None
    name = m.group("n")
    return ActorMention(m.start("n"), m.end("n"), name, name, "organisation", None, None)


_MEMBERS_GAP_RE = re.compile(r"(?:the\s+)?(?:%s|officials|members|agents)\s+(?:of|from)\s+(?:the\s+)?" % _UNIT_MEMBERS)


def members_gap(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` is a members' noun before the body they belong to ("officers of the ")."""
    return _MEMBERS_GAP_RE.fullmatch(text, lo, hi) is not None


# "The army, which has fought the rebels since April, said": the subject, a relative clause set off by commas,
# then the verb
_OPENERS = frozenset("""in on at after before during since from for with by under amid following despite as when
while if although though but and so yet meanwhile however separately earlier later last this""".split())
_JOINED_RE = re.compile(r"\s*(?:,|,?\s+and)\s+(?:the\s+)?")
_RELATIVE_HEAD_RE = re.compile(r"[\s\"“]*(?:[A-Z][a-z]+(?:\s+\w+){0,2},\s+)?(?P<np>[^,;:\"“”()]{1,60}?),\s+(?:which|who|whose"
                               r"|(?P<apposition>a|an|the))\s+[^;\"“”]{1,200}?,\s+" + AUX_RUN + "$")


_AUX_TAIL_RE = re.compile(r"\s(?:(?:has|have|had|was|were|is|are|would|will|could|should|might|may|also|then|later"
                          r"|already|\w+ly)\s+){1,3}$")


def subject_gap_end(text: str, sent_start: int, start: int) -> int:
    """Where the words before the verb at ``start`` end, its auxiliaries and adverbs left out."""
    aux = _AUX_TAIL_RE.search(text, max(sent_start, start - 40), start)
    return aux.start() + 1 if aux is not None else start


def relative_head(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], sent_start: int,
                  start: int) -> list[ActorMention] | None:
    """The subject a relative clause set off by commas describes, right before the verb at ``start``: the ones
    named in it (the last and those joined to it: "Sudan's paramilitary RSF", "Qatar and Egypt"), or a body or
    person it names by kind or by a name the actor layer did not take; else None."""
    if text.find(",", max(sent_start, start - 40), start) < 0 or not text.endswith(
            (", ", ",\n"), 0, subject_gap_end(text, sent_start, start)):
        return None   # no comma closes an aside right before the verb
    m = _RELATIVE_HEAD_RE.fullmatch(text, sent_start, start)
    if m is None:
        return None
    lo, hi = m.start("np"), m.end("np")
    if m.group("np").split()[0].lower() in _OPENERS:
        return None   # "In June, the then home secretary, Ana Ruiz, approved": an opening phrase, no subject
    i = bisect.bisect_left(starts, lo)
    inside = [a for a in mentions[i:i + 6] if a.end <= hi]
    if inside and m.group("apposition"):
        return None   # a name set off by an apposition: the appositive reader takes it ("A, an envoy, and B, ...")
    if inside:   # "Qatar and Egypt, which ...": each one joined
        k = len(inside) - 1
        while k > 0 and _JOINED_RE.fullmatch(text, inside[k - 1].end, inside[k].start):
            k -= 1
        return inside[k:]
    words = m.group("np").split()
    if words and words[0] in ("The", "the"):
        words = words[1:]
    if not words or len(words) > 4:
        return None
    head = words[-1]
    if m.group("apposition") and not head[:1].isupper() or " ".join(words) in gazetteer():
        return None   # "Bamako, the capital, was": a place; "The army, a force of ..., said" is read before
    if head.lower() in BODY_NOUNS or is_person_noun(head.lower()) or all(w[:1].isupper() for w in words):
        name = " ".join(words) if head[:1].isupper() else head.lower()
        at = text.rfind(" ".join(words), lo, hi)
        kind = "organisation" if head.lower() in BODY_NOUNS or head[:1].isupper() else "group"
        return [ActorMention(at, at + len(" ".join(words)), name, name, kind, None, None)]
    return None


# "the two countries", "both sides", "the two leaders": a pair named before
_PAIR_RE = re.compile(r"\b(?:[Tt]he\s+two|[Bb]oth)\s+(?P<n>countries|nations|governments|neighbours|neighbors|armies|sides"
                      r"|parties|leaders|men|women)\s+(?:(?:have|has|had|last|also|then|later|again|already|\w+ly)\s+){0,2}$")
_PAIR_KINDS = {"countries": ("country",), "nations": ("country",), "governments": ("country",),
               "neighbours": ("country",), "neighbors": ("country",), "armies": ("country",),
               "leaders": ("person",), "men": ("person",), "women": ("person",)}


def plural_referent(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], left: int,
                    start: int) -> list[ActorMention]:
    """The two actors a plural description right before the verb stands for ("The two countries swapped
    prisoners": the last two countries named, within 2,000 characters), else []."""
    if "two " not in text[max(left, start - 50):start] and "oth " not in text[max(left, start - 50):start]:
        return []
    m = _PAIR_RE.search(text, max(left, start - 50), start)
    if m is None:
        return []
    kinds = _PAIR_KINDS.get(m.group("n"), ("country", "group", "organisation"))
    pair: list[ActorMention] = []
    i = bisect.bisect_left(starts, m.start()) - 1
    while i >= 0 and m.start() - mentions[i].start < 2000 and len(pair) < 2:
        a = mentions[i]
        if a.kind in kinds and a.written[:1].isupper() and all(a.name != b.name for b in pair):
            pair.insert(0, a)
        i -= 1
    return pair if len(pair) == 2 else []


_NAME_BEFORE_RE = re.compile(r"(?<![\w'’.-])(?P<name>[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){0,2})\s*$")
_NOT_NAMES = frozenset("""The A An This That These Those It He She They We I In On At But And Or If When While After
Before Since However Meanwhile""".split())


def name_before(text: str, sent_start: int, at: int) -> ActorMention | None:
    """A capitalised name, not at the head of the sentence, ending right before ``at`` (a relative pronoun's
    antecedent the actor layer did not take: "while Freddy, which struck"), else None; never a place."""
    m = _NAME_BEFORE_RE.search(text, max(sent_start, at - 40), at)
    if m is None or m.start("name") <= sent_start + 1 or m.group("name").split()[0] in _NOT_NAMES \
            or m.group("name") in gazetteer():
        return None
    name = m.group("name")
    return ActorMention(m.start("name"), m.end("name"), name, name, "organisation", None, None)
