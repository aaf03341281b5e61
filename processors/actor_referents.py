"""Agents that wire copy names by reference rather than by name, and the name they stand for:

- a definite description of an armed group after the group was named ("Al-Shabaab ... The fighters stormed",
  "the group launched"): the group named last, which is whom the reader understands;
- a noun event's agent after "by" ("a blockade by jihadi fighters", "an incursion by Venezuelan soldiers");
- the body that reports an act of its own in the passive, naming no agent ("14 suspects were arrested, the coast
  guard said"; "Police said 40 people had been detained"): police, armies and agencies report their own arrests,
  rescues and evacuations;
- the people a sentence opens with, described by common nouns, as the doer of the noun event their clause
  acted in ("Armed men killed 12 people in a raid": the men raided);
- a body or people described by their kind before a relative pronoun ("the junta that seized power");
- a state's body named by its demonym ("Chadian army", "Haitian authorities"), labelled with the state too;
- a subject whose name is followed by who leads or backs it ("The Unity Movement led by Ana Ruiz won"): the
  body, not its leader, is the subject.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from newswire.processors.actor_names import ActorMention
from newswire.processors.lexicon import is_person_noun
from newswire.processors.place_names import NEWS_AGENCIES

__all__ = ["AUTHORITY_ACTS", "body_label", "by_agent", "described_group", "leader_aside", "people_subject",
           "relative_body", "saying_verb", "state_name"]

# "The fighters detonated", "the group has launched": a description of an armed group as the verb's subject
_DESCRIBED_RE = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:armed\s+|militant\s+|jihadist\s+|rebel\s+|insurgent\s+)?"
                           r"(?P<n>fighters|militants|rebels|insurgents|jihadists|group|militia|militiamen|guerrillas)"
                           r"\s+(?:(?:has|have|had|was|were|also|then|later|again|first|\w+ly)\s+){0,2}$")
_GROUP_WORDS = ("fighters", "militants", "rebels", "insurgents", "jihadists", "group", "militia", "militiamen",
                "guerrillas")


def described_group(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], left: int,
                    start: int) -> ActorMention | None:
    """The armed group a definite description right before the verb at ``start`` stands for: the group named
    by a capitalised name last before it, within 2,000 characters; else None."""
    near = text[max(left, start - 45):start]
    if not any(w in near for w in _GROUP_WORDS):
        return None
    m = _DESCRIBED_RE.search(text, max(left, start - 45), start)
    if m is None:
        return None
    i = bisect.bisect_left(starts, m.start()) - 1
    while i >= 0 and m.start() - mentions[i].start < 2000:
        a = mentions[i]
        if a.kind == "group" and a.name[:1].isupper() and a.name not in NEWS_AGENCIES:
            return ActorMention(m.start("n"), m.end("n"), a.name, a.name, "group", a.role, a.country_code)
        i -= 1
    return None


_BY_RE = re.compile(r"[ \t]+by[ \t]+(?:the[ \t]+|a[ \t]+|an[ \t]+)?")
# "by jihadi fighters", "by suspected rebels", "by armed gang members": people described by common nouns
_WORDS_RE = re.compile(r"[a-z][\w-]*(?:[ \t]+[a-z][\w-]*){0,2}")


def by_agent(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], end: int,
             right: int) -> ActorMention | None:
    """The agent a noun event names after "by" ("an incursion by Venezuelan soldiers", "a blockade by jihadi
    fighters"), else None."""
    m = _BY_RE.match(text, end, right)
    if m is None:
        return None
    i = bisect.bisect_left(starts, m.end())
    if i < len(mentions) and mentions[i].start - m.end() <= 12 and mentions[i].end <= right \
            and (mentions[i].start == m.end() or text[m.end():mentions[i].start].strip().islower()):
        return mentions[i]
    words = _WORDS_RE.match(text, m.end(), right)
    if words is None:
        return None
    at = m.end()
    for word in words.group(0).split()[:3]:   # the first plural noun for people heads the phrase
        at = text.index(word, at) + len(word)
        if word not in ("people", "persons", "others") and word.endswith("s") and is_person_noun(word):
            np = text[m.end():at]
            return ActorMention(m.end(), at, np, np, "group", None, None)
    return None


# "The Unity Movement led by Ana Ruiz", "a coalition backed by the army": who leads or backs the subject
_LEADER_GAP_RE = re.compile(r"(?:\s+\([A-Z][^()]{0,12}\))?,?\s+"   # its acronym first: "Unity Movement (UM) led by"
                            r"(?:led|headed|chaired|founded|backed|supported|run)\s+by\s+(?:the\s+)?"
                            r"(?:(?:former|late|veteran|acting|interim|incumbent|outgoing)\s+)?"
                            r"(?:[a-z]+\s+){0,2}")


def leader_aside(text: str, before: list[ActorMention]) -> list[ActorMention]:
    """``before`` without the leader or backer named in an aside right after the subject ("The Unity Movement
    led by Ana Ruiz won": the movement won)."""
    if len(before) < 2 or " by " not in text[before[-2].end:before[-1].start]:
        return before
    if _LEADER_GAP_RE.fullmatch(text, before[-2].end, before[-1].start):
        return before[:-1]
    return before


# the acts of police, armies, coast guards and relief agencies that they report themselves
AUTHORITY_ACTS = frozenset({"arrest", "interception", "evacuation", "rescue", "release", "seizure", "confiscation"})
_SAYING_RE = re.compile(r"\b(?:said|says|announced|reported|confirmed|stated)\b")


def saying_verb(text: str, sent_start: int, sent_end: int, start: int) -> tuple[int, int] | None:
    """The span of the saying verb that reports the act at ``start`` in its sentence: the last before it or,
    where there is none, the first after it; else None."""
    before = None
    for m in _SAYING_RE.finditer(text, sent_start, start):
        before = m
    m = before or _SAYING_RE.search(text, start, sent_end)
    return (m.start(), m.end()) if m is not None else None


# a state's weapons and acts after its demonym ("Israeli strikes", "Russian drones") stand for the state alone;
# its people and offices ("Chadian army", "Spanish police") are a body of their own
_STATE_THINGS = frozenset("""strikes shells missile missiles drone drones jets warplane warplanes tanks artillery
aircraft helicopter helicopters gunships submarine warship warships bomber bombers""".split())


def body_label(written: str, country: str) -> str:
    """A state's body named by its demonym ("Chadian army", "Spanish police"): the body as written, the state it
    belongs to after it ("Chadian army (Chad)"), as a reader may name either; a weapon or an act is the state."""
    return country if written.rsplit(None, 1)[-1] in _STATE_THINGS else f"{written} ({country})"


def state_name(name: str) -> str:
    """The state a ``body_label`` names ("Chad" for "Chadian army (Chad)"); a plain name as it is."""
    return name[name.rindex("(") + 1:-1] if name.endswith(")") and " (" in name else name


# a noun event the clause's subject acted in: "killed 12 people in a night-time raid", "during an attack"
_IN_EVENT_RE = re.compile(r"\b(?:in|during)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}$")
# the sentence's subject: up to three words ending in a plural noun for people, right before a verb in the past
# (after a dateline's dash, if any): "Suspected rebel fighters killed", "Armed gang members stormed"
_PEOPLE_SUBJECT_RE = re.compile(r"[\s\"“]*(?:[^—–\n]{0,80}?(?:—|–|\s-)\s+)?(?P<np>(?:[A-Za-z][\w-]*\s+){0,2}(?P<n>[a-z]+s))"
                                r"\s+(?:(?:have|had)\s+)?[a-z]+(?:ed|ew|ot|uck|ole|ook)\b")


def people_subject(text: str, sent_start: int, left: int, start: int) -> ActorMention | None:
    """The people a sentence opens with, described by common nouns, where the noun event at ``start`` is one
    their clause acted in ("Armed men killed 12 people in a raid" -> "armed men"), else None."""
    if not _IN_EVENT_RE.search(text, max(left, start - 40), start):
        return None
    m = _PEOPLE_SUBJECT_RE.match(text, sent_start, min(start, sent_start + 200))
    if m is None or m.start("np") > sent_start + 120:
        return None
    noun, words = m.group("n"), m.group("np").split()
    if noun in ("people", "persons", "others") or not is_person_noun(noun) or any(
            w[:1].isupper() for w in words[1:]) or words[0].lower() in ("the", "a", "an", "some", "many", "two"):
        return None
    np = m.group("np")
    np = np[:1].lower() + np[1:]
    return ActorMention(m.start("np"), m.end("np"), np, np, "group", None, None)


# "the junta that seized power", "the soldiers who opened fire": a description, its relative pronoun, the verb
_RELATIVE_BODY_RE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?P<np>(?:[a-z][\w-]*\s+){0,2}(?P<n>[a-z]+))\s+(?:that|which|who)"
                               r"\s+(?:(?:has|have|had|was|were|is|are|also|then|later|first|\w+ly)\s+){0,2}$")
_RELATIVE_HEADS = frozenset("""junta army military police government ministry party alliance coalition council court
commission committee agency authorities regime administration movement""".split())


def relative_body(text: str, left: int, start: int) -> ActorMention | None:
    """The body or people a description names right before a relative pronoun whose verb is at ``start`` ("The
    junta that seized power" -> "junta"), else None."""
    near = text[max(left, start - 70):start]
    if "that " not in near and "who " not in near and "which " not in near:
        return None
    m = _RELATIVE_BODY_RE.search(text, max(left, start - 70), start)
    if m is None:
        return None
    noun = m.group("n")
    if noun not in _RELATIVE_HEADS and not (noun.endswith("s") and noun not in ("people", "others")
                                            and is_person_noun(noun)):
        return None
    np = m.group("np")
    kind = "organisation" if noun in _RELATIVE_HEADS else "group"
    return ActorMention(m.start("np"), m.end("np"), np, np, kind, None, None)
