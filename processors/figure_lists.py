"""Sources that reach a figure from the sentence before it.

- A list under a lead-in that ends in a colon takes the lead-in's source: "According to reports from the
  districts, the impact is as follows:" then "- Deaths: 23", "- Injured: 41" (a bulletin's items are the
  reports' figures, as the items of one sentence would be).
- "He said"/"She said" after a sentence whose subject spoke through a participle ("The spokeswoman rejected the
  allegations, saying ...") is that subject, not the last source named by a verb of saying further back.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from newswire.processors.sentences import Attribution, Sentence, is_pronoun

__all__ = ["BULLETS", "lead_in_source", "saying_speaker"]

BULLETS = frozenset("-•*–·▪")
_MAX_ITEMS = 30


def lead_in_source(text: str, sentences: Sequence[Sentence], index: int,
                   attributions: Callable[[int], list[Attribution]]) -> str | None:
    """The source of the colon-ended sentence a run of list items (this one included) hangs from."""
    j = index - 1
    while j >= 0 and index - j <= _MAX_ITEMS and text[sentences[j].start] in BULLETS:
        j -= 1
    if j < 0 or index - j > _MAX_ITEMS:
        return None
    lead = sentences[j]
    if not text[lead.start:lead.end].rstrip().endswith(":"):
        return None
    for att in attributions(j):
        if att.kind in ("according", "subject", "final") and not is_pronoun(att.source):
            return att.source
    return None


# "Police Commissioner Jane Doe welcomed the verdict, saying ...": a named subject (titles allowed) that speaks
# through ", saying"
_SAYING_SUBJECT_RE = re.compile(r"(?P<np>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|[a-z]+(?=(?:\s+[a-z]+)?\s+[A-Z]))){0,6})\s+"
                                r"(?:also\s+)?[a-z]+ed\b[^.;:\"“]{0,160}?,\s+saying\b")


def saying_speaker(text: str, sentences: Sequence[Sentence], index: int) -> str | None:
    """The named subject of the sentence before ``index`` when it speaks through ", saying" (same paragraph or
    the one before)."""
    if index < 1:
        return None
    prev = sentences[index - 1]
    if sentences[index].paragraph - prev.paragraph > 1 or ", saying" not in text[prev.start:prev.end]:
        return None
    m = _SAYING_SUBJECT_RE.match(text, prev.start, prev.end)
    if m is None or len(m.group("np").split()) < 2:
        return None   # one capitalised word may be a sentence's first word, not a name ("Officials", "Police")
    return m.group("np")
