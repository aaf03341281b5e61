"""Release-language event phrases: how humanitarian, public-health, military and election copy names what
was given, held, crossed, shown or gathered (merged into ``processors.event_phrases.PHRASES`` by type).

Each is a verb of many senses that names a happening only before, or after, certain words: "allocated
$3 million" is funding where "allocated seats" is not; "held 12 fishermen" a detention where "held talks"
is not; "official data showed" a release of statistics where "the video showed" is not; "troops crossed"
an incursion where "the road crossed" is not; "the first round" an election's vote only where the
sentence counts votes (``event_happenings``: a tournament's first round is no election).
"""

from __future__ import annotations

import re

from newswire.processors.numbers import CURRENCY_WORDS

__all__ = ["RELEASE_PHRASES", "names_its_statement", "round_of_votes"]

# an amount of money: "$3 million", "US$ 500 000", "RM2.5 million", "P86.4 million", "3 million euros"
_MONEY = (r"(?:(?:an?\s+)?(?:additional|further|initial|emergency|another|extra|some|about|nearly|over|around"
          r"|almost|approximately|more\s+than|up\s+to)\s+){0,2}"
          r"(?:[$€£¥₹₱]|US\$\s?|(?-i:[A-Z][A-Za-z]{0,2})\$?\s?(?=\d)|\d[\d,.]*\s+(?:million|billion)?\s*"
          r"(?:(?-i:[A-Z]{2,4})\s+)?(?:" + "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True)) + r")\b)")
# what relief work hands out, by the numbered unit or the thing
_SUPPLIES = (r"(?:aid|food|supplies|assistance|relief|tents|blankets|medicines?|vaccines?|doses|kits|tablets|equipment"
             r"|packs|parcels|rations|tonnes|tons|nets|water|shelter|items|vouchers|cash|fuel|seeds|meals|drugs|vials"
             r"|ambulances|generators|boats)\b")
_GIVING = (r"(?:allocated|channell?ed|disbursed|earmarked|provided|shipped|dispatched|donated|pre-?positioned|airlifted"
           r"|set aside)")
_HANDING_OUT = r"(?:distributed|delivered|handed out|shipped|dispatched|provided|donated|pre-?positioned|flown in|flying)"
# "3,600 food rations have been distributed": goods handed out, said in the passive
_DISTRIBUTED = "distributed(?:" + "|".join(rf"(?<=\b{be} distributed)" for be in ("was", "were", "been", "being")) + ")"

# people a force or a gang holds ("held 12 fishermen", "were held for questioning")
_PEOPLE = (r"(?:people|persons|civilians|villagers|residents|fishermen|miners|farmers|workers|soldiers|troops|officers"
           r"|journalists|reporters|activists|protesters|students|migrants|refugees|passengers|crew|crewmen|sailors"
           r"|tourists|nationals|citizens|hostages|captives|prisoners|suspects|men|women|children|boys|girls"
           r"|aid\s+workers|foreigners)\b")
_HOLDING = (r"(?:captive|hostage|incommunicado|without\s+(?:charge|trial)|for\s+questioning"
            r"|in\s+(?:custody|detention|captivity|solitary))\b")
_NUMBER = (r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|scores|several"
           r"|some|at\s+least\s+[\w,]+|more\s+than\s+[\w,]+)")

_FORCES = ("soldiers", "troops", "forces", "militants", "fighters", "rebels", "gunmen", "insurgents", "tanks",
           "jihadists", "militiamen", "commandos")
_DATA = ("data", "figures", "statistics", "survey", "census", "records", "estimates", "numbers", "poll", "polls")


def _behind(words: tuple[str, ...], verb: str) -> str:
    """``verb`` right after one of ``words`` ("soldiers crossed", "data showed"), read behind it so that the
    lexicon's candidate is the verb."""
    return verb + "(?:" + "|".join(rf"(?<=\b{w} {verb})" for w in words) + ")"


