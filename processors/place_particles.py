"""Place names written with a lower-case Arabic article: "Deir al-Balah", "al-Bab", "Ras al-Ain", "the al-Tanf
garrison", "Deir ez-Zor".

News style keeps the article lower case, so the runs of capitalised words (``place_names.NAME_RE``) cut these
names or miss them. A person's name takes the same form ("Ali al-Sudani"), so the name is a place only where
the text uses it as one: after "in", "near", "at" ... (:func:`place_names.is_locative`) or before a place's
lower-case head ("the al-Tanf garrison", "al-Shifa hospital"). The gazetteer resolves it where it holds it;
otherwise its place is None (``ArticlePlaces.resolved`` gives the place that holds it).
"""

from __future__ import annotations

import re
from typing import Callable

from newswire.processors.gazetteer import Gazetteer
from newswire.processors.place_mentions import PlaceMention
from newswire.processors.place_names import COMMON_CAPITALS, TITLES, is_locative

__all__ = ["article_names"]

_ARTICLE = r"(?:al|el|ad|ar|as|ash|at|az|an|ed|ez|es|er|ul)-[A-Z][\w'’]*"
_NAME_RE = re.compile(rf"(?<![\w'’-])(?:(?P<head>[A-Z][\w'’]*)[ \t]+)?{_ARTICLE}(?:[ \t]+{_ARTICLE})*")
_PLACE_HEAD_RE = re.compile(r"[ \t]+(?:camp|refugee[ \t]+camp|hospital|garrison|base|district|province|governorate"
                            r"|neighbou?rhood|area|town|village|city|crossing|border[ \t]+crossing|airport|port"
                            r"|prison|mosque|square)\b")


def article_names(text: str, gaz: Gazetteer, taken: list[tuple[int, int]], body_start: int,
                  sentence_of: Callable[[int], int]) -> list[PlaceMention]:
    """The names with a lower-case article that the text uses as places (``taken``: spans already found)."""
    if "-" not in text:
        return []
    out = []
    for m in _NAME_RE.finditer(text, body_start):
        start, end = m.span()
        head = m.group("head")
        if head is not None and (head in TITLES or head in COMMON_CAPITALS or head.endswith(("'s", "’s"))):
            start = m.end("head") + 1   # "In al-Bab, ...", "Syria's al-Tanf": the name starts at its article
        if any(a < end and start < b for a, b in taken):
            continue
        headed = _PLACE_HEAD_RE.match(text, end)
        if not (is_locative(text, start) or headed):
            continue
        place = gaz.resolve(text[start:end]) if text[start:end] in gaz else None
        out.append(PlaceMention(start, end, text[start:end], place, True, False, sentence_of(start)))
    return out
