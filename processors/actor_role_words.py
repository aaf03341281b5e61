"""The patterns the role reader (``processors.actor_roles``) matches around a trigger: clause cuts,
passives, appositives, speakers and spokespeople, pronouns and owners; and the clause, subject and
antecedent helpers it builds on."""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from newswire.processors.actor_bodies import as_state_body
from newswire.processors.actor_clauses import NOT_SUBJECT_RE, SOURCE_BEFORE_RE
from newswire.processors.actor_heads import unit_owner
from newswire.processors.actor_names import GROUP_NOUNS, ROLE_WORDS, ActorMention
from newswire.processors.lexicon import FUNCTION_WORDS, PERSON_NOUNS
from newswire.processors.place_names import NEWS_AGENCIES


# a conjunction or relative word cutting a clause: the same matches as ``\b(?:that|which|...|whereas)\b``, but led
# by one character class, so the engine skips the characters no cut starts with instead of trying each one
_CUT_WORD = (r"(?<!\w.)(?:(?<=t)(?:hat|hough)|(?<=w)(?:hich|ho|hile|hen|hereas)|(?<=b)(?:ut|efore|ecause)"
             r"|(?<=a)(?:fter|lthough))\b")
_RIGHT_CUT_RE = re.compile(r"[,;:\"“”abtw](?:(?<=[,;:\"“”])|" + _CUT_WORD + ")")
_PRONOUN_RE = re.compile(r"[\"“']?\s*(It|They|He|She)\b")
CHUNK_RE = re.compile(r",|\band\b")
PARTICIPLE_RE = re.compile(r"\s*(?:and\s+)?[a-z]+ing\b")
DETERMINER_RE = re.compile(r"\b(?:the|a|an|this|these|those|his|her|their|its|our|another|which|who)\b",
                            re.IGNORECASE)
SAID_PRONOUN_BEFORE_RE = re.compile(r"\b(?P<p>[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\s+(?:also\s+|later\s+|then\s+)?(?:has\s+|had\s+)?$")
SAID_PRONOUN_AFTER_RE = re.compile(r"\s+(?P<p>he|she|they|it)\b")
PASSIVE_RE = re.compile(r"\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+ly\s+)?$")
BY_RE = re.compile(r"\s+by\s+(?:the\s+)?")
MOVER_RE = re.compile(
    r"(?:(?<![\w-])(?P<name>(?:[A-Z][\w&'’.-]*|\d+)(?:[ \t]+(?:[A-Z][\w&'’.-]*|\d+)){0,4})"
    r"(?:[ \t]+(?:index|indices|benchmark|average))?(?:[ \t]+\(?\.?[A-Z0-9]{2,}\)?)?"
    r"|(?P<thing>(?i:(?:[a-z]+[ \t]+)?(?:prices|futures|shares|stocks|yields|bonds|exports|imports|sales|profits?"
    r"|revenues?|output|inflation|unemployment|index))))"
    r"[ \t]+(?:(?:has|have|had|also|[a-z]+ly)[ \t]+)?$")
SPEAKER_DESCRIPTION_RE = re.compile(
    r"(?:^|(?<=,)\s+|(?<=[.!?\"”])\s+|\A)(?:[Tt]he|[Aa]n?)\s+(?P<d>(?:[\w'’-]+\s+){0,2}?[A-Za-z][\w'’-]*"
    r"(?:\s+(?:for|of|at|in)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?)\s+(?:(?:has|had|have|also|later)\s+)?$")
SPEAKER_HEADS = frozenset("""department ministry office agency service police force brigade team unit center centre
bureau authority authorities officials official spokesman spokeswoman spokesperson commission committee council
board court prosecutor prosecutors government army military navy embassy hospital company firm group
coalition administration regulator watchdog union party command mission observatory statement monitor staff
sources source treasury institute laboratory bank""".split())
# "the statement said": a text that speaks for the body or group that issued it, named before
ISSUED = frozenset({"statement", "communique", "communiqué", "release"})
SECOND_VERB_RE = re.compile(r"\w\s+and\s+(?:then\s+|also\s+|later\s+)?(?:(?:[a-z]+ed|paid|made|held|took|gave)\s+"
                             r"(?:a|an|the)\s+(?:[\w-]+\s+)?)?$")
