"""A country's opposition or ruling party is a party, not the country: election copy opens with "Ruritania's
opposition won the most votes" or "a candidate of Ruritania's ruling party won" and names the party in the
sentences after ("The Ruritanian Democratic Party (RDP) won 31 percent"). The actor layer reads the possessive
as the country; a reader (and an annotator) takes the party named next, the country beside it as the one
the phrase names too (and so no place of the deed: "Ruritania's opposition rejected" did not happen in Ruritania
more than in its capital).

:func:`party_agents` puts that party before the country.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from newswire.processors.actor_names import ActorMention

__all__ = ["party_agents"]

# "'s right-wing opposition", "'s main opposition party", "'s ruling party", "'s governing coalition"
_SIDE_RE = re.compile(r"['’]s\s+(?:(?:main|right-wing|left-wing|centre-right|center-right|centre-left|center-left"
                      r"|conservative|liberal|nationalist|populist|divided|fragmented)\s+){0,2}"
                      r"(?:opposition(?:\s+(?:party|coalition|alliance|bloc))?|(?:ruling|governing)\s+"
                      r"(?:party|coalition|alliance|bloc))\b")
# a party's name holds a party's word: "Democratic Party (RDP)", "Freedom Movement", "Movement for Democratic Change"
_PARTY_NAME_RE = re.compile(r"\b(?:Party|Movement|Alliance|Congress|Front|Coalition|Rally|Bloc)\b")
_REACH = 900   # characters after: the sentence or two that name the party


def party_agents(text: str, mentions: Sequence[ActorMention], starts: Sequence[int],
                 agents: list[ActorMention]) -> list[ActorMention]:
    """``agents`` with a country written as the owner of its opposition or ruling party ("Ruritania's
    opposition") preceded by the first party named after it, if the story names one soon after."""
    if len(agents) != 1 or agents[0].kind != "country" or not text.startswith(("'s ", "’s "), agents[0].end):
        return agents
    side = _SIDE_RE.match(text, agents[0].end)
    if side is None:
        return agents
    i = bisect.bisect_left(starts, side.end())
    while i < len(mentions) and mentions[i].start < side.end() + _REACH:
        if mentions[i].kind in ("organisation", "group") and _PARTY_NAME_RE.search(mentions[i].name):
            return [mentions[i], agents[0]]
        i += 1
    return agents
