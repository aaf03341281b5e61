"""Events: what happened, named by a trigger word, with actors, place and date.

Triggers come from one lexicon regex (``processors.event_triggers``: attacks, strikes, explosions,
clashes, raids, kidnappings, talks, ceasefires, statements, rejections, arrests, releases, protests,
elections, disasters, accidents, outbreaks, evacuations, resignations, sanctions, economic changes,
courts, health, business, ...). A trigger is an event only where it names a happening
(``event_happenings.names_a_happening``: not a modifier, a topic, an unrealised or denied act, a
participle used as an adjective or a word inside a name), and one happening gives one event
(``event_happenings.happenings``: "launched an offensive" is the offensive).

Dates, per event:

1. the nearest time expression in the same clause (``processors.dates``): "on Sunday",
   "yesterday's", "March 18", "at 3:32 a.m." (the publication day, unless the sentence has a date);
   a vague one ("in recent days") gives None; "the day before", "two days later", "that night" are counted
   from the last day the text named (``processors.time_anaphors``). A statement only takes a date next to its verb
   ("said on Sunday", "On Sunday, police said"): other dates belong to what was said. A date in a
   "since ..." clause dates only the events inside that clause, and a month after an economic
   change ("rose in September") is the statistic's period, not an event date. The dateline's own date
   ("LIMA, March 4 (Reuters) -") and a count's or a state's reference day ("as of April 19", "closed until
   Monday") date no event; a prepositional date between a noun trigger and a verb ("a strike on Saturday
   destroyed") is the noun's; the first happening of a ", a day after ..." clause is dated from the main
   clause's day;
2. otherwise, a date of its sentence that no other trigger owns and that is no starting point
   ("since March"): "On Friday the river rose, and the flood cut the road";
3. otherwise, a statement takes the date of the last explicitly dated statement of its paragraph (a
   reporter's "told AFP on Sunday" covers the quotes that follow), and an incident (attack,
   explosion, evacuation, ...) the date of the last explicitly dated incident up to three sentences
   back; a disaster or accident takes the first dated disaster of the article (a quake's collapses
   happen the day of the quake); none of these reach a count that runs "since ...". An event of
   the lead of a text with a dated dateline ("LIMA, March 4 (Reuters) -") takes the dateline's date;
4. otherwise None: the gold convention is null where the text gives no time.

Actors and place come from the article's actor and place layers (``processors.scenes.situate``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from newswire.processors.actors import Actor
from newswire.processors.dates import TimeExpr, as_date
from newswire.processors.document import Document
from newswire.processors.event_triggers import DISASTER_TYPES, INCIDENT_TYPES
from newswire.processors.gazetteer import Place
from newswire.processors.time_anaphors import resolve_anaphors

_NEW_CLAUSE_RE = re.compile(r"\b(?:and|but)\s+(?:the\s+)?[A-Z]|;|\bbut\b")


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    trigger: str
    start: int
    end: int
    actors: tuple[str, ...]    # names of ``actor_details`` (processors.scenes)
    location: str | None       # the place as written (processors.scenes)
    date: str | None           # ISO date, "YYYY-MM", or None
    sentence_start: int
    sentence_end: int
    place: Place | None = None             # ``location`` resolved in the gazetteer (processors.places)
    actor_details: tuple[Actor, ...] = ()  # ``actors`` with kind, role, country and agent/patient


def _since_before(text: str, sent_start: int, pos: int) -> int | None:
    """Where the "since" clause holding ``pos`` starts, if ``pos`` is in one."""
    head = text[sent_start:pos]
    at = max(head.rfind("since "), head.rfind("Since "))
    if at < 0 or any(ch in head[at:] for ch in ",;:"):
        return None
    return sent_start + at


_SPEECH_GAP_RE = re.compile(r"\s*(?:[\w'’.-]+\s+){0,5}?")
_PREMOD_GAP = {" ", "'s ", "’s ", "-"}


_PP_DATE_RE = re.compile(r"(?:on|in|at|during|since|until|by|from|over)\s", re.IGNORECASE)
_NOT_IN_SPEECH_GAP_RE = re.compile(r"[^\w'’.\s-]")


def _claimed(text: str, matches: list[re.Match[str]], exprs: list[TimeExpr]) -> dict[int, int]:
    """Time expressions that belong to one trigger (index of the expression -> start of its trigger): the
    date of a statement ("said in a statement on Wednesday", "told AFP on Sunday") and a date written as a
    trigger's modifier ("the September 11, 2001 attacks", "Sunday's blast"). Other triggers leave them.

    A modifier's trigger starts at most three characters after the date, and a statement's verb ends at
    most five words before it: each expression looks at the few triggers that close, not at all of them."""
    owned: dict[int, int] = {}
    statements = [m for m in matches if m.lastgroup == "statement"]
    statement_ends = [m.end() for m in statements]
    others = {m.start(): m for m in matches if m.lastgroup != "statement"}
    other_ends = {m.end(): m.start() for m in others.values()}
    for i, e in enumerate(exprs):
        premod = [p for p in range(e.end + 3, e.end - 1, -1) if p in others and text[e.end:p] in _PREMOD_GAP]
        if premod and e.start - 1 in other_ends and text[e.start - 1] == " " and _PP_DATE_RE.match(e.text):
            owned[i] = other_ends[e.start - 1]   # "an air strike on Saturday destroyed": the noun's own date
            continue
        if premod:
            owned[i] = premod[0]   # the last such trigger, as when every trigger was tried in order
            continue
        j = bisect.bisect_right(statement_ends, e.start) - 1
        while j >= 0:   # from the nearest verb back, while the gap can still be "in a statement on"
            m = statements[j]
            gap = text[m.end():e.start]
            if len(gap.split()) > 5 or _NOT_IN_SPEECH_GAP_RE.search(gap):
                break   # an earlier verb's gap holds this one's: it fails too
            if _SPEECH_GAP_RE.fullmatch(gap) and " that " not in f" {gap} ":
                owned[i] = m.start()   # the first verb: "said in a statement on Wednesday" is "said"
            j -= 1
    return owned


class _Clauses:
    """Where new clauses start in one sentence (``_NEW_CLAUSE_RE``), found once: whether one lies
    between two places is then a bisection, not a regex search per (trigger, time expression) pair."""

    def __init__(self, text: str, start: int, end: int):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _NEW_CLAUSE_RE.finditer(text, start, end):
            self.starts.append(m.start())
            # "but The": "but" alone is a boundary too, so one ends after three characters
            self.ends.append(m.start() + 3 if text.startswith("but", m.start()) else m.end())

    def between(self, a: int, b: int) -> bool:
        """True if a new clause starts and ends inside ``text[a:b]``."""
        i = bisect.bisect_left(self.starts, a)
        return i < len(self.starts) and self.ends[i] <= b


def _nearest(text: str, exprs: list[TimeExpr], start: int, end: int, statement: bool,
             sent_start: int, owned: dict[int, int] | None = None, clauses: _Clauses | None = None,
             starts: list[int] | None = None) -> TimeExpr | None:
    """The closest time expression in the same clause as the trigger (the first in text order on a tie).

    ``exprs`` are in text order and never overlap (``find_time_expressions``). They are visited nearest
    first, from the trigger outwards on both sides; a side is given up at its first clause boundary
    (every expression further out is past it too) or where no date can be a statement's any more, so
    the cost does not grow with the number of expressions in the sentence."""
    if not exprs:
        return None
    if clauses is None:
        clauses = _Clauses(text, min(sent_start, exprs[0].start), max(end, exprs[-1].end))
    if starts is None:
        starts = [e.start for e in exprs]
    right = bisect.bisect_left(starts, end)
    left = right - 1
    while left >= 0 and exprs[left].end > start:
        left -= 1
    for i in range(left + 1, right):   # overlapping the trigger: distance 0
        if not (owned and i in owned and owned[i] != start):
            return exprs[i]
    while left >= 0 or right < len(exprs):
        dl = start - exprs[left].end if left >= 0 else None
        dr = exprs[right].start - end if right < len(exprs) else None
        if dr is None or (dl is not None and dl <= dr):   # a tie goes to the earlier one, on the left
            i, dist = left, dl
            left -= 1
            if clauses.between(exprs[i].end, start):
                left = -1
                continue
            if statement and (dist > 4 or any(ch in text[exprs[i].end:start] for ch in ",\"”")) \
                    and not _leads(text, sent_start, exprs[i].start) \
                    and not _AND_THEN_RE.fullmatch(text, exprs[i].end, start):   # "met on Monday and said"
                # "on Sunday said", "On Sunday, police said": only the sentence's first expression is left
                if dist > 4:
                    left = 0 if left >= 0 and _leads(text, sent_start, exprs[0].start) else -1
                continue
        else:
            i, dist = right, dr
            right += 1
            if clauses.between(end, exprs[i].start):
                right = len(exprs)
                continue
            if statement and dist > 40:   # "said on Sunday": other dates are what was said
                right = len(exprs)
                continue
        if owned and i in owned and owned[i] != start and not (
                exprs[i].start >= end and _DURING_RE.search(text, max(0, exprs[i].start - 8), exprs[i].start)):
            continue  # another trigger's date (but "arrested during Wednesday's protests" shares it)
        if _is_premod_year(text, exprs[i]) and not (owned and owned.get(i) == start):
            continue  # "a 2010 rape allegation": the year of the noun it modifies
        return exprs[i]
    return None


_DURING_RE = re.compile(r"\b(?:during|amid|in)\s+$", re.IGNORECASE)
_AND_THEN_RE = re.compile(r"\s+and\s+(?:then\s+|later\s+|also\s+)?")
_CONNECTIVE_RE = re.compile(r"[\s\"“']*(?:(?:then|but|and|also|later|earlier|meanwhile|however|so|yet|still)\b[\s,]*)?",
                            re.IGNORECASE)


def _leads(text: str, sent_start: int, pos: int) -> bool:
    """Whether a time expression at ``pos`` opens its sentence, a connective aside ("Then, last week, ...")."""
    return pos - sent_start <= 3 or (pos - sent_start <= 14 and _CONNECTIVE_RE.fullmatch(text, sent_start, pos)
                                      is not None)


def _is_premod_year(text: str, e: TimeExpr) -> bool:
    """A year written before a noun ("a 2010 rape allegation"), not "in 2010" or "during the 2018 flu
    season": it dates only that noun."""
    return (e.kind == "year" and e.text.isdigit()
            and _TIME_PP_RE.search(text, max(0, e.start - 24), e.start) is None)


