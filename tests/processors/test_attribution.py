"""Who a figure is attributed to, and sentence splitting."""

import datetime as dt

import pytest

from newswire.processors.extract import extract
from newswire.processors.sentences import split_sentences

PUB = dt.date(2024, 3, 14)


def source_of(text, span):
    hits = [f for f in extract(text, PUB).figures if f.text == span]
    assert len(hits) == 1, [f.text for f in extract(text, PUB).figures]
    return hits[0].source


@pytest.mark.parametrize("text, span, source", [
    # according to X
    ("According to police, at least 30 people were killed.", "at least 30", "police"),
    ("At least 30 people were killed, according to a tally by the provincial government.", "At least 30",
     "a tally by the provincial government"),
    ("According to the National Disaster Agency (BNPB) more than 90 people died in the floods.", "more than 90",
     "the National Disaster Agency (BNPB)"),
    # X said/says/told/reported ... N
    ("The health ministry said 45 people had been killed.", "45", "The health ministry"),
    ("Police say that at least nine attackers were shot dead.", "at least nine", "Police"),
    ("The coast guard told reporters that 14 fishermen were missing.", "14", "The coast guard"),
    ("State media reported that 300 people had been arrested.", "300", "State media"),
    ("Earlier reports from the agency had said the quake was a 6.9.", "6.9", "Earlier reports from the agency"),
    ("The UN's humanitarian office (OCHA) estimated 2.1 million people need aid.", "2.1 million",
     "The UN's humanitarian office (OCHA)"),
    ("Unconfirmed reports suggest 12 soldiers were captured.", "12", "Unconfirmed reports"),
    # quote-final: ..., X said / ..., said X
    ("Twenty people were killed and 50 injured, the interior ministry said on Tuesday.", "50",
     "the interior ministry"),
    ("Twenty people were killed and 50 injured, said Colonel Ahmed Saleh.", "50", "Colonel Ahmed Saleh"),
    ("\"We have counted 87 bodies so far,\" the governor told reporters.", "87", "the governor"),
    ("\"Eighteen people have been confirmed dead,\" said a spokesman for the army.", "Eighteen",
     "a spokesman for the army"),
    # an attribution right after the number
    ("The rebels hold 58 captives, including 20 the army says are dead.", "20", "the army"),
    # no attribution
    ("At least 150 people have been killed and officials say the toll will rise.", "At least 150", None),
    ("Six people are reported to have been killed in the blast.", "Six", None),
    ("Ten hostages have been reported freed.", "Ten", None),
    ("The rebels hold 58 captives, including 20 the army says are dead.", "58", None),
])
def test_sources(text, span, source):
    assert source_of(text, span) == source


def test_pronoun_resolves_to_the_last_named_source():
    text = "The civil defence agency said 40 people had died.\n\nIt added that 120 others were injured."
    assert source_of(text, "120") == "The civil defence agency"


def test_quote_over_several_sentences_takes_the_speaker_after_it():
    text = ("\"Rescuers are still searching. They have found 31 bodies in the mud. Many more are missing,\" "
            "said the regional governor.")
    assert source_of(text, "31") == "the regional governor"


def test_split_sentences_keeps_abbreviations_and_initials():
    text = ("Police chief A.N. Roy said the U.S. Department of State was told at 3 a.m. local time. "
            "Mr. Smith agreed. \"It is over,\" he said!\nA new line starts here")
    got = [text[s.start:s.end] for s in split_sentences(text)]
    assert got == [
        "Police chief A.N. Roy said the U.S. Department of State was told at 3 a.m. local time.",
        "Mr. Smith agreed.",
        "\"It is over,\" he said!",
        "A new line starts here",
    ]


def test_paragraphs_are_numbered():
    text = "One. Two.\n\nThree.\n\n\nFour."
    assert [s.paragraph for s in split_sentences(text)] == [0, 0, 1, 2]


@pytest.mark.parametrize("text, span, source", [
    ("According to reports, the bar charges 300 rupees an hour.", "300 rupees", "reports"),
    ("Analysts who have done the calculations say exports could reach $30 billion.", "$30 billion", "Analysts"),
    # "with some reports suggesting N": the reports are named as the source, as in "Reports say N"
    ("The toll may be higher, with some reports suggesting as many as 200 died.", "as many as 200", "some reports"),
    ("The Syrian Observatory, a Britain-based monitor, said 25 fighters were killed.", "25",
     "The Syrian Observatory"),
    ("The economy added 272,000 jobs in May, the Labor Department said.", "272,000", "the Labor Department"),
    ("The virus has claimed more than 6 million lives, the agency said.", "more than 6 million", "the agency"),
])
def test_source_pitfalls(text, span, source):
    assert source_of(text, span) == source
