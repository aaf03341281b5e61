"""Time expressions in news text, resolved against the publication date.

One compiled regex finds the candidate phrases ("on Sunday", "yesterday's", "March 18",
"October 7, 2023", "in March", "Thursday afternoon", "at 3:32 a.m.", "in recent days", ...); each is
resolved by plain calendar arithmetic, cached per (phrase, publication date, tense). The phrases news
uses are few and regular, so neither dateparser nor dateutil is called at run time: they would cost
milliseconds a phrase for no gain in accuracy on these forms.

Values are ISO dates ("2025-05-11"), months ("2025-03") or None (a year alone, a week, a vague
period, or a relative phrase with no publication date). ``vague`` marks phrases that name a time but
no resolvable one ("in recent days", "for decades" is *not* a time point and is not returned).
Resolution rules: a weekday or month-day without a year is the most recent such day on or before
publication, unless the sentence speaks of the future ("will", "next", "scheduled"...), then the next.
A clock time alone ("at 3:32 a.m.") is the publication day. A day told from another ("the day before", "two
days later", "that night": kind ``ana``) has no value here; ``time_anaphors.resolve_anaphors`` gives it one.
A week or weekend ("last week", "over the weekend") is its month where it lies in one, a season ("this fall")
its year (``processors.date_periods``); a span ("between January and June", kind ``span``) is vague: it
dates no one event. "Overnight" is the night into the day the sentence names, else the publication day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from newswire.processors.date_periods import season_year, shift_month, week_month, weekend_month
from newswire.processors.dateline import dateline_date
from newswire.processors.first_char import by_first_char
from newswire.processors.word_scans import literal_prefixes, prefix_regex, scan_words, word_start_regex

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_SPAN_END = rf"(?:(?:early|mid|late)[- ])?(?:{_MONTH}(?:,?\s+(?:19|20)\d\d)?|(?:19|20)\d\d)\b"

TIME_RE = re.compile(
    r"(?<!\w)(?=\w)(?:"  # tried only at word starts: five times faster than leaving it to each branch
    rf"(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)"
    # a span of months or years ("between January and June", "from 2017 to 2020") dates no one day or month
    rf"|(?P<span>\b(?i:between|from)\s+{_SPAN_END}\s+(?:and|to|until|through)\s+{_SPAN_END})"
    rf"|(?P<my>\b(?:(?:early|mid|late)[- ])?(?P<mym>{_MONTH})\s+(?:(?P<myy>(?:19|20)\d\d)\b"
    r"|(?:of\s+)?(?P<myq>this|last|next)\s+year\b))"
    rf"|(?P<mdy>\b(?P<mdm>{_MONTH})\s+(?P<mdd>[0-3]?\d)(?:st|nd|rd|th)?\b(?!:)"
    r"(?:\s*(?:-|\u2013|to)\s*[0-3]?\d\b(?![:.,]?\d))?(?:,?\s+(?P<mdy_y>(?:19|20)\d\d)\b)?)"
    rf"|(?P<dmy>\b(?P<dmd>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmm>{_MONTH})(?:,?\s+(?P<dmy_y>(?:19|20)\d\d)\b)?)"
    rf"|(?P<inmonth>\b(?i:in|during|since|until|by|from|of|last|this past|this|past|next|early|mid|late|earlier in"
    rf"|later in)"
    rf"(?:\s+(?:early|mid|late))?[- ](?P<imm>{_MONTH})\b(?!\.?[ \u00a0]*(?:\d|(?:of\s+)?(?:this|last|next)\s+year\b)))"
    rf"|(?P<wd>\b(?:(?P<wdq>(?i:last|this past|this|next|on|late on|early on|late|early))\s+)?(?P<wdn>{_WEEKDAY})"
    rf"(?:'s)?{_PART}\b)"
    r"|(?P<rel>\b(?i:yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening)"
    r"|earlier today|later today|(?:this|last|next) (?:month|year|week)|earlier this (?:month|year|week)"
    r"|(?:late|early) this (?:morning|afternoon|evening)|overnight"
    r"|(?P<sofar>the (?:start|beginning) of (?:the|this) (?:month|year))|(?P<wkend>over the weekend|at the weekend|last weekend)"
    r"|(?P<season>(?:this|last|next|earlier this|later this) (?:spring|summer|fall|autumn|winter))"
    r"|(?P<ago>(?:one|two|three|four|five|six|seven|\d{1,2}) days ago)|(?P<wago>(?:a|one|two|three|four) weeks? ago)"
    r"|(?P<mago>(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2}) (?:year|month)s? ago))(?:'s)?\b)"
    # a day told from the last one named: "the day before", "two days later", "that night" (resolved by
    # ``time_anaphors.resolve_anaphors``; alone, they name no day)
    r"|(?P<ana>\b(?i:(?:the (?:day|night)|(?:a|one|two|three) days?) (?:before|after)"
    r"(?!'s|\s+(?:the|a|an|his|her|its|their|this|that|he|she|it|they|we|[A-Z\d])\b)"   # not "the day before the vote"
    r"|the (?:previous|following|next) (?:day|morning|night|evening|afternoon)|the same day"
    r"|(?:a|one|two|three) days? (?:later|earlier)"
    r"|(?:later|earlier) (?:that|in the) (?:day|night|morning|evening|afternoon)"
    r"|that (?:same )?(?:day|night|morning|evening|afternoon))\b)"
    r"|(?P<vague>\b(?i:in (?:the )?recent (?:days|weeks|months|years)|recently|in the (?:past|last) (?:few )?"
    r"(?:days|weeks|months)|(?:in|over|during) the (?:past|last) (?:day|week|fortnight|24 hours|48 hours|seven days)"
    r"|in the coming (?:days|weeks|months)"
    r"|(?:several|a few|some) (?:days|weeks|months|years) ago|days earlier|weeks earlier)\b)"
    r"|(?P<clock>\b[0-2]?\d[:.][0-5]\d\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|local time)"
    r"|\b[0-2]?\d:[0-5]\d\b|\b1?\d\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b[0-2]\d[0-5]\d\s*(?:GMT|UTC|hrs|local time)\b)"
    rf"|(?P<year>\b(?:(?i:in|since|of|during|until|by|from|between|early|late|mid)[- ]"
    r"(?P<yy>(?:19|20)\d\d\b(?![,.]?\d)"
    # an older year: "born in 1889", "in 1865," but not a count before its noun ("in 1500 homes")
    r"|1[5-8]\d\d\b(?![,.]?\d)(?![ \u00a0]+(?!(?:and|or|in|at|on|to|as|but|by|with|when|after|before|until|during"
    r"|he|she|it|they|the|a|an)\b)[a-z]))"
    r"|(?:(?<=\b[Tt]he )|(?<=\b[Hh]is )|(?<=\b[Hh]er )|(?<=\b[Ii]ts )|(?<=\btheir )|(?<=\b[Aa] )|(?<=\ban ))"
    r"(?P<yp>(?:19|20)\d\d)(?= [a-z]| [A-Z][a-z])|(?<=['’]s |s['’] )(?P<ys>(?:19|20)\d\d)(?= [a-z]))))",
)
# where a time expression can start: a digit, a month or weekday name, or one of a few lead words
# followed by what the expression needs (checked against TIME_RE.finditer in the tests). Tried only inside
# a lookahead at every word start, so alternatives are grouped by their first letter, written as a
# case-sensitive class (with the letters IGNORECASE folds onto it: long s, dotted and dotless i): the engine
# skips an alternative whose class does not hold the word's first letter without entering it
_LEAD_ON = r"\s(?:[A-Z\d]|(?i:the (?:past|last|coming|weekend)|recent|early|mid|late))"   # "in March", "on the past"
_AGO = r" (?:year|month)s? ago"
CANDIDATE_BODY = (
    r"\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    r"|[Yy](?i:esterday)"
    r"|[Tt](?i:oday|onight|omorrow|his\b|wo days|hree days|(?:wo|hree|en)" + _AGO + r"|(?:wo|hree) weeks? ago"
    r"|he (?:day|night|previous|following|next|same|start of|beginning of)\b|hat (?:same )?(?:day|night|morning|evening|afternoon)\b)"
    r"|[Rr](?i:ecently)"
    r"|[Oo](?:(?i:ver the weekend|ver the (?:past|last) |vernight|ne days?|ne (?:year|month|week)s? ago)|(?i:f|n)" + _LEAD_ON + ")"
    r"|[Ss\u017f](?:(?i:everal|ome (?:days|weeks|months|years)|ix days|even days|(?:ix|even)" + _AGO + r")"
    r"|(?i:ince)" + _LEAD_ON + ")"
    r"|[Dd](?:(?i:ays earlier)|(?i:uring)" + _LEAD_ON + ")"
    r"|[Ww](?i:eeks earlier)"
    r"|[Nn](?i:oon|ext\b|ine" + _AGO + ")"
    r"|[Mm](?i:idnight|id\b)"
    r"|[Ff](?:(?i:our days|ive days|(?:our|ive)" + _AGO + r"|our weeks? ago)|(?i:rom)" + _LEAD_ON + ")"
    r"|[Ll](?i:ast\b|ater\b|ate\b)"
    r"|[Ee](?i:arlier\b|arly\b|(?:ight|leven)" + _AGO + ")"
    r"|[Aa](?:(?i: few (?:days|weeks|months|years)| (?:year|month)s? ago| weeks? ago| day)|(?i:t)" + _LEAD_ON + ")"
    r"|[Ii\u0130\u0131](?i:n)" + _LEAD_ON + r"|[Bb](?i:y|etween)" + _LEAD_ON + r"|[Uu](?i:ntil)" + _LEAD_ON)
_CANDIDATES = word_start_regex(CANDIDATE_BODY, r"\dabdefijlmnorstuwyABDEFIJLMNORSTUWY")
by_first_char(TIME_RE)   # split for ``scan_words`` now, at import, not on the first article's clock
_FUTURE_RE = re.compile(r"\b(?:will|'ll|shall|is due|are due|(?<!was )(?<!were )(?<!been )scheduled|is set to"
                        r"|are set to|upcoming|next)\b")
_CLAUSE_BREAK_RE = re.compile(r"[,;:]|\b(?:who|which|that|because)\b")
_TENSED = frozenset({"mdy", "dmy", "inmonth", "wd"})   # the kinds whose reading depends on the tense


def _speaks_of_future(text: str, lo: int, at: int, end: int) -> bool:
    """Whether the clause of an expression at ``text[at:end]`` speaks of the future: "will", "next",
    "scheduled"... in the expression or before it, with no comma, semicolon or relative pronoun between
    ("the hearing, which is scheduled to take place in London in February"; not "Talks will resume,
    officials said on Monday")."""
    last = None
    for last in _FUTURE_RE.finditer(text, lo, end):
        pass
    return last is not None and (last.start() >= at or _CLAUSE_BREAK_RE.search(text, last.end(), at) is None)


@dataclass(frozen=True, slots=True)
class TimeExpr:
    start: int
    end: int
    text: str
    kind: str            # iso span mdy dmy my inmonth wd ana rel vague clock year
    value: str | None    # ISO date, "YYYY-MM", or None
    vague: bool


def as_date(published: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_num(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


_WEEK_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}


@lru_cache(maxsize=8192)
def _resolve(kind: str, text: str, groups: tuple, pub: dt.date | None, future: bool) -> str | None:
    g = dict(groups)
    if kind == "iso":
        d = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
        return d.isoformat() if d else None
    if kind == "my":
        if g.get("myq"):
            if pub is None:
                return None
            year = pub.year + {"this": 0, "last": -1, "next": 1}[g["myq"]]
            return f"{year:04d}-{_month_num(g['mym']):02d}"
        return f"{int(g['myy']):04d}-{_month_num(g['mym']):02d}"
    if kind in ("mdy", "dmy"):
        month = _month_num(g["mdm"] if kind == "mdy" else g["dmm"])
        day = int(g["mdd"] if kind == "mdy" else g["dmd"])
        year = g.get("mdy_y") if kind == "mdy" else g.get("dmy_y")
        if year:
            d = _safe_date(int(year), month, day)
            return d.isoformat() if d else None
        if pub is None or not 1 <= day <= 31:
            return None
        d = _safe_date(pub.year, month, day)
        if d is None:
            return None
        if d > pub and not future:
            d = _safe_date(pub.year - 1, month, day)
        elif d < pub - dt.timedelta(days=60) and future:
            d = _safe_date(pub.year + 1, month, day)
        return d.isoformat() if d else None
    if kind == "inmonth":
        if pub is None:
            return None
        month = _month_num(g["imm"])
        low = text.lower()
        if low.startswith("next") or (future and month != pub.month):
            # "will be held in February": the next February, this year's or the next's
            year = pub.year if month > pub.month else pub.year + 1
        elif low.startswith("last") and month >= pub.month:
            year = pub.year - 1
        else:
            year = pub.year if month <= pub.month else pub.year - 1
        return f"{year:04d}-{month:02d}"
    if kind == "wd":
        if pub is None:
            return None
        target = WEEKDAYS[g["wdn"].lower()]
        qual = (g.get("wdq") or "").lower()
        if qual == "this past":
            qual = "last" if (pub.weekday() - target) % 7 == 0 else ""   # "this past Sunday": the last one gone
        if qual == "next" or (future and qual != "last"):
            delta = (target - pub.weekday()) % 7
            if qual == "next" and delta == 0:
                delta = 7
            return (pub + dt.timedelta(days=delta)).isoformat()
        back = (pub.weekday() - target) % 7
        if qual == "last" and back == 0:
            back = 7
        return (pub - dt.timedelta(days=back)).isoformat()
    if kind == "rel":
        if pub is None:
            return None
        low = text.lower().removesuffix("'s")
        if low.startswith(("yesterday", "last night")):
            return (pub - dt.timedelta(days=1)).isoformat()
        if low.startswith("tomorrow"):
            return (pub + dt.timedelta(days=1)).isoformat()
        if g.get("sofar"):   # "since the start of the month": a period inside this month (or year)
            return shift_month(pub.year, pub.month, 0) if low.endswith("month") else f"{pub.year:04d}"
        if low.endswith("month"):
            delta = -1 if low.startswith("last") else 1 if low.startswith("next") else 0
            return shift_month(pub.year, pub.month, delta)
        if low.endswith("year"):
            return f"{pub.year + (-1 if low.startswith('last') else 1 if low.startswith('next') else 0):04d}"
        if g.get("season"):
            return season_year(low, pub)
        if g.get("wkend"):
            return weekend_month(pub, future)   # "will meet at the weekend": the next one
        if g.get("wago"):   # "two weeks ago": that week's month, as "last week"
            return week_month(pub - dt.timedelta(days=7 * _WEEK_COUNT[low.split()[0]]))
        if low.endswith("week"):
            # a week is no day, but its month is known when the whole week (Monday to Sunday) lies in one
            # month: "last week" in a story of Tuesday 19 November is "2019-11"; across a month's end, None
            return week_month(pub + dt.timedelta(days=-7 if low.startswith("last") else 7 if low.startswith("next")
                                                  else 0))
        if g.get("mago"):
            from newswire.processors.numbers import parse_number
            count, unit = g["mago"].split()[:2]
            n = 1 if count.lower() in ("a", "one") else int(parse_number(count) or 0)
            return shift_month(pub.year, pub.month, -n * (12 if unit.startswith("year") else 1))
        if g.get("ago"):
            from newswire.processors.numbers import parse_number
            days = parse_number(g["ago"].split()[0]) or 0
            return (pub - dt.timedelta(days=int(days))).isoformat()
        return pub.isoformat()
    if kind == "clock":
        return pub.isoformat() if pub else None
    if kind == "year":
        return g.get("yy") or g.get("yp") or g.get("ys")
    return None


_KINDS = ("iso", "span", "my", "mdy", "dmy", "inmonth", "wd", "ana", "rel", "vague", "clock", "year")
_GROUPS = ("iy", "im", "id", "mym", "myy", "mdm", "mdd", "mdy_y", "dmd", "dmm", "dmy_y", "imm", "wdq",
           "wdn", "ago", "wago", "mago", "wkend", "sofar", "season", "yy", "yp", "ys", "myq")


def find_time_expressions(text: str, start: int = 0, end: int | None = None,
                          published: dt.date | dt.datetime | None = None) -> list[TimeExpr]:
    """Time expressions in ``text[start:end]`` (offsets are into ``text``), resolved."""
    end = len(text) if end is None else end
    pub = as_date(published)
    found: list[TimeExpr] = []
    for m in scan_words(TIME_RE, text, start, end, _CANDIDATES):
        kind = m.lastgroup if m.lastgroup in _KINDS else next(k for k in _KINDS if m.group(k))
        groups = tuple((k, m.group(k)) for k in _GROUPS if m.group(k) is not None)
        value = None
        if kind not in ("vague", "span"):
            # the future reading needs "will", "next", "scheduled"... before it, in its own clause
            future = (kind in _TENSED or m.group("wkend") is not None) and _speaks_of_future(text, max(start, m.start() - 120), m.start(), m.end())
            try:
                value = _resolve(kind, m.group(0), groups, pub, future)
            except (KeyError, ValueError, OverflowError):
                value = None
        a, b = m.span()
        if kind == "dmy" and value and len(value) == 10 and _DAY_PAIR_RE.search(text, max(start, a - 12), a):
            value = value[:7]   # "on 3 and 4 December": two days, one month
        if kind == "rel" and value and m.group(0).lower().startswith("overnight"):
            # "said on Sunday that troops detained 14 in overnight raids": the night before the day just named
            day = next((e.value for e in reversed(found) if e.kind in _DAY_KINDS and e.value and len(e.value) == 10),
                       None)
            value = day or value
        found.append(TimeExpr(a, b, m.group(0), kind, value, kind in ("vague", "span")))
    return _overnight_before_report(found, pub)


_DAY_KINDS = frozenset({"iso", "mdy", "dmy", "wd"})
# the first day of a pair or range written before the month ("3 and 4 December", "3 to 5 May")
_DAY_PAIR_RE = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)?\s*(?:and|to|-|\u2013)\s*$")


def _overnight_before_report(found: list[TimeExpr], pub: dt.date | None) -> list[TimeExpr]:
    """"Drones attacked overnight, the air force said on Tuesday": an "overnight" no day precedes is the
    night into the day named just after it, not the publication day."""
    for k, e in enumerate(found):
        if e.kind != "rel" or not e.text.lower().startswith("overnight") or pub is None or e.value != pub.isoformat() \
                or any(f.kind in _DAY_KINDS and f.value and len(f.value) == 10 for f in found[:k]):
            continue
        day = next((f.value for f in found[k + 1:] if f.kind in _DAY_KINDS and f.value and len(f.value) == 10
                    and f.start - e.end <= 150), None)
        if day is not None:
            found[k] = TimeExpr(e.start, e.end, e.text, e.kind, day, False)
    return found


def date_spans(exprs: list[TimeExpr]) -> list[tuple[int, int]]:
    """Spans of calendar dates and clock times: numbers inside them are never figures."""
    return [(e.start, e.end) for e in exprs if e.kind in ("iso", "my", "mdy", "dmy", "clock")]


def reference_date(text: str, published: dt.date | dt.datetime | None) -> dt.date | dt.datetime | None:
    """What relative dates resolve against: the dateline's date where the text opens with one (a release
    is often put on the web days after its date line), else the publication date."""
    line = dateline_date(text, published)
    if line is None:
        return published
    day = dt.date.fromisoformat(line)
    pub = as_date(published)
    return day if pub is None or day <= pub else published


def sentence_times(text: str, sentences, published) -> list[list[TimeExpr]]:
    """Time expressions of each sentence (one list per sentence, in order), resolved against
    ``reference_date``."""
    ref = reference_date(text, published)
    return [find_time_expressions(text, s.start, s.end, ref) for s in sentences]


# ------------------------------------------------------------------ figure anchors

_MONTH_ALT = "January|February|March|April|May|June|July|August|September|October|November|December"
ANCHOR_RE = re.compile(
    r"\b[Ss]ince\s+[^,;.]*?(?=\s+(?:to|at|of)\s+(?:\d|about|at least|more than)|[,;.]|\s+(?:and|but|bringing"
    r"|according|said|says)\b|$)"
    r"|\b[Aa]s of\s+[^,;.]+?(?=[,;.]|\s+(?:and|but)\b|$)"
    rf"|\b(?:so far this year|so far|to date|this year|last year|over the past (?:year|month|week|decade)"
    rf"|in the past (?:year|month|week)|in (?:{_MONTH_ALT})(?:\s+\d{{4}})?)\b")
ANCHOR_STARTS = prefix_regex(literal_prefixes(ANCHOR_RE))   # where an anchor can start, for ``scan_words``
_ANCHOR_BREAK_RE = re.compile(r"[;:]|\b(?:but|while|whereas|although|though|because)\b")


def find_anchor(text: str, start: int, end: int, anchors: list[re.Match[str]],
                published: dt.date | dt.datetime | None) -> tuple[str | None, str | None, str | None]:
    """(phrase, kind, date) of the anchor nearest the figure ``text[start:end]`` in its clause.

    ``anchors`` are the ``ANCHOR_RE`` matches of the figure's sentence: "since the war began" (kind
    "since"), "as of Monday", "in September" (written "September"), "so far this year" (kind "as_of").
    """
    best = None
    for m in anchors:
        if m.start() < end and m.end() > start:
            continue
        dist = m.start() - end if m.start() >= end else start - m.end()
        if dist > 90 or _ANCHOR_BREAK_RE.search(text, min(end, m.end()), max(start, m.start())):
            continue
        if m.end() <= start and "," in text[m.end():start]:
            dist += 60   # "since X, and that 12 have died since Y": an anchor in the figure's own clause first
        if best is None or dist < best[0]:
            best = (dist, m)
    if best is None:
        return None, None, None
    m = best[1]
    phrase = m.group(0).strip()
    kind = "since" if phrase.lower().startswith("since") else "as_of"
    if phrase.lower().startswith("in "):
        phrase = phrase[3:]
    value = next((e.value for e in find_time_expressions(text, m.start(), m.end(), published) if e.value), None)
    return phrase, kind, value
