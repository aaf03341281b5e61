"""Sentences, paragraphs and attribution ("who says so") in news text.

``split_sentences`` cuts at sentence-final punctuation followed by a capital, a digit or a quote,
except after abbreviations and initials ("Mr.", "U.S.", "A.N. Roy", "3 a.m. local"), and always at
line breaks. Paragraphs are blocks separated by a blank line. A run longer than ``MAX_SENTENCE_CHARS``
with no break (a table of numbers, text with its punctuation stripped) is cut into pieces of at most
that length, at a space where there is one: what reads a sentence costs more than linear time in its
length in places, so a bounded sentence keeps extraction linear in the text.

``attributions`` finds, for one sentence, the places a source is named:

- ``according to X`` (anywhere in the sentence);
- ``X said/says/told/reported/announced/estimated ...`` with X the subject before the verb
  (passives such as "are reported to" name no one);
- ``..., said X`` / ``"...," X said`` (quote-final, source after or before the verb);
- ``N X says are dead`` (an attribution right after a number).

Which figure takes which attribution is decided in ``processors.figures``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newswire.processors.word_scans import prefix_regex, scan_words

_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep",
    "st", "mt", "ft", "jr", "sr", "inc", "corp", "co", "ltd", "no", "nos", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e",
    "a.m", "p.m", "approx", "est", "dept", "univ", "gov't", "rev", "pres", "maj", "brig", "hon", "fig",
}
# The longest sentence in 115 real articles and the dev set was 755 characters: a longer one is not prose.
MAX_SENTENCE_CHARS = 1000
# led by a character class, so the engine skips to the next stop or line break without trying a branch
_END_RE = re.compile(r"[.!?\n](?:(?<=\n)|(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9]))")
_PARA_RE = re.compile(r"\n[ \t\r\f\v]*\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.']*)\.$")
_DOTTED_RE = re.compile(r"(?:[a-z]\.)+[a-z]")   # "u.s.a": letters and dots (compiled once: asked at most stops)
_NONSPACE_RE = re.compile(r"\S+")
_NUMERIC_RE = re.compile(r"[\d.,%$]+")
_SPACES_RE = re.compile(r"\s+")


# Up to six words, then a comma. Possessive words (Python 3.11+): with a plain "+" the engine splits a long
# word into pieces every way before it fails, ~6th power of the word's length (a 60-letter word took 4 s).
_CLAUSE_THEN_COMMA = re.compile(r"^(?:\s*[^\s,]++){0,6}?,")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "A. Roy"
    low = word.lower().rstrip(".")
    if low in ("a.m", "p.m"):
        nxt = text[dot + 1:dot + 12].lstrip()
        # "9 p.m. (Sanaa time), forces struck": a time zone in brackets
        return nxt[:3] in ("GMT", "UTC", "EST", "EDT", "CET", "BST", "IST") or nxt[:5] == "local" or nxt[:1] == "("
    return low in _ABBREV or _DOTTED_RE.fullmatch(low) is not None


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` as offsets, whitespace trimmed, with their paragraph number."""
    sentences: list[Sentence] = []
    para_breaks = [m.end() for m in _PARA_RE.finditer(text)]
    para_index = 0
    start = 0
    cuts: list[int] = []
    for m in _END_RE.finditer(text):
        first_dot, cut = m.span()
        if text[first_dot] == "\n":   # (a line break's match is the break alone)
            cuts.append(first_dot)
        elif not (cut - first_dot == 1 and text[first_dot] == "." and _is_abbreviation(text, first_dot)):
            cuts.append(cut)
    cuts.append(len(text))
    breaks = len(para_breaks)
    for cut in cuts:
        a, b = start, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            while para_index < breaks and para_breaks[para_index] <= a:
                para_index += 1
            if b - a <= MAX_SENTENCE_CHARS:
                sentences.append(Sentence(a, b, para_index))
            else:
                for piece_start, piece_end in _bounded(text, a, b):
                    sentences.append(Sentence(piece_start, piece_end, para_index))
        start = cut
    return sentences


