"""The scene of a conflict story: where the lede puts its happening.

A story of an attack, a raid, an army operation or a disaster is filed from the capital ("BAMAKO -") but happens at a
town or a province the lede names ("ambushed a convoy near Tessit", "a sweep of rebel camps in the
Tillaberi region"), or the next sentence names where the lede says only "a town in the north" (the inverted
pyramid, ``processors.place_lead``). The follow-up acts of the same fighting that name no place of their
own ("the army said it killed 20 in counterattacks", "troops freed 30 hostages") happened at that scene,
not in the capital the story was filed from nor across the whole country: a scene in the dateline's
country (a story filed from abroad, "GENEVA -", may set its fight beside other places it names).

So too a town of the dateline's country that a sentence names though not after "in" ("Tarvos has been cut
off for weeks", :func:`town_named`): the sentence is about that town, not about the capital it was filed
from. A town of another country ("tremors were felt as far as the capital of the neighbour", "Washington
replied") is not the happening's place, nor is a capital named for its government abroad.
"""

from __future__ import annotations

from typing import Protocol, Sequence

from newswire.processors.gazetteer import Place
from newswire.processors.place_lead import finer_in_next_sentence, is_wide
from newswire.processors.place_mentions import PlaceMention
from newswire.processors.place_names import ORG_HEADS

__all__ = ["SCENE_KINDS", "lede_scene", "town_named"]


# acts of fighting and of security operations: they happen at the scene of the story's fighting (so do the
# fighters' surrender, the arson of a raid, "the attackers burned 30 houses", and troops sent to the area); so
# do a disaster's follow-ups that name no place ("the quake struck at a depth of 10 km", "aftershocks followed",
# "at least 20 people died", "homes were destroyed", "families were evacuated"): at the lede's scene, not the desk
SCENE_KINDS = frozenset("""attack clash capture offensive airstrike raid strike_hit bombing explosion shelling
kidnapping blockade withdrawal operation ambush counterattack recapture siege incursion release arrest
surrender fire mobilization earthquake flood storm disaster casualties damage displacement evacuation
impact""".split())


class SceneLayer(Protocol):
    """What :func:`lede_scene` and ``place_home`` read of :class:`processors.places.ArticlePlaces` (a
    Protocol, as that module imports these)."""

    text: str
    lede: int
    dateline: PlaceMention | None

    def in_sentence(self, index: int) -> list[PlaceMention]: ...

    def resolved(self, pm: PlaceMention | None) -> Place | None: ...

    def sentence_of(self, pos: int) -> int: ...


def lede_scene(places: SceneLayer, kind: str | None) -> PlaceMention | None:
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
        scene = next((pm for pm in finer if not is_wide(text, pm)), finer[0])
    else:
        scene = finer_in_next_sentence(text, strong[0], places.in_sentence(places.lede + 1), places.resolved)
    home = places.dateline.place if places.dateline is not None else None
    held = places.resolved(scene) if scene is not None else None
    return scene if home is not None and held is not None and held.country_code == home.country_code else None


def town_named(here: Sequence[PlaceMention], dateline: PlaceMention | None, at: int) -> PlaceMention | None:
    """The town of the dateline's country nearest ``at`` among the sentence's mentions ``here`` (not an
    organisation's name that holds a town's, "the Central Bank")."""
    home = dateline.place if dateline is not None else None
    if home is None:
        return None
    towns = [pm for pm in here if not pm.weak and pm.place is not None and pm.place.kind == "city"
             and pm.place.country_code == home.country_code and pm.text.rsplit(None, 1)[-1] not in ORG_HEADS]
    return min(towns, key=lambda pm: abs(pm.start - at)) if towns else None
