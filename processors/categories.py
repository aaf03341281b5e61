"""Categories: what a figure counts (killed, hostages, votes, money, ...) and in which unit.

``read_noun`` reads the counted noun after a number and whether it names people; ``categorize`` then
sets each candidate's category, in this order: its form (money, percent, magnitude, duration), the
counted noun ("hostages", "votes", "cases", "bodies"; past a participle or a compound's first word:
"31 kidnapped persons" are hostages, "22 logistics suppliers" people), "including N" after a casualty figure, a
casualty verb right before it ("killing 12", "evacuated about 80"), a toll phrase ("the death toll
rose to N"), a casualty word after it in the same clause ("N people were killed", "N wounded"), else
``count_other``. Casualty words only apply to people: "50,000 houses ... homeless" stays count_other.
"""

from __future__ import annotations

import re

from newswire.processors import figure_arrivals as fa
from newswire.processors import figure_breakdowns as fb
from newswire.processors import figure_clauses as fcl
from newswire.processors import figure_cues as fc
from newswire.processors import figure_frames as fr
from newswire.processors import figure_governors as fg
from newswire.processors import figure_objects as fo
from newswire.processors import figure_periods as fp
from newswire.processors import figure_totals as ft
from newswire.processors import lexicon as lx
from newswire.processors.candidates import Candidate
from newswire.processors.sentences import Sentence
from newswire.processors.word_scans import scan_words


# counts whose category an elliptical figure after them shares: casualties, cases and votes
_CARRIED = lx.CASUALTY_CATEGORIES | {"votes"}
_FOR_CANDIDATE_RE = re.compile(r"\s+(?:for|to)\s+(?:[A-Z]|the\s|his\s|her\s|its\s|their\s)")


_POINTS_RE = re.compile(r"\s*points?\b")
_RANGE_POINTS_RE = re.compile(r"\b(?:basis|percentage)\s+points\b")


def _category_by_form(text: str, c: Candidate, quake_sentence: bool, sent: Sentence) -> str | None:
    tok = c.tok
    if tok.currency:
        c.unit = tok.currency
        return "money"
    if tok.percent:
        c.unit = "percent"
        return "percent"
    hu = tok.hyphen_unit
    if hu in lx.TIME_UNITS:
        c.unit = lx.TIME_UNITS[hu]
        return "duration"
    if hu in lx.MAGNITUDE_WORDS:
        c.unit = "magnitude"
        return "magnitude"
    before = text[max(sent.start, c.start - 40):c.start].lower()
    if ("magnitude" in before or "richter" in before) and lx.MAGNITUDE_BEFORE_RE.search(before) or lx.MAGNITUDE_AFTER_RE.match(text, tok.end):
        c.unit = "magnitude"
        return "magnitude"
    named = fg.named_currency(text, tok.end) if text[tok.end + 1:tok.end + 2].isupper() else None
    if named is not None:
        c.unit = named
        return "money"   # "4.5 billion CFA francs"
    if text.startswith((" p", "p"), tok.end) and fg.PP_RE.match(text, tok.end):
        c.unit = "percentage points"
        return "percent"   # "+/- 1 p.p."
    if text.startswith(fc.PER_CURRENCY_STARTS, tok.end) and fc.PER_CURRENCY_RE.match(text, tok.end):
        c.unit = "money"
        return "money"   # an exchange rate: "at 108.55 per dollar"
    nxt = lx.NEXT_WORD_RE.match(text, tok.end)
    if nxt and nxt.group(1).lower() in ("basis", "percentage") and _POINTS_RE.match(text, nxt.end()):
        c.unit = nxt.group(1).lower() + " points"
        return "percent"   # a rate moved "by 100 basis points", a share "up 2 percentage points"
    end = min(sent.end, c.end + 20)
    if c.value_max is not None and "points" in text[tok.end:end] and _RANGE_POINTS_RE.search(text, tok.end, end):
        c.unit = "basis points" if "basis" in text[tok.end:end] else "percentage points"
        return "percent"   # a range: "a move of 100 to 200 basis points"
    if nxt and nxt.group(1).lower() in lx.TIME_UNITS:
        c.unit = lx.TIME_UNITS[nxt.group(1).lower()]
        return "duration"
    raw = text[tok.num_start:tok.num_end]
    if (not tok.is_word and re.fullmatch(r"\d\.\d", raw) and quake_sentence
            and not (nxt and nxt.group(1).lower() not in lx.FUNCTION_WORDS)):
        c.unit = "magnitude"
        return "magnitude"
    return None


