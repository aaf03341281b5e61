"""Frames that move an event's agent away from the words right before its trigger (processors.actor_frames)."""

from __future__ import annotations

from newswire.processors.actor_frames import subject_end
from tests.processors.test_actors import actors_of


def test_the_one_accused_of_a_deed_did_it():
    text = "The villagers accused the army of burning their houses on Monday."
    assert actors_of(text, "burning")[:1] == [("army", "agent")]
    text = "Kiev blamed Russian forces for shelling the power plant overnight."
    assert actors_of(text, "shelling")[:1] == [("Russian forces (Russia)", "agent")]


def test_a_time_and_a_place_between_the_subject_and_its_verb():
    text = "A judge in Lyon on Friday ordered the three men held in custody."
    assert actors_of(text, "ordered")[:1] == [("judge", "agent")]
    text = "A court in Lyon last week ordered the three men held in custody."
    assert actors_of(text, "ordered")[:1] == [("court", "agent")]
    text = "PARIS - A federal judge in Marseille late on Tuesday sentenced a former mayor to two years."
    assert actors_of(text, "sentenced")[:1] == [("judge", "agent")]
    text = "A spokesman for the group on Sunday accused the army."
    assert subject_end(text, 0, text.index("accused")) == text.index("accused")


def test_the_subject_of_a_reported_clause():
    text = "The finance ministry said the government had released 20 million euros for relief."
    assert actors_of(text, "released") == [("government", "agent")]
    text = "The Chadian army said separately that its forces had hit a rebel depot."
    assert actors_of(text, "hit")[:1] == [("Chadian army (Chad)", "agent")]
    text = "Colonel Ana Ruiz said 40 insurgents had surrendered to troops last week."
    assert actors_of(text, "surrendered")[:1] == [("insurgents", "agent")]
    text = "The ministry said 40 people were killed by gunmen."   # a passive keeps its "by"
    assert actors_of(text, "killed")[:1] == [("gunmen", "agent")]


def test_a_series_of_verbs_shares_the_subject():
    text = "Troops of the Nigerian Army killed 12 militants, arrested 30 suspects and rescued 20 hostages."
    assert actors_of(text, "arrested")[:1] == [("Nigerian Army", "agent")]
    assert actors_of(text, "rescued")[:1] == [("Nigerian Army", "agent")]
    text = ("In the west, troops of Operation Safe Haven freed 34 captives, among them 11 women, in two states, "
            "and arrested 27 suspects.")
    assert actors_of(text, "arrested")[:1] == [("Operation Safe Haven", "agent")]
    text = "Police said the man, who had stabbed two people, fled on foot."
    assert ("Police", "agent") not in actors_of(text, "fled")


def test_a_modifier_names_the_doer_of_a_noun_event():
    text = "The rebels said they had repelled an army attack on their camp."
    assert actors_of(text, "attack")[:1] == [("army", "agent")]
    text = "Villagers fled a rebel offensive near the border."
    assert actors_of(text, "offensive")[:1] == [("rebels", "agent")]


def test_the_parties_between_whom_a_noun_event_happens():
    text = "Fighting that broke out on Friday between Malian troops and Tuareg rebels has killed 30 people."
    assert actors_of(text, "Fighting") == [("Malian troops (Mali)", "participant"), ("Tuareg rebels", "participant")]
    text = "Talks between the warring parties in Geneva broke down in May."
    assert actors_of(text, "Talks") == [("warring parties", "participant")]
    text = "Talks between 10 and 20 delegates were planned."
    assert actors_of(text, "Talks") == []


def test_a_body_before_its_members_or_machines_did_it():
    text = "Navy helicopters had lifted 38 injured people to hospitals by noon."
    assert actors_of(text, "lifted")[:1] == [("navy", "agent")]
    text = "Volunteers and army teams evacuated 2,000 people from the valley."
    assert ("army", "agent") in actors_of(text, "evacuated")


def test_a_saying_verb_joined_to_the_sentences_first_verb_shares_its_subject():
    text = ("The World Health Organization said 12 people died in Chad. The agency rated the risk as high "
            "and said it had released $2 million from its reserve.")
    assert actors_of(text, "said", statement=True, nth=1) == [("World Health Organization", "agent")]
    assert actors_of(text, "released")[:1] == [("World Health Organization", "agent")]


def test_a_body_described_by_its_kind_speaks():
    text = "The central bank held rates. Separately, the treasury said it had raised 60 billion shillings."
    assert actors_of(text, "said", statement=True) == [("treasury", "agent")]


def test_a_description_before_a_countrys_name_is_no_part_of_it():
    from newswire.processors.actors import find_actors as found
    assert [a.name for a in found("Neighbouring Chad has reported 37 cases.")] == ["Chad"]
    assert [a.name for a in found("War-torn Sudan has reported 37 cases.")] == ["Sudan"]


def test_an_accusing_verb_takes_the_one_named_after_it_as_its_object():
    text = "The interim government blamed the Northern Front for the blast."
    assert actors_of(text, "blamed", statement=True)[:1] == [("interim government", "agent")]
    text = '"We will not stop," said Ana Ruiz, the mayor.'
    assert actors_of(text, "said", statement=True) == [("Ana Ruiz", "agent")]


def test_the_central_bank_is_a_body_of_its_own():
    text = "Acme Holdings cut jobs. Separately, the central bank said its reserves rose by $3 billion."
    assert actors_of(text, "said", statement=True) == [("central bank", "agent")]


def test_what_moved_is_the_noun_before_the_verb():
    from newswire.processors.actor_role_words import moved_thing
    text = "The rand rose 2 percent against the dollar."
    assert moved_thing(text, 0, text.index("rose"), []).name == "rand"


