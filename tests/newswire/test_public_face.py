"""What ``import newswire`` offers an embedding program: pinned, so a change to it is a decision."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest

import newswire

PUBLIC = {
    # records, their base, and the wire format
    "ArticleRecord", "FigureRecord", "EventRecord", "ExtractionRecord", "DeadLetterRecord", "FeedRecord", "Record",
    "encode", "decode",
    # topics
    "Topic", "TOPICS", "ARTICLES", "FIGURES", "EVENTS", "EXTRACTIONS", "DEADLETTER", "FEEDS",
    # configuration, the error tree and the dead-letter reasons
    "Settings", "NewswireError", "ConfigError", "BrokerError", "SchemaOutOfDate", "BadRecord", "FetchError",
    "TransientFetchError", "PermanentFetchError", "PipelineStopped", "NotStoredInTime", "DEAD_LETTER_REASONS",
    # the extractor alone, and the version
    "extract", "__version__",
}


def test_the_exported_names_are_pinned():
    assert set(newswire.__all__) == PUBLIC
    assert len(newswire.__all__) == len(PUBLIC)  # no name twice


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_exported_name_resolves(name):
    assert getattr(newswire, name) is not None


def test_the_face_is_the_modules_own_objects():
    from newswire.errors import NewswireError
    from newswire.processors.extract import extract
    from newswire.records import FigureRecord, decode
    from newswire.topics import FIGURES

    assert (newswire.NewswireError, newswire.FigureRecord, newswire.decode, newswire.FIGURES, newswire.extract) == (
        NewswireError, FigureRecord, decode, FIGURES, extract)
    assert issubclass(newswire.BadRecord, newswire.NewswireError)
    assert issubclass(newswire.TransientFetchError, newswire.FetchError)
    # replay's two ways to fail stay what callers caught before the tree named them
    assert issubclass(newswire.PipelineStopped, RuntimeError) and issubclass(newswire.NotStoredInTime, TimeoutError)
    assert all(issubclass(t.record, newswire.Record) for t in newswire.TOPICS.values())
    with pytest.raises(AttributeError):
        newswire.no_such_name  # noqa: B018


def test_version_is_the_installed_distributions():
    assert newswire.__version__ == metadata.version("newswire")


def test_a_subscriber_decodes_and_an_embedder_extracts():
    figure = newswire.FigureRecord(
        figure_id="f1", article_id="a" * 64, article_version=1, value=3, text="three", start=0, end=5,
        unit="people", category="killed", sentence="three people were killed", sentence_start=0,
        extractor_version="1")
    assert newswire.decode(newswire.FigureRecord, newswire.encode(figure)) == figure
    with pytest.raises(newswire.BadRecord):
        newswire.decode(newswire.FigureRecord, b'{"schema_version": 99}')
    found = newswire.extract("Three people were killed in the flood on Monday.", None)
    assert [(f.value, f.category) for f in found.figures] == [(3.0, "killed")]


def test_importing_newswire_does_not_load_the_extractor_or_the_app():
    code = ("import sys, newswire; print(sorted(m for m in sys.modules if m.startswith(('newswire.processors', "
            "'newswire.app', 'newswire.ingest', 'newswire.storage'))))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"
