"""A group's name and its members' noun are one actor; "X-led" and "X-backed" groups are named whole."""

from __future__ import annotations

from newswire.processors.actors import find_actors


def named(text: str) -> list[tuple[str, str]]:
    return [(a.name, a.kind) for a in find_actors(text)]


def test_a_group_name_and_its_members_noun_are_one_group():
    assert [(a.name, a.written) for a in find_actors("Hezbollah fighters fired on an army post.")] == [
        ("Hezbollah", "Hezbollah fighters")]
    assert named("Maoist rebels ambushed a convoy near the border.") == [("Maoist rebels", "group")]
    assert named("Boko Haram jihadists raided the town at dawn.") == [("Boko Haram", "group")]


def test_the_state_before_its_forces_stays_the_state():
    assert named("Kenyan troops entered the town.") == [("Kenyan troops (Kenya)", "country")]


def test_led_and_backed_groups():
    assert named("The Saudi-led coalition struck the port.") == [("Saudi-led coalition", "group")]
    assert named("Iran-backed Houthi rebels seized a ship.") == [("Houthi rebels", "group")]
    assert named("Moscow-backed separatists shelled the village.") == [("Moscow-backed separatists", "group")]


def test_places_are_no_actors():
    text = "Rebels fired on a tanker in the Red Sea and struck a post at Fort Kell, the Navy said."
    assert [n for n, _ in named(text)] == ["rebels", "Navy"]
    assert "Khan Yunes" not in [n for n, _ in named("A strike hit a house in Khan Yunes on Monday.")]


def test_a_state_firing_is_the_state():
    assert ("Israel", "country") in named("Two farmers were killed by Israeli fire near the fence.")
    assert ("Russia", "country") in named("A Russian strike hit a school in the city.")


def test_a_group_that_runs_a_place_does_not_act_there():
    text = "The health ministry in Hezbollah-run Gaza said four people were hurt."
    assert [n for n, _ in named(text)] == ["health ministry"]


def test_a_party_named_before_the_lower_case_noun():
    assert ("Verde party", "organisation") in named("Brazil's ruling Verde party won the runoff.")
    assert named("The Labour party won the seat.") == [("Labour party", "organisation")]


def test_state_forces_with_a_modifier_and_unnamed_government_troops():
    assert ("Nigerian special forces (Nigeria)", "country") in named(
        "The hostages were freed by Nigerian special forces at dawn.")
    assert ("government troops", "group") in named("The town was retaken by government troops on Friday.")


def test_the_owned_body_acts_not_its_country():
    from newswire.processors.actor_roles import event_actors
    from newswire.processors.sentences import split_sentences

    text = "Sudan's paramilitary Rapid Support Forces attacked a camp on Friday, killing at least nine people."
    found = find_actors(text)
    sent = split_sentences(text)[0]
    for trigger in ("attacked", "killing"):
        at = text.index(trigger)
        agents = [a.name for a in event_actors(text, found, [a.start for a in found], sent.start, sent.end, at,
                                               at + len(trigger)) if a.relation == "agent"]
        assert agents == ["Rapid Support Forces"], trigger
