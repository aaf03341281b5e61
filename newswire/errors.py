"""newswire's exceptions, one tree::

    NewswireError
    ├── ConfigError              settings that cannot work (bad feed list, bad URL)
    ├── BrokerError              embedded broker did not start / cluster unreachable
    ├── SchemaOutOfDate          database schema older than this code: run `newswire db upgrade`
    ├── BadRecord                a message that is not a valid record (-> dead letter)
    ├── PipelineStopped          replay's worker or sink died before everything was stored (a RuntimeError)
    ├── NotStoredInTime          replay's articles were not all stored in time (a TimeoutError)
    └── FetchError               an HTTP fetch that produced nothing usable
        ├── TransientFetchError  worth retrying later: timeouts, 429, 5xx, connection errors
        └── PermanentFetchError  retrying will not help: 404, 410, not HTML/feed, too large, refused

Every ``FetchError`` carries a short ``reason`` (``timeout``, ``http_429``, ``not_html``,
``too_large``, ``private_address``...) that becomes the dead letter's and the metrics' label;
:data:`DEAD_LETTER_REASONS` lists every reason a dead letter carries.
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


class PipelineStopped(NewswireError, RuntimeError):
    pass


class NotStoredInTime(NewswireError, TimeoutError):
    pass


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


# Every reason a dead letter (and the ``newswire_dead_letters_total`` metric) carries, with what it
# means; ``http_<status>`` stands for any HTTP status the fetch could not use (``http_404``, ``http_503``).
# A record the sink could not decode for a reason of its own carries its exception's class name.
DEAD_LETTER_REASONS: dict[str, str] = {
    # fetching a feed or a page (ingest; retried later when transient, see ingest.fetch.classify)
    "timeout": "transient: the server did not answer in time",
    "connect_error": "transient: the connection was refused or reset",
    "dns_error": "transient: the host name did not resolve",
    "network_error": "transient: the connection broke mid-transfer",
    "protocol_error": "transient: the server broke HTTP",
    "robots_unavailable": "transient: robots.txt could not be read",
    "http_<status>": "an HTTP status other than 2xx (429 and 5xx are transient)",
    "robots_disallowed": "robots.txt forbids the URL",
    "private_address": "the host resolves to a private, loopback or link-local address (SSRF guard)",
    "bad_url": "not an http(s) URL",
    "bad_redirect": "a redirect without a usable Location",
    "too_many_redirects": "more redirects than allowed",
    "too_large": "a body over NEWSWIRE_MAX_RESPONSE_BYTES",
    "not_html": "a page that is not HTML",
    "empty_body": "an empty response body",
    # a feed, an entry, a page
    "not_a_feed": "the body is not RSS, Atom or RDF",
    "malformed_feed": "the feed could not be parsed",
    "feed_truncated": "the feed ended mid-document (its entries so far are used)",
    "no_link": "a feed entry without a link",
    "bad_html": "the page's HTML could not be parsed",
    "no_article_text": "no article text found in the page",
    "bad_date": "a date no UTC timestamp can hold",
    "internal_error": "a bug met while polling a feed (logged with its traceback)",
    # WebSub pushes (ingest.websub_callback; a push for a topic newswire did not subscribe to is only counted)
    "websub_too_large": "a push body over NEWSWIRE_WEBSUB_MAX_BODY_BYTES (refused)",
    "websub_bad_signature": "a push without a valid X-Hub-Signature for the subscription's secret (ignored)",
    # replaying archives
    "unknown_source": "a file that is not WARC, feed XML or JSONL",
    "unreadable_file": "a file that could not be opened",
    "unreadable": "an archive that could not be read",
    "bad_feed": "an archived feed that could not be parsed",
    "bad_encoding": "a body whose Content-Encoding could not be undone",
    "truncated_record": "a WARC record cut short",
    "clean_failed": "cleaning the archived page failed",
    # records on the topics (process, sink)
    "bad_record": "a message that is not a valid record (BadRecord)",
    "extract_timeout": "the extractor ran past its deadline",
    "extract_failed": "the extractor raised",
    "extract_incomplete": "a step of the extractor raised: the article's other findings are stored without it",
    "db_rejected": "the database refused the row",
    "unstorable_record": "a record that could not be turned into a row",
}
