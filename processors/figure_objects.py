"""Categories that a verb gives the people it governs through a construction the casualty verbs miss.

Wire copy and military releases say what befell a group with a verb and a fixed frame around its object:

- "the army lost nine soldiers", "has lost more than 200 peacekeepers": a force's losses are its dead;
- "took 23 soldiers prisoner", "were taken captive": prisoners are detained, captives hostages;
- "a prisoner swap for three insurgents": the people exchanged are held;
- "two were in critical condition": a hospital's word for the hurt;
- "Azerbaijan still holds 19 Armenians": a state holding another country's nationals detains them (captors
  are read by ``figure_cues.hold_category``).
"""

from __future__ import annotations

import re

from newswire.processors.candidates import Candidate
from newswire.processors.figure_cues import CAPTORS_RE
from newswire.processors.nations import demonym_country
from newswire.processors.sentences import Sentence

_QUAL = r"(?:(?:at least|more than|about|some|nearly|over|around|almost|up to|as many as|an estimated)\s+)?"
_LOST_RE = re.compile(rf"\b(?:lost|losing|lose|loses)\s+{_QUAL}$", re.IGNORECASE)
# the people a force counts as its own: "lost 12 soldiers" (not "lost 3 seats", "lost 200 members")
FORCE_NOUNS = frozenset("""soldiers troops peacekeepers servicemen servicemembers personnel officers policemen
fighters men marines sailors pilots guards commandos rangers gendarmes militiamen""".split())
_OF_OWN_RE = re.compile(r"\s+of\s+(?:its|their|his|our)\s+(?:own\s+)?(?:[a-z]+\s+)??(?P<noun>[a-z]+)\b")

_TAKEN_RE = re.compile(rf"\b(?:took|taken|taking|take|takes)\s+{_QUAL}$", re.IGNORECASE)
_AS_PRISONER_RE = re.compile(r"(?:\s+[\w'’-]+){1,4}?\s+(?:as\s+)?(?P<what>prisoners?|captives?|hostages?)\b",
                             re.IGNORECASE)

_SWAP_RE = re.compile(rf"\b(?:prisoners?|captives?|detainees?)[\s-]+(?:swap|exchange)\s+(?:for|of|involving)\s+{_QUAL}$",
                      re.IGNORECASE)
# "two were in critical condition", "five people remain in serious condition": a hospital's word for the hurt
_CONDITION_RE = re.compile(r"\s+(?:(?:people|persons|patients|others|of them)\s+)?(?:were|are|was|is|remain|remained"
                           r"|remains)\s+(?:still\s+|listed\s+|reported\s+)?in\s+(?:an?\s+)?(?:critical|serious|grave"
                           r"|life-threatening|stable|fair|satisfactory)\s+condition\b", re.IGNORECASE)
_HOLDS_RE = re.compile(rf"\b(?:holds|holding|held|hold)\s+{_QUAL}$", re.IGNORECASE)
_NEXT_WORDS_RE = re.compile(r"(?:\s+[a-z][\w-]*){0,2}?\s+(?P<word>[A-Z][A-Za-z'’-]+s)\b")


def object_category(text: str, c: Candidate, sent: Sentence) -> str | None:
    """The category one of the frames above gives a figure, or None; only figures that count people (by noun,
    or "nine of its own soldiers")."""
    before = text[max(sent.start, c.start - 40):c.start]
    if not before.endswith(" "):
        return None
    last = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
    if last.startswith(("los", "lost")) or (last in _QUAL_WORDS and "los" in before):
        if _LOST_RE.search(before):
            own = _OF_OWN_RE.match(text, c.end) if c.noun is None else None
            noun = own.group("noun") if own else c.noun
            if noun in FORCE_NOUNS:
                return "killed"
        return None
    if "condition" in text[c.end:min(sent.end, c.end + 60)] and (c.person or c.noun is None):
        if _CONDITION_RE.match(text, c.end, sent.end):
            return "injured"
    if not c.person:
        return None
    if "tak" in before or "took" in before:
        m = _TAKEN_RE.search(before) and _AS_PRISONER_RE.match(text, c.end, min(sent.end, c.end + 60))
        if m:
            return "detained" if m.group("what").lower().startswith("prisoner") else "hostages"
    if "swap" in before or "exchange" in before:
        if _SWAP_RE.search(before):
            return "detained"
    if "hold" in before or "held" in before:
        m = _HOLDS_RE.search(before)
        if m is not None and not CAPTORS_RE.search(text, sent.start, c.start):
            word = _NEXT_WORDS_RE.match(text, c.end, min(sent.end, c.end + 40))
            if word is not None and demonym_country(word.group("word")) is not None:
                return "detained"
    return None


_QUAL_WORDS = frozenset("least than about some nearly over around almost to many as estimated".split())