def test_observers_from_a_body_speak_for_it():
    text = "Observers from the Arab League said the vote was calm but criticised curbs on rallies."
    assert actors_of(text, "criticised", statement=True) == [("Arab League observers", "agent")]   # actor_members


def test_a_body_named_by_its_kind_after_an_opening_phrase_shares_its_verbs():
    text = "Cholera spread in March. Since then, the government has opened 23 centres and vaccinated 9,000 people."
    assert actors_of(text, "vaccinated")[:1] == [("government", "agent")]


def test_the_end_of_a_place_name_after_a_particle_is_no_actor():
    from newswire.processors.actors import find_actors as found
    names = [a.name for a in found("Testing at the National Reference Laboratory in Dar es Salaam confirmed it.")]
    assert "Salaam" not in names


def test_acronyms_of_measures_and_posts_are_no_actors():
    from newswire.processors.actors import find_actors as found
    assert found("The deficit fell to 5 percent of GDP and annual CPI rose.") == []


def test_a_body_that_owns_a_noun_event_holds_it():
    text = "Bonds rallied a week before the central bank's next rate-setting meeting."
    assert actors_of(text, "meeting")[:1] == [("central bank", "agent")]


def test_the_subject_across_a_relative_clause():
    text = "The army, which has been fighting the rebels since April, said it had retaken the town."
    assert actors_of(text, "said", statement=True) == [("army", "agent")]
    text = "Qatar and Egypt, which have mediated for months, said talks would resume."
    assert actors_of(text, "said", statement=True) == [("Qatar", "agent"), ("Egypt", "agent")]
    text = "Mensah, who won a second term last year, said the vote was fair."
    assert actors_of(text, "said", statement=True) == [("Mensah", "agent")]


def test_the_agent_of_a_passive_named_by_its_members():
    text = "The suspects were arrested by officers of the Directorate of Criminal Investigations on Friday."
    assert actors_of(text, "arrested")[:1] == [("Directorate of Criminal Investigations", "agent")]


def test_the_subject_of_an_active_clause_did_the_event_it_acted_in():
    text = "Israeli forces killed three Palestinians in a raid on the camp."
    assert actors_of(text, "raid") == [("Israeli forces (Israel)", "agent")]
    text = "Police arrested 15 suspects in a raid on a warehouse."
    assert actors_of(text, "raid") == [("police", "agent")]


def test_a_person_with_a_demonym_and_a_role_is_one_person():
    text = "President Ana Ruiz and Chinese leader Xi Jinping held talks in Lima."
    assert actors_of(text, "talks") == [("President Ana Ruiz", "agent"), ("Chinese leader Xi Jinping", "agent")]


def test_a_group_and_its_members_are_named_alike():
    assert actors_of("The ship was attacked by Houthi rebels.", "attacked")[:1] == [("Houthis", "agent")]


def test_a_passives_agent_named_by_a_common_noun():
    text = "The former governor was convicted of fraud by a federal jury in Lagos."
    assert actors_of(text, "convicted")[:1] == [("jury", "agent")]
    text = "Three villagers were killed by the army in an air strike."
    assert actors_of(text, "strike") == [("army", "agent")]


def test_diseases_dates_and_landmarks_are_no_actors_and_ngos_are_organisations():
    from newswire.processors.actors import find_actors as found
    assert found("The Black Death killed millions, and SARS spread on Jan. 1.") == []
    assert found("Teachers rallied at the Indiana Statehouse.")[0].name == "teachers"
    kinds = {a.name: a.kind for a in found("Amnesty International said 20 died. Human Rights Watch agreed.")}
    assert kinds == {"Amnesty International": "organisation", "Human Rights Watch": "organisation"}


def test_and_after_a_whole_name_starts_another_body():
    from newswire.processors.actors import find_actors as found
    names = [a.name for a in found("Amnesty International and Human Rights Watch said 20 died.")]
    assert names == ["Amnesty International", "Human Rights Watch"]
    assert [a.name for a in found("The Securities and Exchange Commission said.")] == [
        "Securities and Exchange Commission"]


def test_a_bare_plural_subject_of_a_reported_clause_and_the_media_as_speaker():
    text = "Police spokesman Femi Ade said officers had arrested three suspects."
    assert actors_of(text, "arrested")[:1] == [("officers", "agent")]
    text = "Local media reported that the dam had collapsed."
    assert actors_of(text, "reported", statement=True) == [("media", "agent")]


def test_a_name_set_off_by_an_apposition_is_the_subject():
    text = "Mwale, a former finance minister, won 51 percent of the vote."
    assert actors_of(text, "won") == [("Mwale", "agent")]
    text = "In June, the then home secretary, Ana Ruiz, formally approved the request."
    assert ("In June", "agent") not in actors_of(text, "approved")
    text = "Bamako, the capital, was hit by a blackout."
    assert actors_of(text, "hit") == []


def test_a_pair_described_stands_for_the_two_named_last():
    text = "Chad and Niger met in Niamey on Monday. The two countries last swapped prisoners in May."
    assert actors_of(text, "swapped")[:2] == [("Chad", "agent"), ("Niger", "agent")]
    text = "India and Pakistan agreed to a truce. Both sides accused each other of violations."
    assert actors_of(text, "accused", statement=True) == [("India", "agent"), ("Pakistan", "agent")]


def test_a_relative_pronouns_antecedent_the_actor_layer_did_not_take():
    text = "Storm Ana killed 60 people in 2021, while Bruno, which struck twice last year, killed 45."
    assert actors_of(text, "struck") == [("Bruno", "agent")]
    text = "The storm hit Bamako, which lost power for two days."
    assert actors_of(text, "lost") == []
