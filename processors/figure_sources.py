"""Who a figure is attributed to: quotations and their speakers, a passive's agent ("reported by the
ministry"), and the attribution of the sentence that covers the figure (``processors.sentences``).

Called by ``processors.figures``; the word lists it shares with the rest of the extractor stay in
``processors.lexicon``.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from newswire.processors import figure_givers as fgv
from newswire.processors.lexicon import _NUMWORDS
from newswire.processors.sentences import Attribution, Sentence, attributions

__all__ = ["pick_source", "quote_speakers", "sentence_cues"]

_QUOTE_RE = re.compile(r"\"([^\"\n]{3,}?)\"|“([^”\n]{3,}?)”")


def quote_speakers(text: str, sentences: Sequence[Sentence],
                   get_atts: Callable[[Sentence], list[Attribution]] | None = None) -> list[tuple[int, int, str]]:
    """(open, close, speaker) for quotations whose speaker is named right after or before them."""
    if '"' not in text and "“" not in text:
        return []
    get_atts = get_atts or (lambda s: attributions(text, s.start, s.end))
    out: list[tuple[int, int, str]] = []
    starts = [s.start for s in sentences]
    import bisect
    for m in _QUOTE_RE.finditer(text):
        open_, close = m.start(), m.end()
        i = bisect.bisect_right(starts, max(close - 1, 0)) - 1
        j = bisect.bisect_right(starts, open_) - 1
        found = None
        if 0 <= i < len(sentences):
            for att in get_atts(sentences[i]):
                if 0 <= min(att.verb_start, att.src_start) - close <= 6:
                    found = att.source
                    break
        if found is None and 0 <= j < len(sentences):
            for att in get_atts(sentences[j]):
                if 0 <= open_ - att.verb_end <= 4:
                    found = att.source
                    break
        if found is None and out and 0 <= j < len(sentences) and open_ - sentences[j].start <= 1 and j >= 1:
            # a quotation opening a sentence right after an attributed quotation of the same paragraph
            # continues it: '"...," said Houser, the author. "In the power sector..."'
            p_open, p_close, p_speaker = out[-1]
            prev = bisect.bisect_right(starts, max(p_close - 1, 0)) - 1
            if 0 <= prev and j - prev <= 1 and sentences[prev].paragraph == sentences[j].paragraph:
                found = p_speaker
        if found:
            out.append((open_, close, found))
    return out


class SentenceCues:
    """What ``pick_source`` reads once a sentence: its attributions that name a source, whether it quotes
    someone "as saying" or cites someone, and (looked for only when a figure has no source) whether it has
    a verb of estimating."""

    __slots__ = ("usable", "quoting", "cited", "_estimable", "polled")

    def __init__(self, text: str, sent: Sentence, atts: list[Attribution]) -> None:
        seg = text[sent.start:sent.end]
        self.usable = [_trimmed(a) for a in atts if _names_a_source(a.source) and not _place_states(text, a)
                       and not fgv.place_counts(text, a)
                       and not (text.startswith("claim", a.verb_start) and _CLAIMED_DEED_RE.match(text, a.verb_end))
                       # "According to preliminary (estimates of the bureau)": a noun misread as the verb
                       and not (a.kind == "subject" and a.source.startswith(("According to ", "according to ")))]
        self.quoting = " as saying" in seg
        self.cited = _CITING_RE.search(text, sent.start, sent.end) if "citing " in seg else None
        # whether a poll, a survey or a cited body's estimate may give a figure its source (``_polled_by``)
        self.polled = "poll" in seg or "survey" in seg or "citing " in seg
        self._estimable: bool | None = None

    def estimable(self, text: str, sent: Sentence) -> bool:
        if self._estimable is None:
            self._estimable = _ESTIMATE_GATE_RE.search(text, sent.start, sent.end) is not None
        return self._estimable


def sentence_cues(text: str, sent: Sentence, atts: list[Attribution]) -> SentenceCues:
    return SentenceCues(text, sent, atts)


def pick_source(text: str, start: int, end: int, sent: Sentence, atts: list[Attribution],
                quotes: list[tuple[int, int, str]], embedded, cues: SentenceCues | None = None) -> str | None:
    """The attribution that covers the figure ``text[start:end]``, as written (may be a pronoun)."""
    cues = cues if cues is not None else SentenceCues(text, sent, atts)
    quoting, cited = cues.quoting, cues.cited
    found = _pick(text, start, end, sent, cues.usable, quotes, embedded, cues.polled)
    given = fgv.giver(text, start, sent, cues.usable)
    if given is not None:
        found = given   # "..., while the army put its own losses at 11": who put the value on it
    if found is None:
        found = fgv.relative_speaker(text, start, sent)
    if found is None and " saying " in text[sent.start:start]:
        found = _claimant(text, start, atts)
    if found is None and (" saw " in text[max(sent.start, start - 40):start]
                          or " counted " in text[max(sent.start, start - 40):start]):
        seen = _WITNESS_RE.search(text, max(sent.start, start - 90), start)
        if seen is not None:
            found = seen.group("np")   # "An AFP correspondent counted 15 bodies": the witness gave the count
    if found is None and cues.estimable(text, sent):
        found = _estimator(text, start, sent)
    if found is not None and quoting:
        quoted = _QUOTED_AS_RE.search(text, sent.start, start)
        if quoted:   # "Local radio quoted the governor as saying N": the governor gave it
            found = quoted.group("np")
    if found is not None and cited is not None:
        # "Reuters reported, citing the health ministry": the ministry gave the number
        found = _NP_TAIL_RE.sub("", cited.group("np")).rstrip(" ,.") or found
    return found


def _names_a_source(source: str) -> bool:
    """Not a clause misread as a speaker: "bringing the total number of cases (recorded)", "the overall case
    fatality ratio among (confirmed cases)": a source neither opens with a gerund nor ends on a preposition."""
    words = source.split()
    if not words:
        return False
    first, last = words[0], words[-1].lower().rstrip(",")
    if first[:1].islower() and first.endswith("ing") and len(first) > 4 and first != "according":
        return False
    if len(words) == 1 and first in _QUANTIFIERS:
        return False   # "with most forecasting a cut of 100": a quantifier, not who gave the figure
    if last in _DANGLING or _NUMBER_ADJECTIVE_RE.match(last):
        return False   # "Benchmark 10-year (notes)": a modifier cut from its noun
    if (words[-1][:1].islower() and last.endswith("ed")) or any(w.lower() in _FINITE for w in words):
        return False   # "..., said troops also rescued", "saying inflation was expected": a clause, not a speaker
    head = words[1] if first.lower() in _DETERMINERS and len(words) > 1 else first
    if (last in _DIVISIONS and all(w[:1].isupper() for w in words[:-1])) or (
            head.lower() in _DIVISIONS and len(words) > 2 and words[words.index(head) + 1] == "of"):
        return False   # "Ratnapura district reported 312 cases", "The region of Piura reports": where, not who
    if _QUANTITY_OF_RE.match(source):
        return False   # "The cumulative number of cases (reported in 2025 is)": a quantity, not who reported it
    if _COUNT_RE.fullmatch(head.rstrip(",")) and (head is words[-1] or words[words.index(head) + 1].endswith("ed")):
        return False   # "nine cases, six confirmed and three probable": a count, not who confirmed it (but
        #              "two security officials said", "two people briefed on the talks said" are who said it)
    return head.lower() not in _QUANTITY_HEADS   # "the number of young people who have reported ...": no speaker


