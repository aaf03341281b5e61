"""Which event triggers name a happening, and which happenings are one.

A trigger word names a happening only in some contexts (:func:`names_a_happening`): not as a modifier
("death toll", "assault rifles"), not as the topic of other words ("talks on a ceasefire"), not
unrealised ("would attack"), not denied ("no deaths were reported"), not a participle used as an
adjective or a word inside a name. One happening gives one event (:func:`happenings`: "launched an
offensive" is the offensive). The triggers themselves are ``processors.event_triggers``.
"""

from __future__ import annotations

import re

from newswire.processors import event_senses as senses
from newswire.processors import lexicon as lx
from newswire.processors.event_release_phrases import names_its_statement, round_of_votes
from newswire.processors.event_triggers import INCIDENT_TYPES
from newswire.processors.word_scans import phrase_ending_regex

__all__ = ["CLAUSE_CUT_RE", "happenings", "names_a_happening"]

CLAUSE_CUT_RE = re.compile(r"[,;:\"“”()]|\b(?:that|which|who|but|while|after|before|because)\b")


# ------------------------------------------------------------------ which triggers name a happening
# A trigger word names a happening only in some contexts: not as a modifier ("death toll", "assault rifles",
# "quake-hit", "anti-war"), not as the topic of other words ("talks on a ceasefire", "a proposal for a
# truce"), not unrealised ("would attack", "plans to release"), not denied ("no deaths were reported"); and
# one happening gets one event ("launched an offensive" is the offensive, "ended the truce" the ending).
_MODIFIED_HEADS = frozenset("""toll tolls count counts rate rates zone zones site sites victims victim survivors
rifle rifles weapon weapons helicopter helicopters jets aircraft squad squads forces unit units group groups
officials official commission committee campaign campaigns result results process plan plans proposal proposals
law laws bill bills day days centre center centres centers camp camps shelter shelters effort efforts team teams
workers worker warning warnings alert alerts season line lines monitors observers mechanism terms status fund
funds relief response suspects suspect debris risk risks fears fear concerns scene aftermath anniversary
investigators prevention preparedness insurance policy policies rules regulations measures order orders ban
report reports data figures statistics numbers total tally map hearing charges date deadline period hours
memorial ready readiness footage video videos images photos damage losses claims money officer officers
security vehicle vehicles convoy convoys route routes materials supplies gear equipment technology tactics
strategy threat threats alarm alarms drill drills exercise exercises training cycle mode hearing hearings police
sham inquiry proceedings probe trial vote articles managers case cases inquiry panel witnesses witness facility
facilities weather project projects danger dangers agency agencies engine engines crew crews chief chiefs
department departments alarm program programs programme programmes clinic clinics
coverage schedule schedules card cards services boats personnel divers""".split())
_TOPIC_BEFORE_RE = phrase_ending_regex(
    r"(?:(?:towards?|regarding|about|concerning|on|for|over|of|seeking|sought|seek|demanding|demanded|demand"
    r"|discussing|discussed|discuss|proposed|proposing|propose|negotiating|brokering|broker|reach|reached"
    r"|prevent|prevented|preventing|avoid|avoided|stop|halt|agree to|agreed to|opposed|oppose|against"
    r"|reaching|agree on|agreed on|push for|pushed for|calls for|called for|call for|calling for)\s+"
    r"(?:(?:an?|the|any|possible|potential|proposed|future|lasting|permanent|new|durable|comprehensive|full"
    r"|broader|wider|\d+-day|[\w'’-]+-(?:day|week|month|stage|phase|point))\s+){0,3}"
    r"|(?:for|seeking|sought|demanding|demanded|proposed|proposing|calls for|called for|call for|calling for"
    r"|push for|pushed for|asked for|asking for|asks for)\s+(?:an?|the)\s+[a-z][\w'’-]*\s+"
    r"|(?:potential|possible|proposed|planned|future|prospective|would-be|any)\s+(?:[\w'’-]+\s+)?)$")