def _bounded(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``text[a:b]`` as one piece, or cut into pieces of at most ``MAX_SENTENCE_CHARS`` at the last space
    in each window's second half (mid-word only when there is none), whitespace trimmed."""
    pieces: list[tuple[int, int]] = []
    while b - a > MAX_SENTENCE_CHARS:
        limit = a + MAX_SENTENCE_CHARS
        cut = text.rfind(" ", a + MAX_SENTENCE_CHARS // 2, limit)
        cut = limit if cut < 0 else cut
        end = cut
        while end > a and text[end - 1].isspace():
            end -= 1
        pieces.append((a, end))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        pieces.append((a, b))
    return pieces


# ---------------------------------------------------------------- attribution

SPEECH_VERBS = (
    "said|says|say|told|tells|tell|reported|reports|report|announced|announces|stated|states|added|adds"
    "|estimated|estimates|estimate|confirmed|confirms|claimed|claims|noted|notes|wrote|writes|suggest|suggests"
    "|suggested|showed|shows|show|indicated|indicates|indicate|registered|recorded|counted|tallied|quoted"
    "|warned|explained|insisted|acknowledged|disclosed|revealed|tweeted|posted|declared|believes|believe"
    "|put|puts|measured|cited|suggesting|saying|showing|indicating|estimating|expects|expected|expecting"
    "|forecast|forecasts|forecasting|predicted|predicts|predicting|projected|projects|projecting|sees"
    "|anticipates|anticipated"
)
_VERB_RE = re.compile(rf"(?:{SPEECH_VERBS})\b")
# where a speech verb can start: the whole verbs, so "con", "pro", "rep" words are not tried
_VERB_CANDIDATES = prefix_regex(frozenset(SPEECH_VERBS.split("|")))
_ACCORDING_RE = re.compile(r"\b[Aa]ccording to\s+")
_NOT_SPEECH_AFTER = re.compile(r"\s+(?:(?:more than|at least|about|nearly|almost|some|over|another|an estimated"
                               r"|the lives of)\s+)?(?:[$€£]?\d|lives\b)")
_ADVERBIAL_START = {"in", "on", "at", "via", "citing", "adding", "after", "during", "to", "late", "early",
                    "yesterday", "today", "last", "this", "told", "according", "while", "as", "through", "from",
                    "quoting", "without", "earlier", "later", "in", "late"}
_LEADING_PREPOSITIONS = {"with", "of", "in", "on", "at", "from", "by", "for", "to", "after", "amid", "despite",
                         "while", "and", "but", "so", "then"}
_NOUN_VERBS = {"report", "reports", "claims", "estimate", "estimates", "notes", "shows", "show", "tallies",
               "counts", "quoted", "put", "puts", "posted", "cited", "forecast", "forecasts", "projects"}
_STRICT_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those",
                       "latest", "earlier", "initial", "original", "first", "new", "official", "previous"}
# "the number of confirmed cases", "a reported 30 deaths": a participle used as an adjective
_ADJECTIVAL_BEFORE = {"of", "the", "a", "an", "newly", "new", "officially", "previously", "all", "any", "no",
                      "other", "more", "its", "their", "those", "these"}
_ADJECTIVAL_VERBS = {"confirmed", "reported", "estimated", "registered", "recorded", "projected", "expected",
                     "predicted", "anticipated", "forecast", "suggested", "claimed", "measured"}
# subjects that are measured, not sources: "the quake measured 6.1", "sales showed a 3 percent rise"
_NOT_SOURCE_HEADS = {"quake", "earthquake", "tremor", "aftershock", "storm", "hurricane", "typhoon", "cyclone",
                     "blast", "explosion", "fire", "wildfire", "rainfall", "rain", "temperature", "temperatures",
                     "wind", "winds", "rate", "rates", "index", "price", "prices", "sales", "economy", "inflation",
                     "unemployment", "output", "growth", "shares", "stock", "stocks", "market", "markets",
                     "toll", "number", "count", "level", "levels", "it", "this", "that"}
_MEASURE_VERBS = {"measured", "registered", "recorded", "showed", "shows", "show", "indicated", "indicates",
                  "suggests", "suggested", "put", "puts", "sees", "expects", "expected", "projected", "counted"}
_TRAILING_TIME_RE = re.compile(
    r"(?:,?\s+(?:on|in|at|during|late|early|earlier|later|last|this|next)(?:\s+(?:on|in|the|this|last))?"
    r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|week|month|year"
    r"|morning|afternoon|evening|night|day|weekend)(?:\s+(?:\d{1,2}|morning|afternoon|evening|night))?"
    r"|\s+(?:yesterday|today|tonight|earlier|later|previously|separately))$")
_DETERMINERS = {"the", "a", "an", "some", "many", "several", "these", "those", "media", "news", "press",
                "unconfirmed", "earlier", "initial", "local", "latest", "official", "to", "of", "with", "by", "from",
                "in", "on", "other", "such", "his", "her", "their", "its", "our", "recent", "new", "first",
                "police", "according", "these", "two", "three", "conflicting", "similar", "separate", "further"}
_PASSIVE = {"is", "are", "was", "were", "be", "been", "being"}
_AUX = {"has", "have", "had", "also", "later", "earlier", "previously", "had", "would", "will", "did", "does",
        "do", "further", "then", "officially", "separately", "reportedly", "first", "initially", "again",
        "have", "has", "could", "may", "might", "not", "never", "still"}
_CLAUSE_WORDS = {"that", "but", "while", "as", "which", "who", "after", "before", "because", "when", "if",
                 "where", "although", "though", "since", "whom", "whose", "what", "how", "so", "yet"}
_TRUE_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
_CONTENT_STOP = {"the", "a", "an", "of", "in", "on", "at", "from", "and", "for", "to", "by", "s", "with"}
_POSTNP_RE = re.compile(
    r"\s+(?P<np>(?:the |a |an )?[A-Za-z][\w.'&-]*(?:\s+(?:of\s+|the\s+|for\s+|and\s+)?[A-Za-z][\w.'&-]*){0,7})")
_NOT_SUBJECT = {"that", "there", "on", "in", "it", "this", "to", "by", "at", "he", "she", "they", "we", "i",
                "yesterday", "today", "earlier", "later", "last", "after", "before", "when", "as", "its", "his",
                "her", "their", "also", "would", "will", "was", "is", "had", "has", "in", "monday", "tuesday",
                "wednesday", "thursday", "friday", "saturday", "sunday", "around", "about", "some", "nearly"}
_NP_STOP_RE = re.compile(r"\s(?:to|on|in|at|who|on|during|late|early|after|before|when|as|while|adding|citing|"
                         r"according|that|yesterday|today|this|last|in a|told)\b.*$")
_INVERTED_END_RE = re.compile(r"\s*(?:[,.;:!?\"”)(]|$)")
_EMBED_RE = re.compile(rf"\s+(?P<np>(?:the|a|an|some|many)\s+(?:[\w'-]+\s+){{0,4}}?[\w'-]+)\s+(?:{SPEECH_VERBS})\b")
_WORD_RE = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True, slots=True)
class Attribution:
    kind: str        # according | subject | final | embedded
    verb_start: int  # where the attribution is anchored (verb or "according to")
    verb_end: int
    source: str      # as written, or a pronoun to resolve
    src_start: int
    src_end: int


