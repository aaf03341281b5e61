"""Figures: kinds, categories, qualifiers, ranges, anchors and what is not a figure.

Every sentence here was written for these tests in the style of wire copy.
"""

import datetime as dt

import pytest

from newswire.processors.extract import extract

PUB = dt.date(2024, 3, 14)  # a Thursday


def figures(text, published=PUB):
    found = extract(text, published).figures
    for f in found:
        assert text[f.start:f.end] == f.text
    return found


def figure(text, span):
    """The one figure whose text is exactly ``span``."""
    hits = [f for f in figures(text) if f.text == span]
    assert len(hits) == 1, [f.text for f in figures(text)]
    return hits[0]


@pytest.mark.parametrize("text, span, value, category, qualifier", [
    # casualties, with the casualty word after the number
    ("At least 41 people were killed when the bus plunged into a ravine.", "At least 41", 41, "killed", "at_least"),
    ("Officials said 12 soldiers and three civilians died in the ambush.", "three", 3, "killed", None),
    ("More than 200 were wounded in the clashes, medics said.", "More than 200", 200, "injured", "more_than"),
    ("Nine miners remain missing after the flooding of the shaft.", "Nine", 9, "missing", None),
    ("Some 8,000 residents have been displaced by the fighting.", "Some 8,000", 8000, "displaced", "about"),
    ("Nearly 1,500 villagers were evacuated as the river rose.", "Nearly 1,500", 1500, "evacuated", "about"),
    ("Up to 40 migrants are feared dead after the boat capsized.", "Up to 40", 40, "killed", "up_to"),
    ("Police said 35 protesters were arrested outside parliament.", "35", 35, "detained", None),
    ("Gunmen kidnapped 287 pupils from a boarding school in the north.", "287", 287, "hostages", None),
    ("The storm has affected more than 400,000 people across the delta.", "more than 400,000", 400000,
     "affected", "more_than"),
    # casualty word before the number
    ("The car bomb killed 17 people and wounded 42 others at a market.", "17", 17, "killed", None),
    ("The car bomb killed 17 people and wounded 42 others at a market.", "42", 42, "injured", None),
    ("Troops evacuated about 300 families from the border villages.", "about 300", 300, "evacuated", "about"),
    ("The attack led to the deaths of 64 civilians, the report found.", "64", 64, "killed", None),
    # counted nouns
    ("Rescue teams recovered 24 bodies from the collapsed hotel.", "24", 24, "killed", None),
    ("The rebels still hold 19 hostages in the jungle camp.", "19", 19, "hostages", None),
    ("The ministry reported 1,245 new cases of cholera on Monday.", "1,245", 1245, "cases", None),
    ("She won 12.3 million votes in the first round.", "12.3 million", 12_300_000, "votes", None),
    ("Candidates need at least 270 electoral votes to win.", "at least 270", 270, "votes", "at_least"),
    # tolls and inheritance
    ("The death toll from the floods has risen to 143, the agency said.", "143", 143, "killed", None),
    ("The toll from the collapse stands at 61.", "61", 61, "killed", None),
    ("The death toll from the civil war has risen to 14,300, the agency said.", "14,300", 14300, "deaths_total", None),
    ("The strike killed at least 27 people, including 11 children.", "11", 11, "killed", None),
    ("Rebels freed 17 hostages but still hold at least 40.", "at least 40", 40, "hostages", "at_least"),
    ("Two soldiers were killed and one was wounded by the mine.", "one", 1, "injured", None),
    ("One of the wounded later died in hospital.", "One", 1, "killed", None),
    ("Police said one of the gunmen was taken into custody.", "one", 1, "detained", None),
    # money, percent, magnitude, duration
    ("The World Bank approved a $1.5 billion loan for the reconstruction.", "$1.5 billion", 1.5e9, "money", None),
    ("The budget includes nearly $4bn for defence.", "nearly $4bn", 4e9, "money", "about"),
    ("The government will spend 4.5 trillion yen on the package.", "4.5 trillion yen", 4.5e12, "money", None),
    ("Profits rose to €1.2bn in the first half.", "€1.2bn", 1.2e9, "money", None),
    ("Inflation slowed to 3.2% in February.", "3.2%", 3.2, "percent", None),
    ("The party took 48.2 per cent of the vote.", "48.2 per cent", 48.2, "percent", None),
    ("Turnout fell to 59 percent, the lowest since records began.", "59 percent", 59, "percent", None),
    ("A magnitude 7.1 earthquake struck off the coast.", "7.1", 7.1, "magnitude", None),
    ("A 7.8-magnitude quake hit the border region.", "7.8", 7.8, "magnitude", None),
    ("The tremor measured 5.9 on the Richter scale.", "5.9", 5.9, "magnitude", None),
    ("A 4.6 aftershock rattled the capital an hour later.", "4.6", 4.6, "magnitude", None),
    ("Seismologists said the quake was a 6.4.", "6.4", 6.4, "magnitude", None),
    ("The two sides agreed a 45-day truce.", "45", 45, "duration", None),
    ("He was sentenced to 10 years in prison.", "10", 10, "duration", None),
    ("Talks must conclude within 48 hours.", "within 48", 48, "duration", "up_to"),
    ("Four hours later the fire was under control.", "Four", 4, "duration", None),
    # other counts
    ("Rescuers pulled 14 survivors from the rubble.", "14", 14, "count_other", None),
    ("The army deployed around 3,000 troops and 200 tanks.", "around 3,000", 3000, "count_other", "about"),
    ("As many as 50,000 houses were destroyed, leaving families homeless.", "As many as 50,000", 50000,
     "count_other", "up_to"),
    ("The airline cut 1,200 jobs this year.", "1,200", 1200, "count_other", None),
])
def test_figure(text, span, value, category, qualifier):
    f = figure(text, span)
    assert f.value == pytest.approx(value)
    assert f.category == category
    assert f.qualifier == qualifier


