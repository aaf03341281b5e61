"""Who gave a figure when the sentence's grammar, not a verb of saying, names them.

News copy credits a number to whoever puts a value on it: "the army put its own losses at 11", "State
officials gave a lower toll of 19 dead", "the institute put the magnitude at 5.8", "The government estimates
that some 2.3 million people ...". The giver is the source even where an earlier clause of the sentence
names another ("..., two security sources said, while the army put its own losses at 11").

It also says which subjects of a counting verb are not sources: a country or a region that "recorded" or
"reported" a count is where it was counted ("Mexico has recorded more than 480,000 murders", "the country
reported 46 cases", "Memba district alone has reported 1,104 cases"); the reporting body is named elsewhere
or not at all. And a diagnostic method after "confirmed by" is how, not who ("confirmed by rapid test").
"""

from __future__ import annotations

import re

from newswire.processors.gazetteer import gazetteer
from newswire.processors.sentences import Attribution, Sentence

__all__ = ["giver", "method_agent", "place_counts", "relative_speaker"]

GIVER_GATE = (" put", " place", " peg", " gave", " given", " give", " estimate", " set the")
_QUAL = r"(?:(?:about|around|some|roughly|approximately|at\s+least|more\s+than|over|nearly|almost|only|just|up\s+to)\s+)?"
# "put its own losses at", "placed the death toll at", "gave a lower toll of", "estimates losses in the sector at"
_VALUE_ON_RE = re.compile(
    r"\b(?P<verb>put|puts|putting|placed|places|pegged|pegs|estimated|estimates|estimate|set)\s+"
    r"(?:(?:the|its|their|his|her|our|a|an)\s+)?(?:[\w'’-]+\s+){0,5}?at\s+" + _QUAL
    + r"|\b(?P<gave>gave|gives|give|given|giving)\s+(?:(?:the|its|their|a|an)\s+)?(?:[\w'’-]+\s+){0,2}?"
      r"(?:toll|death\s+toll|tally|count|figure|estimate|number)\s+(?:of|at)\s+" + _QUAL
    + r"|\b(?P<est>estimates|estimated|estimate)\s+(?:that\s+)?" + _QUAL,
    re.IGNORECASE)
# where the giver's clause begins: the sentence, a comma, a coordinating or contrasting word
_CLAUSE_START_RE = re.compile(r"(?:^|,\s+|;\s+|:\s+|\b(?i:while|whereas|but|as)\s+|\band\s+(?=[a-z]))")
# a time phrase opening the clause ("On Thursday the ministry had put ...") and auxiliaries closing it
_LEADING_TIME_RE = re.compile(r"^(?:(?:on|in|by|late|early|earlier|later|last)\s+)*(?:(?:on|in)\s+)?"
                              r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{4}|january|february|march|april|may"
                              r"|june|july|august|september|october|november|december|week|month|year)"
                              r"(?:\s+(?:morning|afternoon|evening|night|\d{1,2}))?,?\s+", re.IGNORECASE)
_TRAILING_AUX_RE = re.compile(r"(?:\s+(?:had|has|have|also|later|earlier|initially|first|previously|then|now|would"
                              r"|will|since))+$", re.IGNORECASE)
_NP_RE = re.compile(r"(?:(?:the|a|an|its|their)\s+|[A-Z])[\w.'’&()-]*(?:\s+[\w.'’&()-]+){0,9}")
_NOT_GIVERS = frozenset("""it this that which who quake earthquake storm flood floods report reports study survey
data figures he she they we""".split())
# (and a passive's "is estimated at": the value is given, by whom is not said)
_DETERMINERS = frozenset("the a an its their his her our is are was were be been being".split())
_SAYING_RE = re.compile(r"\b(?:said|says|told|tells|according|who|which|that)\b")
_BREAK_RE = re.compile(r"[;:]|\.\s|\bsaid\b|\bsays\b|\baccording\b")