# a country speaks through its government ("Malawi has reported 37 cases"); a district or a province that
# "reports" a count is where the count was made, the reporting body being named elsewhere
_DIVISIONS = frozenset("""district districts province provinces region regions county counties prefecture
prefectures governorate governorates municipality municipalities zone zones subcounty""".split())
_QUANTITY_OF_RE = re.compile(r"(?:(?:the|a|an|this|that|its|their)\s+)?(?:[\w-]+\s+){0,2}?(?:number|share|proportion"
                             r"|percentage|rate|total|amount|majority|tally|count)\s+of\b", re.IGNORECASE)
_COUNT_RE = re.compile(r"[\d.,%$]+|(?i:" + _NUMWORDS + r")")
_FINITE = frozenset("""was were is are has have had will would""".split())
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their"})
_QUANTITY_HEADS = frozenset("""number numbers share proportion percentage percent rate total amount majority
minority half third quarter fraction""".split())
_NUMBER_ADJECTIVE_RE = re.compile(r"\d[\d,.]*-[a-z]+$")
_DANGLING = frozenset("""among of in on at to for from by with and or as than between into over under about
the a an its their""".split())


def _estimator(text: str, start: int, sent: Sentence) -> str | None:
    """The subject of a verb of estimating whose object holds the figure ("The survey centre put the
    magnitude at 6.6"), or of "... and said" before it ("The bank held rates and said reserves rose to N")."""
    head = text[sent.start:start]
    gate = _ESTIMATE_GATE_RE.search(head)
    if gate is None:
        return None
    m = None
    if " put" in head or " place" in head or " peg" in head or " estimate" in head:
        m = _PUT_AT_RE.match(head)
    if m is None and " and " in head:
        m = _AND_SAID_RE.match(head)
    if m is None:
        m = _DATA_SHOW_RE.match(head) or _QUOTED_AS_RE.search(head)
    if m is None:
        return None
    np = m.groupdict().get("np") or m.groupdict().get("np2") or ""
    return _NP_TAIL_RE.sub("", np).rstrip(" ,.") or None