_TIME_PP_RE = re.compile(r"\b(?:during|in|since|before|after|until|by|throughout|over|for)\s+(?:the|its|their|his|her"
                         r"|this|that|a)\s+$", re.IGNORECASE)


# what someone says, urges or denies: a date given for one covers the next ones of its paragraph
_SAYING_KINDS = frozenset({"statement", "accusation", "demand", "condemnation", "rejection", "threat", "denial"})
# what moves on a trading day: an undated rise or fall of these is the report's own day's
_MARKET_RE = re.compile(r"\b(?:shares|stocks?|(?:stock|share|benchmark|composite) index|indices|Dow|S&P|Nasdaq"
                        r"|Nikkei|Kospi|Hang Seng|FTSE|DAX|CAC 40|Sensex|futures|(?:bond|Treasury) yields"
                        r"|oil prices|crude|the (?:dollar|euro|yen|pound|yuan|rupee))\b")
# "61 deaths as of April 19", "schools stay closed until Monday": the day a count is taken or a state ends,
# no happening's day
_REFERENCE_POINT_RE = re.compile(r"\b(?:[Aa]s of|[Uu]ntil|[Tt]ill)\s+(?:late\s+|early\s+|next\s+)?$")
_SINCE_AFTER_RE = re.compile(r"\s+(?:\w+\s+){0,2}?since\b")


