"""Who did what to whom in each event: the roles of the actors ``processors.actors`` found.

:func:`event_actors` reads the event's clause (:func:`clause_of`): the actors before the trigger are
its agents, those after it (up to the clause's end) its patients; a passive trigger ("were killed by
...") swaps them, a "between A and B" makes both participants, and "said X" / "X said" make X a
statement's agent.
"""

from __future__ import annotations

import bisect
from typing import Sequence

from newswire.processors.actor_clauses import (SOURCE_BEFORE_RE, appositive_chain, inverted_speaker, joined_before,
                                               last_named, nearest_group, objects_after_asides, owned,
                                               subject_after_intro)
from newswire.processors.actor_frames import (between_parties, coordinated, framed_agents, is_past_verb, member_body,
                                              object_verb, passive_by_noun, series_verb, subject_end)
from newswire.processors.actor_bodies import body_subject
from newswire.processors.actor_claims import claimed_agents, party_agents
from newswire.processors.actor_courts import court_agents, is_judicial
from newswire.processors.actor_forces import BARE_FORCES, named_force, our_force
from newswire.processors.actor_heads import lead_body, members_gap, name_before, plural_referent, relative_head
from newswire.processors.actor_names import Actor, ActorMention
from newswire.processors.actor_referents import (AUTHORITY_ACTS, by_agent, described_group, leader_aside,
                                                 people_subject, relative_body, saying_verb)
from newswire.processors.actor_subjects import members_of, unnamed_body
from newswire.processors.actor_speakers import (LISTENER_VERBS, SPEAKER_NOUNS, bare_speaker, reporting_body,
                                                reports_clause, spokesperson_body)
from newswire.processors.lexicon import is_person_noun, last_word
from newswire.processors.place_names import COMMON_CAPITALS, MONTHS_DAYS, NEWS_AGENCIES, is_locative as _is_locative
from newswire.processors.actor_role_words import (
    ADJUNCT_RE, APPOSITIVE_END_RE, APPOSITIVE_NAME_RE, APPOSITIVE_START_RE, AUX_ONLY_RE, AUX_WORDS, BARE_COMMA_RE,
    BE_RE, BODY_PRONOUN_RE, BODY_WORDS, BY_RE, CHUNK_RE, CLAUSE_AFTER_RE, DETERMINER_RE, ISSUED, LEAD_NAME_RE,
    LEAD_RE, MAIN_VERB_RE, MODIFIER_RE, moved_thing, NESTED_BY_RE, NOT_ACTORS, NOUN_AFTER_RE, OBJECT_NOUN_RE,
    OPENER_RE, OWNER_GAP_RE, OWNER_RE, PARTICIPLE_END_RE, PARTICIPLE_RE, PASSIVE_RE, PEOPLE_MODIFIERS, PEOPLE_WORDS,
    PLACED_APPOSITIVE_RE, PRONOUN_SUBJECT_RE, RELATIVE_GAP_RE, RELATIVE_RE, REPORTED_CLAUSE_RE, REPORTING_RE,
    SAID_PRONOUN_AFTER_RE, SAID_PRONOUN_BEFORE_RE, SAYING_RE, SECOND_VERB_RE, SPEAKER_DESCRIPTION_RE, SPEAKER_HEADS,
    SPOKESPERSON_RE, UNNAMED_SPOKESPERSON_RE, antecedent_of, lead_subject, subject_of, clause_of)

__all__ = ["clause_of", "event_actors"]


