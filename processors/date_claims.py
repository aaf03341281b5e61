"""Which time expression of a sentence belongs to which event trigger.

A statement owns the date next to its verb ("said in a statement on Wednesday"), a noun the date written
as its modifier ("Sunday's blast", "the March 2 bombings"); every other trigger takes the nearest
expression of its own clause (``_nearest``), the clauses cut at "and The", "but" and semicolons. Used by
``processors.event_dates``, which falls back on the sentence, the paragraph and the article.
"""

from __future__ import annotations

import bisect
import re

from newswire.processors.dates import TimeExpr

# ", while a boy was swept away on Monday": a contrasting clause has its own time
# the matches of ``\b(?:and|but)\s+(?:the\s+)?[A-Z]|;|\bbut\b|,\s+(?:while|whereas)\b``, led by one character
# class: the engine skips the characters no clause starts with instead of trying the alternation at each one
_NEW_CLAUSE_RE = re.compile(r"[ab;,](?:(?<!\w.)(?:(?<=a)nd|(?<=b)ut)\s+(?:the\s+)?[A-Z]|(?<=;)|(?<!\w.)(?<=b)ut\b"
                            r"|(?<=,)\s+(?:while|whereas)\b)")


def _since_before(text: str, sent_start: int, pos: int) -> int | None:
    """Where the "since" clause holding ``pos`` starts, if ``pos`` is in one."""
    head = text[sent_start:pos]
    at = max(head.rfind("since "), head.rfind("Since "))
    if at < 0 or any(ch in head[at:] for ch in ",;:"):
        return None
    return sent_start + at


_SPEECH_GAP_RE = re.compile(r"\s*(?:[\w'’.-]+\s+){0,5}?")
_PREMOD_GAP = {" ", "'s ", "’s ", "-"}


# where a saying was made, not what was said: its audience and its places, up to its date
_TOLD_GAP_RE = re.compile(r"\s+(?:reporters|journalists|the media|the press|(?:at|in|during|to|from|after)\s)"
                          r"[\w'’ .-]*?(?:on|in|at|late|early|last)?\s*")
_MODAL_RE = re.compile(r"\b(?:would|will|could|should|might|may|must|plans?|planned|that|to be)\b")
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
    ends_sorted = sorted(other_ends)
    for i, e in enumerate(exprs):
        if e.kind == "window":
            continue   # "reported 40 cases in week 48": the count's week, no one trigger's own
        premod = [p for p in range(e.end + 3, e.end - 1, -1) if p in others and text[e.end:p] in _PREMOD_GAP]
        if premod and e.start - 1 in other_ends and text[e.start - 1] == " " and _PP_DATE_RE.match(e.text):
            owned[i] = other_ends[e.start - 1]   # "an air strike on Saturday destroyed": the noun's own date
            continue
        if premod and _PP_DATE_RE.match(e.text) and others[premod[0]].group(0).endswith("ed") \
                and others[premod[0]].lastgroup not in _SAYING_VERBS:
            continue   # "an attack on a base in September killed 41": the date of the subject and its verb
        if premod:
            owned[i] = premod[0]   # the last such trigger, as when every trigger was tried in order
            continue
        head = _possessed(text, e, others) if e.text.endswith(("'s", "’s")) else None
        if head is not None:
            owned[i] = head   # "last week's presidential election": a determiner, its noun's date
            continue
        j = bisect.bisect_right(statement_ends, e.start) - 1
        k = bisect.bisect_right(ends_sorted, e.start) - 1
        verb = other_ends[ends_sorted[k]] if k >= 0 else -1
        if j >= 0 and verb >= statement_ends[j] and len(text[statement_ends[j]:e.start].split()) <= 5 \
                and not _NOUN_AFTER_RE.search(text, max(0, verb - 24), verb):
            # "police said the boy died on Tuesday": the date of what was said; but "claimed victory on Sunday":
            # a noun right after the verb is its object, and the date the claim's
            owned[i] = statements[j].start() if verb == statement_ends[j] + 1 else verb
            continue
        while j >= 0:   # from the nearest verb back, while the gap can still be "in a statement on"
            m = statements[j]
            gap = text[m.end():e.start]
            if len(gap.split()) > 5 and verb < m.end() and len(gap.split()) <= 10 and _TOLD_GAP_RE.fullmatch(gap) \
                    and not _MODAL_RE.search(gap):
                owned[i] = m.start()   # "told reporters at his party headquarters in the capital on Saturday"
                break
            if len(gap.split()) > 5 or _NOT_IN_SPEECH_GAP_RE.search(gap):
                break   # an earlier verb's gap holds this one's: it fails too
            if _SPEECH_GAP_RE.fullmatch(gap) and " that " not in f" {gap} ":
                owned[i] = m.start()   # the first verb: "said in a statement on Wednesday" is "said"
            j -= 1
    return owned