_ESTIMATE_GATE_RE = re.compile(r" (?:put|placed|places|pegged|pegs|estimate|and (?:said|says|added|announced"
                               r"|reported)|show|found|indicat|as saying)")


def _pick(text: str, start: int, end: int, sent: Sentence, atts: list[Attribution],
          quotes: list[tuple[int, int, str]], embedded, polled: bool = True) -> str | None:
    emb = embedded(text, end, sent.end)
    if emb:
        return emb[0]
    by_poll = _polled_by(text, start, end, sent) if polled else None
    if by_poll:
        return by_poll
    agent = _BY_AGENT_RE.match(text, end, sent.end) if " by " in text[end:sent.end] else None
    if agent and not fgv.method_agent(agent.group("np")):
        return _NP_TAIL_RE.sub("", agent.group("np")).rstrip(" ,.") or None
    for open_, close, speaker in quotes:
        if open_ <= start < close:
            return speaker
    best = None
    for att in atts:
        if att.kind != "according" and att.verb_end <= start and not (att.src_start <= start < att.src_end):
            if best is None or att.verb_end > best.verb_end:
                best = att
    if best is not None:
        if best.kind == "subject" and text[best.verb_start:best.verb_end] in _COUNTING_VERBS:
            # "Bangladesh recorded 214 new cases, the health directorate said": the sentence's speaker
            final = next((att for att in atts if att.kind in ("final", "according") and att.verb_start >= end), None)
            if final is not None:   # (or "..., according to police data": the data the count comes from)
                return final.source
        if best.source.startswith(_MEANS_WORDS):
            # "The ministry, through its epidemiology centre, reports ...": the subject before the means
            subject = _SUBJECT_BEFORE_MEANS_RE.search(text, sent.start, best.src_start)
            if subject is not None:
                return subject.group("np")
        said = _SAID_THAT_RE.match(best.source)
        if said is not None:
            return said.group("np")   # "He said the division had recorded 87": the speaker, not the clause's subject
        if best.source.startswith(_POSSESSIVES):
            # "UNMISS said that its peacekeepers had confirmed 27 deaths": the body speaking, not its own people
            outer = [a for a in atts if a.verb_end <= best.src_start and a.kind == "subject"]
            if outer:
                return outer[-1].source
        return best.source
    accs = [att for att in atts if att.kind == "according"]
    if accs:
        # "3.5 million displaced, according to A, and 7,000 killed, according to B": the one closing the clause
        after = [att for att in accs if att.verb_start >= end]
        return after[0].source if after else accs[-1].source
    for att in atts:
        if att.kind == "final" and att.verb_start >= end and not (att.src_start <= start < att.src_end):
            return att.source
    # "In addition to the three deaths on Tuesday, the ombudsman said ...": an opening phrase shares the
    # attribution of the clause it introduces
    if _LEAD_PHRASE_RE.match(text, sent.start, end):
        for att in atts:
            if (att.kind == "subject" and att.src_start >= end
                    and text[sent.start:att.src_start].rstrip().endswith(",")
                    and "," not in text[end:att.src_start].rstrip()[:-1]):
                return att.source
    return None


_QUANTIFIERS = frozenset("most many some few all both several others".split())
_POSSESSIVES = ("its ", "their ", "his ", "her ")
_SAID_THAT_RE = re.compile(r"(?P<np>[^,;:]{1,60}?)\s+(?:said|says|added|told\s+\S+)\s+(?:that\s+)?\S")
_MEANS_WORDS = ("through ", "via ", "by way of ")
_SUBJECT_BEFORE_MEANS_RE = re.compile(r"(?P<np>(?:The|An?)\s+[A-Z][\w'’&-]*(?:\s+(?:of|for|and|the|[A-Z(][\w'’&().-]*)){0,7})"
                                      r",\s*$")
