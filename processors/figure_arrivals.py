"""People counted by their arrival from somewhere: the way crisis news reports the displaced before anyone
names them so ("1,500 people had arrived in the town from the islands", "250 people from the village had
registered with churches in the city"). Only the population's own nouns count: delegates, tourists or fans
who arrive are not uprooted.
"""

from __future__ import annotations

import re

from newswire.processors.candidates import Candidate
from newswire.processors.sentences import Sentence

_POPULATION = frozenset({"people", "persons", "residents", "villagers", "civilians", "families", "households",
                         "inhabitants", "individuals"})
# the count's own clause: an origin ("from ...") and an arrival or a registration, in either order
_ARRIVED_RE = re.compile(r"[^.;:]{0,60}?\b(?:have|has|had)\s+(?:since\s+|now\s+|already\s+)?(?:arrived|registered)\b"
                         r"|[^.;:]{0,40}?\b(?:arrived|arriving)\s+(?:in|at)\b", re.IGNORECASE)
_FROM_RE = re.compile(r"\bfrom\s+(?:the\s+)?[\w'’-]+", re.IGNORECASE)


def arrival_category(text: str, sent: Sentence, low: str, cands: list[Candidate]) -> None:
    if "arriv" not in low and "registered" not in low:
        return
    for c in cands:
        if c.category is not None or c.noun not in _POPULATION:
            continue
        m = _ARRIVED_RE.match(text, c.end, sent.end)
        if m is None:
            continue
        clause_end = min(sent.end, m.end() + 60)
        if _FROM_RE.search(text, c.end, clause_end):
            c.category = "displaced"
