"""Stories: the articles about one developing story, copies, follow-ups and other outlets' reporting.

An article joins the active story it resembles most, if the resemblance reaches ``threshold``:
the cosine of their content-word counts (title words count three times) plus a bonus for each kind
of thing they share (places, actors, event types). A copy joins its original's story outright.
Otherwise the article starts a story of its own, whose id derives from that first article's id.

Only stories seen within ``window_days`` of the newest article are candidates (a sliding window on
the articles' own times), and older ones leave memory. Which story an article joined is remembered
for ``member_days`` of article time (longer than the copy index holds an article, so a copy finds
the story of the article it matched): a story that runs for months holds its counts, not its
members. A story's state is a sum of integer counts over its members, so it is the same whatever
order they were added in, and it can be saved and restored exactly (:meth:`StoryState.to_json`): a
restarted stage decides as an uninterrupted one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from math import sqrt
from operator import itemgetter

from newswire.ids import sha256_hex

THRESHOLD = 0.25  # tuned on tests/processors/karvania.py only: 0.30 split off one dispatch
WINDOW_DAYS = 3
ARTICLE_TERMS = 40  # an article's strongest content words
LOOKUP_TERMS = 12  # of which these find candidate stories
STORY_TERMS = 60
_EMPTY: frozenset[str] = frozenset()
COMMON_TERM = 50  # a word among the top words of more active stories than this is not used for lookup  # a story's strongest words, indexed for lookup
BODY_WORDS = 400  # the lede matters; the tail of a long text mostly adds noise
MEMBER_DAYS = 5  # an article's story is remembered this long: more than copies.KEEP_DAYS (4) whole days
BODY_CHARS = 8 * BODY_WORDS  # where the search for them starts: most texts hold that many words in these characters
SWEEP_EVERY = timedelta(hours=1)  # of article time: how often stories past the window leave memory
PLACE_BONUS, ACTOR_BONUS, TYPE_BONUS = 0.10, 0.05, 0.03

_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]|[^\W\d_]{3,}", re.UNICODE)
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my no nor not now of off on
once only or other our ours out over own same she should so some such than that the their theirs them then
there these they this those through to too under until up very was we were what when where which while who whom
why will with would you your yours said says say told according also new one two three four five six seven
eight nine ten first last year years day days week weeks month months monday tuesday wednesday thursday friday
saturday sunday today yesterday tomorrow since still least more than around people including mr mrs ms
however many much may might must shall another among across per via within without news report reports
reported reporting reuters agency press statement added time times local official officials
""".split())


def heaviest(counts: dict, limit: int) -> list[tuple[str, int]]:
    """The ``limit`` heaviest items, ties in alphabetical order (as ``heapq.nsmallest`` by ``(-weight, word)``),
    by two stable sorts in C: no Python key call an item."""
    ranked = sorted(counts.items(), key=itemgetter(0))
    ranked.sort(key=itemgetter(1), reverse=True)  # stable: equal weights keep their alphabetical order
    return ranked[:limit]


def content_terms(title: str | None, text: str, limit: int = ARTICLE_TERMS) -> Counter:
    """Integer weights of the article's strongest content words: 3 a title word, 1 a body word."""
    counts: Counter = Counter()
    for word in _WORD.findall((title or "").lower()):
        if word not in STOPWORDS:
            counts[word] += 3
    counts.update([word for word in lede_words(text.lower()) if word not in STOPWORDS])
    return Counter(dict(heaviest(counts, limit)))


def lede_words(lowered: str) -> list[str]:
    """The text's first ``BODY_WORDS`` words, read from its start only as far as needed: the words of a
    prefix that holds more than that many are the text's own first ones (``findall`` up to ``endpos`` reads
    as if the text ended there; only the last word can be cut), else the whole text is read."""
    words = _WORD.findall(lowered, 0, BODY_CHARS)
    if len(words) <= BODY_WORDS and len(lowered) > BODY_CHARS:
        words = _WORD.findall(lowered)
    return words[:BODY_WORDS]


