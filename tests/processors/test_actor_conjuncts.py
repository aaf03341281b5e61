"""Verbs joined by "and" share their subject (processors.actor_conjuncts), and a body named in full before its
acronym in brackets is one actor named by both (processors.acronyms, processors.actors)."""

from newswire.processors.actor_conjuncts import verb_form
from newswire.processors.acronyms import bracketed_name
from newswire.processors.actors import find_actors
from newswire.processors.extract import extract


def _event_actors(text: str, trigger: str) -> list[tuple[str, str]]:
    at = text.index(trigger)
    [event] = [e for e in extract(text, None).events if e.start == at]
    return [(a.name, a.relation) for a in event.actor_details]


def test_the_second_verb_of_a_reported_clause_takes_the_first_ones_subject():
    text = "The ministry said on Monday that border guards had shot two smugglers and detained six others near the river."
    assert _event_actors(text, "detained")[0][0] == _event_actors(text, "shot")[0][0] != "smugglers"


def test_a_second_verb_with_a_subject_of_its_own_keeps_it():
    text = "Rebels attacked the depot on Friday and soldiers repelled them after a long fight."
    assert ("soldiers", "agent") in _event_actors(text, "repelled")


def test_only_verbs_of_one_form_are_joined():
    assert verb_form("detained") == verb_form("shot") == "past"
    assert verb_form("abducting") == "ing"
    assert verb_form("Attack") is None and verb_form("attack") is None


def test_a_name_with_a_place_inside_is_defined_by_its_acronym():
    text = "The United Nations Relief Mission in Eastern Atlantis (UNRMEA) condemned the raid."
    assert bracketed_name(text, text.index("("), "UNRMEA") == (4, "United Nations Relief Mission in Eastern Atlantis")


def test_an_acronym_kept_from_the_bodys_own_language_still_defines_its_name():
    text = "The Executive Secretariat of the National Commission for Flood Relief (SE-CONFLOR) issued a warning."
    found = bracketed_name(text, text.index("("), "SE-CONFLOR")
    assert found is not None and found[1].endswith("National Commission for Flood Relief")


def test_a_party_after_a_persons_name_defines_nothing():
    text = "Senator Jane Okafor (APC) said the vote was rigged."
    assert bracketed_name(text, text.index("("), "APC") is None


def test_the_pieces_of_a_defined_name_are_one_actor_named_with_its_acronym():
    text = "The Caspian Institute of Geology and Mining (CIGM) reported a rise in output. Later CIGM said more."
    names = {a.name for a in find_actors(text)}
    assert names == {"Institute of Geology and Mining (CIGM)"} or names == {"Caspian Institute of Geology and Mining (CIGM)"}


def test_bare_troops_are_the_states_force_named_before():
    text = ("The Chadian army said on Monday it had repelled an attack on a post near the lake. "
            "According to the statement, troops also seized 40 rifles.")
    assert _event_actors(text, "seized")[0][0] == "Chadian army (Chad)"


def test_a_force_named_by_its_owner_is_the_state():
    text = "Mali's army said it had pushed back the attackers. Troops later seized a truck full of fuel."
    assert _event_actors(text, "seized")[0][0] == "Mali"


def test_the_forces_and_the_army_are_the_force_named_before():
    text = ("The Armed Forces of Malawi said on Monday that a patrol had met smugglers near the border. "
            "The forces clashed with the group for an hour.")
    assert _event_actors(text, "clashed")[0][0] == "Armed Forces of Malawi"


def test_the_army_is_no_rebel_force_named_before():
    text = ("The Rapid Response Forces (RRF) said they had taken the town. "
            "A spokesman for the group accused the army of shelling homes.")
    assert "Rapid Response Forces (RRF)" not in [a[0] for a in _event_actors(text, "shelling")]


def test_the_army_is_the_states_army_named_before():
    text = ("The Ghanaian army deployed 300 soldiers to the north on Monday. "
            "Residents said the army shelled the hills overnight.")
    assert _event_actors(text, "shelled")[0][0] == "Ghanaian army (Ghana)"