RELEASE_PHRASES: dict[str, list[str]] = {
    # relief work: money allocated, goods handed out ("distributed 2.4 million doses", "shipped protective
    # equipment"); a number of several words or with a decimal point stands between verb and thing
    "funding": [rf"{_GIVING}(?=\s+{_MONEY})"],
    "aid": [rf"{_HANDING_OUT}(?=\s+(?:[\w.,'’-]+\s+){{0,4}}?{_SUPPLIES})", _DISTRIBUTED,
            _behind(("food", "aid", "supplies", "convoy", "convoys", "trucks", "assistance", "shipment"), "reached")],
    # a patient's onset, and the deaths and injuries of a season's weather: "rain-related incidents"
    "diagnosis": [r"developed(?=\s+(?:[\w-]+\s+)?(?:symptoms|fever|a\s+fever|a\s+rash|pneumonia|complications)\b)"],
    "disaster": [r"(?:rain|flood|storm|weather|monsoon|heat|snow|landslide|cyclone)-related (?:incidents|accidents)"],
    "capture": [r"confiscations?|forfeiture"],
    # a force holding people, and troops crossing a line
    "arrest": [rf"held(?=\s+(?:{_NUMBER}\s+)?(?:[\w'’-]+\s+){{0,2}}?{_PEOPLE})(?!\s+(?:talks|meetings?)\b)",
               rf"held(?=\s+(?:[\w'’-]+\s+){{0,4}}?{_HOLDING})"],
    "offensive": [_behind(_FORCES, "crossed")],
    "mobilization": [r"reinforced(?=\s+(?:[\w'’,-]+\s+){0,8}?(?:troops|soldiers|police|officers|forces|reinforcements"
                     r"|personnel|units)\b)"],
    # statistics released: "official data showed", "the figures show"
    "statement": [_behind(_DATA, "showed"), _behind(_DATA, "show"), _behind(_DATA, "shows"),
                  _behind(("authorities", "officials", "partners", "witnesses", "residents"), "report")],
    # an election's rounds (checked against the sentence's vote counting in ``event_happenings``)
    "election": [r"(?:first|second|third|final|decisive) round(?!\s+of\s+(?:talks|negotiations|sanctions|tariffs"
                 r"|the\s+(?:tournament|competition|cup|playoffs?))\b)"],
    # a loser's acceptance of the count
    "concession": [r"accepted(?=\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+)?(?:[\w-]+\s+)?(?:results?|defeat|outcome)\b)"],
    # a force's reply in kind, and a cutter's offload of what it seized
    "attack": [r"responded(?=\s+with\s+(?:[\w-]+\s+){0,2}?(?:force|fire|gunfire|artillery|shelling|strikes|airstrikes"
               r"|rockets|missiles|drones)\b)"],
    "offload": [r"offloaded"],
    # a risk assessment in a health release: "the agency assesses the risk as high"
    "assessment": [r"assess(?:es|ed)(?=\s+(?:the\s+)?(?:[\w-]+\s+)?risks?\b)"],
    # a supply interrupted: "power interruptions were reported"
    "outage": [r"(?:power|electricity|water|internet|phone|telephone|mobile) (?:interruptions?|disruptions?)"],
    "crime": [r"heists?|hold-?ups?(?=\s+(?:at|of|in|on)\b)"],
    # a release's present tense: "calls on both sides", "the authorities report 63 dead"
    "demand": [r"calls on(?=\s+(?:the\s+|all\s+)?(?-i:[A-Z])|\s+(?:the|all|both)\b)"],
    # someone picked for a post: "tapped her deputy to lead", "tapped as envoy"
    "appointment": [r"tapped(?!\s+(?:into|out|on)\b)(?=\s+(?:[\w.'’-]+\s+){1,5}?(?:to|as)\s)"],
    # crowds: "2,000 people rallied", "supporters gathered outside the court"
    "protest": [_behind(("people", "protesters", "protestors", "demonstrators", "supporters", "thousands",
                         "hundreds", "crowds", "students", "workers", "residents", "activists"), "rallied")],
    "gathering": [r"gathered(?=\s+(?:outside|in\s+front\s+of)\b)"],
    # a military operation named by its kind or its aim ("a week-long operation to clear the islands")
    "operation": [r"operation(?=\s+(?:to|against|aimed\s+at)\s+(?!remove|repair|treat|correct|fix|replace|amputate)"
                  r"[a-z]+)",
                  "operation(?:" + "|".join(rf"(?<={w} operation)" for w in (
                      "security", "joint", "police", "mop-up", "sweep", "rescue", "search", "combing", "long",
                      "anti-terror", "special", "naval", "air", "combat")) + ")"],
}

_VOTE_COUNT_RE = re.compile(r"percent|per\s+cent|%|\bvotes\b|\bballots?\b|\bturnout\b|\brun-?off\b|\belection|\bpolls\b"
                            r"|\bcandidates?\b", re.IGNORECASE)


def round_of_votes(text: str, sent_start: int, end: int) -> bool:
    """Whether a "first round" near ``end`` is an election's: its neighbourhood counts votes (a tournament's or
    a negotiation's round does not)."""
    return _VOTE_COUNT_RE.search(text, max(sent_start, end - 240), end + 160) is not None


# "said in a statement", "said in a joint statement on Friday", "issued a brief statement": the verb and the
# document it speaks through are one statement, its trigger both words (annotators mark either)
_SAYING_VERBS = frozenset({"said", "says", "announced", "declared", "issued", "released", "published", "added",
                           "confirmed", "stated", "warned", "denied", "claimed"})
_STATEMENT_GAP_RE = re.compile(r"\s+(?:in\s+)?(?:a|an|its|their|his|her|the)\s+(?:[\w'’-]+\s+){0,2}?")
_STATEMENT_NOUNS = frozenset({"statement", "announcement", "declaration", "communique", "communiqué"})


def names_its_statement(text: str, verb: re.Match[str], noun: re.Match[str]) -> bool:
    """Whether ``noun`` is the statement through which the saying ``verb`` just before it spoke."""
    if verb.lastgroup != "statement" or noun.group(0).lower() not in _STATEMENT_NOUNS \
            or verb.group(0).lower() not in _SAYING_VERBS:
        return False
    return _STATEMENT_GAP_RE.fullmatch(text, verb.end(), noun.start()) is not None
