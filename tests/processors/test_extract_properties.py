"""Property test: the extractor never raises and always reports valid spans and finite values.

Inputs are arbitrary text and mutations of news sentences (spliced, cut, with characters inserted).
The stages are called directly as well, so an exception is found even though ``extract`` would
swallow it.
"""

import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newswire.processors.document import Document
from newswire.processors.events import find_events
from newswire.processors.extract import extract
from newswire.processors.figures import find_figures
from newswire.processors.sentences import split_sentences

SENTENCES = [
    "According to police, at least 151 people were killed and over 300 wounded on Sunday.",
    "The health ministry said 2,720 people have been killed since the offensive began, bringing the toll to 52,829.",
    "A magnitude 6.3 earthquake struck at 3:32 a.m. local time; a 4.8 aftershock followed.",
    "\"We counted 87 bodies,\" the governor told reporters on March 18.",
    "Inflation ranged from 3.9 percent to 4.1 percent, while $2bn (€1.8bn) was pledged.",
    "Between 125 and 149 people, including one of the attackers, were detained in a 45-day operation.",
    "Rebels freed Ten hostages but still hold 40; posts 542 and 543 were shelled by AK-47 fire.",
    "No one was hurt. The 34-year-old, aged 34, fled 95 km (60 miles) on 7 October 2023 at 10 p.m.",
]

pieces = st.one_of(
    st.sampled_from(SENTENCES),
    st.text(max_size=60),
    st.text(alphabet="0123456789,.$%€- \n\"'()abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", max_size=60),
    st.sampled_from(["\n\n", " ", "\"", "“", "”", "(", ")", ",", ".", "-", "–", "$", "%", "\u00a0", "\u202f",
                     " at least ", " between ", " and ", " from ", " to ", " said ", " according to ",
                     " since ", " as of ", " yesterday ", " on Sunday ", " one ", " million ", "bn"]),
)


@st.composite
def news_like(draw):
    parts = draw(st.lists(pieces, max_size=8))
    text = "".join(parts)
    if text and draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.text(max_size=5)) + text[cut:]
    return text


publications = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
                         st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2100, 12, 30)))


def check(text, published):
    sentences = split_sentences(text)
    for s in sentences:
        assert 0 <= s.start < s.end <= len(text)
    doc = Document(text, published)
    for f in find_figures(doc) + list(extract(text, published).figures):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text
        assert math.isfinite(f.value) and (f.value_max is None or math.isfinite(f.value_max))
        assert f.sentence_start <= f.start and f.end <= f.sentence_end
    for e in find_events(doc) + list(extract(text, published).events):
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.trigger
        assert e.sentence_start <= e.start and e.end <= e.sentence_end


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_like(), publications)
def test_mutated_news_never_breaks_the_extractor(text, published):
    check(text, published)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=400), publications)
def test_arbitrary_text_never_breaks_the_extractor(text, published):
    check(text, published)


def test_huge_numbers_stay_finite():
    check("The fund holds " + "9" * 400 + " dollars and 1e308 billion and 10" * 3 + ".", dt.date(2025, 1, 1))
