"""The dateline at the head of a wire story: "GAZA CITY (AFP) -", "WASHINGTON (AP) —",
"LONDON, Nov 19 (Reuters) -", "KABUL, Afghanistan —".

Its place is the default place of the article's events and figures (``processors.places``); its date,
where written, is exposed by :func:`dateline_date` for the date resolution to use. A dateline is
only read at the very start of the text: a place in capitals, or a capitalised place followed by a
news agency in brackets, then a dash or colon (or, after the agency, straight the first sentence), or a
capitalised place and a dash set off by spaces. The place is a candidate: ``processors.places`` only
takes it if the gazetteer knows it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Dateline", "dateline_date", "find_dateline"]

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
           "oct": 10, "nov": 11, "dec": 12}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"


def _date(name: str) -> str:
    return rf"(?P<{name}>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"


_DATE = _date("date")
# a release's date in brackets after its place: "FORT HOOD, Texas (Nov. 19, 2019) --", "ATLANTA -- (Nov. 19, 2019)"
_BDATE = rf"\(\s*(?:{_WEEKDAY},?\s+)?{_date('bdate')}\s*\)"
_AFTER_DASH_DATE = rf"(?:\(\s*(?:{_WEEKDAY},?\s+)?{_date('adate')}\s*\)\s*(?:[-—–]+\s*)?)?"
_CAPS = r"[A-Z][A-Z'’.-]*(?:[ ][A-Z][A-Z'’.-]*){0,3}"
_TITLE = r"[A-Z][\w'’.-]*(?:[ ][A-Z][\w'’.-]*){0,3}"
_AGENCY = r"\((?P<agency>[A-Za-z][\w .&/-]{0,30})\)"
_DASH = r"\s*(?:[-—–]+|:)\s+"
# "GOMA, Democratic Republic of Congo, Feb 9 (Reuters) -": a country's long name has small words in it
_REGION = (r"(?:,\s*(?P<region>[A-Z][\w'’.-]*(?:[ ](?:of[ ]|and[ ]|the[ ])?[A-Z][\w'’.-]*){0,3}))?"
           r"(?:,\s*[A-Z][\w'’.-]*(?:[ ][A-Z][\w'’.-]*){0,2})?")   # "Washington, DC, United States:"
_WIRE = r"/[A-Za-z][\w .&-]{0,30}/"   # "/PRNewswire/": a release's wire service
# "LONDON—The ...": a long dash needs no spaces
_CAPS_RE = re.compile(rf"\s*(?P<place>{_CAPS}){_REGION}(?:,\s*{_DATE})?\s*(?:{_AGENCY}|{_WIRE}|{_BDATE})?"
                      rf"(?:{_DASH}|[—–](?=[A-Z\"“])){_AFTER_DASH_DATE}")
# "Hong Kong (CNN Business) A ...": an agency (or a date) in brackets needs no dash after it
_TITLE_RE = re.compile(rf"\s*(?P<place>{_TITLE}){_REGION}(?:,\s*{_DATE})?\s*(?:{_AGENCY}|{_BDATE})"
                       rf"(?:{_DASH}|\s*(?=[A-Z]))")
# a date alone opening a release: "Nov. 19, 2019 -- The agency ...", "For Immediate Release: Tuesday, November 19, 2019"
_DATE_ONLY_RE = re.compile(rf"\s*(?:(?i:for immediate release|release date|released|date)\s*[:.-]?\s*)?"
                           rf"(?:{_WEEKDAY},?\s+)?{_DATE}(?:\s*(?:[-—–:|/]|\n|$)|\s+(?=[A-Z]))")
# "Indianapolis – Several ...": a dash set off by spaces (or a colon after a region) and a capital
_TITLE_DASH_RE = re.compile(rf"\s*(?P<place>{_TITLE}){_REGION}(?:,\s*{_DATE})?(?:[ ]+[—–-]{{1,2}}[ ]+|:[ ]+)(?=[A-Z])")
# a release's place and full date alone on its first line: "Springfield, 3 March 2026", "Lakeview, March 3, 2026."
# (the year and the line's end set it apart from a sentence that opens on a place),
# or closed by a full stop before the first sentence: "Lakeview, March 3, 2026. The ministry reports ..."
_TITLE_LINE_RE = re.compile(rf"\s*(?P<place>{_TITLE}){_REGION},\s*(?=[\w ,.]*\d{{4}}(?:\.?[ \t]*\n|\.[ \t]+[A-Z]))"
                            rf"{_DATE}(?:\.?[ \t]*\n\s*|\.[ \t]+(?=[A-Z]))")


_INITIALS_RE = re.compile(r"(?:[A-Z]\.){2,}")
_NOT_PLACES = {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "WATCH", "LIVE", "ANALYSIS", "OPINION", "EDITORIAL",
               "PHOTOS", "VIDEO", "NOTE", "CORRECTION", "FACTBOX", "EXPLAINER", "REVIEW", "INTERVIEW", "FILE",
               "FOR", "RELEASE", "RELEASED", "CONTACT", "DATE", "MEDIA", "PRESS",   # a release's header lines
               "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "JANUARY", "FEBRUARY",
               "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"}


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str               # as written: "GAZA CITY", "Washington"
    start: int               # offsets of ``place`` in the text
    end: int
    region: str | None       # "Afghanistan" in "KABUL, Afghanistan —"
    agency: str | None       # "AFP", "Reuters"
    date_text: str | None    # "Nov 19"
    body_start: int          # where the story itself begins

    @property
    def place_name(self) -> str:
        """The place in ordinary case: "GAZA CITY" -> "Gaza City"."""
        if self.place.isupper():
            return " ".join(w if _INITIALS_RE.fullmatch(w) else w.capitalize() for w in self.place.split())
        return self.place


# a release's heading line before its dateline: "MINISTRY OF DEFENCE PRESS RELEASE", "Situation Report No. 4"
_HEADING_RE = re.compile(r"[^\n]{3,120}\n\s*\n?")


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text`` (or of its second paragraph, after a release's heading line), if
    it has one."""
    if not isinstance(text, str):
        return None
    m = None
    heading = _HEADING_RE.match(text)
    if heading is not None and not heading.group(0).rstrip().endswith((".", "!", "?", "\"", "”")):
        # a heading line (no sentence: no full stop ends it), then a place in capitals and a dash
        m = _CAPS_RE.match(text, heading.end(), min(len(text), heading.end() + 160))
    end = min(len(text), 160)
    m = m or _CAPS_RE.match(text, 0, end) or _TITLE_RE.match(text, 0, end) or _TITLE_DASH_RE.match(text, 0, end) \
        or _TITLE_LINE_RE.match(text, 0, end)
    if not m:
        return None
    key = "place"
    place = m.group(key)
    letters = sum(ch.isalpha() for ch in place)
    if letters < 3 or place.split()[0].strip(".:").upper() in _NOT_PLACES:
        return None
    groups = m.groupdict()
    date = groups.get("date") or groups.get("bdate") or groups.get("adate")
    return Dateline(place, m.start(key), m.end(key), groups.get("region"), groups.get("agency"), date, m.end())


