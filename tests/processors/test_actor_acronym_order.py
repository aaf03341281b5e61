"""A body's name translated from its own language keeps the acronym's letters in another order; the name it
defines is the shortest one holding them (processors.acronyms), and the body's later uses of the acronym are
that body named by both."""

from newswire.processors.acronyms import bracketed_name
from newswire.processors.extract import extract


def test_a_translated_name_ending_in_the_acronyms_initial_is_still_defined():
    text = "Units of the Ruritanian Popular Guard (GPR) seized a depot."
    assert bracketed_name(text, text.index("("), "GPR") == (13, "Ruritanian Popular Guard")


def test_a_long_translated_name_is_defined_by_most_of_its_letters():
    text = "The National Flood Warning and Relief Office (ONARIF) issued an alert."
    found = bracketed_name(text, text.index("("), "ONARIF")
    assert found is not None and found[1] == "National Flood Warning and Relief Office"


def test_a_sub_body_before_the_defined_name_is_not_part_of_it():
    text = "The High Command of the Ruritanian Land Forces (FTR) said on Monday that its units had withdrawn."
    found = bracketed_name(text, text.index("("), "FTR")
    assert found is not None and found[1] == "Ruritanian Land Forces"


def test_the_acronym_used_later_names_the_body_in_full():
    text = ("Units of the Ruritanian Popular Guard (GPR) patrolled the border. "
            "On Monday, a detachment of the GPR arrested 12 smugglers near the river.")
    at = text.index("arrested")
    [event] = [e for e in extract(text, None).events if e.start == at]
    assert "Ruritanian Popular Guard (GPR)" in event.actors