_TOPIC_TYPES = frozenset({"ceasefire", "agreement", "exchange", "aid", "talks", "release", "election",
                          "withdrawal", "sanctions", "investigation", "meeting", "visit", "surrender",
                          "attack", "offensive", "strike", "protest", "evacuation", "end"})
_UNREAL_BEFORE_RE = phrase_ending_regex(
    r"(?:(?:would|could|will|may|might|should|must|can|cannot|can't|won't|wouldn't|shall|to|if|unless"
    r"|rather\s+than|instead\s+of|without)"
    r"(?:\s+(?:not|never|also|then|still|soon|further|be|have|be\s+able\s+to|[a-z]{2,20}ly))*"
    r"|(?:not|never|no|nor)(?:\s+(?:been|be|yet|a|an|the|any|one|single|immediate|major|new|more|serious"
    r"|injuries|deaths|casualties|damage|or|reports?\s+of|were|was|is|are|being|immediately|initially"
    r"|officially))*)\s+$")
_TO_IS_A_PREPOSITION = frozenset("""due prior response addition related linked owing thanks compared subject close
next leading led lead contributed contributing return returned according opposition resistance reaction able managed
reference way path road key end ahead decided voted moved rushed helped worked""".split())
# "forced thousands to flee", "were compelled to evacuate": what they were made to do, they did
_FORCED_RE = re.compile(r"\b(?:forced|forcing|compelled|obliged)\s+(?:[\w,'’-]+\s+){0,4}?$", re.IGNORECASE)
_LIGHT_VERBS = frozenset({"start", "decision", "transaction", "operation", "order"})   # verbs that give way to the happening they govern
# an attack that was repelled took place (one that was foiled or thwarted did not): the attack is the happening
_FOUGHT_OFF = frozenset({"repelled", "repulsed"})
_AGREEING = frozenset({"agreed", "agrees", "agreeing"})
_AGREED_GAP_RE = re.compile(r"\s+to\s+(?:an?|the)\s+(?:[\w'’-]+\s+)?")
_STATEMENT_NOUN_RE = re.compile(r"statement|announcement|reports?|quoted", re.IGNORECASE)
_NOUN_BEFORE_REPORTS = frozenset("""the a an earlier unconfirmed media news local some several these those his her
their its recent initial press new conflicting first further other many witness state official""".split())
_IN_A_RE = re.compile(r"\b(?:in|with) (?:a|an|its|their|his|her|the)(?: [\w-]+)?\s+$", re.IGNORECASE)
_PASSIVE_HEDGE_RE = phrase_ending_regex(
    r"(?:is|are|was|were|be|been|being)\s+(?:(?:\w+ly|often|also|sometimes|still|now|widely)\s+)?$")
_TO_AFTER_RE = re.compile(r"\s+to\b")
_COPULA_AFTER_RE = re.compile(r"\s+(?:is|are|was|were|had|have|has)\b")
_PRONOUN_END_RE = re.compile(r"\b(?:it|this|that)\s+$")
_STATE_AFTER_RE = re.compile(r"\s+(?:[a-z]+ed|dead|missing|hurt|safe|alive)\b")
_OBJECT_GAP_RE = re.compile(r"\s+(?:(?:an?|the|its|their|his|her|a\s+new|new|major|fresh|last|latest|first"
                            r"|second|renewed|wider|large-scale|all-out|full-scale|ground|air|military"
                            r"|[\w'’-]+-(?:day|week|month|scale|long))\s+){0,3}")


def _word_before(text: str, pos: int) -> str:
    parts = text[max(0, pos - 30):pos].rsplit(None, 1)
    return parts[-1].lower().strip("\"“”'(,") if parts else ""


_ADJ_BEFORE = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "newly", "recently",
                         "partially", "previously", "already", "those", "these"})
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten dozen dozens hundreds thousands".split())
_NOT_ADJ_ADVERBS = frozenset({"only", "reportedly", "early", "allegedly", "jointly", "publicly", "formally"})