# an aside closed right before the verb or its auxiliaries: "..., a nurse at the clinic, was killed"
APPOSITIVE_END_RE = re.compile(r"(?:,|\s[-–—]|—)\s*"
                                r"(?:(?:has|have|had|was|were|is|are|been|will|would)\s+){0,2}$")
APPOSITIVE_START_RE = re.compile(r"\s*(?:,|[-–—]\s)\s*")
# the same after a place that says where the one named stands: "Authorities in western Mongolia, which ..., said"
PLACED_APPOSITIVE_RE = re.compile(r"\s+in\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
                                   r"\s*(?:,|[-–—]\s)\s*")
APPOSITIVE_NAME_RE = re.compile(r",\s+(?:[Tt]he\s+)?(?P<name>(?:[A-Z][\w&'’.-]*\s+){0,3}[A-Z][\w&'’.-]*),\s*$")
LEAD_NAME_RE = re.compile(r"[\s\"“']*(?:The\s+)?(?P<name>[A-Z][\w&'’.-]*(?:[ \t]+(?:and|of|for|&)?[ \t]*[A-Z][\w&'’.-]*){1,5})"
                           r"\s*(?:,|[-–—]\s)")
LEAD_RE = re.compile(r"[\s\"“']*(?:The\s+)?")
PARTICIPLE_END_RE = re.compile(r"(?:ed|en|wn|ught|ld|id|ut)$")
_CUT_RE = re.compile(r"[;:\"“”,abtw](?:(?<=[;:\"“”])|(?<=,)\s+(?:and|but|while|as|after|before|when|which|who)\b|"
                     + _CUT_WORD + ")")


