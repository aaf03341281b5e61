"""Frames of news syntax that move an event's agent away from the words right before its trigger:

- the one accused or blamed is the agent of the deed the accusation names ("rebels accused the army of
  shelling villages": the army shelled);
- a subject with a place and a time set between it and its verb ("A judge in Lyon on Friday ordered");
- the subject of a reported clause ("the ministry said the government had released funds": the government
  released them; "the army said its jets struck": the army, through its jets);
- a series of verbs that share one subject ("Troops killed 12 militants, arrested 30 suspects and rescued 20
  hostages": the troops did all three, the militants did nothing);
- a noun event's modifier or owner ("an army attack", "the central bank's meeting"), the parties after
  "between", the subject of the active clause a noun event happened in ("killed two men in a raid"), and a
  passive's agent named by a common noun ("by a federal jury").

Who a subject is where its words name no actor by themselves is ``processors.actor_heads``.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Sequence

from newswire.processors.actor_names import Actor, ActorMention
from newswire.processors.gazetteer import gazetteer
from newswire.processors.lexicon import is_person_noun

__all__ = ["AUX_RUN", "BODY_NOUNS", "accused_agent", "between_parties", "coordinated", "framed_agents", "is_past_verb",
           "member_body", "modifier_agent", "object_verb", "passive_by_noun", "reported_subject", "series_verb",
           "subject_end"]

# "accused the army of", "blamed rebels for", "charged the group with": the object did what the gerund names
_ACCUSED_RE = re.compile(r"\b(?:accus(?:e|es|ed|ing)|blam(?:e|es|ed|ing)|charg(?:e|es|ed|ing)|condemn(?:s|ed|ing)?"
                         r"|criticis(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|thank(?:s|ed)?|praised?)\s+"
                         r"(?P<o>(?:(?!(?:of|for|with|and|that)\b)[\w'’.-]+\s+){1,5}?)(?:of|for|with)\s+"
                         r"(?:(?:its|their|his|her|the)\s+)?$")
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|May|June|July|August" \
          "|September|October|November|December"
# a time set between a subject and its verb: "on Friday", "late on Tuesday", "last week", "on Nov. 3", "in March"
_TIME_TAIL_RE = re.compile(
    r"(?:,\s*|\s+)(?:(?:late|early|earlier|later)\s+)?(?:on\s+(?:(?:%s)|(?:%s)\.?\s+\d{1,2})|(?:last|this|earlier this|late"
    r" last)\s+(?:week|month|year|weekend|%s)|in\s+(?:%s)|yesterday|today|overnight)\s*,?\s*$" % (_DAYS, _MONTHS, _DAYS, _MONTHS))
_TIME_WORD_RE = re.compile(r"day\b|\b(?:last|this|%s|yesterday|today|overnight)\b" % _MONTHS)
# a place right after the subject's noun: "a judge in Lyon", "the court in Cairo"
_PLACE_TAIL_RE = re.compile(r"\s+(?:in|at|of)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|es|de|al|el)){0,3}\s*$")
_OBJECT_TAIL_RE = re.compile(r"\b(?:for|of|from|with|to|by)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?[\w'’-]+$")
AUX_RUN = r"(?:(?:has|have|had|was|were|is|are|would|will|could|should|might|may|also|then|later|already|\w+ly)\s+){0,3}"
# "said (on Monday) (that) NP (aux)": the verb that reports a clause, and the clause's subject before the trigger
_REPORTED_RE = re.compile(r"\b(?:said|says|announced|reported|confirmed|added|stated|told\s+\w+)(?:\s+\w+ly)?"
                          r"(?:\s+(?:late\s+)?on\s+\w+\.?(?:\s+\d{1,2})?)?,?\s+(?:that\s+)?"
                          r"(?P<np>[^,;:\"“”()]{1,60}?)\s+" + AUX_RUN + "$")
_SAYING_WORD_RE = re.compile(r"\b(?:said|says|announced|reported|confirmed|added|stated|told)\b")
_SPEAKER_NP_RE = re.compile(r"(?:it|they|its\s+[\w\s-]+|their\s+[\w\s-]+)", re.IGNORECASE)
_NOUN_NP_RE = re.compile(r"(?:the|a|an)\s+(?:[a-z][\w-]*\s+){0,2}(?P<n>[a-z]+)|(?P<b>[a-z]+s)"
                         r"|(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|hundreds\s+of"
                         r"|several|some|many)\s+(?:[a-z][\w-]*\s+)?(?P<m>[a-z]+)(?:\s+and\s+[\w\s]+)?")
BODY_NOUNS = frozenset("""government army military navy police ministry agency commission committee council court
tribunal regulator authorities authority department coalition administration""".split())
_BODY_OWNER_RE = re.compile(r"\b[Tt]he\s+(?P<o>(?:[a-z]+\s+)?(?:%s|bank))['’]s\s+(?:[\w-]+\s+){0,3}$"
                            % "|".join(sorted(BODY_NOUNS)))
_NOT_AGENTS = frozenset({"people", "persons", "others", "cases", "deaths", "bodies", "members", "numbers"})
# the verb before the comma that a series' next verb follows: "killed 12 militants, arrested"
_SERIES_RE = re.compile(r"\b[a-z]+(?:ed|ised|ized)\s+(?:(?!(?:who|which|that|said|says|when|after|before|while)\b)"
                        r"[^;:\"“”.])+?,\s+(?:and\s+)?$")


def accused_agent(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], left: int,
                  start: int) -> list[ActorMention] | None:
    """The one accused of (blamed for, charged with) the deed whose gerund is ``text[start:]``, else None."""
    m = _ACCUSED_RE.search(text, max(left, start - 80), start)
    if m is None:
        return None
    lo, hi = m.start("o"), m.end("o")
    i = bisect.bisect_left(starts, lo)
    inside = [a for a in mentions[i:i + 4] if a.start >= lo and a.end <= hi]
    if inside:
        return inside
    words = text[lo:hi].split()
    noun = words[-1].lower() if words else ""
    if noun.isalpha() and (noun in BODY_NOUNS or is_person_noun(noun)) and noun not in _NOT_AGENTS:
        at = text.rfind(words[-1], lo, hi)
        return [ActorMention(at, at + len(noun), noun, noun, "organisation" if noun in BODY_NOUNS else "group",
                             None, None)]
    return None


def subject_end(text: str, lo: int, start: int) -> int:
    """Where the subject before the verb at ``start`` ends, past a time and then a place set between them ("A
    judge in Lyon on Friday ordered" -> after "judge"); ``start`` where there is neither."""
    end = start
    window = text[max(lo, start - 40):start]
    time = _TIME_TAIL_RE.search(text, max(lo, end - 40), end) if _TIME_WORD_RE.search(window) else None
    if time is not None:
        end = time.start()
    place = _PLACE_TAIL_RE.search(text, max(lo, end - 40), end) if (
        " in " in window or " at " in window or " of " in window) else None
    if place is not None and text[max(lo, place.start() - 1):place.start()].isalpha():
        end = place.start()
    if end < start and _OBJECT_TAIL_RE.search(text, max(lo, end - 30), end):
        return start   # "a spokesman for the group on Sunday": the noun last is a phrase's, not the subject
    while end < start and text[end].isspace():
        end += 1   # the subject with the space after it, as before a verb
    return end


def reported_subject(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], sent_start: int,
                     start: int) -> tuple[int, int] | ActorMention | None:
    """The subject of a clause reported by a saying verb, for the trigger at ``start`` inside it: the verb's own
    span where the subject stands for the speaker ("said it had", "said its forces had"), a mention for a body
    or people named by a common noun ("said the government had released"), else None."""
    lo = max(sent_start, start - 120)
    m = None
    for verb in _SAYING_WORD_RE.finditer(text, lo, start):   # the last saying verb the trigger's clause follows
        found = _REPORTED_RE.match(text, verb.start(), start)
        if found is not None:
            m = found
    if m is None:
        return None
    np = m.group("np")
    i = bisect.bisect_left(starts, m.start("np"))
    if i < len(mentions) and mentions[i].start < m.end("np"):
        return None   # a name or a group ("its troops"): the actors before the trigger already hold it
    if _SPEAKER_NP_RE.fullmatch(np):
        return m.start(), m.start() + len(text[m.start():].split(None, 1)[0])
    noun = _NOUN_NP_RE.fullmatch(np)
    if noun is None:
        return None
    word = noun.group("n") or noun.group("m") or noun.group("b")   # "the government", "40 insurgents", "officers"
    if noun.group("n") and word in _NAMED_BODIES and (named := _named_body(mentions, starts, word, m.start("np"))):
        return named   # "its leader said the party had filed": the party named before
    if word in _NOT_AGENTS or not (word in BODY_NOUNS or is_person_noun(word)):
        return None
    at = m.start("np") + np.rfind(word) if noun.group("n") else m.start("np") + np.find(word)
    kind = "organisation" if word in BODY_NOUNS else "group"
    return ActorMention(at, at + len(word), word, word, kind, None, None)


