"""A country's opposition or ruling party is the party the story names next, not the country alone
(processors.actor_parties); a party's leader after its acronym in brackets is an aside ("The Unity Party (UP)
led by Ana Ruiz won": the party won)."""

from newswire.processors.extract import extract


def _actors(text: str, trigger: str) -> tuple[str, ...]:
    at = text.index(trigger)
    return next(e for e in extract(text, None).events if e.start <= at < e.end).actors


def test_a_countrys_opposition_is_the_party_named_next():
    text = ("Malawi's main opposition won the most seats in Tuesday's parliamentary election, results showed. "
            "The Lakeshore Freedom Party (LFP) took 61 of the 193 seats.")
    assert _actors(text, "won")[0] == "Lakeshore Freedom Party (LFP)"


def test_a_countrys_opposition_with_no_party_named_stays_the_country():
    text = "Malawi's opposition rejected the results on Friday, saying the count was flawed."
    assert _actors(text, "rejected") == ("Malawi",)


def test_a_country_that_acts_itself_is_no_party():
    text = ("Malawi rejected the report on Friday. The Lakeshore Freedom Party (LFP) welcomed it.")
    assert _actors(text, "rejected") == ("Malawi",)


def test_the_leader_after_a_partys_acronym_is_an_aside():
    text = "The Lakeshore Freedom Party (LFP) led by former minister Ana Banda won 31 percent of the vote."
    assert _actors(text, "won") == ("Lakeshore Freedom Party (LFP)",)
