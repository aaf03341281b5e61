"""One article, annotated once: the layers every figure and event rule reads.

A :class:`Document` holds an article's text and publication date and computes each layer the first
time a rule asks for it, then keeps it (like a small spaCy ``Doc``); no layer is computed twice, and
no rule scans the text for something a layer already holds. Each layer has one producer, tested on
its own (``tests/processors/test_<layer>.py``):

=================  =================================================  ==================================
layer              what it holds                                      producer
=================  =================================================  ==================================
``sentences``      sentence spans with their paragraph                ``sentences.split_sentences``
``dateline``       the release's date line ("LIMA, March 4 (Reuters)  ``dateline.find_dateline``
                   -"), its date, and the reference date relative
                   dates resolve against
``times``          time expressions of each sentence, resolved        ``dates.find_time_expressions``
``numbers``        number tokens (scale, currency, percent attached)  ``numbers.find_numbers``
``names``          runs of capitalised words (the name tokens)        ``place_names.name_spans``
``places``         place mentions, resolved in the gazetteer          ``places.ArticlePlaces``
``actors``         actor mentions: people, groups, states, bodies     ``actors.find_actors``
``attributions``   who says so, per sentence; quotes and speakers     ``sentences.attributions``,
                                                                      ``figure_sources.quote_speakers``
``triggers``       event triggers naming a happening, per sentence    ``event_triggers.find_triggers``,
                                                                      ``event_happenings.happenings``
=================  =================================================  ==================================

The assemblers read layers and never the raw text for what a layer knows: ``figures.find_figures``
(numbers, times, attributions), ``events.find_events`` (triggers, times, dateline) and
``scenes.situate`` (places, actors) for the where and who of both.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import cached_property

from newswire.processors.actors import ActorMention, find_actors
from newswire.processors.dateline import Dateline, dateline_date, find_dateline
from newswire.processors.dates import TimeExpr, as_date, find_time_expressions
from newswire.processors.event_happenings import happenings
from newswire.processors.event_triggers import find_triggers
from newswire.processors.figure_sources import quote_speakers
from newswire.processors.lexicon import is_disease_text
from newswire.processors.numbers import NumberToken, find_numbers
from newswire.processors.place_names import name_spans
from newswire.processors.places import ArticlePlaces
from newswire.processors.sentences import Attribution, Sentence, attributions, split_sentences
from newswire.processors.word_scans import folded_once

__all__ = ["Document"]


class Document:
    """An article's text and publication date, and its annotation layers, each computed once."""

    def __init__(self, text: str, published: dt.date | dt.datetime | None = None):
        self.text = text
        self.published = published if isinstance(published, (dt.date, dt.datetime)) else None
        self._attributions: dict[int, list[Attribution]] = {}

    # ------------------------------------------------------------------ sentences

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.text)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence holding (or last starting before) ``pos``; 0 before the first."""
        return max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)

    # ------------------------------------------------------------------ dateline and time

    @cached_property
    def dateline(self) -> Dateline | None:
        return find_dateline(self.text)

    @cached_property
    def dateline_date(self) -> str | None:
        """ISO date of the dateline's date, if it has one."""
        return dateline_date(self.text, self.published, line=self.dateline)

    @cached_property
    def reference(self) -> dt.date | dt.datetime | None:
        """What relative dates resolve against: the dateline's date where the text opens with one (a
        release is often put on the web days after its date line), else the publication date."""
        if self.dateline_date is None:
            return self.published
        day = dt.date.fromisoformat(self.dateline_date)
        pub = as_date(self.published)
        return day if pub is None or day <= pub else self.published

    @cached_property
    def times(self) -> list[list[TimeExpr]]:
        """Each sentence's time expressions, in text order, resolved against :attr:`reference`."""
        ref = self.reference
        return [find_time_expressions(self.text, s.start, s.end, ref) for s in self.sentences]

    # ------------------------------------------------------------------ numbers

    @cached_property
    def numbers(self) -> list[NumberToken]:
        return find_numbers(self.text)

    # ------------------------------------------------------------------ names, places, actors

    @cached_property
    def names(self) -> list[tuple[int, int]]:
        """Runs of capitalised words, read by both the place and the actor layer."""
        return name_spans(self.text)

    @cached_property
    def places(self) -> ArticlePlaces:
        return ArticlePlaces(self.text, self.sentences, spans=self.names, dateline=self.dateline)

    @cached_property
    def actors(self) -> list[ActorMention]:
        return find_actors(self.text, spans=self.names, dateline=self.dateline)

    @cached_property
    def actor_starts(self) -> list[int]:
        return [a.start for a in self.actors]

    # ------------------------------------------------------------------ attribution

    def attributions(self, index: int) -> list[Attribution]:
        """Who says so in sentence ``index`` (computed for the sentences that ask)."""
        found = self._attributions.get(index)
        if found is None:
            s = self.sentences[index]
            found = self._attributions[index] = attributions(self.text, s.start, s.end)
        return found

    def sentence_attributions(self, sentence: Sentence) -> list[Attribution]:
        return self.attributions(self.sentence_index(sentence.start))

    @cached_property
    def quotes(self) -> list[tuple[int, int, str]]:
        """(open, close, speaker) of each quotation whose speaker is named beside it."""
        return quote_speakers(self.text, self.sentences, self.sentence_attributions)

    # ------------------------------------------------------------------ events

    @cached_property
    def triggers(self) -> list[list[re.Match[str]]]:
        """Each sentence's event triggers that name a happening, one per happening."""
        text = self.text
        low = folded_once(text)   # the form the other word-start scans of this text read too
        return [happenings(text, s.start, find_triggers(text, s.start, s.end, low)) for s in self.sentences]

    # ------------------------------------------------------------------ the article as a whole

    @cached_property
    def disease_text(self) -> bool:
        """Whether the article is about a disease (its "cases" are patients)."""
        return is_disease_text(self.text)
