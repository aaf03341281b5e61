"""The word patterns :class:`processors.places.ArticlePlaces` reads around a place mention or an event's word
to tell how a name is used (a place, a premodifier of people, a body) and which of a sentence's places is
the event's. Each pattern says in its comment what it is for."""

from __future__ import annotations

import re

__all__ = ["ARTICLE_BEFORE_RE", "COUNTIES_RE", "DOMESTIC_RE", "HELD_IN_RE", "LIST_GAP_RE", "NOT_HELD_IN_RE",
           "NOT_IN_NOUN_PHRASE", "NOUN_PHRASE_GAP_RE", "PAIR_HEAD_RE", "PEOPLE_AFTER_RE", "PREMODIFIER_RE",
           "SHARED_HEAD_RE"]

# "the Swedish investigation", "Iranian police": a demonym before a country's own institution (it acts at home)
DOMESTIC_RE = re.compile(r"[ \t]+(?:[a-z]+[ \t]+)?(?:investigation|inquiry|probe|case|cases|prosecutors?|prosecution"
                         r"|police|authorities|officials|courts?|judges?|judiciary|government|ministry|parliament"
                         r"|lawmakers|regulators|elections?|voters|health|hospitals?)\b")
# "the Osun State governorship election", "Ohio's primary", "a Gaza ceasefire": a place before the event's
# noun, inside its noun phrase (after an article, or a possessive itself)
NOUN_PHRASE_GAP_RE = re.compile(r"(?P<pos>'s|’s)?(?:[ \t]+[a-z][a-z-]+){0,2}[ \t]+")
NOT_IN_NOUN_PHRASE = frozenset("""is are was were be been being has have had will would can could may might shall should
do does did not also and or but that which who whom to of in on at for with by from as than then""".split())
ARTICLE_BEFORE_RE = re.compile(r"\b(?:the|a|an)[ \t]+$", re.IGNORECASE)
# between two items of a list of places: "in Mumbai, Delhi and Kolkata"
LIST_GAP_RE = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?$")
# "handed over to US forces", "told U.S. officials": a country naming whose people or things, not a place
PREMODIFIER_RE = re.compile(
    r"[ \t]+\xad?(?:forces|troops|soldiers|servicemen|military|army|navy|warplanes|warships|jets|drones"
    r"|helicopters|choppers|aircraft|officials|diplomats|envoys?|ambassadors?|embassy|government|president"
    r"|counterparts?|national[ \t]+security|citizens?|nationals|lawmakers|investors|stocks|markets?|companies"
    r"|firms|negotiators|delegation|sanctions|allies)\b")

# between a place and the next one, words that say the next one does not hold it: "a town on the border with
# Germany", "a village 10 km from Kabul"
NOT_HELD_IN_RE = re.compile(r"\b(?:with|from|to|toward|towards|across)\b")
# "three Georgia counties", "Georgia Gov. Brian Kemp", "the Georgia Legislature": a US state, not the country
COUNTIES_RE = re.compile(r"[ \t]+(?:Gov\.|Lt\.[ \t]+Gov|(?:county|counties|County|Counties|Governor|Legislature"
                         r"|General[ \t]+Assembly|Statehouse|State[ \t]+Capitol|Attorney[ \t]+General)\b)")
PEOPLE_AFTER_RE = re.compile(PREMODIFIER_RE.pattern, re.IGNORECASE)   # "US President Jane Doe"
HELD_IN_RE = re.compile(r"[ \t]+in[ \t]+(?:the[ \t]+)?|,[ \t]+")   # "near Kadugli in South Kordofan state"
# "in Harris and Galveston counties": a pair sharing a plural head, a county of a town's name, not the town
SHARED_HEAD_RE = re.compile(r"[ \t]+(?:counties|states|provinces|districts|regions)\b")
PAIR_HEAD_RE = re.compile(r"[ \t]+and[ \t]+[A-Z][\w'’-]*" + SHARED_HEAD_RE.pattern)
