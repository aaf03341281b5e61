"""Events: what happened, named by a trigger word, with actors, place and date.

Triggers come from one lexicon regex (attacks, strikes, explosions, clashes, raids, kidnappings,
talks, ceasefires, statements, rejections, arrests, releases, protests, elections, disasters,
accidents, outbreaks, evacuations, resignations, sanctions, economic changes, ...).

Dates, per event:

1. the nearest time expression in the same clause (``processors.dates``): "on Sunday",
   "yesterday's", "March 18", "at 3:32 a.m." (the publication day, unless the sentence has a date);
   a vague one ("in recent days") gives None. A statement only takes a date next to its verb
   ("said on Sunday", "On Sunday, police said"): other dates belong to what was said. A date in a
   "since ..." clause dates only the events inside that clause, and a month after an economic
   change ("rose in September") is the statistic's period, not an event date;
2. otherwise, a statement takes the date of the last explicitly dated statement in the same or the
   previous paragraph (a reporter's "told AFP on Sunday" covers the quotes that follow), and an
   incident (attack, explosion, evacuation, ...) the date of the last explicitly dated incident in the
   same or previous paragraph; a disaster or accident takes the first dated disaster of the article
   (a quake's collapses happen the day of the quake);
3. otherwise None: the gold convention is null where the text gives no time.

Actors are the capitalised names before the trigger in its clause (and "between X and Y" after it);
the location is the first capitalised name after "in/at/near".
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import Sequence

from newswire.processors import lexicon as lx
from newswire.processors.actors import Actor
from newswire.processors.dates import TimeExpr, sentence_times
from newswire.processors.gazetteer import Place
from newswire.processors.sentences import Sentence, prefix_regex

_TRIGGERS = [
    ("airstrike", r"air ?strikes?|airstrikes?|air raids?|drone strikes?|missile strikes?|bombing raids?"),
    ("ceasefire_end", r"(?:ended|ending|ends|broke|breaking|collapsed|violated|violating)(?=\s+(?:[\w'-]+\s+){0,3}?"
                      r"(?:cease-?fire|truce|peace deal)s?\b)"),
    ("end", r"(?:ended|ending|ends|end)(?=\s+(?:[\w'-]+\s+){0,3}?(?:war|talks|strike|siege|blockade|occupation"
            r"|conflict|fighting)\b)"),
    ("hostage_taking", r"taken hostage|hostage[- ]taking|(?:took|taken|taking|take|takes|seized|seize|seizing)"
                       r"(?=\s+(?:[\w'-]+\s+){0,3}?hostages?\b)"),
    ("kidnapping", r"kidnapp(?:ed|ing|ings)|abduct(?:ed|ion|ions|ing)"),
    ("bombing", r"bombings?|bombed|car bombs?|suicide bomb(?:ing|ings|er|ers)?|bomb attacks?|bombs?"),
    ("shelling", r"shelling|shelled|bombardments?|bombarded|artillery fire|rocket fire|mortar fire"),
    ("explosion", r"explosions?|blasts?|exploded|detonated|detonation"),
    ("attack", r"attacks?|attacked|attacking|assaults?|assaulted|ambush(?:ed|es)?|massacres?|massacred"
               r"|shootings?|stabbings?|opened fire|gunfire|retaliated|retaliation|shot dead|gunned down"
               r"|exchanged(?=\s+(?:[\w'-]+\s+)?(?:fire|gunfire|shots|artillery|rockets)\b)"
               r"|fired(?=\s+(?:[\w'-]+\s+){0,2}?(?:rockets?|missiles?|shells?|rounds|shots|mortars?|artillery"
               r"|drones?|at|on|upon|into)\b)"),
    ("casualties", r"killed|killing|killings|died|wounded|injured|drowned|deaths?"),
    ("clash", r"clash(?:es|ed)?|fighting|firefights?|skirmish(?:es)?|gun ?battles?|battles?|battled|fights?|fought"
              r"|brawls?|scuffles?|scuffled"),
    ("offensive", r"offensives?|incursions?|invasion|invaded|ground operation|military operation"),
    ("raid", r"raids?|raided|stormed|storming"),
    ("talks", r"talks|negotiations?|negotiated|negotiating|negotiate|summit|discussions|mediation|mediated"
              r"|dialogue|met with|engaged?(?=\s+(?:directly\s+|publicly\s+)?with)"),
    ("ceasefire", r"cease-?fires?|truces?|armistice|peace deal|peace agreement|peace accord"),
    ("rejection", r"rejected|rejects|rejecting|rejection|refused|refuses|refusal|vetoed|turned down|spurned"),
    ("statement", r"said|says|told|announced|announces|declared|declares|stated|reported|reports|confirmed"
                  r"|claimed|warned|insisted|urged|tweeted|wrote|quoted|statement|announcement|denied|denies"
                  r"|revealed|reveals|disclosed|discloses|acknowledged|admitted|estimated|predicted|forecast"),
    ("arrest", r"arrested|arrests?|arresting|detained|detention|custody|captured|apprehended|apprehend|jailed"
               r"|imprisoned|nabbed|rounded up"),
    ("trial", r"sentenced|convicted|acquitted|indicted|charged"),
    ("release", r"freed|released|release|releases|liberated|rescued"),
    ("protest", r"protests?|protested|demonstrations?|rall(?:y|ies)|marched|riots?|rioting"),
    ("strike", r"strikes?|walkouts?"),
    ("election", r"elections?|elected|re-elected|referendum|runoff|run-off|ballots?|voting|voted|votes?"
                 r"|inaugurat(?:ed|ion)|sworn in|polls"),
    ("earthquake", r"earthquakes?|quakes?|aftershocks?|tremors?|temblors?"),
    ("flood", r"floods?|flooding|flooded|floodwaters?|inundated"),
    ("storm", r"storms?|hurricanes?|typhoons?|cyclones?|tornado(?:es)?|blizzards?"),
    ("fire", r"wildfires?|bushfires?|forest fires?|blazes?|fires?|burned|burnt|burning"),
    ("disaster", r"landslides?|mudslides?|avalanches?|tsunamis?|eruptions?|erupted|droughts?|heat ?waves?"),
    ("accident", r"crash(?:ed|es)?|collisions?|collided|derail(?:ed|ment|ments)|collapsed?|collapses|capsized"
                 r"|sank|sinking|accidents?|stampedes?|ran aground"),
    ("outbreak", r"outbreaks?|epidemics?|pandemics?"),
    ("evacuation", r"evacuat(?:ed|ion|ions|ing|e)"),
    ("blockade", r"cut off|blockade[ds]?|siege|besieged"),
    ("aid", r"humanitarian aid|aid deliveries|aid convoys?|relief supplies"),
    ("resignation", r"resign(?:ed|ation|s)?|stepped down"),
    ("sanctions", r"sanctions|sanctioned|embargo|tariffs?"),
    ("mobilization", r"high alert|on alert|state of alert|mobili[sz](?:ed|ation)|deployed|deployment"),
    ("threat", r"threatened|threatens|threats?|vowed"),
    ("exchange", r"exchanges?|exchanged|swaps?|swapped|swapping|prisoner swap"),
    ("agreement", r"agreements?|deal|accord|pact|signed|agreed"),
    ("withdrawal", r"withdrew|withdrawn|withdrawal|pulled out|retreated"),
    ("capture", r"seized|seizure"),
    ("damage", r"destroyed|damaged|razed|flattened"),
    ("condemnation", r"condemned|condemns|denounced|criticised|criticized"),
    ("accusation", r"accused|accuses|blamed|blames"),
    ("visit", r"visited|visits|visit|arrived in"),
    ("meeting", r"met|meeting|meetings"),
    ("win", r"won|wins|victory|defeated"),
    ("concession", r"conceded|concedes|concession"),
    ("restriction", r"banned|bans|suspended|suspension|closed|closure|shut down|curfew|lockdown"
                    r"|state of emergency"),
    ("investigation", r"investigation|investigating|probe|inquiry"),
    ("search", r"search|searching|searched"),
    ("displacement", r"fled|fleeing|flee"),
    ("outage", r"power outages?|outages?|blackouts?|power cuts?|shutoffs?|shut(?:ting|s)? off|cut(?:ting)? off power"),
    ("strike_hit", r"struck|shot|hit|hits|stabbed|stabbing"),
    ("decision", r"approved|approves|passed|ratified|imposed|imposes|lifted|lifts|hiked|hikes"
                 r"|(?:cut|cuts|raised|raises|lowered|lowers)(?=\s+(?:its\s+|their\s+)?(?:key\s+|benchmark\s+|policy\s+)?"
                 r"(?:interest\s+)?rates?\b)"),
    ("expulsion", r"expelled|deported|deportation|deportations"),
    ("execution", r"executed|execution|hanged"),
    ("surrender", r"surrendered|surrender"),
    ("escape", r"escaped|escape|jailbreak"),
    ("unrest", r"looted|looting|unrest|violence|riot police"),
    ("start", r"began|begun|begins|started|launched|launching|resumed|broke out|first (?:appeared|emerged|detected"
              r"|identified|reported|confirmed)"),
    ("change", r"rose|risen|fell|fallen|declined|increased|decreased|dropped|climbed|jumped|surged|plunged|soared"
               r"|slumped|grew|shrank"),
]
TRIGGER_RE = re.compile(r"\b(?=[A-Za-z])(?:" + "|".join(rf"(?P<{name}>(?:{pattern})\b)" for name, pattern in _TRIGGERS)
                        + ")", re.IGNORECASE)


def _prefixes(pattern: str) -> set[str]:
    """First three characters of every word ``pattern`` can match (enough regex syntax for the lexicon)."""
    out: set[str] = set()
    depth, begin, alternatives = 0, 0, []
    for i, ch in enumerate(pattern):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            alternatives.append(pattern[begin:i])
            begin = i + 1
    alternatives.append(pattern[begin:])
    for alt in alternatives:
        if alt.startswith("(?:"):
            close, depth = 3, 1
            while depth:
                depth += {"(": 1, ")": -1}.get(alt[close], 0)
                close += 1
            out |= _prefixes(alt[3:close - 1])
            continue
        run = ""
        for i, ch in enumerate(alt):
            if ch in "?*":
                run = run[:-1]
                break
            if ch in "()[]|+\\":
                break
            run += ch
        if len(run) < 3:
            raise ValueError(f"trigger alternative {alt!r} needs three literal leading characters")
        out.add(run[:3].lower())
    return out


TRIGGER_PREFIXES = frozenset(p for _, pattern in _TRIGGERS for p in _prefixes(pattern))
_CANDIDATES = prefix_regex(TRIGGER_PREFIXES)


# per first letter, the lexicon types that can start with it: a candidate is tried against few branches
_BY_LETTER = {
    letter: re.compile("|".join(rf"(?P<{name}>(?:{pattern})\b)" for name, pattern in _TRIGGERS
                                if any(p[0] == letter for p in _prefixes(pattern))), re.IGNORECASE)
    for letter in sorted({p[0] for p in TRIGGER_PREFIXES})
}


def find_triggers(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Trigger matches in ``text[start:end]``, left to right, never overlapping."""
    found: list[re.Match[str]] = []
    last_end = start
    for w in _CANDIDATES.finditer(text, start, end):
        pos = w.start()
        if pos < last_end:
            continue
        m = _BY_LETTER[text[pos].lower()].match(text, pos, end)
        if m:
            found.append(m)
            last_end = m.end()
    return found
