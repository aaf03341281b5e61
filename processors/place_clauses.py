"""Which clause a place is in, for :meth:`processors.places.ArticlePlaces.place_for`.

A sentence often names more than one place; the event's is the one in its own clause. These tests read
the words between an event's trigger and a place (offsets into the article's text):

- :func:`goes_on` - a participle phrase after a comma goes on with the act ("Israel ended the truce, ...,
  launching an offensive in Gaza"): its place is the act's;
- :func:`about_something_else` - a relative clause about a person ("the singer, who lives in Paris") or a
  "because/although" clause ("because the suspect remained in Lisbon") is about something else;
- :func:`next_clause_between` - a new clause begins between them ("Stocks in Tokyo fell, while markets in
  London rose");
- :func:`armed_forces` - a country that acts through its armed forces ("U.S. forces") acts abroad as often
  as at home, so its name says nothing of the place.
"""

from __future__ import annotations

import re

__all__ = ["about_something_else", "armed_forces", "goes_on", "next_clause_between"]

# words that open a clause of its own: a place after them is not where the main clause's act took place
SUBORDINATE_RE = re.compile(r"\b(?:who|whom|whose|which|where|while|whereas|because|although|though|since|until"
                            r"|unless|if|when|after|before)\b")
_ELSEWHERE_RE = re.compile(r"\b(?:[Bb]ecause|[Aa]lthough|[Tt]hough|who|whom|whose)\b")
_CLAUSE_BREAK_RE = re.compile(r";|,[ \t]+(?:while|but|and|as|after|when|where|whereas|although|though|which|who)\b"
                              r"|[ \t](?:while|whereas)\b")
_GOES_ON_RE = re.compile(r"[ \t]*(?:and[ \t]+)?(?:then[ \t]+)?[a-z]+ing\b")
# (and what they strike with: "a Russian drone struck Kyiv" is an act abroad as "Russian troops" is)
_FORCES = r"(?:forces|troops|soldiers|servicemen|service[ \t]+members|military|army|navy|marines|warplanes?" \
          r"|warships?|jets?|drones?|aircraft|commandos|missiles?|rockets?|shells|shelling|artillery|bombers?" \
          r"|airstrikes?|air[ \t]+strikes?|strikes?)"
_FORCES_RE = re.compile(rf"[ \t]+(?:[a-z]+[ \t]+)?{_FORCES}\b")
_FORCES_END_RE = re.compile(rf"(?i:\b{_FORCES})$")


def goes_on(text: str, end: int, at: int, cut: re.Pattern = SUBORDINATE_RE) -> bool:
    """True if the place at ``at`` is in a participle phrase that goes on with the act ending at ``end``
    (after the last comma between them, "launching ..."), where no word of ``cut`` opens another clause."""
    gap = text[end:at]
    if ";" in gap:
        return False
    last = gap.rfind(",") + 1
    return bool(last) and _GOES_ON_RE.match(gap, last) is not None and cut.search(gap, last) is None


def about_something_else(text: str, sentence_start: int, start: int, end: int, at: int, at_end: int) -> bool:
    """True if the place ``text[at:at_end]`` is in a clause about something other than the word
    ``text[start:end]``: a relative clause about a person, or a "because/although" clause that does not
    hold the word."""
    if at >= end:
        m = _ELSEWHERE_RE.search(text, end, at)
        if m is None:
            return False
        comma = text.rfind(",", m.end(), at)   # "..., because ..., killing two in Gaza": back to the act
        return comma < 0 or not _GOES_ON_RE.match(text, comma + 1)
    opened = None
    for m in _ELSEWHERE_RE.finditer(text, sentence_start, at):
        opened = m
    return opened is not None and "," not in text[opened.end():at] and "," in text[at_end:start]


def next_clause_between(text: str, end: int, at: int) -> bool:
    """True if a new clause begins between the word ending at ``end`` and the place at ``at``."""
    return _CLAUSE_BREAK_RE.search(text, end, at) is not None


def armed_forces(text: str, start: int, end: int) -> bool:
    """True if the name ``text[start:end]`` stands for its country's armed forces: "U.S. forces", "American
    troops" (the words after it, or its own last word)."""
    return _FORCES_RE.match(text, end) is not None or _FORCES_END_RE.search(text, start, end) is not None
