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

_ARTICLES = frozenset("al el ad ar as ash at az an ed ez es er ul".split())
# from an article's word on: the article name and any more after it ("Ras al-Ain", "Khan al-Ahmar al-Jadid")
_ARTICLE_NAME_RE = re.compile(r"[a-z]{2,3}-[A-Z][\w'’]*(?:[ \t]+[a-z]{2,3}-[A-Z][\w'’]*)*")
_HEAD_BEFORE_RE = re.compile(r"(?<![\w'’-])[A-Z][\w'’]*[ \t]+$")
_PLACE_HEAD_RE = re.compile(r"[ \t]+(?:camp|refugee[ \t]+camp|hospital|garrison|base|district|province|governorate"
                            r"|neighbou?rhood|area|town|village|city|crossing|border[ \t]+crossing|airport|port"
                            r"|prison|mosque|square)\b")


def article_names(text: str, gaz: Gazetteer, taken: list[tuple[int, int]], body_start: int,
                  sentence_of: Callable[[int], int]) -> list[PlaceMention]:
    """The names with a lower-case article that the text uses as places (``taken``: spans already found)."""
    if "-" not in text:
        return []
    out = []
    dash = text.find("-", body_start)
    while dash >= 0:
        at = dash
        dash = text.find("-", dash + 1)
        word_start = at - 2 if at >= 2 and text[at - 2:at] in _ARTICLES else at - 3
        if word_start < body_start or text[word_start:at] not in _ARTICLES or not text[at + 1:at + 2].isupper() \
                or (word_start and (text[word_start - 1].isalnum() or text[word_start - 1] in "'’-")):
            continue
        m = _ARTICLE_NAME_RE.match(text, word_start)
        if m is None:
            continue
        start, end = m.span()
        while dash >= 0 and dash < end:
            dash = text.find("-", dash + 1)   # the name's own later articles
        head = _HEAD_BEFORE_RE.search(text, max(0, start - 30), start)
        if head is not None:
            word = head.group(0).rstrip()
            if not (word in TITLES or word in COMMON_CAPITALS or word.endswith(("'s", "’s"))):
                start = head.start()   # "Deir al-Balah"; not "In al-Bab", "Syria's al-Tanf"
        if any(a < end and start < b for a, b in taken):
            continue
        headed = _PLACE_HEAD_RE.match(text, end)
        if not (is_locative(text, start) or headed):
            continue
        place = gaz.resolve(text[start:end]) if text[start:end] in gaz else None
        out.append(PlaceMention(start, end, text[start:end], place, True, False, sentence_of(start)))
    return out
