"""Actors named in an article (people with their role, organisations, groups, countries); who did
what to whom in each event is ``processors.actor_roles``.

:func:`find_actors` makes one pass over the runs of capitalised words (``place_names.NAME_RE``, "X of Y"
joined when X ends in an organisation's word: "Ministry of Health") and one over demonym phrases:

- a title before a name makes a person with that role: "President Donald Trump" -> person "Donald
  Trump", role "president"; a surname alone later ("Trump said") is that person again;
- known groups ("Hamas", "Taliban"), runs ending in an organisation's word ("Korean Central News
  Agency", "New York Police Department") and acronyms ("USGS") are groups and organisations;
- a country's name is the country; a demonym before a state's noun is the country too, named as the
  body written and its state ("Israeli forces (Israel)": ``actor_referents.body_label``; "Israeli strikes"
  -> Israel); before any other group it stays a group that carries the country ("Palestinian militants", country PS);
- a group's name and its members' noun are one group ("Hezbollah fighters", "Maoist rebels"), as are "X-led" and
  "X-backed" groups and "<Name> party" (``processors.actor_groups``);
- cities and states are never actors, nor names right after "in" or "near" that the gazetteer does not
  hold; news agencies only as the ones told ("told AFP"), never as an event's actor.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Sequence

from newswire.processors.acronyms import defined_spans, full_names
from newswire.processors.actor_groups import join_member_nouns
from newswire.processors.actor_members import holders_named, member_phrases
from newswire.processors.actor_referents import body_label, state_name
from newswire.processors.dateline import Dateline, find_dateline
from newswire.processors.gazetteer import Gazetteer, gazetteer
from newswire.processors.nations import STATE_ACTS, STATE_NOUNS, demonym_country
from newswire.processors.place_names import (
    COMMON_CAPITALS,
    KNOWN_GROUPS,
    NEWS_AGENCIES,
    is_locative as _is_locative,
    name_spans,
)
from newswire.processors.actor_names import (
    Actor,
    ActorMention,
    GROUP_NOUNS,
    ROLE_WORDS,
    ACRONYM_RE,
    ADJECTIVE_ENDINGS,
    COMMON_GROUPS,
    GROUPS,
    INSTITUTIONS,
    INSTITUTION_HEAD_RE,
    MEMBER_NOUNS,
    NAME_GOES_ON_RE,
    NOUN_VERB_AFTER_RE,
    OF_RE,
    OPENING_WORDS,
    ORDINAL_BEFORE_RE,
    PARTY_MEMBERS,
    REST_RE,
    SPEAKER_VERB_RE,
    STATE_ADJECTIVES,
    TRAILER_RE,
    VERB_AFTER_RE,
    classify,
    name_runs,
    sentence_initial,
    strip_name,
)
from newswire.processors.word_scans import trie_pattern

__all__ = ["Actor", "ActorMention", "find_actors"]

_AND_DEMONYM_RE = re.compile(r"[ \t]+(?:and|or)[ \t]+([A-Z][\w'’-]+)[ \t]+([a-z]+)")
_PARTICLE_BEFORE_RE = re.compile(r"[A-Z][\w'’-]+ (?:es|el|al|de|da|do|du|la|le|di|del|des|dos|das) $")
# a common noun's plural for a body of people after a sentence's first word: that word is a modifier
# ("Search teams pulled", "Coalition forces seized"), not a name
_CREW_AFTER_RE = re.compile(r"[ \t]+(?:teams|guards|forces|workers|crews|officers|units|personnel|inspectors"
                            r"|agents|squads|staff|volunteers|troops|police)\b")


def find_actors(text: str, gaz: Gazetteer | None = None, spans: Sequence[tuple[int, int]] | None = None,
                dateline: Dateline | None | bool = False) -> list[ActorMention]:
    """Every actor mention of ``text``, in text order (``spans``: its ``NAME_RE`` matches, if known;
    ``dateline``: its ``find_dateline``, if known)."""
    gaz = gaz or gazetteer()
    if spans is None:
        spans = name_spans(text)
    found: list[ActorMention] = []
    people: dict[str, ActorMention] = {}   # surname -> the person first named in full
    later: list[tuple[int, str]] = []      # one-word names left out: a surname before the full name comes
    known: dict[str, tuple | None] = {}   # name -> its class: names recur within an article
    low_text = text.lower()
    for run_start, run_end in name_runs(text, spans):
        if run_end - run_start < 12 and (text[run_start:run_end] in COMMON_CAPITALS
                                         or text[run_start:run_end] in OPENING_WORDS):
            continue   # "The", "But", "Police": most runs are one word that starts a sentence
        start, name = strip_name(text, run_start, run_end, gaz)
        if not name:
            continue
        if name in known and name not in people:
            what = known[name]
        else:
            what = known[name] = classify(name, gaz, people)
        if what is None:
            if " " not in name:
                later.append((start, name))
            continue
        kind, norm, role, code = what
        if kind == "person" and role is None and _PLACE_BEFORE_RE.search(text, max(0, start - 12), start) \
                and not text.startswith(("'s", "’s"), start + len(name)):
            continue   # "in Khan Younis", "near Bir Zeit": a place the gazetteer does not hold, not a person
        if kind == "subject" and _PARTICLE_BEFORE_RE.search(text, max(0, start - 24), start):
            continue   # "Dar es Salaam", "Mar del Plata": the end of a place's name
        if kind == "subject":
            if not VERB_AFTER_RE.match(text, start + len(name)) or f" {name.lower()} " in text or _is_locative(
                    text, start) or (
                    name.endswith("s") and " " not in name and sentence_initial(text, start)) or (
                    " " not in name and sentence_initial(text, start) and name[1:].islower()
                    and name not in PARTY_MEMBERS
                    and name.endswith(ADJECTIVE_ENDINGS) and NOUN_VERB_AFTER_RE.match(text, start + len(name))) or (
                    " " not in name and name[1:].islower() and sentence_initial(text, start)
                    and _CREW_AFTER_RE.match(text, start + len(name))):   # "Search teams", "Border guards"
                if " " not in name:
                    later.append((start, name))
                continue   # "Crowds gathered": a common noun that starts a sentence, not a name
            kind = "organisation"
            if " " not in name:
                later.append((start, name))   # a person's surname, if the article names them in full later
        if kind == "named_like_city":
            if not SPEAKER_VERB_RE.match(text, start + len(name)) or _is_locative(text, start):
                continue   # "in Tottenham", "Aleppo was shelled": a place
            kind = "organisation"
        if kind == "capital":
            # "Washington refused", "Moscow said": the capital speaks for its country; "in Moscow" does not
            if _is_locative(text, start) or not VERB_AFTER_RE.match(text, start + len(name)):
                continue
            kind = "country"
        if role is None and kind == "person":
            before = text[max(0, start - 30):start].split()
            if before and before[-1].lower() in ROLE_WORDS:
                role = before[-1].lower()
        if kind == "organisation" and text[start - 1:start] == " " and (
                ordinal := ORDINAL_BEFORE_RE.search(text, max(0, start - 8), start)) is not None:
            name = text[ordinal.start():start] + name   # "the 82nd Airborne Division": the unit's number
            norm = name if norm == text[start:start + len(norm)] else norm
            start = ordinal.start()
        mention = ActorMention(start, start + len(name), norm, name, kind, role, code)
        if kind == "person" and " " in norm:
            people.setdefault(norm.split()[-1], mention)
        found.append(mention)
    if later and people:
        # '"...," Clarke said. ... Steve Clarke, deputy administrator': the quote first, the full name after
        surnames = {start: people[name] for start, name in later if name in people}
        if surnames:
            found = [a for a in found if a.start not in surnames]
            for start, known in surnames.items():
                found.append(ActorMention(start, start + len(known.name.split()[-1]), known.name,
                                          known.name.split()[-1], "person", known.role, known.country_code))
    for run_start, run_end in spans:   # a demonym ends its run of capitals: "Israeli forces", "the Palestinians"
        words = text[run_start:run_end].split()
        dem = " ".join(words[-2:])
        code = demonym_country(dem) if len(words) > 1 else None
        if code is None:
            dem = words[-1]
            code = demonym_country(dem)
            if code is None:
                continue
        dem_start = run_end - len(dem)
        tail = REST_RE.match(text, run_end)
        rest = tail.group(0).split() if tail else []
        country = gaz.country(code)
        pair = _AND_DEMONYM_RE.match(text, run_end) if rest[:1] in (["and"], ["or"]) else None
        if pair is not None and country is not None and demonym_country(pair.group(1)) \
                and (pair.group(2) in STATE_NOUNS or pair.group(2) in STATE_ACTS):
            # "Nigerian and Ghanaian police", "Saudi and Emirati jets": each state acts
            found.append(ActorMention(dem_start, dem_start + len(dem), country.name, dem, "country", None, code))
            continue
        if len(rest) > 1 and rest[0] in STATE_ADJECTIVES and rest[1] in STATE_NOUNS and country is not None:
            # "French foreign ministry", "Russian defence officials": the state too
            written = f"{dem} {rest[0]} {rest[1]}"
            if text.startswith(written, dem_start):
                found.append(ActorMention(dem_start, dem_start + len(written), body_label(written, country.name),
                                          written, "country",
                                          None, code))
        elif rest and rest[0] in STATE_NOUNS | {"representatives", "negotiators"} and country is not None:
            noun_end = run_end + len(tail.group(0)) - len(tail.group(0).lstrip()) + len(rest[0])
            found.append(ActorMention(dem_start, noun_end, body_label(text[dem_start:noun_end], country.name),
                                      text[dem_start:noun_end], "country", None,
                                      code))
        elif rest and rest[0] in STATE_ACTS and country is not None and text.startswith(dem, dem_start):
            # "the Swedish investigation", "Russian shelling": the state acting; the noun may be the trigger
            found.append(ActorMention(dem_start, dem_start + len(dem), country.name, dem, "country", None, code))
        elif rest and rest[0] in GROUP_NOUNS:
            kept = rest[:2] if len(rest) > 1 and rest[1] in GROUP_NOUNS else rest[:1]
            written = " ".join([dem, *kept])
            if text.startswith(written, dem_start):
                found.append(ActorMention(dem_start, dem_start + len(written), written, written, "group", None, code))
        elif dem.endswith("s") and demonym_country(dem[:-1]):   # "Palestinians", "Israelis"
            found.append(ActorMention(dem_start, run_end, dem, dem, "group", None, code))
    low = low_text
    starts = _noun_starts(low)
    for noun in COMMON_GROUPS:
        next_at = 0
        for at in starts.get(noun, ()):
            if at < next_at:
                continue
            after = next_at = at + len(noun)
            if (at == 0 or not low[at - 1].isalnum()) and (after == len(low) or not low[after].isalnum()) \
                    and not (text[at].isupper() and NAME_GOES_ON_RE.match(text, after)):
                found.append(ActorMention(at, after, noun, text[at:after], "group", None, None))
    for noun in INSTITUTIONS:   # "the health commission said", "provincial authorities": an institution unnamed
        next_at = 0
        for at in starts.get(noun, ()):
            if at < next_at:
                continue   # inside the field read after the one before: "the ministry of ... ministry"
            after = next_at = at + len(noun)
            if (at == 0 or not low[at - 1].isalnum()) and (after == len(low) or not low[after].isalnum()):
                m = INSTITUTION_HEAD_RE.search(text, max(0, at - 40), at)
                begin = m.start() if m else at
                while begin < at and text[begin].isspace():
                    begin += 1   # a paragraph's break before "Authorities" is no part of its name
                while begin < at and text[begin:text.index(" ", begin)] in COMMON_CAPITALS:
                    begin = text.index(" ", begin) + 1   # "Two Hamas officials", "The commission"
                state = _state_of(text[begin:at], noun, gaz) if begin < at else _state_in(text, after, noun, gaz)
                if state is not None:   # "the US government", "Kenya's health ministry": the state acting
                    found.append(ActorMention(begin, after, state.name, text[begin:after], "country", None,
                                              state.country_code))
                elif begin < at or noun in ("officials", "authorities") or (
                        field := _FIELD_RE.match(low, after)) is not None and noun in ("ministry", "department") \
                        and text[at].islower():
                    if begin == at and noun in ("ministry", "department"):
                        after = next_at = field.end()   # "the ministry of health said": the office and its field
                    found.append(ActorMention(begin, after, text[begin:after], text[begin:after], "organisation",
                                              None, None))
    for k, a in enumerate(found):   # "Democratic lawmakers", "Conservative MPs": the party's members
        first, _, rest = a.written.partition(" ")
        if first in PARTY_MEMBERS and (rest in ("MPs", "MEPs", "MSPs") or not rest and a.kind in (
                "organisation", "group") and (tail := REST_RE.match(text, a.end)) is not None
                                            and tail.group(0).split()[0] in MEMBER_NOUNS):
            found[k] = replace(a, name=PARTY_MEMBERS[first], kind="group")
    found = join_member_nouns(text, found)
    found.sort(key=lambda a: (a.start, -a.end))
    out: list[ActorMention] = []
    for a in found:   # a run and a demonym phrase may overlap: the first, longer one stays
        if out and a.start < out[-1].end:
            if a.end - a.start > out[-1].end - out[-1].start:
                out[-1] = a
            continue
        if out and a.kind == "person" and out[-1].kind == "country" and text[out[-1].end:a.start] == " " \
                and out[-1].written.split()[-1].lower() in ROLE_WORDS:
            # "Chinese leader Xi Jinping": the person, of that country, in that role; not the state beside them
            c = out[-1]
            out[-1] = replace(a, start=c.start, written=text[c.start:a.end], role=a.role or c.written.split()[-1].lower(),
                              country_code=a.country_code or c.country_code)
            continue
        if out and out[-1].kind != "group" and OF_RE.fullmatch(text, out[-1].end, a.start):
            if a.kind == "person" and out[-1].kind == "organisation":
                out[-1] = a   # "Army Chief of Staff Gen. Ana Ruiz": a title's words, the person named at its end
            elif a.kind == "organisation" == out[-1].kind:   # a reader may name either body: both are its name
                name = text[out[-1].start:a.end]
                out[-1] = replace(out[-1], end=a.end, name=name, written=name,
                                  country_code=out[-1].country_code or a.country_code)
            continue   # "the Bureau of Labor Statistics of the U.S. Department of Labor": one actor
        out.append(a)
    if "the country" in low or " group" in low or " movement" in low:
        out = _definite_referents(text, out)
    line = find_dateline(text) if dateline is False else dateline
    if line is not None:   # "KABUL, Afghanistan (AP) —": where the story was filed, not who acted in it
        out = [a for a in out if a.start >= line.body_start]
    return holders_named(text, member_phrases(text, _expand_acronyms(text, out)))   # "Observers from the Union of"


# where a common group's or an institution's noun starts a word (after no letter or digit, as ``isalnum`` reads
# it): one scan of the text instead of a str.find per noun (some 75 scans). A str.find loop skips what lies
# inside the occurrence before, but no noun occurs again at a word start inside itself: the same starts
_NOUNS = frozenset(COMMON_GROUPS) | frozenset(INSTITUTIONS)
_NOUN_START_RE = re.compile(rf"[{''.join(sorted({n[0] for n in _NOUNS}))}](?<![^\W_].)(?<=(?={trie_pattern(_NOUNS)}).)")


def _noun_starts(low: str) -> dict[str, list[int]]:
    """Noun -> the offsets in ``low`` (the lower-cased text) where it starts a word, in text order."""
    out: dict[str, list[int]] = {}
    for m in _NOUN_START_RE.finditer(low):
        at = m.start()
        for noun in _NOUNS_BY_HEAD[low[at:at + 2]]:
            if low.startswith(noun, at):
                out.setdefault(noun, []).append(at)
    return out


_NOUNS_BY_HEAD: dict[str, tuple[str, ...]] = {}
for _noun in sorted(_NOUNS):
    _NOUNS_BY_HEAD[_noun[:2]] = (*_NOUNS_BY_HEAD.get(_noun[:2], ()), _noun)


# no person is where something happens: "killed in Khan Younis", "clashes near Tal Afar"
_PLACE_BEFORE_RE = re.compile(r"\b(?:in|near|outside|inside|around|across)\s+(?:the\s+)?$")
# "the country's military", "the Palestinian militant group": a description of a country or a group named before
_COUNTRY_REFERENT_RE = re.compile(r"\b[Tt]he country(?:['’]s)?\s+(?:[a-z]+\s+)?(?=(?:%s)\b)" % "|".join(sorted(STATE_NOUNS)))
_GROUP_WORDS = frozenset({"group", "movement", "organisation", "organization", "faction"})


def _definite_referents(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """``mentions`` with "the country's" (a country's body or act) as the country named last, and a group
    described by its demonym and kind after "the" ("the Palestinian militant group") as the group named last
    (Hamas, the Taliban), each at most 2,000 characters before."""
    out = list(mentions)
    for m in _COUNTRY_REFERENT_RE.finditer(text):
        k = bisect.bisect_left([a.start for a in out], m.start())
        if k < len(out) and out[k].start < m.end():
            continue   # taken by a longer name
        country = next((a for a in reversed(out[:k]) if a.kind == "country" and m.start() - a.start < 2000), None)
        if country is not None:
            name = state_name(country.name)
            out.insert(k, ActorMention(m.start() + 4, m.start() + 11, name, name, "country", None,
                                       country.country_code))
    for k, a in enumerate(out):
        if a.kind == "group" and a.written.split()[-1].lower() in _GROUP_WORDS \
                and text[max(0, a.start - 4):a.start] in ("the ", "The "):
            named = next((b for b in reversed(out[:k]) if b.kind == "group" and b.name in GROUPS
                          and a.start - b.start < 2000), None)
            if named is not None:
                out[k] = replace(a, name=named.name, written=named.name, kind="group")
    return out


_FIELD_RE = re.compile(r" of (?:the )?(?:health|defen[cs]e|interior|foreign affairs|finance|justice|education"
                       r"|agriculture|environment|energy|trade|labou?r|transport|information|home affairs|public health)\b")


def _state_of(head: str, noun: str, gaz: Gazetteer):
    """The country whose government, authorities or officials ``head`` names them ("US", "Kenya's health"):
    "the US government" -> United States, as "Israeli forces" -> Israel; else None."""
    if noun not in ("government", "authorities", "officials"):
        return None   # a named office keeps its words: "Kenya's health ministry"
    words = head.split()
    caps = [w for w in words if w[:1].isupper()]
    if not caps or len(caps) > 3 or words[:len(caps)] != caps or not all(
            w.lower() in STATE_ADJECTIVES for w in words[len(caps):]):
        return None
    name = TRAILER_RE.sub("", " ".join(caps)).removeprefix("The ")
    if name not in gaz or name in COMMON_CAPITALS:
        return None
    place = gaz.resolve(name)
    return gaz.country(place.country_code) if place is not None and place.kind == "country" else None


# "authorities in (western) Mongolia", "officials in Nigeria": the state of the country named after them
_IN_COUNTRY_RE = re.compile(r" in (?:the )?(?:(?:north|south|east|west|central)[a-z-]*\s+)?"
                            r"(?P<c>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2})")


def _state_in(text: str, after: int, noun: str, gaz: Gazetteer):
    """The country whose authorities, officials or government ``text[after:]`` places them in ("authorities
    in western Mongolia" -> Mongolia, as "Mongolian authorities" -> Mongolia); else None."""
    if noun not in ("government", "authorities", "officials") or not text.startswith(" in ", after):
        return None
    m = _IN_COUNTRY_RE.match(text, after)
    if m is None:
        return None
    name = TRAILER_RE.sub("", m.group("c"))
    while name not in gaz and " " in name:   # "in Nigeria On Monday": the longest name the gazetteer holds
        name = name.rsplit(" ", 1)[0]
    place = gaz.resolve(name) if name in gaz and name not in COMMON_CAPITALS else None
    return gaz.country(place.country_code) if place is not None and place.kind == "country" else None


def _expand_acronyms(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """An acronym stands for the organisation it abbreviates, named before or after it (``processors.acronyms``);
    the two are one actor, named by both ("Rapid Support Forces (RSF)"), as a reader may know either."""
    names = full_names(text, [(a.start, a.written) for a in mentions if a.kind in ("organisation", "group")
                              and a.written not in NEWS_AGENCIES and ACRONYM_RE.fullmatch(a.written)
                              and (a.kind == "organisation" and a.written not in KNOWN_GROUPS
                                   or f"({a.written})" in text)   # a group's only where the text defines it
                              and len(a.written.replace("&", "").replace(".", "")) >= 2])
    if not names:
        return mentions
    short = {names[a.start]: a.written for a in mentions if a.start in names}   # full name -> acronym
    spans = defined_spans(text, mentions, names)
    out = []
    for a in mentions:
        span = next((s for s in spans if a.start < s[1] and a.end > s[0]), None) if spans else None
        if span is not None:   # a run inside the name the brackets define: "Support Mission in Libya (UNSMIL)"
            if out and out[-1].end == span[1]:
                continue
            label = f"{span[2]} ({short[span[2]]})"
            out.append(ActorMention(min(a.start, span[0]), span[1], label, label, "organisation", None, None))
            continue
        full = names.get(a.start) or (a.written if a.written in short else None)
        if full is not None:
            label = f"{full} ({short[full]})"
            named = next((s for s in spans if 0 < a.start - s[1] <= 2 and not (out and out[-1].end >= s[0])), None)
            # "Group for the Support of Islam and Muslims (JNIM)" with no run of the name taken: the name and its
            # brackets are the one mention, the subject of the verb after them, not an aside
            a = replace(a, name=label, written=label, start=named[0] if named else a.start)
        elif a.name in short:   # "Rapid Support Forces fighters": the group by its name
            a = replace(a, name=f"{a.name} ({short[a.name]})")
        out.append(a)
    return out

