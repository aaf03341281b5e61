"""Events: what happened, named by a trigger word, with actors, place and date.

Triggers come from one lexicon regex (attacks, strikes, explosions, clashes, raids, kidnappings,
talks, ceasefires, statements, rejections, arrests, releases, protests, elections, disasters,
accidents, outbreaks, evacuations, resignations, sanctions, economic changes, courts, health,
business, ...). A trigger is an event only where it names a happening (``_names_a_happening``: not a
modifier, a topic, an unrealised or denied act, a participle used as an adjective or a word inside a
name), and one happening gives one event (``_happenings``: "launched an offensive" is the offensive).

Dates, per event:

1. the nearest time expression in the same clause (``processors.dates``): "on Sunday",
   "yesterday's", "March 18", "at 3:32 a.m." (the publication day, unless the sentence has a date);
   a vague one ("in recent days") gives None. A statement only takes a date next to its verb
   ("said on Sunday", "On Sunday, police said"): other dates belong to what was said. A date in a
   "since ..." clause dates only the events inside that clause, and a month after an economic
   change ("rose in September") is the statistic's period, not an event date;
2. otherwise, a date of its sentence that no other trigger owns and that is no starting point
   ("since March"): "On Friday the river rose, and the flood cut the road";
3. otherwise, a statement takes the date of the last explicitly dated statement of its paragraph (a
   reporter's "told AFP on Sunday" covers the quotes that follow), and an incident (attack,
   explosion, evacuation, ...) the date of the last explicitly dated incident up to three sentences
   back; a disaster or accident takes the first dated disaster of the article (a quake's collapses
   happen the day of the quake); none of these reach a count that runs "since ...". An event of
   the lead of a text with a dated dateline ("LIMA, March 4 (Reuters) -") takes the dateline's date;
4. otherwise None: the gold convention is null where the text gives no time.

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
from newswire.processors.dateline import dateline_date
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
                  r"|welcomed|posted|published|issued|described|suggested|pointed out|argued|called"
                  r"|claimed|warned|insisted|urged|tweeted|wrote|quoted|statement|announcement|denied|denies"
                  r"|revealed|reveals|disclosed|discloses|acknowledged|admitted|estimated|predicted|forecast"),
    ("arrest", r"arrested|arrests?|arresting|detained|detention|custody|captured|apprehended|apprehend|jailed"
               r"|imprisoned|nabbed|rounded up"),
    ("trial", r"sentenced|convicted|acquitted|indicted|charged"),
    ("plea", r"pleaded|pleads|pled guilty"),
    ("ruling", r"ruled|ruling|overturned|upheld|struck down"),
    ("lawsuit", r"sued|lawsuits?|filed suit|appealed"),
    ("fine", r"fined|penali[sz]ed"),
    ("order", r"ordered|orders"),
    ("appointment", r"appointed|nominated|sworn in as|been named|was named|were named|selected|chose|chosen|picked"),
    ("diagnosis", r"diagnosed|tested positive|hospitali[sz]ed"),
    ("layoffs", r"laid off|layoffs|job cuts|lay off"),
    ("merger", r"acquired|acquisition|merger|takeover|bought out"),
    ("recall", r"recalled|recalls"),
    ("murder", r"murdered|slain|slaying"),
    ("quarantine", r"quarantined|quarantines?|self-isolat(?:ed|ing)"),
    ("hearing", r"hearings?|testified|testify|testifies|testimony|testimonies|deposition"),
    ("charge", r"charges"),
    ("call", r"phone calls?|telephone calls?|call with"),
    ("dismissal", r"sacked|dismissed|ousted|axed|removed from office|impeached|impeachment"),
    ("discovery", r"discovered|discovery|detected"),
    ("filing", r"filed|submitted"),
    ("launch", r"launch|launches|unveiled|unveils|rolled out|rollout|introduced|debuted"),
    ("transaction", r"sold|bought|purchased|purchases?|paid|earned|raised"),
    ("return", r"returned|returning"),
    ("eviction", r"evicted|evictions?"),
    ("hiring", r"recruited|hired|enlisted"),
    ("legalization", r"legali[sz]ed|legali[sz]ation|outlawed|criminali[sz]ed"),
    ("extension", r"extended|extension"),
    ("reopening", r"reopened|re-opened|reopening|reopens"),
    ("speech", r"speech|speeches|spoke|remarks"),
    ("trip", r"trip|travell?ed|flew|toured"),
    ("demand", r"demanded|demanding|demands|called for|calls for|calling for|urging|invited"),
    ("transfer", r"transported|transferred|handed over|deported|extradited|extradition"),
    ("criticism", r"criticism|slammed|blasted|lambasted|praised"),
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
                 r"|hike"
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
                  "fire", "disaster", "accident", "murder", "arrest", "search", "strike_hit", "damage", "outage"}
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
        if _is_premod_year(text, exprs[i]) and not (owned and owned.get(i) == start):
            continue  # "a 2010 rape allegation": the year of the noun it modifies
        return exprs[i]
    return None


def _is_premod_year(text: str, e: TimeExpr) -> bool:
    """A year written before a noun ("a 2010 rape allegation"), not "in 2010" or "during the 2018 flu
    season": it dates only that noun."""
    return (e.kind == "year" and e.text.isdigit()
            and _TIME_PP_RE.search(text, max(0, e.start - 24), e.start) is None)


