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

__all__ = ["after_auxiliary", "figurative", "generic", "names_no_happening", "unrealised_in_clause"]

# where a clause starts: punctuation, conjunctions and the words that open a clause of its own
_CUT_WORDS = frozenset("""that which who whom whose but while after before because and or when where how why what
whether as since until although though so than""".split())
_CUT_END = frozenset(",;:\"“”()?!—–")   # a word ending in one of these ends the clause before the trigger's
_CUT_START = frozenset("\"“”(—–")       # a word starting with one of these opens it
_MODALS = frozenset("""would could will may might should must can cannot shall won't wouldn't can't couldn't
shouldn't won’t wouldn’t can’t couldn’t shouldn’t if unless""".split())
_PLANS = frozenset("""plan plans planned planning intend intends intended want wants wanted hope hopes hoped seek
seeks sought aim aims aimed threaten threatens threatened threatening vow vows vowed promise promises promised
pledge pledges pledged propose proposes proposed expect expects expected likely ready prepared willing trying tried
attempt attempts attempted asked urged urging call calls called calling demand demands demanded agreed going
refused refuses declined declines failed fails""".split())   # before "to"
_NEGATIONS = frozenset("not never no nobody none neither nor without".split())
_NOT_NEGATING = frozenset("only least longer doubt sooner matter".split())
_DEFINITE = frozenset("the this that these those its his her their our your".split())


def _clause_before(text: str, sent_start: int, start: int) -> tuple[list[str], list[str]]:
    """The words of the trigger's clause before it, nearest first, as written and normalised (within its
    sentence, at most 120 characters back)."""
    window = text[max(sent_start, start - 120):start]
    raw: list[str] = []
    low: list[str] = []
    for w, n in zip(reversed(window.split()), reversed(window.lower().split())):
        if w[-1] in _CUT_END or w in ("-", "--") or (w[-1] == "." and raw and raw[-1][:1].isupper()):
            break
        n = n.strip(_QUOTES)
        if n in _CUT_WORDS:
            break
        raw.append(w)
        low.append(n)
        if w[0] in _CUT_START:
            break
    return raw, low


_PLAIN_SAYING = frozenset({"said", "told", "says"})
_QUOTES = "\"“”'’()"


def _norm(word: str) -> str:
    return word.strip(_QUOTES).lower()


def _definite_noun(low: list[str], word: str) -> bool:
    """A noun whose phrase has a definite determiner or a possessor ("the July 25 phone call", "her House
    testimony"): the phrase presupposes the happening whatever its clause says of it."""
    if word.endswith("ed"):
        return False
    return any(w in _DEFINITE or w.endswith(("'s", "’s")) for w in low[:4])


def names_no_happening(text: str, sent_start: int, kind: str, start: int, end: int, word: str,
                       prev_word: str) -> bool:
    """True when the trigger is used in another sense, stands in an unrealised or negated clause, or
    names a kind of happening (the three readings below, the clause read once)."""
    if word in _PLAIN_SAYING:
        return False   # "said", "told": a past saying is never under a modal, and barely ever negated
    if figurative(text, kind, start, end, word, prev_word):
        return True
    clause = _clause_before(text, sent_start, start)
    return _unrealised(clause, word) or _generic(text, sent_start, clause, start, end, word, prev_word)


def unrealised_in_clause(text: str, sent_start: int, start: int, word: str, prev_word: str) -> bool:
    """True when a modal, a plan or a negation earlier in the trigger's clause governs it."""
    return _unrealised(_clause_before(text, sent_start, start), word)


def _unrealised(clause: tuple[list[str], list[str]], word: str) -> bool:
    raw, low = clause
    if not _MARKERS.intersection(low) and not any(w.endswith(_CONTRACTED) for w in low):
        return False
    for i, w in enumerate(low):
        after = low[i - 1] if i else ""
        if (w in _MODALS and after != "of" and not (w in ("may", "will") and raw[i].strip(_QUOTES)[:1].isupper())) \
                or (w == "to" and i + 1 < len(low) and low[i + 1] in _PLANS) \
                or w.endswith(_CONTRACTED) \
                or (w in _NEGATIONS and after not in _NOT_NEGATING):
            return not _definite_noun(low, word)
    return False


