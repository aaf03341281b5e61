"""Store the Karvania story as the sink would: articles, the real extractor's figures and events, markers."""

from __future__ import annotations

from newswire.ids import article_id, content_hash
from newswire.processors.results import build_results
from newswire.processors.extract import EXTRACTOR_VERSION, extract
from newswire.records import ArticleRecord, ExtractionRecord
from newswire.storage.writer import RecordWriter

from tests.processors import karvania


def records_of(piece) -> list:
    article = ArticleRecord(article_id=article_id(piece.url), url=piece.url, canonical_url=piece.url,
                            title=piece.title, site=piece.site, text=piece.text, content_hash=content_hash(piece.text),
                            published_at=piece.published_at, fetched_at=piece.published_at)
    figures, events = build_results(article, extract(article.text, article.published_at))
    return [article, *figures, *events, ExtractionRecord(
        article_id=article.article_id, article_version=1, extractor_version=EXTRACTOR_VERSION,
        figures=len(figures), events=len(events))]


def store(engine, pieces) -> None:
    RecordWriter(engine).write([r for p in pieces for r in records_of(p)])


def ids() -> dict[str, str]:
    """Piece key -> article_id."""
    return {p.key: article_id(p.url) for p in karvania.pieces()}