_TIME_PP_RE = re.compile(r"\b(?:during|in|since|before|after|until|by|throughout|over|for)\s+(?:the|its|their|his|her"
                         r"|this|that|a)\s+$", re.IGNORECASE)


# ------------------------------------------------------------------ which triggers name a happening
# A trigger word names a happening only in some contexts: not as a modifier ("death toll", "assault rifles",
# "quake-hit", "anti-war"), not as the topic of other words ("talks on a ceasefire", "a proposal for a
# truce"), not unrealised ("would attack", "plans to release"), not denied ("no deaths were reported"); and
# one happening gets one event ("launched an offensive" is the offensive, "ended the truce" the ending).
_MODIFIED_HEADS = frozenset("""toll tolls count counts rate rates zone zones site sites victims victim survivors
rifle rifles weapon weapons helicopter helicopters jets aircraft squad squads forces unit units group groups
officials official commission committee campaign campaigns result results process plan plans proposal proposals
law laws bill bills day days centre center centres centers camp camps shelter shelters effort efforts team teams
workers worker warning warnings alert alerts season line lines monitors observers mechanism terms status fund
funds relief response suspects suspect debris risk risks fears fear concerns scene aftermath anniversary
investigators prevention preparedness insurance policy policies rules regulations measures order orders ban
report reports data figures statistics numbers total tally map hearing charges date deadline period hours
memorial ready readiness footage video videos images photos damage losses claims money officer officers
security vehicle vehicles convoy convoys route routes materials supplies gear equipment technology tactics
strategy threat threats alarm alarms drill drills exercise exercises training cycle mode hearing hearings police
sham inquiry proceedings probe trial vote articles managers case cases inquiry panel witnesses witness facility
facilities weather project projects danger dangers agency agencies engine engines crew crews chief chiefs
department departments alarm""".split())
_TOPIC_BEFORE_RE = re.compile(
    r"(?:\b(?:towards?|regarding|about|concerning|on|for|over|of|seeking|sought|seek|demanding|demanded|demand"
    r"|discussing|discussed|discuss|proposed|proposing|propose|negotiating|brokering|broker|reach|reached"
    r"|prevent|prevented|preventing|avoid|avoided|stop|halt|agree to|agreed to|opposed|oppose|against"
    r"|reaching|agree on|agreed on|push for|pushed for|calls for|called for|call for|calling for)\s+"
    r"(?:(?:an?|the|any|possible|potential|proposed|future|lasting|permanent|new|durable|comprehensive|full"
    r"|broader|wider|\d+-day|[\w'’-]+-(?:day|week|month|stage|phase|point))\s+){0,3}"
    r"|\b(?:potential|possible|proposed|planned|future|prospective|would-be|any)\s+(?:[\w'’-]+\s+)?)$",
    re.IGNORECASE)
_TOPIC_TYPES = frozenset({"ceasefire", "agreement", "exchange", "aid", "talks", "release", "election",
                          "withdrawal", "sanctions", "investigation", "meeting", "visit", "surrender",
                          "attack", "offensive", "strike", "protest", "evacuation", "end"})
_UNREAL_BEFORE_RE = re.compile(
    r"(?:\b(?:would|could|will|may|might|should|must|can|cannot|can't|won't|wouldn't|shall|to|if|unless)"
    r"(?:\s+(?:not|never|also|then|still|soon|further|be|have|be\s+able\s+to|[a-z]{2,20}ly))*"
    r"|\b(?:not|never|no|nor)(?:\s+(?:been|be|yet|a|an|the|any|one|single|immediate|major|new|more|serious"
    r"|injuries|deaths|casualties|damage|or|reports?\s+of|were|was|is|are|being|immediately|initially"
    r"|officially))*)\s+$", re.IGNORECASE)
