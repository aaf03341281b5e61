"""A feed to follow, as a feed list names it (read by ``feedlist`` and ``opml``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FeedSpec:
    url: str
    title: str | None = None
