"""The place an act is done to: "rebels seized Goma", "Russia attacked Ukraine", "she won Peru's run-off".

An attack, a capture, a siege or a win names its place as the verb's object, with no preposition before
it, so :func:`processors.place_names.is_locative` does not see it as a place; and the one who acts there
(Russia, the rebels) is often named in a country of its own that is not where the act happened. A place
straight after the verb (past "the") is the act's place; a possessive one ("Ukraine's Kharkiv region",
"Peru's run-off") gives the finer place it owns where it names one, else its own.

An outbreak, a flood or an election (:data:`WIDESPREAD`) spreads over a country: where its sentence,
paragraph and story give it no place, it is the country of the city the story was filed from, not that city.
"""

from __future__ import annotations

import re
from typing import Sequence

from newswire.processors.place_mentions import PlaceMention

__all__ = ["ACTS_ON_PLACES", "ATTACKED_RE", "OWNS_NEXT_RE", "WIDESPREAD", "object_place"]

# events whose verb takes the place it is done to as its object
ACTS_ON_PLACES = frozenset("""attack strike_hit airstrike capture raid shelling bombing invasion incursion occupation
siege offensive blockade win overrun""".split())
# events that spread over a country rather than happen at a spot: with no place in their sentence they are the
# country's, not the capital's the story was filed from ("KATHMANDU - ... the outbreak has spread")
WIDESPREAD = frozenset("""outbreak epidemic pandemic flood drought disaster storm election
infection spread""".split())
# verbs of attack, capture and disaster right before a place: it is used as a place ("rebels attacked Goma,
# killing ten", "the storm battered Sindh province, killing 14": the killing's place too), as after "hit"; so is
# the place a hazard is "affecting" ("the fires affecting the Maule region")
ATTACKED_RE = re.compile(r"\b(?:attacked|attacking|seized|seizing|captured|capturing|shelled|shelling|bombed|bombing"
                         r"|bombarded|raided|stormed|besieged|overran|overrun|recaptured|retook|retaken|invaded"
                         r"|invading|annexed|targeted|targeting|lashed|lashing|battered|battering|pounded|pounding"
                         r"|ravaged|devastated|flooded|inundated|rocked|jolted|shook|swept[ \t]+(?:through|across)|affecting)"
                         r"[ \t]+(?:the[ \t]+)?$")
_OBJECT_GAP_RE = re.compile(r"[ \t]+(?:the[ \t]+)?")
# "Ukraine's Kharkiv region", "the West Bank city of Jenin": the next place is the one owned, the finer
OWNS_NEXT_RE = re.compile(r"(?:'s|’s)[ \t]+(?:[a-z-]+[ \t]+){0,2}|[ \t]+(?:[a-z-]+[ \t]+){0,2}?(?:city|town|village"
                            r"|district|province|region|port|capital|enclave|area)[ \t]+of[ \t]+")


def object_place(text: str, here: Sequence[PlaceMention], end: int, contest: bool = False) -> PlaceMention | None:
    """The place of the sentence's mentions ``here`` (in text order) that is the object of the verb ending at
    ``end``, if one is; ``contest``: the verb wins or loses a race, whose body's place is its place."""
    for k, pm in enumerate(here):
        if pm.start < end or pm.start - end > 6:
            continue
        if not _OBJECT_GAP_RE.fullmatch(text, end, pm.start) or (pm.weak and not contest):
            return None   # a contest's place may name its body: "won the Ohio Senate race"
        owned = here[k + 1] if k + 1 < len(here) else None
        if owned is not None and OWNS_NEXT_RE.fullmatch(text, pm.end, owned.start):
            return owned   # "attacked Ukraine's Kharkiv region", "raided the West Bank city of Jenin"
        return pm
    return None
