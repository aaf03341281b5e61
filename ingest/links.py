"""A feed's links made absolute, and the links of an HTTP ``Link`` header (WebSub discovery)."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from newswire.ids import canonical_url


def absolute_link(link: str | None, feed_url: str) -> tuple[str | None, str | None]:
    """(absolute link, None), or (None, the link as written) when no fetch could use it."""
    if link is None:
        return None, None
    try:
        absolute = urljoin(feed_url, link)
        canonical_url(absolute)  # raises on what no fetch could use: "http://[::1/", a port of 99999
    except ValueError:
        return None, link[:2000]
    if urlsplit(absolute).scheme.lower() not in ("http", "https"):  # an Atom id as link: urn:uuid:..., tag:...
        return None, link[:2000]
    return absolute, None


def header_links(value: str | None, base_url: str, rel: str) -> tuple[str, ...]:
    """The absolute http(s) URLs of an HTTP ``Link`` header's links with relation ``rel`` (RFC 8288: one
    header or several joined by commas, each link ``<url>; rel="a b"``; relative URLs against ``base_url``)."""
    if not value or not value.strip():
        return ()
    from requests.utils import parse_header_links  # here: 50 ms of imports, for the feeds that send a Link

    found = []
    for link in parse_header_links(value):
        rels = " ".join(v for k, v in link.items() if k.strip().lower() == "rel").lower().split()
        if rel in rels and (absolute := absolute_link(link.get("url") or None, base_url)[0]):
            found.append(absolute)
    return tuple(dict.fromkeys(found))
