"""The trigger layer: a candidate word tried against the types its head can start finds what the whole
lexicon finds, and the lexicons' candidate regexes find the word starts their lookaround forms find, on
any text (long s, Kelvin sign, dotted capital I fold onto ASCII letters)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newswire.processors import dates, event_triggers, sentences, word_scans
from newswire.processors.document import Document
from newswire.processors.event_triggers import _ANY_TYPE, _CANDIDATES, find_triggers
from newswire.processors.extract import extract

MONDAY = dt.date(2025, 5, 12)

ODD = [
    "Rebels attacked the town on Sunday, officials said.",
    "The Kelvin sign \u212aILLED nothing; \u017fince March, \u0130n May and \u0661\u0662 days ago.",
    "ATTACKS on 3 May 2024 at 10:30 GMT; in2020, ex-attacker, re-attacked, _attack, attack_",
    "said,said;SAID--saysaid \u201cwe will strike next week\u201d, told reporters yesterday's",
    "x" * 5 + "in March" + "\u00a0" * 3 + "last year's floods killed 12, the agency reported.",
    "", "a", "In", "In M", "Jan. 5", "5", "early-March clashes", "Mid-2019 talks resumed",
]

WORDS = ["attacked", "Attack", "ATTACK", "said", "Said", "told", "reported", "on", "in", "In", "March", "May",
         "Monday", "last", "week", "yesterday", "2024", "12", "3:30", "p.m.", "the", "ceasefire", "talks",
         "killed", "bomb", "blast", "\u017fince", "\u212aill", "\u0130n", "\u0661", "strike", "since", "ago",
         "two days ago", "early", "mid", "of", "by", "from", "at", "Hamas", "Israel", "clashes", "rose",
         "on alert", "on", "withdrew", "with", "forest fires", "forecast", "for", "state of alert", "first reported",
         "air strikes", "airstrike", "cease-fire", "Cease-Fires", "pled guilty", "said", "says", "saying", "told",
         "reported", "reports", "estimated", "put", "con", "pro", "AIR RAIDS", "\u017ftate of alert", "ended",
         "truce", "took", "hostages", "fired", "rockets", "self-isolated", "rallies", "tornadoes", "tonight",
         "tomorrow", "recently", "over the weekend", "several days ago", "some weeks", "noon", "midnight",
         "three days", "ten years ago", "eleven months ago", "a few days", "a year ago", "later", "late",
         "earlier", "next", "this", "six", "\u017feven days", "EIGHT YEARS AGO", "one month ago", "weeks earlier"]
news_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=40).map(
    lambda ws: "".join(w + sep for w, sep in zip(ws, [" ", ", ", ". ", "-", "", "\n", " "] * 6)))


# where a trigger can start, by the first three letters of every alternative: what the candidates of
# ``find_triggers`` (longer literal starts) must not lose
THREE_LETTER_CANDIDATES = re.compile(
    rf"(?<!\w)(?={word_scans.trie_pattern({p.lower() for p in event_triggers.TRIGGER_PREFIXES})})", re.IGNORECASE)


def whole_lexicon(text: str, start: int, end: int) -> list[tuple[tuple[int, int], str | None]]:
    """Every word with a trigger's first three letters tried against every type, in lexicon order: what
    ``find_triggers`` must give."""
    found, last_end = [], start
    for w in THREE_LETTER_CANDIDATES.finditer(text, start, end):
        if w.start() < last_end:
            continue
        m = _ANY_TYPE.match(text, w.start(), end)
        if m:
            found.append((m.span(), m.lastgroup))
            last_end = m.end()
    return found


def scans_agree(text: str) -> None:
    for start, end in [(0, len(text)), (len(text) // 3, len(text)), (0, len(text) // 2)]:
        assert [(m.span(), m.lastgroup) for m in find_triggers(text, start, end)] == whole_lexicon(text, start, end)


def test_head_dispatch_finds_what_the_whole_lexicon_finds_on_odd_text():
    for text in ODD:
        scans_agree(text)


@settings(max_examples=300, deadline=None)
@given(news_text)
def test_head_dispatch_finds_what_the_whole_lexicon_finds(text):
    scans_agree(text)


def test_a_trigger_that_names_no_happening_leaves_the_layer():
    doc = Document("The attack was condemned. Talks on a ceasefire resumed on Monday.", MONDAY)
    assert [[(m.group(0), m.lastgroup) for m in sentence] for sentence in doc.triggers] == [
        [("attack", "attack"), ("condemned", "condemnation")],
        [("Talks", "talks"), ("resumed", "start")]]   # the ceasefire is what the talks are about


def lookaround_form(body: str, flags: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?={body})", flags)


# the time candidates as first written, one alternative a phrase: the grouped body must find the same starts
TIME_LOOKAROUND = lookaround_form(
    r"\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    r"|(?i:yesterday|today|tonight|tomorrow|recently|over the weekend|several|some (?:days|weeks|months|years)"
    r"|days earlier|weeks earlier|noon|midnight|(?:one|two|three|four|five|six|seven) days"
    r"|(?:last|next|this|earlier|later|early|late|mid)\b|a few (?:days|weeks|months|years)"
    r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven) (?:year|month)s? ago"
    r"|(?:a|one|two|three|four) weeks? ago|a day|one day"   # day anaphors (processors/time_anaphors.py)
    r"|the (?:day|night|previous|following|next|same)\b|that (?:same )?(?:day|night|morning|evening|afternoon)\b)"
    r"|(?i:in|during|since|until|by|from|of|on|at)\s"
    r"(?:[A-Z\d]|(?i:the (?:past|last|coming|weekend)|recent|early|mid|late))", 0)
VERB_LOOKAROUND = lookaround_form(word_scans.trie_pattern({v[:3] for v in sentences.SPEECH_VERBS.split("|")}),
                                  re.IGNORECASE)


def starts_agree(text: str) -> None:
    for start, end in [(0, len(text)), (len(text) // 3, len(text) - 1)]:
        # the time candidates are the lookaround's starts; the speech verbs' (whole verbs, not their first
        # three letters) find the verbs that trying every three-letter start finds
        assert [m.start() for m in dates._CANDIDATES.finditer(text, start, end)] == \
            [m.start() for m in TIME_LOOKAROUND.finditer(text, start, end)]
        assert [m.span() for m in word_scans.scan_words(sentences._VERB_RE, text, start, end,
                                                       sentences._VERB_CANDIDATES)] == \
            [m.span() for m in word_scans.scan_words(sentences._VERB_RE, text, start, end, VERB_LOOKAROUND)]


def test_word_start_regexes_find_the_starts_their_lookarounds_find():
    for text in ODD + [" ".join(WORDS), " ".join(WORDS).upper()]:
        starts_agree(text)


@settings(max_examples=300, deadline=None)
@given(news_text)
def test_word_start_regexes_find_the_starts_their_lookarounds_find_on_any_text(text):
    starts_agree(text)


@pytest.mark.parametrize("text, trigger, kind", [   # other forms of words the lexicon had (extractor 1.3.0)
    ("Police investigated the fire at the depot.", "investigated", "investigation"),
    ("Two investigations are under way.", "investigations", "investigation"),
    ("The opposition is accusing the mayor of fraud.", "accusing", "accusation"),
    ("He confessed to the robbery.", "confessed", "plea"),
    ("Divers were rescuing miners trapped underground.", "rescuing", "release"),
    ("The army is withdrawing troops from the border town.", "withdrawing", "withdrawal"),
    ("The firm completed two acquisitions in Asia.", "acquisitions", "merger"),
    ("Russia annexed the peninsula in 2014.", "annexed", "capture"),
    ("The senator assailed the plan as reckless.", "assailed", "criticism"),
    ("The court heard of his conviction for fraud.", "conviction", "trial"),
    ("The board decided to close the plant.", "decided", "decision"),
    ("Protesters blocked the main road into the capital.", "blocked", "blockade"),
    ("The jury awarded the family $2 million.", "awarded", "award"),
    ("The rebels offered a truce.", "offered", "offer"),
])
def test_inflections_of_lexicon_words_are_triggers(text, trigger, kind):
    found = [(e.trigger, e.type) for e in extract(text, MONDAY).events]
    assert (trigger, kind) in found


@pytest.mark.parametrize("text, trigger, kind", [   # the language of military, health, disaster, election news (1.4.0)
    ("Air defences intercepted two drones over the port.", "intercepted", "interception"),
    ("The army said it shot down a drone near the border.", "shot down", "interception"),
    ("Troops neutralised six militants in the raid.", "neutralised", "casualties"),
    ("The patient was admitted to hospital on Saturday.", "admitted", "hospitalization"),
    ("Two people contracted the disease last month.", "contracted", "diagnosis"),
    ("Health workers vaccinated 40,000 children.", "vaccinated", "vaccination"),
    ("Three patients recovered from the infection.", "recovered", "recovery"),
    ("The ministry recorded 12 new cases on Monday.", "recorded", "statement"),
    ("It made landfall near the port on Sunday.", "made landfall", "impact"),
    ("On Monday the rains battered the coast.", "battered", "impact"),
    ("Hundreds of tourists were stranded at the airport.", "stranded", "impact"),
    ("By Monday the outage had affected 120,000 people.", "affected", "impact"),
    ("The army retook the town on Friday.", "retook", "capture"),
    ("Turnout reached 61 percent.", "Turnout", "election"),
    ("The governor, who lost his reelection bid, spoke.", "lost", "win"),
    ("She took office in January.", "took office", "election"),
    ("Lawmakers grilled the minister for hours.", "grilled", "hearing"),
    ("The index lost 0.4% on Tuesday.", "lost", "change"),
    ("The governor pledged to rebuild the bridge.", "pledged", "statement"),
    ("A warehouse caught fire overnight.", "caught fire", "fire"),
    ("The oil spill fouled the beaches.", "oil spill", "accident"),
    ("Two hikers went missing on Sunday.", "went missing", "disappearance"),
    ("The airline filed for bankruptcy in May.", "bankruptcy", "bankruptcy"),
    ("The firm settled the lawsuit for $5 million.", "settled", "lawsuit"),
    ("Troops eliminated four militants near the border.", "eliminated", "casualties"),
])
def test_genre_vocabulary_is_triggers(text, trigger, kind):
    found = [(e.trigger, e.type) for e in extract(text, MONDAY).events]
    assert (trigger, kind) in found


def test_a_landslide_victory_is_no_disaster():
    found = [e.type for e in extract("The party won a landslide victory in the vote.", MONDAY).events]
    assert "disaster" not in found and "win" in found


@pytest.mark.parametrize("text, trigger, kind", [
    ("\u201cWe won\u2019t roll the dice on safety,\u201d the chief said.", "won", None),     # "will not"
    ("A spokesperson declined to comment on the plan.", "declined", None),           # a refusal, not a fall
    ("Shares declined 2% on Monday.", "declined", "change"),
    ("The ministry released a report on the floods.", "released", "statement"),      # a document, not captives
    ("The rebels released two hostages.", "released", "release"),
])
def test_words_read_by_what_follows_them(text, trigger, kind):
    found = {e.trigger: e.type for e in extract(text, MONDAY).events}
    assert found.get(trigger) == kind


@pytest.mark.parametrize("text, trigger, kind", [   # constructions of wire, health, disaster, military news (1.6.x)
    ("The teenager appeared before a youth court in the city on Monday.", "appeared", "hearing"),
    ("She made a short court appearance by video link.", "court appearance", "hearing"),
    ("The mayor expressed her condolences to the families.", "expressed", "statement"),
    ("The county identified nine more cases of hepatitis A.", "identified", "diagnosis"),
    ("About forty pupils were exposed to the virus in class.", "exposed", "exposure"),
    ("Firefighters pulled two children from the swollen river.", "pulled", "release"),
    ("The rescue of the climbers took two days.", "rescue", "release"),
    ("Marines conducted a night patrol along the river.", "conducted", "operation"),
    ("The navy carried out airstrikes on the depot.", "carried out airstrikes", "airstrike"),  # one happening
    ("The murder of the shopkeeper shocked the town.", "murder", "murder"),
    ("The destruction of the bridge cut the town off.", "destruction", "damage"),
    ("His ouster came after the vote.", "ouster", "dismissal"),
    ("The expulsion of the envoys followed the spying row.", "expulsion", "expulsion"),
    ("The agency advised residents to boil their water.", "advised", "statement"),
    ("Deputies responded to a call about a crash on the highway.", "responded", "response"),
    ("The state activated its emergency plan before the storm.", "activated", "mobilization"),
])
def test_constructions_of_the_unseen_news_kinds_are_triggers(text, trigger, kind):
    found = [(e.trigger, e.type) for e in extract(text, MONDAY).events]
    assert (trigger, kind) in found


@pytest.mark.parametrize("text, word", [
    ("The driver was charged with murder on Friday.", "murder"),                  # the charge, not a killing
    ("He was convicted of second-degree murder.", "murder"),
    ("He threatened to assault and murder a neighbour.", "murder"),              # a bare verb
    ("Nobody has found weapons of mass destruction there.", "destruction"),
    ("A neighbour came to the rescue with a ladder.", "rescue"),                  # an idiom
    ("Rescue services reached the village at dawn.", "Rescue"),                  # a modifier
    ("Researchers conducted a survey of 900 nurses.", "conducted"),               # no operation
    ("Troops pulled out of the town on Sunday.", "pulled"),                       # a withdrawal, not a rescue
    ("She responded to the letter within a week.", "responded"),                 # a reply, no emergency
    ("The phone activated its camera by itself.", "activated"),
])
def test_the_new_words_in_other_senses_are_no_such_event(text, word):
    found = [(e.trigger, e.type) for e in extract(text, MONDAY).events]
    assert not any(t == word for t, _ in found) and ("pulled", "release") not in found


def test_a_head_is_tried_only_against_the_alternatives_it_can_start():
    # "sai" starts "said" and "says", never "told": a type's other alternatives are left out of the head's regex
    said = event_triggers._by_head("sai")
    assert "said" in said.pattern and "told" not in said.pattern and "announced" not in said.pattern
    text = "Officials said on Monday that rebels had told residents to leave."
    assert [m.group(0) for m in find_triggers(text, 0, len(text))] == \
        [text[a:b] for (a, b), _ in whole_lexicon(text, 0, len(text))]