def giver(text: str, start: int, sent: Sentence, atts: list[Attribution]) -> str | None:
    """The subject that put a value on the figure at ``start`` (or on the count it belongs to: "gave a toll of
    19 dead, among them four soldiers"), unless another attribution stands between them or closes the clause."""
    head_start = max(sent.start, start - 220)
    head = text[head_start:start]
    if not any(g in head for g in GIVER_GATE):
        return None
    found = None
    for m in _VALUE_ON_RE.finditer(text, head_start, start):
        found = m
    if found is None:
        return None
    gap = text[found.end():start]
    if len(gap) > 70 or _BREAK_RE.search(gap) or (found.group("est") and gap.strip()):
        return None
    verb_start = found.start()
    if any(verb_start < a.verb_start < start or (a.kind in ("final", "according") and a.verb_start >= start)
           for a in atts):
        return None
    clause = text[sent.start:verb_start]
    cut = 0
    for c in _CLAUSE_START_RE.finditer(clause):
        cut = c.end()
    np = _TRAILING_AUX_RE.sub("", _LEADING_TIME_RE.sub("", clause[cut:].strip())).strip(" ,")
    m = _NP_RE.fullmatch(np)
    if m is None or any(ch.isdigit() for ch in np):
        return None
    last = np.split()[-1].lower()
    if last in _NOT_GIVERS or last in _DETERMINERS or np.lower() in _NOT_GIVERS or _SAYING_RE.search(np):
        return None   # "an estimated 21,000", "Officials said the army put ...": not the giver's subject
    return np


# counting verbs whose subject, if a place, is where the count was made
_COUNTING_VERBS = frozenset("""recorded records record registered registers reported reports posted posts logged
logs counted counts tallied saw sees""".split())
_THE_PLACE_RE = re.compile(r"(?:the\s+)?(?:country|nation|state|province|region|district|island|city)$", re.IGNORECASE)
_DIVISION_RE = re.compile(r"(?:[A-Z][\w'’-]*\s+)+(?:district|province|region|county|state|prefecture|governorate"
                          r"|municipality)(?:\s+(?:alone|itself))?$")
_PLACE_KINDS = ("country", "state")


def place_counts(text: str, att: Attribution) -> bool:
    """Whether the attribution is a place that counted: "the country reported 46 cases", "Mexico has recorded"."""
    if att.src_start > att.verb_start or text[att.verb_start:att.verb_end] not in _COUNTING_VERBS:
        return False
    source = att.source.strip()
    if _THE_PLACE_RE.fullmatch(source) or _DIVISION_RE.fullmatch(source):
        return True
    if not source[:1].isupper() or len(source.split()) > 4:
        return False
    return any(p.kind in _PLACE_KINDS for p in gazetteer().candidates(source))


# "confirmed by rapid diagnostic test", "by laboratory or clinical criteria": a method, not a source
_METHOD_RE = re.compile(r"(?!the\s|an?\s)(?:[\w-]+\s+){0,3}?(?:tests?|testing|criteria|culture|cultures|microscopy"
                        r"|sequencing|serology|PCR|autops(?:y|ies)|laboratory|lab)\b", re.IGNORECASE)


def method_agent(agent: str) -> bool:
    return _METHOD_RE.match(agent) is not None


# "The Sudan Doctors Network, which tracks casualties across the country, said nine children ...": the subject
# before a relative clause, not the relative clause, says it
_RELATIVE_SPEAKER_RE = re.compile(r"(?P<np>(?:The\s+|the\s+)?[A-Z][\w.'’&-]*(?:\s+(?:[A-Z(][\w.'’&()-]*|of|for|and"
                                  r"|the|on)){0,8}),\s+(?:which|who)\s+[^,;:\"“]{3,120},\s+(?:said|says|reported"
                                  r"|reports|told\s+[A-Z]\w*|added|announced)\b")


def relative_speaker(text: str, start: int, sent: Sentence) -> str | None:
    head = text[sent.start:start]
    if ", which " not in head and ", who " not in head:
        return None
    m = _RELATIVE_SPEAKER_RE.match(text, sent.start, start)
    return m.group("np") if m is not None else None
