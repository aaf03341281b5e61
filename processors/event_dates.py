"""The date of each event trigger of an article, resolved against its publication date.

Dates, per event:

1. the nearest time expression in the same clause (``processors.dates``): "on Sunday",
   "yesterday's", "March 18", "at 3:32 a.m." (the publication day, unless the sentence has a date);
   a vague one ("in recent days") gives None; "the day before", "two days later", "that night" are counted
   from the last day the text named (``processors.time_anaphors``). A statement only takes a date next to its verb
   ("said on Sunday", "On Sunday, police said"): other dates belong to what was said. A date in a
   "since ..." clause dates only the events inside that clause; a month after an economic change
   ("inflation eased to 4 percent in March") is the change's date, as annotators read it. The dateline's own date
   ("LIMA, March 4 (Reuters) -") and a count's or a state's reference day ("as of April 19", "closed until
   Monday") date no event; a prepositional date between a noun trigger and a verb ("a strike on Saturday
   destroyed") is the noun's; the first happening of a ", a day after ..." clause is dated from the main
   clause's day. A date inside a ", which ...," or ", who ...," aside is the aside's, and a relative
   clause right after a noun trigger dates it first ("the hearing, which is set for February"); a date
   after a reported verb is that verb's ("police said the boy died on Tuesday"), a possessive date its
   noun's ("last week's presidential election"); of "fell ill on 3 May and died on 9 May" each verb
   takes the date after it; a habitual one ("usually peaks in September") dates nothing;
2. otherwise, a date of its sentence that no other trigger owns and that is no starting point
   ("since March") or across a semicolon or a saying: "On Friday the river rose, and the flood cut the
   road"; but a background ", as ..." clause after a saying ("..., officials said, as the truce frayed")
   is undated;
3. otherwise, a statement takes the date of the last explicitly dated statement of its paragraph (a
   reporter's "told AFP on Sunday" covers the quotes that follow), and an incident (attack,
   explosion, evacuation, ...) the date of the last explicitly dated incident up to three sentences
   back; a court's act (a fine, an acquittal) the last dated court act's, an economic change the last
   dated change's; a disaster or accident takes the first dated disaster of the article (a quake's collapses
   happen the day of the quake); none of these reach a count that runs "since ...". An event of the lead of a
   text with a dated dateline ("LIMA, March 4 (Reuters) -") takes the dateline's date; an undated
   present-perfect lead ("Sweden has dropped its inquiry") the first day of the week before publication its
   opening sentences name; past the lead, a present perfect ("have been evacuated") takes no earlier incident's
   date. A lead incident no word of its own dates ("gunmen killed 12 in a raid, officials said Monday") takes
   the day of the first dated happening opening the second paragraph. The triggers of a ", when ..." clause
   after a time ("since August, when they met") take that time; an election, the voting day (``date_elections``);
4. otherwise None: the gold convention is null where the text gives no time.
"""

from __future__ import annotations

import datetime as dt
import re

from newswire.processors.date_claims import _PREMOD_GAP, _Clauses, _claimed, _is_premod_year, _nearest, _since_before
from newswire.processors.date_elections import with_voting_day
from newswire.processors.date_scenes import (coordinated, new_scene, period_of_days, results_day, saying_noun_date,
                                           scene_day, since_weekday, spread_since, state_before, verb_date)
from newswire.processors.date_years import resolve_times
from newswire.processors.dates import TimeExpr, as_date
from newswire.processors.document import Document
from newswire.processors.event_triggers import DISASTER_TYPES, INCIDENT_TYPES
from newswire.processors.sentences import Sentence

__all__ = ["date_triggers"]


# what someone says, urges or denies: a date given for one covers the next ones of its paragraph
_SAYING_KINDS = frozenset({"statement", "accusation", "demand", "condemnation", "rejection", "threat", "denial"})
# what moves on a trading day: an undated rise or fall of these is the report's own day's
_MARKET_RE = re.compile(r"\b(?:shares|stocks?|(?:stock|share|benchmark|composite|\d{2,4}) index|indices|Dow|S&P"
                        r"|Nasdaq|Nikkei|Kospi|Hang Seng|FTSE|DAX|CAC 40|STOXX|Sensex|[A-Z]\w+ Composite|futures"
                        r"|(?:bond|Treasury) yields|oil prices|crude|the (?:dollar|euro|yen|pound|yuan|rupee))\b")