@pytest.mark.parametrize("text, span, qualifier", [
    ("At least 20 people died.", "At least 20", "at_least"),
    ("No fewer than 1,000 mourners attended.", "No fewer than 1,000", "at_least"),
    ("No less than six people were killed.", "No less than six", "at_least"),
    ("More than 300 were hurt.", "More than 300", "more_than"),
    ("Over 300 were hurt.", "Over 300", "more_than"),
    ("In excess of 5,000 people fled.", "In excess of 5,000", "more_than"),
    ("Nearly 70,000 people live in the town.", "Nearly 70,000", "about"),
    ("Almost 70,000 people live in the town.", "Almost 70,000", "about"),
    ("About 80 people were evacuated.", "About 80", "about"),
    ("Around 80 people were evacuated.", "Around 80", "about"),
    ("Some 80 people were evacuated.", "Some 80", "about"),
    ("Approximately 80 people were evacuated.", "Approximately 80", "about"),
    ("Roughly 80 people were evacuated.", "Roughly 80", "about"),
    ("An estimated 80 people were evacuated.", "An estimated 80", "about"),
    ("Fewer than 100 people voted.", "Fewer than 100", "less_than"),
    ("Less than 100 people voted.", "Less than 100", "less_than"),
    ("Under 100 people voted.", "Under 100", "less_than"),
    ("Up to 40 people drowned.", "Up to 40", "up_to"),
    ("As many as 40 people drowned.", "As many as 40", "up_to"),
    ("No more than 40 people drowned.", "No more than 40", "up_to"),
    ("Between 300 and 400 fighters were captured.", "Between 300 and 400", "range"),
    ("Twenty or more people were injured.", "Twenty or more", "at_least"),
])
def test_qualifiers(text, span, qualifier):
    assert figure(text, span).qualifier == qualifier


def test_range_between():
    f = figure("Between 300 and 400 fighters were captured on Friday.", "Between 300 and 400")
    assert (f.value, f.value_max, f.category) == (300, 400, "detained")


def test_range_from_to_without_a_change_verb():
    f = figure("The jobless rate ranged from 3.9 percent to 4.1 percent over the year.", "3.9 percent to 4.1 percent")
    assert (f.value, f.value_max, f.qualifier, f.category) == (3.9, 4.1, "range", "percent")


def test_range_with_hyphen():
    f = figure("Witnesses said 10-15 gunmen took part.", "10-15")
    assert (f.value, f.value_max) == (10, 15)


def test_from_to_after_a_change_verb_gives_two_figures():
    found = figures("Officials raised the number of dead from 87 to 112 after searching the site.")
    assert [(f.value, f.value_max, f.category) for f in found] == [(87, None, "killed"), (112, None, "killed")]