_MARKERS = _MODALS | _NEGATIONS | {"to"}
_AUXILIARIES = frozenset("has have had was were is are been be".split())
# adverbs that place an act in time ("has since seized"), not a state ("are currently held")
_EVENT_ADVERBS = frozenset("""already recently newly previously reportedly allegedly later also just subsequently
eventually finally successfully""".split())


def after_auxiliary(before: str, prev_word: str) -> bool:
    """Whether the adverb ``prev_word`` before a participle follows an auxiliary ("has already seized the
    farms"): the participle is a verb, not an adjective ("the already seized farms")."""
    words = before.lower().split()
    return len(words) >= 2 and words[-2] in _AUXILIARIES and prev_word in _EVENT_ADVERBS
_CONTRACTED = ("n't", "n’t", "'ll", "’ll")


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
_HIT_IDIOMS_RE = re.compile(r"\s+(?:(?:a|another)\s+(?:[\w-]+\s+)?(?:snag|wall|roadblock|nerve|chord|note"
                            r"|home run|milestone|bump|speed bump|stumbling block)|(?:the\s+)?(?:shelves|road|headlines"
                            r"|ground running|airwaves|market|jackpot|books|brakes|stores|screens|spot|mark|right notes?)"
                            r"|home|back)\b", re.IGNORECASE)
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
deforestation isis islamic terrorism terror jihadism covid covid-19 coronavirus virus pandemic epidemic ebola malaria
hiv tuberculosis polio measles cholera dengue""".split())
_COLLAPSE_SUBJECTS = frozenset("""talks negotiations deal agreement government coalition shares stocks prices market
markets economy currency sales demand bid merger plan plans case trial""".split())
_REPORTING_HEADS = frozenset("""station stations period periods requirements requirement rules system systems
obligations standards guidelines deadline deadlines season cycle""".split())


def _words(text: str, end: int, n: int) -> list[str]:
    return [w.strip(".,;:\"”’'()").lower() for w in text[end:end + 12 * n].split()[:n]]


_FIGURATIVE_KINDS = frozenset({"transaction", "change", "strike_hit", "hearing", "lawsuit", "release", "execution",
                               "casualties", "clash", "attack", "accident", "statement", "escape", "restriction",
                               "decision", "exchange", "charge", "protest"})
_MARKETS = frozenset("""stock stocks share shares equities bonds bond oil gold markets market prices currency dollar
foreign commodities crypto bank""".split())
_EXCHANGE_HEADS = frozenset("rate rates trader traders operates market markets listing filing filings".split())
_MEDICAL_ATTACKS = frozenset("heart panic asthma anxiety gout migraine seizure".split())
_PERCEIVING = frozenset("was were am is are been i we you".split())


def figurative(text: str, kind: str, start: int, end: int, word: str, prev_word: str) -> bool:
    """True when the trigger word is used in a sense other than its type's happening."""
    if kind not in _FIGURATIVE_KINDS or (kind == "statement" and word not in ("called", "reporting")):
        return False
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
    if kind == "exchange" and word.startswith("exchange") and (prev_word in _MARKETS or nxt in _EXCHANGE_HEADS):
        return True   # "the stock exchange", "foreign exchange traders", "the exchange operates": a market
    if kind == "charge" and (nxt[:1].isdigit() or text[end:end + 2].strip()[:1] in "$€£¥"):
        return True   # "the bar charges $20 an hour": a price, not a charge
    if kind == "protest" and word.startswith("rall") and any(w in _MARKETS for w in after[1:3]):
        return True   # "the rally in bank stocks": prices rising
    if kind == "hearing" and word == "hearing" and prev_word in _PERCEIVING:
        return True   # "what I was hearing": perception, not a court hearing
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
    foe = (after[2] if len(after) > 2 and after[1] in ("the", "its", "our") else after[1]) if len(after) > 1 else ""
    if kind in ("clash", "attack") and not word.endswith("ed") and after[:1] in (["against"], ["on"], ["with"]) \
            and foe in _ABSTRACT_FOES:
        return True   # "its fight against corruption", "an attack on democracy"
    if kind == "attack" and word.startswith("attack") and prev_word in _MEDICAL_ATTACKS:
        return True   # "died of a heart attack", "an asthma attack": an illness, no one attacked
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
_HABIT_WORDS = frozenset("""often usually typically generally commonly frequently rarely seldom routinely annually
""".split())
_HABIT_PERIODS = frozenset("year month week day summer winter".split())
_HABIT_CUES = _HABIT_WORDS | {"every", "each", "per", "tend", "tends"}
_HABIT_HINT_RE = re.compile(r"often|usual|typical|general|common|frequent|rare|seldom|routine|annual|every|each"
                            r"|per |tend")   # on lower-cased text
