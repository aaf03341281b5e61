"""The scene of a conflict story: where the lede puts its happening.

A story of an attack, a raid or an army operation is filed from the capital ("BAMAKO -") but happens at a
town or a province the lede names ("ambushed a convoy near Tessit", "a sweep of rebel camps in the
Tillaberi region"), or the next sentence names where the lede says only "a town in the north" (the inverted
pyramid, ``processors.place_lead``). The follow-up acts of the same fighting that name no place of their
own ("the army said it killed 20 in counterattacks", "troops freed 30 hostages") happened at that scene,
not in the capital the story was filed from nor across the whole country.
"""

from __future__ import annotations

from typing import Protocol

from newswire.processors.gazetteer import Place
from newswire.processors.place_lead import finer_in_next_sentence, is_wide
from newswire.processors.place_mentions import PlaceMention

__all__ = ["SCENE_KINDS", "lede_scene"]


# acts of fighting and of security operations: they happen at the scene of the story's fighting
SCENE_KINDS = frozenset("""attack clash capture offensive airstrike raid strike_hit bombing explosion shelling
kidnapping blockade withdrawal operation ambush counterattack recapture siege incursion release arrest""".split())


class _Layer(Protocol):
    """What :func:`lede_scene` reads of :class:`processors.places.ArticlePlaces`."""

    text: str
    lede: int

    def in_sentence(self, index: int) -> list[PlaceMention]: ...

    def resolved(self, pm: PlaceMention | None) -> Place | None: ...


def lede_scene(places: _Layer, kind: str | None) -> PlaceMention | None:
    """For an act of fighting (``kind``), the finest place the lede puts its happening at, made exact by the
    next sentence where the lede names only a country; None for other acts, or where the lede names no place
    used as a place."""
    if kind not in SCENE_KINDS:
        return None
    text = places.text
    strong = [pm for pm in places.in_sentence(places.lede) if pm.locative and not pm.weak]
    if not strong:
        return None
    finer = [pm for pm in strong if pm.place is None or pm.place.kind != "country"]
    if finer:   # a town, or a province the operation covers (not the base it set out from, named next)
        return next((pm for pm in finer if not is_wide(text, pm)), finer[0])
    return finer_in_next_sentence(text, strong[0], places.in_sentence(places.lede + 1), places.resolved)