def test_by_to_is_a_change_not_a_range():
    found = figures("The central bank raised its rate by 0.25 percentage points to 5.5 percent.")
    assert [(f.value, f.qualifier) for f in found] == [(0.25, None), (5.5, None)]


@pytest.mark.parametrize("text, not_figures", [
    ("The ceasefire collapsed on October 7, 2023, after 48 days.", ["7", "2023"]),
    ("Fighting resumed on 7 October and again on March 18.", ["7", "18"]),
    ("In 2022 the economy shrank, unlike in the 1990s.", ["2022", "1990"]),
    ("The quake struck at 3:32 a.m. local time and a second at 10 p.m.", ["3", "32", "10"]),
    ("The gunman, aged 34, was a 29-year-old's brother.", ["34", "29"]),
    ("The suspect, 34, fired six shots.", ["34"]),
    ("His father, 45, was among the dead.", ["45"]),
    ("It was the 3rd attack this month and the second in a week.", ["3", "second"]),
    ("Shells hit posts 542 and 543 near the border.", ["542", "543"]),
    ("Flight 370 vanished with the crew.", ["370"]),
    ("Resolution 2334 was adopted; the G20 met; an AK-47 was found; see table A-1.", ["2334", "20", "47", "1"]),
    ("The epicentre was 95 kilometres (60 miles) from Rome at a depth of 10 km.", ["95", "60", "10"]),
    ("Winds of 200 km/h and waves of 5 metres hit the coast.", ["200", "5"]),
    ("For details call 0800 555 0199.", ["0800", "555", "0199"]),
    ("No one was hurt and the two sides blamed one another.", ["one"]),
    ("One day, she said, it will be one of the most visited sites.", ["One", "one"]),
    ("The talks will last one week, with one saying progress was made.", ["one"]),
    ("Nearly two-thirds of residents left.", ["two"]),
    ("The Category 4 hurricane and the Boeing 737 were in the news.", ["4", "737"]),
    ("The team won 3-1 on Sunday.", ["3", "1"]),
    ("COVID-19 returned and 24/7 coverage began with version 1.2.3.", ["19", "24", "7", "1.2"]),
])
def test_not_figures(text, not_figures):
    spans = [f.text for f in figures(text)]
    for number in not_figures:
        assert not any(number in s.split() or s == number or s.endswith(" " + number) for s in spans), spans


def test_decimal_values_and_separators():
    found = figures("The index fell 2.75 percent to 12,480.5 points.")
    assert [f.value for f in found] == [2.75, 12480.5]


def test_figure_inside_a_sentence_has_its_offsets():
    text = "First sentence here. Then 12 people were killed in the raid."
    (f,) = figures(text)
    assert text[f.sentence_start:f.sentence_end] == "Then 12 people were killed in the raid."


def test_units():
    text = "The blast killed 12 people and destroyed 40 homes, costing $3 million."
    assert [f.unit for f in figures(text)] == ["people", "homes", "dollars"]


@pytest.mark.parametrize("text, span, phrase, kind, date", [
    ("At least 2,000 people have been killed since the offensive began, the ministry said.", "At least 2,000",
     "since the offensive began", "since", None),
    ("The outbreak has infected 3,000 people since January, officials said.", "3,000", "since January", "since",
     "2024-01"),
    ("As of Monday, 412 people were still missing.", "412", "As of Monday", "as_of", "2024-03-11"),
    ("Employment rose by 252,000 in February.", "252,000", "February", "as_of", "2024-02"),
    ("Some 1,900 cases have been confirmed so far this year.", "Some 1,900", "so far this year", "as_of", "2024"),
])
def test_anchors(text, span, phrase, kind, date):
    f = figure(text, span)
    assert (f.anchor_phrase, f.anchor_kind, f.anchor_date) == (phrase, kind, date)


def test_death_toll_since_before_the_number():
    text = ("At least 500 people have been killed since the truce ended, bringing the overall death toll since "
            "the war began to 9,300.")
    f = figure(text, "9,300")
    assert (f.category, f.anchor_phrase) == ("deaths_total", "since the war began")


def test_cases_need_a_health_context():
    assert figure("The court will rule on two cases against the company.", "two").category == "count_other"
    assert figure("Officials confirmed two cases of measles in the county.", "two").category == "cases"