_ABBREVIATION_RE = re.compile(r"[ \t]+(?:[A-Z]\.){2,}(?=[ \t])")


def read_noun(text: str, c: Candidate) -> None:
    """The counted noun after the number (skipping modifiers) and whether it names people."""
    ab = _ABBREVIATION_RE.match(text, c.tok.end)   # "two U.S. service members": a name before the noun
    m = lx.NOUN_WINDOW_RE.match(text, ab.end() if ab else c.tok.end)
    if not m:
        return
    words = m.group(1).split()
    skip_to = 0
    for i, w in enumerate(words):
        if i < skip_to:
            continue
        lw = w.lower()
        if lw in lx.MODIFIERS or lw in fc.ADVERB_MODIFIERS:
            continue
        if (lw not in lx.NOUN_CATEGORY and i + 1 < len(words) and words[i + 1].lower() in lx.NOUN_CATEGORY
                and lw not in lx.FUNCTION_WORDS):
            continue   # "1,046 measles cases", "12 cholera deaths": the disease names the counted noun's kind
        if w[:1].isupper() and i + 1 < len(words) and words[i + 1][:1].isupper():
            k = i + 1
            while k < len(words) and words[k][:1].isupper():
                k += 1
            if k < len(words) and words[k].lower() not in lx.FUNCTION_WORDS:
                skip_to = k   # "two United States service members": a name before the noun
                continue
        if w[:1].isupper() and not w.endswith("s") and i + 1 < len(words) and words[i + 1][:1].islower() \
                and words[i + 1].lower() not in lx.FUNCTION_WORDS:
            continue  # "58 Israeli hostages" (but "3.7 million Ukrainians remain displaced")
        if lw in lx.FUNCTION_WORDS or lw in lx.CUE_WORDS_AFTER:
            return
        if w[:1].islower() and i + 1 < len(words) and not lx.is_known_noun(lw) \
                and words[i + 1][:1].islower() and _names_people(words[i + 1]) and not lx.is_person_noun(lw):
            if lw.endswith("ed"):
                c.participle = lw   # "31 kidnapped persons", "12 abducted pupils": what befell them
            continue   # and "22 logistics suppliers": a compound's head is the counted noun
        if w[:1].islower() and i + 1 < len(words) and not lx.is_known_noun(lw) and words[i + 1] in lx.NOUN_CATEGORY:
            continue   # "318 measles hospitalisations", "40 cholera deaths": the disease names the kind
        if w[:1].islower() and lw.endswith(("ed", "ing")) and not lx.is_known_noun(lw):
            return   # "about 660,000 based on forecasts", "30 according to": a verb, not the counted noun
        if (not lx.is_known_noun(lw) and (not lw.endswith("s") or "-" in w or w[:1].isupper())
                and i + 1 < len(words) and (lx.is_known_noun(words[i + 1].lower())
                                            or (words[i + 1][:1].islower() and _names_people(words[i + 1])))):
            continue  # "270 electoral votes"
        if lw in fc.BARE_VERBS:
            return   # "14 remain missing": the number's verb, the noun left out
        c.noun = lw
        c.person = lx.is_person_noun(w) or fc.is_person_word(w) or (
            lw[-1:].isalpha() and lw[-1:] != "s" and ((lw + "s") in lx.PERSON_NOUNS or fc.is_person_word(lw + "s")))   # "1 terrorist surrendered"
        return