INCIDENT_TYPES = {"airstrike", "hostage_taking", "kidnapping", "bombing", "shelling", "explosion", "attack",
                  "casualties", "clash", "offensive", "raid", "evacuation", "earthquake", "flood", "storm",
                  "fire", "disaster", "accident"}
DISASTER_TYPES = {"earthquake", "flood", "storm", "fire", "disaster", "accident"}

_CAP_NP_RE = re.compile(r"\b[A-Z][\w'’.&-]*(?:\s+(?:of\s+|for\s+|and\s+(?=[A-Z][a-z]+\s+[A-Z]))?[A-Z][\w'’.&-]*)*")
_LOCATION_RE = re.compile(r"\b(?:in|at|near|outside|inside|across)\s+(?:the\s+)?"
                          r"(?P<loc>[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*)")
_BETWEEN_RE = re.compile(r"\bbetween\s+(?:the\s+)?(?P<a>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s+and\s+(?:the\s+)?"
                         r"(?P<b>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")
_NOT_NAMES = set("""The A An In On At As But And Or If When While After Before Since During It He She They We I
This That These Those There Here Its His Her Their Our Some Many Most Both All No Not Also Yesterday Today
Earlier Later Meanwhile However According Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
February March April May June July August September October November December Direct Indirect Unconfirmed
Reports Officials Police""".split()) | {w.title() for w in lx.COMMON_WORDS}
_NEW_CLAUSE_RE = re.compile(r"\b(?:and|but)\s+(?:the\s+)?[A-Z]|;|\bbut\b")
_CLAUSE_CUT_RE = re.compile(r"[,;:\"“”()]|\b(?:that|which|who|but|while|after|before|because)\b")


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    trigger: str
    start: int
    end: int
    actors: tuple[str, ...]
    location: str | None
    date: str | None           # ISO date, "YYYY-MM", or None
    sentence_start: int
    sentence_end: int
    place: Place | None = None             # ``location`` resolved in the gazetteer (processors.places)
    actor_details: tuple[Actor, ...] = ()  # ``actors`` with kind, role, country and agent/patient


