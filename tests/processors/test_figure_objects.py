"""Figure categories and sources from the wording of situation reports, disaster releases, military statements
and wire copy (``processors.figure_objects``, ``processors.categories``, ``processors.figure_sources``,
``processors.figures``, ``processors.sentences``).

Every sentence here was invented for these tests.
"""

import datetime as dt

import pytest

from newswire.processors.extract import extract

PUB = dt.date(2025, 6, 12)  # a Thursday
# a health ministry's release that names its disease once and speaks of fever and epidemiology
RELEASE = ("The Ministry of Health has urged residents to seek treatment for fever after a rise in typhoid. "
           "The ministry's epidemiology unit said the number of cases notified in May was the highest this year. ")


def figure(text, span):
    hits = [f for f in extract(text, PUB).figures if f.text == span]
    assert len(hits) == 1, [f.text for f in extract(text, PUB).figures]
    return hits[0]


@pytest.mark.parametrize("text, span, category", [
    # a health release's cases are patients though the sentence names no disease
    (RELEASE + "In April, 410 cases were recorded.", "410", "cases"),
    # a ranking names the leader its own way, the rest "with" theirs
    (RELEASE + "The capital accounts for 1,020 cases (48%), followed by Westport with 233 and Eastvale with 97.",
     "233", "cases"),
    (RELEASE + "The capital accounts for 1,020 cases (48%), followed by Westport with 233 and Eastvale with 97.",
     "97", "cases"),
    # a situation report's count of evacuees and the households they come from
    ("The number of storm evacuees in the two provinces rose to 12,400 people from 3,050 families as of 6 a.m., "
     "up from 9,800 people on Tuesday, the agency said.", "12,400", "evacuated"),
    ("The number of storm evacuees in the two provinces rose to 12,400 people from 3,050 families as of 6 a.m., "
     "up from 9,800 people on Tuesday, the agency said.", "3,050", "evacuated"),
    ("The number of storm evacuees in the two provinces rose to 12,400 people from 3,050 families as of 6 a.m., "
     "up from 9,800 people on Tuesday, the agency said.", "9,800", "evacuated"),
    # one disaster's rising toll is its own, a season's or a war's is a running total
    ("Four deaths have been recorded since the floods began on Monday.", "Four", "killed"),
    ("Since the monsoon began in June, 212 people have died.", "212", "deaths_total"),
    ("At least 75 people have died since the typhoon season began in May.", "At least 75", "deaths_total"),
    # a ranking "in recent years" is no span of years the count covers
    ("Rebels killed 35 soldiers, one of the deadliest attacks on the army in recent years.", "35", "killed"),
    # a force's losses are its dead; since its deployment they are a running total
    ("The army said it had killed 50 insurgents and lost seven of its own soldiers.", "seven", "killed"),
    ("The mission has lost more than 150 peacekeepers since it was deployed in 2013.", "more than 150",
     "deaths_total"),
    ("The party lost 12 seats in the vote.", "12", "count_other"),
    # prisoners taken, captives swapped, a state holding another's nationals
    ("The rebels said they had taken 14 government soldiers prisoner.", "14", "detained"),
    ("The two aid workers were freed in a prisoner swap for three senior militants.", "three", "detained"),
    ("Russia still holds at least 30 Georgians, according to the ombudsman.", "at least 30", "detained"),
    ("Soldiers crossed the river and held four Brazilian fishermen for several hours.", "four", "detained"),
    ("The stadium holds 40,000 fans.", "40,000", "count_other"),
    # fleeing a region; "ethnic" is a modifier of the people counted
    ("About 20,000 ethnic Albanians fled the region after the offensive.", "About 20,000", "displaced"),
    # a hospital's word for the hurt; the wounded stay wounded when they are evacuated
    ("The injured were taken to the city hospital, where three were in critical condition.", "three", "injured"),
    ("Two of the wounded soldiers were evacuated by helicopter to the capital.", "Two", "injured"),
    # a range of basis points is a rate's move
    ("Most economists were forecasting a move of 50 to 75 basis points.", "50 to 75", "percent"),
    # a toll after "one of the deaths" carries the running toll of the sentence before
    (RELEASE + "As of 3 June, a total of 14 cases, including six deaths, have been reported since the outbreak "
     "began. Four of the deaths were among children.", "Four", "deaths_total"),
])
def test_category(text, span, category):
    assert figure(text, span).category == category


@pytest.mark.parametrize("text, span, source", [
    # a relative clause between the source and its verb
    ("A nurse at the district hospital, who asked not to be named, said the ward had received 17 wounded.", "17",
     "A nurse at the district hospital"),
    # a weekday after an inverted verb is no source
    ("Nine soldiers were wounded in an ambush, the peacekeeping mission, UNMIK, said Tuesday.", "Nine",
     "the peacekeeping mission"),
    # "in which the police said"
    ("The riot followed a raid on a market, in which the police said 12 traders were arrested.", "12", "the police"),
    # a district that reports a count is where, not who
    (RELEASE + "Lakeside district reported the highest number, 140 cases.", "140", None),
    ("Officials in Lakeside district said 140 people were evacuated.", "140", "Officials in Lakeside district"),
    # "one of them" is one of the group named before; "it" the body the sentence before opened with
    ("Three officials said the raid began at dawn. One of them said 40 people were killed.", "40", "one of the officials"),
    ("The army disputed the figure. In a statement, it said 12 soldiers had been killed.", "12", "The army"),
])
def test_source(text, span, source):
    assert figure(text, span).source == source


def test_it_said_names_the_body_its_own_sentence_opens_with():
    text = "The bank's Monetary Policy Committee lowered the deposit rate to 11.5 percent, it said in a statement."
    assert figure(text, "11.5 percent").source == "The bank's Monetary Policy Committee"


def test_according_to_closing_the_figures_clause_is_its_source():
    text = ("About 2 million people have been displaced, according to the United Nations, and more than 4,000 "
            "civilians have been killed since the coup, according to a local monitoring group.")
    assert figure(text, "more than 4,000").source == "a local monitoring group"
    assert figure(text, "About 2 million").source == "the United Nations"