def event_actors(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], sent_start: int, sent_end: int,
                 start: int, end: int, statement: bool = False, prev_start: int | None = None,
                 clause: tuple[int, int] | None = None, kind: str | None = None) -> tuple[Actor, ...]:
    """Who did what to whom for the event whose trigger is ``text[start:end]`` (``starts``: the
    mentions' start offsets, for bisection; ``kind``: the event's type; ``prev_start``: where the previous sentence starts, for
    a leading pronoun; ``clause``: the trigger's ``clause_of``, if known)."""
    left, right = clause or clause_of(text, sent_start, sent_end, start, end)
    i = bisect.bisect_left(starts, left)
    before: list[ActorMention] = []
    after: list[ActorMention] = []
    while i < len(mentions) and mentions[i].start < right:
        a = mentions[i]
        if text[a.start - 1:a.start] == "(" and text[a.end:a.end + 2].lstrip(".")[:1] == ")":
            pass   # "(KOSPI)", "(AFP)": an aside, not an actor of the clause
        elif a.end <= start or a.kind == "country" and a.start < start < a.end:   # "Israeli air strikes"
            if not SOURCE_BEFORE_RE.search(text, max(left, a.start - 20), a.start) and not (
                    a.kind == "country" and _is_locative(text, a.start)):   # "In Mali, rebels ..."
                before.append(a)   # "According to police, ...": the source, not the actor
        elif a.start >= end and not (a.kind == "country" and _is_locative(text, a.start)):   # "near Peru"
            after.append(a)
        i += 1
    if len(before) > 1 or len(after) > 1:
        # "Jeff Bezos's Blue Origin", "Hitler's Germany": the one owned acts or is acted on, not its owner
        before, after = owned(text, before), owned(text, after)
        before = leader_aside(text, before)   # "The Unity Movement led by Ana Ruiz won": the movement
    chained: list[ActorMention] = []   # subjects each set off by an aside: one group, as "and" joins them
    inverted = inverted_speaker(text, mentions, starts, sent_start, start, end) if statement else None
    if inverted is not None:
        # '"...," said a senior Hamas official', "..., said Amnesty International on Tuesday": the one named
        # after the verb said it, whoever the quote or the clause before it names
        before = [inverted]
        after = [a for a in after if a.start > inverted.start]   # nor the owner of its role: "said Acme's economist, X"
    if kind == "change" and (moved := moved_thing(text, left, start, before)) is not None:
        before = [moved]   # "Oil prices fell": what moved, not a country or ticker inside its name
    if not statement and (body := body_subject(text, left, start, before, antecedent_of, mentions, starts)):
        before = body   # "Mexico ... since the government deployed": the body right before the verb
    if not before:   # "The two countries swapped", "Both sides said": the pair named last
        before = plural_referent(text, mentions, starts, left, start)
    if not before:
        # "the commission said", "The 56-year-old said", "the agency selected": one named before
        referent = antecedent_of(text, mentions, starts, left, start)
        if referent is not None:
            before = [referent]
    if not before and left > sent_start:
        # "Matt Bevin, who lost his bid", "Big Machine, which was bought out": the relative pronoun's antecedent
        rel = RELATIVE_RE.search(text, max(sent_start, left - 12), left) if text.find(
            "wh", max(sent_start, left - 8), left) >= 0 else None
        if rel is not None and RELATIVE_GAP_RE.fullmatch(text, rel.end(), start):
            i = bisect.bisect_left(starts, rel.start()) - 1
            if i >= 0 and mentions[i].start >= sent_start and rel.start() - mentions[i].end <= 1:
                before = joined_before(text, mentions, starts, sent_start, i)
            else:   # "Freddy, which struck twice": a name the actor layer did not take
                before = [b for b in (name_before(text, sent_start, rel.start()),) if b is not None]
    pronoun_said = statement and SAID_PRONOUN_BEFORE_RE.search(text, max(sent_start, start - 12), start) is not None
    if pronoun_said and before and all(a.written[:1].islower() for a in before):
        # "... for Beijing residents to worry, it has also acknowledged": the pronoun right before the verb
        # is its subject, not the common noun of a clause before it
        before = []
    if statement and not before and not pronoun_said:
        # "..., said Ashraf al-Qudra": the speaker after the verb; quotes end the clause before it; not the
        # subject of what is said ("she said residents should leave")
        i = bisect.bisect_left(starts, end)
        if i < len(mentions) and mentions[i].start - end <= 25 and "." not in text[end:mentions[i].start] \
                and text[start:end].lower() not in LISTENER_VERBS and not object_verb(text[start:end]) \
                and not CLAUSE_AFTER_RE.search(text, end, mentions[i].start) \
                and not (mentions[i].written[:1].islower() and REPORTED_CLAUSE_RE.match(text, mentions[i].end)):
            before = [mentions[i]]
            after = [a for a in after if a is not mentions[i]]
    if statement and inverted is None and text[max(sent_start, start - 3):start].rstrip().endswith(","):
        # "Steve Clarke, deputy administrator at NASA, said": the one named before the appositive
        comma = text.rfind(",", sent_start, text.rfind(",", sent_start, start))
        i = bisect.bisect_left(starts, comma) - 1
        if comma > 0 and i >= 0 and comma - mentions[i].end <= 2 and mentions[i].start >= sent_start:
            before = joined_before(text, mentions, starts, sent_start, i)   # "Qatar and Egypt, which ..., said"
    if inverted is None and (head := relative_head(text, mentions, starts, sent_start, start)) is not None:
        before = head   # "The army, which has fought them since April, said": the one the clause describes
    elif inverted is None and APPOSITIVE_END_RE.search(text, max(sent_start, start - 20), start):
        # "Cmdr. Ana Ruiz, a spokeswoman for the task force, the coalition's ..., told reporters", "The
        # Authority - which ... - called for": the sentence's first actor, set off by a comma or a dash;
        # "The firm's parent, Acme Holdings, announced": the name set off just before the verb
        i = bisect.bisect_left(starts, sent_start)
        named = APPOSITIVE_NAME_RE.search(text, max(sent_start, start - 60), start)
        chain = appositive_chain(text, mentions, starts, sent_start, start)
        if i < len(mentions) and mentions[i].end < start and LEAD_RE.fullmatch(text, sent_start, mentions[i].start) \
                and (APPOSITIVE_START_RE.match(text, mentions[i].end) or PLACED_APPOSITIVE_RE.match(
                    text, mentions[i].end)) and mentions[i].name not in NEWS_AGENCIES:
            # "Kurt Volker, a former envoy, and Tim Morrison, an aide, testified": each one set off
            before = chain if chain and chain[0] is mentions[i] else [mentions[i]]
        elif chain:   # "In October, Rep. Ana Ruiz, R-Texas, visited": the one named before the aside
            before = chain
        elif (lead := LEAD_NAME_RE.match(text, sent_start, start)) is not None and (
                i >= len(mentions) or mentions[i].start >= lead.end("name")) and " " in lead.group("name") \
                and lead.group("name").split()[0] not in COMMON_CAPITALS \
                and MONTHS_DAYS.isdisjoint(lead.group("name").split()) and not lead.group("name").isupper():
            # (a name in capitals at the head of the text is its dateline: "SANTA CRUZ, Bolivia -")
            # "Customs and Border Protection, part of Homeland Security, did not accept": a name the actor
            # layer did not take, set off at the head of the sentence
            name = lead.group("name")
            before = [ActorMention(lead.start("name"), lead.end("name"), name, name, "organisation", None, None)]
        elif named is not None and named.start("name") > sent_start + 1:
            j = bisect.bisect_left(starts, named.start("name"))
            if j < len(mentions) and mentions[j].start < named.end("name"):
                before = [mentions[j]]
            else:   # a name the actor layer did not take: "The parent, Acme Holdings, said"
                name = named.group("name")
                before = [ActorMention(named.start("name"), named.end("name"), name, name, "organisation", None, None)]
        if len(chain) > 1 and before == chain:
            chained = chain
    if statement and not before:
        # '"...," Minister Ana Ruiz, who ..., said': the first one named after the closing quote
        quote = max(text.rfind("”", sent_start, start), text.rfind('"', sent_start, start))
        if quote >= 0:
            i = bisect.bisect_left(starts, quote)
            if i < len(mentions) and mentions[i].end <= start and mentions[i].start - quote <= 4:
                before = [mentions[i]]
    if statement and not before and coordinated(text, sent_start, start):
        # "The agency assessed the risk and said it had": the sentence's subject, not whom "it" might be
        before = [s for s in (lead_subject(text, mentions, starts, sent_start, prev_start),) if s and s.end <= start]
    if statement and not before:
        # "..., he said": the last person named before; "they said", "it said": the last group
        pronoun = SAID_PRONOUN_BEFORE_RE.search(text, max(sent_start, start - 12), start) or \
            SAID_PRONOUN_AFTER_RE.match(text, end)
        if pronoun:
            person = pronoun.group("p").lower() in ("he", "she")
            i = bisect.bisect_left(starts, start) - 1
            while i >= 0 and start - mentions[i].start < 3000:
                if (mentions[i].kind == "person") == person:
                    before = [mentions[i]]
                    break
                i -= 1
    desc = SPEAKER_DESCRIPTION_RE.search(text, max(sent_start, start - 60), start) \
        if statement and inverted is None else None
    described = desc is not None and all(a.end <= desc.start() for a in before) \
        and any(w.lower() in SPEAKER_HEADS for w in desc.group("d").split())
    if statement and inverted is None and not described and (bare := bare_speaker(text, sent_start, start)) \
            is not None and all(a.end <= bare.start for a in before):
        before = [bare]   # "Gunmen burned a clinic, security sources said": the sources said it, not the gunmen
    if described:
        # "Divers found two men, the fire department said": a description of a body or an office right before
        # the verb is the speaker, not an actor named earlier in the sentence; it stands for the body named
        # before, if any, else for itself ("The army said": the army, which a reader knows no better)
        name = desc.group("d")
        referent = antecedent_of(text, mentions, starts, left, start)
        if referent is not None:
            before = [referent]
        elif name.split()[-1].lower() in ISSUED:
            before = []   # "the statement said" with no body named before: whose it is, the text does not say
        else:
            before = [ActorMention(desc.start("d"), desc.end("d"), name, name, "organisation", None, None)]
    if not before:
        # "a judge ruled", "snipers have also shot", "Doctors vaccinated": a common noun for people as the subject
        stop = subject_end(text, left, start)   # "A judge in Lyon on Friday ordered": "judge"
        lo, words = max(left, stop - 40), text[max(left, stop - 40):stop].split()
        words = words[max((k + 1 for k, w in enumerate(words) if w in ("-", "–", "—")), default=0):]   # a dateline's
        while words and (words[-1] in AUX_WORDS or words[-1].endswith("ly")):
            words.pop()
        word = words[-1] if words and len(words) <= 6 else ""
        low = word.lower()
        if (body := member_body(words)) is not None:   # "Army helicopters airlifted", "navy divers found"
            at = text.rfind(body, lo, stop)
            before = [ActorMention(at, at + len(body), body.lower(), body.lower(), "organisation", None, None)]
        elif word.isalpha() and low not in NOT_ACTORS and (low in PEOPLE_WORDS or is_person_noun(low)
                                                          or statement and low in SPEAKER_NOUNS):
            at = text.rfind(word, lo, stop)
            before = [members_of(text, left, stop) or ActorMention(at, at + len(word), low, low, "group", None,
                                                                     None)]
        elif low in BODY_WORDS and len(words) > 1 and words[-2].lower() == "the":
            # "the army shelled", "the ministry deployed": a body no name was given for
            at = text.rfind(word, lo, stop)
            before = [ActorMention(at, at + len(word), low, low, "organisation", None, None)]
        elif (body := unnamed_body(text, left, stop)) is not None:
            before = [body]   # "The ruling party won", "A court in Cairo sentenced"
    if not statement and not before:
        # "after he was hauled out", "she described": a pronoun subject right before the verb is the person
        # named last (a sentence's leading pronoun is read by ``subject_of``); "said it would", "announced
        # that they had": the one who said it; "it"/"they" elsewhere: the body named last in the paragraph
        lo = max(left, start - 30)
        pronoun = PRONOUN_SUBJECT_RE.search(text, lo, start) if text.find("he ", lo, start) >= 0 else None
        if pronoun and pronoun.start() > sent_start + 1:
            i = bisect.bisect_left(starts, pronoun.start()) - 1
            while i >= 0 and pronoun.start() - mentions[i].start < 1500:
                if mentions[i].kind == "person":
                    before = [mentions[i]]
                    break
                i -= 1
        elif pronoun is None and (text.find("it ", lo, start) >= 0 or text.find("they ", lo, start) >= 0) \
                and (body := BODY_PRONOUN_RE.search(text, lo, start)) is not None and body.start() > sent_start + 1:
            speaker = REPORTING_RE.search(text, max(sent_start, body.start() - 40), body.start())
            if speaker is not None:
                said = event_actors(text, mentions, starts, sent_start, sent_end, speaker.start("v"),
                                    speaker.end("v"), statement=True, prev_start=prev_start)
                before = [ActorMention(body.start(), body.start() + 2, a.name, a.name, a.kind, a.role, a.country_code)
                          for a in said[:1] if a.relation == "agent"]
            elif not BE_RE.search(body.group(0)):   # "if it is detected": a thing, done to
                found = last_named(text, mentions, starts, body.start(), person=False)
                kinds = ("organisation", "country") if body.group(0).startswith("it") else ("group", "organisation",
                                                                                          "country")
                before = [found] if found is not None and found.kind in kinds else []
    if not before and not statement and text[sent_start:sent_start + 12].find("ing") > 0 \
            and OPENER_RE.match(text, sent_start) and text.find(",", end, sent_end) >= 0:
        # "Having carried out a purchase of the house, Austria will invite": the main clause's subject
        i = bisect.bisect_left(starts, end)
        while i < len(mentions) and mentions[i].start < min(sent_end, end + 200):
            a = mentions[i]
            if text[max(sent_start, a.start - 2):a.start] == ", " and MAIN_VERB_RE.match(text, a.end):
                before = [a]
                after = [b for b in after if b is not a]
                break
            i += 1
    if not before:
        # "his appointment", "their protest", "its campaign": the person or body named last
        near = text[max(left, start - 30):start].lower()
        owner = OWNER_RE.search(text, max(left, start - 30), start) if (
            "his " in near or "her " in near or "its " in near or "their " in near) else None
        if owner is not None:
            found = last_named(text, mentions, starts, owner.start(),
                                person=owner.group("o").lower() in ("his", "her"))
            before = [found] if found is not None else []
        elif (word := last_word(text[max(left, start - 20):start])) in PEOPLE_MODIFIERS \
                and (mod := MODIFIER_RE.search(text, max(left, start - 20), start)) is not None:
            # "teacher protests", "a rebel attack", "worker strikes": the people of the modifier did it
            name = word + "s"
            before = [ActorMention(mod.start("m"), mod.end("m"), name, name, "group", None, None)]
    if before and before[-1].kind == "organisation" and "spokes" in before[-1].written \
            and SPOKESPERSON_RE.fullmatch(before[-1].written) \
            or not before and statement and text.find("spokes", sent_start, start) >= 0 and (
                spokes := UNNAMED_SPOKESPERSON_RE.search(text, sent_start, start)) is not None:
        # "A company spokesperson said", "A spokesman who declined to be named said": the body the sentence
        # before spoke of, else the one named last
        at = before[-1].start if before else spokes.start()
        body = spokesperson_body(text, mentions, starts, at, before[-1].end if before else spokes.end())
        if body is None:
            body = subject_of(text, mentions, starts, prev_start, None) if prev_start is not None else None
            if body is None or body.kind == "person" or body.end > at or body.name in NEWS_AGENCIES:
                body = last_named(text, mentions, starts, at, person=False)
        if body is not None:
            before = [body]
    if not after and not statement:
        # "killed 12 soldiers", "the release of the hostages", "evacuated residents": a common noun for people
        # among the next few words, before any break, is the one it was done to
        m = OBJECT_NOUN_RE.match(text, end, min(right, end + 60))
        for group in ("a", "n") if m is not None else ():
            low = (m.group(group) or "").lower()
            if group == "n" and NOUN_AFTER_RE.match(text, m.end("n")):
                break   # "a temporary general license": "general" modifies the noun after it
            if low and low not in NOT_ACTORS and (low in PEOPLE_WORDS or is_person_noun(low)):
                after = [ActorMention(m.start(group), m.end(group), low, low, "group", None, None)]
                break
    agents, patients = chained or nearest_group(text, before, True), nearest_group(text, after, False)
    if patients and not statement and right < sent_end and text.startswith(",", patients[-1].end):
        patients = patients + objects_after_asides(text, mentions, starts, patients[-1], sent_end)
    if statement and len(agents) > 1 and not chained and BARE_COMMA_RE.fullmatch(text, agents[-2].end,
                                                                                   agents[-1].start) \
            and RELATIVE_GAP_RE.fullmatch(text, agents[-1].end, start):
        agents = agents[-1:]   # "... against al-Shabaab militants, U.S. Africa Command said": the speaker alone
    if not statement and text.endswith("ing", start, end) and ADJUNCT_RE.search(text, max(left, start - 3), start):
        # "Iraqi forces raided a hideout, detaining four suspects": the participle's subject is the sentence's
        subject = subject_of(text, mentions, starts, sent_start, prev_start) or subject_after_intro(
            text, mentions, starts, sent_start) or lead_body(text, sent_start)
        if subject is not None and subject.end <= start and subject.kind != "person" or (
                subject is not None and subject.end <= start and not agents):
            agents = [subject]
    if not agents and not statement and left > sent_start and text.endswith(("but", "and"), 0, left) \
            and AUX_ONLY_RE.fullmatch(text, left, start):
        # "The inquiry had been shelved in 2017 but was re-opened": the verb shares the sentence's subject
        subject = subject_of(text, mentions, starts, sent_start, prev_start)
        if subject is not None and subject.end <= start:
            agents = before = [subject]   # and, for a passive, the one it was done to
    if not statement and (SECOND_VERB_RE.search(text, max(left, start - 40), start)
                          or series_verb(text, sent_start, start, end)):
        # "Esper met officials and paid a visit to the prison", "Rebels seized the town and killed two": a
        # second verb of the subject's; its agent is the sentence's subject, not the first verb's object
        subject = subject_of(text, mentions, starts, sent_start, prev_start) or subject_after_intro(
            text, mentions, starts, sent_start) or lead_body(text, sent_start)
        if subject is not None and subject.end <= start:
            agents = [subject]
    if not statement:   # "accused the army of shelling", "said the government had released" (actor_frames)
        agents = framed_agents(text, mentions, starts, left, sent_start, start, end, agents, lambda s, e: event_actors(
            text, mentions, starts, sent_start, sent_end, s, e, statement=True, prev_start=prev_start),
            lambda: subject_of(text, mentions, starts, sent_start, prev_start))
    relation_a, relation_p = "agent", "patient"
    passive = PASSIVE_RE.search(text, max(left, start - 40), start) if not text.endswith("ing", start, end) \
        else None   # "was withdrawing": progressive, not passive
    by = BY_RE.match(text, end) if not passive and PARTICIPLE_END_RE.search(text, start, end) else None
    reduced = by is not None and bool(after) and after[0].start <= by.end() + 2
    if reduced:
        # "the budget approved by Republicans", "nine firms selected by the agency": a passive without its
        # "be": the one after "by" did it, the one before had it done
        agents, patients = nearest_group(text, after, False), chained or nearest_group(text, before, True)
        if not chained and patients and len(text[patients[-1].end:start].split()) > 2:
            patients = []   # "Teachers criticised the plan approved by X": the participle's noun is no actor
    elif passive:
        by = BY_RE.match(text, end)
        agents = nearest_group(text, [a for a in after if by and (a.start <= by.end() + 2 or OWNER_GAP_RE.fullmatch(
            text, by.end(), a.start) or NESTED_BY_RE.fullmatch(text, by.end(), a.start) or members_gap(
            text, by.end(), a.start))], False)   # "by officers of the police": the police
        # "annexed by Hitler's Germany": the one owned; "bought by a company owned by X": X
        agents = agents or [b for b in (passive_by_noun(text, end, right),) if b is not None]   # "by a jury"
        patients = chained or nearest_group(text, before, True)
        if patients and SAYING_RE.search(text, patients[-1].end, start):
            patients = []   # "the agency said 45 people were killed": the speaker had nothing done to it
        if not agents and kind in AUTHORITY_ACTS and (said := saying_verb(text, sent_start, sent_end, start)):
            # "14 suspects were arrested, the coast guard said": the body that reports its own arrests made them
            speaker = [a for a in event_actors(text, mentions, starts, sent_start, sent_end, *said, statement=True,
                                               prev_start=prev_start) if a.relation == "agent"][:1]
            agents = reporting_body(text, sent_start, said, speaker)   # "Police spokesman X said": the police
    elif not agents and not described:   # "..., the commission said": not the sentence's subject
        lead = CHUNK_RE.split(text[left:start])[-1]   # the last comma- or "and"-joined piece
        if PARTICIPLE_RE.match(lead) or not DETERMINER_RE.search(lead):
            subject = subject_of(text, mentions, starts, sent_start, prev_start)
            if subject is not None and subject.end <= start:
                agents = [subject]
    if statement and patients and reports_clause(text, sent_start, start, end):
        patients = []   # "Witnesses said soldiers opened fire": the soldiers acted in what was said
    if "between" in text[max(left, start - 12):min(right, end + 12)]:
        relation_a = relation_p = "participant"
    if not statement and not is_past_verb(text[start:end]) and (
            pair := between_parties(text, mentions, starts, end, sent_end)):   # "fighting ... between X and Y"
        agents, patients, relation_a = pair, [], "participant"
    if not passive and not reduced:
        if (described := described_group(text, mentions, starts, left, start)) is not None \
                and all(a.start <= described.start for a in agents):
            agents = [described]   # "Al-Shabaab ... the group launched": the group named last
        elif not statement and not is_past_verb(text[start:end]) and text.startswith(" by ", end) \
                and (by_noun := by_agent(text, mentions, starts, end, right)) is not None:
            agents = [by_noun]   # "a blockade by jihadi fighters": they blockade
            patients = [a for a in patients if a.start != by_noun.start]
        elif not statement and not is_past_verb(text[start:end]) \
                and (people := people_subject(text, sent_start, left, start)) is not None \
                and all(a.start >= people.end or people.start <= a.start < people.end for a in agents):
            agents = [people]   # "Armed men killed 12 people in a raid": the men raided
            patients = [a for a in patients if a.start >= start]
        elif not agents and (body := relative_body(text, sent_start, start)) is not None:
            agents = [body]   # "The junta that seized power": the junta seized it
    if not statement and relation_a == "agent" and not passive and (
            force := our_force(text, mentions, starts, left, start)) is not None:
        agents = [force]   # '"Our forces neutralised 70 gunmen," the army said': the force speaking
    elif agents and relation_a == "agent" and any(a.name in BARE_FORCES for a in agents):
        # "troops seized rifles": the force the story named ("Ruritanian army"), whose soldiers they are
        agents = [named_force(text, mentions, starts, a) or a for a in agents]
    if not statement and relation_a == "agent" and is_judicial(text[start:end]):
        # "Justice Ana Ruiz found him guilty", "two were acquitted": the court the story named did it
        agents = court_agents(text, mentions, starts, start, agents, passive is not None)
    if relation_a == "agent":   # "the attackers ... X claimed responsibility": X; "Ruritania's opposition": its party
        agents = party_agents(text, mentions, starts, claimed_agents(text, mentions, starts, end, kind, agents))
    out: list[Actor] = []
    seen: set[str] = set()
    for group, relation in ((agents, relation_a), (patients, relation_p)):
        for a in group:
            if a.name in NEWS_AGENCIES and relation != "agent":
                continue   # "told AFP": the agency is told, it does not act
            if a.name in seen:
                continue
            seen.add(a.name)
            name = a.name if a.kind in ("country", "group") else a.written
            out.append(Actor(name, a.kind, a.role, a.country_code, relation))
    return tuple(out)