@dataclass(frozen=True)
class ArticleFeatures:
    """What the story grouping needs of one article (built from the article and its events)."""

    article_id: str
    at: datetime  # publication time, else fetch time (UTC)
    title: str | None
    site: str | None
    terms: Counter
    places: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()

    @cached_property
    def norm(self) -> float:
        return sqrt(sum(w * w for w in self.terms.values()))


def features(article_id: str, at: datetime, title: str | None, site: str | None, text: str,
             places=(), actors=(), types=()) -> ArticleFeatures:
    def norm(values) -> frozenset[str]:
        return frozenset(v.strip().lower() for v in values if v and v.strip())

    return ArticleFeatures(article_id, at, title, site, content_terms(title, text), norm(places), norm(actors),
                           norm(types))


@dataclass
class StoryState:
    story_id: str
    title: str | None
    first_seen: datetime
    last_seen: datetime
    articles: int = 0
    terms: Counter = field(default_factory=Counter)
    places: Counter = field(default_factory=Counter)
    actors: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    outlets: set[str] = field(default_factory=set)
    _squares: int = field(default=-1, repr=False, compare=False)  # sum of squared term counts, kept up to date

    @property
    def norm(self) -> float:
        if self._squares < 0:
            self._squares = sum(c * c for c in self.terms.values())
        return sqrt(self._squares)

    def add(self, article: ArticleFeatures) -> None:
        if article.at < self.first_seen:
            self.first_seen = article.at
        if article.at > self.last_seen:
            self.last_seen = article.at
        self.articles += 1
        if self._squares >= 0:
            terms = self.terms
            for term, weight in article.terms.items():
                old = terms.get(term, 0)
                self._squares += (old + weight) ** 2 - old * old
        self.terms.update(article.terms)
        self.places.update(article.places)
        self.actors.update(article.actors)
        self.types.update(article.types)
        if article.site:
            self.outlets.add(article.site)

    def top_terms(self, limit: int = STORY_TERMS) -> list[str]:
        return [t for t, _ in heaviest(self.terms, limit)]

    def top_places(self, limit: int = 5) -> list[str]:
        return [p for p, _ in heaviest(self.places, limit)]

    def to_json(self) -> dict:
        return {"terms": dict(self.terms), "places": dict(self.places), "actors": dict(self.actors),
                "types": dict(self.types)}

    @classmethod
    def from_json(cls, story_id: str, title: str | None, first_seen: datetime, last_seen: datetime,
                  articles: int, outlets, state: dict) -> "StoryState":
        return cls(story_id, title, first_seen, last_seen, articles, Counter(state.get("terms", {})),
                   Counter(state.get("places", {})), Counter(state.get("actors", {})),
                   Counter(state.get("types", {})), set(outlets))


def story_id_for(first_article_id: str) -> str:
    return sha256_hex("story", first_article_id)


def similarity(article: ArticleFeatures, story: StoryState) -> float:
    """Cosine of the word counts, plus a bonus a kind of thing shared (places, actors, event types)."""
    terms = story.terms
    dot = sum([weight * terms[term] for term, weight in article.terms.items() if term in terms])
    if not dot:
        return 0.0
    score = dot / (article.norm * story.norm)
    if article.places & story.places.keys():
        score += PLACE_BONUS
    if article.actors & story.actors.keys():
        score += ACTOR_BONUS
    if article.types & story.types.keys():
        score += TYPE_BONUS
    return score