def _sentence_date(text: str, exprs: list[TimeExpr], sent_start: int, start: int,
                   owned: dict[int, int]) -> str | None:
    """The sentence's date for a trigger whose own clause has none: its first dated expression that no
    other trigger owns and that is no starting point ("since March") or statistic's period."""
    for i, e in enumerate(exprs):
        if e.value is None or e.kind == "clock" or (i in owned and owned[i] != start):
            continue
        if _is_premod_year(text, e) and owned.get(i) != start:
            continue
        if e.text.lower().startswith("since") or _since_before(text, sent_start, e.start) is not None:
            continue
        return e.value
    return None


# "..., a day after the commission declared", "hours after troops withdrew": a clause dated from the main one's day
_RELATIVE_DAY_RE = re.compile(r",\s+(?:(?P<n>a|one|two|three)\s+days?|hours|just hours|only hours)\s+(?P<dir>after|before)"
                              r"\s+(?=(?:the|a|an|his|her|its|their|[A-Z])\b)")
_DAYS = {"a": 1, "one": 1, "two": 2, "three": 3}


def _relative_day(text: str, sent_start: int, sent_end: int, exprs: list) -> tuple[int, str] | None:
    """(where the clause starts, its day) for a sentence whose main clause's day a "a day after ..." clause
    counts from; its first trigger is dated so (its own later dates, "the Oct. 29 vote", stay theirs)."""
    if "after" not in text[sent_start:sent_end] and "before" not in text[sent_start:sent_end]:
        return None
    m = _RELATIVE_DAY_RE.search(text, sent_start, sent_end)
    if m is None:
        return None
    day = next((e.value for e in reversed(exprs) if e.end <= m.start() and e.value and len(e.value) == 10), None)
    if day is None:
        return None
    n = _DAYS.get(m.group("n") or "", 0) * (1 if m.group("dir") == "before" else -1)
    return m.end(), (dt.date.fromisoformat(day) + dt.timedelta(days=n)).isoformat()