# bodies a reported clause names by their kind after naming them in full: "the party", "the movement"
_NAMED_BODIES = frozenset({"party", "movement", "alliance", "coalition", "commission", "ministry", "agency", "council"})


def _named_body(mentions: Sequence[ActorMention], starts: Sequence[int], word: str, at: int) -> ActorMention | None:
    """The organisation or group named last before ``at`` (within 2,000 characters) whose name holds ``word``."""
    i = bisect.bisect_left(starts, at) - 1
    while i >= 0 and at - mentions[i].start < 2000:
        if mentions[i].kind in ("organisation", "group") and word in mentions[i].written.lower().split():
            return mentions[i]
        i -= 1
    return None


def series_verb(text: str, sent_start: int, start: int, end: int) -> bool:
    """Whether the verb ``text[start:end]`` follows another verb and its object, set off by a comma ("killed 12
    militants, arrested 30"): the two share the sentence's subject."""
    return text.find(",", max(sent_start, start - 7), start) >= 0 and is_past_verb(text[start:end]) \
        and _SERIES_RE.search(text, max(sent_start, start - 160), start) is not None


_IN_EVENT_RE = re.compile(r"\b(?:in|during)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?$")
_PASSIVE_ANY_RE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|lt|ot)\b")
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+ly\s+)?$")
# a verb in the past, the form a series of a subject's deeds takes: "seized", "shot", "struck"
_PAST_IRREGULAR = frozenset({"shot", "hit", "struck", "took", "held", "made", "sent", "fled", "fought", "caught",
                             "stole", "set", "gave", "won", "lost", "began", "broke", "brought", "built", "led"})


