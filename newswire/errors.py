"""newswire's exceptions, one tree::

    NewswireError
    ├── ConfigError              settings that cannot work (bad feed list, bad URL)
    ├── BrokerError              embedded broker did not start / cluster unreachable
    ├── SchemaOutOfDate          database schema older than this code: run `newswire db upgrade`
    ├── BadRecord                a message that is not a valid record (-> dead letter)
    └── FetchError               an HTTP fetch that produced nothing usable
        ├── TransientFetchError  worth retrying later: timeouts, 429, 5xx, connection errors
        └── PermanentFetchError  retrying will not help: 404, 410, not HTML/feed, too large, refused

Every ``FetchError`` carries a short ``reason`` (``timeout``, ``http_429``, ``not_html``,
``too_large``, ``private_address``...) that becomes the dead letter's and the metrics' label.
"""

from __future__ import annotations


class NewswireError(Exception):
    """Base of every error newswire raises on purpose."""


class ConfigError(NewswireError):
    pass


class BrokerError(NewswireError):
    pass


class SchemaOutOfDate(NewswireError):
    pass


class BadRecord(NewswireError):
    reason = "bad_record"


class FetchError(NewswireError):
    def __init__(self, reason: str, message: str, *, url: str | None = None, retry_after: float | None = None):
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.url = url
        self.retry_after = retry_after


class TransientFetchError(FetchError):
    pass


class PermanentFetchError(FetchError):
    pass