def _clean_name(name: str) -> str:
    name = re.sub(r"(?:'s|’s)$", "", name.strip())
    return name.rstrip(".")


def _actors(text: str, sent: Sentence, start: int, end: int, cut_ends: list[int] | None = None) -> tuple[str, ...]:
    """``cut_ends``: where each ``_CLAUSE_CUT_RE`` match of the sentence ends (found once a sentence)."""
    if cut_ends is None:
        cut_ends = [m.end() for m in _CLAUSE_CUT_RE.finditer(text, sent.start, sent.end)]
    i = bisect.bisect_right(cut_ends, start)
    seg_start = cut_ends[i - 1] if i else sent.start
    names: list[str] = []
    for m in _CAP_NP_RE.finditer(text, seg_start, start):
        words = m.group(0).split()
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        if words:
            name = _clean_name(" ".join(words))
            if name and name not in names:
                names.append(name)
    between = _BETWEEN_RE.search(text, end, min(sent.end, end + 80))
    if between:
        for key in ("a", "b"):
            name = _clean_name(between.group(key))
            if name and name not in names:
                names.append(name)
    return tuple(names[-4:])


def _locations(text: str, sent: Sentence) -> list[tuple[int, str]]:
    """(start, name) of every place named after "in/at/near" in the sentence, in text order."""
    found = []
    for m in _LOCATION_RE.finditer(text, sent.start, sent.end):
        words = m.group("loc").split()
        while words and words[-1] in _NOT_NAMES:
            words = words[:-1]
        if not words or words[0] in _NOT_NAMES:
            continue
        found.append((m.start(), _clean_name(" ".join(words))))
    return found


