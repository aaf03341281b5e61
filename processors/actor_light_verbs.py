"""A noun event that is the object of a light verb ("separatists enforced a lockdown", "troops carried out
clearance operations", "the air force conducted an airstrike") was done by the verb's subject: the verb says
only that it happened, the noun what happened. The reading of the noun's clause alone finds no subject right
before the noun, or takes the verb's subject for it only when the subject is a name.
"""

from __future__ import annotations

import re
from typing import Callable

from newswire.processors.actor_names import Actor

__all__ = ["light_verb_actors"]

# the light verb, its article or owner, up to three modifiers (maybe quoted), right before the noun
_LIGHT_RE = re.compile(r"\b(?P<v>carried\s+out|carrying\s+out|carry\s+out|conducted|conducting|conduct|staged|staging"
                       r"|mounted|mounting|enforced|enforcing|imposed|imposing|waged|waging|stepped\s+up|launched"
                       r"|launching|began|started|intensified|executed)\s+(?:(?:a|an|the|their|its|his|her|new|fresh"
                       r"|several|two|three|joint|further)\s+){0,2}(?:[\"“]?[\w-]+[\"”]?\s+){0,3}[\"“]?$")


def light_verb_actors(text: str, sent_start: int, start: int, actors: tuple[Actor, ...],
                      verb_actors: Callable[[int, int], tuple[Actor, ...]]) -> tuple[Actor, ...] | None:
    """The actors of the noun event at ``start`` when it is the object of a light verb (``verb_actors``: the
    roles of the verb at a span): the verb's agents, with the noun's own patients; None where no light verb
    governs it, the verb names no agent, or the noun is written as a name."""
    if not text[start:start + 1].islower() and text[start:start + 1] not in "\"“":
        return None
    lo = max(sent_start, start - 60)
    if text.find("ed ", lo, start) < 0 and text.find("ing ", lo, start) < 0 and text.find(" out ", lo, start) < 0 \
            and text.find("began ", lo, start) < 0:
        return None
    m = _LIGHT_RE.search(text, lo, start)
    if m is None:
        return None
    done = verb_actors(m.start("v"), m.end("v"))
    agents = [a for a in done if a.relation == "agent"]
    if not agents:
        return None
    names = {a.name for a in done}
    return (*agents, *(a for a in actors if a.relation == "patient" and a.name not in names))