_COUNTING_VERBS = frozenset({"recorded", "registered", "counted", "tallied"})
_SUBJECT_NP = (r"(?P<np>(?:The|An?|the)\s+[\w.'’&-]+(?:\s+(?:of\s+(?:the\s+)?)?[\w.'’&-]+){0,5}?"
               r"|[A-Z][\w.'’&-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'’&-]*){0,5})")
_PUT_AT_RE = re.compile(_SUBJECT_NP + r"\s+(?:put|puts|putting|placed|places|pegged|pegs|estimated|estimates)"
                        r"\s+(?:the|its|their)\s+(?:[\w'’-]+\s+){0,4}?(?:at|to)\s+(?:[a-z]+\s+){0,3}$")
_AND_SAID_RE = re.compile(_SUBJECT_NP + r"\s+(?:[a-z]+ed|held|kept|left|cut|set|put|won|lost|rose|fell|made|gave"
                          r"|took|met|sent|spent|paid|sold|bought|began|got|had)\b[^;:]{0,120}?\band\s+(?:said"
                          r"|says|added|announced|reported)\b[^;:]{0,120}$")
_NP = r"(?P<np>(?:the\s+|a\s+|an\s+)?[A-Za-z][\w.'’&-]*(?:\s+(?:of\s+(?:the\s+)?|in\s+)?[A-Za-z][\w.'’&-]*){0,6})"
# "Reuters reported, citing the ministry" (not "The ministry, citing hospital sources, said": its own word)
_CITING_RE = re.compile(r"\b(?:reported|reports|said|says|added|wrote|announced|quoted)(?:\s+on\s+\w+day|\s+\w+day)?"
                        r",?\s+citing\s+" + _NP)
# "Local media quoted the governor as saying"
_QUOTED_AS_RE = re.compile(r"\bquoted\s+" + _NP + r"\s+as\s+saying\b")
# "The agency's latest figures show", "A report by the rights group found", "Data from the commission showed"
_DATA_SHOW_RE = re.compile(
    r"(?:(?P<np>(?:The\s+|the\s+)?[A-Z][\w.&-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.&-]*){0,5})['’]s?\s+"
    r"(?:(?:latest|new|official|preliminary|final|daily|weekly|own|updated)\s+)*(?:figures|data|tally|count"
    r"|statistics|report|estimates?|records|numbers)"
    r"|(?:The|A|An)\s+(?:(?:latest|new|preliminary|final|annual)\s+)?(?:report|survey|study|tally|count|analysis)"
    r"\s+(?:by|from)\s+" + _NP.replace("(?P<np>", "(?P<np2>") + r")\s+(?:show|shows|showed|shown|found|finds|indicate"
    r"|indicates|indicated|suggest|suggests|suggested|put|puts)\b")
# "the $40 billion in purchases touted by Trump", "2,000 deaths reported by the ministry": a passive's agent
_BY_AGENT_RE = re.compile(
    r"(?:\s+[\w'’$%-]+){0,8}?,?\s+(?:touted|cited|reported|estimated|announced|claimed|given|provided|released"
    r"|published|compiled|confirmed|recorded|tallied|counted|quoted|forecast|projected|predicted)\s+by\s+"
    r"(?P<np>(?:the\s+|a\s+|an\s+)?[A-Za-z][\w.'’&-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Za-z][\w.'’&-]*){0,5})")
_NP_TAIL_RE = re.compile(r"\s+(?:in|on|at|to|during|last|this|and|which|who|that|after|before|for|as|with|since"
                         r"|from|over|when|while|earlier|later|yesterday|today)\b.*$", re.IGNORECASE)
_LEAD_PHRASE_RE = re.compile(r"(?:In addition to|Besides|Apart from|Aside from|On top of|As well as|Along with"
                             r"|After|Following|Despite|Beyond|Including|Excluding|Of|Among|With|In|On|At"
                             r"|During|Since|Until|From|Over|Overall)\b")


# "the 1.7% forecast in a Reuters poll of 14 economists": the poll gave the figure
_POLL_AFTER_RE = re.compile(r"(?:\s+[\w'’-]+){0,3}?\s+(?:in|by)\s+(?P<np>(?:a|an|the)\s+(?:[\w'’.-]+\s+){0,3}?"
                            r"(?:poll|survey)(?:\s+(?:of|by|from|for)\s+[^,;:.()]{1,40}?)?)(?=\s*[,;:.)]|\s*$)")
