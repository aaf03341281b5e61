import asyncio
import gzip
import ipaddress
import socket
import time
import zlib
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx
import pytest

from newswire.ingest import guard
from newswire.ingest.fetch import Fetcher, classify, parse_retry_after
from newswire.ingest.guard import refusal
from newswire.errors import PermanentFetchError, TransientFetchError

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><guid>1</guid></item></channel></rss>'
PAGE = b"<html><body><article><p>" + b"Words of an article. " * 20 + b"</p></article></body></html>"


def fetch(settings, method: str, url: str, **kwargs):
    """One fetch; the URL's own host:port may be private (allow_private_networks), as a feed's would be."""
    async def go():
        async with Fetcher(settings, private_origins=[url]) as fetcher:
            return await getattr(fetcher, method)(url, **kwargs)
    return asyncio.run(go())


def fetch_error(settings, method: str, url: str, **kwargs):
    with pytest.raises((TransientFetchError, PermanentFetchError)) as caught:
        fetch(settings, method, url, **kwargs)
    return caught.value


def test_feed_conditional_get_gives_not_modified_without_a_body(site, settings):
    url = site.add("/feed.xml", FEED, content_type="application/rss+xml", etag='"v1"',
                   headers={"Last-Modified": "Mon, 03 Mar 2025 10:00:00 GMT"})
    first = fetch(settings, "fetch_feed", url)
    assert first.status == 200 and first.body == FEED and first.etag == '"v1"'
    assert first.last_modified == "Mon, 03 Mar 2025 10:00:00 GMT"
    second = fetch(settings, "fetch_feed", url, etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.status == 304 and second.body == b""
    headers = site.requests[-1][1]
    assert headers["if-none-match"] == '"v1"'
    assert headers["if-modified-since"] == "Mon, 03 Mar 2025 10:00:00 GMT"
    assert headers["user-agent"] == settings.user_agent
    assert "gzip" in headers["accept-encoding"]


def test_429_is_transient_with_retry_after(site, settings):
    url = site.add("/feed.xml", b"slow down", status=429, headers={"Retry-After": "120"})
    error = fetch_error(settings, "fetch_feed", url)
    assert isinstance(error, TransientFetchError)
    assert error.reason == "http_429" and error.retry_after == 120


def test_retry_after_as_http_date():
    now = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
    assert parse_retry_after(format_datetime(now + timedelta(minutes=5), usegmt=True), now) == 300
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now) == 0
    assert parse_retry_after("soon", now) is None


@pytest.mark.parametrize("status, error_type", [
    (500, TransientFetchError), (503, TransientFetchError), (404, PermanentFetchError),
    (410, PermanentFetchError), (403, PermanentFetchError),
])
def test_status_classification(site, settings, status, error_type):
    url = site.add("/page", b"nope", status=status)
    error = fetch_error(settings, "fetch_page", url)
    assert type(error) is error_type and error.reason == f"http_{status}" and error.url == url


def test_oversized_body_refused_from_content_length(site, settings):
    url = site.add("/big", b"<p>" + b"x" * (settings.max_response_bytes + 10))
    error = fetch_error(settings, "fetch_page", url)
    assert error.reason == "too_large" and "Content-Length" in str(error)


