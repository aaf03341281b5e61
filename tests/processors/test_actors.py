"""The actor layer: people with roles, organisations, groups and countries, and who did what to whom."""

from __future__ import annotations

import pytest

from newswire.processors.actor_roles import event_actors
from newswire.processors.actors import find_actors
from newswire.processors.sentences import split_sentences


def mentions(text):
    return [(a.name, a.kind, a.role, a.country_code) for a in find_actors(text)]


def actors_of(text, trigger, statement=False, nth=0):
    """The actors of the event whose trigger is the ``nth`` occurrence of ``trigger`` (the first by default)."""
    found = find_actors(text)
    starts = [a.start for a in found]
    at = -1
    for _ in range(nth + 1):
        at = text.index(trigger, at + 1)
    sentences = split_sentences(text)
    k = max(i for i, s in enumerate(sentences) if s.start <= at)
    sent = sentences[k]
    return [(a.name, a.relation) for a in event_actors(
        text, found, starts, sent.start, sent.end, at, at + len(trigger), statement=statement,
        prev_start=sentences[k - 1].start if k else None)]


def test_people_with_their_roles():
    text = ("Prime Minister Jane Okafor met Gen. Tomas Reyes. Later, French Foreign Minister Luc Marin spoke, "
            "and Okafor left.")
    assert mentions(text) == [
        ("Jane Okafor", "person", "prime minister", None),
        ("Tomas Reyes", "person", "gen", None),
        ("Luc Marin", "person", "foreign minister", "FR"),
        ("Jane Okafor", "person", "prime minister", None),   # the surname alone is the same person
    ]


def test_demonyms_name_the_state_or_a_group_of_its_country():
    text = "Kenyan troops clashed with Somali militants while Ethiopians watched."
    assert mentions(text) == [("Kenyan troops (Kenya)", "country", None, "KE"), ("Somali militants", "group", None, "SO"),
                              ("Ethiopians", "group", None, "ET")]


def test_organisations_groups_and_countries():
    text = ("The Ministry of Water and the Taliban talked to Canada and the Red Cross. "
            "The Securities and Exchange Commission and NATO agreed.")
    assert [(n, k) for n, k, _, _ in mentions(text)] == [
        ("Ministry of Water", "organisation"), ("Taliban", "group"), ("Canada", "country"),
        ("Red Cross", "organisation"), ("Securities and Exchange Commission", "organisation"), ("NATO", "group")]


def test_unnamed_institutions_speak():
    text = "The regional health commission said it. Pentagon officials said so. Israeli officials agreed."
    assert [(n, k) for n, k, _, _ in mentions(text)] == [
        ("regional health commission", "organisation"), ("Pentagon officials", "organisation"),
        ("Israeli officials (Israel)", "country")]


def test_cities_are_not_actors_but_a_capital_that_acts_speaks_for_its_country():
    assert mentions("Crowds gathered in Lyon and in Moscow.") == []
    assert mentions("Moscow rejected the offer.") == [("Russia", "country", None, "RU")]


def test_agents_and_patients():
    assert actors_of("Rebels attacked Chad on Friday.", "attacked") == [("rebels", "agent"), ("Chad", "patient")]
    # "near Peru" is a place, not a patient; the smugglers are (a common noun for people, 1.4.0)
    assert actors_of("Police arrested three smugglers near Peru.", "arrested") == [("police", "agent"),
                                                                                 ("smugglers", "patient")]
    assert actors_of("Egypt and Qatar mediated between Israel and Hamas.", "mediated") == [
        ("Egypt", "participant"), ("Qatar", "participant"), ("Israel", "participant"), ("Hamas", "participant")]


def test_a_passive_trigger_swaps_the_roles():
    assert actors_of("Two soldiers were killed by Boko Haram fighters in Borno.", "killed") == [
        ("Boko Haram", "agent"), ("soldiers", "patient")]
    assert actors_of("Nigeria was attacked by Boko Haram.", "attacked") == [
        ("Boko Haram", "agent"), ("Nigeria", "patient")]


def test_the_speaker_of_a_statement():
    assert actors_of('"We will rebuild," said Mayor Ana Ruiz.', "said", statement=True) == [("Mayor Ana Ruiz", "agent")]
    text = "Chile's president Gabriel Boric visited the mine. He said the rescue would go on."
    assert actors_of(text, "said", statement=True) == [("Gabriel Boric", "agent")]
    assert actors_of("According to Interpol, Brazil arrested him.", "arrested") == [("Brazil", "agent")]