def is_past_verb(word: str) -> bool:
    return word.islower() and (word.endswith("ed") or word in _PAST_IRREGULAR)


def framed_agents(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], left: int, sent_start: int,
                  start: int, end: int, agents: list[ActorMention],
                  speaker_of: Callable[[int, int], tuple[Actor, ...]],
                  subject: Callable[[], ActorMention | None] = lambda: None) -> list[ActorMention]:
    """``agents`` of a trigger that is no saying, reframed where an accusation names the doer of its gerund, a
    modifier or an owner the doer of a noun event, the subject of an active clause the doer of the event it
    did something in ("Troops killed two men in a raid"), or a reported clause has a subject of its own
    (``speaker_of(start, end)``: the actors of a saying verb; ``subject()``: the sentence's subject)."""
    if text.endswith("ing", start, end) and (accused := accused_agent(text, mentions, starts, left, start)):
        return accused
    if not is_past_verb(text[start:end]) and (modifier := modifier_agent(text, left, start)) is not None:
        return [modifier]
    if not is_past_verb(text[start:end]) and ("s " in text[max(left, start - 60):start]) and (
            owner := _BODY_OWNER_RE.search(text, max(left, start - 60), start)):
        name = owner.group("o")   # "the central bank's next meeting", "the army's offensive": the body's own
        return [ActorMention(owner.start("o"), owner.end("o"), name, name, "organisation", None, None)]
    if agents and not is_past_verb(text[start:end]) and (" in " in (near := text[max(left, start - 40):start]) or (
            "during " in near)) and _IN_EVENT_RE.search(text, max(left, start - 40), start):
        doer = subject()   # "Israeli forces killed three men in a raid": the forces raided, not the men
        passive = doer is not None and _PASSIVE_ANY_RE.search(text, doer.end, start)
        if doer is not None and doer.end <= agents[0].start and agents[0] is not doer and not passive:
            return [doer]
        if passive and agents[0] is doer:   # "Three men were killed (by the army) in a raid": not the men
            return [a for a in agents if a is not doer] or [b for b in (passive_by_noun(text, passive.end(), start),)
                                                           if b is not None]
    if text.endswith("ing", start, end):
        return agents
    if _PASSIVE_BEFORE_RE.search(text, max(sent_start, start - 40), start):
        return agents   # "said 40 people were killed": the one after "by" did it, read elsewhere
    reported = reported_subject(text, mentions, starts, sent_start, start)
    if isinstance(reported, ActorMention):
        return [reported]
    if reported is not None:
        said = [a for a in speaker_of(*reported) if a.relation == "agent"]
        if said:
            a = said[0]
            return [ActorMention(reported[0], reported[1], a.name, a.name, a.kind, a.role, a.country_code)]
    return agents


# "an army attack", "a police raid", "the rebel offensive": the body or people the modifier names did it
_MODIFIER_RE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Aa]nother|[Aa]\s+new|[Aa]\s+fresh)\s+(?:[a-z]+\s+)?"
                          r"(?P<m>army|police|military|navy|government|rebel|militant|insurgent|jihadist|guerrilla"
                          r"|opposition|separatist|coalition|security)\s+$")
_MODIFIER_GROUPS = frozenset({"rebel", "militant", "insurgent", "jihadist", "guerrilla", "separatist"})


