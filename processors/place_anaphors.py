"""Places named again by a definite noun: "in the same region", "a flood hit the same province last year",
"a curfew imposed in the regency".

News copy names a place once in full ("the Kidal region", "Garut regency", "the city of Meknes") and later
refers back to it by its head noun. The earlier place is where the later happening is:

- "the same <head>" (city, town, village, region, province, district, ...) always points back: to the
  last place written with that head ("the Kidal region", "the province of Kidal"), else, for a town, to
  the last city the story names, and for a province or region to the last first-level region it names;
- "in the <head>" without "same" points back only for the heads of administrative divisions that a
  story names only after naming the division itself ("Garut regency ... in the regency"): "in the
  region", "in the state" or "in the area" are as often vague ("tensions in the region") and are left alone.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from newswire.processors.place_mentions import PlaceMention

__all__ = ["feature_again", "named_again"]

_TOWNS = ("city", "town", "village")
_DIVISIONS = ("province", "district", "county", "department", "governorate", "regency", "prefecture",
              "municipality", "oblast", "township")
_HEADS = _TOWNS + _DIVISIONS + ("region", "state", "zone")
# led by the prepositions' first letters (each checked again behind it), not by ``\b``: the engine skips to
# those letters instead of trying every character; the matches of ``\b(?:in|at|...|to)``
_AGAIN_RE = re.compile(r"[iatnfo](?<!\w.)(?:(?<=i)n|(?<=a)t|(?<=a)cross|(?<=t)hroughout|(?<=n)ear|(?<=f)rom|(?<=o)f"
                       r"|(?<=i)nto|(?<=t)o)[ \t]+the[ \t]+(?P<same>same[ \t]+)?"
                       rf"(?P<head>{'|'.join(_HEADS)})\b(?!['’]s|[ \t]+of\b|[ \t]+(?:as|that|where)\b)")
_CAP = r"[A-Z][\w'’-]*"
_OF_NAME_RE = re.compile(rf"[ \t]+of[ \t]+({_CAP}(?:[ \t]+{_CAP}){{0,2}})")
# per head: a name written before it ("Kidal region") or after "<head> of" ("province of Kidal")
_WRITTEN_RE = {h: re.compile(rf"\b((?:{_CAP}[ \t]+){{1,3}}){h}\b|\b{h}[ \t]+of[ \t]+({_CAP}(?:[ \t]+{_CAP}){{0,2}})")
               for h in _HEADS}


def _written_before(text: str, head: str, at: int) -> tuple[int, int] | None:
    """The span of the last name written with ``head`` before ``at``: "Kidal region", "province of Kidal"."""
    best = None
    for m in _WRITTEN_RE[head].finditer(text, 0, at):
        after = _OF_NAME_RE.match(text, m.end()) if m.group(1) else None
        if after is not None:   # "the old Moroccan city of Meknes": the name follows
            best = (after.start(1), after.end(1))
        elif m.group(1):
            start = m.start(1)
            if text.startswith(("The ", "In ", "At "), start):   # a sentence's opening word is not the name
                start = text.index(" ", start) + 1
                if start >= m.end(1):
                    continue
            best = (start, m.end())
        else:
            best = (m.start(2), m.end(2))
    return best


def named_again(text: str, mentions: Sequence[PlaceMention], sentence_of: Callable[[int], int]) -> list[PlaceMention]:
    """Mentions for "the same <head>" and "in the <division>" that stand for a place named before them."""
    if "the same " not in text and not any(f"the {h}" in text for h in _DIVISIONS):
        return []
    out = []
    for m in _AGAIN_RE.finditer(text):
        head, same = m.group("head"), bool(m.group("same"))
        if not same and head not in _DIVISIONS:
            continue
        at = m.start("head") - (len(m.group("same")) if same else 0) - 4   # "the " of "the same region"
        written = _written_before(text, head, at)
        antecedent = next((pm for pm in reversed(mentions) if written is not None
                           and pm.start < written[1] and written[0] < pm.end), None)
        if written is None and same:
            kinds = ("city",) if head in _TOWNS else ("state",) if head in ("province", "region", "state") else ()
            antecedent = next((pm for pm in reversed(mentions) if pm.end <= at and pm.sentence >= 0
                               and pm.place is not None and pm.place.kind in kinds), None)
        if antecedent is not None:
            name, place = antecedent.text, antecedent.place
        elif written is not None:
            name, place = text[written[0]:written[1]], None
        else:
            continue
        out.append(PlaceMention(at, m.end(), name, place, True, False, sentence_of(at)))
    return out


# a natural feature or a village named once ("Mount Tarvo", "the Dorsk River", "the village of Vell") and then by
# its head alone ("on the mountain", "along the river", "in the village"): the head points back only where the
# story has written a name with it; a vague "in the mountains" or "on the border" stays unplaced
_FEATURE_AGAIN_RE = re.compile(r"\b(?:in|on|at|near|along|across|around|off|from|of)[ \t]+the[ \t]+(?:[a-z]+[ \t]+)?"
                               r"(?P<head>mountain|river|lake|island|forest|village)\b(?!['’]s|[ \t]+of\b|s)")
_FEATURE_WRITTEN_RE = {
    "mountain": re.compile(rf"\b(?:Mount|Mt\.?|Jebel|Djebel)[ \t]+{_CAP}(?:[ \t]+{_CAP})?"),
    "river": re.compile(rf"\b{_CAP}(?:[ \t]+{_CAP})?[ \t]+[Rr]iver\b|\b[Rr]iver[ \t]+{_CAP}"),
    "lake": re.compile(rf"\bLake[ \t]+{_CAP}(?:[ \t]+{_CAP})?"),
    "island": re.compile(rf"\b{_CAP}(?:[ \t]+{_CAP})?[ \t]+[Ii]sland\b"),
    "forest": re.compile(rf"\b{_CAP}(?:[ \t]+{_CAP})?[ \t]+[Ff]orest\b"),
    "village": re.compile(rf"\bvillage[ \t]+of[ \t]+{_CAP}(?:[ \t]+{_CAP}){{0,2}}|\b{_CAP}(?:[ \t]+{_CAP})?[ \t]+village\b"),
}
# "in the two provinces", "to the three states": the pair or list of such places named before
_COUNTED_AGAIN_RE = re.compile(r"\b(?:in|to|across|of|for|from|between)[ \t]+the[ \t]+(?:two|three|four|both)[ \t]+"
                               r"(?:affected[ \t]+)?(?:provinces|states|regions|districts|counties|departments|governorates"
                               r"|prefectures|islands|towns|cities|villages)\b")
_FEATURE_WORDS = ("the mountain", "the river", "the lake", "the island", "the forest", "the village", "slopes of the",
                  "banks of the", "shores of the")


def feature_again(text: str, mentions: Sequence[PlaceMention], sentence_of: Callable[[int], int]) -> list[PlaceMention]:
    """Mentions for "on the mountain", "along the river", "in the village" that stand for the feature or village
    named before them (its name as written, resolved to the place the story names it in where known)."""
    out = []
    if "the two " in text or "the three " in text or "the four " in text or "the both " in text:
        for m in _COUNTED_AGAIN_RE.finditer(text):
            pair = next((k for k in range(len(mentions) - 1, 0, -1) if mentions[k].end <= m.start()
                         and text[mentions[k - 1].end:mentions[k].start] in (" and ", ", and ")), None)
            if pair is not None:
                first, last = mentions[pair - 1], mentions[pair]
                at = m.start() + m.group(0).index("the")
                out.append(PlaceMention(at, m.end(), text[first.start:last.end], last.place, True, False,
                                        sentence_of(at)))
    if not any(w in text for w in _FEATURE_WORDS):
        return out
    for m in _FEATURE_AGAIN_RE.finditer(text):
        at = m.start() + m.group(0).index("the")
        written = None
        for w in _FEATURE_WRITTEN_RE[m.group("head")].finditer(text, 0, at):
            written = w
        if written is None:
            continue
        known = next((pm for pm in mentions if pm.start < written.end() and written.start() < pm.end), None)
        out.append(PlaceMention(at, m.end(), written.group(0), known.place if known else None, True, False,
                                sentence_of(at)))
    return out