def _parse_month_day(value: str) -> tuple[int, int, int | None] | None:
    words = value.replace(",", " ").replace(".", " ").split()
    if words[0].isdigit():
        words = [words[1], words[0], *words[2:]]
    month = _MONTHS.get(words[0][:4].lower()) or _MONTHS.get(words[0][:3].lower())
    if month is None:
        return None
    return month, int(words[1]), int(words[2]) if len(words) > 2 else None


def dateline_date(text: str, published: dt.date | dt.datetime | None,
                  line: Dateline | None | bool = False) -> str | None:
    """ISO date of the dateline's date ("LONDON, Nov 19 (Reuters) -"), its year taken from the
    publication date (the year before, if that would put it more than a week after publication);
    None when the dateline has no date, or no year can be told (``line``: the text's dateline, if
    already found)."""
    if line is False:
        line = find_dateline(text)
    date_text = line.date_text if line is not None else None
    if date_text is None and isinstance(text, str):   # a date alone: "Nov. 19, 2019 -- The agency ..."
        alone = _DATE_ONLY_RE.match(text, 0, min(len(text), 120))
        date_text = alone.group("date") if alone else None
    if date_text is None:
        return None
    parsed = _parse_month_day(date_text)
    if parsed is None:
        return None
    month, day, year = parsed
    if year is None:
        if published is None:
            return None
        pub = published.date() if isinstance(published, dt.datetime) else published
        year = pub.year
        try:
            if dt.date(year, month, day) > pub + dt.timedelta(days=7):
                year -= 1
        except ValueError:
            return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