def _near_enough(cls: str, paragraphs: int, sentences: int) -> bool:
    """Whether an explicit date still covers a trigger this far on: a statement's, to the end of its
    paragraph (a "told AFP on Sunday" covers the quotes that follow); an incident's, for three sentences
    (wire copy gives a paragraph a sentence)."""
    return paragraphs == 0 if cls == "statement" else sentences <= 3


def find_events(doc: Document) -> list[Event]:
    """Every event of the article, in text order, dated, from its trigger and time layers; actors and
    place are left to ``scenes.situate``."""
    text, sentences = doc.text, doc.sentences
    times = resolve_anaphors(text, doc.times)   # "the day before": the day it names
    line_date = doc.dateline_date
    market_day = as_date(doc.reference).isoformat() if doc.reference else None
    lead = sentences[0].paragraph if sentences else 0
    body = doc.dateline.body_start if doc.dateline is not None else 0
    events: list[Event] = []
    last_dated: dict[str, tuple[int, str, int, str]] = {}   # class -> (paragraph, date, sentence, kind) last dated
    disaster_date: str | None = None
    for si, (sent, exprs, matches) in enumerate(zip(sentences, times, doc.triggers)):
        if not matches:
            continue
        if exprs and exprs[0].start < body:
            # "KHARTOUM, March 10 (Reuters) - Strikes killed 23 on Monday": the line's date is the release's,
            # not its lead's events' (an undated lead still falls back to it, below)
            exprs = [e for e in exprs if e.start >= body]
        if exprs:
            exprs = [e for e in exprs if not _REFERENCE_POINT_RE.search(text, max(sent.start, e.start - 16), e.start)]
        if any(e.value for e in exprs if e.kind != "clock"):
            exprs = [e for e in exprs if e.kind != "clock"]  # "at 6 a.m. on March 2": the date speaks
        owned = _claimed(text, matches, exprs) if exprs else {}
        clauses = _Clauses(text, sent.start, sent.end)
        starts = [e.start for e in exprs]
        relative = _relative_day(text, sent.start, sent.end, exprs) if exprs else None
        for m in matches:
            kind = m.lastgroup or "other"
            start, end = m.span()
            date = None
            explicit = False
            near = _nearest(text, exprs, start, end, kind == "statement", sent.start, owned, clauses, starts)
            if near is not None:
                date = near.value
                since = _since_before(text, sent.start, near.start)
                if since is None and near.text.lower().startswith("since"):
                    since = near.start   # "died of cholera since January": a starting point
                if near.text.lower().startswith("since"):
                    date = None   # "worst week since early August amid protests": a starting point
                if since is not None and start < since:
                    date = None   # "the biggest rise since December 1981": a starting point, not the event's day
                if kind == "change" and (near.kind in ("inmonth", "my")
                                         or (near.kind == "rel" and near.value and len(near.value) == 7)):
                    date = None  # "employment rose in September": the statistic's period, not an event date
                explicit = date is not None
            else:
                if kind != "statement":
                    date = _sentence_date(text, exprs, sent.start, start, owned)
                cls = "statement" if kind in _SAYING_KINDS else "incident" if kind in INCIDENT_TYPES else None
                ongoing = _SINCE_AFTER_RE.match(text, end) is not None   # "killed since the war began"
                if date is None and cls and not ongoing and cls in last_dated \
                        and _near_enough(cls, sent.paragraph - last_dated[cls][0], si - last_dated[cls][2]) \
                        and not (kind == "statement" and last_dated[cls][3] != "statement"
                                 and last_dated[cls][2] == si):
                    # "threatened the mayor in March, prosecutors said": the saying is not the threat's day
                    date = last_dated[cls][1]
                if date is None and kind in DISASTER_TYPES:
                    date = disaster_date
                if date is None and line_date and sent.paragraph == lead and kind != "change":
                    date = line_date   # the lead of a dated release happened on its date line's day
                    explicit = kind in INCIDENT_TYPES   # and so, for the next sentences, did its incident
                if date is None and kind == "change" and market_day and _MARKET_RE.search(text, sent.start, start):
                    date = market_day   # "the Nikkei declined 0.3%": a market report's moves are of its own day
            if explicit:
                cls = "statement" if kind in _SAYING_KINDS else "incident" if kind in INCIDENT_TYPES else None
                if cls:
                    last_dated[cls] = (sent.paragraph, date, si, kind)
                if kind in DISASTER_TYPES and disaster_date is None:
                    disaster_date = date
            if relative is not None and start >= relative[0]:
                if not (near is not None and relative[0] <= near.start and near.end <= start
                        and text[near.end:start] in _PREMOD_GAP):   # "the March 1 vote" keeps its own
                    date = relative[1]   # "on Wednesday, a day after the commission declared": Tuesday
                relative = None
            events.append(Event(kind, m.group(0), start, end, (), None, date, sent.start, sent.end))
    return events
