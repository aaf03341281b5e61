"""What polling reports: each poll's :class:`PollResult`, and the :class:`PollStats` counted since start."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal


@dataclass
class PollStats:
    """Counters since start, for the status line and metrics."""

    feeds_polled: int = 0
    not_modified: int = 0  # 304s, and bodies unchanged since the last parse
    bodies_unchanged: int = 0  # of those, the 200s whose body hashed the same (not parsed again)
    feed_errors: int = 0
    entries_new: int = 0
    articles_published: int = 0
    articles_unchanged: int = 0
    errors: Counter = field(default_factory=Counter)  # reason -> count, feeds and pages

    def as_status(self) -> dict:
        """The ingest stage's counters in its status file (``dead_letters`` repeats ``errors``: each
        failure ingest counts is published as a dead letter)."""
        return {
            "feeds_polled": self.feeds_polled,
            "not_modified": self.not_modified,
            "feed_errors": self.feed_errors,
            "entries_new": self.entries_new,
            "articles_published": self.articles_published,
            "errors": sum(self.errors.values()),
            "dead_letters": sum(self.errors.values()),
            "errors_by_reason": dict(self.errors),
            "articles_cleaned": self.articles_published + self.articles_unchanged,
        }

    def status_line(self) -> str:
        errors = " ".join(f"{reason}={count}" for reason, count in self.errors.most_common(5)) or "none"
        return (f"feeds polled {self.feeds_polled} ({self.not_modified} not modified, {self.feed_errors} failed) | "
                f"entries new {self.entries_new} | articles published {self.articles_published} | errors: {errors}")


@dataclass(frozen=True)
class PollResult:
    feed_url: str
    status: Literal["ok", "not_modified", "error"]
    next_poll_at: datetime
    entries: int = 0  # entries in the feed (after parse's cap)
    new_entries: int = 0  # entries whose page was fetched
    published: int = 0
    error: str | None = None  # the feed's failure, when status == "error"
    page_errors: tuple[str, ...] = ()  # reasons of the pages that failed