class StoryIndex:
    """``index.assign(features, copy_of=...)`` -> the story id; ``index.stories`` holds the active ones."""

    def __init__(self, threshold: float = THRESHOLD, window_days: float = WINDOW_DAYS, member_days: int = MEMBER_DAYS):
        self.threshold = threshold
        self.window = timedelta(days=window_days)
        self.member_days = member_days
        self.stories: dict[str, StoryState] = {}
        self.story_of: dict[str, str] = {}  # article -> story, for the articles of the last member_days
        self._by_term: dict[str, set[str]] = {}
        self._indexed: dict[str, list[str]] = {}
        self._members_by_day: dict[int, list[str]] = {}  # day (ordinal, article time) -> articles in story_of
        self.newest: datetime | None = None
        self._swept: datetime | None = None

    def assign(self, article: ArticleFeatures, copy_of: str | None = None, story_id: str | None = None) -> str:
        """The story the article joins (``story_id`` forces one, when restoring stored decisions)."""
        if article.article_id in self.story_of:  # seen already (a redelivery)
            return self.story_of[article.article_id]
        self._advance(article.at)
        if story_id is None and copy_of is not None:
            story_id = self.story_of.get(copy_of)
            if story_id is not None and not self._active(story_id, article.at):
                story_id = None
        if story_id is None:
            story_id = self._best(article)
        story = self.stories.get(story_id) if story_id else None
        if story is None:
            story_id = story_id or story_id_for(article.article_id)
            story = self.stories[story_id] = StoryState(story_id, article.title, article.at, article.at)
        story.add(article)
        self.story_of[article.article_id] = story_id
        self._members_by_day.setdefault(article.at.toordinal(), []).append(article.article_id)
        self._reindex(story)
        return story_id

    def restore(self, story: StoryState, members: list[str]) -> None:
        """Put back an active story saved by the stage (its state and its members' ids; those older than
        ``member_days`` are forgotten with the story's last day)."""
        self.stories[story.story_id] = story
        for article_id in members:
            self.story_of[article_id] = story.story_id
        self._members_by_day.setdefault(story.last_seen.toordinal(), []).extend(members)
        self._reindex(story)
        if self.newest is None or story.last_seen > self.newest:
            self.newest = story.last_seen

    def _best(self, article: ArticleFeatures) -> str | None:
        candidates: set[str] = set()
        for term in list(article.terms)[:LOOKUP_TERMS]:
            posting = self._by_term.get(term, _EMPTY)
            if len(posting) <= COMMON_TERM:  # a word in many active stories finds nothing in particular
                candidates |= posting
        best: tuple[float, str] | None = None
        for story_id in sorted(candidates):
            if not self._active(story_id, article.at):
                continue  # past the window, not swept from memory yet
            score = similarity(article, self.stories[story_id])
            if score >= self.threshold and (best is None or score > best[0]):
                best = (score, story_id)
        return best[1] if best else None

    def _active(self, story_id: str, at: datetime) -> bool:
        story = self.stories.get(story_id)
        return story is not None and story.last_seen >= at - self.window

    def _reindex(self, story: StoryState) -> None:
        terms = story.top_terms()
        self._unindex(story.story_id, keep=frozenset(terms))
        for term in terms:
            self._by_term.setdefault(term, set()).add(story.story_id)
        self._indexed[story.story_id] = terms

    def _unindex(self, story_id: str, keep: frozenset[str] = _EMPTY) -> None:
        """The story out of the lookup of its indexed words (but ``keep``); a word no story has leaves it."""
        for term in self._indexed.pop(story_id, ()):
            if term not in keep:
                posting = self._by_term[term]
                posting.discard(story_id)
                if not posting:  # else the words of months of stories would stay, as empty sets
                    del self._by_term[term]

    def _advance(self, at: datetime) -> None:
        if self.newest is not None and at <= self.newest:
            return
        self.newest = at
        if self._swept is not None and at - self._swept < SWEEP_EVERY:
            return
        self._swept = at
        horizon = at - self.window
        for story_id in [s for s, story in self.stories.items() if story.last_seen < horizon]:
            self.expire(story_id)
        oldest = at.toordinal() - self.member_days
        for day in [d for d in self._members_by_day if d < oldest]:
            for article_id in self._members_by_day.pop(day):
                self.story_of.pop(article_id, None)

    def expire(self, story_id: str) -> None:
        """The story leaves memory (its members' entries in ``story_of`` leave with their day)."""
        self.stories.pop(story_id)
        self._unindex(story_id)
