"""Whether a trigger's clause, object or use keeps it from naming a happening.

Three readings that ``event_happenings.names_a_happening`` asks of each trigger, beyond its
neighbouring words:

- :func:`unrealised_in_clause`: the trigger stands in a clause whose verb is modal, planned or
  negated further back than the word before it ("would allow leaders to claim an easy victory",
  "plans to hold talks", "did not expect a broad rally", "nobody was hurt"). A noun with a definite
  determiner is exempt: "no group claimed the attack", "will investigate the shooting" presuppose it.
- :func:`figurative`: the word is used in another sense, read from the words it governs ("raised
  concerns", "fell short", "hearing gunfire", "hit a snag", "a political settlement", "the album was
  released", "hanged himself").
- :func:`generic`: a noun used generically or as a topic ("violence is a problem", "crashes such as
  these", what happens "every year").
"""

from __future__ import annotations

import re

from newswire.processors import lexicon as lx

__all__ = ["figurative", "generic", "unrealised_in_clause"]

# where a clause starts: punctuation, conjunctions and the words that open a clause of its own
_CUT_RE = re.compile(r"[,;:\"“”()?!—–]|\s-\s|[.](?=\s+[A-Z])|\b(?:that|which|who|whom|whose|but|while|after|before|because|and|or|when"
                     r"|where|how|why|what|whether|as|since|until|although|though|so|than)\b", re.IGNORECASE)
_MODAL_RE = re.compile(
    r"\b(?:would|could|will|may|might|should|must|can|cannot|shall|won't|wouldn't|can't|couldn't|shouldn't"
    r"|(?:plans?|planned|planning|intends?|intended|wants?|wanted|hopes?|hoped|seeks?|sought|aims?|aimed"
    r"|threatens?|threatened|threatening|vows?|vowed|promises?|promised|pledges?|pledged|proposes?|proposed"
    r"|expects?|expected|likely|ready|prepared|willing|trying|tried|attempts?|attempted|asked|urged"
    r"|urging|calls?|called|calling|demands?|demanded|agreed|going|refused|refuses|declined|declines"
    r"|failed|fails)\s+to|if|unless|(?-i:[a-z]+)'ll)\b(?!\s+of\b)", re.IGNORECASE)
_NEGATION_RE = re.compile(r"\b(?:not|never|no|nobody|none|neither|nor|without|[a-z]+n't)\b(?!\s+(?:only|least|longer|doubt"
                          r"|sooner|matter)\b)|\bno one\b", re.IGNORECASE)