def clause_of(text: str, sent_start: int, sent_end: int, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: from the last cut before it to the first cut (or comma) after it."""
    left = sent_start
    for m in _CUT_RE.finditer(text, sent_start, start):
        left = m.end()
    right_m = _RIGHT_CUT_RE.search(text, end, sent_end)
    right = right_m.start() if right_m else sent_end
    return left, right


def subject_of(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], sent_start: int,
             prev_start: int | None) -> ActorMention | None:
    """The sentence's subject, if an actor: a mention among its first words, or the actor a leading
    "It"/"They"/"He"/"She" stands for (the previous sentence's subject of the same kind)."""
    head = text[sent_start:sent_start + 40]
    pronoun = _PRONOUN_RE.match(head)
    if pronoun and prev_start is not None:
        person = pronoun.group(1).lower() in ("he", "she")
        i = bisect.bisect_left(starts, prev_start)
        while i < len(mentions) and mentions[i].start < sent_start:
            a = mentions[i]
            if (a.kind == "person") == person:
                return a
            i += 1
        return None
    i = bisect.bisect_left(starts, sent_start)
    while i < len(mentions) and mentions[i].start - sent_start <= 25 and (
            mentions[i].name in NEWS_AGENCIES or text[mentions[i].start - 1:mentions[i].start] == "("):
        i += 1   # "NEW YORK (Reuters) - Oil prices fell": the agency of the dateline is no subject
    if i < len(mentions) and mentions[i].start - sent_start <= 25 and unit_owner(text, mentions, i, sent_start):
        return mentions[i]   # "Troops of the Nigerian Army killed": the army, its troops' noun no name
    if i < len(mentions) and mentions[i].start - sent_start <= 25 and \
            not NOT_SUBJECT_RE.search(text, sent_start, mentions[i].start):
        if (owner := unit_owner(text, mentions, i)) is not None:
            return owner   # "troops of Operation Safe Haven rescued": the operation
        if i + 1 < len(mentions) and _OWNER_THEN_OWNED_RE.fullmatch(text, mentions[i].end, mentions[i + 1].start):
            return mentions[i + 1]   # "Sudan's paramilitary Rapid Support Forces": the one owned, not its owner
        return mentions[i]
    desc = _LEAD_DESCRIPTION_RE.match(text, sent_start, sent_start + 60)
    if desc is not None:   # "The 48-year-old Australian was evicted", "The ministry said": the one named before
        found = antecedent_of(text, mentions, starts, sent_start, desc.end())
        if found is not None and (found.kind == "person" or desc.group("noun").lower() in found.written.lower()):
            return found   # not a company's stand-in named otherwise: that guess is for the verb right after
    return None


_OWNER_THEN_OWNED_RE = re.compile(r"['’]s? (?:(?!(?:and|or|to|in|on|at|for|with|from|by|of|said|says|was|is|has|had)\b)"
                                  r"[a-z][\w-]*\s+){0,2}")
_LEAD_DESCRIPTION_RE = re.compile(r"[\s\"“]*[Tt]he\s+(?:[\w'’-]+\s+){0,2}?(?P<noun>\d+-year-old(?:\s+[A-Z][a-z]+)?"
                                  r"|president|governor|minister|premier|mayor|senator|ministry|agency|company"
                                  r"|commission|department|army|military|command)\s")
# a definite description as the subject, right before the verb: "the commission said", "The 56-year-old
# said", "the home-improvement retailer earned", "the president has said"
_ANAPHOR_RE = re.compile(
    r"\b[Tt]he\s+(?:[\w'’-]+\s+){0,2}?(?P<noun>\d+-year-old(?:\s+[A-Z][a-z]+)?|president|governor|minister|premier|mayor|senator"
    r"|secretary|chancellor|ambassador|envoy|spokesman|spokeswoman|spokesperson|commissioner|commander|chief"
    r"|commission|agency|company|firm|group|retailer|carrier|airline|automaker|bank|lender|insurer|utility|ministry"
    r"|department|council|committee|organi[sz]ation|club|court|union|party|league|network|board|institute"
    r"|university|hospital|regulator|watchdog|command|army|navy|military|coalition|mission|observatory"
    r"|statement|communiqu[eé]|press\s+release)(?:['’]s\s+(?:[a-z]+\s+)?spokes(?:man|woman|person))?"   # "the ministry's spokesman"
    r"\s+(?:(?:has|have|had|was|is|also|then|later|now|first|\w+ly)\s+){0,2}$")
OBJECT_NOUN_RE = re.compile(r"(?:\s+of)?(?:\s+(?:the|a|an|at\s+least|more\s+than|some|about|nearly|two|three|four|five"
                             r"|six|seven|eight|nine|ten|dozens|hundreds|thousands|several|many|[\d,]+)){0,2}"
                             r"\s+(?P<a>[a-z][\w-]*)(?:\s+(?P<n>[a-z]+)\b)?")
_STATE_BODIES = frozenset({"army", "navy", "military"})   # named by a demonym as often as by a name
_STATE_BODIES_AFTER = ("army", "military", "navy", "armed forces")
_ARMED_WORDS = frozenset({"forces", "troops", "soldiers", "military", "army", "navy", "warplanes", "jets", "drones"})
AUX_ONLY_RE = re.compile(r"\s*(?:(?:has|have|had|was|were|is|are|been|being|will|would|could|also|then|later|then|"
                          r"\w+ly)\s+){0,3}")
BODY_WORDS = frozenset("""army military forces navy police ministry agency commission committee council government
command coalition authority authorities court tribunal regulator department""".split())
AUX_WORDS = frozenset({"have", "has", "had", "was", "were", "is", "are", "been", "also", "then", "later", "first"})
NOT_ACTORS = frozenset({"people", "others", "them", "us", "dead", "wounded", "injured", "bodies", "deaths",
                         "casualties", "fatalities", "persons", "person", "individuals", "members", "waters",
                         "rivers", "numbers", "orders", "powers", "letters", "matters", "figures", "answers",
                         "offers", "barriers", "corners", "dangers", "chapters", "filters", "banners"})
PEOPLE_WORDS = PERSON_NOUNS | ROLE_WORDS | GROUP_NOUNS
PRONOUN_SUBJECT_RE = re.compile(r"\b(?:he|she)\s+(?:(?:has|had|was|is|been|also|then|later|first|\w+ly)\s+){0,3}$")
RELATIVE_RE = re.compile(r"(?:,\s*(?:who|which)|(?<=[\w.’'])\s+who)\s*$")
RELATIVE_GAP_RE = re.compile(r"\s*(?:(?:has|have|had|was|were|is|are|been|being|also|then|later|first|\w+ly)\s+){0,3}"
                              r"(?:(?:led|held|staged|launched|made|carried\s+out|[a-z]+ed)\s+(?:a|an|the)\s+(?:[a-z]+\s+)?)?")
_PERSON_NOUNS = frozenset("""president governor minister premier mayor senator secretary chancellor ambassador envoy
spokesman spokeswoman spokesperson commissioner commander chief""".split())


def antecedent_of(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], left: int,
                start: int) -> ActorMention | None:
    """The actor a definite description right before the trigger stands for: the last person of that role
    ("the president": a person titled president; "the 56-year-old": the last person), or the last
    organisation whose name holds the noun ("the commission": "the regional health commission"), else,
    for a company's words (company, firm, retailer, ...), the last organisation, named at most 3,000
    characters before."""
    lo = max(left, start - 60)
    if text.find("he ", lo, start) < 0:
        return None   # no "the" (or "The") before the verb: no description to resolve
    m = _ANAPHOR_RE.search(text, lo, start)
    if m is None or SOURCE_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()):
        return None
    noun = m.group("noun").lower()
    person = noun in _PERSON_NOUNS or "-year-old" in noun
    # "the agency selected" after "NASA": the last organisation, if none is named so; not "the central bank",
    # a body of its own that a reader knows without its name
    generic = not person and "central" not in m.group(0).lower()
    i = bisect.bisect_left(starts, m.start()) - 1
    fallback = None
    while i >= 0 and m.start() - mentions[i].start < 3000:
        a = mentions[i]
        if person and a.kind == "person":
            if "-year-old" in noun or (a.role and noun in a.role):
                return a
        elif not person and a.kind in ("organisation", "country", "group"):
            if noun in a.written.lower():
                return a   # "the command": "U.S. Central Command"; "the army": "the Israeli army"
            if noun in _STATE_BODIES and a.kind == "country" and text.startswith(("'s ", "’s "), a.end) \
                    and text.startswith(_STATE_BODIES_AFTER, a.end + 3):
                return a   # "the army" after "Ruritania's military": that state's
            if generic and fallback is None and noun not in _STATE_BODIES and (
                    a.kind == "organisation" or a.kind == "group" and a.written[:1].isupper()
                    and noun.split()[-1] in ISSUED):   # "Hamas ... the statement said"
                fallback = a
            elif noun in _STATE_BODIES and fallback is None and a.kind == "country" and any(
                    w in _ARMED_WORDS for w in a.written.lower().split()):
                fallback = as_state_body(a, noun)   # "Israeli troops raided ..., the army said": Israel's army
        i -= 1
    return fallback