_TARGET_NOUNS = frozenset("""expectations expectation estimates forecasts forecast targets target goals goal
requirements criteria standards deadline deadlines demand lowered raised analysts""".split())
_RECORD_AFTER_RE = re.compile(r"\s+(?:a\s+|new\s+|fresh\s+)?(?:record|all-time|multi-year|\d+-(?:year|month|week))"
                              r"|\s+(?:new\s+|fresh\s+)?(?:highs?|lows?|peaks?)\b")
_MARKET_WORDS = frozenset("""market markets stock stocks share shares equity equities bond bonds relief oil dollar
price prices year-end""".split())
_BE_FORMS = frozenset({"is", "was", "are", "were", "be", "been", "being", "he's", "she's", "he’s", "she’s",
                       "remains", "remained", "remain", "taken", "placed", "put"})


def _premodifies(prev_word: str, nxt_word: str) -> bool:
    """Whether a participle between these words modifies a noun: "the freed militants", "three confirmed
    cases"."""
    if not nxt_word or not nxt_word.isalpha() or nxt_word in lx.FUNCTION_WORDS or nxt_word.endswith("ly"):
        return False
    return (prev_word in _ADJ_BEFORE or prev_word in _NUMBER_WORDS or prev_word.replace(",", "").isdigit()
            or (prev_word.endswith("ly") and prev_word not in _NOT_ADJ_ADVERBS))


# words before "release" that make it a document or a product ("a press release", "data releases")
_DOCUMENT_WORDS = frozenset("""data earnings product album film movie software game version""".split())
_PREPOSITIONS = frozenset("to of for with from into by".split())
_CRIME_NOUNS = frozenset({"murder", "murders", "homicide", "homicides"})
_CHARGE_LINKS = frozenset({"with", "of", "for", "attempted", "conspiracy", "alleged"})
_OBJECT_STARTS = frozenset({"a", "an", "the", "his", "her", "their", "its", "him", "them", "my", "our", "your"})
_RULERS = frozenset("party parties coalition junta family elite class council bloc generals alliance camp".split())
_ADMITTED_PEOPLE_RE = re.compile(r"\s+(?:(?:more|fewer|less)\s+than\s+|about\s+|nearly\s+|some\s+|over\s+)?[\d,.]+")


