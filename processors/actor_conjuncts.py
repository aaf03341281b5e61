"""Verbs joined by "and" share their subject: in "Rebels seized the town, killing two guards and abducting a
nurse" or "the army said troops had killed five gunmen and arrested nine suspects", whoever did the first deed
did the second; the object of the first ("guards", "gunmen") stands right before the second verb, where a
reading of each clause alone takes it for the second verb's subject.

A noun event in the verb's adjunct ("Gunmen killed three villagers in a raid", "were killed during clashes") is
the verb's deed too: its agents are the verb's (none if the verb names none), never the verb's object; a
clash, fought by two sides, has the verb's agents and objects both as its participants.

:func:`shared_agents` gives the second verb the first one's agents, once the events of a sentence are read in
text order (``processors.scenes``).
"""

from __future__ import annotations

import re

from newswire.processors.actor_names import Actor

__all__ = ["adjunct_actors", "shared_agents", "verb_form"]

# "and", maybe "then"/"also" or an auxiliary, right before the verb: "and arrested", "and had also seized"
# (or a comma alone, in a series of deeds: "neutralised 70 gunmen, captured 11 and freed 37 hostages")
_AND_BEFORE_RE = re.compile(r"(?:,\s*(?:and\s+)?|\sand\s+)(?:(?:then|also|later|had|have|has)\s+){0,2}$")
# what starts a clause of its own between the two verbs: its verb has a subject of its own
_CLAUSE_BREAK_RE = re.compile(r"[;:\"“”]|\b(?:said|says|that|who|which|whom|when|while|after|before|as|because"
                              r"|since|until|where|but|or|were|was|are|is)\b")
_PAST_IRREGULAR = frozenset({"shot", "hit", "struck", "took", "held", "made", "sent", "fought", "caught", "stole",
                             "set", "seized", "won", "broke", "brought", "built", "led", "drove", "burnt", "freed"})


def verb_form(word: str) -> str | None:
    """"ing" for a participle, "past" for a simple past, else None: only verbs of one form are joined."""
    if not word.isalpha() or not word.islower():
        return None
    if word.endswith("ing") and len(word) > 4:
        return "ing"
    if word.endswith("ed") or word in _PAST_IRREGULAR:
        return "past"
    return None


def shared_agents(text: str, prev_end: int, prev_actors: tuple[Actor, ...], start: int, end: int,
                  actors: tuple[Actor, ...]) -> tuple[Actor, ...] | None:
    """The actors of the verb ``text[start:end]`` when "and" joins it to the verb of the same form that ends at
    ``prev_end`` in the same sentence (``prev_actors``: that verb's actors): the first verb's agents, with the
    second's own patients; None where the two are not so joined or the first has no agent."""
    if start - prev_end > 200 or _AND_BEFORE_RE.search(text, max(prev_end, start - 30), start) is None:
        return None
    between = text[prev_end:start]
    if _CLAUSE_BREAK_RE.search(between) is not None:
        return None
    agents = [a for a in prev_actors if a.relation == "agent"]
    if not agents:
        return None
    names = {a.name for a in agents}
    if {a.name for a in actors if a.relation == "agent"} == names:
        return None
    patients = [a for a in actors if a.relation == "patient" and a.name not in names]
    return (*agents, *patients)


# the noun event as the verb's adjunct: "in a raid", "during heavy clashes", "in raids"
_IN_NOUN_RE = re.compile(r"\s(?:in|during)\s+(?:(?:a|an|the|their|its)\s+)?(?:[\w-]+\s+){0,2}$")
# fought by two sides: both the verb's doer and its object took part ("killed five rebels in a firefight")
_TWO_SIDED = frozenset({"clash", "exchange"})


def adjunct_actors(text: str, prev_end: int, prev_actors: tuple[Actor, ...], start: int, end: int, kind: str,
                   actors: tuple[Actor, ...]) -> tuple[Actor, ...] | None:
    """The actors of the noun event ``text[start:end]`` (of type ``kind``) when it is the adjunct of the verb
    that ends at ``prev_end`` in the same sentence (``prev_actors``: that verb's actors), else None."""
    if start - prev_end > 120 or text.startswith((" by ", " between "), end) or not text[start:start + 1].islower():
        return None   # "in an attack by gunmen", "in clashes between X and Y": the noun names its own
    m = _IN_NOUN_RE.search(text, max(prev_end, start - 40), start)
    if m is None or " to " in m.group(0) or _CLAUSE_BREAK_RE.search(text, prev_end, m.start()) is not None \
            or any(c in text[prev_end:start] for c in "()\n"):
        return None
    verb_names = {a.name for a in prev_actors}
    own = [a for a in actors if a.name not in verb_names]   # "a raid on the depot", not the verb's object
    if kind in _TWO_SIDED:
        sides = [Actor(a.name, a.kind, a.role, a.country_code, "participant") for a in prev_actors]
        return (*sides, *own) if sides else None
    agents = [a for a in prev_actors if a.relation in ("agent", "participant")]
    if agents:
        return (*agents, *(a for a in own if a.relation == "patient"))
    return tuple(own) if len(own) < len(actors) else None   # "were killed in an ambush": no one named ambushed