BODY_PRONOUN_RE = re.compile(r"\b(?:it|they)\s+(?:(?:has|have|had|was|were|is|are|been|would|will|could|also|then"
                              r"|later|first|\w+ly)\s+){0,3}$")
REPORTING_RE = re.compile(r"\b(?P<v>said|says|announced|stated|confirmed|added|warned|insisted|reported|noted"
                           r"|told\s+\w+)\s+(?:on\s+[\w.]+(?:\s+\d+)?,?\s+)?"
                           r"(?:in\s+an?\s+(?:[a-z]+\s+)?(?:statement|release|briefing|post|communiqu[eé])\s+)?"
                           r"(?:on\s+[\w.]+(?:\s+\d+)?,?\s+)?(?:that\s+)?$")   # "said in a statement on Friday it"
OWNER_RE = re.compile(r"\b(?P<o>[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?:(?:[a-z][\w-]*(?:al|ic|ive|ous|ful|ent|ant|ary|ed)"
                       r"|new|first|latest|recent|last|planned|proposed|latest)\s+)?$")
MODIFIER_RE = re.compile(r"(?:^|\s)(?P<m>[A-Za-z]+)\s+$")
PEOPLE_MODIFIERS = frozenset("""teacher worker student nurse doctor farmer rebel militant insurgent jihadist miner
driver trucker pilot settler protester resident soldier""".split())
SPOKESPERSON_RE = re.compile(r"(?:[a-z][\w-]*\s+)?spokes(?:man|woman|person)")
UNNAMED_SPOKESPERSON_RE = re.compile(r"(?:^|(?<=[\s\"“]))(?:[Aa]n?|[Tt]he)\s+(?:[a-z][\w-]*\s+){0,2}spokes(?:man|woman|person)\b")
NOUN_AFTER_RE = re.compile(r"\s+(?!(?:and|or|of|in|on|at|to|for|from|with|by|as|who|that|which|were|was|is|are"
                            r"|have|has|had|after|before|during|since|near)\b)[a-z]{3,}\b")
