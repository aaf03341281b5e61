"""Places named in an article, resolved in the gazetteer, and the place of each event and figure.

``processors.place_names`` finds the runs of capitalised words; inside each run the longest word
sequences the gazetteer knows are place mentions, unless the run says otherwise:

- months, weekdays, demonyms, titles and known groups are never places ("May", "Israeli", "Hamas");
- a place inside a person's name ("Jackson" in "Michael Jackson", anything after "President") is not one;
- a place followed by an organisation's word ("New York Police Department") only qualifies that
  organisation: a *weak* mention, used when nothing better is near;
- a single-word city is only taken where the text uses it as a place: after "in/at/near/from/..."
  ("locative"), before ", <country>", in the dateline, as a city of a million people, or where the
  same name is used as a place elsewhere in the article ("Reading" the town, not "Reading the report").

Besides the gazetteer's names, places are: streets and addresses ("near 9th Street", "at 12 Elm Place"),
venues and settlements before a lower-case head ("the Larkfield facility", "the Ein Tamar settlement"),
"the county of X", a demonym's capital ("the Afghan capital"), and a national legislature, which names
its capital ("the Senate", "a House committee", as "the White House" names Washington). A place the
gazetteer lacks resolves to the place that holds it (:meth:`ArticlePlaces.resolved`).

After "in", a short capitalised name the gazetteer lacks that ends its phrase is a place too ("a landslide
in Tarnak Bala on Tuesday", ``processors.place_unknown``).

Ambiguous names resolve by the article's countries (named, by demonym, the dateline's) and then population.
:meth:`ArticlePlaces.place_for` gives an event's or figure's place: for an attack, a capture or a win, the place
its verb takes as object ("seized Goma", ``place_objects``), else a place inside its noun phrase ("the Osun State
governorship election"), else the acting state's country where its clause names no place (or a finer place there
the paragraph or dateline gives, ``place_home``), else the sentence's locative place nearest the word (the first
after it, else the last before it, a city preferred to its country), else a state or country owning its subject
("California's regulators"), else a town of the dateline's country named in the sentence ("Tarvos has been cut
off"), else the paragraph's last locative place before it, else the dateline (the country or state the story is
about where that holds the dateline: "ANKARA - ... prices rose" happened in Turkey; for a fight's acts, the
lede's scene, ``place_scene``), else a demonym's country before a domestic institution ("the Swedish
investigation"), else a city in the sentence, else a country or organisation's place in it, else the last place
named as a place before it, else the article's most named place. Statements take where they were said ("said in
Doha"), the speaker's own place, or the dateline (``place_statements``).
"""

from __future__ import annotations

import bisect
import dataclasses
from typing import Sequence

from newswire.processors.dateline import Dateline, find_dateline
from newswire.processors.gazetteer import Gazetteer, Place, gazetteer, normalise
from newswire.processors.nations import demonym_country
from newswire.processors.place_anaphors import feature_again, named_again
from newswire.processors.place_context import carried_place, names_a_topic, nationwide, the_state
from newswire.processors.place_home import background, home_place, national_response
from newswire.processors.place_lead import finer_in_next_sentence, is_wide, national_vote, spreads
from newswire.processors.place_clauses import about_something_else, goes_on, next_clause_between
from newswire.processors.place_mentions import (PlaceMention, capitals, city_forms, described_places, in_list,
                                                 legislatures, region_after, regions)
from newswire.processors.place_objects import ACTS_ON_PLACES, ATTACKED_RE, OWNS_NEXT_RE, WIDESPREAD, object_place
from newswire.processors.place_particles import article_names
from newswire.processors.place_scene import SCENE_KINDS, lede_scene, town_named
from newswire.processors.place_statements import SEAT_ACTS, declares_over, published_at, said_at
from newswire.processors.place_unknown import named_after_in
from newswire.processors.place_words import (ARTICLE_BEFORE_RE, COUNTIES_RE, DOMESTIC_RE, HELD_IN_RE, LIST_GAP_RE,
                                             NOT_HELD_IN_RE, NOT_IN_NOUN_PHRASE, NOUN_PHRASE_GAP_RE, PAIR_HEAD_RE,
                                             PEOPLE_AFTER_RE, PREMODIFIER_RE, SHARED_HEAD_RE)