def names_a_happening(text: str, sent_start: int, m: re.Match[str], topic: list[bool] | None = None) -> bool:
    """Whether trigger ``m`` names something that happened, from its few neighbouring words (``topic``, if
    given, gets whether ``m`` reads as a topic, where that was asked: ``happenings`` need not ask again)."""
    kind = m.lastgroup or "other"
    start, end = m.span()
    word = m.group(0).lower()
    after = text[end:end + 40]
    before = text[max(sent_start, start - 80):start]
    if after[:1] == "-" and after[1:2].isalpha():
        return False   # "quake-hit", "battle-ready", "war-torn": a modifier
    if before[-1:] == "-" and before[-2:-1].isalpha():
        return False   # "anti-war", "post-election"
    if kind == "election" and word.endswith(" round") and not round_of_votes(text, sent_start, end):
        return False   # a tournament's first round, not an election's
    nxt = after.split(None, 1)
    nxt_word = nxt[0].lower().strip(".,;:\"”)") if nxt and after[:1].isspace() else ""
    if nxt_word in _MODIFIED_HEADS and after[:1] == " " and not word.endswith(("ed", "ing")) \
            and (kind != "statement" or _STATEMENT_NOUN_RE.fullmatch(word)):
        return False   # "death toll", "assault rifles", "election campaign", "battle ready"
    prev_word = _word_before(text, start)
    if kind == "statement":
        if _STATEMENT_NOUN_RE.fullmatch(word) and (_IN_A_RE.search(before) or start - sent_start <= 1
                                                    or prev_word in _NOUN_BEFORE_REPORTS):
            return False   # "said in a statement", "Earlier reports from", "Reports say": the verb is the event
        if _COPULA_AFTER_RE.match(after) and not _PRONOUN_END_RE.search(before):
            return False   # "34 the army says are dead": a parenthetical
        if (word == "called" or _TO_AFTER_RE.match(after) or _STATE_AFTER_RE.match(after)) \
                and _PASSIVE_HEDGE_RE.search(before):   # (searched once, where the words after ask for it)
            # "are often called hieleras": a name; "is said to be": a hedge; "was reported dead": the
            return False   # happening is the next word
    if word.endswith("ed") and _premodifies(prev_word, nxt_word) and after[:1] == " " \
            and not before.rstrip().endswith(",") and not senses.after_auxiliary(before, prev_word):
        # a comma before it ("in office until 2019, signed contracts") or an auxiliary ("has since seized
        # land") makes it a verb
        return False   # "the freed militants", "a newly revealed call": an adjective
    if word.endswith("ed") and prev_word in _PREPOSITIONS and nxt_word and nxt_word.isalpha() \
            and nxt_word not in lx.FUNCTION_WORDS and after[:1] == " ":
        return False   # "linked to increased symptoms", "led to canceled flights": an adjective
    if _STATEMENT_NOUN_RE.fullmatch(word) and before.rstrip().lower().endswith("according to"):
        return False   # "according to reports": a source, not a statement
    prev_raw = text[max(sent_start, start - 30):start].split()
    if m.group(0)[:1].isupper() and prev_raw and prev_raw[-1][:1].isupper() and kind != "storm":
        return False   # "the Black Death", "Bloody Sunday Inquiry": part of a name
    if kind == "statement" and word == "said" and prev_word == "that" and start - sent_start <= 6:
        return False   # "That said, ...": an idiom
    if kind == "release" and (prev_word in ("press", "news", "office", "media", "joint") or _IN_A_RE.search(before)
                              or (word in ("release", "releases") and prev_word in _DOCUMENT_WORDS)):
        return False   # "a press release", "said in the release": a document
    if after[:1] in ("'", "’") and after[1:3].lower() == "t " and word == "won":
        return False   # "we won't roll the dice": "will not", not a win
    if word == "admitted" and _ADMITTED_PEOPLE_RE.match(after):
        return False   # "the country had admitted 1.4 million refugees": an intake, not a statement
    if kind == "murder" and word in _CRIME_NOUNS and (prev_word in _CHARGE_LINKS or prev_word.endswith("degree")):
        return False   # "charged with murder", "convicted of first-degree murder": the charge, not the killing
    if kind == "murder" and word in _CRIME_NOUNS and nxt_word in _OBJECT_STARTS:
        return False   # "threatening to assault and murder a U.S. official": a bare verb, unrealised
    if word == "destruction" and prev_word in ("mass", "certain", "from"):
        return False   # "weapons of mass destruction", "save it from certain destruction": no happening
    if word == "rescue" and before.lower().endswith("to the "):
        return False   # "came to the rescue": an idiom
    if word == "ruling" and nxt_word in _RULERS:
        return False   # "the ruling party": who rules, not a court's ruling
    if kind == "change" and word == "declined" and _TO_AFTER_RE.match(after):
        return False   # "declined to comment": a refusal, not a fall
    if word.startswith("landslide") and nxt_word in ("victory", "win", "majority", "defeat", "re-election", "reelection"):
        return False   # "a landslide victory": an election's margin, not a disaster
    if kind == "strike_hit" and re.match(r"\s+(?:me|him|her|us|them|it)\s+as\b", after):
        return False   # "struck me as odd"
    if kind == "strike_hit" and prev_word in ("hard", "worst", "badly", "hardest", "heavily"):
        return False   # "hard hit": a state
    if word == "signed" and nxt_word == "by" and prev_word not in _BE_FORMS:
        return False   # "the letter signed by seven doctors": who signed a document, not an agreement
    if word == "signed" and nxt_word == "up":
        return False   # "customers signed up for a trial": joining, not an agreement
    if word == "meeting" and nxt_word in _TARGET_NOUNS:
        return False   # "data meeting lowered expectations": reaching a mark, not a meeting
    if kind == "strike_hit" and _RECORD_AFTER_RE.match(after):
        return False   # "stocks hit record highs": a level reached, not a strike
    if word == "estimated" and (prev_word in ("an", "the", "some") or nxt_word[:1].isdigit()
                                or nxt_word in _NUMBER_WORDS):
        return False   # "an estimated 25 million people": a hedge on a number, not a statement
    if kind == "protest" and word.startswith("rall") and prev_word in _MARKET_WORDS:
        return False   # "the market rally", "stocks rallied": prices rising, not a protest
    if word == "custody" and not (prev_word == "into" or (prev_word == "in" and _word_before(
            text, text.rfind("in", max(sent_start, start - 6), start)) in _BE_FORMS)):
        return False   # "migrants held in federal custody", "custody battle": a state; "taken into custody" acts
    unreal = _UNREAL_BEFORE_RE.search(before)
    if unreal:
        phrase = before[unreal.start():]   # the phrase runs to the end of ``before``
        lead = phrase.split()[0].lower()
        if (lead != "to" or _word_before(before, unreal.start()) not in _TO_IS_A_PREPOSITION
                or len(phrase.split()) > 1) \
                and not (lead == "to" and len(phrase.split()) == 1
                         and _FORCED_RE.search(before, 0, unreal.start())):
            # "due to be released": an infinitive after all; "forced 2,000 people to flee": they fled
            if not (lead == "to" and kind in ("casualties",) and word.endswith("ed")):
                return False   # "would attack", "to release", "did not attack", "no deaths"
    is_topic = _is_topic(text, sent_start, m)
    if topic is not None:
        topic.append(is_topic)
    if is_topic:
        return False   # "progress towards a truce", "a proposal for a 45-day truce", "a possible exchange"
    if kind == "ceasefire" and _AGREED_TO_RE.search(before):
        return True   # "agreed to a truce": no plan "to" carry out, a truce agreed and in force
    # "raised concerns", "would allow leaders to claim a victory", "nobody was hurt", "violence is a problem"
    return not senses.names_no_happening(text, sent_start, kind, start, end, word, prev_word)