def _location(text: str, sent: Sentence, start: int, places: list[tuple[int, str]] | None = None) -> str | None:
    """The first place named at or after the trigger, else the last one before it."""
    if places is None:
        places = _locations(text, sent)
    i = bisect.bisect_left(places, start, key=lambda place: place[0])
    if i < len(places):
        return places[i][1]
    return places[-1][1] if places else None


def _since_before(text: str, sent_start: int, pos: int) -> int | None:
    """Where the "since" clause holding ``pos`` starts, if ``pos`` is in one."""
    head = text[sent_start:pos]
    at = max(head.rfind("since "), head.rfind("Since "))
    if at < 0 or any(ch in head[at:] for ch in ",;:"):
        return None
    return sent_start + at


_SPEECH_GAP_RE = re.compile(r"\s*(?:[\w'’.-]+\s+){0,5}?")
_PREMOD_GAP = {" ", "'s ", "’s ", "-"}


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
    for i, e in enumerate(exprs):
        premod = [p for p in range(e.end + 3, e.end - 1, -1) if p in others and text[e.end:p] in _PREMOD_GAP]
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
                    and exprs[i].start - sent_start > 3:
                # "on Sunday said", "On Sunday, police said": only the sentence's first expression is left
                if dist > 4:
                    left = 0 if left >= 0 and exprs[0].start - sent_start <= 3 else -1
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
        if owned and i in owned and owned[i] != start:
            continue  # another trigger's date
        return exprs[i]
    return None


def find_events(text: str, sentences: Sequence[Sentence], published: dt.date | dt.datetime | None,
                times: Sequence[list[TimeExpr]] | None = None) -> list[Event]:
    """Every event trigger in ``text``, in text order, with actors, location and date."""
    if times is None:
        times = sentence_times(text, sentences, published)
    events: list[Event] = []
    last_dated: dict[str, tuple[int, str]] = {}   # class -> (paragraph, date) of its last explicit date
    disaster_date: str | None = None
    for sent, exprs in zip(sentences, times):
        matches = find_triggers(text, sent.start, sent.end)
        if not matches:
            continue
        if any(e.value for e in exprs if e.kind != "clock"):
            exprs = [e for e in exprs if e.kind != "clock"]  # "at 6 a.m. on March 2": the date speaks
        owned = _claimed(text, matches, exprs) if exprs else {}
        clauses = _Clauses(text, sent.start, sent.end)
        starts = [e.start for e in exprs]
        cut_ends = [c.end() for c in _CLAUSE_CUT_RE.finditer(text, sent.start, sent.end)]
        places = _locations(text, sent)
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
                if since is not None and start < since:
                    date = None   # "the biggest rise since December 1981": a starting point, not the event's day
                if kind == "change" and (near.kind in ("inmonth", "my")
                                         or (near.kind == "rel" and near.value and len(near.value) == 7)):
                    date = None  # "employment rose in September": the statistic's period, not an event date
                explicit = date is not None
            else:
                cls = "statement" if kind == "statement" else "incident" if kind in INCIDENT_TYPES else None
                if cls and cls in last_dated and sent.paragraph - last_dated[cls][0] <= 1:
                    date = last_dated[cls][1]
                if date is None and kind in DISASTER_TYPES:
                    date = disaster_date
            if explicit:
                cls = "statement" if kind == "statement" else "incident" if kind in INCIDENT_TYPES else None
                if cls:
                    last_dated[cls] = (sent.paragraph, date)
                if kind in DISASTER_TYPES and disaster_date is None:
                    disaster_date = date
            events.append(Event(kind, m.group(0), start, end, _actors(text, sent, start, end, cut_ends),
                                _location(text, sent, start, places), date, sent.start, sent.end))
    return events