def test_the_army_after_a_states_troops_stays_the_army():
    text = ("Ghanaian troops were deployed to the north on Monday. "
            "Residents said the army shelled the hills overnight.")
    assert _event_actors(text, "shelled")[0][0] == "army"


def test_another_sides_soldiers_stay_theirs():
    text = ("The Chadian army said on Monday it had repelled an attack on a post near the lake. "
            "Rebel soldiers looted a market on Tuesday.")
    assert _event_actors(text, "looted")[0][0] != "Chadian army (Chad)"


def test_defendants_acquitted_were_acquitted_by_the_court_named_before():
    text = ("A High Court in Kisumu on Monday sentenced three clerks to eight years in prison for fraud. "
            "Two other clerks were acquitted for lack of evidence.")
    assert _event_actors(text, "acquitted")[0][0] == "High Court in Kisumu"


def test_a_court_is_named_with_the_seat_the_story_gives():
    text = ("A Ruritanian court on Monday sentenced three clerks to eight years in prison for fraud. "
            "The court in Velmar heard 40 witnesses.")
    assert "Velmar" in _event_actors(text, "sentenced")[0][0]


def test_clashes_between_described_rival_groups_name_them():
    text = "Clashes between rival armed groups in the capital have killed at least nine people, officials said."
    assert ("rival armed groups", "participant") in _event_actors(text, "Clashes")


def test_the_speaker_after_a_role_owned_by_a_body_is_the_person():
    text = '"Exports are holding up," said Zentro Bank\'s chief economist, Mara Ilves.'
    assert _event_actors(text, "said") == [("Mara Ilves", "agent")]


def test_a_run_of_capitals_ends_with_its_sentence():
    text = "The fire spread fast, said District Officer Tomas Vell. He said nine homes burned."
    assert {a.written for a in find_actors(text)} == {"District Officer Tomas Vell"}


def test_the_army_is_the_state_whose_military_the_story_named():
    text = ("Chad's military said troops had repelled an attack on Friday. Rebels ambushed a patrol on Sunday. "
            "The army said it had arrested five suspects.")
    assert _event_actors(text, "arrested")[0] == ("Chad", "agent")


def test_a_body_in_a_clause_of_its_own_after_the_verb_did_not_say_it():
    text = ("Nine people died in the floods, a district official said on Monday, while the Red Cross put the toll "
            "at seven.")
    assert _event_actors(text, "said")[0][0] != "Red Cross"


def test_our_forces_in_a_release_are_the_force_that_issues_it():
    text = ('The Chadian army said on Monday it had cleared two islands. "Our forces neutralised 20 gunmen, '
            'captured four others and freed nine hostages," the spokesman said.')
    assert _event_actors(text, "neutralised")[0] == ("Chadian army (Chad)", "agent")
    assert _event_actors(text, "captured")[0] == ("Chadian army (Chad)", "agent")
    assert _event_actors(text, "freed")[0] == ("Chadian army (Chad)", "agent")


def test_a_noun_event_in_the_verbs_adjunct_has_the_verbs_agent_not_its_object():
    text = "Bandits killed four farmers in a raid on a hamlet near the river on Tuesday."
    actors = _event_actors(text, "raid")
    assert ("bandits", "agent") in actors or ("Bandits", "agent") in actors
    assert all(name != "farmers" for name, _ in actors)


def test_a_noun_event_after_a_passive_verb_has_no_agent_from_its_object():
    text = "Six guards were killed in an ambush on the highway late on Sunday."
    assert all(name != "guards" for name, _ in _event_actors(text, "ambush"))


def test_a_clash_in_the_verbs_adjunct_is_fought_by_its_doer_and_its_object():
    text = "Soldiers killed five rebels in a firefight near the border on Friday."
    names = {name for name, _ in _event_actors(text, "firefight")}
    assert "rebels" in names and len(names) == 2