# a quotation's attribution at the end of its sentence: '..., he said', '"...," Harris said', '..., said Harris'
_TRAILING_SPEAKER_RE = re.compile(r"(?:,|[,.!?]?[\"”])\s*(?P<who>[Hh]e|[Ss]he|[Tt]hey|[A-Z][\w'’-]+)\s+(?:also\s+)?$")
_INVERTED_SPEAKER_RE = re.compile(r"\s+(?P<who>he|she|they|[A-Z][\w'’-]+)\s*(?:[.!?]|$)")
_SENTENCE_END_RE = re.compile(r"\s*(?:[.!?]|$)")
_QUOTE_VERBS = frozenset({"said", "says", "added"})


def repeats_a_speaker(text: str, sent_start: int, m: re.Match[str]) -> bool:
    """Whether statement ``m`` only attributes its sentence to a speaker the article has already named:
    '..., he said', '"...," Harris said', '..., said Harris' after "Sgt. Matt Harris" (a pronoun, or a
    surname whose full name came before). A speaker's first words are an event; each later quotation is
    the same speaking, not a new one."""
    if m.group(0).lower() not in _QUOTE_VERBS:
        return False
    before = _TRAILING_SPEAKER_RE.search(text, max(sent_start, m.start() - 40), m.start())
    who = before.group("who") if before and _SENTENCE_END_RE.match(text, m.end()) else None
    if who is None and text[max(sent_start, m.start() - 3):m.start()].rstrip().endswith((",", "\"", "”")):
        after = _INVERTED_SPEAKER_RE.match(text, m.end(), min(len(text), m.end() + 40))
        who = after.group("who") if after else None
    if who is None:
        return False
    if who.lower() in ("he", "she", "they"):
        return True
    at = text.rfind(" " + who, 0, sent_start)
    while at > 0:   # "Matt Harris" before: the surname of a person named in full
        prev = text[:at].rsplit(None, 1)
        if prev and prev[-1][:1].isupper() and prev[-1][-1:].isalpha():
            return True
        at = text.rfind(" " + who, 0, at)
    return False


