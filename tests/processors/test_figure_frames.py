"""Categories from the frame a figure sits in, and sources that a clause or a count is not
(``processors.figure_frames``, ``processors.figure_sources``).

Every sentence here was written for these tests in the style of wire copy, health bulletins, disaster
releases, military statements, election and economy reports.
"""

import datetime as dt

import pytest

from newswire.processors.extract import extract

PUB = dt.date(2025, 6, 12)  # a Thursday
OUTBREAK = "The mpox outbreak in the region is spreading, the health ministry said. "


def figure(text, span):
    hits = [f for f in extract(text, PUB).figures if f.text == span]
    assert len(hits) == 1, [f.text for f in extract(text, PUB).figures]
    return hits[0]


@pytest.mark.parametrize("text, span, category", [
    # a verb of adding up: every figure of the list after "to" belongs to the running total
    (OUTBREAK + "It logged 40 new cases and three deaths, bringing the overall total since the outbreak began on "
     "9 March to 1,210 cases and 33 deaths.", "33", "deaths_total"),
    (OUTBREAK + "It logged 40 new cases and three deaths, bringing the overall total since the outbreak began on "
     "9 March to 1,210 cases and 33 deaths.", "three", "killed"),
    # a date inside the toll phrase is no count standing between the toll and its figure
    ("Eleven people died on Monday, raising the death toll since the rains began on 3 July to 140.", "140",
     "deaths_total"),
    # "the number of people killed ... since" is the running toll; a patients' number counts cases
    (OUTBREAK + "Five more died, pushing the number of people killed by the virus since Jan. 1 to 98.", "98",
     "deaths_total"),
    (OUTBREAK + "The number of patients admitted since Jan. 1 rose to 2,044.", "2,044", "cases"),
    ("The number of people who have died in the landslides has risen to 27, officials said.", "27", "killed"),
    ("The tally of fatalities climbed to 203 on Thursday.", "203", "killed"),
    # a disease's deaths over a whole past outbreak, season or year are its toll
    (OUTBREAK + "During the 2019-2020 outbreak, more than 9,000 cases and over 300 deaths were recorded.",
     "over 300", "deaths_total"),
    (OUTBREAK + "Last year the country logged 12,500 cases and 211 deaths.", "211", "deaths_total"),
    (OUTBREAK + "Experts fear a repeat of 2017, when a record 480 people died.", "480", "deaths_total"),
    # ... but not a day's deaths, nor what a happening did, nor named people's deaths
    (OUTBREAK + "This year 14 new deaths were recorded in the past 24 hours.", "14", "killed"),
    (OUTBREAK + "Two health workers died of the disease in March 2023.", "Two", "killed"),
    (OUTBREAK + "A pandemic in 1918 killed an estimated 50 million people.", "an estimated 50 million", "killed"),
    (OUTBREAK + "Doctors decried the deaths of at least four children during the 2018 season.", "at least four",
     "killed"),
    # an inverted partitive names the category before the figure
    (OUTBREAK + "Among the confirmed cases are three nurses at a clinic.", "three", "cases"),
    ("Among those arrested were four soldiers and a judge.", "four", "detained"),
    # the parts of a count of cases
    (OUTBREAK + "A total of 12 cases, eight confirmed and four probable, have been reported.", "eight", "cases"),
    (OUTBREAK + "A total of 12 cases, eight confirmed and four probable, have been reported.", "four", "cases"),
    # gapping: a bare number after the same preposition as a counted figure
    (OUTBREAK + "The capital is the worst-hit district with 400 cases, followed by Kasama with 210 and Mansa "
     "with 98.", "210", "cases"),
    (OUTBREAK + "The capital is the worst-hit district with 400 cases, followed by Kasama with 210 and Mansa "
     "with 98.", "98", "cases"),
    # "Of them, N": the sentence before gives the category
    (OUTBREAK + "A further 900 patients were hospitalised. Of them, 350 were admitted in the capital.", "350",
     "cases"),
    # counted nouns and verbs beyond the shared lexicon
    ("The monitors recorded 150 incidents, including 12 killings of journalists.", "12", "killed"),
    ("The army rescued 20 abductees, among them 5 women and 3 children.", "20", "hostages"),
    ("The army rescued 20 abductees, among them 5 women and 3 children.", "3", "hostages"),
    ("The fighting has uprooted more than 2 million people.", "more than 2 million", "displaced"),
    ("About 3,000 families, or roughly 15,000 people, fled towards the border.", "About 3,000", "displaced"),
    ("About 3,000 families, or roughly 15,000 people, fled towards the border.", "roughly 15,000", "displaced"),
    ("A storm left about 20,000 households without power, the utility said.", "about 20,000", "affected"),
    ("Police said 14 suspected car thieves had been detained.", "14", "detained"),
    ("Officials said rescuers had pulled 120 stranded people to safety.", "120", "evacuated"),
    ("Rescuers pulled the bodies of a man, his wife and five of their children from the ruins.", "five", "killed"),
    ("The ministry said 230 people had been treated for injuries.", "230", "injured"),
    # the suspects of a story that told of arrests are the detained, unless let go
    ("Police arrested 30 people on Monday. Nine of the suspects are foreign nationals.", "Nine", "detained"),
    ("Police arrested 30 people on Monday. Eight of the suspects were later released on bail.", "Eight",
     "count_other"),
    # a bare amount measured against a sum, or listed after shares, is one too
    ("The treasury raised 60 billion shillings from a bond sale, against a target of 50 billion.", "50 billion",
     "money"),
    ("Of those polled, 71 percent backed the plan, 18 percent opposed it and 11 were undecided.", "11",
     "percent"),
    ("Inflation eased to 4.1 percent in May, and 12 banks failed.", "12", "count_other"),
    # an abbreviated name between the number and its noun
    ("Two U.S. service members were wounded in the attack.", "Two", "injured"),
    # a participle opens a new clause: the casualty word after it does not reach back
    ("The storm destroyed 1,200 homes and damaged 4,500 others, leaving 18,000 people homeless.", "4,500",
     "count_other"),
    ("Hospitals have admitted 340 people with injuries.", "340", "injured"),
    # a bare number with an adverb of degree is a part of the casualty count before it
    ("A further 130 people were wounded, 25 critically.", "25", "injured"),
    ("The death toll from last week's earthquake has climbed past 1,000.", "1,000", "killed"),
    # people in need: food insecure, cut off from water
    ("An estimated 3.2 million people are food insecure.", "An estimated 3.2 million", "affected"),
    ("The cyclone left 250,000 people without access to clean water.", "250,000", "affected"),
    # a toll since a truce or a season is a running toll
    ("Since the truce took effect in October, 380 people have been killed.", "380", "deaths_total"),
    ("Israeli fire has killed 120 Palestinians since the ceasefire, medics said.", "120", "deaths_total"),
    # a figure among a casualty count named after it; remains are of the dead
    ("Twelve civilians were among the 30 people killed.", "Twelve", "killed"),
    ("Two journalists were among those detained.", "Two", "detained"),
    ("The remains of 12 people were found in a mass grave.", "12", "killed"),
    ("Twelve protesters were rounded up by police.", "Twelve", "detained"),
    ("Twelve families were relocated to a government shelter.", "Twelve", "evacuated"),
    # "in the building" is no participle between the list and its verb
    ("Twelve soldiers and three civilians in the building were killed.", "Twelve", "killed"),
    ("Two suspects fled into the forest after the raid, police said.", "Two", "count_other"),
    ("Some 4,000 villagers fled into the forest after the raid.", "Some 4,000", "displaced"),
])
def test_category_from_frame(text, span, category):
    assert figure(text, span).category == category