def modifier_agent(text: str, left: int, start: int) -> ActorMention | None:
    """The body or people a noun trigger's modifier names ("an army attack" -> army, "a rebel offensive" ->
    rebels), else None."""
    m = _MODIFIER_RE.search(text, max(left, start - 40), start)
    if m is None:
        return None
    word = m.group("m")
    if word == "security":
        return None   # "security forces" is read as a name; "a security operation" says no one
    name = word + "s" if word in _MODIFIER_GROUPS else word
    return ActorMention(m.start("m"), m.end("m"), name, name, "group" if word in _MODIFIER_GROUPS else "organisation",
                        None, None)


# "talks between X and Y", "fighting that erupted on Friday between X and Y"
_BETWEEN_RE = re.compile(r"(?:\s+(?:that|which)\s+(?:\w+\s+){1,4}?|\s+)between\s+")
# (one word may describe them: "rival armed groups", "two criminal gangs")
_PARTIES_RE = re.compile(r"(?:the\s+)?(?P<np>(?:two|rival|warring|opposing|feuding|both)\s+(?:[a-z]+\s+)?(?:sides|parties"
                         r"|factions|camps|countries|nations|governments|groups|delegations|armies|militias|gangs|clans"
                         r"|tribes|communities))\b")


def between_parties(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], end: int,
                    sent_end: int) -> list[ActorMention] | None:
    """The parties of a noun trigger followed by "between": each one named in "between X and Y", or the
    parties described ("between the warring parties"); None where no "between" follows or it joins no actors
    ("between 10 and 20 people")."""
    m = _BETWEEN_RE.match(text, end, min(sent_end, end + 60))
    if m is None:
        return None
    parties = _PARTIES_RE.match(text, m.end())
    if parties is not None:
        np = parties.group("np")
        return [ActorMention(parties.start("np"), parties.end("np"), np, np, "group", None, None)]
    i = bisect.bisect_left(starts, m.end())
    if i >= len(mentions) or mentions[i].start - m.end() > 4:
        return None
    out = [mentions[i]]
    while i + 1 < len(mentions) and re.fullmatch(r"\s*(?:,|,?\s+and)\s+(?:the\s+)?", text[out[-1].end:mentions[i + 1].start]):
        i += 1
        out.append(mentions[i])
    return out if len(out) > 1 else None


_COORDINATED_RE = re.compile(r"\w\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$")


def coordinated(text: str, sent_start: int, start: int) -> bool:
    """Whether the verb at ``start`` is joined by "and" or "but" to one before it ("assessed the risk and
    said"): the two share the sentence's subject."""
    return _COORDINATED_RE.search(text, max(sent_start, start - 20), start) is not None


# the bodies whose members or machines a plural noun after them names: "Army helicopters", "navy divers"
_MEMBER_BODIES = frozenset({"army", "navy", "military", "police", "marine", "marines", "coastguard"})


def member_body(words: list[str]) -> str | None:
    """The body word of a subject like "Army helicopters" or "navy divers" (the last two of ``words``), else
    None."""
    if len(words) < 2 or not words[-1].isalpha() or not words[-1].endswith("s") or words[-1][0].isupper():
        return None
    return words[-2] if words[-2].lower() in _MEMBER_BODIES else None


# saying verbs a speaker may follow ("said Ana Ruiz", "added the minister"); after any other ("blamed the
# rebels", "accused Israel") the one named is the object, not the speaker
_INVERTING = frozenset({"said", "says", "added", "adds", "noted", "wrote", "writes", "explained", "stated", "insisted",
                        "warned", "continued", "recalled", "argued", "asked", "replied", "announced", "reported",
                        "reports", "tweeted", "posted", "confirmed", "told", "declared", "acknowledged", "admitted"})


def object_verb(trigger: str) -> bool:
    """Whether the saying verb ``trigger`` takes the one named after it as its object ("blamed the rebels")."""
    return is_past_verb(trigger) and trigger.lower() not in _INVERTING


# "convicted of fraud by a jury", "killed by the army": a passive's agent named by a common noun
_BY_NOUN_RE = re.compile(r"\s+(?:(?!by\b)[\w-]+\s+){0,3}?by\s+(?:a|an|the)\s+(?P<w1>[a-z][\w-]*)(?:\s+(?P<w2>[a-z]+)\b)?")


def passive_by_noun(text: str, end: int, right: int) -> ActorMention | None:
    """The body or person a passive's "by" phrase names by a common noun ("by a jury", "by the army"), read
    from ``end`` up to ``right``; else None."""
    m = _BY_NOUN_RE.match(text, end, right)
    if m is None:
        return None
    for group in ("w2", "w1"):   # "by a federal jury": the noun after its modifier; "by the army in": the first
        noun = m.group(group)
        if noun and noun not in _NOT_AGENTS and (noun in BODY_NOUNS or noun in ("jury", "judge", "court")
                                                 or is_person_noun(noun)):
            kind = "organisation" if noun in BODY_NOUNS else "group"
            return ActorMention(m.start(group), m.end(group), noun, noun, kind, None, None)
    return None