def _is_topic(text: str, sent_start: int, m: re.Match[str]) -> bool:
    if m.lastgroup in _TOPIC_TYPES and _TOPIC_BEFORE_RE.search(text, max(sent_start, m.start() - 80), m.start()) \
            and not _ANSWERED_FOR_RE.search(text, max(sent_start, m.start() - 40), m.start()) \
            and not (m.lastgroup == "ceasefire"
                     and _AGREED_TO_RE.search(text, max(sent_start, m.start() - 40), m.start())):
        return True
    return not m.group(0).lower().endswith("ed") and _MAYBE_BEFORE_RE.search(
        text, max(sent_start, m.start() - 50), m.start()) is not None   # "the risk of an outbreak"


# a truce the sides agreed to is in force from then on, unlike agreed talks or exchanges, which are still to come
_AGREED_TO_RE = re.compile(r"\b(?:agreed|agreeing|agrees)\s+to\s+(?:an?|the)\s+(?:[\w'’-]+\s+)?$", re.IGNORECASE)
# what someone claims, takes or is blamed for happened: "claimed responsibility for the attack"
_ANSWERED_FOR_RE = re.compile(r"\b(?:responsibility|credit|blame|blamed|punished|arrested|jailed|sentenced|convicted"
                              r"|condemned|apologi[sz]ed|compensation)\s+for\s+(?:(?:the|this|that|these|those|its|their"
                              r"|his|her|a|an|last\s+\w+'s|\w+'s)\s+)?(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_MAYBE_BEFORE_RE = phrase_ending_regex(
    r"(?:potential|possible|proposed|planned|future|prospective|would-be|risks? of|threat of|fears? of"
    r"|prevent|prevents|preventing|avoid|avoids|avoided|avoiding|seeking|seeks|sought|success of|hopes? (?:of|for)"
    r"|chances? of|prospects? of|likelihood of|in case of|in the event of)"
    r"\s+(?:(?:an?|the|any|his|her|its|their)\s+)?(?:[\w'’-]+\s+)?$")


def _same_happening(text: str, kept: list[re.Match[str]], m: re.Match[str]) -> bool:
    """True when ``m`` is the object of the trigger kept just before it ("ended the ceasefire"), or when the
    one before is a light verb whose object ``m`` is ("launched an offensive"): one happening, one event."""
    if not kept:
        return False
    prev = kept[-1]
    gap = _OBJECT_GAP_RE.match(text, prev.end(), m.start())
    if gap is None or gap.end() != m.start():
        return False
    if prev.lastgroup == "statement" or m.lastgroup == "statement":
        return False
    if m.lastgroup in _CONSEQUENCES and text[prev.end():m.start()].isspace() and _is_noun_subject(prev.group(0)) \
            and _is_past_verb(m.group(0)):
        return False   # "the blast killed 5", "the outbreak spread to": a cause and what it did, not an object
    return True


# what a happening did, an event of its own ("the blast killed 5"); a storm's or quake's impact verb is the
# happening itself striking ("the cyclone battered the coast"): one event
_CONSEQUENCES = frozenset({"casualties", "spread", "damage", "outage", "displacement"})
_VERB_ENDINGS = ("ed", "ing", "en")
_IRREGULAR_PASTS = frozenset("""left spread fell rose sank shook tore swept began begun took broke won lost held
fought sold bought paid met hit struck shot went set came made laid gave cut""".split())


def _is_noun_subject(word: str) -> bool:
    first = word.split()[0].lower()
    return not first.endswith(_VERB_ENDINGS) and first not in _IRREGULAR_PASTS


def _is_past_verb(word: str) -> bool:
    first = word.split()[0].lower()
    return first.endswith("ed") or first in _IRREGULAR_PASTS


_SPAN_RES: dict[str, re.Pattern[str]] = {}