def test_oversized_body_without_length_stops_at_the_cap(site, settings):
    def handle(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Connection", "close")
        request.end_headers()
        request.close_connection = True
        for _ in range(64):  # 4 MiB against a 1 MiB cap
            request.wfile.write(b"<p>" + b"y" * 65533)
    site.routes["/stream"] = handle
    error = fetch_error(settings, "fetch_page", site.url("/stream"))
    assert error.reason == "too_large"


def test_gzip_bomb_aborts_at_the_decoded_cap(site, settings):
    bomb = gzip.compress(b"<html>" + b"\0" * (200 * 1024 * 1024), compresslevel=9)  # 200 MiB -> ~200 KiB
    assert len(bomb) < settings.max_response_bytes
    url = site.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    started = time.perf_counter()
    error = fetch_error(settings, "fetch_page", url)
    assert error.reason == "too_large" and "decoded" in str(error)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("encoding, encode", [
    ("gzip", gzip.compress),
    ("deflate", zlib.compress),  # zlib-wrapped, as the RFC says
    ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send
])
def test_compressed_bodies_are_decoded(site, settings, encoding, encode):
    url = site.add("/z", encode(PAGE), headers={"Content-Encoding": encoding})
    assert fetch(settings, "fetch_page", url).body == PAGE


def test_trickling_server_hits_the_total_timeout(site, settings, slow_sender):
    settings = settings.model_copy(update={"total_timeout_s": 1.0, "read_timeout_s": 2.0})
    site.routes["/slow"] = slow_sender([b"<p>drip</p>"] * 30, delay_s=0.2)
    started = time.perf_counter()
    error = fetch_error(settings, "fetch_page", site.url("/slow"))
    assert isinstance(error, TransientFetchError) and error.reason == "timeout"
    assert time.perf_counter() - started < 3


def test_redirects_are_followed_and_the_final_url_reported(site, settings):
    site.add("/old", status=301, headers={"Location": "/new"})
    site.add("/new", PAGE)
    result = fetch(settings, "fetch_page", site.url("/old"))
    assert result.url == site.url("/new") and result.body == PAGE


def test_redirect_loop_is_too_many_redirects(site, settings):
    site.add("/a", status=302, headers={"Location": "/b"})
    site.add("/b", status=302, headers={"Location": "/a"})
    error = fetch_error(settings, "fetch_page", site.url("/a"))
    assert isinstance(error, PermanentFetchError) and error.reason == "too_many_redirects"
    assert site.hits("/a") + site.hits("/b") == settings.max_redirects + 1


def test_pdf_served_as_html_is_refused(site, settings):
    url = site.add("/report.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj" + b"0" * 100)
    error = fetch_error(settings, "fetch_page", url)
    assert error.reason == "not_html" and "PDF" in str(error)


def test_png_served_as_a_feed_is_refused(site, settings):
    url = site.add("/feed", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="text/xml")
    assert fetch_error(settings, "fetch_feed", url).reason == "not_a_feed"


def test_declared_non_html_type_is_refused_before_reading(site, settings):
    url = site.add("/doc", b"%PDF-1.4", content_type="application/pdf")
    assert fetch_error(settings, "fetch_page", url).reason == "not_html"


def test_empty_body_is_permanent(site, settings):
    url = site.add("/empty", b"")
    error = fetch_error(settings, "fetch_page", url)
    assert isinstance(error, PermanentFetchError) and error.reason == "empty_body"


def test_connection_refused_is_transient(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens once closed
    error = fetch_error(settings, "fetch_page", f"http://127.0.0.1:{port}/")
    assert isinstance(error, TransientFetchError) and error.reason == "connect_error"


# --- the private-address guard -----------------------------------------------------------------

@pytest.mark.parametrize("address, refused", [
    ("127.0.0.1", True), ("10.1.2.3", True), ("192.168.0.1", True), ("172.16.5.4", True),
    ("169.254.169.254", True), ("fd00:ec2::254", True), ("::1", True), ("::ffff:127.0.0.1", True),
    ("0.0.0.0", True), ("224.0.0.1", True), ("100.64.0.1", True), ("fe80::1", True),
    ("93.184.216.34", False), ("2606:2800:220:1:248:1893:25c8:1946", False),
])
def test_refusal_table(address, refused):
    assert (refusal(ipaddress.ip_address(address)) is not None) is refused


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:{port}/", "http://localhost:{port}/", "http://[::1]:{port}/",
    "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/latest/meta-data/",
])
def test_private_addresses_refused_before_connecting(site, settings, url):
    settings = settings.model_copy(update={"allow_private_networks": False})
    error = fetch_error(settings, "fetch_page", url.format(port=site.port))
    assert isinstance(error, PermanentFetchError) and error.reason == "private_address"
    assert "NEWSWIRE_ALLOW_PRIVATE_NETWORKS=true" in str(error)
    assert site.requests == []


def test_redirect_to_loopback_is_refused(settings, monkeypatch, make_site):
    # 127.0.0.2 stands in for a public server: the guard treats it as public in this test only.
    real = guard.refusal
    monkeypatch.setattr(guard, "refusal", lambda a: None if str(a) == "127.0.0.2" else real(a))
    public, private = make_site("127.0.0.2"), make_site("127.0.0.1")
    private.add("/admin", b"secret")
    public.add("/story", status=302, headers={"Location": private.url("/admin")})
    public.add("/ok", PAGE)
    settings = settings.model_copy(update={"allow_private_networks": False})
    assert fetch(settings, "fetch_page", public.url("/ok")).body == PAGE
    error = fetch_error(settings, "fetch_page", public.url("/story"))
    assert error.reason == "private_address"
    assert public.hits("/story") == 1 and private.requests == []


# --- politeness ----------------------------------------------------------------------------------

def test_robots_txt_is_honoured_and_cached(site, settings):
    settings = settings.model_copy(update={"respect_robots": True})
    site.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add("/private/story", PAGE)
    site.add("/public/story", PAGE)

    async def go():
        async with Fetcher(settings, private_origins=[site.url("/")]) as fetcher:
            assert (await fetcher.fetch_page(site.url("/public/story"))).body == PAGE
            with pytest.raises(PermanentFetchError) as caught:
                await fetcher.fetch_page(site.url("/private/story"))
            assert caught.value.reason == "robots_disallowed"
    asyncio.run(go())
    assert site.hits("/robots.txt") == 1 and site.hits("/private/story") == 0