CLAUSE_AFTER_RE = re.compile(r"\b(?:he|she|it|they|we|that|there)\b|,\s*(?:while|whereas|but|and|as|when|after|although)\b")
OWNER_GAP_RE = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}['’]s\s+")
SAYING_RE = re.compile(r"\b(?:said|says|say|told|announced|reported|confirmed|added|stated)\b")
BARE_COMMA_RE = re.compile(r"\s*,\s*(?:[Tt]he\s+)?")
NESTED_BY_RE = re.compile(r"(?:an?|the)\s+(?:[a-z-]+\s+){1,2}(?:owned|led|run|controlled|backed)\s+by\s+(?:the\s+)?"
                           r"(?:[a-z]+\s+){0,2}")
# a participle that opens the sentence: its subject is the main clause's ("Having bought the house, Austria will")
OPENER_RE = re.compile(r"[\s\"“]*(?!(?:During|Including|Regarding|Concerning|According|Notwithstanding|Nothing"
                        r"|Something|Everything|Morning|Evening|Spring|King|Beijing|Nanjing|Bing)\b)"
                        r"(?:Having|[A-Z][a-z]+ing)\b")
BE_RE = re.compile(r"\b(?:is|are|was|were|been|being)\b")
MAIN_VERB_RE = re.compile(r"(?:'s|’s)?\s+(?:has|had|have|is|was|were|are|will|would|could|should|must|may|might|also"
                           r"|did|does|said|[a-z]+ed)\b")
ADJUNCT_RE = re.compile(r",\s*$")
# a verb after a common noun that follows a saying verb: the noun is the subject of what is said ("said residents
# should leave", "warned farmers were at risk"), not a speaker set after the verb ("said police on Monday")
REPORTED_CLAUSE_RE = re.compile(r"\s+(?!(?:on|in|at|of|from|for|with|late|early|earlier|later|yesterday|today|this"
                                 r"|last|who|and)\b)[a-z]+")


_THE_THING_RE = re.compile(r"(?:^|(?<=[\s\"“]))[Tt]he\s+(?P<t>[a-z]+)\s+(?:(?:has|have|had|also|[a-z]+ly)\s+)?$")


def moved_thing(text: str, left: int, start: int, before: Sequence[ActorMention]) -> ActorMention | None:
    """What a "change" event says moved: the noun phrase right before the verb, else None."""
    # "Oil prices fell", "the Dow Jones Industrial Average .DJI fell", "Japan's Nikkei 225 (N225) declined":
    # what moved is the noun phrase right before the verb, not a country or ticker inside it
    mover = MOVER_RE.search(text, max(left, start - 80), start)
    if mover is not None and mover.group("thing"):
        words = mover.group("thing").split()
        if len(words) > 1 and words[0].lower() in FUNCTION_WORDS:   # "as revenue rose": the noun alone
            mover = MOVER_RE.search(text, mover.end("thing") - len(words[-1]), start)
    if mover is not None and (mover.group("name") or "").split()[0:1] in (["He"], ["She"], ["It"], ["They"],
                                                                      ["We"], ["He’d"], ["He'd"]):
        mover = None   # a pronoun, not a name
    if mover is None and (the := _THE_THING_RE.search(text, max(left, start - 30), start)) is not None:
        name = the.group("t")   # "The rand rose": what moved, whatever its kind
        return ActorMention(the.start("t"), the.end("t"), name, name, "organisation", None, None)
    if mover is not None:
        whole = mover.group("name") or mover.group("thing")
        name = re.split(r"['’]s\s+", whole)[-1].removeprefix("The ")
        at = mover.start("name") if mover.group("name") else mover.start("thing")
        # the country it belongs to, where the phrase names one ("Japan's Nikkei 225")
        code = next((a.country_code for a in before if at <= a.start < start and a.country_code), None)
        at += len(whole) - len(name)
        return ActorMention(at, at + len(name), name, name, "organisation", None, code)
    return None


def lead_subject(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], sent_start: int,
                 prev_start: int | None) -> ActorMention | None:
    """``subject_of``, or the body a description opening the sentence stands for even where its words are not
    in the body's name ("The agency assessed ... and said": the organisation named last)."""
    subject = subject_of(text, mentions, starts, sent_start, prev_start)
    desc = _LEAD_DESCRIPTION_RE.match(text, sent_start, sent_start + 60) if subject is None else None
    return antecedent_of(text, mentions, starts, sent_start, desc.end()) if desc is not None else subject
