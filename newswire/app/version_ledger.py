"""Replay's versions by content, ordered by capture time (the rules are in ``newswire.app.history``'s
docstring and the README's replay section).

:class:`VersionLedger` numbers each replayed capture against the stored versions and this run's, and
remembers the articles whose captures came out of capture-time order; :meth:`VersionLedger.settle`
puts them right once everything is stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from newswire.feeds import StoredVersion, replay_version
from newswire.records import ArticleRecord
from newswire.storage.mapping import article_record
from newswire.storage.versions import article_rows, drop_versions


class VersionLedger:
    """The replay's versions: stored ones, those this run published, and the articles whose captures
    came out of capture-time order (to settle once everything is stored; see the module docstring)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.published: dict[str, list[StoredVersion]] = {}  # this run's new versions, by article
        self.out_of_order: set[str] = set()
        self.earlier: dict[tuple[str, str], datetime] = {}  # (article, text hash) -> an earlier capture

    def assign(self, record: ArticleRecord, stored: list[StoredVersion]) -> int | None:
        """The record's version number, or None when its text is a known version."""
        mine = self.published.get(record.article_id, [])
        known = stored + [v for v in mine if v.version not in {s.version for s in stored}]
        at = record.fetched_at
        version = replay_version(known, record.content_hash)
        if version is None:
            same = [v for v in known if v.content_hash == record.content_hash]
            if all(v.captured_at is not None and at < v.captured_at for v in same):
                key = (record.article_id, record.content_hash)
                self.earlier[key] = min(at, self.earlier.get(key, at))
                self.out_of_order.add(record.article_id)
            return None
        if any(v.captured_at is not None and (at, record.content_hash) < (v.captured_at, v.content_hash)
               for v in known):
            self.out_of_order.add(record.article_id)
        self.published.setdefault(record.article_id, []).append(
            StoredVersion(record.article_id, version, record.content_hash, at))
        return version

    def needed(self) -> bool:
        return bool(self.out_of_order)

    def settle(self) -> list[ArticleRecord]:
        """Delete the versions whose capture-time number or capture time changed; their records to publish."""
        republish: list[ArticleRecord] = []
        for aid in sorted(self.out_of_order):
            rows = article_rows(self.engine, aid)
            first: dict[str, datetime] = {}  # text -> its earliest capture, stored or seen in this run
            for row in rows:
                seen = self.earlier.get((aid, row.content_hash), row.fetched_at)
                first[row.content_hash] = min(first.get(row.content_hash, seen), row.fetched_at, seen)
            ordered = sorted(rows, key=lambda row: (first[row.content_hash], row.content_hash, row.version))
            moved = [(number, row) for number, row in enumerate(ordered, 1)
                     if row.version != number or row.fetched_at != first[row.content_hash]]
            if not moved:
                continue
            records = []
            for number, row in moved:
                update = {"version": number, "fetched_at": first[row.content_hash]}
                if row.published_at is not None and row.published_at == row.fetched_at:  # dated by its capture
                    update.update(published_at=first[row.content_hash], date_source="capture")
                records.append(article_record(row).model_copy(update=update))
            drop_versions(self.engine, aid, [row.version for _, row in moved])
            republish.extend(records)
        self.out_of_order.clear()
        self.earlier.clear()
        return republish