def _subject_before(text: str, sent_start: int, verb_start: int,
                    verb_ing: bool = False) -> tuple[str, int, int] | None:
    seg = text[sent_start:verb_start]
    stripped = seg.rstrip()
    if stripped.endswith(",") and stripped.count(",") >= 2:
        # "The observatory, a Britain-based monitor, said": the subject is before the apposition
        inner = stripped[:-1].rfind(",")
        head = _subject_before(text, sent_start, sent_start + inner)
        if head is not None:
            return head
    dash = seg.rfind(" - ")
    cut = max(seg.rfind(","), seg.rfind(";"), seg.rfind(":"), seg.rfind('"'), seg.rfind("“"), seg.rfind("”"),
              dash + 2 if dash >= 0 else -1, seg.rfind("—"), seg.rfind("–"))   # "LIMA (AP) - X said": past the dash
    # parentheses inside a subject "(USGS)" are kept; a comma inside them is not a boundary
    if cut >= 0 and seg.count("(", cut) < seg.count(")", cut):
        cut = seg.rfind(",", 0, seg.rfind("(", 0, cut))
    base = sent_start + cut + 1
    words = list(_NONSPACE_RE.finditer(text[base:verb_start]))
    if not words:
        return None
    # stop at clause words; "and" only when a verb phrase precedes it; "analysts who did X say": analysts
    cut = True
    while cut:
        cut = False
        for i in range(len(words) - 1, -1, -1):
            w = words[i].group(0).lower().strip("\"“”'(")
            is_and = w == "and" and i > 0 and re.search(
                r"\b(?:is|are|was|were|has|have|had|been|\w+ed)\b", " ".join(x.group(0).lower() for x in words[:i]))
            if (w in _CLAUSE_WORDS and not words[i].group(0).strip("\"“”'(").isupper()) or is_and:  # "WHO"
                if w in ("who", "which") and i > 0 and words[i - 1].group(0).lower() not in _LEADING_PREPOSITIONS:
                    words = words[:i]
                    cut = True
                else:
                    words = words[i + 1:]
                break
    while words and words[0].group(0).lower() in _LEADING_PREPOSITIONS:
        words = words[1:]
    while words and words[-1].group(0).lower().strip(",") in _AUX:
        words = words[:-1]
    if (words and verb_ing and words[-1].group(0).lower() in _PASSIVE and len(words) > 1):
        words = words[:-1]   # "analysts were expecting $2.52": a progressive, not a passive
        while words and words[-1].group(0).lower().strip(",") in _AUX:
            words = words[:-1]
    while words and words[0].group(0).lower() in ("and", "but", "so", "then"):
        words = words[1:]
    if not words or len(words) > 14:
        return None
    last = words[-1].group(0).lower()
    if last in _PASSIVE or last.endswith("ly") and len(words) == 1:
        return None
    if any(_NUMERIC_RE.fullmatch(w.group(0)) for w in words):
        return None
    s, e = base + words[0].start(), base + words[-1].end()
    subject = text[s:e]
    trimmed = _TRAILING_TIME_RE.sub("", subject)   # "Clark in October revealed": the source is Clark
    if trimmed and trimmed != subject:
        e = s + len(trimmed)
        subject = trimmed
    return subject.strip("\"“”'"), s, e


