"""Places the gazetteer lacks, known only by the words before them: "a flash flood in Tarbela", "In
Upper Dir, rescuers ...", "in Zamfara and Katsina states", "an attack on a post at Karamba", "capsized off
Kuvata", "in the villages of Dorsk and Vell", "the road between Dorsk and Vell", "said in Vilo del Mar".

The gazetteer holds countries, US states and towns of more than 15,000 people, so the districts, provinces
and villages news names most ("in Jajarkot", "in Cauca") are not in it. After "in" (or "at", "near", "off",
"around", "outside", "visited", "reached", each past "the <units> of"; or the ends of a road "between"), a
short run of capitalised words that is no organisation, group, person's title, month, language or demonym,
and that ends the phrase (punctuation, "and", a place's lower-case head, or a word that cannot go on a name:
"on", "last", "since"), is used as a place, and so are the items of a list that goes on from it. "in
Facebook posts" or "in Reuters polls" go on with a noun: no place; after "at", only a single word that no
post or staff precedes ("an analyst at Dorvex" works for a firm). Its place is None:
:meth:`processors.places.ArticlePlaces.resolved` gives the place that holds it.
"""

from __future__ import annotations

import re
from typing import Sequence

from newswire.processors.gazetteer import gazetteer
from newswire.processors.nations import demonym_country
from newswire.processors.place_mentions import Layer, PlaceMention
from newswire.processors.place_names import (COMMON_CAPITALS, CONTINENTS, KNOWN_GROUPS, MONTHS_DAYS, NEWS_AGENCIES,
                                             ORG_HEADS, TITLES, is_locative, possessive_pieces)

__all__ = ["named_after_in"]

_IN_BEFORE_RE = re.compile(r"(?<![\w'’-])(?:in|In)[ \t]+$")
# what may follow a place name that ends its phrase
_ENDS_PHRASE_RE = re.compile(r"(?:[ \t]*(?:[,.;:!?)\]\"”’]|$)|[ \t]+(?:and|or|on|in|at|last|this|since|after|before"
                             r"|during|over|early|late|when|where|while|as|from|to|until|by|near|for|with|were|was"
                             r"|have|has|had|is|are|state|states|province|provinces|district|districts|region|town"
                             r"|village|area|county|municipality|commune|camp|air[ \t]+base|left|killed)\b"
                             r"|[ \t]+\()")
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
# the units a list of places is named by: "in the villages of Dorsk and Vell", "off the coasts of Dorsk"
_UNITS = (r"(?:villages?|towns?|city|cities|communes?|municipalit(?:y|ies)|provinces?|regions?|districts?"
          r"|departments?|count(?:y|ies)|states|localit(?:y|ies)|settlements?|neighbou?rhoods?|areas?|slopes"
          r"|coasts?|outskirts|hilltop|island|islands)")
# the words that may end what goes before an unknown place name (read before the regex)
_LOCATIVE_LAST_WORDS = frozenset("in In at At near Near off around outside Outside visited reached between of the from"
                                 .split())
# a locative word before a name the gazetteer lacks: "at Kelmora", "off Dorsk", "around Vell", "reached Tarvo", "in
# the northern regions of Dorsk"; and the ends of a road: "the road between Dorsk and Vell" (not talks between
# two people); "visited" takes people too: not a name that is itself visited at or in a place ("visited Dorn in
# Vell")
_LOCATIVE_BEFORE_RE = re.compile(r"(?<![\w'’-])(?:(?:in|In|at|At|near|Near|off|around|outside|Outside|visited|reached)"
                                 r"(?:[ \t]+the[ \t]+(?:[a-z-]+[ \t]+){0,2}?" + _UNITS + r"[ \t]+of)?"
                                 r"|on[ \t]+the[ \t]+(?:[a-z-]+[ \t]+){0,2}?" + _UNITS + r"[ \t]+of"   # "on the slopes of"
                                 # the place a force leaves: "withdrew from Dorsk", "were driven out of Vell"
                                 r"|(?:withdr[a-z]*|retreat[a-z]*|pulled[ \t]+out|fled|driven[ \t]+out|expelled|ousted)"
                                 r"[ \t]+(?:from|of)"
                                 r"|(?:road|highway|route|border|frontier|corridor)[ \t]+between)[ \t]+$")
# a person's post or a firm's staff before "at": "an analyst at Dorvex", "jobs at Dorvex Partners"
_WORKS_AT_RE = re.compile(r"\b(?:analysts?|economists?|strategists?|director|head|chief|president|professor|researchers?"
                          r"|fellow|manager|executive|partner|officer|editor|spokes(?:man|woman|person)|layoffs|jobs?"
                          r"|works?|worked|working|employees?|staff|students?|shares|stake|investors?|CEO|founder"
                          r"|chairman|chairwoman|coach|player)[ \t]+at[ \t]+$", re.IGNORECASE)
_AT_A_PLACE_RE = re.compile(r"[ \t]+(?:at|in|by|for[ \t]+comment)[ \t]")
# "in the Tarvo area": "the" before a name only where a lower-case place word follows it
_THE_BEFORE_RE = re.compile(r"(?<![\w'’-])(?:in|at|near|around|outside)[ \t]+the[ \t]+$")
_AREA_AFTER_RE = re.compile(r"[ \t]+(?:area|valley|district|region|province|county|camp|neighbou?rhood|quarter"
                            r"|forest|hills|mountains|border[ \t]+area)\b")