from newswire.processors.place_names import candidates, is_locative, name_spans
from newswire.processors.sentences import Sentence

__all__ = ["ArticlePlaces", "PlaceMention", "find_places"]


class ArticlePlaces:
    """The place layer of one article: every place mention, resolved, and the dateline's place."""

    def __init__(self, text: str, sentences: Sequence[Sentence], gaz: Gazetteer | None = None,
                 spans: Sequence[tuple[int, int]] | None = None, dateline: Dateline | None | bool = False):
        """``spans``: the ``NAME_RE`` matches of ``text``, ``dateline`` its dateline, if already found."""
        self._gaz = gaz = gaz or gazetteer()
        self.text = text
        spans = name_spans(text) if spans is None else spans
        self.sentences = sentences
        self._starts = [s.start for s in sentences]
        line = find_dateline(text) if dateline is False else dateline
        cands = candidates(text, gaz, spans)
        # locative use, lists of places ("in Mumbai, Delhi and Kolkata"), "City, Country"
        for k, c in enumerate(cands):
            c.locative = (is_locative(text, c.start) or bool(ATTACKED_RE.search(text, max(0, c.start - 24), c.start))) \
                and not PREMODIFIER_RE.match(text, c.end)
            if not c.locative and k and cands[k - 1].locative and not cands[k - 1].weak:
                prev = cands[k - 1]
                c.locative = bool(LIST_GAP_RE.fullmatch(text, prev.end, c.start))
            if k and cands[k - 1].end < c.start and text[cands[k - 1].end] == "," and not text[cands[k - 1].end:c.start].strip(", \t"):
                prev = cands[k - 1]
                region = gaz.region(c.key, prev.key)
                if region is not None and gaz.candidates(prev.key)[0].kind == "city" \
                        and not in_list(text, prev.start, c.end, gaz):
                    c.absorbed = True   # "Atlanta, Georgia": the state of the city, not a place of its own
                    prev.hint = region.country_code
                    prev.region = region
                    prev.single_city_word = False
        context: set[str] = set()
        for c in cands:
            # "Louisville, Ky.": a region after the comma that the gazetteer has no key for
            if c.region is None and not c.absorbed and text.startswith(", ", c.end):
                region = region_after(text, c.end, gaz, c.key)
                if region is not None and not in_list(text, c.start, c.end + 8, gaz):
                    c.hint, c.region, c.single_city_word = region.country_code, region, False
            if COUNTIES_RE.match(text, c.end) and gaz.us_state(c.key) is not None:
                c.hint = "US"   # "three Georgia counties", "Georgia Gov. Jane Doe": a US state's
            top = gaz.candidates(c.key)[0]
            if top.kind in ("country", "state") and not c.absorbed:
                context.add(top.country_code)
            if c.hint:
                context.add(c.hint)
        self._named = set(context)   # countries the story names (or a city's), not only by its dateline
        for word in {w for a, b in spans for w in text[a:b].split()}:
            code = demonym_country(word)
            if code:
                context.add(code)
        # "the Swedish investigation", "Iranian police": a demonym before a country's own institution
        self._home: list[tuple[int, str]] = []
        for a, b in spans:
            if DOMESTIC_RE.match(text, b):
                code = demonym_country(text[a:b].rsplit(None, 1)[-1])   # "The Swedish": its last word
                if code and gaz.country(code) is not None:
                    self._home.append((a, code))
        self.dateline: PlaceMention | None = None
        if line is not None:
            region = gaz.region(line.region, line.place_name, context) if line.region else None
            region_code = region.country_code if region else None
            place = gaz.resolve_in(line.place_name, region) if region is not None else None
            place = place or gaz.resolve(line.place_name, {region_code} if region_code else context)
            if place is not None:
                self.dateline = PlaceMention(line.start, line.end, line.place_name, place, True, False, -1)
                context.add(place.country_code)
            elif line.place.isupper() or line.agency or region is not None:
                # "FORT LIBERTY, N.C. —", "Paradise, Calif. —": a dateline in capitals, with an agency, or with a
                # region we know is a place even where the gazetteer lacks it; it resolves to its region
                self.dateline = PlaceMention(line.start, line.end, line.place_name, region, True, False, -1)
                if region_code:
                    context.add(region_code)
        used_as_place = {c.key for c in cands if c.locative or c.hint}
        if self.dateline is not None:
            used_as_place.add(normalise(self.dateline.text))
        self.mentions: list[PlaceMention] = []
        for c in cands:
            if c.absorbed or (line is not None and c.start < line.body_start) or names_a_topic(text, c.end) \
                    or (c.single_city_word and (SHARED_HEAD_RE.match(text, c.end) or PAIR_HEAD_RE.match(text, c.end))):
                continue   # "in Harris and Galveston counties": a county of the town's name, not the town
            if c.single_city_word and c.key not in used_as_place:
                top = gaz.candidates(c.key)[0]
                if top.population < 1_000_000:
                    continue
            place = gaz.resolve_in(c.key, c.region) if c.region is not None else None
            if place is None and c.text.endswith(" State"):
                place = gaz.us_state(c.key)   # "Washington State"
            place = place or gaz.resolve(c.key, {c.hint} if c.hint else context)
            if place is None:
                continue
            sent = max(0, bisect.bisect_right(self._starts, c.start) - 1)
            self.mentions.append(PlaceMention(c.start, c.end, c.text, place, c.locative, c.weak, sent))
        self.mentions.extend(regions(self, text, spans, line.body_start if line else 0))
        if ", a" in text or ", the" in text:
            self.mentions.extend(described_places(self, text, spans, line.body_start if line else 0))
        if "capital" in text:
            self.mentions.extend(capitals(self, text, gaz))
        self.mentions.extend(legislatures(self, text, spans, gaz))
        self.mentions.extend(article_names(text, gaz, [(pm.start, pm.end) for pm in self.mentions],
                                           line.body_start if line else 0, self.sentence_of))
        forms = city_forms(self, text, spans, gaz, sorted(context), line.body_start if line else 0)
        if forms:   # "Mayfield, Ky.": the state is part of the form, not a mention of its own
            self.mentions = [pm for pm in self.mentions if not any(f.start <= pm.start < f.end for f in forms)]
            self.mentions.extend(forms)
        self.mentions.extend(named_after_in(self, text, spans, line.body_start if line else 0))
        self.mentions = sorted((dataclasses.replace(pm, locative=True, weak=False) if not pm.locative and pm.start
                                and ATTACKED_RE.search(text, max(0, pm.start - 24), pm.start) else pm
                                for pm in self.mentions), key=lambda pm: pm.start)   # "battered Sindh province"
        country_wide = nationwide(text, self.mentions, self.dateline, gaz.country, self.sentence_of) \
            + the_state(text, self.mentions, self.dateline, gaz.state_of, self.sentence_of) \
            + named_again(text, self.mentions, self.sentence_of) + feature_again(text, self.mentions, self.sentence_of)
        if country_wide:
            self.mentions = sorted(self.mentions + country_wide, key=lambda pm: pm.start)
        # per sentence: the last place named as a place earlier in its paragraph (found once, not per event)
        self._paragraph_place: list[PlaceMention | None] = []
        last: PlaceMention | None = None
        by_sentence: dict[int, list[PlaceMention]] = {}
        self._strong = [pm for pm in self.mentions if pm.locative and not pm.weak]
        for pm in self._strong:
            by_sentence.setdefault(pm.sentence, []).append(pm)
        for k, sent in enumerate(sentences):
            last = None if k and sent.paragraph != sentences[k - 1].paragraph else last
            self._paragraph_place.append(last)
            if k in by_sentence:
                last = carried_place(text, sent.start, by_sentence[k]) or last
        self._strong_starts = [pm.start for pm in self._strong]
        self._by_sentence: dict[int, list[PlaceMention]] = {}
        for pm in self.mentions:
            self._by_sentence.setdefault(pm.sentence, []).append(pm)
        # the article's main place: its most often named locative place (the first of equals)
        # (not counting "across the country" and "the state's": they name the setting again, not anew)
        wide = {id(pm) for pm in country_wide}
        named = [pm for pm in self.mentions if id(pm) not in wide] if wide else self.mentions
        self.lede = self.sentence_of(line.body_start if line else 0)   # the lede: the story's first sentence
        self.main = self._most_named([pm for pm in named if pm.locative and not pm.weak]) or self._most_named(named)

    def _holds_dateline(self, place: Place) -> bool:
        """True if the dateline's place lies within ``place`` (a country or a US state)."""
        line = self.dateline.place if self.dateline is not None else None
        if line is None or line.country_code != place.country_code:
            return False
        return place.kind == "country" or (place.kind == "state" and line.admin1 == place.admin1)

    def _setting(self, widespread: bool = False) -> PlaceMention | None:
        """The place of what the text gives no place for: the dateline's, or the country or state the story is about
        that holds it ("ANKARA - ... consumer prices rose": Turkey); for what spreads (``widespread``), the country
        of the main place ("GENEVA - ... cholera in Nampula ... the outbreak": Mozambique's), named in the story."""
        main = self.main.place if self.main is not None else None
        if main is not None and main.kind in ("country", "state") and self._holds_dateline(main):
            return self.main
        anchor = main or (self.dateline.place if self.dateline is not None else None)
        if widespread and anchor is not None and anchor.kind != "country":
            country = self._gaz.country(anchor.country_code)
            if country is not None and country.country_code in self._named:   # the story names it
                return PlaceMention(self.dateline.start, self.dateline.end, country.name, country, False, True, -1)
        return self.dateline

    @staticmethod
    def _most_named(mentions: list[PlaceMention]) -> PlaceMention | None:
        """The mention of the place named most often (the first of equals)."""
        counts: dict[str, int] = {}
        for pm in mentions:
            if pm.place is not None:
                counts[pm.place.gazetteer_id] = counts.get(pm.place.gazetteer_id, 0) + 1
        if not counts:
            return None
        best = max(counts.values())
        return next(pm for pm in mentions if pm.place is not None and counts[pm.place.gazetteer_id] == best)

    def resolved(self, pm: PlaceMention | None) -> Place | None:
        """The gazetteer place of ``pm``; for a place the gazetteer lacks ("the Ein Tamar settlement in the West
        Bank", "the county of Huade", "near 12th Street"), the place that holds it: the next place the sentence
        names ("in the West Bank") unless that is the dateline's country, else the dateline's place, else the
        article's main place, else the last place the sentence named before it."""
        if pm is None or pm.place is not None:
            return pm.place if pm is not None else None
        known = [m for m in self.in_sentence(pm.sentence) if m.place is not None]
        owner = next((m for m in known if m.end <= pm.start and OWNS_NEXT_RE.fullmatch(self.text, m.end, pm.start)), None)
        if owner is not None:   # "Somalia's Lower Shabelle region", "the West Bank city of Jenin"
            return owner.place
        after = [m for m in known if m.start >= pm.end]
        if after and not (after[0].place.kind == "country" and self._holds_dateline(after[0].place)) \
                and not NOT_HELD_IN_RE.search(self.text, pm.end, after[0].start):   # "on the border with Germany"
            return after[0].place
        for other in (self.dateline, self.main, known[-1] if known else None):
            if other is not None and other.place is not None:
                return other.place
        return None

    def in_sentence(self, index: int) -> list[PlaceMention]:
        return self._by_sentence.get(index, [])

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def place_for(self, start: int, end: int, sentence: int | None = None,
                  exclude: Sequence[tuple[int, int]] = (), statement: bool = False,
                  actor_country: Place | None = None, clause: tuple[int, int] | None = None,
                  kind: str | None = None) -> PlaceMention | None:
        """The place of what the words ``text[start:end]`` name (see :meth:`_place_for`); an event of the lede
        placed at a country or region takes the exact spot the next sentence gives (``processors.place_lead``)."""
        if sentence is None:
            sentence = self.sentence_of(start)
        chosen = self._place_for(start, end, sentence, exclude, statement, actor_country, clause, kind)
        if chosen is not None and chosen.place is not None and chosen.place.kind == "city" \
                and national_vote(self.text, start, kind) and (country := self._gaz.country(chosen.place.country_code)):
            return PlaceMention(chosen.start, chosen.end, country.name, country, False, True, sentence)
        # (only a place the lede puts the event in: not the country that acts, "Sweden dropped the inquiry")
        if sentence == self.lede and not statement and chosen is not None and chosen.locative \
                and is_wide(self.text, chosen) \
                and not spreads(self.text[start:end], kind):
            return finer_in_next_sentence(self.text, chosen, self.in_sentence(sentence + 1), self.resolved) or chosen
        return chosen

    def _place_for(self, start: int, end: int, sentence: int,
                  exclude: Sequence[tuple[int, int]] = (), statement: bool = False,
                  actor_country: Place | None = None, clause: tuple[int, int] | None = None,
                  kind: str | None = None) -> PlaceMention | None:
        """The place of what the words ``text[start:end]`` name (see the module's docstring).

        ``exclude``: spans of the event's actors, never its place ("Israel" in "Israel said");
        ``statement``: a statement's place is where it was made ("said in Doha", the dateline), not the
        places it talks about; ``actor_country``: the country of the one who acted ("Swedish
        prosecutors dropped ..." happened in Sweden), used when the text gives no nearer place;
        ``kind``: the event's type (an attack or a capture is done to the place its verb takes as object,
        "seized Goma"; an outbreak or a flood spreads over the country the story is filed from)."""
        here = [pm for pm in self.in_sentence(sentence) if not any(a <= pm.start < b for a, b in exclude)]
        strong = [pm for pm in here if pm.locative and not pm.weak]
        if statement:
            said = said_at(self.text, self.sentences[sentence].start if self.sentences else 0, start, end, here,
                           self._holds_dateline if self.dateline is not None else None)
            if said is not None:
                return said
            if self.dateline is not None and not (actor_country and declares_over(self.text, start, end)):
                return self.dateline   # made where filed, not across the country it is about (unless declared over it)
            if actor_country is not None:
                return PlaceMention(start, start, actor_country.name, actor_country, False, True, sentence)
        if not statement and (published := published_at(self.text, start, end, here, self.dateline, kind)) is not None:
            return published   # "results released by the commission": the body's statement, where filed
        if kind in ACTS_ON_PLACES and (target := object_place(self.text, here, end, kind == "win")) is not None:
            return target   # "rebels seized Goma", "Russia attacked Ukraine"
        # a place inside the event's noun phrase: "the Osun State governorship election", "Ohio's primary"
        before = [pm for pm in here if pm.end <= start]
        if before and start - before[-1].end < 40:
            pm = before[-1]
            gap = NOUN_PHRASE_GAP_RE.fullmatch(self.text, pm.end, start)
            word = self.text[start:end]
            if gap is not None and not word.endswith("ed") and not NOT_IN_NOUN_PHRASE & set(
                    self.text[gap.start():gap.end()].split()) and (gap.group("pos") or (
                    ARTICLE_BEFORE_RE.search(self.text, max(0, pm.start - 6), pm.start)
                    and not (word.endswith("s") and gap.end() - gap.start() < 2))):
                return pm
        if clause is not None and actor_country is not None:
            # the actor's own country ("Sweden has dropped ...") before a place named in another clause
            # ("Assange, who is in prison in London"), the paragraph's or the dateline's; a phrase that
            # goes on with the act ("Israel ended the truce, launching an offensive in Gaza") is its clause
            if not any(clause[0] <= pm.start < clause[1] or goes_on(self.text, end, pm.start) for pm in strong):
                return home_place(self, self._paragraph_place[sentence], kind, actor_country, start, bool(strong))
        # a place in a clause about something else ("because the suspect remained in London", "Although she
        # was born in Lyon, ...", "the singer, who lives in Paris") is the event's only where nothing else is
        first = self.sentences[sentence].start if self.sentences else 0
        others = [pm for pm in strong if about_something_else(self.text, first, start, end, pm.start, pm.end)]
        if others and len(others) < len(strong):
            strong = [pm for pm in strong if pm not in others]
        elif others:
            here = [pm for pm in here if pm not in others]
            strong = []
        if strong:
            after = [pm for pm in strong if pm.start >= end]
            chosen = after[0] if after else strong[-1]
            if not after:   # "stormed a village near Kadugli in South Kordofan state": the finer of a chain
                k = len(strong) - 1
                while k and HELD_IN_RE.fullmatch(self.text, strong[k - 1].end, strong[k].start) and (
                        strong[k - 1].place is None or strong[k - 1].place.kind != "country"):
                    k -= 1
                chosen = strong[k]
            # "in Kabul's Dasht-e-Barchi district": the part the place's possessive names is the finer place
            chosen = next((pm for pm in strong if self.text[chosen.end:pm.start] in ("'s ", "’s ")), chosen)
            if after and clause is not None and next_clause_between(self.text, end, after[0].start):
                # "Stocks in Tokyo fell, while markets in New York rose": the place of the act's own clause
                # before the place of the next clause
                own = [pm for pm in strong if clause[0] <= pm.start and pm.end <= start]
                if own:
                    chosen = own[-1]
            if chosen.place is not None and chosen.place.kind == "country":
                finer = [pm for pm in strong if (pm.place is None or pm.place.kind != "country")
                         and getattr(self.resolved(pm), "country_code", None) == chosen.place.country_code
                         and not next_clause_between(self.text, end, pm.start)]   # not another clause's city
                if finer:
                    chosen = min(finer, key=lambda pm: abs(pm.start - start))
            return chosen
        # a state or country that owns the event's subject, before it: "California's regulators are demanding",
        # "China's Shanghai Composite slumped" (unless the dateline is a place within it: a finer place; but a
        # state's own body, "Ohio's regulators", acts across the state wherever the story is filed)
        owners = [pm for pm in here if not pm.locative and pm.end <= start and pm.place is not None
                  and pm.place.kind in ("state", "country") and (not self._holds_dateline(pm.place)
                                                                  or self.text.startswith(("'s ", "’s "), pm.end))
                  and not PEOPLE_AFTER_RE.match(self.text, pm.end)]   # "US President Jane Doe": a title
        if owners and (kind not in SCENE_KINDS or lede_scene(self, kind) is None):   # a fight's acts: at its scene
            return owners[-1]
        if (town := town_named(here, self.dateline, start)) is not None:   # "Tarvos has been cut off"
            return town
        if 0 <= sentence < len(self._paragraph_place) and self._paragraph_place[sentence] is not None:
            return self._paragraph_place[sentence]
        if self.dateline is not None:   # a fight's follow-up acts: at its scene (``processors.place_scene``)
            past = background(self.text, start)   # history or a running tally: the country's, not the desk's
            return (None if past else lede_scene(self, kind)) or (self.dateline if kind in SEAT_ACTS and not past
                                                                   else self._setting(kind in WIDESPREAD or past))
        # a country's own institution acts at home: "the Swedish investigation was dropped", "Iranian police
        # detained" (before the word, in its sentence)
        i = bisect.bisect_left(self._home, (self.sentences[sentence].start, "")) if self.sentences else 0
        home = [code for at, code in self._home[i:] if at < start]
        if home:
            country = self._gaz.country(home[-1])
            return PlaceMention(start, start, country.name, country, False, True, sentence)
        cities = [pm for pm in here if not pm.weak and pm.place is not None and pm.place.kind != "country"]
        if cities:
            return min(cities, key=lambda pm: abs(pm.start - start))
        if actor_country is not None:
            return PlaceMention(start, start, actor_country.name, actor_country, False, True, sentence)
        if here:
            return min(here, key=lambda pm: (pm.weak, abs(pm.start - start)))
        # the last place the story named as a place before this sentence (rather than one of a clause about
        # something else: "The executive, who lived in Lyon, was convicted"), else that clause's, else the main place
        i = bisect.bisect_left(self._strong_starts, self.sentences[sentence].start) if self.sentences else 0
        if i:   # (a response to a disaster with no place of its own: the country's, ``place_home``)
            return national_response(kind, self._strong[i - 1], self._gaz.country)
        return min(others, key=lambda pm: abs(pm.start - start)) if others else self.main


def find_places(text: str, sentences: Sequence[Sentence]) -> ArticlePlaces:
    """The place layer of ``text`` (its sentences from ``processors.sentences.split_sentences``)."""
    return ArticlePlaces(text, sentences)