_ACCORDING_CUT_RE = re.compile(r"(?:(?<!familiar)\s+with|\s+(?:after|as|when|while|which|who|that|since|because"
                               r"|amid|following|before|despite))\b.*$", re.DOTALL)


# "according to a tally by the Armed Conflict Location & Event Data Project (ACLED)": a long source that ends
# on the name of the body behind the tally, not a clause running on
_BY_NAME_END_RE = re.compile(r"^(?:the|an?)\s+[a-z][^,;]*\s(?:by|from)\s+(?:the\s+)?[A-Z][\w.'’-]*"
                             r"(?:\s+(?:[A-Z&][\w.'’&-]*|of|for|and|the|on|\([^)]*\)))*\s*$")


def _according_np(text: str, start: int, sent_end: int) -> tuple[str, int, int] | None:
    rest = text[start:sent_end]
    m = re.match(r"[^,;.!?\"”]*(?:\.(?=\w)[^,;.!?\"”]*)*", rest)
    chunk = m.group(0) if m else ""
    # "according to preliminary results from the registrar with 99 percent of ballots counted": the source ends
    # where a clause or a circumstance begins
    chunk = _ACCORDING_CUT_RE.sub("", chunk)
    words_outside = re.sub(r"\([^)]*\)", "", chunk).split()
    if chunk and (len(words_outside) <= 10 or (len(words_outside) <= 20 and _BY_NAME_END_RE.search(chunk))):
        phrase = chunk.rstrip()
    else:  # no punctuation soon: take the capitalised name "the United States Geological Survey (USGS)"
        np = re.match(r"(?:(?:the|an|a)\s+)?(?:[A-Z][\w.'&-]*|of|for|and|the)(?:\s+(?:[A-Z][\w.'&-]*|of|for|and|the"
                      r"|\([^)]*\)))*", rest)
        if not np:
            return None
        phrase = re.sub(r"\s+(?:of|for|and|the)$", "", np.group(0).rstrip())
    if not phrase.strip():
        return None
    return phrase, start, start + len(phrase)


