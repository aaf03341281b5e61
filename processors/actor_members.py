"""A body's people: its office holders and its observers, monitors or volunteers.

An office named before its holder set off by commas ("The Minister of Health, Dr Ana Ruiz, visited") is the
person's title: the person acts, named with the role (:func:`holders_named`).

A body's observers, monitors or volunteers act for it, and are named with it: "Observers from the Union of
Lakeshore States said", "ULS observers urged", "Red Cross volunteers distributed" are the body's observers or
volunteers, which a reader (and an annotator) names "ULS observers", and another names by the body alone. The
body's name and the noun as one actor ("Union of Lakeshore States (ULS) observers") is either.

:func:`member_phrases` names each such mention with its members' noun.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newswire.processors.actor_names import ActorMention

__all__ = ["holders_named", "member_phrases"]

_NOUNS = "observers|monitors|volunteers|inspectors|delegates|peacekeepers|experts|medics|staff"
# "Observers from the", "monitors of the": the noun before the body
_BEFORE_RE = re.compile(r"\b(?P<n>(?i:%s))\s+(?:from|of)\s+(?:the\s+)?$" % _NOUNS)
# "ULS observers", "Red Cross volunteers": the noun after it
# (not "Electoral observers from the Union": the body is the one after)
_AFTER_RE = re.compile(r"\s+(?P<n>%s)\b(?!\s+(?:from|of)\s)" % _NOUNS)
_CUES = ("observers", "monitors", "volunteers", "inspectors", "delegates", "peacekeepers", "experts", "medics",
         "staff", "Observers", "Monitors", "Volunteers", "Inspectors", "Delegates", "Peacekeepers", "Experts")


def member_phrases(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """``mentions`` with a body's observers, monitors or volunteers named by the body and the noun."""
    if not any(cue in text for cue in _CUES):
        return mentions   # most texts hold none: one scan each, no regex
    out = []
    for a in mentions:
        if out and text[a.start - 1:a.start] == "(" and out[-1].name.startswith(f"{a.name} ") \
                and a.start - out[-1].end <= 2:
            a = replace(a, name=out[-1].name, written=out[-1].name)   # its acronym in brackets right after it
        elif a.kind in ("organisation", "group") and a.written[:1].isupper():
            m = _AFTER_RE.match(text, a.end)
            b = _BEFORE_RE.search(text, max(0, a.start - 30), a.start) if m is None else None
            if m is not None or b is not None:
                noun = (m or b).group("n").lower()
                name = a.name if a.written == a.name or f"({a.written})" in a.name else f"{a.name} ({a.written})"
                label = f"{name} {noun}"
                a = replace(a, name=label, written=label,
                            start=a.start if m is not None else b.start(), end=a.end if m is None else m.end())
        if out and a.start < out[-1].end:
            continue   # "peacekeepers" read on its own, inside "UN peacekeepers"
        out.append(a)
    return out


# "The Minister of Health", "the Director-General of the Agency": an office, named by its title
_OFFICE_RE = re.compile(r"(?:[Tt]he )?(?:Minister|Secretary|Director|Director-General|Head|Chief|Governor|Chairman"
                        r"|Chairwoman|Chairperson|President|Commissioner|Mayor|Administrator|Commander)\b.* of ")
# ", Dr ", ", Mr. ": what sets the holder's name off after the office
_HOLDER_GAP_RE = re.compile(r",[ \t]+(?:(?:Dr|Mr|Mrs|Ms|Prof|Professor|Eng|Hon|General|Gen|Colonel|Col)\.?[ \t]+)?")


def holders_named(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """``mentions`` without an office written before its holder's name in commas, the holder with its role (nor
    a currency's country: "US$")."""
    out: list[ActorMention] = []
    for a in mentions:
        if text.startswith("$", a.end):
            continue   # "US$ 78,000", "HK$ 5 million": a currency, no actor
        if out and a.kind == "person" and out[-1].kind != "person" and text.startswith(",", a.end) \
                and _HOLDER_GAP_RE.fullmatch(text, out[-1].end, a.start) is not None \
                and _OFFICE_RE.match(out[-1].written) is not None:
            a = replace(a, role=out[-1].written.removeprefix("The ").removeprefix("the ").lower())
            out[-1] = a
            continue
        out.append(a)
    return out