_TO_IS_A_PREPOSITION = frozenset("""due prior response addition related linked owing thanks compared subject close
next leading led lead contributed contributing return returned according opposition resistance reaction
able managed
reference way path road key end ahead""".split())
_LIGHT_VERBS = frozenset({"start", "decision", "transaction"})   # verbs that give way to the happening they govern
_STATEMENT_NOUN_RE = re.compile(r"statement|announcement|reports?|quoted", re.IGNORECASE)
_NOUN_BEFORE_REPORTS = frozenset("""the a an earlier unconfirmed media news local some several these those his her
their its recent initial press new conflicting first further other many witness state official""".split())
_IN_A_RE = re.compile(r"\b(?:in|with) (?:a|an|its|their|his|her|the)(?: [\w-]+)?\s+$", re.IGNORECASE)
_PASSIVE_HEDGE_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:\w+ly|often|also|sometimes|still|now|widely)\s+)?$", re.IGNORECASE)
_OBJECT_GAP_RE = re.compile(r"\s+(?:(?:an?|the|its|their|his|her|a\s+new|new|major|fresh|last|latest|first"
                            r"|second|renewed|wider|large-scale|all-out|full-scale|ground|air|military"
                            r"|[\w'’-]+-(?:day|week|month|scale|long))\s+){0,3}")


def _word_before(text: str, pos: int) -> str:
    parts = text[max(0, pos - 30):pos].rsplit(None, 1)
    return parts[-1].lower().strip("\"“”'(,") if parts else ""


_ADJ_BEFORE = frozenset({"the", "a", "an", "its", "their", "his", "her", "newly", "recently", "partially",
                         "previously", "already", "those", "these"})
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten dozen dozens hundreds thousands".split())
_NOT_ADJ_ADVERBS = frozenset({"only", "reportedly", "early", "allegedly", "jointly", "publicly", "formally"})


_TARGET_NOUNS = frozenset("""expectations expectation estimates forecasts forecast targets target goals goal
requirements criteria standards deadline deadlines demand lowered raised analysts""".split())
_RECORD_AFTER_RE = re.compile(r"\s+(?:a\s+|new\s+|fresh\s+)?(?:record|all-time|multi-year|\d+-(?:year|month|week))"
                              r"|\s+(?:new\s+|fresh\s+)?(?:highs?|lows?|peaks?)\b")
_MARKET_WORDS = frozenset("""market markets stock stocks share shares equity equities bond bonds relief oil dollar
price prices year-end""".split())
_BE_FORMS = frozenset({"is", "was", "are", "were", "be", "been", "being", "he's", "she's", "he’s", "she’s",
                       "remains", "remained", "remain", "taken", "placed", "put"})


def _premodifies(prev_word: str, nxt_word: str) -> bool:
    """Whether a participle between these words modifies a noun: "the freed militants", "three confirmed
    cases"."""
    if not nxt_word or not nxt_word.isalpha() or nxt_word in lx.FUNCTION_WORDS or nxt_word.endswith("ly"):
        return False
    return (prev_word in _ADJ_BEFORE or prev_word in _NUMBER_WORDS or prev_word.replace(",", "").isdigit()
            or (prev_word.endswith("ly") and prev_word not in _NOT_ADJ_ADVERBS))