# "said at a news conference on Monday": a trigger after a determiner is a noun of the saying's own phrase
# "a spokesman on Sunday accused": a saying keeps its own date, the rest is what was said
_SAYING_VERBS = frozenset({"accusation", "demand", "condemnation", "rejection", "threat", "denial"})
_NOUN_AFTER_RE = re.compile(r"\b(?:(?:at|in|during|to|on|with|after|before|by|from|for)\s+(?:a|an|the|its|his|her|their)"
                            r"\s+(?:[\w-]+\s+)?|(?:a|an|the|its|his|her|their|this|that)\s+)$", re.IGNORECASE)
_WORD_AFTER_RE = re.compile(r" [a-z][\w-]*")


def _possessed(text: str, e: TimeExpr, others: dict[int, re.Match[str]]) -> int | None:
    """The trigger a possessive date determines across one or two modifiers ("Sunday's deadly blast",
    "last week's presidential election"): the head of its noun phrase, if a trigger."""
    pos = e.end
    for _ in range(2):
        w = _WORD_AFTER_RE.match(text, pos)
        if w is None:
            return None
        pos = w.end()
        if text.startswith(" ", pos) and pos + 1 in others:
            return pos + 1
    return None


# a capitalized word before "and Public": the "and" joins the words of one name, unless the word is a day or month
# that ends the first clause ("killed two on Monday and Police said")
_NAME_AND_RE = re.compile(r"\b(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
                          r"|April|May|June|July|August|September|October|November|December)\b)[A-Z][a-z]+\s+$")


class _Clauses:
    """Where new clauses start in one sentence (``_NEW_CLAUSE_RE``), found once: whether one lies
    between two places is then a bisection, not a regex search per (trigger, time expression) pair."""

    def __init__(self, text: str, start: int, end: int):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _NEW_CLAUSE_RE.finditer(text, start, end):
            if text.startswith("and", m.start()) and _NAME_AND_RE.search(text, max(0, m.start() - 24), m.start()):
                continue   # "the Ministry of Health and Public Hygiene": one name, no second clause
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
    if owned:
        mine = [i for i, at in owned.items() if at == start and i < len(exprs)]
        if mine:
            return exprs[min(mine)]   # "last week's presidential election on Sunday": its own determiner's
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
        # a tie goes to the earlier one, on the left; but "fell ill on 3 May and died on 9 May": a date before
        # an "and" is the first verb's, one after the trigger its own
        if dr is None or (dl is not None and dl <= dr and not _AND_GAP_RE.search(text, exprs[left].end, start)):
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
            # "said on Sunday": other dates are what was said, as is any past a "that"
            if statement and (dist > 40 or _THAT_RE.search(text, end, exprs[i].start)):
                right = len(exprs)
                continue
        if owned and i in owned and owned[i] != start and not (
                exprs[i].start >= end and _DURING_RE.search(text, max(0, exprs[i].start - 8), exprs[i].start)):
            continue  # another trigger's date (but "arrested during Wednesday's protests" shares it)
        if _is_premod_year(text, exprs[i]) and not (owned and owned.get(i) == start):
            continue  # "a 2010 rape allegation": the year of the noun it modifies
        if statement and exprs[i].kind == "window":
            continue  # "reported 40 cases in week 48": the count's week (``processors.date_weeks``)
        return exprs[i]
    return None


_THAT_RE = re.compile(r"\bthat\b")
_AND_GAP_RE = re.compile(r"\band\b")
_DURING_RE = re.compile(r"\b(?:during|amid|in)\s+$", re.IGNORECASE)
_AND_THEN_RE = re.compile(r"\s+and\s+(?:then\s+|later\s+|also\s+)?")
_CONNECTIVE_RE = re.compile(r"[\s\"“']*(?:(?:then|but|and|also|later|earlier|meanwhile|however|so|yet|still)\b[\s,]*)?",
                            re.IGNORECASE)


# "In a separate statement on Saturday, the ministry said": an opening phrase naming the saying's occasion
_OCCASION_OPENER_RE = re.compile(r"\s*(?:In|At|During)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
                                 r"(?:statement|speech|interview|(?:press|news) conference|briefing|address|communiqu[eé]"
                                 r"|message|post)\b[^,;:.\"“]{0,60}?\s")


def _leads(text: str, sent_start: int, pos: int) -> bool:
    """Whether a time expression at ``pos`` opens its sentence, a connective aside ("Then, last week, ...") or an
    opening phrase naming the occasion of the sentence's saying ("In a statement read on television late on
    Thursday, the army said")."""
    return pos - sent_start <= 3 or (pos - sent_start <= 14 and _CONNECTIVE_RE.fullmatch(text, sent_start, pos)
                                      is not None) \
        or (text.startswith(("In ", "At ", "During "), sent_start)
            and _OCCASION_OPENER_RE.fullmatch(text, sent_start, pos) is not None)


def _is_premod_year(text: str, e: TimeExpr) -> bool:
    """A year written before a noun ("a 2010 rape allegation"), not "in 2010" or "during the 2018 flu
    season": it dates only that noun."""
    return (e.kind == "year" and e.text.isdigit()
            and _TIME_PP_RE.search(text, max(0, e.start - 24), e.start) is None)


_TIME_PP_RE = re.compile(r"\b(?:during|in|since|before|after|until|by|throughout|over|for)\s+(?:the|its|their|his|her"
                         r"|this|that|a)\s+$", re.IGNORECASE)
