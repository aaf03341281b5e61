"""Copies, stories and toll series on the hand-made Karvania story (tests/processors/karvania.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from newswire.processors.copies import CopyIndex, jaccard, shingle_hashes
from newswire.processors.extract import extract
from newswire.processors.series import collect, mark_revisions, source_org
from newswire.processors.stories import StoryIndex, features
from newswire.processors.storyline import StoryLine

from tests.processors import karvania


def run(pieces, line=None):
    line = line or StoryLine()
    placed, observations = {}, []
    for p in pieces:
        found = extract(p.text, p.published_at)
        figures = [SimpleNamespace(
            figure_id=f"{p.key}:{f.start}", article_id=p.key, category=f.category, value=f.value,
            value_max=f.value_max, qualifier=f.qualifier, source=f.source, anchor_kind=f.anchor_kind,
            anchor_date=f.anchor_date, anchor_phrase=f.anchor_phrase, sentence=p.text[f.sentence_start:f.sentence_end],
            start=f.start, end=f.end, published_at=p.published_at) for f in found.figures]
        article = SimpleNamespace(article_id=p.key, title=p.title, site=p.site, text=p.text,
                                  published_at=p.published_at, fetched_at=p.published_at)
        placed[p.key] = line.process(article, figures, found.events)
        observations += placed[p.key].observations
    return placed, mark_revisions(collect(observations).values())


@pytest.fixture(scope="module")
def result():
    return run(karvania.pieces())


def test_every_copy_found_and_nothing_else(result):
    placed, _ = result
    pieces = karvania.pieces()
    assert len([p for p in pieces if p.copy_of]) == 19
    for p in pieces:
        assert placed[p.key].duplicate_of == p.copy_of, p.key


def test_stories_are_pure_and_complete(result):
    placed, _ = result
    by_story: dict[str, set[str]] = {}
    for p in karvania.pieces():
        by_story.setdefault(placed[p.key].story_id, set()).add(p.story)
    assert sorted(map(sorted, by_story.values())) == [["flood"], ["strike"]]


def test_the_story_id_is_derived_from_its_first_article(result):
    placed, _ = result
    from newswire.processors.stories import story_id_for
    assert placed["wire-3"].story_id == story_id_for("wire-3")
    assert placed["strike-9"].story_id == story_id_for("strike-4")


def test_competing_toll_series_with_revisions(result):
    placed, observations = result
    for source, expected in karvania.EXPECTED_TOLLS.items():
        series = [o for o in observations if o.category == "killed" and o.source == source]
        assert len({o.series_id for o in series}) == 1, source
        got = [(int(o.as_of[-2:]), o.value, o.revision) for o in series]
        assert got == expected, source


def test_a_figure_repeated_by_copies_is_one_observation(result):
    placed, observations = result
    first = [o for o in observations if o.source == "health ministry" and o.value == 40]
    assert len(first) == 1
    assert set(first[0].article_ids) == {"wire-3", "daily-3", "coastal-3", "northern-3", "evening-3"}
    assert set(first[0].outlets) == {karvania.WIRE, *karvania.OUTLETS}
    assert first[0].article_id == "wire-3"  # the earliest report keeps the sentence and span


def test_same_result_in_a_second_run_and_when_restored_midway():
    pieces = karvania.pieces()
    first, obs1 = run(pieces)
    again, obs2 = run(pieces)
    assert {k: (v.story_id, v.duplicate_of) for k, v in first.items()} == \
        {k: (v.story_id, v.duplicate_of) for k, v in again.items()}
    assert [(o.observation_id, o.article_ids) for o in obs1] == [(o.observation_id, o.article_ids) for o in obs2]
    # a "restarted" line: state rebuilt from what the first half stored, then the second half
    half = len(pieces) // 2
    done, _ = run(pieces[:half])
    line = StoryLine()
    from newswire.processors.stories import StoryState
    for story_id in {v.story_id for v in done.values()}:
        members = [p for p in pieces[:half] if done[p.key].story_id == story_id]
        state = None
        for p in members:
            f = features(p.key, p.published_at, p.title, p.site, p.text,
                         places=[e.location for e in extract(p.text, p.published_at).events if e.location],
                         actors=[a for e in extract(p.text, p.published_at).events for a in e.actors],
                         types=[e.type for e in extract(p.text, p.published_at).events])
            state = state or StoryState(story_id, p.title, p.published_at, p.published_at)
            state.add(f)
        line.restore_story(StoryState.from_json(story_id, state.title, state.first_seen, state.last_seen,
                                                state.articles, state.outlets, state.to_json()),
                           [p.key for p in members])
    for p in pieces[:half]:
        line.restore_copy(SimpleNamespace(article_id=p.key, text=p.text, published_at=p.published_at,
                                          fetched_at=p.published_at), done[p.key].duplicate_of)
    rest, _ = run(pieces[half:], line)
    for p in pieces[half:]:
        assert (rest[p.key].story_id, rest[p.key].duplicate_of) == (first[p.key].story_id, first[p.key].duplicate_of)


def test_shingles_are_stable_and_jaccard_exact():
    a = shingle_hashes("the quick brown fox jumps over the lazy dog")
    b = shingle_hashes("The quick brown fox jumped over the lazy dog")
    assert len(a) == 8 and list(a) == sorted(set(a.tolist()))
    assert jaccard(a, b) == pytest.approx(6 / 10)


def test_fast_paths_give_what_the_plain_computations_give():
    """The copy index's numpy MinHash and Jaccard, and the stories' lede words, against the plain ones."""
    import random

    import numpy as np

    from newswire.processors.stories import BODY_WORDS, _WORD, lede_words

    rng = random.Random(5)
    letters = "abcdefghij" * 3 + " Σσς İıß é文 ʰ'-_09.,\n"
    texts = ["".join(rng.choice(letters) for _ in range(rng.choice([40, 900, 3200, 9000]))) for _ in range(200)]
    texts += [" ".join(f"w{i}" for i in range(3000)), "word " * 2000]
    index = CopyIndex()
    assert index._fast  # datasketch's affine32 scheme, as installed: the numpy path is the one in use
    hashes = [shingle_hashes(text) for text in texts]
    for h in hashes:
        if len(h):
            plain = index._template.copy()
            plain.update_batch((h & np.uint64(0xFFFFFFFF)).tolist())
            assert np.array_equal(index._minhash(h).hashvalues, plain.hashvalues)
    for a, b in zip(hashes, hashes[1:] + [np.unique(np.concatenate([hashes[0], hashes[1][:50]]))]):
        if len(a) and len(b):
            common = len(np.intersect1d(a, b, assume_unique=True))
            assert jaccard(a, b) == jaccard(b, a) == common / (len(a) + len(b) - common)
    for text in texts:
        assert lede_words(text.lower()) == _WORD.findall(text.lower())[:BODY_WORDS]


def test_copy_index_forgets_old_days_and_keeps_memory_bounded():
    index = CopyIndex(keep_days=2)
    text = " ".join(f"word{i}" for i in range(50))
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert index.add("a", text, start) is None
    assert index.add("b", text, start + timedelta(days=1)).duplicate_of == "a"
    assert index.add("c", text, start + timedelta(days=5)) is None  # a and b have left the index
    for day in range(6, 60):
        index.add(f"d{day}", f"{text} day{day}", start + timedelta(days=day))
    assert len(index) <= 2


def test_lsh_candidates_below_the_threshold_are_not_copies():
    index = CopyIndex()
    base = [f"w{i}" for i in range(100)]
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    index.add("a", " ".join(base), at)
    half = base[:40] + [f"x{i}" for i in range(60)]
    assert index.add("b", " ".join(half), at) is None  # Jaccard about 0.2


def test_unrelated_articles_start_their_own_stories():
    index = StoryIndex()
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    a = index.assign(features("a", at, "Volcano erupts on Lumen island", None, "Lava from the Lumen volcano reached the sea."))
    b = index.assign(features("b", at, "Central bank raises interest rates", None, "The bank raised its key rate."))
    c = index.assign(features("c", at + timedelta(days=10), "Volcano erupts on Lumen island again", None,
                              "Lava from the Lumen volcano reached the sea."))
    assert len({a, b, c}) == 3  # c is past the window of a's story


@pytest.mark.parametrize("raw, org", [("The health ministry", "health ministry"), ("the Ministry of Health", "health ministry"),
                                      (None, "unattributed"), ("the Red Crescent's", "red crescent")])
def test_source_organisations_in_one_spelling(raw, org):
    assert source_org(raw) == org


def test_a_figure_with_a_place_makes_a_series_of_its_own():
    from newswire.processors.storyline import place_of

    figure = SimpleNamespace(figure_id="f", article_id="a", category="killed", value=3.0, value_max=None,
                             qualifier=None, source="police", anchor_kind=None, anchor_date=None, anchor_phrase=None,
                             sentence="Police said 3 people were killed.", start=12, end=13,
                             published_at=datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert place_of(figure) is None
    assert place_of(SimpleNamespace(place={"name": "Ostrel ", "country_code": "XK"})) == "ostrel"
    assert place_of(SimpleNamespace(place="")) is None
    assert place_of(SimpleNamespace(place=7)) is None and place_of(SimpleNamespace(place={"name": None})) is None
    from newswire.processors.series import observe
    here = observe(figure, "s", "site", "ostrel")
    elsewhere = observe(figure, "s", "site", None)
    assert here.series_id != elsewhere.series_id and here.place == "ostrel"



def test_a_story_running_for_months_keeps_its_counts_not_its_members():
    """A story that never ends: which story an article joined is remembered for member_days of article
    time (the copy index's days and one), so memory does not grow with the story."""
    line = StoryLine()
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    lede = "Rescue teams searched the flooded valley of Karst as the river rose again"
    remembered = []
    for n in range(90 * 20):  # 20 articles a day for 90 days
        at = start + timedelta(hours=1.2 * n)
        text = f"{lede}. Report {n} on the water levels: " + " ".join(f"note{n}x{i}" for i in range(8))
        article = SimpleNamespace(article_id=f"a{n}", title="Flood in the Karst valley", site=None, text=text,
                                  published_at=at, fetched_at=at)
        line.process(article)
        remembered.append(len(line.stories.story_of))
    (story,) = line.stories.stories.values()
    assert story.articles == 1800
    assert max(remembered) <= (line.stories.member_days + 2) * 20  # 1,800 before
    assert line.stories.story_of.keys() <= {f"a{n}" for n in range(1800 - (line.stories.member_days + 2) * 20, 1800)}


def test_the_words_of_stories_gone_leave_the_lookup():
    index = StoryIndex()
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for day in range(60):  # a story a day, each in words of its own, each gone after the window
        words = " ".join(f"topic{day}word{i}" for i in range(30))
        index.assign(features(f"a{day}", start + timedelta(days=day), f"topic{day}title", None, words))
    assert len(index.stories) <= 4
    assert set(index._by_term) == {term for terms in index._indexed.values() for term in terms}
    assert all(index._by_term.values())  # no empty posting left (60 stories' words before)


def test_a_shared_country_is_no_evidence_of_one_story_but_a_shared_city_is():
    from newswire.processors.storyline import names_a_country

    assert names_a_country("United States") and names_a_country("Norway")
    assert not names_a_country("Gaza") and not names_a_country("Riverside") and not names_a_country("Xinjiang")
