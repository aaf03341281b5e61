"""General news wording the extractor learned beyond the first dev articles (extractor 1.1.0).

Every sentence here was written for these tests in the style of wire copy; none comes from an
evaluation article.
"""

import datetime as dt

import pytest

from newswire.processors.extract import extract

PUB = dt.date(2024, 3, 14)  # a Thursday


def figure(text, span, published=PUB):
    hits = [f for f in extract(text, published).figures if f.text == span]
    assert len(hits) == 1, [f.text for f in extract(text, published).figures]
    return hits[0]


def event(text, trigger, published=PUB):
    hits = [e for e in extract(text, published).events if e.trigger == trigger]
    assert hits, [e.trigger for e in extract(text, published).events]
    return hits[0]


@pytest.mark.parametrize("text, span, category", [
    # a multi-word name before the counted noun
    ("Three European Union election observers were injured when their car hit a mine.", "Three", "injured"),
    ("Two United Nations peacekeepers have been killed in an ambush, the mission said.", "Two", "killed"),
    # diagnosis and infection verbs
    ("Four people were diagnosed with cholera after the floods, the ministry said.", "Four", "cases"),
    ("Officials said 15 people who contracted the virus are in isolation.", "15", "cases"),
    # power cuts
    ("The utility cut power to some 80,000 homes and businesses as the storm approached.", "some 80,000",
     "affected"),
    ("Crews began restoring electricity on Sunday to 45,000 customers.", "45,000", "affected"),
    # the number of people affected
    ("Officials raised the number of people affected by the drought to 2.1 million.", "2.1 million", "affected"),
    ("The number of confirmed cases climbed to 1,240, the agency said.", "1,240", "cases"),
    # bodies, hospitals, "N of the injured"
    ("The bodies of 23 migrants were recovered from the sea.", "23", "killed"),
    ("Doctors treated 64 people for burns after the blast.", "64", "injured"),
    ("Nine people remain in hospital after the crash.", "Nine", "injured"),
    ("Two of the injured were airlifted to the capital.", "Two", "injured"),
    # prisoners held by a government
    ("The rebels released four soldiers in exchange for 12 fighters held by the government.", "12", "detained"),
    # a weekday before the number is not a name
    ("Police said Tuesday 14 people had died in the fire.", "14", "killed"),
    # a verb after the number is not the counted noun
    ("The utility lowered the number of customers who could lose power to about 90,000 based on new forecasts.",
     "about 90,000", "affected"),
])
def test_categories(text, span, category):
    assert figure(text, span).category == category


@pytest.mark.parametrize("text, span, value, value_max", [
    ("Officials want $30-40 billion in new investment.", "$30-40 billion", 30e9, 40e9),
    ("The fund will grow to between 2 and 3 million euros.", "between 2 and 3 million euros", 2e6, 3e6),
])
def test_range_shares_the_scale(text, span, value, value_max):
    f = figure(text, span)
    assert (f.value, f.value_max, f.qualifier) == (value, value_max, "range")


@pytest.mark.parametrize("text, span, unit", [
    ("The company was fined CHF 1.2 billion.", "CHF 1.2 billion", "francs"),
    ("The state will spend INR 450 crore on flood defences.", "INR 450 crore", "rupees"),
    ("The deal is worth 5 billion Swedish kronor.", "5 billion Swedish kronor", "kronor"),
    ("Parliament approved a budget of KSh 3.6 trillion.", "KSh 3.6 trillion", "shillings"),
])
def test_more_currencies(text, span, unit):
    f = figure(text, span)
    assert (f.category, f.unit) == ("money", unit)


@pytest.mark.parametrize("text, span, source", [
    # an opening phrase shares the attribution of its clause
    ("In addition to the two deaths on Monday, the regional governor said 40 people were hurt.", "two",
     "the regional governor"),
    # gerund and forecast verbs
    ("Casualties could be higher, with local reports suggesting up to 60 were killed.", "up to 60",
     "local reports"),
    ("Analysts polled by the agency were expecting growth of 2.4 percent.", "2.4 percent",
     "Analysts polled by the agency"),
    ("Looking ahead, the retailer sees full-year sales growth of 3 percent.", "3 percent", "the retailer"),
    # a time phrase is not part of the source
    ("The minister last week revealed plans to cut 4,000 jobs, or 12 percent of the workforce.", "12 percent",
     "The minister"),
    # the agent of a passive
    ("The ministry disputed the 3,000 deaths reported by the monitoring group in its latest update.", "3,000",
     "the monitoring group"),
    # acronyms are not clause words
    ("The WHO said on Monday that 1,500 people had died of cholera.", "1,500", "The WHO"),
    # "X, a spokesman for Y, told Reuters": Reuters heard it, X said it
    ("Ahmed Ali, a spokesman for the relief agency, told Reuters that 12,000 people had fled.", "12,000",
     "Ahmed Ali"),
    # a quotation continuing an attributed one
    ("\"It was a terrible night,\" said Maria Lopez, a nurse at the clinic. \"We treated 40 people before dawn.\"",
     "40", "Maria Lopez"),
])
def test_sources(text, span, source):
    assert figure(text, span).source == source


@pytest.mark.parametrize("text, span", [
    # a measured thing is not a source
    ("The quake measured 6.4 on the Richter scale.", "6.4"),
    # "an initial estimate", "the number of confirmed cases": nouns and adjectives, not speech verbs
    ("Officials revised the figure down from an initial estimate of 9,000 people affected.", "9,000"),
    ("The number of confirmed cases rose to 312.", "312"),
])
def test_not_sources(text, span):
    assert figure(text, span).source is None


@pytest.mark.parametrize("text, trigger, date", [
    # the date of a statement is not the date of what it reports
    ("A bus crash killed 14 people in the north, the ministry said in a statement on Wednesday.", "crash", None),
    ("A bus crash killed 14 people in the north, the ministry said in a statement on Wednesday.", "said in a statement",
     "2024-03-13"),
    # a date written as a trigger's modifier belongs to it alone
    ("Troops withdrew from the region months after the March 2 bombings.", "bombings", "2024-03-02"),
    ("Troops withdrew from the region months after the March 2 bombings.", "withdrew", None),
    # a date before the statement, across a comma, is what was said
    ("Demonstrators took to the streets on 9 March, the rights group said on Tuesday.", "said", "2024-03-12"),
    # a month for an economic change is the statistic's period, and the change's date, "last month" included
    ("Retail sales fell 2 percent last month.", "fell", "2024-02"),
    # "since January" is a starting point
    ("The WHO said 1,500 people had died of cholera since January.", "died", None),
])
def test_event_dates(text, trigger, date):
    assert event(text, trigger).date == date


@pytest.mark.parametrize("text, trigger, kind", [
    ("The rebels swapped two captured pilots for 40 prisoners.", "swapped", "exchange"),
    ("Her death was confirmed by the hospital.", "death", "casualties"),
    ("A fight broke out on the platform.", "fight", "clash"),
    ("Officers were able to apprehend the driver.", "apprehend", "arrest"),
    ("The company disclosed the breach on Friday.", "disclosed", "statement"),
    ("Cases first appeared in the region in August.", "first appeared", "start"),
    ("The utility began shutting off power to 200,000 homes.", "began shutting off", "outage"),
    ("Floodwaters cut off the main road.", "Floodwaters", "flood"),
    ("The challenger conceded on Sunday night.", "conceded", "concession"),
    ("The central bank cut interest rates by half a point.", "cut", "decision"),
])
def test_new_triggers(text, trigger, kind):
    assert event(text, trigger).type == kind