def attributions(text: str, sent_start: int, sent_end: int) -> list[Attribution]:
    """Attributions named in the sentence ``text[sent_start:sent_end]``."""
    found: list[Attribution] = []
    for m in (_ACCORDING_RE.finditer(text, sent_start, sent_end) if "ccording" in text[sent_start:sent_end] else ()):
        np = _according_np(text, m.end(), sent_end)
        if np:
            found.append(Attribution("according", m.start(), m.end(), *np))
    for m in scan_words(_VERB_RE, text, sent_start, sent_end, _VERB_CANDIDATES):
        verb = m.group(0)
        if verb in ("put", "puts") and not re.match(r"\s+the\s+(?:death\s+)?(?:toll|number|figure)", text[m.end():]):
            continue
        if verb in ("added", "adds", "claimed", "claims") and _NOT_SPEECH_AFTER.match(text, m.end()):
            continue  # "the economy added 272,000 jobs", "the virus has claimed 6 million lives"
        # source after the verb: '", said a senior official' / ', said police'
        pre = text[max(sent_start, m.start() - 3):m.start()].rstrip()
        # '", said a senior official' / ', said police' (not "X, a spokesman, told Reuters": that names the hearer)
        if m.start() == sent_start or (pre.endswith((",", '"', "”")) and not (
                verb in ("told", "tells", "tell") and pre.endswith(","))):
            post = _POSTNP_RE.match(text, m.end(), sent_end)
            if post:
                raw = post.group("np")
                np = _NP_STOP_RE.sub("", raw).rstrip(" ,.")
                first = np.split()[0].lower() if np else ""
                # an inverted source ends its clause (", said police." / ", said X, a spokesman"); a clause
                # running on (", said the hospital had received 22") is what was said, the source before it
                ends = np != raw.rstrip(" ,.") or _INVERTED_END_RE.match(text, post.end("np"), sent_end) is not None
                if first and first not in _NOT_SUBJECT and ends:
                    s = post.start("np")
                    found.append(Attribution("final", m.start(), m.end(), np, s, s + len(np)))
                    continue
        prev = text[max(sent_start, m.start() - 30):m.start()].split()
        if verb in _NOUN_VERBS:
            if prev and (prev[-1].lower().strip(",") in _DETERMINERS
                         or (len(prev) > 1 and prev[-2].lower() in _STRICT_DETERMINERS)):
                continue  # "some reports suggest", "according to reports", "an original estimate of": a noun
        if verb in _ADJECTIVAL_VERBS and prev and prev[-1].lower() in _ADJECTIVAL_BEFORE:
            continue  # "the number of confirmed cases"
        subj = _subject_before(text, sent_start, m.start(), verb.endswith("ing"))
        if subj is None:
            continue
        if verb in _MEASURE_VERBS and subj[0].split()[-1].lower().strip(".,") in _NOT_SOURCE_HEADS:
            continue  # "the quake measured 6.1": a measurement, not an attribution
        tail = text[m.end():sent_end]
        words_after = _SPACES_RE.split(tail.strip().rstrip(".!?\"”'"))
        comma_before = text[sent_start:subj[1]].rstrip().endswith((",", "\"", "”"))
        first_after = words_after[0].lower() if words_after else ""
        is_final = comma_before and (len([w for w in words_after if w]) <= 8 or first_after in _ADVERBIAL_START
                                     or _CLAUSE_THEN_COMMA.match(tail) is not None)
        found.append(Attribution("final" if is_final else "subject", m.start(), m.end(), *subj))
    return found


def embedded_source(text: str, after: int, sent_end: int) -> tuple[str, int, int] | None:
    """'34 the Israeli military says are dead': a source named right after a number."""
    m = _EMBED_RE.match(text, after, sent_end)
    if not m:
        return None
    return m.group("np"), m.start("np"), m.end("np")


def content_words(phrase: str) -> list[str]:
    return [w for w in (x.lower() for x in _WORD_RE.findall(phrase)) if w not in _CONTENT_STOP]


def is_pronoun(source: str) -> bool:
    return source.lower() in _TRUE_PRONOUNS
