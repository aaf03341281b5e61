"""The clause-structure helpers of ``processors.actor_clauses`` on their own, over the actor layer's mentions."""

from newswire.processors.actor_clauses import (appositive_chain, inverted_speaker, last_named, nearest_group,
                                               objects_after_asides, owned)
from newswire.processors.actors import find_actors


def layer(text):
    mentions = find_actors(text)
    return mentions, [a.start for a in mentions]


def names(mentions):
    return [a.name for a in mentions]


def test_an_appositive_chain_walks_back_over_each_aside():
    text = "Tom Askew, a former envoy, and Mary Pole, an aide, testified on Monday."
    mentions, starts = layer(text)
    assert names(appositive_chain(text, mentions, starts, 0, text.index("testified"))) == ["Tom Askew", "Mary Pole"]


def test_no_chain_without_an_aside_before_the_verb():
    text = "Tom Askew and Mary Pole testified on Monday."
    mentions, starts = layer(text)
    assert appositive_chain(text, mentions, starts, 0, text.index("testified")) == []


def test_an_inverted_speaker_needs_a_comma_or_a_quote_before_the_verb():
    quoted = '"We are ready," said Mary Pole.'
    mentions, starts = layer(quoted)
    at = quoted.index("said")
    assert inverted_speaker(quoted, mentions, starts, 0, at, at + 4).name == "Mary Pole"
    plain = "Officials said Mary Pole resigned."
    mentions, starts = layer(plain)
    at = plain.index("said")
    assert inverted_speaker(plain, mentions, starts, 0, at, at + 4) is None


def test_an_owner_before_the_one_it_owns_leaves_the_group():
    text = "Ann Vole's Lunar Freight and Tom Askew"
    mentions, _ = layer(text)
    assert names(owned(text, mentions)) == ["Lunar Freight", "Tom Askew"]


def test_nearest_group_joins_a_list_with_and():
    text = "Israel, Egypt and Qatar met."
    mentions, _ = layer(text)
    assert names(nearest_group(text, mentions, True)) == ["Israel", "Egypt", "Qatar"]


def test_objects_after_asides_follow_and_across_each_aside():
    text = "They questioned Tom Askew, a specialist, and Mary Pole, an aide, on Monday."
    mentions, starts = layer(text)
    first = next(a for a in mentions if a.name == "Tom Askew")
    assert names(objects_after_asides(text, mentions, starts, first, len(text))) == ["Mary Pole"]


def test_last_named_stays_in_the_paragraph_for_a_body_and_reaches_back_for_a_person():
    text = "Mary Pole met the Vandor Mining Company.\n\nIts offer and his reply came on Monday."
    mentions, starts = layer(text)
    at = text.index("Its")
    assert last_named(text, mentions, starts, at, person=False) is None
    assert last_named(text, mentions, starts, at, person=True).name == "Mary Pole"


def test_a_common_noun_that_goes_on_with_a_verb_after_said_is_no_inverted_speaker():
    text = "Maj. Ana Ruiz, commander of the 4th Brigade, said the troops were ready."
    found = find_actors(text)
    at = text.index("said")
    assert inverted_speaker(text, found, [a.start for a in found], 0, at, at + 4) is None