def _says_cumulative(text: str, c: Candidate, sent: Sentence, health: bool = False) -> bool:
    """Whether the clause of a death count says it is a running total (not "killed 12 since Monday's raid"
    alone: the start must be the whole happening's, or a date)."""
    span = lx.YEAR_SPAN_RE.search(text, sent.start, sent.end)
    if span is not None and not (span.group(0).lower().endswith("recent years")
                                 and _SUPERLATIVE_RE.search(text, sent.start, span.start())):
        return True   # (not "one of the deadliest attacks in recent years": a ranking, not a span counted)
    head = text[max(sent.start, c.start - 40):c.start]
    if lx.CUMULATIVE_BEFORE_RE.search(head) and not lx.CLAUSE_BREAK_RE.search(head):
        return True
    if text.startswith(("Since ", "since "), sent.start):   # "Since January, 212 people have died"
        comma = text.find(",", sent.start, min(c.start, sent.start + 80))
        m = (lx.CUMULATIVE_AFTER_RE.match(text, sent.start, comma) or fc.SINCE_DECLARED_RE.match(text, sent.start, comma)
             if comma > 0 else None)
        if m is not None and not _ONE_DISASTER_RE.search(m.group(0)):
            return True   # "Since the truce took effect in October, 380 people have been killed"
    tail_end = min(sent.end, c.end + 90)
    tail = text[c.end:tail_end]
    cut = lx.CLAUSE_BREAK_RE.search(tail)
    comma = tail.find(",")
    stop = min([i for i in (cut.start() if cut else -1, comma) if i >= 0], default=len(tail))
    # "as of 4 December" dates a situation report's snapshot of one disaster: not a cumulative toll
    # (an outbreak's counts "as of" a date are its running totals, the way health agencies report them)
    since = fc.SINCE_DECLARED_RE.search(text, c.end, c.end + stop)
    return (any((health or not m.group(0).lower().startswith("as of")) and not _ONE_DISASTER_RE.search(m.group(0))
                for m in lx.CUMULATIVE_AFTER_RE.finditer(text, c.end, c.end + stop))
            or (since is not None and not _ONE_DISASTER_RE.search(since.group(0)))
            or fcl.SO_FAR_IN_YEAR_RE.search(text, c.end, c.end + stop) is not None)


# a toll since one disaster began is that disaster's rising toll ("since the floods began on Sunday"), not a
# running total; a season's ("since the monsoon began") or a war's is
_ONE_DISASTER_RE = re.compile(r"\b(?:floods?|flooding|storm|quake|earthquake|cyclone|typhoon|hurricane|tornado|fires?"
                              r"|wildfires?|blaze|landslides?|mudslides?|eruption|collapse|tsunami|explosion|blast"
                              r"|avalanche)\b(?!\s+season)", re.IGNORECASE)
_SUPERLATIVE_RE = re.compile(r"\b(?:deadliest|worst|biggest|largest|heaviest|bloodiest|most|highest|strongest)\b",
                             re.IGNORECASE)


_HEALTH_GATE = ("case", "treat", "infect", "patient", "diagnos", "illness")