def _names_a_happening(text: str, sent_start: int, m: re.Match[str]) -> bool:
    """Whether trigger ``m`` names something that happened, from its few neighbouring words."""
    kind = m.lastgroup or "other"
    start, end = m.span()
    word = m.group(0).lower()
    after = text[end:end + 40]
    before = text[max(sent_start, start - 80):start]
    if after[:1] == "-" and after[1:2].isalpha():
        return False   # "quake-hit", "battle-ready", "war-torn": a modifier
    if before[-1:] == "-" and before[-2:-1].isalpha():
        return False   # "anti-war", "post-election"
    nxt = after.split(None, 1)
    nxt_word = nxt[0].lower().strip(".,;:\"”)") if nxt and after[:1].isspace() else ""
    if nxt_word in _MODIFIED_HEADS and after[:1] == " " and not word.endswith(("ed", "ing")):
        return False   # "death toll", "assault rifles", "election campaign", "battle ready"
    if kind == "statement":
        if _STATEMENT_NOUN_RE.fullmatch(word) and (_IN_A_RE.search(before) or start - sent_start <= 1
                                                    or _word_before(text, start) in _NOUN_BEFORE_REPORTS):
            return False   # "said in a statement", "Earlier reports from", "Reports say": the verb is the event
        if word == "called" and _PASSIVE_HEDGE_RE.search(before):
            return False   # "are often called hieleras": a name, not a statement
        if _PASSIVE_HEDGE_RE.search(before) and re.match(r"\s+to\b", after):
            return False   # "are reported to have been killed", "is said to be": a hedge, not a statement
        if re.match(r"\s+(?:is|are|was|were|had|have|has)\b", after) \
                and not re.search(r"\b(?:it|this|that)\s+$", before):
            return False   # "34 the army says are dead": a parenthetical
        if word == "called" and _PASSIVE_HEDGE_RE.search(before):
            return False   # "are often called hieleras": a name, not a statement
        if _PASSIVE_HEDGE_RE.search(before) and re.match(r"\s+(?:[a-z]+ed|dead|missing|hurt|safe|alive)\b", after):
            return False   # "were reported freed", "was reported dead": the happening is the next word
    prev_word = _word_before(text, start)
    if word.endswith("ed") and _premodifies(prev_word, nxt_word) and after[:1] == " ":
        return False   # "the freed militants", "a newly revealed call": an adjective
    prev_raw = text[max(sent_start, start - 30):start].split()
    if m.group(0)[:1].isupper() and prev_raw and prev_raw[-1][:1].isupper() and kind != "storm":
        return False   # "the Black Death", "Bloody Sunday Inquiry": part of a name
    if kind == "statement" and word == "said" and prev_word == "that" and start - sent_start <= 6:
        return False   # "That said, ...": an idiom
    if kind == "release" and (prev_word in ("press", "news", "office", "media", "joint") or _IN_A_RE.search(before)):
        return False   # "a press release", "said in the release": a document
    if kind == "strike_hit" and re.match(r"\s+(?:me|him|her|us|them|it)\s+as\b", after):
        return False   # "struck me as odd"
    if kind == "strike_hit" and prev_word in ("hard", "worst", "badly", "hardest", "heavily"):
        return False   # "hard hit": a state
    if word == "signed" and nxt_word == "up":
        return False   # "customers signed up for a trial": joining, not an agreement
    if word == "meeting" and nxt_word in _TARGET_NOUNS:
        return False   # "data meeting lowered expectations": reaching a mark, not a meeting
    if kind == "strike_hit" and _RECORD_AFTER_RE.match(after):
        return False   # "stocks hit record highs": a level reached, not a strike
    if word == "estimated" and (prev_word in ("an", "the", "some") or nxt_word[:1].isdigit()
                                or nxt_word in _NUMBER_WORDS):
        return False   # "an estimated 25 million people": a hedge on a number, not a statement
    if kind == "protest" and word.startswith("rall") and prev_word in _MARKET_WORDS:
        return False   # "the market rally", "stocks rallied": prices rising, not a protest
    if word == "custody" and not (prev_word == "into" or (prev_word == "in" and _word_before(
            text, text.rfind("in", max(sent_start, start - 6), start)) in _BE_FORMS)):
        return False   # "migrants held in federal custody", "custody battle": a state; "taken into custody" acts
    unreal = _UNREAL_BEFORE_RE.search(before)
    if unreal:
        lead = unreal.group(0).split()[0].lower()
        if lead != "to" or _word_before(text, unreal.start()) not in _TO_IS_A_PREPOSITION:
            if not (lead == "to" and kind in ("casualties",) and word.endswith("ed")):
                return False   # "would attack", "to release", "did not attack", "no deaths"
    if _is_topic(text, sent_start, m):
        return False   # "progress towards a truce", "a proposal for a 45-day truce", "a possible exchange"
    return True


def _is_topic(text: str, sent_start: int, m: re.Match[str]) -> bool:
    if m.lastgroup in _TOPIC_TYPES and _TOPIC_BEFORE_RE.search(text, max(sent_start, m.start() - 80), m.start()):
        return True
    return not m.group(0).lower().endswith("ed") and _MAYBE_BEFORE_RE.search(
        text, max(sent_start, m.start() - 50), m.start()) is not None   # "the risk of an outbreak"


_MAYBE_BEFORE_RE = re.compile(
    r"\b(?:potential|possible|proposed|planned|future|prospective|would-be|risks? of|threat of|fears? of"
    r"|prevent|prevents|preventing|avoid|avoids|avoided|avoiding|seeking|seeks|sought|success of|hopes? (?:of|for)"
    r"|chances? of|prospects? of|likelihood of|in case of|in the event of)"
    r"\s+(?:(?:an?|the|any|his|her|its|their)\s+)?(?:[\w'’-]+\s+)?$", re.IGNORECASE)


def _same_happening(text: str, kept: list[re.Match[str]], m: re.Match[str]) -> bool:
    """True when ``m`` is the object of the trigger kept just before it ("ended the ceasefire"), or when the
    one before is a light verb whose object ``m`` is ("launched an offensive"): one happening, one event."""
    if not kept:
        return False
    prev = kept[-1]
    gap = _OBJECT_GAP_RE.match(text, prev.end(), m.start())
    if gap is None or gap.end() != m.start():
        return False
    if prev.lastgroup == "statement" or m.lastgroup == "statement":
        return False
    return True