@pytest.mark.parametrize("text, span, source", [
    # a count is not who confirmed it
    (OUTBREAK + "A total of 12 cases, eight confirmed and four probable, have been reported.", "12", None),
    # but a number of people who said it is who said it
    ("Gunmen attacked a market on Sunday, killing at least 14 traders, three police officers said.", "at least 14",
     "three police officers"),
    # "according to" ends where a circumstance begins; a longer name is kept whole
    ("Perez took 52.6 percent of the vote, according to preliminary results from the electoral council with "
     "98 percent of ballots counted.", "52.6 percent", "preliminary results from the electoral council"),
    ("Floods killed 900 people, according to a joint assessment by the government and international lenders.",
     "900", "a joint assessment by the government and international lenders"),
    ("Perez won 41 percent, according to people familiar with the count.", "41 percent",
     "people familiar with the count"),
    # a poll or a cited body gave the figure
    ("Prices rose 1.5%, above the 1.2% forecast in a Reuters poll of 20 economists.", "1.2%",
     "a Reuters poll of 20 economists"),
    ("Support for the plan stood at 41% in a survey by the institute, the paper said.", "41%",
     "a survey by the institute"),
    ("The party said the official data understated inflation, citing the independent research group's estimate "
     "of 55%.", "55%", "the independent research group"),
    # "Kano and Kaduna states" are places, not a speaker; a clause is no speaker
    ("Troops arrested eight bandits in Kano and Kaduna states and freed 17 hostages.", "17", None),
    # (the speaker before an apposition, not the clause after the verb)
    ("Briefing reporters, the spokesman, Colonel Ade Bello, said troops also rescued 31 kidnapped persons.", "31",
     "the spokesman"),
    ("The bank cut its rate to 8.75 percent, saying inflation was expected to stay low.", "8.75 percent", None),
    # a neighbour is named without its position
    (OUTBREAK + "Neighbouring Zambia has reported 37 cases, the WHO said.", "37", "Zambia"),
    # claiming a deed is not giving its figure
    ("The group claimed responsibility for the bombing, which killed 18 people.", "18", None),
    ("The group claimed that 40 soldiers were killed.", "40", "The group"),
    # a quantity before "reported" is no reporter
    (OUTBREAK + "The cumulative number of cases reported in 2025 is 4,567.", "4,567", None),
])
def test_source(text, span, source):
    assert figure(text, span).source == source