_DEFINITE = frozenset("the this that these those its his her their our your".split())


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts (within its sentence, at most 120 characters back)."""
    begin = max(sent_start, pos - 120)
    last = begin
    for cut in _CUT_RE.finditer(text, begin, pos):
        last = cut.end()
    return last


def _definite_noun(text: str, clause: int, start: int, word: str) -> bool:
    """A noun whose phrase has a definite determiner or a possessor ("the July 25 phone call", "her House
    testimony"): the phrase presupposes the happening whatever its clause says of it."""
    if word.endswith("ed"):
        return False
    phrase = [w.strip("\"“”'(").lower() for w in text[clause:start].split()[-4:]]
    return any(w in _DEFINITE or w.endswith(("'s", "’s")) for w in phrase)


def unrealised_in_clause(text: str, sent_start: int, start: int, word: str, prev_word: str) -> bool:
    """True when a modal, a plan or a negation earlier in the trigger's clause governs it."""
    clause = _clause_start(text, sent_start, start)
    if clause >= start or _definite_noun(text, clause, start, word):
        return False
    return bool(_MODAL_RE.search(text, clause, start) or _NEGATION_RE.search(text, clause, start))


# ------------------------------------------------------------------ other senses of a trigger word
_RAISED_OBJECTS = frozenset("""concern concerns question questions doubt doubts fear fears alarm alarms eyebrow
eyebrows awareness hope hopes risk risks possibility prospect prospects issue issues objection objections stakes
bar specter spectre suspicion suspicions ire profile voice voices spirits morale temperature pressure tensions
red flag flags""".split())
_FELL_IDIOMS_RE = re.compile(r"\s+(?:short|silent|asleep|apart|flat|behind|through|victim|prey|foul|ill|sick"
                             r"|in love|into (?:place|disrepair|disuse|line|step)|out of (?:favou?r|love|step)"
                             r"|on deaf ears|under (?:the|its|his|her)|to (?:pieces|bits))\b", re.IGNORECASE)
_ROSE_IDIOMS_RE = re.compile(r"\s+(?:to (?:prominence|fame|power|the challenge|the occasion)|through the ranks)\b",
                             re.IGNORECASE)
_HIT_IDIOMS_RE = re.compile(r"\s+(?:(?:a|another)\s+(?:[\w-]+\s+)?(?:snag|wall|roadblock|nerve|chord|note|home run"
                            r"|milestone|bump|speed bump|stumbling block)|(?:the\s+)?(?:shelves|road|headlines|ground running"
                            r"|airwaves|market|jackpot|books|brakes|stores|screens|spot|mark|right notes?)|home|back)\b",
                            re.IGNORECASE)
_STRUCK_IDIOMS_RE = re.compile(r"\s+(?:a|the)\s+(?:[\w-]+\s+)?(?:chord|note|tone|balance|pose|nerve)\b", re.IGNORECASE)
_HEARD_THINGS = frozenset("""gunfire shots gunshots explosions explosion blasts blast screams screaming noise noises
sound sounds cries sirens voices rumours rumors about loss aid aids impaired""".split())
_SETTLEMENT_OTHER_BEFORE = frozenset("""political peace negotiated diplomatic israeli jewish illegal informal human
permanent final two-state overall comprehensive lasting colonial rural urban bank""".split())
_SETTLEMENT_OTHER_AFTER = frozenset("""building buildings construction expansion activity homes houses housing
outposts outpost residents growth freeze blocs bloc land area areas""".split())
_WORKS = frozenset("""album albums single singles song songs film films movie movies book books record records ep
trailer trailers game games version versions update updates app apps software phone phones product products model
models memoir novel series season episode episodes documentary tracks track edition""".split())
_SELF_RE = re.compile(r"\s+(?:himself|herself|themselves|itself)\b", re.IGNORECASE)
_KILLED_PLANS_RE = re.compile(r"\s+(?:the|a|an|his|her|its|their)\s+(?:[\w-]+\s+)?(?:bill|deal|plan|proposal|measure"
                              r"|legislation|project|idea|momentum|mood|talks|motion|amendment)\b", re.IGNORECASE)
_ABSTRACT_FOES = frozenset("""corruption poverty cancer disease diseases inflation climate crime drugs addiction obesity
racism extremism misinformation disinformation hunger illness depression democracy freedom press constitution rights
truth values inequality unemployment bureaucracy hate hatred antisemitism islamophobia discrimination pollution
deforestation""".split())
_COLLAPSE_SUBJECTS = frozenset("""talks negotiations deal agreement government coalition shares stocks prices market
markets economy currency sales demand bid merger plan plans case trial""".split())
_REPORTING_HEADS = frozenset("""station stations period periods requirements requirement rules system systems
obligations standards guidelines deadline deadlines season cycle""".split())


def _words(text: str, end: int, n: int) -> list[str]:
    return [w.strip(".,;:\"”’'()").lower() for w in text[end:end + 12 * n].split()[:n]]


def figurative(text: str, kind: str, start: int, end: int, word: str, prev_word: str) -> bool:
    """True when the trigger word is used in a sense other than its type's happening."""
    after = _words(text, end, 3)
    nxt = after[0] if after else ""
    if kind == "transaction" and word.startswith("rais") and any(w in _RAISED_OBJECTS for w in after):
        return True   # "raised concerns", "raised the risk": not money raised
    if kind == "change" and word in ("fell", "fallen", "falls") and _FELL_IDIOMS_RE.match(text, end):
        return True   # "fell short", "fell silent", "fell victim"
    if kind == "change" and word in ("rose", "risen") and _ROSE_IDIOMS_RE.match(text, end):
        return True   # "rose to prominence"
    if kind == "strike_hit" and word.startswith("hit") and _HIT_IDIOMS_RE.match(text, end):
        return True   # "hit a snag", "hit the shelves", "hit back"
    if kind == "strike_hit" and word == "struck" and _STRUCK_IDIOMS_RE.match(text, end):
        return True   # "struck a chord"
    if kind == "hearing" and word in ("hearing", "heard") and nxt in _HEARD_THINGS:
        return True   # "hearing gunfire", "hearing loss": perception, not a court hearing
    if word.startswith("settlement") and (prev_word in _SETTLEMENT_OTHER_BEFORE or nxt in _SETTLEMENT_OTHER_AFTER):
        return True   # "a political settlement", "settlement building": no lawsuit settled
    if kind == "release" and word.startswith("releas") and (any(w in _WORKS for w in after[:3])
                                                             or any(w in _WORKS for w in _before(text, start, 4))):
        return True   # "the album was released", "released a new single": a work, not a captive
    if kind == "execution" and word == "hanged" and _SELF_RE.match(text, end):
        return True   # "hanged himself": a suicide, not an execution
    if kind == "casualties" and word in ("killed", "kills", "killing") and _KILLED_PLANS_RE.match(text, end):
        return True   # "killed the bill"
    if kind in ("clash", "attack") and not word.endswith("ed") and len(after) >= 2 \
            and after[0] in ("against", "on", "with") and (after[1] in _ABSTRACT_FOES or (len(after) > 2 and after[1]
                                                                                         in ("the", "its", "our")
                                                                                         and after[2] in _ABSTRACT_FOES)):
        return True   # "its fight against corruption", "an attack on democracy"
    if kind == "accident" and word.startswith(("collaps", "crash")) and prev_word in _COLLAPSE_SUBJECTS:
        return True   # "talks collapsed", "shares crashed": no accident
    if kind == "statement" and word == "reporting" and nxt in _REPORTING_HEADS:
        return True   # "a reporting station": a modifier
    if kind == "statement" and word == "called" and _names_a_thing(text, start, nxt):
        return True   # "a condition called HP", "what's called farmer's lung": a name given, not a statement
    if word == "suspension" and nxt not in _SUSPENDED_FROM and not prev_word.endswith(_SUSPENSION_SPANS):
        return True   # "rear suspension", "air suspension": a car's, not a ban
    if kind == "escape" and nxt in _ESCAPE_THINGS:
        return True   # "the escape key"
    if word == "granted" and prev_word == "for":
        return True   # "taken for granted"
    if word == "hits" and prev_word in _SONG_HITS:
        return True   # "her biggest hits": songs
    return False


_NAMING_BEFORE = frozenset("what's what’s it's it’s is are was were often also be been being so-called".split())
_CALLED_OBJECTS = frozenset("it him her them us me on for in up off out the his their its my our your 911".split())
_PRONOUNS = frozenset("i you he she we they who which that everyone everybody someone somebody nobody".split())
_SUSPENDED_FROM = frozenset("of from for pending after over until without on".split())
_SUSPENSION_SPANS = ("-game", "-match", "-week", "-day", "-month", "-year", "-race", "temporary", "indefinite",
                     "automatic", "immediate", "lengthy", "lifetime", "provisional")
_ESCAPE_THINGS = frozenset("key keys button buttons room rooms velocity hatch pod pods plan clause".split())
_SONG_HITS = frozenset("biggest greatest past earlier big top chart classic old early new".split())


def _names_a_thing(text: str, start: int, nxt: str) -> bool:
    """Whether "called" at ``start`` gives a name ("a mission called Europa", "what's called X", ", called
    fibrosis,") rather than reporting a call or a description ("aides called it a fiasco", "called 911")."""
    before = text[max(0, start - 30):start].split()
    if not before or nxt in _CALLED_OBJECTS:
        return False
    prev = before[-1]
    low = prev.lower().strip(",")
    if low in _NAMING_BEFORE:
        return True
    return prev[:1].islower() and low.isalpha() and low not in _PRONOUNS and low not in lx.FUNCTION_WORDS \
        and not low.endswith("ly")


def _before(text: str, start: int, n: int) -> list[str]:
    return [w.strip(".,;:\"“’'()").lower() for w in text[max(0, start - 12 * n):start].split()[-n:]]


# ------------------------------------------------------------------ generic nouns and habits
_GENERIC_AFTER_RE = re.compile(r"\s+(?:is|are|remains?|poses?|tends?|occurs?|happens?|can|may|might|often|usually"
                               r"|typically|rarely|generally|have\s+become|has\s+become|becomes?)\b", re.IGNORECASE)
_HABIT_RE = re.compile(r"\b(?:often|usually|typically|generally|commonly|frequently|rarely|seldom|routinely"
                       r"|every\s+(?:year|month|week|day|summer|winter)|each\s+(?:year|month|week|day)|annually"
                       r"|per\s+year|tend\s+to|tends\s+to)\b(?!-)", re.IGNORECASE)
_CLAUSE_END_RE = re.compile(_CUT_RE.pattern + r"|[.!?](?:\s|$)", re.IGNORECASE)
_MASS_NOUNS = frozenset("violence unrest looting fighting crime terrorism gunfire".split())
_TOPIC_VERBS = frozenset("""make makes making combat combating combatting tackle tackles tackling curb curbing
reduce reducing address addressing prevent preventing discourage discouraging condone condones condoning
glorify glorifying fuel fuels fueling fuelling incite inciting""".split())
_DETERMINERS = frozenset("""the a an this that these those its his her their our your one two three four five six
seven eight nine ten several many some multiple few dozens hundreds thousands both""".split())


def generic(text: str, sent_start: int, sent_end: int, start: int, end: int, word: str, prev_word: str) -> bool:
    """True when a noun trigger names a kind of happening or a habit, not one that happened."""
    if word.endswith("ed"):
        return False
    clause = _clause_start(text, sent_start, start)
    phrase = [w.strip("\"“”'(").lower() for w in text[clause:start].split()[-3:]]
    bare = not any(w in _DETERMINERS or w.endswith(("'s", "’s")) or w.replace(",", "").isdigit() or w == "of"
                   for w in phrase)
    if bare and (word.endswith("s") or word in _MASS_NOUNS) and not word.endswith("ing") \
            and _GENERIC_AFTER_RE.match(text, end):
        return True   # "violence is a problem", "crashes are common" (not "the impeachment hearings are")
    if prev_word in _TOPIC_VERBS or (bare and " ".join(phrase[-2:]).endswith("such as")):
        return True   # "make threats", "crimes such as robberies"
    nxt_cut = _CLAUSE_END_RE.search(text, end, min(sent_end, end + 80))
    clause_end = nxt_cut.start() if nxt_cut else min(sent_end, end + 80)
    return bool(_HABIT_RE.search(text, clause, start) or _HABIT_RE.search(text, end, clause_end))