_OF_GAP_RE = re.compile(r"\s+of\s+(?:the\s+)?")
_AUX_GAP_RE = re.compile(r"(?:\s+(?:in|of|on|at|near|off)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)?,?"
                         r"\s+(?:(?:has|have|had|was|were|is|also|then|later|first)\s+){0,2}")


def _restates(text: str, kept: list[re.Match[str]], m: re.Match[str]) -> bool:
    """True when ``m`` only restates the trigger before it: "an exchange of fire", "the quake struck"."""
    if not kept:
        return False
    prev = kept[-1]
    if prev.lastgroup != "statement" and not prev.group(0).lower().endswith(("ed", "ing")):
        gap = _OF_GAP_RE.match(text, prev.end(), m.start())
        if gap is not None and gap.end() == m.start():
            return True   # "an exchange of fire", "a wave of attacks"
    if m.lastgroup == "strike_hit" and prev.lastgroup in INCIDENT_TYPES:
        gap = _AUX_GAP_RE.match(text, prev.end(), m.start())
        return gap is not None and gap.end() == m.start()   # "the earthquake has struck", "the storm hit"
    return False


_LIST_GAP_RE = re.compile(r"(?:\s+[\w'’-]+){0,4}?(?:\s*,|\s+and|\s+or)(?:\s+(?:an?|the|[\w'’-]+)){0,3}\s+")


def _happenings(text: str, sent_start: int, matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """The triggers of a sentence that name a happening, one per happening."""
    kept: list[re.Match[str]] = []
    topic_end = -1   # where the last trigger read as a topic ends: "a truce and a prisoner exchange" share it
    for m in matches:
        if m.lastgroup in _TOPIC_TYPES and 0 <= topic_end and _LIST_GAP_RE.fullmatch(text, topic_end, m.start()):
            topic_end = m.end()
            continue
        if not _names_a_happening(text, sent_start, m):
            if _is_topic(text, sent_start, m):
                topic_end = m.end()
            continue
        if _restates(text, kept, m):
            continue
        if _same_happening(text, kept, m):
            if kept[-1].lastgroup in _LIGHT_VERBS:
                kept[-1] = m   # "launching a major offensive": the offensive
            continue           # "ended the ceasefire": the ending
        if kept and kept[-1].lastgroup == "statement" and m.lastgroup == "statement" \
                and not _CLAUSE_CUT_RE.search(text, kept[-1].end(), m.start()):
            continue   # "quoted a source as saying", "said in a statement": one statement
        kept.append(m)
    return kept


# what someone says, urges or denies: a date given for one covers the next ones of its paragraph
_SAYING_KINDS = frozenset({"statement", "accusation", "demand", "condemnation", "rejection", "threat", "denial"})
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


def _near_enough(cls: str, paragraphs: int, sentences: int) -> bool:
    """Whether an explicit date still covers a trigger this far on: a statement's, to the end of its
    paragraph (a "told AFP on Sunday" covers the quotes that follow); an incident's, for three sentences
    (wire copy gives a paragraph a sentence)."""
    return paragraphs == 0 if cls == "statement" else sentences <= 3


def find_events(text: str, sentences: Sequence[Sentence], published: dt.date | dt.datetime | None,
                times: Sequence[list[TimeExpr]] | None = None) -> list[Event]:
    """Every event trigger in ``text``, in text order, with actors, location and date."""
    if times is None:
        times = sentence_times(text, sentences, published)
    line_date = dateline_date(text, published)
    lead = sentences[0].paragraph if sentences else 0
    events: list[Event] = []
    last_dated: dict[str, tuple[int, str, int, str]] = {}   # class -> (paragraph, date, sentence, kind) last dated
    disaster_date: str | None = None
    for si, (sent, exprs) in enumerate(zip(sentences, times)):
        matches = _happenings(text, sent.start, find_triggers(text, sent.start, sent.end))
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
            if explicit:
                cls = "statement" if kind in _SAYING_KINDS else "incident" if kind in INCIDENT_TYPES else None
                if cls:
                    last_dated[cls] = (sent.paragraph, date, si, kind)
                if kind in DISASTER_TYPES and disaster_date is None:
                    disaster_date = date
            events.append(Event(kind, m.group(0), start, end, _actors(text, sent, start, end, cut_ends),
                                _location(text, sent, start, places), date, sent.start, sent.end))
    return events
