"""Figure categories by general frames of news language (``processors.figure_totals``,
``processors.figure_breakdowns``, the currency forms of ``processors.numbers``): a count over a span of months
and an outbreak report's windowless deaths are running totals; a force's own losses are its dead; shelters,
tents and nights in the open are displacement; notifications are cases; breakdowns ("Of the N deaths, M",
"Kasai (three)", "of which M") and repeated definite counts share their head's category; a vote count carries
into the next sentence's bare count; people who arrived from somewhere are displaced; amounts with letter symbols or space-grouped digits are money.

Every sentence here was invented for these tests.
"""

import datetime as dt

import pytest

from newswire.processors.extract import extract
from newswire.processors.numbers import find_numbers

PUB = dt.date(2026, 11, 30)


def _figure(text: str, span: str):
    hits = [f for f in extract(text, PUB).figures if f.text == span]
    assert len(hits) == 1, [(f.text, f.category) for f in extract(text, PUB).figures]
    return hits[0]


@pytest.mark.parametrize("text, span, category", [
    # a count over a span of months is the span's running total
    ("A monitoring group said more than 900 people were killed in the province between January and August.",
     "more than 900", "deaths_total"),
    ("Some 2,300 civilians were killed in the first nine months of the year, up from 1,900 in the same period "
     "of 2024, the group said.", "1,900", "deaths_total"),
    # an outbreak report's deaths beside its cases, with no window, are cumulative ...
    ("The cholera outbreak continues. Kasai province accounts for 612 cases and 31 deaths.", "31",
     "deaths_total"),
    ("The measles outbreak has spread to six districts with 2,100 suspected cases. Among the 48 deaths, 30 were "
     "children under five.", "30", "deaths_total"),
    # ... but a window makes them new ones
    ("The cholera outbreak continues. In week 45, 210 new cases and six deaths were reported.", "six", "killed"),
    ("So far this year, 40 dengue deaths have been confirmed, three of them in the past week.", "three",
     "killed"),
    # a disaster's dead in a text that also warns of disease stay one happening's
    ("Health officials fear a cholera outbreak. The storm killed 12 people and 30 are missing.", "12", "killed"),
    # a force's own losses are its dead
    ("The army put its own losses at 14 and said it had repelled the attack.", "14", "killed"),
    # shelters, tents, a night outdoors: displaced
    ("Officials said about 3,000 people spent the night in tents after the earthquake.", "about 3,000",
     "displaced"),
    ("Situation summary\n- People in temporary shelters: 2,410, in 18 shelters\n- Deaths: 5", "2,410",
     "displaced"),
    # notifications and the confirmed part of the cases are cases
    ("The dengue outbreak is spreading. The health ministry reported 820 new notifications of dengue this week, "
     "and 95 patients were in hospital.", "820", "cases"),
    ("Since January, 20,400 suspected dengue cases have been reported, of which 6,100 were confirmed.", "6,100",
     "cases"),
    # breakdowns share the head's category
    ("Of the 11 deaths, six were recorded on Sunday when a mudslide buried three homes.", "six", "killed"),
    ("The other deaths were recorded in Kivu (four), Ituri (two) and Tshopo (one), officials said.", "four",
     "killed"),
    # a definite count repeating an earlier one
    ("Coast guards arrested 9 smugglers at sea on Friday. The 9 smugglers surrendered after a chase.", "9",
     "detained"),
    # people who arrived or registered from somewhere are displaced (not delegates, not a race's entrants)
    ("An aid worker said about 600 people had arrived in the town from the hills since the raid.", "about 600",
     "displaced"),
    ("A priest said some 180 families from the village had registered with parishes in the city.", "some 180",
     "displaced"),
    ("About 300 delegates arrived in Nairobi from 30 countries for the summit.", "About 300", "count_other"),
    ("About 2,000 people had registered for the city marathon.", "About 2,000", "count_other"),
    # a vote count carries into the next sentence's bare count
    ("Mara won 52,310 votes, the most of any candidate. Her rival, Tom Reyes, received 41,207.", "41,207",
     "votes"),
])
def test_frames(text: str, span: str, category: str) -> None:
    hits = [f for f in extract(text, PUB).figures if f.text == span]
    assert hits, [(f.text, f.category) for f in extract(text, PUB).figures]
    assert hits[-1].category == category, [(f.text, f.category) for f in extract(text, PUB).figures]


def test_week_number_is_not_a_count() -> None:
    figures = extract("The ministry recorded 1,300 new notifications of dengue in week 45, a rise of 10%.",
                      PUB).figures
    assert all(f.category == "count_other" for f in figures if f.text == "45")


def test_share_of_a_fronted_total_stays_a_percent() -> None:
    text = ("The diphtheria outbreak has caused 900 suspected cases. Among the 40 deaths, 30 (75%) were "
            "children.")
    assert _figure(text, "75%").category == "percent"


@pytest.mark.parametrize("text, span, value, currency", [
    ("The treasury set aside R14 million for repairs.", "R14 million", 14e6, "rand"),
    ("Losses were estimated at P2.3 billion.", "P2.3 billion", 2.3e9, "pesos"),
    ("The state released RM2.5 million in aid.", "RM2.5 million", 2.5e6, "ringgit"),
    ("The agency released US$ 250 000 from its fund.", "US$ 250 000", 250_000, "dollars"),
    ("The ministry allocated 3 billion guaraníes to the campaign.", "3 billion guaraníes", 3e9, "guaranies"),
    ("The cabinet approved 12 million somoni for relief.", "12 million somoni", 12e6, "somoni"),
])
def test_money_forms(text: str, span: str, value: float, currency: str) -> None:
    toks = [t for t in find_numbers(text) if text[t.start:t.end] == span]
    assert len(toks) == 1, [(text[t.start:t.end], t.currency) for t in find_numbers(text)]
    assert toks[0].value == value and toks[0].currency == currency
    assert _figure(text, span).category == "money"


@pytest.mark.parametrize("text", [
    "Growth slowed in Q3 2025.", "The R2 road was closed.", "The P5 pupils sat exams.", "She was born in 2001 500 km away.",
])
def test_not_money(text: str) -> None:
    assert not any(t.currency for t in find_numbers(text))