def test_money_alternatives_are_not_a_range():
    found = figures("Estimates put his fortune at $12 million or $6 million.")
    assert [(f.value, f.value_max) for f in found] == [(12e6, None), (6e6, None)]


def test_word_numbers_joined_by_or_are_a_range():
    f = figure("Two or three people were hurt.", "Two or three")
    assert (f.value, f.value_max, f.category) == (2, 3, "injured")


@pytest.mark.parametrize("text, span, category", [
    ("Among the dead were 12 children, hospital staff said.", "12", "killed"),
    ("The government ordered the evacuation of 10,000 people from the coast.", "10,000", "evacuated"),
    ("The fire forced 3,000 residents to evacuate.", "3,000", "evacuated"),
    ("The storm left 2 million homes without power.", "2 million", "count_other"),
    ("The storm left 2 million people without power.", "2 million", "affected"),
    ("A magnitude-6.8 quake struck the island.", "6.8", "magnitude"),
    ("The UN says 1.7 million people, or 75 percent of the population, have been displaced.", "1.7 million",
     "displaced"),
    ("The number of people killed rose to 300 on Friday.", "300", "killed"),
    ("The quake left at least 11 people dead and over 50,000 without shelter.", "over 50,000", "displaced"),
])
def test_more_categories(text, span, category):
    assert figure(text, span).category == category


@pytest.mark.parametrize("text, span, category, source", [
    ("Some 3.7 million Ukrainians remain internally displaced, the migration agency estimated in a report "
     "released on October 15.", "Some 3.7 million", "displaced", "the migration agency"),
    ("\"Two children are among the injured,\" the governor wrote.", "Two", "injured", "the governor"),
    # a count since the whole happening began is a cumulative toll (the gold rule: "have died since ... began")
    ("The UN says more than 11,700 civilians have been killed since the invasion began.", "more than 11,700",
     "deaths_total", "The UN"),
])
def test_wire_sentences(text, span, category, source):
    f = figure(text, span)
    assert (f.category, f.source) == (category, source)


@pytest.mark.parametrize("text, span, category", [
    ("Three pro-Morales demonstrators were killed in clashes with police.", "Three", "killed"),
    ("In addition to the three fatalities, 30 people were injured.", "three", "killed"),
    ("The toll may be higher, with reports suggesting as many as 200 have been killed.", "as many as 200",
     "killed"),
    ("The death toll of 150 is expected to rise.", "150", "killed"),
])
def test_toll_and_noun_pitfalls(text, span, category):
    assert figure(text, span).category == category


def test_era_years_and_age_of_are_not_figures():
    assert figures("The kingdom lasted from 860 BC to 590 BC; the actor died at the age of 96.") == ()


def test_a_since_clause_takes_the_date_an_earlier_sentence_gives_the_happening():
    text = ("The rebels broke the truce on February 2, starting a new offensive in the north. "
            "Fighting that began on 9 June 2021 has since spread. "
            "Medics said on Tuesday that 640 people have died since the rebels renewed their campaign, "
            "and that 12,400 have been killed since the conflict erupted.")
    assert figure(text, "640").anchor_date == "2024-02-02"       # campaign ~ offensive, and "starting"
    assert figure(text, "12,400").anchor_date == "2021-06-09"    # conflict ~ fighting, and "began"


def test_a_since_clause_with_nothing_to_refer_to_stays_undated():
    text = "Officials said 90 people have been evacuated since the river burst its banks."
    f = figure(text, "90")
    assert (f.anchor_kind, f.anchor_date) == ("since", None)


def test_as_of_is_the_day_the_source_gave_the_figure():
    text = ("Health officials said on Tuesday that 31 people had died. "
            "Another 200 were in hospital. "
            "\n\nA week later 14 more were found.")
    assert figure(text, "31").as_of_date == "2024-03-12"
    assert figure(text, "200").as_of_date == "2024-03-12"      # the same paragraph carries it
    assert figure(text, "14").as_of_date == "2024-03-12"       # and the next one
    assert figure("As of Monday, 412 people were still missing.", "412").as_of_date == "2024-03-11"
    assert figure("No one has said when 77 homes burned.", "77").as_of_date is None