def test_missing_robots_allows_and_broken_robots_is_transient(site, settings):
    settings = settings.model_copy(update={"respect_robots": True})
    site.add("/story", PAGE)
    assert fetch(settings, "fetch_page", site.url("/story")).body == PAGE  # robots.txt is 404
    site.add("/robots.txt", b"oops", status=503)
    error = fetch_error(settings, "fetch_page", site.url("/story"))
    assert isinstance(error, TransientFetchError) and error.reason == "robots_unavailable"


def test_feeds_ignore_robots(site, settings):
    settings = settings.model_copy(update={"respect_robots": True})
    site.add("/robots.txt", b"User-agent: *\nDisallow: /\n", content_type="text/plain")
    url = site.add("/feed.xml", FEED, content_type="application/rss+xml")
    assert fetch(settings, "fetch_feed", url).body == FEED


def test_minimum_delay_between_requests_to_one_host(site, settings):
    settings = settings.model_copy(update={"per_host_delay_s": 0.25})
    site.add("/p", PAGE)

    async def go():
        async with Fetcher(settings, private_origins=[site.url("/")]) as fetcher:
            await asyncio.gather(*(fetcher.fetch_page(site.url(f"/p?{i}")) for i in range(4)))
    asyncio.run(go())
    gaps = [later - earlier for earlier, later in zip(site.arrivals, site.arrivals[1:])]
    assert len(gaps) == 3 and min(gaps) >= 0.2


@pytest.mark.parametrize("rule", ["Crawl-delay: 1", "Request-rate: 1/1"])  # whole numbers, as robotparser reads them
def test_a_sites_crawl_delay_spaces_its_pages_out(site, settings, rule):
    settings = settings.model_copy(update={"respect_robots": True, "per_host_delay_s": 0.0})
    site.add("/robots.txt", f"User-agent: *\n{rule}\nDisallow: /private/\n".encode(), content_type="text/plain")
    site.add("/p", PAGE)

    async def go():
        async with Fetcher(settings, private_origins=[site.url("/")]) as fetcher:
            await asyncio.gather(*(fetcher.fetch_page(site.url(f"/p?{i}")) for i in range(3)))
    asyncio.run(go())
    pages = [at for (path, _), at in zip(site.requests, site.arrivals) if path.startswith("/p?")]
    gaps = [later - earlier for earlier, later in zip(pages, pages[1:])]
    assert len(gaps) == 2 and min(gaps) >= 0.95


def test_per_host_concurrency_limit(site, settings, slow_sender):
    settings = settings.model_copy(update={"per_host_concurrency": 1})
    site.routes["/slow"] = slow_sender([PAGE], delay_s=0.2)

    async def go():
        async with Fetcher(settings, private_origins=[site.url("/")]) as fetcher:
            started = time.perf_counter()
            await asyncio.gather(*(fetcher.fetch_page(site.url(f"/slow?{i}")) for i in range(3)))
            return time.perf_counter() - started
    assert asyncio.run(go()) >= 0.55  # three 0.2 s responses, one at a time


# --- classify -------------------------------------------------------------------------------------

@pytest.mark.parametrize("exc, reason, transient", [
    (httpx.ReadTimeout("slow"), "timeout", True),
    (TimeoutError(), "timeout", True),
    (httpx.ConnectError("refused"), "connect_error", True),
    (httpx.RemoteProtocolError("bad"), "protocol_error", True),
    (httpx.ReadError("reset"), "network_error", True),
    (socket.gaierror(-2, "Name or service not known"), "dns_error", True),
    (httpx.UnsupportedProtocol("ftp"), "bad_url", False),
])
def test_classify_exceptions(exc, reason, transient):
    error = classify("http://x.example/", exc=exc)
    assert error.reason == reason
    assert isinstance(error, TransientFetchError if transient else PermanentFetchError)


def test_classify_reasons():
    assert isinstance(classify("u", reason="too_large"), PermanentFetchError)
    assert isinstance(classify("u", reason="timeout"), TransientFetchError)
    assert classify("u", status=503, headers={"retry-after": "30"}).retry_after == 30


# --- URLs httpx cannot parse: permanent, never an internal error -----------------------------------

BAD_URLS = ["http://127.000.000.001:{port}/", "http://\uff11\uff12\uff17.\uff10.\uff10.\uff11:{port}/"]