def _joined(text: str, start: int, end: int, kind: str) -> re.Match[str]:
    """A match of ``text[start:end]`` whose ``lastgroup`` is ``kind``: the verb and object read as one trigger."""
    rx = _SPAN_RES.get(kind)
    if rx is None:
        rx = _SPAN_RES[kind] = re.compile(rf"(?P<{kind}>.+)", re.DOTALL)
    joined = rx.match(text, start, end)
    assert joined is not None
    return joined


_OF_GAP_RE = re.compile(r"\s+of\s+(?:the\s+)?")
_AUX_GAP_RE = re.compile(r"(?:\s+(?:in|of|on|at|near|off)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)?,?"
                         r"\s+(?:(?:has|have|had|was|were|is|also|then|later|first)\s+){0,2}")


def _restates(text: str, kept: list[re.Match[str]], m: re.Match[str]) -> bool:
    """True when ``m`` only restates the trigger before it: "an exchange of fire", "the quake struck"."""
    if not kept:
        return False
    prev = kept[-1]
    if prev.lastgroup != "statement" and not prev.group(0).lower().endswith(("ed", "ing")):
        gap = _OF_GAP_RE.match(text, prev.end(), m.start())
        if gap is not None and gap.end() == m.start():
            return True   # "an exchange of fire", "a wave of attacks"
    if m.lastgroup == "strike_hit" and prev.lastgroup in INCIDENT_TYPES:
        gap = _AUX_GAP_RE.match(text, prev.end(), m.start())
        return gap is not None and gap.end() == m.start()   # "the earthquake has struck", "the storm hit"
    return False


_LIST_GAP_RE = re.compile(r"(?:\s+[\w'’-]+){0,4}?(?:\s*,|\s+and|\s+or)(?:\s+(?:an?|the|[\w'’-]+)){0,3}\s+")


def happenings(text: str, sent_start: int, matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """The triggers of a sentence that name a happening, one per happening."""
    kept: list[re.Match[str]] = []
    topic_end = -1   # where the last trigger read as a topic ends: "a truce and a prisoner exchange" share it
    for m in matches:
        if kept and m.lastgroup == "statement" and names_its_statement(text, kept[-1], m):
            kept[-1] = _joined(text, kept[-1].start(), m.end(), "statement")   # "said in a statement": one
            continue
        if m.lastgroup in _TOPIC_TYPES and 0 <= topic_end and _LIST_GAP_RE.fullmatch(text, topic_end, m.start()):
            topic_end = m.end()
            continue
        if m.lastgroup == "statement" and repeats_a_speaker(text, sent_start, m):
            continue
        topic: list[bool] = []
        if not names_a_happening(text, sent_start, m, topic):
            if topic[0] if topic else _is_topic(text, sent_start, m):
                topic_end = m.end()
            continue
        # one happening named twice is one event, its first word the trigger ("the quake struck", "a bomb
        # exploded"): a span stretched over both would match more words than the one that names it
        if _restates(text, kept, m):
            continue
        if _same_happening(text, kept, m):
            # one event spanning the verb and its object, under the type that names the happening:
            # "launching a major offensive" is the offensive, "ended the ceasefire" the ending
            if kept[-1].lastgroup in _LIGHT_VERBS or kept[-1].group(0).lower() in _FOUGHT_OFF:
                kept[-1] = _joined(text, kept[-1].start(), m.end(), m.lastgroup or "other")
            continue
        if kept and m.lastgroup == "ceasefire" and kept[-1].group(0).lower() in _AGREEING \
                and _AGREED_GAP_RE.fullmatch(text, kept[-1].end(), m.start()):
            kept[-1] = _joined(text, kept[-1].start(), m.end(), "ceasefire")   # "agreed to a truce": the truce
            continue
        if kept and kept[-1].lastgroup == "statement" and m.lastgroup == "statement" \
                and not CLAUSE_CUT_RE.search(text, kept[-1].end(), m.start()):
            continue   # "quoted a source as saying", "said in a statement": one statement
        kept.append(m)
    return kept