@pytest.mark.parametrize("text, span, category", [
    # the words that govern the number, not only the noun beside it
    ("Nine were detained after the march.", "Nine", "detained"),
    ("Guards apprehended 4 intruders near the gate.", "4", "detained"),
    ("Troops neutralised 6 gunmen in the forest.", "6", "killed"),
    ("Commandos eliminated 3 fighters at dawn.", "3", "killed"),
    ("The regime freed 61 prisoners under the amnesty.", "61", "detained"),
    ("Clinics have logged 18 confirmed cases.", "18", "cases"),
    ("So far 95 cases have been confirmed in the province.", "95", "cases"),
    ("Eleven were killed in the ambush on the convoy.", "Eleven", "killed"),
    ("People killed in the blast included 5 children.", "5", "killed"),
    ("Two guards were taken to hospital.", "Two", "injured"),
    ("Some 800 families lost their homes in the landslide.", "Some 800", "displaced"),
    ("Floods forced 6,000 villagers to leave their homes.", "6,000", "displaced"),
    ("The insurgents said 14 soldiers were taken prisoner.", "14", "hostages"),
    ("About 30 people were held for questioning.", "About 30", "detained"),
    ("The rebels hold 9 engineers captive.", "9", "hostages"),
    # a death count is a cumulative toll only where the text says so
    ("The virus has killed 640 people in total.", "640", "deaths_total"),
    ("A total of 71 people have died of the fever this season.", "71", "deaths_total"),
    ("Since April, 212 people have died of hunger.", "212", "deaths_total"),
    ("Some 500 people have died since the epidemic began.", "Some 500", "deaths_total"),
    ("The fighting killed 19 people on Friday.", "19", "killed"),
    ("Another 25 people have been killed since the army renewed its push.", "25", "killed"),
    ("Two more died overnight, bringing the toll to 31.", "Two", "killed"),
    ("Some 80 have died since the siege began, bringing the overall toll to 400.", "Some 80", "killed"),
])
def test_categories_from_the_governing_words(text, span, category):
    assert figure(text, span).category == category


def test_a_share_going_from_one_level_to_another_is_two_figures():
    text = "The plan lifts the average yield of the panels from 21% to 30%."
    assert [(f.text, f.qualifier) for f in figures(text)] == [("21%", None), ("30%", None)]


def test_a_change_and_a_level_are_never_one_range():
    text = "Silver gained 0.4% to $31.20 an ounce."
    assert [(f.text, f.category) for f in figures(text)] == [("0.4%", "percent"), ("$31.20", "money")]


@pytest.mark.parametrize("text, span, qualifier", [
    ("The bank may raise up to $4bn (£3.1bn) in the sale.", "£3.1bn", "up_to"),   # a conversion says the same
    ("Buyers may take up to an additional 12 percent of the stock.", "12 percent", "up_to"),
    ("Each fund gets the maximum 5 percent allowed.", "5 percent", "up_to"),
    ("The county paid just short of $90,000 for the study.", "$90,000", "about"),
])
def test_more_qualifiers(text, span, qualifier):
    (f,) = [f for f in figures(text) if span in f.text]
    assert f.qualifier == qualifier


def test_cases_in_a_text_about_a_disease_are_patients_even_where_the_sentence_does_not_say():
    text = ("Measles is spreading in the north. The outbreak began in a school.\n\n"
            "By Friday there were 14 cases in three towns.")
    assert figure(text, "14").category == "cases"
    assert figure("The firm faces 14 cases in three courts.", "14").category == "count_other"


@pytest.mark.parametrize("text, span, category", [
    ("Between 2001 and 2010 the fever caused 900 deaths.", "900", "deaths_total"),   # a span of years
    ("In recent years the region saw 12 deaths from the fever.", "12", "deaths_total"),
    ("Doctors confirmed 3 diagnoses of the fever.", "3", "cases"),
    ("Some 20,000 people were without internet after the storm.", "Some 20,000", "affected"),
])
def test_more_governing_words(text, span, category):
    assert figure(text, span).category == category


def test_phone_numbers_are_not_figures():
    text = ("Relatives can call the hotline on (020) 7946 0958 or +254 20 272 3456, police said, after 14 people "
            "died. Call 0800 555 1234 today.")
    assert [f.text for f in extract(text, None).figures] == ["14"]