_TOPIC_VERBS = frozenset("""make makes making combat combating combatting tackle tackles tackling curb curbing
reduce reducing address addressing prevent preventing discourage discouraging condone condones condoning
glorify glorifying fuel fuels fueling fuelling incite inciting""".split())
_DETERMINERS = frozenset("""the a an this that these those its his her their our your one two three four five six
seven eight nine ten several many some multiple few dozens hundreds thousands both""".split())
_MASS_NOUNS = frozenset("violence unrest looting fighting crime terrorism gunfire".split())


def _clause_after(text: str, end: int) -> list[str]:
    """The words of the trigger's clause after it (at most 80 characters on)."""
    out: list[str] = []
    for w in text[end:end + 80].split():
        if w[0] in _CUT_START or _norm(w) in _CUT_WORDS:
            break
        out.append(w)
        if w[-1] in _CUT_END or w[-1] in ".!?":
            break
    return out


def _habitual(normed: list[str]) -> bool:
    """"often", "every year", "tend to", "per year": a habit, not one happening."""
    if not _HABIT_CUES.intersection(normed):
        return False
    for i, w in enumerate(normed):
        if w in _HABIT_WORDS:
            return True
        nxt = normed[i + 1] if i + 1 < len(normed) else ""
        if (w in ("every", "each", "per") and nxt in _HABIT_PERIODS) or (w in ("tend", "tends") and nxt == "to"):
            return True
    return False


def generic(text: str, sent_start: int, start: int, end: int, word: str, prev_word: str) -> bool:
    """True when a noun trigger names a kind of happening or a habit, not one that happened."""
    return _generic(text, sent_start, _clause_before(text, sent_start, start), start, end, word, prev_word)


def _generic(text: str, sent_start: int, clause: tuple[list[str], list[str]], start: int, end: int, word: str,
             prev_word: str) -> bool:
    if word.endswith("ed"):
        return False
    low = clause[1]
    if (word.endswith("s") or word in _MASS_NOUNS) and not word.endswith("ing") and _GENERIC_AFTER_RE.match(text, end):
        phrase = low[:3]
        if not any(w in _DETERMINERS or w.endswith(("'s", "’s")) or w.replace(",", "").isdigit() or w == "of"
                   for w in phrase):
            return True   # "violence is a problem", "crashes are common" (not "the impeachment hearings are")
    if prev_word in _TOPIC_VERBS or text[max(sent_start, start - 9):start].lower().rstrip().endswith("such as"):
        return True   # "make threats", "crimes such as robberies"
    if _habitual(low[::-1]):
        return True
    after = text[end:end + 80].lower()
    return _HABIT_HINT_RE.search(after) is not None and _habitual([_norm(w) for w in _clause_after(text, end)])