# the next item of a list of places
_LIST_NEXT_RE = re.compile(r",[ \t]+(?:and[ \t]+)?|[ \t]+(?:and|or)[ \t]+")
# the lower-case particles inside a place's name: "Viña del Mar", "Norte de Santander"
_PARTICLE_RE = re.compile(r"[ \t]+(?:de|del|de[ \t]+la|la|el|da|do|dos|das|di|du|des)[ \t]+")


def _is_name_word(word: str) -> bool:
    """A capitalised word as names are written ("Jajarkot", "Rukum"), not an acronym ("NATO", "KP")."""
    # "Qala-e-Naw", "Mazar-i-Sharif": Persian and Arabic names join their parts with lower-case particles
    return word[:1].isupper() and not word.isupper() and all(part.isalpha() for part in word.split("-"))


def _joined(text: str, spans: Sequence[tuple[int, int]], k: int) -> tuple[int, int]:
    """The ``k``-th run with the runs its lower-case particles join it to ("Viña del Mar", "Norte de Santander"):
    (its end, the index of its last run)."""
    end = spans[k][1]
    while k + 1 < len(spans):
        m = _PARTICLE_RE.match(text, end)
        if m is None or m.end() != spans[k + 1][0]:
            break
        k += 1
        end = spans[k][1]
    return end, k


def _after_locative(text: str, start: int, end: int) -> bool:
    """True if the run ``text[start:end]`` follows "in", or another locative word before an unknown name ("at
    Kelmora", "near the village of Dorsk", "the road between Dorsk and Vell", "in the Tarvo area")."""
    if _IN_BEFORE_RE.search(text, max(0, start - 4), start):
        return not _PUBLISHED_RE.search(text, max(0, start - 20), start)
    word = text[text.rfind(" ", 0, max(0, start - 1)) + 1:start].strip()
    if word not in _LOCATIVE_LAST_WORDS:   # most runs end here, without a regex
        return False
    if word in ("at", "At") and (" " in text[start:end] or _WORKS_AT_RE.search(text, max(0, start - 40), start)):
        return False   # "an analyst at Dorvex", "head of research at Dorvex Capital": a firm, not a place
    if word in ("visited", "reached") and _AT_A_PLACE_RE.match(text, end):
        return False   # "visited Dorn at the palace", "reached Dorn by phone": a person
    if word == "the":
        return bool(_THE_BEFORE_RE.search(text, max(0, start - 16), start)) and bool(_AREA_AFTER_RE.match(text, end))
    return bool(_LOCATIVE_BEFORE_RE.search(text, max(0, start - 60), start))


def named_after_in(places: Layer, text: str, spans: Sequence[tuple[int, int]], body_start: int) -> list[PlaceMention]:
    """The runs after "in" (or another locative word, or in a list after one) that are used as places and that
    no mention so far covers (see the module)."""
    taken = [(pm.start, pm.end) for pm in places.mentions]
    # (a list goes on from a town, not from the state or country after one: "San Ysidro, California, Customs")
    heads = [(pm.start, pm.end) for pm in places.mentions
             if not pm.weak and (pm.place is None or pm.place.kind not in ("state", "country"))]
    out: list[PlaceMention] = []
    chain_end = -1   # the end of the last place of a list of places ("in Dorsk, Vell and Tarvo")
    k = -1
    while k + 1 < len(spans):
        k += 1
        run_start, run_end = spans[k]
        if text.startswith(("In ", "In\t"), run_start):   # "In Upper Dir, rescuers": the sentence's capital "In"
            run_start += 3
        if run_start < body_start:
            continue
        listed = chain_end > 0 and run_start - chain_end <= 6 and _LIST_NEXT_RE.fullmatch(text, chain_end, run_start)
        if not listed and not _after_locative(text, run_start, run_end):
            if text.startswith((", ", " and ", " or "), run_end) and any(a <= run_start < b for a, b in heads) \
                    and is_locative(text, run_start):
                chain_end = run_end   # a known place heading a list: "in Oran, Dorsk and Vell"
            continue
        joined_end, last = _joined(text, spans, k)
        if len(possessive_pieces(text, run_start, joined_end)) > 1 or text.startswith(("'", "’"), joined_end):
            continue   # "in Smith's case"
        name = text[run_start:joined_end].split(". ", 1)[0].rstrip(".")
        words = name.split()
        first = [w for w in text[run_start:run_end].split(". ", 1)[0].rstrip(".").split()]
        if any(a < run_start + len(name) and run_start < b for a, b in taken):
            chain_end = run_end if listed or _after_locative(text, run_start, run_end) else chain_end
            continue
        if not words or len(first) > _MAX_WORDS or not all(_is_name_word(w) for w in first) \
                or words[0] in COMMON_CAPITALS or name in CONTINENTS \
                or any(w in ORG_HEADS or w in TITLES or w in KNOWN_GROUPS or w in NEWS_AGENCIES
                       or w in _NOT_PLACES or demonym_country(w) for w in words) \
                or any(w in MONTHS_DAYS for w in first):   # ("Viña del Mar": no month after its particle)
            continue
        end = run_start + len(name)
        if not _ENDS_PHRASE_RE.match(text, end) or _PAIR_HEAD_RE.match(text, end):
            continue
        if listed and text.startswith(",", chain_end) and (text.startswith(".", end) or any(
                p.kind in ("state", "country") for p in gazetteer().candidates(name))):
            chain_end = -1   # "near McAllen, Texas", "in Springfield, Ill.": the town's state, not a second place
            continue
        k = last
        chain_end = end
        out.append(PlaceMention(run_start, end, name, None, True, False, places.sentence_of(run_start)))
    return out