# "citing the research group's estimate of 61%": the cited body gave it
_CITING_OWN_RE = re.compile(r"\bciting\s+(?P<np>[^,;:]{2,60}?)['’]s?\s+(?:[a-z-]+\s+)?(?:estimate|estimates|figure"
                            r"|figures|data|forecast|count|tally|calculations?|projection)\s+(?:of|at)\s+"
                            r"(?:(?:about|around|some|nearly|almost|more than|at least|over)\s+)?$")


def _polled_by(text: str, start: int, end: int, sent: Sentence) -> str | None:
    tail = text[end:sent.end]
    if "poll" in tail or "survey" in tail:
        m = _POLL_AFTER_RE.match(text, end, sent.end)
        if m:
            return m.group("np")
    if "citing " in text[max(sent.start, start - 120):start]:
        m = _CITING_OWN_RE.search(text, max(sent.start, start - 120), start)
        if m:
            return m.group("np")
    return None


# a reporter or a witness who saw or counted what the figure counts
_WITNESS_RE = re.compile(r"(?P<np>\b(?:An?|The|the|an?)\s+(?:[\w'’-]+\s+){0,3}?(?:reporter|correspondent|photographer"
                         r"|journalist|witness|cameraman|videographer|stringer)s?)\s+(?:who\s+\w+\s+)?(?:saw|counted)\s+"
                         r"(?:(?:at least|more than|some|about|around|nearly|over|the bodies of|bodies of)\s+)*$")


def _claimant(text: str, start: int, atts: list[Attribution]) -> str | None:
    """"X claimed responsibility for the attack, saying it had killed 12 soldiers": X gave the figure of its claim."""
    for att in atts:
        if (att.verb_end <= start and text.startswith("claim", att.verb_start)
                and _CLAIMED_DEED_RE.match(text, att.verb_end) and ", saying " in text[att.verb_end:start]):
            source = att.source
            abbr = _ABBREVIATION_END_RE.search(source)
            if abbr is not None:
                return abbr.group(1)   # "... Islam and Muslims (JNIM)": the name it goes by
            source = _PARENTHESIS_RE.sub("", source).strip()
            named = _DESCRIBED_NAME_RE.search(source)
            return named.group(1) if named is not None else source
    return None


_ABBREVIATION_END_RE = re.compile(r"\(([A-Z][A-Z0-9-]{1,9})\)\s*$")
_PARENTHESIS_RE = re.compile(r"\s*\([^()]*\)")
# "The Sunni militant group Jaish al-Adl": the name after the description
_DESCRIBED_NAME_RE = re.compile(r"\b(?:group|movement|organi[sz]ation|front|militia|faction|network|outfit)\s+"
                                r"([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al-\w+|el-\w+|of|the|for|and)){0,6})$")


# "the group claimed responsibility for the bombing, which killed 18": a deed owned, not a figure given
_CLAIMED_DEED_RE = re.compile(r"\s+(?:\w+\s+)?(?:responsibility|credit)\b", re.IGNORECASE)

# "in Zamfara and Katsina states and freed 17 hostages": the states of a country, not a verb of saying
_PLACE_BEFORE_RE = re.compile(r"\b(?:in|across|of|from|between|both|two|three|four|several|neighbouring|neighboring"
                              r"|northern|southern|eastern|western|central)\s+(?:\S+\s+){0,4}$", re.IGNORECASE)


def _place_states(text: str, att: Attribution) -> bool:
    if text[att.verb_start:att.verb_end] not in ("states", "state"):
        return False
    return _PLACE_BEFORE_RE.search(text, max(0, att.src_start - 40), att.src_start) is not None or \
        text[max(0, att.src_start - 4):att.src_start].lower().endswith(("in ", "of "))


# "Neighbouring Malawi has reported 37 cases": the country, not its position, is the source
_LEADING_PLACE_ADJ_RE = re.compile(r"(?:Neighbouring|Neighboring|Nearby|Fellow)\s+(?=[A-Z])")


def _trimmed(att: Attribution) -> Attribution:
    m = _LEADING_PLACE_ADJ_RE.match(att.source)
    if m is None:
        return att
    return Attribution(att.kind, att.verb_start, att.verb_end, att.source[m.end():], att.src_start + m.end(),
                       att.src_end)
