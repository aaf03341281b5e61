"""robots.txt for article pages (RFC 9309): what a site lets us fetch, and how slowly it asks us to go.

Fetching robots.txt is ``ingest.fetch``'s job; this module parses what came back and answers from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

ROBOTS_MAX_BYTES = 512 * 1024  # Google's limit; a longer robots.txt is ignored (allow).
ROBOTS_TTL_S = 3600.0
ROBOTS_RETRY_S = 300.0  # a robots.txt that answered 5xx/timeout is asked again after this
CRAWL_DELAY_CAP_S = 30.0  # a Crawl-delay beyond this is taken as this (one page every 30 s is still polite)


@dataclass
class Robots:
    """One site's rules until ``expires_at`` (``time.monotonic()``); ``parser`` None: unavailable."""

    parser: RobotFileParser | None
    expires_at: float

    @classmethod
    def parsed(cls, origin: str, body: bytes, now: float) -> "Robots":
        parser = RobotFileParser(f"{origin}/robots.txt")
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return cls(parser, now + ROBOTS_TTL_S)

    @classmethod
    def allow_all(cls, origin: str, now: float) -> "Robots":
        """A 4xx (or unusable) robots.txt: no rules, per RFC 9309."""
        parser = RobotFileParser(f"{origin}/robots.txt")
        parser.allow_all = True
        return cls(parser, now + ROBOTS_TTL_S)

    @classmethod
    def unavailable(cls, now: float) -> "Robots":
        """5xx or unreachable: RFC 9309 says assume disallowed for now, not allowed."""
        return cls(None, now + ROBOTS_RETRY_S)

    def expired(self, now: float) -> bool:
        return self.expires_at < now

    def allows(self, agent: str, url: str) -> bool:
        return self.parser is not None and self.parser.can_fetch(agent, url)

    def delay_s(self, agent: str) -> float:
        """Seconds between requests the site asks of ``agent``: ``Crawl-delay``, or ``Request-rate`` n/s."""
        if self.parser is None:
            return 0.0
        delay = float(self.parser.crawl_delay(agent) or 0)
        rate = self.parser.request_rate(agent)
        if rate is not None and rate.requests > 0:
            delay = max(delay, rate.seconds / rate.requests)
        return min(delay, CRAWL_DELAY_CAP_S)