def test_news_agencies_are_told_not_acting():
    assert actors_of("Two Hamas officials told AFP the talks had stalled.", "told", statement=True) == [
        ("Hamas officials", "agent")]
    assert actors_of("Reuters reported the deal first.", "reported", statement=True) == [("Reuters", "agent")]


def test_the_subject_of_a_participle_or_a_pronoun():
    text = "Israel ended the truce on Tuesday, launching an offensive."
    assert actors_of(text, "offensive") == [("Israel", "agent")]
    text = "Ukraine closed its border. It also suspended flights."
    assert actors_of(text, "suspended") == [("Ukraine", "agent")]


def test_a_demonym_before_a_state_body_and_a_speaker_before_an_appositive():
    assert actors_of("The Peruvian foreign ministry said the border was shut.", "said", statement=True) == [
        ("Peruvian foreign ministry (Peru)", "agent")]
    text = '"It will take years," Ana Ruiz, a planner at the World Bank, said on Monday.'
    assert actors_of(text, "said", statement=True) == [("Ana Ruiz", "agent")]


def test_a_club_or_firm_named_like_a_town_speaks_as_itself():
    text = 'Arsenal announced a new coach. Tottenham said in a statement: "Jose is the best."'
    assert actors_of(text, "said", statement=True) == [("Tottenham", "agent")]
    # the same name where it is a place, or where something is done to it, is no actor
    assert mentions("Fans gathered in Tottenham on Sunday.") == []
    assert mentions("Aleppo was shelled overnight.") == []


def test_a_small_capital_does_not_speak_for_its_country():
    # Hamilton is Bermuda's capital, but a few thousand people do not make "Hamilton urged" Bermuda
    assert mentions("Hamilton urged caution.") == []
    assert mentions("Moscow said it would respond.")[0][:2] == ("Russia", "country")


def test_an_irregular_past_tense_still_marks_a_subject():
    assert [m[:2] for m in mentions("WeWork said it would cut jobs.")] == [("WeWork", "organisation")]
    assert [m[:2] for m in mentions("Acme told staff to stay home.")] == [("Acme", "organisation")]


def test_a_title_with_of_or_for_before_a_name_is_that_persons_role():
    assert mentions("Secretary of State Mike Pompeo said the swap was welcome.") == [
        ("Mike Pompeo", "person", "secretary of state", None)]
    assert mentions("Minister for Foreign Affairs Penny Wong spoke.")[0][:3] == (
        "Penny Wong", "person", "minister for foreign affairs")
    # a title without a name after it names nobody
    assert mentions("The Secretary of State for Health said so.") == []


def test_a_surname_is_the_person_named_in_full_before_or_after_it():
    # the quote first, the full name later; and a surname that is also a town's name
    text = ('"They all bring different ideas," Clarke said on a call. Steve Clarke, a deputy head of the '
            "agency, spoke later. Ian Hamilton, an expert, agreed. Hamilton urged caution.")
    people = [(a.written, a.name, a.kind) for a in find_actors(text) if a.kind == "person"]
    assert ("Clarke", "Steve Clarke", "person") in people
    assert ("Hamilton", "Ian Hamilton", "person") in people


def test_a_one_word_name_written_in_lower_case_elsewhere_is_no_actor_but_a_name_is():
    assert "Crowds" not in [a.written for a in find_actors("Later, Crowds gathered. The crowds grew.")]
    assert "Zorvex" in [a.written for a in find_actors('Shares rose after a deal, and Zorvex said it would hire.')]


def test_a_definite_description_stands_for_the_actor_named_before():
    text = ("The Ostrel regional health commission confirmed a case on Monday. The commission said 28 contacts "
            "were isolated.")
    assert actors_of(text, "said", statement=True) == [("Ostrel regional health commission", "agent")]
    text = "Ben Varo, 56, was named coach. The 56-year-old said he was excited."
    assert actors_of(text, "said", statement=True) == [("Ben Varo", "agent")]
    text = "President Ana Ruiz signed the decree. The president said it would take effect at once."
    assert actors_of(text, "said", statement=True) == [("President Ana Ruiz", "agent")]
    # a description of a body nobody was named for is that body, as written ("committee" is what a reader knows)
    assert actors_of("The committee said it would meet.", "said", statement=True) == [("committee", "agent")]


def test_a_relative_clause_acts_for_its_antecedent():
    text = "Governor Matt Bevin, who lost his reelection bid this month, lashed out."
    assert actors_of(text, "lost") == [("Governor Matt Bevin", "agent")]


