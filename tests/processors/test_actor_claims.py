"""A group that claims responsibility for an attack is the attack's actor, beside the anonymous "gunmen" the
earlier sentences wrote (processors.actor_claims); a name with Arabic articles or translated from another
language, defined by its acronym in brackets, is one actor and the subject of the verb after it
(processors.acronyms)."""

from newswire.processors.acronyms import bracketed_name
from newswire.processors.extract import extract


def _event(text: str, trigger: str):
    at = text.index(trigger)
    return next(e for e in extract(text, None).events if e.start <= at < e.end)


CLAIMED = ("Gunmen attacked a police station in the east of Ruritania on Tuesday, killing four officers, "
           "officials said. The assailants fled on motorbikes before reinforcements arrived.\n\n"
           "The Ruritanian Liberation Front claimed responsibility for the attack in a statement on Wednesday.")


def test_the_group_that_claims_the_attack_is_its_actor():
    event = _event(CLAIMED, "attacked")
    assert "Ruritanian Liberation Front" in event.actors
    assert "gunmen" in event.actors   # the noun the sentence wrote stays beside it


def test_no_claim_no_group():
    text = CLAIMED.replace("The Ruritanian Liberation Front claimed",
                           "No group has claimed").replace(" in a statement on Wednesday", "")
    text += " The Ruritanian Liberation Front is active in the area."
    assert "Ruritanian Liberation Front" not in _event(text, "attacked").actors


def test_a_claim_names_no_attack_told_after_it():
    text = CLAIMED + "\n\nIn March, gunmen attacked a bus on the road to the capital."
    at = text.rindex("attacked")
    event = next(e for e in extract(text, None).events if e.start == at)
    assert "Ruritanian Liberation Front" not in event.actors


def test_a_name_with_arabic_articles_is_defined_by_its_acronym():
    text = "The group Harakat Nasr al-Din wal-Watan (HNDW) claimed responsibility on Friday."
    assert bracketed_name(text, text.index("("), "HNDW") == (10, "Harakat Nasr al-Din wal-Watan")


def test_a_translated_name_with_other_initials_is_defined_and_is_the_claimant():
    text = ("Militants ambushed an army convoy near the border on Monday, killing six soldiers.\n\n"
            "The Movement for the Defence of the Homeland (JNDW) claimed responsibility for the ambush.")
    assert bracketed_name(text, text.index("(J"), "JNDW")[1] == "Movement for the Defence of the Homeland"
    claimed = _event(text, "claimed")
    assert "Movement for the Defence of the Homeland (JNDW)" in claimed.actors


def test_the_attackers_are_also_the_attackers_the_lede_described():
    text = ("Suspected separatist fighters stormed a village in the west of Malawi on Sunday, killing six people. "
            "Residents said the attackers burned 30 houses before leaving.")
    actors = _event(text, "burned").actors
    assert "attackers" in actors and "suspected separatist fighters" in actors


def test_the_attackers_with_no_lede_description_stay_the_noun():
    text = "Six people were killed on Sunday. Residents said the attackers burned 30 houses before leaving."
    assert _event(text, "burned").actors == ("attackers",)