def categorize(text: str, cands: list[Candidate], sent: Sentence, disease_text: bool = False,
               carried: str | None = None) -> None:
    """``disease_text``: the article is about a disease (``lexicon.is_disease_text``), so its cases are patients;
    ``carried``: the casualty category the sentence before ended on ("... were hospitalised. Of them, 471 ...")."""
    low = text[sent.start:sent.end].lower()
    # searched once a sentence, not once a figure: a table of numbers has hundreds of figures a sentence
    quake = any(w in low for w in lx.QUAKE_WORDS) and lx.QUAKE_RE.search(low) is not None
    # whether the sentence is about health matters only where it has a word that may count patients
    health = disease_text or (any(w in low for w in _HEALTH_GATE) and lx.HEALTH_RE.search(low) is not None)
    previous: Candidate | None = None
    counted: Candidate | None = None
    for c in cands:
        form = _category_by_form(text, c, quake, sent)
        if form:
            c.category = form
        elif c.noun in lx.NOUN_CATEGORY and not lx.KILLED_RIGHT_AFTER_RE.match(text, c.end):
            c.category = lx.NOUN_CATEGORY[c.noun]
            if c.category in ("detained", "hostages") and fg.KILLING_BEFORE_RE.search(text, max(sent.start, c.start - 40),
                                                                                      c.start):
                c.category = "killed"   # "executed 38 prisoners"
            if c.category == "cases" and c.noun in ("cases", "case", "admissions", "notifications") and not health:
                c.category = "count_other"   # "two cases against the company": court cases
        elif c.noun in fr.EXTRA_NOUNS:
            c.category = fr.EXTRA_NOUNS[c.noun]
        else:
            before = text[max(sent.start, c.start - 60):c.start]
            if '"' in before[-16:] or "”" in before[-16:] or "“" in before[-3:]:
                before = fcl.QUOTE_RE.sub("", before)   # a quoted verb or figure: had "neutralized" 30 gunmen
            inc = lx.ends_with(lx.INCLUDING_RE, lx.INCLUDING_GATE, before) or (
                "includ" in before[-24:] and fg.COUNT_INCLUDED_RE.search(before))
            pre = lx.ends_with(lx.PRE_CUE_RE, lx.PRE_CUE_GATE, before)
            if inc and previous is not None and previous.category in _CARRIED:   # "892,000 ballots, including 41,000"
                c.category = previous.category
                c.unit = c.unit or previous.unit
            elif c.participle and c.person and lx.POST_CUE_RE.fullmatch(c.participle) and (
                    pre is None or lx.cue_category(pre.group("cue")) == "count_other"):
                c.category = lx.cue_category(c.participle)   # "rescued 31 kidnapped persons": hostages
            elif (c.person or c.noun is None) and ("uproot" in before or " out " in before[-8:]) \
                    and fr.DISPLACING_BEFORE_RE.search(before[-40:]):
                c.category = "displaced"   # "the war has uprooted 7 million people"
                c.pre_cued = True
            elif c.noun in fr.OUTAGE_UNITS and fr.OUTAGE_AFTER_RE.match(text, c.end, sent.end):
                c.category = "affected"   # "left 40,000 households without power"
            elif pre and (c.person or (c.noun in lx.POWER_UNITS and lx.cue_category(pre.group("cue")) == "affected")
                          or fc.object_of_verb(pre.group("cue"), c) or (c.noun is None and fcl.of_people(text, c))):
                c.category = lx.cue_category(pre.group("cue"))
                if c.category == "injured" and pre.group("cue").lower().startswith("treat") and health \
                        and not fg.WOUNDS_AFTER_RE.match(text, c.end, sent.end):
                    c.category = "cases"   # "treated 300 patients for cholera"
                c.pre_cued = True
            else:
                window = low[max(0, c.start - 120 - sent.start):c.start - sent.start]
                toll = None
                if "toll" in window or "number of" in window or "death" in window or "case" in window:
                    for toll in lx.TOLL_RE.finditer(text, max(sent.start, c.start - 120), c.start):
                        pass   # the last toll phrase before the figure
                if toll is None and ("number of" in window or "tally of" in window
                                     or "count of" in window):
                    toll = fr.extra_toll(text, max(sent.start, c.start - 120), c.start)
                if (toll and c.person and not fr.gap_has_count(text[toll.end():c.start])
                        and (lx.TOLL_LINK_RE.search(text, toll.end(), c.start)
                             or fr.TOLL_PAST_RE.search(text, toll.end(), c.start))):
                    c.category = lx.toll_category(toll.group(0))   # "the death toll rose to 143"
                    if c.category == "deaths_total" and "total" not in toll.group(0).lower():
                        # a toll is one happening's (a storm's, a raid's) even as it rises, unless the text
                        # says it is the whole or ties it to a war, an outbreak or a year
                        c.category = "killed"
                    if c.category == "killed" and fc.TOTAL_BEFORE_RE.search(text, max(0, toll.start() - 14),
                                                                             toll.start()):
                        c.category = "deaths_total"   # "the total number of people killed rose to 300"
                    elif c.category == "killed" and (
                            fr.RUNNING_NUMBER_RE.search(text, toll.end(), c.start)
                            or fr.TOLL_ANCHOR_RE.search(text, max(sent.start, toll.start() - 25), c.start)):
                        c.category = "deaths_total"   # "pushing the number of people killed since January to 286"
                if c.category is None:
                    c.category = fc.clause_cue(text, c, sent, counted, health) or fo.object_category(text, c, sent)
        previous = c
        if c.noun is not None and c.category is not None:
            counted = c   # the last count by its noun: "N votes (51%), against M" pairs M with it
    # casualty words after the numbers ("N people were killed", "over 300 wounded") apply backwards,
    # to figures after the previous casualty word of the clause
    prev_cue_end = sent.start
    for cue in scan_words(lx.POST_CUE_RE, text, sent.start, sent.end, lx.POST_CUE_CANDIDATES):
        if (text[max(sent.start, cue.start() - 4):cue.start()].lower() == "the "
                and not text[max(sent.start, cue.start() - 10):cue.start()].lower().endswith("among the ")):
            continue  # "one of the wounded": a noun, not what happened to the figure ("are among the dead" is)
        if lx.ACTIVE_AFTER_RE.match(text, cue.end()) and not cue.group("cue").lower().endswith((" in", " to")):
            prev_cue_end = cue.end()
            continue  # "killed 12 people": a pre-cue of the next figure
        if fcl.attributive_cue(text, cue):
            continue   # "the two affected districts": the word describes a noun that does not count people
        category = lx.cue_category(cue.group("cue"))
        if category == "injured" and disease_text and "hospital" in cue.group("cue").lower():
            category = "cases"   # in an outbreak, "155 people were hospitalised" counts patients
        later: Candidate | None = None
        for i in range(len(cands) - 1, -1, -1):
            c = cands[i]
            if c.end > cue.start():
                continue
            if c.start < prev_cue_end:
                break
            if i > 0 and fcl.INSIDE_PP_RE.fullmatch(text, cands[i - 1].end, c.start):
                continue   # "17 people from three families were killed": the families are not the subject
            gap = text[c.end:cue.start()]
            if len(gap.split()) > 16 or lx.CLAUSE_BREAK_RE.search(gap):
                break
            # an earlier figure shares the casualty word only through a list: "six people, four children
            # and a woman were killed"; not across a verb ("2,000 officers were deployed after 3 were killed")
            if later is not None and (lx.NOT_A_LIST_RE.search(text, c.end, later.start)
                                      or fr.PARTICIPLE_BREAK_RE.search(text, c.end, later.start)
                                      or lx.OF_WHOM_RE.match(text, later.end)):
                break
            if c.category is None and category == "displaced" and c.noun in fr.NOT_REFUGEES \
                    and "fle" in cue.group("cue").lower():
                pass   # "two suspects fled into the forest": an escape, not a displacement
            elif c.category is None and category == "evacuated" and lx.OF_CASUALTY_RE.match(text, c.end):
                pass   # "three of the wounded were evacuated": still the wounded, read after the verbs
            elif c.category is None and (c.person or (c.noun in lx.POWER_UNITS
                                                      and cue.group("cue").lower().startswith("affected"))):
                c.category = category   # "5,000 households were affected" (not "homes without power")
            later = c
        prev_cue_end = cue.end()
    fc.post_extra(text, cands, sent)
    previous = last_casualty = model = None
    gates = fr.sentence_gates(low)
    for c in cands:  # after the verbs: "one of the wounded later died" is killed
        if c.category is None:
            of = lx.OF_CASUALTY_RE.match(text, c.end)
            if of:
                c.category = lx.cue_category(of.group("cue"))   # "three of the injured", "seven of the dead"
            else:
                c.category = (fc.partitive_category(text, c, sent, previous, health)
                              or fcl.fronted_partitive(text, c, sent, health)
                              or fc.running_total(text, c, sent, last_casualty)
                              or fc.compared_category(text, c, _compared_with(previous, last_casualty))
                              or fr.frame_category(text, sent, gates, c, cands, previous, model, carried, health))
                if c.category == "killed" and carried == "deaths_total" and previous is None \
                        and text.startswith(" of the deaths", c.end):
                    c.category = "deaths_total"   # "... and five deaths since May. Four of the deaths were ..."
        previous = c
        if c.noun is not None and c.category not in (None, "count_other", "duration"):
            model = c
        if c.category in lx.CASUALTY_CATEGORIES:
            last_casualty = c
    for c, nxt in zip(cands, cands[1:]):
        if c.category is None and nxt.category and lx.OF_THE_RE.fullmatch(text, c.end, nxt.start):
            c.category, c.unit = nxt.category, c.unit or nxt.unit   # "306 of the 538 votes"
    for prev, c in zip(cands, cands[1:]):
        if c.category is not None or prev.category not in _CARRIED or text[max(0, c.start - 5):c.start].lower() == "week ":
            continue   # "received 318,460 votes, against 276,912," is votes too (not "in week 48,": a week's number)
        if c.noun is None and prev.noun is not None and (lx.BARE_END_RE.match(text, c.end) or (
                prev.category == "votes" and _FOR_CANDIDATE_RE.match(text, c.end))):   # "against 1.49 million for"
            c.category, c.unit = prev.category, prev.unit or prev.noun   # "freed 17 hostages but still hold 40."
        elif prev.pre_cued and c.person and lx.OBJECT_LIST_RE.fullmatch(text, prev.end, c.start) \
                and not fcl.SPEAKER_AFTER_RE.match(text, c.end):   # not "..., two officials said"
            c.category = prev.category   # "killed 19 children and two teachers"
    fb.fronted_override(text, sent, cands, health)
    fb.shared_counts(text, sent, cands, carried)
    ft.losses_category(text, sent, low, cands)
    fa.arrival_category(text, sent, low, cands)
    fg.governed_category(text, sent, cands, health)
    fg.reference_ones(text, cands)
    if "(" in low:
        fb.parenthesised_parts(text, sent, cands, health)
    toll_given = any(c.category == "deaths_total" for c in cands)
    # an outbreak's counts "as of" a date are its running totals, the way health agencies report them
    # (not a storm's or a collapse's dead, with its missing and injured, in a report that warns of disease)
    as_of_total = (health or "cases" in low) and not (any(c.category == "killed" for c in cands)
                                                      and fg.disaster_toll(text, sent))
    period = any(c.category == "killed" for c in cands) and ft.period_total(text, sent, low)
    previous = None
    for i, c in enumerate(cands):
        # "310 have died since the outbreak began", "a total of 88 deaths"; but where the sentence gives the
        # overall toll too ("2,000 killed since the offensive began, bringing the toll to 9,300"), the
        # other count is the new phase's
        # "a total of 17 cases, including 11 deaths": the deaths among a running total are one too
        if c.category == "killed" and (ft.window_part(text, c) or fg.own_window(
                text, sent, c, cands[i + 1] if i + 1 < len(cands) else None)):
            pass   # "two of them in the past week": new deaths, even inside a running total's sentence
        elif c.category == "killed" and not toll_given and (
                _says_cumulative(text, c, sent, as_of_total) or fc.fronted_total(text, sent, c, as_of_total)
                or (previous is not None and fc.INCLUDED_RE.match(text, previous.end, c.start)
                    and (_says_cumulative(text, previous, sent, as_of_total)
                         or fc.fronted_total(text, sent, previous, as_of_total)))
                or (disease_text and not fg.disaster_toll(text, sent)
                    and (fr.whole_outbreak_toll(text, sent, c) or fcl.outbreak_as_of(text, sent, c)
                                      or ft.outbreak_total(text, sent, low, c)))
                or period or fg.year_total(text, sent, c)
                or (previous is not None and fg.compared_with_total(text, previous, c))):
            c.category = "deaths_total"
        elif c.category == "killed" and fr.in_running_total(text, sent, c):
            c.category = "deaths_total"   # "bringing the cumulative total ... to 900 cases and 21 deaths"
        elif c.category == "killed" and previous is not None and previous.category == "deaths_total" \
                and lx.OBJECT_LIST_RE.fullmatch(text, previous.end, c.start):
            c.category = "deaths_total"   # "the cumulative toll stands at seven soldiers and four civilians killed"
        previous = c
    fp.long_period_tolls(text, sent, low, cands)
    for c in cands:
        if c.category is None and c.change_partner is not None and c.change_partner.category:
            c.category = c.change_partner.category
        if c.category is None:
            c.category = "count_other"
        if c.unit is None:
            c.unit = c.noun if c.noun else ("people" if c.category in lx.CASUALTY_CATEGORIES else None)


def _names_people(word: str) -> bool:
    return lx.is_person_noun(word) or fc.is_person_word(word)


def _compared_with(previous: Candidate | None, last_casualty: Candidate | None) -> Candidate | None:
    """The count a later one is compared with: the last casualty count past a period between them ("1,600
    killed in the first 10 months of the year, up from 1,350")."""
    if previous is not None and previous.category == "duration" and last_casualty is not None:
        return last_casualty
    return previous