def test_a_pronoun_subject_before_the_verb_is_the_person_named_last():
    text = "Julian Assange was in the embassy for years. Police moved in after he was evicted in April."
    assert actors_of(text, "evicted") == [("Julian Assange", "patient")]


def test_a_common_noun_for_people_right_before_the_verb_is_its_actor():
    assert actors_of("But a judge ruled that he should stay in jail.", "ruled") == [("judge", "agent")]
    assert actors_of("Snipers have also shot into crowds.", "shot") == [("snipers", "agent")]
    assert actors_of("Sales rose sharply.", "rose") == []


def test_an_acronym_takes_the_name_it_abbreviates():
    text = ("Pacific Gas & Electric Co. was set to cut power. Customs and Border Protection (CBP) declined. "
            "Later CBP announced a plan, and PG&E initiated four rounds of outages.")
    names = {a.written: a.name for a in find_actors(text)}
    assert names["Customs and Border Protection (CBP)"] == "Customs and Border Protection (CBP)"
    assert "CBP" not in names and "PG&E" not in names
    assert "Pacific Gas & Electric Co. (PG&E)" in names.values()
    # the name and the acronym are one actor, named by both, whichever the text writes
    text = "The Rapid Support Forces (RSF) shelled the town. The RSF denied it. Rapid Support Forces fighters fled."
    assert {a.name for a in find_actors(text)} == {"Rapid Support Forces (RSF)"}
    # an acronym that abbreviates nothing named stays as written
    assert "WHO" in [a.name for a in find_actors("The WHO said the outbreak was over.")]


def test_a_common_noun_for_people_just_after_the_verb_is_who_it_was_done_to():
    assert ("students", "patient") in actors_of("Police evacuated hundreds of students from the campus.", "evacuated")
    assert ("hostages", "patient") in actors_of("The release of the hostages came at dawn.", "release")
    assert actors_of("The storm damaged roads across the region.", "damaged") == []


def test_authorities_placed_in_a_country_act_across_an_aside():
    text = "Authorities in eastern Peru, which borders Ecuador, imposed a curfew on Monday."
    assert actors_of(text, "imposed") == [("Peru", "agent")]


@pytest.mark.parametrize("text, trigger, group", [
    ("Hundreds of nurses marched to the parliament on Monday.", "marched", "nurses"),
    ("Several thousand farmers blocked the highway.", "blocked", "farmers"),
    ("The doctors offered to run a free clinic.", "offered", "doctors"),
    ("A suicide bomber killed nine people at a bus stop.", "killed", "bomber"),
    ("Security forces killed two militants in a gunfight.", "killed", "security forces"),
])
def test_a_common_group_that_acts_is_the_agent(text, trigger, group):
    assert (group, "agent") in actors_of(text, trigger)


def test_the_subject_of_what_is_said_is_not_the_speaker():
    text = "Ana Ruiz visited the town. She said residents should boil their water."
    assert actors_of(text, "said", statement=True)[0] == ("Ana Ruiz", "agent")


def test_said_then_a_group_and_a_time_is_an_inverted_speaker():
    assert actors_of("Two men were arrested, said police on Monday.", "said", statement=True) == [("police", "agent")]


def test_a_pronoun_before_the_verb_is_the_speaker_even_with_a_group_before():
    text = "Ana Ruiz toured the camp. Although refugees were fed, she warned that supplies were short."
    assert actors_of(text, "warned", statement=True)[0] == ("Ana Ruiz", "agent")


def test_the_ones_named_before_an_aside_and_an_auxiliary_are_the_subject():
    text = "Kevin Ode and Mary Lin, both aid workers with the Red Cross, were released on Tuesday."
    assert actors_of(text, "released") == [("Kevin Ode", "patient"), ("Mary Lin", "patient")]


def test_the_statement_speaks_for_the_body_named_before_it():
    text = "The Zenvia Relief Agency said a dam burst near Ndola. Both pilots survived, the statement said."
    found = find_actors(text)
    at = text.rindex("said")
    sentences = split_sentences(text)
    speakers = event_actors(text, found, [a.start for a in found], sentences[1].start, sentences[1].end, at, at + 4,
                            statement=True, prev_start=sentences[0].start)
    assert [a.name for a in speakers] == ["Zenvia Relief Agency"]


def test_the_statement_of_no_body_named_has_no_speaker():
    assert actors_of("Two soldiers were wounded, the statement said.", "said", statement=True) == []