# "61 deaths as of April 19", "schools stay closed until Monday": a count's or a state's day, no happening's
# and "in the four weeks to 30 November", "the year to March": the end of a count's window
_REFERENCE_POINT_RE = re.compile(r"\b(?:[Aa]s of|[Uu]ntil|[Tt]ill|(?:days|weeks?|months?|year) (?:up )?to)"
                                 r"\s+(?:late\s+|early\s+|next\s+)?$")
# "the outbreak, which usually peaks in September": what recurs has no date of its own
_HABITUAL_RE = re.compile(r"\b(?:usually|typically|normally|often|generally|traditionally|always|every year|each year)"
                          r"\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
# "The court also ordered", "the judge ordered": the story's own court, whose orders come with its verdict; "a
# judge ruled" may be another
_THE_COURT_RE = re.compile(r"\b[Tt]he (?:court|judge|tribunal|panel)\b")
_YEAR_RE = re.compile(r"\b\d{4}\b")
_ATTRIBUTIONS = frozenset({"said", "says", "told"})   # "..., two security sources said": the lead's attribution
_SINCE_AFTER_RE = re.compile(r"\s+(?:\w+\s+){0,2}?since\b")


def _sentence_date(text: str, exprs: list[TimeExpr], sent_start: int, start: int,
                   owned: dict[int, int], sayings: list[int]) -> str | None:
    """The sentence's date for a trigger whose own clause has none: its first dated expression that no
    other trigger owns and that is no starting point ("since March") or statistic's period."""
    for i, e in enumerate(exprs):
        if e.value is None or e.kind == "clock" or (i in owned and owned[i] != start):
            continue
        if ";" in text[min(e.end, start):max(e.start, start)]:
            continue   # "died on 9 May; he was buried": a clause of its own
        if any(min(e.end, start) < s < max(e.start, start) for s in sayings):
            continue   # "killed 12 on Monday, officials said, as talks stalled": the saying parts the clauses
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


# what a court does on the day of its hearing: "sentenced ... on Wednesday. It also fined ... and acquitted ..."
_COURT_KINDS = frozenset({"trial", "fine", "plea", "ruling", "hearing"})
_SENTENCE_WORDS = frozenset({"jailed", "imprisoned"})


# what follows from an incident on its scene: crowds dispersed, fighters giving up
_SCENE_KINDS = frozenset({"dispersal", "surrender"})
_TAKING_RE = re.compile(r"(?i)(?:re)?(?:tak|took|captur|seiz|overr)")


def _date_class(kind: str, trigger: str) -> str | None:
    """Which earlier explicit date an undated trigger may share: a statement's, an incident's, a court's
    (a verdict's fines and acquittals are handed down with it) or an economic change's (a report's other
    figures are of the same period)."""
    if kind in _SAYING_KINDS:
        return "statement"
    if kind in _COURT_KINDS or (kind == "arrest" and trigger.lower() in _SENTENCE_WORDS) \
            or (kind == "capture" and trigger.startswith("ordered")):   # "the court ordered the confiscation of"
        return "court"
    if kind in INCIDENT_TYPES or kind in _SCENE_KINDS or (kind == "capture" and _TAKING_RE.match(trigger)):
        return "incident"   # troops take or retake a post the day they fight for it
    return "change" if kind == "change" else None


# "..., the ministry said on Sunday, as rebels pressed their offensive": the wire's background clause
_AS_CLAUSE_RE = re.compile(r",\s+as\s+")


def _background_start(text: str, sayings: list[int], start: int) -> int | None:
    """Where the ", as ..." clause holding the trigger at ``start`` begins, if it follows a saying of its
    sentence ("..., officials said, as the truce frayed"), with no further comma before the trigger."""
    if not sayings or sayings[0] >= start:
        return None
    at = None
    for m in _AS_CLAUSE_RE.finditer(text, sayings[0], start):
        at = m.start()
    if at is None or "," in text[at + 1:start]:
        return None
    return at


# "the hearing, which is set for February,": a clause that describes its noun, up to its end
_RELATIVE_CLAUSE_RE = re.compile(r",?\s+(?:which|that)\s+")   # after a saying, "that" opens what was said
_CLAUSE_END_RE = re.compile(r"[,;:]")


def _relative_clause_date(text: str, exprs: list[TimeExpr], end: int, sent_end: int,
                          owned: dict[int, int]) -> TimeExpr | None:
    """The first date of a relative clause right after a trigger ("the hearing, which is scheduled to take place
    in February"; "fighting that erupted on Friday"): what the clause says of the noun dates it, before
    any date outside it. None where no clause follows, or it has no date of its own."""
    m = _RELATIVE_CLAUSE_RE.match(text, end)
    if m is None or not exprs:
        return None
    stop = _CLAUSE_END_RE.search(text, m.end(), sent_end)
    stop_at = stop.start() if stop else sent_end
    return next((e for i, e in enumerate(exprs) if m.end() <= e.start and e.end <= stop_at and i not in owned
                 and e.value), None)


_ASIDE_RE = re.compile(r",\s+(?:which|who)\s+[^,;:]*?(?=[,;:]|$)")


def _asides(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of a sentence's non-restrictive relative clauses (", which ...,", ", who ...,")."""
    if "which" not in text[start:end] and "who" not in text[start:end]:
        return []
    return [m.span() for m in _ASIDE_RE.finditer(text[:end], start)]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


# "has dropped", "have been arrested": a lead in the present perfect tells the news of the day
_PERFECT_RE = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+)?(?:been\s+)?$")


def _news_day(text: str, times: list[list[TimeExpr]], published: str | None) -> str | None:
    """The day the story reports, for its undated lead ("Sweden has dropped its inquiry ... prosecutors said
    on Tuesday"): the first day its opening sentences name in the week before publication."""
    if published is None:
        return None
    pub = dt.date.fromisoformat(published)
    for exprs in times[:3]:
        for e in exprs:
            if e.value and len(e.value) == 10 and e.kind != "clock" \
                    and pub - dt.timedelta(days=7) <= dt.date.fromisoformat(e.value) <= pub \
                    and not _REFERENCE_POINT_RE.search(text, max(0, e.start - 16), e.start):   # no count's day
                return e.value
    return None


_WHEN_RE = re.compile(r",\s+when\s+")


def _when_clauses(text: str, exprs: list[TimeExpr], sent_end: int) -> list[tuple[int, int, str]]:
    """(start, end, value) of each ", when ..." clause right after a dated expression ("since October, when
    the group launched an offensive"; "on Monday, when shells hit"): the expression is the clause's time, even
    a "since" one, which is a starting point only for the main clause."""
    found = []
    for e in exprs:
        m = _WHEN_RE.match(text, e.end) if e.value else None
        if m is not None:
            stop = _CLAUSE_END_RE.search(text, m.end(), sent_end)
            found.append((m.end(), stop.start() if stop else sent_end, e.value))
    return found


def _near_enough(cls: str, paragraphs: int, sentences: int, date: str) -> bool:
    """Whether an explicit date still covers a trigger this far on: a statement's, to the end of its
    paragraph (a "told AFP on Sunday" covers the quotes that follow); an incident's, for three sentences
    (wire copy gives a paragraph a sentence), but a background one's ("an ambush in September") only in its
    own paragraph: the next one returns to the news of the day."""
    if cls == "statement" or (cls == "incident" and len(date) < 10):
        return paragraphs == 0
    return sentences <= 3


def date_triggers(doc: Document) -> list[tuple[re.Match[str], Sentence, str | None]]:
    """Every trigger of the article, in text order, with its sentence and its date (ISO day, "YYYY-MM",
    "YYYY" or None)."""
    text, sentences = doc.text, doc.sentences
    times = resolve_times(text, doc.times, sentences, doc.reference)   # "the day before", "of that year": their time
    market_day = as_date(doc.reference).isoformat() if doc.reference else None
    line_date = doc.dateline_date
    # "NEW DELHI, 29 November 2026 -" heads a release, which speaks on its date; "NIAMEY, Nov 24 (Reuters) -" heads
    # wire copy, whose undated "sources said" is no dated statement
    release_line = bool(line_date and doc.dateline and doc.dateline.date_text and _YEAR_RE.search(doc.dateline.date_text))
    lead = sentences[0].paragraph if sentences else 0
    body = doc.dateline.body_start if doc.dateline is not None else 0
    dated: list[tuple[re.Match[str], Sentence, str | None]] = []
    last_dated: dict[str, tuple[int, str, int, str]] = {}   # class -> (paragraph, date, sentence, kind) last dated
    disaster_date: str | None = None
    lead_pending: list[int] = []   # lead incidents dated by no word of their own (see _told_next)
    told_next: str | None = None
    scene: tuple[int, int, str] | None = None   # (paragraph, sentence, day) a sentence set and no trigger took
    for si, (sent, exprs, matches) in enumerate(zip(sentences, times, doc.triggers)):
        if not matches and not exprs:
            continue
        if exprs and exprs[0].start < body:
            # "KHARTOUM, March 10 (Reuters) - Strikes killed 23 on Monday": the line's date is the release's,
            # not its lead's events' (an undated lead still falls back to it, below)
            exprs = [e for e in exprs if e.start >= body]
        if exprs:
            exprs = [e for e in exprs if not _REFERENCE_POINT_RE.search(text, max(sent.start, e.start - 16), e.start)
                     and not _HABITUAL_RE.search(text, max(sent.start, e.start - 40), e.start)]
        if any(e.value for e in exprs if e.kind != "clock"):
            exprs = [e for e in exprs if e.kind != "clock"]  # "at 6 a.m. on March 2": the date speaks
        if not matches:
            day = scene_day(text, exprs, sent.start, set(), market_day)
            scene = (sent.paragraph, si, day) if day else scene
            continue
        taken: set[str] = set()
        owned = _claimed(text, matches, exprs) if exprs else {}
        asides = _asides(text, sent.start, sent.end) if exprs else []
        # a date inside ", which ...," or ", who ...," is the aside's: the main clause's triggers leave it
        owned_outside = {**{i: -1 for i, e in enumerate(exprs) if _inside(asides, e.start)}, **owned} \
            if asides else owned
        clauses = _Clauses(text, sent.start, sent.end) if exprs else None   # read only by ``_nearest``, with dates
        starts = [e.start for e in exprs]
        relative = _relative_day(text, sent.start, sent.end, exprs) if exprs else None
        sayings = [m.start() for m in matches if m.lastgroup == "statement"]
        whens = _when_clauses(text, exprs, sent.end) if exprs and ", when " in text[sent.start:sent.end] else []
        perfect_ok = sent.paragraph == lead
        verb_day = verb_date(text, exprs, owned) if owned else None
        for m in matches:
            kind = m.lastgroup or "other"
            start, end = m.span()
            mine = owned if not asides or _inside(asides, start) else owned_outside
            date = None
            explicit = False
            near = (_relative_clause_date(text, exprs, end, sent.end, owned) if kind not in _SAYING_KINDS else None) \
                or _nearest(text, exprs, start, end, kind == "statement", sent.start, mine, clauses, starts)
            background = _background_start(text, sayings, start)
            if near is not None and background is not None and near.start < background:
                near = None   # the main clause's date, not the background's
            occasion = saying_noun_date(text, exprs, owned, matches, start) \
                if sayings and (near is None or near.value is None) else None
            if occasion is not None:
                date, explicit = occasion, False   # "said in a speech last week": the speech's day
            elif background is not None and near is None:
                pass   # "..., officials said, as the truce frayed": a state the report is set against, undated
            elif near is not None:
                date = near.value
                since = _since_before(text, sent.start, near.start)
                if since is None and near.text.lower().startswith("since"):
                    since = near.start   # "died of cholera since January": a starting point
                if near.text.lower().startswith("since"):
                    date = None   # "worst week since early August amid protests": a starting point
                if near.text.startswith("the ") and near.kind == "rel":
                    since = None   # "fled since the start of the month": a period of this month, no starting point
                if since is not None and near.kind == "wd" and since_weekday(text, near):
                    since, date = None, near.value   # "have fled since Tuesday": what began that day
                if since is not None and start < since:
                    date = None   # "the biggest rise since December 1981": a starting point, not the event's day
                if date is not None and near.end <= start and spread_since(text, end, sent.end):
                    date = None   # "withdrew on Thursday, and troops have arrested dozens since then": no one day
                explicit = date is not None
            else:
                if kind == "win":
                    date = results_day(text, exprs, end, sent.end)   # "won, according to results announced Thursday"
                if kind != "statement" and date is None:
                    date = _sentence_date(text, exprs, sent.start, start, mine, sayings)
                cls = _date_class(kind, m.group(0))
                if cls == "change" and _MARKET_RE.search(text, sent.start, start):
                    cls = None   # a market's move is of its own trading day (below), not the last statistic's
                ongoing = _SINCE_AFTER_RE.match(text, end) is not None   # "killed since the war began"
                # "1,100 residents have been evacuated": past the lead, a present perfect tells a state of the
                # report's time, not the day of the incident before it
                perfect = not perfect_ok and _PERFECT_RE.search(text, max(sent.start, start - 30), start) is not None
                state = state_before(text, sent.start, start)   # "the road remains cut by landslides"
                ongoing = ongoing or perfect or state
                if date is None and cls == "incident" and not ongoing and scene is not None \
                        and scene[0] == sent.paragraph and scene[1] > last_dated.get(cls, (0, "", -1, ""))[2] \
                        and not new_scene(text, sent.start, start):
                    date = scene[2]   # "Crowds gathered on Sunday night. Police detained seven": the scene's day
                if date is None and cls and not ongoing and cls in last_dated \
                        and (_near_enough(cls, sent.paragraph - last_dated[cls][0], si - last_dated[cls][2],
                                          last_dated[cls][1]) or (cls == "court" and _THE_COURT_RE.search(text, sent.start, start))) \
                        and not (kind == "statement" and last_dated[cls][3] != "statement"
                                 and last_dated[cls][2] == si):
                    # "threatened the mayor in March, prosecutors said": the saying is not the threat's day
                    date = last_dated[cls][1]
                if date is None and verb_day is not None and start > verb_day[0] and coordinated(text, start, end):
                    date = verb_day[1]   # "on Friday condemned the raid and summoned the envoy": both that day
                if date is None and kind in DISASTER_TYPES and not perfect and not state:
                    date = disaster_date
                if date is None and line_date and sent.paragraph == lead and kind != "change" \
                        and (release_line or m.group(0) not in _ATTRIBUTIONS):
                    date = line_date   # the lead of a dated release happened on its date line's day
                    explicit = kind in INCIDENT_TYPES   # and so, for the next sentences, did its incident
                if date is None and si == 0 and not line_date and kind != "change" \
                        and _PERFECT_RE.search(text, max(sent.start, start - 30), start):
                    date = _news_day(text, times, market_day)   # "Sweden has dropped its inquiry": the story's own day
                if date is None and kind == "change" and market_day and _MARKET_RE.search(text, sent.start, start):
                    date = market_day   # "the Nikkei declined 0.3%": a market report's moves are of its own day
            for a, b, value in whens:
                if a <= start < b and not (near is not None and a <= near.start < b
                                           and (near.start < end + 12 or (near.value or "").startswith(value))):
                    # a date further on in the clause belongs to what it subordinates ("an offensive that
                    # undid the gains of 2019"); one right after the trigger is its own ("won in 2019")
                    date, explicit = value, True   # "since August, when they met in Geneva": August
            if near is None and sent.paragraph == lead and kind in INCIDENT_TYPES \
                    and (date is None or date == line_date):
                lead_pending.append(len(dated))
            elif told_next is None and explicit and kind not in _SAYING_KINDS and kind != "change" and lead_pending \
                    and sent.paragraph == lead + 1 and sentences[si - 1].paragraph == lead:
                told_next = date
            if explicit:
                cls = _date_class(kind, m.group(0))
                # "the rebels, who seized it on Monday, killed 12": an aside's day is background, carried nowhere
                if cls and not (asides and _inside(asides, start)):
                    last_dated[cls] = (sent.paragraph, date, si, kind)
                if kind in DISASTER_TYPES and disaster_date is None:
                    disaster_date = date
            if relative is not None and start >= relative[0]:
                if not (near is not None and relative[0] <= near.start and near.end <= start
                        and text[near.end:start] in _PREMOD_GAP):   # "the March 1 vote" keeps its own
                    date = relative[1]   # "on Wednesday, a day after the commission declared": Tuesday
                relative = None
            if date:
                taken.add(date)
            dated.append((m, sent, date))
        day = scene_day(text, exprs, sent.start, taken, market_day) if exprs else None
        scene = (sent.paragraph, si, day) if day else scene
    dated = with_voting_day(text, _told_next(dated, lead_pending, told_next, line_date or market_day), times,
                            line_date or market_day)   # "won a by-election ... Thursday's vote": Thursday
    # "three days of fighting": a stretch of days, not the day the sentence names
    return [(m, sent, period_of_days(text, m.start(), d, m.end())) for m, sent, d in dated]


def _told_next(dated: list[tuple[re.Match[str], Sentence, str | None]], pending: list[int], day: str | None,
               latest: str | None) -> list[tuple[re.Match[str], Sentence, str | None]]:
    """Wire copy leads with the incident and the report ("gunmen killed 32 in a raid, officials said Monday")
    and tells its day in the next paragraph ("The attackers stormed the town late Saturday"): a lead incident
    no word of its own dates takes the day of the first dated incident that opens the second paragraph."""
    if not pending or day is None or len(day) != 10 or (latest is not None and day > latest[:10]):
        return dated
    for i in pending:
        m, sent, _ = dated[i]
        dated[i] = (m, sent, day)
    return dated