@pytest.mark.parametrize("url", [*BAD_URLS, "http://[::1:{port}/", "http://127.0.0.1:99999/"])
def test_unparsable_urls_are_bad_url(site, settings, url):
    site.add("/", PAGE)
    error = fetch_error(settings, "fetch_page", url.format(port=site.port))
    assert isinstance(error, PermanentFetchError) and error.reason == "bad_url"
    assert site.requests == []


def raw_redirect(location: bytes):
    """A 302 whose Location is sent as raw bytes (http.server would refuse non-latin-1 text)."""
    def handle(request) -> None:
        request.wfile.write(b"HTTP/1.1 302 Found\r\nLocation: " + location + b"\r\nContent-Length: 0\r\n\r\n")
        request.wfile.flush()
    return handle


@pytest.mark.parametrize("location", [*BAD_URLS, "http://127.0.0.1:99999/"])
def test_redirect_to_an_unparsable_url_is_a_permanent_bad_redirect(site, settings, location):
    site.routes["/story"] = raw_redirect(location.format(port=site.port).encode())
    error = fetch_error(settings, "fetch_page", site.url("/story"))
    assert isinstance(error, PermanentFetchError) and error.reason == "bad_redirect"
    assert site.hits("/story") == 1 and len(site.requests) == 1


def test_bad_location_is_classified_by_the_one_classifier():
    error = classify("http://a/", exc=httpx.RemoteProtocolError("Invalid URL in location header: bad."))
    assert isinstance(error, PermanentFetchError) and error.reason == "bad_redirect"
    error = classify("http://a/", exc=httpx.InvalidURL("Invalid IPv4 address"))
    assert isinstance(error, PermanentFetchError) and error.reason == "bad_url"
    assert classify("http://a/", exc=httpx.RemoteProtocolError("illegal header")).reason == "protocol_error"


# --- the guard: embedded IPv4, and what allow_private_networks still refuses -----------------------

@pytest.mark.parametrize("address, kind", [
    ("2002:7f00:1::1", "6to4"), ("2002:a00:1::1", "6to4"), ("2002:c0a8:101::1", "6to4"),
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo"),  # client 127.0.0.1
    ("64:ff9b::7f00:1", "NAT64"),
])
def test_ipv6_addresses_embedding_a_refused_ipv4_are_refused_by_what_they_embed(address, kind):
    why = refusal(ipaddress.ip_address(address))
    assert why is not None and why.startswith(f"a {kind} address embedding")


def test_6to4_of_a_public_ipv4_passes():
    assert refusal(ipaddress.ip_address("2002:5db8:d822::1")) is None  # 93.184.216.34


def test_ipv4_mapped_loopback_is_refused():
    assert refusal(ipaddress.ip_address("::ffff:127.0.0.1")) == "a loopback address"
    assert refusal(ipaddress.ip_address("::ffff:10.0.0.1")) == "a private address"


def test_allow_private_networks_allows_only_the_host_and_port_of_configured_feeds(make_site, settings):
    feed_site, other_port = make_site(), make_site()
    feed_url = feed_site.add("/feed.xml", FEED, content_type="application/rss+xml")
    feed_site.add("/story", PAGE)
    other_port.add("/admin", PAGE)

    async def go():
        async with Fetcher(settings) as fetcher:
            with pytest.raises(PermanentFetchError) as before:  # not a feed's host yet
                await fetcher.fetch_page(feed_site.url("/story"))
            assert (await fetcher.fetch_feed(feed_url)).body == FEED
            assert (await fetcher.fetch_page(feed_site.url("/story"))).body == PAGE
            errors = []
            for url in (other_port.url("/admin"), f"http://localhost:{feed_site.port}/story"):
                with pytest.raises(PermanentFetchError) as caught:
                    await fetcher.fetch_page(url)
                errors.append(caught.value)
            return before.value, errors
    before, errors = asyncio.run(go())
    assert before.reason == "private_address"
    assert [error.reason for error in errors] == ["private_address", "private_address"]
    assert "allows only the host:port of configured feeds" in str(errors[0])
    assert other_port.requests == [] and feed_site.hits("/story") == 1


def test_feeds_from_settings_are_allowed_from_the_start(site, settings):
    settings = settings.model_copy(update={"feeds": [site.url("/feed.xml")]})
    site.add("/story", PAGE)

    async def go():
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch_page(site.url("/story"))
    assert asyncio.run(go()).body == PAGE


def test_without_allow_private_networks_a_feed_host_is_still_refused(site, settings):
    settings = settings.model_copy(update={"allow_private_networks": False})
    url = site.add("/feed.xml", FEED, content_type="application/rss+xml")
    error = fetch_error(settings, "fetch_feed", url)
    assert error.reason == "private_address" and site.requests == []
