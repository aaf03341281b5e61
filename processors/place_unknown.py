"""Places the gazetteer lacks, known only by the preposition before them: "a flash flood in Tarbela", "In
Upper Dir, rescuers ...", "in Zamfara and Katsina states".

The gazetteer holds countries, US states and towns of more than 15,000 people, so the districts, provinces
and villages news names most ("in Jajarkot", "in Cauca") are not in it. After "in", a short run of
capitalised words that is no organisation, group, person's title, month, language or demonym, and that
ends the phrase (punctuation, "and", or a word that cannot go on a name: "on", "last", "since"), is used
as a place. "in Facebook posts" or "in Reuters polls" go on with a noun: no place. Its place is None:
:meth:`processors.places.ArticlePlaces.resolved` gives the place that holds it.
"""

from __future__ import annotations

import re
from typing import Sequence

from newswire.processors.nations import demonym_country
from newswire.processors.place_mentions import Layer, PlaceMention
from newswire.processors.place_names import (COMMON_CAPITALS, CONTINENTS, KNOWN_GROUPS, MONTHS_DAYS, NEWS_AGENCIES,
                                             ORG_HEADS, TITLES, possessive_pieces)

__all__ = ["named_after_in"]

_IN_BEFORE_RE = re.compile(r"(?<![\w'’-])(?:in|In)[ \t]+$")
# what may follow a place name that ends its phrase
_ENDS_PHRASE_RE = re.compile(r"(?:[ \t]*(?:[,.;:!?)\]\"”’]|$)|[ \t]+(?:and|or|on|in|at|last|this|since|after|before"
                             r"|during|over|early|late|when|where|while|as|from|to|until|by|near|for|with|were|was"
                             r"|have|has|had|is|are|state|states|province|provinces|district|districts|region)\b)")
# names of languages and faiths follow "in" as often as places do ("said in Arabic", "in Islam")
_NOT_PLACES = frozenset("""Arabic Hebrew Mandarin Cantonese Farsi Persian Urdu Hindi Swahili Latin Pashto Dari Kurdish
Amharic Tamil Bengali Punjabi Tagalog Yiddish Islam Christianity Judaism Hinduism Buddhism God Christ Operation
Parliament Congress Senate Court Cabinet Government Twitter Facebook Instagram Telegram YouTube TikTok WhatsApp
Google English Celsius Fahrenheit Round Game Week Group Phase Stage Chapter Article Section Season Project
Program Programme Initiative Act Bill Law Index Award Awards Prize Cup Championship Championships Games Olympics
Festival Conference Summit""".split())
# "published in Science", "wrote in Foreign Affairs": a journal, not a place
_PUBLISHED_RE = re.compile(r"\b(?:published|appeared|appearing|wrote|writing|written|printed|quoted|interview|column"
                           r"|article|paper|study|op-ed|editorial)[ \t]+(?:in|In)[ \t]+$")
# "in Harris and Galveston counties": the pair shares the head, which names the second as a region already
_PAIR_HEAD_RE = re.compile(r"[ \t]+and[ \t]+[A-Z][\w'’-]*[ \t]+(?:counties|states|provinces|districts|regions)\b")
_MAX_WORDS = 3


def _is_name_word(word: str) -> bool:
    """A capitalised word as names are written ("Jajarkot", "Rukum"), not an acronym ("NATO", "KP")."""
    # "Qala-e-Naw", "Mazar-i-Sharif": Persian and Arabic names join their parts with lower-case particles
    return word[:1].isupper() and not word.isupper() and all(part.isalpha() for part in word.split("-"))


def named_after_in(places: Layer, text: str, spans: Sequence[tuple[int, int]], body_start: int) -> list[PlaceMention]:
    """The runs after "in" that are used as places and that no mention so far covers (see the module)."""
    taken = [(pm.start, pm.end) for pm in places.mentions]
    out: list[PlaceMention] = []
    for run_start, run_end in spans:
        if text.startswith(("In ", "In\t"), run_start):   # "In Upper Dir, rescuers": the sentence's capital "In"
            run_start += 3
        # no "n" before it, no "in": most runs are ruled out without the regex
        if run_start < body_start or text.find("n", max(0, run_start - 4), run_start) < 0 \
                or not _IN_BEFORE_RE.search(text, max(0, run_start - 4), run_start) \
                or _PUBLISHED_RE.search(text, max(0, run_start - 20), run_start):
            continue
        if len(possessive_pieces(text, run_start, run_end)) > 1 or text.startswith(("'", "’"), run_end):
            continue   # "in Smith's case"
        name = text[run_start:run_end].split(". ", 1)[0].rstrip(".")
        words = name.split()
        if not words or len(words) > _MAX_WORDS or not all(_is_name_word(w) for w in words) \
                or words[0] in COMMON_CAPITALS or name in CONTINENTS \
                or any(w in ORG_HEADS or w in MONTHS_DAYS or w in TITLES or w in KNOWN_GROUPS or w in NEWS_AGENCIES
                       or w in _NOT_PLACES or demonym_country(w) for w in words):
            continue
        end = run_start + len(name)
        if not _ENDS_PHRASE_RE.match(text, end) or _PAIR_HEAD_RE.match(text, end) \
                or any(a < end and run_start < b for a, b in taken):
            continue
        out.append(PlaceMention(run_start, end, name, None, True, False, places.sentence_of(run_start)))
    return out
